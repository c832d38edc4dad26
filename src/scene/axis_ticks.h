/*
 * axis_ticks.h — the plane's axes on the map: where an axis gets its ticks
 * (round numbers, 1, 2 or 5 times a power of ten, spaced so a range holds
 * a readable number of them), and where the ticks and their value labels
 * go on the map's pixels.  Pure arithmetic: the renderer measures the
 * labels' text (AxisStyle.text_width) and draws what axis_plan placed.
 *
 * A label is drawn whole inside the map or not at all: the map's edge
 * clips what lies on it, and a "-2" cut at the left edge reads "2".
 */
#ifndef DESCENT_SCENE_AXIS_TICKS_H
#define DESCENT_SCENE_AXIS_TICKS_H

#include <stdbool.h>
#include <stddef.h>

#include "viewport.h"

/* The smallest round spacing (1, 2 or 5 × 10^k) that puts at most
 * max_ticks ticks in [lo, hi] — but where that one puts fewer than two,
 * the next finer spacing, which puts two or a few more, whatever
 * max_ticks (one tick is no scale: escape 2's ΔV/ε axis, room for one,
 * read only "5"); 0 for
 * an empty, reversed or non-finite range or max_ticks < 1. */
double axis_tick_step(double lo, double hi, int max_ticks);

/* The first tick at or above lo for that spacing: the least multiple of
 * step that is >= lo. */
double axis_first_tick(double lo, double step);

/* A log axis's ticks stand this far apart at least (pixels, times scale). */
#define AXIS_DECADE_TICK_GAP 3.0

/* Every how many whole decades a log axis with per_decade pixels a decade
 * has a tick: 1, or the fewest that keeps its ticks gap pixels apart (a
 * tick a decade over 42 decades on a small plot, learning_rate 7's loss
 * plot at 1280x720 --projector, merged into a grey bar); 1 for a
 * non-finite or non-positive per_decade or gap. */
double axis_decade_stride(double per_decade, double gap);

/* A value label: its text and its box (text and padding), frame pixels. */
typedef struct AxisLabel {
    char text[32];
    double x, y, w, h;
} AxisLabel;

/* How the renderer draws the axes: sizes in the frame's pixels. */
typedef struct AxisStyle {
    double scale;           /* the frame's scale: spacings below grow with it */
    double line;            /* a label's height */
    double pad;             /* room either side of a label's text, inside its box */
    double (*text_width)(void *context, const char *text);
    /* Whether something drawn over the map (a run's head, a minimum's
     * mark, a particle) would cover a label's box; NULL: nothing does. */
    bool (*covered)(void *context, const AxisLabel *label);
    /* Whether a run's path crosses a label's box: a value keeps off it
     * where a place is free, else lies over it (saddle 5's y = 1, which
     * its caption cites, under momentum's spiral); NULL: none does. */
    bool (*crossed)(void *context, const AxisLabel *label);
    void *context;
} AxisStyle;

/* Screen pixels per tick at least, times scale. */
#define AXIS_TICK_SPACING_PX 90.0
/* Ticks on one axis at most. */
#define AXIS_MAX_TICKS 32
/* A tick's half length across its axis, pixels times scale. */
#define AXIS_TICK_HALF_PX 4.0


/* A tick on an axis (axis 0: on the x axis, at x = value; 1: on the y
 * axis) at pixel (px, py), and its label when it has one. */
typedef struct AxisTick {
    int axis;
    double value;
    double px, py;
    bool labelled;
    AxisLabel label;
} AxisTick;

/* The axes on one map: x = 0 and y = 0 cross at pixel (ox, oy), kept
 * inside the map (along its edge when the origin is off to a side); the
 * origin's own "0" when it is in view. */
typedef struct AxisPlan {
    double ox, oy;
    size_t tick_count;
    AxisTick tick[2 * AXIS_MAX_TICKS];
    bool has_origin;
    AxisLabel origin;
    bool has_name[2];       /* "x" and "y" at their axes' far ends */
    AxisLabel name[2];
} AxisPlan;

/* Where the axes x = 0 and y = 0 cross on the map vp at scale: the
 * origin's pixel, kept AXIS_INSET (times scale) inside the map, the axes
 * then along its edge. */
void axis_origin(const Viewport *vp, double scale, double *ox, double *oy);

/* The axes of the map vp: its ticks, and a label beside each where the
 * label's box lies whole inside the map, clear of the labels placed before
 * it (the x axis's, then the y axis's, then the origin's) and of what
 * would cover it (style->covered): on its usual side of the axis, else the
 * other side, else either side a little further out, else none.  The
 * spacing is chosen for the range a line in from the map's edges (a tick
 * on an edge has no room for its value); each axis's name, "x" and "y",
 * at its far end where it fits the same way. */
void axis_plan(const Viewport *vp, const AxisStyle *style, AxisPlan *dest);

/* Every label dest placed (ticks', the origin's, then the names'), count of them at
 * most capacity; returns how many there are. */
size_t axis_plan_labels(const AxisPlan *plan, AxisLabel *dest, size_t capacity);

#endif
