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

/* The top `count` (1 or 2) eigenvectors of cov (width >= 2) into axes,
 * each signed by orient, their eigenvalues into top; cov is overwritten. */
static bool principal_axes(double *cov, int width, int count, double *axes, double *top,
                           DescentError *err)
{
    size_t w = (size_t)width, c = (size_t)count;
    double values[2], *vectors = malloc(c * w * sizeof *vectors);
    lapack_int found, support[4];
    if (!vectors)
        return error_set(err, "representation: out of memory for a %d-unit layer", width);
    if (LAPACKE_dsyevr(LAPACK_ROW_MAJOR, 'V', 'I', 'U', (lapack_int)width, cov,
                       (lapack_int)width, 0.0, 0.0, (lapack_int)(width - count + 1),
                       (lapack_int)width, 0.0, &found, values, vectors, (lapack_int)count,
                       support) != 0 ||
        found != (lapack_int)count) {
        free(vectors);
        return error_set(err, "representation: LAPACK's dsyevr failed on a %d-unit layer",
                         width);
    }
    /* Ascending: the last column (of width × count) belongs to the largest. */
    for (size_t k = 0; k < c; k++) {
        for (size_t u = 0; u < w; u++)
            axes[k * w + u] = vectors[u * c + (c - 1 - k)];
        orient(axes + k * w, width);
        top[k] = values[c - 1 - k];
    }
    free(vectors);
    return true;
}

/* The two-class probe on act as a direction: u (width values) with the
 * score difference Σ u_j (h_j − mean_j) + *offset, mean the column means
 * (the probe standardises by them).  False (and err) only on failure. */
static bool probe_direction(const double *act, const double *y, size_t n, int width,
                            double *u, double *offset, DescentError *err)
{
    LinearProbe probe;
    if (!probe_fit(act, y, n, width, 2, &probe, err))
        return false;
    for (int j = 0; j < width; j++)
        u[j] = (probe.weights[2 * j + 1] - probe.weights[2 * j]) * probe.scale[j];
    *offset = probe.weights[2 * width + 1] - probe.weights[2 * width];
    probe_free(&probe);
    return true;
}

/* Axis 0 along u (‖u‖ > 0), axis 1 the top principal direction of cov
 * once axis 0 is taken out (cov is overwritten); the variances along them
 * into along. */
static bool axes_across_cut(double *cov, int width, const double *u, double norm,
                            double *axes, double *along, DescentError *err)
{
    size_t w = (size_t)width;
    for (size_t j = 0; j < w; j++)
        axes[j] = u[j] / norm;
    /* C a0, then a0ᵀ C a0: the variance along axis 0. */
    double *ca = malloc(w * sizeof *ca);
    if (!ca)
        return error_set(err, "representation: out of memory for a %d-unit layer", width);
    along[0] = 0.0;
    for (size_t i = 0; i < w; i++) {
        ca[i] = 0.0;
        for (size_t j = 0; j < w; j++)
            ca[i] += cov[i * w + j] * axes[j];
        along[0] += axes[i] * ca[i];
    }
    /* P C P = C − a (Ca)ᵀ − (Ca) aᵀ + (aᵀCa) a aᵀ. */
    for (size_t i = 0; i < w; i++)
        for (size_t j = 0; j < w; j++)
            cov[i * w + j] += -axes[i] * ca[j] - ca[i] * axes[j] + along[0] * axes[i] * axes[j];
    free(ca);
    return principal_axes(cov, width, 1, axes + w, along + 1, err);
}

bool repr_axes(const double *act, size_t n, int width, const double *y, int classes,
               double *centre, double *axes, ReprPlane *plane, DescentError *err)
{
    size_t w = (size_t)width;
    double *cov = malloc(w * w * sizeof *cov), *u = malloc(w * sizeof *u);
    if (!cov || !u) {
        free(cov);
        free(u);
        return error_set(err, "representation: out of memory for a %d-unit layer", width);
    }
    column_means(act, n, width, centre);
    covariance(act, n, width, centre, cov);
    double total = 0.0, along[2] = {0.0, 0.0}, offset = 0.0, norm = 0.0;
    for (size_t j = 0; j < w; j++)
        total += cov[j * w + j];
    plane->across_cut = false;
    plane->cut[0] = plane->cut[1] = plane->cut[2] = (double)NAN;
    bool two = y && classes == 2;
    bool ok = !two || probe_direction(act, y, n, width, u, &offset, err);
    for (size_t j = 0; ok && two && j < w; j++)
        norm = hypot(norm, u[j]);
    if (!ok) {
        free(cov);
        free(u);
        return false;
    }
    if (width >= 3 && two && norm > 0 && isfinite(norm)) {
        ok = axes_across_cut(cov, width, u, norm, axes, along, err);
        plane->across_cut = ok;
        plane->cut[0] = norm, plane->cut[1] = 0.0, plane->cut[2] = offset;
    } else if (width >= 3) {
        ok = principal_axes(cov, width, 2, axes, along, err);
    } else {
        memset(axes, 0, 2 * w * sizeof *axes);
        for (size_t j = 0; j < w; j++) {
            axes[j * w + j] = 1.0;
            along[j] = cov[j * w + j];
        }
        if (two) {
            /* Drawn as they are (centre 0): the score is linear in them. */
            plane->cut[0] = u[0], plane->cut[1] = width == 2 ? u[1] : 0.0;
            plane->cut[2] = offset;
            for (size_t j = 0; j < w; j++)
                plane->cut[2] -= u[j] * centre[j];
        }
        memset(centre, 0, w * sizeof *centre);
    }
    for (int k = 0; k < 2; k++)
        plane->share[k] = total > 0 ? along[k] / total : (double)NAN;
    free(cov);
    free(u);
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

bool repr_map(const Model *model, const double *theta, int layer, const NetData *fit,
              const double *x, size_t n, double *dest, ReprPlane *plane, ModelWork *work,
              DescentError *err)
{
    size_t w = (size_t)model->sizes[layer], rows = fit->n > n ? fit->n : n;
    double *act = malloc(rows * w * sizeof *act);
    double *centre = malloc(w * sizeof *centre), *axes = malloc(2 * w * sizeof *axes);
    bool ok = act && centre && axes;
    if (!ok)
        error_set(err, "representation: out of memory for %zu points of a %zu-unit layer",
                  rows, w);
    if (ok) {
        model_layer(model, theta, fit->x, fit->n, layer, act, work);
        ok = repr_axes(act, fit->n, (int)w, fit->y, fit->classes, centre, axes, plane, err);
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
