/*
 * zoneinfo.c - /proc/zoneinfo text (mm/vmstat.c: zoneinfo_show_print).
 */
#include "proc/zoneinfo.h"

/* mm/vmstat.c: zoneinfo_show_print, the lines that depend on the layout */
static void zoneinfo_show_zone_layout(FILE *out, const struct zone *zone)
{
	fprintf(out, "Node %d, zone %8s\n", zone->node, zone_names[zone->type]);
	fprintf(out, "        spanned  %lu\n", zone->spanned_pages);
	fprintf(out, "        present  %lu\n", zone->present_pages);
	if (populated_zone(zone))
		fprintf(out, "  start_pfn:           %lu\n",
			zone->zone_start_pfn);
}

void zoneinfo_show_layout(FILE *out, const struct zone_layout *layout)
{
	for (int nid = 0; nid < layout->nr_node_ids; nid++) {
		const struct pglist_data *pgdat = &layout->node_data[nid];

		if (!pgdat->online)
			continue;
		for (int t = 0; t < MAX_NR_ZONES; t++)
			if (layout->arch->has_zone[t])
				zoneinfo_show_zone_layout(out,
							  &pgdat->node_zones[t]);
	}
}
