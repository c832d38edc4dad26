/* ffmpeg.c — see ffmpeg.h. */
#define _GNU_SOURCE /* F_SETPIPE_SZ, vmsplice */
#include "ffmpeg.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define PIPE_BYTES (1 << 20)

/* Bytes of the child's standard error searched for its last line. */
#define STDERR_TAIL 2048

struct FfmpegProcess {
    pid_t pid;
    int input;      /* write end of the child's standard input */
    size_t capacity; /* bytes the pipe holds; 0 when unknown */
    FILE *errors;   /* the child's standard error (an unlinked file) */
};

bool ffmpeg_find(char *dest, size_t size, DescentError *err)
{
    const char *path = getenv("PATH");
    for (const char *dir = path ? path : ""; *dir;) {
        size_t len = strcspn(dir, ":");
        /* An empty entry means the current directory, as for the shell. */
        int n = len == 0 ? snprintf(dest, size, "./ffmpeg")
                         : snprintf(dest, size, "%.*s/ffmpeg", (int)len, dir);
        if (n > 0 && (size_t)n < size && access(dest, X_OK) == 0)
            return true;
        dir += len + (dir[len] == ':');
    }
    return error_set(err, "ffmpeg not found on PATH (install ffmpeg)");
}

/* The child's file set-up: input on 0, /dev/null on 1, errors on 2, and
 * SIGPIPE back to its default whatever the parent does with it. */
static int spawn(pid_t *pid, const char *program, const char *const argv[], int input,
                 int errors)
{
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    sigset_t defaults, none;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigemptyset(&none);
    int rc = posix_spawn_file_actions_init(&actions);
    if (rc != 0)
        return rc;
    rc = posix_spawnattr_init(&attr);
    if (rc != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return rc;
    }
    if ((rc = posix_spawn_file_actions_adddup2(&actions, input, STDIN_FILENO)) == 0 &&
        (rc = posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY,
                                               0)) == 0 &&
        (rc = posix_spawn_file_actions_adddup2(&actions, errors, STDERR_FILENO)) == 0 &&
        (rc = posix_spawnattr_setsigdefault(&attr, &defaults)) == 0 &&
        (rc = posix_spawnattr_setsigmask(&attr, &none)) == 0 &&
        (rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)) ==
            0)
        /* posix_spawn promises not to modify argv; its type predates const. */
        rc = posix_spawn(pid, program, &actions, &attr, (char *const *)argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    return rc;
}

FfmpegProcess *ffmpeg_start(const char *program, const char *const argv[], DescentError *err)
{
    FfmpegProcess *process = calloc(1, sizeof *process);
    if (!process) {
        error_set(err, "out of memory starting %s", program);
        return NULL;
    }
    int fds[2];
    process->errors = tmpfile();
    if (!process->errors || fcntl(fileno(process->errors), F_SETFD, FD_CLOEXEC) != 0) {
        error_set(err, "cannot make a temporary file for %s's messages: %s", program,
                  strerror(errno));
        goto fail;
    }
    if (pipe(fds) != 0) {
        error_set(err, "cannot make a pipe to %s: %s", program, strerror(errno));
        goto fail;
    }
    /* Only the child's copy of its input end may stay open in it. */
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    /* A frame is megabytes: a larger pipe (where Linux allows) means far
     * fewer wake-ups of ffmpeg and of the writer per frame. */
#ifdef F_SETPIPE_SZ
    fcntl(fds[1], F_SETPIPE_SZ, PIPE_BYTES);
    int capacity = fcntl(fds[1], F_GETPIPE_SZ);
    process->capacity = capacity > 0 ? (size_t)capacity : 0;
#endif
    int rc = spawn(&process->pid, program, argv, fds[0], fileno(process->errors));
    close(fds[0]);
    process->input = fds[1];
    if (rc != 0) {
        close(process->input);
        error_set(err, "cannot start %s: %s", program, strerror(rc));
        goto fail;
    }
    return process;

fail:
    if (process->errors)
        fclose(process->errors);
    free(process);
    return NULL;
}

bool ffmpeg_write(FfmpegProcess *process, const void *data, size_t size, DescentError *err)
{
    const char *p = data;
    while (size > 0) {
        ssize_t n = write(process->input, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return error_set(err, "writing frames to ffmpeg: %s", strerror(errno));
        p += n;
        size -= (size_t)n;
    }
    return true;
}

size_t ffmpeg_splice_min(const FfmpegProcess *process)
{
    return process->capacity ? process->capacity : SIZE_MAX;
}

bool ffmpeg_splice(FfmpegProcess *process, const void *data, size_t size, DescentError *err)
{
    struct iovec left = {(void *)(uintptr_t)data, size};
    while (left.iov_len > 0) {
        ssize_t n = vmsplice(process->input, &left, 1, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return error_set(err, "writing frames to ffmpeg: %s", strerror(errno));
        left.iov_base = (char *)left.iov_base + n;
        left.iov_len -= (size_t)n;
    }
    return true;
}

/* The last non-empty line of the child's standard error, control
 * characters dropped, into dest ("" when it wrote nothing). */
static void last_error_line(FILE *errors, char *dest, size_t size)
{
    char tail[STDERR_TAIL + 1];
    dest[0] = '\0';
    if (fseek(errors, 0, SEEK_END) != 0)
        return;
    long end = ftell(errors);
    long start = end > STDERR_TAIL ? end - STDERR_TAIL : 0;
    if (end <= 0 || fseek(errors, start, SEEK_SET) != 0)
        return;
    size_t n = fread(tail, 1, (size_t)(end - start), errors);
    while (n > 0 && (tail[n - 1] == '\n' || tail[n - 1] == '\r' || tail[n - 1] == ' '))
        n--;
    tail[n] = '\0';
    const char *line = tail + n;
    while (line > tail && line[-1] != '\n' && line[-1] != '\r')
        line--;
    size_t used = 0;
    for (; *line && used + 1 < size; line++)
        if ((unsigned char)*line >= ' ')
            dest[used++] = *line;
    dest[used] = '\0';
}

/* Waits for the child, retrying when a signal interrupts; its status. */
static int wait_child(pid_t pid)
{
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        continue;
    return status;
}

bool ffmpeg_finish(FfmpegProcess *process, DescentError *err)
{
    close(process->input);
    int status = wait_child(process->pid);
    char line[300];
    last_error_line(process->errors, line, sizeof line);
    fclose(process->errors);
    free(process);
    const char *sep = line[0] ? ": " : "";
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !line[0])
        return true;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return error_set(err, "ffmpeg failed: %s", line);
    if (WIFSIGNALED(status))
        return error_set(err, "ffmpeg was killed by signal %d (%s)%s%s", WTERMSIG(status),
                         strsignal(WTERMSIG(status)), sep, line);
    return error_set(err, "ffmpeg failed (exit status %d)%s%s", WEXITSTATUS(status), sep, line);
}

void ffmpeg_stop(FfmpegProcess *process)
{
    kill(process->pid, SIGKILL);
}

void ffmpeg_kill(FfmpegProcess *process)
{
    if (!process)
        return;
    close(process->input);
    kill(process->pid, SIGKILL);
    wait_child(process->pid);
    fclose(process->errors);
    free(process);
}
