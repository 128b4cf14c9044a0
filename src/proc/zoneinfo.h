/*
 * zoneinfo.h - /proc/zoneinfo in the kernel's exact format
 * (mm/vmstat.c: zoneinfo_show_print).
 */
#ifndef FRAGSIM_PROC_ZONEINFO_H
#define FRAGSIM_PROC_ZONEINFO_H

#include <stdio.h>

#include "mm/page_alloc.h"
#include "mm/zone_layout.h"
#include "proc/snapshot.h"

/*
 * The layout lines of /proc/zoneinfo for every online node and every zone
 * the architecture has: "Node N, zone NAME", spanned, present and, for
 * populated zones, start_pfn.
 */
void zoneinfo_show_layout(FILE *out, const struct zone_layout *layout);

/*
 * /proc/zoneinfo with every line fragsim models, each in the kernel's
 * format and order: free pages, boost, watermarks, spanned, present,
 * managed, cma, protection, nr_free_pages, the pagesets (count, high,
 * batch) and start_pfn.  The per-node statistics and the zone counters
 * fragsim does not keep are left out.  Printed from a snapshot (a live
 * machine's or a stored tick's).
 */
void zoneinfo_print(FILE *out, const struct proc_snapshot *ps);

#endif
