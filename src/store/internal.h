/*
 * internal.h - what the store's files share: the connection, its prepared
 * statements and helpers.  Not part of the store's interface (store.h).
 */
#ifndef FRAGSIM_STORE_INTERNAL_H
#define FRAGSIM_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* The schema of a new database (schema.c). */
extern const char store_schema_sql[];

/* The writer's prepared statements, one per table written per tick. */
enum store_stmt {
	STMT_TICK,
	STMT_TICK_ZONE,
	STMT_TICK_ORDER,
	STMT_TICK_PAGEBLOCK,
	STMT_TICK_PCP,
	STMT_TICK_VM_EVENT,
	STMT_MAP,
	STMT_ACTION,
	STMT_TRACE,
	STMT_MESSAGE,
	STMT_MOMENT,
	NR_STORE_STMTS
};

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[NR_STORE_STMTS];
	bool empty;			/* no schema yet: a new database */
	bool in_txn;
	double last_commit;		/* wall seconds, CLOCK_MONOTONIC */
	int64_t run;			/* the run being written */
	int64_t tick;			/* the last tick written; -1: none */
	int64_t nr_actions, nr_trace, nr_messages, nr_moments;
	int nr_cpus;
	bool failed;			/* a write failed: stop writing */
	char *reserve;			/* DB-reserve, while writing */
};

/*
 * Give back the space set aside beside a database being written, so that
 * after a write failed on a full disk the run can still be marked failed
 * (in WAL mode that write needs new pages too).  Called on close as well.
 */
void store_reserve_release(struct store *st);

/* Report the connection's last error as "path: what: sqlite's message". */
int store_error(struct store *st, const char *what);

/* Run SQL with no result rows; 0 or -1 (reported). */
int store_exec(struct store *st, const char *sql);

/* Prepare sql; NULL on error (reported). */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);

/* Open path with flags and check its schema version (reading). */
int store_open(struct store **out, const char *path, int flags);

/*
 * The tables of database schema ("main" or an attached name) that hold
 * per-run rows (a run_id column), but not runs itself; NULL-terminated
 * (store_names_free).  run_tables.c.
 */
char **store_run_tables(struct store *st, const char *schema);

/* Table's columns but run_id, comma-separated, in order (free()). */
char *store_columns_but_run(struct store *st, const char *schema,
			    const char *table);

/* The table's primary key columns but run_id, comma-separated (free());
 * "1" if it has none. */
char *store_key_columns(struct store *st, const char *schema,
			const char *table);

void store_names_free(char **names);

/*
 * The kernel's fragmentation (or unusable) index at order 9 of the free
 * blocks of zone (-1: every zone together) at a tick (figures.c).
 */
double store_tick_index_o9(struct store *st, int64_t run, int64_t tick,
			   int zone, bool unusable);

#endif
