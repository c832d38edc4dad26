/*
 * test_timeline.c — the stage going back and forth in time, and the
 * window's live parameter keys: scene_seek shows every run and the swarm
 * at an earlier update and stepping on reproduces the same states bit for
 * bit, parameter changes included; [ ] n N u U y Y k K continue the run.
 */
#include "scene_testing.h"

#include <stdlib.h>
#include <string.h>

#include "scene/scene.h"

/* The scene of these runs (and particles per run) on landscape, from (0.5, 0.5). */
static Scene *make(const char *landscape, const char *const *runs, size_t count,
                   size_t particles)
{
    return scene_for_test((SceneOptions){.landscape = landscape, .particles = particles,
                                         .has_start = true, .start = {0.5, 0.5}},
                          runs, count);
}

/* Everything that decides what comes next, copied out of the scene. */
typedef struct Frozen {
    OptimizerState runs[SCENE_MAX_RUNS];
    OptimizerState *particles;
    float *positions;
    size_t count;
} Frozen;

static Frozen freeze(const Scene *s)
{
    Frozen f = {.count = swarm_count(s->swarm)};
    for (size_t i = 0; i < s->run_count; i++)
        f.runs[i] = s->runs[i].run.state;
    f.particles = malloc(f.count * sizeof *f.particles);
    f.positions = malloc(2 * f.count * sizeof *f.positions);
    assert_non_null(f.particles);
    assert_non_null(f.positions);
    for (size_t p = 0; p < f.count; p++)
        f.particles[p] = swarm_particle(s->swarm, p);
    memcpy(f.positions, swarm_positions(s->swarm), 2 * f.count * sizeof *f.positions);
    return f;
}

static void assert_frozen(const Scene *s, const Frozen *f)
{
    for (size_t i = 0; i < s->run_count; i++)
        assert_memory_equal(&s->runs[i].run.state, &f->runs[i], sizeof f->runs[i]);
    for (size_t p = 0; p < f->count; p++) {
        OptimizerState now = swarm_particle(s->swarm, p);
        assert_memory_equal(&now, &f->particles[p], sizeof now);
    }
    assert_memory_equal(swarm_positions(s->swarm), f->positions, 2 * f->count * sizeof(float));
}

static void thaw(Frozen *f)
{
    free(f->particles);
    free(f->positions);
}

static void seeking_the_stage_reproduces_it(void **state)
{
    (void)state;
    const char *runs[] = {"momentum:lr=0.005,momentum=0.8", "sgd:lr=0.01,noise=2,seed=5"};
    Scene *s = make("sharp_flat", runs, 2, 3000);
    DescentError err = {""};
    scene_step(s, 100);
    /* Live changes on the swarm's run: lr, noise and momentum. */
    scene_select(s, 1);
    assert_true(scene_scale_lr(s, 1.25, &err));
    assert_true(scene_scale_noise(s, 1.5, &err));
    scene_step(s, 30);
    assert_true(scene_scale_momentum(s, true, &err));
    assert_close(s->runs[1].run.desc.momentum, 0.5, 0);
    assert_close(swarm_desc(s->swarm)->momentum, 0.5, 0);
    scene_step(s, 70);
    assert_int_equal(scene_shown_step(s), 200);
    Frozen at200 = freeze(s);
    scene_seek(s, 110);
    Frozen at110 = freeze(s);

    scene_seek(s, 40);
    assert_int_equal(scene_shown_step(s), 40);
    assert_int_equal(swarm_steps(s->swarm), 40);
    assert_close(s->runs[1].run.desc.lr, 0.01, 0);
    assert_close(swarm_desc(s->swarm)->noise, 2, 0);
    /* The paths keep the points after the shown update. */
    assert_int_equal(s->runs[1].run.known, 201);

    scene_seek(s, 200);
    assert_frozen(s, &at200);
    scene_seek(s, 3);
    scene_step(s, 107);
    assert_frozen(s, &at110);
    scene_step(s, 90);
    assert_frozen(s, &at200);
    assert_string_equal(s->runs[1].run.desc.spec, "sgd:lr=0.0125,noise=3,seed=5,momentum=0.5");
    thaw(&at200);
    thaw(&at110);
    scene_destroy(s);
}

static void momentum_and_batch_keys(void **state)
{
    (void)state;
    const char *runs[] = {"momentum:lr=0.0005", "adam:lr=0.05", "adagrad"};
    Scene *s = make("rosenbrock", runs, 3, 0);
    DescentError err = {""};
    scene_step(s, 10);
    assert_true(scene_scale_momentum(s, true, &err));
    assert_close(s->runs[0].run.desc.momentum, 0.95, 1e-15);
    assert_true(scene_scale_momentum(s, false, &err));
    assert_true(scene_scale_momentum(s, false, &err));
    assert_close(s->runs[0].run.desc.momentum, 0.8, 1e-15);
    assert_int_equal(run_steps(&s->runs[0].run), 10);
    scene_select(s, 1);
    assert_true(scene_scale_momentum(s, false, &err));
    assert_close(s->runs[1].run.desc.beta1, 0.8, 1e-15);
    assert_true(scene_scale_second_moment(s, true, &err));
    assert_close(s->runs[1].run.desc.beta2, 0.9995, 1e-15);
    assert_true(scene_scale_second_moment(s, false, &err));
    assert_true(scene_scale_second_moment(s, false, &err));
    assert_close(s->runs[1].run.desc.beta2, 0.998, 1e-15);
    assert_int_equal(s->runs[1].run.changes.count, 1); /* all at update 10 */
    scene_select(s, 2);
    assert_false(scene_scale_momentum(s, true, &err));
    assert_non_null(strstr(err.message, "adagrad"));
    assert_false(scene_scale_second_moment(s, true, &err));
    assert_non_null(strstr(err.message, "adagrad"));
    assert_false(scene_scale_batch(s, 2, &err));
    assert_non_null(strstr(err.message, "data landscape"));
    scene_destroy(s);

    const char *data_runs[] = {"sgd:lr=0.05"};
    s = make("linreg:n=40", data_runs, 1, 0);
    assert_int_equal(s->runs[0].run.desc.batch, 1);
    scene_step(s, 5);
    assert_true(scene_scale_batch(s, 2, &err));
    assert_int_equal(s->runs[0].run.desc.batch, 2);
    assert_int_equal(run_steps(&s->runs[0].run), 5);
    for (int k = 0; k < 5; k++)
        assert_true(scene_scale_batch(s, 2, &err));
    assert_int_equal(s->runs[0].run.desc.batch, 0); /* 64 > 40: the full batch */
    assert_true(scene_scale_batch(s, 0.5, &err));
    assert_int_equal(s->runs[0].run.desc.batch, 20);
    scene_destroy(s);
}

/* A diverged run cannot go on from infinity: a smaller lr restarts it. */
static void a_stopped_run_restarts_on_a_change(void **state)
{
    (void)state;
    const char *runs[] = {"gd:lr=1000"};
    Scene *s = make("quadratic", runs, 1, 0);
    DescentError err = {""};
    scene_step(s, 500);
    assert_int_equal(s->runs[0].run.status, RUN_DIVERGED);
    assert_true(scene_scale_lr(s, 1e-5, &err));
    assert_int_equal(s->runs[0].run.status, RUN_ACTIVE);
    assert_int_equal(run_steps(&s->runs[0].run), 0);
    assert_close(s->runs[0].run.desc.lr, 0.01, 1e-15);
    scene_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seeking_the_stage_reproduces_it),
        cmocka_unit_test(momentum_and_batch_keys),
        cmocka_unit_test(a_stopped_run_restarts_on_a_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
