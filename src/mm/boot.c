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
		       log);
	memblock_release(&memory);
	return 0;
}
