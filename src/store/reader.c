/*
 * reader.c - reading runs back: a stored tick as the snapshot the /proc
 * printers take, and any table or view as TSV.
 */
#include <inttypes.h>
#include <string.h>

#include "mm/frag_index.h"
#include "store/internal.h"
#include "util/diag.h"

/* sql with integer parameters ?1..?n bound; NULL on error (reported). */
static sqlite3_stmt *query(struct store *st, const char *sql,
			   const int64_t *args, int n)
{
	sqlite3_stmt *stmt = store_prepare(st, sql);

	for (int i = 0; stmt && i < n; i++)
		sqlite3_bind_int64(stmt, i + 1, args[i]);
	return stmt;
}

/* The first column of sql's only row: 1 found, 0 no row or NULL, -1. */
static int query_value(struct store *st, const char *sql, const int64_t *args,
		       int n, int64_t *out)
{
	sqlite3_stmt *stmt = query(st, sql, args, n);
	int rc, found = 0;

	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		*out = sqlite3_column_int64(stmt, 0);
		found = 1;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "reading");
	return found;
}

int store_run_status(struct store *st, int64_t run)
{
	sqlite3_stmt *stmt = query(st, "SELECT status FROM runs WHERE "
				   "run_id = ?1", &run, 1);
	int status = -1;

	if (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(stmt, 0);

		for (int i = RUN_RUNNING; s && i < NR_RUN_STATUS; i++)
			if (!strcmp(s, run_status_names[i]))
				status = i;
	}
	sqlite3_finalize(stmt);
	return status;
}

int store_find_tick(struct store *st, int64_t *run, int64_t *tick)
{
	int64_t args[2], last;
	int found;

	if (!*run) {
		found = query_value(st, "SELECT MAX(run_id) FROM runs", NULL,
				    0, run);
		if (found <= 0) {
			if (!found)
				diag_error(DIAG_LOC(st->path, 0), "the "
					   "database holds no runs");
			return -1;
		}
	} else {
		found = query_value(st, "SELECT run_id FROM runs WHERE "
				    "run_id = ?1", run, 1, &last);
		if (found <= 0) {
			if (!found)
				diag_error(DIAG_LOC(st->path, 0), "no run %"
					   PRId64 " in the database", *run);
			return -1;
		}
	}
	found = query_value(st, "SELECT MAX(tick) FROM ticks WHERE "
			    "run_id = ?1", run, 1, &last);
	if (found <= 0) {
		if (!found)
			diag_error(DIAG_LOC(st->path, 0), "run %" PRId64
				   " has no ticks stored", *run);
		return -1;
	}
	if (*tick < 0) {
		*tick = last;
		return 0;
	}
	args[0] = *run;
	args[1] = *tick;
	found = query_value(st, "SELECT tick FROM ticks WHERE run_id = ?1 "
			    "AND tick = ?2", args, 2, &last);
	if (!found)
		diag_error(DIAG_LOC(st->path, 0), "run %" PRId64 " has no tick "
			   "%" PRId64 " (its ticks are 0 to %" PRId64 ")",
			   *run, *tick, last);
	return found == 1 ? 0 : -1;
}

/* Step stmt to its end, handing each row to fn; finalizes it. */
static int each_row(struct store *st, sqlite3_stmt *stmt,
		    void (*fn)(sqlite3_stmt *, struct proc_snapshot *),
		    struct proc_snapshot *ps)
{
	int rc;

	if (!stmt)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		fn(stmt, ps);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_error(st, "reading a tick");
	return 0;
}

#define COL(i)	((unsigned long)sqlite3_column_int64(stmt, (i)))

/* A zone_id column, checked against the snapshot's zones. */
static int zone_of(sqlite3_stmt *stmt, const struct proc_snapshot *ps)
{
	int z = sqlite3_column_int(stmt, 0);

	return z >= 0 && z < ps->t.nr_zones ? z : -1;
}

static void read_zone_ids(sqlite3_stmt *stmt, struct proc_snapshot *ps)
{
	int z = zone_of(stmt, ps);

	if (z < 0)
		return;
	ps->t.zones[z].nid = sqlite3_column_int(stmt, 1);
	ps->t.zones[z].type = (enum zone_type)sqlite3_column_int(stmt, 2);
}

static void read_zone(sqlite3_stmt *stmt, struct proc_snapshot *ps)
{
	int z = zone_of(stmt, ps);
	struct zone_sample *zs;
	struct proc_zone *pz;

	if (z < 0)
		return;
	zs = &ps->t.zones[z];
	pz = &ps->zones[z];
	pz->node_online = sqlite3_column_int(stmt, 1);
	pz->start_pfn = COL(2);
	zs->spanned = COL(3);
	zs->present = COL(4);
	zs->managed = COL(5);
	zs->free_pages = COL(6);
	zs->pcp_pages = COL(7);
	for (int w = 0; w < NR_WMARK; w++)
		zs->wmark[w] = COL(8 + w);
	zs->watermark_boost = COL(12);
	zs->nr_reserved_highatomic = COL(13);
	zs->fragmentation_score = (unsigned int)COL(14);
	zs->compact_defer_shift = (unsigned int)COL(15);
	zs->compact_order_failed = sqlite3_column_int(stmt, 16);
	for (int t = 0; t < MAX_NR_ZONES; t++)
		pz->lowmem_reserve[t] = (long)sqlite3_column_int64(stmt, 17 + t);
}

static void read_order(sqlite3_stmt *stmt, struct proc_snapshot *ps)
{
	int z = zone_of(stmt, ps), o = sqlite3_column_int(stmt, 1);

	if (z < 0 || o < 0 || o >= MAX_ORDER)
		return;
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		ps->t.zones[z].nr_free[o][mt] = COL(2 + mt);
	ps->t.zones[z].frag_index[o] = sqlite3_column_int(stmt, 7);
	ps->t.zones[z].unusable_index[o] = sqlite3_column_int(stmt, 8);
}

static void read_pageblocks(sqlite3_stmt *stmt, struct proc_snapshot *ps)
{
	int z = zone_of(stmt, ps), mt = sqlite3_column_int(stmt, 1);

	if (z < 0 || mt < 0 || mt >= MIGRATE_TYPES)
		return;
	ps->t.zones[z].nr_pageblock[mt] = COL(2);
	ps->t.zones[z].nr_mixed[mt] = COL(3);
}

static void read_pcp(sqlite3_stmt *stmt, struct proc_snapshot *ps)
{
	int z = zone_of(stmt, ps), cpu = sqlite3_column_int(stmt, 1);
	struct proc_pcp *p;

	if (z < 0 || cpu < 0 || cpu >= ps->nr_cpus)
		return;
	p = proc_snapshot_pcp(ps, z, cpu);
	p->count = sqlite3_column_int(stmt, 2);
	p->high = sqlite3_column_int(stmt, 3);
	p->batch = sqlite3_column_int(stmt, 4);
}

static void read_vm_event(sqlite3_stmt *stmt, struct proc_snapshot *ps)
{
	int e = sqlite3_column_int(stmt, 0);

	/* a newer fragsim's counters are ignored */
	if (e >= 0 && e < NR_VM_EVENT_ITEMS)
		ps->t.vm_events[e] = COL(1);
}

static void read_tick_row(sqlite3_stmt *stmt, struct proc_snapshot *ps)
{
	ps->t.time = (sim_time_t)sqlite3_column_int64(stmt, 0);
	ps->t.phase = sqlite3_column_int(stmt, 1);
	ps->t.nr_hugepages = COL(2);
}

/*
 * The writer leaves out an empty zone's free lists; its indices are what
 * the kernel computes for no free memory (unusable_free_index: 1000).
 */
static void empty_zone_indices(struct zone_sample *zs)
{
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long nr_free[MAX_ORDER] = { 0 };
		struct contig_page_info info;

		fill_contig_page_info(nr_free, o, &info);
		zs->frag_index[o] = __fragmentation_index(o, &info);
		zs->unusable_index[o] = unusable_free_index(o, &info);
	}
}

int store_read_tick(struct store *st, int64_t run, int64_t tick,
		    struct proc_snapshot *ps)
{
	int64_t args[2] = { run, tick }, nr_zones, nr_cpus;
	int ret;

	if (query_value(st, "SELECT count(*) FROM zones WHERE run_id = ?1",
			&run, 1, &nr_zones) != 1 ||
	    query_value(st, "SELECT nr_cpus FROM runs WHERE run_id = ?1",
			&run, 1, &nr_cpus) != 1)
		return -1;
	proc_snapshot_alloc(ps, (int)nr_zones, (int)nr_cpus);
	ret = each_row(st, query(st, "SELECT zone_id, nid, zone_type FROM "
				 "zones WHERE run_id = ?1", &run, 1),
		       read_zone_ids, ps);
	proc_snapshot_set_has_zone(ps);
	ret = ret ? ret : each_row(st, query(st,
		"SELECT time_ns, phase, nr_hugepages FROM ticks "
		"WHERE run_id = ?1 AND tick = ?2", args, 2),
		read_tick_row, ps);
	ret = ret ? ret : each_row(st, query(st,
		"SELECT zone_id, node_online, start_pfn, spanned, present, "
		"managed, free_pages, pcp_pages, wmark_min, wmark_low, "
		"wmark_high, wmark_promo, watermark_boost, "
		"nr_reserved_highatomic, fragmentation_score, "
		"compact_defer_shift, compact_order_failed, "
		"lowmem_reserve_dma, lowmem_reserve_dma32, "
		"lowmem_reserve_normal, lowmem_reserve_highmem, "
		"lowmem_reserve_movable, lowmem_reserve_device "
		"FROM tick_zones WHERE run_id = ?1 AND tick = ?2", args, 2),
		read_zone, ps);
	ret = ret ? ret : each_row(st, query(st,
		"SELECT zone_id, ord, free_unmovable, free_movable, "
		"free_reclaimable, free_highatomic, free_isolate, frag_index, "
		"unusable_index FROM tick_orders "
		"WHERE run_id = ?1 AND tick = ?2", args, 2), read_order, ps);
	ret = ret ? ret : each_row(st, query(st,
		"SELECT zone_id, migratetype, pageblocks, mixed "
		"FROM tick_pageblocks WHERE run_id = ?1 AND tick = ?2",
		args, 2), read_pageblocks, ps);
	ret = ret ? ret : each_row(st, query(st,
		"SELECT zone_id, cpu, count, high, batch FROM tick_pcp "
		"WHERE run_id = ?1 AND tick = ?2", args, 2), read_pcp, ps);
	ret = ret ? ret : each_row(st, query(st,
		"SELECT event, value FROM tick_vm_events "
		"WHERE run_id = ?1 AND tick = ?2", args, 2), read_vm_event, ps);
	for (int z = 0; !ret && z < ps->t.nr_zones; z++)
		if (!ps->t.zones[z].present)
			empty_zone_indices(&ps->t.zones[z]);
	if (ret)
		proc_snapshot_release(ps);
	return ret;
}

/* --- export --- */

/* A TSV field: tabs, newlines and backslashes escaped, so that a row is
 * a line (the model and workload texts have many). */
static void put_field(FILE *out, const unsigned char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\\': fputs("\\\\", out); break;
		default: fputc(*s, out);
		}
	}
}

static void put_blob(FILE *out, const unsigned char *b, int n)
{
	for (int i = 0; i < n; i++)
		fprintf(out, "%02x", b[i]);
}

static int write_rows(struct store *st, sqlite3_stmt *stmt, FILE *out)
{
	int cols = sqlite3_column_count(stmt), rc;

	for (int c = 0; c < cols; c++) {
		fputs(c ? "\t" : "", out);
		put_field(out, (const unsigned char *)
			  sqlite3_column_name(stmt, c));
	}
	fputc('\n', out);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (int c = 0; c < cols; c++) {
			fputs(c ? "\t" : "", out);
			if (sqlite3_column_type(stmt, c) == SQLITE_BLOB)
				put_blob(out, sqlite3_column_blob(stmt, c),
					 sqlite3_column_bytes(stmt, c));
			else
				put_field(out, sqlite3_column_text(stmt, c));
		}
		fputc('\n', out);
	}
	if (rc != SQLITE_DONE)
		return store_error(st, "exporting");
	return 0;
}

/* The tables and views there are, for the message naming them. */
static void list_tables(struct store *st)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT name FROM sqlite_master "
		"WHERE type IN ('table', 'view') ORDER BY type, name");

	fprintf(stderr, "tables and views:");
	while (stmt && sqlite3_step(stmt) == SQLITE_ROW)
		fprintf(stderr, " %s", sqlite3_column_text(stmt, 0));
	fprintf(stderr, " %s\n", STORE_MAP_CELLS);
	sqlite3_finalize(stmt);
}

/* Whether table has a run_id column. */
static bool has_run_id(struct store *st, const char *quoted)
{
	char sql[256];
	sqlite3_stmt *stmt;
	bool found = false;

	snprintf(sql, sizeof(sql), "SELECT * FROM %s LIMIT 0", quoted);
	stmt = store_prepare(st, sql);
	for (int c = 0; stmt && c < sqlite3_column_count(stmt); c++)
		if (!strcmp(sqlite3_column_name(stmt, c), "run_id"))
			found = true;
	sqlite3_finalize(stmt);
	return found;
}

/*
 * The pageblock maps one pageblock a row, for plotting: byte i of a map is
 * the pageblock from start_pfn + i * pageblock_nr_pages.
 */
static int export_map_cells(struct store *st, int64_t run, FILE *out)
{
	sqlite3_stmt *stmt = query(st,
		"SELECT m.run_id, m.tick, t.time_ns / 1e9, z.nid, z.zone, "
		"m.start_pfn, m.map FROM pageblock_maps m "
		"JOIN ticks t USING (run_id, tick) "
		"JOIN zones z USING (run_id, zone_id) "
		"WHERE ?1 <= 0 OR m.run_id = ?1 "
		"ORDER BY m.run_id, m.tick, m.zone_id", &run, 1);
	int rc;

	if (!stmt)
		return -1;
	fputs("run_id\ttick\ttime_s\tnid\tzone\tpageblock\tpfn\tmigratetype"
	      "\tmixed\n", out);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const uint8_t *map = sqlite3_column_blob(stmt, 6);
		int n = sqlite3_column_bytes(stmt, 6);
		int64_t start = sqlite3_column_int64(stmt, 5);

		for (int i = 0; i < n; i++)
			fprintf(out, "%lld\t%lld\t%s\t%d\t%s\t%d\t%lld\t%s\t%d\n",
				(long long)sqlite3_column_int64(stmt, 0),
				(long long)sqlite3_column_int64(stmt, 1),
				sqlite3_column_text(stmt, 2),
				sqlite3_column_int(stmt, 3),
				sqlite3_column_text(stmt, 4), i,
				(long long)(start + (int64_t)i *
					    (int64_t)pageblock_nr_pages),
				(map[i] & ~PAGEBLOCK_MAP_MIXED) < MIGRATE_TYPES
				? migratetype_names[map[i] &
						    ~PAGEBLOCK_MAP_MIXED]
				: "none",
				!!(map[i] & PAGEBLOCK_MAP_MIXED));
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_error(st, "exporting");
	return 0;
}

int store_export(struct store *st, const char *table, int64_t run, FILE *out)
{
	char quoted[160], sql[256];
	sqlite3_stmt *stmt;
	int64_t exists;
	int ret;

	if (!strcmp(table, STORE_MAP_CELLS))
		return export_map_cells(st, run, out);
	stmt = store_prepare(st, "SELECT 1 FROM sqlite_master WHERE type IN "
			     "('table', 'view') AND name = ?1");
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	exists = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_finalize(stmt);
	if (!exists || strlen(table) > 100 || strchr(table, '"')) {
		diag_error(DIAG_LOC(st->path, 0), "no table or view called "
			   "\"%s\"", table);
		list_tables(st);
		return -1;
	}
	/* the name is one the database has, and has no quote in it */
	snprintf(quoted, sizeof(quoted), "\"%s\"", table);
	if (run > 0 && has_run_id(st, quoted))
		snprintf(sql, sizeof(sql), "SELECT * FROM %s WHERE run_id = ?1",
			 quoted);
	else
		snprintf(sql, sizeof(sql), "SELECT * FROM %s", quoted);
	stmt = query(st, sql, &run, strstr(sql, "?1") ? 1 : 0);
	if (!stmt)
		return -1;
	ret = write_rows(st, stmt, out);
	sqlite3_finalize(stmt);
	return ret;
}
