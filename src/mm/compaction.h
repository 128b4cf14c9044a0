/*
 * compaction.h - memory compaction (mm/compaction.c, mm/migrate.c, Linux
 * 6.1): a migrate scanner walking up from the zone's start isolates movable
 * pages, a free scanner walking down from its end isolates free pages, and
 * the movable pages move to the free ones until the scanners meet or a
 * free block of the wanted order exists.
 *
 * A compaction runs in steps (compact_zone_step: one isolate-and-migrate
 * batch of at most COMPACT_CLUSTER_MAX pages) so that the engine can spread
 * it over simulated time; compact_zone runs all the steps at once.
 */
#ifndef FRAGSIM_MM_COMPACTION_H
#define FRAGSIM_MM_COMPACTION_H

#include <stdbool.h>
#include <stddef.h>

#include "mm/page_alloc.h"

#define COMPACT_CLUSTER_MAX	32
#define COMPACT_MAX_DEFER_SHIFT	6

/* include/linux/compaction.h: in the order max() compares them */
enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE,
	COMPACT_SKIPPED,
	COMPACT_DEFERRED,
	COMPACT_NO_SUITABLE_PAGE,
	COMPACT_CONTINUE,
	COMPACT_COMPLETE,
	COMPACT_PARTIAL_SKIPPED,
	COMPACT_CONTENDED,
	COMPACT_SUCCESS,
};

extern const char *const compact_result_names[];

/* include/linux/migrate_mode.h */
enum migrate_mode {
	MIGRATE_ASYNC,
	MIGRATE_SYNC_LIGHT,
	MIGRATE_SYNC,
};

/* include/linux/compaction.h */
enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
};
#define MIN_COMPACT_PRIORITY		COMPACT_PRIO_SYNC_FULL
#define MIN_COMPACT_COSTLY_PRIORITY	COMPACT_PRIO_SYNC_LIGHT
#define DEF_COMPACT_PRIORITY		COMPACT_PRIO_SYNC_LIGHT
#define INIT_COMPACT_PRIORITY		COMPACT_PRIO_ASYNC

/* mm/internal.h: struct compact_control */
struct compact_control {
	struct zone *zone;
	unsigned long *freepages;	/* isolated free pages, ascending pfn */
	size_t nr_freepages, freepages_cap;
	unsigned long *migratepages;	/* isolated pages to migrate */
	size_t nr_migratepages, migratepages_cap;
	unsigned long free_pfn;		/* the free scanner's position */
	unsigned long migrate_pfn;	/* the migrate scanner's position */
	unsigned long fast_start_pfn;	/* lowest fast-found pfn; ~0UL: used */
	unsigned long total_migrate_scanned;
	unsigned long total_free_scanned;
	gfp_t gfp_mask;
	int order;			/* -1: the whole zone (compact_memory) */
	enum migratetype migratetype;
	unsigned int alloc_flags;
	int highest_zoneidx;
	enum migrate_mode mode;
	bool ignore_skip_hint;
	bool no_set_skip_hint;
	bool ignore_block_suitable;
	bool direct_compaction;
	bool whole_zone;
	bool rescan;
	bool proactive_compaction;	/* kcompactd's proactive_compact_node */
	unsigned int fast_search_fail;	/* failures of the fast searches */
	int search_order;		/* where fast_isolate_freepages starts */
	int cpu;			/* whose pcp lists get the freed pages */
	/* compact_zone's capc: direct compaction's capture, else NULL */
	struct capture_control *capc;
	/* between steps (locals of compact_zone in the kernel) */
	unsigned long last_migrated_pfn;
	/*
	 * check_drain found the migrate scanner past the block it migrated
	 * from: the drain is done when the next step begins, once the
	 * step's migrations have taken their time, as the kernel drains
	 * after migrate_pages returns (done at the step's start, the merged
	 * block stood on the free lists for the whole migration, for
	 * another CPU to take before compact_finished could see it)
	 */
	bool drain_pending;
	bool update_cached;
	enum compact_result status;	/* the last step's, for the trace */
	/* what the last step did, for the engine's cost model */
	unsigned long step_scanned, step_migrated, step_tlb_shootdowns;
};

/* mm/compaction.c: compaction_suitable */
enum compact_result compaction_suitable(const struct mm_state *mm,
					const struct zone *zone, int order,
					unsigned int alloc_flags,
					int highest_zoneidx);

/* mm/compaction.c: compaction_deferred, defer_compaction,
 * compaction_defer_reset, compaction_restarting */
bool compaction_deferred(struct mm_state *mm, struct zone *zone, int order);
void defer_compaction(struct mm_state *mm, struct zone *zone, int order);
void compaction_defer_reset(struct mm_state *mm, struct zone *zone, int order,
			    bool alloc_success);
bool compaction_restarting(const struct zone *zone, int order);

/*
 * mm/compaction.c: compact_zone, in three parts.  compact_zone_begin
 * returns COMPACT_CONTINUE when there is work (anything else is the final
 * result); compact_zone_step runs one batch and returns COMPACT_CONTINUE
 * until done (COMPACT_SUCCESS once cc->capc holds a block);
 * compact_zone_end releases what is still isolated and counts the scanned
 * pages.  cc is filled in by the caller (zone, order, gfp_mask, mode,
 * flags, cpu, capc) and zeroed elsewhere.  The step and the end act as
 * the compacting task: mm->capture_control is cc->capc while they run and
 * is restored after, so frees made between steps (other CPUs' work) are
 * never captured.
 */
enum compact_result compact_zone_begin(struct mm_state *mm,
				       struct compact_control *cc);
enum compact_result compact_zone_step(struct mm_state *mm,
				      struct compact_control *cc);
void compact_zone_end(struct mm_state *mm, struct compact_control *cc);
enum compact_result compact_zone(struct mm_state *mm,
				 struct compact_control *cc);

/*
 * mm/compaction.c: try_to_compact_pages - direct compaction for an
 * allocation over its zonelist (from zonelist, zones up to
 * highest_zoneidx), with the deferral rules of the priority.  A block of
 * the order that the compaction's own frees made is captured for the
 * requester: *capture is its pfn (off the free lists, counted as in use),
 * else PFN_NONE.
 */
enum compact_result try_to_compact_pages(struct mm_state *mm, gfp_t gfp_mask,
					 unsigned int order,
					 unsigned int alloc_flags,
					 const struct zoneref *zonelist,
					 int highest_zoneidx,
					 enum compact_priority prio, int cpu,
					 unsigned long *capture);

/* mm/compaction.c: compact_nodes - what writing vm.compact_memory does */
void compact_nodes(struct mm_state *mm);

/*
 * The compact_control compact_node gives each zone it compacts: the whole
 * zone, synchronously, skip hints ignored.  For a caller that runs the
 * write zone by zone, step by step (compact_zone_begin and _step).
 */
void compact_memory_control(struct compact_control *cc, struct zone *zone,
			    int cpu);

/* mm/compaction.c: __reset_isolation_suitable */
void __reset_isolation_suitable(struct mm_state *mm, struct zone *zone);

#endif
