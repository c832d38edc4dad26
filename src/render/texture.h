/*
 * texture.h — a new 2D texture, bound, set up as every part of the
 * renderer samples its textures: clamped at the edges, filtered by filter
 * (GL_LINEAR or GL_NEAREST).  Internal to src/render; the caller deletes
 * it.  A texture painted into is made and deleted with its framebuffer by
 * the pair texture_attach_new and texture_detach_delete.
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

/* A width x height RGBA8 texture (texture_create's, GL_NEAREST) made the
 * colour of framebuffer fbo, which is left bound. */
static inline GLuint texture_attach_new(GLuint fbo, int width, int height)
{
    GLuint texture = texture_create(GL_NEAREST);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture, 0);
    return texture;
}

/* Deletes *texture (none when 0), fbo's colour, and sets it to 0; fbo is
 * left bound.  It is detached first: a texture stays alive while attached
 * to a framebuffer that is not bound when it is deleted. */
static inline void texture_detach_delete(GLuint fbo, GLuint *texture)
{
    if (!*texture)
        return;
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, 0, 0);
    glDeleteTextures(1, texture);
    *texture = 0;
}

#endif
