/*
 * shader.h — GLSL programs loaded from shaders/NAME.vert.glsl and
 * shaders/NAME.frag.glsl in the data dir (data_dir.h).  Internal to
 * src/render.
 */
#ifndef DESCENT_RENDER_SHADER_H
#define DESCENT_RENDER_SHADER_H

#include <epoxy/gl.h>

#include "core/error.h"

/* Compiles and links NAME's two stages; 0 on failure, with a one-line
 * error naming the file (and the GL info log, its newlines folded). */
GLuint shader_load(const char *name, DescentError *err);

#endif
