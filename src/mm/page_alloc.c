/*
 * page_alloc.c - allocating and freeing blocks as a caller of the kernel's
 * page allocator sees it: zonelist walk, watermarks, pcp or buddy, and the
 * record of who owns each block (mm/page_alloc.c: __alloc_pages,
 * get_page_from_freelist, rmqueue, __free_pages; Linux 6.1).
 */
#include <assert.h>

#include "mm/compaction.h"
#include "mm/internal.h"
#include "mm/oom_kill.h"
#include "mm/trace.h"
#include "util/time.h"

const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGALLOC_DMA] = "pgalloc_dma",
	[PGALLOC_DMA32] = "pgalloc_dma32",
	[PGALLOC_NORMAL] = "pgalloc_normal",
	[PGALLOC_HIGH] = "pgalloc_high",
	[PGALLOC_MOVABLE] = "pgalloc_movable",
	[PGALLOC_DEVICE] = "pgalloc_device",
	[PGFREE] = "pgfree",
	[PGMIGRATE_SUCCESS] = "pgmigrate_success",
	[PGMIGRATE_FAIL] = "pgmigrate_fail",
	[COMPACTMIGRATE_SCANNED] = "compact_migrate_scanned",
	[COMPACTFREE_SCANNED] = "compact_free_scanned",
	[COMPACTISOLATED] = "compact_isolated",
	[COMPACTSTALL] = "compact_stall",
	[COMPACTFAIL] = "compact_fail",
	[COMPACTSUCCESS] = "compact_success",
	[KCOMPACTD_WAKE] = "compact_daemon_wake",
	[KCOMPACTD_MIGRATE_SCANNED] = "compact_daemon_migrate_scanned",
	[KCOMPACTD_FREE_SCANNED] = "compact_daemon_free_scanned",
	[COMPACTDEFERRED] = "fragsim_compact_deferred",
	[ALLOCSTALL_SLOWPATH] = "fragsim_alloc_slowpath",
	[PGALLOC_FAIL] = "fragsim_alloc_fail",
	[PGSCAN_KSWAPD] = "pgscan_kswapd",
	[PGSCAN_DIRECT] = "pgscan_direct",
	[PGSTEAL_KSWAPD] = "pgsteal_kswapd",
	[PGSTEAL_DIRECT] = "pgsteal_direct",
	[PGSCAN_SKIP_DMA] = "pgskip_dma",
	[PGSCAN_SKIP_DMA32] = "pgskip_dma32",
	[PGSCAN_SKIP_NORMAL] = "pgskip_normal",
	[PGSCAN_SKIP_HIGH] = "pgskip_high",
	[PGSCAN_SKIP_MOVABLE] = "pgskip_movable",
	[PGSCAN_SKIP_DEVICE] = "pgskip_device",
	[ALLOCSTALL_DMA] = "allocstall_dma",
	[ALLOCSTALL_DMA32] = "allocstall_dma32",
	[ALLOCSTALL_NORMAL] = "allocstall_normal",
	[ALLOCSTALL_HIGH] = "allocstall_high",
	[ALLOCSTALL_MOVABLE] = "allocstall_movable",
	[ALLOCSTALL_DEVICE] = "allocstall_device",
	[PAGEOUTRUN] = "pageoutrun",
	[SLABS_SCANNED] = "slabs_scanned",
	[DROP_PAGECACHE] = "drop_pagecache",
	[DROP_SLAB] = "drop_slab",
	[KSWAPD_WAKE] = "fragsim_kswapd_wake",
	[KCOMPACTD_WAKE_PROACTIVE] = "fragsim_kcompactd_wake_proactive",
	[FRAGSIM_OFFLINE_ATTEMPT] = "fragsim_offline_attempt",
	[FRAGSIM_OFFLINE_SUCCESS] = "fragsim_offline_success",
	[FRAGSIM_ONLINE_ATTEMPT] = "fragsim_online_attempt",
	[FRAGSIM_ONLINE_SUCCESS] = "fragsim_online_success",
	[OOM_KILL] = "oom_kill",
	[KSWAPD_LOW_WMARK_HIT_QUICKLY] = "kswapd_low_wmark_hit_quickly",
	[KSWAPD_HIGH_WMARK_HIT_QUICKLY] = "kswapd_high_wmark_hit_quickly",
};

/* struct alloc_context of mm/internal.h */
struct alloc_context {
	const struct zoneref *zonelist;
	const struct zoneref *preferred_zoneref;
	int highest_zoneidx;
	enum migratetype migratetype;
	int cpu;
};

static uint32_t block_record_new(struct mm_state *mm)
{
	if (mm->blocks_unused) {
		uint32_t idx = mm->blocks_unused - 1;

		mm->blocks_unused = mm->blocks[idx].holder_slot;
		mm->nr_blocks_unused--;
		/*
		 * Freed records come back in free order, scattered: the
		 * next allocation's is asked for now, while this one's
		 * request finishes, rather than waited for then.
		 */
		if (mm->blocks_unused) {
			uint32_t next = mm->blocks_unused - 1;

			__builtin_prefetch(&mm->blocks[next], 1);
			__builtin_prefetch(&mm->blocks_lru[next], 1);
		}
		return idx;
	}
	/* a record per allocated block: never more than frames */
	assert(mm->blocks_used < mm->blocks_cap);
	mm->blocks[mm->blocks_used].gen = 0;
	return mm->blocks_used++;
}

/*
 * The block at pfn now belongs to its caller (prep_new_page); returns its
 * record's index.
 */
static uint32_t commit_block(struct mm_state *mm, struct zone *zone,
			     unsigned long pfn, unsigned int order,
			     enum migratetype mt, enum owner_kind kind)
{
	uint32_t idx = block_record_new(mm);

	mm->blocks[idx] = (struct page_block){
		.pfn = pfn, .order = (uint8_t)order, .kind = (uint8_t)kind,
		.migratetype = (uint8_t)mt, .gen = mm->blocks[idx].gen,
		.holder = BLOCK_NO_HOLDER,
	};
	set_frame(&mm->memmap, pfn, FRAME_ALLOC, idx);
	if (order)
		set_frame(&mm->memmap, pfn + 1, FRAME_TAIL, order);
	if (kind != OWNER_ISOLATED)
		pageblock_account(mm, pfn, order, mt, +1);
	/* folio_add_lru: reclaim finds it from now on */
	if (owner_kind_reclaimable(kind))
		lruvec_add_block(mm, zone, idx);
	return idx;
}

void page_block_commit(struct mm_state *mm, unsigned long pfn,
		       unsigned int order, enum migratetype mt,
		       enum owner_kind kind)
{
	commit_block(mm, page_zone(mm, pfn), pfn, order, mt, kind);
}

/*
 * The record idx of the block at pfn is released: its pages leave the
 * pageblock counts and the reclaim list, and the record can be reused.
 * The frames are the caller's.  Inline: every free runs it.
 */
static inline void release_record(struct mm_state *mm, struct zone *zone,
				  unsigned long pfn, uint32_t idx)
{
	const struct page_block *b = &mm->blocks[idx];

	if (b->kind != OWNER_ISOLATED)
		pageblock_account(mm, pfn, b->order,
				  (enum migratetype)b->migratetype, -1);
	if (mm->blocks[idx].lru)
		lruvec_del_block(mm, zone, idx);
	/* its holder has let it go: the link below takes holder_slot */
	assert(b->holder == BLOCK_NO_HOLDER);
	mm->blocks[idx].holder_slot = mm->blocks_unused;
	mm->blocks_unused = idx + 1;
	mm->nr_blocks_unused++;
	mm->blocks[idx].gen++;
}

/*
 * The bare block at pfn goes back: its pages leave the pageblock counts
 * and its reclaim list; its head becomes a tail.
 */
static void release_bare(struct mm_state *mm, struct zone *zone,
			 unsigned long pfn)
{
	unsigned int order = allocated_order(mm, pfn);
	unsigned int lru = bare_lru(mm, pfn);

	pageblock_account(mm, pfn, order, allocated_migratetype(mm, pfn), -1);
	if (lru)
		lru_bare_del(mm, zone, (enum reclaim_list)(lru - 1), order);
	set_frame(&mm->memmap, pfn, FRAME_TAIL, 0);
}

/* The block at pfn goes back: its record is released, its head a tail. */
static void release_block(struct mm_state *mm, struct zone *zone,
			  unsigned long pfn, uint32_t idx)
{
	release_record(mm, zone, pfn, idx);
	set_frame(&mm->memmap, pfn, FRAME_TAIL, 0);
}

/* The allocated block at pfn, bare or not, goes back: its head a tail. */
static void release_allocated(struct mm_state *mm, struct zone *zone,
			      unsigned long pfn)
{
	if (frame_type(&mm->memmap, pfn) == FRAME_BARE)
		release_bare(mm, zone, pfn);
	else
		release_block(mm, zone, pfn, frame_index(&mm->memmap, pfn));
}

void page_block_commit_bare(struct mm_state *mm, unsigned long pfn,
			    unsigned int order, enum migratetype mt,
			    enum owner_kind kind)
{
	struct zone *zone = page_zone(mm, pfn);
	unsigned int lru = 0;

	assert(kind != OWNER_ISOLATED && mt < MIGRATE_PCPTYPES);
	if (owner_kind_reclaimable(kind)) {
		enum reclaim_list l = kind == OWNER_PAGECACHE ?
				      RECLAIM_LIST_FILE : RECLAIM_LIST_SLAB;

		/* the bare part is the oldest: nothing may be on it before */
		assert(!mm->layout.node_data[zone->node].lru[l].tail);
		lru_bare_add(mm, zone, l, order);
		lru = l + 1;
	}
	set_frame(&mm->memmap, pfn, FRAME_BARE, bare_word(kind, mt, lru));
	if (order)
		set_frame(&mm->memmap, pfn + 1, FRAME_TAIL, order);
	pageblock_account(mm, pfn, order, mt, +1);
}

uint32_t page_block_record(struct mm_state *mm, unsigned long pfn)
{
	struct zone *zone = page_zone(mm, pfn);
	unsigned int order = allocated_order(mm, pfn);
	unsigned int lru;
	uint32_t idx;

	if (frame_type(&mm->memmap, pfn) == FRAME_ALLOC)
		return frame_index(&mm->memmap, pfn);
	assert(frame_type(&mm->memmap, pfn) == FRAME_BARE);
	lru = bare_lru(mm, pfn);
	if (lru)
		lru_bare_del(mm, zone, (enum reclaim_list)(lru - 1), order);
	idx = block_record_new(mm);
	mm->blocks[idx] = (struct page_block){
		.pfn = pfn, .order = (uint8_t)order,
		.kind = (uint8_t)allocated_kind(mm, pfn),
		.migratetype = (uint8_t)allocated_migratetype(mm, pfn),
		.gen = mm->blocks[idx].gen, .holder = BLOCK_NO_HOLDER,
	};
	set_frame(&mm->memmap, pfn, FRAME_ALLOC, idx);
	if (lru)
		lruvec_add_block(mm, zone, idx);
	return idx;
}

/* page_block_move for a bare block on no list: its word moves. */
static void bare_block_move(struct mm_state *mm, unsigned long src,
			    unsigned long dst)
{
	unsigned int order = allocated_order(mm, src);
	enum migratetype mt = allocated_migratetype(mm, src);
	uint32_t word = frame_index(&mm->memmap, src);

	page_block_release(mm, dst);
	pageblock_account(mm, src, order, mt, -1);
	set_frame(&mm->memmap, dst, FRAME_BARE, word);
	set_frame(&mm->memmap, src, FRAME_TAIL, 0);
	pageblock_account(mm, dst, order, mt, +1);
}

void page_block_move(struct mm_state *mm, unsigned long src, unsigned long dst)
{
	struct page_block *b;
	uint32_t idx;
	bool on_lru;

	if (frame_type(&mm->memmap, src) == FRAME_BARE &&
	    !bare_lru(mm, src)) {
		bare_block_move(mm, src, dst);
		return;
	}
	idx = page_block_record(mm, src);
	b = &mm->blocks[idx];
	on_lru = b->lru;
	page_block_release(mm, dst);
	/* off its list in the old zone, back at the young end in the new */
	if (on_lru)
		lruvec_del_block(mm, page_zone(mm, src), idx);
	pageblock_account(mm, src, b->order, (enum migratetype)b->migratetype,
			  -1);
	b->pfn = dst;
	set_frame(&mm->memmap, dst, FRAME_ALLOC, idx);
	set_frame(&mm->memmap, src, FRAME_TAIL, 0);
	pageblock_account(mm, dst, b->order, (enum migratetype)b->migratetype,
			  +1);
	if (on_lru)
		lruvec_add_block(mm, page_zone(mm, dst), idx);
}

struct block_ref block_ref_of(struct mm_state *mm, unsigned long pfn)
{
	uint32_t idx = page_block_record(mm, pfn);

	return (struct block_ref){ .idx = idx, .gen = mm->blocks[idx].gen };
}

/* mm/page_alloc.c: rmqueue_buddy */
static unsigned long rmqueue_buddy(struct mm_state *mm, struct zone *zone,
				   unsigned int order, unsigned int alloc_flags,
				   enum migratetype mt)
{
	unsigned long pfn = PFN_NONE;

	if (alloc_flags & ALLOC_HIGHATOMIC)
		pfn = __rmqueue_smallest(mm, zone, order, MIGRATE_HIGHATOMIC);
	if (pfn == PFN_NONE) {
		pfn = __rmqueue(mm, zone, order, mt, alloc_flags);
		/* Failing now is worse than failing a future atomic request. */
		if (pfn == PFN_NONE &&
		    (alloc_flags & (ALLOC_OOM | ALLOC_NON_BLOCK)))
			pfn = __rmqueue_smallest(mm, zone, order,
						 MIGRATE_HIGHATOMIC);
		if (pfn == PFN_NONE)
			return PFN_NONE;
	}
	zone->nr_free_pages -= 1UL << order;
	return pfn;
}

unsigned long rmqueue_block(struct mm_state *mm, struct zone *zone,
			    unsigned int order, enum migratetype mt,
			    enum owner_kind kind, unsigned int alloc_flags)
{
	unsigned long pfn;

	if (order >= MAX_ORDER)
		return PFN_NONE;
	pfn = rmqueue_buddy(mm, zone, order, alloc_flags, mt);
	if (pfn != PFN_NONE)
		commit_block(mm, zone, pfn, order, mt, kind);
	return pfn;
}

/* mm/page_alloc.c: rmqueue - pcp for small and THP orders, else buddy */
static unsigned long rmqueue(struct mm_state *mm, struct zone *zone,
			     unsigned int order, unsigned int alloc_flags,
			     enum migratetype mt, int cpu)
{
	unsigned long pfn = PFN_NONE;

	if (zone->per_cpu_pageset && pcp_allowed_order(order))
		pfn = rmqueue_pcplist(mm, zone, order, mt, alloc_flags, cpu);
	if (pfn == PFN_NONE)
		pfn = rmqueue_buddy(mm, zone, order, alloc_flags, mt);
	if (pfn != PFN_NONE)
		mm->vm_events[PGALLOC_DMA + zone->type] += 1UL << order;
	if (zone->boosted_watermark) {
		/* A fallback boosted the watermark: kswapd pays it off. */
		zone->boosted_watermark = false;
		wakeup_kswapd(mm, zone, 0, 0, (int)zone->type);
	}
	return pfn;
}

/*
 * mm/page_alloc.c: reserve_highatomic_pageblock - a successful high-order
 * atomic allocation reserves its pageblock for more of its kind, up to 1%
 * of the zone plus one pageblock.
 */
static void reserve_highatomic_pageblock(struct mm_state *mm,
					 struct zone *zone, unsigned long pfn)
{
	unsigned long max_managed = zone->managed_pages / 100 + pageblock_nr_pages;
	enum migratetype mt;

	if (zone->nr_reserved_highatomic >= max_managed)
		return;
	mt = get_pageblock_migratetype(&mm->memmap, pfn);
	if (mt < MIGRATE_PCPTYPES) {
		zone->nr_reserved_highatomic += pageblock_nr_pages;
		set_pageblock_migratetype(mm, pfn, MIGRATE_HIGHATOMIC);
		move_freepages_block(mm, zone, pfn, MIGRATE_HIGHATOMIC, NULL);
	}
}

/* mm/page_alloc.c: zone_watermark_fast */
static bool zone_watermark_fast(const struct zone *z, unsigned int order,
				unsigned long mark, int highest_zoneidx,
				unsigned int alloc_flags, gfp_t gfp_mask)
{
	long free_pages = (long)z->nr_free_pages;

	/* Fast check for order-0 only. */
	if (!order) {
		long reserved = (alloc_flags & ALLOC_RESERVES) ? 0 :
				(long)z->nr_reserved_highatomic;
		long usable_free = free_pages - (reserved < free_pages ?
						 reserved : free_pages);

		if (usable_free > (long)mark + z->lowmem_reserve[highest_zoneidx])
			return true;
	}
	if (__zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				free_pages))
		return true;
	/* GFP_ATOMIC order-0 at the min watermark ignores the boost. */
	if (!order && (gfp_mask & __GFP_ATOMIC) && z->watermark_boost &&
	    (alloc_flags & ALLOC_WMARK_MASK) == WMARK_MIN)
		return __zone_watermark_ok(z, order, z->_watermark[WMARK_MIN],
					   highest_zoneidx, alloc_flags,
					   free_pages);
	return false;
}

/*
 * mm/page_alloc.c: get_page_from_freelist - the first zone of the zonelist
 * (from the preferred one, not above highest_zoneidx) that passes its
 * watermark and has the block.
 */
static unsigned long get_page_from_freelist(struct mm_state *mm, gfp_t gfp,
					    unsigned int order,
					    unsigned int alloc_flags,
					    const struct alloc_context *ac,
					    struct zone **zone_out)
{
	int nr_online_nodes = mm->layout.nr_online_nodes;
	bool no_fallback;

retry:
	no_fallback = alloc_flags & ALLOC_NOFRAGMENT;
	for (const struct zoneref *z = ac->preferred_zoneref; z->zone; z++) {
		struct zone *zone = z->zone;
		unsigned long mark, pfn;

		if (z->zone_idx > ac->highest_zoneidx)
			continue;
		/* Locality beats fragmentation avoidance: a remote node
		 * retries with fragmenting fallbacks allowed. */
		if (no_fallback && nr_online_nodes > 1 &&
		    zone != ac->preferred_zoneref->zone &&
		    zone->node != ac->preferred_zoneref->zone->node) {
			alloc_flags &= ~ALLOC_NOFRAGMENT;
			goto retry;
		}
		mark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
		if (!zone_watermark_fast(zone, order, mark, ac->highest_zoneidx,
					 alloc_flags, gfp) &&
		    !(alloc_flags & ALLOC_NO_WATERMARKS))
			continue;	/* node_reclaim is off (zone_reclaim_mode 0) */
		pfn = rmqueue(mm, zone, order, alloc_flags, ac->migratetype,
			      ac->cpu);
		if (pfn != PFN_NONE) {
			if (alloc_flags & ALLOC_HIGHATOMIC)
				reserve_highatomic_pageblock(mm, zone, pfn);
			*zone_out = zone;
			return pfn;
		}
	}
	/* A UMA machine may have every zone fragmented: relax and retry. */
	if (no_fallback) {
		alloc_flags &= ~ALLOC_NOFRAGMENT;
		goto retry;
	}
	return PFN_NONE;
}

/*
 * mm/page_alloc.c: alloc_flags_nofragment - only pageblock-sized stealing
 * while a request prefers Normal and DMA32 could serve it instead.
 */
static unsigned int alloc_flags_nofragment(const struct mm_state *mm,
					   const struct zone *zone, gfp_t gfp)
{
	unsigned int alloc_flags = gfp & __GFP_KSWAPD_RECLAIM;	/* ALLOC_KSWAPD */

	if (!zone || zone->type != ZONE_NORMAL ||
	    !mm->layout.arch->has_zone[ZONE_DMA32])
		return alloc_flags;
	if (mm->layout.nr_online_nodes > 1 &&
	    !populated_zone(&mm->layout.node_data[zone->node]
				     .node_zones[ZONE_DMA32]))
		return alloc_flags;
	return alloc_flags | ALLOC_NOFRAGMENT;
}

/*
 * mm/page_alloc.c: unreserve_highatomic_pageblock - under pressure, give a
 * highatomic pageblock back to the requested migratetype; unless forced,
 * each zone keeps one.
 */
static bool unreserve_highatomic_pageblock(struct mm_state *mm,
					   const struct alloc_context *ac,
					   bool force)
{
	for (const struct zoneref *z = ac->zonelist; z->zone; z++) {
		struct zone *zone = z->zone;

		if (z->zone_idx > ac->highest_zoneidx)
			continue;
		if (!force && zone->nr_reserved_highatomic <= pageblock_nr_pages)
			continue;
		for (unsigned int order = 0; order < MAX_ORDER; order++) {
			uint32_t idx = zone->free_area[order]
					       .free_list[MIGRATE_HIGHATOMIC].head;
			unsigned long pfn;

			if (idx == NIL)
				continue;
			pfn = free_block_pfn(mm, &mm->free_blocks[idx]);
			if (get_pageblock_migratetype(&mm->memmap, pfn) ==
			    MIGRATE_HIGHATOMIC)
				zone->nr_reserved_highatomic -=
					zone->nr_reserved_highatomic <
						pageblock_nr_pages ?
					zone->nr_reserved_highatomic :
					pageblock_nr_pages;
			/* Convert to the caller's type, no stealing rules. */
			set_pageblock_migratetype(mm, pfn, ac->migratetype);
			move_freepages_block(mm, zone, pfn, ac->migratetype, NULL);
			return true;
		}
	}
	return false;
}

/*
 * mm/page_alloc.c: warn_alloc - "page allocation failure", unless the
 * request said __GFP_NOWARN.  nopage_rs (10*HZ, burst 1) lets one message
 * through, then none until 10 s have passed since it (___ratelimit).
 */
static void warn_alloc(struct mm_state *mm, gfp_t gfp, unsigned int order)
{
	uint64_t now;
	char flags[256];

	if ((gfp & __GFP_NOWARN) || !mm->log)
		return;
	now = mm->log->clock_ns ? *mm->log->clock_ns : 0;
	if (mm->nr_failure_msgs && now - mm->failure_msg_ns < 10 * NSEC_PER_SEC)
		return;
	mm->nr_failure_msgs++;
	mm->failure_msg_ns = now;
	gfp_format(gfp, flags, sizeof(flags));
	printk(mm->log, "fragsim: page allocation failure: order:%u, "
	       "mode:%#x(%s), nodemask=(null)", order, gfp, flags);
}

/* mm/page_alloc.c: gfp_to_alloc_flags (a task that is not realtime) */
static unsigned int gfp_to_alloc_flags(gfp_t gfp, unsigned int order)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	alloc_flags |= gfp & (__GFP_HIGH | __GFP_KSWAPD_RECLAIM);
	if (!(gfp & __GFP_DIRECT_RECLAIM)) {
		if (!(gfp & __GFP_NOMEMALLOC)) {
			alloc_flags |= ALLOC_NON_BLOCK;
			if (order > 0 && (alloc_flags & ALLOC_MIN_RESERVE))
				alloc_flags |= ALLOC_HIGHATOMIC;
		}
		if (alloc_flags & ALLOC_MIN_RESERVE)
			alloc_flags &= ~ALLOC_CPUSET;
	}
	return alloc_flags;
}

/*
 * mm/page_alloc.c: __alloc_pages_direct_compact - compact the zonelist for
 * this request, then try the free lists again.
 */
static unsigned long __alloc_pages_direct_compact(struct mm_state *mm,
						  gfp_t gfp, unsigned int order,
						  unsigned int alloc_flags,
						  const struct alloc_context *ac,
						  enum compact_priority prio,
						  enum compact_result *result,
						  struct zone **zone_out)
{
	unsigned long pfn;

	if (!order)
		return PFN_NONE;
	*result = try_to_compact_pages(mm, gfp, order, alloc_flags,
				       ac->preferred_zoneref, ac->highest_zoneidx,
				       prio, ac->cpu, &pfn);
	if (*result == COMPACT_SKIPPED)
		return PFN_NONE;
	/* DEFERRED counts as a stall too: it is worse than SKIPPED */
	mm->vm_events[COMPACTSTALL]++;
	/* A captured block is the request's (prep_new_page); else the lists */
	if (pfn != PFN_NONE)
		*zone_out = page_zone(mm, pfn);
	else
		pfn = get_page_from_freelist(mm, gfp, order, alloc_flags, ac,
					     zone_out);
	if (pfn != PFN_NONE) {
		(*zone_out)->compact_blockskip_flush = false;
		compaction_defer_reset(mm, *zone_out, (int)order, true);
		mm->vm_events[COMPACTSUCCESS]++;
		return pfn;
	}
	mm->vm_events[COMPACTFAIL]++;
	return PFN_NONE;
}

/*
 * mm/page_alloc.c: should_reclaim_retry - keep trying while some zone
 * would pass its min watermark with its reclaimable pages freed, at most
 * MAX_RECLAIM_RETRIES loops without progress (costly orders never count
 * as progress); before giving up, exhaust the highatomic reserve.
 */
static bool should_reclaim_retry(struct mm_state *mm, unsigned int order,
				 const struct alloc_context *ac,
				 unsigned int alloc_flags,
				 bool did_some_progress, int *no_progress_loops)
{
	bool ret = false;

	if (did_some_progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;
	if (*no_progress_loops <= MAX_RECLAIM_RETRIES) {
		for (const struct zoneref *z = ac->preferred_zoneref; z->zone;
		     z++) {
			unsigned long available;

			if (z->zone_idx > ac->highest_zoneidx)
				continue;
			available = zone_reclaimable_pages(z->zone) +
				    z->zone->nr_free_pages;
			if (__zone_watermark_ok(z->zone, order,
						min_wmark_pages(z->zone),
						ac->highest_zoneidx, alloc_flags,
						(long)available)) {
				ret = true;
				break;
			}
		}
	}
	if (!ret)
		return unreserve_highatomic_pageblock(mm, ac, true);
	return ret;
}

/*
 * mm/compaction.c: compaction_zonelist_suitable - would some zone let
 * compaction run (__compaction_suitable) if reclaim freed a share of its
 * reclaimable pages?
 */
static bool compaction_zonelist_suitable(struct mm_state *mm,
					 const struct alloc_context *ac,
					 unsigned int order,
					 unsigned int alloc_flags)
{
	for (const struct zoneref *z = ac->zonelist; z->zone; z++) {
		struct zone *zone = z->zone;
		unsigned long available, watermark;

		if (z->zone_idx > ac->highest_zoneidx)
			continue;
		/* Not all of it: no thrashing for one high-order page. */
		available = zone_reclaimable_pages(zone) / order +
			    zone->nr_free_pages;
		if (zone_watermark_ok(zone, order,
				      wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK),
				      ac->highest_zoneidx, alloc_flags))
			continue;	/* COMPACT_SUCCESS */
		watermark = (order > PAGE_ALLOC_COSTLY_ORDER ?
			     low_wmark_pages(zone) : min_wmark_pages(zone)) +
			    (2UL << order);
		if (__zone_watermark_ok(zone, 0, watermark, ac->highest_zoneidx,
					ALLOC_CMA, (long)available))
			return true;	/* COMPACT_CONTINUE */
	}
	return false;
}

#define MAX_COMPACT_RETRIES	16

/*
 * mm/page_alloc.c: should_compact_retry - retry while compaction
 * succeeds (up to MAX_COMPACT_RETRIES, a quarter for costly orders); a
 * compaction that failed or withdrew retries at a higher priority first
 * (never SYNC_FULL for costly orders); a skipped one only if reclaim
 * could make it suitable.
 */
static bool should_compact_retry(struct mm_state *mm,
				 const struct alloc_context *ac,
				 unsigned int order, unsigned int alloc_flags,
				 enum compact_result compact_result,
				 enum compact_priority *compact_priority,
				 int *compaction_retries)
{
	int max_retries = MAX_COMPACT_RETRIES;
	enum compact_priority min_priority;

	if (!order)
		return false;
	if (compact_result == COMPACT_SUCCESS)	/* compaction_made_progress */
		(*compaction_retries)++;
	if (compact_result == COMPACT_COMPLETE)	/* compaction_failed */
		goto check_priority;
	if (compact_result == COMPACT_SKIPPED)	/* compaction_needs_reclaim */
		return compaction_zonelist_suitable(mm, ac, order, alloc_flags);
	if (compact_result == COMPACT_DEFERRED ||	/* compaction_withdrawn */
	    compact_result == COMPACT_CONTENDED ||
	    compact_result == COMPACT_PARTIAL_SKIPPED)
		goto check_priority;
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		max_retries /= 4;
	if (*compaction_retries <= max_retries)
		return true;
check_priority:
	min_priority = order > PAGE_ALLOC_COSTLY_ORDER ?
		       MIN_COMPACT_COSTLY_PRIORITY : MIN_COMPACT_PRIORITY;
	if (*compact_priority > min_priority) {
		(*compact_priority)--;
		*compaction_retries = 0;
		return true;
	}
	return false;
}

/* mm/page_alloc.c: __perform_reclaim */
static unsigned long __perform_reclaim(struct mm_state *mm, gfp_t gfp,
				       unsigned int order,
				       const struct alloc_context *ac)
{
	return try_to_free_pages(mm, ac->zonelist, (int)order, gfp, ac->cpu);
}

/*
 * mm/page_alloc.c: __alloc_pages_direct_reclaim - reclaim, then try the
 * free lists; a failure after progress may be pages held on pcp lists or
 * in the highatomic reserve: release them and try once more.
 */
static unsigned long __alloc_pages_direct_reclaim(struct mm_state *mm,
						  gfp_t gfp, unsigned int order,
						  unsigned int alloc_flags,
						  const struct alloc_context *ac,
						  unsigned long *did_some_progress,
						  struct zone **zone_out)
{
	unsigned long pfn;

	*did_some_progress = __perform_reclaim(mm, gfp, order, ac);
	if (!*did_some_progress)
		return PFN_NONE;
	pfn = get_page_from_freelist(mm, gfp, order, alloc_flags, ac, zone_out);
	if (pfn == PFN_NONE) {
		unreserve_highatomic_pageblock(mm, ac, false);
		drain_all_pages(mm, NULL);
		pfn = get_page_from_freelist(mm, gfp, order, alloc_flags, ac,
					     zone_out);
	}
	return pfn;
}

/* mm/page_alloc.c: wake_all_kswapds - each node of the zonelist once */
static void wake_all_kswapds(struct mm_state *mm, unsigned int order,
			     gfp_t gfp, const struct alloc_context *ac)
{
	int last_nid = -1;

	for (const struct zoneref *z = ac->zonelist; z->zone; z++) {
		if (z->zone_idx > ac->highest_zoneidx || !z->zone->managed_pages)
			continue;
		if (z->zone->node != last_nid) {
			wakeup_kswapd(mm, z->zone, gfp, (int)order,
				      ac->highest_zoneidx);
			last_nid = z->zone->node;
		}
	}
}

/*
 * mm/page_alloc.c: __alloc_pages_may_oom - reclaim has failed: one last
 * look with the high watermark (another task may have freed memory), then
 * kill a task unless the request is one the OOM killer does not help:
 * costly orders, __GFP_RETRY_MAYFAIL or __GFP_THISNODE requests, and
 * requests that cannot use ZONE_NORMAL ("needlessly kill tasks for
 * lowmem").  *did_some_progress says a task was killed.
 */
static unsigned long __alloc_pages_may_oom(struct mm_state *mm, gfp_t gfp,
					   unsigned int order,
					   const struct alloc_context *ac,
					   unsigned long *did_some_progress,
					   struct zone **zone_out)
{
	unsigned long pfn;

	*did_some_progress = 0;
	pfn = get_page_from_freelist(mm, (gfp | __GFP_HARDWALL) &
				     ~__GFP_DIRECT_RECLAIM, order,
				     ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac,
				     zone_out);
	if (pfn != PFN_NONE)
		return pfn;
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return PFN_NONE;
	if (gfp & (__GFP_RETRY_MAYFAIL | __GFP_THISNODE))
		return PFN_NONE;
	if (ac->highest_zoneidx < ZONE_NORMAL)
		return PFN_NONE;
	if (out_of_memory(mm, gfp, order))
		*did_some_progress = 1;
	return PFN_NONE;
}

/*
 * mm/page_alloc.c: __alloc_pages_slowpath.  __GFP_NOFAIL is not honoured
 * (the request fails where the kernel would loop for ever).  Cpuset and
 * zonelist changes (restart) cannot happen in the model.
 */
static unsigned long __alloc_pages_slowpath(struct mm_state *mm, gfp_t gfp,
					    unsigned int order,
					    const struct alloc_context *ac,
					    struct zone **zone_out)
{
	bool can_direct_reclaim = gfp & __GFP_DIRECT_RECLAIM;
	bool can_compact = gfp & __GFP_IO;	/* gfp_compaction_allowed */
	bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	enum compact_priority compact_priority = DEF_COMPACT_PRIORITY;
	enum compact_result compact_result = COMPACT_SKIPPED;
	unsigned int alloc_flags = gfp_to_alloc_flags(gfp, order);
	unsigned long did_some_progress = 0;
	int compaction_retries = 0, no_progress_loops = 0;
	unsigned long pfn;

	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(mm, order, gfp, ac);
	pfn = get_page_from_freelist(mm, gfp, order, alloc_flags, ac, zone_out);
	if (pfn != PFN_NONE)
		return pfn;

	/* Costly or non-movable high orders try async compaction first. */
	if (can_direct_reclaim && can_compact && (costly_order ||
	    (order > 0 && ac->migratetype != MIGRATE_MOVABLE))) {
		pfn = __alloc_pages_direct_compact(mm, gfp, order, alloc_flags,
						   ac, INIT_COMPACT_PRIORITY,
						   &compact_result, zone_out);
		if (pfn != PFN_NONE)
			return pfn;
		if (costly_order && (gfp & __GFP_NORETRY)) {
			if (compact_result == COMPACT_SKIPPED ||
			    compact_result == COMPACT_DEFERRED)
				return PFN_NONE;
			if (gfp & __GFP_THISNODE)
				return PFN_NONE;	/* 6.1.166+ */
			compact_priority = INIT_COMPACT_PRIORITY;
		}
	}
retry:
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(mm, order, gfp, ac);
	pfn = get_page_from_freelist(mm, gfp, order, alloc_flags, ac, zone_out);
	if (pfn != PFN_NONE)
		return pfn;
	if (!can_direct_reclaim)
		return PFN_NONE;
	pfn = __alloc_pages_direct_reclaim(mm, gfp, order, alloc_flags, ac,
					   &did_some_progress, zone_out);
	if (pfn != PFN_NONE)
		return pfn;
	pfn = __alloc_pages_direct_compact(mm, gfp, order, alloc_flags, ac,
					   compact_priority, &compact_result,
					   zone_out);
	if (pfn != PFN_NONE)
		return pfn;
	if (gfp & __GFP_NORETRY)
		return PFN_NONE;
	if (costly_order && (!can_compact || !(gfp & __GFP_RETRY_MAYFAIL)))
		return PFN_NONE;
	if (should_reclaim_retry(mm, order, ac, alloc_flags,
				 did_some_progress > 0, &no_progress_loops))
		goto retry;
	if (did_some_progress > 0 && can_compact &&
	    should_compact_retry(mm, ac, order, alloc_flags, compact_result,
				 &compact_priority, &compaction_retries))
		goto retry;
	/* Reclaim has failed us, start killing things */
	pfn = __alloc_pages_may_oom(mm, gfp, order, ac, &did_some_progress,
				    zone_out);
	if (pfn != PFN_NONE)
		return pfn;
	/* Retry as long as the OOM killer is making progress */
	if (did_some_progress) {
		no_progress_loops = 0;
		goto retry;
	}
	return PFN_NONE;
}

/* mm/page_alloc.c: prepare_alloc_pages; false for an invalid request */
static bool prepare_alloc_pages(const struct mm_state *mm, gfp_t gfp, int nid,
				int cpu, struct alloc_context *ac)
{
	int list = (gfp & __GFP_THISNODE) ? ZONELIST_NOFALLBACK :
					    ZONELIST_FALLBACK;

	ac->highest_zoneidx = gfp_zone(gfp, mm->layout.arch->has_zone[ZONE_HIGHMEM]);
	if (ac->highest_zoneidx < 0)
		return false;
	ac->migratetype = mm->page_group_by_mobility_disabled ?
		MIGRATE_UNMOVABLE : (enum migratetype)gfp_migratetype(gfp);
	ac->cpu = cpu;
	ac->zonelist = mm->layout.node_zonelists[nid][list];
	/* first_zones_zonelist */
	ac->preferred_zoneref = ac->zonelist;
	while (ac->preferred_zoneref->zone &&
	       ac->preferred_zoneref->zone_idx > ac->highest_zoneidx)
		ac->preferred_zoneref++;
	return true;
}

struct alloc_result __alloc_pages(struct mm_state *mm, gfp_t gfp,
				  unsigned int order, int preferred_nid,
				  int cpu, enum owner_kind kind)
{
	const struct alloc_result failed = { .pfn = PFN_NONE };
	struct zone *zone = NULL;
	bool slowpath = false;
	struct alloc_context ac;
	unsigned int alloc_flags;
	unsigned long pfn;
	uint32_t idx;

	/* The kernel refuses these: WARN_ON_ONCE_GFP(order >= MAX_ORDER) */
	if (order >= MAX_ORDER) {
		if (!(gfp & __GFP_NOWARN) && !mm->warned_max_order && mm->log) {
			mm->warned_max_order = true;
			printk(mm->log, "WARNING: __alloc_pages: order %u >= "
			       "MAX_ORDER (%d): request refused", order,
			       MAX_ORDER);
		}
		mm->vm_events[PGALLOC_FAIL]++;
		return failed;
	}
	assert(cpu >= 0 && cpu < mm->nr_cpus);
	if (gfp_migratetype(gfp) > MIGRATE_RECLAIMABLE ||
	    !prepare_alloc_pages(mm, gfp, preferred_nid, cpu, &ac)) {
		if (mm->log)
			printk(mm->log, "fragsim: gfp mode %#x combines zone or "
			       "mobility modifiers the kernel cannot serve "
			       "(GFP_ZONE_BAD): request refused", gfp);
		mm->vm_events[PGALLOC_FAIL]++;
		return failed;
	}
	if (!ac.preferred_zoneref->zone) {
		mm->vm_events[PGALLOC_FAIL]++;
		return failed;
	}

	/* First allocation attempt */
	alloc_flags = ALLOC_WMARK_LOW | ALLOC_CPUSET |
		      alloc_flags_nofragment(mm, ac.preferred_zoneref->zone, gfp);
	pfn = get_page_from_freelist(mm, gfp, order, alloc_flags, &ac, &zone);
	if (pfn == PFN_NONE) {
		slowpath = true;
		mm->vm_events[ALLOCSTALL_SLOWPATH]++;
		pfn = __alloc_pages_slowpath(mm, gfp, order, &ac, &zone);
	}
	if (pfn == PFN_NONE) {
		mm->vm_events[PGALLOC_FAIL]++;
		warn_alloc(mm, gfp, order);
		return (struct alloc_result){ .pfn = PFN_NONE, .zone = zone,
					      .slowpath = slowpath };
	}
	idx = commit_block(mm, zone, pfn, order, ac.migratetype, kind);
	if (trace_page_wanted(mm, pfn))
		trace_mm_page_alloc(mm, pfn, order, ac.migratetype, gfp);
	/*
	 * The result is built once, here, rather than in a local whose
	 * fields the calls above fill: copying such a local out with wide
	 * loads waited on its narrow stores (a store-forwarding stall).
	 */
	return (struct alloc_result){
		.pfn = pfn, .ref = { .idx = idx, .gen = mm->blocks[idx].gen },
		.zone = zone, .slowpath = slowpath,
	};
}

void free_block(struct mm_state *mm, unsigned long pfn)
{
	struct zone *zone = page_zone(mm, pfn);
	unsigned int order = allocated_order(mm, pfn);

	assert(frame_type_allocated(frame_type(&mm->memmap, pfn)) && zone);
	if (trace_page_wanted(mm, pfn))
		trace_mm_page_free(mm, pfn, order);
	release_allocated(mm, zone, pfn);
	/* __free_pages_ok: the pageblock's type at free time */
	__free_one_page(mm, zone, pfn, order,
			get_pageblock_migratetype(&mm->memmap, pfn), FPI_NONE);
	mm->vm_events[PGFREE] += 1UL << order;
}

void page_block_release(struct mm_state *mm, unsigned long pfn)
{
	assert(frame_type_allocated(frame_type(&mm->memmap, pfn)));
	release_allocated(mm, page_zone(mm, pfn), pfn);
}

void free_the_page(struct mm_state *mm, unsigned long pfn, unsigned int order,
		   int cpu)
{
	struct zone *zone = page_zone(mm, pfn);

	if (trace_page_wanted(mm, pfn))
		trace_mm_page_free(mm, pfn, order);
	if (zone->per_cpu_pageset && pcp_allowed_order(order)) {
		free_unref_page(mm, zone, pfn, order, cpu);
	} else {
		/* __free_pages_ok: the pageblock's type at free time */
		__free_one_page(mm, zone, pfn, order,
				get_pageblock_migratetype(&mm->memmap, pfn),
				FPI_NONE);
		mm->vm_events[PGFREE] += 1UL << order;
	}
}

/*
 * The allocated block of order at pfn, whose record is idx, goes back
 * (free_the_page): to a pcp list for the orders they hold, else to the
 * buddy.  Inline in both ways of freeing: every free runs it.
 */
static inline void free_the_block(struct mm_state *mm, struct zone *zone,
				  unsigned long pfn, unsigned int order,
				  uint32_t idx, int cpu)
{
	if (trace_page_wanted(mm, pfn))
		trace_mm_page_free(mm, pfn, order);
	if (zone->per_cpu_pageset && pcp_allowed_order(order)) {
		/*
		 * The record is released after the pcp list has the block:
		 * neither step reads what the other writes, and this way the
		 * list work overlaps the record's cache miss instead of
		 * waiting behind the branches on its contents.
		 */
		set_frame(&mm->memmap, pfn, FRAME_TAIL, 0);
		free_unref_page(mm, zone, pfn, order, cpu);
		release_record(mm, zone, pfn, idx);
	} else {
		release_block(mm, zone, pfn, idx);
		/* __free_pages_ok: the pageblock's type at free time */
		__free_one_page(mm, zone, pfn, order,
				get_pageblock_migratetype(&mm->memmap, pfn),
				FPI_NONE);
		mm->vm_events[PGFREE] += 1UL << order;
	}
}

void __free_pages(struct mm_state *mm, struct block_ref ref,
		  unsigned long pfn, unsigned int order, int cpu)
{
	struct zone *zone = page_zone(mm, pfn);

	/* The record is read last, to release it; start its miss now, and
	 * its reclaim-list links' (a reclaimable block leaves its list). */
	__builtin_prefetch(&mm->blocks[ref.idx], 1);
	__builtin_prefetch(&mm->blocks_lru[ref.idx], 1);
	assert(ref.idx < mm->blocks_used && zone);
	free_the_block(mm, zone, pfn, order, ref.idx, cpu);
	/*
	 * The caller named its own block: checked once the release has read
	 * the record (and bumped its generation), not before, where the
	 * check would wait for the record's cache miss.
	 */
	assert(mm->blocks[ref.idx].gen == ref.gen + 1 &&
	       mm->blocks[ref.idx].pfn == pfn &&
	       mm->blocks[ref.idx].order == order);
}

void free_pages(struct mm_state *mm, unsigned long pfn, int cpu)
{
	uint32_t idx = frame_index(&mm->memmap, pfn);
	struct zone *zone = page_zone(mm, pfn);

	if (frame_type(&mm->memmap, pfn) == FRAME_BARE) {
		unsigned int order = allocated_order(mm, pfn);

		release_bare(mm, zone, pfn);
		free_the_page(mm, pfn, order, cpu);
		return;
	}
	assert(frame_type(&mm->memmap, pfn) == FRAME_ALLOC && zone);
	/* The owner record is read last; start its cache miss now. */
	__builtin_prefetch(&mm->blocks[idx], 1);
	/* The order from the memmap: the record is not needed before. */
	free_the_block(mm, zone, pfn, allocated_order(mm, pfn), idx, cpu);
}
