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

/* The item of spec with key, or NULL. */
static const SpecItem *item_named(const Spec *spec, const char *key)
{
    for (int i = 0; i < spec->count; i++)
        if (strcmp(spec->items[i].key, key) == 0)
            return &spec->items[i];
    return NULL;
}

/* spec with the typed items put in: a key typed replaces the run's value
 * where it stands, a new key follows the run's, and a key left out keeps
 * its value.  dest holds spec and typed with a colon to spare.  Errors:
 * spec_parse's, for typed text that is not key=value items. */
static bool merged_spec(const char *spec, const char *typed, char *dest, size_t size,
                        DescentError *err)
{
    Spec run, items;
    char with_name[SPEC_NAME_MAX + TEXT_FIELD_MAX];
    if (!spec_parse(spec, true, &run, err))
        return false;
    snprintf(with_name, sizeof with_name, "%s:%s", run.name, typed);
    if (typed[0] && !spec_parse(with_name, true, &items, err))
        return false;
    if (!typed[0])
        items.count = 0;
    size_t len = (size_t)snprintf(dest, size, "%s", run.name);
    const char *separator = ":";
    for (int i = 0; i < run.count; i++, separator = ",") {
        const SpecItem *mine = &run.items[i], *theirs = item_named(&items, mine->key);
        len += (size_t)snprintf(dest + len, size - len, "%s%s=%s", separator, mine->key,
                                (theirs ? theirs : mine)->value);
    }
    for (int i = 0; i < items.count; i++)
        if (!item_named(&run, items.items[i].key)) {
            len += (size_t)snprintf(dest + len, size - len, "%s%s=%s", separator,
                                    items.items[i].key, items.items[i].value);
            separator = ",";
        }
    return true;
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
    char spec[sizeof run->run.desc.spec + TEXT_FIELD_MAX];
    if (!merged_spec(run->run.desc.spec, f->field.text, spec, sizeof spec, &err) ||
        !scene_change_run(scene, spec, &err)) {
        i18n_error(err.message, f->error, sizeof f->error);
        return false;
    }
    run_field_close(scene);
    scene_notify(scene, 3.0, _("run %zu: %s"), scene_run_number(scene, scene->selected),
                 scene->runs[scene->selected].run.desc.spec);
    return true;
}
