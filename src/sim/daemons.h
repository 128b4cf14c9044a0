/*
 * daemons.h - kswapd and kcompactd as steps on a simulated clock: which
 * daemons the allocator woke that have no step coming yet, and what a
 * step costs, which is when the next one comes.  The engine (sim.c, on
 * its event queue) and replay (on the trace's clock) schedule the daemons
 * with these, each on its own clock; kcompactd's timer stays theirs.
 */
#ifndef FRAGSIM_SIM_DAEMONS_H
#define FRAGSIM_SIM_DAEMONS_H

#include <stdbool.h>

#include "mm/kcompactd.h"
#include "mm/page_alloc.h"
#include "sim/timer_wheel.h"
#include "util/time.h"
#include "workload/workload.h"

/*
 * mm/compaction.c: kcompactd's wait, begun at now: its timeout,
 * msecs_to_jiffies(HPAGE_FRAG_CHECK_INTERVAL_MSEC), ends on the timer
 * wheel's grid.
 */
static inline sim_time_t kcompactd_wait_expiry(sim_time_t now, unsigned int hz)
{
	return timer_wheel_expiry(now, msecs_to_jiffies(
		HPAGE_FRAG_CHECK_INTERVAL_MSEC, hz), hz);
}

/* mm/vmscan.c: the end of kswapd_try_to_sleep's nap, HZ/10, begun at now */
static inline sim_time_t kswapd_nap_expiry(sim_time_t now, unsigned int hz)
{
	return timer_wheel_expiry(now, hz / 10, hz);
}

enum daemon {
	DAEMON_KSWAPD,		/* kswapd_step */
	DAEMON_KCOMPACTD,	/* kcompactd_step */
	NR_DAEMONS,
};

struct daemons {
	/* the daemon of each node whose next step is on the clock */
	bool scheduled[NR_DAEMONS][MAX_NUMNODES];
	unsigned long seen_wakes;	/* mm->nr_daemon_wakes looked at */
};

/* A daemon woken with no step coming: put its first step on the clock. */
typedef void daemon_woken_fn(void *ctx, enum daemon which, int nid);

void daemons_queue_woken(struct daemons *d, const struct mm_state *mm,
			 daemon_woken_fn *woken, void *ctx);

/*
 * mm/vmscan.c: wakeup_kswapd, mm/compaction.c: wakeup_kcompactd (what the
 * wake-up sets in motion) - woken(ctx, which, nid) for every daemon
 * woken (wake_pending) with no step coming, node by node, kswapd before
 * kcompactd; each is then scheduled.  After a request or an action, only
 * if the allocator woke some daemon since the last look; after a daemon's
 * own step (force), always: it may have been woken while its step was
 * already coming.
 */
static inline void daemons_look(struct daemons *d, const struct mm_state *mm,
				bool force, daemon_woken_fn *woken, void *ctx)
{
	if (force || mm->nr_daemon_wakes != d->seen_wakes)
		daemons_queue_woken(d, mm, woken, ctx);
}

/*
 * mm/vmscan.c: kswapd, mm/compaction.c: kcompactd - one step of the
 * daemon of node nid: the time its work took at costs c (at least 1 us),
 * after which its next step comes, or SIM_TIME_NEVER when it went back to
 * sleep (it is no longer scheduled).
 */
sim_time_t daemon_step(struct daemons *d, struct mm_state *mm,
		       enum daemon which, int nid, const struct cost_model *c);

#endif
