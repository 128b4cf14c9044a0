/*
 * check_ftrace.c - the ftrace text reader: the column layouts the kernel
 * prints (with and without the irq-info FLAGS column, with record-tgid),
 * timestamps to the nanosecond, fields, header lines, bad and truncated
 * lines with their line numbers, and .xz input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

	for (int pass = 0; pass < 2; pass++) {
		unsigned long n = 0, last_pfn = 0;
		const char *v;
		size_t len;

		ck_assert_int_eq(ftrace_open(&r, pass ? xzpath : path), 0);
		ck_assert(pass ? r.xz != NULL : r.xz == NULL);
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

START_TEST(missing_file)
{
	ck_assert_int_eq(ftrace_open(&r, "/nonexistent/trace"), -1);
	ck_assert(strstr(r.err, "No such file"));
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
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, files_raw_and_xz);
	tcase_add_test(tc, missing_file);
	suite_add_tcase(s, tc);
	return s;
}
