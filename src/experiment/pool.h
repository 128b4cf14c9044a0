/*
 * pool.h - running a sweep's simulations as child processes, a few at a
 * time: each job is a command line (normally "fragsim run ..."), started
 * with fork and execv as soon as a worker is free.
 */
#ifndef FRAGSIM_EXPERIMENT_POOL_H
#define FRAGSIM_EXPERIMENT_POOL_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

struct pool_job {
	char **argv;		/* NULL-terminated; argv[0] is the program */
	int status;		/* after pool_run: exit status, or -1 */
};

struct pool_observer {
	void *ctx;
	/* a job ended (its status is set); called once its worker has
	 * started the next job, so that the two overlap */
	void (*done)(void *ctx, size_t job);
};

/*
 * Run the jobs, at most nr_workers at once, in order.  Once *stop is set
 * (a signal handler's flag), no new job starts; the running ones are
 * waited for (they got the same signal).  Returns the number of jobs that
 * exited with status 0.
 */
size_t pool_run(struct pool_job *jobs, size_t nr_jobs, int nr_workers,
		const struct pool_observer *obs,
		volatile sig_atomic_t *stop);

/* The number of CPUs the machine has online (at least 1). */
int pool_default_workers(void);

#endif
