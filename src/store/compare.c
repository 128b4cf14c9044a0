/*
 * compare.c - what "fragsim rerun" needs from the store: a run's
 * provenance, and a row-by-row comparison of a run with another database's
 * run (see store.h).  The comparison is generic over the per-run tables,
 * so a table added to the schema is compared too.
 */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"
#include "util/diag.h"
#include "util/xalloc.h"

/* The runs columns a repeat of the run must reproduce: not its times,
 * wall clock, paths, command line or sweep. */
static const char run_columns[] =
	"status, model_kind, model_text, boot_cmdline, workload_name, "
	"workload_text, seed, tick_ns, map_ns, nr_cpus, simulated_ns, events, "
	"frees, throttled, thp_fallbacks, pin_migrations";

static char *text_dup(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);

	return xstrdup(t ? (const char *)t : "");
}

static int read_sets(struct store *st, int64_t run, struct store_provenance *p)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT key || '=' || value "
		"FROM run_sets WHERE run_id = ?1 ORDER BY position");

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		p->sets = xrealloc(p->sets, (size_t)(p->nr_sets + 1) *
				   sizeof(*p->sets));
		p->sets[p->nr_sets++] = text_dup(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return 0;
}

int store_read_provenance(struct store *st, int64_t run,
			  struct store_provenance *p)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT model_kind, "
		"model_text, workload_text, boot_cmdline, fragsim_version, "
		"command_line, seed, tick_ns, map_ns, workload_name FROM runs "
		"WHERE run_id = ?1");
	int ret = -1;

	memset(p, 0, sizeof(*p));
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, run);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		p->model_kind = text_dup(stmt, 0);
		p->model_text = text_dup(stmt, 1);
		p->workload_text = text_dup(stmt, 2);
		p->boot_cmdline = text_dup(stmt, 3);
		p->fragsim_version = text_dup(stmt, 4);
		p->command_line = text_dup(stmt, 5);
		p->seed = (uint64_t)sqlite3_column_int64(stmt, 6);
		p->tick_ns = sqlite3_column_int64(stmt, 7);
		p->map_ns = sqlite3_column_int64(stmt, 8);
		p->workload_name = text_dup(stmt, 9);
		ret = read_sets(st, run, p);
	} else {
		diag_error(DIAG_LOC(st->path, 0), "no run %lld",
			   (long long)run);
	}
	sqlite3_finalize(stmt);
	return ret;
}

void store_provenance_release(struct store_provenance *p)
{
	free(p->model_kind);
	free(p->model_text);
	free(p->workload_text);
	free(p->workload_name);
	free(p->boot_cmdline);
	free(p->fragsim_version);
	free(p->command_line);
	for (int i = 0; i < p->nr_sets; i++)
		free(p->sets[i]);
	free(p->sets);
	memset(p, 0, sizeof(*p));
}

/* Print up to a few rows of sql (two int64 parameters) as "label: row". */
static int64_t print_rows(struct store *st, const char *sql, int64_t a,
			  int64_t b, const char *label, FILE *out)
{
	sqlite3_stmt *stmt = store_prepare(st, sql);
	int64_t n = 0;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, a);
	sqlite3_bind_int64(stmt, 2, b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ >= 3)
			continue;
		fprintf(out, "    %s:", label);
		for (int c = 0; c < sqlite3_column_count(stmt); c++) {
			const unsigned char *t = sqlite3_column_text(stmt, c);

			fprintf(out, " %s=%s", sqlite3_column_name(stmt, c),
				t ? (const char *)t : "NULL");
		}
		fputc('\n', out);
	}
	sqlite3_finalize(stmt);
	if (n > 3)
		fprintf(out, "    ... %lld rows in all\n", (long long)n - 3);
	return n;
}

/*
 * Compare table's rows of run a (main) and run b (the attached "other"):
 * rows only in one side, ordered by the key, so that the first
 * difference shows first.  0 if equal, 1 if not, -1 on error.
 */
static int compare_table(struct store *st, const char *table,
			 const char *cols, int64_t a, int64_t b, FILE *out)
{
	char *key = strcmp(table, "runs") ? store_key_columns(st, "main",
							       table) :
		    xstrdup("seed");
	char *sql;
	int64_t only_a, only_b;

	if (!key)
		return -1;
	sql = xmalloc(strlen(cols) * 2 + strlen(table) * 2 + strlen(key) +
		      200);
	sprintf(sql, "SELECT %s FROM main.\"%s\" WHERE run_id = ?1 EXCEPT "
		"SELECT %s FROM other.\"%s\" WHERE run_id = ?2 ORDER BY %s",
		cols, table, cols, table, key);
	fprintf(out, "  %s:\n", table);
	only_a = print_rows(st, sql, a, b, "stored", out);
	sprintf(sql, "SELECT %s FROM other.\"%s\" WHERE run_id = ?2 EXCEPT "
		"SELECT %s FROM main.\"%s\" WHERE run_id = ?1 ORDER BY %s",
		cols, table, cols, table, key);
	only_b = print_rows(st, sql, a, b, "rerun ", out);
	free(sql);
	free(key);
	if (only_a < 0 || only_b < 0)
		return -1;
	return only_a || only_b;
}

/* compare_table, but printing only if the table differs. */
static int table_differs(struct store *st, const char *table,
			 const char *cols, int64_t a, int64_t b, FILE *out)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	int ret;

	if (!mem)
		return -1;
	ret = compare_table(st, table, cols, a, b, mem);
	fclose(mem);
	if (ret)
		fputs(buf, out);
	free(buf);
	return ret;
}

static int attach_other(struct store *st, const char *path)
{
	sqlite3_stmt *stmt = store_prepare(st, "ATTACH ?1 AS other");
	int ret = 0;

	if (!stmt)
		return -1;
	sqlite3_bind_text(stmt, 1, path, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		ret = store_error(st, "attaching the rerun's database");
	sqlite3_finalize(stmt);
	return ret;
}

int store_compare_run(struct store *st, int64_t run, const char *other_path,
		      int64_t other_run, FILE *out)
{
	char **tables;
	int differ = 0, ret;

	if (attach_other(st, other_path))
		return -1;
	tables = store_run_tables(st, "main");
	ret = tables ? table_differs(st, "runs", run_columns, run,
				     other_run, out) : -1;
	differ += ret > 0;
	for (char **t = tables; ret >= 0 && *t; t++) {
		char *cols = store_columns_but_run(st, "main", *t);

		ret = cols ? table_differs(st, *t, cols, run, other_run, out) :
		      -1;
		differ += ret > 0;
		free(cols);
	}
	store_names_free(tables);
	sqlite3_exec(st->db, "DETACH other", NULL, NULL, NULL);
	return ret < 0 ? -1 : differ;
}
