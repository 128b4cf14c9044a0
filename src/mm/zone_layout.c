/*
 * zone_layout.c - zone spans per node and the ZONE_MOVABLE carve-out, as
 * Linux 6.1 computes them at boot (mm/page_alloc.c).
 *
 * The functions keep the kernel's names and order of operations, including
 * its unsigned arithmetic, because the oracle boots show that every detail
 * (the restart pass, the final MAX_ORDER_NR_PAGES roundup, where hole pages
 * are reported) is visible in the result.
 */
#include <assert.h>
#include <string.h>

#include "mm/zone_layout.h"

#define SZ_4G_PFN	(1UL << (32 - PAGE_SHIFT))


static unsigned long max_ul(unsigned long a, unsigned long b)
{
	return a > b ? a : b;
}

static unsigned long clamp_ul(unsigned long v, unsigned long lo,
			      unsigned long hi)
{
	return min_ul(max_ul(v, lo), hi);
}

static unsigned long roundup_ul(unsigned long v, unsigned long to)
{
	return (v + to - 1) / to * to;
}

/* Context of one layout computation: the kernel's globals. */
struct layout_ctx {
	struct zone_layout *l;
	const struct memblock_type *memory;
	struct printk_log *log;
	bool node_has_memory[MAX_NUMNODES];	/* N_MEMORY */
};

/* mm/page_alloc.c: get_pfn_range_for_nid */
static void get_pfn_range_for_nid(const struct layout_ctx *c, int nid,
				  unsigned long *start_pfn,
				  unsigned long *end_pfn)
{
	unsigned long s, e;
	size_t i = 0;

	*start_pfn = -1UL;
	*end_pfn = 0;
	while (memblock_next_pfn_range(c->memory, nid, &i, &s, &e, NULL)) {
		*start_pfn = min_ul(*start_pfn, s);
		*end_pfn = max_ul(*end_pfn, e);
	}
	if (*start_pfn == -1UL)
		*start_pfn = 0;
}

/* mm/page_alloc.c: find_usable_zone_for_movable */
static void find_usable_zone_for_movable(struct zone_layout *l)
{
	int zone_index;

	for (zone_index = MAX_NR_ZONES - 1; zone_index >= 0; zone_index--) {
		if (zone_index == ZONE_MOVABLE)
			continue;
		if (l->arch_zone_highest_possible_pfn[zone_index] >
		    l->arch_zone_lowest_possible_pfn[zone_index])
			break;
	}
	assert(zone_index >= 0);
	l->movable_zone = (enum zone_type)zone_index;
}

/* mm/page_alloc.c: early_calculate_totalpages */
static unsigned long early_calculate_totalpages(struct layout_ctx *c)
{
	unsigned long totalpages = 0, s, e;
	size_t i = 0;
	int nid;

	while (memblock_next_pfn_range(c->memory, -1, &i, &s, &e, &nid)) {
		totalpages += e - s;
		if (e - s)
			c->node_has_memory[nid] = true;
	}
	return totalpages;
}

/* The movable_node path: hotpluggable regions start ZONE_MOVABLE. */
static void zone_movable_from_hotplug(struct layout_ctx *c)
{
	struct zone_layout *l = c->l;

	for (size_t i = 0; i < c->memory->cnt; i++) {
		const struct memblock_region *r = &c->memory->regions[i];
		unsigned long usable_startpfn;

		if (!(r->flags & MEMBLOCK_HOTPLUG))
			continue;
		usable_startpfn = PFN_DOWN(r->base);
		l->zone_movable_pfn[r->nid] = l->zone_movable_pfn[r->nid] ?
			min_ul(usable_startpfn, l->zone_movable_pfn[r->nid]) :
			usable_startpfn;
	}
}

/* The kernelcore=mirror path: unmirrored memory above 4G is movable. */
static void zone_movable_from_mirror(struct layout_ctx *c)
{
	struct zone_layout *l = c->l;
	bool mem_below_4gb_not_mirrored = false;

	for (size_t i = 0; i < c->memory->cnt; i++) {
		const struct memblock_region *r = &c->memory->regions[i];
		unsigned long usable_startpfn;

		if (r->flags & MEMBLOCK_MIRROR)
			continue;
		usable_startpfn = PFN_UP(r->base);
		if (usable_startpfn < SZ_4G_PFN) {
			mem_below_4gb_not_mirrored = true;
			continue;
		}
		l->zone_movable_pfn[r->nid] = l->zone_movable_pfn[r->nid] ?
			min_ul(usable_startpfn, l->zone_movable_pfn[r->nid]) :
			usable_startpfn;
	}
	if (mem_below_4gb_not_mirrored)
		printk(c->log, "This configuration results in unmirrored "
		       "kernel memory.");
}

/*
 * One pass of the kernelcore spread in find_zone_movable_pfns_for_nodes:
 * give every node with memory its share of required_kernelcore, counting
 * memory below usable_startpfn as kernel-only.  Returns what is left.
 */
static unsigned long spread_kernelcore_pass(struct layout_ctx *c,
					    unsigned long required_kernelcore,
					    int usable_nodes,
					    unsigned long usable_startpfn)
{
	struct zone_layout *l = c->l;
	unsigned long kernelcore_node = required_kernelcore / usable_nodes;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long kernelcore_remaining, start_pfn, end_pfn;
		size_t i = 0;

		if (!c->node_has_memory[nid])
			continue;
		/* Recalculate when the share exceeds what is still needed. */
		if (required_kernelcore < kernelcore_node)
			kernelcore_node = required_kernelcore / usable_nodes;
		kernelcore_remaining = kernelcore_node;

		while (memblock_next_pfn_range(c->memory, nid, &i, &start_pfn,
					       &end_pfn, NULL)) {
			unsigned long size_pages;

			start_pfn = max_ul(start_pfn, l->zone_movable_pfn[nid]);
			if (start_pfn >= end_pfn)
				continue;

			/* Account for what is only usable for kernelcore */
			if (start_pfn < usable_startpfn) {
				unsigned long kernel_pages =
					min_ul(end_pfn, usable_startpfn) -
					start_pfn;

				kernelcore_remaining -= min_ul(kernel_pages,
							kernelcore_remaining);
				required_kernelcore -= min_ul(kernel_pages,
							required_kernelcore);
				if (end_pfn <= usable_startpfn) {
					/* not counted again on a restart */
					l->zone_movable_pfn[nid] = end_pfn;
					continue;
				}
				start_pfn = usable_startpfn;
			}

			size_pages = min_ul(end_pfn - start_pfn,
					    kernelcore_remaining);
			l->zone_movable_pfn[nid] = start_pfn + size_pages;
			required_kernelcore -= min_ul(required_kernelcore,
						      size_pages);
			kernelcore_remaining -= size_pages;
			if (!kernelcore_remaining)
				break;
		}
	}
	return required_kernelcore;
}

/*
 * The kernelcore path of find_zone_movable_pfns_for_nodes: spread the
 * kernel's memory evenly over the nodes, and pass again with one node fewer
 * (the kernel's "goto restart") while some of it is left unplaced.
 */
static void spread_kernelcore(struct layout_ctx *c,
			      unsigned long required_kernelcore,
			      int usable_nodes)
{
	const struct zone_layout *l = c->l;
	/* usable_startpfn is the lowest possible pfn ZONE_MOVABLE can be at */
	unsigned long usable_startpfn =
		l->arch_zone_lowest_possible_pfn[l->movable_zone];

	do {
		required_kernelcore = spread_kernelcore_pass(c,
				required_kernelcore, usable_nodes,
				usable_startpfn);
		usable_nodes--;
	} while (usable_nodes &&
		 required_kernelcore > (unsigned long)usable_nodes);
}

/* mm/page_alloc.c: find_zone_movable_pfns_for_nodes */
static void find_zone_movable_pfns_for_nodes(struct layout_ctx *c)
{
	struct zone_layout *l = c->l;
	const struct boot_params *bp = &l->params;
	unsigned long totalpages = early_calculate_totalpages(c);
	unsigned long required_kernelcore = bp->required_kernelcore;
	unsigned long required_movablecore = bp->required_movablecore;
	int usable_nodes = 0;

	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		usable_nodes += c->node_has_memory[nid];

	/* Need to find movable_zone earlier when movable_node is specified. */
	find_usable_zone_for_movable(l);

	if (bp->movable_node) {
		zone_movable_from_hotplug(c);
		goto out2;
	}
	if (bp->mirrored_kernelcore) {
		zone_movable_from_mirror(c);
		goto out2;
	}

	if (bp->required_kernelcore_percent)
		required_kernelcore = (totalpages * 100 *
				       bp->required_kernelcore_percent) / 10000UL;
	if (bp->required_movablecore_percent)
		required_movablecore = (totalpages * 100 *
					bp->required_movablecore_percent) / 10000UL;

	/* movablecore= becomes the kernelcore that leaves that much movable */
	if (required_movablecore) {
		unsigned long corepages;

		required_movablecore = roundup_ul(required_movablecore,
						  MAX_ORDER_NR_PAGES);
		required_movablecore = min_ul(totalpages, required_movablecore);
		corepages = totalpages - required_movablecore;
		required_kernelcore = max_ul(required_kernelcore, corepages);
	}

	/* No kernelcore, or more than all of memory: no ZONE_MOVABLE. */
	if (!required_kernelcore || required_kernelcore >= totalpages)
		return;

	spread_kernelcore(c, required_kernelcore, usable_nodes);

out2:
	/* Align start of ZONE_MOVABLE on all nids to MAX_ORDER_NR_PAGES */
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		unsigned long start_pfn, end_pfn;

		l->zone_movable_pfn[nid] = roundup_ul(l->zone_movable_pfn[nid],
						      MAX_ORDER_NR_PAGES);
		get_pfn_range_for_nid(c, nid, &start_pfn, &end_pfn);
		if (l->zone_movable_pfn[nid] >= end_pfn)
			l->zone_movable_pfn[nid] = 0;
	}
}

/* mm/page_alloc.c: adjust_zone_range_for_zone_movable */
static void adjust_zone_range_for_zone_movable(const struct zone_layout *l,
					       int nid, enum zone_type zone_type,
					       unsigned long node_end_pfn,
					       unsigned long *zone_start_pfn,
					       unsigned long *zone_end_pfn)
{
	unsigned long movable_pfn = l->zone_movable_pfn[nid];

	if (!movable_pfn)
		return;
	if (zone_type == ZONE_MOVABLE) {
		*zone_start_pfn = movable_pfn;
		*zone_end_pfn = min_ul(node_end_pfn,
			l->arch_zone_highest_possible_pfn[l->movable_zone]);
	} else if (!l->params.mirrored_kernelcore &&
		   *zone_start_pfn < movable_pfn &&
		   *zone_end_pfn > movable_pfn) {
		*zone_end_pfn = movable_pfn;
	} else if (*zone_start_pfn >= movable_pfn) {
		*zone_start_pfn = *zone_end_pfn;
	}
}

/* mm/page_alloc.c: zone_spanned_pages_in_node */
static unsigned long zone_spanned_pages_in_node(const struct zone_layout *l,
						int nid, enum zone_type t,
						unsigned long node_start_pfn,
						unsigned long node_end_pfn,
						unsigned long *zone_start_pfn,
						unsigned long *zone_end_pfn)
{
	unsigned long zone_low = l->arch_zone_lowest_possible_pfn[t];
	unsigned long zone_high = l->arch_zone_highest_possible_pfn[t];

	if (!node_start_pfn && !node_end_pfn)
		return 0;

	*zone_start_pfn = clamp_ul(node_start_pfn, zone_low, zone_high);
	*zone_end_pfn = clamp_ul(node_end_pfn, zone_low, zone_high);
	adjust_zone_range_for_zone_movable(l, nid, t, node_end_pfn,
					   zone_start_pfn, zone_end_pfn);

	/* Check that this node has pages within the zone's required range */
	if (*zone_end_pfn < node_start_pfn || *zone_start_pfn > node_end_pfn)
		return 0;

	*zone_end_pfn = min_ul(*zone_end_pfn, node_end_pfn);
	*zone_start_pfn = max_ul(*zone_start_pfn, node_start_pfn);
	return *zone_end_pfn - *zone_start_pfn;
}

/* mm/page_alloc.c: __absent_pages_in_range */
static unsigned long absent_pages_in_range(const struct memblock_type *memory,
					   int nid, unsigned long range_start,
					   unsigned long range_end)
{
	unsigned long nr_absent = range_end - range_start, s, e;
	size_t i = 0;

	while (memblock_next_pfn_range(memory, nid, &i, &s, &e, NULL)) {
		s = clamp_ul(s, range_start, range_end);
		e = clamp_ul(e, range_start, range_end);
		nr_absent -= e - s;
	}
	return nr_absent;
}

/* mm/page_alloc.c: zone_absent_pages_in_node */
static unsigned long zone_absent_pages_in_node(const struct layout_ctx *c,
					       int nid, enum zone_type t,
					       unsigned long node_start_pfn,
					       unsigned long node_end_pfn)
{
	const struct zone_layout *l = c->l;
	unsigned long zone_low = l->arch_zone_lowest_possible_pfn[t];
	unsigned long zone_high = l->arch_zone_highest_possible_pfn[t];
	unsigned long zone_start_pfn, zone_end_pfn, nr_absent;

	if (!node_start_pfn && !node_end_pfn)
		return 0;

	zone_start_pfn = clamp_ul(node_start_pfn, zone_low, zone_high);
	zone_end_pfn = clamp_ul(node_end_pfn, zone_low, zone_high);
	adjust_zone_range_for_zone_movable(l, nid, t, node_end_pfn,
					   &zone_start_pfn, &zone_end_pfn);
	nr_absent = absent_pages_in_range(c->memory, nid, zone_start_pfn,
					  zone_end_pfn);

	/* With mirror, Normal and Movable overlap and split present pages. */
	if (l->params.mirrored_kernelcore && l->zone_movable_pfn[nid]) {
		for (size_t i = 0; i < c->memory->cnt; i++) {
			const struct memblock_region *r = &c->memory->regions[i];
			unsigned long s = clamp_ul(PFN_UP(r->base),
						   zone_start_pfn, zone_end_pfn);
			unsigned long e = clamp_ul(PFN_DOWN(r->base + r->size),
						   zone_start_pfn, zone_end_pfn);

			if (t == ZONE_MOVABLE && (r->flags & MEMBLOCK_MIRROR))
				nr_absent += e - s;
			if (t == ZONE_NORMAL && !(r->flags & MEMBLOCK_MIRROR))
				nr_absent += e - s;
		}
	}
	return nr_absent;
}

/* mm/page_alloc.c: calculate_node_totalpages */
static void calculate_node_totalpages(const struct layout_ctx *c,
				      struct pglist_data *pgdat,
				      unsigned long node_start_pfn,
				      unsigned long node_end_pfn)
{
	unsigned long totalpages = 0, realtotalpages = 0;

	for (int t = 0; t < MAX_NR_ZONES; t++) {
		struct zone *zone = &pgdat->node_zones[t];
		unsigned long zone_start_pfn = 0, zone_end_pfn = 0;
		unsigned long spanned, absent;

		spanned = zone_spanned_pages_in_node(c->l, pgdat->node_id, t,
						     node_start_pfn, node_end_pfn,
						     &zone_start_pfn,
						     &zone_end_pfn);
		absent = zone_absent_pages_in_node(c, pgdat->node_id, t,
						   node_start_pfn, node_end_pfn);
		zone->type = (enum zone_type)t;
		zone->node = pgdat->node_id;
		zone->zone_start_pfn = spanned ? zone_start_pfn : 0;
		zone->spanned_pages = spanned;
		zone->present_pages = spanned - absent;
		totalpages += spanned;
		realtotalpages += spanned - absent;
	}
	pgdat->node_spanned_pages = totalpages;
	pgdat->node_present_pages = realtotalpages;
}

/*
 * mm/page_alloc.c: calc_memmap_size - the pages the zone's struct pages
 * take (64 bytes each), counted over present pages when holes are large.
 */
static unsigned long calc_memmap_size(const struct zone_layout *l,
				      unsigned long spanned_pages,
				      unsigned long present_pages)
{
	unsigned long pages = spanned_pages;

	if (spanned_pages > present_pages + (present_pages >> 4) &&
	    l->arch->pfn_section_shift)
		pages = present_pages;
	return (pages * 64 + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

static bool is_highmem_idx(const struct zone_layout *l, enum zone_type t)
{
	return t == ZONE_HIGHMEM ||
	       (t == ZONE_MOVABLE && l->movable_zone == ZONE_HIGHMEM);
}

/*
 * mm/page_alloc.c: free_area_init_core - the boot-time estimate of each
 * zone's managed pages (present minus its memmap and, for the first zone,
 * dma_reserve), which build_all_zonelists sees.  memblock_free_all later
 * replaces it with the pages actually freed.
 */
static void free_area_init_core(const struct layout_ctx *c,
				struct pglist_data *pgdat)
{
	for (int j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = &pgdat->node_zones[j];
		unsigned long freesize = zone->present_pages;
		unsigned long memmap_pages = calc_memmap_size(c->l,
				zone->spanned_pages, zone->present_pages);

		if (!is_highmem_idx(c->l, (enum zone_type)j) &&
		    freesize >= memmap_pages)
			freesize -= memmap_pages;
		if (j == 0 && freesize > c->l->dma_reserve)
			freesize -= c->l->dma_reserve;
		zone->managed_pages = freesize;
	}
}

/* mm/page_alloc.c: free_area_init_node */
static void free_area_init_node(struct layout_ctx *c, int nid)
{
	struct pglist_data *pgdat = &c->l->node_data[nid];
	unsigned long start_pfn = 0, end_pfn = 0;

	get_pfn_range_for_nid(c, nid, &start_pfn, &end_pfn);
	pgdat->node_id = nid;
	pgdat->node_start_pfn = start_pfn;
	if (start_pfn != end_pfn)
		printk(c->log, "Initmem setup node %d [mem %#018llx-%#018llx]",
		       nid, (unsigned long long)PFN_PHYS(start_pfn),
		       end_pfn ? (unsigned long long)PFN_PHYS(end_pfn) - 1 : 0ULL);
	else
		printk(c->log, "Initmem setup node %d as memoryless", nid);
	calculate_node_totalpages(c, pgdat, start_pfn, end_pfn);
	free_area_init_core(c, pgdat);
}

/*
 * mm/page_alloc.c: init_unavailable_range - count the pfns of a hole that
 * get a struct page: those whose pageblock lies in a present section.
 */
static void init_unavailable_range(const struct layout_ctx *c,
				   unsigned long spfn, unsigned long epfn,
				   enum zone_type zone, int node)
{
	unsigned long per_section = arch_pages_per_section(c->l->arch);
	unsigned long long pgcnt = 0;
	unsigned long pfn = spfn;

	while (pfn < epfn) {
		/* A FLATMEM memmap covers every pfn up to the end of RAM. */
		unsigned long sec_start = per_section ?
			pfn / per_section * per_section : 0;
		unsigned long sec_end = per_section ?
			sec_start + per_section : epfn;
		unsigned long upto = min_ul(sec_end, epfn);

		if (!per_section ||
		    memblock_pfn_range_has_memory(c->memory, sec_start, sec_end))
			pgcnt += upto - pfn;
		pfn = upto;
	}
	if (pgcnt)
		printk(c->log, "On node %d, zone %s: %llu pages in unavailable "
		       "ranges", node, zone_names[zone], pgcnt);
}

/* mm/page_alloc.c: memmap_init_zone_range (the hole bookkeeping part) */
static void memmap_init_zone_range(const struct layout_ctx *c,
				   const struct zone *zone,
				   unsigned long start_pfn,
				   unsigned long end_pfn,
				   unsigned long *hole_pfn)
{
	unsigned long zone_start = zone->zone_start_pfn;
	unsigned long zone_end = zone_end_pfn(zone);

	start_pfn = clamp_ul(start_pfn, zone_start, zone_end);
	end_pfn = clamp_ul(end_pfn, zone_start, zone_end);
	if (start_pfn >= end_pfn)
		return;
	if (*hole_pfn < start_pfn)
		init_unavailable_range(c, *hole_pfn, start_pfn, zone->type,
				       zone->node);
	*hole_pfn = end_pfn;
}

/*
 * mm/page_alloc.c: memmap_init - walks memory ranges and their zones; holes
 * are reported under the zone being initialised when the walk reaches the
 * memory after them, and the tail of the last section under the last node's
 * highest populated zone.
 */
static void memmap_init(const struct layout_ctx *c)
{
	unsigned long start_pfn, end_pfn = 0, hole_pfn = 0;
	unsigned long per_section = arch_pages_per_section(c->l->arch);
	enum zone_type zone_id = ZONE_DMA;
	int nid = 0;
	size_t i = 0;

	while (memblock_next_pfn_range(c->memory, -1, &i, &start_pfn, &end_pfn,
				       &nid)) {
		const struct pglist_data *node = &c->l->node_data[nid];

		for (int j = 0; j < MAX_NR_ZONES; j++) {
			const struct zone *zone = &node->node_zones[j];

			if (!populated_zone(zone))
				continue;
			memmap_init_zone_range(c, zone, start_pfn, end_pfn,
					       &hole_pfn);
			zone_id = (enum zone_type)j;
		}
	}
	if (per_section) {
		end_pfn = roundup_ul(end_pfn, per_section);
		if (hole_pfn < end_pfn)
			init_unavailable_range(c, hole_pfn, end_pfn, zone_id,
					       nid);
	}
}

static void print_zone_ranges(const struct layout_ctx *c)
{
	const struct zone_layout *l = c->l;

	printk(c->log, "Zone ranges:");
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		unsigned long lo = l->arch_zone_lowest_possible_pfn[i];
		unsigned long hi = l->arch_zone_highest_possible_pfn[i];

		if (i == ZONE_MOVABLE || !l->arch->has_zone[i])
			continue;
		if (lo == hi)
			printk(c->log, "  %-8s empty", zone_names[i]);
		else
			printk(c->log, "  %-8s [mem %#018llx-%#018llx]",
			       zone_names[i], (unsigned long long)PFN_PHYS(lo),
			       (unsigned long long)PFN_PHYS(hi) - 1);
	}
	printk(c->log, "Movable zone start for each node");
	for (int i = 0; i < MAX_NUMNODES; i++)
		if (l->zone_movable_pfn[i])
			printk(c->log, "  Node %d: %#018llx", i,
			       (unsigned long long)PFN_PHYS(l->zone_movable_pfn[i]));
}

static void print_early_node_map(const struct layout_ctx *c)
{
	unsigned long s, e;
	size_t i = 0;
	int nid;

	printk(c->log, "Early memory node ranges");
	while (memblock_next_pfn_range(c->memory, -1, &i, &s, &e, &nid))
		printk(c->log, "  node %3d: [mem %#018llx-%#018llx]", nid,
		       (unsigned long long)PFN_PHYS(s),
		       (unsigned long long)PFN_PHYS(e) - 1);
}

/* mm/page_alloc.c: free_area_init */
void free_area_init(struct zone_layout *layout, const struct arch *arch,
		    const struct memblock_type *memory,
		    const bool possible[MAX_NUMNODES],
		    const struct boot_params *params, unsigned long dma_reserve,
		    struct printk_log *log)
{
	struct layout_ctx c = { .l = layout, .memory = memory, .log = log };
	unsigned long max_zone_pfn[MAX_NR_ZONES];
	unsigned long start_pfn;

	memset(layout, 0, sizeof(*layout));
	layout->arch = arch;
	layout->params = *params;
	layout->dma_reserve = dma_reserve;

	arch_zone_sizes_init(arch, PFN_DOWN(memblock_end_of_DRAM(memory)),
			     max_zone_pfn);
	start_pfn = PHYS_PFN(memblock_start_of_DRAM(memory));
	for (int zone = 0; zone < MAX_NR_ZONES; zone++) {
		unsigned long end_pfn;

		if (zone == ZONE_MOVABLE)
			continue;
		end_pfn = max_ul(max_zone_pfn[zone], start_pfn);
		layout->arch_zone_lowest_possible_pfn[zone] = start_pfn;
		layout->arch_zone_highest_possible_pfn[zone] = end_pfn;
		start_pfn = end_pfn;
	}

	find_zone_movable_pfns_for_nodes(&c);
	print_zone_ranges(&c);
	print_early_node_map(&c);

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		bool declared = possible ? possible[nid] : c.node_has_memory[nid];

		if (c.node_has_memory[nid] || declared) {
			layout->node_possible[nid] = true;
			layout->nr_node_ids = nid + 1;
		}
	}
	for (int nid = 0; nid < layout->nr_node_ids; nid++) {
		struct pglist_data *pgdat = &layout->node_data[nid];

		if (!layout->node_possible[nid])
			continue;
		if (!c.node_has_memory[nid])
			printk(log, "Initializing node %d as memoryless", nid);
		free_area_init_node(&c, nid);
		pgdat->online = pgdat->node_present_pages != 0;
	}
	memmap_init(&c);
}
