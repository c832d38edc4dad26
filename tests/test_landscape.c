/* test_landscape.c — every landscape kind: values against the
 * formulas (docs/CLI.md §3.2) written out again here, gradients and Hessians against central
 * differences, minima, views, data landscapes and spec errors. */
#include "testing.h"

#include <float.h>

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "core/landscape.h"
#include "core/linalg2.h"
#include "core/rng.h"

#define PI 3.14159265358979323846
#define E_CONST 2.71828182845904523536

static Landscape *create_ok(const char *spec)
{
    DescentError err = {{0}};
    Landscape *l = landscape_create(spec, &err);
    if (!l)
        fail_msg("landscape_create(\"%s\") failed: %s", spec, err.message);
    return l;
}

static void assert_error_contains(const char *spec, const char *part)
{
    DescentError err = {{0}};
    Landscape *l = landscape_create(spec, &err);
    if (l) {
        landscape_destroy(l);
        fail_msg("landscape_create(\"%s\") should fail", spec);
    }
    if (!strstr(err.message, part))
        fail_msg("error for '%s' is '%s', which lacks '%s'", spec, err.message, part);
}

/* ------------------------------------------------------------------------ */
/* Derivatives against central differences, for every kind                   */
/* ------------------------------------------------------------------------ */

/* Several parameterisations of every kind (docs/CLI.md §3.2). */
static const char *const all_specs[] = {
    "quadratic",
    "quadratic:l1=1,l2=50,angle=30",
    "quadratic:l1=-2,l2=3,angle=-75",
    "rosenbrock",
    "rosenbrock:a=-0.5,b=10",
    "beale",
    "himmelblau",
    "rastrigin",
    "ackley",
    "booth",
    "matyas",
    "three_hump_camel",
    "styblinski_tang",
    "saddle",
    "monkey_saddle",
    "double_well",
    "double_well:h=2.5,c=0.3",
    "uv",
    "uv:y=0",
    "uv:y=-1.7",
    "parabolic_wells",
    "parabolic_wells:h=0.5,sharp=20,flat=0.5,cap=3,c=0.2",
    "sharp_flat",
    "sharp_flat:sharp_width=0.35,bowl=0.2",
    "sharp_flat:sharp_x=0.5,sharp_y=1,flat_depth=2,flat_width=1.2,base=0",
    "linreg",
    "linreg:n=1",
    "linreg:n=200,rho=0.9,noise=0,seed=7",
    "logreg",
    "logreg:n=300,separable=1,margin=0.2",
    "logreg:l2=0.1,noise=0.2,rho=-0.5,seed=3",
    "expr:x^2+3*y^2",
    "expr:sin(x)*cosh(y/2) + exp(x*y/4) - log(2+x^2) + sqrt(1+y^2)",
    "expr:tanh(x-y)^3/(1+x^2) + (2+sin(x))^(y/2) - abs(y)*sinh(x/3) + tan(x/4)/e",
};
#define NSPECS (sizeof all_specs / sizeof all_specs[0])

/* Central differences with step h have truncation error h²|f'''|/6 and
 * rounding error about ε|f|/h.  With h = 1e-5 and third derivatives up to
 * ~1e3 (the sharp well, rastrigin's ripples) the first is below 2e-8 and
 * the second below 1e-10 |f|, so 1e-6 (1 + |exact|) + 1e-10 |f| separates
 * a right formula from a wrong one (which is off by O(1) relative). */
#define FD_STEP 1e-5

static double fd_tolerance(double exact, double scale)
{
    return 1e-6 * (1.0 + fabs(exact)) + 1e-10 * fabs(scale);
}

static void check_derivatives_at(const Landscape *l, const char *spec, double x, double y)
{
    const double h = FD_STEP;
    LandscapeEval e, px, mx, py, my;
    landscape_eval(l, x, y, &e);
    landscape_eval(l, x + h, y, &px);
    landscape_eval(l, x - h, y, &mx);
    landscape_eval(l, x, y + h, &py);
    landscape_eval(l, x, y - h, &my);

    double fd_grad[2] = {(px.value - mx.value) / (2 * h), (py.value - my.value) / (2 * h)};
    for (int k = 0; k < 2; k++)
        assert_close_where(e.grad[k], fd_grad[k], fd_tolerance(e.grad[k], e.value),
                           "%s at (%.6g, %.6g), grad[%d] against the central difference", spec,
                           x, y, k);

    double gscale = fabs(e.grad[0]) + fabs(e.grad[1]) + fabs(e.value);
    double fd_hess[4] = {
        (px.grad[0] - mx.grad[0]) / (2 * h), /* xx */
        (py.grad[0] - my.grad[0]) / (2 * h), /* xy from d(gx)/dy */
        (px.grad[1] - mx.grad[1]) / (2 * h), /* xy from d(gy)/dx */
        (py.grad[1] - my.grad[1]) / (2 * h), /* yy */
    };
    const double exact[4] = {e.hess[0], e.hess[1], e.hess[1], e.hess[2]};
    for (int k = 0; k < 4; k++)
        assert_close_where(exact[k], fd_hess[k], fd_tolerance(exact[k], gscale),
                           "%s at (%.6g, %.6g), hessian entry %d against the central difference",
                           spec, x, y, k);
}

/* The three entry points agree: value == eval().value == value_grad's, and
 * value_grad's gradient is eval's.  Bit for bit, except logreg, whose value
 * path sums in two interleaved accumulators (rounding only: 1e-13). */
static void check_paths_agree(const Landscape *l, const char *spec, double x, double y)
{
    LandscapeEval e;
    landscape_eval(l, x, y, &e);
    double v = landscape_value(l, x, y), g[2];
    double vg = landscape_value_grad(l, x, y, g);
    double tol = strcmp(landscape_name(l), "logreg") == 0 ? 1e-13 * (1 + fabs(e.value)) : 0.0;
    if (!close_enough(v, e.value, tol) || vg != e.value || g[0] != e.grad[0] || g[1] != e.grad[1])
        fail_msg("%s at (%g, %g): value %.17g, eval %.17g, value_grad %.17g (%.17g, %.17g) vs "
                 "(%.17g, %.17g)", spec, x, y, v, e.value, vg, g[0], g[1], e.grad[0], e.grad[1]);
}

static void derivatives_match_central_differences(void **state)
{
    (void)state;
    for (size_t s = 0; s < NSPECS; s++) {
        Landscape *l = create_ok(all_specs[s]);
        ViewRect v = landscape_default_view(l);
        Rng rng;
        rng_seed(&rng, 1000 + s);
        for (int i = 0; i < 50; i++) {
            double x = v.xmin + (v.xmax - v.xmin) * rng_uniform(&rng);
            double y = v.ymin + (v.ymax - v.ymin) * rng_uniform(&rng);
            if (strncmp(all_specs[s], "expr:tanh", 9) == 0)
                x = fmin(x, 3.0); /* keep tan(x/4) away from its pole */
            check_derivatives_at(l, all_specs[s], x, y);
            check_paths_agree(l, all_specs[s], x, y);
        }
        landscape_destroy(l);
    }
}

/* ------------------------------------------------------------------------ */
/* Values against the formulas, written independently                      */
/* ------------------------------------------------------------------------ */

static double sq(double v)
{
    return v * v;
}

static double spec_formula(const char *name, double x, double y)
{
    if (!strcmp(name, "quadratic")) { /* l1 = 1, l2 = 10, angle = 0 */
        return 0.5 * (x * x + 10 * y * y);
    } else if (!strcmp(name, "rosenbrock")) {
        return sq(1 - x) + 100 * sq(y - x * x);
    } else if (!strcmp(name, "beale")) {
        return sq(1.5 - x + x * y) + sq(2.25 - x + x * y * y) + sq(2.625 - x + x * y * y * y);
    } else if (!strcmp(name, "himmelblau")) {
        return sq(x * x + y - 11) + sq(x + y * y - 7);
    } else if (!strcmp(name, "rastrigin")) {
        return 20 + x * x - 10 * cos(2 * PI * x) + y * y - 10 * cos(2 * PI * y);
    } else if (!strcmp(name, "ackley")) {
        return -20 * exp(-0.2 * sqrt(0.5 * (x * x + y * y))) -
               exp(0.5 * (cos(2 * PI * x) + cos(2 * PI * y))) + E_CONST + 20;
    } else if (!strcmp(name, "booth")) {
        return sq(x + 2 * y - 7) + sq(2 * x + y - 5);
    } else if (!strcmp(name, "matyas")) {
        return 0.26 * (x * x + y * y) - 0.48 * x * y;
    } else if (!strcmp(name, "three_hump_camel")) {
        return 2 * x * x - 1.05 * pow(x, 4) + pow(x, 6) / 6 + x * y + y * y;
    } else if (!strcmp(name, "styblinski_tang")) {
        return 0.5 * (pow(x, 4) - 16 * x * x + 5 * x) + 0.5 * (pow(y, 4) - 16 * y * y + 5 * y);
    } else if (!strcmp(name, "saddle")) {
        return x * x - y * y;
    } else if (!strcmp(name, "monkey_saddle")) {
        return pow(x, 3) - 3 * x * y * y;
    } else if (!strcmp(name, "sharp_flat")) { /* the documented defaults */
        double gs = exp(-(sq(x + 1.2) + sq(y - 0.6)) / (2 * 0.1 * 0.1));
        double gf = exp(-(sq(x - 1.2) + sq(y + 0.6)) / (2 * 0.8 * 0.8));
        return 1 - gs - gf + 0.05 * (x * x + y * y);
    }
    fail_msg("no formula for %s", name);
    return (double)NAN;
}

static void values_follow_the_spec_formulas(void **state)
{
    (void)state;
    static const char *const names[] = {
        "quadratic", "rosenbrock", "beale", "himmelblau", "rastrigin", "ackley", "booth",
        "matyas", "three_hump_camel", "styblinski_tang", "saddle", "monkey_saddle", "sharp_flat",
    };
    static const double points[][2] = {
        {0.0, 0.0}, {1.0, 1.0}, {-1.3, 0.7}, {2.5, -1.75}, {-1.22, 0.58}, {1.13, -0.51},
    };
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
        Landscape *l = create_ok(names[n]);
        for (size_t p = 0; p < sizeof points / sizeof points[0]; p++) {
            double x = points[p][0], y = points[p][1];
            double expected = spec_formula(names[n], x, y);
            double got = landscape_value(l, x, y);
            assert_close_where(got, expected, 1e-12 * (1 + fabs(expected)),
                               "%s(%g, %g) against the formula", names[n], x, y);
        }
        landscape_destroy(l);
    }
}

static void quadratic_rotation_follows_the_spec(void **state)
{
    (void)state;
    Landscape *l = create_ok("quadratic:l1=2,l2=50,angle=30");
    double a = 30 * PI / 180;
    for (double x = -2; x <= 2; x += 0.8)
        for (double y = -2; y <= 2; y += 0.8) {
            double u = cos(a) * x + sin(a) * y, v = -sin(a) * x + cos(a) * y;
            assert_close(landscape_value(l, x, y), 0.5 * (2 * u * u + 50 * v * v), 1e-12);
        }
    /* The Hessian's eigenvalues are l1 and l2 everywhere. */
    LandscapeEval e;
    double eig[2];
    landscape_eval(l, 0.3, -0.2, &e);
    sym2_eigenvalues(e.hess[0], e.hess[1], e.hess[2], eig);
    assert_close(eig[0], 2.0, 1e-12);
    assert_close(eig[1], 50.0, 1e-12);
    landscape_destroy(l);
}

static void ackley_is_defined_at_its_kink(void **state)
{
    (void)state;
    Landscape *l = create_ok("ackley");
    LandscapeEval e;
    landscape_eval(l, 0.0, 0.0, &e);
    assert_close(e.value, 0.0, 1e-14);
    assert_true(e.grad[0] == 0.0 && e.grad[1] == 0.0);
    /* The one-sided second derivative along any line through the origin:
     * −0.4 from the cone plus 2π²e from the ripples. */
    double along = -0.4 + 2 * PI * PI * E_CONST;
    assert_close(e.hess[0], along, 1e-12);
    assert_close(e.hess[1], 0.0, 1e-12);
    assert_close(e.hess[2], along, 1e-12);
    for (double angle = 0.1; angle < 2 * PI; angle += 0.7) {
        double dx = cos(angle), dy = sin(angle), t = 1e-4;
        /* f(2t) − 2 f(t) + f(0) over t² is the one-sided second derivative. */
        double second = (landscape_value(l, 2 * t * dx, 2 * t * dy) -
                         2 * landscape_value(l, t * dx, t * dy) + landscape_value(l, 0, 0)) /
                        (t * t);
        assert_close(second, along, 1e-2 * along);
    }
    landscape_destroy(l);
}

/* ------------------------------------------------------------------------ */
/* Minima                                                                    */
/* ------------------------------------------------------------------------ */

static void every_minimum_is_a_strict_local_minimum(void **state)
{
    (void)state;
    for (size_t s = 0; s < NSPECS; s++) {
        Landscape *l = create_ok(all_specs[s]);
        LandscapePoint m[LANDSCAPE_MAX_MINIMA];
        size_t n = landscape_minima(l, m, LANDSCAPE_MAX_MINIMA);
        for (size_t i = 0; i < n; i++) {
            LandscapeEval e;
            landscape_eval(l, m[i].x, m[i].y, &e);
            double scale = 1 + fabs(e.hess[0]) + fabs(e.hess[2]);
            if (!(hypot(e.grad[0], e.grad[1]) <= 1e-9 * scale))
                fail_msg("%s minimum %zu at (%.17g, %.17g) has gradient (%g, %g)", all_specs[s],
                         i, m[i].x, m[i].y, e.grad[0], e.grad[1]);
            double eig[2];
            sym2_eigenvalues(e.hess[0], e.hess[1], e.hess[2], eig);
            /* linreg:n=1 has a line of minima: only semi-definite there. */
            bool line = strcmp(all_specs[s], "linreg:n=1") == 0;
            if (!(line ? eig[0] >= -1e-12 * eig[1] : eig[0] > 0))
                fail_msg("%s minimum %zu: Hessian eigenvalues %g, %g", all_specs[s], i, eig[0],
                         eig[1]);
            if (i > 0 && landscape_value(l, m[i].x, m[i].y) < landscape_value(l, m[0].x, m[0].y))
                fail_msg("%s: minimum %zu lies below the first (global) one", all_specs[s], i);
        }
        landscape_destroy(l);
    }
}

static void assert_minimum(const LandscapePoint *m, double x, double y, double tol)
{
    assert_close(m->x, x, tol);
    assert_close(m->y, y, tol);
}

static void known_minima_are_exact(void **state)
{
    (void)state;
    LandscapePoint m[LANDSCAPE_MAX_MINIMA];
    Landscape *l;

    l = create_ok("rosenbrock:a=-0.5,b=10");
    assert_int_equal(landscape_minima(l, m, 16), 1);
    assert_minimum(&m[0], -0.5, 0.25, 0.0);
    landscape_destroy(l);

    l = create_ok("beale");
    assert_int_equal(landscape_minima(l, m, 16), 1);
    assert_minimum(&m[0], 3.0, 0.5, 0.0);
    landscape_destroy(l);

    /* Himmelblau's four, to the digits published for them; all at 0. */
    l = create_ok("himmelblau");
    assert_int_equal(landscape_minima(l, m, 16), 4);
    static const double himmelblau[4][2] = {
        {3.0, 2.0}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}};
    for (int k = 0; k < 4; k++) {
        bool found = false;
        for (int i = 0; i < 4; i++)
            found |= close_enough(m[i].x, himmelblau[k][0], 1e-6) &&
                     close_enough(m[i].y, himmelblau[k][1], 1e-6);
        assert_true(found);
        assert_close(landscape_value(l, m[k].x, m[k].y), 0.0, 1e-25);
    }
    landscape_destroy(l);

    l = create_ok("booth");
    assert_int_equal(landscape_minima(l, m, 16), 1);
    assert_minimum(&m[0], 1.0, 3.0, 0.0);
    landscape_destroy(l);

    /* three_hump_camel: the global one at 0 first, then the side humps. */
    l = create_ok("three_hump_camel");
    assert_int_equal(landscape_minima(l, m, 16), 3);
    assert_minimum(&m[0], 0.0, 0.0, 0.0);
    double xm = m[1].x; /* a root of x⁴ − 4.2x² + 3.5 near ±1.7476 */
    assert_close(fabs(xm), 1.7476, 1e-4);
    assert_close(xm * xm * xm * xm - 4.2 * xm * xm + 3.5, 0.0, 1e-13);
    assert_close(m[1].y, -0.5 * xm, 1e-15);
    landscape_destroy(l);

    /* styblinski_tang: global value -39.16617 per coordinate. */
    l = create_ok("styblinski_tang");
    assert_int_equal(landscape_minima(l, m, 16), 4);
    assert_minimum(&m[0], -2.903534, -2.903534, 1e-6);
    assert_close(landscape_value(l, m[0].x, m[0].y), 2 * -39.16616570377142, 1e-10);
    landscape_destroy(l);

    l = create_ok("rastrigin");
    assert_int_equal(landscape_minima(l, m, 16), 1);
    assert_close(landscape_value(l, m[0].x, m[0].y), 0.0, 0.0);
    landscape_destroy(l);

    /* double_well:h=2.5,c=0.3: (±1, 0), where 2.5 (x² − 1)² + 0.3 y² = 0;
     * Hessian diag(h (12x² − 4), 2c) = diag(20, 0.6) there and
     * diag(−10, 0.6) at the saddle (0, 0), barrier h = 2.5. */
    l = create_ok("double_well:h=2.5,c=0.3");
    assert_int_equal(landscape_minima(l, m, 16), 2);
    assert_minimum(&m[0], -1.0, 0.0, 0.0);
    assert_minimum(&m[1], 1.0, 0.0, 0.0);
    LandscapeEval at;
    landscape_eval(l, 1.0, 0.0, &at);
    assert_close(at.hess[0], 20.0, 1e-12);
    assert_close(at.hess[2], 0.6, 1e-15);
    landscape_eval(l, 0.0, 0.0, &at);
    assert_close(at.value, 2.5, 0.0);
    assert_close(at.hess[0], -10.0, 0.0);
    landscape_destroy(l);

    /* uv:y=2 at (u, v) = (√2, √2), the flattest point of the hyperbola
     * u v = 2: gradient 0, Hessian [[v², 2uv − y], [2uv − y, u²]] =
     * [[2, 2], [2, 2]], eigenvalues 0 and u² + v² = 4. */
    l = create_ok("uv:y=2");
    landscape_eval(l, sqrt(2.0), sqrt(2.0), &at);
    assert_close(at.value, 0.0, 1e-30);
    assert_close(at.hess[0], 2.0, 1e-15);
    assert_close(at.hess[1], 2.0, 1e-15);
    assert_close(at.hess[2], 2.0, 1e-15);
    landscape_destroy(l);

    static const char *const without[] = {"saddle", "monkey_saddle", "expr:x^2",
                                          "quadratic:l1=-1", "rosenbrock:b=0", "uv",
                                          "uv:y=0", "double_well:c=0"};
    for (size_t i = 0; i < sizeof without / sizeof without[0]; i++) {
        l = create_ok(without[i]);
        assert_int_equal(landscape_minima(l, m, 16), 0);
        landscape_destroy(l);
    }

    l = create_ok("himmelblau");
    assert_int_equal(landscape_minima(l, m, 2), 2); /* max is respected */
    landscape_destroy(l);
}

/* The sharp and flat wells of sharp_flat: their positions, equal depth and
 * the curvatures the lessons rely on (GD with lr = 0.05 is unstable in the
 * sharp well, 2/λ < 0.05, and stable in the flat one). */
static void sharp_flat_has_one_sharp_and_one_flat_well(void **state)
{
    (void)state;
    Landscape *l = create_ok("sharp_flat");
    LandscapePoint m[LANDSCAPE_MAX_MINIMA];
    assert_int_equal(landscape_minima(l, m, 16), 2);
    double lmax[2] = {0, 0}, depth[2] = {0, 0};
    for (int i = 0; i < 2; i++) {
        LandscapeEval e;
        double eig[2];
        landscape_eval(l, m[i].x, m[i].y, &e);
        sym2_eigenvalues(e.hess[0], e.hess[1], e.hess[2], eig);
        int which = m[i].x < 0 ? 0 : 1; /* sharp well on the left */
        lmax[which] = eig[1];
        depth[which] = e.value;
        print_message("sharp_flat %s minimum (%.12f, %.12f): L = %.12f, eigenvalues %.6f, %.6f\n",
                      which ? "flat" : "sharp", m[i].x, m[i].y, e.value, eig[0], eig[1]);
    }
    assert_minimum(&m[m[0].x < 0 ? 0 : 1], -1.2, 0.6, 2e-3);
    assert_minimum(&m[m[0].x < 0 ? 1 : 0], 1.2, -0.6, 0.1);
    assert_close(depth[0], depth[1], 0.005);
    assert_true(lmax[0] > 95 && lmax[0] < 105);
    assert_true(lmax[1] > 1.4 && lmax[1] < 1.8);
    assert_true(2 / lmax[0] < 0.05 && 2 / lmax[1] > 0.05);

    /* Both wells and the demo start lie inside the default view. */
    ViewRect v = landscape_default_view(l);
    LandscapePoint start = landscape_default_start(l);
    assert_true(v.xmin <= -2.0 && v.xmax >= 2.0 && v.ymin <= -1.5 && v.ymax >= 1.5);
    assert_true(start.x > v.xmin && start.x < v.xmax && start.y > v.ymin && start.y < v.ymax);
    landscape_destroy(l);

    /* A wider sharp well (the lesson's toggle) is still found. */
    l = create_ok("sharp_flat:sharp_width=0.35");
    assert_int_equal(landscape_minima(l, m, 16), 2);
    landscape_destroy(l);
}

/* ------------------------------------------------------------------------ */
/* Views, starts, the kind table                                             */
/* ------------------------------------------------------------------------ */

static void kinds_table_is_complete(void **state)
{
    (void)state;
    static const char *const spec_order[] = {
        "quadratic", "rosenbrock", "beale", "himmelblau", "rastrigin", "ackley",
        "booth", "matyas", "three_hump_camel", "styblinski_tang", "saddle", "monkey_saddle",
        "double_well", "uv", "parabolic_wells", "sharp_flat", "linreg", "logreg", "expr"};
    size_t count;
    const LandscapeInfo *kinds = landscape_kinds(&count);
    assert_int_equal(count, sizeof spec_order / sizeof spec_order[0]);
    for (size_t i = 0; i < count; i++) {
        assert_string_equal(kinds[i].name, spec_order[i]);
        assert_true(strlen(kinds[i].formula) > 0);
        for (size_t p = 0; p < kinds[i].nparams; p++) {
            const ParamDef *d = &kinds[i].params[p];
            assert_non_null(d->help);
            if (d->type == PARAM_NUMBER || d->type == PARAM_INTEGER)
                assert_true(d->def >= d->min && d->def <= d->max);
        }
        char spec[64];
        bool expression = strcmp(kinds[i].name, LANDSCAPE_EXPRESSION_KIND) == 0;
        snprintf(spec, sizeof spec, "%s%s", kinds[i].name, expression ? ": x*y" : "");
        Landscape *l = create_ok(spec);
        assert_string_equal(landscape_name(l), kinds[i].name);
        assert_string_equal(landscape_spec(l), spec);
        if (expression)
            assert_string_equal(landscape_expression(l), " x*y");
        else
            assert_null(landscape_expression(l));
        ViewRect v = landscape_default_view(l);
        LandscapePoint s = landscape_default_start(l);
        assert_true(v.xmin < v.xmax && v.ymin < v.ymax);
        assert_true(s.x >= v.xmin && s.x <= v.xmax && s.y >= v.ymin && s.y <= v.ymax);
        assert_true(isfinite(landscape_value(l, s.x, s.y)));
        LandscapePoint m[LANDSCAPE_MAX_MINIMA];
        size_t n = landscape_minima(l, m, LANDSCAPE_MAX_MINIMA);
        for (size_t k = 0; k < n; k++)
            assert_true(m[k].x >= v.xmin && m[k].x <= v.xmax && m[k].y >= v.ymin &&
                        m[k].y <= v.ymax);
        bool data = !strcmp(kinds[i].name, "linreg") || !strcmp(kinds[i].name, "logreg");
        assert_int_equal(landscape_sample_count(l) > 0, data);
        assert_int_equal(landscape_dataset(l) != NULL, data);
        landscape_destroy(l);
    }
}

static void log_scale_for_wide_ranges(void **state)
{
    (void)state;
    static const struct {
        const char *spec;
        bool log;
    } cases[] = {{"rosenbrock", true}, {"beale", true}, {"quadratic", false},
                 {"saddle", false}, {"styblinski_tang", false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Landscape *l = create_ok(cases[i].spec);
        assert_int_equal(landscape_prefers_log(l), cases[i].log);
        landscape_destroy(l);
    }
}

/* ------------------------------------------------------------------------ */
/* Data landscapes                                                           */
/* ------------------------------------------------------------------------ */

static void linreg_matches_its_definition(void **state)
{
    (void)state;
    Landscape *l = create_ok("linreg:n=40,noise=0.3,rho=0.4,seed=5");
    const Dataset *d = landscape_dataset(l);
    assert_int_equal(d->n, 40);
    for (double x = -1; x <= 3; x += 0.9)
        for (double y = -2; y <= 2; y += 0.7) {
            double sum = 0;
            for (size_t i = 0; i < d->n; i++)
                sum += sq(x * d->x1[i] + y * d->x2[i] - d->y[i]);
            assert_close(landscape_value(l, x, y), sum / (2.0 * d->n), 1e-12 * (1 + sum));
        }
    landscape_destroy(l);
}

/* n = 1: a line of minima {w : w·x = y}; the reported one is the
 * minimum-norm point y x / |x|² (docs/CLI.md §3.2). */
static void linreg_single_sample_reports_the_min_norm_point(void **state)
{
    (void)state;
    Landscape *l = create_ok("linreg:n=1,seed=3");
    const Dataset *d = landscape_dataset(l);
    double x1 = d->x1[0], x2 = d->x2[0], y = d->y[0], norm2 = x1 * x1 + x2 * x2;
    LandscapePoint m[LANDSCAPE_MAX_MINIMA];
    assert_int_equal(landscape_minima(l, m, 16), 1);
    assert_close(m[0].x, y * x1 / norm2, 1e-12 * fabs(y * x1 / norm2) + 1e-15);
    assert_close(m[0].y, y * x2 / norm2, 1e-12 * fabs(y * x2 / norm2) + 1e-15);
    /* Moving along the line keeps the loss at zero, up to the rounding of
     * the quadratic form's terms, each at most t² |x|⁴ in size; never
     * below zero (a loss; the colour bar showed -2.78e-17 once). */
    for (double t = -2; t <= 2; t += 0.5) {
        double wx = m[0].x - t * x2, wy = m[0].y + t * x1;
        assert_close(landscape_value(l, wx, wy), 0.0, 8 * DBL_EPSILON * (1 + t * t * norm2 * norm2));
    }
    for (int k = 0; k <= 1000; k++) {
        double t = -2.0 + 0.004 * k, wx = m[0].x - t * x2, wy = m[0].y + t * x1;
        assert_true(landscape_value(l, wx, wy) >= 0.0);
    }
    LandscapeEval e;
    landscape_eval(l, 0.3, 0.7, &e);
    assert_close(e.hess[0] * e.hess[2] - e.hess[1] * e.hess[1], 0.0, 1e-12);
    landscape_destroy(l);
}

static void assert_batch_grad_matches(const Landscape *l, bool logistic, double x, double y)
{
    const Dataset *d = landscape_dataset(l);
    const uint32_t idx[] = {3, 0, 7, 7, 11};
    const size_t n = sizeof idx / sizeof idx[0];
    double loss = 0, g[2] = {0, 0};
    for (size_t k = 0; k < n; k++) {
        size_t i = idx[k];
        double m = x * d->x1[i] + y * d->x2[i];
        if (logistic) {
            double z = d->y[i] * m;
            loss += log(1 + exp(-z));
            g[0] += -d->y[i] * d->x1[i] / (1 + exp(z));
            g[1] += -d->y[i] * d->x2[i] / (1 + exp(z));
        } else {
            loss += 0.5 * sq(m - d->y[i]);
            g[0] += (m - d->y[i]) * d->x1[i];
            g[1] += (m - d->y[i]) * d->x2[i];
        }
    }
    double got[2];
    double got_loss = landscape_batch_grad(l, x, y, idx, n, got);
    double l2 = logistic ? 0.1 : 0.0; /* the logreg case below uses l2=0.1 */
    assert_close(got_loss, loss / n + 0.5 * l2 * (x * x + y * y), 1e-12);
    assert_close(got[0], g[0] / n + l2 * x, 1e-12);
    assert_close(got[1], g[1] / n + l2 * y, 1e-12);

    /* Over every sample it is the full gradient. */
    uint32_t all[64];
    for (uint32_t i = 0; i < d->n; i++)
        all[i] = i;
    double full[2], batch[2];
    double v = landscape_value_grad(l, x, y, full);
    assert_close(landscape_batch_grad(l, x, y, all, d->n, batch), v, 1e-12);
    assert_close(batch[0], full[0], 1e-12);
    assert_close(batch[1], full[1], 1e-12);
}

static void minibatch_gradients_are_exact(void **state)
{
    (void)state;
    Landscape *lin = create_ok("linreg:n=64,seed=2");
    Landscape *log_ = create_ok("logreg:n=64,seed=2,l2=0.1");
    for (double x = -1; x <= 2; x += 1.5)
        for (double y = -2; y <= 1; y += 1.5) {
            assert_batch_grad_matches(lin, false, x, y);
            assert_batch_grad_matches(log_, true, x, y);
        }
    landscape_destroy(lin);
    landscape_destroy(log_);
}

static void logreg_matches_its_definition_and_never_overflows(void **state)
{
    (void)state;
    Landscape *l = create_ok("logreg:n=50,l2=0.3,noise=0.1,seed=9");
    const Dataset *d = landscape_dataset(l);
    for (double x = -3; x <= 3; x += 1.1)
        for (double y = -3; y <= 3; y += 1.3) {
            double sum = 0;
            for (size_t i = 0; i < d->n; i++)
                sum += log(1 + exp(-d->y[i] * (x * d->x1[i] + y * d->x2[i])));
            double expected = sum / d->n + 0.15 * (x * x + y * y);
            assert_close(landscape_value(l, x, y), expected, 1e-13 * expected);
        }
    /* Margins of ±1e4: log(1 + exp(1e4)) overflows when written naively. */
    LandscapeEval e;
    landscape_eval(l, 3e3, 3e3, &e);
    assert_true(isfinite(e.value) && isfinite(e.grad[0]) && isfinite(e.hess[0]));
    landscape_eval(l, -3e3, -3e3, &e);
    assert_true(isfinite(e.value) && isfinite(e.grad[0]) && isfinite(e.hess[0]));
    landscape_destroy(l);

    /* Separable data far along the right direction: tiny but positive,
     * with its digits (log1p, not log(1 + t)). */
    l = create_ok("logreg:n=100,separable=1,margin=0.5");
    double tiny = landscape_value(l, 400, 200);
    assert_true(tiny > 0 && tiny < 1e-50);
    d = landscape_dataset(l);
    double sum = 0;
    for (size_t i = 0; i < d->n; i++)
        sum += exp(-d->y[i] * (400 * d->x1[i] + 200 * d->x2[i]));
    assert_close(tiny, sum / d->n, 1e-12 * tiny);
    landscape_destroy(l);
}

static void logreg_minimum_exists_only_when_it_should(void **state)
{
    (void)state;
    LandscapePoint m[LANDSCAPE_MAX_MINIMA];
    Landscape *l = create_ok("logreg:n=300,separable=1,margin=0.2");
    assert_int_equal(landscape_minima(l, m, 16), 0);
    /* The loss keeps falling along the true direction (2, 1). */
    assert_true(landscape_value(l, 20, 10) < landscape_value(l, 10, 5));
    landscape_destroy(l);

    l = create_ok("logreg:n=300,separable=1,margin=0.2,l2=0.01");
    assert_int_equal(landscape_minima(l, m, 16), 1);
    landscape_destroy(l);

    /* Overlapping classes (the default) always have one, found to the
     * last digit: Newton must not stall where values stop resolving. */
    for (int seed = 0; seed < 12; seed++) {
        char spec[64];
        snprintf(spec, sizeof spec, "logreg:seed=%d,n=%d", seed, 30 + 40 * seed);
        l = create_ok(spec);
        if (landscape_minima(l, m, 16) != 1)
            fail_msg("%s has no minimum", spec);
        double g[2];
        landscape_value_grad(l, m[0].x, m[0].y, g);
        assert_true(hypot(g[0], g[1]) < 1e-14);
        landscape_destroy(l);
    }

    /* Labels from the logistic model with w* = (2, 1): the fit lands near
     * it (n = 2000 keeps the sampling error near 0.15). */
    l = create_ok("logreg:n=2000,seed=4");
    assert_int_equal(landscape_minima(l, m, 16), 1);
    assert_close(m[0].x, 2.0, 0.4);
    assert_close(m[0].y, 1.0, 0.4);
    landscape_destroy(l);
}

static void data_file_builds_the_dataset(void **state)
{
    (void)state;
    Landscape *l = create_ok("linreg:data=" DESCENT_SOURCE_DIR "/tests/data/regression.csv");
    const Dataset *d = landscape_dataset(l);
    assert_int_equal(d->n, 4);
    /* The rows satisfy y = 2 x1 - x2 exactly. */
    LandscapePoint m[LANDSCAPE_MAX_MINIMA];
    assert_int_equal(landscape_minima(l, m, 16), 1);
    assert_close(m[0].x, 2.0, 1e-12);
    assert_close(m[0].y, -1.0, 1e-12);
    landscape_destroy(l);

    l = create_ok("logreg:data=" DESCENT_SOURCE_DIR "/tests/data/classification.csv,l2=0.5");
    assert_int_equal(landscape_sample_count(l), 6);
    landscape_destroy(l);
}

/* ------------------------------------------------------------------------ */
/* Spec errors                                                               */
/* ------------------------------------------------------------------------ */

static void bad_specs_name_the_bad_part(void **state)
{
    (void)state;
    assert_error_contains("rosenbrok", "unknown landscape 'rosenbrok'");
    assert_error_contains("rosenbrok", "rosenbrock, beale");
    assert_error_contains("rosenbrock:c=1", "unknown key 'c'");
    assert_error_contains("rosenbrock:c=1", "a, b");
    assert_error_contains("rosenbrock:a=one", "a=one is not a number");
    assert_error_contains("quadratic:l1=1e9", "out of range");
    assert_error_contains("linreg:n=2.5", "not a whole number");
    assert_error_contains("linreg:n=0", "out of range");
    assert_error_contains("beale:a=1", "takes no keys");
    assert_error_contains("sharp_flat:sharp_width=0", "out of range");
    assert_error_contains("expr:(2+x", "column 5");
    assert_error_contains("expr:(2+x", "expected ')'");
    assert_error_contains("expr:x+foo", "unknown name 'foo'");
    assert_error_contains("expr:", "empty expression");
    assert_error_contains("linreg:data=/nonexistent/file.csv", "/nonexistent/file.csv:0:");
    assert_error_contains("logreg:separable=1,noise=0.1", "separable");
    assert_error_contains("linreg:data=" DESCENT_SOURCE_DIR "/tests/data/regression.csv,n=5",
                          "n= does not apply");
    assert_error_contains("logreg:data=" DESCENT_SOURCE_DIR "/tests/data/bad_label.csv",
                          "bad_label.csv:4:");
    assert_error_contains("", "missing name");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(derivatives_match_central_differences),
        cmocka_unit_test(values_follow_the_spec_formulas),
        cmocka_unit_test(quadratic_rotation_follows_the_spec),
        cmocka_unit_test(ackley_is_defined_at_its_kink),
        cmocka_unit_test(every_minimum_is_a_strict_local_minimum),
        cmocka_unit_test(known_minima_are_exact),
        cmocka_unit_test(sharp_flat_has_one_sharp_and_one_flat_well),
        cmocka_unit_test(kinds_table_is_complete),
        cmocka_unit_test(log_scale_for_wide_ranges),
        cmocka_unit_test(linreg_matches_its_definition),
        cmocka_unit_test(linreg_single_sample_reports_the_min_norm_point),
        cmocka_unit_test(minibatch_gradients_are_exact),
        cmocka_unit_test(logreg_matches_its_definition_and_never_overflows),
        cmocka_unit_test(logreg_minimum_exists_only_when_it_should),
        cmocka_unit_test(data_file_builds_the_dataset),
        cmocka_unit_test(bad_specs_name_the_bad_part),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
