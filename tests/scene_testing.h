/*
 * scene_testing.h — making scenes in tests.
 */
#ifndef DESCENT_SCENE_TESTING_H
#define DESCENT_SCENE_TESTING_H

#include "testing.h"

#include "scene/scene.h"

/* The scene of options with runs[0..count) as its optimizers (replacing
 * options.runs); fails the running test with the scene's own error when
 * it cannot be made.  The caller destroys it. */
static inline Scene *scene_for_test(SceneOptions options, const char *const *runs, size_t count)
{
    options.run_count = count;
    for (size_t i = 0; i < count; i++)
        options.runs[i] = runs[i];
    DescentError err = {""};
    Scene *scene = scene_create(&options, &err);
    if (!scene)
        fail_msg("%s", err.message);
    return scene;
}

#endif
