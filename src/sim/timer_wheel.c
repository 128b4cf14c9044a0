/*
 * timer_wheel.c - when a kernel timer fires (timer_wheel.h).
 */
#include <assert.h>
#include <stdint.h>

#include "sim/timer_wheel.h"

/* kernel/time/timer.c: the wheel's geometry */
#define LVL_CLK_SHIFT	3
#define LVL_BITS	6
#define LVL_SIZE	(1ULL << LVL_BITS)
#define LVL_DEPTH	9		/* HZ > 100 */
#define LVL_SHIFT(n)	((n) * LVL_CLK_SHIFT)
#define LVL_START(n)	((LVL_SIZE - 1) << (((n) - 1) * LVL_CLK_SHIFT))
#define WHEEL_TIMEOUT_CUTOFF	(LVL_START(LVL_DEPTH))
#define WHEEL_TIMEOUT_MAX	\
	(WHEEL_TIMEOUT_CUTOFF - (1ULL << LVL_SHIFT(LVL_DEPTH - 1)))

unsigned long msecs_to_jiffies(unsigned int msecs, unsigned int hz)
{
	assert(hz > 0);
	return ((unsigned long)msecs * hz + 999) / 1000;
}

/*
 * The jiffy the simulated time t falls in, in whole seconds and the rest
 * so that nothing overflows (a jiffy at HZ=300 is not a whole number of
 * nanoseconds).
 */
static uint64_t jiffies_at(sim_time_t t, unsigned int hz)
{
	return t / NSEC_PER_SEC * hz + t % NSEC_PER_SEC * hz / NSEC_PER_SEC;
}

/* The simulated time at which jiffy j begins (rounded up), or just
 * before never. */
static sim_time_t jiffy_start(uint64_t j, unsigned int hz)
{
	uint64_t secs = j / hz, rest = j % hz;

	if (secs >= (SIM_TIME_NEVER - NSEC_PER_SEC) / NSEC_PER_SEC)
		return SIM_TIME_NEVER - 1;
	return secs * NSEC_PER_SEC + (rest * NSEC_PER_SEC + hz - 1) / hz;
}

sim_time_t timer_wheel_expiry(sim_time_t now, unsigned long timeout,
			      unsigned int hz)
{
	uint64_t clk = jiffies_at(now, hz), expires, delta;
	unsigned int lvl = 0;

	/* __mod_timer clamps at the wheel's capacity */
	if (timeout > WHEEL_TIMEOUT_MAX)
		timeout = WHEEL_TIMEOUT_MAX;
	expires = clk + timeout;
	delta = expires - clk;
	while (lvl < LVL_DEPTH - 1 && delta >= LVL_START(lvl + 1))
		lvl++;
	/* calc_index: round up with the level's granularity, so that a
	 * timer armed at the edge of a tick never fires early */
	expires = ((expires >> LVL_SHIFT(lvl)) + 1) << LVL_SHIFT(lvl);
	return jiffy_start(expires, hz);
}
