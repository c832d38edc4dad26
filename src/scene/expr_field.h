/*
 * expr_field.h — typing a landscape into the window: the field where an
 * `expr:` formula in x and y is edited, and turning it into the scene's
 * landscape.  Its state lives in the Scene (scene->expr_field) so the
 * renderer can draw it; the window opens it, edits field.text through
 * text_field.h and applies it.
 */
#ifndef DESCENT_EXPR_FIELD_H
#define DESCENT_EXPR_FIELD_H

#include <stdbool.h>

#include "scene/text_field.h"

#define EXPR_FIELD_ERROR_MAX 256

typedef struct ExprField {
    bool open;
    TextField field;                  /* the formula, without "expr:" */
    char error[EXPR_FIELD_ERROR_MAX]; /* why the last formula applied was refused, "" = none */
} ExprField;

struct Scene;

/* Opens the field on the scene's formula when its landscape is an
 * expression, else on an empty field. */
void expr_field_open(struct Scene *scene);
/* Closes it, keeping the landscape as it is. */
void expr_field_close(struct Scene *scene);

/* Makes "expr:TEXT" the scene's landscape (runs restart at its default
 * start; an expression edited in place keeps the view).  On success the
 * field closes; on a bad formula it stays open with the core's message
 * (naming the column) in error, the cursor on that column, and the
 * landscape unchanged.  Returns whether the landscape changed. */
bool expr_field_apply(struct Scene *scene);

#endif
