/*
 * replay.c - "fragsim replay": the options, the boot, and the report of
 * a real kernel's ftrace replayed on the model (src/replay/, doc/replay.md):
 * the simulator's outcome beside the kernel's (the trace's
 * mm_page_alloc_extfrag and compaction events, and the pagetypeinfo
 * snapshots found beside the trace).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "machine/pagetypeinfo.h"
#include "mm/page_alloc.h"
#include "replay/replay.h"
#include "replay/snapshots.h"
#include "trace/ftrace.h"
#include "util/diag.h"

/* --- the report --- */

static void print_inputs(const struct replay_figures *r,
			 const struct mm_state *mm, bool skip_bad)
{
	printf("Events read: %lu (and %lu header or blank lines)\n",
	       r->nr_events + (skip_bad ? r->nr_bad : 0), r->nr_skipped);
	printf("  %-36s %8lu  replayed\n", "mm_page_alloc", r->nr_allocs_input);
	printf("  %-36s %8lu  replayed: %lu freed fragsim's block, "
	       "%lu were parts of a split block,\n"
	       "  %-36s %8s  %lu skipped (allocated before the trace began)\n",
	       "mm_page_free, mm_page_free_batched", r->nr_frees_input,
	       r->nr_frees_input - r->free_before_trace - r->free_partial,
	       r->free_partial, "", "", r->free_before_trace);
	for (int i = 0; i < r->nr_other; i++)
		printf("  %-36s %8lu  read as the kernel's outcome, not "
		       "input\n", r->other[i].name, r->other[i].count);
	if (r->other_overflow)
		printf("  %-36s %8lu  not input\n", "(other events)",
		       r->other_overflow);
	if (skip_bad)
		printf("  %-36s %8lu  skipped (--skip-bad)\n", "bad lines",
		       r->nr_bad);
	if (r->free_sim_failed || r->free_sim_dropped)
		printf("  frees with no fragsim block: %lu (fragsim's "
		       "allocation had failed), %lu (reclaimed by fragsim)\n",
		       r->free_sim_failed, r->free_sim_dropped);
	if (r->alloc_kernel_failed_held)
		printf("  allocations the kernel failed and fragsim did not "
		       "(held to the end): %lu\n", r->alloc_kernel_failed_held);
	if (r->alloc_over_held)
		printf("  allocations at a pfn still held (a free the trace "
		       "missed, done first): %lu\n", r->alloc_over_held);
	if (r->out_of_order)
		printf("  events earlier than the event before them (replayed "
		       "at the later time): %lu\n", r->out_of_order);
	if (r->cpu_folded)
		printf("  events on a CPU the machine lacks (CPU mod %d): "
		       "%lu\n", mm->nr_cpus, r->cpu_folded);
}

static void print_allocs(const struct replay_figures *r)
{
	char k[32], s[32];

	printf("\nAllocations by order and migratetype (requests; failed "
	       "ones in brackets)\n");
	printf("  %5s  %-12s %16s %16s\n", "order", "migratetype", "kernel",
	       "fragsim");
	for (int o = 0; o < MAX_ORDER; o++)
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			if (!r->kernel.alloc[o][mt] && !r->sim.alloc[o][mt])
				continue;
			snprintf(k, sizeof(k), "%lu (%lu)", r->kernel.alloc[o][mt],
				 r->kernel.failed[o][mt]);
			snprintf(s, sizeof(s), "%lu (%lu)", r->sim.alloc[o][mt],
				 r->sim.failed[o][mt]);
			printf("  %5d  %-12s %16s %16s\n", o,
			       migratetype_names[mt], k, s);
		}
}

static void print_row(const char *what, unsigned long k, const char *s)
{
	printf("  %-44s %8lu %8s\n", what, k, s);
}

static void print_outcome(const struct replay_figures *r,
			  const struct mm_state *mm)
{
	const struct replay_side *k = &r->kernel, *s = &r->sim;
	char b[32];

#define NUM(v) (snprintf(b, sizeof(b), "%lu", (unsigned long)(v)), b)
	printf("\nFallbacks (mm_page_alloc_extfrag)             %8s %8s\n",
	       "kernel", "fragsim");
	print_row("all", k->extfrag, NUM(mm->extfrag.events));
	print_row("fragmenting", k->fragmenting, NUM(mm->extfrag.fragmenting));
	print_row("changed ownership", k->change_ownership,
		  NUM(mm->extfrag.change_ownership));
	printf("\nCompaction                                   %8s %8s\n",
	       "kernel", "fragsim");
	print_row("begins (mm_compaction_begin)", k->compact_begin,
		  NUM(s->compact_begin));
	print_row("ends (mm_compaction_end)", k->compact_end,
		  NUM(s->compact_end));
	print_row("direct (mm_compaction_try_to_compact_pages)",
		  k->try_to_compact, NUM(s->try_to_compact));
	print_row("deferred (mm_compaction_deferred)", k->deferred,
		  NUM(s->deferred));
	print_row("deferrals (mm_compaction_defer_compaction)",
		  k->defer_compaction, NUM(s->defer_compaction));
	print_row("resets (mm_compaction_defer_reset)", k->defer_reset,
		  NUM(s->defer_reset));
	printf("  fragsim: compact_stall %lu, compact_success %lu, "
	       "compact_fail %lu, kcompactd wakes %lu (%lu proactive)\n",
	       mm->vm_events[COMPACTSTALL], mm->vm_events[COMPACTSUCCESS],
	       mm->vm_events[COMPACTFAIL], mm->vm_events[KCOMPACTD_WAKE],
	       mm->vm_events[KCOMPACTD_WAKE_PROACTIVE]);
#undef NUM
}

static void print_blocks(struct mm_state *mm, const char *path,
			 const struct pagetypeinfo_table *t)
{
	printf("\nPageblock types at the end (kernel: %s)\n", path);
	printf("  %-22s %-12s %8s %8s %7s\n", "zone", "type", "kernel",
	       "fragsim", "diff");
	for (int i = 0; i < t->nr_rows; i++) {
		unsigned long sim[MIGRATE_TYPES];
		char name[40];

		replay_zone_pageblocks(mm, t->rows[i].nid, t->rows[i].zone,
				       sim);
		snprintf(name, sizeof(name), "Node %d, zone %s", t->rows[i].nid,
			 t->rows[i].zone);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long kc = t->rows[i].count[mt];

			if (!kc && !sim[mt])
				continue;
			printf("  %-22s %-12s %8lu %8lu", name,
			       migratetype_names[mt], kc, sim[mt]);
			if (kc)
				printf(" %+6.1f%%\n", 100.0 *
				       ((double)sim[mt] - (double)kc) /
				       (double)kc);
			else
				printf(" %7s\n", "-");
		}
	}
}

/* --- the command --- */

/* The replay on the booted machine, and its report: an exit status. */
static int run_replay(const struct replay_config *c, struct mm_state *mm,
		      struct ftrace_reader *reader, bool reader_failed,
		      bool check)
{
	static struct pagetypeinfo_table end;
	struct replay *r = replay_new(mm, c);
	const struct replay_figures *f = replay_figures(r);
	const char *end_path;
	int ret = EXIT_OK;

	if (replay_begin(r) || replay_trace(r, reader, reader_failed)) {
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	printf("Replayed %s: %.6f s of trace time\n", c->trace,
	       (double)(f->last_ts - f->first_ts) / 1e9);
	if (f->start && c->has_start_at)
		printf("Start state: built from %s at %llu.%06llu s, after the "
		       "trace's first %lu events (held: %lu unmovable, %lu "
		       "movable, %lu reclaimable pages)\n", f->start,
		       (unsigned long long)(c->start_at_ns / 1000000000),
		       (unsigned long long)(c->start_at_ns % 1000000000 /
					    1000),
		       f->events_before_start,
		       f->start_held[MIGRATE_UNMOVABLE],
		       f->start_held[MIGRATE_MOVABLE],
		       f->start_held[MIGRATE_RECLAIMABLE]);
	else if (f->start)
		printf("Start state: built from %s (held: %lu unmovable, %lu "
		       "movable, %lu reclaimable pages)\n", f->start,
		       f->start_held[MIGRATE_UNMOVABLE],
		       f->start_held[MIGRATE_MOVABLE],
		       f->start_held[MIGRATE_RECLAIMABLE]);
	else
		printf("Start state: fresh boot\n");
	print_inputs(f, mm, c->skip_bad);
	print_allocs(f);
	print_outcome(f, mm);
	if (replay_end_snapshot(r, &end_path, &end))
		print_blocks(mm, end_path, &end);
	if (check && mm_check_invariants(mm, stderr))
		ret = EXIT_RUN_FAILED;
out:
	replay_free(r);
	return ret;
}

static int replay_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "dmesg", required_argument, NULL, 'd' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "start", required_argument, NULL, 's' },
		{ "start-at", required_argument, NULL, 'S' },
		{ "skip-bad", no_argument, NULL, 'b' },
		{ "check", no_argument, NULL, 'k' },
		{ "db", required_argument, NULL, 'D' },
		{ "trace", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct machine_args machine = { 0 };
	struct replay_config c = { 0 };
	struct cli_getopt g;
	struct ftrace_reader reader;
	struct printk_log log;
	struct mm_state mm;
	struct machine m;
	char *command_line;
	const char *trace_out = NULL;
	bool check = false, reader_failed;
	int opt, ret;

	/* as given, before getopt_long reorders argv */
	command_line = cli_command_line(argc, argv);
	cli_getopt_init(&g, &cmd_replay, argc, argv, "h", options);
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 'd': machine.dmesg = optarg; break;
		case 'c': machine.cmdline = optarg; break;
		case 's': c.start = optarg; break;
		case 'S':
			if (ftrace_parse_seconds(optarg, &c.start_at_ns)) {
				ret = cli_usage_error(&cmd_replay, "--start-at "
						      "%s: expected seconds "
						      "on the trace's clock, "
						      "as 3.185", optarg);
				goto out;
			}
			c.has_start_at = true;
			break;
		case 'b': c.skip_bad = true; break;
		case 'k': check = true; break;
		case 'D': c.db = optarg; break;
		case 'T': trace_out = optarg; break;
		}
	}
	if (opt == CLI_GETOPT_EXIT) {
		ret = g.status;
		goto out;
	}
	if (!machine.dmesg && optind < argc)
		machine.model = argv[optind++];
	if (optind < argc)
		c.trace = argv[optind++];
	if (optind < argc) {
		ret = cli_usage_error(&cmd_replay, "unexpected argument: %s",
				      argv[optind]);
		goto out;
	}
	if (!machine.model == !machine.dmesg) {
		ret = cli_usage_error(&cmd_replay, "give either a MODEL or "
				      "--dmesg BOOTLOG");
		goto out;
	}
	if (!c.trace) {
		ret = cli_usage_error(&cmd_replay, "give the TRACE to replay");
		goto out;
	}
	c.command_line = command_line;
	c.model_kind = machine.dmesg ? "dmesg" : "model";
	c.model_path = machine.dmesg ? machine.dmesg : machine.model;

	/* decompressing starts now, beside the boot (errors wait their turn) */
	reader_failed = ftrace_open_threaded(&reader, c.trace) != 0;
	if (machine_args_load(&machine, &m)) {
		ftrace_close(&reader);
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	c.boot_cmdline = m.cmdline;
	printk_init(&log);
	if (mm_init(&mm, &m, &log)) {
		ret = EXIT_BAD_INPUT;
	} else if (trace_out && !(c.trace_out = fopen(trace_out, "w"))) {
		diag_error(DIAG_LOC(trace_out, 0), "cannot write the trace: %s",
			   strerror(errno));
		ret = EXIT_BAD_INPUT;
		mm_release(&mm);
	} else {
		mm.log = NULL;
		ret = run_replay(&c, &mm, &reader, reader_failed, check);
		mm_release(&mm);
	}
	if (c.trace_out && fclose(c.trace_out) && ret == EXIT_OK) {
		diag_error(DIAG_LOC(trace_out, 0), "writing the trace failed");
		ret = EXIT_RUN_FAILED;
	}
	/* a bad trace line stops the replay: no partial trace left behind */
	if (c.trace_out && ret == EXIT_BAD_INPUT)
		unlink(trace_out);
	printk_release(&log);
	machine_release(&m);
	ftrace_close(&reader);
out:
	free(command_line);
	return ret;
}

const struct subcommand cmd_replay = {
	.name = "replay",
	.summary = "replay a real kernel's page allocation trace (ftrace)",
	.usage =
	"usage: fragsim replay (MODEL | --dmesg BOOTLOG) [--cmdline STRING]\n"
	"                      [--start PAGETYPEINFO|none] [--start-at SECONDS]\n"
	"                      [--skip-bad] [--check] [--db FILE] [--trace FILE]\n"
	"                      TRACE\n"
	"\n"
	"Boot the machine and drive it with the page allocations and frees of\n"
	"TRACE, the text of /sys/kernel/tracing/trace (raw or .xz) recorded with\n"
	"kmem:mm_page_alloc, mm_page_free and mm_page_free_batched, in the same\n"
	"order and on the trace's clock (kswapd and kcompactd run between the\n"
	"events).  A free goes to the block fragsim allocated for the kernel's\n"
	"block at that pfn; frees of pages allocated before the trace began are\n"
	"counted and skipped.  mm_page_alloc_extfrag and compaction events are\n"
	"read as the kernel's outcome.  At the end it prints the allocations by\n"
	"order and migratetype, fallbacks and compaction beside the kernel's,\n"
	"and the pageblock-type table beside the last pagetypeinfo snapshot\n"
	"found beside TRACE (DIR/*/pagetypeinfo, by folder name).  See\n"
	"doc/replay.md.\n"
	"\n"
	"Options:\n"
	"  --dmesg BOOTLOG    read the machine from a real boot log\n"
	"  --cmdline STRING   replace the boot command line\n"
	"  --start FILE       rebuild the state at the trace's start from this\n"
	"                     pagetypeinfo (default: the first snapshot beside\n"
	"                     TRACE when there are two or more; none: boot only)\n"
	"  --start-at SECONDS when the start snapshot was taken, on the trace's\n"
	"                     clock, if the trace began before it: the events\n"
	"                     before are replayed on the booted machine, then\n"
	"                     the state is made the snapshot's (default: the\n"
	"                     trace's first event)\n"
	"  --skip-bad         go on past malformed lines (counted, and the first\n"
	"                     20 reported); without it the first one is an error\n"
	"  --check            recount every frame and free list at the end;\n"
	"                     exit 1 if anything disagrees\n"
	"  --db FILE          record the replay in a result store (a tick every\n"
	"                     100 ms of trace time; the model's tracepoints)\n"
	"  --trace FILE       write the model's tracepoints (compaction, kswapd)\n"
	"                     to FILE in ftrace's text format, on the trace's\n"
	"                     clock, to set beside the kernel's events\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 done, 1 --check failed, 2 bad usage or a bad trace line.\n",
	.run = replay_main,
};
