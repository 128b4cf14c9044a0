/*
 * check_experiment.c - sweep axes: ranges expanded exactly in decimal,
 * lists, the grid's order, and the refusals (empty range, a step that does
 * not divide, mixed units, a key varied twice).
 */
#include <string.h>

#include "experiment/axes.h"
#include "suites.h"

START_TEST(test_ranges_and_lists)
{
	struct axes a = { 0 };
	char err[256];

	ck_assert_int_eq(axes_add(&a, "movablecore=0%..90%/10%", err,
				  sizeof(err)), 0);
	ck_assert_uint_eq(a.axis[0].nr_values, 10);
	ck_assert_str_eq(a.axis[0].values[0], "0%");
	ck_assert_str_eq(a.axis[0].values[9], "90%");
	/* 0.1 steps are counted in tenths, not in binary fractions */
	ck_assert_int_eq(axes_add(&a, "x=0.1..0.3/0.1", err, sizeof(err)), 0);
	ck_assert_uint_eq(a.axis[1].nr_values, 3);
	ck_assert_str_eq(a.axis[1].values[2], "0.3");
	ck_assert_int_eq(axes_add(&a, "kernelcore=1G,2G,4G", err,
				  sizeof(err)), 0);
	ck_assert_uint_eq(a.axis[2].nr_values, 3);
	ck_assert_str_eq(a.axis[2].values[1], "2G");
	ck_assert_uint_eq(axes_nr_points(&a), 90);
	/* row-major: the last axis varies fastest */
	ck_assert_str_eq(axes_value(&a, 2, 0), "1G");
	ck_assert_str_eq(axes_value(&a, 2, 1), "2G");
	ck_assert_str_eq(axes_value(&a, 1, 3), "0.2");
	ck_assert_str_eq(axes_value(&a, 0, 89), "90%");
	ck_assert_str_eq(axes_value(&a, 0, 9), "10%");
	axes_release(&a);
	ck_assert_uint_eq(axes_nr_points(&a), 1);
}
END_TEST

START_TEST(test_refusals)
{
	static const struct {
		const char *arg, *why;
	} bad[] = {
		{ "movablecore=50%..10%/10%", "empty" },
		{ "movablecore=0%..90%/20%", "does not divide" },
		{ "movablecore=0%..1G/1%", "same unit" },
		{ "movablecore=0%..90%", "expected START..END/STEP" },
		{ "movablecore=0%..90%/0%", "positive" },
		{ "movablecore", "expected KEY=" },
		{ "=1,2", "expected KEY=" },
		{ "kernelcore=1G,,2G", "empty value" },
	};
	char err[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct axes a = { 0 };

		ck_assert_msg(axes_add(&a, bad[i].arg, err, sizeof(err)) == -1,
			      "%s taken", bad[i].arg);
		ck_assert_msg(strstr(err, bad[i].why), "%s: %s", bad[i].arg,
			      err);
		axes_release(&a);
	}
	{
		struct axes a = { 0 };

		ck_assert_int_eq(axes_add(&a, "x=1,2", err, sizeof(err)), 0);
		ck_assert_int_eq(axes_add(&a, "x=3,4", err, sizeof(err)), -1);
		ck_assert(strstr(err, "varied twice"));
		axes_release(&a);
	}
}
END_TEST

Suite *experiment_suite(void)
{
	Suite *s = suite_create("experiment");
	TCase *tc = tcase_create("axes");

	tcase_add_test(tc, test_ranges_and_lists);
	tcase_add_test(tc, test_refusals);
	suite_add_tcase(s, tc);
	return s;
}
