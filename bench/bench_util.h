/*
 * bench_util.h - what the benchmarks share: a monotonic clock and booting
 * a machine quietly.
 */
#ifndef FRAGSIM_BENCH_UTIL_H
#define FRAGSIM_BENCH_UTIL_H

#include "mm/page_alloc.h"

/* Seconds on the monotonic clock. */
double bench_now(void);

/* Boot m into mm (its boot messages dropped); exits 2 on bad input. */
void bench_boot_machine(struct mm_state *mm, struct machine *m);

/* Load the model file and boot it; exits 2 on bad input. */
void bench_boot_model(struct mm_state *mm, const char *model);

#endif
