/*
 * line_reader.c - bounded line-by-line reading of text inputs; see
 * line_reader.h for the bounds and why.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/diag.h"
#include "util/line_reader.h"
#include "util/xalloc.h"

int line_reader_open(struct line_reader *r, const char *path,
		     const char *what, size_t max_line, uint64_t max_bytes)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	r->path = path;
	r->what = what;
	r->max_line = max_line;
	r->max_bytes = max_bytes;
	r->f = fopen(path, "r");
	if (!r->f) {
		diag_error(DIAG_LOC(path, 0), "cannot open: %s: expected %s",
			   strerror(errno), what);
		return -1;
	}
	if (!fstat(fileno(r->f), &st) && S_ISDIR(st.st_mode)) {
		diag_error(DIAG_LOC(path, 0), "is a directory: expected %s",
			   what);
		fclose(r->f);
		r->f = NULL;
		return -1;
	}
	r->cap = 256;
	r->buf = xmalloc(r->cap);
	return 0;
}

int line_reader_next(struct line_reader *r, char **line)
{
	size_t len = 0;
	int c = EOF;

	/* getc, not getline: a line stops growing at its bound */
	while (len < r->max_line && (c = getc(r->f)) != EOF) {
		if (len + 2 > r->cap)
			r->buf = xgrow(r->buf, &r->cap, len + 2, 1);
		if (c == '\0') {
			diag_error(DIAG_LOC(r->path, r->line + 1), "a NUL byte "
				   "at column %zu: expected %s",
				   len + 1, r->what);
			return -1;
		}
		r->buf[len++] = (char)c;
		if (c == '\n')
			break;
	}
	if (len == 0) {
		if (ferror(r->f)) {
			diag_error(DIAG_LOC(r->path, r->line), "cannot read: "
				   "%s: expected %s", strerror(errno),
				   r->what);
			return -1;
		}
		return 0;
	}
	r->line++;
	r->bytes += len;
	if (r->buf[len - 1] != '\n' && len >= r->max_line) {
		diag_error(DIAG_LOC(r->path, r->line), "a line longer than "
			   "%zu bytes: expected %s", r->max_line, r->what);
		return -1;
	}
	if (r->max_bytes && r->bytes > r->max_bytes) {
		diag_error(DIAG_LOC(r->path, r->line), "more than %llu MiB: "
			   "expected %s", (unsigned long long)(r->max_bytes >>
			   20), r->what);
		return -1;
	}
	r->cut = r->buf[len - 1] != '\n';
	if (!r->cut)
		len--;
	if (len && r->buf[len - 1] == '\r')
		len--;
	r->buf[len] = '\0';
	*line = r->buf;
	return 1;
}

void line_reader_close(struct line_reader *r)
{
	if (r->f)
		fclose(r->f);
	free(r->buf);
	memset(r, 0, sizeof(*r));
}
