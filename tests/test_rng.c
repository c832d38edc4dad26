/* test_rng.c — the seeded generator: reproducible, well distributed, and
 * the storage-free permutation is a permutation. */
#include "testing.h"

#include <math.h>
#include <stdlib.h>

#include "core/rng.h"

static void same_seed_same_stream(void **state)
{
    (void)state;
    Rng a, b, c;
    rng_seed(&a, 42);
    rng_seed(&b, 42);
    rng_seed(&c, 43);
    int differ = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t va = rng_next(&a);
        assert_true(va == rng_next(&b));
        differ += va != rng_next(&c);
    }
    assert_int_equal(differ, 1000);
}

/* First outputs of xoshiro256** seeded by splitmix64 from 0, computed with
 * the reference C code of Blackman and Vigna. */
static void matches_the_reference_generator(void **state)
{
    (void)state;
    Rng rng;
    rng_seed(&rng, 0);
    /* splitmix64(0) gives the state; these are its known first words. */
    assert_true(rng.s[0] == 0xE220A8397B1DCDAFull);
    assert_true(rng.s[1] == 0x6E789E6AA1B965F4ull);
    assert_true(rng.s[2] == 0x06C45D188009454Full);
    assert_true(rng.s[3] == 0xF88BB8A8724C81ECull);
    /* result = rotl(s1 * 5, 7) * 9 */
    uint64_t s1 = 0x6E789E6AA1B965F4ull * 5;
    uint64_t expected = ((s1 << 7) | (s1 >> 57)) * 9;
    assert_true(rng_next(&rng) == expected);
}

static void uniform_moments(void **state)
{
    (void)state;
    Rng rng;
    rng_seed(&rng, 7);
    const int n = 1000000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; i++) {
        double u = rng_uniform(&rng);
        assert_true(u >= 0 && u < 1);
        sum += u;
        sum2 += u * u;
    }
    double mean = sum / n, var = sum2 / n - mean * mean;
    /* Standard errors: sqrt(1/12/n) = 2.9e-4 for the mean; 6 sigma bounds. */
    assert_true(fabs(mean - 0.5) < 6 * 2.9e-4);
    /* sd of the sample variance: sqrt((1/80 - 1/144) / n) = 7.5e-5. */
    assert_true(fabs(var - 1.0 / 12) < 6 * 7.5e-5);
}

static void normal_moments(void **state)
{
    (void)state;
    Rng rng;
    rng_seed(&rng, 11);
    const int n = 500000; /* pairs */
    double sum = 0, sum2 = 0, sum4 = 0, cross = 0;
    for (int i = 0; i < n; i++) {
        double z[2];
        rng_normal2(&rng, z);
        for (int k = 0; k < 2; k++) {
            sum += z[k];
            sum2 += z[k] * z[k];
            sum4 += z[k] * z[k] * z[k] * z[k];
        }
        cross += z[0] * z[1];
    }
    double m = 2.0 * n;
    /* Standard errors for N(0,1) over m samples: mean 1/sqrt(m) = 1e-3,
     * variance sqrt(2/m) = 1.4e-3, fourth moment sqrt(96/m) = 9.8e-3. */
    assert_true(fabs(sum / m) < 6e-3);
    assert_true(fabs(sum2 / m - 1) < 6 * 1.42e-3);
    assert_true(fabs(sum4 / m - 3) < 6 * 9.8e-3);
    assert_true(fabs(cross / n) < 6 * 1.42e-3); /* the pair is uncorrelated */
}

/* The distribution itself, not only its moments: the empirical CDF at
 * several points, out into both tails, against Phi(z) = erfc(-z/sqrt2)/2.
 * The ziggurat's layers, wedges and tail each show up here if wrong. */
static void normal_distribution_function(void **state)
{
    (void)state;
    static const double points[] = {-4.0, -3.0, -2.0, -1.0, -0.5, -0.1, 0.0,
                                    0.1,  0.5,  1.0,  2.0,  3.0,  3.7, 4.0};
    enum { NPOINTS = sizeof points / sizeof points[0] };
    long below[NPOINTS] = {0};
    Rng rng;
    rng_seed(&rng, 2024);
    const long n = 4000000;
    for (long k = 0; k < n; k++) {
        double z = rng_normal(&rng);
        for (int i = 0; i < NPOINTS; i++)
            below[i] += z < points[i];
    }
    for (int i = 0; i < NPOINTS; i++) {
        double p = 0.5 * erfc(-points[i] / sqrt(2.0));
        double sd = sqrt(p * (1 - p) / (double)n);
        double got = (double)below[i] / (double)n;
        if (fabs(got - p) > 6 * sd + 1e-9)
            fail_msg("P(z < %g) = %.6g, expected %.6g (sd %.2g)", points[i], got, p, sd);
    }
}

static void neighbouring_seeds_are_independent(void **state)
{
    (void)state;
    /* Correlation between the first normals of seeds s and s+1 over many s. */
    const int n = 100000;
    double cross = 0;
    for (int s = 0; s < n; s++) {
        Rng a, b;
        double za[2], zb[2];
        rng_seed(&a, (uint64_t)s);
        rng_seed(&b, (uint64_t)s + 1);
        rng_normal2(&a, za);
        rng_normal2(&b, zb);
        cross += za[0] * zb[0];
    }
    assert_true(fabs(cross / n) < 6.0 / sqrt(n));
}

static void permutation_is_a_bijection(void **state)
{
    (void)state;
    static const uint32_t sizes[] = {1, 2, 3, 4, 5, 7, 16, 17, 100, 1000, 4097};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        uint32_t n = sizes[s];
        for (uint64_t key = 0; key < 5; key++) {
            unsigned char *seen = calloc(n, 1);
            for (uint32_t i = 0; i < n; i++) {
                uint32_t p = rng_permute(key, n, i);
                assert_true(p < n);
                assert_int_equal(seen[p], 0);
                seen[p] = 1;
            }
            free(seen);
        }
    }
}

static void permutations_differ_by_key(void **state)
{
    (void)state;
    const uint32_t n = 1000;
    int same = 0;
    for (uint32_t i = 0; i < n; i++)
        same += rng_permute(1, n, i) == rng_permute(2, n, i);
    /* A random pair of permutations agrees in about one place. */
    assert_true(same < 10);
    /* And a permutation is not the identity. */
    int fixed = 0;
    for (uint32_t i = 0; i < n; i++)
        fixed += rng_permute(3, n, i) == i;
    assert_true(fixed < 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_stream),
        cmocka_unit_test(matches_the_reference_generator),
        cmocka_unit_test(uniform_moments),
        cmocka_unit_test(normal_moments),
        cmocka_unit_test(normal_distribution_function),
        cmocka_unit_test(neighbouring_seeds_are_independent),
        cmocka_unit_test(permutation_is_a_bijection),
        cmocka_unit_test(permutations_differ_by_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
