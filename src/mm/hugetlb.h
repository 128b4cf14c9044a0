/*
 * hugetlb.h - the persistent hugetlb pool of 2 MiB pages, resized as
 * writing /proc/sys/vm/nr_hugepages does (mm/hugetlb.c, Linux 6.1).
 */
#ifndef FRAGSIM_MM_HUGETLB_H
#define FRAGSIM_MM_HUGETLB_H

#include "mm/page_alloc.h"

#define HUGETLB_PAGE_ORDER	9	/* x86_64 PMD pages */

/* include/linux/hugetlb.h: struct hstate (one size, 2 MiB) */
struct hstate {
	struct block_ref *pages;	/* the pool, newest last */
	size_t nr_huge_pages, cap;
	int next_nid_to_alloc;
	int next_nid_to_free;
};

void hstate_init(struct hstate *h);
void hstate_release(struct hstate *h);

/*
 * mm/hugetlb.c: set_max_huge_pages - grow the pool one page at a time
 * (alloc_pool_huge_page: nodes round-robin, __GFP_THISNODE, trying hard
 * until a node has failed once) until it holds count pages or a round
 * over every node fails; or shrink it.  Returns the pool size reached.
 * The pages' owner kind is OWNER_HUGETLB; cpu is the writer's CPU.
 */
unsigned long set_max_huge_pages(struct mm_state *mm, struct hstate *h,
				 unsigned long count, int cpu);

/*
 * The same write one page at a time, so that the rest of the machine runs
 * between its allocations as in the kernel (set_max_huge_pages drops
 * hugetlb_lock and calls cond_resched around each alloc_pool_huge_page):
 * begin, then step until it returns true.  A step allocates one page (or
 * fails a round over every node, which ends the write), or shrinks the
 * pool to count at once.
 */
struct hugetlb_resize {
	unsigned long count;		/* the pool size written */
	int cpu;			/* the writer's CPU */
	bool noretry[MAX_NUMNODES];	/* node_alloc_noretry */
};

void hugetlb_resize_begin(struct hugetlb_resize *r, unsigned long count,
			  int cpu);
bool hugetlb_resize_step(struct mm_state *mm, struct hstate *h,
			 struct hugetlb_resize *r);

#endif
