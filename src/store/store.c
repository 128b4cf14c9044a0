/*
 * store.c - opening and closing the result store: the schema version
 * check that refuses a database of another version before anything is
 * written to it, the creation of a new database's schema, and helpers the
 * writer and reader share.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/internal.h"
#include "util/diag.h"
#include "util/xalloc.h"

const char *const run_status_names[] = {
	[RUN_RUNNING] = "running",
	[RUN_COMPLETE] = "complete",
	[RUN_INTERRUPTED] = "interrupted",
	[RUN_FAILED] = "failed",
	[RUN_STALLED] = "stalled",
	[RUN_TIME_LIMIT] = "time_limit",
};

int store_error(struct store *st, const char *what)
{
	diag_error(DIAG_LOC(st->path, 0), "%s: %s", what,
		   sqlite3_errmsg(st->db));
	return -1;
}

int store_exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	diag_error(DIAG_LOC(st->path, 0), "%s", msg ? msg : "SQL failed");
	sqlite3_free(msg);
	return -1;
}

sqlite3_stmt *store_prepare(struct store *st, const char *sql)
{
	sqlite3_stmt *stmt;

	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &stmt, NULL) != SQLITE_OK) {
		store_error(st, "preparing a statement");
		return NULL;
	}
	return stmt;
}

/* A single integer from sql; -1 (reported) if it fails. */
static int query_int(struct store *st, const char *sql, int64_t *out)
{
	sqlite3_stmt *stmt = store_prepare(st, sql);
	int rc;

	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return store_error(st, "reading the schema");
	return 0;
}

/* What marking a run failed (and rolling back) takes, many times over. */
#define STORE_RESERVE	(256 * 1024)

/* Set STORE_RESERVE bytes aside in DB-reserve; without it (no room even
 * for that), a full disk is met sooner and the run stays "running". */
static void reserve_take(struct store *st)
{
	char *path = xmalloc(strlen(st->path) + 16);
	int fd;

	sprintf(path, "%s-reserve", st->path);
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	if (fd < 0) {
		free(path);
		return;
	}
	if (posix_fallocate(fd, 0, STORE_RESERVE)) {
		close(fd);
		unlink(path);
		free(path);
		return;
	}
	close(fd);
	st->reserve = path;
}

void store_reserve_release(struct store *st)
{
	if (!st->reserve)
		return;
	unlink(st->reserve);
	free(st->reserve);
	st->reserve = NULL;
}

static void store_free(struct store *st)
{
	store_reserve_release(st);
	for (int i = 0; i < NR_STORE_STMTS; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/*
 * The schema version, and whether the database is empty (new).  Reading
 * them writes nothing, so a database refused here is left as it was.
 */
static int check_version(struct store *st, bool *empty)
{
	int64_t version, tables;

	if (query_int(st, "PRAGMA user_version", &version) ||
	    query_int(st, "SELECT count(*) FROM sqlite_master", &tables))
		return STORE_ERR;
	*empty = !version && !tables;
	if (*empty || version == STORE_SCHEMA_VERSION)
		return 0;
	if (!version) {
		diag_error(DIAG_LOC(st->path, 0), "not a fragsim result "
			   "database (it has tables but no schema version)");
		return STORE_ERR_VERSION;
	}
	diag_error(DIAG_LOC(st->path, 0), "schema version %lld, but this "
		   "fragsim reads and writes version %d only: refusing it, "
		   "unchanged", (long long)version, STORE_SCHEMA_VERSION);
	return STORE_ERR_VERSION;
}

int store_open(struct store **out, const char *path, int flags)
{
	struct store *st = xcalloc(1, sizeof(*st));
	struct stat sb;
	bool empty;
	int ret;

	st->path = xstrdup(path);
	st->tick = -1;
	*out = NULL;
	if (!(flags & SQLITE_OPEN_CREATE) && access(path, F_OK)) {
		diag_error(DIAG_LOC(path, 0), "cannot open the database: %s",
			   strerror(errno));
		store_free(st);
		return STORE_ERR;
	}
	/* SQLite would call it a disk I/O error */
	if (!stat(path, &sb) && S_ISDIR(sb.st_mode)) {
		diag_error(DIAG_LOC(path, 0), "is a directory: expected a "
			   "fragsim result database");
		store_free(st);
		return STORE_ERR;
	}
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		store_error(st, "cannot open the database");
		store_free(st);
		return STORE_ERR;
	}
	sqlite3_busy_timeout(st->db, 10000);
	ret = check_version(st, &empty);
	if (!ret && empty && !(flags & SQLITE_OPEN_CREATE)) {
		diag_error(DIAG_LOC(path, 0), "not a fragsim result database "
			   "(it is empty)");
		ret = STORE_ERR_VERSION;
	}
	if (ret) {
		store_free(st);
		return ret;
	}
	st->empty = empty;
	*out = st;
	return 0;
}

/* The names of the kernel's enums, for the views' joins; new names (a
 * newer fragsim's counters) are added to an existing database. */
static int fill_names(struct store *st)
{
	sqlite3_stmt *mt, *ev;
	int ret = 0;

	mt = store_prepare(st, "INSERT OR IGNORE INTO migratetypes "
			   "VALUES (?, ?)");
	ev = store_prepare(st, "INSERT OR IGNORE INTO vm_event_names "
			   "VALUES (?, ?)");
	for (int i = 0; mt && i < MIGRATE_TYPES && !ret; i++) {
		sqlite3_bind_int(mt, 1, i);
		sqlite3_bind_text(mt, 2, migratetype_names[i], -1, SQLITE_STATIC);
		if (sqlite3_step(mt) != SQLITE_DONE)
			ret = store_error(st, "writing migratetype names");
		sqlite3_reset(mt);
	}
	for (int i = 0; ev && i < NR_VM_EVENT_ITEMS && !ret; i++) {
		sqlite3_bind_int(ev, 1, i);
		sqlite3_bind_text(ev, 2, vm_event_names[i], -1, SQLITE_STATIC);
		if (sqlite3_step(ev) != SQLITE_DONE)
			ret = store_error(st, "writing vm event names");
		sqlite3_reset(ev);
	}
	sqlite3_finalize(mt);
	sqlite3_finalize(ev);
	return mt && ev ? ret : -1;
}

int store_open_write(struct store **out, const char *path)
{
	struct store *st;
	char sql[64];
	bool create;
	int ret;

	ret = store_open(&st, path, SQLITE_OPEN_READWRITE |
			 SQLITE_OPEN_CREATE);
	if (ret)
		return ret;
	create = st->empty;
	/* WAL: a reader never blocks the run, and a crash (kill -9) at any
	 * moment loses at most the uncommitted batch; NORMAL sync is safe
	 * against a process crash, which is the failure we guard */
	if (store_exec(st, "PRAGMA journal_mode = WAL; "
		       "PRAGMA synchronous = NORMAL; BEGIN IMMEDIATE"))
		goto fail;
	if (create) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
			 STORE_SCHEMA_VERSION);
		if (store_exec(st, store_schema_sql) || store_exec(st, sql))
			goto fail_txn;
	}
	if (fill_names(st) || store_exec(st, "COMMIT"))
		goto fail_txn;
	reserve_take(st);
	*out = st;
	return 0;
fail_txn:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
fail:
	store_free(st);
	return STORE_ERR;
}

/*
 * PRAGMA quick_check: a database whose pages are corrupt (a disk error, a
 * copy cut short and patched) would otherwise be read as far as a query
 * happens to go, and what it returned taken for the results.  It reads
 * every page once, which the readers mostly do anyway.
 */
static int check_pages(struct store *st)
{
	sqlite3_stmt *stmt = store_prepare(st, "PRAGMA quick_check(1)");
	const unsigned char *first;
	int rc, ret = 0;

	if (!stmt)
		return -1;
	rc = sqlite3_step(stmt);
	first = rc == SQLITE_ROW ? sqlite3_column_text(stmt, 0) : NULL;
	if (rc != SQLITE_ROW || !first || strcmp((const char *)first, "ok")) {
		const char *why = first ? (const char *)first :
					  sqlite3_errmsg(st->db);
		char line[200];
		size_t n;

		/* its first problem, on one line */
		if (!strncmp(why, "*** in database main ***\n", 25))
			why += 25;
		n = strcspn(why, "\n");
		snprintf(line, sizeof(line), "%.*s", (int)n, why);
		diag_error(DIAG_LOC(st->path, 0), "the database is corrupt (%s): "
			   "expected a whole fragsim result database; refusing "
			   "to read it", line);
		ret = -1;
	}
	sqlite3_finalize(stmt);
	return ret;
}

int store_open_read(struct store **out, const char *path)
{
	int ret = store_open(out, path, SQLITE_OPEN_READONLY);

	if (!ret && check_pages(*out)) {
		store_free(*out);
		*out = NULL;
		return STORE_ERR;
	}
	return ret;
}

int store_close(struct store *st)
{
	int ret = 0;

	if (!st)
		return 0;
	if (st->in_txn && store_exec(st, "COMMIT"))
		ret = -1;
	store_free(st);
	return ret;
}

char *store_file_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t len = 0, cap = 4096, n;
	char *buf;

	if (!f) {
		diag_error(DIAG_LOC(path, 0), "cannot read it again for the "
			   "result store: %s", strerror(errno));
		return NULL;
	}
	buf = xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0)
			buf = xgrow(buf, &cap, cap * 2, 1);
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}
