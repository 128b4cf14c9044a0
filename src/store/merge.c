/*
 * merge.c - merging shard databases into one (see store_merge in
 * store.h).  Every shard is checked before the output is opened, so a
 * refused merge writes nothing; then each shard is attached in turn and
 * its complete runs are copied, table by table, under new run ids.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/internal.h"
#include "util/diag.h"
#include "util/xalloc.h"

/* The one sweep shard holds (free()); NULL, reported, if not one. */
static char *shard_sweep(const char *path)
{
	struct store *st;
	sqlite3_stmt *stmt;
	char *sweep = NULL;
	int n = 0, orphans = 0;

	if (store_open_read(&st, path))
		return NULL;
	stmt = store_prepare(st, "SELECT sweep_id FROM sweeps UNION "
			     "SELECT COALESCE(sweep_id, '') FROM runs");
	while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(stmt, 0);

		if (!*id)
			orphans++;
		else if (!n++)
			sweep = xstrdup(id);
	}
	sqlite3_finalize(stmt);
	store_close(st);
	if (stmt && n == 1 && !orphans)
		return sweep;
	free(sweep);
	if (!stmt)
		return NULL;
	if (orphans)
		diag_error(DIAG_LOC(path, 0), "not a shard of a sweep: it "
			   "holds runs of no sweep (fragsim run without "
			   "--sweep)");
	else
		diag_error(DIAG_LOC(path, 0), "not a shard of one sweep: it "
			   "holds %d sweeps", n);
	return NULL;
}

/* Check every shard; the sweep they share (free()), or NULL. */
static char *check_shards(const char *const *shards, size_t nr)
{
	char *sweep = NULL;

	for (size_t i = 0; i < nr; i++) {
		char *s = shard_sweep(shards[i]);

		if (!s) {
			free(sweep);
			return NULL;
		}
		if (sweep && strcmp(s, sweep)) {
			diag_error(DIAG_LOC(shards[i], 0), "a shard of another "
				   "sweep: %s, but %s is of sweep %s; "
				   "refusing to merge them", s, shards[0],
				   sweep);
			free(s);
			free(sweep);
			return NULL;
		}
		if (!sweep)
			sweep = s;
		else
			free(s);
	}
	return sweep;
}

static int64_t query_int64(struct store *st, const char *sql, int64_t arg)
{
	sqlite3_stmt *stmt = store_prepare(st, sql);
	int64_t v = -1;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, arg);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

/* INSERT INTO main.table SELECT the shard's rows of run old as run new. */
static int copy_rows(struct store *st, const char *table, int64_t old,
		     int64_t new)
{
	char *cols = store_columns_but_run(st, "shard", table);
	char *sql;
	int ret;

	if (!cols)
		return -1;
	sql = xmalloc(strlen(cols) * 2 + strlen(table) * 2 + 160);
	sprintf(sql, "INSERT INTO main.\"%s\" (run_id, %s) SELECT %lld, %s "
		"FROM shard.\"%s\" WHERE run_id = %lld", table, cols,
		(long long)new, cols, table, (long long)old);
	ret = store_exec(st, sql);
	free(sql);
	free(cols);
	return ret;
}

/* Copy run old of the attached shard under a new id; 1 if it was
 * skipped (out holds it already), 0 copied, -1 error. */
static int copy_run(struct store *st, char **tables, int64_t old)
{
	int64_t dup, new;
	int ret;

	dup = query_int64(st, "SELECT count(*) FROM main.runs m JOIN "
			  "shard.runs s USING (sweep_id, point, seed) WHERE "
			  "s.run_id = ?1 AND m.status IN ('complete', "
			  "'stalled', 'time_limit')", old);
	if (dup)
		return dup < 0 ? -1 : 1;
	new = query_int64(st, "SELECT COALESCE(MAX(run_id), 0) + ?1 FROM "
			  "main.runs", 1);
	ret = new > 0 ? copy_rows(st, "runs", old, new) : -1;
	for (char **t = tables; !ret && *t; t++)
		ret = copy_rows(st, *t, old, new);
	return ret;
}

static int attach(struct store *st, const char *path)
{
	sqlite3_stmt *stmt = store_prepare(st, "ATTACH ?1 AS shard");
	int ret = 0;

	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = store_error(st, "attaching a shard");
	sqlite3_finalize(stmt);
	return ret;
}

/* Copy one shard's sweep and complete runs, in one transaction. */
static int merge_shard(struct store *st, const char *path, int64_t *copied,
		       int64_t *skipped, int64_t *incomplete)
{
	sqlite3_stmt *runs;
	char **tables;
	int ret;

	if (attach(st, path))
		return -1;
	tables = store_run_tables(st, "shard");
	ret = tables ? store_exec(st, "BEGIN IMMEDIATE; INSERT OR IGNORE "
				  "INTO main.sweeps SELECT * FROM "
				  "shard.sweeps") : -1;
	runs = ret ? NULL : store_prepare(st, "SELECT run_id, status IN "
					  "('complete', 'stalled', "
					  "'time_limit') FROM shard.runs "
					  "ORDER BY run_id");
	while (runs && !ret && sqlite3_step(runs) == SQLITE_ROW) {
		if (!sqlite3_column_int(runs, 1)) {
			(*incomplete)++;
			continue;
		}
		ret = copy_run(st, tables, sqlite3_column_int64(runs, 0));
		if (ret > 0)
			(*skipped)++;
		else if (!ret)
			(*copied)++;
		ret = ret > 0 ? 0 : ret;
	}
	sqlite3_finalize(runs);
	if (!ret && runs)
		ret = store_exec(st, "COMMIT");
	else
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	store_names_free(tables);
	if (store_exec(st, "DETACH shard"))
		ret = -1;
	return ret;
}

int store_merge(const char *out, const char *const *shards, size_t nr,
		FILE *report)
{
	int64_t copied = 0, skipped = 0, incomplete = 0;
	struct store *st = NULL;
	char *sweep = check_shards(shards, nr), *target;
	struct stat sb;
	int ret;

	if (!sweep)
		return STORE_ERR_VERSION;
	/*
	 * An existing output of another version is refused, unchanged; one of
	 * 0 bytes is a merge killed before it wrote anything, done again.  A
	 * new output is written beside it and renamed when complete, so that
	 * a killed merge leaves no output that this merge would refuse.
	 */
	if (!stat(out, &sb) && sb.st_size > 0) {
		ret = store_open_read(&st, out);
		store_close(st);
		if (ret) {
			free(sweep);
			return ret;
		}
		target = xstrdup(out);
	} else {
		target = xmalloc(strlen(out) + 32);
		sprintf(target, "%s.merging-%ld", out, (long)getpid());
	}
	ret = store_open_write(&st, target);
	for (size_t i = 0; !ret && i < nr; i++)
		ret = merge_shard(st, shards[i], &copied, &skipped,
				  &incomplete);
	if (store_close(st))
		ret = -1;
	if (strcmp(target, out)) {
		if (!ret && rename(target, out)) {
			diag_error(DIAG_LOC(out, 0), "cannot rename %s to it: "
				   "%s", target, strerror(errno));
			ret = -1;
		}
		if (ret)
			unlink(target);
	}
	free(target);
	if (!ret && report)
		fprintf(report, "fragsim merge: sweep %s: %lld runs copied "
		       "into %s, "
		       "%lld already there, %lld incomplete left out\n",
		       sweep, (long long)copied, out, (long long)skipped,
		       (long long)incomplete);
	free(sweep);
	return ret ? STORE_ERR : 0;
}
