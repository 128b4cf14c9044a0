/*
 * fuzz_pagetypeinfo.c - libFuzzer harness of the /proc/pagetypeinfo reader
 * that "fragsim replay" uses on the snapshots beside a trace.  That reader
 * is a static function of the replay command, so the command's source is
 * included here rather than moved for the harness's sake.  (fragsim reads
 * no /proc/zoneinfo: it only prints one.)
 */
#include <stdlib.h>

#include "../src/cli/replay.c"
#include "fuzz.h"

/* The usage helpers of fragsim.c, which replay.c names but the reader
 * never reaches. */
void cli_print_usage(FILE *out, const struct subcommand *sub)
{
	abort();
}

int cli_usage_error(const struct subcommand *sub, const char *fmt, ...)
{
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct block_table t;

	read_pagetypeinfo(fuzz_file(0, data, size), &t);
	return 0;
}
