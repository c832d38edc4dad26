/* data_dir.c — see data_dir.h. */
#include "data_dir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"

static bool has_shaders(const char *dir)
{
    char path[4096];
    struct stat st;
    if (snprintf(path, sizeof path, "%s/shaders", dir) >= (int)sizeof path)
        return false;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *data_dir(DescentError *err)
{
    const char *env = getenv("DESCENT_DATA_DIR");
    if (env && *env) {
        if (has_shaders(env))
            return env;
        error_set(err, "DESCENT_DATA_DIR=%s has no shaders/ folder", env);
        return NULL;
    }
    if (has_shaders(DESCENT_SOURCE_DIR))
        return DESCENT_SOURCE_DIR;
    if (has_shaders(DESCENT_INSTALL_DATA_DIR))
        return DESCENT_INSTALL_DATA_DIR;
    error_set(err, "cannot find descent's data (shaders/) in %s or %s; set DESCENT_DATA_DIR",
              DESCENT_SOURCE_DIR, DESCENT_INSTALL_DATA_DIR);
    return NULL;
}

bool data_path(const char *relative, char *dest, size_t size, DescentError *err)
{
    const char *dir = data_dir(err);
    if (!dir)
        return false;
    if ((size_t)snprintf(dest, size, "%s/%s", dir, relative) >= size)
        return error_set(err, "path too long: %s/%s", dir, relative);
    return true;
}

char *data_read_text(const char *relative, const char *what, size_t max, char *path,
                     size_t path_size, DescentError *err)
{
    if (!data_path(relative, path, path_size, err))
        return NULL;
    FILE *file = fopen(path, "rb");
    if (!file) {
        error_set(err, "cannot read %s %s: %s", what, path, strerror(errno));
        return NULL;
    }
    char *text = malloc(max + 1);
    size_t n = text ? fread(text, 1, max + 1, file) : 0;
    bool failed = !text || ferror(file) || n > max;
    fclose(file);
    if (failed) {
        error_set(err, "cannot read %s %s: %s", what, path,
                  !text ? "out of memory" : n > max ? "larger than expected" : "unreadable");
        free(text);
        return NULL;
    }
    text[n] = '\0';
    return text;
}
