/*
 * series.c - the stored runs reshaped for the gnuplot scripts of
 * analysis/: one TSV per picture, in the columns and units each script's
 * header names (time in seconds, memory in MiB, the indices as the
 * kernel's values / 1000), and the titles that say which run it is.
 */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/metrics.h"
#include "mm/frag_index.h"
#include "store/internal.h"
#include "util/diag.h"
#include "util/stats.h"
#include "util/xalloc.h"

/* MiB per page of 4 KiB */
#define PAGE_MIB	(1.0 / 256.0)

/* the order of a 2 MiB huge page, the sweep's headline */

static char *str_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static char *str_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		fputs("fragsim: out of memory\n", stderr);
		abort();
	}
	return s;
}

/* sql with the run bound to ?1 and an integer to ?2 (if n == 2). */
static sqlite3_stmt *prepare_run(struct store *st, const char *sql,
				 int64_t run, int64_t arg2, int n)
{
	sqlite3_stmt *stmt = store_prepare(st, sql);

	if (stmt) {
		sqlite3_bind_int64(stmt, 1, run);
		if (n == 2)
			sqlite3_bind_int64(stmt, 2, arg2);
	}
	return stmt;
}

/* Finish stepping stmt (rc its last step's result); 0 or -1 reported. */
static int finish(struct store *st, sqlite3_stmt *stmt, int rc)
{
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_error(st, "reading the plot data");
	return 0;
}

int store_plot_zones(struct store *st, int64_t run,
		     struct store_plot_zone **zones)
{
	sqlite3_stmt *stmt = prepare_run(st,
		"SELECT z.zone_id, z.nid, z.zone FROM zones z "
		"WHERE z.run_id = ?1 AND EXISTS (SELECT 1 FROM tick_orders o "
		"WHERE o.run_id = z.run_id AND o.zone_id = z.zone_id) "
		"ORDER BY z.zone_id", run, 0, 1);
	size_t n = 0, cap = 0;
	int rc;

	*zones = NULL;
	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_plot_zone *z;

		if (n == cap)
			*zones = xgrow(*zones, &cap, n + 1, sizeof(**zones));
		z = &(*zones)[n++];
		z->zone_id = sqlite3_column_int(stmt, 0);
		z->nid = sqlite3_column_int(stmt, 1);
		snprintf(z->name, sizeof(z->name), "%s",
			 (const char *)sqlite3_column_text(stmt, 2));
	}
	if (finish(st, stmt, rc)) {
		free(*zones);
		*zones = NULL;
		return -1;
	}
	return (int)n;
}

/* The last path component, without ".ini". */
static void model_name(char *buf, size_t len, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".ini"))
		n -= 4;
	snprintf(buf, len, "%.*s", (int)n, base);
}

char *store_run_title(struct store *st, int64_t run)
{
	sqlite3_stmt *stmt = prepare_run(st,
		"SELECT r.workload_name, r.model_path, r.seed, r.status, "
		"(SELECT group_concat(key || '=' || value, ' ') FROM "
		"(SELECT key, value FROM run_sets s WHERE s.run_id = r.run_id "
		"ORDER BY position)) FROM runs r WHERE r.run_id = ?1",
		run, 0, 1);
	char model[128], *title = NULL;
	const char *sets, *status;

	if (!stmt)
		return NULL;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		model_name(model, sizeof(model),
			   (const char *)sqlite3_column_text(stmt, 1));
		sets = (const char *)sqlite3_column_text(stmt, 4);
		status = (const char *)sqlite3_column_text(stmt, 3);
		title = str_printf("run %" PRId64 ": workload %s on %s, seed "
				  "%lld%s%s%s%s", run,
				  sqlite3_column_text(stmt, 0), model,
				  (long long)sqlite3_column_int64(stmt, 2),
				  sets ? ", " : "", sets ? sets : "",
				  strcmp(status, "complete") ? ", " : "",
				  strcmp(status, "complete") ? status : "");
	} else {
		diag_error(DIAG_LOC(st->path, 0), "no run %" PRId64
			   " in the database", run);
	}
	sqlite3_finalize(stmt);
	return title;
}

char *store_run_sweep(struct store *st, int64_t run)
{
	sqlite3_stmt *stmt = prepare_run(st, "SELECT sweep_id FROM runs "
					 "WHERE run_id = ?1", run, 0, 1);
	char *id = NULL;

	if (stmt && sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		id = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return id;
}

char *store_run_phases(struct store *st, int64_t run)
{
	sqlite3_stmt *stmt = prepare_run(st,
		"SELECT p.name, CASE WHEN p.phase = 0 THEN "
		"(SELECT MIN(time_ns) FROM ticks t WHERE t.run_id = p.run_id) "
		"WHEN EXISTS (SELECT 1 FROM ticks t WHERE t.run_id = "
		"p.run_id AND t.phase >= p.phase) "
		"THEN (SELECT MAX(time_ns) FROM ticks t WHERE t.run_id = "
		"p.run_id AND t.phase = p.phase - 1) END FROM phases p "
		"WHERE p.run_id = ?1 ORDER BY p.phase", run, 0, 1);
	char *buf = NULL;
	bool first = true;
	size_t len = 0;
	FILE *f;
	int rc;

	if (!stmt)
		return NULL;
	f = open_memstream(&buf, &len);
	if (!f) {
		fputs("fragsim: out of memory\n", stderr);
		abort();
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);

		/* a phase never reached has no start */
		if (sqlite3_column_type(stmt, 1) == SQLITE_NULL)
			continue;
		fprintf(f, "%s%.9g ", first ? "" : " ",
			(double)sqlite3_column_int64(stmt, 1) / 1e9);
		first = false;
		/* one word each: gnuplot's word() splits at blanks */
		for (; *name; name++)
			fputc(*name == ' ' || *name == '\t' ? '_' : *name, f);
	}
	fclose(f);
	if (finish(st, stmt, rc)) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* --- per tick, per order --- */

/* The column names of the per-order series: the block size with it. */
static void put_order_header(FILE *out)
{
	static const char *const size[MAX_ORDER] = {
		"4 KiB", "8 KiB", "16 KiB", "32 KiB", "64 KiB", "128 KiB",
		"256 KiB", "512 KiB", "1 MiB", "2 MiB", "4 MiB",
	};

	fputs("time_s", out);
	for (int o = 0; o < MAX_ORDER; o++)
		fprintf(out, "\t%d (%s)", o, size[o]);
	fputc('\n', out);
}

/*
 * One line per tick from rows (tick, time_s, ord, value) ordered by tick:
 * ord NULL (a tick at which the zone has no free lists: it is empty) leaves
 * a column at empty[ord].  value is scaled by scale.
 */
static int put_order_rows(struct store *st, sqlite3_stmt *stmt,
			  const double empty[MAX_ORDER], double scale,
			  FILE *out)
{
	double row[MAX_ORDER];
	int64_t tick = -1;
	double time = 0;
	int rc;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(stmt, 0);
		int o = sqlite3_column_int(stmt, 2);

		if (t != tick) {
			for (int i = 0; tick >= 0 && i < MAX_ORDER; i++)
				fprintf(out, "%s%.6g", i ? "\t" : "", row[i]);
			if (tick >= 0)
				fputc('\n', out);
			tick = t;
			time = sqlite3_column_double(stmt, 1);
			fprintf(out, "%.9g\t", time);
			memcpy(row, empty, sizeof(row));
		}
		if (sqlite3_column_type(stmt, 2) != SQLITE_NULL &&
		    o >= 0 && o < MAX_ORDER)
			row[o] = sqlite3_column_double(stmt, 3) * scale;
	}
	for (int i = 0; tick >= 0 && i < MAX_ORDER; i++)
		fprintf(out, "%s%.6g", i ? "\t" : "", row[i]);
	if (tick >= 0)
		fputc('\n', out);
	return finish(st, stmt, rc);
}

/* The indices of an empty zone, as the kernel computes them. */
static void empty_indices(double fi[MAX_ORDER], double ui[MAX_ORDER])
{
	unsigned long nr_free[MAX_ORDER] = { 0 };
	struct contig_page_info info;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		fill_contig_page_info(nr_free, o, &info);
		fi[o] = __fragmentation_index(o, &info) / 1000.0;
		ui[o] = unusable_free_index(o, &info) / 1000.0;
	}
}

int store_series_index(struct store *st, int64_t run, int zone_id,
		       bool unusable, FILE *out)
{
	double fi[MAX_ORDER], ui[MAX_ORDER];
	sqlite3_stmt *stmt = prepare_run(st, unusable ?
		"SELECT t.tick, t.time_ns / 1e9, o.ord, o.unusable_index "
		"FROM ticks t LEFT JOIN tick_orders o ON o.run_id = t.run_id "
		"AND o.tick = t.tick AND o.zone_id = ?2 WHERE t.run_id = ?1 "
		"ORDER BY t.tick, o.ord" :
		"SELECT t.tick, t.time_ns / 1e9, o.ord, o.frag_index "
		"FROM ticks t LEFT JOIN tick_orders o ON o.run_id = t.run_id "
		"AND o.tick = t.tick AND o.zone_id = ?2 WHERE t.run_id = ?1 "
		"ORDER BY t.tick, o.ord", run, zone_id, 2);

	empty_indices(fi, ui);
	put_order_header(out);
	return put_order_rows(st, stmt, unusable ? ui : fi, 1 / 1000.0, out);
}

int store_series_free(struct store *st, int64_t run, int zone_id,
		      bool by_migratetype, FILE *out)
{
	static const double none[MAX_ORDER];
	sqlite3_stmt *stmt;
	int rc;

	if (!by_migratetype) {
		stmt = prepare_run(st,
			"SELECT t.tick, t.time_ns / 1e9, o.ord, "
			"o.nr_free << o.ord FROM ticks t LEFT JOIN tick_orders o "
			"ON o.run_id = t.run_id AND o.tick = t.tick "
			"AND o.zone_id = ?2 WHERE t.run_id = ?1 "
			"ORDER BY t.tick, o.ord", run, zone_id, 2);
		put_order_header(out);
		return put_order_rows(st, stmt, none, PAGE_MIB, out);
	}
	stmt = prepare_run(st,
		"SELECT t.time_ns / 1e9, "
		"COALESCE(SUM(o.free_unmovable << o.ord), 0), "
		"COALESCE(SUM(o.free_movable << o.ord), 0), "
		"COALESCE(SUM(o.free_reclaimable << o.ord), 0), "
		"COALESCE(SUM(o.free_highatomic << o.ord), 0), "
		"COALESCE(SUM(o.free_isolate << o.ord), 0) "
		"FROM ticks t LEFT JOIN tick_orders o ON o.run_id = t.run_id "
		"AND o.tick = t.tick AND o.zone_id = ?2 WHERE t.run_id = ?1 "
		"GROUP BY t.tick ORDER BY t.tick", run, zone_id, 2);
	if (!stmt)
		return -1;
	fputs("time_s", out);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		fprintf(out, "\t%s", migratetype_names[mt]);
	fputc('\n', out);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		fprintf(out, "%.9g", sqlite3_column_double(stmt, 0));
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			fprintf(out, "\t%.6g", sqlite3_column_double(stmt, 1 + mt)
				* PAGE_MIB);
		fputc('\n', out);
	}
	return finish(st, stmt, rc);
}

int store_series_pollution(struct store *st, int64_t run, int zone_id,
			   FILE *out)
{
	sqlite3_stmt *stmt = prepare_run(st,
		"SELECT t.time_ns / 1e9, tz.nonmovable_blocks, "
		"COALESCE((SELECT p.pageblocks FROM tick_pageblocks p JOIN "
		"migratetypes m USING (migratetype) WHERE p.run_id = t.run_id "
		"AND p.tick = t.tick AND p.zone_id = ?2 AND m.name = "
		"'Unmovable'), 0), "
		"COALESCE((SELECT SUM(p.mixed) FROM tick_pageblocks p WHERE "
		"p.run_id = t.run_id AND p.tick = t.tick AND p.zone_id = ?2), 0) "
		"FROM ticks t JOIN tick_zones tz ON tz.run_id = t.run_id AND "
		"tz.tick = t.tick AND tz.zone_id = ?2 WHERE t.run_id = ?1 "
		"ORDER BY t.tick", run, zone_id, 2);
	int rc;

	if (!stmt)
		return -1;
	fputs("time_s\tnonmovable\tunmovable\tmixed\n", out);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fprintf(out, "%.9g\t%lld\t%lld\t%lld\n",
			sqlite3_column_double(stmt, 0),
			(long long)sqlite3_column_int64(stmt, 1),
			(long long)sqlite3_column_int64(stmt, 2),
			(long long)sqlite3_column_int64(stmt, 3));
	return finish(st, stmt, rc);
}

int store_series_compaction(struct store *st, int64_t run, FILE *out)
{
	sqlite3_stmt *stmt = prepare_run(st,
		"SELECT time_s, compact_migrate_scanned, compact_free_scanned, "
		"pgmigrate_success, compact_stall, compact_success, "
		"compact_fail, compact_deferred FROM v_compaction "
		"WHERE run_id = ?1 ORDER BY tick", run, 0, 1);
	int rc, cols;

	if (!stmt)
		return -1;
	cols = sqlite3_column_count(stmt);
	for (int c = 0; c < cols; c++)
		fprintf(out, "%s%s", c ? "\t" : "", sqlite3_column_name(stmt, c));
	fputc('\n', out);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		fprintf(out, "%.9g", sqlite3_column_double(stmt, 0));
		for (int c = 1; c < cols; c++)
			fprintf(out, "\t%lld",
				(long long)sqlite3_column_int64(stmt, c));
		fputc('\n', out);
	}
	return finish(st, stmt, rc);
}

/* --- the pageblock map --- */

/* A map cell's class: the migratetype (MAP_NONE outside the zone), plus
 * MAP_MIXED_BIT when mixed; what pageblock_map.gp colours. */
#define MAP_NONE	5
#define MAP_MIXED_BIT	8
#define MAP_CLASSES	16

/* The map as drawn: cols cells of k pageblocks from first_pfn. */
struct map_grid {
	unsigned long first_pfn;
	unsigned long k;
	size_t cols;
	uint8_t *cells;		/* the current map, downsampled */
};

static unsigned int map_class(uint8_t byte)
{
	unsigned int mt = byte & ~PAGEBLOCK_MAP_MIXED;

	if (mt >= MIGRATE_TYPES)
		return MAP_NONE;
	return mt | (byte & PAGEBLOCK_MAP_MIXED ? MAP_MIXED_BIT : 0);
}

/*
 * Downsample one stored map into g->cells: a cell shows the most common
 * class of its k pageblocks, counting those outside the zone only when
 * the cell has nothing else.
 */
static void grid_fill(struct map_grid *g, unsigned long start_pfn,
		      const uint8_t *map, size_t n)
{
	for (size_t c = 0; c < g->cols; c++) {
		unsigned int count[MAP_CLASSES] = { 0 }, best = MAP_NONE;

		for (unsigned long j = 0; j < g->k; j++) {
			unsigned long pfn = g->first_pfn +
				(c * g->k + j) * pageblock_nr_pages;
			size_t i;

			if (pfn < start_pfn)
				continue;
			i = (pfn - start_pfn) / pageblock_nr_pages;
			if (i < n)
				count[map_class(map[i])]++;
		}
		for (unsigned int cl = 0; cl < MAP_CLASSES; cl++)
			if (cl != MAP_NONE && count[cl] &&
			    (best == MAP_NONE || count[cl] > count[best]))
				best = cl;
		g->cells[c] = (uint8_t)best;
	}
}

static void grid_put_row(const struct map_grid *g, double time, double unit,
			 FILE *out)
{
	for (size_t c = 0; c < g->cols; c++)
		fprintf(out, "%.9g\t%.6g\t%u\n", time,
			(double)(g->first_pfn + (c * g->k + g->k / 2.0) *
				 pageblock_nr_pages) * 4096.0 / unit,
			g->cells[c]);
	fputc('\n', out);
}

int store_series_map(struct store *st, int64_t run, int zone_id,
		     struct store_map_series *ms, FILE *out)
{
	sqlite3_stmt *stmt = prepare_run(st,
		"SELECT MIN(m.start_pfn), "
		"MAX(m.start_pfn + m.nr_pageblocks * 512), COUNT(*), "
		"(SELECT MIN(time_ns) FROM ticks WHERE run_id = ?1), "
		"MIN(t.time_ns), MAX(t.time_ns) FROM pageblock_maps m "
		"JOIN ticks t USING (run_id, tick) "
		"WHERE m.run_id = ?1 AND m.zone_id = ?2", run, zone_id, 2);
	struct map_grid g = { 0 };
	int64_t nr_maps, t0, tmap, t1;
	unsigned long end_pfn, blocks;
	size_t rows, r = 0;
	double dt, unit;
	int rc;

	memset(ms, 0, sizeof(*ms));
	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	nr_maps = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 2) : 0;
	if (nr_maps) {
		g.first_pfn = (unsigned long)sqlite3_column_int64(stmt, 0);
		end_pfn = (unsigned long)sqlite3_column_int64(stmt, 1);
		t0 = sqlite3_column_int64(stmt, 3);
		tmap = sqlite3_column_int64(stmt, 4);
		t1 = sqlite3_column_int64(stmt, 5);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return store_error(st, "reading the pageblock maps");
	if (!nr_maps)
		return 0;
	blocks = (end_pfn - g.first_pfn) / pageblock_nr_pages;
	g.k = (blocks + STORE_MAP_MAX_COLS - 1) / STORE_MAP_MAX_COLS;
	g.cols = (blocks + g.k - 1) / g.k;
	/* before the zone's first map (a zone that memory hotplug
	 * populated later) it is drawn as not there */
	g.cells = xmalloc(g.cols);
	memset(g.cells, MAP_NONE, g.cols);
	/* rows on a regular time grid (gnuplot's images need one) from the
	 * run's first tick, each the latest map at or before its time, about
	 * as many as the maps over the time they span */
	rows = tmap < t1 ? (size_t)((double)nr_maps * (double)(t1 - t0) /
				    (double)(t1 - tmap)) : 2;
	rows = rows < 2 ? 2 : rows > STORE_MAP_MAX_ROWS ?
		STORE_MAP_MAX_ROWS : rows;
	/* maps all taken at one moment: a band 1 ms high */
	dt = t1 > t0 ? (double)(t1 - t0) / (double)(rows - 1) : 1e6;
	unit = (double)(end_pfn - g.first_pfn) * 4096.0 >= 4.0 * (1 << 30) ?
		(double)(1 << 30) : (double)(1 << 20);
	ms->unit = unit > (1 << 20) ? "GiB" : "MiB";
	ms->pageblocks_per_cell = g.k;
	stmt = prepare_run(st, "SELECT t.time_ns, m.start_pfn, m.map "
			   "FROM pageblock_maps m JOIN ticks t "
			   "USING (run_id, tick) WHERE m.run_id = ?1 AND "
			   "m.zone_id = ?2 ORDER BY m.tick", run, zone_id, 2);
	if (!stmt) {
		free(g.cells);
		return -1;
	}
	for (;;) {
		double next;

		rc = sqlite3_step(stmt);
		next = rc == SQLITE_ROW ?
			(double)sqlite3_column_int64(stmt, 0) : INFINITY;
		/* the rows before this map show the previous one */
		for (; r < rows &&
		     (double)t0 + ((double)r + 1e-6) * dt < next; r++)
			grid_put_row(&g, ((double)t0 + (double)r * dt) / 1e9,
				     unit, out);
		if (rc != SQLITE_ROW)
			break;
		grid_fill(&g, (unsigned long)sqlite3_column_int64(stmt, 1),
			  sqlite3_column_blob(stmt, 2),
			  (size_t)sqlite3_column_bytes(stmt, 2));
	}
	free(g.cells);
	ms->rows = r;
	ms->cols = g.cols;
	return finish(st, stmt, rc);
}

/* --- a sweep --- */

/* One complete run of a sweep, as the sweep plot sees it. */
struct sweep_run {
	char *series;		/* the other axes' values, "k=v k=v" */
	char *label;		/* the first axis' value as given */
	double x;		/* as a number (or its rank if not one) */
	char *unit;		/* what follows the number */
	int64_t point;
	double hugepages, frag9;
};

/* The swept keys: the sweeps row's axes ("KEY=SPEC" a line), or, without
 * one, the --set keys whose values differ between the sweep's runs. */
static int sweep_keys(struct store *st, const char *sweep, char ***keys)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT axes FROM sweeps WHERE sweep_id = ?1");
	size_t n = 0, cap = 0;
	int rc;

	*keys = NULL;
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, sweep, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(stmt, 0);

		while (p && *p) {
			size_t len = strcspn(p, "=\n");

			if (len && p[len] == '=') {
				if (n == cap)
					*keys = xgrow(*keys, &cap, n + 1,
						      sizeof(**keys));
				(*keys)[n++] = xstrndup(p, len);
			}
			p += strcspn(p, "\n");
			p += *p == '\n';
		}
		sqlite3_finalize(stmt);
		return (int)n;
	}
	sqlite3_finalize(stmt);
	stmt = store_prepare(st,
		"SELECT s.key FROM run_sets s JOIN runs r USING (run_id) "
		"WHERE r.sweep_id = ?1 GROUP BY s.key "
		"HAVING COUNT(DISTINCT s.value) > 1 ORDER BY MIN(s.position)");
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, sweep, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n == cap)
			*keys = xgrow(*keys, &cap, n + 1, sizeof(**keys));
		(*keys)[n++] = xstrdup((const char *)
				       sqlite3_column_text(stmt, 0));
	}
	if (finish(st, stmt, rc))
		return -1;
	return (int)n;
}

/* The run's value of --set key (the last one given), or NULL. */
static char *run_set(struct store *st, int64_t run, const char *key)
{
	sqlite3_stmt *stmt = prepare_run(st, "SELECT value FROM run_sets "
		"WHERE run_id = ?1 AND key = ?2 ORDER BY position DESC "
		"LIMIT 1", run, 0, 1);
	char *value = NULL;

	if (!stmt)
		return NULL;
	sqlite3_bind_text(stmt, 2, key, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return value;
}

/* The machine's order-9 index at the run's end (sweeps.c). */
/* The run's order-9 index over all zones at the moment (NAN: none). */
static int run_frag9(struct store *st, int64_t run, const char *at,
		     double *out)
{
	int64_t tick;

	*out = store_moment_tick(st, run, at, &tick) ? NAN :
	       store_tick_index_o9(st, run, tick, -1, false);
	return isnan(*out) ? -1 : 0;
}

static void sweep_run_release(struct sweep_run *r)
{
	free(r->series);
	free(r->label);
	free(r->unit);
}

/* A run's place on the plot: its series and x from the swept values. */
static int sweep_run_place(struct store *st, int64_t run, char **keys,
			   int nr_keys, struct sweep_run *r)
{
	char *end;

	r->label = run_set(st, run, keys[0]);
	if (!r->label)
		return -1;
	r->x = strtod(r->label, &end);
	r->unit = xstrdup(end == r->label ? "\x01" : end);
	r->series = xstrdup("");
	for (int i = 1; i < nr_keys; i++) {
		char *v = run_set(st, run, keys[i]), *s;

		s = str_printf("%s%s%s=%s", r->series, i > 1 ? " " : "",
			       keys[i], v ? v : "(unset)");
		free(v);
		free(r->series);
		r->series = s;
	}
	return 0;
}

/* The complete runs of the sweep, placed; their number or -1. */
static int sweep_runs(struct store *st, const char *sweep, const char *at,
		      char **keys, int nr_keys, struct sweep_run **runs,
		      size_t *skipped)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT run_id, COALESCE(point, 0), status = 'complete', "
		"COALESCE((SELECT SUM(requests - failures) FROM run_requests q "
		"WHERE q.run_id = r.run_id AND q.ord = 9), 0) + "
		"COALESCE((SELECT MAX(obtained) FROM run_hugepages h "
		"WHERE h.run_id = r.run_id), 0) FROM runs r "
		"WHERE sweep_id = ?1 ORDER BY point, seed");
	size_t n = 0, cap = 0;
	int rc;

	*runs = NULL;
	*skipped = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, sweep, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t run = sqlite3_column_int64(stmt, 0);
		struct sweep_run r = {
			.point = sqlite3_column_int64(stmt, 1),
			.hugepages = sqlite3_column_double(stmt, 3),
		};

		/* an unfinished run has no per-run figures */
		if (!sqlite3_column_int(stmt, 2) ||
		    sweep_run_place(st, run, keys, nr_keys, &r) ||
		    run_frag9(st, run, at, &r.frag9)) {
			sweep_run_release(&r);
			++*skipped;
			continue;
		}
		if (n == cap)
			*runs = xgrow(*runs, &cap, n + 1, sizeof(**runs));
		(*runs)[n++] = r;
	}
	if (finish(st, stmt, rc))
		return -1;
	return (int)n;
}

/* If the values are not all numbers of one unit, x is their rank in the
 * sweep's order (the points'); returns the unit, or NULL then. */
static const char *sweep_x(struct sweep_run *runs, size_t n)
{
	bool numeric = true;

	for (size_t i = 0; i < n; i++)
		if (strcmp(runs[i].unit, runs[0].unit) ||
		    !strcmp(runs[i].unit, "\x01"))
			numeric = false;
	if (numeric)
		return runs[0].unit;
	for (size_t i = 0; i < n; i++) {
		size_t first = 0, rank = 0;

		/* the runs come in point order: count the values before */
		while (strcmp(runs[first].label, runs[i].label))
			first++;
		for (size_t j = 0; j < first; j++) {
			bool seen = false;

			for (size_t k = 0; k < j && !seen; k++)
				seen = !strcmp(runs[k].label, runs[j].label);
			rank += !seen;
		}
		runs[i].x = (double)rank;
	}
	return NULL;
}

static int cmp_sweep_run(const void *a, const void *b)
{
	const struct sweep_run *x = a, *y = b;
	int c = strcmp(x->series, y->series);

	if (c)
		return c;
	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	return x->point < y->point ? -1 : x->point > y->point;
}

/* Write runs[0..n) (sorted) as blocks, one per series, one line per x. */
static void put_sweep_blocks(const struct sweep_run *runs, size_t n,
			     struct store_sweep_series *ss, FILE *out)
{
	double *hp = xcalloc(n, sizeof(*hp)), *f9 = xcalloc(n, sizeof(*f9));

	for (size_t i = 0; i < n;) {
		size_t j = i, m;
		struct mean_ci h, f;

		if (!i || strcmp(runs[i].series, runs[i - 1].series)) {
			fprintf(out, "%s%s\tlabel\thugepages_mean\t"
				"hugepages_ci95\tfrag9_mean\tfrag9_ci95\t"
				"seeds\n", i ? "\n\n" : "",
				*runs[i].series ? runs[i].series : "value");
			ss->nr_series++;
		}
		for (m = 0; j < n && !strcmp(runs[j].series, runs[i].series) &&
		     runs[j].x == runs[i].x; j++, m++) {
			hp[m] = runs[j].hugepages;
			f9[m] = runs[j].frag9;
		}
		h = mean_ci95(hp, m);
		f = mean_ci95(f9, m);
		/* one seed: no interval, drawn as none */
		fprintf(out, "%.9g\t%s\t%.6g\t%.6g\t%.6g\t%.6g\t%zu\n",
			runs[i].x, runs[i].label, h.mean,
			isnan(h.half) ? 0 : h.half, f.mean,
			isnan(f.half) ? 0 : f.half, m);
		if (!ss->min_seeds || m < ss->min_seeds)
			ss->min_seeds = m;
		if (m > ss->max_seeds)
			ss->max_seeds = m;
		ss->nr_points++;
		i = j;
	}
	free(hp);
	free(f9);
}

/* The sweep's title: what ran, on what, with what fixed. */
static char *sweep_title(struct store *st, const char *sweep,
			 const struct store_sweep_series *ss)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT r.workload_name, r.model_path, "
		"(SELECT replace(fixed_sets, char(10), ' ') FROM sweeps "
		"WHERE sweep_id = ?1) FROM runs r WHERE sweep_id = ?1 "
		"ORDER BY run_id LIMIT 1");
	char model[128], seeds[32], *title = NULL;
	const char *fixed;

	if (!stmt)
		return NULL;
	sqlite3_bind_text(stmt, 1, sweep, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		model_name(model, sizeof(model),
			   (const char *)sqlite3_column_text(stmt, 1));
		fixed = (const char *)sqlite3_column_text(stmt, 2);
		if (ss->min_seeds == ss->max_seeds)
			snprintf(seeds, sizeof(seeds), "%zu", ss->min_seeds);
		else
			snprintf(seeds, sizeof(seeds), "%zu-%zu",
				 ss->min_seeds, ss->max_seeds);
		title = str_printf("sweep %.12s: workload %s on %s, %s seeds "
				   "per point%s%s", sweep,
				   sqlite3_column_text(stmt, 0), model, seeds,
				   fixed && *fixed ? ", " : "",
				   fixed && *fixed ? fixed : "");
	}
	sqlite3_finalize(stmt);
	return title;
}

int store_series_sweep(struct store *st, const char *sweep, const char *at,
		       struct store_sweep_series *ss, FILE *out)
{
	struct sweep_run *runs = NULL;
	const char *unit;
	char **keys;
	int nr_keys, n = -1;

	memset(ss, 0, sizeof(*ss));
	nr_keys = sweep_keys(st, sweep, &keys);
	if (nr_keys == 0)
		diag_error(DIAG_LOC(st->path, 0), "sweep %s: no swept "
			   "parameter (no sweeps row, and its runs' --set "
			   "values are all alike)", sweep);
	if (nr_keys > 0)
		n = sweep_runs(st, sweep, at, keys, nr_keys, &runs,
			       &ss->nr_skipped);
	if (n == 0)
		diag_error(DIAG_LOC(st->path, 0), "sweep %s: no complete run "
			   "sets %s", sweep, keys[0]);
	if (n > 0) {
		unit = sweep_x(runs, (size_t)n);
		qsort(runs, (size_t)n, sizeof(*runs), cmp_sweep_run);
		ss->nr_runs = (size_t)n;
		put_sweep_blocks(runs, (size_t)n, ss, out);
		ss->param = unit && *unit ?
			str_printf("%s (%s)", keys[0], unit) :
			xstrdup(keys[0]);
		ss->title = sweep_title(st, sweep, ss);
	}
	for (int i = 0; i < n; i++)
		sweep_run_release(&runs[i]);
	free(runs);
	for (int i = 0; i < nr_keys; i++)
		free(keys[i]);
	free(keys);
	return n > 0 && ss->title ? 0 : -1;
}

void store_sweep_series_release(struct store_sweep_series *ss)
{
	free(ss->title);
	free(ss->param);
}
