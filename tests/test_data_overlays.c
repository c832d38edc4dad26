/*
 * test_data_overlays.c — the core numbers behind the data and dynamics
 * overlays, each against a value computed here independently: the line of
 * minima of an under-determined linreg (every point of it a minimum, its
 * anchor the pseudo-inverse solution), the max-margin direction of
 * separable logreg (a brute-force scan of angles), the adaptive optimizers'
 * per-coordinate effective step (torch's rules worked by hand) and the
 * samples of the last minibatch (their gradient is the one the update used).
 */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "core/run.h"

#define PI 3.14159265358979323846

/* ------------------------------------------------------- line of minima */

/* Every point of the line is a minimum (value = the least value, zero
 * gradient, to 1e-12) and points beside it are not. */
static void assert_line_is_minima(const Landscape *ls, LandscapePoint p, const double dir[2],
                                  double least)
{
    assert_close(hypot(dir[0], dir[1]), 1.0, 1e-15);
    for (double t = -20.0; t <= 20.0; t += 2.5) {
        double x = p.x + t * dir[0], y = p.y + t * dir[1], g[2];
        double value = landscape_value_grad(ls, x, y, g);
        assert_close(value, least, 1e-12);
        assert_close(hypot(g[0], g[1]), 0.0, 1e-12);
        double beside = landscape_value(ls, x - 0.1 * dir[1], y + 0.1 * dir[0]);
        assert_true(beside > least + 1e-6);
    }
}

/* linreg:n=1 with input x and label t: the minima are w·x = t, the
 * min-norm one x t/|x|² (the pseudo-inverse), the loss 0 along it. */
static void test_line_of_minima_one_sample(void **state)
{
    (void)state;
    for (int seed = 0; seed < 6; seed++) {
        char spec[64];
        snprintf(spec, sizeof spec, "linreg:n=1,seed=%d", seed);
        Landscape *ls = test_landscape(spec);
        const Dataset *d = landscape_dataset(ls);
        double a = d->x1[0], b = d->x2[0], t = d->y[0], norm2 = a * a + b * b;
        LandscapePoint p;
        double dir[2];
        assert_true(landscape_minimum_line(ls, &p, dir));
        assert_close(p.x, a * t / norm2, 1e-12 * (1 + fabs(a * t / norm2)));
        assert_close(p.y, b * t / norm2, 1e-12 * (1 + fabs(b * t / norm2)));
        assert_close(dir[0] * a + dir[1] * b, 0.0, 1e-14 * sqrt(norm2));
        assert_line_is_minima(ls, p, dir, 0.0);
        landscape_destroy(ls);
    }
}

/* The lesson's one example (1, 2) -> 3: the line w1 + 2 w2 = 3 and its
 * point (0.6, 1.2); GD from 0 at lr 0.1 lands there (docs/CLI.md §3.2: to 1e-9). */
static void test_line_of_minima_lesson_example(void **state)
{
    (void)state;
    Landscape *ls = test_landscape("linreg:data=" DESCENT_SOURCE_DIR "/lessons/one_example.csv");
    LandscapePoint p;
    double dir[2];
    assert_true(landscape_minimum_line(ls, &p, dir));
    assert_close(p.x, 0.6, 1e-15);
    assert_close(p.y, 1.2, 1e-15);
    assert_line_is_minima(ls, p, dir, 0.0);
    Run run;
    OptimizerDesc gd = test_optimizer("gd:lr=0.1", ls);
    DescentError err = {""};
    assert_true(run_init(&run, ls, &gd, 0.0, 0.0, &err));
    run_advance(&run, 400);
    assert_true(hypot(run_head(&run).x - 0.6, run_head(&run).y - 1.2) < 1e-9);
    run_free(&run);
    landscape_destroy(ls);
}

/* Collinear inputs (x2 = 2 x1) with labels no line fits exactly: the
 * minimisers are still a line, at the least-squares loss of the one
 * feature s = x·v, v = (1, 2)/√5, and anchored at c v with c = Σsy/Σs². */
static void test_line_of_minima_collinear(void **state)
{
    (void)state;
    static const double rows[4][3] = {{1, 2, 3}, {2, 4, 5}, {-1, -2, -2}, {0.5, 1, 2}};
    char path[] = "/tmp/descent-collinear-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fprintf(f, "x1,x2,y\n");
    for (int i = 0; i < 4; i++)
        fprintf(f, "%g,%g,%g\n", rows[i][0], rows[i][1], rows[i][2]);
    fclose(f);
    char spec[128];
    snprintf(spec, sizeof spec, "linreg:data=%s", path);
    Landscape *ls = test_landscape(spec);
    unlink(path);
    double vx = 1 / sqrt(5.0), vy = 2 / sqrt(5.0), ss = 0, sy = 0;
    for (int i = 0; i < 4; i++) {
        double s = rows[i][0] * vx + rows[i][1] * vy;
        ss += s * s;
        sy += s * rows[i][2];
    }
    double c = sy / ss, least = 0;
    for (int i = 0; i < 4; i++) {
        double r = c * (rows[i][0] * vx + rows[i][1] * vy) - rows[i][2];
        least += r * r;
    }
    least /= 2 * 4;
    LandscapePoint p;
    double dir[2];
    assert_true(landscape_minimum_line(ls, &p, dir));
    assert_close(p.x, c * vx, 1e-12);
    assert_close(p.y, c * vy, 1e-12);
    assert_line_is_minima(ls, p, dir, least);
    landscape_destroy(ls);
}

static void test_no_line_elsewhere(void **state)
{
    (void)state;
    static const char *const specs[] = {"linreg", "linreg:n=2", "logreg", "rosenbrock",
                                        "saddle", "expr:x^2"};
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        Landscape *ls = test_landscape(specs[i]);
        LandscapePoint p;
        double dir[2];
        assert_false(landscape_minimum_line(ls, &p, dir));
        landscape_destroy(ls);
    }
}

/* --------------------------------------------------- max-margin direction */

static double min_margin(const Dataset *d, double angle)
{
    double m = HUGE_VAL, c = cos(angle), s = sin(angle);
    for (size_t k = 0; k < d->n; k++)
        m = fmin(m, d->y[k] * (d->x1[k] * c + d->x2[k] * s));
    return m;
}

/* The unit direction maximising min_i y_i (x_i · u), by a fine scan of
 * angles and a golden-section refinement (the minimum of the margins is
 * unimodal over the separating arc). */
static double brute_force_max_margin_angle(const Dataset *d)
{
    double best = 0, best_margin = -HUGE_VAL;
    const int scan = 20000;
    for (int i = 0; i < scan; i++) {
        double a = 2 * PI * i / scan, margin = min_margin(d, a);
        if (margin > best_margin) {
            best_margin = margin;
            best = a;
        }
    }
    double lo = best - 2 * PI / scan, hi = best + 2 * PI / scan;
    for (int it = 0; it < 200; it++) {
        double m1 = lo + (hi - lo) * 0.382, m2 = lo + (hi - lo) * 0.618;
        if (min_margin(d, m1) > min_margin(d, m2))
            hi = m2;
        else
            lo = m1;
    }
    assert_true(best_margin > 0);
    return 0.5 * (lo + hi);
}

static void assert_max_margin_matches(const char *spec)
{
    Landscape *ls = test_landscape(spec);
    const Dataset *d = landscape_dataset(ls);
    double dir[2];
    assert_true(landscape_max_margin_direction(ls, dir));
    assert_close(hypot(dir[0], dir[1]), 1.0, 1e-15);
    double expected = brute_force_max_margin_angle(d), got = atan2(dir[1], dir[0]);
    double diff = fabs(remainder(got - expected, 2 * PI));
    if (diff > 1e-7)
        fail_msg("%s: max-margin angle %.12f, brute force %.12f", spec, got, expected);
    /* No direction nearby does better. */
    for (double e = -1e-3; e <= 1e-3; e += 2.5e-4)
        assert_true(min_margin(d, got + e) <= min_margin(d, got) + 1e-12);
    landscape_destroy(ls);
}

static void test_max_margin_direction(void **state)
{
    (void)state;
    assert_max_margin_matches("logreg:data=" DESCENT_SOURCE_DIR "/lessons/separable.csv");
    for (int seed = 0; seed < 5; seed++) {
        char spec[96];
        snprintf(spec, sizeof spec, "logreg:n=%d,separable=1,margin=%g,seed=%d", 10 + 30 * seed,
                 0.1 * seed, seed);
        assert_max_margin_matches(spec);
    }
}

/* Overlapping classes, and landscapes that are not logreg, have none. */
static void test_no_max_margin_elsewhere(void **state)
{
    (void)state;
    static const char *const specs[] = {"logreg", "logreg:noise=0.1", "linreg", "quadratic"};
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        Landscape *ls = test_landscape(specs[i]);
        double dir[2];
        assert_false(landscape_max_margin_direction(ls, dir));
        landscape_destroy(ls);
    }
}

/* ------------------------------------------------- effective step per coordinate */

/* Steps spec on quadratic:l2=10 from (2, 1) and after every update checks
 * optimizer_effective_lr against torch's rules replayed by hand from the
 * gradients the updates used (state.grad), and that the update moved each
 * coordinate by that factor times the (averaged) gradient it scales. */
static void check_effective_lr(const char *spec)
{
    Landscape *ls = test_landscape("quadratic:l2=10");
    OptimizerDesc d = test_optimizer(spec, ls);
    OptimizerState s;
    optimizer_init(&d, 2.0, 1.0, 0, &s);
    double eff[2];
    assert_false(optimizer_effective_lr(&d, &s, eff));
    double m[2] = {0, 0}, v[2] = {0, 0}, mean[2] = {0, 0}, vmax[2] = {0, 0};
    double sum[2] = {d.initial_accumulator_value, d.initial_accumulator_value};
    for (long t = 1; t <= 12; t++) {
        assert_int_equal(optimizer_step(&d, ls, &s), STEP_OK);
        assert_true(optimizer_effective_lr(&d, &s, eff));
        double lr = optimizer_lr_at(&d, t - 1);
        for (int i = 0; i < 2; i++) {
            double g = s.grad[i], expected, scaled;
            switch (d.kind) {
            case OPT_ADAM:
            case OPT_ADAMW:
                m[i] = d.beta1 * m[i] + (1 - d.beta1) * g;
                v[i] = d.beta2 * v[i] + (1 - d.beta2) * g * g;
                vmax[i] = fmax(vmax[i], v[i]);
                expected = lr / (sqrt((d.amsgrad ? vmax[i] : v[i]) / (1 - pow(d.beta2, t))) +
                                 d.eps);
                scaled = m[i] / (1 - pow(d.beta1, t));
                break;
            case OPT_RMSPROP:
                v[i] = d.alpha * v[i] + (1 - d.alpha) * g * g;
                mean[i] = d.alpha * mean[i] + (1 - d.alpha) * g;
                expected = lr / (sqrt(d.centered ? v[i] - mean[i] * mean[i] : v[i]) + d.eps);
                scaled = g;
                break;
            case OPT_ADAGRAD:
                sum[i] += g * g;
                expected = lr / (1 + (t - 1) * d.lr_decay) / (sqrt(sum[i]) + d.eps);
                scaled = g;
                break;
            default:
                expected = lr;
                scaled = g;
                break;
            }
            assert_close(eff[i], expected, 1e-14 * expected);
            assert_close(s.step[i], -eff[i] * scaled, 1e-13 * fabs(s.step[i]) + 1e-300);
        }
    }
    landscape_destroy(ls);
}

static void test_effective_lr_follows_torch(void **state)
{
    (void)state;
    check_effective_lr("adam:lr=0.1");
    check_effective_lr("adam:lr=0.1,beta1=0.5,beta2=0.9,amsgrad=1");
    check_effective_lr("adamw:lr=0.1,weight_decay=0");
    check_effective_lr("rmsprop:lr=0.01,alpha=0.9");
    check_effective_lr("rmsprop:lr=0.01,alpha=0.9,centered=1");
    check_effective_lr("adagrad:lr=0.5,lr_decay=0.1,initial_accumulator_value=0.3");
    check_effective_lr("gd:lr=0.05,warmup=5");
    check_effective_lr("adam:lr=0.1,schedule=cosine,total=10");
}

/* The two coordinates of Adam differ where the curvatures do: on
 * quadratic l1=1, l2=10 from (2, 1) both coordinates' first steps have size
 * lr (sign descent), so their effective lrs are lr/|g_i|. */
static void test_effective_lr_differs_per_coordinate(void **state)
{
    (void)state;
    Landscape *ls = test_landscape("quadratic:l2=10");
    OptimizerDesc d = test_optimizer("adam:lr=0.1,eps=0", ls);
    OptimizerState s;
    optimizer_init(&d, 2.0, 1.0, 0, &s);
    optimizer_step(&d, ls, &s);
    double eff[2];
    assert_true(optimizer_effective_lr(&d, &s, eff));
    assert_close(eff[0], 0.1 / 2.0, 1e-15);
    assert_close(eff[1], 0.1 / 10.0, 1e-15);
    OptimizerDesc newton = test_optimizer("newton", ls);
    optimizer_init(&newton, 2.0, 1.0, 0, &s);
    optimizer_step(&newton, ls, &s);
    assert_false(optimizer_effective_lr(&newton, &s, eff));
    landscape_destroy(ls);
}

/* ---------------------------------------------------------- last minibatch */

/* The samples optimizer_last_batch names give exactly the gradient the
 * update used, and one epoch's batches cover every sample once. */
static void test_last_batch(void **state)
{
    (void)state;
    Landscape *ls = test_landscape("linreg:n=22,seed=3");
    OptimizerDesc d = test_optimizer("sgd:lr=0.05,batch=5,seed=7", ls);
    OptimizerState s;
    optimizer_init(&d, 0.5, -0.5, d.seed, &s);
    uint32_t idx[16];
    assert_int_equal(optimizer_last_batch(&d, ls, &s, idx, 16), 0);
    int seen[22] = {0};
    for (int k = 0; k < 5; k++) { /* 5 batches: 5+5+5+5+2 */
        double x = s.x, y = s.y, g[2];
        optimizer_step(&d, ls, &s);
        size_t n = optimizer_last_batch(&d, ls, &s, idx, 16);
        assert_int_equal(n, k < 4 ? 5 : 2);
        landscape_batch_grad(ls, x, y, idx, n, g);
        assert_close(g[0], s.grad[0], 1e-15 * (1 + fabs(g[0])));
        assert_close(g[1], s.grad[1], 1e-15 * (1 + fabs(g[1])));
        for (size_t i = 0; i < n; i++)
            seen[idx[i]]++;
    }
    for (int i = 0; i < 22; i++)
        assert_int_equal(seen[i], 1);
    OptimizerDesc full = test_optimizer("gd:lr=0.05", ls);
    optimizer_init(&full, 0.5, -0.5, 0, &s);
    optimizer_step(&full, ls, &s);
    assert_int_equal(optimizer_last_batch(&full, ls, &s, idx, 16), 0);
    landscape_destroy(ls);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_of_minima_one_sample),
        cmocka_unit_test(test_line_of_minima_lesson_example),
        cmocka_unit_test(test_line_of_minima_collinear),
        cmocka_unit_test(test_no_line_elsewhere),
        cmocka_unit_test(test_max_margin_direction),
        cmocka_unit_test(test_no_max_margin_elsewhere),
        cmocka_unit_test(test_effective_lr_follows_torch),
        cmocka_unit_test(test_effective_lr_differs_per_coordinate),
        cmocka_unit_test(test_last_batch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
