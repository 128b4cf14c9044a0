/*
 * figures.c - the figures "fragsim report" can show for a stored run (see
 * store.h): each read from the store at a moment of the run (a tick) or
 * over the whole run, for the machine or for one zone.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mm/frag_index.h"
#include "store/internal.h"
#include "util/xalloc.h"
#include "workload/units.h"

/* Owner kinds whose failures count as unmovable allocation failures. */
#define UNMOVABLE_KINDS "('slab_unmovable', 'slab_reclaimable', " \
			"'pagetable', 'kstack', 'kernel', 'pinned')"

const struct store_figure store_figures[] = {
	{ "hugepages", "huge pages", "order-9 requests obtained plus the "
	  "largest hugetlb pool", false, false, 1, 1 },
	{ "frag_index_o9", "frag idx o9", "the fragmentation index at order "
	  "9 (-1: a free 2 MiB block exists), the kernel's formula",
	  true, true, 1, 3 },
	{ "alloc_failures", "alloc fails", "failed requests, every kind and "
	  "order", false, false, 1, 1 },
	{ "compact_stall", "compact stall", "vmstat compact_stall", false,
	  true, 1, 1 },
	{ "compact_success", "compact ok", "vmstat compact_success", false,
	  true, 1, 1 },
	{ "compact_fail", "compact fail", "vmstat compact_fail", false, true,
	  1, 1 },
	{ "p99_latency_us", "p99 lat (us)", "the 99th percentile of every "
	  "request's latency", false, false, 1e-3, 2 },
	{ "unplug_success", "unplug ok", "memory blocks offlined per "
	  "attempt", false, true, 1, 3 },
	{ "oom_kills", "oom kills", "tasks the OOM killer killed", false,
	  true, 1, 1 },
	/* beyond the default columns */
	{ "unusable_index_o9", "unusable o9", "the unusable free space "
	  "index at order 9", true, true, 1, 3 },
	{ "offlined", "offlined", "memory blocks offlined", true, false, 1,
	  1 },
	{ "offline_ebusy", "offline EBUSY", "offline attempts refused for "
	  "an unmovable page (EBUSY)", true, false, 1, 1 },
	{ "unmovable_failures", "unmov fails", "failed requests of "
	  "unmovable kinds (slab, page tables, stacks, kernel, pinned)",
	  false, false, 1, 1 },
	{ "direct_stalls", "direct stalls", "stalls in direct compaction or "
	  "direct reclaim (compact_stall + allocstall_*)", false,
	  true, 1, 1 },
	{ "stalled_requests", "stalled reqs", "requests that waited in direct "
	  "compaction or reclaim", false, false, 1, 1 },
	{ "stall_p99_us", "stall p99 (us)", "the 99th percentile latency of "
	  "those requests", false, false, 1e-3, 2 },
	{ "unmovable_blocks", "unmov blocks", "Unmovable pageblocks of the "
	  "kernel zones (every zone but Movable), as pagetypeinfo counts "
	  "them", true, true, 1, 1 },
	{ "mixed_blocks", "mixed blocks", "pageblocks of the kernel zones "
	  "holding pages of another mobility", true, true, 1, 1 },
	{ "nonmovable_blocks", "polluted blocks", "pageblocks of the kernel "
	  "zones holding an unmovable, reclaimable or reserved page (the "
	  "churn oracle's census)", true, true, 1, 1 },
	{ "free_pages", "free pages", "NR_FREE_PAGES", true, true, 1, 1 },
};

const size_t store_nr_figures = sizeof(store_figures) /
				sizeof(store_figures[0]);

int store_figure_find(const char *name)
{
	for (size_t i = 0; i < store_nr_figures; i++)
		if (!strcmp(store_figures[i].name, name))
			return (int)i;
	return -1;
}

/* One number of sql, bound to the integers args and then to text if given;
 * NAN if none or NULL. */
static double number_text(struct store *st, const char *sql,
			  const int64_t *args, int nr_args, const char *text)
{
	sqlite3_stmt *stmt = store_prepare(st, sql);
	double v = NAN;

	if (!stmt)
		return NAN;
	for (int i = 0; i < nr_args; i++)
		sqlite3_bind_int64(stmt, i + 1, args[i]);
	if (text)
		sqlite3_bind_text(stmt, nr_args + 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		v = sqlite3_column_double(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

static double number(struct store *st, const char *sql, const int64_t *args,
		     int nr_args)
{
	return number_text(st, sql, args, nr_args, NULL);
}

/* The vm event counters named like pattern, summed, at the tick. */
static double event_at(struct store *st, int64_t run, int64_t tick,
		       const char *pattern)
{
	int64_t args[2] = { run, tick };

	return number_text(st,
		"SELECT COALESCE((SELECT SUM(e.value) FROM tick_vm_events e "
		"JOIN vm_event_names n USING (event) WHERE e.run_id = ?1 AND "
		"e.tick = ?2 AND n.name LIKE ?3), 0)", args, 2, pattern);
}

/*
 * The kernel's fragmentation or unusable index at order 9 over the free
 * blocks of one zone, or of every zone together (zone -1), at the tick.
 */
double store_tick_index_o9(struct store *st, int64_t run, int64_t tick,
			   int zone, bool unusable)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT ord, SUM(nr_free) FROM tick_orders WHERE run_id = ?1 "
		"AND tick = ?2 AND (?3 < 0 OR zone_id = ?3) GROUP BY ord");
	unsigned long nr_free[MAX_ORDER] = { 0 };
	struct contig_page_info info;
	bool any = false;

	if (!stmt)
		return NAN;
	sqlite3_bind_int64(stmt, 1, run);
	sqlite3_bind_int64(stmt, 2, tick);
	sqlite3_bind_int(stmt, 3, zone);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		int ord = sqlite3_column_int(stmt, 0);

		if (ord >= 0 && ord < MAX_ORDER)
			nr_free[ord] = (unsigned long)
				       sqlite3_column_int64(stmt, 1);
		any = true;
	}
	sqlite3_finalize(stmt);
	if (!any)
		return NAN;
	fill_contig_page_info(nr_free, 9, &info);
	if (unusable)
		return unusable_free_index(9, &info) / 1000.0;
	return __fragmentation_index(9, &info) / 1000.0;
}

/* A tick_zones column summed over the kernel zones (or one zone). */
static double zone_column(struct store *st, int64_t run, int64_t tick,
			  int zone, const char *column, bool kernel_zones)
{
	static const char sql[] =
		"SELECT SUM(tz.%s) FROM tick_zones tz JOIN zones z "
		"ON z.run_id = tz.run_id AND z.zone_id = tz.zone_id "
		"WHERE tz.run_id = ?1 AND tz.tick = ?2 AND (?3 < 0 OR "
		"tz.zone_id = ?3) AND (?4 = 0 OR z.zone <> 'Movable')";
	char buf[sizeof(sql) + 64];
	int64_t args[4] = { run, tick, zone, kernel_zones && zone < 0 };

	snprintf(buf, sizeof(buf), sql, column);
	return number(st, buf, args, 4);
}

/* Pageblocks of a migratetype (or the mixed ones of every type). */
static double pageblocks(struct store *st, int64_t run, int64_t tick,
			 int zone, bool mixed)
{
	int64_t args[3] = { run, tick, zone };

	return number(st, mixed ?
		"SELECT COALESCE(SUM(p.mixed), 0) FROM tick_pageblocks p "
		"JOIN zones z ON z.run_id = p.run_id AND z.zone_id = p.zone_id "
		"WHERE p.run_id = ?1 AND p.tick = ?2 AND (?3 < 0 AND "
		"z.zone <> 'Movable' OR p.zone_id = ?3)" :
		"SELECT COALESCE(SUM(p.pageblocks), 0) FROM tick_pageblocks p "
		"JOIN zones z ON z.run_id = p.run_id AND z.zone_id = p.zone_id "
		"JOIN migratetypes m USING (migratetype) WHERE p.run_id = ?1 "
		"AND p.tick = ?2 AND m.name = 'Unmovable' AND (?3 < 0 AND "
		"z.zone <> 'Movable' OR p.zone_id = ?3)", args, 3);
}

/* run_offline rows of the zone (every zone: -1) with result. */
static double offline_count(struct store *st, int64_t run, int zone,
			    const char *result)
{
	int64_t args[2] = { run, zone };

	return number_text(st,
		"SELECT COUNT(*) FROM run_offline o WHERE o.run_id = ?1 AND "
		"o.result = ?3 AND (?2 < 0 OR EXISTS (SELECT 1 FROM zones z "
		"WHERE z.run_id = o.run_id AND z.zone_id = ?2 AND "
		"z.nid = o.node AND z.zone = o.zone))", args, 2, result);
}

double store_figure_value(struct store *st, int64_t run, int64_t tick,
			  size_t figure, int zone)
{
	const char *name = store_figures[figure].name;
	int64_t args[1] = { run };
	double a, b;

	if (!strcmp(name, "hugepages")) {
		a = number(st, "SELECT COALESCE(SUM(requests - failures), 0) "
			   "FROM run_requests WHERE run_id = ?1 AND ord = 9",
			   args, 1);
		b = number(st, "SELECT COALESCE(MAX(obtained), 0) FROM "
			   "run_hugepages WHERE run_id = ?1", args, 1);
		return a + b;
	}
	if (!strcmp(name, "frag_index_o9"))
		return store_tick_index_o9(st, run, tick, zone, false);
	if (!strcmp(name, "unusable_index_o9"))
		return store_tick_index_o9(st, run, tick, zone, true);
	if (!strcmp(name, "alloc_failures"))
		return number(st, "SELECT COALESCE(SUM(failures), 0) FROM "
			      "run_requests WHERE run_id = ?1", args, 1);
	if (!strcmp(name, "unmovable_failures"))
		return number(st, "SELECT COALESCE(SUM(failures), 0) FROM "
			      "run_requests WHERE run_id = ?1 AND kind IN "
			      UNMOVABLE_KINDS, args, 1);
	if (!strcmp(name, "compact_stall") || !strcmp(name, "compact_success") ||
	    !strcmp(name, "compact_fail"))
		return event_at(st, run, tick, name);
	if (!strcmp(name, "direct_stalls"))
		return event_at(st, run, tick, "compact_stall") +
		       event_at(st, run, tick, "allocstall%");
	if (!strcmp(name, "oom_kills"))
		return event_at(st, run, tick, "oom_kill");
	if (!strcmp(name, "stalled_requests")) {
		a = number(st, "SELECT count FROM run_latency WHERE run_id = ?1 "
			   "AND kind = 'stalled_all'", args, 1);
		return isnan(a) ? 0 : a;
	}
	if (!strcmp(name, "stall_p99_us"))
		return number(st, "SELECT p99_ns FROM run_latency WHERE "
			      "run_id = ?1 AND kind = 'stalled_all'", args, 1);
	if (!strcmp(name, "p99_latency_us"))
		return number(st, "SELECT p99_ns FROM run_latency WHERE "
			      "run_id = ?1 AND kind = 'all'", args, 1);
	if (!strcmp(name, "unplug_success")) {
		a = event_at(st, run, tick, "fragsim_offline_attempt");
		return a > 0 ? event_at(st, run, tick,
					"fragsim_offline_success") / a : NAN;
	}
	if (!strcmp(name, "offlined"))
		return offline_count(st, run, zone, "offlined");
	if (!strcmp(name, "offline_ebusy"))
		return offline_count(st, run, zone, "EBUSY");
	if (!strcmp(name, "unmovable_blocks"))
		return pageblocks(st, run, tick, zone, false);
	if (!strcmp(name, "mixed_blocks"))
		return pageblocks(st, run, tick, zone, true);
	if (!strcmp(name, "nonmovable_blocks"))
		return zone_column(st, run, tick, zone, "nonmovable_blocks",
				   true);
	if (!strcmp(name, "free_pages"))
		return zone_column(st, run, tick, zone, "free_pages", false);
	return NAN;
}

/* "NAME" or "NAME#N": the name and the occurrence (from 1). */
static void occurrence(const char *s, char *name, size_t len, int64_t *nth)
{
	const char *hash = strrchr(s, '#');
	char *end;

	*nth = 1;
	if (hash && hash[1]) {
		long long n = strtoll(hash + 1, &end, 10);

		if (!*end && n > 0) {
			*nth = n;
			snprintf(name, len, "%.*s", (int)(hash - s), s);
			return;
		}
	}
	snprintf(name, len, "%s", s);
}

int store_moment_tick(struct store *st, int64_t run, const char *moment,
		      int64_t *tick)
{
	static const struct {
		const char *prefix, *kind;
	} kinds[] = {
		{ "phase-start:", "phase_start" },
		{ "phase-end:", "phase_end" },
		{ "action:", "action_start" },
		{ "first-failure:", "first_failure" },
	};
	int64_t args[1] = { run };
	double v = NAN;

	if (!strcmp(moment, "end")) {
		v = number(st, "SELECT MAX(tick) FROM ticks WHERE run_id = ?1",
			   args, 1);
	} else if (!strcmp(moment, "start")) {
		v = number(st, "SELECT MIN(tick) FROM ticks WHERE run_id = ?1",
			   args, 1);
	} else if (!strncmp(moment, "time:", 5)) {
		sim_time_t t;
		int64_t targs[2] = { run, 0 };

		if (parse_duration(moment + 5, &t))
			return -1;
		targs[1] = (int64_t)t;
		v = number(st, "SELECT MAX(tick) FROM ticks WHERE run_id = ?1 "
			   "AND time_ns <= ?2", targs, 2);
	} else {
		for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
			size_t n = strlen(kinds[i].prefix);
			sqlite3_stmt *stmt;
			char name[256];
			int64_t nth;

			if (strncmp(moment, kinds[i].prefix, n))
				continue;
			occurrence(moment + n, name, sizeof(name), &nth);
			stmt = store_prepare(st, "SELECT tick FROM run_moments "
				"WHERE run_id = ?1 AND kind = ?2 AND name = ?3 "
				"ORDER BY seq LIMIT 1 OFFSET ?4");
			if (!stmt)
				return -1;
			sqlite3_bind_int64(stmt, 1, run);
			sqlite3_bind_text(stmt, 2, kinds[i].kind, -1,
					  SQLITE_STATIC);
			sqlite3_bind_text(stmt, 3, name, -1, SQLITE_STATIC);
			sqlite3_bind_int64(stmt, 4, nth - 1);
			if (sqlite3_step(stmt) == SQLITE_ROW)
				v = (double)sqlite3_column_int64(stmt, 0);
			sqlite3_finalize(stmt);
			break;
		}
		if (isnan(v) && !strchr(moment, ':'))
			return -1;
	}
	if (isnan(v))
		return 1;
	*tick = (int64_t)v;
	return 0;
}

bool store_moment_valid(const char *moment)
{
	static const char *const forms[] = {
		"phase-start:", "phase-end:", "action:", "first-failure:",
	};
	sim_time_t t;

	if (!strcmp(moment, "end") || !strcmp(moment, "start"))
		return true;
	if (!strncmp(moment, "time:", 5))
		return !parse_duration(moment + 5, &t);
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (!strncmp(moment, forms[i], strlen(forms[i])) &&
		    moment[strlen(forms[i])])
			return true;
	return false;
}

int store_run_zones(struct store *st, int64_t run, struct store_zone **out,
		    size_t *n)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT zone_id, nid, zone "
		"FROM zones z WHERE run_id = ?1 AND EXISTS (SELECT 1 FROM "
		"tick_zones t WHERE t.run_id = z.run_id AND t.zone_id = "
		"z.zone_id AND t.present > 0) ORDER BY zone_id");

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct store_zone *z;

		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		z = &(*out)[(*n)++];
		z->zone_id = sqlite3_column_int(stmt, 0);
		snprintf(z->name, sizeof(z->name), "%d/%s",
			 sqlite3_column_int(stmt, 1),
			 (const char *)sqlite3_column_text(stmt, 2));
	}
	sqlite3_finalize(stmt);
	return 0;
}
