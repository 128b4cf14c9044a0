/*
 * check_snapshot.c - the import of a per-frame dump (mm/snapshot.c) on a
 * small hand-built machine, each outcome derived by hand from the buddy
 * allocator's rules and the mappings of doc/snapshot.md.
 *
 * Machine: one DMA32 zone, pfn 4096..20479 (16384 pages, 32 pageblocks),
 * nothing reserved, 2 CPUs, pcp on.  The dump covers pfn 0..32767 (the
 * first 128 MiB section): frames outside the zone are NOPAGE; inside, every
 * frame is free (BUDDY) unless a test says otherwise.
 */
#include <stdio.h>
#include <string.h>

#include "mm/internal.h"
#include "mm/snapshot.h"
#include "suites.h"

#define BASE		4096UL
#define PAGES		16384UL
#define END		(BASE + PAGES)
#define DUMP		32768UL

static struct mm_state mm;
static struct machine m;
static struct zone *zone;
static uint64_t flags[DUMP + 1], counts[DUMP + 1];
static struct snapshot_stats st;
static bool imported;

/* A dump held in memory, handed out in pieces of an awkward size. */
struct mem_source {
	unsigned long pos, len;
};

static long mem_read(void *ctx, uint64_t *f, uint64_t *c, size_t n)
{
	struct mem_source *s = ctx;
	size_t k = n < 777 ? n : 777;

	if (k > s->len - s->pos)
		k = s->len - s->pos;
	memcpy(f, flags + s->pos, k * sizeof(*f));
	memcpy(c, counts + s->pos, k * sizeof(*c));
	s->pos += k;
	return (long)k;
}

static void setup(void)
{
	machine_init(&m, &arch_x86_64, "test");
	memblock_add_node(&m.memory, PFN_PHYS(BASE), PFN_PHYS(PAGES), 0, 0);
	m.node_declared[0] = true;
	m.boot_allocations = false;
	m.nr_cpus = 2;
	for (unsigned long pfn = 0; pfn <= DUMP; pfn++) {
		flags[pfn] = pfn >= BASE && pfn < END ? KPF(BUDDY) : KPF(NOPAGE);
		counts[pfn] = 0;
	}
	imported = false;
}

static void teardown(void)
{
	if (imported) {
		ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
		mm_release(&mm);
	}
	machine_release(&m);
}

static enum snapshot_status import_len(unsigned long len)
{
	struct mem_source s = { .len = len };
	struct snapshot_source src = { .read = mem_read, .ctx = &s };
	struct printk_log log;
	enum snapshot_status status;

	printk_init(&log);
	status = snapshot_import(&mm, &m, &log, &src, &st);
	printk_release(&log);
	imported = status == SNAPSHOT_OK;
	if (imported) {
		mm.log = NULL;
		zone = mm_zone(&mm, 0, ZONE_DMA32);
	}
	return status;
}

static void import(void)
{
	ck_assert_int_eq(import_len(DUMP), SNAPSHOT_OK);
}

static void set_pages(unsigned long pfn, unsigned long n, uint64_t f,
		      uint64_t count)
{
	for (unsigned long i = 0; i < n; i++) {
		flags[pfn + i] = f;
		counts[pfn + i] = count;
	}
}

/* A compound page: a head and 2^order - 1 tails. */
static void set_compound(unsigned long pfn, unsigned int order, uint64_t f)
{
	flags[pfn] = f | KPF(COMPOUND_HEAD);
	set_pages(pfn + 1, (1UL << order) - 1, (f & ~KPF(LRU)) |
		  KPF(COMPOUND_TAIL), 0);
}

/* The allocated block headed by pfn, as its owner (the import makes it
 * bare: no record). */
static const struct page_block *block_at(unsigned long pfn)
{
	static struct page_block b;

	ck_assert_msg(frame_type(&mm.memmap, pfn) == FRAME_BARE,
		      "no bare allocated block at pfn %lu", pfn);
	b = (struct page_block){
		.pfn = pfn, .order = (uint8_t)allocated_order(&mm, pfn),
		.kind = (uint8_t)allocated_kind(&mm, pfn),
		.migratetype = (uint8_t)allocated_migratetype(&mm, pfn),
	};
	return &b;
}

static enum migratetype block_type(unsigned long pfn)
{
	return get_pageblock_migratetype(&mm.memmap, pfn);
}

#define ANON_FLAGS	(KPF(UPTODATE) | KPF(LRU) | KPF(MMAP) | KPF(ANON) | \
			 KPF(SWAPBACKED))

/*
 * One anonymous page at 4101 cuts the free memory in two runs: [4096,
 * 4101) is held as order 2 at 4096 and order 0 at 4100; [4102, 20480) as
 * the largest aligned blocks: orders 1 (4102), 3 (4104), 4, 5, 6, 7, 8,
 * 9 (4608) and fifteen order-10 blocks from 5120.
 */
START_TEST(test_free_runs_rebuilt_as_buddy_blocks)
{
	static const unsigned long want[MAX_ORDER] = {
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 15,
	};

	set_pages(4101, 1, ANON_FLAGS, 1);
	import();
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		ck_assert_msg(zone->free_area[o].nr_free == want[o],
			      "order %u: %lu free blocks, expected %lu", o,
			      zone->free_area[o].nr_free, want[o]);
	ck_assert(PageBuddy(&mm, 4096) && buddy_block(&mm, 4096)->order == 2);
	ck_assert(PageBuddy(&mm, 4100) && buddy_block(&mm, 4100)->order == 0);
	ck_assert(PageBuddy(&mm, 4608) && buddy_block(&mm, 4608)->order == 9);
	ck_assert_uint_eq(zone->nr_free_pages, PAGES - 1);
	ck_assert_uint_eq(zone->managed_pages, PAGES);
	ck_assert_int_eq(block_at(4101)->kind, OWNER_ANON);
	ck_assert_int_eq(block_at(4101)->migratetype, MIGRATE_MOVABLE);
	ck_assert_uint_eq(st.free_pages, PAGES - 1);
	ck_assert_uint_eq(st.kind_pages[OWNER_ANON], 1);
}
END_TEST

/*
 * Compound pages are one block of their order: a THP of order 9 at 5120,
 * a slab of order 3 at 4104; a head whose two tails make 3 pages is no
 * block of the allocator, so its pages count one by one.
 */
START_TEST(test_compound_pages)
{
	set_compound(5120, 9, ANON_FLAGS | KPF(THP));
	set_compound(4104, 3, KPF(SLAB));
	flags[4200] = KPF(PGTABLE);
	flags[4300] = KPF(COMPOUND_HEAD);
	flags[4301] = flags[4302] = KPF(COMPOUND_TAIL);
	import();
	ck_assert_int_eq(block_at(5120)->order, 9);
	ck_assert_int_eq(block_at(5120)->kind, OWNER_THP);
	ck_assert_int_eq(block_at(4104)->order, 3);
	ck_assert_int_eq(block_at(4104)->kind, OWNER_SLAB_UNMOVABLE);
	ck_assert_int_eq(block_at(4200)->kind, OWNER_PAGETABLE);
	for (unsigned long p = 4300; p < 4303; p++) {
		ck_assert_int_eq(block_at(p)->order, 0);
		ck_assert_int_eq(block_at(p)->kind, OWNER_KERNEL);
	}
	ck_assert_uint_eq(st.compound_broken, 1);
	ck_assert_uint_eq(st.kind_pages[OWNER_THP], 512);
}
END_TEST

/*
 * A gigantic hugetlb page of 2048 pages at 8192 (not a buddy order) is
 * held as two order-10 hugetlb blocks.
 */
START_TEST(test_gigantic_page)
{
	set_compound(8192, 11, KPF(HUGE));
	import();
	ck_assert_int_eq(block_at(8192)->order, 10);
	ck_assert_int_eq(block_at(9216)->order, 10);
	ck_assert_int_eq(block_at(9216)->kind, OWNER_HUGETLB);
	ck_assert_uint_eq(st.kind_pages[OWNER_HUGETLB], 2048);
	ck_assert_uint_eq(st.compound_broken, 0);
}
END_TEST

/*
 * Pageblock types from their contents (every block boots MOVABLE):
 * - 4096: 300 slab pages, nothing else allocated: RECLAIMABLE;
 * - 4608: 100 page tables and 50 anonymous pages: UNMOVABLE;
 * - 5120: 200 anonymous pages and 100 bare ones: MOVABLE, bare on pcp;
 * - 5632: 300 bare pages and nothing else: UNMOVABLE, bare are kernel;
 * - 6144: 100 bare pages only: stays MOVABLE, on pcp lists;
 * - 6656: 100 ramfs pages (unevictable page cache, not mlocked) and 80
 *   tmpfs pages: UNMOVABLE (ramfs is allocated without __GFP_MOVABLE);
 * - 7168: 240 anonymous pages, 250 bare ones and 5 slab pages: UNMOVABLE,
 *   the bare pages counted with the slab (a claimed block's pipe
 *   buffers), kernel memory, not pcp pages; alone (5120) they are not.
 */
START_TEST(test_pageblock_types)
{
	set_pages(4096, 300, KPF(SLAB), 0);
	set_pages(4608, 100, KPF(PGTABLE), 0);
	set_pages(4708, 50, ANON_FLAGS, 1);
	set_pages(5120, 200, ANON_FLAGS, 1);
	set_pages(5320, 100, 0, 0);
	set_pages(5632, 300, 0, 0);
	set_pages(6144, 100, 0, 0);
	set_pages(6656, 100, KPF(LRU) | KPF(UNEVICTABLE) | KPF(UPTODATE), 0);
	set_pages(6756, 80, KPF(LRU) | KPF(SWAPBACKED) | KPF(UPTODATE), 0);
	set_pages(7168, 240, ANON_FLAGS, 1);
	set_pages(7408, 250, 0, 0);
	set_pages(7658, 5, KPF(SLAB), 0);
	import();
	ck_assert_int_eq(block_type(4096), MIGRATE_RECLAIMABLE);
	ck_assert_int_eq(block_at(4096)->migratetype, MIGRATE_RECLAIMABLE);
	ck_assert_int_eq(block_type(4608), MIGRATE_UNMOVABLE);
	ck_assert_int_eq(block_type(5120), MIGRATE_MOVABLE);
	ck_assert_int_eq(frame_type(&mm.memmap, 5320), FRAME_PCP);
	ck_assert_int_eq(block_type(5632), MIGRATE_UNMOVABLE);
	ck_assert_int_eq(block_at(5632)->kind, OWNER_KERNEL);
	ck_assert_int_eq(block_type(6144), MIGRATE_MOVABLE);
	ck_assert_int_eq(frame_type(&mm.memmap, 6144), FRAME_PCP);
	ck_assert_int_eq(block_type(6656), MIGRATE_UNMOVABLE);
	ck_assert_int_eq(block_at(6656)->kind, OWNER_RAMFS);
	ck_assert_int_eq(block_at(6756)->kind, OWNER_ANON);
	ck_assert_int_eq(block_type(7168), MIGRATE_UNMOVABLE);
	ck_assert_int_eq(block_at(7408)->kind, OWNER_KERNEL);
	ck_assert_uint_eq(st.pcp_pages, 200);
	ck_assert_uint_eq(st.pageblocks_retyped, 5);
	ck_assert_uint_eq(zone->nr_pageblock[MIGRATE_UNMOVABLE], 4);
	ck_assert_uint_eq(zone->nr_pageblock[MIGRATE_RECLAIMABLE], 1);
	ck_assert_uint_eq(zone->nr_pageblock[MIGRATE_MOVABLE], 27);
	/* pcp pages are not in NR_FREE_PAGES; the two lists share them */
	ck_assert_int_eq(zone->per_cpu_pageset[0].count +
			 zone->per_cpu_pageset[1].count, 200);
	ck_assert_int_eq(zone->per_cpu_pageset[0].count, 100);
}
END_TEST

/*
 * The per-cpu lists hold no more than their high mark: bare pages in
 * movable blocks beyond high - 1 per CPU are kernel allocations.
 */
START_TEST(test_pcp_bounded_by_high)
{
	unsigned long room;

	/* every other page of the zone bare, the rest anonymous */
	for (unsigned long p = BASE; p < END; p += 2) {
		set_pages(p, 1, 0, 0);
		set_pages(p + 1, 1, ANON_FLAGS, 1);
	}
	import();
	room = (unsigned long)(zone->per_cpu_pageset[0].high - 1) +
	       (unsigned long)(zone->per_cpu_pageset[1].high - 1);
	ck_assert_uint_lt(room, PAGES / 2);
	ck_assert_uint_eq(st.pcp_pages, room);
	ck_assert_uint_eq(st.kind_pages[OWNER_KERNEL], PAGES / 2 - room);
	ck_assert_uint_eq(zone->nr_free_pages, 0);
}
END_TEST

/*
 * The dump decides what is managed: a frame the dump calls reserved leaves
 * the zone's managed pages; reserved frames never join a free block, so
 * the free run around pfn 4100 stops there.
 */
START_TEST(test_reserved_frames)
{
	set_pages(4100, 4, KPF(RESERVED), 1);
	import();
	ck_assert_uint_eq(zone->managed_pages, PAGES - 4);
	ck_assert_int_eq(frame_type(&mm.memmap, 4100), FRAME_RESERVED);
	ck_assert_uint_eq(zone->nr_free_pages, PAGES - 4);
	ck_assert(PageBuddy(&mm, 4096) && buddy_block(&mm, 4096)->order == 2);
	ck_assert(PageBuddy(&mm, 4104) && buddy_block(&mm, 4104)->order == 3);
	ck_assert_uint_eq(st.unmanaged_pages, DUMP - PAGES + 4);
}
END_TEST

/*
 * Length: the machine's memory ends at 20480; a dump runs to the end of
 * that 128 MiB section, 32768.  Shorter than 20480 is truncated, longer
 * than 32768 belongs to another machine.
 */
START_TEST(test_dump_length)
{
	ck_assert_int_eq(import_len(END - 1), SNAPSHOT_TRUNCATED);
	ck_assert_uint_eq(st.frames, END - 1);
	ck_assert_uint_eq(st.frames_needed, END);
	ck_assert_int_eq(import_len(DUMP + 1), SNAPSHOT_TOO_LONG);
	ck_assert_uint_eq(st.frames_max, DUMP);
	ck_assert_int_eq(import_len(END), SNAPSHOT_OK);
	ck_assert_uint_eq(zone->nr_free_pages, PAGES);
}
END_TEST

/*
 * Two 2 MiB hugetlb pages in the dump are the pool: writing 2 to
 * nr_hugepages keeps it, writing 0 frees both (1024 pages back, on the
 * buddy lists or the per-cpu lists, which hold order-9 pages too).
 */
START_TEST(test_hugetlb_pool_adopted)
{
	struct hstate h;

	set_compound(5120, 9, KPF(HUGE));
	set_compound(6144, 9, KPF(HUGE));
	import();
	hstate_init(&h);
	ck_assert_uint_eq(snapshot_adopt_hugetlb(&mm, &h), 2);
	ck_assert_uint_eq(set_max_huge_pages(&mm, &h, 2, 0), 2);
	ck_assert_uint_eq(zone->nr_free_pages, PAGES - 1024);
	ck_assert_uint_eq(set_max_huge_pages(&mm, &h, 0, 0), 0);
	ck_assert_uint_eq(zone->nr_free_pages + zone_pcp_pages(zone, 2), PAGES);
	hstate_release(&h);
}
END_TEST

#define FILE_FLAGS	(KPF(UPTODATE) | KPF(LRU) | KPF(MAPPEDTODISK))

/* Records in use: the import makes none, every block it reads is bare. */
static unsigned long live_records(void)
{
	return mm.blocks_used - mm.nr_blocks_unused;
}

/* A free frame of the zone taken as compaction takes a target. */
static unsigned long isolated_target(void)
{
	struct alloc_result r = alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 0, 0,
					    OWNER_ISOLATED);

	ck_assert_uint_ne(r.pfn, PFN_NONE);
	return r.pfn;
}

/*
 * Imported blocks have no record; page cache joins the file list's bare
 * part, counted on the list and in its zone.
 */
START_TEST(test_imported_blocks_are_bare)
{
	const struct block_lru *lru = &mm.layout.node_data[0].lru[RECLAIM_LIST_FILE];

	set_pages(4101, 1, ANON_FLAGS, 1);
	set_pages(4200, 64, FILE_FLAGS, 0);
	import();
	ck_assert_uint_eq(live_records(), 0);
	ck_assert_int_eq(frame_type(&mm.memmap, 4200), FRAME_BARE);
	ck_assert_uint_eq(bare_lru(&mm, 4200), RECLAIM_LIST_FILE + 1);
	ck_assert_uint_eq(bare_lru(&mm, 4101), 0);
	ck_assert_uint_eq(lru->nr_pages, 64);
	ck_assert_uint_eq(lru->bare_pages, 64);
	ck_assert_uint_eq(zone->nr_zone_file, 64);
}
END_TEST

/* An anonymous page migrates as its word: no record is made for it. */
START_TEST(test_bare_block_migrates_bare)
{
	unsigned long dst;

	set_pages(4101, 1, ANON_FLAGS, 1);
	import();
	dst = isolated_target();
	page_block_move(&mm, 4101, dst);
	free_the_page(&mm, 4101, 0, 0);
	ck_assert_int_eq(frame_type(&mm.memmap, dst), FRAME_BARE);
	ck_assert_int_eq(allocated_kind(&mm, dst), OWNER_ANON);
	ck_assert_int_eq(allocated_migratetype(&mm, dst), MIGRATE_MOVABLE);
	ck_assert_uint_eq(live_records(), 0);
	ck_assert_int_ne(frame_type(&mm.memmap, 4101), FRAME_BARE);
}
END_TEST

/*
 * Reclaim takes imported page cache oldest first, which is the lowest pfn
 * (the import added it in pfn order); the page migrated from the oldest
 * place went back at the young end, with a record, and goes last.
 */
START_TEST(test_bare_page_cache_reclaimed_in_pfn_order)
{
	const struct block_lru *lru = &mm.layout.node_data[0].lru[RECLAIM_LIST_FILE];
	const struct zoneref *zl;
	unsigned long dst, freed;

	set_pages(4200, 64, FILE_FLAGS, 0);
	import();
	zl = mm.layout.node_zonelists[0][ZONELIST_FALLBACK];
	dst = isolated_target();
	page_block_move(&mm, 4200, dst);
	free_the_page(&mm, 4200, 0, 0);
	ck_assert_int_eq(frame_type(&mm.memmap, dst), FRAME_ALLOC);
	ck_assert_uint_eq(live_records(), 1);
	ck_assert_uint_eq(lru->nr_pages, 64);
	ck_assert_uint_eq(lru->bare_pages, 63);
	ck_assert_uint_eq(zone->nr_zone_file, 64);

	freed = try_to_free_pages(&mm, zl, 0, GFP_KERNEL, 0);
	ck_assert_uint_gt(freed, 0);
	ck_assert_uint_lt(freed, 63);
	for (unsigned long pfn = 4201; pfn < 4264; pfn++)
		ck_assert_msg((frame_type(&mm.memmap, pfn) == FRAME_BARE) ==
			      (pfn >= 4201 + freed),
			      "pfn %lu after %lu pages were reclaimed", pfn, freed);
	ck_assert_int_eq(frame_type(&mm.memmap, dst), FRAME_ALLOC);
	ck_assert_uint_eq(lru->nr_pages, 64 - freed);
	ck_assert_uint_eq(zone->nr_zone_file, 64 - freed);

	ck_assert_uint_eq(drop_caches(&mm, 1), 64 - freed);
	ck_assert_uint_eq(lru->nr_pages, 0);
	ck_assert_uint_eq(lru->bare_pages, 0);
	ck_assert_uint_eq(live_records(), 0);
}
END_TEST

/* A managed frame where the machine has no zone is left out and counted. */
START_TEST(test_frames_outside_the_machine)
{
	set_pages(100, 3, ANON_FLAGS, 1);
	import();
	ck_assert_uint_eq(st.outside_pages, 3);
	ck_assert_uint_eq(zone->nr_free_pages, PAGES);
}
END_TEST

Suite *snapshot_suite(void)
{
	Suite *s = suite_create("snapshot");
	TCase *tc = tcase_create("import");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_free_runs_rebuilt_as_buddy_blocks);
	tcase_add_test(tc, test_compound_pages);
	tcase_add_test(tc, test_gigantic_page);
	tcase_add_test(tc, test_pageblock_types);
	tcase_add_test(tc, test_pcp_bounded_by_high);
	tcase_add_test(tc, test_reserved_frames);
	tcase_add_test(tc, test_dump_length);
	tcase_add_test(tc, test_frames_outside_the_machine);
	tcase_add_test(tc, test_hugetlb_pool_adopted);
	tcase_add_test(tc, test_imported_blocks_are_bare);
	tcase_add_test(tc, test_bare_block_migrates_bare);
	tcase_add_test(tc, test_bare_page_cache_reclaimed_in_pfn_order);
	suite_add_tcase(s, tc);
	return s;
}
