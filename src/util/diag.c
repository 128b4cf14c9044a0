/*
 * diag.c - error and warning messages with the place of the bad input.
 */
#include <stdio.h>

#include "util/diag.h"

static const char *progname = "fragsim";

void diag_set_progname(const char *name)
{
	progname = name;
}

void diag_vprint(struct diag_loc loc, const char *kind, const char *fmt,
		 va_list ap)
{
	if (loc.file && loc.line > 0)
		fprintf(stderr, "%s:%d: %s: ", loc.file, loc.line, kind);
	else if (loc.file)
		fprintf(stderr, "%s: %s: ", loc.file, kind);
	else
		fprintf(stderr, "%s: %s: ", progname, kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
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

