/* world.c — what lies on the landscape: paths with fading trails (swings
 * that retrace each other as thin lines; a gradient flow's on top), head
 * markers (a 2-cycle's other point a disc as the head is, a head over a
 * smaller cloud hollow, heads at one place stacked, a head off the map
 * held by where its path left it), minima and start markers, particles,
 * gradient arrows, and the lesson overlays: gradient flow beside each run,
 * last-step arrows, basin shares. */
#include "render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/number_text.h"
#include "core/parallel.h"
#include "core/spread.h"
#include "scene/axis_ticks.h"
#include "scene/viewport.h"

/* Steps over which a trail fades to its floor (theme_trail_floor: each
 * colour as far as it stays readable on its casing, which grows opaque in
 * step, theme_trail_casing).  The colour itself stays see-through, so a
 * run's overlapping old swings still add up where they cross and the
 * newest stand out (momentum 4). */
#define TRAIL_FADE_STEPS 400.0
/* The run a particle cloud copies keeps only this many steps of trail: its
 * whole path would cover the cloud the step is about. */
#define CLOUD_RUN_TRAIL_STEPS 12.0
/* ... or more, until the trail is this long on the map (pixels, times the
 * marker scale): 12 steps of η = 0.05 made a faint tail a few pixels long
 * over sgd_noise 2's cloud, where the legend names one walker's path. */
#define CLOUD_RUN_TRAIL_PIXELS 160.0
/* ... within this many steps, else CLOUD_RUN_TRAIL_STEPS alone: a walker
 * at rest (sgd_noise 5's batch of 50, under a pixel) kept its jitter at
 * full strength, filling its ringed head over the cloud, or its whole
 * descent from the start. */
#define CLOUD_RUN_TRAIL_MOST_STEPS 100.0
/* Path points closer than this (pixels, times the marker scale, as the
 * paths' widths) are merged. */
#define PATH_MIN_SPACING 1.5
/* Newest reduced points drawn one by one; older ones share as many again. */
#define PATH_RECENT_POINTS 256
/* Opacity of a head or minimum the 3D surface hides: seen through it. */
#define HIDDEN_ALPHA 0.45f
/* How far outside the map (pixels) segments are still drawn. */
#define CLIP_MARGIN 64.0

/* How far the walker a particle cloud copies (its trail and head) is
 * drawn from its run's colour towards the theme's text: in the run's
 * colour, sgd_noise 2-3's blue trail over the blue cloud went unseen
 * (review, issue 12). */
#define WALKER_TOWARD_TEXT 0.6f

Rgba render_path_color(const Renderer *r, const Scene *scene, size_t i, float a)
{
    Rgba c = render_run_color(r, i, a);
    if (!scene->swarm || i != scene->swarm_run)
        return c;
    Rgba t = r->theme->text;
    return (Rgba){c.r + WALKER_TOWARD_TEXT * (t.r - c.r), c.g + WALKER_TOWARD_TEXT * (t.g - c.g),
                  c.b + WALKER_TOWARD_TEXT * (t.b - c.b), a};
}

/* The steps of trail run i keeps: INFINITY, or where a particle cloud
 * copies it CLOUD_RUN_TRAIL_STEPS, more while those span less than
 * CLOUD_RUN_TRAIL_PIXELS on the map (CLOUD_RUN_TRAIL_MOST_STEPS). */
static double trail_window(const Renderer *r, const Scene *scene, size_t i)
{
    if (!scene->swarm || i != scene->swarm_run)
        return (double)INFINITY;
    const PathCache *c = &r->paths[i];
    double window = CLOUD_RUN_TRAIL_STEPS, length = 0.0;
    double least = CLOUD_RUN_TRAIL_PIXELS * r->marker_scale;
    /* Past CLOUD_RUN_TRAIL_MOST_STEPS the answer is known: no further. */
    for (size_t k = c->count; k-- > 1 && length < least && window <= CLOUD_RUN_TRAIL_MOST_STEPS;) {
        const double *p = &c->points[3 * (k - 1)];
        if (!isnan(p[0]) && !isnan(p[3]))
            length += hypot(p[3] - p[0], p[4] - p[1]);
        window = fmax(window, c->points[3 * (c->count - 1) + 2] - p[2]);
    }
    return window <= CLOUD_RUN_TRAIL_MOST_STEPS ? window : CLOUD_RUN_TRAIL_STEPS;
}

/* How near its trail (pixels, times the marker scale) the walker a cloud
 * copies comes where its way in ends (way_in_points): a path's width. */
#define WAY_IN_PIXELS 3.0

/* How many of run i's kept points its way in takes, 0 where it keeps
 * none: where the step shows it ("way_in") and a cloud copies run i, its
 * path from the start until it first meets the trail it keeps
 * (trail_window), so that the two read as one path.  saddle 4's trail,
 * its last steps all inside the cloud, did not show the escape off the
 * line (review, issue 12); its whole path, its jitter about the minimum
 * too, hid the cloud there. */
static size_t way_in_points(const Renderer *r, const Scene *scene, size_t i)
{
    const PathCache *c = &r->paths[i];
    if (!scene->swarm || i != scene->swarm_run || !scene->display.way_in || c->drawn < 2)
        return 0;
    double window = trail_window(r, scene, i), head = c->points[3 * (c->drawn - 1) + 2];
    /* The trail's first point: draw_path draws a segment by its end's age. */
    size_t trail = c->drawn - 1;
    while (trail > 0 && head - c->points[3 * trail + 2] < window)
        trail--;
    for (size_t k = 0; k <= trail; k++)
        for (size_t j = trail; j < c->drawn; j++) {
            const double *a = &c->points[3 * k], *b = &c->points[3 * j];
            if (hypot(a[0] - b[0], a[1] - b[1]) < WAY_IN_PIXELS * r->marker_scale)
                return k + 1;
        }
    return 0;
}

static bool add_point(PathCache *c, double px, double py, long k)
{
    if (c->count == c->capacity) {
        size_t capacity = c->capacity ? 2 * c->capacity : 1024;
        double *points = realloc(c->points, capacity * 3 * sizeof *points);
        if (!points)
            return false;
        c->points = points;
        c->capacity = capacity;
    }
    c->points[3 * c->count] = px;
    c->points[3 * c->count + 1] = py;
    c->points[3 * c->count + 2] = (double)k;
    c->count++;
    return true;
}

/* Index of the last point with finite coordinates, or -1. */
static long last_finite(const Run *run)
{
    long k = (long)run->count - 1;
    while (k >= 0 && !(isfinite(run->path[k].x) && isfinite(run->path[k].y)))
        k--;
    return k;
}

static bool same_point(RunPoint a, RunPoint b)
{
    return a.x == b.x && a.y == b.y && a.loss == b.loss;
}

static bool same_viewport(const Viewport *a, const Viewport *b)
{
    return a->world.xmin == b->world.xmin && a->world.xmax == b->world.xmax &&
           a->world.ymin == b->world.ymin && a->world.ymax == b->world.ymax &&
           a->width == b->width && a->height == b->height;
}

/* Brings the cache up to path index last: points at least PATH_MIN_SPACING
 * pixels apart, and always the last one.  Between frames only the new
 * part of a growing path is visited; a restarted, replaced or re-viewed
 * run is reduced again from its start. */
static void reduce_path(Renderer *r, PathCache *c, const Run *run, long last, const Viewport *vp)
{
    double spacing = PATH_MIN_SPACING * r->marker_scale;
    bool valid = c->path == run->path && c->count > 0 && last >= c->processed &&
                 same_point(c->first, run->path[0]) && same_point(c->last, run->path[c->processed]) &&
                 same_viewport(&c->viewport, vp) && c->projection == render_projection(r) &&
                 c->spacing == spacing;
    if (!valid) {
        *c = (PathCache){.path = run->path, .first = run->path[0], .viewport = *vp,
                         .projection = render_projection(r), .spacing = spacing,
                         .processed = -1, .points = c->points, .capacity = c->capacity};
    } else if (c->tail_forced) {
        c->count--;
    }
    c->tail_forced = false;
    for (long k = c->processed + 1; k <= last; k++) {
        double px, py;
        /* A point hidden behind the surface (3D) breaks the path there. */
        if (!render_to_pixel(r, vp, run->path[k].x, run->path[k].y, &px, &py))
            px = py = (double)NAN;
        if (c->count > 0) {
            double dx = px - c->points[3 * (c->count - 1)], dy = py - c->points[3 * (c->count - 1) + 1];
            if (dx * dx + dy * dy < spacing * spacing) {
                if (k < last)
                    continue;
                c->tail_forced = true;
            }
        }
        if (!add_point(c, px, py, k)) {
            c->count = 0;
            return;
        }
    }
    c->processed = last;
    c->last = run->path[last];
}

LayoutRect render_visible_map(const Renderer *r, const Viewport *vp)
{
    LayoutRect map = r->layout.landscape;
    if (!(map.w > 0 && map.h > 0))
        map = (LayoutRect){0, 0, r->width, r->height};
    double left = fmax(fmax(vp->x, map.x), 0.0), top = fmax(fmax(vp->y, map.y), 0.0);
    double right = fmin(fmin(vp->x + vp->width, map.x + map.w), (double)r->width);
    double bottom = fmin(fmin(vp->y + vp->height, map.y + map.h), (double)r->height);
    return (LayoutRect){left, top, fmax(right - left, 0.0), fmax(bottom - top, 0.0)};
}

static bool in_rect(LayoutRect box, double x, double y)
{
    return x >= box.x && x <= box.x + box.w && y >= box.y && y <= box.y + box.h;
}

/* Where paths are drawn: the visible map, or the whole frame in 3D. */
static LayoutRect path_map(const Renderer *r, const Viewport *vp)
{
    return r->view3d ? (LayoutRect){0, 0, r->width, r->height} : render_visible_map(r, vp);
}

/* Whether a segment between two updates is drawn: one of its ends lies on
 * the map.  Between two points off it the run was never in view; the line
 * joining them only crossed it, and a diverging run's swings out crossed
 * it again and again, through the minimum and the other runs' heads
 * (schedules 2-3, learning_rate 6-7).  The off-view arrow at the head says
 * where the run went. */
static bool segment_shown(LayoutRect map, double x0, double y0, double x1, double y1)
{
    return in_rect(map, x0, y0) || in_rect(map, x1, y1);
}

/* Half width (pixels, times the marker scale) of the dark casing beyond a
 * path's colour (RENDER_PATH_HALF, render.h). */
#define PATH_CASING 1.3

/* A flow over the band of a run it lies in: half its colour's width and
 * the dark outline's beyond it (pixels, times the marker scale), a step
 * of render_path_nest (render.h) in all with the band wider by two for it
 * (path_nest).  Without the outline, gradient_flow 1 and 4's blue flow and
 * η = 0.01's orange band about it, a pixel or two each, blended at 960x540
 * into one grey-olive line (a frame review). */
#define FLOW_OUTLINED_HALF 1.2
#define FLOW_OUTLINE 0.4

/* The least width (pixels) of a nest step (render_path_nest): a path that
 * another from its start follows shows along both its edges at least this
 * wide.  At the marker scale alone a step was 0.75 pixels at 960x540,
 * blended with the casing, and adaptive 2's RMSProp, one with AdaGrad's
 * path, read as AdaGrad's path alone (review, issue 12); at 1.5 its
 * strips, and gradient_flow 4's η = 0.05 along the selected η = 0.01,
 * were still a pixel of their colour (a review again).  (At 2, four paths
 * from one start drew the selected one 15 pixels wide, adaptive 2's GD,
 * until the selected run took the width of only those that lie along it:
 * path_nest.) */
#define PATH_NEST_LEAST 2.5

/* How much wider (pixels) than its own width a path is drawn, nested in
 * nest later paths from its start. */
static double nest_width(const Renderer *r, size_t nest)
{
    return render_path_nest(nest) * fmax(r->marker_scale, PATH_NEST_LEAST / RENDER_PATH_NEST_STEP);
}

/* Half the width (pixels) of a path's colour, nested in nest later paths
 * from its start. */
static double path_half(const Renderer *r, int nest)
{
    return RENDER_PATH_HALF * r->marker_scale + nest_width(r, (size_t)nest);
}

/* Half width (pixels, times the marker scale) of a segment that leaves the
 * map: one of its ends lies off it. */
#define PATH_LEAVING_HALF 0.7
/* Such segments fade with age over this many steps, to this alpha: the
 * last swings out stand out from the earlier ones beside them. */
#define PATH_LEAVING_FADE 8.0
#define PATH_LEAVING_MIN_ALPHA 0.25

/* Half width (pixels, times the marker scale) of a swing that retraces the
 * one before it (path_retraces), and how far (the same) from the last such
 * swing drawn the next one must lie to be drawn: the lines stand apart. */
#define SWING_HALF 0.7
#define SWING_APART 3.0

/* The faded colour of a trail: its colour darkened by a (1: new) toward
 * the casing it lies on, and opaque. */
static Rgba faded(Rgba color, Rgba casing, float a)
{
    float t = (1.0f - a) * casing.a;
    return (Rgba){color.r + t * (casing.r - color.r), color.g + t * (casing.g - color.g),
                  color.b + t * (casing.b - color.b), 1.0f};
}

/* The kept point drawn after point i: one by one among the newest, every
 * stride-th before them (draw_path). */
static size_t path_next(size_t i, size_t recent, size_t stride)
{
    return i < recent && i + stride < recent ? i + stride : i + 1 > recent ? i + 1 : recent;
}

/* Whether the path turns back at kept point b, between a and c (by more
 * than 120 degrees). */
static bool turns_back(const double *points, size_t a, size_t b, size_t c)
{
    double ux = points[3 * b] - points[3 * a], uy = points[3 * b + 1] - points[3 * a + 1];
    double vx = points[3 * c] - points[3 * b], vy = points[3 * c + 1] - points[3 * b + 1];
    double dot = ux * vx + uy * vy, lengths = hypot(ux, uy) * hypot(vx, vy);
    return lengths > 0 && dot < -0.5 * lengths;
}

/* The distance (pixels) between kept points a and b. */
static double kept_distance(const double *points, size_t a, size_t b)
{
    return hypot(points[3 * a] - points[3 * b], points[3 * a + 1] - points[3 * b + 1]);
}

/* The distance (pixels) from kept point p to the segment between kept
 * points a and b. */
static double point_to_segment(const double *points, size_t p, size_t a, size_t b)
{
    double ux = points[3 * b] - points[3 * a], uy = points[3 * b + 1] - points[3 * a + 1];
    double wx = points[3 * p] - points[3 * a], wy = points[3 * p + 1] - points[3 * a + 1];
    double len2 = ux * ux + uy * uy;
    double t = len2 > 0 ? fmin(fmax((wx * ux + wy * uy) / len2, 0.0), 1.0) : 0.0;
    return hypot(wx - t * ux, wy - t * uy);
}

/* Kept points after i, on one line with it, that draw_path draws as one
 * piece from i: each point passed over lies within PATH_JOIN_OFF of the
 * line from i to the last, which lies within PATH_JOIN_LENGTH of i
 * (pixels, times the marker scale), all on i's side of the map's edge (a
 * segment leaving the map is drawn thin).  The last joined point, or next
 * if none.  A trail was thousands of capsules a frame, most under 2
 * pixels, the bulk of a recording's own time (issue 18); joined, the
 * rosenbrock race draws a third of them, the same line to a third of a
 * pixel, and a point where the path turns is never passed over (it lies
 * off the line). */
#define PATH_JOIN_OFF 0.3
#define PATH_JOIN_LENGTH 8.0
static size_t path_join(const double *points, size_t n, size_t i, size_t next, size_t recent,
                        size_t stride, double m, LayoutRect map)
{
    bool inside = in_rect(map, points[3 * i], points[3 * i + 1]);
    if (in_rect(map, points[3 * next], points[3 * next + 1]) != inside)
        return next;
    for (size_t end; next + 1 < n; next = end) {
        end = path_next(next, recent, stride);
        if (isnan(points[3 * end]) || kept_distance(points, i, end) > PATH_JOIN_LENGTH * m ||
            in_rect(map, points[3 * end], points[3 * end + 1]) != inside)
            return next;
        for (size_t p = path_next(i, recent, stride); p != end; p = path_next(p, recent, stride))
            if (point_to_segment(points, p, i, end) > PATH_JOIN_OFF * m)
                return next;
    }
    return next;
}

/* The opacity a see-through piece of a path is drawn with, alpha being a
 * segment's own: as dense as the segments it stands for, one per kept
 * point (count of them over length pixels; half: the band's half width)
 * showed where each was drawn with round ends overlapping its neighbours
 * (1 + 2 half / spacing of them cover a pixel).  Drawn once per pixel at
 * its own alpha, a slow trail's old part over its near-opaque casing read
 * darker than it always had (momentum 1's floor, adaptive 2's Adam band);
 * a long swing stands for one segment and stays see-through, so where old
 * swings cross their colour still adds up (momentum 4). */
static float path_stacked(float alpha, size_t count, double length, double half)
{
    double layers = 1.0 + 2.0 * half * (double)count / fmax(length, half);
    return (float)(1.0 - pow(1.0 - (double)alpha, layers));
}

/* Whether the segment from i to next is a swing of an oscillation that
 * retraces the swing before it: the path turns back at both its ends
 * (before, after: the kept points either side), and the shorter of the
 * two swings lies within band pixels (the path's width) of the longer,
 * so the two would overlap as drawn (a decaying zig-zag's next swing 2
 * floor steps along, a 2-cycle's the same line).  A swinging run whose
 * swings stand apart (momentum 1's zig-zag on its close view) or that
 * turns back only every few steps (momentum 4's) has none. */
static bool path_retraces(const double *points, size_t before, size_t i, size_t next,
                          size_t after, double band)
{
    if (!turns_back(points, before, i, next) || !turns_back(points, i, next, after))
        return false;
    double last = kept_distance(points, i, before), now = kept_distance(points, next, i);
    return (now <= last ? point_to_segment(points, next, before, i)
                        : point_to_segment(points, before, i, next)) < band;
}

/* How far apart two segments (kept points a to c, b to d) lie: the larger
 * of their ends' distances, ends paired the nearer way (a swing back and
 * forth is one line). */
static double swing_distance(const double *points, size_t a, size_t c, size_t b, size_t d)
{
    return fmin(fmax(kept_distance(points, a, b), kept_distance(points, c, d)),
                fmax(kept_distance(points, a, d), kept_distance(points, c, b)));
}

/* Segments between kept points, clipped to the map, in one of four passes:
 * the dark casing (pass 0) or the colour (pass 1), fading with age; or, for
 * a flow over the bands it lies in, its outline (pass 2) and then its
 * colour inside it (pass 3), thinner (FLOW_OUTLINED_HALF).  Every
 * path's casing but the selected run's is drawn before any path's colour
 * (render_world): a later
 * path's casing over an earlier one's colour hid the nest's edge, wider
 * by less than the casing (gradient_flow 4's flow under η = 0.01).  With
 * window > 0 only the last window steps are drawn, fading out to nothing:
 * a short trail behind the head.  nest: how many steps wider the path is
 * (path_nest); inside: it lies in an earlier-drawn one's band (opaque);
 * top: the selected run, drawn over the others, its thin swings cased
 * too (render_world).  A
 * segment with one end off the map is a thin line without casing: a
 * diverging run's swings out of the view all leave it along nearly one
 * line, and at full width merged there into one solid bar beside the
 * zig-zags still in view (learning_rate 6); thin, and the older ones
 * faint, the last swings out stay lines of their own.  A segment with both
 * ends off it is not drawn (segment_shown).  A swing that retraces the one
 * before it (path_retraces) is a thin line without casing too, and one
 * within SWING_APART of the last such line drawn is left out: GD's
 * zig-zag across momentum 3's ravine, 2 pixels along the floor a swing at
 * 960x540, and sharp_flat 5's slowly turning 2-cycle, 600 swings within a
 * pixel of each other, filled in as solid wedges of the band's colour, the
 * other run's path and the cycle's two points lost in them.  The newest
 * segment keeps its full band: the swing the run makes now.  Full-width
 * segments are drawn as one line (shapes_line_piece), kept points on one
 * line joined (path_join): where two pieces meet no pixel is drawn twice,
 * so an old trail's fade reads evenly along it, not as beads; where the
 * path crosses itself its see-through colour still adds up. */
/* theme_trail_floor of color in the frame's theme, kept for the next
 * frames (Renderer.trail_floors). */
static float trail_floor(Renderer *r, Rgba color)
{
    for (int k = 0; k < TRAIL_FLOORS; k++) {
        const TrailFloor *f = &r->trail_floors[k];
        if (f->theme == r->theme && f->color.r == color.r && f->color.g == color.g &&
            f->color.b == color.b && f->color.a == color.a)
            return f->floor;
    }
    TrailFloor *f = &r->trail_floors[r->next_trail_floor];
    r->next_trail_floor = (r->next_trail_floor + 1) % TRAIL_FLOORS;
    *f = (TrailFloor){r->theme, color, theme_trail_floor(r->theme, color)};
    return f->floor;
}

/* The opacity of a whole trail's segment age steps old, least being its
 * colour's trail_floor. */
static float trail_fade(double least, double age)
{
    return (float)(least + (1.0 - least) * exp(-age / TRAIL_FADE_STEPS));
}

static void draw_path(Renderer *r, const PathCache *path, long head, Rgba color, double window,
                      int nest, bool inside, bool top, int pass)
{
    size_t n = path->drawn;
    const double *points = path->points;
    const Viewport *vp = &path->viewport;
    const double box[4] = {vp->x - CLIP_MARGIN, vp->y - CLIP_MARGIN,
                           vp->x + vp->width + CLIP_MARGIN, vp->y + vp->height + CLIP_MARGIN};
    LayoutRect map = path_map(r, vp);
    double m = r->marker_scale;
    bool colour = pass % 2 == 1;
    double half = pass >= 2 ? FLOW_OUTLINED_HALF * m : path_half(r, nest);
    /* Long histories (a run jittering about a minimum for minutes) are drawn
     * with their older, faded part thinned to a fixed budget of segments, so
     * a frame's cost does not grow with the session. */
    size_t recent = n > PATH_RECENT_POINTS ? n - PATH_RECENT_POINTS : 0;
    /* Odd: a zig-zag's kept points still alternate sides (an even stride
     * kept one wall's turning points, a line along it). */
    size_t stride = (recent / PATH_RECENT_POINTS + 1) | 1;
    /* The thin swing drawn last, its two ends (SIZE_MAX: none yet). */
    size_t thin = SIZE_MAX, thin_end = SIZE_MAX;
    double band = 2.0 * (half + PATH_CASING * m);
    double outline = (pass == 2 ? FLOW_OUTLINE : PATH_CASING) * m;
    double fade_floor = (double)trail_floor(r, color);
    ShapesLine line = {0};
    for (size_t before = SIZE_MAX, i = 0, next; i + 1 < n; before = i, i = next) {
        next = path_next(i, recent, stride);
        if (window == 0 && !isnan(points[3 * i]) && !isnan(points[3 * next]))
            next = path_join(points, n, i, next, recent, stride, m, map);
        size_t after = next + 1 < n ? path_next(next, recent, stride) : SIZE_MAX;
        bool swing = after != SIZE_MAX && before != SIZE_MAX &&
                     path_retraces(points, before, i, next, after, band);
        if (swing) {
            if (thin != SIZE_MAX &&
                swing_distance(points, thin, thin_end, i, next) < SWING_APART * m)
                continue;
            thin = i, thin_end = next;
        }
        double x0 = points[3 * i], y0 = points[3 * i + 1];
        double x1 = points[3 * next], y1 = points[3 * next + 1];
        double age = (double)head - points[3 * next + 2];
        if (isnan(x0) || isnan(x1) || (window > 0 && age >= window) ||
            !segment_shown(map, x0, y0, x1, y1))
            continue;
        bool leaving = !in_rect(map, x0, y0) || !in_rect(map, x1, y1);
        if (((leaving || (swing && !top)) && !colour) || !clip_segment(box, &x0, &y0, &x1, &y1))
            continue;
        /* A window's trail whole over its newer half, so it reads over the
         * cloud it is drawn on, then fading out. */
        float a = window > 0
                      ? (float)fmin(1.0, 2.0 * (1.0 - age / window))
                      : trail_fade(fade_floor, age);
        size_t count = 1;
        for (size_t p = path_next(i, recent, stride); p != next; p = path_next(p, recent, stride))
            count++;
        double length = hypot(x1 - x0, y1 - y0);
        if (!colour) {
            /* A window's trail fades out casing and all (see-through at its
             * end); a whole trail's casing darkens under its fading colour. */
            Rgba casing = window > 0 ? r->theme->path_casing : theme_trail_casing(r->theme, a);
            double reach = (swing ? SWING_HALF * m : half) + outline;
            casing.a = path_stacked(window > 0 ? casing.a * a : casing.a, count, length, reach);
            if (swing) {
                shapes_line_end(r->shapes, &line);
                shapes_segment(r->shapes, x0, y0, x1, y1, reach, casing);
            } else {
                shapes_line_piece(r->shapes, &line, x0, y0, x1, y1, reach, casing);
            }
        } else {
            Rgba c = color;
            if (leaving) {
                c.a = a * (float)fmax(PATH_LEAVING_MIN_ALPHA, exp(-age / PATH_LEAVING_FADE));
            } else if (inside && window == 0) {
                /* Inside another run's band (an earlier-drawn run from its
                 * start, path_nest): opaque, in its own colour.
                 * See-through, such a path took on the band's colour
                 * beneath (adaptive 2: RMSProp's and AdaGrad's paths inside
                 * Adam's showed as Adam's blue); darkened with age toward
                 * the casing, their strips read as the casing (review,
                 * issue 12).  The outermost run still fades see-through:
                 * where its own old swings overlap, the new ones stand out
                 * from them (momentum 4, test_swings_resolved_on_small_map). */
                c.a = 1.0f;
            } else {
                c.a = a;
            }
            if (leaving || swing) {
                shapes_line_end(r->shapes, &line);
                shapes_segment(r->shapes, x0, y0, x1, y1,
                               leaving ? PATH_LEAVING_HALF * m : SWING_HALF * m, c);
            } else {
                c.a = path_stacked(c.a, count, length, half);
                shapes_line_piece(r->shapes, &line, x0, y0, x1, y1, half, c);
            }
        }
    }
    shapes_line_end(r->shapes, &line);
}

/* A label on the landscape (render_label) whose top edge is at y and whose
 * x is its left edge, right edge or centre per align. */
static void label_at(Renderer *r, const char *text, double x, double y, int px, TextAlign align)
{
    double w = render_text_width(r, text, px);
    double left = align == ALIGN_LEFT ? x : align == ALIGN_RIGHT ? x - w : x - 0.5 * w;
    render_label(r, text, left, y, px, r->theme->text);
}

void render_cross(Renderer *r, double x, double y, double size, double half, Rgba color)
{
    shapes_segment(r->shapes, x - size, y - size, x + size, y + size, half, color);
    shapes_segment(r->shapes, x - size, y + size, x + size, y - size, half, color);
}

/* How far (pixels) from its line the path of the run drawn order-th
 * reaches this frame, its casing included: as wide as its nest
 * (path_nests), not as the widest any path may be.  Kept off that, every
 * label stood off the paths by what nested paths' wider steps add
 * (PATH_NEST_LEAST): at 960x540 schedules 3's mirrored start's name moved
 * under the ✕ that "diverged at step 7" stood under, and the note 58
 * pixels off it (issue 12). */
static double drawn_path_reach(const Renderer *r, size_t order)
{
    return path_half(r, r->nests[order].steps) + PATH_CASING * r->marker_scale;
}

static size_t path_order(const Scene *scene, size_t k);

/* Whether a shown run's path, as drawn this frame (drawn_path_reach; of
 * the run a cloud copies, its short trail), crosses box: any run's where
 * only is SIZE_MAX, else run only's alone. */
static bool box_on_paths(const Renderer *r, const Scene *scene, const Viewport *vp,
                         LayoutRect box, size_t only)
{
    if (scene->display.paths_hidden)
        return false;
    LayoutRect map = path_map(r, vp);
    for (size_t order = 0; order < scene->run_count; order++) {
        size_t i = path_order(scene, order);
        const PathCache *c = &r->paths[i];
        if (scene->runs[i].hidden || !same_viewport(&c->viewport, vp) || c->count == 0 ||
            (only != SIZE_MAX && i != only))
            continue;
        double reach = drawn_path_reach(r, order);
        const double b[4] = {box.x - reach, box.y - reach, box.x + box.w + reach,
                             box.y + box.h + reach};
        /* The run a cloud copies shows only its last steps (draw_path). */
        double head = c->points[3 * (c->count - 1) + 2];
        double window = trail_window(r, scene, i);
        size_t way = way_in_points(r, scene, i);
        for (size_t k = 0; k + 1 < c->drawn; k++) {
            if (head - c->points[3 * (k + 1) + 2] >= window && k + 1 >= way)
                continue;
            double x0 = c->points[3 * k], y0 = c->points[3 * k + 1];
            double x1 = c->points[3 * k + 3], y1 = c->points[3 * k + 4];
            if (!isnan(x0) && !isnan(x1) && segment_shown(map, x0, y0, x1, y1) &&
                clip_segment(b, &x0, &y0, &x1, &y1))
                return true;
        }
    }
    return false;
}

bool render_box_on_paths(const Renderer *r, const Scene *scene, const Viewport *vp,
                         LayoutRect box)
{
    if (scene->net && !scene->display.paths_hidden)
        return render_box_on_net_paths(r, scene, vp, box);
    return box_on_paths(r, scene, vp, box, SIZE_MAX);
}

/* The k-th run to draw: the others in their order, the selected run last,
 * so that its path and head lie on top where paths coincide (schedules'
 * warm-up run follows η = 0.05's curve to the minimum). */
static size_t drawing_order(const Scene *scene, size_t k)
{
    if (scene->selected >= scene->run_count)
        return k;
    if (k + 1 == scene->run_count)
        return scene->selected;
    return k < scene->selected ? k : k + 1;
}

/* Whether run i is a gradient flow (a continuous-time run). */
static bool continuous_run(const Scene *scene, size_t i)
{
    return optimizer_info(scene->runs[i].run.desc.kind)->traits.continuous;
}

/* The k-th run whose path is drawn: in drawing_order, a gradient flow's
 * after all the others, so the curve the steps are compared with lies on
 * top and, nested inside their bands, thinnest (gradient_flow 4: drawn
 * under η = 0.01's path, which follows it, one pixel of its blue showed
 * along either edge). */
static size_t path_order(const Scene *scene, size_t k)
{
    size_t seen = 0;
    for (int flow = 0; flow < 2; flow++)
        for (size_t j = 0; j < scene->run_count; j++) {
            size_t i = drawing_order(scene, j);
            if (continuous_run(scene, i) == (flow == 1) && seen++ == k)
                return i;
        }
    return k;
}

/* Whether runs i and j start at one point. */
static bool same_start(const Scene *scene, size_t i, size_t j)
{
    return scene->runs[i].x0 == scene->runs[j].x0 && scene->runs[i].y0 == scene->runs[j].y0;
}

/* Points of a path tried for lying under another (path_under). */
#define PATH_UNDER_SAMPLES 16

/* Whether pixel p lies within reach pixels of path b's line as drawn. */
static bool near_path(const PathCache *b, const double *p, double reach)
{
    double least = (double)INFINITY;
    for (size_t q = 0; q + 1 < b->drawn && least > reach; q++) {
        const double *u = &b->points[3 * q], *v = &b->points[3 * q + 3];
        double ux = v[0] - u[0], uy = v[1] - u[1], wx = p[0] - u[0], wy = p[1] - u[1];
        double len2 = ux * ux + uy * uy;
        double t = len2 > 0 ? fmin(fmax((wx * ux + wy * uy) / len2, 0.0), 1.0) : 0.0;
        if (!isnan(t))
            least = fmin(least, hypot(wx - t * ux, wy - t * uy));
    }
    return least <= reach;
}

/* How many of PATH_UNDER_SAMPLES points spread along run j's path, as
 * reduced this frame, lie within reach pixels of run i's. */
static size_t path_near(const Renderer *r, size_t j, size_t i, double reach)
{
    const PathCache *a = &r->paths[j], *b = &r->paths[i];
    if (a->drawn < 2 || b->drawn < 2 || !same_viewport(&a->viewport, &b->viewport))
        return 0;
    size_t near = 0;
    for (size_t n = 0; n < PATH_UNDER_SAMPLES; n++)
        near += near_path(b, &a->points[3 * (n * (a->drawn - 1) / (PATH_UNDER_SAMPLES - 1))],
                          reach);
    return near;
}

/* Whether run j's path lies within reach pixels of run i's all along: a
 * path drawn over it at that half width would hide it. */
static bool path_under(const Renderer *r, size_t j, size_t i, double reach)
{
    return path_near(r, j, i, reach) == PATH_UNDER_SAMPLES;
}

/* Whether run j's path lies along run i's for half its (j's) length or
 * more. */
static bool path_along(const Renderer *r, size_t j, size_t i, double reach)
{
    return 2 * path_near(r, j, i, reach) >= PATH_UNDER_SAMPLES;
}

/* Whether run i's path, as reduced this frame, zig-zags: it turns back
 * (turns_back) at a third of its kept points or more, three at least. */
static bool path_zig_zags(const Renderer *r, size_t i)
{
    const PathCache *c = &r->paths[i];
    size_t turns = 0;
    for (size_t b = 1; b + 1 < c->drawn; b++)
        turns += turns_back(c->points, b - 1, b, b + 1);
    return turns >= 3 && 3 * turns >= c->drawn;
}

/* How many steps wider (render_path_nest) the k-th path drawn
 * (path_order) is, and whether it lies inside the band of one drawn
 * before it (inside: drawn opaque, draw_path).  Paths from one start
 * nest: each is wider by a step for each one drawn after it, so a path
 * that another follows shows along its edges; by two for a flow, drawn
 * outlined in it (FLOW_OUTLINED_HALF) with the band's colour beside.  The selected run is left
 * out of that count, and is drawn at least as wide as the widest before
 * it that it lies along (path_along, for half its own length): the run the
 * step is about lies on top and as bold as any (a flow, drawn after it,
 * still nests inside it).  (Nested innermost, learning_rate 7's selected
 * η = 0.19 was drawn thinner than η = 0.21 across it, and read as under
 * it.  A selected path that parts from the others at their start keeps
 * its own width: adaptive 2's GD was drawn as wide as the three adaptive
 * runs' nest, which it leaves at once; sharp_flat 6's η = 0.3, thrown
 * out of the sharp well the two others rest in, as wide as their nest,
 * its band across the well.)  Except a run whose path lies under
 * the selected one's all along (path_under, within the widest band): the
 * selected run nests in that one (nested), a step narrower and its casing
 * under every colour, so it shows along the selected run's edges
 * (gradient_flow 4's η = 0.05 lay whole under η = 0.01's band but for a
 * sliver on the bend: review, issue 12).  A zig-zag (path_zig_zags) is
 * not widened for the paths after it: its band filled in between its
 * swings, and gradient_flow 3's η = 0.2, 12 pixels wide about the flow,
 * read as a filled wedge at 960x540 (review, issue 12); the flow is drawn
 * outlined over it. */
static PathNest nest_of(Renderer *r, const Scene *scene, size_t k)
{
    r->work.path_nests++;
    size_t i = path_order(scene, k);
    double reach = path_half(r, RENDER_PATH_NEST_MAX);
    bool zig_zag = path_zig_zags(r, i);
    int nest = 0, widest = 0;
    PathNest n = {0, false, false};
    for (size_t other = 0; other < scene->run_count; other++) {
        size_t j = path_order(scene, other);
        if (other == k || scene->runs[j].hidden || !same_start(scene, i, j))
            continue;
        n.inside = n.inside || other < k;
        if (other > k && !zig_zag && (j != scene->selected || path_under(r, i, j, reach))) {
            nest += continuous_run(scene, j) ? 2 : 1;
        } else if (other < k && i == scene->selected && path_along(r, i, j, reach)) {
            bool under = path_under(r, j, i, reach);
            int width = r->nests[other].steps - under;
            widest = width > widest ? width : widest;
            n.nested = n.nested || under;
        }
    }
    nest = nest < RENDER_PATH_NEST_MAX ? nest : RENDER_PATH_NEST_MAX;
    n.steps = nest > widest ? nest : widest;
    return n;
}

/* Every path's nest (nest_of, each from those drawn before it) once the
 * frame's paths are reduced: asked for by each path's two passes, its
 * hidden stretches and the paths before it, it was worked out 22 times a
 * frame of the race, 0.67 M instructions (issue 18).  None where the
 * paths are hidden. */
static void path_nests(Renderer *r, const Scene *scene)
{
    for (size_t k = 0; k < scene->run_count; k++)
        r->nests[k] = scene->display.paths_hidden ? (PathNest){0, false, false}
                                                   : nest_of(r, scene, k);
}

/* The k-th path's nest as path_nests worked it out this frame. */
static int path_nest(const Renderer *r, size_t k, bool *inside, bool *nested)
{
    *inside = r->nests[k].inside;
    *nested = r->nests[k].nested;
    return r->nests[k].steps;
}

/* Rings around a head that other heads lie on: each a ring this much
 * (pixels, times the marker scale) further out than the one inside it. */
#define HEAD_RING_STEP 3.6
#define HEAD_RADIUS 5.5
/* Radius of the selection ring about a head, and how far in from the map's
 * edge a head held there sits: that ring and its casing whole on the map. */
#define HEAD_SELECT_RADIUS 10.0
#define HEAD_EDGE_INSET 14.0

/* Where run i's head is drawn (kept inside the map): its pixel, whether the
 * surface leaves it seen (3D), and, when it lies outside, the way out from
 * there (pixels) that draw_off_view's arrow points. */
typedef struct HeadPlace {
    double px, py, out_x, out_y;
    bool seen, outside;
    size_t path_end; /* how many of the path's kept points are drawn */
} HeadPlace;

/* The leg by which run i's path, as reduced (render_world reduces the
 * paths first), last left map (2D), among its newest PATH_RECENT_POINTS
 * kept points: its start, the path's last point on the map, and its end
 * off it, and the start's index among the kept points (from).  False
 * where the head lies on the map, or no such leg is drawn (older than the
 * trail a cloud's run keeps). */
static bool path_exit(const Renderer *r, const Scene *scene, size_t i, long last, LayoutRect map,
                      double leg[4], size_t *from)
{
    const PathCache *c = &r->paths[i];
    if (r->view3d || scene->display.paths_hidden || c->processed != last || c->count < 2)
        return false;
    double window = trail_window(r, scene, i);
    size_t oldest = c->count > PATH_RECENT_POINTS ? c->count - PATH_RECENT_POINTS : 0;
    for (size_t k = c->count - 1; k-- > oldest;) {
        const double *p = &c->points[3 * k];
        if (isnan(p[0]) || (double)last - p[5] >= window || in_rect(map, p[3], p[4]))
            return false;
        if (in_rect(map, p[0], p[1])) {
            leg[0] = p[0], leg[1] = p[1], leg[2] = p[3], leg[3] = p[4];
            *from = k;
            return isfinite(p[3]) && isfinite(p[4]);
        }
    }
    return false;
}

static HeadPlace head_place(const Renderer *r, const Scene *scene, size_t i, long last,
                            const Viewport *vp)
{
    const SceneRun *sr = &scene->runs[i];
    HeadPlace h;
    h.seen = render_to_pixel(r, vp, sr->run.path[last].x, sr->run.path[last].y, &h.px, &h.py);
    double true_x = h.px, true_y = h.py, inset = HEAD_EDGE_INSET * r->marker_scale;
    /* Held inside the map as drawn, its selection ring whole there: the
     * view may reach past the frame or under panels (learning_rate 6's
     * head, held at the view's top, was cut by the frame's). */
    Viewport shown = *vp;
    LayoutRect map = render_visible_map(r, vp);
    if (!r->view3d) {
        shown.x = map.x, shown.y = map.y, shown.width = map.w, shown.height = map.h;
    }
    h.outside = render_clamp_to_map(&shown, inset, &h.px, &h.py);
    /* Off the map, by where its drawn path left it: where the last leg
     * leaves, when it leaves toward the head, the arrow along it; else
     * at the edge toward the head level with the path's last point on
     * the map (a diverged run's cross, held nearest its last point,
     * stood at the map's left edge while its last drawn leg left at the
     * right, schedules 2 and 3: legs with both ends off the map are not
     * drawn, segment_shown).  In the second case the path ends at the
     * leg's start, by the head: drawn, the leg went on across the map away
     * from the head, a faint line from the cross to the far edge that read
     * as the path going on (schedules 2-3, learning_rate 6-7). */
    double leg[4] = {0};
    size_t from = 0;
    h.path_end = r->paths[i].count;
    if (h.outside && path_exit(r, scene, i, last, map, leg, &from)) {
        const double box[4] = {map.x + inset, map.y + inset, map.x + map.w - inset,
                               map.y + map.h - inset};
        double x0 = leg[0], y0 = leg[1], x1 = leg[2], y1 = leg[3];
        /* Which way the leg's end and the head lie off the map. */
        double ex = x1 - fmin(fmax(x1, map.x), map.x + map.w);
        double ey = y1 - fmin(fmax(y1, map.y), map.y + map.h);
        if (ex * (true_x - h.px) + ey * (true_y - h.py) > 0 &&
            clip_segment(box, &x0, &y0, &x1, &y1)) {
            h.px = x1, h.py = y1;
            true_x = h.px + leg[2] - leg[0], true_y = h.py + leg[3] - leg[1];
        } else {
            h.px = true_x < box[0] || true_x > box[2] ? h.px : fmin(fmax(leg[0], box[0]), box[2]);
            h.py = true_y < box[1] || true_y > box[3] ? h.py : fmin(fmax(leg[1], box[1]), box[3]);
            h.path_end = from + 1;
        }
    }
    h.out_x = true_x - h.px, h.out_y = true_y - h.py;
    return h;
}

/* Moves further across the arrow, half the first distance across at a
 * time, to each side, tried for the off-view note where the places beside
 * it lie on heads or paths. */
#define OFF_VIEW_MOVES 12
/* How far (pixels, times the frame's scale) the off-view note's panel
 * keeps inside the map's edge and off the paths. */
#define OFF_VIEW_GAP 6.0

/* Whether box lies on a shown run's head or its selection ring. */
static bool box_on_heads(const Renderer *r, const Scene *scene, const Viewport *vp,
                         LayoutRect box)
{
    double reach = (HEAD_SELECT_RADIUS + 1.0) * r->marker_scale;
    for (size_t i = 0; i < scene->run_count; i++) {
        long last = last_finite(&scene->runs[i].run);
        if (scene->runs[i].hidden || last < 0)
            continue;
        HeadPlace h = head_place(r, scene, i, last, vp);
        if (layout_distance(box, h.px, h.py) < reach)
            return true;
    }
    return false;
}

/* The off-view note of a run gone out of the map the way (dx, dy)
 * (pixels, y down): which edge it left by.  "off view" alone did not say
 * where (learning_rate 6: up, out of the valley). */
static const char *off_map_way(double dx, double dy)
{
    /* TRANSLATORS: beside an arrow at the map's edge: the run went out of
     * the map that way (right, down, left or up), and goes on there. */
    static const char *const ways[] = {N_("off the map, right"), N_("off the map, down"),
                                       N_("off the map, left"), N_("off the map, up")};
    if (fabs(dx) >= fabs(dy))
        return ways[dx > 0 ? 0 : 2];
    return ways[dy > 0 ? 1 : 3];
}

/* The unit way (dx, dy) out of the map from a head held at its edge, its
 * offset to where the run lies being (out_x, out_y); false where there is
 * none.  A run far out (diverging) can lie beyond double's pixel range:
 * an infinite offset counts as the axis' direction alone. */
static bool way_out(double out_x, double out_y, double *dx, double *dy)
{
    if (isinf(out_x) || isinf(out_y)) {
        out_x = isinf(out_x) ? copysign(1.0, out_x) : 0.0;
        out_y = isinf(out_y) ? copysign(1.0, out_y) : 0.0;
    }
    double len = hypot(out_x, out_y);
    if (!(len > 0) || !isfinite(len))
        return false;
    *dx = out_x / len, *dy = out_y / len;
    return true;
}

/* The head of a run still going that has left the map, held at its edge:
 * an arrowhead in the run's colour on the paths' casing, pointing the way
 * (dx, dy) it went out: its tip this far (pixels, times the marker scale)
 * ahead of the place, its base this far behind, half as wide as this; its
 * casing this wide.  A disc there, outlined in the marks' white, read as a
 * second minimum's ring (learning_rate 6-7, on the yellow rim). */
#define OFF_MAP_HEAD_TIP 8.0
#define OFF_MAP_HEAD_BASE 5.0
#define OFF_MAP_HEAD_HALF 7.0
#define OFF_MAP_HEAD_CASING 1.8
static void draw_off_map_head(Renderer *r, double x, double y, double dx, double dy, Rgba color)
{
    double s = r->marker_scale, tip = OFF_MAP_HEAD_TIP * s, back = OFF_MAP_HEAD_BASE * s;
    double half = OFF_MAP_HEAD_HALF * s;
    /* The casing: the arrowhead grown about its incentre until each side
     * lies the casing's width further out. */
    double inner = half * (tip + back) / (hypot(tip + back, half) + half);
    double grow = (inner + OFF_MAP_HEAD_CASING * s) / inner, centre = inner - back;
    Rgba colors[2] = {r->theme->path_casing, color};
    for (int k = 0; k < 2; k++) {
        double g = k == 0 ? grow : 1.0;
        double ahead = centre + g * (tip - centre), behind = centre - g * (back + centre);
        double w = g * half;
        const double a[2] = {x + ahead * dx, y + ahead * dy};
        const double b[2] = {x + behind * dx - w * dy, y + behind * dy + w * dx};
        const double c[2] = {x + behind * dx + w * dy, y + behind * dy - w * dx};
        shapes_triangle(r->shapes, a, b, c, colors[k]);
    }
}

/* Beside a head held at the map's edge (2D): an arrow to it from inside,
 * pointing the way the run has gone out, and what became of the run —
 * "diverged at step N", "stalled at step N" or which way it went out
 * (off_map_way) — on the arrow's inner side. */
static void draw_off_view(Renderer *r, const Scene *scene, size_t i, const Viewport *vp,
                          double px, double py, double out_x, double out_y)
{
    const SceneRun *sr = &scene->runs[i];
    double s = r->scale, dx, dy;
    if (!way_out(out_x, out_y, &dx, &dy))
        return;
    /* In the marks' colour: the run's own would vanish on its path, which
     * leads the same way.  A run still going has its head (draw_off_map_head)
     * for the arrow's: the shaft alone, up to that head's base. */
    double ax = px - 34.0 * s * dx, ay = py - 34.0 * s * dy;
    if (sr->run.status == RUN_ACTIVE) {
        double back = OFF_MAP_HEAD_BASE * r->marker_scale;
        shapes_segment(r->shapes, ax, ay, px - back * dx, py - back * dy, 2.2 * s,
                       r->theme->casing);
        shapes_segment(r->shapes, ax, ay, px - back * dx, py - back * dy, 1.2 * s,
                       r->theme->mark);
    } else {
        shapes_arrow(r->shapes, ax, ay, px - 9.0 * s * dx, py - 9.0 * s * dy, 2.2 * s, 8.0 * s,
                     r->theme->casing);
        shapes_arrow(r->shapes, ax, ay, px - 9.0 * s * dx, py - 9.0 * s * dy, 1.2 * s, 6.5 * s,
                     r->theme->mark);
    }
    char label[96];
    if (sr->run.status == RUN_DIVERGED)
        snprintf(label, sizeof label, _("diverged at step %zu"), run_steps(&sr->run));
    else if (sr->run.status == RUN_STALLED)
        snprintf(label, sizeof label, _("stalled at step %zu"), run_steps(&sr->run));
    else
        snprintf(label, sizeof label, "%s", _(off_map_way(dx, dy)));
    int font = render_font_px(r, 14.0);
    double w = render_text_width(r, label, font), h = render_line_height(r, font);
    /* Beside the arrow it explains, off every head (sharing a place with
     * one, schedules 3's note lay over the heads of the runs at the
     * minimum) and first where no path runs (the diverging run's own band
     * leads out the same way): its centre past the arrow's tail on the
     * arrow's line, by half its extent along the arrow, so it clears the
     * arrow whichever edge the head is on; then across the arrow, to
     * either side, level with its middle, then with its tail.  Where all
     * of these lie on a head or a path, further across level with its
     * middle, half a move at a time, each side in turn; only where every
     * place does, the first of them off the heads, then past the tail.
     * (Taken on a path before moving across, schedules 3's "diverged at
     * step 7" lay over η = 0.5's last stretch, which leads out along the
     * arrow; moved across past the tail, whole moves at a time, it stood
     * 96 pixels off the ✕ at 1280x720 --projector, review, issue 12.) */
    double reach = 40.0 * s + 0.5 * (w * fabs(dx) + h * fabs(dy));
    /* Its panel (pad either side of the text) is what must keep clear:
     * OFF_VIEW_GAP inside the map's edge and off the paths.  Tried with
     * the text alone, the panel lay flush on the edge (schedules 2-3) and
     * against the path beside the arrow (learning_rate 6-7). */
    double pad = RENDER_LABEL_PAD * r->scale, gap = OFF_VIEW_GAP * r->scale;
    /* Across, clear of a path along the arrow: a head held by where its
     * path left the map (head_place) has that path beside the arrow. */
    size_t order = 0;
    while (order + 1 < scene->run_count && path_order(scene, order) != i)
        order++;
    double across = 0.5 * (w * fabs(dy) + h * fabs(dx)) + pad * fabs(dy) + gap + 6.0 * s +
                    drawn_path_reach(r, order);
    double places[5 + 2 * OFF_VIEW_MOVES][2] = {
        {reach, 0.0}, {21.5 * s, across}, {21.5 * s, -across}, {34.0 * s, across}, {34.0 * s, -across}};
    for (int move = 1; move <= 2 * OFF_VIEW_MOVES; move++) {
        places[4 + move][0] = 21.5 * s;
        places[4 + move][1] = (move % 2 ? 1.0 : -1.0) * (1.0 + 0.5 * ((move + 1) / 2)) * across;
    }
    LayoutRect map = render_visible_map(r, vp), at = {0, 0, w, h};
    bool found = false;
    /* The places beside the arrow off every path, off its own run's, then
     * those further across off every path; then off the heads alone,
     * beside the arrow, then further across.  Each off the labels placed
     * before it: moved off one (layout_place_label), schedules 3's note
     * in the window lay on its own arrow. */
    enum { EVERY_PATH, OWN_PATH, NO_PATH };
    static const struct {
        bool far;
        int off;
    } passes[] = {{false, EVERY_PATH}, {false, OWN_PATH}, {true, EVERY_PATH}, {false, NO_PATH},
                  {true, NO_PATH}};
    for (size_t pass = 0; pass < sizeof passes / sizeof passes[0] && !found; pass++)
        for (size_t k = passes[pass].far ? 5 : 0;
             k < (passes[pass].far ? 5u + 2 * OFF_VIEW_MOVES : 5u) && !found; k++) {
            LayoutRect box = {px - places[k][0] * dx - 0.5 * w - places[k][1] * dy,
                              py - places[k][0] * dy - 0.5 * h + places[k][1] * dx, w, h};
            box.x = fmin(fmax(box.x, map.x + pad + gap), map.x + map.w - w - pad - gap);
            box.y = fmin(fmax(box.y, map.y + gap), map.y + map.h - h - gap);
            if (k == 0 && pass == 0)
                at = box;
            LayoutRect clear = {box.x - pad - gap, box.y - gap, w + 2.0 * (pad + gap),
                                h + 2.0 * gap};
            int off = passes[pass].off;
            found = !box_on_heads(r, scene, vp, box) &&
                    !render_on_kept_clear(r, (LayoutRect){box.x - pad, box.y, w + 2.0 * pad, h}) &&
                    (off == NO_PATH ||
                     !box_on_paths(r, scene, vp, clear, off == OWN_PATH ? i : SIZE_MAX));
            if (found)
                at = box;
        }
    /* On an opaque panel: on the see-through one the run's colour lay
     * over its own path's band (learning_rate 6 and 7). */
    LayoutRect want = {at.x - pad, at.y, w + 2.0 * pad, h};
    at = layout_place_label(r->labels, r->label_count, want, RENDER_LABEL_MOVES);
    /* Led to the head where it stands further than beside it: schedules
     * 3's "diverged at step 7", the places nearer on the heads, the
     * mirrored start or the paths, stood 64 pixels under its ✕ at
     * 1280x720 --projector and read as no one's (review, issue 12). */
    render_label_leader(r, px, py, (LayoutRect){at.x + pad, at.y, at.w - 2.0 * pad, at.h});
    Rgba panel = r->theme->panel;
    panel.a = 1.0f;
    shapes_rect(r->shapes, at.x, at.y, at.w, at.h, panel);
    render_label_at(r, label, at, font, render_run_color(r, i, 1.0f));
}

static bool mark_circle(const Renderer *r, const Viewport *vp, const SceneMark *m, double *cx,
                        double *cy, double *radius);
static bool particle_pixel(const Renderer *r, const Viewport *vp, const float *xy, double *px,
                           double *py);

/* Whether a mark's circle comes within gap pixels of the ring of radius
 * rho about (x, y). */
static bool near_mark_circle(const Renderer *r, const Scene *scene, const Viewport *vp, double x,
                             double y, double rho, double gap)
{
    for (size_t k = 0; k < scene->mark_count; k++) {
        double cx, cy, radius;
        if (!mark_circle(r, vp, &scene->marks[k], &cx, &cy, &radius))
            continue;
        double d = hypot(x - cx, y - cy);
        /* The least distance between the two circles: nested, apart, or
         * crossing (0). */
        double apart = fmax(fmax(fabs(radius - rho) - d, d - radius - rho), 0.0);
        if (apart < gap)
            return true;
    }
    return false;
}

/* Where run i bounces back to (pixels), when its path ends in a cycle of
 * two points: its last swing retraces the one before (its end within the
 * path's least point spacing of where that began) and is longer than a
 * head is wide, so its far end is a place of its own (sharp_flat 5:
 * "bouncing between two points on opposite walls"). */
static bool cycle_point(const Renderer *r, size_t i, double *x, double *y)
{
    const PathCache *c = &r->paths[i];
    if (c->count < 3)
        return false;
    size_t first = c->count - 3, far = c->count - 2, last = c->count - 1;
    *x = c->points[3 * far], *y = c->points[3 * far + 1];
    return turns_back(c->points, first, far, last) &&
           kept_distance(c->points, last, first) < c->spacing &&
           kept_distance(c->points, last, far) > 2.0 * HEAD_RADIUS * r->marker_scale;
}

/* A large cloud's particles are looked at in an even sample of about this
 * many (cloud_under_head, render_particles_in). */
#define CLOUD_SAMPLE 4096

/* Whether run i copies a particle cloud that lies within its head's disc
 * about (px, py) (sgd_noise 5's batch of 50, 0.4 pixels wide at 960x540):
 * every particle, or of a large cloud every one of a sample. */
static bool cloud_under_head(const Renderer *r, const Scene *scene, const Viewport *vp, size_t i,
                             double px, double py)
{
    if (!scene->swarm || i != scene->swarm_run)
        return false;
    const float *xy = swarm_positions(scene->swarm);
    size_t n = swarm_count(scene->swarm), every = n / CLOUD_SAMPLE + 1;
    for (size_t k = 0; k < n; k += every) {
        double x, y;
        if (particle_pixel(r, vp, &xy[2 * k], &x, &y) &&
            hypot(x - px, y - py) > HEAD_RADIUS * r->marker_scale)
            return false;
    }
    return true;
}

/* The particles that box holds or touches, as drawn (draw_particles'
 * disc, or a density image's cell): counted, every one or of a large
 * cloud those of an even sample; or (draw) each one on the map drawn
 * again, a disc in the cloud's colour, and counted. */
static size_t particles_near(const Renderer *r, const Scene *scene, LayoutRect box, bool draw)
{
    if (!scene->swarm || scene->runs[scene->swarm_run].hidden)
        return 0;
    Viewport vp = render_viewport(r, scene);
    const float *xy = swarm_positions(scene->swarm);
    size_t n = swarm_count(scene->swarm), every = draw ? 1 : n / CLOUD_SAMPLE + 1, held = 0;
    double reach = 2.2 * r->marker_scale;
    LayoutRect near = {box.x - reach, box.y - reach, box.w + 2 * reach, box.h + 2 * reach};
    Rgba color = render_run_color(r, scene->swarm_run, 1.0f);
    for (size_t k = 0; k < n; k += every) {
        double x, y;
        if (!particle_pixel(r, &vp, &xy[2 * k], &x, &y) || !layout_rect_holds(near, x, y) ||
            (draw && !layout_rect_holds(r->layout.landscape, x, y)))
            continue;
        held++;
        if (draw)
            shapes_disc(r->shapes, x, y, reach, color);
    }
    return held;
}

size_t render_particles_in(const Renderer *r, const Scene *scene, LayoutRect box)
{
    return particles_near(r, scene, box, false);
}

size_t render_particles_over(Renderer *r, const Scene *scene, LayoutRect box)
{
    return particles_near(r, scene, box, true);
}

/* A head's place as a ring in the run's colour, no disc: narrower than a
 * stacked head's ring (render_head_ring), so a particle cloud's dot
 * (draw_particles' discs, 2.2 pixels times the marker scale) stands clear
 * inside it. */
static void draw_hollow_head(Renderer *r, double x, double y, Rgba color)
{
    double s = r->marker_scale;
    shapes_ring(r->shapes, x, y, HEAD_RADIUS * s, 1.8 * s, r->theme->path_casing);
    shapes_ring(r->shapes, x, y, HEAD_RADIUS * s, 1.0 * s, color);
}

/* A head's disc in the run's colour, cased. */
static void draw_head_disc(Renderer *r, double x, double y, Rgba color)
{
    double s = r->marker_scale;
    shapes_disc(r->shapes, x, y, HEAD_RADIUS * s, color);
    shapes_ring(r->shapes, x, y, HEAD_RADIUS * s, 1.0 * s, r->theme->path_casing);
}

/* The head: a disc in the run's colour; a cross when the run diverged or
 * stalled; kept inside the map (an arrowhead pointing out at the edge,
 * draw_off_map_head, with draw_off_view's shaft and note) when the run has
 * left the view.  Heads
 * at one place (runs that met at a minimum) stack: the head drawn last
 * keeps its disc, and each earlier one (stack 1, 2, ...) is a ring around
 * it in its colour, so every run at the place can be seen; of stacked
 * heads the selection ring circles them all (stacked: how many there are
 * in all).  A head over a particle cloud smaller than itself is a ring
 * alone (draw_hollow_head), the cloud seen inside it. */
static void draw_head(Renderer *r, const Scene *scene, const Viewport *vp, size_t i,
                      const HeadPlace *h, int stack, int stacked)
{
    const SceneRun *sr = &scene->runs[i];
    double s = r->marker_scale, px = h->px, py = h->py, dx, dy;
    if (h->outside && !r->view3d && stack == 0)
        draw_off_view(r, scene, i, vp, px, py, h->out_x, h->out_y);
    Rgba color = render_path_color(r, scene, i, h->seen ? 1.0f : HIDDEN_ALPHA);
    /* Its disc, or its ring around the heads stacked before it. */
    double reach = HEAD_RADIUS * s;
    if (stack > 0) {
        reach = render_head_ring(r, px, py, HEAD_RADIUS, stack, color);
    } else if (sr->run.status == RUN_ACTIVE && !h->outside &&
               cloud_under_head(r, scene, vp, i, px, py)) {
        draw_hollow_head(r, px, py, color);
    } else if (sr->run.status != RUN_ACTIVE) {
        render_cross(r, px, py, 6.0 * s, 2.6 * s, r->theme->path_casing);
        render_cross(r, px, py, 6.0 * s, 1.6 * s, color);
    } else if (h->outside && way_out(h->out_x, h->out_y, &dx, &dy)) {
        draw_off_map_head(r, px, py, dx, dy, color);
    } else {
        draw_head_disc(r, px, py, color);
    }
    if (scene->swarm && i == scene->swarm_run)
        r->marks_drawn |= RENDER_MARK_WALKER;
    /* A lone run has no ring: there is no other to select. */
    if (i == scene->selected && scene_runs_told_apart(scene)) {
        r->marks_drawn |= RENDER_MARK_SELECTED;
        /* In the run's colour, cased, where a lesson's mark circle runs
         * beside it: two white rings read as one more circle (sgd_noise
         * 3's and schedules 5's inner circles about the head). */
        reach = (HEAD_SELECT_RADIUS + HEAD_RING_STEP * (stacked - 1)) * s;
        if (near_mark_circle(r, scene, vp, px, py, reach, 4.0 * s)) {
            shapes_ring(r->shapes, px, py, reach, 2.4 * s, r->theme->path_casing);
            shapes_ring(r->shapes, px, py, reach, 1.3 * s, color);
        } else {
            shapes_ring(r->shapes, px, py, reach, 1.1 * s, r->theme->mark);
        }
    }
    /* Labels drawn after the heads (marks, basin shares, effective steps)
     * keep off it and its ring's casing (escape 3's "54%" lay over the
     * head at --projector). */
    render_note_head(r, px, py, reach + 1.5 * s);
}

void render_note_head(Renderer *r, double x, double y, double reach)
{
    render_keep_clear(r, (LayoutRect){x - reach, y - reach, 2 * reach, 2 * reach});
    if (r->head_count < SCENE_MAX_RUNS) {
        double *head = r->heads[r->head_count++];
        head[0] = x, head[1] = y, head[2] = reach;
    }
}

/* How much of run i's newest path (pixels of length along its last
 * PATH_RECENT_POINTS kept points, of the trail a cloud's run keeps) lies
 * within reach of (x, y) on both axes: its ink there. */
static double path_ink(const Renderer *r, const Scene *scene, size_t i, double x, double y,
                       double reach)
{
    const PathCache *c = &r->paths[i];
    if (scene->display.paths_hidden || c->count < 2)
        return 0.0;
    const double box[4] = {x - reach, y - reach, x + reach, y + reach};
    double head = c->points[3 * (c->count - 1) + 2], ink = 0.0;
    double window = trail_window(r, scene, i);
    for (size_t k = c->count > PATH_RECENT_POINTS ? c->count - PATH_RECENT_POINTS : 0;
         k + 1 < c->drawn; k++) {
        double x0 = c->points[3 * k], y0 = c->points[3 * k + 1];
        double x1 = c->points[3 * k + 3], y1 = c->points[3 * k + 4];
        if (!isnan(x0) && !isnan(x1) && head - c->points[3 * k + 5] < window &&
            clip_segment(box, &x0, &y0, &x1, &y1))
            ink += hypot(x1 - x0, y1 - y0);
    }
    return ink;
}

/* Of heads at one place, a ring's run takes the disc where its path has
 * more than this many times the disc's run's ink about the place. */
#define HEAD_CROWD_RATIO 2.0

/* A shown run's head as draw_heads orders them. */
typedef struct HeadDrawn {
    size_t run;
    HeadPlace place;
    double ink; /* path_ink about the place */
} HeadDrawn;

/* The first ring (stack > 0) whose run has HEAD_CROWD_RATIO times the ink
 * of its stack's disc's (the last drawn of the stack's heads near it)
 * trades places with it in the order; false when none has. */
static bool ring_takes_disc(HeadDrawn *head, double (*at)[2], size_t n, double tolerance,
                            const int *stack)
{
    for (size_t j = 0; j < n; j++)
        for (size_t d = n; stack[j] > 0 && d-- > j + 1;) {
            if (stack[d] != 0 || fabs(at[d][0] - at[j][0]) > tolerance ||
                fabs(at[d][1] - at[j][1]) > tolerance)
                continue;
            if (!(head[j].ink > HEAD_CROWD_RATIO * head[d].ink))
                break;
            HeadDrawn ring = head[j];
            head[j] = head[d], head[d] = ring;
            at[j][0] = head[j].place.px, at[j][1] = head[j].place.py;
            at[d][0] = head[d].place.px, at[d][1] = head[d].place.py;
            return true;
        }
    return false;
}

/* Every shown run's head, in drawing order (the selected last); heads
 * closer than a head's radius count as one place and stack (draw_head).
 * Of a stack, the run whose own path crowds the place (HEAD_CROWD_RATIO
 * times the ink of the disc's, path_ink, where the rings go) takes the
 * disc: its ring would lie on its own colour (momentum 4: momentum's blue
 * ring about GD's disc, on momentum's blue swings about the minimum, was
 * not seen).  Under them, the other point of a run's 2-cycle
 * (cycle_point) as a hollow head: a place the head comes back to. */
static void draw_heads(Renderer *r, const Scene *scene, const Viewport *vp)
{
    HeadDrawn head[SCENE_MAX_RUNS];
    double at[SCENE_MAX_RUNS][2];
    size_t n = 0;
    double tolerance = HEAD_RADIUS * r->marker_scale;
    double reach = (HEAD_SELECT_RADIUS + HEAD_RING_STEP * (double)(scene->run_count - 1)) *
                   r->marker_scale;
    for (size_t k = 0; k < scene->run_count; k++) {
        size_t i = drawing_order(scene, k);
        long last = last_finite(&scene->runs[i].run);
        if (scene->runs[i].hidden || last < 0)
            continue;
        HeadPlace h = head_place(r, scene, i, last, vp);
        head[n] = (HeadDrawn){i, h, path_ink(r, scene, i, h.px, h.py, reach)};
        at[n][0] = h.px;
        at[n++][1] = h.py;
    }
    int stack[SCENE_MAX_RUNS], stacked[SCENE_MAX_RUNS];
    /* Each trade leaves a disc with more ink: at most n * n of them. */
    for (size_t round = 0;; round++) {
        render_head_stacks(at, n, tolerance, stack, stacked);
        if (round == n * n || !ring_takes_disc(head, at, n, tolerance, stack))
            break;
    }
    /* A 2-cycle's other point a disc as the head is: the run stands at
     * each in turn, and ringed, one of the two read as special (sharp_flat
     * 5, frame review).  Under every head (sharp_flat 6's lay over
     * η = 0.019's head at the minimum). */
    double cx, cy, ring = (HEAD_RADIUS + 2.5) * r->marker_scale;
    for (size_t k = 0; k < n; k++)
        if (!head[k].place.outside && !r->view3d && !scene->display.paths_hidden &&
            scene->runs[head[k].run].run.status == RUN_ACTIVE &&
            cycle_point(r, head[k].run, &cx, &cy)) {
            draw_head_disc(r, cx, cy, render_path_color(r, scene, head[k].run, 1.0f));
            render_keep_clear(r, (LayoutRect){cx - ring, cy - ring, 2 * ring, 2 * ring});
        }
    for (size_t k = 0; k < n; k++)
        draw_head(r, scene, vp, head[k].run, &head[k].place, stack[k], stacked[k]);
}

void render_head_stacks(const double (*at)[2], size_t n, double radius, int *stack,
                        int *stacked)
{
    double back[SCENE_MAX_RUNS][2]; /* from the last drawn back */
    int on[SCENE_MAX_RUNS], with[SCENE_MAX_RUNS];
    for (size_t k = 0; k < n; k++) {
        back[k][0] = at[n - 1 - k][0];
        back[k][1] = at[n - 1 - k][1];
    }
    layout_stacks(back, n, radius, on, with);
    for (size_t k = 0; k < n; k++) {
        stack[k] = on[n - 1 - k];
        stacked[k] = with[n - 1 - k];
    }
}

double render_head_ring(Renderer *r, double x, double y, double radius, int stack, Rgba color)
{
    double s = r->marker_scale, reach = (radius + HEAD_RING_STEP * stack) * s;
    shapes_ring(r->shapes, x, y, reach, 2.6 * s, r->theme->path_casing);
    shapes_ring(r->shapes, x, y, reach, 1.5 * s, color);
    return reach;
}

/* A minimum's ring, cased, of radius (pixels, times s, the scale of the
 * map's markers or the key's):
 * a ring, not a disc, so the pixel at a minimum keeps its heatmap colour. */
static void minimum_ring(Renderer *r, double px, double py, double radius, double s,
                         float alpha)
{
    Rgba casing = r->theme->casing, mark = r->theme->mark;
    casing.a *= alpha;
    mark.a *= alpha;
    shapes_ring(r->shapes, px, py, radius * s, 2.0 * s, casing);
    shapes_ring(r->shapes, px, py, radius * s, 1.0 * s, mark);
}

static void draw_minima(Renderer *r, const Scene *scene, const Viewport *vp)
{
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t n = landscape_minima(scene->landscape, minima, LANDSCAPE_MAX_MINIMA);
    double s = r->marker_scale;
    for (size_t k = 0; k < n; k++) {
        double px, py;
        bool seen = render_to_pixel(r, vp, minima[k].x, minima[k].y, &px, &py);
        if (px < -20 || py < -20 || px > r->width + 20 || py > r->height + 20)
            continue;
        double radius = k == 0 ? 7.0 : 5.5;
        minimum_ring(r, px, py, radius, s, seen ? 1.0f : HIDDEN_ALPHA);
        if (in_rect(render_visible_map(r, vp), px, py))
            r->marks_drawn |= RENDER_MARK_MINIMUM;
        double reach = (radius + 2.0) * s;
        render_keep_shown(r, (LayoutRect){px - reach, py - reach, 2 * reach, 2 * reach});
    }
}

/* A start's cross, cased, at scale s (as minimum_ring). */
static void start_cross(Renderer *r, double px, double py, double s)
{
    shapes_segment(r->shapes, px - 7 * s, py, px + 7 * s, py, 2.0 * s, r->theme->casing);
    shapes_segment(r->shapes, px, py - 7 * s, px, py + 7 * s, 2.0 * s, r->theme->casing);
    shapes_segment(r->shapes, px - 6 * s, py, px + 6 * s, py, 1.0 * s, r->theme->mark);
    shapes_segment(r->shapes, px, py - 6 * s, px, py + 6 * s, 1.0 * s, r->theme->mark);
}

static void draw_starts(Renderer *r, const Scene *scene, const Viewport *vp)
{
    double s = r->marker_scale;
    for (size_t i = 0; i < scene->run_count; i++) {
        const SceneRun *sr = &scene->runs[i];
        bool drawn = false;
        for (size_t j = 0; j < i && !drawn; j++)
            drawn = same_start(scene, i, j);
        if (drawn || sr->hidden)
            continue;
        double px, py;
        render_to_pixel(r, vp, sr->x0, sr->y0, &px, &py);
        if (render_clamp_to_map(vp, 0.0, &px, &py))
            continue;
        /* On a dark disc where the basins' white edges are drawn: saddle
         * 4's start lies on one, and its white cross was lost in the
         * dashes (review, issue 12). */
        if (scene->display.basins)
            shapes_disc(r->shapes, px, py, 8.0 * s, r->theme->casing);
        start_cross(r, px, py, s);
        r->marks_drawn |= RENDER_MARK_START;
        render_keep_clear(r, (LayoutRect){px - 8 * s, py - 8 * s, 16 * s, 16 * s});
    }
}

/* Above this many particles the cloud is a density image (cloud.h), below
 * it each particle is a disc. */
#define CLOUD_MIN_PARTICLES 2000

/* Where particle xy (its x, y) is drawn; false when it is not. */
static bool particle_pixel(const Renderer *r, const Viewport *vp, const float *xy, double *px,
                           double *py)
{
    return isfinite(xy[0]) && isfinite(xy[1]) &&
           render_to_pixel(r, vp, (double)xy[0], (double)xy[1], px, py);
}

/* The swarm's n particles xy counted into the cloud, a slice of them a
 * thread into its slice of the counts. */
typedef struct CloudCount {
    Renderer *r;
    const Viewport *vp;
    const float *xy;
    size_t n;
} CloudCount;

/* Pixels px, py of the CLOUD_BATCH particles from xy on (NaN: not drawn;
 * past the end: none).  A whole batch in 2D is the viewport's map in one
 * loop of a fixed count, which vectorises: a non-finite position maps to a
 * non-finite pixel, which the cloud ignores. */
static void batch_pixels(const CloudCount *c, const float *xy, size_t left, double *px,
                         double *py)
{
    if (!c->r->view3d && left >= CLOUD_BATCH) {
        double d[2 * CLOUD_BATCH];
        for (size_t i = 0; i < 2 * CLOUD_BATCH; i++)
            d[i] = (double)xy[i];
        Viewport vp = *c->vp;
        for (size_t i = 0; i < CLOUD_BATCH; i++)
            viewport_to_pixel(&vp, d[2 * i], d[2 * i + 1], &px[i], &py[i]);
        return;
    }
    for (size_t i = 0; i < CLOUD_BATCH; i++)
        if (i >= left || !particle_pixel(c->r, c->vp, &xy[2 * i], &px[i], &py[i]))
            px[i] = py[i] = (double)NAN;
}

static void count_particles(void *context, size_t begin, size_t end)
{
    const CloudCount *c = context;
    size_t slices = (size_t)c->r->cloud.slices;
    double px[CLOUD_BATCH], py[CLOUD_BATCH];
    for (size_t slice = begin; slice < end; slice++) {
        size_t last = c->n * (slice + 1) / slices;
        for (size_t k = c->n * slice / slices; k < last; k += CLOUD_BATCH) {
            batch_pixels(c, &c->xy[2 * k], last - k, px, py);
            cloud_add(&c->r->cloud, (int)slice, px, py);
        }
    }
}

static void draw_particles(Renderer *r, const Scene *scene, const Viewport *vp)
{
    if (!scene->swarm || scene->runs[scene->swarm_run].hidden)
        return;
    const float *xy = swarm_positions(scene->swarm);
    size_t n = swarm_count(scene->swarm);
    bool cloud = n > CLOUD_MIN_PARTICLES && cloud_begin(&r->cloud, r->width, r->height,
                                                        2.0 * r->scale, SCENE_SWARM_THREADS);
    Rgba color = render_run_color(r, scene->swarm_run, cloud ? 1.0f : 0.6f);
    if (!cloud) {
        for (size_t k = 0; k < n; k++) {
            double px, py;
            if (particle_pixel(r, vp, &xy[2 * k], &px, &py) && px >= 0 && py >= 0 &&
                px <= r->width && py <= r->height)
                shapes_disc(r->shapes, px, py, 2.2 * r->marker_scale, color);
        }
        return;
    }
    CloudCount count = {r, vp, xy, n};
    parallel_for(SCENE_SWARM_THREADS, SCENE_SWARM_THREADS, count_particles, &count);
    cloud_upload(&r->cloud);
    /* The image is drawn now: the paths queued so far go first, under it. */
    shapes_flush(r->shapes, r->width, r->height);
    int box[4];
    if (!cloud_drawn_box(&r->cloud, box))
        return;
    /* Only where it is not clear, within the scissor already set (the
     * map's): the same quad, so every pixel drawn samples as before. */
    GLint saved[4] = {0, 0, r->width, r->height};
    GLboolean scissored = glIsEnabled(GL_SCISSOR_TEST);
    if (scissored)
        glGetIntegerv(GL_SCISSOR_BOX, saved);
    int x0 = box[0] > saved[0] ? box[0] : saved[0];
    int x1 = box[2] < saved[0] + saved[2] ? box[2] : saved[0] + saved[2];
    int y0 = r->height - box[3] > saved[1] ? r->height - box[3] : saved[1];
    int y1 = r->height - box[1] < saved[1] + saved[3] ? r->height - box[1] : saved[1] + saved[3];
    if (x0 >= x1 || y0 >= y1)
        return;
    glEnable(GL_SCISSOR_TEST);
    glScissor(x0, y0, x1 - x0, y1 - y0);
    render_image_now(r, r->cloud.texture, 0, 0, r->cloud.columns * r->cloud.cell,
                     r->cloud.rows * r->cloud.cell, color);
    glScissor(saved[0], saved[1], saved[2], saved[3]);
    if (!scissored)
        glDisable(GL_SCISSOR_TEST);
}

size_t render_arrows_in(const Renderer *r, LayoutRect box)
{
    size_t n = 0;
    for (size_t k = 0; k < r->arrow_count; k++)
        n += layout_overlap(box, r->arrows[k]);
    return n;
}

bool render_on_kept_clear(const Renderer *r, LayoutRect box)
{
    for (size_t k = 0; k < r->label_count; k++)
        if (layout_overlap(box, r->labels[k]))
            return true;
    return false;
}

/* The descent direction -∇L on a coarse grid of the map (length grows
 * with log(1 + |∇L|)); returns the largest log(1 + |∇L|) there (0: none),
 * the field's scale.  With draw false it only measures.  Drawn after
 * everything else on the map (and moved under it: render_world), so an
 * arrow whose glyph would meet a label, or anything else labels keep clear
 * of, is left out: arrows ran through "line of minima", "min-norm point"
 * and the axis value "5" (adam_vs_sgd 1, implicit_regularization 2-3),
 * showing through the labels' translucent panels. */
static double draw_field(Renderer *r, const Scene *scene, const Viewport *vp, bool draw)
{
    double s = r->scale, spacing = 64.0 * s, head = 5.0 * s, half = 0.9 * s;
    int cols = (int)(vp->width / spacing), rows = (int)(vp->height / spacing);
    double gmax = 0.0;
    for (int pass = 0; pass < (draw ? 2 : 1); pass++) {
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                double px = vp->x + (i + 0.5) * vp->width / cols,
                       py = vp->y + (j + 0.5) * vp->height / rows, x, y;
                double g[2], ux, uy;
                /* The plane points under a pixel grid (in 3D the same
                 * points of the plane, stood on the surface). */
                viewport_to_world(vp, px, py, &x, &y);
                landscape_value_grad(scene->landscape, x, y, g);
                double norm = hypot(g[0], g[1]);
                if (!isfinite(norm) || norm <= 0)
                    continue;
                if (pass == 0) {
                    gmax = fmax(gmax, log1p(norm));
                    continue;
                }
                if ((r->view3d && !render_to_pixel(r, vp, x, y, &px, &py)) ||
                    !render_direction(r, vp, x, y, -g[0], -g[1], &ux, &uy))
                    continue;
                double len = 0.42 * spacing * log1p(norm) / gmax;
                double tx = px + ux * len, ty = py + uy * len, reach = head + half;
                LayoutRect glyph = {fmin(px, tx) - reach, fmin(py, ty) - reach,
                                    fabs(tx - px) + 2.0 * reach, fabs(ty - py) + 2.0 * reach};
                if (!render_on_kept_clear(r, glyph)) {
                    shapes_arrow(r->shapes, px, py, tx, ty, half, head, r->theme->field);
                    r->marks_drawn |= RENDER_MARK_GRADIENT;
                    if (r->arrow_count < RENDER_MAX_ARROWS)
                        r->arrows[r->arrow_count++] = glyph;
                }
            }
        }
    }
    return gmax;
}

/* The descent direction at each run's head in its colour, at twice the
 * scale of the field (gmax: draw_field's). */
static void draw_head_arrows(Renderer *r, const Scene *scene, const Viewport *vp, double gmax)
{
    double s = r->scale, spacing = 64.0 * s;
    for (size_t i = 0; i < scene->run_count; i++) {
        const SceneRun *sr = &scene->runs[i];
        if (sr->hidden || sr->run.status != RUN_ACTIVE)
            continue;
        RunPoint head = run_head(&sr->run);
        double g[2], px, py;
        landscape_value_grad(scene->landscape, head.x, head.y, g);
        double norm = hypot(g[0], g[1]);
        if (!isfinite(norm) || norm <= 0)
            continue;
        double ux, uy;
        if (!render_to_pixel(r, vp, head.x, head.y, &px, &py) ||
            render_clamp_to_map(vp, 0.0, &px, &py) ||
            !render_direction(r, vp, head.x, head.y, -g[0], -g[1], &ux, &uy))
            continue;
        /* As long as the field's arrows would be, at twice their scale. */
        double len = 2.0 * 0.42 * spacing * (gmax > 0 ? fmin(1.0, log1p(norm) / gmax) : 1.0);
        double tx = px + ux * len, ty = py + uy * len;
        shapes_arrow(r->shapes, px, py, tx, ty, 2.4 * s, 9.0 * s, r->theme->casing);
        shapes_arrow(r->shapes, px, py, tx, ty, 1.4 * s, 9.0 * s, render_run_color(r, i, 1.0f));
    }
}

/* Segments around the spread's ellipse. */
#define SPREAD_SEGMENTS 72

/* How wide the cloud is (core/spread.h): the ellipse one standard deviation
 * out along each principal axis, the two half-axes drawn from its centre
 * and labelled with their σ, so "half as wide" can be read off the screen.
 * Each half-axis points away from the copied run's head, which sits in the
 * cloud and would cover its label. */
static void draw_spread(Renderer *r, const Scene *scene, const Viewport *vp)
{
    Spread2 sp;
    if (!scene->swarm || scene->runs[scene->swarm_run].hidden ||
        !spread2_of(swarm_positions(scene->swarm), swarm_count(scene->swarm), &sp))
        return;
    double s = r->scale, cx, cy, hx, hy;
    if (!render_to_pixel(r, vp, sp.mean[0], sp.mean[1], &cx, &cy))
        return;
    RunPoint head = run_head(&scene->runs[scene->swarm_run].run);
    bool head_seen = render_to_pixel(r, vp, head.x, head.y, &hx, &hy);
    const double axes[2][2] = {{sp.axis[0], sp.axis[1]}, {-sp.axis[1], sp.axis[0]}};
    double ends[2][2];
    bool has_end[2] = {false, false};
    for (int axis = 0; axis < 2; axis++) {
        double far = 0;
        for (int sign = -1; sign <= 1; sign += 2) {
            double px, py;
            if (!render_to_pixel(r, vp, sp.mean[0] + sign * sp.sigma[axis] * axes[axis][0],
                                 sp.mean[1] + sign * sp.sigma[axis] * axes[axis][1], &px, &py))
                continue;
            double d = head_seen ? hypot(px - hx, py - hy) : sign;
            if (!has_end[axis] || d > far) {
                ends[axis][0] = px, ends[axis][1] = py, far = d;
                has_end[axis] = true;
            }
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        double half = pass == 0 ? 2.4 * s : 1.3 * s;
        Rgba color = pass == 0 ? r->theme->casing : r->theme->mark;
        double ax = 0, ay = 0;
        bool a_seen = false;
        for (int k = 0; k <= SPREAD_SEGMENTS; k++) {
            double t = 2.0 * M_PI * k / SPREAD_SEGMENTS;
            double c = sp.sigma[0] * cos(t), d = sp.sigma[1] * sin(t), bx, by;
            bool b_seen = render_to_pixel(r, vp, sp.mean[0] + c * axes[0][0] + d * axes[1][0],
                                          sp.mean[1] + c * axes[0][1] + d * axes[1][1], &bx, &by);
            if (k > 0 && a_seen && b_seen)
                shapes_segment(r->shapes, ax, ay, bx, by, half, color);
            ax = bx, ay = by, a_seen = b_seen;
        }
        for (int axis = 0; axis < 2; axis++)
            if (has_end[axis])
                shapes_segment(r->shapes, cx, cy, ends[axis][0], ends[axis][1], 0.8 * half,
                               color);
    }
    int px = render_font_px(r, 14.0);
    double h = text_line_height(r->text, px);
    for (int axis = 0; axis < 2; axis++) {
        if (!has_end[axis])
            continue;
        char label[48];
        snprintf(label, sizeof label, "σ%s = %.3g", axis == 0 ? "₁" : "₂", sp.sigma[axis]);
        /* Beyond the half-axis's end, on the side it points to. */
        double ex = ends[axis][0], ey = ends[axis][1], len = hypot(ex - cx, ey - cy);
        double ox = len > 0 ? (ex - cx) / len : 1.0, oy = len > 0 ? (ey - cy) / len : 0.0;
        TextAlign align = ox < -0.3 ? ALIGN_RIGHT : ox > 0.3 ? ALIGN_LEFT : ALIGN_CENTER;
        double top = ey + 8.0 * s * oy + (oy > 0.3 ? 0.0 : oy < -0.3 ? -h : -0.5 * h);
        label_at(r, label, ex + 8.0 * s * ox, top, px, align);
    }
}

/* What axis_plan's callbacks see: the frame being drawn. */
typedef struct AxisFrame {
    Renderer *r;
    const Scene *scene;
    const Viewport *vp;
} AxisFrame;

static double axis_text_width(void *context, const char *text)
{
    Renderer *r = ((AxisFrame *)context)->r;
    return render_text_width(r, text, render_font_px(r, 12.0));
}

/* Whether the square of half side half about pixel (px, py) meets label. */
static bool near_label(const AxisLabel *label, double px, double py, double half)
{
    return px + half > label->x && px - half < label->x + label->w && py + half > label->y &&
           py - half < label->y + label->h;
}

/* Whether a run's path crosses label: saddle 5's "1" lay under
 * momentum's spiral about (0, 1) at 1280x720 --projector. */
static bool axis_label_crossed(void *context, const AxisLabel *label)
{
    const AxisFrame *f = context;
    return render_box_on_paths(f->r, f->scene, f->vp,
                               (LayoutRect){label->x, label->y, label->w, label->h});
}

/* The clear gap (pixels, times the marker scale) a label keeps from a
 * head's ring: saddle 3's "1" touched GD's head at (0, 1). */
#define AXIS_LABEL_CLEAR 3.0

/* Whether a run's head, a minimum's ring, a mark's dot or a particle is
 * drawn over label (the heads with room for stacked rings and the
 * selection ring). */
static bool axis_label_covered(void *context, const AxisLabel *label)
{
    const AxisFrame *f = context;
    const Scene *scene = f->scene;
    double s = f->r->marker_scale, px, py;
    for (size_t i = 0; i < scene->run_count; i++) {
        long last = last_finite(&scene->runs[i].run);
        if (scene->runs[i].hidden || last < 0)
            continue;
        HeadPlace h = head_place(f->r, scene, i, last, f->vp);
        double ring = HEAD_SELECT_RADIUS + HEAD_RING_STEP * (double)(scene->run_count - 1);
        if (near_label(label, h.px, h.py, (ring + AXIS_LABEL_CLEAR) * s))
            return true;
    }
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t n = landscape_minima(scene->landscape, minima, LANDSCAPE_MAX_MINIMA);
    for (size_t k = 0; k < n; k++) {
        viewport_to_pixel(f->vp, minima[k].x, minima[k].y, &px, &py);
        if (near_label(label, px, py, 9.0 * s))
            return true;
    }
    for (size_t k = 0; k < scene->mark_count; k++) {
        viewport_to_pixel(f->vp, scene->marks[k].x, scene->marks[k].y, &px, &py);
        if (near_label(label, px, py, 6.0 * s))
            return true;
    }
    if (scene->swarm && !scene->runs[scene->swarm_run].hidden) {
        const float *xy = swarm_positions(scene->swarm);
        for (size_t k = 0, count = swarm_count(scene->swarm); k < count; k++) {
            viewport_to_pixel(f->vp, (double)xy[2 * k], (double)xy[2 * k + 1], &px, &py);
            if (near_label(label, px, py, 3.0 * s))
                return true;
        }
    }
    return false;
}

/* The plane's axes on map vp as axis_plan places them for this frame. */
static void plan_axes(Renderer *r, const Scene *scene, const Viewport *vp, AxisPlan *dest)
{
    AxisFrame frame = {r, scene, vp};
    AxisStyle style = {.scale = r->scale,
                       .line = render_line_height(r, render_font_px(r, 12.0)),
                       .pad = RENDER_LABEL_PAD * r->scale,
                       .text_width = axis_text_width,
                       .covered = axis_label_covered,
                       .crossed = axis_label_crossed,
                       .context = &frame};
    axis_plan(vp, &style, dest);
}

/* Pixels (times scale) the labels placed after an axis's label keep from
 * it: saddle 5's "saddle" stood 2 pixels from the origin's "0" and the
 * two read as one (review, issue 12). */
#define AXIS_LABEL_KEEP 5.0

static void draw_axis_label(Renderer *r, const AxisLabel *l)
{
    double keep = AXIS_LABEL_KEEP * r->scale;
    render_label_at(r, l->text, (LayoutRect){l->x, l->y, l->w, l->h}, render_font_px(r, 12.0),
                    r->theme->text);
    render_keep_clear(r, (LayoutRect){l->x - keep, l->y - keep, l->w + 2.0 * keep,
                                      l->h + 2.0 * keep});
}

/* The plane's axes: x = 0 and y = 0 where they are in view (along the
 * map's edge when the origin is off to a side), with round ticks and
 * their values and the axes' names, so a caption's coordinates can be
 * found on the map. */
static void draw_axes(Renderer *r, const Scene *scene, const Viewport *vp)
{
    double s = r->scale, tick = AXIS_TICK_HALF_PX * s;
    AxisPlan plan;
    plan_axes(r, scene, vp, &plan);
    double left = vp->x, top = vp->y, right = vp->x + vp->width, bottom = vp->y + vp->height;
    Rgba casing = r->theme->casing, mark = r->theme->mark;
    casing.a *= 0.7f;
    mark.a *= 0.85f;
    for (int pass = 0; pass < 2; pass++) {
        double half = pass == 0 ? 1.6 * s : 0.7 * s;
        Rgba color = pass == 0 ? casing : mark;
        shapes_segment(r->shapes, left, plan.oy, right, plan.oy, half, color);
        shapes_segment(r->shapes, plan.ox, top, plan.ox, bottom, half, color);
    }
    for (size_t k = 0; k < plan.tick_count; k++) {
        const AxisTick *t = &plan.tick[k];
        double dx = t->axis == 0 ? 0.0 : tick, dy = t->axis == 0 ? tick : 0.0;
        shapes_segment(r->shapes, t->px - dx, t->py - dy, t->px + dx, t->py + dy, 0.8 * s, mark);
        if (t->labelled)
            draw_axis_label(r, &t->label);
    }
    if (plan.has_origin)
        draw_axis_label(r, &plan.origin);
    for (int axis = 0; axis < 2; axis++)
        if (plan.has_name[axis])
            draw_axis_label(r, &plan.name[axis]);
}

size_t render_axis_labels(Renderer *r, const Scene *scene, AxisLabel *dest, size_t capacity)
{
    if (!scene->display.axes || scene->display.view3d || scene->net)
        return 0;
    Viewport vp = render_viewport(r, scene);
    AxisPlan plan;
    plan_axes(r, scene, &vp, &plan);
    return axis_plan_labels(&plan, dest, capacity);
}

/* Dash and gap lengths (pixels, times scale) of a gradient-flow line. */
#define FLOW_DASH 7.0
#define FLOW_GAP 5.0

/* Each run's gradient flow (scene_flow) as a dashed line in a lighter
 * shade of the run's colour, so the step-by-step path and the continuous
 * one it discretises can be told apart where they overlap. */
static void draw_flows(Renderer *r, const Scene *scene, const Viewport *vp)
{
    double s = r->scale;
    const double box[4] = {vp->x - CLIP_MARGIN, vp->y - CLIP_MARGIN,
                           vp->x + vp->width + CLIP_MARGIN, vp->y + vp->height + CLIP_MARGIN};
    for (size_t i = 0; i < scene->run_count; i++) {
        const Run *flow = scene_flow(scene, i);
        if (!flow || scene->runs[i].hidden)
            continue;
        Rgba c = render_run_color(r, i, 0.95f);
        c = (Rgba){0.5f * (c.r + 1.0f), 0.5f * (c.g + 1.0f), 0.5f * (c.b + 1.0f), c.a};
        /* The dash or gap being drawn and how much of it is left carry on
         * from one path segment to the next. */
        bool dash = true;
        double left = FLOW_DASH * s, ax, ay;
        /* Parts the surface hides (3D) are left out. */
        bool a_seen = render_to_pixel(r, vp, flow->path[0].x, flow->path[0].y, &ax, &ay);
        for (size_t k = 1; k < flow->count; k++) {
            if (!isfinite(flow->path[k].x) || !isfinite(flow->path[k].y))
                break;
            double bx, by;
            bool b_seen = render_to_pixel(r, vp, flow->path[k].x, flow->path[k].y, &bx, &by);
            double len = hypot(bx - ax, by - ay);
            if (len < 1.0 * s && k + 1 < flow->count)
                continue;
            /* Only the part inside the frame is cut into dashes, so a
             * deep zoom does not make millions of them. */
            double x0 = ax, y0 = ay, x1 = bx, y1 = by;
            double inside = a_seen && b_seen && clip_segment(box, &x0, &y0, &x1, &y1)
                                ? hypot(x1 - x0, y1 - y0)
                                : 0;
            if (inside > 0) {
                for (double t = 0.0; t < inside;) {
                    double piece = fmin(inside - t, left);
                    if (dash) {
                        double sx = x0 + (x1 - x0) * t / inside, sy = y0 + (y1 - y0) * t / inside;
                        double ex = x0 + (x1 - x0) * (t + piece) / inside;
                        double ey = y0 + (y1 - y0) * (t + piece) / inside;
                        shapes_segment(r->shapes, sx, sy, ex, ey, 1.9 * s, r->theme->casing);
                        shapes_segment(r->shapes, sx, sy, ex, ey, 1.1 * s, c);
                    }
                    t += piece;
                    left -= piece;
                    if (left <= 0) {
                        dash = !dash;
                        left = (dash ? FLOW_DASH : FLOW_GAP) * s;
                    }
                }
            }
            ax = bx;
            ay = by;
            a_seen = b_seen;
        }
    }
}

/* The longest last-step arrow (pixels, times scale): the step is drawn to
 * scale up to it, and not at all below a pixel (a converged run's step of
 * 1e-13 has no length to show); its head is at most this long, less on a
 * short arrow so the head does not make the step look longer. */
#define VELOCITY_MAX_PX 140.0
#define VELOCITY_HEAD_PX 8.0

/* Each run's last update θ_new - θ_old as an arrow from its head: where the
 * same step again would take it (momentum's velocity, Adam's step). */
static void draw_velocity(Renderer *r, const Scene *scene, const Viewport *vp)
{
    double s = r->scale;
    for (size_t i = 0; i < scene->run_count; i++) {
        const SceneRun *sr = &scene->runs[i];
        if (sr->hidden || sr->run.status != RUN_ACTIVE || run_steps(&sr->run) == 0)
            continue;
        const double *step = sr->run.state.step;
        double per_pixel = viewport_units_per_pixel(vp);
        double len = hypot(step[0], step[1]) / per_pixel;
        if (!isfinite(len) || len < 1.0)
            continue;
        double shown = fmin(len, VELOCITY_MAX_PX * s);
        double barb = fmin(VELOCITY_HEAD_PX * s, 0.4 * shown);
        RunPoint head = run_head(&sr->run);
        double px, py, ux, uy;
        if (!render_to_pixel(r, vp, head.x, head.y, &px, &py) ||
            render_clamp_to_map(vp, 0.0, &px, &py) ||
            !render_direction(r, vp, head.x, head.y, step[0], step[1], &ux, &uy))
            continue;
        double tx = px + ux * shown, ty = py + uy * shown;
        shapes_arrow(r->shapes, px, py, tx, ty, 2.2 * s, barb, r->theme->casing);
        shapes_arrow(r->shapes, px, py, tx, ty, 1.2 * s, barb, r->theme->mark);
    }
}

/* A step's dot (pixels, times the marker scale): its radius, its
 * casing's, a pixel wider than the path, and how far from the last dot
 * drawn the next is drawn at least: between two casings, a stretch of the
 * path's colour longer than a casing is wide.  (Wider than the path, one
 * every update, welcome 2 and 3's dots turned the path's end, where the
 * steps are short, grey; no wider than it, a light pixel or two each, a
 * review found none at 960x540.) */
#define STEP_DOT_RADIUS 2.0
#define STEP_DOT_CASING (RENDER_PATH_HALF + 1.2)
#define STEP_DOT_MERGE (5.0 * STEP_DOT_CASING)

/* A dot at each point a run's updates reached, light on a dark casing
 * over the path's colour: a path drawn as one smooth line hid how far
 * apart its steps were (welcome 2 and 3: "steps shrink"); where they
 * shrink, the dots close up, down to STEP_DOT_MERGE apart. */
static void draw_run_steps(Renderer *r, const Run *run, const Viewport *vp)
{
    double s = r->marker_scale, lx = (double)INFINITY, ly = (double)INFINITY;
    for (long k = 1, last = last_finite(run); k <= last; k++) {
        double px, py;
        if (!render_to_pixel(r, vp, run->path[k].x, run->path[k].y, &px, &py) ||
            hypot(px - lx, py - ly) < STEP_DOT_MERGE * s)
            continue;
        shapes_disc(r->shapes, px, py, STEP_DOT_CASING * s, r->theme->path_casing);
        shapes_disc(r->shapes, px, py, STEP_DOT_RADIUS * s, r->theme->mark);
        lx = px;
        ly = py;
    }
}

/* The lines where one basin of attraction meets another, on the cells the
 * shares are counted on (scene_basin_cells): a walker's share is that of
 * the side of the line it stands on (sharp_flat 2: without them the
 * walkers spread over the map read as the flat valley's, those behind the
 * sharp well as nobody's).  Marching squares over the cells' centres: an
 * edge between two centres of different basins is crossed where the two
 * basins' shares of the cells about each centre (basin_lean) cross, and a
 * square's crossings are joined (two: to each other; more, where three
 * basins meet: each to the square's middle).  Crossed half way, the line
 * was a staircase of cell-sized steps (sharp_flat 2); the shares make it
 * follow the cells' boundary smoothly, within half a cell of it.  Cased,
 * as the marks are, and dashed (basin_edge_dashes): solid, an edge along
 * an axis read as the axis (saddle 4's edge is the x axis).
 * Drawn over the paths, flows and axes (saddle 4's edge is the x axis),
 * so not in the static layer under them.  The segments are found once a
 * frame, only where a square's corners differ (placing every square's
 * corners in pixels, in each pass, was ~9% of descent's main thread
 * recording escape at 1280x720), and drawn in both passes. */
typedef struct BasinSegment {
    double x0, y0, x1, y1;
} BasinSegment;

/* A basin edge's dashes and gaps (pixels, times the scale) and the half
 * widths of its line and its casing. */
#define BASIN_EDGE_DASH 8.0
#define BASIN_EDGE_GAP 4.0
#define BASIN_EDGE_HALF 1.1
#define BASIN_EDGE_CASING_HALF 2.2

/* The segment (x0, y0) to (x1, y1) in pixels, dashed, in one pass (pass 0
 * its casing, 1 its line).  The dashes keep to the pixel grid along the
 * segment's longer direction, so the pieces of one edge, found square by
 * square, dash as one line; over an axis the gaps show it. */
static void basin_edge_dashes(Renderer *r, double x0, double y0, double x1, double y1, int pass)
{
    double s = r->scale, period = (BASIN_EDGE_DASH + BASIN_EDGE_GAP) * s;
    bool across = fabs(x1 - x0) >= fabs(y1 - y0);
    double u0 = across ? x0 : y0, u1 = across ? x1 : y1, lo = fmin(u0, u1), hi = fmax(u0, u1);
    if (!(hi > lo))
        return;
    for (double k = floor(lo / period); k * period < hi; k++) {
        double a = fmax(k * period, lo), b = fmin(k * period + BASIN_EDGE_DASH * s, hi);
        if (b <= a)
            continue;
        double ta = (a - u0) / (u1 - u0), tb = (b - u0) / (u1 - u0);
        shapes_segment(r->shapes, x0 + ta * (x1 - x0), y0 + ta * (y1 - y0), x0 + tb * (x1 - x0),
                       y0 + tb * (y1 - y0), (pass == 0 ? BASIN_EDGE_CASING_HALF : BASIN_EDGE_HALF) * s,
                       pass == 0 ? r->theme->casing : r->theme->mark);
    }
}

/* How many more of the cells within BASIN_LEAN_REACH of centre (i, j) (a
 * square of them, cut to the labelled block of `across` by `down`) lie in
 * basin a than in basin b, as a fraction of those cells. */
#define BASIN_LEAN_REACH 2

static double basin_lean(const int *centre, int across, int down, int i, int j, int a, int b)
{
    int more = 0, cells = 0;
    for (int v = (int)fmax(j - BASIN_LEAN_REACH, 0); v <= (int)fmin(j + BASIN_LEAN_REACH, down - 1); v++)
        for (int u = (int)fmax(i - BASIN_LEAN_REACH, 0); u <= (int)fmin(i + BASIN_LEAN_REACH, across - 1);
             u++) {
            int label = centre[(size_t)v * (size_t)across + (size_t)u];
            more += (label == a) - (label == b);
            cells++;
        }
    return (double)more / cells;
}

static void draw_basin_edges(Renderer *r, const Scene *scene, const Viewport *vp)
{
    if (r->view3d)
        return;
    double ax, ay, bx, by;
    viewport_to_world(vp, vp->x, vp->y + vp->height, &ax, &ay);
    viewport_to_world(vp, vp->x + vp->width, vp->y, &bx, &by);
    ViewRect seen = {fmin(ax, bx), fmax(ax, bx), fmin(ay, by), fmax(ay, by)}, cells;
    int columns, rows;
    if (!scene_basin_cells(scene, seen, &cells, &columns, &rows))
        return;
    double dx = (cells.xmax - cells.xmin) / columns, dy = (cells.ymax - cells.ymin) / rows;
    int i0 = (int)fmax(floor((seen.xmin - cells.xmin) / dx - 1.0), 0.0);
    int i1 = (int)fmin(ceil((seen.xmax - cells.xmin) / dx), columns - 1.0);
    int j0 = (int)fmax(floor((seen.ymin - cells.ymin) / dy - 1.0), 0.0);
    int j1 = (int)fmin(ceil((seen.ymax - cells.ymin) / dy), rows - 1.0);
    if (i1 <= i0 || j1 <= j0)
        return;
    /* Each centre's basin once: every centre is a corner of four squares. */
    size_t across = (size_t)(i1 - i0 + 1);
    int *centre = malloc(across * (size_t)(j1 - j0 + 1) * sizeof *centre);
    if (!centre)
        return;
    for (int j = j0; j <= j1; j++)
        for (int i = i0; i <= i1; i++)
            centre[(size_t)(j - j0) * across + (size_t)(i - i0)] = scene_basin_at(
                scene, cells.xmin + (i + 0.5) * dx, cells.ymin + (j + 0.5) * dy);
    BasinSegment *segments = NULL;
    size_t count = 0, capacity = 0;
    for (int j = j0; j < j1; j++)
        for (int i = i0; i < i1; i++) {
            /* The square's corners counter-clockwise from (i, j). */
            static const int corner[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
            int label[4];
            for (int k = 0; k < 4; k++)
                label[k] = centre[(size_t)(j - j0 + corner[k][1]) * across +
                                  (size_t)(i - i0 + corner[k][0])];
            if (label[0] == label[1] && label[1] == label[2] && label[2] == label[3])
                continue;
            double cx[4], cy[4];
            for (int k = 0; k < 4; k++) {
                cx[k] = cells.xmin + (i + corner[k][0] + 0.5) * dx;
                cy[k] = cells.ymin + (j + corner[k][1] + 0.5) * dy;
            }
            double px[4], py[4];
            int crossed = 0;
            for (int k = 0; k < 4; k++) {
                int n = (k + 1) % 4;
                if (label[k] == label[n])
                    continue;
                /* Where the lean to k's basin over n's, positive at k and
                 * negative at n, is zero along the edge; half way where
                 * the shares do not part them (a lone cell). */
                int ci = i - i0, cj = j - j0;
                double from = basin_lean(centre, (int)across, j1 - j0 + 1, ci + corner[k][0],
                                         cj + corner[k][1], label[k], label[n]),
                       to = basin_lean(centre, (int)across, j1 - j0 + 1, ci + corner[n][0],
                                       cj + corner[n][1], label[k], label[n]),
                       t = from > 0.0 && to < 0.0 ? from / (from - to) : 0.5;
                viewport_to_pixel(vp, cx[k] + t * (cx[n] - cx[k]), cy[k] + t * (cy[n] - cy[k]),
                                  &px[crossed], &py[crossed]);
                crossed++;
            }
            double mx, my;
            viewport_to_pixel(vp, cells.xmin + (i + 1) * dx, cells.ymin + (j + 1) * dy, &mx, &my);
            for (int k = 0; k < crossed && (crossed != 2 || k == 0); k++) {
                if (count == capacity) {
                    size_t more = capacity ? 2 * capacity : 256;
                    BasinSegment *grown = realloc(segments, more * sizeof *grown);
                    if (!grown) {
                        free(segments);
                        free(centre);
                        return;
                    }
                    segments = grown;
                    capacity = more;
                }
                segments[count++] = (BasinSegment){px[k], py[k], crossed == 2 ? px[1] : mx,
                                                   crossed == 2 ? py[1] : my};
            }
        }
    /* Named in the key where a piece lies on the map: the cells reach
     * past it, and sharp_flat 3's close view, none of its edge in sight,
     * named "basin edge". */
    LayoutRect map = render_visible_map(r, vp);
    for (size_t k = 0; k < count; k++)
        if (in_rect(map, segments[k].x0, segments[k].y0) ||
            in_rect(map, segments[k].x1, segments[k].y1))
            r->marks_drawn |= RENDER_MARK_BASIN_EDGE;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < count; k++)
            basin_edge_dashes(r, segments[k].x0, segments[k].y0, segments[k].x1, segments[k].y1,
                              pass);
    free(segments);
    free(centre);
}

/* The top of the cloud's walkers (their discs) in the column half either
 * side of x, from cy up to reach above it; cy where none is there. */
static double cloud_top_above(const Renderer *r, const Scene *scene, const Viewport *vp, double x,
                              double half, double cy, double reach)
{
    double top = cy;
    if (!scene->swarm || scene->runs[scene->swarm_run].hidden)
        return top;
    const float *xy = swarm_positions(scene->swarm);
    size_t n = swarm_count(scene->swarm), every = n / CLOUD_SAMPLE + 1;
    double disc = 2.2 * r->marker_scale;
    for (size_t k = 0; k < n; k += every) {
        double px, py;
        if (particle_pixel(r, vp, &xy[2 * k], &px, &py) && fabs(px - x) < half + disc &&
            py <= cy && py > cy - reach)
            top = fmin(top, py - disc);
    }
    return top;
}

static LayoutRect share_box(Renderer *r, const Scene *scene, const Viewport *vp, double cx,
                            double cy, double width, double line);

/* The swarm's share in each minimum's basin, as "62%" above the minimum
 * and over the walkers about it (on them, sharp_flat 3's "99%" hid the
 * cloud it counts: review, issue 12), off the paths (share_box); when
 * there are none to show, a line saying why, rather than nothing. */
static void draw_basins(Renderer *r, const Scene *scene, const Viewport *vp)
{
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    double shares[LANDSCAPE_MAX_MINIMA];
    double elsewhere;
    size_t n = scene_basin_shares(scene, minima, shares, LANDSCAPE_MAX_MINIMA, &elsewhere);
    double s = r->scale;
    int px = render_font_px(r, 17.0);
    if (n == 0) {
        label_at(r,
                 !scene->swarm ? _("basin shares: this step has no particle cloud")
                               : _("basin shares: no minimum found in view (the flow leaves "
                                   "it, or ends on no minimum)"),
                 vp->x + vp->width - 12.0 * s, vp->y + 12.0 * s, render_font_px(r, 15.0),
                 ALIGN_RIGHT);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        double cx, cy;
        render_to_pixel(r, vp, minima[k].x, minima[k].y, &cx, &cy);
        if (cx < vp->x || cy < vp->y || cx > vp->x + vp->width || cy > vp->y + vp->height)
            continue;
        char label[16];
        share_text(shares[k], label, sizeof label);
        r->marks_drawn |= RENDER_MARK_SHARE;
        LayoutRect box = share_box(r, scene, vp, cx, cy, render_text_width(r, label, px),
                                   render_line_height(r, px));
        render_label(r, label, box.x + RENDER_LABEL_PAD * s, box.y, px, r->theme->text);
    }
}

/* A mark's circle: the least length of a dash and the gap between two
 * casings (pixels, times the marker scale), and the half widths of its line and of
 * the casing round it. */
#define MARK_DASH 6.0
#define MARK_GAP 3.0
#define MARK_RING_HALF 1.3
#define MARK_CASING_HALF 3.2

/* A mark's circle: dashed, so that it does not read as one more ring of a
 * head it is concentric with (the selection ring; sgd_noise 3's cloud
 * circles about the head at the minimum), a multiple of four dashes with
 * one centred at each quarter; a circle little wider than a head keeps
 * those four, shorter (schedules 5's inner circle).  Cased as dark as a
 * path: at the marks' casing the white dashes over schedules 5's yellow
 * cloud and sgd_noise 3's pink one hardly stood out, the inner circles
 * read as hidden under the clouds they measure. */
static void draw_mark_circle(Renderer *r, double cx, double cy, double radius)
{
    double s = r->marker_scale, cut = (MARK_GAP + 2.0 * MARK_CASING_HALF) * s;
    int dashes = 4 * (int)fmax(1.0, round(2.0 * M_PI * radius / (4.0 * (MARK_DASH * s + cut))));
    double arc = fmax(2.0 * M_PI / dashes - cut / fmax(radius, 1.0), 0.0);
    int pieces = (int)fmax(1.0, ceil(arc * radius / (3.0 * s)));
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < dashes; k++) {
            double a0 = 2.0 * M_PI * k / dashes - 0.5 * arc;
            for (int j = 0; j < pieces; j++) {
                double t0 = a0 + arc * j / pieces, t1 = a0 + arc * (j + 1) / pieces;
                shapes_segment(r->shapes, cx + radius * cos(t0), cy + radius * sin(t0),
                               cx + radius * cos(t1), cy + radius * sin(t1),
                               (pass == 0 ? MARK_CASING_HALF : MARK_RING_HALF) * s,
                               pass == 0 ? r->theme->path_casing : r->theme->mark);
            }
        }
}

/* Mark k's circle in pixels: its centre and radius; false when it has
 * none to draw. */
static bool mark_circle(const Renderer *r, const Viewport *vp, const SceneMark *m, double *cx,
                        double *cy, double *radius)
{
    render_to_pixel(r, vp, m->x, m->y, cx, cy);
    *radius = m->radius / viewport_units_per_pixel(vp);
    return m->radius > 0 && *radius < 4.0 * (r->width + r->height);
}

/* Whether box meets the ring of radius about (cx, cy), reach out to each
 * side of it. */
static bool box_on_ring(LayoutRect box, double cx, double cy, double radius, double reach)
{
    double fx = fmax(fabs(box.x - cx), fabs(box.x + box.w - cx));
    double fy = fmax(fabs(box.y - cy), fabs(box.y + box.h - cy));
    return layout_distance(box, cx, cy) < radius + reach && hypot(fx, fy) > radius - reach;
}

bool render_box_on_lines(const Renderer *r, const Scene *scene, const Viewport *vp,
                         LayoutRect box)
{
    if (r->view3d || scene->net)
        return false;
    double reach = 2.5 * r->scale;
    if (scene->display.axes) {
        double ox, oy;
        axis_origin(vp, r->scale, &ox, &oy);
        if ((box.y - reach < oy && oy < box.y + box.h + reach) ||
            (box.x - reach < ox && ox < box.x + box.w + reach))
            return true;
    }
    LandscapePoint p;
    double dir[2];
    if (scene->display.data && landscape_minimum_line(scene->landscape, &p, dir)) {
        /* The line through p: the box's corners' signed distances from it
         * in pixels, all to one side past reach or the box is on it. */
        double ax, ay, bx, by;
        viewport_to_pixel(vp, p.x, p.y, &ax, &ay);
        viewport_to_pixel(vp, p.x + dir[0], p.y + dir[1], &bx, &by);
        double len = hypot(bx - ax, by - ay);
        if (len > 0) {
            double nx = -(by - ay) / len, ny = (bx - ax) / len, lo = HUGE_VAL, hi = -HUGE_VAL;
            for (int c = 0; c < 4; c++) {
                double d = (box.x + (c & 1 ? box.w : 0.0) - ax) * nx +
                           (box.y + (c & 2 ? box.h : 0.0) - ay) * ny;
                lo = fmin(lo, d), hi = fmax(hi, d);
            }
            if (lo < reach && hi > -reach)
                return true;
        }
    }
    return false;
}

/* How far a label keeps off what is drawn on the map: off the runs'
 * paths and the lines across the map (render_box_on_lines: adam_vs_sgd
 * 2's "Adam: (1, 1)" lay across the line of minima), then off the paths
 * alone (a path is what a step is about; a line only frames it), then
 * off neither. */
typedef enum { KEEP_OFF_LINES, KEEP_OFF_PATHS, KEEP_OFF_NOTHING } LabelKeepOff;

/* Pixels (times the marker scale) a label keeps between itself and a
 * path or a head: sharp_flat 4's "sharp: λmax ≈ 100" stood 2 pixels over
 * the head, and step 6's, 4 pixels off η = 0.3's path, read as touching
 * it (frame review). */
#define LABEL_PATH_GAP 4.0

/* Whether box comes within the gap of a head drawn so far. */
static bool label_on_head(const Renderer *r, LayoutRect box, double gap)
{
    for (size_t k = 0; k < r->head_count; k++) {
        double reach = r->heads[k][2] + gap;
        if (layout_overlap(box, (LayoutRect){r->heads[k][0] - reach, r->heads[k][1] - reach,
                                             2.0 * reach, 2.0 * reach}))
            return true;
    }
    return false;
}

/* Whether a label's box is clear: whole on the map as drawn and off the
 * panels, off every box kept clear so far (labels, heads, markers), off
 * every mark's circle, and off what keep_off says, a gap off the heads
 * and the paths. */
/* Whether box lies on a leader drawn so far, with its casing: a label
 * placed later over it cut the line that ties another label to its point
 * (adam_vs_sgd 2-3 at 1280x720 --projector: "Adam: (1, 1)"'s leader ran
 * through "min-norm point (0.6, 1.2)", review, issue 12). */
static bool on_leaders(const Renderer *r, LayoutRect box)
{
    double c = 2.0 * r->marker_scale;
    const double b[4] = {box.x - c, box.y - c, box.x + box.w + c, box.y + box.h + c};
    for (size_t k = 0; k < r->leader_count; k++) {
        double x0 = r->leaders[k][0], y0 = r->leaders[k][1];
        double x1 = r->leaders[k][2], y1 = r->leaders[k][3];
        if (clip_segment(b, &x0, &y0, &x1, &y1))
            return true;
    }
    return false;
}

static bool label_clear(Renderer *r, const Scene *scene, const Viewport *vp, LayoutRect box,
                        LabelKeepOff keep_off)
{
    LayoutRect map = render_visible_map(r, vp);
    if (box.x < map.x || box.y < map.y || box.x + box.w > map.x + map.w ||
        box.y + box.h > map.y + map.h || render_on_panel(r, box))
        return false;
    for (size_t k = 0; k < r->label_count; k++)
        if (layout_overlap(box, r->labels[k]))
            return false;
    if (on_leaders(r, box))
        return false;
    if (!scene || r->view3d)
        return true;
    for (size_t k = 0; k < scene->mark_count; k++) {
        double cx, cy, radius;
        if (mark_circle(r, vp, &scene->marks[k], &cx, &cy, &radius) &&
            box_on_ring(box, cx, cy, radius, (MARK_CASING_HALF + 1.0) * r->marker_scale))
            return false;
    }
    double gap = LABEL_PATH_GAP * r->marker_scale;
    LayoutRect near = {box.x - gap, box.y - gap, box.w + 2.0 * gap, box.h + 2.0 * gap};
    return keep_off == KEEP_OFF_NOTHING ||
           (!label_on_head(r, box, gap) && !render_box_on_paths(r, scene, vp, near) &&
            (keep_off == KEEP_OFF_PATHS || !render_box_on_lines(r, scene, vp, box)));
}

/* Pixels (times the marker scale) a label keeps off the rim of a mark's
 * circle that its point lies inside, so that its leader is seen to cross
 * the rim: sgd_noise 5's "batch 50: the whole cloud" began on batch 2's
 * rim and read as a label of that circle. */
#define LABEL_RIM_GAP 16.0

/* Whether box keeps LABEL_RIM_GAP off the rim of every mark's circle
 * that (x, y) lies inside. */
static bool off_enclosing_rims(const Renderer *r, const Scene *scene, const Viewport *vp, double x,
                               double y, LayoutRect box)
{
    double s = r->marker_scale;
    for (size_t k = 0; scene && !r->view3d && k < scene->mark_count; k++) {
        double cx, cy, radius;
        if (mark_circle(r, vp, &scene->marks[k], &cx, &cy, &radius) &&
            hypot(x - cx, y - cy) < radius - MARK_CASING_HALF * s &&
            box_on_ring(box, cx, cy, radius, LABEL_RIM_GAP * s))
            return false;
    }
    return true;
}

/* Whether box lies nearer the point (cx, cy) it names than every other
 * head drawn so far and every other labelled mark: a label nearer another
 * point names that one (adam_vs_sgd 3 in Chinese at 1366x768
 * --projector: "min-norm point (0.6, 1.2)" stood beside Adam's end). */
static bool nearest_its_point(const Renderer *r, const Scene *scene, const Viewport *vp,
                              double cx, double cy, LayoutRect box)
{
    double own = layout_distance(box, cx, cy), same = r->marker_scale;
    for (size_t k = 0; k < r->head_count; k++)
        if (hypot(r->heads[k][0] - cx, r->heads[k][1] - cy) > same &&
            layout_distance(box, r->heads[k][0], r->heads[k][1]) < own)
            return false;
    for (size_t k = 0; scene && !r->view3d && k < scene->mark_count; k++) {
        double mx, my, radius;
        mark_circle(r, vp, &scene->marks[k], &mx, &my, &radius);
        if (scene->marks[k].label[0] && hypot(mx - cx, my - cy) > same &&
            layout_distance(box, mx, my) < own)
            return false;
    }
    return true;
}

/* Whether the leader render_label_leader would draw from box to the point
 * (cx, cy) crosses a box kept clear so far (render_keep_clear) but those
 * over the point (its head): it ran through the label there and read as
 * tying that one (adam_vs_sgd 2-3 at 1280x720 --projector: "Adam: (1,
 * 1)" over "min-norm point (0.6, 1.2)", led down across it, review,
 * issue 12). */
static bool leader_on_labels(const Renderer *r, double cx, double cy, LayoutRect box)
{
    double qx = fmin(fmax(cx, box.x), box.x + box.w), qy = fmin(fmax(cy, box.y), box.y + box.h);
    if (hypot(qx - cx, qy - cy) <= 12.0 * r->scale)
        return false;
    for (size_t k = 0; k < r->label_count; k++) {
        LayoutRect b = r->labels[k];
        const double edges[4] = {b.x, b.y, b.x + b.w, b.y + b.h};
        double x0 = qx, y0 = qy, x1 = cx, y1 = cy;
        if (!layout_rect_holds(b, cx, cy) && clip_segment(edges, &x0, &y0, &x1, &y1))
            return true;
    }
    return false;
}

/* Whether a label's box, standing off the point (cx, cy) it names, would
 * be led to it along an axis the point lies on: the leader drawn on the
 * axis line is unseen (saddle 5 at 1280x720 --projector: "saddle" stood
 * 110 pixels under the saddle, by the lower minimum, and named that). */
static bool led_along_an_axis(const Renderer *r, const Scene *scene, const Viewport *vp,
                              double cx, double cy, LayoutRect box)
{
    if (!scene || !scene->display.axes || r->view3d)
        return false;
    double ox, oy, on = 2.0 * r->scale, off = 12.0 * r->scale;
    axis_origin(vp, r->scale, &ox, &oy);
    bool along_y = fabs(cx - ox) < on && box.x < cx && cx < box.x + box.w &&
                   (box.y - cy > off || cy - (box.y + box.h) > off);
    bool along_x = fabs(cy - oy) < on && box.y < cy && cy < box.y + box.h &&
                   (box.x - cx > off || cx - (box.x + box.w) > off);
    return along_y || along_x;
}

LayoutRect render_label_beside(Renderer *r, const Scene *scene, const Viewport *vp, double cx,
                               double cy, const char *label, int px)
{
    double s = r->scale, gap = 9.0 * s, pad = RENDER_LABEL_PAD * s;
    double width = render_text_width(r, label, px), line = render_line_height(r, px);
    LayoutRect map = render_visible_map(r, vp);
    /* Right of the point, left, above, below; each at the least distance
     * first, then further out: first where nothing lies and the point is
     * the nearest named one, then where nothing lies (sharp_flat 6's
     * "sharp: λmax" had no place off the paths nearest its own point at
     * 1280x720 --projector, adam_vs_sgd 3's Adam none off the line of
     * minima in Chinese), then where only lines do, then where paths do
     * too; before that where its leader crosses another label
     * (leader_on_labels), not the label a path: with no place whose leader
     * kept off the axis's "2", implicit_regularization 2's min-norm label
     * at 1280x720 --projector stood on the "2" (issue 12), and 3's in the
     * window across both paths (test_min_norm_label_off_paths). */
    static const struct {
        LabelKeepOff keep_off;
        bool nearest, led_across;
    } passes[] = {{KEEP_OFF_LINES, true, false},
                  {KEEP_OFF_LINES, false, false},
                  {KEEP_OFF_PATHS, false, false},
                  {KEEP_OFF_PATHS, false, true},
                  {KEEP_OFF_NOTHING, false, true}};
    for (size_t pass = 0; pass < sizeof passes / sizeof passes[0]; pass++)
        for (int k = 0; k < RENDER_LABEL_DISTANCES; k++) {
            LabelKeepOff keep_off = passes[pass].keep_off;
            double d = gap + 0.5 * line * k;
            /* Above and below: centred, then ending or starting at the
             * point, for a wide label near the map's side edge; then
             * at the corners, the distance off on both axes, which clears
             * what stands close over or beside the point (the axes' names
             * and values: implicit_regularization 3's min-norm label stood
             * 130 pixels under its point at 1280x720 --projector, the
             * places over it on the "2" and those beside it on the line
             * of minima). */
            const LayoutRect tries[] = {{cx + d, cy - 0.5 * line, width, line},
                                        {cx - d - width, cy - 0.5 * line, width, line},
                                        {cx - 0.5 * width, cy - d - line, width, line},
                                        {cx - 0.5 * width, cy + d, width, line},
                                        {cx - width, cy - d - line, width, line},
                                        {cx - width, cy + d, width, line},
                                        {cx, cy - d - line, width, line},
                                        {cx, cy + d, width, line},
                                        {cx + d, cy - d - line, width, line},
                                        {cx + d, cy + d, width, line},
                                        {cx - d - width, cy - d - line, width, line},
                                        {cx - d - width, cy + d, width, line}};
            for (size_t side = 0; side < sizeof tries / sizeof tries[0]; side++) {
                /* Moved in to lie whole across the map, where that leaves
                 * it as far off the point as tried (its panel a pad nearer,
                 * and half a pixel): adam_vs_sgd 3's min-norm label, 320
                 * pixels wide at 1280x720 --projector, had no place over
                 * its point (one starting there lay on the axis's "y", one
                 * right of it ran off the map) and stood under it across
                 * both paths. */
                LayoutRect at = tries[side];
                at.x = fmin(fmax(at.x, map.x + pad), map.x + map.w - width - pad);
                LayoutRect padded = {at.x - pad, at.y, width + 2.0 * pad, line};
                if (layout_distance(padded, cx, cy) + pad + 0.5 >= d &&
                    label_clear(r, scene, vp, padded, keep_off) &&
                    off_enclosing_rims(r, scene, vp, cx, cy, padded) &&
                    !led_along_an_axis(r, scene, vp, cx, cy, padded) &&
                    (passes[pass].led_across || !leader_on_labels(r, cx, cy, padded)) &&
                    (!passes[pass].nearest || nearest_its_point(r, scene, vp, cx, cy, padded)))
                    return at;
            }
        }
    /* Nowhere clear: right of the point; left of it where the right side
     * would run off the map (edge_of_stability's minimum near the map's
     * right edge); where neither side holds it (a narrow map), above the
     * point, or under it where the map's top is near, moved in to stay
     * whole on the map. */
    double left = map.x, right = map.x + map.w, top = map.y;
    LayoutRect box = {cx + gap, cy - 0.5 * line, width, line};
    if (box.x + width + pad <= right)
        return box;
    box.x = cx - gap - width;
    if (box.x - pad >= left)
        return box;
    box.x = fmax(fmin(cx - 0.5 * width, right - width - pad), left + pad);
    box.y = cy - gap - line - pad >= top ? cy - gap - line : cy + gap;
    return box;
}

/* Where a basin's share stands (its panel): centred over the minimum at
 * (cx, cy), over the walkers about it, up to 40 px over them (escape 2's
 * wide cloud lifted its "51%" 60 px, into the only corner left for the
 * key).  Where that is not clear (label_clear: sharp_flat 2's walker's
 * trail crossed its "89.5%", review, issue 12), the nearest clear place
 * lifted or to either side, half a line further each time, over the
 * walkers there; else there all the same. */
static LayoutRect share_box(Renderer *r, const Scene *scene, const Viewport *vp, double cx,
                            double cy, double width, double line)
{
    double s = r->scale, pad = RENDER_LABEL_PAD * s, half = 0.5 * width + pad;
    LayoutRect first = {0};
    for (int k = 0; k < RENDER_LABEL_DISTANCES; k++)
        for (int side = 0; side < (k ? 3 : 1); side++) {
            double x = cx + (side == 1 ? 0.5 : side == 2 ? -0.5 : 0.0) * line * k;
            double lift = side == 0 ? 0.5 * line * k : 0.0;
            double foot = fmin(cy - 10.0 * s,
                               cloud_top_above(r, scene, vp, x, half, cy, 40.0 * s) - 3.0 * s);
            LayoutRect box = {x - half, foot - lift - line, 2.0 * half, line};
            if (k == 0)
                first = box;
            if (label_clear(r, scene, vp, box, KEEP_OFF_PATHS))
                return box;
        }
    return first;
}

/* Whether a dot of the given reach about (x, y) meets the circle and its
 * casing of a mark other than mark `self`. */
static bool on_mark_circle(const Renderer *r, const Scene *scene, const Viewport *vp, size_t self,
                           double x, double y, double reach)
{
    for (size_t k = 0; k < scene->mark_count; k++) {
        double cx, cy, radius;
        if (k != self && mark_circle(r, vp, &scene->marks[k], &cx, &cy, &radius) &&
            fabs(hypot(x - cx, y - cy) - radius) < reach + MARK_CASING_HALF * r->scale)
            return true;
    }
    return false;
}

/* Whether pixel (x, y) lies within the ring of a minimum of the landscape
 * (draw_minima's outer ring, 7 pixels at marker scale 1). */
static bool on_minimum(const Renderer *r, const Scene *scene, const Viewport *vp, double x,
                       double y)
{
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t n = landscape_minima(scene->landscape, minima, LANDSCAPE_MAX_MINIMA);
    for (size_t k = 0; k < n; k++) {
        double px, py;
        render_to_pixel(r, vp, minima[k].x, minima[k].y, &px, &py);
        if (hypot(x - px, y - py) < 7.0 * r->marker_scale)
            return true;
    }
    return false;
}

/* Whether pixel (x, y) lies within a shown run's start cross (draw_starts'
 * arms, 7 pixels at marker scale 1). */
static bool on_start(const Renderer *r, const Scene *scene, const Viewport *vp, double x,
                     double y)
{
    for (size_t i = 0; i < scene->run_count; i++) {
        double px, py;
        render_to_pixel(r, vp, scene->runs[i].x0, scene->runs[i].y0, &px, &py);
        if (!scene->runs[i].hidden && hypot(x - px, y - py) < 7.0 * r->marker_scale)
            return true;
    }
    return false;
}

/* A label further from its mark than beside it (render_label_beside's
 * least distance, 9 pixels at scale 1, and a little) is led to it: a line
 * from its panel (text box `text`) to the mark, and a dot there.  A circle
 * inside another one has no room for its label between them: sgd_noise
 * 3's "noise 1: radius 0.19" stood past the outer circle, opposite "noise
 * 2", and seemed to name it. */
void render_label_leader(Renderer *r, double cx, double cy, LayoutRect text)
{
    double s = r->marker_scale, pad = RENDER_LABEL_PAD * r->scale;
    double qx = fmin(fmax(cx, text.x - pad), text.x + text.w + pad);
    double qy = fmin(fmax(cy, text.y), text.y + text.h);
    if (hypot(qx - cx, qy - cy) <= 12.0 * r->scale)
        return;
    /* Where the line from the text first meets the rim of a head over the
     * point (t along it, 1: the point): drawn after the heads, its end dot
     * lay on sharp_flat 6's η = 0.019 head at the sharp minimum, that run's
     * pink lost under it. */
    double dx = cx - qx, dy = cy - qy, end = 1.0;
    for (size_t k = 0; k < r->head_count; k++) {
        double hx = qx - r->heads[k][0], hy = qy - r->heads[k][1], rim = r->heads[k][2];
        if (hypot(cx - r->heads[k][0], cy - r->heads[k][1]) >= rim)
            continue;
        /* The line's casing and round end clear of the rim too. */
        rim += 2.0 * s;
        /* |q + t d - h|^2 = rim^2, its smaller root: q lies outside. */
        double a = dx * dx + dy * dy, b = dx * hx + dy * hy, c = hx * hx + hy * hy - rim * rim;
        end = fmin(end, fmax((-b - sqrt(fmax(b * b - a * c, 0.0))) / a, 0.0));
    }
    double ex = qx + end * dx, ey = qy + end * dy;
    if (r->leader_count < RENDER_LEADERS) {
        double *at = r->leaders[r->leader_count++];
        at[0] = qx, at[1] = qy, at[2] = ex, at[3] = ey;
    }
    if (end > 0.0) {
        shapes_segment(r->shapes, ex, ey, qx, qy, 2.0 * s, r->theme->casing);
        shapes_segment(r->shapes, ex, ey, qx, qy, 0.9 * s, r->theme->mark);
    }
    if (end == 1.0) {
        shapes_disc(r->shapes, cx, cy, 2.6 * s, r->theme->mark);
        shapes_ring(r->shapes, cx, cy, 2.6 * s, 0.9 * s, r->theme->casing);
    }
}

/* What a pass of draw_marks draws. */
typedef enum MarkPart { MARK_DOTS, MARK_CIRCLES, MARK_LABELS } MarkPart;

/* A lesson's marks: an optional circle (its radius in plane units), a dot
 * and the label beside it, in three passes.  The dots go under the heads,
 * but for a dot on another mark's circle: the circle marks that point,
 * and its dash drawn over the dot stacked into a striped blob (sgd_noise
 * and schedules label each circle by a mark on its rim), or in a
 * minimum's ring, which marks it too;
 * the circles over the cloud and the heads: they measure the cloud, and
 * an inner circle about as wide as a head lay hidden under it (sgd_noise
 * 3, schedules 5); the labels last, beside their dots where the heads,
 * the other markers, the circles and the paths leave room
 * (render_label_beside; sharp_flat 1's "sharp" lay on the head, the start
 * and the circle). */
static void draw_marks(Renderer *r, const Scene *scene, const Viewport *vp, MarkPart part)
{
    double s = r->marker_scale;
    int px = render_font_px(r, 15.0);
    for (size_t k = 0; k < scene->mark_count; k++) {
        const SceneMark *m = &scene->marks[k];
        double cx, cy, radius;
        bool circle = mark_circle(r, vp, m, &cx, &cy, &radius);
        if (cx < -r->width || cy < -r->height || cx > 2.0 * r->width || cy > 2.0 * r->height)
            continue;
        if (part == MARK_CIRCLES && circle) {
            draw_mark_circle(r, cx, cy, radius);
        } else if (part == MARK_DOTS) {
            /* No dot where a minimum's ring or a start's cross marks the
             * place already: a dot in or beside the ring read as a second
             * marker (sharp_flat 1's flat minimum, "○•"), and one on a
             * cross hid where it meets (schedules 3's named start); nor at
             * an unlabelled circle's centre, which the circle marks
             * (schedules 4's white dot, named nowhere). */
            if (!(circle && !m->label[0]) && !on_mark_circle(r, scene, vp, k, cx, cy, 5.5 * s) &&
                !on_minimum(r, scene, vp, cx, cy) && !on_start(r, scene, vp, cx, cy)) {
                shapes_disc(r->shapes, cx, cy, 4.5 * s, r->theme->mark);
                shapes_ring(r->shapes, cx, cy, 4.5 * s, 1.0 * s, r->theme->casing);
            }
            render_keep_clear(r, (LayoutRect){cx - 5.5 * s, cy - 5.5 * s, 11.0 * s, 11.0 * s});
        } else if (part == MARK_LABELS && m->label[0]) {
            LayoutRect box = render_label_beside(r, scene, vp, cx, cy, m->label, px);
            render_label_leader(r, cx, cy, box);
            render_label(r, m->label, box.x, box.y, px, r->theme->text);
        }
    }
}

unsigned render_marks_shown(const Renderer *r, const Scene *scene)
{
    ViewRect v = scene->view;
    unsigned marks = scene->display.log_scale ? RENDER_MARK_LEAST : 0u;
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t n = landscape_minima(scene->landscape, minima, LANDSCAPE_MAX_MINIMA);
    for (size_t k = 0; k < n; k++)
        marks |= view_rect_contains(v, minima[k].x, minima[k].y) ? RENDER_MARK_MINIMUM : 0u;
    for (size_t i = 0; i < scene->run_count; i++) {
        const SceneRun *sr = &scene->runs[i];
        if (sr->hidden)
            continue;
        marks |= view_rect_contains(v, sr->x0, sr->y0) ? RENDER_MARK_START : 0u;
        if (i == scene->selected && scene_runs_told_apart(scene) && last_finite(&sr->run) >= 0)
            marks |= RENDER_MARK_SELECTED;
    }
    n = scene->display.basins ? scene_basin_minima(scene, minima, LANDSCAPE_MAX_MINIMA) : 0;
    size_t seen = 0;
    for (size_t k = 0; k < n; k++)
        seen += view_rect_contains(v, minima[k].x, minima[k].y);
    marks |= seen ? RENDER_MARK_SHARE : 0u;
    /* Two basins in view meet somewhere between them (the grid's reach
     * past the view: sharp_flat 3 shows one). */
    if (seen > 1 && !r->view3d)
        marks |= RENDER_MARK_BASIN_EDGE;
    if (scene->swarm && !scene->runs[scene->swarm_run].hidden &&
        last_finite(&scene->runs[scene->swarm_run].run) >= 0)
        marks |= RENDER_MARK_WALKER;
    return marks | (scene->display.arrows ? RENDER_MARK_GRADIENT : 0u);
}

void render_mark_icon(Renderer *r, const Scene *scene, RenderMark mark, double cx, double cy,
                      double reach)
{
    /* Each as far out as its own casing reaches on the map (times s). */
    switch (mark) {
    case RENDER_MARK_START:
        start_cross(r, cx, cy, reach / 8.0);
        break;
    case RENDER_MARK_MINIMUM:
        minimum_ring(r, cx, cy, 5.5, reach / 7.5, 1.0f);
        break;
    case RENDER_MARK_SELECTED: {
        double s = reach / (HEAD_SELECT_RADIUS + 0.6);
        shapes_disc(r->shapes, cx, cy, HEAD_RADIUS * s, r->theme->dim);
        shapes_ring(r->shapes, cx, cy, HEAD_SELECT_RADIUS * s, 1.1 * s, r->theme->mark);
        break;
    }
    case RENDER_MARK_BASIN_EDGE:
        /* Two dashes, as the map's edges are dashed (basin_edge_dashes). */
        for (int pass = 0; pass < 2; pass++)
            for (int end = -1; end <= 1; end += 2)
                shapes_segment(r->shapes, cx, cy + end * reach, cx, cy + end * 0.2 * reach,
                               pass == 0 ? BASIN_EDGE_CASING_HALF : BASIN_EDGE_HALF,
                               pass == 0 ? r->theme->casing : r->theme->mark);
        break;
    case RENDER_MARK_WALKER: {
        /* A trail up to a head, in the walker's colour, cased as on the
         * map: the head at the right, half as far out as the icon reaches. */
        double s = 0.5 * reach / (HEAD_RADIUS + 1.0), hx = cx + 0.45 * reach;
        Rgba color = render_path_color(r, scene, scene->swarm_run, 1.0f);
        for (int pass = 0; pass < 2; pass++)
            shapes_segment(r->shapes, cx - reach, cy + 0.5 * reach, hx, cy,
                           (RENDER_PATH_HALF + (pass == 0 ? PATH_CASING : 0.0)) * s,
                           pass == 0 ? r->theme->path_casing : color);
        shapes_disc(r->shapes, hx, cy, HEAD_RADIUS * s, color);
        shapes_ring(r->shapes, hx, cy, HEAD_RADIUS * s, s, r->theme->path_casing);
        break;
    }
    case RENDER_MARK_GRADIENT:
        /* One of the field's arrows (draw_field), pointing right. */
        shapes_arrow(r->shapes, cx - reach, cy, cx + reach, cy, 0.12 * reach, 0.6 * reach,
                     r->theme->field);
        break;
    default:
        break;
    }
}

/* Whether run i, nested in another's band or not (path_nest), is drawn
 * on top of the others, its casing over theirs (draw_run_path). */
static bool path_on_top(const Scene *scene, size_t i, bool nested)
{
    return i == scene->selected && scene->run_count > 1 && !nested;
}

/* Half the width (pixels) of the k-th path's colour (path_order) as
 * draw_run_path draws it, and how far from its line it covers the paths
 * drawn before it (*cover): its colour, and the casing of the run on top,
 * drawn over theirs; a flow in another's band, outlined. */
static double path_drawn_half(const Renderer *r, const Scene *scene, size_t k, double *cover)
{
    size_t i = path_order(scene, k);
    bool inside, nested;
    int nest = path_nest(r, k, &inside, &nested);
    double m = r->marker_scale;
    if (inside && continuous_run(scene, i)) {
        *cover = (FLOW_OUTLINED_HALF + FLOW_OUTLINE) * m;
        return FLOW_OUTLINED_HALF * m;
    }
    *cover = path_half(r, nest) + (path_on_top(scene, i, nested) ? PATH_CASING * m : 0.0);
    return path_half(r, nest);
}

/* Whether run i's path is drawn under the particle cloud (render_world):
 * shown, and not the cloud's walker. */
static bool path_under_cloud(const Scene *scene, size_t i)
{
    return !scene->runs[i].hidden && last_finite(&scene->runs[i].run) >= 0 &&
           !(scene->swarm && i == scene->swarm_run);
}

/* How much (pixels) of a path's colour may show beyond the paths drawn
 * over it, the path still hidden there (hidden_stretch): a nest step
 * shows PATH_NEST_LEAST along either edge. */
#define PATH_UNDER_SHOWS 1.0
/* How far apart (pixels) the points of a path tried for lying under later
 * ones are (hidden_stretch). */
#define PATH_UNDER_SPACING 2.0

/* The stretch of a path from its start that later paths hide. */
typedef struct HiddenStretch {
    size_t points; /* its whole kept points (0: none) */
    double x, y;   /* where it ends, on the segment after them */
    size_t over;   /* the last path in path_order over any of it */
} HiddenStretch;

/* The stretch of the k-th path drawn (path_order) from its start that the
 * paths drawn after it from that start hide: points PATH_UNDER_SPACING
 * apart along it, up to the last before one that shows more than
 * PATH_UNDER_SHOWS of its colour beyond their cover (path_drawn_half) or
 * lies off the map.  A path nested in the later ones (path_nest) shows
 * along their edges: no stretch.  (learning_rate 4: η = 0.1's first leg
 * lies along the first leg of the selected η = 0.19's, drawn over it, and
 * its path seemed to begin in mid-map: review, issue 12.) */
static HiddenStretch hidden_stretch(const Renderer *r, const Scene *scene, size_t k)
{
    size_t i = path_order(scene, k);
    const PathCache *c = &r->paths[i];
    HiddenStretch s = {0, 0.0, 0.0, k};
    double cover, half = path_drawn_half(r, scene, k, &cover), reach[SCENE_MAX_RUNS];
    bool any = false;
    for (size_t other = k + 1; other < scene->run_count; other++) {
        size_t j = path_order(scene, other);
        reach[other] = -1.0;
        if (path_under_cloud(scene, j) && same_start(scene, i, j) &&
            same_viewport(&r->paths[j].viewport, &c->viewport)) {
            path_drawn_half(r, scene, other, &cover);
            reach[other] = cover + PATH_UNDER_SHOWS - half;
        }
        any = any || reach[other] >= 0;
    }
    LayoutRect map = path_map(r, &c->viewport);
    for (size_t q = 0; any && q + 1 < c->drawn; q++) {
        const double *a = &c->points[3 * q], *b = a + 3;
        double length = hypot(b[0] - a[0], b[1] - a[1]);
        if (isnan(length))
            return s;
        for (double t = PATH_UNDER_SPACING; t < length + PATH_UNDER_SPACING;
             t += PATH_UNDER_SPACING) {
            double u = fmin(t / length, 1.0);
            const double p[2] = {a[0] + u * (b[0] - a[0]), a[1] + u * (b[1] - a[1])};
            size_t over = k;
            for (size_t other = k + 1; other < scene->run_count; other++)
                if (reach[other] >= 0 &&
                    near_path(&r->paths[path_order(scene, other)], p, reach[other]))
                    over = other;
            if (over == k || !in_rect(map, p[0], p[1]))
                return s;
            s = (HiddenStretch){q + 1, p[0], p[1], s.over > over ? s.over : over};
        }
    }
    return s;
}

/* The length (pixels, times the marker scale) of a hidden stretch's
 * dashes beyond their round ends (draw_hidden_stretch). */
#define PATH_SHARED_DASH 3.0

/* The k-th path's hidden stretch (hidden_stretch) drawn again over the
 * paths that hide it, dashed, at its own width: the slot-th of each slots
 * dashes dash pixels long (round ends and all) from its start; the others
 * are left to the path over it and the other stretches under that one.
 * Its colour opaque, darkened with age as in another's band (faded), to
 * read on the colour beneath.  Along the shared stretch both runs' colours
 * show whole, one after the other (learning_rate 4 at 960x540: η = 0.1
 * drawn thin in η = 0.19's band, 3.4 pixels, was a pixel of blue blended
 * with the pink either side). */
static void draw_hidden_stretch(Renderer *r, const Scene *scene, size_t k, HiddenStretch s,
                                size_t slot, size_t slots, double dash)
{
    size_t i = path_order(scene, k);
    const double *points = r->paths[i].points;
    double cover, half = path_drawn_half(r, scene, k, &cover);
    double head = (double)last_finite(&scene->runs[i].run), period = dash * (double)slots;
    Rgba color = render_path_color(r, scene, i, 1.0f);
    double fade_floor = (double)trail_floor(r, color), at = 0.0;
    for (size_t q = 0; q < s.points; q++) {
        const double *a = &points[3 * q];
        bool whole = q + 1 < s.points;
        double bx = whole ? a[3] : s.x, by = whole ? a[4] : s.y;
        double length = hypot(bx - a[0], by - a[1]);
        Rgba c = faded(color, r->theme->path_casing, trail_fade(fade_floor, head - a[5]));
        for (double d = floor(at / period) * period + (double)slot * dash; d < at + length;
             d += period) {
            double from = fmax(d + half, at) - at, to = fmin(d + dash - half, at + length) - at;
            if (from <= to && length > 0)
                shapes_segment(r->shapes, a[0] + from / length * (bx - a[0]),
                               a[1] + from / length * (by - a[1]),
                               a[0] + to / length * (bx - a[0]), a[1] + to / length * (by - a[1]),
                               half, c);
        }
        at += length;
    }
}

/* The hidden stretch (hidden_stretch) of each path under the cloud, by
 * its place in path_order. */
static void hidden_stretches(const Renderer *r, const Scene *scene, HiddenStretch *s)
{
    for (size_t k = 0; k < scene->run_count; k++)
        s[k] = path_under_cloud(scene, path_order(scene, k)) ? hidden_stretch(r, scene, k)
                                                             : (HiddenStretch){0, 0.0, 0.0, k};
}

/* The hidden stretches (s, hidden_stretches) under the over-th path in
 * path_order and none after it, drawn just after its colour: paths drawn
 * later, over them still, keep their place on top (gradient_flow 4's
 * flow over η = 0.2's first leg, which η = 0.01's band hides).  Each
 * dashed in a slot of its own (draw_hidden_stretch), the over-th path's
 * colour in the first: dashes PATH_SHARED_DASH longer than that path is
 * wide. */
static void draw_hidden_stretches(Renderer *r, const Scene *scene, const HiddenStretch *s,
                                  size_t over)
{
    size_t slots = 1;
    for (size_t k = 0; k < over; k++)
        slots += s[k].points > 0 && s[k].over == over;
    if (slots == 1)
        return;
    double cover, dash = 2.0 * path_drawn_half(r, scene, over, &cover) +
                         PATH_SHARED_DASH * r->marker_scale;
    for (size_t k = 0, slot = slots; k < over; k++)
        if (s[k].points > 0 && s[k].over == over)
            draw_hidden_stretch(r, scene, k, s[k], --slot, slots, dash);
}

/* Pass 0 (casings) or 1 (colours) of the path of the run that is k-th in
 * path_order.  The selected run's casing is drawn in the colours' pass,
 * just under its own colour, its thin swings cased too: with every casing
 * under every colour, learning_rate 7's η = 0.21 crossed the selected
 * η = 0.19's path and closing zig-zag unbroken, bright on its thin lines,
 * and read as on top. */
static void draw_run_path(Renderer *r, const Scene *scene, size_t k, int pass)
{
    size_t i = path_order(scene, k);
    const SceneRun *sr = &scene->runs[i];
    long last = last_finite(&sr->run);
    if (sr->hidden || last < 0)
        return;
    bool inside, nested;
    int nest = path_nest(r, k, &inside, &nested);
    bool top = path_on_top(scene, i, nested);
    if (top && pass == 0)
        return;
    bool in_cloud = scene->swarm && i == scene->swarm_run;
    double window = in_cloud ? trail_window(r, scene, i) : 0.0;
    Rgba color = render_path_color(r, scene, i, 1.0f);
    bool outlined = pass == 1 && inside && continuous_run(scene, i);
    /* Its way in (way_in_points), whole, then its trail. */
    PathCache way = r->paths[i];
    way.drawn = in_cloud ? way_in_points(r, scene, i) : 0;
    for (int part = way.drawn > 1 ? 0 : 1; part < 2; part++) {
        const PathCache *c = part ? &r->paths[i] : &way;
        double kept = part ? window : (double)INFINITY;
        if (top)
            draw_path(r, c, last, color, kept, nest, inside, top, 0);
        if (outlined)
            draw_path(r, c, last, color, kept, nest, inside, top, 2);
        draw_path(r, c, last, color, kept, nest, inside, top, outlined ? 3 : pass);
    }
}

void render_world(Renderer *r, const Scene *scene)
{
    Viewport vp = render_viewport(r, scene);
    /* The paths reduced before anything is placed: a head off the map is
     * held where its path leaves it (head_place), and the axes' labels
     * keep off the heads. */
    for (size_t i = 0; i < scene->run_count && !scene->display.paths_hidden; i++) {
        long last = last_finite(&scene->runs[i].run);
        if (!scene->runs[i].hidden && last >= 0) {
            reduce_path(r, &r->paths[i], &scene->runs[i].run, last, &vp);
            r->paths[i].drawn = head_place(r, scene, i, last, &vp).path_end;
        }
    }
    /* Also with the paths hidden, each nest then none: the off-view note
     * reads its run's (draw_off_view), which was else a frame before's. */
    path_nests(r, scene);
    if (scene->display.axes && r->view3d)
        render_box_axes(r);
    else if (scene->display.axes)
        draw_axes(r, scene, &vp);
    if (!r->view3d)
        render_data_map(r, scene, &vp);
    /* Where the field of arrows goes: made last, once every label's place
     * is known (draw_field), and moved back here, under what follows.  (A
     * particle cloud flushes the batch on its way (draw_particles): the
     * field then lies over the paths.) */
    ShapesMark field = shapes_mark(r->shapes);
    if (scene->display.arrows)
        draw_head_arrows(r, scene, &vp, draw_field(r, scene, &vp, false));
    /* Every path but the cloud's walker's (drawn over the cloud). */
    HiddenStretch hidden[SCENE_MAX_RUNS];
    if (!scene->display.paths_hidden)
        hidden_stretches(r, scene, hidden);
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < scene->run_count && !scene->display.paths_hidden; k++)
            if (!(scene->swarm && path_order(scene, k) == scene->swarm_run)) {
                draw_run_path(r, scene, k, pass);
                if (pass == 1)
                    draw_hidden_stretches(r, scene, hidden, k);
            }
    /* The minima's rings over the paths, under the cloud and the heads:
     * under the paths, sharp_flat 5's 2-cycle, bouncing across its
     * minimum, hid the minimum it is about (frame review). */
    draw_minima(r, scene, &vp);
    /* Over the paths: where run and flow coincide, the run shows through
     * the gaps of the dashes. */
    if (scene->display.flow)
        draw_flows(r, scene, &vp);
    /* The basins' edges under the cloud: a walker on one stays in sight. */
    if (scene->display.basins)
        draw_basin_edges(r, scene, &vp);
    /* The cloud over the paths: it is what a step with particles is about;
     * the trail of the walker it copies over the cloud, cased: under it,
     * sgd_noise 2-3's trail was hidden, yet named in the key. */
    draw_particles(r, scene, &vp);
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < scene->run_count && !scene->display.paths_hidden; k++)
            if (scene->swarm && path_order(scene, k) == scene->swarm_run)
                draw_run_path(r, scene, k, pass);
    if (scene->display.spread)
        draw_spread(r, scene, &vp);
    draw_starts(r, scene, &vp);
    draw_marks(r, scene, &vp, MARK_DOTS);
    for (size_t i = 0; i < scene->run_count && scene->display.steps; i++)
        if (!scene->runs[i].hidden && !(scene->swarm && i == scene->swarm_run))
            draw_run_steps(r, &scene->runs[i].run, &vp);
    /* The last steps' arrows under the heads they leave from: over them,
     * an arrow hid half of its head (saddle 5's momentum head looked
     * smaller than GD's). */
    if (scene->display.velocity)
        draw_velocity(r, scene, &vp);
    draw_heads(r, scene, &vp);
    draw_marks(r, scene, &vp, MARK_CIRCLES);
    /* The min-norm point's name once the heads are drawn, so that it keeps
     * off them and stands nearer its point than any of them (before them,
     * it saw none: adam_vs_sgd 3 in Chinese at 1280x720 --projector put it
     * beside Adam's end, 3 pixels off that head and 27 off its point);
     * before the marks' labels, which keep off it. */
    if (!r->view3d)
        render_data_map_notes(r, scene, &vp);
    draw_marks(r, scene, &vp, MARK_LABELS);
    if (!r->view3d)
        render_effective_steps(r, scene, &vp);
    if (scene->display.basins)
        draw_basins(r, scene, &vp);
    render_key_plan(r, scene);
    if (scene->display.arrows) {
        ShapesMark since = shapes_mark(r->shapes);
        draw_field(r, scene, &vp, true);
        shapes_move_back(r->shapes, field, since);
    }
    /* Text too: labels on the landscape lie under the panels over it. */
    render_flush(r);
}
