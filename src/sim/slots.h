/*
 * slots.h - a generator's blocks as the places of an array that a program
 * refills in index order (a generator with reuse = lowest).
 *
 * frag.c keeps its anonymous memory as an array of pages: a free pass
 * walks the array in index order, and a refill touches the emptied places
 * again from the lowest up, so a page that replaces a freed one takes its
 * place in every later walk.  Which pages a walk frees last, and so which
 * stay on the per-cpu lists, depends on that order.  A generator's live
 * list (sim.h) keeps its blocks in allocation order; for such a generator
 * each entry also has a place, and the list is put in place order before
 * an action walks it.
 *
 * The places form a set 0, 1, ..., next - 1 with holes: those that frees
 * emptied and no block has taken again.  A new block takes the lowest
 * hole, else a new place at the end.
 */
#ifndef FRAGSIM_SIM_SLOTS_H
#define FRAGSIM_SIM_SLOTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct gen_slots {
	uint32_t *slot;			/* the place of live[i]; live_cap long */
	size_t slot_cap;
	uint32_t *holes;		/* emptied places, [hole_next, nr_holes) */
	size_t nr_holes, holes_cap, hole_next;
	uint32_t next;			/* the lowest place never taken */
	bool holes_unsorted;		/* a hole was added out of order */
	bool live_unsorted;		/* live[] is not in place order */
};

void gen_slots_release(struct gen_slots *gs);

/* The entry at pos (appended last to live[]) takes the lowest hole. */
void gen_slots_take(struct gen_slots *gs, size_t pos);

/*
 * The entry at pos leaves; the last entry (at last, last >= pos) moves
 * into its position, as the live list's removal does.
 */
void gen_slots_remove(struct gen_slots *gs, size_t pos, size_t last);

/*
 * Put live[0..n) in place order (the same permutation applied to the
 * places), stably.  Returns true if anything moved: the caller then
 * renumbers what points into live[].
 */
bool gen_slots_sort(struct gen_slots *gs, uint32_t *live, size_t n);

/* Places a walk emptied, ascending, become holes. */
void gen_slots_free(struct gen_slots *gs, const uint32_t *freed, size_t k);

#endif
