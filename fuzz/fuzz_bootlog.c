/*
 * fuzz_bootlog.c - libFuzzer harness of the boot log reader (bootlog_load,
 * as "fragsim layout/state/run --dmesg FILE" call it).
 */
#include "fuzz.h"
#include "machine/bootlog.h"
#include "mm/machine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine m;

	if (!bootlog_load(&m, fuzz_file(0, data, size)))
		machine_release(&m);
	return 0;
}
