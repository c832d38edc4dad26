/*
 * ffmpeg.h — an ffmpeg child process fed on its standard input.
 *
 * Video is encoded by the ffmpeg program, not by linking its libraries:
 * descent starts it with posix_spawn (no shell), writes raw frames into a
 * pipe on its standard input, and reads its verdict from the exit status.
 * Its standard error goes to an unlinked temporary file, so a chatty
 * ffmpeg can never block on a full pipe, and a failure can quote the last
 * line it wrote.  Its standard output goes to /dev/null.
 *
 * Writing to a child that has died raises SIGPIPE: callers write from a
 * thread that blocks SIGPIPE (or ignore it) and get EPIPE instead.
 */
#ifndef DESCENT_RECORD_FFMPEG_H
#define DESCENT_RECORD_FFMPEG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

typedef struct FfmpegProcess FfmpegProcess;

/* Looks for an executable "ffmpeg" in the directories of $PATH and writes
 * its path to dest.  Errors: none found ("ffmpeg not found on PATH
 * (install ffmpeg)"), a path longer than size. */
bool ffmpeg_find(char *dest, size_t size, DescentError *err);

/* Starts program with the NULL-terminated argv (argv[0] is its name).
 * Errors: no pipe or temporary file, the spawn failing (with the system's
 * reason). */
FfmpegProcess *ffmpeg_start(const char *program, const char *const argv[], DescentError *err);

/* Writes size bytes to the child's standard input, retrying short writes.
 * Errors: the system's reason ("Broken pipe" once the child has gone); the
 * child's own reason comes from ffmpeg_finish. */
bool ffmpeg_write(FfmpegProcess *process, const void *data, size_t size, DescentError *err);

/* Hands size bytes to the child's standard input without copying them into
 * the pipe (vmsplice): the pipe holds references to the caller's pages
 * until the child reads them, so the caller must leave data unchanged
 * until at least ffmpeg_splice_min bytes more have been handed over after
 * it (the pipe holds no more than that), or until ffmpeg_finish.  Errors
 * as ffmpeg_write. */
bool ffmpeg_splice(FfmpegProcess *process, const void *data, size_t size, DescentError *err);
/* The pipe's capacity: a splice of at least this many bytes pushes every
 * earlier byte out of the pipe.  SIZE_MAX when unknown (never splice). */
size_t ffmpeg_splice_min(const FfmpegProcess *process);

/* Closes the child's input (end of stream), waits for it and frees
 * process.  True when it exited with status 0 and wrote nothing to its
 * standard error; else the error says how it ended and quotes the last
 * line it wrote.  Callers run ffmpeg with -loglevel error, so any message
 * is an error: ffmpeg 5.1 exits 0 after failing to write an MP4's trailer
 * to a full disk. */
bool ffmpeg_finish(FfmpegProcess *process, DescentError *err);

/* Kills the child at once, without waiting: a write blocked on its full
 * pipe (in another thread) then fails with EPIPE.  ffmpeg_kill or
 * ffmpeg_finish must still follow. */
void ffmpeg_stop(FfmpegProcess *process);

/* Kills the child, waits for it and frees process (NULL is fine). */
void ffmpeg_kill(FfmpegProcess *process);

#endif
