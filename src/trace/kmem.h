/*
 * kmem.h - the kmem events replay reads (include/trace/events/kmem.h):
 * mm_page_alloc, mm_page_free, mm_page_free_batched and
 * mm_page_alloc_extfrag, decoded from an event of the ftrace reader.  The
 * fields are read in one pass when they are printed as the kernel prints
 * them, else by name in any order and spacing (ftrace_fields).  Ranges
 * (orders, migratetypes) and gfp flags are the model's business: the
 * values are handed over as read.
 */
#ifndef FRAGSIM_TRACE_KMEM_H
#define FRAGSIM_TRACE_KMEM_H

#include <stdbool.h>

#include "trace/ftrace.h"

/* The forms of the events, for error messages. */
#define KMEM_PAGE_ALLOC_FORM "mm_page_alloc: page=PTR pfn=0xPFN order=N " \
			     "migratetype=N gfp_flags=FLAGS"
#define KMEM_PAGE_FREE_FORM "mm_page_free: page=PTR pfn=0xPFN order=N"
#define KMEM_PAGE_FREE_BATCHED_FORM \
	"mm_page_free_batched: page=PTR pfn=0xPFN order=0"
#define KMEM_EXTFRAG_FORM "mm_page_alloc_extfrag: page=PTR pfn=0xPFN " \
			  "alloc_order=N fallback_order=N pageblock_order=N " \
			  "alloc_migratetype=N fallback_migratetype=N " \
			  "fragmenting=N change_ownership=N"

struct kmem_page_alloc {
	unsigned long pfn, order;
	long migratetype;
	bool failed;			/* page= is NULL: no page was given */
	struct ftrace_value gfp_flags;	/* show_gfp_flags' text */
};

/* mm_page_alloc's fields into *a; false if the event lacks one of them. */
bool kmem_page_alloc_read(const struct ftrace_event *ev,
			  struct kmem_page_alloc *a);

/*
 * mm_page_free's fields, or with batched mm_page_free_batched's (whose
 * order is always 0: *order is left as it is); false if one is missing.
 */
bool kmem_page_free_read(const struct ftrace_event *ev, bool batched,
			 unsigned long *pfn, unsigned long *order);

/* mm_page_alloc_extfrag's flags; false if one is missing. */
bool kmem_extfrag_read(const struct ftrace_event *ev, bool *fragmenting,
		       bool *change_ownership);

#endif
