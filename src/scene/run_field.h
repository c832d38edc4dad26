/*
 * run_field.h — typing the selected run's parameters into the window: the
 * field holds what follows the optimizer's name in its spec ("lr=0.05,
 * momentum=0.9" for "momentum:lr=0.05,momentum=0.9"; the learning rate is
 * written out when the spec leaves it at its default), and applying it
 * checks it with the core's spec parsing, so a value is refused with the
 * same range and message as on the command line.  The field opens with
 * its text selected (text_field.h), so typing "lr=0.3" replaces what it
 * shows and changes the learning rate alone.  The run goes on from
 * where it is with the new values, recorded as a change at the current
 * update like the window's ×1.25 keys (scene.h), so rewinding and sharing
 * see it.  Its state lives in the Scene (scene->run_field) so the renderer
 * can draw it; the window opens it, edits field.text through text_field.h
 * and applies it.
 */
#ifndef DESCENT_RUN_FIELD_H
#define DESCENT_RUN_FIELD_H

#include <stdbool.h>

#include "scene/text_field.h"

#define RUN_FIELD_ERROR_MAX 256
#define RUN_FIELD_LABEL_MAX 64

typedef struct RunField {
    bool open;
    char label[RUN_FIELD_LABEL_MAX];  /* "run 1  momentum:" */
    TextField field;                  /* the spec's items, without the name */
    char error[RUN_FIELD_ERROR_MAX];  /* why the last text applied was refused, "" = none */
} RunField;

struct Scene;

/* Opens the field on the selected run's parameters; false (and a notice)
 * when there is no run. */
bool run_field_open(struct Scene *scene);
/* Closes it, keeping the run as it is. */
void run_field_close(struct Scene *scene);

/* Gives the run its spec with TEXT's items put in from its next update
 * on: a key typed takes the typed value, a key left out keeps the run's
 * ("lr=0.3" on "momentum:lr=0.01,momentum=0.99" gives
 * "momentum:lr=0.3,momentum=0.99"; to undo a value, type its default).  On success the field closes with a notice of the new spec;
 * refused (the core's message: an unknown key, a value out of range,
 * another optimizer) it stays open with the message in error and the run
 * unchanged.  Returns whether the run changed. */
bool run_field_apply(struct Scene *scene);

#endif
