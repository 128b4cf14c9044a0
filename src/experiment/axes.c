/*
 * axes.c - sweep axes (see axes.h).
 *
 * A range's values are computed as START + k * STEP in integers of the
 * smallest decimal unit the three numbers use, so that 0.1..0.3/0.1 has
 * exactly three values whatever binary floating point would make of it.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/axes.h"
#include "util/xalloc.h"

#define MAX_AXIS_VALUES 100000

/* A number and its unit ("10%", "1.5G", "400"). */
struct quantity {
	double value;
	int decimals;		/* digits after the decimal point */
	char unit[8];
};

static int parse_quantity(const char *s, size_t len, struct quantity *q)
{
	char buf[64], *end;
	const char *dot;

	if (!len || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!isdigit((unsigned char)buf[0]) && buf[0] != '-' && buf[0] != '.')
		return -1;
	q->value = strtod(buf, &end);
	if (end == buf || !isfinite(q->value) || strlen(end) >= sizeof(q->unit))
		return -1;
	for (const char *u = end; *u; u++)
		if (!isalpha((unsigned char)*u) && *u != '%')
			return -1;
	strcpy(q->unit, end);
	dot = strchr(buf, '.');
	q->decimals = dot ? (int)(end - dot - 1) : 0;
	return 0;
}

static void add_value(struct axis *ax, const char *v)
{
	ax->values = xrealloc(ax->values, (ax->nr_values + 1) *
			      sizeof(*ax->values));
	ax->values[ax->nr_values++] = xstrdup(v);
}

/* START..END/STEP */
static int expand_range(struct axis *ax, const char *spec, char *err,
			size_t errlen)
{
	const char *dots = strstr(spec, ".."), *slash = strrchr(spec, '/');
	struct quantity start, end, step;
	int decimals;
	long long a, b, s;
	double scale;

	if (!slash || slash < dots ||
	    parse_quantity(spec, (size_t)(dots - spec), &start) ||
	    parse_quantity(dots + 2, (size_t)(slash - dots - 2), &end) ||
	    parse_quantity(slash + 1, strlen(slash + 1), &step)) {
		snprintf(err, errlen, "%s: expected START..END/STEP, e.g. "
			 "0%%..90%%/10%%, or a list A,B,C", spec);
		return -1;
	}
	if (strcmp(start.unit, end.unit) || strcmp(start.unit, step.unit)) {
		snprintf(err, errlen, "%s: START, END and STEP must have the "
			 "same unit", spec);
		return -1;
	}
	decimals = start.decimals;
	if (end.decimals > decimals)
		decimals = end.decimals;
	if (step.decimals > decimals)
		decimals = step.decimals;
	scale = pow(10, decimals);
	a = llround(start.value * scale);
	b = llround(end.value * scale);
	s = llround(step.value * scale);
	if (s <= 0) {
		snprintf(err, errlen, "%s: the step must be positive", spec);
		return -1;
	}
	if (b < a) {
		snprintf(err, errlen, "%s: the range is empty (END is below "
			 "START)", spec);
		return -1;
	}
	if ((b - a) % s) {
		snprintf(err, errlen, "%s: the step does not divide the range "
			 "(END - START is not a multiple of STEP)", spec);
		return -1;
	}
	if ((b - a) / s + 1 > MAX_AXIS_VALUES) {
		snprintf(err, errlen, "%s: more than %d values", spec,
			 MAX_AXIS_VALUES);
		return -1;
	}
	for (long long v = a; v <= b; v += s) {
		char buf[64];

		snprintf(buf, sizeof(buf), "%.*f%s", decimals,
			 (double)v / scale, start.unit);
		add_value(ax, buf);
	}
	return 0;
}

static int expand_list(struct axis *ax, const char *spec, char *err,
		       size_t errlen)
{
	char *copy = xstrdup(spec), *save = NULL;

	for (char *v = strtok_r(copy, ",", &save); v;
	     v = strtok_r(NULL, ",", &save))
		add_value(ax, v);
	free(copy);
	if (!ax->nr_values || spec[strlen(spec) - 1] == ',' ||
	    strstr(spec, ",,") || spec[0] == ',') {
		snprintf(err, errlen, "%s: an empty value in the list", spec);
		return -1;
	}
	return 0;
}

int axes_add(struct axes *a, const char *arg, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '=');
	struct axis ax = { 0 };
	int ret;

	if (!eq || eq == arg || !eq[1]) {
		snprintf(err, errlen, "%s: expected KEY=START..END/STEP or "
			 "KEY=A,B,C", arg);
		return -1;
	}
	ax.key = xstrndup(arg, (size_t)(eq - arg));
	for (size_t i = 0; i < a->nr; i++) {
		if (!strcmp(a->axis[i].key, ax.key)) {
			snprintf(err, errlen, "%s: %s is varied twice", arg,
				 ax.key);
			free(ax.key);
			return -1;
		}
	}
	ret = strstr(eq + 1, "..") ? expand_range(&ax, eq + 1, err, errlen) :
				     expand_list(&ax, eq + 1, err, errlen);
	if (ret) {
		for (size_t i = 0; i < ax.nr_values; i++)
			free(ax.values[i]);
		free(ax.values);
		free(ax.key);
		return -1;
	}
	a->axis = xrealloc(a->axis, (a->nr + 1) * sizeof(*a->axis));
	a->axis[a->nr++] = ax;
	return 0;
}

size_t axes_nr_points(const struct axes *a)
{
	size_t n = 1;

	for (size_t i = 0; i < a->nr; i++)
		n *= a->axis[i].nr_values;
	return n;
}

const char *axes_value(const struct axes *a, size_t i, size_t point)
{
	for (size_t j = a->nr; j-- > i + 1; )
		point /= a->axis[j].nr_values;
	return a->axis[i].values[point % a->axis[i].nr_values];
}

void axes_release(struct axes *a)
{
	for (size_t i = 0; i < a->nr; i++) {
		for (size_t v = 0; v < a->axis[i].nr_values; v++)
			free(a->axis[i].values[v]);
		free(a->axis[i].values);
		free(a->axis[i].key);
	}
	free(a->axis);
	memset(a, 0, sizeof(*a));
}
