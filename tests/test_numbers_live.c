/* test_numbers_live.c — hostile numbers in what a learner does to a live
 * stage: learning rates pushed ×1.25 past their range, β2 and
 * momentum pushed to 1, minibatches from 1 to the full batch and back,
 * runs and swarms rewound and sought around the update where they
 * diverged or stalled and past their end, the update rule explained on
 * diverged states, basins of attraction where the landscape is not
 * finite, sweeps at the ends of their ranges, and the floats the heatmap
 * and the 3D surface hand to the GPU over views half of which are NaN.
 * Nothing crashes or hangs (a watchdog ends a spinning file), a refused change says
 * why and leaves the run as it was, divergence stays reported, and no
 * non-finite number reaches a GPU buffer. */
#include "testing.h"

#include <float.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/basins.h"
#include "core/grid.h"
#include "core/optimizer_explain.h"
#include "core/sweep.h"
#include "render/gl_context.h"
#include "render/surface.h"
#include "render/value_scale.h"
#include "scene/scene.h"

/* The whole file takes seconds; far more means something spins. */
#define WATCHDOG_SECONDS 240

static bool point_finite(RunPoint p)
{
    return isfinite(p.x) && isfinite(p.y) && isfinite(p.loss);
}

/* Shown and remembered points are finite but the last computed one,
 * which is non-finite exactly when the run diverged there. */
static void check_run(const Run *run, const char *what)
{
    if (run->count < 1 || run->count > run->known)
        fail_msg("%s: %zu points shown of %zu", what, run->count, run->known);
    for (size_t i = 0; i + 1 < run->known; i++)
        if (!point_finite(run->path[i]))
            fail_msg("%s: point %zu of %zu is not finite", what, i, run->known);
    if (point_finite(run->path[run->known - 1]) != (run->known_status != RUN_DIVERGED))
        fail_msg("%s: last point finite %d, status %d", what,
                 point_finite(run->path[run->known - 1]), (int)run->known_status);
    if (point_finite(run_head(run)) != (run->status != RUN_DIVERGED))
        fail_msg("%s: shown point finite %d, status %d", what, point_finite(run_head(run)),
                 (int)run->status);
}

static void check_swarm(const Swarm *swarm, const char *what)
{
    const float *xy = swarm_positions(swarm);
    for (size_t i = 0; i < 2 * swarm_count(swarm); i++)
        if (!isfinite(xy[i]))
            fail_msg("%s: swarm float %zu is %g", what, i, (double)xy[i]);
    assert_true(swarm_diverged(swarm) <= swarm_count(swarm));
}

static void check_scene(const Scene *scene, const char *what)
{
    for (size_t i = 0; i < scene->run_count; i++)
        check_run(&scene->runs[i].run, what);
    if (scene->swarm)
        check_swarm(scene->swarm, what);
}

static Scene *make_scene(const char *landscape, const char *opt, double x, double y,
                         size_t particles)
{
    SceneOptions options = {.landscape = landscape, .runs = {opt}, .run_count = 1,
                            .has_start = true, .start = {x, y}, .particles = particles};
    DescentError err = {""};
    Scene *scene = scene_create(&options, &err);
    if (!scene)
        fail_msg("%s on %s: %s", opt, landscape, err.message);
    return scene;
}

/* ------------------------------------------------------------------------ */
/* Mid-run changes                                                           */

/* ] pressed until the learning rate leaves its range (1e9): each press
 * either takes (the run goes on, or restarts if it had stopped) or is
 * refused with a message naming lr and changes nothing. */
static void lr_scaled_past_its_range(void **state)
{
    (void)state;
    size_t nkinds;
    const OptimizerInfo *kinds = optimizer_kinds(&nkinds);
    for (size_t k = 0; k < nkinds; k++) {
        for (int with_swarm = 0; with_swarm <= (strcmp(kinds[k].name, "flow") != 0); with_swarm++) {
            char spec[64], what[96];
            snprintf(spec, sizeof spec, "%s%s", kinds[k].name, with_swarm ? ":noise=0.5" : "");
            snprintf(what, sizeof what, "%s ×1.25", spec);
            Scene *scene = make_scene("quadratic:l1=1,l2=50", spec, 3, 4, with_swarm ? 8 : 0);
            size_t refused = 0;
            for (int press = 0; press < 200 && refused == 0; press++) {
                scene_step(scene, 3);
                char before[256];
                snprintf(before, sizeof before, "%s", scene->runs[0].run.desc.spec);
                double lr = scene->runs[0].run.desc.lr;
                DescentError err = {""};
                if (!scene_scale_lr(scene, 1.25, &err)) {
                    refused++;
                    if (!strstr(err.message, "lr"))
                        fail_msg("%s: refused with '%s'", what, err.message);
                    assert_string_equal(scene->runs[0].run.desc.spec, before);
                    assert_true(scene->runs[0].run.desc.lr == lr);
                }
                check_scene(scene, what);
            }
            if (refused == 0)
                fail_msg("%s: 200 presses and the learning rate never left its range", what);
            scene_step(scene, 20);
            check_scene(scene, what);
            /* And all the way down: lr shrinks to nothing, never an error. */
            for (int press = 0; press < 400; press++) {
                DescentError err = {""};
                if (!scene_scale_lr(scene, 1 / 1.25, &err))
                    fail_msg("%s ÷1.25: %s", spec, err.message);
                scene_step(scene, 2);
            }
            assert_true(scene->runs[0].run.desc.lr < 1e-20);
            check_scene(scene, what);
            scene_destroy(scene);
        }
    }
}

/* y and u pressed until β2 (α, β1, momentum) cannot come closer to 1:
 * each value stays below 1, never falls, and a refusal says why; then
 * pressed the other way down to 0. */
static void decays_pushed_to_one(void **state)
{
    (void)state;
    static const char *const specs[] = {"adam:lr=0.05", "adamw:lr=0.05,noise=0.3",
                                        "rmsprop:lr=0.01", "momentum:lr=0.01",
                                        "nesterov:lr=0.01"};
    for (size_t s = 0; s < sizeof specs / sizeof specs[0]; s++) {
        for (int second = 0; second <= 1; second++) {
            Scene *scene = make_scene("rosenbrock", specs[s], -1.5, 2, strstr(specs[s], "noise") ? 6 : 0);
            const OptimizerDesc *desc = &scene->runs[0].run.desc;
            bool adam = desc->kind == OPT_ADAM || desc->kind == OPT_ADAMW;
            if (second && !adam && desc->kind != OPT_RMSPROP) {
                DescentError err = {""};
                assert_false(scene_scale_second_moment(scene, true, &err));
                assert_true(strlen(err.message) > 0);
                scene_destroy(scene);
                continue;
            }
            double last = -1;
            size_t refused = 0;
            for (int press = 0; press < 80; press++) {
                DescentError err = {""};
                bool ok = second ? scene_scale_second_moment(scene, true, &err)
                                 : scene_scale_momentum(scene, true, &err);
                double v = second ? (adam ? desc->beta2 : desc->alpha)
                                  : (adam ? desc->beta1 : desc->momentum);
                if (!ok) {
                    refused++;
                    assert_true(strlen(err.message) > 0);
                }
                if (!(v < 1 && v >= last))
                    fail_msg("%s: decay %.17g after %.17g", specs[s], v, last);
                last = v;
                scene_step(scene, 5);
                check_scene(scene, specs[s]);
            }
            assert_true(last > 0.999);
            /* Down to 0, which Nesterov momentum refuses (it needs μ > 0). */
            bool nesterov = desc->kind == OPT_NESTEROV || desc->nesterov;
            for (int press = 0; press < 80; press++) {
                DescentError err = {""};
                if (!(second ? scene_scale_second_moment(scene, false, &err)
                             : scene_scale_momentum(scene, false, &err)) &&
                    !(nesterov && strstr(err.message, "momentum > 0")))
                    fail_msg("%s down: %s", specs[s], err.message);
                scene_step(scene, 5);
            }
            double bottom = second ? (adam ? desc->beta2 : desc->alpha)
                                   : (adam ? desc->beta1 : desc->momentum);
            if (!(nesterov ? bottom > 0 && bottom <= 0.5 : bottom == 0))
                fail_msg("%s: down to %.17g", specs[s], bottom);
            check_scene(scene, specs[s]);
            scene_destroy(scene);
        }
    }
}

/* What y writes into the spec: short, exact where it matters (1 − β2),
 * never "1". */
static void decay_written_short_and_below_one(void **state)
{
    (void)state;
    Scene *scene = make_scene("rosenbrock", "adam:lr=0.05", -1.5, 2, 0);
    static const char *const expected[] = {"beta2=0.9995", "beta2=0.99975", "beta2=0.999875",
                                           "beta2=0.9999375", "beta2=0.99996875"};
    for (size_t press = 0; press < sizeof expected / sizeof expected[0]; press++) {
        DescentError err = {""};
        assert_true(scene_scale_second_moment(scene, true, &err));
        if (!strstr(scene->runs[0].run.desc.spec, expected[press]))
            fail_msg("press %zu: %s, expected %s", press + 1, scene->runs[0].run.desc.spec,
                     expected[press]);
    }
    scene_destroy(scene);
}

/* Minibatch 1 -> the full batch (0) -> 1 again, on a run and its swarm. */
static void batch_one_to_full_and_back(void **state)
{
    (void)state;
    Scene *scene = make_scene("linreg:n=50", "sgd:lr=0.05,batch=1,seed=2", 0, 0, 16);
    const OptimizerDesc *desc = &scene->runs[0].run.desc;
    bool reached_full = false;
    for (int press = 0; press < 20 && !reached_full; press++) {
        DescentError err = {""};
        if (!scene_scale_batch(scene, 2, &err))
            fail_msg("batch ×2: %s", err.message);
        assert_int_equal(swarm_desc(scene->swarm)->batch, desc->batch);
        reached_full = desc->batch == 0;
        scene_step(scene, 7);
        check_scene(scene, "batch up");
    }
    assert_true(reached_full);
    for (int press = 0; press < 20 && desc->batch != 1; press++) {
        DescentError err = {""};
        if (!scene_scale_batch(scene, 0.5, &err))
            fail_msg("batch ÷2: %s", err.message);
        scene_step(scene, 7);
        check_scene(scene, "batch down");
    }
    assert_int_equal(desc->batch, 1);
    /* Back to the start and forward again: the same walk, bit for bit. */
    size_t steps = scene_shown_step(scene);
    RunPoint head = run_head(&scene->runs[0].run);
    scene_seek(scene, 0);
    scene_seek(scene, steps);
    RunPoint again = run_head(&scene->runs[0].run);
    assert_memory_equal(&head, &again, sizeof head);
    scene_destroy(scene);
}

/* ------------------------------------------------------------------------ */
/* Rewinding runs that stopped                                               */

typedef struct StopCase {
    const char *landscape, *opt;
    double x, y;
    size_t particles;
    RunStatus stops;     /* how the run ends */
} StopCase;

static const StopCase stop_cases[] = {
    {"quadratic:l1=1,l2=10", "gd:lr=0.3", 1, 1, 0, RUN_DIVERGED},
    {"quadratic:l1=1,l2=10", "sgd:lr=0.3,noise=1,seed=5", 1, 1, 12, RUN_DIVERGED},
    {"quadratic", "gd:lr=1e6", 1e150, 1e150, 0, RUN_DIVERGED},
    {"rosenbrock", "momentum:lr=0.01,noise=2", -1.5, 2, 10, RUN_DIVERGED},
    {"expr:x^4+y^2", "gd:lr=1", 10, 0, 0, RUN_DIVERGED},
    {"logreg", "flow:lr=1e6", 1e3, -1e3, 0, RUN_STALLED},
};

/* The update where the run stopped: sought to 0, before, at and after
 * it and past its end, and back; the stop shows the same each time. */
static void rewinding_stopped_runs_and_swarms(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof stop_cases / sizeof stop_cases[0]; c++) {
        const StopCase *sc = &stop_cases[c];
        Scene *scene = make_scene(sc->landscape, sc->opt, sc->x, sc->y, sc->particles);
        scene_step(scene, 3000);
        const Run *run = &scene->runs[0].run;
        if (run->status != sc->stops)
            fail_msg("%s on %s: status %d after %zu steps", sc->opt, sc->landscape,
                     (int)run->status, run_steps(run));
        check_scene(scene, sc->opt);
        size_t stop = run_steps(run), shown = scene_shown_step(scene);
        RunPoint end = run_head(run);
        size_t particles = scene->swarm ? swarm_count(scene->swarm) : 0;
        float *xy = calloc(2 * particles + 1, sizeof *xy);
        assert_non_null(xy);
        if (particles)
            memcpy(xy, swarm_positions(scene->swarm), 2 * particles * sizeof *xy);
        const size_t seeks[] = {0, stop / 2, stop ? stop - 1 : 0, stop, stop + 1, shown + 100, 0,
                                shown};
        for (size_t k = 0; k < sizeof seeks / sizeof seeks[0]; k++) {
            scene_seek(scene, seeks[k]);
            check_scene(scene, sc->opt);
            size_t expect = seeks[k] < stop ? seeks[k] : stop;
            if (run_steps(run) != expect)
                fail_msg("%s: sought %zu, shows %zu (stopped at %zu)", sc->opt, seeks[k],
                         run_steps(run), stop);
            assert_int_equal(run->status, seeks[k] < stop ? RUN_ACTIVE : sc->stops);
            UpdateTerms terms;
            if (run_explain_last(run, &terms))
                assert_int_equal(terms.t, (long)run_steps(run));
            else
                assert_int_equal(run_steps(run), 0);
        }
        RunPoint again = run_head(run);
        assert_memory_equal(&end, &again, sizeof end);
        if (particles)
            assert_memory_equal(xy, swarm_positions(scene->swarm), 2 * particles * sizeof *xy);
        free(xy);
        scene_destroy(scene);
    }
}

/* ------------------------------------------------------------------------ */
/* Basins where the landscape is not finite                                  */

static void check_shares(BasinMap *map, const float *xy, size_t count, const char *what)
{
    double shares[LANDSCAPE_MAX_MINIMA], elsewhere = -1;
    size_t n = basin_map_shares(map, xy, count, shares, LANDSCAPE_MAX_MINIMA, &elsewhere);
    if (n == 0)
        return;
    double sum = elsewhere;
    assert_true(elsewhere >= 0 && elsewhere <= 1);
    for (size_t k = 0; k < n; k++) {
        assert_true(shares[k] >= 0 && shares[k] <= 1);
        sum += shares[k];
    }
    assert_close_where(sum, 1, 1e-9, "%s: the shares' sum", what);
}

static void basins_where_the_landscape_is_not_finite(void **state)
{
    (void)state;
    static const char *const landscapes[] = {
        "expr:log(x)*y", "monkey_saddle", "logreg", "himmelblau", "rosenbrock",
        "expr:(x^2+y^2-1)^2+log(x+2)", "sharp_flat",
    };
    static const ViewRect views[] = {
        {-3, 3, -3, 3}, {-1e6, 1e6, -1e6, 1e6}, {-1e150, 1e150, -1e150, 1e150},
        {1e300, 1.5e300, -1e300, -0.5e300},
    };
    static const float odd_points[] = {NAN, 0.0f, INFINITY, 1.0f, -INFINITY, NAN, 3e38f, -3e38f,
                                       1e-38f, -1e-38f, 0.5f, 0.5f};
    for (size_t l = 0; l < sizeof landscapes / sizeof landscapes[0]; l++) {
        Landscape *landscape = test_landscape(landscapes[l]);
        LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
        int known = (int)landscape_minima(landscape, minima, LANDSCAPE_MAX_MINIMA);
        for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
            char what[160];
            snprintf(what, sizeof what, "%s over [%g, %g]", landscapes[l], views[v].xmin,
                     views[v].xmax);
            ViewRect r = views[v];
            for (int i = 0; i <= 6; i++) {
                for (int j = 0; j <= 6; j++) {
                    double x = r.xmin + (r.xmax - r.xmin) * i / 6;
                    double y = r.ymin + (r.ymax - r.ymin) * j / 6;
                    int b = basin_of(landscape, x, y);
                    if (b < -1 || b >= known)
                        fail_msg("%s: basin %d of (%g, %g), %d minima", what, b, x, y, known);
                }
            }
            assert_int_equal(basin_of(landscape, (double)NAN, 0), -1);
            assert_int_equal(basin_of(landscape, (double)INFINITY, -(double)INFINITY), -1);
            DescentError err = {""};
            BasinMap *map = basin_map_create(landscape, r, 24, 24, &err);
            if (!map) {
                assert_true(strlen(err.message) > 0);
                continue;
            }
            float xy[2 * 24 * 24];
            for (int k = 0; k < 24 * 24; k++) {
                xy[2 * k] = (float)(r.xmin + (r.xmax - r.xmin) * ((k % 24) + 0.5) / 24);
                xy[2 * k + 1] = (float)(r.ymin + (r.ymax - r.ymin) * ((k / 24) + 0.5) / 24);
            }
            check_shares(map, xy, 24 * 24, what);
            check_shares(map, odd_points, sizeof odd_points / sizeof odd_points[0] / 2, what);
            basin_map_destroy(map);
        }
        landscape_destroy(landscape);
    }
}

/* A swarm blown across a landscape whose far side is not finite: the
 * scene's basin shares stay shares, in bounded time. */
static void scene_basins_of_a_scattered_swarm(void **state)
{
    (void)state;
    static const struct { const char *landscape, *opt; double x, y; } cases[] = {
        {"himmelblau", "sgd:lr=0.02,noise=40,seed=1", 0, 0},
        {"rosenbrock", "sgd:lr=0.002,noise=30,seed=3", -1.5, 2},
        {"logreg", "sgd:lr=50,batch=1,seed=3", 3, 3},
        {"rastrigin", "sgd:lr=0.001,noise=300,seed=7", 0.5, 0.5},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        Scene *scene = make_scene(cases[c].landscape, cases[c].opt, cases[c].x, cases[c].y, 400);
        for (int round = 0; round < 5; round++) {
            scene_step(scene, 40);
            LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
            double shares[LANDSCAPE_MAX_MINIMA], elsewhere = 0, sum;
            size_t n = scene_basin_shares(scene, minima, shares, LANDSCAPE_MAX_MINIMA, &elsewhere);
            sum = elsewhere;
            for (size_t k = 0; k < n; k++)
                sum += shares[k];
            if (n > 0)
                assert_close_where(sum, 1, 1e-9, "%s: the shares' sum", cases[c].opt);
            check_scene(scene, cases[c].opt);
        }
        scene_destroy(scene);
    }
}

/* ------------------------------------------------------------------------ */
/* Sweeps at the ends of their ranges                                        */

static void sweeps_at_extreme_ranges(void **state)
{
    (void)state;
    static const char *const sweeps[] = {
        "lr=1e-300:1e9:16", "lr=1e-6:1e6:16", "lr=0:1e9:16:lin", "beta2=0:0.9999999999999999:16:lin",
        "momentum=0.9:0.9999999999999999:5", "eps=1e-300:1:4", "lr=5e-324:1e-323:3",
        "lr=1e9:1e9:2",
    };
    static const char *const bases[] = {"adam", "momentum:nesterov=1", "sgd:noise=0.5"};
    for (size_t s = 0; s < sizeof sweeps / sizeof sweeps[0]; s++) {
        for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++) {
            Sweep sweep;
            DescentError err = {""};
            if (!sweep_expand(sweeps[s], bases[b], &sweep, &err)) {
                assert_true(strlen(err.message) > 0);
                continue;
            }
            SceneOptions options = {.landscape = "rosenbrock", .runs = {bases[b]},
                                    .run_count = 1, .sweep = sweeps[s]};
            Scene *scene = scene_create(&options, &err);
            if (!scene)
                fail_msg("%s over %s: %s", sweeps[s], bases[b], err.message);
            assert_int_equal(scene->run_count, sweep.count);
            scene_step(scene, 500);
            check_scene(scene, sweeps[s]);
            scene_seek(scene, 17);
            check_scene(scene, sweeps[s]);
            scene_destroy(scene);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* What the GPU is fed                                                       */

static const char *const half_nan[] = {
    "expr:log(x)*y", "expr:sqrt(x)+y^2", "expr:log(x*y)", "expr:exp(x)^exp(y)",
    "expr:1/(x^2+y^2)", "expr:0/0*x",
};

static const ViewRect fed_views[] = {
    {-2, 2, -1, 1}, {-1e150, 1e150, -1e150, 1e150}, {-4e299, 4e299, -1, 1},
    {1e-300, 2e-300, -1e-300, 1e-300},
};

/* The heatmap's colour-scale positions (value_scale_t of every cell,
 * what heatmap.c uploads) and the surface's slopes are finite and in
 * range over views where half the landscape is NaN. */
static void heatmap_values_over_half_nan_views(void **state)
{
    (void)state;
    enum { W = 48, H = 32 };
    static float cells[W * H];
    for (size_t l = 0; l < sizeof half_nan / sizeof half_nan[0]; l++) {
        Landscape *landscape = test_landscape(half_nan[l]);
        for (size_t v = 0; v < sizeof fed_views / sizeof fed_views[0]; v++) {
            GridStats stats = grid_sample(landscape, fed_views[v], W, H, cells, 2);
            for (int log_scale = 0; log_scale <= 1; log_scale++) {
                ValueScale scale = value_scale_make(stats, log_scale);
                for (size_t k = 0; k < W * H; k++) {
                    double t = value_scale_t(&scale, (double)cells[k]);
                    double slope = value_scale_slope(&scale, (double)cells[k]);
                    if (!(t >= 0 && t <= 1) || !isfinite(slope))
                        fail_msg("%s view %zu: cell %g -> t %g, slope %g", half_nan[l], v,
                                 (double)cells[k], t, slope);
                }
            }
        }
        landscape_destroy(landscape);
    }
}

/* The 3D surface's vertices (positions, normals, colour positions) as
 * uploaded, over the same views, in a real GL context off-screen. */
static void surface_vertices_over_half_nan_views(void **state)
{
    (void)state;
    DescentError err = {""};
    GlContext *gl = gl_context_create(
        &(GlContextOptions){.title = "numbers", .width = 96, .height = 64}, &err);
    if (!gl)
        fail_msg("no GL context: %s", err.message);
    Surface *surface = surface_create(2, &err);
    if (!surface)
        fail_msg("surface: %s", err.message);
    enum { W = 64, H = 48 };
    static float cells[W * H];
    for (size_t l = 0; l < sizeof half_nan / sizeof half_nan[0]; l++) {
        for (size_t v = 0; v < sizeof fed_views / sizeof fed_views[0]; v++) {
            SceneOptions options = {.landscape = half_nan[l], .runs = {"gd"}, .run_count = 1,
                                    .has_view = true, .view = fed_views[v], .view3d = true};
            Scene *scene = scene_create(&options, &err);
            if (!scene)
                fail_msg("%s: %s", half_nan[l], err.message);
            Viewport vp = viewport_fit(scene->view, W, H);
            GridStats stats = grid_sample(scene->landscape, vp.world, W, H, cells, 2);
            SurfaceFrame frame = {.rect = vp.world, .scale = value_scale_make(stats, true),
                                  .line_width = 1, .line_strength = 0.5f, .width = W,
                                  .height = H};
            assert_true(surface_update(surface, scene, &frame) != 0);
            surface_blit(surface, &frame);
            size_t count;
            const float *vertices = surface_vertices(surface, &count);
            assert_non_null(vertices);
            for (size_t k = 0; k < count * 8; k++)
                if (!isfinite(vertices[k]))
                    fail_msg("%s over [%g, %g] x [%g, %g]: vertex %zu float %zu is %g",
                             half_nan[l], vp.world.xmin, vp.world.xmax, vp.world.ymin,
                             vp.world.ymax, k / 8, k % 8, (double)vertices[k]);
            assert_int_equal(glGetError(), GL_NO_ERROR);
            scene_destroy(scene);
        }
    }
    surface_destroy(surface);
    gl_context_destroy(gl);
}

/* A view whose width or height is past what a double holds is refused
 * with a message, however it is asked for. */
static void views_too_large_to_hold(void **state)
{
    (void)state;
    static const ViewRect views[] = {
        {-1e308, 1e308, -1, 1}, {-1, 1, -1.7e308, 1.7e308}, {-DBL_MAX, DBL_MAX, -DBL_MAX, DBL_MAX},
    };
    for (size_t v = 0; v < sizeof views / sizeof views[0]; v++) {
        SceneOptions options = {.landscape = "rosenbrock", .has_view = true, .view = views[v]};
        DescentError err = {""};
        Scene *scene = scene_create(&options, &err);
        assert_null(scene);
        assert_non_null(strstr(err.message, "view"));
    }
    /* Nor can panning far out carry an edge there. */
    SceneOptions options = {.landscape = "rosenbrock", .has_view = true,
                            .view = {-4e299, 4e299, -1, 1}};
    DescentError err = {""};
    Scene *scene = scene_create(&options, &err);
    assert_non_null(scene);
    for (int drag = 0; drag < 2000; drag++)
        scene_pan(scene, 1e305, -1e305);
    const ViewRect *v = &scene->view;
    assert_true(isfinite(v->xmin) && isfinite(v->xmax) && isfinite(v->ymin) && isfinite(v->ymax));
    assert_true(v->xmax - v->xmin <= 1e300 && v->ymax - v->ymin <= 1e300);
    scene_destroy(scene);
}

int main(void)
{
    alarm(WATCHDOG_SECONDS);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lr_scaled_past_its_range),
        cmocka_unit_test(decays_pushed_to_one),
        cmocka_unit_test(decay_written_short_and_below_one),
        cmocka_unit_test(batch_one_to_full_and_back),
        cmocka_unit_test(rewinding_stopped_runs_and_swarms),
        cmocka_unit_test(basins_where_the_landscape_is_not_finite),
        cmocka_unit_test(scene_basins_of_a_scattered_swarm),
        cmocka_unit_test(sweeps_at_extreme_ranges),
        cmocka_unit_test(heatmap_values_over_half_nan_views),
        cmocka_unit_test(surface_vertices_over_half_nan_views),
        cmocka_unit_test(views_too_large_to_hold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
