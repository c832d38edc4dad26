/*
 * value_scale.h — how landscape values become positions t in [0, 1] on the
 * colour scale: linearly over the finite values in view, or on a log scale
 * spanning VALUE_SCALE_DECADES decades below the top of that range.  The
 * heatmap colours by t and the 3D surface both colours and lifts by it, so
 * the two views, and the legend, read the same.  Internal to src/render.
 */
#ifndef DESCENT_RENDER_VALUE_SCALE_H
#define DESCENT_RENDER_VALUE_SCALE_H

#include <stdbool.h>

#include "core/grid.h"

#define VALUE_SCALE_DECADES 5.0

typedef struct ValueScale {
    double lo, range;     /* the finite values in view span [lo, lo + range] */
    bool any;             /* some value in view was finite */
    bool log;             /* t follows log(v - lo + floor) */
    double floor_;        /* range * 10^-DECADES: keeps log finite at lo */
    double log_floor, log_span;
} ValueScale;

/* The scale for a grid's stats, linear or logarithmic. */
ValueScale value_scale_make(GridStats stats, bool log_scale);

/* t of value v, clamped to [0, 1]; non-finite values (overflow) and any
 * value on a scale with nothing finite give 1, a flat range gives 0. */
double value_scale_t(const ValueScale *scale, double v);

/* t of v unclamped, for a map reaching beyond the range (heatmap.c): above
 * the range as inside it, below it linearly on either scale (a log has no
 * place below the range's bottom); HUGE_VAL where value_scale_t gives 1
 * for want of a finite value. */
double value_scale_reach(const ValueScale *scale, double v);

/* dt/dv at v (0 where t is clamped or the range is flat). */
double value_scale_slope(const ValueScale *scale, double v);

/* The value at t: value_scale_t's inverse inside the range. */
double value_scale_value(const ValueScale *scale, double t);

/* Same mapping: both give the same t for every value. */
bool value_scale_equal(const ValueScale *a, const ValueScale *b);

#endif
