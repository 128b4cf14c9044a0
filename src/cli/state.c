/*
 * state.c - "fragsim state": boot a machine and print its memory state in
 * one of the kernel's /proc formats.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/snapshot_args.h"
#include "mm/page_alloc.h"
#include "proc/blocks.h"
#include "proc/buddyinfo.h"
#include "proc/vmstat.h"
#include "proc/zoneinfo.h"
#include "util/diag.h"

bool cli_proc_format(const char *what)
{
	return what && (!strcmp(what, "buddyinfo") ||
			!strcmp(what, "pagetypeinfo") ||
			!strcmp(what, "zoneinfo") || !strcmp(what, "vmstat") ||
			!strcmp(what, "blocks"));
}

int cli_proc_print(FILE *out, const char *what, const struct proc_snapshot *ps)
{
	if (!strcmp(what, "buddyinfo"))
		buddyinfo_print(out, ps);
	else if (!strcmp(what, "pagetypeinfo"))
		pagetypeinfo_print(out, ps);
	else if (!strcmp(what, "zoneinfo"))
		zoneinfo_print(out, ps);
	else if (!strcmp(what, "vmstat"))
		vmstat_print(out, ps);
	else
		return -1;
	return 0;
}

int cli_proc_show(FILE *out, const char *what, const struct mm_state *mm)
{
	struct proc_snapshot ps;
	int ret;

	/* a walk of the frames, not a /proc file the store keeps */
	if (!strcmp(what, "blocks")) {
		blocks_print(out, mm);
		return 0;
	}
	proc_snapshot_init(&ps, mm);
	proc_snapshot_take(&ps, mm);
	ret = cli_proc_print(out, what, &ps);
	proc_snapshot_release(&ps);
	return ret;
}

static int state_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "dmesg", required_argument, NULL, 'd' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "check", no_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		SNAPSHOT_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct snapshot_args snap = { 0 };
	struct machine_args args = { 0 };
	const char *what = NULL;
	struct printk_log log;
	struct mm_state mm;
	struct machine m;
	struct cli_getopt g;
	int opt, ret = EXIT_OK, check = 0;

	cli_getopt_init(&g, &cmd_state, argc, argv, "h", options);
	while ((opt = cli_getopt_next(&g)) >= 0) {
		switch (opt) {
		case 'd': args.dmesg = optarg; break;
		case 'c': args.cmdline = optarg; break;
		case 'k': check = 1; break;
		default:
			if (!snapshot_args_option(&snap, opt, optarg))
				return cli_getopt_refuse(&g);
		}
	}
	if (opt == CLI_GETOPT_EXIT)
		return g.status;
	if (!args.dmesg && optind < argc)
		args.model = argv[optind++];
	if (optind < argc)
		what = argv[optind++];
	if (optind < argc)
		return cli_usage_error(&cmd_state, "unexpected argument: %s",
				       argv[optind]);
	if (!args.model == !args.dmesg)
		return cli_usage_error(&cmd_state, "give either a MODEL or "
				       "--dmesg BOOTLOG");
	if (!cli_proc_format(what))
		return cli_usage_error(&cmd_state, "say what to show: "
				       "buddyinfo, pagetypeinfo, zoneinfo, "
				       "vmstat or blocks");

	if (snapshot_args_check(&snap, &cmd_state))
		return EXIT_BAD_INPUT;

	if (machine_args_load(&args, &m))
		return EXIT_BAD_INPUT;
	printk_init(&log);
	if (snapshot_args_boot(&snap, &mm, &m, &log)) {
		ret = EXIT_BAD_INPUT;
	} else {
		if (check && mm_check_invariants(&mm, stderr))
			ret = EXIT_RUN_FAILED;
		cli_proc_show(stdout, what, &mm);
		mm_release(&mm);
	}
	printk_release(&log);
	machine_release(&m);
	return ret;
}

const struct subcommand cmd_state = {
	.name = "state",
	.summary = "print a booted machine's memory as /proc shows it",
	.usage =
	"usage: fragsim state (MODEL | --dmesg BOOTLOG) [--cmdline STRING]\n"
	"                     [--check] [--from-kpageflags FILE --kpagecount FILE]\n"
	"                     (buddyinfo|pagetypeinfo|zoneinfo|vmstat|blocks)\n"
	"\n"
	"Boot the machine and print its memory right after boot in the format of\n"
	"the kernel's /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo or\n"
	"/proc/vmstat (the lines fragsim models), or as blocks: one line per\n"
	"pageblock, its pages by /proc/kpageflags class, as the oracle's\n"
	"frag --blockscan writes them (doc/snapshot.md).  The boot reserves what the\n"
	"kernel's memblock holds (kernel image, memmap, percpu, hash tables,\n"
	"swiotlb) and frees the rest; the allocations the kernel and init make\n"
	"after that are not simulated, so all managed memory is free.\n"
	"\n"
	"Options:\n"
	"  --dmesg BOOTLOG    read the machine from a real boot log\n"
	"  --cmdline STRING   replace the boot command line\n"
	"  --check            recount every frame and free list from scratch;\n"
	"                     exit 1 if anything disagrees\n"
	SNAPSHOT_USAGE
	"  -h, --help         show this help\n",
	.run = state_main,
};
