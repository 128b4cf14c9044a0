/*
 * command_line.c - a subcommand's argv as the command line a run or sweep
 * records: each word quoted as a shell needs (util/shell_quote.h), so that
 * the line reads back as the same words (rerun does).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/shell_quote.h"
#include "util/xalloc.h"

char *cli_command_line(int argc, char **argv)
{
	char **words = xcalloc((size_t)argc + 2, sizeof(*words)), *line;

	words[0] = "fragsim";
	memcpy(words + 1, argv, (size_t)argc * sizeof(*argv));
	line = shell_join(words);
	free(words);
	return line;
}
