/*
 * suites.h - the unit test suites; main.c runs them all.
 */
#ifndef FRAGSIM_TESTS_SUITES_H
#define FRAGSIM_TESTS_SUITES_H

#include <check.h>

Suite *bootparam_suite(void);
Suite *memblock_suite(void);
Suite *zone_layout_suite(void);
Suite *model_suite(void);
Suite *buddy_suite(void);
Suite *page_alloc_suite(void);
Suite *free_pages_suite(void);
Suite *frag_index_suite(void);
Suite *compaction_suite(void);
Suite *slots_suite(void);
Suite *event_queue_suite(void);
Suite *workload_suite(void);
Suite *sim_suite(void);
Suite *experiment_suite(void);
Suite *plan_suite(void);
Suite *vmscan_suite(void);
Suite *kcompactd_suite(void);
Suite *memory_hotplug_suite(void);
Suite *snapshot_suite(void);
Suite *ftrace_suite(void);
Suite *store_suite(void);
Suite *plot_suite(void);
Suite *oom_kill_suite(void);
Suite *latency_suite(void);
Suite *timer_wheel_suite(void);
Suite *shell_quote_suite(void);
Suite *util_suite(void);

#endif
