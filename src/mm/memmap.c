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

bool pageblock_holds_reserved(const struct memmap *map, unsigned long pfn)
{
	unsigned long start = pageblock_start_pfn(pfn);

	for (unsigned long p = start; p < start + pageblock_nr_pages; p++)
		if (frame_type(map, p) == FRAME_RESERVED)
			return true;
	return false;
}

void memmap_note_reserved(struct memmap *map, unsigned long start_pfn,
			  unsigned long end_pfn)
{
	unsigned long pfn = pageblock_start_pfn(start_pfn);

	if (pfn < map->base_pfn)
		pfn = map->base_pfn;
	for (; pfn < end_pfn && pfn < map->end_pfn; pfn += pageblock_nr_pages) {
		uint8_t *f = &pageblock_of(map, pfn)->flags;

		*f = (uint8_t)(pageblock_holds_reserved(map, pfn) ?
			       (*f | PB_HAS_RESERVED) :
			       (*f & ~PB_HAS_RESERVED));
	}
}

void memmap_free(struct memmap *map)
{
	free(map->frame);
	free(map->pageblock);
	memset(map, 0, sizeof(*map));
}
