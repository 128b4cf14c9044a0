/*
 * pool.c - child processes for sweeps (see pool.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "experiment/pool.h"
#include "util/xalloc.h"

int pool_default_workers(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

static pid_t start(const struct pool_job *job)
{
	pid_t pid = fork();

	if (pid == 0) {
		execv(job->argv[0], job->argv);
		fprintf(stderr, "fragsim: cannot run %s: %s\n", job->argv[0],
			strerror(errno));
		_exit(127);
	}
	return pid;
}

size_t pool_run(struct pool_job *jobs, size_t nr_jobs, int nr_workers,
		const struct pool_observer *obs,
		volatile sig_atomic_t *stop)
{
	pid_t *pids = xcalloc((size_t)nr_workers, sizeof(*pids));
	size_t *slot_job = xcalloc((size_t)nr_workers, sizeof(*slot_job));
	size_t next = 0, ok = 0, finished = SIZE_MAX;
	int running = 0;

	for (size_t i = 0; i < nr_jobs; i++)
		jobs[i].status = -1;
	for (;;) {
		int status, w;
		pid_t pid;

		for (w = 0; w < nr_workers && next < nr_jobs && !*stop; w++) {
			if (pids[w])
				continue;
			pids[w] = start(&jobs[next]);
			if (pids[w] < 0) {
				pids[w] = 0;
				jobs[next].status = -1;
				next++;
				continue;
			}
			slot_job[w] = next++;
			running++;
		}
		/*
		 * The job that just ended is reported once its worker runs
		 * the next one: the observer's work (merging a shard) then
		 * overlaps the simulations instead of idling a worker.
		 */
		if (finished != SIZE_MAX) {
			if (obs && obs->done)
				obs->done(obs->ctx, finished);
			finished = SIZE_MAX;
		}
		if (!running)
			break;
		pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;	/* Ctrl-C: wait for the rest */
			break;
		}
		for (w = 0; w < nr_workers && pids[w] != pid; w++)
			;
		if (w == nr_workers)
			continue;	/* not ours */
		pids[w] = 0;
		running--;
		jobs[slot_job[w]].status = WIFEXITED(status) ?
					   WEXITSTATUS(status) : -1;
		ok += jobs[slot_job[w]].status == 0;
		finished = slot_job[w];
	}
	free(pids);
	free(slot_job);
	return ok;
}
