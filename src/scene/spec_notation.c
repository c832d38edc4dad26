/*
 * spec_notation.c — specs named as a class reads them (spec_notation.h):
 * each key a frame shows, by its symbol or word, in one table per side
 * (an optimizer's keys mean the same in every optimizer; a landscape's
 * are its kind's own: logreg's l2 is a weight decay, quadratic's l2 a
 * curvature).  A key without a row is left out: a seed, a data file's
 * name, a schedule's kind (the readings name it), a flag; a choice shows
 * only where a row names its value ("covariance ∝ H": the noise's, as
 * the escape captions say; "noise ∝ H" read as the noise itself).
 */
#include "spec_notation.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/optimizer.h"
#include "core/spec.h"
#include "i18n.h"

typedef struct KeySymbol {
    const char *kind; /* a landscape's kind; NULL: every optimizer */
    const char *key;
    const char *symbol; /* a symbol, or a msgid (a word) */
    const char *value;  /* a choice's value that the symbol names alone, or NULL */
} KeySymbol;

/* The symbols are the captions' and the update rule's (optimizer_explain.h). */
static const KeySymbol optimizer_symbols[] = {
    {NULL, "lr", "η", NULL},
    {NULL, "momentum", "μ", NULL},
    {NULL, "dampening", "τ", NULL},
    {NULL, "beta1", "β₁", NULL},
    {NULL, "beta2", "β₂", NULL},
    {NULL, "alpha", "α", NULL},
    {NULL, "eps", "ε", NULL},
    {NULL, "weight_decay", N_("weight decay"), NULL},
    {NULL, "damping", N_("damping"), NULL},
    {NULL, "noise", "σ", NULL},
    {NULL, "noise_model", N_("covariance ∝ H"), "hessian"},
    {NULL, "label_noise", N_("label noise"), NULL},
    {NULL, "batch", "B", NULL},
    {NULL, "warmup", N_("warm-up"), NULL},
    {NULL, "total", "T", NULL},
    {NULL, "gamma", "γ", NULL},
    {NULL, "x0", "x₀", NULL},
    {NULL, "y0", "y₀", NULL},
};

/* The landscapes' keys, as their formulas (landscape.c) name them:
 * quadratic's curvatures l1 and l2 as λ₁ and λ₂, logreg's weight decay l2
 * as λ ("l1=1, l2=20" read as "11=1, 12=20" on screen: adaptive 1, issue
 * 12). */
static const KeySymbol landscape_symbols[] = {
    {"quadratic", "l1", "λ₁", NULL},
    {"quadratic", "l2", "λ₂", NULL},
    {"quadratic", "angle", N_("angle"), NULL},
    {"rosenbrock", "a", "a", NULL},
    {"rosenbrock", "b", "b", NULL},
    {"double_well", "h", "h", NULL},
    {"double_well", "c", "c", NULL},
    {"parabolic_wells", "h", "h", NULL},
    {"parabolic_wells", "c", "c", NULL},
    {"parabolic_wells", "sharp", N_("sharp well's curvature"), NULL},
    {"parabolic_wells", "flat", N_("flat well's curvature"), NULL},
    {"parabolic_wells", "cap", N_("ridge's curvature"), NULL},
    {"sharp_flat", "sharp_width", N_("sharp valley's width"), NULL},
    {"sharp_flat", "flat_width", N_("flat valley's width"), NULL},
    {"sharp_flat", "sharp_depth", N_("sharp valley's depth"), NULL},
    {"sharp_flat", "flat_depth", N_("flat valley's depth"), NULL},
    {"linreg", "n", "N", NULL},
    {"linreg", "noise", "σ", NULL},
    {"linreg", "rho", "ρ", NULL},
    {"logreg", "n", "N", NULL},
    {"logreg", "rho", "ρ", NULL},
    {"logreg", "l2", "λ", NULL},
};

/* The row for kind's key (with value, for a choice's row), or NULL. */
static const KeySymbol *row_of(const KeySymbol *table, size_t count, const char *kind,
                               const char *key, const char *value)
{
    for (size_t i = 0; i < count; i++)
        if ((!table[i].kind || strcmp(table[i].kind, kind) == 0) &&
            strcmp(table[i].key, key) == 0 &&
            (!table[i].value || (value && strcmp(table[i].value, value) == 0)))
            return &table[i];
    return NULL;
}

/* Appends parsed's settings that have a symbol but skip, "σ=2, B=16",
 * after dest's first used bytes, separator before the first. */
static void append_settings(const Spec *parsed, const KeySymbol *table, size_t count,
                            const char *skip, const char *separator, char *dest, size_t size,
                            size_t used)
{
    bool first = true;
    for (int k = 0; k < parsed->count && used < size; k++) {
        const SpecItem *item = &parsed->items[k];
        const KeySymbol *row = row_of(table, count, parsed->name, item->key, item->value);
        if (!row || (skip && strcmp(item->key, skip) == 0))
            continue;
        int n = row->value ? snprintf(dest + used, size - used, "%s%s", first ? separator : ", ",
                                      _(row->symbol))
                           : snprintf(dest + used, size - used, "%s%s=%s",
                                      first ? separator : ", ", _(row->symbol), item->value);
        if (n < 0)
            return;
        used += (size_t)n;
        first = false;
    }
}

const char *spec_notation_key(const char *key)
{
    const KeySymbol *row = row_of(optimizer_symbols,
                                  sizeof optimizer_symbols / sizeof optimizer_symbols[0], "", key,
                                  NULL);
    return row ? _(row->symbol) : key;
}

void spec_notation_run(const char *spec, const char *leave_out, char *dest, size_t size)
{
    Spec parsed;
    size_t count;
    const OptimizerInfo *kinds = optimizer_kinds(&count);
    if (!spec_parse(spec, true, &parsed, NULL)) {
        snprintf(dest, size, "%s", spec);
        return;
    }
    for (size_t i = 0; i < count; i++)
        if (strcmp(kinds[i].name, parsed.name) == 0) {
            int n = snprintf(dest, size, "%s", _(kinds[i].title));
            append_settings(&parsed, optimizer_symbols,
                            sizeof optimizer_symbols / sizeof optimizer_symbols[0],
                            leave_out, "  ", dest, size, n < 0 ? size : (size_t)n);
            return;
        }
    snprintf(dest, size, "%s", spec);
}

void spec_notation_landscape(const char *spec, char *dest, size_t size)
{
    Spec parsed;
    dest[0] = '\0';
    if (spec_parse(spec, true, &parsed, NULL))
        append_settings(&parsed, landscape_symbols,
                        sizeof landscape_symbols / sizeof landscape_symbols[0], NULL, "", dest,
                        size, 0);
}
