/*
 * fuzz_kpageflags.c - libFuzzer harness of the kpageflags/kpagecount dump
 * reader (kpf_dump_open and kpf_dump_read, as "fragsim state/run
 * --kpageflags F --kpagecount C" read them).  The input is both files:
 * its first byte says where the flags file ends (as a share of the rest),
 * so that files of equal and unequal lengths, raw or xz, are all reached.
 */
#include "fuzz.h"
#include "machine/kpageflags.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t flags[64], count[64];
	struct kpf_dump d;
	const char *fp, *cp;
	size_t split;

	if (!size)
		return 0;
	split = (size - 1) * data[0] / 255;
	data++;
	size--;
	fp = fuzz_file(0, data, split);
	cp = fuzz_file(1, data + split, size - split);
	if (kpf_dump_open(&d, fp, cp))
		return 0;
	while (kpf_dump_read(&d, flags, count, 64) > 0)
		;
	kpf_dump_close(&d);
	return 0;
}
