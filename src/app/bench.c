/* bench.c — see bench.h. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>

#include <epoxy/gl.h>

#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/render.h"

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile of sorted[0..n-1] (nearest rank). */
static double quantile(const double *sorted, int n, double q)
{
    int rank = (int)(q * n + 0.999999);
    rank = rank < 1 ? 1 : rank > n ? n : rank;
    return sorted[rank - 1];
}

bool app_bench_frames(Scene *scene, int width, int height, int frames, DescentError *err)
{
    if (!getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    GlContextOptions options = {.title = "descent bench", .width = 64, .height = 64};
    GlContext *gl = gl_context_create(&options, err);
    if (!gl)
        return false;
    Renderer *renderer = renderer_create(err);
    Framebuffer *fb = renderer ? framebuffer_create(width, height, err) : NULL;
    /* Each frame's time, then its scene update's alone. */
    double *ms = fb ? malloc(2 * (size_t)frames * sizeof *ms) : NULL;
    double *update_ms = ms ? ms + frames : NULL;
    bool ok = ms != NULL;
    if (fb && !ms)
        error_set(err, "out of memory for %d frame times", frames);
    double frequency = (double)SDL_GetPerformanceFrequency(), total_ms = 0.0;
    size_t swarm_start = scene->swarm ? swarm_steps(scene->swarm) : 0;
    for (int i = 0; ok && i < frames; i++) {
        Uint64 start = SDL_GetPerformanceCounter();
        scene_advance(scene, 1.0 / 60.0);
        update_ms[i] = 1000.0 * (double)(SDL_GetPerformanceCounter() - start) / frequency;
        framebuffer_bind(fb);
        render_frame(renderer, scene, width, height, 1.0, RENDER_FOR_WINDOW);
        glFinish();
        ms[i] = 1000.0 * (double)(SDL_GetPerformanceCounter() - start) / frequency;
        total_ms += ms[i];
    }
    if (ok) {
        double first = ms[0];
        qsort(ms, (size_t)frames, sizeof *ms, compare_doubles);
        printf("%d frames at %dx%d on %s: median %.2f ms, p99 %.2f ms, max %.2f ms "
               "(first frame %.2f ms)\n",
               frames, width, height, gl_context_renderer_name(), quantile(ms, frames, 0.5),
               quantile(ms, frames, 0.99), ms[frames - 1], first);
        qsort(update_ms, (size_t)frames, sizeof *update_ms, compare_doubles);
        printf("scene updates: median %.2f ms, p99 %.2f ms of each frame\n",
               quantile(update_ms, frames, 0.5), quantile(update_ms, frames, 0.99));
        /* The swarm steps inside the frames timed above, so its rate is
         * what the window sustains while drawing. */
        if (scene->swarm) {
            double steps = (double)(swarm_steps(scene->swarm) - swarm_start);
            double particle_steps = steps * (double)swarm_count(scene->swarm);
            printf("%zu particles, %.0f updates each: %.3g particle-steps/s, %.1f frames/s\n",
                   swarm_count(scene->swarm), steps, 1000.0 * particle_steps / total_ms,
                   1000.0 * frames / total_ms);
        }
    }
    free(ms);
    framebuffer_destroy(fb);
    renderer_destroy(renderer);
    gl_context_destroy(gl);
    return ok;
}
