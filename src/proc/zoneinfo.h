/*
 * zoneinfo.h - /proc/zoneinfo in the kernel's exact format
 * (mm/vmstat.c: zoneinfo_show_print).
 */
#ifndef FRAGSIM_PROC_ZONEINFO_H
#define FRAGSIM_PROC_ZONEINFO_H

#include <stdio.h>

#include "mm/zone_layout.h"

/*
 * The layout lines of /proc/zoneinfo for every online node and every zone
 * the architecture has: "Node N, zone NAME", spanned, present and, for
 * populated zones, start_pfn.
 */
void zoneinfo_show_layout(FILE *out, const struct zone_layout *layout);

#endif
