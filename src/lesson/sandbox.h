/*
 * sandbox.h — a Lua 5.4 state safe for scripts downloaded from anywhere
 * (internal to src/lesson; lesson.h describes what the sandbox allows).
 *
 * Memory and the number of allocations are capped by the state's
 * allocator, the number of VM instructions and the time by a count hook, so
 * every script that stays in Lua code ends, quickly, either normally or
 * with an error.  The hook cannot interrupt one long C library call: only
 * running the sandbox in a child process bounds those (lesson_load.c).
 * Errors are rewritten to "FILE:LINE: message" with FILE the script's path
 * as given.
 */
#ifndef DESCENT_LESSON_SANDBOX_H
#define DESCENT_LESSON_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <lua.h>

#include "core/error.h"

/* What a lesson past its time is told, after "FILE:LINE: "; formatted with
 * LESSON_CPU_LIMIT_S and LESSON_TIME_LIMIT_MS. */
#define SANDBOX_TOO_LONG "the lesson took too long (limits: %d s of CPU time, %d ms in all): " \
                         "does a loop or a library call never end?"

typedef struct Sandbox {
    lua_State *L;
    const char *path;     /* borrowed; names the script in messages */
    size_t used;          /* bytes the state holds now */
    size_t allocations;   /* blocks allocated or grown so far */
    long instructions;    /* VM instructions run so far (in hook-sized units) */
    long cpu_start;       /* the thread's CPU time at sandbox_open, in ms */
    volatile int *line;   /* the last line the script ran (owned by the
                             caller, who may read it from another process) */
} Sandbox;

/* Opens a state with only the allowed libraries; the time limit
 * (LESSON_CPU_LIMIT_S of this thread's CPU time) starts now.  line must stay valid while the state
 * is open.  False (err filled) when even that does not fit in memory. */
bool sandbox_open(Sandbox *sandbox, const char *path, volatile int *line, DescentError *err);

/* Runs text[0 .. size-1], the script's source (a leading UTF-8 byte-order
 * mark is skipped; binary chunks are refused).  Functions the caller
 * registered as globals before are visible to it.  They report bad input
 * with luaL_error, which names the line of their call.  False with err
 * filled when the script fails. */
bool sandbox_run(Sandbox *sandbox, const char *text, size_t size, DescentError *err);

/* Closes the state (runs no more of the script's code than the caps allow). */
void sandbox_close(Sandbox *sandbox);

#endif
