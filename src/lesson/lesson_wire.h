/*
 * lesson_wire.h — a Lesson as bytes, for the child process that evaluates a
 * lesson to hand it to its parent (internal to src/lesson).
 *
 * Why not evaluate again in the parent: a script's behaviour can depend on
 * things that differ between two Lua states (the order pairs() visits
 * string keys in follows a per-state random seed; tostring of a table
 * shows its address), so the parent could take a path the child did not
 * (an endless C call) where nothing could stop it.  The parent never runs
 * the script: it decodes what the child made.
 *
 * The format is private to one build on one machine (the child is a fork of
 * the parent): fixed-width integers and doubles in host order, strings as a
 * length and their bytes.  The decoder still trusts nothing: every count
 * and length is checked against the lesson limits and the bytes left.
 */
#ifndef DESCENT_LESSON_WIRE_H
#define DESCENT_LESSON_WIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "lesson.h"

/* lesson as bytes: *dest (malloc'd, the caller frees) of *size bytes.
 * False when out of memory. */
bool lesson_encode(const Lesson *lesson, char **dest, size_t *size);

/* The Lesson in bytes[0 .. size-1] into dest (path and lang are the
 * caller's to set: they are left NULL and "").  False, dest left empty, when the
 * bytes are not a whole, valid encoding or memory runs out. */
bool lesson_decode(const char *bytes, size_t size, Lesson *dest);

#endif
