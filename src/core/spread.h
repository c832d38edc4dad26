/*
 * spread.h — how wide a cloud of points is: its mean, its covariance and
 * the principal axes of that covariance (the directions in which it is
 * widest and narrowest, with the standard deviation along each).
 *
 * The covariance is the population one (divided by the number of points,
 * not by one less): it describes this cloud, not an estimate of a larger
 * one, and a cloud of one point has spread 0.  Points with a non-finite
 * coordinate (diverged particles) are left out.
 */
#ifndef DESCENT_CORE_SPREAD_H
#define DESCENT_CORE_SPREAD_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Spread2 {
    size_t count;           /* finite points counted */
    double mean[2];
    double cov[3];          /* {xx, xy, yy} */
    double sigma[2];        /* standard deviations along the axes, sigma[0] >= sigma[1] */
    double axis[2];         /* unit direction of the widest axis; the narrow
                               one is (-axis[1], axis[0]) */
} Spread2;

/* The spread of count points stored x, y interleaved (as a swarm stores
 * them).  False (dest zeroed) when none of them is finite. */
bool spread2_of(const float *xy, size_t count, Spread2 *dest);

#endif
