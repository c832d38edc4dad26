/*
 * theme.h — the colours of everything drawn over the landscape: panels,
 * text, plot axes, marker casings, the runs' colours (categorical, or
 * along a scale for a sweep) and the data's classes' colours, and how light
 * the landscape's colormap is drawn (mixed towards white on paper).  Internal to src/render: hud.c and world.c read colours from
 * the renderer's current Theme instead of writing them down.
 */
#ifndef DESCENT_RENDER_THEME_H
#define DESCENT_RENDER_THEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scene/scene_options.h"
#include "shapes.h"

#define THEME_RUN_COLORS SCENE_RUN_COLORS

typedef struct Theme {
    Rgba slate;          /* around the landscape (the 3D box, the 2D map) and
                            behind a plot drawn alone: every colormap stands out */
    Rgba panel;          /* legend, plot, readout, caption backgrounds */
    Rgba text, dim;      /* body text; secondary text (labels, status, plot
                            ticks, formulas), at THEME_TEXT_CONTRAST or
                            more on a panel over any ground */
    Rgba warn;           /* a diverged or stalled run, errors */
    Rgba accent;         /* the keys in the help overlay */
    Rgba axis;           /* plot axes */
    Rgba shade;          /* the frame dimmed behind the help overlay */
    Rgba help_panel;     /* the help overlay's panel */
    Rgba casing;         /* the outline around marks on the landscape */
    Rgba path_casing;    /* the outline around runs' paths and heads: darker
                            than casing, so every run colour stands out
                            from it on every part of the colormap
                            (theme_trail_floor, tests/test_palettes.c) */
    Rgba class_outline;  /* around a data sample, on any class's tinted region
                            (theme_sample_bands) */
    Rgba mark;           /* minima rings, start crosses, lesson marks */
    Rgba wrong;          /* the ring around a sample the data panel's run
                            gets wrong (net_view.c), told apart from every
                            run colour: tests/test_palettes.c */
    Rgba batch;          /* the ring round a sample of the last minibatch
                            (data_view.c's inset), told apart from every
                            run colour and from the samples' dots:
                            tests/test_palettes.c */
    Rgba field;          /* the gradient field's arrows, uncased on the colormap */
    Rgba label_panel;    /* behind labels on the landscape */
    float contour_strength; /* darkening at a contour line's centre */
    float trail_contrast;   /* the least contrast a faded trail keeps against
                               its casing (theme_trail_floor) */
    float landscape_paper;  /* the landscape's colormap mixed this far towards
                               white, 0..1 (the colour bar's too) */
    uint32_t runs[THEME_RUN_COLORS]; /* runs' colours, 0xRRGGBB, in order */
    float sweep_from, sweep_to; /* the part of the sweep colormap runs take */
} Theme;

/* The classes' colours in a network's data pictures and the logistic
 * regression's inset, 0xRRGGBB, in either theme; more classes repeat them. */
#define THEME_CLASS_COLORS 4
extern const uint32_t theme_class_colors[THEME_CLASS_COLORS];
/* How far a class's region is tinted from the panel towards its colour
 * where the network is surest (net_view.c; a cell at chance takes
 * THEME_CLASS_REGION_LEAST): the ground a sample of that class is drawn
 * on, which tests/test_palettes.c measures its contrast against. */
#define THEME_CLASS_REGION_LEAST 0.2
#define THEME_CLASS_REGION_MOST 0.6

/* How every picture of data draws a sample (net_view.c's data panel,
 * net_ensemble_view.c's thumbnails, net_repr_view.c's points, data_view.c's
 * insets; render_sample draws it): its colour as a disc (a training
 * sample) or as a ring THEME_SAMPLE_RING_HALF * 2 wide (a held-out one),
 * and the theme's class_outline THEME_SAMPLE_OUTLINE wide on every edge
 * the colour has against the ground: around a disc, outside and inside a
 * ring, whose hole shows the ground.  A band of the picture from radius
 * inner (0: a disc) to outer, pixels. */
typedef struct ThemeBand {
    double inner, outer;
    Rgba color;
} ThemeBand;
#define THEME_SAMPLE_OUTLINE 0.9
#define THEME_SAMPLE_RING_HALF 0.9
#define THEME_SAMPLE_BANDS 2

/* A sample of colour at radius (a disc's edge, a ring's centre line)
 * times scale as bands, bottom first; returns how many. */
size_t theme_sample_bands(const Theme *theme, Rgba color, bool hollow, double radius,
                          double scale, ThemeBand bands[THEME_SAMPLE_BANDS]);

/* Least luminance contrast (WCAG 2's: 3 for a graphical object) of a
 * run's colour, new and on its head, against the path casing it lies on,
 * whatever part of the colormap lies under that casing (tests/
 * test_palettes.c); and of a faded trail's, which has to be less: at 3
 * (floors of 0.61 and more) momentum 4's old swings, as bright as its
 * newest, read as one mass (tests/test_window.c's
 * test_swings_resolved_on_small_map). */
#define THEME_RUN_CONTRAST 3.0
/* Least luminance contrast of text, the dim included, on a panel over
 * whatever lies under it (the slate, any colour of any colormap): WCAG 2's
 * 4.5 for body text (tests/test_palettes.c).  A projector washes contrast
 * out: the dim text at half opacity stood at 3.5 on a panel over viridis's
 * yellow and read as faint grey in review. */
#define THEME_TEXT_CONTRAST 4.5
/* The least opacity any trail fades to (theme_trail_floor). */
#define THEME_TRAIL_LEAST 0.35

/* The path casing under a trail's colour drawn at opacity a: opaquer as
 * the colour fades, so the faded colour is seen over the casing, not the
 * landscape (pink over green read grey, welcome 4's run 3). */
Rgba theme_trail_casing(const Theme *theme, float a);

/* The opacity color's trail fades to: the least, from THEME_TRAIL_LEAST,
 * at which it keeps the theme's trail_contrast against its casing
 * (theme_trail_casing) over the darkest and the lightest landscape, and
 * lies nearer (CIELAB) its own colour than any other run colour of the
 * theme: at 0.35 over a 0.55 casing faded blue stood at 1.4 against its
 * casing, and yellow, olive, lay nearer orange than yellow.  A colour short
 * of that even new fades to THEME_TRAIL_LEAST, as every trail once did. */
float theme_trail_floor(const Theme *theme, Rgba color);

/* The theme's colours (never NULL; an unknown theme is the dark one). */
const Theme *theme_get(SceneTheme theme);

/* A colormap colour as theme draws the landscape: mixed landscape_paper
 * towards white, as the shaders do (shaders/contour.glsl). */
Rgba theme_paper(const Theme *theme, Rgba color);

/* The ink of a label in a run's colour (an effective step's numbers on the
 * map, a network's "run N: … off the slice" and its sharpness plot's
 * values): the run's colour most of the way to the theme's text, at
 * THEME_RUN_CONTRAST or more on a label's panel over any colour of the
 * landscape (tests/test_palettes.c).  Half way, AdaGrad's bluish green
 * read grey on teal in adaptive 3 (review), and blue stood at 2.9 on a
 * panel over viridis's yellow. */
Rgba theme_label_ink(const Theme *theme, Rgba run);

/* 0xRRGGBB as a colour of opacity a. */
Rgba theme_rgb(uint32_t rgb, float a);

/* Class c's colour (theme_class_colors; grey for a negative c: no class). */
Rgba theme_class_color(int c);

#endif
