/* deliberate_leak.c — leaks one block from our own code while Mesa is
 * loaded and drawing, so expect_leak.sh can show that the sanitizer run's
 * Mesa suppressions (lsan.supp) still let LeakSanitizer report our leaks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <epoxy/gl.h>

#include "render/gl_context.h"

/* Kept out of line so its name is on the leak's stack. */
__attribute__((noinline)) static void deliberate_leak(void)
{
    char *lost = malloc(4096);
    if (!lost)
        return;
    memset(lost, 0x5a, 4096);
    /* Through a volatile pointer, so the compiler cannot drop the block. */
    char *volatile forget = lost;
    forget = NULL;
    (void)forget;
}

int main(void)
{
    DescentError err = {""};
    GlContext *gl = gl_context_create(
        &(GlContextOptions){.title = "deliberate leak", .width = 64, .height = 64}, &err);
    if (!gl) {
        fprintf(stderr, "deliberate_leak: %s\n", err.message);
        return 2;
    }
    glClearColor(0.2f, 0.3f, 0.4f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    deliberate_leak();
    glFinish();
    gl_context_destroy(gl);
    return 0;
}
