/*
 * bench_util.c - helpers of the benchmarks (see bench_util.h).
 */
#include <stdlib.h>
#include <time.h>

#include "bench_util.h"
#include "machine/model.h"

double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void bench_boot_machine(struct mm_state *mm, struct machine *m)
{
	struct printk_log log;

	printk_init(&log);
	if (mm_init(mm, m, &log))
		exit(2);
	mm->log = NULL;
	printk_release(&log);
	machine_release(m);
}

void bench_boot_model(struct mm_state *mm, const char *model)
{
	struct machine m;

	if (model_load(&m, model))
		exit(2);
	bench_boot_machine(mm, &m);
}
