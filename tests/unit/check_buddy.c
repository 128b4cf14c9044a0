/*
 * check_buddy.c - the buddy allocator's decisions, worked out by hand from
 * mm/page_alloc.c (6.1): __rmqueue_smallest and expand, __free_one_page
 * (merging and list placement), __rmqueue_fallback and
 * steal_suitable_fallback, and the invariant checker after long random
 * sequences.
 *
 * The test machine has one node with 4096 pages at pfn 4096..8191
 * (16-32 MiB, all in DMA32): four order-10 blocks, eight MOVABLE
 * pageblocks, freed to the list tails in address order at boot.
 */
#include <stdio.h>

#include "mm/internal.h"
#include "suites.h"
#include "testbed.h"

#define BASE	4096UL

static struct mm_state mm;
static struct zone *zone;

static void boot_small(unsigned long start_pfn, unsigned long nr_pages)
{
	testbed_boot(&mm, start_pfn, nr_pages, true);
}

static void setup(void)
{
	boot_small(BASE, 4096);
	zone = mm_zone(&mm, 0, ZONE_DMA32);
}

static void teardown(void)
{
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	mm_release(&mm);
}

/* The pfn at position i (0 = head) of a free list, or PFN_NONE. */
static unsigned long list_at(unsigned int order, enum migratetype mt, int i)
{
	uint32_t idx = zone->free_area[order].free_list[mt].head;

	while (idx != NIL && i--)
		idx = mm.free_blocks[idx].next;
	return idx == NIL ? PFN_NONE : free_block_pfn(&mm, &mm.free_blocks[idx]);
}

static unsigned long list_len(unsigned int order, enum migratetype mt)
{
	unsigned long n = 0;

	for (uint32_t i = zone->free_area[order].free_list[mt].head; i != NIL;
	     i = mm.free_blocks[i].next)
		n++;
	return n;
}

/* Boot: 4 order-10 MOVABLE blocks in address order, all pages free. */
START_TEST(test_boot_state)
{
	ck_assert(!mm.page_group_by_mobility_disabled);
	ck_assert_uint_eq(zone->managed_pages, 4096);
	ck_assert_uint_eq(zone->nr_free_pages, 4096);
	ck_assert_uint_eq(zone->free_area[10].nr_free, 4);
	for (int i = 0; i < 4; i++)
		ck_assert_uint_eq(list_at(10, MIGRATE_MOVABLE, i), BASE + 1024UL * i);
	for (unsigned long pfn = BASE; pfn < BASE + 4096; pfn += 512)
		ck_assert_int_eq(get_pageblock_migratetype(&mm.memmap, pfn),
				 MIGRATE_MOVABLE);
}
END_TEST

/*
 * The first order-0 MOVABLE allocation takes the head order-10 block (pfn
 * 4096) and expand() leaves its upper halves at the head of each order's
 * list: 4096+512 at order 9, +256 at 8, ..., +1 at 0.
 */
START_TEST(test_first_order0_splits_largest)
{
	unsigned long pfn = rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE,
					  OWNER_ANON, 0);

	ck_assert_uint_eq(pfn, BASE);
	for (unsigned int o = 0; o < 10; o++) {
		ck_assert_uint_eq(zone->free_area[o].nr_free, 1);
		ck_assert_uint_eq(list_at(o, MIGRATE_MOVABLE, 0), BASE + (1UL << o));
	}
	ck_assert_uint_eq(zone->free_area[10].nr_free, 3);
	ck_assert_uint_eq(list_at(10, MIGRATE_MOVABLE, 0), BASE + 1024);
	ck_assert_uint_eq(zone->nr_free_pages, 4095);
	/* The next order-0 request gets the order-0 block left by the split. */
	ck_assert_uint_eq(rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE,
					OWNER_ANON, 0), BASE + 1);
	ck_assert_uint_eq(zone->free_area[0].nr_free, 0);
}
END_TEST

/*
 * An UNMOVABLE request on an all-MOVABLE zone: __rmqueue_fallback looks
 * from order 10 down, finds MOVABLE at order 10, may steal (unmovable
 * requests always may); the block is >= pageblock_order so both of its
 * pageblocks become UNMOVABLE (change_pageblock_range), then the split
 * happens on the UNMOVABLE lists.  The tracepoint counts: one event, not
 * fragmenting (fallback order 10 >= 9), ownership changed.
 */
START_TEST(test_unmovable_steals_largest_and_claims)
{
	unsigned long pfn = rmqueue_block(&mm, zone, 0, MIGRATE_UNMOVABLE,
					  OWNER_SLAB_UNMOVABLE, 0);

	ck_assert_uint_eq(pfn, BASE);
	ck_assert_int_eq(get_pageblock_migratetype(&mm.memmap, BASE),
			 MIGRATE_UNMOVABLE);
	ck_assert_int_eq(get_pageblock_migratetype(&mm.memmap, BASE + 512),
			 MIGRATE_UNMOVABLE);
	ck_assert_int_eq(get_pageblock_migratetype(&mm.memmap, BASE + 1024),
			 MIGRATE_MOVABLE);
	for (unsigned int o = 0; o < 10; o++) {
		ck_assert_uint_eq(list_at(o, MIGRATE_UNMOVABLE, 0), BASE + (1UL << o));
		ck_assert_uint_eq(list_len(o, MIGRATE_MOVABLE), 0);
	}
	ck_assert_uint_eq(list_len(10, MIGRATE_MOVABLE), 3);
	ck_assert_uint_eq(mm.extfrag.events, 1);
	ck_assert_uint_eq(mm.extfrag.fragmenting, 0);
	ck_assert_uint_eq(mm.extfrag.change_ownership, 1);
	/* The next unmovable request finds its own lists: no fallback. */
	ck_assert_uint_eq(rmqueue_block(&mm, zone, 3, MIGRATE_UNMOVABLE,
					OWNER_SLAB_UNMOVABLE, 0), BASE + 8);
	ck_assert_uint_eq(mm.extfrag.events, 1);
}
END_TEST

/* Fill the whole zone with order-0 blocks of one kind. */
static void fill_zone(enum migratetype mt, enum owner_kind kind)
{
	for (unsigned long i = 0; i < 4096; i++)
		ck_assert_uint_ne(rmqueue_block(&mm, zone, 0, mt, kind, 0),
				  PFN_NONE);
	ck_assert_uint_eq(zone->nr_free_pages, 0);
	ck_assert_uint_eq(rmqueue_block(&mm, zone, 0, mt, kind, 0), PFN_NONE);
}

static void free_range(unsigned long start, unsigned long n)
{
	for (unsigned long pfn = start; pfn < start + n; pfn++)
		free_block(&mm, pfn);
}

/*
 * Merging: freeing pfns 4104..4111 (all allocated order-0 MOVABLE) merges
 * them into one order-3 block at 4104, which stops there because its buddy
 * 4096..4103 is allocated.  Freeing 4096..4103 then merges everything up to
 * order 4 at 4096.
 */
START_TEST(test_merge_stops_at_allocated_buddy)
{
	fill_zone(MIGRATE_MOVABLE, OWNER_ANON);
	free_range(BASE + 8, 8);
	ck_assert_uint_eq(zone->free_area[3].nr_free, 1);
	ck_assert_uint_eq(list_at(3, MIGRATE_MOVABLE, 0), BASE + 8);
	for (unsigned int o = 0; o < 3; o++)
		ck_assert_uint_eq(zone->free_area[o].nr_free, 0);
	free_range(BASE, 8);
	ck_assert_uint_eq(zone->free_area[3].nr_free, 0);
	ck_assert_uint_eq(zone->free_area[4].nr_free, 1);
	ck_assert_uint_eq(list_at(4, MIGRATE_MOVABLE, 0), BASE);
	ck_assert_uint_eq(zone->nr_free_pages, 16);
}
END_TEST

/*
 * buddy_merge_likely: a freed block whose parent's buddy is a free block of
 * the parent's order goes to the list tail, otherwise to the head.
 *  - free 4106..4107: an order-1 block at 4106 (its buddy 4104 is
 *    allocated); parent 4104/2's buddy 4108/2 is allocated -> head.
 *  - free 4200: parent 4200/1's buddy 4202/1 is allocated -> head.
 *  - free 4104: its buddy 4105 is allocated; parent 4104/1's buddy is
 *    4106/1, free -> tail.
 * Order-0 list: [4200, 4104].  Freeing 4105 merges 4104+4105 with 4106/1
 * into an order-2 block at 4104.
 */
START_TEST(test_free_list_position)
{
	fill_zone(MIGRATE_MOVABLE, OWNER_ANON);
	free_range(BASE + 10, 2);
	ck_assert_uint_eq(list_at(1, MIGRATE_MOVABLE, 0), BASE + 10);
	free_block(&mm, BASE + 104);
	ck_assert_uint_eq(list_at(0, MIGRATE_MOVABLE, 0), BASE + 104);
	free_block(&mm, BASE + 8);
	ck_assert_uint_eq(list_at(0, MIGRATE_MOVABLE, 0), BASE + 104);
	ck_assert_uint_eq(list_at(0, MIGRATE_MOVABLE, 1), BASE + 8);
	ck_assert_uint_eq(list_len(0, MIGRATE_MOVABLE), 2);

	free_block(&mm, BASE + 9);
	ck_assert_uint_eq(list_at(2, MIGRATE_MOVABLE, 0), BASE + 8);
	ck_assert_uint_eq(list_len(1, MIGRATE_MOVABLE), 0);
	ck_assert_uint_eq(list_len(0, MIGRATE_MOVABLE), 1);
}
END_TEST

/*
 * Merges across pageblocks stop when either type is not mergeable: two
 * free order-9 blocks in one order-10 block, one in a HIGHATOMIC pageblock,
 * stay apart; UNMOVABLE and MOVABLE ones merge.
 */
START_TEST(test_merge_across_pageblock_types)
{
	unsigned long a, b;

	a = rmqueue_block(&mm, zone, 9, MIGRATE_MOVABLE, OWNER_THP, 0);
	b = rmqueue_block(&mm, zone, 9, MIGRATE_MOVABLE, OWNER_THP, 0);
	ck_assert_uint_eq(a, BASE);
	ck_assert_uint_eq(b, BASE + 512);
	set_pageblock_migratetype(&mm, b, MIGRATE_HIGHATOMIC);
	free_block(&mm, a);
	free_block(&mm, b);
	ck_assert_uint_eq(zone->free_area[9].nr_free, 2);
	ck_assert_uint_eq(list_at(9, MIGRATE_HIGHATOMIC, 0), b);
	ck_assert_uint_eq(list_at(9, MIGRATE_MOVABLE, 0), a);
	ck_assert_uint_eq(zone->free_area[10].nr_free, 3);

	a = rmqueue_block(&mm, zone, 9, MIGRATE_MOVABLE, OWNER_THP, 0);
	ck_assert_uint_eq(a, BASE);
	set_pageblock_migratetype(&mm, b, MIGRATE_UNMOVABLE);
	move_to_free_list(&mm, zone, b, MIGRATE_UNMOVABLE);
	free_block(&mm, a);	/* MOVABLE meets UNMOVABLE: they merge */
	ck_assert_uint_eq(zone->free_area[9].nr_free, 0);
	ck_assert_uint_eq(zone->free_area[10].nr_free, 4);
	/* the merged block goes on the list of the freed block's type */
	ck_assert_uint_eq(list_len(10, MIGRATE_MOVABLE), 4);
}
END_TEST

/*
 * A MOVABLE request that may not steal (its fallback is smaller than
 * pageblock_order/2) splits the smallest fallback block instead of the
 * largest (find_smallest).  The zone is filled with UNMOVABLE order-0
 * pages, then 4104..4111 (an order-3 block) and 4098..4099 (order 1) are
 * freed.  The search from order 10 down first meets order 3: no steal,
 * movable, 3 > 0: find_smallest finds order 1 at 4098, moves just that
 * block to MOVABLE (the pageblock stays UNMOVABLE: fragmenting, no
 * ownership change), and the split returns 4098 leaving 4099 on MOVABLE.
 */
START_TEST(test_movable_fallback_finds_smallest)
{
	fill_zone(MIGRATE_UNMOVABLE, OWNER_SLAB_UNMOVABLE);
	ck_assert_uint_eq(mm.extfrag.events, 4);	/* one per order-10 block */
	free_range(BASE + 8, 8);
	free_range(BASE + 2, 2);
	ck_assert_uint_eq(list_at(3, MIGRATE_UNMOVABLE, 0), BASE + 8);
	ck_assert_uint_eq(list_at(1, MIGRATE_UNMOVABLE, 0), BASE + 2);

	ck_assert_uint_eq(rmqueue_block(&mm, zone, 0, MIGRATE_MOVABLE,
					OWNER_ANON, 0), BASE + 2);
	ck_assert_uint_eq(list_at(0, MIGRATE_MOVABLE, 0), BASE + 3);
	ck_assert_uint_eq(list_at(3, MIGRATE_UNMOVABLE, 0), BASE + 8);
	ck_assert_int_eq(get_pageblock_migratetype(&mm.memmap, BASE),
			 MIGRATE_UNMOVABLE);
	ck_assert_uint_eq(mm.extfrag.events, 5);
	ck_assert_uint_eq(mm.extfrag.fragmenting, 1);
	ck_assert_uint_eq(mm.extfrag.change_ownership, 4);
}
END_TEST

/*
 * steal_suitable_fallback on a partly used MOVABLE pageblock.  The zone
 * is filled with order-0 pages, then pfns 4096..4127 (order 5) and
 * 4160..4223 (order 6) of the first pageblock are freed: 96 free pages.
 * An UNMOVABLE order-0 request falls back (from order 10 down the first
 * MOVABLE block is the order-6 one), moves both free blocks of the
 * pageblock to UNMOVABLE and counts movable pages:
 *  - anon pages: movable = 416, alike = 512 - 96 - 416 = 0;
 *    96 < 256 so the pageblock stays MOVABLE;
 *  - slab pages: movable = 0, alike = 416; 96 + 416 >= 256 so the
 *    pageblock becomes UNMOVABLE.
 * Either way the request is served by the smallest UNMOVABLE block now
 * there, the order-5 one at 4096.
 */
static void steal_partial(enum owner_kind kind, enum migratetype expect)
{
	fill_zone(kind == OWNER_ANON ? MIGRATE_MOVABLE : MIGRATE_UNMOVABLE,
		  kind);
	for (unsigned long pfn = BASE; pfn < BASE + 512; pfn += 512)
		set_pageblock_migratetype(&mm, pfn, MIGRATE_MOVABLE);
	free_range(BASE, 32);
	free_range(BASE + 64, 64);
	ck_assert_uint_eq(list_at(6, MIGRATE_MOVABLE, 0), BASE + 64);
	ck_assert_uint_eq(list_at(5, MIGRATE_MOVABLE, 0), BASE);

	ck_assert_uint_eq(rmqueue_block(&mm, zone, 0, MIGRATE_UNMOVABLE,
					OWNER_KERNEL, 0), BASE);
	ck_assert_int_eq(get_pageblock_migratetype(&mm.memmap, BASE), expect);
	ck_assert_uint_eq(list_len(6, MIGRATE_UNMOVABLE), 1);
	ck_assert_uint_eq(list_len(6, MIGRATE_MOVABLE), 0);
	ck_assert_uint_eq(list_len(4, MIGRATE_UNMOVABLE), 1);	/* from the split */
	ck_assert_uint_eq(list_at(4, MIGRATE_UNMOVABLE, 0), BASE + 16);
}

START_TEST(test_steal_partial_block_not_claimed)
{
	unsigned long claims = 0;

	steal_partial(OWNER_ANON, MIGRATE_MOVABLE);
	claims = mm.extfrag.change_ownership;
	ck_assert_uint_eq(mm.extfrag.fragmenting, 1);
	ck_assert_uint_eq(claims, 0);
	/*
	 * Freeing 4096 takes the pageblock's type at free time (MOVABLE) and
	 * merges with the split remainders on the UNMOVABLE lists (merging
	 * below pageblock_order ignores list types) back to order 5 at 4096,
	 * whose buddy 4128 is allocated: the order-5 block lands on MOVABLE.
	 */
	free_block(&mm, BASE);
	ck_assert_uint_eq(list_at(5, MIGRATE_MOVABLE, 0), BASE);
	for (unsigned int o = 0; o < 5; o++)
		ck_assert_uint_eq(list_len(o, MIGRATE_UNMOVABLE), 0);
	ck_assert_uint_eq(list_at(6, MIGRATE_UNMOVABLE, 0), BASE + 64);
}
END_TEST

START_TEST(test_steal_partial_block_claimed)
{
	steal_partial(OWNER_SLAB_UNMOVABLE, MIGRATE_UNMOVABLE);
	ck_assert_uint_eq(mm.extfrag.change_ownership, 4 + 1);
}
END_TEST

/* Orders the kernel refuses (>= MAX_ORDER) fail without touching state. */
START_TEST(test_refuses_max_order)
{
	ck_assert_uint_eq(rmqueue_block(&mm, zone, MAX_ORDER, MIGRATE_MOVABLE,
					OWNER_ANON, 0), PFN_NONE);
	ck_assert_uint_eq(zone->nr_free_pages, 4096);
}
END_TEST

/*
 * Below 2560 pages (pageblock_nr_pages * MIGRATE_TYPES) mobility grouping
 * is off (build_all_zonelists): set_pageblock_migratetype stores UNMOVABLE
 * for every pcp type, and every fallback claims its pageblock.
 */
START_TEST(test_grouping_disabled_on_small_machine)
{
	mm_release(&mm);
	boot_small(BASE, 2048);
	zone = mm_zone(&mm, 0, ZONE_DMA32);
	ck_assert(mm.page_group_by_mobility_disabled);
	ck_assert_int_eq(get_pageblock_migratetype(&mm.memmap, BASE),
			 MIGRATE_UNMOVABLE);
	ck_assert_uint_eq(list_len(10, MIGRATE_UNMOVABLE), 2);
}
END_TEST

/* A tiny deterministic generator, so that failures reproduce. */
static uint64_t rng_state;

static uint32_t rng(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(rng_state >> 33);
}

/*
 * Long random sequences of mixed orders and types, with the invariant
 * checker after every operation; freeing everything must restore the boot
 * state of four order-10 blocks (all pageblocks may have changed type, but
 * every page is free again and fully merged).
 */
START_TEST(test_random_sequence_keeps_invariants)
{
	static const enum owner_kind kinds[3] = {
		OWNER_SLAB_UNMOVABLE, OWNER_ANON, OWNER_SLAB_RECLAIMABLE,
	};
	unsigned long live[4096];
	int nlive = 0;

	rng_state = 0x5eed0000ULL + (uint64_t)_i;
	for (int step = 0; step < 3000; step++) {
		if (nlive && (rng() % 100 < 45 || nlive == 4096)) {
			int k = (int)(rng() % (uint32_t)nlive);

			free_block(&mm, live[k]);
			live[k] = live[--nlive];
		} else {
			unsigned int order = rng() % 100 < 70 ? 0 : rng() % 11;
			enum migratetype mt = (enum migratetype)(rng() % 3);
			unsigned long pfn = rmqueue_block(&mm, zone, order, mt,
							  kinds[mt], 0);

			if (pfn != PFN_NONE)
				live[nlive++] = pfn;
		}
		if (mm_check_invariants(&mm, stderr))
			ck_abort_msg("invariants broken at step %d", step);
	}
	while (nlive)
		free_block(&mm, live[--nlive]);
	ck_assert_uint_eq(zone->nr_free_pages, 4096);
	ck_assert_uint_eq(zone->free_area[10].nr_free, 4);
}
END_TEST

Suite *buddy_suite(void)
{
	Suite *s = suite_create("buddy");
	TCase *tc = tcase_create("buddy");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_boot_state);
	tcase_add_test(tc, test_first_order0_splits_largest);
	tcase_add_test(tc, test_unmovable_steals_largest_and_claims);
	tcase_add_test(tc, test_merge_stops_at_allocated_buddy);
	tcase_add_test(tc, test_free_list_position);
	tcase_add_test(tc, test_merge_across_pageblock_types);
	tcase_add_test(tc, test_movable_fallback_finds_smallest);
	tcase_add_test(tc, test_steal_partial_block_not_claimed);
	tcase_add_test(tc, test_steal_partial_block_claimed);
	tcase_add_test(tc, test_refuses_max_order);
	tcase_add_test(tc, test_grouping_disabled_on_small_machine);
	tcase_add_loop_test(tc, test_random_sequence_keeps_invariants, 0, 4);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}
