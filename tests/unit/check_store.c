/*
 * check_store.c - the result store: a tick written and read back is the
 * snapshot it was taken from, field by field; run statuses move from
 * running to their end; runs are kept apart; a database of another schema
 * version is refused and left unchanged; export escapes text.
 *
 * Machine: DMA32 pfn 4096..20479 (16384 pages, 16 free order-10 blocks,
 * all MOVABLE), nothing reserved, 2 CPUs.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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
	testbed_db_path(path, sizeof(path), "check_store");
}

static void teardown(void)
{
	remove_db();
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm_release(&mm);
}

static const char *const sets[] = { "movablecore=25%", "fill.rate=2/s" };
static const char *const phase_names[] = { "fill", "churn" };

static const struct store_run_info info = {
	.command_line = "fragsim run m.ini w.ini", .model_kind = "model",
	.model_path = "m.ini", .model_text = "[machine]\narch = x86_64\n",
	.boot_cmdline = "movablecore=25%", .workload_path = "w.ini",
	.workload_name = "w", .workload_text = "[workload]\tname = w\n",
	.sets = sets, .nr_sets = 2, .phase_names = phase_names,
	.nr_phases = 2, .seed = 7, .tick = 100000000, .map_interval = 0,
};

/* Begin a run and store one tick of mm at time t; returns the run id. */
static int64_t store_one_tick(struct store *st, struct proc_snapshot *ps,
			      sim_time_t t)
{
	int64_t run = store_run_begin(st, &info, ps);

	ck_assert_int_gt(run, 0);
	proc_snapshot_take(ps, &mm);
	ps->t.time = t;
	ps->t.phase = 1;
	ps->t.nr_hugepages = 3;
	ck_assert_int_eq(store_tick(st, ps), 0);
	return run;
}

static void assert_same_snapshot(const struct proc_snapshot *a,
				 const struct proc_snapshot *b)
{
	ck_assert_int_eq(a->t.nr_zones, b->t.nr_zones);
	ck_assert_int_eq(a->nr_cpus, b->nr_cpus);
	ck_assert_uint_eq(a->t.time, b->t.time);
	ck_assert_int_eq(a->t.phase, b->t.phase);
	ck_assert_uint_eq(a->t.nr_hugepages, b->t.nr_hugepages);
	ck_assert(!memcmp(a->t.vm_events, b->t.vm_events,
			  sizeof(a->t.vm_events)));
	ck_assert(!memcmp(a->has_zone, b->has_zone, sizeof(a->has_zone)));
	for (int z = 0; z < a->t.nr_zones; z++) {
		/* every field: both were zeroed before being filled */
		ck_assert(!memcmp(&a->t.zones[z], &b->t.zones[z],
				  sizeof(a->t.zones[z])));
		ck_assert(!memcmp(&a->zones[z], &b->zones[z],
				  sizeof(a->zones[z])));
		if (!a->t.zones[z].present)
			continue;	/* an empty zone's pagesets are not kept */
		for (int cpu = 0; cpu < a->nr_cpus; cpu++)
			ck_assert(!memcmp(proc_snapshot_pcp(a, z, cpu),
					  proc_snapshot_pcp(b, z, cpu),
					  sizeof(struct proc_pcp)));
	}
}

/*
 * One order-0 movable page taken from a fresh zone splits an order-10
 * block: one free block of each order 0..9 and 15 of order 10, 16383 free
 * pages.  Index at order 10: a block is free, -1000; unusable index at
 * order 10: (16383 - 15 * 1024) * 1000 / 16383 = 62.  Read back, the tick
 * is the snapshot, field by field.
 */
START_TEST(test_tick_round_trip)
{
	struct proc_snapshot ps, back;
	struct store *st;
	int64_t run = 0, tick = -1;
	int z;

	ck_assert_uint_ne(rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE,
					OWNER_ANON, 0), PFN_NONE);
	mm.vm_events[COMPACTSTALL] = 7;
	ck_assert_int_eq(store_open_write(&st, path), 0);
	proc_snapshot_init(&ps, &mm);
	store_one_tick(st, &ps, 1234567);
	ck_assert_int_eq(store_close(st), 0);

	ck_assert_int_eq(store_open_read(&st, path), 0);
	ck_assert_int_eq(store_find_tick(st, &run, &tick), 0);
	ck_assert_int_eq(run, 1);
	ck_assert_int_eq(tick, 0);
	ck_assert_int_eq(store_read_tick(st, run, tick, &back), 0);
	assert_same_snapshot(&ps, &back);
	for (z = 0; back.t.zones[z].type != ZONE_DMA32; z++)
		;
	for (int o = 0; o < 10; o++)
		ck_assert_uint_eq(back.t.zones[z].nr_free[o][MIGRATE_MOVABLE], 1);
	ck_assert_uint_eq(back.t.zones[z].nr_free[10][MIGRATE_MOVABLE], 15);
	ck_assert_uint_eq(back.t.zones[z].free_pages, 16383);
	ck_assert_int_eq(back.t.zones[z].frag_index[10], -1000);
	ck_assert_int_eq(back.t.zones[z].unusable_index[10], 62);
	ck_assert_int_eq(back.t.zones[z].unusable_index[0], 0);
	ck_assert_uint_eq(back.t.zones[z].nr_pageblock[MIGRATE_MOVABLE], 32);
	ck_assert_uint_eq(back.t.vm_events[COMPACTSTALL], 7);
	ck_assert_uint_eq(back.t.vm_events[COMPACTFAIL], 0);
	ck_assert_uint_eq(back.t.time, 1234567);
	/* no tick 1, no run 2 */
	tick = 1;
	ck_assert_int_eq(store_find_tick(st, &run, &tick), -1);
	run = 2;
	tick = -1;
	ck_assert_int_eq(store_find_tick(st, &run, &tick), -1);
	proc_snapshot_release(&back);
	proc_snapshot_release(&ps);
	store_close(st);
}
END_TEST

/* The status another connection sees, while the writer is open. */
static int status_seen(int64_t run)
{
	struct store *rd;
	int status;

	ck_assert_int_eq(store_open_read(&rd, path), 0);
	status = store_run_status(rd, run);
	store_close(rd);
	return status;
}

/*
 * running is committed before the first tick and seen by a reader while
 * the run goes on; each end status is then stored; runs are numbered
 * from 1, and "the last run" is the newest.
 */
START_TEST(test_status_transitions)
{
	static const enum run_status ends[] = { RUN_COMPLETE, RUN_INTERRUPTED,
						RUN_FAILED };
	struct proc_snapshot ps;
	struct store *st;
	int64_t run, tick;

	proc_snapshot_init(&ps, &mm);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(store_open_write(&st, path), 0);
		run = store_one_tick(st, &ps, 0);
		ck_assert_int_eq(run, i + 1);
		ck_assert_int_eq(status_seen(run), RUN_RUNNING);
		ck_assert_int_eq(store_run_end(st, ends[i], NULL, 0.5), 0);
		ck_assert_int_eq(store_close(st), 0);
		ck_assert_int_eq(status_seen(run), (int)ends[i]);
	}
	ck_assert_int_eq(status_seen(4), -1);
	ck_assert_int_eq(store_open_read(&st, path), 0);
	run = 0;
	tick = -1;
	ck_assert_int_eq(store_find_tick(st, &run, &tick), 0);
	ck_assert_int_eq(run, 3);
	store_close(st);
	proc_snapshot_release(&ps);
}
END_TEST

/* Two runs in one database: each reads back its own state. */
START_TEST(test_two_runs_apart)
{
	struct proc_snapshot ps, one, two;
	struct store *st;
	int z;

	proc_snapshot_init(&ps, &mm);
	ck_assert_int_eq(store_open_write(&st, path), 0);
	store_one_tick(st, &ps, 10);
	store_run_end(st, RUN_COMPLETE, NULL, 0);
	store_close(st);
	/* the second run has an order-9 block taken */
	ck_assert_uint_ne(rmqueue_block(&mm, zone, 9, MIGRATE_MOVABLE,
					OWNER_ANON, 0), PFN_NONE);
	ck_assert_int_eq(store_open_write(&st, path), 0);
	store_one_tick(st, &ps, 20);
	store_run_end(st, RUN_COMPLETE, NULL, 0);
	store_close(st);

	ck_assert_int_eq(store_open_read(&st, path), 0);
	ck_assert_int_eq(store_read_tick(st, 1, 0, &one), 0);
	ck_assert_int_eq(store_read_tick(st, 2, 0, &two), 0);
	for (z = 0; one.t.zones[z].type != ZONE_DMA32; z++)
		;
	ck_assert_uint_eq(one.t.time, 10);
	ck_assert_uint_eq(two.t.time, 20);
	ck_assert_uint_eq(one.t.zones[z].free_pages, 16384);
	ck_assert_uint_eq(two.t.zones[z].free_pages, 16384 - 512);
	ck_assert_uint_eq(one.t.zones[z].nr_free[10][MIGRATE_MOVABLE], 16);
	ck_assert_uint_eq(two.t.zones[z].nr_free[9][MIGRATE_MOVABLE], 1);
	assert_same_snapshot(&ps, &two);
	proc_snapshot_release(&one);
	proc_snapshot_release(&two);
	proc_snapshot_release(&ps);
	store_close(st);
}
END_TEST

/*
 * A writer that dies without closing (as under kill -9) loses only its
 * uncommitted batch: six ticks are committed (the batch closes once
 * 100 ms have passed), three more are not; the database is sound and
 * the run still "running".
 */
START_TEST(test_killed_writer)
{
	const struct timespec wait = { 0, 150 * 1000 * 1000 };
	struct proc_snapshot ps, back;
	int64_t run = 0, tick = -1;
	struct store *st;
	sqlite3_stmt *ic;
	sqlite3 *db;
	int status;
	pid_t pid;

	proc_snapshot_init(&ps, &mm);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (!pid) {
		if (store_open_write(&st, path))
			_exit(1);
		store_one_tick(st, &ps, 0);
		for (int i = 1; i < 5; i++)
			store_tick(st, &ps);
		nanosleep(&wait, NULL);
		store_tick(st, &ps);	/* tick 5: the batch commits */
		for (int i = 0; i < 3; i++)
			store_tick(st, &ps);
		_exit(0);		/* no close, no commit */
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &ic, NULL);
	ck_assert_int_eq(sqlite3_step(ic), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(ic, 0), "ok");
	sqlite3_finalize(ic);
	sqlite3_close(db);
	ck_assert_int_eq(status_seen(1), RUN_RUNNING);
	ck_assert_int_eq(store_open_read(&st, path), 0);
	ck_assert_int_eq(store_find_tick(st, &run, &tick), 0);
	ck_assert_int_eq(tick, 5);
	ck_assert_int_eq(store_read_tick(st, run, tick, &back), 0);
	proc_snapshot_take(&ps, &mm);
	ps.t.time = 0;
	ps.t.phase = 1;
	ps.t.nr_hugepages = 3;
	assert_same_snapshot(&ps, &back);
	proc_snapshot_release(&back);
	proc_snapshot_release(&ps);
	store_close(st);
}
END_TEST

static long file_size(void)
{
	FILE *f = fopen(path, "rb");
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fclose(f);
	return n;
}

/* user_version 999: refused for reading and for writing, left as it was. */
START_TEST(test_unknown_version_refused)
{
	struct store *st;
	sqlite3 *db;
	long before;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE t (x); "
				      "PRAGMA user_version = 999", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(db);
	before = file_size();
	ck_assert_int_eq(store_open_read(&st, path), STORE_ERR_VERSION);
	ck_assert_int_eq(store_open_write(&st, path), STORE_ERR_VERSION);
	ck_assert_int_eq(file_size(), before);
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	{
		sqlite3_stmt *s;

		sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL);
		ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
		ck_assert_int_eq(sqlite3_column_int(s, 0), 999);
		sqlite3_finalize(s);
		sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL);
		ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
		ck_assert_str_eq((const char *)sqlite3_column_text(s, 0),
				 "delete");
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
}
END_TEST

/* Export: a header, one line per row, text escaped, --run filtering. */
START_TEST(test_export)
{
	struct proc_snapshot ps;
	struct store *st;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	proc_snapshot_init(&ps, &mm);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(store_open_write(&st, path), 0);
		store_one_tick(st, &ps, 0);
		store_run_end(st, RUN_COMPLETE, NULL, 0);
		store_close(st);
	}
	ck_assert_int_eq(store_open_read(&st, path), 0);
	out = open_memstream(&buf, &len);
	ck_assert_int_eq(store_export(st, "run_sets", 2, out), 0);
	fclose(out);
	ck_assert_str_eq(buf, "run_id\tposition\tkey\tvalue\n"
			 "2\t0\tmovablecore\t25%\n"
			 "2\t1\tfill.rate\t2/s\n");
	free(buf);
	out = open_memstream(&buf, &len);
	ck_assert_int_eq(store_export(st, "v_run_summary", 0, out), 0);
	fclose(out);
	ck_assert_ptr_nonnull(strstr(buf, "\n1\tcomplete\tw\tm.ini\t7\t"
				     "movablecore=25% fill.rate=2/s\t"));
	ck_assert_ptr_nonnull(strstr(buf, "\n2\tcomplete\t"));
	free(buf);
	out = open_memstream(&buf, &len);
	ck_assert_int_eq(store_export(st, "runs", 1, out), 0);
	fclose(out);
	ck_assert_ptr_nonnull(strstr(buf, "[workload]\\tname = w\\n\t"));
	ck_assert_ptr_null(strstr(buf, "\n2\t"));
	free(buf);
	out = open_memstream(&buf, &len);
	ck_assert_int_eq(store_export(st, "no_such_table", 0, out), -1);
	ck_assert_int_eq(store_export(st, "runs\"; DROP TABLE runs; --", 0,
				      out), -1);
	fclose(out);
	free(buf);
	store_close(st);
	proc_snapshot_release(&ps);
}
END_TEST

Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_tick_round_trip);
	tcase_add_test(tc, test_status_transitions);
	tcase_add_test(tc, test_two_runs_apart);
	tcase_add_test(tc, test_killed_writer);
	tcase_add_test(tc, test_unknown_version_refused);
	tcase_add_test(tc, test_export);
	suite_add_tcase(s, tc);
	return s;
}
