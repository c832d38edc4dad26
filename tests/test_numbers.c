/* test_numbers.c — hostile numbers: every landscape x every
 * optimizer x learning rates 1e-6 ... 1e6 x starts far outside the view.
 * Nothing crashes or hangs (a run does at most the steps asked for),
 * divergence is reported as RUN_DIVERGED with the non-finite number in the
 * last path point only, and the floats a swarm hands to the GPU are always
 * finite.  Grids over absurd views never crash and count what they could
 * not compute. */
#include "testing.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/grid.h"
#include "core/run.h"
#include "core/swarm.h"

#define RUN_STEPS 60
/* Flow updates may each take thousands of integrator substeps at large rates. */
#define FLOW_RUN_STEPS 6
#define SWARM_PARTICLES 4
#define SWARM_STEPS 15
/* The whole sweep takes a few seconds; far more means something spins
 * (SIGALRM then kills the test, which meson reports as a failure). */
#define WATCHDOG_SECONDS 120

static const LandscapePoint far_starts[] = {
    {1e3, -1e3}, {-1e3, 1e3}, {1e150, 1e150}, {-1e150, 3e150}, {1e300, -1e300}, {0.5, 1e200},
};

/* A spec for each landscape kind; expr needs a body, so it gets one that
 * overflows (exp) as well as a tame one. */
static size_t landscape_specs(char specs[][64], size_t max)
{
    size_t count, n = 0;
    const LandscapeInfo *kinds = landscape_kinds(&count);
    for (size_t i = 0; i < count && n + 2 <= max; i++) {
        if (strcmp(kinds[i].name, "expr") == 0) {
            snprintf(specs[n++], 64, "expr:x^2+3*y^2");
            snprintf(specs[n++], 64, "expr:exp(x)*y+log(abs(y))-sqrt(x)");
        } else {
            snprintf(specs[n++], 64, "%s", kinds[i].name);
        }
    }
    return n;
}

static bool point_finite(RunPoint p)
{
    return isfinite(p.x) && isfinite(p.y) && isfinite(p.loss);
}

/* The run's path is finite up to its last point, which is non-finite
 * exactly when the run says it diverged. */
static void check_run(const char *lspec, const char *ospec, LandscapePoint start, const Run *run,
                      size_t steps, size_t done)
{
    const char *where = "";
    if (done > steps)
        where = "more steps than asked for";
    else if (run->count != done + 1)
        where = "path length is not steps + 1";
    for (size_t i = 0; !*where && i + 1 < run->count; i++)
        if (!point_finite(run->path[i]))
            where = "a non-finite point before the last";
    if (!*where) {
        bool last_finite = point_finite(run_head(run));
        switch (run->status) {
        case RUN_ACTIVE:
            if (!last_finite || done != steps)
                where = "active but non-finite or short";
            break;
        case RUN_DIVERGED:
            if (last_finite)
                where = "diverged with a finite last point";
            break;
        case RUN_STALLED:
            if (run->desc.kind != OPT_FLOW || !last_finite)
                where = "stalled outside flow, or non-finite";
            break;
        }
    }
    if (*where)
        fail_msg("%s on %s from (%g, %g): %s (status %d, %zu steps)", ospec, lspec, start.x,
                 start.y, where, (int)run->status, done);
}

static void check_swarm(const char *lspec, const char *ospec, LandscapePoint start,
                        const Landscape *landscape, const OptimizerDesc *desc)
{
    DescentError err = {""};
    Swarm *swarm = swarm_create(landscape, desc, start.x, start.y, SWARM_PARTICLES, &err);
    if (!swarm)
        fail_msg("%s on %s: %s", ospec, lspec, err.message);
    swarm_advance(swarm, SWARM_STEPS, 1);
    const float *positions = swarm_positions(swarm);
    for (size_t i = 0; i < 2 * SWARM_PARTICLES; i++)
        if (!isfinite(positions[i]))
            fail_msg("%s on %s from (%g, %g): swarm float %zu is %g", ospec, lspec, start.x,
                     start.y, i, (double)positions[i]);
    assert_true(swarm_diverged(swarm) <= SWARM_PARTICLES);
    swarm_destroy(swarm);
}

static void every_landscape_optimizer_rate_and_start(void **state)
{
    (void)state;
    char lspecs[40][64];
    size_t nl = landscape_specs(lspecs, 40), nopt;
    const OptimizerInfo *opts = optimizer_kinds(&nopt);
    size_t diverged = 0, total = 0;
    for (size_t l = 0; l < nl; l++) {
        Landscape *landscape = test_landscape(lspecs[l]);
        for (size_t o = 0; o < nopt; o++) {
            for (int e = -6; e <= 6; e++) {
                char ospec[128];
                snprintf(ospec, sizeof ospec, "%s:lr=1e%d", opts[o].name, e);
                OptimizerDesc desc = test_optimizer(ospec, landscape);
                /* The same walker made noisy, for the swarm (flow takes no noise). */
                char noisy[160];
                snprintf(noisy, sizeof noisy, "%s,noise=0.5,seed=4", ospec);
                OptimizerDesc noisy_desc;
                bool has_noisy = strcmp(opts[o].name, "flow") != 0;
                if (has_noisy)
                    noisy_desc = test_optimizer(noisy, landscape);
                for (size_t s = 0; s < sizeof far_starts / sizeof far_starts[0]; s++) {
                    LandscapePoint start = far_starts[s];
                    Run run;
                    assert_true(run_init(&run, landscape, &desc, start.x, start.y, NULL));
                    size_t steps = has_noisy ? RUN_STEPS : FLOW_RUN_STEPS;
                    size_t done = run_advance(&run, steps);
                    check_run(lspecs[l], ospec, start, &run, steps, done);
                    diverged += run.status == RUN_DIVERGED;
                    total++;
                    run_free(&run);
                    if (has_noisy)
                        check_swarm(lspecs[l], noisy, start, landscape, &noisy_desc);
                }
            }
        }
        landscape_destroy(landscape);
    }
    /* The sweep must actually reach both outcomes, or it tests nothing. */
    assert_true(diverged > 0);
    assert_true(diverged < total);
}

/* Starts of 1e150 with a rate of 1e6 overflow on the first step of plain
 * GD on a quadratic: the run stops there, diverged, at one step. */
static void overflow_on_first_step_is_divergence(void **state)
{
    (void)state;
    Landscape *landscape = test_landscape("quadratic:l1=1,l2=10");
    OptimizerDesc desc = test_optimizer("gd:lr=1e6", landscape);
    Run run;
    assert_true(run_init(&run, landscape, &desc, 1e150, 1e150, NULL));
    assert_int_equal(run.status, RUN_ACTIVE);
    size_t done = run_advance(&run, 1000);
    assert_int_equal(run.status, RUN_DIVERGED);
    assert_true(done < 1000);
    assert_false(point_finite(run_head(&run)));
    run_free(&run);
    landscape_destroy(landscape);
}

/* Regression: gradient flow at lr 1e6 resting in logreg's minimum took
 * about 170000 integrator substeps (0.6 s) per update, each under the old
 * cap of 200000, so a window stepping it froze.  An update now gives up
 * as stalled long before that. */
static void flow_at_huge_rate_stalls_instead_of_grinding(void **state)
{
    (void)state;
    Landscape *landscape = test_landscape("logreg");
    OptimizerDesc desc = test_optimizer("flow:lr=1e6", landscape);
    Run run;
    assert_true(run_init(&run, landscape, &desc, 1e3, -1e3, NULL));
    size_t done = run_advance(&run, RUN_STEPS);
    assert_int_equal(run.status, RUN_STALLED);
    assert_int_equal(done, 1);
    assert_true(point_finite(run_head(&run)));
    run_free(&run);
    landscape_destroy(landscape);
}

static void check_grid(const char *lspec, ViewRect view)
{
    enum { W = 33, H = 17 };
    static float cells[W * H];
    Landscape *landscape = test_landscape(lspec);
    GridStats stats = grid_sample(landscape, view, W, H, cells, 2);
    size_t nonfinite = 0;
    float lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < W * H; i++) {
        if (!isfinite(cells[i])) {
            nonfinite++;
        } else {
            lo = fminf(lo, cells[i]);
            hi = fmaxf(hi, cells[i]);
        }
    }
    if (stats.nonfinite != nonfinite)
        fail_msg("%s over [%g, %g] x [%g, %g]: %zu non-finite cells, stats say %zu", lspec,
                 view.xmin, view.xmax, view.ymin, view.ymax, nonfinite, stats.nonfinite);
    if (nonfinite < W * H && !(stats.min == lo && stats.max == hi))
        fail_msg("%s: stats [%g, %g], cells [%g, %g]", lspec, (double)stats.min,
                 (double)stats.max, (double)lo, (double)hi);
    landscape_destroy(landscape);
}

static void grids_over_huge_views(void **state)
{
    (void)state;
    static const ViewRect views[] = {
        {-1e3, 1e3, -1e3, 1e3},
        {-1e150, 1e150, -1e150, 1e150},
        {-1e308, 1e308, -1e308, 1e308}, /* its width overflows to infinity */
        {1e300, 1e300, -1, 1},          /* no width at all */
        {5, -5, 3, -3},                 /* upside down */
        {-1e-300, 1e-300, 0, 1e-320},   /* denormal height */
    };
    char lspecs[40][64];
    size_t nl = landscape_specs(lspecs, 40);
    for (size_t l = 0; l < nl; l++)
        for (size_t v = 0; v < sizeof views / sizeof views[0]; v++)
            check_grid(lspecs[l], views[v]);
}

int main(void)
{
    alarm(WATCHDOG_SECONDS);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(overflow_on_first_step_is_divergence),
        cmocka_unit_test(flow_at_huge_rate_stalls_instead_of_grinding),
        cmocka_unit_test(every_landscape_optimizer_rate_and_start),
        cmocka_unit_test(grids_over_huge_views),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
