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
static unsigned long memblock_find_dma_reserve(const struct machine *m,
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
			for (size_t r = 0; r < m->reserved.cnt; r++) {
				const struct memblock_region *rsv =
					&m->reserved.regions[r];

				if (PFN_PHYS(pfn) + PAGE_SIZE > rsv->base &&
				    PFN_PHYS(pfn) < rsv->base + rsv->size) {
					nr_reserved++;
					break;
				}
			}
	}
	return nr_pages ? nr_reserved : 0;
}

int mm_boot(const struct machine *m, struct zone_layout *layout,
	    struct printk_log *log)
{
	struct boot_params params;
	struct memblock_type memory;

	if (parse_boot_cmdline(m->cmdline, m->cmdline_loc, &params))
		return -1;

	memblock_init(&memory);
	for (size_t i = 0; i < m->memory.cnt; i++) {
		const struct memblock_region *r = &m->memory.regions[i];

		memblock_add_node(&memory, r->base, r->size, r->nid, r->flags);
	}
	numa_clear_kernel_node_hotplug(&memory, &m->reserved);
	free_area_init(layout, m->arch, &memory, m->node_declared, &params,
		       memblock_find_dma_reserve(m, &memory), log);
	for (int a = 0; a < MAX_NUMNODES; a++)
		for (int b = 0; b < MAX_NUMNODES; b++)
			layout->node_distance[a][b] =
				machine_node_distance(m, a, b);
	build_all_zonelists(layout, log);
	memblock_release(&memory);
	return 0;
}
