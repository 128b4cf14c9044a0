/*
 * fuzz_file.c - the harnesses' scratch files: made once per process (the
 * fuzzer runs millions of inputs, so creating a name per input would cost
 * more than most readers) and truncated for each input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

#define NR_SLOTS 2

static char paths[NR_SLOTS][64];
static int fds[NR_SLOTS] = { -1, -1 };
static int registered;

static void remove_files(void)
{
	for (int i = 0; i < NR_SLOTS; i++)
		if (fds[i] >= 0)
			unlink(paths[i]);
}

const char *fuzz_file(int slot, const uint8_t *data, size_t size)
{
	size_t done = 0;

	if (slot < 0 || slot >= NR_SLOTS)
		abort();
	if (fds[slot] < 0) {
		const char *dir = getenv("TMPDIR");

		snprintf(paths[slot], sizeof(paths[slot]), "%s/fragsim-fuzz-"
			 "XXXXXX", dir && strlen(dir) < 32 ? dir : "/tmp");
		fds[slot] = mkstemp(paths[slot]);
		if (fds[slot] < 0) {
			perror(paths[slot]);
			abort();
		}
		if (!registered)
			registered = !atexit(remove_files);
	}
	if (ftruncate(fds[slot], 0))
		abort();
	while (done < size) {
		ssize_t n = pwrite(fds[slot], data + done, size - done,
				   (off_t)done);

		if (n <= 0)
			abort();
		done += (size_t)n;
	}
	return paths[slot];
}
