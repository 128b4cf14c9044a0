/*
 * memory_hotplug.h - memory hot-unplug and hot-plug of memory blocks as
 * Linux 6.1 does it (mm/memory_hotplug.c, mm/page_isolation.c,
 * drivers/base/memory.c): offlining isolates a block's pageblocks,
 * migrates what lives there elsewhere and takes the free pages out of the
 * buddy allocator; onlining gives them back to a zone.
 *
 * Only x86_64 has memory hotplug (6.1's MEMORY_HOTPLUG depends on 64BIT):
 * on i386 every function returns -EOPNOTSUPP.  Only memory offlined
 * earlier can be onlined again (there is no hot-add of new memory).
 */
#ifndef FRAGSIM_MM_MEMORY_HOTPLUG_H
#define FRAGSIM_MM_MEMORY_HOTPLUG_H

#include <stdbool.h>

#include "mm/page_alloc.h"

/* include/linux/memory_hotplug.h: the online types of a memory block */
enum mmop {
	MMOP_OFFLINE,
	MMOP_ONLINE,		/* the default zone (default_zone_for_pfn) */
	MMOP_ONLINE_KERNEL,	/* the node's default kernel zone */
	MMOP_ONLINE_MOVABLE,	/* ZONE_MOVABLE */
};

/* include/linux/memory.h: memory block states */
#define MEM_ONLINE		(1 << 0)
#define MEM_GOING_OFFLINE	(1 << 1)
#define MEM_OFFLINE		(1 << 2)

/*
 * Passes of scan_movable_pages + do_migrate_range (and test_pages_isolated)
 * that may leave the range not yet free before offlining gives up.  The
 * kernel retries until the writing task gets a signal; this stands in for
 * a user's timeout.  Each failing pass runs migrate_pages, which itself
 * tries a page NR_MAX_MIGRATE_PAGES_RETRY (10) times.
 */
#define OFFLINE_MAX_FAILED_PASSES	10

/* What /sys/devices/system/memory/memoryN says about a block. */
struct memory_block_info {
	int state;		/* MEM_ONLINE or MEM_OFFLINE */
	int nid;
	/* The zone of an online block; NULL if it spans several zones
	 * (valid_zones "none") or is offline. */
	struct zone *zone;
};

/* memory_block_size_bytes: 128 MiB on x86_64 below 64 GiB of RAM. */
unsigned long memory_block_size_bytes(const struct mm_state *mm);

/* Memory blocks from pfn 0 to the end of the memmap (some may be holes). */
unsigned long nr_memory_blocks(const struct mm_state *mm);

/*
 * The state of memory block block_nr: 0, -ENODEV if no memory lies in it,
 * -EOPNOTSUPP without hotplug.
 */
int memory_block_state(const struct mm_state *mm, unsigned long block_nr,
		       struct memory_block_info *info);

/*
 * mm/memory_hotplug.c: offline_pages - offline [start_pfn, start_pfn +
 * nr_pages), which must be whole sections of one zone without holes.
 * 0, -EINVAL (misaligned, holes, several zones, already offline) or
 * -EBUSY (an unmovable page, or migration still failing after
 * OFFLINE_MAX_FAILED_PASSES passes); on failure the range is as before
 * except for pages that did migrate.
 */
int offline_pages(struct mm_state *mm, unsigned long start_pfn,
		  unsigned long nr_pages);

/*
 * mm/memory_hotplug.c: online_pages, with the zone zone_for_pfn_range
 * picks for online_type.  The range must have been offlined before.
 * 0 or -EINVAL.
 */
int online_pages(struct mm_state *mm, unsigned long start_pfn,
		 unsigned long nr_pages, enum mmop online_type);

/*
 * drivers/base/memory.c: memory_block_offline / memory_block_online, as
 * writing "offline" or "online_kernel"/"online_movable"/"online" to the
 * block's state file does: -EINVAL if the block is not in the state the
 * change starts from, or (offlining) spans several zones.
 */
int offline_memory_block(struct mm_state *mm, unsigned long block_nr);
int online_memory_block(struct mm_state *mm, unsigned long block_nr,
			enum mmop online_type);

#endif
