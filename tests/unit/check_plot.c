/*
 * check_plot.c - the store's series for the plots (store/series.c): the
 * TSV each gnuplot script reads, worked out by hand from small stored
 * runs: free memory by order and by migratetype, the two indices, the
 * pageblock map on its time grid and downsampled, a sweep's means and
 * confidence intervals across seeds, and the phases marked on time axes.
 *
 * Machine: DMA32 pfn 4096..20479 (16384 pages, 16 free order-10 blocks,
 * all MOVABLE), nothing reserved, 2 CPUs.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "suites.h"
#include "testbed.h"

static struct mm_state mm;
static struct zone *zone;
static char path[256];

#define BASE	4096UL
#define PAGES	16384UL

static void remove_db(void)
{
	testbed_remove_db(path);
}

static void setup(void)
{
	testbed_boot(&mm, BASE, PAGES, true);
	zone = mm_zone(&mm, 0, ZONE_DMA32);
	testbed_db_path(path, sizeof(path), "check_plot");
}

static void teardown(void)
{
	remove_db();
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm_release(&mm);
}

static const char *const phase_names[] = { "fill" };

static struct store_run_info run_info(const char *const *sets, int nr_sets,
				      uint64_t seed, const char *sweep,
				      int64_t point)
{
	struct store_run_info info = {
		.command_line = "fragsim run m.ini w.ini",
		.model_kind = "model", .model_path = "models/m.ini",
		.model_text = "", .boot_cmdline = "", .workload_path = "w.ini",
		.workload_name = "w", .workload_text = "",
		.sets = sets, .nr_sets = nr_sets, .phase_names = phase_names,
		.nr_phases = 1, .seed = seed, .tick = 1000000000,
		.map_interval = 0, .sweep_id = sweep, .point = point,
	};

	return info;
}

/* A series written to memory: the text (free() it), or NULL on error. */
#define SERIES(call, buf) do {						\
	size_t len_;							\
	FILE *f_ = open_memstream(&(buf), &len_);			\
									\
	ck_assert_ptr_nonnull(f_);					\
	ck_assert_int_eq((call), 0);					\
	fclose(f_);							\
} while (0)
#define OUT	f_

/* The zone_id of DMA32: the run's one populated zone. */
static int only_zone(struct store *st, int64_t run)
{
	struct store_plot_zone *zones;
	int n = store_plot_zones(st, run, &zones), id;

	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(zones[0].name, "DMA32");
	ck_assert_int_eq(zones[0].nid, 0);
	id = zones[0].zone_id;
	free(zones);
	return id;
}

/*
 * Tick 0 is the fresh zone: 16 order-10 blocks, 64 MiB, all on the
 * movable list.  Tick 1 (t = 2 s), after one order-0 page is taken: the
 * split leaves one free block of each order 0..9 (4 KiB to 2 MiB) and 15
 * of order 10 (60 MiB); 16383 pages free.  Indices at tick 1: every order
 * has a free block, -1; the unusable index at order o counts the 2^o - 1
 * pages in smaller blocks: (2^o - 1) * 1000 / 16383 in integers, 0 up to
 * order 4, then 1, 3, 7, 15, 31, 62.
 */
START_TEST(test_series_free_and_indices)
{
	struct proc_snapshot ps;
	struct store *st;
	struct store_run_info info = run_info(NULL, 0, 5, NULL, -1);
	char *buf, *title;
	int64_t run;
	int z;

	ck_assert_int_eq(store_open_write(&st, path), 0);
	proc_snapshot_init(&ps, &mm);
	run = store_run_begin(st, &info, &ps);
	proc_snapshot_take(&ps, &mm);
	ck_assert_int_eq(store_tick(st, &ps), 0);
	ck_assert_uint_ne(rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE,
					OWNER_ANON, 0), PFN_NONE);
	proc_snapshot_take(&ps, &mm);
	ps.t.time = 2000000000;
	ck_assert_int_eq(store_tick(st, &ps), 0);
	ck_assert_int_eq(store_run_end(st, RUN_COMPLETE, NULL, 0), 0);
	ck_assert_int_eq(store_close(st), 0);
	proc_snapshot_release(&ps);

	ck_assert_int_eq(store_open_read(&st, path), 0);
	z = only_zone(st, run);
	SERIES(store_series_free(st, run, z, false, OUT), buf);
	ck_assert_str_eq(buf,
		"time_s\t0 (4 KiB)\t1 (8 KiB)\t2 (16 KiB)\t3 (32 KiB)\t"
		"4 (64 KiB)\t5 (128 KiB)\t6 (256 KiB)\t7 (512 KiB)\t"
		"8 (1 MiB)\t9 (2 MiB)\t10 (4 MiB)\n"
		"0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t64\n"
		"2\t0.00390625\t0.0078125\t0.015625\t0.03125\t0.0625\t0.125\t"
		"0.25\t0.5\t1\t2\t60\n");
	free(buf);
	SERIES(store_series_free(st, run, z, true, OUT), buf);
	ck_assert_str_eq(buf,
		"time_s\tUnmovable\tMovable\tReclaimable\tHighAtomic\tIsolate\n"
		"0\t0\t64\t0\t0\t0\n"
		"2\t0\t63.9961\t0\t0\t0\n");
	free(buf);
	SERIES(store_series_index(st, run, z, false, OUT), buf);
	/* tick 1: every order has a free block */
	ck_assert_ptr_nonnull(strstr(buf, "\n2\t-1\t-1\t-1\t-1\t-1\t-1\t-1\t"
				     "-1\t-1\t-1\t-1\n"));
	free(buf);
	SERIES(store_series_index(st, run, z, true, OUT), buf);
	ck_assert_ptr_nonnull(strstr(buf, "\n0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
				     "\t0\n2\t0\t0\t0\t0\t0\t0.001\t"
				     "0.003\t0.007\t0.015\t0.031\t"
				     "0.062\n"));
	free(buf);
	title = store_run_title(st, run);
	ck_assert_str_eq(title, "run 1: workload w on m, seed 5");
	free(title);
	ck_assert_ptr_null(store_run_sweep(st, run));
	/* the one phase starts at the first tick */
	title = store_run_phases(st, run);
	ck_assert_str_eq(title, "0 fill");
	free(title);
	store_close(st);
}
END_TEST

/* The class of the cell at x in a map series, in the row at time t. */
static int map_cell(const char *buf, double t, double x)
{
	double lt, lx;
	int cl;

	for (const char *p = buf; p && *p; p = strchr(p, '\n'), p += !!p)
		if (sscanf(p, "%lf\t%lf\t%d", &lt, &lx, &cl) == 3 &&
		    fabs(lt - t) < 1e-9 && fabs(lx - x) < 1e-6)
			return cl;
	return -1;
}

/*
 * Two maps of the zone's 32 pageblocks, at 0 s and 1 s: all movable but
 * pageblock 3 unmovable and mixed (class 0 + 8), and in the second map
 * pageblock 5 reclaimable (2).  Drawn on a 2-row grid, one cell a
 * pageblock; the cell's address is its middle: 16 MiB + 1 MiB + 2 MiB * i.
 * Zone 0's one map, at 1 s, is drawn from the run's start at 0 s: its row
 * at 0 s is all outside the zone.
 */
START_TEST(test_series_map)
{
	uint8_t map[32];
	struct proc_snapshot ps;
	struct store_map_series ms;
	struct store *st;
	struct store_run_info info = run_info(NULL, 0, 1, NULL, -1);
	int64_t run;
	char *buf;
	int z;

	ck_assert_int_eq(store_open_write(&st, path), 0);
	proc_snapshot_init(&ps, &mm);
	run = store_run_begin(st, &info, &ps);
	proc_snapshot_take(&ps, &mm);
	ck_assert_int_eq(store_tick(st, &ps), 0);
	memset(map, MIGRATE_MOVABLE, sizeof(map));
	map[3] = MIGRATE_UNMOVABLE | 0x80;
	ck_assert_int_eq(store_map(st, 1, BASE, map, 32), 0);
	ps.t.time = 1000000000;
	ck_assert_int_eq(store_tick(st, &ps), 0);
	map[5] = MIGRATE_RECLAIMABLE;
	ck_assert_int_eq(store_map(st, 1, BASE, map, 32), 0);
	/* zone 0 (as if hot-added) has its first map at 1 s */
	ck_assert_int_eq(store_map(st, 0, 0, map, 4), 0);
	ck_assert_int_eq(store_run_end(st, RUN_COMPLETE, NULL, 0), 0);
	ck_assert_int_eq(store_close(st), 0);
	proc_snapshot_release(&ps);

	ck_assert_int_eq(store_open_read(&st, path), 0);
	z = only_zone(st, run);
	ck_assert_int_eq(z, 1);
	SERIES(store_series_map(st, run, z, &ms, OUT), buf);
	ck_assert_uint_eq(ms.rows, 2);
	ck_assert_uint_eq(ms.cols, 32);
	ck_assert_uint_eq(ms.pageblocks_per_cell, 1);
	ck_assert_str_eq(ms.unit, "MiB");
	ck_assert_int_eq(map_cell(buf, 0, 17), MIGRATE_MOVABLE);
	ck_assert_int_eq(map_cell(buf, 0, 23), 8 + MIGRATE_UNMOVABLE);
	ck_assert_int_eq(map_cell(buf, 0, 27), MIGRATE_MOVABLE);
	ck_assert_int_eq(map_cell(buf, 1, 27), MIGRATE_RECLAIMABLE);
	ck_assert_int_eq(map_cell(buf, 1, 79), MIGRATE_MOVABLE);
	ck_assert_int_eq(map_cell(buf, 1, 81), -1);
	free(buf);
	/* before its first map a zone is drawn as outside it (5) */
	SERIES(store_series_map(st, run, 0, &ms, OUT), buf);
	ck_assert_uint_eq(ms.rows, 2);
	ck_assert_int_eq(map_cell(buf, 0, 1), 5);
	ck_assert_int_eq(map_cell(buf, 1, 1), MIGRATE_MOVABLE);
	free(buf);
	/* a zone without maps: no rows */
	SERIES(store_series_map(st, run, 2, &ms, OUT), buf);
	ck_assert_uint_eq(ms.rows, 0);
	free(buf);
	store_close(st);
}
END_TEST

/*
 * 2500 pageblocks from pfn 0 (5000 MiB: addresses in GiB) are drawn 3 a
 * cell (834 cells).  Cell 0 (pageblocks 0..2: unmovable, movable,
 * movable) shows movable; cell 1 (3..5: outside the zone but for 5,
 * unmovable and mixed) shows 5's class, 8: outside counts only when a
 * cell has nothing else; cell 2 (6..8) outside shows 5.
 */
START_TEST(test_series_map_downsampled)
{
	static uint8_t map[2500];
	struct proc_snapshot ps;
	struct store_map_series ms;
	struct store *st;
	struct store_run_info info = run_info(NULL, 0, 1, NULL, -1);
	double cell = 3 * 512 * 4096.0 / (1 << 30);
	int64_t run;
	char *buf;

	ck_assert_int_eq(store_open_write(&st, path), 0);
	proc_snapshot_init(&ps, &mm);
	run = store_run_begin(st, &info, &ps);
	proc_snapshot_take(&ps, &mm);
	ck_assert_int_eq(store_tick(st, &ps), 0);
	memset(map, MIGRATE_MOVABLE, sizeof(map));
	map[0] = MIGRATE_UNMOVABLE;
	for (int i = 3; i < 9; i++)
		map[i] = MIGRATE_TYPES;
	map[5] = MIGRATE_UNMOVABLE | 0x80;
	ck_assert_int_eq(store_map(st, 1, 0, map, sizeof(map)), 0);
	ck_assert_int_eq(store_run_end(st, RUN_COMPLETE, NULL, 0), 0);
	ck_assert_int_eq(store_close(st), 0);
	proc_snapshot_release(&ps);

	ck_assert_int_eq(store_open_read(&st, path), 0);
	SERIES(store_series_map(st, run, 1, &ms, OUT), buf);
	ck_assert_uint_eq(ms.pageblocks_per_cell, 3);
	ck_assert_uint_eq(ms.cols, 834);
	/* one map: drawn as two equal rows, at 0 */
	ck_assert_uint_eq(ms.rows, 2);
	ck_assert_str_eq(ms.unit, "GiB");
	ck_assert_int_eq(map_cell(buf, 0, cell * 0.5), MIGRATE_MOVABLE);
	ck_assert_int_eq(map_cell(buf, 0, cell * 1.5), 8 + MIGRATE_UNMOVABLE);
	ck_assert_int_eq(map_cell(buf, 0, cell * 2.5), 5);
	ck_assert_int_eq(map_cell(buf, 0, cell * 3.5), MIGRATE_MOVABLE);
	free(buf);
	store_close(st);
}
END_TEST

static void exec_sql(const char *sql)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/*
 * Store a complete run of sweep "sw" at movablecore=mc, with free memory
 * in order-0 blocks only (nr0 of them) at its last tick, and huge pages:
 * thp successes at order 9, and a hugetlb pool whose largest size is pool.
 */
static void sweep_run_of(const char *sweep, const char *mc, uint64_t seed,
			 int64_t point, unsigned long nr0, int thp, int pool,
			 bool complete)
{
	char set[64], sql[512];
	const char *sets[] = { set, "fill.rate=2/s" };
	struct store_run_info info = run_info(sets, 2, seed, sweep, point);
	struct proc_snapshot ps;
	struct store *st;
	int64_t run;

	snprintf(set, sizeof(set), "movablecore=%s", mc);
	ck_assert_int_eq(store_open_write(&st, path), 0);
	proc_snapshot_init(&ps, &mm);
	run = store_run_begin(st, &info, &ps);
	proc_snapshot_take(&ps, &mm);
	ck_assert_int_eq(store_tick(st, &ps), 0);
	for (int z = 0; z < ps.t.nr_zones; z++)
		memset(ps.t.zones[z].nr_free, 0, sizeof(ps.t.zones[z].nr_free));
	ps.t.zones[1].nr_free[0][MIGRATE_MOVABLE] = nr0;
	ck_assert_int_eq(store_tick(st, &ps), 0);
	if (complete)
		ck_assert_int_eq(store_run_end(st, RUN_COMPLETE, NULL, 0), 0);
	ck_assert_int_eq(store_close(st), 0);
	proc_snapshot_release(&ps);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO run_requests VALUES (%lld, 'thp', 9, %d, 2);"
		 "INSERT INTO run_requests VALUES (%lld, 'anon', 0, 50, 0);"
		 "INSERT INTO run_hugepages VALUES (%lld, 0, 0, 100, %d);"
		 "INSERT INTO run_hugepages VALUES (%lld, 1, 0, 100, 1);",
		 (long long)run, thp + 2, (long long)run, (long long)run,
		 pool, (long long)run);
	exec_sql(sql);
}

static void sweep_run(const char *mc, uint64_t seed, int64_t point,
		      unsigned long nr0, int thp, int pool, bool complete)
{
	sweep_run_of("sw", mc, seed, point, nr0, thp, pool, complete);
}

/* The line of x in a sweep series: its fields after x and label. */
static int sweep_line(const char *buf, const char *start, double v[5])
{
	const char *p = strstr(buf, start);

	if (!p)
		return -1;
	return sscanf(p + strlen(start), "%lf\t%lf\t%lf\t%lf\t%lf",
		      &v[0], &v[1], &v[2], &v[3], &v[4]) == 5 ? 0 : -1;
}

/*
 * Two points, two seeds each, and a third run not complete (left out).
 * Huge pages: 10% -> 4 + 6 = 10 and 8 + 6 = 14: mean 12, sd 2.828, 95%
 * half-width t(0.975, 1) * sd / sqrt(2) = 12.7062 * 2 = 25.4124;
 * 20% -> 20 and 20: mean 20, half-width 0.
 * Index at order 9 from 100 free order-0 pages: 1000 - (1000 + 100000 /
 * 512) / 100 = 1000 - 1195 / 100 = 989 -> 0.989; from 0 free pages: 0.
 * Without a sweeps row the swept key is the --set that varies.
 */
START_TEST(test_series_sweep)
{
	struct store_sweep_series ss;
	struct store *st;
	double v[5];
	char *buf, *id;

	sweep_run("10%", 1, 0, 100, 4, 6, true);
	sweep_run("10%", 2, 0, 100, 8, 6, true);
	sweep_run("20%", 1, 1, 0, 15, 5, true);
	sweep_run("20%", 2, 1, 0, 10, 10, true);
	sweep_run("20%", 3, 1, 0, 99, 99, false);

	ck_assert_int_eq(store_open_read(&st, path), 0);
	id = store_run_sweep(st, 1);
	ck_assert_str_eq(id, "sw");
	free(id);
	SERIES(store_series_sweep(st, "sw", "end", &ss, OUT), buf);
	ck_assert_str_eq(ss.param, "movablecore (%)");
	ck_assert_uint_eq(ss.nr_series, 1);
	ck_assert_uint_eq(ss.nr_points, 2);
	ck_assert_uint_eq(ss.nr_runs, 4);
	ck_assert_uint_eq(ss.nr_skipped, 1);
	ck_assert_str_eq(ss.title, "sweep sw: workload w on m, 2 seeds per "
			 "point");
	ck_assert(!strncmp(buf, "value\tlabel\thugepages_mean\t", 26));
	ck_assert_int_eq(sweep_line(buf, "\n10\t10%\t", v), 0);
	ck_assert_double_eq_tol(v[0], 12, 1e-9);
	ck_assert_double_eq_tol(v[1], 25.4124, 1e-3);
	ck_assert_double_eq_tol(v[2], 0.989, 1e-9);
	ck_assert_double_eq_tol(v[3], 0, 1e-9);
	ck_assert_double_eq_tol(v[4], 2, 1e-9);
	ck_assert_int_eq(sweep_line(buf, "\n20\t20%\t", v), 0);
	ck_assert_double_eq_tol(v[0], 20, 1e-9);
	ck_assert_double_eq_tol(v[1], 0, 1e-9);
	ck_assert_double_eq_tol(v[2], 0, 1e-9);
	free(buf);
	store_sweep_series_release(&ss);
	store_close(st);

	/* a sweeps row names the axes: a second one makes two series */
	exec_sql("INSERT INTO sweeps VALUES ('sw', 'now', 'fragsim sweep', "
		 "'0', 'm.ini', '', 'w.ini', '', "
		 "'movablecore=10%..20%/10%' || char(10) || "
		 "'fill.rate=2/s', '', 2, 2)");
	ck_assert_int_eq(store_open_read(&st, path), 0);
	SERIES(store_series_sweep(st, "sw", "end", &ss, OUT), buf);
	ck_assert_uint_eq(ss.nr_series, 1);
	ck_assert_ptr_nonnull(strstr(buf, "fill.rate=2/s\tlabel\t"));
	free(buf);
	store_sweep_series_release(&ss);
	/* no such sweep */
	SERIES(store_series_sweep(st, "nope", "end", &ss, OUT) + 1, buf);
	free(buf);
	store_sweep_series_release(&ss);
	store_close(st);
}
END_TEST

/*
 * Values that are not numbers of one unit (1G, 25%, 1G again at a later
 * point) are placed by their rank in point order: 1G at 0, 25% at 1; the
 * parameter then has no unit.
 */
START_TEST(test_series_sweep_ranks)
{
	struct store_sweep_series ss;
	struct store *st;
	double v[5];
	char *buf;

	sweep_run_of("sw2", "1G", 1, 0, 0, 1, 1, true);
	sweep_run_of("sw2", "25%", 1, 1, 0, 2, 1, true);
	sweep_run_of("sw2", "1G", 2, 2, 0, 5, 1, true);
	ck_assert_int_eq(store_open_read(&st, path), 0);
	SERIES(store_series_sweep(st, "sw2", "end", &ss, OUT), buf);
	ck_assert_str_eq(ss.param, "movablecore");
	ck_assert_uint_eq(ss.nr_points, 2);
	/* 1G: seeds 1 and 2, 1 + 1 and 5 + 1 huge pages */
	ck_assert_int_eq(sweep_line(buf, "\n0\t1G\t", v), 0);
	ck_assert_double_eq_tol(v[0], 4, 1e-9);
	ck_assert_double_eq_tol(v[4], 2, 1e-9);
	ck_assert_int_eq(sweep_line(buf, "\n1\t25%\t", v), 0);
	ck_assert_double_eq_tol(v[0], 3, 1e-9);
	ck_assert_double_eq_tol(v[4], 1, 1e-9);
	free(buf);
	store_sweep_series_release(&ss);
	store_close(st);
}
END_TEST

/*
 * Phases start at the run's first tick (phase 0) and at the last tick of
 * the phase before (the tick at its end); a phase never reached has no
 * start and is left out.  Ticks: 0 s and 0.5 s in "fill", 1.5 s in
 * "churn"; "drain" never ran.
 */
START_TEST(test_run_phases)
{
	static const char *const names[] = { "fill", "churn", "drain" };
	static const sim_time_t t[] = { 0, 500000000, 1500000000 };
	static const int phase[] = { 0, 0, 1 };
	struct store_run_info info = run_info(NULL, 0, 1, NULL, -1);
	struct proc_snapshot ps;
	struct store *st;
	int64_t run;
	char *phases;

	info.phase_names = names;
	info.nr_phases = 3;
	ck_assert_int_eq(store_open_write(&st, path), 0);
	proc_snapshot_init(&ps, &mm);
	run = store_run_begin(st, &info, &ps);
	proc_snapshot_take(&ps, &mm);
	for (int i = 0; i < 3; i++) {
		ps.t.time = t[i];
		ps.t.phase = phase[i];
		ck_assert_int_eq(store_tick(st, &ps), 0);
	}
	ck_assert_int_eq(store_run_end(st, RUN_INTERRUPTED, NULL, 0), 0);
	ck_assert_int_eq(store_close(st), 0);
	proc_snapshot_release(&ps);

	ck_assert_int_eq(store_open_read(&st, path), 0);
	phases = store_run_phases(st, run);
	ck_assert_str_eq(phases, "0 fill 0.5 churn");
	free(phases);
	/* an unfinished run says so in its title */
	phases = store_run_title(st, run);
	ck_assert_str_eq(phases, "run 1: workload w on m, seed 1, interrupted");
	free(phases);
	store_close(st);
}
END_TEST

Suite *plot_suite(void)
{
	Suite *s = suite_create("plot");
	TCase *tc = tcase_create("series");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_series_free_and_indices);
	tcase_add_test(tc, test_series_map);
	tcase_add_test(tc, test_series_map_downsampled);
	tcase_add_test(tc, test_series_sweep);
	tcase_add_test(tc, test_series_sweep_ranks);
	tcase_add_test(tc, test_run_phases);
	suite_add_tcase(s, tc);
	return s;
}
