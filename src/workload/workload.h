/*
 * workload.h - a workload: what the simulated machine's users do, read
 * from workloads/NAME.ini (doc/workloads.md is the reference).
 *
 *   [workload]            name, description, cpus_used
 *   [costs]               the simulated cost of each kind of work
 *   [phase NAME]          one after another, in file order; each ends after
 *                         a duration or when a condition holds
 *   [generator NAME]      a stream of allocation requests inside a phase
 *   [action NAME]         something done once, at a phase's start or end or
 *                         at a time into it (compact, drop caches, set a
 *                         sysctl, resize the hugetlb pool, free, (un)plug)
 *   [process NAME]        a task whose memory its generators hold, as the
 *                         OOM killer sees it (oom_score_adj), and the
 *                         random source its frees draw from (lcg)
 *
 * This module only reads and checks; src/sim runs it.
 */
#ifndef FRAGSIM_WORKLOAD_WORKLOAD_H
#define FRAGSIM_WORKLOAD_WORKLOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/gfp.h"
#include "mm/page_alloc.h"
#include "util/diag.h"
#include "util/time.h"
#include "workload/distribution.h"
#include "workload/expr.h"

enum arrival_kind {
	ARRIVAL_CONSTANT,	/* evenly spaced at the rate */
	ARRIVAL_POISSON,	/* exponential gaps, mean 1/rate */
	ARRIVAL_BURSTS,		/* Poisson bursts of burst_size requests */
};

#define NODE_LOCAL	(-1)	/* the generator's CPU's node */
#define NODE_INTERLEAVE	(-2)	/* round-robin over nodes with memory */

/* How a THP fault that got no huge page is served. */
enum thp_fallback {
	THP_FALLBACK_NONE,	/* not at all: the request fails */
	THP_FALLBACK_PAGE,	/* one 4 KiB page, as handle_pte_fault maps */
	THP_FALLBACK_RANGE,	/* the whole range, as 2^order touches would */
};

/*
 * What a name in an expression stands for (workload_check resolves it).
 * Memory quantities are in pages.
 */
enum quantity_kind {
	Q_MEMFREE,		/* NR_FREE_PAGES of nid's zones (-1: all) */
	Q_MEMTOTAL,		/* managed pages of nid (-1: all) */
	Q_ZONE_FREE,		/* NR_FREE_PAGES of zone type in nid (-1) */
	Q_VMSTAT,		/* vm event counter index */
	Q_GEN_PAGES,		/* pages generator index holds */
	Q_GEN_OBJECTS,		/* objects it holds */
	Q_GEN_ALLOCATED,	/* pages it allocated in the running phase */
	Q_GEN_REQUESTS,		/* its requests in the running phase */
	Q_GEN_FAILURES,		/* its failed requests in the phase */
	Q_PROC_PAGES,		/* process index's rss and page tables */
	Q_PROC_ALIVE,		/* 1 until it exits or is killed */
	Q_FILE_PAGES,		/* pages file index's generators hold */
	Q_PHASE_REQUESTS,	/* the running phase's requests */
	Q_PHASE_FAILURES,
	Q_PHASE_ALLOCATED,	/* pages */
	Q_ITERATION,		/* of the innermost repeat, from 1; 0 out */
	Q_BUSY,			/* kernel operations running or waiting */
	Q_VAR,			/* a value captured by let: index */
};

struct quantity {
	enum quantity_kind kind;
	int index;		/* generator, process, counter or let */
	int nid;		/* -1: every node */
	int zone;		/* Q_ZONE_FREE: zone type */
};

/* An expression with what each of its names stands for. */
struct condition {
	struct expr e;
	struct quantity *q;	/* one per e.names */
	struct diag_loc loc;
	const char *key;	/* the key it was given as, for messages */
};

/*
 * let NAME = EXPR, in order: a phase's are captured as it begins, a
 * generator's before each of its requests.
 */
struct let_list {
	int *vars;			/* indices into workload.vars */
	struct condition **values;
	int nr;
};

struct generator {
	char *name;
	struct diag_loc loc;	/* its [generator] header */
	int phase;		/* the first phase it runs in */
	int *phases;		/* every phase it runs in, ascending */
	int nr_phases;
	char *phase_name;	/* as written, resolved by workload_check */
	enum owner_kind kind;
	bool kind_set;
	gfp_t gfp;		/* as given, or derived from kind */
	bool gfp_set;
	enum arrival_kind arrival;
	double rate;		/* requests per second (its first phase's) */
	/* rate = R1, R2, ...: one per phase of phase =, as written, and
	 * (workload_check) the same aligned with phases[] */
	double *rates, *phase_rates;
	int nr_rates;
	unsigned int burst_size;
	struct distribution order;
	struct distribution lifetime;
	double share;		/* of managed memory to hold at most; 0: none */
	uint64_t share_bytes;	/* or an amount of memory; 0: none */
	int node;		/* a node, NODE_LOCAL or NODE_INTERLEAVE */
	int cpu;		/* the CPU it runs on; -1: spread over all */
	bool cpu_set;		/* cpu = given (else its process's) */
	int free_cpu;		/* the CPU its blocks are freed on; -1: cpu */
	bool reuse_lowest;	/* reuse = lowest: an array refilled in index
				 * order (sim/slots.h) */
	bool continuous;	/* continuous = yes: one pace through its
				 * phases, not restarted as each begins */
	enum thp_fallback thp_fallback;	/* thp: served how on failure */
	bool rate_set, order_set;
	int process;		/* index into workload.processes; -1: none */
	char *process_name;	/* as written, resolved by workload_check */
	int file;		/* index into workload.files; -1: none */
	char *file_name;	/* file = NAME: memory that outlives processes */
	/* an object is pages blocks of order, and a page-table page first
	 * if with_pagetable; its blocks are freed together */
	unsigned int pages;
	bool with_pagetable;
	struct condition *until;	/* after a request: stops it for the
					 * phase; or NULL */
	struct condition *while_cond;	/* before a request: stops it for the
					 * phase unless it holds; or NULL */
	struct let_list lets;		/* captured before each request */
};

/* A generator allocates objects, not single blocks. */
static inline bool generator_has_objects(const struct generator *g)
{
	return g->pages > 1 || g->with_pagetable;
}

/*
 * A task: the generators naming it hold its memory.  The OOM killer may
 * kill it (mm/oom_kill.h), and its death frees what they hold except page
 * cache, reclaimable slab and hugetlb pages, which outlive a process.
 */
struct process {
	char *name;
	struct diag_loc loc;
	int oom_score_adj;	/* OOM_SCORE_ADJ_MIN .. OOM_SCORE_ADJ_MAX */
	int cpu;		/* its generators' CPU unless they say; -1 */
	/*
	 * lcg: the program draws its frees from a 64-bit LCG of its own
	 * (frag.c's rnd(): state = state * 6364136223846793005 +
	 * 1442695040888963407, a draw its top 31 bits), one draw per block
	 * or object its free loops look at, in their order; this is the
	 * state it starts from.  has_lcg false: the run's random frees.
	 */
	bool has_lcg;
	uint64_t lcg_seed;
};

struct phase {
	char *name;
	struct diag_loc loc;
	sim_time_t duration;		/* 0: no time limit; or the least */
	sim_time_t duration_max;	/* 0: duration; or drawn uniformly
					 * in [duration, duration_max) each
					 * time the phase begins */
	double until_free_below;	/* fraction of managed; <0: none */
	double until_allocated;		/* fraction of free at start; <0 */
	char *until_allocated_of;	/* ... at that phase's start */
	int allocated_base;		/* its index (this one by default) */
	uint64_t until_requests;	/* 0: none */
	uint64_t until_failures;	/* 0: none */
	bool until_shares;		/* every generator with a share full */
	struct condition *until;	/* until = EXPR; or NULL */
	struct let_list lets;		/* captured as it begins */
	int repeat;			/* the [repeat] it is in, or -1 */
};

/* A sequence of consecutive phases run times over. */
struct repeat {
	char *name;
	struct diag_loc loc;
	char *phase_names;	/* as written: "first, ..., last" */
	int first, last;	/* phase indices */
	uint64_t times;
};

enum action_kind {
	ACTION_COMPACT_MEMORY,	/* echo 1 > /proc/sys/vm/compact_memory */
	ACTION_DROP_CACHES,	/* echo N > /proc/sys/vm/drop_caches */
	ACTION_SYSCTL,		/* sysctl NAME VALUE */
	ACTION_NR_HUGEPAGES,	/* echo N > /proc/sys/vm/nr_hugepages */
	ACTION_FREE,		/* free a share of a generator's or a process's
				 * blocks, or close a share of its objects */
	ACTION_EXIT,		/* a process exits */
	ACTION_OFFLINE,		/* offline N memory blocks, highest first */
	ACTION_ONLINE,		/* online N offline blocks, lowest first */
};

/*
 * A write the kernel works at on the writer's CPU (sim.h: struct
 * kernel_op), taking simulated time; the other actions take none.
 */
static inline bool action_is_kernel_op(enum action_kind kind)
{
	return kind == ACTION_COMPACT_MEMORY || kind == ACTION_DROP_CACHES ||
	       kind == ACTION_NR_HUGEPAGES || kind == ACTION_OFFLINE ||
	       kind == ACTION_ONLINE;
}

enum action_when {
	AT_START,
	AT_END,
	AT_TIME,		/* offset into the phase */
};

enum online_as {
	ONLINE_MOVABLE,
	ONLINE_KERNEL,
};

/* The order the blocks an action frees go in. */
enum free_order {
	FREE_ALLOCATION,	/* the order they were allocated in */
	FREE_RANDOM,
	FREE_ADDRESS,		/* lowest pfn first */
};

/* free ... from: what is freed */
enum free_target {
	FREE_GENERATOR,
	FREE_PROCESS,
	FREE_FILE,		/* the generators of a file = NAME */
};

#define OFFLINE_ALL	UINT64_MAX	/* offline all */

struct action {
	char *name;
	struct diag_loc loc;
	int phase;
	char *phase_name;
	enum action_when when;
	sim_time_t offset;
	enum action_kind kind;
	bool kind_set;
	uint64_t count;		/* drop_caches mode, hugepages, blocks */
	char *sysctl_name, *sysctl_value;
	int generator;		/* ACTION_FREE of a generator */
	char *generator_name;	/* the target as written, resolved later */
	enum free_target target;
	int process;		/* ACTION_FREE of a process, ACTION_EXIT */
	int file;		/* ACTION_FREE of a file */
	double fraction;	/* ACTION_FREE */
	enum free_order free_order;
	bool earlier;		/* only objects of earlier iterations */
	sim_time_t over;	/* free ... over DURATION: spread; 0 at once */
	double over_rate;	/* free ... at RATE: spread, blocks a second */
	enum online_as online_as;
	int cpu;		/* a kernel operation's: the writer's CPU */
	bool cpu_set;
	struct condition *if_cond;	/* done only if it holds */
	struct condition *while_cond;	/* offline/online: checked before
					 * each block */
	/* free's share or nr_hugepages' N as "(EXPRESSION)": evaluated
	 * when the action runs, in place of fraction or count */
	struct condition *amount;
};

/*
 * The simulated cost of the work behind an allocation, in ns: what a
 * request's latency is made of, and how long daemon steps take.  See
 * doc/workloads.md for where the defaults come from.
 */
struct cost_model {
	sim_time_t alloc;		/* a request served from the lists */
	sim_time_t compact_scan;	/* a page looked at by a scanner */
	sim_time_t compact_isolate;	/* a page isolated */
	/* a free-list entry the fast search looked at (unset: compact_scan) */
	sim_time_t compact_freelist_scan;
	sim_time_t migrate;		/* a page migrated (copy + remap) */
	sim_time_t tlb_shootdown;	/* its TLB flush on another CPU (IPI) */
	sim_time_t init_on_alloc;	/* a page a kernel operation zeroes */
	sim_time_t reclaim_scan;	/* a page looked at by reclaim */
	sim_time_t reclaim;		/* a page reclaimed */
	sim_time_t daemon_wakeup;	/* from wake-up to a daemon's work */
};

/* The defaults of doc/workloads.md's [costs] table (a workload's own
 * [costs] section overrides them; the replay uses them as they are). */
void cost_model_defaults(struct cost_model *c);

struct workload {
	char *path;
	char *text;		/* the file as read, for the record */
	char *name;
	char *description;
	struct cost_model costs;
	bool freelist_scan_set;	/* else workload_check gives it compact_scan */
	struct phase *phases;
	int nr_phases;
	struct generator *generators;
	int nr_generators;
	struct action *actions;
	int nr_actions;
	struct process *processes;	/* in file order: their pids */
	int nr_processes;
	struct repeat *repeats;
	int nr_repeats;
	char **vars;			/* let names, in order of appearance */
	int nr_vars;
	/* the files generators name (file = NAME), in order of appearance:
	 * memory no process holds, freed only by free NAME */
	char **files;
	int nr_files;
};

/* Read and check a workload file; prints every error; 0 on success. */
int workload_load(struct workload *w, const char *path);

/*
 * Apply "--set SECTION.KEY=VALUE" to a loaded workload (errors named as
 * coming from origin: "--set", or "--vary" for a sweep's value): SECTION is
 * "workload", "costs" or the name of a phase, generator, action or process.
 * Returns 0, 1 if SECTION names nothing in the workload (the caller may
 * try the machine), or -1 after printing an error.
 */
int workload_set(struct workload *w, const char *assignment,
		 const char *origin);

/* Check the whole workload after reading and --set; 0 if runnable. */
int workload_check(struct workload *w);

void workload_release(struct workload *w);

/* The owner kind called name ("anon", "thp", ...), or -1. */
int owner_kind_parse(const char *name);

/* The gfp flags the kernel uses for a kind's allocations. */
gfp_t owner_kind_gfp(enum owner_kind kind);

/*
 * The most pages generator g holds (its share = of managed_pages, or the
 * amount it names), or 0 if it has no share.
 */
static inline unsigned long generator_share_pages(const struct generator *g,
						  unsigned long managed_pages)
{
	if (g->share_bytes)
		return (unsigned long)(g->share_bytes >> PAGE_SHIFT);
	return (unsigned long)(g->share * (double)managed_pages);
}

/* Does generator g run in phase p? */
static inline bool generator_runs_in(const struct generator *g, int p)
{
	for (int i = 0; i < g->nr_phases; i++)
		if (g->phases[i] == p)
			return true;
	return false;
}

/* Generator g's requests per second in phase p, one of its phases. */
static inline double generator_rate_in(const struct generator *g, int p)
{
	if (g->phase_rates)
		for (int i = 0; i < g->nr_phases; i++)
			if (g->phases[i] == p)
				return g->phase_rates[i];
	return g->rate;
}

static inline bool generator_has_share(const struct generator *g)
{
	return g->share > 0 || g->share_bytes;
}

#endif
