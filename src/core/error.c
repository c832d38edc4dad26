/* error.c — see error.h. */
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What stands for the dropped middle of a message too long to keep whole. */
static const char ellipsis[] = "…";

/* The length of the valid UTF-8 character at p (1 to 4), 0 when p does not
 * start one (a stray continuation byte, an overlong or surrogate form, a
 * sequence cut short). */
static size_t utf8_length(const unsigned char *p)
{
    if (p[0] < 0x80)
        return 1;
    size_t n = p[0] > 0xf4 ? 0 : p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (n == 0)
        return 0;
    for (size_t k = 1; k < n; k++)
        if ((p[k] & 0xc0) != 0x80)
            return 0;
    /* The smallest and largest code points each lead byte may start. */
    if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0) ||
        (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90))
        return 0;
    return n;
}

/* Copies text into dest (room for 4 * strlen(text) + 1 bytes) with control
 * characters (C0, DEL and C1: U+0080 to U+009F, whose U+009B a terminal
 * reads as the escape sequence ESC [) and invalid bytes escaped; returns
 * the length written. */
static size_t escape(char *dest, const char *text)
{
    size_t used = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        size_t n = *p >= 0x20 && *p != 0x7f ? utf8_length(p) : 0;
        if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)
            n = 0;
        if (n > 0) {
            memcpy(dest + used, p, n);
            used += n;
            p += n;
            continue;
        }
        if (*p == '\n' || *p == '\t' || *p == '\r') {
            dest[used++] = '\\';
            dest[used++] = *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r';
        } else {
            used += (size_t)sprintf(dest + used, "\\x%02x", *p);
        }
        p++;
    }
    dest[used] = '\0';
    return used;
}

/* Moves back from text + at to the start of a UTF-8 character. */
static size_t character_start(const char *text, size_t at)
{
    while (at > 0 && ((unsigned char)text[at] & 0xc0) == 0x80)
        at--;
    return at;
}

/* Writes line (escaped already, length len) into dest of size bytes, its
 * middle replaced by the ellipsis when it does not fit: two fifths of the
 * room for the start, the rest for the end, where the reason is. */
static void fit(char *dest, size_t size, const char *line, size_t len)
{
    if (len < size) {
        memcpy(dest, line, len + 1);
        return;
    }
    size_t room = size - 1 - (sizeof ellipsis - 1);
    size_t head = character_start(line, room * 2 / 5);
    size_t tail_start = len - (room - head);
    while (tail_start < len && ((unsigned char)line[tail_start] & 0xc0) == 0x80)
        tail_start++;
    memcpy(dest, line, head);
    memcpy(dest + head, ellipsis, sizeof ellipsis - 1);
    memcpy(dest + head + sizeof ellipsis - 1, line + tail_start, len - tail_start + 1);
}

void error_format(char *dest, size_t size, const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    size_t raw_size = n > 0 ? (size_t)n + 1 : 1;
    char *raw = malloc(raw_size);
    char *line = raw ? malloc(4 * raw_size) : NULL;
    if (!line) {
        /* Out of memory: the start of the message, still one clean line. */
        free(raw);
        char start[DESCENT_ERROR_MAX], clean[4 * DESCENT_ERROR_MAX];
        vsnprintf(start, sizeof start, fmt, again);
        va_end(again);
        fit(dest, size, clean, escape(clean, start));
        return;
    }
    vsnprintf(raw, raw_size, fmt, again);
    va_end(again);
    fit(dest, size, line, escape(line, raw));
    free(line);
    free(raw);
}

void error_line(char *dest, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_format(dest, size, fmt, ap);
    va_end(ap);
}

bool error_set(DescentError *err, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        error_format(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return false;
}
