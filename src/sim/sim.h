/*
 * sim.h - the discrete-event engine: runs a workload on a booted machine
 * over simulated time.
 *
 * Events (event_queue.h) are request arrivals, frees at the end of a
 * lifetime, phase ends, timed actions, metrics ticks and the steps of the
 * kernel's daemons.  Every random draw comes from a per-consumer stream
 * (rng.h), so a run is fixed by its machine, workload, --set values and
 * seed.  What a run produces leaves through struct sim_observer: the
 * command line prints it, the result store records it.
 */
#ifndef FRAGSIM_SIM_SIM_H
#define FRAGSIM_SIM_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "mm/compaction.h"
#include "mm/hugetlb.h"
#include "mm/oom_kill.h"
#include "mm/page_alloc.h"
#include "sim/daemons.h"
#include "sim/event_queue.h"
#include "sim/slots.h"
#include "sim/latency.h"
#include "workload/workload.h"

struct sim;

struct sim_params {
	uint64_t seed;
	sim_time_t tick;	/* metrics interval; 0: only at phase ends */
	bool check;		/* recount the whole state at every phase end */
	bool stop_early;	/* end the run when phase stop_after ends */
	int stop_after;
	sim_time_t max_time;	/* the run stops there; 0: SIM_MAX_TIME */
};

/* --max-sim-time's default: a day, which no shipped workload reaches */
#define SIM_MAX_TIME	(24 * 3600 * NSEC_PER_SEC)

/* What a run reports, as it happens.  Any callback may be NULL. */
struct sim_observer {
	void *ctx;
	/* every tick, at every phase end and once at the end */
	void (*tick)(void *ctx, const struct sim *sim);
	/* a phase begins; one ends (after the tick taken at its end) */
	void (*phase_begin)(void *ctx, const struct sim *sim, int phase);
	void (*phase_end)(void *ctx, const struct sim *sim, int phase);
	/* an action's turn has come: its result follows when it is done */
	void (*action_start)(void *ctx, const struct sim *sim,
			     const struct action *a);
	/* the first request of an order that failed */
	void (*first_failure)(void *ctx, const struct sim *sim,
			      unsigned int order);
	/* an action was done; result is one line saying what came of it */
	void (*action)(void *ctx, const struct sim *sim,
		       const struct action *a, const char *result);
	/* every few thousand events: return false to stop the run */
	bool (*progress)(void *ctx, const struct sim *sim);
	/* every allocation and free the engine asks of the allocator, with
	 * its outcome (pfn PFN_NONE: failed), so it can be replayed */
	void (*alloc)(void *ctx, gfp_t gfp, unsigned int order, int nid,
		      int cpu, enum owner_kind kind, unsigned long pfn);
	void (*free)(void *ctx, unsigned long pfn, int cpu);
	/* a daemon step ran: type is SIM_DAEMON_* */
	void (*daemon)(void *ctx, int type, int nid);
	/* action a tried to offline memory block nr of zone (NULL: it
	 * spans zones), with the result (0 or -errno) */
	void (*offline)(void *ctx, const struct sim *sim,
			const struct action *a, unsigned long nr,
			const struct zone *zone, int err);
};

enum {
	SIM_DAEMON_KSWAPD,		/* kswapd_step */
	SIM_DAEMON_KCOMPACTD,		/* kcompactd_step */
	SIM_DAEMON_KCOMPACTD_TIMER,	/* kcompactd_timer */
};

/* One nr_hugepages action's outcome. */
struct hugepage_result {
	sim_time_t time;
	unsigned long requested, obtained;
	unsigned long free_before;	/* NR_FREE_PAGES before the write */
};

/* One memory block an offline action tried. */
struct offline_attempt {
	sim_time_t time;
	int action;			/* index into workload.actions */
	unsigned long block;		/* memoryN */
	int nid, zone;			/* the zone it was in */
	int err;			/* 0 offlined, or -errno */
};

/* A task the OOM killer killed. */
struct oom_kill_result {
	sim_time_t time;
	int process;			/* index into workload.processes */
	unsigned long pages_freed;	/* by its death */
};

struct sim_stats {
	unsigned long requests[NR_OWNER_KINDS][MAX_ORDER];
	unsigned long failures[NR_OWNER_KINDS][MAX_ORDER];
	unsigned long throttled;	/* skipped: the generator's share held */
	unsigned long thp_fallbacks;	/* THP requests served by 4 KiB pages */
	unsigned long frees;
	unsigned long pin_migrations;	/* pinned pages moved out of Movable */
	uint64_t events;
	/* every request's latency, by owner kind (latency_merge for all) */
	struct latency_hist latency_by_kind[NR_OWNER_KINDS];
	/* those of the requests that waited in direct compaction or
	 * reclaim (did work there), by owner kind */
	struct latency_hist stalled_by_kind[NR_OWNER_KINDS];
	struct hugepage_result *hugepages;
	int nr_hugepage_results;
	struct oom_kill_result *oom_kills;
	int nr_oom_kills;
	struct offline_attempt *offline;
	int nr_offline;
};

/* What a request draws: its block's order and lifetime. */
struct request_draws {
	unsigned int order;
	sim_time_t lifetime;		/* if finite */
};

/*
 * A generator's state during the run, with what sim_init derives once from
 * the generator (finite, share_limit) instead of every request.
 */
struct gen_state {
	gsl_rng *rng;
	double mean_gap;		/* ns between arrivals (or bursts) */
	unsigned long share_limit;	/* pages it may hold; ULONG_MAX: any */
	bool finite;			/* its blocks get a free event */
	/* single arrivals: the next request's draws and gap, made ahead */
	struct request_draws ahead;
	sim_time_t ahead_gap;
	/* the record indices of the blocks it holds; each is live (every
	 * free path takes its block off), so its gen is the record's own */
	uint32_t *live;
	size_t nr_live, live_cap;
	/* reuse = lowest: the place of each live block (slots.h); else NULL */
	struct gen_slots *slots;
	unsigned long live_pages;
	unsigned long requests, failures;
	bool share_reached;		/* its last request found it full */
	int next_cpu, next_node;
	/* its process's counters its blocks count in (anon rss, page
	 * tables), or NULL */
	unsigned long *rss, *pgtables;
	bool killed;			/* its process was killed or exited */
	bool finished;			/* its until held in this phase */
	bool ahead_valid;		/* ahead holds undrawn-on draws */
	/* continuous: when its next arrival is due, whichever phase runs
	 * then (SIM_TIME_NEVER: none yet) */
	sim_time_t next_arrival;
	/* in the running phase: for GEN.requests etc. */
	unsigned long phase_requests, phase_failures, phase_allocated;
	/* objects (generator_has_objects): live ones in creation order */
	struct sim_object *objs;
	size_t nr_objs, objs_cap;
	struct block_ref *parts;	/* their blocks, objs[i].first on */
	size_t nr_parts, parts_cap;
};

/* An object of several blocks, freed together. */
struct sim_object {
	uint32_t first;			/* its first block in parts */
	uint32_t nr;			/* blocks */
	uint64_t iteration;		/* the iteration that made it */
};

/*
 * free ... over DURATION (or at RATE): the blocks an action picked, freed
 * a batch at a time (SPREAD_STEP apart), in the order it picked them, as a
 * program's MADV_DONTNEED loop goes through its array.  A block freed
 * otherwise in the meantime (an OOM kill) is passed over: its generation
 * moved on.  A phase with no end of its own waits for those it began.
 */
struct spread_free {
	struct block_ref *refs;
	size_t nr, done;
	unsigned int batches, batch;	/* batch: the next one */
	uint32_t seq;			/* its events', told from earlier */
	uint32_t phase_seq;		/* the phase it began in */
	sim_time_t start, over;
	int cpu;			/* the frees' CPU, or -1: spread */
};

/*
 * A kernel operation an action started: a write to a /proc or /sys file
 * (nr_hugepages, compact_memory, drop_caches, a memory block's state).
 * It runs step by step on the writer's CPU, each step taking the cost of
 * its work, while the daemons and the generators go on; operations run one
 * after another, as the shell that writes them waits for each.
 */
struct kernel_op {
	int action;			/* index into workload.actions; -1 */
	int cpu;			/* the writer's CPU (the action's) */
	sim_time_t start;
	unsigned long free_before;	/* NR_FREE_PAGES when it started */
	struct hugetlb_resize resize;	/* nr_hugepages */
	struct compact_control cc;	/* compact_memory: the zone's run */
	bool zone_active;
	int nid, zone;			/* compact_memory: the zone next */
	unsigned long scanned, migrated;	/* compact_memory, so far */
	unsigned long block;		/* offline/online: the next block */
	unsigned long done, failed;
	long stopped_at;		/* the block a while guard refused */
	bool started;			/* its first step has run */
	bool done_at_event;		/* its last step has run: report it
					 * at the next EV_KOP */
};

/* The task an event runs as, for the tracepoints' task and CPU fields. */
enum sim_task {
	SIM_TASK_NONE,		/* the engine's own bookkeeping */
	SIM_TASK_GENERATOR,	/* a generator's request: its process */
	SIM_TASK_WRITER,	/* a kernel operation's writer: the action */
	SIM_TASK_KSWAPD,	/* kswapdN */
	SIM_TASK_KCOMPACTD,	/* kcompactdN */
};

enum sim_status {
	SIM_COMPLETE,
	SIM_INTERRUPTED,
	SIM_STALLED,		/* a phase could no longer end */
	SIM_TIME_LIMIT,		/* simulated time reached params.max_time */
};

struct sim {
	struct mm_state *mm;
	const struct workload *w;
	struct sim_params params;
	struct sim_observer obs;
	struct event_queue q;
	sim_time_t now;
	/* the phase running; w->nr_phases once the last has ended */
	int phase;
	uint32_t phase_seq;		/* phases begun: tags their events */
	uint64_t *iteration;		/* per repeat, from 1 while in it */
	double *vars;			/* values captured by let */
	/* events that can change the state (not ticks or timers) */
	unsigned long nr_pending;
	sim_time_t phase_start;
	unsigned long phase_start_free;
	unsigned long *start_free;	/* free pages as each phase began */
	unsigned long phase_requests, phase_failures, phase_allocated;
	/* generators of the phase with a share, and how many have reached
	 * it (until_shares) */
	int phase_sharers, phase_shares_reached;
	unsigned long total_managed;	/* managed pages at the start */
	struct gen_state *gens;
	struct hstate hstate;
	/* which daemons' next steps are in the queue */
	struct daemons daemons;
	uint32_t kcompactd_wait[MAX_NUMNODES];	/* waits begun: tags timers */
	gsl_rng *action_rng;
	gsl_rng *phase_rng;		/* drawn phase durations */
	uint64_t *lcg;			/* each process's own LCG (lcg =) */
	/* the workload's processes, as the OOM killer sees them */
	struct oom_tasks oom;
	int current_cpu;		/* of the request being served */
	/* who runs the event being handled: the task and CPU fields of
	 * --trace's lines (sim_task_name, sim_task_cpu) */
	enum sim_task task;
	int task_id;			/* its generator, action or node */
	/*
	 * The event being handled is still the queue's first: the handler
	 * may replace it with its successor (sim.c: reschedule).
	 */
	bool handling_top;
	/*
	 * The latest requests' latencies, not yet in stats: per kind, a run
	 * of count equal values (most requests cost the same).  Every
	 * observer that is handed the sim sees them added.
	 */
	struct {
		uint64_t ns, count;
	} latency_run[NR_OWNER_KINDS];
	/* the running phase's end conditions, derived as it begins */
	struct {
		unsigned long requests, failures;	/* ULONG_MAX: none */
		bool allocated, free_below, shares;
		double allocated_pages, free_pages;	/* their thresholds */
		const struct condition *cond;		/* until = EXPR */
	} until;
	/* the phase may have ended or stalled: look before the next event */
	bool recheck;
	uint64_t iteration_seq;		/* iterations begun, of any repeat */
	struct sim_stats stats;
	bool order_failed[MAX_ORDER];	/* a request of the order failed */
	struct spread_free *spreads;	/* per action (free ... over) */
	unsigned int nr_spreading;	/* of them, those not done */
	uint32_t spread_seq;
	struct kernel_op kop;		/* the running kernel operation */
	int *kop_queue;			/* actions waiting for it, in order */
	size_t kop_head, kop_nr, kop_cap;
	/* the last phase has ended; the writes in progress go on */
	bool draining, kop_ran_after_end;
	bool stop;
	enum sim_status status;		/* why it stopped, if it did early */
	char stop_reason[256];
	int check_failures;		/* invariant checks that failed */
};

/* An offline attempt's result: "offlined", or the error ("EBUSY", ...) */
const char *offline_result_name(int err);

/* "complete", "interrupted", "stalled" or "time_limit" */
const char *sim_status_name(enum sim_status status);

/* Prepare a run of w on the booted mm. */
void sim_init(struct sim *s, struct mm_state *mm, const struct workload *w,
	      const struct sim_params *params, const struct sim_observer *obs);

/* Run until the last phase ends, or the observer stops it. */
enum sim_status sim_run(struct sim *s);

void sim_release(struct sim *s);

/* Free memory now: the zones' NR_FREE_PAGES, summed. */
unsigned long sim_free_pages(const struct sim *s);

/* The value of a quantity of the workload language, now. */
double sim_quantity(const struct sim *s, const struct quantity *q);

/* The value of a condition's expression, now. */
double sim_eval(const struct sim *s, const struct condition *c);

/*
 * Generator g's blocks in the order of their places (a generator with
 * reuse = lowest: frag's array as /proc/self/pagemap reads it), fn called
 * with each place and the block's first pfn.  Returns false, calling
 * nothing, for a generator without places.
 */
bool sim_for_each_place(struct sim *s, int g,
			void (*fn)(void *ctx, uint32_t place, unsigned long pfn),
			void *ctx);

/*
 * The name the event being handled runs as, as ftrace's task field shows
 * it: the process of a generator's request (else the generator), the
 * action of a kernel operation, kswapdN, kcompactdN, or "fragsim".
 */
const char *sim_task_name(const struct sim *s, char *buf, size_t len);

/* The CPU it runs on: the request's or the writer's, the one a daemon's
 * last step ran on (daemon_cpu; a node's first before any), else 0. */
int sim_task_cpu(const struct sim *s);

#endif
