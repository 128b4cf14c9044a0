/*
 * pfn_map.h - the kernel's pfns mapped to fragsim's blocks during a
 * replay: for each block the trace shows allocated and not yet freed
 * (entirely), the block fragsim allocated for it.
 *
 * A two-level table indexed by pfn (leaves of 64 Ki pfns made when first
 * touched, 4 bytes a pfn: at most what the model's memmap takes), pointing
 * into a pool of records.  Indexing by pfn keeps the locality of the
 * kernel's allocations, which mostly hand out neighbouring pfns one after
 * another; a hash would scatter them.
 */
#ifndef FRAGSIM_REPLAY_PFN_MAP_H
#define FRAGSIM_REPLAY_PFN_MAP_H

#include <stddef.h>
#include <stdint.h>

#include "mm/page_alloc.h"

#define PFN_MAP_LEAF_SHIFT	16
#define PFN_MAP_LEAF_PFNS	(1UL << PFN_MAP_LEAF_SHIFT)
#define PFN_MAP_MAX_PFN		(1UL << 36)	/* 256 TiB */

/* A block the kernel allocated and has not freed (entirely) yet. */
struct held {
	unsigned long pfn;	/* the kernel's head pfn */
	struct block_ref ref;	/* fragsim's block; idx NIL if it failed */
	uint16_t freed;		/* pages freed one part at a time */
	uint8_t order;
};

struct pfn_map {
	uint32_t **leaves;	/* record index + 1 per pfn, 0: none */
	size_t nr_leaves;
	struct held *pool;
	uint32_t pool_cap, pool_used;
	uint32_t free_head;	/* released records, linked by ref.idx */
};

void pfn_map_init(struct pfn_map *m);
void pfn_map_release(struct pfn_map *m);

/* The record of the block whose head is pfn, or NULL. */
static inline struct held *pfn_map_find(const struct pfn_map *m,
					unsigned long pfn)
{
	size_t leaf = pfn >> PFN_MAP_LEAF_SHIFT;
	uint32_t idx;

	if (leaf >= m->nr_leaves || !m->leaves[leaf])
		return NULL;
	idx = m->leaves[leaf][pfn & (PFN_MAP_LEAF_PFNS - 1)];
	return idx ? &m->pool[idx - 1] : NULL;
}

/* A new record for pfn (not present, below PFN_MAP_MAX_PFN); its pfn set. */
struct held *pfn_map_insert(struct pfn_map *m, unsigned long pfn);

/* h's record released: its pfn holds nothing. */
void pfn_map_remove(struct pfn_map *m, struct held *h);

#endif
