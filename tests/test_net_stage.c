/*
 * test_net_stage.c — a network on stage (scene/net_stage.h) without a
 * window: going back k updates and forward k again gives θ bit for bit,
 * and so does seeking, compared with a NetRun stepped on its own; the
 * slice's plane goes through θ0 and the selected run (its path from
 * (0, 0) to (1, 0), the head on the plane); the resampled slice is the
 * grid at its nodes; bad combinations of options are refused; the 's'
 * key's command line names the network.
 */
#include "scene_testing.h"

#include <stdlib.h>
#include <string.h>

#include "core/rng.h"
#include "scene/scene.h"
#include "scene/scene_share.h"
#include <math.h>

#define MODEL "mlp:layers=2-8-2"
#define DATA "moons:n=60,noise=0.2"

static const char *const net_runs[] = {"sgd:lr=0.1,batch=8", "adam:lr=0.01"};
#define NET_RUNS 2

static Scene *make_net(void)
{
    return scene_for_test((SceneOptions){.model = MODEL, .data = DATA, .init_seed = 3}, net_runs,
                          NET_RUNS);
}

/* Every run's optimizer state (θ, moments, random stream), copied. */
typedef struct States {
    unsigned char *bytes[NET_RUNS];
    size_t size;
} States;

static States freeze(const Scene *s)
{
    const NetRun *first = net_stage_run(s->net, 0);
    States f = {.size = optimizer_vec_size(first->model->nparams)};
    for (size_t i = 0; i < NET_RUNS; i++) {
        f.bytes[i] = malloc(f.size);
        assert_non_null(f.bytes[i]);
        memcpy(f.bytes[i], net_run_state(net_stage_run(s->net, i)), f.size);
    }
    return f;
}

static void assert_states(const Scene *s, const States *f)
{
    for (size_t i = 0; i < NET_RUNS; i++)
        assert_memory_equal(net_run_state(net_stage_run(s->net, i)), f->bytes[i], f->size);
}

static void thaw(States *f)
{
    for (size_t i = 0; i < NET_RUNS; i++)
        free(f->bytes[i]);
}

/* Back k and forward k, for k within one keyframe's stride, across
 * several, and after the keyframes were thinned (more than
 * NET_STAGE_KEYFRAMES updates). */
static void back_and_forth_is_bit_exact(void **state)
{
    (void)state;
    Scene *s = make_net();
    const size_t totals[] = {40, 300, 700};
    const size_t backs[] = {1, 7, 33, 290};
    for (size_t t = 0; t < sizeof totals / sizeof totals[0]; t++) {
        scene_seek(s, totals[t]);
        assert_int_equal(scene_shown_step(s), totals[t]);
        States at = freeze(s);
        for (size_t b = 0; b < sizeof backs / sizeof backs[0]; b++) {
            if (backs[b] > totals[t])
                continue;
            scene_seek(s, totals[t] - backs[b]);
            assert_int_equal(scene_shown_step(s), totals[t] - backs[b]);
            scene_step(s, backs[b]);
            assert_states(s, &at);
        }
        thaw(&at);
    }
    scene_destroy(s);
}

/* θ after seeking to k equals a NetRun's own after k updates from the
 * same θ0 (model_init from the init seed): the stage adds nothing. */
static void seek_matches_a_run_of_its_own(void **state)
{
    (void)state;
    Scene *s = make_net();
    scene_step(s, 500);
    scene_seek(s, 123);
    Model model;
    NetDataSplit data;
    DescentError err = {""};
    assert_true(model_parse(MODEL, &model, &err));
    assert_true(netdata_create(DATA, &data, &err));
    double *theta0 = malloc(model.nparams * sizeof *theta0);
    assert_non_null(theta0);
    Rng rng;
    rng_seed(&rng, 3);
    model_init(&model, &rng, theta0);
    for (size_t i = 0; i < NET_RUNS; i++) {
        OptimizerDesc desc;
        assert_true(optimizer_parse_vec(net_runs[i], data.train.n, DATA, &desc, &err));
        NetRun run;
        assert_true(net_run_init(&run, &model, &data, &desc, theta0, 0, &err));
        bool ok;
        assert_int_equal(net_run_advance(&run, 123, &ok, &err), 123);
        assert_memory_equal(net_run_theta(&run), net_run_theta(net_stage_run(s->net, i)),
                            model.nparams * sizeof(double));
        net_run_free(&run);
    }
    free(theta0);
    netdata_free(&data);
    scene_destroy(s);
}

/* Frames of a paused scene until a new grid is shown (the slice refines
 * while paused, at least a point a frame); fails past that bound. */
static void refine_to_new_grid(Scene *s)
{
    scene_set_playing(s, false);
    unsigned serial = s->landscape_serial;
    for (int frames = 0; frames <= NET_STAGE_GRID * NET_STAGE_GRID; frames++) {
        scene_advance(s, 1.0 / 60.0);
        if (s->landscape_serial != serial)
            return;
    }
    fail_msg("no new grid after %d frames", NET_STAGE_GRID * NET_STAGE_GRID + 1);
}

/* The plane through θ0 along θ_now − θ0 of the selected run: its path
 * starts at (0, 0) and its head is (1, 0), on the plane (slice.h). */
static void plane_goes_through_the_selected_run(void **state)
{
    (void)state;
    Scene *s = make_net();
    scene_select(s, 1);
    scene_step(s, 60);
    refine_to_new_grid(s);
    NetPoint path[NET_STAGE_KEYFRAMES + 1];
    size_t count = net_stage_path(s->net, 1, path);
    assert_int_equal(count, 61);
    assert_close(path[0].a, 0.0, 1e-12);
    assert_close(path[0].b, 0.0, 1e-12);
    assert_close(path[0].distance, 0.0, 1e-12);
    assert_close(path[count - 1].a, 1.0, 1e-9);
    assert_close(path[count - 1].b, 0.0, 1e-9);
    assert_close(path[count - 1].distance, 0.0, 1e-9);
    assert_int_equal(path[count - 1].step, 60);
    /* The other run is off the plane, and the picture holds both heads. */
    NetPoint other[NET_STAGE_KEYFRAMES + 1];
    size_t n = net_stage_path(s->net, 0, other);
    assert_true(other[n - 1].distance > 1e-6);
    const double *values;
    unsigned serial;
    const SliceGridDesc *g = net_stage_grid(s->net, &values, &serial);
    for (int k = 0; k < 2; k++) {
        const NetPoint *head = k ? &path[count - 1] : &other[n - 1];
        assert_true(head->a > g->a_min && head->a < g->a_max);
        assert_true(head->b > g->b_min && head->b < g->b_max);
    }
    /* The scene's view is the grid's. */
    assert_true(s->view.xmin == g->a_min && s->view.xmax == g->a_max);
    scene_destroy(s);
}

/* Resampled with cell centres on the grid's nodes, the slice is the grid. */
static void sample_hits_the_nodes(void **state)
{
    (void)state;
    Scene *s = make_net();
    const double *values;
    unsigned serial;
    const SliceGridDesc *g = net_stage_grid(s->net, &values, &serial);
    double ha = (g->a_max - g->a_min) / (g->nx - 1), hb = (g->b_max - g->b_min) / (g->ny - 1);
    ViewRect view = {g->a_min - 0.5 * ha, g->a_max + 0.5 * ha, g->b_min - 0.5 * hb,
                     g->b_max + 0.5 * hb};
    float *dest = malloc((size_t)g->nx * (size_t)g->ny * sizeof *dest);
    assert_non_null(dest);
    GridStats stats = net_stage_sample(s->net, view, g->nx, g->ny, dest);
    assert_int_equal(stats.nonfinite, 0);
    for (int k = 0; k < g->nx * g->ny; k++)
        assert_close_where((double)dest[k], (double)(float)values[k], 1e-5 * fabs(values[k]),
                           "node %d", k);
    free(dest);
    scene_destroy(s);
}

static void bad_options_are_refused(void **state)
{
    (void)state;
    const struct {
        SceneOptions options;
        const char *message;
    } cases[] = {
        {{.data = DATA, .run_count = 1, .runs = {"sgd"}}, "--data moons:n=60,noise=0.2: needs --model"},
        {{.model = MODEL, .data = DATA, .landscape = "booth", .run_count = 1, .runs = {"sgd"}},
         "--model: a network scene has no --landscape"},
        {{.model = MODEL, .data = DATA, .view3d = true, .run_count = 1, .runs = {"sgd"}},
         "--model: a network scene has no 3D view"},
        {{.model = "mlp:layers=2-8-3", .data = DATA, .run_count = 1, .runs = {"sgd"}}, "classes"},
        {{.model = MODEL, .data = DATA, .run_count = 1, .runs = {"newton"}}, "newton"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        DescentError err = {""};
        assert_null(scene_create(&cases[c].options, &err));
        if (!strstr(err.message, cases[c].message))
            fail_msg("case %zu: \"%s\" lacks \"%s\"", c, err.message, cases[c].message);
    }
    /* Its landscape is the slice: 'l' and a typed formula cannot replace it. */
    Scene *s = make_net();
    ViewRect view = s->view;
    DescentError err = {""};
    assert_false(scene_set_landscape(s, "booth", false, &err));
    assert_true(strstr(err.message, "slice") != NULL);
    assert_memory_equal(&s->view, &view, sizeof view);
    scene_destroy(s);
}

/* The 's' key's command line: the network's options and its runs, none
 * of the landscape it does not show. */
static void command_line_is_the_network(void **state)
{
    (void)state;
    Scene *s = make_net();
    char line[SCENE_COMMAND_LINE_MAX];
    assert_true(scene_command_line(s, line, sizeof line));
    assert_string_equal(line, "descent --model " MODEL " --data " DATA " --init-seed 3 "
                              "--opt sgd:lr=0.1,batch=8 --opt adam:lr=0.01");
    scene_destroy(s);
}

/* A recording's frame (net_stage_refine standing for 60 window frames)
 * steps 400 updates at once: every update due for a measurement in them
 * is measured, not the last NET_STAGE_PENDING alone (adam_vs_sgd_network
 * 1 at --fps 1 drew Adam's sharpness from update 336 on). */
static void a_recorded_frame_measures_all_its_updates(void **state)
{
    (void)state;
    Scene *s = make_net();
    net_stage_refine(s->net, 60);
    net_stage_step(s->net, 400);
    for (int frame = 0; frame < 20; frame++)
        net_stage_refine(s->net, 60);
    for (size_t i = 0; i < NET_RUNS; i++)
        for (size_t k = NET_STAGE_SHARPNESS_EVERY; k <= 400; k += NET_STAGE_SHARPNESS_EVERY) {
            double v = net_stage_series(s->net, i, NET_SERIES_SHARPNESS, k);
            if (!(isfinite(v) && v > 0))
                fail_msg("run %zu: no sharpness at update %zu", i, k);
        }
    scene_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(back_and_forth_is_bit_exact),
        cmocka_unit_test(seek_matches_a_run_of_its_own),
        cmocka_unit_test(plane_goes_through_the_selected_run),
        cmocka_unit_test(sample_hits_the_nodes),
        cmocka_unit_test(bad_options_are_refused),
        cmocka_unit_test(command_line_is_the_network),
        cmocka_unit_test(a_recorded_frame_measures_all_its_updates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
