/*
 * sandbox.h — a Lua 5.4 state safe for scripts downloaded from anywhere
 * (internal to src/lesson; lesson.h describes what the sandbox allows).
 *
 * Memory is capped by the state's allocator and the number of VM
 * instructions by a count hook, so every script ends, quickly, either
 * normally or with an error.  Errors are rewritten to "FILE:LINE: message"
 * with FILE the script's path as given.
 */
#ifndef DESCENT_LESSON_SANDBOX_H
#define DESCENT_LESSON_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

#include <lua.h>

#include "core/error.h"

typedef struct Sandbox {
    lua_State *L;
    const char *path;     /* borrowed; names the script in messages */
    size_t used;          /* bytes the state holds now */
    long instructions;    /* VM instructions run so far (in hook-sized units) */
    int line;             /* the last line the script ran */
} Sandbox;

/* Opens a state with only the allowed libraries.  False (err filled) when
 * even that does not fit in memory. */
bool sandbox_open(Sandbox *sandbox, const char *path, DescentError *err);

/* Loads sandbox->path as a text chunk and runs it.  Functions the caller
 * registered as globals before are visible to it.  They report bad input
 * with luaL_error, which names the line of their call.  False with err
 * filled when the file is unreadable or the script fails. */
bool sandbox_run(Sandbox *sandbox, DescentError *err);

/* Closes the state (runs no more of the script's code than the caps allow). */
void sandbox_close(Sandbox *sandbox);

#endif
