/*
 * diag.h - error and warning messages, and the exit codes of fragsim.
 *
 * Every message about bad input names where the input came from: a file and
 * a line ("models/x.ini:12: ..."), or an option ("--cmdline: ...").  A
 * struct diag_loc carries that place from the reader to the checker.
 */
#ifndef FRAGSIM_UTIL_DIAG_H
#define FRAGSIM_UTIL_DIAG_H

#include <stdarg.h>

/* Exit status of the fragsim command. */
enum {
	EXIT_OK = 0,		/* success */
	EXIT_RUN_FAILED = 1,	/* a run was started and failed */
	EXIT_BAD_INPUT = 2,	/* bad usage or bad input */
	EXIT_STOPPED = 3,	/* a run stalled or hit its time limit */
	EXIT_INTERRUPTED = 130,	/* SIGINT or SIGTERM: 128 + SIGINT */
};

/* Where a piece of input came from; line 0 means "no line" (an option). */
struct diag_loc {
	const char *file;
	int line;
};

#define DIAG_LOC(f, l) ((struct diag_loc){ (f), (l) })

/* The program name used as prefix when a message has no location. */
void diag_set_progname(const char *name);

/* "file:line: error: ..." on stderr. */
void diag_error(struct diag_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "file:line: warning: ..." on stderr. */
void diag_warn(struct diag_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void diag_vprint(struct diag_loc loc, const char *kind, const char *fmt,
		 va_list ap);

#endif
