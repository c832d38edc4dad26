/*
 * loss_scale.h — the loss-versus-step plot's axes, worked out from the
 * scene so the renderer only draws them.
 *
 * The plotted quantity is log10(L − L*) (L* the lowest known minimum's
 * value when below 0, else 0) whenever no loss lies clearly below L*; a
 * loss that reaches L* exactly (a run that lands on the minimum, or
 * underflows there) stays on the log scale, floored a decade below the
 * smallest positive L − L* seen, at the bottom edge.  Only a loss clearly
 * below L* (a landscape unbounded below) makes the scale linear in L.
 *
 * The range is the lesson's (display.loss_ymin / loss_ymax) when it sets
 * one, so two steps compare; else it spans the runs still going (a run
 * racing off to infinity would squash the others into a line), at most a
 * few decades above where they started.  A run that leaves the range at
 * the top is drawn up to the edge and marked there (loss_scale_exit), not
 * clamped into a flat line.
 *
 * The x axis is the update number from the lesson's first update shown
 * (display.loss_from: adaptive 5's leaps after step 380, in 30 pixels of
 * 1500 steps) once a run has gone past it, else from 0, except on the scene's time clock (a
 * flow run is on stage, scene_on_time): then it is time t = Σ ηₖ (the sum
 * of the learning rates of the updates so far; a flow's lr is its time
 * step), so a flow taking many small steps is compared with GD at the same
 * time, not after the same number of updates (lessons/gradient_flow.lua);
 * the runs advance together in time there.  The time axis spans the least
 * time the visible runs have reached, so every run is drawn over the whole
 * width, and the loss range is taken over that span only.
 */
#ifndef DESCENT_SCENE_LOSS_SCALE_H
#define DESCENT_SCENE_LOSS_SCALE_H

#include <stdbool.h>
#include <stddef.h>

#include "scene/scene.h"

typedef struct LossScale {
    bool log;          /* log10(max(L − offset, floor)), else L */
    double offset;     /* L* */
    double floor;      /* log scale: the least L − offset shown */
    double lo, hi;     /* range of the plotted quantity (bottom, top) */
    bool fixed;        /* lo, hi are the lesson's */
    size_t steps;      /* the most updates of a visible run */
    bool time;         /* x is time t = Σ ηₖ (scene_on_time), else updates */
    double from;       /* x runs over from..span: the first update shown */
    double span;       /* ... and the last: steps, or a time */
} LossScale;

/* The scale for the scene's visible runs (every computed point, shown or
 * remembered after a rewind, so the axes hold still while the timeline is
 * scrubbed; long runs are sampled). */
LossScale loss_scale_of(const Scene *scene);

/* Walks a run's points in order with their x (update number or time). */
typedef struct LossCursor {
    const LossScale *scale;
    const Run *run;
    size_t k;          /* the point */
    double x;          /* its x */
} LossCursor;

/* A cursor at the run's point k. */
LossCursor loss_cursor_at(const LossScale *scale, const Run *run, size_t k);

/* Moves the cursor to the first point at or after it whose x is above x,
 * stopping at last; returns that point's index. */
size_t loss_cursor_past(LossCursor *cursor, double x, size_t last);

/* Where loss is plotted; NaN for a non-finite loss. */
double loss_scale_value(const LossScale *scale, double loss);

/* The first of the run's shown points (from .. count − 1) whose loss is above
 * the range's top, or not finite after finite ones (a divergence); -1 when
 * it never leaves at the top. */
long loss_scale_exit(const LossScale *scale, const Run *run);

/* A stride that visits about budget of n points, odd so a period-2
 * oscillation still shows both of its sides. */
size_t loss_sample_stride(size_t n, size_t budget);

/* A column of a curve on the plot, in pixels: where it is drawn (x, ylo
 * to yhi), whether it is joined to the column before, whether it lies on
 * a curve drawn before it (over), and whether it is dashed so that curve
 * shows (along: loss_columns_along). */
typedef struct LossColumn {
    double x, ylo, yhi;
    bool joined, over, along;
} LossColumn;

/* Sets each column's along: whether it is in a stretch of joined columns
 * over an earlier curve spanning least pixels or more, the curve running
 * along the other (gradient_flow 2: GD's under the flow's, a pixel apart),
 * not crossing it (saddle 5: momentum's curve, crossing GD's, was broken
 * at each crossing). */
void loss_columns_along(LossColumn *columns, size_t count, double least);

#endif
