/* theme.c — see theme.h. */
#include "theme.h"

#include <math.h>

/* Runs on a dark theme: the Okabe–Ito palette (Okabe & Ito, "Color
 * Universal Design", 2008), told apart with any common form of colour
 * blindness; orange, sky blue, reddish purple, bluish green, yellow,
 * vermillion, blue, ordered so the first runs contrast most on viridis and
 * magma under a dark casing.  Black is left out (the casing is black). */
static const Theme dark = {
    .slate = {0.13f, 0.14f, 0.17f, 1.0f},
    .panel = {0.07f, 0.08f, 0.11f, 0.80f},
    .text = {0.95f, 0.95f, 0.95f, 1.0f},
    /* 0.7: 5.3 on a panel over viridis's yellow, 8.3 over the slate. */
    .dim = {0.95f, 0.95f, 0.95f, 0.7f},
    .warn = {1.0f, 0.55f, 0.45f, 1.0f},
    .accent = {1.0f, 0.85f, 0.4f, 1.0f},
    .axis = {1.0f, 1.0f, 1.0f, 0.35f},
    .shade = {0.0f, 0.0f, 0.0f, 0.35f},
    .help_panel = {0.07f, 0.08f, 0.11f, 0.94f},
    .casing = {0.0f, 0.0f, 0.0f, 0.55f},
    /* At the marks' 0.55 the casing over viridis's yellow was as light as
     * blue (0x0072B2): its trail stood at 1.1 against it, its faded trail
     * at 1.4 on viridis's dark blues (test_palettes). */
    .path_casing = {0.0f, 0.0f, 0.0f, 0.9f},
    /* Darker than the casing: at its 0.55 a violet or brown sample on the
     * green region (a misclassified one) stood at 2.7 (test_palettes). */
    .class_outline = {0.0f, 0.0f, 0.0f, 0.7f},
    .mark = {1.0f, 1.0f, 1.0f, 0.95f},
    /* The warn colour's salmon lay 34.5 ΔE from run 1's orange (7.7 to a run
     * colour in some colour-blind sight): misclassified rings in Adam's panel read as
     * GD's.  White lies 47 from every run colour (21 in any sight), and at
     * a contrast of 4.6 on every class's region. */
    .wrong = {1.0f, 1.0f, 1.0f, 1.0f},
    /* Violet (0xEA00FF): in white, the mark's colour, sgd_noise 4's
     * rings read as more of the white samples they ring (review, issue
     * 12).  It lies 80 from every run colour (23 in any sight), 42 from
     * every sample's colour, at a contrast of 5.3 on the inset. */
    .batch = {0.918f, 0.0f, 1.0f, 1.0f},
    .field = {1.0f, 1.0f, 1.0f, 0.7f},
    .label_panel = {0.0f, 0.0f, 0.0f, 0.6f},
    .contour_strength = 0.35f,
    /* 3, as a sample's edge: at 2 AdaGrad's faded bluish green (0.49)
     * read as a dark line on viridis's greens (adaptive 2, issue 12). */
    .trail_contrast = 3.0f,
    .runs = {0xE69F00, 0x56B4E9, 0xCC79A7, 0x009E73, 0xF0E442, 0xD55E00, 0x0072B2},
    .sweep_from = 0.5f,
    .sweep_to = 0.97f,
};

/* On paper and bright projectors: light panels and dark text, and a light
 * landscape: the colormap mixed 60% towards white keeps its order of
 * colours (low to high still reads) while paths, marks, the gradient
 * field and contours drawn dark stand out on all of it, and a page is
 * not a block of ink.  Paths and marks are dark inside a white casing,
 * and the runs take the palette's darker half first (its yellow and sky
 * blue vanish on white).  Contours are darker, as print and projectors
 * wash out fine lines. */
static const Theme light = {
    .slate = {0.90f, 0.91f, 0.93f, 1.0f},
    .panel = {0.98f, 0.98f, 0.97f, 0.90f},
    .text = {0.08f, 0.09f, 0.12f, 1.0f},
    /* 0.75: 7.4 on a panel over any papered colour, 7.7 over the slate. */
    .dim = {0.08f, 0.09f, 0.12f, 0.75f},
    .warn = {0.74f, 0.14f, 0.08f, 1.0f},
    .accent = {0.70f, 0.36f, 0.0f, 1.0f},
    .axis = {0.0f, 0.0f, 0.0f, 0.45f},
    .shade = {1.0f, 1.0f, 1.0f, 0.45f},
    .help_panel = {0.98f, 0.98f, 0.97f, 0.96f},
    .casing = {1.0f, 1.0f, 1.0f, 0.85f},
    .path_casing = {1.0f, 1.0f, 1.0f, 0.85f},
    /* Dark, unlike the casing: a white ring on a pale region left green
     * samples on their own region at a luminance contrast of 1.5 (fill
     * 1.3); test_palettes asks for 3 on every region's tint. */
    .class_outline = {0.08f, 0.09f, 0.12f, 0.9f},
    .mark = {0.05f, 0.05f, 0.07f, 0.95f},
    /* Navy (0x001188): black is a run colour here, and the warn colour's
     * red lay 25 ΔE from run 1's vermillion; navy lies 59 from every run
     * colour (29 in any sight), at a contrast of 5.3 on every region. */
    .wrong = {0.0f, 0.067f, 0.533f, 1.0f},
    /* Violet (0x6A00FF): 100 from every run colour (29 in any sight), 41
     * from every sample's colour, at a contrast of 6.6 on the inset. */
    .batch = {0.416f, 0.0f, 1.0f, 1.0f},
    .field = {0.05f, 0.05f, 0.1f, 0.75f},
    .label_panel = {1.0f, 1.0f, 1.0f, 0.85f},
    .contour_strength = 0.5f,
    /* Bluish green and reddish purple stand under 3 new on a white
     * casing: at 3 they would fade to THEME_TRAIL_LEAST. */
    .trail_contrast = 2.0f,
    .landscape_paper = 0.6f,
    .runs = {0xD55E00, 0x0072B2, 0x009E73, 0xCC79A7, 0x000000, 0xE69F00, 0x56B4E9},
    .sweep_from = 0.05f,
    .sweep_to = 0.72f,
};

/* Classes are told apart from every run, in both themes: a student read
 * the data panel's vermillion class (Okabe–Ito's, as every run colour is)
 * as run 1's orange points, its blue as run 2's sky blue.  Violet, green,
 * magenta and brown lie 43 or more CIELAB units (ΔE76) from each of the
 * eight colours the runs take (vermillion lay 33 from orange), each two of
 * them 31 or more apart as a protanope, deuteranope or tritanope sees them
 * (Machado, Oliveira & Fernandes 2009), and 55 or more from either theme's
 * panel, which they are drawn on: tests/test_palettes.c measures all three. */
const uint32_t theme_class_colors[THEME_CLASS_COLORS] = {0x8855EE, 0x66CC44, 0xEE1188, 0x886633};

const Theme *theme_get(SceneTheme theme)
{
    return theme == SCENE_THEME_LIGHT ? &light : &dark;
}

Rgba theme_paper(const Theme *theme, Rgba color)
{
    float p = theme->landscape_paper;
    return (Rgba){color.r + p * (1.0f - color.r), color.g + p * (1.0f - color.g),
                  color.b + p * (1.0f - color.b), color.a};
}

Rgba theme_label_ink(const Theme *theme, Rgba run)
{
    const float toward_text = 0.7f;
    Rgba t = theme->text;
    return (Rgba){run.r + toward_text * (t.r - run.r), run.g + toward_text * (t.g - run.g),
                  run.b + toward_text * (t.b - run.b), 1.0f};
}

Rgba theme_trail_casing(const Theme *theme, float a)
{
    Rgba casing = theme->path_casing;
    casing.a = 1.0f - (1.0f - casing.a) * a;
    return casing;
}

/* sRGB component (0..1) as linear light. */
static double linear(float component)
{
    double c = (double)component;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

/* WCAG 2's relative luminance of an sRGB colour. */
static double luminance(Rgba c)
{
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

static double lab_f(double t)
{
    return t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

/* The CIELAB distance (ΔE76, D65 white) between two sRGB colours. */
static double lab_distance(Rgba a, Rgba b)
{
    double d = 0.0, la[3], lb[3];
    for (int k = 0; k < 2; k++) {
        Rgba c = k == 0 ? a : b;
        double r = linear(c.r), g = linear(c.g), bl = linear(c.b), *lab = k == 0 ? la : lb;
        double fx = lab_f((0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047);
        double fy = lab_f(0.2126 * r + 0.7152 * g + 0.0722 * bl);
        double fz = lab_f((0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883);
        lab[0] = 116.0 * fy - 16.0, lab[1] = 500.0 * (fx - fy), lab[2] = 200.0 * (fy - fz);
    }
    for (int i = 0; i < 3; i++)
        d += (la[i] - lb[i]) * (la[i] - lb[i]);
    return sqrt(d);
}

/* top at its opacity over bottom, opaque, blended in sRGB as GL does. */
static Rgba over(Rgba top, Rgba bottom)
{
    float a = top.a;
    return (Rgba){top.r * a + bottom.r * (1.0f - a), top.g * a + bottom.g * (1.0f - a),
                  top.b * a + bottom.b * (1.0f - a), 1.0f};
}

static double contrast(Rgba a, Rgba b)
{
    double ya = luminance(a), yb = luminance(b);
    return (fmax(ya, yb) + 0.05) / (fmin(ya, yb) + 0.05);
}

/* Measured over black and white, a colour of the landscape between them
 * may stand a little worse: the measures of trail_readable with this much
 * to spare (a contrast ratio, a CIELAB distance). */
#define TRAIL_SPARE_CONTRAST 0.1
#define TRAIL_SPARE_DISTANCE 4.0

/* Whether color at opacity a over its trail's casing stands at least
 * least_contrast against that casing over the darkest and the lightest
 * ground the theme's landscape can be (black and white, on paper), and
 * (faded) lies nearer color than any other of the theme's run colours. */
static bool trail_readable(const Theme *theme, Rgba color, float a, double least_contrast,
                           bool faded)
{
    const Rgba grounds[2] = {theme_paper(theme, (Rgba){0.0f, 0.0f, 0.0f, 1.0f}),
                             theme_paper(theme, (Rgba){1.0f, 1.0f, 1.0f, 1.0f})};
    Rgba top = color;
    top.a = a;
    for (int k = 0; k < 2; k++) {
        Rgba casing = over(theme_trail_casing(theme, a), grounds[k]), seen = over(top, casing);
        if (contrast(seen, casing) < least_contrast + TRAIL_SPARE_CONTRAST)
            return false;
        double own = lab_distance(seen, color);
        for (size_t i = 0; faded && i < THEME_RUN_COLORS; i++) {
            Rgba other = theme_rgb(theme->runs[i], 1.0f);
            if (lab_distance(other, color) > 0.0 &&
                lab_distance(seen, other) < own + TRAIL_SPARE_DISTANCE)
                return false;
        }
    }
    return true;
}

float theme_trail_floor(const Theme *theme, Rgba color)
{
    enum { STEPS = 100 };
    double least = (double)theme->trail_contrast;
    if (!trail_readable(theme, color, 1.0f, least, true))
        return (float)THEME_TRAIL_LEAST;
    float a = (float)THEME_TRAIL_LEAST;
    for (int k = 0; k < STEPS && !trail_readable(theme, color, a, least, true); k++)
        a = (float)(THEME_TRAIL_LEAST + (1.0 - THEME_TRAIL_LEAST) * (k + 1) / STEPS);
    return a;
}

Rgba theme_rgb(uint32_t rgb, float a)
{
    return (Rgba){(float)((rgb >> 16) & 0xFF) / 255.0f, (float)((rgb >> 8) & 0xFF) / 255.0f,
                  (float)(rgb & 0xFF) / 255.0f, a};
}

Rgba theme_class_color(int c)
{
    return c < 0 ? (Rgba){0.5f, 0.5f, 0.5f, 1.0f}
                 : theme_rgb(theme_class_colors[(size_t)c % THEME_CLASS_COLORS], 1.0f);
}

size_t theme_sample_bands(const Theme *theme, Rgba color, bool hollow, double radius,
                          double scale, ThemeBand bands[THEME_SAMPLE_BANDS])
{
    double edge = THEME_SAMPLE_OUTLINE * scale;
    double half = hollow ? THEME_SAMPLE_RING_HALF * scale : 0.0;
    double inner = hollow ? fmax(0.0, radius - half) : 0.0, outer = radius + half;
    bands[0] = (ThemeBand){inner > 0.0 ? fmax(0.0, inner - edge) : 0.0, outer + edge,
                           theme->class_outline};
    bands[1] = (ThemeBand){inner, outer, color};
    return THEME_SAMPLE_BANDS;
}
