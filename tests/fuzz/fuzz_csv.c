/* fuzz_csv.c — dataset files: any bytes load or fail with a message. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/dataset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    if (!fuzz_temp_file(data, size, "csv", path))
        return 0;
    for (int task = DATASET_REGRESSION; task <= DATASET_CLASSIFICATION; task++) {
        Dataset dataset;
        DescentError err;
        if (dataset_load_csv(path, (DatasetTask)task, &dataset, &err))
            dataset_free(&dataset);
        else if (strlen(err.message) == 0)
            abort();
    }
    unlink(path);
    return 0;
}
