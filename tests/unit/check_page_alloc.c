/*
 * check_page_alloc.c - watermarks, lowmem_reserve, zonelists, the pcp
 * lists and the allocation path, each against numbers worked out by hand
 * from mm/page_alloc.c (6.1).
 *
 * Machine A: one node, two CPUs, memory pfn 1..20479: DMA holds pfn
 * 1..4095 (4095 pages), DMA32 pfn 4096..20479 (16384 pages); nothing
 * reserved, so managed = present.  totalram is 80 MiB < 512 MiB, so THP is
 * off and khugepaged does not raise min_free_kbytes.
 *
 *   nr_free_buffer_pages = 4095 + 16384 = 20479 (high wmarks still 0)
 *   min_free_kbytes = int_sqrt(20479 * 4 * 16) = int_sqrt(1310656) = 1144
 *   pages_min = 1144 / 4 = 286, lowmem_pages = 20479
 *   DMA:   min = 286 * 4095 / 20479 = 57;  delta = max(57/4, 4) = 14
 *          low = 71, high = 85
 *   DMA32: min = 286 * 16384 / 20479 = 228; delta = max(228/4, 16) = 57
 *          low = 285, high = 342
 *   lowmem_reserve: DMA[j > DMA] = 16384 / 256 = 64; DMA32[j] = 0 / 256 = 0
 *   pcp: DMA batch = max(1, rounddown_pow2(1) - 1) = 1, high = 71 / 2 = 35
 *        DMA32 batch = (16384 >> 10) / 4 = 4 -> rounddown_pow2(6) - 1 = 3,
 *        high = max(285 / 2, 4 * 3) = 142
 */
#include <stdio.h>
#include <string.h>

#include "mm/internal.h"
#include "mm/page_owner.h"
#include "suites.h"
#include "util/time.h"

static struct mm_state mm;
static struct zone *dma, *dma32;
static struct printk_log klog;	/* the kernel's messages, kept for mm.log */

static bool log_has(const char *text)
{
	for (size_t i = 0; i < klog.cnt; i++)
		if (strstr(klog.lines[i], text))
			return true;
	return false;
}

static void boot(bool pcp)
{
	struct machine m;

	machine_init(&m, &arch_x86_64, "test");
	memblock_add_node(&m.memory, PFN_PHYS(1), PFN_PHYS(20479), 0, 0);
	m.node_declared[0] = true;
	m.boot_allocations = false;
	m.sysctl.pcp_enabled = pcp;
	printk_init(&klog);
	ck_assert_int_eq(mm_init(&mm, &m, &klog), 0);
	machine_release(&m);
	dma = mm_zone(&mm, 0, ZONE_DMA);
	dma32 = mm_zone(&mm, 0, ZONE_DMA32);
}

static void setup_pcp(void) { boot(true); }
static void setup_nopcp(void) { boot(false); }

static void teardown(void)
{
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm_release(&mm);
	printk_release(&klog);
}

START_TEST(test_watermarks_by_hand)
{
	ck_assert(!mm.sysctl.thp_enabled);
	ck_assert_int_eq(mm.sysctl.min_free_kbytes, 1144);
	ck_assert_uint_eq(dma->managed_pages, 4095);
	ck_assert_uint_eq(dma32->managed_pages, 16384);
	ck_assert_uint_eq(min_wmark_pages(dma), 57);
	ck_assert_uint_eq(low_wmark_pages(dma), 71);
	ck_assert_uint_eq(high_wmark_pages(dma), 85);
	ck_assert_uint_eq(min_wmark_pages(dma32), 228);
	ck_assert_uint_eq(low_wmark_pages(dma32), 285);
	ck_assert_uint_eq(high_wmark_pages(dma32), 342);
	ck_assert_int_eq(dma->lowmem_reserve[ZONE_DMA32], 64);
	ck_assert_int_eq(dma->lowmem_reserve[ZONE_NORMAL], 64);
	ck_assert_int_eq(dma->lowmem_reserve[ZONE_MOVABLE], 64);
	ck_assert_int_eq(dma32->lowmem_reserve[ZONE_NORMAL], 0);
	ck_assert_int_eq(dma->per_cpu_pageset[1].batch, 1);
	ck_assert_int_eq(dma->per_cpu_pageset[1].high, 35);
	ck_assert_int_eq(dma32->per_cpu_pageset[0].batch, 3);
	ck_assert_int_eq(dma32->per_cpu_pageset[0].high, 142);
}
END_TEST

/*
 * __zone_watermark_ok refuses exactly at the boundary: an order-0 request
 * passes only if free > mark + lowmem_reserve[highest_zoneidx].
 */
START_TEST(test_watermark_boundary)
{
	/* DMA for a request that may use DMA32: 57 + 64 */
	ck_assert(__zone_watermark_ok(dma, 0, 57, ZONE_DMA32, 0, 122));
	ck_assert(!__zone_watermark_ok(dma, 0, 57, ZONE_DMA32, 0, 121));
	/* a DMA-only request has no reserve to respect */
	ck_assert(__zone_watermark_ok(dma, 0, 57, ZONE_DMA, 0, 58));
	ck_assert(!__zone_watermark_ok(dma, 0, 57, ZONE_DMA, 0, 57));
	/* __GFP_HIGH (ALLOC_MIN_RESERVE): min - min/2 = 57 - 28 = 29 */
	ck_assert(__zone_watermark_ok(dma, 0, 57, ZONE_DMA, ALLOC_MIN_RESERVE, 30));
	ck_assert(!__zone_watermark_ok(dma, 0, 57, ZONE_DMA, ALLOC_MIN_RESERVE, 29));
	/* + ALLOC_NON_BLOCK: 29 - 29/4 = 22 */
	ck_assert(__zone_watermark_ok(dma, 0, 57, ZONE_DMA,
				      ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK, 23));
	ck_assert(!__zone_watermark_ok(dma, 0, 57, ZONE_DMA,
				       ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK, 22));
	/* order 3 subtracts 2^3 - 1 = 7 first: 57 + 7 + 1 = 65 is needed */
	ck_assert(__zone_watermark_ok(dma, 3, 57, ZONE_DMA, 0, 65));
	ck_assert(!__zone_watermark_ok(dma, 3, 57, ZONE_DMA, 0, 64));
}
END_TEST

/*
 * The high-order part of the check: enough free pages are not enough
 * without a free block of the order in an UNMOVABLE, MOVABLE or
 * RECLAIMABLE list; a HIGHATOMIC block counts only for ALLOC_HIGHATOMIC.
 */
START_TEST(test_watermark_high_order_needs_a_block)
{
	unsigned long pfn;

	/* Take every free block of order >= 9 out of DMA32. */
	while ((pfn = rmqueue_block(&mm, dma32, 9, MIGRATE_MOVABLE, OWNER_THP, 0))
	       != PFN_NONE)
		;
	ck_assert_uint_eq(dma32->free_area[9].nr_free, 0);
	ck_assert_uint_eq(dma32->free_area[10].nr_free, 0);
	ck_assert(!__zone_watermark_ok(dma32, 9, 0, ZONE_DMA32, 0, 100000));
	ck_assert(__zone_watermark_ok(dma32, 8, 0, ZONE_DMA32, 0, 100000) ==
		  (dma32->free_area[8].nr_free > 0));
	/* give one order-9 block back, as a HIGHATOMIC one */
	pfn = 4096;
	set_pageblock_migratetype(&mm, pfn, MIGRATE_HIGHATOMIC);
	free_block(&mm, pfn);
	ck_assert(!__zone_watermark_ok(dma32, 9, 0, ZONE_DMA32, 0, 100000));
	ck_assert(__zone_watermark_ok(dma32, 9, 0, ZONE_DMA32, ALLOC_HIGHATOMIC,
				      100000));
}
END_TEST

/*
 * GFP_KERNEL order-0 requests until failure, pcp off so that every page
 * comes straight from the buddy.  The zonelist is DMA32, DMA.
 *  fast path (low): DMA32 down to 285 free: 16384 - 285 = 16099 pages;
 *                   DMA down to 71 + 64 = 135: 4095 - 135 = 3960 pages;
 *  slow path (min): DMA32 down to 228: 57 pages; DMA down to 57 + 64 = 121:
 *                   14 pages;
 *  then failure: 20130 pages in all, 71 of them through the slow path.
 */
START_TEST(test_gfp_kernel_until_failure)
{
	unsigned long from_dma = 0, from_dma32 = 0, slow = 0;
	struct alloc_result r;

	for (;;) {
		r = alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
		if (r.pfn == PFN_NONE)
			break;
		if (r.zone == dma)
			from_dma++;
		else if (r.zone == dma32)
			from_dma32++;
		slow += r.slowpath;
	}
	ck_assert_uint_eq(from_dma32, 16099 + 57);
	ck_assert_uint_eq(from_dma, 3960 + 14);
	ck_assert_uint_eq(slow, 71);
	ck_assert_uint_eq(dma32->nr_free_pages, 228);
	ck_assert_uint_eq(dma->nr_free_pages, 121);
	ck_assert_uint_eq(mm.vm_events[PGALLOC_DMA32], 16099 + 57);
	ck_assert_uint_eq(mm.vm_events[PGALLOC_DMA], 3974);
	/* GFP_ATOMIC may dig further: min/2 - min/8 below DMA32's 228 */
	r = alloc_pages(&mm, GFP_ATOMIC, 0, 0, OWNER_KERNEL);
	ck_assert_uint_eq(r.pfn != PFN_NONE, 1);
	ck_assert_ptr_eq(r.zone, dma32);
}
END_TEST

/* The failures' messages of one ratelimited line a message at a time. */
static size_t failure_lines(void)
{
	size_t n = 0;

	for (size_t i = 0; i < klog.cnt; i++)
		n += strstr(klog.lines[i], "page allocation failure") != NULL;
	return n;
}

/*
 * warn_alloc: dump_header's mask and its names, and nopage_rs (10 s, burst
 * 1): the first failure is said, those within 10 s of it are not, the
 * first after is.
 */
START_TEST(test_failure_message_ratelimited)
{
	uint64_t now = 0;

	klog.clock_ns = &now;
	while (alloc_pages(&mm, GFP_KERNEL | __GFP_NOWARN, 0, 0,
			   OWNER_KERNEL).pfn != PFN_NONE)
		;
	ck_assert_uint_eq(failure_lines(), 0);
	now = 1000;
	alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
	ck_assert_uint_eq(failure_lines(), 1);
	ck_assert(log_has("fragsim: page allocation failure: order:0, "
			  "mode:0xcc0(GFP_KERNEL), nodemask=(null)"));
	now += 10 * NSEC_PER_SEC - 1;
	alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
	alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 1, 0, OWNER_ANON);
	ck_assert_uint_eq(failure_lines(), 1);
	now += 1;
	alloc_pages(&mm, GFP_HIGHUSER_MOVABLE | __GFP_COMP, 1, 0, OWNER_ANON);
	ck_assert_uint_eq(failure_lines(), 2);
	ck_assert(log_has("order:1, mode:0x140cca(GFP_HIGHUSER_MOVABLE|"
			  "__GFP_COMP), nodemask=(null)"));
	klog.clock_ns = NULL;
}
END_TEST

/* A DMA request never leaves ZONE_DMA; a bad zone combination is refused. */
START_TEST(test_gfp_zone_selection)
{
	struct alloc_result r = alloc_pages(&mm, GFP_KERNEL | __GFP_DMA, 0, 1,
					    OWNER_KERNEL);

	ck_assert_ptr_eq(r.zone, dma);
	r = alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 0, 1, OWNER_ANON);
	ck_assert_ptr_eq(r.zone, dma32);	/* no Normal, no Movable here */
	r = alloc_pages(&mm, GFP_KERNEL | __GFP_DMA | __GFP_DMA32, 0, 1,
			OWNER_KERNEL);
	ck_assert_uint_eq(r.pfn, PFN_NONE);
	ck_assert(log_has("GFP_ZONE_BAD"));
	r = alloc_pages(&mm, GFP_KERNEL, MAX_ORDER, 1, OWNER_KERNEL);
	ck_assert_uint_eq(r.pfn, PFN_NONE);
	ck_assert(log_has("order 11 >= MAX_ORDER"));
	ck_assert_uint_eq(mm.vm_events[PGALLOC_FAIL], 2);
}
END_TEST

/*
 * pcp: the first GFP_KERNEL order-0 request finds CPU 0's UNMOVABLE list
 * empty and refills it with batch = 3 pages through __rmqueue (which steals
 * DMA32's first order-10 block at 4096 and splits it): the list is [4096,
 * 4097, 4098] in pfn order, the request gets the head.  The zone's free
 * count drops by 3 at once.  A freed page goes back to the head (LIFO).
 */
START_TEST(test_pcp_refill_and_lifo)
{
	struct alloc_result r = alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
	struct per_cpu_pages *pcp = &dma32->per_cpu_pageset[0];

	ck_assert_uint_eq(r.pfn, 4096);
	ck_assert_int_eq(pcp->count, 2);
	ck_assert_uint_eq(dma32->nr_free_pages, 16384 - 3);
	r = alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
	ck_assert_uint_eq(r.pfn, 4097);
	ck_assert_uint_eq(dma32->nr_free_pages, 16384 - 3);
	/* CPU 1 has its own lists: it refills from the buddy. */
	r = alloc_pages(&mm, GFP_KERNEL, 0, 1, OWNER_KERNEL);
	ck_assert_uint_eq(r.pfn, 4099);
	ck_assert_uint_eq(dma32->nr_free_pages, 16384 - 6);

	free_pages(&mm, 4096, 0);
	ck_assert_int_eq(pcp->count, 2);
	r = alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
	ck_assert_uint_eq(r.pfn, 4096);
	/* pgfree counts the 20479 pages freed at boot too, as the kernel does */
	ck_assert_uint_eq(mm.vm_events[PGFREE], 20479 + 1);
}
END_TEST

/*
 * pcp drains: freeing order-0 pages on one CPU until count reaches high
 * (142) drains nr_pcp_free(...) = clamp(batch << free_factor, batch,
 * high - batch) pages, oldest first, back to the buddy; drain_all_pages
 * empties every list and the zone merges back to whole order-10 blocks.
 */
START_TEST(test_pcp_high_and_drain)
{
	unsigned long pfns[200];
	struct per_cpu_pages *pcp = &dma32->per_cpu_pageset[0];
	int n = 0;

	for (n = 0; n < 200; n++)
		pfns[n] = alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 0, 1,
				      OWNER_ANON).pfn;
	for (int i = 0; i < 141; i++)
		free_pages(&mm, pfns[i], 0);
	ck_assert_int_eq(pcp->count, 141);
	/* the 142nd free reaches high: free_factor 0, so batch = 3 pages go */
	free_pages(&mm, pfns[141], 0);
	ck_assert_int_eq(pcp->count, 142 - 3);
	ck_assert_int_eq(pcp->free_factor, 1);
	/* 140, 141, then 142 again: now batch << 1 = 6 pages go */
	free_pages(&mm, pfns[142], 0);
	free_pages(&mm, pfns[143], 0);
	ck_assert_int_eq(pcp->count, 141);
	free_pages(&mm, pfns[144], 0);
	ck_assert_int_eq(pcp->count, 142 - 6);
	ck_assert_int_eq(pcp->free_factor, 2);
	for (int i = 145; i < 200; i++)
		free_pages(&mm, pfns[i], 0);
	drain_all_pages(&mm, NULL);
	ck_assert_int_eq(pcp->count, 0);
	ck_assert_uint_eq(dma32->nr_free_pages, 16384);
	ck_assert_uint_eq(dma32->free_area[10].nr_free, 16);
}
END_TEST

/*
 * The highatomic reserve.  After 16099 + 3960 GFP_KERNEL pages the fast
 * path fails everywhere (see above).  A GFP_ATOMIC order-1 request then
 * takes the slow path with ALLOC_HIGHATOMIC (order > 0, __GFP_HIGH, no
 * direct reclaim) and MIN_RESERVE|NON_BLOCK: DMA32 passes at
 * 228 - 114 - 28 = 86 < 284, and reserve_highatomic_pageblock turns the
 * block's pageblock HIGHATOMIC (reserve 512 <= 16384/100 + 512).  GFP_KERNEL
 * requests no longer count those 512 pages as free; when they can get no
 * more, should_reclaim_retry's last resort unreserves the block (forced),
 * giving it to UNMOVABLE, and the failure is reported as the kernel does.
 */
START_TEST(test_highatomic_reserve_and_release)
{
	struct alloc_result r;
	unsigned long block;

	for (int i = 0; i < 16099 + 3960; i++)
		ck_assert(!alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL).slowpath);
	r = alloc_pages(&mm, GFP_ATOMIC, 1, 0, OWNER_KERNEL);
	ck_assert(r.slowpath);
	ck_assert_ptr_eq(r.zone, dma32);
	block = pageblock_start_pfn(r.pfn);
	ck_assert_uint_eq(dma32->nr_reserved_highatomic, 512);
	ck_assert_int_eq(get_pageblock_migratetype(&mm.memmap, block),
			 MIGRATE_HIGHATOMIC);
	ck_assert_uint_eq(dma32->nr_pageblock[MIGRATE_HIGHATOMIC], 1);

	while (alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL).pfn != PFN_NONE)
		;
	ck_assert_uint_eq(dma32->nr_reserved_highatomic, 0);
	ck_assert_int_eq(get_pageblock_migratetype(&mm.memmap, block),
			 MIGRATE_UNMOVABLE);
	ck_assert_uint_eq(dma32->nr_pageblock[MIGRATE_HIGHATOMIC], 0);
	ck_assert(log_has("page allocation failure: order:0"));
	/* __GFP_NOWARN failures stay quiet */
	printk_release(&klog);
	ck_assert_uint_eq(alloc_pages(&mm, GFP_KERNEL | __GFP_NOWARN, 0, 0,
				      OWNER_KERNEL).pfn, PFN_NONE);
	ck_assert(!log_has("page allocation failure"));
}
END_TEST

/*
 * ALLOC_NOFRAGMENT (alloc_flags_nofragment): a GFP_KERNEL request that
 * prefers Normal may only steal whole pageblocks there; when Normal has
 * nothing but small MOVABLE blocks it moves on to DMA32 (same node) and
 * steals a whole block there instead of fragmenting Normal.
 * Machine B: DMA32 pfn 4096..8191, Normal pfn 1048576..1052671 (4096
 * pages each), pcp off.  Normal is filled with movable pages and every
 * other one freed: 2048 free order-0 MOVABLE blocks, above its watermarks.
 */
START_TEST(test_nofragment_prefers_dma32_over_fragmenting_normal)
{
	struct machine m;
	struct zone *normal;
	struct alloc_result r;

	mm_release(&mm);
	machine_init(&m, &arch_x86_64, "test");
	memblock_add_node(&m.memory, PFN_PHYS(4096), PFN_PHYS(4096), 0, 0);
	memblock_add_node(&m.memory, PFN_PHYS(1048576), PFN_PHYS(4096), 0, 0);
	m.node_declared[0] = true;
	m.boot_allocations = false;
	m.sysctl.pcp_enabled = false;
	printk_release(&klog);
	ck_assert_int_eq(mm_init(&mm, &m, &klog), 0);
	machine_release(&m);
	normal = mm_zone(&mm, 0, ZONE_NORMAL);
	dma32 = mm_zone(&mm, 0, ZONE_DMA32);

	/* below the watermarks the allocator would move on: fill directly */
	while (rmqueue_block(&mm, normal, 0, MIGRATE_MOVABLE, OWNER_ANON, 0)
	       != PFN_NONE)
		;
	ck_assert_uint_eq(normal->nr_free_pages, 0);
	for (int i = 0; i < 4096; i += 2)
		free_pages(&mm, 1048576 + (unsigned long)i, 0);
	ck_assert_uint_eq(normal->free_area[0].nr_free, 2048);

	r = alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_SLAB_UNMOVABLE);
	ck_assert_ptr_eq(r.zone, dma32);
	ck_assert_uint_eq(mm.extfrag.fragmenting, 0);
	for (unsigned long pfn = 1048576; pfn < 1052672; pfn += 512)
		ck_assert_int_eq(get_pageblock_migratetype(&mm.memmap, pfn),
				 MIGRATE_MOVABLE);
}
END_TEST

/*
 * A MOVABLE request falls back across zones in zonelist order and honours
 * lowmem_reserve.  Machine C: DMA32 pfn 4096..20479, RAM at 4 GiB pfn
 * 1048576..1064959, movablecore=32M: 8192 pages rounded to 1024 stay 8192,
 * kernelcore = 32768 - 8192 = 24576 = 16384 below 4 GiB + 8192 above, so
 * Normal is pfn 1048576..1056767 and Movable 1056768..1064959.  pcp off.
 *   nr_free_buffer_pages = 16384 + 8192; min_free_kbytes =
 *   int_sqrt(24576 * 4 * 16) = 1254; pages_min = 313; lowmem = 32768
 *   DMA32:   min 313*16384/32768 = 156, delta max(39, 16) = 39: low 195
 *   Normal:  min 78, delta max(19, 8) = 19: low 97; Movable the same
 *   lowmem_reserve: DMA32[Movable] = 16384/256 = 64,
 *                   Normal[Movable] = 8192/32 = 256
 * GFP_HIGHUSER_MOVABLE (highest zone Movable), zonelist Movable, Normal,
 * DMA32:
 *   low:  Movable to 97 (8095 pages), Normal to 97+256 = 353 (7839),
 *         DMA32 to 195+64 = 259 (16125)
 *   min:  Movable to 78 (19), Normal to 78+256 = 334 (19),
 *         DMA32 to 156+64 = 220 (39)
 */
START_TEST(test_movable_falls_back_in_zonelist_order)
{
	unsigned long got[MAX_NR_ZONES] = { 0 }, slow[MAX_NR_ZONES] = { 0 };
	struct machine m;
	struct alloc_result r;

	mm_release(&mm);
	printk_release(&klog);
	machine_init(&m, &arch_x86_64, "test");
	memblock_add_node(&m.memory, PFN_PHYS(4096), PFN_PHYS(16384), 0, 0);
	memblock_add_node(&m.memory, PFN_PHYS(1048576), PFN_PHYS(16384), 0, 0);
	m.node_declared[0] = true;
	m.boot_allocations = false;
	m.sysctl.pcp_enabled = false;
	machine_set_cmdline(&m, "movablecore=32M", DIAG_LOC("test", 0));
	ck_assert_int_eq(mm_init(&mm, &m, &klog), 0);
	machine_release(&m);
	ck_assert_uint_eq(mm_zone(&mm, 0, ZONE_MOVABLE)->zone_start_pfn, 1056768);
	ck_assert_int_eq(mm.sysctl.min_free_kbytes, 1254);
	ck_assert_int_eq(mm_zone(&mm, 0, ZONE_DMA32)->lowmem_reserve[ZONE_MOVABLE], 64);
	ck_assert_int_eq(mm_zone(&mm, 0, ZONE_NORMAL)->lowmem_reserve[ZONE_MOVABLE], 256);

	while ((r = alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 0, 0, OWNER_ANON)).pfn
	       != PFN_NONE) {
		if (r.slowpath)
			slow[r.zone->type]++;
		else
			got[r.zone->type]++;
	}
	ck_assert_uint_eq(got[ZONE_MOVABLE], 8095);
	ck_assert_uint_eq(got[ZONE_NORMAL], 7839);
	ck_assert_uint_eq(got[ZONE_DMA32], 16125);
	ck_assert_uint_eq(slow[ZONE_MOVABLE], 19);
	ck_assert_uint_eq(slow[ZONE_NORMAL], 19);
	ck_assert_uint_eq(slow[ZONE_DMA32], 39);
	ck_assert_uint_eq(mm.vm_events[PGALLOC_MOVABLE], 8095 + 19);
}
END_TEST

/*
 * The atomic DMA pools: 128 KiB each on a machine this small (32 pages
 * from DMA, 32 from DMA32), or coherent_pool='s size, here 1 MiB (256
 * pages each).  The pool's block is taken from its zone before the
 * watermarks are set, so the zones' free counts differ by 224 pages.
 */
static unsigned long boot_free(const char *cmdline, unsigned long out[2],
			       const char *want_line)
{
	struct machine m;
	bool said = false;

	mm_release(&mm);
	printk_release(&klog);
	printk_init(&klog);
	machine_init(&m, &arch_x86_64, "test");
	memblock_add_node(&m.memory, PFN_PHYS(1), PFN_PHYS(20479), 0, 0);
	m.node_declared[0] = true;
	m.sysctl.pcp_enabled = false;
	machine_set_cmdline(&m, cmdline, DIAG_LOC("test", 0));
	ck_assert_int_eq(mm_init(&mm, &m, &klog), 0);
	machine_release(&m);
	for (size_t i = 0; i < klog.cnt; i++)
		said |= !strcmp(klog.lines[i], want_line);
	ck_assert_msg(said, "no \"%s\" at boot", want_line);
	out[0] = mm_zone(&mm, 0, ZONE_DMA)->nr_free_pages;
	out[1] = mm_zone(&mm, 0, ZONE_DMA32)->nr_free_pages;
	return out[0] + out[1];
}

START_TEST(test_coherent_pool_sizes_the_dma_pools)
{
	unsigned long deflt[2], sized[2];

	boot_free("", deflt, "DMA: preallocated 128 KiB GFP_KERNEL|GFP_DMA "
		  "pool for atomic allocations");
	boot_free("coherent_pool=1M", sized, "DMA: preallocated 1024 KiB "
		  "GFP_KERNEL|GFP_DMA pool for atomic allocations");
	ck_assert_uint_eq(deflt[0] - sized[0], 224);
	/* GFP_KERNEL's pool and GFP_DMA32's both come from DMA32 */
	ck_assert_uint_eq(deflt[1] - sized[1], 2 * 224);
}
END_TEST

/* The blocks the random test holds; reclaim may free some of them. */
struct live_set {
	unsigned long pfn[20480];
	int n;
};

/* mm->block_dropped: reclaim freed one of ours, forget it. */
static void forget_dropped(void *ctx, struct block_ref ref)
{
	struct live_set *live = ctx;
	unsigned long pfn = block_ref_get(&mm, ref)->pfn;

	for (int k = 0; k < live->n; k++)
		if (live->pfn[k] == pfn) {
			live->pfn[k] = live->pfn[--live->n];
			return;
		}
	ck_abort_msg("reclaim dropped pfn %lu, which the test does not hold", pfn);
}

/*
 * Long random sequences through alloc_pages/free_pages with pcp lists, on
 * two CPUs, with the invariant checker every 25 operations; freeing all
 * and draining the pcp lists leaves every page free.  Direct reclaim may
 * free reclaimable slab blocks, which the block_dropped hook forgets.
 */
START_TEST(test_random_alloc_free_keeps_invariants)
{
	static const gfp_t gfps[] = {
		GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_KERNEL_RECLAIMABLE,
		GFP_ATOMIC, GFP_KERNEL | __GFP_DMA, GFP_TRANSHUGE_LIGHT,
	};
	static const enum owner_kind kinds[] = {
		OWNER_KERNEL, OWNER_ANON, OWNER_SLAB_RECLAIMABLE, OWNER_KERNEL,
		OWNER_KERNEL, OWNER_THP,
	};
	static struct live_set set;
	uint64_t rng = 0x9e3779b97f4a7c15ULL * (uint64_t)(_i + 1);

	set.n = 0;
	mm.block_dropped = forget_dropped;
	mm.block_dropped_ctx = &set;
	for (int step = 0; step < 4000; step++) {
		rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
		if (set.n && ((rng >> 33) % 100 < 40 || set.n == 20480)) {
			int k = (int)((rng >> 20) % (uint64_t)set.n);

			free_pages(&mm, set.pfn[k], (int)(rng >> 40 & 1));
			set.pfn[k] = set.pfn[--set.n];
		} else {
			int g = (int)((rng >> 24) % 6);
			unsigned int order = g == 5 ? 9 :
				(rng >> 40) % 10 < 7 ? 0 : (unsigned int)((rng >> 44) % 4);
			struct alloc_result r = alloc_pages(&mm, gfps[g], order,
							    (int)(rng >> 50 & 1),
							    kinds[g]);

			if (r.pfn != PFN_NONE)
				set.pfn[set.n++] = r.pfn;
		}
		if (step % 25 == 0 && mm_check_invariants(&mm, stderr))
			ck_abort_msg("invariants broken at step %d", step);
	}
	while (set.n)
		free_pages(&mm, set.pfn[--set.n], 0);
	drain_all_pages(&mm, NULL);
	ck_assert_uint_eq(dma->nr_free_pages + dma32->nr_free_pages, 20479);
}
END_TEST

/*
 * Released records are reused last released first, through the list their
 * own holder_slot links; the invariant checker follows that list and
 * catches a record on it twice (a cycle) or a count that disagrees.
 */
START_TEST(test_released_records_reused_last_first)
{
	struct alloc_result r[3];
	uint32_t head, second;

	for (int i = 0; i < 3; i++) {
		r[i] = alloc_pages(&mm, GFP_KERNEL, 0, 0, OWNER_KERNEL);
		ck_assert_uint_ne(r[i].pfn, PFN_NONE);
	}
	ck_assert_uint_eq(mm.nr_blocks_unused, 0);
	for (int i = 0; i < 3; i++)
		free_pages(&mm, r[i].pfn, 0);
	ck_assert_uint_eq(mm.nr_blocks_unused, 3);
	ck_assert_uint_eq(mm.blocks_unused, r[2].ref.idx + 1);
	ck_assert_int_eq(mm_check_invariants(&mm, NULL), 0);

	/* a cycle: the last record links back to the first */
	head = mm.blocks_unused - 1;
	second = mm.blocks[head].holder_slot - 1;
	ck_assert_uint_eq(second, r[1].ref.idx);
	mm.blocks[r[0].ref.idx].holder_slot = head + 1;
	ck_assert_int_gt(mm_check_invariants(&mm, NULL), 0);
	mm.blocks[r[0].ref.idx].holder_slot = 0;
	mm.nr_blocks_unused++;
	ck_assert_int_gt(mm_check_invariants(&mm, NULL), 0);
	mm.nr_blocks_unused--;
	ck_assert_int_eq(mm_check_invariants(&mm, NULL), 0);

	/* reuse: the last released first, then the one it linked */
	ck_assert_uint_eq(alloc_pages(&mm, GFP_KERNEL, 0, 0,
				      OWNER_KERNEL).ref.idx, r[2].ref.idx);
	ck_assert_uint_eq(alloc_pages(&mm, GFP_KERNEL, 0, 0,
				      OWNER_KERNEL).ref.idx, r[1].ref.idx);
	ck_assert_uint_eq(mm.nr_blocks_unused, 1);
	ck_assert_uint_eq(mm.blocks_unused, r[0].ref.idx + 1);
}
END_TEST

/*
 * Mixed pageblocks (page_owner's pagetypeinfo_showmixedcount_print): an
 * order-10 movable block spans two pageblocks and page_owner marks all
 * its pages, so when the second pageblock turns Unmovable it is mixed,
 * though the block's head lies in the first.  The count kept as blocks
 * come and go and the census walk agree, and freeing the block clears it.
 */
START_TEST(test_mixed_pageblock_from_a_block_begun_earlier)
{
	unsigned long pfn = rmqueue_block(&mm, dma32, 10, MIGRATE_MOVABLE,
					  OWNER_ANON, 0);
	struct zone_census c;

	ck_assert_uint_ne(pfn, PFN_NONE);
	ck_assert_uint_eq(pfn % 1024, 0);
	ck_assert_uint_eq(dma32->nr_mixed[MIGRATE_UNMOVABLE], 0);
	set_pageblock_migratetype(&mm, pfn + 512, MIGRATE_UNMOVABLE);
	ck_assert_uint_eq(dma32->nr_mixed[MIGRATE_UNMOVABLE], 1);
	ck_assert_uint_eq(dma32->nr_mixed[MIGRATE_MOVABLE], 0);
	zone_census(&mm, dma32, &c);
	ck_assert_uint_eq(c.mixed[MIGRATE_UNMOVABLE], 1);
	ck_assert_uint_eq(c.mixed[MIGRATE_MOVABLE], 0);
	ck_assert_uint_eq(c.allocated[MIGRATE_MOVABLE], 1024);
	free_block(&mm, pfn);
	ck_assert_uint_eq(dma32->nr_mixed[MIGRATE_UNMOVABLE], 0);
}
END_TEST

/*
 * show_gfp_flags' order: every mask of the ftrace oracle's trace that
 * fragsim can hold (not __GFP_ACCOUNT's) reads back as the kernel printed
 * it, and the anonymous fault's mask as dump_header's %pGg prints it.
 */
START_TEST(test_gfp_format_as_the_kernel_prints_it)
{
	static const char *const kernel[] = {
		"GFP_HIGHUSER_MOVABLE|__GFP_COMP",
		"GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO",
		"GFP_HIGHUSER_MOVABLE|__GFP_NOWARN|__GFP_RETRY_MAYFAIL|"
		"__GFP_COMP|__GFP_THISNODE",
		"GFP_HIGHUSER|__GFP_COMP",
		"GFP_KERNEL|__GFP_NOWARN|__GFP_NORETRY",
		"GFP_KERNEL|__GFP_NOWARN|__GFP_NORETRY|__GFP_RECLAIMABLE",
		"GFP_NOFS|__GFP_NOWARN|__GFP_NORETRY",
		"GFP_NOWAIT|__GFP_NOWARN",
		"GFP_NOWAIT|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP|"
		"__GFP_RECLAIMABLE",
		"GFP_USER",
		"__GFP_IO|__GFP_FS|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP|"
		"__GFP_NOMEMALLOC|__GFP_RECLAIMABLE",
	};
	char buf[256];
	gfp_t gfp;

	for (size_t i = 0; i < sizeof(kernel) / sizeof(kernel[0]); i++) {
		ck_assert_int_eq(gfp_parse(kernel[i], &gfp), 0);
		gfp_format(gfp, buf, sizeof(buf));
		ck_assert_str_eq(buf, kernel[i]);
	}
	gfp_format(0x140dca, buf, sizeof(buf));
	ck_assert_str_eq(buf, "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO");
}
END_TEST

Suite *page_alloc_suite(void)
{
	Suite *s = suite_create("page_alloc");
	TCase *nopcp = tcase_create("without pcp");
	TCase *pcp = tcase_create("with pcp");

	tcase_add_checked_fixture(pcp, setup_pcp, teardown);
	tcase_add_test(pcp, test_watermarks_by_hand);
	tcase_add_test(pcp, test_watermark_boundary);
	tcase_add_test(pcp, test_gfp_zone_selection);
	tcase_add_test(pcp, test_pcp_refill_and_lifo);
	tcase_add_test(pcp, test_pcp_high_and_drain);
	tcase_add_loop_test(pcp, test_random_alloc_free_keeps_invariants, 0, 3);
	tcase_set_timeout(pcp, 120);
	tcase_add_checked_fixture(nopcp, setup_nopcp, teardown);
	tcase_add_test(nopcp, test_watermark_high_order_needs_a_block);
	tcase_add_test(nopcp, test_gfp_kernel_until_failure);
	tcase_add_test(nopcp, test_gfp_format_as_the_kernel_prints_it);
	tcase_add_test(nopcp, test_failure_message_ratelimited);
	tcase_add_test(nopcp, test_mixed_pageblock_from_a_block_begun_earlier);
	tcase_add_test(nopcp, test_highatomic_reserve_and_release);
	tcase_add_test(nopcp, test_coherent_pool_sizes_the_dma_pools);
	tcase_add_test(nopcp, test_released_records_reused_last_first);
	tcase_add_test(nopcp, test_movable_falls_back_in_zonelist_order);
	tcase_add_test(nopcp, test_nofragment_prefers_dma32_over_fragmenting_normal);
	suite_add_tcase(s, pcp);
	suite_add_tcase(s, nopcp);
	return s;
}
