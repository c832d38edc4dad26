/* test_dataset.c — synthetic datasets (determinism, statistics, margins,
 * separability) and CSV files (a good one, and errors with line numbers). */
#include "testing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "core/dataset.h"

#define DATA_DIR DESCENT_SOURCE_DIR "/tests/data/"

static Dataset generate_ok(DatasetDesc desc)
{
    Dataset d;
    DescentError err = {{0}};
    if (!dataset_generate(&desc, &d, &err))
        fail_msg("dataset_generate failed: %s", err.message);
    return d;
}

static void same_seed_same_data(void **state)
{
    (void)state;
    DatasetDesc desc = {.task = DATASET_REGRESSION, .n = 500, .seed = 42, .noise = 0.5,
                        .rho = 0.3};
    Dataset a = generate_ok(desc), b = generate_ok(desc);
    assert_memory_equal(a.x1, b.x1, 500 * sizeof(double));
    assert_memory_equal(a.x2, b.x2, 500 * sizeof(double));
    assert_memory_equal(a.y, b.y, 500 * sizeof(double));
    desc.seed = 43;
    Dataset c = generate_ok(desc);
    assert_true(memcmp(a.x1, c.x1, 500 * sizeof(double)) != 0);
    dataset_free(&a);
    dataset_free(&b);
    dataset_free(&c);

    desc.task = DATASET_CLASSIFICATION;
    desc.noise = 0.1;
    a = generate_ok(desc);
    b = generate_ok(desc);
    assert_memory_equal(a.y, b.y, 500 * sizeof(double));
    dataset_free(&a);
    dataset_free(&b);
}

/* Inputs: unit variances and correlation rho; labels y = 2 x1 + x2 + noise.
 * With n = 20000 the sampling error of a mean or correlation is below
 * 0.01 (σ/√n), so 0.03 is a safe bound. */
static void regression_statistics(void **state)
{
    (void)state;
    const size_t n = 20000;
    Dataset d = generate_ok((DatasetDesc){.task = DATASET_REGRESSION, .n = n, .seed = 1,
                                          .noise = 0.0, .rho = 0.8});
    double m1 = 0, m2 = 0, v1 = 0, v2 = 0, c12 = 0;
    for (size_t i = 0; i < n; i++) {
        assert_close(d.y[i], 2 * d.x1[i] + d.x2[i], 1e-15 * (1 + fabs(d.y[i])));
        m1 += d.x1[i];
        m2 += d.x2[i];
        v1 += d.x1[i] * d.x1[i];
        v2 += d.x2[i] * d.x2[i];
        c12 += d.x1[i] * d.x2[i];
    }
    assert_close(m1 / n, 0, 0.03);
    assert_close(m2 / n, 0, 0.03);
    assert_close(v1 / n, 1, 0.03);
    assert_close(v2 / n, 1, 0.03);
    assert_close(c12 / n, 0.8, 0.03);
    dataset_free(&d);

    /* Label noise has the requested standard deviation. */
    d = generate_ok((DatasetDesc){.task = DATASET_REGRESSION, .n = n, .seed = 2, .noise = 0.5});
    double r2 = 0;
    for (size_t i = 0; i < n; i++)
        r2 += (d.y[i] - 2 * d.x1[i] - d.x2[i]) * (d.y[i] - 2 * d.x1[i] - d.x2[i]);
    assert_close(sqrt(r2 / n), 0.5, 0.01);
    dataset_free(&d);
}

/* Separable with a margin: every label is the side of the true boundary
 * 2 x1 + x2 = 0, and no point lies closer to it than the margin. */
static void separable_data_keeps_its_margin(void **state)
{
    (void)state;
    const double margin = 0.3, norm = sqrt(5.0);
    Dataset d = generate_ok((DatasetDesc){.task = DATASET_CLASSIFICATION, .n = 2000, .seed = 3,
                                          .rho = 0.5, .margin = margin, .separable = true});
    size_t positive = 0;
    for (size_t i = 0; i < d.n; i++) {
        assert_true(d.y[i] == 1 || d.y[i] == -1);
        double signed_distance = d.y[i] * (2 * d.x1[i] + d.x2[i]) / norm;
        assert_true(signed_distance >= margin - 1e-12);
        positive += d.y[i] > 0;
    }
    assert_true(positive > 800 && positive < 1200);
    dataset_free(&d);
}

/* Without separable, labels follow the logistic model, then flip with
 * probability noise.  With margin 3 every |w*·x| ≥ 6.7, where the model
 * agrees with the true side 99.9% of the time, so the disagreeing share is
 * the flip share (0.2, sampling error 0.004 at n = 10000). */
static void label_noise_flips_the_requested_share(void **state)
{
    (void)state;
    Dataset d = generate_ok((DatasetDesc){.task = DATASET_CLASSIFICATION, .n = 10000,
                                          .seed = 5, .noise = 0.2, .margin = 3});
    size_t wrong = 0;
    for (size_t i = 0; i < d.n; i++)
        wrong += d.y[i] * (2 * d.x1[i] + d.x2[i]) < 0;
    assert_close((double)wrong / d.n, 0.2, 0.015);
    dataset_free(&d);

    /* The logistic model alone: some labels disagree with the true side. */
    d = generate_ok((DatasetDesc){.task = DATASET_CLASSIFICATION, .n = 1000, .seed = 6});
    wrong = 0;
    for (size_t i = 0; i < d.n; i++)
        wrong += d.y[i] * (2 * d.x1[i] + d.x2[i]) < 0;
    assert_true(wrong > 20 && wrong < 250);
    dataset_free(&d);
}

static void assert_generate_fails(DatasetDesc desc, const char *part)
{
    Dataset d;
    DescentError err = {{0}};
    assert_false(dataset_generate(&desc, &d, &err));
    if (!strstr(err.message, part))
        fail_msg("error '%s' lacks '%s'", err.message, part);
}

static void bad_descriptions_are_refused(void **state)
{
    (void)state;
    assert_generate_fails((DatasetDesc){.n = 0}, "n must be at least 1");
    assert_generate_fails((DatasetDesc){.n = 5, .rho = 1}, "rho=1");
    assert_generate_fails((DatasetDesc){.n = 5, .noise = -1}, "noise=-1");
    assert_generate_fails((DatasetDesc){.task = DATASET_CLASSIFICATION, .n = 5, .noise = 0.1,
                                        .separable = true},
                          "separable");
    assert_generate_fails((DatasetDesc){.task = DATASET_CLASSIFICATION, .n = 5, .noise = 0.7},
                          "at most 0.5");
}

static void loads_a_good_csv(void **state)
{
    (void)state;
    Dataset d;
    DescentError err = {{0}};
    /* Columns in the order y, x1, x2, with spaces and a blank line. */
    assert_true(dataset_load_csv(DATA_DIR "regression.csv", DATASET_REGRESSION, &d, &err));
    assert_int_equal(d.n, 4);
    const double x1[] = {1, 0.5, -1, 1}, x2[] = {-1, 0.5, 2, 0}, y[] = {3, 0.5, -4, 2};
    for (int i = 0; i < 4; i++) {
        assert_close(d.x1[i], x1[i], 0);
        assert_close(d.x2[i], x2[i], 0);
        assert_close(d.y[i], y[i], 0);
    }
    dataset_free(&d);

    /* CRLF line ends, and label 0 read as -1. */
    assert_true(dataset_load_csv(DATA_DIR "classification.csv", DATASET_CLASSIFICATION, &d,
                                 &err));
    assert_int_equal(d.n, 6);
    const double labels[] = {1, -1, 1, -1, -1, 1};
    for (int i = 0; i < 6; i++)
        assert_close(d.y[i], labels[i], 0);
    assert_close(d.x1[0], 1.5, 0);
    assert_close(d.x2[4], -1.5, 0);
    dataset_free(&d);
}

static void assert_load_fails(const char *file, DatasetTask task, const char *part)
{
    Dataset d;
    DescentError err = {{0}};
    char path[512];
    snprintf(path, sizeof path, "%s%s", DATA_DIR, file);
    assert_false(dataset_load_csv(path, task, &d, &err));
    assert_null(d.x1);
    if (!strstr(err.message, part))
        fail_msg("error '%s' lacks '%s'", err.message, part);
}

static void csv_errors_give_file_and_line(void **state)
{
    (void)state;
    assert_load_fails("missing.csv", DATASET_REGRESSION, "missing.csv:0: cannot open");
    assert_load_fails("bad_header.csv", DATASET_REGRESSION,
                      "bad_header.csv:1: unknown column 'x3' (expected x1,x2,y)");
    assert_load_fails("bad_number.csv", DATASET_REGRESSION, "bad_number.csv:3: x2='five' is not a number");
    assert_load_fails("short_row.csv", DATASET_REGRESSION, "short_row.csv:4: 2 fields, expected 3");
    assert_load_fails("header_only.csv", DATASET_REGRESSION, "header_only.csv:3: no data rows");
    assert_load_fails("bad_label.csv", DATASET_CLASSIFICATION,
                      "bad_label.csv:4: label y=2 is not -1, 0 or 1");
    /* The same file is fine for regression, where any label goes. */
    Dataset d;
    DescentError err;
    assert_true(dataset_load_csv(DATA_DIR "bad_label.csv", DATASET_REGRESSION, &d, &err));
    dataset_free(&d);
}

/* Writes size bytes of text into a fresh file under /tmp; its path in path. */
static void write_temp(char *path, size_t path_size, const char *text, size_t size)
{
    snprintf(path, path_size, "/tmp/test_dataset.%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
}

/* Loads path; returns the error message (or "" when it loaded). */
static const char *load_message(const char *path, DescentError *err)
{
    Dataset d;
    err->message[0] = '\0';
    if (dataset_load_csv(path, DATASET_REGRESSION, &d, err))
        dataset_free(&d);
    return err->message;
}

static void assert_contains(const char *message, const char *part)
{
    if (!strstr(message, part))
        fail_msg("error '%s' lacks '%s'", message, part);
}

/* A byte-order mark (Windows editors write one) is no part of the header. */
static void a_byte_order_mark_is_skipped(void **state)
{
    (void)state;
    static const char text[] = "\xef\xbb\xbfx1,x2,y\n1,2,3\n";
    char path[128];
    write_temp(path, sizeof path, text, sizeof text - 1);
    Dataset d;
    DescentError err = {{0}};
    bool ok = dataset_load_csv(path, DATASET_REGRESSION, &d, &err);
    unlink(path);
    if (!ok)
        fail_msg("%s", err.message);
    assert_int_equal(d.n, 1);
    assert_close(d.y[0], 3, 0);
    dataset_free(&d);
}

/* Long lines, huge files and binary files stop at the limit with an error
 * naming it; they are never read into memory whole. */
static void limits_are_errors_naming_the_limit(void **state)
{
    (void)state;
    DescentError err;
    char path[128], part[96];
    size_t long_size = DATASET_MAX_LINE + 20;
    char *text = malloc(long_size);
    assert_non_null(text);
    memcpy(text, "x1,x2,y\n", 8);
    memset(text + 8, '1', long_size - 8);
    write_temp(path, sizeof path, text, long_size);
    snprintf(part, sizeof part, ":2: line longer than %d bytes", DATASET_MAX_LINE);
    assert_contains(load_message(path, &err), part);
    free(text);

    static const char nul[] = "x1,x2,y\n1,2\0,3\n";
    write_temp(path, sizeof path, nul, sizeof nul - 1);
    assert_contains(load_message(path, &err), ":2: a NUL byte");

    /* Sparse: the size is there without the bytes. */
    write_temp(path, sizeof path, "", 0);
    assert_int_equal(truncate(path, (off_t)DATASET_MAX_BYTES + 1), 0);
    snprintf(part, sizeof part, ":0: larger than %d bytes", DATASET_MAX_BYTES);
    assert_contains(load_message(path, &err), part);
    unlink(path);
}

/* A FIFO (which would block the open and the read for ever), a device and
 * a folder are refused by what they are, not read as an empty file. */
static void only_regular_files_are_read(void **state)
{
    (void)state;
    DescentError err;
    char fifo[128];
    snprintf(fifo, sizeof fifo, "/tmp/test_dataset.%ld.fifo", (long)getpid());
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_contains(load_message(fifo, &err), ":0: cannot read: it is a FIFO");
    unlink(fifo);
    assert_contains(load_message("/dev/zero", &err), "/dev/zero:0: cannot read: it is a device");
    assert_contains(load_message(DATA_DIR, &err), ":0: cannot read: it is a folder");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_data),
        cmocka_unit_test(regression_statistics),
        cmocka_unit_test(separable_data_keeps_its_margin),
        cmocka_unit_test(label_noise_flips_the_requested_share),
        cmocka_unit_test(bad_descriptions_are_refused),
        cmocka_unit_test(loads_a_good_csv),
        cmocka_unit_test(csv_errors_give_file_and_line),
        cmocka_unit_test(a_byte_order_mark_is_skipped),
        cmocka_unit_test(limits_are_errors_naming_the_limit),
        cmocka_unit_test(only_regular_files_are_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
