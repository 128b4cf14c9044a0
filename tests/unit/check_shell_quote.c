/*
 * check_shell_quote.c - the one quoting of words for a shell: each hostile
 * word comes back from /bin/sh as itself, shell_split reads back what
 * shell_join wrote, and words a line-oriented file cannot hold are found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/shell_quote.h"
#include "suites.h"

static char *hostile[] = {
	"plain/path-1.ini", "a b", "it's", "", "$(touch x)", "`touch x`",
	"'", "''", "\\", "a\\'b", "\"q\" $HOME", "*", "~", "#c", "a;b|c&d",
	"tab\there", "new\nline", NULL
};

START_TEST(test_join_known)
{
	char *argv[] = { "fragsim", "--set", "movablecore=10%", "a b",
			 "it's", "", NULL };
	char *line = shell_join(argv);

	ck_assert_str_eq(line, "fragsim --set movablecore=10% 'a b' "
			 "'it'\\''s' ''");
	free(line);
	line = shell_quote("$(x)`y`");
	ck_assert_str_eq(line, "'$(x)`y`'");
	free(line);
}
END_TEST

/* /bin/sh, given the joined line, prints each word as it was given. */
START_TEST(test_shell_reads_back)
{
	char *argv[sizeof(hostile) / sizeof(*hostile) + 2];
	char *line, *cmd, buf[256];
	size_t n = 0, i = 0;
	FILE *p;

	argv[n++] = "printf";
	argv[n++] = "%s\\0";
	for (char **h = hostile; *h; h++)
		argv[n++] = *h;
	argv[n] = NULL;
	line = shell_join(argv);
	cmd = malloc(strlen(line) + 64);
	ck_assert_ptr_nonnull(cmd);
	sprintf(cmd, "cd /nonexistent 2>/dev/null; %s", line);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	n = fread(buf, 1, sizeof(buf) - 1, p);
	ck_assert_int_eq(pclose(p), 0);
	for (char **h = hostile; *h; h++) {
		ck_assert_uint_lt(i, n + 1);
		ck_assert_str_eq(buf + i, *h);
		i += strlen(*h) + 1;
	}
	ck_assert_uint_eq(i, n);
	free(cmd);
	free(line);
}
END_TEST

START_TEST(test_split_inverts_join)
{
	char *line = shell_join(hostile), **w = shell_split(line);
	size_t i = 0;

	ck_assert_ptr_nonnull(w);
	for (; hostile[i]; i++) {
		ck_assert_ptr_nonnull(w[i]);
		ck_assert_str_eq(w[i], hostile[i]);
	}
	ck_assert_ptr_null(w[i]);
	shell_words_free(w);
	free(line);
	w = shell_split("fragsim run m.ini  w.ini --seed 3");
	ck_assert_str_eq(w[2], "m.ini");
	ck_assert_str_eq(w[5], "3");
	ck_assert_ptr_null(w[6]);
	shell_words_free(w);
	ck_assert_ptr_null(shell_split("fragsim 'unclosed"));
}
END_TEST

START_TEST(test_line_unsafe)
{
	char *ok[] = { "a b", "$(x)", NULL };
	char *bad[] = { "a", "b\nc", "d\re", NULL };

	ck_assert_ptr_null(shell_line_unsafe(ok));
	ck_assert_ptr_eq(shell_line_unsafe(bad), bad[1]);
}
END_TEST

Suite *shell_quote_suite(void)
{
	Suite *s = suite_create("shell_quote");
	TCase *tc = tcase_create("shell_quote");

	tcase_add_test(tc, test_join_known);
	tcase_add_test(tc, test_shell_reads_back);
	tcase_add_test(tc, test_split_inverts_join);
	tcase_add_test(tc, test_line_unsafe);
	suite_add_tcase(s, tc);
	return s;
}
