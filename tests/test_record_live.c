/*
 * test_record_live.c — the window's live recording (live.h) with the real
 * renderer, off-screen: an odd-sized "window" drawn at an uneven pace gives
 * an even-sized MP4 of the right length, whose frames are the drawn ones.
 * Needs a GL context (SDL_VIDEODRIVER=offscreen) and ffmpeg.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "record/live.h"
#include "render/framebuffer.h"
#include "render/gl_context.h"
#include "render/render.h"
#include "scene/scene.h"
#include "video_testing.h"

enum { WINDOW_W = 321, WINDOW_H = 241 };

static void test_window_frames_to_mp4(void **state)
{
    (void)state;
    DescentError err = {""};
    GlContext *gl = gl_context_create(
        &(GlContextOptions){.title = "test_record_live", .width = 64, .height = 64}, &err);
    assert_non_null(gl);
    Renderer *renderer = renderer_create(&err);
    assert_non_null(renderer);
    Framebuffer *window = framebuffer_create(WINDOW_W, WINDOW_H, &err);
    assert_non_null(window);
    Scene *scene = scene_create(&(SceneOptions){0}, &err);
    assert_non_null(scene);

    char dir[] = "/tmp/test_record_live.XXXXXX";
    assert_non_null(mkdtemp(dir));
    LiveRecording *rec = live_recording_start(dir, WINDOW_W, WINDOW_H, &err);
    assert_non_null(rec);
    int w, h;
    live_recording_size(rec, &w, &h);
    assert_int_equal(w, WINDOW_W - 1);
    assert_int_equal(h, WINDOW_H - 1);

    /* 1.5 s of window time at a jittery 45-90 frames per second: the
     * video has 1.5 * 30 frames, plus frame 0. */
    static uint8_t first[(WINDOW_W - 1) * (WINDOW_H - 1) * 4];
    double dt = 0.0, elapsed = 0.0;
    for (int i = 0; elapsed < 1.5 - 1e-9; i++) {
        scene_advance(scene, dt);
        framebuffer_bind(window);
        render_frame(renderer, scene, WINDOW_W, WINDOW_H, 1.0, RENDER_FOR_RECORDING);
        int due = live_recording_frames_due(rec, dt);
        if (due > 0) {
            uint8_t *pixels = live_recording_buffer(rec);
            framebuffer_read_rgba(w, h, pixels);
            if (i == 0)
                memcpy(first, pixels, sizeof first);
            assert_true(live_recording_submit(rec, due));
        }
        elapsed += dt;
        dt = i % 2 ? 1.0 / 45 : 1.0 / 90;
    }
    char path[256];
    snprintf(path, sizeof path, "%s", live_recording_path(rec));
    assert_close(live_recording_seconds(rec), 1.5 + 1.0 / LIVE_RECORDING_FPS, 1e-9);
    assert_true(live_recording_stop(rec, &err));

    assert_int_equal(probe_video(path).frames, 46);
    /* The video's first frame is the first drawn frame, to within what
     * H.264 at crf 18 keeps of it. */
    static uint8_t rgb[(WINDOW_W - 1) * (WINDOW_H - 1) * 3 + 1];
    assert_int_equal(decode_rgb(path, 1, rgb, sizeof rgb), (size_t)(w * h * 3));
    double total = 0.0;
    for (int i = 0; i < w * h; i++)
        for (int c = 0; c < 3; c++)
            total += abs((int)rgb[3 * i + c] - (int)first[4 * i + c]);
    assert_in_range((long)(total / (w * h * 3)), 0, 3); /* mean error per channel */

    unlink(path);
    assert_int_equal(rmdir(dir), 0); /* nothing else was left there */
    scene_destroy(scene);
    framebuffer_destroy(window);
    renderer_destroy(renderer);
    gl_context_destroy(gl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_window_frames_to_mp4),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
