/*
 * check_plan.c - a sweep's plan: runs numbered point-major, each run's
 * command line (fixed sets first, then the point's values, its seed and
 * point), the identity hash (stable, and changed by every input that
 * defines the sweep) and the lines of its --vary values.
 */
#include <stdlib.h>
#include <string.h>

#include "experiment/plan.h"
#include "suites.h"

static const char *const vary[] = { "movablecore=0%,50%", "cpus=1..3/1" };
static const char *const sets[] = { "vm.extfrag_threshold=400" };

static void plan_init(struct sweep_plan *p)
{
	char err[128];

	memset(p, 0, sizeof(*p));
	p->fragsim = "/bin/fragsim";
	p->model = "m.ini";
	p->workload = "w.ini";
	p->model_text = "[machine]\n";
	p->workload_text = "[workload]\n";
	p->vary = vary;
	p->nr_vary = 2;
	p->sets = sets;
	p->nr_sets = 1;
	p->version = "1.0";
	p->seeds = 3;
	for (size_t i = 0; i < p->nr_vary; i++)
		ck_assert_int_eq(axes_add(&p->axes, vary[i], err,
					  sizeof(err)), 0);
	sweep_plan_identify(p);
}

/* The argument after the nth occurrence of opt, or NULL. */
static const char *after(char **argv, const char *opt, int nth)
{
	for (char **a = argv; *a; a++)
		if (!strcmp(*a, opt) && !nth--)
			return a[1];
	return NULL;
}

START_TEST(test_runs_point_major)
{
	struct sweep_plan p;
	char **argv;
	size_t n;

	plan_init(&p);
	/* 2 x 3 points, 3 seeds each */
	ck_assert_uint_eq(sweep_plan_nr_runs(&p), 18);
	ck_assert_uint_eq(sweep_plan_point(&p, 0), 0);
	ck_assert_uint_eq(sweep_plan_seed(&p, 0), 1);
	ck_assert_uint_eq(sweep_plan_point(&p, 5), 1);
	ck_assert_uint_eq(sweep_plan_seed(&p, 5), 3);
	ck_assert_uint_eq(sweep_plan_point(&p, 17), 5);
	/* run 13: point 4 = movablecore 50% (4 / 3), cpus 2 (4 % 3 = 1) */
	argv = sweep_plan_run_argv(&p, 13, "d.db");
	ck_assert_str_eq(argv[0], "/bin/fragsim");
	ck_assert_str_eq(argv[1], "run");
	ck_assert_str_eq(argv[2], "m.ini");
	ck_assert_str_eq(argv[3], "w.ini");
	ck_assert_str_eq(after(argv, "--set", 0), "vm.extfrag_threshold=400");
	ck_assert_str_eq(after(argv, "--set", 1), "movablecore=50%");
	ck_assert_str_eq(after(argv, "--set", 2), "cpus=2");
	ck_assert_ptr_null(after(argv, "--set", 3));
	ck_assert_str_eq(after(argv, "--seed", 0), "2");
	ck_assert_str_eq(after(argv, "--point", 0), "4");
	ck_assert_str_eq(after(argv, "--db", 0), "d.db");
	ck_assert_str_eq(after(argv, "--sweep", 0), p.sweep_id);
	sweep_plan_argv_free(argv);
	/* the check of point 2 boots it without a database, its values
	 * given so that run names a bad one as --vary's */
	argv = sweep_plan_check_argv(&p, 2);
	ck_assert_str_eq(after(argv, "--set", 0), "vm.extfrag_threshold=400");
	ck_assert_ptr_null(after(argv, "--set", 1));
	ck_assert_str_eq(after(argv, "--vary-value", 0), "movablecore=0%");
	ck_assert_str_eq(after(argv, "--vary-value", 1), "cpus=3");
	ck_assert_ptr_null(after(argv, "--db", 0));
	for (n = 0; argv[n]; n++)
		;
	ck_assert_str_eq(argv[n - 1], "--dry-run");
	sweep_plan_argv_free(argv);
	axes_release(&p.axes);
}
END_TEST

START_TEST(test_identity)
{
	struct sweep_plan p, q;
	char id[SWEEP_ID_LEN + 1];

	plan_init(&p);
	ck_assert_uint_eq(strlen(p.sweep_id), SWEEP_ID_LEN);
	ck_assert_uint_eq(strspn(p.sweep_id, "0123456789abcdef"),
			  SWEEP_ID_LEN);
	plan_init(&q);
	ck_assert_str_eq(p.sweep_id, q.sweep_id);
	strcpy(id, p.sweep_id);
	/* paths are not part of it: the texts are */
	q.model = "elsewhere/m.ini";
	sweep_plan_identify(&q);
	ck_assert_str_eq(q.sweep_id, id);
	q.model_text = "[machine]\n# edited\n";
	sweep_plan_identify(&q);
	ck_assert_str_ne(q.sweep_id, id);
	q.model_text = p.model_text;
	q.seeds = 4;
	sweep_plan_identify(&q);
	ck_assert_str_ne(q.sweep_id, id);
	q.seeds = 3;
	q.nr_sets = 0;
	sweep_plan_identify(&q);
	ck_assert_str_ne(q.sweep_id, id);
	q.nr_sets = 1;
	q.nr_vary = 1;
	sweep_plan_identify(&q);
	ck_assert_str_ne(q.sweep_id, id);
	q.nr_vary = 2;
	q.version = "1.1";
	sweep_plan_identify(&q);
	ck_assert_str_ne(q.sweep_id, id);
	q.version = "1.0";
	q.tick = "10ms";
	sweep_plan_identify(&q);
	ck_assert_str_ne(q.sweep_id, id);
	q.tick = NULL;
	/* texts are length-prefixed: moving a boundary changes the hash */
	q.model_text = "[machine]\n[workload]";
	q.workload_text = "\n";
	sweep_plan_identify(&q);
	ck_assert_str_ne(q.sweep_id, id);
	q.model_text = p.model_text;
	q.workload_text = p.workload_text;
	sweep_plan_identify(&q);
	ck_assert_str_eq(q.sweep_id, id);
	axes_release(&p.axes);
	axes_release(&q.axes);
}
END_TEST

START_TEST(test_lines)
{
	char *line = sweep_plan_lines(vary, 2);

	ck_assert_str_eq(line, "movablecore=0%,50%\ncpus=1..3/1");
	free(line);
}
END_TEST

Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");

	tcase_add_test(tc, test_runs_point_major);
	tcase_add_test(tc, test_identity);
	tcase_add_test(tc, test_lines);
	suite_add_tcase(s, tc);
	return s;
}
