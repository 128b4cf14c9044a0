/*
 * run_summary.c - what "fragsim run" prints when a run ends: requests and
 * failures by kind and order, latency percentiles, the compaction
 * counters, hugetlb pool results and pageblocks per zone with how many are
 * mixed.  Deterministic: it holds nothing that depends on the wall clock.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/run.h"
#include "mm/page_owner.h"

static void print_requests(FILE *out, const struct sim_stats *st)
{
	fprintf(out, "requests:\n  %-18s %5s %12s %12s\n", "kind", "order",
		"requests", "failed");
	for (int k = 0; k < NR_OWNER_KINDS; k++)
		for (int o = 0; o < MAX_ORDER; o++)
			if (st->requests[k][o])
				fprintf(out, "  %-18s %5d %12lu %12lu\n",
					owner_kind_names[k], o,
					st->requests[k][o],
					st->failures[k][o]);
	fprintf(out, "  share-throttled %lu, THP fallbacks to 4K %lu, "
		"pinned pages moved out of Movable %lu, frees %lu\n",
		st->throttled, st->thp_fallbacks, st->pin_migrations,
		st->frees);
}

static void print_percentiles(FILE *out, const char *what,
			      const struct latency_hist *h)
{
	static const double pct[] = { 50, 90, 99, 99.9 };
	char buf[32];

	fprintf(out, "  %-18s", what);
	for (size_t i = 0; i < sizeof(pct) / sizeof(pct[0]); i++) {
		format_duration(latency_percentile(h, pct[i]), buf,
				sizeof(buf));
		fprintf(out, " p%g %s", pct[i], buf);
	}
	format_duration(h->max, buf, sizeof(buf));
	fprintf(out, " max %s\n", buf);
}

static void print_latency(FILE *out, const struct sim_stats *st)
{
	static struct latency_hist all;

	memset(&all, 0, sizeof(all));
	for (int k = 0; k < NR_OWNER_KINDS; k++)
		latency_merge(&all, &st->latency_by_kind[k]);
	fprintf(out, "allocation latency (simulated):\n");
	print_percentiles(out, "all", &all);
	for (int k = 0; k < NR_OWNER_KINDS; k++)
		if (st->latency_by_kind[k].count)
			print_percentiles(out, owner_kind_names[k],
					  &st->latency_by_kind[k]);
	/* the p99 over every request hides the few that waited */
	memset(&all, 0, sizeof(all));
	for (int k = 0; k < NR_OWNER_KINDS; k++)
		latency_merge(&all, &st->stalled_by_kind[k]);
	if (!all.count)
		return;
	fprintf(out, "requests that waited in direct compaction or reclaim: "
		"%llu\n", (unsigned long long)all.count);
	print_percentiles(out, "all", &all);
	for (int k = 0; k < NR_OWNER_KINDS; k++)
		if (st->stalled_by_kind[k].count) {
			char what[40];

			snprintf(what, sizeof(what), "%s (%llu)",
				 owner_kind_names[k], (unsigned long long)
				 st->stalled_by_kind[k].count);
			print_percentiles(out, what, &st->stalled_by_kind[k]);
		}
}

static void print_counters(FILE *out, const struct mm_state *mm)
{
	static const int items[] = {
		COMPACTSTALL, COMPACTSUCCESS, COMPACTFAIL,
		COMPACTMIGRATE_SCANNED, COMPACTFREE_SCANNED, COMPACTISOLATED,
		PGMIGRATE_SUCCESS, PGMIGRATE_FAIL, COMPACTDEFERRED,
		KCOMPACTD_WAKE, KCOMPACTD_MIGRATE_SCANNED,
		KCOMPACTD_FREE_SCANNED, KCOMPACTD_WAKE_PROACTIVE,
		KSWAPD_WAKE, PAGEOUTRUN, PGSCAN_KSWAPD, PGSTEAL_KSWAPD,
		PGSCAN_DIRECT, PGSTEAL_DIRECT, SLABS_SCANNED, PGALLOC_FAIL,
		OOM_KILL,
		FRAGSIM_OFFLINE_ATTEMPT, FRAGSIM_OFFLINE_SUCCESS,
		FRAGSIM_ONLINE_ATTEMPT, FRAGSIM_ONLINE_SUCCESS,
	};

	fprintf(out, "vmstat:");
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		fprintf(out, "%s%s %lu", i % 4 ? ", " : "\n  ",
			vm_event_names[items[i]], mm->vm_events[items[i]]);
	fprintf(out, "\n  extfrag events %lu (fragmenting %lu, changed "
		"ownership %lu)\n", mm->extfrag.events,
		mm->extfrag.fragmenting, mm->extfrag.change_ownership);
}

static void print_pageblocks(FILE *out, const struct mm_state *mm)
{
	static const int shown[] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE,
				     MIGRATE_RECLAIMABLE };
	const struct zone_layout *l = &mm->layout;

	fprintf(out, "pageblocks (type: blocks, mixed) and allocated "
		"pages by requested type:\n");
	for (int nid = 0; nid < l->nr_node_ids; nid++) {
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			const struct zone *z = &l->node_data[nid].node_zones[t];
			struct zone_census c;

			if (!populated_zone(z))
				continue;
			zone_census(mm, z, &c);
			fprintf(out, "  Node %d, zone %8s:", nid,
				zone_names[t]);
			for (size_t i = 0; i < 3; i++)
				fprintf(out, " %s %lu, %lu;",
					migratetype_names[shown[i]],
					z->nr_pageblock[shown[i]],
					c.mixed[shown[i]]);
			fprintf(out, " free %lu\n", z->nr_free_pages);
			fprintf(out, "  %24s allocated pages:", "");
			for (size_t i = 0; i < 3; i++)
				fprintf(out, " %s %lu;",
					migratetype_names[shown[i]],
					c.allocated[shown[i]]);
			fputc('\n', out);
		}
	}
}

/*
 * Memory-block offlining per zone: attempts, blocks offlined and each
 * failure's reason, with the blocks that failed (as unplug.tsv lists them).
 */
static void print_offline(FILE *out, const struct sim_stats *st)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			unsigned long tried = 0, done = 0, busy = 0, other = 0;

			for (int i = 0; i < st->nr_offline; i++) {
				const struct offline_attempt *o =
					&st->offline[i];

				if (o->nid != nid || o->zone != z)
					continue;
				tried++;
				done += !o->err;
				busy += o->err == -EBUSY;
				other += o->err && o->err != -EBUSY;
			}
			if (!tried)
				continue;
			fprintf(out, "offline: Node %d, zone %8s: %lu "
				"attempts, %lu offlined, %lu failed (EBUSY %lu, "
				"other %lu)", nid, zone_names[z], tried, done,
				busy + other, busy, other);
			for (int i = 0; i < st->nr_offline; i++)
				if (st->offline[i].nid == nid &&
				    st->offline[i].zone == z &&
				    st->offline[i].err)
					fprintf(out, " memory%lu:%s",
						st->offline[i].block,
						offline_result_name(
							st->offline[i].err));
			fputc('\n', out);
		}
	}
}

void run_print_summary(FILE *out, const struct sim *s)
{
	const struct sim_stats *st = &s->stats;
	char buf[32];

	format_duration(s->now, buf, sizeof(buf));
	fprintf(out, "simulated %s, %llu events\n", buf,
		(unsigned long long)st->events);
	print_requests(out, st);
	print_latency(out, st);
	print_counters(out, s->mm);
	for (int i = 0; i < st->nr_hugepage_results; i++) {
		format_duration(st->hugepages[i].time, buf, sizeof(buf));
		fprintf(out, "hugetlb: nr_hugepages %lu at %s: obtained %lu "
			"(free pages before: %lu)\n",
			st->hugepages[i].requested, buf,
			st->hugepages[i].obtained,
			st->hugepages[i].free_before);
	}
	for (int i = 0; i < st->nr_oom_kills; i++) {
		format_duration(st->oom_kills[i].time, buf, sizeof(buf));
		fprintf(out, "oom-kill: process %s at %s: freed %lu pages\n",
			s->w->processes[st->oom_kills[i].process].name, buf,
			st->oom_kills[i].pages_freed);
	}
	print_offline(out, st);
	print_pageblocks(out, s->mm);
}
