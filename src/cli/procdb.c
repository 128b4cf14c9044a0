/*
 * procdb.c - "fragsim buddyinfo|pagetypeinfo|zoneinfo|vmstat DB": a tick
 * stored in the result store, printed in the kernel's /proc format by the
 * same printers that print a live machine ("fragsim state", "run --show").
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"
#include "util/diag.h"

/* --run N: a positive run id. */
/* --tick T: a tick number, or "last" (-1). */
static int parse_tick(const char *s, int64_t *tick)
{
	char *end;
	long long v;

	if (!strcmp(s, "last")) {
		*tick = -1;
		return 0;
	}
	v = strtoll(s, &end, 10);
	if (end == s || *end || v < 0)
		return -1;
	*tick = v;
	return 0;
}

static int procdb_main(const struct subcommand *cmd, int argc, char **argv)
{
	static const struct option options[] = {
		{ "run", required_argument, NULL, 'r' },
		{ "tick", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int64_t run = 0, tick = -1;
	struct proc_snapshot ps;
	struct store *st;
	const char *db;
	struct cli_getopt g;
	int opt, ret;

	cli_getopt_init(&g, cmd, argc, argv, "h", options);
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 'r':
			if (cli_parse_run(cmd, optarg, &run))
				return EXIT_BAD_INPUT;
			break;
		case 't':
			if (parse_tick(optarg, &tick))
				return cli_usage_error(cmd, "--tick %s: expected "
						       "a tick number or last",
						       optarg);
			break;
		}
	}
	if (opt == CLI_GETOPT_EXIT)
		return g.status;
	if (optind >= argc)
		return cli_usage_error(cmd, "no DB given");
	db = argv[optind++];
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument: %s",
				       argv[optind]);
	if (store_open_read(&st, db))
		return EXIT_BAD_INPUT;
	ret = EXIT_BAD_INPUT;
	if (!store_find_tick(st, &run, &tick) &&
	    !store_read_tick(st, run, tick, &ps)) {
		cli_proc_print(stdout, cmd->name, &ps);
		proc_snapshot_release(&ps);
		ret = EXIT_OK;
	}
	store_close(st);
	return ret;
}

#define PROCDB_USAGE(name, what)                                              \
	"usage: fragsim " name " DB [--run N] [--tick T]\n"                   \
	"\n"                                                                   \
	"Print a tick stored by \"fragsim run --db DB\" as the kernel's " what \
	",\nin its exact format (the lines fragsim models), as \"fragsim run "   \
	"--show\"\nprinted it live.\n"                                         \
	"\n"                                                                   \
	"Options:\n"                                                           \
	"  --run N       the run (default: the last one; 'fragsim export DB "  \
	"runs'\n"                                                              \
	"                lists them)\n"                                        \
	"  --tick T      the tick number (0 is the start), or last (default)\n" \
	"  -h, --help    show this help\n"                                     \
	"\n"                                                                   \
	"Exit status: 0 printed, 2 bad usage, no such database, run or tick, "  \
	"or a\ndatabase of another schema version.\n"

#define PROCDB_COMMAND(var, cmd_name, what)                                   \
	static int var##_main(int argc, char **argv)                          \
	{                                                                      \
		return procdb_main(&var, argc, argv);                          \
	}                                                                      \
	const struct subcommand var = {                                        \
		.name = cmd_name,                                              \
		.summary = "print a stored tick as " what,                     \
		.usage = PROCDB_USAGE(cmd_name, what),                         \
		.run = var##_main,                                             \
	}

PROCDB_COMMAND(cmd_buddyinfo, "buddyinfo", "/proc/buddyinfo");
PROCDB_COMMAND(cmd_pagetypeinfo, "pagetypeinfo", "/proc/pagetypeinfo");
PROCDB_COMMAND(cmd_zoneinfo, "zoneinfo", "/proc/zoneinfo");
PROCDB_COMMAND(cmd_vmstat, "vmstat", "/proc/vmstat");
