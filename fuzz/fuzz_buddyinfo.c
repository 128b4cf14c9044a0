/*
 * fuzz_buddyinfo.c - libFuzzer harness of the /proc/buddyinfo reader and
 * what "fragsim index" computes from it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "proc/extfrag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct buddyinfo_zone *zones;
	int n;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	n = buddyinfo_read(fuzz_file(0, data, size), &zones);
	for (int i = 0; i < n; i++)
		for (int unusable = 0; unusable < 2; unusable++)
			extfrag_show_zone(null, zones[i].node, zones[i].zone,
					  zones[i].nr_free, unusable);
	if (n > 0)
		free(zones);
	return 0;
}
