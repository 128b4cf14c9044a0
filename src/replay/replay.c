/*
 * replay.c - a real kernel's ftrace driving the model (see replay.h):
 * each mm_page_alloc made on the model, its block remembered by the
 * kernel's pfn; each free freeing that block; the daemons stepped between
 * events on the trace's clock; the kernel's outcome counted beside the
 * model's tracepoints; --db ticks on the trace's time.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mm/kcompactd.h"
#include "proc/snapshot.h"
#include "replay/pfn_map.h"
#include "replay/replay.h"
#include "replay/snapshots.h"
#include "sim/daemons.h"
#include "store/store.h"
#include "trace/kmem.h"
#include "util/diag.h"
#include "util/time.h"
#include "util/xalloc.h"
#include "workload/workload.h"

#define MAX_REPORTED_BAD	20
#define MAX_SNAPSHOTS		64
/* --db: a tick every REPLAY_TICK of trace time */
#define REPLAY_TICK		(100 * NSEC_PER_MSEC)

#define GFP_CACHE_SIZE 128
struct gfp_cache_entry {
	char *text;
	size_t len;
	gfp_t gfp;
};

struct replay {
	struct mm_state *mm;
	const struct replay_config *c;
	const char *trace_path;
	bool skip_bad;
	struct replay_figures fig;
	struct pfn_map map;
	/* 1 + the fig.other[] entry last counted for a name of each length */
	uint8_t other_by_len[sizeof(((struct replay_event_count *)0)->name)];
	struct gfp_cache_entry gfp_cache[GFP_CACHE_SIZE];
	int nr_gfp, last_gfp;	/* last_gfp: the entry last used */
	/* simulated time: the trace's, from its first event (fig.first_ts;
	 * fig.last_ts is the latest event's) */
	bool started;
	uint64_t now;
	struct daemons daemons;	/* which have a step coming */
	uint64_t daemon_next[NR_DAEMONS][MAX_NUMNODES];	/* when */
	uint64_t timer_next[MAX_NUMNODES];	/* kcompactd's timeout */
	uint64_t nap_next[MAX_NUMNODES];	/* the end of kswapd's nap */
	uint64_t next_due;	/* the earliest of those, or later */
	/* the daemons' costs: the engine's defaults (doc/workloads.md) */
	struct cost_model costs;
	/* the pagetypeinfo snapshots beside the trace, in order */
	char *snaps[MAX_SNAPSHOTS];
	int nr_snaps;
	struct pagetypeinfo_table start;
	bool start_pending;	/* start_at_ns not reached yet */
	/* --db: the run recorded, a tick every REPLAY_TICK of trace time */
	struct store *store;
	struct proc_snapshot ps;
	uint64_t next_tick;
	/* --trace: who runs now, for the lines' task and CPU columns: the
	 * replayed event's task, or a daemon while it steps */
	char task[24];
	int task_pid, task_cpu;
};

/* --- errors --- */

/* A line the replay cannot use: exit 2, or a warning with --skip-bad. */
static int bad_input(struct replay *r, unsigned long line, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

static int bad_input(struct replay *r, unsigned long line, const char *fmt,
		     ...)
{
	va_list ap;

	r->fig.nr_bad++;
	if (r->skip_bad && r->fig.nr_bad > MAX_REPORTED_BAD)
		return 0;
	va_start(ap, fmt);
	diag_vprint(DIAG_LOC(r->trace_path, (int)line),
		    r->skip_bad ? "warning" : "error", fmt, ap);
	va_end(ap);
	return r->skip_bad ? 0 : -1;
}

/* --- the kernel's daemons, on the trace's clock --- */

/* A woken daemon's first step, after the wake-up's latency. */
static void queue_daemon(void *ctx, enum daemon which, int nid)
{
	struct replay *r = ctx;

	r->daemon_next[which][nid] = r->now + r->costs.daemon_wakeup;
	if (r->daemon_next[which][nid] < r->next_due)
		r->next_due = r->daemon_next[which][nid];
	/* the wake-up ends kcompactd's wait, and its timeout with it */
	if (which == DAEMON_KCOMPACTD)
		r->timer_next[nid] = SIM_TIME_NEVER;
	/* and kswapd's nap (kswapd_nap_end would find it over anyway) */
	if (which == DAEMON_KSWAPD)
		r->nap_next[nid] = SIM_TIME_NEVER;
}

static void schedule_daemons(struct replay *r, bool force)
{
	daemons_look(&r->daemons, r->mm, force, queue_daemon, r);
}

/* run_daemon's which beyond the daemons' steps */
enum { RUN_KCOMPACTD_TIMER = NR_DAEMONS, RUN_KSWAPD_NAP_END };

/*
 * A daemon's step (which: enum daemon), mm/compaction.c: kcompactd's
 * wait_event_freezable_timeout timing out (kcompactd_timer), or the end
 * of kswapd_try_to_sleep's nap (kswapd_nap_end).  As in the engine,
 * kcompactd's wait begins when it goes to sleep (after a run, after each
 * proactive check) and times out on the timer wheel (daemons.h); a
 * wake-up ends the wait (queue_daemon).  A kswapd run that ends in its
 * nap has the nap's end HZ/10 later; a wake-up in between makes that end
 * a no-op.
 */
static void run_daemon(struct replay *r, int nid, uint64_t *next, int which)
{
	r->now = *next;
	if (r->c->trace_out) {
		snprintf(r->task, sizeof(r->task), "%s%d",
			 which == DAEMON_KSWAPD || which == RUN_KSWAPD_NAP_END ?
			 "kswapd" : "kcompactd", nid);
		r->task_pid = 0;
		r->task_cpu = node_cpu(r->mm, nid);
	}
	if (which < NR_DAEMONS) {
		sim_time_t cost = daemon_step(&r->daemons, r->mm,
					      (enum daemon)which, nid,
					      &r->costs);

		*next = cost == SIM_TIME_NEVER ? SIM_TIME_NEVER : r->now + cost;
		if (which == DAEMON_KCOMPACTD && cost == SIM_TIME_NEVER)
			r->timer_next[nid] =
				kcompactd_wait_expiry(r->now, r->mm->hz);
		if (which == DAEMON_KSWAPD && cost == SIM_TIME_NEVER &&
		    r->mm->kswapd[nid].napping)
			r->nap_next[nid] =
				kswapd_nap_expiry(r->now, r->mm->hz);
	} else if (which == RUN_KCOMPACTD_TIMER) {
		kcompactd_timer(r->mm, nid);
		*next = kcompactd_wait_expiry(r->now, r->mm->hz);
	} else {
		/* a wake-up clears nap_next (queue_daemon), so the nap it
		 * ends is always the current one */
		*next = SIM_TIME_NEVER;
		kswapd_nap_end(r->mm, nid, r->mm->kswapd[nid].nap_seq);
	}
	schedule_daemons(r, true);
}

/* --db: the machine now, stamped with trace time since the start. */
static void record_tick(struct replay *r, uint64_t time)
{
	proc_snapshot_take(&r->ps, r->mm);
	r->ps.t.time = time;
	r->ps.t.phase = 0;
	if (store_tick(r->store, &r->ps)) {
		store_run_end(r->store, RUN_FAILED, NULL, 0);
		store_close(r->store);
		r->store = NULL;	/* reported; the replay goes on */
	}
}

/* The earliest daemon step, whichever it is. */
static uint64_t earliest_due(const struct replay *r)
{
	uint64_t due = SIM_TIME_NEVER;

	for (int nid = 0; nid < r->mm->layout.nr_node_ids; nid++) {
		for (int k = 0; k < NR_DAEMONS; k++)
			if (r->daemon_next[k][nid] < due)
				due = r->daemon_next[k][nid];
		if (r->timer_next[nid] < due)
			due = r->timer_next[nid];
		if (r->nap_next[nid] < due)
			due = r->nap_next[nid];
	}
	return due;
}

/* Run every daemon step due before t, in time order; then now = t. */
static void advance_to(struct replay *r, uint64_t t)
{
	/* most events come with no daemon step due: no search */
	while (t >= r->next_due) {
		uint64_t *first = NULL;
		int which = 0, first_nid = 0;

		for (int nid = 0; nid < r->mm->layout.nr_node_ids; nid++) {
			uint64_t *c[4] = {
				&r->daemon_next[DAEMON_KSWAPD][nid],
				&r->daemon_next[DAEMON_KCOMPACTD][nid],
				&r->timer_next[nid], &r->nap_next[nid] };

			for (int k = 0; k < 4; k++)
				if (*c[k] <= t && (!first || *c[k] < *first)) {
					first = c[k];
					which = k;
					first_nid = nid;
				}
		}
		if (first)
			run_daemon(r, first_nid, first, which);
		r->next_due = earliest_due(r);
	}
	if (t > r->now)
		r->now = t;
	while (r->store && r->started && r->next_tick <= t) {
		record_tick(r, r->next_tick - r->fig.first_ts);
		r->next_tick += REPLAY_TICK;
	}
}

/* The trace's clock starts at its first event; kcompactd's timers too. */
static void start_clock(struct replay *r, uint64_t ts)
{
	r->started = true;
	r->fig.first_ts = r->now = ts;
	r->next_tick = ts + REPLAY_TICK;
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		r->daemon_next[DAEMON_KSWAPD][nid] = SIM_TIME_NEVER;
		r->daemon_next[DAEMON_KCOMPACTD][nid] = SIM_TIME_NEVER;
		r->nap_next[nid] = SIM_TIME_NEVER;
		r->timer_next[nid] = nid < r->mm->layout.nr_node_ids &&
			node_has_memory(r->mm, nid) ?
			kcompactd_wait_expiry(ts, r->mm->hz) : SIM_TIME_NEVER;
	}
}

/* --- allocations and frees --- */

/*
 * The owner fragsim records for a request, from its gfp flags alone (the
 * trace says nothing else about the caller): movable requests are
 * anonymous memory, except hugetlb's pool pages (__GFP_RETRY_MAYFAIL,
 * compound, pageblock order or more) and other compound movable blocks
 * (THP); __GFP_RECLAIMABLE is reclaimable slab; anything else is an
 * unmovable kernel allocation.
 */
static enum owner_kind owner_of(gfp_t gfp, unsigned int order)
{
	if (gfp & __GFP_MOVABLE) {
		if (order >= pageblock_order && (gfp & __GFP_COMP) &&
		    (gfp & __GFP_RETRY_MAYFAIL))
			return OWNER_HUGETLB;
		if (order && (gfp & __GFP_COMP))
			return OWNER_THP;
		return OWNER_ANON;
	}
	if (gfp & __GFP_RECLAIMABLE)
		return OWNER_SLAB_RECLAIMABLE;
	return OWNER_KERNEL;
}

/* gfp_parse, remembered: a trace repeats a few dozen flag strings. */
static int parse_gfp(struct replay *r, const char *s, size_t len, gfp_t *gfp)
{
	const struct gfp_cache_entry *last = &r->gfp_cache[r->last_gfp];
	char buf[512];

	/* requests come in runs of one kind: the last flags first */
	if (r->nr_gfp && last->len == len && !memcmp(last->text, s, len)) {
		*gfp = last->gfp;
		return 0;
	}
	for (int i = 0; i < r->nr_gfp; i++)
		if (r->gfp_cache[i].len == len &&
		    !memcmp(r->gfp_cache[i].text, s, len)) {
			*gfp = r->gfp_cache[i].gfp;
			r->last_gfp = i;
			return 0;
		}
	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!strcmp(buf, "none"))	/* show_gfp_flags of 0 */
		*gfp = 0;
	else if (gfp_parse(buf, gfp))
		return -1;
	if (r->nr_gfp < GFP_CACHE_SIZE) {
		r->gfp_cache[r->nr_gfp].text = xstrdup(buf);
		r->gfp_cache[r->nr_gfp].len = len;
		r->gfp_cache[r->nr_gfp].gfp = *gfp;
		r->nr_gfp++;
	}
	return 0;
}

static int trace_cpu(struct replay *r, int cpu)
{
	if (cpu < r->mm->nr_cpus)
		return cpu;
	r->fig.cpu_folded++;
	return cpu % r->mm->nr_cpus;
}

/* Free fragsim's block of a kernel block that is now entirely free. */
static void free_sim_block(struct replay *r, struct held *h, int cpu)
{
	const struct page_block *b;

	if (h->ref.idx == NIL) {
		r->fig.free_sim_failed++;
		return;
	}
	b = block_ref_get(r->mm, h->ref);
	if (!b) {
		r->fig.free_sim_dropped++;
		return;
	}
	free_pages(r->mm, b->pfn, cpu);
}

/* Remember that the kernel's block at pfn is fragsim's block at sim_pfn. */
static void map_kernel_block(struct replay *r, unsigned long pfn,
			     unsigned int order, unsigned long sim_pfn, int cpu,
			     unsigned long line)
{
	struct held *h = pfn_map_find(&r->map, pfn);

	if (h) {	/* the kernel freed it where the trace did not show */
		/* said at the first, counted in the summary: a trace whose
		 * buffer overran loses events, a made-up one has them all */
		if (!r->fig.alloc_over_held++)
			diag_warn(DIAG_LOC(r->trace_path, (int)line), "pfn "
				  "0x%lx is allocated again while the trace "
				  "holds it: its free is missing (a lost "
				  "event?); done first, and counted", pfn);
		free_sim_block(r, h, cpu);
	} else {
		h = pfn_map_insert(&r->map, pfn);
	}
	h->order = (uint8_t)order;
	h->freed = 0;
	h->ref = sim_pfn == PFN_NONE ? (struct block_ref){ NIL, 0 } :
		 block_ref_of(r->mm, sim_pfn);
}

/*
 * mm_page_alloc: the same request made on the model (__alloc_pages), its
 * block remembered under the kernel's pfn.
 */
static int replay_page_alloc(struct replay *r, const struct ftrace_event *ev,
			     unsigned long line)
{
	struct kmem_page_alloc a;
	struct alloc_result res;
	gfp_t gfp;
	int cpu, smt;

	if (!kmem_page_alloc_read(ev, &a))
		return bad_input(r, line, "%sexpected '%s'",
				 r->skip_bad ? "skipped: " : "",
				 KMEM_PAGE_ALLOC_FORM);
	if (a.order >= MAX_ORDER || a.migratetype < 0 ||
	    a.migratetype >= MIGRATE_TYPES || a.pfn >= PFN_MAP_MAX_PFN)
		return bad_input(r, line, "pfn 0x%lx, order %lu or migratetype "
				 "%ld out of range (pfns below 0x%lx, orders "
				 "0-%d, migratetypes 0-%d)", a.pfn, a.order,
				 a.migratetype, PFN_MAP_MAX_PFN, MAX_ORDER - 1,
				 MIGRATE_TYPES - 1);
	/* echo 80 bytes at most */
	if (parse_gfp(r, a.gfp_flags.s, a.gfp_flags.len, &gfp))
		return bad_input(r, line, "unknown gfp flag in '%.*s%s': "
				 "expected the names show_gfp_flags prints, "
				 "joined by '|', or a hex number of 32 bits",
				 a.gfp_flags.len > 80 ? 80 :
				 (int)a.gfp_flags.len, a.gfp_flags.s,
				 a.gfp_flags.len > 80 ? "..." : "");
	r->fig.nr_allocs_input++;
	r->fig.kernel.alloc[a.order][a.migratetype]++;
	if (a.failed)
		r->fig.kernel.failed[a.order][a.migratetype]++;

	cpu = trace_cpu(r, ev->cpu);
	smt = gfp_migratetype(gfp);
	res = __alloc_pages(r->mm, gfp, (unsigned int)a.order,
			    r->mm->cpu_to_node[cpu], cpu,
			    owner_of(gfp, (unsigned int)a.order));
	r->fig.sim.alloc[a.order][smt]++;
	if (res.pfn == PFN_NONE)
		r->fig.sim.failed[a.order][smt]++;
	schedule_daemons(r, false);

	if (a.failed)	/* no kernel pfn: fragsim's block, if any, stays */
		r->fig.alloc_kernel_failed_held += res.pfn != PFN_NONE;
	else
		map_kernel_block(r, a.pfn, (unsigned int)a.order, res.pfn, cpu,
				 line);
	return 0;
}

/* The held block that pfn lies in, or NULL. */
static struct held *covering_block(struct replay *r, unsigned long pfn,
				   unsigned int order)
{
	struct held *h = pfn_map_find(&r->map, pfn);

	if (h)
		return h;
	for (unsigned int o = order + 1; o < MAX_ORDER; o++) {
		h = pfn_map_find(&r->map, pfn & ~((1UL << o) - 1));
		if (h && h->order == o)
			return h;
	}
	return NULL;
}

/*
 * mm_page_free, mm_page_free_batched: the model's block freed (free_pages)
 * once the kernel's block is entirely free.
 */
static void replay_page_free(struct replay *r, const struct ftrace_event *ev,
			     unsigned long pfn, unsigned int order)
{
	int cpu = trace_cpu(r, ev->cpu);
	struct held *h = covering_block(r, pfn, order);

	r->fig.nr_frees_input++;
	if (!h) {
		r->fig.free_before_trace++;
		return;
	}
	if (h->pfn != pfn || h->order != order) {
		/* split_page: the block comes back a part at a time */
		r->fig.free_partial++;
		h->freed = (uint16_t)(h->freed + (1u << order));
		if (h->freed < (1u << h->order))
			return;
	}
	free_sim_block(r, h, cpu);
	pfn_map_remove(&r->map, h);
	schedule_daemons(r, false);
}

static int read_free(struct replay *r, const struct ftrace_event *ev,
		     unsigned long line, bool batched)
{
	unsigned long pfn, order = 0;

	if (!kmem_page_free_read(ev, batched, &pfn, &order))
		return bad_input(r, line, "%sexpected '%s'",
				 r->skip_bad ? "skipped: " : "",
				 batched ? KMEM_PAGE_FREE_BATCHED_FORM :
				 KMEM_PAGE_FREE_FORM);
	if (order >= MAX_ORDER || pfn >= PFN_MAP_MAX_PFN)
		return bad_input(r, line, "pfn 0x%lx or order %lu out of range "
				 "(pfns below 0x%lx, orders 0-%d)", pfn, order,
				 PFN_MAP_MAX_PFN, MAX_ORDER - 1);
	replay_page_free(r, ev, pfn, (unsigned int)order);
	return 0;
}

/* --- the kernel's outcome --- */

static int read_extfrag(struct replay *r, const struct ftrace_event *ev,
			unsigned long line)
{
	bool frag, own;

	if (!kmem_extfrag_read(ev, &frag, &own))
		return bad_input(r, line, "%sexpected '%s'",
				 r->skip_bad ? "skipped: " : "",
				 KMEM_EXTFRAG_FORM);
	r->fig.kernel.extfrag++;
	r->fig.kernel.fragmenting += frag;
	r->fig.kernel.change_ownership += own;
	return 0;
}

static void count_other(struct replay *r, const char *name, size_t len)
{
	int i;

	/* a trace's event names mostly differ in length: try that first */
	if (len < sizeof(r->other_by_len) && r->other_by_len[len]) {
		i = r->other_by_len[len] - 1;
		if (!memcmp(r->fig.other[i].name, name, len)) {
			r->fig.other[i].count++;
			return;
		}
	}
	for (i = 0; i < r->fig.nr_other; i++)
		if (r->fig.other[i].len == len &&
		    !memcmp(r->fig.other[i].name, name, len)) {
			r->fig.other[i].count++;
			r->other_by_len[len] = (uint8_t)(i + 1);
			return;
		}
	if (r->fig.nr_other == REPLAY_MAX_OTHER_EVENTS ||
	    len >= sizeof(r->fig.other[0].name)) {
		r->fig.other_overflow++;
		return;
	}
	memcpy(r->fig.other[i].name, name, len);
	r->fig.other[i].name[len] = '\0';
	r->fig.other[i].len = len;
	r->fig.other[i].count = 1;
	r->other_by_len[len] = (uint8_t)(i + 1);
	r->fig.nr_other++;
}

/* Compaction events: tallied for the kernel, and counted by name too. */
static void count_compaction(struct replay_side *s, const char *name,
			     size_t len)
{
#define IS(lit) (len == sizeof(lit) - 1 && !memcmp(name, lit, len))
	if (IS("mm_compaction_begin"))
		s->compact_begin++;
	else if (IS("mm_compaction_end"))
		s->compact_end++;
	else if (IS("mm_compaction_try_to_compact_pages"))
		s->try_to_compact++;
	else if (IS("mm_compaction_deferred"))
		s->deferred++;
	else if (IS("mm_compaction_defer_compaction"))
		s->defer_compaction++;
	else if (IS("mm_compaction_defer_reset"))
		s->defer_reset++;
#undef IS
}

/* mm->trace: the model's own tracepoints. */
static void sim_trace(void *ctx, const char *event, const char *text)
{
	struct replay *r = ctx;

	count_compaction(&r->fig.sim, event, strlen(event));
	if (r->store && r->started)
		store_trace(r->store, r->now - r->fig.first_ts, event, text);
	if (r->c->trace_out && r->started)
		ftrace_write_event(r->c->trace_out, r->task, r->task_pid,
				   r->task_cpu, r->now, event, text);
}

/*
 * The state made the start snapshot's: blocks held until each zone's
 * pageblocks and free pages are the snapshot's.  Its allocations are not
 * the trace's: neither counted nor traced.
 */
static void build_start(struct replay *r)
{
	struct mm_state *mm = r->mm;
	unsigned long vm_events[NR_VM_EVENT_ITEMS];
	struct extfrag_stats extfrag = mm->extfrag;

	memcpy(vm_events, mm->vm_events, sizeof(vm_events));
	mm->trace = NULL;
	replay_build_start(mm, &r->start, r->fig.start_held);
	mm->trace = sim_trace;
	memcpy(mm->vm_events, vm_events, sizeof(vm_events));
	mm->extfrag = extfrag;
	r->start_pending = false;
}

static int replay_event(struct replay *r, const struct ftrace_event *ev,
			unsigned long line)
{
#define EVENT(lit) ftrace_event_is(ev, lit, sizeof(lit) - 1)
	if (!r->started)
		start_clock(r, ev->ts_ns);
	/*
	 * kernel/trace/trace.c: the trace file merges the CPUs' buffers in
	 * time order, but trace_pipe, read live, can print a CPU's event
	 * after a later one of another CPU: replayed at the later time,
	 * said at the first and counted in the summary.
	 */
	if (ev->ts_ns < r->fig.last_ts) {
		uint64_t last = r->fig.last_ts;

		if (!r->fig.out_of_order++)
			diag_warn(DIAG_LOC(r->trace_path, (int)line), "time "
				  "%llu.%06llu is before the previous event's "
				  "%llu.%06llu: expected events in time order "
				  "(replayed at the later time, and counted)",
				  (unsigned long long)(ev->ts_ns / 1000000000),
				  (unsigned long long)(ev->ts_ns % 1000000000 /
						       1000),
				  (unsigned long long)(last / 1000000000),
				  (unsigned long long)(last % 1000000000 /
						       1000));
	} else {
		r->fig.last_ts = ev->ts_ns;
	}
	if (r->start_pending) {
		if (r->fig.last_ts >= r->c->start_at_ns) {
			advance_to(r, r->c->start_at_ns);
			build_start(r);
		} else {
			r->fig.events_before_start++;
		}
	}
	advance_to(r, r->fig.last_ts);
	if (r->c->trace_out) {	/* not a cost every replay pays */
		snprintf(r->task, sizeof(r->task), "%.*s",
			 (int)(ev->task_len < sizeof(r->task) ? ev->task_len :
			       sizeof(r->task) - 1), ev->task);
		r->task_pid = ev->pid;
		r->task_cpu = ev->cpu;
	}
	r->fig.nr_events++;
	if (EVENT("mm_page_alloc"))
		return replay_page_alloc(r, ev, line);
	if (EVENT("mm_page_free"))
		return read_free(r, ev, line, false);
	if (EVENT("mm_page_free_batched"))
		return read_free(r, ev, line, true);
	count_other(r, ev->name, ev->name_len);
	if (EVENT("mm_page_alloc_extfrag"))
		return read_extfrag(r, ev, line);
	count_compaction(&r->fig.kernel, ev->name, ev->name_len);
	return 0;
#undef EVENT
}

/* --- --db --- */

/*
 * --db: the replay is a run of its own: the trace stands where a workload
 * stands (its path; the text is not copied), with one phase, "replay".
 */
static int begin_record(struct replay *r)
{
	static const char *const phases[] = { "replay" };
	const struct replay_config *c = r->c;
	char *model_text = store_file_text(c->model_path);
	struct store_run_info info = {
		.command_line = c->command_line,
		.model_kind = c->model_kind,
		.model_path = c->model_path, .model_text = model_text,
		.boot_cmdline = c->boot_cmdline,
		.workload_path = c->trace, .workload_name = "replay",
		.workload_text = "", .phase_names = phases, .nr_phases = 1,
		.tick = REPLAY_TICK, .point = -1,
	};
	int ret = -1;

	if (model_text && !store_open_write(&r->store, c->db)) {
		proc_snapshot_init(&r->ps, r->mm);
		proc_snapshot_take(&r->ps, r->mm);
		if (store_run_begin(r->store, &info, &r->ps) >= 0)
			ret = 0;
		else
			store_close(r->store);
	}
	if (ret)
		r->store = NULL;
	free(model_text);
	return ret;
}

static void end_record(struct replay *r, bool ok, double wall)
{
	if (!r->store)
		return;
	record_tick(r, r->now - r->fig.first_ts);
	if (r->store) {
		store_run_end(r->store, ok ? RUN_COMPLETE : RUN_FAILED, NULL,
			      wall);
		store_close(r->store);
	}
	proc_snapshot_release(&r->ps);
}

/* --- the trace --- */

/* Every event of fr, until its end or the first error. */
static int replay_events(struct replay *r, struct ftrace_reader *fr,
			 bool failed)
{
	struct ftrace_event ev;
	enum ftrace_status st;
	int ret = 0;

	if (failed) {
		diag_error(DIAG_LOC(r->trace_path, 0), "%s", fr->err);
		return -1;
	}
	while ((st = ftrace_next(fr, &ev)) != FTRACE_EOF) {
		if (st == FTRACE_IO_ERROR) {
			diag_error(DIAG_LOC(r->trace_path, (int)fr->line), "%s",
				   fr->err);
			ret = -1;
			break;
		}
		if (st == FTRACE_BAD_LINE) {
			if (bad_input(r, fr->line, "%s%s",
				      r->skip_bad ? "skipped: " : "", fr->err)) {
				ret = -1;
				break;
			}
			continue;
		}
		if (replay_event(r, &ev, fr->line)) {
			ret = -1;
			break;
		}
	}
	r->fig.nr_skipped = fr->nr_skipped;
	if (!ret && r->start_pending) {
		diag_error(DIAG_LOC(r->trace_path, 0), "--start-at %llu.%06llu "
			   "is after the trace's last event (%llu.%06llu): "
			   "expected the time the start snapshot was taken",
			   (unsigned long long)(r->c->start_at_ns / NSEC_PER_SEC),
			   (unsigned long long)(r->c->start_at_ns % NSEC_PER_SEC
						/ NSEC_PER_USEC),
			   (unsigned long long)(r->fig.last_ts / NSEC_PER_SEC),
			   (unsigned long long)(r->fig.last_ts % NSEC_PER_SEC /
						NSEC_PER_USEC));
		ret = -1;
	}
	if (r->skip_bad && r->fig.nr_bad > MAX_REPORTED_BAD)
		diag_warn(DIAG_LOC(r->trace_path, 0), "%lu more bad lines "
			  "skipped", r->fig.nr_bad - MAX_REPORTED_BAD);
	return ret;
}

/* --- the replay --- */

struct replay *replay_new(struct mm_state *mm, const struct replay_config *c)
{
	struct replay *r = xcalloc(1, sizeof(*r));

	r->mm = mm;
	r->c = c;
	cost_model_defaults(&r->costs);
	r->trace_path = c->trace;
	r->skip_bad = c->skip_bad;
	snprintf(r->task, sizeof(r->task), "fragsim");
	pfn_map_init(&r->map);
	mm->trace = sim_trace;
	mm->trace_ctx = r;
	r->nr_snaps = replay_find_snapshots(c->trace, r->snaps, MAX_SNAPSHOTS);
	r->fig.start = c->start;
	if (!r->fig.start && r->nr_snaps > 1)
		r->fig.start = r->snaps[0];
	if (r->fig.start && !strcmp(r->fig.start, "none"))
		r->fig.start = NULL;
	return r;
}

int replay_begin(struct replay *r)
{
	const char *start = r->fig.start;
	struct mm_state *mm = r->mm;

	if (start) {
		int got = pagetypeinfo_read(start, &r->start);

		if (got == -1)
			diag_error(DIAG_LOC(start, 0), "no \"Number of "
				   "blocks type\" table: expected a "
				   "/proc/pagetypeinfo snapshot");
		if (got)
			return -1;
		/* the boot's own counts are not the trace's */
		memset(&mm->extfrag, 0, sizeof(mm->extfrag));
		memset(mm->vm_events, 0, sizeof(mm->vm_events));
		if (r->c->has_start_at)
			r->start_pending = true;
		else
			build_start(r);
	} else if (r->c->has_start_at) {
		diag_error(DIAG_LOC(r->trace_path, 0), "--start-at needs a "
			   "start snapshot: --start FILE, or two snapshots "
			   "beside the trace");
		return -1;
	}
	if (r->c->db && begin_record(r))
		return -1;
	return 0;
}

int replay_trace(struct replay *r, struct ftrace_reader *fr, bool failed)
{
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (replay_events(r, fr, failed)) {
		end_record(r, false, 0);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	end_record(r, true, (double)(t1.tv_sec - t0.tv_sec) +
		   (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}

const struct replay_figures *replay_figures(const struct replay *r)
{
	return &r->fig;
}

bool replay_end_snapshot(const struct replay *r, const char **path,
			 struct pagetypeinfo_table *t)
{
	if (!r->nr_snaps)
		return false;
	*path = r->snaps[r->nr_snaps - 1];
	return !pagetypeinfo_read(*path, t);
}

void replay_free(struct replay *r)
{
	for (int nid = 0; nid < r->mm->layout.nr_node_ids; nid++)
		kcompactd_stop(r->mm, nid);
	r->mm->trace = NULL;
	for (int i = 0; i < r->nr_snaps; i++)
		free(r->snaps[i]);
	for (int i = 0; i < r->nr_gfp; i++)
		free(r->gfp_cache[i].text);
	pfn_map_release(&r->map);
	free(r);
}
