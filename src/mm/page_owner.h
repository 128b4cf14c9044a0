/*
 * page_owner.h - what CONFIG_PAGE_OWNER lets the kernel tell about
 * pageblocks: how many hold a page of another mobility than the block's
 * own type ("mixed" blocks, the pollution grouping by mobility could not
 * prevent).  fragsim always knows each block's owner, so it can count
 * them on any machine.
 */
#ifndef FRAGSIM_MM_PAGE_OWNER_H
#define FRAGSIM_MM_PAGE_OWNER_H

#include "mm/page_alloc.h"

/*
 * mm/page_owner.c: pagetypeinfo_showmixedcount_print - count, per
 * pageblock migratetype, the zone's pageblocks holding an allocated block
 * whose request's migratetype differs.  Walks the zone's frames.
 */
void zone_mixed_pageblocks(const struct mm_state *mm, const struct zone *zone,
			   unsigned long count[MIGRATE_TYPES]);

#endif
