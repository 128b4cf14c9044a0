/*
 * latency.c - log-linear latency histogram (see latency.h).
 */
#include <math.h>
#include <stdint.h>

#include "sim/latency.h"

/* The smallest value of a bucket. */
static uint64_t bucket_value(unsigned int b)
{
	unsigned int shift;

	if (b < 64)
		return b;
	shift = b / 32 - 1;
	return (uint64_t)(b - shift * 32) << shift;
}

/* 2^53: below it, sums of whole numbers are exact in a double. */
#define EXACT_SUM_LIMIT	9007199254740992.0

void latency_record_n(struct latency_hist *h, uint64_t ns, uint64_t n)
{
	if (!n)
		return;
	h->buckets[latency_bucket(ns)] += n;
	if (!h->count || ns < h->min)
		h->min = ns;
	h->count += n;
	if (ns > h->max)
		h->max = ns;
	/*
	 * One addition of n * ns gives what n additions of ns give while the
	 * sum stays exact; past 2^53 each addition rounds, so add them one
	 * by one as latency_record would.
	 */
	if ((!ns || n <= UINT64_MAX / ns) &&
	    (double)(ns * n) < EXACT_SUM_LIMIT &&
	    h->sum + (double)(ns * n) < EXACT_SUM_LIMIT) {
		h->sum += (double)(ns * n);
		return;
	}
	for (uint64_t i = 0; i < n; i++)
		h->sum += (double)ns;
}

void latency_merge(struct latency_hist *dst, const struct latency_hist *src)
{
	if (!src->count)
		return;
	if (!dst->count || src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
	dst->count += src->count;
	dst->sum += src->sum;
	for (unsigned int b = 0; b < LATENCY_BUCKETS; b++)
		dst->buckets[b] += src->buckets[b];
}

uint64_t latency_percentile(const struct latency_hist *h, double p)
{
	uint64_t rank, seen = 0;

	if (!h->count)
		return 0;
	/* the nearest-rank definition: the smallest value with p% at or
	 * below it */
	rank = (uint64_t)ceil(p / 100.0 * (double)h->count);
	if (rank < 1)
		rank = 1;
	for (unsigned int b = 0; b < LATENCY_BUCKETS; b++) {
		seen += h->buckets[b];
		if (seen >= rank) {
			uint64_t v = bucket_value(b);

			return v > h->max ? h->max : v < h->min ? h->min : v;
		}
	}
	return h->max;
}
