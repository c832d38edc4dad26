/* fuzz_util.c — helpers shared by the fuzz targets; see fuzz.h. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s) {
        memcpy(s, data, size);
        s[size] = '\0';
    }
    return s;
}

bool fuzz_temp_file(const uint8_t *data, size_t size, const char *tag, char *dest)
{
    snprintf(dest, 64, "/tmp/descent-fuzz-%s-XXXXXX", tag);
    int fd = mkstemp(dest);
    if (fd < 0)
        return false;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(dest);
        return false;
    }
    bool ok = fwrite(data, 1, size, f) == size;
    ok = fclose(f) == 0 && ok;
    if (!ok)
        unlink(dest);
    return ok;
}
