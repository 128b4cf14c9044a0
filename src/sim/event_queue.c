/*
 * event_queue.c - a binary heap of events (see event_queue.h).
 */
#include <assert.h>
#include <stdlib.h>

#include "sim/event_queue.h"
#include "util/xalloc.h"

void event_queue_init(struct event_queue *q)
{
	*q = (struct event_queue){ 0 };
}

void event_queue_release(struct event_queue *q)
{
	free(q->heap);
	*q = (struct event_queue){ 0 };
}

/* (time, sequence) order; the type sits below the sequence in key. */
static inline bool event_before(const struct event *x, const struct event *y)
{
	return x->time < y->time || (x->time == y->time && x->key < y->key);
}

void event_push(struct event_queue *q, sim_time_t time, unsigned int type,
		uint32_t a, uint32_t b)
{
	struct event e = { .time = time, .key = q->next_seq++ << 8 | type,
			   .a = a, .b = b };
	size_t i;

	assert(type < 256 && q->next_seq < (1ULL << 56));
	q->heap = xgrow(q->heap, &q->cap, q->nr + 1, sizeof(*q->heap));
	/* sift up: move parents down until e's place is found */
	for (i = q->nr++; i > 0; ) {
		size_t parent = (i - 1) / 2;

		if (!event_before(&e, &q->heap[parent]))
			break;
		q->heap[i] = q->heap[parent];
		i = parent;
	}
	q->heap[i] = e;
}

bool event_pop(struct event_queue *q, struct event *e)
{
	struct event last;
	size_t i = 0;

	if (!q->nr)
		return false;
	*e = q->heap[0];
	last = q->heap[--q->nr];
	/* sift down the last element from the root */
	for (;;) {
		size_t child = 2 * i + 1;

		if (child >= q->nr)
			break;
		if (child + 1 < q->nr &&
		    event_before(&q->heap[child + 1], &q->heap[child]))
			child++;
		if (!event_before(&q->heap[child], &last))
			break;
		q->heap[i] = q->heap[child];
		i = child;
	}
	if (q->nr)
		q->heap[i] = last;
	return true;
}
