/*
 * check_event_queue.c - the event queue pops in (time, insertion) order,
 * whatever the order of pushes, against a sorted reference.
 */
#include <stdlib.h>

#include "sim/event_queue.h"
#include "suites.h"

START_TEST(test_time_order_then_insertion)
{
	struct event_queue q;
	struct event e;

	event_queue_init(&q);
	event_push(&q, 30, 1, 0, 0);
	event_push(&q, 10, 2, 1, 0);
	event_push(&q, 20, 3, 2, 0);
	event_push(&q, 10, 4, 3, 0);	/* same time as the second: after it */
	event_push(&q, 10, 5, 4, 0);
	ck_assert_uint_eq(event_queue_next_time(&q), 10);
	for (unsigned int want = 1; want <= 4; want++) {
		static const unsigned int order[] = { 0, 1, 3, 4, 2 };

		ck_assert(event_pop(&q, &e));
		ck_assert_uint_eq(e.a, order[want]);
	}
	ck_assert(event_pop(&q, &e));
	ck_assert_uint_eq(e.a, 0);
	ck_assert_uint_eq(event_type(&e), 1);
	ck_assert(!event_pop(&q, &e));
	ck_assert_uint_eq(event_queue_next_time(&q), SIM_TIME_NEVER);
	event_queue_release(&q);
}
END_TEST

struct ref_event {
	sim_time_t time;
	uint32_t seq;
};

static int by_time_seq(const void *x, const void *y)
{
	const struct ref_event *a = x, *b = y;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Interleaved pushes and pops against a sorted list of what is pending. */
START_TEST(test_against_sorted_reference)
{
	enum { N = 2000 };
	struct ref_event *pending = calloc(N, sizeof(*pending));
	struct event_queue q;
	struct event e;
	size_t nr = 0;
	uint32_t seq = 0;
	unsigned int state = 12345;

	event_queue_init(&q);
	for (int round = 0; round < 3 * N; round++) {
		state = state * 1103515245u + 12345u;
		if (nr < N && (nr == 0 || (state >> 16) % 3)) {
			/* few distinct times, so that ties are common */
			sim_time_t t = (state >> 8) % 97;

			event_push(&q, t, 7, seq, 0);
			pending[nr++] = (struct ref_event){ t, seq++ };
		} else {
			qsort(pending, nr, sizeof(*pending), by_time_seq);
			ck_assert(event_pop(&q, &e));
			ck_assert_uint_eq(e.time, pending[0].time);
			ck_assert_uint_eq(e.a, pending[0].seq);
			pending[0] = pending[--nr];
		}
	}
	qsort(pending, nr, sizeof(*pending), by_time_seq);
	for (size_t i = 0; i < nr; i++) {
		ck_assert(event_pop(&q, &e));
		ck_assert_uint_eq(e.a, pending[i].seq);
	}
	ck_assert(!event_pop(&q, &e));
	event_queue_release(&q);
	free(pending);
}
END_TEST

Suite *event_queue_suite(void)
{
	Suite *s = suite_create("event_queue");
	TCase *tc = tcase_create("order");

	tcase_add_test(tc, test_time_order_then_insertion);
	tcase_add_test(tc, test_against_sorted_reference);
	suite_add_tcase(s, tc);
	return s;
}
