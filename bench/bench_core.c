/*
 * bench_core.c — figures for the numeric core (run: meson test -C build
 * --benchmark --verbose, or build/bench/bench_core directly):
 *   particle-steps per second of an SGD swarm on rosenbrock, 1 and 2 threads;
 *   milliseconds to sample a 1024x1024 rosenbrock grid and a 256x256
 *   logreg:n=1000 grid, 1 and 2 threads;
 *   updates per second of a 2-16-16-2 tanh network trained full batch on
 *   200 moons points, one thread: adam's steps alone, and a training run
 *   (core/net_run.h) that also measures the loss and accuracy every step.
 * Each figure is the median of several repetitions; 1- and 2-thread figures
 * are measured side by side so their ratio is meaningful on a noisy machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/grid.h"
#include "core/net_run.h"
#include "core/swarm.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_doubles);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static Landscape *make_landscape(const char *spec)
{
    DescentError err;
    Landscape *l = landscape_create(spec, &err);
    if (!l) {
        fprintf(stderr, "bench_core: %s\n", err.message);
        exit(1);
    }
    return l;
}

#define REPS 7

static void bench_swarm(void)
{
    Landscape *l = make_landscape("rosenbrock");
    OptimizerDesc desc;
    DescentError err;
    if (!optimizer_parse("sgd:lr=0.0001,noise=1", l, &desc, &err)) {
        fprintf(stderr, "bench_core: %s\n", err.message);
        exit(1);
    }
    const size_t particles = 100000, steps = 20;
    Swarm *swarm = swarm_create(l, &desc, -1.5, 2, particles, &err);
    double rate[2][REPS];
    for (int r = 0; r < REPS; r++)
        for (int t = 0; t < 2; t++) {
            double start = now_seconds();
            swarm_advance(swarm, steps, t + 1);
            rate[t][r] = (double)(particles * steps) / (now_seconds() - start);
        }
    double one = median(rate[0], REPS), two = median(rate[1], REPS);
    printf("swarm sgd rosenbrock, %zu particles: %.1f M particle-steps/s (1 thread), "
           "%.1f M/s (2 threads), ratio %.2f\n", particles, one / 1e6, two / 1e6, two / one);
    swarm_destroy(swarm);
    landscape_destroy(l);
}

static void bench_grid(const char *spec, int size)
{
    Landscape *l = make_landscape(spec);
    float *grid = malloc(sizeof(float) * (size_t)size * (size_t)size);
    ViewRect view = landscape_default_view(l);
    double ms[2][REPS];
    for (int r = 0; r < REPS; r++)
        for (int t = 0; t < 2; t++) {
            double start = now_seconds();
            grid_sample(l, view, size, size, grid, t + 1);
            ms[t][r] = 1e3 * (now_seconds() - start);
        }
    double one = median(ms[0], REPS), two = median(ms[1], REPS);
    printf("grid %s %dx%d: %.2f ms (1 thread), %.2f ms (2 threads), speed-up %.2f\n", spec, size,
           size, one, two, one / two);
    free(grid);
    landscape_destroy(l);
}

/* The network's loss as the optimizer's objective. */
typedef struct Network {
    Model model;
    NetDataSplit data;
    ModelWork *work;
} Network;

static double network_gradient(void *context, const double *theta, const size_t *idx,
                               size_t count, double *grad)
{
    Network *net = context;
    return model_gradient(&net->model, theta, &net->data.train, idx, count, grad, net->work);
}

static void bench_network(void)
{
    Network net;
    DescentError err;
    if (!model_parse("mlp:layers=2-16-16-2,act=tanh", &net.model, &err) ||
        !netdata_create("moons:n=200,test=0", &net.data, &err)) {
        fprintf(stderr, "bench_core: %s\n", err.message);
        exit(1);
    }
    size_t n = net.model.nparams, samples = net.data.train.n;
    net.work = model_work_create(&net.model);
    double *theta0 = malloc(n * sizeof *theta0);
    Rng rng;
    rng_seed(&rng, 0);
    model_init(&net.model, &rng, theta0);
    OptimizerDesc desc;
    if (!optimizer_parse_vec("adam:lr=0.01", samples, "moons", &desc, &err)) {
        fprintf(stderr, "bench_core: %s\n", err.message);
        exit(1);
    }
    OptimizerObjective objective = {n, samples, network_gradient, &net};
    OptimizerWork *work = optimizer_work_create(&objective);
    OptimizerVec *state = malloc(optimizer_vec_size(n));
    const size_t steps = 500;
    double bare[REPS], run_rate[REPS];
    for (int r = 0; r < REPS; r++) {
        optimizer_vec_init(&desc, n, theta0, 0, state);
        double start = now_seconds();
        for (size_t k = 0; k < steps; k++)
            optimizer_vec_step(&desc, &objective, state, work);
        bare[r] = (double)steps / (now_seconds() - start);

        NetRun run;
        bool ok;
        start = now_seconds();
        if (!net_run_init(&run, &net.model, &net.data, &desc, theta0, 0, &err) ||
            (net_run_advance(&run, steps, &ok, &err), !ok)) {
            fprintf(stderr, "bench_core: %s\n", err.message);
            exit(1);
        }
        run_rate[r] = (double)steps / (now_seconds() - start);
        net_run_free(&run);
    }
    printf("network 2-16-16-2 tanh, %zu parameters, moons 200 points full batch, 1 thread: "
           "%.0f adam steps/s, %.0f steps/s with loss and accuracy each step\n", n,
           median(bare, REPS), median(run_rate, REPS));
    free(state);
    free(theta0);
    optimizer_work_destroy(work);
    model_work_destroy(net.work);
    netdata_free(&net.data);
}

int main(void)
{
    bench_swarm();
    bench_grid("rosenbrock", 1024);
    bench_grid("logreg:n=1000", 256);
    bench_network();
    return 0;
}
