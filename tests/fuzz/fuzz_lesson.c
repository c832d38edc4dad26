/* fuzz_lesson.c — lesson scripts: any bytes load, or fail with one line
 * that starts with the file's name, and never hang.
 *
 * Each input goes through lesson_load as the program loads it: a child
 * process (under its CPU and wall-clock limits) evaluates it and hands the
 * Lesson back as bytes.  The child's coverage is lost to the fuzzer (its
 * counters are its own copy), so unless the child was stopped for its time
 * the input is evaluated in this process too (lesson_evaluate), under the
 * same rules; one stopped for its time is not, since a long C library call
 * cannot be interrupted here.  So every input ends within the load's time
 * limit, in every build, and none is a slow unit.  A lesson made here also
 * goes through the child's encoding and back, and the raw input through
 * the decoder, which must refuse what is not a Lesson without crashing. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lesson/lesson.h"
#include "lesson/lesson_wire.h"

static void check_refusal(const char *path, const DescentError *err)
{
    if (strncmp(err->message, path, strlen(path)) != 0 || strchr(err->message, '\n'))
        abort();
}

/* The Lesson survives the child's encoding: decoded and encoded again, it
 * gives the same bytes. */
static void check_wire(const Lesson *lesson)
{
    char *bytes, *again;
    size_t size, again_size;
    Lesson copy = { 0 };
    if (!lesson_encode(lesson, &bytes, &size))
        return;
    if (!lesson_decode(bytes, size, &copy) || !lesson_encode(&copy, &again, &again_size))
        abort();
    if (again_size != size || memcmp(bytes, again, size) != 0)
        abort();
    free(bytes);
    free(again);
    lesson_free(&copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Lesson lesson = { 0 };
    if (lesson_decode((const char *)data, size, &lesson))
        lesson_free(&lesson);
    char path[64];
    if (!fuzz_temp_file(data, size, "lesson", path))
        return 0;
    static const char *const langs[] = { "en", "zh" };
    for (size_t i = 0; i < 2; i++) {
        DescentError err;
        bool loaded = lesson_load(path, langs[i], &lesson, &err);
        if (loaded && (lesson.step_count == 0 || !lesson.title))
            abort();
        if (loaded)
            lesson_free(&lesson);
        else
            check_refusal(path, &err);
        if ((!loaded && strstr(err.message, ": the lesson took too long (limits: ")) ||
            size > LESSON_FILE_LIMIT)
            continue;
        if (lesson_evaluate(path, (const char *)data, size, langs[i], NULL, &lesson, &err)) {
            check_wire(&lesson);
            lesson_free(&lesson);
        } else {
            check_refusal(path, &err);
        }
    }
    unlink(path);
    return 0;
}
