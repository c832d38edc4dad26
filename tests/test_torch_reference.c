/*
 * test_torch_reference.c — the core's optimizers against torch.optim.
 *
 * tests/data/torch_cases.csv lists reference files (file,landscape,steps)
 * that tools/torch_reference.py wrote by running torch.optim in float64 on
 * the same landscapes; each file holds runs in the columns of
 * `descent trace` (run,optimizer,step,x,y,loss).  Every run is replayed
 * through optimizer_parse / optimizer_init / optimizer_step from its step-0
 * point, and every later row must match, coordinate and loss alike:
 *
 *     |ours - torch| <= 1e-9 * max(1, |torch|)
 *
 * Data landscapes name their dataset (tests/data/torch_data_*.csv) relative
 * to tests/data.
 * The largest error of each run is printed, so a drift shows before it fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "core/landscape.h"
#include "core/optimizer.h"

#define TOLERANCE 1e-9
#define MAX_FIELDS 8
#define MAX_LINE 1024
#define MAX_FILES 32

typedef struct ReferenceFile {
    char name[128];
    char landscape[512];
    long steps;
} ReferenceFile;

/* Splits one CSV line in place (RFC 4180 quoting, no newlines inside
 * fields).  Returns the number of fields, or -1 when there are too many. */
static int csv_split(char *line, char **fields, int max)
{
    line[strcspn(line, "\r\n")] = '\0';
    int count = 0;
    char *read = line;
    for (;;) {
        if (count == max)
            return -1;
        char *write = read;
        fields[count++] = write;
        if (*read == '"') {
            read++;
            while (*read != '\0' && !(read[0] == '"' && read[1] != '"')) {
                if (read[0] == '"')
                    read++;
                *write++ = *read++;
            }
            if (*read == '"')
                read++;
        } else {
            while (*read != '\0' && *read != ',')
                *write++ = *read++;
        }
        char separator = *read;
        *write = '\0';
        if (separator != ',')
            return count;
        read++;
    }
}

static FILE *open_data(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/%s", DESCENT_SOURCE_DIR, name);
    FILE *file = fopen(path, "r");
    if (file == NULL)
        print_error("cannot open %s\n", path);
    return file;
}

/* The index names data files relative to tests/data: "linreg:data=F.csv"
 * becomes "linreg:data=SOURCE/tests/data/F.csv". */
static void resolve_data_path(const char *spec, char *dest, size_t size)
{
    const char *data = strstr(spec, "data=");
    if (data == NULL)
        snprintf(dest, size, "%s", spec);
    else
        snprintf(dest, size, "%.*s%s/tests/data/%s", (int)(data - spec + 5), spec,
                 DESCENT_SOURCE_DIR, data + 5);
}

static double relative_error(double ours, double torch)
{
    return fabs(ours - torch) / fmax(1.0, fabs(torch));
}

typedef struct Replay {
    const ReferenceFile *ref;
    const Landscape *landscape;
    OptimizerDesc desc;
    OptimizerState state;
    long run;        /* -1 before the first row */
    long next_step;  /* the step the next row must have */
    double max_error;
    int runs;
} Replay;

static void finish_run(Replay *replay)
{
    if (replay->run < 0)
        return;
    assert_int_equal(replay->next_step, replay->ref->steps + 1);
    print_message("%s run %ld %s: max error %.3g over %ld steps\n", replay->ref->name,
                  replay->run, replay->desc.spec, replay->max_error, replay->ref->steps);
    replay->runs++;
}

static void replay_row(Replay *replay, char **field)
{
    long run = strtol(field[0], NULL, 10);
    long step = strtol(field[2], NULL, 10);
    double x = strtod(field[3], NULL), y = strtod(field[4], NULL), loss = strtod(field[5], NULL);
    if (run != replay->run) {
        finish_run(replay);
        DescentError err = {{0}};
        if (!optimizer_parse(field[1], replay->landscape, &replay->desc, &err))
            fail_msg("%s: '%s' does not parse: %s", replay->ref->name, field[1], err.message);
        optimizer_init(&replay->desc, x, y, replay->desc.seed, &replay->state);
        replay->run = run;
        replay->next_step = 0;
        replay->max_error = 0.0;
    }
    assert_int_equal(step, replay->next_step);
    replay->next_step++;
    if (step > 0) {
        StepResult result = optimizer_step(&replay->desc, replay->landscape, &replay->state);
        if (result != STEP_OK)
            fail_msg("%s run %ld '%s': step %ld returned %d", replay->ref->name, run,
                     field[1], step, (int)result);
    }
    const OptimizerState *s = &replay->state;
    double ours[3] = {s->x, s->y, landscape_value(replay->landscape, s->x, s->y)};
    double torch[3] = {x, y, loss};
    for (int i = 0; i < 3; i++) {
        double error = relative_error(ours[i], torch[i]);
        if (!(error <= TOLERANCE))
            fail_msg("%s run %ld '%s' step %ld: %s = %.17g, torch %.17g (error %.3g)",
                     replay->ref->name, run, field[1], step, (const char *[]){"x", "y", "loss"}[i],
                     ours[i], torch[i], error);
        replay->max_error = fmax(replay->max_error, error);
    }
}

static void test_reference_file(void **state)
{
    const ReferenceFile *ref = *state;
    DescentError err = {{0}};
    Landscape *landscape = landscape_create(ref->landscape, &err);
    if (landscape == NULL)
        fail_msg("landscape '%s': %s", ref->landscape, err.message);
    FILE *file = open_data(ref->name);
    assert_non_null(file);

    char line[MAX_LINE];
    char *field[MAX_FIELDS];
    assert_non_null(fgets(line, sizeof line, file));
    assert_int_equal(csv_split(line, field, MAX_FIELDS), 6);
    assert_string_equal(field[5], "loss");

    Replay replay = {.ref = ref, .landscape = landscape, .run = -1};
    while (fgets(line, sizeof line, file) != NULL) {
        assert_int_equal(csv_split(line, field, MAX_FIELDS), 6);
        replay_row(&replay, field);
    }
    finish_run(&replay);
    assert_true(replay.runs > 0);
    fclose(file);
    landscape_destroy(landscape);
}

/* The CSV reader itself: quoted commas, doubled quotes, empty fields. */
static void test_csv_split(void **state)
{
    (void)state;
    char line[] = "3,\"adam:lr=0.1,amsgrad=1\",\"a \"\"b\"\"\",,7\n";
    char *field[MAX_FIELDS];
    assert_int_equal(csv_split(line, field, MAX_FIELDS), 5);
    assert_string_equal(field[0], "3");
    assert_string_equal(field[1], "adam:lr=0.1,amsgrad=1");
    assert_string_equal(field[2], "a \"b\"");
    assert_string_equal(field[3], "");
    assert_string_equal(field[4], "7");
}

int main(void)
{
    static ReferenceFile refs[MAX_FILES];
    struct CMUnitTest tests[MAX_FILES + 1] = {cmocka_unit_test(test_csv_split)};
    size_t count = 0;

    FILE *index = open_data("torch_cases.csv");
    if (index == NULL)
        return 1;
    char line[MAX_LINE];
    char *field[MAX_FIELDS];
    if (fgets(line, sizeof line, index) == NULL)
        return 1;
    while (fgets(line, sizeof line, index) != NULL) {
        if (count == MAX_FILES || csv_split(line, field, MAX_FIELDS) != 3) {
            print_error("torch_cases.csv: bad row or too many rows\n");
            return 1;
        }
        ReferenceFile *ref = &refs[count++];
        snprintf(ref->name, sizeof ref->name, "%s", field[0]);
        resolve_data_path(field[1], ref->landscape, sizeof ref->landscape);
        ref->steps = strtol(field[2], NULL, 10);
        tests[count] = (struct CMUnitTest){ref->name, test_reference_file, NULL, NULL, ref};
    }
    fclose(index);
    if (count == 0)
        return 1;
    return _cmocka_run_group_tests("torch_reference", tests, count + 1, NULL, NULL);
}
