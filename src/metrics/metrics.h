/*
 * metrics.h - what fragsim measures of the simulated kernel at a tick,
 * computed as the kernel computes it (mm/vmstat.c's indices, kcompactd's
 * fragmentation score), from counts the model keeps as it goes: taking a
 * sample costs the same on a 1 GiB and a 1 TiB machine.  The pageblock map
 * is the exception (a byte per pageblock), taken at a coarser interval.
 *
 * The engine hands samples to its observer; the result store keeps them.
 */
#ifndef FRAGSIM_METRICS_METRICS_H
#define FRAGSIM_METRICS_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "mm/page_alloc.h"
#include "util/time.h"

/* One zone at one moment. */
struct zone_sample {
	int nid;
	enum zone_type type;
	unsigned long spanned, present, managed;
	unsigned long free_pages;		/* NR_FREE_PAGES */
	unsigned long pcp_pages;		/* on the per-cpu lists */
	/* free blocks per order and migratetype (the buddy lists) */
	unsigned long nr_free[MAX_ORDER][MIGRATE_TYPES];
	/* mm/vmstat.c, x1000: __fragmentation_index (-1000 when a block
	 * of the order is free) and unusable_free_index */
	int frag_index[MAX_ORDER];
	int unusable_index[MAX_ORDER];
	unsigned int fragmentation_score;	/* fragmentation_score_zone */
	unsigned long nr_pageblock[MIGRATE_TYPES];
	unsigned long nr_mixed[MIGRATE_TYPES];	/* pageblocks holding others */
	unsigned long wmark[NR_WMARK];		/* min, low, high */
	unsigned long watermark_boost;
	unsigned long nr_reserved_highatomic;
	unsigned int compact_defer_shift;
	int compact_order_failed;
	/* pageblocks holding an unmovable or reclaimable allocation or a
	 * reserved page: what neither compaction nor offlining can empty */
	unsigned long nonmovable_blocks;
};

/* The whole machine at one moment. */
struct tick_sample {
	sim_time_t time;
	int phase;			/* the phase running */
	int nr_zones;			/* every zone of every node */
	struct zone_sample *zones;
	unsigned long vm_events[NR_VM_EVENT_ITEMS];
	unsigned long nr_hugepages;	/* the hugetlb pool */
};

/* Size t for mm's zones (every node x zone type the machine has). */
void tick_sample_init(struct tick_sample *t, const struct mm_state *mm);
void tick_sample_release(struct tick_sample *t);

/* Fill t from mm's state now: O(zones x orders x migratetypes). */
void tick_sample_take(struct tick_sample *t, const struct mm_state *mm);

/* A byte of the pageblock map: the block's migratetype, and this bit if
 * it is mixed. */
#define PAGEBLOCK_MAP_MIXED	0x80

/* The pageblocks of a zone, from its first to its last. */
static inline size_t zone_nr_pageblocks(const struct zone *zone)
{
	if (!zone->spanned_pages)
		return 0;
	return (pageblock_start_pfn(zone->zone_start_pfn + zone->spanned_pages
				    - 1) -
		pageblock_start_pfn(zone->zone_start_pfn)) /
	       pageblock_nr_pages + 1;
}

/*
 * Write a zone's pageblock map to out (zone_nr_pageblocks bytes): a byte
 * per pageblock, from the one holding zone_start_pfn; a pageblock of
 * another zone or none (a hole, an offline block) is MIGRATE_TYPES.
 */
void zone_pageblock_map(const struct mm_state *mm, const struct zone *zone,
			uint8_t *out);

/*
 * The zone's pageblocks that hold at least one page allocated as
 * unmovable or reclaimable (slab, page tables, kernel memory, pinned and
 * ramfs pages) or a reserved page (memblock reservations, holes inside a
 * section): the churn oracle's per-pageblock census counts them as
 * blocks_with_nonlru.
 */
unsigned long zone_nonmovable_blocks(const struct mm_state *mm,
				     const struct zone *zone);

#endif
