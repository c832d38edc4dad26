/*
 * error.h — how the numeric core reports a failure.
 *
 * Functions that can fail take a `DescentError *err` last (it may be NULL)
 * and return false or NULL.  On failure they fill err->message with one
 * line, no trailing newline, that names the offending part, e.g.
 *   unknown key 'beta3' in 'adam:beta3=1' (keys: lr, beta1, beta2, ...)
 * The caller decides how to show it; the core never prints or exits.
 *
 * A message is always one line of valid UTF-8, whatever it quotes: control
 * characters (C0, DEL, C1) and bytes that are not UTF-8 are written as
 * escapes (\n, \t, \x1b, \xc2\x9b), so a file name holding a newline or a
 * terminal escape sequence cannot break the line or drive the terminal.
 * A message too long for its buffer loses its middle, marked by "…", never
 * its end: "PATH: reason" keeps the start of a long path and the reason.
 */
#ifndef DESCENT_CORE_ERROR_H
#define DESCENT_CORE_ERROR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define DESCENT_ERROR_MAX 512

typedef struct DescentError {
    char message[DESCENT_ERROR_MAX];
} DescentError;

/* Formats a message into err (no-op when err is NULL). Always returns false,
 * so a failing function can `return error_set(err, ...);`. */
bool error_set(DescentError *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Formats one line as error_set does (escaped, its middle dropped when it
 * is longer than size - 1 bytes) into dest of size bytes (size >= 16). */
void error_format(char *dest, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* error_format's variadic form, for a line printed when all goes well (a
 * lesson's path and title, a recording's name): escaped as messages are. */
void error_line(char *dest, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
