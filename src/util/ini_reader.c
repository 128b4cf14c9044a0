/*
 * ini_reader.c - inih with line numbers (see ini_reader.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "util/ini_reader.h"

int ini_error(struct ini_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vprint(DIAG_LOC(r->path, r->line), "error", fmt, ap);
	va_end(ap);
	r->errors++;
	return 1;	/* keep going: report every bad line */
}

int ini_unknown_section(struct ini_reader *r, const char *section,
			const char *expected)
{
	int line = r->line;

	if (r->section_reported)
		return 1;
	r->section_reported = true;
	r->line = r->section_line;	/* name the header, not its first key */
	ini_error(r, "unknown section [%s]: expected %s", section, expected);
	r->line = line;
	return 1;
}

/* Pass a header's name, trimmed as inih trims it, to on_section. */
static void section_header(struct ini_reader *r, const char *name)
{
	const char *end = strchr(name, ']');
	char buf[256];
	size_t len;

	if (!end)
		return;		/* inih reports the syntax error */
	while (name < end && isspace((unsigned char)*name))
		name++;
	while (end > name && isspace((unsigned char)end[-1]))
		end--;
	len = (size_t)(end - name) < sizeof(buf) - 1 ?
	      (size_t)(end - name) : sizeof(buf) - 1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	r->on_section(r, buf);
}

/* ini_reader: fgets that counts lines and notices overlong ones. */
static char *read_line(char *str, int num, void *stream)
{
	struct ini_reader *r = stream;
	char *s = fgets(str, num, r->file);
	const char *p;
	size_t len;

	if (!s)
		return NULL;
	r->line++;
	for (p = s; isspace((unsigned char)*p); p++)
		;
	if (*p == '[') {
		r->section_line = r->line;
		r->section_reported = false;
		if (r->on_section)
			section_header(r, p + 1);
	}
	len = strlen(s);
	if (len == (size_t)num - 1 && s[len - 1] != '\n' && !feof(r->file)) {
		int c;

		if (!r->line_too_long)
			ini_error(r, "line longer than %d characters", num - 2);
		r->line_too_long = true;
		while ((c = fgetc(r->file)) != EOF && c != '\n')
			;
	}
	return s;
}

int ini_reader_parse(struct ini_reader *r, const char *path, const char *what,
		     ini_handler handler, void *user)
{
	int ret;

	r->path = path;
	r->file = fopen(path, "r");
	if (!r->file) {
		diag_error(DIAG_LOC(path, 0), "cannot open %s: %s", what,
			   strerror(errno));
		return -1;
	}
	ret = ini_parse_stream(read_line, r, handler, user);
	fclose(r->file);
	r->file = NULL;
	if (ret > 0)	/* the handlers never fail: a syntax error */
		diag_error(DIAG_LOC(path, ret), "expected \"[section]\", "
			   "\"key = value\" or a comment");
	return ret || r->errors ? -1 : 0;
}
