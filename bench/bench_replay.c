/*
 * bench_replay.c - trace replay speed: events per second, parsing included
 * (the target is 5 M/s).
 *
 * Writes a synthetic trace of a 1 GiB, 2-CPU machine in the kernel's text
 * format (order-0 anonymous and kernel pages allocated and freed in a
 * sliding window of 40000 blocks, at pfns free in the kernel's view, some
 * order-1..3 and order-9 requests, and the
 * mm_page_alloc_zone_locked / mm_page_pcpu_drain lines a real trace has in
 * between), uncompressed, then times (1) the ftrace reader alone and (2)
 * the replay as "fragsim replay" runs it (libreplay) on the shipped 1 GiB
 * model, boot included, its report left out.  With the oracle's trace at
 * hand (argument 2, .xz), it times that too, decompression included.  The
 * replay reads its trace in a second thread, so its figure is in elapsed
 * time (a median of RUNS); the CPU time of both threads is shown beside
 * it.
 * Usage: bench_replay [SRCDIR] [ORACLE_TRACE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "machine/model.h"
#include "mm/page_alloc.h"
#include "mm/printk.h"
#include "replay/replay.h"
#include "trace/ftrace.h"

static double clock_s(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double now_s(void)
{
	return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

#define RUNS	5	/* replays timed, the median quoted */

#define WINDOW		40000	/* blocks held at a time */
#define LOW_END		0x20000	/* order 0 below, orders 1-3 and 9 above */
#define HIGH_END	0x3e000

/*
 * A free pfn range for a block of 2^order pages, as the kernel would hand
 * out (never one still held): order 0 pages walk the low part with a
 * stride, larger blocks walk the high part, aligned.
 */
static unsigned long pick_pfn(unsigned char *busy, unsigned long *cursor,
			      int order)
{
	unsigned long n = 1ul << order, base = order ? LOW_END : 0x1000;
	unsigned long span = (order ? HIGH_END : LOW_END) - base;

	for (;;) {
		unsigned long pfn, i;

		cursor[!!order] = (cursor[!!order] + (order ? 512 * 7 + 8 : 4099))
				  % span;
		pfn = (base + cursor[!!order]) & ~(n - 1);
		for (i = 0; i < n && !busy[pfn + i]; i++)
			;
		if (i == n) {
			memset(busy + pfn, 1, n);
			return pfn;
		}
	}
}

/* The synthetic trace; returns the number of events written. */
static unsigned long write_trace(const char *path, unsigned long nr_allocs)
{
	FILE *f = fopen(path, "w");
	unsigned long *held = calloc(WINDOW, sizeof(*held)), events = 0;
	unsigned char *busy = calloc(HIGH_END, 1);
	unsigned long cursor[2] = { 0, 0 }, x = 12345;

	if (!f || !held || !busy)
		abort();
	fprintf(f, "# tracer: nop\n#\n");
	for (unsigned long i = 0; i < nr_allocs; i++) {
		unsigned long t_us = 3000000 + i * 5, slot = i % WINDOW, pfn;
		int cpu = (int)(i & 1), order = 0;
		const char *gfp = "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO";
		int mt = 1;

		x = x * 6364136223846793005ul + 1442695040888963407ul;
		if ((x >> 40) % 200 == 0)
			order = 1 + (int)((x >> 20) % 3);
		if (i % 1000 == 999)
			order = 9;
		if (order && order < 9 && (x >> 33) % 5 == 0) {
			gfp = "GFP_KERNEL|__GFP_COMP";
			mt = 0;
		} else if (!order && (x >> 33) % 5 == 0) {
			gfp = "GFP_HIGHUSER|__GFP_ACCOUNT";
			mt = 0;
		} else if (order == 9) {
			gfp = "GFP_HIGHUSER_MOVABLE|__GFP_NOWARN|"
			      "__GFP_RETRY_MAYFAIL|__GFP_COMP|__GFP_THISNODE";
		}
		if (held[slot]) {
			unsigned long hp = held[slot] >> 4;
			unsigned int ho = held[slot] & 15;

			fprintf(f, "            frag-103     [%03d] .....  %5lu.%06lu: "
				"mm_page_free: page=(____ptrval____) pfn=0x%lx "
				"order=%u\n", cpu, t_us / 1000000,
				t_us % 1000000, hp, ho);
			memset(busy + hp, 0, 1ul << ho);
			events++;
		}
		pfn = pick_pfn(busy, cursor, order);
		held[slot] = pfn << 4 | (unsigned long)order;
		if (i % 8 == 0) {
			fprintf(f, "            frag-103     [%03d] d..2.  %5lu.%06lu: "
				"mm_page_alloc_zone_locked: page=(____ptrval____) "
				"pfn=0x%lx order=0 migratetype=1 percpu_refill=1\n",
				cpu, t_us / 1000000, t_us % 1000000, pfn);
			fprintf(f, "            frag-103     [%03d] d..2.  %5lu.%06lu: "
				"mm_page_pcpu_drain: page=(____ptrval____) "
				"pfn=0x%lx order=0 migratetype=1\n",
				cpu, t_us / 1000000, t_us % 1000000, pfn + 1);
			events += 2;
		}
		fprintf(f, "            frag-103     [%03d] .....  %5lu.%06lu: "
			"mm_page_alloc: page=(____ptrval____) pfn=0x%lx order=%d "
			"migratetype=%d gfp_flags=%s\n", cpu, t_us / 1000000,
			t_us % 1000000, pfn, order, mt, gfp);
		events++;
	}
	fclose(f);
	free(held);
	free(busy);
	return events;
}

static double time_parse(const char *path, unsigned long *events)
{
	struct ftrace_reader r;
	struct ftrace_event ev;
	double t = now_s();
	size_t len, sum = 0;

	*events = 0;
	if (ftrace_open(&r, path))
		abort();
	while (ftrace_next(&r, &ev) == FTRACE_EVENT) {
		sum += ftrace_field(&ev, "pfn", &len) ? len : 0;
		(*events)++;
	}
	ftrace_close(&r);
	if (!sum)
		abort();
	return now_s() - t;
}

struct timing {
	double wall, cpu;	/* seconds */
};

/*
 * What "fragsim replay MODEL --start none TRACE" does but print its
 * report: the trace opened (its thread reading ahead), the machine
 * booted, the trace replayed.
 */
static struct timing replay_once(const char *model, const char *path)
{
	const struct replay_config c = { .trace = path, .start = "none" };
	struct ftrace_reader reader;
	struct printk_log log;
	struct mm_state mm;
	struct machine m;
	struct replay *r;
	struct timing t;
	bool failed;
	int ret;

	t.wall = clock_s(CLOCK_MONOTONIC);
	t.cpu = now_s();
	failed = ftrace_open_threaded(&reader, path) != 0;
	if (model_load(&m, model))
		abort();
	printk_init(&log);
	if (mm_init(&mm, &m, &log))
		abort();
	mm.log = NULL;
	r = replay_new(&mm, &c);
	ret = replay_begin(r) || replay_trace(r, &reader, failed);
	replay_free(r);
	mm_release(&mm);
	printk_release(&log);
	machine_release(&m);
	ftrace_close(&reader);
	t.cpu = now_s() - t.cpu;
	t.wall = clock_s(CLOCK_MONOTONIC) - t.wall;
	if (ret)
		fprintf(stderr, "bench_replay: replay of %s failed\n", path);
	return t;
}

static int cmp_wall(const void *a, const void *b)
{
	double x = ((const struct timing *)a)->wall;
	double y = ((const struct timing *)b)->wall;

	return (x > y) - (x < y);
}

/* The run of median elapsed time among RUNS. */
static struct timing time_replay(const char *model, const char *path)
{
	struct timing t[RUNS];

	for (int i = 0; i < RUNS; i++)
		t[i] = replay_once(model, path);
	qsort(t, RUNS, sizeof(t[0]), cmp_wall);
	return t[RUNS / 2];
}

int main(int argc, char **argv)
{
	const char *srcdir = argc > 1 ? argv[1] : ".";
	char model[4096], path[] = "/tmp/bench_replay_XXXXXX";
	unsigned long events, parsed;
	struct timing tr;
	double tp;
	int fd = mkstemp(path);

	if (fd < 0)
		abort();
	close(fd);
	snprintf(model, sizeof(model), "%s/models/x86_64-1g.ini", srcdir);
	events = write_trace(path, 2000000);
	tp = time_parse(path, &parsed);
	tr = time_replay(model, path);
	printf("bench_replay: synthetic trace, %lu events (%.0f MB), 1 GiB "
	       "model, 2 CPUs, uncompressed\n", events,
	       (double)events * 110 / 1e6);
	printf("  parse only:            %6.2f M events/s\n",
	       (double)parsed / tp / 1e6);
	printf("  replay (parse + model): %6.2f M events/s  (target 5; "
	       "%.2f s elapsed, %.2f s CPU)\n", (double)events / tr.wall / 1e6,
	       tr.wall, tr.cpu);
	if (getenv("BENCH_REPLAY_KEEP"))	/* to profile: the trace stays */
		fprintf(stderr, "bench_replay: kept %s\n", path);
	else
		unlink(path);
	if (argc > 2 && access(argv[2], R_OK) == 0) {
		tp = time_parse(argv[2], &parsed);
		tr = time_replay(model, argv[2]);
		printf("  oracle trace %s (xz): %lu events, parse %.2f M/s, "
		       "replay %.2f M/s (%.3f s elapsed, %.3f s CPU)\n",
		       argv[2], parsed, (double)parsed / tp / 1e6,
		       (double)parsed / tr.wall / 1e6, tr.wall, tr.cpu);
	}
	return 0;
}
