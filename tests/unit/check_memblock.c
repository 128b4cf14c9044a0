/*
 * check_memblock.c - the boot memory map (mm/memblock.c): sorted regions
 * merged by node and flags, flag splitting, pfn ranges, and memblock's
 * top-down allocation.
 */
#include "mm/memblock.h"
#include "mm/mmzone.h"
#include "suites.h"

static struct memblock_type t;

static void setup(void) { memblock_init(&t); }
static void teardown(void) { memblock_release(&t); }

START_TEST(test_add_sorts_and_merges)
{
	memblock_add_node(&t, 0x200000, 0x100000, 0, 0);
	memblock_add_node(&t, 0x100000, 0x100000, 0, 0);	/* before, adjacent */
	ck_assert_uint_eq(t.cnt, 1);
	ck_assert_uint_eq(t.regions[0].base, 0x100000);
	ck_assert_uint_eq(t.regions[0].size, 0x200000);
	memblock_add_node(&t, 0x300000, 0x100000, 1, 0);	/* other node */
	memblock_add_node(&t, 0x400000, 0x100000, 1, MEMBLOCK_MIRROR);
	ck_assert_uint_eq(t.cnt, 3);
	ck_assert(memblock_overlaps(&t, 0x2ff000, 0x2000));
	ck_assert(!memblock_overlaps(&t, 0x500000, 0x1000));
	ck_assert_uint_eq(memblock_start_of_DRAM(&t), 0x100000);
	ck_assert_uint_eq(memblock_end_of_DRAM(&t), 0x500000);
}
END_TEST

/* memblock_setclr_flag splits at both ends and merges back on clear. */
START_TEST(test_flags_split_and_merge)
{
	memblock_add_node(&t, 0, 0x1000000, 0, 0);
	memblock_setclr_flag(&t, 0x400000, 0x200000, true, MEMBLOCK_HOTPLUG);
	ck_assert_uint_eq(t.cnt, 3);
	ck_assert_uint_eq(t.regions[1].base, 0x400000);
	ck_assert_uint_eq(t.regions[1].size, 0x200000);
	ck_assert_uint_eq(t.regions[1].flags, MEMBLOCK_HOTPLUG);
	memblock_setclr_flag(&t, 0x400000, 0x200000, false, MEMBLOCK_HOTPLUG);
	ck_assert_uint_eq(t.cnt, 1);
}
END_TEST

/* __next_mem_pfn_range: whole pages only, regions without one skipped. */
START_TEST(test_pfn_ranges)
{
	unsigned long s, e;
	size_t i = 0;
	int nid;

	memblock_add_node(&t, 0x800, 0x2000, 0, 0);	/* pfn 1..2 whole */
	memblock_add_node(&t, 0x10800, 0x400, 0, 0);	/* no whole page */
	memblock_add_node(&t, 0x20000, 0x3000, 1, 0);
	ck_assert(memblock_next_pfn_range(&t, -1, &i, &s, &e, &nid));
	ck_assert_uint_eq(s, 1);
	ck_assert_uint_eq(e, 2);
	ck_assert(memblock_next_pfn_range(&t, -1, &i, &s, &e, &nid));
	ck_assert_uint_eq(s, 0x20);
	ck_assert_int_eq(nid, 1);
	ck_assert(!memblock_next_pfn_range(&t, -1, &i, &s, &e, &nid));
	i = 0;
	ck_assert(memblock_next_pfn_range(&t, 1, &i, &s, &e, &nid));
	ck_assert_uint_eq(s, 0x20);
	ck_assert_uint_eq(e, 0x23);
}
END_TEST

/* memblock_alloc_top_down: the highest aligned free fit in the node. */
START_TEST(test_alloc_top_down)
{
	struct memblock_type rsv;
	uint64_t base;

	memblock_init(&rsv);
	memblock_add_node(&t, 0, 64 << 20, 0, 0);
	memblock_add_node(&t, 64 << 20, 64 << 20, 1, 0);
	memblock_add_node(&rsv, (120 << 20), 8 << 20, 1, 0);	/* top 8 MiB */
	ck_assert_int_eq(memblock_alloc_top_down(&rsv, &t, 2 << 20, 2 << 20, 0,
						 UINT64_MAX, 1, &base), 0);
	ck_assert_uint_eq(base, 118 << 20);
	ck_assert_int_eq(memblock_alloc_top_down(&rsv, &t, 4096, 4096, 0,
						 UINT64_MAX, 0, &base), 0);
	ck_assert_uint_eq(base, (64 << 20) - 4096);
	/* below a limit */
	ck_assert_int_eq(memblock_alloc_top_down(&rsv, &t, 4096, 4096, 0,
						 16 << 20, -1, &base), 0);
	ck_assert_uint_eq(base, (16 << 20) - 4096);
	/* too big */
	ck_assert_int_eq(memblock_alloc_top_down(&rsv, &t, 1ULL << 40, 4096, 0,
						 UINT64_MAX, -1, &base), -1);
	/* memblock_phys_free: give part of a region back */
	memblock_remove_range(&rsv, (119 << 20), 1 << 20);
	ck_assert(!memblock_overlaps(&rsv, 119 << 20, 1 << 20));
	ck_assert(memblock_overlaps(&rsv, 118 << 20, 1 << 20));
	memblock_release(&rsv);
}
END_TEST

Suite *memblock_suite(void)
{
	Suite *s = suite_create("memblock");
	TCase *tc = tcase_create("memblock");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_add_sorts_and_merges);
	tcase_add_test(tc, test_flags_split_and_merge);
	tcase_add_test(tc, test_pfn_ranges);
	tcase_add_test(tc, test_alloc_top_down);
	suite_add_tcase(s, tc);
	return s;
}
