/*
 * landscape_classic.c — the analytic landscapes (docs/CLI.md §3.2): their formulas,
 * closed-form gradients and Hessians, parameter tables, views, demo starts
 * and known minima.
 *
 * Each kind has a value function (the fast path for grids) and an eval
 * function (value, gradient, Hessian).  Both are written from the same
 * sub-expressions so they agree to the last bit where it matters: the value
 * returned by eval is computed exactly as the value function computes it.
 */
#include "landscape_impl.h"

#include <math.h>

#define PI 3.14159265358979323846
#define TWO_PI (2.0 * PI)
#define E 2.71828182845904523536

/* Each kind writes its closed forms once, in NAME_eval.  Its value_grad is
 * that function inlined into a caller that keeps only the gradient: the
 * compiler drops the Hessian's arithmetic, so first-order optimizers pay
 * only for what they use, and no formula is written twice. */
#define VALUE_GRAD_FROM_EVAL(name)                                                           \
    static double name##_value_grad(const Landscape *ls, double x, double y, double grad[2]) \
    {                                                                                        \
        LandscapeEval e;                                                                     \
        name##_eval(ls, x, y, &e);                                                           \
        grad[0] = e.grad[0];                                                                 \
        grad[1] = e.grad[1];                                                                 \
        return e.value;                                                                      \
    }

/* ------------------------------------------------------------------------ */
/* quadratic                                                                 */
/* ------------------------------------------------------------------------ */

const ParamDef landscape_quadratic_params[3] = {
    {"l1", PARAM_NUMBER, 1.0, -1e4, 1e4, NULL, "curvature λ₁ along u (the x axis rotated by angle)"},
    {"l2", PARAM_NUMBER, 10.0, -1e4, 1e4, NULL, "curvature λ₂ along v (the y axis rotated by angle)"},
    {"angle", PARAM_NUMBER, 0.0, -360.0, 360.0, NULL, "rotation of the (u, v) axes, degrees"},
};

/* The rotated form is the constant Hessian H = Rᵀ diag(l1, l2) R, and
 * L = ½ θᵀ H θ. */
static bool quadratic_setup(Landscape *ls, const Spec *spec, const ParamValue *p,
                            DescentError *err)
{
    (void)spec;
    (void)err;
    double l1 = p[0].number, l2 = p[1].number, a = p[2].number * (PI / 180.0);
    double c = cos(a), s = sin(a);
    ls->u.quadratic.hxx = l1 * c * c + l2 * s * s;
    ls->u.quadratic.hxy = (l1 - l2) * c * s;
    ls->u.quadratic.hyy = l1 * s * s + l2 * c * c;
    if (l1 > 0.0 && l2 > 0.0)
        ls->minima[ls->nminima++] = (LandscapePoint){0.0, 0.0};
    return true;
}

static double quadratic_value(const Landscape *ls, double x, double y)
{
    double hxx = ls->u.quadratic.hxx, hxy = ls->u.quadratic.hxy, hyy = ls->u.quadratic.hyy;
    return 0.5 * (hxx * x * x + 2.0 * hxy * x * y + hyy * y * y);
}

static void quadratic_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    double hxx = ls->u.quadratic.hxx, hxy = ls->u.quadratic.hxy, hyy = ls->u.quadratic.hyy;
    d->value = quadratic_value(ls, x, y);
    landscape_quadratic_grad(hxx, hxy, hyy, x, y, d->grad);
    d->hess[0] = hxx;
    d->hess[1] = hxy;
    d->hess[2] = hyy;
}

VALUE_GRAD_FROM_EVAL(quadratic)

const LandscapeKind landscape_quadratic = {
    .setup = quadratic_setup,
    .value = quadratic_value,
    .value_grad = quadratic_value_grad,
    .eval = quadratic_eval,
    .view = {-3.0, 3.0, -3.0, 3.0},
    .start = {-2.5, 1.5},
};

/* ------------------------------------------------------------------------ */
/* rosenbrock                                                                */
/* ------------------------------------------------------------------------ */

const ParamDef landscape_rosenbrock_params[2] = {
    {"a", PARAM_NUMBER, 1.0, -10.0, 10.0, NULL, "the minimum sits at (a, a^2)"},
    {"b", PARAM_NUMBER, 100.0, 0.0, 1e4, NULL, "steepness of the curved valley's walls"},
};

static bool rosenbrock_setup(Landscape *ls, const Spec *spec, const ParamValue *p,
                             DescentError *err)
{
    (void)spec;
    (void)err;
    double a = p[0].number, b = p[1].number;
    ls->u.rosenbrock.a = a;
    ls->u.rosenbrock.b = b;
    if (b > 0.0) /* b = 0 leaves a line of minima x = a, none of them strict */
        ls->minima[ls->nminima++] = (LandscapePoint){a, a * a};
    return true;
}

static double rosenbrock_value(const Landscape *ls, double x, double y)
{
    double a = ls->u.rosenbrock.a, b = ls->u.rosenbrock.b;
    double u = a - x, v = y - x * x;
    return u * u + b * v * v;
}

static void rosenbrock_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    double a = ls->u.rosenbrock.a, b = ls->u.rosenbrock.b;
    double u = a - x, v = y - x * x;
    d->value = u * u + b * v * v;
    landscape_rosenbrock_grad(a, b, x, y, d->grad);
    d->hess[0] = 2.0 - 4.0 * b * v + 8.0 * b * x * x;
    d->hess[1] = -4.0 * b * x;
    d->hess[2] = 2.0 * b;
}

VALUE_GRAD_FROM_EVAL(rosenbrock)

const LandscapeKind landscape_rosenbrock = {
    .setup = rosenbrock_setup,
    .value = rosenbrock_value,
    .value_grad = rosenbrock_value_grad,
    .eval = rosenbrock_eval,
    .view = {-2.0, 2.0, -1.0, 3.0},
    .start = {-1.5, 2.0},
    .prefers_log = true,
};

/* ------------------------------------------------------------------------ */
/* beale                                                                     */
/* ------------------------------------------------------------------------ */

/* L = Σ t_i², t_i = c_i + x (y^i − 1), i = 1, 2, 3. */
static const double beale_c[3] = {1.5, 2.25, 2.625};

static double beale_value(const Landscape *ls, double x, double y)
{
    (void)ls;
    double y2 = y * y, y3 = y2 * y;
    double t1 = beale_c[0] + x * (y - 1.0);
    double t2 = beale_c[1] + x * (y2 - 1.0);
    double t3 = beale_c[2] + x * (y3 - 1.0);
    return t1 * t1 + t2 * t2 + t3 * t3;
}

static void beale_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    d->value = beale_value(ls, x, y);
    double g0 = 0.0, g1 = 0.0, hxx = 0.0, hxy = 0.0, hyy = 0.0;
    double ypow[4] = {1.0, y, y * y, y * y * y}; /* y^0 .. y^3 */
    for (int i = 1; i <= 3; i++) {
        double t = beale_c[i - 1] + x * (ypow[i] - 1.0);
        double tx = ypow[i] - 1.0;                 /* dt/dx */
        double ty = x * i * ypow[i - 1];           /* dt/dy */
        double txy = i * ypow[i - 1];              /* d2t/dxdy */
        double tyy = i > 1 ? x * i * (i - 1) * ypow[i - 2] : 0.0;
        g0 += 2.0 * t * tx;
        g1 += 2.0 * t * ty;
        hxx += 2.0 * tx * tx;
        hxy += 2.0 * (tx * ty + t * txy);
        hyy += 2.0 * (ty * ty + t * tyy);
    }
    d->grad[0] = g0;
    d->grad[1] = g1;
    d->hess[0] = hxx;
    d->hess[1] = hxy;
    d->hess[2] = hyy;
}

static const LandscapePoint beale_minima[] = {{3.0, 0.5}};

VALUE_GRAD_FROM_EVAL(beale)

const LandscapeKind landscape_beale = {
    .value = beale_value,
    .value_grad = beale_value_grad,
    .eval = beale_eval,
    .view = {-4.5, 4.5, -4.5, 4.5},
    .start = {1.0, 1.5},
    .minima = beale_minima,
    .nminima = ARRAY_LEN(beale_minima),
    .prefers_log = true,
};

/* ------------------------------------------------------------------------ */
/* himmelblau                                                                */
/* ------------------------------------------------------------------------ */

static double himmelblau_value(const Landscape *ls, double x, double y)
{
    (void)ls;
    double a = x * x + y - 11.0, b = x + y * y - 7.0;
    return a * a + b * b;
}

static void himmelblau_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    (void)ls;
    double a = x * x + y - 11.0, b = x + y * y - 7.0;
    d->value = a * a + b * b;
    d->grad[0] = 4.0 * x * a + 2.0 * b;
    d->grad[1] = 2.0 * a + 4.0 * y * b;
    d->hess[0] = 4.0 * a + 8.0 * x * x + 2.0;
    d->hess[1] = 4.0 * (x + y);
    d->hess[2] = 2.0 + 4.0 * b + 8.0 * y * y;
}

/* (3, 2) is exact; the other three are roots of a quartic, polished from
 * these six-digit values at creation. */
static bool himmelblau_setup(Landscape *ls, const Spec *spec, const ParamValue *p,
                             DescentError *err)
{
    (void)spec;
    (void)p;
    (void)err;
    static const LandscapePoint guesses[] = {
        {3.0, 2.0}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
    landscape_polish_minima(ls, guesses, ARRAY_LEN(guesses));
    return true;
}

VALUE_GRAD_FROM_EVAL(himmelblau)

const LandscapeKind landscape_himmelblau = {
    .setup = himmelblau_setup,
    .value = himmelblau_value,
    .value_grad = himmelblau_value_grad,
    .eval = himmelblau_eval,
    .view = {-5.0, 5.0, -5.0, 5.0},
    .start = {-0.27, -0.6}, /* beside the central maximum: optimizers part ways */
    .prefers_log = true,
};

/* ------------------------------------------------------------------------ */
/* rastrigin                                                                 */
/* ------------------------------------------------------------------------ */

static double rastrigin_value(const Landscape *ls, double x, double y)
{
    (void)ls;
    return 20.0 + x * x - 10.0 * cos(TWO_PI * x) + y * y - 10.0 * cos(TWO_PI * y);
}

static void rastrigin_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    d->value = rastrigin_value(ls, x, y);
    d->grad[0] = 2.0 * x + 20.0 * PI * sin(TWO_PI * x);
    d->grad[1] = 2.0 * y + 20.0 * PI * sin(TWO_PI * y);
    d->hess[0] = 2.0 + 40.0 * PI * PI * cos(TWO_PI * x);
    d->hess[1] = 0.0;
    d->hess[2] = 2.0 + 40.0 * PI * PI * cos(TWO_PI * y);
}

static const LandscapePoint origin_minimum[] = {{0.0, 0.0}};

VALUE_GRAD_FROM_EVAL(rastrigin)

const LandscapeKind landscape_rastrigin = {
    .value = rastrigin_value,
    .value_grad = rastrigin_value_grad,
    .eval = rastrigin_eval,
    .view = {-5.12, 5.12, -5.12, 5.12},
    .start = {2.3, -1.7},
    .minima = origin_minimum,
    .nminima = ARRAY_LEN(origin_minimum),
};

/* ------------------------------------------------------------------------ */
/* ackley                                                                    */
/* ------------------------------------------------------------------------ */

/* L = g(s) + k(x, y) + e + 20 with the cone g(s) = −20 exp(−0.2 s),
 * s = √(½(x² + y²)), and the ripples k = −exp(½(cos 2πx + cos 2πy)). */
static double ackley_value(const Landscape *ls, double x, double y)
{
    (void)ls;
    double s = sqrt(0.5 * (x * x + y * y));
    return -20.0 * exp(-0.2 * s) - exp(0.5 * (cos(TWO_PI * x) + cos(TWO_PI * y))) + E + 20.0;
}

/* The cone g(s) has no derivative at the origin.  There the gradient is 0
 * (docs/CLI.md §3.2; the mean of the one-sided slopes along any line), and the
 * Hessian's cone part is g''(0) ∇s ∇sᵀ restricted to that line, which is
 * −0.4 in every direction: −0.4 I matches every one-sided second
 * derivative along lines through the origin and keeps the Hessian finite
 * (elsewhere its g'(s) ∇²s term grows like 1/s). */
static void ackley_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    d->value = ackley_value(ls, x, y);

    double cx = cos(TWO_PI * x), cy = cos(TWO_PI * y);
    double sx = sin(TWO_PI * x), sy = sin(TWO_PI * y);
    double k = -exp(0.5 * (cx + cy));
    /* k = −exp(h), h = ½(cos 2πx + cos 2πy): ∇k = k ∇h, ∇²k = k (∇h∇hᵀ + ∇²h). */
    double hx = -PI * sx, hy = -PI * sy;
    double hxx = -2.0 * PI * PI * cx, hyy = -2.0 * PI * PI * cy;
    d->grad[0] = k * hx;
    d->grad[1] = k * hy;
    d->hess[0] = k * (hx * hx + hxx);
    d->hess[1] = k * hx * hy;
    d->hess[2] = k * (hy * hy + hyy);

    double s = sqrt(0.5 * (x * x + y * y));
    double e = exp(-0.2 * s);
    double g1 = 4.0 * e, g2 = -0.8 * e; /* g'(s), g''(s) */
    if (s == 0.0) {
        d->hess[0] += 0.5 * g2;
        d->hess[2] += 0.5 * g2;
        return;
    }
    /* ∇s = (x, y) / (2s), ∇²s = I / (2s) − (x, y)(x, y)ᵀ / (4s³). */
    double sxg = x / (2.0 * s), syg = y / (2.0 * s);
    double inv4s3 = 1.0 / (4.0 * s * s * s);
    d->grad[0] += g1 * sxg;
    d->grad[1] += g1 * syg;
    d->hess[0] += g2 * sxg * sxg + g1 * (1.0 / (2.0 * s) - x * x * inv4s3);
    d->hess[1] += g2 * sxg * syg - g1 * x * y * inv4s3;
    d->hess[2] += g2 * syg * syg + g1 * (1.0 / (2.0 * s) - y * y * inv4s3);
}

VALUE_GRAD_FROM_EVAL(ackley)

const LandscapeKind landscape_ackley = {
    .value = ackley_value,
    .value_grad = ackley_value_grad,
    .eval = ackley_eval,
    .view = {-5.0, 5.0, -5.0, 5.0},
    .start = {-3.2, 2.6},
    .minima = origin_minimum,
    .nminima = ARRAY_LEN(origin_minimum),
};

/* ------------------------------------------------------------------------ */
/* booth                                                                     */
/* ------------------------------------------------------------------------ */

static double booth_value(const Landscape *ls, double x, double y)
{
    (void)ls;
    double a = x + 2.0 * y - 7.0, b = 2.0 * x + y - 5.0;
    return a * a + b * b;
}

static void booth_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    (void)ls;
    double a = x + 2.0 * y - 7.0, b = 2.0 * x + y - 5.0;
    d->value = a * a + b * b;
    d->grad[0] = 2.0 * a + 4.0 * b;
    d->grad[1] = 4.0 * a + 2.0 * b;
    d->hess[0] = 10.0;
    d->hess[1] = 8.0;
    d->hess[2] = 10.0;
}

static const LandscapePoint booth_minima[] = {{1.0, 3.0}};

VALUE_GRAD_FROM_EVAL(booth)

const LandscapeKind landscape_booth = {
    .value = booth_value,
    .value_grad = booth_value_grad,
    .eval = booth_eval,
    .view = {-10.0, 10.0, -10.0, 10.0},
    .start = {-8.0, -6.0},
    .minima = booth_minima,
    .nminima = ARRAY_LEN(booth_minima),
};

/* ------------------------------------------------------------------------ */
/* matyas                                                                    */
/* ------------------------------------------------------------------------ */

static double matyas_value(const Landscape *ls, double x, double y)
{
    (void)ls;
    return 0.26 * (x * x + y * y) - 0.48 * x * y;
}

static void matyas_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    d->value = matyas_value(ls, x, y);
    d->grad[0] = 0.52 * x - 0.48 * y;
    d->grad[1] = 0.52 * y - 0.48 * x;
    d->hess[0] = 0.52;
    d->hess[1] = -0.48;
    d->hess[2] = 0.52;
}

VALUE_GRAD_FROM_EVAL(matyas)

const LandscapeKind landscape_matyas = {
    .value = matyas_value,
    .value_grad = matyas_value_grad,
    .eval = matyas_eval,
    .view = {-10.0, 10.0, -10.0, 10.0},
    .start = {6.0, 9.0}, /* mostly along the shallow diagonal (eigenvalue 0.04) */
    .minima = origin_minimum,
    .nminima = ARRAY_LEN(origin_minimum),
};

/* ------------------------------------------------------------------------ */
/* three_hump_camel                                                          */
/* ------------------------------------------------------------------------ */

static double three_hump_camel_value(const Landscape *ls, double x, double y)
{
    (void)ls;
    double x2 = x * x;
    return 2.0 * x2 - 1.05 * x2 * x2 + x2 * x2 * x2 / 6.0 + x * y + y * y;
}

static void three_hump_camel_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    double x2 = x * x;
    d->value = three_hump_camel_value(ls, x, y);
    d->grad[0] = 4.0 * x - 4.2 * x2 * x + x2 * x2 * x + y;
    d->grad[1] = x + 2.0 * y;
    d->hess[0] = 4.0 - 12.6 * x2 + 5.0 * x2 * x2;
    d->hess[1] = 1.0;
    d->hess[2] = 2.0;
}

/* ∇L = 0 gives y = −x/2 and x (x⁴ − 4.2x² + 3.5) = 0; the side humps'
 * minima are at x² = 2.1 + √0.91 (2.1 − √0.91 gives saddles). */
static bool three_hump_camel_setup(Landscape *ls, const Spec *spec, const ParamValue *p,
                                   DescentError *err)
{
    (void)spec;
    (void)p;
    (void)err;
    double xm = sqrt(2.1 + sqrt(0.91));
    ls->minima[ls->nminima++] = (LandscapePoint){0.0, 0.0};
    ls->minima[ls->nminima++] = (LandscapePoint){xm, -0.5 * xm};
    ls->minima[ls->nminima++] = (LandscapePoint){-xm, 0.5 * xm};
    return true;
}

VALUE_GRAD_FROM_EVAL(three_hump_camel)

const LandscapeKind landscape_three_hump_camel = {
    .setup = three_hump_camel_setup,
    .value = three_hump_camel_value,
    .value_grad = three_hump_camel_value_grad,
    .eval = three_hump_camel_eval,
    .view = {-3.0, 3.0, -3.0, 3.0},
    .start = {-2.5, 2.0},
};

/* ------------------------------------------------------------------------ */
/* styblinski_tang                                                           */
/* ------------------------------------------------------------------------ */

static double styblinski_tang_value(const Landscape *ls, double x, double y)
{
    (void)ls;
    double x2 = x * x, y2 = y * y;
    return 0.5 * (x2 * x2 - 16.0 * x2 + 5.0 * x + y2 * y2 - 16.0 * y2 + 5.0 * y);
}

static void styblinski_tang_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    double x2 = x * x, y2 = y * y;
    d->value = styblinski_tang_value(ls, x, y);
    d->grad[0] = 2.0 * x2 * x - 16.0 * x + 2.5;
    d->grad[1] = 2.0 * y2 * y - 16.0 * y + 2.5;
    d->hess[0] = 6.0 * x2 - 16.0;
    d->hess[1] = 0.0;
    d->hess[2] = 6.0 * y2 - 16.0;
}

/* Each coordinate has minima at the roots −2.9035… and 2.7468… of
 * 2t³ − 16t + 2.5, polished from six digits at creation. */
static bool styblinski_tang_setup(Landscape *ls, const Spec *spec, const ParamValue *p,
                                  DescentError *err)
{
    (void)spec;
    (void)p;
    (void)err;
    static const LandscapePoint guesses[] = {
        {-2.903534, -2.903534}, {-2.903534, 2.746803}, {2.746803, -2.903534}, {2.746803, 2.746803}};
    landscape_polish_minima(ls, guesses, ARRAY_LEN(guesses));
    return true;
}

VALUE_GRAD_FROM_EVAL(styblinski_tang)

const LandscapeKind landscape_styblinski_tang = {
    .setup = styblinski_tang_setup,
    .value = styblinski_tang_value,
    .value_grad = styblinski_tang_value_grad,
    .eval = styblinski_tang_eval,
    .view = {-5.0, 5.0, -5.0, 5.0},
    .start = {0.3, -0.3}, /* beside the central maximum */
};

/* ------------------------------------------------------------------------ */
/* saddle, monkey_saddle                                                     */
/* ------------------------------------------------------------------------ */

static double saddle_value(const Landscape *ls, double x, double y)
{
    (void)ls;
    return x * x - y * y;
}

static void saddle_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    d->value = saddle_value(ls, x, y);
    d->grad[0] = 2.0 * x;
    d->grad[1] = -2.0 * y;
    d->hess[0] = 2.0;
    d->hess[1] = 0.0;
    d->hess[2] = -2.0;
}

VALUE_GRAD_FROM_EVAL(saddle)

const LandscapeKind landscape_saddle = {
    .value = saddle_value,
    .value_grad = saddle_value_grad,
    .eval = saddle_eval,
    .view = {-2.0, 2.0, -2.0, 2.0},
    .start = {-1.8, 0.01}, /* just off the stable axis: GD stalls, then escapes */
};

static double monkey_saddle_value(const Landscape *ls, double x, double y)
{
    (void)ls;
    return x * x * x - 3.0 * x * y * y;
}

static void monkey_saddle_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    d->value = monkey_saddle_value(ls, x, y);
    d->grad[0] = 3.0 * x * x - 3.0 * y * y;
    d->grad[1] = -6.0 * x * y;
    d->hess[0] = 6.0 * x;
    d->hess[1] = -6.0 * y;
    d->hess[2] = -6.0 * x;
}

VALUE_GRAD_FROM_EVAL(monkey_saddle)

const LandscapeKind landscape_monkey_saddle = {
    .value = monkey_saddle_value,
    .value_grad = monkey_saddle_value_grad,
    .eval = monkey_saddle_eval,
    .view = {-2.0, 2.0, -2.0, 2.0},
    .start = {1.5, 0.1}, /* the flat (degenerate) saddle slows GD to a crawl */
};

/* ------------------------------------------------------------------------ */
/* double_well                                                               */
/* ------------------------------------------------------------------------ */

/* h (x² − 1)² + c y²: minima (±1, 0) with Hessian diag(8h, 2c), a saddle at
 * the origin with Hessian diag(−4h, 2c), barrier h between them: the
 * landscape of the kramers experiment (core/experiment.h). */
const ParamDef landscape_double_well_params[2] = {
    {"h", PARAM_NUMBER, 1.0, 0.0, 1e4, NULL, "barrier height between the wells at x = -1, 1"},
    {"c", PARAM_NUMBER, 1.0, 0.0, 1e4, NULL, "curvature across the wells (the y direction) / 2"},
};

static bool double_well_setup(Landscape *ls, const Spec *spec, const ParamValue *p,
                              DescentError *err)
{
    (void)spec;
    (void)err;
    ls->u.double_well.h = p[0].number;
    ls->u.double_well.c = p[1].number;
    if (p[0].number > 0.0 && p[1].number > 0.0) { /* else the minima are not strict */
        ls->minima[ls->nminima++] = (LandscapePoint){-1.0, 0.0};
        ls->minima[ls->nminima++] = (LandscapePoint){1.0, 0.0};
    }
    return true;
}

static double double_well_value(const Landscape *ls, double x, double y)
{
    double s = x * x - 1.0;
    return ls->u.double_well.h * s * s + ls->u.double_well.c * y * y;
}

/* Written out rather than derived from eval: the kramers experiment takes
 * billions of these steps. */
static double double_well_value_grad(const Landscape *ls, double x, double y, double grad[2])
{
    double h = ls->u.double_well.h, c = ls->u.double_well.c;
    double s = x * x - 1.0;
    landscape_double_well_grad(h, c, x, y, grad);
    return h * s * s + c * y * y;
}

static void double_well_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    double h = ls->u.double_well.h, c = ls->u.double_well.c;
    d->value = double_well_value_grad(ls, x, y, d->grad);
    d->hess[0] = h * (12.0 * x * x - 4.0);
    d->hess[1] = 0.0;
    d->hess[2] = 2.0 * c;
}

const LandscapeKind landscape_double_well = {
    .setup = double_well_setup,
    .value = double_well_value,
    .value_grad = double_well_value_grad,
    .eval = double_well_eval,
    .view = {-2.0, 2.0, -1.5, 1.5},
    .start = {-1.0, 0.0}, /* in the left well: noise must carry it over the barrier */
};

/* ------------------------------------------------------------------------ */
/* uv                                                                        */
/* ------------------------------------------------------------------------ */

/* ½ (u v − y)² with (u, v) = (x, y): the smallest two-layer linear network
 * f = u·v fitted to one target y.  Its minima form the hyperbola u v = y
 * (the axes when y = 0), where the Hessian's nonzero eigenvalue is
 * u² + v²: the flattest point is u = v.  None is strict, so it lists none. */
const ParamDef landscape_uv_params[1] = {
    {"y", PARAM_NUMBER, 1.0, -1e4, 1e4, NULL, "the target of f = u v"},
};

static bool uv_setup(Landscape *ls, const Spec *spec, const ParamValue *p, DescentError *err)
{
    (void)spec;
    (void)err;
    ls->u.uv.target = p[0].number;
    return true;
}

static double uv_value(const Landscape *ls, double x, double y)
{
    double r = x * y - ls->u.uv.target;
    return 0.5 * r * r;
}

static void uv_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    double r = x * y - ls->u.uv.target;
    d->value = 0.5 * r * r;
    d->grad[0] = r * y;
    d->grad[1] = r * x;
    d->hess[0] = y * y;
    d->hess[1] = 2.0 * x * y - ls->u.uv.target; /* r + u v */
    d->hess[2] = x * x;
}

VALUE_GRAD_FROM_EVAL(uv)

/* f = u v: ∇f = (v, u). */
static void uv_output_grad(const Landscape *ls, double x, double y, size_t label, double grad[2])
{
    (void)ls;
    (void)label;
    grad[0] = y;
    grad[1] = x;
}

const LandscapeKind landscape_uv = {
    .setup = uv_setup,
    .value = uv_value,
    .value_grad = uv_value_grad,
    .eval = uv_eval,
    .output_grad = uv_output_grad,
    .view = {-2.5, 2.5, -2.5, 2.5},
    .start = {2.0, 0.1}, /* unbalanced: GD ends on the hyperbola far from u = v */
};

/* ------------------------------------------------------------------------ */
/* parabolic_wells                                                           */
/* ------------------------------------------------------------------------ */

/*
 * A sharp well and a flat well of equal depth, each a parabola, joined by
 * an upside-down parabola over the barrier: q(x) + c y² with
 *   q = ½ sharp (x − ms)²  for x < js      (the sharp well, on the left)
 *   q = h − ½ cap x²       for js ≤ x ≤ jf (the cap, saddle at x = 0)
 *   q = ½ flat (x − mf)²   for x > jf      (the flat well, on the right).
 * The pieces meet with equal value and slope: for a well of curvature k,
 * k (j − m) = −cap j and ½ k (j − m)² = h − ½ cap j² give
 *   j² = 2 h k / (cap (k + cap)),  m = j (1 + cap / k),
 * and the barrier's share inside the well's parabola is cap/(k + cap).
 * So the curvature is exactly sharp, −cap or flat on each piece: the
 * landscape on which the escape laws of core/experiment.h's sharp_escape
 * (Eyring–Kramers, and Xie, Sato & Sugiyama 2021 for noise shaped like the
 * Hessian, whose exponent adds up barrier over curvature piece by piece)
 * hold without approximating the curvature.  Both minima are at q = 0.
 */
const ParamDef landscape_parabolic_wells_params[5] = {
    {"h", PARAM_NUMBER, 1.0, 1e-3, 1e4, NULL, "barrier height over both wells"},
    {"sharp", PARAM_NUMBER, 4.0, 1e-3, 1e4, NULL, "curvature of the left (sharp) well"},
    {"flat", PARAM_NUMBER, 2.0, 1e-3, 1e4, NULL, "curvature of the right (flat) well"},
    {"cap", PARAM_NUMBER, 4.0, 1e-3, 1e4, NULL, "|curvature| of the cap over the barrier"},
    {"c", PARAM_NUMBER, 1.0, 0.0, 1e4, NULL, "curvature across the wells (the y direction) / 2"},
};

/* Where the well of curvature k meets the cap (on the side sign), and its
 * minimum. */
static void parabolic_junction(double h, double k, double cap, double sign, double *j, double *m)
{
    *j = sign * sqrt(2.0 * h * k / (cap * (k + cap)));
    *m = *j * (1.0 + cap / k);
}

static bool parabolic_wells_setup(Landscape *ls, const Spec *spec, const ParamValue *p,
                                  DescentError *err)
{
    (void)spec;
    (void)err;
    ParabolicWells *w = &ls->u.parabolic_wells;
    w->h = p[0].number;
    w->sharp = p[1].number;
    w->flat = p[2].number;
    w->cap = p[3].number;
    w->c = p[4].number;
    parabolic_junction(w->h, w->sharp, w->cap, -1.0, &w->join_sharp, &w->min_sharp);
    parabolic_junction(w->h, w->flat, w->cap, 1.0, &w->join_flat, &w->min_flat);
    if (w->c > 0.0) { /* else the minima are not strict */
        ls->minima[ls->nminima++] = (LandscapePoint){w->min_sharp, 0.0};
        ls->minima[ls->nminima++] = (LandscapePoint){w->min_flat, 0.0};
    }
    double half_height = 0.375 * (w->min_flat - w->min_sharp + 2.0);
    ls->view = (ViewRect){w->min_sharp - 1.0, w->min_flat + 1.0, -half_height, half_height};
    ls->start = (LandscapePoint){w->min_sharp, 0.0};
    return true;
}

/* q(x), q'(x) and q''(x). */
static double parabolic_profile(const ParabolicWells *w, double x, double *slope, double *curv)
{
    double k = -w->cap, m = 0.0, base = w->h;
    if (x < w->join_sharp) {
        k = w->sharp;
        m = w->min_sharp;
        base = 0.0;
    } else if (x > w->join_flat) {
        k = w->flat;
        m = w->min_flat;
        base = 0.0;
    }
    *slope = k * (x - m);
    *curv = k;
    return base + 0.5 * k * (x - m) * (x - m);
}

static double parabolic_wells_value_grad(const Landscape *ls, double x, double y, double grad[2])
{
    const ParabolicWells *w = &ls->u.parabolic_wells;
    double curv;
    double q = parabolic_profile(w, x, &grad[0], &curv);
    grad[1] = 2.0 * w->c * y;
    return q + w->c * y * y;
}

static double parabolic_wells_value(const Landscape *ls, double x, double y)
{
    double grad[2];
    return parabolic_wells_value_grad(ls, x, y, grad);
}

static void parabolic_wells_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    const ParabolicWells *w = &ls->u.parabolic_wells;
    d->value = parabolic_wells_value_grad(ls, x, y, d->grad);
    double slope;
    parabolic_profile(w, x, &slope, &d->hess[0]);
    d->hess[1] = 0.0;
    d->hess[2] = 2.0 * w->c;
}

const LandscapeKind landscape_parabolic_wells = {
    .setup = parabolic_wells_setup,
    .value = parabolic_wells_value,
    .value_grad = parabolic_wells_value_grad,
    .eval = parabolic_wells_eval,
};

/* ------------------------------------------------------------------------ */
/* sharp_flat                                                                */
/* ------------------------------------------------------------------------ */

/*
 * Defaults: a sharp well (width 0.1) at (−1.2, 0.6) and a flat well (width
 * 0.8) at (1.2, −0.6), both of depth 1, on the bowl 0.05 |θ|² over base 1.
 * The wells sit symmetrically about the origin, so the bowl lifts both
 * alike, and the minima end up equally deep (L = 0.0863 sharp, 0.0846 flat:
 * the flat one, drawn towards the origin by the bowl, is 0.002 deeper),
 * 2.1 flat widths apart, each clearly separate in the view [−2.5, 2.5] ×
 * [−2, 2], with a ridge of L = 0.755 between them.  The curvature at the
 * bottom is about depth / width² + 2 bowl: λmax = 100.1 in the sharp well
 * and 1.65 in the flat one, so GD with 2/100 < lr < 2/1.65 cannot stay in
 * the sharp well but settles in the flat one, and the sharp basin's tiny
 * area lets gradient noise throw particles out of it.  L > 0 everywhere.
 */
enum { SF_SHARP_WIDTH, SF_FLAT_WIDTH, SF_SHARP_DEPTH, SF_FLAT_DEPTH, SF_SHARP_X, SF_SHARP_Y,
       SF_FLAT_X, SF_FLAT_Y, SF_BOWL, SF_BASE };

const ParamDef landscape_sharp_flat_params[10] = {
    [SF_SHARP_WIDTH] = {"sharp_width", PARAM_NUMBER, 0.1, 0.01, 10.0, NULL,
                        "width (std. dev.) of the sharp well; curvature ~ depth/width^2 = 100"},
    [SF_FLAT_WIDTH] = {"flat_width", PARAM_NUMBER, 0.8, 0.01, 10.0, NULL,
                       "width (std. dev.) of the flat well; curvature ~ depth/width^2 = 1.6"},
    [SF_SHARP_DEPTH] = {"sharp_depth", PARAM_NUMBER, 1.0, 0.0, 100.0, NULL,
                        "depth of the sharp well (equal to the flat one by default)"},
    [SF_FLAT_DEPTH] = {"flat_depth", PARAM_NUMBER, 1.0, 0.0, 100.0, NULL,
                       "depth of the flat well"},
    [SF_SHARP_X] = {"sharp_x", PARAM_NUMBER, -1.2, -100.0, 100.0, NULL, "x of the sharp well"},
    [SF_SHARP_Y] = {"sharp_y", PARAM_NUMBER, 0.6, -100.0, 100.0, NULL, "y of the sharp well"},
    [SF_FLAT_X] = {"flat_x", PARAM_NUMBER, 1.2, -100.0, 100.0, NULL, "x of the flat well"},
    [SF_FLAT_Y] = {"flat_y", PARAM_NUMBER, -0.6, -100.0, 100.0, NULL, "y of the flat well"},
    [SF_BOWL] = {"bowl", PARAM_NUMBER, 0.05, 0.0, 100.0, NULL,
                 "gentle confinement bowl * (x^2 + y^2) that keeps escaped walkers near"},
    [SF_BASE] = {"base", PARAM_NUMBER, 1.0, -1e6, 1e6, NULL, "level of the plateau between the wells, before the bowl"},
};

static bool sharp_flat_setup(Landscape *ls, const Spec *spec, const ParamValue *p,
                             DescentError *err)
{
    (void)spec;
    (void)err;
    SharpFlat *sf = &ls->u.sharp_flat;
    sf->base = p[SF_BASE].number;
    sf->bowl = p[SF_BOWL].number;
    const double width[2] = {p[SF_SHARP_WIDTH].number, p[SF_FLAT_WIDTH].number};
    sf->depth[0] = p[SF_SHARP_DEPTH].number;
    sf->depth[1] = p[SF_FLAT_DEPTH].number;
    sf->cx[0] = p[SF_SHARP_X].number;
    sf->cy[0] = p[SF_SHARP_Y].number;
    sf->cx[1] = p[SF_FLAT_X].number;
    sf->cy[1] = p[SF_FLAT_Y].number;
    for (int k = 0; k < 2; k++) {
        sf->inv_w2[k] = 1.0 / (width[k] * width[k]);
        /* The view grows to hold each well's steep part (1.5 widths). */
        ls->view.xmin = fmin(ls->view.xmin, sf->cx[k] - 1.5 * width[k]);
        ls->view.xmax = fmax(ls->view.xmax, sf->cx[k] + 1.5 * width[k]);
        ls->view.ymin = fmin(ls->view.ymin, sf->cy[k] - 1.5 * width[k]);
        ls->view.ymax = fmax(ls->view.ymax, sf->cy[k] + 1.5 * width[k]);
    }
    /* Just outside the sharp well, on the side facing the flat one. */
    ls->start = (LandscapePoint){sf->cx[0] + 0.2, sf->cy[0] - 0.2};
    const LandscapePoint centres[2] = {{sf->cx[0], sf->cy[0]}, {sf->cx[1], sf->cy[1]}};
    landscape_polish_minima(ls, centres, 2);
    return true;
}

static double sharp_flat_value(const Landscape *ls, double x, double y)
{
    const SharpFlat *sf = &ls->u.sharp_flat;
    double v = sf->base + sf->bowl * (x * x + y * y);
    for (int k = 0; k < 2; k++) {
        double rx = x - sf->cx[k], ry = y - sf->cy[k];
        v -= sf->depth[k] * exp(-0.5 * (rx * rx + ry * ry) * sf->inv_w2[k]);
    }
    return v;
}

/* For −D G with G = exp(−½ q |r|²), r = θ − c, q = 1/w²:
 * ∇ = D G q r and ∇² = D G q (I − q r rᵀ). */
static void sharp_flat_eval(const Landscape *ls, double x, double y, LandscapeEval *d)
{
    const SharpFlat *sf = &ls->u.sharp_flat;
    d->value = sharp_flat_value(ls, x, y);
    d->grad[0] = 2.0 * sf->bowl * x;
    d->grad[1] = 2.0 * sf->bowl * y;
    d->hess[0] = 2.0 * sf->bowl;
    d->hess[1] = 0.0;
    d->hess[2] = 2.0 * sf->bowl;
    for (int k = 0; k < 2; k++) {
        double rx = x - sf->cx[k], ry = y - sf->cy[k], q = sf->inv_w2[k];
        double dgq = sf->depth[k] * exp(-0.5 * (rx * rx + ry * ry) * q) * q;
        d->grad[0] += dgq * rx;
        d->grad[1] += dgq * ry;
        d->hess[0] += dgq * (1.0 - q * rx * rx);
        d->hess[1] -= dgq * q * rx * ry;
        d->hess[2] += dgq * (1.0 - q * ry * ry);
    }
}

VALUE_GRAD_FROM_EVAL(sharp_flat)

const LandscapeKind landscape_sharp_flat = {
    .setup = sharp_flat_setup,
    .value = sharp_flat_value,
    .value_grad = sharp_flat_value_grad,
    .eval = sharp_flat_eval,
    .view = {-2.5, 2.5, -2.0, 2.0},
};
