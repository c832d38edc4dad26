/* parallel.c — see parallel.h. */
#include "parallel.h"

#include <stdbool.h>
#include <threads.h>

typedef struct Chunk {
    ParallelFn fn;
    void *context;
    size_t begin, end;
} Chunk;

static int chunk_main(void *arg)
{
    Chunk *chunk = arg;
    chunk->fn(chunk->context, chunk->begin, chunk->end);
    return 0;
}

int parallel_threads(size_t n, int threads)
{
    if (threads < 1)
        threads = 1;
    if (threads > PARALLEL_MAX_THREADS)
        threads = PARALLEL_MAX_THREADS;
    if (n < (size_t)threads)
        threads = n > 0 ? (int)n : 1;
    return threads;
}

void parallel_for(size_t n, int threads, ParallelFn fn, void *context)
{
    threads = parallel_threads(n, threads);
    Chunk chunks[PARALLEL_MAX_THREADS];
    thrd_t ids[PARALLEL_MAX_THREADS];
    bool started[PARALLEL_MAX_THREADS] = {false};
    for (int t = 0; t < threads; t++)
        chunks[t] = (Chunk){fn, context, n * (size_t)t / (size_t)threads,
                            n * (size_t)(t + 1) / (size_t)threads};
    for (int t = 1; t < threads; t++)
        started[t] = thrd_create(&ids[t], chunk_main, &chunks[t]) == thrd_success;
    chunk_main(&chunks[0]);
    for (int t = 1; t < threads; t++) {
        if (started[t])
            thrd_join(ids[t], NULL);
        else
            chunk_main(&chunks[t]);
    }
}
