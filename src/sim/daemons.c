/*
 * daemons.c - kswapd and kcompactd stepped on a simulated clock (see
 * daemons.h): the wake-ups the engine and replay look for, and the cost
 * of a step.
 */
#include "mm/vmscan.h"
#include "sim/daemons.h"

/* mm/vmscan.c: wakeup_kswapd, mm/compaction.c: wakeup_kcompactd (after) */
void daemons_queue_woken(struct daemons *d, const struct mm_state *mm,
			 daemon_woken_fn *woken, void *ctx)
{
	d->seen_wakes = mm->nr_daemon_wakes;
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++) {
		if (mm->kswapd[nid].wake_pending &&
		    !d->scheduled[DAEMON_KSWAPD][nid]) {
			d->scheduled[DAEMON_KSWAPD][nid] = true;
			woken(ctx, DAEMON_KSWAPD, nid);
		}
		if (mm->kcompactd[nid].wake_pending &&
		    !d->scheduled[DAEMON_KCOMPACTD][nid]) {
			d->scheduled[DAEMON_KCOMPACTD][nid] = true;
			woken(ctx, DAEMON_KCOMPACTD, nid);
		}
	}
}

/* mm/vmscan.c: kswapd, mm/compaction.c: kcompactd - one step of either */
sim_time_t daemon_step(struct daemons *d, struct mm_state *mm,
		       enum daemon which, int nid, const struct cost_model *c)
{
	sim_time_t cost;
	bool done;

	if (which == DAEMON_KSWAPD) {
		struct reclaim_step s = kswapd_step(mm, nid);

		done = s.done;
		cost = s.nr_scanned * c->reclaim_scan +
		       s.nr_reclaimed * c->reclaim;
	} else {
		struct kcompactd_step s = kcompactd_step(mm, nid);

		done = s.done;
		cost = (s.nr_scanned - s.nr_freelist_scanned) *
			       c->compact_scan +
		       s.nr_freelist_scanned * c->compact_freelist_scan +
		       s.nr_migrated * c->migrate +
		       s.nr_tlb_shootdowns * c->tlb_shootdown;
	}
	if (done) {
		d->scheduled[which][nid] = false;
		return SIM_TIME_NEVER;
	}
	return cost > NSEC_PER_USEC ? cost : NSEC_PER_USEC;
}
