/*
 * sweeps.c - the store's side of sweeps (see store.h): the sweeps rows,
 * the runs of a sweep, and deleting a run that a resumed sweep redoes.
 * The figures "fragsim report" shows are figures.c's.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/internal.h"
#include "util/xalloc.h"

static void utc_now(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int store_sweep_record(struct store *st, const struct store_sweep *sw)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT OR IGNORE INTO sweeps VALUES "
		"(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
	const char *text[] = { sw->sweep_id, NULL, sw->command_line,
			       sw->fragsim_version, sw->model_path,
			       sw->model_text, sw->workload_path,
			       sw->workload_text, sw->axes, sw->fixed_sets };
	char created[32];
	int ret = 0;

	if (!stmt)
		return -1;
	utc_now(created, sizeof(created));
	text[1] = sw->created ? sw->created : created;
	for (int i = 0; i < 10; i++)
		sqlite3_bind_text(stmt, i + 1, text[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 11, sw->seeds);
	sqlite3_bind_int64(stmt, 12, sw->nr_points);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = store_error(st, "recording the sweep");
	sqlite3_finalize(stmt);
	return ret;
}

static char *column_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);

	return xstrdup(t ? (const char *)t : "");
}

int store_sweeps_read(struct store *st, struct store_sweep **out, size_t *n)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT * FROM sweeps "
					   "ORDER BY created, sweep_id");
	struct store_sweep *sw = NULL;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct store_sweep *s;

		sw = xrealloc(sw, (*n + 1) * sizeof(*sw));
		s = &sw[(*n)++];
		s->sweep_id = column_dup(stmt, 0);
		s->created = column_dup(stmt, 1);
		s->command_line = column_dup(stmt, 2);
		s->fragsim_version = column_dup(stmt, 3);
		s->model_path = column_dup(stmt, 4);
		s->model_text = column_dup(stmt, 5);
		s->workload_path = column_dup(stmt, 6);
		s->workload_text = column_dup(stmt, 7);
		s->axes = column_dup(stmt, 8);
		s->fixed_sets = column_dup(stmt, 9);
		s->seeds = sqlite3_column_int64(stmt, 10);
		s->nr_points = sqlite3_column_int64(stmt, 11);
	}
	sqlite3_finalize(stmt);
	*out = sw;
	return 0;
}

void store_sweeps_free(struct store_sweep *sw, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(sw[i].sweep_id);
		free(sw[i].created);
		free(sw[i].command_line);
		free(sw[i].fragsim_version);
		free(sw[i].model_path);
		free(sw[i].model_text);
		free(sw[i].workload_path);
		free(sw[i].workload_text);
		free(sw[i].axes);
		free(sw[i].fixed_sets);
	}
	free(sw);
}

static int status_of(const char *name)
{
	for (int i = 0; i < NR_RUN_STATUS; i++)
		if (name && !strcmp(run_status_names[i], name))
			return i;
	return RUN_FAILED;
}

int store_sweep_runs(struct store *st, const char *sweep_id,
		     struct store_sweep_run **out, size_t *n)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT run_id, point, seed, status, COALESCE(events, 0), "
		"COALESCE(wall_seconds, 0) FROM runs WHERE sweep_id = ?1 "
		"ORDER BY point, seed, run_id");
	struct store_sweep_run *runs = NULL;

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, sweep_id, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		struct store_sweep_run *r;

		runs = xrealloc(runs, (*n + 1) * sizeof(*runs));
		r = &runs[(*n)++];
		r->run_id = sqlite3_column_int64(stmt, 0);
		r->point = sqlite3_column_int64(stmt, 1);
		r->seed = sqlite3_column_int64(stmt, 2);
		r->status = status_of((const char *)
				      sqlite3_column_text(stmt, 3));
		r->events = sqlite3_column_int64(stmt, 4);
		r->wall_seconds = sqlite3_column_double(stmt, 5);
	}
	sqlite3_finalize(stmt);
	*out = runs;
	return 0;
}

static int delete_from(struct store *st, const char *table, int64_t run)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "DELETE FROM \"%s\" WHERE run_id = %lld",
		 table, (long long)run);
	return store_exec(st, sql);
}

int store_run_delete(struct store *st, int64_t run)
{
	char **tables = store_run_tables(st, "main");
	int ret = tables ? 0 : -1;

	if (!ret)
		ret = store_exec(st, "BEGIN IMMEDIATE");
	for (char **t = tables; !ret && *t; t++)
		ret = delete_from(st, *t, run);
	if (!ret)
		ret = delete_from(st, "runs", run);
	if (!ret)
		ret = store_exec(st, "COMMIT");
	else if (tables)
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	store_names_free(tables);
	return ret;
}
