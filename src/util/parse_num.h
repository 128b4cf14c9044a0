/*
 * parse_num.h - checked parsing of numbers from input files and options.
 *
 * strtoul and sscanf("%d") accept a sign ("-5" becomes 2^64 - 5) and wrap
 * or saturate silently on overflow; every number fragsim reads from a file
 * or an option goes through parse_u64 instead, which refuses both.
 */
#ifndef FRAGSIM_UTIL_PARSE_NUM_H
#define FRAGSIM_UTIL_PARSE_NUM_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The digits at s (leading blanks skipped; base as strtoull's: 0 accepts
 * a 0x prefix) as a number of at most max: true, with *out set and, if
 * end is not NULL, *end after the last digit.  False, with nothing set,
 * for no digits, a sign, or a value above max (including one beyond 64
 * bits).
 */
bool parse_u64(const char *s, int base, uint64_t max, uint64_t *out,
	       const char **end);

/* The same for a whole string: nothing may follow the digits. */
bool parse_u64_all(const char *s, int base, uint64_t max, uint64_t *out);

#endif
