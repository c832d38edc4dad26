/*
 * test_rewind.c — going back in time and changing parameters mid-run:
 * runs and swarms seek to earlier updates and step on bit for bit as if
 * never rewound, with every optimizer, noise, minibatches and schedules;
 * a mid-run change continues from the current point and is undone by
 * seeking before it.
 */
#include "testing.h"

#include <string.h>

#include "core/history.h"
#include "core/run.h"
#include "core/swarm.h"

/* Bitwise equality: the point of these tests is exactness. */
static void assert_same_state(const OptimizerState *a, const OptimizerState *b, size_t step)
{
    if (memcmp(a, b, sizeof *a) != 0)
        fail_msg("states differ after update %zu: (%.17g, %.17g) vs (%.17g, %.17g)", step, a->x,
                 a->y, b->x, b->y);
}

static void assert_same_point(RunPoint a, RunPoint b, size_t step)
{
    if (memcmp(&a, &b, sizeof a) != 0)
        fail_msg("points differ at update %zu: (%.17g, %.17g) vs (%.17g, %.17g)", step, a.x, a.y,
                 b.x, b.y);
}

typedef struct Case {
    const char *landscape, *optimizer;
    double x0, y0;
} Case;

/* Every kind, with noise, minibatches, schedules and the variants that
 * keep extra buffers. */
static const Case cases[] = {
    {"rosenbrock", "gd:lr=0.001", -1.5, 2},
    {"rosenbrock", "sgd:lr=0.0005,noise=2,seed=3", -1.5, 2},
    {"linreg:n=40,seed=2", "sgd:lr=0.05,batch=3,seed=9", 0.5, -1},
    {"logreg:n=30,seed=4", "momentum:lr=0.1,batch=4,seed=2,schedule=cosine,total=200", 1, 1},
    {"himmelblau", "nesterov:lr=0.002,noise=1,warmup=20", 0, 0},
    {"beale", "gd:lr=0.001,momentum=0.8,dampening=0.3,weight_decay=0.01", 1, 1},
    {"rosenbrock", "adagrad:lr=0.3,lr_decay=0.01,initial_accumulator_value=0.1,noise=0.5", -1, 1},
    {"rastrigin", "rmsprop:lr=0.01,centered=1,momentum=0.5,noise=1,schedule=step,every=40", 2, 2},
    {"rosenbrock", "rmsprop:lr=0.003,weight_decay=0.1", -1, 1},
    {"rosenbrock", "adam:lr=0.05,amsgrad=1,noise=0.3,schedule=exp", -1.5, 2},
    {"linreg:n=25,seed=1", "adamw:lr=0.05,weight_decay=0.1,batch=5", 2, 2},
    {"quadratic:l1=1,l2=30,angle=20", "newton:lr=0.5,damping=0.1,noise=0.2", 2, 1},
    {"himmelblau", "flow:lr=0.02", 0, 0},
};

#define CASE_STEPS 300

/* The states of a never-rewound run, after each of CASE_STEPS updates. */
static void reference_states(const Landscape *l, const OptimizerDesc *d, double x0, double y0,
                             OptimizerState *dest, RunPoint *points)
{
    Run run;
    assert_true(run_init(&run, l, d, x0, y0, NULL));
    dest[0] = run.state;
    points[0] = run.path[0];
    for (size_t k = 1; k <= CASE_STEPS; k++) {
        assert_int_equal(run_advance(&run, 1), 1);
        dest[k] = run.state;
        points[k] = run.path[k];
    }
    run_free(&run);
}

static void run_seeks_reproduce_every_update(void **state)
{
    (void)state;
    static OptimizerState ref[CASE_STEPS + 1];
    static RunPoint ref_points[CASE_STEPS + 1];
    /* Back by one, back across a snapshot, to the start, and forward
     * within the remembered points. */
    static const size_t targets[] = {299, 298, 257, 64, 63, 0, 1, 33, 200, 31, 300, 150};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        Landscape *l = test_landscape(cases[c].landscape);
        OptimizerDesc d = test_optimizer(cases[c].optimizer, l);
        reference_states(l, &d, cases[c].x0, cases[c].y0, ref, ref_points);
        Run run;
        assert_true(run_init(&run, l, &d, cases[c].x0, cases[c].y0, NULL));
        assert_int_equal(run_advance(&run, CASE_STEPS), CASE_STEPS);
        for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
            size_t k = targets[t];
            assert_int_equal(run_seek(&run, k), k);
            assert_int_equal(run_steps(&run), k);
            assert_int_equal(run.known, CASE_STEPS + 1);
            assert_same_state(&run.state, &ref[k], k);
            assert_same_point(run_head(&run), ref_points[k], k);
        }
        /* Then stepping forward continues as if never rewound. */
        run_seek(&run, 120);
        for (size_t k = 121; k <= CASE_STEPS; k++) {
            assert_int_equal(run_advance(&run, 1), 1);
            assert_same_state(&run.state, &ref[k], k);
            assert_same_point(run_head(&run), ref_points[k], k);
        }
        run_free(&run);
        landscape_destroy(l);
    }
}

/* A long run thins its snapshots (memory stays bounded) and still seeks
 * exactly. */
static void long_runs_thin_their_snapshots(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    OptimizerDesc d = test_optimizer("sgd:lr=0.0002,noise=1,seed=7", l);
    Run run, fresh;
    assert_true(run_init(&run, l, &d, -1.5, 2, NULL));
    size_t total = 40 * RUN_SNAPSHOT_CAP * RUN_SNAPSHOT_SPACING / 16;
    assert_int_equal(run_advance(&run, total), total);
    assert_true(run.snapshots.count <= RUN_SNAPSHOT_CAP);
    assert_true(run.snapshots.spacing > RUN_SNAPSHOT_SPACING);
    /* A replay is never longer than the spacing, which stays about
     * 2 × updates / cap. */
    assert_true(run.snapshots.spacing <= 4 * total / RUN_SNAPSHOT_CAP);
    static const size_t targets[] = {12345, 77, 60001, 0};
    for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
        assert_true(run_init(&fresh, l, &d, -1.5, 2, NULL));
        run_advance(&fresh, targets[t]);
        run_seek(&run, targets[t]);
        assert_same_state(&run.state, &fresh.state, targets[t]);
        run_free(&fresh);
    }
    run_free(&run);
    landscape_destroy(l);
}

/* Steps of gd on the quadratic 0.5 (x² + 4 y²): ∇L = (x, 4 y). */
static void lr_change_continues_from_the_current_point(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=4");
    OptimizerDesc d = test_optimizer("gd:lr=0.1", l);
    OptimizerDesc slower = test_optimizer("gd:lr=0.05", l);
    Run run;
    assert_true(run_init(&run, l, &d, 1.0, 1.0, NULL));
    run_advance(&run, 10);
    RunPoint at_change = run_head(&run);
    OptimizerState before = run.state;
    assert_true(run_reconfigure(&run, &slower, NULL));
    /* θ, the step count and the buffers stay. */
    assert_int_equal(run_steps(&run), 10);
    assert_same_state(&run.state, &before, 10);
    assert_same_point(run_head(&run), at_change, 10);
    assert_close(run.desc.lr, 0.05, 0);
    /* The next update uses the new lr: θ - 0.05 (x, 4 y). */
    run_advance(&run, 1);
    assert_close(run_head(&run).x, at_change.x - 0.05 * at_change.x, 1e-17);
    assert_close(run_head(&run).y, at_change.y - 0.05 * 4 * at_change.y, 1e-17);
    /* The first ten were at 0.1: x_k = 0.9^k, y_k = 0.6^k. */
    assert_close(at_change.x, pow(0.9, 10), 1e-15);
    assert_close(at_change.y, pow(0.6, 10), 1e-15);
    run_advance(&run, 9);
    assert_close(run_head(&run).x, pow(0.9, 10) * pow(0.95, 10), 1e-15);
    assert_close(run_head(&run).y, pow(0.6, 10) * pow(0.8, 10), 1e-15);

    /* Seeking before the change restores lr 0.1, past it 0.05 again. */
    run_seek(&run, 4);
    assert_close(run.desc.lr, 0.1, 0);
    assert_string_equal(run.desc.spec, "gd:lr=0.1");
    run_advance(&run, 1);
    assert_close(run_head(&run).x, pow(0.9, 5), 1e-15);
    run_seek(&run, 15);
    assert_close(run.desc.lr, 0.05, 0);
    assert_close(run_head(&run).x, pow(0.9, 10) * pow(0.95, 5), 1e-15);
    run_free(&run);
    landscape_destroy(l);
}

/* Changes of every kind the window makes (lr, noise, momentum, betas,
 * batch), rewound across and stepped through again, give the states of a
 * run that was never rewound, bit for bit. */
static void rewinding_across_changes_reproduces_them(void **state)
{
    (void)state;
    static const struct {
        const char *landscape, *first, *second, *third;
    } chains[] = {
        {"rosenbrock", "sgd:lr=0.0005,noise=1,seed=4", "sgd:lr=0.001,noise=1,seed=4",
         "sgd:lr=0.001,noise=0.3,seed=4"},
        {"himmelblau", "momentum:lr=0.002,momentum=0.5", "momentum:lr=0.002,momentum=0.9",
         "momentum:lr=0.004,momentum=0.9,noise=2"},
        {"rosenbrock", "adam:lr=0.02,noise=0.5", "adam:lr=0.02,beta1=0.5,noise=0.5",
         "adam:lr=0.02,beta1=0.5,beta2=0.9,noise=0.5"},
        {"linreg:n=40,seed=3", "sgd:lr=0.05,batch=2,seed=1", "sgd:lr=0.05,batch=8,seed=1",
         "sgd:lr=0.1,batch=8,seed=1"},
    };
    for (size_t c = 0; c < sizeof chains / sizeof chains[0]; c++) {
        Landscape *l = test_landscape(chains[c].landscape);
        OptimizerDesc a = test_optimizer(chains[c].first, l);
        OptimizerDesc b = test_optimizer(chains[c].second, l);
        OptimizerDesc z = test_optimizer(chains[c].third, l);
        static OptimizerState ref[201];
        Run run;
        assert_true(run_init(&run, l, &a, 0.5, 0.5, NULL));
        ref[0] = run.state;
        for (size_t k = 1; k <= 200; k++) {
            if (k - 1 == 70)
                assert_true(run_reconfigure(&run, &b, NULL));
            if (k - 1 == 130)
                assert_true(run_reconfigure(&run, &z, NULL));
            run_advance(&run, 1);
            ref[k] = run.state;
        }
        assert_int_equal(run.changes.count, 2);
        static const size_t targets[] = {69, 70, 71, 0, 129, 131, 200, 100, 30};
        for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
            size_t k = targets[t];
            run_seek(&run, k);
            assert_same_state(&run.state, &ref[k], k);
            const OptimizerDesc *expect = k < 70 ? &a : k < 130 ? &b : &z;
            assert_string_equal(run.desc.spec, expect->spec);
        }
        run_seek(&run, 10);
        for (size_t k = 11; k <= 200; k++) {
            run_advance(&run, 1);
            assert_same_state(&run.state, &ref[k], k);
        }
        /* A change while rewound forgets the future it no longer leads to. */
        run_seek(&run, 100);
        assert_true(run_reconfigure(&run, &a, NULL));
        assert_int_equal(run.known, 101);
        assert_int_equal(run.changes.count, 2);
        assert_int_equal(run.changes.items[1].step, 100);
        run_free(&run);
        landscape_destroy(l);
    }
}

static void reconfigure_refuses_another_kind(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic");
    OptimizerDesc gd = test_optimizer("gd", l), adam = test_optimizer("adam", l);
    Run run;
    assert_true(run_init(&run, l, &gd, 1, 1, NULL));
    DescentError err = {""};
    assert_false(run_reconfigure(&run, &adam, &err));
    assert_non_null(strstr(err.message, "adam"));
    assert_int_equal(run.changes.count, 0);
    run_free(&run);
    landscape_destroy(l);
}

/* A diverged run seeks back to finite points and is active there. */
static void seeking_back_from_divergence(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=10");
    OptimizerDesc d = test_optimizer("gd:lr=1000", l);
    Run run;
    assert_true(run_init(&run, l, &d, 1.0, 1.0, NULL));
    size_t done = run_advance(&run, 100000);
    assert_int_equal(run.status, RUN_DIVERGED);
    run_seek(&run, done / 2);
    assert_int_equal(run.status, RUN_ACTIVE);
    assert_true(isfinite(run_head(&run).loss));
    assert_int_equal(run_seek(&run, 100000), done);
    assert_int_equal(run.status, RUN_DIVERGED);
    run_free(&run);
    landscape_destroy(l);
}

static void assert_same_swarm(const Swarm *a, const Swarm *b)
{
    assert_int_equal(swarm_steps(a), swarm_steps(b));
    for (size_t i = 0; i < swarm_count(a); i++) {
        OptimizerState pa = swarm_particle(a, i), pb = swarm_particle(b, i);
        assert_same_state(&pa, &pb, swarm_steps(a));
    }
    assert_memory_equal(swarm_positions(a), swarm_positions(b), 2 * swarm_count(a) * sizeof(float));
}

/* A swarm (with a change at update 90) seeks to earlier updates and steps
 * on exactly like one never rewound. */
static void swarm_seeks_reproduce_every_update(void **state)
{
    (void)state;
    Landscape *l = test_landscape("sharp_flat");
    OptimizerDesc d = test_optimizer("sgd:lr=0.01,noise=3,seed=11", l);
    OptimizerDesc faster = test_optimizer("sgd:lr=0.02,noise=3,seed=11", l);
    DescentError err = {""};
    size_t count = 5000; /* spacing 80: a few snapshots in 300 updates */
    Swarm *s = swarm_create(l, &d, 0.5, 0.5, count, &err);
    assert_non_null(s);
    swarm_advance(s, 90, 2);
    assert_true(swarm_reconfigure(s, &faster, NULL));
    swarm_advance(s, 210, 2);
    static const size_t targets[] = {299, 250, 160, 91, 90, 89, 5, 0, 240};
    for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
        size_t k = targets[t];
        Swarm *ref = swarm_create(l, &d, 0.5, 0.5, count, &err);
        swarm_advance(ref, k < 90 ? k : 90, 1);
        if (k >= 90) {
            assert_true(swarm_reconfigure(ref, &faster, NULL));
            swarm_advance(ref, k - 90, 1);
        }
        swarm_seek(s, k, 2);
        assert_same_swarm(s, ref);
        assert_true(swarm_desc(s)->lr == (k < 90 ? 0.01 : 0.02));
        swarm_destroy(ref);
    }
    /* Forward again, across the change. */
    swarm_seek(s, 40, 2);
    swarm_advance(s, 260, 2);
    Swarm *ref = swarm_create(l, &d, 0.5, 0.5, count, &err);
    swarm_advance(ref, 90, 1);
    swarm_reconfigure(ref, &faster, NULL);
    swarm_advance(ref, 210, 1);
    assert_same_swarm(s, ref);
    swarm_destroy(ref);
    swarm_destroy(s);
    landscape_destroy(l);
}

static void snapshots_stay_bounded(void **state)
{
    (void)state;
    Snapshots s;
    snapshots_init(&s, sizeof(size_t), 1, 8);
    for (size_t step = 0; step < 1000; step++)
        if (snapshots_due(&s, step)) {
            size_t *slot = snapshots_add(&s, step);
            if (slot)
                *slot = step;
        }
    assert_true(s.count <= 8);
    assert_int_equal(s.spacing, 128);
    size_t found = 0;
    const size_t *held = snapshots_find(&s, 999, &found);
    assert_non_null(held);
    assert_int_equal(found, 896);
    assert_int_equal(*held, 896);
    held = snapshots_find(&s, 127, &found);
    assert_int_equal(found, 0);
    snapshots_drop_after(&s, 500);
    assert_int_equal(s.steps[s.count - 1], 384);
    snapshots_free(&s);
    /* Cap 0 keeps nothing. */
    snapshots_init(&s, sizeof(size_t), 1, 0);
    assert_false(snapshots_due(&s, 0));
    assert_null(snapshots_find(&s, 10, &found));
    snapshots_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(run_seeks_reproduce_every_update),
        cmocka_unit_test(long_runs_thin_their_snapshots),
        cmocka_unit_test(lr_change_continues_from_the_current_point),
        cmocka_unit_test(rewinding_across_changes_reproduces_them),
        cmocka_unit_test(reconfigure_refuses_another_kind),
        cmocka_unit_test(seeking_back_from_divergence),
        cmocka_unit_test(swarm_seeks_reproduce_every_update),
        cmocka_unit_test(snapshots_stay_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
