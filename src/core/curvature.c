/* curvature.c — see curvature.h. */
#include "curvature.h"

#include <math.h>

#include "linalg2.h"

void curvature_at(const Landscape *landscape, double x, double y, PointCurvature *dest)
{
    LandscapeEval e;
    landscape_eval(landscape, x, y, &e);
    dest->value = e.value;
    dest->grad[0] = e.grad[0];
    dest->grad[1] = e.grad[1];
    dest->grad_norm = hypot(e.grad[0], e.grad[1]);
    sym2_eigenvalues(e.hess[0], e.hess[1], e.hess[2], dest->eig);
}

void curvature_lambda_max_along(const Landscape *landscape, const RunPoint *points, size_t count,
                                double *dest)
{
    for (size_t k = 0; k < count; k++) {
        PointCurvature c = {.eig = {(double)NAN, (double)NAN}};
        if (isfinite(points[k].x) && isfinite(points[k].y))
            curvature_at(landscape, points[k].x, points[k].y, &c);
        dest[k] = c.eig[1];
    }
}

GdStability curvature_gd_stability(double lr, double lambda_max)
{
    return (GdStability){
        .threshold = lr > 0 ? 2.0 / lr : HUGE_VAL,
        .lr_lambda = lr * lambda_max,
        .overshoots = lr * lambda_max > 2.0,
    };
}
