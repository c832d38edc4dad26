/*
 * layout.h — where the HUD's panels go: one computation, from the frame's
 * size and what each shown panel needs, of every panel's rectangle.  Pure
 * arithmetic (no GL, no fonts): the parts measure their text, this places
 * it, and nothing else positions a panel.
 *
 *   legend     top left (lesson title, landscape, runs, status)
 *   formula    top right; below the legend when it would reach across it
 *   readout    over the map, a corner of it (below)
 *   loss       bottom right, the dynamics plot above it, the colour bar
 *   dynamics   above that
 *   colorbar
 *   inset      bottom left (data landscapes)
 *   caption    at the bottom, the presenter's hint beside it where it
 *   hint       fits there no higher than it, else above it (the window
 *              only)
 *   notice     beside the map or over it, off the runs (below)
 *
 * Where those places overlap, the colour bar moves to the top right, then
 * under the legend, then beside the plots at the floor (their bottoms
 * level); the dynamics plot to the left of the loss plot, their bottoms
 * level.  Each of these is tried once more with
 * the plots' column (loss, dynamics, colour bar) at the left, stacked up
 * from the inset or the floor: a long legend and the map then share the
 * top, the map reaching down to the caption (welcome's last step).
 *
 * The caption sits in the strip between the inset and the plots while its
 * text fits there beside everything else in at most one line more than
 * across the frame (the roomy frame) and no higher than
 * LAYOUT_CAPTION_SHARE of the frame; otherwise it spans the bottom and the
 * inset and plots stand on it, or it sits beside the inset (on the same
 * terms) and the plots stand on it.  Only where none of these holds every
 * panel does it go beside them at any height (Layout.caption_held false),
 * which the layout test fails.  Flexible panels
 * (the plots, the inset) shrink together, from the size they ask for
 * towards their least, until every two panels lie Layout.apart apart
 * (half a gap, LAYOUT_APART_LEAST at least)
 * (LayoutInput.gap; touching only where no arrangement holds the caption
 * so: Layout.flush) and none of them is wider than 45% of the frame (the
 * landscape stays in view); then panels with a compact form take it one
 * more at a time (colour bar, loss plot, dynamics plot, inset, legend:
 * the inset's is a square too small to read), the search running again
 * each time
 * (LayoutInput.compact: the colour bar's labels on two lines, the loss
 * plot at its least, a smaller least inset, the
 * dynamics plot's title across its panel, hud.c's legend without its
 * formula and its status; no plot's curves get less room than
 * LAYOUT_PLOT_AREA_LEAST).  The caption's and the hint's text is never made
 * smaller; the notice's only to the least text size, over a map it would
 * cover much of (layout_place_over_map).  Only a frame too small for every panel at its least drops
 * panels, the least needed first (colour bar, loss plot, inset,
 * formula, dynamics plot, hint: the dynamics plot, which a step
 * shows because its caption is about it, outranks the loss plot every step
 * has); complete says whether that happened.  The layout test
 * (tests/test_layout.c) holds every shipped lesson step to no drop at the
 * classroom sizes.
 *
 * The landscape goes where the panels leave room (Layout.landscape): of the
 * rectangles of the frame that lie Layout.apart off every panel, as large
 * as they can be (each side so far off a panel's edge, or on the frame's,
 * within the panels' margin from it where any panel is shown), the one
 * with the best map
 * score (layout_map_score: the asked-for view's height on it, times the
 * map's side), the larger of two that score alike, in whole pixels.  The
 * view alone would take a square view's largest square beside a wide
 * legend and leave half a 16:9 frame empty (welcome's first step); the
 * side alone would take a wide strip that shows the view small.  The view is fitted into it
 * (viewport_fit_at: the plane's scales stay equal) and nothing on the map
 * is drawn outside it, so no panel covers a run.  The hover readout and
 * the notice do not count (layout_over_map): everything else is laid out
 * as if neither were there, and layout_place_over_map lays them over the
 * map (the notice beside it where there is room), off the runs where it
 * allows.
 * Without panels the landscape is the whole frame.  The panels make room
 * for it: of the arrangements above at one stage (full size, then shrunk;
 * each set of compact forms), a later one is taken over an earlier one
 * only when its map scores more than 10% higher; and when the map
 * still shows the view less than 0.4 of the frame high, the panels at
 * their least and in their compact forms are tried, on the same terms
 * (at a third, welcome's last step in Chinese at 1280x720 --projector kept
 * a full-size loss plot and a map 0.34 high; its least gives 0.74), or
 * for a map that shows the view 10% higher and scores no lower: by the
 * score alone sharp_flat 6 at 1280x720 --projector kept a strip 626x267,
 * the frame empty under the colour bar, over a map showing the view 295
 * pixels high, not 267, that scored 4% higher (issue 12).  The
 * arrangement taken, its panels then grow back to the height they ask for,
 * their widths kept, as far as the map keeps its score: plots at their
 * least standing on the caption left the frame empty above them.
 *
 * Notes on the map (LayoutInput.notes) take part of the free rectangle
 * chosen: the narrowest strip down its left that holds them whole (no
 * narrower than the view at the rectangle's full height leaves), or the
 * rows above the map; or they go in the top row (below); whichever
 * leaves the map the best score; the score the search weighs is the
 * map's beside them.  Placed above the picture after the layout, they
 * had left representation 2's picture 0.13 of the frame high at
 * 1920x1080 --projector.
 *
 * The dynamics plot (or the experiment's, in its place) is what a step
 * that shows it is about: when it asks for half the frame's height or
 * more, the layout first keeps it at the size it asks for (its least
 * raised to it: Layout.dynamics_held), and takes that wherever every
 * panel is still placed, the caption held and the map still 0.33 of the
 * frame high and at least 0.82 as high as the plot shrunk would leave
 * it; elsewhere the plot shrinks like the others.  A plot that is the
 * subject however much it asks for (LayoutInput.dynamics_subject: the
 * network's sharpness panel, shown only where asked for; an experiment's
 * plot, escape 4's 88 pixels high at 1280x720 --projector) is held the same
 * way, and where that fails is raised as far towards its ask as still
 * places every panel, the caption held, the map 0.82 as high as before
 * and no lower than before or 0.33 of the frame: batch_and_flatness 4 at
 * 1280x720 --projector, its caption about the sharpness plot, drew it 56
 * pixels high under a larger map (now 171).  The experiment's plot
 * asks for a plotting area 0.25 of the frame high (experiment_plot.c):
 * escape 2 at 1280x720 --projector drew its points against the theory's
 * line in 60 pixels, now 180.  The data inset, shrunk under the height
 * it asks for, is raised towards it the same way, as far as every panel
 * is still placed, the caption held, and the map no lower than 0.4 of the
 * frame (or than it was): at its least a network's data panel drew its
 * picture 52 pixels wide beside a map 0.70 of the frame high
 * (batch_and_flatness at 960x540 recorded; now 0.53, the picture 160).
 *
 * Where panels touch (Layout.flush), the flexible ones then take their
 * least widths, their heights kept, where the map scores higher: the
 * frame is too tight for the gaps, and the map had lost to the sharpness
 * plot the width the notice needed to keep off the pointer (sharp_flat 6
 * in the window at 1280x720 --projector).
 *
 * Notes in the top row stand beside the panels there (their widest free
 * place at the frame's top margin); a strip of them never holds
 * more than twice the rows they take across the frame (representation 2
 * at 1280x720 --projector wrapped three notes into eight rows of two or
 * three words beside a picture 255 pixels wide; now six rows beside the
 * legend, the picture 540 wide under them).
 *
 * Labels on the landscape (layout_place_label) are placed against the
 * labels placed before them: runs at one place stack their labels.
 */
#ifndef DESCENT_RENDER_LAYOUT_H
#define DESCENT_RENDER_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct LayoutRect {
    double x, y, w, h;      /* pixels, origin top left */
} LayoutRect;

typedef enum LayoutPanel {
    LAYOUT_LEGEND,
    LAYOUT_FORMULA,
    LAYOUT_READOUT,
    LAYOUT_LOSS,
    LAYOUT_DYNAMICS,
    LAYOUT_COLORBAR,
    LAYOUT_INSET,
    LAYOUT_CAPTION,
    LAYOUT_HINT,
    LAYOUT_NOTICE,
    LAYOUT_PANELS
} LayoutPanel;

/* What a panel needs.  A fixed panel asks for w x h; a flexible one (min
 * below it) takes any size between min and w x h, moving both sides by the
 * same share of the way.  cut: its text could not be shown whole even at
 * w x h (a panel cuts with "…" only then). */
typedef struct LayoutRequest {
    bool shown;
    double w, h;
    double min_w, min_h;
    bool cut;
} LayoutRequest;

/* A wrapped text panel (caption, hint, notice): its outer size when it may be at
 * most max_width wide (*w <= max_width); *cut when its text needs more
 * lines than it can hold at that width. */
typedef void (*LayoutWrapFn)(void *context, double max_width, double *w, double *h, bool *cut);

/* How clear a panel over the map lies (layout_place_over_map), best
 * first: off the points it keeps off and the map's marks (its labels and
 * minima's rings), off the points alone, on a point, or at no place over
 * the map or beside it. */
typedef enum LayoutClear {
    LAYOUT_CLEAR,
    LAYOUT_ON_MARKS,
    LAYOUT_ON_POINTS,
    LAYOUT_NO_PLACE
} LayoutClear;

typedef struct LayoutText {
    bool shown;
    LayoutWrapFn wrap;
    void *context;
    double line;            /* its line height */
} LayoutText;

typedef struct LayoutInput {
    double width, height;   /* the frame */
    double margin;          /* between the panels (and the map) and the
                               frame's edge */
    double gap;             /* between panels, and between a panel
                               and the map */
    LayoutRequest panel[LAYOUT_PANELS]; /* all but the texts below */
    LayoutRequest compact[LAYOUT_PANELS]; /* a narrower form, shown where a
                                             panel has one: tried before any
                                             panel is dropped */
    LayoutText caption, hint; /* the bottom band, from the bottom up */
    LayoutText notice;      /* beside the map or over it
                               (layout_place_over_map) */
    LayoutText notice_compact; /* the notice at the least text size
                                  (render_least_font_px): shown where
                                  that is smaller than its own */
    LayoutRect notice_held; /* the notice's place in the frame before
                               (w == 0: none), which it keeps while that
                               stays clear (layout_place_over_map) */
    bool vacant[LAYOUT_PANELS]; /* room kept for a panel that is not
                                   drawn (another step's of the group):
                                   the notice may lie on it */
    LayoutText notes;       /* text on the map beside the picture, while
                               the legend takes its compact form (which
                               leaves it out): a network picture's notes
                               (net_view.c); wrap gives its outer size
                               at a width, cut when it needs more rows
                               than it has */
    bool dynamics_subject;  /* the dynamics plot is what the step is
                               about, whatever it asks for (see above) */
    double landscape_aspect; /* the asked-for view's width over its height
                                (in 3D: the box's picture's, surface.h) */
} LayoutInput;

typedef struct Layout {
    LayoutRect rect[LAYOUT_PANELS];
    bool shown[LAYOUT_PANELS];      /* placed: asked for and not dropped */
    LayoutRequest need[LAYOUT_PANELS]; /* what each asked (caption, hint,
                                          notice: their size at the placed
                                          width) */
    bool complete;                  /* every panel asked for is placed */
    bool caption_across;            /* the caption spans the bottom */
    double band_width;              /* the width the caption was given
                                       (LayoutWrapFn's max_width) */
    double hint_width;              /* the hint's: band_width, or less
                                       beside the caption */
    double notice_width;            /* the notice's (below) */
    LayoutClear notice_clear;       /* how clear its place is (below) */
    double shrink;                  /* flexible panels' share of the way from
                                       their width towards their least, 0..1
                                       (their heights may have grown back) */
    bool compact[LAYOUT_PANELS];    /* the panel takes its compact form */
    bool caption_held;              /* the caption kept within
                                       LAYOUT_CAPTION_SHARE where beside the
                                       plots it would pass it (false: no
                                       arrangement held it without dropping
                                       a panel) */
    bool flush;                     /* panels that do not stack may touch:
                                       no arrangement held the caption
                                       with them half a gap apart (escape
                                       2 at 1280x720 --projector, its
                                       experiment's plot between the
                                       legend and the caption) */
    bool dynamics_held;             /* the dynamics plot keeps the height
                                       it asks for (layout_compute) */
    double apart;                   /* the least room kept between a panel
                                       and the map, and between panels that
                                       do not stack (flush aside) */
    LayoutRect landscape;           /* where the map is drawn (see above) */
    LayoutRect notes;               /* where the notes go, beside the map
                                       (w == 0: none; see above) */
    int band;                       /* the arrangement taken (layout.c's */
    size_t placing;                 /* own numbering) */
} Layout;

/* The most of the map's area the notice covers at its own text size;
 * where it would cover more it takes the least (layout_place_over_map).
 * At 1280x720 --projector the first notice, 369x140 at 31 pixels, lay over
 * 0.43 of welcome 2's map. */
#define LAYOUT_NOTICE_SHARE 0.2

/* The most of the map's area the hover readout covers in its full form;
 * where it would cover more it takes its compact one
 * (layout_place_over_map).  In the window at 1280x720 --projector the full
 * form, six lines at 27 pixels, lay over 0.42 of adaptive 3's map. */
#define LAYOUT_READOUT_SHARE 0.2

/* The least height of a plot's plotting area (the curve's room between
 * its axis's top and bottom labels), in pixels at scale 1, times the
 * frame's scale (the projector's included).  Every plot's least size, in
 * its compact form too (hud.c, dynamics.c, net_plots.c), keeps it, so the
 * layout trades room elsewhere (the plots side by side, the map smaller
 * within its floor) before it squeezes a curve: at 1280x720 --projector
 * edge_of_stability 2 drew its sharpness 38 pixels high (now 56), the 2/η
 * note over the curve. */
#define LAYOUT_PLOT_AREA_LEAST 32.0

/* The most of the frame's height a caption may take: four lines at
 * 1280x720 --projector (0.286; five are 0.343), the least frame a
 * classroom projects.  Past it a class reads while the picture it is about
 * shrinks (19 of the shipped lessons' captions took 0.34 to 0.40 there,
 * five or six lines, before they were cut to this).  The layout keeps the
 * caption across the frame where beside the plots it would pass this,
 * unless that drops a panel; tests/test_layout.c holds every step of every
 * lesson, en and zh, at every classroom size to it.  A caption over it
 * says less: its text is never made smaller. */
#define LAYOUT_CAPTION_SHARE 0.3

/* The least room, in the frame's pixels, between a panel and the map and
 * between two panels that do not stack, where the gap is as wide (half
 * the gap elsewhere, layout.c's APART_SHARE): half the gap was 3 pixels at
 * 960x540 recorded, and the legend, the colour bar and the loss plot read
 * as touching the map (issue 12). */
#define LAYOUT_APART_LEAST 6.0

/* A later arrangement is taken over an earlier one only when its map
 * scores this much higher (layout_map_score). */
#define LAYOUT_MAP_GAIN 1.1

/* The view's height on the map l made for in, in pixels. */
double layout_map_view(const LayoutInput *in, const Layout *l);

/* What the search makes room for: layout_map_view times the root of the
 * map's area (pixels squared). */
double layout_map_score(const LayoutInput *in, const Layout *l);

/* Places the panels in->panel and the band's texts ask for, all but
 * those over the map (layout_over_map), which layout_place_over_map
 * places on the layout made. */
void layout_compute(const LayoutInput *in, Layout *out);

/* Whether panel p lies over the map, coming and going: the readout with
 * the pointer, the notice with the keys.  The map is laid out without
 * them, so it stays under the pointer, and the point under them is still
 * the map's (render_plane_point). */
bool layout_over_map(LayoutPanel p);

/* The panels over the map (where in asks for them) on out, made by
 * layout_compute from in, each off the count points of avoid (frame
 * pixels: the renderer gives the runs' starts and heads and the
 * pointer's point, hud.c) that lie on the map where a place that fits
 * allows, else where it fits first.  The readout over a corner of the
 * map, a gap in from its edges: the top right first, then the top left,
 * the bottom right, the bottom left, in its full form, then its compact
 * one; not shown where none fits; at the first such corner off the marks
 * (below) too that leaves the notice a place off both, else at the first
 * that leaves the notice a place off the points.  Then the notice, off the readout:
 * beside the map where the panels leave room (a gap from it and from
 * them; on room kept for a panel not drawn, LayoutInput.vacant), below
 * it, above, left, right; else over it, a gap in from its edges, at its
 * foot, its head, then their corners; at its own text size, then at the
 * least (LayoutInput.notice_compact; over the map at its own only where
 * it covers at most LAYOUT_NOTICE_SHARE of it); each wrapped to the map's
 * width less a gap each side (at most the band's), then a line more at
 * a time, never taller than wide (Layout.notice_width, Layout.compact);
 * at its own text size before the least beside the map, each wrap at both
 * over it; above the band, across
 * the frame, where no place is free.  With only the map's foot and head
 * to go to, the notice, 369x140 at 31 pixels at 1280x720 --projector,
 * lay over a start or a head in 28 of 122 shipped lesson steps at that
 * size and 1920x1080, and over up to 0.49 of the map; over the readout
 * where the pointer was on it.
 *
 * Of those places the notice takes the first off the points and off the
 * mark_count rectangles of marks too (the map's labels and minima's
 * rings, as the frames before drew them: the renderer's), else the first
 * off the points, else the first free (Layout.notice_clear says which).
 * Kept off the points alone, the notice lay over sharp_flat 6's "flat:
 * λmax ≈ 1.65" and adaptive 2's minimum at 1280x720 --projector (12 of
 * 122 steps and sizes).  It keeps the place it held
 * (LayoutInput.notice_held), as it was (the map may have moved under it),
 * while that is free and clear, or as clear as the best place: placed
 * afresh each frame it went back to a place it liked better as soon as
 * the runs left it (escape 2 at 1280x720 --projector: from the map's head
 * to its foot twice in 6 frames). */
void layout_place_over_map(const LayoutInput *in, Layout *out, const double (*avoid)[2],
                           size_t count, const LayoutRect *marks, size_t mark_count);

/* Whether frame pixel (px, py) lies in r (its left and top edges in, its
 * right and bottom out). */
bool layout_rect_holds(LayoutRect r, double px, double py);

/* Pixels from r to frame pixel (px, py): 0 inside it. */
double layout_distance(LayoutRect r, double px, double py);

/* Whether a and b share area (touching edges do not). */
bool layout_overlap(LayoutRect a, LayoutRect b);

/* want, or where it moves to by whole heights down (then up: +1, -1, +2,
 * -2, ... up to max_moves) to overlap none of placed[0..count); want
 * itself when every place tried overlaps. */
LayoutRect layout_place_label(const LayoutRect *placed, size_t count, LayoutRect want,
                              int max_moves);

/* How many of the marks at[0..index) stand at at[index] (within
 * tolerance pixels on both axes): marks of runs at one place (the
 * effective-step boxes) grow by that many steps, so each shows around the
 * others instead of over them. */
int layout_same_place(const double (*at)[2], size_t index, double tolerance);

/* Marks at[0..n) standing at one place (within tolerance pixels, on both
 * axes, of the first of them) form a stack: stack[k] is mark k's place in
 * its stack (0 for the first), size[k] how many marks the stack holds.
 * Run heads at one place are drawn as a disc ringed by the others
 * (world.c). */
void layout_stacks(const double (*at)[2], size_t n, double tolerance, int *stack, int *size);

#endif
