/*
 * run.h - one run set up from a machine, a workload and the user's
 * "--set KEY=VALUE" assignments, before it boots: where each assignment
 * goes (a boot parameter rewrites the command line, cpus, a sysctl, or a
 * workload SECTION.KEY), and whether the workload's generators fit the
 * booted machine.  fragsim run and a sweep's checking of its values
 * (through run --dry-run) share them.  Then its record in the result
 * store: opened once everything the run needs was checked, and closed
 * with how the run ended.
 */
#ifndef FRAGSIM_EXPERIMENT_RUN_H
#define FRAGSIM_EXPERIMENT_RUN_H

#include <stdint.h>

#include "mm/page_alloc.h"
#include "sim/sim.h"
#include "experiment/recorder.h"
#include "store/store.h"
#include "util/time.h"
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

/* Where a run is recorded, and what its record says beside the machine
 * and the workload. */
struct experiment_record {
	const char *db;			/* the result store's path */
	const char *command_line;	/* as given */
	const char *model_kind;		/* "model" or "dmesg" */
	const char *model_path;
	const char *workload_path;
	const char *const *sets;	/* the --set arguments, in order */
	int nr_sets;
	uint64_t seed;
	sim_time_t tick, map_interval;	/* map_interval 0: no maps */
	const char *sweep_id;		/* its sweep, or NULL */
	int64_t point;			/* its point in the sweep */
};

/*
 * Open the result store and record the run of w on machine m, booted as
 * mm, as "running", with rec (initialised here) to record it: call it
 * once everything the run needs has been checked, so that a run that
 * cannot start leaves no row.  0, or -1 (reported; *st is NULL).
 */
int experiment_open_store(const struct experiment_record *r,
			  const struct machine *m, const struct workload *w,
			  const struct mm_state *mm, struct store **st,
			  struct run_recorder *rec);

/* Record how the run s ended and close the store; 0 or -1 (reported). */
int experiment_close_store(struct store *st, struct run_recorder *rec,
			   enum run_status status, const struct sim *s,
			   double wall);

#endif
