/*
 * buddy.c - the buddy allocator's free lists: taking the smallest suitable
 * block and splitting it, and freeing with merging (mm/page_alloc.c).
 *
 * A free list is a doubly linked list of struct free_block nodes kept in a
 * pool; a free block's head frame holds its node's index.  List positions
 * matter: the kernel takes from the head, and where a freed block goes
 * (head or tail) decides which block the next request gets.
 */
#include <assert.h>

#include "mm/compaction.h"
#include "mm/internal.h"

uint32_t free_block_alloc_new(struct mm_state *mm)
{
	/* a node per free or pcp block: never more than frames */
	assert(mm->free_blocks_used < mm->free_blocks_cap);
	return mm->free_blocks_used++;
}

void free_list_rotate(struct mm_state *mm, struct free_list *list,
		      uint32_t new_head)
{
	struct free_block *nb = &mm->free_blocks[new_head];
	uint32_t before = nb->prev;

	if (before == NIL)
		return;		/* already first */
	mm->free_blocks[list->tail].next = list->head;
	mm->free_blocks[list->head].prev = list->tail;
	mm->free_blocks[before].next = NIL;
	nb->prev = NIL;
	list->head = new_head;
	list->tail = before;
}

/*
 * mm/page_alloc.c: add_to_free_list / add_to_free_list_tail, with
 * set_buddy_order: pfn becomes the head of a free block of order.  Inline:
 * every split and every free that reaches the buddy.
 */
static inline void add_to_free_list(struct mm_state *mm, struct zone *zone,
				    unsigned long pfn, unsigned int order,
				    enum migratetype mt, bool tail)
{
	uint32_t idx = free_block_alloc(mm);
	struct free_block *b = &mm->free_blocks[idx];

	b->frame = (uint32_t)(pfn - mm->memmap.base_pfn);
	b->order = (uint8_t)order;
	b->migratetype = (uint8_t)mt;
	free_list_link(mm, &zone->free_area[order].free_list[mt], idx, tail);
	zone->free_area[order].nr_free++;
	set_frame(&mm->memmap, pfn, FRAME_BUDDY, idx);
}

/*
 * mm/page_alloc.c: del_page_from_free_list, for the block at pfn whose
 * list node is idx; the head becomes a tail.  Inline: every block taken
 * from or merged on the buddy lists.
 */
static inline void __del_page_from_free_list(struct mm_state *mm,
					     struct zone *zone,
					     unsigned long pfn, uint32_t idx)
{
	struct free_block *b = &mm->free_blocks[idx];

	free_list_unlink(mm, &zone->free_area[b->order].free_list[b->migratetype],
		    idx);
	zone->free_area[b->order].nr_free--;
	set_frame(&mm->memmap, pfn, FRAME_TAIL, 0);
	free_block_release(mm, idx);
}

/* mm/page_alloc.c: del_page_from_free_list; the head becomes a tail. */
static void del_page_from_free_list(struct mm_state *mm, struct zone *zone,
				    unsigned long pfn)
{
	__del_page_from_free_list(mm, zone, pfn, frame_index(&mm->memmap, pfn));
}

void move_to_free_list(struct mm_state *mm, struct zone *zone,
		       unsigned long pfn, enum migratetype mt)
{
	uint32_t idx = frame_index(&mm->memmap, pfn);
	struct free_block *b = &mm->free_blocks[idx];
	struct free_area *area = &zone->free_area[b->order];

	free_list_unlink(mm, &area->free_list[b->migratetype], idx);
	b->migratetype = (uint8_t)mt;
	free_list_link(mm, &area->free_list[mt], idx, true);
}

/*
 * mm/page_alloc.c: expand - split a block of order high down to low,
 * putting each upper half at the head of mt's list of its order.
 */
static void expand(struct mm_state *mm, struct zone *zone, unsigned long pfn,
		   unsigned int low, unsigned int high, enum migratetype mt)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		/* VM_BUG_ON_PAGE(bad_range(zone, &page[size])) */
		assert(pfn + size >= zone->zone_start_pfn &&
		       pfn + size < zone_end_pfn(zone));
		add_to_free_list(mm, zone, pfn + size, high, mt, false);
	}
}

unsigned long __rmqueue_smallest(struct mm_state *mm, struct zone *zone,
				 unsigned int order, enum migratetype mt)
{
	for (unsigned int cur = order; cur < MAX_ORDER; cur++) {
		uint32_t idx = zone->free_area[cur].free_list[mt].head;
		unsigned long pfn;

		if (idx == NIL)
			continue;
		pfn = free_block_pfn(mm, &mm->free_blocks[idx]);
		/* the list gave the node: no need to read the memmap for it */
		__del_page_from_free_list(mm, zone, pfn, idx);
		expand(mm, zone, pfn, order, cur, mt);
		return pfn;
	}
	return PFN_NONE;
}

/*
 * mm/page_alloc.c: page_is_buddy - buddy_pfn heads a free block of order
 * in the same zone.
 */
static bool page_is_buddy(const struct mm_state *mm, const struct zone *zone,
			  unsigned long buddy_pfn, unsigned int order)
{
	if (buddy_pfn < zone->zone_start_pfn || buddy_pfn >= zone_end_pfn(zone))
		return false;
	if (!PageBuddy(mm, buddy_pfn))
		return false;
	return buddy_block(mm, buddy_pfn)->order == order;
}

/* mm/page_alloc.c: migratetype_is_mergeable */
static bool migratetype_is_mergeable(enum migratetype mt)
{
	return mt < MIGRATE_PCPTYPES;
}

/*
 * mm/page_alloc.c: buddy_merge_likely - a block whose parent's buddy is
 * free will probably merge soon, so it goes to the tail of its list where
 * it is less likely to be allocated first.
 */
static bool buddy_merge_likely(const struct mm_state *mm,
			       const struct zone *zone, unsigned long pfn,
			       unsigned long buddy_pfn, unsigned int order)
{
	unsigned long higher_pfn;

	if (order >= MAX_ORDER - 2)
		return false;
	higher_pfn = buddy_pfn & pfn;
	return page_is_buddy(mm, zone, higher_pfn ^ (1UL << (order + 1)),
			     order + 1);
}

/*
 * mm/page_alloc.c: task_capc - the running task's capture, if it compacts
 * this zone and has not captured yet (kcompactd, a kernel thread, never
 * sets one).
 */
static inline struct capture_control *task_capc(const struct mm_state *mm,
						const struct zone *zone)
{
	struct capture_control *capc = mm->capture_control;

	return capc && capc->pfn == PFN_NONE && capc->cc->zone == zone ?
	       capc : NULL;
}

/*
 * mm/page_alloc.c: compaction_capture - a block of the compaction's order
 * is the requester's, unless it is isolated or (below a pageblock) movable:
 * a small unmovable request must not pollute a movable block.
 */
static bool compaction_capture(struct capture_control *capc,
			       unsigned long pfn, unsigned int order,
			       enum migratetype mt)
{
	if (!capc || (int)order != capc->cc->order)
		return false;
	if (mt == MIGRATE_ISOLATE)	/* no CMA in the model */
		return false;
	if (order < pageblock_order && mt == MIGRATE_MOVABLE)
		return false;
	capc->pfn = pfn;
	return true;
}

void __free_one_page(struct mm_state *mm, struct zone *zone,
		     unsigned long pfn, unsigned int order,
		     enum migratetype mt, int fpi_flags)
{
	struct capture_control *capc = task_capc(mm, zone);
	unsigned long buddy_pfn = 0;
	bool to_tail;

	/* VM_BUG_ON_PAGEs: aligned, and in this zone */
	assert(!(pfn & ((1UL << order) - 1)));
	assert(pfn >= zone->zone_start_pfn && pfn < zone_end_pfn(zone));
	if (mt != MIGRATE_ISOLATE)
		zone->nr_free_pages += 1UL << order;

	while (order < MAX_ORDER - 1) {
		if (compaction_capture(capc, pfn, order, mt)) {
			/* the block is in the requester's hands, off the lists */
			zone->nr_free_pages -= 1UL << order;
			set_frame(&mm->memmap, pfn, FRAME_TAIL, 0);
			return;
		}
		buddy_pfn = pfn ^ (1UL << order);
		if (!page_is_buddy(mm, zone, buddy_pfn, order))
			break;
		/* No merging across pageblocks of unmergeable types. */
		if (order >= pageblock_order) {
			enum migratetype buddy_mt =
				get_pageblock_migratetype(&mm->memmap, buddy_pfn);

			if (mt != buddy_mt && (!migratetype_is_mergeable(mt) ||
					       !migratetype_is_mergeable(buddy_mt)))
				break;
		}
		del_page_from_free_list(mm, zone, buddy_pfn);
		set_frame(&mm->memmap, pfn, FRAME_TAIL, 0);
		pfn &= buddy_pfn;
		order++;
	}

	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(mm, zone, pfn, buddy_pfn, order);
	add_to_free_list(mm, zone, pfn, order, mt, to_tail);
}

void buddy_take(struct mm_state *mm, struct zone *zone, unsigned long pfn)
{
	del_page_from_free_list(mm, zone, pfn);
}

/* compound_head(pfn_to_page(pfn)), with the block's type and order */
enum frame_type block_of(const struct mm_state *mm, unsigned long pfn,
			 unsigned long *head, unsigned int *order)
{
	enum frame_type t = frame_type(&mm->memmap, pfn);

	*head = pfn;
	*order = head_order(mm, pfn, t);
	if (t != FRAME_TAIL)
		return t;
	for (unsigned int o = 1; o < MAX_ORDER; o++) {
		unsigned long h = pfn & ~((1UL << o) - 1);
		enum frame_type ht;

		if (!memmap_covers(&mm->memmap, h))
			break;
		ht = frame_type(&mm->memmap, h);
		if (ht == FRAME_TAIL)
			continue;
		if (head_order(mm, h, ht) < o)
			break;
		*head = h;
		*order = head_order(mm, h, ht);
		return ht;
	}
	return FRAME_TAIL;
}
