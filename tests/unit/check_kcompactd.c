/*
 * check_kcompactd.c - kcompactd and proactive compaction against
 * mm/compaction.c (6.1), on the zone of check_compaction.c: DMA32 pfn
 * 4096..20479 (16384 pages, 32 pageblocks), the node's only zone, so
 * node_present_pages = present_pages = 16384 and a zone score s weighs
 * 16384 * s / 16385 = s - 1 (s >= 1) in the node score.
 *
 * compaction_proactiveness 20: wmark_low = max(100 - 20, 5) = 80,
 * wmark_high = min(80 + 10, 100) = 90.
 */
#include <stdio.h>

#include "mm/compaction.h"
#include "suites.h"
#include "testbed.h"

static struct mm_state mm;
static struct zone *zone;

#define BASE	4096UL
#define PAGES	16384UL

static void boot(bool pcp)
{
	testbed_boot(&mm, BASE, PAGES, pcp);
	zone = mm_zone(&mm, 0, ZONE_DMA32);
}

static void setup_pcp(void) { boot(true); }
static void setup_nopcp(void) { boot(false); }

static void teardown(void)
{
	kcompactd_stop(&mm, 0);
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm_release(&mm);
}

/* Every page taken as anon, then every other one freed: 8192 free
 * order-0 pages, none of them mergeable. */
static void fragment(void)
{
	for (unsigned long i = 0; i < PAGES; i++)
		ck_assert_uint_ne(rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE,
						OWNER_ANON, 0), PFN_NONE);
	for (unsigned long pfn = BASE + 1; pfn < BASE + PAGES; pfn += 2)
		free_block(&mm, pfn);
}

static unsigned long free_in_huge_blocks(void)
{
	return zone->free_area[9].nr_free * 512 + zone->free_area[10].nr_free * 1024;
}

/* what the steps of the last kcompactd_run reported, summed */
static unsigned long run_scanned, run_freelist_scanned;

static int kcompactd_run(void)
{
	struct kcompactd_step s;
	int steps = 0;

	run_scanned = run_freelist_scanned = 0;
	do {
		s = kcompactd_step(&mm, 0);
		run_scanned += s.nr_scanned;
		run_freelist_scanned += s.nr_freelist_scanned;
		ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
		ck_assert_int_lt(++steps, 100000);
	} while (!s.done);
	return steps;
}

/*
 * Woken for order 9 on the fragmented zone: compaction_suitable is
 * CONTINUE (fragindex of order 9 = 998 > 500, see check_compaction.c),
 * so it wakes; kcompactd_do_work compacts DMA32 in SYNC_LIGHT until an
 * order-9 block is free (COMPACT_SUCCESS: the deferral is reset, order_failed
 * rises to 10), counts one compact_daemon_wake, and its scanned pages
 * are exactly all the compaction that ran.  max_order goes back to 0.
 */
START_TEST(test_kcompactd_makes_order9_block)
{
	int steps;

	fragment();
	ck_assert_uint_eq(free_in_huge_blocks(), 0);
	wakeup_kcompactd(&mm, 0, 9, ZONE_NORMAL);
	ck_assert(mm.kcompactd[0].wake_pending);
	ck_assert_int_eq(mm.kcompactd[0].highest_zoneidx, ZONE_DMA32);
	steps = kcompactd_run();
	ck_assert_int_gt(steps, 1);
	drain_all_pages(&mm, NULL);
	ck_assert_uint_ge(free_in_huge_blocks(), 512);
	ck_assert_uint_eq(mm.vm_events[KCOMPACTD_WAKE], 1);
	ck_assert_uint_gt(mm.vm_events[KCOMPACTD_MIGRATE_SCANNED], 0);
	ck_assert_uint_gt(mm.vm_events[KCOMPACTD_FREE_SCANNED], 0);
	ck_assert_uint_eq(mm.vm_events[KCOMPACTD_MIGRATE_SCANNED],
			  mm.vm_events[COMPACTMIGRATE_SCANNED]);
	ck_assert_uint_eq(mm.vm_events[KCOMPACTD_FREE_SCANNED],
			  mm.vm_events[COMPACTFREE_SCANNED]);
	/* its steps report every page scanned, and among them the entries
	 * its order-9 fast searches walked (priced apart by the engine) */
	ck_assert_uint_eq(run_scanned, mm.vm_events[COMPACTMIGRATE_SCANNED] +
				       mm.vm_events[COMPACTFREE_SCANNED]);
	ck_assert_uint_gt(run_freelist_scanned, 0);
	ck_assert_uint_eq(run_freelist_scanned, mm.nr_freelist_scanned);
	ck_assert_uint_le(run_freelist_scanned,
			  mm.vm_events[COMPACTFREE_SCANNED]);
	ck_assert_uint_gt(mm.vm_events[PGMIGRATE_SUCCESS], 0);
	ck_assert_uint_eq(mm.vm_events[COMPACTSTALL], 0);
	ck_assert_int_eq(zone->compact_order_failed, 10);
	ck_assert_int_eq(mm.kcompactd[0].max_order, 0);
	ck_assert(!mm.kcompactd[0].running);
	ck_assert(!mm.kcompactd[0].wake_pending);
}
END_TEST

/* mm.cpu_busy as the engine answers it: the CPUs of busy_mask run a
 * kernel operation's writer */
static unsigned int busy_mask;

static bool cpu_busy(void *ctx, int cpu)
{
	(void)ctx;
	return busy_mask & (1U << cpu);
}

/*
 * select_idle_sibling: kcompactd runs on its previous CPU while that is
 * idle (before its first run, the node's first: CPU 0), else on an idle
 * one, else where it was.  Its proactive run frees the sources it
 * migrates onto that CPU's pcp lists (no check_drain at order -1), so a
 * writer's CPU keeps its lists as they were.
 */
START_TEST(test_kcompactd_runs_on_an_idle_cpu)
{
	const struct per_cpu_pages *pcp = zone->per_cpu_pageset;

	ck_assert_int_eq(mm.nr_cpus, 2);
	mm.cpu_busy = cpu_busy;
	busy_mask = 0;
	ck_assert_int_eq(daemon_cpu(&mm, 0, -1), 0);
	ck_assert_int_eq(daemon_cpu(&mm, 0, 1), 1);
	busy_mask = 1U << 0;
	ck_assert_int_eq(daemon_cpu(&mm, 0, -1), 1);
	ck_assert_int_eq(daemon_cpu(&mm, 0, 0), 1);
	busy_mask = 3;
	ck_assert_int_eq(daemon_cpu(&mm, 0, 0), 0);
	ck_assert_int_eq(daemon_cpu(&mm, 0, 1), 1);

	fragment();
	ck_assert_int_eq(pcp[0].count, 0);
	ck_assert_int_eq(pcp[1].count, 0);
	busy_mask = 1U << 0;
	kcompactd_timer(&mm, 0);
	ck_assert(mm.kcompactd[0].proactive);
	kcompactd_run();
	ck_assert_uint_gt(mm.vm_events[PGMIGRATE_SUCCESS], 0);
	ck_assert_int_eq(mm.kcompactd[0].cpu, 1);
	ck_assert_int_eq(pcp[0].count, 0);
	ck_assert_int_gt(pcp[1].count, 0);
	mm.cpu_busy = NULL;
}
END_TEST

/*
 * kcompactd clears no skip bits, and leaves compact_blockskip_flush to
 * kswapd.  The fragmented zone, every block marked skip, the zone flagged
 * (as a direct compaction whose scanners met leaves it).  Woken for order
 * 9 (suitable, as above), kcompactd_do_work's compaction (skip hints
 * honoured; not restarting: no deferral yet) starts with the whole zone
 * (cached migrate pfn = compact_init_migrate_pfn) and passes over every
 * marked block without scanning a page until the scanners meet:
 * COMPACT_COMPLETE, nothing migrated, one deferral.  Every bit and the
 * flag are as they were.
 */
START_TEST(test_kcompactd_leaves_skip_bits)
{
	fragment();
	for (unsigned long pfn = BASE; pfn < BASE + PAGES; pfn += 512)
		set_pageblock_skip(&mm.memmap, pfn, true);
	zone->compact_blockskip_flush = true;
	wakeup_kcompactd(&mm, 0, 9, ZONE_NORMAL);
	ck_assert(mm.kcompactd[0].wake_pending);
	kcompactd_run();
	ck_assert_uint_eq(mm.vm_events[KCOMPACTD_WAKE], 1);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 0);
	ck_assert_uint_eq(mm.vm_events[KCOMPACTD_MIGRATE_SCANNED], 0);
	ck_assert_uint_eq(zone->compact_defer_shift, 1);
	ck_assert(zone->compact_blockskip_flush);
	for (unsigned long pfn = BASE; pfn < BASE + PAGES; pfn += 512)
		ck_assert_msg(get_pageblock_skip(&mm.memmap, pfn), "block %lu",
			      pfn);
}
END_TEST

/*
 * A fresh zone has its free memory in order-10 blocks: the order-9
 * watermark passes, compaction_suitable is SUCCESS, so kcompactd is not
 * woken (kcompactd_node_suitable), and order 0 never wakes it.
 */
START_TEST(test_kcompactd_not_woken_when_unsuitable)
{
	wakeup_kcompactd(&mm, 0, 0, ZONE_NORMAL);
	ck_assert(!mm.kcompactd[0].wake_pending);
	wakeup_kcompactd(&mm, 0, 9, ZONE_NORMAL);
	ck_assert(!mm.kcompactd[0].wake_pending);
	ck_assert_int_eq(mm.kcompactd[0].max_order, 9);
}
END_TEST

/*
 * Free one whole pageblock (an order-9 block; its buddy pageblock is in
 * use) and n order-0 pages at even pfns of other pageblocks.  The zone
 * score is n * 100 / (n + 512).
 */
static void free_block_and_pages(unsigned long n)
{
	unsigned long freed = 0;

	for (unsigned long i = 0; i < PAGES; i++)
		ck_assert_uint_ne(rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE,
						OWNER_ANON, 0), PFN_NONE);
	for (unsigned long pfn = BASE; pfn < BASE + 512; pfn++)
		free_block(&mm, pfn);
	for (unsigned long pfn = BASE + 1024; freed < n; pfn += 2, freed++)
		free_block(&mm, pfn);
	ck_assert_uint_eq(zone->free_area[9].nr_free, 1);
	ck_assert_uint_eq(zone->free_area[0].nr_free, n);
}

/* 1536 order-0 pages: 1536 * 100 / 2048 = 75 < 80; node score 74. */
START_TEST(test_proactive_not_below_low)
{
	free_block_and_pages(1536);
	ck_assert_uint_eq(fragmentation_score_zone(zone), 75);
	ck_assert_uint_eq(fragmentation_score_node(&mm, 0), 74);
	kcompactd_timer(&mm, 0);
	ck_assert(!mm.kcompactd[0].wake_pending);
}
END_TEST

/* 2560 pages: 2560 * 100 / 3072 = 83; node 82 is between the marks:
 * only a score above the high mark starts proactive compaction. */
START_TEST(test_proactive_not_between_marks)
{
	free_block_and_pages(2560);
	ck_assert_uint_eq(fragmentation_score_zone(zone), 83);
	ck_assert_uint_eq(fragmentation_score_node(&mm, 0), 82);
	kcompactd_timer(&mm, 0);
	ck_assert(!mm.kcompactd[0].wake_pending);
}
END_TEST

/*
 * 7168 pages: 7168 * 100 / 7680 = 93; node 92 > 90: the timer wakes
 * kcompactd proactively.  proactive_compact_node runs whole-zone
 * compaction until the zone score is <= 80 (COMPACT_SUCCESS); it counts
 * no compact_daemon_* events and, having lowered the score, does not
 * back off.
 */
START_TEST(test_proactive_above_high)
{
	free_block_and_pages(7168);
	ck_assert_uint_eq(fragmentation_score_zone(zone), 93);
	ck_assert_uint_eq(fragmentation_score_node(&mm, 0), 92);
	ck_assert_uint_eq(fragmentation_score_wmark(&mm, true), 80);
	ck_assert_uint_eq(fragmentation_score_wmark(&mm, false), 90);
	kcompactd_timer(&mm, 0);
	ck_assert(mm.kcompactd[0].wake_pending);
	ck_assert(mm.kcompactd[0].proactive);
	ck_assert_uint_eq(mm.vm_events[KCOMPACTD_WAKE_PROACTIVE], 1);
	kcompactd_run();
	ck_assert_uint_le(fragmentation_score_zone(zone), 80);
	ck_assert_uint_gt(mm.vm_events[PGMIGRATE_SUCCESS], 0);
	ck_assert_uint_eq(mm.vm_events[KCOMPACTD_WAKE], 0);
	ck_assert_uint_eq(mm.vm_events[KCOMPACTD_MIGRATE_SCANNED], 0);
	ck_assert_uint_gt(mm.vm_events[COMPACTMIGRATE_SCANNED], 0);
	ck_assert_uint_eq(mm.kcompactd[0].proactive_defer, 0);
	ck_assert(!mm.kcompactd[0].proactive);
	/* Below the high mark now: the next timeout does nothing. */
	kcompactd_timer(&mm, 0);
	ck_assert(!mm.kcompactd[0].wake_pending);
}
END_TEST

/* Proactiveness 0 disables the timer; a running kswapd holds it off. */
START_TEST(test_proactive_off_and_kswapd_running)
{
	free_block_and_pages(7168);
	mm.sysctl.compaction_proactiveness = 0;
	kcompactd_timer(&mm, 0);
	ck_assert(!mm.kcompactd[0].wake_pending);
	mm.sysctl.compaction_proactiveness = 20;
	mm.kswapd[0].running = true;
	kcompactd_timer(&mm, 0);
	ck_assert(!mm.kcompactd[0].wake_pending);
	mm.kswapd[0].running = false;
	kcompactd_timer(&mm, 0);
	ck_assert(mm.kcompactd[0].wake_pending);
}
END_TEST

/* Write compaction_proactiveness as a sysctl action does. */
static void write_proactiveness(const char *value)
{
	struct vm_sysctl sysctl = mm.sysctl;
	char err[160];

	ck_assert_int_eq(vm_sysctl_set(&sysctl, "vm.compaction_proactiveness",
				       value, err, sizeof(err)), 0);
	mm_apply_sysctl(&mm, &sysctl);
}

/*
 * compaction_proactiveness_sysctl_handler: a write wakes kcompactd for a
 * proactive check at once, without waiting for the timer, and forgets a
 * 32 s back-off (the timeout is reset) - on every write, even of the
 * value already set; a write of 0 wakes nothing.
 */
START_TEST(test_proactiveness_write_triggers)
{
	free_block_and_pages(7168);
	mm.kcompactd[0].proactive_defer = 63;	/* backing off */
	write_proactiveness("0");
	ck_assert(!mm.kcompactd[0].wake_pending);
	ck_assert(!mm.kcompactd[0].proactive_compact_trigger);
	mm.sysctl.compaction_proactiveness = 20;
	write_proactiveness("20");		/* the same value */
	ck_assert(mm.kcompactd[0].wake_pending);
	ck_assert(mm.kcompactd[0].proactive);
	ck_assert(mm.kcompactd[0].proactive_compact_trigger);
	ck_assert_uint_eq(mm.kcompactd[0].proactive_defer, 0);
	/* the timer is not what woke it */
	ck_assert_uint_eq(mm.vm_events[KCOMPACTD_WAKE_PROACTIVE], 0);
	kcompactd_run();
	ck_assert_uint_le(fragmentation_score_zone(zone), 80);
	ck_assert(!mm.kcompactd[0].proactive_compact_trigger);
	ck_assert(!mm.kcompactd[0].wake_pending);
}
END_TEST

/*
 * A write during a kcompactd_do_work run is seen when the run ends: the
 * next wait ends at once and the proactive check runs then.  do_work
 * stops at the first free order-9 block, leaving the zone's score above
 * the high mark (92 > 90), so a proactive run is queued; the trigger is
 * cleared when it ends.  (What that run achieves is not the point here:
 * on this perfectly alternating pattern the free scanner's stride, doubled
 * after the full top pageblock, only ever lands on used pages, in the
 * kernel as here.)
 */
START_TEST(test_proactiveness_write_during_a_run)
{
	fragment();
	wakeup_kcompactd(&mm, 0, 9, ZONE_DMA32);
	ck_assert(mm.kcompactd[0].wake_pending);
	kcompactd_step(&mm, 0);			/* the run begins */
	ck_assert(mm.kcompactd[0].running);
	write_proactiveness("20");
	ck_assert(mm.kcompactd[0].proactive_compact_trigger);
	ck_assert(!mm.kcompactd[0].proactive);
	kcompactd_run();			/* do_work ends */
	ck_assert_uint_eq(fragmentation_score_node(&mm, 0), 92);
	ck_assert(mm.kcompactd[0].wake_pending);
	ck_assert(mm.kcompactd[0].proactive);
	kcompactd_run();
	ck_assert(!mm.kcompactd[0].proactive_compact_trigger);
}
END_TEST

/* A write during a proactive run is absorbed by it: no second run. */
START_TEST(test_proactiveness_write_during_proactive_run)
{
	free_block_and_pages(7168);
	kcompactd_timer(&mm, 0);
	kcompactd_step(&mm, 0);
	ck_assert(mm.kcompactd[0].running && mm.kcompactd[0].proactive);
	write_proactiveness("30");
	ck_assert(mm.kcompactd[0].proactive_compact_trigger);
	kcompactd_run();
	ck_assert(!mm.kcompactd[0].proactive_compact_trigger);
	ck_assert(!mm.kcompactd[0].wake_pending);
}
END_TEST

/* The only free page of a full zone: take it back as page cache. */
static struct block_ref page_cache_at(unsigned long pfn)
{
	free_block(&mm, pfn);
	ck_assert_uint_eq(rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE,
					OWNER_PAGECACHE, 0), pfn);
	return block_ref_of(&mm, pfn);
}

/*
 * Migration puts the new page back on the LRU at its young end (the
 * kernel's putback after migrate_pages): X (oldest, lowest pfn) is moved
 * up by compaction and becomes the youngest; Y, at the top where the free
 * scanner works, is not moved and is now the oldest.
 */
START_TEST(test_migration_moves_page_cache_to_lru_head)
{
	const struct block_lru *lru = &mm.layout.node_data[0].lru[RECLAIM_LIST_FILE];
	struct block_ref x, y;

	for (unsigned long i = 0; i < PAGES; i++)
		ck_assert_uint_ne(rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE,
						OWNER_ANON, 0), PFN_NONE);
	x = page_cache_at(BASE);
	y = page_cache_at(BASE + PAGES - 2);
	ck_assert_uint_eq(lru->tail, x.idx + 1);
	ck_assert_uint_eq(lru->head, y.idx + 1);
	for (unsigned long pfn = BASE + 1; pfn < BASE + PAGES; pfn += 2)
		free_block(&mm, pfn);
	compact_nodes(&mm);
	ck_assert_uint_ne(block_ref_get(&mm, x)->pfn, BASE);
	ck_assert_uint_eq(block_ref_get(&mm, y)->pfn, BASE + PAGES - 2);
	ck_assert_uint_eq(lru->head, x.idx + 1);
	ck_assert_uint_eq(lru->tail, y.idx + 1);
	ck_assert_uint_eq(zone->nr_zone_file, 2);
}
END_TEST

Suite *kcompactd_suite(void)
{
	Suite *s = suite_create("kcompactd");
	TCase *tc = tcase_create("daemon");
	TCase *pro = tcase_create("proactive");

	tcase_add_checked_fixture(tc, setup_pcp, teardown);
	tcase_add_test(tc, test_kcompactd_makes_order9_block);
	tcase_add_test(tc, test_kcompactd_not_woken_when_unsuitable);
	tcase_add_test(tc, test_kcompactd_leaves_skip_bits);
	tcase_add_test(tc, test_kcompactd_runs_on_an_idle_cpu);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(pro, setup_nopcp, teardown);
	tcase_add_test(pro, test_proactive_not_below_low);
	tcase_add_test(pro, test_proactive_not_between_marks);
	tcase_add_test(pro, test_proactive_above_high);
	tcase_add_test(pro, test_proactive_off_and_kswapd_running);
	tcase_add_test(pro, test_proactiveness_write_triggers);
	tcase_add_test(pro, test_proactiveness_write_during_a_run);
	tcase_add_test(pro, test_proactiveness_write_during_proactive_run);
	tcase_add_test(pro, test_migration_moves_page_cache_to_lru_head);
	suite_add_tcase(s, pro);
	return s;
}
