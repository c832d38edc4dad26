/*
 * resident.h — the calling process's resident memory, for the benchmarks
 * that print it (bench_soak, bench_memory_floor).
 */
#ifndef DESCENT_BENCH_RESIDENT_H
#define DESCENT_BENCH_RESIDENT_H

#include <stdio.h>
#include <unistd.h>

/* Resident set size in bytes, or 0 when /proc is not there. */
static inline double resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0.0;
    unsigned long size = 0, resident = 0;
    int got = fscanf(f, "%lu %lu", &size, &resident);
    fclose(f);
    return got == 2 ? (double)resident * (double)sysconf(_SC_PAGESIZE) : 0.0;
}

#endif
