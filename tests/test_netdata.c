/*
 * test_netdata.c — core/netdata.h: each generator's points against its
 * formula (noise=0, where the points are known exactly), shapes and class
 * counts, seeds (same seed same data, another seed other data), the split
 * (sizes, disjoint parts that together hold every sample, in order),
 * csv:FILE with -1/+1 and 0/1/2 labels and as regression, and the bad
 * specs' one-line errors.
 */
#include "net_testing.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core/netdata.h"

#define DATA DESCENT_SOURCE_DIR "/tests/data/"


/* noise=0, test=0: the points in generation order. */
static void test_formulas(void **state)
{
    (void)state;
    /* moons n=4: outer t = 0, π → (1, 0), (−1, 0); inner → (0, 0.5), (2, 0.5). */
    NetDataSplit d = data_for_test("moons:n=4,noise=0,test=0");
    const double moons[4][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 0.5, 1}, {2, 0.5, 1}};
    for (int i = 0; i < 4; i++) {
        assert_close(d.train.x[2 * i], moons[i][0], 1e-15);
        assert_close(d.train.x[2 * i + 1], moons[i][1], 1e-15);
        assert_close(d.train.y[i], moons[i][2], 0.0);
    }
    netdata_free(&d);
    /* circles n=4, factor 0.5: outer t = 0, π; inner 0.5·(1, 0), 0.5·(−1, 0). */
    d = data_for_test("circles:n=4,noise=0,test=0");
    assert_close(d.train.x[2], -1.0, 1e-15);
    assert_close(d.train.x[4], 0.5, 1e-15);
    assert_close(d.train.y[1], 0.0, 0.0);
    assert_close(d.train.y[2], 1.0, 0.0);
    netdata_free(&d);
    /* spirals n=4, turns=1: class c = i mod 2, r = (j+1)/2, angle 2πr + πc;
     * sample 3 (c 1, j 1): r 1, angle 3π → (−1, 0). */
    d = data_for_test("spirals:n=4,noise=0,test=0");
    assert_close(d.train.x[6], -1.0, 1e-15);
    assert_close(d.train.x[7], 0.0, 1e-15);
    assert_close(d.train.y[3], 1.0, 0.0);
    netdata_free(&d);
    /* blobs k=4: sample 5 is class 1 at 2·(cos π/2, sin π/2) = (0, 2). */
    d = data_for_test("blobs:k=4,n=8,noise=0,test=0");
    assert_int_equal(d.train.classes, 4);
    assert_close(d.train.x[10], 0.0, 1e-15);
    assert_close(d.train.x[11], 2.0, 1e-15);
    assert_close(d.train.y[5], 1.0, 0.0);
    netdata_free(&d);
    /* xor: the label is the sign rule on the clean point. */
    d = data_for_test("xor:n=50,noise=0,test=0");
    for (size_t i = 0; i < 50; i++) {
        double x1 = d.train.x[2 * i], x2 = d.train.x[2 * i + 1];
        assert_true(fabs(x1) <= 1.0 && fabs(x2) <= 1.0);
        assert_close(d.train.y[i], x1 * x2 < 0.0 ? 1.0 : 0.0, 0.0);
    }
    netdata_free(&d);
    /* gaussian_linear without noise: y = 2 x1 + x2 exactly. */
    d = data_for_test("gaussian_linear:n=20,noise=0,test=0");
    assert_int_equal(d.train.classes, 0);
    for (size_t i = 0; i < 20; i++)
        assert_close(d.train.y[i], 2.0 * d.train.x[2 * i] + d.train.x[2 * i + 1], 1e-15);
    netdata_free(&d);
}

static bool same(const NetData *a, const NetData *b)
{
    return a->n == b->n && memcmp(a->x, b->x, a->n * 2 * sizeof(double)) == 0 &&
           memcmp(a->y, b->y, a->n * sizeof(double)) == 0;
}

static void test_shapes_seeds_split(void **state)
{
    (void)state;
    static const char *const kinds[] = {"moons", "circles", "spirals", "xor", "blobs",
                                        "gaussian_linear"};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        char spec[128];
        snprintf(spec, sizeof spec, "%s:n=101,seed=4", kinds[k]);
        NetDataSplit a = data_for_test(spec), b = data_for_test(spec);
        /* round(0.5 · 101) = 51 held out (llround rounds half away from 0). */
        assert_int_equal(a.test.n, 51);
        assert_int_equal(a.train.n, 50);
        assert_int_equal(a.train.dim, 2);
        assert_true(same(&a.train, &b.train) && same(&a.test, &b.test));
        snprintf(spec, sizeof spec, "%s:n=101,seed=5", kinds[k]);
        NetDataSplit c = data_for_test(spec);
        assert_false(same(&a.train, &c.train));
        /* The parts are the whole set in its order: the unsplit set, walked
         * once, meets each part's samples in their order. */
        snprintf(spec, sizeof spec, "%s:n=101,seed=4,test=0", kinds[k]);
        NetDataSplit whole = data_for_test(spec);
        size_t at[2] = {0, 0};
        for (size_t i = 0; i < whole.train.n; i++) {
            const double *x = whole.train.x + 2 * i;
            const NetData *parts[2] = {&a.train, &a.test};
            int found = -1;
            for (int p = 0; p < 2; p++)
                if (at[p] < parts[p]->n && memcmp(parts[p]->x + 2 * at[p], x,
                                                  2 * sizeof *x) == 0)
                    found = p;
            assert_true(found >= 0);
            assert_close(parts[found]->y[at[found]], whole.train.y[i], 0.0);
            at[found]++;
        }
        assert_int_equal(at[0], 50);
        assert_int_equal(at[1], 51);
        if (a.train.classes > 0)
            for (size_t i = 0; i < a.train.n; i++)
                assert_true(a.train.y[i] >= 0 && a.train.y[i] < a.train.classes);
        netdata_free(&a), netdata_free(&b), netdata_free(&c), netdata_free(&whole);
    }
}

static void test_csv(void **state)
{
    (void)state;
    /* classification.csv's rows 1 .. 4 have labels 1, 0, 1, −1: the distinct
     * values −1, 0, 1 become classes 0, 1, 2. */
    NetDataSplit d = data_for_test("csv:" DATA "classification.csv,test=0");
    assert_int_equal(d.train.classes, 3);
    const double classes[4] = {2, 1, 2, 0};
    for (size_t i = 0; i < 4; i++)
        assert_close(d.train.y[i], classes[i], 0.0);
    assert_close(d.train.x[6], -2.0, 0.0);
    netdata_free(&d);
    d = data_for_test("csv:" DATA "regression.csv,task=regress,test=0.25");
    assert_int_equal(d.train.classes, 0);
    assert_true(d.test.n > 0);
    netdata_free(&d);
    /* csv:file=FILE, the form a lesson's checked path takes, is csv:FILE. */
    d = data_for_test("csv: file = " DATA "classification.csv,test=0");
    assert_int_equal(d.train.n, 6);
    assert_close(d.train.x[6], -2.0, 0.0);
    netdata_free(&d);
}

static void expect_error(const char *spec, const char *part)
{
    NetDataSplit d;
    DescentError err = {""};
    if (netdata_create(spec, &d, &err))
        fail_msg("%s was accepted", spec);
    if (!strstr(err.message, part) || strchr(err.message, '\n'))
        fail_msg("%s: message '%s' does not name '%s' on one line", spec, err.message, part);
    assert_null(d.train.x);
}

static void test_bad_specs(void **state)
{
    (void)state;
    expect_error("moons:n=0", "n=0");
    expect_error("moons:test=1.5", "test=1.5");
    expect_error("moons:test=1", "training set empty");
    expect_error("moons:n=3,test=0.1", "test set empty");
    expect_error("swirls", "unknown dataset 'swirls'");
    expect_error("blobs:k=1", "k=1");
    expect_error("moons:turns=2", "unknown key 'turns'");
    expect_error("csv:" DATA "one_class.csv", "two classes");
    expect_error("csv:" DATA "regression.csv", "not a whole number");
    expect_error("csv:/nonexistent.csv", "/nonexistent.csv");
    expect_error("csv", "needs a file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formulas),
        cmocka_unit_test(test_shapes_seeds_split),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_bad_specs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
