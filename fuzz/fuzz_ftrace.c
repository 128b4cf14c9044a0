/*
 * fuzz_ftrace.c - libFuzzer harness of the ftrace text reader, read as
 * "fragsim replay --skip-bad" reads a trace (every line, bad ones
 * skipped), with the fields replay takes from each event parsed as it
 * parses them (trace/kmem.c's decoders, whose fast paths read a word at
 * a time, and ftrace_fields).
 */
#include "fuzz.h"
#include "trace/ftrace.h"
#include "trace/kmem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = {
		"page", "pfn", "order", "migratetype", "gfp_flags",
		"alloc_order", "fallback_order",
	};
	struct ftrace_value v[sizeof(keys) / sizeof(keys[0])];
	struct ftrace_reader r;
	struct ftrace_event ev;
	enum ftrace_status st;

	/* the command's own path: a file, raw or xz */
	if (ftrace_open(&r, fuzz_file(0, data, size))) {
		ftrace_close(&r);
		return 0;
	}
	while ((st = ftrace_next(&r, &ev)) != FTRACE_EOF &&
	       st != FTRACE_IO_ERROR) {
		int n = (int)(sizeof(keys) / sizeof(keys[0]));
		struct kmem_page_alloc a;
		unsigned long pfn, order = 0;
		bool frag, own;

		if (st != FTRACE_EVENT)
			continue;
		kmem_page_alloc_read(&ev, &a);
		kmem_page_free_read(&ev, false, &pfn, &order);
		kmem_page_free_read(&ev, true, &pfn, &order);
		kmem_extfrag_read(&ev, &frag, &own);
		ftrace_fields(&ev, keys, n, v);
		for (int i = 0; i < n; i++) {
			unsigned long u;
			long l;

			if (!v[i].s)
				continue;
			ftrace_parse_ulong(v[i].s, v[i].len, &u);
			ftrace_parse_long(v[i].s, v[i].len, &l);
		}
	}
	ftrace_close(&r);
	return 0;
}
