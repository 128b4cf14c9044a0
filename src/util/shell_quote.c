/*
 * shell_quote.c - quoting words for a POSIX shell, and reading them back;
 * see shell_quote.h for why there is one place that does it.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/shell_quote.h"
#include "util/xalloc.h"

/* Characters that mean nothing to a shell, anywhere in a word. */
static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			    "_-+=/.,:%@";

/* Append s, quoted, at o; the end of what was written. */
static char *put_quoted(char *o, const char *s)
{
	if (*s && !s[strspn(s, plain)])
		return stpcpy(o, s);
	/* inside '...' every character is itself but ', closed and escaped */
	*o++ = '\'';
	for (; *s; s++)
		o = *s == '\'' ? stpcpy(o, "'\\''") : (*o = *s, o + 1);
	*o++ = '\'';
	*o = '\0';
	return o;
}

char *shell_quote(const char *s)
{
	char *out = xmalloc(strlen(s) * 4 + 3);

	put_quoted(out, s);
	return out;
}

char *shell_join(char *const *argv)
{
	size_t len = 1;
	char *out, *o;

	for (char *const *a = argv; *a; a++)
		len += strlen(*a) * 4 + 3;
	o = out = xmalloc(len);
	*o = '\0';
	for (char *const *a = argv; *a; a++) {
		if (a != argv)
			*o++ = ' ';
		o = put_quoted(o, *a);
	}
	return out;
}

const char *shell_line_unsafe(char *const *argv)
{
	for (char *const *a = argv; *a; a++)
		if (strpbrk(*a, "\n\r"))
			return *a;
	return NULL;
}

char **shell_split(const char *line)
{
	size_t n = 0, len = strlen(line);
	char **words = xcalloc(len / 2 + 2, sizeof(*words));
	const char *s = line;

	while (*s) {
		char *w, *o;
		bool any = false;

		if (*s == ' ' || *s == '\t') {
			s++;
			continue;
		}
		o = w = xmalloc(len + 1);
		while (*s && *s != ' ' && *s != '\t') {
			any = true;
			if (*s == '\'') {
				const char *end = strchr(s + 1, '\'');

				if (!end) {
					free(w);
					shell_words_free(words);
					return NULL;
				}
				memcpy(o, s + 1, (size_t)(end - s - 1));
				o += end - s - 1;
				s = end + 1;
			} else if (*s == '\\' && s[1]) {
				*o++ = s[1];
				s += 2;
			} else {
				*o++ = *s++;
			}
		}
		*o = '\0';
		if (any)
			words[n++] = w;
		else
			free(w);
	}
	words[n] = NULL;
	return words;
}

void shell_words_free(char **words)
{
	for (char **w = words; w && *w; w++)
		free(*w);
	free(words);
}
