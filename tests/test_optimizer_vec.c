/*
 * test_optimizer_vec.c — the vector form of the optimizers (optimizer.h):
 * on two coordinates it is the two-parameter walker, bit for bit, for every
 * kind it takes (noise and minibatches included), so both run one copy of
 * each rule; on n coordinates of a separable loss each pair of coordinates
 * walks as that pair would alone; states rewind by copying; the vector
 * parser refuses what has no meaning for a network.
 */
#include <stdlib.h>
#include <string.h>

#include "testing.h"

/* A landscape as a vector objective of dimension 2 (its samples, when it
 * has them, are the objective's). */
static double landscape_objective(void *context, const double *theta, const size_t *idx,
                                  size_t count, double *grad)
{
    const Landscape *landscape = context;
    if (!idx)
        return landscape_value_grad(landscape, theta[0], theta[1], grad);
    uint32_t small[256];
    assert_true(count <= 256);
    for (size_t i = 0; i < count; i++)
        small[i] = (uint32_t)idx[i];
    return landscape_batch_grad(landscape, theta[0], theta[1], small, count, grad);
}

static OptimizerDesc vec_optimizer(const char *spec, size_t samples)
{
    OptimizerDesc desc;
    DescentError err = {""};
    if (!optimizer_parse_vec(spec, samples, "test", &desc, &err))
        fail_msg("%s: %s", spec, err.message);
    return desc;
}

static OptimizerVec *vec_new(size_t n)
{
    OptimizerVec *state = malloc(optimizer_vec_size(n));
    assert_non_null(state);
    return state;
}

/* Steps the walker and the vector form side by side on landscape; every
 * update's θ, gradient and step must be equal as doubles. */
static void expect_same_walk(const char *landscape_spec, const char *opt, int steps)
{
    Landscape *landscape = test_landscape(landscape_spec);
    OptimizerDesc walker_desc = test_optimizer(opt, landscape);
    size_t samples = landscape_sample_count(landscape);
    OptimizerDesc desc = vec_optimizer(opt, samples);
    assert_memory_equal(&walker_desc, &desc, sizeof desc);
    OptimizerObjective objective = {2, samples, landscape_objective, landscape};
    OptimizerWork *work = optimizer_work_create(&objective);
    assert_non_null(work);

    double theta0[2] = {-1.2, 0.8};
    OptimizerState walker;
    optimizer_init(&desc, theta0[0], theta0[1], 11, &walker);
    OptimizerVec *vec = vec_new(2);
    optimizer_vec_init(&desc, 2, theta0, 11, vec);
    for (int k = 0; k < steps; k++) {
        StepResult a = optimizer_step(&desc, landscape, &walker);
        StepResult b = optimizer_vec_step(&desc, &objective, vec, work);
        assert_int_equal(a, b);
        const double *theta = optimizer_vec_view(vec, OPTVEC_THETA);
        const double *grad = optimizer_vec_view(vec, OPTVEC_GRAD);
        const double *step = optimizer_vec_view(vec, OPTVEC_STEP);
        const double expected[6] = {walker.x, walker.y, walker.grad[0], walker.grad[1],
                                    walker.step[0], walker.step[1]};
        const double actual[6] = {theta[0], theta[1], grad[0], grad[1], step[0], step[1]};
        if (memcmp(expected, actual, sizeof actual) != 0)
            fail_msg("%s on %s, update %d: vector (%.17g, %.17g), walker (%.17g, %.17g)", opt,
                     landscape_spec, k + 1, theta[0], theta[1], walker.x, walker.y);
        if (a != STEP_OK)
            break;
    }
    double lr_walker[2], lr_vec[2];
    bool has = optimizer_effective_lr(&desc, &walker, lr_walker);
    assert_int_equal(has, optimizer_vec_effective_lr(&desc, vec, lr_vec));
    if (has)
        assert_memory_equal(lr_walker, lr_vec, sizeof lr_vec);
    free(vec);
    optimizer_work_destroy(work);
    landscape_destroy(landscape);
}

static const char *const every_rule[] = {
    "gd:lr=0.001",
    "sgd:lr=0.001,noise=0.5,seed=4",
    "momentum:lr=0.001,dampening=0.3,weight_decay=0.05",
    "nesterov:lr=0.001,weight_decay=0.1",
    "adagrad:lr=0.1,lr_decay=0.01,initial_accumulator_value=0.2,weight_decay=0.01",
    "rmsprop:lr=0.01",
    "rmsprop:lr=0.01,centered=1,momentum=0.5,weight_decay=0.2",
    "adam:lr=0.05,amsgrad=1,weight_decay=0.1",
    "adamw:lr=0.05,weight_decay=0.3,schedule=cosine,total=100",
    "adam:lr=0.05,noise=0.3,schedule=step,every=50",
    "flow:lr=0.01",
};

static void test_two_coordinates_are_the_walker(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof every_rule / sizeof every_rule[0]; i++) {
        expect_same_walk("rosenbrock", every_rule[i], 300);
        expect_same_walk("quadratic:l1=1,l2=30,angle=20", every_rule[i], 300);
    }
    /* Divergence is reported at the same update. */
    expect_same_walk("quadratic:l1=1,l2=30", "gd:lr=0.1", 400);
}

static void test_minibatches_are_the_walker(void **state)
{
    (void)state;
    const char *const opts[] = {"sgd:lr=0.05,seed=3", "sgd:lr=0.05,batch=7,seed=3",
                                "adam:lr=0.01,batch=16", "momentum:lr=0.02,batch=40,noise=0.1",
                                "rmsprop:lr=0.01"};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        expect_same_walk("logreg:n=50", opts[i], 200);
        expect_same_walk("linreg:n=40", opts[i], 200);
    }
}

/* L = Σ 0.5 a_i θ_i²: each coordinate walks alone, so coordinates (0, 1)
 * and (2, 3) walk as quadratic:l1=a0,l2=a1 and l1=a2,l2=a3 do. */
static const double curvatures[4] = {1, 10, 3, 50};

static double separable(void *context, const double *theta, const size_t *idx, size_t count,
                        double *grad)
{
    (void)context, (void)idx, (void)count;
    double loss = 0;
    for (int i = 0; i < 4; i++) {
        grad[i] = curvatures[i] * theta[i];
        loss += 0.5 * curvatures[i] * theta[i] * theta[i];
    }
    return loss;
}

static void test_coordinates_walk_alone(void **state)
{
    (void)state;
    const char *const opts[] = {"momentum:lr=0.01", "adagrad:lr=0.3", "rmsprop:lr=0.01,centered=1",
                                "adam:lr=0.05", "adamw:lr=0.05,weight_decay=0.5"};
    OptimizerObjective objective = {4, 0, separable, NULL};
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        OptimizerDesc desc = vec_optimizer(opts[k], 0);
        OptimizerWork *work = optimizer_work_create(&objective);
        const double theta0[4] = {1.5, -0.5, -2, 0.25};
        OptimizerVec *vec = vec_new(4);
        optimizer_vec_init(&desc, 4, theta0, 0, vec);
        Landscape *pair[2] = {test_landscape("quadratic:l1=1,l2=10"),
                              test_landscape("quadratic:l1=3,l2=50")};
        OptimizerState walkers[2];
        for (int p = 0; p < 2; p++)
            optimizer_init(&desc, theta0[2 * p], theta0[2 * p + 1], 0, &walkers[p]);
        for (int step = 0; step < 200; step++) {
            assert_int_equal(optimizer_vec_step(&desc, &objective, vec, work), STEP_OK);
            const double *theta = optimizer_vec_view(vec, OPTVEC_THETA);
            for (int p = 0; p < 2; p++) {
                optimizer_step(&desc, pair[p], &walkers[p]);
                assert_close_where(theta[2 * p], walkers[p].x, 1e-15 * fabs(walkers[p].x),
                                   "%s update %d", opts[k], step + 1);
                assert_close_where(theta[2 * p + 1], walkers[p].y, 1e-15 * fabs(walkers[p].y),
                                   "%s update %d", opts[k], step + 1);
            }
        }
        for (int p = 0; p < 2; p++)
            landscape_destroy(pair[p]);
        free(vec);
        optimizer_work_destroy(work);
    }
}

/* A copy of the state block is a snapshot: restored, the walk repeats
 * itself bit for bit (noise and minibatches included). */
static void test_states_rewind_by_copying(void **state)
{
    (void)state;
    Landscape *landscape = test_landscape("logreg:n=60");
    OptimizerObjective objective = {2, 60, landscape_objective, landscape};
    OptimizerDesc desc = vec_optimizer("adam:lr=0.01,batch=8,noise=0.2,seed=5", 60);
    OptimizerWork *work = optimizer_work_create(&objective);
    const double theta0[2] = {0.5, -1};
    size_t bytes = optimizer_vec_size(2);
    OptimizerVec *vec = vec_new(2), *saved = vec_new(2), *first = vec_new(2);
    optimizer_vec_init(&desc, 2, theta0, desc.seed, vec);
    for (int k = 0; k < 10; k++)
        optimizer_vec_step(&desc, &objective, vec, work);
    memcpy(saved, vec, bytes);
    for (int k = 0; k < 25; k++)
        optimizer_vec_step(&desc, &objective, vec, work);
    memcpy(first, vec, bytes);
    memcpy(vec, saved, bytes);
    for (int k = 0; k < 25; k++)
        optimizer_vec_step(&desc, &objective, vec, work);
    assert_memory_equal(first, vec, bytes);
    free(vec);
    free(saved);
    free(first);
    optimizer_work_destroy(work);
    landscape_destroy(landscape);
}

/* Each epoch of minibatches is a permutation of the samples; the last
 * batch of an epoch holds the remainder (10 samples, batch 4: 4, 4, 2). */
static void test_vector_batches_cover_each_epoch(void **state)
{
    (void)state;
    OptimizerDesc desc = vec_optimizer("sgd:batch=4", 10);
    size_t idx[10];
    for (long epoch = 0; epoch < 3; epoch++) {
        int seen[10] = {0};
        const size_t sizes[3] = {4, 4, 2};
        for (long b = 0; b < 3; b++) {
            size_t count = optimizer_vec_batch(&desc, 10, 77, epoch * 3 + b, idx);
            assert_int_equal(count, sizes[b]);
            for (size_t i = 0; i < count; i++)
                seen[idx[i]]++;
        }
        for (int i = 0; i < 10; i++)
            assert_int_equal(seen[i], 1);
    }
    OptimizerDesc full = vec_optimizer("sgd:noise=0.1", 10);
    assert_int_equal(optimizer_vec_batch(&full, 10, 77, 0, idx), 0);
    /* sgd defaults to single samples on data, as on data landscapes. */
    assert_int_equal(vec_optimizer("sgd", 10).batch, 1);
}

static void test_vector_parse_refusals(void **state)
{
    (void)state;
    const struct {
        const char *spec;
        const char *needle;
    } cases[] = {
        {"newton", "two-parameter landscapes only"},
        {"adam:x0=1,y0=2", "x0/y0"},
        {"sgd:batch=11", "larger than the dataset"},
        {"adam:beta9=1", "beta9"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        OptimizerDesc desc;
        DescentError err = {""};
        assert_false(optimizer_parse_vec(cases[i].spec, 10, "moons:n=10", &desc, &err));
        if (!strstr(err.message, cases[i].needle))
            fail_msg("%s: '%s' lacks '%s'", cases[i].spec, err.message, cases[i].needle);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_coordinates_are_the_walker),
        cmocka_unit_test(test_minibatches_are_the_walker),
        cmocka_unit_test(test_coordinates_walk_alone),
        cmocka_unit_test(test_states_rewind_by_copying),
        cmocka_unit_test(test_vector_batches_cover_each_epoch),
        cmocka_unit_test(test_vector_parse_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
