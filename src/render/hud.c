/* hud.c — panels and text over the landscape: legend, status, hover
 * readout, loss-versus-step plot, notice and help overlay. */
#include "render_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/curvature.h"
#include "scene/loss_scale.h"
#include "text_wrap.h"


#define BODY_PX 15.0
#define SMALL_PX 13.0
#define TITLE_PX 20.0
#define LEGEND_MAX_LINES (SCENE_MAX_RUNS + 1)

static void panel(Renderer *r, double x, double y, double w, double h)
{
    shapes_rect(r->shapes, x, y, w, h, r->theme->panel);
}

/* Copies text into dest, cut at a character boundary and ended with "…"
 * when it would be wider than max_width at px pixels. */
static void fit_text(Renderer *r, const char *text, int px, double max_width, char *dest,
                     size_t size)
{
    snprintf(dest, size, "%s", text);
    size_t len = strlen(dest);
    while (len > 0 && render_text_width(r, dest, px) > max_width) {
        size_t cut = len > 8 ? len - len / 8 : len - 1;
        while (cut > 0 && ((unsigned char)dest[cut] & 0xC0) == 0x80)
            cut--;
        if (cut + sizeof "…" > size)
            break;
        memcpy(dest + cut, "…", sizeof "…");
        len = cut;
    }
}

/* ------------------------------------------------------------------------ */
/* Legend                                                                    */

/* The landscape's formula: for expr, the user's own expression rather than
 * the kind's description of what an expression is. */
static const char *formula_of(const Landscape *landscape)
{
    static const char expr_prefix[] = "expr:";
    const char *spec = landscape_spec(landscape);
    if (strncmp(spec, expr_prefix, strlen(expr_prefix)) == 0)
        return spec + strlen(expr_prefix);
    size_t count;
    const LandscapeInfo *kinds = landscape_kinds(&count);
    for (size_t i = 0; i < count; i++)
        if (strcmp(kinds[i].name, landscape_name(landscape)) == 0)
            return kinds[i].formula;
    return "";
}

/* "cosine", "warm-up" (constant after a warm-up), or "" for a constant lr. */
static const char *schedule_label(const ScheduleDesc *schedule)
{
    if (schedule->kind != SCHEDULE_CONSTANT)
        return schedule_name(schedule->kind);
    return schedule->warmup > 0 ? "warm-up" : "";
}

/* A sweep's run goes by its value of the swept parameter ("lr = 0.000356",
 * read from its spec: a changed run shows its new value); others by spec. */
static void run_name(const Scene *scene, size_t i, char *dest, size_t size)
{
    const char *spec = scene->runs[i].run.desc.spec;
    Spec parsed;
    if (i < scene->sweep.count && spec_parse(spec, true, &parsed, NULL))
        for (int k = 0; k < parsed.count; k++)
            if (strcmp(parsed.items[k].key, scene->sweep.param) == 0) {
                snprintf(dest, size, "%s = %.3g", scene->sweep.param,
                         strtod(parsed.items[k].value, NULL));
                return;
            }
    snprintf(dest, size, "%s", spec);
}

static void run_line(const Scene *scene, size_t i, char *dest, size_t size)
{
    const SceneRun *sr = &scene->runs[i];
    const Run *run = &sr->run;
    char name[SWEEP_SPEC_MAX];
    run_name(scene, i, name, sizeof name);
    int n = snprintf(dest, size, "%zu  %s   ", i + 1, name);
    if (n < 0 || (size_t)n >= size)
        return;
    if (run->status == RUN_DIVERGED)
        snprintf(dest + n, size - (size_t)n, "diverged at step %zu", run_steps(run));
    else if (run->status == RUN_STALLED)
        snprintf(dest + n, size - (size_t)n, "stalled at step %zu", run_steps(run));
    else
        snprintf(dest + n, size - (size_t)n, "L %.4g   step %zu   lr %.3g%s%s",
                 run_head(run).loss, run_steps(run), scene_run_lr(scene, i),
                 schedule_label(&run->desc.schedule)[0] ? " " : "",
                 schedule_label(&run->desc.schedule));
    if (sr->hidden) {
        size_t len = strlen(dest);
        snprintf(dest + len, size - len, "   (hidden)");
    }
}

/* The playback state, the colour scale and where help is; a recording
 * gets the colour scale alone (its keys do nothing in a video). */
static void status_line(const Renderer *r, const Scene *scene, char *dest, size_t size)
{
    if (r->audience == RENDER_FOR_RECORDING) {
        snprintf(dest, size, "%s%s", colormap_name(scene->display.colormap),
                 scene->display.log_scale ? ", log scale" : "");
        return;
    }
    char playing[96];
    if (scene->playing)
        snprintf(playing, sizeof playing, "playing %.4g steps/s (speed ×%.4g)",
                 SCENE_STEPS_PER_SECOND * scene->speed, scene->speed);
    else
        snprintf(playing, sizeof playing, "paused (Space plays, . steps)");
    snprintf(dest, size, "%s   ·   %s%s   ·   h: help", playing,
             colormap_name(scene->display.colormap),
             scene->display.log_scale ? ", log scale" : "");
}

/* The landscape's spec as the legend shows it: a data= file by its name
 * alone (a lesson's data file is resolved to a full path, which says
 * nothing to the class and can fill the panel). */
static void shown_spec(const char *spec, char *dest, size_t size)
{
    const char *data = strstr(spec, "data=");
    if (!data) {
        snprintf(dest, size, "%s", spec);
        return;
    }
    const char *path = data + strlen("data="), *end = strchr(path, ',');
    size_t length = end ? (size_t)(end - path) : strlen(path);
    const char *name = path;
    for (const char *p = path; p < path + length; p++)
        if (*p == '/')
            name = p + 1;
    snprintf(dest, size, "%.*s%.*s%s", (int)(path - spec), spec,
             (int)(length - (size_t)(name - path)), name, end ? end : "");
}

/* Top left: the landscape, its formula, one line per run, the status. */
static void draw_legend(Renderer *r, const Scene *scene)
{
    double s = r->scale, pad = 10.0 * s, x = 12.0 * s, y = 12.0 * s;
    int px = render_font_px(r, BODY_PX), title_px = render_font_px(r, BODY_PX + 2),
        small_px = render_font_px(r, SMALL_PX);
    double line = text_line_height(r->text, px), swatch = 16.0 * s;
    double title_h = text_line_height(r->text, title_px),
           small_h = text_line_height(r->text, small_px);
    char full[400], formula[400], status[256], lines[SCENE_MAX_RUNS][400];
    double max_width = r->width - 2 * x - 2 * pad - swatch;
    snprintf(full, sizeof full, "L = %s", formula_of(scene->landscape));
    fit_text(r, full, small_px, max_width, formula, sizeof formula);
    status_line(r, scene, status, sizeof status);
    /* A lesson's title heads the panel. */
    char lesson_title[SCENE_TITLE_MAX];
    int lesson_px = render_font_px(r, TITLE_PX);
    fit_text(r, scene->title, lesson_px, max_width + swatch, lesson_title, sizeof lesson_title);
    double lesson_h = lesson_title[0] ? text_line_height(r->text, lesson_px) : 0.0;
    char spec[400];
    shown_spec(landscape_spec(scene->landscape), spec, sizeof spec);
    double width = fmax(render_text_width(r, spec, title_px),
                        fmax(render_text_width(r, formula, small_px),
                             render_text_width(r, status, small_px)));
    width = fmax(width, render_text_width(r, lesson_title, lesson_px));
    /* A sweep names its run and range above its runs, with its colour scale. */
    char sweep[400] = "";
    double sweep_h = 0, bar_w = 90.0 * s;
    if (scene->sweep.count > 0) {
        const Sweep *w = &scene->sweep;
        snprintf(full, sizeof full, "%s   %s from %.3g to %.3g, %s", w->base, w->param,
                 w->values[0], w->values[w->count - 1], w->linear ? "linear" : "log-spaced");
        fit_text(r, full, small_px, max_width - bar_w, sweep, sizeof sweep);
        sweep_h = small_h + 0.25 * pad;
        width = fmax(width, render_text_width(r, sweep, small_px) + 8.0 * s + bar_w);
    }
    for (size_t i = 0; i < scene->run_count; i++) {
        run_line(scene, i, full, sizeof full);
        fit_text(r, full, px, max_width, lines[i], sizeof lines[i]);
        width = fmax(width, swatch + render_text_width(r, lines[i], px));
    }
    double height = lesson_h + title_h + small_h + sweep_h + (double)scene->run_count * line +
                    small_h + 2.5 * pad;
    panel(r, x, y, width + 2 * pad, height);
    double ty = y + pad;
    if (lesson_title[0])
        render_text(r, lesson_title, x + pad, ty, lesson_px, ALIGN_LEFT, r->theme->text);
    ty += lesson_h;
    render_text(r, spec, x + pad, ty, title_px, ALIGN_LEFT, r->theme->text);
    ty += title_h;
    render_text(r, formula, x + pad, ty, small_px, ALIGN_LEFT, r->theme->dim);
    ty += small_h + 0.25 * pad;
    if (sweep[0]) {
        double tw = render_text(r, sweep, x + pad, ty, small_px, ALIGN_LEFT, r->theme->text);
        enum { STEPS = 24 };
        double bx = x + pad + tw + 8.0 * s, by = ty + 0.5 * small_h - 4.0 * s;
        for (int k = 0; k < STEPS; k++)
            shapes_rect(r->shapes, bx + bar_w * k / STEPS, by, bar_w / STEPS + 0.5, 8.0 * s,
                        render_sweep_color(r, scene, (k + 0.5) / STEPS));
        ty += sweep_h;
    }
    for (size_t i = 0; i < scene->run_count; i++, ty += line) {
        const SceneRun *sr = &scene->runs[i];
        double cx = x + pad + 6.0 * s, cy = ty + 0.5 * line;
        shapes_disc(r->shapes, cx, cy, 5.0 * s, render_run_color(r, i, sr->hidden ? 0.4f : 1.0f));
        if (i == scene->selected)
            shapes_ring(r->shapes, cx, cy, 8.0 * s, 1.0 * s, r->theme->text);
        Rgba color = sr->hidden                     ? r->theme->dim
                     : sr->run.status != RUN_ACTIVE ? r->theme->warn
                                                    : r->theme->text;
        render_text(r, lines[i], x + pad + swatch, ty, px, ALIGN_LEFT, color);
    }
    render_text(r, status, x + pad, ty + 0.25 * pad, small_px, ALIGN_LEFT, r->theme->dim);
}

/* ------------------------------------------------------------------------ */
/* Hover readout (top right)                                               */

static void draw_readout(Renderer *r, const Scene *scene, double top)
{
    if (!scene->hover_valid)
        return;
    double s = r->scale, pad = 10.0 * s, x = 12.0 * s;
    int px = render_font_px(r, SMALL_PX);
    double line = text_line_height(r->text, px);
    PointCurvature c;
    curvature_at(scene->landscape, scene->hover.x, scene->hover.y, &c);
    char lines[5][200];
    int count = 0;
    snprintf(lines[count++], sizeof lines[0], "θ = (%.5g, %.5g)", scene->hover.x, scene->hover.y);
    snprintf(lines[count++], sizeof lines[0], "L(θ) = %.6g", c.value);
    snprintf(lines[count++], sizeof lines[0], "∇L = (%.4g, %.4g)   |∇L| = %.4g", c.grad[0],
             c.grad[1], c.grad_norm);
    snprintf(lines[count++], sizeof lines[0], "Hessian eigenvalues  λ = %.4g, %.4g", c.eig[0],
             c.eig[1]);
    if (scene->run_count > 0) {
        double lr = scene_run_lr(scene, scene->selected);
        GdStability gd = curvature_gd_stability(lr, c.eig[1]);
        snprintf(lines[count++], sizeof lines[0], "run %zu: lr %.4g   2/lr = %.4g   lr·λmax = %.3g%s",
                 scene->selected + 1, lr, gd.threshold, gd.lr_lambda,
                 gd.overshoots ? "  > 2: a GD step overshoots here" : "");
    }
    double w = 0;
    for (int i = 0; i < count; i++)
        w = fmax(w, render_text_width(r, lines[i], px));
    /* Top right, away from the caption and the plot at the bottom. */
    double h = count * line + 2 * pad, y = top;
    x = r->width - 12.0 * s - w - 2 * pad;
    panel(r, x, y, w + 2 * pad, h);
    for (int i = 0; i < count; i++)
        render_text(r, lines[i], x + pad, y + pad + i * line, px, ALIGN_LEFT, r->theme->text);
}

/* ------------------------------------------------------------------------ */
/* Loss versus step (bottom right)                                           */

/* Samples per pixel column of a long run. */
#define PLOT_COLUMN_SAMPLES 64

/* Per pixel column, the lowest and highest value of the run's points
 * first..last-1 there, so oscillations show as a band instead of aliasing
 * away.  Where the run is above the range it is drawn up to the top edge
 * and broken off (loss_scale_exit's marker says where), not clamped into
 * a flat line along the top. */
static void plot_run(Renderer *r, const Run *run, size_t first, size_t last, const LossScale *p,
                     double x0, double y0, double w, double h, Rgba color)
{
    int columns = (int)w;
    double prev_x = 0, prev_y = 0;
    bool has_prev = false;
    size_t k = first;
    for (int c = 0; c < columns && k < last; c++) {
        size_t end = (size_t)((double)(c + 1) / columns * (double)p->steps) + 1;
        if (end <= k)
            continue;
        double lo = (double)INFINITY, hi = -(double)INFINITY;
        size_t stop = end < last ? end : last;
        size_t stride = stop > k ? loss_sample_stride(stop - k, PLOT_COLUMN_SAMPLES) : 1;
        for (; k < stop; k += stride) {
            double v = loss_scale_value(p, run->path[k].loss);
            if (isfinite(v)) {
                lo = fmin(lo, v);
                hi = fmax(hi, v);
            }
        }
        k = k > stop ? stop : k;
        if (!(lo <= hi))
            continue;
        double x = x0 + c + 0.5;
        if (lo > p->hi) {
            if (has_prev)
                shapes_segment(r->shapes, prev_x, prev_y, x, y0, 0.9 * r->scale, color);
            has_prev = false;
            continue;
        }
        lo = fmin(fmax(lo, p->lo), p->hi);
        hi = fmin(fmax(hi, p->lo), p->hi);
        double ylo = y0 + h - (lo - p->lo) / (p->hi - p->lo) * h;
        double yhi = y0 + h - (hi - p->lo) / (p->hi - p->lo) * h;
        if (has_prev)
            shapes_segment(r->shapes, prev_x, prev_y, x, ylo, 0.9 * r->scale, color);
        if (yhi < ylo - 1)
            shapes_segment(r->shapes, x, ylo, x, yhi, 0.6 * r->scale, color);
        prev_x = x;
        prev_y = ylo;
        has_prev = true;
    }
}

/* Whether the frame has room for the plot (and the colour bar). */
static bool plot_fits(const Renderer *r)
{
    return 360.0 * r->scale <= 0.45 * r->width && 200.0 * r->scale <= 0.4 * r->height;
}

/* Where the plot lies: its panel (x, y, w, h) and the plotting area inside
 * it (ix, iy, iw, ih), in the frame's pixels. */
typedef struct PlotBox {
    double x, y, w, h;
    double ix, iy, iw, ih;
} PlotBox;

static PlotBox plot_box(const Renderer *r)
{
    double s = r->scale;
    double line = text_line_height(r->text, render_font_px(r, SMALL_PX));
    PlotBox b = {.w = 360.0 * s, .h = 200.0 * s};
    b.x = r->width - 12.0 * s - b.w;
    b.y = r->height - 12.0 * s - b.h;
    b.ix = b.x + 58.0 * s;
    b.iy = b.y + line + 10.0 * s;
    b.iw = b.w - 58.0 * s - 12.0 * s;
    b.ih = b.h - (b.iy - b.y) - line - 10.0 * s;
    return b;
}

bool render_plot_step_at(const Renderer *r, const Scene *scene, double px, double py,
                         size_t *step)
{
    if (r->width == 0 || !plot_fits(r))
        return false;
    PlotBox b = plot_box(r);
    if (px < b.x || px > b.x + b.w || py < b.y || py > b.y + b.h)
        return false;
    double t = fmin(1.0, fmax(0.0, (px - b.ix) / b.iw));
    *step = (size_t)lround(t * (double)loss_scale_of(scene).steps);
    return true;
}

/* Where each run's parameters changed: a tick in its colour across the
 * plot, and the shown update as a line with its number when the runs are
 * rewound (points after it drawn faint). */
static void plot_timeline(Renderer *r, const Scene *scene, const LossScale *p, const PlotBox *b,
                          int px)
{
    double s = r->scale;
    bool rewound = false;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden)
            continue;
        rewound |= run->count < run->known;
        for (size_t c = 0; c < run->changes.count; c++) {
            double x = b->ix + (double)run->changes.items[c].step / (double)p->steps * b->iw;
            shapes_segment(r->shapes, x, b->iy, x, b->iy + b->ih, 0.6 * s,
                           render_run_color(r, i, 0.45f));
            shapes_segment(r->shapes, x, b->iy + b->ih - 7.0 * s, x, b->iy + b->ih, 1.6 * s,
                           render_run_color(r, i, 1.0f));
        }
    }
    if (!rewound)
        return;
    size_t shown = scene_shown_step(scene);
    double x = b->ix + (double)shown / (double)p->steps * b->iw;
    shapes_segment(r->shapes, x, b->iy, x, b->iy + b->ih, 1.0 * s, r->theme->text);
    char label[48];
    snprintf(label, sizeof label, "step %zu", shown);
    bool left = x - b->ix > 0.5 * b->iw;
    render_text(r, label, left ? x - 4.0 * s : x + 4.0 * s, b->iy, px,
                left ? ALIGN_RIGHT : ALIGN_LEFT, r->theme->text);
}

/* Where a run leaves the plot at the top: an arrow up in its colour, and
 * "diverged at step N" (or, still going, where it left and its loss now),
 * one line per run down from the top edge. */
static void plot_exits(Renderer *r, const Scene *scene, const LossScale *p, const PlotBox *b,
                       int px)
{
    double s = r->scale, line = text_line_height(r->text, px), ty = b->iy + 2.0 * s;
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        long exit = loss_scale_exit(p, run);
        if (scene->runs[i].hidden || exit < 0)
            continue;
        double x = b->ix + (double)exit / (double)p->steps * b->iw;
        Rgba color = render_run_color(r, i, 1.0f);
        shapes_arrow(r->shapes, x, b->iy + 12.0 * s, x, b->iy - 4.0 * s, 2.2 * s, 7.0 * s,
                     r->theme->casing);
        shapes_arrow(r->shapes, x, b->iy + 12.0 * s, x, b->iy - 4.0 * s, 1.2 * s, 7.0 * s, color);
        char label[96];
        if (run->status == RUN_DIVERGED)
            snprintf(label, sizeof label, "diverged at step %zu", run_steps(run));
        else
            snprintf(label, sizeof label, "above the plot from step %ld (now L = %.3g)", exit,
                     run_head(run).loss);
        bool left = x - b->ix > 0.5 * b->iw;
        render_text(r, label, left ? x - 6.0 * s : x + 6.0 * s, ty, px,
                    left ? ALIGN_RIGHT : ALIGN_LEFT, color);
        ty += line;
    }
}

/* Returns the top edge of the plot (where the frame's bottom margin is
 * when the frame is too small for it). */
static double draw_plot(Renderer *r, const Scene *scene)
{
    double s = r->scale;
    if (!plot_fits(r))
        return r->height - 12.0 * s;
    PlotBox b = plot_box(r);
    double x = b.x, y = b.y, pw = b.w, ph = b.h, ix = b.ix, iy = b.iy, iw = b.iw, ih = b.ih;
    int px = render_font_px(r, SMALL_PX);
    double line = text_line_height(r->text, px);
    LossScale p = loss_scale_of(scene);
    panel(r, x, y, pw, ph);
    char label[96];
    snprintf(label, sizeof label, "%s vs step%s", p.log && p.offset != 0 ? "L − L*" : "loss",
             p.log ? " (log scale)" : "");
    render_text(r, label, x + 10.0 * s, y + 6.0 * s, px, ALIGN_LEFT, r->theme->text);
    const Rgba axis = r->theme->axis;
    shapes_segment(r->shapes, ix, iy + ih, ix + iw, iy + ih, 0.5 * s, axis);
    shapes_segment(r->shapes, ix, iy, ix, iy + ih, 0.5 * s, axis);
    /* y labels: top and bottom of the range (powers of ten on a log scale). */
    for (int k = 0; k < 2; k++) {
        double v = k == 0 ? p.hi : p.lo, ty = k == 0 ? iy : iy + ih;
        /* A loss that reached L* exactly sits on the floor at the bottom. */
        bool floored = k == 1 && p.log && v <= log10(p.floor);
        snprintf(label, sizeof label, "%s%.3g", floored ? "≤ " : "", p.log ? pow(10.0, v) : v);
        render_text(r, label, ix - 6.0 * s, ty - 0.5 * line, px, ALIGN_RIGHT, r->theme->dim);
    }
    snprintf(label, sizeof label, "%zu", p.steps);
    render_text(r, label, ix + iw, iy + ih + 3.0 * s, px, ALIGN_RIGHT, r->theme->dim);
    render_text(r, "0", ix, iy + ih + 3.0 * s, px, ALIGN_LEFT, r->theme->dim);
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *run = &scene->runs[i].run;
        if (scene->runs[i].hidden)
            continue;
        plot_run(r, run, 0, run->count, &p, ix, iy, iw, ih, render_run_color(r, i, 1.0f));
        if (run->count < run->known)
            plot_run(r, run, run->count - 1, run->known, &p, ix, iy, iw, ih,
                     render_run_color(r, i, 0.3f));
    }
    plot_exits(r, scene, &p, &b, px);
    plot_timeline(r, scene, &p, &b, px);
    return y;
}

/* ------------------------------------------------------------------------ */
/* Colour bar (above the loss plot)                                          */

/* What the colours mean: the colormap from the lowest to the highest value
 * in view, with the values at its ends and middle (on a log scale the
 * middle is far below the arithmetic mean). */
static void draw_colorbar(Renderer *r, const Scene *scene, double bottom)
{
    double lo, hi;
    bool log_scale;
    if (!heatmap_range(r->heatmap, &lo, &hi, &log_scale))
        return;
    double s = r->scale, pw = 360.0 * s, pad = 10.0 * s;
    if (!plot_fits(r))
        return;
    int px = render_font_px(r, SMALL_PX);
    double line = text_line_height(r->text, px), bar_h = 10.0 * s;
    double ph = bar_h + line + 2 * pad + 2.0 * s;
    double x = r->width - 12.0 * s - pw, y = bottom - ph;
    panel(r, x, y, pw, ph);
    double bx = x + pad, bw = pw - 2 * pad, by = y + pad;
    enum { STEPS = 96 };
    for (int k = 0; k < STEPS; k++)
        shapes_rect(r->shapes, bx + bw * k / STEPS, by, bw / STEPS + 0.5, bar_h,
                    heatmap_color(r->heatmap, scene->display.colormap, (k + 0.5) / STEPS));
    char label[64];
    double ty = by + bar_h + 2.0 * s;
    snprintf(label, sizeof label, "%.3g", lo);
    render_text(r, label, bx, ty, px, ALIGN_LEFT, r->theme->dim);
    snprintf(label, sizeof label, "L = %.3g%s", heatmap_value_at(r->heatmap, 0.5),
             log_scale ? "  (log scale)" : "");
    render_text(r, label, bx + 0.5 * bw, ty, px, ALIGN_CENTER, r->theme->dim);
    snprintf(label, sizeof label, "%.3g", hi);
    render_text(r, label, bx + bw, ty, px, ALIGN_RIGHT, r->theme->dim);
}

/* ------------------------------------------------------------------------ */
/* Notice and help                                                           */

/* What text_wrap measures with: the font at a size. */
typedef struct WrapMeasure {
    Text *text;
    int px;
} WrapMeasure;

static double measure(void *context, const char *utf8)
{
    const WrapMeasure *m = context;
    return text_measure(m->text, utf8, m->px);
}

/* Breaks text into the lines of w at px pixels, unless it is already. */
static void wrap_text(Renderer *r, WrappedCaption *w, const char *text, int px, double max_width)
{
    if (w->px == px && w->max_width == max_width && strcmp(w->source, text) == 0)
        return;
    snprintf(w->source, sizeof w->source, "%s", text);
    w->px = px;
    w->max_width = max_width;
    WrapMeasure m = {r->text, px};
    w->count = text_wrap(w->source, max_width, measure, &m, &w->lines[0][0], CAPTION_LINE_MAX,
                         CAPTION_MAX_LINES);
    /* Balanced: the narrowest width that needs no more lines, so the last
     * line is not a lone word or a lone Chinese character.  With n lines
     * the text is wider than (n - 1) / n of max_width, so half of it is
     * narrow enough to start from. */
    if (w->count < 2)
        return;
    double narrow = 0.5 * max_width, wide = max_width;
    for (int k = 0; k < 10; k++) {
        double mid = 0.5 * (narrow + wide);
        if (text_wrap(w->source, mid, measure, &m, &w->lines[0][0], CAPTION_LINE_MAX,
                      CAPTION_MAX_LINES) <= w->count)
            wide = mid;
        else
            narrow = mid;
    }
    w->count = text_wrap(w->source, wide, measure, &m, &w->lines[0][0], CAPTION_LINE_MAX,
                         CAPTION_MAX_LINES);
}

/* The centre of the free strip along the bottom, left of the plot, and
 * how wide text in it may be. */
static void bottom_strip(const Renderer *r, double *centre, double *max_width)
{
    double s = r->scale, left = 12.0 * s + r->inset_width;
    double right = plot_fits(r) ? r->width - 12.0 * s - 360.0 * s - 12.0 * s : r->width - 12.0 * s;
    *centre = 0.5 * (left + right);
    *max_width = fmin(right - left - 24.0 * s, 960.0 * s);
}

/* text broken into w's lines at base_px, centred on a panel in the bottom
 * strip whose bottom edge is at bottom; returns the panel's top edge. */
static double draw_wrapped(Renderer *r, WrappedCaption *w, const char *text, double base_px,
                           double pad, Rgba color, double bottom)
{
    double centre, max_width;
    int px = render_font_px(r, base_px);
    bottom_strip(r, &centre, &max_width);
    wrap_text(r, w, text, px, max_width);
    double line = text_line_height(r->text, px), width = 0;
    for (int i = 0; i < w->count; i++)
        width = fmax(width, render_text_width(r, w->lines[i], px));
    double h = w->count * line + 2 * pad, y = bottom - h;
    panel(r, centre - 0.5 * width - pad, y, width + 2 * pad, h);
    for (int i = 0; i < w->count; i++)
        render_text(r, w->lines[i], centre, y + pad + i * line, px, ALIGN_CENTER, color);
    return y;
}

/* The current step's caption, large, at the bottom; returns the top of
 * what it drew (the bottom margin when there is no caption). */
static double draw_caption(Renderer *r, const Scene *scene)
{
    double s = r->scale, bottom = r->height - 12.0 * s;
    if (!scene->caption[0])
        return bottom;
    return draw_wrapped(r, &r->caption, scene->caption, BODY_PX + 5, 12.0 * s, r->theme->text,
                        bottom);
}

/* The presenter's hint for the step, small, above the caption, wrapped
 * like it rather than cut short (the presenter needs all of it), in the
 * window only; returns where what goes above it may end. */
static double draw_hint(Renderer *r, const Scene *scene, double bottom)
{
    if (!scene->hint[0] || r->audience != RENDER_FOR_WINDOW)
        return bottom;
    double s = r->scale;
    return draw_wrapped(r, &r->hint, scene->hint, SMALL_PX, 6.0 * s, r->theme->accent, bottom) -
           6.0 * s;
}

static void draw_notice(Renderer *r, const Scene *scene, double bottom)
{
    if (!scene->notice[0])
        return;
    double s = r->scale, pad = 10.0 * s, centre, max_width;
    int px = render_font_px(r, BODY_PX + 2);
    bottom_strip(r, &centre, &max_width);
    char notice[SCENE_NOTICE_MAX];
    fit_text(r, scene->notice, px, max_width, notice, sizeof notice);
    double w = render_text_width(r, notice, px), h = text_line_height(r->text, px);
    double y = bottom - h - 2 * pad;
    panel(r, centre - 0.5 * w - pad, y, w + 2 * pad, h + 2 * pad);
    render_text(r, notice, centre, y + pad, px, ALIGN_CENTER, r->theme->text);
}

/* An error in place of the stage: the frame darkened, the message in the
 * middle, until the scene's error is cleared. */
static void draw_error(Renderer *r, const Scene *scene)
{
    double s = r->scale, pad = 18.0 * s;
    int px = render_font_px(r, BODY_PX + 3), title_px = render_font_px(r, TITLE_PX);
    wrap_text(r, &r->error, scene->error, px, fmin(0.8 * r->width, 1100.0 * s));
    double line = text_line_height(r->text, px), title_h = text_line_height(r->text, title_px);
    double w = render_text_width(r, "This lesson cannot be shown", title_px);
    for (int i = 0; i < r->error.count; i++)
        w = fmax(w, render_text_width(r, r->error.lines[i], px));
    double h = title_h + 8.0 * s + r->error.count * line + 2 * pad;
    double x = 0.5 * (r->width - w) - pad, y = 0.5 * (r->height - h);
    Rgba veil = r->theme->shade;
    veil.a = 0.88f;
    shapes_rect(r->shapes, 0, 0, r->width, r->height, veil);
    shapes_rect(r->shapes, x, y, w + 2 * pad, h, r->theme->help_panel);
    render_text(r, "This lesson cannot be shown", x + pad, y + pad, title_px, ALIGN_LEFT,
                r->theme->warn);
    for (int i = 0; i < r->error.count; i++)
        render_text(r, r->error.lines[i], x + pad, y + pad + title_h + 8.0 * s + i * line, px,
                    ALIGN_LEFT, r->theme->text);
}

/* The help panel at a scale s: its size, and drawn when draw is true. */
static void help_panel(Renderer *r, double s, bool draw, double *w, double *h)
{
    double pad = 18.0 * s;
    int px = (int)lround(BODY_PX * s), title_px = (int)lround(TITLE_PX * s);
    double line = text_line_height(r->text, px), keys_w = 0, action_w = 0;
    for (size_t i = 0; i < r->help_count; i++) {
        keys_w = fmax(keys_w, render_text_width(r, r->help[i].keys, px));
        action_w = fmax(action_w, render_text_width(r, r->help[i].action, px));
    }
    double title_h = text_line_height(r->text, title_px) + 8.0 * s;
    *w = keys_w + 24.0 * s + action_w + 2 * pad;
    *h = title_h + (double)r->help_count * line + 2 * pad;
    if (!draw)
        return;
    double x = 0.5 * (r->width - *w), y = 0.5 * (r->height - *h);
    shapes_rect(r->shapes, 0, 0, r->width, r->height, r->theme->shade);
    shapes_rect(r->shapes, x, y, *w, *h, r->theme->help_panel);
    render_text(r, "descent — keys (Esc closes)", x + pad, y + pad, title_px, ALIGN_LEFT,
                r->theme->text);
    for (size_t i = 0; i < r->help_count; i++) {
        double ty = y + pad + title_h + (double)i * line;
        render_text(r, r->help[i].keys, x + pad + keys_w, ty, px, ALIGN_RIGHT,
                    r->theme->accent);
        render_text(r, r->help[i].action, x + pad + keys_w + 24.0 * s, ty, px, ALIGN_LEFT,
                    r->theme->text);
    }
}

/* Every key, at the current scale or smaller if that would not fit. */
static void draw_help(Renderer *r)
{
    double w, h, s = r->scale;
    help_panel(r, s, false, &w, &h);
    /* Glyph sizes round to whole pixels, so aim a little inside the frame. */
    double fit = 0.95 * fmin((r->width - 16.0) / w, (r->height - 16.0) / h);
    if (fit < 1.0)
        s = fmax(0.5, s * fit);
    help_panel(r, s, true, &w, &h);
}

void render_hud(Renderer *r, const Scene *scene)
{
    draw_legend(r, scene);
    render_change_marks(r, scene);
    double formula_bottom = render_formula(r, scene, 12.0 * r->scale);
    draw_readout(r, scene, formula_bottom + (scene->display.formula ? 8.0 * r->scale : 0.0));
    double plot_top = render_dynamics_plot(r, scene, draw_plot(r, scene) - 8.0 * r->scale);
    draw_colorbar(r, scene, plot_top - 8.0 * r->scale);
    render_data_inset(r, scene);
    draw_notice(r, scene, draw_hint(r, scene, draw_caption(r, scene) - 8.0 * r->scale));
    render_expr_field(r, scene);
    render_flush(r);
    if (scene->error[0]) {
        draw_error(r, scene);
        render_flush(r);
    }
    if (scene->display.help) {
        draw_help(r);
        render_flush(r);
    }
}
