/*
 * text_field.h — a one-line UTF-8 text field: the text, a cursor, and the
 * edits a keyboard makes (insert at the cursor, delete either side, move
 * by characters, to either end).  Plain data with no SDL: the window turns
 * its events into these calls, the renderer draws the field from it, and
 * tests edit it directly.  The cursor is a byte offset that always sits on
 * a character boundary; text is always NUL-terminated valid UTF-8 as long
 * as what is inserted is.
 *
 * A field opens with its whole text selected, as the window offers the
 * current formula or values: typing replaces it, backspace or delete
 * clears it, and a move (an arrow, Home, End) ends the selection to edit
 * it in place.  Appended to instead, "lr=0.3" typed after "lr=0.01,x0=1"
 * read "x0=1lr=0.3" and was refused.
 */
#ifndef DESCENT_TEXT_FIELD_H
#define DESCENT_TEXT_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_FIELD_MAX 512     /* bytes, NUL included */

typedef struct TextField {
    char text[TEXT_FIELD_MAX];
    size_t cursor;              /* byte offset into text */
    bool selected;              /* the whole text, as offered: the next edit replaces it */
} TextField;

/* Replaces the text, selected, cursor at its end (text cut at a character
 * boundary when it does not fit). */
void text_field_set(TextField *field, const char *text);

/* Inserts utf8 at the cursor (in place of a selected text) and moves the
 * cursor past it; false (and no change) when the whole of it does not fit.  Line breaks and other
 * control characters are left out (a paste of several lines is one line). */
bool text_field_insert(TextField *field, const char *utf8);

/* Deletes the character before (backspace) or after (delete) the cursor,
 * or the whole text while it is selected. */
void text_field_backspace(TextField *field);
void text_field_delete(TextField *field);

/* Moves the cursor one character left or right, or to either end; from a
 * selection, left goes to its start and right to its end. */
void text_field_left(TextField *field);
void text_field_right(TextField *field);
void text_field_home(TextField *field);
void text_field_end(TextField *field);

/* Places the cursor before the 1-based character column (clamped), as an
 * error message's "column N" points. */
void text_field_to_column(TextField *field, size_t column);

/* The start of the character before byte offset at in text (0 at the
 * start), and the end of the character that starts at at (strlen(text) at
 * the end): the steps the cursor takes, for whoever else walks UTF-8. */
size_t utf8_boundary_before(const char *text, size_t at);
size_t utf8_boundary_after(const char *text, size_t at);

#endif
