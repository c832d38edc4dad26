/*
 * test_scene_ensemble.c — --ensemble on stage (scene.h's scene->ensemble):
 * it steps, seeks and resets with the network's runs, member 0 is run 1's
 * twin (the same two seeds) bit for bit, the 's' key's command line names
 * it, and it is refused without a network.
 */
#include "scene_testing.h"

#include <stdlib.h>
#include <string.h>

#include "scene/scene.h"
#include "scene/scene_share.h"

static const char *const net_runs[] = {"sgd:lr=0.1,batch=10"};

static Scene *make_ensemble(void)
{
    return scene_for_test((SceneOptions){.model = "mlp:layers=2-6-2", .data = "moons:n=50",
                                         .init_seed = 4, .ensemble = 3, .has_seed = true,
                                         .seed = 9},
                          net_runs, 1);
}

static void test_ensemble_follows_the_runs(void **state)
{
    (void)state;
    Scene *s = make_ensemble();
    assert_non_null(s->ensemble);
    assert_true(s->display.ensemble);
    assert_int_equal(s->ensemble->count, 3);
    size_t n = net_stage_model(s->net)->nparams;
    size_t size = optimizer_vec_size(n);
    scene_step(s, 120);
    const NetRun *twin = ensemble_member(s->ensemble, 0), *run = net_stage_run(s->net, 0);
    assert_memory_equal(net_run_state(twin), net_run_state(run), size);
    for (size_t k = 0; k < 3; k++)
        assert_int_equal(net_run_state(ensemble_member(s->ensemble, k))->t, 120);
    scene_seek(s, 70);
    assert_int_equal(net_run_state(ensemble_member(s->ensemble, 2))->t, 70);
    assert_memory_equal(net_run_state(twin), net_run_state(run), size);
    scene_reset(s);
    assert_int_equal(net_run_state(ensemble_member(s->ensemble, 1))->t, 0);
    char line[4096];
    assert_true(scene_command_line(s, line, sizeof line));
    assert_non_null(strstr(line, "--ensemble 3"));
    scene_destroy(s);
}

static void test_ensemble_needs_a_network(void **state)
{
    (void)state;
    DescentError err = {""};
    SceneOptions options = {.ensemble = 2};
    assert_null(scene_create(&options, &err));
    assert_non_null(strstr(err.message, "--ensemble 2: needs --model"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ensemble_follows_the_runs),
        cmocka_unit_test(test_ensemble_needs_a_network),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
