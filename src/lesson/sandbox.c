/*
 * sandbox.c — see sandbox.h.
 *
 * The caps:
 *   memory        the allocator refuses to grow the state past
 *                 LESSON_MEMORY_LIMIT; Lua turns that into a memory error.
 *   allocations   the allocator refuses more than LESSON_ALLOCATION_LIMIT
 *                 new or grown blocks: a loop that makes a table per turn
 *                 costs little per instruction in a normal build but
 *                 microseconds per allocation under AddressSanitizer, where
 *                 10 million instructions of it took over 10 s.
 *   instructions  a count hook adds up VM instructions and raises an error
 *                 past LESSON_INSTRUCTION_LIMIT.
 *   time          the same hook raises an error once the script has used
 *                 LESSON_CPU_LIMIT_S of CPU time (its thread's, so a busy
 *                 machine slows it down but does not make it fail).
 *                 pcall and xpcall are gone, so the script cannot catch
 *                 these errors and go on (load, which catches errors of its
 *                 reader function, gets them again: once raised, an error is
 *                 raised again at every instruction, and the allocator
 *                 refuses everything past its limit).  Finalizers still run
 *                 when the state closes.
 *   finalizers    Lua runs __gc metamethods with hooks off, so a looping one
 *                 would never be stopped: setmetatable refuses __gc.
 *   C functions   the hook cannot interrupt a single library call.  The
 *                 pattern matchers (find, match, gmatch, gsub), whose
 *                 backtracking can take hours, are removed and string.rep
 *                 is bounded, but many other calls (table.move over a huge
 *                 range, utf8.len of a long string in a loop, ...) can run
 *                 for minutes: lesson_load therefore runs the sandbox in a
 *                 child process under CPU and wall-clock limits first.
 * A line hook keeps *line on the line last run: memory errors carry no
 * position of their own, and a child killed for its time names that line.
 */
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "lesson.h"

/* Chunk name for the script; messages carry it as "lesson:LINE:", which
 * sandbox_report rewrites to the real path (Lua would shorten a long one). */
#define CHUNK "lesson"
#define HOOK_EVERY 1000                 /* instructions between count hooks */
#define REP_LIMIT (1 << 20)             /* bytes string.rep may make */

static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    Sandbox *sandbox = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sandbox->used -= old;
        return NULL;
    }
    if (nsize > old && (sandbox->used - old + nsize > LESSON_MEMORY_LIMIT ||
                        ++sandbox->allocations > LESSON_ALLOCATION_LIMIT))
        return NULL;
    void *grown = realloc(ptr, nsize);
    if (grown)
        sandbox->used = sandbox->used - old + nsize;
    return grown;
}

static Sandbox *sandbox_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

/* CPU time this thread has used, in milliseconds. */
static long thread_cpu_ms(void)
{
    struct timespec used;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &used);
    return (long)used.tv_sec * 1000 + used.tv_nsec / 1000000;
}

static void sandbox_hook(lua_State *L, lua_Debug *ar)
{
    Sandbox *sandbox = sandbox_of(L);
    if (ar->event == LUA_HOOKLINE) {
        *sandbox->line = ar->currentline;
        return;
    }
    sandbox->instructions += HOOK_EVERY;
    bool too_many = sandbox->instructions > LESSON_INSTRUCTION_LIMIT;
    if (!too_many && thread_cpu_ms() - sandbox->cpu_start < LESSON_CPU_LIMIT_S * 1000L)
        return;
    lua_sethook(L, sandbox_hook, LUA_MASKCOUNT | LUA_MASKLINE, 1);
    lua_getinfo(L, "l", ar);
    int line = ar->currentline > 0 ? ar->currentline : *sandbox->line;
    if (too_many)
        lua_pushfstring(L, CHUNK ":%d: lesson ran too long (over %d million instructions): "
                        "does a loop never end?", line,
                        (int)(LESSON_INSTRUCTION_LIMIT / 1000000));
    else
        lua_pushfstring(L, CHUNK ":%d: " SANDBOX_TOO_LONG, line, LESSON_CPU_LIMIT_S,
                        LESSON_TIME_LIMIT_MS);
    lua_error(L);
}

/* load, but for text only (a binary chunk could crash the VM). */
static int sandbox_load(lua_State *L)
{
    int nargs = lua_gettop(L) >= 4 ? 4 : 3;
    luaL_checkany(L, 1);
    lua_settop(L, nargs);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, nargs, LUA_MULTRET);
    return lua_gettop(L);
}

/* string.rep, but never a result over REP_LIMIT bytes (nor a count that
 * would loop for ages making an empty one). */
static int sandbox_rep(lua_State *L)
{
    size_t len, seplen = 0;
    luaL_checklstring(L, 1, &len);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &seplen);
    if (n > REP_LIMIT || (n > 0 && (double)(len + seplen) * (double)n > REP_LIMIT))
        return luaL_error(L, "string.rep: result too large for a lesson (limit %d bytes)",
                          REP_LIMIT);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* setmetatable, but without finalizers (see the top of the file). */
static int sandbox_setmetatable(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc (finalizers) cannot be used in lessons");
        lua_pop(L, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static void remove_field(lua_State *L, const char *table, const char *name)
{
    lua_getglobal(L, table);
    lua_pushnil(L);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

static void wrap_field(lua_State *L, const char *table, const char *name, lua_CFunction wrapper)
{
    lua_getglobal(L, table);
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, wrapper, 1);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

static int open_libraries(lua_State *L)
{
    static const luaL_Reg libraries[] = {
        { LUA_GNAME, luaopen_base },
        { LUA_STRLIBNAME, luaopen_string },
        { LUA_TABLIBNAME, luaopen_table },
        { LUA_MATHLIBNAME, luaopen_math },
        { LUA_UTF8LIBNAME, luaopen_utf8 },
    };
    for (size_t i = 0; i < sizeof libraries / sizeof libraries[0]; i++) {
        luaL_requiref(L, libraries[i].name, libraries[i].func, 1);
        lua_pop(L, 1);
    }
    static const char *const banned[] = {
        "dofile", "loadfile", "print", "collectgarbage", "pcall", "xpcall", "warn",
    };
    for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++) {
        lua_pushnil(L);
        lua_setglobal(L, banned[i]);
    }
    static const char *const banned_string[] = { "dump", "find", "match", "gmatch", "gsub" };
    for (size_t i = 0; i < sizeof banned_string / sizeof banned_string[0]; i++)
        remove_field(L, LUA_STRLIBNAME, banned_string[i]);
    wrap_field(L, LUA_GNAME, "load", sandbox_load);
    wrap_field(L, LUA_GNAME, "setmetatable", sandbox_setmetatable);
    wrap_field(L, LUA_STRLIBNAME, "rep", sandbox_rep);
    /* The same lesson draws the same random numbers on every run. */
    lua_getglobal(L, LUA_MATHLIBNAME);
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, 0);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
    return 0;
}

bool sandbox_open(Sandbox *sandbox, const char *path, volatile int *line, DescentError *err)
{
    *sandbox = (Sandbox){ .path = path, .line = line };
    *line = 0;
    sandbox->cpu_start = thread_cpu_ms();
    sandbox->L = lua_newstate(sandbox_alloc, sandbox);
    if (!sandbox->L)
        return error_set(err, "%s:1: out of memory starting the lesson sandbox", path);
    lua_pushcfunction(sandbox->L, open_libraries);
    if (lua_pcall(sandbox->L, 0, 0, 0) != LUA_OK) {
        sandbox_close(sandbox);
        return error_set(err, "%s:1: out of memory starting the lesson sandbox", path);
    }
    lua_sethook(sandbox->L, sandbox_hook, LUA_MASKCOUNT | LUA_MASKLINE, HOOK_EVERY);
    return true;
}

/* Length of a leading "lesson:LINE: " and the LINE in it; 0 when absent. */
static size_t position_prefix(const char *message, int *line)
{
    size_t chunk = strlen(CHUNK);
    if (strncmp(message, CHUNK ":", chunk + 1) != 0)
        return 0;
    char *end;
    long n = strtol(message + chunk + 1, &end, 10);
    if (end == message + chunk + 1 || end[0] != ':' || n <= 0 || n > 1000000000)
        return 0;
    *line = (int)n;
    return (size_t)(end - message) + (end[1] == ' ' ? 2 : 1);
}

/* The message handler: gives every error the line of the script it came
 * from, when Lua did not already. */
static int sandbox_message(lua_State *L)
{
    const char *message = lua_tostring(L, 1);
    if (!message)
        message = lua_pushfstring(L, "error object is a %s value", luaL_typename(L, 1));
    int line;
    if (position_prefix(message, &line))
        return 1;
    line = *sandbox_of(L)->line;
    lua_Debug ar;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (strcmp(ar.source, "=" CHUNK) == 0 && ar.currentline > 0) {
            line = ar.currentline;
            break;
        }
    }
    lua_pushfstring(L, CHUNK ":%d: %s", line, message);
    return 1;
}

/* Fills err with "PATH:LINE: message" from a Lua message, on one line
 * whatever the script put in its message. */
static bool sandbox_report(const Sandbox *sandbox, const char *message, DescentError *err)
{
    int line = *sandbox->line > 0 ? *sandbox->line : 1;
    size_t skip = message ? position_prefix(message, &line) : 0;
    error_set(err, "%s:%d: %s", sandbox->path, line,
              message ? message + skip : "error without a message");
    for (char *c = err ? err->message : NULL; c && *c; c++)
        if ((unsigned char)*c < 0x20)
            *c = ' ';
    return false;
}

bool sandbox_run(Sandbox *sandbox, const char *text, size_t size, DescentError *err)
{
    if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        size -= 3;
    }
    if (size > 0 && text[0] == LUA_SIGNATURE[0])
        return error_set(err, "%s:1: this is a compiled (binary) Lua chunk; lessons must be "
                         "Lua source text", sandbox->path);
    lua_State *L = sandbox->L;
    lua_pushcfunction(L, sandbox_message);
    int status = luaL_loadbufferx(L, text, size, "=" CHUNK, "t");
    if (status == LUA_OK)
        status = lua_pcall(L, 0, 0, -2);
    if (status == LUA_OK) {
        lua_pop(L, 1);
        return true;
    }
    int line = *sandbox->line > 0 ? *sandbox->line : 1;
    if (sandbox->allocations > LESSON_ALLOCATION_LIMIT)
        return error_set(err, "%s:%d: the lesson allocated too often (over %d blocks of "
                         "memory): does a loop or a recursion never end?", sandbox->path, line,
                         LESSON_ALLOCATION_LIMIT);
    if (status == LUA_ERRMEM)
        return error_set(err, "%s:%d: the lesson used too much memory (limit %u MB)",
                         sandbox->path, line, LESSON_MEMORY_LIMIT >> 20);
    return sandbox_report(sandbox, lua_tostring(L, -1), err);
}

void sandbox_close(Sandbox *sandbox)
{
    if (sandbox->L)
        lua_close(sandbox->L);
    sandbox->L = NULL;
}
