/*
 * plan.h - a sweep's plan: its identity (the hash that names it in the
 * result store) and its runs, each a "fragsim run" command line tagged
 * with the sweep, its point and its seed.  Runs are numbered point-major:
 * run k is point k / seeds with seed k % seeds + 1.
 */
#ifndef FRAGSIM_EXPERIMENT_PLAN_H
#define FRAGSIM_EXPERIMENT_PLAN_H

#include <stddef.h>

#include "experiment/axes.h"

#define SWEEP_ID_LEN	16	/* hex digits */

struct sweep_plan {
	const char *fragsim;		/* the program the runs execute */
	const char *model, *workload;	/* paths as the runs name them */
	const char *model_text, *workload_text;
	const char *const *vary;	/* the --vary arguments, in order */
	size_t nr_vary;
	const char *const *sets;	/* the fixed --set arguments */
	size_t nr_sets;
	const char *tick;		/* --tick, or NULL */
	const char *version;		/* fragsim's version */
	struct axes axes;		/* parsed from vary */
	unsigned seeds;
	char sweep_id[SWEEP_ID_LEN + 1];
};

/* Set p->sweep_id from everything that makes the sweep what it is. */
void sweep_plan_identify(struct sweep_plan *p);

/* The sweeps row's text: the --vary or --set arguments, one per line
 * (free() it). */
char *sweep_plan_lines(const char *const *args, size_t n);

size_t sweep_plan_nr_runs(const struct sweep_plan *p);

/* Run k's point and seed. */
size_t sweep_plan_point(const struct sweep_plan *p, size_t k);
unsigned sweep_plan_seed(const struct sweep_plan *p, size_t k);

/*
 * The argv (NULL-terminated; sweep_plan_argv_free) of "fragsim run" for
 * run k into database db: the fixed sets, then the axes' values at its
 * point, --seed, --sweep and --point.
 */
char **sweep_plan_run_argv(const struct sweep_plan *p, size_t k,
			   const char *db);

/*
 * The argv of "fragsim run --dry-run" with the fixed sets and the values
 * of point (no database): booting it checks the point's values.
 */
char **sweep_plan_check_argv(const struct sweep_plan *p, size_t point);

void sweep_plan_argv_free(char **argv);


#endif
