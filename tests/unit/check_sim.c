/*
 * check_sim.c - the engine: runs whose outcome is worked out by hand,
 * statistical checks of arrivals and lifetimes against their configured
 * values (bounds from the Poisson distribution), determinism, independence
 * of random streams, and the pinning and hugetlb paths.
 *
 * Machine: one node, DMA32 pfn 4096..20479 (16384 pages), nothing
 * reserved, 2 CPUs; or the shipped 4 GiB model for ZONE_MOVABLE.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machine/model.h"
#include "sim/sim.h"
#include "suites.h"
#include "testbed.h"

#define BASE	4096UL
#define PAGES	16384UL

static struct mm_state mm;

static void boot_small(void)
{
	testbed_boot(&mm, BASE, PAGES, true);
}

static void boot_4g(const char *cmdline)
{
	struct printk_log log;
	struct machine m;

	ck_assert_int_eq(model_load(&m, MODELS_DIR "/x86_64-4g.ini"), 0);
	machine_set_cmdline(&m, cmdline, DIAG_LOC("test", 0));
	printk_init(&log);
	ck_assert_int_eq(mm_init(&mm, &m, &log), 0);
	mm.log = NULL;
	printk_release(&log);
	machine_release(&m);
}

static void load_text(struct workload *w, const char *text)
{
	char path[] = "/tmp/fragsim-sim-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	ck_assert_int_eq(workload_load(w, path), 0);
	unlink(path);
	ck_assert_int_eq(workload_check(w), 0);
}

/* What the trace hooks saw: every allocation's kind, order and pfn. */
struct trace {
	unsigned long n, cap;
	unsigned long *pfn;
	unsigned char *order, *kind;
	unsigned long frees, *freed;	/* the freed pfns, in order */
	const struct sim *sim;		/* if set, when each free came: */
	sim_time_t *freed_at;
};

static void trace_alloc(void *ctx, gfp_t gfp, unsigned int order, int nid,
			int cpu, enum owner_kind kind, unsigned long pfn)
{
	struct trace *t = ctx;

	(void)gfp; (void)nid; (void)cpu;
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->pfn = realloc(t->pfn, t->cap * sizeof(*t->pfn));
		t->order = realloc(t->order, t->cap);
		t->kind = realloc(t->kind, t->cap);
	}
	t->pfn[t->n] = pfn;
	t->order[t->n] = (unsigned char)order;
	t->kind[t->n++] = (unsigned char)kind;
}

static void trace_free(void *ctx, unsigned long pfn, int cpu)
{
	struct trace *t = ctx;

	(void)cpu;
	t->freed = realloc(t->freed, (t->frees + 1) * sizeof(*t->freed));
	if (t->sim) {
		t->freed_at = realloc(t->freed_at,
				      (t->frees + 1) * sizeof(*t->freed_at));
		t->freed_at[t->frees] = t->sim->now;
	}
	t->freed[t->frees++] = pfn;
}

static void trace_release(struct trace *t)
{
	free(t->pfn);
	free(t->order);
	free(t->kind);
	free(t->freed);
	free(t->freed_at);
	memset(t, 0, sizeof(*t));
}

/* Run text on the booted mm; the sim is left for the caller to inspect. */
static void run(struct sim *s, struct workload *w, const char *text,
		uint64_t seed, struct trace *t)
{
	struct sim_params params = { .seed = seed, .check = true };
	struct sim_observer obs = { .ctx = t, .alloc = trace_alloc,
				    .free = trace_free };

	load_text(w, text);
	sim_init(s, &mm, w, &params, t ? &obs : NULL);
	ck_assert_int_eq(sim_run(s), SIM_COMPLETE);
	ck_assert_int_eq(s->check_failures, 0);
}

struct places {
	size_t n;
	uint32_t place[4096];
};

static void collect_place(void *ctx, uint32_t place, unsigned long pfn)
{
	struct places *pl = ctx;

	(void)pfn;
	ck_assert_uint_lt(pl->n, 4096);
	pl->place[pl->n++] = place;
}

static void finish(struct sim *s, struct workload *w)
{
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	sim_release(s);
	workload_release(w);
	mm_release(&mm);
}

/*
 * Arrivals at 10 ms, 20 ms, ... (the first gap is one interval); the
 * phase-end event at 10 s was queued first, so it pops before the arrival
 * and the frees due at 10 s: 999 requests; the blocks allocated up to
 * 8.99 s are freed (their frees fall before 10 s): 899 frees, 100 held.
 */
/*
 * A process with lcg = draws its frees as frag.c does: each live block,
 * in its place order, is freed if the LCG's next top 31 bits fall under
 * share * 2^31, and the second free goes on with the same state over the
 * blocks left; a free of everything (another generator of the process,
 * as an munmap) draws nothing, so a third share continues where the
 * second stopped.  The places left are worked out
 * here with the same formula (the pages' pfns do not matter).
 */
static uint32_t lcg_draw(uint64_t *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(*state >> 33);
}

START_TEST(test_frees_drawn_by_the_programs_lcg)
{
	static const char text[] =
		"[process p]\nlcg = 0x9E3779B97F4A7C15\n"
		"[phase fill]\n[generator g]\nprocess = p\nkind = anon\n"
		"reuse = lowest\nrate = 100000/s\nuntil = g.requests >= 1000\n"
		"[phase tenth]\nduration = 1ms\n[action a]\ndo = free g 10%\n"
		"[phase half]\nduration = 1ms\n[action b]\ndo = free g 50%\n"
		"[generator h]\nphase = fill\nprocess = p\n"
		"kind = anon\nrate = 100000/s\nuntil = h.requests >= 10\n"
		"[phase all]\nduration = 1ms\n[action c]\ndo = free h 100%\n"
		"[phase more]\nduration = 1ms\n[action d]\ndo = free g 20%\n";
	uint64_t state = 0x9E3779B97F4A7C15ULL;
	bool live[1000];
	size_t want = 0, freed = 0;
	struct places pl = { 0 };
	struct workload w;
	struct sim s;

	for (int i = 0; i < 1000; i++)
		live[i] = true;
	/* 10%, then 50% of the rest, then (after h's munmap) 20% */
	for (int round = 0; round < 3; round++) {
		uint32_t thr = (uint32_t)((round == 0 ? 0.1 : round == 1 ?
					    0.5 : 0.2) * 2147483648.0);

		for (int i = 0; i < 1000; i++)
			if (live[i] && lcg_draw(&state) < thr) {
				live[i] = false;
				freed++;
			}
	}
	for (int i = 0; i < 1000; i++)
		want += live[i];
	ck_assert_uint_gt(freed, 500);	/* the draws did free something */
	boot_small();
	run(&s, &w, text, 1, NULL);
	ck_assert(sim_for_each_place(&s, 0, collect_place, &pl));
	ck_assert_uint_eq(pl.n, want);
	for (size_t i = 0, j = 0; i < 1000; i++) {
		if (!live[i])
			continue;
		ck_assert_uint_eq(pl.place[j], i);
		j++;
	}
	finish(&s, &w);
}
END_TEST

START_TEST(test_constant_rate_fixed_lifetime)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[phase p]\nduration = 10s\n"
	    "[generator g]\nphase = p\nkind = anon\narrival = constant\n"
	    "rate = 100/s\nlifetime = 1s\n", 1, NULL);
	ck_assert_uint_eq(s.stats.requests[OWNER_ANON][0], 999);
	ck_assert_uint_eq(s.stats.frees, 899);
	ck_assert_uint_eq(s.gens[0].nr_live, 100);
	ck_assert_uint_eq(s.gens[0].live_pages, 100);
	ck_assert_uint_eq(s.now, 10 * NSEC_PER_SEC);
	finish(&s, &w);
}
END_TEST

/* The end of a run of text with seed, which makes 9 requests. */
static sim_time_t end_of(const char *text, uint64_t seed)
{
	struct workload w;
	struct sim s;
	sim_time_t end;

	boot_small();
	run(&s, &w, text, seed, NULL);
	ck_assert_uint_eq(s.stats.requests[OWNER_ANON][0], 9);
	end = s.now;
	finish(&s, &w);
	return end;
}

/*
 * duration = uniform(100ms, 300ms): each seed draws the wait from the
 * phases' own stream, inside the bounds; the same seed draws the same; the
 * generator after it, on its own stream, makes the same 9 requests in its
 * 10 ms whatever the wait (phase end first, as above).
 */
START_TEST(test_drawn_phase_duration)
{
	static const char text[] =
		"[phase wait]\nduration = uniform(100ms, 300ms)\n"
		"[phase after]\nduration = 10ms\n"
		"[generator g]\nphase = after\nkind = anon\narrival = constant\n"
		"rate = 1000/s\n";
	sim_time_t first = end_of(text, 1);
	int distinct = 0;

	for (uint64_t seed = 1; seed <= 16; seed++) {
		sim_time_t end = end_of(text, seed);

		ck_assert_uint_ge(end, 110 * NSEC_PER_MSEC);
		ck_assert_uint_lt(end, 310 * NSEC_PER_MSEC);
		distinct += end != first;
	}
	ck_assert_int_ge(distinct, 10);
	ck_assert_uint_eq(end_of(text, 1), first);
}
END_TEST

/* The times kcompactd's timer ran at (SIM_DAEMON_KCOMPACTD_TIMER). */
struct timer_log {
	const struct sim *s;
	sim_time_t at[8];
	int n;
};

static void log_timer(void *ctx, int type, int nid)
{
	struct timer_log *l = ctx;

	(void)nid;
	if (type == SIM_DAEMON_KCOMPACTD_TIMER && l->n < 8)
		l->at[l->n++] = l->s->now;
}

/*
 * On an idle machine every timeout is a proactive check that finds
 * nothing, and the next wait begins on the timer wheel's grid: 125
 * jiffies at HZ=250 fire 128 jiffies on, a tick every 512 ms (as the
 * kernel's traces show, not 500); at HZ=1000, 500 jiffies fire 504 on.
 */
START_TEST(test_kcompactd_ticks_on_the_wheel)
{
	static const unsigned int hz[] = { 250, 1000 };
	static const sim_time_t period[] = { 512 * NSEC_PER_MSEC,
					     504 * NSEC_PER_MSEC };

	for (int i = 0; i < 2; i++) {
		struct workload w;
		struct sim s;
		struct timer_log l = { .s = &s };
		struct sim_params params = { .seed = 1 };
		struct sim_observer obs = { .ctx = &l, .daemon = log_timer };

		boot_small();
		mm.hz = hz[i];
		load_text(&w, "[phase idle]\nduration = 2100ms\n");
		sim_init(&s, &mm, &w, &params, &obs);
		ck_assert_int_eq(sim_run(&s), SIM_COMPLETE);
		ck_assert_int_eq(l.n, 4);
		for (int t = 0; t < l.n; t++)
			ck_assert_uint_eq(l.at[t], (sim_time_t)(t + 1) *
						   period[i]);
		finish(&s, &w);
	}
}
END_TEST

START_TEST(test_until_requests_and_phase_lifetime)
{
	struct workload w;
	struct sim s;
	unsigned long free_at_start;

	boot_small();
	free_at_start = mm_zone(&mm, 0, ZONE_DMA32)->nr_free_pages +
			zone_pcp_pages(mm_zone(&mm, 0, ZONE_DMA32), mm.nr_cpus);
	run(&s, &w, "[phase a]\nuntil_requests = 500\n"
	    "[generator g]\nphase = a\nkind = slab_unmovable\n"
	    "rate = 1000/s\norder = 1\nlifetime = phase\n"
	    "[phase b]\nuntil_requests = 7\n"
	    "[generator h]\nphase = b\nkind = anon\nrate = 10/s\n", 3, NULL);
	ck_assert_uint_eq(s.stats.requests[OWNER_SLAB_UNMOVABLE][1], 500);
	ck_assert_uint_eq(s.stats.frees, 500);	/* all at a's end */
	ck_assert_uint_eq(s.gens[0].nr_live, 0);
	ck_assert_uint_eq(s.stats.requests[OWNER_ANON][0], 7);
	ck_assert_uint_eq(s.gens[1].live_pages, 7);
	/* every page is free again but for h's 7 (pcp lists included) */
	ck_assert_uint_eq(mm_zone(&mm, 0, ZONE_DMA32)->nr_free_pages +
			  zone_pcp_pages(mm_zone(&mm, 0, ZONE_DMA32),
					 mm.nr_cpus), free_at_start - 7);
	finish(&s, &w);
}
END_TEST

/* |x - mean| within 5 standard deviations. */
static void near(double x, double mean, double sd, const char *what)
{
	ck_assert_msg(fabs(x - mean) <= 5 * sd, "%s: %g, expected %g +- %g",
		      what, x, mean, 5 * sd);
}

/*
 * Poisson arrivals at 5000/s for 20 s: the count is Poisson(100000).
 * Bursts of 10 at the same mean rate: the number of bursts is
 * Poisson(10000), each of 10 requests.  With exponential lifetimes of mean
 * 200 ms, the blocks held at the end are Poisson(5000 x 0.2) (an M/M/inf
 * queue in equilibrium, Little's law for its mean).
 */
START_TEST(test_arrival_rates_and_lifetimes)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[phase p]\nduration = 20s\n"
	    "[generator poisson]\nphase = p\nkind = anon\narrival = poisson\n"
	    "rate = 5000/s\nlifetime = exponential(200ms)\n"
	    "[generator bursts]\nphase = p\nkind = anon\narrival = bursts(10)\n"
	    "rate = 5000/s\nlifetime = 1us\n", 5, NULL);
	near((double)s.gens[0].requests, 100000, sqrt(100000), "poisson");
	ck_assert_uint_eq(s.gens[1].requests % 10, 0);
	near((double)s.gens[1].requests, 100000, 10 * sqrt(10000), "bursts");
	near((double)s.gens[0].nr_live, 1000, sqrt(1000), "held");
	ck_assert_uint_eq(s.gens[0].failures + s.gens[1].failures, 0);
	finish(&s, &w);
}
END_TEST

static const char *const two_kinds =
	"[phase p]\nduration = 2s\n"
	"[generator g]\nphase = p\nkind = anon\nrate = 2000/s\n"
	"order = table(0:60, 1:30, 2:10)\nlifetime = exponential(100ms)\n";

START_TEST(test_same_seed_same_run)
{
	struct trace t1 = { 0 }, t2 = { 0 }, t3 = { 0 };
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, two_kinds, 42, &t1);
	finish(&s, &w);
	boot_small();
	run(&s, &w, two_kinds, 42, &t2);
	finish(&s, &w);
	boot_small();
	run(&s, &w, two_kinds, 43, &t3);
	finish(&s, &w);
	ck_assert_uint_gt(t1.n, 3000);
	ck_assert_uint_eq(t1.n, t2.n);
	ck_assert_uint_eq(t1.frees, t2.frees);
	ck_assert_mem_eq(t1.pfn, t2.pfn, t1.n * sizeof(*t1.pfn));
	ck_assert_mem_eq(t1.order, t2.order, t1.n);
	ck_assert(t1.n != t3.n ||
		  memcmp(t1.pfn, t3.pfn, t1.n * sizeof(*t1.pfn)));
	trace_release(&t1);
	trace_release(&t2);
	trace_release(&t3);
}
END_TEST

/*
 * Adding a generator leaves the draws of the others alone: g's sequence
 * of orders is the same with and without h beside it.
 */
START_TEST(test_streams_are_independent)
{
	struct trace t1 = { 0 }, t2 = { 0 };
	struct workload w;
	struct sim s;
	char text[1024];
	unsigned long j = 0;

	boot_small();
	run(&s, &w, two_kinds, 9, &t1);
	finish(&s, &w);
	snprintf(text, sizeof(text), "%s[generator h]\nphase = p\n"
		 "kind = slab_unmovable\nrate = 3000/s\norder = uniform(0, 3)\n"
		 "lifetime = 10ms\n", two_kinds);
	boot_small();
	run(&s, &w, text, 9, &t2);
	finish(&s, &w);
	for (unsigned long i = 0; i < t2.n; i++) {
		if (t2.kind[i] != OWNER_ANON)
			continue;
		ck_assert_uint_lt(j, t1.n);
		ck_assert_uint_eq(t2.order[i], t1.order[j]);
		j++;
	}
	ck_assert_uint_eq(j, t1.n);
	trace_release(&t1);
	trace_release(&t2);
}
END_TEST

/* A share caps what a generator holds; until_shares ends the phase. */
START_TEST(test_share_and_until_shares)
{
	struct workload w;
	struct sim s;
	double cap;

	boot_small();
	run(&s, &w, "[phase p]\nuntil_shares = yes\n"
	    "[generator g]\nphase = p\nkind = anon\nrate = 100000/s\n"
	    "order = 2\nshare = 10%\n"
	    "[generator h]\nphase = p\nkind = slab_unmovable\n"
	    "rate = 50000/s\nshare = 5%\n", 1, NULL);
	cap = 0.10 * (double)s.total_managed;
	/* full: the next order-2 block would not fit */
	ck_assert((double)s.gens[0].live_pages <= cap);
	ck_assert((double)s.gens[0].live_pages + 4 > cap);
	ck_assert((double)s.gens[1].live_pages <= 0.05 * s.total_managed);
	ck_assert((double)s.gens[1].live_pages + 1 >
		  0.05 * s.total_managed);
	ck_assert(s.gens[0].share_reached && s.gens[1].share_reached);
	finish(&s, &w);
}
END_TEST

/* free G 30% frees round(0.3 x held) blocks, chosen at random. */
START_TEST(test_free_action)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[phase fill]\nuntil_requests = 1001\n"
	    "[generator g]\nphase = fill\nkind = anon\nrate = 1000/s\n"
	    "[phase punch]\nduration = 1ms\n"
	    "[action f]\nphase = punch\ndo = free g 30%\n", 1, NULL);
	ck_assert_uint_eq(s.stats.frees, 300);	/* 300.3 rounds to 300 */
	ck_assert_uint_eq(s.gens[0].nr_live, 701);
	finish(&s, &w);
}
END_TEST

/*
 * compact_memory on CPU 0 while the process whose anonymous pages it
 * migrates runs on CPU 1 (a generator of it in the phase, or a spread
 * free of its, whose pages not yet freed are still mapped): each migrated
 * page sends a TLB shootdown; with the process idle in that phase, or the
 * pages a file's, none.  (The engine asks only when shootdowns have a
 * cost, so the workloads give them one.)
 */
static unsigned long shootdowns_in(const char *text, unsigned long *migrated)
{
	struct workload w;
	struct sim s;
	unsigned long n;

	boot_small();
	run(&s, &w, text, 1, NULL);
	n = mm.nr_tlb_shootdowns;
	*migrated = mm.vm_events[PGMIGRATE_SUCCESS];
	finish(&s, &w);
	return n;
}

START_TEST(test_migration_shoots_down_while_its_process_runs)
{
	unsigned long migrated, n;

	static const char fill[] =
		"[costs]\ntlb_shootdown = 1us\n"
		"[process p]\ncpu = 1\n"
		"[phase fill]\nuntil_requests = 6000\n"
		"[generator g]\nprocess = p\nkind = anon\nrate = 100000/s\n"
		"[phase punch]\nduration = 1ms\n"
		"[action f]\ndo = free g 50%\n"
		"[phase busy]\nduration = 1s\n"
		"[action c]\ndo = compact_memory\n";
	char text[1024];

	snprintf(text, sizeof(text), "%s[generator h]\nphase = busy\n"
		 "process = p\nkind = anon\nrate = 10/s\n", fill);
	n = shootdowns_in(text, &migrated);
	ck_assert_uint_gt(migrated, 500);
	ck_assert_uint_eq(n, migrated);
	n = shootdowns_in(fill, &migrated);
	ck_assert_uint_gt(migrated, 500);
	ck_assert_uint_eq(n, 0);
	/* the process unmapping part of its memory on CPU 1 (free ... over,
	 * begun before the write) runs there too: the pages it keeps are
	 * shot down, and so are those its loop has not unmapped yet, which
	 * are still mapped though they have left the generator */
	snprintf(text, sizeof(text), "%.*s[action s]\ndo = free g 10%% over "
		 "1s\n%s", (int)(strstr(fill, "[action c]") - fill), fill,
		 strstr(fill, "[action c]"));
	n = shootdowns_in(text, &migrated);
	ck_assert_uint_gt(migrated, 500);
	ck_assert_uint_eq(n, migrated);
	/* a file's pages are written, not mapped: none, though its writer
	 * runs on CPU 1 throughout */
	n = shootdowns_in("[costs]\ntlb_shootdown = 1us\n"
			  "[phase fill]\nuntil_requests = 6000\n"
			  "[generator g]\nphase = fill, busy\ncpu = 1\n"
			  "kind = anon\nfile = shm\nrate = 100000/s\n"
			  "[generator k]\nphase = fill\ncpu = 1\nkind = anon\n"
			  "rate = 100000/s\n"
			  "[phase punch]\nduration = 1ms\n"
			  "[action f]\ndo = free k 100%\n"
			  "[phase busy]\nduration = 5ms\n"
			  "[action c]\ndo = compact_memory\n", &migrated);
	ck_assert_uint_gt(migrated, 100);
	ck_assert_uint_eq(n, 0);
}
END_TEST

/*
 * The blocks a free action picks go in the order they were allocated, as
 * frag.c's MADV_DONTNEED loop walks its mapping: the last ones freed, which
 * stay on the per-cpu list, are then the last allocated (a few pageblocks),
 * not a sample of all of them.
 */
START_TEST(test_free_action_in_allocation_order)
{
	struct workload w;
	struct sim s;
	struct trace t = { 0 };
	long last = -1;

	boot_small();
	run(&s, &w, "[phase fill]\nuntil_requests = 1000\n"
	    "[generator g]\nphase = fill\nkind = anon\nrate = 1000/s\n"
	    "cpu = 0\n[phase punch]\nduration = 1ms\n"
	    "[action f]\nphase = punch\ndo = free g 50%\n", 1, &t);
	ck_assert_uint_eq(t.n, 1000);
	ck_assert_uint_eq(t.frees, 500);
	for (unsigned long i = 0; i < t.frees; i++) {
		long at = -1;

		/* nothing was freed before: each pfn was allocated once */
		for (unsigned long j = 0; j < t.n; j++)
			if (t.pfn[j] == t.freed[i])
				at = (long)j;
		ck_assert_int_gt(at, last);
		last = at;
	}
	trace_release(&t);
	finish(&s, &w);
}
END_TEST

/* until_free_below: the phase ends at the first request below the mark. */
START_TEST(test_until_free_below)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[phase p]\nuntil_free_below = 50%\n"
	    "[generator g]\nphase = p\nkind = anon\nrate = 1000/s\n"
	    "order = 3\n", 1, NULL);
	ck_assert(sim_free_pages(&s) < 0.5 * s.total_managed);
	ck_assert(sim_free_pages(&s) + 8 >= 0.5 * s.total_managed - 
		  zone_pcp_pages(mm_zone(&mm, 0, ZONE_DMA32), mm.nr_cpus));
	finish(&s, &w);
}
END_TEST

/*
 * Pinned pages never stay in ZONE_MOVABLE: those that land there are
 * migrated out before the pin (mm/gup.c), so every pinned block lies in a
 * kernel zone and the Movable zone holds only movable allocations.
 */
START_TEST(test_pinned_pages_leave_zone_movable)
{
	struct workload w;
	struct sim s;
	const struct zone *movable;

	boot_4g("movablecore=90%");
	movable = mm_zone(&mm, 0, ZONE_MOVABLE);
	ck_assert(populated_zone(movable));
	run(&s, &w, "[phase p]\nuntil_requests = 2000\n"
	    "[generator g]\nphase = p\nkind = pinned\nrate = 1000/s\n",
	    1, NULL);
	ck_assert_uint_gt(s.stats.pin_migrations, 0);
	for (size_t i = 0; i < s.gens[0].nr_live; i++) {
		const struct page_block *b = &mm.blocks[s.gens[0].live[i]];

		ck_assert_ptr_nonnull(b);
		ck_assert_int_eq(b->kind, OWNER_PINNED);
		ck_assert_ptr_ne(page_zone(&mm, b->pfn), movable);
	}
	finish(&s, &w);
}
END_TEST

/*
 * The hugetlb pool grows while free memory allows and gives everything
 * back when shrunk to 0.
 */
START_TEST(test_hugetlb_pool)
{
	struct workload w;
	struct sim s;
	const struct zone *z;
	unsigned long free_before;

	boot_small();
	z = mm_zone(&mm, 0, ZONE_DMA32);
	free_before = z->nr_free_pages + zone_pcp_pages(z, mm.nr_cpus);
	run(&s, &w, "[phase p]\nduration = 1s\n"
	    "[action grow]\nphase = p\ndo = nr_hugepages 100\n"
	    "[action shrink]\nphase = p\nat = end\ndo = nr_hugepages 0\n",
	    1, NULL);
	ck_assert_int_eq(s.stats.nr_hugepage_results, 2);
	/* 16384 pages: at most 32 blocks, fewer by the watermarks */
	ck_assert_uint_gt(s.stats.hugepages[0].obtained, 20);
	ck_assert_uint_lt(s.stats.hugepages[0].obtained, 32);
	ck_assert_uint_eq(s.stats.hugepages[1].obtained, 0);
	ck_assert_uint_eq(z->nr_free_pages + zone_pcp_pages(z, mm.nr_cpus),
			  free_before);
	finish(&s, &w);
}
END_TEST


/*
 * init_on_alloc: each page the nr_hugepages write obtains is zeroed whole
 * (post_alloc_hook), so with the cost set the write ends later by exactly
 * pages obtained x 512 x the cost, the same pages obtained.
 */
static void note_action_end(void *ctx, const struct sim *sim,
			    const struct action *a, const char *result)
{
	(void)a; (void)result;
	*(sim_time_t *)ctx = sim->now;
}

/*
 * Run text, whose one nr_hugepages write is the last action to end, on
 * the small machine: when the write ended, what it obtained and the
 * free-list entries compaction walked in the run.
 */
static sim_time_t write_end(const char *text, size_t *obtained,
			    unsigned long *walked)
{
	struct workload w;
	struct sim s;
	struct sim_params params = { .seed = 1, .check = true };
	sim_time_t end = 0;
	struct sim_observer obs = { .ctx = &end, .action = note_action_end };

	boot_small();
	load_text(&w, text);
	sim_init(&s, &mm, &w, &params, &obs);
	ck_assert_int_eq(sim_run(&s), SIM_COMPLETE);
	ck_assert_int_eq(s.stats.nr_hugepage_results, 1);
	*obtained = s.stats.hugepages[0].obtained;
	*walked = mm.nr_freelist_scanned;
	finish(&s, &w);
	return end;
}

static sim_time_t hugepages_write_end(const char *costs, size_t *obtained)
{
	unsigned long walked;
	char text[256];

	snprintf(text, sizeof(text), "%s[phase p]\nduration = 1s\n"
		 "[action grow]\ndo = nr_hugepages 100\n", costs);
	return write_end(text, obtained, &walked);
}

START_TEST(test_hugepages_write_zeroes_what_it_obtains)
{
	size_t plain, zeroed;
	sim_time_t t0 = hugepages_write_end("", &plain);
	sim_time_t t1 = hugepages_write_end("[costs]\ninit_on_alloc = 1us\n",
					    &zeroed);

	ck_assert_uint_gt(plain, 20);
	ck_assert_uint_eq(zeroed, plain);
	ck_assert_uint_gt(t0, 0);
	ck_assert_uint_eq(t1 - t0, plain * 512 * NSEC_PER_USEC);
}
END_TEST

/*
 * compact_freelist_scan: the write's direct compaction walks the free
 * lists (fast_isolate_freepages) on a machine whose fill was punched at
 * random; priced apart from the scanners, each entry walked moves the
 * write's end by the difference of the two prices, nothing else changing
 * (no proactive compaction: kcompactd would share the write's time).
 * Unset, the entries cost compact_scan, as an explicit equal price does.
 */
static sim_time_t punched_write_end(const char *costs, size_t *obtained,
				    unsigned long *walked)
{
	char text[512];

	snprintf(text, sizeof(text), "%s"
		 "[phase fill]\nuntil_free_below = 10%%\n"
		 "[generator g]\nphase = fill\nkind = anon\n"
		 "rate = 1000000/s\n"
		 "[phase p]\nduration = 1s\n"
		 "[action quiet]\ndo = sysctl compaction_proactiveness 0\n"
		 "[action punch]\ndo = free g 50%%\n"
		 "[action grow]\ndo = nr_hugepages 100\n", costs);
	return write_end(text, obtained, walked);
}

START_TEST(test_freelist_scan_priced_apart)
{
	size_t n0, n1, n2;
	unsigned long w0, w1, w2;
	sim_time_t t0 = punched_write_end("[costs]\ncompact_scan = 100ns\n",
					  &n0, &w0);
	sim_time_t t1 = punched_write_end("[costs]\ncompact_scan = 100ns\n"
					  "compact_freelist_scan = 100ns\n",
					  &n1, &w1);
	sim_time_t t2 = punched_write_end("[costs]\ncompact_scan = 100ns\n"
					  "compact_freelist_scan = 1100ns\n",
					  &n2, &w2);

	ck_assert_uint_gt(n0, 0);
	ck_assert_uint_gt(w0, 0);
	ck_assert_uint_eq(t1, t0);
	ck_assert_uint_eq(n1, n0);
	ck_assert_uint_eq(w1, w0);
	ck_assert_uint_eq(n2, n0);
	ck_assert_uint_eq(w2, w0);
	ck_assert_uint_eq(t2 - t0, w0 * NSEC_PER_USEC);
}
END_TEST

/*
 * A repeated punch-and-refill: the fill makes 1000 pages; each of 3
 * iterations frees round(10% x 1000) = 100 and the refill, ending when g
 * holds 1000 again (checked after every request), makes exactly 100.
 * let captures the iteration number as the punch begins: 3 at the end.
 */
START_TEST(test_repeat_frees_and_refills)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[phase fill]\nuntil_requests = 1000\n"
	    "[generator g]\nphase = fill, refill\nkind = anon\n"
	    "arrival = constant\nrate = 1000/s\n"
	    "[repeat cycle]\nphases = punch, refill\ntimes = 3\n"
	    "[phase punch]\nduration = 1ms\nlet last = iteration\n"
	    "[action f]\ndo = free g 10% in address order\n"
	    "[phase refill]\nuntil = g.pages >= 1000\n", 1, NULL);
	ck_assert_uint_eq(s.stats.requests[OWNER_ANON][0], 1300);
	ck_assert_uint_eq(s.stats.frees, 300);
	ck_assert_uint_eq(s.gens[0].live_pages, 1000);
	ck_assert_double_eq(s.vars[0], 3);
	ck_assert_uint_eq(s.iteration_seq, 3);
	finish(&s, &w);
}
END_TEST

/*
 * A generator with a rate for each of its phases: 1000/s for 1 s, then
 * 4000/s for 2 s (evenly spaced arrivals) make about 1000 + 8000
 * requests; the rates matched the other way round would make 4000 +
 * 2000, and one rate for both 3000.  The second rate is written first,
 * as phase = names its phase first.
 */
START_TEST(test_generator_rate_per_phase)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[phase slow]\nduration = 1s\n[phase fast]\n"
	    "duration = 2s\n[generator g]\nphase = fast, slow\nkind = anon\n"
	    "arrival = constant\nrate = 4000/s, 1000/s\n", 1, NULL);
	ck_assert_uint_ge(s.stats.requests[OWNER_ANON][0], 8995);
	ck_assert_uint_le(s.stats.requests[OWNER_ANON][0], 9000);
	finish(&s, &w);
}
END_TEST

/*
 * continuous = yes: a program beside the phases (a shell's poll loop).
 * Phases a, b and c of 400 ms each; at 2/s, evenly spaced, poll's
 * arrivals fall at 500 and 1000 ms, across the phases' ends, where fresh,
 * starting afresh with each phase, never reaches its first 500 ms gap;
 * poll2, in a and c only, was due at 500 ms, inside b, so it comes as c
 * begins (800 ms) and is next due at 1300 ms, after c.  Phase d ends
 * after g's third request (1/ms: 1201, 1202, 1203 ms): fast's requests
 * (10/ms) count for nothing there, 29 or 30 of them by then.
 */
START_TEST(test_continuous_generator_keeps_its_pace)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[phase a]\nduration = 400ms\n[phase b]\n"
	    "duration = 400ms\n[phase c]\nduration = 400ms\n[phase d]\n"
	    "until_requests = 3\n"
	    "[generator poll]\nphase = a, b, c\ncontinuous = yes\n"
	    "kind = anon\narrival = constant\nrate = 2/s\n"
	    "[generator fresh]\nphase = a, b, c\nkind = anon\n"
	    "arrival = constant\nrate = 2/s\n"
	    "[generator poll2]\nphase = a, c\ncontinuous = yes\n"
	    "kind = anon\narrival = constant\nrate = 2/s\n"
	    "[generator g]\nphase = d\nkind = anon\narrival = constant\n"
	    "rate = 1/ms\n"
	    "[generator fast]\nphase = d\ncontinuous = yes\nkind = anon\n"
	    "arrival = constant\nrate = 10/ms\n", 1, NULL);
	ck_assert_uint_eq(s.gens[0].requests, 2);
	ck_assert_uint_eq(s.gens[1].requests, 0);
	ck_assert_uint_eq(s.gens[2].requests, 1);
	ck_assert_uint_eq(s.gens[3].requests, 3);
	ck_assert_uint_ge(s.gens[4].requests, 29);
	ck_assert_uint_le(s.gens[4].requests, 30);
	ck_assert_uint_eq(s.now, 1203 * NSEC_PER_MSEC);
	finish(&s, &w);
}
END_TEST

/* The spread-free tests' start: g holds 1000 pages, made 1 ms long. */
#define FILL_1000 "[phase fill]\nuntil_requests = 1000\n" \
	"[generator g]\nkind = anon\narrival = constant\nrate = 1000/ms\n"

/*
 * free ... over: 500 of 1000 blocks picked at once (g holds 500 pages
 * from then on: the next phase's mid) and freed in ten batches of 50,
 * each as its 10 ms slot ends: at 11, 21, ..., 101 ms (the action ran at
 * 1 ms).  The frees go on past the phase's end at 51 ms, and the run's
 * end waits for the last.
 */
START_TEST(test_free_over_spreads_in_batches)
{
	struct workload w;
	struct sim s;
	struct trace t = { .sim = &s };

	boot_small();
	run(&s, &w, FILL_1000
	    "[phase go]\nduration = 50ms\n"
	    "[action f]\ndo = free g 50% over 100ms\n"
	    "[phase after]\nduration = 1ms\nlet mid = g.pages\n", 1, &t);
	ck_assert_double_eq(s.vars[0], 500);
	ck_assert_uint_eq(t.frees, 500);
	for (unsigned long i = 0; i < t.frees; i++)
		ck_assert_uint_eq(t.freed_at[i],
				  (1 + 10 * (i / 50 + 1)) * NSEC_PER_MSEC);
	ck_assert_uint_eq(s.gens[0].live_pages, 500);
	ck_assert_uint_eq(s.nr_spreading, 0);
	ck_assert_uint_eq(s.now, 101 * NSEC_PER_MSEC);
	finish(&s, &w);
	trace_release(&t);
}
END_TEST

/*
 * free ... at RATE: 500 blocks at 10 a millisecond take 50 ms, in five
 * batches.  The phase has no end of its own and no generator: it waits
 * for them (the next phase finds 500 pages held, not 900), then ends, 50
 * ms after it began (at 1 ms); the next lasts 1 ms.
 */
START_TEST(test_free_at_rate_holds_its_phase)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, FILL_1000
	    "[phase go]\n[action f]\ndo = free g 50% at 10/ms\n"
	    "[phase after]\nduration = 1ms\nlet held = g.pages\n", 1, NULL);
	ck_assert_double_eq(s.vars[0], 500);
	ck_assert_uint_eq(s.stats.frees, 500);
	ck_assert_uint_eq(s.now, 52 * NSEC_PER_MSEC);
	finish(&s, &w);
}
END_TEST

/*
 * A spread free outlived: the process exits 26 ms in, freeing its 500
 * pages and the 300 its spread had not freed yet (two batches of 50 went
 * at 11 and 21 ms), all at once: 1000 frees, none after 26 ms.  The
 * action run again before its spread has ended (a repeat) first frees
 * what the earlier run had left, then 50% of the 500 left over the next
 * 100 ms: 750 frees in all.
 */
START_TEST(test_free_over_outlived_and_rerun)
{
	struct workload w;
	struct sim s;
	struct trace t = { .sim = &s };

	boot_small();
	run(&s, &w, "[process p]\n[phase fill]\nuntil_requests = 1000\n"
	    "[generator g]\nprocess = p\nkind = anon\narrival = constant\n"
	    "rate = 1000/ms\n"
	    "[phase go]\nduration = 50ms\n"
	    "[action f]\ndo = free g 50% over 100ms\n"
	    "[action bye]\nat = 25ms\ndo = exit p\n", 1, &t);
	ck_assert_uint_eq(s.stats.frees, 1000);
	ck_assert_uint_eq(t.frees, 1000);
	ck_assert_uint_eq(t.freed_at[99], 21 * NSEC_PER_MSEC);
	ck_assert_uint_eq(t.freed_at[100], 26 * NSEC_PER_MSEC);
	ck_assert_uint_eq(t.freed_at[999], 26 * NSEC_PER_MSEC);
	ck_assert_uint_eq(s.gens[0].live_pages, 0);
	finish(&s, &w);
	trace_release(&t);

	boot_small();
	run(&s, &w, FILL_1000
	    "[repeat twice]\nphases = go\ntimes = 2\n"
	    "[phase go]\nduration = 50ms\n"
	    "[action f]\ndo = free g 50% over 100ms\n", 1, NULL);
	ck_assert_uint_eq(s.stats.frees, 750);
	ck_assert_uint_eq(s.gens[0].live_pages, 250);
	finish(&s, &w);
}
END_TEST

/*
 * A generator's until compares with its lets, which its next request
 * captures: it is not asked as the phase begins, where the lets still hold
 * the last iteration's values.  Here each iteration's first request
 * satisfies it (1 request each, 3 in all); asked at the phase's start,
 * iterations 2 and 3 would have found it true (pages 1 >= before 0 + 1)
 * and made none, as churn.ini's THP absorber once did every cycle.
 */
START_TEST(test_generator_until_waits_for_its_lets)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[repeat r]\nphases = grow\ntimes = 3\n"
	    "[phase grow]\n[generator g]\nkind = anon\narrival = constant\n"
	    "rate = 1000/s\nlet before = g.pages\n"
	    "until = g.pages >= before + 1\n", 1, NULL);
	ck_assert_uint_eq(s.stats.requests[OWNER_ANON][0], 3);
	ck_assert_uint_eq(s.gens[0].live_pages, 3);
	finish(&s, &w);
}
END_TEST

/*
 * A program that looks at its condition once every 256 steps (frag.c
 * reads MemFree so): the generator passes 1000 pages after its 1001st
 * request but stops only after its 1024th, the next multiple of 256.
 */
START_TEST(test_generator_until_polled_with_mod)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[phase fill]\n[generator g]\nkind = anon\n"
	    "arrival = constant\nrate = 1000/s\n"
	    "until = g.requests mod 256 == 0 and g.pages > 1000\n", 1, NULL);
	ck_assert_uint_eq(s.stats.requests[OWNER_ANON][0], 1024);
	ck_assert_uint_eq(s.gens[0].live_pages, 1024);
	finish(&s, &w);
}
END_TEST

/*
 * A process that exits: its anonymous pages return, its page cache stays
 * (it outlives the process), its generators make no more requests in the
 * next phase they run in, and its rss is 0.
 */
START_TEST(test_exited_process_stops_and_frees)
{
	struct workload w;
	struct sim s;
	unsigned long anon, cache, requests;

	boot_small();
	run(&s, &w, "[process p]\n"
	    "[phase fill]\nuntil_requests = 300\n"
	    "[generator a]\nprocess = p\nphase = fill, after\nkind = anon\n"
	    "arrival = constant\nrate = 1000/s\n"
	    "[generator c]\nprocess = p\nkind = pagecache\n"
	    "arrival = constant\nrate = 500/s\n"
	    "[phase quit]\nduration = 1ms\n[action bye]\ndo = exit p\n"
	    "[phase after]\nduration = 10ms\n", 1, NULL);
	anon = s.stats.requests[OWNER_ANON][0];
	cache = s.stats.requests[OWNER_PAGECACHE][0];
	requests = anon + cache;
	ck_assert_uint_eq(requests, 300);
	ck_assert_uint_eq(s.gens[0].live_pages, 0);
	ck_assert_uint_eq(s.stats.frees, anon);
	ck_assert_uint_eq(s.gens[1].live_pages, cache);
	ck_assert(s.gens[0].killed);
	ck_assert_uint_eq(s.oom.task[0].anon_rss, 0);
	ck_assert(s.oom.task[0].exited);
	finish(&s, &w);
}
END_TEST

/*
 * Objects: 10 pipes of 16 pages; closing 50% frees 5 whole pipes, 80
 * pages.  A touch with its page-table page: 10 touches are 10 anonymous
 * pages and 10 page-table pages, counted as the process's rss and page
 * tables.
 */
START_TEST(test_objects_leave_together)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[process p]\n"
	    "[phase make]\nuntil_requests = 20\n"
	    "[generator pipe]\nprocess = p\nkind = slab_unmovable\n"
	    "gfp = GFP_HIGHUSER\npages = 16\narrival = constant\n"
	    "rate = 100/s\n"
	    "[generator sparse]\nprocess = p\nkind = anon\nwith = pagetable\n"
	    "arrival = constant\nrate = 100/s\n"
	    "[phase close]\nduration = 1ms\n[action c]\ndo = free pipe 50%\n",
	    1, NULL);
	ck_assert_uint_eq(s.gens[0].requests, 10);
	ck_assert_uint_eq(s.stats.frees, 80);
	ck_assert_uint_eq(s.gens[0].live_pages, 80);
	ck_assert_uint_eq(s.gens[0].nr_objs, 5);
	ck_assert_uint_eq(s.gens[1].live_pages, 20);
	ck_assert_uint_eq(s.oom.task[0].anon_rss, 10);
	ck_assert_uint_eq(s.oom.task[0].pgtables, 10);
	finish(&s, &w);
}
END_TEST

/*
 * free ... earlier closes only objects of earlier iterations: the first
 * iteration's close finds none; the second closes the first's 4.
 */
START_TEST(test_close_objects_of_earlier_iterations)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[repeat r]\nphases = make, close\ntimes = 2\n"
	    "[phase make]\n"
	    "[generator pipe]\nkind = slab_unmovable\npages = 16\n"
	    "arrival = constant\nrate = 100/s\nuntil = pipe.requests >= 4\n"
	    "[phase close]\nduration = 1ms\n"
	    "[action c]\ndo = free pipe 100% earlier\n", 1, NULL);
	ck_assert_uint_eq(s.gens[0].requests, 8);
	ck_assert_uint_eq(s.gens[0].nr_objs, 4);
	ck_assert_uint_eq(s.stats.frees, 64);
	ck_assert_uint_eq(s.gens[0].live_pages, 64);
	finish(&s, &w);
}
END_TEST

/* Every offline attempt the observer sees. */
static void count_offline(void *ctx, const struct sim *sim,
			  const struct action *a, unsigned long nr,
			  const struct zone *zone, int err)
{
	(void)sim; (void)a; (void)nr; (void)err;
	ck_assert_ptr_nonnull(zone);
	(*(int *)ctx)++;
}

/*
 * A guarded unplug stops at the first block its guard refuses: on the
 * 4 GiB model with movablecore=50%, every online block of one zone is
 * tried from the top; the guard lets two attempts through, and no third
 * block is tried.
 */
START_TEST(test_guarded_offline_stops)
{
	struct workload w;
	struct sim s;
	struct sim_params params = { .seed = 1 };
	int attempts = 0;
	struct sim_observer obs = { .ctx = &attempts,
				    .offline = count_offline };

	boot_4g("movablecore=50%");
	load_text(&w, "[phase p]\nduration = 1ms\n[action off]\n"
		  "do = offline all\n"
		  "while = vmstat.fragsim_offline_attempt < 2\n");
	sim_init(&s, &mm, &w, &params, &obs);
	ck_assert_int_eq(sim_run(&s), SIM_COMPLETE);
	ck_assert_int_eq(attempts, 2);
	ck_assert_uint_eq(mm.vm_events[FRAGSIM_OFFLINE_ATTEMPT], 2);
	finish(&s, &w);
}
END_TEST

/*
 * A phase whose generators' process has gone can no longer end: the run
 * stops at once, stalled, naming the phase.  A run longer than its time
 * limit stops there.
 */
START_TEST(test_runs_always_end)
{
	struct workload w;
	struct sim s;
	struct sim_params params = { .seed = 1 };

	boot_small();
	load_text(&w, "[process p]\n[phase a]\nuntil_requests = 5\n"
		  "[action bye]\ndo = exit p\n"
		  "[generator g]\nprocess = p\nkind = anon\nrate = 1/s\n");
	sim_init(&s, &mm, &w, &params, NULL);
	ck_assert_int_eq(sim_run(&s), SIM_STALLED);
	ck_assert_ptr_nonnull(strstr(s.stop_reason, "phase a"));
	ck_assert_uint_eq(s.stats.requests[OWNER_ANON][0], 0);
	sim_release(&s);
	workload_release(&w);

	load_text(&w, "[phase a]\nduration = 10s\n"
		  "[generator g]\nkind = anon\nrate = 100/s\n");
	params.max_time = NSEC_PER_SEC;
	sim_init(&s, &mm, &w, &params, NULL);
	ck_assert_int_eq(sim_run(&s), SIM_TIME_LIMIT);
	ck_assert_uint_le(s.now, NSEC_PER_SEC);
	finish(&s, &w);
}
END_TEST

/*
 * The iteration number where a value is expected: each iteration frees
 * (10% x iteration) of what is left, round(0.1 x 1000) = 100, then
 * round(0.2 x 900) = 180, then round(0.3 x 720) = 216; and writes
 * nr_hugepages (2 x iteration): pools of 2, 4 and 6 pages.
 */
START_TEST(test_iteration_as_a_value)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[phase fill]\nuntil_requests = 1000\n"
	    "[generator g]\nkind = anon\narrival = constant\nrate = 1000/s\n"
	    "[repeat r]\nphases = punch\ntimes = 3\n"
	    "[phase punch]\nduration = 1ms\n"
	    "[action f]\ndo = free g (10% * iteration) in random order\n"
	    "[action h]\ndo = nr_hugepages (2 * iteration)\n", 1, NULL);
	ck_assert_uint_eq(s.stats.frees, 100 + 180 + 216);
	ck_assert_uint_eq(s.gens[0].live_pages, 1000 - 496);
	ck_assert_int_eq(s.stats.nr_hugepage_results, 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_uint_eq(s.stats.hugepages[i].requested, 2 * (i + 1));
		ck_assert_uint_eq(s.stats.hugepages[i].obtained, 2 * (i + 1));
	}
	finish(&s, &w);
}
END_TEST

/*
 * A file's memory (file = NAME) belongs to no process: the writer's exit
 * leaves it, FILE.pages counts it, and free FILE 50% truncates half of it.
 * 300 requests at 1000/s and twice 500/s, constant: a makes 150, t and r
 * 75 each (the file's 150); the exit frees a's 150, the truncation 75.
 */
START_TEST(test_file_outlives_its_writer)
{
	struct workload w;
	struct sim s;

	boot_small();
	run(&s, &w, "[process p]\n"
	    "[phase write]\nuntil_requests = 300\n"
	    "[generator a]\nprocess = p\nkind = anon\narrival = constant\n"
	    "rate = 1000/s\n"
	    "[generator t]\nfile = shm\nkind = anon\narrival = constant\n"
	    "rate = 500/s\n"
	    "[generator r]\nfile = shm\nkind = pinned\ngfp = GFP_HIGHUSER\n"
	    "arrival = constant\nrate = 500/s\n"
	    "[phase quit]\nduration = 1ms\nlet before = shm.pages\n"
	    "[action bye]\ndo = exit p\n"
	    "[phase truncate]\nduration = 1ms\n"
	    "[action cut]\ndo = free shm 50% in random order\n", 1, NULL);
	ck_assert_uint_eq(s.gens[0].live_pages, 0);
	ck_assert_double_eq(s.vars[0], 150);
	ck_assert_uint_eq(s.gens[1].live_pages + s.gens[2].live_pages, 75);
	ck_assert_uint_eq(s.stats.frees, 150 + 75);
	finish(&s, &w);
}
END_TEST

Suite *sim_suite(void)
{
	Suite *s = suite_create("sim");
	TCase *tc = tcase_create("engine");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_constant_rate_fixed_lifetime);
	tcase_add_test(tc, test_drawn_phase_duration);
	tcase_add_test(tc, test_kcompactd_ticks_on_the_wheel);
	tcase_add_test(tc, test_until_requests_and_phase_lifetime);
	tcase_add_test(tc, test_arrival_rates_and_lifetimes);
	tcase_add_test(tc, test_same_seed_same_run);
	tcase_add_test(tc, test_streams_are_independent);
	tcase_add_test(tc, test_share_and_until_shares);
	tcase_add_test(tc, test_free_action);
	tcase_add_test(tc, test_free_action_in_allocation_order);
	tcase_add_test(tc, test_until_free_below);
	tcase_add_test(tc, test_pinned_pages_leave_zone_movable);
	tcase_add_test(tc, test_hugetlb_pool);
	tcase_add_test(tc, test_hugepages_write_zeroes_what_it_obtains);
	tcase_add_test(tc, test_freelist_scan_priced_apart);
	tcase_add_test(tc, test_repeat_frees_and_refills);
	tcase_add_test(tc, test_generator_rate_per_phase);
	tcase_add_test(tc, test_continuous_generator_keeps_its_pace);
	tcase_add_test(tc, test_free_over_spreads_in_batches);
	tcase_add_test(tc, test_free_over_outlived_and_rerun);
	tcase_add_test(tc, test_free_at_rate_holds_its_phase);
	tcase_add_test(tc, test_generator_until_waits_for_its_lets);
	tcase_add_test(tc, test_generator_until_polled_with_mod);
	tcase_add_test(tc, test_exited_process_stops_and_frees);
	tcase_add_test(tc, test_objects_leave_together);
	tcase_add_test(tc, test_close_objects_of_earlier_iterations);
	tcase_add_test(tc, test_guarded_offline_stops);
	tcase_add_test(tc, test_runs_always_end);
	tcase_add_test(tc, test_iteration_as_a_value);
	tcase_add_test(tc, test_file_outlives_its_writer);
	tcase_add_test(tc, test_migration_shoots_down_while_its_process_runs);
	tcase_add_test(tc, test_frees_drawn_by_the_programs_lcg);
	suite_add_tcase(s, tc);
	return s;
}
