/*
 * run.h - one run set up from a machine, a workload and the user's
 * "--set KEY=VALUE" assignments, before it boots: where each assignment
 * goes (a boot parameter rewrites the command line, cpus, a sysctl, or a
 * workload SECTION.KEY), and whether the workload's generators fit the
 * booted machine.  fragsim run and a sweep's checking of its values
 * (through run --dry-run) share them.
 */
#ifndef FRAGSIM_EXPERIMENT_RUN_H
#define FRAGSIM_EXPERIMENT_RUN_H

#include "mm/page_alloc.h"
#include "workload/workload.h"

/*
 * Apply one KEY=VALUE to the machine or the workload; 0, or -1 after an
 * error reported as from origin ("--set", or "--vary" for a sweep's value).
 */
int experiment_apply_set(struct machine *m, struct workload *w,
			 const char *arg, const char *origin);

/* The generators run on CPUs and nodes mm has; -1 after the errors. */
int experiment_check_placement(const struct workload *w,
			       const struct mm_state *mm);

#endif
