/* lesson_files.c — see lesson_files.h. */
#include "lesson_files.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/landscape.h"
#include "core/netdata.h"
#include "core/optimizer.h"
#include "core/spec.h"

/* The parameter table of the kind named name, NULL when there is none. */
static const ParamDef *kind_params(const char *name, SpecKind kind, size_t *count)
{
    size_t n;
    if (kind == SPEC_LANDSCAPE) {
        const LandscapeInfo *kinds = landscape_kinds(&n);
        for (size_t i = 0; i < n; i++)
            if (strcmp(kinds[i].name, name) == 0)
                return *count = kinds[i].nparams, kinds[i].params;
    } else if (kind == SPEC_DATASET) {
        for (size_t i = 0; i < netdata_kind_count; i++)
            if (strcmp(netdata_kinds[i].name, name) == 0)
                return *count = netdata_kinds[i].nparams, netdata_kinds[i].params;
    } else {
        const OptimizerInfo *kinds = optimizer_kinds(&n);
        for (size_t i = 0; i < n; i++)
            if (strcmp(kinds[i].name, name) == 0)
                return *count = kinds[i].nparams, kinds[i].params;
    }
    return NULL;
}

static bool names_files(const ParamDef *params, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (params[i].type == PARAM_TEXT)
            return true;
    return false;
}

/* The real path of the file key=name names inside folder, into dest. */
static bool resolve_file(const char *key, const char *name, const char *folder,
                         char dest[PATH_MAX], DescentError *err)
{
    if (name[0] == '/')
        return error_set(err, "%s=%s: name a file in the lesson's folder by a relative path",
                         key, name);
    char joined[PATH_MAX];
    if ((size_t)snprintf(joined, sizeof joined, "%s/%s", folder, name) >= sizeof joined)
        return error_set(err, "%s=%s: the path is too long", key, name);
    if (!realpath(joined, dest))
        return error_set(err, "%s=%s: no such file in the lesson's folder (%s)", key, name,
                         strerror(errno));
    size_t folder_len = strlen(folder);
    if (strncmp(dest, folder, folder_len) != 0 || dest[folder_len] != '/')
        return error_set(err, "%s=%s: the file is outside the lesson's folder", key, name);
    struct stat st;
    if (stat(dest, &st) != 0 || !S_ISREG(st.st_mode))
        return error_set(err, "%s=%s: not a regular file (a lesson's data is a plain file "
                         "beside it)", key, name);
    size_t len = strlen(dest);
    if (strchr(dest, ',') || isspace((unsigned char)dest[len - 1]))
        return error_set(err, "%s=%s: its path %s cannot be written in a spec (a comma, or "
                         "space at its end)", key, name, dest);
    return true;
}

static char *copy_text(const char *text, DescentError *err)
{
    char *copy = malloc(strlen(text) + 1);
    if (!copy)
        error_set(err, "out of memory");
    else
        strcpy(copy, text);
    return copy;
}

char *lesson_files_resolve(const char *text, SpecKind kind, const char *folder,
                           DescentError *err)
{
    /* The core parses the name unsplit first (expr: keeps its body whole);
     * only a kind with a file key is split here. */
    Spec spec;
    size_t count = 0;
    const ParamDef *params;
    if (!spec_parse(text, false, &spec, NULL) ||
        !(params = kind_params(spec.name, kind, &count)) || !names_files(params, count) ||
        !(kind == SPEC_DATASET ? netdata_spec_parse(text, &spec, NULL)
                               : spec_parse(text, true, &spec, NULL)))
        return copy_text(text, err);
    bool any = false;
    for (int i = 0; i < spec.count; i++) {
        const ParamDef *def = param_find(params, count, spec.items[i].key);
        any = any || (def && def->type == PARAM_TEXT);
    }
    if (!any)
        return copy_text(text, err);
    /* The spec again, each file key's value now the file's real path. */
    char (*resolved)[PATH_MAX] = calloc((size_t)spec.count, sizeof *resolved);
    if (!resolved) {
        error_set(err, "out of memory");
        return NULL;
    }
    const char *values[SPEC_MAX_ITEMS];
    size_t size = strlen(spec.name) + 2;
    for (int i = 0; i < spec.count; i++) {
        const SpecItem *item = &spec.items[i];
        const ParamDef *def = param_find(params, count, item->key);
        values[i] = item->value;
        if (def && def->type == PARAM_TEXT) {
            if (!resolve_file(item->key, item->value, folder, resolved[i], err)) {
                free(resolved);
                return NULL;
            }
            values[i] = resolved[i];
        }
        size += strlen(item->key) + strlen(values[i]) + 2;
    }
    char *out = malloc(size);
    if (out) {
        size_t used = (size_t)snprintf(out, size, "%s:", spec.name);
        for (int i = 0; i < spec.count; i++)
            used += (size_t)snprintf(out + used, size - used, "%s%s=%s", i ? "," : "",
                                     spec.items[i].key, values[i]);
    } else {
        error_set(err, "out of memory");
    }
    free(resolved);
    return out;
}
