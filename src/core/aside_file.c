/* aside_file.c — see aside_file.h. */
#define _GNU_SOURCE /* getrandom's header */
#include "aside_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

/* Names tried before giving up when each is taken (planted). */
#define ASIDE_TRIES 32

/* The length of path's folder part, with its slash (0: the current one). */
static size_t folder_length(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path + 1) : 0;
}

/* A fresh candidate name beside path; false when it does not fit. */
static bool aside_name(const char *path, const char *tag, char *dest, size_t size)
{
    unsigned random_part = 0;
    static unsigned counter;
    /* getrandom fails only before the kernel's pool is ready; then the
     * counter still makes each try a new name. */
    if (getrandom(&random_part, sizeof random_part, GRND_NONBLOCK) != sizeof random_part)
        random_part = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
    int n = snprintf(dest, size, "%.*s" ASIDE_PREFIX "%ld-%08x.%s", (int)folder_length(path),
                     path, (long)getpid(), random_part, tag);
    return n > 0 && (size_t)n < size;
}

/* Makes an aside with make (a file or a folder): the result of make, or
 * -1 with err set. */
static int create(const char *path, const char *tag, char *dest, size_t size,
                  int (*make)(const char *name), DescentError *err)
{
    for (int tries = 0; tries < ASIDE_TRIES; tries++) {
        if (!aside_name(path, tag, dest, size)) {
            error_set(err, "cannot write %s: path too long", path);
            return -1;
        }
        int result = make(dest);
        if (result >= 0)
            return result;
        if (errno != EEXIST)
            break;
    }
    error_set(err, "cannot write %s: %s", path, strerror(errno));
    dest[0] = '\0';
    return -1;
}

static int make_file(const char *name)
{
    return open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
}

static int make_folder(const char *name)
{
    return mkdir(name, 0777);
}

int aside_create(const char *path, const char *tag, char *dest, size_t size, DescentError *err)
{
    return create(path, tag, dest, size, make_file, err);
}

bool aside_save(const char *path, const char *tag,
                bool (*write)(FILE *out, const void *context, DescentError *err),
                const void *context, DescentError *err)
{
    char aside[4096];
    int fd = aside_create(path, tag, aside, sizeof aside, err);
    if (fd < 0)
        return false;
    FILE *out = fdopen(fd, "w");
    if (!out) {
        close(fd);
        unlink(aside);
        return error_set(err, "%s: cannot write", path);
    }
    bool ok = write(out, context, err);
    bool written = !ferror(out);
    written = fclose(out) == 0 && written;
    if (ok && (!written || rename(aside, path) != 0)) {
        ok = false;
        error_set(err, "%s: cannot write", path);
    }
    if (!ok)
        unlink(aside);
    return ok;
}

bool aside_create_folder(const char *path, const char *tag, char *dest, size_t size,
                         DescentError *err)
{
    return create(path, tag, dest, size, make_folder, err) == 0;
}

/* Removes the files in the folder name (in the folder open as parent), then
 * the folder; symlinks are removed, never followed. */
static void remove_folder_at(int parent, const char *name)
{
    int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    if (!dir) {
        if (fd >= 0)
            close(fd);
        return;
    }
    for (struct dirent *entry; (entry = readdir(dir));)
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
            unlinkat(fd, entry->d_name, 0);
    closedir(dir);
    unlinkat(parent, name, AT_REMOVEDIR);
}

void aside_remove_folder(const char *folder)
{
    remove_folder_at(AT_FDCWD, folder);
}

/* The PID in an aside's name, 0 when name is not one. */
static long aside_pid(const char *name)
{
    size_t prefix = sizeof ASIDE_PREFIX - 1;
    if (strncmp(name, ASIDE_PREFIX, prefix) != 0)
        return 0;
    char *end;
    long pid = strtol(name + prefix, &end, 10);
    return end != name + prefix && *end == '-' && pid > 0 ? pid : 0;
}

void aside_sweep(const char *path)
{
    char folder[PATH_MAX];
    size_t len = folder_length(path);
    if (len >= sizeof folder)
        return;
    if (len)
        snprintf(folder, sizeof folder, "%.*s", (int)len, path);
    else
        snprintf(folder, sizeof folder, ".");
    int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    if (!dir) {
        if (fd >= 0)
            close(fd);
        return;
    }
    for (struct dirent *entry; (entry = readdir(dir));) {
        long pid = aside_pid(entry->d_name);
        /* EPERM: alive, another user's. */
        if (pid == 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        struct stat st;
        if (fstatat(fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            remove_folder_at(fd, entry->d_name);
        else
            unlinkat(fd, entry->d_name, 0);
    }
    closedir(dir);
}
