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
#include <time.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "mm/page_alloc.h"

#define ZONE_BASE	(4ULL << 30)
#define ZONE_PAGES	(16UL << (30 - PAGE_SHIFT))

/*
 * An allocated block as the harness holds it, in 16 bytes so that an entry
 * never straddles two cache lines (the machine's pfns fit 32 bits).
 */
struct live_block {
	uint32_t pfn;
	uint32_t order;
	struct block_ref ref;
};
_Static_assert(PHYS_PFN(ZONE_BASE) + ZONE_PAGES <= UINT32_MAX,
	       "a pfn of the zone fits a live_block");


/* How many operations ahead the harness fetches its own table's slot. */
#define LIVE_AHEAD	4

static const unsigned int orders[] = { 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 9 };
static const gfp_t gfps[] = {
	GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_HIGHUSER_MOVABLE,
	GFP_KERNEL_RECLAIMABLE,
};
static const enum owner_kind kinds[] = {
	OWNER_SLAB_UNMOVABLE, OWNER_ANON, OWNER_PAGECACHE,
	OWNER_SLAB_RECLAIMABLE,
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	unsigned long ops = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000000UL;
	unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 10) : 1;
	struct live_block *live;
	unsigned long nlive = 0, live_pages = 0, allocs = 0, frees = 0,
		      failed = 0;
	/* the slot a free at the next operation takes, found (and
	 * prefetched) at the end of this one */
	uint32_t next_slot = 0;
	uint64_t *rnd;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct printk_log log;
	struct mm_state mm;
	struct machine m;
	double t0, t1;
	size_t state;

	gsl_rng_set(rng, seed);
	machine_init(&m, &arch_x86_64, "bench");
	memblock_add_node(&m.memory, ZONE_BASE, ZONE_PAGES << PAGE_SHIFT, 0, 0);
	m.node_declared[0] = true;
	m.boot_allocations = false;
	printk_init(&log);
	if (mm_init(&mm, &m, &log)) {
		fprintf(stderr, "bench_alloc: boot failed\n");
		return 1;
	}
	mm.log = NULL;	/* allocation failures are counted, not printed */
	live = malloc(ZONE_PAGES * sizeof(*live));
	rnd = malloc(ops * sizeof(*rnd));
	for (unsigned long i = 0; i < ops; i++)
		rnd[i] = (uint64_t)gsl_rng_get(rng) << 32 | gsl_rng_get(rng);

	t0 = now();
	for (unsigned long i = 0; i < ops; i++) {
		uint64_t r = rnd[i];
		/* keep memory about half full: allocate below, free above */
		unsigned int p = (unsigned int)(r % 10);
		int alloc = live_pages < ZONE_PAGES / 2 ? p < 6 : p < 4;
		int cpu = (int)(r >> 8 & 1);

		if (alloc || !nlive) {
			unsigned int order = orders[(r >> 16) % 12];
			int k = (int)(r >> 24 & 3);
			struct alloc_result res = alloc_pages(&mm, gfps[k], order,
							      cpu, kinds[k]);

			if (res.pfn == PFN_NONE) {
				failed++;
			} else {
				live[nlive++] = (struct live_block){
					.pfn = (uint32_t)res.pfn,
					.order = order, .ref = res.ref };
				live_pages += 1UL << order;
				allocs++;
			}
		} else {
			/* never the first operation: nothing is live then */
			unsigned long j = next_slot;

			live_pages -= 1UL << live[j].order;
			__free_pages(&mm, live[j].ref, live[j].pfn,
				     live[j].order, cpu);
			live[j] = live[--nlive];
			frees++;
		}

		/*
		 * The harness's own table is not the allocator's cost: find
		 * the slot the next operation takes if it is a free (random
		 * bits 32-63 scaled to the live count by a multiply, not a
		 * division), once, and fetch it now.
		 */
		if (nlive && i + 1 < ops) {
			next_slot = (uint32_t)((rnd[i + 1] >> 32) * nlive >> 32);
			__builtin_prefetch(&live[next_slot]);
		}
		/*
		 * One operation ahead is too short for a miss in a table this
		 * size: fetch where the slot of the operation LIVE_AHEAD on
		 * will be, from today's count (each operation moves the count
		 * by one, so the slot by at most an entry).
		 */
		if (nlive && i + LIVE_AHEAD < ops)
			__builtin_prefetch(&live[(rnd[i + LIVE_AHEAD] >> 32) *
						 nlive >> 32]);
	}
	t1 = now();

	state = (mm.memmap.end_pfn - mm.memmap.base_pfn) *
		(sizeof(uint32_t) +
		 (double)sizeof(*mm.memmap.pageblock) / pageblock_nr_pages);
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
	 * the most of each it ever used */
	printf("  with list pools:   %.3f bytes/frame (+ %u free-list nodes x %zu "
	       "B, %u block records x %zu B)\n",
	       (double)(state + mm.free_blocks_used * sizeof(struct free_block) +
			mm.blocks_used * sizeof(struct page_block)) /
		       (double)ZONE_PAGES,
	       mm.free_blocks_used, sizeof(struct free_block), mm.blocks_used,
	       sizeof(struct page_block));
	printf("  live at the end:   %lu blocks, %lu pages (%.1f%% of the zone)\n",
	       nlive, live_pages, 100.0 * (double)live_pages / ZONE_PAGES);
	if (mm_check_invariants(&mm, stderr)) {
		fprintf(stderr, "bench_alloc: invariants broken\n");
		return 1;
	}
	free(live);
	free(rnd);
	mm_release(&mm);
	machine_release(&m);
	printk_release(&log);
	gsl_rng_free(rng);
	return 0;
}
