/* fuzz_spec.c — landscape and optimizer spec strings: parsing must never
 * crash, and whatever parses must evaluate and step without crashing. */
#include "fuzz.h"

#include <stdlib.h>

#include "core/landscape.h"
#include "core/optimizer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    if (!text)
        return 0;
    DescentError err;
    Landscape *landscape = landscape_create(text, &err);
    if (landscape) {
        LandscapeEval e;
        landscape_eval(landscape, 0.3, -0.7, &e);
        LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
        landscape_minima(landscape, minima, LANDSCAPE_MAX_MINIMA);
        landscape_destroy(landscape);
    }
    static Landscape *quadratic, *linreg;
    if (!quadratic) {
        quadratic = landscape_create("quadratic", NULL);
        linreg = landscape_create("linreg:n=20", NULL);
    }
    Landscape *targets[] = {quadratic, linreg};
    for (size_t t = 0; t < 2; t++) {
        OptimizerDesc desc;
        if (!optimizer_parse(text, targets[t], &desc, &err))
            continue;
        OptimizerState state;
        optimizer_init(&desc, 1.0, -1.0, desc.seed, &state);
        for (int k = 0; k < 20 && optimizer_step(&desc, targets[t], &state) == STEP_OK; k++)
            ;
    }
    free(text);
    return 0;
}
