/*
 * blockscan.h - a census of each pageblock's pages as the oracle's
 * "frag --blockscan" takes it from /proc/kpageflags and /proc/kpagecount
 * (../shared/oracle/tools/frag.c), so that fragsim's pageblocks can be set
 * beside a real kernel's, block by block.
 */
#ifndef FRAGSIM_MM_BLOCKSCAN_H
#define FRAGSIM_MM_BLOCKSCAN_H

#include "mm/page_alloc.h"

/* frag's classes, in its column order and with its precedence. */
enum blockscan_class {
	BLOCKSCAN_NOPAGE,	/* no struct page: outside the memory map */
	BLOCKSCAN_FREE,		/* KPF_BUDDY, or mapcount 0 and no flag below */
	BLOCKSCAN_LRU,		/* KPF_LRU without KPF_UNEVICTABLE */
	BLOCKSCAN_UNEVICTABLE,	/* KPF_LRU with KPF_UNEVICTABLE */
	BLOCKSCAN_SLAB,		/* KPF_SLAB */
	BLOCKSCAN_PGTABLE,	/* KPF_PGTABLE */
	BLOCKSCAN_RESERVED,	/* KPF_RESERVED */
	BLOCKSCAN_HUGE,		/* KPF_HUGE: hugetlb */
	BLOCKSCAN_OTHER,	/* mapped, none of the flags above */
	NR_BLOCKSCAN_CLASSES
};

extern const char *const blockscan_class_names[NR_BLOCKSCAN_CLASSES];

/*
 * fs/proc/page.c: stable_page_flags and kpagecount, read as frag's
 * blockscan reads them: count the pages of the pageblock starting at
 * block_pfn (pageblock aligned) by class into counts, which sum to
 * pageblock_nr_pages.
 */
void blockscan_pageblock(const struct mm_state *mm, unsigned long block_pfn,
			 unsigned long counts[NR_BLOCKSCAN_CLASSES]);

/*
 * Who holds the pages of the pageblock at block_pfn: each allocated
 * block's pages counted by the holder its record names (page_block.holder,
 * the engine's generator: by_holder[holder], for holders below
 * nr_holders), else as unheld (no holder now, a block without a record,
 * a reserved frame); every other page (free, on a pcp list, isolated, a
 * hole) as free.  by_holder[0..nr_holders), *unheld and *free sum to
 * pageblock_nr_pages.  A census the kernel cannot take: fragsim's side of
 * a capture whose programs list their own pages (kernel-capture.sh -M).
 */
void blockscan_holders(const struct mm_state *mm, unsigned long block_pfn,
		       unsigned long *by_holder, unsigned int nr_holders,
		       unsigned long *unheld, unsigned long *free);

#endif
