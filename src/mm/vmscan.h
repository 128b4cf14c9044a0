/*
 * vmscan.h - page reclaim (mm/vmscan.c, Linux 6.1): the per-node lists of
 * reclaimable blocks, direct reclaim, kswapd as a state machine the engine
 * steps, and /proc/sys/vm/drop_caches.
 *
 * What reclaim can take: page cache (OWNER_PAGECACHE) from the node's file
 * LRU, oldest first, and reclaimable slab (OWNER_SLAB_RECLAIMABLE) through
 * the node's one modelled shrinker.  Anonymous memory is never reclaimed
 * (no swap).  Every page cache block on the LRU is clean, unmapped and
 * unreferenced, so each one isolated is freed: there is no active list and
 * no writeback.
 *
 * This header is included by page_alloc.h (struct mm_state holds the
 * kswapd states), so it only declares the types it points to.
 */
#ifndef FRAGSIM_MM_VMSCAN_H
#define FRAGSIM_MM_VMSCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/gfp.h"
#include "mm/mmzone.h"

struct mm_state;
struct zone;
struct zoneref;

#define SWAP_CLUSTER_MAX	32UL
#define DEF_PRIORITY		12
#define MAX_RECLAIM_RETRIES	16
/* A kswapd step scans at most this many pages of the LRU (fragsim). */
#define KSWAPD_STEP_BATCHES	32
/* include/linux/shrinker.h: SHRINK_BATCH, DEFAULT_SEEKS */
#define SHRINK_BATCH		128UL
#define DEFAULT_SEEKS		2

/* mm/vmscan.c: struct scan_control, the parts fragsim's reclaim uses */
struct scan_control {
	unsigned long nr_to_reclaim;
	unsigned long nr_reclaimed;	/* LRU and slab pages freed */
	unsigned long nr_scanned;	/* LRU pages scanned, skipped ones too */
	gfp_t gfp_mask;
	int order;
	int priority;			/* scan lru_size >> priority per pass */
	int reclaim_idx;		/* the highest zone reclaim may free */
	bool kswapd;			/* current_is_kswapd */
	bool compaction_ready;
	int cpu;			/* whose pcp lists get the freed pages */
	/* shrink_lruvec in progress (a kswapd step may stop inside it) */
	unsigned long nr_file_left;	/* the pass's remaining scan target */
	unsigned long lruvec_reclaimed;	/* the pass's LRU pages freed */
	unsigned long node_reclaimed;	/* sc->nr_reclaimed at shrink_node */
};

/*
 * kswapd of one node (pgdat->kswapd_order, kswapd_highest_zoneidx,
 * kswapd_failures and balance_pgdat's locals), in struct mm_state.
 */
struct kswapd_state {
	bool wake_pending;	/* set by wakeup_kswapd; the engine schedules a step */
	bool running;		/* in balance_pgdat or about to sleep */
	/* kswapd_try_to_sleep's HZ/10 nap: the engine ends it (kswapd_nap_end)
	 * unless a wake-up ends it first (nap_woken) */
	bool napping, nap_woken;
	unsigned int nap_seq;	/* which nap an end event is for */
	int nap_order, nap_zoneidx;	/* the reclaim order and zone it napped at */
	int order;		/* pgdat->kswapd_order */
	int highest_zoneidx;	/* pgdat->kswapd_highest_zoneidx, if set */
	bool highest_zoneidx_set;	/* false: MAX_NR_ZONES, no request */
	int failures;		/* kswapd_failures: runs that freed nothing */
	bool started;		/* classzone_idx initialised as kswapd() does */
	int cpu;		/* where its last step ran (daemon_cpu) */
	/* the run in progress */
	int alloc_order, reclaim_order, classzone_idx;
	bool in_balance;	/* inside balance_pgdat */
	bool in_pass;		/* inside one priority pass (kswapd_shrink_node) */
	bool raise_priority;
	bool boosted;
	unsigned long nr_boost_reclaim;
	unsigned long zone_boosts[MAX_NR_ZONES];
	unsigned long pass_start_reclaimed;
	struct scan_control sc;
};

/*
 * The reclaim lists: a block of a reclaimable owner kind goes on its
 * node's list when committed and leaves it when freed (page_alloc.c, which
 * has the block's zone at hand); idx is the block's record.
 */
void lruvec_add_block(struct mm_state *mm, struct zone *zone, uint32_t idx);
void lruvec_del_block(struct mm_state *mm, struct zone *zone, uint32_t idx);

/*
 * A bare block of order in zone joins or leaves the bare part of its
 * node's list l (mmzone.h: struct block_lru): the counts only, the
 * block's frame word says whether it is on the list.
 */
void lru_bare_add(struct mm_state *mm, struct zone *zone, enum reclaim_list l,
		  unsigned int order);
void lru_bare_del(struct mm_state *mm, struct zone *zone, enum reclaim_list l,
		  unsigned int order);

/* mm/vmscan.c: zone_reclaimable_pages - file LRU pages, or if none the
 * zone's free pages (6.1.192) */
unsigned long zone_reclaimable_pages(const struct zone *zone);

/*
 * mm/vmscan.c: try_to_free_pages - direct reclaim for an allocation of
 * order over zonelist (zones up to gfp_zone(gfp)): SWAP_CLUSTER_MAX pages
 * wanted, priorities 12 down to 0.  Returns the pages freed, or 1 if it
 * stopped because compaction is ready to run instead; 0: no progress.
 */
unsigned long try_to_free_pages(struct mm_state *mm,
				const struct zoneref *zonelist, int order,
				gfp_t gfp, int cpu);

/*
 * mm/vmscan.c: wakeup_kswapd - record the request in the node's kswapd
 * state and wake it unless the node is balanced (or hopeless), in which
 * case kcompactd may be woken instead.
 */
void wakeup_kswapd(struct mm_state *mm, struct zone *zone, gfp_t gfp,
		   int order, int highest_zoneidx);

struct reclaim_step {
	unsigned long nr_scanned, nr_reclaimed;
	bool done;
};

/*
 * One bounded slice of kswapd (balance_pgdat and kswapd_try_to_sleep): at
 * most SWAP_CLUSTER_MAX * KSWAPD_STEP_BATCHES LRU pages scanned, plus the
 * slab shrinking of a finished priority pass (at most twice the node's
 * reclaimable slab, in SHRINK_BATCH chunks).  Called while kswapd sleeps
 * (wake_pending or not) it starts a run with the recorded request.  done = true when kswapd
 * goes back to sleep (node balanced, or nothing more it can do); before
 * that it resets the compaction skip hints and wakes kcompactd for the
 * order it was woken for, as kswapd_try_to_sleep does.
 */
struct reclaim_step kswapd_step(struct mm_state *mm, int nid);

/*
 * The end of a nap kswapd_step began (ks->napping, numbered ks->nap_seq):
 * if no wake-up ended it and the node is still balanced, kswapd goes to
 * sleep (mm_vmscan_kswapd_sleep); if not, it counts
 * kswapd_high_wmark_hit_quickly and asks for another run (wake_pending).
 * A stale nap (seq not the current one, or woken) does nothing.
 */
void kswapd_nap_end(struct mm_state *mm, int nid, unsigned int seq);

/* /proc/sys/vm/drop_caches: 1 page cache, 2 reclaimable slab, 3 both.
 * Returns the pages freed. */
unsigned long drop_caches(struct mm_state *mm, int mode);

#endif
