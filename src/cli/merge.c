/*
 * merge.c - "fragsim merge": join the shard databases of a sweep's emitted
 * jobs into one result store.
 */
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"
#include "util/diag.h"

static int merge_main(int argc, char **argv)
{
	int ret;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		cli_print_usage(stdout, &cmd_merge);
		return EXIT_OK;
	}
	if (argc < 3)
		return cli_usage_error(&cmd_merge, "expected OUT.db and at "
				       "least one SHARD.db");
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], argv[1]))
			return cli_usage_error(&cmd_merge, "%s is both the "
					       "output and a shard", argv[1]);
	ret = store_merge(argv[1], (const char *const *)argv + 2,
			  (size_t)(argc - 2), stdout);
	if (ret == STORE_ERR_VERSION) {
		cli_message(&cmd_merge, "nothing was written");
		return EXIT_BAD_INPUT;
	}
	return ret ? EXIT_RUN_FAILED : EXIT_OK;
}

const struct subcommand cmd_merge = {
	.name = "merge",
	.summary = "merge the shard databases of a sweep into one",
	.usage =
	"usage: fragsim merge OUT.db SHARD.db...\n"
	"\n"
	"Copy the sweep and the complete runs of every shard (the databases that\n"
	"the commands of 'fragsim sweep --emit-jobs' write) into OUT.db, created\n"
	"if new, with every row of each run; run ids are renumbered.  A run whose\n"
	"sweep, point and seed OUT.db already holds complete is skipped, so\n"
	"merging again is harmless.  The shards must all be of this schema\n"
	"version and of one sweep: if not, nothing is written (exit 2).\n",
	.run = merge_main,
};
