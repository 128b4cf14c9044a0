/*
 * main.c - run every unit test suite, reporting in TAP so that the test
 * harness counts each test.
 */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr;
	int failed;

	/*
	 * No time limits: a verdict must not depend on how fast the machine
	 * is, and Check's 4 s default (or a suite's own 60 or 120 s) fails
	 * sound tests under the sanitizers on a busy machine.  Check scales
	 * every test case's timeout, its default and tcase_set_timeout's
	 * alike, by this when the case is made, and a timeout of 0 arms no
	 * timer.  One set by the caller is kept (CK_TIMEOUT_MULTIPLIER=1
	 * brings the limits back, to find a hang).
	 */
	setenv("CK_TIMEOUT_MULTIPLIER", "0", 0);
	sr = srunner_create(bootparam_suite());

	srunner_add_suite(sr, memblock_suite());
	srunner_add_suite(sr, zone_layout_suite());
	srunner_add_suite(sr, model_suite());
	srunner_add_suite(sr, buddy_suite());
	srunner_add_suite(sr, page_alloc_suite());
	srunner_add_suite(sr, free_pages_suite());
	srunner_add_suite(sr, frag_index_suite());
	srunner_add_suite(sr, compaction_suite());
	srunner_add_suite(sr, event_queue_suite());
	srunner_add_suite(sr, slots_suite());
	srunner_add_suite(sr, workload_suite());
	srunner_add_suite(sr, sim_suite());
	srunner_add_suite(sr, experiment_suite());
	srunner_add_suite(sr, plan_suite());
	srunner_add_suite(sr, shell_quote_suite());
	srunner_add_suite(sr, util_suite());
	srunner_add_suite(sr, vmscan_suite());
	srunner_add_suite(sr, kcompactd_suite());
	srunner_add_suite(sr, memory_hotplug_suite());
	srunner_add_suite(sr, snapshot_suite());
	srunner_add_suite(sr, ftrace_suite());
	srunner_add_suite(sr, store_suite());
	srunner_add_suite(sr, plot_suite());
	srunner_add_suite(sr, oom_kill_suite());
	srunner_add_suite(sr, latency_suite());
	srunner_add_suite(sr, timer_wheel_suite());
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
