/*
 * bench_store.c - what recording a run in the result store costs.
 *
 * 1. The shipped stress-highalloc workload on the shipped 4 GiB and 16 GiB
 *    models at the store's default tick (100 ms simulated, maps every 1 s),
 *    timed without a store and with one (a fresh database in TMPDIR, WAL,
 *    100 ms batches): the difference over the run without it is the
 *    store's cost, target under 10%.  Best of three of each.
 * 2. One tick (proc_snapshot_take, which is tick_sample_take plus the
 *    zoneinfo lines, and store_tick) on booted machines: the 1 GiB model,
 *    one node of 4 GiB and of 256 GiB (the same zones and CPUs: the cost
 *    must be the same), and the 1 TiB four-node model (four times the
 *    zones: the cost per zone must be the same).  A sample is
 *    O(zones x CPUs), never O(memory).
 *
 * Usage: bench_store [SRCDIR] [SEED]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "machine/model.h"
#include "mm/arch.h"
#include "mm/memblock.h"
#include <sqlite3.h>

#include "bench_util.h"
#include "experiment/recorder.h"
#include "store/store.h"

/* A one-node x86_64 machine of gib GiB from 4 GiB up (plus the low 2 GiB),
 * for a model of one node at any size. */
static void boot_one_node(struct mm_state *mm, unsigned long gib)
{
	struct machine m;

	machine_init(&m, &arch_x86_64, "bench");
	memblock_add_node(&m.memory, 0x100000, (2UL << 30) - 0x100000, 0, 0);
	memblock_add_node(&m.memory, 4UL << 30, (gib - 2) << 30, 0, 0);
	m.node_declared[0] = true;
	bench_boot_machine(mm, &m);
}

static void db_path(char *buf, size_t len)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(buf, len, "%s/bench_store.%d.db", tmp ? tmp : "/tmp",
		 (int)getpid());
}

static void db_remove(const char *path)
{
	char aux[4200];

	unlink(path);
	snprintf(aux, sizeof(aux), "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof(aux), "%s-shm", path);
	unlink(aux);
}

/* Open a fresh database and begin a run of mm in it. */
static struct store *open_run(const char *path, const struct mm_state *mm,
			      struct run_recorder *rec, sim_time_t map)
{
	struct store_run_info info = {
		.command_line = "bench_store", .model_kind = "model",
		.model_path = "", .model_text = "", .boot_cmdline = "",
		.workload_path = "", .workload_name = "", .workload_text = "",
		.tick = 100 * NSEC_PER_MSEC, .map_interval = map,
	};
	struct store *st;

	db_remove(path);
	if (store_open_write(&st, path))
		exit(1);
	run_recorder_init(rec, st, mm, map);
	if (store_run_begin(st, &info, &rec->ps) < 0)
		exit(1);
	return st;
}

/* A run of w on model; with a store if path; returns its wall time
 * (booting excluded, opening and closing the store included). */
static double run(const char *model, const struct workload *w, uint64_t seed,
		  const char *path)
{
	struct sim_params params = { .seed = seed,
				     .tick = 100 * NSEC_PER_MSEC };
	struct sim_observer obs = { 0 };
	struct run_recorder rec;
	struct store *st = NULL;
	struct mm_state mm;
	struct sim s;
	double t0, t1;

	bench_boot_model(&mm, model);
	t0 = bench_now();
	if (path) {
		st = open_run(path, &mm, &rec, 10 * params.tick);
		obs = (struct sim_observer){ .ctx = &rec,
					     .tick = run_recorder_tick,
					     .action = run_recorder_action };
	}
	sim_init(&s, &mm, w, &params, &obs);
	sim_run(&s);
	if (st) {
		store_run_end(st, RUN_COMPLETE, &s, 0);
		run_recorder_release(&rec);
		store_close(st);
	}
	t1 = bench_now();
	sim_release(&s);
	mm_release(&mm);
	if (path)
		db_remove(path);
	return t1 - t0;
}

static void bench_run(const char *srcdir, const char *name,
		      const struct workload *w, uint64_t seed)
{
	char model[4096], path[4200];
	double best_without = 1e30, best_with = 1e30;

	snprintf(model, sizeof(model), "%s/models/%s.ini", srcdir, name);
	db_path(path, sizeof(path));
	for (int i = 0; i < 5; i++) {
		double a = run(model, w, seed, NULL);
		double b = run(model, w, seed, path);

		best_without = a < best_without ? a : best_without;
		best_with = b < best_with ? b : best_with;
	}
	printf("  %-18s run %.3f s, with the store %.3f s: %+.1f%% "
	       "(target < 10%%)\n", name, best_without, best_with,
	       100 * (best_with - best_without) / best_without);
}

/* The cost of one tick on a booted machine (a model file's if gib is 0,
 * else one node of gib GiB), in microseconds. */
static void bench_tick(const char *srcdir, const char *name, unsigned long gib)
{
	enum { N = 300 };
	char model[4096], path[4200];
	struct run_recorder rec;
	struct mm_state mm;
	struct store *st;
	double t0, t_take = 0, t_store = 0, t_open;
	int zones;

	snprintf(model, sizeof(model), "%s/models/%s.ini", srcdir, name);
	db_path(path, sizeof(path));
	if (gib)
		boot_one_node(&mm, gib);
	else
		bench_boot_model(&mm, model);
	t0 = bench_now();
	st = open_run(path, &mm, &rec, 0);
	t_open = bench_now() - t0;
	for (int i = 0; i < N; i++) {
		t0 = bench_now();
		proc_snapshot_take(&rec.ps, &mm);
		t_take += bench_now() - t0;
		rec.ps.t.time = (sim_time_t)i * 100 * NSEC_PER_MSEC;
		t0 = bench_now();
		if (store_tick(st, &rec.ps))
			exit(1);
		t_store += bench_now() - t0;
	}
	zones = rec.ps.t.nr_zones;
	t0 = bench_now();
	store_run_end(st, RUN_COMPLETE, NULL, 0);
	run_recorder_release(&rec);
	store_close(st);
	t_open += bench_now() - t0;
	db_remove(path);
	printf("  %-18s %2d zones, %3d CPUs: take %6.2f us, store %7.2f us "
	       "per tick; %6.2f us per zone\n", name, zones, mm.nr_cpus,
	       1e6 * t_take / N, 1e6 * t_store / N,
	       1e6 * (t_take + t_store) / N / zones);
	printf("  %-18s creating the database, beginning and ending the run: "
	       "%.2f ms\n", "", 1e3 * t_open);
	mm_release(&mm);
}

int main(int argc, char **argv)
{
	const char *srcdir = argc > 1 ? argv[1] : ".";
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
	char wpath[4096];
	struct workload w;

	snprintf(wpath, sizeof(wpath), "%s/workloads/stress-highalloc.ini",
		 srcdir);
	if (workload_load(&w, wpath) || workload_check(&w))
		return 2;
	printf("bench_store: stress-highalloc, seed %llu, tick 100ms, maps "
	       "every 1s, SQLite %s, WAL, synchronous=NORMAL, best of 5\n",
	       (unsigned long long)seed, sqlite3_libversion());
	bench_run(srcdir, "x86_64-4g", &w, seed);
	bench_run(srcdir, "x86_64-2node-16g", &w, seed);
	printf("bench_store: one tick (snapshot and store), booted state, "
	       "mean of 300\n");
	bench_tick(srcdir, "x86_64-1g", 0);
	bench_tick(srcdir, "one node, 4 GiB", 4);
	bench_tick(srcdir, "one node, 256 GiB", 256);
	bench_tick(srcdir, "x86_64-4node-1t", 0);
	workload_release(&w);
	return 0;
}
