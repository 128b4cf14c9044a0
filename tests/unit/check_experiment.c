/*
 * check_experiment.c - sweep axes: ranges expanded exactly in decimal,
 * lists, the grid's order, and the refusals (empty range, a step that does
 * not divide, mixed units, a key varied twice).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "experiment/axes.h"
#include "experiment/pool.h"
#include "experiment/run.h"
#include "util/stats.h"
#include "suites.h"

START_TEST(test_ranges_and_lists)
{
	struct axes a = { 0 };
	char err[256];

	ck_assert_int_eq(axes_add(&a, "movablecore=0%..90%/10%", err,
				  sizeof(err)), 0);
	ck_assert_uint_eq(a.axis[0].nr_values, 10);
	ck_assert_str_eq(a.axis[0].values[0], "0%");
	ck_assert_str_eq(a.axis[0].values[9], "90%");
	/* 0.1 steps are counted in tenths, not in binary fractions */
	ck_assert_int_eq(axes_add(&a, "x=0.1..0.3/0.1", err, sizeof(err)), 0);
	ck_assert_uint_eq(a.axis[1].nr_values, 3);
	ck_assert_str_eq(a.axis[1].values[2], "0.3");
	ck_assert_int_eq(axes_add(&a, "kernelcore=1G,2G,4G", err,
				  sizeof(err)), 0);
	ck_assert_uint_eq(a.axis[2].nr_values, 3);
	ck_assert_str_eq(a.axis[2].values[1], "2G");
	ck_assert_uint_eq(axes_nr_points(&a), 90);
	/* row-major: the last axis varies fastest */
	ck_assert_str_eq(axes_value(&a, 2, 0), "1G");
	ck_assert_str_eq(axes_value(&a, 2, 1), "2G");
	ck_assert_str_eq(axes_value(&a, 1, 3), "0.2");
	ck_assert_str_eq(axes_value(&a, 0, 89), "90%");
	ck_assert_str_eq(axes_value(&a, 0, 9), "10%");
	axes_release(&a);
	ck_assert_uint_eq(axes_nr_points(&a), 1);
}
END_TEST

START_TEST(test_refusals)
{
	static const struct {
		const char *arg, *why;
	} bad[] = {
		{ "movablecore=50%..10%/10%", "empty" },
		{ "movablecore=0%..90%/20%", "does not divide" },
		{ "movablecore=0%..1G/1%", "same unit" },
		{ "movablecore=0%..90%", "expected START..END/STEP" },
		{ "movablecore=0%..90%/0%", "positive" },
		{ "movablecore", "expected KEY=" },
		{ "=1,2", "expected KEY=" },
		{ "kernelcore=1G,,2G", "empty value" },
	};
	char err[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct axes a = { 0 };

		ck_assert_msg(axes_add(&a, bad[i].arg, err, sizeof(err)) == -1,
			      "%s taken", bad[i].arg);
		ck_assert_msg(strstr(err, bad[i].why), "%s: %s", bad[i].arg,
			      err);
		axes_release(&a);
	}
	{
		struct axes a = { 0 };

		ck_assert_int_eq(axes_add(&a, "x=1,2", err, sizeof(err)), 0);
		ck_assert_int_eq(axes_add(&a, "x=3,4", err, sizeof(err)), -1);
		ck_assert(strstr(err, "varied twice"));
		axes_release(&a);
	}
}
END_TEST

/*
 * Hand-computed: 2, 4, 6, 8 have mean 5 and sample sd sqrt(20/3); with 3
 * degrees of freedom t(0.975) = 3.182446, so the half-width is
 * 3.182446 * 2.581989 / 2 = 4.108521.
 */
START_TEST(test_mean_ci95)
{
	static const double v[] = { 2, 4, 6, 8 };
	struct mean_ci r = mean_ci95(v, 4);

	ck_assert_uint_eq(r.n, 4);
	ck_assert_double_eq_tol(r.mean, 5, 1e-12);
	ck_assert_double_eq_tol(r.half, 4.108521, 1e-5);
	r = mean_ci95(v, 1);
	ck_assert_double_eq_tol(r.mean, 2, 1e-12);
	ck_assert(isnan(r.half));
	r = mean_ci95(v, 0);
	ck_assert(isnan(r.mean));
}
END_TEST

/* Jobs run, at most two at once, each status reported once. */
static size_t done_order[8];
static size_t nr_done;

static void job_done(void *ctx, size_t job)
{
	(void)ctx;
	done_order[nr_done++] = job;
}

START_TEST(test_pool)
{
	static char *t[] = { "/bin/sh", "-c", "exit 0", NULL };
	static char *f[] = { "/bin/sh", "-c", "exit 3", NULL };
	static char *missing[] = { "/nonexistent/fragsim", NULL };
	struct pool_job jobs[] = { { t, 0 }, { f, 0 }, { t, 0 },
				   { missing, 0 }, { t, 0 } };
	struct pool_observer obs = { .done = job_done };
	volatile sig_atomic_t stop = 0;

	nr_done = 0;
	ck_assert_uint_eq(pool_run(jobs, 5, 2, &obs, &stop), 3);
	ck_assert_uint_eq(nr_done, 5);
	ck_assert_int_eq(jobs[0].status, 0);
	ck_assert_int_eq(jobs[1].status, 3);
	ck_assert_int_eq(jobs[3].status, 127);
	/* a stop before the start runs nothing */
	stop = 1;
	nr_done = 0;
	ck_assert_uint_eq(pool_run(jobs, 5, 2, &obs, &stop), 0);
	ck_assert_uint_eq(nr_done, 0);
	ck_assert_int_eq(jobs[0].status, -1);
}
END_TEST

/*
 * One worker, jobs that each leave a mark and then take a while: when job
 * k is reported, job k + 1 must already be running (its mark appears while
 * the observer waits), or a sweep's merges would idle the worker.
 */
static char mark_dir[64];
static int overlapped;

static void wait_for_next(void *ctx, size_t job)
{
	char path[96];

	(void)ctx;
	if (job == 2)
		return;		/* the last one */
	snprintf(path, sizeof(path), "%s/%zu", mark_dir, job + 1);
	for (int i = 0; i < 1000 && access(path, F_OK); i++)
		usleep(10000);
	overlapped += !access(path, F_OK);
}

START_TEST(test_pool_reports_after_the_next_start)
{
	char cmd[3][128], rm[96];
	char *argv[3][4];
	struct pool_job jobs[3];
	struct pool_observer obs = { .done = wait_for_next };
	volatile sig_atomic_t stop = 0;

	snprintf(mark_dir, sizeof(mark_dir), "/tmp/fragsim-pool.%d",
		 (int)getpid());
	ck_assert_int_eq(mkdir(mark_dir, 0700), 0);
	for (int k = 0; k < 3; k++) {
		snprintf(cmd[k], sizeof(cmd[k]), "touch %s/%d; sleep 0.2",
			 mark_dir, k);
		argv[k][0] = "/bin/sh";
		argv[k][1] = "-c";
		argv[k][2] = cmd[k];
		argv[k][3] = NULL;
		jobs[k] = (struct pool_job){ .argv = argv[k] };
	}
	overlapped = 0;
	ck_assert_uint_eq(pool_run(jobs, 3, 1, &obs, &stop), 3);
	ck_assert_int_eq(overlapped, 2);
	snprintf(rm, sizeof(rm), "rm -rf %s", mark_dir);
	ck_assert_int_eq(system(rm), 0);
}
END_TEST

/*
 * Where a --set goes: a boot parameter replaces its namesake on the
 * command line and keeps the rest in order (movable_node=no drops it),
 * cpus is bounded, a sysctl goes to the machine, and a key that is none of
 * these (nor a workload's SECTION.KEY) is refused, the machine untouched.
 */
START_TEST(test_apply_set)
{
	struct workload w = { 0 };
	struct machine m;

	machine_init(&m, &arch_x86_64, "test");
	machine_set_cmdline(&m, "console=ttyS0 movablecore=10% movable_node",
			    DIAG_LOC("test", 0));
	ck_assert_int_eq(experiment_apply_set(&m, &w, "movablecore=25%",
					      "--set"), 0);
	ck_assert_str_eq(m.cmdline, "console=ttyS0 movable_node "
			 "movablecore=25%");
	ck_assert_int_eq(experiment_apply_set(&m, &w, "movable_node=no",
					      "--set"), 0);
	ck_assert_str_eq(m.cmdline, "console=ttyS0 movablecore=25%");
	ck_assert_int_eq(experiment_apply_set(&m, &w, "cpus=4", "--set"), 0);
	ck_assert_int_eq(m.nr_cpus, 4);
	ck_assert_int_eq(experiment_apply_set(&m, &w, "cpus=0", "--set"), -1);
	ck_assert_int_eq(experiment_apply_set(&m, &w, "cpus=4x", "--set"), -1);
	ck_assert_int_eq(m.nr_cpus, 4);
	ck_assert_int_eq(experiment_apply_set(&m, &w, "hz=1000", "--set"), 0);
	ck_assert_uint_eq(m.hz, 1000);
	ck_assert_int_eq(experiment_apply_set(&m, &w, "hz=10", "--set"), -1);
	ck_assert_int_eq(experiment_apply_set(&m, &w, "hz=", "--set"), -1);
	ck_assert_uint_eq(m.hz, 1000);
	ck_assert_int_eq(experiment_apply_set(&m, &w, "extfrag_threshold=400",
					      "--set"), 0);
	ck_assert_int_eq(m.sysctl.extfrag_threshold, 400);
	ck_assert_int_eq(experiment_apply_set(&m, &w, "nosuch=1", "--vary"),
			 -1);
	ck_assert_int_eq(experiment_apply_set(&m, &w, "=1", "--set"), -1);
	ck_assert_str_eq(m.cmdline, "console=ttyS0 movablecore=25%");
	machine_release(&m);
}
END_TEST

Suite *experiment_suite(void)
{
	Suite *s = suite_create("experiment");
	TCase *tc = tcase_create("axes");

	tcase_add_test(tc, test_ranges_and_lists);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_mean_ci95);
	tcase_add_test(tc, test_apply_set);
	tcase_add_test(tc, test_pool);
	tcase_add_test(tc, test_pool_reports_after_the_next_start);
	suite_add_tcase(s, tc);
	return s;
}
