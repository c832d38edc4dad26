/* fuzz_sweep.c — sweep strings (--sweep PARAM=A:B:N[:lin]) expanded over a
 * few run specs, and over a second spec when the input has a line break
 * (SWEEP\nSPEC).  A sweep either fails with a message or gives 2 to 16
 * specs, each the base with PARAM set to a value that reads back as the
 * very double in Sweep.values, in order from A to B; a run the landscape
 * took before the sweep still takes every one (but a batch larger than
 * its dataset, or a start x0 or y0 alone). */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "core/optimizer.h"
#include "core/sweep.h"

/* The specs are run on linreg:n=20 (batch= is allowed there). */
#define DATASET_SAMPLES 20

/* Checks a sweep that expanded; base parses on landscape as given. */
static void check_expanded(const Sweep *sweep, const Landscape *landscape, bool base_runs)
{
    if (sweep->count < SWEEP_MIN_VALUES || sweep->count > SWEEP_MAX_VALUES)
        abort();
    for (size_t i = 0; i < sweep->count; i++) {
        Spec spec;
        if (!spec_parse(sweep->specs[i], true, &spec, NULL))
            abort();
        const char *value = NULL;
        for (int k = 0; k < spec.count; k++)
            if (strcmp(spec.items[k].key, sweep->param) == 0)
                value = spec.items[k].value;
        if (!value || strtod(value, NULL) != sweep->values[i])
            abort();
        if (i > 0 && sweep->values[i] != sweep->values[i - 1] &&
            (sweep->values[i] < sweep->values[i - 1]) !=
                (sweep->values[sweep->count - 1] < sweep->values[0]))
            abort(); /* not in order from A to B */
        OptimizerDesc desc;
        DescentError err = {""};
        /* A batch larger than the dataset is the landscape's to refuse,
         * and x0 without y0 (or y0 without x0) the optimizer's. */
        bool refusable = (strcmp(sweep->param, "batch") == 0 &&
                          sweep->values[i] > DATASET_SAMPLES) ||
                         strcmp(sweep->param, "x0") == 0 || strcmp(sweep->param, "y0") == 0;
        if (base_runs && !refusable &&
            !optimizer_parse(sweep->specs[i], landscape, &desc, &err))
            abort();
    }
}

static void fuzz_one(const char *text, const char *base, const Landscape *landscape)
{
    Sweep *sweep = malloc(sizeof *sweep);
    if (!sweep)
        return;
    DescentError err = {""};
    if (sweep_expand(text, base, sweep, &err)) {
        OptimizerDesc desc;
        check_expanded(sweep, landscape, optimizer_parse(base, landscape, &desc, NULL));
    } else if (strlen(err.message) == 0) {
        abort();
    }
    free(sweep);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const bases[] = {
        "gd",
        "adam:lr=0.01,beta1=0.8",
        "sgd:lr=0.1,batch=4,seed=3",
        "momentum:lr=0.001,x0=1,y0=-2",
        "rmsprop:momentum=0.5,schedule=cosine,total=100,warmup=10",
    };
    static Landscape *linreg;
    if (!linreg)
        linreg = landscape_create("linreg:n=20", NULL);
    char *text = fuzz_string(data, size);
    if (!text || !linreg) {
        free(text);
        return 0;
    }
    char *second = strchr(text, '\n');
    if (second)
        *second++ = '\0';
    for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++)
        fuzz_one(text, bases[b], linreg);
    if (second)
        fuzz_one(text, second, linreg);
    free(text);
    return 0;
}
