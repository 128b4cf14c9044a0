/*
 * memmap.h - the state of every page frame, in 4 bytes (the kernel's
 * struct page array, mem_map), and of every 512-page pageblock, in 8: its
 * flags (the sparsemem usemap: migratetype and compaction skip bit; and
 * whether it holds a reserved frame), its zone and its allocated pages by
 * migratetype, side by side because an allocation or a free reads all
 * three.
 *
 * A frame word holds a type and, for block heads, an index:
 *   FRAME_TAIL      a frame inside a block whose head is elsewhere
 *   FRAME_RESERVED  never managed by the buddy allocator: a hole, or memory
 *                   reserved at boot (PageReserved)
 *   FRAME_BUDDY     the head of a free block; index = its free-list node
 *   FRAME_ALLOC     the head of an allocated block; index = its record
 *   FRAME_PCP       the head of a block on a per-cpu list; index = its node
 *   FRAME_BARE      the head of an allocated block that has no record: the
 *                   index holds its owner (page_alloc.h: bare blocks)
 * Blocks are naturally aligned, so the head of the block holding a frame is
 * found by aligning down, as the kernel's buddy checks do; tails are never
 * written when blocks split or merge, which keeps every operation O(1).
 */
#ifndef FRAGSIM_MM_MEMMAP_H
#define FRAGSIM_MM_MEMMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/mmzone.h"

enum frame_type {
	FRAME_TAIL = 0,
	FRAME_RESERVED = 1,
	FRAME_BUDDY = 2,
	FRAME_ALLOC = 3,
	FRAME_PCP = 4,
	FRAME_BARE = 5,
};

/* The head of an allocated block, with a record or bare. */
static inline bool frame_type_allocated(enum frame_type t)
{
	return t == FRAME_ALLOC || t == FRAME_BARE;
}

#define FRAME_TYPE_SHIFT	29
#define FRAME_INDEX_MASK	((UINT32_C(1) << FRAME_TYPE_SHIFT) - 1)
#define NO_ZONE			UINT16_MAX

/*
 * The bits of a pfn fragsim models: 48-bit physical addresses (256 TiB),
 * above x86_64's 46 and i386 PAE's 36, and few enough that a block record
 * packs its pfn with its small fields (page_alloc.h: struct page_block);
 * machine_check_span refuses memory above them.
 */
#define PFN_BITS		36

/*
 * Pageblock flag byte: 3 bits of migratetype, PB_migrate_skip, and whether
 * the block holds a frame the allocator does not manage (PageReserved:
 * memblock reservations and holes inside a section, which neither
 * compaction nor offlining can move; the census counts such blocks).
 */
#define PB_MIGRATETYPE_MASK	0x7
#define PB_MIGRATE_SKIP		0x8
#define PB_HAS_RESERVED		0x10

/* Allocated pages of a pageblock by request migratetype: 10 bits each. */
#define PB_ALLOC_BITS		10
#define PB_ALLOC_MASK		((1U << PB_ALLOC_BITS) - 1)

struct pageblock {
	/* allocated pages by their request's migratetype (unmovable,
	 * movable, reclaimable), PB_ALLOC_BITS each: keeps the mixed counts */
	uint32_t alloc;
	uint16_t zone;		/* zone id of the block's first pfn */
	uint8_t flags;		/* PB_MIGRATETYPE_MASK | PB_MIGRATE_SKIP */
	uint8_t unused;
};

struct memmap {
	unsigned long base_pfn;		/* first pfn, pageblock aligned */
	unsigned long end_pfn;		/* one past the last, pageblock aligned */
	uint32_t *frame;		/* a word per pfn */
	struct pageblock *pageblock;	/* one per pageblock */
};

void memmap_alloc(struct memmap *map, unsigned long start_pfn,
		  unsigned long end_pfn);
void memmap_free(struct memmap *map);

/*
 * Set PB_HAS_RESERVED of every pageblock overlapping [start_pfn, end_pfn)
 * from its frames, after frames have joined or left the allocator (boot,
 * a snapshot's import, onlining and offlining).
 */
void memmap_note_reserved(struct memmap *map, unsigned long start_pfn,
			  unsigned long end_pfn);

/* A block's frames hold a FRAME_RESERVED one: what PB_HAS_RESERVED says. */
bool pageblock_holds_reserved(const struct memmap *map, unsigned long pfn);

static inline bool memmap_covers(const struct memmap *map, unsigned long pfn)
{
	return pfn >= map->base_pfn && pfn < map->end_pfn;
}

static inline uint32_t *frame_word(const struct memmap *map,
				   unsigned long pfn)
{
	return &map->frame[pfn - map->base_pfn];
}

static inline enum frame_type frame_type(const struct memmap *map,
					 unsigned long pfn)
{
	return (enum frame_type)(*frame_word(map, pfn) >> FRAME_TYPE_SHIFT);
}

static inline uint32_t frame_index(const struct memmap *map,
				   unsigned long pfn)
{
	return *frame_word(map, pfn) & FRAME_INDEX_MASK;
}

static inline void set_frame(const struct memmap *map, unsigned long pfn,
			     enum frame_type type, uint32_t index)
{
	*frame_word(map, pfn) = ((uint32_t)type << FRAME_TYPE_SHIFT) |
				(index & FRAME_INDEX_MASK);
}

static inline unsigned long pageblock_index(const struct memmap *map,
					    unsigned long pfn)
{
	return (pfn - map->base_pfn) >> pageblock_order;
}

static inline unsigned long pageblock_start_pfn(unsigned long pfn)
{
	return pfn & ~(pageblock_nr_pages - 1);
}

static inline struct pageblock *pageblock_of(const struct memmap *map,
					     unsigned long pfn)
{
	return &map->pageblock[pageblock_index(map, pfn)];
}

/* The pageblock's allocated pages of request migratetype mt (< 3). */
static inline unsigned int pageblock_alloc_count(const struct pageblock *pb,
						 int mt)
{
	return pb->alloc >> (PB_ALLOC_BITS * mt) & PB_ALLOC_MASK;
}

static inline void pageblock_alloc_set(struct pageblock *pb, int mt,
				       unsigned int pages)
{
	unsigned int shift = PB_ALLOC_BITS * (unsigned int)mt;

	pb->alloc = (pb->alloc & ~(PB_ALLOC_MASK << shift)) | pages << shift;
}

/* mm/page_alloc.c: get_pfnblock_migratetype */
static inline enum migratetype get_pageblock_migratetype(
	const struct memmap *map, unsigned long pfn)
{
	return (enum migratetype)(pageblock_of(map, pfn)->flags &
				  PB_MIGRATETYPE_MASK);
}

/* The raw setter; set_pageblock_migratetype (page_alloc.h) wraps it. */
static inline void memmap_set_pageblock_migratetype(const struct memmap *map,
						    unsigned long pfn,
						    enum migratetype mt)
{
	uint8_t *f = &pageblock_of(map, pfn)->flags;

	*f = (uint8_t)((*f & ~PB_MIGRATETYPE_MASK) | mt);
}

/* mm/compaction.c: get_pageblock_skip, set_pageblock_skip, clear_... */
static inline bool get_pageblock_skip(const struct memmap *map,
				      unsigned long pfn)
{
	return pageblock_of(map, pfn)->flags & PB_MIGRATE_SKIP;
}

static inline void set_pageblock_skip(const struct memmap *map,
				      unsigned long pfn, bool skip)
{
	uint8_t *f = &pageblock_of(map, pfn)->flags;

	*f = (uint8_t)(skip ? (*f | PB_MIGRATE_SKIP) : (*f & ~PB_MIGRATE_SKIP));
}

#endif
