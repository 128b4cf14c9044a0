/*
 * latency.h - a histogram of allocation latencies in simulated ns, with
 * log-linear buckets (32 per power of two: within 3% of the true value)
 * so that percentiles cost constant memory however many requests a run
 * makes.
 */
#ifndef FRAGSIM_SIM_LATENCY_H
#define FRAGSIM_SIM_LATENCY_H

#include <stdint.h>

#define LATENCY_BUCKETS	1920

struct latency_hist {
	uint64_t count;
	uint64_t min, max;
	double sum;
	uint64_t buckets[LATENCY_BUCKETS];
};

/* Values below 64 have their own bucket; above, 32 per power of two. */
static inline unsigned int latency_bucket(uint64_t v)
{
	unsigned int msb, shift;

	if (v < 64)
		return (unsigned int)v;
	msb = 63u - (unsigned int)__builtin_clzll(v);
	shift = msb - 5;
	return shift * 32 + (unsigned int)(v >> shift);
}

/* Count one value (inline: the engine records one per request). */
static inline void latency_record(struct latency_hist *h, uint64_t ns)
{
	h->buckets[latency_bucket(ns)]++;
	if (!h->count || ns < h->min)
		h->min = ns;
	h->count++;
	h->sum += (double)ns;
	if (ns > h->max)
		h->max = ns;
}

/* Count n equal values: the same as n latency_record calls. */
void latency_record_n(struct latency_hist *h, uint64_t ns, uint64_t n);

/* Add what src recorded to dst. */
void latency_merge(struct latency_hist *dst, const struct latency_hist *src);

/*
 * The p-th percentile (0 < p <= 100; nearest rank), as the lower bound of
 * its bucket (exact below 64 ns, at most 1/32 low above), within the
 * smallest and largest values seen; 0 for an empty histogram.
 */
uint64_t latency_percentile(const struct latency_hist *h, double p);

#endif
