/*
 * plot.c - "fragsim plot DB [--run N] [--out DIR] [--format png|svg]":
 * a run's pictures drawn by gnuplot, run as an external program on the
 * scripts of analysis/, each fed a TSV the store writes for it (series.c):
 * per populated zone the two indices per order, free memory by order and
 * by migratetype, the pageblock map; compaction over time; and, if the
 * run belongs to a sweep, the sweep's headline figures.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/xalloc.h"

/* a file in out or data: the directory and a picture's name */
#define FILE_MAX	(PATH_MAX + 256)

struct plot_opts {
	int64_t run;
	const char *out;
	const char *format;
	bool keep_data;
	const char *at;		/* --at: the sweep's order-9 index then */
};

/* Where the pictures and their data go, and how they are drawn. */
struct plotter {
	struct store *st;
	const char *db;
	char scripts[PATH_MAX];		/* analysis/ */
	char out[PATH_MAX];		/* --out, absolute */
	char data[PATH_MAX];		/* the TSVs: out, or a temporary dir */
	const char *format;
	const char *phases;		/* store_run_phases: marked in time */
	const char *at;			/* the moment of the sweep's index */
	bool keep_data;
	int failed;
};

/* Whether dir holds the scripts (index.gp stands for them all). */
static bool has_scripts(const char *dir)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/index.gp", dir);
	return !access(path, R_OK);
}

/* FRAGSIM_ANALYSIS, else the installed scripts, else the source tree's. */
static int find_scripts(char *dir, size_t len)
{
	const char *env = getenv("FRAGSIM_ANALYSIS");

	if (env && *env) {
		if (!has_scripts(env)) {
			cli_message(&cmd_plot, "FRAGSIM_ANALYSIS=%s: no "
				"gnuplot scripts there (index.gp, ...)", env);
			return -1;
		}
		snprintf(dir, len, "%s", env);
	} else if (has_scripts(PKGDATADIR "/analysis")) {
		snprintf(dir, len, "%s", PKGDATADIR "/analysis");
	} else if (has_scripts(SRC_ANALYSIS_DIR)) {
		snprintf(dir, len, "%s", SRC_ANALYSIS_DIR);
	} else {
		cli_message(&cmd_plot, "the gnuplot scripts are neither "
			"in %s nor in %s; set FRAGSIM_ANALYSIS to the directory "
			"that holds them", PKGDATADIR "/analysis",
			SRC_ANALYSIS_DIR);
		return -1;
	}
	return 0;
}

/* Whether gnuplot is an executable on PATH. */
static bool have_gnuplot(void)
{
	const char *path = getenv("PATH");
	char file[PATH_MAX];

	while (path && *path) {
		size_t len = strcspn(path, ":");

		snprintf(file, sizeof(file), "%.*s/gnuplot", (int)len, path);
		if (len && !access(file, X_OK))
			return true;
		path += len + (path[len] == ':');
	}
	return false;
}

/* s as a gnuplot double-quoted string (escapes processed: \n breaks). */
static void put_gp_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/*
 * The -e argument: infile, outfile, term, title and phases (if not NULL),
 * then name=value pairs from extra (NULL-terminated; a value is a
 * string).  Free it.
 */
static char *gp_assignments(const char *infile, const char *outfile,
			    const char *term, const char *title,
			    const char *phases, const char *const *extra)
{
	const char *names[] = { "infile", "outfile", "term", "title",
				"phases" };
	const char *values[] = { infile, outfile, term, title, phases };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f) {
		perror("fragsim plot");
		abort();
	}
	for (int i = 0; i < 5 && values[i]; i++) {
		fprintf(f, "%s = ", names[i]);
		put_gp_string(f, values[i]);
		fputs("; ", f);
	}
	for (; extra && extra[0]; extra += 2) {
		fprintf(f, "%s = ", extra[0]);
		put_gp_string(f, extra[1]);
		fputs("; ", f);
	}
	fclose(f);
	return buf;
}

/* Run gnuplot on script in the scripts' directory; 0 if it succeeded. */
static int run_gnuplot(const struct plotter *p, const char *script,
		       const char *assignments)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("fragsim plot: fork");
		return -1;
	}
	if (!pid) {
		/* the scripts load "common.gp" relative to themselves */
		if (chdir(p->scripts)) {
			perror(p->scripts);
			_exit(127);
		}
		execlp("gnuplot", "gnuplot", "-e", assignments, script,
		       (char *)NULL);
		cli_message(&cmd_plot, "cannot run gnuplot: %s",
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

/* The data file of picture name. */
static void data_path(const struct plotter *p, const char *name, char *path,
		      size_t len)
{
	snprintf(path, len, "%s/%s.tsv", p->data, name);
}

static FILE *open_data(struct plotter *p, const char *name)
{
	char path[FILE_MAX];
	FILE *f;

	data_path(p, name, path, sizeof(path));
	f = fopen(path, "w");
	if (!f) {
		cli_message(&cmd_plot, "%s: %s", path,
			strerror(errno));
		p->failed++;
	}
	return f;
}

/* Close picture name's data file; 0 if it and what wrote it (ret) went
 * well, else the file is removed. */
static int close_data(struct plotter *p, const char *name, FILE *f, int ret)
{
	char path[FILE_MAX];

	if (ferror(f) | fclose(f) | ret) {
		data_path(p, name, path, sizeof(path));
		unlink(path);
		p->failed++;
		return -1;
	}
	return 0;
}

/*
 * Draw picture name (its data written) with script; prints the picture
 * written.  extra: more of the script's variables, as name, value pairs.
 */
static void draw(struct plotter *p, const char *name, const char *script,
		 const char *title, const char *const *extra)
{
	char infile[FILE_MAX], outfile[FILE_MAX], *assign;
	struct stat sb;

	data_path(p, name, infile, sizeof(infile));
	snprintf(outfile, sizeof(outfile), "%s/%s.%s", p->out, name, p->format);
	assign = gp_assignments(infile, outfile, p->format, title, p->phases,
				extra);
	if (run_gnuplot(p, script, assign) || stat(outfile, &sb) ||
	    !sb.st_size) {
		cli_message(&cmd_plot, "gnuplot failed to draw %s "
			"(script %s/%s)", outfile, p->scripts, script);
		p->failed++;
	} else {
		printf("%s\n", outfile);
		if (p->keep_data)
			printf("%s\n", infile);
	}
	free(assign);
	if (!p->keep_data)
		unlink(infile);
}

static char *title2(const char *what, const char *run_title)
{
	char *s;

	if (asprintf(&s, "%s\n%s", what, run_title) < 0)
		abort();
	return s;
}

/* The pictures drawn for each zone. */
enum zone_series {
	ZS_FRAG_INDEX,
	ZS_UNUSABLE_INDEX,
	ZS_FREE_BY_ORDER,
	ZS_FREE_BY_MIGRATETYPE,
	ZS_PAGEBLOCKS,
	ZS_POLLUTION,
};

static const struct zone_picture {
	enum zone_series series;
	const char *suffix;		/* of the file name */
	const char *what;		/* the title's first line */
	const char *script;
	const char *extra[3];		/* the script's variables */
} zone_pictures[] = {
	{ ZS_FRAG_INDEX, "frag-index", "Fragmentation index per order",
	  "index.gp", { "which", "extfrag", NULL } },
	{ ZS_UNUSABLE_INDEX, "unusable-index",
	  "Unusable free space index per order", "index.gp",
	  { "which", "unusable", NULL } },
	{ ZS_FREE_BY_ORDER, "free-by-order",
	  "Free memory by the order of its free blocks", "free_by_order.gp",
	  { "by", "order", NULL } },
	{ ZS_FREE_BY_MIGRATETYPE, "free-by-migratetype",
	  "Free memory by migratetype (free lists)", "free_by_order.gp",
	  { "by", "migratetype", NULL } },
	{ ZS_PAGEBLOCKS, "pageblocks", "Pageblocks by migratetype over time",
	  "pageblock_map.gp", { NULL } },
	{ ZS_POLLUTION, "pollution", "Pageblocks holding unmovable pages",
	  "pollution.gp", { NULL } },
};

static int write_zone_series(struct plotter *p, int64_t run, int zone_id,
			     enum zone_series series,
			     struct store_map_series *ms, FILE *f)
{
	switch (series) {
	case ZS_FRAG_INDEX:
	case ZS_UNUSABLE_INDEX:
		return store_series_index(p->st, run, zone_id,
					  series == ZS_UNUSABLE_INDEX, f);
	case ZS_FREE_BY_ORDER:
	case ZS_FREE_BY_MIGRATETYPE:
		return store_series_free(p->st, run, zone_id,
					 series == ZS_FREE_BY_MIGRATETYPE, f);
	case ZS_PAGEBLOCKS:
		return store_series_map(p->st, run, zone_id, ms, f);
	case ZS_POLLUTION:
		return store_series_pollution(p->st, run, zone_id, f);
	}
	return -1;
}

/* One picture of a zone: its data written, then drawn. */
static void plot_zone_picture(struct plotter *p, int64_t run,
			      const struct store_plot_zone *z,
			      const struct zone_picture *zp,
			      const char *run_title)
{
	struct store_map_series ms = { 0 };
	char name[128], path[FILE_MAX], cells[32], *title;
	const char *map_extra[] = { "xunit", NULL, "cell", cells, NULL };
	FILE *f;

	snprintf(name, sizeof(name), "run%" PRId64 "-node%d-%s-%s", run,
		 z->nid, z->name, zp->suffix);
	if (!(f = open_data(p, name)) || close_data(p, name, f,
	    write_zone_series(p, run, z->zone_id, zp->series, &ms, f)))
		return;
	if (zp->series == ZS_PAGEBLOCKS && !ms.rows) {
		data_path(p, name, path, sizeof(path));
		unlink(path);
		cli_message(&cmd_plot, "run %" PRId64 " stored no "
			"pageblock map of node %d %s: not drawn", run,
			z->nid, z->name);
		return;
	}
	map_extra[1] = ms.unit;
	snprintf(cells, sizeof(cells), "%lu", ms.pageblocks_per_cell);
	if (asprintf(&title, "%s: node %d, zone %s\n%s", zp->what, z->nid,
		     z->name, run_title) < 0)
		abort();
	draw(p, name, zp->script, title,
	     zp->series == ZS_PAGEBLOCKS ? map_extra : zp->extra);
	free(title);
}

static void plot_compaction(struct plotter *p, int64_t run,
			    const char *run_title)
{
	char name[64], *title;
	FILE *f;

	snprintf(name, sizeof(name), "run%" PRId64 "-compaction", run);
	if (!(f = open_data(p, name)) ||
	    close_data(p, name, f, store_series_compaction(p->st, run, f)))
		return;
	title = title2("Compaction activity (all zones, /proc/vmstat "
		       "counters)", run_title);
	draw(p, name, "compaction.gp", title, NULL);
	free(title);
}

static void plot_sweep(struct plotter *p, const char *sweep)
{
	struct store_sweep_series ss;
	char name[64], nseries[16], *title;
	size_t n = 0;
	FILE *f;

	/* the file name keeps the id's characters that are safe in one */
	n = (size_t)snprintf(name, sizeof(name), "sweep-");
	for (const char *c = sweep; *c && n < 18 + 6; c++)
		if ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
		    (*c >= 'A' && *c <= 'Z') || *c == '-' || *c == '_')
			name[n++] = *c;
	name[n] = '\0';
	if (!(f = open_data(p, name)))
		return;
	if (close_data(p, name, f, store_series_sweep(p->st, sweep, p->at,
						      &ss, f))) {
		store_sweep_series_release(&ss);
		return;
	}
	if (ss.nr_skipped)
		cli_message(&cmd_plot, "sweep %s: %zu run(s) not "
			"complete, left out", sweep, ss.nr_skipped);
	snprintf(nseries, sizeof(nseries), "%zu", ss.nr_series);
	title = title2("Huge pages obtained and fragmentation index at "
		       "order 9, mean and 95% confidence interval over seeds",
		       ss.title);
	{
		const char *extra[] = { "param", ss.param, "nseries", nseries,
					"at", p->at, NULL };

		draw(p, name, "sweep.gp", title, extra);
	}
	free(title);
	store_sweep_series_release(&ss);
}

/* --out made if new, as an absolute path (gnuplot runs elsewhere). */
static int make_out(struct plotter *p, const char *out)
{
	if (mkdir(out, 0777) && errno != EEXIST) {
		cli_message(&cmd_plot, "--out %s: %s", out,
			strerror(errno));
		return -1;
	}
	if (!realpath(out, p->out)) {
		cli_message(&cmd_plot, "--out %s: %s", out,
			strerror(errno));
		return -1;
	}
	if (p->keep_data) {
		snprintf(p->data, sizeof(p->data), "%s", p->out);
		return 0;
	}
	snprintf(p->data, sizeof(p->data), "%s/fragsim-plot.XXXXXX",
		 getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR")
		 : "/tmp");
	if (!mkdtemp(p->data)) {
		cli_message(&cmd_plot, "%s: %s", p->data,
			strerror(errno));
		return -1;
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct plot_opts *o)
{
	static const struct option options[] = {
		{ "run", required_argument, NULL, 'r' },
		{ "out", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "data", no_argument, NULL, 'd' },
		{ "at", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli_getopt g;
	int opt;

	cli_getopt_init(&g, &cmd_plot, argc, argv, "h", options);
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 'r':
			if (cli_parse_run(&cmd_plot, optarg, &o->run))
				return EXIT_BAD_INPUT;
			break;
		case 'o': o->out = optarg; break;
		case 'f':
			if (strcmp(optarg, "png") && strcmp(optarg, "svg"))
				return cli_usage_error(&cmd_plot, "--format %s:"
						       " expected png or svg",
						       optarg);
			o->format = optarg;
			break;
		case 'd': o->keep_data = true; break;
		case 'a':
			if (!store_moment_valid(optarg))
				return cli_usage_error(&cmd_plot, "--at %s: "
					"expected start, end, time:T, "
					"phase-start:PHASE, phase-end:PHASE, "
					"action:ACTION or first-failure:ORDER",
					optarg);
			o->at = optarg;
			break;
		}
	}
	if (opt == CLI_GETOPT_EXIT)	/* after --help: -1 */
		return g.status == EXIT_OK ? -1 : g.status;
	if (argc - optind != 1)
		return cli_usage_error(&cmd_plot, "expected one DB");
	return 0;
}

/* Every picture of the run (and of its sweep). */
static void plot_run(struct plotter *p, int64_t run)
{
	struct store_plot_zone *zones;
	char *title, *sweep, *phases;
	int n;

	title = store_run_title(p->st, run);
	n = store_plot_zones(p->st, run, &zones);
	phases = store_run_phases(p->st, run);
	if (!title || n < 0 || !phases) {
		p->failed++;
		free(zones);
		free(phases);
		free(title);
		return;
	}
	p->phases = phases;
	for (int i = 0; i < n; i++)
		for (size_t k = 0; k < sizeof(zone_pictures) /
		     sizeof(zone_pictures[0]); k++)
			plot_zone_picture(p, run, &zones[i], &zone_pictures[k],
					  title);
	plot_compaction(p, run, title);
	p->phases = NULL;
	free(phases);
	sweep = store_run_sweep(p->st, run);
	if (sweep)
		plot_sweep(p, sweep);
	free(sweep);
	free(zones);
	free(title);
}

static int plot_main(int argc, char **argv)
{
	struct plot_opts o = { .out = ".", .format = "png" };
	struct plotter p = { 0 };
	int64_t tick = -1;
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret > 0 ? ret : EXIT_OK;
	p.db = argv[optind];
	p.format = o.format;
	p.keep_data = o.keep_data;
	p.at = o.at ? o.at : "end";
	if (!have_gnuplot()) {
		cli_message(&cmd_plot, "gnuplot is not installed (not "
			"on PATH); install it, on Debian and Ubuntu: apt-get "
			"install gnuplot-nox");
		return EXIT_BAD_INPUT;
	}
	if (find_scripts(p.scripts, sizeof(p.scripts)))
		return EXIT_BAD_INPUT;
	/* everything is checked before the first file is written */
	if (store_open_read(&p.st, p.db))
		return EXIT_BAD_INPUT;
	if (store_find_tick(p.st, &o.run, &tick)) {
		store_close(p.st);
		return EXIT_BAD_INPUT;
	}
	if (make_out(&p, o.out)) {
		store_close(p.st);
		return EXIT_RUN_FAILED;
	}
	plot_run(&p, o.run);
	store_close(p.st);
	if (!p.keep_data)
		rmdir(p.data);
	if (fflush(stdout) || ferror(stdout))
		p.failed++;
	return p.failed ? EXIT_RUN_FAILED : EXIT_OK;
}

const struct subcommand cmd_plot = {
	.name = "plot",
	.summary = "draw a stored run's fragmentation with gnuplot",
	.usage =
	"usage: fragsim plot DB [--run N] [--out DIR] [--format png|svg] "
	"[--data]\n"
	"                    [--at MOMENT]\n"
	"\n"
	"Draw run N of the result store DB (written by \"fragsim run --db\")\n"
	"with gnuplot, one picture per file in DIR, and print the files\n"
	"written.  For every zone that has memory:\n"
	"  runN-nodeK-ZONE-frag-index       fragmentation index per order\n"
	"  runN-nodeK-ZONE-unusable-index   unusable free space index\n"
	"  runN-nodeK-ZONE-free-by-order    free memory by block order, "
	"stacked\n"
	"  runN-nodeK-ZONE-free-by-migratetype\n"
	"  runN-nodeK-ZONE-pollution        pageblocks holding unmovable pages\n"
	"  runN-nodeK-ZONE-pageblocks       the pageblock map over time\n"
	"and runN-compaction (compaction activity over time).  If the run\n"
	"belongs to a sweep (fragsim run --sweep), also sweep-ID: huge pages\n"
	"obtained and the fragmentation index at order 9 against the swept\n"
	"parameter, with 95% confidence intervals across seeds.\n"
	"\n"
	"The gnuplot scripts (analysis/*.gp) are found in $FRAGSIM_ANALYSIS,\n"
	"else where fragsim is installed, else in its source tree; each works\n"
	"on its own on a TSV (its header says which columns), for restyling.\n"
	"\n"
	"Options:\n"
	"  --run N          the run to draw (default: the last one)\n"
	"  --out DIR        where to write (default: the current directory;\n"
	"                   made if new)\n"
	"  --format FMT     png (default) or svg\n"
	"  --data           keep each picture's TSV beside it (NAME.tsv)\n"
	"  --at MOMENT      read the sweep's order-9 index at that moment of\n"
	"                   each run, as fragsim report --at does (default:\n"
	"                   end; action:hugepages-1, phase-end:fill, ...)\n"
	"  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 every picture drawn, 1 a picture could not be drawn,\n"
	"2 bad usage, no such database or run, a database of another schema\n"
	"version, or no gnuplot (Debian package gnuplot-nox).\n",
	.run = plot_main,
};
