/*
 * internal.h - the page allocator's internals, shared by the files of
 * mm/ that implement it (buddy lists, fallback, pcp lists, watermarks,
 * allocated-block records), as Linux keeps mm/internal.h apart from
 * include/linux/gfp.h.  Nothing outside mm/ includes it but the unit tests
 * and benchmarks of those internals; the rest of fragsim sees page_alloc.h.
 */
#ifndef FRAGSIM_MM_INTERNAL_H
#define FRAGSIM_MM_INTERNAL_H

#include "mm/page_alloc.h"

/* --- buddy.c: the free lists --- */

/* mm/page_alloc.c: __rmqueue_smallest; the head pfn or PFN_NONE. */
unsigned long __rmqueue_smallest(struct mm_state *mm, struct zone *zone,
				 unsigned int order, enum migratetype mt);

/*
 * mm/internal.h: struct capture_control - a direct compaction's claim on
 * the first free block of its order (in its zone) that its own frees
 * make: __free_one_page hands it over (compaction_capture) instead of
 * putting it on a free list where another CPU could take it first.
 */
struct compact_control;

struct capture_control {
	struct compact_control *cc;
	unsigned long pfn;		/* the captured block, or PFN_NONE */
};

/* mm/page_alloc.c: __free_one_page, with compaction_capture */
void __free_one_page(struct mm_state *mm, struct zone *zone,
		     unsigned long pfn, unsigned int order,
		     enum migratetype mt, int fpi_flags);

/* The head pfn of a free-list node's block. */
static inline unsigned long free_block_pfn(const struct mm_state *mm,
					   const struct free_block *b)
{
	return mm->memmap.base_pfn + b->frame;
}

/* The free-list node of a free block's head (PageBuddy and its order). */
static inline struct free_block *buddy_block(const struct mm_state *mm,
					     unsigned long pfn)
{
	return &mm->free_blocks[frame_index(&mm->memmap, pfn)];
}

static inline bool PageBuddy(const struct mm_state *mm, unsigned long pfn)
{
	return frame_type(&mm->memmap, pfn) == FRAME_BUDDY;
}

/* A node never used yet, from the end of the pool. */
uint32_t free_block_alloc_new(struct mm_state *mm);

/*
 * The pool of list nodes shared by the buddy and pcp lists: released
 * nodes are reused last-in first-out.  Inline: every alloc and free.
 */
static inline uint32_t free_block_alloc(struct mm_state *mm)
{
	uint32_t idx = mm->free_blocks_unused;

	if (__builtin_expect(idx == NIL, 0))
		return free_block_alloc_new(mm);
	mm->free_blocks_unused = mm->free_blocks[idx].next;
	return idx;
}

static inline void free_block_release(struct mm_state *mm, uint32_t idx)
{
	mm->free_blocks[idx].next = mm->free_blocks_unused;
	mm->free_blocks_unused = idx;
}

/* Put node idx at the head or tail of list (inline: every alloc and free). */
static inline void free_list_link(struct mm_state *mm, struct free_list *list,
				  uint32_t idx, bool tail)
{
	struct free_block *b = &mm->free_blocks[idx];

	list->nr++;
	if (tail) {
		b->prev = list->tail;
		b->next = NIL;
		if (list->tail != NIL)
			mm->free_blocks[list->tail].next = idx;
		else
			list->head = idx;
		list->tail = idx;
	} else {
		b->next = list->head;
		b->prev = NIL;
		if (list->head != NIL)
			mm->free_blocks[list->head].prev = idx;
		else
			list->tail = idx;
		list->head = idx;
	}
}

/* Take node idx off list (inline: every alloc and free). */
static inline void free_list_unlink(struct mm_state *mm,
				    struct free_list *list, uint32_t idx)
{
	struct free_block *b = &mm->free_blocks[idx];

	assert(list->nr > 0);
	list->nr--;
	if (b->prev != NIL)
		mm->free_blocks[b->prev].next = b->next;
	else
		list->head = b->next;
	if (b->next != NIL)
		mm->free_blocks[b->next].prev = b->prev;
	else
		list->tail = b->prev;
}

/*
 * Rotate a list so that new_head comes first and the entries before it
 * follow the old tail, in O(1): what list_cut_before/list_cut_position
 * with list_splice_tail do to the kernel's circular lists.
 */
void free_list_rotate(struct mm_state *mm, struct free_list *list,
		      uint32_t new_head);

/* mm/page_alloc.c: del_page_from_free_list - take a free block off its
 * list (its head frame becomes a tail); NR_FREE_PAGES is the caller's. */
void buddy_take(struct mm_state *mm, struct zone *zone, unsigned long pfn);

/* mm/page_alloc.c: move_to_free_list - to the tail of another type's list */
void move_to_free_list(struct mm_state *mm, struct zone *zone,
		       unsigned long pfn, enum migratetype mt);

/* --- fallback.c: taking memory from other migratetypes --- */

/* alloc_flags bits that the buddy level looks at (mm/internal.h). */
#define ALLOC_NOFRAGMENT	0x100
#define ALLOC_KSWAPD		0x800	/* = __GFP_KSWAPD_RECLAIM */

/*
 * mm/page_alloc.c: move_freepages_block - the free blocks headed in pfn's
 * pageblock go to the tail of mt's lists (nothing if the pageblock crosses
 * the zone's end); returns the pages moved, and counts the pageblock's
 * movable allocated pages in *num_movable unless it is NULL.
 */
unsigned long move_freepages_block(struct mm_state *mm, struct zone *zone,
				   unsigned long pfn, enum migratetype mt,
				   unsigned long *num_movable);

/* mm/page_alloc.c: find_suitable_fallback; -1 if none */
int find_suitable_fallback(const struct mm_state *mm,
			   const struct free_area *area, unsigned int order,
			   enum migratetype mt, bool only_stealable);

/*
 * mm/page_alloc.c: __rmqueue_fallback - move a block of another type to
 * start_mt's lists (stealing as the kernel decides); false if none.
 */
bool __rmqueue_fallback(struct mm_state *mm, struct zone *zone,
			unsigned int order, enum migratetype start_mt,
			unsigned int alloc_flags);

/*
 * mm/page_alloc.c: __rmqueue - own type first, then fall back.  Inline:
 * every block a pcp refill or a buddy allocation takes comes through it.
 */
static inline unsigned long __rmqueue(struct mm_state *mm, struct zone *zone,
				      unsigned int order, enum migratetype mt,
				      unsigned int alloc_flags)
{
	unsigned long pfn;

retry:
	pfn = __rmqueue_smallest(mm, zone, order, mt);
	if (pfn == PFN_NONE && mt < MIGRATE_PCPTYPES &&
	    __rmqueue_fallback(mm, zone, order, mt, alloc_flags))
		goto retry;
	return pfn;
}

/* --- allocated blocks --- */

/* pageblock_account's general case (page_owner.c). */
void pageblock_account_slow(struct mm_state *mm, unsigned long pfn,
			    unsigned int order, enum migratetype mt, int delta);

/*
 * Count 2^order pages allocated for migratetype mt at pfn (delta +1) or
 * no longer (delta -1) in their pageblocks, keeping each zone's nr_mixed.
 * Compaction's isolated targets are not counted.
 */
static inline void pageblock_account(struct mm_state *mm, unsigned long pfn,
				     unsigned int order, enum migratetype mt,
				     int delta)
{
	unsigned long pages = 1UL << order;

	assert(mt < 3);
	/*
	 * Inline for every allocation and free: a block inside one
	 * pageblock, allocated for the block's own type or leaving its
	 * type's count above zero, cannot change whether the pageblock is
	 * mixed, so only the count moves.
	 */
	if (pfn + pages - pageblock_start_pfn(pfn) <= pageblock_nr_pages) {
		struct pageblock *pb = pageblock_of(&mm->memmap, pfn);
		unsigned int count = pageblock_alloc_count(pb, mt);

		if (mt == (pb->flags & PB_MIGRATETYPE_MASK) ||
		    (count && (delta > 0 || count > pages))) {
			assert(delta > 0 || count >= pages);
			/* one field moves; the others cannot carry into it */
			pb->alloc += (uint32_t)(delta * (long)pages)
				     << (PB_ALLOC_BITS * mt);
			return;
		}
	}
	pageblock_account_slow(mm, pfn, order, mt, delta);
}

/*
 * Migration's last step: the owner of the allocated block at src takes the
 * frames of dst (a block of the same order allocated or isolated for it,
 * whose placeholder record goes); src's frames are left unowned for the
 * caller to free.  The owner's record, and so its block_ref, stays; a
 * block on a reclaim list goes back at its young end (migrate_pages'
 * putback_lru_page of the new page).  A bare block stays bare unless it
 * is on a reclaim list.
 */
void page_block_move(struct mm_state *mm, unsigned long src, unsigned long dst);

/* Give the block at pfn (its frames tails, in no list) an owner record. */
void page_block_commit(struct mm_state *mm, unsigned long pfn,
		       unsigned int order, enum migratetype mt,
		       enum owner_kind kind);

/* Drop the owner record of the allocated block at pfn (frame -> tail). */
void page_block_release(struct mm_state *mm, unsigned long pfn);

/*
 * mm/page_alloc.c: free_the_page - free a block that has no owner any more
 * (its frames are tails): through the pcp lists for the orders they hold,
 * else straight to the buddy with the pageblock's type.
 */
void free_the_page(struct mm_state *mm, unsigned long pfn, unsigned int order,
		   int cpu);

/*
 * The order of the allocated block headed by pfn, from the memmap alone: a
 * block of order >= 1 keeps its order in the tail word after its head; an
 * order-0 block is followed by another block's head.
 */
static inline unsigned int allocated_order(const struct mm_state *mm,
					   unsigned long pfn)
{
	uint32_t next;

	if (__builtin_expect(pfn + 1 >= mm->memmap.end_pfn, 0))
		return 0;
	next = *frame_word(&mm->memmap, pfn + 1);
	/* A select rather than a branch: freed orders come in any mix. */
	return next >> FRAME_TYPE_SHIFT == FRAME_TAIL ?
	       next & FRAME_INDEX_MASK : 0;
}

/*
 * The order of the block headed by pfn, whose frame type is t: free, on a
 * pcp list or allocated; 0 for a tail or a reserved frame.
 */
static inline unsigned int head_order(const struct mm_state *mm,
				      unsigned long pfn, enum frame_type t)
{
	switch (t) {
	case FRAME_BUDDY:
	case FRAME_PCP:
		return buddy_block(mm, pfn)->order;
	case FRAME_ALLOC:
	case FRAME_BARE:
		return allocated_order(mm, pfn);
	default:
		return 0;
	}
}

/*
 * The block that holds pfn: its frame type, head and order.  Blocks are
 * naturally aligned, so a tail's head is the nearest aligned-down pfn
 * heading a block large enough to reach it; a tail no block reaches is
 * returned as FRAME_TAIL with itself as head and order 0.
 */
enum frame_type block_of(const struct mm_state *mm, unsigned long pfn,
			 unsigned long *head, unsigned int *order);

/*
 * Bare blocks.  An allocated block can be kept in its head's frame word
 * alone (FRAME_BARE), as the snapshot import keeps every block it reads: a
 * fragmented 1 TiB dump holds about a hundred million, whose records would
 * take 3 GiB.  The word's index holds the owner kind, the request's
 * migratetype and the reclaim list the block is on (the list's bare part,
 * vmscan.h); its order is in the memmap as for every allocated block.
 * Nobody holds a bare block: the engine, hugetlb and migration ask for a
 * record (page_block_record) when they need to name it or move it on its
 * reclaim list.
 */
#define BARE_KIND_MASK		0xfU	/* enum owner_kind */
#define BARE_MT_SHIFT		4	/* the request's migratetype, 2 bits */
#define BARE_LRU_SHIFT		6	/* enum reclaim_list + 1, or 0: none */

static inline uint32_t bare_word(enum owner_kind kind, enum migratetype mt,
				 unsigned int lru)
{
	return (uint32_t)kind | (uint32_t)mt << BARE_MT_SHIFT |
	       lru << BARE_LRU_SHIFT;
}

/* The reclaim list + 1 a bare block at pfn is on, or 0. */
static inline unsigned int bare_lru(const struct mm_state *mm,
				    unsigned long pfn)
{
	return frame_index(&mm->memmap, pfn) >> BARE_LRU_SHIFT & 3;
}

/* Say which reclaim list (+ 1, or 0: none) the bare block at pfn is on. */
static inline void bare_set_lru(const struct mm_state *mm, unsigned long pfn,
				unsigned int lru)
{
	uint32_t index = frame_index(&mm->memmap, pfn);

	set_frame(&mm->memmap, pfn, FRAME_BARE,
		  (index & ~(3U << BARE_LRU_SHIFT)) | lru << BARE_LRU_SHIFT);
}

/* The owner kind of the allocated block headed by pfn, bare or not. */
static inline enum owner_kind allocated_kind(const struct mm_state *mm,
					     unsigned long pfn)
{
	uint32_t index = frame_index(&mm->memmap, pfn);

	if (frame_type(&mm->memmap, pfn) == FRAME_BARE)
		return (enum owner_kind)(index & BARE_KIND_MASK);
	return (enum owner_kind)mm->blocks[index].kind;
}

/* The request migratetype of the allocated block headed by pfn. */
static inline enum migratetype allocated_migratetype(const struct mm_state *mm,
						     unsigned long pfn)
{
	uint32_t index = frame_index(&mm->memmap, pfn);

	if (frame_type(&mm->memmap, pfn) == FRAME_BARE)
		return (enum migratetype)(index >> BARE_MT_SHIFT & 3);
	return (enum migratetype)mm->blocks[index].migratetype;
}

/*
 * Give the block at pfn (its frames tails, in no list) an owner kept in
 * the memmap alone; a reclaimable one joins its list's bare part, which
 * is older than every record on the list.  Only the snapshot import makes
 * bare blocks, before anything else is on a reclaim list.
 */
void page_block_commit_bare(struct mm_state *mm, unsigned long pfn,
			    unsigned int order, enum migratetype mt,
			    enum owner_kind kind);

/*
 * The record of the allocated block at pfn: a bare block is given one,
 * and if it was on a reclaim list it goes to the list's young end, as
 * every caller that needs a record for such a block then puts it.
 * Returns the record's index.
 */
uint32_t page_block_record(struct mm_state *mm, unsigned long pfn);

/* --- watermark.c --- */

/* alloc_flags (mm/internal.h, 6.1.116+ semantics) */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM		0x08
#define ALLOC_NON_BLOCK		0x10
#define ALLOC_MIN_RESERVE	0x20
#define ALLOC_CPUSET		0x40
#define ALLOC_CMA		0x80
#define ALLOC_HIGHATOMIC	0x200
#define ALLOC_RESERVES	(ALLOC_NON_BLOCK | ALLOC_MIN_RESERVE | ALLOC_HIGHATOMIC | ALLOC_OOM)

/*
 * mm/page_alloc.c: init_per_zone_wmark_min and, with THP, khugepaged's
 * set_recommended_min_free_kbytes: min_free_kbytes, every zone's
 * watermarks and lowmem_reserve, and the pcp high/batch values.
 */
void init_per_zone_wmark_min(struct mm_state *mm);

/* mm/page_alloc.c: setup_per_zone_wmarks (after a sysctl write) */
void setup_per_zone_wmarks(struct mm_state *mm);

/* mm/page_alloc.c: setup_per_zone_lowmem_reserve */
void setup_per_zone_lowmem_reserve(struct mm_state *mm);

/* mm/page_alloc.c: __zone_watermark_ok */
bool __zone_watermark_ok(const struct zone *z, unsigned int order,
			 unsigned long mark, int highest_zoneidx,
			 unsigned int alloc_flags, long free_pages);

/* mm/page_alloc.c: zone_watermark_ok, with the zone's free page count */
bool zone_watermark_ok(const struct zone *z, unsigned int order,
		       unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags);

/* mm/page_alloc.c: boost_watermark; true if the zone's boost changed */
bool boost_watermark(struct mm_state *mm, struct zone *zone);

/*
 * mm/page_alloc.c: nr_free_zone_pages - managed pages above the high
 * watermark in the boot CPU's zonelist, zones up to offset.
 */
unsigned long nr_free_zone_pages(const struct mm_state *mm, int offset);

/* mm/page_alloc.c: nr_free_buffer_pages */
unsigned long nr_free_buffer_pages(const struct mm_state *mm);

/* --- pcp.c: the per-cpu page lists --- */

/* mm/page_alloc.c: zone_pcp_update for every zone (high and batch) */
void zone_pcp_update_all(struct mm_state *mm);

/* mm/page_alloc.c: rmqueue_pcplist; the head pfn or PFN_NONE */
unsigned long rmqueue_pcplist(struct mm_state *mm, struct zone *zone,
			      unsigned int order, enum migratetype mt,
			      unsigned int alloc_flags, int cpu);

/* mm/page_alloc.c: free_unref_page - a freed block goes to a pcp list */
void free_unref_page(struct mm_state *mm, struct zone *zone,
		     unsigned long pfn, unsigned int order, int cpu);

/* mm/page_alloc.c: drain_pages_zone - one CPU's lists of one zone */
void drain_pages_zone(struct mm_state *mm, struct zone *zone, int cpu);

static inline bool pcp_allowed_order(unsigned int order)
{
	/* One test of a mask of the orders, not two branches on a random
	 * order: 0..PAGE_ALLOC_COSTLY_ORDER and pageblock_order. */
	const unsigned int orders = ((1u << (PAGE_ALLOC_COSTLY_ORDER + 1)) - 1) |
				    1u << pageblock_order;

	return order < 32 && (orders >> order & 1);
}

#endif
