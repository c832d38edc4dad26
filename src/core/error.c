/* error.c — see error.h. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

bool error_set(DescentError *err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return false;
}
