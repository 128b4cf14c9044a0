/*
 * replay.c - "fragsim replay": drive the simulated machine with the page
 * allocations and frees of a real kernel's ftrace (kmem:mm_page_alloc,
 * mm_page_free, mm_page_free_batched), in the trace's order and at its
 * times, and print the simulator's outcome beside the kernel's (the
 * trace's mm_page_alloc_extfrag and compaction events, and the
 * pagetypeinfo snapshots found beside the trace).  doc/replay.md says how
 * each event is read.
 */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "machine/pagetypeinfo.h"
#include "mm/page_alloc.h"
#include "proc/buddyinfo.h"
#include "sim/daemons.h"
#include "store/store.h"
#include "trace/ftrace.h"
#include "trace/kmem.h"
#include "util/diag.h"
#include "util/line_reader.h"
#include "util/time.h"
#include "util/xalloc.h"
#include "workload/workload.h"

#define MAX_REPORTED_BAD	20

/* --- the kernel's pfns mapped to the simulator's blocks --- */

/* A block the kernel allocated and has not freed (entirely) yet. */
struct held {
	unsigned long pfn;	/* the kernel's head pfn */
	struct block_ref ref;	/* fragsim's block; idx NIL if it failed */
	uint16_t freed;		/* pages freed one part at a time */
	uint8_t order;
};

/*
 * The kernel's pfn to its held block: a two-level table indexed by pfn
 * (leaves of 64 Ki pfns made when first touched, 4 bytes a pfn: at most what
 * the model's memmap takes), pointing into a pool of records.  Indexing by
 * pfn keeps the locality of the kernel's allocations, which mostly hand
 * out neighbouring pfns one after another; a hash would scatter them.
 */
#define LEAF_SHIFT	16
#define LEAF_PFNS	(1UL << LEAF_SHIFT)
#define MAX_TRACE_PFN	(1UL << 36)	/* 256 TiB */

struct pfn_map {
	uint32_t **leaves;	/* record index + 1 per pfn, 0: none */
	size_t nr_leaves;
	struct held *pool;
	uint32_t pool_cap, pool_used;
	uint32_t free_head;	/* released records, linked by ref.idx */
};

static void map_init(struct pfn_map *m)
{
	memset(m, 0, sizeof(*m));
	m->free_head = NIL;
}

static void map_release(struct pfn_map *m)
{
	for (size_t i = 0; i < m->nr_leaves; i++)
		free(m->leaves[i]);
	free(m->leaves);
	free(m->pool);
}

static struct held *map_find(const struct pfn_map *m, unsigned long pfn)
{
	size_t leaf = pfn >> LEAF_SHIFT;
	uint32_t idx;

	if (leaf >= m->nr_leaves || !m->leaves[leaf])
		return NULL;
	idx = m->leaves[leaf][pfn & (LEAF_PFNS - 1)];
	return idx ? &m->pool[idx - 1] : NULL;
}

/* A new record for pfn (not present, below MAX_TRACE_PFN). */
static struct held *map_insert(struct pfn_map *m, unsigned long pfn)
{
	size_t leaf = pfn >> LEAF_SHIFT;
	uint32_t idx;

	if (leaf >= m->nr_leaves) {
		m->leaves = xrealloc(m->leaves, (leaf + 1) * sizeof(*m->leaves));
		memset(m->leaves + m->nr_leaves, 0,
		       (leaf + 1 - m->nr_leaves) * sizeof(*m->leaves));
		m->nr_leaves = leaf + 1;
	}
	if (!m->leaves[leaf])
		m->leaves[leaf] = xcalloc(LEAF_PFNS, sizeof(uint32_t));
	if (m->free_head != NIL) {
		idx = m->free_head;
		m->free_head = m->pool[idx].ref.idx;
	} else {
		if (m->pool_used == m->pool_cap) {
			m->pool_cap = m->pool_cap ? 2 * m->pool_cap : 1 << 14;
			m->pool = xrealloc(m->pool,
					   m->pool_cap * sizeof(*m->pool));
		}
		idx = m->pool_used++;
	}
	m->leaves[leaf][pfn & (LEAF_PFNS - 1)] = idx + 1;
	m->pool[idx].pfn = pfn;
	return &m->pool[idx];
}

static void map_remove(struct pfn_map *m, struct held *h)
{
	uint32_t idx = (uint32_t)(h - m->pool);

	m->leaves[h->pfn >> LEAF_SHIFT][h->pfn & (LEAF_PFNS - 1)] = 0;
	h->ref.idx = m->free_head;
	m->free_head = idx;
}

/* --- what each side did --- */

struct side_stats {
	unsigned long alloc[MAX_ORDER][MIGRATE_TYPES];	/* requests */
	unsigned long failed[MAX_ORDER][MIGRATE_TYPES];
	unsigned long extfrag, fragmenting, change_ownership;
	unsigned long compact_begin, compact_end, try_to_compact;
	unsigned long deferred, defer_compaction, defer_reset;
};

/* Events that are not input, counted by name. */
#define MAX_OTHER_EVENTS 64
struct name_count {
	char name[64];
	size_t len;
	unsigned long count;
};

#define GFP_CACHE_SIZE 128
struct gfp_cache_entry {
	char *text;
	size_t len;
	gfp_t gfp;
};

struct replay {
	struct mm_state *mm;
	const char *trace_path;
	bool skip_bad;
	struct pfn_map map;
	struct side_stats kernel, sim;
	unsigned long nr_events, nr_bad, nr_allocs_input, nr_frees_input;
	unsigned long free_before_trace;	/* skipped */
	unsigned long free_partial;	/* parts of a split block */
	unsigned long free_sim_failed;	/* fragsim had no block to free */
	unsigned long free_sim_dropped;	/* fragsim's reclaim took it */
	unsigned long alloc_over_held;	/* a missed free, made up */
	unsigned long out_of_order;	/* events earlier than the last */
	unsigned long alloc_kernel_failed_held;	/* fragsim got it anyway */
	unsigned long cpu_folded;	/* trace CPU >= the machine's */
	struct name_count other[MAX_OTHER_EVENTS];
	int nr_other;
	/* 1 + the other[] entry last counted for a name of each length */
	uint8_t other_by_len[sizeof(((struct name_count *)0)->name)];
	unsigned long other_overflow;
	struct gfp_cache_entry gfp_cache[GFP_CACHE_SIZE];
	int nr_gfp, last_gfp;	/* last_gfp: the entry last used */
	/* simulated time: the trace's, from its first event */
	bool started;
	uint64_t t0, now, last_ts;
	struct daemons daemons;	/* which have a step coming */
	uint64_t daemon_next[NR_DAEMONS][MAX_NUMNODES];	/* when */
	uint64_t timer_next[MAX_NUMNODES];	/* kcompactd's timeout */
	uint64_t next_due;	/* the earliest of those, or later */
	/* the daemons' costs: the engine's defaults (doc/workloads.md) */
	struct cost_model costs;
	/* blocks held to rebuild the state at the trace's start */
	unsigned long prefill_pages[MIGRATE_PCPTYPES];
	/* --db: the run recorded, a tick every REPLAY_TICK of trace time */
	struct store *store;
	struct proc_snapshot ps;
	uint64_t next_tick;
};

#define REPLAY_TICK	(100 * NSEC_PER_MSEC)

/* --- errors --- */

/* A line the replay cannot use: exit 2, or a warning with --skip-bad. */
static int bad_input(struct replay *r, unsigned long line, const char *fmt,
		     ...) __attribute__((format(printf, 3, 4)));

static int bad_input(struct replay *r, unsigned long line, const char *fmt,
		     ...)
{
	va_list ap;

	r->nr_bad++;
	if (r->skip_bad && r->nr_bad > MAX_REPORTED_BAD)
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
}

static void schedule_daemons(struct replay *r, bool force)
{
	daemons_look(&r->daemons, r->mm, force, queue_daemon, r);
}

/* which: a daemon, or NR_DAEMONS for kcompactd's timer */
static void run_daemon(struct replay *r, int nid, uint64_t *next, int which)
{
	r->now = *next;
	if (which < NR_DAEMONS) {
		sim_time_t cost = daemon_step(&r->daemons, r->mm,
					      (enum daemon)which, nid,
					      &r->costs);

		*next = cost == SIM_TIME_NEVER ? SIM_TIME_NEVER : r->now + cost;
	} else {
		kcompactd_timer(r->mm, nid);
		*next = r->now + KCOMPACTD_TIMEOUT;
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
			uint64_t *c[3] = {
				&r->daemon_next[DAEMON_KSWAPD][nid],
				&r->daemon_next[DAEMON_KCOMPACTD][nid],
				&r->timer_next[nid] };

			for (int k = 0; k < 3; k++)
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
		record_tick(r, r->next_tick - r->t0);
		r->next_tick += REPLAY_TICK;
	}
}


static void start_clock(struct replay *r, uint64_t ts)
{
	r->started = true;
	r->t0 = r->now = ts;
	r->next_tick = ts + REPLAY_TICK;
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		r->daemon_next[DAEMON_KSWAPD][nid] = SIM_TIME_NEVER;
		r->daemon_next[DAEMON_KCOMPACTD][nid] = SIM_TIME_NEVER;
		r->timer_next[nid] = nid < r->mm->layout.nr_node_ids &&
			node_has_memory(r->mm, nid) ?
			ts + KCOMPACTD_TIMEOUT : SIM_TIME_NEVER;
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
	r->cpu_folded++;
	return cpu % r->mm->nr_cpus;
}

/* Free fragsim's block of a kernel block that is now entirely free. */
static void free_sim_block(struct replay *r, struct held *h, int cpu)
{
	const struct page_block *b;

	if (h->ref.idx == NIL) {
		r->free_sim_failed++;
		return;
	}
	b = block_ref_get(r->mm, h->ref);
	if (!b) {
		r->free_sim_dropped++;
		return;
	}
	free_pages(r->mm, b->pfn, cpu);
}

/* Remember that the kernel's block at pfn is fragsim's block at sim_pfn. */
static void map_kernel_block(struct replay *r, unsigned long pfn,
			     unsigned int order, unsigned long sim_pfn, int cpu,
			     unsigned long line)
{
	struct held *h = map_find(&r->map, pfn);

	if (h) {	/* the kernel freed it where the trace did not show */
		/* said at the first, counted in the summary: a trace whose
		 * buffer overran loses events, a made-up one has them all */
		if (!r->alloc_over_held++)
			diag_warn(DIAG_LOC(r->trace_path, (int)line), "pfn "
				  "0x%lx is allocated again while the trace "
				  "holds it: its free is missing (a lost "
				  "event?); done first, and counted", pfn);
		free_sim_block(r, h, cpu);
	} else {
		h = map_insert(&r->map, pfn);
	}
	h->order = (uint8_t)order;
	h->freed = 0;
	h->ref = sim_pfn == PFN_NONE ? (struct block_ref){ NIL, 0 } :
		 block_ref_of(r->mm, sim_pfn);
}

static int replay_alloc(struct replay *r, const struct ftrace_event *ev,
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
	    a.migratetype >= MIGRATE_TYPES || a.pfn >= MAX_TRACE_PFN)
		return bad_input(r, line, "pfn 0x%lx, order %lu or migratetype "
				 "%ld out of range (pfns below 0x%lx, orders "
				 "0-%d, migratetypes 0-%d)", a.pfn, a.order,
				 a.migratetype, MAX_TRACE_PFN, MAX_ORDER - 1,
				 MIGRATE_TYPES - 1);
	/* echo 80 bytes at most */
	if (parse_gfp(r, a.gfp_flags.s, a.gfp_flags.len, &gfp))
		return bad_input(r, line, "unknown gfp flag in '%.*s%s': "
				 "expected the names show_gfp_flags prints, "
				 "joined by '|', or a hex number of 32 bits",
				 a.gfp_flags.len > 80 ? 80 :
				 (int)a.gfp_flags.len, a.gfp_flags.s,
				 a.gfp_flags.len > 80 ? "..." : "");
	r->nr_allocs_input++;
	r->kernel.alloc[a.order][a.migratetype]++;
	if (a.failed)
		r->kernel.failed[a.order][a.migratetype]++;

	cpu = trace_cpu(r, ev->cpu);
	smt = gfp_migratetype(gfp);
	res = __alloc_pages(r->mm, gfp, (unsigned int)a.order,
			    r->mm->cpu_to_node[cpu], cpu,
			    owner_of(gfp, (unsigned int)a.order));
	r->sim.alloc[a.order][smt]++;
	if (res.pfn == PFN_NONE)
		r->sim.failed[a.order][smt]++;
	schedule_daemons(r, false);

	if (a.failed)	/* no kernel pfn: fragsim's block, if any, stays */
		r->alloc_kernel_failed_held += res.pfn != PFN_NONE;
	else
		map_kernel_block(r, a.pfn, (unsigned int)a.order, res.pfn, cpu,
				 line);
	return 0;
}

/* The held block that pfn lies in, or NULL. */
static struct held *covering_block(struct replay *r, unsigned long pfn,
				   unsigned int order)
{
	struct held *h = map_find(&r->map, pfn);

	if (h)
		return h;
	for (unsigned int o = order + 1; o < MAX_ORDER; o++) {
		h = map_find(&r->map, pfn & ~((1UL << o) - 1));
		if (h && h->order == o)
			return h;
	}
	return NULL;
}

static void replay_free(struct replay *r, const struct ftrace_event *ev,
			unsigned long pfn, unsigned int order)
{
	int cpu = trace_cpu(r, ev->cpu);
	struct held *h = covering_block(r, pfn, order);

	r->nr_frees_input++;
	if (!h) {
		r->free_before_trace++;
		return;
	}
	if (h->pfn != pfn || h->order != order) {
		/* split_page: the block comes back a part at a time */
		r->free_partial++;
		h->freed = (uint16_t)(h->freed + (1u << order));
		if (h->freed < (1u << h->order))
			return;
	}
	free_sim_block(r, h, cpu);
	map_remove(&r->map, h);
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
	if (order >= MAX_ORDER || pfn >= MAX_TRACE_PFN)
		return bad_input(r, line, "pfn 0x%lx or order %lu out of range "
				 "(pfns below 0x%lx, orders 0-%d)", pfn, order,
				 MAX_TRACE_PFN, MAX_ORDER - 1);
	replay_free(r, ev, pfn, (unsigned int)order);
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
	r->kernel.extfrag++;
	r->kernel.fragmenting += frag;
	r->kernel.change_ownership += own;
	return 0;
}

static void count_other(struct replay *r, const char *name, size_t len)
{
	int i;

	/* a trace's event names mostly differ in length: try that first */
	if (len < sizeof(r->other_by_len) && r->other_by_len[len]) {
		i = r->other_by_len[len] - 1;
		if (!memcmp(r->other[i].name, name, len)) {
			r->other[i].count++;
			return;
		}
	}
	for (i = 0; i < r->nr_other; i++)
		if (r->other[i].len == len &&
		    !memcmp(r->other[i].name, name, len)) {
			r->other[i].count++;
			r->other_by_len[len] = (uint8_t)(i + 1);
			return;
		}
	if (r->nr_other == MAX_OTHER_EVENTS ||
	    len >= sizeof(r->other[0].name)) {
		r->other_overflow++;
		return;
	}
	memcpy(r->other[i].name, name, len);
	r->other[i].name[len] = '\0';
	r->other[i].len = len;
	r->other[i].count = 1;
	r->other_by_len[len] = (uint8_t)(i + 1);
	r->nr_other++;
}

/* Compaction events: tallied for the kernel, and counted by name too. */
static void count_compaction(struct side_stats *s, const char *name,
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

	count_compaction(&r->sim, event, strlen(event));
	if (r->store && r->started)
		store_trace(r->store, r->now - r->t0, event, text);
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
	if (ev->ts_ns < r->last_ts) {
		if (!r->out_of_order++)
			diag_warn(DIAG_LOC(r->trace_path, (int)line), "time "
				  "%llu.%06llu is before the previous event's "
				  "%llu.%06llu: expected events in time order "
				  "(replayed at the later time, and counted)",
				  (unsigned long long)(ev->ts_ns / 1000000000),
				  (unsigned long long)(ev->ts_ns % 1000000000 /
						       1000),
				  (unsigned long long)(r->last_ts / 1000000000),
				  (unsigned long long)(r->last_ts % 1000000000 /
						       1000));
	} else {
		r->last_ts = ev->ts_ns;
	}
	advance_to(r, r->last_ts);
	r->nr_events++;
	if (EVENT("mm_page_alloc"))
		return replay_alloc(r, ev, line);
	if (EVENT("mm_page_free"))
		return read_free(r, ev, line, false);
	if (EVENT("mm_page_free_batched"))
		return read_free(r, ev, line, true);
	count_other(r, ev->name, ev->name_len);
	if (EVENT("mm_page_alloc_extfrag"))
		return read_extfrag(r, ev, line);
	count_compaction(&r->kernel, ev->name, ev->name_len);
	return 0;
#undef EVENT
}

/* --- snapshots beside the trace --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The pagetypeinfo snapshots beside the trace, in name order (their
 * folders are numbered in the order they were taken): DIR/pagetypeinfo
 * and DIR/<sub>/pagetypeinfo.  Returns how many, paths in out[].
 */
static int find_snapshots(const char *trace, char **out, int max)
{
	char *dir = xstrdup(trace), *slash = strrchr(dir, '/');
	char path[4096];
	struct dirent *de;
	struct stat st;
	int n = 0;
	DIR *d;

	if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	d = opendir(dir);
	while (d && (de = readdir(d)) && n < max) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/pagetypeinfo", dir,
			 de->d_name);
		if (!stat(path, &st) && S_ISREG(st.st_mode))
			out[n++] = xstrdup(path);
	}
	if (d)
		closedir(d);
	qsort(out, (size_t)n, sizeof(*out), cmp_str);
	snprintf(path, sizeof(path), "%s/pagetypeinfo", dir);
	if (n < max && !stat(path, &st) && S_ISREG(st.st_mode))
		out[n++] = xstrdup(path);	/* beside the trace: the last */
	free(dir);
	return n;
}

static struct zone *zone_named(struct mm_state *mm, int nid, const char *name)
{
	if (nid < 0 || nid >= mm->layout.nr_node_ids)
		return NULL;
	for (int t = 0; t < MAX_NR_ZONES; t++)
		if (!strcmp(zone_names[t], name))
			return mm_zone(mm, nid, (enum zone_type)t);
	return NULL;
}

/* Free pages on a zone's lists of one migratetype. */
static unsigned long free_of_type(const struct zone *z, enum migratetype mt)
{
	unsigned long pages = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++)
		pages += (unsigned long)z->free_area[o].free_list[mt].nr << o;
	return pages;
}

/*
 * The state at the trace's start, rebuilt from the snapshot taken before
 * it (the trace cannot say what was allocated before it began): per zone,
 * unmovable and reclaimable pages are allocated until the zone has as many
 * pageblocks of their type as the snapshot (each fallback claims whole
 * blocks, as boot-time allocations did) and no more free pages of their
 * type than the snapshot, then movable pages until its free pages are down
 * to the snapshot's.  These blocks are held to the end.  The counters
 * start again from zero after it, as the trace's own do.
 */
static void prefill(struct replay *r, const struct pagetypeinfo_table *t)
{
	static const struct {
		enum migratetype mt;
		enum owner_kind kind;
	} fill[] = {
		{ MIGRATE_UNMOVABLE, OWNER_KERNEL },
		/* in use when the trace began: not for the shrinkers */
		{ MIGRATE_RECLAIMABLE, OWNER_KERNEL },
	};

	for (int i = 0; i < t->nr_rows; i++) {
		struct zone *z = zone_named(r->mm, t->rows[i].nid,
					    t->rows[i].zone);
		unsigned long kfree = 0;

		if (!z || !z->managed_pages)
			continue;
		for (size_t k = 0; k < sizeof(fill) / sizeof(fill[0]); k++) {
			enum migratetype mt = fill[k].mt;

			while (z->nr_pageblock[mt] < t->rows[i].count[mt] ||
			       free_of_type(z, mt) > t->free[i][mt]) {
				if (rmqueue_block(r->mm, z, 0, mt, fill[k].kind,
						  0) == PFN_NONE)
					break;
				r->prefill_pages[mt]++;
			}
		}
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			kfree += t->free[i][mt];
		while (z->nr_free_pages > kfree &&
		       rmqueue_block(r->mm, z, 0, MIGRATE_MOVABLE, OWNER_ANON,
				     0) != PFN_NONE)
			r->prefill_pages[MIGRATE_MOVABLE]++;
	}
}

/* --- the report --- */

static void print_inputs(const struct replay *r, unsigned long nr_skipped)
{
	printf("Events read: %lu (and %lu header or blank lines)\n",
	       r->nr_events + (r->skip_bad ? r->nr_bad : 0), nr_skipped);
	printf("  %-36s %8lu  replayed\n", "mm_page_alloc", r->nr_allocs_input);
	printf("  %-36s %8lu  replayed: %lu freed fragsim's block, "
	       "%lu were parts of a split block,\n"
	       "  %-36s %8s  %lu skipped (allocated before the trace began)\n",
	       "mm_page_free, mm_page_free_batched", r->nr_frees_input,
	       r->nr_frees_input - r->free_before_trace - r->free_partial,
	       r->free_partial, "", "", r->free_before_trace);
	for (int i = 0; i < r->nr_other; i++)
		printf("  %-36s %8lu  read as the kernel's outcome, not "
		       "input\n", r->other[i].name, r->other[i].count);
	if (r->other_overflow)
		printf("  %-36s %8lu  not input\n", "(other events)",
		       r->other_overflow);
	if (r->skip_bad)
		printf("  %-36s %8lu  skipped (--skip-bad)\n", "bad lines",
		       r->nr_bad);
	if (r->free_sim_failed || r->free_sim_dropped)
		printf("  frees with no fragsim block: %lu (fragsim's "
		       "allocation had failed), %lu (reclaimed by fragsim)\n",
		       r->free_sim_failed, r->free_sim_dropped);
	if (r->alloc_kernel_failed_held)
		printf("  allocations the kernel failed and fragsim did not "
		       "(held to the end): %lu\n", r->alloc_kernel_failed_held);
	if (r->alloc_over_held)
		printf("  allocations at a pfn still held (a free the trace "
		       "missed, done first): %lu\n", r->alloc_over_held);
	if (r->out_of_order)
		printf("  events earlier than the event before them (replayed "
		       "at the later time): %lu\n", r->out_of_order);
	if (r->cpu_folded)
		printf("  events on a CPU the machine lacks (CPU mod %d): "
		       "%lu\n", r->mm->nr_cpus, r->cpu_folded);
}

static void print_allocs(const struct replay *r)
{
	char k[32], s[32];

	printf("\nAllocations by order and migratetype (requests; failed "
	       "ones in brackets)\n");
	printf("  %5s  %-12s %16s %16s\n", "order", "migratetype", "kernel",
	       "fragsim");
	for (int o = 0; o < MAX_ORDER; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			if (!r->kernel.alloc[o][mt] && !r->sim.alloc[o][mt])
				continue;
			snprintf(k, sizeof(k), "%lu (%lu)", r->kernel.alloc[o][mt],
				 r->kernel.failed[o][mt]);
			snprintf(s, sizeof(s), "%lu (%lu)", r->sim.alloc[o][mt],
				 r->sim.failed[o][mt]);
			printf("  %5d  %-12s %16s %16s\n", o,
			       migratetype_names[mt], k, s);
		}
}

static void print_row(const char *what, unsigned long k, const char *s)
{
	printf("  %-44s %8lu %8s\n", what, k, s);
}

static void print_outcome(const struct replay *r)
{
	const struct side_stats *k = &r->kernel, *s = &r->sim;
	const struct mm_state *mm = r->mm;
	char b[32];

#define NUM(v) (snprintf(b, sizeof(b), "%lu", (unsigned long)(v)), b)
	printf("\nFallbacks (mm_page_alloc_extfrag)             %8s %8s\n",
	       "kernel", "fragsim");
	print_row("all", k->extfrag, NUM(mm->extfrag.events));
	print_row("fragmenting", k->fragmenting, NUM(mm->extfrag.fragmenting));
	print_row("changed ownership", k->change_ownership,
		  NUM(mm->extfrag.change_ownership));
	printf("\nCompaction                                   %8s %8s\n",
	       "kernel", "fragsim");
	print_row("begins (mm_compaction_begin)", k->compact_begin,
		  NUM(s->compact_begin));
	print_row("ends (mm_compaction_end)", k->compact_end,
		  NUM(s->compact_end));
	print_row("direct (mm_compaction_try_to_compact_pages)",
		  k->try_to_compact, "-");
	print_row("deferred (mm_compaction_deferred)", k->deferred,
		  NUM(s->deferred));
	print_row("deferrals (mm_compaction_defer_compaction)",
		  k->defer_compaction, NUM(s->defer_compaction));
	print_row("resets (mm_compaction_defer_reset)", k->defer_reset,
		  NUM(s->defer_reset));
	printf("  fragsim: compact_stall %lu, compact_success %lu, "
	       "compact_fail %lu, kcompactd wakes %lu (%lu proactive)\n",
	       mm->vm_events[COMPACTSTALL], mm->vm_events[COMPACTSUCCESS],
	       mm->vm_events[COMPACTFAIL], mm->vm_events[KCOMPACTD_WAKE],
	       mm->vm_events[KCOMPACTD_WAKE_PROACTIVE]);
#undef NUM
}

static void print_blocks(struct replay *r, const char *path,
			 const struct pagetypeinfo_table *t)
{
	printf("\nPageblock types at the end (kernel: %s)\n", path);
	printf("  %-22s %-12s %8s %8s %7s\n", "zone", "type", "kernel",
	       "fragsim", "diff");
	for (int i = 0; i < t->nr_rows; i++) {
		struct zone *z = zone_named(r->mm, t->rows[i].nid,
					    t->rows[i].zone);
		unsigned long sim[MIGRATE_TYPES] = { 0 };
		char name[40];

		if (z && z->spanned_pages)
			memcpy(sim, z->nr_pageblock, sizeof(sim));
		snprintf(name, sizeof(name), "Node %d, zone %s", t->rows[i].nid,
			 t->rows[i].zone);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long kc = t->rows[i].count[mt];

			if (!kc && !sim[mt])
				continue;
			printf("  %-22s %-12s %8lu %8lu", name,
			       migratetype_names[mt], kc, sim[mt]);
			if (kc)
				printf(" %+6.1f%%\n", 100.0 *
				       ((double)sim[mt] - (double)kc) /
				       (double)kc);
			else
				printf(" %7s\n", "-");
		}
	}
}

/* --- the command --- */

struct replay_opts {
	struct machine_args machine;
	const char *trace;
	struct ftrace_reader *reader;	/* opened before the boot */
	bool reader_failed;	/* ... and it could not be: reader->err */
	const char *start;	/* a pagetypeinfo, "none", or NULL: auto */
	const char *db;		/* --db: record the replay there */
	const char *boot_cmdline;
	char *command_line;
	bool skip_bad;
	bool check;
};

/*
 * --db: the replay is a run of its own: the trace stands where a workload
 * stands (its path; the text is not copied), with one phase, "replay".
 */
static int begin_record(struct replay *r, const struct replay_opts *o)
{
	static const char *const phases[] = { "replay" };
	const char *model = o->machine.dmesg ? o->machine.dmesg :
					       o->machine.model;
	char *model_text = store_file_text(model);
	struct store_run_info info = {
		.command_line = o->command_line,
		.model_kind = o->machine.dmesg ? "dmesg" : "model",
		.model_path = model, .model_text = model_text,
		.boot_cmdline = o->boot_cmdline,
		.workload_path = o->trace, .workload_name = "replay",
		.workload_text = "", .phase_names = phases, .nr_phases = 1,
		.tick = REPLAY_TICK, .point = -1,
	};
	int ret = -1;

	if (model_text && !store_open_write(&r->store, o->db)) {
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
	record_tick(r, r->now - r->t0);
	if (r->store) {
		store_run_end(r->store, ok ? RUN_COMPLETE : RUN_FAILED, NULL,
			      wall);
		store_close(r->store);
	}
	proc_snapshot_release(&r->ps);
}

static int replay_trace(struct replay *r, const struct replay_opts *o,
			unsigned long *nr_skipped)
{
	struct ftrace_reader *fr = o->reader;
	struct ftrace_event ev;
	enum ftrace_status st;
	int ret = 0;

	if (o->reader_failed) {
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
	*nr_skipped = fr->nr_skipped;
	if (r->skip_bad && r->nr_bad > MAX_REPORTED_BAD)
		diag_warn(DIAG_LOC(r->trace_path, 0), "%lu more bad lines "
			  "skipped", r->nr_bad - MAX_REPORTED_BAD);
	return ret;
}

static int run_replay(const struct replay_opts *o, struct mm_state *mm)
{
	static struct pagetypeinfo_table start, end;
	struct replay *r = xcalloc(1, sizeof(*r));
	char *snaps[64];
	int nr_snaps = find_snapshots(o->trace, snaps, 64), ret = EXIT_OK;
	const char *start_path = o->start;
	unsigned long nr_skipped = 0;
	struct timespec t0, t1;

	r->mm = mm;
	cost_model_defaults(&r->costs);
	r->trace_path = o->trace;
	r->skip_bad = o->skip_bad;
	map_init(&r->map);
	mm->trace = sim_trace;
	mm->trace_ctx = r;
	if (!start_path && nr_snaps > 1)
		start_path = snaps[0];
	if (start_path && strcmp(start_path, "none")) {
		int got = pagetypeinfo_read(start_path, &start);

		if (got == -1)
			diag_error(DIAG_LOC(start_path, 0), "no \"Number of "
				   "blocks type\" table: expected a "
				   "/proc/pagetypeinfo snapshot");
		if (got) {
			ret = EXIT_BAD_INPUT;
			goto out;
		}
		prefill(r, &start);
		memset(&mm->extfrag, 0, sizeof(mm->extfrag));
		memset(mm->vm_events, 0, sizeof(mm->vm_events));
	}
	if (o->db && begin_record(r, o)) {
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (replay_trace(r, o, &nr_skipped)) {
		end_record(r, false, 0);
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	end_record(r, true, (double)(t1.tv_sec - t0.tv_sec) +
		   (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	printf("Replayed %s: %.6f s of trace time\n", o->trace,
	       (double)(r->last_ts - r->t0) / 1e9);
	if (start_path && strcmp(start_path, "none"))
		printf("Start state: built from %s (held: %lu unmovable, %lu "
		       "movable, %lu reclaimable pages)\n", start_path,
		       r->prefill_pages[MIGRATE_UNMOVABLE],
		       r->prefill_pages[MIGRATE_MOVABLE],
		       r->prefill_pages[MIGRATE_RECLAIMABLE]);
	else
		printf("Start state: fresh boot\n");
	print_inputs(r, nr_skipped);
	print_allocs(r);
	print_outcome(r);
	if (nr_snaps && !pagetypeinfo_read(snaps[nr_snaps - 1], &end))
		print_blocks(r, snaps[nr_snaps - 1], &end);
	if (o->check && mm_check_invariants(mm, stderr))
		ret = EXIT_RUN_FAILED;
out:
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		kcompactd_stop(mm, nid);
	mm->trace = NULL;
	for (int i = 0; i < nr_snaps; i++)
		free(snaps[i]);
	for (int i = 0; i < r->nr_gfp; i++)
		free(r->gfp_cache[i].text);
	map_release(&r->map);
	free(r);
	return ret;
}

static int replay_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "dmesg", required_argument, NULL, 'd' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "start", required_argument, NULL, 's' },
		{ "skip-bad", no_argument, NULL, 'b' },
		{ "check", no_argument, NULL, 'k' },
		{ "db", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct replay_opts o = { 0 };
	struct ftrace_reader reader;
	struct printk_log log;
	struct mm_state mm;
	struct machine m;
	int opt, ret;

	/* as given, before getopt_long reorders argv */
	o.command_line = cli_command_line(argc, argv);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'd': o.machine.dmesg = optarg; break;
		case 'c': o.machine.cmdline = optarg; break;
		case 's': o.start = optarg; break;
		case 'b': o.skip_bad = true; break;
		case 'k': o.check = true; break;
		case 'D': o.db = optarg; break;
		case 'h':
			cli_print_usage(stdout, &cmd_replay);
			ret = EXIT_OK;
			goto out;
		default:
			ret = cli_usage_error(&cmd_replay, "unknown option or "
					       "missing value: %s",
					       argv[optind - 1]);
			goto out;
		}
	}
	if (!o.machine.dmesg && optind < argc)
		o.machine.model = argv[optind++];
	if (optind < argc)
		o.trace = argv[optind++];
	if (optind < argc) {
		ret = cli_usage_error(&cmd_replay, "unexpected argument: %s",
				      argv[optind]);
		goto out;
	}
	if (!o.machine.model == !o.machine.dmesg) {
		ret = cli_usage_error(&cmd_replay, "give either a MODEL or "
				      "--dmesg BOOTLOG");
		goto out;
	}
	if (!o.trace) {
		ret = cli_usage_error(&cmd_replay, "give the TRACE to replay");
		goto out;
	}

	/* decompressing starts now, beside the boot (errors wait their turn) */
	o.reader = &reader;
	o.reader_failed = ftrace_open_threaded(&reader, o.trace) != 0;
	if (machine_args_load(&o.machine, &m)) {
		ftrace_close(&reader);
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	o.boot_cmdline = m.cmdline;
	printk_init(&log);
	if (mm_init(&mm, &m, &log)) {
		ret = EXIT_BAD_INPUT;
	} else {
		mm.log = NULL;
		ret = run_replay(&o, &mm);
		mm_release(&mm);
	}
	printk_release(&log);
	machine_release(&m);
	ftrace_close(&reader);
out:
	free(o.command_line);
	return ret;
}

const struct subcommand cmd_replay = {
	.name = "replay",
	.summary = "replay a real kernel's page allocation trace (ftrace)",
	.usage =
	"usage: fragsim replay (MODEL | --dmesg BOOTLOG) [--cmdline STRING]\n"
	"                      [--start PAGETYPEINFO|none] [--skip-bad] "
	"[--check] TRACE\n"
	"\n"
	"Boot the machine and drive it with the page allocations and frees of\n"
	"TRACE, the text of /sys/kernel/tracing/trace (raw or .xz) recorded with\n"
	"kmem:mm_page_alloc, mm_page_free and mm_page_free_batched, in the same\n"
	"order and on the trace's clock (kswapd and kcompactd run between the\n"
	"events).  A free goes to the block fragsim allocated for the kernel's\n"
	"block at that pfn; frees of pages allocated before the trace began are\n"
	"counted and skipped.  mm_page_alloc_extfrag and compaction events are\n"
	"read as the kernel's outcome.  At the end it prints the allocations by\n"
	"order and migratetype, fallbacks and compaction beside the kernel's,\n"
	"and the pageblock-type table beside the last pagetypeinfo snapshot\n"
	"found beside TRACE (DIR/*/pagetypeinfo, by folder name).  See\n"
	"doc/replay.md.\n"
	"\n"
	"Options:\n"
	"  --dmesg BOOTLOG    read the machine from a real boot log\n"
	"  --cmdline STRING   replace the boot command line\n"
	"  --start FILE       rebuild the state at the trace's start from this\n"
	"                     pagetypeinfo (default: the first snapshot beside\n"
	"                     TRACE when there are two or more; none: boot only)\n"
	"  --skip-bad         go on past malformed lines (counted, and the first\n"
	"                     20 reported); without it the first one is an error\n"
	"  --check            recount every frame and free list at the end;\n"
	"                     exit 1 if anything disagrees\n"
	"  --db FILE          record the replay in a result store (a tick every\n"
	"                     100 ms of trace time; the model's tracepoints)\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 done, 1 --check failed, 2 bad usage or a bad trace line.\n",
	.run = replay_main,
};
