/*
 * rng.h - random number streams: one seed per run, and from it an
 * independent GSL generator per named consumer (a workload generator, the
 * actions), so that adding or removing one consumer leaves the draws of
 * every other unchanged.
 */
#ifndef FRAGSIM_SIM_RNG_H
#define FRAGSIM_SIM_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

/* The seed of the stream called name in a run seeded with seed. */
uint64_t rng_stream_seed(uint64_t seed, const char *name);

/* A new MT19937 generator for that stream; gsl_rng_free it. */
gsl_rng *rng_stream(uint64_t seed, const char *name);

#endif
