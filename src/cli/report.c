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
#include "experiment/stats.h"
#include "store/store.h"
#include "util/diag.h"
#include "util/xalloc.h"

/* The headline figures, in the report's column order. */
static const struct metric {
	const char *name;	/* TSV column prefix */
	const char *title;	/* table heading */
	size_t offset;		/* in struct store_headline */
	double scale;		/* printed value = stored x scale */
	int decimals;
} metrics[] = {
	{ "hugepages", "huge pages", offsetof(struct store_headline,
					      hugepages), 1, 1 },
	{ "frag_index_o9", "frag idx o9", offsetof(struct store_headline,
						   frag_index9), 1, 3 },
	{ "alloc_failures", "alloc fails", offsetof(struct store_headline,
						    failures), 1, 1 },
	{ "compact_stall", "compact stall", offsetof(struct store_headline,
						     compact_stall), 1, 1 },
	{ "compact_success", "compact ok", offsetof(struct store_headline,
						    compact_success), 1, 1 },
	{ "compact_fail", "compact fail", offsetof(struct store_headline,
						   compact_fail), 1, 1 },
	{ "p99_latency_us", "p99 lat (us)", offsetof(struct store_headline,
						     p99_ns), 1e-3, 2 },
	{ "unplug_success", "unplug ok", offsetof(struct store_headline,
						  unplug_success), 1, 3 },
	{ "oom_kills", "oom kills", offsetof(struct store_headline,
					     oom_kills), 1, 1 },
};

#define NR_METRICS (sizeof(metrics) / sizeof(metrics[0]))

/* One row of the report: a point of a sweep. */
struct report_row {
	const struct store_sweep *sweep;
	const struct axes *axes;
	size_t point;
	size_t runs;
	size_t stopped;		/* runs that stalled or hit the time limit */
	struct mean_ci m[NR_METRICS];
};

static double metric_of(const struct store_headline *h, size_t i)
{
	return *(const double *)((const char *)h + metrics[i].offset) *
	       metrics[i].scale;
}

/* The rows of one sweep's points (appended to *rows). */
static int sweep_rows(struct store *st, const struct store_sweep *sw,
		      const struct axes *axes, struct report_row **rows,
		      size_t *nr)
{
	struct store_sweep_run *runs;
	size_t n, r = 0;
	double *v;

	if (store_sweep_runs(st, sw->sweep_id, &runs, &n))
		return -1;
	v = xcalloc(NR_METRICS * (n + 1), sizeof(*v));
	for (int64_t p = 0; p < sw->nr_points; p++) {
		struct report_row *row;
		size_t count[NR_METRICS] = { 0 }, k = 0, stopped = 0;

		for (; r < n && runs[r].point < p; r++)
			;
		for (; r < n && runs[r].point == p; r++) {
			struct store_headline h;

			stopped += runs[r].status == RUN_STALLED ||
				   runs[r].status == RUN_TIME_LIMIT;
			if (runs[r].status != RUN_COMPLETE ||
			    store_run_headline(st, runs[r].run_id, &h))
				continue;
			k++;
			for (size_t i = 0; i < NR_METRICS; i++) {
				double x = metric_of(&h, i);

				if (!isnan(x))
					v[i * (n + 1) + count[i]++] = x;
			}
		}
		*rows = xrealloc(*rows, (*nr + 1) * sizeof(**rows));
		row = &(*rows)[(*nr)++];
		row->sweep = sw;
		row->axes = axes;
		row->point = (size_t)p;
		row->runs = k;
		row->stopped = stopped;
		for (size_t i = 0; i < NR_METRICS; i++)
			row->m[i] = mean_ci95(v + i * (n + 1), count[i]);
	}
	free(v);
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

static void print_tsv(FILE *out, const struct report_row *rows, size_t nr,
		      const char **keys, size_t nr_keys)
{
	fprintf(out, "sweep_id\tpoint");
	for (size_t k = 0; k < nr_keys; k++)
		fprintf(out, "\t%s", keys[k]);
	fprintf(out, "\truns");
	for (size_t i = 0; i < NR_METRICS; i++)
		fprintf(out, "\t%s_mean\t%s_ci95", metrics[i].name,
			metrics[i].name);
	fprintf(out, "\tstopped_runs\n");
	for (size_t r = 0; r < nr; r++) {
		fprintf(out, "%s\t%zu", rows[r].sweep->sweep_id, rows[r].point);
		for (size_t k = 0; k < nr_keys; k++)
			fprintf(out, "\t%s", row_value(&rows[r], keys[k]));
		fprintf(out, "\t%zu", rows[r].runs);
		for (size_t i = 0; i < NR_METRICS; i++) {
			fputc('\t', out);
			print_number(out, rows[r].m[i].mean, 6);
			fputc('\t', out);
			print_number(out, rows[r].m[i].half, 6);
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
static void print_table(FILE *out, const struct report_row *rows, size_t nr)
{
	const struct axes *axes = rows[0].axes;
	size_t nr_cols = axes->nr + 1 + NR_METRICS;
	int *width = xcalloc(nr_cols, sizeof(*width));
	char cell[96];

	for (size_t i = 0; i < axes->nr; i++)
		width[i] = text_width(axes->axis[i].key);
	width[axes->nr] = 4;
	for (size_t i = 0; i < NR_METRICS; i++)
		width[axes->nr + 1 + i] = text_width(metrics[i].title);
	for (size_t r = 0; r < nr; r++) {
		run_cell(cell, sizeof(cell), &rows[r]);
		if (text_width(cell) > width[axes->nr])
			width[axes->nr] = text_width(cell);
		for (size_t i = 0; i < axes->nr; i++) {
			int w = text_width(axes_value(axes, i, rows[r].point));

			width[i] = w > width[i] ? w : width[i];
		}
		for (size_t i = 0; i < NR_METRICS; i++) {
			int *w = &width[axes->nr + 1 + i];

			format_cell(cell, sizeof(cell), &rows[r].m[i],
				    metrics[i].decimals);
			*w = text_width(cell) > *w ? text_width(cell) : *w;
		}
	}
	fprintf(out, "sweep %s: %s on %s, %lld seeds per point "
		"(mean ± 95%% CI)\n", rows[0].sweep->sweep_id,
		rows[0].sweep->workload_path, rows[0].sweep->model_path,
		(long long)rows[0].sweep->seeds);
	for (size_t i = 0; i < axes->nr; i++)
		print_padded(out, axes->axis[i].key, width[i], !i);
	print_padded(out, "runs", width[axes->nr], !axes->nr);
	for (size_t i = 0; i < NR_METRICS; i++)
		print_padded(out, metrics[i].title, width[axes->nr + 1 + i],
			     false);
	fputc('\n', out);
	for (size_t r = 0; r < nr; r++) {
		for (size_t i = 0; i < axes->nr; i++)
			print_padded(out, axes_value(axes, i, rows[r].point),
				     width[i], !i);
		run_cell(cell, sizeof(cell), &rows[r]);
		print_padded(out, cell, width[axes->nr], !axes->nr);
		for (size_t i = 0; i < NR_METRICS; i++) {
			format_cell(cell, sizeof(cell), &rows[r].m[i],
				    metrics[i].decimals);
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
			fprintf(stderr, "fragsim report: sweep %s: %s: %s\n",
				sw->sweep_id, line, err);
			ret = -1;
		}
	}
	free(copy);
	return ret;
}

static int report(struct store *st, bool table, FILE *out)
{
	struct store_sweep *sw;
	struct report_row *rows = NULL;
	struct axes *axes;
	const char **keys;
	size_t nr_sweeps, nr = 0, nr_keys;
	int ret = 0;

	if (store_sweeps_read(st, &sw, &nr_sweeps))
		return EXIT_BAD_INPUT;
	axes = xcalloc(nr_sweeps + 1, sizeof(*axes));
	for (size_t s = 0; s < nr_sweeps && !ret; s++) {
		ret = parse_axes(&sw[s], &axes[s]);
		if (!ret)
			ret = sweep_rows(st, &sw[s], &axes[s], &rows, &nr);
	}
	nr_keys = collect_keys(axes, nr_sweeps, &keys);
	if (!ret && !nr_sweeps)
		fprintf(stderr, "fragsim report: the database holds no "
			"sweep (fragsim sweep writes them)\n");
	if (!ret && !table)
		print_tsv(out, rows, nr, keys, nr_keys);
	for (size_t r = 0; !ret && table && r < nr;) {
		size_t end = r;

		while (end < nr && rows[end].sweep == rows[r].sweep)
			end++;
		if (r)
			fputc('\n', out);
		print_table(out, rows + r, end - r);
		r = end;
	}
	free(keys);
	free(rows);
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool table = isatty(1);
	struct store *st;
	int opt, ret;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 't': table = false; break;
		case 'T': table = true; break;
		case 'h':
			cli_print_usage(stdout, &cmd_report);
			return EXIT_OK;
		default:
			return cli_usage_error(&cmd_report, "unknown option: "
					       "%s", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(&cmd_report, "expected one DB");
	if (store_open_read(&st, argv[optind]))
		return EXIT_BAD_INPUT;
	ret = report(st, table, stdout);
	store_close(st);
	return ret;
}

const struct subcommand cmd_report = {
	.name = "report",
	.summary = "summarise the sweeps of a result store, point by point",
	.usage =
	"usage: fragsim report DB [--table | --tsv]\n"
	"\n"
	"One row per point of every sweep in the result store DB (fragsim\n"
	"sweep), the varied keys as columns, with the mean and 95% confidence\n"
	"interval (Student's t) across the point's complete runs of:\n"
	"  huge pages      order-9 requests that succeeded plus the largest\n"
	"                  hugetlb pool the run reached\n"
	"  frag idx o9     the fragmentation index at order 9 (mm/vmstat.c) of\n"
	"                  the free blocks of all zones together, at the end\n"
	"  alloc fails     allocation failures, every kind and order\n"
	"  compact stall/ok/fail  compact_stall, compact_success, compact_fail\n"
	"  p99 lat         the 99th percentile allocation latency (us)\n"
	"  unplug ok       memory blocks offlined / offline attempts\n"
	"  oom kills       tasks the OOM killer killed (vmstat oom_kill)\n"
	"An aligned table on a terminal (per sweep), TSV otherwise (one table,\n"
	"the union of the sweeps' keys as columns; NAN is an empty field).\n"
	"\n"
	"Options:\n"
	"  --table, --tsv     force the format\n"
	"  -h, --help         show this help\n",
	.run = report_main,
};
