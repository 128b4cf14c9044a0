/*
 * line_reader.h - reading a text input line by line, with bounds.
 *
 * The readers of boot logs, /proc captures and traces take files from
 * other machines, and a user may give them /dev/zero or an endless pipe.
 * A line reader counts lines for messages, refuses a directory, a line
 * longer than its bound, a NUL byte, and an input larger than its bound,
 * each with a message saying what was expected, so that no reader loops
 * or grows without end.
 */
#ifndef FRAGSIM_UTIL_LINE_READER_H
#define FRAGSIM_UTIL_LINE_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct line_reader {
	FILE *f;
	const char *path;
	const char *what;	/* what the input should be, for messages */
	size_t max_line;	/* bytes in a line, its newline included */
	uint64_t max_bytes;	/* 0: no bound on the whole input */
	uint64_t bytes;		/* read so far */
	int line;		/* number of the line last read */
	bool cut;		/* the last line read had no newline */
	char *buf;
	size_t cap;
};

/*
 * Open path (what names the expected input: "a Linux boot log"); prints
 * the error (cannot open, is a directory) and returns -1 if it cannot.
 */
int line_reader_open(struct line_reader *r, const char *path,
		     const char *what, size_t max_line, uint64_t max_bytes);

/*
 * The next line, without its newline (nor a carriage return before it),
 * in *line (valid until the next call): 1; 0 at the end of the input; -1
 * after printing an error (a line too long, a NUL byte, the input too
 * large, a read error).
 */
int line_reader_next(struct line_reader *r, char **line);

void line_reader_close(struct line_reader *r);

#endif
