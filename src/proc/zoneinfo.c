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

/* mm/vmstat.c: zoneinfo_show_print */
static void zoneinfo_show_print(FILE *out, const struct mm_state *mm,
				const struct zone *zone)
{
	const struct arch *arch = mm->layout.arch;
	int first = 1;

	fprintf(out, "Node %d, zone %8s", zone->node, zone_names[zone->type]);
	fprintf(out, "\n  pages free     %lu"
		"\n        boost    %lu"
		"\n        min      %lu"
		"\n        low      %lu"
		"\n        high     %lu"
		"\n        spanned  %lu"
		"\n        present  %lu"
		"\n        managed  %lu"
		"\n        cma      %lu",
		zone->nr_free_pages, zone->watermark_boost,
		min_wmark_pages(zone), low_wmark_pages(zone),
		high_wmark_pages(zone), zone->spanned_pages,
		zone->present_pages, zone->managed_pages, 0UL);
	fprintf(out, "\n        protection: (");
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		if (!arch->has_zone[i])
			continue;
		fprintf(out, first ? "%ld" : ", %ld", zone->lowmem_reserve[i]);
		first = 0;
	}
	fputc(')', out);
	if (!populated_zone(zone)) {
		fputc('\n', out);
		return;
	}
	fprintf(out, "\n      %-12s %lu", "nr_free_pages", zone->nr_free_pages);
	fprintf(out, "\n  pagesets");
	for (int cpu = 0; cpu < mm->nr_cpus; cpu++) {
		const struct per_cpu_pages *pcp = zone->per_cpu_pageset ?
			&zone->per_cpu_pageset[cpu] : NULL;

		fprintf(out, "\n    cpu: %i"
			"\n              count: %i"
			"\n              high:  %i"
			"\n              batch: %i",
			cpu, pcp ? pcp->count : 0, pcp ? pcp->high : 0,
			pcp ? pcp->batch : 1);
	}
	fprintf(out, "\n  node_unreclaimable:  %u"
		"\n  start_pfn:           %lu\n", 0u, zone->zone_start_pfn);
}

void zoneinfo_show(FILE *out, const struct mm_state *mm)
{
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++) {
		const struct pglist_data *pgdat = &mm->layout.node_data[nid];

		if (!pgdat->online)
			continue;
		for (int t = 0; t < MAX_NR_ZONES; t++)
			if (mm->layout.arch->has_zone[t])
				zoneinfo_show_print(out, mm,
						    &pgdat->node_zones[t]);
	}
}
