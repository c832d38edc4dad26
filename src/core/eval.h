/*
 * eval.h — a function of (x, y) evaluated at one point: its value,
 * gradient and Hessian.  What the expression engine (expr.h) and the
 * landscapes built on it (landscape.h) both hand back, so expressions need
 * nothing from the landscapes above them.
 */
#ifndef DESCENT_CORE_EVAL_H
#define DESCENT_CORE_EVAL_H

/* Value, gradient and Hessian at one point. */
typedef struct LandscapeEval {
    double value;
    double grad[2];     /* dL/dx, dL/dy */
    double hess[3];     /* d2L/dx2, d2L/dxdy, d2L/dy2 */
} LandscapeEval;

#endif
