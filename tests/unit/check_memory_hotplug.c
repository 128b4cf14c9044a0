/*
 * check_memory_hotplug.c - offlining and onlining memory blocks against
 * the kernel's rules (mm/memory_hotplug.c, mm/page_isolation.c, 6.1),
 * with every outcome worked out by hand.
 *
 * Machine A: one node, two CPUs, memory pfn 4096..262143 (16 MiB..1 GiB),
 * nothing reserved, "movablecore=256M": DMA32 is pfn 4096..196607
 * (192512 pages), ZONE_MOVABLE pfn 196608..262143 (65536 pages).  Memory
 * blocks are 128 MiB (32768 pages): block 0 has a hole below 16 MiB,
 * blocks 1-5 are DMA32, blocks 6 and 7 ZONE_MOVABLE.  totalram is 1 GiB,
 * so THP is on and khugepaged sets min_free_kbytes: two pageblocks plus
 * nine per zone up to Normal (DMA32 only) = 11 * 512 = 5632 pages =
 * 22528 kB (below nr_free_buffer_pages / 20), pages_min = 5632, spread
 * over the lowmem zones (both: ZONE_MOVABLE is not highmem here) by
 * managed pages: Movable min = 5632 * 65536 / 258048 = 1430.
 *
 * Every free block starts at order 10 on the MOVABLE lists, in ascending
 * order (boot frees to the tail), so requests are served upwards from the
 * lowest free pfn of a zone.
 *
 * Machine B: the same memory with "movablecore=200M": ZONE_MOVABLE starts
 * at 262144 - 51200 = 210944 (MAX_ORDER aligned), inside block 6.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mm/internal.h"
#include "mm/memory_hotplug.h"
#include "suites.h"
#include "testbed.h"

#define BLOCK		32768UL
#define DMA32_START	4096UL
#define MOVABLE_START	196608UL	/* block 6 */
#define BLOCK7		229376UL
#define END_PFN		262144UL

static struct mm_state mm;
static struct zone *dma32, *movable;
static struct printk_log klog;

static bool log_has(const char *text)
{
	for (size_t i = 0; i < klog.cnt; i++)
		if (strstr(klog.lines[i], text))
			return true;
	return false;
}

static size_t log_count(const char *text)
{
	size_t n = 0;

	for (size_t i = 0; i < klog.cnt; i++)
		n += strstr(klog.lines[i], text) != NULL;
	return n;
}

static void boot(const char *cmdline)
{
	struct machine m;

	machine_init(&m, &arch_x86_64, "test");
	memblock_add_node(&m.memory, PFN_PHYS(DMA32_START),
			  PFN_PHYS(END_PFN - DMA32_START), 0, 0);
	m.node_declared[0] = true;
	m.boot_allocations = false;
	machine_set_cmdline(&m, cmdline, DIAG_LOC("t", 0));
	printk_init(&klog);
	ck_assert_int_eq(mm_init(&mm, &m, &klog), 0);
	machine_release(&m);
	/* from here on only what hotplug prints */
	printk_release(&klog);
	printk_init(&klog);
	mm.log = &klog;
	dma32 = mm_zone(&mm, 0, ZONE_DMA32);
	movable = mm_zone(&mm, 0, ZONE_MOVABLE);
}

static void setup_a(void) { boot("movablecore=256M"); }
static void setup_b(void) { boot("movablecore=200M"); }

static void teardown(void)
{
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm_release(&mm);
	printk_release(&klog);
}

/*
 * Test fixture: allocate the block of order at pfn, wherever the free
 * block holding it sits, by splitting that free block as expand would.
 */
static void alloc_at(struct zone *zone, unsigned long pfn, unsigned int order,
		     enum owner_kind kind)
{
	unsigned long head = pfn;
	unsigned int o;
	enum migratetype mt;

	for (o = 0; o < MAX_ORDER; o++) {
		head = pfn & ~((1UL << o) - 1);
		if (PageBuddy(&mm, head) && buddy_block(&mm, head)->order >= o)
			break;
	}
	ck_assert_uint_lt(o, MAX_ORDER);
	o = buddy_block(&mm, head)->order;
	mt = (enum migratetype)buddy_block(&mm, head)->migratetype;
	buddy_take(&mm, zone, head);
	zone->nr_free_pages -= 1UL << o;
	while (o > order) {
		unsigned long half = head + (1UL << --o);

		if (pfn >= half) {
			__free_one_page(&mm, zone, head, o, mt, FPI_NONE);
			head = half;
		} else {
			__free_one_page(&mm, zone, half, o, mt, FPI_NONE);
		}
	}
	page_block_commit(&mm, pfn, order, MIGRATE_MOVABLE, kind);
}

/* Free blocks per (order, type) list of a zone. */
static void list_counts(const struct zone *zone,
			unsigned long counts[MAX_ORDER][MIGRATE_TYPES])
{
	for (int o = 0; o < MAX_ORDER; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			counts[o][mt] = 0;
			for (uint32_t i = zone->free_area[o].free_list[mt].head;
			     i != NIL; i = mm.free_blocks[i].next)
				counts[o][mt]++;
		}
}

static void assert_block(unsigned long nr, int state, struct zone *zone)
{
	struct memory_block_info info;

	ck_assert_int_eq(memory_block_state(&mm, nr, &info), 0);
	ck_assert_int_eq(info.state, state);
	ck_assert_int_eq(info.nid, 0);
	ck_assert_ptr_eq(info.zone, zone);
}

START_TEST(test_blocks_at_boot)
{
	struct memory_block_info info;

	ck_assert_uint_eq(memory_block_size_bytes(&mm), 128UL << 20);
	ck_assert_uint_eq(nr_memory_blocks(&mm), 8);
	for (unsigned long b = 0; b < 6; b++)
		assert_block(b, MEM_ONLINE, dma32);
	assert_block(6, MEM_ONLINE, movable);
	assert_block(7, MEM_ONLINE, movable);
	ck_assert_int_eq(memory_block_state(&mm, 8, &info), -ENODEV);
}
END_TEST

/*
 * 100 anonymous pages at pfn 196608..196707 and a THP at 197120 (the
 * order-9 half the first split left) in block 6.  Isolation: ZONE_MOVABLE
 * only refuses reserved pages, so all 64 pageblocks are isolated and the
 * 32768 - 612 free pages leave NR_FREE_PAGES.  Targets come from block 7
 * through the zone's pcp lists (high 0, batch 1: one page per refill),
 * upwards from its first order-10 block: anon page i goes to 229376 + i,
 * and the THP to the order-9 half that split left, 229376 + 512.  The
 * freed sources merge back on the isolate lists, so the range tests
 * isolated; offlining shrinks ZONE_MOVABLE to block 7 (it started at the
 * block), and its free pages by the 32768 offlined.  Watermarks follow
 * the new managed count: lowmem 192512 + 32768 = 225280, so Movable min =
 * 5632 * 32768 / 225280 = 819 and DMA32 min = 5632 * 192512 / 225280 =
 * 4812.
 */
START_TEST(test_offline_movable_block_migrates_everything)
{
	struct block_ref refs[101];
	unsigned long success = mm.vm_events[PGMIGRATE_SUCCESS];
	unsigned long free_before;

	for (int i = 0; i < 100; i++) {
		unsigned long pfn = rmqueue_block(&mm, movable, 0, MIGRATE_MOVABLE,
						  OWNER_ANON, 0);

		ck_assert_uint_eq(pfn, MOVABLE_START + (unsigned long)i);
		refs[i] = block_ref_of(&mm, pfn);
	}
	ck_assert_uint_eq(rmqueue_block(&mm, movable, 9, MIGRATE_MOVABLE,
					OWNER_THP, 0), MOVABLE_START + 512);
	refs[100] = block_ref_of(&mm, MOVABLE_START + 512);
	free_before = movable->nr_free_pages;
	ck_assert_uint_eq(free_before, 65536 - 612);

	ck_assert_int_eq(offline_memory_block(&mm, 6), 0);

	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS] - success, 612);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_FAIL], 0);
	for (int i = 0; i < 100; i++) {
		const struct page_block *b = block_ref_get(&mm, refs[i]);

		ck_assert_ptr_nonnull(b);
		ck_assert_uint_eq(b->pfn, BLOCK7 + (unsigned long)i);
		ck_assert_uint_eq(b->kind, OWNER_ANON);
	}
	ck_assert_ptr_nonnull(block_ref_get(&mm, refs[100]));
	ck_assert_uint_eq(block_ref_get(&mm, refs[100])->pfn, BLOCK7 + 512);
	ck_assert_uint_eq(block_ref_get(&mm, refs[100])->order, 9);

	ck_assert_uint_eq(movable->zone_start_pfn, BLOCK7);
	ck_assert_uint_eq(movable->spanned_pages, BLOCK);
	ck_assert_uint_eq(movable->present_pages, BLOCK);
	ck_assert_uint_eq(movable->managed_pages, BLOCK);
	ck_assert_uint_eq(movable->nr_free_pages, free_before - BLOCK);
	ck_assert_uint_eq(movable->nr_isolate_pageblock, 0);
	ck_assert_uint_eq(movable->nr_pageblock[MIGRATE_MOVABLE], 64);
	ck_assert_uint_eq(movable->nr_pageblock[MIGRATE_ISOLATE], 0);
	ck_assert_uint_eq(mm.layout.node_data[0].node_present_pages,
			  192512 + BLOCK);
	ck_assert_uint_eq(movable->_watermark[WMARK_MIN], 819);
	ck_assert_uint_eq(dma32->_watermark[WMARK_MIN], 4812);
	ck_assert_ptr_null(page_zone(&mm, MOVABLE_START));
	ck_assert_int_eq(frame_type(&mm.memmap, MOVABLE_START + 5),
			 FRAME_RESERVED);
	assert_block(6, MEM_OFFLINE, NULL);
	ck_assert_uint_eq(mm.vm_events[FRAGSIM_OFFLINE_ATTEMPT], 1);
	ck_assert_uint_eq(mm.vm_events[FRAGSIM_OFFLINE_SUCCESS], 1);
	ck_assert(!log_has("memory offlining"));
	/* A second offlining finds the block offline already. */
	ck_assert_int_eq(offline_memory_block(&mm, 6), -EINVAL);
}
END_TEST

/*
 * A slab page at 103424 (pageblock 10 of block 3, DMA32) and an anon page
 * at 100864 (pageblock 5).  start_isolate_page_range isolates pageblock
 * 98304, then the last one, 130560, then 98816 upwards: the anon page is
 * on the LRU and passes, the slab page at 103424 does not.  The ten
 * isolated pageblocks below it and the last one go back to MOVABLE,
 * which they were, with their free pages; no free block at a pageblock
 * start has a free non-isolated buddy of its order, so nothing merges
 * and every list holds what it held.
 */
START_TEST(test_unmovable_page_fails_isolation)
{
	unsigned long before[MAX_ORDER][MIGRATE_TYPES];
	unsigned long after[MAX_ORDER][MIGRATE_TYPES];
	uint8_t types[(END_PFN - DMA32_START) / pageblock_nr_pages];
	unsigned long free_before;
	size_t nb = 0;

	alloc_at(dma32, 103424, 0, OWNER_SLAB_UNMOVABLE);
	alloc_at(dma32, 100864, 0, OWNER_ANON);
	free_before = dma32->nr_free_pages;
	list_counts(dma32, before);
	for (unsigned long pfn = DMA32_START; pfn < END_PFN; pfn += pageblock_nr_pages)
		types[nb++] = (uint8_t)get_pageblock_migratetype(&mm.memmap, pfn);

	ck_assert_int_eq(offline_memory_block(&mm, 3), -EBUSY);

	ck_assert_uint_eq(dma32->nr_free_pages, free_before);
	ck_assert_uint_eq(dma32->nr_isolate_pageblock, 0);
	list_counts(dma32, after);
	ck_assert_mem_eq(before, after, sizeof(before));
	nb = 0;
	for (unsigned long pfn = DMA32_START; pfn < END_PFN; pfn += pageblock_nr_pages)
		ck_assert_uint_eq(get_pageblock_migratetype(&mm.memmap, pfn),
				  types[nb++]);
	ck_assert_uint_eq(dma32->managed_pages, 192512);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 0);
	assert_block(3, MEM_ONLINE, dma32);
	ck_assert(log_has("pfn:0x19400"));
	ck_assert(log_has("page dumped because: unmovable page"));
	ck_assert(log_has("memory offlining [mem 0x18000000-0x1fffffff] "
			  "failed due to failure to isolate range"));
	ck_assert_uint_eq(mm.vm_events[FRAGSIM_OFFLINE_ATTEMPT], 1);
	ck_assert_uint_eq(mm.vm_events[FRAGSIM_OFFLINE_SUCCESS], 0);
}
END_TEST

/*
 * Ten anon pages at 196608..196617, the fifth (196612) pinned.  Isolation
 * succeeds (a pinned page is on the LRU).  The first pass moves the nine
 * others to 229376..229384 (the pinned page's target, allocated and freed
 * at each try, merges back and is reused) and fails the pinned page after
 * migrate_pages's 10 tries: one failed page per pass.  scan_movable_pages
 * finds it again every time, so after OFFLINE_MAX_FAILED_PASSES passes
 * offlining gives up: -EBUSY, the pageblocks MOVABLE again, the free
 * count as before (nine pages freed in block 6, nine taken in block 7),
 * the pcp limits restored.
 */
START_TEST(test_pinned_page_fails_after_retries)
{
	struct block_ref refs[10];
	int pcp_high = movable->per_cpu_pageset[0].high;
	unsigned long free_before;

	for (int i = 0; i < 10; i++) {
		unsigned long pfn = rmqueue_block(&mm, movable, 0, MIGRATE_MOVABLE,
						  i == 4 ? OWNER_PINNED : OWNER_ANON, 0);

		ck_assert_uint_eq(pfn, MOVABLE_START + (unsigned long)i);
		refs[i] = block_ref_of(&mm, pfn);
	}
	free_before = movable->nr_free_pages;

	ck_assert_int_eq(offline_memory_block(&mm, 6), -EBUSY);

	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 9);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_FAIL], OFFLINE_MAX_FAILED_PASSES);
	for (int i = 0; i < 10; i++) {
		unsigned long want = i < 4 ? BLOCK7 + (unsigned long)i :
			     i == 4 ? MOVABLE_START + 4 : BLOCK7 + (unsigned long)i - 1;

		ck_assert_uint_eq(block_ref_get(&mm, refs[i])->pfn, want);
	}
	ck_assert_uint_eq(movable->nr_free_pages, free_before);
	ck_assert_uint_eq(movable->nr_isolate_pageblock, 0);
	ck_assert_uint_eq(movable->nr_pageblock[MIGRATE_MOVABLE], 128);
	ck_assert_uint_eq(movable->present_pages, 65536);
	ck_assert_uint_eq(movable->managed_pages, 65536);
	ck_assert_int_eq(movable->per_cpu_pageset[0].high, pcp_high);
	assert_block(6, MEM_ONLINE, movable);
	ck_assert_uint_eq(log_count("migrating pfn 30004 failed ret:1"),
			  OFFLINE_MAX_FAILED_PASSES);
	ck_assert(log_has("refcount:1025"));
	ck_assert(log_has("memory offlining [mem 0x30000000-0x37ffffff] "
			  "failed due to signal backoff"));
}
END_TEST

/*
 * A ramfs page fails for good (fallback_migrate_folio writes a dirty page
 * out; ram_aops has no writepage: -EINVAL): tried once per pass, not ten
 * times, so each pass counts one failure as a pinned page's does, and
 * offlining ends the same way.
 */
START_TEST(test_ramfs_page_fails_once_per_pass)
{
	struct block_ref ramfs = { 0 };

	for (int i = 0; i < 10; i++) {
		unsigned long pfn = rmqueue_block(&mm, movable, 0, MIGRATE_MOVABLE,
						  i == 4 ? OWNER_RAMFS : OWNER_ANON, 0);

		ck_assert_uint_eq(pfn, MOVABLE_START + (unsigned long)i);
		if (i == 4)
			ramfs = block_ref_of(&mm, pfn);
	}
	ck_assert_int_eq(offline_memory_block(&mm, 6), -EBUSY);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 9);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_FAIL], OFFLINE_MAX_FAILED_PASSES);
	ck_assert_uint_eq(block_ref_get(&mm, ramfs)->pfn, MOVABLE_START + 4);
	ck_assert_uint_eq(movable->nr_isolate_pageblock, 0);
	assert_block(6, MEM_ONLINE, movable);
	ck_assert_uint_eq(log_count("migrating pfn 30004 failed ret:1"),
			  OFFLINE_MAX_FAILED_PASSES);
}
END_TEST

/*
 * Pages freed to the pcp lists stay off the buddy lists.  Ten order-0
 * allocations on CPU 0 refill its Movable list with a batch of 15 pages
 * (196608..196622) and take 196608..196617; freed again, all 15 sit on
 * the pcp list.  zone_pcp_disable drains them before isolation, so block
 * 6 is all free and goes offline with nothing to migrate.
 */
START_TEST(test_pcp_pages_are_drained_before_isolation)
{
	unsigned long pfns[10];

	for (int i = 0; i < 10; i++) {
		struct alloc_result r = alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 0,
						    0, OWNER_ANON);

		ck_assert_uint_eq(r.pfn, MOVABLE_START + (unsigned long)i);
		pfns[i] = r.pfn;
	}
	for (int i = 0; i < 10; i++)
		free_pages(&mm, pfns[i], 0);
	ck_assert_int_eq(movable->per_cpu_pageset[0].count, 15);
	ck_assert_int_eq(frame_type(&mm.memmap, MOVABLE_START), FRAME_PCP);

	ck_assert_int_eq(offline_memory_block(&mm, 6), 0);

	ck_assert_int_eq(movable->per_cpu_pageset[0].count, 0);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 0);
	ck_assert_uint_eq(movable->nr_free_pages, BLOCK);
	assert_block(6, MEM_OFFLINE, NULL);
}
END_TEST

/*
 * A THP at 196608 (block 6) when no 2 MiB block is free anywhere it may
 * go: DMA32 is all kernel memory, block 7 holds 26 kernel order-10 blocks
 * and 6144 slab pages of which every other one is free (3072 free pages,
 * none with a free buddy).  The order-9 target fails (compaction has
 * nothing it can move), so migrate_pages_batch splits the THP and
 * migrates its 512 pages one by one into block 7: pgmigrate_success
 * 512, pgmigrate_fail 0 (the split THP is a failure of the batch, not of
 * its pages), migrate_pages returns 0 as nothing stays on the list, and
 * the offlining succeeds.  The head keeps the THP's record, now an
 * order-0 anonymous page.
 */
START_TEST(test_thp_without_huge_target_is_split)
{
	struct block_ref thp;
	unsigned long placeholders[32], in_block7 = 0;

	ck_assert_uint_eq(rmqueue_block(&mm, movable, 9, MIGRATE_MOVABLE,
					OWNER_THP, 0), MOVABLE_START);
	thp = block_ref_of(&mm, MOVABLE_START);
	while (rmqueue_block(&mm, dma32, 10, MIGRATE_MOVABLE, OWNER_KERNEL, 0) !=
	       PFN_NONE)
		;
	ck_assert_uint_eq(dma32->nr_free_pages, 0);
	/* block 6's free memory is held while block 7 is filled */
	placeholders[31] = rmqueue_block(&mm, movable, 9, MIGRATE_MOVABLE,
					 OWNER_ANON, 0);
	ck_assert_uint_eq(placeholders[31], MOVABLE_START + 512);
	for (int i = 0; i < 31; i++)
		placeholders[i] = rmqueue_block(&mm, movable, 10, MIGRATE_MOVABLE,
						OWNER_ANON, 0);
	ck_assert_uint_eq(placeholders[30], BLOCK7 - 1024);
	for (int i = 0; i < 26; i++)
		ck_assert_uint_eq(rmqueue_block(&mm, movable, 10, MIGRATE_MOVABLE,
						OWNER_KERNEL, 0),
				  BLOCK7 + 1024 * (unsigned long)i);
	for (unsigned long p = BLOCK7 + 26 * 1024; p < END_PFN; p++)
		ck_assert_uint_eq(rmqueue_block(&mm, movable, 0, MIGRATE_MOVABLE,
						OWNER_SLAB_UNMOVABLE, 0), p);
	for (unsigned long p = BLOCK7 + 26 * 1024; p < END_PFN; p += 2)
		free_block(&mm, p);
	for (int i = 0; i < 32; i++)
		free_block(&mm, placeholders[i]);
	ck_assert_uint_eq(movable->nr_free_pages, 3072 + 512 + 31 * 1024);

	ck_assert_int_eq(offline_memory_block(&mm, 6), 0);

	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 512);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_FAIL], 0);
	ck_assert_ptr_nonnull(block_ref_get(&mm, thp));
	ck_assert_uint_eq(block_ref_get(&mm, thp)->order, 0);
	ck_assert_uint_eq(block_ref_get(&mm, thp)->kind, OWNER_ANON);
	ck_assert_uint_ge(block_ref_get(&mm, thp)->pfn, BLOCK7 + 26 * 1024);
	for (unsigned long p = BLOCK7 + 26 * 1024; p < END_PFN; p++) {
		in_block7 += frame_type_allocated(frame_type(&mm.memmap, p)) &&
			     allocated_kind(&mm, p) == OWNER_ANON;
	}
	ck_assert_uint_eq(in_block7, 512);
	ck_assert_uint_eq(movable->nr_free_pages, 3072 - 512);
	assert_block(6, MEM_OFFLINE, NULL);
}
END_TEST

/*
 * Outside ZONE_MOVABLE a hugetlb page does not keep its pageblock from
 * being isolated (2 MiB hugetlb migration is supported), an anon page
 * neither.  Block 3 gets an anon page at 98304 and a hugetlb page at
 * 98816; migrate_pages moves the hugetlb page first: its target is a
 * GFP_HIGHUSER_MOVABLE allocation, so it comes from ZONE_MOVABLE's pcp
 * list (a refill of two order-9 blocks, 196608 first); the anon page's
 * (GFP_USER | __GFP_MOVABLE, source in DMA32) comes from DMA32's lowest
 * free page, 4096.
 */
START_TEST(test_hugetlb_and_anon_leave_a_kernel_zone_block)
{
	struct block_ref anon, huge;

	alloc_at(dma32, 98304, 0, OWNER_ANON);
	alloc_at(dma32, 98816, 9, OWNER_HUGETLB);
	anon = block_ref_of(&mm, 98304);
	huge = block_ref_of(&mm, 98816);

	ck_assert_int_eq(offline_memory_block(&mm, 3), 0);

	ck_assert_uint_eq(block_ref_get(&mm, huge)->pfn, MOVABLE_START);
	ck_assert_uint_eq(block_ref_get(&mm, anon)->pfn, DMA32_START);
	ck_assert_uint_eq(mm.vm_events[PGMIGRATE_SUCCESS], 513);
	ck_assert_uint_eq(dma32->present_pages, 192512 - BLOCK);
	assert_block(3, MEM_OFFLINE, NULL);
}
END_TEST

/*
 * Block 7, all free, offlined and onlined as movable.  Offlining shrinks
 * ZONE_MOVABLE from its end to block 6 (find_biggest_section_pfn finds
 * 229375); onlining grows it back, frees 32 order-10 blocks to the
 * isolate lists and undoes the isolation, which moves them to the tail
 * of the MOVABLE order-10 list: every count is as at boot, and the 33rd
 * order-10 allocation, after block 6's 32, gets 229376.
 */
START_TEST(test_offline_online_movable_round_trip)
{
	struct zone saved = *movable;
	unsigned long d32_min = dma32->_watermark[WMARK_MIN];

	ck_assert_int_eq(offline_memory_block(&mm, 7), 0);
	ck_assert_uint_eq(movable->zone_start_pfn, MOVABLE_START);
	ck_assert_uint_eq(movable->spanned_pages, BLOCK);
	ck_assert_uint_eq(movable->nr_free_pages, BLOCK);
	ck_assert_uint_eq(mm.layout.node_data[0].node_spanned_pages,
			  BLOCK7 - DMA32_START);
	assert_block(7, MEM_OFFLINE, NULL);
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);

	ck_assert_int_eq(online_memory_block(&mm, 7, MMOP_ONLINE_MOVABLE), 0);
	ck_assert_uint_eq(movable->zone_start_pfn, saved.zone_start_pfn);
	ck_assert_uint_eq(movable->spanned_pages, saved.spanned_pages);
	ck_assert_uint_eq(movable->present_pages, saved.present_pages);
	ck_assert_uint_eq(movable->managed_pages, saved.managed_pages);
	ck_assert_uint_eq(movable->nr_free_pages, saved.nr_free_pages);
	ck_assert_uint_eq(movable->free_area[10].nr_free, 64);
	ck_assert_uint_eq(movable->nr_isolate_pageblock, 0);
	ck_assert_uint_eq(movable->nr_pageblock[MIGRATE_MOVABLE], 128);
	ck_assert_mem_eq(movable->_watermark, saved._watermark,
			 sizeof(saved._watermark));
	ck_assert_uint_eq(dma32->_watermark[WMARK_MIN], d32_min);
	ck_assert_int_eq(movable->per_cpu_pageset[1].batch,
			 saved.per_cpu_pageset[1].batch);
	ck_assert_uint_eq(mm.layout.node_data[0].node_spanned_pages,
			  END_PFN - DMA32_START);
	assert_block(7, MEM_ONLINE, movable);
	ck_assert_uint_eq(mm.vm_events[FRAGSIM_ONLINE_SUCCESS], 1);
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);

	for (unsigned long i = 0; i < 33; i++) {
		struct alloc_result r = alloc_pages(&mm, GFP_HIGHUSER_MOVABLE |
						    __GFP_NOWARN, 10, 0, OWNER_ANON);

		ck_assert_ptr_eq(r.zone, movable);
		ck_assert_uint_eq(r.pfn, MOVABLE_START + 1024 * i);
	}
	/* Onlining an online block is refused. */
	ck_assert_int_eq(online_memory_block(&mm, 7, MMOP_ONLINE_MOVABLE), -EINVAL);
}
END_TEST

/*
 * Both blocks of ZONE_MOVABLE offlined: the zone is left without present
 * pages, so it loses its pcp lists and the zonelists are rebuilt without
 * it.  DMA32 alone is lowmem now: min = 5632, low = min + max(5632 / 4,
 * 192512 * 10 / 10000) = 7040, high = 8448, and build_all_zonelists
 * counts 192512 - 8448 = 184064 pages above the high watermark.
 * Onlining block 7 as movable brings the zone back (zone_start_pfn from
 * the range) with new pcp lists, and it is first in the zonelist again.
 */
START_TEST(test_empty_movable_zone_and_back)
{
	const struct zoneref *zr;

	ck_assert_int_eq(offline_memory_block(&mm, 6), 0);
	ck_assert_int_eq(offline_memory_block(&mm, 7), 0);
	ck_assert(!populated_zone(movable));
	ck_assert_uint_eq(movable->spanned_pages, 0);
	ck_assert_ptr_null(movable->per_cpu_pageset);
	zr = mm.layout.node_zonelists[0][ZONELIST_FALLBACK];
	ck_assert_ptr_eq(zr[0].zone, dma32);
	ck_assert_ptr_null(zr[1].zone);
	ck_assert_uint_eq(dma32->_watermark[WMARK_HIGH], 8448);
	ck_assert(log_has("Fallback order for Node 0: 0 "));
	ck_assert(log_has("Built 1 zonelists, mobility grouping on.  "
			  "Total pages: 184064"));
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);

	ck_assert_int_eq(online_memory_block(&mm, 7, MMOP_ONLINE_MOVABLE), 0);
	ck_assert_uint_eq(movable->zone_start_pfn, BLOCK7);
	ck_assert_uint_eq(movable->spanned_pages, BLOCK);
	ck_assert_uint_eq(movable->nr_free_pages, BLOCK);
	ck_assert_ptr_nonnull(movable->per_cpu_pageset);
	zr = mm.layout.node_zonelists[0][ZONELIST_FALLBACK];
	ck_assert_ptr_eq(zr[0].zone, movable);
	ck_assert_ptr_eq(zr[1].zone, dma32);
	assert_block(6, MEM_OFFLINE, NULL);
	assert_block(7, MEM_ONLINE, movable);
}
END_TEST

/*
 * Block 3 (pfn 98304..131071) lies inside DMA32, so offlining it leaves
 * the span alone; MMOP_ONLINE_KERNEL picks default_kernel_zone_for_pfn,
 * the first of DMA and DMA32 that intersects the range: DMA32.
 */
START_TEST(test_online_kernel_returns_to_dma32)
{
	unsigned long free_before = dma32->nr_free_pages;

	ck_assert_int_eq(offline_pages(&mm, 98304, BLOCK), 0);
	ck_assert_uint_eq(dma32->zone_start_pfn, DMA32_START);
	ck_assert_uint_eq(dma32->spanned_pages, 192512);
	ck_assert_uint_eq(dma32->present_pages, 192512 - BLOCK);
	ck_assert_uint_eq(dma32->nr_free_pages, free_before - BLOCK);
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	ck_assert_int_eq(online_pages(&mm, 98304, BLOCK, MMOP_ONLINE_KERNEL), 0);
	ck_assert_uint_eq(dma32->present_pages, 192512);
	ck_assert_uint_eq(dma32->managed_pages, 192512);
	ck_assert_uint_eq(dma32->nr_free_pages, free_before);
	assert_block(3, MEM_ONLINE, dma32);
}
END_TEST

/*
 * Block 3 offlined from DMA32 and onlined as movable: ZONE_MOVABLE grows
 * down to it (resize_zone_range: start 98304, span 262144 - 98304 =
 * 163840, present 65536 + 32768) and now overlaps DMA32's span, which
 * keeps its extent with 32768 fewer present pages.  The block's zone is
 * ZONE_MOVABLE from now on, and it can go offline again.
 */
START_TEST(test_online_movable_inside_dma32)
{
	ck_assert_int_eq(offline_memory_block(&mm, 3), 0);
	ck_assert_int_eq(online_memory_block(&mm, 3, MMOP_ONLINE_MOVABLE), 0);
	ck_assert_uint_eq(movable->zone_start_pfn, 98304);
	ck_assert_uint_eq(movable->spanned_pages, END_PFN - 98304);
	ck_assert_uint_eq(movable->present_pages, 65536 + BLOCK);
	ck_assert_uint_eq(movable->managed_pages, 65536 + BLOCK);
	ck_assert_uint_eq(movable->nr_free_pages, 65536 + BLOCK);
	ck_assert_uint_eq(dma32->zone_start_pfn, DMA32_START);
	ck_assert_uint_eq(dma32->spanned_pages, 192512);
	ck_assert_uint_eq(dma32->present_pages, 192512 - BLOCK);
	ck_assert_ptr_eq(page_zone(&mm, 98304 + 100), movable);
	ck_assert_ptr_eq(page_zone(&mm, 98304 - 1), dma32);
	assert_block(3, MEM_ONLINE, movable);
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	ck_assert_int_eq(offline_memory_block(&mm, 3), 0);
	ck_assert_uint_eq(movable->zone_start_pfn, MOVABLE_START);
	ck_assert_uint_eq(movable->present_pages, 65536);
}
END_TEST

/* Block 0 has no memory below pfn 4096: walk_system_ram_range says so. */
START_TEST(test_block_with_hole_refused)
{
	ck_assert_int_eq(offline_memory_block(&mm, 0), -EINVAL);
	ck_assert(log_has("memory offlining [mem 0x00000000-0x07ffffff] "
			  "failed due to memory holes"));
	/* misaligned ranges are refused before anything is looked at */
	ck_assert_int_eq(offline_pages(&mm, 98304 + 512, BLOCK), -EINVAL);
	ck_assert_int_eq(offline_pages(&mm, 98304, 0), -EINVAL);
	assert_block(0, MEM_ONLINE, dma32);
}
END_TEST

/*
 * Machine B: block 6 (196608..229375) holds DMA32 up to 210943 and
 * ZONE_MOVABLE from 210944: its zone is "none" and memory_block_offline
 * refuses it; offline_pages on the range refuses it as a multizone range.
 */
START_TEST(test_block_spanning_two_zones_refused)
{
	unsigned long d32_free = dma32->nr_free_pages;
	unsigned long mov_free = movable->nr_free_pages;

	ck_assert_uint_eq(movable->zone_start_pfn, 210944);
	assert_block(6, MEM_ONLINE, NULL);
	ck_assert_int_eq(offline_memory_block(&mm, 6), -EINVAL);
	ck_assert_int_eq(offline_pages(&mm, MOVABLE_START, BLOCK), -EINVAL);
	ck_assert(log_has("memory offlining [mem 0x30000000-0x37ffffff] "
			  "failed due to multizone range"));
	ck_assert_uint_eq(dma32->nr_free_pages, d32_free);
	ck_assert_uint_eq(movable->nr_free_pages, mov_free);
	ck_assert_uint_eq(dma32->nr_isolate_pageblock, 0);
	ck_assert_uint_eq(movable->nr_isolate_pageblock, 0);
	/* block 7 is all ZONE_MOVABLE and goes */
	assert_block(7, MEM_ONLINE, movable);
	ck_assert_int_eq(offline_memory_block(&mm, 7), 0);
}
END_TEST

/* 32-bit x86 has no memory hotplug (MEMORY_HOTPLUG depends on 64BIT). */
START_TEST(test_i386_has_no_hotplug)
{
	struct mm_state m32;
	struct memory_block_info info;
	struct machine m;

	machine_init(&m, &arch_i386, "test");
	memblock_add_node(&m.memory, PFN_PHYS(256), PFN_PHYS(32768 - 256), 0, 0);
	testbed_boot_machine(&m32, &m);
	ck_assert_uint_eq(nr_memory_blocks(&m32), 0);
	ck_assert_int_eq(memory_block_state(&m32, 0, &info), -EOPNOTSUPP);
	ck_assert_int_eq(offline_pages(&m32, 0, 32768), -EOPNOTSUPP);
	ck_assert_int_eq(online_memory_block(&m32, 0, MMOP_ONLINE_KERNEL),
			 -EOPNOTSUPP);
	ck_assert_uint_eq(m32.vm_events[FRAGSIM_OFFLINE_ATTEMPT], 0);
	ck_assert_int_eq(mm_check_invariants(&m32, stderr), 0);
	mm_release(&m32);
}
END_TEST

Suite *memory_hotplug_suite(void)
{
	Suite *s = suite_create("memory_hotplug");
	TCase *a = tcase_create("movablecore=256M");
	TCase *b = tcase_create("movablecore=200M");

	tcase_add_checked_fixture(a, setup_a, teardown);
	tcase_add_test(a, test_blocks_at_boot);
	tcase_add_test(a, test_offline_movable_block_migrates_everything);
	tcase_add_test(a, test_unmovable_page_fails_isolation);
	tcase_add_test(a, test_pinned_page_fails_after_retries);
	tcase_add_test(a, test_ramfs_page_fails_once_per_pass);
	tcase_add_test(a, test_pcp_pages_are_drained_before_isolation);
	tcase_add_test(a, test_thp_without_huge_target_is_split);
	tcase_add_test(a, test_hugetlb_and_anon_leave_a_kernel_zone_block);
	tcase_add_test(a, test_offline_online_movable_round_trip);
	tcase_add_test(a, test_empty_movable_zone_and_back);
	tcase_add_test(a, test_online_kernel_returns_to_dma32);
	tcase_add_test(a, test_online_movable_inside_dma32);
	tcase_add_test(a, test_block_with_hole_refused);
	tcase_add_test(a, test_i386_has_no_hotplug);
	tcase_set_timeout(a, 60);
	suite_add_tcase(s, a);
	tcase_add_checked_fixture(b, setup_b, teardown);
	tcase_add_test(b, test_block_spanning_two_zones_refused);
	tcase_set_timeout(b, 60);
	suite_add_tcase(s, b);
	return s;
}
