/*
 * sim.c - the discrete-event engine (see sim.h).
 *
 * A phase starts its generators' arrival streams and its actions; each
 * arrival makes a request through the allocator model (alloc_pages), whose
 * latency is the cost model applied to the work the request caused
 * (compaction scanning and migration, reclaim); a block with a finite
 * lifetime gets a free event.  Requests are open-loop: a stalled request
 * does not delay the next arrival.
 */
#include <assert.h>
#include <limits.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mm/compaction.h"
#include "mm/kcompactd.h"
#include "mm/memory_hotplug.h"
#include "mm/vmscan.h"
#include "sim/daemons.h"
#include "sim/rng.h"
#include "sim/sim.h"
#include "util/xalloc.h"
#include "workload/units.h"

enum event_type {
	EV_ARRIVAL = 1,		/* a = generator, b = phase_seq */
	EV_FREE,		/* a = block record, b = its generation */
	EV_PHASE_END,		/* a = phase_seq */
	EV_ACTION,		/* a = action, b = phase_seq */
	EV_TICK,
	EV_KSWAPD,		/* a = node: kswapd's next slice of work */
	EV_KCOMPACTD,		/* a = node: kcompactd's next step */
	EV_KCOMPACTD_TIMER,	/* a = node, b = its wait: the timeout */
	EV_KSWAPD_NAP,		/* a = node, b = the nap: its end */
	EV_KOP,			/* the running kernel operation's next step */
	EV_SPREAD_FREE,		/* a = action, b = spread_free.seq */
};

#define PREFETCH_AHEAD	16
#define PROGRESS_EVERY	4096

/*
 * Ticks and kcompactd's timer come back forever; every other event can
 * change the state a phase waits for.  sim.nr_pending counts those in the
 * queue: with none left, a phase waiting for the state waits in vain.
 */
static inline unsigned int changes_state(const struct sim *s,
					 unsigned int type, uint32_t a)
{
	/* nor does a continuous generator's arrival: it runs beside the
	 * phases, and a phase waits for nothing of it */
	return type != EV_TICK && type != EV_KCOMPACTD_TIMER &&
	       !(type == EV_ARRIVAL && s->w->generators[a].continuous);
}

static void push(struct sim *s, sim_time_t time, unsigned int type,
		 uint32_t a, uint32_t b)
{
	s->nr_pending += changes_state(s, type, a);
	event_push(&s->q, time, type, a, b);
}

/* now + t, saturated: a lifetime may be longer than the clock can count */
static inline sim_time_t after(const struct sim *s, sim_time_t t)
{
	return t > SIM_TIME_NEVER - s->now ? SIM_TIME_NEVER : s->now + t;
}

/*
 * The event being handled schedules its successor (a generator's next
 * arrival, the next tick, a daemon's next step): it takes the handled
 * event's place in the queue, in one sift, unless it was taken already.
 * The insertion order is that of a push made at the same point.
 */
static void reschedule(struct sim *s, sim_time_t time, unsigned int type,
		       uint32_t a, uint32_t b)
{
	s->nr_pending += changes_state(s, type, a);
	if (s->handling_top) {
		s->handling_top = false;
		event_replace_top(&s->q, time, type, a, b);
	} else {
		event_push(&s->q, time, type, a, b);
	}
}

/* Kernel operations running or waiting (struct kernel_op). */
static size_t kernel_ops_busy(const struct sim *s)
{
	return (s->kop.action >= 0) + s->kop_nr;
}

/* --- the blocks each generator holds --- */

/*
 * A block a spread free has picked leaves its generator at once but stays
 * mapped until the free reaches it: its record, with no holder, notes the
 * action in holder_slot with this bit, above any place in a list (a list
 * holds fewer blocks than there are frames, under FRAME_INDEX_MASK).
 */
#define SPREAD_PENDING		(UINT32_C(1) << 31)
_Static_assert(FRAME_INDEX_MASK < SPREAD_PENDING, "a list place never "
	       "has the pending bit");

static inline bool spread_pending(uint32_t holder_slot)
{
	return holder_slot & SPREAD_PENDING;
}

static inline int spread_pending_action(uint32_t holder_slot)
{
	return (int)(holder_slot & ~SPREAD_PENDING);
}

/* A live list entry's block, named as the rest of fragsim names blocks. */
static inline struct block_ref live_ref(const struct sim *s, uint32_t idx)
{
	return (struct block_ref){ idx, s->mm->blocks[idx].gen };
}

static inline __attribute__((always_inline)) void
track_in(struct sim *s, int g, struct block_ref ref, unsigned int order,
	 unsigned long *counter)
{
	struct gen_state *gs = &s->gens[g];
	struct page_block *b = &s->mm->blocks[ref.idx];

	if (gs->nr_live == gs->live_cap)
		gs->live = xgrow(gs->live, &gs->live_cap, gs->nr_live + 1,
				 sizeof(*gs->live));
	b->holder = (uint16_t)g;
	b->holder_slot = (uint32_t)gs->nr_live;
	gs->live[gs->nr_live++] = ref.idx;
	if (__builtin_expect(gs->slots != NULL, 0))
		gen_slots_take(gs->slots, gs->nr_live - 1);
	gs->live_pages += 1UL << order;
	if (counter)
		*counter += 1UL << order;
}

/* A block of g's own kind: its process's rss counter for that kind. */
static inline __attribute__((always_inline)) void
track(struct sim *s, int g, struct block_ref ref, unsigned int order)
{
	track_in(s, g, ref, order, s->gens[g].rss);
}

/* The counter of its process a block of gs counts in. */
static unsigned long *block_counter(const struct gen_state *gs,
				    const struct page_block *b)
{
	return b->kind == OWNER_PAGETABLE ? gs->pgtables : gs->rss;
}

/* The block leaves its generator (freed, or dropped by reclaim). */
static void untrack(struct sim *s, struct block_ref ref)
{
	struct page_block *b = &s->mm->blocks[ref.idx];
	struct gen_state *gs;
	uint32_t pos, last;

	if (b->holder == BLOCK_NO_HOLDER)
		return;
	gs = &s->gens[b->holder];
	pos = b->holder_slot;
	assert(pos < gs->nr_live && gs->live[pos] == ref.idx);
	if (gs->slots)
		gen_slots_remove(gs->slots, pos, gs->nr_live - 1);
	last = gs->live[--gs->nr_live];
	gs->live[pos] = last;
	s->mm->blocks[last].holder_slot = pos;
	b->holder = BLOCK_NO_HOLDER;
	gs->live_pages -= 1UL << b->order;
	if (block_counter(gs, b))
		*block_counter(gs, b) -= 1UL << b->order;
}

/* The allocator calls of the engine, seen by the observer. */
static inline struct alloc_result sim_alloc(struct sim *s, gfp_t gfp,
				     unsigned int order, int nid, int cpu,
				     enum owner_kind kind)
{
	struct alloc_result res = __alloc_pages(s->mm, gfp, order, nid, cpu,
						kind);

	if (s->obs.alloc)
		s->obs.alloc(s->obs.ctx, gfp, order, nid, cpu, kind, res.pfn);
	return res;
}

/* Free the block of order at pfn that ref names. */
static void sim_free(struct sim *s, struct block_ref ref, unsigned long pfn,
		     unsigned int order, int cpu)
{
	if (s->obs.free)
		s->obs.free(s->obs.ctx, pfn, cpu);
	__free_pages(s->mm, ref, pfn, order, cpu);
}

/* The CPU generator g frees on, or -1: its blocks' frees are spread. */
static int gen_free_cpu(const struct sim *s, uint16_t g)
{
	if (g == BLOCK_NO_HOLDER)
		return -1;
	if (s->w->generators[g].free_cpu >= 0)
		return s->w->generators[g].free_cpu;
	return s->w->generators[g].cpu;
}

/* A spread free's CPU: by the block's record, idx mod nr_cpus. */
static inline int spread_cpu(const struct sim *s, uint32_t idx)
{
	uint32_t n = (uint32_t)s->mm->nr_cpus;

	/* without a division for the usual power of two */
	return (int)(n & (n - 1) ? idx % n : idx & (n - 1));
}

/* The CPU generator g's block idx is freed on. */
static int free_cpu(const struct sim *s, uint16_t g, uint32_t idx)
{
	int cpu = gen_free_cpu(s, g);

	return cpu >= 0 ? cpu : spread_cpu(s, idx);
}

static void free_tracked(struct sim *s, struct block_ref ref)
{
	const struct page_block *b = block_ref_get(s->mm, ref);
	int cpu;

	if (!b)
		return;		/* freed meanwhile (reclaim, a pool shrink) */
	cpu = free_cpu(s, b->holder, ref.idx);
	untrack(s, ref);
	sim_free(s, ref, b->pfn, b->order, cpu);
	s->stats.frees++;
}

/* NR_FREE_PAGES of zone type t (every type: -1) of node nid (-1: all) */
static unsigned long free_pages_of(const struct sim *s, int nid, int t)
{
	const struct zone_layout *l = &s->mm->layout;
	unsigned long free = 0;

	for (int n = 0; n < l->nr_node_ids; n++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			if ((nid < 0 || n == nid) && (t < 0 || z == t))
				free += l->node_data[n].node_zones[z]
						.nr_free_pages;
	return free;
}

double sim_quantity(const struct sim *s, const struct quantity *q)
{
	const struct zone_layout *l = &s->mm->layout;
	const struct gen_state *gs = q->index >= 0 &&
				     q->index < s->w->nr_generators ?
				     &s->gens[q->index] : NULL;
	unsigned long managed = 0;
	int r;

	switch (q->kind) {
	case Q_MEMFREE:
		return (double)free_pages_of(s, q->nid, -1);
	case Q_ZONE_FREE:
		return (double)free_pages_of(s, q->nid, q->zone);
	case Q_MEMTOTAL:
		for (int n = 0; n < l->nr_node_ids; n++)
			for (int z = 0; z < MAX_NR_ZONES; z++)
				if (q->nid < 0 || n == q->nid)
					managed += l->node_data[n]
						.node_zones[z].managed_pages;
		return (double)managed;
	case Q_VMSTAT:
		return (double)s->mm->vm_events[q->index];
	case Q_GEN_PAGES:
		return (double)gs->live_pages;
	case Q_GEN_OBJECTS:
		return (double)gs->nr_objs;
	case Q_GEN_ALLOCATED:
		return (double)gs->phase_allocated;
	case Q_GEN_REQUESTS:
		return (double)gs->phase_requests;
	case Q_GEN_FAILURES:
		return (double)gs->phase_failures;
	case Q_PROC_PAGES:
		return (double)(s->oom.task[q->index].anon_rss +
				s->oom.task[q->index].pgtables);
	case Q_PROC_ALIVE:
		return !s->oom.task[q->index].exited;
	case Q_FILE_PAGES:
		for (int g = 0; g < s->w->nr_generators; g++)
			if (s->w->generators[g].file == q->index)
				managed += s->gens[g].live_pages;
		return (double)managed;
	case Q_PHASE_REQUESTS:
		return (double)s->phase_requests;
	case Q_PHASE_FAILURES:
		return (double)s->phase_failures;
	case Q_PHASE_ALLOCATED:
		return (double)s->phase_allocated;
	case Q_BUSY:
		return (double)kernel_ops_busy(s);
	case Q_ITERATION:
		r = s->phase < s->w->nr_phases ?
		    s->w->phases[s->phase].repeat : -1;
		return r >= 0 ? (double)s->iteration[r] : 0;
	case Q_VAR:
		return s->vars[q->index];
	}
	abort();
}

static double condition_value(void *ctx, int name)
{
	const struct sim *s = ((const void **)ctx)[0];
	const struct condition *c = ((const void **)ctx)[1];

	return sim_quantity(s, &c->q[name]);
}

double sim_eval(const struct sim *s, const struct condition *c)
{
	const void *ctx[2] = { s, c };

	return expr_eval(&c->e, condition_value, ctx);
}

unsigned long sim_free_pages(const struct sim *s)
{
	const struct zone_layout *l = &s->mm->layout;
	unsigned long free = 0;

	for (int nid = 0; nid < l->nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++)
			free += l->node_data[nid].node_zones[t].nr_free_pages;
	return free;
}

/* --- the cost model --- */

/*
 * The cost of all the work done inside the allocator so far, from the vm
 * counters: a request's is the difference across it.  Taking the cost of
 * the totals and subtracting gives the cost of the differences exactly
 * (the arithmetic is modulo 2^64 either way), with one sum per side.
 */
static inline sim_time_t work_so_far(const struct mm_state *mm,
				     const struct cost_model *c)
{
	const unsigned long *ev = mm->vm_events;

	/* the fast search's walks of the free lists apart: the kernel's
	 * revisit the same entries, in cache, at a fraction of a scan */
	return (ev[COMPACTMIGRATE_SCANNED] + ev[COMPACTFREE_SCANNED] -
		mm->nr_freelist_scanned) * c->compact_scan +
	       mm->nr_freelist_scanned * c->compact_freelist_scan +
	       ev[COMPACTISOLATED] * c->compact_isolate +
	       (ev[PGMIGRATE_SUCCESS] + ev[PGMIGRATE_FAIL]) * c->migrate +
	       mm->nr_tlb_shootdowns * c->tlb_shootdown +
	       ev[PGSCAN_DIRECT] * c->reclaim_scan +
	       ev[PGSTEAL_DIRECT] * c->reclaim;
}

/* Put kind's pending run of equal latencies into its histogram. */
static void flush_latency_kind(struct sim *s, int kind)
{
	latency_record_n(&s->stats.latency_by_kind[kind],
			 s->latency_run[kind].ns, s->latency_run[kind].count);
	s->latency_run[kind].count = 0;
}

static void flush_latency(struct sim *s)
{
	for (int kind = 0; kind < NR_OWNER_KINDS; kind++)
		flush_latency_kind(s, kind);
}

/*
 * A request's latency: a run of equal values of a kind is added at once
 * (a histogram's values are added in the same order as one by one).
 */
static inline void record_latency(struct sim *s, int kind, uint64_t ns)
{
	if (ns != s->latency_run[kind].ns) {
		flush_latency_kind(s, kind);
		s->latency_run[kind].ns = ns;
	}
	s->latency_run[kind].count++;
}

/* --- the kernel's daemons --- */

/* A woken daemon's first step, after the wake-up's latency. */
static void queue_daemon(void *ctx, enum daemon which, int nid)
{
	struct sim *s = ctx;

	if (which == DAEMON_KCOMPACTD)
		/* the wait ends with the wake-up: its timeout too */
		s->kcompactd_wait[nid]++;
	push(s, s->now + s->w->costs.daemon_wakeup,
	     which == DAEMON_KSWAPD ? EV_KSWAPD : EV_KCOMPACTD,
	     (uint32_t)nid, 0);
}

/*
 * Put a step in the queue for every daemon the allocator woke: after a
 * request or an action (force false) or a daemon's own step (force true),
 * as daemons_look says.
 */
static inline void schedule_daemons(struct sim *s, bool force)
{
	daemons_look(&s->daemons, s->mm, force, queue_daemon, s);
}

/* The event runs as node nid's kernel thread of that kind. */
static void run_as_daemon(struct sim *s, enum sim_task task, int nid)
{
	s->task = task;
	s->task_id = nid;
}

static void kswapd_event(struct sim *s, int nid)
{
	sim_time_t next;

	run_as_daemon(s, SIM_TASK_KSWAPD, nid);
	next = daemon_step(&s->daemons, s->mm, DAEMON_KSWAPD, nid,
				      &s->w->costs);

	if (s->obs.daemon)
		s->obs.daemon(s->obs.ctx, SIM_DAEMON_KSWAPD, nid);
	if (next != SIM_TIME_NEVER)
		reschedule(s, s->now + next, EV_KSWAPD, (uint32_t)nid, 0);
	else if (s->mm->kswapd[nid].napping)
		push(s, kswapd_nap_expiry(s->now, s->mm->hz), EV_KSWAPD_NAP,
		     (uint32_t)nid, s->mm->kswapd[nid].nap_seq);
	schedule_daemons(s, true);
}

/* EV_KSWAPD_NAP: kswapd_try_to_sleep's nap is over, unless a wake-up
 * ended it already */
static void kswapd_nap_event(struct sim *s, int nid, uint32_t seq)
{
	run_as_daemon(s, SIM_TASK_KSWAPD, nid);
	kswapd_nap_end(s->mm, nid, seq);
	schedule_daemons(s, true);
}

static void kcompactd_event(struct sim *s, int nid)
{
	sim_time_t next;

	run_as_daemon(s, SIM_TASK_KCOMPACTD, nid);
	next = daemon_step(&s->daemons, s->mm, DAEMON_KCOMPACTD, nid,
			   &s->w->costs);

	if (s->obs.daemon)
		s->obs.daemon(s->obs.ctx, SIM_DAEMON_KCOMPACTD, nid);
	if (next == SIM_TIME_NEVER)
		/* back to its wait, with the default timeout */
		push(s, kcompactd_wait_expiry(s->now, s->mm->hz),
		     EV_KCOMPACTD_TIMER, (uint32_t)nid, s->kcompactd_wait[nid]);
	else
		reschedule(s, s->now + next, EV_KCOMPACTD, (uint32_t)nid, 0);
	schedule_daemons(s, true);
}

/*
 * mm/compaction.c: kcompactd's wait_event_freezable_timeout - kcompactd
 * waits HPAGE_FRAG_CHECK_INTERVAL_MSEC, on the timer wheel's grid, from
 * when it goes to sleep (at boot, after a woken run, after each
 * proactive check); a wake-up ends
 * the wait and its timeout (wait, the wait's number, tells a stale one).
 * When the timeout comes first, the proactive check runs and the next
 * wait begins, unless the check woke kcompactd for a proactive run.
 */
static void kcompactd_timer_event(struct sim *s, int nid, uint32_t wait)
{
	if (wait != s->kcompactd_wait[nid])
		return;			/* that wait ended with a wake-up */
	run_as_daemon(s, SIM_TASK_KCOMPACTD, nid);
	kcompactd_timer(s->mm, nid);
	if (s->obs.daemon)
		s->obs.daemon(s->obs.ctx, SIM_DAEMON_KCOMPACTD_TIMER, nid);
	schedule_daemons(s, true);
	if (wait == s->kcompactd_wait[nid])
		reschedule(s, kcompactd_wait_expiry(s->now, s->mm->hz),
			   EV_KCOMPACTD_TIMER, (uint32_t)nid, wait);
}

/* --- processes and the OOM killer --- */

/* Blocks that outlive the process holding them. */
static bool outlives_process(enum owner_kind kind)
{
	return kind == OWNER_PAGECACHE || kind == OWNER_SLAB_RECLAIMABLE ||
	       kind == OWNER_HUGETLB || kind == OWNER_RAMFS;
}

/*
 * The task counter a generator's blocks count in, as get_mm_rss and
 * mm_pgtables_bytes see them: mapped user memory and page tables.
 */
static unsigned long *rss_counter(struct oom_task *t, enum owner_kind kind)
{
	switch (kind) {
	case OWNER_ANON:
	case OWNER_THP:
	case OWNER_PINNED:
		return &t->anon_rss;
	case OWNER_PAGETABLE:
		return &t->pgtables;
	default:
		return NULL;
	}
}

/* The CPU a dying process frees its memory on. */
static int victim_cpu(const struct sim *s, const struct generator *gen)
{
	if (gen->free_cpu >= 0)
		return gen->free_cpu;
	return gen->cpu >= 0 ? gen->cpu : s->current_cpu;
}

static unsigned long spread_free_process(struct sim *s, int task);

/*
 * A process exits (exit_mmap, closing its files): every block its
 * generators hold goes, in the order they hold them, on the CPU it runs
 * on, except what outlives a process; its generators stop.  Returns the
 * pages freed.
 */
static unsigned long process_exit(struct sim *s, int task)
{
	struct sim_stats *st = &s->stats;
	unsigned long freed_pages = 0;

	s->oom.task[task].exited = true;
	/* what it was still unmapping goes with the rest */
	freed_pages += spread_free_process(s, task);
	for (int g = 0; g < s->w->nr_generators; g++) {
		struct gen_state *gs = &s->gens[g];
		const struct generator *gen = &s->w->generators[g];
		struct block_ref *refs;
		size_t n = gs->nr_live;

		if (gen->process != task)
			continue;
		gs->killed = true;
		if (outlives_process(gen->kind) || !n)
			continue;
		refs = xmalloc(n * sizeof(*refs));
		for (size_t i = 0; i < n; i++)
			refs[i] = live_ref(s, gs->live[i]);
		for (size_t i = 0; i < n; i++) {
			const struct page_block *b = block_ref_get(s->mm,
								   refs[i]);

			if (!b || outlives_process((enum owner_kind)b->kind))
				continue;
			freed_pages += 1UL << b->order;
			untrack(s, refs[i]);
			sim_free(s, refs[i], b->pfn, b->order,
				 victim_cpu(s, gen));
			st->frees++;
		}
		free(refs);
		gs->nr_objs = gs->nr_parts = 0;
	}
	return freed_pages;
}

static void check_stall(struct sim *s);

/* oom_tasks.kill: the victim dies as an exiting process does. */
static void kill_process(void *ctx, int task)
{
	struct sim *s = ctx;
	struct sim_stats *st = &s->stats;
	unsigned long freed_pages = process_exit(s, task);

	st->oom_kills = xrealloc(st->oom_kills, (size_t)(st->nr_oom_kills + 1) *
				 sizeof(*st->oom_kills));
	st->oom_kills[st->nr_oom_kills++] = (struct oom_kill_result){
		.time = s->now, .process = task, .pages_freed = freed_pages };
}

/* One task per [process], pids in file order after the boot's. */
static void init_tasks(struct sim *s)
{
	const struct workload *w = s->w;
	struct oom_task *task;

	task = xcalloc((size_t)(w->nr_processes ? w->nr_processes : 1),
		       sizeof(*task));
	for (int i = 0; i < w->nr_processes; i++) {
		snprintf(task[i].comm, sizeof(task[i].comm), "%s",
			 w->processes[i].name);
		task[i].pid = 100 + i;
		task[i].oom_score_adj = (short)w->processes[i].oom_score_adj;
	}
	for (int g = 0; g < w->nr_generators; g++) {
		if (w->generators[g].process < 0)
			continue;
		s->gens[g].rss = rss_counter(&task[w->generators[g].process],
					     w->generators[g].kind);
		s->gens[g].pgtables = &task[w->generators[g].process].pgtables;
	}
	s->oom = (struct oom_tasks){ .task = task, .nr = w->nr_processes,
				     .current = -1, .kill = kill_process,
				     .ctx = s };
}

/* mm->block_dropped: reclaim freed a block a generator held. */
static void block_dropped(void *ctx, struct block_ref ref)
{
	untrack(ctx, ref);
}

/*
 * mm->runs_elsewhere: the process mapping b (its holder's, the generator
 * itself if it has none; for a block a spread free has picked and not yet
 * freed, the freeing generator's: the program's unmapping loop has not
 * reached it, so its PTE is still there) runs on a CPU other than cpu: one
 * of its generators runs in this phase, not stopped, on another CPU (or
 * spread over several), or frees its blocks there (free ... over: the
 * program's unmapping loop).  A file's pages are written, not mapped
 * (frag's tmpfs): no PTE to clear.
 */
static bool runs_elsewhere(void *ctx, const struct page_block *b, int cpu)
{
	const struct sim *s = ctx;
	const struct workload *w = s->w;
	int holder = b->holder, process;

	if (holder == BLOCK_NO_HOLDER && spread_pending(b->holder_slot))
		holder = w->actions[spread_pending_action(b->holder_slot)]
			 .generator;
	if (holder >= w->nr_generators || s->phase >= w->nr_phases ||
	    w->generators[holder].file >= 0)
		return false;
	process = w->generators[holder].process;
	for (int g = 0; g < w->nr_generators; g++) {
		const struct generator *gen = &w->generators[g];

		if (g != holder && (process < 0 || gen->process != process))
			continue;
		if (!generator_runs_in(gen, s->phase) || s->gens[g].killed ||
		    s->gens[g].finished)
			continue;
		if (gen->cpu < 0 ? s->mm->nr_cpus > 1 : gen->cpu != cpu)
			return true;
	}
	for (int a = 0; s->nr_spreading && a < w->nr_actions; a++) {
		int g = w->actions[a].generator;

		if (!s->spreads[a].refs || (g != holder &&
		    (process < 0 || w->generators[g].process != process)))
			continue;
		if (s->spreads[a].cpu < 0 ? s->mm->nr_cpus > 1 :
					    s->spreads[a].cpu != cpu)
			return true;
	}
	return false;
}

/*
 * mm->cpu_busy: a kernel operation's writer runs on cpu, in the kernel
 * from its first step to its last.  The generators' requests are not
 * taken as keeping a CPU busy: between them their program may sleep or
 * wait, and phases do not say when (a writer never does).
 */
static bool cpu_busy(void *ctx, int cpu)
{
	const struct sim *s = ctx;

	return s->kop.action >= 0 && s->kop.cpu == cpu;
}

/* --- requests --- */


/* Where a generator's next request runs: its CPU and preferred node. */
static void place_request(struct sim *s, int g, int *cpu, int *nid)
{
	const struct generator *gen = &s->w->generators[g];
	struct gen_state *gs = &s->gens[g];
	const struct mm_state *mm = s->mm;

	if (gen->cpu >= 0) {
		*cpu = gen->cpu;
	} else {
		int next = gs->next_cpu + 1;

		/* round robin; the wrap, once in nr_cpus requests of
		 * interleaved generators, is a select, not a branch */
		*cpu = gs->next_cpu;
		gs->next_cpu = next & -(next != mm->nr_cpus);
	}
	*nid = mm->cpu_to_node[*cpu];
	if (gen->node >= 0) {
		*nid = gen->node;
	} else if (gen->node == NODE_INTERLEAVE) {
		do {
			*nid = gs->next_node;
			gs->next_node = (gs->next_node + 1) %
					mm->layout.nr_node_ids;
		} while (!node_has_memory(mm, *nid));
	}
}

static bool in_zone_movable(const struct alloc_result *res)
{
	return res->zone && res->zone->type == ZONE_MOVABLE;
}

/*
 * A long-term pin (mm/gup.c: check_and_migrate_movable_pages): the page is
 * faulted in as movable memory, and if it landed in ZONE_MOVABLE it is
 * migrated out, to a GFP_USER page, before the pin is taken.
 */
static struct alloc_result alloc_pinned(struct sim *s, gfp_t gfp,
					unsigned int order, int nid, int cpu)
{
	struct alloc_result res = sim_alloc(s, gfp, order, nid, cpu,
					    OWNER_PINNED);
	struct alloc_result moved;

	if (res.pfn == PFN_NONE || !in_zone_movable(&res))
		return res;
	moved = sim_alloc(s, GFP_USER | __GFP_NOWARN, order, nid, cpu,
			  OWNER_PINNED);
	sim_free(s, res.ref, res.pfn, order, cpu);
	s->stats.pin_migrations++;
	return moved;
}

static void schedule_free(struct sim *s, struct block_ref ref,
			  sim_time_t lifetime)
{
	push(s, after(s, lifetime), EV_FREE, ref.idx, ref.gen);
}

/*
 * Hold a new block (allocated on cpu) for generator g, with its lifetime;
 * unless the OOM killer chose g's process while it asked for the block:
 * then the process dies with the page it was given.
 */
static inline __attribute__((always_inline)) void
hold(struct sim *s, int g, const struct alloc_result *res, unsigned int order,
     int cpu, bool finite, sim_time_t lifetime)
{
	if (s->gens[g].killed) {
		sim_free(s, res->ref, res->pfn, order, cpu);
		return;
	}
	track(s, g, res->ref, order);
	if (finite)
		schedule_free(s, res->ref, lifetime);
	if (!s->w->generators[g].continuous)
		s->phase_allocated += 1UL << order;
	s->gens[g].phase_allocated += 1UL << order;
}

/*
 * A THP fault that got no huge page falls back to a small page
 * (do_huge_pmd_anonymous_page → handle_pte_fault maps the faulting 4 KiB
 * page); with thp_fallback = range the whole 2 MiB range is mapped with
 * small pages at once, as a program touching all of it would.
 */
static void thp_fallback(struct sim *s, int g, unsigned int order, int nid,
			 int cpu, bool finite, sim_time_t lifetime)
{
	unsigned long n = s->w->generators[g].thp_fallback ==
			  THP_FALLBACK_RANGE ? 1UL << order : 1;

	s->stats.thp_fallbacks++;
	for (unsigned long i = 0; i < n && !s->gens[g].killed; i++) {
		struct alloc_result res = sim_alloc(s, GFP_HIGHUSER_MOVABLE, 0,
						    nid, cpu, OWNER_ANON);

		if (res.pfn == PFN_NONE)
			break;
		hold(s, g, &res, 0, cpu, finite, lifetime);
	}
}

/* The part just tracked belongs to the object being made. */
static void add_part(struct gen_state *gs, struct block_ref ref)
{
	if (gs->nr_parts == gs->parts_cap)
		gs->parts = xgrow(gs->parts, &gs->parts_cap, gs->nr_parts + 1,
				  sizeof(*gs->parts));
	gs->parts[gs->nr_parts++] = ref;
}

/*
 * An object's blocks: a page-table page first if it comes with one (the
 * fault allocates the PTE page, __pte_alloc, before the page it maps),
 * then its pages (a pipe's buffers are allocated one by one as it is
 * written).  The first failure ends it; what was allocated stays in it.
 */
static bool request_object(struct sim *s, int g, unsigned int order, int nid,
			   int cpu, bool finite, sim_time_t lifetime)
{
	const struct generator *gen = &s->w->generators[g];
	struct gen_state *gs = &s->gens[g];
	struct sim_object obj = { .first = (uint32_t)gs->nr_parts,
				  .iteration = s->iteration_seq };
	bool ok = true;

	if (gen->with_pagetable) {
		struct alloc_result res = sim_alloc(s, owner_kind_gfp(OWNER_PAGETABLE), 0, nid,
						    cpu, OWNER_PAGETABLE);

		ok = res.pfn != PFN_NONE;
		if (ok && !gs->killed) {
			track_in(s, g, res.ref, 0, gs->pgtables);
			s->phase_allocated += !gen->continuous;
			gs->phase_allocated++;
			add_part(gs, res.ref);
		} else if (ok) {
			sim_free(s, res.ref, res.pfn, 0, cpu);
		}
	}
	for (unsigned int i = 0; ok && i < gen->pages && !gs->killed; i++) {
		struct alloc_result res = sim_alloc(s, gen->gfp, order, nid,
						    cpu, gen->kind);

		ok = res.pfn != PFN_NONE;
		if (!ok)
			break;
		hold(s, g, &res, order, cpu, finite, lifetime);
		if (!gs->killed)
			add_part(gs, res.ref);
	}
	obj.nr = (uint32_t)(gs->nr_parts - obj.first);
	if (obj.nr) {
		if (gs->nr_objs == gs->objs_cap)
			gs->objs = xgrow(gs->objs, &gs->objs_cap,
					 gs->nr_objs + 1, sizeof(*gs->objs));
		gs->objs[gs->nr_objs++] = obj;
	}
	return ok;
}

static void end_phase(struct sim *s);

/*
 * The running phase's end conditions as thresholds: what a request checks
 * is then a few comparisons, the products taken once.  Every start_free
 * they read is final by now (each is set as its phase begins).
 */
static void set_phase_limits(struct sim *s)
{
	const struct phase *p = &s->w->phases[s->phase];

	s->until.requests = p->until_requests ? p->until_requests : ULONG_MAX;
	s->until.failures = p->until_failures ? p->until_failures : ULONG_MAX;
	s->until.allocated = p->until_allocated >= 0;
	if (s->until.allocated)
		s->until.allocated_pages = p->until_allocated *
					   s->start_free[p->allocated_base];
	s->until.shares = p->until_shares;
	s->until.free_below = p->until_free_below >= 0;
	if (s->until.free_below)
		s->until.free_pages = p->until_free_below * s->total_managed;
	s->until.cond = p->until;
}

/* Has the running phase's end condition come true? */
static inline bool phase_condition_met(const struct sim *s)
{
	if (s->phase_requests >= s->until.requests ||
	    s->phase_failures >= s->until.failures)
		return true;
	if (s->until.allocated &&
	    s->phase_allocated >= s->until.allocated_pages)
		return true;
	if (s->until.free_below && sim_free_pages(s) < s->until.free_pages)
		return true;
	if (s->until.cond && sim_eval(s, s->until.cond))
		return true;
	return s->until.shares && s->phase_sharers &&
	       s->phase_shares_reached == s->phase_sharers;
}

/* A drawn duration; past what the clock counts, never. */
static inline sim_time_t to_time(double ns)
{
	return ns < 1.8e19 ? (sim_time_t)ns : SIM_TIME_NEVER;
}

/* distribution_sample, without the call for a fixed value (no draw). */
static inline double draw(const struct distribution *d, gsl_rng *r)
{
	return d->kind == DIST_FIXED ? d->a : distribution_sample(d, r);
}

/* The gap to a generator's next arrival, or burst of arrivals. */
static sim_time_t next_gap(const struct generator *gen,
			   const struct gen_state *gs)
{
	switch (gen->arrival) {
	case ARRIVAL_CONSTANT:
		return to_time(gs->mean_gap + 0.5);
	case ARRIVAL_BURSTS:
	case ARRIVAL_POISSON:
		break;
	}
	/*
	 * An exponential gap by inversion, -mean ln(U) with U uniform on
	 * (0, 1]: GSL's gsl_ran_exponential computes -mean ln(1 - U) with
	 * log1p, the same distribution at several times the cost, and a gap
	 * is drawn for every arrival.
	 */
	return to_time(-gs->mean_gap * log(gsl_rng_uniform_pos(gs->rng)) +
		       0.5);
}

/*
 * The draws of a request: its order and lifetime.  The stream never
 * depends on outcomes, so everything is drawn before the request is made.
 */
static void draw_request(const struct generator *gen, struct gen_state *gs,
			 struct request_draws *d)
{
	d->order = (unsigned int)draw(&gen->order, gs->rng);
	d->lifetime = gs->finite ? to_time(draw(&gen->lifetime, gs->rng)) : 0;
}

/*
 * A single-arrival generator's next request and the gap after it, drawn
 * one arrival ahead: the same draws in the same order (its stream has no
 * other consumer), but the logarithm's latency is then spent while other
 * events are handled, not in the chain that decides which event is next.
 * Drawn ahead for an arrival that never comes (the phase ended, the
 * process died), they go unused, as does the stream: a generator runs in
 * one phase only.
 */
static void draw_ahead(const struct generator *gen, struct gen_state *gs)
{
	draw_request(gen, gs, &gs->ahead);
	gs->ahead_gap = next_gap(gen, gs);
	gs->ahead_valid = true;
}

/*
 * A generator with a rate for each of its phases goes at phase p's: the
 * gap drawn ahead in the phase before is stretched to the new pace.
 */
static void set_phase_rate(const struct generator *gen, struct gen_state *gs,
			   int p)
{
	double mean_gap;

	if (gen->nr_rates <= 1)
		return;
	mean_gap = 1e9 / generator_rate_in(gen, p) *
		   (gen->arrival == ARRIVAL_BURSTS ? gen->burst_size : 1);
	if (mean_gap == gs->mean_gap)
		return;
	if (gs->ahead_valid)
		gs->ahead_gap = to_time((double)gs->ahead_gap * mean_gap /
					gs->mean_gap + 0.5);
	gs->mean_gap = mean_gap;
}

static bool single_arrivals(const struct generator *gen)
{
	return gen->arrival != ARRIVAL_BURSTS || gen->burst_size == 1;
}

/* A request of generator g, with its draws. */
static void request(struct sim *s, int g, const struct request_draws *d)
{
	const struct generator *gen = &s->w->generators[g];
	struct gen_state *gs = &s->gens[g];
	bool finite = gs->finite;
	unsigned int order = d->order;
	sim_time_t lifetime = d->lifetime, before, work;
	struct alloc_result res;
	int cpu, nid;
	unsigned long pages = (unsigned long)gen->pages << order;

	if (gs->live_pages + pages + gen->with_pagetable > gs->share_limit) {
		if (!gs->share_reached)
			s->phase_shares_reached += !gen->continuous;
		gs->share_reached = true;
		s->stats.throttled++;
		return;
	}
	if (gs->share_reached)
		s->phase_shares_reached -= !gen->continuous;
	gs->share_reached = false;
	place_request(s, g, &cpu, &nid);
	s->oom.current = gen->process;
	s->current_cpu = cpu;
	s->task = SIM_TASK_GENERATOR;
	s->task_id = g;
	before = work_so_far(s->mm, &s->w->costs);
	if (generator_has_objects(gen)) {
		res.pfn = request_object(s, g, order, nid, cpu, finite,
					 lifetime) ? 0 : PFN_NONE;
	} else if (gen->kind == OWNER_PINNED) {
		res = alloc_pinned(s, gen->gfp, order, nid, cpu);
	} else {
		res = sim_alloc(s, gen->gfp, order, nid, cpu, gen->kind);
	}
	s->stats.requests[gen->kind][order]++;
	s->phase_requests += !gen->continuous;
	gs->requests++;
	gs->phase_requests++;
	if (res.pfn != PFN_NONE) {
		if (!generator_has_objects(gen))
			hold(s, g, &res, order, cpu, finite, lifetime);
	} else {
		s->stats.failures[gen->kind][order]++;
		if (!s->order_failed[order]) {
			s->order_failed[order] = true;
			if (s->obs.first_failure) {
				flush_latency(s);
				s->obs.first_failure(s->obs.ctx, s, order);
			}
		}
		s->phase_failures += !gen->continuous;
		gs->failures++;
		gs->phase_failures++;
		if (gen->kind == OWNER_THP &&
		    gen->thp_fallback != THP_FALLBACK_NONE)
			thp_fallback(s, g, order, nid, cpu, finite, lifetime);
	}
	work = work_so_far(s->mm, &s->w->costs) - before;
	record_latency(s, gen->kind, s->w->costs.alloc + work);
	/* it waited in direct compaction or reclaim */
	if (__builtin_expect(work != 0, 0))
		latency_record(&s->stats.stalled_by_kind[gen->kind],
			       s->w->costs.alloc + work);
	s->oom.current = -1;
	schedule_daemons(s, false);
}

/*
 * Every generator of the running phase has stopped (its until held, or
 * its process died): a phase with no end condition of its own ends; one
 * whose condition needs their requests can no longer end.
 */
static void stall(struct sim *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool phase_has_own_end(const struct phase *p)
{
	return p->duration || p->until || p->until_free_below >= 0 ||
	       p->until_allocated >= 0 || p->until_requests ||
	       p->until_failures || p->until_shares;
}

static bool phase_generators_stopped(const struct sim *s, int *killed)
{
	*killed = 0;
	for (int g = 0; g < s->w->nr_generators; g++) {
		/* a continuous one runs beside the phase, not in its way */
		if (!generator_runs_in(&s->w->generators[g], s->phase) ||
		    s->w->generators[g].continuous)
			continue;
		if (!s->gens[g].killed && !s->gens[g].finished)
			return false;
		*killed += s->gens[g].killed;
	}
	return true;
}

/* Is a spread free that the running phase began still going? */
static bool phase_spreading(const struct sim *s)
{
	for (int a = 0; s->nr_spreading && a < s->w->nr_actions; a++)
		if (s->spreads[a].refs &&
		    s->spreads[a].phase_seq == s->phase_seq)
			return true;
	return false;
}

/*
 * Can the running phase still end?  Called when its generators may all
 * have stopped, and when no event that changes the state is left.
 */
static void check_stall(struct sim *s)
{
	const struct phase *p;
	int killed;

	if (s->stop || s->phase >= s->w->nr_phases)
		return;
	p = &s->w->phases[s->phase];
	if (p->duration || !phase_generators_stopped(s, &killed))
		return;		/* the clock, or requests, may end it */
	if (!phase_has_own_end(p)) {
		/* it ends when its generators have, and its spread frees */
		if (!phase_spreading(s))
			end_phase(s);
		return;
	}
	if (p->until || p->until_free_below >= 0) {
		/* the state may still change, while anything is pending */
		if (s->nr_pending)
			return;
		stall(s, "phase %s can no longer end: its condition does not "
		      "hold, no generator runs in it (%d of its generators' "
		      "processes died) and nothing else is left to change "
		      "the state", p->name, killed);
		return;
	}
	stall(s, "phase %s can no longer end: its end condition needs "
	      "requests, and every generator in it has stopped (%d of them "
	      "because their process died)", p->name, killed);
}

/* After a request of g: has its until come true? */
static void generator_until(struct sim *s, int g)
{
	const struct generator *gen = &s->w->generators[g];

	if (!gen->until || !sim_eval(s, gen->until))
		return;
	s->gens[g].finished = true;
	s->recheck = true;
}

static void capture(struct sim *s, const struct let_list *l);

/*
 * Before a request of g: its lets are captured, and its while must hold,
 * else it stops for the rest of the phase.
 */
static bool generator_may_request(struct sim *s, int g)
{
	const struct generator *gen = &s->w->generators[g];

	if (gen->lets.nr)
		capture(s, &gen->lets);
	if (!gen->while_cond || sim_eval(s, gen->while_cond))
		return true;
	s->gens[g].finished = true;
	s->recheck = true;
	return false;
}

static void arrival(struct sim *s, int g)
{
	const struct generator *gen = &s->w->generators[g];
	unsigned int n = single_arrivals(gen) ? 1 : gen->burst_size;
	uint32_t seq = s->phase_seq;

	struct gen_state *gs = &s->gens[g];
	struct request_draws d;

	if (gs->killed || gs->finished)
		return;		/* a dead process asks for nothing more */
	if (n == 1) {
		if ((gen->while_cond || gen->lets.nr) &&
		    !generator_may_request(s, g))
			return;		/* its draws stay for its next time */
		/* drawn ahead (draw_ahead) */
		gs->ahead_valid = false;
		request(s, g, &gs->ahead);
		generator_until(s, g);
		if (phase_condition_met(s))
			end_phase(s);
		if (s->phase_seq == seq && !gs->finished) {
			gs->next_arrival = after(s, gs->ahead_gap);
			reschedule(s, gs->next_arrival, EV_ARRIVAL,
				   (uint32_t)g, seq);
			draw_ahead(gen, gs);
		}
		return;
	}
	for (unsigned int i = 0; i < n && s->phase_seq == seq &&
			 !gs->killed && !gs->finished; i++) {
		if ((gen->while_cond || gen->lets.nr) &&
		    !generator_may_request(s, g))
			break;
		draw_request(gen, gs, &d);
		request(s, g, &d);
		generator_until(s, g);
		if (phase_condition_met(s))
			end_phase(s);
	}
	if (s->phase_seq == seq && !gs->finished) {
		gs->next_arrival = after(s, next_gap(gen, gs));
		reschedule(s, gs->next_arrival, EV_ARRIVAL, (uint32_t)g, seq);
	}
}

/* --- actions --- */

/* free's share: as written, or its (EXPRESSION) now, within 0..1. */
static double action_fraction(const struct sim *s, const struct action *a)
{
	double v;

	if (!a->amount)
		return a->fraction;
	v = sim_eval(s, a->amount);
	return v > 1 ? 1 : v > 0 ? v : 0;
}

/* nr_hugepages' N: as written, or its (EXPRESSION) now, rounded down. */
static unsigned long action_count(const struct sim *s, const struct action *a)
{
	double v;

	if (!a->amount)
		return (unsigned long)a->count;
	v = sim_eval(s, a->amount);
	return v >= 1 << 30 ? 1UL << 30 : v > 0 ? (unsigned long)v : 0;
}

/*
 * The program's own draws (a process with lcg =): frag.c's free loops ask
 * rnd() < share * 2^31 of each live entry in their order, rnd() being the
 * top 31 bits of a 64-bit LCG (Knuth's MMIX constants).  Marks the
 * positions of n whose draw falls under the share and sets *k to how
 * many; NULL, drawing nothing, for a generator whose process has no LCG
 * of its own or for a free of everything (an munmap draws nothing).
 */
static uint64_t *lcg_positions(struct sim *s, int g, double share, size_t n,
			       size_t *k)
{
	int p = s->w->generators[g].process;
	uint32_t threshold = (uint32_t)(share * 2147483648.0);
	uint64_t *bits, *state;

	if (p < 0 || !s->w->processes[p].has_lcg || share >= 1)
		return NULL;
	state = &s->lcg[p];
	bits = xcalloc(n / 64 + 1, sizeof(*bits));
	*k = 0;
	for (size_t i = 0; i < n; i++) {
		*state = *state * 6364136223846793005ULL +
			 1442695040888963407ULL;
		if ((uint32_t)(*state >> 33) < threshold) {
			bits[i / 64] |= 1ULL << (i % 64);
			++*k;
		}
	}
	return bits;
}

/*
 * Mark k distinct positions of n, uniformly (Floyd's algorithm: k draws,
 * whatever n is) in a bitmap of n bits.
 */
static uint64_t *pick_positions(gsl_rng *r, size_t n, size_t k)
{
	uint64_t *bits = xcalloc(n / 64 + 1, sizeof(*bits));

	for (size_t j = n - k; j < n; j++) {
		size_t t = gsl_rng_uniform_int(r, j + 1);
		size_t taken = bits[t / 64] >> (t % 64) & 1;

		/* t, or j if t is taken: a mask, the collisions being random */
		t ^= (t ^ j) & -taken;
		bits[t / 64] |= 1ULL << (t % 64);
	}
	return bits;
}

/*
 * Free the blocks at the marked positions (k of them) of generator g's
 * list, in list order, on cpu (-1: each on its own spread_cpu): the list
 * closes up behind them in order, and for an array refilled in index
 * order (reuse = lowest) their places become holes.  The list must be in
 * index order already (gen_slots_sort).  With defer, the blocks leave the
 * generator (and its process's rss) but stay allocated: their references
 * go to defer, in order, for a spread free.
 */
static void free_list_positions(struct sim *s, int g, const uint64_t *picked,
				size_t k, int cpu, struct block_ref *defer,
				int action)
{
	struct gen_state *gs = &s->gens[g];
	size_t n = gs->nr_live, kept = 0, nr_picked = 0;
	/* one spare slot: the partition below writes one past the picks */
	uint32_t *pick = xmalloc((k + 1) * sizeof(*pick));
	struct page_block *blocks = s->mm->blocks;
	uint32_t spare_slot, *freed_places = NULL;

	if (gs->slots) {
		uint32_t *place = gs->slots->slot;
		size_t kk = 0, pp = 0;

		freed_places = xmalloc((k + 1) * sizeof(*freed_places));
		for (size_t i = 0; i < n; i++) {
			if (picked[i / 64] >> (i % 64) & 1)
				freed_places[pp++] = place[i];
			else
				place[kk++] = place[i];
		}
	}

	/*
	 * Without a branch on the pick, which is random: every entry is
	 * written to both lists and the one it belongs to advances; a kept
	 * block's record learns its new place, a picked one's write goes to
	 * spare_slot.
	 */
	for (size_t i = 0; i < n; i++) {
		uint32_t idx = gs->live[i];
		size_t is_picked = picked[i / 64] >> (i % 64) & 1;

		/* the records are in allocation order, not list order: a
		 * loop this short needs them asked for from further ahead */
		if (i + 4 * PREFETCH_AHEAD < n)
			__builtin_prefetch(&blocks[gs->live[i + 4 *
						PREFETCH_AHEAD]].holder_slot, 1);
		/* a select by mask: compilers make a branch of ?: here */
		uintptr_t real = (uintptr_t)&blocks[idx].holder_slot;
		uintptr_t spare = (uintptr_t)&spare_slot;
		uint32_t *slot = (uint32_t *)(real ^ ((real ^ spare) &
						      -(uintptr_t)is_picked));

		pick[nr_picked] = idx;
		gs->live[kept] = idx;
		*slot = (uint32_t)kept;
		nr_picked += is_picked;
		kept += 1 - is_picked;
	}
	assert(nr_picked == k && kept == n - k);
	gs->nr_live = kept;
	if (gs->slots) {
		gen_slots_free(gs->slots, freed_places, k);
		free(freed_places);
	}
	for (size_t i = 0; i < k; i++) {
		struct block_ref ref;
		const struct page_block *b;

		if (i + PREFETCH_AHEAD < k)
			__builtin_prefetch(&s->mm->blocks[pick[i +
						PREFETCH_AHEAD]]);
		ref = live_ref(s, pick[i]);
		b = block_ref_get(s->mm, ref);
		assert(b && b->holder == g);
		gs->live_pages -= 1UL << b->order;
		/* the process's rss goes down with it (zap_pte_range) */
		if (block_counter(gs, b))
			*block_counter(gs, b) -= 1UL << b->order;
		s->mm->blocks[ref.idx].holder = BLOCK_NO_HOLDER;
		if (defer) {
			s->mm->blocks[ref.idx].holder_slot =
				SPREAD_PENDING | (uint32_t)action;
			defer[i] = ref;
			continue;
		}
		sim_free(s, ref, b->pfn, b->order,
			 cpu >= 0 ? cpu : spread_cpu(s, ref.idx));
		s->stats.frees++;
	}
	free(pick);
}

/* An array refilled in index order is walked in index order. */
static void sort_list(struct sim *s, struct gen_state *gs)
{
	if (gs->slots && gen_slots_sort(gs->slots, gs->live, gs->nr_live))
		for (size_t i = 0; i < gs->nr_live; i++)
			s->mm->blocks[gs->live[i]].holder_slot = (uint32_t)i;
}

bool sim_for_each_place(struct sim *s, int g,
			void (*fn)(void *ctx, uint32_t place, unsigned long pfn),
			void *ctx)
{
	struct gen_state *gs = &s->gens[g];

	assert(g >= 0 && g < s->w->nr_generators);
	if (!gs->slots)
		return false;
	sort_list(s, gs);
	for (size_t i = 0; i < gs->nr_live; i++)
		fn(ctx, gs->slots->slot[i], s->mm->blocks[gs->live[i]].pfn);
	return true;
}

/* Spread frees go a batch at a time, this far apart at most. */
#define SPREAD_STEP	(10 * NSEC_PER_MSEC)

/* Batches of at most SPREAD_STEP, at least one block each, at least one. */
static unsigned int spread_batches(sim_time_t over, size_t nr)
{
	double batches = ceil((double)over / SPREAD_STEP);

	if (batches > (double)nr)
		batches = (double)nr;
	if (batches > UINT_MAX)
		batches = UINT_MAX;
	return batches < 1 ? 1 : (unsigned int)batches;
}

/* When the next batch is due: as its slot ends (saturated, as after). */
static sim_time_t spread_due(const struct spread_free *sp)
{
	double due = (double)sp->start +
		     (double)sp->over * (sp->batch + 1) / sp->batches;

	return due < (double)SIM_TIME_NEVER ? (sim_time_t)due : SIM_TIME_NEVER;
}

static void end_run_if_drained(struct sim *s);

/*
 * The picks of a spread free up to end that are still allocated, freed:
 * one freed otherwise meanwhile (its lifetime, a reclaim) has moved on.
 * Returns the pages freed.
 */
static unsigned long spread_free_upto(struct sim *s, struct spread_free *sp,
				      size_t end)
{
	unsigned long pages = 0;

	for (; sp->done < end; sp->done++) {
		struct block_ref ref = sp->refs[sp->done];
		const struct page_block *b = block_ref_get(s->mm, ref);

		if (!b)
			continue;
		assert(b->holder == BLOCK_NO_HOLDER);
		pages += 1UL << b->order;
		sim_free(s, ref, b->pfn, b->order,
			 sp->cpu >= 0 ? sp->cpu : spread_cpu(s, ref.idx));
		s->stats.frees++;
	}
	return pages;
}

/* A spread free is done: the run, or a phase waiting for it, may end. */
static void spread_end(struct sim *s, struct spread_free *sp)
{
	free(sp->refs);
	sp->refs = NULL;
	s->nr_spreading--;
	s->recheck = true;
	end_run_if_drained(s);
}

/*
 * The next batch of a spread free.  Batch i is the loop's work from
 * i x over / batches to (i + 1) x over / batches after the start, done as
 * its slot ends: the last as the loop would end.
 */
static void spread_free_batch(struct sim *s, int action)
{
	struct spread_free *sp = &s->spreads[action];

	spread_free_upto(s, sp, (size_t)((double)sp->nr * (sp->batch + 1) /
					 sp->batches));
	if (++sp->batch < sp->batches)
		push(s, spread_due(sp), EV_SPREAD_FREE, (uint32_t)action,
		     sp->seq);
	else
		spread_end(s, sp);
}

/* The spread frees of process task's generators end at once (its exit). */
static unsigned long spread_free_process(struct sim *s, int task)
{
	unsigned long pages = 0;

	for (int a = 0; s->nr_spreading && a < s->w->nr_actions; a++) {
		struct spread_free *sp = &s->spreads[a];

		if (!sp->refs || s->w->generators[s->w->actions[a].generator]
				 .process != task)
			continue;
		pages += spread_free_upto(s, sp, sp->nr);
		spread_end(s, sp);
	}
	return pages;
}

/*
 * Free a random share of a generator's blocks: k positions of its list are
 * picked at random, then the list is walked once, so the picks come out in
 * list order, which is allocation order for a generator that has not freed
 * before; they are freed in that order, as a process freeing part of its
 * memory walks its address range (frag.c's MADV_DONTNEED loop), since
 * which pages end up on per-cpu lists, and so where the holes sit, depends
 * on it.  The blocks kept close up in order behind.  With over or at, the
 * picks leave the generator at once and are freed in that order a batch
 * at a time (struct spread_free).
 */
static void action_free_list(struct sim *s, const struct action *a,
			     char *out, size_t len)
{
	int g = a->generator;
	struct gen_state *gs = &s->gens[g];
	struct spread_free *sp = &s->spreads[a - s->w->actions];
	size_t n, k;
	unsigned long before;
	uint64_t *picked;
	int cpu = gen_free_cpu(s, (uint16_t)g);
	sim_time_t over;

	/* run again before its last spread has ended: that one ends first */
	if (sp->refs) {
		spread_free_upto(s, sp, sp->nr);
		spread_end(s, sp);
	}
	n = gs->nr_live;
	before = sim_free_pages(s);
	sort_list(s, gs);	/* the program walks its array in order */
	picked = lcg_positions(s, g, action_fraction(s, a), n, &k);
	if (!picked) {
		k = (size_t)llround(action_fraction(s, a) * (double)n);
		picked = pick_positions(s->action_rng, n, k);
	}
	over = a->over_rate ? to_time((double)k / a->over_rate * 1e9 + 0.5) :
			      a->over;
	if (!over) {
		free_list_positions(s, g, picked, k, cpu, NULL, -1);
		free(picked);
		snprintf(out, len, "freed %zu of %zu blocks of %s (free pages "
			 "%lu -> %lu)", k, n, s->w->generators[g].name, before,
			 sim_free_pages(s));
		return;
	}
	*sp = (struct spread_free){
		.refs = xmalloc((k + 1) * sizeof(*sp->refs)), .nr = k,
		.batches = spread_batches(over, k),
		.start = s->now, .over = over, .cpu = cpu,
		.seq = ++s->spread_seq, .phase_seq = s->phase_seq };
	free_list_positions(s, g, picked, k, cpu, sp->refs,
			    (int)(a - s->w->actions));
	free(picked);
	s->nr_spreading++;
	push(s, spread_due(sp), EV_SPREAD_FREE,
	     (uint32_t)(a - s->w->actions), sp->seq);
	snprintf(out, len, "freeing %zu of %zu blocks of %s over %.3g s, in "
		 "%u batches", k, n, s->w->generators[g].name,
		 (double)over / NSEC_PER_SEC, sp->batches);
}

/* The block a candidate names, and where it comes from. */
struct free_candidate {
	struct block_ref ref;
	unsigned long pfn;		/* FREE_ADDRESS's key */
	uint16_t gen;
	uint32_t object;		/* objects: its index in gen's objs */
};

static int by_pfn(const void *a, const void *b)
{
	const struct free_candidate *x = a, *y = b;

	return (x->pfn > y->pfn) - (x->pfn < y->pfn);
}

/* Put the picks in the action's order (they come in list order). */
static void order_picks(struct sim *s, const struct action *a,
			struct free_candidate *pick, size_t k)
{
	if (a->free_order == FREE_ADDRESS) {
		qsort(pick, k, sizeof(*pick), by_pfn);
	} else if (a->free_order == FREE_RANDOM) {
		for (size_t i = k; i > 1; i--) {
			size_t j = gsl_rng_uniform_int(s->action_rng, i);
			struct free_candidate t = pick[i - 1];

			pick[i - 1] = pick[j];
			pick[j] = t;
		}
	}
}

/* Free one block a generator holds, on the CPU its frees go to. */
static unsigned long free_held(struct sim *s, int g, struct block_ref ref)
{
	const struct page_block *b = block_ref_get(s->mm, ref);
	unsigned long pages;

	if (!b || b->holder != g)
		return 0;	/* freed meanwhile (reclaim, the OOM killer) */
	pages = 1UL << b->order;
	untrack(s, ref);
	sim_free(s, ref, b->pfn, b->order, free_cpu(s, (uint16_t)g, ref.idx));
	s->stats.frees++;
	return pages;
}

/*
 * Close a share of a generator's objects (every part of each goes
 * together, as closing a pipe frees its buffers): picked at random among
 * the live ones (made in earlier iterations only, with earlier), freed in
 * the action's order.  The objects kept stay in creation order.
 */
static void action_free_objects(struct sim *s, const struct action *a,
				char *out, size_t len)
{
	struct gen_state *gs = &s->gens[a->generator];
	size_t n = 0, k, kept = 0, nr_picked = 0;
	struct free_candidate *pick;
	uint64_t *picked;
	unsigned long pages = 0, before = sim_free_pages(s);

	while (n < gs->nr_objs && (!a->earlier ||
				   gs->objs[n].iteration < s->iteration_seq))
		n++;		/* objects are in creation order */
	picked = lcg_positions(s, a->generator, action_fraction(s, a), n, &k);
	if (!picked) {
		k = (size_t)llround(action_fraction(s, a) * (double)n);
		picked = pick_positions(s->action_rng, n, k);
	}
	pick = xmalloc((k + 1) * sizeof(*pick));
	for (size_t i = 0; i < gs->nr_objs; i++) {
		const struct sim_object *o = &gs->objs[i];
		const struct page_block *b = block_ref_get(s->mm,
						gs->parts[o->first]);

		if (i < n && picked[i / 64] >> (i % 64) & 1) {
			pick[nr_picked++] = (struct free_candidate){
				.ref = gs->parts[o->first],
				.pfn = b ? b->pfn : 0,
				.gen = (uint16_t)a->generator,
				.object = (uint32_t)i };
		}
	}
	free(picked);
	order_picks(s, a, pick, nr_picked);
	for (size_t i = 0; i < nr_picked; i++) {
		struct sim_object *o = &gs->objs[pick[i].object];

		for (uint32_t j = 0; j < o->nr; j++)
			pages += free_held(s, a->generator,
					   gs->parts[o->first + j]);
		o->nr = 0;	/* closed */
	}
	for (size_t i = 0; i < gs->nr_objs; i++)
		if (gs->objs[i].nr)
			gs->objs[kept++] = gs->objs[i];
	gs->nr_objs = kept;
	free(pick);
	snprintf(out, len, "closed %zu of %zu objects of %s, %lu pages (free "
		 "pages %lu -> %lu)", nr_picked, n,
		 s->w->generators[a->generator].name, pages, before,
		 sim_free_pages(s));
}

/* Does free action a take blocks of generator gen (index g)? */
static bool free_takes(const struct action *a, const struct generator *gen,
		       int g)
{
	switch (a->target) {
	case FREE_GENERATOR:
		return g == a->generator;
	case FREE_PROCESS:
		return gen->process == a->process &&
		       !outlives_process(gen->kind);
	case FREE_FILE:
		return gen->file == a->file;
	}
	return false;
}

/*
 * Free a share of the blocks of a process (across its generators, except
 * what outlives it: page cache, reclaimable slab, hugetlb), of a file (its
 * generators') or of one generator, picked at random and freed in the action's order: allocation
 * order is each generator's in turn, in file order.
 */
static void action_free_blocks(struct sim *s, const struct action *a,
			       char *out, size_t len)
{
	const struct workload *w = s->w;
	size_t n = 0, k, at = 0, nr_picked = 0;
	struct free_candidate *pick;
	uint64_t *picked;
	unsigned long pages = 0, before = sim_free_pages(s);

	for (int g = 0; g < w->nr_generators; g++) {
		if (free_takes(a, &w->generators[g], g))
			n += s->gens[g].nr_live;
	}
	k = (size_t)llround(action_fraction(s, a) * (double)n);
	pick = xmalloc((k + 1) * sizeof(*pick));
	picked = pick_positions(s->action_rng, n, k);
	for (int g = 0; g < w->nr_generators; g++) {
		const struct gen_state *gs = &s->gens[g];

		if (!free_takes(a, &w->generators[g], g))
			continue;
		for (size_t i = 0; i < gs->nr_live; i++, at++) {
			if (!(picked[at / 64] >> (at % 64) & 1))
				continue;
			pick[nr_picked++] = (struct free_candidate){
				.ref = live_ref(s, gs->live[i]),
				.gen = (uint16_t)g,
				.pfn = s->mm->blocks[gs->live[i]].pfn };
		}
	}
	free(picked);
	order_picks(s, a, pick, nr_picked);
	for (size_t i = 0; i < nr_picked; i++)
		pages += free_held(s, pick[i].gen, pick[i].ref);
	free(pick);
	snprintf(out, len, "freed %zu of %zu blocks of %s, %lu pages (free "
		 "pages %lu -> %lu)", nr_picked, n, a->generator_name, pages,
		 before, sim_free_pages(s));
}

static void action_free(struct sim *s, const struct action *a, char *out,
			size_t len)
{
	if (a->target == FREE_GENERATOR &&
	    generator_has_objects(&s->w->generators[a->generator]))
		action_free_objects(s, a, out, len);
	else if (a->target == FREE_GENERATOR &&
		 a->free_order == FREE_ALLOCATION)
		action_free_list(s, a, out, len);
	else
		action_free_blocks(s, a, out, len);
}

static void action_exit(struct sim *s, const struct action *a, char *out,
			size_t len)
{
	unsigned long pages = 0;

	if (!s->oom.task[a->process].exited)
		pages = process_exit(s, a->process);
	s->recheck = true;
	snprintf(out, len, "exit %s: %lu pages freed",
		 s->w->processes[a->process].name, pages);
}

static void action_sysctl(struct sim *s, const struct action *a, char *out,
			  size_t len)
{
	struct vm_sysctl sysctl = s->mm->sysctl;
	char err[160];

	/* checked when the workload was read */
	if (vm_sysctl_set(&sysctl, a->sysctl_name, a->sysctl_value, err,
			  sizeof(err))) {
		snprintf(out, len, "refused: %s", err);
		return;
	}
	mm_apply_sysctl(s->mm, &sysctl);
	snprintf(out, len, "%s = %s", a->sysctl_name, a->sysctl_value);
}

const char *offline_result_name(int err)
{
	switch (err) {
	case 0: return "offlined";
	case -EBUSY: return "EBUSY";		/* an unmovable page */
	case -EINVAL: return "EINVAL";		/* holes, several zones */
	case -ENOMEM: return "ENOMEM";
	case -EAGAIN: return "EAGAIN";
	default: return "error";
	}
}

/* --- kernel operations (struct kernel_op) --- */

static void kop_start(struct sim *s, int action, sim_time_t when)
{
	const struct action *a = &s->w->actions[action];
	struct kernel_op *k = &s->kop;

	/* the writer runs on the action's CPU (cpu =, default 0) */
	*k = (struct kernel_op){ .action = action, .start = when,
				 .stopped_at = -1, .cpu = a->cpu };
	if (a->kind == ACTION_OFFLINE)
		k->block = nr_memory_blocks(s->mm);
	push(s, when, EV_KOP, 0, 0);
}

/*
 * nr_hugepages: one alloc_pool_huge_page (or the whole shrink); the
 * free-memory bound is read as the write begins.
 */
static bool kop_hugepages(struct sim *s, struct kernel_op *k)
{
	return hugetlb_resize_step(s->mm, &s->hstate, &k->resize);
}

/*
 * compact_memory: compact_node for each node, each zone compacted in
 * batches of compact_zone_step; the cost is that of kcompactd's steps.
 */
static bool kop_compact(struct sim *s, struct kernel_op *k, sim_time_t *cost)
{
	const struct cost_model *c = &s->w->costs;

	while (!k->zone_active) {
		struct zone *zone;

		if (k->nid >= s->mm->layout.nr_node_ids)
			return true;
		zone = mm_zone(s->mm, k->nid, k->zone);
		if (s->mm->layout.node_data[k->nid].online &&
		    populated_zone(zone)) {
			compact_memory_control(&k->cc, zone, k->cpu);
			k->zone_active = compact_zone_begin(s->mm, &k->cc) ==
					 COMPACT_CONTINUE;
		}
		if (++k->zone == MAX_NR_ZONES) {
			k->zone = 0;
			k->nid++;
		}
	}
	if (compact_zone_step(s->mm, &k->cc) != COMPACT_CONTINUE) {
		compact_zone_end(s->mm, &k->cc);
		k->zone_active = false;
	}
	k->scanned += k->cc.step_scanned;
	k->migrated += k->cc.step_migrated;
	*cost += k->cc.step_scanned * c->compact_scan +
		 k->cc.step_migrated * c->migrate +
		 k->cc.step_tlb_shootdowns * c->tlb_shootdown;
	return false;	/* the next step moves on to the next zone */
}

static void record_offline(struct sim *s, const struct action *a,
			   unsigned long nr, const struct zone *zone, int err)
{
	struct sim_stats *st = &s->stats;

	st->offline = xrealloc(st->offline, (size_t)(st->nr_offline + 1) *
			       sizeof(*st->offline));
	st->offline[st->nr_offline++] = (struct offline_attempt){
		.time = s->now, .action = (int)(a - s->w->actions),
		.block = nr, .nid = zone->node, .zone = zone->type,
		.err = err };
}

/*
 * offline: the next online block down from the top, each tried once, as
 * writing "offline" to /sys/devices/system/memory/memoryX/state does; a
 * block spanning two zones is skipped.  A while guard is checked before
 * each attempt: the first block it refuses ends the operation.
 */
static bool kop_offline(struct sim *s, struct kernel_op *k,
			const struct action *a)
{
	while (k->block > 0 && k->done < a->count) {
		unsigned long nr = --k->block;
		struct memory_block_info info;
		int err;

		if (memory_block_state(s->mm, nr, &info) ||
		    info.state != MEM_ONLINE || !info.zone)
			continue;
		if (a->while_cond && !sim_eval(s, a->while_cond)) {
			k->stopped_at = (long)nr;
			return true;
		}
		err = offline_memory_block(s->mm, nr);
		record_offline(s, a, nr, info.zone, err);
		if (s->obs.offline)
			s->obs.offline(s->obs.ctx, s, a, nr, info.zone, err);
		if (err)
			k->failed++;
		else
			k->done++;
		return !k->block || k->done >= a->count;
	}
	return true;
}

/* online: the next offline block up from the bottom. */
static bool kop_online(struct sim *s, struct kernel_op *k,
		       const struct action *a)
{
	enum mmop type = a->online_as == ONLINE_KERNEL ? MMOP_ONLINE_KERNEL :
							 MMOP_ONLINE_MOVABLE;

	while (k->block < nr_memory_blocks(s->mm) && k->done < a->count) {
		unsigned long nr = k->block++;
		struct memory_block_info info;

		if (memory_block_state(s->mm, nr, &info) ||
		    info.state != MEM_OFFLINE)
			continue;
		if (a->while_cond && !sim_eval(s, a->while_cond)) {
			k->stopped_at = (long)nr;
			return true;
		}
		if (online_memory_block(s->mm, nr, type))
			k->failed++;
		else
			k->done++;
		return false;
	}
	return true;
}

/* What came of the finished operation, as its action's result line. */
static void kop_result(struct sim *s, const struct kernel_op *k,
		       const struct action *a, char *out, size_t len)
{
	char took[32], count[24];
	int n;

	format_duration(s->now - k->start, took, sizeof(took));
	switch (a->kind) {
	case ACTION_NR_HUGEPAGES:
		n = snprintf(out, len, "nr_hugepages %lu: the pool holds %lu "
			     "(free pages before: %lu)",
			     k->resize.count, s->hstate.nr_huge_pages,
			     k->free_before);
		break;
	case ACTION_COMPACT_MEMORY:
		n = snprintf(out, len, "compact_memory: %lu pages scanned, %lu "
			     "migrated", k->scanned, k->migrated);
		break;
	case ACTION_DROP_CACHES:
		n = snprintf(out, len, "drop_caches %lu: %lu pages freed",
			     (unsigned long)a->count, k->done);
		break;
	case ACTION_OFFLINE:
		if (a->count == OFFLINE_ALL)
			snprintf(count, sizeof(count), "all");
		else
			snprintf(count, sizeof(count), "%lu",
				 (unsigned long)a->count);
		n = snprintf(out, len, "offline %s: %lu blocks offlined, %lu "
			     "attempts failed", count, k->done, k->failed);
		if (k->stopped_at >= 0 && n > 0 && (size_t)n < len)
			n += snprintf(out + n, len - (size_t)n, "; the guard "
				      "stopped it at memory%ld", k->stopped_at);
		break;
	case ACTION_ONLINE:
		n = snprintf(out, len, "online %lu %s: %lu blocks onlined, %lu "
			     "attempts failed", (unsigned long)a->count,
			     a->online_as == ONLINE_KERNEL ? "kernel" :
							     "movable",
			     k->done, k->failed);
		break;
	default:
		abort();
	}
	if (n > 0 && (size_t)n < len && s->now > k->start)
		snprintf(out + n, len - (size_t)n, " in %s", took);
}

static void end_run_if_drained(struct sim *s);
static void run_waiting_actions(struct sim *s);

/* The running operation is over: report it and start the next. */
static void kop_finish(struct sim *s)
{
	struct kernel_op *k = &s->kop;
	const struct action *a = &s->w->actions[k->action];
	struct sim_stats *st = &s->stats;
	char result[256];

	if (a->kind == ACTION_NR_HUGEPAGES) {
		st->hugepages = xrealloc(st->hugepages,
					 (size_t)(st->nr_hugepage_results + 1) *
					 sizeof(*st->hugepages));
		st->hugepages[st->nr_hugepage_results++] =
			(struct hugepage_result){
				.time = k->start,
				.requested = k->resize.count,
				.obtained = s->hstate.nr_huge_pages,
				.free_before = k->free_before };
	}
	kop_result(s, k, a, result, sizeof(result));
	k->action = -1;
	flush_latency(s);
	if (s->obs.action)
		s->obs.action(s->obs.ctx, s, a, result);
	run_waiting_actions(s);
	end_run_if_drained(s);
}

/*
 * EV_KOP: a step of the running operation, on the writer's CPU; the next
 * follows when its work is done (its cost).  A finished operation is
 * reported at the end of its last step.
 */
static void kop_event(struct sim *s)
{
	struct kernel_op *k = &s->kop;
	const struct action *a = &s->w->actions[k->action];
	const struct cost_model *c = &s->w->costs;
	sim_time_t before, cost = 0;
	bool done = false;

	if (k->done_at_event) {
		kop_finish(s);
		return;
	}
	s->kop_ran_after_end |= s->draining;
	if (!k->started) {
		/* the write begins: what it is measured against */
		k->started = true;
		k->start = s->now;
		k->free_before = sim_free_pages(s);
		if (a->kind == ACTION_NR_HUGEPAGES)
			hugetlb_resize_begin(&k->resize, action_count(s, a),
					     k->cpu);
	}
	s->current_cpu = k->cpu;
	s->task = SIM_TASK_WRITER;
	s->task_id = k->action;
	before = work_so_far(s->mm, c);
	switch (a->kind) {
	case ACTION_NR_HUGEPAGES: {
		size_t had = s->hstate.nr_huge_pages;

		done = kop_hugepages(s, k);
		/* mm/page_alloc.c: post_alloc_hook - init_on_alloc zeroes
		 * each new pool page whole (kernel_init_pages) */
		if (s->hstate.nr_huge_pages > had)
			cost += (s->hstate.nr_huge_pages - had) *
				(1UL << HUGETLB_PAGE_ORDER) * c->init_on_alloc;
		break;
	}
	case ACTION_COMPACT_MEMORY:
		done = kop_compact(s, k, &cost);
		break;
	case ACTION_DROP_CACHES:
		k->done = drop_caches(s->mm, (int)a->count);
		cost = k->done * c->reclaim;
		done = true;
		break;
	case ACTION_OFFLINE:
		done = kop_offline(s, k, a);
		break;
	case ACTION_ONLINE:
		done = kop_online(s, k, a);
		break;
	default:
		abort();
	}
	if (a->kind != ACTION_COMPACT_MEMORY && a->kind != ACTION_DROP_CACHES)
		cost += c->alloc + (work_so_far(s->mm, c) - before);
	k->done_at_event = done;
	reschedule(s, s->now + (cost ? cost : 1), EV_KOP, 0, 0);
	schedule_daemons(s, false);
}

/* An action that takes no time (sysctl, free, exit), done now. */
static void do_instant_action(struct sim *s, const struct action *a)
{
	char result[256] = "";

	switch (a->kind) {
	case ACTION_SYSCTL:
		action_sysctl(s, a, result, sizeof(result));
		break;
	case ACTION_FREE:
		action_free(s, a, result, sizeof(result));
		break;
	case ACTION_EXIT:
		action_exit(s, a, result, sizeof(result));
		break;
	default:
		abort();
	}
	flush_latency(s);
	if (s->obs.action)
		s->obs.action(s->obs.ctx, s, a, result);
	schedule_daemons(s, false);
}

/*
 * An action's turn has come: its if is looked at now (the shell evaluates
 * a test when it reaches it); a kernel operation starts, anything else is
 * done at once.  True if it started a kernel operation.
 */
static bool run_action(struct sim *s, int idx)
{
	const struct action *a = &s->w->actions[idx];

	if (s->obs.action_start) {
		flush_latency(s);
		s->obs.action_start(s->obs.ctx, s, a);
	}
	if (a->if_cond && !sim_eval(s, a->if_cond)) {
		char result[256];

		snprintf(result, sizeof(result), "skipped: if %s does not hold",
			 a->if_cond->e.text);
		if (s->obs.action)
			s->obs.action(s->obs.ctx, s, a, result);
		return false;
	}
	if (action_is_kernel_op(a->kind)) {
		kop_start(s, idx, s->now);
		return true;
	}
	do_instant_action(s, a);
	return false;
}

/* The actions waiting for the finished operation, up to the next one. */
static void run_waiting_actions(struct sim *s)
{
	while (s->kop_nr && s->kop.action < 0) {
		s->kop_nr--;
		run_action(s, s->kop_queue[s->kop_head++]);
	}
	if (!s->kop_nr)
		s->kop_head = 0;
}

/*
 * Actions run one after another, as a shell runs commands: one issued
 * while a kernel operation runs or waits, waits for its turn.
 */
static void do_action(struct sim *s, const struct action *a)
{
	if (!kernel_ops_busy(s)) {
		run_action(s, (int)(a - s->w->actions));
		return;
	}
	if (s->kop_head + s->kop_nr == s->kop_cap)
		s->kop_queue = xgrow(s->kop_queue, &s->kop_cap,
				     s->kop_head + s->kop_nr + 1,
				     sizeof(*s->kop_queue));
	s->kop_queue[s->kop_head + s->kop_nr++] = (int)(a - s->w->actions);
}

/* --- phases --- */

static void observe_tick(struct sim *s)
{
	flush_latency(s);
	if (s->obs.tick)
		s->obs.tick(s->obs.ctx, s);
}

/* let NAME = EXPR, in order: later ones see the earlier ones' values. */
static void capture(struct sim *s, const struct let_list *l)
{
	for (int i = 0; i < l->nr; i++)
		s->vars[l->vars[i]] = sim_eval(s, l->values[i]);
}

/* A phase's duration: as written, or drawn from the phases' own stream. */
static sim_time_t phase_duration(struct sim *s, const struct phase *ph)
{
	if (!ph->duration_max)
		return ph->duration;
	return ph->duration + (sim_time_t)(gsl_rng_uniform(s->phase_rng) *
					   (double)(ph->duration_max -
						    ph->duration));
}

/*
 * A generator's first arrival in a phase beginning now: a gap after now,
 * or for a continuous one (a program beside the phases, as /init's poll
 * loop is) when its pace had it due, and at once if that fell between its
 * phases.
 */
static sim_time_t first_arrival(const struct sim *s,
				const struct generator *gen,
				struct gen_state *gs)
{
	if (!gen->continuous || gs->next_arrival == SIM_TIME_NEVER)
		gs->next_arrival = after(s, next_gap(gen, gs));
	else if (gs->next_arrival < s->now)
		gs->next_arrival = s->now;
	return gs->next_arrival;
}

static void begin_phase(struct sim *s, int p)
{
	const struct workload *w = s->w;
	const struct phase *ph = &w->phases[p];
	uint32_t seq = ++s->phase_seq;

	s->phase = p;
	s->phase_start = s->now;
	s->phase_start_free = sim_free_pages(s);
	s->start_free[p] = s->phase_start_free;
	s->phase_requests = s->phase_failures = s->phase_allocated = 0;
	capture(s, &ph->lets);
	set_phase_limits(s);
	flush_latency(s);
	if (s->obs.phase_begin)
		s->obs.phase_begin(s->obs.ctx, s, p);
	if (ph->duration)
		push(s, after(s, phase_duration(s, ph)), EV_PHASE_END, seq, 0);
	for (int i = 0; i < w->nr_actions && s->phase_seq == seq; i++) {
		const struct action *a = &w->actions[i];

		if (a->phase != p)
			continue;
		if (a->when == AT_START)
			do_action(s, a);
		else if (a->when == AT_TIME)
			push(s, after(s, a->offset), EV_ACTION, (uint32_t)i,
			     seq);
	}
	s->phase_sharers = s->phase_shares_reached = 0;
	for (int g = 0; g < w->nr_generators; g++) {
		const struct generator *gen = &w->generators[g];
		struct gen_state *gs = &s->gens[g];

		if (!generator_runs_in(gen, p))
			continue;
		set_phase_rate(gen, gs, p);
		gs->share_reached = false;
		gs->finished = false;
		gs->phase_requests = gs->phase_failures = 0;
		gs->phase_allocated = 0;
		s->phase_sharers += generator_has_share(gen) && !gen->continuous;
		if (gs->killed)
			continue;
		/*
		 * Nothing to do if its until already holds; not asked of a
		 * generator with lets, whose until compares with values
		 * only its next request captures.
		 */
		if (gen->until && !gen->lets.nr && sim_eval(s, gen->until)) {
			gs->finished = true;
			continue;
		}
		push(s, first_arrival(s, gen, gs), EV_ARRIVAL, (uint32_t)g,
		     seq);
		if (single_arrivals(gen) && !gs->ahead_valid)
			draw_ahead(gen, gs);
	}
	s->recheck = true;
}

/*
 * The phase after p: the first of its [repeat] again while iterations
 * are left, else the next in the file; entering a repeat from before it
 * starts its first iteration.
 */
static int next_phase(struct sim *s, int p)
{
	const struct workload *w = s->w;
	int r = w->phases[p].repeat, next = p + 1;

	if (r >= 0 && p == w->repeats[r].last &&
	    s->iteration[r] < w->repeats[r].times) {
		s->iteration[r]++;
		s->iteration_seq++;
		return w->repeats[r].first;
	}
	if (r >= 0 && p == w->repeats[r].last)
		s->iteration[r] = 0;	/* out of it */
	return next;
}

/* Entering phase p from outside its repeat, if it has one. */
static void enter_repeat(struct sim *s, int p)
{
	int r = p < s->w->nr_phases ? s->w->phases[p].repeat : -1;

	if (r >= 0 && s->w->repeats[r].first == p && !s->iteration[r]) {
		s->iteration[r] = 1;
		s->iteration_seq++;
	}
}

static void check_state(struct sim *s)
{
	if (s->params.check && mm_check_invariants(s->mm, stderr))
		s->check_failures++;
}

static void end_phase(struct sim *s)
{
	const struct workload *w = s->w;
	int p = s->phase;

	int next;

	for (int i = 0; i < w->nr_actions; i++)
		if (w->actions[i].phase == p && w->actions[i].when == AT_END)
			do_action(s, &w->actions[i]);
	for (int g = 0; g < w->nr_generators; g++) {
		struct gen_state *gs = &s->gens[g];

		if (!generator_runs_in(&w->generators[g], p) ||
		    w->generators[g].lifetime.kind != DIST_PHASE)
			continue;
		/* every block on the list is live: each free path takes
		 * its block off */
		while (gs->nr_live) {
			uint32_t idx = gs->live[gs->nr_live - 1];

			assert(s->mm->blocks[idx].holder == g);
			free_tracked(s, live_ref(s, idx));
		}
	}
	check_state(s);
	observe_tick(s);
	if (s->obs.phase_end)
		s->obs.phase_end(s->obs.ctx, s, p);
	next = next_phase(s, p);
	if (next < w->nr_phases &&
	    !(s->params.stop_early && p == s->params.stop_after)) {
		enter_repeat(s, next);
		begin_phase(s, next);
	} else {
		/* the writes in progress finish before the run ends */
		s->phase_seq++;		/* the phase's events are stale */
		s->draining = true;
		end_run_if_drained(s);
	}
}

/* The last phase has ended: the run ends once no write is left, nor a
 * free still spreading. */
static void end_run_if_drained(struct sim *s)
{
	if (!s->draining || kernel_ops_busy(s) || s->nr_spreading)
		return;
	if (s->kop_ran_after_end)
		observe_tick(s);	/* the state the writes left */
	s->draining = false;
	s->phase = s->w->nr_phases;
}

/* --- the loop --- */

const char *sim_task_name(const struct sim *s, char *buf, size_t len)
{
	const struct generator *gen;

	switch (s->task) {
	case SIM_TASK_GENERATOR:
		gen = &s->w->generators[s->task_id];
		return gen->process >= 0 ? s->w->processes[gen->process].name :
					   gen->name;
	case SIM_TASK_WRITER:
		return s->w->actions[s->task_id].name;
	case SIM_TASK_KSWAPD:
		snprintf(buf, len, "kswapd%d", s->task_id);
		return buf;
	case SIM_TASK_KCOMPACTD:
		snprintf(buf, len, "kcompactd%d", s->task_id);
		return buf;
	case SIM_TASK_NONE:
		break;
	}
	return "fragsim";
}

int sim_task_cpu(const struct sim *s)
{
	switch (s->task) {
	case SIM_TASK_GENERATOR:
	case SIM_TASK_WRITER:
		return s->current_cpu;	/* set with the task */
	case SIM_TASK_KSWAPD:
		return s->mm->kswapd[s->task_id].started ?
		       s->mm->kswapd[s->task_id].cpu : node_cpu(s->mm, s->task_id);
	case SIM_TASK_KCOMPACTD:
		return s->mm->kcompactd[s->task_id].initialized &&
		       s->mm->kcompactd[s->task_id].cpu >= 0 ?
		       s->mm->kcompactd[s->task_id].cpu : node_cpu(s->mm, s->task_id);
	case SIM_TASK_NONE:
		break;
	}
	return 0;
}

static void dispatch(struct sim *s, const struct event *e)
{
	/* what the handler does not claim runs as the engine */
	s->task = SIM_TASK_NONE;
	switch (event_type(e)) {
	case EV_ARRIVAL:
		if (e->b == s->phase_seq)
			arrival(s, (int)e->a);
		break;
	case EV_FREE:
		free_tracked(s, (struct block_ref){ .idx = e->a, .gen = e->b });
		break;
	case EV_PHASE_END:
		if (e->a == s->phase_seq)
			end_phase(s);
		break;
	case EV_ACTION:
		if (e->b == s->phase_seq)
			do_action(s, &s->w->actions[e->a]);
		break;
	case EV_KSWAPD:
		kswapd_event(s, (int)e->a);
		break;
	case EV_KCOMPACTD:
		kcompactd_event(s, (int)e->a);
		break;
	case EV_KCOMPACTD_TIMER:
		kcompactd_timer_event(s, (int)e->a, e->b);
		break;
	case EV_KSWAPD_NAP:
		kswapd_nap_event(s, (int)e->a, e->b);
		break;
	case EV_KOP:
		kop_event(s);
		break;
	case EV_SPREAD_FREE:
		/* one of a spread the action's next run finished is stale */
		if (e->b == s->spreads[e->a].seq && s->spreads[e->a].refs)
			spread_free_batch(s, (int)e->a);
		break;
	case EV_TICK:
		observe_tick(s);
		if (s->params.tick)
			reschedule(s, s->now + s->params.tick, EV_TICK, 0, 0);
		break;
	default:
		abort();
	}
}

/* The most list entries reserved ahead for one generator (32 MiB). */
#define LIVE_RESERVE_MAX	(1UL << 23)
/* x86_64's huge page: a reserved list is aligned and sized to it */
#define LIVE_RESERVE_ALIGN	(2UL << 20)

/*
 * A live list for *cap entries (rounded up to fill its huge pages), where
 * the kernel is asked to back it with huge pages: a list written block by
 * block through the fill then takes a page fault per 2 MiB, not per 4 KiB.
 */
static uint32_t *reserve_live(size_t *cap)
{
	size_t bytes = (*cap * sizeof(uint32_t) + LIVE_RESERVE_ALIGN - 1) &
		       ~(LIVE_RESERVE_ALIGN - 1);
	void *p;

	if (posix_memalign(&p, LIVE_RESERVE_ALIGN, bytes))
		return xmalloc(*cap * sizeof(uint32_t));
#ifdef MADV_HUGEPAGE
	madvise(p, bytes, MADV_HUGEPAGE);	/* a hint: may be refused */
#endif
	*cap = bytes / sizeof(uint32_t);
	return p;
}

/*
 * What a generator's requests would otherwise work out every time: whether
 * its blocks have a lifetime, and the pages its share lets it hold (managed
 * memory does not change during a run).  A generator with a share holds at
 * most that many blocks (a THP fallback may overshoot; the list then grows
 * as before): its list is reserved for them at once, address space only
 * until used, so that it is not copied again and again as it grows.
 */
static void derive_gen_state(struct gen_state *gs, const struct generator *gen,
			     unsigned long total_managed)
{
	gs->finite = gen->lifetime.kind != DIST_PHASE &&
		     gen->lifetime.kind != DIST_FOREVER;
	gs->next_arrival = SIM_TIME_NEVER;
	gs->share_limit = generator_has_share(gen) ?
			  generator_share_pages(gen, total_managed) :
			  ULONG_MAX;
	if (gs->share_limit < total_managed) {
		gs->live_cap = gs->share_limit < LIVE_RESERVE_MAX ?
			       gs->share_limit + 1 : LIVE_RESERVE_MAX;
		gs->live = reserve_live(&gs->live_cap);
	}
}

void sim_init(struct sim *s, struct mm_state *mm, const struct workload *w,
	      const struct sim_params *params, const struct sim_observer *obs)
{
	*s = (struct sim){ .mm = mm, .w = w, .params = *params };
	if (obs)
		s->obs = *obs;
	event_queue_init(&s->q);
	hstate_init(&s->hstate);
	s->gens = xcalloc((size_t)(w->nr_generators ? w->nr_generators : 1),
			  sizeof(*s->gens));
	for (int g = 0; g < w->nr_generators; g++) {
		const struct generator *gen = &w->generators[g];

		s->gens[g].rng = rng_stream(params->seed, gen->name);
		s->gens[g].mean_gap = 1e9 / gen->rate *
			(gen->arrival == ARRIVAL_BURSTS ? gen->burst_size : 1);
		if (gen->reuse_lowest)
			s->gens[g].slots = xcalloc(1, sizeof(*s->gens[g].slots));
	}
	s->action_rng = rng_stream(params->seed, "[actions]");
	s->lcg = xcalloc((size_t)(w->nr_processes ? w->nr_processes : 1),
			 sizeof(*s->lcg));
	for (int i = 0; i < w->nr_processes; i++)
		s->lcg[i] = w->processes[i].lcg_seed;
	s->phase_rng = rng_stream(params->seed, "[phases]");
	s->spreads = xcalloc((size_t)w->nr_actions + 1, sizeof(*s->spreads));
	s->kop.action = -1;
	s->iteration = xcalloc((size_t)w->nr_repeats + 1,
			       sizeof(*s->iteration));
	s->vars = xcalloc((size_t)w->nr_vars + 1, sizeof(*s->vars));
	s->start_free = xcalloc((size_t)w->nr_phases + 1,
				sizeof(*s->start_free));
	mm->block_dropped = block_dropped;
	mm->block_dropped_ctx = s;
	/* asked per migrated page: only where its answer is priced */
	if (w->costs.tlb_shootdown) {
		mm->runs_elsewhere = runs_elsewhere;
		mm->runs_elsewhere_ctx = s;
	}
	mm->cpu_busy = cpu_busy;
	mm->cpu_busy_ctx = s;
	init_tasks(s);
	mm->oom = &s->oom;
	s->total_managed = totalram_pages(mm);
	for (int g = 0; g < w->nr_generators; g++)
		derive_gen_state(&s->gens[g], &w->generators[g],
				 s->total_managed);
}

static void stall(struct sim *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->stop_reason, sizeof(s->stop_reason), fmt, ap);
	va_end(ap);
	s->status = SIM_STALLED;
	s->stop = true;
}

/*
 * Between events: has the running phase's state condition come true, or
 * can the phase no longer end?  Cheap unless the phase has a condition
 * on the state or nothing that changes the state is left.
 */
static void look_at_phase(struct sim *s)
{
	bool recheck = s->recheck;

	s->recheck = false;
	if (s->until.cond && sim_eval(s, s->until.cond))
		end_phase(s);
	else if (recheck || !s->nr_pending)
		check_stall(s);
}

const char *sim_status_name(enum sim_status status)
{
	static const char *const names[] = {
		[SIM_COMPLETE] = "complete",
		[SIM_INTERRUPTED] = "interrupted",
		[SIM_STALLED] = "stalled",
		[SIM_TIME_LIMIT] = "time_limit",
	};

	return names[status];
}

enum sim_status sim_run(struct sim *s)
{
	sim_time_t max_time = s->params.max_time ? s->params.max_time :
						   SIM_MAX_TIME;
	struct event e;

	if (s->params.tick)
		event_push(&s->q, s->params.tick, EV_TICK, 0, 0);
	/* kcompactd's timers run from boot, one per node */
	for (int nid = 0; nid < s->mm->layout.nr_node_ids; nid++)
		event_push(&s->q, kcompactd_wait_expiry(0, s->mm->hz),
			   EV_KCOMPACTD_TIMER, (uint32_t)nid, 0);
	observe_tick(s);
	enter_repeat(s, 0);
	begin_phase(s, 0);
	while (s->phase < s->w->nr_phases && !s->stop) {
		const struct event *top;

		if (!s->draining &&
		    (s->recheck || s->until.cond || !s->nr_pending)) {
			uint32_t seq = s->phase_seq;

			look_at_phase(s);
			if (s->phase_seq != seq || s->stop)
				continue;
		}
		top = event_top(&s->q);
		if (!top) {
			/* nothing can happen any more: the phase is over */
			assert(!s->draining);
			end_phase(s);
			continue;
		}
		if (top->time > max_time) {
			char what[160];

			s->status = SIM_TIME_LIMIT;
			s->stop = true;
			if (s->draining)	/* the phases are over */
				snprintf(what, sizeof(what), "the last phase, "
					 "%s, had ended, but not %s",
					 s->w->phases[s->phase].name,
					 s->nr_spreading ?
					 "a spread free (free ... over)" :
					 "a kernel operation");
			else
				snprintf(what, sizeof(what), "phase %s had not "
					 "ended%s", s->w->phases[s->phase].name,
					 phase_spreading(s) ? " (its spread "
					 "frees were still going)" : "");
			snprintf(s->stop_reason, sizeof(s->stop_reason),
				 "%s when the simulated time reached the limit "
				 "(--max-sim-time)", what);
			break;
		}
		/* handled in place: see reschedule */
		e = *top;
		s->now = e.time;
		s->handling_top = true;
		dispatch(s, &e);
		if (s->handling_top) {
			s->handling_top = false;
			event_drop_top(&s->q);
		}
		s->nr_pending -= changes_state(s, event_type(&e), e.a);
		if (++s->stats.events % PROGRESS_EVERY == 0 &&
		    s->obs.progress) {
			flush_latency(s);
			if (!s->obs.progress(s->obs.ctx, s)) {
				s->stop = true;
				s->status = SIM_INTERRUPTED;
			}
		}
		/* mm/oom_kill.c: out_of_memory - nothing killable: the kernel
		 * panics, and the run ends with it, where its requests would
		 * fail for ever */
		if (s->mm->warned_no_oom_victim && !s->stop)
			stall(s, "out of memory and no killable processes: the "
			      "kernel panics here (\"System is deadlocked on "
			      "memory\")");
	}
	flush_latency(s);
	if (s->stop) {
		observe_tick(s);
		return s->status;
	}
	return SIM_COMPLETE;
}

void sim_release(struct sim *s)
{
	s->mm->block_dropped = NULL;
	s->mm->block_dropped_ctx = NULL;
	s->mm->runs_elsewhere = NULL;
	s->mm->runs_elsewhere_ctx = NULL;
	s->mm->cpu_busy = NULL;
	s->mm->cpu_busy_ctx = NULL;
	s->mm->oom = NULL;
	free(s->oom.task);
	free(s->stats.oom_kills);
	free(s->stats.offline);
	for (int g = 0; g < s->w->nr_generators; g++) {
		gsl_rng_free(s->gens[g].rng);
		free(s->gens[g].live);
		if (s->gens[g].slots) {
			gen_slots_release(s->gens[g].slots);
			free(s->gens[g].slots);
		}
		free(s->gens[g].objs);
		free(s->gens[g].parts);
	}
	for (int a = 0; a < s->w->nr_actions; a++)
		free(s->spreads[a].refs);
	free(s->spreads);
	free(s->iteration);
	free(s->vars);
	if (s->kop.action >= 0 && s->kop.zone_active)
		compact_zone_end(s->mm, &s->kop.cc);	/* interrupted */
	free(s->kop_queue);
	free(s->gens);
	gsl_rng_free(s->action_rng);
	free(s->lcg);
	gsl_rng_free(s->phase_rng);
	free(s->start_free);
	free(s->stats.hugepages);
	hstate_release(&s->hstate);
	event_queue_release(&s->q);
	*s = (struct sim){ 0 };
}
