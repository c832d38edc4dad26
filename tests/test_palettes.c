/*
 * test_palettes.c — the classes' colours (theme.h) against the runs', and
 * a class's samples against its region.
 *
 * A network's data panel drew its classes in Okabe–Ito's vermillion and
 * blue, run 1 and run 2 in its orange and sky blue: a student read the
 * class points as the runs'.  Distances are CIELAB ΔE76 (D65 white),
 * computed here from the sRGB definition; colour-blind sight is Machado,
 * Oliveira & Fernandes 2009's simulation at severity 1, applied to linear
 * RGB.  For scale: vermillion is 33 from orange, a class and a run of one
 * colour 0.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "render/theme.h"

/* Least distance of a class from any run, in normal sight. */
#define CLASS_FROM_RUN 40.0
/* Least distance between two classes, in every sight. */
#define CLASS_FROM_CLASS 30.0
/* Least distance of a class from the panel it is drawn on. */
#define CLASS_FROM_PANEL 40.0
/* Least luminance contrast ratio (WCAG 2: (L1 + 0.05) / (L2 + 0.05)) of a
 * sample's edge against what it borders: 3, WCAG's for a graphical object. */
#define SAMPLE_EDGE_CONTRAST 3.0

/* Normal sight, protanopia, deuteranopia, tritanopia (Machado 2009). */
static const double sights[4][3][3] = {
    {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
    {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
     {-0.003882, -0.048116, 1.051998}},
    {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
     {-0.011820, 0.042940, 0.968881}},
    {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602},
     {0.004733, 0.691367, 0.303900}},
};

static double linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double lab_f(double t)
{
    return t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

/* rgb (0..1 each, sRGB) as seen in sight, in CIELAB. */
static void to_lab(const double rgb[3], size_t sight, double lab[3])
{
    double l[3], s[3];
    for (int i = 0; i < 3; i++)
        l[i] = linear(rgb[i]);
    for (int i = 0; i < 3; i++) {
        const double *m = sights[sight][i];
        s[i] = fmin(1.0, fmax(0.0, m[0] * l[0] + m[1] * l[1] + m[2] * l[2]));
    }
    double x = 0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2];
    double y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
    double z = 0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2];
    double fx = lab_f(x / 0.95047), fy = lab_f(y), fz = lab_f(z / 1.08883);
    lab[0] = 116.0 * fy - 16.0;
    lab[1] = 500.0 * (fx - fy);
    lab[2] = 200.0 * (fy - fz);
}

static double distance(const double a[3], const double b[3], size_t sight)
{
    double la[3], lb[3];
    to_lab(a, sight, la);
    to_lab(b, sight, lb);
    return sqrt(pow(la[0] - lb[0], 2) + pow(la[1] - lb[1], 2) + pow(la[2] - lb[2], 2));
}

static void hex_rgb(uint32_t c, double rgb[3])
{
    rgb[0] = ((c >> 16) & 0xFF) / 255.0;
    rgb[1] = ((c >> 8) & 0xFF) / 255.0;
    rgb[2] = (c & 0xFF) / 255.0;
}

/* Every class at CLASS_FROM_RUN or more from every run colour of either
 * theme, in normal sight. */
static void test_classes_are_not_runs(void **state)
{
    (void)state;
    double least = HUGE_VAL;
    for (int t = 0; t < 2; t++) {
        const Theme *theme = theme_get(t == 0 ? SCENE_THEME_DARK : SCENE_THEME_LIGHT);
        for (size_t c = 0; c < THEME_CLASS_COLORS; c++)
            for (size_t k = 0; k < THEME_RUN_COLORS; k++) {
                double a[3], b[3];
                hex_rgb(theme_class_colors[c], a);
                hex_rgb(theme->runs[k], b);
                double d = distance(a, b, 0);
                if (d < CLASS_FROM_RUN)
                    print_message("class %zu (%06X) is %.1f from run colour %zu (%06X) of the "
                                  "%s theme\n", c, (unsigned)theme_class_colors[c], d, k,
                                  (unsigned)theme->runs[k], t == 0 ? "dark" : "light");
                least = fmin(least, d);
            }
    }
    print_message("the least distance of a class from a run: %.1f\n", least);
    assert_true(least >= CLASS_FROM_RUN);
}

/* Every two classes CLASS_FROM_CLASS or more apart in every sight, and
 * every class CLASS_FROM_PANEL from either theme's panel. */
static void test_classes_apart_in_every_sight(void **state)
{
    (void)state;
    double least = HUGE_VAL, ground = HUGE_VAL;
    for (size_t c = 0; c < THEME_CLASS_COLORS; c++) {
        double a[3], b[3];
        hex_rgb(theme_class_colors[c], a);
        for (size_t e = c + 1; e < THEME_CLASS_COLORS; e++)
            for (size_t s = 0; s < 4; s++) {
                hex_rgb(theme_class_colors[e], b);
                least = fmin(least, distance(a, b, s));
            }
        for (int t = 0; t < 2; t++) {
            Rgba p = theme_get(t == 0 ? SCENE_THEME_DARK : SCENE_THEME_LIGHT)->panel;
            double panel[3] = {(double)p.r, (double)p.g, (double)p.b};
            ground = fmin(ground, distance(a, panel, 0));
        }
    }
    print_message("the least distance between two classes: %.1f; from a panel: %.1f\n", least,
                  ground);
    assert_true(least >= CLASS_FROM_CLASS);
    assert_true(ground >= CLASS_FROM_PANEL);
}

/* WCAG 2's relative luminance of rgb (0..1 each, sRGB). */
static double luminance(const double rgb[3])
{
    return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
}

static double contrast(const double a[3], const double b[3])
{
    double la = luminance(a), lb = luminance(b);
    return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

/* A network's sample (net_view.c: its class's colour in the theme's
 * class_outline) on a cell of its own class, tinted from the panel
 * towards that colour by THEME_CLASS_REGION_LEAST to _MOST: the stronger
 * of its two edges, outline against region or fill against outline, has a
 * contrast of SAMPLE_EDGE_CONTRAST or more, in both themes.  The light
 * theme's white casing left the green samples at 1.9 on their own region
 * (outline 1.47, fill against it 1.91); the dark theme's black one is at
 * 3.08 or more (fill against outline). */
static void test_samples_stand_out_on_their_region(void **state)
{
    (void)state;
    double least[2] = {HUGE_VAL, HUGE_VAL};
    const double tints[2] = {THEME_CLASS_REGION_LEAST, THEME_CLASS_REGION_MOST};
    for (int t = 0; t < 2; t++) {
        const Theme *theme = theme_get(t == 0 ? SCENE_THEME_DARK : SCENE_THEME_LIGHT);
        Rgba p = theme->panel, o = theme->class_outline;
        const double panel[3] = {(double)p.r, (double)p.g, (double)p.b};
        const double ink[3] = {(double)o.r, (double)o.g, (double)o.b};
        for (size_t c = 0; c < THEME_CLASS_COLORS; c++)
            for (size_t k = 0; k < 2; k++) {
                double fill[3], region[3], outline[3];
                hex_rgb(theme_class_colors[c], fill);
                for (int i = 0; i < 3; i++) {
                    region[i] = panel[i] + tints[k] * (fill[i] - panel[i]);
                    outline[i] = region[i] + (double)o.a * (ink[i] - region[i]);
                }
                double edge = fmax(contrast(outline, region), contrast(fill, outline));
                if (edge < SAMPLE_EDGE_CONTRAST)
                    print_message("class %zu (%06X) on its region tinted %.2f in the %s theme: "
                                  "outline %.2f against it, fill %.2f against the outline\n",
                                  c, (unsigned)theme_class_colors[c], tints[k],
                                  t == 0 ? "dark" : "light", contrast(outline, region),
                                  contrast(fill, outline));
                least[t] = fmin(least[t], edge);
            }
    }
    print_message("a sample's edge on its own region: at least %.2f (dark), %.2f (light)\n",
                  least[0], least[1]);
    assert_true(least[0] >= SAMPLE_EDGE_CONTRAST && least[1] >= SAMPLE_EDGE_CONTRAST);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classes_are_not_runs),
        cmocka_unit_test(test_classes_apart_in_every_sight),
        cmocka_unit_test(test_samples_stand_out_on_their_region),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
