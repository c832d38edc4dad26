/* progress.c — see progress.h. */
#include "progress.h"

#include <stdio.h>
#include <time.h>

#include "scene/i18n.h"

#define BAR_WIDTH 24
#define REDRAW_INTERVAL 0.1

static double monotonic_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void progress_start_after(Progress *progress, const char *label, const char *unit, long total,
                          double delay, bool enabled)
{
    *progress = (Progress){.enabled = enabled && total > 0, .label = label, .unit = unit,
                           .delay = delay, .total = total};
    progress->started = monotonic_seconds();
    progress->drawn = progress->started - REDRAW_INTERVAL;
}

void progress_start(Progress *progress, const char *label, long total, bool enabled)
{
    progress_start_after(progress, label, _("frames"), total, 0.0, enabled);
}

void progress_update(Progress *progress, long done)
{
    if (!progress->enabled)
        return;
    double now = monotonic_seconds();
    if (now - progress->started < progress->delay ||
        (done < progress->total && now - progress->drawn < REDRAW_INTERVAL))
        return;
    progress->drawn = now;
    char bar[BAR_WIDTH + 1];
    long filled = done * BAR_WIDTH / progress->total;
    for (long i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[BAR_WIDTH] = '\0';
    char eta[32] = "";
    if (done > 0 && done < progress->total) {
        long left = (long)((now - progress->started) * (double)(progress->total - done) /
                           (double)done + 0.5);
        snprintf(eta, sizeof eta, _("  ETA %ld:%02ld"), left / 60, left % 60);
    }
    /* \033[K clears what a longer previous line left behind. */
    fprintf(stderr, "\r%s [%s] %*ld/%ld %s%s\033[K", progress->label, bar,
            snprintf(NULL, 0, "%ld", progress->total), done, progress->total, progress->unit, eta);
    fflush(stderr);
}

void progress_finish(Progress *progress)
{
    if (!progress->enabled || progress->drawn < progress->started)
        return;
    fputc('\n', stderr);
    progress->enabled = false;
}
