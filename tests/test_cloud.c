/*
 * test_cloud.c — large particle clouds in the real window: 10,000 noisy
 * walkers on sharp_flat drawn as a density image (render/cloud.h), with
 * the basin shares on.  Where many particles crowd, the pixel turns the
 * run's colour; far from every particle the landscape is untouched; the
 * shares drawn are the scene's.  Screenshots go to $DESCENT_TEST_OUTPUT.
 */
#include "window_testing.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/cloud.h"
#include "scene/viewport.h"

#define WIDTH 1280
#define HEIGHT 720
#define PARTICLES 10000

/* The sum of the differences in red, green and blue. */
static int distance(const uint8_t *a, const uint8_t *b)
{
    int d = 0;
    for (int k = 0; k < 3; k++)
        d += abs((int)a[k] - (int)b[k]);
    return d;
}

static void test_ten_thousand_particles(void **state)
{
    (void)state;
    SceneOptions options = {.landscape = "sharp_flat", .runs = {"sgd:lr=0.02,noise=2"},
                            .run_count = 1, .particles = PARTICLES, .has_seed = true, .seed = 3};
    App *app = open_test_window(&options,
                                &(AppOptions){.width = WIDTH, .height = HEIGHT, .hidden = true});
    Scene *scene = app_scene(app);
    scene_set_playing(scene, false);
    scene_step(scene, 400);
    scene->display.basins = true;
    /* The map alone, the whole frame: the blocks compared below are the
     * landscape's, with no legend or plot whose text the hidden run
     * changes. */
    scene->display.panels_hidden = true;

    /* The same frame without the cloud: the run (and its swarm) hidden. */
    scene_toggle_hidden(scene, 0);
    app_frame(app, 0.0);
    Frame bare = read_frame(app);
    scene_toggle_hidden(scene, 0);
    app_frame(app, 0.0);
    Frame f = read_frame(app);
    save_named_screenshot(app, "cloud", "sharp-flat-10k");

    /* Count particles per 8x8-pixel block: blocks with 8 or more have
     * turned visibly towards the cloud's colour (a particle lights a 2x2
     * cell at half opacity: 8 of them cover an eighth of the block and
     * more), blocks no particle comes near are the landscape's. */
    int bw = f.width / 8 + 1, bh = f.height / 8 + 1;
    int *count = calloc((size_t)bw * (size_t)bh, sizeof *count);
    assert_non_null(count);
    Viewport vp = app_viewport(app);
    const float *xy = swarm_positions(scene->swarm);
    for (size_t k = 0; k < swarm_count(scene->swarm); k++) {
        double px, py;
        viewport_to_pixel(&vp, (double)xy[2 * k], (double)xy[2 * k + 1], &px, &py);
        if (px >= 0 && py >= 0 && px < f.width && py < f.height)
            count[(int)(py / 8) * bw + (int)(px / 8)]++;
    }
    LandscapePoint minima[LANDSCAPE_MAX_MINIMA];
    size_t minimum_count = landscape_minima(scene->landscape, minima, LANDSCAPE_MAX_MINIMA);
    double minima_px[LANDSCAPE_MAX_MINIMA][2], head_px[2];
    for (size_t m = 0; m < minimum_count; m++)
        viewport_to_pixel(&vp, minima[m].x, minima[m].y, &minima_px[m][0], &minima_px[m][1]);
    const RunPoint *head = &scene->runs[0].run.path[scene->runs[0].run.count - 1];
    viewport_to_pixel(&vp, head->x, head->y, &head_px[0], &head_px[1]);
    const uint8_t orange[3] = {0xE6, 0x9F, 0x00};
    int crowded = 0, crowded_orange = 0, empty = 0, empty_same = 0;
    for (int j = 1; j + 1 < bh; j++)
        for (int i = 1; i + 1 < bw; i++) {
            int x = i * 8 + 4, y = j * 8 + 4;
            if (x >= f.width || y >= f.height)
                continue;
            int around = 0;
            for (int dj = -1; dj <= 1; dj++)
                for (int di = -1; di <= 1; di++)
                    around += count[(j + dj) * bw + i + di];
            /* Clear of the panels, the minima's rings and labels and the head. */
            bool open = x > 40 && x < 890 && y > 140 && y < 640;
            for (size_t m = 0; m < minimum_count; m++)
                open = open && (fabs(x - minima_px[m][0]) > 36 || y - minima_px[m][1] > 16 ||
                                y - minima_px[m][1] < -44);
            open = open && hypot(x - head_px[0], y - head_px[1]) > 24;
            if (!open)
                continue;
            if (count[j * bw + i] >= 8) {
                /* The block's mean colour, with and without the cloud. */
                uint8_t mean[3], mean_bare[3];
                for (int k = 0; k < 3; k++) {
                    int sum = 0, sum_bare = 0;
                    for (int dy = -4; dy < 4; dy++)
                        for (int dx = -4; dx < 4; dx++) {
                            sum += pixel(&f, x + dx, y + dy)[k];
                            sum_bare += pixel(&bare, x + dx, y + dy)[k];
                        }
                    mean[k] = (uint8_t)(sum / 64);
                    mean_bare[k] = (uint8_t)(sum_bare / 64);
                }
                crowded++;
                crowded_orange += distance(mean, orange) < 0.85 * distance(mean_bare, orange);
            } else if (around == 0) {
                empty++;
                empty_same += distance(pixel(&f, x, y), pixel(&bare, x, y)) <= 3;
            }
        }
    print_message("crowded blocks %d (%d the run's colour), empty %d (%d unchanged)\n", crowded,
                  crowded_orange, empty, empty_same);
    assert_true(crowded >= 10);
    assert_true(crowded_orange >= crowded * 9 / 10);
    assert_true(empty > 1000);
    assert_true(empty_same >= empty * 95 / 100);
    free(count);
    free(bare.rgba);
    free(f.rgba);
    /* Hiding the run leaves the map where it is: the panels are laid out
     * for every run shown (it went from (12, 107) to (402, 12) here). */
    scene->display.panels_hidden = false;
    app_frame(app, 0.0);
    Viewport shown = app_viewport(app);
    scene_toggle_hidden(scene, 0);
    app_frame(app, 0.0);
    Viewport hidden = app_viewport(app);
    scene_toggle_hidden(scene, 0);
    print_message("the map at (%.0f, %.0f), the run hidden at (%.0f, %.0f)\n", shown.x, shown.y,
                  hidden.x, hidden.y);
    assert_true(shown.x == hidden.x && shown.y == hidden.y && shown.width == hidden.width &&
                shown.height == hidden.height);
    app_destroy(app);
}

/* n particles at pixel (x, y) into slice of cloud, CLOUD_BATCH at a time
 * (the rest of a batch NaN, which counts nowhere). */
static void add_particles(Cloud *cloud, int slice, int n, double x, double y)
{
    double xs[CLOUD_BATCH], ys[CLOUD_BATCH];
    for (int done = 0; done < n || done == 0; done += CLOUD_BATCH) {
        for (int i = 0; i < CLOUD_BATCH; i++) {
            bool in = done + i < n;
            xs[i] = in ? x : (double)NAN;
            ys[i] = in ? y : (double)NAN;
        }
        cloud_add(cloud, slice, xs, ys);
    }
}

/* Counts in two slices add up as one slice would hold them, saturating
 * (200 + 60 in one cell is 255, not 260 - 256 = 4: another opacity), and
 * the box drawn covers the cells counted and two more each way (the linear
 * filter's reach); with no particle nothing is drawn. */
static void slices_add_up_and_the_box_covers_the_counts(void **state)
{
    (void)state;
    SceneOptions options = {.landscape = "sharp_flat", .runs = {"gd"}, .run_count = 1};
    App *app = open_test_window(&options, &(AppOptions){.width = 320, .height = 200,
                                                        .hidden = true});
    Cloud cloud;
    cloud_init(&cloud);
    assert_true(cloud_begin(&cloud, 64, 32, 2.0, 2));
    add_particles(&cloud, 0, 200, 10.5, 5.5);
    add_particles(&cloud, 1, 60, 10.5, 5.5);
    add_particles(&cloud, 1, 1, 40.2, 20.9);
    add_particles(&cloud, 0, 3, -1.0, 5.0); /* off the frame */
    cloud_upload(&cloud);
    assert_int_equal(cloud.columns, 32);
    assert_int_equal(cloud.cells[2 * 32 + 5], cloud.opacity[255]);
    assert_int_equal(cloud.cells[10 * 32 + 20], cloud.opacity[1]);
    int lit = 0;
    for (int i = 0; i < 32 * 16; i++)
        lit += cloud.cells[i] != 0;
    assert_int_equal(lit, 2);
    int box[4];
    assert_true(cloud_drawn_box(&cloud, box));
    assert_int_equal(box[0], (5 - 2) * 2);
    assert_int_equal(box[1], (2 - 2) * 2);
    assert_int_equal(box[2], (20 + 1 + 2) * 2);
    assert_int_equal(box[3], (10 + 1 + 2) * 2);
    assert_true(cloud_begin(&cloud, 64, 32, 2.0, 2));
    add_particles(&cloud, 1, 0, 0, 0);
    cloud_upload(&cloud);
    assert_false(cloud_drawn_box(&cloud, box));
    cloud_release(&cloud);
    app_destroy(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ten_thousand_particles),
        cmocka_unit_test(slices_add_up_and_the_box_covers_the_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
