/*
 * data_view.c — what the data landscapes (linreg, logreg) show besides
 * their loss: an inset at the lower left with the dataset and the selected
 * run's current model, and on the map the geometry of their minimisers.
 *
 *   The weights are the map's point (x, y) and a sample's inputs (x1, x2),
 *   as in the legend's formula: the model's value is x·x1 + y·x2, written
 *   so on the panel (w·x made x both weight 1 and the inputs).  The logreg
 *   title names no equation: "boundary x·x1 + y·x2 = 0" widened the panel
 *   and left implicit_regularization 4's map 194 px high at 1280x720
 *   --projector (test_logistic_map_has_room).
 *   linreg inset: each sample as (prediction x·x1 + y·x2, target t) against
 *     the diagonal of a perfect fit, so the points settle onto the
 *     diagonal as the run converges; the residuals of the samples the
 *     last update used as stalks (every sample's where it used them all):
 *     the loss is half the mean squared residual, the update's gradient
 *     its batch's stalks.  Every sample's stalk, of 200 under a batch of
 *     2, drew a solid band along the diagonal (sgd_noise 4, issue 12).
 *   logreg inset: the samples in input space in two class colours, the
 *     model's probability σ(x·x1 + y·x2) as a tint (sharpening as |(x, y)|
 *     grows), its decision boundary x·x1 + y·x2 = 0, and on separable data
 *     the max-margin boundary it turns towards.
 *   Both ring the samples of the minibatch the last update used.
 *   map: linreg's line of minima with its minimum-norm point, joined to the
 *     origin (GD from 0 lands there) by a segment named "shortest way from
 *     0" where it has room (render_data_map_notes, after the runs' paths
 *     and heads, which it keeps off); separable logreg's max-margin
 *     direction as a ray from the origin (where w/|w| heads).
 *
 * The numbers come from the core (landscape_minimum_line,
 * landscape_max_margin_direction, optimizer_last_batch); this file only
 * draws them.  On when scene->display.data is.
 */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/number_text.h"
#include "scene/axis_ticks.h"

/* A sample's colour: y = −1 takes class 0's, y = +1 class 1's (theme.h). */
static Rgba class_of(double y)
{
    return theme_class_color(y > 0 ? 1 : 0);
}

/* Up to this many samples, each is drawn big. */
#define INSET_BIG_DOTS 30
/* At most this many samples are drawn (evenly picked), and at most this
 * many of a minibatch ringed. */
#define INSET_MAX_POINTS 1500
#define INSET_MAX_BATCH 512
/* The inset's side (pixels, times scale) and the smallest worth drawing. */
#define INSET_SIDE 250.0
#define INSET_MIN_SIDE 100.0
/* Its compact form's least side (a crowded frame). */
#define INSET_COMPACT_SIDE 70.0
/* The axes' values this far off the plot (pixels, times scale): a big
 * sample dot at the data's edge reaches past the plot's by less. */
#define INSET_VALUE_GAP 7.0
/* The logreg inset's tint is drawn in cells this wide (pixels, times
 * scale): at 8 its sureness stepped from cell to cell, and the boundary's
 * pale band read as a staircase (implicit_regularization 4, issue 12). */
#define INSET_TINT_CELL 3.0
/* A line drawn on the map is kept shown as at most this many boxes
 * along it, each this wide (pixels, times scale) and at least as far
 * apart. */
#define MAP_LINE_BOXES 32.0
#define MAP_LINE_BOX 8.0
/* Dash and gap of the lines drawn on the map (pixels, times scale). */
#define MAP_DASH 9.0
#define MAP_GAP 6.0

static Rgba with_alpha(Rgba c, float a)
{
    c.a = a;
    return c;
}

/* ------------------------------------------------------------------------ */
/* Layout                                                                    */

typedef struct InsetBox {
    double x, y, w, h;          /* the panel */
    double px, py, side;        /* the square plot inside it */
    double lo, hi;              /* the data square [lo, hi]² it shows */
} InsetBox;

static bool inset_shown(const Scene *scene)
{
    return scene->display.data && landscape_dataset(scene->landscape) != NULL &&
           scene->run_count > 0;
}

/* The inset's title, naming the selected run by its number where the
 * legend numbers the runs (scene_runs_told_apart): beside a lone run's
 * unnumbered legend "run 2's fit" named a run no other text showed. */
static void inset_title(const Scene *scene, char *title, size_t size)
{
    bool boundary = strcmp(landscape_name(scene->landscape), "logreg") == 0;
    if (!scene_runs_told_apart(scene))
        snprintf(title, size, "%s",
                 boundary ? _("data · the run's boundary") : _("data · the run's fit (residuals)"));
    else
        snprintf(title, size,
                 boundary ? _("data · run %zu's boundary") : _("data · run %zu's fit (residuals)"),
                 scene_run_number(scene, scene->selected));
}

/* The panel's height beside its square plot: the title's line, the y
 * axis's name over the plot, the x axis's values under it and the line
 * under those (key, x axis's name); *pad its inner margin. */
static double inset_chrome(Renderer *r, double *pad)
{
    *pad = 8.0 * r->scale;
    return 2 * *pad + render_line_height(r, render_font_px(r, 13.0)) +
           3 * render_line_height(r, render_font_px(r, 12.0)) + INSET_VALUE_GAP * r->scale;
}

/* The data square the plot shows, [*lo, *hi]² — linreg: target against
 * the best fit's prediction, centred on 0 (the start w = 0 predicts 0 for
 * every sample), so the points are seen travelling onto the diagonal;
 * logreg: the samples' inputs. */
static void inset_square(const Scene *scene, double *lo, double *hi)
{
    const Dataset *d = landscape_dataset(scene->landscape);
    bool logreg = strcmp(landscape_name(scene->landscape), "logreg") == 0;
    LandscapePoint best = {0, 0};
    if (!logreg)
        landscape_minima(scene->landscape, &best, 1);
    double reach = 1e-9;
    size_t stride = d->n / INSET_MAX_POINTS + 1;
    for (size_t i = 0; i < d->n; i += stride)
        reach = logreg ? fmax(reach, fmax(fabs(d->x1[i]), fabs(d->x2[i])))
                       : fmax(reach, fmax(fabs(d->y[i]),
                                          fabs(best.x * d->x1[i] + best.y * d->x2[i])));
    *hi = (logreg ? 1.1 : 1.5) * reach;
    *lo = -*hi;
}

/* The axes' values: round ticks (axis_ticks.h) about INSET_TICK_SPACING
 * pixels (times scale) apart on a plot side pixels wide, the same on both
 * axes of the square; their spacing, 0 when there are none. */
#define INSET_TICK_SPACING 45.0
static double inset_tick_step(Renderer *r, double lo, double hi, double side)
{
    return axis_tick_step(lo, hi, (int)fmax(1.0, side / (INSET_TICK_SPACING * r->scale)));
}

/* Tick value t's text (no "-0"). */
static const char *inset_tick_text(double t, char *dest, size_t size)
{
    return number_text(fabs(t) < 1e-12 ? 0.0 : t, 3, dest, size);
}

/* The widest y value's text on the plot: its left margin holds them. */
static double inset_values_width(Renderer *r, double lo, double hi, double side)
{
    int small = render_font_px(r, 12.0);
    double step = inset_tick_step(r, lo, hi, side), w = 0;
    char text[32];
    for (double t = step > 0 ? axis_first_tick(lo, step) : hi + 1; t <= hi; t += step)
        w = fmax(w, render_text_width(r, inset_tick_text(step * round(t / step), text,
                                                         sizeof text), small));
    return w + (INSET_VALUE_GAP + 2.0) * r->scale;
}

/* The line under the plot's values: the keys at its left (the ring round
 * the last step's minibatch, when the run takes minibatches; logreg's
 * max-margin boundary, when the data has one), the horizontal axis's name
 * at its right; the gap between them (pixels, times scale). */
#define INSET_LABEL_GAP 20.0
/* The ring's key: white rings mean misclassified in a network's data
 * panel, so these say what they ring (sgd_noise 4-5 had none). */
#define INSET_RING_KEY N_("last step's batch")
/* Its ring's radius, within the line's height, and its text's left, past
 * the ring (pixels, times scale). */
#define INSET_RING_KEY_RADIUS 5.0
#define INSET_RING_KEY_X 16.0
/* The ring round a sample of the minibatch: its radius beyond the dot's,
 * its stroke and its casing's beyond that (pixels, times scale). */
#define INSET_RING_OUT 3.2
#define INSET_RING_STROKE 1.3
#define INSET_RING_CASING 1.0

/* Whether the selected run's updates take minibatches: the inset rings
 * the last one's samples. */
static bool inset_batched(const Scene *scene)
{
    return scene->runs[scene->selected].run.desc.batch > 0;
}

/* How far the ring's key moves what follows it on the line: the ring, its
 * text and the gap (pixels). */
static double inset_ring_key_advance(Renderer *r)
{
    return (INSET_RING_KEY_X + INSET_LABEL_GAP) * r->scale +
           render_text_width(r, _(INSET_RING_KEY), render_font_px(r, 12.0));
}

static const char *inset_key(const Scene *scene)
{
    double dir[2];
    return strcmp(landscape_name(scene->landscape), "logreg") == 0 &&
                   landscape_max_margin_direction(scene->landscape, dir)
               ? _("- - max margin")
               : "";
}

static const char *inset_axis(const Scene *scene)
{
    bool logreg = strcmp(landscape_name(scene->landscape), "logreg") == 0;
    return logreg ? "x1" : _("prediction x·x1 + y·x2");
}

/* The vertical axis's name, over the plot (inside it, it overprinted the
 * points: implicit_regularization 4's "x2"). */
static const char *inset_y_axis(const Scene *scene)
{
    return strcmp(landscape_name(scene->landscape), "logreg") == 0 ? "x2" : _("target t");
}

/* The keys' width at the line's left, each followed by the gap (0 when
 * there are none). */
static double inset_keys_width(Renderer *r, const Scene *scene)
{
    int small = render_font_px(r, 12.0);
    double s = r->scale, w = 0;
    if (inset_batched(scene))
        w += inset_ring_key_advance(r);
    if (inset_key(scene)[0])
        w += render_text_width(r, inset_key(scene), small) + INSET_LABEL_GAP * s;
    return w;
}

/* The width the line under the plot needs: its keys and the axis's name
 * apart. */
static double inset_labels_width(Renderer *r, const Scene *scene)
{
    return render_text_width(r, inset_axis(scene), render_font_px(r, 12.0)) +
           inset_keys_width(r, scene);
}

LayoutRequest render_data_inset_need(Renderer *r, const Scene *scene, bool compact)
{
    if (!inset_shown(scene))
        return (LayoutRequest){.shown = false};
    double s = r->scale, pad, chrome = inset_chrome(r, &pad);
    char title[96];
    inset_title(scene, title, sizeof title);
    double title_w = fmax(render_text_width(r, title, render_font_px(r, 13.0)),
                          inset_labels_width(r, scene));
    /* At its least the plot is a small square under a title that may be
     * wider. */
    double least = (compact ? INSET_COMPACT_SIDE : INSET_MIN_SIDE) * s;
    double side = fmax(least, fmin(INSET_SIDE * s, fmin(0.34 * r->height, 0.3 * r->width)));
    double lo, hi;
    inset_square(scene, &lo, &hi);
    double margin = inset_values_width(r, lo, hi, least);
    return (LayoutRequest){true, fmax(side + margin, title_w) + 2 * pad, side + chrome,
                           fmax(least + margin, title_w) + 2 * pad, least + chrome, false};
}

/* The square plot in the panel the layout gave, right of its y values. */
static InsetBox inset_box(Renderer *r, const Scene *scene, LayoutRect rect)
{
    double pad, chrome = inset_chrome(r, &pad);
    double title = render_line_height(r, render_font_px(r, 13.0));
    double name = render_line_height(r, render_font_px(r, 12.0));
    InsetBox b = {rect.x, rect.y, rect.w, rect.h, 0, 0, 0, 0, 0};
    inset_square(scene, &b.lo, &b.hi);
    double side = rect.h - chrome;
    double margin = inset_values_width(r, b.lo, b.hi, side);
    b.side = fmin(rect.w - 2 * pad - margin, side);
    b.px = rect.x + pad + margin;
    b.py = rect.y + pad + title + name;
    return b;
}

/* A square of data coordinates [lo, hi]² mapped onto the plot. */
typedef struct DataFrame {
    double lo, hi;
    const InsetBox *box;
} DataFrame;

static void data_to_pixel(const DataFrame *f, double u, double v, double *px, double *py)
{
    double t = f->box->side / (f->hi - f->lo);
    *px = f->box->px + (u - f->lo) * t;
    *py = f->box->py + f->box->side - (v - f->lo) * t;
}

/* Whether (u, v) lies in the frame; clamps it there otherwise. */
static bool clamp_to_data(const DataFrame *f, double *u, double *v)
{
    double cu = fmin(fmax(*u, f->lo), f->hi), cv = fmin(fmax(*v, f->lo), f->hi);
    bool inside = cu == *u && cv == *v;
    *u = cu;
    *v = cv;
    return inside;
}

/* The part of the line {a + t d} inside the frame, as pixels; false when
 * it misses. */
static bool line_in_frame(const DataFrame *f, double ax, double ay, double dx, double dy,
                          double seg[4])
{
    double far = 4.0 * (f->hi - f->lo) / fmax(hypot(dx, dy), 1e-300);
    double x0, y0, x1, y1;
    data_to_pixel(f, ax - far * dx, ay - far * dy, &x0, &y0);
    data_to_pixel(f, ax + far * dx, ay + far * dy, &x1, &y1);
    const double box[4] = {f->box->px, f->box->py, f->box->px + f->box->side,
                           f->box->py + f->box->side};
    if (!clip_segment(box, &x0, &y0, &x1, &y1))
        return false;
    seg[0] = x0, seg[1] = y0, seg[2] = x1, seg[3] = y1;
    return true;
}

/* ------------------------------------------------------------------------ */
/* Drawing helpers                                                           */

/* A label on a small panel with its left edge at x, centred on y. */
static void map_label(Renderer *r, const Viewport *vp, const char *text, double x, double y)
{
    double s = r->scale;
    int px = render_font_px(r, 14.0);
    double w = render_text_width(r, text, px), h = render_line_height(r, px);
    render_label(r, text, fmin(x, vp->x + vp->width - w - 8.0 * s), y - 0.5 * h, px,
                 r->theme->mark);
}

/* The minibatch of the selected run's last update, as a mask over the
 * samples (NULL when it used them all). */
static const bool *last_batch_mask(Renderer *r, const Scene *scene, size_t n)
{
    const Run *run = &scene->runs[scene->selected].run;
    uint32_t idx[INSET_MAX_BATCH];
    size_t count = optimizer_last_batch(&run->desc, scene->landscape, &run->state, idx,
                                        INSET_MAX_BATCH);
    if (count == 0)
        return NULL;
    if (r->batch_mask_size < n) {
        bool *mask = realloc(r->batch_mask, n * sizeof *mask);
        if (!mask)
            return NULL;
        r->batch_mask = mask;
        r->batch_mask_size = n;
    }
    memset(r->batch_mask, 0, n * sizeof *r->batch_mask);
    for (size_t k = 0; k < count; k++)
        r->batch_mask[idx[k]] = true;
    return r->batch_mask;
}

/* A sample's dot's radius (pixels, times scale). */
static double sample_radius(bool big)
{
    return big ? 5.5 : 3.4;
}

static void sample_dot(Renderer *r, double px, double py, Rgba color, bool inside, bool big)
{
    render_sample(r, px, py, sample_radius(big), color, !inside);
}

/* The ring round a minibatch's sample (or the key's, radius given), in
 * the theme's batch colour over a casing: in the mark's white, under the
 * next dots, sgd_noise 4's rings read as more white dots (review, issue
 * 12).  Drawn after every dot and stalk. */
static void batch_ring(Renderer *r, double px, double py, double radius)
{
    double s = r->scale;
    shapes_ring(r->shapes, px, py, radius, (INSET_RING_STROKE + INSET_RING_CASING) * s,
                r->theme->path_casing);
    shapes_ring(r->shapes, px, py, radius, INSET_RING_STROKE * s, r->theme->batch);
}

/* ------------------------------------------------------------------------ */
/* linreg: target against prediction                                        */

static void draw_linreg_inset(Renderer *r, const Scene *scene, const InsetBox *box)
{
    const Dataset *d = landscape_dataset(scene->landscape);
    const Run *run = &scene->runs[scene->selected].run;
    RunPoint w = run_head(run);
    double s = r->scale;
    size_t stride = d->n / INSET_MAX_POINTS + 1;
    DataFrame f = {box->lo, box->hi, box};

    double x0, y0, x1, y1;
    data_to_pixel(&f, f.lo, f.lo, &x0, &y0);
    data_to_pixel(&f, f.hi, f.hi, &x1, &y1);
    shapes_segment(r->shapes, x0, y0, x1, y1, 1.0 * s, with_alpha(r->theme->text, 0.7f));
    data_to_pixel(&f, 0, 0, &x0, &y0);
    shapes_segment(r->shapes, box->px, y0, box->px + box->side, y0, 0.5 * s, r->theme->axis);
    shapes_segment(r->shapes, x0, box->py, x0, box->py + box->side, 0.5 * s, r->theme->axis);

    const bool *batch = last_batch_mask(r, scene, d->n);
    /* The stalks opaque and over the dots: at 0.75, each under its dot and
     * the next ones, the residuals near a good fit (sgd_noise 4) were
     * barely seen; as wide as the batch's ring, the few a minibatch has
     * read from the back of a room. */
    Rgba stalk = render_run_color(r, scene->selected, 1.0f);
    Rgba dot = with_alpha(r->theme->text, 0.95f);
    bool finite = isfinite(w.x) && isfinite(w.y);
    bool big = d->n <= 10;
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < d->n && finite; i += stride) {
            double u = w.x * d->x1[i] + w.y * d->x2[i], v = d->y[i], dv = u;
            bool inside = clamp_to_data(&f, &u, &v);
            clamp_to_data(&f, &dv, &dv);
            double px, py, qx, qy;
            data_to_pixel(&f, u, v, &px, &py);
            data_to_pixel(&f, u, dv, &qx, &qy);
            if (pass == 0)
                sample_dot(r, px, py, dot, inside, big);
            else if (pass == 1 && (!batch || batch[i]))
                shapes_segment(r->shapes, px, py, qx, qy, INSET_RING_STROKE * s, stalk);
            else if (batch && batch[i])
                batch_ring(r, px, py, (sample_radius(big) + INSET_RING_OUT) * s);
        }
}

/* ------------------------------------------------------------------------ */
/* logreg: the samples, the model's probability and boundary                 */

/* The tint of the class on z's side of the boundary (z = x·x1 + y·x2),
 * a of the way from ground to its colour. */
static Rgba class_tint(double z, float a, Rgba ground)
{
    Rgba c = class_of(z >= 0 ? 1.0 : -1.0);
    return (Rgba){ground.r + a * (c.r - ground.r), ground.g + a * (c.g - ground.g),
                  ground.b + a * (c.b - ground.b), 1.0f};
}

/* A cell the boundary crosses, its side cell pixels from (x0, y0), z at
 * its corners (top left, top right, bottom right, bottom left) given: each
 * class's part of it (z linear across the cell, so the boundary a straight
 * cut where z = 0) in that class's tint.  Whole cells in the class at
 * their centre drew the boundary as a staircase of cells
 * (implicit_regularization 4, issue 12). */
static void tint_cell_halves(Renderer *r, double x0, double y0, double cell,
                             const double corner[4], float a, Rgba ground)
{
    const double at[4][2] = {{x0, y0}, {x0 + cell, y0}, {x0 + cell, y0 + cell}, {x0, y0 + cell}};
    for (int side = 0; side < 2; side++) {
        /* The cell clipped to the side's half plane: at most 5 corners. */
        double part[5][2];
        int n = 0;
        for (int k = 0; k < 4; k++) {
            int next = (k + 1) % 4;
            double here = side ? corner[k] : -corner[k], there = side ? corner[next] : -corner[next];
            if (here >= 0) {
                part[n][0] = at[k][0], part[n][1] = at[k][1];
                n++;
            }
            if ((here >= 0) != (there >= 0)) {
                double t = here / (here - there);
                part[n][0] = at[k][0] + t * (at[next][0] - at[k][0]);
                part[n][1] = at[k][1] + t * (at[next][1] - at[k][1]);
                n++;
            }
        }
        Rgba c = class_tint(side ? 1.0 : -1.0, a, ground);
        for (int k = 1; k + 1 < n; k++)
            shapes_triangle(r->shapes, part[0], part[k], part[k + 1], c);
    }
}

static void draw_logreg_inset(Renderer *r, const Scene *scene, const InsetBox *box)
{
    const Dataset *d = landscape_dataset(scene->landscape);
    const Run *run = &scene->runs[scene->selected].run;
    RunPoint w = run_head(run);
    double s = r->scale;
    size_t stride = d->n / INSET_MAX_POINTS + 1;
    DataFrame f = {box->lo, box->hi, box};
    bool finite = isfinite(w.x) && isfinite(w.y);

    /* σ(x·x1 + y·x2) as a tint of the likelier class, stronger as it is surer;
     * opaque cells over an opaque ground, so their overlaps leave no seams. */
    Rgba ground = with_alpha(r->theme->panel, 1.0f);
    shapes_rect(r->shapes, box->px, box->py, box->side, box->side, ground);
    int cells = (int)fmax(8.0, floor(box->side / (INSET_TINT_CELL * s)));
    double cell = box->side / cells, unit = (f.hi - f.lo) / cells;
    for (int j = 0; j < cells && finite; j++)
        for (int i = 0; i < cells; i++) {
            double u = f.lo + (i + 0.5) * unit, v = f.hi - (j + 0.5) * unit;
            double z = w.x * u + w.y * v, p = 1.0 / (1.0 + exp(-z));
            float a = (float)(0.45 * fabs(2.0 * p - 1.0));
            double corner[4] = {z + 0.5 * unit * (-w.x + w.y), z + 0.5 * unit * (w.x + w.y),
                                z + 0.5 * unit * (w.x - w.y), z + 0.5 * unit * (-w.x - w.y)};
            double x0 = box->px + i * cell, y0 = box->py + j * cell;
            bool split = false;
            for (int k = 0; k < 4; k++)
                split |= (corner[k] >= 0) != (z >= 0);
            if (split) {
                tint_cell_halves(r, x0, y0, cell, corner, a, ground);
                continue;
            }
            shapes_rect(r->shapes, x0, y0, cell + 0.75, cell + 0.75, class_tint(z, a, ground));
        }

    /* The max-margin boundary dashed over the run's: GD's turns towards
     * it, and under the solid line it was hidden (implicit_regularization
     * 4); each dash is cased, the run's colour shows in the gaps. */
    double seg[4], dir[2];
    if (finite && hypot(w.x, w.y) > 0 && line_in_frame(&f, 0, 0, -w.y, w.x, seg)) {
        shapes_segment(r->shapes, seg[0], seg[1], seg[2], seg[3], 2.6 * s, r->theme->casing);
        shapes_segment(r->shapes, seg[0], seg[1], seg[2], seg[3], 1.6 * s,
                       render_run_color(r, scene->selected, 1.0f));
    }
    if (landscape_max_margin_direction(scene->landscape, dir) &&
        line_in_frame(&f, 0, 0, -dir[1], dir[0], seg))
        render_dashed(r, seg[0], seg[1], seg[2], seg[3], 6.0 * s, 4.0 * s, 0.9 * s,
                      r->theme->mark);
    const bool *batch = last_batch_mask(r, scene, d->n);
    bool big = d->n <= INSET_BIG_DOTS;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < d->n; i += stride) {
            double u = d->x1[i], v = d->x2[i], px, py;
            data_to_pixel(&f, u, v, &px, &py);
            if (pass == 0)
                sample_dot(r, px, py, class_of(d->y[i]), true, big);
            else if (batch && batch[i])
                batch_ring(r, px, py, (sample_radius(big) + INSET_RING_OUT) * s);
        }
}

/* The axes' values, outside the plot (adam_vs_sgd 3's had none) and off
 * its points (a sample's dot reaches past the edge by INSET_VALUE_GAP at
 * most): a tick on its left edge and the value left of it for y, a tick
 * on its bottom edge and the value under it for x.  Each tick is marked;
 * a value is written where it keeps clear of the last one written, of
 * the other axis's values (a y value not below the plot's foot, an x
 * value not left of its left edge) and of the panel's edge. */
static void draw_inset_values(Renderer *r, const InsetBox *box)
{
    double s = r->scale, gap = INSET_VALUE_GAP * s;
    int small = render_font_px(r, 12.0);
    double line = render_line_height(r, small), step = inset_tick_step(r, box->lo, box->hi,
                                                                        box->side);
    double bottom = box->py + box->side, last_x = box->px, last_y = HUGE_VAL;
    DataFrame f = {box->lo, box->hi, box};
    char text[32];
    for (double t = step > 0 ? axis_first_tick(box->lo, step) : box->hi + 1; t <= box->hi;
         t += step) {
        double value = step * round(t / step), px, py;
        data_to_pixel(&f, value, value, &px, &py);
        inset_tick_text(value, text, sizeof text);
        shapes_segment(r->shapes, box->px, py, box->px + 4.0 * s, py, 0.8 * s, r->theme->axis);
        shapes_segment(r->shapes, px, bottom - 4.0 * s, px, bottom, 0.8 * s, r->theme->axis);
        if (py + 0.5 * line <= bottom && last_y - py >= line) {
            render_text(r, text, box->px - gap, py - 0.5 * line, small, ALIGN_RIGHT,
                        r->theme->dim);
            last_y = py;
        }
        double half = 0.5 * render_text_width(r, text, small);
        if (px - half >= last_x && px + half <= box->x + box->w) {
            render_text(r, text, px, bottom + gap, small, ALIGN_CENTER, r->theme->dim);
            last_x = px + half + 4.0 * s;
        }
    }
}

/* Under the values: its keys at the panel's left, under the y values as
 * render_data_inset_need measured them (from the plot's left they ran past
 * the panel: sgd_noise 4's "last step's batch" into the axis's name), the
 * axis's name at the plot's right, or further right when the plot is
 * narrower than the two (a compact inset's: they overlapped there).  Over
 * the plot, at its left, the vertical axis's name. */
/* The classes' colours keyed by their labels t (the legend's formula's
 * t_i), "t: ● −1 ● +1", right of the vertical axis's name over the plot,
 * where that line has room: implicit_regularization 4's two colours had
 * no key (issue 12).  Each a sample's dot, then its label, ending at the
 * plot's right edge; y is the line's top. */
static void draw_class_key(Renderer *r, const Scene *scene, const InsetBox *box, double y)
{
    static const char *const names[3] = {"t:", "−1", "+1"};
    bool big = landscape_dataset(scene->landscape)->n <= INSET_BIG_DOTS;
    double s = r->scale, dot = sample_radius(big) * s, gap = 6.0 * s, w = 0;
    int small = render_font_px(r, 12.0);
    double line = render_line_height(r, small);
    for (int k = 0; k < 3; k++)
        w += (k ? 2.0 * dot + 2.0 * gap : 0) + render_text_width(r, names[k], small);
    double x = box->px + box->side - w;
    if (x < box->px + render_text_width(r, inset_y_axis(scene), small) + 2.0 * gap)
        return;
    for (int k = 0; k < 3; k++) {
        if (k > 0) {
            sample_dot(r, x + gap + dot, y + 0.5 * line, class_of(k == 2 ? 1.0 : -1.0), true,
                       big);
            x += 2.0 * dot + 2.0 * gap;
        }
        render_text(r, names[k], x, y, small, ALIGN_LEFT, r->theme->dim);
        x += render_text_width(r, names[k], small);
    }
}

static void draw_inset_labels(Renderer *r, const Scene *scene, const InsetBox *box)
{
    double s = r->scale;
    int small = render_font_px(r, 12.0);
    double line = render_line_height(r, small);
    render_text(r, inset_y_axis(scene), box->px, box->py - line - 1.0 * s, small, ALIGN_LEFT,
                r->theme->dim);
    if (strcmp(landscape_name(scene->landscape), "logreg") == 0)
        draw_class_key(r, scene, box, box->py - line - 1.0 * s);
    double y = box->py + box->side + line + INSET_VALUE_GAP * s + 2.0 * s;
    double pad;
    inset_chrome(r, &pad);
    double x = box->x + pad;
    render_text(r, inset_axis(scene), fmax(box->px + box->side, x + inset_labels_width(r, scene)),
                y, small, ALIGN_RIGHT, r->theme->dim);
    if (inset_batched(scene)) {
        batch_ring(r, x + INSET_RING_KEY_RADIUS * s, y + 0.5 * line, INSET_RING_KEY_RADIUS * s);
        render_text(r, _(INSET_RING_KEY), x + INSET_RING_KEY_X * s, y, small, ALIGN_LEFT,
                    r->theme->dim);
        x += inset_ring_key_advance(r);
    }
    if (inset_key(scene)[0])
        render_text(r, inset_key(scene), x, y, small, ALIGN_LEFT, r->theme->dim);
}

void render_data_inset(Renderer *r, const Scene *scene, LayoutRect rect)
{
    if (!inset_shown(scene))
        return;
    InsetBox box = inset_box(r, scene, rect);
    double s = r->scale;
    shapes_rect(r->shapes, box.x, box.y, box.w, box.h, r->theme->panel);
    shapes_rect(r->shapes, box.px, box.py, box.side, box.side, with_alpha(r->theme->shade, 0.25f));
    bool logreg = strcmp(landscape_name(scene->landscape), "logreg") == 0;
    char title[96];
    inset_title(scene, title, sizeof title);
    render_text(r, title, box.x + 8.0 * s, box.y + 6.0 * s, render_font_px(r, 13.0),
                ALIGN_LEFT, r->theme->text);
    if (logreg)
        draw_logreg_inset(r, scene, &box);
    else
        draw_linreg_inset(r, scene, &box);
    render_note_plot_area(r, (LayoutRect){box.px, box.py, box.side, box.side});
    draw_inset_values(r, &box);
    draw_inset_labels(r, scene, &box);
}

/* ------------------------------------------------------------------------ */
/* On the map                                                                */

/* The visible part of the line {p + t dir} (t >= t_from times a length
 * beyond the frame): its ends' pixels into seg, false when none is
 * visible. */
static bool map_line_pixels(const Viewport *vp, LandscapePoint p, const double dir[2],
                            double t_from, double seg[4])
{
    double far = 4.0 * (vp->world.xmax - vp->world.xmin + vp->world.ymax - vp->world.ymin);
    double x0, y0, x1, y1;
    viewport_to_pixel(vp, p.x + t_from * far * dir[0], p.y + t_from * far * dir[1], &x0, &y0);
    viewport_to_pixel(vp, p.x + far * dir[0], p.y + far * dir[1], &x1, &y1);
    const double box[4] = {vp->x, vp->y, vp->x + vp->width, vp->y + vp->height};
    if (!clip_segment(box, &x0, &y0, &x1, &y1))
        return false;
    seg[0] = x0, seg[1] = y0, seg[2] = x1, seg[3] = y1;
    return true;
}

/* That line across the frame, dashed (map_line_pixels). */
static bool draw_map_line(Renderer *r, const Viewport *vp, LandscapePoint p, const double dir[2],
                          double t_from, double seg[4])
{
    double s = r->scale;
    if (!map_line_pixels(vp, p, dir, t_from, seg))
        return false;
    render_dashed(r, seg[0], seg[1], seg[2], seg[3], MAP_DASH * s, MAP_GAP * s, 1.2 * s,
                  r->theme->mark);
    /* The line is what its step is about: a key over the map keeps off it
     * as off the labels (key_covers counts Renderer.marks), and the
     * labels may still lie beside it.  The key had covered
     * implicit_regularization 3's line of minima at 960x540 (issue 12). */
    double len = hypot(seg[2] - seg[0], seg[3] - seg[1]);
    double every = fmax(len / MAP_LINE_BOXES, MAP_LINE_BOX * s), half = 0.5 * MAP_LINE_BOX * s;
    for (double t = 0; len > 0 && t <= len && r->mark_count < sizeof r->marks / sizeof r->marks[0];
         t += every) {
        double x = seg[0] + (seg[2] - seg[0]) * t / len, y = seg[1] + (seg[3] - seg[1]) * t / len;
        r->marks[r->mark_count++] = (LayoutRect){x - half, y - half, 2.0 * half, 2.0 * half};
    }
    return true;
}

/* Whether a lesson mark already sits at pixel (px, py). */
static bool marked_at(const Scene *scene, const Viewport *vp, double px, double py)
{
    for (size_t k = 0; k < scene->mark_count; k++) {
        double mx, my;
        viewport_to_pixel(vp, scene->marks[k].x, scene->marks[k].y, &mx, &my);
        if (hypot(mx - px, my - py) < 12.0)
            return true;
    }
    return false;
}

/* Whether box keeps clear of the lesson's marks: each dot, and its label
 * beside it where world.c's draw_marks would place it now
 * (render_label_beside; drawn later, it keeps off this box in any case). */
static bool clear_of_marks(Renderer *r, const Scene *scene, const Viewport *vp, LayoutRect box)
{
    double s = r->scale, margin = 6.0 * s;
    int px = render_font_px(r, 15.0);
    for (size_t k = 0; k < scene->mark_count; k++) {
        double mx, my;
        const char *label = scene->marks[k].label;
        viewport_to_pixel(vp, scene->marks[k].x, scene->marks[k].y, &mx, &my);
        double half = 0.5 * render_line_height(r, px);
        LayoutRect text = render_label_beside(r, scene, vp, mx, my, label, px);
        double left = fmin(mx - half, text.x), right = fmax(mx, text.x + text.w);
        double top = fmin(my - half, text.y), bottom = fmax(my + half, text.y + text.h);
        if (box.x < right + margin && box.x + box.w > left - margin &&
            box.y < bottom + margin && box.y + box.h > top - margin)
            return false;
    }
    return true;
}

/* Box, or where it is moved off the labels placed so far
 * (layout_place_label) where that keeps it whole on the map and off the
 * lesson's marks: a label moved off the map by them was drawn under a
 * panel or cut at the map's foot (implicit_regularization 1-2 at 1280x720
 * --projector: "line of minima" cut, "min-norm point (0.6, 1.2)", which
 * step 2's caption cites, under the legend, issue 12). */
static LayoutRect moved_on_map(Renderer *r, const Scene *scene, const Viewport *vp,
                               LayoutRect box)
{
    LayoutRect map = render_visible_map(r, vp);
    double inset = 4.0 * r->scale;
    LayoutRect moved = layout_place_label(r->labels, r->label_count, box, RENDER_LABEL_MOVES);
    bool on_map = moved.x >= map.x && moved.x + moved.w <= map.x + map.w &&
                  moved.y >= map.y + inset && moved.y + moved.h <= map.y + map.h - inset;
    return on_map && clear_of_marks(r, scene, vp, moved) ? moved : box;
}

/* Whether box keeps clear of the segment (x0, y0)-(x1, y1) by margin. */
static bool clear_of_segment(LayoutRect box, double x0, double y0, double x1, double y1,
                             double margin)
{
    const double b[4] = {box.x - margin, box.y - margin, box.x + box.w + margin,
                         box.y + box.h + margin};
    return !clip_segment(b, &x0, &y0, &x1, &y1);
}

void render_data_map(Renderer *r, const Scene *scene, const Viewport *vp)
{
    if (!scene->display.data)
        return;
    double s = r->scale, dir[2];
    LandscapePoint p;
    double seg[4];
    if (landscape_minimum_line(scene->landscape, &p, dir)) {
        bool shown = draw_map_line(r, vp, p, dir, -1.0, seg);
        /* The min-norm point is the line's point nearest the origin. */
        double ox, oy, px, py;
        viewport_to_pixel(vp, 0, 0, &ox, &oy);
        viewport_to_pixel(vp, p.x, p.y, &px, &py);
        render_dashed(r, ox, oy, px, py, 3.0 * s, 4.0 * s, 0.8 * s, with_alpha(r->theme->mark, 0.8f));
        shapes_disc(r->shapes, px, py, 4.0 * s, r->theme->mark);
        /* The line's name a little way along it from that point, above it
         * (beside it when steep), then under it (on its other side), further
         * along or, on a small map, nearer the point, moved in across the
         * map as drawn (render_visible_map) to lie whole on it: the first
         * place there off the line itself, the panels in its corners, the
         * labels so far (the axes' values), the lesson's marks (adam_vs_sgd
         * marks where Adam ends on the line) and the point.  Where none is,
         * the same places across the line itself, which the name's panel
         * covers (a name on its road, as maps do: on a small map the first
         * place, moved in, lay over the axis's "x" and "4", adam_vs_sgd 2-3
         * in Chinese at 1280x720 --projector); where none of those either,
         * the first place tried, moved in, then off the labels there
         * (layout_place_label) where that keeps it whole on the map and
         * off the marks: off the map, it stood cut at the map's foot (implicit_regularization
         * 1-2 at 1280x720 --projector, issue 12). */
        const char *name = _("line of minima");
        int label_px = render_font_px(r, 14.0);
        double pad = RENDER_LABEL_PAD * s, inset = 4.0 * s;
        double w = render_text_width(r, name, label_px) + 2.0 * pad;
        double h = render_line_height(r, label_px);
        double ux = dir[0], uy = -dir[1];
        if (ux < 0)
            ux = -ux, uy = -uy;
        LayoutRect map = render_visible_map(r, vp);
        LayoutRect dot = {px - 7.0 * s, py - 7.0 * s, 14.0 * s, 14.0 * s};
        static const double along[] = {190.0, 290.0, 110.0, 70.0};
        LayoutRect first = {0}, box = {0};
        bool placed = false;
        for (int across = 0; across < 2 && !placed; across++)
            for (int over = 1; over >= -1 && !placed; over -= 2)
                for (size_t a = 0; a < sizeof along / sizeof along[0] && !placed; a++)
                    for (int side = 1; side >= -1 && !placed; side -= 2) {
                        double lx = px + side * ux * along[a] * s;
                        double ly = py + side * uy * along[a] * s;
                        if (ux >= fabs(uy))
                            ly -= over * (0.5 * h + 5.0 * s + 0.5 * w * fabs(uy / ux));
                        else
                            lx += over * (0.5 * w + 12.0 * s + 0.5 * h * fabs(ux / uy));
                        box = (LayoutRect){lx - 0.5 * w, ly - 0.5 * h, w, h};
                        box.x = fmax(fmin(box.x, map.x + map.w - w - inset), map.x + inset);
                        if (over == 1 && a == 0 && side == 1)
                            first = box;
                        placed = box.y >= map.y + inset && box.y + h <= map.y + map.h - inset &&
                                 (!shown || across ||
                                  clear_of_segment(box, seg[0], seg[1], seg[2], seg[3], 2.0 * s)) &&
                                 !layout_overlap(box, dot) && !render_on_panel(r, box) &&
                                 !render_on_kept_clear(r, box) && clear_of_marks(r, scene, vp, box);
                    }
        if (!placed) {
            box = first;
            box.y = fmax(fmin(box.y, map.y + map.h - h - inset), map.y + inset);
            box = moved_on_map(r, scene, vp, box);
        }
        render_label_at(r, name, box, label_px, r->theme->mark);
        return;
    }
    LandscapePoint minima[1];
    if (landscape_max_margin_direction(scene->landscape, dir) &&
        landscape_minima(scene->landscape, minima, 1) == 0 &&
        draw_map_line(r, vp, (LandscapePoint){0, 0}, dir, 0.0, seg)) {
        /* Named a third of the way along what is visible (further out it
         * runs into the corner panels: the formula, the plots), or nearer
         * the origin where a panel covers that place; beside the line where
         * the line does not cross the name: after the point on the side the
         * line leaves as it goes right, or before it on the other side. */
        static const double fractions[] = {1.0 / 3.0, 0.25, 0.15};
        double len = hypot(seg[2] - seg[0], seg[3] - seg[1]);
        bool rising = (seg[3] - seg[1]) * (seg[2] - seg[0]) < 0;
        const char *name = _("max-margin direction");
        int label_px = render_font_px(r, 14.0);
        double h = text_line_height(r->text, label_px), w = render_text_width(r, name, label_px);
        double offset = 0.5 * h + 6.0 * s;
        double first_x = 0, first_y = 0;
        bool placed = len <= 80.0 * s;
        for (size_t k = 0; k < sizeof fractions / sizeof fractions[0] && !placed; k++)
            for (int after = 1; after >= 0 && !placed; after--) {
                double mx = seg[0] + (seg[2] - seg[0]) * fractions[k];
                double my = seg[1] + (seg[3] - seg[1]) * fractions[k];
                mx = after ? mx + 10.0 * s : mx - 10.0 * s - w;
                my += (rising == (after == 1)) ? offset : -offset;
                if (k == 0 && after)
                    first_x = mx, first_y = my;
                LayoutRect box = {mx, my - 0.5 * h, w, h};
                placed = mx > vp->x + 8.0 * s && mx + w < vp->x + vp->width - 8.0 * s &&
                         !render_on_panel(r, box);
                if (placed)
                    map_label(r, vp, name, mx, my);
            }
        if (!placed)
            map_label(r, vp, name, first_x, first_y);
    }
}

/* The segment's name: what the dotted line from the origin to the min-norm
 * point is (adam_vs_sgd 2 left it unnamed beside Adam's diagonal, issue
 * 12).  Two lines, as the least map (1280x720 --projector) holds them
 * beside the segment. */
#define SHORTEST_WAY N_("shortest\nway from 0")

/* Whether the leader from (ax, ay) to box's centre, up to box's edge,
 * keeps off the runs' paths (render_box_on_paths, a 3-pixel box every 3
 * pixels) from 12 pixels out (GD's path from 0 runs along the segment):
 * in Chinese adam_vs_sgd 2's label stood right of the segment, its leader
 * across Adam's path, and read as naming that path. */
static bool leader_off_paths(const Renderer *r, const Scene *scene, const Viewport *vp, double ax,
                             double ay, LayoutRect box)
{
    double cx = box.x + 0.5 * box.w, cy = box.y + 0.5 * box.h;
    double len = hypot(cx - ax, cy - ay), s = r->scale;
    for (double t = 12.0 * s; t < len; t += 3.0 * s) {
        double x = ax + (cx - ax) * t / len, y = ay + (cy - ay) * t / len;
        if (x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h)
            return true;
        if (render_box_on_paths(r, scene, vp, (LayoutRect){x - 1.5 * s, y - 1.5 * s, 3 * s, 3 * s}))
            return false;
    }
    return true;
}

/* The gap (pixels, times scale) render_label_beside leaves between a
 * label and its point at the least: a label within it and two lines
 * further (the first places it tries, half a line apart) stands near. */
#define NAME_NEAR_GAP 9.0

/* The min-norm point's name with its coordinates, which the captions cite
 * (issue 12), beside it (render_label_beside) off the runs' paths where
 * there is room: GD's path from 0 ends on the point, and from another
 * start crosses the map by it (implicit_regularization 2 and 3 had the
 * label across GD's path), led to it where it stands off (adam_vs_sgd at
 * 1366x768 --projector: 60 pixels out, beside Adam's end, unled, it named
 * that).  Where the whole name finds no place near the point (a gap and
 * two lines, NAME_NEAR_GAP), the name without the coordinates where it
 * stands nearer: implicit_regularization 3's, 320 pixels wide at 1280x720
 * --projector, stood 121 pixels under its point, the places near it on
 * the axis's "2" or the line's name (review, issue 12); that step's
 * caption cites no coordinates.  None where a lesson mark names the
 * point. */
static void name_min_norm(Renderer *r, const Scene *scene, const Viewport *vp, LandscapePoint p,
                          double px, double py)
{
    if (marked_at(scene, vp, px, py))
        return;
    char x[16], y[16], whole[160];
    snprintf(whole, sizeof whole, _("min-norm point (%s, %s)"), number_text(p.x, 2, x, sizeof x),
             number_text(p.y, 2, y, sizeof y));
    int font = render_font_px(r, 14.0);
    const char *label = whole;
    LayoutRect box = render_label_beside(r, scene, vp, px, py, label, font);
    double near = NAME_NEAR_GAP * r->scale + 2.0 * render_line_height(r, font);
    if (layout_distance(box, px, py) > near) {
        const char *name = _("min-norm point");
        LayoutRect named = render_label_beside(r, scene, vp, px, py, name, font);
        if (layout_distance(named, px, py) < layout_distance(box, px, py))
            label = name, box = named;
    }
    double pad = RENDER_LABEL_PAD * r->scale;
    LayoutRect panel = moved_on_map(r, scene, vp,
                                    (LayoutRect){box.x - pad, box.y,
                                                 render_text_width(r, label, font) + 2.0 * pad,
                                                 render_line_height(r, font)});
    render_label_leader(r, px, py, (LayoutRect){panel.x + pad, panel.y, box.w, box.h});
    render_label_at(r, label, panel, font, r->theme->mark);
}

void render_data_map_notes(Renderer *r, const Scene *scene, const Viewport *vp)
{
    LandscapePoint p;
    double dir[2], line[4];
    if (!scene->display.data || r->view3d || !landscape_minimum_line(scene->landscape, &p, dir))
        return;
    double s = r->scale, ox, oy, px, py;
    viewport_to_pixel(vp, 0, 0, &ox, &oy);
    viewport_to_pixel(vp, p.x, p.y, &px, &py);
    name_min_norm(r, scene, vp, p, px, py);
    double len = hypot(px - ox, py - oy);
    if (len < 60.0 * s || !map_line_pixels(vp, p, dir, -1.0, line))
        return;
    /* Its lines, and the box they take. */
    char text[128];
    snprintf(text, sizeof text, "%s", _(SHORTEST_WAY));
    const char *lines[2] = {text, NULL};
    char *cut = strchr(text, '\n');
    if (cut) {
        *cut = '\0';
        lines[1] = cut + 1;
    }
    int font = render_font_px(r, 14.0);
    double pad = RENDER_LABEL_PAD * s, h = render_line_height(r, font), w = 0;
    size_t count = lines[1] ? 2 : 1;
    for (size_t k = 0; k < count; k++)
        w = fmax(w, render_text_width(r, lines[k], font));
    w += 2.0 * pad;
    h *= (double)count;
    /* Beside the segment, half way along it or nearer either end, on either
     * side, at the least distance, then further out (RENDER_LABEL_DISTANCES)
     * with a leader to the segment: the first place on the map, off the
     * panels, the marks, a gap from the labels so far (the min-norm
     * point's, the line's, the axes' values), the line of minima and the
     * runs' paths, its leader off those paths where any place has one;
     * first off the axes too (implicit_regularization 2's lay over the x
     * axis and its "1"; in Chinese at 960x540 the segment, 73 pixels, had
     * no clear place beside it, and the label lay on the x axis).  None
     * where nothing is clear. */
    static const double along[] = {0.5, 0.3, 0.7};
    double ux = (px - ox) / len, uy = (py - oy) / len, gap = 8.0 * s;
    double reach = 0.5 * (w * fabs(uy) + h * fabs(ux)) + gap;
    double further = 0.5 * render_line_height(r, font);
    /* Passes: the leader off the paths and the box off the axes, then
     * either given up, the leader's first; given up, only where the label
     * stands within 24 pixels of the segment, its leader short: a longer
     * one across a path reads as naming that path (implicit_regularization
     * 3 at 960x540 was led 60 pixels across run 2's once labels kept off
     * each path by its own width, issue 12). */
    for (int pass = 0; pass < 4; pass++)
        for (int out = 0, leader = pass < 2, axes = !(pass & 1); out < RENDER_LABEL_DISTANCES;
             out++)
            for (size_t a = 0; a < sizeof along / sizeof along[0]; a++)
                for (int side = -1; side <= 1; side += 2) {
                    double ax = ox + along[a] * (px - ox), ay = oy + along[a] * (py - oy);
                    double d = reach + further * out;
                    double cx = ax + side * uy * d, cy = ay - side * ux * d;
                    LayoutRect box = {cx - 0.5 * w, cy - 0.5 * h, w, h};
                    bool clear =
                        box.x > vp->x + 8.0 * s && box.x + w < vp->x + vp->width - 8.0 * s &&
                        box.y > vp->y + 8.0 * s && box.y + h < vp->y + vp->height - 8.0 * s &&
                        !render_on_panel(r, box) && clear_of_marks(r, scene, vp, box) &&
                        clear_of_segment(box, line[0], line[1], line[2], line[3], 4.0 * s) &&
                        !render_box_on_paths(r, scene, vp, box) &&
                        (leader ? leader_off_paths(r, scene, vp, ax, ay, box)
                                : layout_distance(box, ax, ay) <= 24.0 * s) &&
                        (!axes || !render_box_on_lines(r, scene, vp, box));
                    /* On the x axis touching its "2",
                     * implicit_regularization 3's read "way from 0 2"
                     * at 960x540. */
                    LayoutRect apart = {box.x - gap, box.y - gap, w + 2.0 * gap, h + 2.0 * gap};
                    for (size_t k = 0; k < r->label_count && clear; k++)
                        clear = !layout_overlap(apart, r->labels[k]);
                    if (!clear)
                        continue;
                    render_label_leader(r, ax, ay, (LayoutRect){box.x + pad, box.y, w - 2.0 * pad, h});
                    render_keep_shown(r, box);
                    shapes_rect(r->shapes, box.x, box.y, box.w, box.h, r->theme->label_panel);
                    for (size_t k = 0; k < count; k++)
                        render_text(r, lines[k], box.x + pad,
                                    box.y + (double)k * (h / (double)count), font, ALIGN_LEFT,
                                    r->theme->mark);
                    return;
                }
}
