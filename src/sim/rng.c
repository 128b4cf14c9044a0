/*
 * rng.c - per-consumer random streams (see rng.h).
 *
 * The stream's seed mixes the run's seed with a hash of the consumer's
 * name (FNV-1a) through SplitMix64's finaliser, whose output bits all
 * depend on every input bit; the generator takes the low 32 bits.
 *
 * The generator is MT19937 (Matsumoto and Nishimura, 1998) seeded as GSL's
 * gsl_rng_mt19937 is (the 2002 initialisation by Knuth's multiplier, seed 0
 * meaning 4357), so that every stream is the one GSL would give; it is
 * fragsim's own so that the engine can draw inline (rng.h).
 */
#include "sim/rng.h"

#define MT_M		397
#define MT_UPPER	0x80000000u
#define MT_LOWER	0x7fffffffu
#define MT_MATRIX_A	0x9908b0dfu

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

/*
 * One word of the twist: the top bit of word i and the low 31 of word
 * i + 1, shifted, with the matrix added when the low bit is set (a mask,
 * not a branch: the bit is random), over word i + M.
 */
static inline uint32_t twist(uint32_t wi, uint32_t wi1, uint32_t wm)
{
	uint32_t y = (wi & MT_UPPER) | (wi1 & MT_LOWER);

	return wm ^ (y >> 1) ^ (-(y & 1u) & MT_MATRIX_A);
}

void rng_mt_refill(struct rng_mt *st)
{
	uint32_t *mt = st->mt;
	unsigned int i;

	for (i = 0; i < RNG_MT_N - MT_M; i++)
		mt[i] = twist(mt[i], mt[i + 1], mt[i + MT_M]);
	for (; i < RNG_MT_N - 1; i++)
		mt[i] = twist(mt[i], mt[i + 1], mt[i + MT_M - RNG_MT_N]);
	mt[RNG_MT_N - 1] = twist(mt[RNG_MT_N - 1], mt[0], mt[MT_M - 1]);
	st->next = 0;
}

static void mt_set(void *state, unsigned long seed)
{
	struct rng_mt *st = state;

	if (!seed)
		seed = 4357;
	st->mt[0] = (uint32_t)seed;
	for (unsigned int i = 1; i < RNG_MT_N; i++)
		st->mt[i] = 1812433253u * (st->mt[i - 1] ^
					   (st->mt[i - 1] >> 30)) + i;
	st->next = RNG_MT_N;
}

static unsigned long mt_get(void *state)
{
	return rng_mt_next(state);
}

static double mt_get_double(void *state)
{
	return rng_mt_next(state) / 4294967296.0;
}

static const gsl_rng_type mt19937_type = {
	.name = "mt19937",
	.max = 0xffffffffUL,
	.min = 0,
	.size = sizeof(struct rng_mt),
	.set = mt_set,
	.get = mt_get,
	.get_double = mt_get_double,
};

const gsl_rng_type *const rng_mt19937 = &mt19937_type;

uint64_t rng_stream_seed(uint64_t seed, const char *name)
{
	return splitmix64(splitmix64(seed) ^ fnv1a(name));
}

gsl_rng *rng_stream(uint64_t seed, const char *name)
{
	gsl_rng *r = gsl_rng_alloc(rng_mt19937);

	/* 0 would make GSL's seeding use its default: avoid that collision */
	gsl_rng_set(r, (unsigned long)(rng_stream_seed(seed, name) &
				       0xffffffffUL) | 1UL << 32);
	return r;
}
