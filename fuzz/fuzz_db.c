/*
 * fuzz_db.c - libFuzzer harness of the result database reader: the path
 * of "fragsim buddyinfo/pagetypeinfo/zoneinfo/vmstat DB" (find the last
 * tick, read it, print it as /proc does) and of "fragsim export DB runs".
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "proc/buddyinfo.h"
#include "proc/snapshot.h"
#include "proc/vmstat.h"
#include "proc/zoneinfo.h"
#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct proc_snapshot ps;
	struct store *st;
	int64_t run, tick;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	if (store_open_read(&st, fuzz_file(0, data, size)))
		return 0;
	if (!store_find_tick(st, &run, &tick) &&
	    !store_read_tick(st, run, tick, &ps)) {
		buddyinfo_print(null, &ps);
		pagetypeinfo_print(null, &ps);
		zoneinfo_print(null, &ps);
		vmstat_print(null, &ps);
		proc_snapshot_release(&ps);
	}
	store_export(st, "runs", 0, null);
	store_close(st);
	return 0;
}
