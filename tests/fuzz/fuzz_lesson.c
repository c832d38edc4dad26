/* fuzz_lesson.c — lesson scripts: any bytes evaluate, or fail with one line
 * that starts with the file's name, and never hang.
 *
 * Each input is evaluated in this process (lesson_evaluate: the Lua sandbox
 * and the lesson's C description, the code lesson_load's child runs), in
 * English and, unless a cap stopped it, in Chinese, under the sandbox's own
 * caps: instructions and CPU time counted by its hook, memory and
 * allocations by its allocator.  lesson_load's child process is not used
 * here: a fork per input cost more than most evaluations (some 500 inputs in
 * 40 s), and its coverage was lost to the fuzzer anyway.  test_lesson.c and
 * test_lesson_hostile.py cover the child.  What only the child can stop,
 * one C library call that never returns (table.move over 2^63 slots),
 * would show here as the fuzzer's timeout.
 *
 * The path names a folder that does not exist, so a data file a spec names
 * is never found, whatever else lies on the machine.  A lesson made here
 * also goes through the child's encoding and back, and the raw input through
 * the decoder, which must refuse what is not a Lesson without crashing. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "lesson/lesson.h"
#include "lesson/lesson_wire.h"

static const char path[] = "/descent-fuzz-no-such-folder/lesson.lua";

static void check_refusal(const DescentError *err)
{
    if (strncmp(err->message, path, strlen(path)) != 0 || strchr(err->message, '\n'))
        abort();
}

/* Whether a refusal is the sandbox stopping the script for its time,
 * instructions, allocations or memory (lesson.h): evaluating it again in
 * the other language would cost up to the whole limit again, for no new
 * coverage. */
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
    /* lesson_load refuses a larger file before evaluating it. */
    if (size > LESSON_FILE_LIMIT)
        return 0;
    static const char *const langs[] = { "en", "zh" };
    for (size_t i = 0; i < 2; i++) {
        DescentError err;
        if (lesson_evaluate(path, (const char *)data, size, langs[i], NULL, NULL, &lesson, &err)) {
            if (lesson.step_count == 0 || !lesson.title)
                abort();
            check_wire(&lesson);
            lesson_free(&lesson);
        } else {
            check_refusal(&err);
            if (stopped_by_a_limit(err.message))
                break;
        }
    }
    return 0;
}
