/*
 * bench_engine.c - what the discrete-event engine costs on top of the
 * allocator work it drives.
 *
 * Runs the shipped stress-highalloc workload on the shipped 16 GiB model
 * (two nodes) with a metrics tick every 10 ms of simulated time (each tick
 * reads every zone's free counts and fragmentation index at order 9, the
 * per-tick work of a metrics sink), and times it.  The same run's
 * allocator calls (allocations, frees, daemon steps) are recorded once and
 * then replayed straight into a freshly booted allocator, without the
 * engine: the difference is the engine's overhead.  The replay frees as
 * the engine does (__free_pages, by pfn, order and the block's ref, taken
 * down when the engine frees it).  Prints events per
 * second and the overhead.  Usage: bench_engine [SRCDIR] [SEED]
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench_util.h"
#include "mm/frag_index.h"
#include "mm/kcompactd.h"
#include "mm/vmscan.h"
#include "sim/sim.h"

enum op_type { OP_ALLOC, OP_FREE, OP_DAEMON };

struct op {
	unsigned long pfn;	/* alloc: the result; free: the block */
	struct block_ref ref;	/* free: the block's record */
	gfp_t gfp;
	uint8_t type, order, kind, arg;	/* arg: daemon type */
	int16_t nid, cpu;
};

struct recording {
	struct op *ops;
	size_t n, cap;
	struct mm_state *mm;		/* the recorded run's allocator */
};

static struct op *next_op(struct recording *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1 << 20;
		r->ops = realloc(r->ops, r->cap * sizeof(*r->ops));
		if (!r->ops)
			abort();
	}
	return &r->ops[r->n++];
}

static void rec_alloc(void *ctx, gfp_t gfp, unsigned int order, int nid,
		      int cpu, enum owner_kind kind, unsigned long pfn)
{
	*next_op(ctx) = (struct op){ .type = OP_ALLOC, .gfp = gfp,
				     .order = (uint8_t)order,
				     .kind = (uint8_t)kind, .nid = (int16_t)nid,
				     .cpu = (int16_t)cpu, .pfn = pfn };
}

static void rec_free(void *ctx, unsigned long pfn, int cpu)
{
	struct recording *r = ctx;
	/* The engine tells before it frees: the block is still live. */
	struct block_ref ref = block_ref_of(r->mm, pfn);

	*next_op(r) = (struct op){ .type = OP_FREE, .pfn = pfn, .ref = ref,
				   .order = r->mm->blocks[ref.idx].order,
				   .cpu = (int16_t)cpu };
}

static void rec_daemon(void *ctx, int type, int nid)
{
	*next_op(ctx) = (struct op){ .type = OP_DAEMON, .arg = (uint8_t)type,
				     .nid = (int16_t)nid };
}

static volatile unsigned long tick_sink;

/* The per-tick reading a metrics sink does: O(zones x orders). */
static void tick(void *ctx, const struct sim *s)
{
	const struct zone_layout *l = &s->mm->layout;

	(void)ctx;
	for (int nid = 0; nid < l->nr_node_ids; nid++) {
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			const struct zone *z = &l->node_data[nid].node_zones[t];
			unsigned long nr_free[MAX_ORDER];
			struct contig_page_info info;

			for (int o = 0; o < MAX_ORDER; o++)
				nr_free[o] = z->free_area[o].nr_free;
			fill_contig_page_info(nr_free, 9, &info);
			tick_sink += (unsigned long)
				__fragmentation_index(9, &info) +
				z->nr_free_pages;
		}
	}
}

/* One run of the engine; returns its wall time. */
static double run_sim(const char *model, const struct workload *w,
		      uint64_t seed, struct recording *rec, uint64_t *events)
{
	struct sim_params params = { .seed = seed,
				     .tick = 10 * NSEC_PER_MSEC };
	struct sim_observer obs = { .ctx = rec, .tick = tick };
	struct mm_state mm;
	struct sim s;
	double t0, t1;

	if (rec) {
		obs.alloc = rec_alloc;
		obs.free = rec_free;
		obs.daemon = rec_daemon;
	}
	bench_boot_model(&mm, model);
	if (rec)
		rec->mm = &mm;
	sim_init(&s, &mm, w, &params, &obs);
	t0 = bench_now();
	sim_run(&s);
	t1 = bench_now();
	*events = s.stats.events;
	sim_release(&s);
	mm_release(&mm);
	return t1 - t0;
}

/* The recorded allocator calls, without the engine; returns wall time. */
static double replay(const char *model, const struct recording *rec)
{
	struct mm_state mm;
	double t0, t1;

	bench_boot_model(&mm, model);
	t0 = bench_now();
	for (size_t i = 0; i < rec->n; i++) {
		const struct op *op = &rec->ops[i];
		struct alloc_result res;

		switch (op->type) {
		case OP_ALLOC:
			res = __alloc_pages(&mm, op->gfp, op->order, op->nid,
					    op->cpu, op->kind);
			if (res.pfn != op->pfn)
				abort();	/* the replay diverged */
			break;
		case OP_FREE:
			__free_pages(&mm, op->ref, op->pfn, op->order,
				     op->cpu);
			break;
		default:
			if (op->arg == SIM_DAEMON_KSWAPD)
				kswapd_step(&mm, op->nid);
			else if (op->arg == SIM_DAEMON_KCOMPACTD)
				kcompactd_step(&mm, op->nid);
			else
				kcompactd_timer(&mm, op->nid);
		}
	}
	t1 = bench_now();
	mm_release(&mm);
	return t1 - t0;
}

int main(int argc, char **argv)
{
	const char *srcdir = argc > 1 ? argv[1] : ".";
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1, events;
	char model[4096], wpath[4096];
	struct recording rec = { 0 };
	struct workload w;
	double t_sim, t_raw;

	snprintf(model, sizeof(model), "%s/models/x86_64-2node-16g.ini",
		 srcdir);
	snprintf(wpath, sizeof(wpath), "%s/workloads/stress-highalloc.ini",
		 srcdir);
	if (workload_load(&w, wpath) || workload_check(&w))
		return 2;
	run_sim(model, &w, seed, &rec, &events);
	t_sim = run_sim(model, &w, seed, NULL, &events);
	t_raw = replay(model, &rec);
	printf("bench_engine: stress-highalloc on x86_64-2node-16g, seed %llu, "
	       "tick 10ms\n", (unsigned long long)seed);
	printf("  engine:  %.3f s, %llu events, %.2f M events/s\n", t_sim,
	       (unsigned long long)events, (double)events / t_sim / 1e6);
	printf("  replay:  %.3f s for the %zu allocator calls alone\n", t_raw,
	       rec.n);
	printf("  engine overhead: %+.1f%% over the allocator work "
	       "(target <= 30%%)\n", 100 * (t_sim - t_raw) / t_raw);
	free(rec.ops);
	workload_release(&w);
	return 0;
}
