/*
 * ini_reader.h - reading INI files with inih while knowing the line of
 * every key, so that each message about bad input names file and line.
 *
 * inih calls its handler once per key but does not pass the line; this
 * reader feeds inih line by line, counts lines, remembers the line of the
 * current [section] header and refuses overlong lines, NUL bytes and
 * syntax errors as it meets them (so messages come in line order).
 */
#ifndef FRAGSIM_UTIL_INI_READER_H
#define FRAGSIM_UTIL_INI_READER_H

#include <stdbool.h>
#include <stdio.h>

#include <ini.h>

#include "util/diag.h"

/* A model or workload is a few KiB: more is not one (/dev/zero, a pipe). */
#define INI_MAX_BYTES	(4 << 20)

struct ini_reader {
	FILE *file;
	const char *path;
	const char *what;	/* "model", "workload" */
	long bytes;		/* read so far */
	bool too_large;		/* past INI_MAX_BYTES: stop */
	int line;		/* line of the key being handled */
	int section_line;	/* line of the current [section] */
	bool section_reported;	/* an error was given for this section */
	bool line_too_long;
	bool have_key;		/* a key since the last [section] */
	int syntax_line;	/* the last line read_line called bad */
	int errors;		/* errors reported so far */
	/*
	 * Called for every [section] header, even one with no keys (which
	 * inih never shows its handler); may be NULL.
	 */
	void (*on_section)(struct ini_reader *r, const char *section);
};

/*
 * Parse path, a what ("model", "workload"), with handler (inih's signature; user is passed through).
 * Returns 0 when the file was read and no error was reported (by the
 * syntax check or through ini_error), -1 otherwise (every error printed).
 */
int ini_reader_parse(struct ini_reader *r, const char *path, const char *what,
		     ini_handler handler, void *user);

/* "path:line: error: ..." for the key being handled; returns 1 (go on). */
int ini_error(struct ini_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Report an unknown section once, at its header line; returns 1.  expected
 * says what sections the file may have.
 */
int ini_unknown_section(struct ini_reader *r, const char *section,
			const char *expected);

/* The place of the key being handled. */
static inline struct diag_loc ini_loc(const struct ini_reader *r)
{
	return DIAG_LOC(r->path, r->line);
}

#endif
