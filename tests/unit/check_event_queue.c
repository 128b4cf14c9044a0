/*
 * check_event_queue.c - the event queue pops in (time, insertion) order,
 * whatever the order of pushes, against a sorted reference; replacing the
 * first event is dropping it and pushing the new one, ties included.
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

/* The first event, handled in place, then replaced or dropped. */
START_TEST(test_top_replace_and_drop)
{
	struct event_queue q;
	struct event e;

	event_queue_init(&q);
	ck_assert_ptr_null(event_top(&q));
	event_push(&q, 10, 1, 0, 0);
	event_push(&q, 20, 1, 1, 0);
	event_push(&q, 30, 1, 2, 0);
	ck_assert_uint_eq(event_top(&q)->a, 0);
	/* a push while the first is handled, at its time: after it */
	event_push(&q, 10, 1, 3, 0);
	ck_assert_uint_eq(event_top(&q)->a, 0);
	/* its successor at 20: after event 1 (pushed before it) */
	event_replace_top(&q, 20, 2, 4, 0);
	ck_assert_uint_eq(q.nr, 4);
	static const unsigned int want[] = { 3, 1, 4, 2 };
	for (int i = 0; i < 4; i++) {
		ck_assert_uint_eq(event_top(&q)->a, want[i]);
		if (i == 0) {
			event_drop_top(&q);
			continue;
		}
		ck_assert(event_pop(&q, &e));
		ck_assert_uint_eq(e.a, want[i]);
	}
	ck_assert_ptr_null(event_top(&q));
	event_queue_release(&q);
}
END_TEST

/*
 * Two queues fed the same operations, one replacing its first event and
 * one dropping it and pushing: they give the same events in the same order
 * (the time of each new event, few distinct, is at or after the first's).
 */
START_TEST(test_replace_is_drop_then_push)
{
	struct event_queue a, b;
	unsigned int state = 777;
	uint32_t id = 0;

	event_queue_init(&a);
	event_queue_init(&b);
	for (int i = 0; i < 20; i++, id++) {
		event_push(&a, (sim_time_t)i % 7, 1, id, 0);
		event_push(&b, (sim_time_t)i % 7, 1, id, 0);
	}
	for (int round = 0; round < 5000 && a.nr; round++, id++) {
		const struct event *ta = event_top(&a), *tb = event_top(&b);
		sim_time_t t;

		ck_assert_uint_eq(ta->time, tb->time);
		ck_assert_uint_eq(ta->a, tb->a);
		state = state * 1103515245u + 12345u;
		t = ta->time + (state >> 16) % 5;
		switch ((state >> 8) % 4) {
		case 0:		/* handled and gone */
			event_drop_top(&a);
			event_drop_top(&b);
			break;
		case 1:		/* a push while handled, then a successor */
			event_push(&a, t, 1, id, 0);
			event_push(&b, t, 1, id, 0);
			id++;
			/* fall through */
		default:	/* a successor */
			event_replace_top(&a, t + 1, 2, id, 0);
			event_drop_top(&b);
			event_push(&b, t + 1, 2, id, 0);
		}
		ck_assert_uint_eq(a.nr, b.nr);
	}
	while (event_top(&a)) {
		ck_assert_uint_eq(event_top(&a)->a, event_top(&b)->a);
		event_drop_top(&a);
		event_drop_top(&b);
	}
	ck_assert_ptr_null(event_top(&b));
	event_queue_release(&a);
	event_queue_release(&b);
}
END_TEST

Suite *event_queue_suite(void)
{
	Suite *s = suite_create("event_queue");
	TCase *tc = tcase_create("order");

	tcase_add_test(tc, test_time_order_then_insertion);
	tcase_add_test(tc, test_against_sorted_reference);
	tcase_add_test(tc, test_top_replace_and_drop);
	tcase_add_test(tc, test_replace_is_drop_then_push);
	suite_add_tcase(s, tc);
	return s;
}
