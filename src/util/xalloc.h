/*
 * xalloc.h - allocation that cannot fail silently.
 *
 * fragsim has no useful way to go on without memory: these abort with a
 * message instead of returning NULL, so callers need no error paths for it.
 */
#ifndef FRAGSIM_UTIL_XALLOC_H
#define FRAGSIM_UTIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow *ptr (an array of *cap elements of elem bytes) to hold at least need. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);

/*
 * A large array that is accessed at random (the memmap): 2 MiB aligned and
 * marked for transparent huge pages, which cuts TLB misses several-fold.
 * Free it with free().
 */
void *xmalloc_huge(size_t size);
char *xstrndup(const char *s, size_t n);

/*
 * Room for up to n elements of elem bytes that never has to move: the
 * address space is reserved at once (2 MiB aligned, marked for huge
 * pages) and memory is only used as pages are first touched, so an array
 * that fills gradually is neither copied nor held twice while it grows.
 * Zero-filled.  Give it back with xunreserve(p, n, elem).
 */
void *xreserve(size_t n, size_t elem);
void xunreserve(void *p, size_t n, size_t elem);

#endif
