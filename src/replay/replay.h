/*
 * replay.h - a real kernel's ftrace driving the model (doc/replay.md): the
 * page allocations and frees of kmem:mm_page_alloc, mm_page_free and
 * mm_page_free_batched made on the booted machine in the trace's order and
 * at its times, kswapd and kcompactd run between them on the trace's
 * clock, the state at the trace's start rebuilt from a pagetypeinfo
 * snapshot taken beside it, and the kernel's outcome (its
 * mm_page_alloc_extfrag and compaction events) counted beside fragsim's.
 * Optionally recorded in a result store as a run of its own.
 */
#ifndef FRAGSIM_REPLAY_REPLAY_H
#define FRAGSIM_REPLAY_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machine/pagetypeinfo.h"
#include "mm/page_alloc.h"
#include "trace/ftrace.h"

struct replay_config {
	const char *trace;	/* the trace's path: messages, snapshots */
	/* the start: a pagetypeinfo, "none" (the boot), or NULL: the first
	 * snapshot beside the trace when there are two or more */
	const char *start;
	/*
	 * When the start snapshot was taken, on the trace's clock, if the
	 * trace began before it (has_start_at): the events before are
	 * replayed on the booted machine and the state is then made the
	 * snapshot's, so that what the snapshot holds is not allocated twice.
	 */
	bool has_start_at;
	uint64_t start_at_ns;
	bool skip_bad;		/* go on past bad lines, counted */
	/* --db: record the replay in this store, and what its run says */
	const char *db;
	/* --trace: the model's tracepoints written here, or NULL */
	FILE *trace_out;
	const char *command_line;
	const char *model_kind;	/* "model" or "dmesg" */
	const char *model_path;
	const char *boot_cmdline;
};

/* What each side did: the kernel's in its trace, fragsim's tracepoints. */
struct replay_side {
	unsigned long alloc[MAX_ORDER][MIGRATE_TYPES];	/* requests */
	unsigned long failed[MAX_ORDER][MIGRATE_TYPES];
	unsigned long extfrag, fragmenting, change_ownership;
	unsigned long compact_begin, compact_end, try_to_compact;
	unsigned long deferred, defer_compaction, defer_reset;
};

/* Events that are not input, counted by name. */
#define REPLAY_MAX_OTHER_EVENTS 64
struct replay_event_count {
	char name[64];
	size_t len;
	unsigned long count;
};

/* The replay's figures, for its report. */
struct replay_figures {
	struct replay_side kernel, sim;
	unsigned long nr_events, nr_bad, nr_allocs_input, nr_frees_input;
	unsigned long nr_skipped;	/* the trace's header and blank lines */
	unsigned long free_before_trace;	/* skipped */
	unsigned long free_partial;	/* parts of a split block */
	unsigned long free_sim_failed;	/* fragsim had no block to free */
	unsigned long free_sim_dropped;	/* fragsim's reclaim took it */
	unsigned long alloc_over_held;	/* a missed free, made up */
	unsigned long out_of_order;	/* events earlier than the last */
	unsigned long alloc_kernel_failed_held;	/* fragsim got it anyway */
	unsigned long cpu_folded;	/* trace CPU >= the machine's */
	struct replay_event_count other[REPLAY_MAX_OTHER_EVENTS];
	int nr_other;
	unsigned long other_overflow;	/* names beyond those */
	/* the trace's time from its first event to its last */
	uint64_t first_ts, last_ts;
	/* the start state's snapshot (NULL: the boot), and the pages of the
	 * blocks held to rebuild it, by migratetype */
	const char *start;
	unsigned long start_held[MIGRATE_PCPTYPES];
	unsigned long events_before_start;	/* with has_start_at */
};

struct replay;

/*
 * A replay of c->trace on the booted mm (its tracepoints are the
 * replay's until replay_free): the snapshots beside the trace are looked
 * for.  c and its strings must outlive the replay.
 */
struct replay *replay_new(struct mm_state *mm, const struct replay_config *c);

/*
 * Before the trace: the state at its start rebuilt from the start
 * snapshot (the counters start again from zero after it, as the trace's
 * own do; with has_start_at the rebuilding waits for that time), and with
 * a db the store opened and the run begun.  0, or -1 (said: a start file
 * with no block table, has_start_at without a start snapshot, or the
 * store).
 */
int replay_begin(struct replay *r);

/*
 * Every event of the trace fr (opened on c->trace; failed: its opening
 * failed, fr->err says why) replayed, and the run recorded as it ends.  0,
 * or -1 at the first bad line without skip_bad, or a broken file (said).
 */
int replay_trace(struct replay *r, struct ftrace_reader *fr, bool failed);

const struct replay_figures *replay_figures(const struct replay *r);

/*
 * The last snapshot beside the trace read into *t, its path in *path, to
 * set the model's pageblocks beside; false if there is none or it cannot
 * be read.
 */
bool replay_end_snapshot(const struct replay *r, const char **path,
			 struct pagetypeinfo_table *t);

/* The replay's end: kcompactd's run stopped, the tracepoints let go. */
void replay_free(struct replay *r);

#endif
