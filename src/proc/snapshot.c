/*
 * snapshot.c - the state the /proc printers show (see snapshot.h).
 */
#include <stdlib.h>
#include <string.h>

#include "proc/snapshot.h"
#include "util/xalloc.h"

void proc_snapshot_alloc(struct proc_snapshot *ps, int nr_zones, int nr_cpus)
{
	memset(ps, 0, sizeof(*ps));
	ps->t.nr_zones = nr_zones;
	ps->t.zones = xcalloc((size_t)(nr_zones ? nr_zones : 1),
			      sizeof(*ps->t.zones));
	ps->zones = xcalloc((size_t)(nr_zones ? nr_zones : 1),
			    sizeof(*ps->zones));
	ps->nr_cpus = nr_cpus;
	ps->pcp = xcalloc((size_t)nr_zones * (size_t)nr_cpus + 1,
			  sizeof(*ps->pcp));
}

void proc_snapshot_set_has_zone(struct proc_snapshot *ps)
{
	memset(ps->has_zone, 0, sizeof(ps->has_zone));
	for (int i = 0; i < ps->t.nr_zones; i++)
		ps->has_zone[ps->t.zones[i].type] = true;
}

void proc_snapshot_init(struct proc_snapshot *ps, const struct mm_state *mm)
{
	struct tick_sample t;

	/* tick_sample_init knows which zones a machine lists */
	tick_sample_init(&t, mm);
	proc_snapshot_alloc(ps, t.nr_zones, mm->nr_cpus);
	for (int i = 0; i < t.nr_zones; i++) {
		ps->t.zones[i].nid = t.zones[i].nid;
		ps->t.zones[i].type = t.zones[i].type;
	}
	tick_sample_release(&t);
	proc_snapshot_set_has_zone(ps);
}

static void take_zone(struct proc_snapshot *ps, int i, const struct zone *z,
		      bool node_online)
{
	struct proc_zone *pz = &ps->zones[i];

	pz->node_online = node_online;
	pz->start_pfn = z->zone_start_pfn;
	memcpy(pz->lowmem_reserve, z->lowmem_reserve,
	       sizeof(pz->lowmem_reserve));
	for (int cpu = 0; cpu < ps->nr_cpus; cpu++) {
		const struct per_cpu_pages *pcp = z->per_cpu_pageset ?
			&z->per_cpu_pageset[cpu] : NULL;
		struct proc_pcp *out = proc_snapshot_pcp(ps, i, cpu);

		/* no pageset yet: the boot pageset's values */
		out->count = pcp ? pcp->count : 0;
		out->high = pcp ? pcp->high : 0;
		out->batch = pcp ? pcp->batch : 1;
	}
}

void proc_snapshot_take(struct proc_snapshot *ps, const struct mm_state *mm)
{
	tick_sample_take(&ps->t, mm);
	for (int i = 0; i < ps->t.nr_zones; i++) {
		const struct zone_sample *zs = &ps->t.zones[i];
		const struct pglist_data *pgdat = &mm->layout.node_data[zs->nid];

		take_zone(ps, i, &pgdat->node_zones[zs->type], pgdat->online);
	}
}

void proc_snapshot_release(struct proc_snapshot *ps)
{
	free(ps->t.zones);
	free(ps->zones);
	free(ps->pcp);
	memset(ps, 0, sizeof(*ps));
}
