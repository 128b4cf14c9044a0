/*
 * vmstat.c - /proc/vmstat lines for the counters fragsim keeps, named and
 * ordered as mm/vmstat.c: vmstat_text names and orders them.  Counters the
 * kernel has but fragsim does not model are left out rather than printed
 * as zero.
 */
#include "proc/vmstat.h"

/* The events after the per-zone ones, in vmstat_text's order. */
static const enum vm_event_item after_pgskip[] = {
	PGFREE, PGSTEAL_KSWAPD, PGSTEAL_DIRECT, PGSCAN_KSWAPD, PGSCAN_DIRECT,
	SLABS_SCANNED, KSWAPD_LOW_WMARK_HIT_QUICKLY,
	KSWAPD_HIGH_WMARK_HIT_QUICKLY, PAGEOUTRUN, DROP_PAGECACHE, DROP_SLAB, OOM_KILL,
	PGMIGRATE_SUCCESS, PGMIGRATE_FAIL, COMPACTMIGRATE_SCANNED,
	COMPACTFREE_SCANNED, COMPACTISOLATED, COMPACTSTALL, COMPACTFAIL,
	COMPACTSUCCESS, KCOMPACTD_WAKE, KCOMPACTD_MIGRATE_SCANNED,
	KCOMPACTD_FREE_SCANNED,
};

/* One line per zone type the configuration has, from event first. */
static void per_zone(FILE *out, const struct proc_snapshot *ps,
		     enum vm_event_item first)
{
	for (int t = 0; t < MAX_NR_ZONES; t++)
		if (ps->has_zone[t])
			fprintf(out, "%s %lu\n", vm_event_names[first + t],
				ps->t.vm_events[first + t]);
}

/* mm/vmstat.c: vmstat_show, over vmstat_text */
void vmstat_print(FILE *out, const struct proc_snapshot *ps)
{
	unsigned long nr_free = 0;

	for (int i = 0; i < ps->t.nr_zones; i++)
		nr_free += ps->t.zones[i].free_pages;
	fprintf(out, "nr_free_pages %lu\n", nr_free);
	/* pgalloc_, allocstall_, pgskip_<zone>: one per zone configured */
	per_zone(out, ps, PGALLOC_DMA);
	per_zone(out, ps, ALLOCSTALL_DMA);
	per_zone(out, ps, PGSCAN_SKIP_DMA);
	for (size_t i = 0; i < sizeof(after_pgskip) / sizeof(after_pgskip[0]);
	     i++)
		fprintf(out, "%s %lu\n", vm_event_names[after_pgskip[i]],
			ps->t.vm_events[after_pgskip[i]]);
}
