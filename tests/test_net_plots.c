/*
 * test_net_plots.c — what the network scene's plots draw
 * (scene/net_stage.h's net_stage_series) is the core's numbers: the
 * losses, accuracies and ‖θ‖ of a NetRun stepped on its own and of
 * model_evaluate at the stage's θ, and the sharpness its own run
 * measures with --every; measurements are kept across seeks, and
 * playing faster than they are measured thins them as documented.  And
 * the slice's planes: the PCA plane holds the dominant direction of each
 * run's trajectory (found here by power iteration), the random plane's
 * directions have each unit's norm of weights, and the kind follows the
 * option, the key's call and the command line.
 */
#include "scene_testing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "scene/scene.h"
#include "scene/scene_share.h"

#define MODEL "mlp:layers=2-8-2"
#define DATA "moons:n=60,noise=0.2,test=0.25"
#define INIT_SEED 3

static const char *const net_runs[] = {"sgd:lr=0.1,batch=8", "adam:lr=0.01"};
#define NET_RUNS 2

static Scene *make_net_sliced(NetSliceKind slice)
{
    return scene_for_test((SceneOptions){.model = MODEL, .data = DATA, .init_seed = INIT_SEED,
                                         .slice = slice, .has_slice = true},
                          net_runs, NET_RUNS);
}

static Scene *make_net(void)
{
    return make_net_sliced(NET_SLICE_INIT);
}

/* Steps as a window does, a few updates and one refine per frame, then
 * refines until nothing waits (the measurements of the last frames). */
static void play(Scene *s, size_t steps, size_t per_frame)
{
    for (size_t done = 0; done < steps; done += per_frame) {
        scene_step(s, per_frame);
        net_stage_refine(s->net, 1);
    }
    for (int k = 0; k < NET_STAGE_PENDING; k++)
        net_stage_refine(s->net, 1);
}

/* A NetRun of run i from the stage's θ0, measuring curvature every
 * NET_STAGE_SHARPNESS_EVERY updates, as `descent trace --every` does. */
static void own_run(const Scene *s, size_t i, NetRun *run)
{
    const Model *model = net_stage_model(s->net);
    double *theta0 = malloc(model->nparams * sizeof *theta0);
    assert_non_null(theta0);
    Rng rng;
    rng_seed(&rng, INIT_SEED);
    model_init(model, &rng, theta0);
    OptimizerDesc desc;
    DescentError err = {""};
    assert_true(optimizer_parse_vec(net_runs[i], net_stage_data(s->net)->train.n, DATA, &desc,
                                    &err));
    assert_true(net_run_init(run, model, net_stage_data(s->net), &desc, theta0,
                             NET_STAGE_SHARPNESS_EVERY, &err));
    free(theta0);
}

/* Every series at every update equals the core's: the metrics of a run
 * stepped on its own (bit for bit), model_evaluate and ‖θ‖ at the stage's
 * θ after a seek, the sharpness of --every's Lanczos (λmax for sgd,
 * λmax(P⁻¹H) for adam), and the stability line 2/η = 20 and
 * (2 + 2·0.9)/(0.01·0.1) = 3800. */
static void series_are_the_cores(void **state)
{
    (void)state;
    Scene *s = make_net();
    play(s, 64, 4);
    const Model *model = net_stage_model(s->net);
    const NetDataSplit *data = net_stage_data(s->net);
    ModelWork *work = model_work_create(model);
    assert_non_null(work);
    const double lines[NET_RUNS] = {20.0, 3800.0};
    for (size_t i = 0; i < NET_RUNS; i++) {
        NetRun run;
        own_run(s, i, &run);
        bool ok;
        DescentError err = {""};
        assert_int_equal(net_run_advance(&run, 64, &ok, &err), 64);
        size_t measured = 0;
        for (size_t k = 0; k <= 64; k++) {
            const NetMetrics *m = &run.metrics[k];
            const double expected[NET_SERIES_COUNT] = {
                [NET_SERIES_TRAIN_LOSS] = m->train_loss,
                [NET_SERIES_TEST_LOSS] = m->test_loss,
                [NET_SERIES_TRAIN_ACC] = m->train_acc,
                [NET_SERIES_TEST_ACC] = m->test_acc,
                [NET_SERIES_NORM] = m->norm,
                [NET_SERIES_SHARPNESS] = i == 1 ? m->preconditioned_sharpness : m->sharpness,
                [NET_SERIES_STABILITY] = lines[i],
            };
            for (int q = 0; q < NET_SERIES_COUNT; q++) {
                double got = net_stage_series(s->net, i, (NetSeries)q, k);
                if (q == NET_SERIES_STABILITY)
                    assert_close_where(got, expected[q], 1e-12 * expected[q], "run %zu", i);
                else if (!(isnan(got) && isnan(expected[q])) && got != expected[q])
                    fail_msg("run %zu, update %zu, series %d: %.17g, the core's %.17g", i, k,
                             q, got, expected[q]);
            }
            measured += !isnan(expected[NET_SERIES_SHARPNESS]);
        }
        /* sgd at 0, 16, 32, 48, 64; adam from its first update on. */
        assert_int_equal(measured, i == 1 ? 4 : 5);
        net_run_free(&run);
    }
    /* The accuracies and ‖θ‖ are those of the stage's own θ. */
    scene_seek(s, 37);
    for (size_t i = 0; i < NET_RUNS; i++) {
        const double *theta = net_run_theta(net_stage_run(s->net, i));
        ModelEval train = model_evaluate(model, theta, &data->train, NULL, data->train.n, work);
        ModelEval test = model_evaluate(model, theta, &data->test, NULL, data->test.n, work);
        double square = 0;
        for (size_t p = 0; p < model->nparams; p++)
            square += theta[p] * theta[p];
        assert_true(train.accuracy > 0.5);
        assert_close(net_stage_series(s->net, i, NET_SERIES_TRAIN_ACC, 37), train.accuracy, 0);
        assert_close(net_stage_series(s->net, i, NET_SERIES_TEST_ACC, 37), test.accuracy, 0);
        assert_close(net_stage_series(s->net, i, NET_SERIES_NORM, 37), sqrt(square), 1e-14);
    }
    model_work_destroy(work);
    scene_destroy(s);
}

/* A seek back keeps what was measured (the same update has the same θ),
 * and stepping on past it again measures nothing new. */
static void measurements_outlive_a_seek(void **state)
{
    (void)state;
    Scene *s = make_net();
    play(s, 64, 8);
    double before[5];
    for (size_t k = 0; k < 5; k++)
        before[k] = net_stage_series(s->net, 0, NET_SERIES_SHARPNESS, 16 * k);
    scene_seek(s, 20);
    for (size_t k = 0; k < 5; k++)
        assert_close(net_stage_series(s->net, 0, NET_SERIES_SHARPNESS, 16 * k), before[k], 0);
    scene_seek(s, 64);
    for (size_t k = 0; k < 5; k++) {
        assert_true(isfinite(before[k]));
        assert_close(net_stage_series(s->net, 0, NET_SERIES_SHARPNESS, 16 * k), before[k], 0);
    }
    scene_destroy(s);
}

/* 160 updates at once queue the sgd run's updates 0, 16, ..., 160; only
 * the last NET_STAGE_PENDING of them are kept and measured. */
static void playing_fast_thins_the_series(void **state)
{
    (void)state;
    Scene *s = make_net();
    play(s, 160, 160);
    for (size_t k = 0; k <= 160; k += NET_STAGE_SHARPNESS_EVERY) {
        bool kept = k > 160 - NET_STAGE_PENDING * NET_STAGE_SHARPNESS_EVERY;
        assert_int_equal(isfinite(net_stage_series(s->net, 0, NET_SERIES_SHARPNESS, k)), kept);
    }
    scene_destroy(s);
}

/* Refines until a new grid is shown (one begun after the runs last
 * moved or the kind last changed: its plane is made at the update shown);
 * the plane, its kind made into *kind. */
static SlicePlane refine_plane(Scene *s, NetSliceKind *kind)
{
    for (int call = 0; call < 4000; call++)
        if (net_stage_refine(s->net, 1)) {
            size_t run;
            assert_int_equal(net_stage_plane(s->net, &run), scene_shown_step(s));
            return net_stage_slice_plane(s->net, kind, NULL);
        }
    fail_msg("no new grid after 4000 refines");
    return (SlicePlane){0};
}

static double dot(const double *a, const double *b, size_t n)
{
    double sum = 0;
    for (size_t k = 0; k < n; k++)
        sum += a[k] * b[k];
    return sum;
}

/* How far the unit vector u is from the plane's directions' span, for
 * orthogonal directions: √(1 − Σ (u·d̂)²). */
static double off_plane(const double *u, const SlicePlane *plane)
{
    size_t n = plane->n;
    double c1 = dot(u, plane->d1, n) / sqrt(dot(plane->d1, plane->d1, n));
    double c2 = dot(u, plane->d2, n) / sqrt(dot(plane->d2, plane->d2, n));
    return sqrt(fmax(0.0, 1.0 - c1 * c1 - c2 * c2));
}

/* The dominant direction of count points (rows, count × n) about their
 * mean, by power iteration on Σ (θ − mean)(θ − mean)ᵀ, into u (unit);
 * the points are centred in place. */
static void dominant_direction(double *points, size_t count, size_t n, double *u)
{
    double *mean = calloc(n, sizeof *mean), *v = malloc(n * sizeof *v);
    assert_true(mean && v);
    for (size_t t = 0; t < count; t++)
        for (size_t p = 0; p < n; p++)
            mean[p] += points[t * n + p] / (double)count;
    for (size_t t = 0; t < count; t++)
        for (size_t p = 0; p < n; p++)
            points[t * n + p] -= mean[p];
    for (size_t p = 0; p < n; p++)
        u[p] = 1.0 / sqrt((double)n);
    for (int iter = 0; iter < 500; iter++) {
        memset(v, 0, n * sizeof *v);
        for (size_t t = 0; t < count; t++) {
            double c = dot(points + t * n, u, n);
            for (size_t p = 0; p < n; p++)
                v[p] += c * points[t * n + p];
        }
        double len = sqrt(dot(v, v, n));
        for (size_t p = 0; p < n; p++)
            u[p] = v[p] / len;
    }
    free(mean), free(v);
}

/* Each run's θ at every update up to 120: the dominant direction of each
 * run's path (about its own mean) lies near the PCA plane, which goes
 * through θ0 along orthonormal directions: under 0.2 off it (0.158 for
 * SGD's, 0.148 for Adam's), the runs' paths scaled to one size before the
 * PCA (net_stage.c).  Fitted to the paths as they are, the plane held the
 * runs' dominant direction together (0.024 off) and SGD's, the shorter
 * path, 0.29 off: adam_vs_sgd_network's GD path all but vanished from its
 * map.  The runs' together is under 0.15 off it (0.095); the init plane is
 * 80 % off.  The stage takes every third update (PCA_POINTS over two
 * runs), and two runs' curved paths do not lie in one plane.  Before the
 * first update the paths span no plane and the init plane stands in. */
static void pca_plane_holds_the_dominant_direction(void **state)
{
    (void)state;
    Scene *s = make_net_sliced(NET_SLICE_PCA);
    NetSliceKind kind;
    net_stage_slice_plane(s->net, &kind, NULL);
    assert_int_equal(kind, NET_SLICE_INIT);
    size_t n = net_stage_model(s->net)->nparams;
    enum { STEPS = 120, POINTS = STEPS + 1 };
    double *points = malloc(2 * NET_RUNS * POINTS * n * sizeof *points);
    double *u = malloc((NET_RUNS + 1) * n * sizeof *u);
    assert_true(points && u);
    /* Run i's points at row i·POINTS; the runs' together, again, after. */
    double *together = points + NET_RUNS * POINTS * n, *u_together = u + NET_RUNS * n;
    for (size_t k = 0; k <= STEPS; k++) {
        scene_seek(s, k);
        for (size_t i = 0; i < NET_RUNS; i++)
            memcpy(points + (i * POINTS + k) * n, net_run_theta(net_stage_run(s->net, i)),
                   n * sizeof *u);
    }
    memcpy(together, points, NET_RUNS * POINTS * n * sizeof *points);
    dominant_direction(together, NET_RUNS * POINTS, n, u_together);
    for (size_t i = 0; i < NET_RUNS; i++)
        dominant_direction(points + i * POINTS * n, POINTS, n, u + i * n);
    /* The init plane, θ_now − θ0 and a random direction ⊥ it, does not
     * hold it: what the PCA plane is for. */
    net_stage_set_slice(s->net, NET_SLICE_INIT);
    SlicePlane plane = refine_plane(s, &kind);
    assert_true(off_plane(u_together, &plane) > 0.5);
    net_stage_set_slice(s->net, NET_SLICE_PCA);
    plane = refine_plane(s, &kind);
    assert_int_equal(kind, NET_SLICE_PCA);
    assert_close(dot(plane.d1, plane.d1, n), 1.0, 1e-12);
    assert_close(dot(plane.d2, plane.d2, n), 1.0, 1e-12);
    assert_close(dot(plane.d1, plane.d2, n), 0.0, 1e-12);
    double residual = off_plane(u_together, &plane);
    if (!(residual < 0.15))
        fail_msg("the runs' dominant direction is %.3g off the PCA plane", residual);
    for (size_t i = 0; i < NET_RUNS; i++) {
        residual = off_plane(u + i * n, &plane);
        print_message("run %zu's dominant direction is %.3g off the PCA plane\n", i + 1,
                      residual);
        if (!(residual < 0.2))
            fail_msg("run %zu's dominant direction is %.3g off the PCA plane", i + 1, residual);
    }
    NetPoint path[NET_STAGE_KEYFRAMES + 1];
    assert_true(net_stage_path(s->net, 0, path) > 0);
    assert_close(path[0].a, 0.0, 1e-12);
    assert_close(path[0].distance, 0.0, 1e-12);
    free(points), free(u);
    scene_destroy(s);
}

/* The random plane goes through the selected run's θ now, and each row
 * of each direction (one unit's incoming weights) is as long as that
 * unit's row of θ there; the biases do not move; the window is fixed. */
static void random_plane_is_filter_normalised(void **state)
{
    (void)state;
    Scene *s = make_net_sliced(NET_SLICE_RANDOM);
    scene_select(s, 1);
    scene_step(s, 50);
    NetSliceKind kind;
    SlicePlane plane = refine_plane(s, &kind);
    assert_int_equal(kind, NET_SLICE_RANDOM);
    const Model *m = net_stage_model(s->net);
    const double *now = net_run_theta(net_stage_run(s->net, 1));
    assert_memory_equal(plane.center, now, m->nparams * sizeof *now);
    const double *dirs[2] = {plane.d1, plane.d2};
    for (int q = 0; q < 2; q++)
        for (int l = 1; l < m->nsizes; l++) {
            size_t in = (size_t)m->sizes[l - 1];
            for (size_t o = 0; o < (size_t)m->sizes[l]; o++) {
                const double *row = dirs[q] + m->weight_offset[l] + o * in;
                const double *theta_row = now + m->weight_offset[l] + o * in;
                assert_close_where(sqrt(dot(row, row, in)), sqrt(dot(theta_row, theta_row, in)),
                                   1e-12, "direction %d, layer %d, unit %zu", q + 1, l, o);
                assert_close(dirs[q][m->bias_offset[l] + o], 0.0, 0.0);
            }
        }
    const double *values;
    unsigned serial;
    const SliceGridDesc *g = net_stage_grid(s->net, &values, &serial);
    assert_true(g->a_min == -1.6 && g->a_max == 1.6 && g->b_min == -1.0 && g->b_max == 1.0);
    scene_destroy(s);
}

/* The kind asked for changes the next plane; the command line names any
 * kind but init; --slice without a network is refused. */
static void slice_kind_follows_the_asking(void **state)
{
    (void)state;
    Scene *s = make_net();
    scene_step(s, 40);
    NetSliceKind kind;
    refine_plane(s, &kind);
    assert_int_equal(kind, NET_SLICE_INIT);
    char line[SCENE_COMMAND_LINE_MAX];
    assert_true(scene_command_line(s, line, sizeof line));
    assert_null(strstr(line, "--slice"));
    net_stage_set_slice(s->net, NET_SLICE_PCA);
    refine_plane(s, &kind);
    assert_int_equal(kind, NET_SLICE_PCA);
    assert_true(scene_command_line(s, line, sizeof line));
    assert_non_null(strstr(line, " --slice pca"));
    scene_destroy(s);
    DescentError err = {""};
    SceneOptions options = {.landscape = "booth", .slice = NET_SLICE_RANDOM, .has_slice = true};
    assert_null(scene_create(&options, &err));
    assert_string_equal(err.message, "--slice random: needs --model SPEC (a network's slice)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(series_are_the_cores),
        cmocka_unit_test(measurements_outlive_a_seek),
        cmocka_unit_test(playing_fast_thins_the_series),
        cmocka_unit_test(pca_plane_holds_the_dominant_direction),
        cmocka_unit_test(random_plane_is_filter_normalised),
        cmocka_unit_test(slice_kind_follows_the_asking),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
