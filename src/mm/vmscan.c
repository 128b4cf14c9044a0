/*
 * vmscan.c - page reclaim as Linux 6.1 does it (mm/vmscan.c,
 * fs/drop_caches.c): the node lists of reclaimable blocks, shrink_node
 * with its scan priorities, direct reclaim and kswapd.
 *
 * Documented simplifications (see vmscan.h for what is reclaimable):
 * - one file LRU per node, all of it inactive and unreferenced: every
 *   eligible block isolated is freed (pgsteal = pgscan - skipped);
 * - the slab shrinker is one per node, its objects are the pages of the
 *   reclaimable slab blocks, oldest first; like the kernel's shrinkers it
 *   does not look at zones;
 * Each list ends in a bare part (imported blocks with no record, mmzone.h:
 * struct block_lru) that reclaim takes in pfn order; a bare block that
 * must move to the young end is given a record then.
 */
#include <assert.h>

#include "mm/compaction.h"
#include "mm/internal.h"
#include "mm/kcompactd.h"
#include "mm/trace.h"
#include "mm/vmscan.h"


static struct pglist_data *NODE_DATA(struct mm_state *mm, int nid)
{
	return &mm->layout.node_data[nid];
}

/* include/linux/mmzone.h: managed_zone */
static bool managed_zone(const struct zone *zone)
{
	return zone->managed_pages != 0;
}

/* mm/internal.h: compact_gap */
static unsigned long compact_gap(int order)
{
	return 2UL << order;
}

/* --- the lists --- */

static struct page_block_lru *lru_links(struct mm_state *mm, uint32_t link)
{
	return &mm->blocks_lru[link - 1];
}

static void lru_link_head(struct mm_state *mm, struct block_lru *lru,
			  uint32_t idx)
{
	struct page_block_lru *b = &mm->blocks_lru[idx];

	b->prev = 0;
	b->next = lru->head;
	if (lru->head)
		lru_links(mm, lru->head)->prev = idx + 1;
	else
		lru->tail = idx + 1;
	lru->head = idx + 1;
}

static void lru_unlink(struct mm_state *mm, struct block_lru *lru,
		       uint32_t idx)
{
	struct page_block_lru *b = &mm->blocks_lru[idx];

	if (b->prev)
		lru_links(mm, b->prev)->next = b->next;
	else
		lru->head = b->next;
	if (b->next)
		lru_links(mm, b->next)->prev = b->prev;
	else
		lru->tail = b->prev;
	b->prev = b->next = 0;
}

/* The zone counter a block on list l is counted in. */
static unsigned long *zone_lru_count(struct zone *zone, enum reclaim_list l)
{
	/* A table, not a branch: allocations mix the two lists at random. */
	unsigned long *const count[NR_RECLAIM_LISTS] = {
		[RECLAIM_LIST_FILE] = &zone->nr_zone_file,
		[RECLAIM_LIST_SLAB] = &zone->nr_zone_slab_reclaimable,
	};

	return count[l];
}

/* include/linux/mm_inline.h: lruvec_add_folio (and the slab's accounting) */
void lruvec_add_block(struct mm_state *mm, struct zone *zone, uint32_t idx)
{
	struct page_block *b = &mm->blocks[idx];
	enum reclaim_list l = b->kind == OWNER_PAGECACHE ? RECLAIM_LIST_FILE :
							   RECLAIM_LIST_SLAB;
	struct block_lru *lru = &NODE_DATA(mm, zone->node)->lru[l];
	unsigned long nr = 1UL << b->order;

	b->lru = (uint8_t)(l + 1);
	lru_link_head(mm, lru, idx);
	lru->nr_pages += nr;
	*zone_lru_count(zone, l) += nr;
}

/* include/linux/mm_inline.h: lruvec_del_folio */
void lruvec_del_block(struct mm_state *mm, struct zone *zone, uint32_t idx)
{
	struct page_block *b = &mm->blocks[idx];
	enum reclaim_list l = (enum reclaim_list)(b->lru - 1);
	struct block_lru *lru = &NODE_DATA(mm, zone->node)->lru[l];
	unsigned long nr = 1UL << b->order;

	lru_unlink(mm, lru, idx);
	b->lru = 0;
	lru->nr_pages -= nr;
	*zone_lru_count(zone, l) -= nr;
}

/* lruvec_del_block, the zone found from the record */
static void lru_del_block(struct mm_state *mm, uint32_t idx)
{
	lruvec_del_block(mm, page_zone(mm, mm->blocks[idx].pfn), idx);
}

void lru_bare_add(struct mm_state *mm, struct zone *zone, enum reclaim_list l,
		  unsigned int order)
{
	struct block_lru *lru = &NODE_DATA(mm, zone->node)->lru[l];

	lru->bare_pages += 1UL << order;
	lru->nr_pages += 1UL << order;
	*zone_lru_count(zone, l) += 1UL << order;
}

void lru_bare_del(struct mm_state *mm, struct zone *zone, enum reclaim_list l,
		  unsigned int order)
{
	struct block_lru *lru = &NODE_DATA(mm, zone->node)->lru[l];

	assert(lru->bare_pages >= 1UL << order);
	lru->bare_pages -= 1UL << order;
	lru->nr_pages -= 1UL << order;
	*zone_lru_count(zone, l) -= 1UL << order;
}

/* Where the block after the one headed at pfn starts (pfn + 1 off a head). */
static unsigned long next_head(const struct mm_state *mm, unsigned long pfn)
{
	return pfn + (1UL << head_order(mm, pfn, frame_type(&mm->memmap, pfn)));
}

/*
 * The oldest bare block of pgdat's list l (there is one): the lowest pfn
 * at or after the cursor whose word says it is on the list.
 */
static unsigned long lru_bare_tail(const struct mm_state *mm,
				   struct pglist_data *pgdat,
				   enum reclaim_list l)
{
	struct block_lru *lru = &pgdat->lru[l];
	unsigned long pfn = lru->bare_cursor;

	if (pfn < mm->memmap.base_pfn)
		pfn = mm->memmap.base_pfn;
	for (;; pfn = next_head(mm, pfn)) {
		assert(pfn < mm->memmap.end_pfn);
		if (frame_type(&mm->memmap, pfn) == FRAME_BARE &&
		    bare_lru(mm, pfn) == l + 1U &&
		    page_zone(mm, pfn)->node == pgdat->node_id)
			break;
	}
	lru->bare_cursor = pfn;
	return pfn;
}

/* An entry of a reclaim list: a record, or a bare block (idx NIL). */
struct lru_entry {
	unsigned long pfn;
	uint32_t idx;
	unsigned int order;
};

static bool lru_empty(const struct block_lru *lru)
{
	return !lru->tail && !lru->bare_pages;
}

/* The oldest entry of pgdat's list l, which is not empty. */
static struct lru_entry lru_tail(const struct mm_state *mm,
				 struct pglist_data *pgdat, enum reclaim_list l)
{
	const struct block_lru *lru = &pgdat->lru[l];
	struct lru_entry e;

	if (lru->bare_pages) {
		e.pfn = lru_bare_tail(mm, pgdat, l);
		e.idx = NIL;
		e.order = allocated_order(mm, e.pfn);
	} else {
		e.idx = lru->tail - 1;
		e.pfn = mm->blocks[e.idx].pfn;
		e.order = mm->blocks[e.idx].order;
	}
	return e;
}

/* Take entry e off list l (isolate_lru_folios' list_move to its list). */
static void lru_isolate(struct mm_state *mm, enum reclaim_list l,
			struct lru_entry e)
{
	if (e.idx == NIL) {
		lru_bare_del(mm, page_zone(mm, e.pfn), l, e.order);
		bare_set_lru(mm, e.pfn, 0);
	} else {
		lru_del_block(mm, e.idx);
	}
}

/* Move entry e of list l to the young end; returns its record's index. */
static uint32_t lru_rotate(struct mm_state *mm, struct block_lru *lru,
			   struct lru_entry e)
{
	if (e.idx == NIL)
		return page_block_record(mm, e.pfn);	/* goes to the head */
	lru_unlink(mm, lru, e.idx);
	lru_link_head(mm, lru, e.idx);
	return e.idx;
}

/* mm/vmscan.c: zone_reclaimable_pages (no swap: anon never counts) */
unsigned long zone_reclaimable_pages(const struct zone *zone)
{
	return zone->nr_zone_file ? zone->nr_zone_file : zone->nr_free_pages;
}

/*
 * Free a block reclaim took off its list: the engine hears of it first,
 * then it goes back through the normal free path (pcp for small orders).
 */
static unsigned long reclaim_block(struct mm_state *mm, struct lru_entry e,
				   int cpu)
{
	struct block_ref ref;

	if (e.idx == NIL) {	/* a bare block: nobody holds it */
		free_pages(mm, e.pfn, cpu);
		return 1UL << e.order;
	}
	ref = (struct block_ref){ .idx = e.idx, .gen = mm->blocks[e.idx].gen };
	if (mm->block_dropped)
		mm->block_dropped(mm->block_dropped_ctx, ref);
	__free_pages(mm, ref, e.pfn, e.order, cpu);
	return 1UL << e.order;
}

/* --- shrink_node --- */

/*
 * mm/vmscan.c: shrink_inactive_list with isolate_lru_folios - take up to
 * nr_to_scan eligible pages from the tail (oldest end); blocks of zones
 * above reclaim_idx are skipped and go back to the head.  Returns the
 * pages freed.
 */
static unsigned long shrink_inactive_list(struct mm_state *mm,
					  struct pglist_data *pgdat,
					  unsigned long nr_to_scan,
					  struct scan_control *sc)
{
	struct block_lru *lru = &pgdat->lru[RECLAIM_LIST_FILE];
	struct lru_entry taken[SWAP_CLUSTER_MAX];
	unsigned long scan = 0, total_scan = 0, nr_reclaimed = 0;
	uint32_t first_skipped = 0;
	size_t nr_taken = 0;

	/* Once the first skipped block is back at the tail, only skipped
	 * ones are left: the kernel's separate skipped list ends here.  A
	 * skipped block has a record, so the tail is one only when the bare
	 * part is empty. */
	while (scan < nr_to_scan && !lru_empty(lru) &&
	       (lru->bare_pages || lru->tail != first_skipped)) {
		struct lru_entry e = lru_tail(mm, pgdat, RECLAIM_LIST_FILE);
		struct zone *zone = page_zone(mm, e.pfn);
		unsigned long nr = 1UL << e.order;

		total_scan += nr;
		if ((int)zone->type > sc->reclaim_idx) {
			uint32_t idx = lru_rotate(mm, lru, e);

			mm->vm_events[PGSCAN_SKIP_DMA + zone->type] += nr;
			if (!first_skipped)
				first_skipped = idx + 1;
			continue;
		}
		scan += nr;
		lru_isolate(mm, RECLAIM_LIST_FILE, e);
		taken[nr_taken++] = e;
	}
	sc->nr_scanned += total_scan;
	mm->vm_events[sc->kswapd ? PGSCAN_KSWAPD : PGSCAN_DIRECT] += total_scan;
	for (size_t i = 0; i < nr_taken; i++)
		nr_reclaimed += reclaim_block(mm, taken[i], sc->cpu);
	mm->vm_events[sc->kswapd ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT] += nr_reclaimed;
	return nr_reclaimed;
}

/*
 * mm/vmscan.c: get_scan_count with no swap (SCAN_FILE) - the pass scans
 * the eligible zones' file pages >> priority; shrink_node's start.
 */
static void shrink_node_begin(struct pglist_data *pgdat,
			      struct scan_control *sc)
{
	unsigned long size = 0;

	for (int z = 0; z <= sc->reclaim_idx && z < MAX_NR_ZONES; z++)
		size += pgdat->node_zones[z].nr_zone_file;
	sc->nr_file_left = size >> sc->priority;
	sc->lruvec_reclaimed = 0;
	sc->node_reclaimed = sc->nr_reclaimed;
}

/*
 * mm/vmscan.c: shrink_lruvec, one SWAP_CLUSTER_MAX batch of it.  Returns
 * true while the pass has more to scan.  Direct reclaim at DEF_PRIORITY
 * scans its whole target (proportional_reclaim); otherwise the pass ends
 * once nr_to_reclaim pages are freed (with no anon list to balance).
 */
static bool shrink_lruvec_batch(struct mm_state *mm, struct pglist_data *pgdat,
				struct scan_control *sc)
{
	bool proportional_reclaim = !sc->kswapd && sc->priority == DEF_PRIORITY;
	unsigned long nr_to_scan = min_ul(sc->nr_file_left, SWAP_CLUSTER_MAX);

	if (!nr_to_scan)
		return false;
	sc->nr_file_left -= nr_to_scan;
	sc->lruvec_reclaimed += shrink_inactive_list(mm, pgdat, nr_to_scan, sc);
	if (sc->lruvec_reclaimed >= sc->nr_to_reclaim && !proportional_reclaim)
		sc->nr_file_left = 0;
	return sc->nr_file_left != 0;
}

/* The slab shrinker's scan_objects: free the oldest slab blocks. */
static unsigned long slab_scan_objects(struct mm_state *mm,
				       struct pglist_data *pgdat,
				       unsigned long nr_to_scan, int cpu)
{
	const struct block_lru *lru = &pgdat->lru[RECLAIM_LIST_SLAB];
	unsigned long scanned = 0, freed = 0;

	while (scanned < nr_to_scan && !lru_empty(lru)) {
		struct lru_entry e = lru_tail(mm, pgdat, RECLAIM_LIST_SLAB);

		lru_isolate(mm, RECLAIM_LIST_SLAB, e);
		freed += reclaim_block(mm, e, cpu);
		scanned += 1UL << e.order;
	}
	return freed;
}

/*
 * mm/vmscan.c: shrink_slab and do_shrink_slab for the node's one
 * shrinker: (freeable >> priority) * 4 / DEFAULT_SEEKS objects plus the
 * deferred work, scanned in SHRINK_BATCH chunks; what is too little for a
 * batch is deferred to the next call.  Returns the pages freed.
 */
static unsigned long shrink_slab(struct mm_state *mm, struct pglist_data *pgdat,
				 int priority, int cpu)
{
	struct block_lru *lru = &pgdat->lru[RECLAIM_LIST_SLAB];
	long freeable = (long)lru->nr_pages;
	long nr, delta, total_scan, scanned = 0, next_deferred;
	unsigned long freed = 0;

	if (!freeable)
		return 0;
	nr = (long)pgdat->shrinker_nr_deferred;
	pgdat->shrinker_nr_deferred = 0;
	delta = (freeable >> priority) * 4 / DEFAULT_SEEKS;
	total_scan = (nr >> priority) + delta;
	if (total_scan > 2 * freeable)
		total_scan = 2 * freeable;
	while (total_scan >= (long)SHRINK_BATCH || total_scan >= freeable) {
		long nr_to_scan = total_scan < (long)SHRINK_BATCH ?
				  total_scan : (long)SHRINK_BATCH;

		freed += slab_scan_objects(mm, pgdat,
					   (unsigned long)nr_to_scan, cpu);
		mm->vm_events[SLABS_SCANNED] += (unsigned long)nr_to_scan;
		total_scan -= nr_to_scan;
		scanned += nr_to_scan;
	}
	next_deferred = nr + delta - scanned;
	if (next_deferred < 0)
		next_deferred = 0;
	if (next_deferred > 2 * freeable)
		next_deferred = 2 * freeable;
	pgdat->shrinker_nr_deferred = (unsigned long)next_deferred;
	return freed;
}

/* mm/vmscan.c: in_reclaim_compaction */
static bool in_reclaim_compaction(const struct scan_control *sc)
{
	return (sc->gfp_mask & __GFP_IO) && sc->order &&
	       (sc->order > PAGE_ALLOC_COSTLY_ORDER ||
		sc->priority < DEF_PRIORITY - 2);
}

/*
 * mm/vmscan.c: should_continue_reclaim - a high-order reclaim goes on
 * until compaction could run in some eligible zone, while the pass freed
 * something and the inactive list is larger than compact_gap.
 */
static bool should_continue_reclaim(struct mm_state *mm,
				    struct pglist_data *pgdat,
				    unsigned long nr_reclaimed,
				    const struct scan_control *sc)
{
	if (!in_reclaim_compaction(sc) || !nr_reclaimed)
		return false;
	for (int z = 0; z <= sc->reclaim_idx && z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		enum compact_result r;

		if (!managed_zone(zone))
			continue;
		r = compaction_suitable(mm, zone, sc->order, 0, sc->reclaim_idx);
		if (r == COMPACT_SUCCESS || r == COMPACT_CONTINUE)
			return false;
	}
	return pgdat->lru[RECLAIM_LIST_FILE].nr_pages > compact_gap(sc->order);
}

/*
 * mm/vmscan.c: shrink_node's end - the slab shrinker runs, progress
 * revives a hopeless kswapd.  Returns true to go round again
 * (should_continue_reclaim).
 */
static bool shrink_node_end(struct mm_state *mm, struct pglist_data *pgdat,
			    struct scan_control *sc)
{
	unsigned long reclaimed;

	sc->nr_reclaimed += sc->lruvec_reclaimed;
	sc->lruvec_reclaimed = 0;
	sc->nr_reclaimed += shrink_slab(mm, pgdat, sc->priority, sc->cpu);
	reclaimed = sc->nr_reclaimed - sc->node_reclaimed;
	if (reclaimed)
		mm->kswapd[pgdat->node_id].failures = 0;
	return should_continue_reclaim(mm, pgdat, reclaimed, sc);
}

/* mm/vmscan.c: shrink_node, all at once (direct reclaim) */
static void shrink_node(struct mm_state *mm, struct pglist_data *pgdat,
			struct scan_control *sc)
{
	do {
		shrink_node_begin(pgdat, sc);
		while (shrink_lruvec_batch(mm, pgdat, sc))
			;
	} while (shrink_node_end(mm, pgdat, sc));
}

/* --- direct reclaim --- */

/* mm/vmscan.c: compaction_ready */
static bool compaction_ready(const struct mm_state *mm, struct zone *zone,
			     const struct scan_control *sc)
{
	enum compact_result suitable;

	if (!(sc->gfp_mask & __GFP_IO))
		return false;
	suitable = compaction_suitable(mm, zone, sc->order, 0, sc->reclaim_idx);
	if (suitable == COMPACT_SUCCESS)
		return true;
	if (suitable == COMPACT_SKIPPED)
		return false;
	/* Runnable, but give it a buffer unless already above high + gap. */
	return zone_watermark_ok(zone, 0,
				 high_wmark_pages(zone) + compact_gap(sc->order),
				 sc->reclaim_idx, 0);
}

/* mm/vmscan.c: shrink_zones - each node of the zonelist once */
static void shrink_zones(struct mm_state *mm, const struct zoneref *zonelist,
			 struct scan_control *sc)
{
	int last_nid = -1;

	for (const struct zoneref *z = zonelist; z->zone; z++) {
		if (z->zone_idx > sc->reclaim_idx)
			continue;
		/* Costly orders: leave a zone compaction can work in. */
		if (sc->order > PAGE_ALLOC_COSTLY_ORDER &&
		    compaction_ready(mm, z->zone, sc)) {
			sc->compaction_ready = true;
			continue;
		}
		if (z->zone->node == last_nid)
			continue;
		last_nid = z->zone->node;
		shrink_node(mm, NODE_DATA(mm, last_nid), sc);
	}
}

unsigned long try_to_free_pages(struct mm_state *mm,
				const struct zoneref *zonelist, int order,
				gfp_t gfp, int cpu)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp,
		.order = order,
		.priority = DEF_PRIORITY,
		.reclaim_idx = gfp_zone(gfp, mm->layout.arch->has_zone[ZONE_HIGHMEM]),
		.cpu = cpu,
	};

	if (sc.reclaim_idx < 0)
		return 0;
	/* do_try_to_free_pages */
	mm->vm_events[ALLOCSTALL_DMA + sc.reclaim_idx]++;
	do {
		sc.nr_scanned = 0;
		shrink_zones(mm, zonelist, &sc);
		if (sc.nr_reclaimed >= sc.nr_to_reclaim || sc.compaction_ready)
			break;
	} while (--sc.priority >= 0);
	if (sc.nr_reclaimed)
		return sc.nr_reclaimed;
	/* Aborted reclaim to try compaction? Not a failure, then. */
	return sc.compaction_ready ? 1 : 0;
}

/* --- kswapd --- */

/*
 * mm/vmscan.c: pgdat_balanced - some managed zone up to highest_zoneidx
 * meets its high watermark for order; a node with none needs nothing.
 */
static bool pgdat_balanced(struct pglist_data *pgdat, int order,
			   int highest_zoneidx)
{
	bool managed = false;

	for (int i = 0; i <= highest_zoneidx && i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];

		if (!managed_zone(zone))
			continue;
		managed = true;
		if (zone_watermark_ok(zone, (unsigned int)order,
				      high_wmark_pages(zone), highest_zoneidx, 0))
			return true;
	}
	return !managed;
}

/* mm/vmscan.c: pgdat_watermark_boosted */
static bool pgdat_watermark_boosted(struct pglist_data *pgdat,
				    int highest_zoneidx)
{
	for (int i = highest_zoneidx; i >= 0; i--) {
		struct zone *zone = &pgdat->node_zones[i];

		if (managed_zone(zone) && zone->watermark_boost)
			return true;
	}
	return false;
}

void wakeup_kswapd(struct mm_state *mm, struct zone *zone, gfp_t gfp,
		   int order, int highest_zoneidx)
{
	struct kswapd_state *ks = &mm->kswapd[zone->node];
	struct pglist_data *pgdat = NODE_DATA(mm, zone->node);

	if (!managed_zone(zone))
		return;
	if (!ks->highest_zoneidx_set || ks->highest_zoneidx < highest_zoneidx) {
		ks->highest_zoneidx = highest_zoneidx;
		ks->highest_zoneidx_set = true;
	}
	if (ks->order < order)
		ks->order = order;
	/* Awake already (or about to be): it will see the request. */
	if (ks->running || ks->wake_pending)
		return;
	/* Hopeless node, or balanced: maybe only compaction is needed. */
	if (ks->failures >= MAX_RECLAIM_RETRIES ||
	    (pgdat_balanced(pgdat, order, highest_zoneidx) &&
	     !pgdat_watermark_boosted(pgdat, highest_zoneidx))) {
		if (!(gfp & __GFP_DIRECT_RECLAIM))
			wakeup_kcompactd(mm, zone->node, order, highest_zoneidx);
		return;
	}
	if (mm->trace) {
		char flags[160];

		gfp_format(gfp, flags, sizeof(flags));
		trace_event(mm, "mm_vmscan_wakeup_kswapd", "nid=%d order=%d "
			    "gfp_flags=%s", zone->node, order, flags);
	}
	if (ks->napping) {
		/* the nap ends early: schedule_timeout's remaining != 0 */
		ks->napping = false;
		ks->nap_woken = true;
	}
	ks->wake_pending = true;
	mm->nr_daemon_wakes++;
	mm->vm_events[KSWAPD_WAKE]++;
}

/* mm/vmscan.c: update_reclaim_active (pcp high shrinks while set) */
static void update_reclaim_active(struct pglist_data *pgdat,
				  int highest_zoneidx, bool active)
{
	for (int i = 0; i <= highest_zoneidx && i < MAX_NR_ZONES; i++)
		if (managed_zone(&pgdat->node_zones[i]))
			pgdat->node_zones[i].reclaim_active = active;
}

/* mm/vmscan.c: balance_pgdat's start - boosts noted, priority 12 */
static void balance_pgdat_begin(struct mm_state *mm, int nid, int order,
				int highest_zoneidx)
{
	struct kswapd_state *ks = &mm->kswapd[nid];
	struct pglist_data *pgdat = NODE_DATA(mm, nid);

	mm->vm_events[PAGEOUTRUN]++;
	ks->sc = (struct scan_control){
		.gfp_mask = GFP_KERNEL,
		.order = order,
		.priority = DEF_PRIORITY,
		.kswapd = true,
		.cpu = ks->cpu,
	};
	ks->classzone_idx = highest_zoneidx;
	ks->nr_boost_reclaim = 0;
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];

		ks->zone_boosts[i] = 0;
		if (i > highest_zoneidx || !managed_zone(zone))
			continue;
		ks->nr_boost_reclaim += zone->watermark_boost;
		ks->zone_boosts[i] = zone->watermark_boost;
	}
	ks->boosted = ks->nr_boost_reclaim != 0;
	update_reclaim_active(pgdat, highest_zoneidx, true);
	ks->in_balance = true;
	ks->in_pass = false;
}

/*
 * mm/vmscan.c: balance_pgdat's end (label out) - the boosts it saw are
 * paid off, and after boosted reclaim kcompactd defragments pageblocks.
 */
static void balance_pgdat_end(struct mm_state *mm, int nid)
{
	struct kswapd_state *ks = &mm->kswapd[nid];
	struct pglist_data *pgdat = NODE_DATA(mm, nid);

	update_reclaim_active(pgdat, ks->classzone_idx, false);
	if (ks->boosted) {
		for (int i = 0; i <= ks->classzone_idx; i++) {
			struct zone *zone = &pgdat->node_zones[i];

			zone->watermark_boost -= min_ul(zone->watermark_boost,
							ks->zone_boosts[i]);
		}
		wakeup_kcompactd(mm, nid, pageblock_order, ks->classzone_idx);
	}
	ks->reclaim_order = ks->sc.order;
	ks->in_balance = false;
}

/*
 * The top of balance_pgdat's loop: returns false when the node needs no
 * more reclaim (the run ends), else starts kswapd_shrink_node's pass.
 */
static bool balance_pgdat_pass_begin(struct mm_state *mm, int nid)
{
	struct kswapd_state *ks = &mm->kswapd[nid];
	struct pglist_data *pgdat = NODE_DATA(mm, nid);
	struct scan_control *sc = &ks->sc;
	bool balanced;

	sc->reclaim_idx = ks->classzone_idx;
	balanced = pgdat_balanced(pgdat, sc->order, ks->classzone_idx);
	/* Imbalanced: forget the boost, restart as ordinary reclaim. */
	if (!balanced && ks->nr_boost_reclaim) {
		ks->nr_boost_reclaim = 0;
		update_reclaim_active(pgdat, ks->classzone_idx, true);
		sc->priority = DEF_PRIORITY;
	}
	if (!ks->nr_boost_reclaim && balanced)
		return false;
	ks->raise_priority = !(ks->nr_boost_reclaim &&
			       sc->priority == DEF_PRIORITY - 2);
	sc->nr_scanned = 0;
	ks->pass_start_reclaimed = sc->nr_reclaimed;
	/* kswapd_shrink_node: pressure in proportion to the zones */
	sc->nr_to_reclaim = 0;
	for (int z = 0; z <= sc->reclaim_idx; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (managed_zone(zone))
			sc->nr_to_reclaim += high_wmark_pages(zone) > SWAP_CLUSTER_MAX ?
					     high_wmark_pages(zone) :
					     SWAP_CLUSTER_MAX;
	}
	shrink_node_begin(pgdat, sc);
	ks->in_pass = true;
	return true;
}

/*
 * The bottom of balance_pgdat's loop, after kswapd_shrink_node: returns
 * false when the loop ends (priority exhausted, or a boost that frees
 * nothing).
 */
static bool balance_pgdat_pass_end(struct mm_state *mm, int nid)
{
	struct kswapd_state *ks = &mm->kswapd[nid];
	struct scan_control *sc = &ks->sc;
	unsigned long nr_reclaimed;

	ks->in_pass = false;
	/* High-order balance may be out of reach: settle for order 0 once
	 * compact_gap pages are free; the waker can compact. */
	if (sc->order && sc->nr_reclaimed >= compact_gap(sc->order))
		sc->order = 0;
	if (sc->nr_scanned >= sc->nr_to_reclaim)
		ks->raise_priority = false;
	nr_reclaimed = sc->nr_reclaimed - ks->pass_start_reclaimed;
	ks->nr_boost_reclaim -= min_ul(ks->nr_boost_reclaim, nr_reclaimed);
	if (ks->nr_boost_reclaim && !nr_reclaimed)
		return false;
	if (ks->raise_priority || !nr_reclaimed)
		sc->priority--;
	return sc->priority >= 1;
}

/*
 * One step of balance_pgdat: finish (or start) a priority pass, at most
 * KSWAPD_STEP_BATCHES LRU batches.  Clears ks->in_balance when it ends.
 */
static void balance_pgdat_step(struct mm_state *mm, int nid)
{
	struct kswapd_state *ks = &mm->kswapd[nid];
	struct pglist_data *pgdat = NODE_DATA(mm, nid);

	if (!ks->in_pass && !balance_pgdat_pass_begin(mm, nid)) {
		balance_pgdat_end(mm, nid);	/* goto out: balanced */
		return;
	}
	for (int i = 0; i < KSWAPD_STEP_BATCHES; i++)
		if (!shrink_lruvec_batch(mm, pgdat, &ks->sc))
			break;
	if (ks->sc.nr_file_left)
		return;
	if (shrink_node_end(mm, pgdat, &ks->sc)) {
		shrink_node_begin(pgdat, &ks->sc);	/* shrink_node: again */
		return;
	}
	if (!balance_pgdat_pass_end(mm, nid)) {
		if (!ks->sc.nr_reclaimed)
			ks->failures++;
		balance_pgdat_end(mm, nid);
	}
}

/* mm/vmscan.c: prepare_kswapd_sleep */
static bool prepare_kswapd_sleep(struct mm_state *mm, int nid, int order,
				 int highest_zoneidx)
{
	if (mm->kswapd[nid].failures >= MAX_RECLAIM_RETRIES)
		return true;
	return pgdat_balanced(NODE_DATA(mm, nid), order, highest_zoneidx);
}

/* mm/compaction.c: reset_isolation_suitable */
static void reset_isolation_suitable(struct mm_state *mm, int nid)
{
	for (int t = 0; t < MAX_NR_ZONES; t++) {
		struct zone *zone = &NODE_DATA(mm, nid)->node_zones[t];

		if (populated_zone(zone) && zone->compact_blockskip_flush)
			__reset_isolation_suitable(mm, zone);
	}
}

/*
 * mm/vmscan.c: kswapd_try_to_sleep - if the node is balanced for the
 * order reclaim finished at, the skip hints go, kcompactd is woken for the
 * order kswapd was woken for, and kswapd naps for HZ/10 on its wait queue
 * (kswapd_nap_end takes it from there).  Returns true if it napped; false
 * means the node still needs it: not balanced before the nap, which the
 * kernel counts as kswapd_high_wmark_hit_quickly, and kswapd loops.
 */
static bool kswapd_try_to_sleep(struct mm_state *mm, int nid, int alloc_order,
				int reclaim_order, int highest_zoneidx)
{
	struct kswapd_state *ks = &mm->kswapd[nid];

	if (!prepare_kswapd_sleep(mm, nid, reclaim_order, highest_zoneidx)) {
		mm->vm_events[KSWAPD_HIGH_WMARK_HIT_QUICKLY]++;
		return false;
	}
	reset_isolation_suitable(mm, nid);
	wakeup_kcompactd(mm, nid, alloc_order, highest_zoneidx);
	ks->running = false;
	ks->napping = true;
	ks->nap_seq++;
	ks->nap_order = reclaim_order;
	ks->nap_zoneidx = highest_zoneidx;
	return true;
}

/* mm/vmscan.c: kswapd_try_to_sleep, after schedule_timeout(HZ/10) */
void kswapd_nap_end(struct mm_state *mm, int nid, unsigned int seq)
{
	struct kswapd_state *ks = &mm->kswapd[nid];

	if (!ks->napping || seq != ks->nap_seq)
		return;
	ks->napping = false;
	if (prepare_kswapd_sleep(mm, nid, ks->nap_order, ks->nap_zoneidx)) {
		trace_event(mm, "mm_vmscan_kswapd_sleep", "nid=%d", nid);
		return;
	}
	/* not balanced after the nap: kswapd() loops to balance_pgdat */
	mm->vm_events[KSWAPD_HIGH_WMARK_HIT_QUICKLY]++;
	ks->wake_pending = true;
	mm->nr_daemon_wakes++;
}

/*
 * mm/vmscan.c: kswapd's loop, from reading the request to balance_pgdat:
 * the order and highest zone wanted since it last looked are taken.
 */
static void kswapd_run_begin(struct mm_state *mm, int nid)
{
	struct kswapd_state *ks = &mm->kswapd[nid];

	if (!ks->started) {
		ks->classzone_idx = MAX_NR_ZONES - 1;
		ks->cpu = node_cpu(mm, nid);
		ks->started = true;
	}
	if (ks->nap_woken) {
		/* kswapd_try_to_sleep, woken in the nap (remaining != 0) */
		ks->nap_woken = false;
		mm->vm_events[KSWAPD_LOW_WMARK_HIT_QUICKLY]++;
		if (!ks->highest_zoneidx_set) {
			ks->highest_zoneidx = ks->nap_zoneidx;
			ks->highest_zoneidx_set = true;
		}
		if (ks->order < ks->nap_order)
			ks->order = ks->nap_order;
	}
	ks->alloc_order = ks->order;
	/* kswapd_highest_zoneidx: no request keeps the previous run's */
	if (ks->highest_zoneidx_set)
		ks->classzone_idx = ks->highest_zoneidx;
	ks->order = 0;
	ks->highest_zoneidx_set = false;
	ks->running = true;
	ks->wake_pending = false;
	trace_event(mm, "mm_vmscan_kswapd_wake", "nid=%d order=%d", nid,
		    ks->alloc_order);
	balance_pgdat_begin(mm, nid, ks->alloc_order, ks->classzone_idx);
}

/*
 * After balance_pgdat: a run that fell back to order 0 tries to sleep
 * with the order it was woken for; otherwise the requests that came
 * meanwhile (kept until kswapd next wakes) decide.
 */
static bool kswapd_after_balance(struct mm_state *mm, int nid)
{
	struct kswapd_state *ks = &mm->kswapd[nid];
	int hz = ks->classzone_idx;

	if (ks->reclaim_order < ks->alloc_order)
		return kswapd_try_to_sleep(mm, nid, ks->alloc_order,
					   ks->reclaim_order, hz);
	if (ks->highest_zoneidx_set)
		hz = ks->highest_zoneidx;
	ks->classzone_idx = hz;
	return kswapd_try_to_sleep(mm, nid, ks->order, ks->order, hz);
}

struct reclaim_step kswapd_step(struct mm_state *mm, int nid)
{
	struct kswapd_state *ks = &mm->kswapd[nid];
	struct reclaim_step step = { 0 };
	unsigned long scanned, stolen;

	if (!ks->in_balance)
		kswapd_run_begin(mm, nid);
	ks->cpu = ks->sc.cpu = daemon_cpu(mm, nid, ks->cpu);
	scanned = mm->vm_events[PGSCAN_KSWAPD];
	stolen = ks->sc.nr_reclaimed + ks->sc.lruvec_reclaimed;
	balance_pgdat_step(mm, nid);
	step.nr_scanned = mm->vm_events[PGSCAN_KSWAPD] - scanned;
	step.nr_reclaimed = ks->sc.nr_reclaimed + ks->sc.lruvec_reclaimed -
			    stolen;
	if (!ks->in_balance)
		step.done = kswapd_after_balance(mm, nid);
	return step;
}

/* --- drop_caches --- */

/* fs/drop_caches.c: drop_pagecache_sb for every superblock */
static unsigned long drop_pagecache(struct mm_state *mm)
{
	unsigned long freed = 0;

	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++) {
		struct block_lru *lru = &NODE_DATA(mm, nid)->lru[RECLAIM_LIST_FILE];

		while (!lru_empty(lru)) {
			struct lru_entry e = lru_tail(mm, NODE_DATA(mm, nid),
						      RECLAIM_LIST_FILE);

			lru_isolate(mm, RECLAIM_LIST_FILE, e);
			freed += reclaim_block(mm, e, 0);
		}
	}
	return freed;
}

/* mm/vmscan.c: drop_slab - shrink at priority 0 until little comes back */
static unsigned long drop_slab(struct mm_state *mm)
{
	unsigned long freed = 0, round;

	for (int nid = 0; nid < mm->layout.nr_node_ids; nid++)
		do {
			round = shrink_slab(mm, NODE_DATA(mm, nid), 0, 0);
			freed += round;
		} while (round > 10);
	return freed;
}

unsigned long drop_caches(struct mm_state *mm, int mode)
{
	unsigned long freed = 0;

	if (mode & 1) {
		freed += drop_pagecache(mm);
		mm->vm_events[DROP_PAGECACHE]++;
	}
	if (mode & 2) {
		freed += drop_slab(mm);
		mm->vm_events[DROP_SLAB]++;
	}
	return freed;
}
