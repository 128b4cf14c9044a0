/*
 * snapshot_args.h - the options that start a machine from a real one's
 * page-frame dump (--from-kpageflags FILE --kpagecount FILE), shared by
 * "fragsim run" and "fragsim state".
 */
#ifndef FRAGSIM_CLI_SNAPSHOT_ARGS_H
#define FRAGSIM_CLI_SNAPSHOT_ARGS_H

#include <stdbool.h>

#include "cli/cli.h"
#include "mm/page_alloc.h"

/* getopt_long's return values for the two options. */
#define SNAPSHOT_OPT_KPAGEFLAGS	0x1001
#define SNAPSHOT_OPT_KPAGECOUNT	0x1002

/* The entries to add to a subcommand's struct option table. */
#define SNAPSHOT_LONG_OPTIONS \
	{ "from-kpageflags", required_argument, NULL, SNAPSHOT_OPT_KPAGEFLAGS }, \
	{ "kpagecount", required_argument, NULL, SNAPSHOT_OPT_KPAGECOUNT }

/* The options' help lines, for a usage text. */
#define SNAPSHOT_USAGE \
	"  --from-kpageflags FILE  start from a real machine's /proc/kpageflags\n" \
	"                     dump (raw or .xz) instead of a fresh boot\n" \
	"  --kpagecount FILE  the /proc/kpagecount dump taken with it\n"

struct snapshot_args {
	const char *kpageflags;
	const char *kpagecount;
};

/* Take opt if it is one of ours; true if it was. */
bool snapshot_args_option(struct snapshot_args *a, int opt, const char *arg);

/* Both files or neither; else a usage error for sub (returns 2). */
int snapshot_args_check(const struct snapshot_args *a,
			const struct subcommand *sub);

/*
 * Boot the machine: mm_init, or with a dump the imported state.  Returns
 * an exit status (util/diag.h) after reporting any problem.
 */
int snapshot_args_boot(const struct snapshot_args *a, struct mm_state *mm,
		       const struct machine *m, struct printk_log *log);

#endif
