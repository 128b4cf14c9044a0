/*
 * stats.h - summaries across the seeds of a sweep point: the mean and the
 * half-width of its 95% confidence interval from Student's t distribution
 * (GSL), as `fragsim report` prints them.
 */
#ifndef FRAGSIM_UTIL_STATS_H
#define FRAGSIM_UTIL_STATS_H

#include <stddef.h>

struct mean_ci {
	size_t n;
	double mean;
	double half;	/* mean +- half is the 95% interval; NAN if n < 2 */
};

/* The mean of values[0..n) and its 95% confidence interval. */
struct mean_ci mean_ci95(const double *values, size_t n);

#endif
