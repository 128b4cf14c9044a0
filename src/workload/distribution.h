/*
 * distribution.h - the random quantities of a workload: lifetimes (a
 * duration, or a distribution of durations) and request orders (a fixed
 * order, a distribution of orders or an empirical table), drawn with GSL.
 *
 * Lifetimes:  10s | uniform(1s, 10s) | exponential(MEAN) |
 *             lognormal(MEDIAN, SIGMA) | pareto(SCALE, SHAPE) |
 *             phase | forever
 * Orders:     3 | uniform(0, 3) | geometric(P) | table(0:70, 1:20, 3:10)
 *
 * doc/workloads.md defines each one; units.h parses the durations.
 */
#ifndef FRAGSIM_WORKLOAD_DISTRIBUTION_H
#define FRAGSIM_WORKLOAD_DISTRIBUTION_H

#include <stddef.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

enum dist_kind {
	DIST_FIXED,
	DIST_UNIFORM,
	DIST_EXPONENTIAL,
	DIST_LOGNORMAL,
	DIST_PARETO,
	DIST_GEOMETRIC,
	DIST_TABLE,
	DIST_PHASE,		/* lifetime: until the phase ends */
	DIST_FOREVER,		/* lifetime: never freed */
};

/* What is drawn: durations in ns, or orders 0..max_order. */
enum dist_domain {
	DIST_TIME,
	DIST_ORDER,
};

struct distribution {
	enum dist_kind kind;
	enum dist_domain domain;
	double a, b;		/* the parameters, in ns for durations */
	unsigned int max_order;	/* orders: draws above are clamped */
	size_t n;		/* table: entries */
	double *values;		/* table: the orders */
	double *weights;	/* table: their weights */
	gsl_ran_discrete_t *table;
};

/*
 * Parse text into d for domain (orders up to max_order).  Returns 0, or
 * -1 with err (errlen bytes) saying what was expected.
 */
int distribution_parse(struct distribution *d, const char *text,
		       enum dist_domain domain, unsigned int max_order,
		       char *err, size_t errlen);

void distribution_release(struct distribution *d);

/* One draw (a duration in ns, or an order).  Not for PHASE or FOREVER. */
double distribution_sample(const struct distribution *d, gsl_rng *r);

/* The mean of the draws, clamping included; NAN where it is infinite. */
double distribution_mean(const struct distribution *d);

/* Its variance, or NAN where it is infinite. */
double distribution_variance(const struct distribution *d);

#endif
