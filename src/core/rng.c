/*
 * rng.c — xoshiro256** with splitmix64 seeding, the ziggurat's tables and
 * its rare cases, and a storage-free permutation (a balanced Feistel network on the
 * smallest power-of-four domain >= n, with cycle walking back into [0, n)).
 */
#include "rng.h"

#include <threads.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t rng_mix(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ (b * 0xD1B54A32D192ED03ull);
    return splitmix64(&x);
}

double rng_ziggurat_x[RNG_ZIGGURAT_LAYERS + 1];
double rng_ziggurat_f[RNG_ZIGGURAT_LAYERS + 1];

/* Right edge of the base layer's rectangle and the common area of every
 * layer, for 256 layers (Marsaglia & Tsang, "The Ziggurat Method for
 * Generating Random Variables", 2000). */
#define ZIGGURAT_R 3.6541528853610088
#define ZIGGURAT_AREA 4.92867323399e-3

static void ziggurat_init(void)
{
    double *x = rng_ziggurat_x, *f = rng_ziggurat_f;
    double fr = exp(-0.5 * ZIGGURAT_R * ZIGGURAT_R);
    x[0] = ZIGGURAT_AREA / fr; /* the base layer holds the tail's area too */
    x[1] = ZIGGURAT_R;
    for (int i = 1; i < RNG_ZIGGURAT_LAYERS - 1; i++)
        x[i + 1] = sqrt(-2.0 * log(ZIGGURAT_AREA / x[i] + exp(-0.5 * x[i] * x[i])));
    x[RNG_ZIGGURAT_LAYERS] = 0.0;
    for (int i = 0; i <= RNG_ZIGGURAT_LAYERS; i++)
        f[i] = exp(-0.5 * x[i] * x[i]);
}

double rng_normal_edge(Rng *rng, uint64_t bits)
{
    for (;;) {
        unsigned layer = (unsigned)(bits & (RNG_ZIGGURAT_LAYERS - 1));
        double sign = bits & 0x100 ? -1.0 : 1.0;
        double z = (double)(bits >> 11) * 0x1.0p-53 * rng_ziggurat_x[layer];
        if (z < rng_ziggurat_x[layer + 1])
            return sign * z;
        if (layer == 0) {
            /* The tail beyond R, by Marsaglia's exponential method. */
            double a, b;
            do {
                a = -log1p(-rng_uniform(rng)) / ZIGGURAT_R;
                b = -log1p(-rng_uniform(rng));
            } while (b + b < a * a);
            return sign * (ZIGGURAT_R + a);
        }
        /* The wedge between the rectangle and the curve. */
        double fz = rng_ziggurat_f[layer + 1] +
                    rng_uniform(rng) * (rng_ziggurat_f[layer] - rng_ziggurat_f[layer + 1]);
        if (fz < exp(-0.5 * z * z))
            return sign * z;
        bits = rng_next(rng);
    }
}

void rng_seed(Rng *rng, uint64_t seed)
{
    static once_flag tables_once = ONCE_FLAG_INIT;
    call_once(&tables_once, ziggurat_init);
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&x);
}

/* One Feistel round function: mixes the right half with the key and round. */
static uint32_t feistel_round(uint32_t half, uint64_t key, int round, uint32_t mask)
{
    return (uint32_t)rng_mix(key + (uint64_t)round, half) & mask;
}

uint32_t rng_permute(uint64_t key, uint32_t n, uint32_t i)
{
    if (n <= 1)
        return 0;
    /* Smallest even bit count 2h with 2^(2h) >= n; the domain is at most 4n,
     * so cycle walking takes fewer than 4 rounds of the network on average. */
    int half_bits = 1;
    while ((1ull << (2 * half_bits)) < n)
        half_bits++;
    uint32_t mask = (uint32_t)((1ull << half_bits) - 1);
    uint32_t v = i;
    do {
        uint32_t left = v >> half_bits, right = v & mask;
        for (int round = 0; round < 4; round++) {
            uint32_t next = left ^ feistel_round(right, key, round, mask);
            left = right;
            right = next;
        }
        v = (left << half_bits) | right;
    } while (v >= n);
    return v;
}
