/*
 * blocks.c - frag --blockscan's OUTPREFIX.blocks (../shared/oracle/tools/
 * frag.c), from the model: see blocks.h.  frag walks pfns from 0 to the
 * end of the highest zone a pageblock at a time and names each block by
 * the first zone of /proc/zoneinfo whose span it overlaps; so does this.
 */
#include "mm/blockscan.h"
#include "proc/blocks.h"

/* The first zone in zoneinfo's order (node, then type) overlapping
 * [pfn, pfn + pageblock_nr_pages), or NULL. */
static const struct zone *block_zone(const struct mm_state *mm,
				     unsigned long pfn)
{
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++) {
		const struct pglist_data *pgdat = &mm->layout.node_data[nid];

		if (!pgdat->online)
			continue;
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			const struct zone *z = &pgdat->node_zones[t];

			if (z->spanned_pages &&
			    pfn + pageblock_nr_pages > z->zone_start_pfn &&
			    pfn < zone_end_pfn(z))
				return z;
		}
	}
	return NULL;
}

void blocks_print(FILE *out, const struct mm_state *mm)
{
	unsigned long end = 0;

	fputs("block_pfn\tzone", out);
	for (int c = 0; c < NR_BLOCKSCAN_CLASSES; c++)
		fprintf(out, "\t%s", blockscan_class_names[c]);
	fputc('\n', out);
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			const struct zone *z = &mm->layout.node_data[nid]
						.node_zones[t];

			if (z->spanned_pages && zone_end_pfn(z) > end)
				end = zone_end_pfn(z);
		}
	for (unsigned long pfn = 0; pfn < end; pfn += pageblock_nr_pages) {
		const struct zone *z = block_zone(mm, pfn);
		unsigned long counts[NR_BLOCKSCAN_CLASSES];

		if (!z)
			continue;
		blockscan_pageblock(mm, pfn, counts);
		fprintf(out, "%lu\t%s", pfn, zone_names[z->type]);
		for (int c = 0; c < NR_BLOCKSCAN_CLASSES; c++)
			fprintf(out, "\t%lu", counts[c]);
		fputc('\n', out);
	}
}
