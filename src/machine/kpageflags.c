/*
 * kpageflags.c - stream the entries of a /proc/kpageflags and
 * /proc/kpagecount dump, raw or xz (liblzma), checking that both files are
 * whole and of the same length.
 */
#include <endian.h>
#include <errno.h>
#include <lzma.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/kpageflags.h"
#include "util/diag.h"
#include "util/xalloc.h"

#define KPF_INBUF	(64 * 1024)

static const uint8_t xz_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

struct kpf_file {
	const char *path;
	FILE *fp;
	bool xz;
	bool ended;		/* no more bytes */
	lzma_stream strm;
	uint8_t in[KPF_INBUF];
	size_t in_pos, in_len;	/* raw mode: bytes of in[] not yet used */
	unsigned long long bytes;	/* bytes delivered so far */
};

static void file_error(const struct kpf_file *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void file_error(const struct kpf_file *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vprint(DIAG_LOC(f->path, 0), "error", fmt, ap);
	va_end(ap);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static struct kpf_file *kpf_file_open(const char *path)
{
	struct kpf_file *f = xcalloc(1, sizeof(*f));
	lzma_ret ret;

	f->path = path;
	f->fp = fopen(path, "rb");
	if (!f->fp) {
		file_error(f, "cannot open: %s", strerror(errno));
		free(f);
		return NULL;
	}
	f->in_len = fread(f->in, 1, sizeof(xz_magic), f->fp);
	f->xz = f->in_len == sizeof(xz_magic) &&
		!memcmp(f->in, xz_magic, sizeof(xz_magic));
	if (!f->xz && has_suffix(path, ".xz")) {
		file_error(f, "not in the .xz format (expected the xz magic "
			   "bytes at its start)");
		goto fail;
	}
	if (!f->xz)
		return f;
	f->strm = (lzma_stream)LZMA_STREAM_INIT;
	ret = lzma_stream_decoder(&f->strm, UINT64_MAX, LZMA_CONCATENATED);
	if (ret != LZMA_OK) {
		file_error(f, "cannot start the xz decoder (liblzma error %d)",
			   (int)ret);
		goto fail;
	}
	f->strm.next_in = f->in;
	f->strm.avail_in = f->in_len;
	return f;
fail:
	fclose(f->fp);
	free(f);
	return NULL;
}

static void kpf_file_close(struct kpf_file *f)
{
	if (!f)
		return;
	if (f->xz)
		lzma_end(&f->strm);
	fclose(f->fp);
	free(f);
}

static const char *lzma_problem(lzma_ret ret)
{
	switch (ret) {
	case LZMA_FORMAT_ERROR:
		return "not in the .xz format";
	case LZMA_OPTIONS_ERROR:
		return "unsupported .xz options";
	case LZMA_DATA_ERROR:
		return "corrupt .xz data";
	case LZMA_BUF_ERROR:
		return "the compressed data ends early (truncated .xz)";
	case LZMA_MEM_ERROR:
		return "out of memory while decompressing";
	default:
		return "xz decoding failed";
	}
}

/* Up to n decompressed bytes into buf; -1 after reporting. */
static long read_xz(struct kpf_file *f, uint8_t *buf, size_t n)
{
	f->strm.next_out = buf;
	f->strm.avail_out = n;
	while (f->strm.avail_out && !f->ended) {
		lzma_action action = LZMA_RUN;
		lzma_ret ret;

		if (!f->strm.avail_in && !feof(f->fp)) {
			f->in_len = fread(f->in, 1, sizeof(f->in), f->fp);
			if (ferror(f->fp)) {
				file_error(f, "read error: %s", strerror(errno));
				return -1;
			}
			f->strm.next_in = f->in;
			f->strm.avail_in = f->in_len;
		}
		if (!f->strm.avail_in && feof(f->fp))
			action = LZMA_FINISH;
		ret = lzma_code(&f->strm, action);
		if (ret == LZMA_STREAM_END) {
			f->ended = true;
		} else if (ret != LZMA_OK) {
			file_error(f, "%s, after %llu bytes of entries",
				   lzma_problem(ret),
				   f->bytes + (n - f->strm.avail_out));
			return -1;
		}
	}
	return (long)(n - f->strm.avail_out);
}

/* Up to n raw bytes into buf; -1 after reporting. */
static long read_raw(struct kpf_file *f, uint8_t *buf, size_t n)
{
	size_t got = 0;

	if (f->in_pos < f->in_len) {
		got = f->in_len - f->in_pos < n ? f->in_len - f->in_pos : n;
		memcpy(buf, f->in + f->in_pos, got);
		f->in_pos += got;
	}
	if (got < n) {
		got += fread(buf + got, 1, n - got, f->fp);
		if (ferror(f->fp)) {
			file_error(f, "read error: %s", strerror(errno));
			return -1;
		}
	}
	if (got < n)
		f->ended = true;
	return (long)got;
}

/* Exactly n bytes unless the file ends first; -1 after reporting. */
static long kpf_file_read(struct kpf_file *f, uint8_t *buf, size_t n)
{
	long got = 0;

	while ((size_t)got < n && !f->ended) {
		long r = f->xz ? read_xz(f, buf + got, n - (size_t)got) :
				 read_raw(f, buf + got, n - (size_t)got);

		if (r < 0)
			return -1;
		got += r;
	}
	f->bytes += (unsigned long long)got;
	return got;
}

int kpf_dump_open(struct kpf_dump *d, const char *flags_path,
		  const char *count_path)
{
	memset(d, 0, sizeof(*d));
	d->flags = kpf_file_open(flags_path);
	if (!d->flags)
		return -1;
	d->count = kpf_file_open(count_path);
	if (!d->count) {
		kpf_file_close(d->flags);
		d->flags = NULL;
		return -1;
	}
	return 0;
}

static void to_host(uint64_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = le64toh(v[i]);
}

long kpf_dump_read(struct kpf_dump *d, uint64_t *flags, uint64_t *count,
		   size_t n)
{
	long nf = kpf_file_read(d->flags, (uint8_t *)flags, n * 8);
	long nc = nf < 0 ? -1 : kpf_file_read(d->count, (uint8_t *)count,
					      n * 8);

	if (nf < 0 || nc < 0)
		return -1;
	if (nf % 8 || nc % 8) {
		const struct kpf_file *f = nf % 8 ? d->flags : d->count;

		file_error(f, "ends inside an entry: %llu bytes, not a whole "
			   "number of 8-byte entries (a truncated dump?)",
			   f->bytes);
		return -1;
	}
	if (nf != nc) {
		/* the longer file is not read to its end for the message: it
		 * may have none (/dev/zero) */
		const struct kpf_file *s = nf < nc ? d->flags : d->count;
		const struct kpf_file *l = nf < nc ? d->count : d->flags;

		diag_error(DIAG_LOC(s->path, 0), "ends after %llu entries, but "
			   "%s goes on (at least %llu): the flags and counts "
			   "files must cover the same frames", s->bytes / 8,
			   l->path, l->bytes / 8);
		return -1;
	}
	to_host(flags, (size_t)nf / 8);
	to_host(count, (size_t)nc / 8);
	d->frames += (unsigned long)nf / 8;
	return nf / 8;
}

void kpf_dump_close(struct kpf_dump *d)
{
	kpf_file_close(d->flags);
	kpf_file_close(d->count);
	memset(d, 0, sizeof(*d));
}
