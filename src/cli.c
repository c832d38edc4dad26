/* cli.c — shared command-line pieces: errors, output and the scene options. */
#include "cli.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene/i18n.h"

void cli_error(const char *fmt, ...)
{
    char line[CLI_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    error_format(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "descent: %s\n", line);
}

void cli_print_line(const char *fmt, ...)
{
    char line[4 * PATH_MAX + 256];
    va_list ap;
    va_start(ap, fmt);
    error_format(line, sizeof line, fmt, ap);
    va_end(ap);
    puts(line);
}

void cli_select_language(const char *lang)
{
    if (!i18n_select(lang))
        cli_error("no message catalog for '%s' in %s (or no C.UTF-8 locale): the window's "
                  "own words stay English", lang ? lang : "the environment's language",
                  i18n_catalog_dir());
}

/* A double that round-trips; JSON has no NaN or infinity, so those are null. */
void cli_json_number(FILE *out, double v)
{
    if (isfinite(v))
        fprintf(out, "%.17g", v);
    else
        fputs("null", out);
}

void cli_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* A CSV field, quoted per RFC 4180 when it holds a comma, quote or newline. */
void cli_csv_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

/* Flushes stdout; a write error (a full disk, a closed pipe) is a runtime failure. */
int cli_finish_output(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write the output");
        return EXIT_RUNTIME;
    }
    return EXIT_OK;
}

/* Matches "--name VALUE" and "--name=VALUE"; sets *value and advances *i.
 * Returns 1 on a match, 0 when argv[*i] is another option, -1 when the
 * value is missing. */
static int option_value(const char *name, int argc, char **argv, int *i, const char **value)
{
    const char *arg = argv[*i];
    size_t len = strlen(name);
    if (strncmp(arg, name, len) != 0)
        return 0;
    if (arg[len] == '=') {
        *value = arg + len + 1;
        (*i)++;
        return 1;
    }
    if (arg[len] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        cli_error("%s needs a value", name);
        return -1;
    }
    *value = argv[*i + 1];
    *i += 2;
    return 1;
}

int cli_option_value(const char *name, int argc, char **argv, int *i, const char **value)
{
    return option_value(name, argc, argv, i, value);
}

bool cli_parse_size(const char *text, int *width, int *height)
{
    char *end;
    long w = strtol(text, &end, 10);
    if (end == text || (*end != 'x' && *end != 'X'))
        return false;
    const char *rest = end + 1;
    long h = strtol(rest, &end, 10);
    if (end == rest || *end != '\0' || w < 1 || h < 1 || w > 16384 || h > 16384)
        return false;
    *width = (int)w;
    *height = (int)h;
    return true;
}

/* Reads argv[*i] if it is the option name (taking a value when has_value):
 * 1 with *value set (NULL for a flag) and *i advanced, 0 when argv[*i] is
 * something else, -1 after printing an error (a missing value). */
static int take_option(const char *name, bool has_value, int argc, char **argv, int *i,
                       const char **value)
{
    *value = NULL;
    if (has_value)
        return option_value(name, argc, argv, i, value);
    if (strcmp(argv[*i], name) != 0)
        return 0;
    (*i)++;
    return 1;
}

/* 1 when a value parsed, -1 after printing why it did not. */
static int parsed(bool ok, const DescentError *err)
{
    if (ok)
        return 1;
    cli_error("%s", err->message);
    return -1;
}

int cli_scene_option(SceneOptions *o, int argc, char **argv, int *i)
{
    size_t count;
    const SceneOptionDef *defs = scene_option_defs(&count);
    for (size_t k = 0; k < count; k++) {
        const char *value;
        int m = take_option(defs[k].name, defs[k].arg != NULL, argc, argv, i, &value);
        if (m != 0) {
            DescentError err = {""};
            return m < 0 ? -1 : parsed(defs[k].parse(o, value, &err), &err);
        }
    }
    return 0;
}

void cli_print_scene_options(FILE *out)
{
    size_t count;
    const SceneOptionDef *defs = scene_option_defs(&count);
    for (size_t k = 0; k < count; k++) {
        char spelling[64];
        snprintf(spelling, sizeof spelling, "%s%s%s", defs[k].name, defs[k].arg ? " " : "",
                 defs[k].arg ? defs[k].arg : "");
        const char *help = defs[k].help;
        int help_len = (int)strcspn(help, "\n");
        if (help_len == 0)
            fprintf(out, "  %s\n", spelling);
        else
            fprintf(out, "  %-25s %.*s\n", spelling, help_len, help);
        for (help += help_len; *help == '\n'; help += help_len) {
            help++;
            help_len = (int)strcspn(help, "\n");
            fprintf(out, "  %-25s %.*s\n", "", help_len, help);
        }
    }
}

/* ---------------------------------------------------------------------
 * The trace and eval options: one table
 * ------------------------------------------------------------------- */

typedef struct CommandOptionDef {
    const char *name;
    const char *arg;     /* the form of its value */
    const char *help;
    unsigned commands;   /* CLI_FOR_TRACE | CLI_FOR_EVAL */
    /* Reads value into dest at offset (the field of the def); false with
     * err when the value is not one the option takes. */
    bool (*parse)(CommandOptions *dest, size_t offset, const char *value, DescentError *err);
    size_t offset;
} CommandOptionDef;

static bool parse_steps(CommandOptions *dest, size_t offset, const char *value, DescentError *err)
{
    (void)offset;
    unsigned long long v;
    if (!scene_option_count(value, 100000000ull, &v))
        return error_set(err, "--steps %s: expected a whole number from 0 to 100000000", value);
    dest->steps = (unsigned long)v;
    dest->has_steps = true;
    return true;
}

static bool parse_every(CommandOptions *dest, size_t offset, const char *value, DescentError *err)
{
    (void)offset;
    unsigned long long v;
    if (!scene_option_count(value, 100000000ull, &v) || v == 0)
        return error_set(err, "--every %s: expected a whole number from 1 to 100000000", value);
    dest->every = (unsigned long)v;
    dest->has_every = true;
    return true;
}

static bool parse_init_seed(CommandOptions *dest, size_t offset, const char *value,
                            DescentError *err)
{
    (void)offset;
    if (!scene_option_count(value, 1ull << 53, &dest->init_seed))
        return error_set(err, "--init-seed %s: expected a whole number from 0 to 2^53", value);
    dest->has_init_seed = true;
    return true;
}

static bool parse_format(CommandOptions *dest, size_t offset, const char *value,
                         DescentError *err)
{
    (void)offset;
    if (strcmp(value, "json") != 0 && strcmp(value, "csv") != 0)
        return error_set(err, "--format %s: expected csv or json", value);
    dest->json = strcmp(value, "json") == 0;
    return true;
}

/* --change RUN:STEP:SPEC: the form checked here, the spec where it is used. */
static bool parse_change(CommandOptions *dest, size_t offset, const char *value,
                         DescentError *err)
{
    (void)offset;
    const char *p = value;
    for (int field = 0; field < 2; field++) {
        size_t digits = strspn(p, "0123456789");
        if (digits == 0 || digits > 9 || p[digits] != ':')
            return error_set(err, "--change %s: expected RUN:STEP:SPEC, e.g. 0:150:gd:lr=0.05",
                             value);
        p += digits + 1;
    }
    if (!*p)
        return error_set(err, "--change %s: expected RUN:STEP:SPEC, e.g. 0:150:gd:lr=0.05", value);
    if (dest->change_count == CLI_MAX_CHANGES)
        return error_set(err, "--change %s: at most %d changes", value, CLI_MAX_CHANGES);
    dest->changes[dest->change_count++] = value;
    return true;
}

/* A string kept as given (a spec, a file name): checked where it is used. */
static bool parse_text(CommandOptions *dest, size_t offset, const char *value, DescentError *err)
{
    (void)err;
    memcpy((char *)dest + offset, &value, sizeof value);
    return true;
}

#define TEXT_FIELD(field) parse_text, offsetof(CommandOptions, field)
static const CommandOptionDef command_option_defs[] = {
    {"--steps", "N", "trace: updates per run, 0 ... 100000000", CLI_FOR_TRACE | CLI_FOR_EXPORT,
     parse_steps, 0},
    {"--change", "RUN:STEP:SPEC", "trace, export: run RUN (0 = the first) takes SPEC from update"
     " STEP on, as the window's keys change it",
     CLI_FOR_TRACE | CLI_FOR_EXPORT, parse_change, 0},
    {"--format", "csv|json", "trace: the output's form (default csv)", CLI_FOR_TRACE, parse_format,
     0},
    {"--model", "SPEC", "a network instead of a landscape (descent list models); needs --data;"
     " the window and record train it live",
     CLI_FOR_TRACE | CLI_FOR_EVAL | CLI_FOR_SCENE, TEXT_FIELD(model)},
    {"--data", "SPEC", "the network's dataset (descent list datasets)",
     CLI_FOR_TRACE | CLI_FOR_EVAL | CLI_FOR_SCENE, TEXT_FIELD(data)},
    {"--every", "K", "trace a network: sharpness and noise scale every K updates",
     CLI_FOR_TRACE, parse_every, 0},
    {"--init-seed", "N", "a network: seed of theta0, the runs' common start (default 0)",
     CLI_FOR_TRACE | CLI_FOR_SCENE, parse_init_seed, 0},
    {"--theta", "FILE", "eval a network at these parameters (numbers, e.g. trace's theta)",
     CLI_FOR_EVAL, TEXT_FIELD(theta)},
    {"--landscape", "SPEC", "eval: the landscape", CLI_FOR_EVAL, TEXT_FIELD(landscape)},
    {"--at", "X,Y", "eval: the point", CLI_FOR_EVAL, TEXT_FIELD(at)},
};
#undef TEXT_FIELD

int cli_command_option(CommandOptions *options, unsigned command, int argc, char **argv, int *i)
{
    for (size_t k = 0; k < sizeof command_option_defs / sizeof command_option_defs[0]; k++) {
        const CommandOptionDef *def = &command_option_defs[k];
        const char *value;
        int m = def->commands & command ? take_option(def->name, true, argc, argv, i, &value) : 0;
        if (m != 0) {
            DescentError err = {""};
            return m < 0 ? -1 : parsed(def->parse(options, def->offset, value, &err), &err);
        }
    }
    return 0;
}

int cli_network_option(SceneOptions *options, int argc, char **argv, int *i)
{
    CommandOptions c = {.model = options->model, .data = options->data,
                        .init_seed = options->init_seed};
    int m = cli_command_option(&c, CLI_FOR_SCENE, argc, argv, i);
    options->model = c.model;
    options->data = c.data;
    options->init_seed = c.init_seed;
    return m;
}

void cli_print_command_options(FILE *out)
{
    for (size_t k = 0; k < sizeof command_option_defs / sizeof command_option_defs[0]; k++) {
        char spelling[64];
        snprintf(spelling, sizeof spelling, "%s %s", command_option_defs[k].name,
                 command_option_defs[k].arg);
        fprintf(out, "  %-25s %s\n", spelling, command_option_defs[k].help);
    }
}
