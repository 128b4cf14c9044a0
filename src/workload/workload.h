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
 *                         OOM killer sees it (oom_score_adj)
 *
 * This module only reads and checks; src/sim runs it.
 */
#ifndef FRAGSIM_WORKLOAD_WORKLOAD_H
#define FRAGSIM_WORKLOAD_WORKLOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/gfp.h"
#include "mm/page_alloc.h"
#include "sim/event_queue.h"
#include "util/diag.h"
#include "workload/distribution.h"

enum arrival_kind {
	ARRIVAL_CONSTANT,	/* evenly spaced at the rate */
	ARRIVAL_POISSON,	/* exponential gaps, mean 1/rate */
	ARRIVAL_BURSTS,		/* Poisson bursts of burst_size requests */
};

#define NODE_LOCAL	(-1)	/* the generator's CPU's node */
#define NODE_INTERLEAVE	(-2)	/* round-robin over nodes with memory */

struct generator {
	char *name;
	struct diag_loc loc;	/* its [generator] header */
	int phase;		/* index into workload.phases */
	char *phase_name;	/* as written, resolved by workload_check */
	enum owner_kind kind;
	bool kind_set;
	gfp_t gfp;		/* as given, or derived from kind */
	bool gfp_set;
	enum arrival_kind arrival;
	double rate;		/* requests per second */
	unsigned int burst_size;
	struct distribution order;
	struct distribution lifetime;
	double share;		/* of managed memory to hold at most; 0: none */
	uint64_t share_bytes;	/* or an amount of memory; 0: none */
	int node;		/* a node, NODE_LOCAL or NODE_INTERLEAVE */
	int cpu;		/* the CPU it runs on; -1: spread over all */
	int free_cpu;		/* the CPU its blocks are freed on; -1: cpu */
	bool thp_fallback;	/* thp: fall back to 4 KiB pages on failure */
	bool rate_set, order_set;
	int process;		/* index into workload.processes; -1: none */
	char *process_name;	/* as written, resolved by workload_check */
};

/*
 * A task: the generators naming it hold its memory.  The OOM killer may
 * kill it (mm/oom_kill.h), and its death frees what they hold except page
 * cache, reclaimable slab and hugetlb pages, which outlive a process.
 */
struct process {
	char *name;
	struct diag_loc loc;
	int oom_score_adj;	/* OOM_SCORE_ADJ_MIN .. OOM_SCORE_ADJ_MAX */
};

struct phase {
	char *name;
	struct diag_loc loc;
	sim_time_t duration;		/* 0: no time limit */
	double until_free_below;	/* fraction of managed; <0: none */
	double until_allocated;		/* fraction of free at start; <0 */
	char *until_allocated_of;	/* ... at that phase's start */
	int allocated_base;		/* its index (this one by default) */
	uint64_t until_requests;	/* 0: none */
	uint64_t until_failures;	/* 0: none */
	bool until_shares;		/* every generator with a share full */
};

enum action_kind {
	ACTION_COMPACT_MEMORY,	/* echo 1 > /proc/sys/vm/compact_memory */
	ACTION_DROP_CACHES,	/* echo N > /proc/sys/vm/drop_caches */
	ACTION_SYSCTL,		/* sysctl NAME VALUE */
	ACTION_NR_HUGEPAGES,	/* echo N > /proc/sys/vm/nr_hugepages */
	ACTION_FREE,		/* free a random share of a generator's blocks */
	ACTION_OFFLINE,		/* offline N memory blocks, highest first */
	ACTION_ONLINE,		/* online N offline blocks, lowest first */
};

enum action_when {
	AT_START,
	AT_END,
	AT_TIME,		/* offset into the phase */
};

enum online_as {
	ONLINE_MOVABLE,
	ONLINE_KERNEL,
};

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
	int generator;		/* ACTION_FREE */
	char *generator_name;	/* as written, resolved after reading */
	double fraction;	/* ACTION_FREE */
	enum online_as online_as;
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
	sim_time_t migrate;		/* a page migrated (copy + remap) */
	sim_time_t reclaim_scan;	/* a page looked at by reclaim */
	sim_time_t reclaim;		/* a page reclaimed */
	sim_time_t daemon_wakeup;	/* from wake-up to a daemon's work */
};

struct workload {
	char *path;
	char *text;		/* the file as read, for the record */
	char *name;
	char *description;
	struct cost_model costs;
	struct phase *phases;
	int nr_phases;
	struct generator *generators;
	int nr_generators;
	struct action *actions;
	int nr_actions;
	struct process *processes;	/* in file order: their pids */
	int nr_processes;
};

/* Read and check a workload file; prints every error; 0 on success. */
int workload_load(struct workload *w, const char *path);

/*
 * Apply "--set SECTION.KEY=VALUE" to a loaded workload: SECTION is
 * "workload", "costs" or the name of a phase, generator, action or process.
 * Returns 0, 1 if SECTION names nothing in the workload (the caller may
 * try the machine), or -1 after printing an error.
 */
int workload_set(struct workload *w, const char *assignment);

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

static inline bool generator_has_share(const struct generator *g)
{
	return g->share > 0 || g->share_bytes;
}

#endif
