/*
 * ftrace.h - a streaming reader of ftrace's text output
 * (/sys/kernel/tracing/trace, default format), raw or xz-compressed: one
 * event at a time, split into task, pid, CPU, timestamp, event name and the
 * event's "key=value" fields, without copying the line.
 *
 * The default line format (kernel/trace/trace_output.c) is
 *
 *     TASK-PID [CPU] FLAGS SECONDS.MICROS: EVENT: FIELDS
 *
 * where the FLAGS column is absent when the irq-info option is off and a
 * "(TGID)" column follows TASK-PID when record-tgid is on; both variants
 * are accepted.  Lines starting with '#' (the header) and blank lines are
 * skipped and counted.
 */
#ifndef FRAGSIM_TRACE_FTRACE_H
#define FRAGSIM_TRACE_FTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The form every event line must have, for error messages. */
#define FTRACE_LINE_FORM \
	"TASK-PID [CPU] FLAGS SECONDS.MICROSECONDS: EVENT: FIELDS"

struct ftrace_feed;

struct ftrace_reader {
	const char *name;	/* for messages: the path, or a label */
	struct ftrace_feed *feed;	/* the file's reader; NULL: memory */
	bool xz;		/* the file is .xz */
	char *buf;		/* the text at hand, not yet returned: */
	size_t start, end;	/* [start, end) */
	char *mem;		/* our copy of a trace read from memory */
	bool eof;		/* no more text beyond buf */
	bool failed;		/* the input broke after buf's text */
	unsigned long line;	/* the number of the line last returned */
	unsigned long nr_skipped;	/* comment and blank lines */
	bool unterminated;	/* the last line had no newline */
	char err[320];		/* what went wrong, after a bad return */
};

/* One event: pointers into the reader's buffer, valid until the next call. */
struct ftrace_event {
	const char *task;	/* the command name, task_len bytes */
	size_t task_len;
	int pid;
	int cpu;
	uint64_t ts_ns;		/* the timestamp in nanoseconds */
	const char *name;	/* the event name, name_len bytes */
	size_t name_len;
	const char *fields;	/* the rest of the line, NUL-terminated */
};

enum ftrace_status {
	FTRACE_IO_ERROR = -2,	/* err says why */
	FTRACE_BAD_LINE = -1,	/* err has the expected form; see line */
	FTRACE_EOF = 0,
	FTRACE_EVENT = 1,
};

/*
 * Open a trace file, raw or .xz (recognised by its magic bytes).  Returns 0,
 * or -1 with r->err set (close the reader all the same).
 */
int ftrace_open(struct ftrace_reader *r, const char *path);

/*
 * The same, with the file read and decompressed by a thread of its own,
 * up to a few MiB ahead of ftrace_next, which then only parses: the same
 * events and errors, in the same order, as ftrace_open gives.  The thread
 * starts at once, so opening the trace before other set-up work overlaps
 * the two.  (When no thread can be made, this is ftrace_open.)
 */
int ftrace_open_threaded(struct ftrace_reader *r, const char *path);

/* Read a trace held in memory (copied: the caller's text is not written). */
void ftrace_open_mem(struct ftrace_reader *r, const char *name,
		     const char *text, size_t len);

void ftrace_close(struct ftrace_reader *r);

/*
 * The next event; r->line is its line number.  When the input breaks (a
 * read error, corrupt or truncated xz data), every whole line before the
 * break is returned first, then FTRACE_IO_ERROR with r->line the line the
 * break fell in.
 */
enum ftrace_status ftrace_next(struct ftrace_reader *r,
			       struct ftrace_event *ev);

/* True if the event is called name. */
static inline bool ftrace_event_is(const struct ftrace_event *ev,
				   const char *name, size_t len)
{
	return ev->name_len == len && __builtin_memcmp(ev->name, name, len) == 0;
}

/*
 * The value of field key ("key=value", separated by spaces; a trailing
 * comma is not part of the value): a pointer into the line and its length,
 * or NULL if the event has no such field.
 */
const char *ftrace_field(const struct ftrace_event *ev, const char *key,
			 size_t *len);

struct ftrace_value {
	const char *s;		/* NULL: the field is missing */
	size_t len;
};

/*
 * Several fields in one pass over the line (as ftrace_field for each of
 * keys[0..n-1]); returns how many were found.
 */
int ftrace_fields(const struct ftrace_event *ev, const char *const *keys,
		  int n, struct ftrace_value *out);

/* Parse "0x1f" (hex) or "31" (decimal) exactly; 0, or -1 if malformed. */
int ftrace_parse_ulong(const char *s, size_t len, unsigned long *out);

/* Parse a decimal integer with an optional '-'; 0, or -1 if malformed. */
int ftrace_parse_long(const char *s, size_t len, long *out);

#endif
