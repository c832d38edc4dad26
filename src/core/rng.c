/*
 * rng.c — xoshiro256** with splitmix64 seeding, polar Box–Muller normals,
 * and a storage-free permutation (a balanced Feistel network on the
 * smallest power-of-four domain >= n, with cycle walking back into [0, n)).
 */
#include "rng.h"

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

void rng_seed(Rng *rng, uint64_t seed)
{
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
