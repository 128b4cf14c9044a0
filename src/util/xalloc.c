/*
 * xalloc.c - allocation wrappers that abort on exhaustion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util/xalloc.h"

static void out_of_memory(size_t size)
{
	fprintf(stderr, "fragsim: out of memory (asked for %zu bytes)\n", size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		out_of_memory(nmemb * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		out_of_memory(size);
	return p;
}

void *xgrow(void *ptr, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return ptr;
	while (n < need)
		n *= 2;
	*cap = n;
	return xrealloc(ptr, n * elem);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *xmalloc_huge(size_t size)
{
	const size_t huge = 2UL << 20;
	void *p;

	if (size < huge)
		return xmalloc(size);
	if (posix_memalign(&p, huge, (size + huge - 1) / huge * huge))
		out_of_memory(size);
#ifdef MADV_HUGEPAGE
	madvise(p, (size + huge - 1) / huge * huge, MADV_HUGEPAGE);
#endif
	return p;
}
