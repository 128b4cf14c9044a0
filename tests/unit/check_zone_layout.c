/*
 * check_zone_layout.c - free_area_init at the library level: zone spans,
 * the movable zone choice, the boot-time managed estimate and the boot log
 * lines, for layouts worked out by hand.  (tests/cli/layout_hand.sh and
 * tests/oracle/partition.sh cover many more through the command line.)
 */
#include <string.h>

#include "mm/boot.h"
#include "suites.h"

static struct zone_layout layout;
static struct printk_log klog;

static void boot(struct machine *m)
{
	printk_init(&klog);
	ck_assert_int_eq(mm_boot(m, &layout, NULL, &klog), 0);
}

static void teardown(void)
{
	zone_layout_release(&layout);
	printk_release(&klog);
}

static bool log_has(const char *line)
{
	for (size_t i = 0; i < klog.cnt; i++)
		if (!strcmp(klog.lines[i], line))
			return true;
	return false;
}

/*
 * i386, 2 GiB (pfn 1..158 and 256..524255), kernelcore=512M = 131072
 * pages.  HighMem starts at 896 MiB (pfn 229376) and is the highest zone,
 * so find_usable_zone_for_movable picks it; all of lowmem (158 + 229120)
 * is kernel-only and more than the request, so ZONE_MOVABLE starts at the
 * start of HighMem: 229376 (already 1024-aligned), and HighMem is empty.
 * FLATMEM: no section tail is reported.
 */
START_TEST(test_highmem_movable_zone)
{
	struct machine m;

	machine_init(&m, &arch_i386, "t");
	memblock_add_node(&m.memory, 0x1000, 0x9e000, 0, 0);
	memblock_add_node(&m.memory, 0x100000, 0x7ffe0000 - 0x100000, 0, 0);
	m.node_declared[0] = true;
	machine_set_cmdline(&m, "kernelcore=512M", DIAG_LOC("t", 0));
	boot(&m);
	ck_assert_int_eq(layout.movable_zone, ZONE_HIGHMEM);
	ck_assert_uint_eq(layout.zone_movable_pfn[0], 229376);
	ck_assert_uint_eq(layout_zone(&layout, 0, ZONE_NORMAL)->spanned_pages,
			  229376 - 4096);
	ck_assert_uint_eq(layout_zone(&layout, 0, ZONE_HIGHMEM)->spanned_pages, 0);
	ck_assert_uint_eq(layout_zone(&layout, 0, ZONE_MOVABLE)->spanned_pages,
			  524256 - 229376);
	ck_assert(log_has("  HighMem  [mem 0x0000000038000000-0x000000007ffdffff]"));
	ck_assert(log_has("  Node 0: 0x0000000038000000"));
	ck_assert(log_has("On node 0, zone DMA: 97 pages in unavailable ranges"));
	ck_assert(!log_has("On node 0, zone Movable: 32 pages in unavailable ranges"));
	/* HighMem's memmap is not subtracted from the managed estimate */
	ck_assert_uint_eq(layout_zone(&layout, 0, ZONE_MOVABLE)->managed_pages,
			  524256 - 229376);
	machine_release(&m);
}
END_TEST

/*
 * Without a parameter there is no ZONE_MOVABLE; the unavailable-range
 * lines (x86_64, 1 GiB QEMU layout): pfn 0 and 0x9f..0xff under DMA, and
 * the 32-page tail of the last 128 MiB section under the last zone.  The
 * boot estimate of managed: DMA 3998 - 64 (memmap of 4095 spanned) - 158
 * (dma_reserve: the reserved first MiB) = 3776.
 */
START_TEST(test_holes_and_managed_estimate)
{
	struct machine m;

	machine_init(&m, &arch_x86_64, "t");
	memblock_add_node(&m.memory, 0x1000, 0x9e000, 0, 0);
	memblock_add_node(&m.memory, 0x100000, 0x3ffe0000 - 0x100000, 0, 0);
	m.node_declared[0] = true;
	memblock_add_node(&m.reserved, 0, 1 << 20, MAX_NUMNODES, 0);
	boot(&m);
	ck_assert_uint_eq(layout.zone_movable_pfn[0], 0);
	ck_assert(log_has("On node 0, zone DMA: 1 pages in unavailable ranges"));
	ck_assert(log_has("On node 0, zone DMA: 97 pages in unavailable ranges"));
	ck_assert(log_has("On node 0, zone DMA32: 32 pages in unavailable ranges"));
	ck_assert_uint_eq(layout.dma_reserve, 158);
	ck_assert_uint_eq(layout_zone(&layout, 0, ZONE_DMA)->managed_pages, 3776);
	ck_assert(log_has("Fallback order for Node 0: 0 "));
	machine_release(&m);
}
END_TEST

/* Every present page is in exactly one zone (no mirror overlap here). */
START_TEST(test_present_pages_add_up)
{
	static const char *const cmdlines[] = {
		"", "kernelcore=1G", "movablecore=30%", "kernelcore=10%",
		"movablecore=100G", "kernelcore=100G",
	};

	for (size_t c = 0; c < sizeof(cmdlines) / sizeof(cmdlines[0]); c++) {
		struct machine m;
		unsigned long present = 0, expected = 0;

		machine_init(&m, &arch_x86_64, "t");
		memblock_add_node(&m.memory, 0x1000, 0x9e000, 0, 0);
		memblock_add_node(&m.memory, 0x100000, 0xbff00000, 0, 0);
		memblock_add_node(&m.memory, 0x100000000, 3ULL << 30, 1, 0);
		m.node_declared[0] = m.node_declared[1] = true;
		machine_set_cmdline(&m, cmdlines[c], DIAG_LOC("t", 0));
		boot(&m);
		for (int nid = 0; nid < 2; nid++)
			for (int t = 0; t < MAX_NR_ZONES; t++)
				present += layout_zone(&layout, nid, t)->present_pages;
		expected = 0x9e + 0xbff00 + (3UL << 18);
		ck_assert_msg(present == expected, "%s: %lu present, %lu memory",
			      cmdlines[c], present, expected);
		zone_layout_release(&layout);
		printk_release(&klog);
		machine_release(&m);
	}
	printk_init(&klog);	/* for the teardown */
}
END_TEST

Suite *zone_layout_suite(void)
{
	Suite *s = suite_create("zone_layout");
	TCase *tc = tcase_create("zone_layout");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_highmem_movable_zone);
	tcase_add_test(tc, test_holes_and_managed_estimate);
	tcase_add_test(tc, test_present_pages_add_up);
	suite_add_tcase(s, tc);
	return s;
}
