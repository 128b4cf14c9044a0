/*
 * memory_hotplug.c - offlining and onlining memory blocks as Linux 6.1
 * does it (mm/memory_hotplug.c: offline_pages, online_pages;
 * mm/page_isolation.c: start_isolate_page_range, has_unmovable_pages,
 * test_pages_isolated; mm/page_alloc.c: __offline_isolated_pages,
 * zone_pcp_disable; drivers/base/memory.c: memory blocks).
 *
 * Offline memory.  Its frames are FRAME_RESERVED (never managed, as the
 * invariants expect) with OFFLINE_MARK and the id of the zone they left in
 * the frame index, which boot-reserved frames keep at 0: this is the
 * model's "section offline" bit, and it remembers the block's node.  Its
 * pageblocks belong to no zone (NO_ZONE), so page_zone() and the
 * compaction scanners skip them as pfn_to_online_page() makes the kernel
 * do; their flag byte keeps the stale MIGRATE_ISOLATE, as in the kernel.
 *
 * Holes are seen at pageblock granularity (a pageblock that belongs to no
 * zone and is not offline); a hole smaller than a pageblock looks like
 * reserved memory, so such a block fails isolation (-EBUSY) where the
 * kernel's walk_system_ram_range would say -EINVAL.
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>

#include "mm/internal.h"
#include "mm/memory_hotplug.h"
#include "mm/trace.h"
#include "util/xalloc.h"

#define OFFLINE_MARK			(UINT32_C(1) << 28)
#define NR_MAX_MIGRATE_PAGES_RETRY	10	/* mm/migrate.c */
#define DEFAULT_RATELIMIT_BURST		10	/* include/linux/ratelimit.h */
#define PAGES_PER_SUBSECTION		pageblock_nr_pages	/* 2 MiB */

/* One offlining: what the kernel keeps in locals and static state. */
struct offline_ctx {
	struct zone *zone;
	int cpu;		/* where targets are allocated and sources freed */
	unsigned int nr_msgs;	/* migrate_rs: a burst of 10 per call */
};

static bool hotplug_supported(const struct mm_state *mm)
{
	return mm->layout.arch == &arch_x86_64;
}

static unsigned long pages_per_block(const struct mm_state *mm)
{
	return arch_pages_per_section(mm->layout.arch);	/* one section */
}

unsigned long memory_block_size_bytes(const struct mm_state *mm)
{
	return hotplug_supported(mm) ? pages_per_block(mm) << PAGE_SHIFT : 0;
}

unsigned long nr_memory_blocks(const struct mm_state *mm)
{
	unsigned long bp = pages_per_block(mm);

	if (!hotplug_supported(mm))
		return 0;
	return (mm->memmap.end_pfn + bp - 1) / bp;
}

static uint16_t zone_id_of(const struct zone *zone)
{
	return (uint16_t)(zone->node * MAX_NR_ZONES + (int)zone->type);
}

/* mm/memory_hotplug.c: pfn_to_online_page - present and online */
static bool pfn_online(const struct mm_state *mm, unsigned long pfn)
{
	return memmap_covers(&mm->memmap, pfn) && pageblock_zone(mm, pfn);
}

/* The frame is offline memory (left zone id in *id, if asked). */
static bool pfn_offline(const struct mm_state *mm, unsigned long pfn,
			uint32_t *id)
{
	uint32_t idx;

	if (!memmap_covers(&mm->memmap, pfn) ||
	    frame_type(&mm->memmap, pfn) != FRAME_RESERVED)
		return false;
	idx = frame_index(&mm->memmap, pfn);
	if (!(idx & OFFLINE_MARK))
		return false;
	if (id)
		*id = idx & ~OFFLINE_MARK;
	return true;
}

/* --- messages --- */

/*
 * mm/debug.c: dump_page, the lines fragsim can fill in: refcount and
 * mapcount as the owner kind implies (a FOLL_PIN adds
 * GUP_PIN_COUNTING_BIAS), the page pointer as vmemmap places it, printed
 * as no_hash_pointers would.  The flags and raw lines are left out.
 */
static void dump_page(struct mm_state *mm, unsigned long pfn,
		      const char *reason)
{
	unsigned long head;
	unsigned int order;
	bool found;
	enum owner_kind kind = OWNER_KERNEL;
	int refcount = 0, mapcount = 0;

	if (!mm->log)
		return;
	found = frame_type_allocated(block_of(mm, pfn, &head, &order));
	if (found) {
		kind = allocated_kind(mm, head);
		refcount = 1 + (kind == OWNER_PINNED ? 1024 : 0) +
			   (kind == OWNER_PAGECACHE || kind == OWNER_RAMFS);
		mapcount = kind == OWNER_ANON || kind == OWNER_THP ||
			   kind == OWNER_PINNED || kind == OWNER_PAGECACHE;
	}
	printk(mm->log, "page:%016lx refcount:%d mapcount:%d "
	       "mapping:0000000000000000 index:0x0 pfn:%#lx",
	       0xffffea0000000000UL + pfn * 64, refcount, mapcount, pfn);
	if (found && order)
		printk(mm->log, "head:%016lx order:%u compound_mapcount:%d "
		       "compound_pincount:%d",
		       0xffffea0000000000UL + head * 64, order,
		       kind == OWNER_THP ? 1 : 0, 0);
	printk(mm->log, "page dumped because: %s", reason);
}

/* __ratelimit(&migrate_rs): the offlining is taken to last under 5 s. */
static bool migrate_ratelimit(struct offline_ctx *ctx)
{
	return ctx->nr_msgs++ < DEFAULT_RATELIMIT_BURST;
}

/* --- page isolation (mm/page_isolation.c) --- */

/*
 * mm/page_isolation.c: has_unmovable_pages - the first pfn of [start_pfn,
 * end_pfn) (inside one pageblock) that would keep it from being isolated,
 * or PFN_NONE.  Reserved frames always do; in ZONE_MOVABLE nothing else
 * does.  Elsewhere an allocated block does unless it is on the LRU or
 * movable (hugetlb pages migrate too); pinned pages are on the LRU, so
 * they pass here and fail later, in migration.  Reclaimable slab counts
 * as unmovable: offlining does not shrink slabs.  Allocated blocks of
 * order > 0 are taken to be compound pages.
 */
static unsigned long has_unmovable_pages(const struct mm_state *mm,
					 const struct zone *zone,
					 unsigned long start_pfn,
					 unsigned long end_pfn)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++) {
		unsigned long head;
		unsigned int order;
		enum frame_type t = block_of(mm, pfn, &head, &order);

		if (t == FRAME_RESERVED)
			return pfn;
		if (zone->type == ZONE_MOVABLE)
			continue;
		if (frame_type_allocated(t)) {
			if (!owner_kind_lru(allocated_kind(mm, head)))
				return pfn;
			if (order)	/* skip the compound page's tails */
				pfn = head + (1UL << order) - 1;
			continue;
		}
		/* Free pages have no references; a buddy is skipped whole. */
		if (t == FRAME_BUDDY && head == pfn)
			pfn += (1UL << order) - 1;
	}
	return PFN_NONE;
}

/* mm/page_isolation.c: set_migratetype_isolate; 0 or -EBUSY */
static int set_migratetype_isolate(struct mm_state *mm, unsigned long pfn,
				   unsigned long start_pfn,
				   unsigned long end_pfn)
{
	struct zone *zone = pageblock_zone(mm, pfn);
	unsigned long check_start = pfn > start_pfn ? pfn : start_pfn;
	unsigned long check_end = pageblock_start_pfn(pfn) + pageblock_nr_pages;
	enum migratetype mt = get_pageblock_migratetype(&mm->memmap, pfn);
	unsigned long unmovable;

	/* Someone else isolated it first. */
	if (mt == MIGRATE_ISOLATE)
		return -EBUSY;
	if (check_end > end_pfn)
		check_end = end_pfn;
	unmovable = has_unmovable_pages(mm, zone, check_start, check_end);
	if (unmovable == PFN_NONE) {
		set_pageblock_migratetype(mm, pfn, MIGRATE_ISOLATE);
		zone->nr_isolate_pageblock++;
		/* __mod_zone_freepage_state: isolated pages are not free */
		zone->nr_free_pages -= move_freepages_block(mm, zone, pfn,
							    MIGRATE_ISOLATE,
							    NULL);
		return 0;
	}
	/* REPORT_FAILURE */
	dump_page(mm, unmovable, "unmovable page");
	return -EBUSY;
}

/* The buddy of the free block at pfn, if it heads a free block of order. */
static bool buddy_is_free(const struct mm_state *mm, const struct zone *zone,
			  unsigned long buddy_pfn, unsigned int order)
{
	return buddy_pfn >= zone->zone_start_pfn &&
	       buddy_pfn < zone_end_pfn(zone) && PageBuddy(mm, buddy_pfn) &&
	       buddy_block(mm, buddy_pfn)->order == order;
}

/*
 * mm/page_isolation.c: unset_migratetype_isolate - the pageblock returns
 * to mt.  A free block of pageblock size or more that could not merge
 * with its buddy while isolated is taken out and freed again, so that it
 * merges now; otherwise the free pages move to the tail of mt's lists.
 */
static void unset_migratetype_isolate(struct mm_state *mm, unsigned long pfn,
				      enum migratetype mt)
{
	struct zone *zone = pageblock_zone(mm, pfn);
	bool isolated_page = false;
	unsigned int order = 0;

	if (get_pageblock_migratetype(&mm->memmap, pfn) != MIGRATE_ISOLATE)
		return;
	if (PageBuddy(mm, pfn)) {
		order = buddy_block(mm, pfn)->order;
		if (order >= pageblock_order && order < MAX_ORDER - 1) {
			unsigned long buddy = pfn ^ (1UL << order);

			if (buddy_is_free(mm, zone, buddy, order) &&
			    get_pageblock_migratetype(&mm->memmap, buddy) !=
			    MIGRATE_ISOLATE) {
				/* __isolate_free_page: no watermark here */
				buddy_take(mm, zone, pfn);
				isolated_page = true;
			}
		}
	}
	if (!isolated_page)
		zone->nr_free_pages += move_freepages_block(mm, zone, pfn, mt,
							    NULL);
	set_pageblock_migratetype(mm, pfn, mt);
	/* mm/page_alloc.c: __putback_isolated_page - back to the tail */
	if (isolated_page)
		__free_one_page(mm, zone, pfn, order, mt, FPI_TO_TAIL);
	zone->nr_isolate_pageblock--;
}

/* mm/page_isolation.c: undo_isolate_page_range */
static void undo_isolate_page_range(struct mm_state *mm,
				    unsigned long start_pfn,
				    unsigned long end_pfn, enum migratetype mt)
{
	for (unsigned long pfn = pageblock_start_pfn(start_pfn); pfn < end_pfn;
	     pfn += pageblock_nr_pages)
		if (pfn_online(mm, pfn))
			unset_migratetype_isolate(mm, pfn, mt);
}

/*
 * mm/page_isolation.c: start_isolate_page_range - the first and the last
 * pageblock, then those between; on failure the ones isolated go back to
 * MIGRATE_MOVABLE (whatever they were before).  Memory blocks are 128 MiB
 * aligned, so no page crosses the range's ends and
 * isolate_single_pageblock reduces to set_migratetype_isolate.
 */
static int start_isolate_page_range(struct mm_state *mm,
				    unsigned long start_pfn,
				    unsigned long end_pfn)
{
	unsigned long first = pageblock_start_pfn(start_pfn);
	unsigned long last = pageblock_start_pfn(end_pfn - 1);
	int ret;

	/* isolate_single_pageblock's VM_BUG_ON: pageblock-aligned ends */
	assert(first == start_pfn && !(end_pfn & (pageblock_nr_pages - 1)));

	ret = set_migratetype_isolate(mm, first, first,
				      first + pageblock_nr_pages);
	if (ret)
		return ret;
	if (last != first) {
		ret = set_migratetype_isolate(mm, last, last,
					      last + pageblock_nr_pages);
		if (ret) {
			unset_migratetype_isolate(mm, first, MIGRATE_MOVABLE);
			return ret;
		}
	}
	for (unsigned long pfn = first + pageblock_nr_pages; pfn < last;
	     pfn += pageblock_nr_pages) {
		if (pfn_online(mm, pfn) &&
		    set_migratetype_isolate(mm, pfn, start_pfn, end_pfn)) {
			undo_isolate_page_range(mm, first, pfn, MIGRATE_MOVABLE);
			unset_migratetype_isolate(mm, last, MIGRATE_MOVABLE);
			return -EBUSY;
		}
	}
	return 0;
}

/*
 * mm/page_isolation.c: test_pages_isolated - every pageblock isolated and
 * every page free (on the isolate lists).  0 or -EBUSY.
 */
static int test_pages_isolated(const struct mm_state *mm,
			       unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn;

	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages)
		if (pfn_online(mm, pfn) &&
		    get_pageblock_migratetype(&mm->memmap, pfn) != MIGRATE_ISOLATE)
			return -EBUSY;
	for (pfn = start_pfn; pfn < end_pfn;) {
		if (!PageBuddy(mm, pfn))
			return -EBUSY;
		pfn += 1UL << buddy_block(mm, pfn)->order;
	}
	return 0;
}

/* --- pcp lists --- */

struct pcp_saved {
	int high, batch;
};

/*
 * mm/page_alloc.c: zone_pcp_disable - high 0 and batch 1, so that a page
 * freed to the zone's lists goes straight on to the buddy, and drain.
 */
static void zone_pcp_disable(struct mm_state *mm, struct zone *zone,
			     struct pcp_saved *saved)
{
	if (!zone->per_cpu_pageset)
		return;
	saved->high = zone->per_cpu_pageset[0].high;
	saved->batch = zone->per_cpu_pageset[0].batch;
	for (int cpu = 0; cpu < mm->nr_cpus; cpu++) {
		zone->per_cpu_pageset[cpu].high = 0;
		zone->per_cpu_pageset[cpu].batch = 1;
	}
	drain_all_pages(mm, zone);
}

/* mm/page_alloc.c: zone_pcp_enable - the values from before */
static void zone_pcp_enable(struct mm_state *mm, struct zone *zone,
			    const struct pcp_saved *saved)
{
	if (!zone->per_cpu_pageset)
		return;
	for (int cpu = 0; cpu < mm->nr_cpus; cpu++) {
		zone->per_cpu_pageset[cpu].high = saved->high;
		zone->per_cpu_pageset[cpu].batch = saved->batch;
	}
}

/* mm/page_alloc.c: zone_pcp_reset - an empty zone loses its lists */
static void zone_pcp_reset(struct zone *zone)
{
	free(zone->per_cpu_pageset);
	zone->per_cpu_pageset = NULL;
}

/* --- zone and node accounting --- */

/*
 * mm/page_alloc.c: init_per_zone_wmark_min, as hotplug calls it.
 * fragsim's version also makes hugepage_init's boot-time decision (THP
 * off below 512 MiB); at runtime khugepaged keeps running, so THP stays
 * as it was.
 */
static void hotplug_wmark_min(struct mm_state *mm)
{
	bool thp = mm->sysctl.thp_enabled;

	init_per_zone_wmark_min(mm);
	mm->sysctl.thp_enabled = thp;
}

/* mm/memory_hotplug.c: adjust_present_page_count */
static void adjust_present_page_count(struct mm_state *mm, struct zone *zone,
				      long nr_pages)
{
	zone->present_pages += (unsigned long)nr_pages;
	mm->layout.node_data[zone->node].node_present_pages +=
		(unsigned long)nr_pages;
}

/*
 * mm/page_alloc.c: build_all_zonelists after boot - rebuild the zonelists
 * (a zone appeared or disappeared), then count the pages above the high
 * watermarks again and decide mobility grouping anew.  The boot-time
 * builder prints its per-node lines; its "Built" line counts managed
 * pages as at boot, so that one is printed here instead.
 */
static void rebuild_zonelists(struct mm_state *mm)
{
	struct zone_layout *l = &mm->layout;
	struct printk_log scratch;
	unsigned long total;
	int movable_idx = gfp_zone(GFP_HIGHUSER_MOVABLE,
				   l->arch->has_zone[ZONE_HIGHMEM]);

	printk_init(&scratch);
	zone_layout_release(l);
	build_all_zonelists(l, &scratch);
	if (mm->log)
		for (size_t i = 0; i + 1 < scratch.cnt; i++)
			printk(mm->log, "%s", scratch.lines[i]);
	printk_release(&scratch);
	total = nr_free_zone_pages(mm, movable_idx);
	l->vm_total_pages = total;
	l->page_group_by_mobility_disabled =
		total < pageblock_nr_pages * MIGRATE_TYPES;
	mm->page_group_by_mobility_disabled = l->page_group_by_mobility_disabled;
	if (mm->log)
		printk(mm->log, "Built %d zonelists, mobility grouping %s.  "
		       "Total pages: %lu", l->nr_online_nodes,
		       l->page_group_by_mobility_disabled ? "off" : "on", total);
}

/*
 * mm/memory_hotplug.c: find_smallest_section_pfn - the first online pfn
 * of zone in [start_pfn, end_pfn), by subsection; 0 if none.
 */
static unsigned long find_smallest_section_pfn(const struct mm_state *mm,
					       const struct zone *zone,
					       unsigned long start_pfn,
					       unsigned long end_pfn)
{
	for (; start_pfn < end_pfn; start_pfn += PAGES_PER_SUBSECTION)
		if (pfn_online(mm, start_pfn) &&
		    pageblock_zone(mm, start_pfn) == zone)
			return start_pfn;
	return 0;
}

/* mm/memory_hotplug.c: find_biggest_section_pfn - the last one; 0 if none */
static unsigned long find_biggest_section_pfn(const struct mm_state *mm,
					      const struct zone *zone,
					      unsigned long start_pfn,
					      unsigned long end_pfn)
{
	for (unsigned long pfn = end_pfn - 1; pfn >= start_pfn && pfn < end_pfn;
	     pfn -= PAGES_PER_SUBSECTION)
		if (pfn_online(mm, pfn) && pageblock_zone(mm, pfn) == zone)
			return pfn;
	return 0;
}

/* mm/memory_hotplug.c: shrink_zone_span - only a range at an end shrinks it */
static void shrink_zone_span(const struct mm_state *mm, struct zone *zone,
			     unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn;

	if (zone->zone_start_pfn == start_pfn) {
		pfn = find_smallest_section_pfn(mm, zone, end_pfn,
						zone_end_pfn(zone));
		if (pfn) {
			zone->spanned_pages = zone_end_pfn(zone) - pfn;
			zone->zone_start_pfn = pfn;
		} else {
			zone->zone_start_pfn = 0;
			zone->spanned_pages = 0;
		}
	} else if (zone_end_pfn(zone) == end_pfn) {
		pfn = find_biggest_section_pfn(mm, zone, zone->zone_start_pfn,
					       start_pfn);
		if (pfn) {
			zone->spanned_pages = pfn - zone->zone_start_pfn + 1;
		} else {
			zone->zone_start_pfn = 0;
			zone->spanned_pages = 0;
		}
	}
}

/* mm/memory_hotplug.c: update_pgdat_span */
static void update_pgdat_span(struct pglist_data *pgdat)
{
	unsigned long node_start_pfn = 0, node_end_pfn = 0;

	for (int t = 0; t < MAX_NR_ZONES; t++) {
		const struct zone *zone = &pgdat->node_zones[t];

		if (!zone->spanned_pages)
			continue;
		if (!node_end_pfn) {
			node_start_pfn = zone->zone_start_pfn;
			node_end_pfn = zone_end_pfn(zone);
			continue;
		}
		if (zone_end_pfn(zone) > node_end_pfn)
			node_end_pfn = zone_end_pfn(zone);
		if (zone->zone_start_pfn < node_start_pfn)
			node_start_pfn = zone->zone_start_pfn;
	}
	pgdat->node_start_pfn = node_start_pfn;
	pgdat->node_spanned_pages = node_end_pfn - node_start_pfn;
}

/*
 * mm/sparse.c: offline_mem_sections, with the poisoning of
 * remove_pfn_range_from_zone: the frames become offline memory that
 * remembers its zone, the pageblocks leave the zone's counts.
 */
static void offline_mem_sections(struct mm_state *mm, struct zone *zone,
				 unsigned long start_pfn, unsigned long end_pfn)
{
	uint32_t mark = OFFLINE_MARK | zone_id_of(zone);

	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++)
		set_frame(&mm->memmap, pfn, FRAME_RESERVED, mark);
	memmap_note_reserved(&mm->memmap, start_pfn, end_pfn);
	for (unsigned long pfn = start_pfn; pfn < end_pfn;
	     pfn += pageblock_nr_pages) {
		zone->nr_pageblock[get_pageblock_migratetype(&mm->memmap, pfn)]--;
		pageblock_of(&mm->memmap, pfn)->zone = NO_ZONE;
	}
}

/* mm/memory_hotplug.c: remove_pfn_range_from_zone (after poisoning) */
static void remove_pfn_range_from_zone(struct mm_state *mm, struct zone *zone,
				       unsigned long start_pfn,
				       unsigned long nr_pages)
{
	shrink_zone_span(mm, zone, start_pfn, start_pfn + nr_pages);
	update_pgdat_span(&mm->layout.node_data[zone->node]);
}

/*
 * mm/page_alloc.c: __offline_isolated_pages - every page of the range is
 * free on an isolate list: take the blocks off (they were never in
 * NR_FREE_PAGES) and mark the memory offline.
 */
static void __offline_isolated_pages(struct mm_state *mm, struct zone *zone,
				     unsigned long start_pfn,
				     unsigned long end_pfn)
{
	for (unsigned long pfn = start_pfn; pfn < end_pfn;) {
		unsigned int order = buddy_block(mm, pfn)->order;

		buddy_take(mm, zone, pfn);
		pfn += 1UL << order;
	}
	offline_mem_sections(mm, zone, start_pfn, end_pfn);
}

/* --- migration (mm/memory_hotplug.c, mm/migrate.c) --- */

/*
 * mm/memory_hotplug.c: scan_movable_pages - the first pfn of [start, end)
 * in an LRU, movable or hugetlb block: 0 and *movable_pfn, or -ENOENT.
 */
static int scan_movable_pages(const struct mm_state *mm, unsigned long start,
			      unsigned long end, unsigned long *movable_pfn)
{
	for (unsigned long pfn = start; pfn < end;) {
		unsigned long head;
		unsigned int order;
		enum frame_type t = block_of(mm, pfn, &head, &order);

		if (frame_type_allocated(t) &&
		    owner_kind_lru(allocated_kind(mm, head))) {
			*movable_pfn = pfn;
			return 0;
		}
		pfn = frame_type_allocated(t) || t == FRAME_BUDDY ?
			head + (1UL << order) : pfn + 1;
	}
	return -ENOENT;
}

/*
 * The CPU whose allocations stand for alloc_migration_target's: the
 * kernel asks for the source node's zonelist with that node masked out
 * when other nodes have memory; fragsim has no nodemask and starts from
 * the nearest other node instead (on one node: that node).
 */
static int migration_target_cpu(const struct mm_state *mm, int nid)
{
	const struct zoneref *zr =
		mm->layout.node_zonelists[nid][ZONELIST_FALLBACK];
	int target = nid;

	for (; zr && zr->zone; zr++)
		if (zr->zone->node != nid) {
			target = zr->zone->node;
			break;
		}
	for (int cpu = 0; cpu < mm->nr_cpus; cpu++)
		if (mm->cpu_to_node[cpu] == target)
			return cpu;
	return 0;
}

/*
 * mm/migrate.c: alloc_migration_target's gfp mask for a source block:
 * offlining asks for GFP_USER | __GFP_MOVABLE | __GFP_RETRY_MAYFAIL;
 * a THP target is a GFP_TRANSHUGE allocation; a source in ZONE_MOVABLE
 * (or HighMem) may use it.  A hugetlb target is allocated from the buddy
 * allocator as a surplus page would be (the model keeps no free pool).
 */
static gfp_t migration_target_gfp(const struct zone *zone,
				  enum owner_kind kind, unsigned int order)
{
	gfp_t gfp = GFP_USER | __GFP_MOVABLE | __GFP_RETRY_MAYFAIL;

	if (kind == OWNER_HUGETLB)
		return GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_RETRY_MAYFAIL |
		       __GFP_NOWARN;
	if (order) {
		gfp &= ~__GFP_RECLAIM;
		gfp |= GFP_TRANSHUGE;
	}
	if (zone->type == ZONE_HIGHMEM || zone->type == ZONE_MOVABLE)
		gfp |= __GFP_HIGHMEM;
	return gfp;
}

/*
 * mm/migrate.c: migrate_folio_unmap then migrate_folio_move (6.1.192),
 * for one block - a target is allocated first; the owner's record moves
 * to it and the source is freed (into its isolated pageblock).  A pinned
 * page's extra references make folio_migrate_mapping fail in the move
 * step: the target is freed again, -EAGAIN.  A ramfs page fails for good:
 * fallback_migrate_folio writes a dirty page out, and ram_aops has no
 * writepage (-EINVAL).
 */
static int unmap_and_move(struct mm_state *mm, struct offline_ctx *ctx,
			  unsigned long src)
{
	unsigned int order = allocated_order(mm, src);
	enum owner_kind kind = allocated_kind(mm, src);
	struct alloc_result res;

	res = alloc_pages(mm, migration_target_gfp(ctx->zone, kind, order),
			  order, ctx->cpu, kind);
	if (res.pfn == PFN_NONE)
		return -ENOMEM;
	if (kind == OWNER_PINNED || kind == OWNER_RAMFS) {
		free_pages(mm, res.pfn, ctx->cpu);
		return kind == OWNER_PINNED ? -EAGAIN : -EINVAL;
	}
	page_block_move(mm, src, res.pfn);
	free_the_page(mm, src, order, ctx->cpu);
	return 0;
}

/* A growing list of pfns (the kernel's list_head of folios). */
struct pfn_list {
	unsigned long *v;
	size_t nr, cap;
};

static void pfn_list_add(struct pfn_list *l, unsigned long pfn)
{
	l->v = xgrow(l->v, &l->cap, l->nr + 1, sizeof(*l->v));
	l->v[l->nr++] = pfn;
}

struct migrate_stats {
	unsigned long nr_succeeded, nr_failed_pages;
};

/*
 * mm/huge_memory.c: split_huge_page, as try_split_folio does it when a
 * THP found no huge target: its pages become order-0 anonymous blocks,
 * the head keeping the THP's record, and go on the split list.
 */
static void split_thp(struct mm_state *mm, unsigned long pfn,
		      struct pfn_list *split)
{
	struct page_block *b = &mm->blocks[page_block_record(mm, pfn)];
	unsigned long nr = 1UL << b->order;
	enum migratetype mt = (enum migratetype)b->migratetype;

	/* the head keeps one page: the rest are counted by their commits */
	pageblock_account(mm, pfn, b->order, mt, -1);
	pageblock_account(mm, pfn, 0, mt, +1);
	b->order = 0;
	b->kind = OWNER_ANON;
	pfn_list_add(split, pfn);
	for (unsigned long p = pfn + 1; p < pfn + nr; p++) {
		set_frame(&mm->memmap, p, FRAME_TAIL, 0);
		page_block_commit(mm, p, 0, mt, OWNER_ANON);
		pfn_list_add(split, p);
	}
}

/*
 * mm/migrate.c: the passes of migrate_hugetlbs and migrate_pages_batch
 * over src[0..nr): up to NR_MAX_MIGRATE_PAGES_RETRY passes while some
 * block asks to be retried; -ENOMEM ends it at once, except for a THP,
 * which is split onto *split (when split is given) and counted failed.
 * Migrated entries become PFN_NONE.  Without count_failures (the split
 * pages' round) retries are not counted, so that round has one pass, as
 * in the kernel.  Returns -ENOMEM or the number of blocks that failed.
 */
static int migrate_passes(struct mm_state *mm, struct offline_ctx *ctx,
			  unsigned long *src, size_t nr, struct pfn_list *split,
			  bool count_failures, struct migrate_stats *st)
{
	unsigned long nr_retry_pages = 0;
	int retry = 1, nr_failed = 0;
	bool *gave_up = xcalloc(nr ? nr : 1, sizeof(*gave_up));

	for (int pass = 0; pass < NR_MAX_MIGRATE_PAGES_RETRY && retry; pass++) {
		retry = 0;
		nr_retry_pages = 0;
		for (size_t i = 0; i < nr; i++) {
			enum owner_kind kind;
			unsigned int order;
			int ret;

			if (src[i] == PFN_NONE || gave_up[i])
				continue;
			order = allocated_order(mm, src[i]);
			kind = allocated_kind(mm, src[i]);
			ret = unmap_and_move(mm, ctx, src[i]);
			if (ret == -ENOMEM && split && order && kind == OWNER_THP) {
				nr_failed++;
				split_thp(mm, src[i], split);
				src[i] = PFN_NONE;
				continue;
			}
			if (ret == -ENOMEM) {
				st->nr_failed_pages += (1UL << order) + nr_retry_pages;
				free(gave_up);
				return -ENOMEM;
			}
			if (ret == -EAGAIN) {
				retry += count_failures;
				nr_retry_pages += 1UL << order;
				continue;
			}
			if (ret) {
				/* migrate_pages_batch's permanent failure:
				 * it stays, not tried again in a later pass */
				nr_failed++;
				st->nr_failed_pages += 1UL << order;
				gave_up[i] = true;
				continue;
			}
			st->nr_succeeded += 1UL << order;
			src[i] = PFN_NONE;
		}
	}
	st->nr_failed_pages += nr_retry_pages;
	free(gave_up);
	return nr_failed + retry;
}

/*
 * mm/migrate.c: migrate_pages_batch - the batch's passes, then one round
 * for the pages of THPs split on the way (the blocks still failing then
 * stay failed).  Split pages not migrated are added to *left.
 */
static int migrate_pages_batch(struct mm_state *mm, struct offline_ctx *ctx,
			       unsigned long *src, size_t nr,
			       struct pfn_list *left, struct migrate_stats *st)
{
	struct pfn_list split = { 0 };
	int rc = migrate_passes(mm, ctx, src, nr, &split, true, st);

	if (rc >= 0 && split.nr) {
		int ret = migrate_passes(mm, ctx, split.v, split.nr, NULL,
					 false, st);

		if (ret < 0)
			rc = ret;
	}
	for (size_t i = 0; i < split.nr; i++)
		if (split.v[i] != PFN_NONE)
			pfn_list_add(left, split.v[i]);
	free(split.v);
	return rc;
}

/*
 * mm/migrate.c: migrate_pages in MIGRATE_SYNC - hugetlb pages first (the
 * entries are reordered so), then the rest in batches of at most
 * NR_MAX_BATCHED_MIGRATION (512) pages; -ENOMEM ends it.  Entries that
 * stay (failed or never tried) are the ones not PFN_NONE, plus *left.
 * Returns 0 when nothing stays, else the failures or -ENOMEM.
 */
static int migrate_pages(struct mm_state *mm, struct offline_ctx *ctx,
			 unsigned long *from, size_t nr, struct pfn_list *left)
{
	struct migrate_stats st = { 0 };
	size_t nr_huge = 0;
	int rc_gather = 0, rc;

	for (size_t i = 0; i < nr; i++)
		if (allocated_kind(mm, from[i]) == OWNER_HUGETLB) {
			unsigned long pfn = from[i];

			for (size_t j = i; j > nr_huge; j--)
				from[j] = from[j - 1];
			from[nr_huge++] = pfn;
		}
	if (nr_huge) {
		rc_gather = migrate_passes(mm, ctx, from, nr_huge, NULL, true, &st);
		if (rc_gather < 0)
			goto out;
	}
	for (size_t i = nr_huge, j; i < nr; i = j) {
		unsigned long pages = 0;

		for (j = i; j < nr; j++) {
			pages += 1UL << allocated_order(mm, from[j]);
			if (j > i && pages > 512)	/* NR_MAX_BATCHED_MIGRATION */
				break;
		}
		rc = migrate_pages_batch(mm, ctx, from + i, j - i, left, &st);
		if (rc < 0) {
			rc_gather = rc;
			goto out;
		}
		rc_gather += rc;
	}
out:
	if (!left->nr) {
		size_t i = 0;

		while (i < nr && from[i] == PFN_NONE)
			i++;
		if (i == nr)
			rc_gather = 0;
	}
	mm->vm_events[PGMIGRATE_SUCCESS] += st.nr_succeeded;
	mm->vm_events[PGMIGRATE_FAIL] += st.nr_failed_pages;
	return rc_gather;
}

/* The "migrating pfn ... failed" report of do_migrate_range. */
static void report_failed(struct mm_state *mm, struct offline_ctx *ctx,
			  unsigned long pfn, int ret)
{
	if (pfn == PFN_NONE || !migrate_ratelimit(ctx))
		return;
	if (mm->log)
		printk(mm->log, "migrating pfn %lx failed ret:%d", pfn, ret);
	dump_page(mm, pfn, "migration failure");
}

/*
 * mm/memory_hotplug.c: do_migrate_range - isolate every LRU or movable
 * block of [start_pfn, end_pfn) and migrate them; allocated pages that
 * cannot be isolated are reported.  Returns migrate_pages's result.
 */
static int do_migrate_range(struct mm_state *mm, struct offline_ctx *ctx,
			    unsigned long start_pfn, unsigned long end_pfn)
{
	struct pfn_list source = { 0 }, left = { 0 };
	int ret = 0;

	for (unsigned long pfn = start_pfn; pfn < end_pfn;) {
		unsigned long head;
		unsigned int order;
		enum frame_type t = block_of(mm, pfn, &head, &order);

		if (!frame_type_allocated(t)) {
			pfn = t == FRAME_BUDDY ? head + (1UL << order) : pfn + 1;
			continue;
		}
		if (owner_kind_lru(allocated_kind(mm, head))) {
			pfn_list_add(&source, head);
		} else if (migrate_ratelimit(ctx)) {
			if (mm->log)
				printk(mm->log, "failed to isolate pfn %lx", pfn);
			dump_page(mm, pfn, "isolation failed");
		}
		pfn = head + (1UL << order);
	}
	if (source.nr) {
		ret = migrate_pages(mm, ctx, source.v, source.nr, &left);
		for (size_t i = 0; ret && i < left.nr; i++)
			report_failed(mm, ctx, left.v[i], ret);
		for (size_t i = 0; ret && i < source.nr; i++)
			report_failed(mm, ctx, source.v[i], ret);
	}
	free(source.v);
	free(left.v);
	return ret;
}

/* --- offlining --- */

/* The zone every present pageblock of the range is in, or NULL. */
static struct zone *range_zone(const struct mm_state *mm,
			       unsigned long start_pfn, unsigned long end_pfn)
{
	struct zone *zone = NULL;

	for (unsigned long pfn = start_pfn; pfn < end_pfn;
	     pfn += pageblock_nr_pages) {
		struct zone *z = memmap_covers(&mm->memmap, pfn) ?
				 pageblock_zone(mm, pfn) : NULL;

		if (!z)
			continue;
		if (zone && z != zone)
			return NULL;
		zone = z;
	}
	return zone;
}

/* walk_system_ram_range: pageblocks of online or offline memory. */
static unsigned long system_ram_pages(const struct mm_state *mm,
				      unsigned long start_pfn,
				      unsigned long end_pfn)
{
	unsigned long n = 0;

	for (unsigned long pfn = start_pfn; pfn < end_pfn;
	     pfn += pageblock_nr_pages) {
		if (pfn_online(mm, pfn)) {
			/* RAM may end inside a pageblock: the zone ends
			 * with it (the e820 end below a block's, such as
			 * QEMU's at 0x3ffe0000 on a 1 GiB guest) */
			unsigned long end = zone_end_pfn(pageblock_zone(mm,
									pfn));

			n += end - pfn < pageblock_nr_pages ? end - pfn :
				pageblock_nr_pages;
		} else if (pfn_offline(mm, pfn, NULL)) {
			n += pageblock_nr_pages;
		}
	}
	return n;
}

/* The kernel's pr_debug line; "%#010llx" prints 0x even for 0 there. */
static void offline_failed(struct mm_state *mm, unsigned long start_pfn,
			   unsigned long end_pfn, const char *reason)
{
	if (mm->log)
		printk(mm->log, "memory offlining [mem 0x%08llx-0x%08llx] "
		       "failed due to %s",
		       (unsigned long long)PFN_PHYS(start_pfn),
		       (unsigned long long)PFN_PHYS(end_pfn) - 1, reason);
}

/*
 * The migration loop of offline_pages: scan and migrate until nothing
 * movable is left, then check that all is free; -EBUSY once
 * OFFLINE_MAX_FAILED_PASSES passes have left the range not free.
 */
static int migrate_off_range(struct mm_state *mm, struct offline_ctx *ctx,
			     unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned int failed_passes = 0;
	unsigned long pfn;
	int ret;

	do {
		pfn = start_pfn;
		do {
			/*
			 * signal_pending: the kernel returns -EINTR when the
			 * user gives up; the brief's model gives up here.
			 */
			if (failed_passes >= OFFLINE_MAX_FAILED_PASSES)
				return -EBUSY;
			ret = scan_movable_pages(mm, pfn, end_pfn, &pfn);
			if (!ret && do_migrate_range(mm, ctx, pfn, end_pfn))
				failed_passes++;
		} while (!ret);
		/* dissolve_free_huge_pages: no free hugetlb pool is kept */
		ret = test_pages_isolated(mm, start_pfn, end_pfn);
		if (ret)
			failed_passes++;
	} while (ret);
	return 0;
}

/* mm/memory_hotplug.c: offline_pages, for a range of one zone */
static int __offline_pages(struct mm_state *mm, unsigned long start_pfn,
			   unsigned long nr_pages)
{
	const unsigned long end_pfn = start_pfn + nr_pages;
	struct offline_ctx ctx = { 0 };
	struct pcp_saved saved = { 0 };
	struct zone *zone;
	int ret;

	if (!nr_pages || (start_pfn & (pageblock_nr_pages - 1)) ||
	    (end_pfn & (pages_per_block(mm) - 1)))
		return -EINVAL;
	if (system_ram_pages(mm, start_pfn, end_pfn) != nr_pages) {
		offline_failed(mm, start_pfn, end_pfn, "memory holes");
		return -EINVAL;
	}
	zone = range_zone(mm, start_pfn, end_pfn);
	if (!zone || !pfn_online(mm, start_pfn) ||
	    !pfn_online(mm, end_pfn - 1)) {
		offline_failed(mm, start_pfn, end_pfn, "multizone range");
		return -EINVAL;
	}
	ctx.zone = zone;
	ctx.cpu = migration_target_cpu(mm, zone->node);

	zone_pcp_disable(mm, zone, &saved);
	ret = start_isolate_page_range(mm, start_pfn, end_pfn);
	if (ret) {
		zone_pcp_enable(mm, zone, &saved);
		offline_failed(mm, start_pfn, end_pfn,
			       "failure to isolate range");
		return ret;
	}
	ret = migrate_off_range(mm, &ctx, start_pfn, end_pfn);
	if (ret) {
		undo_isolate_page_range(mm, start_pfn, end_pfn, MIGRATE_MOVABLE);
		zone_pcp_enable(mm, zone, &saved);
		offline_failed(mm, start_pfn, end_pfn, "signal backoff");
		return ret;
	}

	__offline_isolated_pages(mm, zone, start_pfn, end_pfn);
	zone->nr_isolate_pageblock -= nr_pages / pageblock_nr_pages;
	zone_pcp_enable(mm, zone, &saved);
	/* adjust_managed_page_count, adjust_present_page_count */
	zone->managed_pages -= nr_pages;
	adjust_present_page_count(mm, zone, -(long)nr_pages);
	hotplug_wmark_min(mm);
	if (!populated_zone(zone)) {
		zone_pcp_reset(zone);
		rebuild_zonelists(mm);
	}
	remove_pfn_range_from_zone(mm, zone, start_pfn, nr_pages);
	return 0;
}

int offline_pages(struct mm_state *mm, unsigned long start_pfn,
		  unsigned long nr_pages)
{
	int ret;

	if (!hotplug_supported(mm))
		return -EOPNOTSUPP;
	mm->vm_events[FRAGSIM_OFFLINE_ATTEMPT]++;
	ret = __offline_pages(mm, start_pfn, nr_pages);
	if (!ret)
		mm->vm_events[FRAGSIM_OFFLINE_SUCCESS]++;
	return ret;
}

/* --- onlining --- */

/* mm/memory_hotplug.c: zone_intersects */
static bool zone_intersects(const struct zone *zone, unsigned long start_pfn,
			    unsigned long nr_pages)
{
	if (!zone->spanned_pages)
		return false;
	return start_pfn < zone_end_pfn(zone) &&
	       start_pfn + nr_pages > zone->zone_start_pfn;
}

/* mm/memory_hotplug.c: default_kernel_zone_for_pfn */
static struct zone *default_kernel_zone_for_pfn(struct mm_state *mm, int nid,
						unsigned long start_pfn,
						unsigned long nr_pages)
{
	for (int zid = 0; zid < ZONE_NORMAL; zid++) {
		struct zone *zone = mm_zone(mm, nid, zid);

		if (zone_intersects(zone, start_pfn, nr_pages))
			return zone;
	}
	return mm_zone(mm, nid, ZONE_NORMAL);
}

/*
 * mm/memory_hotplug.c: zone_for_pfn_range, with the default online
 * policy ("contig-zones"): MMOP_ONLINE inherits the one zone the range
 * touches, else takes the kernel zone (ZONE_MOVABLE under movable_node).
 */
static struct zone *zone_for_pfn_range(struct mm_state *mm,
				       enum mmop online_type, int nid,
				       unsigned long start_pfn,
				       unsigned long nr_pages)
{
	struct zone *kernel_zone, *movable_zone = mm_zone(mm, nid, ZONE_MOVABLE);
	bool in_kernel, in_movable;

	kernel_zone = default_kernel_zone_for_pfn(mm, nid, start_pfn, nr_pages);
	if (online_type == MMOP_ONLINE_KERNEL)
		return kernel_zone;
	if (online_type == MMOP_ONLINE_MOVABLE)
		return movable_zone;
	in_kernel = zone_intersects(kernel_zone, start_pfn, nr_pages);
	in_movable = zone_intersects(movable_zone, start_pfn, nr_pages);
	if (in_kernel ^ in_movable)
		return in_kernel ? kernel_zone : movable_zone;
	return mm->layout.params.movable_node ? movable_zone : kernel_zone;
}

/* mm/memory_hotplug.c: resize_zone_range, resize_pgdat_range */
static void resize_ranges(struct zone *zone, struct pglist_data *pgdat,
			  unsigned long start_pfn, unsigned long nr_pages)
{
	unsigned long old_end = zone_end_pfn(zone);

	if (!zone->spanned_pages || start_pfn < zone->zone_start_pfn)
		zone->zone_start_pfn = start_pfn;
	zone->spanned_pages = (start_pfn + nr_pages > old_end ?
			       start_pfn + nr_pages : old_end) - zone->zone_start_pfn;
	old_end = pgdat->node_start_pfn + pgdat->node_spanned_pages;
	if (!pgdat->node_spanned_pages || start_pfn < pgdat->node_start_pfn)
		pgdat->node_start_pfn = start_pfn;
	pgdat->node_spanned_pages = (start_pfn + nr_pages > old_end ?
				     start_pfn + nr_pages : old_end) -
				    pgdat->node_start_pfn;
}

/* mm/page_alloc.c: init_currently_empty_zone - empty free lists */
static void init_currently_empty_zone(struct zone *zone)
{
	for (int o = 0; o < MAX_ORDER; o++) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			zone->free_area[o].free_list[mt] =
				(struct free_list){ NIL, NIL, 0 };
		zone->free_area[o].nr_free = 0;
	}
	zone->nr_free_pages = 0;
}

/*
 * mm/memory_hotplug.c: move_pfn_range_to_zone - the zone (and node) grow
 * to span the range; memmap_init_range (MEMINIT_HOTPLUG) makes its pages
 * reserved pages of the zone and its pageblocks migratetype mt.
 */
static void move_pfn_range_to_zone(struct mm_state *mm, struct zone *zone,
				   unsigned long start_pfn,
				   unsigned long nr_pages, enum migratetype mt)
{
	uint16_t id = zone_id_of(zone);

	if (!zone->spanned_pages)
		init_currently_empty_zone(zone);
	resize_ranges(zone, &mm->layout.node_data[zone->node], start_pfn,
		      nr_pages);
	for (unsigned long pfn = start_pfn; pfn < start_pfn + nr_pages; pfn++)
		set_frame(&mm->memmap, pfn, FRAME_RESERVED, 0);
	for (unsigned long pfn = start_pfn; pfn < start_pfn + nr_pages;
	     pfn += pageblock_nr_pages) {
		pageblock_of(&mm->memmap, pfn)->zone = id;
		zone->nr_pageblock[get_pageblock_migratetype(&mm->memmap, pfn)]++;
		set_pageblock_migratetype(mm, pfn, mt);
	}
}

/*
 * mm/memory_hotplug.c: online_pages_range - every page to the buddy in
 * MAX_ORDER - 1 aligned chunks through generic_online_page and
 * __free_pages_core: managed grows, each chunk goes to the tail of its
 * (isolate) list.
 */
static void online_pages_range(struct mm_state *mm, struct zone *zone,
			       unsigned long start_pfn, unsigned long nr_pages)
{
	for (unsigned long pfn = start_pfn; pfn < start_pfn + nr_pages;) {
		unsigned int order = MAX_ORDER - 1;

		if (pfn && (unsigned int)__builtin_ctzl(pfn) < order)
			order = (unsigned int)__builtin_ctzl(pfn);
		for (unsigned long p = pfn; p < pfn + (1UL << order); p++)
			set_frame(&mm->memmap, p, FRAME_TAIL, 0);
		zone->managed_pages += 1UL << order;
		/* __free_pages_core: through __free_pages_ok, whose
		 * free_pages_prepare traces it */
		if (trace_page_wanted(mm, pfn))
			trace_mm_page_free(mm, pfn, order);
		__free_one_page(mm, zone, pfn, order,
				get_pageblock_migratetype(&mm->memmap, pfn),
				FPI_TO_TAIL);
		mm->vm_events[PGFREE] += 1UL << order;
		pfn += 1UL << order;
	}
}

/* The node of an offline range, if every frame of it is offline. */
static int offline_range_nid(const struct mm_state *mm,
			     unsigned long start_pfn, unsigned long end_pfn)
{
	uint32_t id = 0;

	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++)
		if (!pfn_offline(mm, pfn, pfn == start_pfn ? &id : NULL))
			return -1;
	return (int)(id / MAX_NR_ZONES);
}

/* mm/memory_hotplug.c: online_pages */
static int __online_pages(struct mm_state *mm, unsigned long start_pfn,
			  unsigned long nr_pages, enum mmop online_type)
{
	const unsigned long end_pfn = start_pfn + nr_pages;
	bool need_zonelists_rebuild;
	struct zone *zone;
	int nid;

	if (!nr_pages || (start_pfn & (pageblock_nr_pages - 1)) ||
	    (end_pfn & (pages_per_block(mm) - 1)) ||
	    online_type == MMOP_OFFLINE || online_type > MMOP_ONLINE_MOVABLE)
		return -EINVAL;
	nid = offline_range_nid(mm, start_pfn, end_pfn);
	if (nid < 0)
		return -EINVAL;
	zone = zone_for_pfn_range(mm, online_type, nid, start_pfn, nr_pages);
	if (!mm->layout.arch->has_zone[zone->type])
		return -EINVAL;

	move_pfn_range_to_zone(mm, zone, start_pfn, nr_pages, MIGRATE_ISOLATE);
	zone->nr_isolate_pageblock += nr_pages / pageblock_nr_pages;
	need_zonelists_rebuild = !populated_zone(zone);
	online_pages_range(mm, zone, start_pfn, nr_pages);
	memmap_note_reserved(&mm->memmap, start_pfn, end_pfn);
	adjust_present_page_count(mm, zone, (long)nr_pages);
	if (need_zonelists_rebuild)
		rebuild_zonelists(mm);
	/* Basic onlining is complete, allow allocation of onlined pages. */
	undo_isolate_page_range(mm, start_pfn, end_pfn, MIGRATE_MOVABLE);
	/* shuffle_zone: page_alloc.shuffle is off by default */
	hotplug_wmark_min(mm);	/* also sets up a new zone's pcp lists */
	return 0;
}

int online_pages(struct mm_state *mm, unsigned long start_pfn,
		 unsigned long nr_pages, enum mmop online_type)
{
	int ret;

	if (!hotplug_supported(mm))
		return -EOPNOTSUPP;
	mm->vm_events[FRAGSIM_ONLINE_ATTEMPT]++;
	ret = __online_pages(mm, start_pfn, nr_pages, online_type);
	if (!ret)
		mm->vm_events[FRAGSIM_ONLINE_SUCCESS]++;
	return ret;
}

/* --- memory blocks (drivers/base/memory.c) --- */

int memory_block_state(const struct mm_state *mm, unsigned long block_nr,
		       struct memory_block_info *info)
{
	unsigned long bp = pages_per_block(mm), start, end;
	bool online = false, offline = false, multizone = false;
	struct zone *zone = NULL;
	uint32_t id = 0;

	if (!hotplug_supported(mm))
		return -EOPNOTSUPP;
	start = block_nr * bp;
	end = start + bp;
	if (block_nr >= nr_memory_blocks(mm))
		return -ENODEV;
	for (unsigned long pfn = start; pfn < end; pfn += pageblock_nr_pages) {
		struct zone *z;

		if (pfn_offline(mm, pfn, &id)) {
			offline = true;
			continue;
		}
		if (!pfn_online(mm, pfn))
			continue;
		z = pageblock_zone(mm, pfn);
		online = true;
		if (zone && z != zone)
			multizone = true;
		zone = z;
	}
	if (!online && !offline)
		return -ENODEV;
	info->state = online ? MEM_ONLINE : MEM_OFFLINE;
	info->nid = online ? zone->node : (int)(id / MAX_NR_ZONES);
	info->zone = online && !multizone ? zone : NULL;
	return 0;
}

int offline_memory_block(struct mm_state *mm, unsigned long block_nr)
{
	struct memory_block_info info;
	int ret = memory_block_state(mm, block_nr, &info);

	if (ret)
		return ret;
	mm->vm_events[FRAGSIM_OFFLINE_ATTEMPT]++;
	/* memory_block_change_state, memory_block_offline */
	if (info.state != MEM_ONLINE || !info.zone)
		return -EINVAL;
	ret = __offline_pages(mm, block_nr * pages_per_block(mm),
			      pages_per_block(mm));
	if (!ret)
		mm->vm_events[FRAGSIM_OFFLINE_SUCCESS]++;
	return ret;
}

int online_memory_block(struct mm_state *mm, unsigned long block_nr,
			enum mmop online_type)
{
	struct memory_block_info info;
	int ret = memory_block_state(mm, block_nr, &info);

	if (ret)
		return ret;
	mm->vm_events[FRAGSIM_ONLINE_ATTEMPT]++;
	if (info.state != MEM_OFFLINE)
		return -EINVAL;
	ret = __online_pages(mm, block_nr * pages_per_block(mm),
			     pages_per_block(mm), online_type);
	if (!ret)
		mm->vm_events[FRAGSIM_ONLINE_SUCCESS]++;
	return ret;
}
