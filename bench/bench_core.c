/*
 * bench_core.c — figures for the numeric core (run: meson test -C build
 * --benchmark --verbose, or build/bench/bench_core directly):
 *   particle-steps per second of an SGD swarm on rosenbrock, 1 and 2 threads:
 *   100,000 particles 20 updates a call, and 1,000,000 particles 2 updates
 *   a call (a frame's, at the window's speed: the blocks stream from memory);
 *   milliseconds to sample a 1024x1024 rosenbrock grid and a 256x256
 *   logreg:n=1000 grid, 1 and 2 threads;
 *   a 2-16-16-2 tanh network on 200 moons points, full batch: plain GD
 *   steps per second (forward + backward, one thread), a 41x41 loss slice
 *   (1 and 2 threads), λmax by Lanczos, and the dense spectrum of its 354
 *   parameters; and the same network trained by the optimizers' vector form:
 *   adam's updates per second alone, and a training run (core/net_run.h)
 *   that also measures the loss and accuracy after every update.
 * Each figure is the median of several repetitions; 1- and 2-thread figures
 * are measured side by side so their ratio is meaningful on a noisy machine.
 * Arguments name the sections to run (swarm grid network training); none:
 * all of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/grid.h"
#include "core/model.h"
#include "core/net_run.h"
#include "core/netdata.h"
#include "core/slice.h"
#include "core/spectrum.h"
#include "core/swarm.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of the calling thread: on a shared machine the one-thread
 * figures are also given per CPU-second, which other programs do not
 * lower. */
static double thread_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
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

/* particles stepped steps updates a call, after warm_up updates. */
static void bench_swarm(size_t particles, size_t steps, size_t warm_up)
{
    Landscape *l = make_landscape("rosenbrock");
    OptimizerDesc desc;
    DescentError err;
    if (!optimizer_parse("sgd:lr=0.0001,noise=1", l, &desc, &err)) {
        fprintf(stderr, "bench_core: %s\n", err.message);
        exit(1);
    }
    Swarm *swarm = swarm_create(l, &desc, -1.5, 2, particles, &err);
    /* Past the first updates, where snapshots come every few updates
     * (swarm.h), to the spacing a cloud that has played a while has: the
     * figure is the update loop's. */
    swarm_advance(swarm, warm_up, 2);
    double rate[2][REPS], cpu_rate[REPS];
    for (int r = 0; r < REPS; r++)
        for (int t = 0; t < 2; t++) {
            double start = now_seconds(), cpu_start = thread_cpu_seconds();
            swarm_advance(swarm, steps, t + 1);
            rate[t][r] = (double)(particles * steps) / (now_seconds() - start);
            if (t == 0)
                cpu_rate[r] = (double)(particles * steps) / (thread_cpu_seconds() - cpu_start);
        }
    double one = median(rate[0], REPS), two = median(rate[1], REPS);
    printf("swarm sgd rosenbrock, %zu particles, %zu updates a call: %.1f M particle-steps/s "
           "(1 thread; %.1f M per CPU-second), %.1f M/s (2 threads), ratio %.2f\n", particles,
           steps, one / 1e6,
           median(cpu_rate, REPS) / 1e6, two / 1e6, two / one);
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

static void check(bool ok, const DescentError *err)
{
    if (!ok) {
        fprintf(stderr, "bench_core: %s\n", err->message);
        exit(1);
    }
}

static void bench_network(void)
{
    Model m;
    NetDataSplit data;
    DescentError err;
    check(model_parse("mlp:layers=2-16-16-2,act=tanh,loss=ce", &m, &err), &err);
    check(netdata_create("moons:n=200,test=0", &data, &err), &err);
    const NetData *train = &data.train;
    size_t n = m.nparams;
    double *theta = malloc(n * sizeof *theta), *grad = malloc(n * sizeof *grad);
    double *d1 = malloc(n * sizeof *d1), *d2 = malloc(n * sizeof *d2);
    double *values = malloc(n * sizeof *values), *slice = malloc(41 * 41 * sizeof *slice);
    Rng rng;
    rng_seed(&rng, 0);
    model_init(&m, &rng, theta);
    ModelWork *work = model_work_create(&m);

    const int steps = 2000;
    double rate[REPS], cpu_rate[REPS];
    for (int r = 0; r < REPS; r++) {
        double start = now_seconds(), cpu_start = thread_cpu_seconds();
        for (int s = 0; s < steps; s++) {
            model_gradient(&m, theta, train, NULL, train->n, grad, work);
            for (size_t k = 0; k < n; k++)
                theta[k] -= 0.1 * grad[k];
        }
        rate[r] = steps / (now_seconds() - start);
        cpu_rate[r] = steps / (thread_cpu_seconds() - cpu_start);
    }
    printf("mlp 2-16-16-2 tanh, 200 moons, full batch: %.0f GD steps/s (1 thread; %.0f per "
           "CPU-second), loss %.4f after %d steps\n", median(rate, REPS), median(cpu_rate, REPS),
           model_loss(&m, theta, train, NULL, train->n, work), REPS * steps);

    slice_random_direction(&m, theta, &rng, d1);
    slice_random_direction(&m, theta, &rng, d2);
    SlicePlane plane = {n, theta, d1, d2};
    SliceGridDesc grid = {-1, 1, -1, 1, 41, 41};
    double ms[2][REPS];
    for (int r = 0; r < REPS; r++)
        for (int t = 0; t < 2; t++) {
            double start = now_seconds();
            check(slice_grid(&m, train, &plane, &grid, t + 1, slice, &err), &err);
            ms[t][r] = 1e3 * (now_seconds() - start);
        }
    double one = median(ms[0], REPS), two = median(ms[1], REPS);
    printf("mlp slice 41x41: %.1f ms (1 thread), %.1f ms (2 threads), speed-up %.2f\n", one,
           two, one / two);

    ModelHessian h = {&m, theta, train, NULL, train->n, work};
    LanczosResult lanczos;
    double cpu_ms[2][REPS];
    for (int r = 0; r < REPS; r++) {
        double start = now_seconds(), cpu_start = thread_cpu_seconds();
        check(spectrum_lanczos(n, model_hessian_apply, &h, &(LanczosDesc){.top = 1}, &lanczos,
                               &err), &err);
        ms[0][r] = 1e3 * (now_seconds() - start);
        cpu_ms[0][r] = 1e3 * (thread_cpu_seconds() - cpu_start);
    }
    for (int r = 0; r < REPS; r++) {
        double start = now_seconds(), cpu_start = thread_cpu_seconds();
        check(spectrum_dense(n, model_hessian_apply, &h, values, NULL, &err), &err);
        ms[1][r] = 1e3 * (now_seconds() - start);
        cpu_ms[1][r] = 1e3 * (thread_cpu_seconds() - cpu_start);
    }
    printf("mlp lambda_max by Lanczos: %.2f ms (%.2f ms CPU; %d Hessian-vector products, "
           "residual %.1e; %.10g, dense %.10g)\n", median(ms[0], REPS), median(cpu_ms[0], REPS),
           lanczos.iterations, lanczos.residuals[0], lanczos.values[0], values[n - 1]);
    printf("mlp dense spectrum of %zu parameters: %.1f ms (%.1f ms CPU)\n", n,
           median(ms[1], REPS), median(cpu_ms[1], REPS));

    model_work_destroy(work);
    netdata_free(&data);
    free(theta), free(grad), free(d1), free(d2), free(values), free(slice);
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

static void bench_training(void)
{
    Network net;
    DescentError err;
    check(model_parse("mlp:layers=2-16-16-2,act=tanh", &net.model, &err), &err);
    check(netdata_create("moons:n=200,test=0", &net.data, &err), &err);
    size_t n = net.model.nparams, samples = net.data.train.n;
    net.work = model_work_create(&net.model);
    double *theta0 = malloc(n * sizeof *theta0);
    Rng rng;
    rng_seed(&rng, 0);
    model_init(&net.model, &rng, theta0);
    OptimizerDesc desc;
    check(optimizer_parse_vec("adam:lr=0.01", samples, "moons", &desc, &err), &err);
    OptimizerObjective objective = {n, samples, network_gradient, &net};
    OptimizerWork *work = optimizer_work_create(&objective);
    OptimizerVec *state = malloc(optimizer_vec_size(n));
    const size_t steps = 1000;
    double bare[REPS], bare_cpu[REPS], run_rate[REPS], run_cpu[REPS];
    for (int r = 0; r < REPS; r++) {
        optimizer_vec_init(&desc, n, theta0, 0, state);
        double start = now_seconds(), cpu_start = thread_cpu_seconds();
        for (size_t k = 0; k < steps; k++)
            optimizer_vec_step(&desc, &objective, state, work);
        bare[r] = (double)steps / (now_seconds() - start);
        bare_cpu[r] = (double)steps / (thread_cpu_seconds() - cpu_start);

        NetRun run;
        bool ok = true;
        start = now_seconds();
        cpu_start = thread_cpu_seconds();
        check(net_run_init(&run, &net.model, &net.data, &desc, theta0, 0, &err), &err);
        net_run_advance(&run, steps, &ok, &err);
        check(ok, &err);
        run_rate[r] = (double)steps / (now_seconds() - start);
        run_cpu[r] = (double)steps / (thread_cpu_seconds() - cpu_start);
        net_run_free(&run);
    }
    printf("mlp 2-16-16-2 tanh, 200 moons, full batch, trained (1 thread): %.0f adam steps/s "
           "(%.0f per CPU-second); a training run measuring loss and accuracy every step %.0f "
           "steps/s (%.0f per CPU-second)\n", median(bare, REPS), median(bare_cpu, REPS),
           median(run_rate, REPS), median(run_cpu, REPS));
    free(state);
    free(theta0);
    optimizer_work_destroy(work);
    model_work_destroy(net.work);
    netdata_free(&net.data);
}

/* Whether section name is to run: named among the arguments, or none named. */
static bool wanted(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return true;
    return argc < 2;
}

int main(int argc, char **argv)
{
    if (wanted(argc, argv, "swarm")) {
        bench_swarm(100000, 20, 1000);
        /* Too large for snapshots (swarm.h): no warm-up needed. */
        bench_swarm(1000000, 2, 2);
    }
    if (wanted(argc, argv, "grid")) {
        bench_grid("rosenbrock", 1024);
        bench_grid("logreg:n=1000", 256);
    }
    if (wanted(argc, argv, "network"))
        bench_network();
    if (wanted(argc, argv, "training"))
        bench_training();
    return 0;
}
