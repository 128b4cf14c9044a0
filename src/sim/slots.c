/*
 * slots.c - the places of a generator that refills an array in index
 * order (slots.h).  Entries are appended to the live list as blocks
 * arrive, so the list is in place order only up to the first refill; a
 * walk sorts it first, by a natural merge: the list is then a few runs
 * (the entries kept by the last walk, the refills after them), so the
 * sort is a pass or two.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "sim/slots.h"
#include "util/xalloc.h"

void gen_slots_release(struct gen_slots *gs)
{
	free(gs->slot);
	free(gs->holes);
	memset(gs, 0, sizeof(*gs));
}

static int by_place(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* The holes not yet taken, ascending. */
static void sort_holes(struct gen_slots *gs)
{
	if (!gs->holes_unsorted)
		return;
	qsort(gs->holes + gs->hole_next, gs->nr_holes - gs->hole_next,
	      sizeof(*gs->holes), by_place);
	gs->holes_unsorted = false;
}

void gen_slots_take(struct gen_slots *gs, size_t pos)
{
	uint32_t place;

	if (pos >= gs->slot_cap)
		gs->slot = xgrow(gs->slot, &gs->slot_cap, pos + 1,
				 sizeof(*gs->slot));
	sort_holes(gs);
	if (gs->hole_next < gs->nr_holes) {
		place = gs->holes[gs->hole_next++];
		if (gs->hole_next == gs->nr_holes)
			gs->hole_next = gs->nr_holes = 0;
	} else {
		assert(gs->next < UINT32_MAX);
		place = gs->next++;
	}
	if (pos && gs->slot[pos - 1] > place)
		gs->live_unsorted = true;
	gs->slot[pos] = place;
}

static void add_hole(struct gen_slots *gs, uint32_t place)
{
	if (gs->nr_holes > gs->hole_next && gs->holes[gs->nr_holes - 1] > place)
		gs->holes_unsorted = true;
	if (gs->nr_holes == gs->holes_cap)
		gs->holes = xgrow(gs->holes, &gs->holes_cap, gs->nr_holes + 1,
				  sizeof(*gs->holes));
	gs->holes[gs->nr_holes++] = place;
}

void gen_slots_remove(struct gen_slots *gs, size_t pos, size_t last)
{
	assert(pos <= last && last < gs->slot_cap);
	add_hole(gs, gs->slot[pos]);
	if (pos != last) {
		gs->slot[pos] = gs->slot[last];
		gs->live_unsorted = true;
	}
}

/* The end of the ascending run of a[] that starts at lo. */
static size_t run_end(const uint64_t *a, size_t lo, size_t n)
{
	size_t i = lo + 1;

	while (i < n && a[i - 1] < a[i])
		i++;
	return i;
}

static void merge(const uint64_t *x, size_t nx, const uint64_t *y, size_t ny,
		  uint64_t *out)
{
	size_t i = 0, j = 0;

	while (i < nx && j < ny)
		*out++ = x[i] < y[j] ? x[i++] : y[j++];
	memcpy(out, x + i, (nx - i) * sizeof(*x));
	memcpy(out + (nx - i), y + j, (ny - j) * sizeof(*y));
}

bool gen_slots_sort(struct gen_slots *gs, uint32_t *live, size_t n)
{
	uint64_t *a, *b;
	size_t runs;

	if (!gs->live_unsorted)
		return false;
	gs->live_unsorted = false;
	if (n < 2)
		return false;
	/* places are distinct: the key (place, entry) orders by place */
	a = xmalloc(n * sizeof(*a));
	b = xmalloc(n * sizeof(*b));
	for (size_t i = 0; i < n; i++)
		a[i] = (uint64_t)gs->slot[i] << 32 | live[i];
	do {
		runs = 0;
		for (size_t lo = 0; lo < n; runs++) {
			size_t mid = run_end(a, lo, n), hi;

			if (mid == n) {
				/* a last run with no partner: copied as it is,
				 * and it still counts as a run */
				memcpy(b + lo, a + lo, (n - lo) * sizeof(*a));
				runs++;
				break;
			}
			hi = run_end(a, mid, n);
			merge(a + lo, mid - lo, a + mid, hi - mid, b + lo);
			lo = hi;
		}
		uint64_t *t = a;
		a = b;
		b = t;
	} while (runs > 1);
	for (size_t i = 0; i < n; i++) {
		assert(i == 0 || a[i - 1] >> 32 < a[i] >> 32);
		gs->slot[i] = (uint32_t)(a[i] >> 32);
		live[i] = (uint32_t)a[i];
	}
	free(a);
	free(b);
	return true;
}

void gen_slots_free(struct gen_slots *gs, const uint32_t *freed, size_t k)
{
	size_t nh, i = 0, j = 0, o = 0;
	uint32_t *holes;

	if (!k)
		return;
	sort_holes(gs);
	nh = gs->nr_holes - gs->hole_next;
	holes = xmalloc((nh + k) * sizeof(*holes));
	while (i < nh && j < k)
		holes[o++] = gs->holes[gs->hole_next + i] < freed[j] ?
			     gs->holes[gs->hole_next + i++] : freed[j++];
	while (i < nh)
		holes[o++] = gs->holes[gs->hole_next + i++];
	while (j < k) {
		assert(j == 0 || freed[j - 1] < freed[j]);
		holes[o++] = freed[j++];
	}
	free(gs->holes);
	gs->holes = holes;
	gs->holes_cap = gs->nr_holes = o;
	gs->hole_next = 0;
}
