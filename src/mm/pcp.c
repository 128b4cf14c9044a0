/*
 * pcp.c - the per-cpu page lists: small blocks (orders 0-3) and THP-sized
 * blocks that a CPU keeps between the buddy lists and its callers
 * (mm/page_alloc.c: rmqueue_pcplist, rmqueue_bulk, free_unref_page,
 * free_pcppages_bulk, zone_batchsize, zone_highsize; Linux 6.1.192).
 *
 * They matter for fragmentation: freed pages wait here unmerged, invisible
 * to /proc/buddyinfo and to the watermark checks, and a refill takes a
 * batch of blocks out of the buddy at once.
 */
#include <assert.h>
#include <stdlib.h>

#include "mm/internal.h"
#include "mm/trace.h"
#include "util/xalloc.h"

/*
 * mm/page_alloc.c: order_to_pindex (two THP lists since 6.1.97).  A table
 * of what it computes, MIGRATE_PCPTYPES * order + mt up to the costly
 * order and a THP list above it, because every pcp allocation and free
 * looks it up with an order that is random in a mix.
 */
static int order_to_pindex(enum migratetype mt, unsigned int order)
{
	enum { THP_UNMOV = NR_LOWORDER_PCP_LISTS, THP_MOV };
	_Static_assert(MIGRATE_PCPTYPES == 3 && PAGE_ALLOC_COSTLY_ORDER == 3,
		       "the table's low-order rows");
	static const uint8_t pindex[MAX_ORDER][MIGRATE_PCPTYPES] = {
		{ 0, 1, 2 }, { 3, 4, 5 }, { 6, 7, 8 }, { 9, 10, 11 },
		[PAGE_ALLOC_COSTLY_ORDER + 1 ... MAX_ORDER - 1] = {
			THP_UNMOV, THP_MOV, THP_UNMOV },
	};

	/* VM_BUG_ONs: only the orders pcp_allowed_order lets in */
	assert(order <= PAGE_ALLOC_COSTLY_ORDER || order == pageblock_order);
	return pindex[order][mt];
}

static unsigned int pindex_to_order(int pindex)
{
	if (pindex >= NR_LOWORDER_PCP_LISTS)
		return pageblock_order;
	return (unsigned int)(pindex / MIGRATE_PCPTYPES);
}

/* mm/page_alloc.c: zone_batchsize - ~0.1% of the zone, at most 1 MiB */
static int zone_batchsize(const struct zone *zone)
{
	unsigned long batch = zone->managed_pages >> 10;
	unsigned long p = 1;

	if (batch > (1UL << 20) / PAGE_SIZE)
		batch = (1UL << 20) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	/* rounddown_pow_of_two(batch + batch/2) - 1 */
	while (p * 2 <= batch + batch / 2)
		p *= 2;
	return (int)p - 1;
}

/*
 * mm/page_alloc.c: zone_highsize - the low watermark split over the CPUs
 * of the zone's node (all CPUs when it has none), at least 4 batches.
 * These are the values once every CPU is online.
 */
static int zone_highsize(const struct mm_state *mm, const struct zone *zone,
			 int batch)
{
	unsigned long total_pages;
	int nr_split_cpus = 0;
	long high;

	if (!mm->sysctl.percpu_pagelist_high_fraction)
		total_pages = low_wmark_pages(zone);
	else
		total_pages = zone->managed_pages /
			      (unsigned long)mm->sysctl.percpu_pagelist_high_fraction;
	for (int cpu = 0; cpu < mm->nr_cpus; cpu++)
		nr_split_cpus += mm->cpu_to_node[cpu] == zone->node;
	if (!nr_split_cpus)
		nr_split_cpus = mm->nr_cpus;
	high = (long)(total_pages / (unsigned long)nr_split_cpus);
	if (high < (long)batch << 2)
		high = (long)batch << 2;
	return (int)high;
}

static void pcp_init_lists(struct per_cpu_pages *pcp)
{
	for (int i = 0; i < NR_PCP_LISTS; i++)
		pcp->lists[i] = (struct free_list){ NIL, NIL, 0 };
}

void zone_pcp_update_all(struct mm_state *mm)
{
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++) {
		if (!mm->layout.node_data[nid].online)
			continue;
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			struct zone *zone = mm_zone(mm, nid, t);
			int batch, high;

			if (!populated_zone(zone) || !mm->sysctl.pcp_enabled)
				continue;
			if (!zone->per_cpu_pageset) {
				zone->per_cpu_pageset = xcalloc((size_t)mm->nr_cpus,
						sizeof(*zone->per_cpu_pageset));
				for (int cpu = 0; cpu < mm->nr_cpus; cpu++)
					pcp_init_lists(&zone->per_cpu_pageset[cpu]);
			}
			/* zone_set_pageset_high_and_batch */
			batch = zone_batchsize(zone);
			if (batch < 1)
				batch = 1;
			high = zone_highsize(mm, zone, batch);
			for (int cpu = 0; cpu < mm->nr_cpus; cpu++) {
				zone->per_cpu_pageset[cpu].batch = batch;
				zone->per_cpu_pageset[cpu].high = high;
			}
		}
	}
}

unsigned long zone_pcp_pages(const struct zone *zone, int nr_cpus)
{
	unsigned long n = 0;

	if (!zone->per_cpu_pageset)
		return 0;
	for (int cpu = 0; cpu < nr_cpus; cpu++)
		n += (unsigned long)zone->per_cpu_pageset[cpu].count;
	return n;
}

/* A block joins a pcp list (head or tail) as a FRAME_PCP node (inline:
 * every pcp free and refill). */
static inline void pcp_list_add(struct mm_state *mm, struct free_list *list,
				unsigned long pfn, unsigned int order,
				enum migratetype pcp_mt, bool tail)
{
	uint32_t idx = free_block_alloc(mm);
	struct free_block *b = &mm->free_blocks[idx];

	b->frame = (uint32_t)(pfn - mm->memmap.base_pfn);
	b->order = (uint8_t)order;
	b->migratetype = MIGRATE_TYPES;	/* on no buddy list */
	b->pcp_mt = (uint8_t)pcp_mt;
	free_list_link(mm, list, idx, tail);
	set_frame(&mm->memmap, pfn, FRAME_PCP, idx);
}

/* Take the node at idx off list; its frame becomes a tail. */
static unsigned long pcp_list_del(struct mm_state *mm, struct free_list *list,
				  uint32_t idx, enum migratetype *pcp_mt)
{
	unsigned long pfn = free_block_pfn(mm, &mm->free_blocks[idx]);

	*pcp_mt = (enum migratetype)mm->free_blocks[idx].pcp_mt;
	free_list_unlink(mm, list, idx);
	free_block_release(mm, idx);
	set_frame(&mm->memmap, pfn, FRAME_TAIL, 0);
	return pfn;
}

/*
 * mm/page_alloc.c: rmqueue_bulk - count blocks from the buddy lists to the
 * tail of a pcp list, each a separate __rmqueue (so fallbacks apply).
 */
static int rmqueue_bulk(struct mm_state *mm, struct zone *zone,
			unsigned int order, unsigned long count,
			struct free_list *list, enum migratetype mt,
			unsigned int alloc_flags)
{
	unsigned long i;

	for (i = 0; i < count; i++) {
		unsigned long pfn = __rmqueue(mm, zone, order, mt, alloc_flags);

		if (pfn == PFN_NONE)
			break;
		pcp_list_add(mm, list, pfn, order, mt, true);
	}
	zone->nr_free_pages -= i << order;
	return (int)i;
}

unsigned long rmqueue_pcplist(struct mm_state *mm, struct zone *zone,
			      unsigned int order, enum migratetype mt,
			      unsigned int alloc_flags, int cpu)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];
	struct free_list *list = &pcp->lists[order_to_pindex(mt, order)];
	enum migratetype pcp_mt;

	/* On allocation, reduce the number of pages that are batch freed. */
	pcp->free_factor >>= 1;
	if (list->head == NIL) {
		int batch = pcp->batch;

		if (batch > 1) {
			batch >>= order;
			if (batch < 2)
				batch = 2;
		}
		pcp->count += rmqueue_bulk(mm, zone, order, (unsigned long)batch,
					   list, mt, alloc_flags) << order;
		if (list->head == NIL)
			return PFN_NONE;
	}
	pcp->count -= 1 << order;
	return pcp_list_del(mm, list, list->head, &pcp_mt);
}

/*
 * mm/page_alloc.c: free_pcppages_bulk - give count pages back to the buddy,
 * list by list starting with pindex, oldest (tail) first, each with the
 * migratetype recorded when it was freed.
 */
static void free_pcppages_bulk(struct mm_state *mm, struct zone *zone,
			       int count, struct per_cpu_pages *pcp, int pindex)
{
	int min_pindex = 0, max_pindex = NR_PCP_LISTS - 1;

	if (count > pcp->count)
		count = pcp->count;
	pindex = pindex - 1;	/* Ensure requested pindex is drained first. */
	while (count > 0) {
		struct free_list *list;
		unsigned int order;

		/* Remove pages from lists in a round-robin fashion. */
		do {
			if (++pindex > max_pindex)
				pindex = min_pindex;
			list = &pcp->lists[pindex];
			if (list->head != NIL)
				break;
			if (pindex == max_pindex)
				max_pindex--;
			if (pindex == min_pindex)
				min_pindex++;
		} while (1);

		order = pindex_to_order(pindex);
		do {
			enum migratetype mt;
			unsigned long pfn = pcp_list_del(mm, list, list->tail, &mt);

			/* VM_BUG_ON_PAGE: MIGRATE_ISOLATE never reaches pcp */
			assert(mt != MIGRATE_ISOLATE);
			count -= 1 << order;
			pcp->count -= 1 << order;
			if (zone->nr_isolate_pageblock)
				mt = get_pageblock_migratetype(&mm->memmap, pfn);
			if (trace_page_wanted(mm, pfn))
				trace_mm_page_pcpu_drain(mm, pfn, order, mt);
			__free_one_page(mm, zone, pfn, order, mt, FPI_NONE);
		} while (count > 0 && list->head != NIL);
	}
}

/* mm/page_alloc.c: nr_pcp_free */
static int nr_pcp_free(struct per_cpu_pages *pcp, int high, int batch,
		       bool free_high)
{
	int min_nr_free, max_nr_free;

	if (free_high)
		return pcp->count;
	if (high < batch)
		return 1;
	min_nr_free = batch;
	max_nr_free = high - batch;
	/* Double what is freed each time frees come without allocations. */
	batch <<= pcp->free_factor;
	if (batch < max_nr_free && pcp->free_factor < 5)	/* PCP_BATCH_SCALE_MAX */
		pcp->free_factor++;
	if (batch < min_nr_free)
		batch = min_nr_free;
	if (batch > max_nr_free)
		batch = max_nr_free;
	return batch;
}

/* mm/page_alloc.c: nr_pcp_high */
static int nr_pcp_high(const struct per_cpu_pages *pcp, const struct zone *zone,
		       bool free_high)
{
	if (!pcp->high || free_high)
		return 0;
	if (!zone->reclaim_active)
		return pcp->high;
	/* While reclaim is active, keep fewer pages on the lists. */
	return pcp->batch << 2 < pcp->high ? pcp->batch << 2 : pcp->high;
}

void free_unref_page(struct mm_state *mm, struct zone *zone,
		     unsigned long pfn, unsigned int order, int cpu)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];
	/* free_unref_page_prepare: the pageblock's type, recorded */
	enum migratetype mt = get_pageblock_migratetype(&mm->memmap, pfn);
	enum migratetype pcpmigratetype = mt;
	bool free_high;
	int pindex, high;

	if (mt >= MIGRATE_PCPTYPES) {
		if (mt == MIGRATE_ISOLATE) {
			__free_one_page(mm, zone, pfn, order, mt, FPI_NONE);
			mm->vm_events[PGFREE] += 1UL << order;
			return;
		}
		pcpmigratetype = MIGRATE_MOVABLE;	/* HIGHATOMIC, CMA */
	}

	/* free_unref_page_commit */
	mm->vm_events[PGFREE] += 1UL << order;
	pindex = order_to_pindex(pcpmigratetype, order);
	pcp_list_add(mm, &pcp->lists[pindex], pfn, order, mt, false);
	pcp->count += 1 << order;
	free_high = pcp->free_factor && order && order <= PAGE_ALLOC_COSTLY_ORDER;
	high = nr_pcp_high(pcp, zone, free_high);
	if (pcp->count >= high)
		free_pcppages_bulk(mm, zone, nr_pcp_free(pcp, high, pcp->batch,
							 free_high), pcp, pindex);
}

void drain_pages_zone(struct mm_state *mm, struct zone *zone, int cpu)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

	if (pcp->count)
		free_pcppages_bulk(mm, zone, pcp->count, pcp, 0);
}

void drain_all_pages(struct mm_state *mm, struct zone *only)
{
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			struct zone *zone = mm_zone(mm, nid, t);

			if (!zone->per_cpu_pageset || (only && zone != only))
				continue;
			for (int cpu = 0; cpu < mm->nr_cpus; cpu++) {
				struct per_cpu_pages *pcp =
					&zone->per_cpu_pageset[cpu];

				if (pcp->count)
					free_pcppages_bulk(mm, zone, pcp->count,
							   pcp, 0);
			}
		}
}
