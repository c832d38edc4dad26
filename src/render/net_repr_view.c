/*
 * net_repr_view.c — the representation view (scene/net_repr.h) drawn over
 * a network scene's map: the input plane's grid lines as a hidden layer
 * sees them (the lines of constant x2 in one colour, of constant x1 in
 * another: where they cross, bend and fold is what the layer did to the
 * plane), the training points in their class's colour; its notes (the
 * axes, the linear probe's accuracy) go in the legend, or beside the
 * picture where the legend takes its compact form (layout.h).  Shown in
 * place of the slice while display.net_layer is a hidden layer (the 'R'
 * key, --representation).
 */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>

#include "scene/net_repr.h"

#define REPR_TEXT_PX 13.0
/* The picture's margin inside the map, as a share of its side. */
#define REPR_MARGIN 0.06
/* The grid's lines: this wide and this opaque (rows, columns), under
 * points this big (radius), each on a disc of the ground this much wider
 * (pixels at scale 1).  At 1.1 px, 0.55 and 0.85 under points 2.7 out,
 * representation 2's points were lost among the folded lines (review of
 * session 27's frames). */
#define REPR_LINE_HALF 0.9
#define REPR_ROW_ALPHA 0.35f
#define REPR_COLUMN_ALPHA 0.6f
#define REPR_POINT 3.6
#define REPR_POINT_GROUND 1.6

/* The picture's box fitted into the map: pixel of (a, b).  Equal scales,
 * except on the plane across a probe's cut, whose axis 0 (often a few per
 * cent of the variance) is widened so the classes' sides can be seen (its
 * note says so), to the box's width but no wider than the other axis is
 * high: widened to the whole width of a wide map, its sideways zigzags
 * filled the picture. */
typedef struct ReprFit {
    double unit[2], x0, y0, a0, b0;
} ReprFit;

static ReprFit fit_picture(const NetReprPicture *p, const Viewport *vp)
{
    double wa = fmax(p->hi[0] - p->lo[0], 1e-12), wb = fmax(p->hi[1] - p->lo[1], 1e-12);
    double ua = (1 - 2 * REPR_MARGIN) * vp->width / wa;
    double ub = (1 - 2 * REPR_MARGIN) * vp->height / wb;
    if (!p->plane.across_cut)
        ua = ub = fmin(ua, ub);
    else
        ua = fmin(ua, ub * wb / wa);
    return (ReprFit){{ua, ub}, vp->x + 0.5 * (vp->width - ua * wa),
                     vp->y + 0.5 * (vp->height + ub * wb), p->lo[0], p->lo[1]};
}

static void to_pixel(const ReprFit *f, const double *ab, double *x, double *y)
{
    *x = f->x0 + (ab[0] - f->a0) * f->unit[0];
    *y = f->y0 - (ab[1] - f->b0) * f->unit[1];
}

/* The lines, clipped to the box: across a probe's cut they run past it
 * (net_repr.h's lo and hi). */
static void draw_lines(Renderer *r, const NetReprPicture *p, const ReprFit *f, const Viewport *box)
{
    const double clip[4] = {box->x, box->y, box->x + box->width, box->y + box->height};
    /* The columns more opaque than the rows: at the rows' opacity the gold
     * read as one dull tan, and the note's colour word did not match. */
    Rgba colors[2] = {r->theme->text, r->theme->accent};
    colors[0].a = REPR_ROW_ALPHA;
    colors[1].a = REPR_COLUMN_ALPHA;
    for (int line = 0; line < 2 * NET_REPR_LINES; line++) {
        const double *points = p->lines + (size_t)line * NET_REPR_POINTS * 2;
        double px = 0, py = 0;
        for (int k = 0; k < NET_REPR_POINTS; k++) {
            double x, y;
            to_pixel(f, points + 2 * k, &x, &y);
            double x0 = px, y0 = py, x1 = x, y1 = y;
            if (k > 0 && isfinite(x + y + px + py) && clip_segment(clip, &x0, &y0, &x1, &y1))
                shapes_segment(r->shapes, x0, y0, x1, y1, REPR_LINE_HALF * r->scale,
                               colors[line / NET_REPR_LINES]);
            px = x, py = y;
        }
    }
}

/* The points over the lines, each on a disc of the ground that parts it
 * from them. */
static void draw_points(Renderer *r, const Scene *scene, const NetReprPicture *p,
                        const ReprFit *f)
{
    const NetData *train = &net_stage_data(scene->net)->train;
    Rgba ground = r->theme->panel;
    ground.a = 1.0f;
    /* Every disc under every point: drawn with each point, a disc would
     * cover its crowding neighbours' edges. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < p->train_count; k++) {
            double x, y;
            to_pixel(f, p->train + 2 * k, &x, &y);
            if (!isfinite(x + y))
                continue;
            if (pass == 0)
                shapes_disc(r->shapes, x, y, (REPR_POINT + REPR_POINT_GROUND) * r->scale, ground);
            else
                render_sample(r, x, y, REPR_POINT, theme_class_color((int)train->y[k]), false);
        }
}

/* The probe's straight cut (represent.h) across the picture's box,
 * dashed: the classes' border as the probe draws it. */
static void draw_cut(Renderer *r, const NetReprPicture *p, const ReprFit *f, const Viewport *box)
{
    const double *cut = p->plane.cut;
    double norm2 = cut[0] * cut[0] + cut[1] * cut[1];
    if (!(norm2 > 0) || !isfinite(norm2 + cut[2]))
        return;
    /* Its point nearest the plane's origin, and its direction; the line
     * reaches well past the box either way before clipping. */
    double far = 4.0 * (p->hi[0] - p->lo[0] + p->hi[1] - p->lo[1]) / sqrt(norm2);
    double on[2] = {-cut[2] * cut[0] / norm2, -cut[2] * cut[1] / norm2};
    double ends[2][2] = {{on[0] + far * cut[1], on[1] - far * cut[0]},
                         {on[0] - far * cut[1], on[1] + far * cut[0]}};
    double x0, y0, x1, y1;
    to_pixel(f, ends[0], &x0, &y0);
    to_pixel(f, ends[1], &x1, &y1);
    const double clip[4] = {box->x, box->y, box->x + box->width, box->y + box->height};
    double s = r->scale;
    if (clip_segment(clip, &x0, &y0, &x1, &y1))
        render_dashed(r, x0, y0, x1, y1, 7.0 * s, 5.0 * s, 1.2 * s, r->theme->mark);
}

/* What the picture shows besides its layer (the legend's line above). */
static int describe(const NetReprPicture *p, char lines[][RENDER_NET_NOTE_MAX])
{
    /* What the stretched axis is, in words a student reads: why it is
     * widened, by how much the points' spread (standard deviation) across
     * the cut falls short of theirs along it.  "it holds only 0% of the
     * spread" (a variance share under 0.5%) read as nothing there. */
    if (p->plane.across_cut)
        snprintf(lines[0], RENDER_NET_NOTE_MAX,
                 _("across the cut: widened, as the points spread %.0f× less that way than "
                   "along it"),
                 sqrt(p->plane.share[1] / p->plane.share[0]));
    else if (p->width > 2)
        snprintf(lines[0], RENDER_NET_NOTE_MAX,
                 _("axes: its top two principal directions (%.0f%% + %.0f%% of "
                   "the variance)"),
                 100 * p->plane.share[0], 100 * p->plane.share[1]);
    else
        snprintf(lines[0], RENDER_NET_NOTE_MAX, "%s", _("axes: its units themselves"));
    snprintf(lines[1], RENDER_NET_NOTE_MAX, "%s",
             _("lines: the input grid carried through; rows (x2 fixed) grey, columns (x1 "
               "fixed) gold"));
    if (isfinite(p->probe.train))
        snprintf(lines[2], RENDER_NET_NOTE_MAX,
                 _("linear probe on hidden layer %d, its accuracy: train %.0f%%, test %.0f%%"),
                 p->probe.layer, 100 * p->probe.train, 100 * p->probe.test);
    else
        snprintf(lines[2], RENDER_NET_NOTE_MAX, "%s", _("linear probe: classification data only"));
    return 3;
}

void render_net_repr_prepare(Renderer *r, const Scene *scene)
{
    net_repr_picture_free(&r->repr);
    r->repr_made = false;
    if (!scene->net || render_net_map_picture(scene) != NET_MAP_LAYER)
        return;
    r->repr_error = (DescentError){""};
    r->repr_made = net_repr_picture(scene->net, scene->display.net_layer, &r->repr,
                                    &r->repr_error);
}

int render_net_repr_notes(const Renderer *r, char notes[][RENDER_NET_NOTE_MAX])
{
    return r->repr_made ? describe(&r->repr, notes) : 0;
}

double render_net_repr_aspect(const Renderer *r)
{
    const NetReprPicture *p = &r->repr;
    if (!r->repr_made || p->plane.across_cut)
        return 1.0;
    return fmax(p->hi[0] - p->lo[0], 1e-12) / fmax(p->hi[1] - p->lo[1], 1e-12);
}

void render_net_repr(Renderer *r, const Scene *scene)
{
    Viewport vp = render_viewport(r, scene);
    Rgba ground = r->theme->panel;
    ground.a = 1.0f;
    shapes_rect(r->shapes, vp.x, vp.y, vp.width, vp.height, ground);
    double s = r->scale;
    if (!r->repr_made) {
        render_label(r, r->repr_error.message, vp.x + 10 * s, vp.y + 10 * s,
                     render_font_px(r, REPR_TEXT_PX), r->theme->warn);
        return;
    }
    const NetReprPicture *picture = &r->repr;
    ReprFit f = fit_picture(picture, &vp);
    /* The lines and the cut within the picture's width and its margins:
     * narrower than a wide map, the lines past its sides would fill the
     * map again. */
    double wide =
        f.unit[0] * fmax(picture->hi[0] - picture->lo[0], 1e-12) / (1 - 2 * REPR_MARGIN);
    Viewport box = vp;
    box.width = fmin(vp.width, wide);
    box.x = vp.x + 0.5 * (vp.width - box.width);
    draw_lines(r, picture, &f, &box);
    draw_cut(r, picture, &f, &box);
    draw_points(r, scene, picture, &f);
}
