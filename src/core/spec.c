/* spec.c — parsing "NAME:key=value,..." and resolving it against a
 * parameter table; see spec.h. */
#include "spec.h"

#include "msgid.h"


#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Trims ASCII white space in place; returns the trimmed start. */
static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
        *--end = '\0';
    return s;
}

bool spec_parse(const char *text, bool split_items, Spec *dest, DescentError *err)
{
    memset(dest, 0, sizeof *dest);
    dest->body = "";
    if (!text)
        return error_set(err, "empty spec");
    if (strlen(text) >= sizeof dest->buffer)
        return error_set(err, "spec too long (%zu characters, at most %zu): '%.40s...'",
                         strlen(text), sizeof dest->buffer - 1, text);
    memcpy(dest->buffer, text, strlen(text) + 1);

    char *colon = strchr(dest->buffer, ':');
    if (colon)
        *colon = '\0';
    char *name = trim(dest->buffer);
    if (!*name)
        return error_set(err, "missing name in spec '%s'", text);
    if (strlen(name) >= sizeof dest->name)
        return error_set(err, "name too long in spec '%s'", text);
    strcpy(dest->name, name);
    if (!colon)
        return true;

    char *body = colon + 1;
    dest->body = body;
    if (!split_items)
        return true;
    if (!*trim(body))
        return error_set(err, "nothing after ':' in spec '%s'", text);

    /* The buffer is split in place; body keeps its first item only, which is
     * fine because callers that split never read body. */
    char *cursor = body;
    while (cursor) {
        char *comma = strchr(cursor, ',');
        if (comma)
            *comma = '\0';
        char *item = trim(cursor);
        char *eq = strchr(item, '=');
        if (!eq)
            return error_set(err, "expected key=value, got '%s' in spec '%s'", item, text);
        *eq = '\0';
        char *key = trim(item), *value = trim(eq + 1);
        if (!*key)
            return error_set(err, "missing key before '=%s' in spec '%s'", value, text);
        if (!*value)
            return error_set(err, "missing value for key '%s' in spec '%s'", key, text);
        for (int i = 0; i < dest->count; i++)
            if (strcmp(dest->items[i].key, key) == 0)
                return error_set(err, "key '%s' given twice in spec '%s'", key, text);
        if (dest->count == SPEC_MAX_ITEMS)
            return error_set(err, "too many keys in spec '%s' (at most %d)", text, SPEC_MAX_ITEMS);
        dest->items[dest->count++] = (SpecItem){key, value};
        cursor = comma ? comma + 1 : NULL;
    }
    return true;
}

const ParamDef *param_find(const ParamDef *defs, size_t ndefs, const char *name)
{
    for (size_t i = 0; i < ndefs; i++)
        if (strcmp(defs[i].name, name) == 0)
            return &defs[i];
    return NULL;
}

/* Index of word in a '|'-separated list, or -1. */
static int choice_index(const char *choices, const char *word)
{
    size_t len = strlen(word);
    int index = 0;
    for (const char *p = choices; *p; index++) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, word, n) == 0)
            return index;
        if (!bar)
            break;
        p = bar + 1;
    }
    return -1;
}

/* Copies the index-th word of a '|'-separated list into dest. */
static void choice_word(const char *choices, int index, char *dest, size_t size)
{
    const char *p = choices;
    for (int i = 0; i < index && p; i++) {
        p = strchr(p, '|');
        if (p)
            p++;
    }
    if (!p) {
        snprintf(dest, size, "?");
        return;
    }
    const char *bar = strchr(p, '|');
    int n = bar ? (int)(bar - p) : (int)strlen(p);
    snprintf(dest, size, "%.*s", n, p);
}

void param_default_text(const ParamDef *def, char *dest, size_t size)
{
    switch (def->type) {
    case PARAM_CHOICE:
        choice_word(def->choices, (int)def->def, dest, size);
        break;
    case PARAM_TEXT:
        snprintf(dest, size, "(none)");
        break;
    case PARAM_BOOL:
        snprintf(dest, size, "%d", def->def != 0.0);
        break;
    default:
        snprintf(dest, size, "%g", def->def);
        break;
    }
}

static void list_keys(const ParamDef *defs, size_t ndefs, char *dest, size_t size)
{
    size_t used = 0;
    dest[0] = '\0';
    for (size_t i = 0; i < ndefs && used < size; i++)
        used += (size_t)snprintf(dest + used, size - used, "%s%s", i ? ", " : "", defs[i].name);
}

static bool parse_bool(const char *text, double *dest)
{
    static const char *const yes[] = {"1", "true", "yes", "on"};
    static const char *const no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(text, yes[i]) == 0)
            return *dest = 1.0, true;
        if (strcasecmp(text, no[i]) == 0)
            return *dest = 0.0, true;
    }
    return false;
}

/* What a value can be wrong by: the formats of spec_resolve's errors, which
 * a window shows in its own language (spec_error_formats). */
#define SPEC_NOT_BOOLEAN N_("%s: %s=%s is not a boolean (use 0 or 1)")
#define SPEC_NOT_ONE_OF N_("%s: %s=%s is not one of %s")
#define SPEC_NOT_A_NUMBER N_("%s: %s=%s is not a number")
#define SPEC_NOT_FINITE N_("%s: %s=%s is not finite")
#define SPEC_NOT_WHOLE N_("%s: %s=%s is not a whole number")
#define SPEC_OUT_OF_RANGE N_("%s: %s=%s is out of range [%g, %g]")
#define SPEC_UNKNOWN_KEY N_("%s: unknown key '%s' (keys: %s)")

const char *const spec_error_formats[] = {
    SPEC_NOT_BOOLEAN, SPEC_NOT_ONE_OF, SPEC_NOT_A_NUMBER, SPEC_NOT_FINITE,
    SPEC_NOT_WHOLE,   SPEC_OUT_OF_RANGE, SPEC_UNKNOWN_KEY, SPEC_WHAT_OPTIMIZER,
    SPEC_WHAT_LANDSCAPE, NULL,
};


/* Whether text, a plain whole number, is above max.  From 2^53 on doubles
 * skip whole numbers (2^53 + 1 reads as 2^53), so a value that reads as
 * a maximum that large is compared in whole numbers. */
static bool whole_above(const char *text, double max)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(text, &end, 10);
    return *end == '\0' && text[0] != '-' && (errno == ERANGE || n > (unsigned long long)max);
}

static bool resolve_item(const ParamDef *def, const SpecItem *item, const char *what,
                         ParamValue *dest, DescentError *err)
{
    dest->given = true;
    switch (def->type) {
    case PARAM_TEXT:
        dest->text = item->value;
        return true;
    case PARAM_BOOL:
        if (!parse_bool(item->value, &dest->number))
            return error_set(err, SPEC_NOT_BOOLEAN, what, def->name,
                             item->value);
        return true;
    case PARAM_CHOICE: {
        int index = choice_index(def->choices, item->value);
        if (index < 0)
            return error_set(err, SPEC_NOT_ONE_OF, what, def->name, item->value,
                             def->choices);
        dest->number = index;
        return true;
    }
    case PARAM_NUMBER:
    case PARAM_INTEGER:
        break;
    }
    char *end;
    errno = 0;
    double v = strtod(item->value, &end);
    if (end == item->value || *end != '\0')
        return error_set(err, SPEC_NOT_A_NUMBER, what, def->name, item->value);
    if (!isfinite(v))
        return error_set(err, SPEC_NOT_FINITE, what, def->name, item->value);
    if (def->type == PARAM_INTEGER && v != floor(v))
        return error_set(err, SPEC_NOT_WHOLE, what, def->name, item->value);
    if (v < def->min || v > def->max || (def->type == PARAM_INTEGER && v == def->max &&
                                         whole_above(item->value, def->max)))
        return error_set(err, SPEC_OUT_OF_RANGE, what, def->name, item->value,
                         def->min, def->max);
    dest->number = v;
    return true;
}

bool spec_resolve(const Spec *spec, const char *what, const ParamDef *defs, size_t ndefs,
                  ParamValue *dest, DescentError *err)
{
    for (size_t i = 0; i < ndefs; i++)
        dest[i] = (ParamValue){.number = defs[i].def};
    for (int k = 0; k < spec->count; k++) {
        const SpecItem *item = &spec->items[k];
        const ParamDef *def = param_find(defs, ndefs, item->key);
        if (!def) {
            char keys[400];
            list_keys(defs, ndefs, keys, sizeof keys);
            return error_set(err, SPEC_UNKNOWN_KEY, what, item->key,
                             ndefs ? keys : "none");
        }
        if (!resolve_item(def, item, what, &dest[def - defs], err))
            return false;
    }
    return true;
}
