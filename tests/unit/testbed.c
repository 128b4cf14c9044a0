/*
 * testbed.c - small machines for the unit tests (see testbed.h).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "testbed.h"

void testbed_boot_machine(struct mm_state *mm, struct machine *m)
{
	struct printk_log log;

	m->node_declared[0] = true;
	m->boot_allocations = false;
	printk_init(&log);
	ck_assert_int_eq(mm_init(mm, m, &log), 0);
	mm->log = NULL;		/* the log does not outlive this function */
	printk_release(&log);
	machine_release(m);
}

void testbed_boot(struct mm_state *mm, unsigned long start_pfn,
		  unsigned long nr_pages, bool pcp)
{
	struct machine m;

	machine_init(&m, &arch_x86_64, "test");
	memblock_add_node(&m.memory, PFN_PHYS(start_pfn), PFN_PHYS(nr_pages),
			  0, 0);
	m.sysctl.pcp_enabled = pcp;
	testbed_boot_machine(mm, &m);
}

void testbed_remove_db(const char *path)
{
	char aux[300];

	unlink(path);
	snprintf(aux, sizeof(aux), "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof(aux), "%s-shm", path);
	unlink(aux);
	/* the store's disk-full reserve, left by a writer that never closed */
	snprintf(aux, sizeof(aux), "%s-reserve", path);
	unlink(aux);
}

void testbed_db_path(char *path, size_t len, const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(path, len, "%s/%s.%d.db", tmp ? tmp : "/tmp", name,
		 (int)getpid());
	testbed_remove_db(path);
}
