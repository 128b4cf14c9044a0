/*
 * page_alloc.h - the simulated kernel's physical memory: every node and
 * zone, every page frame, the buddy free lists, pageblock types and the
 * blocks handed out (mm/page_alloc.c, Linux 6.1).
 *
 * This is the module's whole interface for the rest of fragsim.  The
 * allocator's internals are split by kernel concept: buddy.c (free lists,
 * splitting and merging), fallback.c (stealing from other migratetypes),
 * mm_init.c (the boot-time state), invariants.c (a from-scratch recount).
 */
#ifndef FRAGSIM_MM_PAGE_ALLOC_H
#define FRAGSIM_MM_PAGE_ALLOC_H

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>

#include "mm/gfp.h"
#include "mm/kcompactd.h"
#include "mm/machine.h"
#include "mm/memmap.h"
#include "mm/sysctl.h"
#include "mm/printk.h"
#include "mm/vmscan.h"
#include "mm/zone_layout.h"

#define PFN_NONE	(~0UL)
#define MAX_NR_CPUS	256
#define NIL		UINT32_MAX

/*
 * A node of a free list: one free block (struct page's lru and private).
 * Its head is kept as a frame number (pfn - memmap.base_pfn) so that a
 * node is 16 bytes: a fragmented 1 TiB machine has tens of millions.
 */
struct free_block {
	uint32_t frame;		/* the head: free_block_pfn() */
	uint32_t prev;
	uint32_t next;
	uint8_t order;
	uint8_t migratetype;	/* the list it is on */
	uint8_t pcp_mt;		/* on a pcp list: get_pcppage_migratetype */
};
_Static_assert(sizeof(struct free_block) == 16, "a free-list node is 16 bytes");

/*
 * Who owns an allocated block: decides whether compaction can migrate it
 * and reclaim can drop it.
 */
enum owner_kind {
	OWNER_ANON,		/* anonymous memory: movable */
	OWNER_PAGECACHE,	/* page cache: movable, reclaimable */
	OWNER_SLAB_UNMOVABLE,	/* slab: unmovable */
	OWNER_SLAB_RECLAIMABLE,	/* SLAB_RECLAIM_ACCOUNT slab: reclaimable */
	OWNER_PAGETABLE,	/* page tables: unmovable */
	OWNER_KSTACK,		/* kernel stacks: unmovable */
	OWNER_THP,		/* transparent huge page: movable */
	OWNER_HUGETLB,		/* hugetlb pool page: movable, not reclaimed */
	OWNER_PINNED,		/* long-term pinned (GUP): cannot move */
	OWNER_KERNEL,		/* other kernel allocation: unmovable */
	OWNER_ISOLATED,		/* a free page compaction isolated as a target */
	NR_OWNER_KINDS
};

extern const char *const owner_kind_names[NR_OWNER_KINDS];

/* True if compaction may migrate a block of this kind. */
static inline bool owner_kind_movable(enum owner_kind kind)
{
	return kind == OWNER_ANON || kind == OWNER_PAGECACHE ||
	       kind == OWNER_THP || kind == OWNER_HUGETLB;
}

/*
 * True if the kernel would see the block's pages as PageLRU or
 * __PageMovable (move_freepages counts these as movable): movable kinds,
 * and pinned pages, which stay on the LRU although they cannot move.
 */
static inline bool owner_kind_lru(enum owner_kind kind)
{
	return owner_kind_movable(kind) || kind == OWNER_PINNED;
}

/* True if reclaim may drop a block of this kind (checked on every commit). */
static inline bool owner_kind_reclaimable(enum owner_kind kind)
{
	return kind == OWNER_PAGECACHE || kind == OWNER_SLAB_RECLAIMABLE;
}

/*
 * An allocated block.  Its order is also kept in the memmap (allocated_order)
 * so that freeing does not have to touch the record.
 */
struct page_block {
	unsigned long pfn;
	uint8_t order;
	uint8_t kind;		/* enum owner_kind */
	uint8_t migratetype;	/* the request's migratetype */
	uint8_t lru;		/* enum reclaim_list + 1 it is on, or 0 */
	/*
	 * Bumped each time the record is released, so that a holder of
	 * (index, gen) can tell its block from a later one reusing the
	 * record (the engine's pending frees, reclaim's LRU).
	 */
	uint32_t gen;
	uint32_t lru_prev, lru_next;	/* index + 1 on the lru list, 0: none */
	/*
	 * Kept for the allocator's caller, beside what it touches anyway: the
	 * engine's generator holding the block (BLOCK_NO_HOLDER: none, as
	 * every new record starts) and its place in that generator's list.
	 */
	uint32_t holder_slot;
	uint16_t holder;
};

#define BLOCK_NO_HOLDER	UINT16_MAX

/* A stable name for an allocated block: records survive migration. */
struct block_ref {
	uint32_t idx;
	uint32_t gen;
};


/* Counts of the kmem:mm_page_alloc_extfrag tracepoint. */
struct extfrag_stats {
	unsigned long events;
	unsigned long fragmenting;	/* fallback_order < pageblock_order */
	unsigned long change_ownership;	/* the pageblock was claimed */
};

/* The vm events fragsim counts, named as /proc/vmstat names them. */
enum vm_event_item {
	PGALLOC_DMA,		/* pgalloc_<zone>: one per zone type */
	PGALLOC_DMA32,
	PGALLOC_NORMAL,
	PGALLOC_HIGH,
	PGALLOC_MOVABLE,
	PGALLOC_DEVICE,
	PGFREE,
	PGMIGRATE_SUCCESS,
	PGMIGRATE_FAIL,
	COMPACTMIGRATE_SCANNED,
	COMPACTFREE_SCANNED,
	COMPACTISOLATED,
	COMPACTSTALL,
	COMPACTFAIL,
	COMPACTSUCCESS,
	KCOMPACTD_WAKE,
	KCOMPACTD_MIGRATE_SCANNED,
	KCOMPACTD_FREE_SCANNED,
	COMPACTDEFERRED,	/* fragsim: zones skipped by compaction_deferred */
	ALLOCSTALL_SLOWPATH,	/* fragsim: requests that left the fast path */
	PGALLOC_FAIL,		/* fragsim: requests that failed */
	PGSCAN_KSWAPD,		/* LRU pages kswapd scanned */
	PGSCAN_DIRECT,
	PGSTEAL_KSWAPD,		/* LRU pages kswapd freed */
	PGSTEAL_DIRECT,
	PGSCAN_SKIP_DMA,	/* pgscan_skip_<zone>: above reclaim_idx */
	PGSCAN_SKIP_DMA32,
	PGSCAN_SKIP_NORMAL,
	PGSCAN_SKIP_HIGH,
	PGSCAN_SKIP_MOVABLE,
	PGSCAN_SKIP_DEVICE,
	ALLOCSTALL_DMA,		/* allocstall_<zone>: direct reclaim runs */
	ALLOCSTALL_DMA32,
	ALLOCSTALL_NORMAL,
	ALLOCSTALL_HIGH,
	ALLOCSTALL_MOVABLE,
	ALLOCSTALL_DEVICE,
	PAGEOUTRUN,		/* balance_pgdat runs */
	SLABS_SCANNED,
	DROP_PAGECACHE,
	DROP_SLAB,
	KSWAPD_WAKE,		/* fragsim: wakeup_kswapd woke it */
	KCOMPACTD_WAKE_PROACTIVE,	/* fragsim: the timer woke kcompactd */
	FRAGSIM_OFFLINE_ATTEMPT,	/* fragsim: memory offlining requests */
	FRAGSIM_OFFLINE_SUCCESS,
	FRAGSIM_ONLINE_ATTEMPT,		/* fragsim: memory onlining requests */
	FRAGSIM_ONLINE_SUCCESS,
	OOM_KILL,			/* tasks the OOM killer killed */
	NR_VM_EVENT_ITEMS
};

extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

struct mm_state {
	struct zone_layout layout;	/* nodes and zones */
	struct vm_sysctl sysctl;
	int nr_cpus;
	int cpu_to_node[MAX_NR_CPUS];
	unsigned long vm_events[NR_VM_EVENT_ITEMS];
	unsigned long totalreserve_pages;
	struct memmap memmap;
	struct free_block *free_blocks;	/* free-list node pool */
	uint32_t free_blocks_cap, free_blocks_used, free_blocks_unused;
	struct page_block *blocks;	/* allocated-block records */
	uint32_t blocks_cap, blocks_used;
	uint32_t *blocks_unused;	/* stack of released record indices */
	size_t nr_blocks_unused, blocks_unused_cap;
	bool page_group_by_mobility_disabled;
	struct extfrag_stats extfrag;
	/* Deferred struct page init: where each node's deferred part began. */
	unsigned long first_deferred_pfn[MAX_NUMNODES];
	struct printk_log *log;		/* the kernel's messages, or NULL */
	/* wake-ups of kswapd or kcompactd so far: a caller driving the
	 * daemons looks at their wake_pending flags only when this moved */
	unsigned long nr_daemon_wakes;
	/* tracepoints (mm/trace.h): event name and text, or NULL */
	void (*trace)(void *ctx, const char *event, const char *text);
	void *trace_ctx;
	unsigned int nr_failure_msgs;	/* warn_alloc's ratelimit */
	bool warned_max_order;		/* WARN_ON_ONCE */
	/* The reclaim and compaction daemons, per node. */
	struct kswapd_state kswapd[MAX_NUMNODES];
	struct kcompactd_state kcompactd[MAX_NUMNODES];
	/*
	 * Called for every block reclaim (or drop_caches) frees, just
	 * before it is freed: ref still names it.  It must not allocate or
	 * free blocks itself.
	 */
	void (*block_dropped)(void *ctx, struct block_ref ref);
	void *block_dropped_ctx;
	/* The tasks the OOM killer may kill (oom_kill.h), or NULL. */
	struct oom_tasks *oom;
	/*
	 * current->capture_control: set by a direct compaction only while its
	 * own task runs (compaction.c), so that only its own frees are
	 * captured; NULL otherwise.
	 */
	struct capture_control *capture_control;
	bool warned_no_oom_victim;	/* said once, where the kernel panics */
};

/* The block ref names, or NULL if it was freed since. */
static inline const struct page_block *block_ref_get(const struct mm_state *mm,
						     struct block_ref ref)
{
	const struct page_block *b;

	if (ref.idx >= mm->blocks_used)
		return NULL;
	b = &mm->blocks[ref.idx];
	return b->gen == ref.gen ? b : NULL;
}

/* FPI flags of __free_one_page. */
#define FPI_NONE	0x0
#define FPI_TO_TAIL	0x2

/*
 * Boot the machine: lay out its zones (printing the kernel's boot lines to
 * log), initialise the memmap and free every managed page as
 * memblock_free_all does.  Returns -1 after reporting bad input.
 */
int mm_init(struct mm_state *mm, const struct machine *m,
	    struct printk_log *log);

/*
 * The zone a pageblock is counted in (its first memory pfn's zone).  Inline
 * because every allocation and free looks it up.
 */
static inline struct zone *pageblock_zone(const struct mm_state *mm,
					  unsigned long pfn)
{
	uint16_t id = pageblock_of(&mm->memmap, pfn)->zone;

	if (id == NO_ZONE)
		return NULL;
	return (struct zone *)&mm->layout.node_data[id / MAX_NR_ZONES]
		.node_zones[id % MAX_NR_ZONES];
}

void mm_release(struct mm_state *mm);

/*
 * Write sysctls as a user would after boot (each one's handler runs:
 * watermarks, lowmem_reserve and pcp limits are recomputed).
 */
void mm_apply_sysctl(struct mm_state *mm, const struct vm_sysctl *s);

/*
 * page_zone's slow path: pfn lies in a pageblock whose first pfn is in
 * another zone (a zone boundary inside a pageblock); search every zone.
 */
struct zone *page_zone_span_search(const struct mm_state *mm,
				   unsigned long pfn);

/*
 * The zone that holds pfn, or NULL for a pfn outside every zone.  The
 * fast path (the pageblock's zone spans pfn) is inline: it runs on every
 * allocation and free.
 */
static inline struct zone *page_zone(const struct mm_state *mm,
				     unsigned long pfn)
{
	struct zone *zone;

	if (!memmap_covers(&mm->memmap, pfn))
		return NULL;
	zone = pageblock_zone(mm, pfn);
	if (!zone)
		return NULL;
	if (__builtin_expect(pfn >= zone->zone_start_pfn &&
			     pfn < zone_end_pfn(zone), 1))
		return zone;
	return page_zone_span_search(mm, pfn);
}

/* A zone by node and type. */
static inline struct zone *mm_zone(struct mm_state *mm, int nid,
				   enum zone_type t)
{
	return &mm->layout.node_data[nid].node_zones[t];
}

/*
 * mm/page_alloc.c: set_pageblock_migratetype (grouping-disabled aware);
 * keeps the zone's nr_pageblock counts.
 */
void set_pageblock_migratetype(struct mm_state *mm, unsigned long pfn,
			       enum migratetype mt);

/*
 * The order of the largest naturally aligned block that starts at start
 * and ends by end (at most MAX_ORDER - 1): how __free_pages_memory tiles
 * a range of free pages.
 */
static inline unsigned int aligned_block_order(unsigned long start,
					       unsigned long end)
{
	unsigned int order = MAX_ORDER - 1;

	if (start && (unsigned int)__builtin_ctzl(start) < order)
		order = (unsigned int)__builtin_ctzl(start);
	while (start + (1UL << order) > end)
		order--;
	return order;
}

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
	/* the next pop reads the new head, wherever it was released */
	if (mm->free_blocks_unused != NIL)
		__builtin_prefetch(&mm->free_blocks[mm->free_blocks_unused], 1);
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

/* mm/page_alloc.c: move_freepages_block, without counting movable pages */
void move_freepages_block_to(struct mm_state *mm, struct zone *zone,
			     unsigned long pfn, enum migratetype mt);

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

/*
 * Take a block of 2^order pages of migratetype mt from zone's buddy lists
 * and record its owner (rmqueue_buddy, without pcp or watermarks).
 * Returns the head pfn or PFN_NONE.
 */
unsigned long rmqueue_block(struct mm_state *mm, struct zone *zone,
			    unsigned int order, enum migratetype mt,
			    enum owner_kind kind, unsigned int alloc_flags);

/*
 * Free the allocated block whose head is pfn, back to the buddy lists with
 * its pageblock's type at free time (__free_pages_ok).
 */
void free_block(struct mm_state *mm, unsigned long pfn);

/*
 * The ref of the allocated block headed by pfn; a bare block is given a
 * record first (page_block_record).
 */
struct block_ref block_ref_of(struct mm_state *mm, unsigned long pfn);

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

/* include/linux/mm.h: totalram_pages - managed pages of every zone */
unsigned long totalram_pages(const struct mm_state *mm);

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

/* mm/page_alloc.c: drain_all_pages (zone NULL: every zone) */
void drain_all_pages(struct mm_state *mm, struct zone *zone);

/* Pages on the pcp lists of a zone, all CPUs. */
unsigned long zone_pcp_pages(const struct zone *zone, int nr_cpus);

/* node_state(nid, N_MEMORY): the node has managed memory */
static inline bool node_has_memory(const struct mm_state *mm, int nid)
{
	for (int t = 0; t < MAX_NR_ZONES; t++)
		if (mm->layout.node_data[nid].node_zones[t].managed_pages)
			return true;
	return false;
}

static inline bool pcp_allowed_order(unsigned int order)
{
	/* One test of a mask of the orders, not two branches on a random
	 * order: 0..PAGE_ALLOC_COSTLY_ORDER and pageblock_order. */
	const unsigned int orders = ((1u << (PAGE_ALLOC_COSTLY_ORDER + 1)) - 1) |
				    1u << pageblock_order;

	return order < 32 && (orders >> order & 1);
}

/* --- page_alloc.c: allocating and freeing --- */

/*
 * The result of one allocation request, for the caller's statistics.
 */
struct alloc_result {
	unsigned long pfn;		/* PFN_NONE on failure */
	struct block_ref ref;		/* the block's record (the struct page) */
	struct zone *zone;		/* where it came from */
	bool slowpath;			/* the fast path failed */
};

/*
 * mm/page_alloc.c: __alloc_pages - allocate 2^order pages for a request of
 * gfp flags running on cpu, recording kind as the owner.  The fast path
 * (get_page_from_freelist at the low watermark, ALLOC_NOFRAGMENT) is the
 * kernel's; the slow path retries at the min watermark with the reserves
 * gfp_to_alloc_flags grants, wakes kswapd, and runs direct reclaim and
 * compaction with the kernel's retry rules (no OOM killer: fails instead).
 * The zonelist is preferred_nid's: the running CPU's node, or another as
 * hugetlb's pool allocation and mempolicies ask.
 */
struct alloc_result __alloc_pages(struct mm_state *mm, gfp_t gfp,
				  unsigned int order, int preferred_nid,
				  int cpu, enum owner_kind kind);

/* include/linux/gfp.h: alloc_pages - from the running CPU's node */
static inline struct alloc_result alloc_pages(struct mm_state *mm, gfp_t gfp,
					      unsigned int order, int cpu,
					      enum owner_kind kind)
{
	return __alloc_pages(mm, gfp, order, mm->cpu_to_node[cpu], cpu, kind);
}

/*
 * mm/page_alloc.c: __free_pages - free the allocated block of order at pfn
 * whose record ref names.  The caller says what it frees, as the kernel's
 * callers pass their struct page and its order: nothing here waits for a
 * lookup (the memmap word is only written, the record is wanted last).
 */
void __free_pages(struct mm_state *mm, struct block_ref ref,
		  unsigned long pfn, unsigned int order, int cpu);

/*
 * mm/page_alloc.c: free_pages - free by address: the allocated block
 * headed by pfn, found through the memmap.
 */
void free_pages(struct mm_state *mm, unsigned long pfn, int cpu);

/* --- invariants.c --- */

/*
 * Recount everything from scratch and compare with the incremental state:
 * every frame of every zone is in exactly one free block, one allocated
 * block or reserved; nr_free and nr_free_pages equal the lists; blocks are
 * aligned and do not overlap.  Returns the number of problems found; each
 * is described on err (which may be NULL).
 */
int mm_check_invariants(const struct mm_state *mm, FILE *err);

#endif
