/*
 * ftrace.c - the streaming ftrace text reader: input in large chunks
 * (decompressed with liblzma when it is .xz), split into lines in place,
 * each line split into its columns without copying.
 */
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace/ftrace.h"
#include "util/xalloc.h"

#define CHUNK		(1u << 20)	/* text read ahead at a time */
#define XZ_IN_CHUNK	(1u << 16)

struct ftrace_xz {
	lzma_stream s;
	uint8_t in[XZ_IN_CHUNK];
	bool in_eof;
};

static const uint8_t xz_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

static void reader_init(struct ftrace_reader *r, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->fd = -1;
}

static int xz_start(struct ftrace_reader *r)
{
	r->xz = xcalloc(1, sizeof(*r->xz));
	r->xz->s = (lzma_stream)LZMA_STREAM_INIT;
	if (lzma_stream_decoder(&r->xz->s, UINT64_MAX, LZMA_CONCATENATED) !=
	    LZMA_OK) {
		snprintf(r->err, sizeof(r->err), "cannot start the xz decoder");
		return -1;
	}
	return 0;
}

int ftrace_open(struct ftrace_reader *r, const char *path)
{
	uint8_t magic[sizeof(xz_magic)];
	ssize_t n;

	reader_init(r, path);
	r->fd = open(path, O_RDONLY);
	if (r->fd < 0) {
		snprintf(r->err, sizeof(r->err), "%s", strerror(errno));
		return -1;
	}
	r->cap = CHUNK;
	r->buf = xmalloc(r->cap + 1);
	r->own_buf = true;
	n = pread(r->fd, magic, sizeof(magic), 0);
	if (n == (ssize_t)sizeof(magic) && !memcmp(magic, xz_magic, sizeof(magic)))
		return xz_start(r);
	return 0;
}

void ftrace_open_mem(struct ftrace_reader *r, const char *name,
		     const char *text, size_t len)
{
	reader_init(r, name);
	r->buf = xmalloc(len + 1);
	memcpy(r->buf, text, len);
	r->cap = len;
	r->end = len;
	r->own_buf = true;
	r->eof = true;
}

void ftrace_close(struct ftrace_reader *r)
{
	if (r->xz) {
		lzma_end(&r->xz->s);
		free(r->xz);
	}
	if (r->fd >= 0)
		close(r->fd);
	if (r->own_buf)
		free(r->buf);
	r->xz = NULL;
	r->fd = -1;
	r->buf = NULL;
}

/* Decompress into buf[end, cap); 0, or -1 on a corrupt stream. */
static int xz_fill(struct ftrace_reader *r)
{
	struct ftrace_xz *x = r->xz;
	lzma_ret ret;

	x->s.next_out = (uint8_t *)r->buf + r->end;
	x->s.avail_out = r->cap - r->end;
	while (x->s.avail_out) {
		if (!x->s.avail_in && !x->in_eof) {
			ssize_t n = read(r->fd, x->in, sizeof(x->in));

			if (n < 0) {
				snprintf(r->err, sizeof(r->err), "%s",
					 strerror(errno));
				return -1;
			}
			x->in_eof = n == 0;
			x->s.next_in = x->in;
			x->s.avail_in = (size_t)n;
		}
		ret = lzma_code(&x->s, x->in_eof ? LZMA_FINISH : LZMA_RUN);
		if (ret == LZMA_STREAM_END) {
			r->eof = true;
			break;
		}
		if (ret != LZMA_OK) {
			snprintf(r->err, sizeof(r->err), "corrupt or truncated "
				 "xz data (liblzma error %d)", (int)ret);
			return -1;
		}
		/* a chunk's worth is enough to go on with */
		if (x->s.avail_out < r->cap - r->end)
			break;
	}
	r->end = r->cap - x->s.avail_out;
	return 0;
}

/* Make room and read more text after buf[end]; 0 or -1. */
static int fill(struct ftrace_reader *r)
{
	ssize_t n;

	if (r->start) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {		/* a line longer than the buffer */
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap + 1);
	}
	if (r->xz)
		return xz_fill(r);
	n = read(r->fd, r->buf + r->end, r->cap - r->end);
	if (n < 0) {
		snprintf(r->err, sizeof(r->err), "%s", strerror(errno));
		return -1;
	}
	r->eof = n == 0;
	r->end += (size_t)n;
	return 0;
}

/* The next line, NUL-terminated in place: 1, 0 at the end, -1 on error. */
static int next_line(struct ftrace_reader *r, char **line, size_t *len)
{
	for (;;) {
		char *s = r->buf + r->start;
		char *nl = memchr(s, '\n', r->end - r->start);

		if (nl) {
			*nl = '\0';
			*line = s;
			*len = (size_t)(nl - s);
			r->start += *len + 1;
			r->line++;
			return 1;
		}
		if (r->eof) {
			if (r->start == r->end)
				return 0;
			/* buf has one spare byte beyond cap for this */
			r->buf[r->end] = '\0';
			*line = s;
			*len = r->end - r->start;
			r->start = r->end;
			r->line++;
			r->unterminated = true;
			return 1;
		}
		if (fill(r))
			return -1;
	}
}

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The '[' of the "[CPU]" column, or NULL. */
static const char *find_cpu_column(const char *p, const char *end)
{
	while ((p = memchr(p, '[', (size_t)(end - p)))) {
		const char *q = p + 1;

		while (q < end && is_digit(*q))
			q++;
		if (q > p + 1 && q < end && *q == ']')
			return p;
		p++;
	}
	return NULL;
}

/* "TASK-PID" or "TASK-PID (TGID)" between p and e. */
static int parse_task(const char *p, const char *e, struct ftrace_event *ev)
{
	const char *dash;
	long pid = 0;

	while (e > p && e[-1] == ' ')
		e--;
	if (e > p && e[-1] == ')') {		/* record-tgid's column */
		while (e > p && e[-1] != '(')
			e--;
		if (e == p)
			return -1;
		e--;
		while (e > p && e[-1] == ' ')
			e--;
	}
	for (dash = e; dash > p && dash[-1] != '-'; dash--)
		;
	if (dash == p || dash == e)
		return -1;
	for (const char *q = dash; q < e; q++) {
		if (!is_digit(*q))
			return -1;
		pid = pid * 10 + (*q - '0');
	}
	ev->task = p;
	ev->task_len = (size_t)(dash - 1 - p);
	ev->pid = (int)pid;
	return 0;
}

/* "SECONDS.FRACTION:" at p; the end of it (after ':') or NULL. */
static const char *parse_timestamp(const char *p, uint64_t *ns)
{
	uint64_t sec = 0, frac = 0;
	int digits = 0;

	if (!is_digit(*p))
		return NULL;
	while (is_digit(*p))
		sec = sec * 10 + (uint64_t)(*p++ - '0');
	if (*p++ != '.')
		return NULL;
	while (is_digit(*p) && digits < 9) {
		frac = frac * 10 + (uint64_t)(*p++ - '0');
		digits++;
	}
	if (!digits || *p != ':')
		return NULL;
	while (digits++ < 9)
		frac *= 10;
	*ns = sec * 1000000000ull + frac;
	return p + 1;
}

static enum ftrace_status bad_line(struct ftrace_reader *r, const char *why)
{
	snprintf(r->err, sizeof(r->err), "%s%s: expected '%s'",
		 r->unterminated ? "truncated line: " : "", why,
		 FTRACE_LINE_FORM);
	return FTRACE_BAD_LINE;
}

static enum ftrace_status parse_line(struct ftrace_reader *r, const char *line,
				     size_t len, struct ftrace_event *ev)
{
	const char *end = line + len, *p = line, *cpu, *ts;
	long c = 0;

	cpu = find_cpu_column(p, end);
	if (!cpu)
		return bad_line(r, "no [CPU] column");
	if (parse_task(p, cpu, ev))
		return bad_line(r, "no TASK-PID before the [CPU] column");
	for (p = cpu + 1; *p != ']'; p++)
		c = c * 10 + (*p - '0');
	ev->cpu = (int)c;
	p++;
	while (*p == ' ')
		p++;
	ts = parse_timestamp(p, &ev->ts_ns);
	if (!ts) {			/* the FLAGS column, then the time */
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
		ts = parse_timestamp(p, &ev->ts_ns);
		if (!ts)
			return bad_line(r, "no timestamp after the [CPU] "
					"column");
	}
	p = ts;
	while (*p == ' ')
		p++;
	ev->name = p;
	while (*p && *p != ':' && *p != ' ')
		p++;
	if (*p != ':' || p == ev->name)
		return bad_line(r, "no 'EVENT:' after the timestamp");
	ev->name_len = (size_t)(p - ev->name);
	p++;
	while (*p == ' ')
		p++;
	ev->fields = p;
	return FTRACE_EVENT;
}

enum ftrace_status ftrace_next(struct ftrace_reader *r,
			       struct ftrace_event *ev)
{
	char *line;
	size_t len;
	int ret;

	while ((ret = next_line(r, &line, &len)) > 0) {
		const char *p = line;

		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || line[0] == '#') {
			r->nr_skipped++;
			continue;
		}
		return parse_line(r, p, len - (size_t)(p - line), ev);
	}
	return ret < 0 ? FTRACE_IO_ERROR : FTRACE_EOF;
}

const char *ftrace_field(const struct ftrace_event *ev, const char *key,
			 size_t *len)
{
	size_t klen = strlen(key);
	const char *p = ev->fields;

	for (;;) {
		const char *v;

		while (*p == ' ')
			p++;
		if (!*p)
			return NULL;
		if (!strncmp(p, key, klen) && p[klen] == '=') {
			v = p + klen + 1;
			p = v;
			while (*p && *p != ' ')
				p++;
			*len = (size_t)(p - v);
			if (*len && v[*len - 1] == ',')
				(*len)--;
			return v;
		}
		while (*p && *p != ' ')
			p++;
	}
}

int ftrace_fields(const struct ftrace_event *ev, const char *const *keys,
		  int n, struct ftrace_value *out)
{
	const char *p = ev->fields;
	int found = 0;

	for (int i = 0; i < n; i++)
		out[i].s = NULL;
	while (found < n) {
		const char *tok, *eq;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		tok = p;
		p = strchrnul(p, ' ');
		eq = memchr(tok, '=', (size_t)(p - tok));
		if (!eq)
			continue;
		for (int i = 0; i < n; i++) {
			const char *k = keys[i], *t = tok;

			if (out[i].s)
				continue;
			while (t < eq && *k == *t) {
				k++;
				t++;
			}
			if (t != eq || *k)
				continue;
			out[i].s = eq + 1;
			out[i].len = (size_t)(p - out[i].s);
			if (out[i].len && out[i].s[out[i].len - 1] == ',')
				out[i].len--;
			found++;
			break;
		}
	}
	return found;
}

int ftrace_parse_ulong(const char *s, size_t len, unsigned long *out)
{
	unsigned long v = 0;
	size_t i = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		for (i = 2; i < len; i++) {
			char c = s[i];
			int d;

			if (is_digit(c))
				d = c - '0';
			else if (c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				return -1;
			if (v >> (sizeof(v) * 8 - 4))
				return -1;
			v = v << 4 | (unsigned long)d;
		}
		*out = v;
		return 0;
	}
	if (!len)
		return -1;
	for (; i < len; i++) {
		if (!is_digit(s[i]) || v > (~0UL - 9) / 10)
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	*out = v;
	return 0;
}

int ftrace_parse_long(const char *s, size_t len, long *out)
{
	unsigned long v;
	bool neg = len && s[0] == '-';

	if (neg) {
		s++;
		len--;
	}
	if (!len || !is_digit(s[0]) || (len > 1 && s[1] == 'x') ||
	    ftrace_parse_ulong(s, len, &v) || v > (unsigned long)__LONG_MAX__)
		return -1;
	*out = neg ? -(long)v : (long)v;
	return 0;
}
