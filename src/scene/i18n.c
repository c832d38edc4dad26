/* i18n.c — see i18n.h.
 *
 * GNU gettext translates only when LC_MESSAGES is not "C" or "POSIX", and
 * then looks the catalog up by LANGUAGE before the locale's own name.  So
 * the language is chosen with LC_MESSAGES = C.UTF-8 (built into glibc since
 * 2.35 and shipped by Debian's libc-bin: it needs no generated zh_CN
 * locale) and LANGUAGE = the catalog's name; the output is bound to UTF-8
 * whatever LC_CTYPE is, since the text renderer reads UTF-8. */
#include "i18n.h"

#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "core/expr.h"
#include "core/spec.h"
#include "lesson/lesson.h"

/* Each language the window speaks and the catalog that holds it (one of
 * po/LINGUAS); NULL: the msgids themselves. */
static const struct {
    const char *lang;
    const char *catalog;
} languages[] = {
    {"en", NULL},
    {"zh", "zh_CN"},
};

static bool has_catalog(const char *dir, const char *catalog)
{
    char path[4096];
    struct stat st;
    int n = snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", dir, catalog, I18N_DOMAIN);
    return n > 0 && (size_t)n < sizeof path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *i18n_catalog_dir(void)
{
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
        if (languages[i].catalog && !has_catalog(DESCENT_BUILD_LOCALE_DIR, languages[i].catalog))
            return DESCENT_INSTALL_LOCALE_DIR;
    return DESCENT_BUILD_LOCALE_DIR;
}

/* i18n_language's: a lang of languages[] (static storage). */
static const char *selected = "en";

bool i18n_select(const char *lang)
{
    const char *catalog = NULL, *known = NULL;
    lang = lang ? lang : lesson_default_lang();
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
        if (strcmp(languages[i].lang, lang) == 0) {
            catalog = languages[i].catalog;
            known = languages[i].lang;
        }
    const char *dir = i18n_catalog_dir();
    bindtextdomain(I18N_DOMAIN, dir);
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
    bool shown = catalog && has_catalog(dir, catalog) &&
                 (setlocale(LC_MESSAGES, "C.UTF-8") || setlocale(LC_MESSAGES, "C.utf8"));
    if (shown)
        setenv("LANGUAGE", catalog, 1);
    else
        setlocale(LC_MESSAGES, "C");
    selected = shown ? known : "en";
    /* Setting the domain again drops the translations gettext cached for
     * the language before (they are keyed by the locale, not LANGUAGE). */
    textdomain(I18N_DOMAIN);
    return known != NULL && (shown || !catalog);
}

const char *i18n_language(void)
{
    return selected;
}

/* ------------------------------------------------------------ errors */

/* Texts a format's conversions stood for, at most this many. */
#define ERROR_PARTS 8

/* The length of the printf conversion at spec (just after its '%'); 0 when
 * it is none. */
static size_t conversion_length(const char *spec)
{
    size_t n = strspn(spec, "-+ #0123456789.*hljzt");
    return spec[n] && strchr("diouxXcsfFeEgGaAp", spec[n]) ? n + 1 : 0;
}

typedef struct ErrorParts {
    const char *start[ERROR_PARTS];
    size_t length[ERROR_PARTS];
    int count;
} ErrorParts;

/* Whether text matches format, each conversion standing for the shortest
 * text that lets the rest match; the texts into parts. */
static bool match_format(const char *format, const char *text, ErrorParts *parts)
{
    while (*format) {
        if (format[0] == '%' && format[1] != '%') {
            size_t n = conversion_length(format + 1);
            if (n == 0 || parts->count == ERROR_PARTS)
                return false;
            /* A whole number stands for digits only. */
            bool whole = strchr("diouxX", format[n]) != NULL;
            int k = parts->count++;
            for (size_t len = 1; text[len - 1]; len++) {
                if (whole && !isdigit((unsigned char)text[len - 1]) && text[len - 1] != '-')
                    break;
                parts->start[k] = text;
                parts->length[k] = len;
                if (match_format(format + 1 + n, text + len, parts))
                    return true;
            }
            parts->count = k;
            return false;
        }
        if (format[0] == '%')
            format++;
        if (*format++ != *text++)
            return false;
    }
    return *text == '\0';
}

/* The scene's own frame: a lesson's error, "FILE:LINE: message". */
static const char *const lesson_error_formats[] = {"%s:%d: %s", NULL};

/* The characters of format outside its conversions: of two formats that
 * match a message, the one with more says more ("… after '%s%.*s'" over
 * "%s" swallowing it). */
static size_t literal_length(const char *format)
{
    size_t n = 0;
    for (const char *p = format; *p;) {
        size_t conv = p[0] == '%' && p[1] != '%' ? conversion_length(p + 1) : 0;
        p += conv ? 1 + conv : p[0] == '%' ? 2 : 1;
        n += conv ? 0 : 1;
    }
    return n;
}

static void translate_error(const char *message, char *dest, size_t size, int depth)
{
    static const char *const *const tables[] = {spec_error_formats, expr_error_formats,
                                                lesson_error_formats};
    snprintf(dest, size, "%s", message);
    if (depth > 2)
        return;
    const char *best = NULL;
    ErrorParts parts = {.count = 0};
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const char *const *format = tables[t]; *format; format++) {
            ErrorParts these = {.count = 0};
            if (match_format(*format, message, &these) &&
                (!best || literal_length(*format) > literal_length(best))) {
                best = *format;
                parts = these;
            }
        }
    if (!best)
        return;
    /* The translated format (the lesson's frame is the same in every
     * language), its conversions filled in order. */
    const char *translated = best == lesson_error_formats[0] ? best : _(best);
    size_t used = 0;
    int k = 0;
    for (const char *p = translated; *p && used + 1 < size;) {
        size_t n = p[0] == '%' && p[1] != '%' ? conversion_length(p + 1) : 0;
        if (n > 0 && k < parts.count) {
            char part[DESCENT_ERROR_MAX], shown[DESCENT_ERROR_MAX];
            snprintf(part, sizeof part, "%.*s", (int)parts.length[k], parts.start[k]);
            k++;
            translate_error(part, shown, sizeof shown, depth + 1);
            used += (size_t)snprintf(dest + used, size - used, "%s", shown);
            used = used < size ? used : size - 1;
            p += 1 + n;
        } else {
            dest[used++] = *p;
            p += p[0] == '%' && p[1] == '%' ? 2 : 1;
        }
    }
    dest[used] = '\0';
}

void i18n_error(const char *message, char *dest, size_t size)
{
    translate_error(message, dest, size, 0);
}
