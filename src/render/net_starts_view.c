/*
 * net_starts_view.c — a lesson step's starts (scene/net_starts_live.h) as
 * a panel in the dynamics plot's place: what the captions count over the
 * starts (core/net_starts.h's tally), a line each for the figures the
 * step's tally names (its caption's: a panel of all of them took the loss
 * plot's and colour bar's room at 1280x720 --projector), under the held-out
 * and the edge tallies a row of marks, one per start, so a class sees
 * which starts the counts count (a caption's "15 of 20" is 15 marks in
 * run 2's colour).  The marks, not a scatter: at the classroom's sizes
 * with --projector the panel has room for the lines and little more.
 * While the starts are measured the title says how many are in and the
 * tally counts those.
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
#define MARK_ROW 11.0                /* a row of marks' height */
#define STARTS_ROWS 3                /* the most rows a line wraps to */
#define POINT_RADIUS 3.5

#define MEASURING N_("%zu starts: measuring, %zu in")
#define OVER N_("Over %zu starts (data set and θ0):")
#define FAILED N_("starts not measured: %s")
#define HIGHER N_("test accuracy: %s higher on %zu of %zu, %s on %zu")
/* "(filled)": the row of marks under the line said nothing of what a
 * mark was or why one was hollow (adam_vs_sgd_network 2). */
#define EDGE                                                                                 \
    N_("%s's λmax within %.0f %% of its edge %.4g on %zu of %zu (filled); %s's %.2f to %.2f " \
       "of its %.4g")
#define MOVED N_("from θ0: %s %.0f to %.0f, %s %.0f to %.0f; %.0f to %.0f apart")
#define REGIONS N_("regions: %s's differ from %s's on %.0f to %.0f %% of the square")
#define MISSED N_("training points missed: %s %.0f to %.0f %%, %s %.0f to %.0f %%")

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

/* The panel's lines into lines, the title's and those of the figures
 * shown (bits of NetStartsFigure; 0: all), each figure's in figure[]
 * (the title's -1); returns how many. */
static size_t tally_lines(const NetStartsPicture *p, unsigned shown, char lines[][512],
                          int figure[])
{
    char a[64], b[64];
    run_name(p, 0, a, sizeof a);
    run_name(p, 1, b, sizeof b);
    figure[0] = -1;
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
    size_t n = 1;
    for (int f = 0; f < NET_STARTS_FIGURES; f++) {
        if (shown && !(shown & 1u << f))
            continue;
        char *line = lines[n];
        figure[n++] = f;
        if (f == NET_STARTS_HELD_OUT)
            snprintf(line, 512, _(HIGHER), b, t.higher[1], t.count, a, t.higher[0]);
        else if (f == NET_STARTS_EDGE)
            snprintf(line, 512, _(EDGE), a, 100.0 * NET_STARTS_EDGE_BAND, p->rows[0].run[0].edge,
                     t.near_edge[0], t.count, b, t.share_min[1], t.share_max[1],
                     p->rows[0].run[1].edge);
        else if (f == NET_STARTS_APART)
            snprintf(line, 512, _(MOVED), b, t.moved_min[1], t.moved_max[1], a, t.moved_min[0],
                     t.moved_max[0], t.apart_min, t.apart_max);
        else if (f == NET_STARTS_REGIONS)
            snprintf(line, 512, _(REGIONS), b, a, 100.0 * t.regions_min, 100.0 * t.regions_max);
        else
            snprintf(line, 512, _(MISSED), a, 100.0 * t.miss_min[0], 100.0 * t.miss_max[0], b,
                     100.0 * t.miss_min[1], 100.0 * t.miss_max[1]);
    }
    return n;
}

/* Under a tally's line, one mark per start measured: the held-out
 * winner's colour (the text's on a tie); for the edge, run 1's colour,
 * filled within NET_STARTS_EDGE_BAND of its edge and a ring outside it. */
static void draw_marks(Renderer *r, const NetStartsPicture *p, int figure, double x, double y,
                       double width)
{
    double s = r->scale, radius = POINT_RADIUS * s;
    double step = fmin(3.0 * radius, p->count > 1 ? (width - 2 * radius) / (double)(p->count - 1)
                                                   : 0);
    for (size_t g = 0; g < p->measured; g++) {
        const NetStartRun *run = p->rows[g].run;
        double cx = x + radius + (double)g * step, cy = y + MARK_ROW * s / 2;
        if (figure == NET_STARTS_HELD_OUT) {
            Rgba color = run[1].test_acc > run[0].test_acc   ? r->run_colors[1]
                         : run[0].test_acc > run[1].test_acc ? r->run_colors[0]
                                                             : r->theme->text;
            shapes_disc(r->shapes, cx, cy, radius, color);
        } else if (fabs(run[0].edge_share - 1) <= NET_STARTS_EDGE_BAND) {
            shapes_disc(r->shapes, cx, cy, radius, r->run_colors[0]);
        } else {
            shapes_ring(r->shapes, cx, cy, radius - 0.6 * s, 0.6 * s, r->run_colors[0]);
        }
    }
}

/* The lines wrapped to width, with their marks, drawn from (x, y) when
 * draw; returns their height. */
static double draw_lines(Renderer *r, const NetStartsPicture *p, unsigned shown, double x,
                         double y, double width, bool draw)
{
    char lines[NET_STARTS_FIGURES + 1][512], rows[STARTS_ROWS][512];
    int figure[NET_STARTS_FIGURES + 1];
    size_t n = tally_lines(p, shown, lines, figure);
    int px = render_font_px(r, STARTS_TEXT_PX);
    double line = render_line_height(r, px), h = 0;
    for (size_t i = 0; i < n; i++) {
        int wrapped = render_wrap(r, px, lines[i], width, rows[0], sizeof rows[0], STARTS_ROWS);
        for (int k = 0; k < wrapped && draw; k++)
            render_text(r, rows[k], x, y + h + k * line, px, ALIGN_LEFT,
                        i == 0 ? r->theme->text : r->theme->dim);
        h += wrapped * line + (i == 0 ? 3.0 * r->scale : 0);
        if (figure[i] == NET_STARTS_HELD_OUT || figure[i] == NET_STARTS_EDGE) {
            if (draw)
                draw_marks(r, p, figure[i], x, y + h, width);
            h += MARK_ROW * r->scale;
        }
    }
    return h;
}

/* The height of p's lines and marks at width as they are once every start
 * is in, so the panel does not grow as they come (their numbers' widths
 * aside); -1 when memory is short. */
static double final_height(Renderer *r, const NetStartsPicture *p, unsigned shown, double width)
{
    NetStartsPicture *full = malloc(sizeof *full);
    if (!full)
        return -1;
    *full = *p;
    full->measured = full->count;
    full->error[0] = '\0';
    double h = draw_lines(r, full, shown, 0, 0, width, false);
    free(full);
    return h;
}

LayoutRequest render_starts_need(Renderer *r, const NetStartsPicture *shape, unsigned shown,
                                 bool compact)
{
    double s = r->scale, pad = 10.0 * s;
    double w = (compact ? STARTS_COMPACT_WIDTH : STARTS_WIDTH) * s;
    double h = final_height(r, shape, shown, w - 2 * pad);
    if (h < 0)
        return (LayoutRequest){.shown = false};
    return (LayoutRequest){true, w, h + 2 * pad, w, h + 2 * pad, false};
}

/* The panel's box is as tall as its lines, at the top of rect: a step's
 * group keeps the slot as tall as the tallest panel any of its steps puts
 * there (step 1's sharpness plot), and the box filling it stood two thirds
 * empty (adam_vs_sgd_network 2 at 960x540: 90 of 300 pixels written). */
double render_starts_height(Renderer *r, const NetStartsPicture *p, unsigned shown,
                            LayoutRect rect)
{
    double pad = 10.0 * r->scale;
    double h = final_height(r, p, shown, rect.w - 2 * pad);
    return h >= 0 ? fmin(rect.h, h + 2 * pad) : rect.h;
}

void render_starts_panel(Renderer *r, const NetStartsPicture *p, unsigned shown, LayoutRect rect)
{
    double pad = 10.0 * r->scale;
    rect.h = render_starts_height(r, p, shown, rect);
    render_panel(r, rect);
    draw_lines(r, p, shown, rect.x + pad, rect.y + pad, rect.w - 2 * pad, true);
}
