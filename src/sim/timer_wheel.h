/*
 * timer_wheel.h - when a kernel timer fires: jiffies at CONFIG_HZ and the
 * timer wheel's rounding (kernel/time/timer.c).  The daemons' timeouts
 * (kcompactd's 500 ms wait, kswapd's HZ/10 nap) are schedule_timeout()s,
 * so they end on a jiffy, and a timeout of 64 jiffies or more lands in an
 * outer level of the wheel whose buckets round its expiry up: kcompactd's
 * 125 jiffies at HZ=250 fire 128 jiffies (512 ms) after a tick of the
 * wheel's 8-jiffy grid, as the kernel's traces show.
 *
 * Jiffies count from the simulated clock's zero, one every NSEC_PER_SEC /
 * hz; INITIAL_JIFFIES is a multiple of every level's granularity at the
 * usual HZ, so the grid starts there too.
 */
#ifndef FRAGSIM_SIM_TIMER_WHEEL_H
#define FRAGSIM_SIM_TIMER_WHEEL_H

#include "util/time.h"

/* include/linux/jiffies.h: msecs_to_jiffies (rounding up) */
unsigned long msecs_to_jiffies(unsigned int msecs, unsigned int hz);

/*
 * kernel/time/timer.c: calc_wheel_index - the simulated time at which a
 * timer armed at now for timeout jiffies (schedule_timeout) fires.
 */
sim_time_t timer_wheel_expiry(sim_time_t now, unsigned long timeout,
			      unsigned int hz);

#endif
