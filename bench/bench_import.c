/*
 * bench_import.c - speed and memory of the snapshot import (mm/snapshot.c)
 * on a 1 TiB machine.
 *
 * Boots the shipped four-node 1 TiB model and streams through the importer
 * a synthetic dump of its 268 M frames, made on the fly as a reader would
 * hand out a file: holes are NOPAGE; each 2 MiB pageblock of memory is,
 * by a hash of its number, anonymous memory half punched out (order-0
 * pages between free runs), transparent huge pages, page cache, kernel
 * memory (slab of order 3, page tables, bare pages), or free.  Prints the
 * import's frames per second (boot excluded, and included) and the peak
 * resident memory.  Usage: bench_import [SRCDIR]
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "machine/model.h"
#include "mm/snapshot.h"

struct synth {
	const struct machine *m;
	unsigned long pfn, end;
	size_t region;		/* memblock region at or after pfn */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t hash(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	return x;
}

#define ANON	(KPF(UPTODATE) | KPF(LRU) | KPF(MMAP) | KPF(ANON) | \
		 KPF(SWAPBACKED))

/* The flags and count of a memory frame, from its pageblock's pattern. */
static void synth_frame(unsigned long pfn, uint64_t *f, uint64_t *c)
{
	unsigned long off = pfn & (pageblock_nr_pages - 1);
	unsigned int pattern = (unsigned int)(hash(pfn >> pageblock_order) % 10);

	*c = 0;
	switch (pattern) {
	case 0: case 1: case 2: case 3:	/* anonymous, half punched */
		if (hash(pfn) & 1) {
			*f = ANON;
			*c = 1;
		} else {
			*f = KPF(BUDDY);
		}
		break;
	case 4: case 5:			/* THP */
		*f = ANON | KPF(THP) | (off ? KPF(COMPOUND_TAIL) :
					     KPF(COMPOUND_HEAD));
		*c = 1;
		break;
	case 6:				/* clean page cache */
		*f = KPF(UPTODATE) | KPF(LRU) | KPF(MAPPEDTODISK);
		break;
	case 7:				/* kernel memory */
		if (off < 256)
			*f = KPF(SLAB) | (off & 7 ? KPF(COMPOUND_TAIL) :
					  KPF(COMPOUND_HEAD));
		else if (off < 320)
			*f = KPF(PGTABLE);
		else
			*f = 0;
		break;
	default:			/* free */
		*f = KPF(BUDDY);
	}
}

static long synth_read(void *ctx, uint64_t *f, uint64_t *c, size_t n)
{
	struct synth *s = ctx;
	const struct memblock_type *mem = &s->m->memory;
	size_t i;

	for (i = 0; i < n && s->pfn < s->end; i++, s->pfn++) {
		while (s->region < mem->cnt &&
		       PFN_DOWN(mem->regions[s->region].base +
				mem->regions[s->region].size) <= s->pfn)
			s->region++;
		if (s->region < mem->cnt &&
		    PFN_UP(mem->regions[s->region].base) <= s->pfn)
			synth_frame(s->pfn, &f[i], &c[i]);
		else {
			f[i] = KPF(NOPAGE);
			c[i] = 0;
		}
	}
	return (long)i;
}

int main(int argc, char **argv)
{
	const char *srcdir = argc > 1 ? argv[1] : ".";
	char model[4096];
	struct machine m;
	struct mm_state mm;
	struct printk_log log;
	struct snapshot_stats st;
	struct synth s = { .m = &m };
	struct snapshot_source src = { .read = synth_read, .ctx = &s };
	struct rusage ru;
	double t0, t1, t2;
	unsigned long allocated = 0, blocks = 0;

	snprintf(model, sizeof(model), "%s/models/x86_64-4node-1t.ini", srcdir);
	if (model_load(&m, model))
		return 1;
	/* the dump's length: the machine's memory, to a section boundary */
	for (size_t r = 0; r < m.memory.cnt; r++) {
		unsigned long e = PFN_DOWN(m.memory.regions[r].base +
					   m.memory.regions[r].size);

		s.end = e > s.end ? e : s.end;
	}
	s.end = (s.end + 32767) & ~32767UL;

	printk_init(&log);
	t0 = now();
	if (mm_init(&mm, &m, &log)) {
		fprintf(stderr, "bench_import: boot failed\n");
		return 1;
	}
	t1 = now();	/* the boot alone, for the comparison */
	mm_release(&mm);
	t2 = now();
	if (snapshot_import(&mm, &m, &log, &src, &st) != SNAPSHOT_OK) {
		fprintf(stderr, "bench_import: import failed\n");
		return 1;
	}
	t2 = now() - t2;
	printk_release(&log);
	getrusage(RUSAGE_SELF, &ru);
	for (int k = 0; k < NR_OWNER_KINDS; k++)
		allocated += st.kind_pages[k];
	for (unsigned long pfn = mm.memmap.base_pfn; pfn < mm.memmap.end_pfn;
	     pfn++)
		blocks += frame_type_allocated(frame_type(&mm.memmap, pfn));

	printf("fragsim snapshot import benchmark: %s, synthetic dump of %lu "
	       "frames (%.0f GiB)\n", model, st.frames,
	       (double)st.frames / (1UL << 18));
	printf("  boot alone:        %.2f s\n", t1 - t0);
	printf("  boot + import:     %.2f s (%.1f M frames/s)\n", t2,
	       (double)st.frames / t2 / 1e6);
	printf("  import alone:      %.2f s (%.1f M frames/s)\n",
	       t2 - (t1 - t0), (double)st.frames / (t2 - (t1 - t0)) / 1e6);
	printf("  frames:            %lu free, %lu on pcp lists, %lu allocated "
	       "in %lu blocks (%u with a record), %lu unmanaged\n",
	       st.free_pages, st.pcp_pages, allocated, blocks, mm.blocks_used,
	       st.unmanaged_pages);
	printf("  peak memory:       %.2f GiB resident (%.2f bytes/frame)\n",
	       (double)ru.ru_maxrss / (1 << 20),
	       (double)ru.ru_maxrss * 1024 / (double)st.frames);
	printf("  of which:          memmap %.2f GiB (4 B/frame; an imported "
	       "block is its head's word alone), %u block records %.2f GiB "
	       "(%zu B and %zu of reclaim-list links), %u free-list nodes "
	       "%.2f GiB (%zu B); the importer's own buffers are fixed "
	       "(1 MiB)\n",
	       (double)(mm.memmap.end_pfn - mm.memmap.base_pfn) * 4 / (1 << 30),
	       mm.blocks_used, (double)mm.blocks_used *
	       (sizeof(struct page_block) + sizeof(struct page_block_lru)) /
		       (1 << 30), sizeof(struct page_block),
	       sizeof(struct page_block_lru),
	       mm.free_blocks_used, (double)mm.free_blocks_used *
	       sizeof(struct free_block) / (1 << 30), sizeof(struct free_block));
	mm_release(&mm);
	machine_release(&m);
	return 0;
}
