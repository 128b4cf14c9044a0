/*
 * testbed.h - the small machines the unit tests boot: one node whose
 * memory is a single pfn range, no boot allocations (every page of the
 * range is free after boot), 2 CPUs.
 */
#ifndef FRAGSIM_TESTS_TESTBED_H
#define FRAGSIM_TESTS_TESTBED_H

#include <stdbool.h>
#include <stddef.h>

#include "mm/page_alloc.h"

/*
 * Boot mm with memory [start_pfn, start_pfn + nr_pages), per-cpu lists as
 * pcp says.  The boot messages are dropped (mm->log is NULL).
 */
void testbed_boot(struct mm_state *mm, unsigned long start_pfn,
		  unsigned long nr_pages, bool pcp);

/*
 * Boot mm from machine m, which the caller has described (node 0 declared,
 * no boot allocations) and which is released here; boot messages dropped.
 */
void testbed_boot_machine(struct mm_state *mm, struct machine *m);

/* A fresh database path for the test called name, in $TMPDIR or /tmp,
 * with no database (nor its WAL files) there. */
void testbed_db_path(char *path, size_t len, const char *name);

/* Remove the database at path and its WAL files. */
void testbed_remove_db(const char *path);

#endif
