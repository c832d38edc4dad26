/*
 * represent.c — a layer's activations on a plane, and the linear probe
 * (see represent.h).
 */
#include "represent.h"

#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Axes                                                                      */

/* The column means of act (n × width) into mean. */
static void column_means(const double *act, size_t n, int width, double *mean)
{
    memset(mean, 0, (size_t)width * sizeof *mean);
    for (size_t s = 0; s < n; s++)
        for (int u = 0; u < width; u++)
            mean[u] += act[s * (size_t)width + (size_t)u];
    for (int u = 0; u < width; u++)
        mean[u] /= (double)n;
}

/* The covariance (1/n) Σ (h − mean)(h − mean)ᵀ into cov (width × width). */
static void covariance(const double *act, size_t n, int width, const double *mean, double *cov)
{
    size_t w = (size_t)width;
    memset(cov, 0, w * w * sizeof *cov);
    for (size_t s = 0; s < n; s++) {
        const double *h = act + s * w;
        for (size_t i = 0; i < w; i++)
            for (size_t j = i; j < w; j++)
                cov[i * w + j] += (h[i] - mean[i]) * (h[j] - mean[j]);
    }
    for (size_t i = 0; i < w; i++)
        for (size_t j = i; j < w; j++)
            cov[j * w + i] = cov[i * w + j] /= (double)n;
}

/* Flips axis (width values) so its largest-magnitude component is positive. */
static void orient(double *axis, int width)
{
    int top = 0;
    for (int u = 1; u < width; u++)
        if (fabs(axis[u]) > fabs(axis[top]))
            top = u;
    if (axis[top] < 0)
        for (int u = 0; u < width; u++)
            axis[u] = -axis[u];
}

/* The top two eigenvectors of cov (width >= 3) into axes, their
 * eigenvalues into top. */
static bool principal_axes(double *cov, int width, double *axes, double *top,
                           DescentError *err)
{
    size_t w = (size_t)width;
    double values[2], *vectors = malloc(2 * w * sizeof *vectors);
    lapack_int found, support[4];
    if (!vectors)
        return error_set(err, "representation: out of memory for a %d-unit layer", width);
    if (LAPACKE_dsyevr(LAPACK_ROW_MAJOR, 'V', 'I', 'U', (lapack_int)width, cov,
                       (lapack_int)width, 0.0, 0.0, (lapack_int)width - 1, (lapack_int)width,
                       0.0, &found, values, vectors, 2, support) != 0 ||
        found != 2) {
        free(vectors);
        return error_set(err, "representation: LAPACK's dsyevr failed on a %d-unit layer",
                         width);
    }
    /* Ascending: column 1 (of width × 2) belongs to the largest eigenvalue. */
    for (int k = 0; k < 2; k++) {
        for (size_t u = 0; u < w; u++)
            axes[(size_t)k * w + u] = vectors[u * 2 + (size_t)(1 - k)];
        orient(axes + (size_t)k * w, width);
        top[k] = values[1 - k];
    }
    free(vectors);
    return true;
}

bool repr_axes(const double *act, size_t n, int width, double *centre, double *axes,
               double *share, DescentError *err)
{
    size_t w = (size_t)width;
    double *cov = malloc(w * w * sizeof *cov);
    if (!cov)
        return error_set(err, "representation: out of memory for a %d-unit layer", width);
    column_means(act, n, width, centre);
    covariance(act, n, width, centre, cov);
    double total = 0.0, along[2] = {0.0, 0.0};
    for (size_t u = 0; u < w; u++)
        total += cov[u * w + u];
    bool ok = true;
    if (width >= 3) {
        ok = principal_axes(cov, width, axes, along, err);
    } else {
        memset(axes, 0, 2 * w * sizeof *axes);
        for (size_t u = 0; u < w; u++) {
            axes[u * w + u] = 1.0;
            along[u] = cov[u * w + u];
            centre[u] = 0.0;
        }
    }
    for (int k = 0; k < 2; k++)
        share[k] = total > 0 ? along[k] / total : (double)NAN;
    free(cov);
    return ok;
}

void repr_project(const double *act, size_t n, int width, const double *centre,
                  const double *axes, double *dest)
{
    size_t w = (size_t)width;
    for (size_t s = 0; s < n; s++)
        for (size_t k = 0; k < 2; k++) {
            double sum = 0.0;
            for (size_t u = 0; u < w; u++)
                sum += axes[k * w + u] * (act[s * w + u] - centre[u]);
            dest[2 * s + k] = sum;
        }
}

bool repr_map(const Model *model, const double *theta, int layer, const double *fit_x,
              size_t fit_n, const double *x, size_t n, double *dest, double *share,
              ModelWork *work, DescentError *err)
{
    size_t w = (size_t)model->sizes[layer], rows = fit_n > n ? fit_n : n;
    double *act = malloc(rows * w * sizeof *act);
    double *centre = malloc(w * sizeof *centre), *axes = malloc(2 * w * sizeof *axes);
    bool ok = act && centre && axes;
    if (!ok)
        error_set(err, "representation: out of memory for %zu points of a %zu-unit layer",
                  rows, w);
    if (ok) {
        model_layer(model, theta, fit_x, fit_n, layer, act, work);
        ok = repr_axes(act, fit_n, (int)w, centre, axes, share, err);
    }
    if (ok) {
        model_layer(model, theta, x, n, layer, act, work);
        repr_project(act, n, (int)w, centre, axes, dest);
    }
    free(act);
    free(centre);
    free(axes);
    return ok;
}

/* ------------------------------------------------------------------------ */
/* The linear probe                                                          */

/* Sample s's standardised features with the constant 1 into row
 * (width + 1). */
static void probe_row(const LinearProbe *p, const double *features, size_t s, double *row)
{
    for (int u = 0; u < p->width; u++)
        row[u] = (features[s * (size_t)p->width + (size_t)u] - p->mean[u]) * p->scale[u];
    row[p->width] = 1.0;
}

/* The unit standardisation: mean and 1/σ (0 for a unit that does not
 * vary, so it becomes 0). */
static void standardise(const double *features, size_t n, int width, LinearProbe *p)
{
    column_means(features, n, width, p->mean);
    for (int u = 0; u < width; u++) {
        double sum = 0.0;
        for (size_t s = 0; s < n; s++) {
            double d = features[s * (size_t)width + (size_t)u] - p->mean[u];
            sum += d * d;
        }
        double sd = sqrt(sum / (double)n);
        p->scale[u] = sd > 0 && isfinite(sd) ? 1.0 / sd : 0.0;
    }
}

bool probe_fit(const double *features, const double *y, size_t n, int width, int classes,
               LinearProbe *dest, DescentError *err)
{
    memset(dest, 0, sizeof *dest);
    if (classes < 2)
        return error_set(err, "linear probe: needs classification data");
    size_t d = (size_t)width + 1, k = (size_t)classes;
    dest->width = width, dest->classes = classes;
    dest->mean = malloc((size_t)width * sizeof *dest->mean);
    dest->scale = malloc((size_t)width * sizeof *dest->scale);
    dest->weights = calloc(d * k, sizeof *dest->weights);
    double *gram = calloc(d * d, sizeof *gram), *row = malloc(d * sizeof *row);
    bool ok = dest->mean && dest->scale && dest->weights && gram && row;
    if (!ok)
        error_set(err, "linear probe: out of memory for %d features", width);
    if (ok) {
        standardise(features, n, width, dest);
        /* The normal equations (XᵀX + ridge) W = XᵀT, T one-hot. */
        for (size_t s = 0; s < n; s++) {
            probe_row(dest, features, s, row);
            for (size_t i = 0; i < d; i++) {
                for (size_t j = i; j < d; j++)
                    gram[i * d + j] += row[i] * row[j];
                dest->weights[i * k + (size_t)y[s]] += row[i];
            }
        }
        for (size_t i = 0; i + 1 < d; i++)
            gram[i * d + i] += PROBE_RIDGE * (double)n;
        if (LAPACKE_dposv(LAPACK_ROW_MAJOR, 'U', (lapack_int)d, (lapack_int)k, gram,
                          (lapack_int)d, dest->weights, (lapack_int)k) != 0)
            ok = error_set(err, "linear probe: LAPACK's dposv failed (non-finite features?)");
    }
    free(gram);
    free(row);
    if (!ok)
        probe_free(dest);
    return ok;
}

double probe_accuracy(const LinearProbe *probe, const double *features, const double *y,
                      size_t n)
{
    size_t d = (size_t)probe->width + 1, k = (size_t)probe->classes, correct = 0;
    double *row = malloc(d * sizeof *row);
    if (!row || n == 0) {
        free(row);
        return (double)NAN;
    }
    for (size_t s = 0; s < n; s++) {
        probe_row(probe, features, s, row);
        size_t best = 0;
        double best_score = -(double)INFINITY;
        for (size_t c = 0; c < k; c++) {
            double score = 0.0;
            for (size_t i = 0; i < d; i++)
                score += row[i] * probe->weights[i * k + c];
            if (score > best_score)
                best = c, best_score = score;
        }
        correct += best == (size_t)y[s];
    }
    free(row);
    return (double)correct / (double)n;
}

void probe_free(LinearProbe *probe)
{
    free(probe->mean);
    free(probe->scale);
    free(probe->weights);
    memset(probe, 0, sizeof *probe);
}

bool probe_network(const Model *model, const double *theta, const NetDataSplit *data,
                   ModelWork *work, ProbeAccuracy *dest, DescentError *err)
{
    const NetData *train = &data->train, *test = &data->test;
    int layer = model->nsizes - 2;
    size_t w = (size_t)model->sizes[layer], rows = train->n > test->n ? train->n : test->n;
    dest->layer = layer;
    dest->train = dest->test = (double)NAN;
    double *act = malloc(rows * w * sizeof *act);
    if (!act)
        return error_set(err, "linear probe: out of memory for %zu samples", rows);
    LinearProbe probe;
    model_layer(model, theta, train->x, train->n, layer, act, work);
    bool ok = probe_fit(act, train->y, train->n, (int)w, train->classes, &probe, err);
    if (ok) {
        dest->train = probe_accuracy(&probe, act, train->y, train->n);
        if (test->n > 0) {
            model_layer(model, theta, test->x, test->n, layer, act, work);
            dest->test = probe_accuracy(&probe, act, test->y, test->n);
        }
        probe_free(&probe);
    }
    free(act);
    return ok;
}
