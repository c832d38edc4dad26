/*
 * i18n.h — the language of the program's own words on screen (the HUD, the
 * help, plot titles, overlay labels, notices) through GNU gettext message
 * catalogs: po/LANG.po, compiled to LANG/LC_MESSAGES/descent.mo
 * (docs/ARCHITECTURE.md §5.1).  Lessons carry their own
 * texts by language; this is for everything else.
 *
 * The language is the one the lesson plays in (--lang, else the
 * environment as lesson_default_lang reads it), never whether the system
 * has a locale for it: a fresh system with only the C locale, and the
 * uninstalled build tree, show Chinese all the same.  Only the
 * LC_MESSAGES category changes, so numbers keep printing and parsing with
 * '.' (LC_NUMERIC stays "C").
 *
 * Mark a string with _("…") where it is used, or with N_("…") in a table
 * that is translated later with _() (the core marks its own texts that
 * way: core/msgid.h); xgettext finds both (po/meson.build).
 * A format string keeps its conversions in the same order in every
 * language.  This header sits in the scene layer so that scene (notices),
 * render and app, which all see scene, share one owner of the macros.
 */
#ifndef DESCENT_SCENE_I18N_H
#define DESCENT_SCENE_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/msgid.h"

#define I18N_DOMAIN "descent"

/* N_ (core/msgid.h) marks; _ translates. */
#define _(msgid) dgettext(I18N_DOMAIN, msgid)

/* Makes lang ("en", "zh"; NULL: lesson_default_lang()) the language of
 * every _() from now on.  False when it cannot be shown (no catalog for it
 * in the build tree or the installed locale dir, or the C library has no
 * UTF-8 C locale to translate in): the words stay English, as for "en".
 * Call it before threads start (it sets LC_MESSAGES and LANGUAGE). */
bool i18n_select(const char *lang);

/* The language every _() translates to now: the one i18n_select last
 * showed, "en" before any and where it kept the words English.  What the
 * window has measured in one language it measures again in another
 * (hud.c's group room). */
const char *i18n_language(void);

/* message (an error of the core: a spec's value, a typed expression; with
 * a lesson's "FILE:LINE: " before it or not) in the language selected,
 * into dest of size bytes.  The core keeps no language: the message is
 * matched against the formats its modules list (spec_error_formats,
 * expr_error_formats), each %-conversion standing for any text, and the
 * translated format is filled with the same texts, each translated the same
 * way in turn (an expression's "what" inside its "where").  A message that
 * matches none, or in English, is copied as it is. */
void i18n_error(const char *message, char *dest, size_t size);

/* The folder holding LANG/LC_MESSAGES/descent.mo in use (static storage):
 * the build tree's po/ while it has the catalogs, else the installed
 * locale dir. */
const char *i18n_catalog_dir(void);

#endif
