/*
 * check_frag_index.c - mm/vmstat.c's fragmentation and unusable free space
 * indices at their edge values, worked out by hand; and the pageblock
 * census (pageblocks holding an unmovable page) of a hand-built zone.
 */
#include "metrics/metrics.h"
#include "mm/frag_index.h"
#include "suites.h"
#include "testbed.h"

static int frag(const unsigned long nr_free[MAX_ORDER], unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(nr_free, order, &info);
	return __fragmentation_index(order, &info);
}

static int unusable(const unsigned long nr_free[MAX_ORDER], unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(nr_free, order, &info);
	return unusable_free_index(order, &info);
}

/* No free memory: the fragmentation index is 0 (no blocks at all), and all
 * of the (no) free memory counts as unusable: 1000. */
START_TEST(test_no_free_memory)
{
	unsigned long nr_free[MAX_ORDER] = { 0 };

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		ck_assert_int_eq(frag(nr_free, o), 0);
		ck_assert_int_eq(unusable(nr_free, o), 1000);
	}
}
END_TEST

/*
 * One free order-9 block: orders 0..9 have a suitable block (-1000; nothing
 * unusable); for order 10 there is none: 1000 - (1000 + 512*1000/1024) / 1
 * = -500 (the kernel's "lack of memory" side), and all 512 pages unusable.
 */
START_TEST(test_suitable_block_present)
{
	unsigned long nr_free[MAX_ORDER] = { [9] = 1 };

	for (unsigned int o = 0; o <= 9; o++) {
		ck_assert_int_eq(frag(nr_free, o), -1000);
		ck_assert_int_eq(unusable(nr_free, o), 0);
	}
	ck_assert_int_eq(frag(nr_free, 10), -500);
	ck_assert_int_eq(unusable(nr_free, 10), 1000);
}
END_TEST

/*
 * 1000 free order-0 pages: order 1 fails from fragmentation alone:
 * 1000 - (1000 + 1000*1000/2) / 1000 = 1000 - 501 = 499; order 9:
 * 1000 - (1000 + 1000000/512) / 1000 = 1000 - 2 = 998 (integer division);
 * every page is unusable for orders >= 1.
 */
START_TEST(test_all_free_in_order_0)
{
	unsigned long nr_free[MAX_ORDER] = { [0] = 1000 };

	ck_assert_int_eq(frag(nr_free, 0), -1000);
	ck_assert_int_eq(frag(nr_free, 1), 499);
	ck_assert_int_eq(frag(nr_free, 9), 998);
	ck_assert_int_eq(unusable(nr_free, 0), 0);
	ck_assert_int_eq(unusable(nr_free, 1), 1000);
}
END_TEST

/*
 * A mix: 4 order-0, 2 order-2 and 1 order-4 block = 4 + 8 + 16 = 28 pages.
 * Order 3: suitable = 16 >> 3 = 2 blocks of 8: unusable = (28 - 16) * 1000
 * / 28 = 428.  Order 5: no suitable block: 1000 - (1000 + 28000/32) / 7
 * = 1000 - 1875/7 = 1000 - 267 = 733.
 */
START_TEST(test_mixed_orders)
{
	unsigned long nr_free[MAX_ORDER] = { [0] = 4, [2] = 2, [4] = 1 };

	ck_assert_int_eq(unusable(nr_free, 3), 428);
	ck_assert_int_eq(frag(nr_free, 3), -1000);
	ck_assert_int_eq(frag(nr_free, 5), 733);
	ck_assert_int_eq(frag(nr_free, MAX_ORDER), 0);	/* WARN_ON_ONCE path */
}
END_TEST

/*
 * The census counts a pageblock once it holds an unmovable or reclaimable
 * page, whatever else it holds, and no longer once they are freed: the
 * expected count is the distinct pageblocks of the pfns the allocator
 * handed out, worked out here from the pfns.
 */
START_TEST(test_census_of_a_hand_built_zone)
{
	struct mm_state mm;
	struct zone *z;
	unsigned long pfn[64], blocks[64];
	size_t nr_blocks = 0;

	testbed_boot(&mm, 4096, 16384, false);
	z = mm_zone(&mm, 0, ZONE_DMA32);
	ck_assert_uint_eq(zone_nonmovable_blocks(&mm, z), 0);
	/* movable pages alone pollute nothing */
	for (int i = 0; i < 8; i++)
		ck_assert_uint_ne(__alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 3,
						0, 0, OWNER_ANON).pfn,
				  PFN_NONE);
	ck_assert_uint_eq(zone_nonmovable_blocks(&mm, z), 0);
	for (int i = 0; i < 64; i++) {
		gfp_t gfp = i % 2 ? GFP_KERNEL : GFP_KERNEL_RECLAIMABLE;
		unsigned int order = i % 5 ? 0 : 9;
		size_t b;

		pfn[i] = __alloc_pages(&mm, gfp, order, 0, 0,
				       i % 2 ? OWNER_KERNEL :
					       OWNER_SLAB_RECLAIMABLE).pfn;
		ck_assert_uint_ne(pfn[i], PFN_NONE);
		for (b = 0; b < nr_blocks; b++)
			if (blocks[b] == pageblock_start_pfn(pfn[i]))
				break;
		if (b == nr_blocks)
			blocks[nr_blocks++] = pageblock_start_pfn(pfn[i]);
	}
	ck_assert_uint_ge(nr_blocks, 2);
	ck_assert_uint_eq(zone_nonmovable_blocks(&mm, z), nr_blocks);
	/* freeing every one of them leaves no polluted block */
	for (int i = 0; i < 64; i++)
		__free_pages(&mm, block_ref_of(&mm, pfn[i]), pfn[i],
			     i % 5 ? 0 : 9, 0);
	ck_assert_uint_eq(zone_nonmovable_blocks(&mm, z), 0);
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm_release(&mm);
}
END_TEST

/*
 * Reserved pages pollute too, as the oracle's census counts them (kpageflags
 * RESERVED: memblock reservations, and the holes whose struct pages
 * init_unavailable_range marks reserved).  DMA32 from pfn 4096 with a hole
 * [9096, 10096) and a reservation [12000, 12100): the hole touches the
 * pageblocks at 8704, 9216 and 9728, the reservation the one at 11776.
 * The block at 9216 is all hole: its 2 MiB subsection holds no memory, so
 * pfn_valid() is false there, init_unavailable_range skips it and the
 * census sees no page at all (kpageflags NOPAGE).  That leaves 3.
 */
START_TEST(test_census_counts_reserved_pages)
{
	struct mm_state mm;
	struct machine m;
	struct zone *z;

	machine_init(&m, &arch_x86_64, "test");
	memblock_add_node(&m.memory, PFN_PHYS(4096), PFN_PHYS(5000), 0, 0);
	memblock_add_node(&m.memory, PFN_PHYS(10096), PFN_PHYS(10384), 0, 0);
	memblock_add_node(&m.reserved, PFN_PHYS(12000), PFN_PHYS(100), 0, 0);
	testbed_boot_machine(&mm, &m);
	z = mm_zone(&mm, 0, ZONE_DMA32);
	ck_assert_uint_eq(zone_nonmovable_blocks(&mm, z), 3);
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm_release(&mm);
}
END_TEST

Suite *frag_index_suite(void)
{
	Suite *s = suite_create("frag_index");
	TCase *tc = tcase_create("index");

	tcase_add_test(tc, test_no_free_memory);
	tcase_add_test(tc, test_suitable_block_present);
	tcase_add_test(tc, test_all_free_in_order_0);
	tcase_add_test(tc, test_mixed_orders);
	tcase_add_test(tc, test_census_of_a_hand_built_zone);
	tcase_add_test(tc, test_census_counts_reserved_pages);
	suite_add_tcase(s, tc);
	return s;
}
