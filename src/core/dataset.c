/*
 * dataset.c — seeded synthetic datasets and CSV files for the data
 * landscapes (see dataset.h).
 *
 * Synthetic inputs are Gaussian with unit variances and correlation rho.
 * Regression labels are y = w*·x + noise·ε; classification labels come from
 * the same true weights w* = (2, 1): with separable set, y = sign(w*·x);
 * otherwise y = +1 with probability σ(w*·x) (the logistic model, so the
 * classes overlap and the loss has a finite minimiser), and then each label
 * flips with probability noise.  margin > 0 moves every point margin
 * further from the boundary w*·x = 0 along its normal, so no point lies
 * closer than margin to it (the classes are 2·margin apart).
 */
#include "dataset.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rng.h"

static const double true_w[2] = {2.0, 1.0};

void dataset_free(Dataset *dataset)
{
    if (!dataset)
        return;
    free(dataset->x1);
    free(dataset->x2);
    free(dataset->y);
    *dataset = (Dataset){0};
}

/* Allocates the three columns for n samples. */
static bool dataset_alloc(Dataset *dest, size_t n)
{
    *dest = (Dataset){.n = n};
    dest->x1 = malloc(n * sizeof *dest->x1);
    dest->x2 = malloc(n * sizeof *dest->x2);
    dest->y = malloc(n * sizeof *dest->y);
    if (dest->x1 && dest->x2 && dest->y)
        return true;
    dataset_free(dest);
    return false;
}

/* ------------------------------------------------------------------------ */
/* Synthetic                                                                 */
/* ------------------------------------------------------------------------ */

bool dataset_generate(const DatasetDesc *desc, Dataset *dest, DescentError *err)
{
    *dest = (Dataset){0};
    if (desc->n < 1)
        return error_set(err, "dataset: n must be at least 1");
    if (!(desc->rho > -1.0 && desc->rho < 1.0))
        return error_set(err, "dataset: rho=%g must lie in (-1, 1)", desc->rho);
    if (!(desc->noise >= 0.0))
        return error_set(err, "dataset: noise=%g must not be negative", desc->noise);
    if (!(desc->margin >= 0.0))
        return error_set(err, "dataset: margin=%g must not be negative", desc->margin);
    bool classify = desc->task == DATASET_CLASSIFICATION;
    if (classify && desc->noise > 0.5)
        return error_set(err, "dataset: noise=%g (a label-flip share) must be at most 0.5",
                         desc->noise);
    if (classify && desc->separable && desc->noise > 0.0)
        return error_set(err, "dataset: separable data cannot have noise=%g (flipped labels "
                              "would break separability)", desc->noise);
    if (!dataset_alloc(dest, desc->n))
        return error_set(err, "dataset: out of memory for %zu samples", desc->n);

    Rng rng;
    rng_seed(&rng, desc->seed);
    double rho_c = sqrt(1.0 - desc->rho * desc->rho);
    double w_norm = hypot(true_w[0], true_w[1]);
    double ux = true_w[0] / w_norm, uy = true_w[1] / w_norm;
    for (size_t i = 0; i < desc->n; i++) {
        double z[2], e[2];
        rng_normal2(&rng, z);
        double x1 = z[0], x2 = desc->rho * z[0] + rho_c * z[1];
        rng_normal2(&rng, e);
        if (!classify) {
            dest->x1[i] = x1;
            dest->x2[i] = x2;
            dest->y[i] = true_w[0] * x1 + true_w[1] * x2 + desc->noise * e[0];
            continue;
        }
        double side = ux * x1 + uy * x2 >= 0.0 ? 1.0 : -1.0;
        x1 += side * desc->margin * ux;
        x2 += side * desc->margin * uy;
        double label = side;
        if (!desc->separable) {
            double m = true_w[0] * x1 + true_w[1] * x2;
            label = rng_uniform(&rng) < 1.0 / (1.0 + exp(-m)) ? 1.0 : -1.0;
        }
        if (desc->noise > 0.0 && rng_uniform(&rng) < desc->noise)
            label = -label;
        dest->x1[i] = x1;
        dest->x2[i] = x2;
        dest->y[i] = label;
    }
    return true;
}

/* ------------------------------------------------------------------------ */
/* CSV                                                                       */
/* ------------------------------------------------------------------------ */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
        *--end = '\0';
    return s;
}

/* Splits line at commas into at most max trimmed fields; returns how many
 * there were (which may exceed max: the rest are not stored). */
static int split_fields(char *line, char **fields, int max)
{
    int count = 0;
    char *cursor = line;
    for (;;) {
        char *comma = strchr(cursor, ',');
        if (comma)
            *comma = '\0';
        if (count < max)
            fields[count] = trim(cursor);
        count++;
        if (!comma)
            return count;
        cursor = comma + 1;
    }
}

typedef struct CsvReader {
    const char *path;
    FILE *file;
    char line[DATASET_MAX_LINE + 1];
    long lineno;
    size_t bytes;   /* read so far */
    bool failed;    /* a read failed: err says why */
    DescentError *err;
} CsvReader;

/* The UTF-8 byte-order mark some editors put at the start of a file. */
static const char byte_order_mark[] = "\xef\xbb\xbf";

/* Reads one line, without its end, into r->line; false at the end of the
 * file and when reading fails (r->failed set).  A line over
 * DATASET_MAX_LINE bytes, a file over DATASET_MAX_BYTES and a NUL byte
 * (not text) are errors, found without reading further. */
static bool read_line(CsvReader *r)
{
    size_t len = 0;
    int c;
    while ((c = getc(r->file)) != EOF && c != '\n') {
        if (++r->bytes > DATASET_MAX_BYTES) {
            r->failed = true;
            return error_set(r->err, "%s:%ld: larger than %d bytes (the most a data file may "
                             "hold)", r->path, r->lineno + 1, DATASET_MAX_BYTES);
        }
        if (len == DATASET_MAX_LINE || c == '\0') {
            r->failed = true;
            return error_set(r->err, c ? "%s:%ld: line longer than %d bytes"
                                       : "%s:%ld: a NUL byte (this is not a text file)",
                             r->path, r->lineno + 1, DATASET_MAX_LINE);
        }
        r->line[len++] = (char)c;
    }
    if (c == EOF && ferror(r->file)) {
        r->failed = true;
        return error_set(r->err, "%s:%ld: read error: %s", r->path, r->lineno + 1,
                         strerror(errno));
    }
    if (c == EOF && len == 0)
        return false;
    r->bytes++;
    r->lineno++;
    r->line[len] = '\0';
    /* Skipped, not reported as part of the first column's name. */
    if (r->lineno == 1 && strncmp(r->line, byte_order_mark, 3) == 0)
        memmove(r->line, r->line + 3, len - 2);
    return true;
}

/* Reads the next line that is not blank; false at end of file and on
 * errors (r->failed). */
static bool next_line(CsvReader *r)
{
    while (read_line(r))
        if (*trim(r->line))
            return true;
    return false;
}

static const char *const column_names[3] = {"x1", "x2", "y"};

/* Maps header fields to columns: order[k] is the column of field k. */
static bool read_header(CsvReader *r, int order[3])
{
    if (!next_line(r))
        return r->failed ? false
                         : error_set(r->err, "%s:1: empty file (expected a header x1,x2,y)",
                                     r->path);
    char *fields[3];
    int count = split_fields(r->line, fields, 3);
    if (count != 3)
        return error_set(r->err, "%s:%ld: header has %d columns, expected x1,x2,y", r->path,
                         r->lineno, count);
    bool seen[3] = {false, false, false};
    for (int k = 0; k < 3; k++) {
        int col = -1;
        for (int c = 0; c < 3; c++)
            if (strcmp(fields[k], column_names[c]) == 0)
                col = c;
        if (col < 0)
            return error_set(r->err, "%s:%ld: unknown column '%s' (expected x1,x2,y)", r->path,
                             r->lineno, fields[k]);
        if (seen[col])
            return error_set(r->err, "%s:%ld: column '%s' appears twice", r->path, r->lineno,
                             fields[k]);
        seen[col] = true;
        order[k] = col;
    }
    return true;
}

static bool parse_number(CsvReader *r, const char *text, const char *column, double *dest)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0')
        return error_set(r->err, "%s:%ld: %s='%s' is not a number", r->path, r->lineno, column,
                         text);
    if (!isfinite(v))
        return error_set(r->err, "%s:%ld: %s='%s' is not finite", r->path, r->lineno, column,
                         text);
    *dest = v;
    return true;
}

static bool grow_column(double **column, size_t cap)
{
    double *p = realloc(*column, cap * sizeof *p);
    if (!p)
        return false;
    *column = p;
    return true;
}

/* Appends one row, growing the columns by doubling. */
static bool append_row(Dataset *d, size_t *cap, const double row[3])
{
    if (d->n == *cap) {
        size_t grown = *cap ? 2 * *cap : 64;
        if (!grow_column(&d->x1, grown) || !grow_column(&d->x2, grown) ||
            !grow_column(&d->y, grown))
            return false;
        *cap = grown;
    }
    d->x1[d->n] = row[0];
    d->x2[d->n] = row[1];
    d->y[d->n] = row[2];
    d->n++;
    return true;
}

static bool read_rows(CsvReader *r, const int order[3], DatasetTask task, Dataset *dest)
{
    size_t cap = 0;
    while (next_line(r)) {
        char *fields[3];
        int count = split_fields(r->line, fields, 3);
        if (count != 3)
            return error_set(r->err, "%s:%ld: %d fields, expected 3 (x1,x2,y)", r->path,
                             r->lineno, count);
        double row[3];
        for (int k = 0; k < 3; k++)
            if (!parse_number(r, fields[k], column_names[order[k]], &row[order[k]]))
                return false;
        if (task == DATASET_CLASSIFICATION) {
            if (row[2] != -1.0 && row[2] != 0.0 && row[2] != 1.0)
                return error_set(r->err, "%s:%ld: label y=%g is not -1, 0 or 1", r->path,
                                 r->lineno, row[2]);
            if (row[2] == 0.0)
                row[2] = -1.0;
        }
        if (!append_row(dest, &cap, row))
            return error_set(r->err, "%s:%ld: out of memory", r->path, r->lineno);
    }
    if (r->failed)
        return false;
    if (dest->n == 0)
        return error_set(r->err, "%s:%ld: no data rows after the header", r->path,
                         r->lineno + 1);
    return true;
}

/* What a file that is not a regular file is, for the message. */
static const char *file_kind(mode_t mode)
{
    return S_ISDIR(mode)    ? "a folder"
           : S_ISFIFO(mode) ? "a FIFO (named pipe)"
           : S_ISSOCK(mode) ? "a socket"
           : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                                            : "not a regular file";
}

/* Opens path for reading when it is a regular file of at most
 * DATASET_MAX_BYTES.  Opened non-blocking, a FIFO cannot hang the open
 * (nor a serial line wait for its carrier); then refused by its type. */
static FILE *open_data_file(const char *path, DescentError *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        error_set(err, "%s:0: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    FILE *file = NULL;
    if (fstat(fd, &st) != 0)
        error_set(err, "%s:0: cannot read: %s", path, strerror(errno));
    else if (!S_ISREG(st.st_mode))
        error_set(err, "%s:0: cannot read: it is %s, not a CSV file", path,
                  file_kind(st.st_mode));
    else if (st.st_size > DATASET_MAX_BYTES)
        error_set(err, "%s:0: larger than %d bytes (the most a data file may hold)", path,
                  DATASET_MAX_BYTES);
    else if (fcntl(fd, F_SETFL, O_RDONLY) != 0 || !(file = fdopen(fd, "r")))
        error_set(err, "%s:0: cannot open: %s", path, strerror(errno));
    if (!file)
        close(fd);
    return file;
}

bool dataset_load_csv(const char *path, DatasetTask task, Dataset *dest, DescentError *err)
{
    *dest = (Dataset){0};
    CsvReader r = {.path = path, .err = err};
    r.file = open_data_file(path, err);
    if (!r.file)
        return false;
    int order[3];
    bool ok = read_header(&r, order) && read_rows(&r, order, task, dest);
    fclose(r.file);
    if (!ok)
        dataset_free(dest);
    return ok;
}
