/*
 * metrics.c - tick samples and pageblock maps (see metrics.h).
 */
#include <stdlib.h>
#include <string.h>

#include "metrics/metrics.h"
#include "mm/frag_index.h"
#include "mm/kcompactd.h"
#include "util/xalloc.h"

void tick_sample_init(struct tick_sample *t, const struct mm_state *mm)
{
	const struct zone_layout *l = &mm->layout;
	int n = 0;

	memset(t, 0, sizeof(*t));
	t->zones = xcalloc((size_t)(l->nr_node_ids * MAX_NR_ZONES),
			   sizeof(*t->zones));
	for (int nid = 0; nid < l->nr_node_ids; nid++)
		for (int type = 0; type < MAX_NR_ZONES; type++)
			if (l->arch->has_zone[type]) {
				t->zones[n].nid = nid;
				t->zones[n].type = (enum zone_type)type;
				n++;
			}
	t->nr_zones = n;
}

void tick_sample_release(struct tick_sample *t)
{
	free(t->zones);
	memset(t, 0, sizeof(*t));
}

static void sample_zone(struct zone_sample *zs, const struct zone *z,
			int nr_cpus)
{
	unsigned long nr_free[MAX_ORDER];

	zs->spanned = z->spanned_pages;
	zs->present = z->present_pages;
	zs->managed = z->managed_pages;
	zs->free_pages = z->nr_free_pages;
	zs->pcp_pages = z->per_cpu_pageset ? zone_pcp_pages(z, nr_cpus) : 0;
	for (int o = 0; o < MAX_ORDER; o++) {
		nr_free[o] = z->free_area[o].nr_free;
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			zs->nr_free[o][mt] = z->free_area[o].free_list[mt].nr;
	}
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct contig_page_info info;

		fill_contig_page_info(nr_free, o, &info);
		zs->frag_index[o] = __fragmentation_index(o, &info);
		zs->unusable_index[o] = unusable_free_index(o, &info);
	}
	zs->fragmentation_score = populated_zone(z) ?
				  fragmentation_score_zone(z) : 0;
	memcpy(zs->nr_pageblock, z->nr_pageblock, sizeof(zs->nr_pageblock));
	memcpy(zs->nr_mixed, z->nr_mixed, sizeof(zs->nr_mixed));
	for (int w = 0; w < NR_WMARK; w++)
		zs->wmark[w] = z->_watermark[w];
	zs->watermark_boost = z->watermark_boost;
	zs->nr_reserved_highatomic = z->nr_reserved_highatomic;
	zs->compact_defer_shift = z->compact_defer_shift;
	zs->compact_order_failed = z->compact_order_failed;
}

unsigned long zone_nonmovable_blocks(const struct mm_state *mm,
				     const struct zone *zone)
{
	size_t n = zone_nr_pageblocks(zone);
	unsigned long pfn = pageblock_start_pfn(zone->zone_start_pfn);
	unsigned long blocks = 0;

	for (size_t i = 0; i < n; i++, pfn += pageblock_nr_pages) {
		const struct pageblock *pb;

		if (!memmap_covers(&mm->memmap, pfn) ||
		    pageblock_zone(mm, pfn) != zone)
			continue;
		pb = pageblock_of(&mm->memmap, pfn);
		blocks += pageblock_alloc_count(pb, MIGRATE_UNMOVABLE) ||
			  pageblock_alloc_count(pb, MIGRATE_RECLAIMABLE) ||
			  (pb->flags & PB_HAS_RESERVED);
	}
	return blocks;
}

void tick_sample_take(struct tick_sample *t, const struct mm_state *mm)
{
	for (int i = 0; i < t->nr_zones; i++) {
		struct zone_sample *zs = &t->zones[i];
		const struct zone *z = &mm->layout.node_data[zs->nid]
						.node_zones[zs->type];

		sample_zone(zs, z, mm->nr_cpus);
		zs->nonmovable_blocks = z->spanned_pages ?
					zone_nonmovable_blocks(mm, z) : 0;
	}
	memcpy(t->vm_events, mm->vm_events, sizeof(t->vm_events));
}

void zone_pageblock_map(const struct mm_state *mm, const struct zone *zone,
			uint8_t *out)
{
	size_t n = zone_nr_pageblocks(zone);
	unsigned long pfn = pageblock_start_pfn(zone->zone_start_pfn);

	for (size_t i = 0; i < n; i++, pfn += pageblock_nr_pages) {
		const struct pageblock *pb;
		int mt;

		if (!memmap_covers(&mm->memmap, pfn) ||
		    pageblock_zone(mm, pfn) != zone) {
			out[i] = MIGRATE_TYPES;
			continue;
		}
		mt = get_pageblock_migratetype(&mm->memmap, pfn);
		pb = pageblock_of(&mm->memmap, pfn);
		out[i] = (uint8_t)mt;
		for (int other = 0; other < 3; other++)
			if (other != mt && pageblock_alloc_count(pb, other))
				out[i] |= PAGEBLOCK_MAP_MIXED;
	}
}
