/*
 * dynamics.c — how a run moves, beyond where it is: the dynamics plot
 * above the loss plot (scene->display.plot) and the adaptive optimizers'
 * per-coordinate steps at the heads (scene->display.effective_step).
 *
 *   sharpness: λmax of the Hessian at every point of each run (or of the
 *     one display.plot_run names) against 2/lr, GD's stability threshold
 *     on a quadratic: GD settles
 *     only where λmax < 2/lr, and on many losses climbs until λmax hovers
 *     at 2/lr (the edge of stability, Cohen et al. 2021).  Its steps on a
 *     log axis (log of 1 + step) where a lesson asks (plot.log_steps).
 *   schedule: each run's learning rate per step, its future fainter.
 *   norm: |θ| of the selected run over log-spaced steps and, on separable
 *     logreg, the angle between θ and the max-margin direction: the norm
 *     grows like log t while the angle shrinks (Soudry et al. 2018).
 *   distance: each run's |θ − display.distance_from| per step (a saddle's
 *     escape: the distance shrinks, then grows a thousandfold).
 *   step size: each run's step length |θ_k − θ_(k−1)|, which AdaGrad
 *     shrinks for good and Adam lets grow again.
 *   effective step: a box at each run's head whose half-sides are the step
 *     each coordinate takes per unit gradient (optimizer_effective_lr), to
 *     one scale for all runs (shrunk alike until every box lies whole on
 *     the map), with the numbers beside it (led to the head where they
 *     stand off the box): a square for the gd family, stretched where
 *     Adam, RMSProp or AdaGrad rescale.
 *
 * λmax along a run (core/curvature.h) costs a Hessian per point, so it is
 * kept in the renderer's SharpnessCache and extended as the run grows.
 */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/curvature.h"
#include "core/number_text.h"
#include "scene/axis_ticks.h"

/* The dynamics plot: as wide as the loss plot, this tall (pixels, times
 * scale), above it. */
#define DYN_WIDTH 360.0
#define DYN_HEIGHT 150.0
/* A sharpness plot on a lesson's range asks this many times DYN_HEIGHT
 * where the frame is LESSON_RANGE_FRAME times DYN_HEIGHT high or more
 * (render_dynamics_need). */
#define LESSON_RANGE_HEIGHT 2.0
#define LESSON_RANGE_FRAME 4.0
/* Points of a run whose λmax one frame may compute (the rest next frame). */
#define SHARPNESS_BUDGET 20000
/* Samples per pixel column of a plotted series. */
#define COLUMN_SAMPLES 64
/* Largest half-side of an effective-step box (pixels, times scale). */
#define EFFECTIVE_BOX_PX 48.0
/* How far apart the outlines of boxes at one place stand (times scale). */
#define EFFECTIVE_BOX_APART 4.0
/* How far (pixels at scale 1) a box's label may lie from it before the
 * numbers alone, nearer, take the words' place. */
#define EFFECTIVE_LABEL_FAR 16.0
/* Left and right of the plotting area inside the panel (pixels, times scale). */
#define DYN_AXIS_MARGIN 58.0
#define DYN_RIGHT_MARGIN 12.0
/* The compact form's title from the panel's left edge. */
#define DYN_TITLE_PAD 10.0

/* The plots' titles (%zu: the run's number; distance: the point) and the
 * sharpness plot's labels, which the panel's least width makes room for. */
#define SHARPNESS_TITLE_ONE N_("sharpness λmax(H) of run %zu vs 2/η")
#define SHARPNESS_TITLE_LONE N_("sharpness λmax(H) vs 2/η")
#define SHARPNESS_TITLE_EACH N_("sharpness λmax(H) of each run vs 2/η")
#define SCHEDULE_TITLE N_("learning rate per step (ahead: fainter)")
#define NORM_TITLE N_("|θ| of run %zu (step on a log scale)")
#define NORM_TITLE_LONE N_("|θ| (step on a log scale)")
#define ANGLE_TITLE N_("angle to max-margin direction (°, log)")
/* At the angle's dip where θ crosses the max-margin line: 0° there, which
 * the log axis has not, so the arrow says the curve goes on down past its
 * floor. */
#define ANGLE_CROSSING N_("↓ 0°: crosses the line")
#define DISTANCE_TITLE N_("distance |θ − (%.3g, %.3g)| per step")
#define STEP_SIZE_TITLE N_("step length |θₖ − θₖ₋₁| per update")
#define LOG_SUFFIX N_(" (log)")
#define EDGE_LABEL "2/η = %s (%s)"
#define EACH_EDGE_LABEL N_("dashed: 2/η of each run (%s)")
/* The labels' compact form (a crowded frame): without what the edge is. */
#define EDGE_LABEL_SHORT "2/η = %s"
#define EACH_EDGE_LABEL_SHORT N_("dashed: 2/η of each run")
/* Under a plot whose axis names its one dashed line ("2/η = 952"): what
 * the line is, without its value again (edge_of_stability said "2/η =
 * 952" beside the axis and "2/η = 952 (edge of stability)" under it). */
#define EDGE_NAMED N_("dashed: 2/η (%s)")
/* Before each run's 2/η, in its colour: "… = 6.67, 105, 80". */
#define EACH_EDGE_VALUES N_("dashed: 2/η of each run =")
#define GD_EDGE N_("GD's edge of stability")
/* A minimum's λmax beside the axis at its dotted line (%s: the value):
 * sharp_flat 4-5's dotted 100 and 1.65, bare or unlabelled, said nothing a
 * student could tell from a tick, and "minimum 100" read as the minimum's
 * loss being 100 (review, issue 12): the label says what 100 is. */
#define MINIMUM_LEVEL N_("minimum: λmax %s")
/* The same, short, where the plot's title leaves no room for the word. */
#define MINIMUM_LEVEL_SHORT N_("min: λmax %s")
/* Of two minima, the one with the greater λmax is the sharp one (λmax is
 * the sharpness the plot is titled with): named as the map's marks name
 * them, "sharp: λmax ≈ 100" and "flat: λmax ≈ 1.65" (sharp_flat 6 called
 * both lines "minimum: λmax …": review, issue 12).  One form, no shorter
 * than the short one above. */
#define SHARP_LEVEL N_("sharp: λmax %s")
#define FLAT_LEVEL N_("flat: λmax %s")
/* An effective-step box's numbers: the step each coordinate takes per
 * unit of gradient (adaptive 3's caption's words), not the η set — the
 * label read "η: x …, y …". */
#define EFFECTIVE_STEP_LABEL N_("step/grad: x %.2g, y %.2g")
/* The same numbers alone, on every box of a frame where one box's label
 * does not hold the words (place_effective_label). */
#define EFFECTIVE_STEP_NUMBERS N_("x %.2g, y %.2g")

/* ------------------------------------------------------------------------ */
/* Plot areas and series                                                     */

double plot_to_x(const PlotArea *a, double step)
{
    double from = a->xlog_from;
    double t = a->xlog ? log((step + from) / (a->xlo + from)) /
                             log((a->xhi + from) / (a->xlo + from))
                       : (step - a->xlo) / (a->xhi - a->xlo);
    return a->x + t * a->w;
}

double plot_step_at(const PlotArea *a, double px)
{
    double t = (px - a->x) / a->w, from = a->xlog_from;
    return a->xlog ? (a->xlo + from) * pow((a->xhi + from) / (a->xlo + from), t) - from
                   : a->xlo + t * (a->xhi - a->xlo);
}

double plot_to_y(const PlotArea *a, double v)
{
    double t = a->ylog ? log(fmax(v, 1e-300) / a->ylo) / log(a->yhi / a->ylo)
                       : (v - a->ylo) / (a->yhi - a->ylo);
    if (!a->ylog && a->ybreak > a->ylo)
        t = v < a->ybreak ? PLOT_BREAK_SHARE * (v - a->ylo) / (a->ybreak - a->ylo)
                          : PLOT_BREAK_SHARE + (1.0 - PLOT_BREAK_SHARE) * (v - a->ybreak) /
                                                   (a->yhi - a->ybreak);
    return a->y + a->h - fmin(fmax(t, 0.0), 1.0) * a->h;
}

/* The part of the segment (x0, y0)-(x1, y1), x0 < x1, over the columns
 * where the area's pattern of dash-long dashes and gaps, from its left
 * edge, has a dash: laid per step, the pattern followed the steps, and
 * at play 0 edge_of_stability 1's 2/η line, eleven steps across 270
 * pixels, was two bars 55 pixels long. */
static void dashed_span(Renderer *r, const PlotArea *a, double x0, double y0, double x1,
                        double y1, double dash, double half, Rgba color)
{
    double run = x1 - x0;
    for (double d = a->x + 2.0 * dash * floor((x0 - a->x) / (2.0 * dash)); d < x1;
         d += 2.0 * dash) {
        double s = fmax(d, x0), e = fmin(d + dash, x1);
        if (e > s)
            shapes_segment(r->shapes, s, y0 + (y1 - y0) * (s - x0) / run, e,
                           y0 + (y1 - y0) * (e - x0) / run, half, color);
    }
}

void plot_series(Renderer *r, const PlotArea *a, SeriesFn f, const void *ctx,
                        size_t first, size_t end, double half, Rgba color, bool dashed)
{
    int dash = (int)fmax(1.0, 5.0 * r->scale);
    bool has_prev = false;
    double prev_x = 0, prev_y = 0;
    int lone = 0;               /* columns drawn: 1 one point alone, -1 more */
    double lone_value = 0;
    for (int c = 0; c < (int)a->w; c++) {
        double s0 = ceil(plot_step_at(a, a->x + c)), s1 = ceil(plot_step_at(a, a->x + c + 1));
        /* A dashed line's last column holds the step at the right edge
         * too: at play 0 the 2/η line over steps 0 to 10 stopped at 9.
         * (A curve's is left out: the schedule plot's steps ahead, from
         * the last one, were a lone point there, its value past the edge.) */
        if (dashed && c + 1 >= (int)a->w)
            s1 = fmax(s1, floor(a->xhi) + 1.0);
        size_t k0 = (size_t)fmax(s0, (double)first), k1 = (size_t)fmin(s1, (double)end);
        if (k1 <= k0)
            continue;
        size_t stride = ((k1 - k0) / COLUMN_SAMPLES + 1) | 1;
        double lo = HUGE_VAL, hi = -HUGE_VAL;
        for (size_t k = k0; k < k1; k = k + stride < k1 || k + 1 == k1 ? k + stride : k1 - 1) {
            double v = f(ctx, k);
            if (isfinite(v)) {
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
        }
        if (!(lo <= hi))
            continue;
        double x = a->x + c + 0.5, ylo = plot_to_y(a, lo), yhi = plot_to_y(a, hi);
        bool gap = dashed && (c / dash) % 2 == 1;
        if (has_prev && dashed && x > prev_x)
            dashed_span(r, a, prev_x, prev_y, x, ylo, dash, half, color);
        else if (has_prev && !dashed)
            shapes_segment(r->shapes, prev_x, prev_y, x, ylo, half, color);
        if (yhi < ylo - 1 && !gap)
            shapes_segment(r->shapes, x, ylo, x, yhi, 0.7 * half, color);
        prev_x = x;
        prev_y = ylo;
        has_prev = true;
        lone = lone == 0 && yhi >= ylo - 1 ? 1 : -1;
        lone_value = lo;
    }
    /* A series of one value (a run at play 0: step 0 alone) drew nothing
     * (a dashed line's value is its label's). */
    if (lone == 1)
        plot_lone_point(r, prev_x, prev_y, half,
                        dashed || a->values_named ? (double)NAN : lone_value, a->y + a->h,
                        color);
}

void plot_said(Renderer *r, double x, double y, const char *text)
{
    if (r->said_count == RENDER_PLOT_SAID)
        return;
    PlotSaid *p = &r->said[r->said_count++];
    *p = (PlotSaid){x, y, ""};
    snprintf(p->text, sizeof p->text, "%s", text);
}

/* A plot's value label's box want, moved right of the labels drawn
 * before it that it would lie on. */
static LayoutRect right_of_labels(const Renderer *r, LayoutRect want)
{
    for (int move = 0; move < RENDER_LABEL_MOVES; move++) {
        const LayoutRect *over = NULL;
        for (size_t k = 0; k < r->label_count && !over; k++)
            if (layout_overlap(want, r->labels[k]))
                over = &r->labels[k];
        if (!over)
            break;
        want.x = over->x + over->w + RENDER_LABEL_PAD * r->scale;
    }
    return want;
}

void plot_lone_point(Renderer *r, double x, double y, double half, double value, double bottom,
                     Rgba color)
{
    double radius = fmax(2.5 * half, 3.0 * r->scale);
    shapes_disc(r->shapes, x, y, radius, color);
    if (isnan(value))
        return;
    char label[32];
    number_text(value, 3, label, sizeof label);
    for (size_t k = 0; k < r->said_count; k++) {
        const PlotSaid *p = &r->said[k];
        if ((isnan(p->x) || fabs(p->x - x) < 1) && fabs(p->y - y) < 1 &&
            strcmp(p->text, label) == 0)
            return;
    }
    plot_said(r, x, y, label);
    int px = render_font_px(r, 12.0);
    double pad = RENDER_LABEL_PAD * r->scale, line = render_line_height(r, px);
    /* Beside the dot, right of the labels before it there: moved down, the
     * second of two runs' labels at one value lay over the step labels
     * (representation 1 at 960x600), moved up over the title. */
    LayoutRect want = {x + radius + 4.0 * r->scale - pad, fmin(y - 0.5 * line, bottom - line),
                       render_text_width(r, label, px) + 2 * pad, line};
    render_label_at(r, label, right_of_labels(r, want), px, color);
}

void plot_pick_decades(double lo, double hi, double h, double line, PlotDecades *d)
{
    d->count = 0;
    if (!(h > 0 && hi > lo))
        return;
    double per_decade = h / (hi - lo);
    int stride = (int)fmax(1.0, ceil(line / per_decade));
    double best = -1;
    for (int phase = 0; phase < stride; phase++) {
        int n = 0;
        double e_at[PLOT_DECADES], middle = (double)INFINITY;
        for (double e = floor(hi); e > lo && n < PLOT_DECADES; e--) {
            double y = (hi - e) * per_decade;
            if (fmod(fmod(e + phase, stride) + stride, stride) != 0 || y < line || h - y < line)
                continue;
            middle = fmin(middle, fabs(y - 0.5 * h));
            e_at[n++] = e;
        }
        double score = n - middle / (h + 1.0);
        if (n > 0 && score > best) {
            best = score;
            d->count = n;
            memcpy(d->decade, e_at, (size_t)n * sizeof e_at[0]);
        }
    }
    for (int k = 0; k < d->count; k++)
        number_text(pow(10.0, d->decade[k]), 3, d->label[k], sizeof d->label[k]);
}

double plot_decades_width(Renderer *r, const PlotDecades *d, int px)
{
    double w = 0;
    for (int k = 0; k < d->count; k++)
        w = fmax(w, render_text_width(r, d->label[k], px));
    return w;
}

void plot_draw_decades(Renderer *r, double x, double y, double w, double h, double lo,
                       double hi, const PlotDecades *d, int px)
{
    if (!(hi > lo))
        return;
    double s = r->scale, line = render_line_height(r, px);
    Rgba grid = r->theme->axis;
    grid.a *= 0.35f;
    double stride = axis_decade_stride(h / (hi - lo), AXIS_DECADE_TICK_GAP * s);
    for (double e = floor(hi); e > lo; e--) {
        if (fmod(e, stride) != 0)
            continue;
        double at = y + (hi - e) / (hi - lo) * h;
        shapes_segment(r->shapes, x - 4.0 * s, at, x, at, 0.5 * s, r->theme->axis);
    }
    for (int k = 0; k < d->count; k++) {
        double at = y + (hi - d->decade[k]) / (hi - lo) * h;
        shapes_segment(r->shapes, x, at, x + w, at, 0.5 * s, grid);
        render_text(r, d->label[k], x - 6.0 * s, at - 0.5 * line, px, ALIGN_RIGHT,
                    r->theme->dim);
    }
}

/* Narrows the area on its left so a label this wide fits between the
 * panel's edge and the axis. */
static void plot_make_room(Renderer *r, PlotArea *a, double width)
{
    double over = a->left + 10.0 * r->scale + width - a->x;
    if (over > 0) {
        a->x += over;
        a->w -= over;
    }
}

/* A log area's labelled decades between its ends where it asks for them
 * (PlotArea.decades; the loss plot's rule: plot_pick_decades). */
static void area_decades(Renderer *r, const PlotArea *a, int px, PlotDecades *d)
{
    d->count = 0;
    if (a->decades && a->ylog && a->ylo > 0)
        plot_pick_decades(log10(a->ylo), log10(a->yhi), a->h, render_line_height(r, px), d);
}

void plot_fit_labels(Renderer *r, PlotArea *a)
{
    int px = render_font_px(r, PLOT_TEXT_PX);
    /* The area gives up width on its left where a long value label
     * (1.47e+03 at projector scale) would reach out of the panel. */
    char top[32], bottom[32];
    number_text(a->yhi, 3, top, sizeof top);
    number_text(a->ylo, 3, bottom, sizeof bottom);
    PlotDecades decades;
    area_decades(r, a, px, &decades);
    plot_make_room(r, a, fmax(fmax(render_text_width(r, top, px), render_text_width(r, bottom, px)),
                              plot_decades_width(r, &decades, px)));
    if (!a->compact)
        a->title_x = fmax(a->title_x, a->x + PLOT_TITLE_INDENT * r->scale);
}

void plot_frame(Renderer *r, PlotArea *a, const char *title, const char *xlabel)
{
    double s = r->scale;
    int px = render_font_px(r, PLOT_TEXT_PX);
    double line = render_line_height(r, px);
    char top[32], bottom[32];
    number_text(a->yhi, 3, top, sizeof top);
    number_text(a->ylo, 3, bottom, sizeof bottom);
    plot_fit_labels(r, a);
    render_note_plot_area(r, (LayoutRect){a->x, a->y, a->w, a->h});
    shapes_segment(r->shapes, a->x, a->y + a->h, a->x + a->w, a->y + a->h, 0.5 * s,
                   r->theme->axis);
    shapes_segment(r->shapes, a->x, a->y, a->x, a->y + a->h, 0.5 * s, r->theme->axis);
    render_text(r, top, a->x - 6.0 * s, a->y - 0.5 * line, px, ALIGN_RIGHT, r->theme->dim);
    render_text(r, bottom, a->x - 6.0 * s, a->y + a->h - 0.5 * line, px, ALIGN_RIGHT,
                r->theme->dim);
    plot_said(r, (double)NAN, a->y, top);
    plot_said(r, (double)NAN, a->y + a->h, bottom);
    PlotDecades decades;
    area_decades(r, a, px, &decades);
    if (a->decades && a->ylog && a->ylo > 0)
        plot_draw_decades(r, a->x, a->y, a->w, a->h, log10(a->ylo), log10(a->yhi), &decades, px);
    char label[64];
    double title_y = a->y - line - 2.0 * s - (a->compact ? 0.5 * line : 0.0) - a->title_lift;
    render_text(r, title, a->title_x, title_y, px, ALIGN_LEFT, r->theme->text);
    if (!xlabel)
        return;
    snprintf(label, sizeof label, "%.0f", a->xlo);
    render_text(r, label, a->x, a->y + a->h + 2.0 * s, px, ALIGN_LEFT, r->theme->dim);
    snprintf(label, sizeof label, "%.0f", a->xhi);
    render_text(r, label, a->x + a->w, a->y + a->h + 2.0 * s, px, ALIGN_RIGHT, r->theme->dim);
    if (xlabel[0])
        render_text(r, xlabel, a->x + 0.5 * a->w, a->y + a->h + 2.0 * s, px, ALIGN_CENTER,
                    r->theme->dim);
}

void plot_dashed_level(Renderer *r, const PlotArea *a, double v, Rgba color)
{
    double y = plot_to_y(a, v), s = r->scale;
    for (double x = a->x; x < a->x + a->w; x += 9.0 * s)
        shapes_segment(r->shapes, x, y, fmin(x + 5.0 * s, a->x + a->w), y, 0.9 * s, color);
}

/* ------------------------------------------------------------------------ */
/* Sharpness along the selected run                                         */

/* Brings the cache up to the run's path (restarted runs and new
 * landscapes start over), within SHARPNESS_BUDGET points per call. */
static void update_sharpness(SharpnessCache *c, const Scene *scene, const Run *run)
{
    bool valid = c->path == run->path && c->landscape_serial == scene->landscape_serial &&
                 c->count > 0 && c->count <= run->count &&
                 memcmp(&c->first, &run->path[0], sizeof c->first) == 0 &&
                 memcmp(&c->last, &run->path[c->count - 1], sizeof c->last) == 0;
    if (!valid)
        c->count = 0;
    c->path = run->path;
    c->landscape_serial = scene->landscape_serial;
    c->first = run->path[0];
    if (c->capacity < run->count) {
        size_t capacity = run->count + run->count / 2 + 64;
        double *values = realloc(c->values, capacity * sizeof *values);
        if (!values)
            return;
        c->values = values;
        c->capacity = capacity;
    }
    size_t end = run->count - c->count > SHARPNESS_BUDGET ? c->count + SHARPNESS_BUDGET
                                                          : run->count;
    curvature_lambda_max_along(scene->landscape, run->path + c->count, end - c->count,
                               c->values + c->count);
    c->count = end;
    if (end > 0)
        c->last = run->path[end - 1];
}

static double cached_value(const void *ctx, size_t k)
{
    return ((const SharpnessCache *)ctx)->values[k];
}

static double threshold_at(const void *ctx, size_t k)
{
    return curvature_gd_stability(optimizer_lr_at(ctx, (long)k), 0.0).threshold;
}

/* Whether run i is drawn in a plot of every run (display.plot_run picks one). */
static bool plotted_run(const Scene *scene, size_t i)
{
    if (scene->display.plot_run >= 0 && (size_t)scene->display.plot_run < scene->run_count)
        return i == (size_t)scene->display.plot_run;
    return !scene->runs[i].hidden;
}

/* The |θ| plot's title: run i's number where the legend numbers the runs
 * (scene_runs_told_apart). */
static void norm_title(const Scene *scene, size_t i, char *title, size_t size)
{
    if (scene_runs_told_apart(scene))
        snprintf(title, size, _(NORM_TITLE), scene_run_number(scene, i));
    else
        snprintf(title, size, "%s", _(NORM_TITLE_LONE));
}

/* The sharpness plot's title: the run's number when it draws one run of
 * several the legend numbers. */
static void sharpness_title(const Scene *scene, char *title, size_t size)
{
    size_t drawn = 0, last = 0;
    for (size_t i = 0; i < scene->run_count; i++)
        if (plotted_run(scene, i)) {
            drawn++;
            last = i;
        }
    if (drawn == 1 && !scene_runs_told_apart(scene))
        snprintf(title, size, "%s", _(SHARPNESS_TITLE_LONE));
    else if (drawn == 1)
        snprintf(title, size, _(SHARPNESS_TITLE_ONE), scene_run_number(scene, last));
    else
        snprintf(title, size, "%s", _(SHARPNESS_TITLE_EACH));
}

/* λmax at each of the landscape's known minima, ascending, those within 1%
 * of another once; none when it has fewer than two (then there is no
 * sharper or flatter minimum to read a run against). */
static size_t minima_levels(const Scene *scene, double levels[LANDSCAPE_MAX_MINIMA])
{
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t n = landscape_minima(scene->landscape, minima, LANDSCAPE_MAX_MINIMA), count = 0;
    for (size_t k = 0; k < n && n >= 2; k++) {
        PointCurvature c;
        curvature_at(scene->landscape, minima[k].x, minima[k].y, &c);
        bool seen = !(c.eig[1] > 0);
        for (size_t j = 0; j < count && !seen; j++)
            seen = fabs(levels[j] - c.eig[1]) < 0.01 * c.eig[1];
        if (seen)
            continue;
        size_t at = count++;
        for (; at > 0 && levels[at - 1] > c.eig[1]; at--)
            levels[at] = levels[at - 1];
        levels[at] = c.eig[1];
    }
    return count;
}

/* The heights of the labels drawn beside a plot's axis, each new one kept
 * a line clear of them: the minima's levels, the runs' λmax or 2/η, then
 * the round values between. */
typedef struct AxisLabels {
    double y[LANDSCAPE_MAX_MINIMA + SCENE_MAX_RUNS + AXIS_MAX_TICKS];
    size_t count;
} AxisLabels;

/* A value's label beside the plot's axis, like a tick label, with its
 * tick, where it keeps a line clear of the range's end labels and of the
 * labels drawn before it (taken; it joins them).  False, nothing drawn,
 * where it does not. */
static bool level_label(Renderer *r, const PlotArea *a, double v, const char *text, Rgba color,
                        AxisLabels *taken)
{
    double s = r->scale, y = plot_to_y(a, v);
    int px = render_font_px(r, 13.0);
    double line = render_line_height(r, px);
    /* A line from either end to a hundredth of a pixel: sharp_flat 6's
     * 100, a factor 4 under its log range's top, stood a line under it
     * give or take rounding at 960x540, and went unnamed. */
    double room = line - 0.01;
    if (v < a->ylo || v > a->yhi || y - a->y < room || a->y + a->h - y < room)
        return false;
    for (size_t k = 0; k < taken->count; k++)
        if (fabs(y - taken->y[k]) < line)
            return false;
    if (taken->count == sizeof taken->y / sizeof taken->y[0])
        return false;
    shapes_segment(r->shapes, a->x - 4.0 * s, y, a->x, y, 0.7 * s, r->theme->mark);
    render_text(r, text, a->x - 6.0 * s, y - 0.5 * line, px, ALIGN_RIGHT, color);
    taken->y[taken->count++] = y;
    return true;
}

/* A linear axis's round values between its ends, two thirds of a line or
 * more apart, each a tick and a faint line across the area, labelled
 * where a label keeps clear of the others (taken): edge_of_stability 1's
 * caption reads λmax falling to 200 off an axis that said only 0 and
 * 1333.  A tick that would print one of said's numbers, which the plot
 * says elsewhere, is left unlabelled. */
static void value_ticks(Renderer *r, const PlotArea *a, AxisLabels *taken, const char *const *said,
                        size_t said_count)
{
    double s = r->scale, line = render_line_height(r, render_font_px(r, 13.0));
    /* A broken axis's round values from its break up, the break's own one
     * among them. */
    bool broken = a->ybreak > a->ylo;
    double lo = broken ? a->ybreak : a->ylo, h = broken ? (1.0 - PLOT_BREAK_SHARE) * a->h : a->h;
    double step = axis_tick_step(lo, a->yhi, (int)fmin(1.5 * h / line, AXIS_MAX_TICKS));
    if (a->ylog || !(step > 0))
        return;
    Rgba grid = r->theme->axis;
    grid.a *= 0.35f;
    double first = axis_first_tick(lo, step);
    for (int k = 0; first + k * step < a->yhi; k++) {
        char label[32];
        double v = first + k * step, y = plot_to_y(a, v);
        v = fabs(v) < 1e-9 * step ? 0.0 : v;
        if (v < lo + (broken ? -1e-9 : 0.5) * step || y < a->y + 0.5)
            continue;
        shapes_segment(r->shapes, a->x, y, a->x + a->w, y, 0.5 * s, grid);
        number_text(v, 3, label, sizeof label);
        bool again = false;
        for (size_t i = 0; i < said_count; i++)
            again |= strcmp(label, said[i]) == 0;
        if (again || !level_label(r, a, v, label, r->theme->dim, taken))
            shapes_segment(r->shapes, a->x - 4.0 * s, y, a->x, y, 0.7 * s, r->theme->mark);
    }
}

/* How a minimum's λmax is labelled beside the axis: "minimum: λmax 100",
 * "min: λmax 100" or "100" ("sharp: λmax 100" and "flat: λmax 1.65" where
 * there are two). */
typedef enum LevelName { LEVEL_BARE, LEVEL_SHORT, LEVEL_NAMED } LevelName;

/* The label of levels[k], of count ascending (minima_levels). */
static void minimum_label(const double *levels, size_t count, size_t k, LevelName form,
                          char *dest, size_t size)
{
    char value[32];
    number_text(levels[k], 3, value, sizeof value);
    const char *named = count != 2 ? NULL : k == 1 ? _(SHARP_LEVEL) : _(FLAT_LEVEL);
    snprintf(dest, size,
             form == LEVEL_BARE    ? "%s"
             : named               ? named
             : form == LEVEL_NAMED ? _(MINIMUM_LEVEL)
                                   : _(MINIMUM_LEVEL_SHORT),
             value);
}

/* The minima's λmax named beside the axis in form, "minimum: λmax 100" (or its
 * value alone, as the map's marks name it): what a run resting
 * in that minimum reads, sharp_flat's 100 and 1.65.  Those that find room
 * (a line clear of the range's end labels: 1.65 a pixel over 0 on a
 * linear axis) are flagged in shown, for dotted_minima_levels; one whose
 * label finds none is not drawn — a dotted line nothing names told a
 * student nothing. */
static void name_minima_levels(Renderer *r, const PlotArea *a, const double *levels,
                               size_t count, LevelName form, AxisLabels *taken, bool *shown)
{
    for (size_t k = 0; k < count; k++) {
        char label[48];
        minimum_label(levels, count, k, form, label, sizeof label);
        shown[k] = level_label(r, a, levels[k], label, r->theme->mark, taken);
    }
}

/* The named minima's levels dotted across the plot, over the curves:
 * sharp_flat 4's λmax rests at the sharp minimum's 100, and the
 * dotted line under its curve was hidden (the dots show on the curve, the
 * curve between them). */
static void dotted_minima_levels(Renderer *r, const PlotArea *a, const double *levels,
                                 size_t count, const bool *shown)
{
    double s = r->scale;
    Rgba dotted = r->theme->mark;
    dotted.a *= 0.6f;
    for (size_t k = 0; k < count; k++) {
        double y = plot_to_y(a, levels[k]);
        for (double x = a->x; shown[k] && x < a->x + a->w; x += 6.0 * s)
            shapes_segment(r->shapes, x, y, fmin(x + 1.5 * s, a->x + a->w), y, 0.7 * s, dotted);
    }
}

/* The λmax each plotted run stands at now, each distinct value (within
 * 1%) once, as its label "λmax 10", and the step its curve ends at;
 * returns how many. */
static size_t run_levels(const Renderer *r, const Scene *scene, double *values, double *ends,
                         char (*labels)[48])
{
    size_t count = 0;
    for (size_t i = 0; i < scene->run_count; i++) {
        const SharpnessCache *c = &r->sharpness[i];
        if (!plotted_run(scene, i) || c->count == 0 || !isfinite(c->values[c->count - 1]))
            continue;
        double v = c->values[c->count - 1];
        bool again = false;
        for (size_t j = 0; j < count && !again; j++)
            again = fabs(values[j] - v) <= 0.01 * fabs(v);
        if (again)
            continue;
        char value[32];
        snprintf(labels[count], sizeof labels[count], "λmax %s",
                 number_text(v, 3, value, sizeof value));
        ends[count] = (double)(c->count - 1);
        values[count++] = v;
    }
    return count;
}

/* Whether a plotted run's λmax curve passes through the rows top ..
 * bottom in the columns x0 .. x1 (pad pixels about them). */
static bool curves_in(const Renderer *r, const Scene *scene, const PlotArea *a, double x0,
                      double x1, double top, double bottom, double pad)
{
    double first = fmax(0.0, floor(plot_step_at(a, x0 - pad)));
    double last = ceil(plot_step_at(a, x1 + pad));
    for (size_t i = 0; i < scene->run_count; i++) {
        const SharpnessCache *c = &r->sharpness[i];
        if (!plotted_run(scene, i))
            continue;
        for (size_t k = (size_t)first; k < c->count && (double)k <= last; k++) {
            double y = plot_to_y(a, c->values[k]);
            if (isfinite(c->values[k]) && y + pad >= top && y - pad <= bottom)
                return true;
        }
    }
    return false;
}

/* A run's λmax now, "λmax 995", on the panel's colour inside the area,
 * at the place nearest its curve's end (step end, value v) where neither
 * a curve nor the dashed 2/η (edge) passes through, led there by a line
 * when it stands further than beside it (render_label_leader).  Its
 * places were the end's two sides, then the area's top or foot:
 * edge_of_stability 2's curve wavers about its end, and "λmax 951" stood
 * at the foot, 130 pixels under the end it named at 960x540 (review,
 * issue 12). */
static void end_label(Renderer *r, const Scene *scene, const PlotArea *a, double end, double v,
                      double edge, const char *text)
{
    int px = render_font_px(r, 13.0);
    double s = r->scale, line = render_line_height(r, px);
    double cx = plot_to_x(a, end), cy = plot_to_y(a, v), line_y = plot_to_y(a, edge);
    double w = render_text_width(r, text, px) + 4.0 * s;
    LayoutRect best = {fmax(a->x, cx - w), fmin(fmax(cy + 3.0 * s, a->y), a->y + a->h - line), w,
                       line};
    double nearest = HUGE_VAL;
    /* Rows a quarter line apart and columns a quarter label apart, each
     * place's distance from the end first, so only a nearer one is
     * checked against the curves.  Off the dashed line first; where that
     * leaves no place within two lines of an end at the line (λmax at
     * 2/η), across it too, on the label's panel: edge_of_stability 1's
     * "λmax 952" at 1280x720 --projector, the row between 2/η and the
     * area's top under a line high, stood at the curve's dip, a leader 110
     * pixels long to the end it named (review, issue 12). */
    for (int across = 0; across < 2 && nearest > 2.0 * line; across++)
        for (double right = a->x + a->w; right - w >= a->x - 0.5; right -= 0.25 * w)
            for (double top = a->y; top + line <= a->y + a->h; top += 0.25 * line) {
                LayoutRect box = {right - w, top, w, line};
                double qx = fmin(fmax(cx, box.x), box.x + w),
                       qy = fmin(fmax(cy, top), top + line);
                double d = hypot(qx - cx, qy - cy);
                bool on_line = line_y + 1.5 * s >= top && line_y - 1.5 * s <= top + line;
                if (d >= nearest || (on_line && (!across || fabs(cy - line_y) > line)) ||
                    curves_in(r, scene, a, box.x, right, top, top + line, 1.5 * s))
                    continue;
                best = box, nearest = d;
            }
    render_label_leader(r, cx, cy, best);
    render_panel(r, best);
    render_text(r, text, best.x + w, best.y, px, ALIGN_RIGHT, r->theme->text);
}

/* A linear range for values close together far from 0 (learning_rate 7:
 * λmax 10 between 2/η of 9.52 and 10.5; from 0 the three lay 2 px apart):
 * lo to hi with a quarter of their spread (and 1% of hi) either side,
 * rounded out to round numbers.  False, range untouched, where lo..hi
 * spans half of hi or more (then a range from 0 shows them apart). */
static bool fit_close_range(PlotArea *a, double lo, double hi)
{
    if (!(lo > 0) || !(hi >= lo) || !isfinite(hi) || hi - lo >= 0.5 * hi)
        return false;
    double pad = 0.25 * (hi - lo) + 0.01 * hi;
    double step = axis_tick_step(lo - pad, hi + pad, 4);
    a->ylo = floor((lo - pad) / step) * step;
    a->yhi = ceil((hi + pad) / step) * step;
    return true;
}

/* A linear range fitted to where the runs stand now (fit_close_range
 * over lo..hi: each run's λmax now and its 2/η now), where their curves
 * lie outside it at no more than ZOOM_OUTSIDE of their points: sharp_flat
 * 4's λmax, at 100 from its first steps on, lay 2 px under 2/η = 105 on a
 * range from 0 to 164 at 960x540, and the caption's point (λmax just
 * under 2/η, or over it: step 5's 80) could not be read.  A climb that
 * takes the run's time (edge_of_stability's) keeps its range from 0.
 * False, range untouched, where the values are not close or the curves
 * lie outside too long. */
#define ZOOM_OUTSIDE 0.05

static bool fit_now_range(const Renderer *r, const Scene *scene, PlotArea *a, double lo,
                          double hi)
{
    PlotArea fitted = *a;
    if (!fit_close_range(&fitted, lo, hi))
        return false;
    size_t outside = 0, total = 0;
    for (size_t i = 0; i < scene->run_count; i++) {
        const SharpnessCache *c = &r->sharpness[i];
        for (size_t k = 0; plotted_run(scene, i) && k < c->count; k++)
            if (isfinite(c->values[k])) {
                total++;
                outside += c->values[k] < fitted.ylo || c->values[k] > fitted.yhi;
            }
    }
    if (total == 0 || (double)outside > ZOOM_OUTSIDE * (double)total)
        return false;
    *a = fitted;
    return true;
}

/* The foot of a linear axis that starts above 0 (fit_close_range,
 * fit_now_range) marked broken, two slashes across it: the bottom label
 * ("96") is then read as where the axis starts, not as 0.  A broken axis
 * (PlotArea.ybreak) is marked at its break. */
static void axis_break(Renderer *r, const PlotArea *a)
{
    double s = r->scale, x = a->x, y = a->y + a->h - 4.0 * s;
    if (a->ybreak > a->ylo)
        y = plot_to_y(a, a->ybreak) + 1.5 * s;
    for (int k = 0; k < 2; k++, y -= 3.0 * s) {
        shapes_segment(r->shapes, x - 4.0 * s, y + 1.5 * s, x + 4.0 * s, y - 1.5 * s, 2.0 * s,
                       r->theme->panel);
        shapes_segment(r->shapes, x - 4.0 * s, y + 1.5 * s, x + 4.0 * s, y - 1.5 * s, 0.9 * s,
                       r->theme->text);
    }
}

/* The widths of the step labels plot_frame writes at area a's ends,
 * [0] its first step's and [1] its last's, at px. */
static void step_end_widths(Renderer *r, const PlotArea *a, int px, double widths[2])
{
    char label[32];
    snprintf(label, sizeof label, "%.0f", a->xlo);
    widths[0] = render_text_width(r, label, px);
    snprintf(label, sizeof label, "%.0f", a->xhi);
    widths[1] = render_text_width(r, label, px);
}

/* The least width of area a whose step labels, its ends' and xlabel
 * between them, stand apart by a gap. */
static double step_row_width(Renderer *r, const PlotArea *a, const char *xlabel)
{
    int px = render_font_px(r, PLOT_TEXT_PX);
    double ends[2];
    step_end_widths(r, a, px, ends);
    return render_text_width(r, xlabel, px) + 2.0 * fmax(ends[0], ends[1]) + 16.0 * r->scale;
}

/* How many of a log step axis's decades (steps[0 .. count)) are labelled
 * where each stands clear of the row's other labels: its ends' (ends,
 * plot_frame's), the name's (name_left .. name_right) and the decade
 * labelled before it, gap apart; each labelled when draw. */
static size_t step_decades(Renderer *r, const PlotArea *a, int px, const double *steps,
                           size_t count, double name_left, double name_right, bool draw)
{
    double ends[2];
    step_end_widths(r, a, px, ends);
    double gap = 0.8 * px;
    const double taken[3][2] = {{a->x, a->x + ends[0]},
                                {a->x + a->w - ends[1], a->x + a->w},
                                {name_left, name_right}};
    double last_right = -HUGE_VAL;
    size_t labelled = 0;
    for (size_t d = 0; d < count; d++) {
        double x = plot_to_x(a, steps[d]);
        char label[32];
        snprintf(label, sizeof label, "%.0f", steps[d]);
        double w = render_text_width(r, label, px), left = x - 0.5 * w, right = x + 0.5 * w;
        bool clear = left >= last_right + gap;
        for (size_t k = 0; k < 3 && clear; k++)
            clear = right + gap <= taken[k][0] || left >= taken[k][1] + gap;
        if (!clear)
            continue;
        if (draw)
            render_text(r, label, x, a->y + a->h + 2.0 * r->scale, px, ALIGN_CENTER,
                        r->theme->dim);
        last_right = right;
        labelled++;
    }
    return labelled;
}

/* A log step axis's decades (1, 10, 100 …) ticked, and the axis's name
 * (plot_frame left it out) in the row between its ends' labels: centred
 * where a decade is then labelled, else beside the decade that leaves the
 * most labelled.  Forms: the name
 * the row has room for (xlabel), then "(log)" alone (log_only).  Without
 * a decade labelled a log axis read as linear; at 1280x720 --projector
 * edge_of_stability 1's centred "step (log)" hid each of them, the row
 * saying only "0" and "3000" (review, issue 12).  Where no form and place
 * labels one, xlabel centred. */
static void log_step_ticks(Renderer *r, const PlotArea *a, const char *xlabel,
                           const char *log_only)
{
    double s = r->scale, foot = a->y + a->h;
    int px = render_font_px(r, PLOT_TEXT_PX);
    double ends[2], steps[16];
    step_end_widths(r, a, px, ends);
    size_t count = 0;
    for (double step = 1; step < a->xhi && count < 16; step *= 10) {
        double x = plot_to_x(a, step);
        shapes_segment(r->shapes, x, foot - 4.0 * s, x, foot, 0.5 * s, r->theme->axis);
        steps[count++] = step;
    }
    const char *forms[2] = {xlabel, log_only};
    const char *name = xlabel;
    double gap = 0.8 * px, centre = a->x + 0.5 * a->w;
    double lo = a->x + ends[0] + gap, hi = a->x + a->w - ends[1] - gap;
    size_t best = 0;
    for (size_t f = 0; f < 2 && best == 0; f++) {
        double w = render_text_width(r, forms[f], px);
        /* Centred, then against each decade's label, either side. */
        for (size_t k = 0; k <= 2 * count; k++) {
            double at = centre;
            if (k > 0) {
                double step = steps[(k - 1) / 2], x = plot_to_x(a, step);
                char label[32];
                snprintf(label, sizeof label, "%.0f", step);
                double reach = 0.5 * render_text_width(r, label, px) + gap + 0.5 * w;
                at = k % 2 ? x - reach : x + reach;
            }
            if (at - 0.5 * w < lo || at + 0.5 * w > hi)
                continue;
            size_t n = step_decades(r, a, px, steps, count, at - 0.5 * w, at + 0.5 * w, false);
            if (n > best)
                best = n, name = forms[f], centre = at;
            if (k == 0 && n > 0)
                break;
        }
    }
    double w = render_text_width(r, name, px);
    step_decades(r, a, px, steps, count, centre - 0.5 * w, centre + 0.5 * w, true);
    render_text(r, name, centre, foot + 2.0 * s, px, ALIGN_CENTER, r->theme->dim);
}

/* A linear range's top raised, where a minimum's level in it lies within
 * a line and a fifth of it, to that much above the level: its name then
 * clears the top's label (sharp_flat 5: its minimum's name under 121). */
static void top_clear_of_levels(Renderer *r, PlotArea *a, const double *levels, size_t count)
{
    double f = 1.2 * render_line_height(r, render_font_px(r, 13.0)) / a->h;
    for (size_t k = 0; k < count && f < 0.5; k++)
        if (levels[k] >= a->ylo && levels[k] <= a->yhi)
            a->yhi = fmax(a->yhi, (levels[k] - f * a->ylo) / (1.0 - f));
}

/* Whether two runs' λmax curves are one: as many points, each within
 * 1e-9 of the other's. */
static bool same_sharpness(const SharpnessCache *a, const SharpnessCache *b)
{
    if (a->count != b->count || a->count == 0)
        return false;
    for (size_t k = 0; k < a->count; k++)
        if (!(fabs(a->values[k] - b->values[k]) <= 1e-9 * fmax(1.0, fabs(a->values[k]))))
            return false;
    return true;
}

/* The row under the sharpness plot (its top at y) naming each plotted
 * run's 2/η in the run's colour, right-aligned with the area, the shown
 * run's first: what the dashed lines of their colours are (sharp_flat 6:
 * η = 0.3's 6.67 in its green, far above the flat minimum's λmax 1.65).
 * Draws nothing and returns false where the row would not fit the panel. */
static bool name_each_edge(Renderer *r, const Scene *scene, const PlotArea *a, size_t steps,
                           double y, int px)
{
    char values[SCENE_MAX_RUNS][32];
    size_t order[SCENE_MAX_RUNS], count = 0, shown = scene_shown_run(scene);
    const char *lead = _(EACH_EDGE_VALUES), *comma = ", ";
    double gap = render_text_width(r, " ", px), width = render_text_width(r, lead, px);
    for (size_t k = 0; k < scene->run_count; k++) {
        size_t i = k == 0 ? shown : k <= shown ? k - 1 : k;
        const OptimizerDesc *desc = &scene->runs[i].run.desc;
        if (!plotted_run(scene, i) || optimizer_info(desc->kind)->traits.continuous)
            continue;
        number_text(threshold_at(desc, steps), 3, values[count], sizeof values[count]);
        width += (count ? render_text_width(r, comma, px) : gap) +
                 render_text_width(r, values[count], px);
        order[count++] = i;
    }
    double x = a->x + a->w - width;
    if (count == 0 || x < a->left + 4.0 * r->scale)
        return false;
    x += render_text(r, lead, x, y, px, ALIGN_LEFT, r->theme->text) + gap;
    for (size_t k = 0; k < count; k++) {
        if (k > 0)
            x += render_text(r, comma, x, y, px, ALIGN_LEFT, r->theme->text);
        x += render_text(r, values[k], x, y, px, ALIGN_LEFT, render_run_color(r, order[k], 1.0f));
    }
    return true;
}

/* A piece of the one dashed 2/η line, cased and dashed as it is drawn,
 * ending a gap before the row's words at right, at height y: the row
 * names the line from under the plot, 90 to 160 pixels from it
 * (edge_of_stability at 1280x720 --projector), where "λmax 952" stands
 * under the line's end; the piece ties the words to the dashed line at a
 * glance, in the one place every step of a lesson says it (issue 12). */
static void edge_swatch(Renderer *r, double right, double y, Rgba color)
{
    double dash = fmax(1.0, 5.0 * r->scale), end = right - dash, start = end - 5.0 * dash;
    render_dashed(r, start, y, end, y, dash, dash, 0.9 * r->scale, color);
}

/* λmax along each run (or the one the lesson names) in its colour, and
 * each run's 2/lr dashed in its colour, its value in that colour under
 * the plot (name_each_edge; one plain line when one run is drawn);
 * dotted, the landscape's minima's λmax.  On a log scale when the
 * runs now stand where λmax differs over tenfold (sharp_flat's runs resting
 * at 100 and 1.65: on a linear scale the flat one's a pixel above the
 * axis); linear otherwise, fitted to the runs now where their λmax and
 * 2/η are close (fit_now_range: 105 or 80 against 100 apart). */
static void draw_sharpness(Renderer *r, const Scene *scene, const PlotArea *area)
{
    /* end_lo, end_hi: the least and greatest λmax where the runs are now. */
    double lam_lo = 0, lam_hi = -HUGE_VAL, thr_lo = HUGE_VAL, end_lo = HUGE_VAL, end_hi = 0;
    /* lam_min: the least λmax drawn (lam_lo stops at 0); thr_hi: the
     * greatest 2/η. */
    double lam_min = HUGE_VAL, thr_hi = -HUGE_VAL;
    /* now_lo, now_hi: the least and greatest 2/η where the runs are now. */
    double now_lo = HUGE_VAL, now_hi = -HUGE_VAL;
    size_t steps = 10, drawn = 0;
    bool all_flow = true, all_adaptive = true, one_lr = true;
    double first_now = (double)NAN;
    for (size_t i = 0; i < scene->run_count; i++) {
        if (!plotted_run(scene, i))
            continue;
        const Run *run = &scene->runs[i].run;
        SharpnessCache *c = &r->sharpness[i];
        update_sharpness(c, scene, run);
        for (size_t k = 0; k < c->count; k++)
            if (isfinite(c->values[k])) {
                lam_lo = fmin(lam_lo, c->values[k]);
                lam_min = fmin(lam_min, c->values[k]);
                lam_hi = fmax(lam_hi, c->values[k]);
            }
        if (c->count > 0 && isfinite(c->values[c->count - 1])) {
            end_lo = fmin(end_lo, c->values[c->count - 1]);
            end_hi = fmax(end_hi, c->values[c->count - 1]);
        }
        steps = run_steps(run) > steps ? run_steps(run) : steps;
        const OptimizerTraits *traits = &optimizer_info(run->desc.kind)->traits;
        bool flow = traits->continuous;
        all_flow &= flow;
        all_adaptive &= flow || traits->adaptive;
        if (!flow) {
            double now = threshold_at(&run->desc, run_steps(run));
            one_lr &= isnan(first_now) || now == first_now;
            now_lo = fmin(now_lo, now);
            now_hi = fmax(now_hi, now);
            first_now = isnan(first_now) ? now : first_now;
        }
        drawn++;
    }
    if (drawn == 0)
        return;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (!plotted_run(scene, i) || optimizer_info(run->desc.kind)->traits.continuous)
            continue;
        for (size_t k = 0; k <= steps; k += steps / 200 + 1) {
            double t = threshold_at(&run->desc, k);
            thr_lo = fmin(thr_lo, t);
            thr_hi = isfinite(t) ? fmax(thr_hi, t) : thr_hi;
        }
    }
    PlotArea a = *area;
    a.xlo = 0;
    a.xhi = (double)steps;
    /* A lesson's log steps, from step 0 (edge_of_stability 1's leap from
     * 300 to 715 in its first step of 3000 stood in the axis's first
     * column, on the axis line). */
    a.xlog = scene->display.sharpness_log_steps;
    a.xlog_from = 1;
    char xlabel[64];
    snprintf(xlabel, sizeof xlabel, "%s%s", _("step"), a.xlog ? _(LOG_SUFFIX) : "");
    a.ylo = lam_lo;
    /* Room for both curves, unless 2/lr is far above: then it is named. */
    bool off_scale = !all_flow && lam_hi > 0 && thr_lo > 5.0 * lam_hi;
    a.yhi = off_scale || all_flow ? fmax(lam_hi, 1e-9) * 1.3
                                  : fmax(fmax(lam_hi, thr_lo), 1e-9) * 1.4;
    double levels[LANDSCAPE_MAX_MINIMA];
    size_t level_count = minima_levels(scene, levels);
    bool zoomed = false;
    if (!off_scale && !all_flow &&
        !fit_close_range(&a, fmin(lam_min, thr_lo), fmax(lam_hi, thr_hi))) {
        /* With the minima's levels close to them: sharp_flat 5's λmax
         * hovers at its 2/η, 80, under the sharp minimum's 100, where it
         * cannot settle. */
        double lo = fmin(end_lo, now_lo), hi = fmax(end_hi, now_hi);
        for (size_t k = 0; k < level_count; k++)
            if (fmax(hi, levels[k]) - fmin(lo, levels[k]) < 0.5 * fmax(hi, levels[k]))
                lo = fmin(lo, levels[k]), hi = fmax(hi, levels[k]);
        zoomed = fit_now_range(r, scene, &a, lo, hi);
    }
    /* A lesson's range, the same over its steps so they compare
     * (edge_of_stability: 995 under 2/η = 1053 and 2/η = 952 under the
     * minimum's 1002 lay 1-2 px apart on each step's own range from 0 to
     * 1474 at 960x540), the values under it squeezed into the foot below
     * a break (step 1's dip to 200). */
    const double *fixed = scene->display.sharpness_range;
    bool lesson_range = fixed[1] > fixed[0];
    if (lesson_range) {
        a.ylo = fmin(lam_lo, fixed[0]);
        a.ybreak = fixed[0];
        a.yhi = fixed[1];
        zoomed = true;
    }
    /* Log too where one run went from one minimum to another whose λmax
     * differ tenfold (sharp_flat 6: from 100 over 2/η = 6.67 down to 1.65
     * under it, which a range from 0 to 140 put 1.3 px apart). */
    a.ylog = !zoomed && end_lo > 0 &&
             (end_hi > 10.0 * end_lo || (level_count > 1 && lam_hi > 10.0 * end_lo));
    if (a.ylog) {
        /* A factor 4 beyond the lowest and highest level keeps the levels'
         * labels clear of the range's; a curve below the range (a run
         * crossing a ridge) runs along the bottom. */
        bool edge = !off_scale && !all_flow;
        double low = fmin(end_lo, edge ? thr_lo : HUGE_VAL), high = fmax(lam_hi, edge ? thr_lo : 0);
        if (level_count > 0) {
            low = fmin(low, levels[0]);
            high = fmax(high, levels[level_count - 1]);
        }
        a.ylo = low / 4.0;
        a.yhi = high * 4.0;
    } else if (!lesson_range)
        top_clear_of_levels(r, &a, levels, level_count);
    /* Where no minima's levels are drawn, each run's λmax now beside the
     * axis, the area making room: learning_rate 7's caption reads λmax = 10
     * between the runs' 2/η, 9.52 and 10.5.  With one dashed line (one η)
     * the axis names the line instead, "2/η = 952", and the λmax now
     * stands at the curve's end (edge_of_stability: "λmax 952" beside the
     * axis sat on the dashed line and read as its label, "λmax 995" on a
     * line that was 2/η = 1053).  Steps on a lesson's range, which are
     * compared, name it alike in the row under the plot: at 960x540
     * edge_of_stability 2's axis had room for "2/η = 952", step 3's none
     * for 1053 a line under the top's 1100, and the one line read "2/η =
     * 952" at the axis in one step, "2/η = 1053 (edge of stability)" under
     * the plot in the next. */
    double now[SCENE_MAX_RUNS], now_end[SCENE_MAX_RUNS];
    char now_label[SCENE_MAX_RUNS][48], edge_label[48] = "";
    size_t now_count = level_count == 0 ? run_levels(r, scene, now, now_end, now_label) : 0;
    bool one_edge = now_count > 0 && one_lr && !off_scale && !all_flow;
    bool edge_at_axis = one_edge && !lesson_range;
    if (edge_at_axis) {
        char value[32];
        snprintf(edge_label, sizeof edge_label, EDGE_LABEL_SHORT,
                 number_text(first_now, 3, value, sizeof value));
        plot_make_room(r, &a, render_text_width(r, edge_label, render_font_px(r, 13.0)));
    } else if (!one_edge)
        for (size_t k = 0; k < now_count; k++)
            plot_make_room(r, &a, render_text_width(r, now_label[k], render_font_px(r, 13.0)));
    char title[128], full[160];
    sharpness_title(scene, title, sizeof title);
    snprintf(full, sizeof full, "%s%s", title, a.ylog ? _(LOG_SUFFIX) : "");
    /* The minima named in the longest form with which the title, moving
     * right with the area, stays whole over it (sharp_flat 6's "… of each
     * run vs 2/η (log)" ran 38 px off its panel at 1280x720 beside
     * "minimum 1.65"; at 1920x1080 in English "min 1.65" left it room
     * where the values alone, "100" and "1.65", said nothing a student
     * could tell from a tick); else their values alone, as the map's marks
     * name them. */
    LevelName form = LEVEL_BARE;
    double title_w = render_text_width(r, full, render_font_px(r, PLOT_TEXT_PX));
    double step_row = step_row_width(r, &a, xlabel);
    for (int tried = LEVEL_NAMED; tried > LEVEL_BARE && form == LEVEL_BARE; tried--) {
        double widest = 0;
        for (size_t k = 0; k < level_count; k++) {
            char label[48];
            minimum_label(levels, level_count, k, (LevelName)tried, label, sizeof label);
            if (levels[k] >= a.ylo && levels[k] <= a.yhi)
                widest = fmax(widest, render_text_width(r, label, render_font_px(r, 13.0)));
        }
        /* The title starts its indent in from the area (plot_fit_labels):
         * left out here, sharp_flat 6's Chinese title ran to the panel's
         * edge (review, issue 12).  A compact title runs across the panel
         * instead; either way the area keeps room for its step labels:
         * at 1280x720 --projector sharp_flat 4's "极小值处 λmax 100" left
         * "步数" over "600". */
        double left = a.left + 10.0 * r->scale + widest;
        if ((a.compact || left + PLOT_TITLE_INDENT * r->scale + title_w <= a.x + a.w) &&
            a.x + a.w - fmax(a.x, left) >= step_row)
            form = (LevelName)tried;
    }
    for (size_t k = 0; k < level_count; k++) {
        char label[48];
        minimum_label(levels, level_count, k, form, label, sizeof label);
        if (levels[k] >= a.ylo && levels[k] <= a.yhi)
            plot_make_room(r, &a, render_text_width(r, label, render_font_px(r, 13.0)));
    }
    /* "step (log)" where the row has room for it between the ends, else
     * "(log)" alone (1280x720 --projector in Chinese ran "步数(对数)" into
     * "3000", and with "步数" and no decade labelled between 0 and 3000 the
     * axis read as linear: review, issue 12), else "step". */
    const char *log_only = _(LOG_SUFFIX);
    while (*log_only == ' ')
        log_only++;
    if (a.xlog && a.w < step_row_width(r, &a, xlabel)) {
        snprintf(xlabel, sizeof xlabel, "%s", log_only);
        if (a.w < step_row_width(r, &a, xlabel))
            snprintf(xlabel, sizeof xlabel, "%s", _("step"));
    }
    /* A log axis's name is placed with its decades (log_step_ticks). */
    plot_frame(r, &a, full, a.xlog ? "" : xlabel);
    if (a.xlog)
        log_step_ticks(r, &a, xlabel, log_only);
    r->sharpness_area = a;
    r->sharpness_drawn = true;
    if (lam_lo < 0 && !a.ylog && a.ylo < 0)
        plot_dashed_level(r, &a, 0.0, r->theme->axis);
    if (!a.ylog && (a.ylo > 0 || a.ybreak > a.ylo))
        axis_break(r, &a);
    AxisLabels taken = {.count = 0};
    bool level_shown[LANDSCAPE_MAX_MINIMA];
    name_minima_levels(r, &a, levels, level_count, form, &taken, level_shown);
    /* Each λmax now named, at the curve's end or beside the axis: a curve
     * of one point (play 0) is then a dot alone, as edge_of_stability 1's
     * "300" beside its dot said again what "λmax 300" said. */
    a.values_named = now_count > 0;
    /* Whether the axis names the line decides the row's form: at 960x540
     * edge_of_stability 1's axis had no room for "2/η = 952", and the row
     * said "dashed: 2/η (edge of stability)", the value nowhere. */
    bool edge_named =
        edge_at_axis && level_label(r, &a, first_now, edge_label, r->theme->text, &taken);
    if (!one_edge)
        for (size_t k = 0; k < now_count; k++)
            a.values_named &= level_label(r, &a, now[k], now_label[k], r->theme->text, &taken);
    /* The runs' 2/η the row under the plot names (name_each_edge): a tick
     * printing one of them said it again (learning_rate 7 at 1920x1080,
     * "10.5" beside the axis and "… = 10.5, 9.52" under the plot). */
    char edge_text[2 * SCENE_MAX_RUNS][32];
    const char *edges[2 * SCENE_MAX_RUNS];
    size_t edge_count = 0;
    bool each_edge = !all_flow && !off_scale && !one_lr && !all_adaptive;
    for (size_t i = 0; i < scene->run_count && each_edge; i++) {
        const OptimizerDesc *desc = &scene->runs[i].run.desc;
        if (!plotted_run(scene, i) || optimizer_info(desc->kind)->traits.continuous)
            continue;
        edges[edge_count] = number_text(threshold_at(desc, steps), 3, edge_text[edge_count],
                                        sizeof edge_text[0]);
        edge_count++;
    }
    /* So did a tick printing a run's λmax named at its curve's end (the
     * taller plot at 1920x1080: edge_of_stability 1's "300" beside "λmax
     * 300" at play 0). */
    for (size_t k = 0; k < now_count; k++) {
        edges[edge_count] = number_text(now[k], 3, edge_text[edge_count], sizeof edge_text[0]);
        edge_count++;
    }
    value_ticks(r, &a, &taken, edges, edge_count);
    /* A curve several runs share is drawn once, in the text's colour:
     * learning_rate 7's two runs both read λmax 10 on the bowl, and run
     * 2's orange line over run 1's hid the blue one. */
    for (size_t i = 0; i < scene->run_count; i++) {
        bool shared = false, drawn_before = false;
        for (size_t j = 0; j < scene->run_count && plotted_run(scene, i); j++)
            if (j != i && plotted_run(scene, j) &&
                same_sharpness(&r->sharpness[i], &r->sharpness[j])) {
                shared = true;
                drawn_before |= j < i;
            }
        if (plotted_run(scene, i) && !drawn_before)
            plot_series(r, &a, cached_value, &r->sharpness[i], 0, r->sharpness[i].count,
                        1.1 * r->scale, shared ? r->theme->text : render_run_color(r, i, 1.0f),
                        false);
    }
    dotted_minima_levels(r, &a, levels, level_count, level_shown);
    /* Each 2/η over the curves, dashed (the curve shows between the dashes)
     * and cased: where λmax hovers at 2/η (sharp_flat 5's 80) the line
     * under the curve was hidden, and a student read the curve as below
     * the line; a solid line over it hid the curve. */
    Rgba edge_color = r->theme->text;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (!plotted_run(scene, i) || optimizer_info(run->desc.kind)->traits.continuous ||
            off_scale)
            continue;
        edge_color = drawn == 1 ? r->theme->text : render_run_color(r, i, 0.9f);
        plot_series(r, &a, threshold_at, &run->desc, 0, steps + 1, 1.6 * r->scale,
                    r->theme->casing, true);
        plot_series(r, &a, threshold_at, &run->desc, 0, steps + 1, 0.9 * r->scale, edge_color,
                    true);
    }
    if (one_edge)
        for (size_t k = 0; k < now_count; k++)
            end_label(r, scene, &a, now_end[k], now[k], first_now, now_label[k]);
    int px = render_font_px(r, 12.0);
    char label[96], value[32];
    /* In its row under the step labels, off the curves (render_dynamics_plot
     * makes the row): inside the area it lay over λmax, which hovers at
     * 2/η. */
    double line = render_line_height(r, render_font_px(r, 13.0));
    double row = a.y + a.h + 2.0 * r->scale + line;
    /* GD's runs at several η: each one's 2/η (adaptive ones: GD's edge,
     * named as such below). */
    if (each_edge && name_each_edge(r, scene, &a, steps, row, px))
        return;
    if (all_flow)
        snprintf(label, sizeof label, "%s", _("(flow: no step size)"));
    else if (off_scale)
        snprintf(label, sizeof label, _("2/η = %s, far above"),
                 number_text(thr_lo, 3, value, sizeof value));
    else if (!one_lr && a.compact)
        snprintf(label, sizeof label, "%s", _(EACH_EDGE_LABEL_SHORT));
    else if (!one_lr)
        snprintf(label, sizeof label, _(EACH_EDGE_LABEL),
                 all_adaptive ? _(GD_EDGE) : _("edge of stability"));
    /* Adaptive methods rescale each coordinate: 2/η is plain GD's edge.
     * Where the axis names the line the row says what it is, compact
     * nothing. */
    else if (a.compact && edge_named)
        return;
    else if (edge_named)
        snprintf(label, sizeof label, _(EDGE_NAMED),
                 all_adaptive ? _(GD_EDGE) : _("edge of stability"));
    else if (a.compact)
        snprintf(label, sizeof label, EDGE_LABEL_SHORT,
                 number_text(first_now, 3, value, sizeof value));
    else
        snprintf(label, sizeof label, EDGE_LABEL, number_text(first_now, 3, value, sizeof value),
                 all_adaptive ? _(GD_EDGE) : _("edge of stability"));
    double width = render_text(r, label, a.x + a.w, row, px, ALIGN_RIGHT, r->theme->text);
    if (one_lr && !all_flow && !off_scale)
        edge_swatch(r, a.x + a.w - width, row + 0.5 * render_line_height(r, px), edge_color);
}

/* ------------------------------------------------------------------------ */
/* Learning-rate schedules                                                   */

/* Steps a schedule takes to do its work (0 for a constant rate). */
static double schedule_horizon(const ScheduleDesc *s)
{
    double work = 0;
    switch (s->kind) {
    case SCHEDULE_COSINE:
    case SCHEDULE_LINEAR:
        work = (double)s->total;
        break;
    case SCHEDULE_STEP:
        work = 3.0 * (double)s->every;
        break;
    case SCHEDULE_EXP:
        work = s->gamma > 0 && s->gamma < 1 ? log(0.05) / log(s->gamma) : 0;
        break;
    default:
        break;
    }
    return (double)s->warmup + work;
}

/* The radius of the dot at each run's current step, in pixels at scale 1. */
#define SCHEDULE_DOT_PX 3.5

/* How far the schedule plot's area comes down under its title (see
 * draw_schedules), which the panel's request makes room for. */
static double schedule_title_lift(const Renderer *r)
{
    return (SCHEDULE_DOT_PX + 2.0) * r->scale;
}

static double lr_at(const void *ctx, size_t k)
{
    return optimizer_lr_at(ctx, (long)k);
}

static void draw_schedules(Renderer *r, const Scene *scene, const PlotArea *area)
{
    PlotArea a = *area;
    a.xlo = 0;
    a.xhi = 10;
    a.ylo = 0;
    a.yhi = 0;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden || optimizer_info(run->desc.kind)->traits.continuous)
            continue;
        a.xhi = fmax(a.xhi, fmax((double)run_steps(run), schedule_horizon(&run->desc.schedule)));
    }
    size_t end = (size_t)a.xhi + 1;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden || optimizer_info(run->desc.kind)->traits.continuous)
            continue;
        for (size_t k = 0; k < end; k += end / 400 + 1)
            a.yhi = fmax(a.yhi, lr_at(&run->desc, k));
    }
    /* The top edge is the highest rate itself: its label reads as a rate,
     * and a padded one (0.56 over η = 0.5) was read as the run's.  So the
     * rate runs along that edge, with the current step's dot: the edge
     * comes down by the dot under the title, which keeps its place (on the
     * edge the title sat on schedules 2's 0.5 line, a frame review). */
    a.yhi = a.yhi > 0 ? a.yhi : 1.0;
    a.title_lift = schedule_title_lift(r);
    a.y += a.title_lift;
    a.h -= a.title_lift;
    plot_frame(r, &a, _(SCHEDULE_TITLE), _("step"));
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden || optimizer_info(run->desc.kind)->traits.continuous)
            continue;
        size_t done = run_steps(run);
        plot_series(r, &a, lr_at, &run->desc, done, end, 0.9 * r->scale,
                    render_run_color(r, i, 0.4f), false);
        plot_series(r, &a, lr_at, &run->desc, 0, done + 1, 1.2 * r->scale,
                    render_run_color(r, i, 1.0f), false);
        shapes_disc(r->shapes, plot_to_x(&a, (double)done), plot_to_y(&a, lr_at(&run->desc, done)),
                    SCHEDULE_DOT_PX * r->scale, render_run_color(r, i, 1.0f));
    }
}

/* ------------------------------------------------------------------------ */
/* Norm and direction                                                        */

typedef struct NormSeries {
    const Run *run;
    double dir[2];
} NormSeries;

static double norm_at(const void *ctx, size_t k)
{
    const RunPoint *p = &((const NormSeries *)ctx)->run->path[k];
    return hypot(p->x, p->y);
}

/* Degrees between θ_k and the max-margin direction. */
static double angle_at(const void *ctx, size_t k)
{
    const NormSeries *n = ctx;
    const RunPoint *p = &n->run->path[k];
    double norm = hypot(p->x, p->y);
    if (!(norm > 0))
        return (double)NAN;
    double c = (p->x * n->dir[0] + p->y * n->dir[1]) / norm;
    return acos(fmin(fmax(c, -1.0), 1.0)) * 180.0 / 3.14159265358979323846;
}

/* Where θ crosses the max-margin line the angle passes through 0, which
 * a log axis draws as a dip to its floor (implicit_regularization 4: at
 * step 4, below the 0.45° the run ends at, read as settling early): the
 * dip is named, a tick at its foot.  The crossing: the first update after
 * which θ lies on the line's other side. */
static void angle_crossing(Renderer *r, const PlotArea *b, const NormSeries *n, size_t count,
                           Rgba color)
{
    for (size_t k = 2; k < count; k++) {
        const RunPoint *p = &n->run->path[k - 1], *q = &n->run->path[k];
        double before = p->x * n->dir[1] - p->y * n->dir[0];
        double after = q->x * n->dir[1] - q->y * n->dir[0];
        if (!(before * after < 0))
            continue;
        double s = r->scale, x = plot_to_x(b, (double)k), foot = b->y + b->h;
        int px = render_font_px(r, PLOT_TEXT_PX);
        double pad = RENDER_LABEL_PAD * s, line = render_line_height(r, px);
        const char *text = _(ANGLE_CROSSING);
        double w = render_text_width(r, text, px) + 2.0 * pad;
        /* Right of the tick, or left of it where the area ends first. */
        double left = x + 4.0 * s + w <= b->x + b->w ? x + 4.0 * s : x - 4.0 * s - w;
        shapes_segment(r->shapes, x, foot - 0.6 * line, x, foot, 0.9 * s, color);
        render_label_at(r, text, (LayoutRect){left, foot - line - 2.0 * s, w, line}, px,
                        color);
        return;
    }
}

static void draw_norm(Renderer *r, const Scene *scene, const PlotArea *area)
{
    size_t i = scene_shown_run(scene);
    NormSeries n = {&scene->runs[i].run, {0, 0}};
    bool margin = landscape_max_margin_direction(scene->landscape, n.dir);
    size_t count = n.run->count;
    PlotArea a = *area;
    a.xlo = 1;
    a.xhi = fmax(10.0, (double)count - 1);
    a.xlog = true;
    /* The upper plot's bottom label reaches half a line under it; the
     * lower one's title band is over that. */
    double gap = 8.0 * r->scale +
                 (a.compact ? 2.0 : 1.5) * render_line_height(r, render_font_px(r, 13.0));
    if (margin)
        a.h = 0.5 * (area->h - gap);
    a.ylo = 0;
    a.yhi = 1e-9;
    double amax = 1e-3;
    size_t stride = count / 4096 + 1;
    for (size_t k = 1; k < count; k += stride) {
        double v = norm_at(&n, k), ang = angle_at(&n, k);
        a.yhi = isfinite(v) ? fmax(a.yhi, v) : a.yhi;
        amax = isfinite(ang) ? fmax(amax, ang) : amax;
    }
    /* A round top a little over the largest |θ|: 1.1 times it read
     * "1.48" over implicit_regularization 2's level of 1.34. */
    double round = axis_tick_step(0, 1.05 * a.yhi, 4);
    a.yhi = round > 0 ? ceil(1.05 * a.yhi / round) * round : 1.1 * a.yhi;
    char title[96];
    norm_title(scene, i, title, sizeof title);
    plot_frame(r, &a, title, margin ? NULL : _("step"));
    plot_series(r, &a, norm_at, &n, 1, count, 1.1 * r->scale, render_run_color(r, i, 1.0f),
                false);
    if (!margin)
        return;
    PlotArea b = a;
    b.y = a.y + a.h + gap;
    b.ylog = true;
    b.ylo = fmin(0.1, 0.5 * amax);
    for (size_t k = count > 1 ? count - 1 : 1; k < count; k++)
        b.ylo = fmin(b.ylo, 0.5 * angle_at(&n, k));
    b.ylo = fmax(b.ylo, 1e-4);
    b.yhi = fmax(amax * 1.5, 10 * b.ylo);
    plot_frame(r, &b, _(ANGLE_TITLE), _("step"));
    plot_series(r, &b, angle_at, &n, 1, count, 1.1 * r->scale, render_run_color(r, i, 1.0f),
                false);
    angle_crossing(r, &b, &n, count, render_run_color(r, i, 1.0f));
}

/* ------------------------------------------------------------------------ */
/* Distance from a point, step length                                        */

typedef struct PointSeries {
    const Run *run;
    double point[2];
} PointSeries;

static PointSeries point_series(const Scene *scene, size_t i)
{
    return (PointSeries){&scene->runs[i].run,
                         {scene->display.distance_from[0], scene->display.distance_from[1]}};
}

static double distance_at(const void *ctx, size_t k)
{
    const PointSeries *p = ctx;
    return run_distance_at(p->run, k, p->point[0], p->point[1]);
}

static double step_length_at(const void *ctx, size_t k)
{
    return run_step_length(((const PointSeries *)ctx)->run, k);
}

/* A log plot's floor under a series whose least is lo: the whole decade
 * that leaves a label's line and a gap between the floor and lo, so each
 * run's least stands above it with its value under it (draw_least).  The
 * floor at lo itself, the least of both of saddle 5's runs, was labelled
 * with GD's 0.0121 where momentum's dip to 0.0122 also met it, and read
 * as momentum's (a frame review). */
static double floor_under(Renderer *r, const PlotArea *a, double lo)
{
    double room = render_line_height(r, render_font_px(r, PLOT_TEXT_PX)) + 4.0 * r->scale;
    double e = floor(log10(lo));
    while (e > -300 && a->h * log10(lo / pow(10.0, e)) / log10(a->yhi / pow(10.0, e)) < room)
        e--;
    return pow(10.0, e);
}

/* A run's least value on a log plot: a dot at its dip and the value under
 * it in the run's colour (beside the labels before it there), so that
 * each run's nearest approach is read as its own (on a linear plot, as at
 * play 0, none: the one value was said three times). */
static void draw_least(Renderer *r, const PlotArea *a, SeriesFn f, PointSeries p, size_t first,
                       Rgba color)
{
    size_t at = first;
    double least = HUGE_VAL;
    for (size_t k = first; k < p.run->count; k++) {
        double v = f(&p, k);
        if (isfinite(v) && v > 0 && v < least)
            least = v, at = k;
    }
    /* A run that never fell below the top (at play 0, or moving away)
     * has no dip: its least is the axis's top label. */
    if (!(least < a->yhi))
        return;
    double s = r->scale, x = plot_to_x(a, (double)at), y = plot_to_y(a, least);
    int px = render_font_px(r, PLOT_TEXT_PX);
    double pad = RENDER_LABEL_PAD * s, line = render_line_height(r, px);
    char label[32];
    number_text(least, 3, label, sizeof label);
    shapes_disc(r->shapes, x, y, 2.5 * s, color);
    double w = render_text_width(r, label, px) + 2.0 * pad;
    LayoutRect want = {fmin(fmax(x - 0.5 * w, a->x), a->x + a->w - w),
                       fmin(y + 3.0 * s, a->y + a->h - line), w, line};
    plot_said(r, x, y, label);
    render_label_at(r, label, right_of_labels(r, want), px, color);
}

/* One series per run (or the one the lesson names) over the steps, on a
 * log scale when it spans more than two decades (an escape from a saddle
 * grows the distance a thousandfold; Adam's steps shrink as much). */
static void draw_run_series(Renderer *r, const Scene *scene, const PlotArea *area, SeriesFn f,
                            size_t first, const char *title, bool leasts)
{
    PlotArea a = *area;
    double lo = HUGE_VAL, hi = 0;
    size_t steps = 10;
    for (size_t i = 0; i < scene->run_count; i++) {
        if (!plotted_run(scene, i))
            continue;
        PointSeries p = point_series(scene, i);
        size_t count = p.run->count, stride = count / 4096 + 1;
        steps = run_steps(p.run) > steps ? run_steps(p.run) : steps;
        for (size_t k = first; k < count; k = k + stride < count || k + 1 >= count ? k + stride
                                                                                   : count - 1) {
            double v = f(&p, k);
            if (isfinite(v) && v > 0) {
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
        }
    }
    a.xlo = 0;
    a.xhi = (double)steps;
    a.ylog = hi > 100.0 * lo;
    /* The labelled ends are the series' own highest and lowest values, as
     * the loss plot's are: padded (x 1.5 on the log scale), welcome 3's
     * step length axis read 1.91 over a first step of 1.28, and saddle 5's
     * distance 2.25 over a start 1.5 from the saddle (a frame review).
     * Where each run's least is labelled at its dip, the floor is a whole
     * decade under them (floor_under). */
    a.ylo = a.ylog ? lo : 0.0;
    a.yhi = hi > 0 ? hi : 1.0;
    if (leasts && a.ylog)
        a.ylo = floor_under(r, &a, lo);
    char full[160];
    snprintf(full, sizeof full, "%s%s", title, a.ylog ? _(LOG_SUFFIX) : "");
    plot_frame(r, &a, full, _("step"));
    for (size_t i = 0; i < scene->run_count; i++) {
        if (!plotted_run(scene, i))
            continue;
        PointSeries p = point_series(scene, i);
        plot_series(r, &a, f, &p, first, p.run->count, 1.1 * r->scale,
                    render_run_color(r, i, 1.0f), false);
    }
    for (size_t i = 0; i < scene->run_count && leasts && a.ylog; i++)
        if (plotted_run(scene, i))
            draw_least(r, &a, f, point_series(scene, i), first, render_run_color(r, i, 1.0f));
}

static void draw_distance(Renderer *r, const Scene *scene, const PlotArea *area)
{
    char title[96];
    snprintf(title, sizeof title, _(DISTANCE_TITLE), scene->display.distance_from[0],
             scene->display.distance_from[1]);
    draw_run_series(r, scene, area, distance_at, 0, title, true);
}

static void draw_step_size(Renderer *r, const Scene *scene, const PlotArea *area)
{
    draw_run_series(r, scene, area, step_length_at, 1, _(STEP_SIZE_TITLE), false);
}

static bool dynamics_shown(const Scene *scene)
{
    return scene->display.plot != SCENE_PLOT_NONE && scene->run_count > 0;
}

/* The norm plot on separable logreg has a second plot: the angle. */
static bool two_plots(const Scene *scene)
{
    return scene->display.plot == SCENE_PLOT_NORM &&
           landscape_max_margin_direction(scene->landscape, (double[2]){0, 0});
}

/* The height of the sharpness plot's row for its 2/η note, under its step
 * labels (none in the other plots). */
static double note_row(Renderer *r, const Scene *scene)
{
    return scene->display.plot == SCENE_PLOT_SHARPNESS
               ? render_line_height(r, render_font_px(r, 12.0)) + 2.0 * r->scale
               : 0.0;
}

/* The room left of the plotting area for the values' labels: the margin
 * at the text's size, as the text may be drawn larger than the frame's
 * scale (render.h's least text size: at 960x600 the label 1.34e-07 pushed
 * welcome 3's title off the panel). */
static double axis_margin(Renderer *r)
{
    return fmax(DYN_AXIS_MARGIN * r->scale,
                DYN_AXIS_MARGIN * render_font_px(r, PLOT_TEXT_PX) / PLOT_TEXT_PX);
}

/* The plotting area a sharpness plot asks for where the landscape's minima's
 * λmax differ tenfold, so that it may be drawn on a log scale over their
 * decades and a factor 4 either side (draw_sharpness): a line for each
 * factor 4, so that values that far apart stand a line apart.  sharp_flat
 * 6 at 960x540 had 49 px for its three decades, its λmax 1.65 10 px under
 * its 2/η = 6.67.  0 where the minima do not differ so. */
static double log_levels_area(const Scene *scene, double line)
{
    double levels[LANDSCAPE_MAX_MINIMA];
    size_t count = minima_levels(scene, levels);
    if (count < 2 || !(levels[count - 1] > 10.0 * levels[0]))
        return 0;
    return line * log(16.0 * levels[count - 1] / levels[0]) / log(4.0);
}

/* The width of a title with the log scale's suffix, measured whole as it
 * is drawn: in two pieces it came 1.5 px short at 960x540, and saddle 5's
 * title ran past its plot (review, issue 12). */
static double logged_title_width(Renderer *r, const char *title, int px)
{
    char full[192];
    snprintf(full, sizeof full, "%s%s", title, _(LOG_SUFFIX));
    return render_text_width(r, full, px);
}

/* How much further right than axis_margin a plot's area, and its title,
 * start where its value labels are as long as a step length's get
 * ("8.88e-88", plot_make_room): welcome 3's "step length |θₖ − θₖ₋₁| per
 * update (log)", moved right by "2.01e-07", ended 1.5 px from its panel's
 * edge at 960x540. */
static double long_label_shift(Renderer *r)
{
    int px = render_font_px(r, PLOT_TEXT_PX);
    return fmax(0.0, 10.0 * r->scale + render_text_width(r, "8.88e-88", px) - axis_margin(r));
}

LayoutRequest render_dynamics_need(Renderer *r, const Scene *scene, bool compact)
{
    if (!dynamics_shown(scene))
        return (LayoutRequest){.shown = false};
    double s = r->scale;
    int px = render_font_px(r, 13.0);
    double line = render_line_height(r, px);
    char title[128];
    double text_w = 0, label_w = 0, named_w = 0;
    int small_px = render_font_px(r, 12.0);
    switch (scene->display.plot) {
    case SCENE_PLOT_SHARPNESS: {
        sharpness_title(scene, title, sizeof title);
        text_w = logged_title_width(r, title, px);
        /* Room beside the title for the minima's names, which draw_sharpness
         * gives where the title stays whole over the area: "minimum: λmax
         * 1.65" left sharp_flat 6's title at 960x540 no room, and the bare
         * values said nothing (compact: the short names). */
        double levels[LANDSCAPE_MAX_MINIMA];
        for (size_t k = 0, n = minima_levels(scene, levels); k < n; k++) {
            char name[48];
            minimum_label(levels, n, k, compact ? LEVEL_SHORT : LEVEL_NAMED, name, sizeof name);
            named_w = fmax(named_w, render_text_width(r, name, px));
        }
        /* The widest labels: a long number, or one line per run. */
        if (compact)
            snprintf(title, sizeof title, EDGE_LABEL_SHORT, "-8.88e-88");
        else
            snprintf(title, sizeof title, EDGE_LABEL, "-8.88e-88", _(GD_EDGE));
        label_w = render_text_width(r, title, small_px);
        snprintf(title, sizeof title, compact ? _(EACH_EDGE_LABEL_SHORT) : _(EACH_EDGE_LABEL),
                 _(GD_EDGE));
        label_w = fmax(label_w, render_text_width(r, title, small_px));
        break;
    }
    case SCENE_PLOT_SCHEDULE:
        text_w = render_text_width(r, _(SCHEDULE_TITLE), px);
        break;
    case SCENE_PLOT_DISTANCE:
        snprintf(title, sizeof title, _(DISTANCE_TITLE), scene->display.distance_from[0],
                 scene->display.distance_from[1]);
        text_w = logged_title_width(r, title, px);
        break;
    case SCENE_PLOT_STEP_SIZE:
        /* Compact, the title runs across the panel from its left. */
        text_w = logged_title_width(r, _(STEP_SIZE_TITLE), px) +
                 (compact ? 0.0 : long_label_shift(r));
        break;
    default:
        norm_title(scene, scene_shown_run(scene), title, sizeof title);
        text_w = fmax(render_text_width(r, title, px), render_text_width(r, _(ANGLE_TITLE), px));
        break;
    }
    int areas = two_plots(scene) ? 2 : 1;
    /* Labels lie in the area; a title over it, or (compact) across the
     * panel from its left, half a line higher to clear the axis's top
     * label. */
    double axes = axis_margin(r) + DYN_RIGHT_MARGIN * s;
    double min_w = compact ? fmax(axes + label_w, DYN_TITLE_PAD * s + text_w + DYN_RIGHT_MARGIN * s)
                           : axes + fmax(label_w, PLOT_TITLE_INDENT * s + text_w);
    /* Each area has its title above and its step labels under it; the
     * sharpness plot its note's row under those. */
    double min_h = areas * (LAYOUT_PLOT_AREA_LEAST * s + (compact ? 2.5 : 2.0) * line + 8.0 * s) +
                   10.0 * s + note_row(r, scene);
    if (scene->display.plot == SCENE_PLOT_SCHEDULE)
        min_h += schedule_title_lift(r);
    double h = DYN_HEIGHT * s * (areas == 2 ? 1.6 : 1.0);
    if (scene->display.plot == SCENE_PLOT_SHARPNESS)
        h = fmax(h, min_h + log_levels_area(scene, line) - LAYOUT_PLOT_AREA_LEAST * s);
    /* A lesson's range runs from 0 so its steps compare the whole story,
     * and the caption reads a share of 2/η off it: at DYN_HEIGHT
     * edge_of_stability 2's area was 50 px at 960x540, its "within 12 %
     * of 2/η" 5 px.  Only in a frame LESSON_RANGE_FRAME such plots high:
     * at 1280x720 --projector the taller ask cost the map a third of its
     * height and put its key on the path. */
    if (r->height >= LESSON_RANGE_FRAME * DYN_HEIGHT * s &&
        scene->display.plot == SCENE_PLOT_SHARPNESS &&
        scene->display.sharpness_range[1] > scene->display.sharpness_range[0])
        h *= LESSON_RANGE_HEIGHT;
    /* Compact, the short names beside a plot whose step labels (up to
     * four digits) stand apart: at 1280x720 --projector sharp_flat 4's
     * "极小值处 λmax 100" left "步数" over "600". */
    if (named_w > 0 && compact)
        min_w = fmax(min_w, (10.0 + DYN_RIGHT_MARGIN) * s + named_w +
                                step_row_width(r, &(PlotArea){.xhi = 9999}, _("step")));
    double w = fmax(DYN_WIDTH * s, min_w);
    if (named_w > 0 && !compact)
        w = fmax(w, (10.0 + PLOT_TITLE_INDENT + DYN_RIGHT_MARGIN) * s + named_w + text_w);
    return (LayoutRequest){true, w, fmax(h, min_h), min_w, min_h, false};
}

bool render_sharpness_to_y(const Renderer *r, double value, double *py)
{
    if (!r->sharpness_drawn)
        return false;
    *py = plot_to_y(&r->sharpness_area, value);
    return true;
}

bool render_sharpness_step_x(const Renderer *r, double step, double *px)
{
    if (!r->sharpness_drawn)
        return false;
    *px = plot_to_x(&r->sharpness_area, step);
    return true;
}

void render_dynamics_plot(Renderer *r, const Scene *scene, LayoutRect rect)
{
    r->sharpness_drawn = false;
    if (!dynamics_shown(scene))
        return;
    double s = r->scale;
    render_panel(r, rect);
    double line = render_line_height(r, render_font_px(r, 13.0));
    bool compact = r->layout.compact[LAYOUT_DYNAMICS];
    double title_h = (compact ? 1.5 : 1.0) * line;
    PlotArea area = {.x = rect.x + axis_margin(r), .y = rect.y + title_h + 10.0 * s,
                     .w = rect.w - axis_margin(r) - DYN_RIGHT_MARGIN * s,
                     .h = rect.h - title_h - line - 18.0 * s,
                     .left = rect.x,
                     .title_x = compact ? rect.x + DYN_TITLE_PAD * s : rect.x + axis_margin(r),
                     .compact = compact};
    area.h -= note_row(r, scene);
    switch (scene->display.plot) {
    case SCENE_PLOT_SHARPNESS:
        draw_sharpness(r, scene, &area);
        break;
    case SCENE_PLOT_SCHEDULE:
        draw_schedules(r, scene, &area);
        break;
    case SCENE_PLOT_NORM:
        draw_norm(r, scene, &area);
        break;
    case SCENE_PLOT_DISTANCE:
        draw_distance(r, scene, &area);
        break;
    case SCENE_PLOT_STEP_SIZE:
        draw_step_size(r, scene, &area);
        break;
    default:
        break;
    }
}

/* ------------------------------------------------------------------------ */
/* Effective step per coordinate                                             */

/* A box's outline: its four sides, half wide. */
static void outline(Renderer *r, LayoutRect box, double half, Rgba color)
{
    const double corner[5][2] = {{box.x, box.y},
                                 {box.x + box.w, box.y},
                                 {box.x + box.w, box.y + box.h},
                                 {box.x, box.y + box.h},
                                 {box.x, box.y}};
    for (int k = 0; k < 4; k++)
        shapes_segment(r->shapes, corner[k][0], corner[k][1], corner[k + 1][0], corner[k + 1][1],
                       half, color);
}

/* How far apart rectangles a and b lie (0 when they touch or overlap). */
static double rect_gap(LayoutRect a, LayoutRect b)
{
    double dx = fmax(0.0, fmax(b.x - (a.x + a.w), a.x - (b.x + b.w)));
    double dy = fmax(0.0, fmax(b.y - (a.y + a.h), a.y - (b.y + b.h)));
    return hypot(dx, dy);
}

/* An effective-step box's label (64 bytes) and its text's place beside the
 * box: with words, "step/grad: x …, y …"; whether the words held, else
 * (and without words) the numbers alone "x …, y …".  The words do not hold
 * where they would take over nine tenths of the map's width (adaptive 3
 * and 4 in the window at 1280x720 --projector: a map 319 pixels wide held
 * no three such labels apart), lie on something kept clear (1366x768
 * --projector: Adam's lay on AdaGrad's head), or lie far from the box
 * where the numbers lie nearer (adaptive 3 at 960x540: Adam's 53 pixels
 * above its head, beside an empty minimum). */
static bool place_effective_label(Renderer *r, const Scene *scene, const Viewport *vp,
                                  LayoutRect box, const double eff[2], bool words, char *label,
                                  LayoutRect *text)
{
    int px = render_font_px(r, 12.0);
    double s = r->scale, pad = RENDER_LABEL_PAD * s;
    double cx = box.x + 0.5 * box.w, cy = box.y + 0.5 * box.h;
    char numbers[64];
    snprintf(numbers, sizeof numbers, _(EFFECTIVE_STEP_NUMBERS), eff[0], eff[1]);
    LayoutRect near = render_label_beside(r, scene, vp, cx, cy, numbers, px);
    memcpy(label, numbers, sizeof numbers);
    *text = near;
    if (!words)
        return false;
    char worded[64];
    snprintf(worded, sizeof worded, _(EFFECTIVE_STEP_LABEL), eff[0], eff[1]);
    if (render_text_width(r, worded, px) + 2.0 * pad > 0.9 * render_visible_map(r, vp).w)
        return false;
    LayoutRect at = render_label_beside(r, scene, vp, cx, cy, worded, px);
    if (render_on_kept_clear(r, (LayoutRect){at.x - pad, at.y, at.w + 2.0 * pad, at.h}))
        return false;
    if (rect_gap(at, box) > EFFECTIVE_LABEL_FAR * s && rect_gap(near, box) < rect_gap(at, box))
        return false;
    memcpy(label, worded, sizeof worded);
    *text = at;
    return true;
}

void render_effective_steps(Renderer *r, const Scene *scene, const Viewport *vp)
{
    if (!scene->display.effective_step)
        return;
    double s = r->scale, eff[SCENE_MAX_RUNS][2], largest = 0;
    bool has[SCENE_MAX_RUNS] = {false};
    for (size_t i = 0; i < scene->run_count; i++) {
        const SceneRun *sr = &scene->runs[i];
        has[i] = !sr->hidden && sr->run.status == RUN_ACTIVE &&
                 optimizer_effective_lr(&sr->run.desc, &sr->run.state, eff[i]) &&
                 isfinite(eff[i][0]) && isfinite(eff[i][1]);
        if (has[i])
            largest = fmax(largest, fmax(eff[i][0], eff[i][1]));
    }
    if (!(largest > 0))
        return;
    int px = render_font_px(r, 12.0);
    double at[SCENE_MAX_RUNS][2], half[SCENE_MAX_RUNS][2], apart[SCENE_MAX_RUNS];
    LayoutRect boxes[SCENE_MAX_RUNS], map = render_visible_map(r, vp);
    bool shown[SCENE_MAX_RUNS] = {false};
    size_t drawn = 0;
    /* One factor for every box of the frame, so each box lies whole on
     * the map (adaptive 3 and 4 at 1280x720 --projector: boxes 96 pixels
     * high and more on a map 232 high ran past its top and bottom, their
     * ends unseen).  The boxes' sides are already relative to the
     * frame's largest step per gradient (its numbers are in the labels),
     * so shrinking all alike keeps every comparison a student reads; a
     * box clipped at the edge would look smaller than it is. */
    double fit = 1.0, c = 2.4 * s;
    for (size_t i = 0; i < scene->run_count; i++) {
        if (!has[i])
            continue;
        RunPoint head = run_head(&scene->runs[i].run);
        double cx, cy;
        viewport_to_pixel(vp, head.x, head.y, &cx, &cy);
        if (cx < vp->x || cy < vp->y || cx > vp->x + vp->width || cy > vp->y + vp->height)
            continue;
        /* Boxes of runs at one place grow apart, each outline around the
         * ones before. */
        at[drawn][0] = cx;
        at[drawn][1] = cy;
        apart[i] = EFFECTIVE_BOX_APART * s * layout_same_place(at, drawn++, 2.0 * s);
        half[i][0] = fmax(EFFECTIVE_BOX_PX * s * eff[i][0] / largest, 2.0 * s);
        half[i][1] = fmax(EFFECTIVE_BOX_PX * s * eff[i][1] / largest, 2.0 * s);
        double room_x = fmin(cx - map.x, map.x + map.w - cx) - apart[i] - c;
        double room_y = fmin(cy - map.y, map.y + map.h - cy) - apart[i] - c;
        fit = fmin(fit, fmin(room_x / half[i][0], room_y / half[i][1]));
        boxes[i] = (LayoutRect){cx, cy, 0, 0};
        shown[i] = true;
    }
    /* A head at the map's very edge leaves no room: its box keeps the
     * least size rather than every box vanishing. */
    fit = fmax(fit, 0.1);
    for (size_t i = 0; i < scene->run_count; i++) {
        if (!shown[i])
            continue;
        double cx = boxes[i].x, cy = boxes[i].y;
        double hx = fmax(fit * half[i][0], 2.0 * s) + apart[i];
        double hy = fmax(fit * half[i][1], 2.0 * s) + apart[i];
        boxes[i] = (LayoutRect){cx - hx, cy - hy, 2.0 * hx, 2.0 * hy};
        r->effective_boxes[r->effective_box_count++] = boxes[i];
        outline(r, boxes[i], 2.4 * s, r->theme->casing);
        outline(r, boxes[i], 1.3 * s, render_run_color(r, i, 1.0f));
        /* Each outline's four sides (with their casing) kept clear, so no
         * label lies across one (adaptive 4: Adam's box through RMSProp's
         * numbers); a label may lie inside a box. */
        LayoutRect b = boxes[i];
        render_keep_clear(r, (LayoutRect){b.x - c, b.y - c, b.w + 2.0 * c, 2.0 * c});
        render_keep_clear(r, (LayoutRect){b.x - c, b.y + b.h - c, b.w + 2.0 * c, 2.0 * c});
        render_keep_clear(r, (LayoutRect){b.x - c, b.y - c, 2.0 * c, b.h + 2.0 * c});
        render_keep_clear(r, (LayoutRect){b.x + b.w - c, b.y - c, 2.0 * c, b.h + 2.0 * c});
    }
    /* Every box's label in one form (adaptive 3 at 960x540 and 1280x720
     * --projector: RMSProp's and AdaGrad's said "step/grad: x …", Adam's
     * "x …" alone, and the boxes did not read alike): the words where each
     * label holds them, tried in order with the ones before kept clear,
     * else the numbers alone for all. */
    size_t labels_before = r->label_count;
    bool words = true;
    for (size_t i = 0; i < scene->run_count && words; i++) {
        if (!shown[i])
            continue;
        char label[64];
        LayoutRect text;
        words = place_effective_label(r, scene, vp, boxes[i], eff[i], true, label, &text);
        render_keep_clear(r, (LayoutRect){text.x - RENDER_LABEL_PAD * s, text.y,
                                          text.w + 2.0 * RENDER_LABEL_PAD * s, text.h});
    }
    r->label_count = labels_before;
    for (size_t i = 0; i < scene->run_count; i++) {
        if (!shown[i])
            continue;
        char label[64];
        double pad = RENDER_LABEL_PAD * s;
        LayoutRect text;
        place_effective_label(r, scene, vp, boxes[i], eff[i], words, label, &text);
        double cx = boxes[i].x + 0.5 * boxes[i].w, cy = boxes[i].y + 0.5 * boxes[i].h;
        /* The run's colour toward the theme's text: a dark run colour on
         * the translucent label panel over a mid-toned map was barely
         * legible (AdaGrad's bluish green in adaptive 4). */
        Rgba run = render_run_color(r, i, 1.0f), ink = theme_label_ink(r->theme, run);
        /* Led to the head where it stands off the box: adaptive 4 at
         * 1280x720 --projector had Adam's label 30 pixels off its box,
         * by the map's top edge, tied to it by nothing. */
        if (rect_gap(text, boxes[i]) > EFFECTIVE_LABEL_FAR * s)
            render_label_leader(r, cx, cy, text);
        /* Just there: render_label would move one that lies on another
         * box (where none was clear), maybe off the map. */
        LayoutRect placed = {text.x - pad, text.y, text.w + 2.0 * pad, text.h};
        render_label_at(r, label, placed, px, ink);
        /* Framed in the run's colour, like its box, inside the label's
         * panel (one at the map's edge kept its whole frame: adaptive 4 in
         * Chinese at 1920x1080 lost the right side at the frame's edge). */
        double f = 0.9 * s;
        outline(r, (LayoutRect){placed.x + f, placed.y + f, placed.w - 2.0 * f, placed.h - 2.0 * f},
                f, run);
    }
}
