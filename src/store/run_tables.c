/*
 * run_tables.c - the schema as the store's generic copiers see it: which
 * tables hold a run's rows and their columns, read from the database
 * itself so that merging, deleting and comparing runs follow any table the
 * schema has.
 */
#include <stdlib.h>
#include <string.h>

#include "store/internal.h"
#include "util/xalloc.h"

char **store_run_tables(struct store *st, const char *schema)
{
	char sql[256];
	sqlite3_stmt *stmt;
	char **names = xcalloc(1, sizeof(*names));
	size_t n = 0;

	snprintf(sql, sizeof(sql),
		 "SELECT m.name FROM \"%s\".sqlite_master m, "
		 "pragma_table_info(m.name, '%s') c WHERE m.type = 'table' "
		 "AND m.name <> 'runs' AND c.name = 'run_id' ORDER BY m.name",
		 schema, schema);
	stmt = store_prepare(st, sql);
	if (!stmt) {
		free(names);
		return NULL;
	}
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		names = xrealloc(names, (n + 2) * sizeof(*names));
		names[n++] = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		names[n] = NULL;
	}
	sqlite3_finalize(stmt);
	return names;
}

/* Columns of table joined by commas: all but run_id, or the key's. */
static char *columns(struct store *st, const char *schema, const char *table,
		     bool key_only)
{
	char sql[256];
	sqlite3_stmt *stmt;
	size_t len = 0, cap = 256;
	char *out = xmalloc(cap);

	*out = '\0';
	snprintf(sql, sizeof(sql), "SELECT name FROM pragma_table_info(?1, "
		 "?2) WHERE %s ORDER BY %s", key_only ? "pk > 0 AND name <> 'run_id'" :
		 "name <> 'run_id'", key_only ? "pk" : "cid");
	stmt = store_prepare(st, sql);
	if (!stmt) {
		free(out);
		return NULL;
	}
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, schema, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);

		if (len + strlen(name) + 4 > cap)
			out = xgrow(out, &cap, len + strlen(name) + 4, 1);
		len += (size_t)sprintf(out + len, "%s\"%s\"", len ? ", " : "",
				       name);
	}
	sqlite3_finalize(stmt);
	return out;
}

char *store_columns_but_run(struct store *st, const char *schema,
			    const char *table)
{
	return columns(st, schema, table, false);
}

char *store_key_columns(struct store *st, const char *schema,
			const char *table)
{
	char *key = columns(st, schema, table, true);

	if (key && !*key) {
		free(key);
		key = xstrdup("1");
	}
	return key;
}

void store_names_free(char **names)
{
	for (char **n = names; n && *n; n++)
		free(*n);
	free(names);
}
