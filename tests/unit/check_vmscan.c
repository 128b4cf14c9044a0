/*
 * check_vmscan.c - reclaim against mm/vmscan.c and the allocator's slow
 * path (6.1), on machine A of check_page_alloc.c, pcp off so that freed
 * pages reach the buddy lists at once:
 *
 *   DMA pfn 1..4095 (4095 pages): min 57, low 71, high 85
 *   DMA32 pfn 4096..20479 (16384 pages): min 228, low 285, high 342
 *   lowmem_reserve: DMA[DMA32 and up] = 64, DMA32[*] = 0
 *
 * GFP_KERNEL on this machine has highest_zoneidx Normal (absent): its
 * zonelist is DMA32, DMA and direct reclaim counts allocstall_normal.
 */
#include <stdio.h>

#include "mm/compaction.h"
#include "mm/page_alloc.h"
#include "suites.h"
#include "testbed.h"

static struct mm_state mm;
static struct zone *dma, *dma32;

#define MAX_DROPPED	65536
static struct block_ref dropped[MAX_DROPPED];
static size_t nr_dropped;

static void record_drop(void *ctx, struct block_ref ref)
{
	(void)ctx;
	/* The hook runs before the free: the ref still names the block. */
	ck_assert_ptr_nonnull(block_ref_get(&mm, ref));
	ck_assert_uint_lt(nr_dropped, MAX_DROPPED);
	dropped[nr_dropped++] = ref;
}

static void setup(void)
{
	testbed_boot(&mm, 1, 20479, false);
	dma = mm_zone(&mm, 0, ZONE_DMA);
	dma32 = mm_zone(&mm, 0, ZONE_DMA32);
	nr_dropped = 0;
	mm.block_dropped = record_drop;
}

static void teardown(void)
{
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm_release(&mm);
}

/* One block of kind from zone's free lists, no watermarks. */
static unsigned long take(struct zone *zone, unsigned int order,
			  enum owner_kind kind)
{
	enum migratetype mt = kind == OWNER_SLAB_RECLAIMABLE ?
			      MIGRATE_RECLAIMABLE : MIGRATE_MOVABLE;
	unsigned long pfn = rmqueue_block(&mm, zone, order, mt, kind, 0);

	ck_assert_uint_ne(pfn, PFN_NONE);
	return pfn;
}

/* Order-0 blocks of kind until the zone has leave_free pages free. */
static void fill(struct zone *zone, enum owner_kind kind,
		 unsigned long leave_free)
{
	while (zone->nr_free_pages > leave_free)
		take(zone, 0, kind);
}

/*
 * The fills steal pageblocks once a type's lists run dry, which boosts
 * the watermarks; the kswapd tests start from unboosted zones.
 */
static void unboost(void)
{
	dma->watermark_boost = dma32->watermark_boost = 0;
	dma->boosted_watermark = dma32->boosted_watermark = false;
}

static unsigned long allocstalls(void)
{
	unsigned long n = 0;

	for (int t = 0; t < MAX_NR_ZONES; t++)
		n += mm.vm_events[ALLOCSTALL_DMA + t];
	return n;
}

/*
 * LRU order and zones.  Oldest first: A1..A4 (DMA32), D1..D64 (DMA),
 * B1..B4 (DMA32); D10 and D20 freed again.  Reclaim for a __GFP_DMA
 * request (reclaim_idx DMA) sees 62 eligible pages:
 *   priorities 12..6 scan 62 >> p = 0;
 *   p5: 62 >> 5 = 1: A1..A4 are skipped (to the head), D1 freed; 61 left
 *   p4: 61 >> 4 = 3 (D2..D4); p3: 58 >> 3 = 7 (D5..D12 without D10);
 *   p2: 51 >> 2 = 12 (D13..D25 without D20); 23 freed < 32, so
 *   p1: 39 >> 1 = 19 (D26..D44): 42 >= SWAP_CLUSTER_MAX, done.
 * pgscan_direct = 5 + 3 + 7 + 12 + 19 = 46 (skipped ones count),
 * pgsteal_direct = 42, pgscan_skip_dma32 = 4.
 */
START_TEST(test_lru_order_zone_skip_and_hook)
{
	const struct zoneref *zl = mm.layout.node_zonelists[0][ZONELIST_FALLBACK];
	struct block_ref d[64];
	size_t j = 0;

	for (int i = 0; i < 4; i++)
		take(dma32, 0, OWNER_PAGECACHE);
	for (int i = 0; i < 64; i++)
		d[i] = block_ref_of(&mm, take(dma, 0, OWNER_PAGECACHE));
	for (int i = 0; i < 4; i++)
		take(dma32, 0, OWNER_PAGECACHE);
	free_pages(&mm, block_ref_get(&mm, d[9])->pfn, 0);
	free_pages(&mm, block_ref_get(&mm, d[19])->pfn, 0);
	ck_assert_uint_eq(dma->nr_zone_file, 62);
	ck_assert_uint_eq(dma32->nr_zone_file, 8);
	ck_assert_uint_eq(zone_reclaimable_pages(dma), 62);

	ck_assert_uint_eq(try_to_free_pages(&mm, zl, 0, GFP_KERNEL | __GFP_DMA, 0),
			  42);
	ck_assert_uint_eq(nr_dropped, 42);
	for (int i = 0; i < 44; i++) {
		if (i == 9 || i == 19)
			continue;
		ck_assert_uint_eq(dropped[j].idx, d[i].idx);
		ck_assert_uint_eq(dropped[j].gen, d[i].gen);
		ck_assert_ptr_null(block_ref_get(&mm, d[i]));
		j++;
	}
	for (int i = 44; i < 64; i++)
		ck_assert_ptr_nonnull(block_ref_get(&mm, d[i]));
	ck_assert_uint_eq(mm.vm_events[PGSCAN_DIRECT], 46);
	ck_assert_uint_eq(mm.vm_events[PGSTEAL_DIRECT], 42);
	ck_assert_uint_eq(mm.vm_events[PGSCAN_SKIP_DMA32], 4);
	ck_assert_uint_eq(mm.vm_events[ALLOCSTALL_DMA], 1);
	ck_assert_uint_eq(mm.vm_events[PGSCAN_KSWAPD], 0);
	ck_assert_uint_eq(dma->nr_zone_file, 20);
	ck_assert_uint_eq(dma32->nr_zone_file, 8);
	ck_assert_uint_eq(mm.layout.node_data[0].lru[RECLAIM_LIST_FILE].nr_pages, 28);
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
}
END_TEST

/*
 * drop_caches: 10 page cache pages, 5 order-1 reclaimable slab blocks (10
 * pages), anon and unmovable slab.  Mode 1 frees the page cache only;
 * mode 2 runs the shrinker at priority 0: delta = (10 >> 0) * 4 / 2 = 20,
 * total_scan = min(20, 2 * 10) = 20 >= freeable, one batch of 20 objects
 * frees all 10 pages; 10 is not > 10, so drop_slab stops.  Mode 3: both.
 */
START_TEST(test_drop_caches)
{
	unsigned long free0;

	for (int i = 0; i < 10; i++)
		take(dma32, 0, OWNER_PAGECACHE);
	for (int i = 0; i < 5; i++)
		take(dma32, 1, OWNER_SLAB_RECLAIMABLE);
	for (int i = 0; i < 7; i++)
		take(dma32, 0, OWNER_ANON);
	for (int i = 0; i < 3; i++)
		take(dma32, 0, OWNER_SLAB_UNMOVABLE);
	free0 = dma32->nr_free_pages;
	ck_assert_uint_eq(dma32->nr_zone_slab_reclaimable, 10);

	ck_assert_uint_eq(drop_caches(&mm, 1), 10);
	ck_assert_uint_eq(dma32->nr_free_pages, free0 + 10);
	ck_assert_uint_eq(dma32->nr_zone_file, 0);
	ck_assert_uint_eq(dma32->nr_zone_slab_reclaimable, 10);
	ck_assert_uint_eq(mm.vm_events[DROP_PAGECACHE], 1);
	ck_assert_uint_eq(mm.vm_events[DROP_SLAB], 0);
	ck_assert_uint_eq(nr_dropped, 10);

	ck_assert_uint_eq(drop_caches(&mm, 2), 10);
	ck_assert_uint_eq(dma32->nr_free_pages, free0 + 20);
	ck_assert_uint_eq(dma32->nr_zone_slab_reclaimable, 0);
	ck_assert_uint_eq(mm.vm_events[SLABS_SCANNED], 20);
	ck_assert_uint_eq(mm.vm_events[DROP_SLAB], 1);
	ck_assert_uint_eq(nr_dropped, 15);

	for (int i = 0; i < 3; i++)
		take(dma32, 0, OWNER_PAGECACHE);
	for (int i = 0; i < 2; i++)
		take(dma32, 1, OWNER_SLAB_RECLAIMABLE);
	ck_assert_uint_eq(drop_caches(&mm, 3), 7);
	ck_assert_uint_eq(dma32->nr_free_pages, free0 + 20);
	ck_assert_uint_eq(mm.vm_events[DROP_PAGECACHE], 2);
	ck_assert_uint_eq(mm.vm_events[DROP_SLAB], 2);
	ck_assert_uint_eq(nr_dropped, 20);
}
END_TEST

/*
 * Both zones full of page cache (DMA32 allocated first, so its pages are
 * the oldest).  GFP_KERNEL order 0 misses every watermark; each direct
 * reclaim frees 4 + 9 + 19 = 32 pages (N >> 12, >> 11, >> 10 for N just
 * under 20479), all from DMA32.  The min watermark of DMA32 (228) is
 * passed after 8 rounds (256 free), so allocstall_normal = 8.
 */
START_TEST(test_direct_reclaim_frees_page_cache)
{
	struct alloc_result r;

	fill(dma32, OWNER_PAGECACHE, 0);
	fill(dma, OWNER_PAGECACHE, 0);
	r = alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
	ck_assert_uint_ne(r.pfn, PFN_NONE);
	ck_assert_ptr_eq(r.zone, dma32);
	ck_assert_uint_eq(mm.vm_events[ALLOCSTALL_NORMAL], 8);
	ck_assert_uint_eq(allocstalls(), 8);
	ck_assert_uint_eq(mm.vm_events[PGSTEAL_DIRECT], 256);
	ck_assert_uint_eq(mm.vm_events[PGSCAN_DIRECT], 256);
	ck_assert_uint_eq(nr_dropped, 256);
	ck_assert_uint_eq(dma32->nr_free_pages, 255);
	ck_assert_uint_eq(dma->nr_free_pages, 0);
	/* the slow path woke kswapd: the node is far from balanced */
	ck_assert(mm.kswapd[0].wake_pending);
	ck_assert_uint_eq(mm.vm_events[KSWAPD_WAKE], 1);
}
END_TEST

/*
 * Anon everywhere, no swap: nothing to reclaim.  zone_reclaimable_pages
 * then counts the zone's free pages (6.1.192), so should_reclaim_retry
 * asks whether 2 * free passes the min watermark.  DMA32 with 150 free:
 * 300 > 228, so it retries until no_progress_loops exceeds 16: 17 direct
 * reclaims, then failure (no OOM killer).  With 100 free: 200 <= 228, so
 * it fails after the first.
 */
START_TEST(test_anon_zone_fails_after_retries)
{
	struct alloc_result r;

	fill(dma, OWNER_ANON, 0);
	fill(dma32, OWNER_ANON, 150);
	ck_assert_uint_eq(zone_reclaimable_pages(dma32), 150);
	r = alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
	ck_assert_uint_eq(r.pfn, PFN_NONE);
	ck_assert_uint_eq(mm.vm_events[ALLOCSTALL_NORMAL], 17);
	ck_assert_uint_eq(mm.vm_events[PGSTEAL_DIRECT], 0);
	ck_assert_uint_eq(mm.vm_events[PGALLOC_FAIL], 1);

	fill(dma32, OWNER_ANON, 100);
	r = alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
	ck_assert_uint_eq(r.pfn, PFN_NONE);
	ck_assert_uint_eq(mm.vm_events[ALLOCSTALL_NORMAL], 18);
	ck_assert_uint_eq(mm.vm_events[PGALLOC_FAIL], 2);
}
END_TEST

/*
 * A costly __GFP_NORETRY request (order 4) on zones full of page cache:
 * the initial async compaction is SKIPPED (no free pages for it to work
 * with), and a costly NORETRY request then gives up before any reclaim.
 * Without NORETRY it reclaims once and, being costly without
 * __GFP_RETRY_MAYFAIL, does not loop.
 */
START_TEST(test_costly_noretry_does_not_loop)
{
	struct alloc_result r;

	fill(dma32, OWNER_PAGECACHE, 0);
	fill(dma, OWNER_PAGECACHE, 0);
	r = alloc_pages(&mm, GFP_KERNEL | __GFP_NORETRY, 4, 0, OWNER_KERNEL);
	ck_assert_uint_eq(r.pfn, PFN_NONE);
	ck_assert_uint_eq(allocstalls(), 0);
	ck_assert_uint_eq(mm.vm_events[PGSTEAL_DIRECT], 0);
	ck_assert_uint_eq(mm.vm_events[COMPACTSTALL], 0);

	alloc_pages(&mm, GFP_KERNEL, 4, 0, OWNER_KERNEL);
	ck_assert_uint_eq(allocstalls(), 1);
	ck_assert_uint_gt(mm.vm_events[PGSTEAL_DIRECT], 0);
}
END_TEST

static int kswapd_run(void)
{
	int steps = 0;
	struct reclaim_step s;

	do {
		s = kswapd_step(&mm, 0);
		ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
		ck_assert_int_lt(++steps, 1000);
	} while (!s.done);
	return steps;
}

/*
 * kswapd, order 0.  DMA full of anon, DMA32 page cache with 250 free
 * (below low 285): GFP_HIGHUSER_MOVABLE misses the low watermark, the slow path
 * wakes kswapd and takes a page at min (249 free).  balance_pgdat at
 * priority 12 down scans F >> p of the F page cache pages (F = 16134):
 * 3, 7, 15, 31, 62 = 118 freed; at priority 7 DMA32 has 367 > 342 free:
 * balanced, kswapd sleeps.  One pass per step, then the step that finds
 * the node balanced: 6 steps.  Order 0: kcompactd is not woken.
 */
START_TEST(test_kswapd_reclaims_to_high_watermark)
{
	struct alloc_result r;

	fill(dma, OWNER_ANON, 0);
	fill(dma32, OWNER_PAGECACHE, 250);
	unboost();
	ck_assert_uint_eq(dma32->nr_zone_file, 16134);
	/* movable: no fallback, so no boost of the watermarks */
	r = alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 0, 0, OWNER_ANON);
	ck_assert_uint_ne(r.pfn, PFN_NONE);
	ck_assert(r.slowpath);
	ck_assert(mm.kswapd[0].wake_pending);
	ck_assert_uint_eq(mm.vm_events[KSWAPD_WAKE], 1);
	ck_assert_uint_eq(allocstalls(), 0);

	ck_assert_int_eq(kswapd_run(), 6);
	ck_assert(!mm.kswapd[0].running);
	ck_assert(!mm.kswapd[0].wake_pending);
	ck_assert_uint_eq(mm.vm_events[PGSTEAL_KSWAPD], 118);
	ck_assert_uint_eq(mm.vm_events[PGSCAN_KSWAPD], 118);
	ck_assert_uint_eq(mm.vm_events[PAGEOUTRUN], 1);
	ck_assert_uint_eq(dma32->nr_free_pages, 367);
	ck_assert(!dma32->reclaim_active);
	ck_assert(!mm.kcompactd[0].wake_pending);

	/* Balanced now: a new request does not wake it. */
	wakeup_kswapd(&mm, dma32, GFP_KERNEL, 0, ZONE_NORMAL);
	ck_assert(!mm.kswapd[0].wake_pending);
}
END_TEST

/*
 * kswapd_try_to_sleep's nap.  As in the test above, kswapd balances DMA32
 * (367 free, high 342) and naps instead of sleeping.  A boost wakes it in
 * the nap: kswapd_low_wmark_hit_quickly, a second balance_pgdat (the node
 * is balanced, so it pays the boost off at once), another nap; the first
 * nap's end then comes and does nothing.  The second nap ends with the
 * node balanced: kswapd sleeps.  Napping again after a third run, DMA32
 * falls to 300 free pages, under its high watermark 342, behind kswapd's
 * back (no allocator path, so no wake-up):
 * the nap's end finds it unbalanced, counts
 * kswapd_high_wmark_hit_quickly and asks for another run.
 */
START_TEST(test_kswapd_naps_before_sleeping)
{
	unsigned int first_nap;

	fill(dma, OWNER_ANON, 0);
	fill(dma32, OWNER_PAGECACHE, 250);
	unboost();
	alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 0, 0, OWNER_ANON);
	kswapd_run();
	ck_assert(mm.kswapd[0].napping);
	ck_assert(!mm.kswapd[0].running && !mm.kswapd[0].wake_pending);
	first_nap = mm.kswapd[0].nap_seq;

	dma32->watermark_boost = 100;
	wakeup_kswapd(&mm, dma32, 0, 0, ZONE_DMA32);
	ck_assert(mm.kswapd[0].wake_pending);
	ck_assert(!mm.kswapd[0].napping);
	kswapd_run();
	ck_assert_uint_eq(mm.vm_events[KSWAPD_LOW_WMARK_HIT_QUICKLY], 1);
	ck_assert_uint_eq(mm.vm_events[PAGEOUTRUN], 2);
	ck_assert_uint_eq(dma32->watermark_boost, 0);
	ck_assert(mm.kswapd[0].napping);
	ck_assert_uint_ne(mm.kswapd[0].nap_seq, first_nap);

	kswapd_nap_end(&mm, 0, first_nap);	/* stale: nothing */
	ck_assert(mm.kswapd[0].napping);
	kswapd_nap_end(&mm, 0, mm.kswapd[0].nap_seq);
	ck_assert(!mm.kswapd[0].napping && !mm.kswapd[0].wake_pending);
	ck_assert_uint_eq(mm.vm_events[KSWAPD_HIGH_WMARK_HIT_QUICKLY], 0);

	dma32->watermark_boost = 100;
	wakeup_kswapd(&mm, dma32, 0, 0, ZONE_DMA32);
	kswapd_run();			/* a full wake: not a quick one */
	ck_assert_uint_eq(mm.vm_events[KSWAPD_LOW_WMARK_HIT_QUICKLY], 1);
	ck_assert(mm.kswapd[0].napping);
	fill(dma32, OWNER_ANON, 300);
	kswapd_nap_end(&mm, 0, mm.kswapd[0].nap_seq);
	ck_assert_uint_eq(mm.vm_events[KSWAPD_HIGH_WMARK_HIT_QUICKLY], 1);
	ck_assert(mm.kswapd[0].wake_pending && !mm.kswapd[0].napping);
}
END_TEST

/*
 * kswapd, order 2, on a zone whose free pages cannot merge: DMA32 page
 * cache on the even pfns, anon on the odd ones, 250 even pfns free.
 * balance_pgdat(order 2) over F = 7942 page cache pages: priorities 12,
 * 11, 10 free 1, 3, 7; 11 >= compact_gap(2) = 8, so it drops to order 0,
 * then 15, 30, 61: 117 freed, 367 > 342 free at priority 6.  It stopped at
 * order 0 < 2, so kswapd_try_to_sleep wakes kcompactd for order 2: DMA32
 * has 367 free order-0 pages, no order-2 block (min watermark fails at
 * order 2) but 367 > 228 + 8, so compaction_suitable says CONTINUE.
 */
START_TEST(test_kswapd_high_order_wakes_kcompactd)
{
	unsigned long nr_even = 0;

	fill(dma, OWNER_ANON, 0);
	fill(dma32, OWNER_ANON, 0);
	for (unsigned long pfn = 4096; pfn < 20480; pfn += 2, nr_even++)
		free_pages(&mm, pfn, 0);
	ck_assert_uint_eq(dma32->free_area[0].nr_free, 8192);
	for (unsigned long i = 0; i < nr_even - 250; i++)
		take(dma32, 0, OWNER_PAGECACHE);
	ck_assert_uint_eq(dma32->nr_free_pages, 250);
	unboost();

	wakeup_kswapd(&mm, dma32, GFP_KERNEL, 2, ZONE_NORMAL);
	ck_assert(mm.kswapd[0].wake_pending);
	ck_assert_int_eq(kswapd_run(), 7);
	ck_assert_uint_eq(mm.vm_events[PGSTEAL_KSWAPD], 117);
	ck_assert_uint_eq(dma32->nr_free_pages, 367);
	ck_assert_uint_eq(dma32->free_area[0].nr_free, 367);
	ck_assert(mm.kcompactd[0].wake_pending);
	ck_assert_int_eq(mm.kcompactd[0].max_order, 2);
	ck_assert_int_eq(mm.kcompactd[0].highest_zoneidx, ZONE_DMA32);
}
END_TEST

/*
 * Watermark boost.  DMA full of anon, DMA32 page cache with 400 free: a
 * GFP_KERNEL page passes the low watermark but must steal from a MOVABLE
 * pageblock, which boosts DMA32 by min(512, max(512, 342 * 15000 /
 * 10000 = 513)) = 512 and, through rmqueue's ZONE_BOOSTED_WATERMARK
 * check, wakes kswapd for DMA32 (399 free < high 342 + 512 = 854).
 * balance_pgdat finds the node imbalanced, so it drops the boost reclaim
 * and restarts as ordinary reclaim to the boosted high mark: over F =
 * 15984 page cache pages it frees 3, 7, 15, 31, 62, 123, 245 = 486 at
 * priorities 12..6, leaving 885 > 854 free; then the boost is paid off
 * and kcompactd is asked for order 9.
 */
START_TEST(test_kswapd_pays_off_watermark_boost)
{
	struct alloc_result r;

	fill(dma, OWNER_ANON, 0);
	fill(dma32, OWNER_PAGECACHE, 400);
	unboost();
	r = alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
	ck_assert_uint_ne(r.pfn, PFN_NONE);
	ck_assert(!r.slowpath);
	ck_assert_uint_eq(dma32->watermark_boost, 512);
	ck_assert(!dma32->boosted_watermark);
	ck_assert(mm.kswapd[0].wake_pending);
	ck_assert_int_eq(mm.kswapd[0].highest_zoneidx, ZONE_DMA32);

	ck_assert_int_eq(kswapd_run(), 8);
	ck_assert_uint_eq(mm.vm_events[PGSTEAL_KSWAPD], 486);
	ck_assert_uint_eq(dma32->nr_free_pages, 885);
	ck_assert_uint_eq(dma32->watermark_boost, 0);
	ck_assert_int_eq(mm.kcompactd[0].max_order, pageblock_order);
}
END_TEST

/*
 * A node with nothing reclaimable: each balance_pgdat frees nothing and
 * counts a failure; kswapd keeps trying (the node is not balanced) until
 * kswapd_failures reaches MAX_RECLAIM_RETRIES, then sleeps, and a hopeless
 * node is not woken again.
 */
START_TEST(test_kswapd_gives_up_on_hopeless_node)
{
	fill(dma, OWNER_ANON, 0);
	fill(dma32, OWNER_ANON, 250);
	unboost();
	wakeup_kswapd(&mm, dma32, GFP_KERNEL, 0, ZONE_NORMAL);
	ck_assert(mm.kswapd[0].wake_pending);
	kswapd_run();
	ck_assert_int_eq(mm.kswapd[0].failures, MAX_RECLAIM_RETRIES);
	ck_assert_uint_eq(mm.vm_events[PAGEOUTRUN], MAX_RECLAIM_RETRIES);
	ck_assert_uint_eq(mm.vm_events[PGSTEAL_KSWAPD], 0);
	wakeup_kswapd(&mm, dma32, GFP_KERNEL, 0, ZONE_NORMAL);
	ck_assert(!mm.kswapd[0].wake_pending);
}
END_TEST

/*
 * balance_pgdat lowers the boost even when it frees nothing.  DMA full of
 * anon, DMA32 anon with 500 free and a boost of 512 (no page cache, no
 * slab: nothing reclaimable).  The wake rmqueue makes for a boost (gfp 0,
 * order 0) finds DMA32 below its boosted high mark 342 + 512 = 854, so
 * kswapd runs; balance_pgdat notes zone_boosts[DMA32] = 512, finds the
 * node imbalanced, drops the boost reclaim and restarts as ordinary
 * reclaim: priorities 12..1 free nothing (one pass per step, 12 steps),
 * so kswapd_failures becomes 1; at "out" the 512 it noted is subtracted
 * all the same.  kcompactd is not woken for order 9 (DMA32's 500 free are
 * below low 285 + compact_gap(9) 1024: COMPACT_SKIPPED).  Unboosted, the
 * node is balanced (500 > 342) and kswapd sleeps; a new request does not
 * wake it.
 */
START_TEST(test_boost_lowered_after_run_that_freed_nothing)
{
	fill(dma, OWNER_ANON, 0);
	fill(dma32, OWNER_ANON, 500);
	unboost();
	dma32->watermark_boost = 512;
	wakeup_kswapd(&mm, dma32, 0, 0, ZONE_DMA32);
	ck_assert(mm.kswapd[0].wake_pending);

	ck_assert_int_eq(kswapd_run(), 12);
	ck_assert_uint_eq(mm.vm_events[PAGEOUTRUN], 1);
	ck_assert_uint_eq(mm.vm_events[PGSTEAL_KSWAPD], 0);
	ck_assert_int_eq(mm.kswapd[0].failures, 1);
	ck_assert_uint_eq(dma32->watermark_boost, 0);
	ck_assert(!mm.kswapd[0].running);
	ck_assert(!mm.kcompactd[0].wake_pending);
	wakeup_kswapd(&mm, dma32, GFP_KERNEL, 0, ZONE_NORMAL);
	ck_assert(!mm.kswapd[0].wake_pending);
}
END_TEST

/*
 * wakeup_kswapd on a hopeless node (kswapd_failures = MAX_RECLAIM_RETRIES)
 * and its revival.  DMA full of anon; DMA32 page cache on the even pfns
 * but 250 of them, anon on the odd ones: 250 free order-0 pages.
 * - GFP_ATOMIC order 2 (no direct reclaim): kswapd stays asleep, kcompactd
 *   is woken for order 2 (no order-2 block, but 250 >= min 228 +
 *   compact_gap(2) 8: CONTINUE);
 * - GFP_KERNEL order 2 (direct reclaim): neither;
 * - rmqueue's wake for a boost of 512 (gfp 0, order 0): kswapd stays
 *   asleep, so the boost stays;
 * - direct reclaim that frees page cache (shrink_node's progress) resets
 *   kswapd_failures, and the next request wakes kswapd.
 */
START_TEST(test_hopeless_node_wakes_kcompactd_only)
{
	const struct zoneref *zl = mm.layout.node_zonelists[0][ZONELIST_FALLBACK];
	unsigned long nr_even = 0;

	fill(dma, OWNER_ANON, 0);
	fill(dma32, OWNER_ANON, 0);
	for (unsigned long pfn = 4096; pfn < 20480; pfn += 2, nr_even++)
		free_pages(&mm, pfn, 0);
	for (unsigned long i = 0; i < nr_even - 250; i++)
		take(dma32, 0, OWNER_PAGECACHE);
	ck_assert_uint_eq(dma32->nr_free_pages, 250);
	unboost();
	mm.kswapd[0].failures = MAX_RECLAIM_RETRIES;

	wakeup_kswapd(&mm, dma32, GFP_ATOMIC, 2, ZONE_DMA32);
	ck_assert(!mm.kswapd[0].wake_pending);
	ck_assert(mm.kcompactd[0].wake_pending);
	ck_assert_int_eq(mm.kcompactd[0].max_order, 2);
	mm.kcompactd[0].wake_pending = false;
	mm.kcompactd[0].max_order = 0;

	wakeup_kswapd(&mm, dma32, GFP_KERNEL, 2, ZONE_DMA32);
	ck_assert(!mm.kswapd[0].wake_pending);
	ck_assert(!mm.kcompactd[0].wake_pending);

	dma32->watermark_boost = 512;
	wakeup_kswapd(&mm, dma32, 0, 0, ZONE_DMA32);
	ck_assert(!mm.kswapd[0].wake_pending);
	ck_assert_uint_eq(dma32->watermark_boost, 512);

	ck_assert_uint_gt(try_to_free_pages(&mm, zl, 0, GFP_KERNEL, 0), 0);
	ck_assert_int_eq(mm.kswapd[0].failures, 0);
	wakeup_kswapd(&mm, dma32, GFP_KERNEL, 0, ZONE_NORMAL);
	ck_assert(mm.kswapd[0].wake_pending);
}
END_TEST

/*
 * kswapd_try_to_sleep clears skip bits (reset_isolation_suitable) only in
 * zones flagged compact_blockskip_flush.  DMA free (the node is balanced),
 * DMA32 all anon; every pageblock of both zones marked skip, only DMA32
 * flagged.  A kswapd run finds the node balanced and sleeps:
 * __reset_isolation_suitable walks DMA32's 32 blocks from both ends, 16
 * pairs.  The migrate side clears a block when a sample (every 8th page)
 * is on the LRU: blocks 0..15 (4096..12287).  The free side, having
 * cleared nothing yet, looks for a free page only: none, so blocks 16..31
 * keep their bits.  No free block reset, so the cached positions are left
 * with no distance: migrate 12288, free 12287.  DMA, not flagged, keeps
 * all its bits.
 */
START_TEST(test_kswapd_sleep_clears_skip_bits_of_flagged_zones)
{
	struct reclaim_step step;

	fill(dma32, OWNER_ANON, 0);
	unboost();
	for (unsigned long pfn = 0; pfn < 20480; pfn += 512)
		set_pageblock_skip(&mm.memmap, pfn, true);
	dma32->compact_blockskip_flush = true;
	dma->compact_blockskip_flush = false;

	step = kswapd_step(&mm, 0);
	ck_assert(step.done);
	ck_assert_uint_eq(mm.vm_events[PAGEOUTRUN], 1);
	ck_assert(!dma32->compact_blockskip_flush);
	for (unsigned long pfn = 4096; pfn < 20480; pfn += 512)
		ck_assert_msg(get_pageblock_skip(&mm.memmap, pfn) == (pfn >= 12288),
			      "DMA32 block at %lu", pfn);
	for (unsigned long pfn = 0; pfn < 4096; pfn += 512)
		ck_assert(get_pageblock_skip(&mm.memmap, pfn));
	ck_assert_uint_eq(dma32->compact_cached_migrate_pfn[0], 12288);
	ck_assert_uint_eq(dma32->compact_cached_migrate_pfn[1], 12288);
	ck_assert_uint_eq(dma32->compact_cached_free_pfn, 12287);
	ck_assert_uint_eq(dma32->compact_init_migrate_pfn, 4096);
}
END_TEST

Suite *vmscan_suite(void)
{
	Suite *s = suite_create("vmscan");
	TCase *tc = tcase_create("reclaim");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_lru_order_zone_skip_and_hook);
	tcase_add_test(tc, test_drop_caches);
	tcase_add_test(tc, test_direct_reclaim_frees_page_cache);
	tcase_add_test(tc, test_anon_zone_fails_after_retries);
	tcase_add_test(tc, test_costly_noretry_does_not_loop);
	tcase_add_test(tc, test_kswapd_reclaims_to_high_watermark);
	tcase_add_test(tc, test_kswapd_naps_before_sleeping);
	tcase_add_test(tc, test_kswapd_high_order_wakes_kcompactd);
	tcase_add_test(tc, test_kswapd_pays_off_watermark_boost);
	tcase_add_test(tc, test_kswapd_gives_up_on_hopeless_node);
	tcase_add_test(tc, test_boost_lowered_after_run_that_freed_nothing);
	tcase_add_test(tc, test_hopeless_node_wakes_kcompactd_only);
	tcase_add_test(tc, test_kswapd_sleep_clears_skip_bits_of_flagged_zones);
	suite_add_tcase(s, tc);
	return s;
}
