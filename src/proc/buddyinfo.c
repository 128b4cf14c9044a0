/*
 * buddyinfo.c - /proc/buddyinfo and /proc/pagetypeinfo (mm/vmstat.c).
 * Both list only populated zones (walk_zones_in_node with assert_populated).
 * The counts are the ones the model keeps per free list and per pageblock
 * type; the invariant checker holds them equal to a walk of the lists and
 * of the pageblocks, which is what the kernel's printers do.
 */
#include "proc/buddyinfo.h"

/* The zone is listed: its node is online and it has present pages. */
static bool listed(const struct proc_snapshot *ps, int i)
{
	return ps->zones[i].node_online && ps->t.zones[i].present;
}

/* mm/vmstat.c: frag_show_print */
static void frag_show_print(FILE *out, const struct zone_sample *zs)
{
	fprintf(out, "Node %d, zone %8s ", zs->nid, zone_names[zs->type]);
	for (int order = 0; order < MAX_ORDER; order++) {
		unsigned long nr_free = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			nr_free += zs->nr_free[order][mt];
		fprintf(out, "%6lu ", nr_free);
	}
	fputc('\n', out);
}

void buddyinfo_print(FILE *out, const struct proc_snapshot *ps)
{
	for (int i = 0; i < ps->t.nr_zones; i++)
		if (listed(ps, i))
			frag_show_print(out, &ps->t.zones[i]);
}

/* mm/vmstat.c: pagetypeinfo_showfree_print - list lengths, capped at
 * 100000 entries (the kernel stops walking there and prints ">"). */
static void pagetypeinfo_showfree_print(FILE *out, const struct zone_sample *zs)
{
	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		fprintf(out, "Node %4d, zone %8s, type %12s ", zs->nid,
			zone_names[zs->type], migratetype_names[mt]);
		for (int order = 0; order < MAX_ORDER; order++) {
			unsigned long n = zs->nr_free[order][mt];

			fprintf(out, "%s%6lu ", n >= 100000 ? ">" : "",
				n >= 100000 ? 100000UL : n);
		}
		fputc('\n', out);
	}
}

/* mm/vmstat.c: pagetypeinfo_showblockcount_print */
static void pagetypeinfo_showblockcount_print(FILE *out,
					      const struct zone_sample *zs)
{
	fprintf(out, "Node %d, zone %8s ", zs->nid, zone_names[zs->type]);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		fprintf(out, "%12lu ", zs->nr_pageblock[mt]);
	fputc('\n', out);
}

/* mm/vmstat.c: pagetypeinfo_show - one seq_file record per online node;
 * the zones of a node are consecutive in the snapshot. */
void pagetypeinfo_print(FILE *out, const struct proc_snapshot *ps)
{
	for (int first = 0, end; first < ps->t.nr_zones; first = end) {
		int nid = ps->t.zones[first].nid;

		for (end = first; end < ps->t.nr_zones &&
		     ps->t.zones[end].nid == nid; end++)
			;
		if (!ps->zones[first].node_online)
			continue;
		fprintf(out, "Page block order: %d\n", pageblock_order);
		fprintf(out, "Pages per block:  %lu\n", pageblock_nr_pages);
		fputc('\n', out);
		fprintf(out, "%-43s ", "Free pages count per migrate type at order");
		for (int order = 0; order < MAX_ORDER; order++)
			fprintf(out, "%6d ", order);
		fputc('\n', out);
		for (int i = first; i < end; i++)
			if (listed(ps, i))
				pagetypeinfo_showfree_print(out, &ps->t.zones[i]);
		fprintf(out, "\n%-23s", "Number of blocks type ");
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			fprintf(out, "%12s ", migratetype_names[mt]);
		fputc('\n', out);
		for (int i = first; i < end; i++)
			if (listed(ps, i))
				pagetypeinfo_showblockcount_print(out,
								  &ps->t.zones[i]);
	}
}
