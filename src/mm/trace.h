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

struct compact_control;

/*
 * include/trace/events/compaction.h: mm_compaction_begin (the scanners'
 * starting points) and mm_compaction_end (where they stopped, and the
 * result) for a compaction run of cc.
 */
void trace_compaction_run(const struct mm_state *mm, const char *event,
			  const struct compact_control *cc);

#endif
