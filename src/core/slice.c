/*
 * slice.c — directions, projections, progressively refined grids and
 * straight lines through a network's parameter space (see slice.h).
 */
#include "slice.h"

#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"

static const char *const slice_kind_names[NET_SLICE_COUNT] = {
    [NET_SLICE_INIT] = "init", [NET_SLICE_PCA] = "pca", [NET_SLICE_RANDOM] = "random"};

const char *slice_kind_name(NetSliceKind kind)
{
    return slice_kind_names[kind];
}

bool slice_kind_parse(const char *name, NetSliceKind *dest)
{
    for (int k = 0; k < NET_SLICE_COUNT; k++)
        if (strcmp(name, slice_kind_names[k]) == 0) {
            *dest = (NetSliceKind)k;
            return true;
        }
    return false;
}

static double dot(const double *a, const double *b, size_t n)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += a[i] * b[i];
    return sum;
}

/* ------------------------------------------------------------------------ */
/* Directions                                                                */
/* ------------------------------------------------------------------------ */

void slice_filter_normalize(const Model *model, const double *theta, double *d)
{
    for (int l = 1; l < model->nsizes; l++) {
        size_t in = (size_t)model->sizes[l - 1], out = (size_t)model->sizes[l];
        for (size_t o = 0; o < out; o++) {
            size_t row = model->weight_offset[l] + o * in;
            double dn = sqrt(dot(d + row, d + row, in));
            double tn = sqrt(dot(theta + row, theta + row, in));
            double scale = dn > 0.0 ? tn / dn : 0.0;
            for (size_t i = 0; i < in; i++)
                d[row + i] *= scale;
        }
        memset(d + model->bias_offset[l], 0, out * sizeof *d);
    }
}

void slice_random_direction(const Model *model, const double *theta, Rng *rng, double *dest)
{
    for (size_t k = 0; k < model->nparams; k++)
        dest[k] = rng_normal(rng);
    slice_filter_normalize(model, theta, dest);
}

void slice_init_directions(const Model *model, const double *theta_init,
                           const double *theta_now, Rng *rng, double *d1, double *d2)
{
    size_t n = model->nparams;
    for (size_t k = 0; k < n; k++)
        d1[k] = theta_now[k] - theta_init[k];
    slice_random_direction(model, theta_now, rng, d2);
    double d11 = dot(d1, d1, n);
    double c = d11 > 0.0 ? dot(d1, d2, n) / d11 : 0.0;
    for (size_t k = 0; k < n; k++)
        d2[k] -= c * d1[k];
    double len2 = sqrt(dot(d2, d2, n));
    double scale = len2 > 0.0 ? sqrt(d11) / len2 : 0.0;
    for (size_t k = 0; k < n; k++)
        d2[k] *= scale;
}

bool slice_pca_directions(size_t n, const double *trajectory, size_t count,
                          const double *center, double *d1, double *d2, double explained[2],
                          DescentError *err)
{
    if (count < 3)
        return error_set(err, "PCA directions need at least 3 points (got %zu)", count);
    double *rows = malloc(count * n * sizeof *rows), *mean = calloc(n, sizeof *mean);
    double *gram = malloc(count * count * sizeof *gram), *values = malloc(count * sizeof *values);
    bool ok = rows && mean && gram && values;
    if (!ok)
        error_set(err, "PCA directions: out of memory for %zu points of %zu values", count, n);
    for (size_t t = 0; ok && t < count; t++)
        for (size_t k = 0; k < n; k++) {
            rows[t * n + k] = trajectory[t * n + k] - center[k];
            mean[k] += rows[t * n + k] / (double)count;
        }
    for (size_t t = 0; ok && t < count; t++)
        for (size_t k = 0; k < n; k++)
            rows[t * n + k] -= mean[k];
    for (size_t s = 0; ok && s < count; s++)
        for (size_t t = s; t < count; t++)
            gram[s * count + t] = gram[t * count + s] = dot(rows + s * n, rows + t * n, n);
    if (ok && LAPACKE_dsyevd(LAPACK_ROW_MAJOR, 'V', 'U', (lapack_int)count, gram,
                             (lapack_int)count, values) != 0)
        ok = error_set(err, "PCA directions: LAPACK's dsyevd failed");
    double total = 0.0;
    for (size_t t = 0; ok && t < count; t++)
        total += fmax(values[t], 0.0);
    /* Ascending: the last two columns of gram are the top eigenvectors. */
    for (int p = 0; ok && p < 2; p++) {
        size_t col = count - 1 - (size_t)p;
        double *d = p == 0 ? d1 : d2;
        memset(d, 0, n * sizeof *d);
        for (size_t t = 0; t < count; t++)
            for (size_t k = 0; k < n; k++)
                d[k] += gram[t * count + col] * rows[t * n + k];
        double len = sqrt(dot(d, d, n));
        if (!(len > 1e-12 * sqrt(total)) || !(values[col] > 0.0)) {
            ok = error_set(err, "PCA directions: the points lie on a line (no second "
                                "direction)");
            break;
        }
        for (size_t k = 0; k < n; k++)
            d[k] /= len;
        if (explained)
            explained[p] = values[col] / total;
    }
    free(rows), free(mean), free(gram), free(values);
    return ok;
}

void slice_plane_shares(size_t n, const double *points, size_t count, const double *d1,
                        const double *d2, double shares[2])
{
    double total = 0.0, along[2] = {0.0, 0.0};
    double *mean = calloc(n, sizeof *mean), *row = malloc(n * sizeof *row);
    for (size_t t = 0; mean && row && t < count; t++)
        for (size_t k = 0; k < n; k++)
            mean[k] += points[t * n + k] / (double)count;
    for (size_t t = 0; mean && row && t < count; t++) {
        for (size_t k = 0; k < n; k++)
            row[k] = points[t * n + k] - mean[k];
        total += dot(row, row, n);
        along[0] += dot(row, d1, n) * dot(row, d1, n);
        along[1] += dot(row, d2, n) * dot(row, d2, n);
    }
    for (int p = 0; p < 2; p++)
        shares[p] = total > 0.0 ? along[p] / total : 0.0;
    free(mean), free(row);
}

void slice_project(const SlicePlane *plane, const double *theta, double *a, double *b,
                   double *distance)
{
    size_t n = plane->n;
    const double *d1 = plane->d1, *d2 = plane->d2;
    double g11 = dot(d1, d1, n), g12 = dot(d1, d2, n), g22 = dot(d2, d2, n);
    double r1 = 0.0, r2 = 0.0;
    for (size_t k = 0; k < n; k++) {
        double r = theta[k] - plane->center[k];
        r1 += d1[k] * r;
        r2 += d2[k] * r;
    }
    double det = g11 * g22 - g12 * g12;
    *a = (g22 * r1 - g12 * r2) / det;
    *b = (g11 * r2 - g12 * r1) / det;
    double sum = 0.0;
    for (size_t k = 0; k < n; k++) {
        double r = theta[k] - plane->center[k] - *a * d1[k] - *b * d2[k];
        sum += r * r;
    }
    *distance = sqrt(sum);
}

/* ------------------------------------------------------------------------ */
/* Grids                                                                     */
/* ------------------------------------------------------------------------ */

struct SliceRefiner {
    const Model *model;
    const NetData *data;
    SlicePlane plane;
    SliceGridDesc desc;
    double *dest;
    int stride;             /* of the level being computed; 0 when done */
    bool first;             /* that level is the first */
    size_t *points;         /* its cells, j·nx + i, once listed */
    size_t npoints;
    size_t next;            /* points[0 .. next − 1] are computed */
    bool listed;
    int workers;            /* workspaces allocated so far */
    ModelWork *work[PARALLEL_MAX_THREADS];
    double *theta[PARALLEL_MAX_THREADS];
};

SliceRefiner *slice_refiner_create(const Model *model, const NetData *data,
                                   const SlicePlane *plane, const SliceGridDesc *desc,
                                   double *dest, DescentError *err)
{
    if (desc->nx < 2 || desc->ny < 2) {
        error_set(err, "slice grid: %d × %d points (at least 2 × 2)", desc->nx, desc->ny);
        return NULL;
    }
    SliceRefiner *r = calloc(1, sizeof *r);
    size_t cells = (size_t)desc->nx * (size_t)desc->ny;
    if (r)
        r->points = malloc(cells * sizeof *r->points);
    if (!r || !r->points) {
        free(r);
        error_set(err, "slice grid: out of memory for %d × %d points", desc->nx, desc->ny);
        return NULL;
    }
    *r = (SliceRefiner){.model = model, .data = data, .plane = *plane, .desc = *desc,
                        .dest = dest, .stride = 1, .first = true, .points = r->points};
    int longer = desc->nx > desc->ny ? desc->nx : desc->ny;
    while (8 * r->stride <= longer - 1)
        r->stride *= 2;
    return r;
}

void slice_refiner_destroy(SliceRefiner *r)
{
    if (!r)
        return;
    for (int t = 0; t < r->workers; t++) {
        model_work_destroy(r->work[t]);
        free(r->theta[t]);
    }
    free(r->points);
    free(r);
}

int slice_refiner_stride(const SliceRefiner *r)
{
    return r->stride;
}

typedef struct StepJob {
    SliceRefiner *r;
    int workers;
    size_t end;             /* points[r->next .. end − 1] are computed */
} StepJob;

/* Worker t computes points next + t, next + t + workers, ... (interleaved,
 * so the load is even wherever the expensive cells are). */
static void step_worker(void *context, size_t begin, size_t end)
{
    const StepJob *job = context;
    SliceRefiner *r = job->r;
    const SliceGridDesc *g = &r->desc;
    size_t n = r->plane.n;
    for (size_t t = begin; t < end; t++) {
        double *theta = r->theta[t];
        for (size_t p = r->next + t; p < job->end; p += (size_t)job->workers) {
            size_t cell = r->points[p];
            int i = (int)(cell % (size_t)g->nx), j = (int)(cell / (size_t)g->nx);
            double a = g->a_min + (g->a_max - g->a_min) * i / (g->nx - 1);
            double b = g->b_min + (g->b_max - g->b_min) * j / (g->ny - 1);
            for (size_t k = 0; k < n; k++)
                theta[k] = r->plane.center[k] + a * r->plane.d1[k] + b * r->plane.d2[k];
            r->dest[cell] = model_loss(r->model, theta, r->data, NULL, r->data->n, r->work[t]);
        }
    }
}

/* Lists the level's cells: every stride-th point of the grid, but those
 * of the level before. */
static void list_level(SliceRefiner *r)
{
    int s = r->stride, nx = r->desc.nx, ny = r->desc.ny;
    r->npoints = 0;
    for (int j = 0; j < ny; j += s)
        for (int i = 0; i < nx; i += s)
            if (r->first || i % (2 * s) != 0 || j % (2 * s) != 0)
                r->points[r->npoints++] = (size_t)j * (size_t)nx + (size_t)i;
    r->next = 0;
    r->listed = true;
}

/* The level is computed: the cells between its points take the value of
 * the one below and left of them, and the next level is due. */
static void finish_level(SliceRefiner *r)
{
    int s = r->stride, nx = r->desc.nx, ny = r->desc.ny;
    if (s > 1)
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
                if (i % s != 0 || j % s != 0)
                    r->dest[j * nx + i] = r->dest[(j - j % s) * nx + (i - i % s)];
    r->first = false;
    r->stride = s / 2;
    r->listed = false;
}

bool slice_refiner_step_points(SliceRefiner *r, size_t points, int threads, DescentError *err)
{
    if (threads < 1)
        threads = 1;
    if (threads > PARALLEL_MAX_THREADS)
        threads = PARALLEL_MAX_THREADS;
    for (; r->workers < threads; r->workers++) {
        r->work[r->workers] = model_work_create(r->model);
        r->theta[r->workers] = malloc(r->plane.n * sizeof(double));
        if (!r->work[r->workers] || !r->theta[r->workers]) {
            model_work_destroy(r->work[r->workers]);
            free(r->theta[r->workers]);
            return error_set(err, "slice grid: out of memory for a thread's workspace");
        }
    }
    while (points > 0 && r->stride > 0) {
        if (!r->listed)
            list_level(r);
        size_t count = r->npoints - r->next < points ? r->npoints - r->next : points;
        StepJob job = {r, threads, r->next + count};
        parallel_for((size_t)threads, threads, step_worker, &job);
        r->next += count;
        points -= count;
        if (r->next == r->npoints)
            finish_level(r);
    }
    return true;
}

bool slice_refiner_step(SliceRefiner *r, int threads, DescentError *err)
{
    if (r->stride == 0)
        return true;
    if (!r->listed)
        list_level(r);
    return slice_refiner_step_points(r, r->npoints - r->next, threads, err);
}

bool slice_grid(const Model *model, const NetData *data, const SlicePlane *plane,
                const SliceGridDesc *desc, int threads, double *dest, DescentError *err)
{
    SliceRefiner *r = slice_refiner_create(model, data, plane, desc, dest, err);
    bool ok = r != NULL;
    while (ok && slice_refiner_stride(r) > 0)
        ok = slice_refiner_step(r, threads, err);
    slice_refiner_destroy(r);
    return ok;
}

/* ------------------------------------------------------------------------ */
/* Lines                                                                     */
/* ------------------------------------------------------------------------ */

bool slice_line(const Model *model, const NetData *data, const double *theta_a,
                const double *theta_b, double alpha_min, double alpha_max, size_t count,
                double *losses, double *accuracies, DescentError *err)
{
    if (count < 2)
        return error_set(err, "slice line: %zu points (at least 2)", count);
    size_t n = model->nparams;
    double *theta = malloc(n * sizeof *theta);
    ModelWork *work = model_work_create(model);
    bool ok = theta && work;
    if (!ok)
        error_set(err, "slice line: out of memory");
    for (size_t p = 0; ok && p < count; p++) {
        double alpha = alpha_min + (alpha_max - alpha_min) * (double)p / (double)(count - 1);
        for (size_t k = 0; k < n; k++)
            theta[k] = (1.0 - alpha) * theta_a[k] + alpha * theta_b[k];
        ModelEval e = model_evaluate(model, theta, data, NULL, data->n, work);
        losses[p] = e.loss;
        if (accuracies)
            accuracies[p] = e.accuracy;
    }
    model_work_destroy(work);
    free(theta);
    return ok;
}
