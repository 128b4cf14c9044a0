/*
 * alloc_work.h - the work bench_alloc measures, for any allocator, so that
 * bench_alloc (fragsim's page allocator) and bench_floor (a bare buddy
 * allocator) time the same operations in the same order: one 16 GiB zone,
 * random allocations of the order mix {0 x7, 1, 2, 3, 4, 9} and random
 * frees keeping it about half full, the random numbers drawn before the
 * clock starts.
 *
 * The file that includes this defines, before including it, the
 * allocator's two operations as static inline functions (so that neither
 * benchmark pays for a call through a pointer):
 *
 *   static inline bool work_alloc(struct work_allocator *a, int kind,
 *                                 unsigned int order, int cpu,
 *                                 struct live_block *out);
 *   static inline void work_free(struct work_allocator *a,
 *                                const struct live_block *b, int cpu);
 *
 * kind (0-3) picks the request's gfp and owner kind (work_gfps,
 * work_kinds); out receives what a later free needs.
 */
#ifndef FRAGSIM_BENCH_ALLOC_WORK_H
#define FRAGSIM_BENCH_ALLOC_WORK_H

#include <stdint.h>
#include <stdlib.h>

#include <gsl/gsl_rng.h>

#include "mm/page_alloc.h"

#define ZONE_BASE	(4ULL << 30)
#define ZONE_PAGES	(16UL << (30 - PAGE_SHIFT))

/* How many operations ahead the harness fetches its own table's slot. */
#define LIVE_AHEAD	4

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

static const unsigned int work_orders[] = { 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4,
					    9 };
static const gfp_t work_gfps[] = {
	GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_HIGHUSER_MOVABLE,
	GFP_KERNEL_RECLAIMABLE,
};
static const enum owner_kind work_kinds[] = {
	OWNER_SLAB_UNMOVABLE, OWNER_ANON, OWNER_PAGECACHE,
	OWNER_SLAB_RECLAIMABLE,
};

struct work_allocator;

/* What a run of the work did. */
struct work_result {
	unsigned long allocs, frees, failed;
	unsigned long nlive, live_pages;
};

/* ops random words from MT19937 seeded with seed (free() it). */
static inline uint64_t *work_random(unsigned long ops, unsigned long seed)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	uint64_t *rnd = malloc(ops * sizeof(*rnd));

	gsl_rng_set(rng, seed);
	for (unsigned long i = 0; rnd && i < ops; i++)
		rnd[i] = (uint64_t)gsl_rng_get(rng) << 32 | gsl_rng_get(rng);
	gsl_rng_free(rng);
	return rnd;
}

static inline bool work_alloc(struct work_allocator *a, int kind,
			      unsigned int order, int cpu,
			      struct live_block *out);
static inline void work_free(struct work_allocator *a,
			     const struct live_block *b, int cpu);

/* The work: ops operations driven by rnd, live blocks kept in live. */
static inline struct work_result work_run(struct work_allocator *a,
					  const uint64_t *rnd,
					  unsigned long ops,
					  struct live_block *live)
{
	struct work_result w = { 0 };
	/* the slot a free at the next operation takes, found (and
	 * prefetched) at the end of this one */
	uint32_t next_slot = 0;

	for (unsigned long i = 0; i < ops; i++) {
		uint64_t r = rnd[i];
		/* keep memory about half full: allocate below, free above */
		unsigned int p = (unsigned int)(r % 10);
		int alloc = w.live_pages < ZONE_PAGES / 2 ? p < 6 : p < 4;
		int cpu = (int)(r >> 8 & 1);

		if (alloc || !w.nlive) {
			unsigned int order = work_orders[(r >> 16) % 12];

			if (!work_alloc(a, (int)(r >> 24 & 3), order, cpu,
					&live[w.nlive])) {
				w.failed++;
			} else {
				w.nlive++;
				w.live_pages += 1UL << order;
				w.allocs++;
			}
		} else {
			/* never the first operation: nothing is live then */
			unsigned long j = next_slot;

			w.live_pages -= 1UL << live[j].order;
			work_free(a, &live[j], cpu);
			live[j] = live[--w.nlive];
			w.frees++;
		}

		/*
		 * The harness's own table is not the allocator's cost: find
		 * the slot the next operation takes if it is a free (random
		 * bits 32-63 scaled to the live count by a multiply, not a
		 * division), once, and fetch it now.
		 */
		if (w.nlive && i + 1 < ops) {
			next_slot = (uint32_t)((rnd[i + 1] >> 32) * w.nlive >>
					       32);
			__builtin_prefetch(&live[next_slot]);
		}
		/*
		 * One operation ahead is too short for a miss in a table this
		 * size: fetch where the slot of the operation LIVE_AHEAD on
		 * will be, from today's count (each operation moves the count
		 * by one, so the slot by at most an entry).
		 */
		if (w.nlive && i + LIVE_AHEAD < ops)
			__builtin_prefetch(&live[(rnd[i + LIVE_AHEAD] >> 32) *
						 w.nlive >> 32]);
	}
	return w;
}

#endif
