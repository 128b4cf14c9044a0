/*
 * export.c - "fragsim export DB [--run N] TABLE": a table or view of the
 * result store as TSV with a header line, for gnuplot, pandas or R.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "store/store.h"
#include "util/diag.h"

static int export_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "run", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db, *table;
	struct store *st;
	int64_t run = 0;
	struct cli_getopt g;
	int opt, ret;

	cli_getopt_init(&g, &cmd_export, argc, argv, "h", options);
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 'r':
			if (cli_parse_run(&cmd_export, optarg, &run))
				return EXIT_BAD_INPUT;
			break;
		}
	}
	if (opt == CLI_GETOPT_EXIT)
		return g.status;
	if (argc - optind != 2)
		return cli_usage_error(&cmd_export, "expected DB and TABLE");
	db = argv[optind];
	table = argv[optind + 1];
	if (store_open_read(&st, db))
		return EXIT_BAD_INPUT;
	if (run > 0 && store_run_status(st, run) < 0) {
		diag_error(DIAG_LOC(db, 0), "no run %lld in the database",
			   (long long)run);
		store_close(st);
		return EXIT_BAD_INPUT;
	}
	ret = store_export(st, table, run, stdout) ? EXIT_BAD_INPUT : EXIT_OK;
	store_close(st);
	if (fflush(stdout) || ferror(stdout))
		ret = EXIT_RUN_FAILED;
	return ret;
}

const struct subcommand cmd_export = {
	.name = "export",
	.summary = "write a table or view of a result store as TSV",
	.usage =
	"usage: fragsim export DB [--run N] TABLE\n"
	"\n"
	"Write TABLE (a table or view of the result store DB, written by\n"
	"\"fragsim run --db DB\") to stdout as tab-separated values with a\n"
	"header line: NULL is an empty field, tabs, newlines and backslashes\n"
	"in text are written \\t, \\n and \\\\, BLOBs in hex.  The pseudo-table\n"
	"pageblock_map_cells writes the pageblock maps one pageblock a row.\n"
	"doc/schema.md describes every table and view; the views v_* answer\n"
	"the common questions (v_free_by_order, v_frag_index_order9,\n"
	"v_run_summary, ...).\n"
	"\n"
	"Options:\n"
	"  --run N       only run N's rows (default: every run's)\n"
	"  -h, --help    show this help\n"
	"\n"
	"Exit status: 0 written, 1 writing stdout failed, 2 bad usage, no such\n"
	"database, run or table, or a database of another schema version.\n",
	.run = export_main,
};
