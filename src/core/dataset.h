/*
 * dataset.h — small 2-feature datasets for the linreg and logreg landscapes.
 *
 * Synthetic sets are made from a seed (same seed, same data, everywhere);
 * files are CSV with a header naming columns x1,x2,y (any order, extra
 * columns are an error).  logreg labels are -1 or +1 (0 in a file means -1).
 * The caller owns a Dataset (dataset_free).
 */
#ifndef DESCENT_CORE_DATASET_H
#define DESCENT_CORE_DATASET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct Dataset {
    size_t n;
    double *x1, *x2, *y; /* n values each */
} Dataset;

typedef enum DatasetTask { DATASET_REGRESSION, DATASET_CLASSIFICATION } DatasetTask;

typedef struct DatasetDesc {
    DatasetTask task;
    size_t n;        /* samples, >= 1 */
    uint64_t seed;
    double noise;    /* regression: sigma of label noise; classification: label-flip share */
    double rho;      /* correlation of the two inputs, in (-1, 1) */
    double margin;   /* classification: minimum |w*.x| gap between the classes */
    bool separable;  /* classification: keep the classes linearly separable */
} DatasetDesc;

/* Makes a synthetic dataset. */
bool dataset_generate(const DatasetDesc *desc, Dataset *dest, DescentError *err);

/* Limits of a data file: its size and the length of a line, each far
 * above any dataset worth drawing (a row takes some 30 bytes). */
#define DATASET_MAX_BYTES (16 << 20)
#define DATASET_MAX_LINE 1024

/* Reads a CSV file; a UTF-8 byte-order mark before the header is skipped.
 * Only a regular file is read, and never waited for: a folder, a FIFO, a
 * device (/dev/zero, also through a symlink) or a socket is refused
 * without blocking.  Errors: "FILE:LINE: message" (unreadable file, not a
 * regular file, over DATASET_MAX_BYTES, a line over DATASET_MAX_LINE, a
 * NUL byte, missing column, not a number, label not in {-1, 0, 1} for
 * classification, no rows). */
bool dataset_load_csv(const char *path, DatasetTask task, Dataset *dest, DescentError *err);

void dataset_free(Dataset *dataset);

#endif
