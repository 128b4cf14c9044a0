/*
 * sweep.h - a local sweep's database: the sweep's row and which of its
 * runs remain to do, and the shards its runs record into.  A run of a
 * local sweep records into a database of its own ("DB.runs/run-K.db"),
 * merged into the sweep's when the run is complete: concurrent runs
 * sharing one database would wait for each other's write lock, batch
 * after batch.  The command line (cli/sweep.c) runs the jobs and shows
 * their progress.
 */
#ifndef FRAGSIM_EXPERIMENT_SWEEP_H
#define FRAGSIM_EXPERIMENT_SWEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "experiment/plan.h"
#include "store/store.h"

/* Run k's shard of the sweep recorded in db (freed by the caller). */
char *sweep_shard_path(const char *db, size_t k);

/* Remove a shard with its WAL, shared-memory and reserve files. */
void sweep_shard_remove(const char *path);

/* Merge run k's shard into db if its run finished; remove it.  1 if
 * merged, 0 if there was nothing to merge, -1 if the merge failed. */
int sweep_shard_collect(const char *db, size_t k);

/*
 * Record the sweep (row) in db and decide which runs remain: those
 * without a complete run in the database (only >= 0: run only alone).  A
 * run that was interrupted, failed or is still "running" (its sweep was
 * killed) is deleted, to be redone; the shards a killed sweep left are
 * merged if complete, else dropped, and dropped if db has their run.
 * todo[k] is set for the runs to do; returns how many, STORE_ERR_VERSION
 * if the database cannot be opened, or -1.
 */
long sweep_prepare_db(const char *db, const struct store_sweep *row,
		      const struct sweep_plan *p, long only, bool *todo);

#endif
