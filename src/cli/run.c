/*
 * run.c - "fragsim run": boot a machine, run a workload on it over
 * simulated time and print what happened.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/run.h"
#include "cli/snapshot_args.h"
#include "experiment/run.h"
#include "mm/snapshot.h"
#include "proc/blocks.h"
#include "experiment/recorder.h"
#include "store/store.h"
#include "trace/ftrace.h"
#include "util/diag.h"
#include "util/parse_num.h"
#include "util/xalloc.h"

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct run_ui {
	bool tty;		/* progress on stderr */
	bool quiet;
	FILE *trace;		/* --trace: tracepoints, or NULL */
	const struct sim *sim;
	struct timespec start, last;
	sim_time_t total;	/* the phases' durations, if all have one */
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static bool ui_progress(void *ctx, const struct sim *s)
{
	struct run_ui *ui = ctx;
	double wall, rate;
	char now[32];

	if (interrupted)
		return false;
	if (!ui->tty || seconds_since(&ui->last) < 0.25)
		return true;
	clock_gettime(CLOCK_MONOTONIC, &ui->last);
	wall = seconds_since(&ui->start);
	rate = (double)s->stats.events / wall;
	format_duration(s->now, now, sizeof(now));
	fprintf(stderr, "\r\033[K[%d/%d %s] simulated %s, %.2fM events/s",
		s->phase + 1, s->w->nr_phases, s->w->phases[s->phase].name,
		now, rate / 1e6);
	if (ui->total && s->now > 0)
		fprintf(stderr, ", ETA %.0fs", wall *
			(double)(ui->total - s->now) / (double)s->now);
	return true;
}

/* A line of the run's story, stamped with the simulated time. */
static void ui_say(const struct run_ui *ui, const struct sim *s,
		   const char *what, const char *name, const char *detail)
{
	char t[32];

	if (ui->quiet)
		return;
	if (ui->tty)
		fprintf(stderr, "\r\033[K");	/* clear the progress line */
	format_duration(s->now, t, sizeof(t));
	printf("[%s] %s %s%s%s\n", t, what, name, detail ? ": " : "",
	       detail ? detail : "");
}

static void ui_phase(void *ctx, const struct sim *s, int p)
{
	ui_say(ctx, s, "phase", s->w->phases[p].name, NULL);
}

static void ui_action(void *ctx, const struct sim *s, const struct action *a,
		      const char *result)
{
	ui_say(ctx, s, "action", a->name, result);
}

/* mm->trace: one line as /sys/kernel/tracing/trace shows an event. */
static void ui_trace(struct run_ui *ui, const char *event, const char *text)
{
	char buf[24];

	ftrace_write_event(ui->trace, sim_task_name(ui->sim, buf, sizeof(buf)),
			   0, sim_task_cpu(ui->sim), ui->sim->now, event, text);
}

/* --- the observers: the UI's and, with --db, the store's --- */

struct run_observers {
	struct run_ui *ui;
	struct run_recorder *rec;	/* NULL without --db */
};

static void obs_tick(void *ctx, const struct sim *s)
{
	struct run_observers *o = ctx;

	if (o->rec)
		run_recorder_tick(o->rec, s);
}

static void obs_phase(void *ctx, const struct sim *s, int p)
{
	struct run_observers *o = ctx;

	ui_phase(o->ui, s, p);
	if (o->rec)
		run_recorder_phase_begin(o->rec, s, p);
}

static void obs_phase_end(void *ctx, const struct sim *s, int p)
{
	struct run_observers *o = ctx;

	if (o->rec)
		run_recorder_phase_end(o->rec, s, p);
}

static void obs_action_start(void *ctx, const struct sim *s,
			     const struct action *a)
{
	struct run_observers *o = ctx;

	if (o->rec)
		run_recorder_action_start(o->rec, s, a);
}

static void obs_first_failure(void *ctx, const struct sim *s,
			      unsigned int order)
{
	struct run_observers *o = ctx;

	if (o->rec)
		run_recorder_first_failure(o->rec, s, order);
}

static void obs_action(void *ctx, const struct sim *s, const struct action *a,
		       const char *result)
{
	struct run_observers *o = ctx;

	ui_action(o->ui, s, a, result);
	if (o->rec)
		run_recorder_action(o->rec, s, a, result);
}

static bool obs_progress(void *ctx, const struct sim *s)
{
	struct run_observers *o = ctx;

	return ui_progress(o->ui, s);
}

static void obs_trace(void *ctx, const char *event, const char *text)
{
	struct run_observers *o = ctx;

	if (o->ui->trace)
		ui_trace(o->ui, event, text);
	if (o->rec)
		run_recorder_trace(o->rec, o->ui->sim->now, event, text);
}

struct run_options {
	struct machine_args machine;
	struct snapshot_args snapshot;
	const char *workload;
	const char *trace;
	/* --trace-pfns LO-HI: the window of mm_page_* events (hi 0: none) */
	unsigned long trace_pfn_lo, trace_pfn_hi;
	const char *kernel_log;	/* --kernel-log: the simulated dmesg */
	const char *stop_after;	/* a phase's name */
	const char *db;		/* --db: the result store */
	const char *show;	/* --show: a /proc format of the final state */
	sim_time_t map;		/* --map: pageblock map interval */
	char *command_line;	/* as given, before getopt reorders it */
	const char *sweep_id;	/* --sweep ID --point N: set by fragsim sweep */
	int64_t point;
	const char **sets;
	int nr_sets;
	const char **set_origins;	/* "--set" or "--vary", per set */
	struct sim_params params;
	bool quiet, progress_forced;
	bool dry_run;		/* --dry-run: validate and boot, then stop */
};

/* "LO-HI", two hex pfns (an optional 0x each), LO below HI. */
static bool parse_pfn_window(const char *s, unsigned long *lo,
			     unsigned long *hi)
{
	const char *dash = strchr(s, '-');
	uint64_t a, b;
	char buf[32];

	if (!dash || (size_t)(dash - s) >= sizeof(buf))
		return false;
	memcpy(buf, s, (size_t)(dash - s));
	buf[dash - s] = '\0';
	if (!parse_u64_all(buf, 16, ULONG_MAX, &a) ||
	    !parse_u64_all(dash + 1, 16, ULONG_MAX, &b) || a >= b)
		return false;
	*lo = (unsigned long)a;
	*hi = (unsigned long)b;
	return true;
}

/* --show owners: the pageblocks' pages by the generator holding them. */
static void show_owners(FILE *out, const struct sim *s,
			const struct mm_state *mm)
{
	int n = s->w->nr_generators;
	const char **names = xcalloc((size_t)(n ? n : 1), sizeof(*names));

	for (int g = 0; g < n; g++)
		names[g] = s->w->generators[g].name;
	blocks_print_owners(out, mm, names, (unsigned int)n);
	free(names);
}

struct places_out {
	FILE *out;
	const char *gen;
};

static void print_place(void *ctx, uint32_t place, unsigned long pfn)
{
	struct places_out *po = ctx;

	fprintf(po->out, "%s\t%u\t%lu\n", po->gen, place, pfn);
}

/*
 * --show places: each reuse = lowest generator's blocks in place order
 * with their pfns, the side of kernel-capture.sh -M's frag_pagemap (frag's
 * anon[] pages, read in index order) a run can be set beside.
 */
static void show_places(FILE *out, struct sim *s)
{
	fprintf(out, "generator\tplace\tpfn\n");
	for (int g = 0; g < s->w->nr_generators; g++) {
		struct places_out po = { out, s->w->generators[g].name };

		sim_for_each_place(s, g, print_place, &po);
	}
}

static int parse_options(int argc, char **argv, struct run_options *o)
{
	static const struct option options[] = {
		{ "dmesg", required_argument, NULL, 'd' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "set", required_argument, NULL, 's' },
		{ "vary-value", required_argument, NULL, 'V' },
		{ "seed", required_argument, NULL, 'S' },
		{ "tick", required_argument, NULL, 't' },
		{ "trace", required_argument, NULL, 'T' },
		{ "trace-pfns", required_argument, NULL, 'F' },
		{ "kernel-log", required_argument, NULL, 'K' },
		{ "stop-after", required_argument, NULL, 'P' },
		{ "max-sim-time", required_argument, NULL, 'X' },
		{ "db", required_argument, NULL, 'D' },
		{ "sweep", required_argument, NULL, 'W' },
		{ "point", required_argument, NULL, 'I' },
		{ "map", required_argument, NULL, 'm' },
		{ "show", required_argument, NULL, 'w' },
		{ "check", no_argument, NULL, 'k' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "progress", no_argument, NULL, 'p' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		SNAPSHOT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	uint64_t seed;
	char *end;
	struct cli_getopt g;
	int opt;

	cli_getopt_init(&g, &cmd_run, argc, argv, "hq", options);
	o->command_line = cli_command_line(argc, argv);
	o->params.seed = 1;
	o->sets = xcalloc((size_t)argc, sizeof(*o->sets));
	o->set_origins = xcalloc((size_t)argc, sizeof(*o->set_origins));
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 'd': o->machine.dmesg = optarg; break;
		case 'c': o->machine.cmdline = optarg; break;
		case 's':
		case 'V':	/* a sweep's --vary value, checked */
			o->set_origins[o->nr_sets] = opt == 's' ? "--set" :
							       "--vary";
			o->sets[o->nr_sets++] = optarg;
			break;
		case 'S':
			/* strtoull took "-1" as 2^64 - 1 and saturated
			 * overflow: two seeds given would run as one */
			if (!parse_u64_all(optarg, 10, UINT64_MAX, &seed))
				return cli_usage_error(&cmd_run, "--seed %s: "
						       "expected a whole number "
						       "from 0 to %llu",
						       optarg,
						       (unsigned long long)
						       UINT64_MAX);
			o->params.seed = seed;
			break;
		case 't':
			if (parse_duration(optarg, &o->params.tick) ||
			    !o->params.tick)
				return cli_usage_error(&cmd_run, "--tick %s: "
						       "expected a positive "
						       "duration such as 1s",
						       optarg);
			break;
		case 'T': o->trace = optarg; break;
		case 'F':
			if (!parse_pfn_window(optarg, &o->trace_pfn_lo,
					      &o->trace_pfn_hi))
				return cli_usage_error(&cmd_run, "--trace-pfns "
						       "%s: expected a window "
						       "LO-HI of hex pfns, LO "
						       "below HI, such as "
						       "20000-21000", optarg);
			break;
		case 'K': o->kernel_log = optarg; break;
		case 'P': o->stop_after = optarg; break;
		case 'X':
			if (parse_duration(optarg, &o->params.max_time) ||
			    !o->params.max_time)
				return cli_usage_error(&cmd_run, "--max-sim-time "
						       "%s: expected a positive "
						       "duration such as 1h",
						       optarg);
			break;
		case 'D': o->db = optarg; break;
		case 'W': o->sweep_id = optarg; break;
		case 'I':
			o->point = strtoll(optarg, &end, 10);
			if (end == optarg || *end || o->point < 0)
				return cli_usage_error(&cmd_run, "--point %s: "
						       "expected a number",
						       optarg);
			break;
		case 'm':
			if (parse_duration(optarg, &o->map) || !o->map)
				return cli_usage_error(&cmd_run, "--map %s: "
						       "expected a positive "
						       "duration such as 1s",
						       optarg);
			break;
		case 'w':
			if (!cli_proc_format(optarg) &&
			    strcmp(optarg, "owners") &&
			    strcmp(optarg, "places"))
				return cli_usage_error(&cmd_run, "--show %s: "
						       "expected buddyinfo, "
						       "pagetypeinfo, zoneinfo, "
						       "vmstat, blocks, owners "
						       "or places", optarg);
			o->show = optarg;
			break;
		case 'k': o->params.check = true; break;
		case 'q': o->quiet = true; break;
		case 'p': o->progress_forced = true; break;
		case 'n': o->dry_run = true; break;
		default:
			if (!snapshot_args_option(&o->snapshot, opt, optarg))
				return cli_getopt_refuse(&g);
		}
	}
	if (opt == CLI_GETOPT_EXIT)	/* after --help: -1 */
		return g.status == EXIT_OK ? -1 : g.status;
	if (!o->machine.dmesg && optind < argc)
		o->machine.model = argv[optind++];
	if (optind < argc)
		o->workload = argv[optind++];
	if (optind < argc)
		return cli_usage_error(&cmd_run, "unexpected argument: %s",
				       argv[optind]);
	if (!o->machine.model == !o->machine.dmesg)
		return cli_usage_error(&cmd_run, "give either a MODEL or "
				       "--dmesg BOOTLOG");
	if (o->trace_pfn_hi && !o->trace)
		return cli_usage_error(&cmd_run, "--trace-pfns: give --trace "
				       "FILE too, where the events go");
	if (!o->workload)
		return cli_usage_error(&cmd_run, "no WORKLOAD given");
	if (o->map && !o->db)
		return cli_usage_error(&cmd_run, "--map needs --db");
	if (o->sweep_id && !o->db)
		return cli_usage_error(&cmd_run, "--sweep needs --db");
	/* a stored run needs ticks: 100 ms unless asked, maps 10x coarser */
	if (o->db && !o->params.tick)
		o->params.tick = 100 * NSEC_PER_MSEC;
	if (o->db && !o->map)
		o->map = 10 * o->params.tick;
	return snapshot_args_check(&o->snapshot, &cmd_run);
}

/* --stop-after PHASE: the phase's index; -1 after reporting. */
static int find_stop_phase(struct run_options *o, const struct workload *w)
{
	if (!o->stop_after)
		return 0;
	for (int p = 0; p < w->nr_phases; p++) {
		if (!strcmp(w->phases[p].name, o->stop_after)) {
			o->params.stop_early = true;
			o->params.stop_after = p;
			return 0;
		}
	}
	diag_error(DIAG_LOC("--stop-after", 0), "%s: the workload has no "
		   "[phase %s]", o->stop_after, o->stop_after);
	return -1;
}

static sim_time_t total_duration(const struct workload *w)
{
	sim_time_t total = 0;

	for (int p = 0; p < w->nr_phases; p++) {
		if (!w->phases[p].duration)
			return 0;
		/* a drawn one counts its mean */
		total += w->phases[p].duration_max ?
			 (w->phases[p].duration + w->phases[p].duration_max) / 2 :
			 w->phases[p].duration;
	}
	return total;
}

/* What the run's record says of it, from the options. */
static struct experiment_record record_of(const struct run_options *o)
{
	return (struct experiment_record){
		.db = o->db, .command_line = o->command_line,
		.model_kind = o->machine.model ? "model" : "dmesg",
		.model_path = o->machine.model ? o->machine.model :
			      o->machine.dmesg,
		.workload_path = o->workload,
		.sets = o->sets, .nr_sets = o->nr_sets,
		.seed = o->params.seed, .tick = o->params.tick,
		.map_interval = o->map,
		.sweep_id = o->sweep_id, .point = o->point,
	};
}

/* Boot, run and report; the machine and workload are loaded. */
static int simulate(struct run_options *o, struct machine *m,
		    struct workload *w)
{
	struct run_ui ui = { .tty = o->progress_forced || isatty(2),
			     .quiet = o->quiet, .total = total_duration(w) };
	struct run_observers ro = { .ui = &ui };
	struct sim_observer obs = { .ctx = &ro, .progress = obs_progress,
				    .phase_begin = obs_phase,
				    .phase_end = obs_phase_end,
				    .action_start = obs_action_start,
				    .first_failure = obs_first_failure,
				    .action = obs_action, .tick = obs_tick };
	struct run_recorder rec;
	struct store *st = NULL;
	struct printk_log log;
	struct mm_state mm;
	enum sim_status status;
	enum run_status run_status;
	struct sim s;
	FILE *klog = NULL;
	double wall;
	int ret = EXIT_OK;

	printk_init(&log);
	if (snapshot_args_boot(&o->snapshot, &mm, m, &log)) {
		printk_release(&log);
		return EXIT_BAD_INPUT;
	}
	/* the boot's messages and the run's, for --kernel-log */
	mm.log = &log;
	if (experiment_check_placement(w, &mm) || o->dry_run) {
		ret = o->dry_run ? EXIT_OK : EXIT_BAD_INPUT;
		goto out_boot;
	}
	ret = EXIT_BAD_INPUT;
	if (o->kernel_log && !(klog = fopen(o->kernel_log, "w"))) {
		diag_error(DIAG_LOC(o->kernel_log, 0), "cannot write the "
			   "kernel log: %s", strerror(errno));
		goto out_boot;
	}
	if (o->trace && !(ui.trace = fopen(o->trace, "w"))) {
		diag_error(DIAG_LOC(o->trace, 0), "cannot write the trace: %s",
			   strerror(errno));
		goto out_files;
	}
	if (o->db) {
		struct experiment_record r = record_of(o);

		if (experiment_open_store(&r, m, w, &mm, &st, &rec))
			goto out_files;
		ro.rec = &rec;
	}
	ret = EXIT_OK;
	if (ui.trace || st) {
		mm.trace = obs_trace;
		mm.trace_ctx = &ro;
	}
	if (ui.trace) {
		mm.trace_pfn_lo = o->trace_pfn_lo;
		mm.trace_pfn_hi = o->trace_pfn_hi;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	clock_gettime(CLOCK_MONOTONIC, &ui.start);
	ui.last = ui.start;
	sim_init(&s, &mm, w, &o->params, &obs);
	log.clock_ns = &s.now;
	if (o->snapshot.kpageflags)
		snapshot_adopt_hugetlb(&mm, &s.hstate);
	ui.sim = &s;
	status = sim_run(&s);
	wall = seconds_since(&ui.start);
	if (ui.tty)
		fprintf(stderr, "\r\033[K");
	printf("fragsim run: workload %s on %s, seed %llu: %s\n", w->name,
	       m->source, (unsigned long long)o->params.seed,
	       sim_status_name(status));
	if (s.stop_reason[0]) {
		printf("fragsim run: stopped: %s\n", s.stop_reason);
		cli_message(&cmd_run, "%s: %s",
			sim_status_name(status), s.stop_reason);
	}
	run_print_summary(stdout, &s);
	if (o->show && !strcmp(o->show, "owners"))
		show_owners(stdout, &s, &mm);
	else if (o->show && !strcmp(o->show, "places"))
		show_places(stdout, &s);
	else if (o->show)
		cli_proc_show(stdout, o->show, &mm);
	if (ui.tty)
		cli_message(&cmd_run, "%.2f s wall, %.2fM events/s",
			wall, (double)s.stats.events / wall / 1e6);
	if (o->params.check && mm_check_invariants(&mm, stderr))
		s.check_failures++;
	if (s.check_failures) {
		cli_message(&cmd_run, "the state check failed %d "
			"time(s)", s.check_failures);
		ret = EXIT_RUN_FAILED;
	}
	run_status = ret ? RUN_FAILED : status == SIM_INTERRUPTED ?
		     RUN_INTERRUPTED : status == SIM_STALLED ? RUN_STALLED :
		     status == SIM_TIME_LIMIT ? RUN_TIME_LIMIT : RUN_COMPLETE;
	if (status == SIM_INTERRUPTED)
		ret = EXIT_INTERRUPTED;
	else if (!ret && status != SIM_COMPLETE)
		ret = EXIT_STOPPED;
	if (st)
		run_recorder_kernel_log(&rec, &log);
	if (st && experiment_close_store(st, &rec, run_status, &s, wall)) {
		diag_error(DIAG_LOC(o->db, 0), "recording the run failed");
		ret = EXIT_RUN_FAILED;
	}
	if (klog)
		printk_write_timed(&log, klog);
	mm.trace = NULL;
	log.clock_ns = NULL;
	sim_release(&s);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
out_files:
	if (ui.trace && fclose(ui.trace) && !ret) {
		diag_error(DIAG_LOC(o->trace, 0), "writing the trace failed");
		ret = EXIT_RUN_FAILED;
	}
	if (klog && fclose(klog) && !ret) {
		diag_error(DIAG_LOC(o->kernel_log, 0), "writing the kernel "
			   "log failed");
		ret = EXIT_RUN_FAILED;
	}
	/* bad input stops before the run: no empty files left behind */
	if (ret == EXIT_BAD_INPUT) {
		if (ui.trace)
			unlink(o->trace);
		if (klog)
			unlink(o->kernel_log);
	}
out_boot:
	mm.log = NULL;
	mm_release(&mm);
	printk_release(&log);
	return ret;
}

static int run_main(int argc, char **argv)
{
	struct run_options o = { 0 };
	struct workload w;
	struct machine m;
	int ret = EXIT_BAD_INPUT, errors = 0;

	ret = parse_options(argc, argv, &o);
	if (ret) {
		free(o.command_line);
		free(o.sets);
		free(o.set_origins);
		return ret < 0 ? EXIT_OK : ret;
	}
	ret = EXIT_BAD_INPUT;
	if (machine_args_load(&o.machine, &m))
		goto out_sets;
	if (workload_load(&w, o.workload))
		goto out_machine;
	for (int i = 0; i < o.nr_sets; i++)
		errors += experiment_apply_set(&m, &w, o.sets[i], o.set_origins[i]) ? 1 :
									  0;
	if (!errors && !workload_check(&w) && !find_stop_phase(&o, &w))
		ret = simulate(&o, &m, &w);
	workload_release(&w);
out_machine:
	machine_release(&m);
out_sets:
	free(o.command_line);
	free(o.sets);
	free(o.set_origins);
	return ret;
}

const struct subcommand cmd_run = {
	.name = "run",
	.summary = "run a workload on a machine over simulated time",
	.usage =
	"usage: fragsim run (MODEL | --dmesg BOOTLOG) WORKLOAD [--set KEY=VALUE]...\n"
	"                   [--seed N] [--tick INTERVAL] [--trace FILE\n"
	"                   [--trace-pfns LO-HI]] [--check]\n"
	"                   [--kernel-log FILE]\n"
	"                   [--stop-after PHASE] [--max-sim-time TIME] [--quiet]\n"
	"                   [--from-kpageflags FILE --kpagecount FILE]\n"
	"                   [--db FILE [--map INTERVAL]] [--show FORMAT] [--quiet]\n"
	"\n"
	"Boot the machine, run the workload's phases on it over simulated time\n"
	"and print a summary: requests and failures by kind and order, allocation\n"
	"latency, the compaction counters, hugetlb pool sizes and pageblocks per\n"
	"zone with how many are mixed.  The same machine, workload, --set values\n"
	"and seed give the same output.  doc/workloads.md describes workloads.\n"
	"\n"
	"Options:\n"
	"  --dmesg BOOTLOG    read the machine from a real boot log\n"
	"  --cmdline STRING   replace the boot command line\n"
	"  --set KEY=VALUE    override a boot parameter (movablecore=25%),\n"
	"                     a sysctl (extfrag_threshold=400), cpus=N, hz=N,\n"
	"                     or a workload key (fill.rate=2000/s); repeatable\n"
	"  --vary-value KEY=VALUE  as --set, with errors named as --vary's\n"
	"                     (sweep checks each --vary value so)\n"
	"  --seed N           the run's seed (default 1)\n"
	"  --tick INTERVAL    metrics interval in simulated time (with --db:\n"
	"                     100ms; ticks are also taken at every phase end)\n"
	"  --db FILE          record the run in the SQLite result store FILE\n"
	"                     (created if new; doc/schema.md); its readers are\n"
	"                     fragsim buddyinfo|pagetypeinfo|zoneinfo|vmstat|export\n"
	"  --map INTERVAL     pageblock map interval (default: 10 ticks)\n"
	"  --show FORMAT      after the summary, print the final state as\n"
	"                     buddyinfo, pagetypeinfo, zoneinfo or vmstat,\n"
	"                     or as blocks: each pageblock's pages by\n"
	"                     kpageflags class, frag --blockscan's format,\n"
	"                     or as owners: each pageblock's pages by the\n"
	"                     generator holding them (free, unheld: the\n"
	"                     kernel's, a freed process's; then one column\n"
	"                     per generator), or as places: each block of\n"
	"                     a reuse = lowest generator by its place in\n"
	"                     the array, with its pfn\n"
	"  --kernel-log FILE  write the simulated kernel's messages (boot, page\n"
	"                     allocation failures, OOM kills, hotplug) with\n"
	"                     dmesg's timestamps, in simulated time\n"
	"  --trace FILE       write the tracepoints (compaction deferral, ...)\n"
	"                     to FILE in ftrace's text format\n"
	"  --trace-pfns LO-HI with --trace, also every allocation, free and\n"
	"                     pcp drain of a page whose pfn is in [LO, HI)\n"
	"                     (hex: kmem:mm_page_alloc, mm_page_free,\n"
	"                     mm_page_pcpu_drain), as kernel-capture.sh -w\n"
	"                     and -p filter a capture's\n"
	"  --stop-after PHASE end the run when that phase ends\n"
	"  --max-sim-time TIME stop the run (status time_limit) when simulated\n"
	"                     time reaches TIME (default 1 day)\n"
	"  --check            recount the whole state at every phase end and\n"
	"                     at the end; exit 1 if anything disagrees\n"
	"  -q, --quiet        do not print phases and actions as they happen\n"
	"  --progress         show progress even when stderr is not a terminal\n"
	"  --dry-run          check the arguments and boot the machine, then\n"
	"                     stop (exit 0 if the run could start)\n"
	SNAPSHOT_USAGE
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 done, 1 the state check failed or recording the run\n"
	"failed, 2 bad input (then no run is recorded), 3 the run stopped early:\n"
	"a phase could no longer end (stalled: its generators' process was\n"
	"killed, say) or the simulated time limit was reached; the summary and\n"
	"--db say why, 130 interrupted (Ctrl-C: the summary covers what was\n"
	"simulated; --db marks the run interrupted).\n",
	.run = run_main,
};
