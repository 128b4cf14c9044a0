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
static void zoneinfo_show_print(FILE *out, const struct proc_snapshot *ps,
				int i)
{
	const struct zone_sample *zs = &ps->t.zones[i];
	const struct proc_zone *pz = &ps->zones[i];
	int first = 1;

	fprintf(out, "Node %d, zone %8s", zs->nid, zone_names[zs->type]);
	fprintf(out, "\n  pages free     %lu"
		"\n        boost    %lu"
		"\n        min      %lu"
		"\n        low      %lu"
		"\n        high     %lu"
		"\n        spanned  %lu"
		"\n        present  %lu"
		"\n        managed  %lu"
		"\n        cma      %lu",
		zs->free_pages, zs->watermark_boost,
		zs->wmark[WMARK_MIN] + zs->watermark_boost,
		zs->wmark[WMARK_LOW] + zs->watermark_boost,
		zs->wmark[WMARK_HIGH] + zs->watermark_boost, zs->spanned,
		zs->present, zs->managed, 0UL);
	fprintf(out, "\n        protection: (");
	for (int t = 0; t < MAX_NR_ZONES; t++) {
		if (!ps->has_zone[t])
			continue;
		fprintf(out, first ? "%ld" : ", %ld", pz->lowmem_reserve[t]);
		first = 0;
	}
	fputc(')', out);
	if (!zs->present) {
		fputc('\n', out);
		return;
	}
	fprintf(out, "\n      %-12s %lu", "nr_free_pages", zs->free_pages);
	fprintf(out, "\n  pagesets");
	for (int cpu = 0; cpu < ps->nr_cpus; cpu++) {
		const struct proc_pcp *pcp = proc_snapshot_pcp(ps, i, cpu);

		fprintf(out, "\n    cpu: %i"
			"\n              count: %i"
			"\n              high:  %i"
			"\n              batch: %i",
			cpu, pcp->count, pcp->high, pcp->batch);
	}
	fprintf(out, "\n  node_unreclaimable:  %u"
		"\n  start_pfn:           %lu\n", 0u, pz->start_pfn);
}

void zoneinfo_print(FILE *out, const struct proc_snapshot *ps)
{
	for (int i = 0; i < ps->t.nr_zones; i++)
		if (ps->zones[i].node_online)
			zoneinfo_show_print(out, ps, i);
}
