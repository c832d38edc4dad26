/*
 * bench_soak.c — a long session off-screen (issue 7): renders FRAMES frames
 * (default 100000) at WxH (default 640x360), one 1/60 s scene step each,
 * while the stage keeps changing the way a class changes it: every
 * STEP_FRAMES frames the next step of the next shipped lesson is loaded
 * (Lua sandbox, lesson_load / lesson_free) and becomes a new scene with its
 * runs and particles; in between, learning rates, colormaps, starts and the
 * view change.  Prints the rate, GL errors and resident memory (from
 * /proc/self/statm) at the start of every pass through the lessons, between
 * two scenes, where each pass leaves the program in the same state: the
 * growth from the second pass (the first starts cold) to the last is what
 * a session would lose for ever.
 *
 * Usage: bench_soak [FRAMES [WxH]].  Exits 1 when a GL error occurred or
 * that growth exceeds SOAK_GROWTH_LIMIT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <malloc.h>

#include <epoxy/gl.h>

#include "lesson/lesson.h"
#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/render.h"
#include "scene/scene.h"

#define STEP_FRAMES 600               /* frames per lesson step (10 s of class time) */
#define SOAK_GROWTH_LIMIT (2.0 * 1024 * 1024)
#define SOAK_MAX_PASSES 1024

/* Resident set size in bytes, or 0 when /proc is not there. */
static double resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0.0;
    unsigned long size = 0, resident = 0;
    int got = fscanf(f, "%lu %lu", &size, &resident);
    fclose(f);
    return got == 2 ? (double)resident * (double)sysconf(_SC_PAGESIZE) : 0.0;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* glibc's malloc: bytes handed out and not freed, and bytes it holds from
 * the system (in use + free in its heaps + large mmapped blocks), to tell
 * memory the program holds from fragmentation and from memory the GL
 * driver maps itself (JIT code), which shows in neither. */
static void heap_figures(double *in_use, double *held)
{
    struct mallinfo2 info = mallinfo2();
    *in_use = (double)(info.uordblks + info.hblkhd);
    *held = (double)(info.arena + info.hblkhd);
}

/* The scene one lesson step describes; NULL (err filled) when it fails. */
static Scene *scene_for_step(const LessonStep *step, DescentError *err)
{
    SceneOptions options = {.landscape = step->landscape,
                            .run_count = step->runs.count,
                            .has_start = step->has_start,
                            .start = step->start,
                            .has_view = step->has_view,
                            .view = step->view,
                            .particles = step->particles};
    for (size_t i = 0; i < step->runs.count && i < SCENE_MAX_RUNS; i++)
        options.runs[i] = step->runs.specs[i];
    return scene_create(&options, err);
}

/* Walks the shipped lessons step by step, one lesson loaded at a time. */
typedef struct Curriculum {
    LessonList list;
    size_t lesson_index, step_index;
    Lesson lesson;
    size_t steps_shown;
} Curriculum;

/* True when the next step is the first of the first lesson. */
static bool at_pass_start(const Curriculum *c)
{
    return (c->lesson.step_count == 0 || c->step_index == c->lesson.step_count) &&
           c->lesson_index % c->list.count == 0;
}

/* The scene of the next step (loading the next lesson after the last step
 * of this one); NULL with err filled when a lesson or its scene fails. */
static Scene *next_step(Curriculum *c, DescentError *err)
{
    if (c->lesson.step_count == 0 || c->step_index == c->lesson.step_count) {
        lesson_free(&c->lesson);
        const char *path = c->list.paths[c->lesson_index++ % c->list.count];
        if (!lesson_load(path, (c->lesson_index / c->list.count) % 2 ? "zh" : "en", &c->lesson,
                         err))
            return NULL;
        c->step_index = 0;
    }
    c->steps_shown++;
    return scene_for_step(&c->lesson.steps[c->step_index++], err);
}

/* What a presenter does now and then between steps. */
static void fiddle(Scene *scene, long frame, DescentError *err)
{
    switch ((frame / 97) % 6) {
    case 0:
        scene_scale_lr(scene, 1.25, err);
        break;
    case 1:
        scene_next_colormap(scene);
        break;
    case 2:
        scene_start_at(scene, scene->view.xmin + 0.3 * (scene->view.xmax - scene->view.xmin),
                       scene->view.ymin + 0.6 * (scene->view.ymax - scene->view.ymin));
        break;
    case 3:
        scene_zoom(scene, 0.5 * (scene->view.xmin + scene->view.xmax),
                   0.5 * (scene->view.ymin + scene->view.ymax), frame % 2 ? 0.8 : 1.25);
        break;
    case 4:
        scene_scale_lr(scene, 0.8, err);
        break;
    default:
        scene_pan(scene, 0.05 * (scene->view.xmax - scene->view.xmin), 0.0);
        break;
    }
}

int main(int argc, char **argv)
{
    long frames = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
    int width = 640, height = 360;
    if ((argc > 2 && sscanf(argv[2], "%dx%d", &width, &height) != 2) || frames <= 0 ||
        width <= 0 || height <= 0) {
        fprintf(stderr, "usage: bench_soak [FRAMES [WxH]]\n");
        return 2;
    }
    if (!getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");

    DescentError err = {""};
    Curriculum curriculum = {0};
    GlContext *gl = NULL;
    Renderer *renderer = NULL;
    Framebuffer *fb = NULL;
    Scene *scene = NULL;
    int status = 1;
    if (!lesson_list(&curriculum.list, &err) || curriculum.list.count == 0)
        goto done;
    gl = gl_context_create(&(GlContextOptions){.title = "descent soak", .width = 64,
                                               .height = 64},
                           &err);
    renderer = gl ? renderer_create(&err) : NULL;
    fb = renderer ? framebuffer_create(width, height, &err) : NULL;
    if (!fb)
        goto done;

    long gl_errors = 0, fiddle_failures = 0;
    GLenum first_gl_error = GL_NO_ERROR;
    static double pass_rss[SOAK_MAX_PASSES], pass_heap[SOAK_MAX_PASSES],
        pass_held[SOAK_MAX_PASSES];
    size_t passes = 0;
    double rss_peak = 0.0;
    double start = seconds_now();
    for (long frame = 0; frame < frames; frame++) {
        if (frame % STEP_FRAMES == 0) {
            scene_destroy(scene);
            if (at_pass_start(&curriculum) && passes < SOAK_MAX_PASSES) {
                heap_figures(&pass_heap[passes], &pass_held[passes]);
                pass_rss[passes++] = resident_bytes();
            }
            scene = next_step(&curriculum, &err);
            if (!scene)
                goto done;
            scene_set_playing(scene, true);
        } else if (frame % 97 == 0) {
            DescentError fiddle_err = {""};
            fiddle(scene, frame, &fiddle_err);
            fiddle_failures += fiddle_err.message[0] != '\0';
        }
        scene_advance(scene, 1.0 / 60.0);
        framebuffer_bind(fb);
        render_frame(renderer, scene, width, height, 1.0);
        glFinish();
        for (GLenum e; (e = glGetError()) != GL_NO_ERROR; gl_errors++)
            if (first_gl_error == GL_NO_ERROR)
                first_gl_error = e;
        if (frame % 1000 == 0) {
            double rss = resident_bytes();
            rss_peak = rss > rss_peak ? rss : rss_peak;
        }
    }
    double elapsed = seconds_now() - start, rss_end = resident_bytes();
    rss_peak = rss_end > rss_peak ? rss_end : rss_peak;
    printf("soak: %ld frames at %dx%d on %s in %.1f s (%.0f frames/s), %zu lesson steps "
           "from %zu lessons\n",
           frames, width, height, gl_context_renderer_name(), elapsed, (double)frames / elapsed,
           curriculum.steps_shown, curriculum.list.count);
    printf("soak: %ld GL errors (first 0x%04x); %ld presenter actions refused\n", gl_errors,
           (unsigned)first_gl_error, fiddle_failures);
    printf("soak: resident memory at the start of each pass (MiB):");
    for (size_t i = 0; i < passes; i++)
        printf(" %.1f", pass_rss[i] / 1048576.0);
    printf("; at the end %.1f, peak %.1f\n", rss_end / 1048576.0, rss_peak / 1048576.0);
    printf("soak: malloc'd and not freed / held by malloc at each pass (MiB):");
    for (size_t i = 0; i < passes; i++)
        printf(" %.2f/%.2f", pass_heap[i] / 1048576.0, pass_held[i] / 1048576.0);
    printf("\n");
    double growth = passes >= 3 ? pass_rss[passes - 1] - pass_rss[1] : 0.0;
    if (passes >= 3)
        printf("soak: growth from pass 2 to pass %zu: %+.2f MiB (limit %.0f MiB)\n", passes,
               growth / 1048576.0, SOAK_GROWTH_LIMIT / 1048576.0);
    else
        printf("soak: fewer than 3 passes through the lessons: no growth figure\n");
    status = gl_errors == 0 && growth <= SOAK_GROWTH_LIMIT ? 0 : 1;
done:
    if (err.message[0])
        fprintf(stderr, "bench_soak: %s\n", err.message);
    scene_destroy(scene);
    lesson_free(&curriculum.lesson);
    lesson_list_free(&curriculum.list);
    framebuffer_destroy(fb);
    renderer_destroy(renderer);
    gl_context_destroy(gl);
    return status;
}
