/* box_axes.c — the 3D view's axes: round ticks with their values along the
 * box's floor edges nearest the eye (x and y) and up its leftmost vertical
 * edge (L: the values at the floor and the top), each axis named, so a
 * caption's coordinates ("y = ±1") and its "curves up along x, down along
 * y" can be checked on the surface as on the 2D map's axes. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>

#include "scene/axis_ticks.h"

/* A tick's length out from its edge, and the gap before its label
 * (pixels, times scale). */
#define BOX_TICK_PX 5.0
#define BOX_LABEL_GAP_PX 3.0
/* Screen pixels per tick at least, times scale: the box's edges are
 * short, and their values too. */
#define BOX_TICK_SPACING_PX 72.0
/* How far past an edge (a share of the box's side) the outward direction
 * is measured. */
#define BOX_OUTWARD_SHARE 0.08

/* The panel of a label whose nearest side lies gap pixels from (px, py)
 * in the unit direction (ux, uy). */
static LayoutRect label_box(Renderer *r, const char *text, double px, double py, double ux,
                            double uy, double gap, int font)
{
    double pad = RENDER_LABEL_PAD * r->scale;
    double w = render_text_width(r, text, font), h = render_line_height(r, font);
    double reach = gap + 0.5 * ((w + 2.0 * pad) * fabs(ux) + h * fabs(uy));
    return (LayoutRect){px + ux * reach - 0.5 * w - pad, py + uy * reach - 0.5 * h,
                        w + 2.0 * pad, h};
}

/* That label, moved off the labels before it (render_label). */
static void label_out(Renderer *r, const char *text, double px, double py, double ux, double uy,
                      double gap, int font)
{
    LayoutRect box = label_box(r, text, px, py, ux, uy, gap, font);
    render_label(r, text, box.x + RENDER_LABEL_PAD * r->scale, box.y, font, r->theme->text);
}

/* Whether box meets no label placed before it in this frame. */
static bool label_free(const Renderer *r, LayoutRect box)
{
    for (size_t k = 0; k < r->label_count; k++)
        if (layout_overlap(box, r->labels[k]))
            return false;
    return true;
}

/* The unit direction on the screen from pixel (ax, ay) to (bx, by); false
 * when they coincide. */
static bool direction(double ax, double ay, double bx, double by, double *ux, double *uy)
{
    double len = hypot(bx - ax, by - ay);
    if (!(len > 1e-9) || !isfinite(len))
        return false;
    *ux = (bx - ax) / len;
    *uy = (by - ay) / len;
    return true;
}

/* A short tick from (px, py) along (ux, uy), cased like the 2D axes. */
static void tick(Renderer *r, double px, double py, double ux, double uy)
{
    double s = r->scale, len = BOX_TICK_PX * s;
    shapes_segment(r->shapes, px, py, px + ux * len, py + uy * len, 1.5 * s, r->theme->casing);
    shapes_segment(r->shapes, px, py, px + ux * len, py + uy * len, 0.8 * s, r->theme->mark);
}

/* The floor edge along axis (0: x, 1: y) on the side nearer the bottom of
 * the screen (the eye's side), with its ticks, values and name. */
static void floor_axis(Renderer *r, ViewRect rect, int axis, int font)
{
    double lo = axis == 0 ? rect.xmin : rect.ymin, hi = axis == 0 ? rect.xmax : rect.ymax;
    double across_lo = axis == 0 ? rect.ymin : rect.xmin,
           across_hi = axis == 0 ? rect.ymax : rect.xmax;
    double mid = 0.5 * (lo + hi), side = across_lo, best = -HUGE_VAL;
    for (int k = 0; k < 2; k++) {
        double at = k ? across_hi : across_lo, px, py;
        if (surface_box_pixel(r->surface, axis == 0 ? mid : at, axis == 0 ? at : mid, 0.0, &px,
                              &py) &&
            py > best) {
            best = py;
            side = at;
        }
    }
    double beyond = side + (side == across_hi ? 1.0 : -1.0) * BOX_OUTWARD_SHARE *
                               (across_hi - across_lo);
    double ax, ay, bx, by;
    if (!surface_box_pixel(r->surface, axis == 0 ? lo : side, axis == 0 ? side : lo, 0.0, &ax,
                           &ay) ||
        !surface_box_pixel(r->surface, axis == 0 ? hi : side, axis == 0 ? side : hi, 0.0, &bx,
                           &by))
        return;
    /* Room for one tick at least, which axis_tick_step makes two or a few
     * more: an edge shorter than the spacing (the box seen from afar, or
     * at --projector) still says its values, never none. */
    int most = (int)fmax(1.0, fmin(hypot(bx - ax, by - ay) / (BOX_TICK_SPACING_PX * r->scale),
                                   AXIS_MAX_TICKS));
    double step = axis_tick_step(lo, hi, most);
    double gap = (BOX_TICK_PX + BOX_LABEL_GAP_PX) * r->scale, ux = 0, uy = 1;
    struct {
        double px, py, ux, uy;
        char text[32];
    } ticks[2 * AXIS_MAX_TICKS];
    int n = 0;
    for (double t = step > 0 ? axis_first_tick(lo, step) : hi + 1; t <= hi && n < 2 * AXIS_MAX_TICKS;
         t += step) {
        double value = step * round(t / step), px, py, qx, qy;
        double x = axis == 0 ? value : side, y = axis == 0 ? side : value;
        if (!surface_box_pixel(r->surface, x, y, 0.0, &px, &py) ||
            !surface_box_pixel(r->surface, axis == 0 ? value : beyond,
                               axis == 0 ? beyond : value, 0.0, &qx, &qy) ||
            !direction(px, py, qx, qy, &ux, &uy))
            continue;
        tick(r, px, py, ux, uy);
        ticks[n].px = px, ticks[n].py = py, ticks[n].ux = ux, ticks[n].uy = uy;
        snprintf(ticks[n].text, sizeof ticks[n].text, "%g", value == 0 ? 0.0 : value);
        n++;
    }
    /* The ends' values first, always said (moved off the labels before
     * them); then those between, each where it meets no label placed so
     * far, left out where it would (the box seen from afar crowded its
     * short edges' values one over another). */
    for (int k = 0; k < n; k++) {
        int i = k == 0 ? 0 : k == 1 ? n - 1 : k - 1;
        if (k < 2) {
            label_out(r, ticks[i].text, ticks[i].px, ticks[i].py, ticks[i].ux, ticks[i].uy, gap,
                      font);
            continue;
        }
        LayoutRect box = label_box(r, ticks[i].text, ticks[i].px, ticks[i].py, ticks[i].ux,
                                   ticks[i].uy, gap, font);
        if (label_free(r, box))
            render_label_at(r, ticks[i].text, box, font, r->theme->text);
    }
    /* The name past the values, at the edge's middle. */
    double mx, my;
    if (surface_box_pixel(r->surface, axis == 0 ? mid : side, axis == 0 ? side : mid, 0.0, &mx,
                          &my))
        label_out(r, axis == 0 ? "x" : "y", mx, my, ux, uy,
                  gap + 1.6 * render_line_height(r, font), font);
}

/* The leftmost vertical edge on the screen: the values at the box's floor
 * and top, each named, "L = 1.22".  A value under a thousandth of the
 * span is 0: saddle 1's floor read "7.79e-05" (its grid's least sample;
 * the minima's loss is 0), and a bare value at the floor's corner, over
 * the y axis's "1", read as one of its values (review, issue 12). */
static void height_axis(Renderer *r, ViewRect rect, double floor_value, double top_value,
                        int font)
{
    double cx = rect.xmin, cy = rect.ymin, left = HUGE_VAL;
    for (int k = 0; k < 4; k++) {
        double x = (k & 1) ? rect.xmax : rect.xmin, y = (k & 2) ? rect.ymax : rect.ymin, px, py;
        if (surface_box_pixel(r->surface, x, y, 0.0, &px, &py) && px < left) {
            left = px;
            cx = x;
            cy = y;
        }
    }
    double gap = (BOX_TICK_PX + BOX_LABEL_GAP_PX) * r->scale;
    const double heights[2] = {0.0, 1.0}, values[2] = {floor_value, top_value};
    for (int k = 0; k < 2; k++) {
        double px, py;
        if (!surface_box_pixel(r->surface, cx, cy, heights[k], &px, &py))
            continue;
        tick(r, px, py, -1.0, 0.0);
        char text[32];
        double v = fabs(values[k]) < 1e-3 * fabs(top_value - floor_value) ? 0.0 : values[k];
        snprintf(text, sizeof text, "L = %.3g", v);
        label_out(r, text, px, py, -1.0, 0.0, gap, font);
    }
}

void render_box_axes(Renderer *r)
{
    ViewRect rect;
    double floor_value, top_value;
    if (!surface_extent(r->surface, &rect, &floor_value, &top_value))
        return;
    int font = render_font_px(r, 12.0);
    floor_axis(r, rect, 0, font);
    floor_axis(r, rect, 1, font);
    height_axis(r, rect, floor_value, top_value, font);
}
