/* fuzz_net.c — network model and dataset spec strings: parsing must never
 * crash; a model that parses must initialise, evaluate, differentiate and
 * multiply by its Hessian on a few samples shaped for it; a dataset that
 * parses must hold what netdata.h says.  csv:FILE is left to fuzz_csv (the
 * reader is dataset.h's), so no input names a file here. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/netdata.h"

/* Bigger networks parse, but are not worth evaluating on every input. */
#define MAX_EVALUATED_PARAMS 20000

static void exercise_model(const Model *m)
{
    if (m->nparams > MAX_EVALUATED_PARAMS)
        return;
    enum { SAMPLES = 5 };
    int out = m->sizes[m->nsizes - 1];
    NetData data = {.n = SAMPLES, .dim = m->sizes[0],
                    .classes = m->loss == MODEL_LOSS_CE || out > 1 ? out : 0};
    data.x = malloc((size_t)SAMPLES * (size_t)data.dim * sizeof *data.x);
    data.y = malloc(SAMPLES * sizeof *data.y);
    double *theta = malloc(m->nparams * sizeof *theta);
    double *grad = malloc(m->nparams * sizeof *grad), *hv = malloc(m->nparams * sizeof *hv);
    ModelWork *work = model_work_create(m);
    if (data.x && data.y && theta && grad && hv && work && model_check_data(m, &data, NULL)) {
        for (size_t i = 0; i < (size_t)SAMPLES * (size_t)data.dim; i++)
            data.x[i] = (double)(i % 7) - 3.0;
        for (size_t i = 0; i < SAMPLES; i++)
            data.y[i] = data.classes ? (double)(i % (size_t)data.classes) : 0.5 * (double)i;
        Rng rng;
        rng_seed(&rng, 1);
        model_init(m, &rng, theta);
        size_t idx[3] = {4, 0, 4};
        model_evaluate(m, theta, &data, NULL, SAMPLES, work);
        model_gradient(m, theta, &data, idx, 3, grad, work);
        model_hvp(m, theta, &data, NULL, SAMPLES, grad, hv, NULL, work);
    }
    model_work_destroy(work);
    free(data.x), free(data.y), free(theta), free(grad), free(hv);
}

static void check_set(const NetData *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->classes > 0 && !(d->y[i] >= 0.0 && d->y[i] < d->classes))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    char *text = fuzz_string(bytes, size);
    if (!text)
        return 0;
    DescentError err;
    Model m;
    if (model_parse(text, &m, &err))
        exercise_model(&m);
    NetDataSplit split;
    if (strncmp(text, "csv", 3) != 0 && netdata_create(text, &split, &err)) {
        check_set(&split.train);
        check_set(&split.test);
        netdata_free(&split);
    }
    free(text);
    return 0;
}
