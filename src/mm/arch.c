/*
 * arch.c - the architectures fragsim models: x86_64 as Debian configures
 * it (the oracle's kernel), and 32-bit x86 with HIGHMEM.
 */
#include <string.h>

#include "mm/arch.h"

const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA] = "DMA",
	[ZONE_DMA32] = "DMA32",
	[ZONE_NORMAL] = "Normal",
	[ZONE_HIGHMEM] = "HighMem",
	[ZONE_MOVABLE] = "Movable",
	[ZONE_DEVICE] = "Device",
};

/* Debian 12 amd64: ZONE_DMA, ZONE_DMA32, ZONE_DEVICE, SPARSEMEM_VMEMMAP. */
const struct arch arch_x86_64 = {
	.name = "x86_64",
	.has_zone = {
		[ZONE_DMA] = true, [ZONE_DMA32] = true, [ZONE_NORMAL] = true,
		[ZONE_MOVABLE] = true, [ZONE_DEVICE] = true,
	},
	.dma_limit = 16ULL << 20,
	.dma32_limit = 4ULL << 30,
	.lowmem_limit = 0,
	.pfn_section_shift = 27 - PAGE_SHIFT,	/* SECTION_SIZE_BITS 27 */
	.physical_start = 0x1000000,
};

/*
 * 32-bit x86 with CONFIG_HIGHMEM4G and FLATMEM: lowmem ends at 896 MiB
 * (the classic 3G/1G split with a 128 MiB vmalloc reserve); no DMA32 and
 * no ZONE_DEVICE.
 */
const struct arch arch_i386 = {
	.name = "i386",
	.has_zone = {
		[ZONE_DMA] = true, [ZONE_NORMAL] = true, [ZONE_HIGHMEM] = true,
		[ZONE_MOVABLE] = true,
	},
	.dma_limit = 16ULL << 20,
	.dma32_limit = 0,
	.lowmem_limit = 896ULL << 20,
	.pfn_section_shift = 0,
	.physical_start = 0x1000000,
};

const struct arch *arch_find(const char *name)
{
	if (!strcmp(name, arch_x86_64.name))
		return &arch_x86_64;
	if (!strcmp(name, arch_i386.name))
		return &arch_i386;
	return NULL;
}


/* arch/x86/mm/init.c: zone_sizes_init */
void arch_zone_sizes_init(const struct arch *arch, unsigned long max_pfn,
			  unsigned long max_zone_pfn[MAX_NR_ZONES])
{
	/* x86_64: init_mem_mapping sets max_low_pfn = max_pfn. */
	unsigned long max_low_pfn = max_pfn;

	if (arch->lowmem_limit)
		max_low_pfn = min_ul(max_pfn, PHYS_PFN(arch->lowmem_limit));

	memset(max_zone_pfn, 0, sizeof(unsigned long) * MAX_NR_ZONES);
	max_zone_pfn[ZONE_DMA] = min_ul(PHYS_PFN(arch->dma_limit), max_low_pfn);
	if (arch->has_zone[ZONE_DMA32])
		max_zone_pfn[ZONE_DMA32] =
			min_ul(PHYS_PFN(arch->dma32_limit), max_low_pfn);
	max_zone_pfn[ZONE_NORMAL] = max_low_pfn;
	if (arch->has_zone[ZONE_HIGHMEM])
		max_zone_pfn[ZONE_HIGHMEM] = max_pfn;
}
