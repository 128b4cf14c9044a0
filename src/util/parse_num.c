/*
 * parse_num.c - checked number parsing; see parse_num.h for why.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "util/parse_num.h"

bool parse_u64(const char *s, int base, uint64_t max, uint64_t *out,
	       const char **end)
{
	unsigned long long v;
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	/* strtoull would take a sign, and negate */
	if (!isxdigit((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoull(s, &e, base);
	if (e == s || errno == ERANGE || v > max)
		return false;
	*out = v;
	if (end)
		*end = e;
	return true;
}

bool parse_u64_all(const char *s, int base, uint64_t max, uint64_t *out)
{
	const char *end;
	uint64_t v;

	if (!parse_u64(s, base, max, &v, &end) || *end)
		return false;
	*out = v;
	return true;
}
