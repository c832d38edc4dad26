/*
 * linalg2.h — the little 2x2 linear algebra the core needs, inline.
 *
 * Symmetric 2x2 matrices are stored as {xx, xy, yy}.
 */
#ifndef DESCENT_CORE_LINALG2_H
#define DESCENT_CORE_LINALG2_H

#include <math.h>

/* Eigenvalues of [[a, b], [b, c]], ascending, in dest[0] <= dest[1].
 * Uses the stable form (no cancellation when b is small). */
static inline void sym2_eigenvalues(double a, double b, double c, double dest[2])
{
    double mean = 0.5 * (a + c);
    double r = hypot(0.5 * (a - c), b);
    dest[0] = mean - r;
    dest[1] = mean + r;
}

/* Solves [[a, b], [b, c]] s = g for s (dest may alias g).  A singular
 * matrix gives non-finite results, which the caller treats as divergence. */
static inline void sym2_solve(double a, double b, double c, const double g[2], double dest[2])
{
    double det = a * c - b * b;
    double s0 = (c * g[0] - b * g[1]) / det;
    double s1 = (a * g[1] - b * g[0]) / det;
    dest[0] = s0;
    dest[1] = s1;
}

#endif
