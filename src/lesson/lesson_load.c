/*
 * lesson_load.c — lesson_load and its start / poll / finish form: the file
 * is read once, then evaluated in a child process under CPU, memory and
 * wall-clock limits, which hands back the Lesson it made.
 *
 * Why a child: the sandbox's hook counts instructions and time, but it
 * cannot interrupt one C library call (table.move over 2^63 slots stays
 * inside a single call for ever).  Only another process can be stopped at
 * any point.  The child answers through a pipe: "Y" and the Lesson as
 * bytes (lesson_wire.h says why the parent does not evaluate the script
 * again), or "N" and the error.  The line the child runs is kept in a page
 * shared with the parent, so a child stopped for its time still names the
 * line it was on.
 *
 * The child touches nothing the parent holds (no window, no GL, no files
 * but its pipe) and leaves with _exit, so no atexit handler of the parent
 * runs twice.
 *
 * Threads.  A child forked from a process with threads has only the thread
 * that forked, and a lock another thread held at that moment stays held in
 * it for ever: POSIX lets such a child call only async-signal-safe
 * functions, and this one runs Lua, which allocates.  Two things make it
 * safe.  glibc's fork takes malloc's and stdio's own locks across the fork,
 * so those are free in the child.  And the caller holds its own threads
 * that allocate at rest across lesson_load_start (and lesson_load): in the
 * window and the recorder, that is an experiment measured beside the stage,
 * which scene/lesson_player.c holds (scene/experiment_live.h's
 * experiment_live_hold) for every load and reload.  The sanitizers need
 * that hold: their allocator is not glibc's malloc, and a child forked
 * while the experiment's thread ran hung in it until the load's time limit
 * (2 runs in 5 of the ASan suite).  tests/test_scene.c's
 * test_reload_while_measuring loads and reloads again and again while one
 * measures and checks, at each fork, that its thread is held.  Not held:
 * the libraries' threads (Mesa's, SDL's), idle between the frames where
 * loads happen, and a window recording's frame writer (record/frame_sink.h),
 * which may be writing a frame; safe with glibc, not proven under the
 * sanitizers.  The other cure, a child that does only async-signal-safe
 * work and execs a loader program, would need that program installed
 * beside every program that loads lessons, the tests included.
 */
#define _GNU_SOURCE /* close_range */
#include "lesson.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lesson_wire.h"
#include "sandbox.h"

/* Address space the child may map beyond what it inherits: the script's
 * LESSON_MEMORY_LIMIT and the core's datasets (a million samples is some
 * 40 MB) with room to spare, also for a sanitizer's allocator. */
#define CHILD_HEADROOM ((rlim_t)1 << 30)
/* Bytes of a child's answer: a Lesson holds at most 4 MB of text (lesson.c's
 * COPY_BUDGET) and far less of anything else. */
#define ANSWER_LIMIT (16u << 20)

struct LessonLoad {
    char *path;                 /* owned; as given */
    char lang[8];
    char *reserved_keys;        /* owned copy, or NULL: keys steps may not bind */
    char *text;                 /* owned; the file's bytes, read once */
    size_t size;
    bool done;                  /* the child's verdict is in */
    bool ok;                    /* it loads (else err says why) */
    DescentError err;
    pid_t child;                /* 0 when none is running */
    int pipe;                   /* read end of the child's answer, or -1 */
    volatile int *line;         /* shared page: the line the child runs */
    char *answer;               /* owned; "Y" and the Lesson, or "N" and the error */
    size_t answer_len, answer_capacity;
    struct timespec started;    /* CLOCK_MONOTONIC */
};

/* Reads the lesson file, which must be a regular file (a FIFO or a device
 * would block or never end), of at most LESSON_FILE_LIMIT bytes. */
static bool read_source(LessonLoad *load)
{
    const char *path = load->path;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return error_set(&load->err, "%s:1: cannot read the lesson: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return error_set(&load->err, "%s:1: cannot read the lesson: not a regular file", path);
    }
    load->text = malloc(LESSON_FILE_LIMIT + 1);
    size_t got = 0;
    ssize_t n = 1;
    while (load->text && got <= LESSON_FILE_LIMIT &&
           ((n = read(fd, load->text + got, LESSON_FILE_LIMIT + 1 - got)) > 0 ||
            (n < 0 && errno == EINTR)))
        got += n > 0 ? (size_t)n : 0;
    close(fd);
    if (!load->text || n < 0)
        return error_set(&load->err, "%s:1: cannot read the lesson%s", path,
                         load->text ? "" : ": out of memory");
    if (got > LESSON_FILE_LIMIT)
        return error_set(&load->err, "%s:1: the lesson is larger than %u bytes", path,
                         LESSON_FILE_LIMIT);
    load->size = got;
    return true;
}

/* Lowers a resource limit to at most value (never raises it). */
static void lower_limit(int resource, rlim_t soft, rlim_t hard)
{
    struct rlimit now;
    if (getrlimit(resource, &now) != 0)
        return;
    struct rlimit lowered = {
        now.rlim_cur == RLIM_INFINITY || now.rlim_cur > soft ? soft : now.rlim_cur,
        now.rlim_max == RLIM_INFINITY || now.rlim_max > hard ? hard : now.rlim_max,
    };
    if (lowered.rlim_cur > lowered.rlim_max)
        lowered.rlim_cur = lowered.rlim_max;
    setrlimit(resource, &lowered);
}

/* The child's limits: CPU time (SIGXCPU at the soft limit, SIGKILL one
 * second later), no core file, and address space relative to what the
 * process already maps (a sanitizer reserves terabytes up front). */
static void limit_child(void)
{
    lower_limit(RLIMIT_CPU, LESSON_CPU_LIMIT_S, LESSON_CPU_LIMIT_S + 1);
    lower_limit(RLIMIT_CORE, 0, 0);
    FILE *statm = fopen("/proc/self/statm", "r");
    unsigned long pages;
    if (statm && fscanf(statm, "%lu", &pages) == 1) {
        rlim_t mapped = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
        lower_limit(RLIMIT_AS, mapped + CHILD_HEADROOM, mapped + CHILD_HEADROOM);
    }
    if (statm)
        fclose(statm);
}

/* Writes all of bytes, or as much as the reader takes. */
static bool write_all(int fd, const char *bytes, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, bytes, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes += n;
        size -= (size_t)n;
    }
    return true;
}

/* Closes every descriptor but out: a copy of one the parent uses (the
 * write end of ffmpeg's input, say) would keep it open while the child
 * runs.  close_range does it in two calls; one close() per possible
 * descriptor (tens of thousands) was most of a good lesson's check, some
 * 20 ms of CPU, which a busy machine stretches to a second.  The loop is
 * for kernels older than close_range (Linux 5.9). */
static void close_others(int out)
{
    if (out >= 3 && (out == 3 || close_range(3, (unsigned)out - 1, 0) == 0) &&
        close_range((unsigned)out + 1, ~0u, 0) == 0)
        return;
    long open_max = sysconf(_SC_OPEN_MAX);
    int last = open_max > 0 && open_max < 65536 ? (int)open_max : 65536;
    for (int fd = 3; fd < last; fd++)
        if (fd != out)
            close(fd);
}

static _Noreturn void run_child(const LessonLoad *load, int out)
{
    signal(SIGXCPU, SIG_DFL);
    close_others(out);
    limit_child();
    Lesson lesson;
    DescentError err = { "" };
    bool ok = lesson_evaluate(load->path, load->text, load->size, load->lang,
                              load->reserved_keys, load->line, &lesson, &err);
    char *bytes = NULL;
    size_t size = 0;
    if (ok && !lesson_encode(&lesson, &bytes, &size)) {
        ok = false;
        error_set(&err, "%s:1: out of memory", load->path);
    }
    if (ok)
        lesson_free(&lesson);
    bool written = ok ? write_all(out, "Y", 1) && write_all(out, bytes, size)
                      : write_all(out, "N", 1) && write_all(out, err.message,
                                                            strlen(err.message));
    _exit(written ? 0 : 1);
}

static bool start_child(LessonLoad *load)
{
    int fds[2];
    if (pipe(fds) != 0)
        return error_set(&load->err, "%s:1: cannot check the lesson: pipe: %s", load->path,
                         strerror(errno));
    /* Not inherited by programs the parent starts later (ffmpeg), whose
     * copy of the write end would keep the pipe open. */
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    void *page = mmap(NULL, sizeof *load->line, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    load->line = page == MAP_FAILED ? NULL : page;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        run_child(load, fds[1]);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return error_set(&load->err, "%s:1: cannot check the lesson: fork: %s", load->path,
                         strerror(errno));
    }
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    load->child = pid;
    load->pipe = fds[0];
    return true;
}

LessonLoad *lesson_load_start(const char *path, const char *lang, const char *reserved_keys)
{
    LessonLoad *load = calloc(1, sizeof *load);
    if (!load)
        return NULL;
    load->pipe = -1;
    load->path = strdup(path);
    load->reserved_keys = reserved_keys ? strdup(reserved_keys) : NULL;
    if (!load->path || (reserved_keys && !load->reserved_keys)) {
        free(load->path);
        free(load->reserved_keys);
        free(load);
        return NULL;
    }
    snprintf(load->lang, sizeof load->lang, "%s", lang ? lang : lesson_default_lang());
    clock_gettime(CLOCK_MONOTONIC, &load->started);
    load->done = !read_source(load) || !start_child(load);
    return load;
}

static int last_line(const LessonLoad *load)
{
    return load->line && *load->line > 0 ? *load->line : 1;
}

/* Waits for the child to end (it has, or has been killed) and takes its
 * verdict: its answer when it gave one and ended well, else how it ended. */
static void reap(LessonLoad *load)
{
    int status = 0;
    pid_t got;
    while ((got = waitpid(load->child, &status, 0)) < 0 && errno == EINTR)
        continue;
    load->child = 0;
    close(load->pipe);
    load->pipe = -1;
    load->done = true;
    bool exited = got <= 0 || (WIFEXITED(status) && WEXITSTATUS(status) == 0);
    if (load->answer_len > 0 && load->answer[0] == 'Y' && exited) {
        load->ok = true;
    } else if (load->answer_len > 0 && load->answer[0] == 'N') {
        snprintf(load->err.message, sizeof load->err.message, "%.*s",
                 (int)(load->answer_len - 1), load->answer + 1);
    } else if (got > 0 && WIFSIGNALED(status) &&
               (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGKILL)) {
        error_set(&load->err, "%s:%d: " SANDBOX_TOO_LONG, load->path, last_line(load),
                  LESSON_CPU_LIMIT_S, LESSON_TIME_LIMIT_MS);
    } else {
        error_set(&load->err, "%s:%d: the lesson stopped its check without an answer "
                  "(%s %d)", load->path, last_line(load),
                  got > 0 && WIFSIGNALED(status) ? "signal" : "exit status",
                  got > 0 && WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    }
}

/* Stops the child for its time. */
static void stop_child(LessonLoad *load)
{
    kill(load->child, SIGKILL);
    reap(load);
    load->ok = false;
    error_set(&load->err, "%s:%d: " SANDBOX_TOO_LONG, load->path, last_line(load),
              LESSON_CPU_LIMIT_S, LESSON_TIME_LIMIT_MS);
}

/* Reads what the child has written so far; reaps it at the end. */
static void read_answer(LessonLoad *load)
{
    while (!load->done) {
        if (load->answer_len == load->answer_capacity) {
            size_t capacity = load->answer_capacity ? 2 * load->answer_capacity : 65536;
            char *grown = capacity <= ANSWER_LIMIT ? realloc(load->answer, capacity) : NULL;
            if (!grown) {
                kill(load->child, SIGKILL);
                reap(load);
                load->ok = false;
                error_set(&load->err, "%s:1: the lesson's answer is too large or out of memory",
                          load->path);
                return;
            }
            load->answer = grown;
            load->answer_capacity = capacity;
        }
        ssize_t got = read(load->pipe, load->answer + load->answer_len,
                           load->answer_capacity - load->answer_len);
        if (got > 0)
            load->answer_len += (size_t)got;
        else if (got < 0 && errno == EINTR)
            continue;
        else if (got < 0 && errno == EAGAIN)
            return;
        else
            reap(load);
    }
}

static long ms_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)(now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Waits at most timeout_ms (-1: as long as the limits allow) for the
 * child's answer; kills the child once LESSON_TIME_LIMIT_MS have passed
 * since the load started, however busy the machine: the refusal's time is
 * bounded by the wall clock alone (a child that had a seventh of a core
 * at load 13, killed only after 1 s of its own CPU time, took 3.4-3.9 s
 * to refuse; a good lesson's check needs some 20 ms of CPU, so even that
 * machine runs it well within the limit). */
static void settle(LessonLoad *load, long timeout_ms)
{
    long waited = 0;
    while (!load->done) {
        long elapsed = ms_since(&load->started);
        if (elapsed >= LESSON_TIME_LIMIT_MS) {
            stop_child(load);
            return;
        }
        long wait = LESSON_TIME_LIMIT_MS - elapsed;
        if (timeout_ms >= 0 && timeout_ms - waited < wait)
            wait = timeout_ms - waited;
        struct pollfd ready = { load->pipe, POLLIN, 0 };
        if (poll(&ready, 1, (int)wait) > 0)
            read_answer(load);
        waited += wait;
        if (timeout_ms >= 0 && waited >= timeout_ms)
            return;
    }
}

bool lesson_load_poll(LessonLoad *load)
{
    settle(load, 0);
    return load->done;
}

static void release(LessonLoad *load)
{
    if (load->child > 0) {
        kill(load->child, SIGKILL);
        while (waitpid(load->child, NULL, 0) < 0 && errno == EINTR)
            continue;
    }
    if (load->pipe >= 0)
        close(load->pipe);
    if (load->line)
        munmap((void *)load->line, sizeof *load->line);
    free(load->answer);
    free(load->text);
    free(load->reserved_keys);
    free(load->path);
    free(load);
}

bool lesson_load_finish(LessonLoad *load, Lesson *dest, DescentError *err)
{
    settle(load, -1);
    *dest = (Lesson){ 0 };
    bool ok = load->ok && lesson_decode(load->answer + 1, load->answer_len - 1, dest);
    if (ok) {
        snprintf(dest->lang, sizeof dest->lang, "%s", load->lang);
        dest->path = load->path;
        load->path = NULL;
    } else if (load->ok) {
        error_set(err, "%s:1: the lesson's check gave a broken answer", load->path);
    } else if (err) {
        *err = load->err;
    }
    release(load);
    return ok;
}

void lesson_load_cancel(LessonLoad *load)
{
    release(load);
}

bool lesson_load(const char *path, const char *lang, const char *reserved_keys, Lesson *dest,
                 DescentError *err)
{
    LessonLoad *load = lesson_load_start(path, lang, reserved_keys);
    if (!load) {
        *dest = (Lesson){ 0 };
        return error_set(err, "%s:1: out of memory", path);
    }
    return lesson_load_finish(load, dest, err);
}
