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
    const char *unit;   /* borrowed: "frames" */
    double delay;       /* seconds before the bar first shows */
    long total;
    double started;     /* monotonic seconds */
    double drawn;       /* when the bar was last drawn */
} Progress;

/* Starts a bar for total frames; a disabled one draws nothing. */
void progress_start(Progress *progress, const char *label, long total, bool enabled);
/* Starts a bar for total of unit ("%") that first shows after delay
 * seconds, so work that ends sooner leaves the terminal as it was. */
void progress_start_after(Progress *progress, const char *label, const char *unit, long total,
                          double delay, bool enabled);

/* Shows done of total (at most ten redraws a second, and always the last). */
void progress_update(Progress *progress, long done);

/* Ends the bar's line. */
void progress_finish(Progress *progress);

#endif
