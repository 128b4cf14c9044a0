/*
 * check_bootparam.c - kernelcore=, movablecore= and movable_node parsed as
 * Linux 6.1 parses them (lib/cmdline.c: memparse, parse_option_str;
 * kernel/params.c: parameq, next_arg; mm/page_alloc.c: cmdline_parse_core).
 */
#include <stdio.h>

#include "mm/bootparam.h"
#include "suites.h"

static struct boot_params bp;

static int parse(const char *cmdline)
{
	/* errors and warnings go to stderr; the tests look at the result */
	return parse_boot_cmdline(cmdline, DIAG_LOC("test", 0), &bp);
}

START_TEST(test_memparse_suffixes)
{
	const char *end;

	ck_assert_uint_eq(memparse("1K", &end), 1024ULL);
	ck_assert_uint_eq(memparse("4k", &end), 4096ULL);
	ck_assert_uint_eq(memparse("2M", &end), 2ULL << 20);
	ck_assert_uint_eq(memparse("3g", &end), 3ULL << 30);
	ck_assert_uint_eq(memparse("1T", &end), 1ULL << 40);
	ck_assert_uint_eq(memparse("1P", &end), 1ULL << 50);
	ck_assert_uint_eq(memparse("1E", &end), 1ULL << 60);
	ck_assert_uint_eq(memparse("0x10M", &end), 16ULL << 20);	/* hex */
	ck_assert_uint_eq(memparse("010", &end), 8ULL);		/* octal */
	ck_assert_uint_eq(memparse("512MB", &end), 512ULL << 20);
	ck_assert_str_eq(end, "B");	/* the kernel stops at the suffix */
}
END_TEST

START_TEST(test_sizes_and_percentages)
{
	ck_assert_int_eq(parse("ro kernelcore=1G quiet"), 0);
	ck_assert_uint_eq(bp.required_kernelcore, 262144);	/* 1G / 4K */
	ck_assert_uint_eq(bp.required_kernelcore_percent, 0);
	ck_assert_int_eq(parse("movablecore=25%"), 0);
	ck_assert_uint_eq(bp.required_movablecore_percent, 25);
	ck_assert_uint_eq(bp.required_movablecore, 0);
	ck_assert_int_eq(parse("kernelcore=010%"), 0);	/* octal: 8% */
	ck_assert_uint_eq(bp.required_kernelcore_percent, 8);
	ck_assert_int_eq(parse("kernelcore=5000"), 0);	/* bytes: 1 page */
	ck_assert_uint_eq(bp.required_kernelcore, 1);
}
END_TEST

/*
 * cmdline_parse_core: a byte value clears an earlier percentage, but a
 * percentage does not clear an earlier byte value (required_kernelcore
 * stays; the percentage then wins in find_zone_movable_pfns_for_nodes).
 */
START_TEST(test_later_values_and_percent_interplay)
{
	ck_assert_int_eq(parse("kernelcore=10% kernelcore=1G"), 0);
	ck_assert_uint_eq(bp.required_kernelcore, 262144);
	ck_assert_uint_eq(bp.required_kernelcore_percent, 0);
	ck_assert_int_eq(parse("kernelcore=1G kernelcore=10%"), 0);
	ck_assert_uint_eq(bp.required_kernelcore, 262144);
	ck_assert_uint_eq(bp.required_kernelcore_percent, 10);
}
END_TEST

START_TEST(test_mirror_movable_node_names)
{
	ck_assert_int_eq(parse("kernelcore=mirror"), 0);
	ck_assert(bp.mirrored_kernelcore);
	ck_assert_uint_eq(bp.required_kernelcore, 0);
	ck_assert_int_eq(parse("movable_node"), 0);
	ck_assert(bp.movable_node);
	ck_assert(!bp.mirrored_kernelcore);	/* each parse starts afresh */
	/* parameq: '-' and '_' are the same in a name ... */
	ck_assert_int_eq(parse("movable-node"), 0);
	ck_assert(bp.movable_node);
	/* ... but "movablecore" has no '_', so "movable-core" is not it */
	ck_assert_int_eq(parse("movable-core=1G"), 0);
	ck_assert_uint_eq(bp.required_movablecore, 0);
	/* parsing stops at "--": the rest is for init */
	ck_assert_int_eq(parse("kernelcore=1G -- movablecore=1G"), 0);
	ck_assert_uint_eq(bp.required_movablecore, 0);
	/* next_arg: quotes group and are removed */
	ck_assert_int_eq(parse("foo=\"a b\" kernelcore=\"2G\""), 0);
	ck_assert_uint_eq(bp.required_kernelcore, 524288);
	/* unrelated parameters that merely contain the names do nothing */
	ck_assert_int_eq(parse("xkernelcore=1G kernelcorex=1G"), 0);
	ck_assert_uint_eq(bp.required_kernelcore, 0);
}
END_TEST

/* kernel/dma/pool.c: early_coherent_pool - a size in bytes, memparse'd. */
START_TEST(test_coherent_pool)
{
	ck_assert_int_eq(parse("coherent_pool=1M"), 0);
	ck_assert_uint_eq(bp.atomic_pool_size, 1UL << 20);
	ck_assert_int_eq(parse("coherent_pool=256K coherent_pool=64K"), 0);
	ck_assert_uint_eq(bp.atomic_pool_size, 64UL << 10);
	ck_assert_int_eq(parse("kernelcore=1G"), 0);
	ck_assert_uint_eq(bp.atomic_pool_size, 0);	/* by memory size */
	ck_assert_int_eq(parse("coherent_pool"), -1);
	ck_assert_int_eq(parse("coherent_pool=big"), -1);
}
END_TEST

/* Values the kernel takes silently but that cannot be meant: errors. */
START_TEST(test_errors)
{
	ck_assert_int_eq(parse("kernelcore=abc"), -1);
	ck_assert_int_eq(parse("kernelcore="), -1);
	ck_assert_int_eq(parse("kernelcore"), -1);
	ck_assert_int_eq(parse("movablecore=150%"), -1);
	ck_assert_int_eq(parse("movablecore=-5%"), -1);
	/* trailing text after a size is ignored, as the kernel ignores it */
	ck_assert_int_eq(parse("kernelcore=512MB"), 0);
	ck_assert_uint_eq(bp.required_kernelcore, 131072);
}
END_TEST

Suite *bootparam_suite(void)
{
	Suite *s = suite_create("bootparam");
	TCase *tc = tcase_create("bootparam");

	tcase_add_test(tc, test_memparse_suffixes);
	tcase_add_test(tc, test_sizes_and_percentages);
	tcase_add_test(tc, test_later_values_and_percent_interplay);
	tcase_add_test(tc, test_mirror_movable_node_names);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_coherent_pool);
	suite_add_tcase(s, tc);
	return s;
}
