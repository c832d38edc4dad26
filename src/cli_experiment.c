/*
 * cli_experiment.c — `descent experiment NAME [--quick] [-o table.csv]
 * [--plot out.png [--size WxH] [--lang en|zh]] [--seed N] [key=value ...]`
 * and `descent list experiments` (docs/CLI.md §1, §8).  The experiments
 * and their keys are core/experiment.h's table; this file reads the
 * command line, shows progress and prints the table: markdown on stdout,
 * CSV to -o's file and the plot to --plot's (record.h's
 * record_experiment_plot), each written aside, then renamed, the verdict
 * last.  Exit 1 when the verdict fails, with the table printed and the
 * files written.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "core/aside_file.h"
#include "core/experiment.h"
#include "core/parallel.h"
#include "record/progress.h"
#include "record/record.h"

/* The bar appears only when the experiment runs longer than this. */
#define PROGRESS_DELAY_SECONDS 1.0

static const char usage[] =
    "usage: descent experiment NAME [--quick] [-o table.csv] [--plot out.png [--size WxH] "
    "[--lang en|zh]] [--seed N] [key=value ...]";

void cli_list_experiments(void)
{
    size_t count;
    const ExperimentInfo *kinds = experiment_kinds(&count);
    for (size_t k = 0; k < count; k++) {
        printf("%-14s %s\n", kinds[k].name, kinds[k].summary);
        printf("    law: %s\n", kinds[k].law);
        cli_list_params(kinds[k].params, kinds[k].nparams);
    }
}

static void show_progress(void *context, double done)
{
    progress_update(context, (long)(done * 100.0));
}

/* ------------------------------------------------------------------------ */
/* The table                                                                 */
/* ------------------------------------------------------------------------ */

static void print_markdown(const ExperimentResult *r)
{
    const ExperimentInfo *info = r->info;
    printf("%s: %s\nlaw: %s\n\n", info->name, info->summary, info->law);
    printf("|");
    if (info->label)
        printf(" %s |", info->label);
    printf(" %s | %s | %s | theory | ratio |", info->swept, info->measured, info->interval);
    if (info->second)
        printf(" %s | ratio to %s |", info->second, info->second);
    printf(" within %g %% |\n|%s---:|---:|---:|---:|---:|", r->tolerance * 100.0,
           info->label ? ":---|" : "");
    if (info->second)
        printf("---:|---:|");
    printf(":---|\n");
    for (size_t p = 0; p < r->count; p++) {
        const ExperimentRow *row = &r->rows[p];
        printf("|");
        if (info->label)
            printf(" %s |", row->label);
        printf(" %.4g | %.5g | %.5g ... %.5g | %.5g | %.4f |", row->swept, row->measured,
               row->low, row->high, row->theory, row->ratio);
        if (info->second)
            printf(" %.5g | %.4f |", row->second, row->measured / row->second);
        printf(" %s |\n", !row->checked ? "(not counted)" : row->within ? "yes" : "NO");
    }
    for (size_t p = 0; p < r->count; p++)
        if (r->rows[p].censored)
            printf("\nat %s = %.4g, %zu walkers were stopped before their figure showed: "
                   "they count with the figure they had, so the mean is a lower bound\n",
                   info->swept, r->rows[p].swept, r->rows[p].censored);
}

static void print_verdict(const ExperimentResult *r)
{
    char verdict[1024];
    experiment_verdict(r, NULL, NULL, verdict, sizeof verdict);
    printf("\n%s\n", verdict);
}

static void write_csv(FILE *out, const ExperimentResult *r)
{
    const ExperimentInfo *info = r->info;
    if (info->label) {
        cli_csv_field(out, info->label);
        fputc(',', out);
    }
    cli_csv_field(out, info->swept);
    fputc(',', out);
    cli_csv_field(out, info->measured);
    fputs(",low,high,theory,ratio", out);
    if (info->second)
        fprintf(out, ",%s,ratio_%s", info->second, info->second);
    fputs(",checked,within,censored\n", out);
    for (size_t p = 0; p < r->count; p++) {
        const ExperimentRow *row = &r->rows[p];
        if (info->label) {
            cli_csv_field(out, row->label);
            fputc(',', out);
        }
        fprintf(out, "%.17g,%.17g,%.17g,%.17g,%.17g,%.17g", row->swept, row->measured,
                row->low, row->high, row->theory,
                row->ratio);
        if (info->second)
            fprintf(out, ",%.17g,%.17g", row->second, row->measured / row->second);
        fprintf(out, ",%d,%d,%zu\n", row->checked, row->within, row->censored);
    }
}

/* Writes the CSV beside path, then renames it into place (aside_file.h). */
static bool save_csv(const char *path, const ExperimentResult *r)
{
    char aside[4096];
    DescentError err;
    int fd = aside_create(path, "csv", aside, sizeof aside, &err);
    if (fd < 0) {
        cli_error("%s", err.message);
        return false;
    }
    FILE *out = fdopen(fd, "w");
    if (!out) {
        close(fd);
        unlink(aside);
        cli_error("%s: cannot write", path);
        return false;
    }
    write_csv(out, r);
    bool ok = !ferror(out);
    ok = fclose(out) == 0 && ok;
    if (!ok || rename(aside, path) != 0) {
        unlink(aside);
        cli_error("%s: cannot write", path);
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------------ */
/* descent experiment                                                        */
/* ------------------------------------------------------------------------ */

int cli_experiment(int argc, char **argv)
{
    const char *name = NULL, *output = NULL, *plot = NULL, *lang = NULL;
    int width = 0, height = 0;
    const char *keys[EXPERIMENT_MAX_KEYS * 2];
    size_t nkeys = 0;
    bool quick = false;
    unsigned long long seed = 0;
    for (int i = 0; i < argc;) {
        const char *value;
        int m;
        if (strcmp(argv[i], "--quick") == 0) {
            quick = true;
            i++;
        } else if ((m = cli_option_value("-o", argc, argv, &i, &output)) != 0 ||
                   (m = cli_option_value("--output", argc, argv, &i, &output)) != 0) {
            if (m < 0)
                return EXIT_USAGE;
        } else if ((m = cli_option_value("--plot", argc, argv, &i, &plot)) != 0) {
            if (m < 0)
                return EXIT_USAGE;
        } else if ((m = cli_option_value("--size", argc, argv, &i, &value)) != 0) {
            if (m < 0)
                return EXIT_USAGE;
            if (!cli_parse_size(value, &width, &height)) {
                cli_error("--size %s: expected WxH, e.g. 1920x1080", value);
                return EXIT_USAGE;
            }
        } else if ((m = cli_option_value("--lang", argc, argv, &i, &lang)) != 0) {
            if (m < 0)
                return EXIT_USAGE;
            if (strcmp(lang, "en") != 0 && strcmp(lang, "zh") != 0) {
                cli_error("--lang %s: expected en or zh", lang);
                return EXIT_USAGE;
            }
        } else if ((m = cli_option_value("--seed", argc, argv, &i, &value)) != 0) {
            if (m < 0)
                return EXIT_USAGE;
            if (!scene_option_count(value, 1ull << 53, &seed)) {
                cli_error("--seed %s: expected a whole number from 0 to 2^53", value);
                return EXIT_USAGE;
            }
        } else if (argv[i][0] == '-') {
            cli_error("unknown option '%s' (%s)", argv[i], usage);
            return EXIT_USAGE;
        } else if (strchr(argv[i], '=')) {
            if (nkeys == sizeof keys / sizeof keys[0]) {
                cli_error("too many key=value arguments");
                return EXIT_USAGE;
            }
            keys[nkeys++] = argv[i++];
        } else if (!name) {
            name = argv[i++];
        } else {
            cli_error("'%s': one experiment at a time (%s)", argv[i], usage);
            return EXIT_USAGE;
        }
    }
    if (!name) {
        cli_error("%s", usage);
        return EXIT_USAGE;
    }
    const ExperimentInfo *info = experiment_find(name);
    if (!info) {
        cli_error("unknown experiment '%s' (descent list experiments)", name);
        return EXIT_USAGE;
    }
    if ((width || lang) && !plot) {
        cli_error("--size and --lang apply to --plot's picture (%s)", usage);
        return EXIT_USAGE;
    }
    if (plot)
        cli_select_language(lang);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    Progress progress;
    progress_start_after(&progress, info->name, "%", 100, PROGRESS_DELAY_SECONDS,
                         isatty(STDERR_FILENO));
    ExperimentRequest request = {
        .info = info, .keys = keys, .nkeys = nkeys, .quick = quick, .seed = seed,
        .threads = cpus < 1 ? 1 : cpus > PARALLEL_MAX_THREADS ? PARALLEL_MAX_THREADS : (int)cpus,
        .progress = show_progress, .progress_context = &progress};
    ExperimentResult result;
    DescentError err;
    ExperimentStatus status = experiment_run(&request, &result, &err);
    progress_finish(&progress);
    if (status == EXPERIMENT_NO_MEMORY) {
        cli_error("out of memory");
        return EXIT_RUNTIME;
    }
    if (status != EXPERIMENT_DONE) {
        cli_error("%s", err.message);
        return EXIT_USAGE;
    }
    if (output && !save_csv(output, &result))
        return EXIT_RUNTIME;
    if (plot) {
        ExperimentPicture picture;
        experiment_picture_of(&result, &picture);
        if (!record_experiment_plot(&picture, plot, width, height, SCENE_THEME_DARK, &err)) {
            cli_error("%s", err.message);
            return EXIT_RUNTIME;
        }
    }
    print_markdown(&result);
    print_verdict(&result);
    int written = cli_finish_output();
    return written != EXIT_OK ? written : result.passed ? EXIT_OK : EXIT_RUNTIME;
}
