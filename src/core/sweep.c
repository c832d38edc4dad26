/* sweep.c — see sweep.h. */
#include "sweep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optimizer.h"

void sweep_format_number(double v, char *dest, size_t size)
{
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(dest, size, "%.*g", digits, v);
        if (strtod(dest, NULL) == v)
            return;
    }
}

/* A finite number filling all of text (subnormals are finite: strtod's
 * ERANGE on underflow is no error). */
static bool parse_number(const char *text, double *dest)
{
    char *end;
    *dest = strtod(text, &end);
    return end != text && *end == '\0' && isfinite(*dest);
}

/* The kind named by base's optimizer name, or NULL. */
static const OptimizerInfo *kind_of(const Spec *base)
{
    size_t count;
    const OptimizerInfo *kinds = optimizer_kinds(&count);
    for (size_t k = 0; k < count; k++)
        if (strcmp(kinds[k].name, base->name) == 0)
            return &kinds[k];
    return NULL;
}

/* Its numeric parameters, "lr, momentum, ...", for messages. */
static void numeric_params(const OptimizerInfo *kind, char *dest, size_t size)
{
    size_t len = 0;
    dest[0] = '\0';
    for (size_t i = 0; i < kind->nparams && len < size; i++)
        if (kind->params[i].type == PARAM_NUMBER || kind->params[i].type == PARAM_INTEGER)
            len += (size_t)snprintf(dest + len, size - len, "%s%s", len ? ", " : "",
                                    kind->params[i].name);
}

/* Writes base with param = value into dest (see sweep.h). */
static bool spec_with(const Spec *base, const char *param, const char *value, char *dest,
                      size_t size)
{
    size_t len = (size_t)snprintf(dest, size, "%s", base->name);
    bool replaced = false;
    for (int i = 0; i < base->count && len < size; i++) {
        bool ours = strcmp(base->items[i].key, param) == 0;
        replaced |= ours;
        len += (size_t)snprintf(dest + len, size - len, "%s%s=%s", i ? "," : ":",
                                base->items[i].key, ours ? value : base->items[i].value);
    }
    if (!replaced && len < size)
        len += (size_t)snprintf(dest + len, size - len, "%s%s=%s", base->count ? "," : ":",
                                param, value);
    return len < size;
}

bool sweep_expand(const char *text, const char *base_text, Sweep *dest, DescentError *err)
{
    memset(dest, 0, sizeof *dest);
    if (strlen(text) >= sizeof dest->text)
        return error_set(err, "sweep '%.40s...': too long", text);
    if (strlen(base_text) >= sizeof dest->base)
        return error_set(err, "sweep %s: the run's spec is too long", text);
    strcpy(dest->text, text);
    strcpy(dest->base, base_text);

    /* PARAM=A:B:N[:lin|:log], split in a copy. */
    char copy[SWEEP_TEXT_MAX], *fields[5];
    strcpy(copy, text);
    char *eq = strchr(copy, '=');
    if (!eq || eq == copy)
        return error_set(err, "sweep '%s': expected PARAM=A:B:N, e.g. lr=0.001:0.1:5", text);
    *eq = '\0';
    int nfields = 0;
    for (char *p = eq + 1; nfields < 5; nfields++) {
        fields[nfields] = p;
        char *colon = strchr(p, ':');
        if (!colon) {
            nfields++;
            break;
        }
        *colon = '\0';
        p = colon + 1;
    }
    if (nfields < 3 || nfields > 4)
        return error_set(err, "sweep '%s': expected PARAM=A:B:N or PARAM=A:B:N:lin", text);
    if (nfields == 4 && strcmp(fields[3], "lin") != 0 && strcmp(fields[3], "log") != 0)
        return error_set(err, "sweep '%s': spacing '%s' is neither lin nor log", text, fields[3]);
    dest->linear = nfields == 4 && strcmp(fields[3], "lin") == 0;
    if (strlen(copy) >= sizeof dest->param)
        return error_set(err, "sweep '%s': parameter name too long", text);
    strcpy(dest->param, copy);

    Spec base;
    DescentError why;
    if (!spec_parse(base_text, true, &base, &why))
        return error_set(err, "sweep %s: the run %s", text, why.message);
    const OptimizerInfo *kind = kind_of(&base);
    if (!kind)
        return error_set(err, "sweep %s: unknown optimizer '%s'", text, base.name);
    char known[512];
    numeric_params(kind, known, sizeof known);
    const ParamDef *def = param_find(kind->params, kind->nparams, dest->param);
    if (!def)
        return error_set(err, "sweep %s: optimizer '%s' has no parameter '%s' (it has %s)", text,
                         kind->name, dest->param, known);
    if (def->type != PARAM_NUMBER && def->type != PARAM_INTEGER)
        return error_set(err, "sweep %s: '%s' is not a number to sweep (numbers: %s)", text,
                         dest->param, known);

    double ends[2];
    for (int k = 0; k < 2; k++) {
        if (!parse_number(fields[k], &ends[k]))
            return error_set(err, "sweep %s: %s '%s' is not a finite number", text,
                             k ? "B" : "A", fields[k]);
        if (ends[k] < def->min || ends[k] > def->max)
            return error_set(err, "sweep %s: %s = %s is out of %s's range [%g, %g]", text,
                             k ? "B" : "A", fields[k], dest->param, def->min, def->max);
    }
    double n;
    if (!parse_number(fields[2], &n) || n != floor(n) || n < SWEEP_MIN_VALUES ||
        n > SWEEP_MAX_VALUES)
        return error_set(err, "sweep %s: N '%s' is not a whole number from %d to %d", text,
                         fields[2], SWEEP_MIN_VALUES, SWEEP_MAX_VALUES);
    if (!dest->linear && !(ends[0] > 0 && ends[1] > 0))
        return error_set(err, "sweep %s: log spacing needs A and B above 0 (or add :lin)", text);

    dest->count = (size_t)n;
    double last = (double)(dest->count - 1);
    for (size_t i = 0; i < dest->count; i++) {
        double f = (double)i / last, v;
        if (i == 0 || i + 1 == dest->count)
            v = ends[i == 0 ? 0 : 1];
        else if (dest->linear)
            v = ends[0] + f * (ends[1] - ends[0]);
        else
            v = exp(log(ends[0]) + f * (log(ends[1]) - log(ends[0])));
        /* Rounding may carry a value a little past B (exp(log(10)) is
         * 10.000000000000002), out of order or out of the range. */
        v = fmin(fmax(v, fmin(ends[0], ends[1])), fmax(ends[0], ends[1]));
        if (def->type == PARAM_INTEGER)
            v = round(v);
        dest->values[i] = v;
        char number[32];
        sweep_format_number(v, number, sizeof number);
        if (!spec_with(&base, dest->param, number, dest->specs[i], sizeof dest->specs[i]))
            return error_set(err, "sweep %s: the run's spec grows too long", text);
    }
    return true;
}
