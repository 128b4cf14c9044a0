/*
 * blocks.c - frag --blockscan's OUTPREFIX.blocks (../shared/oracle/tools/
 * frag.c), from the model: see blocks.h.  frag walks pfns from 0 to the
 * end of the highest zone a pageblock at a time and names each block by
 * the first zone of /proc/zoneinfo whose span it overlaps; so does this.
 */
#include <stdlib.h>

#include "mm/blockscan.h"
#include "proc/blocks.h"
#include "util/xalloc.h"

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

/* The end of the highest zone that spans pages: where frag stops. */
static unsigned long blocks_end(const struct mm_state *mm)
{
	unsigned long end = 0;

	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			const struct zone *z = &mm->layout.node_data[nid]
						.node_zones[t];

			if (z->spanned_pages && zone_end_pfn(z) > end)
				end = zone_end_pfn(z);
		}
	return end;
}

void blocks_print(FILE *out, const struct mm_state *mm)
{
	const unsigned long end = blocks_end(mm);

	fputs("block_pfn\tzone", out);
	for (int c = 0; c < NR_BLOCKSCAN_CLASSES; c++)
		fprintf(out, "\t%s", blockscan_class_names[c]);
	fputc('\n', out);
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

void blocks_print_owners(FILE *out, const struct mm_state *mm,
			 const char *const *names, unsigned int nr)
{
	const unsigned long end = blocks_end(mm);
	unsigned long *by = xcalloc(nr ? nr : 1, sizeof(*by));

	fputs("block_pfn\tzone\tfree\tunheld", out);
	for (unsigned int i = 0; i < nr; i++)
		fprintf(out, "\t%s", names[i]);
	fputc('\n', out);
	for (unsigned long pfn = 0; pfn < end; pfn += pageblock_nr_pages) {
		const struct zone *z = block_zone(mm, pfn);
		unsigned long unheld, nfree;

		if (!z)
			continue;
		blockscan_holders(mm, pfn, by, nr, &unheld, &nfree);
		fprintf(out, "%lu\t%s\t%lu\t%lu", pfn, zone_names[z->type],
			nfree, unheld);
		for (unsigned int i = 0; i < nr; i++)
			fprintf(out, "\t%lu", by[i]);
		fputc('\n', out);
	}
	free(by);
}
