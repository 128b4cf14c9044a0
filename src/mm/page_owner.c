/*
 * page_owner.c - mixed pageblock counts (see page_owner.h).
 */
#include <string.h>

#include "mm/page_owner.h"

void zone_mixed_pageblocks(const struct mm_state *mm, const struct zone *zone,
			   unsigned long count[MIGRATE_TYPES])
{
	unsigned long pfn = zone->zone_start_pfn;
	unsigned long end_pfn = zone->zone_start_pfn + zone->spanned_pages;

	memset(count, 0, MIGRATE_TYPES * sizeof(*count));
	while (pfn < end_pfn) {
		unsigned long block_end = pageblock_start_pfn(pfn) +
					  pageblock_nr_pages;
		int block_mt;

		if (block_end > end_pfn)
			block_end = end_pfn;
		block_mt = get_pageblock_migratetype(&mm->memmap, pfn);
		for (; pfn < block_end; pfn++) {
			const struct page_block *b;

			if (page_zone(mm, pfn) != zone)
				continue;
			if (PageBuddy(mm, pfn)) {
				pfn += (1UL << buddy_block(mm, pfn)->order) - 1;
				continue;
			}
			if (frame_type(&mm->memmap, pfn) != FRAME_ALLOC)
				continue;
			b = allocated_block(mm, pfn);
			if (b->kind != OWNER_ISOLATED &&
			    b->migratetype != block_mt) {
				count[block_mt]++;
				break;
			}
			pfn += (1UL << b->order) - 1;
		}
		pfn = block_end;
	}
}
