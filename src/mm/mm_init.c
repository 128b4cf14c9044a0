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
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "mm/boot.h"
#include "mm/internal.h"
#include "mm/kcompactd.h"
#include "mm/page_owner.h"
#include "util/diag.h"
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
	[OWNER_RAMFS] = "ramfs",
	[OWNER_ISOLATED] = "isolated",
};

static uint16_t zone_id(int nid, enum zone_type t)
{
	return (uint16_t)(nid * MAX_NR_ZONES + (int)t);
}

struct zone *page_zone_span_search(const struct mm_state *mm,
				   unsigned long pfn)
{
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			struct zone *zone = (struct zone *)&mm->layout
						    .node_data[nid].node_zones[t];

			if (populated_zone(zone) && pfn >= zone->zone_start_pfn &&
			    pfn < zone_end_pfn(zone))
				return zone;
		}
	return NULL;
}

void set_pageblock_migratetype(struct mm_state *mm, unsigned long pfn,
			       enum migratetype mt)
{
	struct zone *zone = pageblock_zone(mm, pfn);

	if (mm->page_group_by_mobility_disabled && mt < MIGRATE_PCPTYPES)
		mt = MIGRATE_UNMOVABLE;
	if (zone) {
		int old = get_pageblock_migratetype(&mm->memmap, pfn);

		zone->nr_pageblock[old]--;
		zone->nr_pageblock[mt]++;
		pageblock_mixed_retype(mm, zone, pfn, old, (int)mt);
	}
	memmap_set_pageblock_migratetype(&mm->memmap, pfn, mt);
}

static void init_free_lists(struct zone *zone)
{
	for (int o = 0; o < MAX_ORDER; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			zone->free_area[o].free_list[mt] =
				(struct free_list){ NIL, NIL, 0 };
}

/*
 * mm/page_alloc.c: defer_init (CONFIG_DEFERRED_STRUCT_PAGE_INIT) - in the
 * zone that ends the node, boot initialises the first section's worth of
 * pages, up to a section boundary; the rest waits for deferred_init_memmap.
 * Returns the node's first_deferred_pfn, or ULONG_MAX.
 */
static unsigned long first_deferred_pfn(const struct mm_state *mm,
					const struct memblock_type *mem, int nid)
{
	const struct pglist_data *pgdat = &mm->layout.node_data[nid];
	unsigned long node_end = pgdat->node_start_pfn + pgdat->node_spanned_pages;
	unsigned long per_section = arch_pages_per_section(mm->layout.arch);
	unsigned long nr_initialised = 0, start, end;
	const struct zone *last = NULL;
	size_t i = 0;

	if (!per_section)
		return ULONG_MAX;	/* 32-bit: no deferred init */
	for (int t = 0; t < MAX_NR_ZONES; t++) {
		const struct zone *zone = &pgdat->node_zones[t];

		/* Low zones, ending before the node does, are always filled. */
		if (populated_zone(zone) && zone_end_pfn(zone) >= node_end)
			last = zone;
	}
	if (!last)
		return ULONG_MAX;
	while (memblock_next_pfn_range(mem, nid, &i, &start, &end, NULL)) {
		if (start < last->zone_start_pfn)
			start = last->zone_start_pfn;
		if (end > zone_end_pfn(last))
			end = zone_end_pfn(last);
		for (unsigned long pfn = start; pfn < end; pfn++)
			if (++nr_initialised > per_section &&
			    !(pfn & (per_section - 1)))
				return pfn;
	}
	return ULONG_MAX;
}

/*
 * mm/page_alloc.c: memmap_init_range - the frames of a memory range get
 * their zone, and every pageblock whose first pfn lies in the initialised
 * part of the range starts MIGRATE_MOVABLE.
 */
static void memmap_init_range(struct mm_state *mm, struct zone *zone,
			      unsigned long start_pfn, unsigned long end_pfn,
			      unsigned long deferred)
{
	for (unsigned long pfn = pageblock_start_pfn(start_pfn); pfn < end_pfn;
	     pfn += pageblock_nr_pages) {
		uint16_t *id = &pageblock_of(&mm->memmap, pfn)->zone;

		if (*id == NO_ZONE) {
			*id = zone_id(zone->node, zone->type);
			/* usemap 0: every block starts MIGRATE_UNMOVABLE */
			zone->nr_pageblock[MIGRATE_UNMOVABLE]++;
		}
	}
	if (end_pfn > deferred)
		end_pfn = deferred;
	for (unsigned long pfn = start_pfn; pfn < end_pfn; pfn++)
		if (!(pfn & (pageblock_nr_pages - 1)))
			set_pageblock_migratetype(mm, pfn, MIGRATE_MOVABLE);
}

/* mm/page_alloc.c: memmap_init, over the populated zones of every range */
static void memmap_init(struct mm_state *mm, const struct memblock_type *mem)
{
	unsigned long start, end;
	size_t i = 0;
	int nid;

	for (nid = 0; nid < mm->layout.nr_node_ids; nid++)
		mm->first_deferred_pfn[nid] = mm->layout.node_data[nid].online ?
			first_deferred_pfn(mm, mem, nid) : ULONG_MAX;
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
				memmap_init_range(mm, zone, s, e,
						  mm->first_deferred_pfn[nid]);
		}
	}
}

/* __free_pages_core: the pages leave PageReserved and join the buddy */
static void free_pages_core(struct mm_state *mm, unsigned long pfn,
			    unsigned int order)
{
	struct zone *zone = page_zone(mm, pfn);

	assert(zone && pfn + (1UL << order) <= zone_end_pfn(zone));
	for (unsigned long p = pfn; p < pfn + (1UL << order); p++)
		set_frame(&mm->memmap, p, FRAME_TAIL, 0);
	zone->managed_pages += 1UL << order;
	__free_one_page(mm, zone, pfn, order,
			get_pageblock_migratetype(&mm->memmap, pfn), FPI_TO_TAIL);
	mm->vm_events[PGFREE] += 1UL << order;	/* __free_pages_ok counts it */
}

/*
 * mm/memblock.c: __free_pages_memory - free [start, end) in the largest
 * naturally aligned blocks, each to the tail of its list.
 */
static void __free_pages_memory(struct mm_state *mm, unsigned long start,
				unsigned long end)
{
	while (start < end) {
		unsigned int order = aligned_block_order(start, end);

		free_pages_core(mm, start, order);
		start += 1UL << order;
	}
}

/*
 * mm/page_alloc.c: deferred_free_range, as deferred_free_pages calls it for
 * each pageblock-bounded piece of a free range: a whole pageblock becomes
 * MOVABLE and is freed at once; a partial one is freed page by page, and
 * only a freed first page makes its pageblock MOVABLE.  Pageblocks whose
 * first page stays reserved keep migratetype 0, MIGRATE_UNMOVABLE.
 */
static void deferred_free_range(struct mm_state *mm, unsigned long pfn,
				unsigned long nr_pages)
{
	if (nr_pages == pageblock_nr_pages &&
	    !(pfn & (pageblock_nr_pages - 1))) {
		set_pageblock_migratetype(mm, pfn, MIGRATE_MOVABLE);
		free_pages_core(mm, pfn, pageblock_order);
		return;
	}
	for (unsigned long i = 0; i < nr_pages; i++, pfn++) {
		if (!(pfn & (pageblock_nr_pages - 1)))
			set_pageblock_migratetype(mm, pfn, MIGRATE_MOVABLE);
		free_pages_core(mm, pfn, 0);
	}
}

/* Free [start, end): early (memblock_free_all) or deferred, by pfn. */
static void free_range(struct mm_state *mm, unsigned long start,
		       unsigned long end, unsigned long deferred)
{
	if (start < deferred)
		__free_pages_memory(mm, start, end < deferred ? end : deferred);
	for (unsigned long pfn = start > deferred ? start : deferred; pfn < end;) {
		unsigned long piece_end = pageblock_start_pfn(pfn) +
					  pageblock_nr_pages;

		if (piece_end > end)
			piece_end = end;
		deferred_free_range(mm, pfn, piece_end - pfn);
		pfn = piece_end;
	}
}

/*
 * mm/memblock.c: memblock_free_all, then mm/page_alloc.c:
 * deferred_init_memmap - free all memory that is not reserved; the frames
 * of reserved memory stay PageReserved.
 */
static void memblock_free_all(struct mm_state *mm,
			      const struct memblock_type *mem,
			      const struct memblock_type *reserved)
{
	unsigned long start, end;
	size_t i = 0;
	int nid;

	while (memblock_next_pfn_range(mem, -1, &i, &start, &end, &nid)) {
		unsigned long deferred = mm->first_deferred_pfn[nid];
		unsigned long pfn = start;

		/* Walk the range, skipping the reserved parts. */
		for (size_t r = 0; r < reserved->cnt && pfn < end; r++) {
			const struct memblock_region *rsv = &reserved->regions[r];
			unsigned long rs = PFN_DOWN(rsv->base);
			unsigned long re = PFN_UP(rsv->base + rsv->size);

			if (re <= pfn || rs >= end)
				continue;
			if (rs > pfn)
				free_range(mm, pfn, rs, deferred);
			pfn = re > pfn ? re : pfn;
		}
		if (pfn < end)
			free_range(mm, pfn, end, deferred);
	}
}

/*
 * init/initramfs.c: free_initrd_mem and init/main.c: free_initmem - after
 * the initcalls, free_reserved_area gives the initrd and the init sections
 * back page by page (through the pcp lists), growing managed but leaving
 * the watermarks as the initcalls computed them.
 */
static void free_late_reservations(struct mm_state *mm,
				   const struct memblock_type *reserved)
{
	for (size_t i = 0; i < reserved->cnt; i++) {
		const struct memblock_region *r = &reserved->regions[i];

		if (!(r->flags & MEMBLOCK_BOOT_ONLY))
			continue;
		for (unsigned long pfn = PFN_UP(r->base);
		     pfn < PFN_DOWN(r->base + r->size); pfn++) {
			struct zone *zone = page_zone(mm, pfn);

			if (!zone)
				continue;	/* not memory: nothing to free */
			set_frame(&mm->memmap, pfn, FRAME_TAIL, 0);
			zone->managed_pages++;
			if (zone->per_cpu_pageset) {
				free_unref_page(mm, zone, pfn, 0, 0);
			} else {
				__free_one_page(mm, zone, pfn, 0,
					get_pageblock_migratetype(&mm->memmap, pfn),
					FPI_NONE);
				mm->vm_events[PGFREE]++;
			}
		}
	}
}

/* mm/page_alloc.c: has_managed_dma */
static bool has_managed_dma(const struct mm_state *mm)
{
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		if (mm->layout.node_data[nid].node_zones[ZONE_DMA].managed_pages)
			return true;
	return false;
}

/*
 * kernel/dma/pool.c: atomic_pool_expand - one block of the pool's size
 * (smaller orders if that fails), never given back.
 */
static void atomic_pool_expand(struct mm_state *mm, unsigned long pool_bytes,
			       gfp_t gfp, const char *gfp_name)
{
	unsigned int order = 0;
	struct alloc_result res;

	while ((PAGE_SIZE << order) < pool_bytes && order < MAX_ORDER - 1)
		order++;		/* get_order, at most MAX_ORDER - 1 */
	for (;;) {
		res = alloc_pages(mm, gfp | __GFP_NOWARN, order, 0,
				  OWNER_KERNEL);
		if (res.pfn != PFN_NONE || !order)
			break;
		order--;
	}
	if (res.pfn == PFN_NONE) {
		printk(mm->log, "DMA: failed to allocate %lu KiB %s pool for "
		       "atomic allocation", pool_bytes >> 10, gfp_name);
		return;
	}
	printk(mm->log, "DMA: preallocated %lu KiB %s pool for atomic "
	       "allocations", (PAGE_SIZE << order) >> 10, gfp_name);
}

/*
 * kernel/dma/pool.c: dma_atomic_pool_init - a postcore initcall, run
 * before init_per_zone_wmark_min (kernel/ links before mm/): the pools
 * for atomic DMA allocations, of coherent_pool= bytes or else 128 KiB per
 * GiB of memory (at least 128 KiB, at most a MAX_ORDER block), one each
 * for GFP_KERNEL, GFP_DMA (if the DMA zone has memory) and GFP_DMA32.  On
 * the oracle's 1 GiB guest they are the 32 pages missing from the DMA
 * zone at boot.
 */
static void dma_atomic_pool_init(struct mm_state *mm)
{
	unsigned long pages = mm->layout.params.atomic_pool_size;

	if (!pages) {
		/* totalram_pages() / (SZ_1G / SZ_128K) */
		pages = totalram_pages(mm) / 8192;
		if (pages > MAX_ORDER_NR_PAGES)
			pages = MAX_ORDER_NR_PAGES;
		pages *= PAGE_SIZE;
		if (pages < (128UL << 10))
			pages = 128UL << 10;
	}
	atomic_pool_expand(mm, pages, GFP_KERNEL, "GFP_KERNEL");
	if (mm->layout.arch->has_zone[ZONE_DMA] && has_managed_dma(mm))
		atomic_pool_expand(mm, pages, GFP_KERNEL | GFP_DMA,
				   "GFP_KERNEL|GFP_DMA");
	if (mm->layout.arch->has_zone[ZONE_DMA32])
		atomic_pool_expand(mm, pages, GFP_KERNEL | GFP_DMA32,
				   "GFP_KERNEL|GFP_DMA32");
}

/*
 * The free-list nodes and block records: a block, free or allocated, is at
 * least a frame, so a pool never needs more entries than the memmap has
 * frames.  Reserved at that size, they never move or get copied as they
 * fill (a 1 TiB import would otherwise hold the old and the new pool at
 * once while one doubles).
 */
static void reserve_pools(struct mm_state *mm, unsigned long frames)
{
	mm->free_blocks = xreserve(frames, sizeof(*mm->free_blocks));
	mm->free_blocks_cap = (uint32_t)frames;
	mm->blocks = xreserve(frames, sizeof(*mm->blocks));
	mm->blocks_lru = xreserve(frames, sizeof(*mm->blocks_lru));
	mm->blocks_cap = (uint32_t)frames;
}

int mm_init(struct mm_state *mm, const struct machine *m,
	    struct printk_log *log)
{
	struct memblock_type reserved;
	unsigned long lo = -1UL, hi = 0;

	memset(mm, 0, sizeof(*mm));
	mm->log = log;
	mm->free_blocks_unused = NIL;
	if (mm_boot(m, &mm->layout, &reserved, log))
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
	/* mm_boot refused a span the frame words cannot index */
	memmap_alloc(&mm->memmap, lo, hi);
	reserve_pools(mm, hi - lo);

	/* Decided by build_all_zonelists from the boot-time estimate, unless
	 * the user switched grouping off to see what it is worth. */
	mm->page_group_by_mobility_disabled =
		mm->layout.page_group_by_mobility_disabled ||
		!m->sysctl.mobility_grouping;

	memmap_init(mm, &m->memory);
	memblock_free_all(mm, &m->memory, &reserved);

	/* Watermarks, lowmem_reserve and pcp as the initcalls leave them. */
	mm->nr_cpus = m->nr_cpus;
	mm->hz = m->hz;
	for (int cpu = 0; cpu < m->nr_cpus; cpu++)
		mm->cpu_to_node[cpu] = machine_cpu_node(m, cpu);
	vm_sysctl_defaults(&mm->sysctl);
	mm->sysctl.pcp_enabled = m->sysctl.pcp_enabled;
	mm->sysctl.thp_enabled = m->sysctl.thp_enabled;
	if (m->boot_allocations)
		dma_atomic_pool_init(mm);
	init_per_zone_wmark_min(mm);
	free_late_reservations(mm, &reserved);
	memblock_release(&reserved);
	memmap_note_reserved(&mm->memmap, lo, hi);
	mm_apply_sysctl(mm, &m->sysctl);
	return 0;
}

void mm_apply_sysctl(struct mm_state *mm, const struct vm_sysctl *s)
{
	struct vm_sysctl old = mm->sysctl;
	bool wmarks, lowmem;

	mm->sysctl = *s;
	mm->sysctl.thp_enabled = old.thp_enabled && s->thp_enabled;
	/* min_free_kbytes_sysctl_handler: only a written value replaces it */
	if (s->user_min_free_kbytes < 0) {
		mm->sysctl.min_free_kbytes = old.min_free_kbytes;
		mm->sysctl.user_min_free_kbytes = old.user_min_free_kbytes;
	}
	/* Each handler runs only when its sysctl was written. */
	wmarks = mm->sysctl.min_free_kbytes != old.min_free_kbytes ||
		 mm->sysctl.watermark_scale_factor != old.watermark_scale_factor;
	lowmem = memcmp(mm->sysctl.lowmem_reserve_ratio, old.lowmem_reserve_ratio,
			sizeof(old.lowmem_reserve_ratio)) != 0;
	if (wmarks)
		setup_per_zone_wmarks(mm);
	else if (mm->sysctl.percpu_pagelist_high_fraction !=
		 old.percpu_pagelist_high_fraction)
		zone_pcp_update_all(mm);
	if (lowmem)
		setup_per_zone_lowmem_reserve(mm);
	if (mm->sysctl.compaction_proactiveness_written) {
		mm->sysctl.compaction_proactiveness_written = false;
		kcompactd_proactive_trigger(mm);
	}
}

void mm_release(struct mm_state *mm)
{
	/* a compaction kcompactd left half done holds memory */
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		kcompactd_stop(mm, nid);
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++)
			free(mm_zone(mm, nid, t)->per_cpu_pageset);
	zone_layout_release(&mm->layout);
	memmap_free(&mm->memmap);
	xunreserve(mm->free_blocks, mm->free_blocks_cap,
		   sizeof(*mm->free_blocks));
	xunreserve(mm->blocks, mm->blocks_cap, sizeof(*mm->blocks));
	xunreserve(mm->blocks_lru, mm->blocks_cap, sizeof(*mm->blocks_lru));
	memset(mm, 0, sizeof(*mm));
}
