/*
 * buddyinfo.c - /proc/buddyinfo and /proc/pagetypeinfo (mm/vmstat.c).
 * Both list only populated zones (walk_zones_in_node with assert_populated).
 */
#include "proc/buddyinfo.h"

/* mm/vmstat.c: frag_show_print */
static void frag_show_print(FILE *out, const struct zone *zone)
{
	fprintf(out, "Node %d, zone %8s ", zone->node, zone_names[zone->type]);
	for (int order = 0; order < MAX_ORDER; order++)
		fprintf(out, "%6lu ", zone->free_area[order].nr_free);
	fputc('\n', out);
}

#define for_each_populated_zone(mm, zone)                                      \
	for (int nid_ = 0; nid_ < (mm)->layout.nr_node_ids; nid_++)           \
		for (int t_ = 0; t_ < MAX_NR_ZONES; t_++)                     \
			if (((zone) = &(mm)->layout.node_data[nid_]           \
					       .node_zones[t_]),              \
			    (mm)->layout.node_data[nid_].online &&            \
				    populated_zone(zone))

void buddyinfo_show(FILE *out, const struct mm_state *mm)
{
	const struct zone *zone;

	for_each_populated_zone(mm, zone)
		frag_show_print(out, zone);
}

/* mm/vmstat.c: pagetypeinfo_showfree_print - list lengths, capped. */
static void pagetypeinfo_showfree_print(FILE *out, const struct mm_state *mm,
					const struct zone *zone)
{
	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		fprintf(out, "Node %4d, zone %8s, type %12s ", zone->node,
			zone_names[zone->type], migratetype_names[mt]);
		for (int order = 0; order < MAX_ORDER; order++) {
			unsigned long freecount = 0;
			int overflow = 0;

			for (uint32_t i = zone->free_area[order].free_list[mt].head;
			     i != NIL; i = mm->free_blocks[i].next) {
				if (++freecount >= 100000) {
					overflow = 1;
					break;
				}
			}
			fprintf(out, "%s%6lu ", overflow ? ">" : "", freecount);
		}
		fputc('\n', out);
	}
}

void pageblock_type_counts(const struct mm_state *mm, const struct zone *zone,
			   unsigned long count[MIGRATE_TYPES])
{
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		count[mt] = 0;
	/* mm/vmstat.c: pagetypeinfo_showblockcount_print */
	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages) {
		if (page_zone(mm, pfn) != zone)
			continue;
		count[get_pageblock_migratetype(&mm->memmap, pfn)]++;
	}
}

void pagetypeinfo_show(FILE *out, const struct mm_state *mm)
{
	const struct zone *zone;

	/* One seq_file record per node with memory, as the kernel prints. */
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++) {
		const struct pglist_data *pgdat = &mm->layout.node_data[nid];

		if (!pgdat->online)
			continue;
		fprintf(out, "Page block order: %d\n", pageblock_order);
		fprintf(out, "Pages per block:  %lu\n", pageblock_nr_pages);
		fputc('\n', out);
		fprintf(out, "%-43s ", "Free pages count per migrate type at order");
		for (int order = 0; order < MAX_ORDER; order++)
			fprintf(out, "%6d ", order);
		fputc('\n', out);
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			zone = &pgdat->node_zones[t];
			if (populated_zone(zone))
				pagetypeinfo_showfree_print(out, mm, zone);
		}
		fprintf(out, "\n%-23s", "Number of blocks type ");
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			fprintf(out, "%12s ", migratetype_names[mt]);
		fputc('\n', out);
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			unsigned long count[MIGRATE_TYPES];

			zone = &pgdat->node_zones[t];
			if (!populated_zone(zone))
				continue;
			pageblock_type_counts(mm, zone, count);
			fprintf(out, "Node %d, zone %8s ", zone->node,
				zone_names[zone->type]);
			for (int mt = 0; mt < MIGRATE_TYPES; mt++)
				fprintf(out, "%12lu ", count[mt]);
			fputc('\n', out);
		}
	}
}
