/*
 * latency.c - log-linear latency histogram (see latency.h).
 */
#include <math.h>

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
