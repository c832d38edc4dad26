/*
 * net_starts_view.c — a lesson step's starts (scene/net_starts_live.h) as
 * a panel in the dynamics plot's place: what the captions count over the
 * starts (core/net_starts.h's tally), a line each, beside or under (as
 * the panel's shape allows) a scatter of the two runs' held-out accuracy, one point per start, run 1's on x and run
 * 2's on y, with the diagonal where they score the same (a point above it
 * is a start where run 2 scored higher).  While the starts are measured
 * the title says how many are in and the tally counts those.
 *
 * Runs are named as the legend names them, by their optimizer's title.
 */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_wrap.h"

#define STARTS_WIDTH 430.0
#define STARTS_COMPACT_WIDTH 260.0
#define STARTS_TEXT_PX 12.5
#define STARTS_PLOT_HEIGHT 170.0     /* the scatter's preferred height */
#define STARTS_LEAST_PLOT 70.0       /* below this the scatter is left out */
#define STARTS_LINES 5               /* the title and four tallies */
#define STARTS_ROWS 3                /* the most rows a line wraps to */
#define POINT_RADIUS 3.5

#define MEASURING N_("%zu starts: measuring, %zu in")
#define OVER N_("Over %zu starts (data set and θ0):")
#define FAILED N_("starts not measured: %s")
#define HIGHER N_("held-out points: %s scored higher on %zu of %zu, %s on %zu")
#define EDGE N_("%s's λmax within %.0f %% of its edge %.4g on %zu of %zu; %s's %.2f to %.2f of its %.4g")
#define MOVED N_("from θ0: %s %.0f to %.0f, %s %.0f to %.0f; %.0f to %.0f apart")
#define MISSED N_("training points missed: %s %.0f to %.0f %%, %s %.0f to %.0f %%")
#define AXES N_("held-out accuracy: %s →, %s ↑")

/* What the screen calls run r's optimizer (its title: "GD", "Adam"), the
 * spec's name when no kind has it. */
static void run_name(const NetStartsPicture *p, int r, char *dest, size_t size)
{
    size_t n = strcspn(p->specs[r], ":"), count;
    const OptimizerInfo *kinds = optimizer_kinds(&count);
    for (size_t k = 0; k < count; k++)
        if (strlen(kinds[k].name) == n && strncmp(kinds[k].name, p->specs[r], n) == 0) {
            snprintf(dest, size, "%s", _(kinds[k].title));
            return;
        }
    snprintf(dest, size, "%.*s", (int)n, p->specs[r]);
}

/* The panel's lines into lines; returns how many. */
static size_t tally_lines(const NetStartsPicture *p, char lines[STARTS_LINES][512])
{
    char a[64], b[64];
    run_name(p, 0, a, sizeof a);
    run_name(p, 1, b, sizeof b);
    if (p->error[0]) {
        snprintf(lines[0], 512, _(FAILED), p->error);
        return 1;
    }
    if (p->measured < p->count)
        snprintf(lines[0], 512, _(MEASURING), p->count, p->measured);
    else
        snprintf(lines[0], 512, _(OVER), p->count);
    if (p->measured == 0)
        return 1;
    NetStartsTally t = net_starts_tally(p->rows, p->measured);
    snprintf(lines[1], 512, _(HIGHER), b, t.higher[1], t.count, a, t.higher[0]);
    snprintf(lines[2], 512, _(EDGE), a, 100.0 * NET_STARTS_EDGE_BAND, p->rows[0].run[0].edge,
             t.near_edge[0], t.count, b, t.share_min[1], t.share_max[1], p->rows[0].run[1].edge);
    snprintf(lines[3], 512, _(MOVED), b, t.moved_min[1], t.moved_max[1], a, t.moved_min[0],
             t.moved_max[0], t.apart_min, t.apart_max);
    snprintf(lines[4], 512, _(MISSED), a, 100.0 * t.miss_min[0], 100.0 * t.miss_max[0], b,
             100.0 * t.miss_min[1], 100.0 * t.miss_max[1]);
    return STARTS_LINES;
}

/* The lines wrapped to width, drawn from (x, y) when draw; returns their
 * height. */
static double draw_lines(Renderer *r, const NetStartsPicture *p, double x, double y,
                         double width, bool draw)
{
    char lines[STARTS_LINES][512], rows[STARTS_ROWS][512];
    size_t n = tally_lines(p, lines);
    int px = render_font_px(r, STARTS_TEXT_PX);
    double line = render_line_height(r, px), h = 0;
    WrapMeasure measure = {r, px};
    for (size_t i = 0; i < n; i++) {
        int wrapped = text_wrap(lines[i], width, render_wrap_measure, &measure, rows[0],
                                sizeof rows[0], STARTS_ROWS);
        for (int k = 0; k < wrapped && draw; k++)
            render_text(r, rows[k], x, y + h + k * line, px, ALIGN_LEFT,
                        i == 0 ? r->theme->text : r->theme->dim);
        h += wrapped * line + (i == 0 ? 3.0 * r->scale : 0);
    }
    return h;
}

/* Sized for shape's lines as they read once every start is in, so the
 * panel does not grow as they come (their numbers' widths aside). */
LayoutRequest render_starts_need(Renderer *r, const NetStartsPicture *shape, bool compact)
{
    NetStartsPicture *full = malloc(sizeof *full);
    if (!full)
        return (LayoutRequest){.shown = false};
    *full = *shape;
    full->measured = full->count;
    full->error[0] = '\0';
    double s = r->scale, pad = 10.0 * s;
    double w = (compact ? STARTS_COMPACT_WIDTH : STARTS_WIDTH) * s;
    double text = draw_lines(r, full, 0, 0, w - 2 * pad, false) + 2 * pad;
    free(full);
    double axes = 2.0 * render_line_height(r, render_font_px(r, STARTS_TEXT_PX));
    double h = text + axes + STARTS_PLOT_HEIGHT * s;
    return (LayoutRequest){true, w, h, compact ? w : 0.75 * w, text, false};
}

/* The scatter of held-out accuracy in area a (a square's worth of it). */
static void draw_scatter(Renderer *r, const NetStartsPicture *p, LayoutRect a, int px)
{
    double s = r->scale, lo = 1, hi = 0;
    for (size_t g = 0; g < p->measured; g++)
        for (int k = 0; k < 2; k++) {
            lo = fmin(lo, p->rows[g].run[k].test_acc);
            hi = fmax(hi, p->rows[g].run[k].test_acc);
        }
    lo = floor(lo * 10.0) / 10.0;
    hi = fmax(ceil(hi * 10.0) / 10.0, lo + 0.1);
    double side = fmin(a.w, a.h);
    LayoutRect sq = {a.x + 0.5 * (a.w - side), a.y, side, side};
    Rgba grid = r->theme->axis;
    grid.a *= 0.3f;
    char label[16];
    for (double v = lo; v <= hi + 1e-9; v += 0.1) {
        double x = sq.x + (v - lo) / (hi - lo) * sq.w, y = sq.y + sq.h - (v - lo) / (hi - lo) * sq.h;
        shapes_segment(r->shapes, x, sq.y, x, sq.y + sq.h, 0.5 * s, grid);
        shapes_segment(r->shapes, sq.x, y, sq.x + sq.w, y, 0.5 * s, grid);
    }
    snprintf(label, sizeof label, "%.0f%%", 100 * lo);
    render_text(r, label, sq.x - 4.0 * s, sq.y + sq.h - render_line_height(r, px), px,
                ALIGN_RIGHT, r->theme->dim);
    render_text(r, label, sq.x, sq.y + sq.h + 2.0 * s, px, ALIGN_LEFT, r->theme->dim);
    snprintf(label, sizeof label, "%.0f%%", 100 * hi);
    render_text(r, label, sq.x - 4.0 * s, sq.y, px, ALIGN_RIGHT, r->theme->dim);
    render_text(r, label, sq.x + sq.w, sq.y + sq.h + 2.0 * s, px, ALIGN_RIGHT, r->theme->dim);
    shapes_segment(r->shapes, sq.x, sq.y + sq.h, sq.x + sq.w, sq.y, 0.8 * s, r->theme->dim);
    shapes_segment(r->shapes, sq.x, sq.y + sq.h, sq.x + sq.w, sq.y + sq.h, 0.7 * s,
                   r->theme->axis);
    shapes_segment(r->shapes, sq.x, sq.y, sq.x, sq.y + sq.h, 0.7 * s, r->theme->axis);
    for (size_t g = 0; g < p->measured; g++) {
        const NetStartRow *row = &p->rows[g];
        double x = sq.x + (row->run[0].test_acc - lo) / (hi - lo) * sq.w;
        double y = sq.y + sq.h - (row->run[1].test_acc - lo) / (hi - lo) * sq.h;
        /* The colour of the run that scored higher; a tie in the text's. */
        Rgba color = row->run[1].test_acc > row->run[0].test_acc   ? r->run_colors[1]
                     : row->run[0].test_acc > row->run[1].test_acc ? r->run_colors[0]
                                                                   : r->theme->text;
        shapes_disc(r->shapes, x, y, POINT_RADIUS * s, color);
    }
}

/* The scatter goes right of the lines where the panel is wide enough for
 * both (a side of at most this share of its width), else under them. */
#define STARTS_SIDE_SHARE 0.4

void render_starts_panel(Renderer *r, const NetStartsPicture *p, LayoutRect rect)
{
    double s = r->scale, pad = 10.0 * s;
    render_panel(r, rect);
    int px = render_font_px(r, STARTS_TEXT_PX);
    double line = render_line_height(r, px), labels = render_text_width(r, "100%", px) + 6.0 * s;
    double inner_h = rect.h - 2 * pad, inner_w = rect.w - 2 * pad;
    /* Beside: the square as tall as the panel allows, the lines in the rest. */
    double side = fmin(inner_h - 2 * line, STARTS_SIDE_SHARE * inner_w);
    double text_w = inner_w - side - labels - pad;
    bool beside = side >= STARTS_LEAST_PLOT * s &&
                  draw_lines(r, p, 0, 0, text_w, false) <= inner_h;
    double text_h = draw_lines(r, p, rect.x + pad, rect.y + pad, beside ? text_w : inner_w, true);
    LayoutRect a = beside ? (LayoutRect){rect.x + rect.w - pad - side, rect.y + pad + line, side,
                                         side}
                          : (LayoutRect){rect.x + pad + labels, rect.y + pad + text_h + line,
                                         inner_w - labels, inner_h - text_h - 2 * line};
    if (p->measured == 0 || a.h < STARTS_LEAST_PLOT * s || a.w < STARTS_LEAST_PLOT * s)
        return;
    char a_name[64], b_name[64], text[256];
    run_name(p, 0, a_name, sizeof a_name);
    run_name(p, 1, b_name, sizeof b_name);
    snprintf(text, sizeof text, _(AXES), a_name, b_name);
    render_text(r, text, a.x - labels, a.y - line, px, ALIGN_LEFT, r->theme->text);
    draw_scatter(r, p, a, px);
}
