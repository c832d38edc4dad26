/*
 * progress.h — a one-line progress bar with frames done and the time
 * left, redrawn in place on stderr (only when it is a terminal: the caller
 * decides, usually isatty(STDERR_FILENO)).
 *
 *   recording out.mp4 [##########..........]  150/300 frames  ETA 0:07
 */
#ifndef DESCENT_RECORD_PROGRESS_H
#define DESCENT_RECORD_PROGRESS_H

#include <stdbool.h>

typedef struct Progress {
    bool enabled;
    const char *label;  /* borrowed */
    long total;
    double started;     /* monotonic seconds */
    double drawn;       /* when the bar was last drawn */
} Progress;

/* Starts a bar for total units; a disabled one draws nothing. */
void progress_start(Progress *progress, const char *label, long total, bool enabled);

/* Shows done of total (at most ten redraws a second, and always the last). */
void progress_update(Progress *progress, long done);

/* Ends the bar's line. */
void progress_finish(Progress *progress);

#endif
