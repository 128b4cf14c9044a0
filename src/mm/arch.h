/*
 * arch.h - what an architecture decides about physical memory: which zones
 * exist, where their limits lie, and how sparsemem sections are sized.
 */
#ifndef FRAGSIM_MM_ARCH_H
#define FRAGSIM_MM_ARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/mmzone.h"

struct arch {
	const char *name;
	/* Zone types this configuration has, in index order. */
	bool has_zone[MAX_NR_ZONES];
	uint64_t dma_limit;		/* MAX_DMA_PFN << PAGE_SHIFT */
	uint64_t dma32_limit;		/* MAX_DMA32_PFN << PAGE_SHIFT, 0: none */
	uint64_t lowmem_limit;		/* 32-bit: end of lowmem (MAXMEM), 0: none */
	/* log2 of pages per sparsemem section; 0 for FLATMEM. */
	unsigned int pfn_section_shift;
	/* CONFIG_PHYSICAL_START: where a nokaslr kernel image is loaded. */
	uint64_t physical_start;
};

extern const struct arch arch_x86_64;
extern const struct arch arch_i386;

/* Look an architecture up by name ("x86_64", "i386"); NULL if unknown. */
const struct arch *arch_find(const char *name);

/*
 * arch/x86/mm/init.c: zone_sizes_init - the highest pfn of every zone,
 * given the end of RAM.  Zones the architecture lacks get 0.
 */
void arch_zone_sizes_init(const struct arch *arch, unsigned long max_pfn,
			  unsigned long max_zone_pfn[MAX_NR_ZONES]);

static inline unsigned long arch_pages_per_section(const struct arch *arch)
{
	return arch->pfn_section_shift ? 1UL << arch->pfn_section_shift : 0;
}

#endif
