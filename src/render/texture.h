/*
 * texture.h — a new 2D texture, bound, set up as every part of the
 * renderer samples its textures: clamped at the edges, filtered by filter
 * (GL_LINEAR or GL_NEAREST).  Internal to src/render; the caller deletes
 * it.
 */
#ifndef DESCENT_RENDER_TEXTURE_H
#define DESCENT_RENDER_TEXTURE_H

#include <epoxy/gl.h>

static inline GLuint texture_create(GLint filter)
{
    GLuint texture;
    glGenTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    return texture;
}

#endif
