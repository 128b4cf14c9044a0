/*
 * layout.c - "fragsim layout": boot a machine and print its zone layout as
 * the kernel's boot log and /proc/zoneinfo show it.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "mm/boot.h"
#include "proc/zoneinfo.h"
#include "util/diag.h"

static int layout_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "dmesg", required_argument, NULL, 'd' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct machine_args args = { 0 };
	struct zone_layout layout;
	struct printk_log log;
	struct machine m;
	struct cli_getopt g;
	int opt, ret;

	cli_getopt_init(&g, &cmd_layout, argc, argv, "h", options);
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 'd':
			args.dmesg = optarg;
			break;
		case 'c':
			args.cmdline = optarg;
			break;
		}
	}
	if (opt == CLI_GETOPT_EXIT)
		return g.status;
	if (optind < argc)
		args.model = argv[optind++];
	if (optind < argc)
		return cli_usage_error(&cmd_layout, "unexpected argument: %s",
				       argv[optind]);
	if (!args.model == !args.dmesg)
		return cli_usage_error(&cmd_layout, "give either a MODEL or "
				       "--dmesg BOOTLOG");

	if (machine_args_load(&args, &m))
		return EXIT_BAD_INPUT;
	printk_init(&log);
	ret = mm_boot(&m, &layout, NULL, &log);
	if (ret == 0) {
		printk_write(&log, stdout);
		zoneinfo_show_layout(stdout, &layout);
		zone_layout_release(&layout);
	}
	printk_release(&log);
	machine_release(&m);
	return ret ? EXIT_BAD_INPUT : EXIT_OK;
}

const struct subcommand cmd_layout = {
	.name = "layout",
	.summary = "lay out a machine's zones as Linux 6.1 does at boot",
	.usage =
	"usage: fragsim layout (MODEL | --dmesg BOOTLOG) [--cmdline STRING]\n"
	"\n"
	"Boot the machine described by MODEL (a models/NAME.ini file) or by a real\n"
	"boot log, and print what Linux 6.1 computes for it:\n"
	"  - the boot log's own lines: \"Zone ranges:\", \"Movable zone start for\n"
	"    each node\", \"Early memory node ranges\", \"Initmem setup node\" and\n"
	"    \"On node N, zone Z: K pages in unavailable ranges\";\n"
	"  - for every node and zone, the /proc/zoneinfo lines \"Node N, zone Z\",\n"
	"    spanned, present and start_pfn.\n"
	"\n"
	"Options:\n"
	"  --dmesg BOOTLOG    read the machine from a dmesg or serial console log:\n"
	"                     its \"Early memory node ranges\" and \"Command line:\"\n"
	"  --cmdline STRING   use STRING as the boot command line instead, e.g.\n"
	"                     'kernelcore=1G', 'movablecore=25%', 'kernelcore=mirror',\n"
	"                     'movable_node'\n"
	"  -h, --help         show this help\n",
	.run = layout_main,
};
