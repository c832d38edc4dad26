/*
 * testing.h — what the tests share on top of cmocka.
 * cmocka 1.1 compares floats only in single precision, so doubles get
 * assert_close with an explicit absolute tolerance.
 */
#ifndef DESCENT_TESTING_H
#define DESCENT_TESTING_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "core/landscape.h"
#include "core/optimizer.h"

#define assert_close(actual, expected, tolerance)                                              \
    do {                                                                                       \
        double actual_ = (actual), expected_ = (expected), tolerance_ = (tolerance);           \
        if (!(fabs(actual_ - expected_) <= tolerance_))                                        \
            fail_msg("%s = %.17g, expected %.17g within %g", #actual, actual_, expected_,      \
                     tolerance_);                                                              \
    } while (0)

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
