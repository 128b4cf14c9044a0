/*
 * fuzz_model.c - libFuzzer harness of the machine model reader
 * (model_load, as "fragsim layout/state/run MODEL" call it).
 */
#include "fuzz.h"
#include "machine/model.h"
#include "mm/machine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine m;

	/* model_load releases m itself when it fails */
	if (!model_load(&m, fuzz_file(0, data, size)))
		machine_release(&m);
	return 0;
}
