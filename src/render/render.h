/*
 * render.h — draws a Scene with OpenGL 3.3 core (docs/ARCHITECTURE.md §1, §2): the
 * landscape as a heatmap with contours (or, in the 3D view, a lit surface
 * seen through an orbit camera: surface.h) and minima markers, each run's path
 * with a fading trail and head marker, particles, gradient arrows, the
 * lesson overlays the scene's display asks for (each run's gradient flow
 * dashed beside it, its last step as an arrow, the swarm's basin shares
 * as "62%" at the minima), and the
 * HUD (legend with each run's spec, loss and learning rate, loss-versus-step
 * plot, hover readout, help overlay, notices).
 *
 * The renderer never steps optimizers: it only reads the scene.  It draws
 * into whatever framebuffer is bound when render_frame is called (the
 * window's, or a Framebuffer for recording), so the window and the recorder
 * share it.  All GL objects stay inside src/render.
 *
 * Needs a current GL 3.3 core context (gl_context.h) for its whole life.
 */
#ifndef DESCENT_RENDER_H
#define DESCENT_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "layout.h"
#include "scene/axis_ticks.h"
#include "scene/scene.h"
#include "scene/viewport.h"

typedef struct Renderer Renderer;

/* One line of the help overlay: the keys and what they do. */
typedef struct RenderHelpLine {
    const char *keys;     /* "[ ]" */
    const char *action;   /* "learning rate of the selected run ÷1.25 / ×1.25" */
} RenderHelpLine;

/* Loads shaders (shaders/), colormaps (assets/colormaps/) and fonts.
 * Errors: a missing or broken shader or colormap (naming the file and the
 * GL log), no usable font.
 *
 * The bottom of the frame (the slate, the landscape, the panels'
 * rectangles) is kept in a texture while it holds still and copied under
 * each frame: the same pixels as drawing it again.  For tests and
 * benchmarks, the environment variable DESCENT_STATIC_LAYER=off draws every
 * frame in full, and DESCENT_STATIC_LAYER=report prints to stderr, when
 * the renderer is destroyed, how many frames were drawn over the copy. */
Renderer *renderer_create(DescentError *err);
void renderer_destroy(Renderer *renderer);

/* Begins, on a thread, the part of the next renderer_create's work that
 * needs no GL context (finding the fonts), so that it overlaps
 * gl_context_create: called first, it takes 7 to 13 ms off the start.
 * Optional; call it at most once before each renderer_create. */
void renderer_prepare(void);

/* The lines the help overlay lists (borrowed; keep them alive). */
void renderer_set_help(Renderer *renderer, const RenderHelpLine *lines, size_t count);
/* The pages the last frame's help overlay had (SceneDisplay.help_page
 * picks one; 0 before it was drawn): as many as the frame's height needs
 * with the keys at the frame's text size. */
size_t render_help_pages(const Renderer *renderer);

/* Coarse-first heatmap while the view moves (the window); off gives every
 * frame the full grid (recording: frames depend on the scene alone). */
void renderer_set_progressive(Renderer *renderer, bool progressive);

/* The last frame was drawn in full: no coarse heatmap or half-size 3D
 * surface left from a moving view that another frame would refine. */
bool renderer_settled(const Renderer *renderer);

/* Slide-ready frames (recording).  transparent: everything off the
 * asked-for view rectangle (the landscape, letterboxed into the frame) is
 * clear, alpha 0, and what lies on the landscape is cut at its edge;
 * panels keep their own alpha.  Where alpha is below 1 the frame holds
 * premultiplied colour (blending over a clear target), which a PNG or
 * video writer divides out.  crop: the landscape alone, without legend,
 * plot, colour bar, readout, caption or notice. */
void renderer_set_slide(Renderer *renderer, bool transparent, bool crop);

/* The 2D view's mapping from plane to pixels in the frame drawn (or laid
 * out) last: scene's view fitted into the rectangle the panels leave free
 * (layout.h's Layout.landscape).  The window maps the pointer through it,
 * so a click lands where the picture is.  The 3D view shows scene's view
 * itself (the surface's box, and the colour scale) in the rectangle the
 * panels leave for the box's picture, fitted into it (camera.h); its
 * pixels map through the surface (render_plane_point), not through this
 * mapping (its scales need not be equal). */
Viewport render_viewport(const Renderer *renderer, const Scene *scene);

/* The shape (width over height) of what the map shows, which the layout
 * makes room for (LayoutInput.landscape_aspect): the view's; in 3D the
 * box's picture; a network's hidden layer's picture's own (the frame's,
 * laid out last), not the slice's it stands in place of. */
double render_map_aspect(const Renderer *renderer, const Scene *scene);

/* The plane point drawn at pixel (px, py) of the last frame: through the
 * 2D view, or where the pixel's ray meets the 3D view's surface.  False
 * where the pixel shows no point: off the 2D map or on a panel there
 * (not one that comes and goes over it: layout.h's layout_over_map), where
 * the 3D ray misses, and before the first frame. */
bool render_plane_point(const Renderer *renderer, const Scene *scene, double px, double py,
                        double *x, double *y);

/* The update under pixel (px, py) of the last frame's loss plot (its
 * panel, clamped to the plotted steps); false when the pixel is not on the
 * plot or none was drawn. */
bool render_plot_step_at(const Renderer *renderer, const Scene *scene, double px, double py,
                         size_t *step);

/* Whom a frame is for.  Only the window shows what only a presenter can
 * use: the lesson step's hint (scene->hint), and the keys in the status
 * line ("paused (Space plays, . steps)", "h: help").  A recording never
 * does: `descent record`, and the window's own 'v' recording (the window
 * then draws what the video gets). */
typedef enum RenderAudience {
    RENDER_FOR_WINDOW = 0,
    RENDER_FOR_RECORDING,
} RenderAudience;

/* Draws scene into the bound framebuffer of width x height pixels for
 * audience.  scale multiplies text sizes and line widths (high-DPI screens;
 * the scene's projector mode multiplies it further). */
void render_frame(Renderer *renderer, const Scene *scene, int width, int height, double scale,
                  RenderAudience audience);

/* Tests: observer(context, utf8, box, px) is called with every text
 * render_frame (and render_recording_badge) draws, in drawing order, the
 * box it was laid out in (its image's width, one line of its size high:
 * render_line_height; a Chinese face's image is taller, its glyphs within
 * the line) and its size in pixels.  NULL stops it. */
typedef void (*RenderTextObserver)(void *context, const char *utf8, LayoutRect box, int px);
void renderer_observe_text(Renderer *renderer, RenderTextObserver observer, void *context);

/* The marks the map draws that no text beside them names, one bit each;
 * the legend's key names those a step shows (its last line: each mark
 * drawn small, then its word, in the bits' order), so a class can read
 * what a "+" or a ring means where it is on screen. */
typedef enum RenderMark {
    RENDER_MARK_START = 1u << 0,      /* "+": where runs start */
    RENDER_MARK_MINIMUM = 1u << 1,    /* a ring: a minimum the landscape knows */
    RENDER_MARK_SELECTED = 1u << 2,   /* a ring about a head: the run the keys change */
    RENDER_MARK_BASIN_EDGE = 1u << 3, /* where two basins of attraction meet */
    RENDER_MARK_WALKER = 1u << 4,     /* the trail and head in a cloud: the run it copies */
    RENDER_MARK_GRADIENT = 1u << 5,   /* the arrows −∇L, of the field and at the heads */
    RENDER_MARK_SHARE = 1u << 6,      /* "62%" over a minimum: its basin's walkers */
    RENDER_MARK_LEAST = 1u << 7,      /* "Lmin" in the log colour bar's title */
    RENDER_MARK_KINDS = 8
} RenderMark;

/* How far (pixels at scale 1) right of the ends of the lesson's title and
 * the landscape's name the key keeps where no other place lets it lie on
 * their rows (hud.c's key_place): 15 pixels after learning_rate 5's
 * title in Chinese it read as part of the title. */
#define RENDER_KEY_APART_FROM_TITLE 80.0

/* The least share of the view's height a lesson step shows laid out alone
 * that it keeps laid out with the other steps of its group (hud.c's
 * group_parts): a step gives at most a fifth of its map to panels it does
 * not show, else its group is split there and the map moves between the
 * parts. */
#define RENDER_GROUP_STEP_KEEP 0.8

/* Tests: the marks the last frame drew (RenderMark bits), and the key's
 * words for mark (one bit), in the language selected (i18n.h). */
unsigned renderer_marks_drawn(const Renderer *renderer);
const char *render_mark_words(RenderMark mark);

/* Tests: work the frame drawn last did that it could repeat (issue 18):
 * how many times it worked out its legend's run items (made once for all
 * the legend's forms, again for its key only where a run is hidden),
 * walked the runs' losses for the loss plot's scale (once: the layout's
 * look serves the plot, again where a run is hidden) and worked out how
 * a path nests among the others (once a run). */
typedef struct RenderFrameWork {
    int legend_runs;
    int loss_scales;
    int path_nests;
} RenderFrameWork;
RenderFrameWork renderer_frame_work(const Renderer *renderer);

/* Tests: how many of the gradient field's arrows the frame drawn last
 * drew meet box. */
size_t render_arrows_in(const Renderer *renderer, LayoutRect box);

/* Lays the panels out as render_frame would draw scene at width x height
 * and scale for audience, without drawing (the layout test); valid until
 * the next call or frame.  Needs only the text's fonts, no framebuffer. */
const Layout *render_layout(Renderer *renderer, const Scene *scene, int width, int height,
                            double scale, RenderAudience audience);

/* The value labels of the plane's axes (axis_ticks.h) on the map of the
 * frame drawn (or laid out) last, at most capacity of them in dest; how
 * many there are (none when the axes are off, in 3D, on a network). */
size_t render_axis_labels(Renderer *renderer, const Scene *scene, AxisLabel *dest,
                          size_t capacity);

/* Tests: the pixels of the 3D view's box's eight corners in the frame
 * drawn last; false when that frame was not in 3D. */
bool render_box_corners(const Renderer *renderer, double px[8], double py[8]);

/* Tests: the plotting areas (each plot's room for its curves, inside its
 * axes) of the frame drawn last, at most capacity of them in dest; how
 * many there are. */
size_t render_plot_areas(const Renderer *renderer, LayoutRect *dest, size_t capacity);

/* Tests: the label leaders (each from the label's edge to its point's end:
 * x0, y0, x1, y1) of the frame drawn last, at most capacity of them in
 * dest; how many there are. */
size_t render_label_leaders(const Renderer *renderer, double (*dest)[4], size_t capacity);

/* Tests: the effective-step boxes (render_effective_steps) of the frame
 * drawn last, at most capacity of them in dest; how many there are. */
size_t render_effective_boxes(const Renderer *renderer, LayoutRect *dest, size_t capacity);

/* Draws a recording badge (a red dot and text, "REC 0:12  (v stops)") at
 * the top of the frame render_frame drew last, over it: the window draws
 * it after the frame went to the recording, so the video does not show it. */
void render_recording_badge(Renderer *renderer, const char *text);

/* Draws an experiment's picture (scene/experiment_live.h) alone over the
 * bound framebuffer of width x height pixels at scale, in theme's colours
 * (`descent experiment --plot`): the points measured with their intervals
 * over the law's curve, the verdict as the title. */
void render_experiment_frame(Renderer *renderer, const ExperimentPicture *picture, int width,
                             int height, double scale, SceneTheme theme);

/* Tests: the pixel row at which the last dynamics plot drew a sharpness
 * value; false when it drew no sharpness plot. */
bool render_sharpness_to_y(const Renderer *renderer, double value, double *py);

/* Tests: the pixel column at which the last dynamics plot drew a
 * sharpness plot's step; false when it drew no sharpness plot. */
bool render_sharpness_step_x(const Renderer *renderer, double step, double *px);

/* Tests: the pixel the last experiment plot drew (swept, value) at; false
 * when it drew no points. */
bool render_experiment_to_pixel(const Renderer *renderer, double swept, double value,
                                double *px, double *py);

/* Tests: the centres of the crosses the last frame drew on the points a
 * network's data panel gets wrong, up to max of them into dest (the
 * first RENDER_MISSES are kept); returns how many. */
#define RENDER_MISSES 512
size_t render_miss_marks(const Renderer *renderer, double (*dest)[2], size_t max);

/* Tests: how many of the cloud's walkers the last frame drew again over
 * the key's own panel, where it lies on the map. */
size_t render_key_walkers(const Renderer *renderer);

/* The factor projector mode applies on top of scale. */
#define RENDER_PROJECTOR_SCALE 1.75

/* The least text size of a frame drawn at scale (the projector's
 * included), in pixels: render_font_px gives no less, and text that
 * shrinks to fit (a network picture's notes on the map, an experiment's
 * verdict) stops there.  It is RENDER_LEAST_TEXT_PX times the scale, and
 * on every frame a classroom uses (scale RENDER_LEAST_FRAME_SCALE, 960x600,
 * and up) never under RENDER_LEAST_FRAME_TEXT_PX: a small recording's
 * scale shrank its text below what a learner reads (at 960x600, scale
 * 0.75, plot ticks and legends were 8 to 10 pixels, digits 7 pixels from
 * top to baseline; at 13 pixels they are 9 to 10, as 1280x720's).  A
 * smaller frame, a thumbnail for a slide, takes that floor in proportion
 * to its scale, so its panels leave it a picture (at 320x240 the 13 pixel
 * floor covered most of the frame with panels).  At 1280x720 --projector
 * the least is 18 pixels; the notes of representation 2 were drawn at 9. */
int render_least_font_px(double scale);
#define RENDER_LEAST_TEXT_PX 10.0
#define RENDER_LEAST_FRAME_TEXT_PX 13.0
#define RENDER_LEAST_FRAME_SCALE 0.75

/* The scale a recording of width x height pixels is drawn at: 1 at
 * 1280x720, growing with the frame's smaller ratio to that, so a 16:10
 * frame's panels are no wider than a 16:9 frame's of its width. */
double render_recording_scale(int width, int height);

/* The scale markers on a map are drawn at (heads, start crosses, minima,
 * particles, a lesson's dots and circles) and the paths' widths: the
 * frame's scale (projector included) on a map whose shorter side is at
 * least RENDER_MARKER_FULL_SIDE pixels times that scale, less on a smaller
 * one, in proportion, but never under RENDER_MARKER_LEAST_SHARE of it (read
 * from the back of a room).  At 1280x720 --projector sharp_flat 1's map is
 * 295 pixels high: its start cross touched the sharp valley's circle, drawn
 * at the full 1.75; momentum 4's swings, 13 pixels wide, merged into one
 * mass. */
double render_marker_scale(double scale, double map_width, double map_height);
#define RENDER_MARKER_FULL_SIDE 400.0
#define RENDER_MARKER_LEAST_SHARE 0.6

/* Half the width of a path's colour on the map (world.c), in pixels times
 * the marker scale: paths follow render_marker_scale like the markers on
 * them.  At the frame's full scale on a small map (1280x720 --projector) a
 * path 10 pixels wide merged momentum 1's wall-to-wall zig-zags into one
 * wedge, and momentum 4's swings into one mass. */
#define RENDER_PATH_HALF 1.7

/* How much wider (pixels, times the marker scale) a path is drawn for each
 * later-drawn run from its start, and for at most how many: paths from one
 * start nest, so one that another follows closely shows along its edges
 * (gradient_flow 1's GD under the flow; batch_and_flatness's GD under SGD,
 * world.c and net_view.c).  On the landscape the selected run is drawn as
 * wide as the widest run under it (world.c's path_nest). */
#define RENDER_PATH_NEST_STEP 1.0
#define RENDER_PATH_NEST_MAX 3

/* How much wider (as above) a path is drawn under later paths from its start. */
static inline double render_path_nest(size_t later)
{
    size_t nest = later < RENDER_PATH_NEST_MAX ? later : RENDER_PATH_NEST_MAX;
    return RENDER_PATH_NEST_STEP * (double)nest;
}

#endif
