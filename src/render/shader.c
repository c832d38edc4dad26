/* shader.c — see shader.h. */
#include "shader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/data_dir.h"

#define SHADER_MAX_BYTES (256 * 1024)

/* Reads a whole text file; NULL with err set. The caller frees it. */
static char *read_text(const char *path, DescentError *err)
{
    FILE *file = fopen(path, "rb");
    if (!file) {
        error_set(err, "cannot read shader %s: %s", path, strerror(errno));
        return NULL;
    }
    char *text = malloc(SHADER_MAX_BYTES + 1);
    size_t n = text ? fread(text, 1, SHADER_MAX_BYTES + 1, file) : 0;
    bool failed = !text || ferror(file) || n > SHADER_MAX_BYTES;
    fclose(file);
    if (failed) {
        error_set(err, "cannot read shader %s: %s", path,
                  text ? "unreadable or larger than 256 KiB" : "out of memory");
        free(text);
        return NULL;
    }
    text[n] = '\0';
    return text;
}

/* GL's info log on one line (its newlines become "; "). */
static void one_line(char *log)
{
    size_t len = strlen(log);
    while (len > 0 && (log[len - 1] == '\n' || log[len - 1] == ' '))
        log[--len] = '\0';
    for (char *p = log; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

static GLuint compile(const char *name, const char *stage, GLenum type, DescentError *err)
{
    char relative[256], path[4096];
    snprintf(relative, sizeof relative, "shaders/%s.%s.glsl", name, stage);
    if (!data_path(relative, path, sizeof path, err))
        return 0;
    char *source = read_text(path, err);
    if (!source)
        return 0;
    GLuint shader = glCreateShader(type);
    const GLchar *text = source;
    glShaderSource(shader, 1, &text, NULL);
    glCompileShader(shader);
    free(source);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetShaderInfoLog(shader, sizeof log, NULL, log);
        one_line(log);
        error_set(err, "shader %s does not compile: %s", path, log);
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

GLuint shader_load(const char *name, DescentError *err)
{
    GLuint vert = compile(name, "vert", GL_VERTEX_SHADER, err);
    if (!vert)
        return 0;
    GLuint frag = compile(name, "frag", GL_FRAGMENT_SHADER, err);
    if (!frag) {
        glDeleteShader(vert);
        return 0;
    }
    GLuint program = glCreateProgram();
    glAttachShader(program, vert);
    glAttachShader(program, frag);
    glLinkProgram(program);
    glDeleteShader(vert);
    glDeleteShader(frag);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetProgramInfoLog(program, sizeof log, NULL, log);
        one_line(log);
        error_set(err, "shaders/%s.{vert,frag}.glsl do not link: %s", name, log);
        glDeleteProgram(program);
        return 0;
    }
    return program;
}
