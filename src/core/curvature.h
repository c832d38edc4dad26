/*
 * curvature.h — the numbers the window reads about curvature: at a point
 * (the hover readout), along a run's path (the sharpness plot), and plain
 * GD's stability against them.
 *
 * On a quadratic with Hessian H, GD with learning rate lr multiplies the
 * error along an eigenvector of curvature λ by (1 − lr λ) per step: it
 * settles along that direction only when |1 − lr λ| < 1, i.e. λ < 2/lr, and
 * overshoots (the sign flips each step) once lr λ > 1, growing once
 * lr λ > 2.  On other losses the same holds locally, with H at the point.
 * Here "overshoots" means lr λmax > 2, the unstable case.
 */
#ifndef DESCENT_CORE_CURVATURE_H
#define DESCENT_CORE_CURVATURE_H

#include <stdbool.h>
#include <stddef.h>

#include "landscape.h"
#include "run.h"

typedef struct PointCurvature {
    double value;       /* L(θ) */
    double grad[2];     /* ∇L(θ) */
    double grad_norm;   /* |∇L(θ)| */
    double eig[2];      /* the Hessian's eigenvalues, ascending: eig[1] is λmax */
} PointCurvature;

/* Value, gradient and the Hessian's eigenvalues at (x, y). */
void curvature_at(const Landscape *landscape, double x, double y, PointCurvature *dest);

/* λmax of the Hessian at each of count points into dest; NaN at a point
 * that is not finite (a diverged run's last one). */
void curvature_lambda_max_along(const Landscape *landscape, const RunPoint *points, size_t count,
                                double *dest);

typedef struct GdStability {
    double threshold;   /* 2/lr: the largest curvature GD with lr settles on;
                           HUGE_VAL for lr <= 0 */
    double lr_lambda;   /* lr·λmax */
    bool overshoots;    /* lr·λmax > 2 */
} GdStability;

/* Plain GD with learning rate lr where the largest curvature is lambda_max. */
GdStability curvature_gd_stability(double lr, double lambda_max);

#endif
