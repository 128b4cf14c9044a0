/*
 * trace.h - the model's tracepoints: events the kernel reports through
 * ftrace (include/trace/events/, e.g. compaction.h), in the kernel's text format, handed
 * to whoever set mm->trace (the engine writes them with the simulated
 * time, as /sys/kernel/tracing/trace would show them).
 */
#ifndef FRAGSIM_MM_TRACE_H
#define FRAGSIM_MM_TRACE_H

#include "mm/page_alloc.h"

/* Report event with its text (printf format), if anyone listens. */
void trace_event(const struct mm_state *mm, const char *event,
		 const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * include/trace/events/compaction.h: mm_compaction_defer_template - the
 * zone's deferral state after the decision (mm_compaction_deferred,
 * mm_compaction_defer_compaction, mm_compaction_defer_reset).
 */
void trace_compaction_defer(const struct mm_state *mm, const char *event,
			    const struct zone *zone, int order);

/* Is the page at pfn in the traced window of mm_page_* events? */
static inline bool trace_page_wanted(const struct mm_state *mm,
				     unsigned long pfn)
{
	/* one comparison: an empty window (lo = hi = 0) holds nothing */
	return mm->trace &&
	       pfn - mm->trace_pfn_lo < mm->trace_pfn_hi - mm->trace_pfn_lo;
}

/* include/trace/events/kmem.h: mm_page_alloc - __alloc_pages served it */
void trace_mm_page_alloc(const struct mm_state *mm, unsigned long pfn,
			 unsigned int order, int migratetype, gfp_t gfp);

/* include/trace/events/kmem.h: mm_page_free - free_pages_prepare, for
 * every free, to a pcp list or to the buddy */
void trace_mm_page_free(const struct mm_state *mm, unsigned long pfn,
			unsigned int order);

/* include/trace/events/kmem.h: mm_page_pcpu_drain - free_pcppages_bulk
 * hands a pcp list's block back to the buddy */
void trace_mm_page_pcpu_drain(const struct mm_state *mm, unsigned long pfn,
			      unsigned int order, int migratetype);

struct compact_control;

/*
 * include/trace/events/compaction.h: mm_compaction_begin (the scanners'
 * starting points) and mm_compaction_end (where they stopped, and the
 * result) for a compaction run of cc.
 */
void trace_compaction_run(const struct mm_state *mm, const char *event,
			  const struct compact_control *cc);

#endif
