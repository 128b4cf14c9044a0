/*
 * check_rng.c - fragsim's MT19937 streams give exactly GSL's mt19937
 * numbers, through GSL's interface and through the engine's inline draws,
 * across several refills of the state; and the streams' seeds are fixed.
 */
#include <gsl/gsl_randist.h>

#include "sim/rng.h"
#include "suites.h"

static const unsigned long seeds[] = { 0, 1, 4357, 0x9e3779b9UL,
				       0xffffffffUL, 1UL << 32 | 12345 };

/* gsl_rng_get, word by word, for 2000 words (three refills). */
START_TEST(test_words_match_gsl)
{
	gsl_rng *ours = gsl_rng_alloc(rng_mt19937);
	gsl_rng *gsl = gsl_rng_alloc(gsl_rng_mt19937);

	gsl_rng_set(ours, seeds[_i]);
	gsl_rng_set(gsl, seeds[_i]);
	ck_assert_uint_eq(gsl_rng_max(ours), gsl_rng_max(gsl));
	ck_assert_uint_eq(gsl_rng_min(ours), gsl_rng_min(gsl));
	for (int i = 0; i < 2000; i++)
		ck_assert_uint_eq(gsl_rng_get(ours), gsl_rng_get(gsl));
	gsl_rng_free(ours);
	gsl_rng_free(gsl);
}
END_TEST

/* The inline draws and GSL's, interleaved with its distributions. */
START_TEST(test_inline_draws_match_gsl)
{
	gsl_rng *ours = rng_stream(7, "anon");
	gsl_rng *gsl = gsl_rng_alloc(gsl_rng_mt19937);

	gsl_rng_set(gsl, rng_stream_seed(7, "anon") & 0xffffffffUL);
	for (int i = 0; i < 3000; i++) {
		unsigned long n = 1 + (unsigned long)i * 977 % 100000;

		ck_assert(rng_uniform_pos(ours) == gsl_rng_uniform_pos(gsl));
		ck_assert_uint_eq(rng_uniform_int(ours, n),
				  gsl_rng_uniform_int(gsl, n));
		ck_assert(gsl_rng_uniform(ours) == gsl_rng_uniform(gsl));
		ck_assert(gsl_ran_exponential(ours, 3.0) ==
			  gsl_ran_exponential(gsl, 3.0));
	}
	/* a range near 2^32: rejections are frequent */
	for (int i = 0; i < 100; i++)
		ck_assert_uint_eq(rng_uniform_int(ours, 0xc0000000UL),
				  gsl_rng_uniform_int(gsl, 0xc0000000UL));
	gsl_rng_free(ours);
	gsl_rng_free(gsl);
}
END_TEST

/* The first outputs of the reference MT19937 for init_genrand(5489). */
START_TEST(test_reference_outputs)
{
	gsl_rng *r = gsl_rng_alloc(rng_mt19937);

	gsl_rng_set(r, 5489);
	ck_assert_uint_eq(gsl_rng_get(r), 3499211612UL);
	ck_assert_uint_eq(gsl_rng_get(r), 581869302UL);
	ck_assert_uint_eq(gsl_rng_get(r), 3890346734UL);
	gsl_rng_free(r);
}
END_TEST

Suite *rng_suite(void)
{
	Suite *s = suite_create("rng");
	TCase *tc = tcase_create("mt19937");

	tcase_add_loop_test(tc, test_words_match_gsl, 0,
			    (int)(sizeof(seeds) / sizeof(seeds[0])));
	tcase_add_test(tc, test_inline_draws_match_gsl);
	tcase_add_test(tc, test_reference_outputs);
	suite_add_tcase(s, tc);
	return s;
}
