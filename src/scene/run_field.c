/* run_field.c — see run_field.h. */
#include "run_field.h"

#include <stdio.h>
#include <string.h>

#include "core/spec.h"
#include "core/sweep.h"
#include "scene/i18n.h"
#include "scene/scene.h"

/* Whether kind takes key. */
static bool has_param(OptimizerKind kind, const char *key)
{
    const OptimizerInfo *info = optimizer_info(kind);
    for (size_t i = 0; i < info->nparams; i++)
        if (strcmp(info->params[i].name, key) == 0)
            return true;
    return false;
}

bool run_field_open(Scene *scene)
{
    DescentError err = {""};
    const SceneRun *run = scene_selected_run(scene, &err);
    if (!run) {
        scene_notify(scene, 3.0, "%s", err.message);
        return false;
    }
    RunField *f = &scene->run_field;
    const OptimizerDesc *desc = &run->run.desc;
    Spec spec;
    /* A run's spec was parsed when it was made. */
    if (!spec_parse(desc->spec, true, &spec, &err)) {
        scene_notify_error(scene, 6.0, err.message);
        return false;
    }
    snprintf(f->label, sizeof f->label, _("run %zu  %s:"), scene_run_number(scene, scene->selected),
             optimizer_kind_name(desc->kind));
    /* The learning rate is what one most often types: written out even
     * where the spec leaves it at its default. */
    char text[TEXT_FIELD_MAX] = "";
    size_t len = 0;
    bool names_lr = false;
    for (int i = 0; i < spec.count; i++)
        names_lr = names_lr || strcmp(spec.items[i].key, "lr") == 0;
    if (!names_lr && has_param(desc->kind, "lr")) {
        char lr[40];
        sweep_format_number(desc->lr, lr, sizeof lr);
        len += (size_t)snprintf(text, sizeof text, "lr=%s", lr);
    }
    for (int i = 0; i < spec.count && len < sizeof text; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%s%s=%s", len ? "," : "",
                                spec.items[i].key, spec.items[i].value);
    text_field_set(&f->field, text);
    f->error[0] = '\0';
    f->open = true;
    return true;
}

void run_field_close(Scene *scene)
{
    scene->run_field.open = false;
    scene->run_field.error[0] = '\0';
}

bool run_field_apply(Scene *scene)
{
    RunField *f = &scene->run_field;
    DescentError err = {""};
    const SceneRun *run = scene_selected_run(scene, &err);
    if (!run) {
        snprintf(f->error, sizeof f->error, "%s", err.message);
        return false;
    }
    const OptimizerDesc *desc = &run->run.desc;
    char spec[sizeof desc->spec + TEXT_FIELD_MAX];
    snprintf(spec, sizeof spec, "%s%s%s", optimizer_kind_name(desc->kind),
             f->field.text[0] ? ":" : "", f->field.text);
    if (!scene_change_run(scene, spec, &err)) {
        i18n_error(err.message, f->error, sizeof f->error);
        return false;
    }
    run_field_close(scene);
    scene_notify(scene, 3.0, _("run %zu: %s"), scene_run_number(scene, scene->selected),
                 scene->runs[scene->selected].run.desc.spec);
    return true;
}
