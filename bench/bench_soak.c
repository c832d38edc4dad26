/*
 * bench_soak.c — a long session off-screen: renders FRAMES frames
 * (default 100000) at WxH (default 640x360), one 1/60 s scene step each,
 * while the stage keeps changing the way a class changes it: every
 * STEP_FRAMES frames the lesson player (the window's and the recorder's)
 * moves to the next step of the shipped lessons, opening the next lesson
 * (Lua sandbox) after the last step of one; in between, learning rates,
 * colormaps, starts and the view change.  Prints the rate, GL errors and resident memory (from
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

#include <malloc.h>

#include <epoxy/gl.h>

#include "lesson/lesson.h"
#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/render.h"
#include "scene/lesson_player.h"
#include "scene/scene.h"

#include "resident.h"

#define STEP_FRAMES 600               /* frames per lesson step (10 s of class time) */
#define SOAK_GROWTH_LIMIT (2.0 * 1024 * 1024)
#define SOAK_MAX_PASSES 1024

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

/* Walks the shipped lessons step by step with the lesson player, one
 * lesson open at a time, alternating English and Chinese by pass. */
typedef struct Curriculum {
    LessonList list;
    size_t lessons_opened;
    bool open;
    LessonPlayer player;
    size_t steps_shown;
} Curriculum;

/* True when the next step is the first of the first lesson. */
static bool at_pass_start(const Curriculum *c)
{
    return !c->open && c->lessons_opened % c->list.count == 0;
}

/* Shows the next step on scene (opening the next lesson after the last
 * step of this one); false with err filled when a lesson fails to load. */
static bool next_step(Curriculum *c, Scene *scene, DescentError *err)
{
    c->steps_shown++;
    if (c->open && lesson_player_next(&c->player, scene)) {
        if (c->player.step + 1 == c->player.lesson.step_count) {
            /* The last step is showing: the next call opens the next lesson. */
            lesson_player_close(&c->player);
            c->open = false;
        }
        return true;
    }
    size_t pass = c->lessons_opened / c->list.count;
    const char *path = c->list.paths[c->lessons_opened++ % c->list.count];
    if (!lesson_player_open(&c->player, path, pass % 2 ? "zh" : "en", NULL, scene, err))
        return false;
    c->open = c->player.lesson.step_count > 1;
    if (!c->open)
        lesson_player_close(&c->player);
    return true;
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
    /* One stage for the whole session, as in the window. */
    scene = fb ? scene_create(&(SceneOptions){0}, &err) : NULL;
    if (!scene)
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
            if (at_pass_start(&curriculum) && passes < SOAK_MAX_PASSES) {
                heap_figures(&pass_heap[passes], &pass_held[passes]);
                pass_rss[passes++] = resident_bytes();
            }
            if (!next_step(&curriculum, scene, &err))
                goto done;
            scene_set_playing(scene, true);
        } else if (frame % 97 == 0) {
            DescentError fiddle_err = {""};
            fiddle(scene, frame, &fiddle_err);
            fiddle_failures += fiddle_err.message[0] != '\0';
        }
        scene_advance(scene, 1.0 / 60.0);
        framebuffer_bind(fb);
        render_frame(renderer, scene, width, height, 1.0, RENDER_FOR_WINDOW);
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
    if (curriculum.open)
        lesson_player_close(&curriculum.player);
    lesson_list_free(&curriculum.list);
    framebuffer_destroy(fb);
    renderer_destroy(renderer);
    gl_context_destroy(gl);
    return status;
}
