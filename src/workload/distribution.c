/*
 * distribution.c - parsing and drawing lifetimes and orders with GSL (see
 * distribution.h).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "workload/distribution.h"
#include "workload/units.h"

#define MAX_ARGS 64

/* Split "name(a, b, ...)" into name and args; -1 if not of that form. */
static int split_call(char *s, char **name, char **args, int *nargs)
{
	char *open = strchr(s, '('), *close, *p;

	*nargs = 0;
	if (!open)
		return 0;		/* a bare word or value */
	close = strrchr(s, ')');
	if (!close || close < open)
		return -1;
	for (p = close + 1; *p; p++)
		if (!isspace((unsigned char)*p))
			return -1;
	*open = *close = '\0';
	*name = s;
	for (p = strtok(open + 1, ","); p; p = strtok(NULL, ",")) {
		if (*nargs == MAX_ARGS)
			return -1;
		args[(*nargs)++] = p;
	}
	return 1;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int time_arg(const char *s, double *out)
{
	sim_time_t t;

	if (parse_duration(s, &t))
		return -1;
	*out = (double)t;
	return 0;
}

static int order_arg(const char *s, unsigned int max_order, double *out)
{
	uint64_t v;

	if (parse_count(s, max_order, &v))
		return -1;
	*out = (double)v;
	return 0;
}

static int parse_lifetime_call(struct distribution *d, const char *name,
			       char **args, int nargs)
{
	if (!strcmp(name, "exponential") && nargs == 1) {
		d->kind = DIST_EXPONENTIAL;
		return time_arg(args[0], &d->a) || !(d->a > 0) ? -1 : 0;
	}
	if (!strcmp(name, "uniform") && nargs == 2) {
		d->kind = DIST_UNIFORM;
		return time_arg(args[0], &d->a) || time_arg(args[1], &d->b) ||
		       !(d->b > d->a) ? -1 : 0;
	}
	if (!strcmp(name, "lognormal") && nargs == 2) {
		d->kind = DIST_LOGNORMAL;
		return time_arg(args[0], &d->a) || !(d->a > 0) ||
		       parse_number(args[1], &d->b) || !(d->b > 0) ? -1 : 0;
	}
	if (!strcmp(name, "pareto") && nargs == 2) {
		d->kind = DIST_PARETO;
		return time_arg(args[0], &d->a) || !(d->a > 0) ||
		       parse_number(args[1], &d->b) || !(d->b > 0) ? -1 : 0;
	}
	return -1;
}

static int parse_table(struct distribution *d, char **args, int nargs)
{
	double total = 0;

	d->kind = DIST_TABLE;
	d->n = (size_t)nargs;
	d->values = xcalloc(d->n, sizeof(*d->values));
	d->weights = xcalloc(d->n, sizeof(*d->weights));
	for (int i = 0; i < nargs; i++) {
		char *colon = strchr(args[i], ':');

		if (!colon)
			return -1;
		*colon = '\0';
		if (order_arg(args[i], d->max_order, &d->values[i]) ||
		    parse_number(colon + 1, &d->weights[i]) ||
		    d->weights[i] < 0)
			return -1;
		total += d->weights[i];
	}
	if (!(total > 0))
		return -1;
	d->table = gsl_ran_discrete_preproc(d->n, d->weights);
	return 0;
}

static int parse_order_call(struct distribution *d, const char *name,
			    char **args, int nargs)
{
	if (!strcmp(name, "geometric") && nargs == 1) {
		d->kind = DIST_GEOMETRIC;
		return parse_number(args[0], &d->a) || !(d->a > 0) ||
		       d->a > 1 ? -1 : 0;
	}
	if (!strcmp(name, "uniform") && nargs == 2) {
		d->kind = DIST_UNIFORM;
		return order_arg(args[0], d->max_order, &d->a) ||
		       order_arg(args[1], d->max_order, &d->b) ||
		       d->b < d->a ? -1 : 0;
	}
	if (!strcmp(name, "table") && nargs >= 1)
		return parse_table(d, args, nargs);
	return -1;
}

static void expected(enum dist_domain domain, unsigned int max_order,
		     char *err, size_t errlen)
{
	if (domain == DIST_TIME)
		snprintf(err, errlen, "expected a duration (10s), "
			 "uniform(MIN, MAX), exponential(MEAN), "
			 "lognormal(MEDIAN, SIGMA), pareto(SCALE, SHAPE), "
			 "phase or forever");
	else
		snprintf(err, errlen, "expected an order from 0 to %u, "
			 "uniform(MIN, MAX), geometric(P) with 0 < P <= 1, "
			 "or table(ORDER:WEIGHT, ...)", max_order);
}

int distribution_parse(struct distribution *d, const char *text,
		       enum dist_domain domain, unsigned int max_order,
		       char *err, size_t errlen)
{
	char *copy = xstrdup(text), *name = NULL, *args[MAX_ARGS];
	int nargs, call, ret = -1;

	*d = (struct distribution){ .domain = domain, .max_order = max_order };
	call = split_call(copy, &name, args, &nargs);
	for (int i = 0; i < nargs; i++)
		args[i] = trim(args[i]);
	if (call > 0) {
		name = trim(name);
		ret = domain == DIST_TIME ?
			parse_lifetime_call(d, name, args, nargs) :
			parse_order_call(d, name, args, nargs);
	} else if (call == 0) {
		char *word = trim(copy);

		d->kind = DIST_FIXED;
		if (domain == DIST_TIME && !strcmp(word, "phase")) {
			d->kind = DIST_PHASE;
			ret = 0;
		} else if (domain == DIST_TIME && !strcmp(word, "forever")) {
			d->kind = DIST_FOREVER;
			ret = 0;
		} else {
			ret = domain == DIST_TIME ? time_arg(word, &d->a) :
				order_arg(word, max_order, &d->a);
		}
	}
	free(copy);
	if (ret) {
		distribution_release(d);
		expected(domain, max_order, err, errlen);
	}
	return ret;
}

void distribution_release(struct distribution *d)
{
	if (d->table)
		gsl_ran_discrete_free(d->table);
	free(d->values);
	free(d->weights);
	d->table = NULL;
	d->values = d->weights = NULL;
}

double distribution_sample(const struct distribution *d, gsl_rng *r)
{
	double k;

	switch (d->kind) {
	case DIST_FIXED:
		return d->a;
	case DIST_UNIFORM:
		if (d->domain == DIST_ORDER)
			return d->a + (double)gsl_rng_uniform_int(r,
				(unsigned long)(d->b - d->a) + 1);
		return round(gsl_ran_flat(r, d->a, d->b));
	case DIST_EXPONENTIAL:
		return round(gsl_ran_exponential(r, d->a));
	case DIST_LOGNORMAL:
		return round(gsl_ran_lognormal(r, log(d->a), d->b));
	case DIST_PARETO:
		return round(gsl_ran_pareto(r, d->b, d->a));
	case DIST_GEOMETRIC:
		/* GSL counts trials (k >= 1); an order counts failures */
		k = (double)gsl_ran_geometric(r, d->a) - 1;
		return k > d->max_order ? d->max_order : k;
	case DIST_TABLE:
		return d->values[gsl_ran_discrete(r, d->table)];
	case DIST_PHASE:
	case DIST_FOREVER:
		break;
	}
	abort();
}

/* The geometric order's moments with its clamp: sum over the orders. */
static double geometric_moment(const struct distribution *d, int power)
{
	double sum = 0, q = 1 - d->a;

	for (unsigned int k = 0; k < d->max_order; k++)
		sum += pow(k, power) * d->a * pow(q, k);
	return sum + pow(d->max_order, power) * pow(q, d->max_order);
}

static double table_moment(const struct distribution *d, int power)
{
	double sum = 0, total = 0;

	for (size_t i = 0; i < d->n; i++) {
		sum += d->weights[i] * pow(d->values[i], power);
		total += d->weights[i];
	}
	return sum / total;
}

double distribution_mean(const struct distribution *d)
{
	switch (d->kind) {
	case DIST_FIXED:
		return d->a;
	case DIST_UNIFORM:
		return (d->a + d->b) / 2;
	case DIST_EXPONENTIAL:
		return d->a;
	case DIST_LOGNORMAL:
		return d->a * exp(d->b * d->b / 2);
	case DIST_PARETO:
		return d->b > 1 ? d->b * d->a / (d->b - 1) : NAN;
	case DIST_GEOMETRIC:
		return geometric_moment(d, 1);
	case DIST_TABLE:
		return table_moment(d, 1);
	default:
		return NAN;
	}
}

double distribution_variance(const struct distribution *d)
{
	double m = distribution_mean(d), w;

	switch (d->kind) {
	case DIST_FIXED:
		return 0;
	case DIST_UNIFORM:
		w = d->b - d->a;
		/* discrete orders: ((n^2) - 1) / 12 with n values */
		return d->domain == DIST_ORDER ? ((w + 1) * (w + 1) - 1) / 12 :
						 w * w / 12;
	case DIST_EXPONENTIAL:
		return d->a * d->a;
	case DIST_LOGNORMAL:
		return (exp(d->b * d->b) - 1) * m * m;
	case DIST_PARETO:
		return d->b > 2 ? d->a * d->a * d->b /
			((d->b - 1) * (d->b - 1) * (d->b - 2)) : NAN;
	case DIST_GEOMETRIC:
		return geometric_moment(d, 2) - m * m;
	case DIST_TABLE:
		return table_moment(d, 2) - m * m;
	default:
		return NAN;
	}
}
