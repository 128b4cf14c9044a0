/*
 * bench_alloc.c - speed and memory of the page allocator model.
 *
 * Boots a machine whose memory is one 16 GiB Normal zone, then runs random
 * allocations and frees through alloc_pages and __free_pages (pcp lists
 * on, watermarks and fallbacks as the kernel), keeping memory about half
 * full with a mix of orders and migratetypes.  It holds each live block
 * as the engine does, by what the allocation returned (head pfn and
 * block_ref) and the order it asked for, and frees it by them.  The random
 * numbers (GSL's MT19937) are drawn before the clock starts, so the
 * figure is the allocator's.  Prints operations per second and the bytes
 * of state per 4 KiB frame.  Usage: bench_alloc [OPERATIONS] [SEED]
 */
#include <stdio.h>
#include <stdlib.h>

#include "mm/page_alloc.h"

/* fragsim's allocator, for the shared work (alloc_work.h) */
struct work_allocator {
	struct mm_state mm;
};

#include "alloc_work.h"
#include "bench_util.h"

static inline bool work_alloc(struct work_allocator *a, int kind,
			      unsigned int order, int cpu,
			      struct live_block *out)
{
	struct alloc_result res = alloc_pages(&a->mm, work_gfps[kind], order,
					      cpu, work_kinds[kind]);

	if (res.pfn == PFN_NONE)
		return false;
	*out = (struct live_block){ .pfn = (uint32_t)res.pfn, .order = order,
				    .ref = res.ref };
	return true;
}

static inline void work_free(struct work_allocator *a,
			     const struct live_block *b, int cpu)
{
	__free_pages(&a->mm, b->ref, b->pfn, b->order, cpu);
}

int main(int argc, char **argv)
{
	unsigned long ops = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000000UL;
	unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 10) : 1;
	static struct work_allocator a;
	struct live_block *live;
	unsigned long nlive, live_pages, allocs, frees, failed;
	struct work_result w;
	uint64_t *rnd;
	struct printk_log log;
	struct machine m;
	double t0, t1;
	size_t state;

	machine_init(&m, &arch_x86_64, "bench");
	memblock_add_node(&m.memory, ZONE_BASE, ZONE_PAGES << PAGE_SHIFT, 0, 0);
	m.node_declared[0] = true;
	m.boot_allocations = false;
	printk_init(&log);
	if (mm_init(&a.mm, &m, &log)) {
		fprintf(stderr, "bench_alloc: boot failed\n");
		return 1;
	}
	a.mm.log = NULL;	/* allocation failures are counted, not printed */
	live = malloc(ZONE_PAGES * sizeof(*live));
	rnd = work_random(ops, seed);

	t0 = bench_now();
	w = work_run(&a, rnd, ops, live);
	t1 = bench_now();
	nlive = w.nlive;
	live_pages = w.live_pages;
	allocs = w.allocs;
	frees = w.frees;
	failed = w.failed;
	state = (a.mm.memmap.end_pfn - a.mm.memmap.base_pfn) *
		(sizeof(uint32_t) +
		 (double)sizeof(*a.mm.memmap.pageblock) / pageblock_nr_pages);
	printf("fragsim page allocator benchmark: one 16 GiB zone (%lu frames), "
	       "2 CPUs, pcp on, seed %lu\n", ZONE_PAGES, seed);
	printf("  operations:        %lu (%lu allocations, %lu frees, %lu "
	       "failed allocations)\n",
	       allocs + frees + failed, allocs, frees, failed);
	printf("  wall time:         %.3f s\n", t1 - t0);
	printf("  throughput:        %.2f M operations/s\n",
	       (double)(allocs + frees + failed) / (t1 - t0) / 1e6);
	printf("  per-frame state:   %.3f bytes/frame (memmap word, pageblock "
	       "flags, zone and allocated-page counts)\n",
	       (double)state / (double)ZONE_PAGES);
	/* the pools are reserved for a frame each; what the run touched is
	 * the most of each it ever used; a record has its reclaim-list links
	 * beside it */
	printf("  with list pools:   %.3f bytes/frame (+ %u free-list nodes x %zu "
	       "B, %u block records x %zu + %zu B)\n",
	       (double)(state + a.mm.free_blocks_used * sizeof(struct free_block) +
			a.mm.blocks_used * (sizeof(struct page_block) +
					    sizeof(struct page_block_lru))) /
		       (double)ZONE_PAGES,
	       a.mm.free_blocks_used, sizeof(struct free_block), a.mm.blocks_used,
	       sizeof(struct page_block), sizeof(struct page_block_lru));
	printf("  live at the end:   %lu blocks, %lu pages (%.1f%% of the zone)\n",
	       nlive, live_pages, 100.0 * (double)live_pages / ZONE_PAGES);
	if (mm_check_invariants(&a.mm, stderr)) {
		fprintf(stderr, "bench_alloc: invariants broken\n");
		return 1;
	}
	free(live);
	free(rnd);
	mm_release(&a.mm);
	machine_release(&m);
	printk_release(&log);
	return 0;
}
