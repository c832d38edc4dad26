/*
 * landscape_data.c — the data landscapes (docs/CLI.md §3.2): least-squares linear
 * regression (linreg) and logistic regression (logreg) on two weights
 * w = (x, y), over a seeded synthetic dataset or a CSV file.
 *
 * linreg keeps only its sufficient statistics, so every evaluation is O(1);
 * logreg sums over the samples with an overflow-free softplus, its value
 * path with one vectorised exp per sample and no log.
 * Minibatch gradients (landscape_batch_grad) are exact sums over the given
 * samples.
 */
#include "landscape_impl.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "linalg2.h"

/* ------------------------------------------------------------------------ */
/* Parameters and the dataset they describe                                  */
/* ------------------------------------------------------------------------ */

/* The keys both kinds share come first, in this order. */
enum { DATA_N, DATA_SEED, DATA_NOISE, DATA_RHO };
enum { LINREG_DATA = 4 };
enum { LOGREG_MARGIN = 4, LOGREG_SEPARABLE, LOGREG_L2, LOGREG_DATA };
enum { LINREG_GENERATOR_KEYS = 4, LOGREG_GENERATOR_KEYS = 6 }; /* n .. rho, n .. separable */

#define SEED_MAX 9007199254740992.0 /* 2^53: every whole double below is exact */

const ParamDef landscape_linreg_params[5] = {
    [DATA_N] = {"n", PARAM_INTEGER, 50.0, 1.0, 1e6, NULL,
                "samples; n=1 leaves a line of minima (min-norm demo)"},
    [DATA_SEED] = {"seed", PARAM_INTEGER, 0.0, 0.0, SEED_MAX, NULL, "dataset seed"},
    [DATA_NOISE] = {"noise", PARAM_NUMBER, 0.5, 0.0, 100.0, NULL,
                    "std. dev. of label noise: y = 2 x1 + x2 + noise e"},
    [DATA_RHO] = {"rho", PARAM_NUMBER, 0.0, -0.99, 0.99, NULL,
                  "correlation of the inputs x1, x2 (near +-1: a long ravine)"},
    [LINREG_DATA] = {"data", PARAM_TEXT, 0.0, 0.0, 0.0, NULL,
                     "CSV file with columns x1,x2,y instead of synthetic data"},
};

const ParamDef landscape_logreg_params[8] = {
    [DATA_N] = {"n", PARAM_INTEGER, 100.0, 1.0, 1e6, NULL, "samples"},
    [DATA_SEED] = {"seed", PARAM_INTEGER, 0.0, 0.0, SEED_MAX, NULL, "dataset seed"},
    [DATA_NOISE] = {"noise", PARAM_NUMBER, 0.0, 0.0, 0.5, NULL,
                    "share of labels flipped after drawing them"},
    [DATA_RHO] = {"rho", PARAM_NUMBER, 0.0, -0.99, 0.99, NULL, "correlation of the inputs"},
    [LOGREG_MARGIN] = {"margin", PARAM_NUMBER, 0.0, 0.0, 10.0, NULL,
                       "least distance of any sample from the true boundary 2 x1 + x2 = 0"},
    [LOGREG_SEPARABLE] = {"separable", PARAM_BOOL, 0.0, 0.0, 1.0, NULL,
                          "labels sign(2 x1 + x2): no finite minimiser without l2 "
                          "(else labels from the logistic model)"},
    [LOGREG_L2] = {"l2", PARAM_NUMBER, 0.0, 0.0, 100.0, NULL, "weight decay λ: (λ/2)|w|^2"},
    [LOGREG_DATA] = {"data", PARAM_TEXT, 0.0, 0.0, 0.0, NULL,
                     "CSV file with columns x1,x2,y (y in -1,0,1) instead of synthetic data"},
};

/* Builds ls->data from data=FILE or from the generator keys
 * p[0 .. ngenerator - 1], which must not be mixed with a file. */
static bool make_dataset(Landscape *ls, const ParamDef *defs, const ParamValue *p,
                         size_t ngenerator, const ParamValue *data, DatasetTask task,
                         DescentError *err)
{
    if (data->given) {
        for (size_t i = 0; i < ngenerator; i++)
            if (p[i].given)
                return error_set(err, "landscape '%s': %s= does not apply with data=%s "
                                      "(the file is the dataset)", ls->name, defs[i].name,
                                 data->text);
        return dataset_load_csv(data->text, task, &ls->data, err);
    }
    DatasetDesc desc = {
        .task = task,
        .n = (size_t)p[DATA_N].number,
        .seed = (uint64_t)p[DATA_SEED].number,
        .noise = p[DATA_NOISE].number,
        .rho = p[DATA_RHO].number,
    };
    if (task == DATASET_CLASSIFICATION) {
        desc.margin = p[LOGREG_MARGIN].number;
        desc.separable = p[LOGREG_SEPARABLE].number != 0.0;
    }
    return dataset_generate(&desc, &ls->data, err);
}

/* A view holding the origin (the usual start) and the point w, with room
 * around both: at least reach on every side. */
static ViewRect view_around(double wx, double wy, double reach)
{
    double half = 0.5 * fmax(fabs(wx), fabs(wy)) + fmax(reach, 0.5 * hypot(wx, wy));
    double cx = 0.5 * wx, cy = 0.5 * wy;
    return (ViewRect){cx - half, cx + half, cy - half, cy + half};
}

/* ------------------------------------------------------------------------ */
/* linreg                                                                    */
/* ------------------------------------------------------------------------ */

/* The minimum-norm solution of S w = b (the pseudo-inverse), for S = XᵀX/N
 * symmetric positive semi-definite and b = Xᵀy/N in its range.  Rank 1
 * (n = 1, or collinear inputs): w = u (u·b) / λ with u the unit eigenvector
 * of the one non-zero eigenvalue λ, and the minimisers are the line
 * w + t·null_dir, null_dir ⊥ u; returns true then. */
static bool min_norm_solve(double a, double b, double c, const double rhs[2], double dest[2],
                           double null_dir[2])
{
    double eig[2];
    sym2_eigenvalues(a, b, c, eig);
    if (eig[1] <= 0.0) {
        dest[0] = dest[1] = 0.0;
        return false;
    }
    if (eig[0] > 1e-12 * eig[1]) {
        sym2_solve(a, b, c, rhs, dest);
        return false;
    }
    /* Rows of S − λI are orthogonal to u; the longer one is the stabler. */
    double u1[2] = {b, eig[1] - a}, u2[2] = {eig[1] - c, b};
    const double *u = hypot(u1[0], u1[1]) >= hypot(u2[0], u2[1]) ? u1 : u2;
    double len = hypot(u[0], u[1]);
    double ux = u[0] / len, uy = u[1] / len;
    double t = (ux * rhs[0] + uy * rhs[1]) / eig[1];
    dest[0] = ux * t;
    dest[1] = uy * t;
    null_dir[0] = -uy;
    null_dir[1] = ux;
    return true;
}

static bool linreg_setup(Landscape *ls, const Spec *spec, const ParamValue *p, DescentError *err)
{
    (void)spec;
    if (!make_dataset(ls, landscape_linreg_params, p, LINREG_GENERATOR_KEYS, &p[LINREG_DATA],
                      DATASET_REGRESSION, err))
        return false;
    const Dataset *d = &ls->data;
    double sxx = 0.0, sxy = 0.0, syy = 0.0, bx = 0.0, by = 0.0;
    for (size_t i = 0; i < d->n; i++) {
        sxx += d->x1[i] * d->x1[i];
        sxy += d->x1[i] * d->x2[i];
        syy += d->x2[i] * d->x2[i];
        bx += d->x1[i] * d->y[i];
        by += d->x2[i] * d->y[i];
    }
    double inv_n = 1.0 / (double)d->n;
    LinregStats *st = &ls->u.linreg;
    st->sxx = sxx * inv_n;
    st->sxy = sxy * inv_n;
    st->syy = syy * inv_n;
    st->has_line = min_norm_solve(st->sxx, st->sxy, st->syy,
                                  (const double[2]){bx * inv_n, by * inv_n}, st->w0,
                                  st->null_dir);
    /* The loss at w0 summed directly, so small residuals keep their digits. */
    double r0 = 0.0;
    for (size_t i = 0; i < d->n; i++) {
        double r = st->w0[0] * d->x1[i] + st->w0[1] * d->x2[i] - d->y[i];
        r0 += r * r;
    }
    st->r0 = 0.5 * r0 * inv_n;
    ls->minima[ls->nminima++] = (LandscapePoint){st->w0[0], st->w0[1]};
    /* A line of minima is the picture, and GD's walk from 0 to the min-norm
     * point (often short) its subject: frame them closer. */
    ls->view = view_around(st->w0[0], st->w0[1], st->has_line ? 0.25 : 1.0);
    return true;
}

/* L(w) = r0 + ½ dᵀ S d with d = w − w0: exact for a quadratic whose
 * gradient vanishes at w0, and free of the cancellation of expanding
 * ½ wᵀSw − wᵀb + ½ yᵀy/N near the minimum.  S = XᵀX/N is positive
 * semi-definite, so dᵀ S d ≥ 0; along a line of minima (S singular) its
 * three terms cancel and rounding can leave about -1e-17, which the colour
 * bar showed as a negative loss (adam_vs_sgd 3 at 1920 x 1080): held at 0. */
static double linreg_value(const Landscape *ls, double x, double y)
{
    const LinregStats *st = &ls->u.linreg;
    double dx = x - st->w0[0], dy = y - st->w0[1];
    return st->r0 +
           0.5 * fmax(0.0, st->sxx * dx * dx + 2.0 * st->sxy * dx * dy + st->syy * dy * dy);
}

static void linreg_eval(const Landscape *ls, double x, double y, LandscapeEval *dest)
{
    const LinregStats *st = &ls->u.linreg;
    double dx = x - st->w0[0], dy = y - st->w0[1];
    dest->value = linreg_value(ls, x, y);
    dest->grad[0] = st->sxx * dx + st->sxy * dy;
    dest->grad[1] = st->sxy * dx + st->syy * dy;
    dest->hess[0] = st->sxx;
    dest->hess[1] = st->sxy;
    dest->hess[2] = st->syy;
}

static double linreg_batch_grad(const Landscape *ls, double x, double y, const uint32_t *idx,
                                size_t n, double grad[2])
{
    const Dataset *d = &ls->data;
    double loss = 0.0, g0 = 0.0, g1 = 0.0;
    for (size_t k = 0; k < n; k++) {
        uint32_t i = idx[k];
        double r = x * d->x1[i] + y * d->x2[i] - d->y[i];
        loss += r * r;
        g0 += r * d->x1[i];
        g1 += r * d->x2[i];
    }
    double inv_n = 1.0 / (double)n;
    grad[0] = g0 * inv_n;
    grad[1] = g1 * inv_n;
    return 0.5 * loss * inv_n;
}

/* f_i = θ·x_i, so ∇θ f_i = x_i wherever θ is. */
static void linreg_output_grad(const Landscape *ls, double x, double y, size_t label,
                               double grad[2])
{
    (void)x;
    (void)y;
    grad[0] = ls->data.x1[label];
    grad[1] = ls->data.x2[label];
}

const LandscapeKind landscape_linreg = {
    .setup = linreg_setup,
    .value = linreg_value,
    .eval = linreg_eval,
    .batch_grad = linreg_batch_grad,
    .output_grad = linreg_output_grad,
    .start = {0.0, 0.0}, /* GD from 0 finds the minimum-norm solution */
};

/* ------------------------------------------------------------------------ */
/* logreg                                                                    */
/* ------------------------------------------------------------------------ */

/* softplus(−m) = log(1 + exp(−m)), written max(−m, 0) + log1p(exp(−|m|)) so
 * that exp never overflows and small losses keep their digits. */
static inline double softplus_neg(double m)
{
    return fmax(-m, 0.0) + log1p(exp(-fabs(m)));
}

/* softplus(−m), σ(−m) = 1 / (1 + exp(m)) and σ(m)σ(−m), all from the one
 * t = exp(−|m|) ≤ 1. */
static inline double softplus_sigmoid_neg(double m, double *s, double *curv)
{
    double t = exp(-fabs(m));
    double inv = 1.0 / (1.0 + t);
    *s = m >= 0.0 ? t * inv : inv;
    *curv = t * inv * inv;
    return fmax(-m, 0.0) + log1p(t);
}

/*
 * The value path, for grids (a 256² heat map of n = 1000 is 65 million
 * softplus terms), needs one exp and no log per sample.  Over a chunk of
 * samples, Σ log(1 + t_i) = log Π (1 + t_i) = log1p(S) with
 * S = Π (1 + t_i) − 1 accumulated as S ← S + t (1 + S): exact algebra, and
 * S keeps its relative precision when it is tiny (large margins), so the
 * chunk's sum is good to about its length times ε, in every regime.
 * exp(−|m|) is computed two lanes at a time with GCC/Clang vector
 * extensions (SSE2/NEON width, no special flags): 2^−k e^r with
 * |r| ≤ ln2/2 and a degree-13 Taylor polynomial (error below 5e-16).
 */
typedef double f64x2 __attribute__((vector_size(16)));
typedef int64_t i64x2 __attribute__((vector_size(16)));

#define SOFTPLUS_CHUNK 128 /* per lane 32 factors of at most 2: S < 2^32 */

static inline f64x2 splat2(double a)
{
    return (f64x2){a, a};
}

static inline f64x2 select2(i64x2 mask, f64x2 a, f64x2 b)
{
    return (f64x2)((mask & (i64x2)a) | (~mask & (i64x2)b));
}

/* exp(−v) for v ≥ 0; v is capped at 708 (exp(−708) is still normal), and
 * NaN stays NaN. */
static inline f64x2 exp_neg2(f64x2 v)
{
    v = select2(v > 708.0, splat2(708.0), v);
    /* k = round(v / ln2) by the 1.5·2^52 trick, r = k ln2 − v in two parts. */
    const f64x2 magic = splat2(6755399441055744.0);
    f64x2 kf = v * 1.4426950408889634 + magic;
    i64x2 k = (i64x2)kf - (i64x2)magic;
    kf -= magic;
    f64x2 r = (kf * 0.6931471803691238 - v) + kf * 1.9082149292705877e-10;
    /* e^r = Σ r^j / j!, j ≤ 13, in Estrin's scheme (short dependency chains). */
    f64x2 r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    f64x2 p01 = 1.0 + r, p23 = 1.0 / 2 + r * (1.0 / 6);
    f64x2 p45 = 1.0 / 24 + r * (1.0 / 120), p67 = 1.0 / 720 + r * (1.0 / 5040);
    f64x2 p89 = 1.0 / 40320 + r * (1.0 / 362880);
    f64x2 p1011 = 1.0 / 3628800 + r * (1.0 / 39916800);
    f64x2 p1213 = 1.0 / 479001600 + r * (1.0 / 6227020800.0);
    f64x2 p03 = p01 + r2 * p23, p47 = p45 + r2 * p67, p811 = p89 + r2 * p1011;
    f64x2 p = (p03 + r4 * p47) + r8 * (p811 + r4 * p1213);
    return p * (f64x2)((1023 - k) << 52); /* times 2^−k */
}

static double logreg_value(const Landscape *ls, double x, double y)
{
    const LogregData *lr = &ls->u.logreg;
    const size_t n = ls->data.n;
    const double *za = lr->za, *zb = lr->zb;
    const i64x2 abs_mask = {INT64_MAX, INT64_MAX};
    double relu = 0.0, log_sum = 0.0;
    size_t i = 0;
    while (i + 4 <= n) {
        size_t end = i + SOFTPLUS_CHUNK < n ? i + SOFTPLUS_CHUNK : n;
        f64x2 s0 = splat2(0.0), s1 = splat2(0.0), hinge = splat2(0.0);
        for (; i + 4 <= end; i += 4) {
            f64x2 a0, b0, a1, b1;
            memcpy(&a0, za + i, sizeof a0);
            memcpy(&b0, zb + i, sizeof b0);
            memcpy(&a1, za + i + 2, sizeof a1);
            memcpy(&b1, zb + i + 2, sizeof b1);
            f64x2 m0 = a0 * x + b0 * y, m1 = a1 * x + b1 * y;
            f64x2 t0 = exp_neg2((f64x2)((i64x2)m0 & abs_mask));
            f64x2 t1 = exp_neg2((f64x2)((i64x2)m1 & abs_mask));
            hinge += select2(m0 < 0.0, -m0, splat2(0.0)) + select2(m1 < 0.0, -m1, splat2(0.0));
            s0 += t0 * (1.0 + s0);
            s1 += t1 * (1.0 + s1);
        }
        relu += hinge[0] + hinge[1];
        log_sum += (log1p(s0[0]) + log1p(s0[1])) + (log1p(s1[0]) + log1p(s1[1]));
    }
    for (; i < n; i++)
        log_sum += softplus_neg(x * za[i] + y * zb[i]);
    return (relu + log_sum) / (double)n + 0.5 * lr->l2 * (x * x + y * y);
}

/* Sums over samples idx[0..n-1] (all samples when idx is NULL) of the loss
 * and its derivatives; hess may be NULL. */
static double logreg_sums(const Landscape *ls, double x, double y, const uint32_t *idx,
                          size_t n, double grad[2], double hess[3])
{
    const LogregData *lr = &ls->u.logreg;
    double loss = 0.0, g0 = 0.0, g1 = 0.0, h0 = 0.0, h1 = 0.0, h2 = 0.0;
    for (size_t k = 0; k < n; k++) {
        size_t i = idx ? idx[k] : k;
        double a = lr->za[i], b = lr->zb[i];
        double m = x * a + y * b, s, curv;
        loss += softplus_sigmoid_neg(m, &s, &curv);
        g0 -= s * a;
        g1 -= s * b;
        h0 += curv * a * a;
        h1 += curv * a * b;
        h2 += curv * b * b;
    }
    double inv_n = 1.0 / (double)n, l2 = lr->l2;
    grad[0] = g0 * inv_n + l2 * x;
    grad[1] = g1 * inv_n + l2 * y;
    if (hess) {
        hess[0] = h0 * inv_n + l2;
        hess[1] = h1 * inv_n;
        hess[2] = h2 * inv_n + l2;
    }
    return loss * inv_n + 0.5 * l2 * (x * x + y * y);
}

static double logreg_value_grad(const Landscape *ls, double x, double y, double grad[2])
{
    return logreg_sums(ls, x, y, NULL, ls->data.n, grad, NULL);
}

static void logreg_eval(const Landscape *ls, double x, double y, LandscapeEval *dest)
{
    dest->value = logreg_sums(ls, x, y, NULL, ls->data.n, dest->grad, dest->hess);
}

static double logreg_batch_grad(const Landscape *ls, double x, double y, const uint32_t *idx,
                                size_t n, double grad[2])
{
    return logreg_sums(ls, x, y, idx, n, grad, NULL);
}

static int compare_doubles(const void *a, const void *b)
{
    double u = *(const double *)a, v = *(const double *)b;
    return (u > v) - (u < v);
}

/* Whether some w ≠ 0 has w·z_i ≥ 0 for every sample (z_i = y_i x_i): then
 * the unregularised loss never increases along w and has no unique finite
 * minimiser.  In 2D that is exactly when the directions of the non-zero
 * z_i leave an angular gap of at least π.  *dir receives the middle of
 * the occupied arc (where the weights head). */
static bool logreg_separable(const Landscape *ls, double dir[2])
{
    const LogregData *lr = &ls->u.logreg;
    size_t n = ls->data.n, m = 0;
    double *angle = malloc(n * sizeof *angle);
    if (!angle)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lr->za[i] != 0.0 || lr->zb[i] != 0.0)
            angle[m++] = atan2(lr->zb[i], lr->za[i]);
    bool separable = m == 0;
    if (m > 0) {
        qsort(angle, m, sizeof *angle, compare_doubles);
        const double two_pi = 6.283185307179586;
        double gap = angle[0] + two_pi - angle[m - 1], gap_end = angle[0];
        for (size_t i = 1; i < m; i++) {
            if (angle[i] - angle[i - 1] > gap) {
                gap = angle[i] - angle[i - 1];
                gap_end = angle[i];
            }
        }
        separable = gap >= 0.5 * two_pi * (1.0 - 1e-12);
        double middle = gap_end + 0.5 * (two_pi - gap); /* of the occupied arc */
        dir[0] = cos(middle);
        dir[1] = sin(middle);
    }
    free(angle);
    return separable;
}

static int compare_points(const void *a, const void *b)
{
    const LandscapePoint *p = a, *q = b;
    return p->x != q->x ? (p->x > q->x) - (p->x < q->x) : (p->y > q->y) - (p->y < q->y);
}

static double cross3(LandscapePoint o, LandscapePoint a, LandscapePoint b)
{
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/* The max-margin direction: the unit u maximising min_i u·z_i, where GD's
 * w/|w| converges on separable data (Soudry et al., 2018).  By duality it
 * is the direction of the point p of the convex hull of the z_i nearest to
 * the origin, so: the hull (Andrew's monotone chain), the nearest point of
 * each of its edges, and a check that every z_i lies beyond the line
 * through p normal to it (false when the origin is in the hull: no gap). */
static bool logreg_max_margin(const LogregData *lr, size_t n, double dir[2])
{
    LandscapePoint *pts = malloc(n * sizeof *pts), *hull = malloc((2 * n + 1) * sizeof *hull);
    bool found = false;
    if (!pts || !hull)
        goto done;
    for (size_t i = 0; i < n; i++)
        pts[i] = (LandscapePoint){lr->za[i], lr->zb[i]};
    qsort(pts, n, sizeof *pts, compare_points);
    size_t h = 0;
    for (size_t i = 0; i < n; i++) {
        while (h >= 2 && cross3(hull[h - 2], hull[h - 1], pts[i]) <= 0.0)
            h--;
        hull[h++] = pts[i];
    }
    for (size_t i = n - 1, lower = h + 1; i-- > 0;) {
        while (h >= lower && cross3(hull[h - 2], hull[h - 1], pts[i]) <= 0.0)
            h--;
        hull[h++] = pts[i];
    }
    if (h > 1)
        h--; /* the chain ends where it began */
    LandscapePoint best = hull[0];
    for (size_t k = 0; k < h; k++) {
        LandscapePoint a = hull[k], b = hull[(k + 1) % h];
        double ex = b.x - a.x, ey = b.y - a.y, len2 = ex * ex + ey * ey;
        double t = len2 > 0.0 ? fmin(fmax(-(a.x * ex + a.y * ey) / len2, 0.0), 1.0) : 0.0;
        LandscapePoint p = {a.x + t * ex, a.y + t * ey};
        if (hypot(p.x, p.y) < hypot(best.x, best.y))
            best = p;
    }
    double norm2 = best.x * best.x + best.y * best.y;
    found = norm2 > 0.0;
    for (size_t i = 0; i < n && found; i++)
        found = lr->za[i] * best.x + lr->zb[i] * best.y >= norm2 * (1.0 - 1e-9);
    if (found) {
        double norm = sqrt(norm2);
        dir[0] = best.x / norm;
        dir[1] = best.y / norm;
    }
done:
    free(pts);
    free(hull);
    return found;
}

/* Newton's method with backtracking from w = 0; the loss is convex, and
 * strictly so when a minimiser exists.  Near the minimum the predicted
 * decrease falls below the value's rounding, where comparing values says
 * nothing: there the full step is taken (Newton converges quadratically). */
static bool logreg_minimise(const Landscape *ls, double w[2])
{
    w[0] = w[1] = 0.0;
    LandscapeEval e;
    logreg_eval(ls, w[0], w[1], &e);
    for (int iter = 0; iter < 200; iter++) {
        double step[2];
        sym2_solve(e.hess[0], e.hess[1], e.hess[2], e.grad, step);
        if (!isfinite(step[0]) || !isfinite(step[1]))
            return false;
        if (hypot(step[0], step[1]) <= 1e-14 * (1.0 + hypot(w[0], w[1])))
            return true;
        double slope = -(e.grad[0] * step[0] + e.grad[1] * step[1]);
        bool resolvable = -slope > 1e-13 * (1.0 + fabs(e.value));
        double t = 1.0;
        LandscapeEval trial;
        for (;;) {
            logreg_eval(ls, w[0] - t * step[0], w[1] - t * step[1], &trial);
            if (!resolvable || trial.value <= e.value + 1e-4 * t * slope)
                break;
            if ((t *= 0.5) < 1e-12)
                return false; /* not a descent direction: no minimiser */
        }
        w[0] -= t * step[0];
        w[1] -= t * step[1];
        e = trial;
    }
    return false;
}

static bool logreg_setup(Landscape *ls, const Spec *spec, const ParamValue *p, DescentError *err)
{
    (void)spec;
    if (!make_dataset(ls, landscape_logreg_params, p, LOGREG_GENERATOR_KEYS, &p[LOGREG_DATA],
                      DATASET_CLASSIFICATION, err))
        return false;
    LogregData *lr = &ls->u.logreg;
    const Dataset *d = &ls->data;
    lr->l2 = p[LOGREG_L2].number;
    lr->za = malloc(d->n * sizeof *lr->za);
    lr->zb = malloc(d->n * sizeof *lr->zb);
    if (!lr->za || !lr->zb)
        return error_set(err, "landscape 'logreg': out of memory");
    for (size_t i = 0; i < d->n; i++) {
        lr->za[i] = d->y[i] * d->x1[i];
        lr->zb[i] = d->y[i] * d->x2[i];
    }
    double dir[2] = {1.0, 0.0}, w[2];
    bool separable = logreg_separable(ls, dir);
    if (separable)
        lr->has_max_margin = logreg_max_margin(lr, d->n, lr->max_margin);
    if ((lr->l2 > 0.0 || !separable) && logreg_minimise(ls, w)) {
        ls->minima[ls->nminima++] = (LandscapePoint){w[0], w[1]};
        ls->view = view_around(w[0], w[1], 1.0);
    } else {
        /* The weights run off to infinity along dir: show the way out. */
        ls->view = view_around(4.0 * dir[0], 4.0 * dir[1], 1.0);
    }
    return true;
}

const LandscapeKind landscape_logreg = {
    .setup = logreg_setup,
    .value = logreg_value,
    .value_grad = logreg_value_grad,
    .eval = logreg_eval,
    .batch_grad = logreg_batch_grad,
    .start = {0.0, 0.0},
};

/* ------------------------------------------------------------------------ */
/* Geometry of the minimisers                                                */
/* ------------------------------------------------------------------------ */

bool landscape_minimum_line(const Landscape *ls, LandscapePoint *point, double dir[2])
{
    if (ls->kind != &landscape_linreg || !ls->u.linreg.has_line)
        return false;
    const LinregStats *st = &ls->u.linreg;
    *point = (LandscapePoint){st->w0[0], st->w0[1]};
    dir[0] = st->null_dir[0];
    dir[1] = st->null_dir[1];
    return true;
}

bool landscape_max_margin_direction(const Landscape *ls, double dir[2])
{
    if (ls->kind != &landscape_logreg || !ls->u.logreg.has_max_margin)
        return false;
    dir[0] = ls->u.logreg.max_margin[0];
    dir[1] = ls->u.logreg.max_margin[1];
    return true;
}
