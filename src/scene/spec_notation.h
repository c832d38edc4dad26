/*
 * spec_notation.h — a spec as a class reads it: the kind's title and the
 * settings its spec gives, each by its symbol ("SGD  σ=2, B=16" for
 * "sgd:lr=0.05,noise=2,batch=16"; "Quadratic bowl  ·  λ₁=1, λ₂=8, angle=30"
 * for "quadratic:l1=1,l2=8,angle=30"), in the viewer's language.  The
 * legends name runs and the landscape so: a spec's names and keys
 * (gd, lr, sharp_depth) are the command line's, not a student's
 * (docs/ARCHITECTURE.md §5.1).  The specs themselves stay what the run
 * and formula fields edit and the command line takes.
 */
#ifndef DESCENT_SCENE_SPEC_NOTATION_H
#define DESCENT_SCENE_SPEC_NOTATION_H

#include <stddef.h>

/* A run's optimizer spec: its optimizer's title, then its settings but
 * the key leave_out (NULL: none), which the text beside it shows (the
 * legend's readings show η; a sweep's range its swept key). */
void spec_notation_run(const char *spec, const char *leave_out, char *dest, size_t size);

/* How a frame names an optimizer's key: its symbol or translated word
 * ("η" for lr, "β₁" for beta1), or the key itself where it has none. */
const char *spec_notation_key(const char *key);

/* A landscape spec's settings alone ("λ₁=1, λ₂=8, angle=30"), "" when it
 * gives none that a frame shows (a data file's name, a seed). */
void spec_notation_landscape(const char *spec, char *dest, size_t size);

#endif
