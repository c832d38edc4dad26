/*
 * test_palettes.c — the classes' colours (theme.h) against the runs', a
 * sample of any class against any class's region, and the misclassified
 * ring against the runs.
 *
 * A network's data panel drew its classes in Okabe–Ito's vermillion and
 * blue, run 1 and run 2 in its orange and sky blue: a student read the
 * class points as the runs'.  Distances are CIELAB ΔE76 (D65 white),
 * computed here from the sRGB definition; colour-blind sight is Machado,
 * Oliveira & Fernandes 2009's simulation at severity 1, applied to linear
 * RGB.  For scale: vermillion is 33 from orange, a class and a run of one
 * colour 0.  Then each run's trail and head against its casing on every
 * colour of the dark theme's colormaps (assets/colormaps), and last the
 * panels' text against the panel over any of those colours.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
/* Least distance of the misclassified ring from any run colour, in normal
 * sight and in every sight. */
#define RING_FROM_RUN 40.0
#define RING_FROM_RUN_ANY_SIGHT 20.0

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

/* rgb (a colour of opacity a) over ground. */
static void over(const double ground[3], Rgba c, double out[3])
{
    const double rgb[3] = {(double)c.r, (double)c.g, (double)c.b};
    for (int i = 0; i < 3; i++)
        out[i] = ground[i] + (double)c.a * (rgb[i] - ground[i]);
}

static bool same(const double a[3], const double b[3])
{
    return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}

/* The least edge of a sample drawn as theme_sample_bands says on region:
 * along a radius from its centre, every place where the region meets the
 * sample, the stronger of the region against what borders it and that
 * against what lies beyond (an outline's two edges: the region against
 * the outline, the outline against the colour). */
static double sample_edge(const ThemeBand *bands, size_t count, const double region[3])
{
    enum { STEPS = 800 };
    double runs[STEPS][3], reach = 0;
    for (size_t b = 0; b < count; b++)
        reach = fmax(reach, bands[b].outer + 1.0);
    size_t n = 0;
    for (int k = 0; k < STEPS; k++) {
        double radius = reach * (k + 0.5) / STEPS, c[3] = {region[0], region[1], region[2]};
        for (size_t b = 0; b < count; b++)
            if (radius >= bands[b].inner && radius < bands[b].outer)
                over(c, bands[b].color, c);
        if (n == 0 || !same(runs[n - 1], c)) {
            memcpy(runs[n++], c, sizeof c);
        }
    }
    double least = HUGE_VAL;
    for (size_t i = 0; i < n; i++)
        for (int side = -1; side <= 1; side += 2) {
            long j = (long)i + side, k = j + side;
            if (!same(runs[i], region) || j < 0 || j >= (long)n || same(runs[j], region))
                continue;
            double edge = contrast(runs[i], runs[j]);
            if (k >= 0 && k < (long)n && !same(runs[k], region))
                edge = fmax(edge, contrast(runs[j], runs[k]));
            least = fmin(least, edge);
        }
    return least;
}

/* A data sample (theme_sample_bands: filled for a training sample, a ring
 * for a held-out one) on a cell of any class's region, its own or
 * another's (a misclassified sample, or one near the border), tinted from
 * the panel towards that class's colour by THEME_CLASS_REGION_LEAST to
 * _MOST, or on the bare panel (the logistic inset's tint fades to it at
 * its boundary): each place where it meets the ground has an edge of
 * SAMPLE_EDGE_CONTRAST or more, in both themes.  The light theme's white
 * casing left the green samples at 1.9 on their own region (outline 1.47,
 * fill against it 1.91); the held-out rings, in their colour alone, at
 * 1.3 on their own region and 1.2 on the violet one; the logistic inset's
 * green dots, cased white as the light theme's paths are, at 1.9.  The
 * dark theme's outline at 0.55 opacity left violet and brown samples at
 * 2.7 on the green region. */
static void test_samples_stand_out_on_their_region(void **state)
{
    (void)state;
    double least[2][2] = {{HUGE_VAL, HUGE_VAL}, {HUGE_VAL, HUGE_VAL}};
    const double tints[3] = {0.0, THEME_CLASS_REGION_LEAST, THEME_CLASS_REGION_MOST};
    for (int t = 0; t < 2; t++) {
        const Theme *theme = theme_get(t == 0 ? SCENE_THEME_DARK : SCENE_THEME_LIGHT);
        Rgba p = theme->panel;
        const double panel[3] = {(double)p.r, (double)p.g, (double)p.b};
        for (size_t c = 0; c < THEME_CLASS_COLORS; c++)
            for (size_t e = 0; e < THEME_CLASS_COLORS; e++)
                for (size_t k = 0; k < 3; k++)
                    for (int hollow = 0; hollow < 2; hollow++) {
                        double tint[3], region[3];
                        hex_rgb(theme_class_colors[e], tint);
                        for (int i = 0; i < 3; i++)
                            region[i] = panel[i] + tints[k] * (tint[i] - panel[i]);
                        ThemeBand bands[THEME_SAMPLE_BANDS];
                        size_t n = theme_sample_bands(theme, theme_class_color((int)c), hollow,
                                                      2.8, 1.0, bands);
                        double edge = sample_edge(bands, n, region);
                        if (edge < SAMPLE_EDGE_CONTRAST)
                            print_message("a %s sample of class %zu (%06X) on class %zu's region "
                                          "tinted %.2f in the %s theme: edge %.2f\n",
                                          hollow ? "held-out" : "training", c,
                                          (unsigned)theme_class_colors[c], e, tints[k],
                                          t == 0 ? "dark" : "light", edge);
                        least[t][hollow] = fmin(least[t][hollow], edge);
                    }
    }
    print_message("a sample's edge on any region: training at least %.2f (dark), %.2f (light); "
                  "held-out %.2f (dark), %.2f (light)\n",
                  least[0][0], least[1][0], least[0][1], least[1][1]);
    for (int t = 0; t < 2; t++)
        for (int hollow = 0; hollow < 2; hollow++)
            assert_true(least[t][hollow] >= SAMPLE_EDGE_CONTRAST);
}

/* The least distance of colour from a run colour of either theme, in
 * normal sight (*normal) and in any sight (*any). */
static void distance_from_runs(const double colour[3], double *normal, double *any)
{
    *normal = HUGE_VAL, *any = HUGE_VAL;
    for (int u = 0; u < 2; u++) {
        const Theme *runs = theme_get(u == 0 ? SCENE_THEME_DARK : SCENE_THEME_LIGHT);
        for (size_t k = 0; k < THEME_RUN_COLORS; k++) {
            double run[3];
            hex_rgb(runs->runs[k], run);
            *normal = fmin(*normal, distance(colour, run, 0));
            for (size_t s = 0; s < 4; s++)
                *any = fmin(*any, distance(colour, run, s));
        }
    }
}

/* The ring around a misclassified sample (theme.h's wrong) is no run's
 * colour: RING_FROM_RUN or more from every run colour of either theme in
 * normal sight, RING_FROM_RUN_ANY_SIGHT in every sight, and at
 * SAMPLE_EDGE_CONTRAST or more on the panel and on every class's region,
 * where it is drawn.  The warn colour it was drawn in, salmon, lay 34.5
 * from orange (7.7 in some sight), at a contrast of 2.05 on a region:
 * adam_vs_sgd_network 5's rings in Adam's panel read as GD's. */
static void test_wrong_ring_is_not_a_run(void **state)
{
    (void)state;
    const double tints[3] = {0.0, THEME_CLASS_REGION_LEAST, THEME_CLASS_REGION_MOST};
    for (int t = 0; t < 2; t++) {
        const Theme *theme = theme_get(t == 0 ? SCENE_THEME_DARK : SCENE_THEME_LIGHT);
        const double ring[3] = {(double)theme->wrong.r, (double)theme->wrong.g,
                                (double)theme->wrong.b};
        double normal, any, edge = HUGE_VAL;
        distance_from_runs(ring, &normal, &any);
        Rgba p = theme->panel;
        const double panel[3] = {(double)p.r, (double)p.g, (double)p.b};
        for (size_t e = 0; e < THEME_CLASS_COLORS; e++)
            for (size_t k = 0; k < 3; k++) {
                double tint[3], region[3];
                hex_rgb(theme_class_colors[e], tint);
                for (int i = 0; i < 3; i++)
                    region[i] = panel[i] + tints[k] * (tint[i] - panel[i]);
                edge = fmin(edge, contrast(ring, region));
            }
        print_message("the %s theme's ring: %.1f from a run colour (%.1f in any sight), "
                      "contrast %.2f on a region\n", t == 0 ? "dark" : "light", normal, any,
                      edge);
        assert_true(normal >= RING_FROM_RUN);
        assert_true(any >= RING_FROM_RUN_ANY_SIGHT);
        assert_true(edge >= SAMPLE_EDGE_CONTRAST);
    }
}

/* The ring round a sample of the last minibatch (theme.h's batch) is no
 * run's colour (as the misclassified ring: RING_FROM_RUN in normal sight,
 * RING_FROM_RUN_ANY_SIGHT in every sight), lies RING_FROM_RUN or more from
 * the samples' dots it rings (the theme's text on linreg's inset, the
 * classes' colours on logreg's), and stands at SAMPLE_EDGE_CONTRAST or
 * more on the inset's plot (the shade at 0.25 over the panel over the
 * slate, as data_view.c draws it).  In the mark's white, sgd_noise 4's
 * rings read as more of the white samples (review, issue 12). */
static void test_batch_ring_is_not_a_run_nor_a_sample(void **state)
{
    (void)state;
    for (int t = 0; t < 2; t++) {
        const Theme *theme = theme_get(t == 0 ? SCENE_THEME_DARK : SCENE_THEME_LIGHT);
        const double ring[3] = {(double)theme->batch.r, (double)theme->batch.g,
                                (double)theme->batch.b};
        double normal, any, sample;
        distance_from_runs(ring, &normal, &any);
        const double text[3] = {(double)theme->text.r, (double)theme->text.g,
                                (double)theme->text.b};
        sample = distance(ring, text, 0);
        for (size_t e = 0; e < THEME_CLASS_COLORS; e++) {
            double class[3];
            hex_rgb(theme_class_colors[e], class);
            sample = fmin(sample, distance(ring, class, 0));
        }
        const double slate[3] = {(double)theme->slate.r, (double)theme->slate.g,
                                 (double)theme->slate.b};
        double panel[3], plot[3];
        over(slate, theme->panel, panel);
        Rgba shade = theme->shade;
        shade.a = 0.25f;
        over(panel, shade, plot);
        double edge = contrast(ring, plot);
        print_message("the %s theme's batch ring: %.1f from a run colour (%.1f in any sight), "
                      "%.1f from a sample, contrast %.2f on the inset\n",
                      t == 0 ? "dark" : "light", normal, any, sample, edge);
        assert_true(normal >= RING_FROM_RUN);
        assert_true(any >= RING_FROM_RUN_ANY_SIGHT);
        assert_true(sample >= RING_FROM_RUN);
        assert_true(edge >= SAMPLE_EDGE_CONTRAST);
    }
}

/* Reads assets/colormaps/name.txt under DESCENT_DATA_DIR: '#' lines, then
 * 256 lines of r g b in 0..1.  Returns how many colours it read. */
#define MAP_COLOURS 256
static size_t read_colormap(const char *name, double rgb[MAP_COLOURS][3])
{
    const char *dir = getenv("DESCENT_DATA_DIR");
    char path[4096], line[256];
    snprintf(path, sizeof path, "%s/assets/colormaps/%s.txt", dir ? dir : ".", name);
    FILE *file = fopen(path, "r");
    assert_non_null(file);
    size_t n = 0;
    while (n < MAP_COLOURS && fgets(line, sizeof line, file))
        n += line[0] != '#' &&
             sscanf(line, "%lf %lf %lf", &rgb[n][0], &rgb[n][1], &rgb[n][2]) == 3;
    fclose(file);
    return n;
}

/* top (opacity a) over bottom, in sRGB as GL blends. */
static void blend(const double top[3], double a, const double bottom[3], double dest[3])
{
    for (int i = 0; i < 3; i++)
        dest[i] = a * top[i] + (1.0 - a) * bottom[i];
}

/* Every run's colour on the dark theme's landscape, as world.c draws a
 * trail: its casing (theme_trail_casing at the colour's opacity) over a
 * colour of viridis, magma or cividis, the run's colour at that opacity
 * over it, new (1, a head's disc too) and at its faded floor
 * (theme_trail_floor).  New, each stands at SAMPLE_EDGE_CONTRAST or more
 * against the casing it lies on; faded, at SAMPLE_EDGE_CONTRAST too (the
 * theme's trail_contrast: at 2, AdaGrad's faded bluish green read as a dark
 * line on viridis's greens, adaptive 2, issue 12), and
 * nearer its own colour than any other run's.  On main (casing 0.55,
 * every trail fading to 0.35) blue stood at 1.09 new (the casing over
 * viridis's yellow as light as it) and 1.37 faded, bluish green at 1.66
 * new, and faded yellow lay 71 from yellow, 51 from bluish green. */
static void test_runs_stand_out_on_the_landscape(void **state)
{
    (void)state;
    static const char *const maps[] = {"viridis", "magma", "cividis"};
    static double map[MAP_COLOURS][3];
    const Theme *theme = theme_get(SCENE_THEME_DARK);
    double least_new = HUGE_VAL, least_faded = HUGE_VAL;
    bool own_colour = true;
    for (size_t m = 0; m < sizeof maps / sizeof maps[0]; m++) {
        size_t n = read_colormap(maps[m], map);
        assert_int_equal(n, MAP_COLOURS);
        for (size_t k = 0; k < THEME_RUN_COLORS; k++) {
            double run[3];
            hex_rgb(theme->runs[k], run);
            double fade_floor = (double)theme_trail_floor(theme, theme_rgb(theme->runs[k], 1.0f));
            double worst[2] = {HUGE_VAL, HUGE_VAL}, own = 0.0, other = HUGE_VAL;
            for (size_t c = 0; c < n; c++)
                for (int faded = 0; faded < 2; faded++) {
                    double a = faded ? fade_floor : 1.0;
                    Rgba cased = theme_trail_casing(theme, (float)a);
                    const double casing[3] = {(double)cased.r, (double)cased.g, (double)cased.b};
                    double ground[3], seen[3];
                    blend(casing, (double)cased.a, map[c], ground);
                    blend(run, a, ground, seen);
                    worst[faded] = fmin(worst[faded], contrast(seen, ground));
                    for (size_t j = 0; faded && j < THEME_RUN_COLORS; j++) {
                        double rgb[3];
                        hex_rgb(theme->runs[j], rgb);
                        if (j == k)
                            own = fmax(own, distance(seen, rgb, 0));
                        else
                            other = fmin(other, distance(seen, rgb, 0));
                    }
                }
            if (worst[0] < SAMPLE_EDGE_CONTRAST || worst[1] < SAMPLE_EDGE_CONTRAST || own > other)
                print_message("run colour %zu (%06X) on %s: %.2f new, %.2f faded to %.2f, "
                              "then %.0f from its colour, %.0f from another run's\n",
                              k, (unsigned)theme->runs[k], maps[m], worst[0], worst[1], fade_floor,
                              own, other);
            least_new = fmin(least_new, worst[0]);
            least_faded = fmin(least_faded, worst[1]);
            own_colour = own_colour && own <= other;
        }
    }
    print_message("a run on the landscape: new at least %.2f, faded %.2f against its casing; "
                  "faded, nearest its own colour: %s\n",
                  least_new, least_faded, own_colour ? "yes" : "no");
    assert_true(least_new >= SAMPLE_EDGE_CONTRAST);
    assert_true(least_faded >= SAMPLE_EDGE_CONTRAST);
    assert_true(own_colour);
}

/* Every colour of viridis, magma and cividis as theme shows it (papered
 * in the light theme) in grounds; returns how many. */
#define MAP_GROUNDS (3 * MAP_COLOURS)
static size_t map_grounds(const Theme *theme, double grounds[MAP_GROUNDS][3])
{
    static const char *const maps[] = {"viridis", "magma", "cividis"};
    static double map[MAP_COLOURS][3];
    size_t count = 0;
    for (size_t m = 0; m < sizeof maps / sizeof maps[0]; m++) {
        assert_int_equal(read_colormap(maps[m], map), MAP_COLOURS);
        for (size_t c = 0; c < MAP_COLOURS; c++, count++) {
            Rgba g = theme_paper(theme, (Rgba){(float)map[c][0], (float)map[c][1],
                                               (float)map[c][2], 1.0f});
            grounds[count][0] = (double)g.r;
            grounds[count][1] = (double)g.g;
            grounds[count][2] = (double)g.b;
        }
    }
    return count;
}

/* Text and the dim text on a panel (its opacity over what lies under it:
 * the slate, or any colour of viridis, magma and cividis, papered in the
 * light theme) at THEME_TEXT_CONTRAST or more, in both themes.  On main
 * the dark theme's dim text (half opacity) stood at 3.53 on a panel over
 * viridis's yellow. */
static void test_text_reads_on_every_panel(void **state)
{
    (void)state;
    static double grounds[MAP_GROUNDS + 1][3];
    static const SceneTheme themes[] = {SCENE_THEME_DARK, SCENE_THEME_LIGHT};
    for (size_t t = 0; t < sizeof themes / sizeof themes[0]; t++) {
        const Theme *theme = theme_get(themes[t]);
        double least[2] = {HUGE_VAL, HUGE_VAL};
        /* The colormaps' grounds, then the slate. */
        size_t n = map_grounds(theme, grounds);
        grounds[n][0] = (double)theme->slate.r;
        grounds[n][1] = (double)theme->slate.g;
        grounds[n][2] = (double)theme->slate.b;
        for (size_t c = 0; c <= n; c++) {
            double panel[3], seen[3];
            over(grounds[c], theme->panel, panel);
            over(panel, theme->text, seen);
            least[0] = fmin(least[0], contrast(seen, panel));
            over(panel, theme->dim, seen);
            least[1] = fmin(least[1], contrast(seen, panel));
        }
        print_message("%s theme: text at least %.2f, dim text %.2f on a panel\n",
                      t == 0 ? "dark" : "light", least[0], least[1]);
        assert_true(least[0] >= THEME_TEXT_CONTRAST);
        assert_true(least[1] >= THEME_TEXT_CONTRAST);
    }
}

/* A label in a run's colour (an effective step's numbers) reads at
 * THEME_RUN_CONTRAST or more on its panel over any colour of viridis,
 * magma and cividis (papered in the light theme), for every run colour, in
 * both themes (theme_label_ink).  On main, the run's colour half way to
 * the text, blue stood at 2.9 on a panel over viridis's yellow, and
 * AdaGrad's bluish green read grey on teal in adaptive 3 (review). */
static void test_run_labels_read_on_the_map(void **state)
{
    (void)state;
    static double grounds[MAP_GROUNDS][3];
    static const SceneTheme themes[] = {SCENE_THEME_DARK, SCENE_THEME_LIGHT};
    for (size_t t = 0; t < sizeof themes / sizeof themes[0]; t++) {
        const Theme *theme = theme_get(themes[t]);
        double least = HUGE_VAL;
        size_t n = map_grounds(theme, grounds);
        for (size_t k = 0; k < THEME_RUN_COLORS; k++) {
            Rgba ink = theme_label_ink(theme, theme_rgb(theme->runs[k], 1.0f));
            const double seen[3] = {(double)ink.r, (double)ink.g, (double)ink.b};
            for (size_t c = 0; c < n; c++) {
                double panel[3];
                over(grounds[c], theme->label_panel, panel);
                least = fmin(least, contrast(seen, panel));
            }
        }
        print_message("%s theme: a run's label at least %.2f on its panel\n",
                      t == 0 ? "dark" : "light", least);
        assert_true(least >= THEME_RUN_CONTRAST);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classes_are_not_runs),
        cmocka_unit_test(test_classes_apart_in_every_sight),
        cmocka_unit_test(test_samples_stand_out_on_their_region),
        cmocka_unit_test(test_wrong_ring_is_not_a_run),
        cmocka_unit_test(test_batch_ring_is_not_a_run_nor_a_sample),
        cmocka_unit_test(test_runs_stand_out_on_the_landscape),
        cmocka_unit_test(test_text_reads_on_every_panel),
        cmocka_unit_test(test_run_labels_read_on_the_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
