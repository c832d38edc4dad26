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

#endif
