/*
 * bench_memory_floor.c — the memory floor of a window like descent's: SDL's
 * video, one window of WIDTHxHEIGHT (default 1920x1080) with a GL 3.3 core
 * context on the same driver, cleared and presented FRAMES times (default
 * 300), and nothing else.  It keeps the 24-bit depth buffer the floor was
 * first measured with (83 MB at 1920x1080, issue 18's figures), which
 * descent's window no longer asks for (75 MB without it).  Prints its resident memory then, in MB; bench_
 * memory.py sets it beside descent's after the same frames.  Prints too
 * the wall time from the process's start to its first presented frame, the
 * start-up floor bench_startup sets beside descent's.  Args: [FRAMES
 * [WxH]].  Run off-screen (SDL_VIDEODRIVER=offscreen) as descent's
 * --bench-frames does.
 */
#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>
#include <epoxy/gl.h>

#include "resident.h"
#include "since_start.h"

int main(int argc, char **argv)
{
    long frames = argc > 1 ? strtol(argv[1], NULL, 10) : 300;
    int width = 1920, height = 1080;
    if (argc > 2 && sscanf(argv[2], "%dx%d", &width, &height) != 2) {
        fprintf(stderr, "bench_memory_floor: expected WxH, got %s\n", argv[2]);
        return 2;
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "bench_memory_floor: %s\n", SDL_GetError());
        return 1;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 24);
    SDL_Window *window = SDL_CreateWindow("floor", SDL_WINDOWPOS_UNDEFINED,
                                          SDL_WINDOWPOS_UNDEFINED, width, height,
                                          SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    SDL_GLContext context = window ? SDL_GL_CreateContext(window) : NULL;
    if (!context) {
        fprintf(stderr, "bench_memory_floor: %s\n", SDL_GetError());
        return 1;
    }
    for (long k = 0; k < frames; k++) {
        glViewport(0, 0, width, height);
        glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        if (k == 0)
            glFinish();
        SDL_GL_SwapWindow(window);
        if (k == 0)
            printf("floor: an empty %dx%d GL 3.3 core window's first frame presented at %.1f "
                   "ms CPU, %.0f ms wall since the process started\n",
                   width, height, 1000.0 * clock_seconds(CLOCK_PROCESS_CPUTIME_ID),
                   1000.0 * since_start());
    }
    glFinish();
    printf("empty %dx%d GL 3.3 core window after %ld frames: %.1f MB resident (%s)\n", width,
           height, frames, resident_bytes() / 1048576.0, (const char *)glGetString(GL_RENDERER));
    SDL_GL_DeleteContext(context);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
