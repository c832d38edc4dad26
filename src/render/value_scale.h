/*
 * value_scale.h — how landscape values become positions t in [0, 1] on the
 * colour scale: linearly over the finite values in view, or on a log scale
 * spanning VALUE_SCALE_DECADES decades below the top of that range, and
 * bent at a knee: values up to the knee (the asked-for view's top, a 2D
 * map's range reaching beyond it: heatmap.c) take at least
 * VALUE_SCALE_KNEE_T of the colours, those above it the rest.  The heatmap
 * colours by t and the 3D surface both colours and lifts by it, so the two
 * views, and the legend, read the same.  Internal to src/render.
 */
#ifndef DESCENT_RENDER_VALUE_SCALE_H
#define DESCENT_RENDER_VALUE_SCALE_H

#include <stdbool.h>

#include "core/grid.h"

#define VALUE_SCALE_DECADES 5.0
/* The least share of the colours below the knee.  Without the bend the
 * widest map's range left welcome 1's view, a quadratic bowl, 0.27 of the
 * colours: no bright ground under "bright is high". */
#define VALUE_SCALE_KNEE_T 0.8

typedef struct ValueScale {
    double lo, range;     /* the finite values in view span [lo, lo + range] */
    bool any;             /* some value in view was finite */
    bool log;             /* t follows log(v - lo + floor) */
    double floor_;        /* range * 10^-DECADES: keeps log finite at lo */
    double log_floor, log_span;
    double knee_u;        /* the knee's place on the unbent scale: it is
                             drawn at VALUE_SCALE_KNEE_T (no bend where
                             that is its place already, or beyond) */
} ValueScale;

/* The scale for a grid's stats, linear or logarithmic, bent at value knee
 * (at or above stats.max: no bend). */
ValueScale value_scale_make(GridStats stats, bool log_scale, double knee);

/* Whether the scale is bent, and its knee's value. */
bool value_scale_knee(const ValueScale *scale, double *knee);

/* t of value v, clamped to [0, 1]; non-finite values (overflow) and any
 * value on a scale with nothing finite give 1, a flat range gives 0. */
double value_scale_t(const ValueScale *scale, double v);

/* dt/dv at v (0 where t is clamped or the range is flat). */
double value_scale_slope(const ValueScale *scale, double v);

/* The value at t: value_scale_t's inverse inside the range. */
double value_scale_value(const ValueScale *scale, double t);

/* Same mapping: both give the same t for every value. */
bool value_scale_equal(const ValueScale *a, const ValueScale *b);

#endif
