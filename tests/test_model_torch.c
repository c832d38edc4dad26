/*
 * test_model_torch.c — the network's loss, gradient and Hessian-vector
 * product against torch.autograd in float64.
 *
 * tests/data/torch_network_hvp.txt, written by
 * tools/torch_network_reference.py, holds cases (every activation × head)
 * with their own inputs, labels, θ and direction v, and torch's loss,
 * gradient and H v (double backward).  Each must match:
 *
 *     |ours − torch| <= 1e-10 · max(1, |torch|)
 *
 * The largest error over all cases is printed, so a drift shows before it
 * fails.
 */
#include "testing.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core/model.h"

#define TOLERANCE 1e-10

typedef struct Case {
    char spec[256];
    NetData data;
    double *theta, *v, *grad, *hv;
    double loss;
    size_t ntheta;
} Case;

static void free_case(Case *c)
{
    free(c->data.x), free(c->data.y), free(c->theta), free(c->v), free(c->grad), free(c->hv);
    *c = (Case){0};
}

/* Reads the next case; false at the end of the file. */
static bool read_case(FILE *file, Case *c)
{
    *c = (Case){0};
    char *line = NULL;
    size_t size = 0, count = 0, samples = 0;
    bool any = false;
    while (getline(&line, &size, file) > 0) {
        line[strcspn(line, "\n")] = '\0';
        any = true;
        if (strncmp(line, "model ", 6) == 0) {
            snprintf(c->spec, sizeof c->spec, "%s", line + 6);
        } else if (strncmp(line, "data ", 5) == 0) {
            int dim, classes;
            assert_int_equal(sscanf(line + 5, "%zu %d %d", &samples, &dim, &classes), 3);
            c->data = (NetData){.n = samples, .dim = dim, .classes = classes};
        } else if (strncmp(line, "x ", 2) == 0) {
            c->data.x = numbers_after(line, &count);
            assert_int_equal(count, samples * (size_t)c->data.dim);
        } else if (strncmp(line, "y ", 2) == 0) {
            c->data.y = numbers_after(line, &count);
            assert_int_equal(count, samples);
        } else if (strncmp(line, "theta ", 6) == 0) {
            c->theta = numbers_after(line, &c->ntheta);
        } else if (strncmp(line, "v ", 2) == 0) {
            c->v = numbers_after(line, &count);
            assert_int_equal(count, c->ntheta);
        } else if (strncmp(line, "loss ", 5) == 0) {
            c->loss = strtod(line + 5, NULL);
        } else if (strncmp(line, "grad ", 5) == 0) {
            c->grad = numbers_after(line, &count);
            assert_int_equal(count, c->ntheta);
        } else if (strncmp(line, "hv ", 3) == 0) {
            c->hv = numbers_after(line, &count);
            assert_int_equal(count, c->ntheta);
        } else if (strcmp(line, "end") == 0) {
            break;
        } else {
            fail_msg("unexpected line '%.40s'", line);
        }
    }
    free(line);
    return any;
}

static void test_against_torch(void **state)
{
    (void)state;
    const char *path = DESCENT_SOURCE_DIR "/tests/data/torch_network_hvp.txt";
    FILE *file = fopen(path, "r");
    if (!file)
        fail_msg("cannot open %s", path);
    Case c;
    int cases = 0;
    double worst = 0.0;
    while (read_case(file, &c)) {
        Model m;
        DescentError err = {""};
        if (!model_parse(c.spec, &m, &err))
            fail_msg("%s: %s", c.spec, err.message);
        assert_int_equal(m.nparams, c.ntheta);
        assert_true(model_check_data(&m, &c.data, &err));
        ModelWork *w = model_work_create(&m);
        double *grad = malloc(m.nparams * sizeof *grad), *hv = malloc(m.nparams * sizeof *hv);
        double loss = model_hvp(&m, c.theta, &c.data, NULL, c.data.n, c.v, hv, grad, w);
        assert_close_where(loss, c.loss, relative_tolerance(TOLERANCE, c.loss), "%s", c.spec);
        worst = fmax(worst, fabs(loss - c.loss) / fmax(1.0, fabs(c.loss)));
        for (size_t k = 0; k < m.nparams; k++) {
            assert_close_where(grad[k], c.grad[k], relative_tolerance(TOLERANCE, c.grad[k]),
                               "%s, grad[%zu]", c.spec, k);
            assert_close_where(hv[k], c.hv[k], relative_tolerance(TOLERANCE, c.hv[k]),
                               "%s, hv[%zu]", c.spec, k);
            worst = fmax(worst, fabs(grad[k] - c.grad[k]) / fmax(1.0, fabs(c.grad[k])));
            worst = fmax(worst, fabs(hv[k] - c.hv[k]) / fmax(1.0, fabs(c.hv[k])));
        }
        free(grad), free(hv);
        model_work_destroy(w);
        free_case(&c);
        cases++;
    }
    fclose(file);
    /* Four activations × four heads (tools/torch_network_reference.py). */
    assert_int_equal(cases, 16);
    printf("# %d cases, largest relative error %.3g\n", cases, worst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_torch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
