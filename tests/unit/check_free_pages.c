/*
 * check_free_pages.c - freeing by the block's record (__free_pages with
 * the ref, pfn and order the allocation returned) against freeing by
 * address (free_pages): the same state after the same operations, and the
 * ref's life from allocation to reuse.
 *
 * The machine is check_page_alloc.c's machine A: one node, two CPUs, DMA
 * pfn 1..4095 and DMA32 pfn 4096..20479, pcp lists on (DMA32: batch 3,
 * high 142).
 */
#include <string.h>

#include "mm/internal.h"
#include "suites.h"

static struct mm_state mm, mm2;
static struct printk_log klog, klog2;	/* the boot messages */

/* An allocated block as a caller holds it. */
struct held {
	unsigned long pfn;
	struct block_ref ref;
	unsigned int order;
};

static void boot(struct mm_state *s, struct printk_log *log)
{
	struct machine m;

	machine_init(&m, &arch_x86_64, "test");
	memblock_add_node(&m.memory, PFN_PHYS(1), PFN_PHYS(20479), 0, 0);
	m.node_declared[0] = true;
	m.boot_allocations = false;
	m.sysctl.pcp_enabled = true;
	printk_init(log);
	ck_assert_int_eq(mm_init(s, &m, log), 0);
	machine_release(&m);
}

static void setup(void)
{
	boot(&mm, &klog);
	boot(&mm2, &klog2);
}

static void teardown(void)
{
	ck_assert_int_eq(mm_check_invariants(&mm, stderr), 0);
	ck_assert_int_eq(mm_check_invariants(&mm2, stderr), 0);
	mm_release(&mm);
	mm_release(&mm2);
	printk_release(&klog);
	printk_release(&klog2);
}

/*
 * An order-0 movable block freed by its ref on CPU 0 goes to the head of
 * that CPU's movable order-0 pcp list (free_unref_page), so the next such
 * request gets it back; the released record is the next one handed out
 * (a stack), with its generation bumped, so the old ref is stale.
 */
START_TEST(test_ref_life_and_pcp_lifo)
{
	struct zone *dma32 = mm_zone(&mm, 0, ZONE_DMA32);
	struct per_cpu_pages *pcp = &dma32->per_cpu_pageset[0];
	struct alloc_result a, b;
	struct block_ref ref;
	int count;

	a = alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 0, 0, OWNER_ANON);
	ck_assert_uint_ne(a.pfn, PFN_NONE);
	ck_assert_ptr_eq(a.zone, dma32);
	ref = block_ref_of(&mm, a.pfn);
	ck_assert_uint_eq(a.ref.idx, ref.idx);
	ck_assert_uint_eq(a.ref.gen, ref.gen);
	ck_assert_uint_eq(block_ref_get(&mm, a.ref)->pfn, a.pfn);

	count = pcp->count;
	__free_pages(&mm, a.ref, a.pfn, 0, 0);
	ck_assert_ptr_null(block_ref_get(&mm, a.ref));
	ck_assert_int_eq(pcp->count, count + 1);
	ck_assert_int_eq(frame_type(&mm.memmap, a.pfn), FRAME_PCP);
	ck_assert_uint_eq(free_block_pfn(&mm, &mm.free_blocks[
				pcp->lists[MIGRATE_MOVABLE].head]), a.pfn);

	b = alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 0, 0, OWNER_ANON);
	ck_assert_uint_eq(b.pfn, a.pfn);
	ck_assert_uint_eq(b.ref.idx, a.ref.idx);
	ck_assert_uint_eq(b.ref.gen, a.ref.gen + 1);
	ck_assert_ptr_null(block_ref_get(&mm, a.ref));
	ck_assert_ptr_nonnull(block_ref_get(&mm, b.ref));
	__free_pages(&mm, b.ref, b.pfn, 0, 0);
}
END_TEST

/* A page cache block leaves the file list and its counts when freed. */
START_TEST(test_free_by_ref_leaves_the_lru)
{
	struct zone *dma32 = mm_zone(&mm, 0, ZONE_DMA32);
	struct block_lru *lru = &mm.layout.node_data[0].lru[RECLAIM_LIST_FILE];
	struct alloc_result a;

	a = alloc_pages(&mm, GFP_HIGHUSER_MOVABLE, 2, 1, OWNER_PAGECACHE);
	ck_assert_uint_ne(a.pfn, PFN_NONE);
	ck_assert_uint_eq(lru->nr_pages, 4);
	ck_assert_uint_eq(dma32->nr_zone_file, 4);
	ck_assert_uint_eq(lru->head, a.ref.idx + 1);
	__free_pages(&mm, a.ref, a.pfn, 2, 1);
	ck_assert_uint_eq(lru->nr_pages, 0);
	ck_assert_uint_eq(dma32->nr_zone_file, 0);
	ck_assert_uint_eq(lru->head, 0);
}
END_TEST

/* Everything the two ways of freeing could leave differently. */
static void assert_same_state(const struct mm_state *x,
			      const struct mm_state *y)
{
	size_t frames = x->memmap.end_pfn - x->memmap.base_pfn;
	size_t blocks = frames >> pageblock_order;

	ck_assert_int_eq(memcmp(x->memmap.frame, y->memmap.frame,
				frames * sizeof(*x->memmap.frame)), 0);
	ck_assert_int_eq(memcmp(x->memmap.pageblock, y->memmap.pageblock,
				blocks * sizeof(x->memmap.pageblock[0])),
			 0);
	ck_assert_int_eq(memcmp(x->vm_events, y->vm_events,
				sizeof(x->vm_events)), 0);
	for (int t = 0; t < MAX_NR_ZONES; t++) {
		const struct zone *zx = &x->layout.node_data[0].node_zones[t];
		const struct zone *zy = &y->layout.node_data[0].node_zones[t];

		ck_assert_uint_eq(zx->nr_free_pages, zy->nr_free_pages);
		ck_assert_uint_eq(zx->nr_zone_file, zy->nr_zone_file);
		ck_assert_uint_eq(zx->nr_zone_slab_reclaimable,
				  zy->nr_zone_slab_reclaimable);
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			const struct free_area *ax = &zx->free_area[o];
			const struct free_area *ay = &zy->free_area[o];

			for (int mt = 0; mt < MIGRATE_TYPES; mt++)
				ck_assert_uint_eq(ax->free_list[mt].nr,
						  ay->free_list[mt].nr);
		}
		if (!zx->per_cpu_pageset)
			continue;
		for (int cpu = 0; cpu < x->nr_cpus; cpu++)
			ck_assert_int_eq(zx->per_cpu_pageset[cpu].count,
					 zy->per_cpu_pageset[cpu].count);
	}
	for (int l = 0; l < NR_RECLAIM_LISTS; l++) {
		const struct block_lru *lx = &x->layout.node_data[0].lru[l];
		const struct block_lru *ly = &y->layout.node_data[0].lru[l];
		uint32_t bx = lx->head, by = ly->head;

		ck_assert_uint_eq(lx->nr_pages, ly->nr_pages);
		/* same records in the same order, young to old */
		for (; bx && by; bx = x->blocks_lru[bx - 1].next,
				 by = y->blocks_lru[by - 1].next)
			ck_assert_uint_eq(bx, by);
		ck_assert_uint_eq(bx, by);
	}
}

/*
 * A random run of allocations (orders 0 to 10, every pcp type, reclaimable
 * kinds on the LRU) and frees, one machine freeing by address and the
 * other by ref: each allocation gets the same block on both, and the
 * states agree at every step.  At most 8000 of the 20479 pages are held,
 * so that no allocation leaves the fast path (reclaim would free held
 * blocks, compaction move them).
 */
START_TEST(test_free_by_ref_same_as_by_pfn)
{
	static const unsigned int orders[] = { 0, 0, 0, 1, 2, 3, 9, 10 };
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE,
				      GFP_HIGHUSER_MOVABLE,
				      GFP_KERNEL_RECLAIMABLE };
	static const enum owner_kind kinds[] = { OWNER_SLAB_UNMOVABLE,
						 OWNER_ANON, OWNER_PAGECACHE,
						 OWNER_SLAB_RECLAIMABLE };
	struct held live[512];
	unsigned int nlive = 0, frees = 0;
	unsigned long held_pages = 0;
	uint64_t x = 0x9e3779b97f4a7c15ULL + (uint64_t)_i;

	for (int step = 0; step < 4000; step++) {
		unsigned int r, order;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		r = (unsigned int)(x >> 16);
		order = orders[(r >> 8) % 8];
		if (nlive && (nlive == 512 || r % 100 < 45 ||
			      held_pages + (1UL << order) > 8000)) {
			unsigned int j = (r >> 8) % nlive;
			int cpu = (int)(r >> 20 & 1);

			held_pages -= 1UL << live[j].order;
			free_pages(&mm, live[j].pfn, cpu);
			__free_pages(&mm2, live[j].ref, live[j].pfn,
				     live[j].order, cpu);
			live[j] = live[--nlive];
			frees++;
		} else {
			int k = (int)(r >> 12 & 3), cpu = (int)(r >> 20 & 1);
			struct alloc_result a, b;

			a = alloc_pages(&mm, gfps[k], order, cpu, kinds[k]);
			b = alloc_pages(&mm2, gfps[k], order, cpu, kinds[k]);

			ck_assert(!a.slowpath && !b.slowpath);
			ck_assert_uint_eq(a.pfn, b.pfn);
			ck_assert_uint_eq(a.ref.idx, b.ref.idx);
			ck_assert_uint_eq(a.ref.gen, b.ref.gen);
			ck_assert_uint_ne(b.pfn, PFN_NONE);
			held_pages += 1UL << order;
			live[nlive++] = (struct held){ .pfn = b.pfn,
						       .ref = b.ref,
						       .order = order };
		}
		if (step % 500 == 0)
			assert_same_state(&mm, &mm2);
	}
	assert_same_state(&mm, &mm2);
	/* the run did free through the pcp lists and the buddy both */
	ck_assert_uint_gt(frees, 1000);
	ck_assert_uint_gt(mm2.vm_events[PGFREE], 0);
}
END_TEST

Suite *free_pages_suite(void)
{
	Suite *s = suite_create("free_pages");
	TCase *tc = tcase_create("by_ref");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_ref_life_and_pcp_lifo);
	tcase_add_test(tc, test_free_by_ref_leaves_the_lru);
	tcase_add_loop_test(tc, test_free_by_ref_same_as_by_pfn, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}
