/*
 * kcompactd.c - the background compaction daemon of each node and
 * proactive compaction (mm/compaction.c, Linux 6.1), stepped by the
 * engine one compact_zone_step at a time.
 *
 * A run is either kcompactd_do_work (woken for an order by kswapd or the
 * allocator) or proactive_compact_node (the 500 ms timer found the node's
 * fragmentation score above the high mark).  The kernel's timeout is the
 * engine's call of kcompactd_timer; its 32 s back-off after a proactive
 * run that did not help is counted in timer calls (proactive_defer): 64
 * of the wheel's 512 ms at HZ=250, as its one timeout of 8000 jiffies
 * lands, on the grid, at 8192.
 */
#include <stdlib.h>

#include "mm/compaction.h"
#include "mm/frag_index.h"
#include "mm/kcompactd.h"
#include "mm/page_alloc.h"
#include "mm/trace.h"
#include "util/xalloc.h"

/* pgdat->nr_zones: one past the highest zone that spans pages */
static int node_nr_zones(const struct pglist_data *pgdat)
{
	int nr = 0;

	for (int t = 0; t < MAX_NR_ZONES; t++)
		if (pgdat->node_zones[t].spanned_pages)
			nr = t + 1;
	return nr ? nr : 1;
}

/* What kcompactd() sets as the thread starts. */
static struct kcompactd_state *kcompactd_of(struct mm_state *mm, int nid)
{
	struct kcompactd_state *kc = &mm->kcompactd[nid];

	if (!kc->initialized) {
		kc->max_order = 0;
		kc->highest_zoneidx = node_nr_zones(&mm->layout.node_data[nid]) - 1;
		kc->cpu = -1;
		kc->initialized = true;
	}
	return kc;
}

/* mm/compaction.c: kswapd_is_running - awake, or woken and not yet run */
static bool kswapd_is_running(const struct mm_state *mm, int nid)
{
	return mm->kswapd[nid].running || mm->kswapd[nid].wake_pending;
}

/* --- the fragmentation score --- */

/* mm/vmstat.c: extfrag_for_order of order 9 (pcp pages not counted) */
unsigned int fragmentation_score_zone(const struct zone *zone)
{
	unsigned long nr_free[MAX_ORDER];
	struct contig_page_info info;

	for (int o = 0; o < MAX_ORDER; o++)
		nr_free[o] = zone->free_area[o].nr_free;
	fill_contig_page_info(nr_free, COMPACTION_HPAGE_ORDER, &info);
	if (!info.free_pages)
		return 0;
	return (unsigned int)((info.free_pages -
			       (info.free_blocks_suitable << COMPACTION_HPAGE_ORDER)) *
			      100 / info.free_pages);
}

/* mm/compaction.c: fragmentation_score_zone_weighted - small zones count
 * little, so that they never trigger proactive compaction on their own */
static unsigned int fragmentation_score_zone_weighted(const struct zone *zone,
						      unsigned long node_present)
{
	return (unsigned int)(zone->present_pages *
			      fragmentation_score_zone(zone) /
			      (node_present + 1));
}

unsigned int fragmentation_score_node(const struct mm_state *mm, int nid)
{
	const struct pglist_data *pgdat = &mm->layout.node_data[nid];
	unsigned int score = 0;

	for (int t = 0; t < MAX_NR_ZONES; t++)
		score += fragmentation_score_zone_weighted(&pgdat->node_zones[t],
							   pgdat->node_present_pages);
	return score;
}

unsigned int fragmentation_score_wmark(const struct mm_state *mm, bool low)
{
	int proactiveness = mm->sysctl.compaction_proactiveness;
	/* Capped so that proactiveness near 100 does not compact forever. */
	unsigned int wmark_low = 100 - proactiveness > 5 ?
				 (unsigned int)(100 - proactiveness) : 5;

	if (low)
		return wmark_low;
	return wmark_low + 10 < 100 ? wmark_low + 10 : 100;
}

/* mm/compaction.c: should_proactive_compact_node */
static bool should_proactive_compact_node(const struct mm_state *mm, int nid)
{
	if (!mm->sysctl.compaction_proactiveness || kswapd_is_running(mm, nid))
		return false;
	return fragmentation_score_node(mm, nid) >
	       fragmentation_score_wmark(mm, false);
}

/* --- waking --- */

/* mm/compaction.c: kcompactd_node_suitable */
static bool kcompactd_node_suitable(struct mm_state *mm, int nid)
{
	struct kcompactd_state *kc = &mm->kcompactd[nid];

	for (int t = 0; t <= kc->highest_zoneidx && t < MAX_NR_ZONES; t++) {
		struct zone *zone = mm_zone(mm, nid, t);

		if (populated_zone(zone) &&
		    compaction_suitable(mm, zone, kc->max_order, 0,
					kc->highest_zoneidx) == COMPACT_CONTINUE)
			return true;
	}
	return false;
}

void wakeup_kcompactd(struct mm_state *mm, int nid, int order,
		      int highest_zoneidx)
{
	struct kcompactd_state *kc = kcompactd_of(mm, nid);

	if (!order)
		return;
	if (kc->max_order < order)
		kc->max_order = order;
	if (kc->highest_zoneidx > highest_zoneidx)
		kc->highest_zoneidx = highest_zoneidx;
	/* Not waiting: it will see the request when its run ends. */
	if (kc->running || kc->wake_pending)
		return;
	if (!kcompactd_node_suitable(mm, nid))
		return;
	trace_event(mm, "mm_compaction_wakeup_kcompactd", "nid=%d order=%d "
		    "classzone_idx=%-8s", nid, order, zone_names[highest_zoneidx]);
	kc->wake_pending = true;
	mm->nr_daemon_wakes++;
	kc->proactive = false;
}

void kcompactd_timer(struct mm_state *mm, int nid)
{
	struct kcompactd_state *kc = kcompactd_of(mm, nid);

	if (kc->running || kc->wake_pending)
		return;
	/* proactiveness 0: the timeout is MAX_SCHEDULE_TIMEOUT */
	if (!mm->sysctl.compaction_proactiveness)
		return;
	if (kc->proactive_defer) {
		kc->proactive_defer--;
		return;
	}
	/* The wait ends with its condition true: the work is done now. */
	if (kc->max_order > 0) {
		kc->wake_pending = true;
		mm->nr_daemon_wakes++;
		kc->proactive = false;
		return;
	}
	if (should_proactive_compact_node(mm, nid)) {
		kc->wake_pending = true;
		mm->nr_daemon_wakes++;
		kc->proactive = true;
		mm->vm_events[KCOMPACTD_WAKE_PROACTIVE]++;
		return;
	}
	/* nothing to do: the next wait */
	trace_event(mm, "mm_compaction_kcompactd_sleep", "nid=%d", nid);
}

/*
 * mm/compaction.c: kcompactd, its loop after a wait that ends with
 * proactive_compact_trigger set: it skips kcompactd_do_work
 * this time round, takes the default timeout again and compacts
 * proactively if the score calls for it; the trigger is cleared after
 * that (when the proactive run ends, if there is one).
 */
static void kcompactd_triggered(struct mm_state *mm, int nid)
{
	struct kcompactd_state *kc = &mm->kcompactd[nid];

	kc->proactive_defer = 0;
	if (!should_proactive_compact_node(mm, nid)) {
		kc->proactive_compact_trigger = false;
		return;
	}
	if (!kc->wake_pending) {
		kc->wake_pending = true;
		mm->nr_daemon_wakes++;
	}
	kc->proactive = true;
}

void kcompactd_proactive_trigger(struct mm_state *mm)
{
	if (!mm->sysctl.compaction_proactiveness)
		return;
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++) {
		struct kcompactd_state *kc;

		if (!mm->layout.node_data[nid].online)
			continue;
		kc = kcompactd_of(mm, nid);
		if (kc->proactive_compact_trigger)
			continue;
		kc->proactive_compact_trigger = true;
		if (!kc->running)
			kcompactd_triggered(mm, nid);
	}
}

/* --- a run --- */

/*
 * The compact_control of kcompactd_do_work or proactive_compact_node; the
 * same one serves every zone of the run, as in the kernel (so whole_zone,
 * once set, stays set).
 */
static void kcompactd_run_begin(struct mm_state *mm, int nid)
{
	struct kcompactd_state *kc = &mm->kcompactd[nid];
	struct compact_control *cc = xcalloc(1, sizeof(*cc));

	kc->running = true;
	kc->wake_pending = false;
	/* work requested wins over the timer, not over the trigger */
	if (kc->max_order > 0 && !kc->proactive_compact_trigger)
		kc->proactive = false;
	cc->mode = MIGRATE_SYNC_LIGHT;
	cc->gfp_mask = GFP_KERNEL;
	if (kc->proactive) {
		kc->prev_score = fragmentation_score_node(mm, nid);
		cc->order = -1;
		cc->ignore_skip_hint = true;
		cc->whole_zone = true;
		cc->proactive_compaction = true;
	} else {
		cc->order = kc->max_order;
		cc->search_order = kc->max_order;
		cc->highest_zoneidx = kc->highest_zoneidx;
		mm->vm_events[KCOMPACTD_WAKE]++;
		trace_event(mm, "mm_compaction_kcompactd_wake", "nid=%d "
			    "order=%d classzone_idx=%-8s", nid, cc->order,
			    zone_names[cc->highest_zoneidx]);
	}
	kc->cc = cc;
	kc->zoneid = 0;
	kc->zone_active = false;
}

/*
 * A zone's compaction ended with status: kcompactd_do_work's deferral
 * and counting (proactive runs do neither).
 */
static void kcompactd_zone_done(struct mm_state *mm, int nid,
				enum compact_result status)
{
	struct kcompactd_state *kc = &mm->kcompactd[nid];
	struct compact_control *cc = kc->cc;

	if (kc->zone_active)
		compact_zone_end(mm, cc);
	kc->zone_active = false;
	if (kc->proactive)
		return;
	if (status == COMPACT_SUCCESS) {
		compaction_defer_reset(mm, cc->zone, cc->order, false);
	} else if (status == COMPACT_PARTIAL_SKIPPED ||
		   status == COMPACT_COMPLETE) {
		/* Buddies stranded on pcp lists could merge: drain them. */
		drain_all_pages(mm, cc->zone);
		defer_compaction(mm, cc->zone, cc->order);
	}
	mm->vm_events[KCOMPACTD_MIGRATE_SCANNED] += cc->total_migrate_scanned;
	mm->vm_events[KCOMPACTD_FREE_SCANNED] += cc->total_free_scanned;
}

/*
 * Start the next zone of the run that has work; false when none is left.
 * kcompactd_do_work skips deferred zones and those compaction_suitable
 * does not send on (checked against the zone's own index).
 */
static bool kcompactd_next_zone(struct mm_state *mm, int nid)
{
	struct kcompactd_state *kc = &mm->kcompactd[nid];
	struct compact_control *cc = kc->cc;
	int last = kc->proactive ? MAX_NR_ZONES - 1 : cc->highest_zoneidx;

	for (; kc->zoneid <= last; kc->zoneid++) {
		struct zone *zone = mm_zone(mm, nid, kc->zoneid);
		enum compact_result status;

		if (!populated_zone(zone))
			continue;
		if (!kc->proactive &&
		    (compaction_deferred(mm, zone, cc->order) ||
		     compaction_suitable(mm, zone, cc->order, 0, kc->zoneid) !=
			     COMPACT_CONTINUE))
			continue;
		cc->zone = zone;
		status = compact_zone_begin(mm, cc);
		if (status == COMPACT_CONTINUE) {
			kc->zone_active = true;
			kc->zoneid++;
			return true;
		}
		kcompactd_zone_done(mm, nid, status);
	}
	return false;
}

/*
 * The run is over: do_work forgets the request it served unless a larger
 * one came meanwhile; a proactive run that did not lower the score backs
 * off for 64 timeouts.  Work still requested starts another run at once.
 */
static void kcompactd_run_end(struct mm_state *mm, int nid)
{
	struct kcompactd_state *kc = &mm->kcompactd[nid];
	struct compact_control *cc = kc->cc;

	if (kc->proactive) {
		if (fragmentation_score_node(mm, nid) >= kc->prev_score)
			kc->proactive_defer = (1U << COMPACT_MAX_DEFER_SHIFT) - 1;
		kc->proactive = false;
		kc->proactive_compact_trigger = false;
	} else {
		if (kc->max_order <= cc->order)
			kc->max_order = 0;
		if (kc->highest_zoneidx >= cc->highest_zoneidx)
			kc->highest_zoneidx =
				node_nr_zones(&mm->layout.node_data[nid]) - 1;
		kc->proactive_defer = 0;	/* the timeout is reset */
	}
	free(cc);
	kc->cc = NULL;
	kc->running = false;
	/* the trigger came during the run: the next wait ends at once */
	if (kc->proactive_compact_trigger) {
		kcompactd_triggered(mm, nid);
		if (kc->wake_pending)
			return;
	}
	/* kcompactd(): back to its wait (which more work ends at once) */
	trace_event(mm, "mm_compaction_kcompactd_sleep", "nid=%d", nid);
	if (kc->max_order > 0) {
		kc->wake_pending = true;
		mm->nr_daemon_wakes++;
	}
}

struct kcompactd_step kcompactd_step(struct mm_state *mm, int nid)
{
	struct kcompactd_state *kc = kcompactd_of(mm, nid);
	struct kcompactd_step step = { 0 };
	struct compact_control *cc;
	enum compact_result status;
	unsigned long scanned, walked;

	kc->cpu = daemon_cpu(mm, nid, kc->cpu);
	if (!kc->running)
		kcompactd_run_begin(mm, nid);
	cc = kc->cc;
	cc->cpu = kc->cpu;	/* each step, as the scheduler may move it */
	if (!kc->zone_active && !kcompactd_next_zone(mm, nid)) {
		kcompactd_run_end(mm, nid);
		step.done = true;
		return step;
	}
	scanned = cc->total_migrate_scanned + cc->total_free_scanned;
	walked = mm->nr_freelist_scanned;
	status = compact_zone_step(mm, cc);
	step.nr_scanned = cc->total_migrate_scanned + cc->total_free_scanned -
			  scanned;
	step.nr_freelist_scanned = mm->nr_freelist_scanned - walked;
	step.nr_migrated = cc->step_migrated;
	step.nr_tlb_shootdowns = cc->step_tlb_shootdowns;
	if (status == COMPACT_CONTINUE)
		return step;
	kcompactd_zone_done(mm, nid, status);
	if (!kcompactd_next_zone(mm, nid)) {
		kcompactd_run_end(mm, nid);
		step.done = true;
	}
	return step;
}

void kcompactd_stop(struct mm_state *mm, int nid)
{
	struct kcompactd_state *kc = &mm->kcompactd[nid];

	if (kc->running) {
		if (kc->zone_active)
			compact_zone_end(mm, kc->cc);
		free(kc->cc);
		kc->cc = NULL;
		kc->zone_active = false;
		kc->running = false;
	}
	kc->wake_pending = false;
}
