/* axis_ticks.c — see axis_ticks.h. */
#include "axis_ticks.h"

#include <math.h>
#include <stdio.h>

/* Ticks in [lo, hi] at spacing step. */
static double ticks_in(double lo, double hi, double step)
{
    return floor(hi / step) - ceil(lo / step) + 1;
}

double axis_tick_step(double lo, double hi, int max_ticks)
{
    double span = hi - lo;
    if (!(span > 0) || !isfinite(span) || max_ticks < 1)
        return 0;
    static const double mantissas[] = {1.0, 2.0, 5.0, 10.0, 20.0};
    double decade = pow(10.0, floor(log10(span / max_ticks)));
    double finer = 0.5 * decade;
    for (int k = 0; k < 5; k++) {
        double step = mantissas[k] * decade;
        if (ticks_in(lo, hi, step) <= max_ticks)
            return ticks_in(lo, hi, step) < 2 ? finer : step;
        finer = step;
    }
    return finer;
}

double axis_first_tick(double lo, double step)
{
    return ceil(lo / step) * step;
}

double axis_decade_stride(double per_decade, double gap)
{
    if (!(per_decade > 0 && gap > 0 && isfinite(per_decade) && isfinite(gap)))
        return 1.0;
    return fmax(1.0, ceil(gap / per_decade));
}

/* ------------------------------------------------------------------------ */
/* Placing ticks and labels                                                  */

/* Distance of the axes from the map's edge when the origin is off to a
 * side; the clear gap between a tick's end and its label's box, and the
 * step a covered label moves out by (times scale).  A tick touching its
 * label's box read as a minus sign: "2" as "-2", "-1" as "--1"
 * (adam_vs_sgd 1, whose caption cites (0.6, 1.2)). */
#define AXIS_INSET 6.0
#define LABEL_CLEAR 3.0
#define LABEL_GAP 6.0
/* Steps of LABEL_GAP a covered label moves out from its axis, each side:
 * at 960x540 (scale 0.75) saddle 5's "1" clears momentum's spiral about
 * (0, 1) 7 steps left of the y axis; with 5 it lay over the spiral
 * (review, issue 12). */
#define LABEL_MOVES 8

static bool inside(const Viewport *vp, const AxisLabel *l)
{
    return l->x >= vp->x && l->y >= vp->y && l->x + l->w <= vp->x + vp->width &&
           l->y + l->h <= vp->y + vp->height;
}

static bool apart(const AxisLabel *a, const AxisLabel *b)
{
    return a->x + a->w <= b->x || b->x + b->w <= a->x || a->y + a->h <= b->y ||
           b->y + b->h <= a->y;
}

/* Whether labels a and b are apart; the y axis's name and a value on it
 * (y_pair) share no row either, on either side of the axis: read across
 * the axis line they made one word, "y-4" (learning_rate 1). */
static bool apart_as(const AxisLabel *a, const AxisLabel *b, bool y_pair)
{
    return y_pair ? a->y + a->h <= b->y || b->y + b->h <= a->y : apart(a, b);
}

/* Whether label l (a value on axis `axis`, or the name of axis `name`;
 * -1 for neither) may be drawn: whole inside the map, over no label the
 * plan placed before it, nothing drawn over it (AxisStyle.covered). */
static bool fits(const Viewport *vp, const AxisStyle *style, const AxisPlan *plan,
                 const AxisLabel *l, int axis, int name)
{
    if (!inside(vp, l) || (style->covered && style->covered(style->context, l)))
        return false;
    for (size_t k = 0; k < plan->tick_count; k++)
        if (plan->tick[k].labelled &&
            !apart_as(&plan->tick[k].label, l, name == 1 && plan->tick[k].axis == 1))
            return false;
    for (int n = 0; n < 2; n++)
        if (plan->has_name[n] && !apart_as(&plan->name[n], l, n == 1 && axis == 1))
            return false;
    return !plan->has_origin || apart(&plan->origin, l);
}

/* The box of text whose text starts at left and whose top is top. */
static AxisLabel label_box(const AxisStyle *style, const char *text, double left, double top)
{
    AxisLabel l = {.y = top, .h = style->line};
    snprintf(l.text, sizeof l.text, "%s", text);
    double w = style->text_width(style->context, l.text);
    l.x = left - style->pad;
    l.w = w + 2.0 * style->pad;
    return l;
}

/* The box of text beside axis line `axis` (0: the x axis, at pixel row
 * line; 1: the y axis, at column line), its near edge off pixels from the
 * line, past it (side) or before it, and along the axis centred on pixel
 * at, or starting there when at_start. */
static AxisLabel beside(const AxisStyle *style, const char *text, int axis, double line,
                        bool side, double off, double at, bool at_start)
{
    double tw = style->text_width(style->context, text), h = style->line;
    if (axis == 0)
        return label_box(style, text, at_start ? at + style->pad : at - 0.5 * tw,
                         side ? line + off : line - off - h);
    return label_box(style, text, side ? line + off + style->pad : line - off - style->pad - tw,
                     at_start ? at : at - 0.5 * h);
}

/* Axis `axis`'s name at its far end, "x" over the x axis at the right and
 * "y" right of the y axis at the top (else the other side): a caption
 * names the parameters x and y (welcome 1), and values alone do not say
 * which axis is which. */
static void place_name(const Viewport *vp, const AxisStyle *style, AxisPlan *dest, int axis)
{
    static const char *const names[2] = {"x", "y"};
    double s = style->scale, inset = AXIS_INSET * s, clear = (AXIS_TICK_HALF_PX + LABEL_CLEAR) * s;
    double tw = style->text_width(style->context, names[axis]);
    for (int side = 0; side < 2 && !dest->has_name[axis]; side++) {
        AxisLabel l = axis == 0 ? beside(style, names[axis], 0, dest->oy, side, clear,
                                         vp->x + vp->width - inset - 2.0 * style->pad - tw, true)
                                : beside(style, names[axis], 1, dest->ox, !side, clear,
                                         vp->y + inset, true);
        dest->has_name[axis] = fits(vp, style, dest, &l, -1, axis);
        dest->name[axis] = l;
    }
}

/* The ticks of both axes and their values (see axis_plan); in labelled,
 * how many of each axis's values have their label. */
static void place_values(const Viewport *vp, const AxisStyle *style, AxisPlan *dest,
                         int labelled[2])
{
    double s = style->scale, h = style->line, ox = dest->ox, oy = dest->oy;
    double right = vp->x + vp->width, bottom = vp->y + vp->height;
    /* A label's near edge this far from its axis: past the tick's end. */
    double clear = (AXIS_TICK_HALF_PX + LABEL_CLEAR) * s, gap = LABEL_GAP * s;
    const ViewRect *w = &vp->world;
    dest->tick_count = 0;
    for (int axis = 0; axis < 2; axis++) {
        labelled[axis] = 0;
        double lo = axis == 0 ? w->xmin : w->ymin, hi = axis == 0 ? w->xmax : w->ymax;
        double pixels = axis == 0 ? vp->width : vp->height;
        int most = (int)fmin(pixels / (AXIS_TICK_SPACING_PX * s), AXIS_MAX_TICKS);
        /* The spacing is chosen for the ticks a line in from the map's
         * edges, where a label fits whole: saddle 2 at 1280x720
         * --projector had ticks at -2 and 2 alone, on the edges of a
         * -2..2 map, and so no value on either axis. */
        double margin = h / pixels * (hi - lo);
        double step = axis_tick_step(lo + margin, hi - margin, most);
        if (!(step > 0))
            continue;
        for (double t = axis_first_tick(lo, step); t <= hi; t += step) {
            /* Round away the drift of repeated addition: 0.30000000000000004. */
            double value = step * round(t / step);
            if (value == 0 || dest->tick_count == sizeof dest->tick / sizeof dest->tick[0])
                continue;
            AxisTick *tick = &dest->tick[dest->tick_count];
            *tick = (AxisTick){.axis = axis, .value = value};
            viewport_to_pixel(vp, axis == 0 ? value : 0.0, axis == 0 ? 0.0 : value, &tick->px,
                              &tick->py);
            tick->px = axis == 0 ? tick->px : ox;
            tick->py = axis == 0 ? oy : tick->py;
            char text[32];
            snprintf(text, sizeof text, "%g", value);
            double tw = style->text_width(style->context, text);
            /* Under the x axis (right of the y axis), or over it (left of
             * it) where the map ends; where that is covered, the other
             * side, then each side further out, LABEL_GAP at a time. */
            bool first_side = axis == 0 ? oy + clear + h <= bottom
                                        : ox + clear + tw + 2.0 * style->pad <= right;
            AxisLabel l = {.text = ""};
            bool placed = false;
            for (int off_paths = style->crossed != NULL; off_paths >= 0 && !placed; off_paths--)
                for (int k = 0; k < 2 * (LABEL_MOVES + 1) && !placed; k++) {
                    bool side = k % 2 ? !first_side : first_side;
                    l = beside(style, text, axis, axis == 0 ? oy : ox, side,
                               clear + gap * (k / 2), axis == 0 ? tick->px : tick->py, false);
                    placed = fits(vp, style, dest, &l, axis, -1) &&
                             !(off_paths && style->crossed(style->context, &l));
                }
            tick->labelled = placed;
            tick->label = l;
            labelled[axis] += placed;
            dest->tick_count++;
        }
    }
}

void axis_origin(const Viewport *vp, double scale, double *ox, double *oy)
{
    double inset = AXIS_INSET * scale, zx, zy;
    viewport_to_pixel(vp, 0.0, 0.0, &zx, &zy);
    *ox = fmin(fmax(zx, vp->x + inset), vp->x + vp->width - inset);
    *oy = fmin(fmax(zy, vp->y + inset), vp->y + vp->height - inset);
}

void axis_plan(const Viewport *vp, const AxisStyle *style, AxisPlan *dest)
{
    double s = style->scale, clear = (AXIS_TICK_HALF_PX + LABEL_CLEAR) * s;
    double zx, zy, ox, oy;
    viewport_to_pixel(vp, 0.0, 0.0, &zx, &zy);
    axis_origin(vp, s, &ox, &oy);
    *dest = (AxisPlan){.ox = ox, .oy = oy};
    /* The names first, the values keeping clear of them; but where a name
     * leaves its axis fewer than two values (a scale), the values go first
     * and the name where it still fits (adam_vs_sgd 3 at 1280x720
     * --projector keeps its one y value, 1). */
    int labelled[2];
    for (int axis = 0; axis < 2; axis++)
        place_name(vp, style, dest, axis);
    place_values(vp, style, dest, labelled);
    bool again = false;
    for (int axis = 0; axis < 2; axis++)
        if (dest->has_name[axis] && labelled[axis] < 2) {
            dest->has_name[axis] = false;
            again = true;
        }
    if (again) {
        place_values(vp, style, dest, labelled);
        for (int axis = 0; axis < 2; axis++)
            place_name(vp, style, dest, axis);
    }
    if (zx == ox && zy == oy)
        /* Below right of the origin, else below left, clear of both axes
         * as a value is of its own. */
        for (int side = 0; side < 2 && !dest->has_origin; side++) {
            AxisLabel l = beside(style, "0", 1, ox, !side, clear, oy + clear, true);
            dest->has_origin = fits(vp, style, dest, &l, -1, -1);
            dest->origin = l;
        }
}

size_t axis_plan_labels(const AxisPlan *plan, AxisLabel *dest, size_t capacity)
{
    size_t n = 0;
    for (size_t k = 0; k < plan->tick_count; k++)
        if (plan->tick[k].labelled && n < capacity)
            dest[n++] = plan->tick[k].label;
    if (plan->has_origin && n < capacity)
        dest[n++] = plan->origin;
    for (int axis = 0; axis < 2; axis++)
        if (plan->has_name[axis] && n < capacity)
            dest[n++] = plan->name[axis];
    return n;
}
