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

/* What one walk over a zone's frames finds. */
struct zone_census {
	/* pageblocks of each type holding a block of another mobility */
	unsigned long mixed[MIGRATE_TYPES];
	/* allocated pages by the migratetype their request asked for */
	unsigned long allocated[MIGRATE_TYPES];
};

/*
 * mm/page_owner.c: pagetypeinfo_showmixedcount_print - count, per
 * pageblock migratetype, the zone's pageblocks holding an allocated block
 * whose request's migratetype differs; and count the allocated pages by
 * migratetype on the way.  Walks the zone's frames.
 */
void zone_census(const struct mm_state *mm, const struct zone *zone,
		 struct zone_census *c);

/*
 * A pageblock of zone changes type: move its mixed status from old_mt's
 * count to new_mt's (set_pageblock_migratetype calls it).
 */
void pageblock_mixed_retype(struct mm_state *mm, struct zone *zone,
			    unsigned long pfn, int old_mt, int new_mt);

#endif
