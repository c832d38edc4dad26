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

#define assert_close(actual, expected, tolerance)                                              \
    do {                                                                                       \
        double actual_ = (actual), expected_ = (expected), tolerance_ = (tolerance);           \
        if (!(fabs(actual_ - expected_) <= tolerance_))                                        \
            fail_msg("%s = %.17g, expected %.17g within %g", #actual, actual_, expected_,      \
                     tolerance_);                                                              \
    } while (0)

#endif
