/*
 * invariants.c - recount the allocator's state from scratch and compare it
 * with what is kept incrementally.  Slow (it walks every frame) and meant
 * for tests and the --check option: every frame accounted exactly once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "mm/internal.h"
#include "mm/page_owner.h"
#include "util/xalloc.h"

struct checker {
	const struct mm_state *mm;
	FILE *err;
	int problems;
	uint8_t *seen;		/* per frame of the memmap: times accounted */
};

static void problem(struct checker *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct checker *c, const char *fmt, ...)
{
	va_list ap;

	c->problems++;
	if (!c->err || c->problems > 20)
		return;
	fprintf(c->err, "invariant: ");
	va_start(ap, fmt);
	vfprintf(c->err, fmt, ap);
	va_end(ap);
	fputc('\n', c->err);
}

static void account(struct checker *c, unsigned long pfn, unsigned int order,
		    const char *what)
{
	const struct memmap *map = &c->mm->memmap;

	for (unsigned long p = pfn; p < pfn + (1UL << order); p++) {
		if (!memmap_covers(map, p)) {
			problem(c, "%s block at pfn %lu order %u leaves the "
				"memmap", what, pfn, order);
			return;
		}
		if (c->seen[p - map->base_pfn]++)
			problem(c, "pfn %lu accounted twice (%s block at %lu "
				"order %u)", p, what, pfn, order);
		if (p != pfn && frame_type(map, p) != FRAME_TAIL)
			problem(c, "pfn %lu inside the %s block at %lu order "
				"%u is not a tail", p, what, pfn, order);
	}
}

static void check_free_lists(struct checker *c, const struct zone *zone)
{
	const struct mm_state *mm = c->mm;
	unsigned long free_pages = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long nr = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			const struct free_list *l = &zone->free_area[o].free_list[mt];
			unsigned long on_list = nr;
			uint32_t prev = NIL;

			for (uint32_t i = l->head; i != NIL;
			     prev = i, i = mm->free_blocks[i].next) {
				const struct free_block *b = &mm->free_blocks[i];
				unsigned long pfn = free_block_pfn(mm, b);

				if (b->prev != prev)
					problem(c, "broken prev link in list "
						"order %u type %d", o, mt);
				if (b->order != o || b->migratetype != mt)
					problem(c, "block at pfn %lu on list "
						"order %u type %d says order %u "
						"type %u", pfn, o, mt,
						b->order, b->migratetype);
				if (pfn & ((1UL << o) - 1))
					problem(c, "free block at pfn %lu is not "
						"aligned to order %u", pfn, o);
				if (pfn < zone->zone_start_pfn ||
				    pfn + (1UL << o) > zone_end_pfn(zone))
					problem(c, "free block at pfn %lu order "
						"%u is outside its zone", pfn, o);
				else if (frame_type(&mm->memmap, pfn) !=
						 FRAME_BUDDY ||
					 frame_index(&mm->memmap, pfn) != i)
					problem(c, "free block at pfn %lu: its "
						"head frame does not point to "
						"it", pfn);
				else
					account(c, pfn, o, "free");
				nr++;
				if (mt != MIGRATE_ISOLATE)
					free_pages += 1UL << o;
			}
			if (prev != l->tail)
				problem(c, "list order %u type %d: tail is "
					"not the last block", o, mt);
			if (nr - on_list != l->nr)
				problem(c, "list order %u type %d counts %u "
					"blocks, holds %lu", o, mt, l->nr,
					nr - on_list);
		}
		if (nr != zone->free_area[o].nr_free)
			problem(c, "node %d zone %s order %u: nr_free %lu, "
				"lists hold %lu", zone->node,
				zone_names[zone->type], o,
				zone->free_area[o].nr_free, nr);
	}
	if (free_pages != zone->nr_free_pages)
		problem(c, "node %d zone %s: nr_free_pages %lu, lists hold %lu",
			zone->node, zone_names[zone->type], zone->nr_free_pages,
			free_pages);
}

/* Blocks on the per-cpu lists: counted, accounted, never in NR_FREE_PAGES. */
static void check_pcp_lists(struct checker *c, const struct zone *zone)
{
	const struct mm_state *mm = c->mm;

	if (!zone->per_cpu_pageset)
		return;
	for (int cpu = 0; cpu < mm->nr_cpus; cpu++) {
		const struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];
		long pages = 0;

		for (int i = 0; i < NR_PCP_LISTS; i++)
			for (uint32_t idx = pcp->lists[i].head; idx != NIL;
			     idx = mm->free_blocks[idx].next) {
				const struct free_block *b = &mm->free_blocks[idx];
				unsigned long pfn = free_block_pfn(mm, b);

				if (frame_type(&mm->memmap, pfn) != FRAME_PCP ||
				    frame_index(&mm->memmap, pfn) != idx)
					problem(c, "pcp block at pfn %lu: its head "
						"frame does not point to it", pfn);
				else
					account(c, pfn, b->order, "pcp");
				pages += 1L << b->order;
			}
		if (pages != pcp->count)
			problem(c, "node %d zone %s cpu %d: pcp count %d, lists "
				"hold %ld", zone->node, zone_names[zone->type],
				cpu, pcp->count, pages);
	}
}

/*
 * A bare block: its word names a kind a bare block can have, and the
 * reclaim list that kind goes on, if any.
 */
static void check_bare(struct checker *c, unsigned long pfn)
{
	const struct mm_state *mm = c->mm;
	enum owner_kind kind = allocated_kind(mm, pfn);
	unsigned int order = allocated_order(mm, pfn);
	unsigned int lru = bare_lru(mm, pfn);

	if (kind >= NR_OWNER_KINDS || kind == OWNER_ISOLATED ||
	    allocated_migratetype(mm, pfn) >= MIGRATE_PCPTYPES)
		problem(c, "bare block at pfn %lu: word %#x names no owner",
			pfn, frame_index(&mm->memmap, pfn));
	else if (lru && lru != (kind == OWNER_PAGECACHE ? RECLAIM_LIST_FILE :
				RECLAIM_LIST_SLAB) + 1U)
		problem(c, "bare block at pfn %lu of kind %s is on reclaim "
			"list %u", pfn, owner_kind_names[kind], lru - 1);
	if (pfn & ((1UL << order) - 1))
		problem(c, "allocated block at pfn %lu is not aligned to "
			"order %u", pfn, order);
	account(c, pfn, order, "allocated");
}

/*
 * Allocated blocks, found from their head frames: each points to its own
 * record, which names it; its order is the one the memmap keeps; no record
 * is used twice or also on the list of released ones.
 */
static void check_allocated(struct checker *c)
{
	const struct mm_state *mm = c->mm;
	const struct memmap *map = &mm->memmap;
	uint8_t *used = xcalloc(mm->blocks_used ? mm->blocks_used : 1, 1);
	unsigned long nr_alloc = 0;
	size_t nr_unused = 0;

	/* the released records' list: in range, no record twice, as long
	 * as its count says (a cycle would make it longer) */
	for (uint32_t link = mm->blocks_unused; link; nr_unused++) {
		uint32_t idx = link - 1;

		if (idx >= mm->blocks_used || used[idx] ||
		    nr_unused == mm->nr_blocks_unused) {
			problem(c, "the released records' list is broken at "
				"record %u (%zu of %zu)", idx, nr_unused,
				mm->nr_blocks_unused);
			break;
		}
		used[idx] = 2;
		link = mm->blocks[idx].holder_slot;
	}
	for (unsigned long pfn = map->base_pfn; pfn < map->end_pfn; pfn++) {
		const struct page_block *b;
		uint32_t idx;

		if (frame_type(map, pfn) == FRAME_BARE) {
			check_bare(c, pfn);
			continue;
		}
		if (frame_type(map, pfn) != FRAME_ALLOC)
			continue;
		idx = frame_index(map, pfn);
		b = &mm->blocks[idx];
		nr_alloc++;
		if (idx >= mm->blocks_used || used[idx]) {
			problem(c, "allocated block at pfn %lu: record %u is %s",
				pfn, idx, idx >= mm->blocks_used ? "out of range" :
				used[idx] == 2 ? "released" : "used twice");
			continue;
		}
		used[idx] = 1;
		if (b->pfn != pfn)
			problem(c, "allocated block at pfn %lu: its record names "
				"pfn %lu", pfn, (unsigned long)b->pfn);
		if (allocated_order(mm, pfn) != b->order)
			problem(c, "allocated block at pfn %lu: the memmap says "
				"order %u, its record %u", pfn,
				allocated_order(mm, pfn), b->order);
		if (pfn & ((1UL << b->order) - 1))
			problem(c, "allocated block at pfn %lu is not aligned "
				"to order %u", pfn, b->order);
		account(c, pfn, b->order, "allocated");
	}
	if (nr_unused != mm->nr_blocks_unused)
		problem(c, "%zu released records listed, %zu counted",
			nr_unused, mm->nr_blocks_unused);
	if (nr_alloc + mm->nr_blocks_unused != mm->blocks_used)
		problem(c, "%lu allocated blocks and %zu released records, but "
			"%u records in the pool", nr_alloc, mm->nr_blocks_unused,
			mm->blocks_used);
	free(used);
}

/*
 * The reclaim lists: each node's list holds the pages it counts, its
 * records link both ways and name blocks of its node, its bare part
 * counts the bare blocks whose words say they are on it, none below the
 * cursor; each zone's count of list pages equals a recount.
 */
static void check_lru(struct checker *c)
{
	const struct mm_state *mm = c->mm;
	const struct zone_layout *l = &mm->layout;
	struct {
		unsigned long zone_pages[MAX_NR_ZONES][NR_RECLAIM_LISTS];
		unsigned long pages[NR_RECLAIM_LISTS], bare[NR_RECLAIM_LISTS];
	} *count = xcalloc(MAX_NUMNODES, sizeof(*count));
	for (int nid = 0; nid < l->nr_node_ids; nid++)
		for (int r = 0; r < NR_RECLAIM_LISTS; r++) {
			uint32_t prev = 0;

			for (uint32_t link = l->node_data[nid].lru[r].head; link;
			     prev = link, link = mm->blocks_lru[link - 1].next) {
				const struct page_block *b = &mm->blocks[link - 1];
				const struct zone *zone = page_zone(mm, b->pfn);

				if (mm->blocks_lru[link - 1].prev != prev ||
				    b->lru != r + 1 ||
				    !zone || zone->node != nid) {
					problem(c, "node %d reclaim list %d: "
						"record of pfn %lu is linked "
						"wrongly", nid, r,
						(unsigned long)b->pfn);
					break;
				}
				count[nid].pages[r] += 1UL << b->order;
				count[nid].zone_pages[zone->type][r] +=
					1UL << b->order;
			}
		}
	for (unsigned long pfn = mm->memmap.base_pfn; pfn < mm->memmap.end_pfn;
	     pfn++) {
		const struct zone *zone;
		unsigned int r;

		if (frame_type(&mm->memmap, pfn) != FRAME_BARE ||
		    !bare_lru(mm, pfn))
			continue;
		r = bare_lru(mm, pfn) - 1;
		zone = page_zone(mm, pfn);
		if (pfn < l->node_data[zone->node].lru[r].bare_cursor)
			problem(c, "node %d reclaim list %u: bare block at pfn "
				"%lu is below the cursor", zone->node, r, pfn);
		count[zone->node].bare[r] += 1UL << allocated_order(mm, pfn);
		count[zone->node].zone_pages[zone->type][r] +=
			1UL << allocated_order(mm, pfn);
	}
	for (int nid = 0; nid < l->nr_node_ids; nid++) {
		for (int r = 0; r < NR_RECLAIM_LISTS; r++) {
			const struct block_lru *lru = &l->node_data[nid].lru[r];
			unsigned long bare = count[nid].bare[r];
			unsigned long pages = count[nid].pages[r] + bare;

			if (pages != lru->nr_pages || bare != lru->bare_pages)
				problem(c, "node %d reclaim list %d counts %lu "
					"pages (%lu bare), holds %lu (%lu bare)",
					nid, r, lru->nr_pages, lru->bare_pages,
					pages, bare);
		}
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			const struct zone *zone = &l->node_data[nid].node_zones[t];
			const unsigned long *want = count[nid].zone_pages[t];

			if (zone->nr_zone_file != want[RECLAIM_LIST_FILE] ||
			    zone->nr_zone_slab_reclaimable !=
			    want[RECLAIM_LIST_SLAB])
				problem(c, "node %d zone %s: %lu file and %lu "
					"slab pages counted, %lu and %lu on "
					"the lists", nid, zone_names[t],
					zone->nr_zone_file,
					zone->nr_zone_slab_reclaimable,
					want[RECLAIM_LIST_FILE],
					want[RECLAIM_LIST_SLAB]);
		}
	}
	free(count);
}

/* The incremental pageblock counts and reserved flags equal a recount. */
static void check_pageblock_counts(struct checker *c, const struct zone *zone)
{
	const struct mm_state *mm = c->mm;
	unsigned long count[MIGRATE_TYPES] = { 0 };
	unsigned long pfn = pageblock_start_pfn(zone->zone_start_pfn);

	for (; pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages) {
		bool flagged;

		if (pageblock_zone(mm, pfn) != zone)
			continue;
		count[get_pageblock_migratetype(&mm->memmap, pfn)]++;
		flagged = pageblock_of(&mm->memmap, pfn)->flags & PB_HAS_RESERVED;
		if (flagged != pageblock_holds_reserved(&mm->memmap, pfn))
			problem(c, "pageblock at pfn %lu: PB_HAS_RESERVED %s, but "
				"its frames say %s", pfn, flagged ? "set" : "clear",
				flagged ? "none is reserved" : "one is");
	}
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		if (count[mt] != zone->nr_pageblock[mt])
			problem(c, "node %d zone %s: %lu %s pageblocks counted, "
				"%lu recounted", zone->node,
				zone_names[zone->type], zone->nr_pageblock[mt],
				migratetype_names[mt], count[mt]);
}

/* The mixed counts kept as blocks come and go equal a census walk. */
static void check_mixed_counts(struct checker *c, const struct zone *zone)
{
	struct zone_census census;

	zone_census(c->mm, zone, &census);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		if (census.mixed[mt] != zone->nr_mixed[mt])
			problem(c, "node %d zone %s: %lu mixed %s pageblocks "
				"counted, %lu recounted", zone->node,
				zone_names[zone->type], zone->nr_mixed[mt],
				migratetype_names[mt], census.mixed[mt]);
}

/* Every frame of every zone accounted exactly once; managed adds up. */
static void check_coverage(struct checker *c, const struct zone *zone)
{
	const struct memmap *map = &c->mm->memmap;
	unsigned long reserved = 0;

	for (unsigned long p = zone->zone_start_pfn; p < zone_end_pfn(zone); p++) {
		uint8_t n = c->seen[p - map->base_pfn];

		/* Spans overlap once memory is onlined into another zone;
		 * offline memory and holes belong to no zone. */
		if (page_zone(c->mm, p) != zone) {
			reserved++;
			continue;
		}
		if (frame_type(map, p) == FRAME_RESERVED) {
			if (n)
				problem(c, "reserved pfn %lu is also in a "
					"block", p);
			reserved++;
		} else if (n != 1) {
			problem(c, "pfn %lu is accounted %u times", p, n);
		}
	}
	if (zone->spanned_pages - reserved != zone->managed_pages)
		problem(c, "node %d zone %s: managed %lu, but %lu of %lu "
			"spanned frames are in blocks", zone->node,
			zone_names[zone->type], zone->managed_pages,
			zone->spanned_pages - reserved, zone->spanned_pages);
}

int mm_check_invariants(const struct mm_state *mm, FILE *err)
{
	struct checker c = { .mm = mm, .err = err };
	const struct zone_layout *l = &mm->layout;

	c.seen = xcalloc(mm->memmap.end_pfn - mm->memmap.base_pfn, 1);
	for (int nid = 0; nid < l->nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			const struct zone *zone = &l->node_data[nid].node_zones[t];

			if (l->node_data[nid].online && populated_zone(zone)) {
				check_free_lists(&c, zone);
				check_pcp_lists(&c, zone);
			}
		}
	check_allocated(&c);
	check_lru(&c);
	for (int nid = 0; nid < l->nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			const struct zone *zone = &l->node_data[nid].node_zones[t];

			if (l->node_data[nid].online && populated_zone(zone)) {
				check_coverage(&c, zone);
				check_pageblock_counts(&c, zone);
				check_mixed_counts(&c, zone);
			}
		}
	free(c.seen);
	if (err && c.problems > 20)
		fprintf(err, "invariant: ... and %d more problems\n",
			c.problems - 20);
	return c.problems;
}
