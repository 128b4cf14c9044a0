/*
 * blockscan.c - what /proc/kpageflags and /proc/kpagecount would say of
 * each page of a pageblock, sorted into frag --blockscan's classes (see
 * blockscan.h).
 *
 * The kernel sets PG_buddy, PG_slab and PG_lru on a block's head only;
 * stable_page_flags reports a free block's other pages as BUDDY and a
 * slab's tails as SLAB, so frag's classes fall per page as follows
 * (fs/proc/page.c):
 *   - a free block, in the buddy lists (every page: PageBuddy on the head,
 *     is_free_buddy_page on the rest) or on a pcp list (refcount and
 *     mapcount 0, no flag): free;
 *   - anonymous, page cache and shmem pages, pinned ones too: lru; ramfs
 *     pages (mapping_set_unevictable): unevictable;
 *   - a transparent huge page: its head lru, its tails "other" (mapped
 *     through the PMD, no flag of frag's);
 *   - hugetlb pages, head and tails: huge (PageHuge looks at the head);
 *   - slab: every page slab (a tail of PageSlab(compound_head));
 *   - page tables: pgtable;
 *   - kernel stacks, other kernel allocations and free pages compaction
 *     has isolated: free (no flag, mapcount 0), as frag counts them;
 *   - PageReserved frames: reserved.
 * So the census is the kernel's own where the model's owner kinds say
 * what the flags would: a pipe buffer is a page pipe_write allocates
 * (alloc_page, no flag, never mapped), kind kernel in a workload, and
 * counted free as the kernel counts it; written as slab_unmovable it
 * would be counted slab.
 */
#include <assert.h>
#include <string.h>

#include "mm/blockscan.h"
#include "mm/internal.h"

const char *const blockscan_class_names[NR_BLOCKSCAN_CLASSES] = {
	[BLOCKSCAN_NOPAGE] = "nopage",
	[BLOCKSCAN_FREE] = "free",
	[BLOCKSCAN_LRU] = "lru",
	[BLOCKSCAN_UNEVICTABLE] = "unevictable",
	[BLOCKSCAN_SLAB] = "slab",
	[BLOCKSCAN_PGTABLE] = "pgtable",
	[BLOCKSCAN_RESERVED] = "reserved",
	[BLOCKSCAN_HUGE] = "huge",
	[BLOCKSCAN_OTHER] = "other",
};

/* The class of an allocated block's head page, and of its other pages. */
static void allocated_classes(enum owner_kind kind, enum blockscan_class *head,
			      enum blockscan_class *rest)
{
	switch (kind) {
	case OWNER_ANON:
	case OWNER_PAGECACHE:
	case OWNER_PINNED:
		*head = *rest = BLOCKSCAN_LRU;
		return;
	case OWNER_THP:
		*head = BLOCKSCAN_LRU;
		*rest = BLOCKSCAN_OTHER;
		return;
	case OWNER_HUGETLB:
		*head = *rest = BLOCKSCAN_HUGE;
		return;
	case OWNER_RAMFS:
		*head = *rest = BLOCKSCAN_UNEVICTABLE;
		return;
	case OWNER_SLAB_UNMOVABLE:
	case OWNER_SLAB_RECLAIMABLE:
		*head = *rest = BLOCKSCAN_SLAB;
		return;
	case OWNER_PAGETABLE:
		*head = *rest = BLOCKSCAN_PGTABLE;
		return;
	case OWNER_KSTACK:
	case OWNER_KERNEL:
	case OWNER_ISOLATED:
	case NR_OWNER_KINDS:
		break;
	}
	*head = *rest = BLOCKSCAN_FREE;
}

/*
 * The pageblock at block_pfn, block by block: visit(ctx, t, first, pfn, n)
 * for the n pages from pfn that belong to the block of type t headed by
 * first (a block begun in an earlier pageblock, an order-10 one, is
 * visited from pfn on, as a tail); a frame outside the memory map is
 * visited alone, as FRAME_TAIL heading itself: a hole.
 */
static void pageblock_walk(const struct mm_state *mm, unsigned long block_pfn,
			   void (*visit)(void *ctx, enum frame_type t,
					 unsigned long first, unsigned long pfn,
					 unsigned long n),
			   void *ctx)
{
	const unsigned long end = block_pfn + pageblock_nr_pages;
	unsigned long pfn = block_pfn;

	assert(!(block_pfn & (pageblock_nr_pages - 1)));
	while (pfn < end) {
		unsigned long first, n;
		unsigned int order;
		enum frame_type t;

		if (pfn < mm->memmap.base_pfn || pfn >= mm->memmap.end_pfn) {
			visit(ctx, FRAME_TAIL, pfn, pfn, 1);
			pfn++;
			continue;
		}
		t = block_of(mm, pfn, &first, &order);
		n = first + (1UL << order) - pfn;
		if (n > end - pfn)
			n = end - pfn;
		visit(ctx, t, first, pfn, n);
		pfn += n;
	}
}

struct class_count {
	const struct mm_state *mm;
	unsigned long *counts;
};

static void count_class(void *ctx, enum frame_type t, unsigned long first,
			unsigned long pfn, unsigned long n)
{
	struct class_count *cc = ctx;
	enum blockscan_class head = BLOCKSCAN_FREE, rest = BLOCKSCAN_FREE;

	switch (t) {
	case FRAME_BUDDY:
	case FRAME_PCP:
		break;
	case FRAME_ALLOC:
	case FRAME_BARE:
		allocated_classes(allocated_kind(cc->mm, first), &head, &rest);
		break;
	case FRAME_RESERVED:
		head = rest = BLOCKSCAN_RESERVED;
		break;
	case FRAME_TAIL:
		/* no block reaches it: the frame of a hole */
		head = rest = BLOCKSCAN_NOPAGE;
		break;
	}
	if (pfn == first) {
		cc->counts[head]++;
		cc->counts[rest] += n - 1;
	} else {
		cc->counts[rest] += n;
	}
}

/* fs/proc/page.c: stable_page_flags and kpagecount_read, page by page */
void blockscan_pageblock(const struct mm_state *mm, unsigned long block_pfn,
			 unsigned long counts[NR_BLOCKSCAN_CLASSES])
{
	struct class_count cc = { mm, counts };

	memset(counts, 0, NR_BLOCKSCAN_CLASSES * sizeof(*counts));
	pageblock_walk(mm, block_pfn, count_class, &cc);
}

struct holder_count {
	const struct mm_state *mm;
	unsigned long *by_holder, *unheld, *free;
	unsigned int nr_holders;
};

static void count_holder(void *ctx, enum frame_type t, unsigned long first,
			 unsigned long pfn, unsigned long n)
{
	struct holder_count *hc = ctx;
	unsigned long *to = hc->free;

	(void)pfn;
	if (t == FRAME_ALLOC) {
		unsigned int holder = hc->mm->blocks[frame_index(&hc->mm->memmap,
								 first)].holder;

		to = holder < hc->nr_holders ? &hc->by_holder[holder] :
					       hc->unheld;
	} else if (t == FRAME_BARE || t == FRAME_RESERVED) {
		to = hc->unheld;
	}
	*to += n;
}

void blockscan_holders(const struct mm_state *mm, unsigned long block_pfn,
		       unsigned long *by_holder, unsigned int nr_holders,
		       unsigned long *unheld, unsigned long *free)
{
	struct holder_count hc = { mm, by_holder, unheld, free, nr_holders };

	memset(by_holder, 0, nr_holders * sizeof(*by_holder));
	*unheld = *free = 0;
	pageblock_walk(mm, block_pfn, count_holder, &hc);
}
