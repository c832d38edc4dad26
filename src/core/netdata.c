/*
 * netdata.c — the network datasets of netdata.h: one parameter table and
 * one generator per kind, the CSV file through dataset.h's reader, and the
 * seeded train/test split.  The formulas are written out in netdata.h.
 */
#include "netdata.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "rng.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define SEED_MAX 9007199254740992.0 /* 2^53: every whole double below is exact */
#define TWO_PI 6.28318530717958647692
#define PI 3.14159265358979323846

/* The keys every generator shares come first, in this order; a kind's own
 * key, when it has one, is KEY_OWN. */
enum { KEY_N, KEY_NOISE, KEY_SEED, KEY_TEST, KEY_OWN };

#define COMMON_KEYS(noise_default, noise_help)                                                 \
    [KEY_N] = {"n", PARAM_INTEGER, 200.0, 1.0, 1e6, NULL, "samples, before the split"},       \
    [KEY_NOISE] = {"noise", PARAM_NUMBER, noise_default, 0.0, 100.0, NULL, noise_help},        \
    [KEY_SEED] = {"seed", PARAM_INTEGER, 0.0, 0.0, SEED_MAX, NULL, "data and split seed"},    \
    [KEY_TEST] = {"test", PARAM_NUMBER, 0.5, 0.0, 1.0, NULL,                                   \
                  "held-out share for the test set (0: none)"}

#define JITTER "std. dev. of the Gaussian jitter added to each point"

static const ParamDef moons_params[] = {COMMON_KEYS(0.1, JITTER)};
static const ParamDef circles_params[] = {
    COMMON_KEYS(0.05, JITTER),
    [KEY_OWN] = {"factor", PARAM_NUMBER, 0.5, 0.0, 1.0, NULL,
                 "radius of the inner circle (the outer is 1)"},
};
static const ParamDef spirals_params[] = {
    COMMON_KEYS(0.05, JITTER),
    [KEY_OWN] = {"turns", PARAM_NUMBER, 1.0, 0.0, 10.0, NULL, "turns of each arm"},
};
static const ParamDef xor_params[] = {COMMON_KEYS(0.1, JITTER)};
static const ParamDef blobs_params[] = {
    COMMON_KEYS(0.5, JITTER),
    [KEY_OWN] = {"k", PARAM_INTEGER, 3.0, 2.0, NETDATA_MAX_CLASSES, NULL,
                 "classes, centred on a circle of radius 2"},
};
static const ParamDef gaussian_linear_params[] = {
    COMMON_KEYS(0.5, "std. dev. of the label noise: y = 2 x1 + x2 + noise e"),
};

enum { CSV_FILE, CSV_TASK };
static const ParamDef csv_params[] = {
    [CSV_FILE] = {"file", PARAM_TEXT, 0.0, 0.0, 0.0, NULL, "the CSV file (csv:FILE)"},
    [CSV_TASK] = {"task", PARAM_CHOICE, 0.0, 0.0, 0.0, "classify|regress",
                  "labels are classes (whole numbers) or values"},
    {"seed", PARAM_INTEGER, 0.0, 0.0, SEED_MAX, NULL, "split seed"},
    {"test", PARAM_NUMBER, 0.5, 0.0, 1.0, NULL, "held-out share for the test set (0: none)"},
};

/* ------------------------------------------------------------------------ */
/* Generators: fill all->x, all->y for all->n samples                        */
/* ------------------------------------------------------------------------ */

static void put(NetData *d, size_t i, double x1, double x2, double y, double noise, Rng *rng)
{
    double e[2];
    rng_normal2(rng, e);
    d->x[2 * i] = x1 + noise * e[0];
    d->x[2 * i + 1] = x2 + noise * e[1];
    d->y[i] = y;
}

/* t_j = span·j/(m − 1 or m) over a half of m samples; 0 for a lone sample. */
static double spread(double span, size_t j, size_t divisor)
{
    return divisor ? span * (double)j / (double)divisor : 0.0;
}

static void make_moons(const ParamValue *p, NetData *d, Rng *rng)
{
    size_t n_out = d->n / 2, n_in = d->n - n_out;
    for (size_t i = 0; i < d->n; i++) {
        bool outer = i < n_out;
        size_t j = outer ? i : i - n_out, m = outer ? n_out : n_in;
        double t = spread(PI, j, m - 1);
        if (outer)
            put(d, i, cos(t), sin(t), 0.0, p[KEY_NOISE].number, rng);
        else
            put(d, i, 1.0 - cos(t), 0.5 - sin(t), 1.0, p[KEY_NOISE].number, rng);
    }
}

static void make_circles(const ParamValue *p, NetData *d, Rng *rng)
{
    size_t n_out = d->n / 2, n_in = d->n - n_out;
    for (size_t i = 0; i < d->n; i++) {
        bool outer = i < n_out;
        size_t j = outer ? i : i - n_out;
        double t = spread(TWO_PI, j, outer ? n_out : n_in);
        double r = outer ? 1.0 : p[KEY_OWN].number;
        put(d, i, r * cos(t), r * sin(t), outer ? 0.0 : 1.0, p[KEY_NOISE].number, rng);
    }
}

static void make_spirals(const ParamValue *p, NetData *d, Rng *rng)
{
    for (size_t i = 0; i < d->n; i++) {
        size_t c = i % 2, j = i / 2, m = (d->n - c + 1) / 2;
        double r = (double)(j + 1) / (double)m;
        double angle = TWO_PI * p[KEY_OWN].number * r + PI * (double)c;
        put(d, i, r * cos(angle), r * sin(angle), (double)c, p[KEY_NOISE].number, rng);
    }
}

static void make_xor(const ParamValue *p, NetData *d, Rng *rng)
{
    for (size_t i = 0; i < d->n; i++) {
        double u1 = 2.0 * rng_uniform(rng) - 1.0;
        double u2 = 2.0 * rng_uniform(rng) - 1.0;
        put(d, i, u1, u2, u1 * u2 < 0.0 ? 1.0 : 0.0, p[KEY_NOISE].number, rng);
    }
}

static void make_blobs(const ParamValue *p, NetData *d, Rng *rng)
{
    size_t k = (size_t)p[KEY_OWN].number;
    for (size_t i = 0; i < d->n; i++) {
        size_t c = i % k;
        double t = TWO_PI * (double)c / (double)k;
        put(d, i, 2.0 * cos(t), 2.0 * sin(t), (double)c, p[KEY_NOISE].number, rng);
    }
}

static void make_gaussian_linear(const ParamValue *p, NetData *d, Rng *rng)
{
    for (size_t i = 0; i < d->n; i++) {
        double x[2], e[2];
        rng_normal2(rng, x);
        rng_normal2(rng, e);
        d->x[2 * i] = x[0];
        d->x[2 * i + 1] = x[1];
        d->y[i] = 2.0 * x[0] + x[1] + p[KEY_NOISE].number * e[0];
    }
}

typedef void (*Generator)(const ParamValue *p, NetData *all, Rng *rng);

/* One row per kind; classes: fixed count, 0 for regression, -1 for the
 * blobs' k key, -2 for csv (from the file). */
typedef struct Kind {
    Generator generate;
    int classes;
} Kind;

const NetDataInfo netdata_kinds[] = {
    {"moons", moons_params, ARRAY_LEN(moons_params), "two interleaving half circles"},
    {"circles", circles_params, ARRAY_LEN(circles_params), "a circle inside a circle"},
    {"spirals", spirals_params, ARRAY_LEN(spirals_params), "two interleaved spiral arms"},
    {"xor", xor_params, ARRAY_LEN(xor_params), "the square's quadrants, XOR of the signs"},
    {"blobs", blobs_params, ARRAY_LEN(blobs_params), "k Gaussian clusters, one per class"},
    {"gaussian_linear", gaussian_linear_params, ARRAY_LEN(gaussian_linear_params),
     "regression: Gaussian inputs, y = 2 x1 + x2 + noise"},
    {"csv", csv_params, ARRAY_LEN(csv_params), "csv:FILE, columns x1,x2,y"},
};
const size_t netdata_kind_count = ARRAY_LEN(netdata_kinds);

static const Kind kinds[ARRAY_LEN(netdata_kinds)] = {
    {make_moons, 2}, {make_circles, 2}, {make_spirals, 2}, {make_xor, 2},
    {make_blobs, -1}, {make_gaussian_linear, 0}, {NULL, -2},
};

/* ------------------------------------------------------------------------ */
/* Sets                                                                      */
/* ------------------------------------------------------------------------ */

static void data_free(NetData *d)
{
    free(d->x);
    free(d->y);
    *d = (NetData){0};
}

void netdata_free(NetDataSplit *dest)
{
    if (!dest)
        return;
    data_free(&dest->train);
    data_free(&dest->test);
}

static bool data_alloc(NetData *d, size_t n, int dim, int classes)
{
    *d = (NetData){.n = n, .dim = dim, .classes = classes};
    /* An empty test set still gets valid (one-element) arrays. */
    size_t rows = n ? n : 1;
    d->x = malloc(rows * (size_t)dim * sizeof *d->x);
    d->y = malloc(rows * sizeof *d->y);
    if (d->x && d->y)
        return true;
    data_free(d);
    return false;
}

/* Reads csv:FILE into all; the labels of a classification file become
 * class indices (their distinct values, ascending). */
static bool load_csv(const char *path, bool classify, NetData *all, DescentError *err)
{
    Dataset rows;
    if (!dataset_load_csv(path, DATASET_REGRESSION, &rows, err))
        return false;
    double values[NETDATA_MAX_CLASSES];
    int classes = 0;
    bool ok = true;
    for (size_t i = 0; classify && i < rows.n && ok; i++) {
        double y = rows.y[i];
        if (y != floor(y)) {
            ok = error_set(err, "%s: label y=%g on row %zu is not a whole number (a class; "
                                "use task=regress for values)", path, y, i + 1);
            break;
        }
        int k = 0;
        while (k < classes && values[k] < y)
            k++;
        if (k < classes && values[k] == y)
            continue;
        if (classes == NETDATA_MAX_CLASSES) {
            ok = error_set(err, "%s: more than %d classes", path, NETDATA_MAX_CLASSES);
            break;
        }
        memmove(values + k + 1, values + k, (size_t)(classes - k) * sizeof *values);
        values[k] = y;
        classes++;
    }
    if (ok && classify && classes < 2)
        ok = error_set(err, "%s: every label is %g: classification needs at least two classes",
                       path, rows.y[0]);
    if (ok && !data_alloc(all, rows.n, 2, classify ? classes : 0))
        ok = error_set(err, "%s: out of memory", path);
    for (size_t i = 0; ok && i < rows.n; i++) {
        all->x[2 * i] = rows.x1[i];
        all->x[2 * i + 1] = rows.x2[i];
        int k = 0;
        while (classify && values[k] != rows.y[i])
            k++;
        all->y[i] = classify ? (double)k : rows.y[i];
    }
    dataset_free(&rows);
    return ok;
}

/* Moves all's samples into train and test by the seeded shuffle of
 * netdata.h; all is freed. */
static bool split(NetData *all, double test, uint64_t seed, NetDataSplit *dest,
                  const char *spec, DescentError *err)
{
    size_t n = all->n, held = (size_t)llround(test * (double)n);
    if (test > 0.0 && (held == 0 || held == n)) {
        data_free(all);
        return error_set(err, "dataset '%s': test=%g of %zu samples leaves %s set empty", spec,
                         test, n, held == 0 ? "the test" : "the training");
    }
    bool *chosen = calloc(n, sizeof *chosen);
    size_t *order = malloc(n * sizeof *order);
    bool ok = chosen && order && data_alloc(&dest->train, n - held, all->dim, all->classes) &&
              data_alloc(&dest->test, held, all->dim, all->classes);
    if (ok) {
        Rng rng;
        rng_seed(&rng, rng_mix(seed, 0x7e57));
        for (size_t i = 0; i < n; i++)
            order[i] = i;
        for (size_t i = n; i-- > 1;) {
            size_t j = (size_t)(rng_next(&rng) % (i + 1));
            size_t t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (size_t k = 0; k < held; k++)
            chosen[order[k]] = true;
        size_t counts[2] = {0, 0};
        size_t dim = (size_t)all->dim;
        for (size_t i = 0; i < n; i++) {
            NetData *to = chosen[i] ? &dest->test : &dest->train;
            size_t at = counts[chosen[i]]++;
            memcpy(to->x + at * dim, all->x + i * dim, dim * sizeof *to->x);
            to->y[at] = all->y[i];
        }
    } else {
        netdata_free(dest);
        error_set(err, "dataset '%s': out of memory for %zu samples", spec, n);
    }
    free(chosen);
    free(order);
    data_free(all);
    return ok;
}

static int kind_index(const char *name)
{
    for (size_t i = 0; i < netdata_kind_count; i++)
        if (strcmp(netdata_kinds[i].name, name) == 0)
            return (int)i;
    return -1;
}

static bool unknown_kind(const char *name, DescentError *err)
{
    char names[256];
    size_t used = 0;
    names[0] = '\0';
    for (size_t i = 0; i < netdata_kind_count && used < sizeof names; i++)
        used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "",
                                 netdata_kinds[i].name);
    return error_set(err, "unknown dataset '%s' (datasets: %s)", name, names);
}

/* csv:FILE[,key=value...] is parsed as csv:file=FILE[,key=value...]; a
 * spec already written csv:file=FILE stays (a FILE holds no '='). */
static bool parse_csv_spec(const char *text, Spec *dest, DescentError *err)
{
    const char *body = strchr(text, ':');
    if (!body || !body[1])
        return error_set(err, "dataset 'csv' needs a file: csv:FILE");
    body++;
    body += strspn(body, " \t");
    if (strncmp(body, "file", 4) == 0 && body[4 + strspn(body + 4, " \t")] == '=')
        return spec_parse(text, true, dest, err);
    char rewritten[SPEC_TEXT_MAX];
    if ((size_t)snprintf(rewritten, sizeof rewritten, "csv:file=%s", body) >=
        sizeof rewritten)
        return error_set(err, "spec too long: '%.40s...'", text);
    return spec_parse(rewritten, true, dest, err);
}

void netdata_square(const NetDataSplit *data, double *lo, double *hi)
{
    *lo = (double)INFINITY, *hi = -(double)INFINITY;
    const NetData *sets[2] = {&data->train, &data->test};
    for (int q = 0; q < 2; q++)
        for (size_t k = 0; k < sets[q]->n * (size_t)sets[q]->dim; k++) {
            *lo = fmin(*lo, sets[q]->x[k]);
            *hi = fmax(*hi, sets[q]->x[k]);
        }
    double pad = 0.08 * (*hi - *lo) + 1e-9;
    *lo -= pad, *hi += pad;
}

void netdata_square_cells(const NetDataSplit *data, int cells, double *dest)
{
    double lo, hi;
    netdata_square(data, &lo, &hi);
    for (int j = 0; j < cells; j++)
        for (int i = 0; i < cells; i++) {
            size_t k = (size_t)j * (size_t)cells + (size_t)i;
            dest[2 * k] = lo + (i + 0.5) * (hi - lo) / cells;
            dest[2 * k + 1] = hi - (j + 0.5) * (hi - lo) / cells;
        }
}

bool netdata_spec_parse(const char *text, Spec *dest, DescentError *err)
{
    if (!spec_parse(text, false, dest, err))
        return false;
    int index = kind_index(dest->name);
    if (index < 0)
        return unknown_kind(dest->name, err);
    if (kinds[index].generate == NULL)
        return parse_csv_spec(text, dest, err);
    return dest->body[0] == '\0' || spec_parse(text, true, dest, err);
}

/* The value of key, which every kind's table has (seed, test), each at
 * its own place. */
static const ParamValue *value_of(const NetDataInfo *info, const ParamValue *p, const char *key)
{
    return &p[param_find(info->params, info->nparams, key) - info->params];
}

bool netdata_create(const char *spec_text, NetDataSplit *dest, DescentError *err)
{
    *dest = (NetDataSplit){0};
    Spec spec;
    if (!netdata_spec_parse(spec_text, &spec, err))
        return false;
    int index = kind_index(spec.name);
    const NetDataInfo *info = &netdata_kinds[index];
    const Kind *kind = &kinds[index];
    bool csv = kind->generate == NULL;
    char what[64];
    snprintf(what, sizeof what, "dataset '%s'", info->name);
    ParamValue p[8];
    if (!spec_resolve(&spec, what, info->params, info->nparams, p, err))
        return false;

    uint64_t seed = (uint64_t)value_of(info, p, "seed")->number;
    NetData all;
    if (csv) {
        if (!load_csv(p[CSV_FILE].text, p[CSV_TASK].number == 0.0, &all, err))
            return false;
    } else {
        int classes = kind->classes >= 0 ? kind->classes : (int)p[KEY_OWN].number;
        if (!data_alloc(&all, (size_t)p[KEY_N].number, 2, classes))
            return error_set(err, "%s: out of memory for %zu samples", what,
                             (size_t)p[KEY_N].number);
        Rng rng;
        rng_seed(&rng, seed);
        kind->generate(p, &all, &rng);
    }
    return split(&all, value_of(info, p, "test")->number, seed, dest, spec_text, err);
}
