/*
 * cli.h - the fragsim subcommands and what they share: each subcommand is a
 * function taking its own argv (argv[0] is the subcommand's name) and
 * returning an exit status from util/diag.h.
 */
#ifndef FRAGSIM_CLI_CLI_H
#define FRAGSIM_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mm/machine.h"
#include "proc/snapshot.h"

struct subcommand {
	const char *name;
	const char *summary;	/* one line for "fragsim --help" */
	const char *usage;	/* full text for "fragsim help NAME" */
	int (*run)(int argc, char **argv);
};

extern const struct subcommand cmd_layout;
extern const struct subcommand cmd_state;
extern const struct subcommand cmd_index;
extern const struct subcommand cmd_run;
extern const struct subcommand cmd_replay;
extern const struct subcommand cmd_buddyinfo;
extern const struct subcommand cmd_pagetypeinfo;
extern const struct subcommand cmd_zoneinfo;
extern const struct subcommand cmd_vmstat;
extern const struct subcommand cmd_export;
extern const struct subcommand cmd_plot;
extern const struct subcommand cmd_sweep;
extern const struct subcommand cmd_report;
extern const struct subcommand cmd_merge;
extern const struct subcommand cmd_rerun;

/* Print sub's usage text to out. */
void cli_print_usage(FILE *out, const struct subcommand *sub);

/* "fragsim SUB: message" on stderr: an error (not the usage's) or a note. */
void cli_message(const struct subcommand *sub, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "fragsim NAME: ..." and a hint to the help, for bad usage; returns 2. */
int cli_usage_error(const struct subcommand *sub, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A subcommand's options, read with getopt_long from argv[1] on (getopt
 * itself prints nothing): -h and --help print the usage, and an option
 * getopt_long refuses is a usage error.  Set up by cli_getopt_init.
 */
struct cli_getopt {
	const struct subcommand *sub;
	int argc;
	char **argv;
	const char *shorts;		/* getopt's short options, "h" among them */
	const struct option *longs;	/* {"help", ..., 'h'} among them */
	/* what the error calls a refused option, before ": ARG" (default:
	 * "unknown option or missing value") */
	const char *refused;
	int status;			/* the exit status, after CLI_GETOPT_EXIT */
};

#define CLI_GETOPT_EXIT	(-2)

void cli_getopt_init(struct cli_getopt *g, const struct subcommand *sub,
		     int argc, char **argv, const char *shorts,
		     const struct option *longs);

/*
 * The next option, for the caller's switch (optarg its value); -1 after
 * the last (the operands start at optind); or CLI_GETOPT_EXIT when the
 * command ends here: after --help (printed, g->status EXIT_OK) or a refused
 * option (reported as "fragsim SUB: unknown option or missing value: ARG",
 * g->status that of cli_usage_error).
 */
int cli_getopt_next(struct cli_getopt *g);

/* The usage error of the option just read, for a caller's own refusal. */
int cli_getopt_refuse(struct cli_getopt *g);

/*
 * "fragsim ARGV...", each word quoted as a shell needs (util/shell_quote.h),
 * for a run's or sweep's record; argv[0] is the subcommand.  free() it.
 */
char *cli_command_line(int argc, char **argv);

/*
 * --run N, for the subcommands that read a result store: *run becomes N
 * (1 or more) and 0 is returned, else the usage error's exit status.
 */
int cli_parse_run(const struct subcommand *sub, const char *arg,
		  int64_t *run);

/*
 * The machine arguments common to layout, run, state and replay:
 * MODEL, or --dmesg FILE, optionally with --cmdline STRING.
 */
struct machine_args {
	const char *model;
	const char *dmesg;
	const char *cmdline;
};

/*
 * The /proc formats fragsim prints (state.c): whether what names one
 * (buddyinfo, pagetypeinfo, zoneinfo, vmstat), and printing it from a
 * snapshot or from a live machine; -1 for an unknown format.  "fragsim
 * state", "run --show" and the readers of the result store share them.
 */
bool cli_proc_format(const char *what);
int cli_proc_print(FILE *out, const char *what, const struct proc_snapshot *ps);
int cli_proc_show(FILE *out, const char *what, const struct mm_state *mm);

/* Load the machine the arguments name; prints errors; 0 on success. */
int machine_args_load(const struct machine_args *args, struct machine *m);

#endif
