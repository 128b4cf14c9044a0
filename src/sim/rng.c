/*
 * rng.c - per-consumer random streams (see rng.h).
 *
 * The stream's seed mixes the run's seed with a hash of the consumer's
 * name (FNV-1a) through SplitMix64's finaliser, whose output bits all
 * depend on every input bit; GSL's MT19937 takes the low 32 bits.
 */
#include "sim/rng.h"

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

uint64_t rng_stream_seed(uint64_t seed, const char *name)
{
	return splitmix64(splitmix64(seed) ^ fnv1a(name));
}

gsl_rng *rng_stream(uint64_t seed, const char *name)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

	/* 0 would make GSL use its default seed: avoid that collision */
	gsl_rng_set(r, (unsigned long)(rng_stream_seed(seed, name) &
				       0xffffffffUL) | 1UL << 32);
	return r;
}
