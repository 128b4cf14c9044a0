/*
 * fuzz_pagetypeinfo.c - libFuzzer harness of the /proc/pagetypeinfo reader
 * (machine/pagetypeinfo.c) that "fragsim replay" uses on the snapshots
 * beside a trace.  (fragsim reads no /proc/zoneinfo: it only prints one.)
 */
#include "fuzz.h"
#include "machine/pagetypeinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pagetypeinfo_table t;

	pagetypeinfo_read(fuzz_file(0, data, size), &t);
	return 0;
}
