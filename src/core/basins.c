/*
 * basins.c — basins of attraction by following the gradient flow.
 *
 * The flow dθ/dt = −∇L is stiff wherever a well is sharp or a valley
 * narrow (λmax of the Hessian in the thousands on rosenbrock), so an
 * explicit integrator crawls there at steps of 1/λmax.  It is followed
 * instead with the two-stage Rosenbrock method ROS2 (Verwer et al., 1999:
 * L-stable, second order), whose Jacobian −H is the landscape's exact
 * Hessian: its steps are limited by how the path bends, not by the
 * stiffness, and grow large where the path runs straight into a minimum.
 * The step is controlled against its embedded first-order solution with a
 * tolerance small against the view, because whether a path that grazes a
 * sharp well falls in depends on where exactly it passes (at 1e-4 of the
 * view's diagonal it agrees with small-step GD on every test point; at 1e-3
 * paths passing a sharp well start to disagree).
 *
 * A map labels its cells lazily, when a point first falls in one: a swarm
 * gathered in a few wells touches a few hundred cells, not all of them.
 */
#include "basins.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "linalg2.h"
#include "parallel.h"


/* Local error allowed per step, as a fraction of the default view's diagonal. */
#define BASIN_TOLERANCE 1e-4
/* Longest step, as a fraction of the diagonal. */
#define BASIN_MAX_STEP 0.05
/* A point this close to a minimum (fraction of the diagonal) is in its basin. */
#define BASIN_CAPTURE 1e-4
/* Steps tried before a point is declared in no known basin. */
#define BASIN_MAX_STEPS 2000
/* Accepted steps in a row of under a thousandth of the capture radius
 * that say the path has come to rest away from every known minimum. */
#define BASIN_STALLED_STEPS 5
/* Smallest time step tried before giving up (a point on a ridge or a plateau). */
#define BASIN_MIN_H 1e-12

typedef struct BasinTarget {
    const Landscape *landscape;
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t count;
    double tolerance, max_step, capture;
} BasinTarget;

/* The landscape's known minima, or the count given in minima when not NULL. */
static void target_init(BasinTarget *t, const Landscape *landscape, const LandscapePoint *minima,
                        size_t count)
{
    t->landscape = landscape;
    if (minima) {
        t->count = count < LANDSCAPE_MAX_MINIMA ? count : LANDSCAPE_MAX_MINIMA;
        memcpy(t->minima, minima, t->count * sizeof *minima);
    } else {
        t->count = landscape_minima(landscape, t->minima, LANDSCAPE_MAX_MINIMA);
    }
    ViewRect v = landscape_default_view(landscape);
    double diagonal = hypot(v.xmax - v.xmin, v.ymax - v.ymin);
    t->tolerance = BASIN_TOLERANCE * diagonal;
    t->max_step = BASIN_MAX_STEP * diagonal;
    t->capture = BASIN_CAPTURE * diagonal;
}

static int captured(const BasinTarget *t, double x, double y)
{
    for (size_t k = 0; k < t->count; k++)
        if (hypot(x - t->minima[k].x, y - t->minima[k].y) < t->capture)
            return (int)k;
    return -1;
}

/* Solves (I + a H) k = r; false when that matrix is singular or not
 * positive definite (a negative curvature that a step of this size would
 * overshoot). */
static bool solve_shifted(const double hess[3], double a, const double r[2], double k[2])
{
    double p = 1.0 + a * hess[0], q = a * hess[1], s = 1.0 + a * hess[2];
    double det = p * s - q * q;
    if (!(p > 0.0 && det > 1e-12 * (p * s + q * q)))
        return false;
    sym2_solve(p, q, s, r, k);
    return true;
}

/* One ROS2 step of size h from (x, y), where the gradient is grad and the
 * Hessian hess: the new point in out, the local error estimate returned
 * (HUGE_VAL when the step cannot be taken). */
static double ros2_step(const Landscape *l, double x, double y, const double grad[2],
                        const double hess[3], double h, double out[2])
{
    const double gamma = 1.0 + 1.0 / sqrt(2.0);
    double f1[2] = {-grad[0], -grad[1]}, k1[2], k2[2];
    if (!solve_shifted(hess, gamma * h, f1, k1))
        return HUGE_VAL;
    double g2[2];
    landscape_value_grad(l, x + h * k1[0], y + h * k1[1], g2);
    double f2[2] = {-g2[0] - 2.0 * k1[0], -g2[1] - 2.0 * k1[1]};
    if (!solve_shifted(hess, gamma * h, f2, k2))
        return HUGE_VAL;
    out[0] = x + h * (1.5 * k1[0] + 0.5 * k2[0]);
    out[1] = y + h * (1.5 * k1[1] + 0.5 * k2[1]);
    /* Against the embedded first-order solution x + h k1. */
    double error = 0.5 * h * hypot(k1[0] + k2[0], k1[1] + k2[1]);
    return isfinite(error) && isfinite(out[0]) && isfinite(out[1]) ? error : HUGE_VAL;
}

/* The index of the minimum the flow from (x, y) is captured by, or -1;
 * with rest not NULL, where the flow came to rest away from every known
 * minimum is stored there (NaN when it did not come to rest). */
static int follow_flow(const BasinTarget *t, double x, double y, double rest[2])
{
    if (rest)
        rest[0] = rest[1] = (double)NAN;
    if ((t->count == 0 && !rest) || !isfinite(x) || !isfinite(y))
        return -1;
    LandscapeEval e;
    landscape_eval(t->landscape, x, y, &e);
    double h = t->capture / fmax(hypot(e.grad[0], e.grad[1]), 1e-300);
    int stalled = 0;
    for (int steps = 0; steps < BASIN_MAX_STEPS; steps++) {
        int k = captured(t, x, y);
        if (k >= 0)
            return k;
        if (!isfinite(e.value) || !(h >= BASIN_MIN_H))
            return -1;
        double next[2] = {x, y};
        double error = ros2_step(t->landscape, x, y, e.grad, e.hess, h, next);
        double length = hypot(next[0] - x, next[1] - y);
        if (error == HUGE_VAL || length > t->max_step) {
            h *= 0.25;
            continue;
        }
        double factor = error > 0 ? 0.9 * sqrt(t->tolerance / error) : 4.0;
        factor = fmin(4.0, fmax(0.2, factor));
        LandscapeEval after;
        if (error <= t->tolerance) {
            landscape_eval(t->landscape, next[0], next[1], &after);
            if (after.value <= e.value) {
                /* Resting where no known minimum is: an unknown one.  (The
                 * gradient there is rounding noise, rising as often as it
                 * falls: asking it to fall too kept such paths stepping to
                 * BASIN_MAX_STEPS, 0.3 ms a point on rastrigin.) */
                if (length < 1e-3 * t->capture)
                    stalled++;
                else
                    stalled = 0;
                if (stalled == BASIN_STALLED_STEPS) {
                    if (rest) {
                        rest[0] = next[0];
                        rest[1] = next[1];
                    }
                    return -1;
                }
                x = next[0];
                y = next[1];
                e = after;
                h *= factor;
                continue;
            }
            factor = 0.25; /* the flow never climbs */
        }
        h *= factor;
    }
    return -1;
}

int basin_of(const Landscape *landscape, double x, double y)
{
    BasinTarget t;
    target_init(&t, landscape, NULL, 0);
    return follow_flow(&t, x, y, NULL);
}

/* Rest points closer than this (fraction of rect's diagonal) are one minimum. */
#define FIND_SAME_MINIMUM 1e-3

size_t basins_find_minima(const Landscape *landscape, ViewRect rect, int grid,
                          LandscapePoint *dest, size_t max)
{
    BasinTarget t;
    target_init(&t, landscape, NULL, 0);
    t.count = 0;
    double same = FIND_SAME_MINIMUM * hypot(rect.xmax - rect.xmin, rect.ymax - rect.ymin);
    size_t n = 0;
    double values[LANDSCAPE_MAX_MINIMA];
    max = max < LANDSCAPE_MAX_MINIMA ? max : LANDSCAPE_MAX_MINIMA;
    for (int j = 0; j < grid; j++) {
        for (int i = 0; i < grid; i++) {
            double x = rect.xmin + (i + 0.5) * (rect.xmax - rect.xmin) / grid;
            double y = rect.ymin + (j + 0.5) * (rect.ymax - rect.ymin) / grid;
            double rest[2];
            follow_flow(&t, x, y, rest);
            if (!view_rect_contains(rect, rest[0], rest[1]))
                continue;
            /* A minimum, not a saddle or a flat ridge the flow stopped on. */
            LandscapeEval e;
            landscape_eval(landscape, rest[0], rest[1], &e);
            double eig[2];
            sym2_eigenvalues(e.hess[0], e.hess[1], e.hess[2], eig);
            if (!(eig[0] > 0) || !isfinite(e.value))
                continue;
            bool known = false;
            for (size_t k = 0; k < n && !known; k++)
                known = hypot(dest[k].x - rest[0], dest[k].y - rest[1]) < same;
            if (known || n == max)
                continue;
            /* Kept in order of value, lowest first. */
            size_t at = n;
            while (at > 0 && values[at - 1] > e.value) {
                dest[at] = dest[at - 1];
                values[at] = values[at - 1];
                at--;
            }
            dest[at] = (LandscapePoint){rest[0], rest[1]};
            values[at] = e.value;
            n++;
        }
    }
    return n;
}

struct BasinMap {
    BasinTarget target;     /* borrows the landscape */
    ViewRect rect;
    int width, height;
    signed char *labels;    /* width * height, row 0 at rect.ymin;
                               BASIN_UNLABELLED until first asked for */
};

#define BASIN_UNLABELLED (-2)

BasinMap *basin_map_create(const Landscape *landscape, ViewRect rect, int width, int height,
                           DescentError *err)
{
    return basin_map_create_for(landscape, NULL, 0, rect, width, height, err);
}

BasinMap *basin_map_create_for(const Landscape *landscape, const LandscapePoint *minima,
                               size_t count, ViewRect rect, int width, int height,
                               DescentError *err)
{
    if (width <= 0 || height <= 0 || width > 4096 || height > 4096 ||
        !(rect.xmax > rect.xmin) || !(rect.ymax > rect.ymin) ||
        !isfinite(rect.xmax - rect.xmin) || !isfinite(rect.ymax - rect.ymin)) {
        error_set(err, "basin map: bad grid %dx%d or rectangle", width, height);
        return NULL;
    }
    BasinMap *map = calloc(1, sizeof *map);
    signed char *labels = malloc((size_t)width * (size_t)height);
    if (!map || !labels) {
        free(map);
        free(labels);
        error_set(err, "basin map: out of memory");
        return NULL;
    }
    target_init(&map->target, landscape, minima, count);
    map->rect = rect;
    map->width = width;
    map->height = height;
    map->labels = labels;
    memset(labels, BASIN_UNLABELLED, (size_t)width * (size_t)height);
    return map;
}

void basin_map_destroy(BasinMap *map)
{
    if (!map)
        return;
    free(map->labels);
    free(map);
}

ViewRect basin_map_rect(const BasinMap *map)
{
    return map->rect;
}

size_t basin_map_minima(const BasinMap *map, LandscapePoint *dest, size_t max)
{
    size_t n = map->target.count < max ? map->target.count : max;
    memcpy(dest, map->target.minima, n * sizeof *dest);
    return n;
}

/* The label of the cell in column col, row row, worked out from its
 * centre on first use. */
static int cell_label(BasinMap *map, int col, int row)
{
    signed char *label = &map->labels[(size_t)row * (size_t)map->width + (size_t)col];
    if (*label == BASIN_UNLABELLED) {
        double cx = map->rect.xmin + (col + 0.5) * (map->rect.xmax - map->rect.xmin) / map->width;
        double cy = map->rect.ymin + (row + 0.5) * (map->rect.ymax - map->rect.ymin) / map->height;
        *label = (signed char)follow_flow(&map->target, cx, cy, NULL);
    }
    return *label;
}

int basin_map_label(BasinMap *map, double x, double y)
{
    double u = (x - map->rect.xmin) / (map->rect.xmax - map->rect.xmin);
    double v = (y - map->rect.ymin) / (map->rect.ymax - map->rect.ymin);
    if (!(u >= 0.0 && u < 1.0 && v >= 0.0 && v < 1.0))
        return -1;
    return cell_label(map, (int)(u * map->width), (int)(v * map->height));
}

/* Rows row0 + begin .. row0 + end of columns col0..col1, one thread's. */
typedef struct LabelRows {
    BasinMap *map;
    int col0, col1, row0;
} LabelRows;

static void label_rows(void *context, size_t begin, size_t end)
{
    const LabelRows *c = context;
    for (size_t k = begin; k < end; k++)
        for (int col = c->col0; col <= c->col1; col++)
            cell_label(c->map, col, c->row0 + (int)k);
}

void basin_map_label_rect(BasinMap *map, ViewRect rect, int threads)
{
    double cw = (map->rect.xmax - map->rect.xmin) / map->width;
    double ch = (map->rect.ymax - map->rect.ymin) / map->height;
    double c0 = floor((rect.xmin - map->rect.xmin) / cw), c1 = floor((rect.xmax - map->rect.xmin) / cw);
    double r0 = floor((rect.ymin - map->rect.ymin) / ch), r1 = floor((rect.ymax - map->rect.ymin) / ch);
    if (!(c1 >= 0 && r1 >= 0 && c0 < map->width && r0 < map->height))
        return;
    LabelRows rows = {map, (int)fmax(c0, 0.0), (int)fmin(c1, map->width - 1.0),
                      (int)fmax(r0, 0.0)};
    int last = (int)fmin(r1, map->height - 1.0);
    /* Threads only where a cell has no label yet: a frame's call over a
     * labelled view costs a scan, not threads started. */
    bool unlabelled = false;
    for (int row = rows.row0; row <= last && !unlabelled; row++)
        unlabelled = memchr(&map->labels[(size_t)row * (size_t)map->width + (size_t)rows.col0],
                            BASIN_UNLABELLED, (size_t)(rows.col1 - rows.col0 + 1)) != NULL;
    if (unlabelled)
        parallel_for((size_t)(last - rows.row0 + 1), threads, label_rows, &rows);
}

size_t basin_map_shares(BasinMap *map, const float *xy, size_t count, double *shares, size_t max,
                        double *elsewhere)
{
    size_t n = map->target.count < max ? map->target.count : max;
    if (count == 0 || n == 0)
        return 0;
    for (size_t k = 0; k < n; k++)
        shares[k] = 0.0;
    size_t outside = 0;
    for (size_t p = 0; p < count; p++) {
        int label = basin_map_label(map, (double)xy[2 * p], (double)xy[2 * p + 1]);
        if (label >= 0 && (size_t)label < n)
            shares[label] += 1.0;
        else
            outside++;
    }
    for (size_t k = 0; k < n; k++)
        shares[k] /= (double)count;
    *elsewhere = (double)outside / (double)count;
    return n;
}
