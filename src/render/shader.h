/*
 * shader.h — GLSL programs loaded from shaders/NAME.vert.glsl and
 * shaders/NAME.frag.glsl in the data dir (data_dir.h).  A line
 * `#include "FILE"` in either stands for shaders/FILE (not nested), which
 * is how the heatmap and the surface share contour.glsl; GL's messages
 * count lines per file, string 0 the stage's own file and string k its
 * k-th include.  Internal to src/render.
 */
#ifndef DESCENT_RENDER_SHADER_H
#define DESCENT_RENDER_SHADER_H

#include <epoxy/gl.h>

#include "core/error.h"

/* Compiles and links NAME's two stages; 0 on failure, with a one-line
 * error naming the file (a missing include names the included file; a
 * compile error, the stage's file with GL's info log, its newlines
 * folded). */
GLuint shader_load(const char *name, DescentError *err);

#endif
