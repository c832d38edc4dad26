/*
 * since_start.h — wall time since the calling process started, for the
 * start-up benchmarks (bench_startup and its floor, bench_memory_floor).
 */
#ifndef DESCENT_BENCH_SINCE_START_H
#define DESCENT_BENCH_SINCE_START_H

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static inline double clock_seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Seconds since the process started (the kernel's count, in clock ticks). */
static inline double since_start(void)
{
    FILE *f = fopen("/proc/self/stat", "r");
    char buf[1024];
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')');
    unsigned long long ticks = 0;
    /* starttime is the 22nd field; the 2nd (the name) ends at the last ')'. */
    for (int field = 2; p && *p && field < 22; p++)
        if (*p == ' ')
            field++;
    if (!p || sscanf(p, "%llu", &ticks) != 1)
        return 0.0;
    return clock_seconds(CLOCK_BOOTTIME) - (double)ticks / (double)sysconf(_SC_CLK_TCK);
}

#endif
