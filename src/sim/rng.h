/*
 * rng.h - random number streams: one seed per run, and from it an
 * independent generator per named consumer (a workload generator, the
 * actions), so that adding or removing one consumer leaves the draws of
 * every other unchanged.
 *
 * The generators are MT19937 with GSL's seeding: a stream gives exactly
 * the numbers gsl_rng_mt19937 gives for its seed, through GSL's interface
 * (the distributions) as through the inline draws below, which the engine
 * makes for every arrival without a call into the library.
 */
#ifndef FRAGSIM_SIM_RNG_H
#define FRAGSIM_SIM_RNG_H

#include <assert.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#define RNG_MT_N	624

/* An MT19937 generator's state: its 624 words and the next one to use. */
struct rng_mt {
	uint32_t mt[RNG_MT_N];
	unsigned int next;
};

/* The GSL generator type of the streams ("mt19937", as GSL's). */
extern const gsl_rng_type *const rng_mt19937;

/* The seed of the stream called name in a run seeded with seed. */
uint64_t rng_stream_seed(uint64_t seed, const char *name);

/* A new generator for that stream; gsl_rng_free it. */
gsl_rng *rng_stream(uint64_t seed, const char *name);

/* Twist the state: the next 624 words. */
void rng_mt_refill(struct rng_mt *st);

/* The next 32-bit output (gsl_rng_get). */
static inline uint32_t rng_mt_next(struct rng_mt *st)
{
	uint32_t y;

	if (st->next >= RNG_MT_N)
		rng_mt_refill(st);
	y = st->mt[st->next++];
	/* tempering */
	y ^= y >> 11;
	y ^= (y << 7) & 0x9d2c5680u;
	y ^= (y << 15) & 0xefc60000u;
	return y ^ (y >> 18);
}

static inline struct rng_mt *rng_mt_state(const gsl_rng *r)
{
	assert(r->type == rng_mt19937);
	return r->state;
}

/* gsl_rng_uniform_pos on a stream: uniform on (0, 1). */
static inline double rng_uniform_pos(const gsl_rng *r)
{
	struct rng_mt *st = rng_mt_state(r);
	uint32_t k;

	do
		k = rng_mt_next(st);
	while (k == 0);
	return k / 4294967296.0;
}

/* gsl_rng_uniform_int on a stream: uniform on 0 .. n - 1, 0 < n < 2^32. */
static inline unsigned long rng_uniform_int(const gsl_rng *r, unsigned long n)
{
	struct rng_mt *st = rng_mt_state(r);
	/* GSL's rejection: buckets of (max - min) / n outputs, the top
	 * partial bucket redrawn; in 32 bits, where division is quicker */
	uint32_t scale, k;

	assert(n > 0 && n <= 0xffffffffUL);
	scale = 0xffffffffu / (uint32_t)n;
	do
		k = rng_mt_next(st) / scale;
	while (k >= n);
	return k;
}

#endif
