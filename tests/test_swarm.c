/* test_swarm.c — a swarm is N runs with seeds s ... s+N-1, bit for bit,
 * whatever the number of threads. */
#include "testing.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "core/run.h"
#include "core/swarm.h"

static void check_particles_match_runs(const char *landscape_spec, const char *opt_spec)
{
    Landscape *l = test_landscape(landscape_spec);
    OptimizerDesc d = test_optimizer(opt_spec, l);
    const size_t n = 37, steps = 250;
    Swarm *swarm = swarm_create(l, &d, 0.3, -0.4, n, NULL);
    assert_non_null(swarm);
    swarm_advance(swarm, 100, 2);
    swarm_advance(swarm, steps - 100, 3);
    assert_int_equal(swarm_steps(swarm), steps);
    for (size_t i = 0; i < n; i++) {
        OptimizerDesc di = d;
        di.seed = d.seed + i;
        Run run;
        assert_true(run_init(&run, l, &di, 0.3, -0.4, NULL));
        run_advance(&run, steps);
        OptimizerState p = swarm_particle(swarm, i);
        RunPoint head = run_head(&run);
        if (!(p.x == head.x && p.y == head.y))
            fail_msg("%s on %s: particle %zu (%.17g, %.17g) != run (%.17g, %.17g)", opt_spec,
                     landscape_spec, i, p.x, p.y, head.x, head.y);
        assert_true(swarm_positions(swarm)[2 * i] == (float)head.x);
        run_free(&run);
    }
    swarm_destroy(swarm);
    landscape_destroy(l);
}

static void particles_are_runs_with_consecutive_seeds(void **state)
{
    (void)state;
    check_particles_match_runs("rosenbrock", "sgd:lr=0.0005,noise=3,seed=10");
    check_particles_match_runs("himmelblau", "adam:lr=0.05,noise=1,seed=3");
    check_particles_match_runs("linreg:n=50,seed=2", "sgd:lr=0.05,batch=4,seed=7");
}

/* Walker i of a swarm of d started at (-1.2, 1.1) after steps updates, or
 * at the update that diverged; false then. */
static bool walker_of(const OptimizerDesc *d, const Landscape *l, size_t i, size_t steps,
                      OptimizerState *walker)
{
    optimizer_init(d, -1.2, 1.1, d->seed + i, walker);
    bool live = true;
    for (size_t k = 0; k < steps && live; k++)
        live = optimizer_step(d, l, walker) == STEP_OK;
    return live;
}

static void assert_particle_is_walker(const Swarm *swarm, size_t i, const OptimizerState *walker,
                                      const char *spec)
{
    OptimizerState p = swarm_particle(swarm, i);
    if (memcmp(&p, walker, sizeof *walker) != 0)
        fail_msg("%s: particle %zu (t %ld, %.17g, %.17g, grad %.17g) != walker (t %ld, %.17g, "
                 "%.17g, grad %.17g)", spec, i, p.t, p.x, p.y, p.grad[0], walker->t, walker->x,
                 walker->y, walker->grad[0]);
}

/* Particles are stepped in blocks of lanes (swarm.c); each must end as its
 * walker does under optimizer_step, every byte of its state, whether it
 * lives through the stretch or diverges partway (then the walker stops
 * there).  150 particles on 2 threads: whole and partial blocks. */
static size_t check_lanes_match_walkers(const char *landscape_spec, const char *opt_spec)
{
    Landscape *l = test_landscape(landscape_spec);
    OptimizerDesc d = test_optimizer(opt_spec, l);
    enum { N = 150, STEPS = 120 };
    Swarm *swarm = swarm_create(l, &d, -1.2, 1.1, N, NULL);
    assert_non_null(swarm);
    swarm_advance(swarm, 7, 2);
    swarm_advance(swarm, STEPS - 7, 2);
    size_t diverged = 0;
    for (size_t i = 0; i < N; i++) {
        OptimizerState walker;
        bool live = walker_of(&d, l, i, STEPS, &walker);
        diverged += !live;
        assert_particle_is_walker(swarm, i, &walker, opt_spec);
        if (live) /* drawn clamped to float's range */
            assert_true(swarm_positions(swarm)[2 * i + 1] ==
                        (float)fmax(-(double)FLT_MAX, fmin((double)FLT_MAX, walker.y)));
    }
    assert_int_equal(swarm_diverged(swarm), diverged);
    swarm_destroy(swarm);
    landscape_destroy(l);
    return diverged;
}

/* The blocks do not keep a particle's update count, gradient, step and
 * rate (swarm.h): they are replayed from the latest snapshot in which the
 * particle was live, or from the start.  20,000 particles keep a snapshot
 * every 20 updates, and those that diverge between two are replayed from
 * an earlier one; 300,000 keep none. */
static void particles_replay_from_snapshots_or_the_start(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    const char *spec = "sgd:lr=0.004,noise=50,seed=5";
    OptimizerDesc d = test_optimizer(spec, l);
    Swarm *swarm = swarm_create(l, &d, -1.2, 1.1, 20000, NULL);
    swarm_advance(swarm, 70, 2);
    size_t diverged = 0;
    for (size_t i = 0; i < 20000; i++) {
        OptimizerState walker;
        diverged += !walker_of(&d, l, i, 70, &walker);
        assert_particle_is_walker(swarm, i, &walker, spec);
    }
    assert_true(diverged > 100 && diverged < 19900);
    swarm_destroy(swarm);
    swarm = swarm_create(l, &d, -1.2, 1.1, 300000, NULL);
    swarm_advance(swarm, 3, 2);
    for (size_t i = 0; i < 300000; i += 997) {
        OptimizerState walker;
        walker_of(&d, l, i, 3, &walker);
        assert_particle_is_walker(swarm, i, &walker, spec);
    }
    swarm_destroy(swarm);
    landscape_destroy(l);
}

static void lanes_are_walkers_bit_for_bit(void **state)
{
    (void)state;
    static const char *const kinds[] = {
        "sgd:lr=0.0005,noise=3,seed=10",
        "gd:lr=0.001,weight_decay=0.1",
        "momentum:lr=0.001,noise=6,seed=1,schedule=cosine",
        "nesterov:lr=0.0002,momentum=0.8,noise=1,weight_decay=0.01",
        "adagrad:lr=0.1,lr_decay=0.01,noise=1",
        "rmsprop:lr=0.01,centered=1,momentum=0.5,noise=2",
        "adam:lr=0.05,amsgrad=1,noise=1,seed=3",
        "adamw:lr=0.05,weight_decay=0.1,noise=4",
    };
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        check_lanes_match_walkers("rosenbrock", kinds[k]);
    check_lanes_match_walkers("himmelblau", "adam:lr=0.05,noise=1,seed=3");
    /* The kinds whose gradient the lanes inline (landscape.h). */
    check_lanes_match_walkers("quadratic:l1=1,l2=10,angle=30", "sgd:lr=0.05,noise=2,seed=2");
    check_lanes_match_walkers("double_well:h=2,c=3", "momentum:lr=0.01,noise=2,seed=6");
    /* What the lanes leave to the walkers' own loop. */
    check_lanes_match_walkers("rosenbrock", "gd:lr=0.0005,noise=0.3,noise_model=hessian,seed=5");
    check_lanes_match_walkers("linreg:n=50,seed=2", "sgd:lr=0.07,label_noise=0.8,seed=4");
    check_lanes_match_walkers("linreg:n=50,seed=2", "momentum:lr=0.05,batch=4,seed=7");
    /* Some particles blow up, at different updates, and the rest live. */
    size_t diverged = check_lanes_match_walkers("rosenbrock", "sgd:lr=0.004,noise=50,seed=5");
    assert_true(diverged > 0 && diverged < 150);
}

/* A change of parameters can move a swarm from the lanes to the walkers'
 * own loop and back (noise shaped by the Hessian is the walkers'): every
 * particle's state goes from its block to its walker and back and ends
 * as a walker given the same changes, every byte, including those that
 * diverged in either loop. */
static void changes_between_lanes_and_walkers_keep_the_bits(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    OptimizerDesc lanes = test_optimizer("momentum:lr=0.001,noise=6,seed=5", l);
    OptimizerDesc walkers =
        test_optimizer("momentum:lr=0.001,noise=6,noise_model=hessian,seed=5", l);
    enum { N = 150, STRETCH = 40 };
    const OptimizerDesc *plan[3] = {&lanes, &walkers, &lanes};
    Swarm *swarm = swarm_create(l, &lanes, -1.2, 1.1, N, NULL);
    assert_non_null(swarm);
    for (size_t k = 0; k < 3; k++) {
        assert_true(swarm_reconfigure(swarm, plan[k], NULL));
        swarm_advance(swarm, STRETCH, 2);
    }
    size_t diverged = 0;
    for (size_t i = 0; i < N; i++) {
        OptimizerState walker;
        optimizer_init(&lanes, -1.2, 1.1, lanes.seed + i, &walker);
        bool live = true;
        for (size_t k = 0; k < 3 * STRETCH && live; k++)
            live = optimizer_step(plan[k / STRETCH], l, &walker) == STEP_OK;
        diverged += !live;
        OptimizerState p = swarm_particle(swarm, i);
        if (memcmp(&p, &walker, sizeof walker) != 0)
            fail_msg("particle %zu (t %ld, %.17g, %.17g) != walker (t %ld, %.17g, %.17g)", i, p.t,
                     p.x, p.y, walker.t, walker.x, walker.y);
    }
    print_message("%zu of %d particles diverged\n", diverged, N);
    assert_int_equal(swarm_diverged(swarm), diverged);
    assert_true(diverged > 0 && diverged < N);
    swarm_destroy(swarm);
    landscape_destroy(l);
}

static void thread_count_does_not_change_results(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    OptimizerDesc d = test_optimizer("momentum:lr=0.001,noise=6,seed=1", l);
    Swarm *a = swarm_create(l, &d, -1, 1, 1000, NULL);
    Swarm *b = swarm_create(l, &d, -1, 1, 1000, NULL);
    swarm_advance(a, 300, 1);
    swarm_advance(b, 300, 4);
    assert_memory_equal(swarm_positions(a), swarm_positions(b), 2 * 1000 * sizeof(float));
    swarm_restart(a, -1, 1);
    assert_int_equal(swarm_steps(a), 0);
    assert_true(swarm_positions(a)[0] == -1.0f);
    swarm_destroy(a);
    swarm_destroy(b);
    landscape_destroy(l);
}

static void diverged_particles_stop_and_stay_drawable(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=10");
    OptimizerDesc d = test_optimizer("sgd:lr=5,noise=1", l);
    Swarm *s = swarm_create(l, &d, 1, 1, 64, NULL);
    swarm_advance(s, 2000, 2);
    assert_int_equal(swarm_diverged(s), 64);
    const float *pos = swarm_positions(s);
    for (size_t i = 0; i < 2 * 64; i++)
        assert_true(isfinite(pos[i]));
    swarm_destroy(s);
    landscape_destroy(l);
}

/* A θ past float's range but finite is drawn at float's edge on its own
 * side: gd on a steep quadratic swings y across 0 with a growing
 * amplitude, past FLT_MAX on both sides before it overflows. */
static void beyond_float_range_drawn_at_its_edge(void **state)
{
    (void)state;
    Landscape *l = test_landscape("quadratic:l1=1,l2=10");
    OptimizerDesc d = test_optimizer("gd:lr=5", l);
    enum { N = 130 }; /* two whole blocks and a partial one */
    Swarm *s = swarm_create(l, &d, 1, 1, N, NULL);
    assert_non_null(s);
    OptimizerState walker;
    optimizer_init(&d, 1, 1, d.seed, &walker);
    bool below = false, above = false;
    while (optimizer_step(&d, l, &walker) == STEP_OK && isfinite(walker.y)) {
        swarm_advance(s, 1, 2);
        float y = (float)fmax(-(double)FLT_MAX, fmin((double)FLT_MAX, walker.y));
        for (size_t i = 0; i < N; i++)
            assert_true(swarm_positions(s)[2 * i + 1] == y);
        below |= walker.y < -(double)FLT_MAX;
        above |= walker.y > (double)FLT_MAX;
    }
    assert_true(below && above);
    swarm_destroy(s);
    landscape_destroy(l);
}

static void rejects_bad_counts(void **state)
{
    (void)state;
    Landscape *l = test_landscape("rosenbrock");
    OptimizerDesc d = test_optimizer("sgd", l);
    DescentError err;
    assert_null(swarm_create(l, &d, 0, 0, 0, &err));
    assert_non_null(strstr(err.message, "particles=0"));
    assert_null(swarm_create(l, &d, 0, 0, SWARM_MAX + 1, &err));
    landscape_destroy(l);
}

/* First passages: each walker's steps and outcome are the walker loop's,
 * bit for bit, on 1 and 3 threads, in lanes (sgd) and one by one
 * (momentum, which the lanes do not take); walkers with their own noise,
 * some capped before they get there, one starting on its goal. */
static void first_passages_are_the_walker_loop(void **state)
{
    (void)state;
    Landscape *l = test_landscape("double_well");
    static const char *const specs[] = {"sgd:lr=0.02,noise=3", "momentum:lr=0.02,noise=3"};
    enum { N = 300 };
    for (size_t s = 0; s < 2; s++) {
        OptimizerDesc d = test_optimizer(specs[s], l);
        static SwarmPassage walkers[N];
        for (size_t i = 0; i < N; i++)
            walkers[i] = (SwarmPassage){i == 7 ? 1.0 : -1.0, 0.0, i % 2 ? 1.0 : 0.0,
                                        7.0 + (double)(i % 3), 11 + i, i % 5 == 0 ? 5 : 100000, 0,
                                        false, false};
        for (int threads = 1; threads <= 3; threads += 2) {
            SwarmPassages *p = swarm_passages_create(l, &d, walkers, N, threads, NULL);
            assert_non_null(p);
            while (swarm_passages_advance(p, 5000) > 0)
                ;
            swarm_passages_destroy(p);
            size_t capped = 0;
            for (size_t i = 0; i < N; i++) {
                OptimizerDesc di = d;
                di.noise = walkers[i].noise;
                OptimizerState st;
                optimizer_init(&di, walkers[i].x0, walkers[i].y0, walkers[i].seed, &st);
                double side = walkers[i].goal > walkers[i].x0 ? 1.0 : -1.0;
                size_t k = 0;
                while (k < walkers[i].cap && (st.x - walkers[i].goal) * side < 0.0 &&
                       optimizer_step(&di, l, &st) == STEP_OK)
                    k++;
                bool reached = (st.x - walkers[i].goal) * side >= 0.0;
                if (!walkers[i].finished || walkers[i].steps != k || walkers[i].reached != reached)
                    fail_msg("%s, %d threads, walker %zu: %zu steps (%d) != %zu (%d)", specs[s],
                             threads, i, walkers[i].steps, walkers[i].reached, k, reached);
                capped += !reached;
            }
            if (capped < 10 || capped > N / 2)
                fail_msg("%zu of %d walkers capped", capped, N);
            assert_int_equal(walkers[7].steps, 0);
        }
    }
    landscape_destroy(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(particles_are_runs_with_consecutive_seeds),
        cmocka_unit_test(lanes_are_walkers_bit_for_bit),
        cmocka_unit_test(particles_replay_from_snapshots_or_the_start),
        cmocka_unit_test(changes_between_lanes_and_walkers_keep_the_bits),
        cmocka_unit_test(thread_count_does_not_change_results),
        cmocka_unit_test(diverged_particles_stop_and_stay_drawable),
        cmocka_unit_test(beyond_float_range_drawn_at_its_edge),
        cmocka_unit_test(rejects_bad_counts),
        cmocka_unit_test(first_passages_are_the_walker_loop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
