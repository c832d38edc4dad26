/*
 * keys.h — the window's keys: one table that drives the dispatch of key
 * events, the help overlay and the set of keys a lesson may not bind.
 *
 * Each row is one line of the help overlay: how it names the keys, what
 * they do, the typed characters and the key codes that run it, and the
 * function that does it.  Rows without characters or key codes are pointer
 * gestures (app.c handles the mouse); they are in the table so the help
 * lists them in its order.  Adding a key is adding a row (and its function,
 * next to the table in keys.c): the help shows it, the window runs it, and
 * window_reserved_keys() refuses it to lessons.
 *
 * A lesson may bind no key the window uses: the lesson loader is below the
 * window (docs: the layer order core <- lesson <- scene <- ... <- app), so
 * it cannot read this table and takes the reserved set as input instead
 * (lesson_load's reserved_keys); the window, `descent check` and the
 * recorder all pass window_reserved_keys().  lessons/README.md's list of
 * those keys is checked against this table by tests/test_keys.c.
 *
 * The label and help strings are English; they are the messages a
 * translation of the window would translate.
 */
#ifndef DESCENT_APP_KEYS_H
#define DESCENT_APP_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "app.h"

typedef struct WindowKey {
    const char *label;        /* the keys as the help names them: "[  ]" */
    const char *help;         /* what they do */
    const char *chars;        /* typed characters that run it (text input,
                                 so the keyboard layout decides): "[]" */
    const SDL_Keycode *syms;  /* key codes that run it, ended by 0; NULL: none */
    Uint16 mod;               /* the syms run it only with one of these
                                 modifiers held; 0: a row with a modifier
                                 on the same key code wins when it is held */
    const char *shares;       /* characters the same physical keys type
                                 otherwise (shifted digits, '_' of "-"),
                                 kept from lessons with chars; NULL: none */
    /* Does it; which is the position of the character in chars or of the
     * key code in syms that ran it.  NULL for pointer gestures. */
    void (*run)(App *app, size_t which);
} WindowKey;

/* The table, in the help overlay's order. */
const WindowKey *window_keys(size_t *count);

/* Runs the row whose chars hold c; false when none does. */
bool window_key_char(App *app, char c);

/* Runs the row whose syms hold sym (with mod, see WindowKey.mod); false
 * when none does. */
bool window_key_down(App *app, SDL_Keycode sym, Uint16 mod);

/* Every character of every row's chars and shares, once each, in table
 * order: the keys a lesson may not bind.  A static string, built from the
 * table on the first call. */
const char *window_reserved_keys(void);

#endif
