/*
 * check_ftrace.c - the ftrace text reader: the column layouts the kernel
 * prints (with and without the irq-info FLAGS column, with record-tgid),
 * timestamps to the nanosecond, fields, header lines, bad and truncated
 * lines with their line numbers, and .xz input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suites.h"
#include "trace/ftrace.h"

static struct ftrace_reader r;
static struct ftrace_event ev;

static void open_text(const char *text)
{
	ftrace_open_mem(&r, "test", text, strlen(text));
}

static void teardown(void)
{
	ftrace_close(&r);
}

static bool field_is(const char *key, const char *want)
{
	size_t len;
	const char *v = ftrace_field(&ev, key, &len);

	return v && len == strlen(want) && !memcmp(v, want, len);
}

START_TEST(default_format_with_header)
{
	open_text("# tracer: nop\n"
		  "#\n"
		  "            init-1       [001] .....     2.960865: "
		  "mm_page_alloc: page=(____ptrval____) pfn=0x5e5a order=1 "
		  "migratetype=0 gfp_flags=GFP_KERNEL_ACCOUNT|__GFP_ZERO\n"
		  "\n"
		  "      kcompactd0-33      [000] d..3.   123.000001: "
		  "mm_compaction_kcompactd_sleep: nid=0\n");
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EVENT);
	ck_assert_uint_eq(r.line, 3);
	ck_assert_int_eq((int)ev.task_len, 4);
	ck_assert(!memcmp(ev.task, "init", 4));
	ck_assert_int_eq(ev.pid, 1);
	ck_assert_int_eq(ev.cpu, 1);
	ck_assert_uint_eq(ev.ts_ns, 2960865000ull);
	ck_assert(ftrace_event_is(&ev, "mm_page_alloc", 13));
	ck_assert(!ftrace_event_is(&ev, "mm_page_alloc_extfrag", 21));
	ck_assert(field_is("pfn", "0x5e5a"));
	ck_assert(field_is("order", "1"));
	ck_assert(field_is("gfp_flags", "GFP_KERNEL_ACCOUNT|__GFP_ZERO"));
	{
		static const char *const keys[] = { "order", "nope", "pfn" };
		struct ftrace_value v[3];

		ck_assert_int_eq(ftrace_fields(&ev, keys, 3, v), 2);
		ck_assert(v[0].len == 1 && v[0].s[0] == '1');
		ck_assert_ptr_null(v[1].s);
		ck_assert(v[2].len == 6 && !memcmp(v[2].s, "0x5e5a", 6));
	}
	/* "order" must not match inside "alloc_order" or another key */
	ck_assert_ptr_null(ftrace_field(&ev, "rder", &(size_t){ 0 }));

	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EVENT);
	ck_assert_uint_eq(r.line, 5);
	ck_assert(!memcmp(ev.task, "kcompactd0", 10));
	ck_assert_int_eq(ev.pid, 33);
	ck_assert_int_eq(ev.cpu, 0);
	ck_assert_uint_eq(ev.ts_ns, 123000001000ull);
	ck_assert(field_is("nid", "0"));
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EOF);
	ck_assert_uint_eq(r.nr_skipped, 3);
}
END_TEST

START_TEST(other_layouts)
{
	/* no FLAGS column (irq-info off), a task with '-' and a space,
	 * record-tgid's column, nanosecond clock */
	open_text("  kworker/u4:1-events-77 [002]   5.5: mm_page_free: "
		  "page=(____ptrval____) pfn=0x10 order=0\n"
		  "   my prog-4242  ( 4240) [003] ..... 7.123456789: "
		  "mm_compaction_end: zone_start=0x1000 migrate_pfn=0xfe00 "
		  "free_pfn=0x1b239 zone_end=0x3ffe0, mode=async "
		  "status=success");
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EVENT);
	ck_assert_int_eq((int)ev.task_len, 19);
	ck_assert_int_eq(ev.pid, 77);
	ck_assert_int_eq(ev.cpu, 2);
	ck_assert_uint_eq(ev.ts_ns, 5500000000ull);
	ck_assert(ftrace_event_is(&ev, "mm_page_free", 12));
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EVENT);
	ck_assert(!memcmp(ev.task, "my prog", 7));
	ck_assert_int_eq((int)ev.task_len, 7);
	ck_assert_int_eq(ev.pid, 4242);
	ck_assert_int_eq(ev.cpu, 3);
	ck_assert_uint_eq(ev.ts_ns, 7123456789ull);
	/* a trailing comma is not part of the value */
	ck_assert(field_is("zone_end", "0x3ffe0"));
	ck_assert(field_is("mode", "async"));
	ck_assert(field_is("status", "success"));
	/* the last line had no newline and was still whole */
	ck_assert(r.unterminated);
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EOF);
}
END_TEST

START_TEST(bad_lines_name_their_line)
{
	open_text("# header\n"
		  "init-1 [000] ..... 1.000000: mm_page_free: pfn=0x1 order=0\n"
		  "init-1 ..... 1.000001: mm_page_free: pfn=0x2 order=0\n"
		  "init-1 [000] ..... one: mm_page_free: pfn=0x3 order=0\n"
		  "init-1 [000] ..... 1.000003 mm_page_free pfn=0x4\n"
		  "init-1 [000] ..... 1.00000");
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EVENT);
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_BAD_LINE);
	ck_assert_uint_eq(r.line, 3);
	ck_assert(strstr(r.err, "no [CPU] column"));
	ck_assert(strstr(r.err, FTRACE_LINE_FORM));
	/* the reader goes on after a bad line */
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_BAD_LINE);
	ck_assert_uint_eq(r.line, 4);
	ck_assert(strstr(r.err, "no timestamp"));
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_BAD_LINE);
	ck_assert_uint_eq(r.line, 5);
	ck_assert(strstr(r.err, "no timestamp"));
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_BAD_LINE);
	ck_assert_uint_eq(r.line, 6);
	ck_assert(!strncmp(r.err, "truncated line", 14));
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EOF);
}
END_TEST

/*
 * Lines near the usual "TASK-PID [CPU]" form, which is read in one pass:
 * each as the general rules read it (the PID after the last dash, the
 * first "[digits]" as the CPU).
 */
START_TEST(near_usual_context)
{
	open_text("-7 [002] 1.5: a: k=1\n"		/* an empty name */
		  "x-y-12   [3] 1.5: b: k=1\n"	/* dashes in the name */
		  "x-1a [0] 1.5: c: k=1\n"		/* no PID */
		  "x-1 [0a] 1.5: d: k=1\n"		/* no [CPU] */
		  "x-1 [] [4] 1.5: e: k=1\n"	/* the first [digits] */
		  "x-1\t[5] 1.5: f: k=1\n"		/* a tab before it */
		  "x-2[6] 1.5: g: k=1\n");		/* no space before it */
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EVENT);
	ck_assert_uint_eq(ev.task_len, 0);
	ck_assert_int_eq(ev.pid, 7);
	ck_assert_int_eq(ev.cpu, 2);
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EVENT);
	ck_assert_uint_eq(ev.task_len, 3);
	ck_assert(!memcmp(ev.task, "x-y", 3));
	ck_assert_int_eq(ev.pid, 12);
	ck_assert_int_eq(ev.cpu, 3);
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_BAD_LINE);
	ck_assert(strstr(r.err, "no TASK-PID"));
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_BAD_LINE);
	ck_assert(strstr(r.err, "no [CPU] column"));
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_BAD_LINE);
	ck_assert(strstr(r.err, "no TASK-PID"));	/* "x-1 []" is not */
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_BAD_LINE);
	ck_assert(strstr(r.err, "no TASK-PID"));	/* "1\t" is no PID */
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EVENT);
	ck_assert_int_eq(ev.pid, 2);
	ck_assert_int_eq(ev.cpu, 6);
	ck_assert(ftrace_event_is(&ev, "g", 1));
	ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EOF);
}
END_TEST

/* Timestamps of every length of fraction, to the nanosecond. */
START_TEST(timestamp_fractions)
{
	static const struct {
		const char *ts;
		unsigned long long ns;	/* 0: not a timestamp */
	} t[] = {
		{ "3.1", 3100000000ull }, { "3.12", 3120000000ull },
		{ "3.000001", 3000001000ull }, { "0.9999999", 999999900ull },
		{ "12.34567891", 12345678910ull },
		{ "4294967296.123456789", 4294967296123456789ull },
		{ "3.", 0 }, { "3.12a4", 0 }, { "3.1234567890", 0 },
		{ "3./", 0 }, { "3.12 ", 0 },
	};
	char line[128];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(line, sizeof(line), "x-1 [000] %s: e: k=1\n", t[i].ts);
		open_text(line);
		ck_assert_int_eq(ftrace_next(&r, &ev),
				 t[i].ns ? FTRACE_EVENT : FTRACE_BAD_LINE);
		if (t[i].ns)
			ck_assert_uint_eq(ev.ts_ns, t[i].ns);
		else
			ck_assert(strstr(r.err, "no timestamp"));
		ftrace_close(&r);
	}
	open_text("");	/* for teardown */
}
END_TEST

START_TEST(numbers)
{
	unsigned long u;
	long l;

	ck_assert_int_eq(ftrace_parse_ulong("0x3ffe0", 7, &u), 0);
	ck_assert_uint_eq(u, 0x3ffe0);
	ck_assert_int_eq(ftrace_parse_ulong("0XAb", 4, &u), 0);
	ck_assert_uint_eq(u, 0xab);
	ck_assert_int_eq(ftrace_parse_ulong("271", 3, &u), 0);
	ck_assert_uint_eq(u, 271);
	ck_assert_int_eq(ftrace_parse_ulong("27x", 3, &u), -1);
	ck_assert_int_eq(ftrace_parse_ulong("0x", 2, &u), -1);
	ck_assert_int_eq(ftrace_parse_ulong("", 0, &u), -1);
	ck_assert_int_eq(ftrace_parse_ulong("0x10000000000000000", 19, &u),
			 -1);
	ck_assert_int_eq(ftrace_parse_long("-1", 2, &l), 0);
	ck_assert_int_eq(l, -1);
	ck_assert_int_eq(ftrace_parse_long("-", 1, &l), -1);
	ck_assert_int_eq(ftrace_parse_long("0x1", 3, &l), -1);
}
END_TEST

/* --start-at's time: the trace's clock to the nanosecond, nothing else. */
START_TEST(parse_seconds)
{
	static const struct {
		const char *text;
		uint64_t ns;
	} good[] = {
		{ "3.185003", 3185003000ULL }, { "2", 2000000000ULL },
		{ "0.000000001", 1 }, { "18446744072.5", 18446744072500000000ULL },
	};
	static const char *const bad[] = {
		"", ".5", "1.", "-1", "1.x", "1.5s", " 1", "1.0000000001",
		"18446744074", "0x10",
	};
	uint64_t ns;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(ftrace_parse_seconds(good[i].text, &ns) == 0 &&
			      ns == good[i].ns, "\"%s\" misread", good[i].text);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ns = 7;
		ck_assert_msg(ftrace_parse_seconds(bad[i], &ns) == -1 &&
			      ns == 7, "\"%s\" taken", bad[i]);
	}
}
END_TEST

/*
 * The in-order fast path reads what ftrace_fields and the parsers read, or
 * declines (false) so that they are asked: never a different value.
 */
START_TEST(in_order_fields)
{
	static const char *const hex_ok[] = { "0x0 ", "0x5e5a", "0x3ffe0 x",
					      "0xfffffffffffffff" };
	static const char *const hex_no[] = { "0x ", "0x1g", "0X1", "1f",
					      "0x1,", "0x1000000000000000",
					      "0xA" };
	static const char *const dec_ok[] = { "0", "9 ", "123456789" };
	static const char *const dec_no[] = { "", "-1", "1234567890", "1x",
					      "0x1", "1," };
	unsigned long v, want;
	struct ftrace_value w;
	const char *p;

	for (size_t i = 0; i < sizeof(hex_ok) / sizeof(hex_ok[0]); i++) {
		p = hex_ok[i];
		ck_assert(ftrace_take_hex(&p, &v));
		ck_assert(*p == ' ' || *p == '\0');
		ck_assert_int_eq(ftrace_parse_ulong(hex_ok[i],
				 (size_t)(p - hex_ok[i]), &want), 0);
		ck_assert_uint_eq(v, want);
	}
	for (size_t i = 0; i < sizeof(hex_no) / sizeof(hex_no[0]); i++) {
		p = hex_no[i];
		ck_assert(!ftrace_take_hex(&p, &v));
		ck_assert_ptr_eq(p, hex_no[i]);
	}
	for (size_t i = 0; i < sizeof(dec_ok) / sizeof(dec_ok[0]); i++) {
		p = dec_ok[i];
		ck_assert(ftrace_take_dec(&p, &v));
		ck_assert_int_eq(ftrace_parse_ulong(dec_ok[i],
				 (size_t)(p - dec_ok[i]), &want), 0);
		ck_assert_uint_eq(v, want);
	}
	for (size_t i = 0; i < sizeof(dec_no) / sizeof(dec_no[0]); i++) {
		p = dec_no[i];
		ck_assert(!ftrace_take_dec(&p, &v));
	}
	p = "GFP_KERNEL|__GFP_ZERO next";
	ck_assert(ftrace_take_word(&p, &w));
	ck_assert_uint_eq(w.len, 21);
	ck_assert_str_eq(p, " next");
	p = "async, x";	/* ftrace_fields would drop the comma: declined */
	ck_assert(!ftrace_take_word(&p, &w));
	p = " x";
	ck_assert(!ftrace_take_word(&p, &w));
	p = "pfn=0x1 order=0";
	ck_assert(ftrace_take(&p, "pfn=", 4));
	ck_assert(!ftrace_take(&p, "0y", 2));
	ck_assert(ftrace_take(&p, "0x1 order=0", 11));
	ck_assert(*p == '\0');
	p = "page=(____ptrval____) pfn";
	ck_assert(!ftrace_take(&p, "page=(____ptrvbl", 16));
	ck_assert(!ftrace_take(&p, "pagf=", 5));
	ck_assert(ftrace_take(&p, "page=(____ptrval", 16));
	open_text("");	/* for teardown */
}
END_TEST

/* A file read in chunks, with a line longer than the read-ahead buffer,
 * then the same text through xz. */
START_TEST(files_raw_and_xz)
{
	char path[] = "/tmp/check_ftrace_XXXXXX", cmd[128], xzpath[64];
	size_t long_len = 3u << 20;
	char *big = malloc(long_len + 200);
	FILE *f;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	for (int i = 0; i < 20000; i++)
		fprintf(f, "frag-%d [%03d] ..... %d.%06d: mm_page_free: "
			"page=(____ptrval____) pfn=0x%x order=0\n", i, i % 2,
			i / 1000, i % 1000, i);
	memset(big, 'x', long_len);
	big[long_len] = '\0';
	fprintf(f, "a-1 [000] ..... 99.000000: long: v=%s\n", big);
	fclose(f);
	snprintf(xzpath, sizeof(xzpath), "%s.xz", path);
	snprintf(cmd, sizeof(cmd), "xz -k -0 %s", path);
	ck_assert_int_eq(system(cmd), 0);

	for (int pass = 0; pass < 4; pass++) {	/* raw, xz; then threaded */
		const char *file = pass & 1 ? xzpath : path;
		unsigned long n = 0, last_pfn = 0;
		const char *v;
		size_t len;

		ck_assert_int_eq(pass < 2 ? ftrace_open(&r, file) :
				 ftrace_open_threaded(&r, file), 0);
		ck_assert(pass & 1 ? r.xz : !r.xz);
		while (ftrace_next(&r, &ev) == FTRACE_EVENT && n < 20000) {
			ck_assert_int_eq(ev.pid, (int)n);
			ck_assert_uint_eq(ev.ts_ns, (n / 1000) * 1000000000ull +
					  (n % 1000) * 1000ull);
			v = ftrace_field(&ev, "pfn", &len);
			ck_assert_ptr_nonnull(v);
			ck_assert_int_eq(ftrace_parse_ulong(v, len, &last_pfn),
					 0);
			ck_assert_uint_eq(last_pfn, n);
			n++;
		}
		ck_assert_uint_eq(n, 20000);
		ck_assert(ftrace_event_is(&ev, "long", 4));
		ck_assert_uint_eq(strlen(ftrace_field(&ev, "v", &len)),
				  long_len);
		ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_EOF);
		ck_assert_uint_eq(r.line, 20001);
		ftrace_close(&r);
	}
	unlink(path);
	unlink(xzpath);
	free(big);
	open_text("");	/* for teardown */
}
END_TEST

/* Write text to a fresh temporary file; its path is in path. */
static void write_file(char *path, const char *text, size_t len)
{
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	close(fd);
}

/* A trace of n lines of every kind the reader tells apart, some of them
 * longer than the chunks it reads in, the last one unterminated. */
static char *mixed_trace(int n, size_t *len)
{
	size_t cap = (size_t)n * 200 + (3u << 20), at = 0;
	char *t = malloc(cap);

	for (int i = 0; i < n; i++) {
		if (i % 5000 == 17) {	/* longer than a chunk */
			at += (size_t)sprintf(t + at, "a-1 [000] . 9.%06d: "
					      "long: v=", i % 1000000);
			memset(t + at, 'y', (size_t)(i % 3 + 1) << 18);
			at += (size_t)(i % 3 + 1) << 18;
			t[at++] = '\n';
		} else if (i % 997 == 3) {
			at += (size_t)sprintf(t + at, "# comment %d\n\n", i);
		} else if (i % 1999 == 5) {
			at += (size_t)sprintf(t + at, "bad line %d\n", i);
		} else {
			at += (size_t)sprintf(t + at, "  w-%d (  %d) [%03d] "
					      "d..2. %d.%09d: ev_%d: k=%d v=0x%x,\r\n",
					      i, i / 3, i % 4, i / 1000, i,
					      i % 7, i, i);
		}
	}
	at += (size_t)sprintf(t + at, "z-9 [001] 99.5: end: k=1");
	*len = at;
	return t;
}

/* One reader's whole output, as text: every status, line and column. */
static char *read_all(bool threaded, const char *path, size_t *len)
{
	char *out;
	FILE *f = open_memstream(&out, len);
	enum ftrace_status st;

	ck_assert_int_eq(threaded ? ftrace_open_threaded(&r, path) :
			 ftrace_open(&r, path), 0);
	do {
		st = ftrace_next(&r, &ev);
		fprintf(f, "%d %lu", (int)st, r.line);
		if (st == FTRACE_EVENT)
			fprintf(f, " %.*s %d %d %llu %.*s %s\n",
				(int)ev.task_len, ev.task, ev.pid, ev.cpu,
				(unsigned long long)ev.ts_ns, (int)ev.name_len,
				ev.name, ev.fields);
		else
			fprintf(f, " %s\n", r.err);
	} while (st == FTRACE_EVENT || st == FTRACE_BAD_LINE);
	fprintf(f, "skipped %lu unterminated %d\n", r.nr_skipped,
		(int)r.unterminated);
	ftrace_close(&r);
	fclose(f);
	return out;
}

/* The threaded reader gives what the plain one gives, raw and xz. */
START_TEST(threaded_same_as_plain)
{
	char path[] = "/tmp/check_ftrace_XXXXXX", cmd[128], xzpath[64];
	size_t len, plen, tlen;
	char *text = mixed_trace(60000, &len), *plain, *thr;

	write_file(path, text, len);
	snprintf(xzpath, sizeof(xzpath), "%s.xz", path);
	snprintf(cmd, sizeof(cmd), "xz -k -0 %s", path);
	ck_assert_int_eq(system(cmd), 0);
	for (int pass = 0; pass < 2; pass++) {
		const char *file = pass ? xzpath : path;

		plain = read_all(false, file, &plen);
		thr = read_all(true, file, &tlen);
		ck_assert_uint_eq(plen, tlen);
		ck_assert(!memcmp(plain, thr, plen));
		/* and it is the whole trace: the last line, unterminated */
		ck_assert_ptr_nonnull(strstr(plain, " end k=1\n0 "));
		ck_assert_ptr_nonnull(strstr(plain, "unterminated 1\n"));
		ck_assert_ptr_nonnull(strstr(plain, "\n-1 7 no [CPU]"));
		free(plain);
		free(thr);
	}
	unlink(path);
	unlink(xzpath);
	free(text);
	open_text("");	/* for teardown */
}
END_TEST

/*
 * A truncated .xz: the whole lines before the break come first, then the
 * error, at the line the break fell in; threaded or not.
 */
START_TEST(truncated_xz_reports_its_line)
{
	char path[] = "/tmp/check_ftrace_XXXXXX", cmd[160], xzpath[64];
	unsigned long whole;	/* the lines xz decodes whole */
	struct stat sb;
	FILE *f;
	size_t len;
	char *text = malloc(200 * 100000);

	len = 0;
	len += (size_t)sprintf(text, "# tracer: nop\n#\n");
	for (int i = 0; i < 100000; i++)	/* line i + 3: pfn i */
		len += (size_t)sprintf(text + len, "frag-7 [000] ..... "
				       "%d.%06d: mm_page_free: "
				       "page=(____ptrval____) pfn=0x%x "
				       "order=0\n", i / 1000000, i % 1000000, i);
	write_file(path, text, len);
	snprintf(xzpath, sizeof(xzpath), "%s.xz", path);
	snprintf(cmd, sizeof(cmd), "xz -k -0 %s", path);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(stat(xzpath, &sb), 0);
	ck_assert_int_eq(truncate(xzpath, sb.st_size / 2), 0);
	snprintf(cmd, sizeof(cmd), "xz -dc %s 2>/dev/null | wc -l", xzpath);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%lu", &whole), 1);
	pclose(f);
	for (int threaded = 0; threaded < 2; threaded++) {
		unsigned long n = 0;
		enum ftrace_status st;

		ck_assert_int_eq(threaded ? ftrace_open_threaded(&r, xzpath) :
				 ftrace_open(&r, xzpath), 0);
		while ((st = ftrace_next(&r, &ev)) == FTRACE_EVENT) {
			unsigned long pfn;
			size_t vlen;
			const char *v = ftrace_field(&ev, "pfn", &vlen);

			ck_assert_int_eq(ftrace_parse_ulong(v, vlen, &pfn), 0);
			ck_assert_uint_eq(pfn, n);
			n++;
		}
		ck_assert_int_eq(st, FTRACE_IO_ERROR);
		ck_assert_ptr_nonnull(strstr(r.err, "truncated xz data"));
		/* every whole line xz can decode came through (about
		 * half), then the error at the broken one */
		ck_assert_uint_eq(n + 2, whole);
		ck_assert_uint_gt(n, 30000);
		ck_assert_uint_lt(n, 70000);
		ck_assert_uint_eq(r.line, n + 3);
		ftrace_close(&r);
	}
	unlink(path);
	unlink(xzpath);
	free(text);
	open_text("");	/* for teardown */
}
END_TEST

/* Flip a bit of the check stored after an .xz file's last block. */
static void spoil_last_check(const char *path, int check_size)
{
	FILE *f = fopen(path, "r+b");
	unsigned char foot[12], b;
	long size, index_size;

	ck_assert_ptr_nonnull(f);
	fseek(f, -12, SEEK_END);
	size = ftell(f) + 12;
	ck_assert_uint_eq(fread(foot, 1, 12, f), 12);
	index_size = ((long)foot[4] | (long)foot[5] << 8 | (long)foot[6] << 16 |
		      (long)foot[7] << 24) * 4 + 4;
	fseek(f, size - 12 - index_size - check_size, SEEK_SET);
	ck_assert_uint_eq(fread(&b, 1, 1, f), 1);
	b ^= 0x10;
	fseek(f, size - 12 - index_size - check_size, SEEK_SET);
	ck_assert_uint_eq(fwrite(&b, 1, 1, f), 1);
	fclose(f);
}

/* Read path to its end: events, and the status and line it ends with. */
static unsigned long count_events(bool threaded, const char *path,
				  enum ftrace_status *end)
{
	unsigned long n = 0;

	ck_assert_int_eq(threaded ? ftrace_open_threaded(&r, path) :
			 ftrace_open(&r, path), 0);
	while ((*end = ftrace_next(&r, &ev)) == FTRACE_EVENT)
		n++;
	return n;
}

/*
 * The integrity check of an .xz file: verified by the reader for one
 * block with a CRC64 or CRC32, by liblzma for several blocks; a spoilt
 * check is an error after every line, either way.
 */
START_TEST(xz_check_verified)
{
	static const struct {
		const char *opts, *what;
		int check_size;
	} kinds[] = {
		{ "-0", "CRC64", 8 },
		{ "-0 -C crc32", "CRC32", 4 },
		{ "-0 -T2 --block-size=100KiB", "truncated xz data", 8 },
	};
	char path[] = "/tmp/check_ftrace_XXXXXX", cmd[160], xzpath[64];
	size_t len = 0;
	char *text = malloc(100 * 20000);

	for (int i = 0; i < 20000; i++)
		len += (size_t)sprintf(text + len, "t-1 [000] . %d.%06d: "
				       "mm_page_free: pfn=0x%x order=0\n",
				       i / 1000000, i % 1000000, i);
	write_file(path, text, len);
	snprintf(xzpath, sizeof(xzpath), "%s.xz", path);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		snprintf(cmd, sizeof(cmd), "xz -k -f %s %s", kinds[k].opts,
			 path);
		ck_assert_int_eq(system(cmd), 0);
		for (int threaded = 0; threaded < 2; threaded++) {
			enum ftrace_status end;

			ck_assert_uint_eq(count_events(threaded, xzpath, &end),
					  20000);
			ck_assert_int_eq(end, FTRACE_EOF);
			ftrace_close(&r);
		}
		spoil_last_check(xzpath, kinds[k].check_size);
		for (int threaded = 0; threaded < 2; threaded++) {
			enum ftrace_status end;
			unsigned long n = count_events(threaded, xzpath, &end);

			ck_assert_int_eq(end, FTRACE_IO_ERROR);
			ck_assert_ptr_nonnull(strstr(r.err, kinds[k].what));
			ck_assert_uint_eq(r.line, n + 1);
			if (k < 2)	/* one block: its every line first */
				ck_assert_uint_eq(n, 20000);
			ftrace_close(&r);
		}
	}
	unlink(path);
	unlink(xzpath);
	free(text);
	open_text("");	/* for teardown */
}
END_TEST

START_TEST(missing_file)
{
	ck_assert_int_eq(ftrace_open(&r, "/nonexistent/trace"), -1);
	ck_assert(strstr(r.err, "No such file"));
}
END_TEST

/* A file that breaks before any text: the error names no line. */
START_TEST(unreadable_file)
{
	for (int threaded = 0; threaded < 2; threaded++) {
		ck_assert_int_eq(threaded ? ftrace_open_threaded(&r, "/") :
				 ftrace_open(&r, "/"), 0);
		ck_assert_int_eq(ftrace_next(&r, &ev), FTRACE_IO_ERROR);
		ck_assert(strstr(r.err, "Is a directory"));
		ck_assert_uint_eq(r.line, 0);
		ftrace_close(&r);
	}
	open_text("");	/* for teardown */
}
END_TEST

Suite *ftrace_suite(void)
{
	Suite *s = suite_create("ftrace");
	TCase *tc = tcase_create("reader");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, default_format_with_header);
	tcase_add_test(tc, other_layouts);
	tcase_add_test(tc, bad_lines_name_their_line);
	tcase_add_test(tc, near_usual_context);
	tcase_add_test(tc, timestamp_fractions);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, in_order_fields);
	tcase_add_test(tc, files_raw_and_xz);
	tcase_add_test(tc, parse_seconds);
	tcase_add_test(tc, threaded_same_as_plain);
	tcase_add_test(tc, truncated_xz_reports_its_line);
	tcase_add_test(tc, xz_check_verified);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, unreadable_file);
	suite_add_tcase(s, tc);
	return s;
}
