/*
 * kpageflags.h - reading a dump of /proc/kpageflags and /proc/kpagecount
 * (fs/proc/page.c): one little-endian u64 per page frame from pfn 0, each
 * file raw or xz-compressed, read as a stream so that a dump of any size
 * costs a fixed buffer.
 *
 * The flag bits are the kernel's ABI and live with the model that reads
 * them (mm/snapshot.h).  The two files are read side by side; every
 * problem (a file that cannot be opened, a corrupt .xz, a partial entry,
 * one file longer than the other) is reported on stderr naming the file
 * and what was expected.
 */
#ifndef FRAGSIM_MACHINE_KPAGEFLAGS_H
#define FRAGSIM_MACHINE_KPAGEFLAGS_H

#include <stddef.h>
#include <stdint.h>

struct kpf_file;

/* The two files of one dump, read in step. */
struct kpf_dump {
	struct kpf_file *flags;
	struct kpf_file *count;
	unsigned long frames;	/* entries read so far */
};

/*
 * Open the flags and count files (".xz" names, or files starting with the
 * xz magic, are decompressed).  Returns 0, or -1 after reporting.
 */
int kpf_dump_open(struct kpf_dump *d, const char *flags_path,
		  const char *count_path);

/*
 * Read the next entries of both files, up to n: returns how many were
 * read (0 at the end of both), or -1 after reporting a read error, a
 * corrupt .xz, a partial entry or files of different lengths.
 */
long kpf_dump_read(struct kpf_dump *d, uint64_t *flags, uint64_t *count,
		   size_t n);

void kpf_dump_close(struct kpf_dump *d);

#endif
