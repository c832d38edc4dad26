/* fuzz_lesson.c — lesson scripts: any bytes load, or fail with one line
 * that starts with the file's name, and never hang (the sandbox's caps). */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lesson/lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    if (!fuzz_temp_file(data, size, "lesson", path))
        return 0;
    static const char *const langs[] = { "en", "zh" };
    for (size_t i = 0; i < 2; i++) {
        Lesson lesson;
        DescentError err;
        if (lesson_load(path, langs[i], NULL, &lesson, &err)) {
            if (lesson.step_count == 0 || !lesson.title)
                abort();
            lesson_free(&lesson);
        } else if (strncmp(err.message, path, strlen(path)) != 0 || strchr(err.message, '\n')) {
            abort();
        }
    }
    unlink(path);
    return 0;
}
