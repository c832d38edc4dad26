/*
 * testing.h — what the tests share on top of cmocka.
 * cmocka 1.1 compares floats only in single precision, so doubles get
 * assert_close with an explicit tolerance, and every test compares doubles
 * through close_enough: one comparison, with one answer for NaN (never
 * close), for the whole suite.
 */
#ifndef DESCENT_TESTING_H
#define DESCENT_TESTING_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fnmatch.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/landscape.h"
#include "core/optimizer.h"

/* |actual - expected| <= tolerance; false when either is NaN. */
static inline bool close_enough(double actual, double expected, double tolerance)
{
    return fabs(actual - expected) <= tolerance;
}

/* A tolerance of rel relative to expected, but never tighter than rel
 * itself, so numbers near 0 are not held to a vanishing tolerance. */
static inline double relative_tolerance(double rel, double expected)
{
    return rel * fmax(1.0, fabs(expected));
}

/* Fails the test unless actual is within tolerance of expected. */
#define assert_close(actual, expected, tolerance)                                              \
    do {                                                                                       \
        double actual_ = (actual), expected_ = (expected), tolerance_ = (tolerance);           \
        if (!close_enough(actual_, expected_, tolerance_))                                     \
            fail_msg("%s = %.17g, expected %.17g within %g", #actual, actual_, expected_,      \
                     tolerance_);                                                              \
    } while (0)

/* assert_close inside a loop: the failure also says where, printf-style
 * ("%s, step %d", name, k). */
#define assert_close_where(actual, expected, tolerance, ...)                                   \
    do {                                                                                       \
        double actual_ = (actual), expected_ = (expected), tolerance_ = (tolerance);           \
        if (!close_enough(actual_, expected_, tolerance_)) {                                   \
            char where_[1024];                                                                 \
            snprintf(where_, sizeof where_, __VA_ARGS__);                                      \
            fail_msg("%s: %s = %.17g, expected %.17g within %g", where_, #actual, actual_,     \
                     expected_, tolerance_);                                                   \
        }                                                                                      \
    } while (0)

/* The numbers after a line's first word ("theta 0.5 -1 ..."), read with
 * strtod into a new array the caller frees; *count receives how many
 * (the stored torch references of tests/data are lines of this form). */
static inline double *numbers_after(const char *line, size_t *count)
{
    size_t cap = 64, n = 0;
    double *values = malloc(cap * sizeof *values);
    const char *p = strchr(line, ' ');
    while (values && p && *p) {
        char *end;
        double value = strtod(p, &end);
        if (end == p)
            break;
        if (n == cap)
            values = realloc(values, (cap *= 2) * sizeof *values);
        if (values)
            values[n++] = value;
        p = end;
    }
    if (!values)
        fail_msg("out of memory reading numbers");
    *count = n;
    return values;
}

/* A landscape from a spec the test knows is good; fails the test otherwise. */
static inline Landscape *test_landscape(const char *spec)
{
    DescentError err = {""};
    Landscape *landscape = landscape_create(spec, &err);
    if (!landscape)
        fail_msg("%s: %s", spec, err.message);
    return landscape;
}

/* An optimizer from a spec the test knows is good on landscape. */
static inline OptimizerDesc test_optimizer(const char *spec, const Landscape *landscape)
{
    OptimizerDesc desc;
    DescentError err = {""};
    if (!optimizer_parse(spec, landscape, &desc, &err))
        fail_msg("%s: %s", spec, err.message);
    return desc;
}

/* Whether name matches one of the count shell patterns (fnmatch's). */
static inline bool matches_any(const char *name, char *const *patterns, int count)
{
    for (int p = 0; p < count; p++)
        if (fnmatch(patterns[p], name, 0) == 0)
            return true;
    return false;
}

/* Runs the tests a test program's command line chooses, as one cmocka
 * group with the given fixtures (either may be NULL):
 *   PROGRAM                     every test;
 *   PROGRAM PATTERN             those whose names match the shell pattern;
 *   PROGRAM --skip PATTERN...   all but those matching one of the patterns
 * (tests/meson.build skips some under the sanitizers or a second video
 * driver, where another run already covers their code paths).  Returns
 * the number of failed tests, or 2 after a usage message on stderr. */
static inline int run_chosen_tests(const struct CMUnitTest *tests, size_t count, int argc,
                                   char **argv, CMFixtureFunction setup,
                                   CMFixtureFunction teardown)
{
    bool skip = argc >= 3 && strcmp(argv[1], "--skip") == 0;
    if (argc > 2 && !skip) {
        fprintf(stderr, "usage: %s [PATTERN | --skip PATTERN...]\n", argv[0]);
        return 2;
    }
    if (argc == 2)
        cmocka_set_test_filter(argv[1]);
    struct CMUnitTest *run = malloc(count * sizeof *run);
    if (!run)
        return 1;
    size_t chosen = 0;
    for (size_t t = 0; t < count; t++)
        if (!skip || !matches_any(tests[t].name, argv + 2, argc - 2))
            run[chosen++] = tests[t];
    int failed = _cmocka_run_group_tests("tests", run, chosen, setup, teardown);
    free(run);
    return failed;
}

/* run_chosen_tests on a whole array of tests. */
#define RUN_CHOSEN_TESTS(tests, argc, argv, setup, teardown)                                   \
    run_chosen_tests((tests), sizeof(tests) / sizeof((tests)[0]), (argc), (argv), (setup),     \
                     (teardown))

#endif
