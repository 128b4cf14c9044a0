/*
 * mmzone.h - constants, zones and nodes of the simulated kernel
 * (include/linux/mmzone.h, Linux 6.1).
 *
 * The zone type enumeration is the superset of what the configurations
 * fragsim models can have: x86_64 has DMA, DMA32, Normal, Movable and
 * Device; 32-bit x86 has DMA, Normal, HighMem and Movable.  Which zones an
 * architecture has is said by struct arch (arch.h); a zone type the
 * architecture lacks behaves as an always-empty zone, which is also how the
 * kernel treats a configured zone with no memory.
 */
#ifndef FRAGSIM_MM_MMZONE_H
#define FRAGSIM_MM_MMZONE_H

#include <stdbool.h>
#include <stdint.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)

/* include/linux/minmax.h: min_t(unsigned long, a, b) */
static inline unsigned long min_ul(unsigned long a, unsigned long b)
{
	return a < b ? a : b;
}
#define PFN_PHYS(pfn)		((uint64_t)(pfn) << PAGE_SHIFT)
#define PHYS_PFN(addr)		((unsigned long)((addr) >> PAGE_SHIFT))
#define PFN_UP(addr)		((unsigned long)(((addr) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(addr)		((unsigned long)((addr) >> PAGE_SHIFT))

/* MAX_ORDER is exclusive in 6.1: orders 0..10, the largest block 4 MiB. */
#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))
#define pageblock_order		9
#define pageblock_nr_pages	(1UL << pageblock_order)

/* Debian's CONFIG_NODES_SHIFT is 10; fragsim models up to 64 nodes. */
#define MAX_NUMNODES		64

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	ZONE_MOVABLE,
	ZONE_DEVICE,
	MAX_NR_ZONES
};

/* zone_names[] of mm/page_alloc.c, as /proc/zoneinfo and dmesg print them. */
extern const char *const zone_names[MAX_NR_ZONES];

/*
 * Migrate types as Debian configures them (no CONFIG_CMA, with
 * CONFIG_MEMORY_ISOLATION): the index of a free list and the type of a
 * pageblock.
 */
enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* the number of types on the pcp lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_ISOLATE,
	MIGRATE_TYPES
};

/* migratetype_names[] of mm/page_alloc.c, as /proc/pagetypeinfo prints. */
extern const char *const migratetype_names[MIGRATE_TYPES];

/* A free list: a doubly linked list of free blocks (indices into a pool). */
struct free_list {
	uint32_t head;
	uint32_t tail;
	uint32_t nr;		/* entries: free blocks per migratetype (fragsim) */
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	WMARK_PROMO,
	NR_WMARK
};

/* Per-cpu page lists: orders 0..3 per pcp type, and two for THP. */
#define PAGE_ALLOC_COSTLY_ORDER	3
#define NR_LOWORDER_PCP_LISTS	(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))
#define NR_PCP_LISTS		(NR_LOWORDER_PCP_LISTS + 2)

struct free_area {
	struct free_list free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order, all types */
};

struct zone {
	enum zone_type type;
	int node;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;
	unsigned long present_pages;
	unsigned long managed_pages;

	/* The buddy allocator's state (mm/page_alloc.c). */
	struct free_area free_area[MAX_ORDER];
	unsigned long nr_free_pages;	/* NR_FREE_PAGES: pages in the lists */
	unsigned long nr_isolate_pageblock;
	/* Pageblocks of each migratetype, kept as types change (fragsim). */
	unsigned long nr_pageblock[MIGRATE_TYPES];
	/* ... and how many of them are mixed: they hold pages allocated for
	 * another migratetype (kept by pageblock_account, fragsim) */
	unsigned long nr_mixed[MIGRATE_TYPES];

	/* Watermarks (mm/page_alloc.c: __setup_per_zone_wmarks). */
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;
	unsigned long nr_reserved_highatomic;
	long lowmem_reserve[MAX_NR_ZONES];
	bool boosted_watermark;		/* ZONE_BOOSTED_WATERMARK */
	bool reclaim_active;		/* ZONE_RECLAIM_ACTIVE */

	/* Per-cpu page lists, one set per CPU (NULL when pcp is off). */
	struct per_cpu_pages *per_cpu_pageset;

	/* Compaction (mm/compaction.c); all 0 at boot, as in the kernel. */
	unsigned long compact_cached_free_pfn;
	unsigned long compact_cached_migrate_pfn[2];	/* [0] async, [1] sync */
	unsigned long compact_init_migrate_pfn;
	unsigned long compact_init_free_pfn;
	unsigned int compact_considered;
	unsigned int compact_defer_shift;
	int compact_order_failed;
	bool compact_blockskip_flush;

	/* Reclaim (mm/vmscan.c): pages of this zone on the node's lists. */
	unsigned long nr_zone_file;		/* NR_ZONE_INACTIVE_FILE */
	unsigned long nr_zone_slab_reclaimable;	/* NR_SLAB_RECLAIMABLE_B / PAGE_SIZE */
};

/* include/linux/mmzone.h: struct per_cpu_pages */
struct per_cpu_pages {
	int count;		/* pages on the lists */
	int high;		/* drain above this */
	int batch;		/* refill and drain in chunks of this */
	short free_factor;	/* batch scaling when freeing without allocating */
	struct free_list lists[NR_PCP_LISTS];
};

static inline unsigned long wmark_pages(const struct zone *z,
					enum zone_watermarks w)
{
	return z->_watermark[w] + z->watermark_boost;
}

#define min_wmark_pages(z)	wmark_pages(z, WMARK_MIN)
#define low_wmark_pages(z)	wmark_pages(z, WMARK_LOW)
#define high_wmark_pages(z)	wmark_pages(z, WMARK_HIGH)

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

/*
 * A node's list of reclaimable blocks (lruvec->lists[LRU_INACTIVE_FILE],
 * or the slab shrinker's objects): records linked through their links in
 * mm_state.blocks_lru, stored as index + 1 so that a zeroed list is empty.
 * New blocks go to the head, reclaim takes from the tail.
 *
 * After the tail come the list's bare blocks (imported pages with no
 * record, page_alloc.h), older than every record: their frame words say
 * they are on the list, and their order on it is their pfn order, the
 * lowest oldest, as the import added them.  None lies below bare_cursor,
 * so finding the oldest walks each frame at most once per run.
 */
enum reclaim_list { RECLAIM_LIST_FILE, RECLAIM_LIST_SLAB, NR_RECLAIM_LISTS };

struct block_lru {
	uint32_t head, tail;
	unsigned long nr_pages;		/* records' and bare blocks' */
	unsigned long bare_pages;	/* the bare blocks' */
	unsigned long bare_cursor;	/* no bare block of the list below */
};

/* pg_data_t: one NUMA node. */
struct pglist_data {
	int node_id;
	bool online;		/* has memory: listed in /proc/zoneinfo */
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long node_present_pages;
	struct zone node_zones[MAX_NR_ZONES];
	struct block_lru lru[NR_RECLAIM_LISTS];	/* reclaim's lists */
	unsigned long shrinker_nr_deferred;	/* the slab shrinker's */
};

#endif
