/* test_axis_ticks.c — round tick spacings and where the axes' labels go,
 * worked out by hand. */
#include "testing.h"

#include "scene/axis_ticks.h"

/* The smallest round spacing with at most max ticks, but two at least
 * (then the next finer spacing). */
static void spacings_are_one_two_or_five_times_a_power_of_ten(void **state)
{
    (void)state;
    /* [-2, 2] in at most 10 ticks: 0.5 gives 9 (−2, −1.5, …, 2), 0.2 gives 21. */
    assert_close(axis_tick_step(-2, 2, 10), 0.5, 1e-15);
    /* [0, 7] in at most 8: 1 gives 8 ticks. */
    assert_close(axis_tick_step(0, 7, 8), 1.0, 1e-15);
    /* [0, 7] in at most 5: 1 gives 8, 2 gives 4 (0, 2, 4, 6). */
    assert_close(axis_tick_step(0, 7, 5), 2.0, 1e-15);
    /* [-5.6, 6.8] in at most 6: 2 gives −4 … 6, six ticks. */
    assert_close(axis_tick_step(-5.6, 6.8, 6), 2.0, 1e-15);
    /* [0.001, 0.0031] in at most 3: 0.001 gives 0.001, 0.002, 0.003. */
    assert_close(axis_tick_step(0.001, 0.0031, 3), 0.001, 1e-18);
    /* [2.6, 7.4] in at most 1 (escape 2's ΔV/ε axis at 1280x720
     * --projector): 5 gives the one tick 5, from which a student cannot
     * read a scale; the finer 2 gives two, 4 and 6. */
    assert_close(axis_tick_step(2.6, 7.4, 1), 2.0, 1e-15);
    assert_close(axis_first_tick(-5.6, 2.0), -4.0, 1e-15);
    assert_close(axis_first_tick(0.3, 0.5), 0.5, 1e-15);
}

static void empty_ranges_have_no_ticks(void **state)
{
    (void)state;
    assert_true(axis_tick_step(1, 1, 5) == 0);
    assert_true(axis_tick_step(2, 1, 5) == 0);
    assert_true(axis_tick_step(0, HUGE_VAL, 5) == 0);
    assert_true(axis_tick_step(0, 1, 0) == 0);
}

/* Text 7 pixels a character wide. */
static double seven_per_char(void *context, const char *text)
{
    (void)context;
    return 7.0 * (double)strlen(text);
}

static const AxisTick *tick_at(const AxisPlan *plan, int axis, double value)
{
    for (size_t k = 0; k < plan->tick_count; k++)
        if (plan->tick[k].axis == axis && plan->tick[k].value == value)
            return &plan->tick[k];
    fail_msg("no tick at %g on axis %d", value, axis);
    return &plan->tick[0];
}

static void labels_are_whole_on_the_map_or_absent(void **state)
{
    (void)state;
    /* x in [-2.05, 3.95], y in [-2.95, 3.05] on 600 x 600 pixels: 100 per
     * unit, the origin at pixel (205, 305); at most 600 / 90 = 6 ticks an
     * axis, spacing 1 (x: -2 .. 3; y: -2 .. 3). */
    Viewport vp = viewport_fit_at((ViewRect){-2.05, 3.95, -2.95, 3.05}, 0, 0, 600, 600);
    AxisStyle style = {.scale = 1, .line = 14, .pad = 4, .text_width = seven_per_char};
    AxisPlan plan;
    axis_plan(&vp, &style, &plan);
    assert_close(plan.ox, 205, 1e-9);
    assert_close(plan.oy, 305, 1e-9);
    assert_int_equal(plan.tick_count, 10);
    /* "-2" under x = -2 (pixel 5) would span 5 - 7 - 4 = -6 .. 16: cut by
     * the map's left edge, so it is not drawn; its tick is. */
    const AxisTick *cut = tick_at(&plan, 0, -2);
    assert_close(cut->px, 5, 1e-9);
    assert_false(cut->labelled);
    /* "-1" at pixel 105: 94 .. 116, under the axis past its tick's end
     * (305 + 4) by 3 pixels: 312 .. 326. */
    const AxisTick *whole = tick_at(&plan, 0, -1);
    assert_true(whole->labelled);
    assert_string_equal(whole->label.text, "-1");
    assert_close(whole->label.x, 94, 1e-9);
    assert_close(whole->label.w, 22, 1e-9);
    assert_close(whole->label.y, 312, 1e-9);
    /* "3" right of y = 3's tick (pixel 5) would span -2 .. 12 high. */
    assert_false(tick_at(&plan, 1, 3)->labelled);
    assert_true(tick_at(&plan, 1, 2)->labelled);
    assert_true(tick_at(&plan, 0, 3)->labelled);
    assert_true(plan.has_origin);
    AxisLabel labels[2 * AXIS_MAX_TICKS + 1];
    size_t n = axis_plan_labels(&plan, labels, sizeof labels / sizeof labels[0]);
    /* Eight values, the origin's 0 and the names "x" and "y". */
    assert_int_equal(n, 11);
    /* "x" over the x axis at the right: its box ends 6 pixels in, 7 over
     * the axis; "y" right of the y axis at the top, 6 pixels down. */
    assert_true(plan.has_name[0] && plan.has_name[1]);
    assert_string_equal(plan.name[0].text, "x");
    assert_close(plan.name[0].x + plan.name[0].w, 594, 1e-9);
    assert_close(plan.name[0].y, 305 - 7 - 14, 1e-9);
    assert_string_equal(plan.name[1].text, "y");
    assert_close(plan.name[1].y, 6, 1e-9);
    for (size_t k = 0; k < n; k++) {
        assert_true(labels[k].x >= 0 && labels[k].x + labels[k].w <= 600);
        assert_true(labels[k].y >= 0 && labels[k].y + labels[k].h <= 600);
    }
}

/* A map with room for one tick on an axis still gets a labelled value
 * besides the origin's 0: y in [-0.8, 1.2] on 150 pixels (room for 150 /
 * 90 = 1 tick) had spacing 2, whose one tick is 0, and so no value at all
 * (adam_vs_sgd 3 at 1280x720 --projector: neither axis had a tick); now
 * spacing 1, a tick at y = 1. */
static void a_short_axis_keeps_a_value(void **state)
{
    (void)state;
    Viewport vp = viewport_fit_at((ViewRect){-4, 4, -0.8, 1.2}, 0, 0, 600, 150);
    assert_close(vp.world.ymin, -0.8, 1e-9);
    assert_close(vp.world.ymax, 1.2, 1e-9);
    AxisStyle style = {.scale = 1, .line = 14, .pad = 4, .text_width = seven_per_char};
    AxisPlan plan;
    axis_plan(&vp, &style, &plan);
    const AxisTick *one = tick_at(&plan, 1, 1);
    assert_true(one->labelled);
    assert_string_equal(one->label.text, "1");
}

/* What the test draws over the map: a head (half side 12) at (0, 1), pixel
 * (205, 205), and a cloud (half side 60) about (0, -1), pixel (205, 405). */
static bool under_head_or_cloud(void *context, const AxisLabel *l)
{
    (void)context;
    const double things[2][3] = {{205, 205, 12}, {205, 405, 60}};
    for (int k = 0; k < 2; k++)
        if (l->x < things[k][0] + things[k][2] && l->x + l->w > things[k][0] - things[k][2] &&
            l->y < things[k][1] + things[k][2] && l->y + l->h > things[k][1] - things[k][2])
            return true;
    return false;
}

/* A label something would be drawn over moves: to the other side of its
 * axis, then further out (6 pixels at a time, eight times each side), else
 * it is left out (issue 12: saddle 3's "1" lay under the head at (0, 1)). */
static void labels_clear_what_covers_them(void **state)
{
    (void)state;
    Viewport vp = viewport_fit_at((ViewRect){-2.05, 3.95, -2.95, 3.05}, 0, 0, 600, 600);
    AxisStyle style = {.scale = 1, .line = 14, .pad = 4, .text_width = seven_per_char,
                       .covered = under_head_or_cloud};
    AxisPlan plan;
    axis_plan(&vp, &style, &plan);
    /* "1" right of the axis, its box 7 + 6 pixels out: from 218, clear of
     * the head's 193 .. 217. */
    const AxisTick *one = tick_at(&plan, 1, 1);
    assert_true(one->labelled);
    assert_close(one->label.x, 218, 1e-9);
    assert_false(under_head_or_cloud(NULL, &one->label));
    /* "-1" would need 64 pixels to clear the cloud, over the 48 it may
     * move: left out. */
    assert_false(tick_at(&plan, 1, -1)->labelled);
    AxisLabel labels[2 * AXIS_MAX_TICKS + 1];
    size_t n = axis_plan_labels(&plan, labels, sizeof labels / sizeof labels[0]);
    for (size_t k = 0; k < n; k++)
        assert_false(under_head_or_cloud(NULL, &labels[k]));
}

/* A map whose round ticks fall on its edges still gets values, and its
 * axes their names (welcome 1's "x and y are the two parameters" had no x
 * or y on the map): saddle 2 at
 * 1280x720 --projector, x and y in [-2, 2] on about 373 x 362 pixels at
 * scale 1.75 (room for 373 / 157.5 = 2 ticks), had spacing 2, ticks at
 * -2 and 2 on the edges, where no label fits whole, and no value on
 * either axis; now spacing 1, chosen a line in from the edges: "-1" and
 * "1" on each axis. */
static void ticks_at_the_edges_leave_room_for_values(void **state)
{
    (void)state;
    Viewport vp = viewport_fit_at((ViewRect){-2, 2, -2, 2}, 0, 0, 373, 362);
    AxisStyle style = {.scale = 1.75, .line = 25, .pad = 7, .text_width = seven_per_char};
    AxisPlan plan;
    axis_plan(&vp, &style, &plan);
    for (int axis = 0; axis < 2; axis++) {
        assert_true(tick_at(&plan, axis, -1)->labelled);
        assert_true(tick_at(&plan, axis, 1)->labelled);
        assert_true(plan.has_name[axis]);
    }
}

/* A tick's mark stops short of its value's box, on both axes and either
 * side: drawn against the box it read as a minus sign, "2" as "-2" and
 * "-1" as "--1" (adam_vs_sgd 1 to 3, whose captions cite (0.6, 1.2)); the
 * y axis's values started 2 pixels inside the tick's end at scale 1. */
static void ticks_stop_short_of_their_values(void **state)
{
    (void)state;
    const double scales[] = {1.0, 1.75};
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
        double s = scales[k];
        Viewport vp = viewport_fit_at((ViewRect){-2.05, 3.95, -2.95, 3.05}, 0, 0, 600 * s, 600 * s);
        AxisStyle style = {.scale = s, .line = 14 * s, .pad = 4 * s, .text_width = seven_per_char};
        AxisPlan plan;
        axis_plan(&vp, &style, &plan);
        size_t labelled = 0;
        for (size_t t = 0; t < plan.tick_count; t++) {
            const AxisTick *tick = &plan.tick[t];
            if (!tick->labelled)
                continue;
            labelled++;
            const AxisLabel *l = &tick->label;
            double reach = AXIS_TICK_HALF_PX * s, gap = tick->axis == 0
                                                       ? fmax(l->y - (tick->py + reach),
                                                              (tick->py - reach) - (l->y + l->h))
                                                       : fmax(l->x - (tick->px + reach),
                                                              (tick->px - reach) - (l->x + l->w));
            print_message("scale %.2f: \"%s\" %.1f px from its tick's end\n", s, l->text, gap);
            assert_true(gap >= 2.0 * s);
        }
        assert_true(labelled >= 6);
    }
}

/* The y axis's name and a value on it share no row: "y" left of the axis
 * at the top and "4" right of it read "y-4" across the axis line
 * (learning_rate 1, y in [-4.3, 4.3] on 430 pixels, ticks 2 apart, 4 on
 * the map's top edge).  The name stays; the value beside it goes, the
 * axis keeping 2 and -2. */
static void the_y_name_reads_alone(void **state)
{
    (void)state;
    Viewport vp = viewport_fit_at((ViewRect){-6, 6, -4.3, 4.3}, 0, 0, 600, 430);
    AxisStyle style = {.scale = 1, .line = 14, .pad = 4, .text_width = seven_per_char};
    AxisPlan plan;
    axis_plan(&vp, &style, &plan);
    assert_true(plan.has_name[1]);
    const AxisLabel *y = &plan.name[1];
    size_t values = 0;
    for (size_t t = 0; t < plan.tick_count; t++) {
        const AxisTick *tick = &plan.tick[t];
        if (tick->axis != 1 || !tick->labelled)
            continue;
        values++;
        const AxisLabel *l = &tick->label;
        print_message("\"%s\" rows %.0f .. %.0f, \"y\" %.0f .. %.0f\n", l->text, l->y,
                      l->y + l->h, y->y, y->y + y->h);
        assert_true(l->y >= y->y + y->h || l->y + l->h <= y->y);
    }
    assert_true(values >= 2);
}

/* A log axis ticks its decades AXIS_DECADE_TICK_GAP apart at least, each
 * one where there is room: learning_rate 7's loss plot at 1280x720
 * --projector, 10^-20 to 10^22 over about 50 pixels at scale 1.75, drew a
 * tick a decade 1.2 pixels apart, a grey bar beside its labels. */
static void decade_ticks_stand_apart(void **state)
{
    (void)state;
    const double cases[][3] = {{50, 42, 1.75}, {100, 22, 1.0}, {100, 8, 1.0}, {300, 4, 2.25}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        double per = cases[c][0] / cases[c][1], gap = AXIS_DECADE_TICK_GAP * cases[c][2];
        double stride = axis_decade_stride(per, gap);
        assert_true(stride == floor(stride) && stride >= 1);
        assert_true(stride * per >= gap);
        assert_true(stride == 1 || (stride - 1) * per < gap); /* no sparser than that */
    }
    assert_true(axis_decade_stride(50.0 / 42, AXIS_DECADE_TICK_GAP * 1.75) == 5);
    assert_true(axis_decade_stride(100.0 / 8, AXIS_DECADE_TICK_GAP) == 1);
    assert_true(axis_decade_stride(0, AXIS_DECADE_TICK_GAP) == 1);
    assert_true(axis_decade_stride((double)NAN, AXIS_DECADE_TICK_GAP) == 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spacings_are_one_two_or_five_times_a_power_of_ten),
        cmocka_unit_test(empty_ranges_have_no_ticks),
        cmocka_unit_test(labels_are_whole_on_the_map_or_absent),
        cmocka_unit_test(a_short_axis_keeps_a_value),
        cmocka_unit_test(labels_clear_what_covers_them),
        cmocka_unit_test(ticks_at_the_edges_leave_room_for_values),
        cmocka_unit_test(ticks_stop_short_of_their_values),
        cmocka_unit_test(the_y_name_reads_alone),
        cmocka_unit_test(decade_ticks_stand_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
