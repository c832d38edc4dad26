/*
 * heatmap.h — the 2D landscape layer: values sampled by the core on a grid
 * over the visible rectangle (grid_sample, threaded), mapped to [0, 1]
 * over the colour view's values (scene_colour_view: the asked-for view, or
 * a lesson's for its steps on the landscape; linearly or on a log scale;
 * beyond it on past the ends) and coloured by shaders/heatmap.frag.glsl through a
 * colormap from assets/colormaps/, clamped, with contour lines.
 * Internal to src/render.
 *
 * Work is done only when something changed: the grid is resampled when the
 * landscape, the visible rectangle or the size changes, and the coloured
 * layer is kept in a texture and copied to the target on other frames
 * (update, then blit) until the caller releases it.
 * When progressive is on and the view moves from one frame to the next, a
 * coarse grid is sampled first (panning stays fluid) and the full one once
 * the view holds still.
 */
#ifndef DESCENT_RENDER_HEATMAP_H
#define DESCENT_RENDER_HEATMAP_H

#include <stdbool.h>

#include <epoxy/gl.h>

#include "core/error.h"
#include "scene/scene.h"
#include "scene/viewport.h"
#include "shapes.h"
#include "value_scale.h"

typedef struct Heatmap Heatmap;

/* Errors: a shader or colormap file is missing or broken. */
Heatmap *heatmap_create(int threads, DescentError *err);
void heatmap_destroy(Heatmap *heatmap);

/* Brings the grid and its mapping up to date for the scene on viewport
 * (what heatmap_update does before painting): the 3D view keeps the colour
 * scale, and so the legend, the same as in 2D without painting the layer. */
void heatmap_prepare(Heatmap *heatmap, const Scene *scene, const Viewport *viewport,
                     bool progressive);

/* Brings the layer for the scene on viewport up to date: the grid
 * (heatmap_prepare) and what its painting is to be (the viewport's size;
 * scale widens the contour lines).  Returns a number that changes whenever
 * the painting does (what heatmap_blit copies), so a caller may keep copies
 * of it. */
unsigned heatmap_update(Heatmap *heatmap, const Scene *scene, const Viewport *viewport,
                        double scale, bool progressive);

/* Copies the layer heatmap_update asked for over viewport's pixel area
 * (whole pixels) of target (a framebuffer name, 0 for the window's), a
 * frame of frame_width x frame_height pixels, and leaves target bound with
 * its whole frame as the GL viewport.  The painting is kept in a texture
 * of its size (the viewport's, a quarter of it for a coarse grid), painted
 * here when it holds none (the first copy, or the first after
 * heatmap_release). */
void heatmap_blit(Heatmap *heatmap, const Viewport *viewport, int frame_width,
                  int frame_height, GLuint target);

/* The same painting as a texture (GL_NEAREST; rows from the bottom up, as
 * GL counts them) for a caller that draws it texel for pixel over
 * viewport's pixel area itself; 0 when it is a coarse one, which
 * heatmap_blit scales up.  Painting it leaves the framebuffer binding and
 * the GL viewport changed. */
GLuint heatmap_painting(Heatmap *heatmap, const Viewport *viewport);

/* Drops the painting's texture (a whole map's pixels: 6 MB at 1920x1080)
 * for a caller that keeps its own copy; the next heatmap_blit paints the
 * same pixels again. */
void heatmap_release(Heatmap *heatmap);

/* The grid is a coarse one, sampled while the view moved: the next frame
 * samples the full grid if the view holds still. */
bool heatmap_coarse(const Heatmap *heatmap);

/* The value range the colours span (the finite values of the colour view,
 * scene_colour_view, on a grid of its own) and whether on a log scale;
 * false before the first grid or when the view is flat.  lo is the least
 * value there, or lower: the least known minimum the scale reaches down
 * to (scene_colour_floor: in a lesson, in any view its steps on the
 * landscape ask for), which the grid's cells miss (it takes the lowest
 * colour, as every value at or below the least sample does), else the
 * least sample.  One view,
 * one scale, whatever the map's size: the map's shape follows the
 * caption's lines and the panels beside it, and a range taken from it
 * gave one lesson view other colour bars in each language and at each
 * size (issue 12: momentum 1 topped 276 at 960x540, 370 at 1280x720).
 * The map beyond the view holds values beyond the range: they take the
 * end colours, their contour lines drawn on (heatmap_beyond). */
bool heatmap_range(const Heatmap *heatmap, double *lo, double *hi, bool *log_scale);

/* Whether the landscape about the colour view reaches below and above
 * heatmap_range's values, by more than the eye tells (heatmap.c's
 * BEYOND_SEEN), as far as a map of any shape the layout gives shows it
 * (heatmap.c's reach_stats), whatever this map's shape, so the bar reads
 * the same in every language and size: those values take the end colours,
 * which the legend says (hud.c's draw_colorbar). */
void heatmap_beyond(const Heatmap *heatmap, bool *below, bool *above);

/* The landscape value shown at position t in [0, 1] of the colour scale. */
double heatmap_value_at(const Heatmap *heatmap, double t);

/* The mapping of values to the colour scale of the last grid. */
ValueScale heatmap_scale(const Heatmap *heatmap);

/* The colormap as a 256 x 1 RGB texture (linear filtering, clamped; owned
 * by the heatmap), for other layers that colour by the same scale. */
GLuint heatmap_colormap_texture(const Heatmap *heatmap, Colormap colormap);

/* The colormap's colour at t in [0, 1], as the shader interpolates it. */
Rgba heatmap_color(const Heatmap *heatmap, Colormap colormap, double t);

#endif
