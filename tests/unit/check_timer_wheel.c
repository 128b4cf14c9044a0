/*
 * check_timer_wheel.c - when the daemons' timeouts end: jiffies and the
 * timer wheel's rounding (kernel/time/timer.c: calc_wheel_index), worked
 * by hand, and the wheel's promise that a timer never fires early.
 */
#include "sim/timer_wheel.h"
#include "suites.h"

#define MS	NSEC_PER_MSEC

/* include/linux/jiffies.h rounds up: a timeout never shrinks */
START_TEST(test_msecs_to_jiffies)
{
	ck_assert_uint_eq(msecs_to_jiffies(500, 250), 125);
	ck_assert_uint_eq(msecs_to_jiffies(500, 1000), 500);
	ck_assert_uint_eq(msecs_to_jiffies(500, 300), 150);
	ck_assert_uint_eq(msecs_to_jiffies(500, 100), 50);
	ck_assert_uint_eq(msecs_to_jiffies(1, 250), 1);
	ck_assert_uint_eq(msecs_to_jiffies(0, 250), 0);
}
END_TEST

/*
 * kcompactd's 125 jiffies at HZ=250 lie in the wheel's level 1 (64 to 503
 * jiffies ahead), whose buckets are 8 jiffies (32 ms): the expiry is
 * rounded up past the next multiple of 8.  Armed on the grid, 128 jiffies
 * (512 ms, the kernel traces' cadence); armed later, 504-532 ms.
 */
START_TEST(test_kcompactd_wait)
{
	/* jiffy 0: 125 -> bucket 128 */
	ck_assert_uint_eq(timer_wheel_expiry(0, 125, 250), 512 * MS);
	/* on the grid again: 512 ms more */
	ck_assert_uint_eq(timer_wheel_expiry(512 * MS, 125, 250), 1024 * MS);
	/* within jiffy 128 (512-515.99 ms): the same bucket */
	ck_assert_uint_eq(timer_wheel_expiry(515 * MS, 125, 250), 1024 * MS);
	/* jiffy 129: 254 -> 256, 508 ms after 516 */
	ck_assert_uint_eq(timer_wheel_expiry(516 * MS, 125, 250), 1024 * MS);
	/* jiffy 135: 260 -> 264 */
	ck_assert_uint_eq(timer_wheel_expiry(540 * MS, 125, 250), 1056 * MS);
	/* jiffy 136, on the grid: 261 -> 264, 528 ms */
	ck_assert_uint_eq(timer_wheel_expiry(544 * MS, 125, 250), 1056 * MS);
	/* HZ=1000: 500 jiffies, still level 1 (below 504): 504 ms */
	ck_assert_uint_eq(timer_wheel_expiry(0, 500, 1000), 504 * MS);
}
END_TEST

/* kswapd's HZ/10 nap is level 0: one jiffy past its expiry. */
START_TEST(test_kswapd_nap)
{
	ck_assert_uint_eq(timer_wheel_expiry(0, 25, 250), 104 * MS);
	ck_assert_uint_eq(timer_wheel_expiry(3 * MS + 999999, 25, 250),
			  104 * MS);
	ck_assert_uint_eq(timer_wheel_expiry(4 * MS, 25, 250), 108 * MS);
	/* HZ=100: 10 jiffies of 10 ms */
	ck_assert_uint_eq(timer_wheel_expiry(0, 10, 100), 110 * MS);
}
END_TEST

/* Level 3 (4032 to 32255 jiffies ahead): 512-jiffy buckets. */
START_TEST(test_long_timeout)
{
	/* proactive compaction's back-off, 125 << 6 jiffies: 8192 */
	ck_assert_uint_eq(timer_wheel_expiry(0, 8000, 250), 8192 * 4 * MS);
}
END_TEST

/*
 * The wheel never fires a timer early and rounds it up by less than its
 * level's granularity plus the jiffy it was armed in; at HZ=300 a jiffy is
 * not a whole number of nanoseconds.
 */
START_TEST(test_never_early)
{
	static const unsigned int hzs[] = { 100, 250, 300, 1000 };
	static const unsigned long timeouts[] = { 1, 25, 62, 63, 125, 503,
						  504, 4031, 8000, 40000 };

	for (size_t h = 0; h < sizeof(hzs) / sizeof(hzs[0]); h++) {
		sim_time_t tick = NSEC_PER_SEC / hzs[h];

		for (size_t i = 0; i < sizeof(timeouts) / sizeof(timeouts[0]);
		     i++) {
			unsigned long to = timeouts[i];
			/* the granularity of the level to lands in */
			sim_time_t gran = to < 63 ? 1 : to < 504 ? 8 :
					  to < 4032 ? 64 : to < 32256 ? 512 :
					  4096;

			for (sim_time_t now = 0; now < 3 * NSEC_PER_SEC;
			     now += 1300 * NSEC_PER_USEC + 17) {
				sim_time_t at = timer_wheel_expiry(now, to,
								   hzs[h]);

				ck_assert_uint_ge(at, now + to * tick);
				ck_assert_uint_le(at, now + (to + gran + 1) *
							   (tick + 1));
			}
		}
	}
}
END_TEST

Suite *timer_wheel_suite(void)
{
	Suite *s = suite_create("timer_wheel");
	TCase *tc = tcase_create("expiry");

	tcase_add_test(tc, test_msecs_to_jiffies);
	tcase_add_test(tc, test_kcompactd_wait);
	tcase_add_test(tc, test_kswapd_nap);
	tcase_add_test(tc, test_long_timeout);
	tcase_add_test(tc, test_never_early);
	suite_add_tcase(s, tc);
	return s;
}
