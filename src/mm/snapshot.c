/*
 * snapshot.c - the allocator state rebuilt from a per-frame dump
 * (/proc/kpageflags and /proc/kpagecount): boot as mm_init does, empty
 * the free lists, then give each frame its state from the dump, one
 * MAX_ORDER block at a time.  doc/snapshot.md explains every mapping.
 */
#include <stdlib.h>
#include <string.h>

#include "mm/internal.h"
#include "mm/snapshot.h"
#include "util/xalloc.h"

/* Frames read from the source at a time: a multiple of a MAX_ORDER block. */
#define READ_FRAMES	(64 * MAX_ORDER_NR_PAGES)

/* Frames handled together: no free block or buddy merge crosses one. */
#define CHUNK		MAX_ORDER_NR_PAGES
#define CHUNK_BLOCKS	(CHUNK / pageblock_nr_pages)

/* What a frame is, before pageblock types are known. */
enum frame_class {
	FC_UNMANAGED,	/* reserved, a hole, offline or poisoned */
	FC_FREE,	/* BUDDY: inside a free buddy block */
	FC_BARE,	/* no flag, not mapped: on a pcp list, or kernel memory */
	FC_HEAD,	/* the first page of an allocated block */
	FC_TAIL,	/* a later page of an allocated block */
};

/* A frame's class, and for a head its block's owner and order. */
struct frame_info {
	uint8_t cls;
	uint8_t kind;		/* enum owner_kind */
	uint8_t mt;		/* the request's migratetype (slab: decided later) */
	uint8_t order;
	bool slab;
};

/* Allocated pages of one pageblock by what their owner tells. */
struct block_tally {
	unsigned int unmovable;	/* unmovable requests other than slab */
	unsigned int slab;
	unsigned int movable;
	unsigned int bare;
};

struct importer {
	struct mm_state *mm;
	struct snapshot_stats *st;
	uint64_t *flags, *count;
	size_t buf_len, buf_pos;	/* entries buffered, entries used */
	const struct snapshot_source *src;
	bool src_ended;
	bool in_giant;		/* the last chunk ended inside a gigantic page */
	int next_cpu;			/* the pcp list to fill next */
	struct frame_info fi[CHUNK];
	enum migratetype block_mt[CHUNK_BLOCKS];
};

/* Flags that say nothing about who owns a page. */
#define KPF_NEUTRAL	(KPF(LOCKED) | KPF(REFERENCED) | KPF(ACTIVE) | \
			 KPF(IDLE) | KPF(ARCH) | KPF(ARCH_2) | KPF(SOFTDIRTY) | \
			 KPF(ERROR) | KPF(RECLAIM) | KPF(UNCACHED))

/* Flags of user memory: anonymous or page cache. */
#define KPF_USER	(KPF(LRU) | KPF(MMAP) | KPF(ANON) | KPF(KSM) | \
			 KPF(SWAPCACHE) | KPF(SWAPBACKED) | KPF(UNEVICTABLE) | \
			 KPF(MLOCKED) | KPF(UPTODATE) | KPF(DIRTY) | \
			 KPF(WRITEBACK) | KPF(MAPPEDTODISK))

static bool kpf_unmanaged(uint64_t f)
{
	return f & (KPF(NOPAGE) | KPF(RESERVED) | KPF(OFFLINE) |
		    KPF(HWPOISON));
}

/*
 * The owner of an allocated page (a compound page's head) from its flags:
 * the kind decides what compaction and reclaim may do with it, mt is the
 * migratetype its allocation asked for.  (The map count only separates
 * bare pages, classify_frame.)
 */
static void classify_owner(uint64_t f, struct frame_info *fi)
{
	fi->cls = FC_HEAD;
	fi->mt = MIGRATE_UNMOVABLE;
	fi->slab = false;
	if (f & KPF(HUGE)) {
		fi->kind = OWNER_HUGETLB;
		fi->mt = MIGRATE_MOVABLE;
	} else if (f & KPF(ZERO_PAGE)) {
		fi->kind = OWNER_KERNEL;	/* the huge zero page */
	} else if (f & KPF(SLAB)) {
		fi->kind = OWNER_SLAB_UNMOVABLE;
		fi->slab = true;
	} else if (f & KPF(PGTABLE)) {
		fi->kind = OWNER_PAGETABLE;
	} else if (f & KPF(THP)) {
		fi->kind = OWNER_THP;
		fi->mt = MIGRATE_MOVABLE;
	} else if (f & (KPF(ANON) | KPF(KSM) | KPF(SWAPBACKED))) {
		/* anonymous memory, and shmem/tmpfs (no swap: never dropped) */
		fi->kind = OWNER_ANON;
		fi->mt = MIGRATE_MOVABLE;
	} else if ((f & KPF(UNEVICTABLE)) && !(f & KPF(MLOCKED))) {
		/*
		 * Unevictable page cache that nobody mlocked: a mapping marked
		 * unevictable, as ramfs marks its own, whose gfp mask
		 * (GFP_HIGHUSER) has no __GFP_MOVABLE.
		 */
		fi->kind = OWNER_RAMFS;
	} else if (f & KPF(UNEVICTABLE)) {
		/* mlocked page cache: migratable, never reclaimed */
		fi->kind = OWNER_ANON;
		fi->mt = MIGRATE_MOVABLE;
	} else if (f & KPF_USER) {
		fi->kind = OWNER_PAGECACHE;
		fi->mt = MIGRATE_MOVABLE;
	} else {
		/* no flag that names an owner: a kernel allocation (mapped
		 * ones too: a driver's buffer mapped to user space) */
		fi->kind = OWNER_KERNEL;
	}
}

/* What one frame (not inside a compound page) is. */
static void classify_frame(uint64_t f, uint64_t count, struct frame_info *fi)
{
	fi->order = 0;
	if (kpf_unmanaged(f))
		fi->cls = FC_UNMANAGED;
	else if (f & KPF(BUDDY))
		fi->cls = FC_FREE;
	else if (!(f & ~KPF_NEUTRAL) && !count)
		fi->cls = FC_BARE;
	else
		classify_owner(f, fi);
}

/*
 * A compound head at index i of the chunk: its order from the tails that
 * follow (a compound page is naturally aligned, 2^order pages).  Returns
 * the number of tails found, or -1 if they make no aligned block inside
 * the chunk; *giant is set when the page runs past the chunk (a gigantic
 * page, larger than MAX_ORDER).
 */
static long compound_tails(const uint64_t *flags, size_t i, size_t n,
			   unsigned long pfn, bool *giant)
{
	size_t j = i + 1;
	unsigned long size;

	*giant = false;
	while (j < n && (flags[j] & KPF(COMPOUND_TAIL)) &&
	       !(flags[j] & KPF(COMPOUND_HEAD)))
		j++;
	size = j - i;
	if (j == n && n == CHUNK && i == 0 && (flags[i] & KPF(HUGE))) {
		*giant = true;
		return (long)size - 1;
	}
	if (size & (size - 1) || pfn & (size - 1))
		return -1;
	return (long)size - 1;
}

/* Classify the frames of one chunk starting at pfn. */
static void classify_chunk(struct importer *im, unsigned long pfn,
			   const uint64_t *flags, const uint64_t *count,
			   size_t n)
{
	size_t i = 0;

	/* the rest of a gigantic page: more MAX_ORDER hugetlb blocks */
	if (im->in_giant) {
		while (i < n && (flags[i] & KPF(COMPOUND_TAIL)) &&
		       !(flags[i] & KPF(COMPOUND_HEAD)))
			i++;
		if (i == CHUNK) {
			classify_owner(KPF(HUGE), &im->fi[0]);
			im->fi[0].order = MAX_ORDER - 1;
			for (i = 1; i < n; i++)
				im->fi[i].cls = FC_TAIL;
			return;
		}
		/* it ended inside a MAX_ORDER block: no page of the
		 * allocator; its last tails count on their own */
		im->in_giant = false;
		if (i)
			im->st->compound_broken++;
		for (size_t j = 0; j < i; j++)
			classify_frame(flags[j], count[j], &im->fi[j]);
	}
	while (i < n) {
		uint64_t f = flags[i];
		struct frame_info *fi = &im->fi[i];
		bool giant;
		long tails;

		if (!(f & KPF(COMPOUND_HEAD)) || kpf_unmanaged(f) ||
		    (f & KPF(BUDDY))) {
			classify_frame(f, count[i], fi);
			i++;
			continue;
		}
		tails = compound_tails(flags, i, n, pfn + i, &giant);
		if (tails < 0) {
			/* not a block the allocator could have handed out:
			 * each page on its own */
			im->st->compound_broken++;
			classify_frame(f, count[i], fi);
			i++;
			continue;
		}
		classify_owner(f, fi);
		fi->order = (uint8_t)__builtin_ctzl((unsigned long)tails + 1);
		if (giant) {
			/* hugetlb's gigantic pages come from alloc_contig_range,
			 * not the buddy: held as MAX_ORDER blocks */
			fi->order = MAX_ORDER - 1;
			im->in_giant = true;
		}
		for (long t = 1; t <= tails; t++)
			im->fi[i + (size_t)t].cls = FC_TAIL;
		i += (size_t)tails + 1;
	}
}

static void tally_blocks(const struct importer *im, size_t n,
			 struct block_tally *tally)
{
	const struct frame_info *owner = NULL;

	memset(tally, 0, sizeof(*tally) * CHUNK_BLOCKS);
	for (size_t i = 0; i < n; i++) {
		const struct frame_info *fi = &im->fi[i];
		struct block_tally *t = &tally[i / pageblock_nr_pages];

		if (fi->cls == FC_HEAD)
			owner = fi;
		else if (fi->cls != FC_TAIL)
			owner = NULL;
		if (fi->cls == FC_BARE)
			t->bare++;
		if (!owner)
			continue;
		if (owner->slab)
			t->slab++;
		else if (owner->mt == MIGRATE_MOVABLE)
			t->movable++;
		else
			t->unmovable++;
	}
}

/*
 * The migratetype mobility grouping would have left a pageblock with,
 * from what it holds.  A block changes type only when an allocation of
 * another type claims it (steal_suitable_fallback: when it takes a large
 * free block, or when at least half the block is free or already of that
 * type); what claimed it fills it afterwards, so the type of most of its
 * allocated pages is the type it was last claimed for.  Pure slab blocks
 * are taken for reclaimable slab (dentries, inodes: almost the only
 * __GFP_RECLAIMABLE requests), which shares its blocks with nothing else.
 * A block whose pages say nothing keeps its type from boot, unless at
 * least half of it is bare memory, which an unmovable claim explains and a
 * per-cpu list hardly does.  In a block that also holds unmovable or slab
 * pages, bare pages are counted unmovable: pipe buffers come with the
 * slab of their pipes into the blocks their fallbacks claimed, while a
 * per-cpu list's pages come alone.
 */
static enum migratetype derive_block_type(const struct block_tally *t,
					  enum migratetype booted)
{
	unsigned int unmovable = t->unmovable + t->slab;

	if (t->slab >= pageblock_nr_pages / 2 && !t->unmovable && !t->movable)
		return MIGRATE_RECLAIMABLE;
	if (unmovable)
		unmovable += t->bare;	/* pipe buffers beside their slab */
	if (t->movable > unmovable)
		return MIGRATE_MOVABLE;
	if (unmovable > t->movable)
		return MIGRATE_UNMOVABLE;
	if (t->bare >= pageblock_nr_pages / 2)
		return MIGRATE_UNMOVABLE;
	return booted;
}

static void retype_blocks(struct importer *im, unsigned long pfn, size_t n)
{
	struct block_tally tally[CHUNK_BLOCKS];

	tally_blocks(im, n, tally);
	for (size_t b = 0; b * pageblock_nr_pages < n; b++) {
		unsigned long bpfn = pfn + b * pageblock_nr_pages;
		enum migratetype booted, mt;

		im->block_mt[b] = MIGRATE_MOVABLE;
		if (!memmap_covers(&im->mm->memmap, bpfn) ||
		    !pageblock_zone(im->mm, bpfn))
			continue;
		booted = get_pageblock_migratetype(&im->mm->memmap, bpfn);
		mt = derive_block_type(&tally[b], booted);
		if (mt != booted) {
			set_pageblock_migratetype(im->mm, bpfn, mt);
			im->st->pageblocks_retyped++;
		}
		im->block_mt[b] = get_pageblock_migratetype(&im->mm->memmap,
							    bpfn);
	}
}

/*
 * The frame at pfn is managed in the dump: make it managed in the
 * machine (a tail, counted in managed_pages) if the machine has a zone
 * there.  Returns its zone, or NULL if the machine has none.
 */
static struct zone *take_managed(struct importer *im, unsigned long pfn)
{
	struct mm_state *mm = im->mm;
	struct zone *zone = memmap_covers(&mm->memmap, pfn) ?
			    page_zone(mm, pfn) : NULL;

	if (!zone) {
		im->st->outside_pages++;
		return NULL;
	}
	if (frame_type(&mm->memmap, pfn) == FRAME_RESERVED) {
		set_frame(&mm->memmap, pfn, FRAME_TAIL, 0);
		zone->managed_pages++;
	}
	return zone;
}

/* The frame at pfn is not managed in the dump (reserved, a hole...). */
static void make_unmanaged(struct importer *im, unsigned long pfn)
{
	struct mm_state *mm = im->mm;
	struct zone *zone;

	im->st->unmanaged_pages++;
	if (!memmap_covers(&mm->memmap, pfn) ||
	    frame_type(&mm->memmap, pfn) == FRAME_RESERVED)
		return;
	zone = page_zone(mm, pfn);
	set_frame(&mm->memmap, pfn, FRAME_RESERVED, 0);
	if (zone)
		zone->managed_pages--;
}

/*
 * mm/page_alloc.c: __free_one_page for a run of free frames - the buddy
 * allocator merges two free buddies of one order whenever both are free,
 * so a run of free pages is held as the largest naturally aligned blocks
 * that tile it; each goes to the free list of its pageblock's type.
 */
static void free_run(struct importer *im, struct zone *zone,
		     unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = aligned_block_order(start, end);

		__free_one_page(im->mm, zone, start, order,
				get_pageblock_migratetype(&im->mm->memmap,
							  start), FPI_NONE);
		im->st->free_pages += 1UL << order;
		start += 1UL << order;
	}
}

/*
 * A bare frame in a movable pageblock: a page freed to a per-cpu list
 * (free_unref_page), on the first CPU, round robin, whose list has room
 * below its high mark; NULL-pcp zones and full lists leave it to the
 * caller.  Returns true if it went on a list.
 */
static bool pcp_take(struct importer *im, struct zone *zone, unsigned long pfn)
{
	struct mm_state *mm = im->mm;

	if (!zone->per_cpu_pageset || !mm->nr_cpus)
		return false;
	for (int tries = 0; tries < mm->nr_cpus; tries++) {
		int cpu = im->next_cpu;
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		im->next_cpu = (cpu + 1) % mm->nr_cpus;
		if (pcp->count + 1 < pcp->high) {
			free_unref_page(mm, zone, pfn, 0, cpu);
			im->st->pcp_pages++;
			return true;
		}
	}
	return false;
}

/* The state of one allocated block at pfn (frames already tails). */
static void commit_owner(struct importer *im, unsigned long pfn,
			 const struct frame_info *fi, size_t blk)
{
	enum migratetype mt = (enum migratetype)fi->mt;
	unsigned long end = pfn + (1UL << fi->order);

	if (fi->slab)
		mt = im->block_mt[blk] == MIGRATE_RECLAIMABLE ?
		     MIGRATE_RECLAIMABLE : MIGRATE_UNMOVABLE;
	/* a block must lie in one zone of the machine */
	for (unsigned long p = pfn + 1; p < end; p++)
		if (page_zone(im->mm, p) != page_zone(im->mm, pfn)) {
			for (p = pfn; p < end; p++)
				if (page_zone(im->mm, p))
					page_block_commit_bare(im->mm, p, 0,
						mt, (enum owner_kind)fi->kind);
			im->st->kind_pages[fi->kind] += end - pfn;
			return;
		}
	page_block_commit_bare(im->mm, pfn, fi->order, mt,
			       (enum owner_kind)fi->kind);
	im->st->kind_pages[fi->kind] += 1UL << fi->order;
}

/* Give every frame of the chunk at pfn its state. */
static void apply_chunk(struct importer *im, unsigned long pfn, size_t n)
{
	struct zone *run_zone = NULL;
	unsigned long run_start = 0;
	bool in_run = false;

	for (size_t i = 0; i < n; i++) {
		const struct frame_info *fi = &im->fi[i];
		unsigned long p = pfn + i;
		struct zone *zone = NULL;

		if (fi->cls == FC_UNMANAGED) {
			make_unmanaged(im, p);
		} else {
			zone = take_managed(im, p);
		}
		/* close a run of free frames where it ends */
		if (in_run && (fi->cls != FC_FREE || zone != run_zone)) {
			free_run(im, run_zone, run_start, p);
			in_run = false;
		}
		if (!zone)
			continue;
		if (fi->cls == FC_FREE && !in_run) {
			in_run = true;
			run_zone = zone;
			run_start = p;
		}
		if (fi->cls == FC_BARE) {
			struct frame_info kernel = { .cls = FC_HEAD,
				.kind = OWNER_KERNEL, .mt = MIGRATE_UNMOVABLE };

			if (im->block_mt[i / pageblock_nr_pages] !=
				    MIGRATE_MOVABLE ||
			    !pcp_take(im, zone, p))
				commit_owner(im, p, &kernel,
					     i / pageblock_nr_pages);
		}
	}
	if (in_run)
		free_run(im, run_zone, run_start, pfn + n);
	/* allocated blocks last: their frames are all managed by now */
	for (size_t i = 0; i < n; i++)
		if (im->fi[i].cls == FC_HEAD &&
		    frame_type(&im->mm->memmap, pfn + i) == FRAME_TAIL &&
		    page_zone(im->mm, pfn + i))
			commit_owner(im, pfn + i, &im->fi[i],
				     i / pageblock_nr_pages);
}

/*
 * Give back what the boot allocated from the buddy allocator (the atomic
 * DMA pools): the dump holds the kernel's own.
 */
static void free_boot_allocations(struct mm_state *mm)
{
	for (uint32_t i = 0; i < mm->blocks_used; i++) {
		unsigned long pfn = mm->blocks[i].pfn;

		if (frame_type(&mm->memmap, pfn) == FRAME_ALLOC &&
		    frame_index(&mm->memmap, pfn) == i)
			free_block(mm, pfn);
	}
}

/*
 * Empty the booted machine's free lists: drain the per-cpu lists, then
 * take every free block off (its frames become tails, owned by nobody).
 */
static void empty_free_lists(struct mm_state *mm)
{
	drain_all_pages(mm, NULL);
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			struct zone *zone = mm_zone(mm, nid, t);

			if (!mm->layout.node_data[nid].online ||
			    !populated_zone(zone))
				continue;
			for (unsigned int o = 0; o < MAX_ORDER; o++)
				for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
					struct free_list *l =
						&zone->free_area[o].free_list[mt];

					while (l->head != NIL) {
						buddy_take(mm, zone,
							   free_block_pfn(mm, &mm->free_blocks[l->head]));
						zone->nr_free_pages -= 1UL << o;
					}
				}
		}
}

/* The end of the machine's last zone, and that rounded up to a section. */
static void machine_extent(const struct mm_state *mm, unsigned long *end,
			   unsigned long *max)
{
	unsigned long per_section = arch_pages_per_section(mm->layout.arch);

	*end = 0;
	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		for (int t = 0; t < MAX_NR_ZONES; t++) {
			const struct zone *zone =
				&mm->layout.node_data[nid].node_zones[t];

			if (populated_zone(zone) && zone_end_pfn(zone) > *end)
				*end = zone_end_pfn(zone);
		}
	/* fs/proc/page.c: get_max_dump_pfn */
	*max = per_section ? (*end + per_section - 1) & ~(per_section - 1) :
			     *end;
}

/* Buffer at least want entries (fewer only at the end); -1 on error. */
static int fill(struct importer *im, size_t want)
{
	if (im->buf_len - im->buf_pos >= want || im->src_ended)
		return 0;
	memmove(im->flags, im->flags + im->buf_pos,
		(im->buf_len - im->buf_pos) * sizeof(*im->flags));
	memmove(im->count, im->count + im->buf_pos,
		(im->buf_len - im->buf_pos) * sizeof(*im->count));
	im->buf_len -= im->buf_pos;
	im->buf_pos = 0;
	while (im->buf_len < want && !im->src_ended) {
		long r = im->src->read(im->src->ctx, im->flags + im->buf_len,
				       im->count + im->buf_len,
				       READ_FRAMES - im->buf_len);

		if (r < 0)
			return -1;
		if (!r)
			im->src_ended = true;
		im->buf_len += (size_t)r;
	}
	return 0;
}

/* Stream the source through the chunks; the status of the reading. */
static enum snapshot_status import_frames(struct importer *im)
{
	struct snapshot_stats *st = im->st;
	unsigned long pfn = 0;

	for (;;) {
		size_t n;

		if (fill(im, CHUNK))
			return SNAPSHOT_READ_ERROR;
		n = im->buf_len - im->buf_pos;
		if (!n)
			break;
		if (n > CHUNK)
			n = CHUNK;
		if (pfn + n > st->frames_max) {
			st->frames = pfn + n;
			return SNAPSHOT_TOO_LONG;
		}
		classify_chunk(im, pfn, im->flags + im->buf_pos,
			       im->count + im->buf_pos, n);
		retype_blocks(im, pfn, n);
		apply_chunk(im, pfn, n);
		im->buf_pos += n;
		pfn += n;
	}
	st->frames = pfn;
	return pfn < st->frames_needed ? SNAPSHOT_TRUNCATED : SNAPSHOT_OK;
}

enum snapshot_status snapshot_import(struct mm_state *mm,
				     const struct machine *m,
				     struct printk_log *log,
				     const struct snapshot_source *src,
				     struct snapshot_stats *stats)
{
	struct importer *im;
	enum snapshot_status status;

	memset(stats, 0, sizeof(*stats));
	if (mm_init(mm, m, log))
		return SNAPSHOT_BAD_MACHINE;
	machine_extent(mm, &stats->frames_needed, &stats->frames_max);
	free_boot_allocations(mm);
	empty_free_lists(mm);

	im = xcalloc(1, sizeof(*im));
	im->mm = mm;
	im->st = stats;
	im->src = src;
	im->flags = xmalloc(READ_FRAMES * sizeof(*im->flags));
	im->count = xmalloc(READ_FRAMES * sizeof(*im->count));
	status = import_frames(im);
	free(im->flags);
	free(im->count);
	free(im);
	if (status != SNAPSHOT_OK) {
		mm_release(mm);
		return status;
	}
	memmap_note_reserved(&mm->memmap, mm->memmap.base_pfn,
			     mm->memmap.end_pfn);
	/* Counters count what happens from the snapshot on. */
	memset(mm->vm_events, 0, sizeof(mm->vm_events));
	return SNAPSHOT_OK;
}

size_t snapshot_adopt_hugetlb(struct mm_state *mm, struct hstate *h)
{
	size_t n = 0;

	for (unsigned long pfn = mm->memmap.base_pfn; pfn < mm->memmap.end_pfn;
	     pfn += 1UL << HUGETLB_PAGE_ORDER) {
		if (!frame_type_allocated(frame_type(&mm->memmap, pfn)) ||
		    allocated_kind(mm, pfn) != OWNER_HUGETLB ||
		    allocated_order(mm, pfn) != HUGETLB_PAGE_ORDER)
			continue;
		h->pages = xgrow(h->pages, &h->cap, h->nr_huge_pages + 1,
				 sizeof(*h->pages));
		h->pages[h->nr_huge_pages++] = block_ref_of(mm, pfn);
		n++;
	}
	return n;
}
