/*
 * text_wrap.h — breaking a UTF-8 text into lines no wider than a width:
 * at spaces, around CJK characters (which put no spaces between words) and
 * at newlines, following the CJK rule that closing marks (，。；：！？）」…)
 * never begin a line and opening marks (（「) never end one.  A word longer
 * than a line is cut where it overflows.  Widths come from the caller's
 * measuring function, so the rule does not depend on a font.
 */
#ifndef DESCENT_RENDER_TEXT_WRAP_H
#define DESCENT_RENDER_TEXT_WRAP_H

#include <stddef.h>

/* The width of utf8 as drawn. */
typedef double (*TextWidthFn)(void *context, const char *utf8);

/* Writes the lines of text into lines (max_lines rows of line_size bytes
 * each, NUL-terminated; spaces at a break are dropped) and returns how many
 * there are; text beyond max_lines lines is left out. */
int text_wrap(const char *text, double max_width, TextWidthFn width, void *context, char *lines,
              size_t line_size, int max_lines);

#endif
