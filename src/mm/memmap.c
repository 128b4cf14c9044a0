/*
 * memmap.c - allocation of the per-frame and per-pageblock arrays.
 */
#include <stdlib.h>
#include <string.h>

#include "mm/memmap.h"
#include "util/xalloc.h"

void memmap_alloc(struct memmap *map, unsigned long start_pfn,
		  unsigned long end_pfn)
{
	unsigned long nr_blocks;

	map->base_pfn = pageblock_start_pfn(start_pfn);
	map->end_pfn = pageblock_start_pfn(end_pfn + pageblock_nr_pages - 1);
	nr_blocks = (map->end_pfn - map->base_pfn) >> pageblock_order;
	/* Every frame starts reserved: only freed memory joins the buddy. */
	map->frame = xmalloc_huge((map->end_pfn - map->base_pfn) *
				  sizeof(uint32_t));
	for (unsigned long i = 0; i < map->end_pfn - map->base_pfn; i++)
		map->frame[i] = (uint32_t)FRAME_RESERVED << FRAME_TYPE_SHIFT;
	/* usemap value 0 is MIGRATE_UNMOVABLE, as in a fresh kernel. */
	map->pageblock = xcalloc(nr_blocks, sizeof(*map->pageblock));
	for (unsigned long i = 0; i < nr_blocks; i++)
		map->pageblock[i].zone = NO_ZONE;
}

void memmap_free(struct memmap *map)
{
	free(map->frame);
	free(map->pageblock);
	memset(map, 0, sizeof(*map));
}
