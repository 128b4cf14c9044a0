/*
 * bench_floor.c - the floor under bench_alloc: a bare buddy allocator (one
 * free list per order; no migratetypes, zones, per-cpu lists, watermarks
 * or block records) doing bench_alloc's exact work (alloc_work.h), so
 * that fragsim's allocator can be measured as a share of what a buddy
 * allocator costs at all.  tools/bench-floor.sh runs the two alternately
 * and prints the ratio.  Prints operations per second and the bytes of
 * state per 4 KiB frame.  Usage: bench_floor [OPERATIONS] [SEED]
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NIL	UINT32_MAX
#define NOT_FREE	0xff	/* order_of[]: not the head of a free block */

/*
 * A frame index i is pfn - ZONE_BASE's pfn; a free block of order o has
 * its head at an index aligned to 2^o, frame[head].order = o, and sits on
 * free list o through its links.  A frame's links and order share one
 * packed 9-byte record, so that a list operation touches one cache line
 * per frame rather than three.
 */
struct frame {
	uint32_t next, prev;
	uint8_t order;
} __attribute__((packed));

struct work_allocator {
	uint32_t head[11];
	struct frame *frame;
	uint32_t base_pfn;
};

#include "alloc_work.h"
#include "bench_util.h"

static void list_add(struct work_allocator *a, uint32_t i, unsigned int o)
{
	struct frame *f = &a->frame[i];

	f->order = (uint8_t)o;
	f->prev = NIL;
	f->next = a->head[o];
	if (a->head[o] != NIL)
		a->frame[a->head[o]].prev = i;
	a->head[o] = i;
}

static void list_del(struct work_allocator *a, uint32_t i, unsigned int o)
{
	struct frame *f = &a->frame[i];

	if (f->prev != NIL)
		a->frame[f->prev].next = f->next;
	else
		a->head[o] = f->next;
	if (f->next != NIL)
		a->frame[f->next].prev = f->prev;
	f->order = NOT_FREE;
}

/* The smallest free block of at least the order, split down to it. */
static inline bool work_alloc(struct work_allocator *a, int kind,
			      unsigned int order, int cpu,
			      struct live_block *out)
{
	unsigned int o = order;
	uint32_t i;

	(void)kind;
	(void)cpu;
	while (o <= 10 && a->head[o] == NIL)
		o++;
	if (o > 10)
		return false;
	i = a->head[o];
	list_del(a, i, o);
	while (o > order) {
		o--;
		list_add(a, i + (1U << o), o);
	}
	*out = (struct live_block){ .pfn = a->base_pfn + i, .order = order };
	return true;
}

/* Merge with the buddy while it is free and of the same order. */
static inline void work_free(struct work_allocator *a,
			     const struct live_block *b, int cpu)
{
	uint32_t i = b->pfn - a->base_pfn;
	unsigned int o = b->order;

	(void)cpu;
	while (o < 10) {
		uint32_t buddy = i ^ (1U << o);

		if (a->frame[buddy].order != o)
			break;
		list_del(a, buddy, o);
		i &= ~(1U << o);
		o++;
	}
	list_add(a, i, o);
}

int main(int argc, char **argv)
{
	unsigned long ops = argc > 1 ? strtoul(argv[1], NULL, 10) : 20000000UL;
	unsigned long seed = argc > 2 ? strtoul(argv[2], NULL, 10) : 1;
	static struct work_allocator a;
	struct live_block *live = malloc(ZONE_PAGES * sizeof(*live));
	uint64_t *rnd = work_random(ops, seed);
	struct work_result w;
	double t0, t1, state;

	a.frame = malloc(ZONE_PAGES * sizeof(*a.frame));
	if (!live || !rnd || !a.frame) {
		fprintf(stderr, "bench_floor: out of memory\n");
		return 1;
	}
	a.base_pfn = (uint32_t)PHYS_PFN(ZONE_BASE);
	for (int o = 0; o <= 10; o++)
		a.head[o] = NIL;
	for (uint32_t i = 0; i < ZONE_PAGES; i++)
		a.frame[i].order = NOT_FREE;
	/* the whole zone as order-10 blocks, lowest first at the head */
	for (uint32_t i = ZONE_PAGES; i > 0; i -= 1U << 10)
		list_add(&a, i - (1U << 10), 10);

	t0 = bench_now();
	w = work_run(&a, rnd, ops, live);
	t1 = bench_now();

	state = (double)sizeof(*a.frame);
	printf("bare buddy allocator benchmark (the floor): one 16 GiB zone "
	       "(%lu frames), bench_alloc's work, seed %lu\n", ZONE_PAGES,
	       seed);
	printf("  operations:        %lu (%lu allocations, %lu frees, %lu "
	       "failed allocations)\n", w.allocs + w.frees + w.failed,
	       w.allocs, w.frees, w.failed);
	printf("  wall time:         %.3f s\n", t1 - t0);
	printf("  throughput:        %.2f M operations/s\n",
	       (double)(w.allocs + w.frees + w.failed) / (t1 - t0) / 1e6);
	printf("  per-frame state:   %.3f bytes/frame (two list links and an "
	       "order)\n", state);
	printf("  live at the end:   %lu blocks, %lu pages (%.1f%% of the "
	       "zone)\n", w.nlive, w.live_pages,
	       100.0 * (double)w.live_pages / ZONE_PAGES);
	free(a.frame);
	free(live);
	free(rnd);
	return 0;
}
