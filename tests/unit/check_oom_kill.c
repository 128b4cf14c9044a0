/*
 * check_oom_kill.c - the OOM killer (mm/oom_kill.c, 6.1): oom_badness and
 * select_bad_process by hand, and __alloc_pages_may_oom's rules on a small
 * zone filled to its min watermark.
 *
 * Zone: DMA32 pfn 4096..8191 (4096 pages), pcp on.  totalpages / 1000 = 4,
 * so an oom_score_adj of N adds 4N points.
 */
#include <limits.h>
#include <stdio.h>

#include "mm/oom_kill.h"
#include "mm/printk.h"
#include "suites.h"
#include "testbed.h"

static struct mm_state mm;

#define BASE	4096UL
#define PAGES	4096UL
#define NR_TASKS	3

/* The tasks and the pfns each holds, so that a kill can free them. */
static struct oom_task task[NR_TASKS];
static struct oom_tasks tasks;
static unsigned long held[NR_TASKS][PAGES];
static unsigned long nr_held[NR_TASKS];
static int killed[NR_TASKS];

static void setup(void)
{
	testbed_boot(&mm, BASE, PAGES, true);
	for (int i = 0; i < NR_TASKS; i++) {
		task[i] = (struct oom_task){ .pid = 100 + i };
		snprintf(task[i].comm, sizeof(task[i].comm), "task%d", i);
		nr_held[i] = 0;
		killed[i] = 0;
	}
	tasks = (struct oom_tasks){ .task = task, .nr = NR_TASKS,
				    .current = -1 };
}

static void teardown(void)
{
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm.oom = NULL;
	mm_release(&mm);
}

/* oom_tasks.kill: the victim's pages go back to the buddy lists. */
static void kill_task(void *ctx, int t)
{
	(void)ctx;
	killed[t]++;
	for (unsigned long i = 0; i < nr_held[t]; i++)
		free_block(&mm, held[t][i]);
	task[t].anon_rss = 0;
	nr_held[t] = 0;
}

/*
 * With no OOM killer registered, give task t anonymous pages until the
 * allocator refuses (limit: at most that many); returns how many it got.
 */
static unsigned long fill(int t, unsigned long limit)
{
	unsigned long n = 0;

	for (; n < limit; n++) {
		struct alloc_result res = __alloc_pages(&mm,
			GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 0, 0, 0,
			OWNER_ANON);

		if (res.pfn == PFN_NONE)
			break;
		held[t][nr_held[t]++] = res.pfn;
		task[t].anon_rss++;
	}
	return n;
}

START_TEST(test_badness_by_hand)
{
	struct oom_task t = { .anon_rss = 1000, .pgtables = 10 };

	ck_assert_int_eq(oom_badness(&t, PAGES), 1010);
	t.oom_score_adj = 1000;		/* + 1000 * (4096 / 1000) */
	ck_assert_int_eq(oom_badness(&t, PAGES), 1010 + 4000);
	t.oom_score_adj = -500;
	ck_assert_int_eq(oom_badness(&t, PAGES), 1010 - 2000);
	t.oom_score_adj = OOM_SCORE_ADJ_MIN;
	ck_assert(oom_badness(&t, PAGES) == LONG_MIN);
	t.oom_score_adj = 0;
	t.exited = true;
	ck_assert(oom_badness(&t, PAGES) == LONG_MIN);
}
END_TEST

START_TEST(test_select_highest_last_on_tie)
{
	task[0].anon_rss = 300;
	task[1].anon_rss = 500;
	task[2].anon_rss = 100;
	task[2].oom_score_adj = 100;	/* 100 + 400 */
	/* 1 and 2 tie at 500: for_each_process keeps the later */
	ck_assert_int_eq(select_bad_process(&tasks, PAGES), 2);
	task[2].oom_score_adj = 99;	/* 496 */
	ck_assert_int_eq(select_bad_process(&tasks, PAGES), 1);
	task[1].exited = true;
	ck_assert_int_eq(select_bad_process(&tasks, PAGES), 2);
	for (int i = 0; i < NR_TASKS; i++)
		task[i].oom_score_adj = OOM_SCORE_ADJ_MIN;
	ck_assert_int_eq(select_bad_process(&tasks, PAGES), -1);
}
END_TEST

/*
 * A full zone: task 0 holds 100 pages at oom_score_adj 1000 (badness
 * 100 + 4000), task 1 3000 pages at 0 (3000), task 2 the rest and is
 * unkillable.  A GFP_KERNEL page must kill task 0, and only it: its 100
 * pages, freed to the buddy lists, lift the zone back above the min
 * watermark (128 pages), where the fill left it.
 */
START_TEST(test_kernel_request_kills_the_worst_task)
{
	struct alloc_result res;
	struct zone *zone = mm_zone(&mm, 0, ZONE_DMA32);

	ck_assert_uint_eq(fill(0, 100), 100);
	ck_assert_uint_eq(fill(1, 3000), 3000);
	ck_assert_uint_gt(fill(2, PAGES), 0);
	ck_assert_uint_le(zone->nr_free_pages, min_wmark_pages(zone));
	task[0].oom_score_adj = 1000;
	task[2].oom_score_adj = OOM_SCORE_ADJ_MIN;
	tasks.kill = kill_task;
	mm.oom = &tasks;

	res = __alloc_pages(&mm, GFP_KERNEL, 0, 0, 0, OWNER_KERNEL);
	ck_assert_uint_ne(res.pfn, PFN_NONE);
	ck_assert_int_eq(killed[0], 1);
	ck_assert_int_eq(killed[1], 0);
	ck_assert_int_eq(killed[2], 0);
	ck_assert(task[0].exited);
	ck_assert_uint_eq(mm.vm_events[OOM_KILL], 1);
	free_block(&mm, res.pfn);
}
END_TEST

/*
 * Requests the OOM killer does not serve fail with every task alive:
 * costly orders, __GFP_RETRY_MAYFAIL, no __GFP_FS (IO-less reclaim), and
 * lowmem-only requests (highest zone below ZONE_NORMAL).
 */
START_TEST(test_requests_the_oom_killer_leaves_alone)
{
	static const struct {
		gfp_t gfp;
		unsigned int order;
	} req[] = {
		{ GFP_KERNEL | __GFP_NOWARN, 4 },
		{ GFP_KERNEL | __GFP_RETRY_MAYFAIL | __GFP_NOWARN, 0 },
		{ GFP_NOFS | __GFP_NOWARN, 0 },
		{ GFP_KERNEL | __GFP_DMA32 | __GFP_NOWARN, 0 },
	};

	fill(0, PAGES);
	tasks.kill = kill_task;
	mm.oom = &tasks;
	for (size_t i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
		struct alloc_result res = __alloc_pages(&mm, req[i].gfp,
							req[i].order, 0, 0,
							OWNER_KERNEL);

		ck_assert_msg(res.pfn == PFN_NONE, "request %zu served", i);
	}
	ck_assert_int_eq(killed[0], 0);
	ck_assert_uint_eq(mm.vm_events[OOM_KILL], 0);
}
END_TEST

/*
 * The report, as 6.1's dump_header, dump_oom_summary and
 * __oom_kill_process print it for a global OOM.  Task 0 holds the 100
 * anon pages its fill counted plus, as a balloon process would, 2 file
 * pages, 171 shmem pages and 26 page-table pages in a mapping of 8487
 * pages: badness 100 + 2 + 171 + 26 + 1000 * 4 = 4299 beats task 1's 3000
 * (get_mm_rss counts file and shmem pages too).  kB are pages * 4.
 */
START_TEST(test_kill_report_lines)
{
	struct printk_log log;
	struct alloc_result res;

	printk_init(&log);
	ck_assert_uint_eq(fill(0, 100), 100);
	ck_assert_uint_eq(fill(1, 3000), 3000);
	ck_assert_uint_gt(fill(2, PAGES), 0);
	task[0] = (struct oom_task){ .pid = 114, .oom_score_adj = 1000,
		.total_vm = 8487, .anon_rss = 100, .file_rss = 2,
		.shmem_rss = 171, .pgtables = 26 };
	snprintf(task[0].comm, sizeof(task[0].comm), "frag");
	task[2].oom_score_adj = OOM_SCORE_ADJ_MIN;
	ck_assert_int_eq(oom_badness(&task[0], PAGES), 4299);
	tasks.kill = kill_task;
	tasks.current = 2;
	mm.oom = &tasks;
	mm.log = &log;

	res = __alloc_pages(&mm, GFP_KERNEL, 0, 0, 0, OWNER_KERNEL);
	ck_assert_uint_ne(res.pfn, PFN_NONE);
	ck_assert_int_eq(killed[0], 1);
	ck_assert_uint_eq(log.cnt, 3);
	ck_assert_str_eq(log.lines[0], "task2 invoked oom-killer: "
			 "gfp_mask=0xcc0(GFP_KERNEL), order=0, "
			 "oom_score_adj=-1000");
	ck_assert_str_eq(log.lines[1], "oom-kill:constraint=CONSTRAINT_NONE,"
			 "nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
			 "task_memcg=/,task=frag,pid=114,uid=0");
	ck_assert_str_eq(log.lines[2], "Out of memory: Killed process 114 "
			 "(frag) total-vm:33948kB, anon-rss:400kB, "
			 "file-rss:8kB, shmem-rss:684kB, UID:0 pgtables:104kB "
			 "oom_score_adj:1000");
	mm.log = NULL;
	printk_release(&log);
	free_block(&mm, res.pfn);
}
END_TEST

/* Nothing killable: the request fails (the kernel would panic). */
START_TEST(test_nothing_killable_fails)
{
	struct alloc_result res;

	fill(0, PAGES);
	task[0].oom_score_adj = OOM_SCORE_ADJ_MIN;
	tasks.kill = kill_task;
	mm.oom = &tasks;
	res = __alloc_pages(&mm, GFP_KERNEL | __GFP_NOWARN, 0, 0, 0,
			    OWNER_KERNEL);
	ck_assert_uint_eq(res.pfn, PFN_NONE);
	ck_assert_int_eq(killed[0], 0);
	ck_assert(mm.warned_no_oom_victim);
}
END_TEST

Suite *oom_kill_suite(void)
{
	Suite *s = suite_create("oom_kill");
	TCase *tc = tcase_create("oom_kill");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_badness_by_hand);
	tcase_add_test(tc, test_select_highest_last_on_tie);
	tcase_add_test(tc, test_kernel_request_kills_the_worst_task);
	tcase_add_test(tc, test_requests_the_oom_killer_leaves_alone);
	tcase_add_test(tc, test_nothing_killable_fails);
	tcase_add_test(tc, test_kill_report_lines);
	suite_add_tcase(s, tc);
	return s;
}
