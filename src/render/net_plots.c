/*
 * net_plots.c — a network scene's plots, per run and per update, every
 * number read through net_stage_series (scene/net_stage.h), none computed
 * here:
 *
 *   training (the loss plot's slot): the train loss (solid) and the test
 *     loss (faint) on a log scale, and under it the train and test
 *     accuracy (classification data): the gap between solid and faint is
 *     the generalisation gap.  A click or drag on it scrubs (hud.c).
 *   curvature (the dynamics plot's slot): each run's sharpness, λmax of
 *     the training loss's Hessian, or for Adam λmax(P⁻¹H), at the updates
 *     it was measured at, against its stability line dashed (2/η; Adam's
 *     (2 + 2β1)/(η(1 − β1)) = 38/η at β1 = 0.9; docs/ARCHITECTURE.md §2.6),
 *     on a log scale, and under it ‖θ‖.
 *
 * Both panels are two plot areas of dynamics.c's kind stacked, sharing the
 * step axis from 0 to the longest run; their compact forms (a crowded
 * frame, layout.h) keep the first area alone (the data panel's title still
 * gives the selected run's accuracies).
 */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>

#include "core/number_text.h"

#define CURVES_WIDTH 360.0
#define CURVES_HEIGHT 250.0
/* The sharpness and ‖θ‖ panel, shown only where a step asks for it (its
 * caption is about it), asks for more height than the training panel
 * every step has, so that its sharpness plot, over the ‖θ‖ plot, is about
 * as high as alone in the compact form (CURVES_HEIGHT): at CURVES_HEIGHT
 * it was 45 pixels high in batch_and_flatness 3 at 960x540, GD's rise
 * from 5.5 to the 2/η line at 6.67 six of them. */
#define CURVATURE_HEIGHT 400.0
#define CURVES_MIN_WIDTH 200.0
/* Left and right of the plotting areas inside the panel (times scale). */
#define CURVES_AXIS_MARGIN 58.0
#define CURVES_RIGHT_MARGIN 12.0

#define LOSS_TITLE N_("loss: train, test (faint); log")
#define ACCURACY_TITLE N_("accuracy %: train, test (faint)")
/* The accuracy alone in the compact training panel (accuracy_alone),
 * which is measured for the loss title: the full title, 337 px wide,
 * reached off it at 1280x800, 1366x768 and 1920x1080 --projector in
 * English (adam_vs_sgd_network 5). */
#define ACCURACY_SHORT_TITLE N_("accuracy %: train, test")
#define SHARPNESS_TITLE N_("sharpness (Adam: P⁻¹H), edge dashed; log")
/* Without an Adam run the plot does not name Adam (batch_and_flatness's
 * GD and SGD read "Adam: P⁻¹H" over their curves).  Both end in "; log",
 * as the loss plot's title does: the scale is always log, and 1900 at 95%
 * of a 3.55 to 2611 axis read as wrong without it.  The panel is measured
 * for the first, no wider than it was before "; log" (its "λmax" gave way;
 * wider, the network steps' layout lost every plot at 1280x720
 * --projector). */
#define SHARPNESS_PLAIN_TITLE N_("sharpness λmax, edge dashed; log")
/* Where the panel is narrower than its title: the sharpness plot drawn in
 * the training panel's place (net_view.c), which is measured for the loss
 * title.  Widened for the sharpness title on the steps that may put it
 * there, the panel cost adam_vs_sgd_network's map its room at 1280x800
 * --projector (217 px, under 0.29 of the frame) and moved it from step 1
 * to 2 in Chinese at every projector size. */
#define SHARPNESS_SHORT_TITLE N_("sharpness, edge dashed; log")
#define NORM_TITLE N_("‖θ‖")
/* A run's sharpness ending under this share of its edge is labelled with
 * its value: adam_vs_sgd_network's Adam, its λmax a moment at 1980 over
 * its 1900 (0.86 to 0.98 of it on average, its caption says), read as
 * contradicting the caption beside it. */
#define END_LABEL_UNDER 0.95
/* Titles start this far from the panel's left edge (times scale). */
#define CURVES_TITLE_PAD 10.0

typedef struct SeriesOf {
    const NetStage *net;
    size_t run;
    NetSeries series;
    double factor;      /* the value drawn is factor times the series' */
} SeriesOf;

static double series_value(const void *ctx, size_t k)
{
    const SeriesOf *s = ctx;
    return s->factor * net_stage_series(s->net, s->run, s->series, k);
}

static size_t longest_run(const NetStage *net)
{
    size_t steps = 1;
    for (size_t i = 0; i < net_stage_run_count(net); i++) {
        size_t count = net_stage_run(net, i)->count;
        steps = count - 1 > steps ? count - 1 : steps;
    }
    return steps;
}

/* The range of the series over every run's updates (positive values only
 * on a log scale), widened when flat; false when there is no value. */
static bool series_range(const NetStage *net, const NetSeries *series, int count, bool log_scale,
                         double *lo, double *hi)
{
    *lo = HUGE_VAL, *hi = -HUGE_VAL;
    for (size_t i = 0; i < net_stage_run_count(net); i++) {
        const NetRun *run = net_stage_run(net, i);
        for (int q = 0; q < count; q++)
            for (size_t k = 0; k < run->count; k++) {
                double v = net_stage_series(net, i, series[q], k);
                if (isfinite(v) && (!log_scale || v > 0))
                    *lo = fmin(*lo, v), *hi = fmax(*hi, v);
            }
    }
    if (!(*lo <= *hi))
        return false;
    if (log_scale && *hi < *lo * 1.5)
        *lo /= 1.5, *hi *= 1.5;
    else if (!log_scale && *hi - *lo < 1e-9 * fmax(1.0, fabs(*hi)))
        *lo -= 0.5, *hi += 0.5;
    return true;
}

/* Between a panel's two areas: the lower title clear of the upper area's
 * bottom label. */
static double areas_gap(Renderer *r)
{
    return 8.0 * r->scale + 2.0 * render_line_height(r, render_font_px(r, 13.0));
}

/* A panel's height outside its areas: the title's band over them (half a
 * line higher than over an area, PlotArea.compact), the step labels under
 * them. */
static double areas_bands(Renderer *r)
{
    return 2.5 * render_line_height(r, render_font_px(r, 13.0)) + 28.0 * r->scale;
}

/* The two stacked areas of a panel in rect; with one (compact), top takes
 * the whole panel. */
static void panel_areas(Renderer *r, LayoutRect rect, bool one, PlotArea *top, PlotArea *bottom)
{
    double s = r->scale;
    double line = render_line_height(r, render_font_px(r, 13.0));
    /* Each title starts at the panel's left, half a line higher than over
     * the area (PlotArea.compact) to clear the axis's top label. */
    double gap = areas_gap(r);
    PlotArea a = {.x = rect.x + CURVES_AXIS_MARGIN * s,
                  .y = rect.y + 1.5 * line + 10.0 * s,
                  .compact = true,
                  .w = rect.w - (CURVES_AXIS_MARGIN + CURVES_RIGHT_MARGIN) * s,
                  .left = rect.x,
                  .title_x = rect.x + CURVES_TITLE_PAD * s,
                  .xlo = 0};
    double both = rect.h - areas_bands(r);
    a.h = one ? both : 0.5 * (both - gap);
    *top = a;
    *bottom = a;
    bottom->y = a.y + a.h + gap;
}

/* A panel of two areas titled title_a and title_b, height high, or
 * (compact) of the first alone, CURVES_HEIGHT high. */
static LayoutRequest panel_need(Renderer *r, bool compact, const char *title_a,
                                const char *title_b, double height)
{
    double s = r->scale;
    int px = render_font_px(r, 13.0);
    double text = fmax(render_text_width(r, _(title_a), px),
                       compact ? 0.0 : render_text_width(r, _(title_b), px));
    double min_w = fmax(CURVES_MIN_WIDTH * s, (CURVES_TITLE_PAD + CURVES_RIGHT_MARGIN) * s + text);
    double min_h = (compact ? 1 : 2) * LAYOUT_PLOT_AREA_LEAST * s + (compact ? 0 : areas_gap(r)) +
                   areas_bands(r);
    return (LayoutRequest){true, fmax(CURVES_WIDTH * s, min_w),
                           fmax((compact ? CURVES_HEIGHT : height) * s, min_h),
                           min_w, min_h, false};
}

/* How far from the panel towards its run's colour a test curve is drawn. */
#define TEST_CURVE_SHARE 0.45f

/* Run i's test curve's colour: its colour mixed opaque into the panel's.
 * See-through, the curve's segment and bar in each column lay over each
 * other and added up to the train curve's colour (adam_vs_sgd_network 1:
 * Adam's test curve as strong as its train curve, review, issue 12). */
static Rgba test_curve_color(const Renderer *r, size_t i)
{
    Rgba c = render_run_color(r, i, 1.0f), p = r->theme->panel;
    float t = TEST_CURVE_SHARE;
    return (Rgba){p.r + t * (c.r - p.r), p.g + t * (c.g - p.g), p.b + t * (c.b - p.b), 1.0f};
}

/* Each run's train series solid and test series faint.  A lone point
 * (play 0) is labelled with its train value alone, in the run's full
 * colour: the test value's label was as faint as its curve, and where the
 * two were equal ("50" at representation 1) it stood in for both. */
static void train_and_test(Renderer *r, const NetStage *net, const PlotArea *a, NetSeries train,
                           NetSeries test, double factor)
{
    PlotArea unlabelled = *a;
    unlabelled.values_named = true;
    for (size_t i = 0; i < net_stage_run_count(net); i++) {
        size_t end = net_stage_run(net, i)->count;
        SeriesOf faint = {net, i, test, factor}, solid = {net, i, train, factor};
        plot_series(r, &unlabelled, series_value, &faint, 0, end, 1.0 * r->scale,
                    test_curve_color(r, i), false);
        plot_series(r, a, series_value, &solid, 0, end, 1.4 * r->scale,
                    render_run_color(r, i, 1.0f), false);
    }
}

/* Whether the training panel shows the accuracy under the loss (not in
 * its compact form, not for regression data). */
static bool accuracy_shown(const Renderer *r, const NetStage *net)
{
    return !r->layout.compact[LAYOUT_LOSS] && net_stage_data(net)->train.classes >= 2;
}

bool render_net_about_accuracy(const Scene *scene)
{
    return (scene->display.starts_tally & (1u << NET_STARTS_HELD_OUT)) != 0 &&
           net_stage_data(scene->net)->train.classes >= 2;
}

/* Whether the training panel shows the accuracy alone: its compact form
 * where the step is about the accuracy (render_net_about_accuracy).  At
 * 1280x720 --projector adam_vs_sgd_network 5, its caption about test
 * accuracy, showed the losses alone (issue 12). */
static bool accuracy_alone(const Renderer *r, const Scene *scene)
{
    return r->layout.compact[LAYOUT_LOSS] && render_net_about_accuracy(scene);
}

/* The training panel's areas, the same for drawing and clicking: the
 * loss's (log scale) over the accuracy's (*accuracy, unless compact), or
 * the accuracy's alone (accuracy_alone: returned, in the loss's place). */
static PlotArea training_areas(Renderer *r, const Scene *scene, LayoutRect rect,
                               PlotArea *accuracy)
{
    const NetStage *net = scene->net;
    PlotArea a;
    panel_areas(r, rect, !accuracy_shown(r, net), &a, accuracy);
    a.xhi = accuracy->xhi = (double)longest_run(net);
    accuracy->ylo = 0;
    accuracy->yhi = 100;
    if (accuracy_alone(r, scene)) {
        a.ylo = 0;
        a.yhi = 100;
        plot_fit_labels(r, &a);
        return a;
    }
    a.ylog = true;
    a.decades = true;
    const NetSeries losses[] = {NET_SERIES_TRAIN_LOSS, NET_SERIES_TEST_LOSS};
    if (!series_range(net, losses, 2, true, &a.ylo, &a.yhi))
        a.ylo = 0.1, a.yhi = 1;
    plot_fit_labels(r, &a);
    return a;
}

bool render_net_plot_step_at(Renderer *r, const Scene *scene, LayoutRect rect, double px,
                             size_t *step)
{
    PlotArea accuracy, a = training_areas(r, scene, rect, &accuracy);
    double t = fmin(1.0, fmax(0.0, (px - a.x) / a.w));
    *step = (size_t)lround(t * a.xhi);
    return true;
}

/* The compact form is measured for the loss's title alone, also where a
 * step shows the accuracy in it (accuracy_alone): measured for the
 * accuracy's title on that step, the panel moved the map from
 * adam_vs_sgd_network 4 to 5 in Chinese at every projector size (17 to
 * 659 px), and on every step with classes, it cost step 1 its loss plot
 * and colour bar at 1280x720 --projector in English. */
LayoutRequest render_net_training_need(Renderer *r, bool compact)
{
    return panel_need(r, compact, LOSS_TITLE, ACCURACY_TITLE, CURVES_HEIGHT);
}

/* The runs' accuracies, train and test, in area a (0 to 100), under a
 * title room pixels wide at most. */
static void accuracy_plot(Renderer *r, const NetStage *net, PlotArea *a, double room)
{
    const char *title = _(ACCURACY_TITLE);
    if (render_text_width(r, title, render_font_px(r, PLOT_TEXT_PX)) > room)
        title = _(ACCURACY_SHORT_TITLE);
    plot_frame(r, a, title, _("step"));
    train_and_test(r, net, a, NET_SERIES_TRAIN_ACC, NET_SERIES_TEST_ACC, 100.0);
}

void render_net_training(Renderer *r, const Scene *scene, LayoutRect rect)
{
    const NetStage *net = scene->net;
    render_panel(r, rect);
    PlotArea accuracy, a = training_areas(r, scene, rect, &accuracy);
    double room = rect.w - (CURVES_TITLE_PAD + CURVES_RIGHT_MARGIN) * r->scale;
    if (accuracy_alone(r, scene)) {
        accuracy_plot(r, net, &a, room);
        return;
    }
    bool both = accuracy_shown(r, net);
    plot_frame(r, &a, _(LOSS_TITLE), both ? NULL : _("step"));
    train_and_test(r, net, &a, NET_SERIES_TRAIN_LOSS, NET_SERIES_TEST_LOSS, 1.0);
    if (both)
        accuracy_plot(r, net, &accuracy, room);
}

LayoutRequest render_net_curvature_need(Renderer *r, bool compact)
{
    return panel_need(r, compact, SHARPNESS_TITLE, NORM_TITLE, CURVATURE_HEIGHT);
}

/* Run i's measured sharpness, point to point (measurements are sparse:
 * every NET_STAGE_SHARPNESS_EVERY updates at most). */
static void sharpness_curve(Renderer *r, const NetStage *net, size_t i, const PlotArea *a)
{
    size_t end = net_stage_run(net, i)->count;
    double px = 0, py = 0;
    bool has_prev = false;
    Rgba color = render_run_color(r, i, 1.0f);
    for (size_t k = 0; k < end; k += NET_STAGE_SHARPNESS_EVERY) {
        double v = net_stage_series(net, i, NET_SERIES_SHARPNESS, k);
        if (!(isfinite(v) && v > 0))
            continue;
        double x = plot_to_x(a, (double)k), y = plot_to_y(a, v);
        if (has_prev)
            shapes_segment(r->shapes, px, py, x, y, 1.2 * r->scale, color);
        shapes_disc(r->shapes, x, y, 1.6 * r->scale, color);
        px = x, py = y, has_prev = true;
    }
}

/* Whether any run's sharpness curve, point to point as sharpness_curve
 * draws it, passes through box. */
static bool curves_cross(const Renderer *r, const NetStage *net, const PlotArea *a, LayoutRect box)
{
    double pad = 1.6 * r->scale;
    for (size_t i = 0; i < net_stage_run_count(net); i++) {
        size_t end = net_stage_run(net, i)->count;
        double px = 0, py = 0;
        bool has_prev = false;
        for (size_t k = 0; k < end; k += NET_STAGE_SHARPNESS_EVERY) {
            double v = net_stage_series(net, i, NET_SERIES_SHARPNESS, k);
            if (!(isfinite(v) && v > 0))
                continue;
            double x = plot_to_x(a, (double)k), y = plot_to_y(a, v);
            double x0 = has_prev ? px : x;
            /* The segment's part over the box's columns, its ends' heights. */
            double s0 = fmax(x0, box.x), s1 = fmin(x, box.x + box.w);
            if (s0 <= s1 + pad) {
                double t0 = x > x0 ? (s0 - x0) / (x - x0) : 1.0;
                double t1 = x > x0 ? (s1 - x0) / (x - x0) : 1.0;
                double y0 = has_prev ? py + (y - py) * fmin(fmax(t0, 0.0), 1.0) : y;
                double y1 = has_prev ? py + (y - py) * fmin(fmax(t1, 0.0), 1.0) : y;
                if (fmax(y0, y1) + pad >= box.y && fmin(y0, y1) - pad <= box.y + box.h)
                    return true;
            }
            px = x, py = y, has_prev = true;
        }
    }
    return false;
}

/* Run i's last measured sharpness and the update it was measured at;
 * false where none is. */
static bool last_sharpness(const NetStage *net, size_t i, double *v, size_t *at)
{
    size_t end = net_stage_run(net, i)->count;
    bool found = false;
    for (size_t k = 0; k < end; k += NET_STAGE_SHARPNESS_EVERY) {
        double x = net_stage_series(net, i, NET_SERIES_SHARPNESS, k);
        if (isfinite(x) && x > 0)
            *v = x, *at = k, found = true;
    }
    return found;
}

/* How many runs before `before` end at the stability line v: runs at one
 * η share one dashed line, drawn and labelled once. */
static size_t runs_at_edge(const NetStage *net, size_t before, double v)
{
    size_t n = 0;
    for (size_t k = 0; k < before; k++)
        n += net_stage_series(net, k, NET_SERIES_STABILITY, net_stage_run(net, k)->count - 1) == v;
    return n;
}

/* The least of 1, 2 and 5 times a power of ten that is v or more (up), or
 * the greatest that is v or less: the sharpness axis's labelled ends. */
static double round_125(double v, bool up)
{
    double decade = pow(10.0, floor(log10(v)));
    const double steps[] = {1.0, 2.0, 5.0, 10.0};
    double r = up ? 10.0 * decade : decade;
    for (size_t k = 0; k < 4; k++) {
        double at = steps[k] * decade;
        if (up && at >= v * (1.0 - 1e-12))
            return at;
        if (!up && at <= v * (1.0 + 1e-12))
            r = at;
    }
    return r;
}

/* Whether want overlaps none of the count labels placed. */
static bool off_labels(const LayoutRect *placed, size_t count, LayoutRect want)
{
    for (size_t k = 0; k < count; k++)
        if (layout_overlap(want, placed[k]))
            return false;
    return true;
}

/* text right-aligned in box, on the panel's colour (a curve may run
 * through it), in the label ink of its run's color (theme.h: in the light
 * theme's run 1 colour adam_vs_sgd_network 1's edge "10" stood at 3.7 on
 * the panel, under the 4.5 text needs), box added to the count labels
 * placed. */
static void put_label(Renderer *r, LayoutRect *placed, size_t *count, LayoutRect box,
                      const char *text, int px, Rgba color)
{
    placed[(*count)++] = box;
    render_panel(r, box);
    render_text(r, text, box.x + box.w, box.y, px, ALIGN_RIGHT, theme_label_ink(r->theme, color));
}

void render_net_curvature(Renderer *r, const Scene *scene, LayoutRect rect, bool one)
{
    const NetStage *net = scene->net;
    render_panel(r, rect);
    PlotArea a, b;
    panel_areas(r, rect, one, &a, &b);
    a.xhi = b.xhi = (double)longest_run(net);
    a.ylog = true;
    const NetSeries sharp[] = {NET_SERIES_SHARPNESS, NET_SERIES_STABILITY};
    if (!series_range(net, sharp, 2, true, &a.ylo, &a.yhi))
        a.ylo = 0.1, a.yhi = 10;
    /* Ends from the data alone, a factor 1.3 out and rounded: the room
     * over the highest edge for its label is then the same in every
     * language and size (where it lacks, the label goes under its line).
     * A headroom from the plot's height put adam_vs_sgd_network 2's top at
     * 5000 in English and 50000 in Chinese, whose starts panel over it is
     * a line taller; the bottom, unrounded at 3.52, sat on GD's curve. */
    a.ylo = round_125(a.ylo / 1.3, false), a.yhi = round_125(a.yhi * 1.3, true);
    int px = render_font_px(r, 12.0);
    double line = render_line_height(r, px);
    bool preconditioned = false;
    for (size_t i = 0; i < net_stage_run_count(net); i++)
        preconditioned |= net_run_preconditioned(&net_stage_run(net, i)->desc);
    const char *title = preconditioned ? _(SHARPNESS_TITLE) : _(SHARPNESS_PLAIN_TITLE);
    int title_px = render_font_px(r, PLOT_TEXT_PX);
    if (render_text_width(r, title, title_px) >
        rect.w - (CURVES_TITLE_PAD + CURVES_RIGHT_MARGIN) * r->scale)
        title = _(SHARPNESS_SHORT_TITLE);
    plot_frame(r, &a, title, one ? _("step") : NULL);
    /* Right of the title a label may rise into its row (plot_frame's
     * title_y): the axis being the data's, a short plot has little room
     * over its highest edge, and batch_and_flatness 4's "6.67" went under
     * its line onto GD's tip at 1280x720 --projector in Chinese. */
    double title_right = a.title_x + render_text_width(r, title, title_px) + 4.0 * r->scale;
    double title_top = a.y - 1.5 * render_line_height(r, title_px) - 2.0 * r->scale;
    LayoutRect placed[2 * SCENE_MAX_RUNS]; /* the edges' labels, then the runs' */
    size_t labels = 0;
    size_t runs = net_stage_run_count(net);
    for (size_t i = 0; i < runs; i++)
        sharpness_curve(r, net, i, &a);
    /* The edges over the curves, dashed and cased: under a curve at its
     * edge the line was hidden.  One shared by several runs is drawn once,
     * in the text's colour (batch_and_flatness: SGD's blue line over GD's
     * at one η read as SGD's alone, beside GD's orange label). */
    for (size_t i = 0; i < runs; i++) {
        const NetRun *run = net_stage_run(net, i);
        double v = net_stage_series(net, i, NET_SERIES_STABILITY, run->count - 1);
        if (!isfinite(v) || runs_at_edge(net, i, v) > 0)
            continue;
        Rgba color = runs_at_edge(net, runs, v) > 1 ? r->theme->text : render_run_color(r, i, 1.0f);
        SeriesOf edge = {net, i, NET_SERIES_STABILITY, 1.0};
        plot_series(r, &a, series_value, &edge, 0, run->count, 1.6 * r->scale, r->theme->casing,
                    true);
        plot_series(r, &a, series_value, &edge, 0, run->count, 0.9 * r->scale, color, true);
        /* The edge's value at its right end by its line, above it (the
         * side the curves, under their edge, stay away from) or else
         * under it, where no curve runs through the label and no earlier
         * run's label stands: under the line, batch_and_flatness 4's
         * "6.67" sat on GD's orange tip at 5.8 and read as its λmax. */
        char label[32];
        number_text(v, 3, label, sizeof label);
        double w = render_text_width(r, label, px) + 4 * r->scale;
        double at = plot_to_y(&a, v);
        LayoutRect box = {(double)NAN, 0, w, line};
        for (int side = 0; side < 4 && isnan(box.x); side++) {
            /* Sides 0, 1: above, under, clear of curves; 2, 3: the same
             * where every place crosses a curve.  Each at the area's
             * right, or left of an earlier run's label in its way: on a
             * short plot (adam_vs_sgd_network 2 in Chinese at 960x540, 25
             * px) 1900 found no row of its own beside 10. */
            LayoutRect want = {a.x + a.w - w,
                               side % 2 == 0 ? at - line - 1.0 * r->scale : at + 1.0 * r->scale,
                               w, line};
            for (size_t k = 0; k < labels; k++)
                if (layout_overlap(want, placed[k]))
                    want.x = fmin(want.x, placed[k].x - w - 4.0 * r->scale);
            bool clear = want.y >= (want.x >= title_right ? title_top : a.y - 0.5 * line) &&
                         want.y + line <= a.y + a.h &&
                         want.x >= a.x + 0.5 * a.w &&
                         (side >= 2 || !curves_cross(r, net, &a, want)) &&
                         off_labels(placed, labels, want);
            if (clear)
                box = want;
        }
        /* On the panel's colour: a run at its edge runs through the label. */
        if (!isnan(box.x))
            put_label(r, placed, &labels, box, label, px, color);
    }
    /* Each run's λmax now where it ends under END_LABEL_UNDER of its edge
     * (at its edge the edge's label reads it), "λmax 5.79", in its colour
     * by its curve's end, under it or over it, off the labels and the
     * dashed lines and, where a place allows, the curves: the caption's
     * "13 % under" (batch_and_flatness 4) could not be read off a log axis
     * from 1 to 10 without it. */
    double edge[SCENE_MAX_RUNS], edge_y[SCENE_MAX_RUNS];
    for (size_t k = 0; k < runs; k++) {
        edge[k] = net_stage_series(net, k, NET_SERIES_STABILITY, net_stage_run(net, k)->count - 1);
        edge_y[k] = plot_to_y(&a, edge[k]);
    }
    for (size_t i = 0; i < runs; i++) {
        double v;
        size_t at_k;
        if (!last_sharpness(net, i, &v, &at_k) || v >= END_LABEL_UNDER * edge[i])
            continue;
        char value[32], label[48];
        snprintf(label, sizeof label, "λmax %s", number_text(v, 3, value, sizeof value));
        double w = render_text_width(r, label, px) + 4 * r->scale;
        double y = plot_to_y(&a, v);
        LayoutRect box = {(double)NAN, 0, w, line};
        /* Off the curves first; where no place is (batch_and_flatness 4's
         * GD ends 4 pixels under its line, SGD's noise below), over them
         * on the panel's colour; where none is still, anywhere along its
         * rows, across a dashed line too: at 1280x720 --projector SGD's
         * "λmax 1.92", on a plot from 1 to 10 about 60 pixels high, found
         * no place in the right half under GD's "λmax 5.79" and went
         * undrawn beside batch_and_flatness 5's caption comparing the two
         * (review, issue 12). */
        for (int pass = 0; pass < 3 && isnan(box.x); pass++) {
            double least = pass < 2 ? a.x + 0.5 * a.w : a.x;
            for (double right = fmin(a.x + a.w, plot_to_x(&a, (double)at_k) + 0.5 * w);
                 isnan(box.x) && right - w >= least; right -= 0.25 * w)
                for (int side = 0; side < 2 && isnan(box.x); side++) {
                    LayoutRect want = {right - w,
                                       side == 0 ? y + 2.0 * r->scale : y - line - 2.0 * r->scale,
                                       w, line};
                    bool clear = want.y >= a.y && want.y + line <= a.y + a.h &&
                                 (pass > 0 || !curves_cross(r, net, &a, want)) &&
                                 off_labels(placed, labels, want);
                    for (size_t k = 0; k < runs && clear && pass < 2; k++)
                        clear = !(edge_y[k] + r->scale >= want.y &&
                                  edge_y[k] - r->scale <= want.y + line);
                    if (clear)
                        box = want;
                }
        }
        if (!isnan(box.x))
            put_label(r, placed, &labels, box, label, px, render_run_color(r, i, 1.0f));
    }
    if (one)
        return;
    const NetSeries norm[] = {NET_SERIES_NORM};
    if (!series_range(net, norm, 1, false, &b.ylo, &b.yhi))
        b.ylo = 0, b.yhi = 1;
    double pad = 0.08 * (b.yhi - b.ylo);
    b.ylo -= pad, b.yhi += pad;
    plot_frame(r, &b, _(NORM_TITLE), _("step"));
    for (size_t i = 0; i < net_stage_run_count(net); i++) {
        SeriesOf s = {net, i, NET_SERIES_NORM, 1.0};
        plot_series(r, &b, series_value, &s, 0, net_stage_run(net, i)->count, 1.2 * r->scale,
                    render_run_color(r, i, 1.0f), false);
    }
}
