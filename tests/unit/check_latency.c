/*
 * check_latency.c - the latency histogram: a run of n equal values counted
 * at once is exactly n values counted one by one, sum included, also where
 * a double's sum rounds; percentiles by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "sim/latency.h"
#include "suites.h"

static struct latency_hist *hist(void)
{
	return calloc(1, sizeof(struct latency_hist));
}

/* Runs of equal values, as the engine records them, against one by one. */
START_TEST(test_runs_are_single_records)
{
	static const uint64_t values[] = { 200, 200, 7, 1500000, 63, 64, 0 };
	static const uint64_t counts[] = { 3, 1, 1000, 2, 5, 5, 9 };
	struct latency_hist *one = hist(), *runs = hist();

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		for (uint64_t j = 0; j < counts[i]; j++)
			latency_record(one, values[i]);
		latency_record_n(runs, values[i], counts[i]);
		latency_record_n(runs, values[i], 0);
	}
	ck_assert_mem_eq(one, runs, sizeof(*one));
	ck_assert_uint_eq(runs->count, 1025);
	ck_assert_uint_eq(runs->min, 0);
	ck_assert_uint_eq(runs->max, 1500000);
	free(one);
	free(runs);
}
END_TEST

/*
 * Past 2^53 each addition of 1 rounds back (ties to even): from 2^53 - 1,
 * four of them leave 2^53, where adding 4 at once would give 2^53 + 4.
 */
START_TEST(test_runs_past_exact_sums)
{
	const uint64_t start = (1ULL << 53) - 1;
	struct latency_hist *one = hist(), *runs = hist();

	latency_record(one, start);
	latency_record(runs, start);
	for (int j = 0; j < 4; j++)
		latency_record(one, 1);
	latency_record_n(runs, 1, 4);
	ck_assert(one->sum == (double)(1ULL << 53));
	ck_assert_mem_eq(one, runs, sizeof(*one));
	free(one);
	free(runs);
}
END_TEST

/* Nearest rank: of 1..100 ns, p50 is 50 and p99 99 (exact below 64 ns,
 * then the bucket's lower bound: 99 lies in [98, 100)). */
START_TEST(test_percentiles_by_hand)
{
	struct latency_hist *h = hist();

	for (uint64_t v = 1; v <= 100; v++)
		latency_record(h, v);
	ck_assert_uint_eq(latency_percentile(h, 50), 50);
	ck_assert_uint_eq(latency_percentile(h, 99), 98);
	ck_assert_uint_eq(latency_percentile(h, 100), 100);
	free(h);
}
END_TEST

Suite *latency_suite(void)
{
	Suite *s = suite_create("latency");
	TCase *tc = tcase_create("histogram");

	tcase_add_test(tc, test_runs_are_single_records);
	tcase_add_test(tc, test_runs_past_exact_sums);
	tcase_add_test(tc, test_percentiles_by_hand);
	suite_add_tcase(s, tc);
	return s;
}
