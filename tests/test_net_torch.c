/*
 * test_net_torch.c — network training runs (core/net_run.h) against
 * torch.nn + torch.optim in float64: tests/data/torch_network_runs.txt,
 * written by tools/torch_network_replay.py (its opening comment gives the
 * format), holds for every optimizer, full batch and minibatch, tanh and
 * relu, cross-entropy and MSE, 500 updates of torch's run from stored data
 * and θ0.  Here the core trains from the same data and θ0 with the same
 * spec; every update's training loss, test loss and ‖θ‖, the minibatches'
 * samples and the final θ must agree to 1e-9 relative.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core/net_run.h"
#include "testing.h"

#define RUNS_PATH DESCENT_SOURCE_DIR "/tests/data/torch_network_runs.txt"

#define TOLERANCE 1e-9
#define LINE_MAX_BYTES (1 << 20)

/* Expects the next line to start with word (and a space); returns it. */
static char *expect_line(FILE *f, char *line, const char *word)
{
    if (!fgets(line, LINE_MAX_BYTES, f))
        fail_msg("%s: ended before '%s'", RUNS_PATH, word);
    size_t len = strlen(word);
    if (strncmp(line, word, len) != 0 || (line[len] != ' ' && line[len] != '\n'))
        fail_msg("%s: expected '%s', read '%.40s'", RUNS_PATH, word, line);
    line[strcspn(line, "\n")] = '\0';
    return line;
}

/* A set stored as "NAME N DIM CLASSES", "x ...", "y ...". */
static void read_set(FILE *f, char *line, const char *name, NetData *set)
{
    unsigned long n;
    int dim, classes;
    expect_line(f, line, name);
    if (sscanf(line + strlen(name), "%lu %d %d", &n, &dim, &classes) != 3)
        fail_msg("%s: bad '%s' line", RUNS_PATH, name);
    size_t count;
    set->n = n;
    set->dim = dim;
    set->classes = classes;
    set->x = numbers_after(expect_line(f, line, "x"), &count);
    assert_int_equal(count, n * (size_t)dim);
    set->y = numbers_after(expect_line(f, line, "y"), &count);
    assert_int_equal(count, n);
}

static void expect_series(const char *what, const char *spec, const double *actual,
                          const double *expected, size_t count, double *worst)
{
    for (size_t k = 0; k < count; k++) {
        double error = fabs(actual[k] - expected[k]) / fmax(1.0, fabs(expected[k]));
        *worst = fmax(*worst, error);
        assert_close_where(actual[k], expected[k], relative_tolerance(TOLERANCE, expected[k]),
                           "%s, %s, %zu", spec, what, k);
    }
}

/* Trains one stored run and compares it; returns false at the file's end. */
static bool check_run(FILE *f, char *line, double *worst, int *minibatch_runs)
{
    if (!fgets(line, LINE_MAX_BYTES, f))
        return false;
    assert_string_equal(line, "run\n");
    char model_spec[256], opt_spec[256];
    snprintf(model_spec, sizeof model_spec, "%s", expect_line(f, line, "model") + 6);
    snprintf(opt_spec, sizeof opt_spec, "%s", expect_line(f, line, "opt") + 4);
    NetDataSplit data = {0};
    read_set(f, line, "train", &data.train);
    read_set(f, line, "test", &data.test);

    Model model;
    OptimizerDesc desc;
    DescentError err = {""};
    if (!model_parse(model_spec, &model, &err) ||
        !optimizer_parse_vec(opt_spec, data.train.n, "stored", &desc, &err))
        fail_msg("%s / %s: %s", model_spec, opt_spec, err.message);
    size_t n;
    double *theta0 = numbers_after(expect_line(f, line, "theta0"), &n);
    assert_int_equal(n, model.nparams);

    NetRun run;
    assert_true(net_run_init(&run, &model, &data, &desc, theta0, 0, &err));
    bool ok;
    size_t steps = 0;
    /* The stored batches first, then the series of steps + 1 values. */
    size_t *batch = malloc(data.train.n * sizeof *batch);
    long t = 0;
    for (;;) {
        if (!fgets(line, LINE_MAX_BYTES, f))
            fail_msg("%s: ended inside a run", RUNS_PATH);
        if (strncmp(line, "batch ", 6) != 0)
            break;
        size_t count, m = net_run_batch(&run, t, batch);
        double *stored = numbers_after(line, &count);
        assert_int_equal(m, count);
        for (size_t i = 0; i < count; i++)
            assert_int_equal(batch[i], (size_t)stored[i]);
        free(stored);
        t++;
    }
    *minibatch_runs += t > 0;
    size_t count;
    double *train_loss = numbers_after(line, &count);
    steps = count - 1;
    assert_true(t == 0 || (size_t)t == steps);
    assert_int_equal(net_run_advance(&run, steps, &ok, &err), steps);
    assert_true(ok);

    double *actual = malloc(count * sizeof *actual);
    const char *const names[] = {"train_loss", "test_loss", "norm"};
    for (int series = 0; series < 3; series++) {
        double *expected = series == 0 ? train_loss
                                       : numbers_after(expect_line(f, line, names[series]), &count);
        assert_int_equal(count, steps + 1);
        for (size_t k = 0; k <= steps; k++)
            actual[k] = series == 0   ? run.metrics[k].train_loss
                        : series == 1 ? run.metrics[k].test_loss
                                      : run.metrics[k].norm;
        expect_series(names[series], opt_spec, actual, expected, count, worst);
        free(expected);
    }
    double *theta = numbers_after(expect_line(f, line, "theta"), &count);
    assert_int_equal(count, model.nparams);
    expect_series("final theta", opt_spec, net_run_theta(&run), theta, count, worst);
    expect_line(f, line, "end");

    free(theta);
    free(actual);
    free(batch);
    free(theta0);
    net_run_free(&run);
    free(data.train.x);
    free(data.train.y);
    free(data.test.x);
    free(data.test.y);
    return true;
}

static void test_runs_match_torch(void **state)
{
    (void)state;
    FILE *f = fopen(RUNS_PATH, "r");
    if (!f)
        fail_msg("cannot open %s", RUNS_PATH);
    char *line = malloc(LINE_MAX_BYTES);
    double worst = 0.0;
    int runs = 0, minibatch_runs = 0;
    while (check_run(f, line, &worst, &minibatch_runs))
        runs++;
    fclose(f);
    free(line);
    printf("# %d runs (%d minibatch) of 500 updates, largest relative difference %.3g\n", runs,
           minibatch_runs, worst);
    assert_true(runs >= 30 && minibatch_runs >= 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs_match_torch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
