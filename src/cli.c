/* cli.c — shared command-line pieces: errors and the scene options. */
#include "cli.h"

#include <stdarg.h>
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

void cli_select_language(const char *lang)
{
    if (!i18n_select(lang))
        cli_error("no message catalog for '%s' in %s (or no C.UTF-8 locale): the window's "
                  "own words stay English", lang ? lang : "the environment's language",
                  i18n_catalog_dir());
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

int cli_scene_option(SceneOptions *o, int argc, char **argv, int *i)
{
    size_t count;
    const SceneOptionDef *defs = scene_option_defs(&count);
    for (size_t k = 0; k < count; k++) {
        const SceneOptionDef *def = &defs[k];
        const char *value = NULL;
        if (!def->arg) {
            if (strcmp(argv[*i], def->name) != 0)
                continue;
            (*i)++;
        } else {
            int m = option_value(def->name, argc, argv, i, &value);
            if (m == 0)
                continue;
            if (m < 0)
                return -1;
        }
        DescentError err = {""};
        if (!def->parse(o, value, &err)) {
            cli_error("%s", err.message);
            return -1;
        }
        return 1;
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
