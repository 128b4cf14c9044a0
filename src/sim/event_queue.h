/*
 * event_queue.h - the simulator's pending events: a binary min-heap keyed
 * by simulated time, ties broken by insertion order, so that the same
 * inputs pop the same sequence on every machine.  Push and pop are
 * O(log n); nothing ever walks the whole queue.
 *
 * The engine handles the earliest event in place (event_top) and then
 * either drops it or, for the events that reschedule themselves (a
 * generator's next arrival, the next tick), replaces it with its successor:
 * one sift instead of a pop's and a push's.
 */
#ifndef FRAGSIM_SIM_EVENT_QUEUE_H
#define FRAGSIM_SIM_EVENT_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/time.h"

struct event {
	sim_time_t time;
	uint64_t key;		/* insertion sequence << 8 | type */
	uint32_t a, b;		/* the handler's arguments */
};

static inline unsigned int event_type(const struct event *e)
{
	return (unsigned int)(e->key & 0xff);
}

struct event_queue {
	struct event *heap;
	size_t nr, cap;
	uint64_t next_seq;
};

void event_queue_init(struct event_queue *q);
void event_queue_release(struct event_queue *q);

/* Schedule an event of type (< 256) at time with arguments a and b. */
void event_push(struct event_queue *q, sim_time_t time, unsigned int type,
		uint32_t a, uint32_t b);

/* Take the earliest event into *e; false if the queue is empty. */
bool event_pop(struct event_queue *q, struct event *e);

/*
 * The earliest event, left in the queue, or NULL if the queue is empty.
 * Pushes made while it is handled keep it first: they are later in
 * (time, insertion) order, provided none is earlier in time.
 */
static inline const struct event *event_top(const struct event_queue *q)
{
	return q->nr ? &q->heap[0] : NULL;
}

/* Remove the earliest event (the queue must not be empty). */
void event_drop_top(struct event_queue *q);

/*
 * Remove the earliest event and schedule a new one, as event_drop_top then
 * event_push would, in the same order (the new event takes the next
 * insertion number), with one sift down.
 */
void event_replace_top(struct event_queue *q, sim_time_t time,
		       unsigned int type, uint32_t a, uint32_t b);

/* The earliest event's time, or SIM_TIME_NEVER. */
static inline sim_time_t event_queue_next_time(const struct event_queue *q)
{
	return q->nr ? q->heap[0].time : SIM_TIME_NEVER;
}

#endif
