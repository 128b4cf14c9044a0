/*
 * boot.c - the part of the kernel's boot that shapes physical memory:
 * command line (init/main.c: parse_early_param), NUMA setup
 * (arch/x86/mm/numa.c) and zone layout (mm/page_alloc.c: free_area_init).
 */
#include "mm/boot.h"

/*
 * arch/x86/mm/numa.c: numa_clear_kernel_node_hotplug - a node that holds
 * memory the kernel reserved during early boot cannot be hot-removed, so
 * its regions lose MEMBLOCK_HOTPLUG.
 */
static void numa_clear_kernel_node_hotplug(struct memblock_type *memory,
					   const struct memblock_type *reserved)
{
	bool reserved_node[MAX_NUMNODES] = { false };

	for (size_t i = 0; i < reserved->cnt; i++) {
		const struct memblock_region *rsv = &reserved->regions[i];

		for (size_t j = 0; j < memory->cnt; j++) {
			const struct memblock_region *r = &memory->regions[j];

			if (rsv->base < r->base + r->size &&
			    r->base < rsv->base + rsv->size)
				reserved_node[r->nid] = true;
		}
	}
	for (int nid = 0; nid < MAX_NUMNODES; nid++)
		if (reserved_node[nid])
			memblock_clear_node_flag(memory, nid, MEMBLOCK_HOTPLUG);
}

/*
 * arch/x86/mm/init.c: memblock_find_dma_reserve - memory pages below
 * 16 MiB that are reserved, which free_area_init_core keeps out of the
 * DMA zone's managed estimate.
 */
static unsigned long memblock_find_dma_reserve(
	const struct memblock_type *reserved, const struct machine *m,
	const struct memblock_type *mem)
{
	unsigned long max_dma = PHYS_PFN(m->arch->dma_limit);
	unsigned long nr_pages = 0, nr_reserved = 0, s, e;
	size_t i = 0;

	if (m->arch->lowmem_limit)	/* CONFIG_X86_64 only */
		return 0;
	while (memblock_next_pfn_range(mem, -1, &i, &s, &e, NULL)) {
		s = s < max_dma ? s : max_dma;
		e = e < max_dma ? e : max_dma;
		nr_pages += e - s;
		for (unsigned long pfn = s; pfn < e; pfn++)
			for (size_t r = 0; r < reserved->cnt; r++) {
				const struct memblock_region *rsv =
					&reserved->regions[r];

				if (PFN_PHYS(pfn) + PAGE_SIZE > rsv->base &&
				    PFN_PHYS(pfn) < rsv->base + rsv->size) {
					nr_reserved++;
					break;
				}
			}
	}
	return nr_pages ? nr_reserved : 0;
}

static unsigned long roundup_pow_of_two(unsigned long n)
{
	unsigned long p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

/*
 * mm/sparse.c: sparse_init_nid (x86_64, SPARSEMEM_VMEMMAP) - each node's
 * struct pages, 2 MiB per present 128 MiB section, in one block aligned to
 * 2 MiB, allocated top-down in the node above 16 MiB.  With FLATMEM
 * (32-bit) it is one array for the node's span, 32 bytes a page, below the
 * end of lowmem (alloc_node_mem_map).
 */
static void reserve_memmap(const struct machine *m,
			   const struct memblock_type *mem,
			   const struct zone_layout *layout,
			   struct memblock_type *reserved)
{
	unsigned long per_section = arch_pages_per_section(m->arch);
	uint64_t base;

	for (int nid = 0; nid < layout->nr_node_ids; nid++) {
		const struct pglist_data *pgdat = &layout->node_data[nid];
		unsigned long start = pgdat->node_start_pfn;
		unsigned long end = start + pgdat->node_spanned_pages;
		uint64_t size, max = UINT64_MAX;

		if (!pgdat->online)
			continue;
		if (per_section) {
			unsigned long nr = 0;

			for (unsigned long s = start / per_section * per_section;
			     s < end; s += per_section)
				nr += memblock_pfn_range_has_memory(mem, s,
							s + per_section);
			size = (uint64_t)nr * per_section * 64;
			memblock_alloc_top_down(reserved, mem, size, 2 << 20,
						16 << 20, max, nid, &base);
		} else {
			size = (uint64_t)(end - start) * 32;
			if (m->arch->lowmem_limit)
				max = m->arch->lowmem_limit;
			memblock_alloc_top_down(reserved, mem, size, 64, 0, max,
						nid, &base);
		}
	}
}

/*
 * fs/dcache.c: dcache_init_early and fs/inode.c: inode_init_early - the
 * dentry and inode hash tables, sized by alloc_large_system_hash from the
 * kernel's lowmem pages (one bucket per 8 KiB and per 16 KiB), allocated
 * from memblock only when there is one node (otherwise hashdist puts them
 * in vmalloc space later).
 */
static void reserve_hash_tables(const struct machine *m,
				const struct memblock_type *mem,
				const struct zone_layout *layout,
				struct memblock_type *reserved)
{
	unsigned long nr_kernel_pages = 0, bucket = m->arch->lowmem_limit ? 4 : 8;
	int nodes = 0;
	uint64_t base;

	for (int nid = 0; nid < layout->nr_node_ids; nid++) {
		if (!layout->node_data[nid].online)
			continue;
		nodes++;
		for (int t = 0; t < MAX_NR_ZONES; t++)
			if (t != ZONE_HIGHMEM && !(t == ZONE_MOVABLE &&
			      layout->movable_zone == ZONE_HIGHMEM))
				nr_kernel_pages += layout->node_data[nid]
						.node_zones[t].managed_pages;
	}
	if (nodes != 1)
		return;
	/* round_up to 1 MiB worth of pages, then >> (scale - PAGE_SHIFT) */
	nr_kernel_pages = (nr_kernel_pages + 255) & ~255UL;
	memblock_alloc_top_down(reserved, mem,
				roundup_pow_of_two(nr_kernel_pages >> 1) * bucket,
				64, 0, UINT64_MAX, -1, &base);
	memblock_alloc_top_down(reserved, mem,
				roundup_pow_of_two(nr_kernel_pages >> 2) * bucket,
				64, 0, UINT64_MAX, -1, &base);
}

/*
 * arch/x86/mm/numa.c: alloc_node_data - each node's pg_data_t (172 KiB on
 * Debian's kernel, whose zonelists are sized for 1024 nodes), top-down in
 * the node.
 */
static void reserve_node_data(const struct memblock_type *mem,
			      const struct zone_layout *layout,
			      struct memblock_type *reserved)
{
	uint64_t base;

	for (int nid = 0; nid < layout->nr_node_ids; nid++)
		if (layout->node_data[nid].online)
			memblock_alloc_top_down(reserved, mem, 43 * PAGE_SIZE,
						PAGE_SIZE, 0, UINT64_MAX, nid,
						&base);
}

/*
 * mm/percpu.c: pcpu_embed_first_chunk (x86_64: atom_size = PMD_SIZE) - per
 * node, one 2 MiB-aligned allocation of whole 2 MiB atoms holding a unit
 * per CPU; each CPU keeps its first 62 pages (Debian's kernel) and the
 * rest of its unit is given back (pcpu_fc_free).
 */
static void reserve_percpu(const struct machine *m,
			   const struct memblock_type *mem,
			   struct memblock_type *reserved)
{
	const uint64_t atom = 2 << 20, used = 62 * PAGE_SIZE;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		uint64_t base, unit = atom, size;
		int ncpus = 0, upa = 1;

		for (int cpu = 0; cpu < m->nr_cpus; cpu++)
			ncpus += machine_cpu_node(m, cpu) == nid;
		if (!ncpus)
			continue;
		while (upa < ncpus && unit / 2 >= 64 * PAGE_SIZE) {
			upa *= 2;
			unit /= 2;
		}
		size = ((uint64_t)ncpus * unit + atom - 1) / atom * atom;
		if (memblock_alloc_top_down(reserved, mem, size, atom, 16 << 20,
					    UINT64_MAX, nid, &base))
			continue;
		for (uint64_t u = 0; u < size / unit; u++) {
			uint64_t keep = u < (uint64_t)ncpus ? used : 0;

			memblock_remove_range(reserved, base + u * unit + keep,
					      unit - keep);
		}
	}
}

/*
 * arch/x86/kernel/pci-dma.c: pci_swiotlb_detect + kernel/dma/swiotlb.c:
 * swiotlb_init_remap - with memory above 4 GiB, a 64 MiB bounce buffer
 * top-down below 4 GiB (memblock_alloc_low).
 */
static void reserve_swiotlb(const struct machine *m,
			    const struct memblock_type *mem,
			    struct memblock_type *reserved)
{
	uint64_t base;

	if (!m->arch->dma32_limit ||
	    memblock_end_of_DRAM(mem) <= m->arch->dma32_limit)
		return;
	memblock_alloc_top_down(reserved, mem, 64ULL << 20, PAGE_SIZE, 0,
				m->arch->dma32_limit, -1, &base);
	/* its slot array: 32768 slots of 24 bytes, anywhere */
	memblock_alloc_top_down(reserved, mem, 32768 * 24, PAGE_SIZE, 0,
				UINT64_MAX, -1, &base);
}

/*
 * arch/x86/mm/init.c: init_mem_mapping - the direct map's page tables and
 * other small early allocations (alloc_low_pages and friends), about 17
 * pages on the oracle's guests, top-down before anything else.
 */
static void reserve_early_page_tables(const struct memblock_type *mem,
				      struct memblock_type *reserved)
{
	uint64_t base;

	memblock_alloc_top_down(reserved, mem, 17 * PAGE_SIZE, PAGE_SIZE, 0,
				UINT64_MAX, -1, &base);
}

static void copy_memblock(struct memblock_type *to,
			  const struct memblock_type *from)
{
	for (size_t i = 0; i < from->cnt; i++) {
		const struct memblock_region *r = &from->regions[i];

		memblock_add_node(to, r->base, r->size, r->nid, r->flags);
	}
}

int mm_boot(const struct machine *m, struct zone_layout *layout,
	    struct memblock_type *reserved_out, struct printk_log *log)
{
	struct boot_params params;
	struct memblock_type memory;

	if (machine_check_span(m))
		return -1;
	if (parse_boot_cmdline(m->cmdline, m->cmdline_loc, &params))
		return -1;

	struct memblock_type reserved;

	memblock_init(&memory);
	memblock_init(&reserved);
	copy_memblock(&memory, &m->memory);
	copy_memblock(&reserved, &m->reserved);
	for (size_t i = 0; i < m->late_free.cnt; i++)
		if (!memblock_overlaps(&reserved, m->late_free.regions[i].base,
				       m->late_free.regions[i].size))
			memblock_add_node(&reserved, m->late_free.regions[i].base,
					  m->late_free.regions[i].size,
					  MAX_NUMNODES, MEMBLOCK_BOOT_ONLY);
	numa_clear_kernel_node_hotplug(&memory, &reserved);
	free_area_init(layout, m->arch, &memory, m->node_declared, &params,
		       memblock_find_dma_reserve(&reserved, m, &memory), log);
	/* The kernel's own memblock allocations, in boot order. */
	if (m->boot_allocations) {
		reserve_early_page_tables(&memory, &reserved);
		reserve_node_data(&memory, layout, &reserved);
		reserve_memmap(m, &memory, layout, &reserved);
		reserve_percpu(m, &memory, &reserved);
		reserve_hash_tables(m, &memory, layout, &reserved);
		reserve_swiotlb(m, &memory, &reserved);
	}
	for (int a = 0; a < MAX_NUMNODES; a++)
		for (int b = 0; b < MAX_NUMNODES; b++)
			layout->node_distance[a][b] =
				machine_node_distance(m, a, b);
	build_all_zonelists(layout, log);
	if (reserved_out)
		*reserved_out = reserved;
	else
		memblock_release(&reserved);
	memblock_release(&memory);
	return 0;
}
