/*
 * error.h — how the numeric core reports a failure.
 *
 * Functions that can fail take a `DescentError *err` last (it may be NULL)
 * and return false or NULL.  On failure they fill err->message with one
 * line, no trailing newline, that names the offending part, e.g.
 *   unknown key 'beta3' in 'adam:beta3=1' (keys: lr, beta1, beta2, ...)
 * The caller decides how to show it; the core never prints or exits.
 */
#ifndef DESCENT_CORE_ERROR_H
#define DESCENT_CORE_ERROR_H

#include <stdbool.h>

#define DESCENT_ERROR_MAX 512

typedef struct DescentError {
    char message[DESCENT_ERROR_MAX];
} DescentError;

/* Formats a message into err (no-op when err is NULL). Always returns false,
 * so a failing function can `return error_set(err, ...);`. */
bool error_set(DescentError *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
