/* shader.c — see shader.h. */
#include "shader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/data_dir.h"

#define SHADER_MAX_BYTES (256 * 1024)

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

/* Reads shaders/FILE from the data dir; NULL with err set. */
static char *read_shader_file(const char *file, char *path, size_t path_size,
                              DescentError *err)
{
    char relative[256];
    if ((size_t)snprintf(relative, sizeof relative, "shaders/%s", file) >= sizeof relative) {
        error_set(err, "shader name too long: %s", file);
        return NULL;
    }
    return data_read_text(relative, "shader", SHADER_MAX_BYTES, path, path_size, err);
}

/* source with each line `#include "FILE"` replaced by shaders/FILE (not
 * nested), so that stages share code (contour.glsl).  #line directives
 * keep GL's messages counting the lines of each file: string 0 is the
 * including file, string k its k-th include.  Frees source; NULL with err
 * set naming a file that cannot be read. */
static char *expand_includes(char *source, DescentError *err)
{
    static const char directive[] = "#include \"";
    char *expanded = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&expanded, &size);
    if (!out) {
        error_set(err, "cannot read shaders: out of memory");
        free(source);
        return NULL;
    }
    bool ok = true;
    int line = 1, includes = 0;
    for (char *p = source; ok && *p;) {
        char *end = strchr(p, '\n');
        size_t length = end ? (size_t)(end - p) + 1 : strlen(p);
        const char *name = strncmp(p, directive, sizeof directive - 1) == 0
                               ? p + sizeof directive - 1 : NULL;
        /* The closing quote on this line (memchr: gcc's sanitizer build
         * took strchr here for a read past the buffer). */
        const char *close = name ? memchr(name, '"', length - (sizeof directive - 1)) : NULL;
        if (close && (!end || close < end)) {
            char file[128], path[4096];
            snprintf(file, sizeof file, "%.*s", (int)(close - name), name);
            char *included = read_shader_file(file, path, sizeof path, err);
            ok = included != NULL;
            if (ok)
                fprintf(out, "#line 1 %d\n%s\n#line %d 0\n", ++includes, included, line + 1);
            free(included);
        } else {
            fwrite(p, 1, length, out);
        }
        p += length;
        line++;
    }
    free(source);
    if (fclose(out) != 0 || !ok) {
        if (ok)
            error_set(err, "cannot read shaders: out of memory");
        free(expanded);
        return NULL;
    }
    return expanded;
}

static GLuint compile(const char *name, const char *stage, GLenum type, DescentError *err)
{
    char file[256], path[4096];
    snprintf(file, sizeof file, "%s.%s.glsl", name, stage);
    char *source = read_shader_file(file, path, sizeof path, err);
    if (source)
        source = expand_includes(source, err);
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
