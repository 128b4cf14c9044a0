/*
 * units.h - the quantities of workload files, with their units spelled out:
 * durations ("1.5s", "200ms", "2min", "1h"), sizes ("64M", "1G", binary
 * multiples of bytes), shares ("20%") and rates ("1000/s", "5/ms").
 *
 * Each parser takes the whole text (surrounding blanks allowed) and
 * returns 0, or -1 if the text is not of that form; the caller says what
 * was expected, naming file and line.
 */
#ifndef FRAGSIM_WORKLOAD_UNITS_H
#define FRAGSIM_WORKLOAD_UNITS_H

#include <stdint.h>

#include "util/time.h"

/* A duration: a non-negative number and ns, us, ms, s, min or h; zero
 * may be written without a unit. */
int parse_duration(const char *s, sim_time_t *out);

/* A size in bytes: a number with an optional K, M, G or T (binary). */
int parse_size_bytes(const char *s, uint64_t *out);

/* A share: a number followed by %, from 0 to 100; *out is a fraction. */
int parse_share(const char *s, double *out);

/* A rate: a positive number per s, ms, us or min ("1000/s"). */
int parse_rate(const char *s, double *per_second);

/* A non-negative integer, at most max. */
int parse_count(const char *s, uint64_t max, uint64_t *out);

/* A finite number (no unit). */
int parse_number(const char *s, double *out);

/* Print a duration in the unit that reads best ("1.5s", "200ms"). */
void format_duration(sim_time_t t, char *buf, int len);

#endif
