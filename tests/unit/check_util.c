/*
 * check_util.c - the input helpers every reader shares: checked numbers
 * (no sign, no overflow, a bound) and the bounded line reader (lines,
 * their numbers, a line too long, a NUL byte, a directory, a size bound).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/line_reader.h"
#include "util/parse_num.h"
#include "suites.h"

START_TEST(test_parse_u64)
{
	const char *end;
	uint64_t v = 7;

	ck_assert(parse_u64_all("18446744073709551615", 10, UINT64_MAX, &v));
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert(!parse_u64_all("18446744073709551616", 10, UINT64_MAX, &v));
	ck_assert(!parse_u64_all("99999999999999999999", 10, UINT64_MAX, &v));
	ck_assert(!parse_u64_all("-1", 10, UINT64_MAX, &v));
	ck_assert(!parse_u64_all("+1", 10, UINT64_MAX, &v));
	ck_assert(!parse_u64_all("", 10, UINT64_MAX, &v));
	ck_assert(!parse_u64_all("5x", 10, UINT64_MAX, &v));
	ck_assert(!parse_u64_all("1024", 10, 1023, &v));
	ck_assert_uint_eq(v, UINT64_MAX);	/* untouched when refused */
	ck_assert(parse_u64("  0x3fe00-0x1", 16, UINT64_MAX, &v, &end));
	ck_assert_uint_eq(v, 0x3fe00);
	ck_assert_str_eq(end, "-0x1");
	ck_assert(!parse_u64("0x10000000000000000", 16, UINT64_MAX, &v, &end));
}
END_TEST

static char path[64];

static void write_file(const void *text, size_t len)
{
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/check_util.%d", (int)getpid());
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	fclose(f);
}

START_TEST(test_lines)
{
	struct line_reader r;
	char *line;

	write_file("one\r\n\ntwo", 9);
	ck_assert_int_eq(line_reader_open(&r, path, "text", 16, 0), 0);
	ck_assert_int_eq(line_reader_next(&r, &line), 1);
	ck_assert_str_eq(line, "one");
	ck_assert(!r.cut);
	ck_assert_int_eq(line_reader_next(&r, &line), 1);
	ck_assert_str_eq(line, "");
	ck_assert_int_eq(line_reader_next(&r, &line), 1);
	ck_assert_str_eq(line, "two");
	ck_assert(r.cut);		/* no newline at the end */
	ck_assert_int_eq(r.line, 3);
	ck_assert_int_eq(line_reader_next(&r, &line), 0);
	line_reader_close(&r);
	unlink(path);
}
END_TEST

START_TEST(test_bounds)
{
	struct line_reader r;
	char *line;

	write_file("short\n0123456789abcdefXYZ\n", 26);
	ck_assert_int_eq(line_reader_open(&r, path, "text", 16, 0), 0);
	ck_assert_int_eq(line_reader_next(&r, &line), 1);
	ck_assert_int_eq(line_reader_next(&r, &line), -1);
	ck_assert_int_eq(r.line, 2);
	line_reader_close(&r);

	write_file("a\nb\0c\n", 6);
	ck_assert_int_eq(line_reader_open(&r, path, "text", 16, 0), 0);
	ck_assert_int_eq(line_reader_next(&r, &line), 1);
	ck_assert_int_eq(line_reader_next(&r, &line), -1);
	line_reader_close(&r);

	write_file("aaaa\nbbbb\ncccc\n", 15);
	ck_assert_int_eq(line_reader_open(&r, path, "text", 16, 10), 0);
	ck_assert_int_eq(line_reader_next(&r, &line), 1);
	ck_assert_int_eq(line_reader_next(&r, &line), 1);
	ck_assert_int_eq(line_reader_next(&r, &line), -1);	/* 15 > 10 */
	line_reader_close(&r);
	unlink(path);

	ck_assert_int_eq(line_reader_open(&r, "/", "text", 16, 0), -1);
	ck_assert_int_eq(line_reader_open(&r, "/nonexistent/x", "text", 16,
					  0), -1);
}
END_TEST

Suite *util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("util");

	tcase_add_test(tc, test_parse_u64);
	tcase_add_test(tc, test_lines);
	tcase_add_test(tc, test_bounds);
	suite_add_tcase(s, tc);
	return s;
}
