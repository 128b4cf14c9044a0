/*
 * ftrace.c - the streaming ftrace text reader: input in chunks of whole
 * lines (decompressed with liblzma when it is .xz, in a thread of its own
 * when asked), split into lines in place, each line split into its columns
 * without copying.
 */
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trace/ftrace.h"
#include "util/xalloc.h"

#define CHUNK		(256u << 10)	/* text handed over at a time */
/* The longest line read: the kernel's are under a page (trace_seq), a
 * made-up trace's may be longer, an endless one is refused here. */
#define MAX_LINE	(64u << 20)
#define NR_SLOTS	8		/* chunks decoded ahead of the parser */
#define XZ_IN_CHUNK	(1u << 16)
#define PAD		FTRACE_PAD	/* after a chunk's text, for its NUL
					 * and the scans a word at a time */

static const uint8_t xz_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

/* A run of whole lines (the last chunk may end in an unterminated one). */
struct chunk {
	char *buf;		/* cap + PAD bytes */
	size_t cap, len;
	bool last;		/* nothing follows */
	bool failed;		/* the input broke after this text: feed->err */
};

/*
 * The integrity check of an .xz file that is one stream of one block (as
 * xz writes it unless told to split), when it is a CRC32 or CRC64: the
 * consumer computes it over the text it takes, instead of liblzma in the
 * producer, which is the slower of the two threads.  Other files are
 * checked by liblzma as it decodes.
 */
struct xz_check {
	lzma_check type;	/* LZMA_CHECK_NONE: liblzma checks */
	uint64_t want;		/* the value stored after the block */
	uint64_t crc;		/* over the text taken so far */
};

/*
 * The producer of chunks: reads (and decompresses) the file, cuts it after
 * its last newline, and carries the partial line over to the next chunk.
 * Threaded, it fills a ring of NR_SLOTS chunks ahead of the consumer;
 * otherwise the consumer fills its one chunk itself, in the same way.
 */
struct ftrace_feed {
	int fd;
	bool is_xz, in_eof;
	bool xz_broken;		/* err is set; the text before it is out */
	lzma_stream xz;
	struct xz_check check;	/* when the consumer verifies it */
	lzma_allocator xz_alloc;
	uint8_t in[XZ_IN_CHUNK];
	char *carry;		/* the start of a line cut by a chunk's end */
	size_t carry_len, carry_cap;
	char err[256];
	bool long_line;		/* the error: a line beyond MAX_LINE */

	struct chunk slot[NR_SLOTS];
	int nr_slots;
	int head, filled;	/* the consumer's slot; slots ready */
	bool holding;		/* the consumer holds slot[head] */
	bool threaded, stop;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t can_fill, can_read;
};

/*
 * liblzma's buffers: its dictionary (64 MiB for xz -9) is written once
 * through, a page at a time, so backing it with huge pages saves most of
 * its page faults, a quarter of the decoding time.
 */
static void *xz_alloc(void *opaque, size_t nmemb, size_t size)
{
	(void)opaque;
	if (size && nmemb > SIZE_MAX / size)
		return NULL;
	return xmalloc_huge(nmemb * size);
}

static void xz_free(void *opaque, void *ptr)
{
	(void)opaque;
	free(ptr);
}

/* A .xz multibyte integer at *p (below end); false if malformed. */
static bool xz_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	*v = 0;
	for (int i = 0; i < 9 && *p < end; i++) {
		uint8_t b = *(*p)++;

		*v |= (uint64_t)(b & 0x7f) << (7 * i);
		if (!(b & 0x80))
			return true;
	}
	return false;
}

static uint64_t le_bytes(const uint8_t *b, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | b[n];
	return v;
}

/*
 * Where the one block's check is and what it holds, read from the stream
 * header, footer and index (the .xz file format, sections 2 and 4): the
 * check ID from the header's flags, the index size from the footer's
 * backward size, and the block's unpadded size from the index's single
 * record; the check is the block's last bytes, after its padding.
 * Anything else (several blocks or streams, padding after the stream,
 * SHA-256) leaves the check to liblzma.
 */
static void xz_find_check(struct ftrace_feed *f)
{
	uint8_t head[12], foot[12], idx[64], want[8];
	const uint8_t *p = idx + 1, *end;
	uint64_t count, unpadded, uncompressed, index_size;
	int check_size;
	struct stat st;

	f->check.type = LZMA_CHECK_NONE;
	if (fstat(f->fd, &st) || st.st_size < 24 + 8 ||
	    pread(f->fd, head, 12, 0) != 12 ||
	    pread(f->fd, foot, 12, st.st_size - 12) != 12 ||
	    foot[10] != 'Y' || foot[11] != 'Z' || head[6] || foot[8] ||
	    head[7] != foot[9])
		return;
	if (head[7] == LZMA_CHECK_CRC32)
		check_size = 4;
	else if (head[7] == LZMA_CHECK_CRC64)
		check_size = 8;
	else
		return;
	index_size = (le_bytes(foot + 4, 4) + 1) * 4;
	if (index_size > sizeof(idx) ||
	    index_size + 24 > (uint64_t)st.st_size ||
	    pread(f->fd, idx, index_size, st.st_size - 12 -
		  (off_t)index_size) != (ssize_t)index_size)
		return;
	end = idx + index_size;
	if (idx[0] || !xz_varint(&p, end, &count) || count != 1 ||
	    !xz_varint(&p, end, &unpadded) ||
	    !xz_varint(&p, end, &uncompressed) ||
	    unpadded < (uint64_t)check_size ||
	    12 + ((unpadded + 3) & ~3ull) + index_size + 12 !=
	    (uint64_t)st.st_size ||
	    pread(f->fd, want, (size_t)check_size,
		  (off_t)(12 + ((unpadded + 3) & ~3ull)) - check_size) !=
	    check_size)
		return;
	f->check.type = (lzma_check)head[7];
	f->check.want = le_bytes(want, check_size);
	f->check.crc = 0;
}

/* The consumer takes c's text: on with the check; false if it fails. */
static bool xz_check_take(struct xz_check *x, const struct chunk *c)
{
	if (x->type == LZMA_CHECK_CRC64)
		x->crc = lzma_crc64((const uint8_t *)c->buf, c->len, x->crc);
	else if (x->type == LZMA_CHECK_CRC32)
		x->crc = lzma_crc32((const uint8_t *)c->buf, c->len,
				    (uint32_t)x->crc);
	return x->type == LZMA_CHECK_NONE || !c->last || c->failed ||
	       x->crc == x->want;
}

static int xz_start(struct ftrace_feed *f, char *err, size_t errlen)
{
	uint32_t flags = LZMA_CONCATENATED;

	xz_find_check(f);
	if (f->check.type != LZMA_CHECK_NONE)
		flags |= LZMA_IGNORE_CHECK;
	f->is_xz = true;
	f->xz = (lzma_stream)LZMA_STREAM_INIT;
	f->xz_alloc = (lzma_allocator){ xz_alloc, xz_free, NULL };
	f->xz.allocator = &f->xz_alloc;
	if (lzma_stream_decoder(&f->xz, UINT64_MAX, flags) != LZMA_OK) {
		snprintf(err, errlen, "cannot start the xz decoder");
		return -1;
	}
	return 0;
}

/*
 * Decompress into out[0, len); bytes made, 0 at the end, -1 on error (after
 * the bytes made before it have been returned).
 */
static ssize_t xz_read(struct ftrace_feed *f, char *out, size_t len)
{
	lzma_ret ret;

	if (f->xz_broken)
		return -1;
	f->xz.next_out = (uint8_t *)out;
	f->xz.avail_out = len;
	while (f->xz.avail_out) {
		if (!f->xz.avail_in && !f->in_eof) {
			ssize_t n = read(f->fd, f->in, sizeof(f->in));

			if (n < 0) {
				snprintf(f->err, sizeof(f->err), "%s",
					 strerror(errno));
				f->xz_broken = true;
				break;
			}
			f->in_eof = n == 0;
			f->xz.next_in = f->in;
			f->xz.avail_in = (size_t)n;
		}
		ret = lzma_code(&f->xz, f->in_eof ? LZMA_FINISH : LZMA_RUN);
		if (ret == LZMA_STREAM_END)
			break;
		if (ret != LZMA_OK) {
			snprintf(f->err, sizeof(f->err), "corrupt or truncated "
				 "xz data (liblzma error %d)", (int)ret);
			f->xz_broken = true;
			break;
		}
	}
	if (f->xz_broken && f->xz.avail_out == len)
		return -1;
	return (ssize_t)(len - f->xz.avail_out);
}

static ssize_t raw_read(struct ftrace_feed *f, char *out, size_t len)
{
	ssize_t n = read(f->fd, out, len);

	if (n < 0)
		snprintf(f->err, sizeof(f->err), "%s", strerror(errno));
	return n;
}

static void chunk_reserve(struct chunk *c, size_t cap)
{
	if (c->cap >= cap)
		return;
	c->cap = cap;
	c->buf = xrealloc(c->buf, cap + PAD);
}

/* Keep c's text up to its last newline; what follows goes to the next. */
static bool cut_at_last_line(struct ftrace_feed *f, struct chunk *c)
{
	char *nl = memrchr(c->buf, '\n', c->len);
	size_t keep = nl ? (size_t)(nl - c->buf) + 1 : 0;

	if (!nl)
		return false;
	f->carry_len = c->len - keep;
	if (f->carry_len) {
		f->carry = xgrow(f->carry, &f->carry_cap, f->carry_len, 1);
		memcpy(f->carry, c->buf + keep, f->carry_len);
	}
	c->len = keep;
	return true;
}

/* Fill c with the next whole lines of the input. */
static void produce(struct ftrace_feed *f, struct chunk *c)
{
	chunk_reserve(c, f->carry_len > CHUNK / 2 ? 2 * f->carry_len : CHUNK);
	if (f->carry_len)	/* no carry yet: no buffer either */
		memcpy(c->buf, f->carry, f->carry_len);
	c->len = f->carry_len;
	f->carry_len = 0;
	c->last = c->failed = false;
	for (;;) {
		while (c->len < c->cap) {
			ssize_t n = f->is_xz ?
				xz_read(f, c->buf + c->len, c->cap - c->len) :
				raw_read(f, c->buf + c->len, c->cap - c->len);

			if (n < 0) {	/* whole lines only, then the error */
				if (!cut_at_last_line(f, c))
					c->len = 0;
				c->last = c->failed = true;
				return;
			}
			if (n == 0) {
				c->last = true;
				return;
			}
			c->len += (size_t)n;
		}
		if (cut_at_last_line(f, c))
			return;
		if (c->cap >= MAX_LINE) {
			/* not text (it may be /dev/zero): say so, and stop */
			snprintf(f->err, sizeof(f->err), "a line longer than "
				 "%u MiB: expected ftrace text", MAX_LINE >> 20);
			f->long_line = true;
			c->len = 0;
			c->last = c->failed = true;
			return;
		}
		chunk_reserve(c, 2 * c->cap);	/* a line longer than it */
	}
}

static void *producer_thread(void *arg)
{
	struct ftrace_feed *f = arg;
	bool last = false;

	pthread_mutex_lock(&f->lock);
	while (!last) {
		struct chunk *c;

		while (f->filled == f->nr_slots && !f->stop)
			pthread_cond_wait(&f->can_fill, &f->lock);
		if (f->stop)
			break;
		c = &f->slot[(f->head + f->filled) % f->nr_slots];
		pthread_mutex_unlock(&f->lock);
		produce(f, c);
		last = c->last;
		pthread_mutex_lock(&f->lock);
		f->filled++;
		pthread_cond_signal(&f->can_read);
	}
	pthread_mutex_unlock(&f->lock);
	return NULL;
}

/* The consumer's next chunk, once it is done with the one it holds. */
static struct chunk *feed_next(struct ftrace_feed *f)
{
	struct chunk *c;

	if (!f->threaded) {
		produce(f, &f->slot[0]);
		return &f->slot[0];
	}
	pthread_mutex_lock(&f->lock);
	if (f->holding) {
		f->head = (f->head + 1) % f->nr_slots;
		f->filled--;
		pthread_cond_signal(&f->can_fill);
	}
	while (!f->filled)
		pthread_cond_wait(&f->can_read, &f->lock);
	f->holding = true;
	c = &f->slot[f->head];
	pthread_mutex_unlock(&f->lock);
	return c;
}

static void feed_close(struct ftrace_feed *f)
{
	if (f->threaded) {
		pthread_mutex_lock(&f->lock);
		f->stop = true;
		pthread_cond_signal(&f->can_fill);
		pthread_mutex_unlock(&f->lock);
		pthread_join(f->thread, NULL);
		pthread_cond_destroy(&f->can_fill);
		pthread_cond_destroy(&f->can_read);
		pthread_mutex_destroy(&f->lock);
	}
	if (f->is_xz)
		lzma_end(&f->xz);
	if (f->fd >= 0)
		close(f->fd);
	for (int i = 0; i < NR_SLOTS; i++)
		free(f->slot[i].buf);
	free(f->carry);
	free(f);
}

static void reader_init(struct ftrace_reader *r, const char *name)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
}

static int open_feed(struct ftrace_reader *r, const char *path, bool threaded)
{
	struct ftrace_feed *f = xcalloc(1, sizeof(*f));
	uint8_t magic[sizeof(xz_magic)];

	reader_init(r, path);
	r->feed = f;
	f->nr_slots = threaded ? NR_SLOTS : 1;
	f->fd = open(path, O_RDONLY);
	if (f->fd < 0) {
		snprintf(r->err, sizeof(r->err), "%s", strerror(errno));
		return -1;
	}
	if (pread(f->fd, magic, sizeof(magic), 0) == (ssize_t)sizeof(magic) &&
	    !memcmp(magic, xz_magic, sizeof(magic))) {
		r->xz = true;
		if (xz_start(f, r->err, sizeof(r->err)))
			return -1;
	}
	if (!threaded)
		return 0;
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->can_fill, NULL);
	pthread_cond_init(&f->can_read, NULL);
	if (pthread_create(&f->thread, NULL, producer_thread, f)) {
		pthread_cond_destroy(&f->can_fill);
		pthread_cond_destroy(&f->can_read);
		pthread_mutex_destroy(&f->lock);
		return 0;	/* read in this thread, as ftrace_open */
	}
	f->threaded = true;
	return 0;
}

int ftrace_open(struct ftrace_reader *r, const char *path)
{
	return open_feed(r, path, false);
}

int ftrace_open_threaded(struct ftrace_reader *r, const char *path)
{
	return open_feed(r, path, true);
}

void ftrace_open_mem(struct ftrace_reader *r, const char *name,
		     const char *text, size_t len)
{
	reader_init(r, name);
	r->mem = xcalloc(1, len + PAD);
	if (len)
		memcpy(r->mem, text, len);
	r->buf = r->mem;
	r->end = len;
	r->eof = true;
}

void ftrace_close(struct ftrace_reader *r)
{
	if (r->feed)
		feed_close(r->feed);
	free(r->mem);
	r->feed = NULL;
	r->mem = r->buf = NULL;
}

/* Move on to the next chunk; false when there is none. */
static bool next_chunk(struct ftrace_reader *r)
{
	struct chunk *c;

	if (r->eof || !r->feed)
		return false;
	c = feed_next(r->feed);
	r->buf = c->buf;
	r->start = 0;
	r->end = c->len;
	r->eof = c->last;
	r->failed = c->failed;
	r->got_text |= c->len != 0;
	memset(r->buf + r->end, 0, PAD);
	if (!xz_check_take(&r->feed->check, c)) {
		/* the producer is done: its err is ours to write */
		snprintf(r->feed->err, sizeof(r->feed->err), "corrupt xz "
			 "data: the %s of the text does not match the file's",
			 r->feed->check.type == LZMA_CHECK_CRC64 ? "CRC64" :
			 "CRC32");
		r->failed = true;
	}
	return true;
}

/* The next line, NUL-terminated in place: 1, 0 at the end, -1 on error. */
static int next_line(struct ftrace_reader *r, char **line, size_t *len)
{
	for (;;) {
		if (r->start < r->end) {
			/* not before: buf is NULL until the first chunk */
			char *s = r->buf + r->start;
			char *nl;

			nl = memchr(s, '\n', r->end - r->start);
			if (!nl) {	/* only the last chunk ends so */
				nl = r->buf + r->end;
				r->unterminated = true;
			}
			*nl = '\0';
			*line = s;
			*len = (size_t)(nl - s);
			r->start = (size_t)(nl - r->buf) + 1;
			r->line++;
			return 1;
		}
		if (!next_chunk(r)) {
			if (!r->failed)
				return 0;
			/* the input broke in the line after the last one */
			snprintf(r->err, sizeof(r->err), "%s", r->feed->err);
			r->failed = false;
			r->line += r->got_text ||
				   (r->feed && r->feed->long_line);
			return -1;
		}
	}
}

/*
 * include/linux/threads.h: PID_MAX_LIMIT (2^22 on 64-bit) and the largest
 * CONFIG_NR_CPUS: a PID or CPU beyond them is not a kernel's, and more
 * digits would overflow the int they are kept in.
 */
#define TRACE_PID_MAX	4194304L
#define TRACE_CPU_MAX	8191L
/* the largest seconds whose nanoseconds fit in 64 bits */
#define TRACE_SEC_MAX	18446744072ULL

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The first byte at or after p that is not a space. */
static inline const char *skip_spaces(const char *p)
{
	for (;; p += 8) {
		/* the first byte that differs holds the lowest set bit */
		uint64_t x = ftrace_load_word(p) ^ (FTRACE_ONES * ' ');

		if (x)
			return p + (__builtin_ctzll(x) >> 3);
	}
}

/* The first byte at or after p that is not a blank (' ' or '\t'). */
static inline const char *skip_blanks(const char *p)
{
	p = skip_spaces(p);
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* The first '[' or NUL at or after p. */
static inline const char *find_bracket(const char *p)
{
	for (;; p += 8) {
		uint64_t w = ftrace_load_word(p);
		uint64_t m = ftrace_bytes_eq(w, '[') | ftrace_bytes_eq(w, 0);

		if (m)
			return p + (__builtin_ctzll(m) >> 3);
	}
}

/* The '[' of the "[CPU]" column (the line ends at end), or NULL. */
static const char *find_cpu_column(const char *p, const char *end)
{
	for (;; p++) {
		const char *q;

		p = find_bracket(p);
		if (p >= end)
			return NULL;
		if (!*p)	/* a NUL inside the line */
			continue;
		q = p + 1;

		while (q < end && is_digit(*q))
			q++;
		if (q > p + 1 && q < end && *q == ']')
			return p;
	}
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
		if (pid > TRACE_PID_MAX)
			return -2;
		pid = pid * 10 + (*q - '0');
	}
	if (pid > TRACE_PID_MAX)
		return -2;
	ev->task = p;
	ev->task_len = (size_t)(dash - 1 - p);
	ev->pid = (int)pid;
	return 0;
}

/*
 * A fraction of 1 to 7 digits and its ':' at p, read a word at a time
 * (the usual 6 digits): the number of digits and their value in *v, or 0
 * for any other text, which the loop in parse_timestamp then reads.
 */
static inline int fraction_fast(const char *p, uint64_t *v)
{
	const uint64_t highs = 0xf0f0f0f0f0f0f0f0ull;
	uint64_t w = ftrace_load_word(p), colon = ftrace_bytes_eq(w, ':');
	uint64_t mask, d;
	int k;

	if (!colon)
		return 0;
	k = __builtin_ctzll(colon) >> 3;
	mask = (1ull << (8 * k)) - 1;	/* the bytes before the ':' */
	/* digits: high nibble 3, and still 3 with 6 added (no byte of
	 * them carries into the next) */
	if (!k || (((w & highs) ^ (FTRACE_ONES * '0')) & mask) ||
	    ((((w + FTRACE_ONES * 6) & highs) ^ (FTRACE_ONES * '0')) & mask))
		return 0;
	/* the digits' values, the first the most significant of eight */
	d = ((w - FTRACE_ONES * '0') & mask) << (8 * (8 - k));
	d = ((d * (10 * 256 + 1)) >> 8) & 0x00ff00ff00ff00ffull;
	d = ((d * (100 * 65536 + 1)) >> 16) & 0x0000ffff0000ffffull;
	*v = (d * (10000 * (1ull << 32) + 1)) >> 32;
	return k;
}

/*
 * "SECONDS.FRACTION:" at p; the end of it (after ':') or NULL, with *huge
 * set if the seconds were too many to count in 64-bit nanoseconds.
 */
static const char *parse_timestamp(const char *p, uint64_t *ns, bool *huge)
{
	static const uint32_t scale[10] = {	/* ns in 10^-digits s */
		1000000000, 100000000, 10000000, 1000000, 100000, 10000,
		1000, 100, 10, 1,
	};
	uint64_t sec = 0, frac = 0;
	int digits = 0;

	if (!is_digit(*p))
		return NULL;
	while (is_digit(*p)) {
		sec = sec * 10 + (uint64_t)(*p++ - '0');
		if (sec > TRACE_SEC_MAX) {
			*huge = true;
			return NULL;
		}
	}
	if (*p++ != '.')
		return NULL;
	digits = fraction_fast(p, &frac);
	if (digits) {
		*ns = sec * 1000000000ull + frac * scale[digits];
		return p + digits + 1;
	}
	while (is_digit(*p) && digits < 9) {
		frac = frac * 10 + (uint64_t)(*p++ - '0');
		digits++;
	}
	if (!digits || *p != ':')
		return NULL;
	*ns = sec * 1000000000ull + frac * scale[digits];
	return p + 1;
}

static enum ftrace_status bad_line(struct ftrace_reader *r, const char *why)
{
	snprintf(r->err, sizeof(r->err), "%s%s: expected '%s'",
		 r->unterminated ? "truncated line: " : "", why,
		 FTRACE_LINE_FORM);
	return FTRACE_BAD_LINE;
}

/*
 * The usual "TASK-PID   [CPU]" (a task name without spaces, brackets or
 * record-tgid's column) read forward in one pass: what find_cpu_column
 * and parse_task find on such a line.  The end of "]", or NULL for any
 * other form, which they then read.
 */
static const char *parse_context_fast(const char *p, struct ftrace_event *ev)
{
	const char *e = ftrace_find_space_or(p, '['), *d, *q;
	long pid = 0, c = 0;

	if (*e != ' ')
		return NULL;
	for (d = e; d > p && is_digit(d[-1]); d--)
		;
	if (d == e || d == p || d[-1] != '-')
		return NULL;
	q = skip_spaces(e);
	if (*q != '[' || !is_digit(q[1]))
		return NULL;
	/* more digits than a kernel's CPU or PID: the slow path says so */
	for (q++; is_digit(*q) && c <= TRACE_CPU_MAX; q++)
		c = c * 10 + (*q - '0');
	if (*q != ']' || c > TRACE_CPU_MAX || e - d > 7)
		return NULL;
	for (const char *x = d; x < e; x++)
		pid = pid * 10 + (*x - '0');
	if (pid > TRACE_PID_MAX)
		return NULL;
	ev->task = p;
	ev->task_len = (size_t)(d - 1 - p);
	ev->pid = (int)pid;
	ev->cpu = (int)c;
	return q + 1;
}

static enum ftrace_status parse_line(struct ftrace_reader *r, const char *line,
				     size_t len, struct ftrace_event *ev)
{
	const char *end = line + len, *p, *cpu, *ts;
	bool huge = false;
	long c = 0;
	int task;

	p = parse_context_fast(line, ev);
	if (!p) {
		cpu = find_cpu_column(line, end);
		if (!cpu)
			return bad_line(r, "no [CPU] column");
		task = parse_task(line, cpu, ev);
		if (task == -2)
			return bad_line(r, "a PID above 4194304 (the kernel's "
					"PID_MAX_LIMIT)");
		if (task)
			return bad_line(r, "no TASK-PID before the [CPU] "
					"column");
		for (p = cpu + 1; *p != ']'; p++) {
			c = c * 10 + (*p - '0');
			if (c > TRACE_CPU_MAX)
				return bad_line(r, "a CPU number above 8191 "
						"(the largest NR_CPUS)");
		}
		ev->cpu = (int)c;
		p++;
	}
	p = skip_spaces(p);
	ts = parse_timestamp(p, &ev->ts_ns, &huge);
	if (!ts && !huge) {		/* the FLAGS column, then the time */
		p = skip_spaces(ftrace_find_space_or(p, ' '));
		ts = parse_timestamp(p, &ev->ts_ns, &huge);
	}
	if (huge)
		return bad_line(r, "a timestamp of more than 2^64 ns (584 "
				"years)");
	if (!ts)
		return bad_line(r, "no timestamp after the [CPU] column");
	p = skip_spaces(ts);
	ev->name = p;
	p = ftrace_find_space_or(p, ':');
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
		const char *p;

		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		p = skip_blanks(line);
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
	struct ftrace_value v;

	if (!ftrace_fields(ev, &key, 1, &v))
		return NULL;
	*len = v.len;
	return v.s;
}

int ftrace_fields(const struct ftrace_event *ev, const char *const *keys,
		  int n, struct ftrace_value *out)
{
	const char *p = ev->fields;
	size_t klen[FTRACE_MAX_KEYS];
	int found = 0;

	if (n > FTRACE_MAX_KEYS)
		n = FTRACE_MAX_KEYS;
	for (int i = 0; i < n; i++) {
		out[i].s = NULL;
		klen[i] = strlen(keys[i]);
	}
	while (found < n) {
		const char *tok, *eq;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		tok = p;
		eq = ftrace_find_space_or(p, '=');
		p = *eq == '=' ? ftrace_find_space_or(eq + 1, ' ') : eq;
		if (*eq != '=')
			continue;
		for (int i = 0; i < n; i++) {
			size_t vlen;

			if (out[i].s || klen[i] != (size_t)(eq - tok) ||
			    memcmp(keys[i], tok, klen[i]))
				continue;
			vlen = (size_t)(p - eq - 1);
			if (vlen && p[-1] == ',')
				vlen--;
			out[i].s = eq + 1;
			out[i].len = vlen;
			found++;
			break;
		}
	}
	return found;
}

const unsigned char ftrace_hex_digit[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15,
	['f'] = 16,
};

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

int ftrace_parse_seconds(const char *s, uint64_t *ns)
{
	uint64_t sec = 0, frac = 0, scale = 1000000000;

	if (!is_digit(*s))
		return -1;
	while (is_digit(*s)) {
		sec = sec * 10 + (uint64_t)(*s++ - '0');
		if (sec > TRACE_SEC_MAX)
			return -1;
	}
	if (*s == '.') {
		if (!is_digit(*++s))
			return -1;
		while (is_digit(*s) && scale > 1) {
			scale /= 10;
			frac += (uint64_t)(*s++ - '0') * scale;
		}
	}
	if (*s)
		return -1;
	*ns = sec * 1000000000ull + frac;
	return 0;
}

void ftrace_write_event(FILE *f, const char *task, int pid, int cpu,
			uint64_t ts_ns, const char *event, const char *text)
{
	fprintf(f, "%16.15s-%-7d [%03d] ..... %5llu.%06llu: %s: %s\n", task,
		pid, cpu, (unsigned long long)(ts_ns / 1000000000),
		(unsigned long long)(ts_ns % 1000000000 / 1000), event, text);
}
