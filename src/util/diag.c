/*
 * diag.c - error and warning messages with the place of the bad input.
 */
#include <stdio.h>
#include <stdlib.h>

#include "util/diag.h"

static const char *progname = "fragsim";

void diag_set_progname(const char *name)
{
	progname = name;
}

/*
 * One fprintf for the whole line: stderr is unbuffered, and glibc then
 * formats a call into a buffer of its own and writes it at once, so that
 * processes sharing the stream (a sweep's checks of its values) do not
 * interleave their messages mid-line, as separate writes of the place,
 * the message and the newline did.
 */
void diag_vprint(struct diag_loc loc, const char *kind, const char *fmt,
		 va_list ap)
{
	char stack[1024], *msg = stack;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(stack, sizeof(stack), fmt, ap);
	if (n >= (int)sizeof(stack)) {
		msg = malloc((size_t)n + 1);
		if (msg)
			vsnprintf(msg, (size_t)n + 1, fmt, again);
		else
			msg = stack;	/* truncated rather than lost */
	}
	va_end(again);
	if (n < 0)
		stack[0] = '\0';
	if (loc.file && loc.line > 0)
		fprintf(stderr, "%s:%d: %s: %s\n", loc.file, loc.line, kind,
			msg);
	else if (loc.file)
		fprintf(stderr, "%s: %s: %s\n", loc.file, kind, msg);
	else
		fprintf(stderr, "%s: %s: %s\n", progname, kind, msg);
	if (msg != stack)
		free(msg);
}

void diag_error(struct diag_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vprint(loc, "error", fmt, ap);
	va_end(ap);
}

void diag_warn(struct diag_loc loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vprint(loc, "warning", fmt, ap);
	va_end(ap);
}

