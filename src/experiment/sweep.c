/*
 * sweep.c - a local sweep's database and its runs' shards (see sweep.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "experiment/sweep.h"
#include "util/xalloc.h"

char *sweep_shard_path(const char *db, size_t k)
{
	char *path = xmalloc(strlen(db) + 48);

	sprintf(path, "%s.runs/run-%06zu.db", db, k);
	return path;
}

void sweep_shard_remove(const char *path)
{
	char *aux = xmalloc(strlen(path) + 16);

	unlink(path);
	sprintf(aux, "%s-wal", path);
	unlink(aux);
	sprintf(aux, "%s-shm", path);
	unlink(aux);
	sprintf(aux, "%s-reserve", path);	/* a killed run's */
	unlink(aux);
	free(aux);
}

int sweep_shard_collect(const char *db, size_t k)
{
	char *path = sweep_shard_path(db, k);
	const char *shards[] = { path };
	struct store *st;
	int merged = 0, status = -1;

	if (!access(path, F_OK) && !store_open_read(&st, path)) {
		status = store_run_status(st, 1);
		store_close(st);
	}
	if (run_status_finished(status))
		merged = store_merge(db, shards, 1, NULL) ? -1 : 1;
	if (merged >= 0)
		sweep_shard_remove(path);
	free(path);
	return merged;
}

long sweep_prepare_db(const char *db, const struct store_sweep *row,
		      const struct sweep_plan *p, long only, bool *todo)
{
	struct store_sweep_run *runs = NULL;
	struct store *st;
	size_t n = 0, nr = sweep_plan_nr_runs(p);
	long left = 0;
	int ret;

	/* a database that cannot be opened (or of another version) is bad
	 * input: nothing has run */
	if (store_open_write(&st, db))
		return STORE_ERR_VERSION;
	ret = store_sweep_record(st, row);
	if (!ret)
		ret = store_sweep_runs(st, p->sweep_id, &runs, &n);
	for (size_t k = 0; k < nr; k++)
		todo[k] = only < 0 || (size_t)only == k;
	for (size_t i = 0; !ret && i < n; i++) {
		size_t k = (size_t)runs[i].point * p->seeds +
			   (size_t)runs[i].seed - 1;

		if (!run_status_finished(runs[i].status))
			ret = store_run_delete(st, runs[i].run_id);
		else if (runs[i].seed >= 1 && k < nr)
			todo[k] = false;
	}
	free(runs);
	if (store_close(st) || ret)
		return -1;
	/*
	 * The shards a killed sweep left: merged if complete, else dropped;
	 * and dropped if the database has their run already (the sweep was
	 * killed between merging a shard and removing it).
	 */
	for (size_t k = 0; k < nr && only < 0; k++) {
		if (!todo[k]) {
			char *path = sweep_shard_path(db, k);

			sweep_shard_remove(path);
			free(path);
		} else if (sweep_shard_collect(db, k) > 0) {
			todo[k] = false;
		}
	}
	for (size_t k = 0; k < nr; k++)
		left += todo[k];
	return left;
}
