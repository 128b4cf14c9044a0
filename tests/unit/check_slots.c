/*
 * check_slots.c - a generator with reuse = lowest keeps its blocks as the
 * places of an array refilled in index order: a hand-worked refill, the
 * removal the live list does, and random frees and refills against frag.c's
 * own loop (an array of places, freed and refilled in index order).
 */
#include <stdlib.h>

#include "sim/slots.h"
#include "suites.h"

/* Append entry id to live[] and give it a place, as track_in does. */
static void take(struct gen_slots *gs, uint32_t *live, size_t *n, uint32_t id)
{
	live[*n] = id;
	gen_slots_take(gs, *n);
	(*n)++;
}

/*
 * Free the entries at the positions marked in pick[] (live[] in place
 * order), keeping the others in order, as action_free_list does.
 */
static void free_picked(struct gen_slots *gs, uint32_t *live, size_t *n,
			const bool *pick)
{
	uint32_t freed[64];
	size_t kept = 0, k = 0;

	gen_slots_sort(gs, live, *n);
	for (size_t i = 0; i < *n; i++) {
		if (pick[i]) {
			freed[k++] = gs->slot[i];
		} else {
			gs->slot[kept] = gs->slot[i];
			live[kept++] = live[i];
		}
	}
	*n = kept;
	gen_slots_free(gs, freed, k);
}

START_TEST(test_refill_takes_the_lowest_places)
{
	struct gen_slots gs = { 0 };
	uint32_t live[16];
	size_t n = 0;
	bool pick[16] = { false, true, false, true, false };

	for (uint32_t id = 100; id < 105; id++)
		take(&gs, live, &n, id);
	ck_assert(!gs.live_unsorted);
	free_picked(&gs, live, &n, pick);	/* places 1 and 3 empty */
	ck_assert_uint_eq(n, 3);
	take(&gs, live, &n, 200);		/* place 1 */
	take(&gs, live, &n, 201);		/* place 3 */
	take(&gs, live, &n, 202);		/* a new place, 5 */
	ck_assert(gs.live_unsorted);
	ck_assert(gen_slots_sort(&gs, live, n));
	{
		static const uint32_t want[] = { 100, 200, 102, 201, 104, 202 };

		for (size_t i = 0; i < n; i++) {
			ck_assert_uint_eq(live[i], want[i]);
			ck_assert_uint_eq(gs.slot[i], i);
		}
	}
	ck_assert(!gen_slots_sort(&gs, live, n));	/* nothing moves */
	gen_slots_release(&gs);
}
END_TEST

START_TEST(test_removal_leaves_a_hole)
{
	struct gen_slots gs = { 0 };
	uint32_t live[8];
	size_t n = 0;

	for (uint32_t id = 0; id < 4; id++)
		take(&gs, live, &n, id);
	/* untrack(live[1]): the last entry moves into position 1 */
	gen_slots_remove(&gs, 1, n - 1);
	live[1] = live[--n];
	ck_assert_uint_eq(gs.slot[1], 3);
	ck_assert(gs.live_unsorted);
	/* and the last entry itself: no move, place 2 empties too */
	gen_slots_remove(&gs, n - 1, n - 1);
	n--;
	take(&gs, live, &n, 9);			/* the lowest hole: 1 */
	ck_assert_uint_eq(gs.slot[n - 1], 1);
	take(&gs, live, &n, 10);		/* then 2 */
	ck_assert_uint_eq(gs.slot[n - 1], 2);
	take(&gs, live, &n, 11);		/* then a new place */
	ck_assert_uint_eq(gs.slot[n - 1], 4);
	gen_slots_sort(&gs, live, n);
	{
		static const uint32_t want[] = { 0, 9, 10, 3, 11 };

		ck_assert_uint_eq(n, 5);
		for (size_t i = 0; i < n; i++)
			ck_assert_uint_eq(live[i], want[i]);
	}
	gen_slots_release(&gs);
}
END_TEST

/*
 * frag.c's array: cycles free each live place with some probability in
 * index order, then refill the dead places from the lowest up to a
 * target.  The live list, sorted, must name the same entries in the same
 * order as the array read in index order.
 */
START_TEST(test_against_frag_array)
{
	enum { CAP = 64 };
	struct gen_slots gs = { 0 };
	uint32_t live[CAP], ref[CAP] = { 0 }, next_id = 1;
	size_t n = 0, fill = 0;
	unsigned int seed = 12345;

	for (int cycle = 0; cycle < 200; cycle++) {
		bool pick[CAP] = { false };
		size_t target = 20 + (size_t)(rand_r(&seed) % 40);

		/* free: each live entry with probability 1/3 */
		gen_slots_sort(&gs, live, n);
		for (size_t i = 0, p = 0; p < fill; p++) {
			if (!ref[p])
				continue;
			pick[i] = rand_r(&seed) % 3 == 0;
			if (pick[i])
				ref[p] = 0;
			i++;
		}
		free_picked(&gs, live, &n, pick);
		/* refill: the lowest dead places first, then new ones */
		for (size_t p = 0; n < target && p < CAP; p++) {
			if (p < fill && ref[p])
				continue;
			ref[p] = next_id;
			take(&gs, live, &n, next_id++);
			if (p >= fill)
				fill = p + 1;
		}
		gen_slots_sort(&gs, live, n);
		for (size_t i = 0, p = 0; p < fill; p++) {
			if (!ref[p])
				continue;
			ck_assert_uint_lt(i, n);
			ck_assert_uint_eq(live[i], ref[p]);
			ck_assert_uint_eq(gs.slot[i], p);
			i++;
		}
	}
	gen_slots_release(&gs);
}
END_TEST

static int by_key(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return (a > b) - (a < b);
}

/*
 * Removals from the middle (the live list's swap with its last entry) and
 * takes leave the list in many runs, not two: the sort must still give
 * the place order, checked against a plain sort of (place, entry) pairs,
 * and the places must stay distinct.
 */
START_TEST(test_sort_of_many_runs)
{
	enum { CAP = 256 };
	struct gen_slots gs = { 0 };
	uint32_t live[CAP], next_id = 1;
	uint64_t ref[CAP];
	size_t n = 0;
	unsigned int seed = 777;

	for (int round = 0; round < 300; round++) {
		unsigned int op = (unsigned int)rand_r(&seed) % 3;

		if (op < 2 && n < CAP) {
			take(&gs, live, &n, next_id++);
		} else if (n) {
			size_t pos = (size_t)rand_r(&seed) % n;

			gen_slots_remove(&gs, pos, n - 1);
			live[pos] = live[--n];
		}
		if (round % 7)
			continue;
		for (size_t i = 0; i < n; i++)
			ref[i] = (uint64_t)gs.slot[i] << 32 | live[i];
		qsort(ref, n, sizeof(*ref), by_key);
		gen_slots_sort(&gs, live, n);
		for (size_t i = 0; i < n; i++) {
			ck_assert_uint_eq(gs.slot[i], ref[i] >> 32);
			ck_assert_uint_eq(live[i], (uint32_t)ref[i]);
			ck_assert(i == 0 || gs.slot[i - 1] < gs.slot[i]);
		}
	}
	gen_slots_release(&gs);
}
END_TEST

Suite *slots_suite(void)
{
	Suite *s = suite_create("slots");
	TCase *tc = tcase_create("places");

	tcase_add_test(tc, test_refill_takes_the_lowest_places);
	tcase_add_test(tc, test_removal_leaves_a_hole);
	tcase_add_test(tc, test_against_frag_array);
	tcase_add_test(tc, test_sort_of_many_runs);
	suite_add_tcase(s, tc);
	return s;
}
