/*
 * pagetypeinfo.h - a captured /proc/pagetypeinfo read back (mm/vmstat.c's
 * pagetypeinfo_showfree and pagetypeinfo_showblockcount formats): the
 * pageblocks of each type per zone, and the free pages of each type,
 * summed over the orders.  fragsim replay rebuilds the state at a trace's
 * start from one and sets its end beside another.
 */
#ifndef FRAGSIM_MACHINE_PAGETYPEINFO_H
#define FRAGSIM_MACHINE_PAGETYPEINFO_H

#include "mm/page_alloc.h"

/* The "Number of blocks type" table, and the free pages per zone and type. */
struct pagetypeinfo_table {
	int nr_rows;
	struct {
		int nid;
		char zone[16];
		unsigned long count[MIGRATE_TYPES];
	} rows[MAX_NUMNODES * MAX_NR_ZONES];
	/* free pages per zone and type, from the free counts table */
	unsigned long free[MAX_NUMNODES * MAX_NR_ZONES][MIGRATE_TYPES];
};

/*
 * Read a pagetypeinfo file's two tables into t: 0, -1 if it has no block
 * table, -2 if it could not be read (reported: a bound of a /proc
 * capture, as /dev/zero meets).
 */
int pagetypeinfo_read(const char *path, struct pagetypeinfo_table *t);

#endif
