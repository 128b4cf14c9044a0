/*
 * check_frag_index.c - mm/vmstat.c's fragmentation and unusable free space
 * indices at their edge values, worked out by hand.
 */
#include "mm/frag_index.h"
#include "suites.h"

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

Suite *frag_index_suite(void)
{
	Suite *s = suite_create("frag_index");
	TCase *tc = tcase_create("index");

	tcase_add_test(tc, test_no_free_memory);
	tcase_add_test(tc, test_suitable_block_present);
	tcase_add_test(tc, test_all_free_in_order_0);
	tcase_add_test(tc, test_mixed_orders);
	suite_add_tcase(s, tc);
	return s;
}
