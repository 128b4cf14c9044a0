/*
 * pagetypeinfo.c - reading a captured /proc/pagetypeinfo (see
 * pagetypeinfo.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "machine/pagetypeinfo.h"
#include "util/line_reader.h"

static int row_of(struct pagetypeinfo_table *t, int nid, const char *zone, bool add)
{
	for (int i = 0; i < t->nr_rows; i++)
		if (t->rows[i].nid == nid && !strcmp(t->rows[i].zone, zone))
			return i;
	if (!add || t->nr_rows == MAX_NUMNODES * MAX_NR_ZONES)
		return -1;
	t->rows[t->nr_rows].nid = nid;
	snprintf(t->rows[t->nr_rows].zone, sizeof(t->rows[0].zone), "%s",
		 zone);
	return t->nr_rows++;
}

static int type_of(const char *name)
{
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		if (!strcmp(migratetype_names[mt], name))
			return mt;
	return -1;
}

int pagetypeinfo_read(const char *path, struct pagetypeinfo_table *t)
{
	struct line_reader lr;
	char *line;
	int cols[MIGRATE_TYPES], nr_cols = 0, got;
	bool in_blocks = false;

	memset(t, 0, sizeof(*t));
	if (line_reader_open(&lr, path, "a /proc/pagetypeinfo snapshot",
			     4096, 4ULL << 20))
		return -2;
	while ((got = line_reader_next(&lr, &line)) > 0) {
		char zone[16], type[16];
		int nid, n;
		unsigned long v;

		if (!strncmp(line, "Number of blocks type", 21)) {
			char *tok = strtok(line + 21, " \n");

			for (; tok && nr_cols < MIGRATE_TYPES;
			     tok = strtok(NULL, " \n"))
				cols[nr_cols++] = type_of(tok);
			in_blocks = true;
			continue;
		}
		if (sscanf(line, "Node %d, zone %15[^,], type %15s%n", &nid,
			   zone, type, &n) == 3) {
			int row = row_of(t, nid, zone, true), mt = type_of(type);
			const char *p = line + n;
			int off;

			for (int o = 0; row >= 0 && mt >= 0 && o < MAX_ORDER &&
			     sscanf(p, "%lu%n", &v, &off) == 1; o++, p += off)
				t->free[row][mt] += v << o;
			continue;
		}
		if (in_blocks && sscanf(line, "Node %d, zone %15s%n", &nid,
					zone, &n) == 2) {
			int row = row_of(t, nid, zone, true);
			const char *p = line + n;
			int off;

			for (int c = 0; row >= 0 && c < nr_cols &&
			     sscanf(p, "%lu%n", &v, &off) == 1; c++, p += off)
				if (cols[c] >= 0)
					t->rows[row].count[cols[c]] = v;
		}
	}
	line_reader_close(&lr);
	if (got < 0)
		return -2;
	return nr_cols ? 0 : -1;
}
