/*
 * msgid.h — N_("…") marks a text the core hands to the screen (a
 * landscape's formula, the names in an update rule) as a msgid of the UI's
 * message catalogs (po/, docs/ARCHITECTURE.md §5.1)
 * without translating it: the core stays free of gettext and of any
 * language, and the layer that draws the text looks it up (scene/i18n.h's
 * _()).  The mark is only for xgettext; it changes nothing.
 */
#ifndef DESCENT_CORE_MSGID_H
#define DESCENT_CORE_MSGID_H

#define N_(msgid) msgid

#endif
