/*
 * snapshot.h - everything the /proc printers show of a machine at one
 * moment: a tick sample (metrics.h) and the few per-zone and per-CPU lines
 * zoneinfo prints besides.  The printers read only this, so a state taken
 * from a live machine and one read back from the result store print the
 * same text by construction.
 */
#ifndef FRAGSIM_PROC_SNAPSHOT_H
#define FRAGSIM_PROC_SNAPSHOT_H

#include <stdbool.h>

#include "metrics/metrics.h"

/* A CPU's pageset of a zone, as zoneinfo prints it. */
struct proc_pcp {
	int count, high, batch;
};

/* What zoneinfo prints of a zone beyond its zone_sample. */
struct proc_zone {
	bool node_online;		/* its node is listed at all */
	unsigned long start_pfn;
	long lowmem_reserve[MAX_NR_ZONES];	/* "protection:" */
};

struct proc_snapshot {
	struct tick_sample t;
	struct proc_zone *zones;	/* parallel to t.zones */
	int nr_cpus;
	struct proc_pcp *pcp;		/* [zone * nr_cpus + cpu] */
	bool has_zone[MAX_NR_ZONES];	/* the zone types configured */
};

/* Size ps for nr_zones zones (nid and type set by the caller) and nr_cpus. */
void proc_snapshot_alloc(struct proc_snapshot *ps, int nr_zones, int nr_cpus);

/* Size ps for mm's zones and CPUs. */
void proc_snapshot_init(struct proc_snapshot *ps, const struct mm_state *mm);

/* Fill ps (sized by proc_snapshot_init) from mm now; O(zones x CPUs). */
void proc_snapshot_take(struct proc_snapshot *ps, const struct mm_state *mm);

/* Derive has_zone from the zone list (every node has every type configured). */
void proc_snapshot_set_has_zone(struct proc_snapshot *ps);

void proc_snapshot_release(struct proc_snapshot *ps);

static inline struct proc_pcp *proc_snapshot_pcp(const struct proc_snapshot *ps,
						 int zone, int cpu)
{
	return &ps->pcp[zone * ps->nr_cpus + cpu];
}

#endif
