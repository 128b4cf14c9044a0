/*
 * store.h - the result store: runs recorded in an SQLite database (one
 * database, many runs), and read back.  doc/schema.md documents the tables
 * and views; STORE_SCHEMA_VERSION is the database's PRAGMA user_version,
 * and a database of another version is refused, never altered.
 *
 * Writing: store_open_write, store_run_begin (the run row, committed as
 * "running" before anything else), then ticks, maps, actions and
 * tracepoints in batched transactions, and store_run_end (the per-run
 * figures and the final status, last).  A run killed at any moment leaves
 * a consistent database (WAL) in which that run is still "running".
 *
 * Every function reports its own errors on stderr, naming the database.
 */
#ifndef FRAGSIM_STORE_STORE_H
#define FRAGSIM_STORE_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "proc/snapshot.h"
#include "util/time.h"

#define STORE_SCHEMA_VERSION	3

struct store;

enum run_status {
	RUN_RUNNING,
	RUN_COMPLETE,
	RUN_INTERRUPTED,
	RUN_FAILED,
	RUN_STALLED,		/* a phase could no longer end */
	RUN_TIME_LIMIT,		/* the simulated time limit stopped it */
	NR_RUN_STATUS
};

/* Did the run end by itself, with a result (complete, stalled, limit)? */
static inline bool run_status_finished(int status)
{
	return status == RUN_COMPLETE || status == RUN_STALLED ||
	       status == RUN_TIME_LIMIT;
}

/* runs.status as stored */
extern const char *const run_status_names[];

/* What store_open* returns besides 0. */
enum {
	STORE_ERR = -1,		/* cannot open, not a database, I/O */
	STORE_ERR_VERSION = -2,	/* a database of another schema version */
};

/* Open (creating it and its schema if new) path for writing runs. */
int store_open_write(struct store **st, const char *path);

/* Open an existing database for reading. */
int store_open_read(struct store **st, const char *path);

/* Commit what is pending and close; 0, or -1 if the commit failed. */
int store_close(struct store *st);

/* A file's whole text, for the runs row (free() it); NULL if unreadable
 * (reported). */
char *store_file_text(const char *path);

/* The provenance of a run: everything needed to repeat it. */
struct store_run_info {
	const char *command_line;
	const char *model_kind;		/* "model" or "dmesg" */
	const char *model_path;
	const char *model_text;		/* the file's text as read */
	const char *boot_cmdline;	/* the command line booted */
	const char *workload_path;
	const char *workload_name;
	const char *workload_text;
	const char *const *sets;	/* the --set arguments, in order */
	int nr_sets;
	const char *const *phase_names;
	int nr_phases;
	uint64_t seed;
	sim_time_t tick, map_interval;
	const char *sweep_id;		/* the sweep it belongs to, or NULL */
	int64_t point;			/* its point in the sweep; -1: none */
};

/*
 * Record a new run of the machine ps describes (its zones and CPUs) and
 * commit it as "running"; later calls write to this run.  Returns the
 * run's id, or -1.
 */
int64_t store_run_begin(struct store *st, const struct store_run_info *info,
			const struct proc_snapshot *ps);

/* Record a tick: the snapshot with its time and phase (ps->t). */
int store_tick(struct store *st, const struct proc_snapshot *ps);

/* Record zone z's pageblock map (zone_pageblock_map) at the last tick. */
int store_map(struct store *st, int zone, unsigned long start_pfn,
	      const uint8_t *map, size_t n);

int store_action(struct store *st, sim_time_t time, int phase,
		 const char *name, const char *result);
int store_trace(struct store *st, sim_time_t time, const char *event,
		const char *text);
/* A moment of the run (a phase's start or end, an action's start, an
 * order's first failure) and the tick that holds the state then. */
int store_moment(struct store *st, sim_time_t time, const char *kind,
		 const char *name, int64_t tick);
/* A line of the simulated kernel's log, printed at time (0: boot). */
int store_message(struct store *st, sim_time_t time, const char *text);

struct sim;

/* The run's figures (may be NULL) and its final status; committed. */
int store_run_end(struct store *st, enum run_status status,
		  const struct sim *s, double wall_seconds);

/* --- reading --- */

/*
 * Resolve *run (0: the last run) and *tick (-1: its last tick) to ones
 * the database holds; prints what is missing and returns -1 if not.
 */
int store_find_tick(struct store *st, int64_t *run, int64_t *tick);

/* Read a stored tick into ps (allocated here; proc_snapshot_release). */
int store_read_tick(struct store *st, int64_t run, int64_t tick,
		    struct proc_snapshot *ps);

/*
 * Write a table or view as TSV with a header line; only run's rows if
 * run > 0 and the table has a run_id column.  -1 if there is no such
 * table (the message lists those there are).
 */
int store_export(struct store *st, const char *table, int64_t run, FILE *out);

/* The export name of the pageblock maps as one row per pageblock. */
#define STORE_MAP_CELLS	"pageblock_map_cells"

/* The status of a run, or -1 if there is no such run. */
int store_run_status(struct store *st, int64_t run);

/* --- series for the plots (series.c) --- */

/*
 * Each writes one TSV in the columns analysis/'s scripts read (their
 * headers say which): time in simulated seconds, memory in MiB, indices
 * as the kernel's values / 1000.  0, or -1 (reported).
 */

/* A zone of a run that has free lists stored at some tick. */
struct store_plot_zone {
	int zone_id;
	int nid;
	char name[16];
};

/* The run's populated zones (free() *zones); their number, or -1. */
int store_plot_zones(struct store *st, int64_t run,
		     struct store_plot_zone **zones);

/* "run N: workload W on MODEL, seed S, k=v ..." (free() it); NULL if
 * there is no such run (reported). */
char *store_run_title(struct store *st, int64_t run);

/* The run's phases as "START NAME START NAME ...": each reached phase's
 * start in simulated seconds and its name, blanks in it made '_' (free()
 * it); NULL on error (reported). */
char *store_run_phases(struct store *st, int64_t run);

/* The sweep the run belongs to (free() it), or NULL. */
char *store_run_sweep(struct store *st, int64_t run);

/* index.gp: time_s, then the fragmentation index (or, if unusable, the
 * unusable free space index) of orders 0..10, one line per tick; a tick
 * at which the zone is empty has the kernel's values for no memory. */
int store_series_index(struct store *st, int64_t run, int zone_id,
		       bool unusable, FILE *out);

/*
 * A zone's pollution over time (for analysis/pollution.gp): TSV with
 * time_s, nonmovable (pageblocks holding an unmovable, reclaimable or
 * reserved page: the census), unmovable (Unmovable pageblocks), mixed
 * (pageblocks holding pages of another mobility).
 */
int store_series_pollution(struct store *st, int64_t run, int zone_id,
			   FILE *out);

/* free_by_order.gp: time_s, then free MiB in blocks of each order 0..10,
 * or (by_migratetype) on each migratetype's free lists. */
int store_series_free(struct store *st, int64_t run, int zone_id,
		      bool by_migratetype, FILE *out);

/* compaction.gp: time_s and the cumulative compaction counters. */
int store_series_compaction(struct store *st, int64_t run, FILE *out);

/* The pageblock map is drawn at most this many cells wide and rows high. */
#define STORE_MAP_MAX_COLS	1000
#define STORE_MAP_MAX_ROWS	300

struct store_map_series {
	size_t rows, cols;		/* 0 rows: no map stored */
	unsigned long pageblocks_per_cell;
	const char *unit;		/* of the address column: MiB or GiB */
};

/*
 * pageblock_map.gp: "time_s, address, class" lines, no header, a blank
 * line between rows: the zone's maps on a regular time grid from the
 * run's first tick (each row the latest map at or before its time, all
 * cells outside the zone before its first), address the middle of a cell in
 * ms->unit, class the migratetype (5 outside the zone) plus 8 if mixed;
 * a cell of several pageblocks shows their most common class.
 */
int store_series_map(struct store *st, int64_t run, int zone_id,
		     struct store_map_series *ms, FILE *out);

struct store_sweep_series {
	char *title;		/* the sweep: workload, model, seeds, fixed */
	char *param;		/* the first swept key, with its unit */
	size_t nr_series;	/* one per value of the other swept keys */
	size_t nr_points, nr_runs;
	size_t nr_skipped;	/* runs not complete */
	size_t min_seeds, max_seeds;	/* seeds per point */
};

/*
 * sweep.gp: per value of the first swept key (x: the value as a number,
 * or its rank if the values are not all numbers of one unit; label: as
 * given), the mean and 95% confidence half-width across seeds of the huge
 * pages obtained (order-9 requests that succeeded plus the largest hugetlb
 * pool) and of the fragmentation index at order 9 of the free memory of
 * all zones at the moment at (store_moment_tick: "end" for the run's
 * last tick; a run without that moment is left out).  One block per series (a header line
 * naming it, two blank lines between blocks).  The swept keys are the
 * sweeps row's axes, or without one the --set keys that vary.
 */
int store_series_sweep(struct store *st, const char *sweep, const char *at,
		       struct store_sweep_series *ss, FILE *out);
void store_sweep_series_release(struct store_sweep_series *ss);
/* --- sweeps (sweeps.c) --- */

/* A sweeps row (doc/schema.md); strings as stored. */
struct store_sweep {
	char *sweep_id, *created, *command_line, *fragsim_version;
	char *model_path, *model_text, *workload_path, *workload_text;
	char *axes, *fixed_sets;	/* one argument per line */
	int64_t seeds, nr_points;
};

/* Record the sweep if the database does not hold it yet; committed. */
int store_sweep_record(struct store *st, const struct store_sweep *sw);

/* Every sweep in the database, oldest first (store_sweeps_free). */
int store_sweeps_read(struct store *st, struct store_sweep **sw, size_t *n);
void store_sweeps_free(struct store_sweep *sw, size_t n);

/* A run of a sweep, as the sweep's scheduler and report see it. */
struct store_sweep_run {
	int64_t run_id, point, seed;
	int status;			/* enum run_status */
	int64_t events;			/* 0 until it ends */
	double wall_seconds;
};

/* The runs of sweep_id, by point, seed and run id (free() *runs). */
int store_sweep_runs(struct store *st, const char *sweep_id,
		     struct store_sweep_run **runs, size_t *n);

/* Delete a run with every row of it, in one transaction. */
int store_run_delete(struct store *st, int64_t run);

/* --- the figures fragsim report shows (figures.c) --- */

struct store_figure {
	const char *name;	/* --metric NAME, TSV column prefix */
	const char *title;	/* table heading */
	const char *help;	/* one line for fragsim help report */
	bool per_zone;		/* also has a value per zone */
	bool at_moment;		/* read at the report's --at moment (else
				 * over the whole run) */
	double scale;		/* printed value = stored x scale */
	int decimals;
};

extern const struct store_figure store_figures[];
extern const size_t store_nr_figures;

/* The figure called name, or -1. */
int store_figure_find(const char *name);

/*
 * A figure of run at tick (read only by figures at_moment), for zone
 * (a zone_id; -1: the machine, or its kernel zones where the figure says
 * so); NAN where the run has no such value.
 */
double store_figure_value(struct store *st, int64_t run, int64_t tick,
			  size_t figure, int zone);

/*
 * The tick of run holding the state at moment: start, end, time:T,
 * phase-start:NAME, phase-end:NAME, action:NAME (as it starts) or
 * first-failure:ORDER, with #N for the Nth time (a repeated phase).  0
 * found, 1 the run has no such moment, -1 not a moment.
 */
int store_moment_tick(struct store *st, int64_t run, const char *moment,
		      int64_t *tick);
bool store_moment_valid(const char *moment);

/* A zone of a run, as "NODE/ZONE". */
struct store_zone {
	int zone_id;
	char name[32];
};

/* The zones of run that have memory (free() *out). */
int store_run_zones(struct store *st, int64_t run, struct store_zone **out,
		    size_t *n);

/* --- merging shards (merge.c) --- */

/*
 * Copy the sweeps rows and complete runs of the shard databases into out
 * (created if new), run ids renumbered; a run whose sweep, point and seed
 * out already holds complete is skipped.  The shards must all be of this
 * schema version and of one sweep; if not, nothing is written and the
 * return is STORE_ERR_VERSION (bad input).  Prints what it merged to
 * report, unless it is NULL.
 */
int store_merge(const char *out, const char *const *shards, size_t nr,
		FILE *report);

/* --- reruns (compare.c) --- */

/* What a stored run was made from (store_provenance_release). */
struct store_provenance {
	char *model_kind, *model_text, *workload_text, *boot_cmdline;
	char *workload_name;
	char *fragsim_version, *command_line;
	char **sets;		/* "KEY=VALUE" */
	int nr_sets;
	uint64_t seed;
	int64_t tick_ns, map_ns;
};

int store_read_provenance(struct store *st, int64_t run,
			  struct store_provenance *p);
void store_provenance_release(struct store_provenance *p);

/*
 * Compare every stored row of run with other_run of the database
 * other_path (its per-run tables, and the runs columns a repeat must
 * reproduce), printing the first differences to out.  Returns the number
 * of tables or columns that differ, or -1 on error.
 */
int store_compare_run(struct store *st, int64_t run, const char *other_path,
		      int64_t other_run, FILE *out);

#endif
