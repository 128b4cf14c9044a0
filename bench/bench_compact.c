/*
 * bench_compact.c - speed of compaction.
 *
 * Boots a machine whose memory is one 16 GiB Normal zone, fills it with
 * order-0 anonymous pages, frees a pseudo-random half (GSL's MT19937), and
 * times a full compaction of the zone as writing vm.compact_memory does.
 * Prints pages scanned and migrated per second and the huge pages (order-9
 * blocks) available before and after.  Usage: bench_compact [SEED]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_rng.h>

#include "mm/compaction.h"

#define ZONE_PAGES	(16UL << (30 - PAGE_SHIFT))

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static unsigned long huge_blocks(const struct zone *zone)
{
	return zone->free_area[9].nr_free + 2 * zone->free_area[10].nr_free;
}

int main(int argc, char **argv)
{
	unsigned long seed = argc > 1 ? strtoul(argv[1], NULL, 10) : 1;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	unsigned long before, scanned, migrated, freed = 0;
	struct printk_log log;
	struct mm_state mm;
	struct machine m;
	struct zone *zone;
	double t0, t1;

	gsl_rng_set(rng, seed);
	machine_init(&m, &arch_x86_64, "bench");
	memblock_add_node(&m.memory, 4ULL << 30, ZONE_PAGES << PAGE_SHIFT, 0, 0);
	m.node_declared[0] = true;
	m.boot_allocations = false;
	printk_init(&log);
	if (mm_init(&mm, &m, &log)) {
		fprintf(stderr, "bench_compact: boot failed\n");
		return 1;
	}
	mm.log = NULL;
	zone = mm_zone(&mm, 0, ZONE_NORMAL);
	while (rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE, OWNER_ANON, 0) != PFN_NONE)
		;
	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++)
		if (gsl_rng_uniform(rng) < 0.5) {
			free_pages(&mm, pfn, 0);
			freed++;
		}
	drain_all_pages(&mm, NULL);
	before = huge_blocks(zone);

	t0 = now();
	compact_nodes(&mm);
	t1 = now();
	drain_all_pages(&mm, NULL);
	scanned = mm.vm_events[COMPACTMIGRATE_SCANNED] + mm.vm_events[COMPACTFREE_SCANNED];
	migrated = mm.vm_events[PGMIGRATE_SUCCESS];

	printf("fragsim compaction benchmark: one 16 GiB zone (%lu frames), "
	       "a random half of its order-0 anon pages freed (%lu), seed %lu\n",
	       ZONE_PAGES, freed, seed);
	printf("  full compaction:   %.3f s wall (compact_memory, sync, whole zone)\n",
	       t1 - t0);
	printf("  pages scanned:     %lu (%.1f M/s: migrate %lu, free %lu)\n",
	       scanned, (double)scanned / (t1 - t0) / 1e6,
	       mm.vm_events[COMPACTMIGRATE_SCANNED], mm.vm_events[COMPACTFREE_SCANNED]);
	printf("  pages migrated:    %lu (%.1f M/s), %lu failed\n", migrated,
	       (double)migrated / (t1 - t0) / 1e6, mm.vm_events[PGMIGRATE_FAIL]);
	printf("  order-9 blocks:    %lu before, %lu after, %lu possible\n",
	       before, huge_blocks(zone), zone->nr_free_pages / 512);
	if (mm_check_invariants(&mm, stderr)) {
		fprintf(stderr, "bench_compact: invariants broken\n");
		return 1;
	}
	mm_release(&mm);
	machine_release(&m);
	printk_release(&log);
	gsl_rng_free(rng);
	return 0;
}
