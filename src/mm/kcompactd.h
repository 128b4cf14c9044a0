/*
 * kcompactd.h - the per-node background compaction daemon and proactive
 * compaction (mm/compaction.c, Linux 6.1: kcompactd, kcompactd_do_work,
 * proactive_compact_node, the fragmentation score), as a state machine the
 * engine steps: woken by kswapd or the allocator, or by its 500 ms timer.
 *
 * Included by page_alloc.h (struct mm_state holds the states), so it only
 * declares the types it points to.
 */
#ifndef FRAGSIM_MM_KCOMPACTD_H
#define FRAGSIM_MM_KCOMPACTD_H

#include <stdbool.h>

#include "mm/mmzone.h"

struct mm_state;
struct zone;
struct compact_control;

/* mm/compaction.c: HPAGE_FRAG_CHECK_INTERVAL_MSEC, COMPACTION_HPAGE_ORDER */
#define HPAGE_FRAG_CHECK_INTERVAL_MSEC	500
#define COMPACTION_HPAGE_ORDER		pageblock_order

struct kcompactd_state {
	bool wake_pending;	/* the engine schedules kcompactd_step */
	bool running;		/* a run is in progress */
	int max_order;		/* pgdat->kcompactd_max_order */
	int highest_zoneidx;	/* pgdat->kcompactd_highest_zoneidx */
	bool proactive;		/* the run is proactive_compact_node */
	bool initialized;	/* the two above and cpu set as kcompactd() starts */
	int cpu;		/* where its last step ran (daemon_cpu) */
	/* timer calls still to ignore: the 32 s timeout after a proactive
	 * run that did not lower the score (proactive_defer) */
	unsigned int proactive_defer;
	/* the run in progress: the compact_control, the next zone */
	struct compact_control *cc;	/* allocated while running */
	int zoneid;
	bool zone_active;	/* compact_zone_begin ran for cc->zone */
	unsigned int prev_score;	/* proactive: the node score before */
	/* pgdat->proactive_compact_trigger: a write of
	 * compaction_proactiveness asked for a proactive check */
	bool proactive_compact_trigger;
};

/*
 * mm/compaction.c: wakeup_kcompactd - raise the node's max_order, lower
 * its highest_zoneidx, and wake it if it sleeps and some zone is suitable.
 */
void wakeup_kcompactd(struct mm_state *mm, int nid, int order,
		      int highest_zoneidx);

struct kcompactd_step {
	/* nr_scanned: both scanners' pages, the fast search's list entries
	 * (nr_freelist_scanned) among them */
	unsigned long nr_scanned, nr_freelist_scanned, nr_migrated,
		      nr_tlb_shootdowns;
	bool done;
};

/*
 * One compact_zone_step of kcompactd_do_work (or of proactive_compact_node
 * when the timer woke it): zones 0..highest_zoneidx in turn, in
 * MIGRATE_SYNC_LIGHT, with compaction_suitable, deferral and the
 * COMPACT_* results handled as 6.1 does.  done = true when the run ends
 * (kcompactd sleeps again, or wake_pending is set if more work came).
 */
struct kcompactd_step kcompactd_step(struct mm_state *mm, int nid);

/*
 * The kcompactd wait timeout (every HPAGE_FRAG_CHECK_INTERVAL_MSEC of
 * simulated time): if the node's score is above the high mark (and
 * kswapd is not running), set wake_pending with proactive = true.
 */
void kcompactd_timer(struct mm_state *mm, int nid);

/*
 * mm/compaction.c: compaction_proactiveness_sysctl_handler, after a write
 * of a non-zero value: every online node's kcompactd not already
 * triggered is woken for a proactive check, its timeout reset (a 32 s
 * deferral is forgotten).  A node whose kcompactd is running makes the
 * check when the run ends.
 */
void kcompactd_proactive_trigger(struct mm_state *mm);

/* mm/compaction.c: kcompactd_stop - end a run in progress (before
 * mm_release or when the node goes away). */
void kcompactd_stop(struct mm_state *mm, int nid);

/* mm/compaction.c: fragmentation_score_zone - extfrag for order 9, 0..100 */
unsigned int fragmentation_score_zone(const struct zone *zone);

/* mm/compaction.c: fragmentation_score_node - zone scores weighted by
 * present pages */
unsigned int fragmentation_score_node(const struct mm_state *mm, int nid);

/* mm/compaction.c: fragmentation_score_wmark - low or high threshold */
unsigned int fragmentation_score_wmark(const struct mm_state *mm, bool low);

#endif
