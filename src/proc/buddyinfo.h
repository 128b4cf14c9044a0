/*
 * buddyinfo.h - /proc/buddyinfo and /proc/pagetypeinfo in the kernel's
 * exact formats (mm/vmstat.c: frag_show_print, pagetypeinfo_show).
 */
#ifndef FRAGSIM_PROC_BUDDYINFO_H
#define FRAGSIM_PROC_BUDDYINFO_H

#include <stdio.h>

#include "mm/page_alloc.h"

void buddyinfo_show(FILE *out, const struct mm_state *mm);
void pagetypeinfo_show(FILE *out, const struct mm_state *mm);

/* Count the pageblocks of each migratetype in a zone, as pagetypeinfo does. */
void pageblock_type_counts(const struct mm_state *mm, const struct zone *zone,
			   unsigned long count[MIGRATE_TYPES]);

#endif
