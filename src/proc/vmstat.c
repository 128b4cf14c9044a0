/*
 * vmstat.c - /proc/vmstat lines for the counters fragsim keeps, named and
 * ordered as mm/vmstat.c: vmstat_text names and orders them.  Counters the
 * kernel has but fragsim does not model are left out rather than printed
 * as zero.
 */
#include "proc/vmstat.h"

void vmstat_show(FILE *out, const struct mm_state *mm)
{
	const struct arch *arch = mm->layout.arch;
	unsigned long nr_free = 0;

	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++)
			nr_free += mm->layout.node_data[nid].node_zones[t]
					   .nr_free_pages;
	fprintf(out, "nr_free_pages %lu\n", nr_free);
	/* pgalloc_<zone>, one per zone the configuration has */
	for (int t = 0; t < MAX_NR_ZONES; t++)
		if (arch->has_zone[t])
			fprintf(out, "%s %lu\n", vm_event_names[PGALLOC_DMA + t],
				mm->vm_events[PGALLOC_DMA + t]);
	fprintf(out, "%s %lu\n", vm_event_names[PGFREE], mm->vm_events[PGFREE]);
}
