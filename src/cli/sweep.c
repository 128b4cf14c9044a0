/*
 * sweep.c - "fragsim sweep": run a workload on a machine at every point of
 * a grid of parameters, several seeds each, as "fragsim run" child
 * processes recording into one result store; resumable, and able to emit
 * its runs as self-contained commands for GNU parallel or a SLURM array.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "config.h"
#include "version.h"
#include "experiment/plan.h"
#include "experiment/pool.h"
#include "experiment/sweep.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/shell_quote.h"
#include "util/xalloc.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct sweep_options {
	const char *model, *workload, *db, *tick;
	const char *emit_jobs, *slurm;
	const char **vary, **sets;
	size_t nr_vary, nr_sets;
	unsigned seeds;
	int jobs;
	long only;		/* --only K: run K alone (an emitted job) */
	bool progress_forced;
	char *command_line;
};

static int parse_count(const char *opt, const char *arg, long min, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	if (end == arg || *end || errno || *out < min)
		return cli_usage_error(&cmd_sweep, "%s %s: expected a whole "
				       "number of at least %ld", opt, arg,
				       min);
	return 0;
}

static int parse_options(int argc, char **argv, struct sweep_options *o)
{
	static const struct option options[] = {
		{ "vary", required_argument, NULL, 'v' },
		{ "set", required_argument, NULL, 's' },
		{ "seeds", required_argument, NULL, 'n' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "db", required_argument, NULL, 'D' },
		{ "tick", required_argument, NULL, 't' },
		{ "emit-jobs", required_argument, NULL, 'e' },
		{ "slurm", required_argument, NULL, 'S' },
		{ "only", required_argument, NULL, 'o' },
		{ "progress", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	long n;
	struct cli_getopt g;
	int opt;

	cli_getopt_init(&g, &cmd_sweep, argc, argv, "hj:", options);
	o->command_line = cli_command_line(argc, argv);
	o->vary = xcalloc((size_t)argc, sizeof(*o->vary));
	o->sets = xcalloc((size_t)argc, sizeof(*o->sets));
	o->seeds = 1;
	o->jobs = pool_default_workers();
	o->only = -1;
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 'v': o->vary[o->nr_vary++] = optarg; break;
		case 's': o->sets[o->nr_sets++] = optarg; break;
		case 'n':
			if (parse_count("--seeds", optarg, 1, &n))
				return EXIT_BAD_INPUT;
			o->seeds = (unsigned)n;
			break;
		case 'j':
			if (parse_count("--jobs", optarg, 1, &n))
				return EXIT_BAD_INPUT;
			o->jobs = (int)n;
			break;
		case 'D': o->db = optarg; break;
		case 't': o->tick = optarg; break;
		case 'e': o->emit_jobs = optarg; break;
		case 'S': o->slurm = optarg; break;
		case 'o':
			if (parse_count("--only", optarg, 0, &o->only))
				return EXIT_BAD_INPUT;
			break;
		case 'p': o->progress_forced = true; break;
		}
	}
	if (opt == CLI_GETOPT_EXIT)	/* after --help: -1 */
		return g.status == EXIT_OK ? -1 : g.status;
	if (optind + 2 != argc)
		return cli_usage_error(&cmd_sweep, "expected MODEL and "
				       "WORKLOAD");
	o->model = argv[optind];
	o->workload = argv[optind + 1];
	if (!o->db && !o->emit_jobs)
		return cli_usage_error(&cmd_sweep, "--db FILE is needed (or "
				       "--emit-jobs FILE)");
	if (o->db && o->emit_jobs)
		return cli_usage_error(&cmd_sweep, "--emit-jobs writes one "
				       "shard database per run: no --db");
	if (o->slurm && !o->emit_jobs)
		return cli_usage_error(&cmd_sweep, "--slurm needs --emit-jobs");
	return 0;
}

/* --- running children quietly --- */

/*
 * Run jobs with the children's stdout discarded and their stderr kept in
 * a temporary file (so that their messages do not tear the progress bar);
 * *err_fd is left reading it.  Our own stderr stays where it was.
 */
static size_t run_jobs(struct pool_job *jobs, size_t n, int workers,
		       const struct pool_observer *obs, int *err_fd)
{
	char path[] = "/tmp/fragsim-sweep-XXXXXX";
	int saved_out = dup(1), saved_err = dup(2);
	int null = open("/dev/null", O_WRONLY);
	int log = mkstemp(path);
	size_t ok;

	if (log >= 0)
		unlink(path);
	fflush(stdout);
	fflush(stderr);
	if (null >= 0)
		dup2(null, 1);
	if (log >= 0)
		dup2(log, 2);
	ok = pool_run(jobs, n, workers, obs, &stop);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	if (null >= 0)
		close(null);
	if (log >= 0)
		lseek(log, 0, SEEK_SET);
	*err_fd = log;
	return ok;
}

/* Copy what the children said to our stderr, and close it. */
static void replay_children_stderr(int fd)
{
	char buf[4096];
	ssize_t n;

	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, (size_t)n, stderr);
	close(fd);
}

/* --- checking every value before anything is written --- */

/* The point at which axis i has value j and every other axis its first. */
static size_t point_of(const struct axes *a, size_t i, size_t j)
{
	size_t stride = 1;

	for (size_t k = a->nr; k-- > i + 1;)
		stride *= a->axis[k].nr_values;
	return j * stride;
}

/*
 * Boot once per distinct value of each axis (with the fixed sets), as
 * "fragsim run --dry-run": a bad value or unknown key is refused by the
 * same code that would apply it.
 */
static int check_values(const struct sweep_plan *p, int workers)
{
	size_t n = 0, cap = 1, k = 0;
	struct pool_job *jobs;
	int err_fd, bad = 0;

	for (size_t i = 0; i < p->axes.nr; i++)
		cap += p->axes.axis[i].nr_values;
	jobs = xcalloc(cap, sizeof(*jobs));
	if (!p->axes.nr)
		jobs[n++].argv = sweep_plan_check_argv(p, 0);
	for (size_t i = 0; i < p->axes.nr; i++)
		for (size_t j = 0; j < p->axes.axis[i].nr_values; j++)
			jobs[n++].argv = sweep_plan_check_argv(p,
						point_of(&p->axes, i, j));
	run_jobs(jobs, n, workers, NULL, &err_fd);
	replay_children_stderr(err_fd);
	if (!p->axes.nr && jobs[0].status) {
		cli_message(&cmd_sweep, "the machine, the workload or "
			"a --set was refused (above)");
		bad = 1;
	}
	for (size_t i = 0; i < p->axes.nr; i++) {
		for (size_t j = 0; j < p->axes.axis[i].nr_values; j++, k++) {
			if (!jobs[k].status)
				continue;
			cli_message(&cmd_sweep, "--vary %s: the value "
				"%s was refused (above)",
				p->axes.axis[i].key,
				p->axes.axis[i].values[j]);
			bad = 1;
		}
	}
	for (size_t i = 0; i < n; i++)
		sweep_plan_argv_free(jobs[i].argv);
	free(jobs);
	return bad ? EXIT_BAD_INPUT : 0;
}

/* --- progress --- */

struct progress {
	const struct sweep_plan *plan;
	const struct sweep_options *o;
	struct pool_job *jobs;
	struct store *st;	/* read connection, NULL if no bar */
	FILE *tty;
	size_t *run_of_job;
	int merge_errors;
	size_t done, total, already;
	int64_t events;
	struct timespec start;
};

static double elapsed(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* The events of run k, read from the database once it is complete. */
static int64_t run_events(struct progress *pr, size_t k)
{
	struct store_sweep_run *runs;
	int64_t events = 0;
	size_t n;

	if (store_sweep_runs(pr->st, pr->plan->sweep_id, &runs, &n))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (runs[i].point == (int64_t)sweep_plan_point(pr->plan, k) &&
		    runs[i].seed == sweep_plan_seed(pr->plan, k) &&
		    run_status_finished(runs[i].status))
			events = runs[i].events;
	free(runs);
	return events;
}

static void progress_draw(struct progress *pr)
{
	double wall = elapsed(&pr->start);
	size_t done = pr->already + pr->done, width = 30;
	size_t fill = pr->total ? done * width / pr->total : width;
	char bar[64];

	memset(bar, '#', fill);
	memset(bar + fill, '.', width - fill);
	bar[width] = '\0';
	fprintf(pr->tty, "\r\033[K[%s] %zu/%zu runs, %.2fM events/s", bar,
		done, pr->total, wall > 0 ? (double)pr->events / wall / 1e6 :
		0.0);
	if (pr->done && done < pr->total)
		fprintf(pr->tty, ", ETA %.0fs", wall / (double)pr->done *
			(double)(pr->total - done));
	fflush(pr->tty);
}

/* --- each run in a shard of its own, merged as it ends --- */

static void progress_done(void *ctx, size_t job)
{
	struct progress *pr = ctx;
	size_t k = pr->run_of_job[job];

	if (pr->o->only < 0 && sweep_shard_collect(pr->o->db, k) < 0) {
		pr->merge_errors++;
		pr->jobs[job].status = -1;
	}
	pr->done++;
	if (!pr->tty)
		return;
	pr->events += run_events(pr, k);
	progress_draw(pr);
}

/* --- the sweep --- */

/* Absolute path of a file, which need not exist yet (free()). */
static char *absolute(const char *path)
{
	char buf[PATH_MAX], *dir, *slash, *out;

	if (realpath(path, buf))
		return xstrdup(buf);
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	if (!realpath(slash ? (*dir ? dir : "/") : ".", buf)) {
		free(dir);
		return xstrdup(path);
	}
	out = xmalloc(strlen(buf) + strlen(path) + 2);
	sprintf(out, "%s/%s", strcmp(buf, "/") ? buf : "",
		slash ? slash + 1 : path);
	free(dir);
	return out;
}

static void fill_sweep_row(const struct sweep_options *o,
			   const struct sweep_plan *p, struct store_sweep *sw)
{
	memset(sw, 0, sizeof(*sw));
	sw->sweep_id = (char *)p->sweep_id;
	sw->command_line = o->command_line;
	sw->fragsim_version = FRAGSIM_VERSION;
	sw->model_path = (char *)o->model;
	sw->model_text = (char *)p->model_text;
	sw->workload_path = (char *)o->workload;
	sw->workload_text = (char *)p->workload_text;
	sw->axes = sweep_plan_lines(o->vary, o->nr_vary);
	sw->fixed_sets = sweep_plan_lines(o->sets, o->nr_sets);
	sw->seeds = p->seeds;
	sw->nr_points = (int64_t)axes_nr_points(&p->axes);
}

static int run_sweep(const struct sweep_options *o, struct sweep_plan *p)
{
	size_t nr = sweep_plan_nr_runs(p), n = 0, ok, stalled = 0;
	bool *todo = xcalloc(nr, sizeof(*todo));
	struct pool_job *jobs;
	struct progress pr = { .plan = p, .total = nr };
	struct pool_observer obs = { .ctx = &pr, .done = progress_done };
	struct store_sweep row;
	int err_fd, ret;
	long left;

	fill_sweep_row(o, p, &row);
	left = sweep_prepare_db(o->db, &row, p, o->only, todo);
	free(row.axes);
	free(row.fixed_sets);
	if (left < 0) {
		free(todo);
		return left == STORE_ERR_VERSION ? EXIT_BAD_INPUT :
		       EXIT_RUN_FAILED;
	}
	jobs = xcalloc(nr, sizeof(*jobs));
	pr.run_of_job = xcalloc(nr, sizeof(*pr.run_of_job));
	if (o->only < 0 && !access(o->db, F_OK)) {
		char *dir = xmalloc(strlen(o->db) + 8);

		sprintf(dir, "%s.runs", o->db);
		mkdir(dir, 0777);
		free(dir);
	}
	for (size_t k = 0; k < nr; k++) {
		char *db;

		if (!todo[k])
			continue;
		db = o->only < 0 ? sweep_shard_path(o->db, k) : xstrdup(o->db);
		pr.run_of_job[n] = k;
		jobs[n++].argv = sweep_plan_run_argv(p, k, db);
		free(db);
	}
	pr.o = o;
	pr.jobs = jobs;
	pr.already = o->only < 0 ? nr - n : 0;
	pr.total = o->only < 0 ? nr : n;
	/* the bar goes to our stderr, which the children's does not share */
	if ((o->progress_forced || isatty(2)) && n &&
	    !store_open_read(&pr.st, o->db))
		pr.tty = fdopen(dup(2), "w");
	if (pr.tty) {
		clock_gettime(CLOCK_MONOTONIC, &pr.start);
		progress_draw(&pr);
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	ok = run_jobs(jobs, n, o->jobs, &obs, &err_fd);
	/* a run that stalled or hit the time limit has its result */
	for (size_t i = 0; i < n; i++) {
		ok += jobs[i].status == EXIT_STOPPED;
		stalled += jobs[i].status == EXIT_STOPPED;
	}
	ok -= (size_t)pr.merge_errors;
	if (o->only < 0) {
		char *dir = xmalloc(strlen(o->db) + 8);

		sprintf(dir, "%s.runs", o->db);
		rmdir(dir);	/* unless runs were interrupted */
		free(dir);
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	if (pr.tty) {
		fputc('\n', pr.tty);
		fclose(pr.tty);
	}
	store_close(pr.st);
	if (ok < n)
		replay_children_stderr(err_fd);
	else if (err_fd >= 0)
		close(err_fd);
	printf("fragsim sweep: sweep %s: %zu points x %u seeds; %zu runs "
	       "done now, %zu were already complete, %zu not done; results "
	       "in %s\n", p->sweep_id, axes_nr_points(&p->axes), p->seeds,
	       ok, pr.already, n - ok, o->db);
	if (stalled)
		printf("fragsim sweep: %zu of these runs stopped early (stalled "
		       "or at the time limit): see runs.status and "
		       "runs.stop_reason\n", stalled);
	ret = stop ? EXIT_INTERRUPTED : ok < n ? EXIT_RUN_FAILED : EXIT_OK;
	for (size_t i = 0; i < n; i++)
		sweep_plan_argv_free(jobs[i].argv);
	free(jobs);
	free(pr.run_of_job);
	free(todo);
	return ret;
}

/* --- emitting jobs for GNU parallel and SLURM --- */

/*
 * path for an "#SBATCH --output=" line: sbatch reads "..." with backslash
 * escapes there, and expands %-patterns, so a literal % is doubled.
 */
static void put_sbatch_path(FILE *f, const char *path)
{
	putc('"', f);
	for (; *path; path++) {
		if (*path == '"' || *path == '\\')
			putc('\\', f);
		if (*path == '%')
			putc('%', f);
		putc(*path, f);
	}
	putc('"', f);
}

static int write_slurm(const char *path, const char *jobs_file,
		       const char *shards, size_t nr)
{
	FILE *f = fopen(path, "w");
	char *jobs_quoted = shell_quote(jobs_file);
	char *merge_args[] = { "fragsim", "merge", "OUT.db", (char *)shards,
			       NULL };
	char *merge = shell_join(merge_args);

	if (!f) {
		diag_error(DIAG_LOC(path, 0), "cannot write: %s",
			   strerror(errno));
		free(jobs_quoted);
		free(merge);
		return -1;
	}
	/* the paths are quoted, and none has a newline (emit_jobs checked) */
	fprintf(f, "#!/bin/sh\n"
		"# A SLURM array job: task N runs line N of %s\n"
		"# (fragsim sweep --emit-jobs); then merge the shards:\n"
		"#   %s/run-*.db\n"
		"#SBATCH --job-name=fragsim-sweep\n"
		"#SBATCH --array=1-%zu\n"
		"#SBATCH --ntasks=1\n"
		"#SBATCH --cpus-per-task=1\n"
		"#SBATCH --output=", jobs_quoted, merge, nr);
	put_sbatch_path(f, shards);
	fprintf(f, "/slurm-%%A_%%a.out\n"
		"set -eu\n"
		"line=$(sed -n \"${SLURM_ARRAY_TASK_ID}p\" %s)\n"
		"exec sh -c \"$line\"\n", jobs_quoted);
	free(jobs_quoted);
	free(merge);
	if (fclose(f)) {
		diag_error(DIAG_LOC(path, 0), "writing failed");
		return -1;
	}
	chmod(path, 0755);
	return 0;
}

/*
 * Every word a job line or the sbatch script holds can be quoted for the
 * shell, but a line break would split the line: refuse it (exit 2) before
 * anything is written.
 */
static int check_one_line(const struct sweep_options *o,
			  const struct sweep_plan *p, const char *jobs_file,
			  const char *model, const char *workload)
{
	size_t n = 0;
	char **words = xcalloc(o->nr_vary + o->nr_sets + 8, sizeof(*words));
	const char *bad;

	words[n++] = (char *)p->fragsim;
	words[n++] = (char *)jobs_file;
	words[n++] = (char *)model;
	words[n++] = (char *)workload;
	if (o->slurm)
		words[n++] = (char *)o->slurm;
	if (o->tick)
		words[n++] = (char *)o->tick;
	for (size_t i = 0; i < o->nr_vary; i++)
		words[n++] = (char *)o->vary[i];
	for (size_t i = 0; i < o->nr_sets; i++)
		words[n++] = (char *)o->sets[i];
	bad = shell_line_unsafe(words);
	if (bad)
		diag_error(DIAG_LOC(o->emit_jobs, 0), "\"%.*s...\" has a line "
			   "break: a jobs file holds one command per line; "
			   "expected paths and values without newlines",
			   (int)strcspn(bad, "\r\n"), bad);
	free(words);
	return bad ? -1 : 0;
}

/*
 * One line per run: this same sweep restricted to that run (--only K),
 * with absolute paths, into its own shard database beside the jobs file.
 */
static int emit_jobs(const struct sweep_options *o, struct sweep_plan *p)
{
	size_t nr = sweep_plan_nr_runs(p);
	char *jobs_file = absolute(o->emit_jobs), *shards;
	char *model = absolute(o->model), *workload = absolute(o->workload);
	FILE *f;
	int ret = EXIT_OK;

	shards = xmalloc(strlen(jobs_file) + 16);
	sprintf(shards, "%s.shards", jobs_file);
	if (check_one_line(o, p, jobs_file, model, workload)) {
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	if (mkdir(shards, 0777) && errno != EEXIST) {
		diag_error(DIAG_LOC(shards, 0), "cannot create: %s",
			   strerror(errno));
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	f = fopen(jobs_file, "w");
	if (!f) {
		diag_error(DIAG_LOC(jobs_file, 0), "cannot write: %s",
			   strerror(errno));
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	for (size_t k = 0; k < nr; k++) {
		char **argv = xcalloc(o->nr_vary * 2 + o->nr_sets * 2 + 20,
				      sizeof(*argv));
		char num[3][32], db[PATH_MAX + 32], *line;
		size_t a = 0;

		argv[a++] = (char *)p->fragsim;
		argv[a++] = "sweep";
		argv[a++] = model;
		argv[a++] = workload;
		for (size_t i = 0; i < o->nr_vary; i++) {
			argv[a++] = "--vary";
			argv[a++] = (char *)o->vary[i];
		}
		for (size_t i = 0; i < o->nr_sets; i++) {
			argv[a++] = "--set";
			argv[a++] = (char *)o->sets[i];
		}
		if (o->tick) {
			argv[a++] = "--tick";
			argv[a++] = (char *)o->tick;
		}
		snprintf(num[0], sizeof(num[0]), "%u", p->seeds);
		snprintf(num[1], sizeof(num[1]), "%zu", k);
		snprintf(db, sizeof(db), "%s/run-%06zu.db", shards, k);
		argv[a++] = "--seeds";
		argv[a++] = num[0];
		argv[a++] = "--only";
		argv[a++] = num[1];
		argv[a++] = "--jobs";
		argv[a++] = "1";
		argv[a++] = "--db";
		argv[a++] = db;
		line = shell_join(argv);
		fprintf(f, "%s\n", line);
		free(line);
		free(argv);
	}
	if (fclose(f)) {
		diag_error(DIAG_LOC(jobs_file, 0), "writing failed");
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	if (o->slurm && write_slurm(o->slurm, jobs_file, shards, nr)) {
		ret = EXIT_BAD_INPUT;
		goto out;
	}
	printf("fragsim sweep: sweep %s: %zu runs written to %s, each "
	       "into its own shard in %s/\n"
	       "run them, e.g.:  parallel < %s   (or: sbatch --wait %s)\n"
	       "then merge:      fragsim merge OUT.db %s/run-*.db\n",
	       p->sweep_id, nr, jobs_file, shards, o->emit_jobs,
	       o->slurm ? o->slurm : "SCRIPT from --slurm", shards);
out:
	free(shards);
	free(jobs_file);
	free(model);
	free(workload);
	return ret;
}

/* --- main --- */

static int build_plan(const struct sweep_options *o, struct sweep_plan *p,
		      char *self)
{
	char err[256];

	memset(p, 0, sizeof(*p));
	p->fragsim = self;
	p->model = o->model;
	p->workload = o->workload;
	p->vary = o->vary;
	p->nr_vary = o->nr_vary;
	p->sets = o->sets;
	p->nr_sets = o->nr_sets;
	p->tick = o->tick;
	p->seeds = o->seeds;
	p->version = FRAGSIM_VERSION;
	for (size_t i = 0; i < o->nr_vary; i++) {
		if (axes_add(&p->axes, o->vary[i], err, sizeof(err)))
			return cli_usage_error(&cmd_sweep, "--vary %s: %s",
					       o->vary[i], err);
	}
	if (o->only >= 0 && (size_t)o->only >= sweep_plan_nr_runs(p))
		return cli_usage_error(&cmd_sweep, "--only %ld: the sweep has "
				       "runs 0 to %zu", o->only,
				       sweep_plan_nr_runs(p) - 1);
	p->model_text = store_file_text(o->model);
	p->workload_text = store_file_text(o->workload);
	if (!p->model_text || !p->workload_text)
		return EXIT_BAD_INPUT;
	sweep_plan_identify(p);
	return 0;
}

static int sweep_main(int argc, char **argv)
{
	struct sweep_options o = { 0 };
	struct sweep_plan p = { 0 };
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int ret;

	self[len > 0 ? len : 0] = '\0';
	ret = parse_options(argc, argv, &o);
	if (!ret)
		ret = build_plan(&o, &p, self);
	/* an emitted job was checked when it was emitted */
	if (!ret && o.only < 0)
		ret = check_values(&p, o.jobs);
	if (!ret)
		ret = o.emit_jobs ? emit_jobs(&o, &p) : run_sweep(&o, &p);
	axes_release(&p.axes);
	free((char *)p.model_text);
	free((char *)p.workload_text);
	free(o.command_line);
	free(o.vary);
	free(o.sets);
	return ret < 0 ? EXIT_OK : ret;
}

const struct subcommand cmd_sweep = {
	.name = "sweep",
	.summary = "run a workload over a grid of parameters and seeds",
	.usage =
	"usage: fragsim sweep MODEL WORKLOAD --vary KEY=SPEC [--vary ...]\n"
	"                     [--seeds N] [--set KEY=VALUE]... [--tick INTERVAL]\n"
	"                     [--jobs J] (--db FILE | --emit-jobs FILE [--slurm SCRIPT])\n"
	"\n"
	"Run the workload on the machine at every point of the grid the --vary\n"
	"axes span (the last axis varies fastest), with seeds 1 to N at each, as\n"
	"'fragsim run' processes, J at a time, all recording into the result\n"
	"store FILE, which also records the sweep (its id hashes the model and\n"
	"workload texts, the axes, the fixed sets, the seeds, the tick and the\n"
	"fragsim version).  Every value is checked first, by booting once per\n"
	"distinct value: a bad one is refused with exit 2 and nothing written.\n"
	"Rerunning the same command resumes: complete runs are kept, and runs\n"
	"that were interrupted, failed or killed are deleted and redone.\n"
	"'fragsim report FILE' summarises the sweep.\n"
	"\n"
	"Options:\n"
	"  --vary KEY=SPEC    an axis: KEY is what --set takes (movablecore,\n"
	"                     a sysctl, cpus, SECTION.KEY of the workload);\n"
	"                     SPEC is START..END/STEP (0%..90%/10%, 1G..4G/1G)\n"
	"                     or a list A,B,C; repeatable\n"
	"  --seeds N          seeds 1 to N at every point (default 1)\n"
	"  --set KEY=VALUE    a fixed setting of every run; repeatable\n"
	"  --tick INTERVAL    the runs' metrics interval (default 100ms)\n"
	"  -j, --jobs J       runs at once (default: the number of CPUs)\n"
	"  --db FILE          the result store (created if new)\n"
	"  --emit-jobs FILE   do not run: write one self-contained command per\n"
	"                     run to FILE, each recording into its own shard\n"
	"                     FILE.shards/run-K.db (for GNU parallel, or a\n"
	"                     cluster); 'fragsim merge' joins the shards\n"
	"  --slurm SCRIPT     with --emit-jobs: also write an sbatch array\n"
	"                     script whose task N runs line N of FILE\n"
	"  --only K           run K of the sweep alone (0-based, point-major);\n"
	"                     the emitted commands use it\n"
	"  --progress         a progress bar even when stderr is not a terminal\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 every run complete, 1 a run failed, 2 bad input\n"
	"(nothing written), 130 interrupted (finished runs are kept; rerun the\n"
	"command to finish the sweep).\n",
	.run = sweep_main,
};
