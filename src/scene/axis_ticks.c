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

/* ------------------------------------------------------------------------ */
/* Placing ticks and labels                                                  */

/* Distance of the axes from the map's edge when the origin is off to a
 * side, and of a label from its axis (times scale). */
#define AXIS_INSET 6.0
#define LABEL_GAP 6.0
/* Steps of LABEL_GAP a covered label moves out from its axis, each side. */
#define LABEL_MOVES 5

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

/* Whether label l may be drawn: whole inside the map, over no label the
 * plan placed before it, nothing drawn over it (AxisStyle.covered). */
static bool fits(const Viewport *vp, const AxisStyle *style, const AxisPlan *plan,
                 const AxisLabel *l)
{
    if (!inside(vp, l) || (style->covered && style->covered(style->context, l)))
        return false;
    for (size_t k = 0; k < plan->tick_count; k++)
        if (plan->tick[k].labelled && !apart(&plan->tick[k].label, l))
            return false;
    return true;
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

void axis_plan(const Viewport *vp, const AxisStyle *style, AxisPlan *dest)
{
    double s = style->scale, h = style->line;
    double zx, zy;
    viewport_to_pixel(vp, 0.0, 0.0, &zx, &zy);
    double inset = AXIS_INSET * s;
    double ox = fmin(fmax(zx, vp->x + inset), vp->x + vp->width - inset);
    double oy = fmin(fmax(zy, vp->y + inset), vp->y + vp->height - inset);
    *dest = (AxisPlan){.ox = ox, .oy = oy};
    double right = vp->x + vp->width, bottom = vp->y + vp->height;
    const ViewRect *w = &vp->world;
    for (int axis = 0; axis < 2; axis++) {
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
            double tw = style->text_width(style->context, text), gap = LABEL_GAP * s;
            /* Under the x axis (right of the y axis), or over it (left of
             * it) where the map ends; where that is covered, the other
             * side, then each side further out, LABEL_GAP at a time. */
            bool first_side = axis == 0 ? oy + gap + h <= bottom
                                        : ox + gap + tw + style->pad <= right;
            AxisLabel l = {.text = ""};
            bool placed = false;
            for (int k = 0; k < 2 * (LABEL_MOVES + 1) && !placed; k++) {
                bool side = k % 2 ? !first_side : first_side;
                double off = gap * (1 + k / 2);
                l = axis == 0 ? label_box(style, text, tick->px - 0.5 * tw,
                                          side ? oy + off : oy - off - h)
                              : label_box(style, text, side ? ox + off : ox - off - tw,
                                          tick->py - 0.5 * h);
                placed = fits(vp, style, dest, &l);
            }
            tick->labelled = placed;
            tick->label = l;
            dest->tick_count++;
        }
    }
    if (zx == ox && zy == oy) {
        /* Below right of the origin, else below left. */
        AxisLabel l = label_box(style, "0", ox + LABEL_GAP * s, oy + AXIS_TICK_HALF_PX * s);
        dest->has_origin = fits(vp, style, dest, &l);
        if (!dest->has_origin) {
            l = label_box(style, "0", ox - LABEL_GAP * s - style->text_width(style->context, "0"),
                          oy + AXIS_TICK_HALF_PX * s);
            dest->has_origin = fits(vp, style, dest, &l);
        }
        dest->origin = l;
    }
    /* Each axis's name at its far end, "x" over the x axis at the right
     * and "y" right of the y axis at the top (else the other side): a
     * caption names the parameters x and y (welcome 1), and values alone
     * do not say which axis is which. */
    static const char *const names[2] = {"x", "y"};
    for (int axis = 0; axis < 2; axis++) {
        double tw = style->text_width(style->context, names[axis]), gap = LABEL_GAP * s;
        for (int side = 0; side < 2 && !dest->has_name[axis]; side++) {
            AxisLabel l = axis == 0 ? label_box(style, names[axis], right - inset - style->pad - tw,
                                                side ? oy + gap : oy - gap - h)
                                    : label_box(style, names[axis], side ? ox - gap - tw : ox + gap,
                                                vp->y + inset);
            dest->has_name[axis] = fits(vp, style, dest, &l) &&
                                   (!dest->has_origin || apart(&dest->origin, &l)) &&
                                   (axis == 0 || !dest->has_name[0] || apart(&dest->name[0], &l));
            dest->name[axis] = l;
        }
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
