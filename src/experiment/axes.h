/*
 * axes.h - the axes of a parameter sweep: "--vary KEY=SPEC", where SPEC is
 * a range START..END/STEP (numbers with one unit, e.g. 0%..90%/10% or
 * 1G..4G/1G) or a list A,B,C; and the grid of points they span.
 */
#ifndef FRAGSIM_EXPERIMENT_AXES_H
#define FRAGSIM_EXPERIMENT_AXES_H

#include <stddef.h>

struct axis {
	char *key;		/* what --set it becomes: KEY=value */
	char **values;		/* as --set values, e.g. "10%" */
	size_t nr_values;
};

struct axes {
	struct axis *axis;
	size_t nr;
};

/*
 * Parse one --vary argument and add its axis.  Returns 0, or -1 with err
 * (errlen bytes) saying what was wrong and what was expected: an empty
 * range, a step that does not divide it, mixed units, a repeated key.
 */
int axes_add(struct axes *a, const char *arg, char *err, size_t errlen);

/* How many points the axes span (the product of their sizes; 1 if none). */
size_t axes_nr_points(const struct axes *a);

/*
 * The value of axis i at point p (points in row-major order: the last
 * axis varies fastest).
 */
const char *axes_value(const struct axes *a, size_t i, size_t point);

void axes_release(struct axes *a);

#endif
