/*
 * render_internal.h — the renderer's private state and its parts.
 *
 * render/ is a tree, drawn in docs/ARCHITECTURE.md §1.1: renderer.c on top,
 * the parts (hud.c and the panels under it, world.c) below it, layout.c
 * and draw.c (the primitives) under them, the GL units at the bottom.
 * Calls go down it, never up or across a level.
 *
 * A part's entry points are declared below; the primitives in draw.h.
 */
#ifndef DESCENT_RENDER_INTERNAL_H
#define DESCENT_RENDER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <epoxy/gl.h>

#include "cloud.h"
#include "draw.h"
#include "heatmap.h"
#include "layout.h"
#include "render.h"
#include "scene/i18n.h"
#include "scene/net_repr.h"
#include "scene/viewport.h"
#include "shapes.h"
#include "surface.h"
#include "text.h"
#include "text_wrap.h"
#include "theme.h"

/* A run's path reduced to points at least a minimum spacing apart on
 * screen, kept between frames and extended as the run grows (world.c). */
typedef struct PathCache {
    const RunPoint *path;   /* the run's path array it was built from */
    RunPoint first, last;   /* path[0] and path[processed] then, to notice restarts */
    Viewport viewport;
    unsigned projection;    /* render_projection's then */
    double spacing;
    long processed;         /* path indices 0..processed are reduced */
    bool tail_forced;       /* the last point is kept only for being the path's last */
    double *points;         /* (px, py, step) triples */
    size_t count, capacity;
    size_t drawn;           /* how many of them the frame draws (world.c's
                               head_place: a path ends where it leaves the
                               map, unless its head is held on that leg) */
} PathCache;

/* λmax of the Hessian at each point of one run's path, extended as the run
 * grows (dynamics.c). */
typedef struct SharpnessCache {
    const RunPoint *path;       /* the run's path array it was computed for */
    unsigned landscape_serial;
    RunPoint first, last;       /* path[0] and path[count - 1] then, to notice restarts */
    double *values;
    size_t count, capacity;
} SharpnessCache;

typedef struct QueuedText {
    TextImage image;
    float x, y;             /* top-left, pixels */
    Rgba color;
} QueuedText;

/* Labels on the landscape one frame keeps apart (the axes' values take up
 * to half), how far one moves, how many distances out from what it names
 * one beside it is tried at (each half a line further than the last), and
 * its text's padding (pixels, times scale). */
#define RENDER_MAX_LABELS 128
/* The field's arrows whose places a frame keeps (Renderer.arrows): at 64
 * pixels apart, a 3840x2160 map's. */
#define RENDER_MAX_ARROWS 2048
#define RENDER_LABEL_MOVES 6
#define RENDER_LABEL_DISTANCES 8
#define RENDER_LABEL_PAD 4.0

#define CAPTION_MAX_LINES 8
/* The most steps a group laid out together has (SceneDisplay.lesson); a
 * longer group's steps are laid out one by one. */
#define RENDER_GROUP_MAX 16
/* Plotting areas one frame records for render_plot_areas. */
#define RENDER_PLOT_AREAS 8
/* At most this many label leaders a frame (Renderer.leaders). */
#define RENDER_LEADERS 32
/* A number a plot says at pixel row y, at x (NaN: beside its axis): its
 * end labels and its lone points' values (plot_said). */
typedef struct PlotSaid {
    double x, y;
    char text[32];
} PlotSaid;
/* Plot values a frame remembers saying. */
#define RENDER_PLOT_SAID 32
#define CAPTION_LINE_MAX 1024

/* A caption (or notice, or error) broken into lines, kept until the text
 * or its size changes (hud.c). */
typedef struct WrappedCaption {
    char source[SCENE_CAPTION_MAX];
    int px;
    double max_width;
    char lines[CAPTION_MAX_LINES + 1][CAPTION_LINE_MAX];
    int count;              /* lines shown, at most CAPTION_MAX_LINES */
    bool cut;               /* the text needs more lines than are shown */
    bool cut_word;          /* a line at max_width cuts a word (at most one
                               line more than is shown: beyond, cut holds) */
    double width;           /* the widest line's */
} WrappedCaption;

/* A few wrappings of one text: the layout tries a few widths each frame,
 * the same ones frame after frame. */
#define WRAP_CACHE 4
typedef struct WrapCache {
    WrappedCaption entry[WRAP_CACHE];
    int next;               /* the entry the next new width replaces */
} WrapCache;

/* What a group's room was measured for (hud.c's reserve_group): the
 * window's state its steps' panels are measured in.  Equal keys, equal
 * room. */
typedef struct GroupRoomKey {
    int width, height;          /* the frame */
    double scale;               /* projector included */
    RenderAudience audience;
    const Theme *theme;
    const char *lang;           /* i18n_language(): the window's words */
} GroupRoomKey;

/* The steps of the scene's group (SceneDisplay.lesson), each staged as
 * shown on a scene of its own (a network's on none: its stage stands in),
 * what their panels ask for and the parts the group is laid out in
 * (hud.c): kept while the group is shown, measured again only when the
 * key changes.  A group that cannot be staged is remembered as such, not
 * tried again every frame. */
typedef struct GroupStage {
    const LessonStep *steps;    /* the group's: its lesson's from group_first */
    size_t count;
    uint64_t texts;             /* its steps' captions' hash: a reload changes them */
    bool failed;                /* not staged: its steps share the bands only */
    Scene *scene[RENDER_GROUP_MAX]; /* steps[k] staged, when not failed */
    bool measured;              /* what follows holds for key */
    GroupRoomKey key;
    LayoutInput base;           /* the frame, and a network's panels but its
                                   sharpness plot: what every step asks for */
    /* What step k's panels ask for beyond base, the legend's narrow forms
     * in narrow[k][0] (full) and narrow[k][1] (compact). */
    LayoutInput need[RENDER_GROUP_MAX];
    LayoutRequest narrow[RENDER_GROUP_MAX][2];
    /* Step k is laid out with steps part_first[k] .. + part_count[k] - 1
     * (hud.c's group_parts), each panel at the largest any of them asks
     * for. */
    size_t part_first[RENDER_GROUP_MAX], part_count[RENDER_GROUP_MAX];
} GroupStage;

/* A text's size wrapped at a width (hud.c's wrap_text), by the text's
 * 64-bit hash, its pixel size and the width: the layout sizes the
 * captions (and hints) of every step in the scene's group at a few widths
 * each frame, the same ones frame after frame, more texts than a
 * WrapCache holds. */
#define WRAPPED_SIZES 512
typedef struct WrappedSize {
    uint64_t hash;
    int px;                 /* 0: unused */
    double max_width;
    double width;           /* the widest line's */
    int count;              /* lines shown */
    bool cut;               /* the text needs more lines than are shown */
    bool cut_word;          /* a word alone is wider than the line
                               (WrappedCaption's) */
} WrappedSize;

/* Widths measured lately (render_text_width), by their text's 64-bit hash
 * and pixel size: the layout measures the same lines and prefixes many
 * times a frame, and frame after frame.  WIDTH_SETS sets of WIDTH_WAYS,
 * each set's most recently used first, its least recently used replaced:
 * a layout walk over a lesson step's sizes measures ~25,000 distinct
 * prefixes, and a direct-mapped table of 4096 missed one measurement in
 * 20 (200,000 of 4.1 M in the sampled English walk), most of them texts it
 * had measured before and lost to a collision.  WIDTH_SETS * WIDTH_WAYS *
 * 16 bytes: 512 KB a renderer, touched as it fills. */
#define WIDTH_SETS 8192
#define WIDTH_WAYS 4
typedef struct MeasuredWidth {
    uint64_t hash;
    int px;                 /* 0: unused */
    int width;              /* text_measure's whole pixels */
} MeasuredWidth;

/* The static layer (static_layer.c): the bottom of the frame, which does
 * not change while the view, size, theme, colormap, landscape, camera and
 * layout hold still (a recording between view changes, a paused window),
 * kept in a texture and copied under each frame. */
#define STATIC_LAYER_PANELS 16

/* What the layer's picture is of: equal keys, equal pixels. */
typedef struct StaticKey {
    unsigned picture;           /* heatmap_update's number in 2D, surface_update's in 3D */
    bool view3d, transparent;
    int width, height;
    SceneTheme theme;           /* the slate's colour and the panels' */
    double fit[4];              /* the map's rectangle, pixels (the heatmap's place) */
    int landscape[4];           /* transparent: the rectangle kept (static_layer_landscape_box) */
    size_t panel_count;
    LayoutRect panels[STATIC_LAYER_PANELS]; /* panels' rectangles filled in the layer */
} StaticKey;

typedef struct StaticLayer {
    bool enabled;               /* false: every frame drawn in full (DESCENT_STATIC_LAYER=off) */
    bool report;                /* DESCENT_STATIC_LAYER=report: the counts below on stderr
                                   when the renderer is destroyed */
    long frames, frames_over, panels_held, frames_again;
    GLuint fbo, texture;        /* texture: 0 while the layer holds nothing */
    bool valid;                 /* texture holds key's picture */
    StaticKey key;
    StaticKey previous;         /* the last frame's: only a landscape that held still
                                   a frame is kept */
    bool has_previous;
    bool used;                  /* this frame was drawn over the texture's copy */
    bool in_hud;                /* render_panel calls now are the HUD's */
    uint32_t claimed;           /* key.panels drawn (skipped) by render_panel this frame */
    LayoutRect seen[STATIC_LAYER_PANELS]; /* the HUD's render_panel rectangles this frame */
    size_t seen_count;
} StaticLayer;

/* dynamics.c: a plot's area and its parts, shared by the plots of
 * dynamics.c, net_plots.c and experiment_plot.c. */
/* The share of a broken axis's height (PlotArea.ybreak) below its break:
 * edge_of_stability 2-3's history (the dip to 200 and the climb, which
 * step 1 reads on its own range from 0) stays in sight under a range
 * zoomed to 920..1100. */
#define PLOT_BREAK_SHARE 0.2

typedef struct PlotArea {
    double x, y, w, h;          /* pixels */
    double left;                /* the panel's left edge */
    double title_x;             /* where the title starts: over the area
                                   (PLOT_TITLE_INDENT in), or (compact) at
                                   the panel's left */
    bool compact;               /* short labels */
    double title_lift;          /* pixels the title stands higher over the
                                   area than plot_frame's own gap: an area
                                   lowered under its title by a curve that
                                   runs along its top edge */
    double xlo, xhi;            /* steps at the left and right edges */
    bool xlog;                  /* steps on a log scale (xlo + xlog_from >= 1) */
    double xlog_from;           /* a log scale counts step + this: 1 puts
                                   step 0 at the left edge (the sharpness
                                   plot's log steps); 0 by default */
    double ylo, yhi;            /* values at the bottom and top edges */
    bool ylog;                  /* values on a log scale (ylo > 0) */
    double ybreak;              /* a linear axis broken here, above ylo:
                                   ylo..ybreak take its foot's
                                   PLOT_BREAK_SHARE, ybreak..yhi the rest (a
                                   lesson's zoomed range over a curve that
                                   comes from far below it); 0: not broken */
    bool decades;               /* a log scale labels its whole decades between
                                   the ends where they fit (plot_pick_decades):
                                   a plot whose own labels say other values on
                                   the axis (the sharpness plot's) leaves it off */
    bool values_named;          /* the plot labels its curves' values now itself
                                   (the sharpness plot's "λmax 300"): a curve of
                                   one point is a dot without its value, which
                                   would say the number twice */
} PlotArea;

/* The notes on a picture shown in the slice's place, at most
 * RENDER_NET_NOTES of RENDER_NET_NOTE_MAX bytes: the legend shows them
 * (wrapped, measured by the layout) or, where the legend takes its compact
 * form, the layout places them on the map beside the picture
 * (LayoutInput.notes, Layout.notes). */
#define RENDER_NET_NOTES 3
#define RENDER_NET_NOTE_MAX 200
/* Widths, in whole pixels, the notes' size is remembered at while the
 * notes and the scale stay: the layout's search asks it thousands of
 * times a frame, at few distinct widths. */
#define RENDER_NOTES_WIDTHS 4096

/* The notes as the layout measures them (net_view.c), at the scale
 * given: their height at each width asked, and whether they were cut
 * there (known: 0 not yet measured, 1 whole, -1 cut). */
typedef struct NetNotes {
    Renderer *r;
    char notes[RENDER_NET_NOTES][RENDER_NET_NOTE_MAX];
    int count;
    double scale;
    double height[RENDER_NOTES_WIDTHS];
    signed char known[RENDER_NOTES_WIDTHS];
} NetNotes;

/* A theme_trail_floor answer kept (world.c's trail_floor): the search
 * takes some 85 µs a colour, and every trail asked again each frame. */
typedef struct TrailFloor {
    const Theme *theme; /* NULL: unused */
    Rgba color;
    float floor;
} TrailFloor;
#define TRAIL_FLOORS 16

/* Where the legend's key (hud.c's legend_key, its lines from (0, 0)) is
 * drawn: its lines' top left, and the panel behind them and the legend's. */
typedef struct KeyPlace {
    double x, y;
    LayoutRect panel;   /* the legend's, lengthened where own is false */
    bool own;
} KeyPlace;

/* The frame's key: the marks it names (0: no key) laid out in lines of
 * width, at place (render_key_plan). */
typedef struct KeyPlan {
    unsigned marks;
    double width;
    KeyPlace place;
} KeyPlan;

/* How a path nests among those from its start (world.c's nest_of): how
 * many steps wider it is drawn (render_path_nest), whether it lies inside
 * the band of one drawn before it, and whether the selected run nests in
 * one drawn before it. */
typedef struct PathNest {
    int steps;
    bool inside, nested;
} PathNest;

struct Renderer {
    Heatmap *heatmap;
    Shapes *shapes;
    Surface *surface;       /* the 3D view's landscape */
    Text *text;
    GLuint image_program, image_vao, image_vbo;
    GLint u_image_size, u_image, u_image_tint;
    QueuedText *queue;
    size_t queue_count, queue_capacity;
    PathCache paths[SCENE_MAX_RUNS];
    PathNest nests[SCENE_MAX_RUNS]; /* the frame's, in path_order, once its
                                       paths are reduced (world.c) */
    Cloud cloud;            /* large particle clouds (world.c) */
    /* The representation view's picture of this frame (net_repr_view.c),
     * made once in begin_frame for the legend's notes and the map: making
     * it carries the input grid through the network and fits the probe. */
    NetReprPicture repr;
    bool repr_made;
    DescentError repr_error; /* why it could not be made */
    NetNotes net_notes;      /* the map's notes this frame (net_view.c) */
    WrapCache caption, hint, notice;
    WrappedSize wrapped_sizes[WRAPPED_SIZES]; /* the layout's captions and
                                   hints, its group's too, sized (hud.c) */
    WrappedCaption wrap_scratch; /* where a text sized anew is wrapped */
    TextWrapMemory *wrap_memory; /* the breaks of the texts wrapped lately */
    WrappedCaption error;
    const RenderHelpLine *help;
    size_t help_count;
    size_t help_pages;      /* the last frame's help overlay's pages */
    bool progressive;
    bool view3d;            /* the frame is the 3D view */
    int width, height;      /* the frame being drawn */
    double scale;           /* effective scale (projector included) */
    double marker_scale;    /* the map's markers' (render_marker_scale) */
    const Theme *theme;     /* the scene's, for the frame being drawn */
    Rgba run_colors[SCENE_MAX_RUNS]; /* the frame's: the theme's palette, or a
                                        sweep's scale (render_sweep_color) */
    TrailFloor trail_floors[TRAIL_FLOORS]; /* the colours' floors lately */
    int next_trail_floor;                  /* the one a new colour replaces */
    bool transparent, crop; /* renderer_set_slide */
    RenderAudience audience;    /* the frame being drawn's */
    RenderTextObserver text_observer; /* renderer_observe_text */
    void *text_observer_context;
    SharpnessCache sharpness[SCENE_MAX_RUNS];   /* each run's, for the dynamics plot */
    bool *batch_mask;           /* the inset's minibatch samples (data_view.c) */
    size_t batch_mask_size;
    Layout layout;              /* the frame's panels (hud.c's render_plan) */
    bool legend_narrow;         /* the legend in its narrow form: the layout
                                   showed the view larger with it (hud.c) */
    bool slot_empty[LAYOUT_PANELS]; /* room the layout keeps for a panel
                                   another step of the scene's group shows,
                                   this step not: nothing drawn there */
    GroupStage group;           /* the scene's group's steps and their room */
    LayoutRect labels[RENDER_MAX_LABELS]; /* the frame's labels on the landscape
                                             so far (render_label) */
    size_t label_count;
    LayoutRect marks[2 * RENDER_MAX_LABELS]; /* the labels and minima's rings
                                   of the frame before and of this one so
                                   far (render_keep_shown): where
                                   render_plan reads them, the two frames
                                   before's, which the notice keeps off
                                   (hud.c; a label that moves from frame
                                   to frame, learning_rate 7's "off view"
                                   above the map and below it by turns,
                                   drew the notice after it, a frame late) */
    size_t mark_count;
    size_t marks_before;        /* how many of them are the frame before's */
    LayoutRect arrows[RENDER_MAX_ARROWS]; /* the boxes of the field's arrows
                                   the frame drew (draw_field; tests:
                                   render_arrows_in) */
    KeyPlan key;                /* the frame's legend key (hud.c) */
    struct Legend *legend;      /* the frame's legend, its key's lines among
                                   them, as render_key_plan laid it out for
                                   draw_legend (hud.c; NULL before the first) */
    struct FrameNeeds *needs;   /* what the layout worked out for the frame's
                                   scene that its legend and loss plot reuse
                                   (hud.c; NULL before the first) */
    RenderFrameWork work;       /* the frame's repeated work, counted */
    size_t key_walkers;         /* the cloud's walkers drawn over its panel (hud.c) */
    size_t arrow_count;
    MeasuredWidth widths[WIDTH_SETS * WIDTH_WAYS];
    StaticLayer static_layer;

    PlotSaid said[RENDER_PLOT_SAID]; /* the frame's plot values said so far
                                   (plot_said), which a lone point's label
                                   does not say again */
    size_t said_count;
    LayoutRect plot_areas[RENDER_PLOT_AREAS]; /* the frame's plotting areas so far
                                                 (render_plot_areas) */
    size_t plot_area_count;
    LayoutRect effective_boxes[SCENE_MAX_RUNS]; /* the frame's effective-step boxes
                                                   (render_effective_boxes) */
    size_t effective_box_count;
    double heads[SCENE_MAX_RUNS][3]; /* the frame's runs' heads so far (world.c's
                                        draw_head): centre and how far out
                                        the head and its rings reach */
    size_t head_count;
    double leaders[RENDER_LEADERS][4]; /* the frame's label leaders so far
                                          (render_label_leader): from the
                                          label's edge to the point's end */
    size_t leader_count;
    double misses[RENDER_MISSES][2]; /* the frame's crosses on misclassified
                                        points so far (net_view.c's draw_miss) */
    size_t miss_count;
    unsigned marks_drawn;       /* the frame's RenderMark bits so far */
    PlotArea experiment_area;   /* the experiment plot's, drawn last (experiment_plot.c) */
    PlotArea sharpness_area;    /* the sharpness plot's, drawn last (dynamics.c) */
    bool sharpness_drawn;       /* it was drawn in the last dynamics plot */
    bool experiment_drawn;      /* it has points */
    int frames_begun;           /* render_frame calls, counted up to 2 */
};

/* static_layer.c: init reads DESCENT_STATIC_LAYER (render.h). */
void static_layer_init(StaticLayer *s);
void static_layer_release(StaticLayer *s);
/* Brings the landscape up to date and draws the bottom of the frame into
 * target: the slate, the landscape (heatmap or surface), a transparent
 * frame's clear off the asked-for view, and, from the copy, the panels'
 * rectangles the layer holds.  allowed false draws it all straight into
 * target and drops the copy.  Leaves target bound, the whole frame the GL
 * viewport, scissor and blending off. */
void static_layer_draw(Renderer *r, const Scene *scene, const Viewport *vp, GLuint target,
                       bool allowed);
/* The pixel rectangle (left, top, right, bottom; rows down) of the asked-for
 * view, scene->view, on vp, within the frame. */
void static_layer_landscape_box(const Renderer *r, const Scene *scene, const Viewport *vp,
                                int box[4]);
/* render_panel(rect) during the HUD: true when the layer holds that panel
 * (it is not drawn again). */
bool static_layer_claim(StaticLayer *s, LayoutRect rect);
/* After the HUD: false when a panel the layer holds was not drawn this
 * frame (the frame is wrong: draw it again without the layer). */
bool static_layer_end(StaticLayer *s);

/* world.c: heatmap overlays, paths, markers, particles, arrows. */
void render_world(Renderer *r, const Scene *scene);
/* hud.c: the legend's key's place (Renderer.key), planned once the map's
 * labels and marks are drawn and before its field of arrows, which keeps
 * off the key's own panel: over the map, arrows under its translucent
 * panel showed through, cut (welcome 3 at 1280x720 --projector).  The
 * legend is the form render_plan laid out, or, where a run is hidden,
 * laid out again for the scene as shown. */
void render_key_plan(Renderer *r, const Scene *scene);
/* Whether box lies on a line drawn across the 2D map: the plane's axes
 * (where shown) or linreg's line of minima (render_data_map), with a
 * little room. */
bool render_box_on_lines(const Renderer *r, const Scene *scene, const Viewport *vp,
                         LayoutRect box);

/* world.c: whether a shown run's path, as drawn this frame (of the run a
 * particle cloud copies, its short trail), crosses box. */
bool render_box_on_paths(const Renderer *r, const Scene *scene, const Viewport *vp,
                         LayoutRect box);
/* net_view.c: the same for a network's runs, their paths on the slice. */
bool render_box_on_net_paths(const Renderer *r, const Scene *scene, const Viewport *vp,
                             LayoutRect box);
/* world.c: whether box meets a box kept clear so far (render_keep_clear:
 * labels, heads, markers). */
bool render_on_kept_clear(const Renderer *r, LayoutRect box);
/* world.c: the map as drawn: the viewport within the layout's landscape
 * rectangle and the frame (the view may reach past the frame or under
 * panels). */
LayoutRect render_visible_map(const Renderer *r, const Viewport *vp);
/* Where a label (px-pixel text) goes beside what it names at pixel
 * (cx, cy) on map vp: a lesson mark's dot, a network run's end.  Right of
 * the point, left, above or below it (centred, then ending or starting at
 * it), then at its corners, at the least distance, then further out,
 * where it lies whole on
 * the map as drawn, off the panels, off every box kept clear so far
 * (render_keep_clear: labels, heads, markers) and every leader drawn so
 * far (render_label_leader), its own leader off those boxes, and, with
 * scene (NULL: none
 * of these), off its marks' circles and first off its runs' paths
 * (render_box_on_paths) too, then on them.  Where no place is clear:
 * right of the point; left of it where the right side would run off the
 * map; above it (under it, near the map's top), moved in to stay whole,
 * where neither side holds it. */
LayoutRect render_label_beside(Renderer *r, const Scene *scene, const Viewport *vp, double cx,
                               double cy, const char *label, int px);
/* world.c: the cased line and dot that lead a label's box text to the
 * point (cx, cy) it names, where it stands further from it than beside
 * it (12 pixels, times scale); nothing nearer.  Where a run's head drawn
 * this frame covers the point, the line stops at the head's rim, no dot:
 * the head is seen whole, and marks the place.  Noted in Renderer.leaders:
 * the labels placed later keep off it (render_label_beside). */
void render_label_leader(Renderer *r, double cx, double cy, LayoutRect text);
/* world.c: an "×" at pixel (x, y), its arms size out along each
 * diagonal, half wide (pixels). */
void render_cross(Renderer *r, double x, double y, double size, double half, Rgba color);
/* world.c: a run's head drawn at pixel (x, y), reach pixels round: the
 * labels drawn after it keep off it (render_keep_clear), and their
 * leaders stop at its rim (render_label_leader). */
void render_note_head(Renderer *r, double x, double y, double reach);
/* world.c: how runs' heads at one place stack, at[] (pixels) given in
 * drawing order, the last drawn on top (layout_stacks over them from the
 * last back, heads nearer than radius at one place): stack[k] is how many
 * rings out head k is drawn (0: its disc), stacked[k] how many heads share
 * its place.  n at most SCENE_MAX_RUNS. */
void render_head_stacks(const double (*at)[2], size_t n, double radius, int *stack,
                        int *stacked);
/* world.c: the cased ring in color of a head drawn stack rings out (each a
 * fixed step further) about a head disc of radius (pixels, both times the
 * marker scale) at (x, y); returns the ring's radius in pixels. */
double render_head_ring(Renderer *r, double x, double y, double radius, int stack, Rgba color);

/* world.c: the marks (RenderMark bits) the map draws for scene, as the
 * plan knows them before the map is placed: those at a place inside the
 * asked-for view (scene->view) and those drawn wherever they fall; the
 * legend's key names these. */
unsigned render_marks_shown(const Renderer *r, const Scene *scene);
/* world.c: how many of the particle cloud's particles, as drawn, box
 * holds or touches: every one, or of a large cloud those of an even
 * sample (the key over the map keeps off them: hud.c's key_covers). */
size_t render_particles_in(const Renderer *r, const Scene *scene, LayoutRect box);
/* world.c: the particles on the map that box holds or touches drawn again
 * over what was drawn there since (hud.c: the key's panel over the map);
 * how many. */
size_t render_particles_over(Renderer *r, const Scene *scene, LayoutRect box);
/* world.c: mark drawn as the map draws it, centred on (cx, cy), scaled
 * to reach reach pixels from its centre (the key's icon);
 * RENDER_MARK_SHARE and RENDER_MARK_LEAST are words, not shapes: nothing. */
void render_mark_icon(Renderer *r, const Scene *scene, RenderMark mark, double cx, double cy,
                      double reach);

/* hud.c: measures every panel the scene shows at the frame's size and
 * scale and lays them out into r->layout (no GL: text is measured, not
 * drawn), before anything of the frame is drawn.  What it works out on
 * the way that the frame draws (the legend's forms, the loss plot's
 * scale) it keeps in r->needs for render_key_plan and the loss plot. */
void render_plan(Renderer *r, const Scene *scene);
/* hud.c: the panels at r->layout, then the error and help overlays. */
void render_hud(Renderer *r, const Scene *scene);
/* expr_field_view.c: the formula field and the run's values field, when
 * the scene's are open. */
void render_expr_field(Renderer *r, const Scene *scene);

/* Each panel's part says what its panel needs (*_need: shown false when it
 * has none) and draws it into the rectangle the layout gave it, which is at
 * least its least size. */

/* box_axes.c: the 3D view's axes on the box (the surface's last frame). */
void render_box_axes(Renderer *r);

/* data_view.c: data landscapes' dataset inset and their minimisers'
 * geometry on the map. */
LayoutRequest render_data_inset_need(Renderer *r, const Scene *scene, bool compact);
void render_data_inset(Renderer *r, const Scene *scene, LayoutRect rect);
void render_data_map(Renderer *r, const Scene *scene, const Viewport *vp);
/* Notes on that geometry placed off the runs' paths and heads (drawn
 * after them): the names of the min-norm point and of the segment from
 * the origin to it. */
void render_data_map_notes(Renderer *r, const Scene *scene, const Viewport *vp);

/* net_view.c: a network scene (scene->net): its paths on the slice, and
 * its legend, loss plot and data panel in place of the landscape's. */
void render_net_world(Renderer *r, const Scene *scene);
void render_net_needs(Renderer *r, const Scene *scene, LayoutInput *in);
/* Frees the scenes the layout staged a group's steps on (hud.c). */
void render_group_release(Renderer *r);
void render_net_panels(Renderer *r, const Scene *scene, const Layout *l);
/* net_repr_view.c: the representation view (display.net_layer) over the
 * map, in place of the slice; its notes (axes, lines, the linear probe),
 * none when the picture cannot be made (the map says why). */
void render_net_repr(Renderer *r, const Scene *scene);
int render_net_repr_notes(const Renderer *r, char notes[][RENDER_NET_NOTE_MAX]);
/* The picture's shape, width over height (render_map_aspect): its box's;
 * square across a probe's cut, whose box is widened to fill the map, and
 * when there is no picture. */
double render_net_repr_aspect(const Renderer *r);
/* Makes the frame's picture (r->repr) when the map shows a hidden layer;
 * frees the last one. */
void render_net_repr_prepare(Renderer *r, const Scene *scene);
/* net_ensemble_view.c: the ensemble's thumbnails (display.ensemble) over
 * the map, in place of the slice; its notes (the seeds, the distances). */
void render_net_ensemble(Renderer *r, const Scene *scene);
int render_net_ensemble_notes(const Scene *scene, char notes[][RENDER_NET_NOTE_MAX]);
/* What a network scene's map shows: the ensemble's thumbnails while they
 * are on, else a hidden layer's picture while one is chosen, else the
 * slice.  The one answer the map, the legend and its notes all follow. */
typedef enum NetMapPicture { NET_MAP_SLICE, NET_MAP_LAYER, NET_MAP_ENSEMBLE } NetMapPicture;
static inline NetMapPicture render_net_map_picture(const Scene *scene)
{
    if (scene->ensemble && scene->display.ensemble)
        return NET_MAP_ENSEMBLE;
    return scene->display.net_layer > 0 ? NET_MAP_LAYER : NET_MAP_SLICE;
}
/* Whether a network scene's map shows its slice (not another picture). */
static inline bool render_net_slice_shown(const Scene *scene)
{
    return render_net_map_picture(scene) == NET_MAP_SLICE;
}
/* net_plots.c: a network scene's plots: its training curves (loss and
 * accuracy) and its curvature (sharpness against its edge, ‖θ‖). */
/* Whether scene's step is about the runs' accuracy, not their loss: its
 * starts panel counts which run's test accuracy is higher.  Its legend
 * then gives the runs' accuracies, its training panel in its compact form
 * the accuracy plot (net_plots.c). */
bool render_net_about_accuracy(const Scene *scene);
LayoutRequest render_net_training_need(Renderer *r, bool compact);
void render_net_training(Renderer *r, const Scene *scene, LayoutRect rect);
LayoutRequest render_net_curvature_need(Renderer *r, bool compact);
/* The curvature panel in rect; one: the sharpness alone (its compact
 * form, or under a step's starts). */
void render_net_curvature(Renderer *r, const Scene *scene, LayoutRect rect, bool one);
/* net_view.c: what the dynamics plot's slot of a network scene asks for:
 * the sharpness plot where plot, the starts panel of shape (NULL: none)
 * with the figures shown, or the starts panel over the sharpness plot
 * where both. */
LayoutRequest render_net_dynamics_need(Renderer *r, bool plot, const NetStartsPicture *shape,
                                       unsigned shown, bool compact);
/* The update at pixel column px of the network's training plot in rect. */
bool render_net_plot_step_at(Renderer *r, const Scene *scene, LayoutRect rect, double px,
                             size_t *step);

/* formula.c: the selected run's update rule with its numbers when
 * display.formula is on. */
LayoutRequest render_formula_need(Renderer *r, const Scene *scene);
void render_formula(Renderer *r, const Scene *scene, LayoutRect rect);
/* changes.c: mid-run parameter changes marked on the runs' paths. */
void render_change_marks(Renderer *r, const Scene *scene);


/* A series' value at step k (NaN: none there). */
typedef double (*SeriesFn)(const void *ctx, size_t k);

double plot_to_x(const PlotArea *a, double step);
/* The step at pixel column px. */
double plot_step_at(const PlotArea *a, double px);
/* The pixel row of v, clamped to the area. */
double plot_to_y(const PlotArea *a, double v);
/* f over steps first .. end-1: per pixel column the least and greatest of
 * the steps there (at most COLUMN_SAMPLES of them, an odd stride so a
 * period-2 oscillation shows both sides), as a band, joined column to
 * column; dashed, in dashes and gaps of a few pixels each from the area's
 * left edge, however many steps the area spans.  A series of one
 * point (its one column a single value) is a dot, beside it the value
 * unless dashed or a->values_named (render_label). */
void plot_series(Renderer *r, const PlotArea *a, SeriesFn f, const void *ctx, size_t first,
                 size_t end, double half, Rgba color, bool dashed);
/* That the frame says text on pixel row y, at x (NaN: beside the plot's
 * axis), so that a lone point there does not say it again. */
void plot_said(Renderer *r, double x, double y, const char *text);
/* A curve of one point, at pixel (x, y): a dot (for a line half wide) and
 * beside it value (render_label), unless NaN or already said there
 * (plot_said; a lone point's value is said too), its label no lower than
 * bottom (the plotting area's: the step labels lie under it): at play 0
 * sharp_flat 6's three runs said "1.03" three times, stacked on their one
 * dot, and adaptive 3's loss plot said "180" beside its axis and its dot.
 * A lone point drew nothing, and the plot read as an empty box
 * (representation 1's loss plot, any lesson's two-parameter loss plot at
 * play 0). */
void plot_lone_point(Renderer *r, double x, double y, double half, double value, double bottom,
                     Rgba color);
/* Most whole decades a log axis labels between its ends. */
#define PLOT_DECADES 16
/* A log axis's whole decades between its ends that are labelled: their
 * exponents, top down, and their values as written. */
typedef struct PlotDecades {
    int count;
    double decade[PLOT_DECADES];
    char label[PLOT_DECADES][16];
} PlotDecades;
/* The whole decades a log axis from 10^lo (bottom) to 10^hi (top) over an
 * area h pixels high labels, its labels line pixels high: every
 * stride-th, the least stride that keeps labels a line apart, off the
 * ends by a line; of the stride's phases the one labelling most, ties to
 * the label nearest the middle (a short plot then still says one value
 * between 1000 and 1e-06: adaptive 5's band "between 0.01 and 0.5").
 * None where the area or the range is empty. */
void plot_pick_decades(double lo, double hi, double h, double line, PlotDecades *d);
/* The widest of d's labels at px. */
double plot_decades_width(Renderer *r, const PlotDecades *d, int px);
/* A log axis's decades on the area (x, y, w, h) from 10^lo to 10^hi: a
 * tick at each whole one inside the range (each stride-th where they
 * would crowd: axis_decade_stride), and d's with their values
 * left of the axis and a faint line across. */
void plot_draw_decades(Renderer *r, double x, double y, double w, double h, double lo,
                       double hi, const PlotDecades *d, int px);
/* How far right of its axis a title over the area starts (pixels at
 * scale 1).  Not compact, the title sits beside the axis's top value
 * label, whose top is half a line over the title's foot: this keeps the
 * two 12 pixels apart (implicit_regularization 2 at 960x540: "|θ| of run 1"
 * began at the axis, 6 pixels from "1.5", and read as touching it). */
#define PLOT_TITLE_INDENT 6.0
/* Narrows the area on its left so its value labels fit in the panel, and
 * moves a title over the area with it (plot_frame does it first). */
void plot_fit_labels(Renderer *r, PlotArea *a);
/* The size plot_frame writes a plot's title and labels at (pixels at scale 1). */
#define PLOT_TEXT_PX 13.0
/* Axes, the range's ends as labels (the decades between too where the
 * area asks: PlotArea.decades), and a title over the area; under it, its
 * first and last steps with xlabel centred between them (none for NULL;
 * the ends alone for "", the caller placing the name). */
void plot_frame(Renderer *r, PlotArea *a, const char *title, const char *xlabel);
/* Records a plotting area the frame draws (render_plot_areas). */
void render_note_plot_area(Renderer *r, LayoutRect area);
/* A horizontal dashed line at value v across the area. */
void plot_dashed_level(Renderer *r, const PlotArea *a, double v, Rgba color);

/* experiment_plot.c: an experiment's picture (scene/experiment_live.h) in
 * the dynamics plot's place, or over a whole frame (renderer.c). */
typedef struct ExperimentShown {
    bool law;           /* its law's line, "theory" and verdict (a lesson step's
                           law = false: the points alone) */
    size_t kinds;       /* its first kinds kinds of point, each with its law (a
                           step's kinds), the verdict left to a step showing
                           every kind; 0: every kind */
} ExperimentShown;
/* What scene's lesson step shows of its experiment (SceneDisplay). */
ExperimentShown render_experiment_shown(const Scene *scene);
LayoutRequest render_experiment_need(Renderer *r, const Scene *scene, bool compact);
void render_experiment_plot(Renderer *r, const ExperimentPicture *picture, ExperimentShown shown,
                            LayoutRect rect);

/* net_starts_view.c: a step's starts (scene/net_starts_live.h) in the
 * dynamics plot's place of a network step, over its sharpness plot where
 * it shows one (lesson.h), the figures shown (bits of NetStartsFigure, 0:
 * all); its need from a picture of their count and runs.  The panel is
 * drawn at the top of rect, as tall as its lines (render_starts_height). */
LayoutRequest render_starts_need(Renderer *r, const NetStartsPicture *shape, unsigned shown,
                                 bool compact);
double render_starts_height(Renderer *r, const NetStartsPicture *picture, unsigned shown,
                            LayoutRect rect);
void render_starts_panel(Renderer *r, const NetStartsPicture *picture, unsigned shown,
                         LayoutRect rect);

/* dynamics.c: the dynamics plot (display.plot), and the effective-step
 * boxes at the heads. */
LayoutRequest render_dynamics_need(Renderer *r, const Scene *scene, bool compact);
void render_dynamics_plot(Renderer *r, const Scene *scene, LayoutRect rect);
void render_effective_steps(Renderer *r, const Scene *scene, const Viewport *vp);

/* hud.c: text_wrap and text_wrap_noting_cuts (text_wrap.h) measuring
 * with the font at px, the renderer's TextWrapMemory keeping the texts'
 * breaks. */
int render_wrap(Renderer *r, int px, const char *text, double max_width, char *lines,
                size_t line_size, int max_lines);
int render_wrap_noting_cuts(Renderer *r, int px, const char *text, double max_width, char *lines,
                            size_t line_size, int max_lines, bool *cut_word);

#endif
