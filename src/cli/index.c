/*
 * index.c - "fragsim index": the kernel's extfrag_index or unusable_index
 * debugfs file computed from a /proc/buddyinfo.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "proc/extfrag.h"
#include "util/diag.h"

static int index_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "unusable", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct buddyinfo_zone *zones;
	struct cli_getopt g;
	int opt, unusable = 0, n;

	cli_getopt_init(&g, &cmd_index, argc, argv, "h", options);
	g.refused = "unknown option";
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 'u':
			unusable = 1;
			break;
		}
	}
	if (opt == CLI_GETOPT_EXIT)
		return g.status;
	if (optind != argc - 1)
		return cli_usage_error(&cmd_index, "give one BUDDYINFO file");
	n = buddyinfo_read(argv[optind], &zones);
	if (n < 0)
		return EXIT_BAD_INPUT;
	for (int i = 0; i < n; i++)
		extfrag_show_zone(stdout, zones[i].node, zones[i].zone,
				  zones[i].nr_free, unusable);
	free(zones);
	return EXIT_OK;
}

const struct subcommand cmd_index = {
	.name = "index",
	.summary = "fragmentation indices of a /proc/buddyinfo, as debugfs shows",
	.usage =
	"usage: fragsim index [--unusable] BUDDYINFO\n"
	"\n"
	"Read a /proc/buddyinfo (a real machine's, or one fragsim printed) and\n"
	"print what the kernel's debugfs would show for that state:\n"
	"extfrag/extfrag_index (the fragmentation index of every order, -1.000\n"
	"where a block of the order is free) or, with --unusable,\n"
	"extfrag/unusable_index (the share of free memory in blocks too small\n"
	"for the order).  The arithmetic is mm/vmstat.c's, digit for digit.\n"
	"\n"
	"Options:\n"
	"  --unusable   print unusable_index instead of extfrag_index\n"
	"  -h, --help   show this help\n",
	.run = index_main,
};
