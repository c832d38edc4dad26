/*
 * test_net_plots.c — what the network scene's plots draw
 * (scene/net_stage.h's net_stage_series) is the core's numbers: the
 * losses, accuracies and ‖θ‖ of a NetRun stepped on its own and of
 * model_evaluate at the stage's θ, and the sharpness its own run
 * measures with --every; measurements are kept across seeks, and
 * playing faster than they are measured thins them as documented.
 */
#include "scene_testing.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "scene/scene.h"

#define MODEL "mlp:layers=2-8-2"
#define DATA "moons:n=60,noise=0.2,test=0.25"
#define INIT_SEED 3

static const char *const net_runs[] = {"sgd:lr=0.1,batch=8", "adam:lr=0.01"};
#define NET_RUNS 2

static Scene *make_net(void)
{
    return scene_for_test((SceneOptions){.model = MODEL, .data = DATA, .init_seed = INIT_SEED},
                          net_runs, NET_RUNS);
}

/* Steps as a window does, a few updates and one refine per frame, then
 * refines until nothing waits (the measurements of the last frames). */
static void play(Scene *s, size_t steps, size_t per_frame)
{
    for (size_t done = 0; done < steps; done += per_frame) {
        scene_step(s, per_frame);
        net_stage_refine(s->net);
    }
    for (int k = 0; k < NET_STAGE_PENDING; k++)
        net_stage_refine(s->net);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(series_are_the_cores),
        cmocka_unit_test(measurements_outlive_a_seek),
        cmocka_unit_test(playing_fast_thins_the_series),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
