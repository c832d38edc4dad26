/*
 * rng.h — seeded random numbers for noisy gradients and minibatches.
 *
 * xoshiro256** (Blackman & Vigna) seeded through splitmix64, so any 64-bit
 * seed, including 0 and neighbouring seeds s, s+1, ..., gives independent,
 * well-mixed streams.  Pure functions of the state: the same seed gives the
 * same numbers, bit for bit, on every run and machine.  No global state;
 * one Rng per run (or per particle) makes them safe across threads.
 */
#ifndef DESCENT_CORE_RNG_H
#define DESCENT_CORE_RNG_H

#include <math.h>
#include <stdint.h>

typedef struct Rng {
    uint64_t s[4];
} Rng;

/* Seeds the generator; every seed is valid. */
void rng_seed(Rng *rng, uint64_t seed);

/* The generator's hot path is inline: a swarm draws two normals per
 * particle step, and a call that returns through memory costs more than
 * the arithmetic. */

static inline uint64_t rng_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* Next 64 random bits. */
static inline uint64_t rng_next(Rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rng_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rng_rotl(s[3], 45);
    return result;
}

/* Uniform double in [0, 1) with 53 random bits. */
static inline double rng_uniform(Rng *rng)
{
    return (double)(rng_next(rng) >> 11) * 0x1.0p-53;
}

/* Ziggurat tables for the normal distribution (Marsaglia & Tsang 2000,
 * 256 layers): layer i spans [0, x[i]) at heights up to f[i] = exp(-x[i]^2/2).
 * Filled once, before any Rng is seeded (rng_seed sees to it); read-only
 * after that, so sharing them between threads is safe. */
#define RNG_ZIGGURAT_LAYERS 256
extern double rng_ziggurat_x[RNG_ZIGGURAT_LAYERS + 1];
extern double rng_ziggurat_f[RNG_ZIGGURAT_LAYERS + 1];

/* The rare draws that fall outside a layer's rectangle (about 1.2%). */
double rng_normal_edge(Rng *rng, uint64_t bits);

/* One standard normal deviate.  The common case is one 64-bit draw, a
 * multiply and a compare: bits 0-7 pick the layer, bit 8 the sign, and
 * bits 11-63 the position, so no bit is used twice. */
static inline double rng_normal(Rng *rng)
{
    uint64_t bits = rng_next(rng);
    unsigned layer = (unsigned)(bits & (RNG_ZIGGURAT_LAYERS - 1));
    double z = (double)(bits >> 11) * 0x1.0p-53 * rng_ziggurat_x[layer];
    if (z < rng_ziggurat_x[layer + 1])
        return bits & 0x100 ? -z : z;
    return rng_normal_edge(rng, bits);
}

/* Two independent standard normal deviates (mean 0, variance 1), written to
 * dest[0] and dest[1]. */
static inline void rng_normal2(Rng *rng, double dest[2])
{
    dest[0] = rng_normal(rng);
    dest[1] = rng_normal(rng);
}

/* The i-th element (0 <= i < n) of a pseudo-random permutation of
 * {0, ..., n-1} chosen by key.  Needs no storage, so every particle of a
 * swarm can shuffle its own epochs of a dataset: distinct i give distinct
 * results, and the permutation for one key is fixed.  n >= 1. */
uint32_t rng_permute(uint64_t key, uint32_t n, uint32_t i);

/* Mixes two 64-bit values into one well-distributed key (splitmix64). */
uint64_t rng_mix(uint64_t a, uint64_t b);

#endif
