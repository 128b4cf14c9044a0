/*
 * stats.c - means and confidence intervals (see stats.h).
 */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "util/stats.h"

struct mean_ci mean_ci95(const double *values, size_t n)
{
	struct mean_ci r = { .n = n, .mean = NAN, .half = NAN };

	if (!n)
		return r;
	r.mean = gsl_stats_mean(values, 1, n);
	if (n < 2)
		return r;
	/* t quantile for a two-sided 95% interval with n - 1 degrees */
	r.half = gsl_cdf_tdist_Pinv(0.975, (double)(n - 1)) *
		 gsl_stats_sd_m(values, 1, n, r.mean) / sqrt((double)n);
	return r;
}
