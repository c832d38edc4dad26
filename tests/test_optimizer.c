/*
 * test_optimizer.c — every optimizer against values worked out by hand.
 *
 * The landscape is mostly quadratic:l1=1,l2=4 (angle 0), whose gradient is
 * (x, 4y): each coordinate is a one-dimensional bowl of curvature 1 or 4, and
 * every torch.optim rule acts on each coordinate separately.  So the tests
 * check (a) the first steps against numbers derived by hand in the comments,
 * and (b) five steps against the ref_* functions below: the torch.optim update
 * rules (torch/optim/{sgd,adagrad,rmsprop,adam,adamw}.py, _single_tensor_*)
 * written again for one coordinate, as plainly as possible.
 * Tolerance for those: |ours - expected| <= 1e-12 * max(1, |expected|).
 *
 * Then the properties docs/CLI.md §3.3 promises, each with its tolerance where it is
 * checked: Newton solves a quadratic in one step, flow follows the exact
 * solution, GD is stable exactly below lr = 2/λmax, noise is reproducible
 * and N(0, σ²), minibatches are epochs without replacement, divergence is
 * reported, and bad specs are refused with a message that names the bad part.
 * (tests/test_torch_reference.c checks long trajectories against torch.)
 */
#include "testing.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/landscape.h"
#include "core/optimizer.h"
#include "core/optimizer_explain.h"

#define HAND_TOL 1e-12
#define REF_STEPS 5
#define BOWL "quadratic:l1=1,l2=4"

/* ------------------------------------------------------------- helpers */

typedef struct Walk {
    Landscape *landscape;
    OptimizerDesc desc;
    OptimizerState state;
} Walk;

static void walk_start(Walk *walk, const char *landscape, const char *opt, double x0, double y0)
{
    DescentError err = {{0}};
    walk->landscape = landscape_create(landscape, &err);
    if (walk->landscape == NULL)
        fail_msg("landscape '%s': %s", landscape, err.message);
    if (!optimizer_parse(opt, walk->landscape, &walk->desc, &err))
        fail_msg("optimizer '%s': %s", opt, err.message);
    optimizer_init(&walk->desc, x0, y0, walk->desc.seed, &walk->state);
}

static void walk_step(Walk *walk)
{
    StepResult result = optimizer_step(&walk->desc, walk->landscape, &walk->state);
    if (result != STEP_OK)
        fail_msg("'%s' step %ld: result %d", walk->desc.spec, walk->state.t, (int)result);
}

static void walk_end(Walk *walk)
{
    landscape_destroy(walk->landscape);
}

/* actual within tol relative to expected (testing.h), naming the run and step. */
#define expect_close(actual, expected, tol, what, step)                                         \
    assert_close_where(actual, expected, relative_tolerance(tol, expected), "%s, step %d",     \
                       what, step)

/* Walks opt on BOWL from (x0, y0) and compares each step with xs[i], ys[i]. */
static void expect_walk(const char *opt, double x0, double y0, const double *xs,
                        const double *ys, int steps)
{
    Walk walk;
    walk_start(&walk, BOWL, opt, x0, y0);
    for (int i = 0; i < steps; i++) {
        walk_step(&walk);
        char what[300];
        snprintf(what, sizeof what, "%s x", opt);
        expect_close(walk.state.x, xs[i], HAND_TOL, what, i + 1);
        snprintf(what, sizeof what, "%s y", opt);
        expect_close(walk.state.y, ys[i], HAND_TOL, what, i + 1);
    }
    walk_end(&walk);
}

/* ------------------------------------------ torch.optim, one coordinate */

/* Every ref_* walks L = c θ²/2 (gradient c θ) for REF_STEPS updates. */

typedef struct SgdRef {
    double lr, momentum, dampening, weight_decay;
    bool nesterov;
} SgdRef;

static void ref_sgd(SgdRef o, double theta, double c, double *out)
{
    double buf = 0.0;
    for (int t = 1; t <= REF_STEPS; t++) {
        double g = c * theta + o.weight_decay * theta;
        if (o.momentum != 0.0) {
            buf = t == 1 ? g : o.momentum * buf + (1.0 - o.dampening) * g;
            g = o.nesterov ? g + o.momentum * buf : buf;
        }
        theta -= o.lr * g;
        out[t - 1] = theta;
    }
}

typedef struct AdagradRef {
    double lr, lr_decay, initial_accumulator_value, eps, weight_decay;
} AdagradRef;

static void ref_adagrad(AdagradRef o, double theta, double c, double *out)
{
    double sum = o.initial_accumulator_value;
    for (int t = 1; t <= REF_STEPS; t++) {
        double g = c * theta + o.weight_decay * theta;
        double clr = o.lr / (1.0 + (t - 1) * o.lr_decay);
        sum += g * g;
        theta -= clr * g / (sqrt(sum) + o.eps);
        out[t - 1] = theta;
    }
}

typedef struct RmspropRef {
    double lr, alpha, eps, momentum, weight_decay;
    bool centered;
} RmspropRef;

static void ref_rmsprop(RmspropRef o, double theta, double c, double *out)
{
    double square_avg = 0.0, grad_avg = 0.0, buf = 0.0;
    for (int t = 1; t <= REF_STEPS; t++) {
        double g = c * theta + o.weight_decay * theta;
        square_avg = o.alpha * square_avg + (1.0 - o.alpha) * g * g;
        double avg;
        if (o.centered) {
            grad_avg = o.alpha * grad_avg + (1.0 - o.alpha) * g;
            avg = sqrt(square_avg - grad_avg * grad_avg) + o.eps;
        } else {
            avg = sqrt(square_avg) + o.eps;
        }
        if (o.momentum > 0.0) {
            buf = o.momentum * buf + g / avg;
            theta -= o.lr * buf;
        } else {
            theta -= o.lr * g / avg;
        }
        out[t - 1] = theta;
    }
}

typedef enum AmsgradMax { AMS_OFF, AMS_RAW, AMS_CORRECTED } AmsgradMax;

typedef struct AdamRef {
    double lr, beta1, beta2, eps, weight_decay;
    bool decoupled;  /* adamw */
    AmsgradMax amsgrad; /* AMS_CORRECTED is the wrong reading, for contrast */
} AdamRef;

static void ref_adam(AdamRef o, double theta, double c, double *out)
{
    double m = 0.0, v = 0.0, vmax = 0.0;
    for (int t = 1; t <= REF_STEPS; t++) {
        double g = c * theta;
        if (o.decoupled)
            theta *= 1.0 - o.lr * o.weight_decay;
        else
            g += o.weight_decay * theta;
        m = o.beta1 * m + (1.0 - o.beta1) * g;
        v = o.beta2 * v + (1.0 - o.beta2) * g * g;
        double bc1 = 1.0 - pow(o.beta1, t), bc2 = 1.0 - pow(o.beta2, t);
        double second = v;
        if (o.amsgrad == AMS_RAW) {
            vmax = fmax(vmax, v);
            second = vmax;
        } else if (o.amsgrad == AMS_CORRECTED) {
            vmax = fmax(vmax, v / bc2);
            second = vmax * bc2;
        }
        double denom = sqrt(second) / sqrt(bc2) + o.eps;
        theta -= o.lr / bc1 * m / denom;
        out[t - 1] = theta;
    }
}

/* Starting point of the reference walks: different in x and y so that a
 * mix-up of the coordinates shows. */
#define X0 1.0
#define Y0 (-2.0)

/* ------------------------------------------------------------- defaults */

static void test_kinds_and_defaults(void **state)
{
    (void)state;
    static const char *const names[OPT_KIND_COUNT] = {
        "gd", "sgd", "momentum", "nesterov", "adagrad",
        "rmsprop", "adam", "adamw", "newton", "flow",
    };
    size_t count = 0;
    const OptimizerInfo *kinds = optimizer_kinds(&count);
    assert_int_equal(count, OPT_KIND_COUNT);
    for (int k = 0; k < OPT_KIND_COUNT; k++) {
        assert_string_equal(kinds[k].name, names[k]);
        assert_string_equal(optimizer_kind_name((OptimizerKind)k), names[k]);
        assert_non_null(param_find(kinds[k].params, kinds[k].nparams, "lr"));
    }

    /* torch.optim's defaults (docs/CLI.md §3.3). */
    Walk w;
    walk_start(&w, BOWL, "gd", 0, 0);
    assert_int_equal(w.desc.kind, OPT_GD);
    assert_true(w.desc.lr == 0.01 && w.desc.momentum == 0 && w.desc.dampening == 0);
    assert_true(!w.desc.nesterov && w.desc.weight_decay == 0 && w.desc.noise == 0);
    assert_false(optimizer_is_noisy(&w.desc));
    walk_end(&w);
    walk_start(&w, BOWL, "momentum", 0, 0);
    assert_true(w.desc.lr == 0.01 && w.desc.momentum == 0.9 && !w.desc.nesterov);
    assert_true(w.desc.noise == 0);
    walk_end(&w);
    walk_start(&w, BOWL, "nesterov", 0, 0);
    assert_true(w.desc.lr == 0.01 && w.desc.momentum == 0.9 && w.desc.nesterov);
    walk_end(&w);
    walk_start(&w, BOWL, "adagrad", 0, 0);
    assert_true(w.desc.lr == 0.01 && w.desc.lr_decay == 0 && w.desc.eps == 1e-10);
    assert_true(w.desc.initial_accumulator_value == 0 && w.desc.weight_decay == 0);
    walk_end(&w);
    walk_start(&w, BOWL, "rmsprop", 0, 0);
    assert_true(w.desc.lr == 0.01 && w.desc.alpha == 0.99 && w.desc.eps == 1e-8);
    assert_true(w.desc.momentum == 0 && !w.desc.centered && w.desc.weight_decay == 0);
    walk_end(&w);
    walk_start(&w, BOWL, "adam", 0, 0);
    assert_true(w.desc.lr == 0.001 && w.desc.beta1 == 0.9 && w.desc.beta2 == 0.999);
    assert_true(w.desc.eps == 1e-8 && w.desc.weight_decay == 0 && !w.desc.amsgrad);
    walk_end(&w);
    walk_start(&w, BOWL, "adamw", 0, 0);
    assert_true(w.desc.lr == 0.001 && w.desc.beta1 == 0.9 && w.desc.beta2 == 0.999);
    assert_true(w.desc.eps == 1e-8 && w.desc.weight_decay == 0.01 && !w.desc.amsgrad);
    walk_end(&w);
    walk_start(&w, BOWL, "newton", 0, 0);
    assert_true(w.desc.lr == 1 && w.desc.damping == 0);
    walk_end(&w);
    walk_start(&w, BOWL, "flow", 0, 0);
    assert_true(w.desc.lr == 0.01);
    walk_end(&w);

    /* sgd: noise 1 on analytic landscapes, batch 1 on data landscapes. */
    walk_start(&w, BOWL, "sgd", 0, 0);
    assert_true(w.desc.noise == 1.0 && w.desc.batch == 0);
    assert_true(optimizer_is_noisy(&w.desc));
    walk_end(&w);
    walk_start(&w, "linreg:n=20", "sgd", 0, 0);
    assert_int_equal(w.desc.batch, 1);
    assert_true(optimizer_is_noisy(&w.desc));
    walk_end(&w);
    walk_start(&w, "linreg:n=20", "gd", 0, 0);
    assert_int_equal(w.desc.batch, 0);
    assert_false(optimizer_is_noisy(&w.desc));
    walk_end(&w);

    walk_start(&w, BOWL, "adam:lr=0.05,beta1=0.8,x0=3,y0=-4", 0, 0);
    assert_true(w.desc.lr == 0.05 && w.desc.beta1 == 0.8);
    assert_true(w.desc.has_start && w.desc.x0 == 3 && w.desc.y0 == -4);
    assert_string_equal(w.desc.spec, "adam:lr=0.05,beta1=0.8,x0=3,y0=-4");
    walk_end(&w);
}

/* ----------------------------------------------------- gd / sgd family */

static void test_sgd_family_by_hand(void **state)
{
    (void)state;
    /* On BOWL from (1, 1): g = (x, 4y).  lr = 0.1 throughout. */

    /* Plain GD: x *= 1 - 0.1, y *= 1 - 0.4. */
    expect_walk("gd:lr=0.1", 1, 1, (double[]){0.9, 0.81, 0.729}, (double[]){0.6, 0.36, 0.216}, 3);

    /* weight_decay 0.5: g = 1.5x, 4.5y, so x *= 0.85, y *= 0.55. */
    expect_walk("gd:lr=0.1,weight_decay=0.5", 1, 1, (double[]){0.85, 0.7225, 0.614125},
                (double[]){0.55, 0.3025, 0.166375}, 3);

    /* momentum 0.5.  The buffer starts as g at step 1:
     *   x: g=1 b=1 x=0.9;  g=0.9 b=1.4 x=0.76;  g=0.76 b=1.46 x=0.614
     *   y: g=4 b=4 y=0.6;  g=2.4 b=4.4 y=0.16;  g=0.64 b=2.84 y=-0.124 */
    expect_walk("gd:lr=0.1,momentum=0.5", 1, 1, (double[]){0.9, 0.76, 0.614},
                (double[]){0.6, 0.16, -0.124}, 3);
    expect_walk("momentum:lr=0.1,momentum=0.5", 1, 1, (double[]){0.9, 0.76, 0.614},
                (double[]){0.6, 0.16, -0.124}, 3);

    /* dampening 0.5 is not applied at step 1 (b = g), then b = 0.5b + 0.5g:
     *   x: b=1 x=0.9;  g=0.9 b=0.95 x=0.805;  g=0.805 b=0.8775 x=0.71725
     *   y: b=4 y=0.6;  g=2.4 b=3.2 y=0.28;  g=1.12 b=2.16 y=0.064 */
    expect_walk("gd:lr=0.1,momentum=0.5,dampening=0.5", 1, 1, (double[]){0.9, 0.805, 0.71725},
                (double[]){0.6, 0.28, 0.064}, 3);

    /* nesterov: step along g + μ b.
     *   x: b=1 d=1.5 x=0.85;  g=0.85 b=1.35 d=1.525 x=0.6975;
     *      g=0.6975 b=1.3725 d=1.38375 x=0.559125
     *   y: b=4 d=6 y=0.4;  g=1.6 b=3.6 d=3.4 y=0.06;  g=0.24 b=2.04 d=1.26 y=-0.066 */
    expect_walk("gd:lr=0.1,momentum=0.5,nesterov=1", 1, 1,
                (double[]){0.85, 0.6975, 0.559125}, (double[]){0.4, 0.06, -0.066}, 3);
    expect_walk("nesterov:lr=0.1,momentum=0.5", 1, 1, (double[]){0.85, 0.6975, 0.559125},
                (double[]){0.4, 0.06, -0.066}, 3);

    /* sgd without noise is gd. */
    expect_walk("sgd:lr=0.1,noise=0", 1, 1, (double[]){0.9, 0.81, 0.729},
                (double[]){0.6, 0.36, 0.216}, 3);
}

static void test_sgd_family_reference(void **state)
{
    (void)state;
    static const struct {
        const char *spec;
        SgdRef ref;
    } cases[] = {
        {"gd:lr=0.05", {.lr = 0.05}},
        {"gd", {.lr = 0.01}},
        {"gd:lr=0.2,momentum=0.9", {.lr = 0.2, .momentum = 0.9}},
        {"gd:lr=0.1,momentum=0.7,dampening=0.3,weight_decay=0.2",
         {.lr = 0.1, .momentum = 0.7, .dampening = 0.3, .weight_decay = 0.2}},
        {"gd:lr=0.1,momentum=0.6,nesterov=1,weight_decay=0.3",
         {.lr = 0.1, .momentum = 0.6, .weight_decay = 0.3, .nesterov = true}},
        {"momentum", {.lr = 0.01, .momentum = 0.9}},
        {"momentum:lr=0.05,dampening=0.9", {.lr = 0.05, .momentum = 0.9, .dampening = 0.9}},
        {"nesterov", {.lr = 0.01, .momentum = 0.9, .nesterov = true}},
        {"nesterov:lr=0.15,momentum=0.4,weight_decay=0.1",
         {.lr = 0.15, .momentum = 0.4, .weight_decay = 0.1, .nesterov = true}},
        {"sgd:lr=0.3,momentum=0.2,noise=0", {.lr = 0.3, .momentum = 0.2}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double xs[REF_STEPS], ys[REF_STEPS];
        ref_sgd(cases[i].ref, X0, 1.0, xs);
        ref_sgd(cases[i].ref, Y0, 4.0, ys);
        expect_walk(cases[i].spec, X0, Y0, xs, ys, REF_STEPS);
    }
}

/* -------------------------------------------------------------- adagrad */

static void test_adagrad(void **state)
{
    (void)state;
    /* From x = 1 with lr 0.5: the accumulator becomes 1, x = 1 - 0.5/(1 + eps);
     * then g = x1, sum = 1 + x1², x2 = x1 - 0.5 x1 / (√sum + eps). */
    double eps = 1e-10;
    double x1 = 1.0 - 0.5 / (1.0 + eps);
    double x2 = x1 - 0.5 * x1 / (sqrt(1.0 + x1 * x1) + eps);
    /* y from 1, g = 4y: sum = 16, y1 = 1 - 0.5·4/(4 + eps) = 0.5 (to 1e-10) */
    double y1 = 1.0 - 0.5 * 4.0 / (4.0 + eps);
    double y2 = y1 - 0.5 * 4.0 * y1 / (sqrt(16.0 + 16.0 * y1 * y1) + eps);
    expect_walk("adagrad:lr=0.5", 1, 1, (double[]){x1, x2}, (double[]){y1, y2}, 2);

    /* lr_decay 0.1: step 2 uses lr / 1.1. */
    x2 = x1 - 0.5 / 1.1 * x1 / (sqrt(1.0 + x1 * x1) + eps);
    y2 = y1 - 0.5 / 1.1 * 4.0 * y1 / (sqrt(16.0 + 16.0 * y1 * y1) + eps);
    expect_walk("adagrad:lr=0.5,lr_decay=0.1", 1, 1, (double[]){x1, x2}, (double[]){y1, y2}, 2);

    /* initial_accumulator_value 3: the first sum is 3 + 1 = 4, x1 = 1 - 0.5/2. */
    expect_walk("adagrad:lr=0.5,initial_accumulator_value=3", 1, 1,
                (double[]){1.0 - 0.5 / (2.0 + eps)},
                (double[]){1.0 - 0.5 * 4.0 / (sqrt(19.0) + eps)}, 1);

    static const struct {
        const char *spec;
        AdagradRef ref;
    } cases[] = {
        {"adagrad", {.lr = 0.01, .eps = 1e-10}},
        {"adagrad:lr=0.7,lr_decay=0.3", {.lr = 0.7, .lr_decay = 0.3, .eps = 1e-10}},
        {"adagrad:lr=0.4,initial_accumulator_value=0.25",
         {.lr = 0.4, .initial_accumulator_value = 0.25, .eps = 1e-10}},
        {"adagrad:lr=0.3,lr_decay=0.05,initial_accumulator_value=2,eps=0.01,weight_decay=0.5",
         {.lr = 0.3, .lr_decay = 0.05, .initial_accumulator_value = 2, .eps = 0.01,
          .weight_decay = 0.5}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double xs[REF_STEPS], ys[REF_STEPS];
        ref_adagrad(cases[i].ref, X0, 1.0, xs);
        ref_adagrad(cases[i].ref, Y0, 4.0, ys);
        expect_walk(cases[i].spec, X0, Y0, xs, ys, REF_STEPS);
    }
}

/* -------------------------------------------------------------- rmsprop */

static void test_rmsprop(void **state)
{
    (void)state;
    /* v starts at 0, so the first step is lr g / (√((1-α) g²) + eps),
     * about lr / √(1 - α) = 0.1 for the defaults, in both coordinates. */
    double eps = 1e-8;
    expect_walk("rmsprop", 1, 1, (double[]){1.0 - 0.01 / (0.1 + eps)},
                (double[]){1.0 - 0.01 * 4.0 / (0.4 + eps)}, 1);
    /* centered: the running mean of g is 0.01 g, so the denominator is
     * √(0.01 g² - 0.0001 g²) + eps = √0.0099 |g| + eps. */
    expect_walk("rmsprop:centered=1", 1, 1, (double[]){1.0 - 0.01 / (sqrt(0.0099) + eps)},
                (double[]){1.0 - 0.01 * 4.0 / (4.0 * sqrt(0.0099) + eps)}, 1);
    /* momentum 0.5: b = g/avg at step 1 (b starts at 0), then 0.5b + g/avg. */
    double bx1 = 1.0 / (0.1 + eps), by1 = 4.0 / (0.4 + eps);
    double x1 = 1.0 - 0.01 * bx1, y1 = 1.0 - 0.01 * by1;
    double bx2 = 0.5 * bx1 + x1 / (sqrt(0.99 * 0.01 + 0.01 * x1 * x1) + eps);
    double by2 = 0.5 * by1 + 4.0 * y1 / (sqrt(0.99 * 0.16 + 0.01 * 16.0 * y1 * y1) + eps);
    expect_walk("rmsprop:momentum=0.5", 1, 1, (double[]){x1, x1 - 0.01 * bx2},
                (double[]){y1, y1 - 0.01 * by2}, 2);

    static const struct {
        const char *spec;
        RmspropRef ref;
    } cases[] = {
        {"rmsprop", {.lr = 0.01, .alpha = 0.99, .eps = 1e-8}},
        {"rmsprop:lr=0.05,alpha=0.9", {.lr = 0.05, .alpha = 0.9, .eps = 1e-8}},
        {"rmsprop:lr=0.02,momentum=0.8", {.lr = 0.02, .alpha = 0.99, .eps = 1e-8, .momentum = 0.8}},
        {"rmsprop:lr=0.02,centered=1", {.lr = 0.02, .alpha = 0.99, .eps = 1e-8, .centered = true}},
        {"rmsprop:lr=0.02,weight_decay=0.3",
         {.lr = 0.02, .alpha = 0.99, .eps = 1e-8, .weight_decay = 0.3}},
        {"rmsprop:lr=0.03,alpha=0.8,eps=0.001,momentum=0.6,centered=1,weight_decay=0.1",
         {.lr = 0.03, .alpha = 0.8, .eps = 0.001, .momentum = 0.6, .centered = true,
          .weight_decay = 0.1}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double xs[REF_STEPS], ys[REF_STEPS];
        ref_rmsprop(cases[i].ref, X0, 1.0, xs);
        ref_rmsprop(cases[i].ref, Y0, 4.0, ys);
        expect_walk(cases[i].spec, X0, Y0, xs, ys, REF_STEPS);
    }
}

/* --------------------------------------------------------- adam, adamw */

static void test_adam(void **state)
{
    (void)state;
    /* Bias correction makes the first step lr g / (|g| + eps): x = 1 - 0.1. */
    double eps = 1e-8;
    expect_walk("adam:lr=0.1", 1, -2, (double[]){1.0 - 0.1 / (1.0 + eps)},
                (double[]){-2.0 + 0.1 * 8.0 / (8.0 + eps)}, 1);
    /* adamw decays θ by lr·wd = 0.05 before that step, with g taken at the
     * old θ: x = 0.95·1 - 0.1, y = 0.95·(-2) + 0.1. */
    expect_walk("adamw:lr=0.1,weight_decay=0.5", 1, -2, (double[]){0.95 - 0.1 / (1.0 + eps)},
                (double[]){-1.9 + 0.1 * 8.0 / (8.0 + eps)}, 1);
    /* adam's weight_decay goes into g instead: g = 1.5 at x = 1, and the
     * first step is still lr·g/|g|. */
    expect_walk("adam:lr=0.1,weight_decay=0.5", 1, -2, (double[]){1.0 - 0.1 / (1.0 + eps / 1.5)},
                (double[]){-2.0 + 0.1 / (1.0 + eps / 9.0)}, 1);

    static const struct {
        const char *spec;
        AdamRef ref;
    } cases[] = {
        {"adam", {.lr = 0.001, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8}},
        {"adam:lr=0.1", {.lr = 0.1, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8}},
        {"adam:lr=0.1,beta1=0.5,beta2=0.9,eps=0.01",
         {.lr = 0.1, .beta1 = 0.5, .beta2 = 0.9, .eps = 0.01}},
        {"adam:lr=0.1,weight_decay=0.3",
         {.lr = 0.1, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8, .weight_decay = 0.3}},
        {"adam:lr=0.1,beta2=0.5,amsgrad=1",
         {.lr = 0.1, .beta1 = 0.9, .beta2 = 0.5, .eps = 1e-8, .amsgrad = AMS_RAW}},
        {"adam:lr=0.1,amsgrad=1",
         {.lr = 0.1, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8, .amsgrad = AMS_RAW}},
        {"adamw", {.lr = 0.001, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8,
                   .weight_decay = 0.01, .decoupled = true}},
        {"adamw:lr=0.1,weight_decay=0.4", {.lr = 0.1, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8,
                                           .weight_decay = 0.4, .decoupled = true}},
        {"adamw:lr=0.1,beta2=0.5,weight_decay=0.2,amsgrad=1",
         {.lr = 0.1, .beta1 = 0.9, .beta2 = 0.5, .eps = 1e-8, .weight_decay = 0.2,
          .decoupled = true, .amsgrad = AMS_RAW}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double xs[REF_STEPS], ys[REF_STEPS];
        ref_adam(cases[i].ref, X0, 1.0, xs);
        ref_adam(cases[i].ref, Y0, 4.0, ys);
        expect_walk(cases[i].spec, X0, Y0, xs, ys, REF_STEPS);
    }
}

/* AMSGrad keeps the max of the raw v.  With β2 = 0.5 the raw v falls after
 * step 1 while the bias-corrected one would not; the three readings give
 * trajectories that differ by more than 1e-3 by step 5, so matching the
 * first is meaningful. */
static void test_amsgrad_keeps_raw_max(void **state)
{
    (void)state;
    AdamRef raw = {.lr = 0.1, .beta1 = 0.9, .beta2 = 0.5, .eps = 1e-8, .amsgrad = AMS_RAW};
    AdamRef corrected = raw, off = raw;
    corrected.amsgrad = AMS_CORRECTED;
    off.amsgrad = AMS_OFF;
    double xs_raw[REF_STEPS], xs_corrected[REF_STEPS], xs_off[REF_STEPS];
    ref_adam(raw, X0, 1.0, xs_raw);
    ref_adam(corrected, X0, 1.0, xs_corrected);
    ref_adam(off, X0, 1.0, xs_off);
    assert_true(fabs(xs_raw[4] - xs_corrected[4]) > 1e-3);
    assert_true(fabs(xs_raw[4] - xs_off[4]) > 1e-3);

    Walk w;
    walk_start(&w, BOWL, "adam:lr=0.1,beta2=0.5,amsgrad=1", X0, Y0);
    for (int i = 0; i < REF_STEPS; i++) {
        walk_step(&w);
        expect_close(w.state.x, xs_raw[i], HAND_TOL, "amsgrad x", i + 1);
        /* The kept max is in aux and never below the raw v in sq. */
        assert_true(w.state.aux[0] >= w.state.sq[0]);
    }
    walk_end(&w);
}

/* -------------------------------------------------------------- newton */

static void test_newton(void **state)
{
    (void)state;
    /* lr = 1 solves any quadratic in one step, rotated or not. */
    static const char *const quadratics[] = {
        "quadratic:l1=1,l2=50,angle=30", "quadratic:l1=0.1,l2=3,angle=-70", "booth", "matyas",
    };
    static const double minima[][2] = {{0, 0}, {0, 0}, {1, 3}, {0, 0}};
    for (size_t i = 0; i < sizeof quadratics / sizeof quadratics[0]; i++) {
        Walk w;
        walk_start(&w, quadratics[i], "newton", 4.5, -3.25);
        walk_step(&w);
        expect_close(w.state.x, minima[i][0], 1e-12, quadratics[i], 1);
        expect_close(w.state.y, minima[i][1], 1e-12, quadratics[i], 1);
        walk_end(&w);
    }
    /* damping d on BOWL: x -= lr·x/(1 + d), y -= lr·4y/(4 + d).
     * lr 0.5, d 1: x *= 0.75, y *= 0.6. */
    expect_walk("newton:lr=0.5,damping=1", 1, 1, (double[]){0.75, 0.5625, 0.421875},
                (double[]){0.6, 0.36, 0.216}, 3);
}

/* ---------------------------------------------------------------- flow */

/* Gradient flow on a quadratic is u(t) = u0 e^(-l1 t), v(t) = v0 e^(-l2 t) in
 * the rotated coordinates; after k updates t = k·lr.  Every point must be
 * within 1e-8 (absolute, the start is O(1)). */
static void test_flow_follows_exact_solution(void **state)
{
    (void)state;
    static const struct {
        double l1, l2, angle, lr;
        int steps;
    } cases[] = {
        {1, 10, 0, 0.01, 500},
        {1, 10, 30, 0.01, 500},
        {0.5, 20, -50, 0.1, 60},
        {2, 3, 120, 1.0, 10},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char landscape[128], opt[64];
        snprintf(landscape, sizeof landscape, "quadratic:l1=%g,l2=%g,angle=%g", cases[i].l1,
                 cases[i].l2, cases[i].angle);
        snprintf(opt, sizeof opt, "flow:lr=%g", cases[i].lr);
        double x0 = 1.5, y0 = -2.0;
        double a = cases[i].angle * M_PI / 180.0, c = cos(a), s = sin(a);
        double u0 = c * x0 + s * y0, v0 = -s * x0 + c * y0;
        Walk w;
        walk_start(&w, landscape, opt, x0, y0);
        for (int k = 1; k <= cases[i].steps; k++) {
            walk_step(&w);
            double t = k * cases[i].lr;
            double u = u0 * exp(-cases[i].l1 * t), v = v0 * exp(-cases[i].l2 * t);
            if (!close_enough(w.state.x, c * u - s * v, 1e-8) ||
                !close_enough(w.state.y, s * u + c * v, 1e-8))
                fail_msg("%s on %s, t = %g: (%.17g, %.17g), exact (%.17g, %.17g)", opt,
                         landscape, t, w.state.x, w.state.y, c * u - s * v, s * u + c * v);
        }
        walk_end(&w);
    }
}

/* ------------------------------------------------------ GD's stability */

/* GD on a quadratic multiplies the eigen-component along λ by 1 - lr λ, so it
 * converges exactly when lr < 2/λmax.  1% below: the stiff component shrinks
 * by 0.98 a step (1e-17 after 2000); 1% above it grows by 1.02 (1e17). */
static void test_gd_stability_threshold(void **state)
{
    (void)state;
    static const struct {
        double l1, l2, angle;
    } cases[] = {{1, 10, 0}, {3, 7, 30}, {50, 2, 75}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char landscape[128];
        snprintf(landscape, sizeof landscape, "quadratic:l1=%g,l2=%g,angle=%g", cases[i].l1,
                 cases[i].l2, cases[i].angle);
        double critical = 2.0 / fmax(cases[i].l1, cases[i].l2);
        for (int side = -1; side <= 1; side += 2) {
            char opt[64];
            snprintf(opt, sizeof opt, "gd:lr=%.17g", critical * (1.0 + 0.01 * side));
            Walk w;
            walk_start(&w, landscape, opt, 1.0, 1.0);
            for (int k = 0; k < 2000; k++)
                walk_step(&w);
            double r = hypot(w.state.x, w.state.y);
            if (side < 0 && !(r < 1e-6))
                fail_msg("%s on %s should converge: |θ| = %g", opt, landscape, r);
            if (side > 0 && !(r > 1e6))
                fail_msg("%s on %s should diverge: |θ| = %g", opt, landscape, r);
            walk_end(&w);
        }
    }
}

/* --------------------------------------------------------------- noise */

static void test_noise_reproducible_by_seed(void **state)
{
    (void)state;
    static const char *const specs[] = {
        "sgd:lr=0.01,noise=0.5", "adam:lr=0.05,noise=2", "momentum:noise=1",
        "newton:lr=0.5,noise=0.1",
    };
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        char seed3[96], seed4[96];
        snprintf(seed3, sizeof seed3, "%s,seed=3", specs[i]);
        snprintf(seed4, sizeof seed4, "%s,seed=4", specs[i]);
        /* a, b: seed 3 twice.  c: seed 4.  d: spec seed 3 started with seed 4,
         * as a swarm starts its second particle: the same walk as c. */
        Walk a, b, c, d;
        walk_start(&a, BOWL, seed3, -1, 1);
        walk_start(&b, BOWL, seed3, -1, 1);
        walk_start(&c, BOWL, seed4, -1, 1);
        walk_start(&d, BOWL, seed3, -1, 1);
        assert_int_equal(a.desc.seed, 3);
        optimizer_init(&d.desc, -1, 1, 4, &d.state);
        bool c_differs = false;
        for (int k = 0; k < 200; k++) {
            walk_step(&a);
            walk_step(&b);
            walk_step(&c);
            walk_step(&d);
            assert_memory_equal(&a.state.x, &b.state.x, sizeof a.state.x);
            assert_memory_equal(&a.state.y, &b.state.y, sizeof a.state.y);
            assert_memory_equal(&c.state.x, &d.state.x, sizeof c.state.x);
            assert_memory_equal(&c.state.y, &d.state.y, sizeof c.state.y);
            c_differs |= a.state.x != c.state.x || a.state.y != c.state.y;
        }
        if (!c_differs)
            fail_msg("%s: seed 4 walked the same path as seed 3", specs[i]);
        walk_end(&a);
        walk_end(&b);
        walk_end(&c);
        walk_end(&d);
    }
}

/* The noisy gradient is the exact one plus σξ, ξ ~ N(0, I).  Over n = 100000
 * updates the sample mean of (noisy - exact)/σ has standard error 1/√n and
 * the sample variance of it 1·√(2/n); the lag-1 and cross-coordinate
 * products have standard error 1/√n; the mean of ξ⁴ is 3 (Gaussian tails:
 * a uniform ξ would give 1.8) with standard error √((105 - 9)/n).  Each is checked to 5 standard errors
 * (a false alarm has probability below 1e-6; the seed is fixed anyway). */
static void test_noise_mean_and_variance(void **state)
{
    (void)state;
    static const struct {
        const char *spec;
        double sigma;
    } cases[] = {
        {"sgd:lr=0.01,noise=0.5,seed=11", 0.5},
        {"gd:noise=3,seed=12", 3.0},
        {"momentum:noise=0.1,seed=13", 0.1},
        {"nesterov:noise=1,seed=14", 1.0},
        {"adagrad:noise=1,seed=15", 1.0},
        {"rmsprop:noise=1,seed=16", 1.0},
        {"adam:lr=0.01,noise=2,seed=17", 2.0},
        {"adamw:noise=0.5,seed=18", 0.5},
        {"newton:noise=0.25,seed=19", 0.25},
    };
    const int n = 100000;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Walk w;
        walk_start(&w, BOWL, cases[i].spec, 1.0, -1.0);
        double sum[2] = {0, 0}, sumsq[2] = {0, 0}, sum4[2] = {0, 0};
        double cross = 0, lag = 0, previous = 0;
        for (int k = 0; k < n; k++) {
            double exact[2];
            landscape_value_grad(w.landscape, w.state.x, w.state.y, exact);
            walk_step(&w);
            double xi[2];
            for (int c = 0; c < 2; c++) {
                xi[c] = (w.state.grad[c] - exact[c]) / cases[i].sigma;
                sum[c] += xi[c];
                sumsq[c] += xi[c] * xi[c];
                sum4[c] += xi[c] * xi[c] * xi[c] * xi[c];
            }
            cross += xi[0] * xi[1];
            lag += xi[0] * previous;
            previous = xi[0];
        }
        double se = 1.0 / sqrt(n);
        for (int c = 0; c < 2; c++) {
            double mean = sum[c] / n;
            double variance = (sumsq[c] - n * mean * mean) / (n - 1);
            double fourth = sum4[c] / n;
            print_message("%s coordinate %d: mean %.4f, variance %.4f, E[ξ⁴] %.3f\n",
                          cases[i].spec, c, mean, variance, fourth);
            assert_close(mean, 0, 5 * se);
            assert_close(variance, 1.0, 5 * sqrt(2.0) * se);
            assert_close(fourth, 3.0, 5 * sqrt(96.0) * se);
        }
        assert_close(cross / n, 0, 5 * se);
        assert_close(lag / n, 0, 5 * se);
        walk_end(&w);
    }
}

/* The shaped noises at one point: the walker is put back at (x, y) before
 * each of n = 40000 updates, and the sample covariance of the noise (noisy
 * gradient minus the gradient without it, same seed) is set beside the
 * covariance each model promises, written out here independently:
 *   noise_model=hessian: σ²|H|, |H| = Σ |λ_i| v_i v_iᵀ from H's eigenvectors
 *     (angle ½ atan2(2H_xy, H_xx − H_yy)); rosenbrock at (−0.5, 0.5) has
 *     H = [[102, 200], [200, 200]], indefinite, so |H| ≠ H there;
 *   label_noise on uv: f = u v, ∇f = (v, u), covariance σ² ∇f ∇fᵀ;
 *   label_noise on linreg, full batch: −(σ/N) Σ ξ_i x_i, covariance
 *     σ²/N² Σ x_i x_iᵀ; with batches of B dividing N, σ²/B² Σ over the
 *     batch, on average σ²/(B N) Σ x_i x_iᵀ.
 * An entry of a sample covariance of n draws has standard error
 * √((C_ii C_jj + C_ij²)/n); each is checked to 5 of them. */
static void expected_abs_hessian(const Landscape *ls, double x, double y, double sigma,
                                 double dest[3])
{
    LandscapeEval e;
    landscape_eval(ls, x, y, &e);
    double mean = 0.5 * (e.hess[0] + e.hess[2]), r = hypot(0.5 * (e.hess[0] - e.hess[2]), e.hess[1]);
    double angle = 0.5 * atan2(2.0 * e.hess[1], e.hess[0] - e.hess[2]);
    double c = cos(angle), s = sin(angle), big = fabs(mean + r), small = fabs(mean - r);
    dest[0] = sigma * sigma * (big * c * c + small * s * s);
    dest[1] = sigma * sigma * (big - small) * c * s;
    dest[2] = sigma * sigma * (big * s * s + small * c * c);
}

static void expected_label_noise(const Landscape *ls, double x, double y, double sigma,
                                 size_t batch, double dest[3])
{
    const Dataset *d = landscape_dataset(ls);
    if (!d) { /* uv */
        dest[0] = sigma * sigma * y * y;
        dest[1] = sigma * sigma * x * y;
        dest[2] = sigma * sigma * x * x;
        return;
    }
    double per = batch ? (double)batch : (double)d->n;
    double scale = sigma * sigma / (per * (double)d->n);
    dest[0] = dest[1] = dest[2] = 0.0;
    for (size_t i = 0; i < d->n; i++) {
        dest[0] += scale * d->x1[i] * d->x1[i];
        dest[1] += scale * d->x1[i] * d->x2[i];
        dest[2] += scale * d->x2[i] * d->x2[i];
    }
}

static void test_shaped_noise_covariance(void **state)
{
    (void)state;
    static const struct {
        const char *landscape, *noisy, *plain;
        double x, y, sigma;
        size_t batch;
        bool hessian;
    } cases[] = {
        {"rosenbrock", "gd:noise=0.3,noise_model=hessian,seed=5", "gd", -0.5, 0.5, 0.3, 0, true},
        {"quadratic:l1=1,l2=10,angle=30", "gd:noise=2,noise_model=hessian,seed=6", "gd", 0.4,
         -1.0, 2.0, 0, true},
        {"double_well", "gd:noise=1,noise_model=hessian,seed=7", "gd", 0.1, 0.3, 1.0, 0, true},
        {"uv", "gd:label_noise=0.7,seed=8", "gd", 1.5, -0.5, 0.7, 0, false},
        {"linreg:n=12", "gd:label_noise=2,seed=9", "gd", 0.3, 0.2, 2.0, 0, false},
        {"linreg:n=12", "sgd:batch=3,label_noise=2,seed=10", "sgd:batch=3,seed=10", 0.3, 0.2,
         2.0, 3, false},
    };
    const int n = 40000;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Walk noisy, plain;
        walk_start(&noisy, cases[i].landscape, cases[i].noisy, cases[i].x, cases[i].y);
        walk_start(&plain, cases[i].landscape, cases[i].plain, cases[i].x, cases[i].y);
        double sum[2] = {0, 0}, prod[3] = {0, 0, 0};
        for (int k = 0; k < n; k++) {
            noisy.state.x = plain.state.x = cases[i].x;
            noisy.state.y = plain.state.y = cases[i].y;
            walk_step(&noisy);
            walk_step(&plain);
            double d0 = noisy.state.grad[0] - plain.state.grad[0];
            double d1 = noisy.state.grad[1] - plain.state.grad[1];
            sum[0] += d0;
            sum[1] += d1;
            prod[0] += d0 * d0;
            prod[1] += d0 * d1;
            prod[2] += d1 * d1;
        }
        double expected[3];
        if (cases[i].hessian)
            expected_abs_hessian(noisy.landscape, cases[i].x, cases[i].y, cases[i].sigma,
                                 expected);
        else
            expected_label_noise(noisy.landscape, cases[i].x, cases[i].y, cases[i].sigma,
                                 cases[i].batch, expected);
        double covariance[3] = {prod[0] / n - sum[0] * sum[0] / ((double)n * n),
                                prod[1] / n - sum[0] * sum[1] / ((double)n * n),
                                prod[2] / n - sum[1] * sum[1] / ((double)n * n)};
        static const int row[3] = {0, 0, 2}, col[3] = {0, 2, 2};
        for (int e = 0; e < 3; e++) {
            double se = sqrt((expected[row[e]] * expected[col[e]] + expected[e] * expected[e]) / n);
            print_message("%s on %s: covariance[%d] %.5g, expected %.5g (se %.2g)\n",
                          cases[i].noisy, cases[i].landscape, e, covariance[e], expected[e], se);
            assert_close_where(covariance[e], expected[e], 5 * se, "%s on %s, entry %d",
                               cases[i].noisy, cases[i].landscape, e);
        }
        walk_end(&noisy);
        walk_end(&plain);
    }
}

/* The shaped noises are seeded like noise=: the same spec and seed give the
 * same walk, bit for bit, and another seed another walk. */
static void test_shaped_noise_reproducible(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"double_well", "sgd:lr=0.02,noise=2,noise_model=hessian"},
        {"uv", "sgd:lr=0.05,label_noise=0.5"},
        {"linreg:n=20", "momentum:lr=0.05,batch=4,label_noise=1,noise=0.1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char seed3[128], seed4[128];
        snprintf(seed3, sizeof seed3, "%s,seed=3", cases[i][1]);
        snprintf(seed4, sizeof seed4, "%s,seed=4", cases[i][1]);
        Walk a, b, c;
        walk_start(&a, cases[i][0], seed3, 0.8, 0.4);
        walk_start(&b, cases[i][0], seed3, 0.8, 0.4);
        walk_start(&c, cases[i][0], seed4, 0.8, 0.4);
        bool c_differs = false;
        for (int k = 0; k < 300; k++) {
            walk_step(&a);
            walk_step(&b);
            walk_step(&c);
            assert_memory_equal(&a.state.x, &b.state.x, sizeof a.state.x);
            assert_memory_equal(&a.state.y, &b.state.y, sizeof a.state.y);
            c_differs |= a.state.x != c.state.x || a.state.y != c.state.y;
        }
        if (!c_differs)
            fail_msg("%s: seed 4 walked the same path as seed 3", cases[i][1]);
        walk_end(&a);
        walk_end(&b);
        walk_end(&c);
    }
}

/* ---------------------------------------------------------- minibatches */

/* A dataset whose every minibatch can be read back from its gradient:
 * sample i is x = (1, 0), y = -2^i, so at w the sample gradient is
 * (w_x + 2^i, 0) and a batch B gives w_x + Σ_{i∈B} 2^i / |B|. */
#define POWERS_N 10

static void write_powers_dataset(char *path, size_t size)
{
    snprintf(path, size, "/tmp/descent-test-powers-XXXXXX.csv");
    int fd = mkstemps(path, 4);
    assert_true(fd >= 0);
    FILE *file = fdopen(fd, "w");
    assert_non_null(file);
    fprintf(file, "x1,x2,y\n");
    for (int i = 0; i < POWERS_N; i++)
        fprintf(file, "1,0,%d\n", -(1 << i));
    fclose(file);
}

/* The samples of the last update's batch of `size` on the powers dataset
 * (at w_x = 0 lr keeps it there), as a bit mask; 0 when the gradient is not
 * a batch of that many samples. */
static unsigned powers_batch(const Walk *w, int size)
{
    double sum = (w->state.grad[0] - w->state.x) * size;
    unsigned mask = (unsigned)lround(sum);
    if (fabs(sum - mask) > 1e-6 || __builtin_popcount(mask) != size || mask >= 1u << POWERS_N)
        return 0;
    return mask;
}

static void test_minibatch_epochs(void **state)
{
    (void)state;
    char path[64], landscape[128];
    write_powers_dataset(path, sizeof path);
    snprintf(landscape, sizeof landscape, "linreg:data=%s", path);

    /* batch 3 of 10: each epoch is batches of 3, 3, 3 and 1, together every
     * sample exactly once.  lr = 0 keeps w at (0, 0). */
    Walk w;
    walk_start(&w, landscape, "sgd:lr=0,batch=3,seed=5", 0, 0);
    assert_int_equal(landscape_sample_count(w.landscape), POWERS_N);
    static const int sizes[] = {3, 3, 3, 1};
    const int epochs = 6;
    unsigned order[6][4];
    for (int e = 0; e < epochs; e++) {
        unsigned seen = 0;
        for (int b = 0; b < 4; b++) {
            walk_step(&w);
            unsigned mask = powers_batch(&w, sizes[b]);
            if (mask == 0 || (mask & seen) != 0)
                fail_msg("epoch %d batch %d: gradient %.17g is not a batch of %d new samples "
                         "(seen %#x)", e, b, w.state.grad[0], sizes[b], seen);
            /* and it is exactly the landscape's gradient of that batch */
            uint32_t idx[3];
            size_t n = 0;
            for (uint32_t i = 0; i < POWERS_N; i++)
                if (mask & (1u << i))
                    idx[n++] = i;
            double expected[2];
            landscape_batch_grad(w.landscape, w.state.x, w.state.y, idx, n, expected);
            expect_close(w.state.grad[0], expected[0], 1e-12, "batch gradient", b);
            expect_close(w.state.grad[1], expected[1], 1e-12, "batch gradient", b);
            seen |= mask;
            order[e][b] = mask;
        }
        assert_int_equal(seen, (1u << POWERS_N) - 1);
    }
    /* Epochs are reshuffled: not all six in the same order (chance 1e-15). */
    bool reshuffled = false;
    for (int e = 1; e < epochs; e++)
        reshuffled |= memcmp(order[e], order[0], sizeof order[0]) != 0;
    assert_true(reshuffled);
    walk_end(&w);
    unlink(path);
}

/* sampling=independent: every update's batch is 3 distinct samples drawn
 * afresh, so batches overlap within what would be an epoch, and over
 * n = 20000 updates each sample is in a batch with frequency 3/10 (standard
 * error √(0.3·0.7/n) = 0.0032, checked to 5 of them). */
static void test_minibatch_independent(void **state)
{
    (void)state;
    char path[64], landscape[128];
    write_powers_dataset(path, sizeof path);
    snprintf(landscape, sizeof landscape, "linreg:data=%s", path);
    Walk w;
    walk_start(&w, landscape, "sgd:lr=0,batch=3,sampling=independent,seed=5", 0, 0);
    const int n = 20000;
    int count[POWERS_N] = {0}, overlaps = 0;
    unsigned previous = 0;
    for (int k = 0; k < n; k++) {
        walk_step(&w);
        unsigned mask = powers_batch(&w, 3);
        if (mask == 0)
            fail_msg("update %d: gradient %.17g is not a batch of 3 samples", k,
                     w.state.grad[0]);
        for (int i = 0; i < POWERS_N; i++)
            count[i] += (mask >> i) & 1u;
        overlaps += (mask & previous) != 0;
        previous = mask;
    }
    /* Consecutive independent batches of 3 from 10 share a sample with
     * probability 1 − C(7,3)/C(10,3) = 0.71; epochs never would. */
    assert_close((double)overlaps / n, 1.0 - 35.0 / 120.0, 5 * sqrt(0.21 / n));
    for (int i = 0; i < POWERS_N; i++)
        assert_close_where((double)count[i] / n, 0.3, 5 * sqrt(0.21 / n), "sample %d", i);
    walk_end(&w);
    unlink(path);
}

/* batch = 1 on a synthetic set: each update's gradient is one sample's, and
 * each epoch of N updates uses every sample once (read back by matching the
 * gradient with each sample's own, at the same point). */
static void test_minibatch_single_samples(void **state)
{
    (void)state;
    enum { N = 25 };
    Walk w;
    walk_start(&w, "linreg:n=25,seed=7", "sgd:lr=0.05,seed=9", 0.3, -0.2);
    assert_int_equal(w.desc.batch, 1);
    for (int e = 0; e < 3; e++) {
        int uses[N] = {0};
        for (int k = 0; k < N; k++) {
            double x = w.state.x, y = w.state.y;
            walk_step(&w);
            int match = -1;
            for (uint32_t i = 0; i < N; i++) {
                double g[2];
                landscape_batch_grad(w.landscape, x, y, &i, 1, g);
                if (close_enough(w.state.grad[0], g[0], relative_tolerance(1e-12, g[0])) &&
                    close_enough(w.state.grad[1], g[1], relative_tolerance(1e-12, g[1])))
                    match = (int)i;
            }
            if (match < 0)
                fail_msg("epoch %d update %d: gradient matches no sample", e, k);
            uses[match]++;
        }
        for (int i = 0; i < N; i++)
            if (uses[i] != 1)
                fail_msg("epoch %d: sample %d used %d times", e, i, uses[i]);
    }
    walk_end(&w);
}

/* Without batch or noise, a data landscape gives its full gradient. */
static void test_full_batch_gradient(void **state)
{
    (void)state;
    Walk w;
    walk_start(&w, "logreg:n=40,seed=2,l2=0.1", "gd:lr=0.5", 0.4, -0.7);
    for (int k = 0; k < 5; k++) {
        double exact[2];
        landscape_value_grad(w.landscape, w.state.x, w.state.y, exact);
        walk_step(&w);
        expect_close(w.state.grad[0], exact[0], 1e-14, "full gradient x", k);
        expect_close(w.state.grad[1], exact[1], 1e-14, "full gradient y", k);
    }
    walk_end(&w);
}

/* ------------------------------------------------------ per-step record */

static void test_state_records_the_update(void **state)
{
    (void)state;
    Walk w;
    walk_start(&w, "rosenbrock", "momentum:lr=0.0002", -1.2, 1.0);
    assert_int_equal(w.state.t, 0);
    for (int k = 1; k <= 4; k++) {
        double x = w.state.x, y = w.state.y, g[2];
        landscape_value_grad(w.landscape, x, y, g);
        walk_step(&w);
        assert_int_equal(w.state.t, k);
        assert_true(w.state.lr_used == 0.0002);
        expect_close(w.state.grad[0], g[0], 1e-14, "grad x", k);
        expect_close(w.state.grad[1], g[1], 1e-14, "grad y", k);
        expect_close(w.state.step[0], w.state.x - x, 1e-15, "step x", k);
        expect_close(w.state.step[1], w.state.y - y, 1e-15, "step y", k);
    }
    walk_end(&w);
}

/* ----------------------------------------------------------- divergence */

/* Adaptive methods move at most about lr a step (lr is at most 1e9), so
 * they are sent up a cliff, -exp(y), which overflows within a step; Newton
 * with a huge lr on a saddle multiplies θ by 1 - lr each step. */
static void test_divergence_is_reported(void **state)
{
    (void)state;
    static const struct {
        const char *landscape, *spec;
    } cases[] = {
        {"rosenbrock", "gd:lr=10"},
        {"rosenbrock", "sgd:lr=10"},
        {"rosenbrock", "momentum:lr=10"},
        {"rosenbrock", "nesterov:lr=10"},
        {"saddle", "gd:lr=10"},
        {"expr:x^2-exp(y)", "adagrad:lr=1e9"},
        {"expr:x^2-exp(y)", "rmsprop:lr=1e9"},
        {"expr:x^2-exp(y)", "adam:lr=1e9"},
        {"expr:x^2-exp(y)", "adamw:lr=1e9"},
        {"saddle", "newton:lr=1e9"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Walk w;
        walk_start(&w, cases[i].landscape, cases[i].spec, -1.5, 2.0);
        StepResult result = STEP_OK;
        for (int k = 0; k < 1000 && result == STEP_OK; k++)
            result = optimizer_step(&w.desc, w.landscape, &w.state);
        if (result != STEP_DIVERGED)
            fail_msg("%s on %s: result %d after %ld steps, expected STEP_DIVERGED",
                     cases[i].spec, cases[i].landscape, (int)result, w.state.t);
        const OptimizerState *s = &w.state;
        assert_false(isfinite(s->x) && isfinite(s->y) && isfinite(s->grad[0]) &&
                     isfinite(s->grad[1]));
        walk_end(&w);
    }
    /* Flow on a saddle runs off to infinity: it must stop, not hang or crash. */
    Walk w;
    walk_start(&w, "saddle", "flow:lr=1000", 0.5, 0.5);
    StepResult result = STEP_OK;
    for (int k = 0; k < 10 && result == STEP_OK; k++)
        result = optimizer_step(&w.desc, w.landscape, &w.state);
    assert_int_not_equal(result, STEP_OK);
    if (result == STEP_DIVERGED)
        assert_false(isfinite(w.state.x) && isfinite(w.state.y));
    walk_end(&w);
}

/* ------------------------------------------------------------- parsing */

/* True when message names `name` other than inside an echo of the whole
 * spec (so "unknown key 'beta3' in 'adam:beta3=1'" counts, and
 * "bad spec 'adam:beta3=1'" does not). */
static bool names_outside_spec(const char *message, const char *spec, const char *name)
{
    char rest[DESCENT_ERROR_MAX];
    size_t spec_len = strlen(spec), n = 0;
    bool keep_spec = strcmp(spec, name) == 0;
    for (const char *p = message; *p != '\0' && n + 1 < sizeof rest;) {
        if (!keep_spec && strncmp(p, spec, spec_len) == 0) {
            rest[n++] = '|';
            p += spec_len;
        } else {
            rest[n++] = *p++;
        }
    }
    rest[n] = '\0';
    return strstr(rest, name) != NULL;
}

static void test_parse_errors_name_the_bad_part(void **state)
{
    (void)state;
    static const struct {
        const char *landscape, *spec, *names;
    } cases[] = {
        {BOWL, "adamm", "adamm"},
        {BOWL, "adam:beta3=1", "beta3"},
        {BOWL, "adam:lr=abc", "abc"},
        {BOWL, "adam:lr=0.1x", "0.1x"},
        {BOWL, "gd:lr=-1", "lr"},
        {BOWL, "gd:lr=nan", "lr"},
        {BOWL, "adam:beta1=1", "beta1"},
        {BOWL, "adamw:beta2=1.5", "beta2"},
        {BOWL, "gd:momentum=-0.5", "momentum"},
        {BOWL, "adagrad:eps=-1", "eps"},
        {BOWL, "adam:amsgrad=maybe", "maybe"},
        {BOWL, "gd:schedule=sometimes", "sometimes"},
        {BOWL, "sgd:batch=4", "batch"},
        {BOWL, "flow:noise=1", "noise"},
        {BOWL, "adam:momentum=0.9", "momentum"},
        /* torch.optim.SGD refuses these too. */
        {BOWL, "gd:nesterov=1", "momentum"},
        {BOWL, "momentum:nesterov=1,dampening=0.5", "dampening"},
        {"linreg:n=10", "sgd:batch=11", "batch"},
        {"linreg:n=10", "sgd:batch=2.5", "batch"},
        {BOWL, "sgd:noise_model=diagonal", "diagonal"},
        {"linreg:n=10", "sgd:batch=2,sampling=sometimes", "sometimes"},
        {BOWL, "sgd:label_noise=1", "label_noise"},
        {"logreg", "sgd:label_noise=1", "label_noise"},
        {"uv", "sgd:label_noise=-1", "label_noise"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DescentError err = {{0}};
        Landscape *landscape = landscape_create(cases[i].landscape, &err);
        assert_non_null(landscape);
        OptimizerDesc desc;
        if (optimizer_parse(cases[i].spec, landscape, &desc, &err))
            fail_msg("'%s' on %s parsed, expected an error", cases[i].spec, cases[i].landscape);
        if (!names_outside_spec(err.message, cases[i].spec, cases[i].names))
            fail_msg("'%s': message \"%s\" does not name '%s'", cases[i].spec, err.message,
                     cases[i].names);
        landscape_destroy(landscape);
    }
}

/* ------------------------------------------------------------- traits */

/* The keys the traits name are keys of the kind, and optimizer_number reads
 * every numeric key back as the spec gave it (a numeric key missing from
 * OptimizerDesc's fields would read NaN or 0). */
static void test_traits_name_numbers_of_the_kind(void **state)
{
    (void)state;
    size_t count;
    const OptimizerInfo *kinds = optimizer_kinds(&count);
    /* uv, not BOWL: label_noise needs labels. */
    Landscape *bowl = landscape_create("uv", &(DescentError){{0}});
    assert_non_null(bowl);
    for (size_t k = 0; k < count; k++) {
        const OptimizerInfo *info = &kinds[k];
        assert_ptr_equal(optimizer_info((OptimizerKind)k), info);
        const char *keys[] = {info->traits.momentum_key, info->traits.second_moment_key};
        for (size_t i = 0; i < 2; i++)
            if (keys[i] && !param_find(info->params, info->nparams, keys[i]))
                fail_msg("%s: trait key '%s' is not one of its keys", info->name, keys[i]);
        for (size_t p = 0; p < info->nparams; p++) {
            const ParamDef *def = &info->params[p];
            /* gamma and lr_min are the schedule's (desc.schedule). */
            if (def->type != PARAM_NUMBER || strcmp(def->name, "gamma") == 0 ||
                strcmp(def->name, "lr_min") == 0)
                continue;
            /* A value inside the range, unlike every default. */
            double v = def->min + 0.375 * (fmin(def->max, def->min + 1.0) - def->min);
            char spec[128];
            bool start = strcmp(def->name, "x0") == 0 || strcmp(def->name, "y0") == 0;
            if (start)
                snprintf(spec, sizeof spec, "%s:x0=%.17g,y0=%.17g", info->name, v, v);
            else
                snprintf(spec, sizeof spec, "%s:%s=%.17g", info->name, def->name, v);
            OptimizerDesc desc;
            DescentError err = {{0}};
            if (!optimizer_parse(spec, bowl, &desc, &err))
                fail_msg("'%s': %s", spec, err.message);
            if (optimizer_number(&desc, def->name) != v)
                fail_msg("'%s': optimizer_number reads %.17g", spec,
                         optimizer_number(&desc, def->name));
        }
    }
    assert_true(isnan(optimizer_number(&(OptimizerDesc){0}, "nesterov")));
    landscape_destroy(bowl);
}

/* Each trait against what the kind does: adaptive kinds give the two
 * coordinates of BOWL (curvatures 1 and 4, gradient (1, 4) at (1, 1))
 * different steps per unit gradient, the others the same one (or none);
 * a continuous kind takes no schedule; decoupled weight decay adds nothing
 * to the gradient (optimizer_explain's g' = g), coupled adds wd·θ = 0.5. */
static void test_traits_match_behaviour(void **state)
{
    (void)state;
    size_t count;
    const OptimizerInfo *kinds = optimizer_kinds(&count);
    for (size_t k = 0; k < count; k++) {
        const OptimizerInfo *info = &kinds[k];
        Walk walk;
        walk_start(&walk, BOWL, info->name, 1.0, 1.0);
        walk_step(&walk);
        double eff[2];
        bool diagonal = optimizer_effective_lr(&walk.desc, &walk.state, eff);
        bool per_coordinate = diagonal && eff[0] != eff[1];
        if (per_coordinate != info->traits.adaptive)
            fail_msg("%s: adaptive is %d, its steps per unit gradient differ: %d", info->name,
                     info->traits.adaptive, per_coordinate);
        walk_end(&walk);
        bool scheduled = param_find(info->params, info->nparams, "schedule") != NULL;
        if (scheduled == info->traits.continuous)
            fail_msg("%s: continuous is %d, takes a schedule: %d", info->name,
                     info->traits.continuous, scheduled);
        if (!param_find(info->params, info->nparams, "weight_decay")) {
            assert_false(info->traits.decoupled_weight_decay);
            continue;
        }
        char spec[64];
        snprintf(spec, sizeof spec, "%s:weight_decay=0.5", info->name);
        walk_start(&walk, BOWL, spec, 1.0, 1.0);
        OptimizerState before = walk.state;
        walk_step(&walk);
        UpdateTerms e;
        assert_true(optimizer_explain(&walk.desc, walk.landscape, &before, &walk.state, &e));
        double added = e.used_grad[0] - e.grad[0];
        if (added != (info->traits.decoupled_weight_decay ? 0.0 : 0.5))
            fail_msg("%s: decoupled is %d, wd added %g to g", info->name,
                     info->traits.decoupled_weight_decay, added);
        walk_end(&walk);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_and_defaults),
        cmocka_unit_test(test_sgd_family_by_hand),
        cmocka_unit_test(test_sgd_family_reference),
        cmocka_unit_test(test_adagrad),
        cmocka_unit_test(test_rmsprop),
        cmocka_unit_test(test_adam),
        cmocka_unit_test(test_amsgrad_keeps_raw_max),
        cmocka_unit_test(test_newton),
        cmocka_unit_test(test_flow_follows_exact_solution),
        cmocka_unit_test(test_gd_stability_threshold),
        cmocka_unit_test(test_noise_reproducible_by_seed),
        cmocka_unit_test(test_noise_mean_and_variance),
        cmocka_unit_test(test_shaped_noise_covariance),
        cmocka_unit_test(test_shaped_noise_reproducible),
        cmocka_unit_test(test_minibatch_epochs),
        cmocka_unit_test(test_minibatch_independent),
        cmocka_unit_test(test_minibatch_single_samples),
        cmocka_unit_test(test_full_batch_gradient),
        cmocka_unit_test(test_state_records_the_update),
        cmocka_unit_test(test_divergence_is_reported),
        cmocka_unit_test(test_parse_errors_name_the_bad_part),
        cmocka_unit_test(test_traits_name_numbers_of_the_kind),
        cmocka_unit_test(test_traits_match_behaviour),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
