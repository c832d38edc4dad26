/* text_wrap.c — see text_wrap.h. */
#include "text_wrap.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "text.h"

/* Chinese, Japanese and Korean characters: lines may break around any of
 * them, as these scripts put no spaces between words. */
static bool is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Punctuation that may not begin a line (closing marks, full stops and
 * commas, CJK and Latin) and that may not end one (opening marks): the
 * rules CJK typesetting calls kinsoku. */
static bool no_break_before(uint32_t cp)
{
    static const uint32_t marks[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01,
                                     0xFF1F, 0xFF09, 0x300D, 0x300F, 0x3011, 0x2026, 0x201D,
                                     0x2019, ',', '.', ';', ':', '!', '?', ')'};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (cp == marks[k])
            return true;
    return false;
}

static bool no_break_after(uint32_t cp)
{
    return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3010 || cp == 0x201C ||
           cp == 0x2018 || cp == '(';
}

int text_wrap(const char *text, double max_width, TextWidthFn width, void *context, char *lines,
              size_t line_size, int max_lines)
{
    const unsigned char *t = (const unsigned char *)text;
    int count = 0;
    size_t start = 0, i = 0, last_break = 0;
    uint32_t previous = 0;
    char line[1024];
    while (count < max_lines) {
        int len = 0;
        uint32_t cp = t[i] ? utf8_next(t + i, &len) : '\n';
        size_t end = i + (size_t)len;
        if (cp == ' ' || (is_cjk(cp) && i > start && !no_break_before(cp) &&
                          !no_break_after(previous)))
            last_break = i;
        bool too_wide = false;
        if (cp != '\n') {
            too_wide = end - start >= sizeof line;
            if (!too_wide) {
                memcpy(line, t + start, end - start);
                line[end - start] = '\0';
                too_wide = width(context, line) > max_width;
            }
        }
        if (cp == '\n' || (too_wide && i > start)) {
            size_t stop = cp == '\n' ? i : last_break > start ? last_break : i;
            size_t n = stop - start < line_size ? stop - start : line_size - 1;
            char *dest = lines + (size_t)count++ * line_size;
            memcpy(dest, t + start, n);
            dest[n] = '\0';
            if (!t[i])
                break;
            start = cp == '\n' ? end : stop;
            while (t[start] == ' ')
                start++;
            i = last_break = start;
            continue;
        }
        i = end;
        previous = cp;
        int next_len = 0;
        uint32_t next = t[end] ? utf8_next(t + end, &next_len) : '\n';
        if (is_cjk(cp) && !no_break_after(cp) && !no_break_before(next))
            last_break = end;
    }
    return count;
}
