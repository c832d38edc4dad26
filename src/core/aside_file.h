/*
 * aside_file.h — files written under a hidden name beside their final one,
 * then renamed into place, so nothing under the final name is ever half
 * written (recordings, PNGs, screenshots).
 *
 * An aside is named DIR/.descent-PID-RANDOM.TAG: unique (random, and
 * created with O_CREAT | O_EXCL | O_NOFOLLOW, so a file or symlink planted
 * under that name is never opened, let alone followed; another name is
 * tried), and recognisable: when a process dies before it can clean up
 * (SIGKILL, a power cut), a later aside_sweep of the same folder removes
 * what it left, knowing it from its PID that no longer runs.
 */
#ifndef DESCENT_CORE_ASIDE_FILE_H
#define DESCENT_CORE_ASIDE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* How every aside's name starts. */
#define ASIDE_PREFIX ".descent-"

/* Creates a new, empty aside file for path (mode 0666 less the umask),
 * open for writing; its name goes to dest.  Returns the descriptor (the
 * caller closes it), or -1 with err set: the name too long for size, the
 * folder missing or not writable (the system's reason, naming path). */
int aside_create(const char *path, const char *tag, char *dest, size_t size,
                 DescentError *err);

/* Writes a text file whole or not at all: write(out, context, err) fills
 * an aside stream, which is renamed to path when write returned true and
 * every byte reached the disk; otherwise the aside is removed and false
 * returned with err set (write's reason, or "PATH: cannot write"). */
bool aside_save(const char *path, const char *tag,
                bool (*write)(FILE *out, const void *context, DescentError *err),
                const void *context, DescentError *err);

/* Creates a new, empty aside folder for path (mode 0777 less the umask),
 * its name in dest.  Errors as aside_create. */
bool aside_create_folder(const char *path, const char *tag, char *dest, size_t size,
                         DescentError *err);

/* Removes the asides in the folder path is in that their processes left
 * behind: files, and folders with the files in them.  Best effort: what
 * cannot be removed stays. */
void aside_sweep(const char *path);

/* Removes an aside folder and the files in it (not sub-folders). */
void aside_remove_folder(const char *folder);

#endif
