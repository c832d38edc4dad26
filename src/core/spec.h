/*
 * spec.h — spec strings `NAME` or `NAME:key=value,key=value` and the
 * parameter tables that give each key its type, default, range and help.
 *
 * One table per landscape / optimizer kind (liblbfgs style): the same table
 * drives parsing, validation, defaults, `descent list` and `--help`.
 * `expr:` is special: everything after the colon is the expression, and is
 * returned as the single positional value (Spec.body).
 */
#ifndef DESCENT_CORE_SPEC_H
#define DESCENT_CORE_SPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "msgid.h"

#define SPEC_MAX_ITEMS 32
#define SPEC_NAME_MAX 32
#define SPEC_TEXT_MAX 1024

typedef struct SpecItem {
    const char *key;   /* points into Spec.buffer */
    const char *value; /* points into Spec.buffer */
} SpecItem;

typedef struct Spec {
    char name[SPEC_NAME_MAX];
    const char *body;           /* text after "NAME:" (whole, unsplit) or "" */
    int count;                  /* number of key=value items */
    SpecItem items[SPEC_MAX_ITEMS];
    char buffer[SPEC_TEXT_MAX]; /* owns the key and value text */
} Spec;

/* Splits text into name and items.  When split_items is false (expr:) the
 * body is kept whole and count is 0.  Errors: empty name, an item without
 * '=', an empty key, a repeated key, too many items, text too long. */
bool spec_parse(const char *text, bool split_items, Spec *dest, DescentError *err);

typedef enum ParamType {
    PARAM_NUMBER = 0, /* any finite double in [min, max] */
    PARAM_INTEGER,    /* whole number in [min, max] */
    PARAM_BOOL,       /* 0/1/true/false/yes/no/on/off -> 0 or 1 */
    PARAM_CHOICE,     /* one of the '|'-separated words in .choices -> index */
    PARAM_TEXT,       /* free text (a file name), kept as given */
} ParamType;

typedef struct ParamDef {
    const char *name;
    ParamType type;
    double def;          /* default (index for PARAM_CHOICE) */
    double min, max;     /* inclusive range for NUMBER and INTEGER */
    const char *choices; /* PARAM_CHOICE: "constant|step|exp" */
    const char *help;    /* one line for `descent list` */
} ParamDef;

typedef struct ParamValue {
    double number;    /* the value, or the default when not given */
    const char *text; /* PARAM_TEXT: points into the Spec, else NULL */
    bool given;       /* true when the spec named this key */
} ParamValue;

/* Resolves every def against the spec: dest[i] holds defs[i]'s value.
 * what names the thing for messages ("optimizer 'adam'").  Errors name the
 * key and value: unknown key (listing the known ones), not a number,
 * not finite, out of range (with the range), not a whole number, bad
 * choice (listing the choices). */
bool spec_resolve(const Spec *spec, const char *what, const ParamDef *defs,
                  size_t ndefs, ParamValue *dest, DescentError *err);

/* What spec_resolve's callers name the thing ("optimizer 'adam'"): msgids
 * too, so a window shows the whole message in its language. */
#define SPEC_WHAT_OPTIMIZER N_("optimizer '%s'")
#define SPEC_WHAT_LANDSCAPE N_("landscape '%s'")

/* The formats of spec_resolve's errors and of the names above (msgids,
 * core/msgid.h), NULL-ended:
 * a window matches a message against them to show it in its own language
 * (scene/i18n.h's i18n_error). */
extern const char *const spec_error_formats[];

/* Looks up a def by name; NULL when absent. */
const ParamDef *param_find(const ParamDef *defs, size_t ndefs, const char *name);

/* Writes a def's default as text ("0.001", "cosine", "(none)"). */
void param_default_text(const ParamDef *def, char *dest, size_t size);

#endif
