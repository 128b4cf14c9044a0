/*
 * page_alloc.h - the simulated kernel's physical memory: every node and
 * zone, every page frame, the buddy free lists, pageblock types and the
 * blocks handed out (mm/page_alloc.c, Linux 6.1).
 *
 * This is the module's whole interface for the rest of fragsim; the
 * allocator's internals (free-list nodes, fallback, pcp lists, watermarks,
 * allocated-block records) are in mm/internal.h, for mm/ alone.  They are
 * split by kernel concept: buddy.c (free lists, splitting and merging),
 * fallback.c (stealing from other migratetypes), pcp.c, watermark.c,
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
#include "mm/printk.h"
#include "mm/sysctl.h"
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
	OWNER_RAMFS,		/* ramfs page cache: on the unevictable LRU,
				 * isolated by sync compaction, never migrated
				 * (ram_aops: no migrate_folio, no writepage) */
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
	return owner_kind_movable(kind) || kind == OWNER_PINNED ||
	       kind == OWNER_RAMFS;
}

/* True if reclaim may drop a block of this kind (checked on every commit). */
static inline bool owner_kind_reclaimable(enum owner_kind kind)
{
	return kind == OWNER_PAGECACHE || kind == OWNER_SLAB_RECLAIMABLE;
}

/*
 * An allocated block.  Its order is also kept in the memmap (allocated_order)
 * so that freeing does not have to touch the record.
 *
 * 16 bytes, four to a cache line and never across two: a 1 TiB machine
 * holds a record for each of up to ~150 million allocated blocks, and a
 * free reads its block's record cold.  The small fields share one word
 * with the pfn, which needs PFN_BITS at most; a reclaimable block's links
 * on its reclaim list are kept beside, in mm_state.blocks_lru, which only
 * reclaim and the blocks on its lists touch.
 */
struct page_block {
	uint64_t pfn : PFN_BITS;
	uint64_t order : 4;
	uint64_t kind : 4;		/* enum owner_kind */
	uint64_t migratetype : 2;	/* the request's migratetype */
	uint64_t lru : 2;		/* enum reclaim_list + 1 it is on, or 0 */
	/*
	 * Kept for the allocator's caller, beside what it touches anyway: the
	 * engine's generator holding the block (BLOCK_NO_HOLDER: none, as
	 * every new record starts) and its place in that generator's list
	 * (with no holder, the engine may note there what still maps it).
	 */
	uint64_t holder : 16;
	/*
	 * Bumped each time the record is released, so that a holder of
	 * (index, gen) can tell its block from a later one reusing the
	 * record (the engine's pending frees, reclaim's LRU).
	 */
	uint32_t gen;
	uint32_t holder_slot;
};
_Static_assert(sizeof(struct page_block) == 16, "a block record is 16 bytes");
_Static_assert(MAX_ORDER <= 16 && NR_OWNER_KINDS <= 16 &&
	       MIGRATE_PCPTYPES <= 4 && NR_RECLAIM_LISTS + 1 <= 4,
	       "the record's small fields hold their values");

/* A record's links on its reclaim list: index + 1 of its neighbours, 0: none. */
struct page_block_lru {
	uint32_t prev, next;
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
	/* kswapd_try_to_sleep: woken in its nap; not balanced after it */
	KSWAPD_LOW_WMARK_HIT_QUICKLY,
	KSWAPD_HIGH_WMARK_HIT_QUICKLY,
	NR_VM_EVENT_ITEMS
};

extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

struct mm_state {
	struct zone_layout layout;	/* nodes and zones */
	struct vm_sysctl sysctl;
	int nr_cpus;
	unsigned int hz;		/* CONFIG_HZ: the daemons' timers */
	int cpu_to_node[MAX_NR_CPUS];
	unsigned long vm_events[NR_VM_EVENT_ITEMS];
	unsigned long totalreserve_pages;
	struct memmap memmap;
	struct free_block *free_blocks;	/* free-list node pool */
	uint32_t free_blocks_cap, free_blocks_used, free_blocks_unused;
	struct page_block *blocks;	/* allocated-block records */
	struct page_block_lru *blocks_lru;	/* by record, as blocks */
	uint32_t blocks_cap, blocks_used;
	/*
	 * Released records, last released first, linked through their
	 * holder_slot (which only a held record uses): index + 1 of the
	 * first, 0 for none.  In the records themselves, so that the pool
	 * costs nothing beyond them (a 1 TiB run releases ~100 million).
	 */
	uint32_t blocks_unused;
	size_t nr_blocks_unused;
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
	/* The pfns [trace_pfn_lo, trace_pfn_hi) whose pages' allocations
	 * and frees are traced too (kmem:mm_page_alloc, mm_page_free,
	 * mm_page_pcpu_drain, filtered on pfn as a capture's are); none
	 * while trace_pfn_hi is 0. */
	unsigned long trace_pfn_lo, trace_pfn_hi;
	/* warn_alloc's nopage_rs: messages printed, the last one's time */
	unsigned int nr_failure_msgs;
	uint64_t failure_msg_ns;
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
	/*
	 * Whether the process mapping block b (its record's holder and
	 * holder_slot: the engine's) runs now on a CPU other than cpu, so
	 * that unmapping its page flushes that CPU's TLB by IPI; NULL: not
	 * asked (the engine asks only when the shootdowns have a cost).
	 */
	bool (*runs_elsewhere)(void *ctx, const struct page_block *b, int cpu);
	void *runs_elsewhere_ctx;
	/*
	 * Whether a kernel operation's writer keeps cpu busy now, so that a
	 * waking daemon goes elsewhere (daemon_cpu); NULL: every CPU idle.
	 */
	bool (*cpu_busy)(void *ctx, int cpu);
	void *cpu_busy_ctx;
	unsigned long nr_tlb_shootdowns;	/* migrations' IPIs, all told */
	/* free-list entries the fast search looked at, all told (counted in
	 * compact_free_scanned too, beside the pages it isolated) */
	unsigned long nr_freelist_scanned;
	/* The tasks the OOM killer may kill (oom_kill.h), or NULL. */
	struct oom_tasks *oom;
	/*
	 * current->capture_control: set by a direct compaction only while its
	 * own task runs (compaction.c), so that only its own frees are
	 * captured; NULL otherwise.
	 */
	struct capture_control *capture_control;
	/* out_of_memory found nothing to kill: the kernel panics there; said
	 * once, and the engine ends the run (sim.c) */
	bool warned_no_oom_victim;
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

/* --- what the rest of fragsim uses of the allocator's parts --- */

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

/* include/linux/mm.h: totalram_pages - managed pages of every zone */
unsigned long totalram_pages(const struct mm_state *mm);

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

/*
 * The CPU a node's kernel threads (kswapd, kcompactd) run on: its first.
 * The kernel lets the scheduler choose; fragsim needs one CPU for the pcp
 * lists their frees go to.
 */
static inline int node_cpu(const struct mm_state *mm, int nid)
{
	for (int cpu = 0; cpu < mm->nr_cpus; cpu++)
		if (mm->cpu_to_node[cpu] == nid)
			return cpu;
	return 0;
}

/*
 * kernel/sched/fair.c: select_idle_sibling - the CPU a kthread of node
 * nid runs its next step on: its previous one (prev, -1 before its first
 * run: the node's first CPU) while that is idle, else an idle CPU of its
 * node, else the previous one.  kswapd and kcompactd free onto that CPU's
 * pcp lists, so beside a busy writer they leave its lists alone.
 */
static inline int daemon_cpu(const struct mm_state *mm, int nid, int prev)
{
	if (prev < 0)
		prev = node_cpu(mm, nid);
	if (!mm->cpu_busy || !mm->cpu_busy(mm->cpu_busy_ctx, prev))
		return prev;
	for (int cpu = 0; cpu < mm->nr_cpus; cpu++)
		if (mm->cpu_to_node[cpu] == nid &&
		    !mm->cpu_busy(mm->cpu_busy_ctx, cpu))
			return cpu;
	return prev;
}

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
