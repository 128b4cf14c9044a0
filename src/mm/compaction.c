/*
 * compaction.c - memory compaction and page migration as Linux 6.1 does it
 * (mm/compaction.c, mm/migrate.c).
 *
 * Modelled so far: the linear migrate and free scanners with their cached
 * positions and pageblock skip bits, isolation of movable LRU pages
 * (compound pages, pinned and unmovable pages fail as in the kernel),
 * migration, compaction_suitable with the fragmentation index,
 * __compact_finished, deferral, direct compaction and compact_memory,
 * the fast free-list searches of both scanners (with 6.1.192's
 * skip-bit quirk in fast_find_migrateblock), and direct compaction's
 * capture of the block its frees make (compaction_capture, buddy.c).
 * kcompactd and proactive compaction are in kcompactd.c.
 */
#include <assert.h>
#include <stdlib.h>

#include "mm/compaction.h"
#include "mm/frag_index.h"
#include "mm/internal.h"
#include "mm/trace.h"
#include "util/xalloc.h"

const char *const compact_result_names[] = {
	"not_suitable_zone", "skipped", "deferred", "no_suitable_page",
	"continue", "complete", "partial_skipped", "contended", "success",
};


static unsigned long pageblock_end_pfn(unsigned long pfn)
{
	return pageblock_start_pfn(pfn) + pageblock_nr_pages;
}

/* mm/compaction.c: block_end_pfn - the end of pfn's order-aligned block */
static unsigned long block_end_pfn(unsigned long pfn, int order)
{
	return (pfn & ~((1UL << order) - 1)) + (1UL << order);
}

/* --- deferral --- */

bool compaction_deferred(struct mm_state *mm, struct zone *zone, int order)
{
	unsigned long defer_limit = 1UL << zone->compact_defer_shift;

	if (order < zone->compact_order_failed)
		return false;
	/* Avoid possible overflow */
	if (++zone->compact_considered >= defer_limit) {
		zone->compact_considered = (unsigned int)defer_limit;
		return false;
	}
	mm->vm_events[COMPACTDEFERRED]++;
	trace_compaction_defer(mm, "mm_compaction_deferred", zone, order);
	return true;
}

void defer_compaction(struct mm_state *mm, struct zone *zone, int order)
{
	zone->compact_considered = 0;
	zone->compact_defer_shift++;
	if (order < zone->compact_order_failed)
		zone->compact_order_failed = order;
	if (zone->compact_defer_shift > COMPACT_MAX_DEFER_SHIFT)
		zone->compact_defer_shift = COMPACT_MAX_DEFER_SHIFT;
	trace_compaction_defer(mm, "mm_compaction_defer_compaction", zone,
			       order);
}

void compaction_defer_reset(struct mm_state *mm, struct zone *zone, int order,
			    bool alloc_success)
{
	if (alloc_success) {
		zone->compact_considered = 0;
		zone->compact_defer_shift = 0;
	}
	if (order >= zone->compact_order_failed)
		zone->compact_order_failed = order + 1;
	trace_compaction_defer(mm, "mm_compaction_defer_reset", zone, order);
}

bool compaction_restarting(const struct zone *zone, int order)
{
	if (order < zone->compact_order_failed)
		return false;
	return zone->compact_defer_shift == COMPACT_MAX_DEFER_SHIFT &&
	       zone->compact_considered >= 1UL << zone->compact_defer_shift;
}

/* --- skip bits and cached positions --- */

/* mm/compaction.c: reset_cached_positions */
static void reset_cached_positions(struct zone *zone)
{
	zone->compact_cached_migrate_pfn[0] = zone->zone_start_pfn;
	zone->compact_cached_migrate_pfn[1] = zone->zone_start_pfn;
	zone->compact_cached_free_pfn = pageblock_start_pfn(zone_end_pfn(zone) - 1);
}

/* mm/compaction.c: isolation_suitable */
static bool isolation_suitable(const struct mm_state *mm,
			       const struct compact_control *cc,
			       unsigned long pfn)
{
	return cc->ignore_skip_hint || !get_pageblock_skip(&mm->memmap, pfn);
}

/*
 * mm/compaction.c: test_and_set_skip - isolate_migratepages_block calls
 * it once, where it first takes the LRU lock; only a pageblock-aligned pfn
 * tests and sets the bit, but any call uses up the block's one update.
 */
static bool test_and_set_skip(struct mm_state *mm,
			      const struct compact_control *cc,
			      unsigned long pfn)
{
	bool skip;

	if (cc->ignore_skip_hint)
		return false;
	if (pfn & (pageblock_nr_pages - 1))
		return false;
	skip = get_pageblock_skip(&mm->memmap, pfn);
	if (!skip && !cc->no_set_skip_hint)
		set_pageblock_skip(&mm->memmap, pfn, true);
	return skip;
}

/* mm/compaction.c: update_cached_migrate (one block past: a 6.1 quirk) */
static void update_cached_migrate(struct compact_control *cc,
				  unsigned long pfn)
{
	struct zone *zone = cc->zone;

	pfn = pageblock_end_pfn(pfn);
	if (cc->no_set_skip_hint)
		return;
	if (pfn > zone->compact_cached_migrate_pfn[0])
		zone->compact_cached_migrate_pfn[0] = pfn;
	if (cc->mode != MIGRATE_ASYNC &&
	    pfn > zone->compact_cached_migrate_pfn[1])
		zone->compact_cached_migrate_pfn[1] = pfn;
}

/* mm/compaction.c: update_pageblock_skip (the free scanner's) */
static void update_pageblock_skip(struct mm_state *mm,
				  struct compact_control *cc, unsigned long pfn)
{
	if (cc->no_set_skip_hint)
		return;
	set_pageblock_skip(&mm->memmap, pfn, true);
	if (pfn < cc->zone->compact_cached_free_pfn)
		cc->zone->compact_cached_free_pfn = pfn;
}

/* Is pfn in the zone (a present page of it)? */
static bool pfn_in_zone(const struct mm_state *mm, const struct zone *zone,
			unsigned long pfn)
{
	return pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone) &&
	       page_zone(mm, pfn) == zone;
}

/* mm/page_alloc.c: __pageblock_pfn_to_page - both ends valid, in zone */
static bool pageblock_pfn_to_page(const struct mm_state *mm,
				  const struct zone *zone, unsigned long start,
				  unsigned long end)
{
	return pfn_in_zone(mm, zone, start) && pfn_in_zone(mm, zone, end - 1);
}

/*
 * mm/compaction.c: __reset_isolation_pfn - sample every 8th page of the
 * block: an LRU page (source check) or a free page (target check) clears
 * the skip bit.
 */
static bool reset_isolation_pfn(struct mm_state *mm, const struct zone *zone,
				unsigned long pfn, bool check_source,
				bool check_target)
{
	unsigned long block = pageblock_start_pfn(pfn);

	if (!pfn_in_zone(mm, zone, pfn))
		return false;
	if (frame_type_allocated(frame_type(&mm->memmap, block)) &&
	    allocated_order(mm, block) >= pageblock_order)
		return false;	/* pageblock_skip_persistent */
	if (check_source && check_target && !get_pageblock_skip(&mm->memmap, pfn))
		return true;
	if (!check_source && check_target &&
	    get_pageblock_migratetype(&mm->memmap, pfn) != MIGRATE_MOVABLE)
		return false;
	for (unsigned long p = block; p < block + pageblock_nr_pages; p += 8) {
		enum frame_type t;

		if (!pfn_in_zone(mm, zone, p))
			continue;
		t = frame_type(&mm->memmap, p);
		if ((check_source && frame_type_allocated(t) &&
		     owner_kind_lru(allocated_kind(mm, p))) ||
		    (check_target && t == FRAME_BUDDY)) {
			set_pageblock_skip(&mm->memmap, pfn, false);
			return true;
		}
	}
	return false;
}

void __reset_isolation_suitable(struct mm_state *mm, struct zone *zone)
{
	unsigned long migrate_pfn = zone->zone_start_pfn;
	unsigned long free_pfn = zone_end_pfn(zone) - 1;
	unsigned long reset_migrate = free_pfn, reset_free = migrate_pfn;
	bool source_set = false, free_set = false;

	if (!zone->compact_blockskip_flush)
		return;
	zone->compact_blockskip_flush = false;
	for (; migrate_pfn < free_pfn; migrate_pfn += pageblock_nr_pages,
	     free_pfn -= pageblock_nr_pages) {
		if (reset_isolation_pfn(mm, zone, migrate_pfn, true, source_set) &&
		    migrate_pfn < reset_migrate) {
			source_set = true;
			reset_migrate = migrate_pfn;
			zone->compact_init_migrate_pfn = reset_migrate;
			zone->compact_cached_migrate_pfn[0] = reset_migrate;
			zone->compact_cached_migrate_pfn[1] = reset_migrate;
		}
		if (reset_isolation_pfn(mm, zone, free_pfn, free_set, true) &&
		    free_pfn > reset_free) {
			free_set = true;
			reset_free = free_pfn;
			zone->compact_init_free_pfn = reset_free;
			zone->compact_cached_free_pfn = reset_free;
		}
	}
	/* Leave no distance if no suitable block was reset */
	if (reset_migrate >= reset_free) {
		zone->compact_cached_migrate_pfn[0] = migrate_pfn;
		zone->compact_cached_migrate_pfn[1] = migrate_pfn;
		zone->compact_cached_free_pfn = free_pfn;
	}
}

/* --- the free scanner --- */

static void add_freepage(struct compact_control *cc, unsigned long pfn)
{
	cc->freepages = xgrow(cc->freepages, &cc->freepages_cap,
			      cc->nr_freepages + 1, sizeof(*cc->freepages));
	cc->freepages[cc->nr_freepages++] = pfn;
}

static int cmp_ul(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/*
 * mm/page_alloc.c: __isolate_free_page - take a free block off the buddy
 * lists for compaction, if the zone stays above its min watermark; blocks
 * of at least half a pageblock make their pageblocks MOVABLE.
 */
static bool isolate_free_page(struct mm_state *mm, struct zone *zone,
			      unsigned long pfn, unsigned int order)
{
	enum migratetype mt = get_pageblock_migratetype(&mm->memmap, pfn);

	if (mt != MIGRATE_ISOLATE) {
		unsigned long watermark = zone->_watermark[WMARK_MIN] +
					  (1UL << order);

		if (!__zone_watermark_ok(zone, 0, watermark, 0, ALLOC_CMA,
					 (long)zone->nr_free_pages))
			return false;
		zone->nr_free_pages -= 1UL << order;
	}
	buddy_take(mm, zone, pfn);
	if (order >= pageblock_order - 1)
		for (unsigned long p = pfn; p < pfn + (1UL << order);
		     p += pageblock_nr_pages)
			if (get_pageblock_migratetype(&mm->memmap, p) <
			    MIGRATE_PCPTYPES)
				set_pageblock_migratetype(mm, p, MIGRATE_MOVABLE);
	return true;
}

/* A free block becomes order-0 target pages for compaction (split_map_pages). */
static void take_free_block(struct mm_state *mm, struct compact_control *cc,
			    unsigned long pfn, unsigned int order)
{
	for (unsigned long p = pfn; p < pfn + (1UL << order); p++) {
		set_frame(&mm->memmap, p, FRAME_TAIL, 0);
		page_block_commit(mm, p, 0, MIGRATE_MOVABLE, OWNER_ISOLATED);
		add_freepage(cc, p);
	}
}

/*
 * mm/compaction.c: isolate_freepages_block - isolate whole free blocks
 * from [*start_pfn, end_pfn), stepping by stride, until enough; split them
 * into order-0 target pages (split_map_pages).  Returns the pages taken.
 */
static unsigned long isolate_freepages_block(struct mm_state *mm,
					     struct compact_control *cc,
					     unsigned long *start_pfn,
					     unsigned long end_pfn,
					     unsigned int stride)
{
	unsigned long nr_scanned = 0, total_isolated = 0;
	unsigned long blockpfn = *start_pfn;

	if (stride <= 1)
		stride = 1;
	for (; blockpfn < end_pfn; blockpfn += stride) {
		enum frame_type t = frame_type(&mm->memmap, blockpfn);
		unsigned int order;

		nr_scanned++;
		if (frame_type_allocated(t)) {
			/* a compound page is skipped at once, looked at once */
			blockpfn += (1UL << allocated_order(mm, blockpfn)) - 1;
			continue;
		}
		if (t != FRAME_BUDDY)
			continue;	/* pcp pages, tails */
		order = buddy_block(mm, blockpfn)->order;
		if (!isolate_free_page(mm, cc->zone, blockpfn, order))
			break;
		take_free_block(mm, cc, blockpfn, order);
		total_isolated += 1UL << order;
		nr_scanned += (1UL << order) - 1;
		if (cc->nr_freepages >= cc->nr_migratepages) {
			blockpfn += 1UL << order;	/* resume after it */
			break;
		}
		/* Advance to the end of split page */
		blockpfn += (1UL << order) - 1;
	}
	/* A block scanned in strides counts as finished at its end. */
	if (blockpfn > end_pfn)
		blockpfn = end_pfn;
	cc->total_free_scanned += nr_scanned;
	mm->vm_events[COMPACTISOLATED] += total_isolated;
	trace_event(mm, "mm_compaction_isolate_freepages", "range=(0x%lx ~ "
		    "0x%lx) nr_scanned=%lu nr_taken=%lu", *start_pfn, blockpfn,
		    nr_scanned, total_isolated);
	*start_pfn = blockpfn;
	return total_isolated;
}

/* mm/compaction.c: suitable_migration_target */
static bool suitable_migration_target(const struct mm_state *mm,
				      const struct compact_control *cc,
				      unsigned long pfn)
{
	if (frame_type(&mm->memmap, pfn) == FRAME_BUDDY &&
	    buddy_block(mm, pfn)->order >= pageblock_order)
		return false;
	if (cc->ignore_block_suitable)
		return true;
	return get_pageblock_migratetype(&mm->memmap, pfn) == MIGRATE_MOVABLE;
}

/* mm/compaction.c: freelist_scan_limit */
static unsigned int freelist_scan_limit(const struct compact_control *cc)
{
	unsigned int shift = cc->fast_search_fail < 63 ? cc->fast_search_fail : 63;

	return (COMPACT_CLUSTER_MAX >> (shift < 31 ? shift : 31)) + 1;
}

/* mm/compaction.c: next_search_order - round-robin below cc->order */
static int next_search_order(struct compact_control *cc, int order)
{
	order--;
	if (order < 0)
		order = cc->order - 1;
	/* Search wrapped around? */
	if (order == cc->search_order) {
		cc->search_order--;
		if (cc->search_order < 0)
			cc->search_order = cc->order - 1;
		return -1;
	}
	return order;
}

/*
 * mm/compaction.c: move_freelist_head - the entries before idx go to the
 * list's tail, so that the next search skips recently seen pages.
 */
static void move_freelist_head(struct mm_state *mm, struct free_list *list,
			       uint32_t idx)
{
	if (idx != NIL)
		free_list_rotate(mm, list, idx);
}

/* mm/compaction.c: fast_isolate_around - fill up from the whole block */
static void fast_isolate_around(struct mm_state *mm, struct compact_control *cc,
				unsigned long pfn)
{
	struct zone *zone = cc->zone;
	unsigned long start_pfn, end_pfn;

	if (cc->nr_freepages >= cc->nr_migratepages)
		return;
	/* Minimise scanning during async compaction */
	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC)
		return;
	start_pfn = pageblock_start_pfn(pfn) > zone->zone_start_pfn ?
		pageblock_start_pfn(pfn) : zone->zone_start_pfn;
	end_pfn = min_ul(pageblock_end_pfn(pfn), zone_end_pfn(zone));
	if (!pageblock_pfn_to_page(mm, zone, start_pfn, end_pfn))
		return;
	isolate_freepages_block(mm, cc, &start_pfn, end_pfn, 1);
	/* Skip this pageblock in the future as it's full or nearly full */
	if (cc->nr_freepages < cc->nr_migratepages)
		set_pageblock_skip(&mm->memmap, start_pfn - 1, true);
}

/*
 * mm/compaction.c: fast_isolate_freepages - take a free page from the
 * MOVABLE free lists of orders below cc->order, preferring one in the top
 * quarter of the scan space, before the linear free scanner runs.
 */
static void fast_isolate_freepages(struct mm_state *mm,
				   struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned int limit = freelist_scan_limit(cc) >> 1;
	unsigned long nr_scanned = 0, low_pfn, min_pfn, highest = 0, distance;
	unsigned long nr_walked = 0;	/* the entries alone, for the costs */
	unsigned long page = PFN_NONE;
	bool scan_start = false;
	int order;

	if (limit < 1)
		limit = 1;
	/* Full compaction passes in a negative order */
	if (cc->order <= 0)
		return;
	/* Starting the scan: search deeper, take the highest found. */
	if (cc->free_pfn >= zone->compact_init_free_pfn) {
		limit = pageblock_nr_pages >> 1;
		scan_start = true;
	}
	distance = cc->free_pfn - cc->migrate_pfn;
	low_pfn = pageblock_start_pfn(cc->free_pfn - (distance >> 2));
	min_pfn = pageblock_start_pfn(cc->free_pfn - (distance >> 1));
	if (min_pfn > low_pfn)
		low_pfn = min_pfn;
	if (cc->order - 1 < cc->search_order)
		cc->search_order = cc->order - 1;

	for (order = cc->search_order; page == PFN_NONE && order >= 0;
	     order = next_search_order(cc, order)) {
		struct free_area *area = &zone->free_area[order];
		struct free_list *list = &area->free_list[MIGRATE_MOVABLE];
		unsigned int order_scanned = 0;
		unsigned long high_pfn = 0;
		uint32_t freepage = NIL, high_idx = NIL;

		if (!area->nr_free)
			continue;
		/* list_for_each_entry_reverse: from the tail */
		for (uint32_t i = list->tail; i != NIL;
		     i = mm->free_blocks[i].prev) {
			unsigned long pfn = free_block_pfn(mm, &mm->free_blocks[i]);

			order_scanned++;
			nr_scanned++;
			nr_walked++;
			freepage = i;
			if (pfn >= highest)
				highest = pageblock_start_pfn(pfn) > zone->zone_start_pfn ?
					pageblock_start_pfn(pfn) : zone->zone_start_pfn;
			if (pfn >= low_pfn) {
				cc->fast_search_fail = 0;
				cc->search_order = order;
				page = pfn;
				break;
			}
			if (pfn >= min_pfn && pfn > high_pfn) {
				high_pfn = pfn;
				high_idx = i;
				/* Shorten the scan if a candidate is found */
				limit >>= 1;
			}
			if (order_scanned >= limit)
				break;
		}
		/* Use a minimum pfn if a preferred one was not found */
		if (page == PFN_NONE && high_pfn) {
			page = high_pfn;
			freepage = high_idx;
		}
		/* Reorder so a future search skips recent pages */
		if (freepage != NIL)
			move_freelist_head(mm, list, freepage);
		if (page != PFN_NONE) {
			if (isolate_free_page(mm, zone, page, (unsigned int)order)) {
				take_free_block(mm, cc, page, (unsigned int)order);
				nr_scanned += (1UL << order) - 1;
				mm->vm_events[COMPACTISOLATED] += 1UL << order;
			} else {
				/* If isolation fails, abort the search */
				order = cc->search_order + 1;
				page = PFN_NONE;
			}
		}
		/* Skip fast search if enough freepages isolated */
		if (cc->nr_freepages >= cc->nr_migratepages)
			break;
		/* Smaller scan on the next order */
		if (order_scanned >= limit)
			limit = limit >> 1 ? limit >> 1 : 1;
	}

	if (page == PFN_NONE) {
		cc->fast_search_fail++;
		if (scan_start) {
			/* the highest pfn found above min, else min itself */
			if (highest >= min_pfn) {
				page = highest;
				cc->free_pfn = highest;
			} else if (cc->direct_compaction &&
				   pfn_in_zone(mm, zone, min_pfn)) {
				page = min_pfn;
				cc->free_pfn = min_pfn;
			}
		}
	}
	if (highest && highest >= zone->compact_cached_free_pfn) {
		highest -= pageblock_nr_pages;
		zone->compact_cached_free_pfn = highest;
	}
	cc->total_free_scanned += nr_scanned;
	mm->nr_freelist_scanned += nr_walked;
	if (page == PFN_NONE)
		return;
	fast_isolate_around(mm, cc, page);
}

/* mm/compaction.c: isolate_freepages (the fast search, then downwards) */
static void isolate_freepages(struct mm_state *mm, struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long isolate_start_pfn = cc->free_pfn;
	unsigned long block_start = pageblock_start_pfn(isolate_start_pfn);
	unsigned long block_end = min_ul(block_start + pageblock_nr_pages,
					 zone_end_pfn(zone));
	unsigned long low_pfn = pageblock_end_pfn(cc->migrate_pfn);
	unsigned int stride = cc->mode == MIGRATE_ASYNC ? COMPACT_CLUSTER_MAX : 1;

	fast_isolate_freepages(mm, cc);
	if (cc->nr_freepages)
		goto splitmap;
	isolate_start_pfn = cc->free_pfn;
	block_start = pageblock_start_pfn(isolate_start_pfn);
	block_end = min_ul(block_start + pageblock_nr_pages, zone_end_pfn(zone));
	low_pfn = pageblock_end_pfn(cc->migrate_pfn);
	for (; block_start >= low_pfn; block_end = block_start,
	     block_start -= pageblock_nr_pages, isolate_start_pfn = block_start) {
		unsigned long nr_isolated;

		if (!pageblock_pfn_to_page(mm, zone, block_start, block_end))
			continue;
		if (!suitable_migration_target(mm, cc, block_start))
			continue;
		if (!isolation_suitable(mm, cc, block_start))
			continue;
		nr_isolated = isolate_freepages_block(mm, cc, &isolate_start_pfn,
						      block_end, stride);
		/* the whole block scanned: skip it next time */
		if (isolate_start_pfn == block_end)
			update_pageblock_skip(mm, cc, block_start);
		if (cc->nr_freepages >= cc->nr_migratepages) {
			if (isolate_start_pfn >= block_end)
				isolate_start_pfn = block_start - pageblock_nr_pages;
			break;
		} else if (isolate_start_pfn < block_end) {
			break;	/* a failed isolation: the zone is at its min */
		}
		if (nr_isolated) {
			stride = 1;
			continue;
		}
		stride = stride << 1 < COMPACT_CLUSTER_MAX ? stride << 1 :
							     COMPACT_CLUSTER_MAX;
		if (block_start < pageblock_nr_pages)
			break;
	}
	cc->free_pfn = isolate_start_pfn;
splitmap:
	/* split_map_pages: compaction_alloc takes the highest pfn first */
	if (cc->nr_freepages)
		qsort(cc->freepages, cc->nr_freepages, sizeof(*cc->freepages),
		      cmp_ul);
}

/* --- the migrate scanner --- */

/* mm/compaction.c: move_freelist_tail - head..idx go to the tail */
static void move_freelist_tail(struct mm_state *mm, struct free_list *list,
			       uint32_t idx)
{
	uint32_t next = mm->free_blocks[idx].next;

	/* idx first: the kernel leaves the list alone; idx last: moving
	 * every entry to the tail keeps the order */
	if (list->head == idx || next == NIL)
		return;
	free_list_rotate(mm, list, next);
}

/* mm/compaction.c: update_fast_start_pfn */
static void update_fast_start_pfn(struct compact_control *cc, unsigned long pfn)
{
	if (cc->fast_start_pfn == PFN_NONE)
		return;
	if (!cc->fast_start_pfn || pfn < cc->fast_start_pfn)
		cc->fast_start_pfn = pfn;
}

/* mm/compaction.c: reinit_migrate_pfn */
static unsigned long reinit_migrate_pfn(struct compact_control *cc)
{
	if (!cc->fast_start_pfn || cc->fast_start_pfn == PFN_NONE)
		return cc->migrate_pfn;
	cc->migrate_pfn = cc->fast_start_pfn;
	cc->fast_start_pfn = PFN_NONE;
	return cc->migrate_pfn;
}

/*
 * mm/compaction.c: fast_find_migrateblock - for costly orders, start the
 * migrate scanner at a pageblock (low in the zone) that the MOVABLE free
 * lists say has free pages.  6.1.192 marks that block skip (6.1.9 reverted
 * the upstream fix), so isolate_migratepages_block then aborts it: the
 * scanner jumps past a block that has free pages.
 */
static unsigned long fast_find_migrateblock(struct mm_state *mm,
					    struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned int limit = freelist_scan_limit(cc), nr_scanned = 0;
	unsigned long pfn = cc->migrate_pfn, distance, high_pfn;
	bool found_block = false;

	if (cc->ignore_skip_hint)
		return pfn;
	/* continuing a partially scanned block */
	if (pfn != zone->zone_start_pfn && pfn != pageblock_start_pfn(pfn))
		return pfn;
	if (cc->order <= PAGE_ALLOC_COSTLY_ORDER)
		return pfn;
	if (cc->direct_compaction && cc->migratetype != MIGRATE_MOVABLE)
		return pfn;
	/* in the first half of the scan space, or the first eighth later */
	distance = (cc->free_pfn - cc->migrate_pfn) >> 1;
	if (cc->migrate_pfn != zone->zone_start_pfn)
		distance >>= 2;
	high_pfn = pageblock_start_pfn(cc->migrate_pfn + distance);

	for (int order = cc->order - 1; order >= PAGE_ALLOC_COSTLY_ORDER &&
	     !found_block && nr_scanned < limit; order--) {
		struct free_area *area = &zone->free_area[order];
		struct free_list *list = &area->free_list[MIGRATE_MOVABLE];
		uint32_t i, next;

		if (!area->nr_free)
			continue;
		for (i = list->head; i != NIL; i = next) {
			unsigned long free_pfn = free_block_pfn(mm, &mm->free_blocks[i]);

			next = mm->free_blocks[i].next;
			if (nr_scanned++ >= limit) {
				move_freelist_tail(mm, list, i);
				break;
			}
			if (free_pfn < high_pfn) {
				if (get_pageblock_skip(&mm->memmap, free_pfn))
					continue;
				move_freelist_tail(mm, list, i);
				update_fast_start_pfn(cc, free_pfn);
				pfn = pageblock_start_pfn(free_pfn);
				if (pfn < zone->zone_start_pfn)
					pfn = zone->zone_start_pfn;
				cc->fast_search_fail = 0;
				found_block = true;
				set_pageblock_skip(&mm->memmap, free_pfn, true);
				break;
			}
		}
	}
	cc->total_migrate_scanned += nr_scanned;
	if (!found_block) {
		cc->fast_search_fail++;
		pfn = reinit_migrate_pfn(cc);
	}
	return pfn;
}

/* mm/compaction.c: suitable_migration_source */
static bool suitable_migration_source(const struct mm_state *mm,
				      const struct compact_control *cc,
				      unsigned long pfn)
{
	enum migratetype block_mt;

	if (frame_type_allocated(frame_type(&mm->memmap, pfn)) &&
	    allocated_order(mm, pfn) >= pageblock_order)
		return false;	/* pageblock_skip_persistent */
	if (cc->mode != MIGRATE_ASYNC || !cc->direct_compaction)
		return true;
	block_mt = get_pageblock_migratetype(&mm->memmap, pfn);
	if (cc->migratetype == MIGRATE_MOVABLE)
		return block_mt == MIGRATE_MOVABLE;
	return block_mt == cc->migratetype;
}

static void put_back_migratepages(struct compact_control *cc, size_t keep)
{
	cc->nr_migratepages = keep;
}

/* How far ahead of the migrate scanner its records are asked for. */
#define MIGRATE_SCAN_AHEAD	16

/*
 * Can this allocated block be isolated for migration?  The kernel isolates
 * LRU pages (and __PageMovable ones); compound pages (THP, hugetlb) are
 * never migrated by 6.1 compaction; pinned pages fail the refcount check.
 * A ramfs page is on the unevictable LRU, which compaction may take
 * (compact_unevictable_allowed), but it is dirty and its mapping has no
 * migrate_folio: every mode but MIGRATE_SYNC (compact_memory's) leaves it
 * (ISOLATE_ASYNC_MIGRATE, isolate_migratepages), and MIGRATE_SYNC
 * isolates it and then fails to migrate it.
 */
static bool isolatable(const struct mm_state *mm,
		       const struct compact_control *cc, unsigned long pfn,
		       unsigned int order)
{
	enum owner_kind kind = allocated_kind(mm, pfn);

	return order == 0 && (owner_kind_movable(kind) ||
			      (kind == OWNER_RAMFS &&
			       cc->mode == MIGRATE_SYNC));
}

/*
 * mm/compaction.c: isolate_migratepages_block - isolate movable pages from
 * [low_pfn, end_pfn) onto cc->migratepages, at most COMPACT_CLUSTER_MAX.
 */
static void isolate_migratepages_block(struct mm_state *mm,
				       struct compact_control *cc,
				       unsigned long low_pfn,
				       unsigned long end_pfn)
{
	unsigned long nr_scanned = 0, nr_isolated = 0, next_skip_pfn = 0;
	bool skip_on_failure = false, valid_page = false, skip_updated = false;
	size_t chunk_start = cc->nr_migratepages;
	const unsigned long start_pfn = low_pfn;

	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC) {
		skip_on_failure = true;
		next_skip_pfn = block_end_pfn(low_pfn, cc->order);
	}

	for (; low_pfn < end_pfn; low_pfn++) {
		enum frame_type t;
		unsigned int order;

		if (skip_on_failure && low_pfn >= next_skip_pfn) {
			/* a whole order-aligned chunk isolated: migrate it now */
			if (nr_isolated)
				break;
			next_skip_pfn = block_end_pfn(low_pfn, cc->order);
			chunk_start = cc->nr_migratepages;
		}
		nr_scanned++;
		/*
		 * Each allocated head's owner kind is in its record, and the
		 * records lie in allocation order, not pfn order: a cold miss
		 * per page on a large machine.  Ask for the record of the
		 * head MIGRATE_SCAN_AHEAD frames on now, so that the scan
		 * waits on several at once rather than on each in turn.
		 */
		if (low_pfn + MIGRATE_SCAN_AHEAD < end_pfn) {
			uint32_t ahead = *frame_word(&mm->memmap,
						     low_pfn + MIGRATE_SCAN_AHEAD);
			/* a select, not a branch: heads and free blocks mix
			 * at random; anything but a record asks for the
			 * pool's first, which costs nothing */
			uint32_t idx = ahead >> FRAME_TYPE_SHIFT == FRAME_ALLOC ?
				       ahead & FRAME_INDEX_MASK : 0;

			__builtin_prefetch(&mm->blocks[idx]);
		}
		if (!valid_page && !(low_pfn & (pageblock_nr_pages - 1))) {
			if (!isolation_suitable(mm, cc, low_pfn)) {
				low_pfn = end_pfn;
				goto isolate_abort;
			}
			valid_page = true;
		}
		t = frame_type(&mm->memmap, low_pfn);
		if (t == FRAME_BUDDY) {
			/* Skip free blocks: not a failure, looked at once. */
			order = buddy_block(mm, low_pfn)->order;
			low_pfn += (1UL << order) - 1;
			continue;
		}
		if (frame_type_allocated(t)) {
			order = allocated_order(mm, low_pfn);
			if (isolatable(mm, cc, low_pfn, order)) {
				/* the first page isolated takes the LRU lock:
				 * the block's one skip-bit update, even where
				 * the pfn is not aligned and nothing is set, so
				 * that a block put back below is not marked */
				if (!skip_updated) {
					skip_updated = true;
					if (test_and_set_skip(mm, cc, low_pfn))
						goto isolate_abort;
				}
				cc->migratepages = xgrow(cc->migratepages,
						&cc->migratepages_cap,
						cc->nr_migratepages + 1,
						sizeof(*cc->migratepages));
				cc->migratepages[cc->nr_migratepages++] = low_pfn;
				nr_isolated++;
				if (cc->nr_migratepages >= COMPACT_CLUSTER_MAX &&
				    !cc->rescan) {
					low_pfn++;
					break;
				}
				continue;
			}
			if (order) {
				/* compound: skip it whole, as a failure */
				low_pfn += (1UL << order) - 1;
			}
		}
		/* isolate_fail */
		if (!skip_on_failure)
			continue;
		if (nr_isolated) {
			/* give back this chunk and move to the next */
			put_back_migratepages(cc, chunk_start);
			nr_isolated = 0;
		}
		if (low_pfn < next_skip_pfn) {
			low_pfn = next_skip_pfn - 1;
			next_skip_pfn += 1UL << cc->order;
		}
	}
	if (low_pfn > end_pfn)
		low_pfn = end_pfn;
isolate_abort:
	/* The block scanned with nothing isolated (or twice): skip it. */
	if (low_pfn == end_pfn && (!nr_isolated || cc->rescan)) {
		if (valid_page && !skip_updated)
			set_pageblock_skip(&mm->memmap, pageblock_start_pfn(end_pfn - 1),
					   true);
		update_cached_migrate(cc, low_pfn);
	}
	cc->total_migrate_scanned += nr_scanned;
	cc->step_scanned += nr_scanned;
	mm->vm_events[COMPACTISOLATED] += nr_isolated;
	cc->migrate_pfn = low_pfn;
	trace_event(mm, "mm_compaction_isolate_migratepages", "range=(0x%lx ~ "
		    "0x%lx) nr_scanned=%lu nr_taken=%lu", start_pfn, low_pfn,
		    nr_scanned, nr_isolated);
}

enum isolate_result { ISOLATE_ABORT, ISOLATE_NONE, ISOLATE_SUCCESS };

/* mm/compaction.c: isolate_migratepages - one pageblock per call */
static enum isolate_result isolate_migratepages(struct mm_state *mm,
						struct compact_control *cc)
{
	unsigned long low_pfn = fast_find_migrateblock(mm, cc);
	unsigned long block_start = pageblock_start_pfn(low_pfn);
	unsigned long block_end = pageblock_end_pfn(low_pfn);
	bool fast_find_block = low_pfn != cc->migrate_pfn && !cc->fast_search_fail;

	if (block_start < cc->zone->zone_start_pfn)
		block_start = cc->zone->zone_start_pfn;
	for (; block_end <= cc->free_pfn; fast_find_block = false,
	     cc->migrate_pfn = low_pfn = block_end,
	     block_start = block_end, block_end += pageblock_nr_pages) {
		if (!pageblock_pfn_to_page(mm, cc->zone, block_start, block_end))
			continue;
		if (!(low_pfn & (pageblock_nr_pages - 1)) && !fast_find_block &&
		    !isolation_suitable(mm, cc, low_pfn))
			continue;
		if (!suitable_migration_source(mm, cc, block_start)) {
			update_cached_migrate(cc, block_end);
			continue;
		}
		isolate_migratepages_block(mm, cc, low_pfn, block_end);
		break;
	}
	return cc->nr_migratepages ? ISOLATE_SUCCESS : ISOLATE_NONE;
}

/* --- migration --- */

/* mm/compaction.c: compaction_alloc - the highest isolated free page */
static unsigned long compaction_alloc(struct mm_state *mm,
				      struct compact_control *cc)
{
	if (!cc->nr_freepages) {
		isolate_freepages(mm, cc);
		if (!cc->nr_freepages)
			return PFN_NONE;
	}
	return cc->freepages[--cc->nr_freepages];
}

/*
 * mm/rmap.c: try_to_migrate_one - unmapping a mapped page clears its PTE
 * with ptep_clear_flush, page by page in 6.1, and flush_tlb_mm_range sends
 * an IPI to every CPU where the mm is loaded and not lazy
 * (native_flush_tlb_multi): where its process runs.  Anonymous pages are
 * mapped by the process that holds them; page cache is taken as unmapped.
 */
static bool migration_shoots_down(const struct mm_state *mm,
				  unsigned long pfn, int cpu)
{
	enum owner_kind kind;

	if (!mm->runs_elsewhere ||
	    frame_type(&mm->memmap, pfn) != FRAME_ALLOC)
		return false;	/* no process runs, or a bare block: none holds it */
	kind = allocated_kind(mm, pfn);
	if (kind != OWNER_ANON && kind != OWNER_THP)
		return false;
	return mm->runs_elsewhere(mm->runs_elsewhere_ctx,
				  &mm->blocks[frame_index(&mm->memmap, pfn)],
				  cpu);
}

/*
 * mm/migrate.c: migrate_pages - each isolated page moves to a target: its
 * owner's record now names the target frame, and the source page is freed
 * through the normal path (order 0: the compacting CPU's pcp list).
 * Returns -1 (ENOMEM) when the free scanner found no target.
 */
static int migrate_pages(struct mm_state *mm, struct compact_control *cc)
{
	for (size_t i = 0; i < cc->nr_migratepages; i++) {
		unsigned long src = cc->migratepages[i];
		unsigned long dst = compaction_alloc(mm, cc);

		if (dst == PFN_NONE) {
			/* -ENOMEM: this page fails, the rest are put back */
			mm->vm_events[PGMIGRATE_FAIL]++;
			return -1;
		}
		if (allocated_kind(mm, src) == OWNER_RAMFS) {
			/* fallback_migrate_folio: -EINVAL (sync) or -EBUSY;
			 * the target goes back to the list (compaction_free) */
			cc->freepages[cc->nr_freepages++] = dst;
			mm->vm_events[PGMIGRATE_FAIL]++;
			continue;
		}
		if (migration_shoots_down(mm, src, cc->cpu)) {
			cc->step_tlb_shootdowns++;
			mm->nr_tlb_shootdowns++;
		}
		/* the target's placeholder record goes; the owner moves and
		 * goes back on its LRU at the young end */
		page_block_move(mm, src, dst);
		free_the_page(mm, src, 0, cc->cpu);
		mm->vm_events[PGMIGRATE_SUCCESS]++;
		cc->step_migrated++;
	}
	return 0;
}

/* --- the compaction loop --- */

/* mm/compaction.c: __compaction_suitable and the fragmentation-index test */
static enum compact_result suitable(const struct mm_state *mm,
				    const struct zone *zone, int order,
				    unsigned int alloc_flags,
				    int highest_zoneidx)
{
	unsigned long watermark;

	if (order == -1)
		return COMPACT_CONTINUE;
	watermark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
	/* Enough free memory and a suitable block: nothing to do. */
	if (zone_watermark_ok(zone, (unsigned int)order, watermark,
			      highest_zoneidx, alloc_flags))
		return COMPACT_SUCCESS;
	/* Below this, migration has no room to work (compact_gap). */
	watermark = (order > PAGE_ALLOC_COSTLY_ORDER ? low_wmark_pages(zone) :
		     min_wmark_pages(zone)) + (2UL << order);
	if (!__zone_watermark_ok(zone, 0, watermark, highest_zoneidx,
				 ALLOC_CMA, (long)zone->nr_free_pages))
		return COMPACT_SKIPPED;
	/*
	 * fragmentation_index: a low index means failure from lack of
	 * memory, not fragmentation; compaction would not help.
	 */
	if (order > PAGE_ALLOC_COSTLY_ORDER) {
		struct contig_page_info info;
		unsigned long nr_free[MAX_ORDER];
		int fragindex;

		for (int o = 0; o < MAX_ORDER; o++)
			nr_free[o] = zone->free_area[o].nr_free;
		fill_contig_page_info(nr_free, (unsigned int)order, &info);
		fragindex = __fragmentation_index((unsigned int)order, &info);
		if (fragindex >= 0 && fragindex <= mm->sysctl.extfrag_threshold)
			return COMPACT_NOT_SUITABLE_ZONE;
	}
	return COMPACT_CONTINUE;
}

/* mm/compaction.c: compaction_suitable, traced as the kernel does */
enum compact_result compaction_suitable(const struct mm_state *mm,
					const struct zone *zone, int order,
					unsigned int alloc_flags,
					int highest_zoneidx)
{
	enum compact_result ret = suitable(mm, zone, order, alloc_flags,
					   highest_zoneidx);

	trace_event(mm, "mm_compaction_suitable", "node=%d zone=%-8s order=%d "
		    "ret=%s", zone->node, zone_names[zone->type], order,
		    compact_result_names[ret]);
	return ret == COMPACT_NOT_SUITABLE_ZONE ? COMPACT_SKIPPED : ret;
}

/* mm/compaction.c: __compact_finished */
static enum compact_result __compact_finished(struct mm_state *mm,
					      struct compact_control *cc)
{
	struct zone *zone = cc->zone;

	/* Compaction run completes if the migrate and free scanner meet */
	if (cc->free_pfn >> pageblock_order <= cc->migrate_pfn >> pageblock_order) {
		reset_cached_positions(zone);
		if (cc->direct_compaction)
			zone->compact_blockskip_flush = true;
		return cc->whole_zone ? COMPACT_COMPLETE : COMPACT_PARTIAL_SKIPPED;
	}
	/* Proactive: until the zone's score is down to the low mark, and
	 * never while kswapd is reclaiming (kcompactd.c). */
	if (cc->proactive_compaction) {
		const struct kswapd_state *ks = &mm->kswapd[zone->node];

		if (ks->running || ks->wake_pending)
			return COMPACT_PARTIAL_SKIPPED;
		return fragmentation_score_zone(zone) >
		       fragmentation_score_wmark(mm, true) ? COMPACT_CONTINUE :
							     COMPACT_SUCCESS;
	}
	if (cc->order == -1)
		return COMPACT_CONTINUE;
	/* A started pageblock is always finished first. */
	if (cc->migrate_pfn & (pageblock_nr_pages - 1))
		return COMPACT_CONTINUE;
	/* Direct compactor: is a suitable page free? */
	for (unsigned int o = (unsigned int)cc->order; o < MAX_ORDER; o++) {
		const struct free_area *area = &zone->free_area[o];

		if (area->free_list[cc->migratetype].head != NIL)
			return COMPACT_SUCCESS;
		if (area->nr_free &&
		    find_suitable_fallback(mm, area, o, cc->migratetype, true) != -1)
			return COMPACT_SUCCESS;
	}
	return COMPACT_NO_SUITABLE_PAGE;
}

/* mm/compaction.c: compact_finished */
static enum compact_result compact_finished(struct mm_state *mm,
					    struct compact_control *cc)
{
	enum compact_result ret = __compact_finished(mm, cc);

	trace_event(mm, "mm_compaction_finished", "node=%d zone=%-8s order=%d "
		    "ret=%s", cc->zone->node, zone_names[cc->zone->type],
		    cc->order, compact_result_names[ret]);
	return ret == COMPACT_NO_SUITABLE_PAGE ? COMPACT_CONTINUE : ret;
}

enum compact_result compact_zone_begin(struct mm_state *mm,
				       struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long start_pfn = zone->zone_start_pfn;
	unsigned long end_pfn = zone_end_pfn(zone);
	bool sync = cc->mode != MIGRATE_ASYNC;
	enum compact_result ret;

	cc->total_migrate_scanned = cc->total_free_scanned = 0;
	cc->nr_migratepages = cc->nr_freepages = 0;
	cc->search_order = cc->order;	/* compact_zone_order */
	cc->fast_search_fail = 0;
	cc->fast_start_pfn = 0;
	cc->migratetype = mm->page_group_by_mobility_disabled ?
		MIGRATE_UNMOVABLE : (enum migratetype)gfp_migratetype(cc->gfp_mask);
	ret = compaction_suitable(mm, zone, cc->order, cc->alloc_flags,
				  cc->highest_zoneidx);
	if (ret == COMPACT_SUCCESS || ret == COMPACT_SKIPPED)
		return ret;
	/* VM_BUG_ON: compaction_suitable returns nothing else */
	assert(ret == COMPACT_CONTINUE);

	if (compaction_restarting(zone, cc->order))
		__reset_isolation_suitable(mm, zone);
	if (cc->whole_zone) {
		cc->migrate_pfn = start_pfn;
		cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
	} else {
		cc->migrate_pfn = zone->compact_cached_migrate_pfn[sync];
		cc->free_pfn = zone->compact_cached_free_pfn;
		if (cc->free_pfn < start_pfn || cc->free_pfn >= end_pfn) {
			cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
			zone->compact_cached_free_pfn = cc->free_pfn;
		}
		if (cc->migrate_pfn < start_pfn || cc->migrate_pfn >= end_pfn) {
			cc->migrate_pfn = start_pfn;
			zone->compact_cached_migrate_pfn[0] = cc->migrate_pfn;
			zone->compact_cached_migrate_pfn[1] = cc->migrate_pfn;
		}
		if (cc->migrate_pfn <= zone->compact_init_migrate_pfn)
			cc->whole_zone = true;
	}
	cc->last_migrated_pfn = 0;
	cc->drain_pending = false;
	cc->update_cached = !sync && zone->compact_cached_migrate_pfn[0] ==
				     zone->compact_cached_migrate_pfn[1];
	cc->status = COMPACT_CONTINUE;
	trace_compaction_run(mm, "mm_compaction_begin", cc);
	/* lru_add_drain: nothing is held in LRU pagevecs in the model */
	return COMPACT_CONTINUE;
}

/* mm/page_alloc.c: drain_local_pages for one zone (lru_add_drain_cpu_zone) */
static void drain_local_zone(struct mm_state *mm, struct zone *zone, int cpu)
{
	if (zone->per_cpu_pageset)
		drain_pages_zone(mm, zone, cpu);
}

/* check_drain's drain, which a step found due and left for its end */
static void drain_if_pending(struct mm_state *mm, struct compact_control *cc)
{
	if (!cc->drain_pending)
		return;
	cc->drain_pending = false;
	drain_local_zone(mm, cc->zone, cc->cpu);
}

/* One iteration of compact_zone's loop, run as the compacting task. */
static enum compact_result __compact_zone_step(struct mm_state *mm,
					       struct compact_control *cc)
{
	enum compact_result ret;
	unsigned long iteration_start_pfn = cc->migrate_pfn;

	cc->step_scanned = cc->step_migrated = cc->step_tlb_shootdowns = 0;
	if (cc->drain_pending) {
		drain_if_pending(mm, cc);
		/* Stop if a page has been captured */
		if (cc->capc && cc->capc->pfn != PFN_NONE)
			return cc->status = COMPACT_SUCCESS;
	}
	ret = compact_finished(mm, cc);
	cc->status = ret;
	if (ret != COMPACT_CONTINUE)
		return ret;
	cc->rescan = pageblock_start_pfn(cc->last_migrated_pfn) ==
		     pageblock_start_pfn(iteration_start_pfn);

	if (isolate_migratepages(mm, cc) == ISOLATE_NONE) {
		if (cc->update_cached)
			cc->zone->compact_cached_migrate_pfn[1] =
				cc->zone->compact_cached_migrate_pfn[0];
	} else {
		cc->update_cached = false;
		unsigned long migrated = cc->step_migrated;
		int err;

		cc->last_migrated_pfn = iteration_start_pfn;
		err = migrate_pages(mm, cc);
		trace_event(mm, "mm_compaction_migratepages", "nr_migrated=%lu "
			    "nr_failed=%lu", cc->step_migrated - migrated,
			    cc->nr_migratepages - (cc->step_migrated -
						   migrated));
		if (err) {
			cc->nr_migratepages = 0;
			/* no target left: give up unless the scanners met */
			if (!(cc->free_pfn >> pageblock_order <=
			      cc->migrate_pfn >> pageblock_order))
				return cc->status = COMPACT_CONTENDED;
		}
		cc->nr_migratepages = 0;
	}
	/* check_drain: let the freed sources merge on the buddy lists */
	if (cc->order > 0 && cc->last_migrated_pfn &&
	    cc->last_migrated_pfn < (cc->migrate_pfn & ~((1UL << cc->order) - 1))) {
		cc->drain_pending = true;
		cc->last_migrated_pfn = 0;
	}
	/* Stop if a page has been captured (after check_drain's drain) */
	if (cc->capc && cc->capc->pfn != PFN_NONE) {
		drain_if_pending(mm, cc);
		return cc->status = COMPACT_SUCCESS;
	}
	return COMPACT_CONTINUE;
}

enum compact_result compact_zone_step(struct mm_state *mm,
				      struct compact_control *cc)
{
	struct capture_control *prev = mm->capture_control;
	enum compact_result ret;

	mm->capture_control = cc->capc;
	ret = __compact_zone_step(mm, cc);
	mm->capture_control = prev;
	return ret;
}

void compact_zone_end(struct mm_state *mm, struct compact_control *cc)
{
	struct capture_control *prev = mm->capture_control;

	/* release_freepages: the unused targets go back (to pcp), freed by
	 * the compacting task, whose capture is still set */
	mm->capture_control = cc->capc;
	drain_if_pending(mm, cc);	/* a run that ended before its next step */
	if (cc->nr_freepages) {
		unsigned long high = 0, free_pfn;

		for (size_t i = 0; i < cc->nr_freepages; i++) {
			unsigned long pfn = cc->freepages[i];

			high = pfn > high ? pfn : high;
			page_block_release(mm, pfn);
			free_the_page(mm, pfn, 0, cc->cpu);
		}
		cc->nr_freepages = 0;
		assert(high != 0);	/* VM_BUG_ON(free_pfn == 0) */
		free_pfn = pageblock_start_pfn(high);
		if (free_pfn > cc->zone->compact_cached_free_pfn)
			cc->zone->compact_cached_free_pfn = free_pfn;
	}
	mm->capture_control = prev;
	/* compact_zone_order's VM_BUG_ONs: no page left isolated */
	assert(!cc->nr_freepages && !cc->nr_migratepages);
	mm->vm_events[COMPACTMIGRATE_SCANNED] += cc->total_migrate_scanned;
	mm->vm_events[COMPACTFREE_SCANNED] += cc->total_free_scanned;
	trace_compaction_run(mm, "mm_compaction_end", cc);
	free(cc->freepages);
	free(cc->migratepages);
	cc->freepages = cc->migratepages = NULL;
	cc->freepages_cap = cc->migratepages_cap = 0;
}

enum compact_result compact_zone(struct mm_state *mm,
				 struct compact_control *cc)
{
	enum compact_result ret = compact_zone_begin(mm, cc);

	if (ret != COMPACT_CONTINUE)
		return ret;
	while ((ret = compact_zone_step(mm, cc)) == COMPACT_CONTINUE)
		;
	compact_zone_end(mm, cc);
	return ret;
}

enum compact_result try_to_compact_pages(struct mm_state *mm, gfp_t gfp_mask,
					 unsigned int order,
					 unsigned int alloc_flags,
					 const struct zoneref *zonelist,
					 int highest_zoneidx,
					 enum compact_priority prio, int cpu,
					 unsigned long *capture)
{
	enum compact_result rc = COMPACT_SKIPPED;

	*capture = PFN_NONE;
	/* Check if the GFP flags allow compaction */
	if (!(gfp_mask & __GFP_IO))
		return rc;
	if (mm->trace) {
		char flags[160];

		gfp_format(gfp_mask, flags, sizeof(flags));
		trace_event(mm, "mm_compaction_try_to_compact_pages", "order=%u "
			    "gfp_mask=%s priority=%d", order, flags, prio);
	}
	for (const struct zoneref *z = zonelist; z->zone; z++) {
		struct compact_control cc = {
			.zone = z->zone,
			.order = (int)order,
			.gfp_mask = gfp_mask,
			.mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC :
							     MIGRATE_SYNC_LIGHT,
			.alloc_flags = alloc_flags,
			.highest_zoneidx = highest_zoneidx,
			.direct_compaction = true,
			.whole_zone = prio == MIN_COMPACT_PRIORITY,
			.ignore_skip_hint = prio == MIN_COMPACT_PRIORITY,
			.ignore_block_suitable = prio == MIN_COMPACT_PRIORITY,
			.cpu = cpu,
		};
		struct capture_control capc = { .cc = &cc, .pfn = PFN_NONE };
		enum compact_result status;

		if (z->zone_idx > highest_zoneidx)
			continue;
		if (prio > MIN_COMPACT_PRIORITY &&
		    compaction_deferred(mm, z->zone, (int)order)) {
			rc = rc > COMPACT_DEFERRED ? rc : COMPACT_DEFERRED;
			continue;
		}
		/* compact_zone_order: compact_zone with the capture set */
		cc.capc = &capc;
		status = compact_zone(mm, &cc);
		*capture = capc.pfn;
		if (*capture != PFN_NONE)
			status = COMPACT_SUCCESS;
		rc = rc > status ? rc : status;
		if (status == COMPACT_SUCCESS) {
			/* the zone will be worth trying again first */
			compaction_defer_reset(mm, z->zone, (int)order, false);
			break;
		}
		if (prio != COMPACT_PRIO_ASYNC && (status == COMPACT_COMPLETE ||
		    status == COMPACT_PARTIAL_SKIPPED))
			defer_compaction(mm, z->zone, (int)order);
	}
	return rc;
}

/* mm/compaction.c: compact_node's compact_control */
void compact_memory_control(struct compact_control *cc, struct zone *zone,
			    int cpu)
{
	*cc = (struct compact_control){
		.zone = zone,
		.order = -1,
		.mode = MIGRATE_SYNC,
		.ignore_skip_hint = true,
		.whole_zone = true,
		.gfp_mask = GFP_KERNEL,
		.cpu = cpu,
	};
}

/* mm/compaction.c: compact_node, for every node (sysctl_compaction_handler) */
void compact_nodes(struct mm_state *mm)
{
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			struct zone *zone = mm_zone(mm, nid, t);
			struct compact_control cc;

			if (!mm->layout.node_data[nid].online ||
			    !populated_zone(zone))
				continue;
			compact_memory_control(&cc, zone, 0);
			compact_zone(mm, &cc);
		}
}
