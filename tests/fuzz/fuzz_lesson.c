/* fuzz_lesson.c — lesson scripts: any bytes load, or fail with one line
 * that starts with the file's name, and never hang.
 *
 * Each input goes through lesson_load as the program loads it: a child
 * process first (under its CPU and wall-clock limits), then the same bytes
 * here.  A child's coverage is lost to the fuzzer (its counters are its
 * own copy), so an input the child refuses for a reason other than its
 * time is evaluated here too (lesson_evaluate), which must refuse it with
 * the very same message; one refused for its time is not, since a long C
 * library call cannot be interrupted in this process.  So every input
 * ends within the load's time limit, in every build: none is a slow unit. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lesson/lesson.h"

/* A message of a load stopped for its time (sandbox.h's SANDBOX_TOO_LONG),
 * which the two evaluations may reach at different points. */
static bool timed_out(const char *message)
{
    return strstr(message, ": the lesson took too long (limits: ") != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    if (!fuzz_temp_file(data, size, "lesson", path))
        return 0;
    static const char *const langs[] = { "en", "zh" };
    for (size_t i = 0; i < 2; i++) {
        Lesson lesson;
        DescentError err;
        if (lesson_load(path, langs[i], &lesson, &err)) {
            if (lesson.step_count == 0 || !lesson.title)
                abort();
            lesson_free(&lesson);
            continue;
        }
        if (strncmp(err.message, path, strlen(path)) != 0 || strchr(err.message, '\n'))
            abort();
        if (timed_out(err.message) || size > LESSON_FILE_LIMIT)
            continue;
        DescentError here;
        if (lesson_evaluate(path, (const char *)data, size, langs[i], NULL, &lesson, &here)) {
            lesson_free(&lesson);
            abort();
        }
        if (!timed_out(here.message) && strcmp(here.message, err.message) != 0)
            abort();
    }
    unlink(path);
    return 0;
}
