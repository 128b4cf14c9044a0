/*
 * mm_init.c - the memory state of a freshly booted kernel: the memmap with
 * every pageblock's initial migratetype (mm/page_alloc.c: memmap_init,
 * memmap_init_range) and every managed page freed into the buddy lists
 * (mm/memblock.c: memblock_free_all, __free_pages_memory), plus the
 * records of allocated blocks.
 *
 * What the kernel allocates during the rest of its boot (slab, page
 * tables, the initramfs) is not modelled: the machine starts with all
 * managed memory free, in the largest blocks that alignment allows.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "mm/boot.h"
#include "mm/page_alloc.h"
#include "util/xalloc.h"

const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate",
};

const char *const owner_kind_names[NR_OWNER_KINDS] = {
	[OWNER_ANON] = "anon",
	[OWNER_PAGECACHE] = "pagecache",
	[OWNER_SLAB_UNMOVABLE] = "slab_unmovable",
	[OWNER_SLAB_RECLAIMABLE] = "slab_reclaimable",
	[OWNER_PAGETABLE] = "pagetable",
	[OWNER_KSTACK] = "kstack",
	[OWNER_THP] = "thp",
	[OWNER_HUGETLB] = "hugetlb",
	[OWNER_PINNED] = "pinned",
	[OWNER_KERNEL] = "kernel",
};

bool owner_kind_movable(enum owner_kind kind)
{
	return kind == OWNER_ANON || kind == OWNER_PAGECACHE ||
	       kind == OWNER_THP || kind == OWNER_HUGETLB;
}

bool owner_kind_lru(enum owner_kind kind)
{
	return owner_kind_movable(kind) || kind == OWNER_PINNED;
}

bool owner_kind_reclaimable(enum owner_kind kind)
{
	return kind == OWNER_PAGECACHE || kind == OWNER_SLAB_RECLAIMABLE;
}

static uint16_t zone_id(int nid, enum zone_type t)
{
	return (uint16_t)(nid * MAX_NR_ZONES + (int)t);
}

struct zone *page_zone(const struct mm_state *mm, unsigned long pfn)
{
	struct zone *zone;
	uint16_t id;

	if (!memmap_covers(&mm->memmap, pfn))
		return NULL;
	id = mm->memmap.pageblock_zone[pageblock_index(&mm->memmap, pfn)];
	if (id == NO_ZONE)
		return NULL;
	zone = (struct zone *)&mm->layout.node_data[id / MAX_NR_ZONES]
		       .node_zones[id % MAX_NR_ZONES];
	if (pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone))
		return zone;
	/* A pageblock shared by two zones: find the one that spans pfn. */
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			zone = (struct zone *)&mm->layout.node_data[nid]
				       .node_zones[t];
			if (populated_zone(zone) && pfn >= zone->zone_start_pfn &&
			    pfn < zone_end_pfn(zone))
				return zone;
		}
	return NULL;
}

void set_pageblock_migratetype(struct mm_state *mm, unsigned long pfn,
			       enum migratetype mt)
{
	if (mm->page_group_by_mobility_disabled && mt < MIGRATE_PCPTYPES)
		mt = MIGRATE_UNMOVABLE;
	memmap_set_pageblock_migratetype(&mm->memmap, pfn, mt);
}

static void init_free_lists(struct zone *zone)
{
	for (int o = 0; o < MAX_ORDER; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			zone->free_area[o].free_list[mt] =
				(struct free_list){ NIL, NIL };
}

/*
 * mm/page_alloc.c: memmap_init_range - the frames of a memory range get
 * their zone, and every pageblock whose first pfn lies in the range starts
 * MIGRATE_MOVABLE.
 */
static void memmap_init_range(struct mm_state *mm, struct zone *zone,
			      unsigned long start_pfn, unsigned long end_pfn)
{
	unsigned long pfn = start_pfn;

	if (pfn & (pageblock_nr_pages - 1))
		pfn = pageblock_start_pfn(pfn) + pageblock_nr_pages;
	for (; pfn < end_pfn; pfn += pageblock_nr_pages)
		set_pageblock_migratetype(mm, pfn, MIGRATE_MOVABLE);
	for (pfn = pageblock_start_pfn(start_pfn); pfn < end_pfn;
	     pfn += pageblock_nr_pages)
		if (mm->memmap.pageblock_zone[pageblock_index(&mm->memmap, pfn)]
		    == NO_ZONE)
			mm->memmap.pageblock_zone[pageblock_index(&mm->memmap,
								  pfn)] =
				zone_id(zone->node, zone->type);
}

/* mm/page_alloc.c: memmap_init, over the populated zones of every range */
static void memmap_init(struct mm_state *mm, const struct memblock_type *mem)
{
	unsigned long start, end;
	size_t i = 0;
	int nid;

	while (memblock_next_pfn_range(mem, -1, &i, &start, &end, &nid)) {
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			struct zone *zone = mm_zone(mm, nid, t);
			unsigned long s, e;

			if (!populated_zone(zone))
				continue;
			s = start > zone->zone_start_pfn ? start :
							   zone->zone_start_pfn;
			e = end < zone_end_pfn(zone) ? end : zone_end_pfn(zone);
			if (s < e)
				memmap_init_range(mm, zone, s, e);
		}
	}
}

/*
 * mm/memblock.c: __free_pages_memory - free [start, end) in the largest
 * naturally aligned blocks, each to the tail of its list (__free_pages_core
 * with FPI_TO_TAIL), counting them as managed.
 */
static void __free_pages_memory(struct mm_state *mm, unsigned long start,
				unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_ORDER - 1;
		struct zone *zone;

		if (start && (unsigned int)__builtin_ctzl(start) < order)
			order = (unsigned int)__builtin_ctzl(start);
		while (start + (1UL << order) > end)
			order--;
		zone = page_zone(mm, start);
		assert(zone && start + (1UL << order) <= zone_end_pfn(zone));
		/* __free_pages_core: __ClearPageReserved on every page */
		for (unsigned long p = start; p < start + (1UL << order); p++)
			set_frame(&mm->memmap, p, FRAME_TAIL, 0);
		zone->managed_pages += 1UL << order;
		__free_one_page(mm, zone, start, order,
				get_pageblock_migratetype(&mm->memmap, start),
				FPI_TO_TAIL);
		start += 1UL << order;
	}
}

/*
 * mm/memblock.c: memblock_free_all - free all memory that is not reserved;
 * the frames of reserved memory stay PageReserved.
 */
static void memblock_free_all(struct mm_state *mm,
			      const struct memblock_type *mem,
			      const struct memblock_type *reserved)
{
	unsigned long start, end;
	size_t i = 0;

	while (memblock_next_pfn_range(mem, -1, &i, &start, &end, NULL)) {
		unsigned long pfn = start;

		/* Walk the range, skipping the reserved parts. */
		for (size_t r = 0; r < reserved->cnt && pfn < end; r++) {
			const struct memblock_region *rsv = &reserved->regions[r];
			unsigned long rs = PFN_DOWN(rsv->base);
			unsigned long re = PFN_UP(rsv->base + rsv->size);

			if (re <= pfn || rs >= end)
				continue;
			if (rs > pfn)
				__free_pages_memory(mm, pfn, rs);
			pfn = re > pfn ? re : pfn;
		}
		if (pfn < end)
			__free_pages_memory(mm, pfn, end);
	}
}

int mm_init(struct mm_state *mm, const struct machine *m,
	    struct printk_log *log)
{
	unsigned long lo = -1UL, hi = 0;

	memset(mm, 0, sizeof(*mm));
	mm->free_blocks_unused = NIL;
	mm->blocks_unused = NIL;
	if (mm_boot(m, &mm->layout, log))
		return -1;

	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++) {
		const struct pglist_data *pgdat = &mm->layout.node_data[nid];

		if (!pgdat->online)
			continue;
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			struct zone *zone = mm_zone(mm, nid, t);

			init_free_lists(zone);
			zone->managed_pages = 0;
			if (!populated_zone(zone))
				continue;
			lo = zone->zone_start_pfn < lo ? zone->zone_start_pfn : lo;
			hi = zone_end_pfn(zone) > hi ? zone_end_pfn(zone) : hi;
		}
	}
	memmap_alloc(&mm->memmap, lo, hi);

	/* Decided by build_all_zonelists from the boot-time estimate. */
	mm->page_group_by_mobility_disabled =
		mm->layout.page_group_by_mobility_disabled;

	memmap_init(mm, &m->memory);
	memblock_free_all(mm, &m->memory, &m->reserved);
	return 0;
}

void mm_release(struct mm_state *mm)
{
	zone_layout_release(&mm->layout);
	memmap_free(&mm->memmap);
	free(mm->free_blocks);
	free(mm->blocks);
	memset(mm, 0, sizeof(*mm));
}

static uint32_t block_record_new(struct mm_state *mm)
{
	uint32_t idx;

	if (mm->blocks_unused != NIL) {
		idx = mm->blocks_unused;
		mm->blocks_unused = mm->blocks[idx].next_free;
		return idx;
	}
	if (mm->blocks_used == mm->blocks_cap) {
		size_t cap = mm->blocks_cap;

		mm->blocks = xgrow(mm->blocks, &cap, (size_t)mm->blocks_used + 1,
				   sizeof(*mm->blocks));
		assert(cap <= FRAME_INDEX_MASK);
		mm->blocks_cap = (uint32_t)cap;
	}
	return mm->blocks_used++;
}

unsigned long rmqueue_block(struct mm_state *mm, struct zone *zone,
			    unsigned int order, enum migratetype mt,
			    enum owner_kind kind, unsigned int alloc_flags)
{
	unsigned long pfn;
	uint32_t idx;

	if (order >= MAX_ORDER)
		return PFN_NONE;
	pfn = __rmqueue(mm, zone, order, mt, alloc_flags);
	if (pfn == PFN_NONE)
		return PFN_NONE;
	zone->nr_free_pages -= 1UL << order;
	idx = block_record_new(mm);
	mm->blocks[idx] = (struct page_block){
		.pfn = pfn, .order = (uint8_t)order, .kind = (uint8_t)kind,
		.migratetype = (uint8_t)mt, .next_free = NIL,
	};
	set_frame(&mm->memmap, pfn, FRAME_ALLOC, idx);
	return pfn;
}

const struct page_block *allocated_block(const struct mm_state *mm,
					 unsigned long pfn)
{
	if (!memmap_covers(&mm->memmap, pfn) ||
	    frame_type(&mm->memmap, pfn) != FRAME_ALLOC)
		return NULL;
	return &mm->blocks[frame_index(&mm->memmap, pfn)];
}

void free_block(struct mm_state *mm, unsigned long pfn)
{
	uint32_t idx = frame_index(&mm->memmap, pfn);
	struct page_block *b = &mm->blocks[idx];
	struct zone *zone = page_zone(mm, pfn);
	unsigned int order = b->order;

	assert(frame_type(&mm->memmap, pfn) == FRAME_ALLOC && zone);
	b->order = UINT8_MAX;	/* marks the record unused */
	b->next_free = mm->blocks_unused;
	mm->blocks_unused = idx;
	set_frame(&mm->memmap, pfn, FRAME_TAIL, 0);
	/* __free_pages_ok: the pageblock's type at free time */
	__free_one_page(mm, zone, pfn, order,
			get_pageblock_migratetype(&mm->memmap, pfn), FPI_NONE);
}
