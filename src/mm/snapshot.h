/*
 * snapshot.h - a machine's memory rebuilt from a snapshot of every page
 * frame: the flags /proc/kpageflags shows (fs/proc/page.c:
 * stable_page_flags) and the map count /proc/kpagecount shows.
 *
 * The machine boots as mm_init boots it (zones, memmap, watermarks, pcp
 * limits); then, instead of every managed page being free, each frame takes
 * the state the dump gives it: free buddy blocks rebuilt as the buddy
 * allocator holds them, allocated blocks with an owner kind, pageblock
 * migratetypes as mobility grouping would have left them, pages on the
 * per-cpu lists.  doc/snapshot.md lists every mapping and guess.
 *
 * The frames are read as a stream, in pfn order, from a caller's source,
 * so mm/ reads no files and a dump of any size costs a fixed buffer.
 */
#ifndef FRAGSIM_MM_SNAPSHOT_H
#define FRAGSIM_MM_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "mm/hugetlb.h"
#include "mm/page_alloc.h"

/* include/uapi/linux/kernel-page-flags.h, and the kernel-only bits of
 * include/linux/kernel-page-flags.h that /proc/kpageflags also shows. */
enum kpf_bit {
	KPF_LOCKED = 0,
	KPF_ERROR = 1,
	KPF_REFERENCED = 2,
	KPF_UPTODATE = 3,
	KPF_DIRTY = 4,
	KPF_LRU = 5,
	KPF_ACTIVE = 6,
	KPF_SLAB = 7,
	KPF_WRITEBACK = 8,
	KPF_RECLAIM = 9,
	KPF_BUDDY = 10,
	KPF_MMAP = 11,
	KPF_ANON = 12,
	KPF_SWAPCACHE = 13,
	KPF_SWAPBACKED = 14,
	KPF_COMPOUND_HEAD = 15,
	KPF_COMPOUND_TAIL = 16,
	KPF_HUGE = 17,
	KPF_UNEVICTABLE = 18,
	KPF_HWPOISON = 19,
	KPF_NOPAGE = 20,
	KPF_KSM = 21,
	KPF_THP = 22,
	KPF_OFFLINE = 23,
	KPF_ZERO_PAGE = 24,
	KPF_IDLE = 25,
	KPF_PGTABLE = 26,
	KPF_RESERVED = 32,
	KPF_MLOCKED = 33,
	KPF_MAPPEDTODISK = 34,
	KPF_PRIVATE = 35,
	KPF_PRIVATE_2 = 36,
	KPF_OWNER_PRIVATE = 37,
	KPF_ARCH = 38,
	KPF_UNCACHED = 39,
	KPF_SOFTDIRTY = 40,
	KPF_ARCH_2 = 41,
};

#define KPF(bit)	(UINT64_C(1) << KPF_##bit)

/*
 * Where the frames come from: read() fills up to n flags and counts for
 * the next pfns (the first call starts at pfn 0) and returns how many, 0
 * at the end, or -1 after reporting an error itself.
 */
struct snapshot_source {
	long (*read)(void *ctx, uint64_t *flags, uint64_t *count, size_t n);
	void *ctx;
};

enum snapshot_status {
	SNAPSHOT_OK,
	SNAPSHOT_BAD_MACHINE,	/* mm_init refused the machine (reported) */
	SNAPSHOT_READ_ERROR,	/* the source failed (it reported) */
	SNAPSHOT_TRUNCATED,	/* fewer frames than the machine has */
	SNAPSHOT_TOO_LONG,	/* frames beyond the machine's last section */
};

/* What the import found, page by page (a compound page counts each page). */
struct snapshot_stats {
	unsigned long frames;		/* entries read */
	unsigned long frames_needed;	/* the machine's last zone's end pfn */
	unsigned long frames_max;	/* ... rounded up to a memory section */
	unsigned long free_pages;	/* BUDDY: on the buddy lists */
	unsigned long pcp_pages;	/* guessed on the per-cpu lists */
	unsigned long kind_pages[NR_OWNER_KINDS];	/* allocated, by owner */
	unsigned long unmanaged_pages;	/* RESERVED, NOPAGE, OFFLINE, HWPOISON */
	/* managed in the dump where the machine has no zone: kept out */
	unsigned long outside_pages;
	unsigned long compound_broken;	/* heads whose tails made no block */
	unsigned long pageblocks_retyped;	/* differ from the booted type */
};

/*
 * Boot the machine m as mm_init does, then give every frame the state the
 * source's dump describes.  On SNAPSHOT_OK mm holds the imported state;
 * otherwise mm is released (stats->frames, frames_needed and frames_max
 * say what was read and expected).
 */
enum snapshot_status snapshot_import(struct mm_state *mm,
				     const struct machine *m,
				     struct printk_log *log,
				     const struct snapshot_source *src,
				     struct snapshot_stats *stats);

/*
 * The 2 MiB hugetlb pages of an imported state join the pool h (as the
 * kernel's pool held them: nr_hugepages counts them), in pfn order.
 * Returns how many.
 */
size_t snapshot_adopt_hugetlb(struct mm_state *mm, struct hstate *h);

#endif
