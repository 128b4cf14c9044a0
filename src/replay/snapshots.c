/*
 * snapshots.c - the pagetypeinfo snapshots beside a trace (see
 * snapshots.h): found by name, the start state filled from one, zones
 * matched by name for the end's comparison.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "replay/snapshots.h"
#include "util/xalloc.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int replay_find_snapshots(const char *trace, char **out, int max)
{
	char *dir = xstrdup(trace), *slash = strrchr(dir, '/');
	char path[4096];
	struct dirent *de;
	struct stat st;
	int n = 0;
	DIR *d;

	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	d = opendir(dir);
	while (d && (de = readdir(d)) && n < max) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/pagetypeinfo", dir,
			 de->d_name);
		if (!stat(path, &st) && S_ISREG(st.st_mode))
			out[n++] = xstrdup(path);
	}
	if (d)
		closedir(d);
	qsort(out, (size_t)n, sizeof(*out), cmp_str);
	snprintf(path, sizeof(path), "%s/pagetypeinfo", dir);
	if (n < max && !stat(path, &st) && S_ISREG(st.st_mode))
		out[n++] = xstrdup(path);	/* beside the trace: the last */
	free(dir);
	return n;
}

static struct zone *zone_named(struct mm_state *mm, int nid, const char *name)
{
	if (nid < 0 || nid >= mm->layout.nr_node_ids)
		return NULL;
	for (int t = 0; t < MAX_NR_ZONES; t++)
		if (!strcmp(zone_names[t], name))
			return mm_zone(mm, nid, (enum zone_type)t);
	return NULL;
}

/* Free pages on a zone's lists of one migratetype. */
static unsigned long free_of_type(const struct zone *z, enum migratetype mt)
{
	unsigned long pages = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++)
		pages += (unsigned long)z->free_area[o].free_list[mt].nr << o;
	return pages;
}

void replay_build_start(struct mm_state *mm,
			const struct pagetypeinfo_table *t,
			unsigned long held[MIGRATE_PCPTYPES])
{
	static const struct {
		enum migratetype mt;
		enum owner_kind kind;
	} fill[] = {
		{ MIGRATE_UNMOVABLE, OWNER_KERNEL },
		/* in use when the trace began: not for the shrinkers */
		{ MIGRATE_RECLAIMABLE, OWNER_KERNEL },
	};

	for (int i = 0; i < t->nr_rows; i++) {
		struct zone *z = zone_named(mm, t->rows[i].nid,
					    t->rows[i].zone);
		unsigned long kfree = 0;

		if (!z || !z->managed_pages)
			continue;
		for (size_t k = 0; k < sizeof(fill) / sizeof(fill[0]); k++) {
			enum migratetype mt = fill[k].mt;

			while (z->nr_pageblock[mt] < t->rows[i].count[mt] ||
			       free_of_type(z, mt) > t->free[i][mt]) {
				if (rmqueue_block(mm, z, 0, mt, fill[k].kind,
						  0) == PFN_NONE)
					break;
				held[mt]++;
			}
		}
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			kfree += t->free[i][mt];
		while (z->nr_free_pages > kfree &&
		       rmqueue_block(mm, z, 0, MIGRATE_MOVABLE, OWNER_ANON,
				     0) != PFN_NONE)
			held[MIGRATE_MOVABLE]++;
	}
}

void replay_zone_pageblocks(struct mm_state *mm, int nid, const char *zone,
			    unsigned long out[MIGRATE_TYPES])
{
	struct zone *z = zone_named(mm, nid, zone);

	memset(out, 0, MIGRATE_TYPES * sizeof(*out));
	if (z && z->spanned_pages)
		memcpy(out, z->nr_pageblock, MIGRATE_TYPES * sizeof(*out));
}
