/*
 * main.c - run every unit test suite, reporting in TAP so that the test
 * harness counts each test.
 */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(bootparam_suite());
	int failed;

	srunner_add_suite(sr, memblock_suite());
	srunner_add_suite(sr, zone_layout_suite());
	srunner_add_suite(sr, model_suite());
	srunner_add_suite(sr, buddy_suite());
	srunner_add_suite(sr, page_alloc_suite());
	srunner_add_suite(sr, free_pages_suite());
	srunner_add_suite(sr, frag_index_suite());
	srunner_add_suite(sr, compaction_suite());
	srunner_add_suite(sr, event_queue_suite());
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
	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
