/*
 * hugetlb.c - resizing the hugetlb pool (see hugetlb.h).
 */
#include <stdlib.h>

#include "mm/hugetlb.h"
#include "util/xalloc.h"

void hstate_init(struct hstate *h)
{
	*h = (struct hstate){ 0 };
}

void hstate_release(struct hstate *h)
{
	free(h->pages);
	*h = (struct hstate){ 0 };
}


/* mm/hugetlb.c: hstate_next_node_to_alloc over the nodes with memory */
static int next_node(const struct mm_state *mm, int *next)
{
	int nid = *next;

	for (int i = 0; i < mm->layout.nr_node_ids; i++) {
		int n = (nid + i) % mm->layout.nr_node_ids;

		if (node_has_memory(mm, n)) {
			*next = (n + 1) % mm->layout.nr_node_ids;
			return n;
		}
	}
	return 0;
}

static int nr_nodes_with_memory(const struct mm_state *mm)
{
	int n = 0;

	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		n += node_has_memory(mm, nid);
	return n;
}

/* A CPU of nid, else CPU 0 (a memory-only node). */
static int cpu_of_node(const struct mm_state *mm, int nid, int cpu)
{
	if (mm->cpu_to_node[cpu] == nid)
		return cpu;
	for (int c = 0; c < mm->nr_cpus; c++)
		if (mm->cpu_to_node[c] == nid)
			return c;
	return cpu;
}

/*
 * mm/hugetlb.c: alloc_pool_huge_page with alloc_buddy_huge_page - one
 * attempt per node, starting at the next node to allocate from.
 */
static bool alloc_pool_huge_page(struct mm_state *mm, struct hstate *h,
				 bool *noretry, int cpu)
{
	int nr = nr_nodes_with_memory(mm);

	for (int i = 0; i < nr; i++) {
		int nid = next_node(mm, &h->next_nid_to_alloc);
		gfp_t gfp = GFP_HIGHUSER_MOVABLE | __GFP_THISNODE |
			    __GFP_COMP | __GFP_NOWARN;
		bool try_hard = !noretry[nid];
		struct alloc_result res;

		if (try_hard)
			gfp |= __GFP_RETRY_MAYFAIL;
		res = __alloc_pages(mm, gfp, HUGETLB_PAGE_ORDER, nid,
				    cpu_of_node(mm, nid, cpu), OWNER_HUGETLB);
		if (res.pfn != PFN_NONE && !try_hard)
			noretry[nid] = false;
		if (res.pfn == PFN_NONE && try_hard)
			noretry[nid] = true;
		if (res.pfn != PFN_NONE) {
			h->pages = xgrow(h->pages, &h->cap, h->nr_huge_pages + 1,
					 sizeof(*h->pages));
			h->pages[h->nr_huge_pages++] = block_ref_of(mm, res.pfn);
			return true;
		}
	}
	return false;
}

/* mm/hugetlb.c: set_max_huge_pages, as it starts (node_alloc_noretry empty) */
void hugetlb_resize_begin(struct hugetlb_resize *r, unsigned long count,
			  int cpu)
{
	*r = (struct hugetlb_resize){ .count = count, .cpu = cpu };
}

/* mm/hugetlb.c: set_max_huge_pages, one pass of its loops */
bool hugetlb_resize_step(struct mm_state *mm, struct hstate *h,
			 struct hugetlb_resize *r)
{
	if (r->count > h->nr_huge_pages)
		return !alloc_pool_huge_page(mm, h, r->noretry, r->cpu) ||
		       r->count == h->nr_huge_pages;
	/* free_pool_huge_page: the newest pages go first */
	while (r->count < h->nr_huge_pages) {
		struct block_ref ref = h->pages[--h->nr_huge_pages];
		const struct page_block *b = block_ref_get(mm, ref);

		if (b)
			__free_pages(mm, ref, b->pfn, b->order, r->cpu);
	}
	return true;
}

unsigned long set_max_huge_pages(struct mm_state *mm, struct hstate *h,
				 unsigned long count, int cpu)
{
	struct hugetlb_resize r;

	hugetlb_resize_begin(&r, count, cpu);
	while (!hugetlb_resize_step(mm, h, &r))
		;
	return h->nr_huge_pages;
}
