/*
 * extfrag.h - the debugfs files extfrag/extfrag_index and
 * extfrag/unusable_index (mm/vmstat.c: extfrag_show_print,
 * unusable_show_print), and a reader of /proc/buddyinfo to compute them
 * from a real machine's file.
 */
#ifndef FRAGSIM_PROC_EXTFRAG_H
#define FRAGSIM_PROC_EXTFRAG_H

#include <stdio.h>

#include "mm/mmzone.h"

/* One line of /proc/buddyinfo. */
struct buddyinfo_zone {
	int node;
	char zone[16];
	unsigned long nr_free[MAX_ORDER];
};

/*
 * Read /proc/buddyinfo text from path.  On success returns the number of
 * zones and sets *zones (free() it); on bad input prints "path:line: ..."
 * and returns -1.
 */
int buddyinfo_read(const char *path, struct buddyinfo_zone **zones);

/* One zone's line of extfrag_index or (unusable) unusable_index. */
void extfrag_show_zone(FILE *out, int node, const char *zone,
		       const unsigned long nr_free[MAX_ORDER], int unusable);

#endif
