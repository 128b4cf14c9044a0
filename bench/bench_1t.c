/*
 * bench_1t.c - the whole command on a 1 TiB machine: fragsim run of the
 * four-node 1 TiB model with the stress-highalloc workload (a fill of
 * memory, the release of half of it, order-9 requests), timed from outside
 * as a user would time it.  The child's peak resident memory comes from
 * wait4's rusage, so it is exact, not sampled; its event count from the
 * summary it prints.  Usage: bench_1t FRAGSIM SRCDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"

/* The "simulated ..., N events" line of the summary: N, or -1. */
static long long events_of(FILE *out)
{
	char line[512];
	long long events = -1;

	while (fgets(line, sizeof(line), out)) {
		const char *comma = strstr(line, ", ");

		if (!strncmp(line, "simulated ", 10) && comma &&
		    strstr(comma, " events"))
			events = atoll(comma + 2);
	}
	return events;
}

int main(int argc, char **argv)
{
	char model[4096], workload[4096];
	struct rusage ru;
	long long events;
	double start, wall;
	int fd[2], status;
	pid_t pid;
	FILE *out;

	if (argc != 3) {
		fprintf(stderr, "usage: bench_1t FRAGSIM SRCDIR\n");
		return 2;
	}
	snprintf(model, sizeof(model), "%s/models/x86_64-4node-1t.ini", argv[2]);
	snprintf(workload, sizeof(workload),
		 "%s/workloads/stress-highalloc.ini", argv[2]);
	if (pipe(fd)) {
		perror("bench_1t: pipe");
		return 1;
	}
	start = bench_now();
	pid = fork();
	if (pid < 0) {
		perror("bench_1t: fork");
		return 1;
	}
	if (!pid) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execl(argv[1], argv[1], "run", model, workload, "-q",
		      (char *)NULL);
		perror("bench_1t: exec");
		_exit(127);
	}
	close(fd[1]);
	out = fdopen(fd[0], "r");
	events = out ? events_of(out) : -1;
	if (out)
		fclose(out);
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) || events < 0) {
		fprintf(stderr, "bench_1t: fragsim run failed (status %d)\n",
			status);
		return 1;
	}
	wall = bench_now() - start;
	printf("bench_1t: fragsim run of models/x86_64-4node-1t.ini with "
	       "workloads/stress-highalloc.ini (%ld CPUs online)\n",
	       sysconf(_SC_NPROCESSORS_ONLN));
	printf("  wall:         %.1f s (target: under 60 s)\n", wall);
	printf("  events:       %lld, %.2f M events/s\n", events,
	       events / wall / 1e6);
	printf("  peak memory:  %.2f GiB resident (target: under 4 GiB)\n",
	       ru.ru_maxrss / 1048576.0);
	return 0;
}
