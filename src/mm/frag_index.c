/*
 * frag_index.c - fragmentation index and unusable free space index
 * (mm/vmstat.c, Linux 6.1), in the kernel's integer arithmetic.
 */
#include "mm/frag_index.h"

void fill_contig_page_info(const unsigned long nr_free[MAX_ORDER],
			   unsigned int suitable_order,
			   struct contig_page_info *info)
{
	info->free_pages = 0;
	info->free_blocks_total = 0;
	info->free_blocks_suitable = 0;
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = nr_free[order];

		info->free_blocks_total += blocks;
		info->free_pages += blocks << order;
		if (order >= suitable_order)
			info->free_blocks_suitable +=
				blocks << (order - suitable_order);
	}
}

int __fragmentation_index(unsigned int order,
			  const struct contig_page_info *info)
{
	unsigned long long requested = 1ULL << order;

	if (order >= MAX_ORDER)
		return 0;
	if (!info->free_blocks_total)
		return 0;
	/* Fragmentation index only makes sense when a request would fail */
	if (info->free_blocks_suitable)
		return -1000;
	return 1000 - (int)((1000 + (info->free_pages * 1000ULL / requested)) /
			    info->free_blocks_total);
}

int unusable_free_index(unsigned int order,
			const struct contig_page_info *info)
{
	/* No free memory is interpreted as all free memory is unusable */
	if (info->free_pages == 0)
		return 1000;
	return (int)((info->free_pages - (info->free_blocks_suitable << order)) *
		     1000ULL / info->free_pages);
}
