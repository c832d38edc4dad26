/*
 * bench_startup.c — descent's start-up, part by part: from the process's
 * start to the first frame presented in a window of WIDTHxHEIGHT (default
 * 1920x1080) on the welcome lesson, as the window opens it.  Prints each
 * part's CPU time (all threads, Mesa's included), the main thread's, and
 * the wall time since the process started; the aim is 250 ms to the first
 * presented frame.  Given FLOOR (bench_memory_floor), runs it afterwards for
 * one frame at the same size and prints its start-up beside descent's:
 * what the driver alone takes.  Prints the load average too, and the
 * resident memory once the first frame is presented (the window's own
 * buffers in it, as the floor's are in its figure).
 * Args: [WxH [LANG [FLOOR]]].  Run with SDL_VIDEODRIVER=offscreen, or under Xvfb.
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

#include "resident.h"
#include "since_start.h"

static double cpu_mark, main_mark;

/* Prints the part that just ended: its CPU time, the main thread's share
 * of it (the path the first frame waits on when another core is free: work
 * moved to a thread leaves it), and the wall time so far. */
static void part(const char *name)
{
    double cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    double main_cpu = clock_seconds(CLOCK_THREAD_CPUTIME_ID);
    printf("  %-30s %6.1f ms CPU, %6.1f on main  (%6.1f ms CPU, %6.1f on main, %5.0f ms wall "
           "since the process started)\n",
           name, 1000.0 * (cpu - cpu_mark), 1000.0 * (main_cpu - main_mark), 1000.0 * cpu,
           1000.0 * main_cpu, 1000.0 * since_start());
    cpu_mark = cpu;
    main_mark = main_cpu;
}

int main(int argc, char **argv)
{
    int width = 1920, height = 1080;
    if (argc > 1 && sscanf(argv[1], "%dx%d", &width, &height) != 2) {
        fprintf(stderr, "bench_startup: expected WxH, got %s\n", argv[1]);
        return 2;
    }
    const char *lang = argc > 2 ? argv[2] : "en";
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) == 3)
        printf("load average %.2f %.2f %.2f\n", load[0], load[1], load[2]);
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
    renderer_prepare();
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
    printf("resident after the first frame: %.1f MB\n", resident_bytes() / 1048576.0);
    status = 0;
done:
    if (status != 0)
        fprintf(stderr, "bench_startup: %s\n", err.message);
    if (playing)
        lesson_player_close(&player);
    scene_destroy(scene);
    renderer_destroy(renderer);
    gl_context_destroy(gl);
    if (argc > 3) {
        char command[4200];
        snprintf(command, sizeof command, "'%s' 1 %s", argv[3], argv[1]);
        fflush(stdout);
        if (system(command) != 0)
            fprintf(stderr, "bench_startup: the floor, %s, failed\n", argv[3]);
    }
    return status;
}
