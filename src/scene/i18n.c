/* i18n.c — see i18n.h.
 *
 * GNU gettext translates only when LC_MESSAGES is not "C" or "POSIX", and
 * then looks the catalog up by LANGUAGE before the locale's own name.  So
 * the language is chosen with LC_MESSAGES = C.UTF-8 (built into glibc since
 * 2.35 and shipped by Debian's libc-bin: it needs no generated zh_CN
 * locale) and LANGUAGE = the catalog's name; the output is bound to UTF-8
 * whatever LC_CTYPE is, since the text renderer reads UTF-8. */
#include "i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
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

bool i18n_select(const char *lang)
{
    const char *catalog = NULL;
    bool known = false;
    lang = lang ? lang : lesson_default_lang();
    for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
        if (strcmp(languages[i].lang, lang) == 0) {
            catalog = languages[i].catalog;
            known = true;
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
    /* Setting the domain again drops the translations gettext cached for
     * the language before (they are keyed by the locale, not LANGUAGE). */
    textdomain(I18N_DOMAIN);
    return known && (shown || !catalog);
}
