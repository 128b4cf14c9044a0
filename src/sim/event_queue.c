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

/*
 * An event's place in the (time, sequence) order as one 128-bit number
 * (the type sits below the sequence in key): one comparison, without a
 * branch on which half decides, since the heap's comparisons are its
 * mispredicted branches.
 */
static inline unsigned __int128 order_of(sim_time_t time, uint64_t key)
{
	return (unsigned __int128)time << 64 | key;
}

static inline bool event_before(const struct event *x, const struct event *y)
{
	return order_of(x->time, x->key) < order_of(y->time, y->key);
}

/* The key of the next event pushed: its insertion number and type. */
static inline uint64_t next_key(struct event_queue *q, unsigned int type)
{
	assert(type < 256 && q->next_seq < (1ULL << 56));
	return q->next_seq++ << 8 | type;
}

/* Field by field: see sift_down on the store buffer. */
static inline void put_event(struct event *slot, sim_time_t time,
			     uint64_t key, uint32_t a, uint32_t b)
{
	slot->time = time;
	slot->key = key;
	slot->a = a;
	slot->b = b;
}

/*
 * Put the event (time, key, a, b) in the hole at the root of heap[0, nr).
 * Bottom-up: the hole goes down to a leaf along the earlier child, a choice
 * made without a branch, and the event then rises from there.  The
 * descent's length depends only on nr, and the event put in is nearly
 * always a late one (a successor scheduled after the others, or the heap's
 * last), so it rises little: the comparisons of random times no longer
 * steer branches the CPU mispredicts.  The new event travels as scalars,
 * not as a struct built on the stack and reloaded whole, which the store
 * buffer cannot forward.
 */
static inline void sift_down(struct event *heap, size_t nr, sim_time_t time,
			     uint64_t key, uint32_t a, uint32_t b)
{
	unsigned __int128 k = order_of(time, key);
	size_t i = 0, child;

	while ((child = 2 * i + 1) + 1 < nr) {
		child += event_before(&heap[child + 1], &heap[child]);
		heap[i] = heap[child];
		i = child;
	}
	if (child < nr) {
		heap[i] = heap[child];
		i = child;
	}
	while (i > 0) {
		size_t parent = (i - 1) / 2;

		if (k >= order_of(heap[parent].time, heap[parent].key))
			break;
		heap[i] = heap[parent];
		i = parent;
	}
	put_event(&heap[i], time, key, a, b);
}

void event_push(struct event_queue *q, sim_time_t time, unsigned int type,
		uint32_t a, uint32_t b)
{
	uint64_t key = next_key(q, type);
	unsigned __int128 k = order_of(time, key);
	size_t i;

	if (q->nr == q->cap)
		q->heap = xgrow(q->heap, &q->cap, q->nr + 1, sizeof(*q->heap));
	/* sift up: move parents down until the event's place is found */
	for (i = q->nr++; i > 0; ) {
		size_t parent = (i - 1) / 2;

		if (k >= order_of(q->heap[parent].time, q->heap[parent].key))
			break;
		q->heap[i] = q->heap[parent];
		i = parent;
	}
	put_event(&q->heap[i], time, key, a, b);
}

void event_drop_top(struct event_queue *q)
{
	const struct event *last;

	assert(q->nr);
	if (!--q->nr)
		return;
	last = &q->heap[q->nr];
	sift_down(q->heap, q->nr, last->time, last->key, last->a, last->b);
}

bool event_pop(struct event_queue *q, struct event *e)
{
	if (!q->nr)
		return false;
	*e = q->heap[0];
	event_drop_top(q);
	return true;
}

void event_replace_top(struct event_queue *q, sim_time_t time,
		       unsigned int type, uint32_t a, uint32_t b)
{
	uint64_t key = next_key(q, type);
	unsigned __int128 k = order_of(time, key);
	struct event *heap = q->heap;

	assert(q->nr);
	/*
	 * The successor is often first again (a generator's next arrival
	 * comes first with the share of the arrival rate it has): then it
	 * takes the root's place without a sift.
	 */
	if ((q->nr < 2 || k < order_of(heap[1].time, heap[1].key)) &&
	    (q->nr < 3 || k < order_of(heap[2].time, heap[2].key))) {
		put_event(&heap[0], time, key, a, b);
		return;
	}
	sift_down(heap, q->nr, time, key, a, b);
}
