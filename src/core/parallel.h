/*
 * parallel.h — runs one function over the index range [0, n) split into
 * contiguous chunks on up to `threads` threads (C11 threads), the calling
 * thread taking the first chunk.  Falls back to the calling thread alone
 * when a thread cannot be started, so it never fails.
 */
#ifndef DESCENT_CORE_PARALLEL_H
#define DESCENT_CORE_PARALLEL_H

#include <stddef.h>

#define PARALLEL_MAX_THREADS 64

/* Called with a half-open range [begin, end) and the caller's context. */
typedef void (*ParallelFn)(void *context, size_t begin, size_t end);

void parallel_for(size_t n, int threads, ParallelFn fn, void *context);

/* The threads parallel_for runs n items on when asked for threads: at
 * least 1, at most PARALLEL_MAX_THREADS and, where n > 0, at most n. */
int parallel_threads(size_t n, int threads);

#endif
