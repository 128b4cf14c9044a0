/*
 * fuzz_workload.c - libFuzzer harness of the workload reader: load and
 * check, as "fragsim run" does before it simulates.
 */
#include "fuzz.h"
#include "workload/workload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct workload w;

	if (workload_load(&w, fuzz_file(0, data, size)))
		return 0;
	workload_check(&w);
	workload_release(&w);
	return 0;
}
