/*
 * bench_startup.c — descent's start-up, part by part: from the process's
 * start to the first frame presented in a window of WIDTHxHEIGHT (default
 * 1920x1080) on the welcome lesson, as the window opens it.  Prints each
 * part's CPU time (all threads, Mesa's included) and the wall time since
 * the process started; the aim is 250 ms to the first presented frame.
 * Args: [WxH [LANG]].  Run with SDL_VIDEODRIVER=offscreen, or under Xvfb.
 * Mesa's shader cache (on by default, MESA_SHADER_CACHE_DISABLE=true turns
 * it off) makes the second run's shaders cheaper than the first's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <epoxy/gl.h>

#include "lesson/lesson.h"
#include "render/gl_context.h"
#include "render/render.h"
#include "scene/lesson_player.h"
#include "scene/scene.h"

static double clock_seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Seconds since the process started (the kernel's count, in clock ticks). */
static double since_start(void)
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

static double cpu_mark;

/* Prints the part that just ended: its CPU time, and the wall time so far. */
static void part(const char *name)
{
    double cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    printf("  %-34s %7.1f ms CPU   (%6.1f ms CPU, %6.0f ms wall since the process started)\n",
           name, 1000.0 * (cpu - cpu_mark), 1000.0 * cpu, 1000.0 * since_start());
    cpu_mark = cpu;
}

int main(int argc, char **argv)
{
    int width = 1920, height = 1080;
    if (argc > 1 && sscanf(argv[1], "%dx%d", &width, &height) != 2) {
        fprintf(stderr, "bench_startup: expected WxH, got %s\n", argv[1]);
        return 2;
    }
    const char *lang = argc > 2 ? argv[2] : "en";
    printf("start-up to the first presented %dx%d frame of welcome (%s):\n", width, height, lang);
    part("process start to main");
    DescentError err = {""};
    char welcome[4096];
    GlContext *gl = NULL;
    Renderer *renderer = NULL;
    Scene *scene = NULL;
    LessonPlayer player;
    bool playing = false;
    int status = 1;
    gl = gl_context_create(&(GlContextOptions){.title = "descent start-up", .width = width,
                                               .height = height},
                           &err);
    if (!gl)
        goto done;
    part("SDL video and GL 3.3 context");
    renderer = renderer_create(&err);
    if (!renderer)
        goto done;
    part("renderer (shaders, fonts)");
    scene = lesson_find("welcome", welcome, sizeof welcome, &err)
                ? scene_create(&(SceneOptions){.lesson_path = welcome, .lang = lang}, &err)
                : NULL;
    playing = scene && lesson_player_open(&player, welcome, lang, NULL, scene, &err);
    if (!playing)
        goto done;
    part("scene and lesson");
    gl_context_drawable_size(gl, &width, &height);
    render_frame(renderer, scene, width, height, 1.0, RENDER_FOR_WINDOW);
    glFinish();
    part("first frame drawn");
    gl_context_swap(gl);
    part("first frame presented");
    status = 0;
done:
    if (status != 0)
        fprintf(stderr, "bench_startup: %s\n", err.message);
    if (playing)
        lesson_player_close(&player);
    scene_destroy(scene);
    renderer_destroy(renderer);
    gl_context_destroy(gl);
    return status;
}
