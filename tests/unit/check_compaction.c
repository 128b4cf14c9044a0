/*
 * check_compaction.c - compaction and its deferral against the kernel's
 * rules (mm/compaction.c, 6.1), on small zones whose outcome can be worked
 * out by hand.
 *
 * Zone: DMA32 pfn 4096..20479 (16384 pages, 32 pageblocks, all MOVABLE),
 * nothing reserved, pcp on.
 */
#include <stdio.h>

#include "mm/compaction.h"
#include "mm/internal.h"
#include "suites.h"
#include "testbed.h"

static struct mm_state mm;
static struct zone *zone;

#define BASE	4096UL
#define PAGES	16384UL

static void setup(void)
{
	testbed_boot(&mm, BASE, PAGES, true);
	zone = mm_zone(&mm, 0, ZONE_DMA32);
}

static void teardown(void)
{
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm_release(&mm);
}

/* A huge page's direct compaction of the zone, in the given mode. */
static struct compact_control direct_order9(enum migrate_mode mode)
{
	struct compact_control cc = {
		.zone = zone, .order = 9, .mode = mode,
		.gfp_mask = GFP_HIGHUSER_MOVABLE, .alloc_flags = ALLOC_WMARK_MIN,
		.highest_zoneidx = ZONE_MOVABLE, .direct_compaction = true,
	};

	return cc;
}

/* Pages of the zone free in blocks of at least pageblock_order. */
static unsigned long free_in_huge_blocks(void)
{
	return zone->free_area[9].nr_free * 512 + zone->free_area[10].nr_free * 1024;
}

/* Fill the zone with order-0 pages: kind per pfn, then free every other. */
static void fragment(enum owner_kind (*kind_of)(unsigned long pfn))
{
	for (unsigned long i = 0; i < PAGES; i++) {
		unsigned long pfn = rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE,
						  OWNER_ANON, 0);

		ck_assert_uint_ne(pfn, PFN_NONE);
		mm.blocks[frame_index(&mm.memmap, pfn)].kind =
			(uint8_t)kind_of(pfn);
	}
	for (unsigned long pfn = BASE + 1; pfn < BASE + PAGES; pfn += 2)
		if (mm.blocks[frame_index(&mm.memmap, pfn)].kind == OWNER_ANON)
			free_block(&mm, pfn);
}

static enum owner_kind all_anon(unsigned long pfn)
{
	(void)pfn;
	return OWNER_ANON;
}

/* Every eighth page is page cache, the rest anonymous. */
static enum owner_kind cache_per_eighth(unsigned long pfn)
{
	return (pfn & 7) == 0 ? OWNER_PAGECACHE : OWNER_ANON;
}

/* The first page of every pageblock is slab: nothing there can move. */
static enum owner_kind slab_per_block(unsigned long pfn)
{
	return (pfn & 511) == 0 ? OWNER_SLAB_UNMOVABLE : OWNER_ANON;
}

/*
 * Every other page free: 8192 free pages, no free block above order 0.
 * compact_memory (order -1, sync, whole zone) moves the low pages up into
 * the high holes until the scanners meet, which happens near the middle:
 * the lower half ends up free.  Free memory allows 16 order-9 blocks; the
 * block where the scanners meet may be left half done, so at least 15.
 */
START_TEST(test_movable_zone_compacts_fully)
{
	fragment(all_anon);
	ck_assert_uint_eq(zone->free_area[0].nr_free, PAGES / 2);
	ck_assert_uint_eq(free_in_huge_blocks(), 0);

	compact_nodes(&mm);
	drain_all_pages(&mm, NULL);
	ck_assert_uint_eq(zone->nr_free_pages, PAGES / 2);
	ck_assert_uint_ge(free_in_huge_blocks(), 15 * 512);
	ck_assert_uint_gt(mm.vm_events[PGMIGRATE_SUCCESS], 3500);
	/* at most the page that found no target when the scanners met */
	ck_assert_uint_le(mm.vm_events[PGMIGRATE_FAIL], 1);
	ck_assert_uint_gt(mm.vm_events[COMPACTMIGRATE_SCANNED], 0);
	ck_assert_uint_gt(mm.vm_events[COMPACTFREE_SCANNED], 0);
	/* a full compaction (order -1) never searches the free lists */
	ck_assert_uint_eq(mm.nr_freelist_scanned, 0);
}
END_TEST

/* One unmovable page in every pageblock: no order-9 block can form. */
START_TEST(test_unmovable_page_per_block_defeats_compaction)
{
	fragment(slab_per_block);
	compact_nodes(&mm);
	drain_all_pages(&mm, NULL);
	ck_assert_uint_eq(free_in_huge_blocks(), 0);
	ck_assert_uint_eq(zone->free_area[8].nr_free > 0, 1);
}
END_TEST

/*
 * Direct compaction for an order-9 movable request: compaction_suitable
 * lets it run (fragindex of order 9 with 8192 free order-0 pages is
 * 1000 - (1000 + 8192000/512)/8192 = 1000 - 2 = 998 > 500).  The migrate
 * scanner empties the first pageblock (its 256 anon pages go to the free
 * scanner's targets at the top of the zone); when it moves on, check_drain
 * drains the compacting CPU's pcp list, the 256 sources merge with the
 * 256 free odd pages into an order-9 block at 4096, and __free_one_page
 * hands that block to the compaction (compaction_capture: order 9 =
 * cc->order, a pageblock, so movable is allowed): COMPACT_SUCCESS before
 * the scanners meet, and the block never reaches a free list.
 */
START_TEST(test_direct_compaction_stops_at_success)
{
	const struct zoneref *zl = mm.layout.node_zonelists[0][ZONELIST_FALLBACK];
	enum compact_result r;
	unsigned long captured;

	fragment(all_anon);
	ck_assert_int_eq(compaction_suitable(&mm, zone, 9, ALLOC_WMARK_MIN,
					     ZONE_MOVABLE), COMPACT_CONTINUE);
	r = try_to_compact_pages(&mm, GFP_HIGHUSER_MOVABLE, 9, ALLOC_WMARK_MIN,
				 zl, ZONE_MOVABLE, COMPACT_PRIO_SYNC_LIGHT, 0,
				 &captured);
	ck_assert_int_eq(r, COMPACT_SUCCESS);
	ck_assert_uint_eq(captured, BASE);
	ck_assert_ptr_null(mm.capture_control);
	/* captured: on no free list, and nothing else free at order 9 */
	ck_assert_int_eq(frame_type(&mm.memmap, BASE), FRAME_TAIL);
	ck_assert_uint_eq(free_in_huge_blocks(), 0);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 256);
	/*
	 * The fast search's first walk, starting the scan, looks at its
	 * limit of pageblock_nr_pages / 2 entries of the order-0 list from
	 * the tail, the odd pages freed first, at the bottom of the zone:
	 * none in the upper half of the scan space, so all 256 are walked.
	 * Its entries are counted as free pages scanned too.
	 */
	ck_assert_uint_ge(mm.nr_freelist_scanned, pageblock_nr_pages / 2);
	ck_assert_uint_le(mm.nr_freelist_scanned,
			  mm.vm_events[COMPACTFREE_SCANNED]);
	/* success: the zone's order_failed rises past 9, nothing deferred */
	ck_assert_int_eq(zone->compact_order_failed, 10);
	ck_assert_uint_eq(zone->compact_defer_shift, 0);
	/* the requester's now (prep_new_page), for the invariants */
	page_block_commit(&mm, captured, 9, MIGRATE_MOVABLE, OWNER_THP);
}
END_TEST

/*
 * The same request through the allocator.  The slow path's first, async
 * compaction migrates nothing: its free scanner samples every 32nd pfn
 * (COMPACT_CLUSTER_MAX stride), all even and so in use, and finds no
 * target; its migrate scanner marks blocks 0..15 skip as it starts
 * isolating in each, until the scanners meet (PARTIAL_SKIPPED: a stall, a
 * failure).  The sync-light retry skips those 16 blocks, empties block 16
 * (256 migrations) and captures it at 12288; __alloc_pages_direct_compact
 * returns it without the free lists, so pgalloc (counted by rmqueue) does
 * not count it.
 */
START_TEST(test_allocation_gets_the_captured_block)
{
	unsigned long pgalloc;
	struct alloc_result r;

	fragment(all_anon);
	pgalloc = mm.vm_events[PGALLOC_DMA + ZONE_DMA32];
	r = __alloc_pages(&mm, GFP_TRANSHUGE, 9, 0, 0, OWNER_THP);
	ck_assert_uint_eq(r.pfn, BASE + 16 * 512);
	ck_assert_ptr_eq(r.zone, zone);
	ck_assert(r.slowpath);
	ck_assert_uint_eq(mm.vm_events[PGALLOC_DMA + ZONE_DMA32], pgalloc);
	ck_assert_uint_eq(mm.vm_events[COMPACTSTALL], 2);
	ck_assert_uint_eq(mm.vm_events[COMPACTFAIL], 1);
	ck_assert_uint_eq(mm.vm_events[COMPACTSUCCESS], 1);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 256);
	ck_assert_uint_eq(free_in_huge_blocks(), 0);
	ck_assert_int_eq(frame_type(&mm.memmap, r.pfn), FRAME_ALLOC);
}
END_TEST

/*
 * compaction_suitable: with almost no free memory it is SKIPPED (below the
 * low watermark + compact_gap); a zone where the request would succeed is
 * SUCCESS; a zone failing from lack of memory rather than fragmentation
 * (fragmentation index <= 500) is SKIPPED too.
 */
START_TEST(test_compaction_suitable)
{
	/* fresh zone: order-9 blocks are free */
	ck_assert_int_eq(compaction_suitable(&mm, zone, 9, ALLOC_WMARK_MIN,
					     ZONE_MOVABLE), COMPACT_SUCCESS);
	while (rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE, OWNER_ANON, 0)
	       != PFN_NONE)
		;
	ck_assert_int_eq(compaction_suitable(&mm, zone, 9, ALLOC_WMARK_MIN,
					     ZONE_MOVABLE), COMPACT_SKIPPED);
	/* a whole-zone compaction is always allowed to try */
	ck_assert_int_eq(compaction_suitable(&mm, zone, -1, 0, ZONE_MOVABLE),
			 COMPACT_CONTINUE);
}
END_TEST

/*
 * Deferral (compaction_deferred, defer_compaction): each failure doubles
 * the number of attempts skipped, up to 1 << 6 = 64; compact_order_failed
 * follows the lowest failed order; a success resets it all.
 */
START_TEST(test_deferral_sequence)
{
	struct zone *z = zone;
	int skipped;

	ck_assert(!compaction_deferred(&mm, z, 9));	/* fresh: limit 1 */
	for (unsigned int shift = 1; shift <= 8; shift++) {
		defer_compaction(&mm, z, 9);
		ck_assert_uint_eq(z->compact_defer_shift,
				  shift < 6 ? shift : 6);
		skipped = 0;
		while (compaction_deferred(&mm, z, 9))
			skipped++;
		/* considered runs 1 .. (1 << shift) - 1 deferred, then allowed */
		ck_assert_int_eq(skipped, (1 << (shift < 6 ? shift : 6)) - 1);
	}
	ck_assert(compaction_restarting(z, 9));
	ck_assert_int_eq(z->compact_order_failed, 0);	/* min(0, 9) */
	/* orders below compact_order_failed are never deferred */
	compaction_defer_reset(&mm, z, 9, true);
	ck_assert_uint_eq(z->compact_defer_shift, 0);
	ck_assert_int_eq(z->compact_order_failed, 10);
	defer_compaction(&mm, z, 5);
	ck_assert_int_eq(z->compact_order_failed, 5);
	ck_assert(!compaction_deferred(&mm, z, 4));
	/* shift 1, limit 2: the first attempt after the failure is skipped */
	ck_assert(compaction_deferred(&mm, z, 5));
	ck_assert(!compaction_deferred(&mm, z, 9));
}
END_TEST

/* The tracepoints seen, one "event: text" line each. */
static char traced[8][160];
static int nr_traced;

static void collect(void *ctx, const char *event, const char *text)
{
	(void)ctx;
	if (nr_traced < 8)
		snprintf(traced[nr_traced++], sizeof(traced[0]), "%s: %s",
			 event, text);
}

/*
 * Every deferral decision is a tracepoint in the kernel's format
 * (include/trace/events/compaction.h): the zone's state after it.
 */
START_TEST(test_deferral_tracepoints)
{
	struct zone *z = zone;

	nr_traced = 0;
	mm.trace = collect;
	defer_compaction(&mm, z, 9);		/* shift 1: limit 2 */
	ck_assert(compaction_deferred(&mm, z, 9));	/* considered 1 */
	ck_assert(!compaction_deferred(&mm, z, 9));	/* 2: allowed, silent */
	compaction_defer_reset(&mm, z, 9, true);
	mm.trace = NULL;
	ck_assert_int_eq(nr_traced, 3);
	ck_assert_str_eq(traced[0], "mm_compaction_defer_compaction: node=0 "
			 "zone=DMA32    order=9 order_failed=0 consider=0 "
			 "limit=2");
	ck_assert_str_eq(traced[1], "mm_compaction_deferred: node=0 "
			 "zone=DMA32    order=9 order_failed=0 consider=1 "
			 "limit=2");
	ck_assert_str_eq(traced[2], "mm_compaction_defer_reset: node=0 "
			 "zone=DMA32    order=9 order_failed=10 consider=0 "
			 "limit=1");
}
END_TEST

/*
 * Through the allocator: a GFP_TRANSHUGE order-9 request on the fragmented
 * zone (every odd pfn free) fails the fast path and runs async direct
 * compaction (INIT_COMPACT_PRIORITY).  That attempt fails, as it would in
 * the kernel: the pages were freed in ascending order, so the order-0 list
 * holds the lowest pfns at its tail, where fast_isolate_freepages looks,
 * none of them in the top of the zone; the linear free scanner of async
 * compaction then strides by 32 from each block start and only ever
 * visits even, allocated pfns.  The retry at sync-light priority scans
 * with stride 1 and succeeds: 2 stalls, 1 failure, 1 success.
 * GFP_TRANSHUGE_LIGHT may not reclaim or compact: it fails without a stall.
 */
START_TEST(test_thp_request_compacts_directly)
{
	struct alloc_result r;

	fragment(all_anon);
	r = alloc_pages(&mm, GFP_TRANSHUGE_LIGHT, 9, 0, OWNER_THP);
	ck_assert_uint_eq(r.pfn, PFN_NONE);
	ck_assert_uint_eq(mm.vm_events[COMPACTSTALL], 0);
	r = alloc_pages(&mm, GFP_TRANSHUGE, 9, 0, OWNER_THP);
	ck_assert_uint_ne(r.pfn, PFN_NONE);
	ck_assert(r.slowpath);
	ck_assert_uint_eq(mm.vm_events[COMPACTSTALL], 2);
	ck_assert_uint_eq(mm.vm_events[COMPACTSUCCESS], 1);
	ck_assert_uint_eq(mm.vm_events[COMPACTFAIL], 1);
	ck_assert_uint_eq(r.pfn & 511, 0);
}
END_TEST

/*
 * Deferral in the allocator, on a zone compaction cannot help (an
 * unmovable page in every pageblock).  First GFP_TRANSHUGE request: async
 * compaction fails (no deferral at ASYNC), sync-light compaction fails and
 * defers (shift 1); costly without __GFP_RETRY_MAYFAIL, so it gives up:
 * 2 stalls, 2 failures.  Second request: the async attempt is deferred
 * (considered 1 < 2: still a stall, DEFERRED > SKIPPED), the sync-light one
 * runs (considered 2 >= 2) and defers again: shift 2.
 */
START_TEST(test_failed_compaction_defers)
{
	fragment(slab_per_block);
	ck_assert_uint_eq(alloc_pages(&mm, GFP_TRANSHUGE, 9, 0, OWNER_THP).pfn,
			  PFN_NONE);
	ck_assert_uint_eq(mm.vm_events[COMPACTSTALL], 2);
	ck_assert_uint_eq(mm.vm_events[COMPACTFAIL], 2);
	ck_assert_uint_eq(zone->compact_defer_shift, 1);
	ck_assert_int_eq(zone->compact_order_failed, 0);

	ck_assert_uint_eq(alloc_pages(&mm, GFP_TRANSHUGE, 9, 0, OWNER_THP).pfn,
			  PFN_NONE);
	ck_assert_uint_eq(mm.vm_events[COMPACTDEFERRED], 1);
	ck_assert_uint_eq(mm.vm_events[COMPACTSTALL], 4);
	ck_assert_uint_eq(zone->compact_defer_shift, 2);
}
END_TEST

/* Fill the whole zone with order-0 anon pages. */
static void fill_all(void)
{
	while (rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE, OWNER_ANON, 0)
	       != PFN_NONE)
		;
}

/*
 * The scanners' paths and meeting point.  Setup: the zone (32 pageblocks)
 * is full; the odd pages of pageblocks 28..31 (the top 4, pfn
 * 18432..20479) are freed: 1024 free order-0 pages.
 * compact_memory (sync, whole zone, skip hints ignored):
 *  - the free scanner starts in the top block and takes its free pages
 *    with stride 1, block by block downwards: 31, 30, 29, 28;
 *  - the migrate scanner starts at the zone start and moves pages up: 32
 *    from block 0, then (rescan of the same block) the other 480, then
 *    block 1 the same way: 1024 pages, exactly the free pages available;
 *  - then the free scanner finds nothing more down to the migrate
 *    scanner: the scanners meet, one isolated batch fails with -ENOMEM.
 * Pageblocks 0 and 1 (pfn 4096..5119) end up free: one order-10 block.
 */
START_TEST(test_scanners_paths_and_meeting_point)
{
	struct compact_control cc = {
		.zone = zone, .order = -1, .mode = MIGRATE_SYNC,
		.ignore_skip_hint = true, .whole_zone = true,
		.gfp_mask = GFP_KERNEL,
	};
	enum compact_result r;

	fill_all();
	for (unsigned long pfn = 18433; pfn < BASE + PAGES; pfn += 2)
		free_block(&mm, pfn);
	ck_assert_uint_eq(zone->nr_free_pages, 1024);

	ck_assert_int_eq(compact_zone_begin(&mm, &cc), COMPACT_CONTINUE);
	ck_assert_uint_eq(cc.migrate_pfn, BASE);
	ck_assert_uint_eq(cc.free_pfn, 19968);	/* the top pageblock */
	while ((r = compact_zone_step(&mm, &cc)) == COMPACT_CONTINUE)
		if (mm_check_invariants(&mm, stderr))
			ck_abort_msg("invariants broken mid-compaction");
	compact_zone_end(&mm, &cc);
	drain_all_pages(&mm, NULL);

	ck_assert_int_eq(r, COMPACT_COMPLETE);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 1024);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_FAIL], 1);
	ck_assert_uint_eq(zone->free_area[10].nr_free, 1);
	ck_assert_uint_eq(frame_type(&mm.memmap, BASE), FRAME_BUDDY);
	ck_assert_uint_eq(buddy_block(&mm, BASE)->order, 10);
	/* the top four pageblocks are full again */
	for (unsigned long pfn = 18432; pfn < BASE + PAGES; pfn++)
		ck_assert_int_ne(frame_type(&mm.memmap, pfn), FRAME_BUDDY);
	/* the scanners met just above the two emptied pageblocks */
	ck_assert_uint_le(cc.free_pfn >> pageblock_order,
			  cc.migrate_pfn >> pageblock_order);
	ck_assert_uint_eq(cc.migrate_pfn >> pageblock_order, 5120 >> 9);
}
END_TEST

/*
 * suitable_migration_source: async direct compaction for a movable request
 * only takes pages from MOVABLE pageblocks; sync-light takes them from any.
 * Pageblock 0 is made UNMOVABLE (its pages are still anon); the first step
 * of async compaction passes over it (and caches the position past it),
 * sync-light isolates and migrates from it.
 */
START_TEST(test_async_skips_unmovable_block_sync_takes_it)
{
	struct compact_control async = {
		.zone = zone, .order = 9, .mode = MIGRATE_ASYNC,
		.gfp_mask = GFP_HIGHUSER_MOVABLE, .alloc_flags = ALLOC_WMARK_MIN,
		.highest_zoneidx = ZONE_MOVABLE, .direct_compaction = true,
	};
	struct compact_control sync = async;
	unsigned long moved_from_block0 = 0;

	fragment(all_anon);
	set_pageblock_migratetype(&mm, BASE, MIGRATE_UNMOVABLE);

	ck_assert_int_eq(compact_zone_begin(&mm, &async), COMPACT_CONTINUE);
	compact_zone_step(&mm, &async);
	ck_assert_uint_ge(async.migrate_pfn, BASE + 512);
	for (unsigned long pfn = BASE; pfn < BASE + 512; pfn += 2)
		ck_assert_int_eq(frame_type(&mm.memmap, pfn), FRAME_ALLOC);
	compact_zone_end(&mm, &async);

	sync.mode = MIGRATE_SYNC_LIGHT;
	zone->compact_cached_migrate_pfn[1] = BASE;
	ck_assert_int_eq(compact_zone_begin(&mm, &sync), COMPACT_CONTINUE);
	ck_assert_uint_eq(sync.migrate_pfn, BASE);
	compact_zone_step(&mm, &sync);
	for (unsigned long pfn = BASE; pfn < BASE + 512; pfn += 2)
		moved_from_block0 += frame_type(&mm.memmap, pfn) != FRAME_ALLOC;
	ck_assert_uint_eq(moved_from_block0, COMPACT_CLUSTER_MAX);
	compact_zone_end(&mm, &sync);
}
END_TEST

/* The first page of every pageblock is ramfs page cache. */
static enum owner_kind ramfs_per_block(unsigned long pfn)
{
	return (pfn & 511) == 0 ? OWNER_RAMFS : OWNER_ANON;
}

/*
 * A ramfs page is dirty and its mapping has no migrate_folio: only
 * MIGRATE_SYNC (compact_memory) isolates it, and its migration then fails
 * (pgmigrate_fail, the page stays where it is); kcompactd's
 * MIGRATE_SYNC_LIGHT passes it by (ISOLATE_ASYNC_MIGRATE).  Each block
 * keeps its ramfs page, so no order-9 block forms either way.
 */
START_TEST(test_ramfs_isolated_only_by_sync_and_never_migrated)
{
	struct compact_control light = {
		.zone = zone, .order = 9, .mode = MIGRATE_SYNC_LIGHT,
		.gfp_mask = GFP_HIGHUSER_MOVABLE, .alloc_flags = ALLOC_WMARK_MIN,
		.highest_zoneidx = ZONE_MOVABLE,
	};
	struct compact_control full;
	unsigned long passed = 0;

	fragment(ramfs_per_block);
	/* sync light over block 0: its 255 anon pages, never the ramfs one */
	ck_assert_int_eq(compact_zone_begin(&mm, &light), COMPACT_CONTINUE);
	while (light.migrate_pfn < BASE + 512 &&
	       compact_zone_step(&mm, &light) == COMPACT_CONTINUE)
		;
	compact_zone_end(&mm, &light);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_FAIL], 0);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 255);

	/* compact_memory: one failure per ramfs page its migrate scanner
	 * passed (and at most one more where the scanners met) */
	compact_memory_control(&full, zone, 0);
	ck_assert_int_eq(compact_zone_begin(&mm, &full), COMPACT_CONTINUE);
	while (compact_zone_step(&mm, &full) == COMPACT_CONTINUE)
		;
	compact_zone_end(&mm, &full);
	for (unsigned long pfn = BASE; pfn < full.migrate_pfn; pfn += 512)
		passed++;
	ck_assert_uint_ge(passed, 8);
	ck_assert_uint_ge(mm.vm_events[PGMIGRATE_FAIL], passed);
	ck_assert_uint_le(mm.vm_events[PGMIGRATE_FAIL], passed + 1);
	for (unsigned long pfn = BASE; pfn < BASE + PAGES; pfn += 512) {
		ck_assert_int_eq(frame_type(&mm.memmap, pfn), FRAME_ALLOC);
		ck_assert_int_eq(allocated_kind(&mm, pfn), OWNER_RAMFS);
	}
	drain_all_pages(&mm, NULL);
	ck_assert_uint_eq(free_in_huge_blocks(), 0);
}
END_TEST

/*
 * A migrated page sends a TLB-shootdown IPI when the process mapping it
 * runs on another CPU (try_to_migrate_one's ptep_clear_flush): asked for
 * anonymous pages only (holder 3 here; page cache, holder 4, is not
 * mapped), counted per step and in all.  The "process" runs on CPU 1.
 */
static unsigned long shootdown_asks;

static bool runs_on_cpu1(void *ctx, const struct page_block *b, int cpu)
{
	(void)ctx;
	ck_assert_uint_eq(b->holder, 3);
	shootdown_asks++;
	return cpu != 1;
}

static void hold_and_compact(int cpu, unsigned long *step_sum)
{
	struct compact_control cc;

	fragment(cache_per_eighth);
	for (unsigned long pfn = BASE; pfn < BASE + PAGES; pfn++)
		if (frame_type(&mm.memmap, pfn) == FRAME_ALLOC)
			mm.blocks[frame_index(&mm.memmap, pfn)].holder =
				allocated_kind(&mm, pfn) == OWNER_ANON ? 3 : 4;
	mm.runs_elsewhere = runs_on_cpu1;
	shootdown_asks = 0;
	*step_sum = 0;
	compact_memory_control(&cc, zone, cpu);
	ck_assert_int_eq(compact_zone_begin(&mm, &cc), COMPACT_CONTINUE);
	do {
		enum compact_result r = compact_zone_step(&mm, &cc);

		ck_assert_uint_le(cc.step_tlb_shootdowns, cc.step_migrated);
		*step_sum += cc.step_tlb_shootdowns;
		if (r != COMPACT_CONTINUE)
			break;
	} while (1);
	compact_zone_end(&mm, &cc);
	mm.runs_elsewhere = NULL;
}

START_TEST(test_migration_shoots_down_where_its_process_runs)
{
	unsigned long steps;

	/* compacting on CPU 0: every anonymous page migrated, and only those */
	hold_and_compact(0, &steps);
	ck_assert_uint_gt(shootdown_asks, 1000);
	ck_assert_uint_eq(mm.nr_tlb_shootdowns, shootdown_asks);
	ck_assert_uint_eq(steps, shootdown_asks);
	ck_assert_uint_gt(mm.vm_events[PGMIGRATE_SUCCESS], shootdown_asks);
}
END_TEST

START_TEST(test_no_shootdown_on_its_process_cpu)
{
	unsigned long steps;

	/* compacting on CPU 1, where the process runs: asked, never sent */
	hold_and_compact(1, &steps);
	ck_assert_uint_gt(shootdown_asks, 1000);
	ck_assert_uint_eq(mm.nr_tlb_shootdowns, 0);
	ck_assert_uint_eq(steps, 0);
}
END_TEST

/*
 * __compact_finished says SUCCESS exactly when a free block of the order
 * (in the request's migratetype, or one it may steal) exists, once the
 * migrate scanner is at a pageblock boundary.
 */
START_TEST(test_compact_finished_success_exactly_when_block_free)
{
	struct compact_control cc = direct_order9(MIGRATE_SYNC_LIGHT);
	enum compact_result r;
	unsigned long steps = 0;

	fragment(all_anon);
	ck_assert_int_eq(compact_zone_begin(&mm, &cc), COMPACT_CONTINUE);
	do {
		/* each step starts with __compact_finished, after the drain
		 * the step before left it, which can only add a block */
		bool block = zone->free_area[9].nr_free +
			     zone->free_area[10].nr_free > 0;
		bool aligned = !(cc.migrate_pfn & (pageblock_nr_pages - 1));
		bool drain = cc.drain_pending;

		r = compact_zone_step(&mm, &cc);
		if (block && aligned)
			ck_assert_int_eq(r, COMPACT_SUCCESS);
		if (!block && !drain)
			ck_assert_int_ne(r, COMPACT_SUCCESS);
		steps++;
	} while (r == COMPACT_CONTINUE);
	ck_assert_int_eq(r, COMPACT_SUCCESS);
	ck_assert_uint_ge(zone->free_area[9].nr_free +
			  zone->free_area[10].nr_free, 1);
	ck_assert_uint_gt(steps, 1);
	compact_zone_end(&mm, &cc);
}
END_TEST

/* Frames in [lo, hi) that head a block on a per-cpu list. */
static unsigned long pcp_frames(unsigned long lo, unsigned long hi)
{
	unsigned long n = 0;

	for (unsigned long pfn = lo; pfn < hi; pfn++)
		n += frame_type(&mm.memmap, pfn) == FRAME_PCP;
	return n;
}

/*
 * compact_zone's check_drain comes after migrate_pages has returned: a
 * step that takes the migrate scanner past the block it migrated from
 * leaves the freed sources on the compacting CPU's lists for the step's
 * time (the migration's), and the next step drains them before
 * __compact_finished looks; a run that ends there is drained by
 * compact_zone_end.  Drained at once, the merged block would stand on
 * the free lists through the whole migration, for another CPU to take.
 */
START_TEST(test_drain_after_the_migration)
{
	struct compact_control cc = direct_order9(MIGRATE_SYNC_LIGHT);
	enum compact_result r;
	unsigned long below, waiting;

	fragment(all_anon);
	ck_assert_uint_eq(pcp_frames(BASE, BASE + PAGES), 0);
	ck_assert_int_eq(compact_zone_begin(&mm, &cc), COMPACT_CONTINUE);
	do
		r = compact_zone_step(&mm, &cc);
	while (r == COMPACT_CONTINUE && !cc.drain_pending);
	ck_assert_int_eq(r, COMPACT_CONTINUE);
	ck_assert(cc.drain_pending);
	below = cc.migrate_pfn & ~(pageblock_nr_pages - 1);
	waiting = pcp_frames(BASE, below);
	ck_assert_uint_gt(waiting, 0);
	ck_assert_uint_eq(waiting, zone->per_cpu_pageset[cc.cpu].count);
	compact_zone_end(&mm, &cc);
	ck_assert(!cc.drain_pending);
	ck_assert_uint_eq(pcp_frames(BASE, below), 0);
}
END_TEST

/*
 * fast_find_migrateblock and 6.1.192's skip-bit quirk.  The zone is full
 * but for one free order-4 block at pfn 5184 (pageblock 2, pfn 5120..5631)
 * and the odd pages of the top 8 pageblocks (2048 order-0 pages, enough
 * for compaction_suitable at order 9).  Direct sync-light compaction for
 * order 9:
 *  step 1: migrate_pfn is the zone start, so the search looks below
 *    pageblock_start(4096 + (19968 - 4096) / 2) = 11776; the order-4
 *    MOVABLE list has 5184: pageblock 2 is chosen and marked skip;
 *    isolate_migratepages_block then sees the skip bit at 5120 and aborts:
 *    nothing isolated, migrate_pfn = 5632, the cached position one
 *    pageblock further (6144).
 *  step 2: from 5632 the search looks below 5632 + (19968 - 5632) / 8
 *    -> 7168; 5184's block is marked skip: the search fails and
 *    reinit_migrate_pfn restarts at fast_start_pfn = 5184, mid-block, where
 *    no skip check applies: the free block is passed over and the next 32
 *    pages (5200..5231) are isolated and migrated.
 */
START_TEST(test_fast_find_migrateblock_quirk)
{
	struct compact_control cc = direct_order9(MIGRATE_SYNC_LIGHT);

	fill_all();
	for (unsigned long pfn = 5184; pfn < 5200; pfn++)
		free_block(&mm, pfn);
	for (unsigned long pfn = 16385; pfn < BASE + PAGES; pfn += 2)
		free_block(&mm, pfn);
	ck_assert_uint_eq(zone->free_area[4].nr_free, 1);

	ck_assert_int_eq(compact_zone_begin(&mm, &cc), COMPACT_CONTINUE);
	ck_assert_int_eq(compact_zone_step(&mm, &cc), COMPACT_CONTINUE);
	ck_assert_uint_eq(cc.step_migrated, 0);
	ck_assert_uint_eq(cc.migrate_pfn, 5632);
	ck_assert(get_pageblock_skip(&mm.memmap, 5120));
	ck_assert_uint_eq(zone->compact_cached_migrate_pfn[1], 6144);
	ck_assert_uint_eq(cc.fast_start_pfn, 5184);

	ck_assert_int_eq(compact_zone_step(&mm, &cc), COMPACT_CONTINUE);
	ck_assert_uint_eq(cc.fast_start_pfn, PFN_NONE);
	ck_assert_uint_eq(cc.step_migrated, COMPACT_CLUSTER_MAX);
	ck_assert_uint_eq(cc.migrate_pfn, 5232);
	for (unsigned long pfn = 5200; pfn < 5232; pfn++)
		ck_assert_int_ne(frame_type(&mm.memmap, pfn), FRAME_ALLOC);
	compact_zone_end(&mm, &cc);
}
END_TEST

/*
 * test_and_set_skip: isolate_migratepages_block spends a block's one
 * skip-bit update where it first takes the LRU lock, set only if that pfn
 * is pageblock-aligned.  Async direct compaction for order 9 (one failure
 * gives up the block: skip_on_failure), the scan started at pageblock 1,
 * in a full zone with the odd pages of the top 8 pageblocks free:
 *  - pageblock 1 (4608): a free page, 12 anon pages, a slab page: the lock
 *    is taken at 4609, so nothing is set; the 12 are put back at the slab
 *    page and the block ends unmarked, to be scanned again next time;
 *  - pageblock 2 (5120): anon at 5120 itself, then the same: the lock at
 *    the aligned pfn sets the bit at once;
 *  - pageblock 3 (5632): the slab page first: no lock, nothing isolated,
 *    so the block is marked as its scan ends.
 */
START_TEST(test_skip_bit_only_where_the_lock_is_first_taken_aligned)
{
	struct compact_control cc = direct_order9(MIGRATE_ASYNC);
	const unsigned long slab[] = { 4621, 5130, 5632 };
	int steps = 0;

	fill_all();
	for (size_t i = 0; i < sizeof(slab) / sizeof(slab[0]); i++)
		mm.blocks[frame_index(&mm.memmap, slab[i])].kind =
			OWNER_SLAB_UNMOVABLE;
	free_block(&mm, 4608);
	for (unsigned long pfn = 16385; pfn < BASE + PAGES; pfn += 2)
		free_block(&mm, pfn);
	zone->compact_cached_migrate_pfn[0] = 4608;
	zone->compact_cached_migrate_pfn[1] = 4608;

	ck_assert_int_eq(compact_zone_begin(&mm, &cc), COMPACT_CONTINUE);
	ck_assert_uint_eq(cc.migrate_pfn, 4608);
	while (cc.migrate_pfn < 6144 &&
	       compact_zone_step(&mm, &cc) == COMPACT_CONTINUE)
		ck_assert_int_lt(++steps, 8);
	ck_assert_uint_ge(cc.migrate_pfn, 6144);
	ck_assert(!get_pageblock_skip(&mm.memmap, 4608));
	ck_assert(get_pageblock_skip(&mm.memmap, 5120));
	ck_assert(get_pageblock_skip(&mm.memmap, 5632));
	/* nothing moved: every isolated page was put back */
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 0);
	for (unsigned long pfn = 4609; pfn < 4621; pfn++)
		ck_assert_int_eq(frame_type(&mm.memmap, pfn), FRAME_ALLOC);
	compact_zone_end(&mm, &cc);
}
END_TEST

Suite *compaction_suite(void)
{
	Suite *s = suite_create("compaction");
	TCase *tc = tcase_create("compaction");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_movable_zone_compacts_fully);
	tcase_add_test(tc, test_unmovable_page_per_block_defeats_compaction);
	tcase_add_test(tc, test_direct_compaction_stops_at_success);
	tcase_add_test(tc, test_allocation_gets_the_captured_block);
	tcase_add_test(tc, test_compaction_suitable);
	tcase_add_test(tc, test_deferral_sequence);
	tcase_add_test(tc, test_deferral_tracepoints);
	tcase_add_test(tc, test_thp_request_compacts_directly);
	tcase_add_test(tc, test_failed_compaction_defers);
	tcase_add_test(tc, test_scanners_paths_and_meeting_point);
	tcase_add_test(tc, test_async_skips_unmovable_block_sync_takes_it);
	tcase_add_test(tc, test_ramfs_isolated_only_by_sync_and_never_migrated);
	tcase_add_test(tc, test_compact_finished_success_exactly_when_block_free);
	tcase_add_test(tc, test_drain_after_the_migration);
	tcase_add_test(tc, test_fast_find_migrateblock_quirk);
	tcase_add_test(tc, test_skip_bit_only_where_the_lock_is_first_taken_aligned);
	tcase_add_test(tc, test_migration_shoots_down_where_its_process_runs);
	tcase_add_test(tc, test_no_shootdown_on_its_process_cpu);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
