/*
 * ini_reader.c - inih with line numbers (see ini_reader.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

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

/* inih's MAX_SECTION: it hands keys over with longer names cut short */
#define INIH_MAX_SECTION	50

/*
 * inih's find_chars_or_comment: the first of chars in s, or the start of an
 * inline comment (";" after a space), or the end of s.
 */
static const char *find_chars_or_comment(const char *s, const char *chars)
{
	bool was_space = false;

	while (*s && (!chars || !strchr(chars, *s)) &&
	       !(was_space && *s == ';')) {
		was_space = isspace((unsigned char)*s);
		s++;
	}
	return s;
}

/*
 * A header's name, from after its '[' to its ']', trimmed, to on_section;
 * none when inih would hand its keys over cut short (into its MAX_SECTION
 * buffer, untrimmed), as they would then come under another name.
 */
static void section_header(struct ini_reader *r, const char *name,
			   const char *end)
{
	char buf[INIH_MAX_SECTION];
	size_t len;

	if (end - name > INIH_MAX_SECTION - 1) {
		r->section_reported = true;
		ini_error(r, "[%.20s...]: a section header of %td characters: "
			  "expected at most %d", name, end - name,
			  INIH_MAX_SECTION - 1);
		return;
	}
	while (name < end && isspace((unsigned char)*name))
		name++;
	while (end > name && isspace((unsigned char)end[-1]))
		end--;
	len = (size_t)(end - name);
	memcpy(buf, name, len);
	buf[len] = '\0';
	r->on_section(r, buf);
}

/*
 * What inih's ini_parse_stream will make of this line, worked out before
 * it does: a [section] header goes to on_section at its own line (inih
 * shows the handler keys only), and a syntax error is reported here, in
 * the order of the lines, rather than after every other error once inih
 * returns the first such line.  The cases and their order are inih's:
 * a byte order mark on line 1, a comment, a continuation of the previous
 * key (INI_ALLOW_MULTILINE: an indented line), a header, a key.  Returns
 * whether the line is a syntax error.
 */
static bool classify_line(struct ini_reader *r, const char *line)
{
	const char *p = line, *end;

	if (r->line == 1 && !strncmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p || *p == ';' || *p == '#')
		return false;
	if (r->have_key && p > line)
		return false;
	if (*p == '[') {
		end = find_chars_or_comment(p + 1, "]");
		if (*end != ']')
			return true;	/* inih keeps the section it had */
		r->have_key = false;
		r->section_line = r->line;
		r->section_reported = false;
		if (r->on_section)
			section_header(r, p + 1, end);
		return false;
	}
	end = find_chars_or_comment(p, "=:");
	if (*end != '=' && *end != ':')
		return true;
	r->have_key = end > p;	/* an empty name continues nothing */
	return false;
}

/*
 * Whether the file has gone past INI_MAX_BYTES with this byte (said once):
 * then inih is told it ended, so /dev/zero or an endless pipe stops.
 */
static bool too_large(struct ini_reader *r)
{
	if (++r->bytes <= INI_MAX_BYTES)
		return false;
	r->line++;
	ini_error(r, "more than %d MiB: expected a %s file", INI_MAX_BYTES >> 20,
		  r->what);
	r->too_large = true;
	return true;
}

/*
 * ini_reader: fgets that counts lines and notices overlong ones, NUL
 * bytes (which would cut a value short in silence) and syntax errors.
 */
static char *read_line(char *str, int num, void *stream)
{
	struct ini_reader *r = stream;
	size_t len = 0, nul_column = 0;
	bool too_long;
	int c = EOF;

	if (r->too_large)
		return NULL;
	while (len + 1 < (size_t)num && (c = getc(r->file)) != EOF) {
		if (too_large(r))
			return NULL;
		if (c == '\0' && !nul_column)
			nul_column = len + 1;
		str[len++] = c ? (char)c : ' ';
		if (c == '\n')
			break;
	}
	if (!len)
		return NULL;
	str[len] = '\0';
	r->line++;
	if (nul_column)
		ini_error(r, "a NUL byte at column %zu: expected a text file",
			  nul_column);
	/* inih reads what fits and this reader drops the rest of the line */
	too_long = len == (size_t)num - 1 && str[len - 1] != '\n' &&
		   !feof(r->file);
	if (too_long) {
		if (!r->line_too_long)
			ini_error(r, "line longer than %d characters", num - 2);
		r->line_too_long = true;
	}
	if (classify_line(r, str) && !too_long) {
		r->syntax_line = r->line;
		ini_error(r, "expected \"[section]\", \"key = value\" or a "
			  "comment");
	}
	while (too_long && (c = fgetc(r->file)) != EOF && c != '\n')
		if (too_large(r))
			return NULL;
	return str;
}

int ini_reader_parse(struct ini_reader *r, const char *path, const char *what,
		     ini_handler handler, void *user)
{
	struct stat st;
	int ret;

	r->path = path;
	r->what = what;
	r->file = fopen(path, "r");
	if (!r->file) {
		diag_error(DIAG_LOC(path, 0), "cannot open %s: %s", what,
			   strerror(errno));
		return -1;
	}
	if (!fstat(fileno(r->file), &st) && S_ISDIR(st.st_mode)) {
		diag_error(DIAG_LOC(path, 0), "is a directory: expected a %s "
			   "file", what);
		fclose(r->file);
		r->file = NULL;
		return -1;
	}
	ret = ini_parse_stream(read_line, r, handler, user);
	fclose(r->file);
	r->file = NULL;
	/* the handlers never fail: a syntax error read_line did not see */
	if (ret > 0 && !r->syntax_line)
		diag_error(DIAG_LOC(path, ret), "expected \"[section]\", "
			   "\"key = value\" or a comment");
	return ret || r->errors ? -1 : 0;
}
