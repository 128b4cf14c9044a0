/*
 * pfn_map.c - the kernel's pfns mapped to fragsim's blocks (see
 * pfn_map.h): leaves made as pfns are first touched, records reused.
 */
#include <stdlib.h>
#include <string.h>

#include "replay/pfn_map.h"
#include "util/xalloc.h"

void pfn_map_init(struct pfn_map *m)
{
	memset(m, 0, sizeof(*m));
	m->free_head = NIL;
}

void pfn_map_release(struct pfn_map *m)
{
	for (size_t i = 0; i < m->nr_leaves; i++)
		free(m->leaves[i]);
	free(m->leaves);
	free(m->pool);
}

struct held *pfn_map_insert(struct pfn_map *m, unsigned long pfn)
{
	size_t leaf = pfn >> PFN_MAP_LEAF_SHIFT;
	uint32_t idx;

	if (leaf >= m->nr_leaves) {
		m->leaves = xrealloc(m->leaves, (leaf + 1) * sizeof(*m->leaves));
		memset(m->leaves + m->nr_leaves, 0,
		       (leaf + 1 - m->nr_leaves) * sizeof(*m->leaves));
		m->nr_leaves = leaf + 1;
	}
	if (!m->leaves[leaf])
		m->leaves[leaf] = xcalloc(PFN_MAP_LEAF_PFNS, sizeof(uint32_t));
	if (m->free_head != NIL) {
		idx = m->free_head;
		m->free_head = m->pool[idx].ref.idx;
	} else {
		if (m->pool_used == m->pool_cap) {
			m->pool_cap = m->pool_cap ? 2 * m->pool_cap : 1 << 14;
			m->pool = xrealloc(m->pool,
					   m->pool_cap * sizeof(*m->pool));
		}
		idx = m->pool_used++;
	}
	m->leaves[leaf][pfn & (PFN_MAP_LEAF_PFNS - 1)] = idx + 1;
	m->pool[idx].pfn = pfn;
	return &m->pool[idx];
}

void pfn_map_remove(struct pfn_map *m, struct held *h)
{
	uint32_t idx = (uint32_t)(h - m->pool);

	m->leaves[h->pfn >> PFN_MAP_LEAF_SHIFT]
		 [h->pfn & (PFN_MAP_LEAF_PFNS - 1)] = 0;
	h->ref.idx = m->free_head;
	m->free_head = idx;
}
