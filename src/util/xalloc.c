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

/* The reservation's length: whole pages, at least one. */
static size_t reserve_len(size_t n, size_t elem)
{
	const size_t page = 4096;
	size_t size = n * elem;

	return size ? (size + page - 1) / page * page : page;
}

void *xreserve(size_t n, size_t elem)
{
	const size_t huge = 2UL << 20;
	size_t len = reserve_len(n, elem);
	char *p, *aligned;

	if (elem && n > (size_t)-1 / 2 / elem)
		out_of_memory((size_t)-1);
	/* MAP_NORESERVE: untouched pages cost nothing, even under the
	 * kernel's overcommit heuristic */
	p = mmap(NULL, len + huge, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		out_of_memory(len);
	aligned = (char *)(((unsigned long)p + huge - 1) & ~(huge - 1));
	if (aligned > p)
		munmap(p, (size_t)(aligned - p));
	munmap(aligned + len, (size_t)(p + len + huge - (aligned + len)));
#ifdef MADV_HUGEPAGE
	madvise(aligned, len, MADV_HUGEPAGE);
#endif
	return aligned;
}

void xunreserve(void *p, size_t n, size_t elem)
{
	if (p)
		munmap(p, reserve_len(n, elem));
}
