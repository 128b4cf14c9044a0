/*
 * trace.c - tracepoints (see trace.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mm/compaction.h"
#include "mm/gfp.h"
#include "mm/trace.h"

void trace_event(const struct mm_state *mm, const char *event,
		 const char *fmt, ...)
{
	char text[256];
	va_list ap;

	if (!mm->trace)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	mm->trace(mm->trace_ctx, event, text);
}

/* The kernel's %p of a hashed pointer, as a capture's trace shows it. */
#define PAGE_PTR "page=(____ptrval____) "

void trace_mm_page_alloc(const struct mm_state *mm, unsigned long pfn,
			 unsigned int order, int migratetype, gfp_t gfp)
{
	char flags[160];

	gfp_format(gfp, flags, sizeof(flags));
	trace_event(mm, "mm_page_alloc", PAGE_PTR "pfn=0x%lx order=%u "
		    "migratetype=%d gfp_flags=%s", pfn, order, migratetype,
		    flags);
}

void trace_mm_page_free(const struct mm_state *mm, unsigned long pfn,
			unsigned int order)
{
	trace_event(mm, "mm_page_free", PAGE_PTR "pfn=0x%lx order=%u", pfn,
		    order);
}

void trace_mm_page_pcpu_drain(const struct mm_state *mm, unsigned long pfn,
			      unsigned int order, int migratetype)
{
	trace_event(mm, "mm_page_pcpu_drain", PAGE_PTR "pfn=0x%lx order=%u "
		    "migratetype=%d", pfn, order, migratetype);
}

void trace_compaction_defer(const struct mm_state *mm, const char *event,
			    const struct zone *zone, int order)
{
	if (!mm->trace)
		return;
	trace_event(mm, event, "node=%d zone=%-8s order=%d order_failed=%d "
		    "consider=%u limit=%lu", zone->node, zone_names[zone->type],
		    order, zone->compact_order_failed,
		    zone->compact_considered, 1UL << zone->compact_defer_shift);
}

void trace_compaction_run(const struct mm_state *mm, const char *event,
			  const struct compact_control *cc)
{
	const struct zone *z = cc->zone;
	bool end = !strcmp(event, "mm_compaction_end");

	if (!mm->trace)
		return;
	trace_event(mm, event, "zone_start=0x%lx migrate_pfn=0x%lx "
		    "free_pfn=0x%lx zone_end=0x%lx, mode=%s%s%s",
		    z->zone_start_pfn, cc->migrate_pfn, cc->free_pfn,
		    zone_end_pfn(z), cc->mode != MIGRATE_ASYNC ? "sync" : "async",
		    end ? " status=" : "",
		    end ? compact_result_names[cc->status] : "");
}
