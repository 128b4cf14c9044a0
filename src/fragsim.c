/*
 * fragsim.c - the command line: dispatch to a subcommand, in the manner of
 * git and perf.  Exit status: 0 success, 1 a failed run, 2 bad usage or
 * bad input.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "config.h"
#include "version.h"
#include "util/diag.h"

static const struct subcommand *const subcommands[] = {
	&cmd_layout,
	&cmd_state,
	&cmd_index,
	&cmd_run,
	&cmd_replay,
	&cmd_buddyinfo,
	&cmd_pagetypeinfo,
	&cmd_zoneinfo,
	&cmd_vmstat,
	&cmd_export,
	&cmd_plot,
	&cmd_sweep,
	&cmd_report,
	&cmd_merge,
	&cmd_rerun,
};

#define NR_SUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static const struct subcommand *find_subcommand(const char *name)
{
	for (size_t i = 0; i < NR_SUBCOMMANDS; i++)
		if (!strcmp(subcommands[i]->name, name))
			return subcommands[i];
	return NULL;
}

static void print_help(FILE *out)
{
	fprintf(out,
		"usage: fragsim [--version] [--help] SUBCOMMAND [ARGS]\n"
		"\n"
		"fragsim simulates how Linux 6.1 fragments physical memory and "
		"how it\nfights it.  Subcommands:\n\n");
	for (size_t i = 0; i < NR_SUBCOMMANDS; i++)
		fprintf(out, "  %-12s %s\n", subcommands[i]->name,
			subcommands[i]->summary);
	fprintf(out, "\n'fragsim help SUBCOMMAND' shows a subcommand's "
		"options.\n");
}

void cli_print_usage(FILE *out, const struct subcommand *sub)
{
	fputs(sub->usage, out);
}

/* "fragsim SUB: " and the message, without the newline. */
static void vsay(const struct subcommand *sub, const char *fmt, va_list ap)
{
	fprintf(stderr, "fragsim %s: ", sub->name);
	vfprintf(stderr, fmt, ap);
}

void cli_message(const struct subcommand *sub, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(sub, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const struct subcommand *sub, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(sub, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'fragsim help %s')\n", sub->name);
	return EXIT_BAD_INPUT;
}

int cli_parse_run(const struct subcommand *sub, const char *arg,
		  int64_t *run)
{
	char *end;
	long long v = strtoll(arg, &end, 10);

	if (end == arg || *end || v < 1)
		return cli_usage_error(sub, "--run %s: expected a run id (1, "
				       "2, ...)", arg);
	*run = v;
	return 0;
}

void cli_getopt_init(struct cli_getopt *g, const struct subcommand *sub,
		     int argc, char **argv, const char *shorts,
		     const struct option *longs)
{
	*g = (struct cli_getopt){ .sub = sub, .argc = argc, .argv = argv,
				  .shorts = shorts, .longs = longs,
				  .refused = "unknown option or missing value" };
	optind = 1;
	opterr = 0;
}

int cli_getopt_refuse(struct cli_getopt *g)
{
	g->status = cli_usage_error(g->sub, "%s: %s", g->refused,
				    g->argv[optind - 1]);
	return g->status;
}

int cli_getopt_next(struct cli_getopt *g)
{
	int opt = getopt_long(g->argc, g->argv, g->shorts, g->longs, NULL);

	if (opt == 'h') {
		cli_print_usage(stdout, g->sub);
		g->status = EXIT_OK;
		return CLI_GETOPT_EXIT;
	}
	if (opt == '?') {
		cli_getopt_refuse(g);
		return CLI_GETOPT_EXIT;
	}
	return opt;
}

static int help_main(int argc, char **argv)
{
	const struct subcommand *sub;

	if (argc < 2) {
		print_help(stdout);
		return EXIT_OK;
	}
	sub = find_subcommand(argv[1]);
	if (!sub) {
		fprintf(stderr, "fragsim: no subcommand '%s' (see 'fragsim "
			"--help')\n", argv[1]);
		return EXIT_BAD_INPUT;
	}
	cli_print_usage(stdout, sub);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct subcommand *sub;

	diag_set_progname("fragsim");
	if (argc < 2) {
		print_help(stderr);
		return EXIT_BAD_INPUT;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		print_help(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("fragsim %s\n", FRAGSIM_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "help"))
		return help_main(argc - 1, argv + 1);
	sub = find_subcommand(argv[1]);
	if (!sub) {
		fprintf(stderr, "fragsim: no subcommand '%s' (see 'fragsim "
			"--help')\n", argv[1]);
		return EXIT_BAD_INPUT;
	}
	return sub->run(argc - 1, argv + 1);
}
