/*
 * units.c - parsing the quantities of workload files (see units.h).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workload/units.h"

static const char *skip_blank(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* A finite number at the start of s; *end after it. */
static int leading_number(const char *s, double *out, const char **end)
{
	char *e;

	s = skip_blank(s);
	if (!*s || !(isdigit((unsigned char)*s) || *s == '.' || *s == '-' ||
		     *s == '+'))
		return -1;
	errno = 0;
	*out = strtod(s, &e);
	if (e == s || errno || !isfinite(*out))
		return -1;
	*end = e;
	return 0;
}

/* True if only blanks remain. */
static int at_end(const char *s)
{
	return !*skip_blank(s);
}

/* The unit word at s (letters), compared with the allowed table. */
static int match_unit(const char *s, const char *const *names,
		      const double *factors, int n, double *factor,
		      const char **end)
{
	size_t len = 0;

	s = skip_blank(s);
	while (isalpha((unsigned char)s[len]))
		len++;
	for (int i = 0; i < n; i++) {
		if (strlen(names[i]) == len && !strncmp(s, names[i], len)) {
			*factor = factors[i];
			*end = s + len;
			return 0;
		}
	}
	return -1;
}

static const char *const time_units[] = { "ns", "us", "ms", "s", "min", "h" };
static const double time_factors[] = { 1, 1e3, 1e6, 1e9, 60e9, 3600e9 };

int parse_duration(const char *s, sim_time_t *out)
{
	double v, f;
	const char *p;

	if (leading_number(s, &v, &p) || v < 0)
		return -1;
	/* Zero is zero in every unit, so it may go without one ("0", as
	 * the cost model's table writes its defaults); nothing else may. */
	if (v == 0 && at_end(p)) {
		*out = 0;
		return 0;
	}
	if (match_unit(p, time_units, time_factors, 6, &f, &p) || !at_end(p))
		return -1;
	v = round(v * f);
	if (v >= 1.8e19)
		return -1;
	*out = (sim_time_t)v;
	return 0;
}

int parse_size_bytes(const char *s, uint64_t *out)
{
	static const char *const names[] = { "", "K", "M", "G", "T" };
	static const double factors[] = { 1, 0x1p10, 0x1p20, 0x1p30, 0x1p40 };
	double v, f;
	const char *p;

	if (leading_number(s, &v, &p) || v < 0 ||
	    match_unit(p, names, factors, 5, &f, &p) || !at_end(p))
		return -1;
	v = round(v * f);
	if (v >= 1.8e19)
		return -1;
	*out = (uint64_t)v;
	return 0;
}

int parse_share(const char *s, double *out)
{
	double v;
	const char *p;

	if (leading_number(s, &v, &p) || v < 0 || v > 100)
		return -1;
	p = skip_blank(p);
	if (*p != '%' || !at_end(p + 1))
		return -1;
	*out = v / 100;
	return 0;
}

int parse_rate(const char *s, double *per_second)
{
	static const double per[] = { 1e9, 1e6, 1e3, 1, 1.0 / 60, 1.0 / 3600 };
	double v, f;
	const char *p;

	if (leading_number(s, &v, &p) || !(v > 0))
		return -1;
	p = skip_blank(p);
	if (*p != '/')
		return -1;
	if (match_unit(p + 1, time_units, per, 6, &f, &p) || !at_end(p))
		return -1;
	*per_second = v * f;
	return 0;
}

int parse_count(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *e;

	s = skip_blank(s);
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &e, 10);
	if (errno || !at_end(e) || v > max)
		return -1;
	*out = v;
	return 0;
}

int parse_number(const char *s, double *out)
{
	const char *p;

	if (leading_number(s, out, &p) || !at_end(p))
		return -1;
	return 0;
}

void format_duration(sim_time_t t, char *buf, int len)
{
	if (t >= 3600 * NSEC_PER_SEC && t % (3600 * NSEC_PER_SEC) == 0)
		snprintf(buf, (size_t)len, "%lluh",
			 (unsigned long long)(t / (3600 * NSEC_PER_SEC)));
	else if (t >= NSEC_PER_SEC)
		snprintf(buf, (size_t)len, "%.6gs", (double)t / 1e9);
	else if (t >= NSEC_PER_MSEC)
		snprintf(buf, (size_t)len, "%.6gms", (double)t / 1e6);
	else if (t >= NSEC_PER_USEC)
		snprintf(buf, (size_t)len, "%.6gus", (double)t / 1e3);
	else
		snprintf(buf, (size_t)len, "%lluns", (unsigned long long)t);
}
