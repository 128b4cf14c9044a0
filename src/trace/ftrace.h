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
#include <stdio.h>

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
	bool got_text;		/* some text came before that */
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
 * break fell in (0 if it came before any text, as a directory's read).
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
 * keys[0..n-1], n at most FTRACE_MAX_KEYS); returns how many were found.
 */
#define FTRACE_MAX_KEYS	16
int ftrace_fields(const struct ftrace_event *ev, const char *const *keys,
		  int n, struct ftrace_value *out);

/*
 * Scanning a word at a time: a line is NUL-terminated, and at least
 * FTRACE_PAD bytes after its NUL (the next lines, or padding) may be read,
 * so 8 bytes are loaded at once and the first byte of interest is found by
 * bit tricks.
 */
#define FTRACE_PAD	16
#define FTRACE_ONES	0x0101010101010101ull
#define FTRACE_HIGHS	0x8080808080808080ull

/*
 * 0x80 in the bytes of w equal to c: exact up to the first such byte (a
 * borrow may mark a byte above it, which a scan for the first never sees).
 */
static inline uint64_t ftrace_bytes_eq(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (FTRACE_ONES * c);

	return (x - FTRACE_ONES) & ~x & FTRACE_HIGHS;
}

/* 8 bytes at p, the first in the low bits. */
static inline uint64_t ftrace_load_word(const char *p)
{
	uint64_t w;

	__builtin_memcpy(&w, p, sizeof(w));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* The first ' ', c or NUL at or after p (in the line p is in). */
static inline const char *ftrace_find_space_or(const char *p,
					       unsigned char c)
{
	for (;; p += 8) {
		uint64_t w = ftrace_load_word(p);
		uint64_t m = ftrace_bytes_eq(w, ' ') | ftrace_bytes_eq(w, c) |
			     ftrace_bytes_eq(w, 0);

		if (m)
			return p + (__builtin_ctzll(m) >> 3);
	}
}

/*
 * Reading an event's fields the way its format prints them, left to right
 * from ev->fields: a fast path for ftrace_fields and the parsers below.
 * Each step moves *p past what it read and returns true, or returns
 * false when the text is not exactly in that form (then read the fields
 * with ftrace_fields, which also takes other orders and spacings).  A
 * value ends at a space or the line's end.
 */

/*
 * The literal text lit (len bytes, at most 16) at *p.  Up to len bytes are
 * read even past the line's end: the reader leaves that much readable.
 */
static inline bool ftrace_take(const char **p, const char *lit, size_t len)
{
	uint64_t x, y, u, v;

	if (len < 4) {
		for (size_t i = 0; i < len; i++)
			if ((*p)[i] != lit[i])
				return false;
	} else if (len < 8) {	/* two half words, overlapping */
		uint32_t a, b, c, d;

		__builtin_memcpy(&a, *p, 4);
		__builtin_memcpy(&b, lit, 4);
		__builtin_memcpy(&c, *p + len - 4, 4);
		__builtin_memcpy(&d, lit + len - 4, 4);
		if (a != b || c != d)
			return false;
	} else {	/* two words, overlapping: inlined, no call */
		__builtin_memcpy(&x, *p, 8);
		__builtin_memcpy(&y, lit, 8);
		__builtin_memcpy(&u, *p + len - 8, 8);
		__builtin_memcpy(&v, lit + len - 8, 8);
		if (x != y || u != v)
			return false;
	}
	*p += len;
	return true;
}

static inline bool ftrace_value_ends(char c)
{
	return c == ' ' || c == '\0';
}

/* 1 + the value of each hex digit (lower case, as %lx prints), else 0. */
extern const unsigned char ftrace_hex_digit[256];

/* "0x" and 1 to 15 lower-case hex digits (as %lx prints them), as
 * ftrace_parse_ulong reads them. */
static inline bool ftrace_take_hex(const char **p, unsigned long *out)
{
	const char *s = *p + 2;
	unsigned long v = 0, d;

	if ((*p)[0] != '0' || (*p)[1] != 'x')
		return false;
	while ((d = ftrace_hex_digit[(unsigned char)*s]) && s - *p < 18) {
		v = v << 4 | (d - 1);
		s++;
	}
	if (s == *p + 2 || s - *p > 17 || !ftrace_value_ends(*s))
		return false;
	*out = v;
	*p = s;
	return true;
}

/* 1 to 9 decimal digits, as ftrace_parse_ulong reads them. */
static inline bool ftrace_take_dec(const char **p, unsigned long *out)
{
	const char *s = *p;
	unsigned long v = 0;

	while ((unsigned int)(*s - '0') <= 9 && s - *p < 10)
		v = v * 10 + (unsigned long)(*s++ - '0');
	if (s == *p || s - *p > 9 || !ftrace_value_ends(*s))
		return false;
	*out = v;
	*p = s;
	return true;
}

/* A non-empty value not ending in ',' (which ftrace_fields would drop). */
static inline bool ftrace_take_word(const char **p, struct ftrace_value *v)
{
	const char *s = ftrace_find_space_or(*p, ' ');

	if (s == *p || s[-1] == ',')
		return false;
	v->s = *p;
	v->len = (size_t)(s - *p);
	*p = s;
	return true;
}

/* Parse "0x1f" (hex) or "31" (decimal) exactly; 0, or -1 if malformed. */
int ftrace_parse_ulong(const char *s, size_t len, unsigned long *out);

/* Parse a decimal integer with an optional '-'; 0, or -1 if malformed. */
int ftrace_parse_long(const char *s, size_t len, long *out);

/*
 * A time on the trace's clock as an option gives it, "SECONDS" or
 * "SECONDS.FRACTION" (at most 9 digits after the point), the whole of s:
 * 0 with *ns set, or -1 if malformed or beyond 64-bit nanoseconds.
 */
int ftrace_parse_seconds(const char *s, uint64_t *ns);

/*
 * Write one event line as /sys/kernel/tracing/trace shows it (the form
 * above, with an empty FLAGS column), so that this reader, trace-cmd's
 * users and diff can set it beside a kernel's capture.
 */
void ftrace_write_event(FILE *f, const char *task, int pid, int cpu,
			uint64_t ts_ns, const char *event, const char *text);

#endif
