/*
 * fallback.c - when a migratetype's own lists are empty, take memory from
 * another type's lists, and steal whole pageblocks where the kernel would
 * (mm/page_alloc.c: __rmqueue_fallback and the functions it calls).
 *
 * This is where grouping by mobility succeeds or fails: every fallback that
 * does not claim its pageblock mixes mobilities inside it.
 */
#include <assert.h>

#include "mm/internal.h"
#include "mm/trace.h"

/* mm/page_alloc.c: fallbacks[] - the types tried, in order. */
static const enum migratetype fallbacks[MIGRATE_PCPTYPES][2] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

/*
 * mm/page_alloc.c: move_freepages - move every free block whose head is
 * in [start_pfn, end_pfn] to the tail of mt's lists (one that starts
 * earlier was moved with its own pageblock: its pages here are tails,
 * which the kernel's walk skips); count the movable allocated pages
 * (PageLRU or __PageMovable) in *num_movable unless it is NULL.
 */
static unsigned long move_freepages(struct mm_state *mm, struct zone *zone,
				    unsigned long start_pfn,
				    unsigned long end_pfn, enum migratetype mt,
				    unsigned long *num_movable)
{
	unsigned long pfn = start_pfn, pages_moved = 0;

	while (pfn <= end_pfn) {
		unsigned long head, next;
		unsigned int order;
		enum frame_type t = block_of(mm, pfn, &head, &order);

		next = head + (1UL << order);
		if (t == FRAME_BUDDY && head == pfn) {
			/* VM_BUG_ON_PAGE: not inadvertently changing zones */
			assert(page_zone(mm, head) == zone);
			move_to_free_list(mm, zone, head, mt);
			pages_moved += 1UL << order;
		} else if (num_movable && frame_type_allocated(t) &&
			   owner_kind_lru(allocated_kind(mm, head))) {
			unsigned long upto = next - 1 < end_pfn ? next : end_pfn + 1;

			*num_movable += upto - pfn;
		}
		pfn = next;
	}
	return pages_moved;
}

unsigned long move_freepages_block(struct mm_state *mm, struct zone *zone,
				   unsigned long pfn, enum migratetype mt,
				   unsigned long *num_movable)
{
	unsigned long start_pfn = pageblock_start_pfn(pfn);
	unsigned long end_pfn = start_pfn + pageblock_nr_pages - 1;

	if (num_movable)
		*num_movable = 0;
	/* Do not cross zone boundaries */
	if (start_pfn < zone->zone_start_pfn)
		start_pfn = pfn;
	if (end_pfn >= zone_end_pfn(zone))
		return 0;
	return move_freepages(mm, zone, start_pfn, end_pfn, mt, num_movable);
}

/* mm/page_alloc.c: change_pageblock_range */
static void change_pageblock_range(struct mm_state *mm, unsigned long pfn,
				   unsigned int start_order, enum migratetype mt)
{
	unsigned long nr_pageblocks = 1UL << (start_order - pageblock_order);

	while (nr_pageblocks--) {
		set_pageblock_migratetype(mm, pfn, mt);
		pfn += pageblock_nr_pages;
	}
}

/* mm/page_alloc.c: can_steal_fallback */
static bool can_steal_fallback(const struct mm_state *mm, unsigned int order,
			       enum migratetype start_mt)
{
	if (order >= pageblock_order)
		return true;
	return order >= pageblock_order / 2 ||
	       start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE ||
	       mm->page_group_by_mobility_disabled;
}

/*
 * mm/page_alloc.c: steal_suitable_fallback - take the free block at pfn for
 * start_type and, when whole_block, the rest of its pageblock's free pages
 * too, claiming the pageblock if at least half of it is free or alike.
 */
static void steal_suitable_fallback(struct mm_state *mm, struct zone *zone,
				    unsigned long pfn, unsigned int alloc_flags,
				    enum migratetype start_type,
				    bool whole_block)
{
	unsigned int current_order = buddy_block(mm, pfn)->order;
	enum migratetype old_block_type =
		get_pageblock_migratetype(&mm->memmap, pfn);
	unsigned long free_pages, movable_pages, alike_pages;

	if (old_block_type == MIGRATE_HIGHATOMIC)
		goto single_page;

	/* Take ownership for orders >= pageblock_order */
	if (current_order >= pageblock_order) {
		change_pageblock_range(mm, pfn, current_order, start_type);
		goto single_page;
	}

	/* Boost watermarks so that reclaim reduces the next fallbacks. */
	if (boost_watermark(mm, zone) && (alloc_flags & ALLOC_KSWAPD))
		zone->boosted_watermark = true;

	if (!whole_block)
		goto single_page;

	free_pages = move_freepages_block(mm, zone, pfn, start_type,
					  &movable_pages);
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_block_type == MIGRATE_MOVABLE)
		alike_pages = pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;

	/* moving whole block can fail due to zone boundary conditions */
	if (!free_pages)
		goto single_page;

	if (free_pages + alike_pages >= (1UL << (pageblock_order - 1)) ||
	    mm->page_group_by_mobility_disabled)
		set_pageblock_migratetype(mm, pfn, start_type);
	return;

single_page:
	move_to_free_list(mm, zone, pfn, start_type);
}

/*
 * mm/page_alloc.c: find_suitable_fallback - the first type in fallbacks[mt]
 * with a free block of this order, or -1.
 */
static int find_fallback(const struct mm_state *mm,
			 const struct free_area *area, unsigned int order,
			 enum migratetype mt, bool only_stealable,
			 bool *can_steal)
{
	if (area->nr_free == 0)
		return -1;
	*can_steal = false;
	for (int i = 0; i < 2; i++) {
		enum migratetype fallback_mt = fallbacks[mt][i];

		if (area->free_list[fallback_mt].head == NIL)
			continue;
		if (can_steal_fallback(mm, order, mt))
			*can_steal = true;
		if (!only_stealable || *can_steal)
			return (int)fallback_mt;
	}
	return -1;
}

int find_suitable_fallback(const struct mm_state *mm,
			   const struct free_area *area, unsigned int order,
			   enum migratetype mt, bool only_stealable)
{
	bool can_steal;

	return find_fallback(mm, area, order, mt, only_stealable, &can_steal);
}

/* mm/page_alloc.c: __rmqueue_fallback */
bool __rmqueue_fallback(struct mm_state *mm, struct zone *zone,
			unsigned int order, enum migratetype start_mt,
			unsigned int alloc_flags)
{
	unsigned int min_order = order;
	int current_order, fallback_mt = -1;
	bool can_steal = false, change_ownership;
	unsigned long pfn;

	/* Only whole pageblocks may be stolen under ALLOC_NOFRAGMENT. */
	if (order < pageblock_order && (alloc_flags & ALLOC_NOFRAGMENT))
		min_order = pageblock_order;

	/* The largest free block of another type first. */
	for (current_order = MAX_ORDER - 1; current_order >= (int)min_order;
	     current_order--) {
		fallback_mt = find_fallback(mm, &zone->free_area[current_order],
					    current_order, start_mt, false,
					    &can_steal);
		if (fallback_mt == -1)
			continue;
		if (!can_steal && start_mt == MIGRATE_MOVABLE &&
		    current_order > (int)order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	/* A movable request that cannot steal splits the smallest block. */
	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		fallback_mt = find_fallback(mm, &zone->free_area[current_order],
					    current_order, start_mt, false,
					    &can_steal);
		if (fallback_mt != -1)
			break;
	}

do_steal:
	/* VM_BUG_ON: the largest-block search above found a fallback */
	assert(current_order < MAX_ORDER && fallback_mt >= 0);
	pfn = free_block_pfn(mm, &mm->free_blocks[zone->free_area[current_order]
						  .free_list[fallback_mt].head]);
	steal_suitable_fallback(mm, zone, pfn, alloc_flags, start_mt, can_steal);

	/* trace_mm_page_alloc_extfrag (kmem.h), counted and traced */
	change_ownership = get_pageblock_migratetype(&mm->memmap, pfn) ==
			   start_mt;
	mm->extfrag.events++;
	mm->extfrag.fragmenting += current_order < pageblock_order;
	mm->extfrag.change_ownership += change_ownership;
	/* the kernel's %p of a hashed pointer, as the oracle's trace shows */
	trace_event(mm, "mm_page_alloc_extfrag", "page=(____ptrval____) "
		    "pfn=0x%lx alloc_order=%u fallback_order=%d "
		    "pageblock_order=%d alloc_migratetype=%d "
		    "fallback_migratetype=%d fragmenting=%d "
		    "change_ownership=%d", pfn, order, current_order,
		    pageblock_order, start_mt, fallback_mt,
		    current_order < pageblock_order, change_ownership);
	return true;
}
