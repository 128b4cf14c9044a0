/*
 * page_owner.c - mixed pageblock counts (see page_owner.h).
 */
#include <assert.h>
#include <string.h>

#include "mm/internal.h"
#include "mm/page_owner.h"

/* Pages allocated for another type than the block's own? */
static bool pageblock_mixed(const struct pageblock *pb, int block_mt)
{
	for (int mt = 0; mt < 3; mt++)
		if (mt != block_mt && pageblock_alloc_count(pb, mt))
			return true;
	return false;
}

/*
 * Count pages of pfn's pageblock allocated for mt (delta +1) or no longer
 * (delta -1).  Only another type's pages make a pageblock mixed, so the
 * block's own type never changes its status, and another type changes it
 * only when that type's count leaves or reaches zero while no third type
 * has pages there: the common case touches one counter and stops.
 */
static void pageblock_account_one(struct mm_state *mm, unsigned long pfn,
				  unsigned long pages, enum migratetype mt,
				  int delta)
{
	struct pageblock *pb = pageblock_of(&mm->memmap, pfn);
	int block_mt = get_pageblock_migratetype(&mm->memmap, pfn);
	unsigned int old = pageblock_alloc_count(pb, mt);
	unsigned int now = (unsigned int)(old + delta * (long)pages);
	struct zone *zone;

	assert(delta > 0 || old >= pages);
	assert(now <= pageblock_nr_pages);
	pageblock_alloc_set(pb, mt, now);
	if ((int)mt == block_mt || (old != 0) == (now != 0))
		return;
	for (int t = 0; t < 3; t++)
		if (t != (int)mt && t != block_mt &&
		    pageblock_alloc_count(pb, t))
			return;
	zone = pageblock_zone(mm, pfn);
	if (zone)
		zone->nr_mixed[block_mt] += old ? -1UL : 1UL;
}

/* pageblock_account's general case: any block, any change of status. */
void pageblock_account_slow(struct mm_state *mm, unsigned long pfn,
			    unsigned int order, enum migratetype mt, int delta)
{
	unsigned long end = pfn + (1UL << order);

	assert(mt < 3);
	for (; pfn < end; pfn = pageblock_start_pfn(pfn) + pageblock_nr_pages) {
		unsigned long next = pageblock_start_pfn(pfn) +
				     pageblock_nr_pages;

		pageblock_account_one(mm, pfn, (next < end ? next : end) - pfn,
				      mt, delta);
	}
}

void pageblock_mixed_retype(struct mm_state *mm, struct zone *zone,
			    unsigned long pfn, int old_mt, int new_mt)
{
	const struct pageblock *pb = pageblock_of(&mm->memmap, pfn);

	if (!zone)
		return;
	zone->nr_mixed[old_mt] -= pageblock_mixed(pb, old_mt);
	zone->nr_mixed[new_mt] += pageblock_mixed(pb, new_mt);
}

/*
 * The head of an allocated block larger than a pageblock that covers the
 * pageblock starting at pfn from an earlier one, or PFN_NONE.
 */
static unsigned long covering_head(const struct mm_state *mm,
				   unsigned long pfn)
{
	unsigned long head;
	unsigned int order;
	enum frame_type t = block_of(mm, pfn, &head, &order);

	return head != pfn && frame_type_allocated(t) ? head : PFN_NONE;
}

/* Walk one pageblock's frames from pfn; true if it is mixed. */
static bool census_pageblock(const struct mm_state *mm,
			     const struct zone *zone, unsigned long pfn,
			     unsigned long end, struct zone_census *c)
{
	int block_mt = get_pageblock_migratetype(&mm->memmap, pfn);
	unsigned long head = covering_head(mm, pfn);
	bool mixed = false;

	/* page_owner marks every page of an allocation, so a block begun in
	 * an earlier pageblock counts here too (its pages were counted at its
	 * head) */
	if (head != PFN_NONE) {
		if (allocated_kind(mm, head) != OWNER_ISOLATED)
			mixed = (int)allocated_migratetype(mm, head) != block_mt;
		pfn = head + (1UL << allocated_order(mm, head));
	}

	for (; pfn < end; pfn++) {
		enum migratetype mt;
		unsigned int order;

		if (page_zone(mm, pfn) != zone)
			continue;
		if (PageBuddy(mm, pfn)) {
			pfn += (1UL << buddy_block(mm, pfn)->order) - 1;
			continue;
		}
		if (!frame_type_allocated(frame_type(&mm->memmap, pfn)) ||
		    allocated_kind(mm, pfn) == OWNER_ISOLATED)
			continue;
		mt = allocated_migratetype(mm, pfn);
		order = allocated_order(mm, pfn);
		c->allocated[mt] += 1UL << order;
		/* the kernel stops at the first such page; fragsim goes on
		 * counting the allocated pages */
		mixed |= (int)mt != block_mt;
		pfn += (1UL << order) - 1;
	}
	if (mixed)
		c->mixed[block_mt]++;
	return mixed;
}

void zone_census(const struct mm_state *mm, const struct zone *zone,
		 struct zone_census *c)
{
	unsigned long pfn = zone->zone_start_pfn;
	unsigned long end_pfn = zone->zone_start_pfn + zone->spanned_pages;

	memset(c, 0, sizeof(*c));
	while (pfn < end_pfn) {
		unsigned long block_end = pageblock_start_pfn(pfn) +
					  pageblock_nr_pages;

		if (block_end > end_pfn)
			block_end = end_pfn;
		census_pageblock(mm, zone, pfn, block_end, c);
		pfn = block_end;
	}
}
