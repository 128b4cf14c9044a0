/*
 * frag_index.h - the kernel's measures of external fragmentation
 * (mm/vmstat.c: fill_contig_page_info, __fragmentation_index,
 * unusable_free_index), from a zone's free block counts per order.
 *
 * Both are scaled by 1000.  The fragmentation index of an order is -1000
 * when a suitable block exists, else between 0 (a request would fail for
 * lack of memory) and 1000 (it would fail from fragmentation); compaction
 * compares it with vm.extfrag_threshold.  The unusable free space index is
 * the share of free memory in blocks too small for the order.
 */
#ifndef FRAGSIM_MM_FRAG_INDEX_H
#define FRAGSIM_MM_FRAG_INDEX_H

#include "mm/mmzone.h"

struct contig_page_info {
	unsigned long free_pages;
	unsigned long free_blocks_total;
	unsigned long free_blocks_suitable;
};

/* mm/vmstat.c: fill_contig_page_info, from nr_free per order */
void fill_contig_page_info(const unsigned long nr_free[MAX_ORDER],
			   unsigned int suitable_order,
			   struct contig_page_info *info);

/* mm/vmstat.c: __fragmentation_index */
int __fragmentation_index(unsigned int order,
			  const struct contig_page_info *info);

/* mm/vmstat.c: unusable_free_index */
int unusable_free_index(unsigned int order,
			const struct contig_page_info *info);

#endif
