/*
 * writer.c - recording a run: its row first (committed as "running"), then
 * ticks, maps, actions and tracepoints through prepared statements in
 * transactions of about 100 ms of wall time each, then the per-run figures
 * and the final status.
 */
#include <string.h>
#include <time.h>

#include "config.h"
#include "version.h"
#include "sim/sim.h"
#include "store/internal.h"
#include "util/xalloc.h"

/* Wall time between commits: a killed run loses at most this much. */
#define COMMIT_INTERVAL	0.1

static const char *const stmt_sql[NR_STORE_STMTS] = {
	[STMT_TICK] = "INSERT INTO ticks VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_TICK_ZONE] = "INSERT INTO tick_zones VALUES (?1, ?2, ?3, ?4, "
		"?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
		"?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
	[STMT_TICK_ORDER] = "INSERT INTO tick_orders VALUES (?1, ?2, ?3, ?4, "
		"?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[STMT_TICK_PAGEBLOCK] = "INSERT INTO tick_pageblocks VALUES (?1, ?2, "
		"?3, ?4, ?5, ?6)",
	[STMT_TICK_PCP] = "INSERT INTO tick_pcp VALUES (?1, ?2, ?3, ?4, ?5, "
		"?6, ?7)",
	[STMT_TICK_VM_EVENT] = "INSERT INTO tick_vm_events VALUES (?1, ?2, "
		"?3, ?4)",
	[STMT_MAP] = "INSERT INTO pageblock_maps VALUES (?1, ?2, ?3, ?4, ?5, "
		"?6)",
	[STMT_ACTION] = "INSERT INTO run_actions VALUES (?1, ?2, ?3, ?4, ?5, "
		"?6)",
	[STMT_TRACE] = "INSERT INTO run_trace VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_MESSAGE] = "INSERT INTO run_messages VALUES (?1, ?2, ?3, ?4)",
	[STMT_MOMENT] = "INSERT INTO run_moments VALUES (?1, ?2, ?3, ?4, ?5, "
		"?6)",
};

static double monotonic_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ISO 8601, UTC, to the second. */
static void utc_now(char *buf, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Bind values 1..n as integers, step and reset; 0 or -1 (reported). */
static int insert(struct store *st, sqlite3_stmt *stmt, const int64_t *v,
		  int n)
{
	int rc;

	for (int i = 0; i < n; i++)
		sqlite3_bind_int64(stmt, i + 1, v[i]);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		st->failed = true;
		return store_error(st, "writing the run");
	}
	return 0;
}

static int begin_batch(struct store *st)
{
	if (st->failed)
		return -1;
	if (st->in_txn)
		return 0;
	if (store_exec(st, "BEGIN IMMEDIATE")) {
		st->failed = true;
		return -1;
	}
	st->in_txn = true;
	return 0;
}

/* Commit the batch if it has lasted COMMIT_INTERVAL (or force). */
static int end_batch(struct store *st, bool force)
{
	double now;

	if (!st->in_txn)
		return 0;
	now = monotonic_seconds();
	if (!force && now - st->last_commit < COMMIT_INTERVAL)
		return 0;
	st->in_txn = false;
	st->last_commit = now;
	if (store_exec(st, "COMMIT")) {
		st->failed = true;
		return -1;
	}
	return 0;
}

static int bind_text_step(struct store *st, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (rc != SQLITE_DONE)
		return store_error(st, "writing the run");
	return 0;
}

static int insert_run_row(struct store *st, const struct store_run_info *in,
			  int nr_cpus)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"INSERT INTO runs (status, started, command_line, "
		"fragsim_version, git_commit, model_kind, model_path, "
		"model_text, boot_cmdline, workload_path, workload_name, "
		"workload_text, seed, tick_ns, map_ns, nr_cpus, sweep_id, "
		"point) VALUES "
		"('running', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
		"?12, ?13, ?14, ?15, ?16, ?17)");
	const char *text[] = { NULL, in->command_line, FRAGSIM_VERSION,
			       FRAGSIM_GIT_COMMIT, in->model_kind,
			       in->model_path, in->model_text,
			       in->boot_cmdline, in->workload_path,
			       in->workload_name, in->workload_text };
	char started[32];
	int ret;

	if (!stmt)
		return -1;
	utc_now(started, sizeof(started));
	text[0] = started;
	for (int i = 0; i < (int)(sizeof(text) / sizeof(text[0])); i++)
		sqlite3_bind_text(stmt, i + 1, text[i] ? text[i] : "", -1,
				  SQLITE_STATIC);
	/* a seed above INT64_MAX is stored as its two's complement */
	sqlite3_bind_int64(stmt, 12, (int64_t)in->seed);
	sqlite3_bind_int64(stmt, 13, (int64_t)in->tick);
	sqlite3_bind_int64(stmt, 14, (int64_t)in->map_interval);
	sqlite3_bind_int(stmt, 15, nr_cpus);
	if (in->sweep_id) {
		sqlite3_bind_text(stmt, 16, in->sweep_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 17, in->point);
	} else {
		sqlite3_bind_null(stmt, 16);
		sqlite3_bind_null(stmt, 17);
	}
	ret = bind_text_step(st, stmt);
	sqlite3_finalize(stmt);
	st->run = sqlite3_last_insert_rowid(st->db);
	return ret;
}

static int insert_sets(struct store *st, const struct store_run_info *in)
{
	sqlite3_stmt *stmt = store_prepare(st, "INSERT INTO run_sets "
					   "VALUES (?1, ?2, ?3, ?4)");
	int ret = stmt ? 0 : -1;

	for (int i = 0; i < in->nr_sets && !ret; i++) {
		const char *eq = strchr(in->sets[i], '=');
		int klen = eq ? (int)(eq - in->sets[i]) : -1;

		sqlite3_bind_int64(stmt, 1, st->run);
		sqlite3_bind_int(stmt, 2, i);
		sqlite3_bind_text(stmt, 3, in->sets[i], klen, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 4, eq ? eq + 1 : "", -1, SQLITE_STATIC);
		ret = bind_text_step(st, stmt);
	}
	sqlite3_finalize(stmt);
	return ret;
}

static int insert_phases_zones(struct store *st,
			       const struct store_run_info *in,
			       const struct proc_snapshot *ps)
{
	sqlite3_stmt *ph = store_prepare(st, "INSERT INTO phases VALUES "
					 "(?1, ?2, ?3)");
	sqlite3_stmt *zo = store_prepare(st, "INSERT INTO zones VALUES "
					 "(?1, ?2, ?3, ?4, ?5)");
	int ret = ph && zo ? 0 : -1;

	for (int p = 0; p < in->nr_phases && !ret; p++) {
		sqlite3_bind_int64(ph, 1, st->run);
		sqlite3_bind_int(ph, 2, p);
		sqlite3_bind_text(ph, 3, in->phase_names[p], -1, SQLITE_STATIC);
		ret = bind_text_step(st, ph);
	}
	for (int z = 0; z < ps->t.nr_zones && !ret; z++) {
		const struct zone_sample *zs = &ps->t.zones[z];

		sqlite3_bind_int64(zo, 1, st->run);
		sqlite3_bind_int(zo, 2, z);
		sqlite3_bind_int(zo, 3, zs->nid);
		sqlite3_bind_int(zo, 4, (int)zs->type);
		sqlite3_bind_text(zo, 5, zone_names[zs->type], -1,
				  SQLITE_STATIC);
		ret = bind_text_step(st, zo);
	}
	sqlite3_finalize(ph);
	sqlite3_finalize(zo);
	return ret;
}

int64_t store_run_begin(struct store *st, const struct store_run_info *info,
			const struct proc_snapshot *ps)
{
	if (store_exec(st, "BEGIN IMMEDIATE"))
		return -1;
	if (insert_run_row(st, info, ps->nr_cpus) || insert_sets(st, info) ||
	    insert_phases_zones(st, info, ps) || store_exec(st, "COMMIT")) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	st->nr_cpus = ps->nr_cpus;
	st->tick = -1;
	for (int i = 0; i < NR_STORE_STMTS; i++) {
		st->stmt[i] = store_prepare(st, stmt_sql[i]);
		if (!st->stmt[i]) {
			st->failed = true;
			return -1;
		}
	}
	st->last_commit = monotonic_seconds();
	return st->run;
}

static int write_zone(struct store *st, const struct proc_snapshot *ps,
		      int z)
{
	const struct zone_sample *zs = &ps->t.zones[z];
	const struct proc_zone *pz = &ps->zones[z];
	int64_t v[26] = {
		st->run, st->tick, z, pz->node_online, (int64_t)pz->start_pfn,
		(int64_t)zs->spanned, (int64_t)zs->present,
		(int64_t)zs->managed, (int64_t)zs->free_pages,
		(int64_t)zs->pcp_pages, (int64_t)zs->wmark[WMARK_MIN],
		(int64_t)zs->wmark[WMARK_LOW], (int64_t)zs->wmark[WMARK_HIGH],
		(int64_t)zs->wmark[WMARK_PROMO], (int64_t)zs->watermark_boost,
		(int64_t)zs->nr_reserved_highatomic, zs->fragmentation_score,
		zs->compact_defer_shift, zs->compact_order_failed,
	};

	for (int t = 0; t < MAX_NR_ZONES; t++)
		v[19 + t] = pz->lowmem_reserve[t];
	v[25] = (int64_t)zs->nonmovable_blocks;
	if (insert(st, st->stmt[STMT_TICK_ZONE], v, 26))
		return -1;
	/* an empty zone's lists, pageblocks and pagesets print nothing and
	 * read back as zeros: leave them out */
	if (!zs->present)
		return 0;
	for (int o = 0; o < MAX_ORDER; o++) {
		int64_t w[12] = { st->run, st->tick, z, o, 0 };

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			w[4] += (int64_t)zs->nr_free[o][mt];
			w[5 + mt] = (int64_t)zs->nr_free[o][mt];
		}
		w[10] = zs->frag_index[o];
		w[11] = zs->unusable_index[o];
		if (insert(st, st->stmt[STMT_TICK_ORDER], w, 12))
			return -1;
	}
	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		int64_t w[6] = { st->run, st->tick, z, mt,
				 (int64_t)zs->nr_pageblock[mt],
				 (int64_t)zs->nr_mixed[mt] };

		if (insert(st, st->stmt[STMT_TICK_PAGEBLOCK], w, 6))
			return -1;
	}
	for (int cpu = 0; cpu < ps->nr_cpus; cpu++) {
		const struct proc_pcp *p = proc_snapshot_pcp(ps, z, cpu);
		int64_t w[7] = { st->run, st->tick, z, cpu, p->count, p->high,
				 p->batch };

		if (insert(st, st->stmt[STMT_TICK_PCP], w, 7))
			return -1;
	}
	return 0;
}

int store_tick(struct store *st, const struct proc_snapshot *ps)
{
	int64_t v[5];

	if (begin_batch(st))
		return -1;
	st->tick++;
	v[0] = st->run;
	v[1] = st->tick;
	v[2] = (int64_t)ps->t.time;
	v[3] = ps->t.phase;
	v[4] = (int64_t)ps->t.nr_hugepages;
	if (insert(st, st->stmt[STMT_TICK], v, 5))
		return -1;
	for (int z = 0; z < ps->t.nr_zones; z++)
		if (write_zone(st, ps, z))
			return -1;
	/* most counters stay 0 in a run (pgskip_*, allocstall_*, hotplug):
	 * an absent counter is 0, which halves the rows written */
	for (int e = 0; e < NR_VM_EVENT_ITEMS; e++) {
		int64_t w[4] = { st->run, st->tick, e,
				 (int64_t)ps->t.vm_events[e] };

		if (w[3] && insert(st, st->stmt[STMT_TICK_VM_EVENT], w, 4))
			return -1;
	}
	return end_batch(st, false);
}

int store_map(struct store *st, int zone, unsigned long start_pfn,
	      const uint8_t *map, size_t n)
{
	sqlite3_stmt *stmt = st->stmt[STMT_MAP];

	if (begin_batch(st))
		return -1;
	sqlite3_bind_int64(stmt, 1, st->run);
	sqlite3_bind_int64(stmt, 2, st->tick);
	sqlite3_bind_int(stmt, 3, zone);
	sqlite3_bind_int64(stmt, 4, (int64_t)start_pfn);
	sqlite3_bind_int64(stmt, 5, (int64_t)n);
	sqlite3_bind_blob(stmt, 6, n ? (const void *)map : "", (int)n,
			  SQLITE_STATIC);
	if (bind_text_step(st, stmt)) {
		st->failed = true;
		return -1;
	}
	return 0;
}

int store_action(struct store *st, sim_time_t time, int phase,
		 const char *name, const char *result)
{
	sqlite3_stmt *stmt = st->stmt[STMT_ACTION];

	if (begin_batch(st))
		return -1;
	sqlite3_bind_int64(stmt, 1, st->run);
	sqlite3_bind_int64(stmt, 2, st->nr_actions++);
	sqlite3_bind_int64(stmt, 3, (int64_t)time);
	sqlite3_bind_int(stmt, 4, phase);
	sqlite3_bind_text(stmt, 5, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 6, result, -1, SQLITE_STATIC);
	if (bind_text_step(st, stmt)) {
		st->failed = true;
		return -1;
	}
	return 0;
}

int store_moment(struct store *st, sim_time_t time, const char *kind,
		 const char *name, int64_t tick)
{
	sqlite3_stmt *stmt = st->stmt[STMT_MOMENT];

	if (begin_batch(st))
		return -1;
	sqlite3_bind_int64(stmt, 1, st->run);
	sqlite3_bind_int64(stmt, 2, st->nr_moments++);
	sqlite3_bind_int64(stmt, 3, (int64_t)time);
	sqlite3_bind_text(stmt, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 6, tick);
	if (bind_text_step(st, stmt)) {
		st->failed = true;
		return -1;
	}
	return 0;
}

int store_trace(struct store *st, sim_time_t time, const char *event,
		const char *text)
{
	sqlite3_stmt *stmt = st->stmt[STMT_TRACE];

	if (begin_batch(st))
		return -1;
	sqlite3_bind_int64(stmt, 1, st->run);
	sqlite3_bind_int64(stmt, 2, st->nr_trace++);
	sqlite3_bind_int64(stmt, 3, (int64_t)time);
	sqlite3_bind_text(stmt, 4, event, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 5, text, -1, SQLITE_STATIC);
	if (bind_text_step(st, stmt)) {
		st->failed = true;
		return -1;
	}
	return 0;
}

int store_message(struct store *st, sim_time_t time, const char *text)
{
	sqlite3_stmt *stmt = st->stmt[STMT_MESSAGE];

	if (begin_batch(st))
		return -1;
	sqlite3_bind_int64(stmt, 1, st->run);
	sqlite3_bind_int64(stmt, 2, st->nr_messages++);
	sqlite3_bind_int64(stmt, 3, (int64_t)time);
	sqlite3_bind_text(stmt, 4, text, -1, SQLITE_STATIC);
	if (bind_text_step(st, stmt)) {
		st->failed = true;
		return -1;
	}
	return 0;
}

static int write_requests(struct store *st, const struct sim_stats *ss)
{
	sqlite3_stmt *stmt = store_prepare(st, "INSERT INTO run_requests "
					   "VALUES (?1, ?2, ?3, ?4, ?5)");
	int ret = stmt ? 0 : -1;

	for (int k = 0; k < NR_OWNER_KINDS && !ret; k++)
		for (int o = 0; o < MAX_ORDER && !ret; o++) {
			if (!ss->requests[k][o])
				continue;
			sqlite3_bind_int64(stmt, 1, st->run);
			sqlite3_bind_text(stmt, 2, owner_kind_names[k], -1,
					  SQLITE_STATIC);
			sqlite3_bind_int(stmt, 3, o);
			sqlite3_bind_int64(stmt, 4, (int64_t)ss->requests[k][o]);
			sqlite3_bind_int64(stmt, 5, (int64_t)ss->failures[k][o]);
			ret = bind_text_step(st, stmt);
		}
	sqlite3_finalize(stmt);
	return ret;
}

static int write_latency_row(struct store *st, sqlite3_stmt *stmt,
			     const char *kind, const struct latency_hist *h)
{
	static const double pct[] = { 50, 90, 99, 99.9 };

	sqlite3_bind_int64(stmt, 1, st->run);
	sqlite3_bind_text(stmt, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 3, (int64_t)h->count);
	sqlite3_bind_int64(stmt, 4, (int64_t)h->min);
	sqlite3_bind_double(stmt, 5, h->sum / (double)h->count);
	for (int i = 0; i < 4; i++)
		sqlite3_bind_int64(stmt, 6 + i,
				   (int64_t)latency_percentile(h, pct[i]));
	sqlite3_bind_int64(stmt, 10, (int64_t)h->max);
	return bind_text_step(st, stmt);
}

/* Percentiles per owner kind, and over all requests as "all". */
static int write_latency(struct store *st, const struct sim_stats *ss)
{
	sqlite3_stmt *stmt = store_prepare(st, "INSERT INTO run_latency "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	struct latency_hist *all = xcalloc(1, sizeof(*all));
	int ret = stmt ? 0 : -1;

	for (int k = 0; k < NR_OWNER_KINDS && !ret; k++) {
		if (!ss->latency_by_kind[k].count)
			continue;
		latency_merge(all, &ss->latency_by_kind[k]);
		ret = write_latency_row(st, stmt, owner_kind_names[k],
					&ss->latency_by_kind[k]);
	}
	if (!ret && all->count)
		ret = write_latency_row(st, stmt, "all", all);
	/* the requests that waited in direct compaction or reclaim */
	memset(all, 0, sizeof(*all));
	for (int k = 0; k < NR_OWNER_KINDS && !ret; k++) {
		char kind[40];

		if (!ss->stalled_by_kind[k].count)
			continue;
		latency_merge(all, &ss->stalled_by_kind[k]);
		snprintf(kind, sizeof(kind), "stalled_%s", owner_kind_names[k]);
		ret = write_latency_row(st, stmt, kind,
					&ss->stalled_by_kind[k]);
	}
	if (!ret && all->count)
		ret = write_latency_row(st, stmt, "stalled_all", all);
	free(all);
	sqlite3_finalize(stmt);
	return ret;
}

static int write_hugepages(struct store *st, const struct sim_stats *ss)
{
	sqlite3_stmt *stmt = store_prepare(st, "INSERT INTO run_hugepages "
					   "VALUES (?1, ?2, ?3, ?4, ?5)");
	int ret = stmt ? 0 : -1;

	for (int i = 0; i < ss->nr_hugepage_results && !ret; i++) {
		int64_t v[5] = { st->run, i, (int64_t)ss->hugepages[i].time,
				 (int64_t)ss->hugepages[i].requested,
				 (int64_t)ss->hugepages[i].obtained };

		ret = insert(st, stmt, v, 5);
	}
	sqlite3_finalize(stmt);
	return ret;
}

static int write_offline(struct store *st, const struct sim *s)
{
	const struct sim_stats *ss = &s->stats;
	sqlite3_stmt *stmt = store_prepare(st, "INSERT INTO run_offline "
					   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
					   "?7, ?8)");
	int ret = stmt ? 0 : -1;

	for (int i = 0; i < ss->nr_offline && !ret; i++) {
		const struct offline_attempt *o = &ss->offline[i];

		sqlite3_bind_int64(stmt, 1, st->run);
		sqlite3_bind_int64(stmt, 2, i);
		sqlite3_bind_int64(stmt, 3, (int64_t)o->time);
		sqlite3_bind_text(stmt, 4, s->w->actions[o->action].name, -1,
				  SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 5, (int64_t)o->block);
		sqlite3_bind_int(stmt, 6, o->nid);
		sqlite3_bind_text(stmt, 7, zone_names[o->zone], -1,
				  SQLITE_STATIC);
		sqlite3_bind_text(stmt, 8, offline_result_name(o->err), -1,
				  SQLITE_STATIC);
		ret = bind_text_step(st, stmt);
	}
	sqlite3_finalize(stmt);
	return ret;
}

static int write_run_end(struct store *st, enum run_status status,
			 const struct sim *s, double wall)
{
	sqlite3_stmt *stmt = store_prepare(st, "UPDATE runs SET status = ?2, "
		"ended = ?3, simulated_ns = ?4, events = ?5, frees = ?6, "
		"throttled = ?7, thp_fallbacks = ?8, pin_migrations = ?9, "
		"wall_seconds = ?10, stop_reason = ?11 WHERE run_id = ?1");
	char ended[32];
	int ret;

	if (!stmt)
		return -1;
	utc_now(ended, sizeof(ended));
	sqlite3_bind_int64(stmt, 1, st->run);
	sqlite3_bind_text(stmt, 2, run_status_names[status], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, ended, -1, SQLITE_STATIC);
	if (s) {
		sqlite3_bind_int64(stmt, 4, (int64_t)s->now);
		sqlite3_bind_int64(stmt, 5, (int64_t)s->stats.events);
		sqlite3_bind_int64(stmt, 6, (int64_t)s->stats.frees);
		sqlite3_bind_int64(stmt, 7, (int64_t)s->stats.throttled);
		sqlite3_bind_int64(stmt, 8, (int64_t)s->stats.thp_fallbacks);
		sqlite3_bind_int64(stmt, 9, (int64_t)s->stats.pin_migrations);
		if (s->stop_reason[0])
			sqlite3_bind_text(stmt, 11, s->stop_reason, -1,
					  SQLITE_STATIC);
	}
	sqlite3_bind_double(stmt, 10, wall);
	ret = bind_text_step(st, stmt);
	sqlite3_finalize(stmt);
	return ret;
}

/* The run's final rows and status, in one batch; 0 or -1 (reported). */
static int write_end(struct store *st, enum run_status status,
		     const struct sim *s, double wall_seconds)
{
	if (begin_batch(st))
		return -1;
	if (s && (write_requests(st, &s->stats) ||
		  write_latency(st, &s->stats) ||
		  write_hugepages(st, &s->stats) ||
		  write_offline(st, s)))
		return -1;
	if (write_run_end(st, status, s, wall_seconds))
		return -1;
	return end_batch(st, true);
}

int store_run_end(struct store *st, enum run_status status,
		  const struct sim *s, double wall_seconds)
{
	if (!st->failed && !write_end(st, status, s, wall_seconds))
		return 0;
	/*
	 * A write failed, mid-run or in this last batch (a full disk): drop
	 * the batch, give back the space set aside for this, and say the run
	 * failed, and no more.  A COMMIT that failed may leave its
	 * transaction open, which in_txn does not know.
	 */
	store_reserve_release(st);
	if (st->in_txn || !sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	st->in_txn = false;
	st->failed = false;
	write_end(st, RUN_FAILED, NULL, wall_seconds);
	return -1;
}
