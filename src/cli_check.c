/* cli_check.c — `descent check LESSON.lua...`: loads each lesson as the
 * window would (sandbox, every field, every spec string through the core)
 * and reports what is wrong, as "FILE:LINE: message" so editors can jump
 * to it. */
#include <stdio.h>

#include "cli.h"
#include "app/keys.h"
#include "lesson/lesson.h"

int cli_check(int argc, char **argv)
{
    if (argc < 1) {
        cli_error("usage: descent check LESSON.lua...");
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (int i = 0; i < argc; i++) {
        Lesson lesson;
        DescentError err;
        if (!lesson_load(argv[i], "en", window_reserved_keys(), &lesson, &err)) {
            fprintf(stderr, "%s\n", err.message);
            status = EXIT_USAGE;
            continue;
        }
        cli_print_line("%s: ok, %zu step%s", argv[i], lesson.step_count,
                       lesson.step_count == 1 ? "" : "s");
        lesson_free(&lesson);
    }
    return status;
}
