/*
 * report.c - "fragsim report": one row per point of each sweep in a result
 * store, with the mean and 95% confidence interval across its seeds of the
 * headline figures; an aligned table on a terminal, TSV otherwise.
 */
#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "experiment/axes.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/stats.h"
#include "util/xalloc.h"

/* The default columns: the figures report printed before --metric. */
static const char *const default_metrics =
	"hugepages,frag_index_o9,alloc_failures,compact_stall,"
	"compact_success,compact_fail,p99_latency_us,unplug_success,oom_kills";

/* A column: a figure, for the machine or for one zone ("0/DMA32"). */
struct column {
	size_t figure;
	char zone[32];		/* "": the machine */
};

struct report_options {
	bool table;
	const char *metrics;	/* --metric: comma-separated names */
	const char *at;		/* --at: the moment */
	bool zones;		/* --zones: a column per zone as well */
};

/* One row of the report: a point of a sweep. */
struct report_row {
	const struct store_sweep *sweep;
	const struct axes *axes;
	size_t point;
	size_t runs;
	size_t stopped;		/* runs that stalled or hit the time limit */
	struct mean_ci *m;	/* one per column */
};

/* The zone_id of the zone called name in run, or -2 if it has none. */
static int zone_id_of(const struct store_zone *zones, size_t n,
		      const char *name)
{
	if (!*name)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(zones[i].name, name))
			return zones[i].zone_id;
	return -2;
}

/* The columns' values for one run (NAN where it has none). */
static void run_values(struct store *st, int64_t run, const char *at,
		       const struct column *cols, size_t nr_cols, double *v)
{
	struct store_zone *zones;
	size_t nr_zones;
	int64_t tick = -1;
	int found = store_moment_tick(st, run, at, &tick);

	if (store_run_zones(st, run, &zones, &nr_zones)) {
		zones = NULL;
		nr_zones = 0;
	}
	for (size_t c = 0; c < nr_cols; c++) {
		const struct store_figure *f = &store_figures[cols[c].figure];
		int zone = zone_id_of(zones, nr_zones, cols[c].zone);

		v[c] = NAN;
		if (zone == -2 || (f->at_moment && found))
			continue;
		v[c] = store_figure_value(st, run, tick, cols[c].figure,
					  zone) * f->scale;
	}
	free(zones);
}

/* The rows of one sweep's points (appended to *rows). */
static int sweep_rows(struct store *st, const struct store_sweep *sw,
		      const struct axes *axes, const struct report_options *o,
		      const struct column *cols, size_t nr_cols,
		      struct report_row **rows, size_t *nr)
{
	struct store_sweep_run *runs;
	size_t n, r = 0;
	double *v, *one = xcalloc(nr_cols + 1, sizeof(*one));
	size_t *count = xcalloc(nr_cols + 1, sizeof(*count));

	if (store_sweep_runs(st, sw->sweep_id, &runs, &n)) {
		free(one);
		free(count);
		return -1;
	}
	v = xcalloc(nr_cols * (n + 1) + 1, sizeof(*v));
	for (int64_t p = 0; p < sw->nr_points; p++) {
		struct report_row *row;
		size_t k = 0, stopped = 0;

		memset(count, 0, nr_cols * sizeof(*count));
		for (; r < n && runs[r].point < p; r++)
			;
		for (; r < n && runs[r].point == p; r++) {
			stopped += runs[r].status == RUN_STALLED ||
				   runs[r].status == RUN_TIME_LIMIT;
			if (runs[r].status != RUN_COMPLETE)
				continue;
			k++;
			run_values(st, runs[r].run_id, o->at, cols, nr_cols,
				   one);
			for (size_t c = 0; c < nr_cols; c++)
				if (!isnan(one[c]))
					v[c * (n + 1) + count[c]++] = one[c];
		}
		*rows = xrealloc(*rows, (*nr + 1) * sizeof(**rows));
		row = &(*rows)[(*nr)++];
		row->sweep = sw;
		row->axes = axes;
		row->point = (size_t)p;
		row->runs = k;
		row->stopped = stopped;
		row->m = xcalloc(nr_cols + 1, sizeof(*row->m));
		for (size_t c = 0; c < nr_cols; c++)
			row->m[c] = mean_ci95(v + c * (n + 1), count[c]);
	}
	free(v);
	free(one);
	free(count);
	free(runs);
	return 0;
}

/* The keys varied by any sweep, in order of first appearance. */
static size_t collect_keys(const struct axes *axes, size_t nr_sweeps,
			   const char ***keys)
{
	size_t n = 0;

	*keys = NULL;
	for (size_t s = 0; s < nr_sweeps; s++) {
		for (size_t i = 0; i < axes[s].nr; i++) {
			size_t k;

			for (k = 0; k < n; k++)
				if (!strcmp((*keys)[k], axes[s].axis[i].key))
					break;
			if (k < n)
				continue;
			*keys = xrealloc(*keys, (n + 1) * sizeof(**keys));
			(*keys)[n++] = axes[s].axis[i].key;
		}
	}
	return n;
}

/* The value of key at the row's point, or "" if its sweep does not vary it. */
static const char *row_value(const struct report_row *row, const char *key)
{
	for (size_t i = 0; i < row->axes->nr; i++)
		if (!strcmp(row->axes->axis[i].key, key))
			return axes_value(row->axes, i, row->point);
	return "";
}

static void print_number(FILE *out, double x, int decimals)
{
	if (isnan(x))
		return;
	fprintf(out, "%.*f", decimals, x);
}

/* A column's name: the figure's, with "@ZONE" for a zone's. */
static void column_name(char *buf, size_t len, const struct column *c,
			bool title)
{
	const struct store_figure *f = &store_figures[c->figure];

	snprintf(buf, len, "%s%s%s", title ? f->title : f->name,
		 *c->zone ? "@" : "", c->zone);
}

static void print_tsv(FILE *out, const struct report_row *rows, size_t nr,
		      const char **keys, size_t nr_keys,
		      const struct column *cols, size_t nr_cols)
{
	char name[96];

	fprintf(out, "sweep_id\tpoint");
	for (size_t k = 0; k < nr_keys; k++)
		fprintf(out, "\t%s", keys[k]);
	fprintf(out, "\truns");
	for (size_t c = 0; c < nr_cols; c++) {
		column_name(name, sizeof(name), &cols[c], false);
		fprintf(out, "\t%s_mean\t%s_ci95", name, name);
	}
	fprintf(out, "\tstopped_runs\n");
	for (size_t r = 0; r < nr; r++) {
		fprintf(out, "%s\t%zu", rows[r].sweep->sweep_id, rows[r].point);
		for (size_t k = 0; k < nr_keys; k++)
			fprintf(out, "\t%s", row_value(&rows[r], keys[k]));
		fprintf(out, "\t%zu", rows[r].runs);
		for (size_t c = 0; c < nr_cols; c++) {
			fputc('\t', out);
			print_number(out, rows[r].m[c].mean, 6);
			fputc('\t', out);
			print_number(out, rows[r].m[c].half, 6);
		}
		fprintf(out, "\t%zu\n", rows[r].stopped);
	}
}

/* "mean ± half" as the table shows it. */
static void format_cell(char *buf, size_t len, const struct mean_ci *m,
			int decimals)
{
	if (isnan(m->mean))
		snprintf(buf, len, "-");
	else if (isnan(m->half))
		snprintf(buf, len, "%.*f", decimals, m->mean);
	else
		snprintf(buf, len, "%.*f ± %.*f", decimals, m->mean, decimals,
			 m->half);
}

/* Display width of UTF-8 text (the ± is one column, two bytes). */
static int text_width(const char *s)
{
	int w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

/* A right-aligned cell, two spaces from the one before (if any). */
static void print_padded(FILE *out, const char *s, int width, bool first)
{
	fprintf(out, "%s%*s%s", first ? "" : "  ", width - text_width(s), "",
		s);
}

/* The runs cell: complete runs, and those that stopped early, if any. */
static void run_cell(char *buf, size_t len, const struct report_row *row)
{
	if (row->stopped)
		snprintf(buf, len, "%zu (+%zu stalled)", row->runs,
			 row->stopped);
	else
		snprintf(buf, len, "%zu", row->runs);
}

/* One sweep's rows as an aligned table, under a line naming the sweep. */
static void print_table(FILE *out, const struct report_row *rows, size_t nr,
			const struct column *cols, size_t nr_metrics,
			const char *at)
{
	const struct axes *axes = rows[0].axes;
	size_t nr_cols = axes->nr + 1 + nr_metrics;
	int *width = xcalloc(nr_cols, sizeof(*width));
	char cell[96];

	for (size_t i = 0; i < axes->nr; i++)
		width[i] = text_width(axes->axis[i].key);
	width[axes->nr] = 4;
	for (size_t i = 0; i < nr_metrics; i++) {
		column_name(cell, sizeof(cell), &cols[i], true);
		width[axes->nr + 1 + i] = text_width(cell);
	}
	for (size_t r = 0; r < nr; r++) {
		run_cell(cell, sizeof(cell), &rows[r]);
		if (text_width(cell) > width[axes->nr])
			width[axes->nr] = text_width(cell);
		for (size_t i = 0; i < axes->nr; i++) {
			int w = text_width(axes_value(axes, i, rows[r].point));

			width[i] = w > width[i] ? w : width[i];
		}
		for (size_t i = 0; i < nr_metrics; i++) {
			int *w = &width[axes->nr + 1 + i];

			format_cell(cell, sizeof(cell), &rows[r].m[i],
				    store_figures[cols[i].figure].decimals);
			*w = text_width(cell) > *w ? text_width(cell) : *w;
		}
	}
	fprintf(out, "sweep %s: %s on %s, %lld seeds per point "
		"(mean ± 95%% CI; figures of a moment at %s)\n",
		rows[0].sweep->sweep_id, rows[0].sweep->workload_path,
		rows[0].sweep->model_path, (long long)rows[0].sweep->seeds,
		at);
	for (size_t i = 0; i < axes->nr; i++)
		print_padded(out, axes->axis[i].key, width[i], !i);
	print_padded(out, "runs", width[axes->nr], !axes->nr);
	for (size_t i = 0; i < nr_metrics; i++) {
		column_name(cell, sizeof(cell), &cols[i], true);
		print_padded(out, cell, width[axes->nr + 1 + i], false);
	}
	fputc('\n', out);
	for (size_t r = 0; r < nr; r++) {
		for (size_t i = 0; i < axes->nr; i++)
			print_padded(out, axes_value(axes, i, rows[r].point),
				     width[i], !i);
		run_cell(cell, sizeof(cell), &rows[r]);
		print_padded(out, cell, width[axes->nr], !axes->nr);
		for (size_t i = 0; i < nr_metrics; i++) {
			format_cell(cell, sizeof(cell), &rows[r].m[i],
				    store_figures[cols[i].figure].decimals);
			print_padded(out, cell, width[axes->nr + 1 + i],
				     false);
		}
		fputc('\n', out);
	}
	free(width);
}

/* A sweep's axes, parsed again from its stored --vary lines. */
static int parse_axes(const struct store_sweep *sw, struct axes *axes)
{
	char *copy = xstrdup(sw->axes), *save = NULL, err[256];
	int ret = 0;

	for (char *line = strtok_r(copy, "\n", &save); line && !ret;
	     line = strtok_r(NULL, "\n", &save)) {
		if (axes_add(axes, line, err, sizeof(err))) {
			cli_message(&cmd_report, "sweep %s: %s: %s",
				sw->sweep_id, line, err);
			ret = -1;
		}
	}
	free(copy);
	return ret;
}

/*
 * The columns --metric names, each for the machine and, with --zones and
 * a figure that has them, for every zone any run of the store has.
 */
static int make_columns(struct store *st, const struct report_options *o,
			struct column **out, size_t *n)
{
	char *list = xstrdup(o->metrics), *save = NULL;
	char (*zones)[32] = NULL;
	size_t nr_zones = 0;
	int ret = 0;

	*out = NULL;
	*n = 0;
	if (o->zones) {
		/* every zone name of every run, in zone_id order */
		int64_t run;
		struct store_zone *z;
		size_t nz;

		for (run = 1; !store_run_zones(st, run, &z, &nz) && nz; run++) {
			for (size_t i = 0; i < nz; i++) {
				size_t j;

				for (j = 0; j < nr_zones; j++)
					if (!strcmp(zones[j], z[i].name))
						break;
				if (j < nr_zones)
					continue;
				zones = xrealloc(zones, (nr_zones + 1) *
						 sizeof(*zones));
				snprintf(zones[nr_zones++], sizeof(*zones),
					 "%s", z[i].name);
			}
			free(z);
		}
	}
	for (char *name = strtok_r(list, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		int f = store_figure_find(name);

		if (f < 0) {
			ret = -1;
			fprintf(stderr, "fragsim report: --metric %s: no such "
				"figure: expected one of", name);
			for (size_t i = 0; i < store_nr_figures; i++)
				fprintf(stderr, "%s %s", i ? "," : "",
					store_figures[i].name);
			fprintf(stderr, " (fragsim help report)\n");
			break;
		}
		*out = xrealloc(*out, (*n + nr_zones + 1) * sizeof(**out));
		(*out)[(*n)++] = (struct column){ .figure = (size_t)f };
		for (size_t z = 0; store_figures[f].per_zone && z < nr_zones;
		     z++) {
			struct column *c = &(*out)[(*n)++];

			*c = (struct column){ .figure = (size_t)f };
			snprintf(c->zone, sizeof(c->zone), "%s", zones[z]);
		}
	}
	free(zones);
	free(list);
	return ret;
}

static int report(struct store *st, const struct report_options *o, FILE *out)
{
	struct store_sweep *sw;
	struct report_row *rows = NULL;
	struct column *cols;
	struct axes *axes;
	const char **keys;
	size_t nr_sweeps, nr = 0, nr_keys, nr_cols;
	int ret = 0;

	if (make_columns(st, o, &cols, &nr_cols)) {
		free(cols);
		return EXIT_BAD_INPUT;
	}
	if (store_sweeps_read(st, &sw, &nr_sweeps)) {
		free(cols);
		return EXIT_BAD_INPUT;
	}
	axes = xcalloc(nr_sweeps + 1, sizeof(*axes));
	for (size_t s = 0; s < nr_sweeps && !ret; s++) {
		ret = parse_axes(&sw[s], &axes[s]);
		if (!ret)
			ret = sweep_rows(st, &sw[s], &axes[s], o, cols,
					 nr_cols, &rows, &nr);
	}
	nr_keys = collect_keys(axes, nr_sweeps, &keys);
	if (!ret && !nr_sweeps)
		cli_message(&cmd_report, "the database holds no "
			"sweep (fragsim sweep writes them)");
	if (!ret && !o->table)
		print_tsv(out, rows, nr, keys, nr_keys, cols, nr_cols);
	for (size_t r = 0; !ret && o->table && r < nr;) {
		size_t end = r;

		while (end < nr && rows[end].sweep == rows[r].sweep)
			end++;
		if (r)
			fputc('\n', out);
		print_table(out, rows + r, end - r, cols, nr_cols, o->at);
		r = end;
	}
	free(keys);
	for (size_t r = 0; r < nr; r++)
		free(rows[r].m);
	free(rows);
	free(cols);
	for (size_t s = 0; s < nr_sweeps; s++)
		axes_release(&axes[s]);
	free(axes);
	store_sweeps_free(sw, nr_sweeps);
	return ret ? EXIT_BAD_INPUT : EXIT_OK;
}

static int report_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "tsv", no_argument, NULL, 't' },
		{ "table", no_argument, NULL, 'T' },
		{ "metric", required_argument, NULL, 'm' },
		{ "at", required_argument, NULL, 'a' },
		{ "zones", no_argument, NULL, 'z' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_options o = { .table = isatty(1),
				    .metrics = default_metrics, .at = "end" };
	struct store *st;
	struct cli_getopt g;
	int opt, ret;

	cli_getopt_init(&g, &cmd_report, argc, argv, "h", options);
	g.refused = "unknown option";
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 't': o.table = false; break;
		case 'T': o.table = true; break;
		case 'm': o.metrics = optarg; break;
		case 'z': o.zones = true; break;
		case 'a':
			if (!store_moment_valid(optarg))
				return cli_usage_error(&cmd_report, "--at %s: "
					"expected start, end, time:T, "
					"phase-start:PHASE, phase-end:PHASE, "
					"action:ACTION or first-failure:ORDER "
					"(#N for the Nth time)", optarg);
			o.at = optarg;
			break;
		}
	}
	if (opt == CLI_GETOPT_EXIT)
		return g.status;
	if (optind + 1 != argc)
		return cli_usage_error(&cmd_report, "expected one DB");
	if (store_open_read(&st, argv[optind]))
		return EXIT_BAD_INPUT;
	ret = report(st, &o, stdout);
	store_close(st);
	return ret;
}

const struct subcommand cmd_report = {
	.name = "report",
	.summary = "summarise the sweeps of a result store, point by point",
	.usage =
	"usage: fragsim report DB [--table | --tsv] [--metric NAME,...]\n"
	"                         [--at MOMENT] [--zones]\n"
	"\n"
	"One row per point of every sweep in the result store DB (fragsim\n"
	"sweep), the varied keys as columns, with the mean and 95% confidence\n"
	"interval (Student's t) across the point's complete runs of each\n"
	"figure --metric names (runs that stalled or hit the time limit are\n"
	"counted beside them).  The figures (default: the first nine):\n"
	"  hugepages          order-9 requests obtained plus the largest pool\n"
	"  frag_index_o9      the fragmentation index at order 9 (mm/vmstat.c)\n"
	"  alloc_failures     failed requests, every kind and order\n"
	"  compact_stall, compact_success, compact_fail   vmstat counters\n"
	"  p99_latency_us     99th percentile of every request's latency\n"
	"  unplug_success     memory blocks offlined per attempt\n"
	"  oom_kills          tasks the OOM killer killed\n"
	"  unusable_index_o9  the unusable free space index at order 9\n"
	"  offlined           memory blocks offlined\n"
	"  offline_ebusy      offline attempts refused for an unmovable page\n"
	"  unmovable_failures failed requests of unmovable kinds\n"
	"  direct_stalls      stalls in direct compaction or reclaim\n"
	"  stalled_requests   requests that waited in direct compaction or\n"
	"                     reclaim (the p99 over all requests hides them)\n"
	"  stall_p99_us       the 99th percentile latency of those requests\n"
	"  unmovable_blocks   Unmovable pageblocks of the kernel zones\n"
	"  mixed_blocks       pageblocks of the kernel zones holding pages of\n"
	"                     another mobility\n"
	"  nonmovable_blocks  pageblocks of the kernel zones holding an\n"
	"                     unmovable, reclaimable or reserved page (the\n"
	"                     census)\n"
	"  free_pages         NR_FREE_PAGES\n"
	"Figures of a moment (the indices, the counters, the pageblocks) are\n"
	"read at --at; the others cover the whole run.\n"
	"An aligned table on a terminal (per sweep), TSV otherwise (one table,\n"
	"the union of the sweeps' keys as columns; NAN is an empty field).\n"
	"\n"
	"Options:\n"
	"  --table, --tsv     force the format\n"
	"  --metric LIST      the figures to show, comma-separated\n"
	"  --at MOMENT        when figures of a moment are read: end (default),\n"
	"                     start, time:T (the last tick at or before T),\n"
	"                     phase-start:PHASE, phase-end:PHASE, action:ACTION\n"
	"                     (as it starts) or first-failure:ORDER, with #N\n"
	"                     for the Nth time (phase-end:refill#30)\n"
	"  --zones            a column per zone (NODE/ZONE) as well, for the\n"
	"                     figures that have one (indices, offlining,\n"
	"                     pageblocks, free pages)\n"
	"  -h, --help         show this help\n",
	.run = report_main,
};
