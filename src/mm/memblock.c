/*
 * memblock.c - the boot-time memory map (mm/memblock.c, reduced to what the
 * zone layout needs: adding regions, flags, and walking pfn ranges).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "mm/memblock.h"
#include "mm/mmzone.h"
#include "util/xalloc.h"

void memblock_init(struct memblock_type *type)
{
	memset(type, 0, sizeof(*type));
}

void memblock_release(struct memblock_type *type)
{
	free(type->regions);
	memblock_init(type);
}

static void insert_region(struct memblock_type *type, size_t idx,
			  uint64_t base, uint64_t size, int nid,
			  unsigned int flags)
{
	type->regions = xgrow(type->regions, &type->cap, type->cnt + 1,
			      sizeof(*type->regions));
	memmove(&type->regions[idx + 1], &type->regions[idx],
		(type->cnt - idx) * sizeof(*type->regions));
	type->regions[idx] = (struct memblock_region){
		.base = base, .size = size, .flags = flags, .nid = nid,
	};
	type->cnt++;
}

/* memblock_merge_regions: merge neighbours of the same node and flags. */
static void memblock_merge_regions(struct memblock_type *type)
{
	size_t i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *this = &type->regions[i];
		struct memblock_region *next = &type->regions[i + 1];

		if (this->base + this->size != next->base ||
		    this->nid != next->nid || this->flags != next->flags) {
			assert(this->base + this->size <= next->base);
			i++;
			continue;
		}
		this->size += next->size;
		memmove(next, next + 1,
			(type->cnt - (i + 2)) * sizeof(*next));
		type->cnt--;
	}
}

bool memblock_overlaps(const struct memblock_type *type, uint64_t base,
		       uint64_t size)
{
	for (size_t i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (base < r->base + r->size && r->base < base + size)
			return true;
	}
	return false;
}

void memblock_add_node(struct memblock_type *type, uint64_t base,
		       uint64_t size, int nid, unsigned int flags)
{
	size_t idx = 0;

	assert(!memblock_overlaps(type, base, size));
	if (!size)
		return;
	while (idx < type->cnt && type->regions[idx].base < base)
		idx++;
	insert_region(type, idx, base, size, nid, flags);
	memblock_merge_regions(type);
}

/* memblock_isolate_range: split regions so that base and end are edges. */
static void memblock_split_at(struct memblock_type *type, uint64_t addr)
{
	for (size_t i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		if (r->base < addr && addr < r->base + r->size) {
			uint64_t upper = r->base + r->size - addr;

			r->size = addr - r->base;
			insert_region(type, i + 1, addr, upper, r->nid,
				      r->flags);
			return;
		}
	}
}

void memblock_setclr_flag(struct memblock_type *type, uint64_t base,
			  uint64_t size, bool set, unsigned int flag)
{
	memblock_split_at(type, base);
	memblock_split_at(type, base + size);
	for (size_t i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		if (r->base >= base && r->base + r->size <= base + size) {
			if (set)
				r->flags |= flag;
			else
				r->flags &= ~flag;
		}
	}
	memblock_merge_regions(type);
}

void memblock_clear_node_flag(struct memblock_type *type, int nid,
			      unsigned int flag)
{
	for (size_t i = 0; i < type->cnt; i++)
		if (type->regions[i].nid == nid)
			type->regions[i].flags &= ~flag;
	memblock_merge_regions(type);
}

uint64_t memblock_start_of_DRAM(const struct memblock_type *type)
{
	return type->cnt ? type->regions[0].base : 0;
}

uint64_t memblock_end_of_DRAM(const struct memblock_type *type)
{
	const struct memblock_region *r;

	if (!type->cnt)
		return 0;
	r = &type->regions[type->cnt - 1];
	return r->base + r->size;
}

/* __next_mem_pfn_range */
bool memblock_next_pfn_range(const struct memblock_type *type, int nid,
			     size_t *idx, unsigned long *start_pfn,
			     unsigned long *end_pfn, int *out_nid)
{
	while (*idx < type->cnt) {
		const struct memblock_region *r = &type->regions[(*idx)++];

		if (PFN_UP(r->base) >= PFN_DOWN(r->base + r->size))
			continue;
		if (nid >= 0 && r->nid != nid)
			continue;
		*start_pfn = PFN_UP(r->base);
		*end_pfn = PFN_DOWN(r->base + r->size);
		if (out_nid)
			*out_nid = r->nid;
		return true;
	}
	return false;
}

bool memblock_pfn_range_has_memory(const struct memblock_type *type,
				   unsigned long start_pfn,
				   unsigned long end_pfn)
{
	return memblock_overlaps(type, PFN_PHYS(start_pfn),
				 PFN_PHYS(end_pfn) - PFN_PHYS(start_pfn));
}

/* The highest base aligned to align with [base, base+size) in [start, end). */
static bool fit_top_down(uint64_t start, uint64_t end, uint64_t size,
			 uint64_t align, uint64_t *base)
{
	if (end < size || end - size < start)
		return false;
	*base = (end - size) & ~(align - 1);
	return *base >= start;
}

int memblock_alloc_top_down(struct memblock_type *reserved,
			    const struct memblock_type *memory, uint64_t size,
			    uint64_t align, uint64_t min_addr, uint64_t max_addr,
			    int nid, uint64_t *out)
{
	for (size_t i = memory->cnt; i-- > 0;) {
		const struct memblock_region *r = &memory->regions[i];
		uint64_t end = r->base + r->size;

		if (nid >= 0 && r->nid != nid)
			continue;
		/* The free gaps between reserved regions, highest first. */
		for (size_t j = reserved->cnt + 1; j-- > 0;) {
			uint64_t gap_end = j < reserved->cnt ?
				reserved->regions[j].base : UINT64_MAX;
			uint64_t gap_start = j ? reserved->regions[j - 1].base +
					reserved->regions[j - 1].size : 0;
			uint64_t lo = gap_start > r->base ? gap_start : r->base;
			uint64_t hi = gap_end < end ? gap_end : end;
			uint64_t base;

			lo = lo > min_addr ? lo : min_addr;
			hi = hi < max_addr ? hi : max_addr;
			if (lo < hi && fit_top_down(lo, hi, size, align, &base)) {
				memblock_add_node(reserved, base, size, r->nid, 0);
				*out = base;
				return 0;
			}
		}
	}
	return -1;
}

void memblock_remove_range(struct memblock_type *type, uint64_t base,
			   uint64_t size)
{
	size_t i = 0;

	memblock_split_at(type, base);
	memblock_split_at(type, base + size);
	while (i < type->cnt) {
		struct memblock_region *r = &type->regions[i];

		if (r->base >= base && r->base + r->size <= base + size) {
			memmove(r, r + 1, (type->cnt - i - 1) * sizeof(*r));
			type->cnt--;
		} else {
			i++;
		}
	}
	memblock_merge_regions(type);
}
