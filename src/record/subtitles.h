/*
 * subtitles.h — a recorded lesson's captions as SubRip (SRT) subtitles,
 * timed by the frames each caption is on screen.
 *
 * A cue covers frames first .. end - 1 of a video at fps: it shows from
 * first / fps to end / fps seconds (frame k is on screen from k / fps until
 * the next frame), written to the millisecond, rounded to the nearest.  The
 * file is UTF-8 without a byte-order mark, cues numbered from 1, lines
 * ended with CRLF as the SubRip format has them.  A caption's line breaks
 * are kept; blank lines inside it (which would end the cue) are dropped.
 */
#ifndef DESCENT_RECORD_SUBTITLES_H
#define DESCENT_RECORD_SUBTITLES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

typedef struct SubtitleCue {
    long first, end;      /* frames: shown from first, gone at end (> first) */
    const char *text;     /* UTF-8, borrowed; not empty */
} SubtitleCue;

/* Writes the cues to path (replacing it).  Errors: the file cannot be
 * written (the system's reason, naming name: the file path becomes; what
 * was written is removed). */
bool subtitles_write_srt(const char *path, const char *name, const SubtitleCue *cues,
                         size_t count, int fps, DescentError *err);

#endif
