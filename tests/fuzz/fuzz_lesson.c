/* fuzz_lesson.c — lesson scripts: any bytes load, or fail with one line
 * that starts with the file's name, and never hang.
 *
 * Each input goes through lesson_load as the program loads it: a child
 * process (under its CPU and wall-clock limits) evaluates it and hands the
 * Lesson back as bytes.  The child's coverage is lost to the fuzzer (its
 * counters are its own copy), so unless the child stopped it at one of the
 * sandbox's limits the input is evaluated in this process too
 * (lesson_evaluate), under the same rules.  So an input that hangs ends
 * with the load's time limit, in every build, and is no slow unit.  (A
 * script can still behave differently in the two Lua states, through
 * pairs() order or a table's address; the fuzzer's own timeout catches
 * one that hangs only here.)  A lesson made here also
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

/* Whether a refusal is the sandbox stopping the script for its time,
 * instructions, allocations or memory (lesson.h): evaluating such a script
 * again here would cost up to the whole limit again, for no new coverage,
 * and one stopped for its time may sit in a C call that nothing here can
 * interrupt. */
static bool stopped_by_a_limit(const char *message)
{
    static const char *const limits[] = {
        ": the lesson took too long (limits: ", ": lesson ran too long (over ",
        ": the lesson allocated too often (over ", ": the lesson used too much memory (limit ",
    };
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
        if (strstr(message, limits[i]))
            return true;
    return false;
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
    /* One fork per input (it costs more than most evaluations), then both
     * languages here. */
    DescentError err;
    bool loaded = lesson_load(path, "en", NULL, &lesson, &err);
    if (loaded && (lesson.step_count == 0 || !lesson.title))
        abort();
    if (loaded)
        lesson_free(&lesson);
    else
        check_refusal(path, &err);
    static const char *const langs[] = { "en", "zh" };
    for (size_t i = 0; i < 2 && (loaded || !stopped_by_a_limit(err.message)) &&
                       size <= LESSON_FILE_LIMIT; i++) {
        DescentError here;
        if (lesson_evaluate(path, (const char *)data, size, langs[i], NULL, NULL, &lesson, &here)) {
            check_wire(&lesson);
            lesson_free(&lesson);
        } else {
            check_refusal(path, &here);
        }
    }
    unlink(path);
    return 0;
}
