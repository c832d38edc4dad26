/* expr_field.c — see expr_field.h. */
#include "expr_field.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene/i18n.h"
#include "scene/scene.h"

static const char expr_prefix[] = LANDSCAPE_EXPRESSION_KIND ":";

void expr_field_open(Scene *scene)
{
    ExprField *f = &scene->expr_field;
    f->open = true;
    f->error[0] = '\0';
    const char *expression = landscape_expression(scene->landscape);
    text_field_set(&f->field, expression ? expression : "");
}

void expr_field_close(Scene *scene)
{
    scene->expr_field.open = false;
    scene->expr_field.error[0] = '\0';
}

bool expr_field_apply(Scene *scene)
{
    ExprField *f = &scene->expr_field;
    char spec[sizeof expr_prefix + TEXT_FIELD_MAX];
    snprintf(spec, sizeof spec, "%s%s", expr_prefix, f->field.text);
    DescentError err = {""};
    if (!scene_set_landscape(scene, spec, landscape_expression(scene->landscape) != NULL, &err)) {
        i18n_error(err.message, f->error, sizeof f->error);
        const char *column = strstr(err.message, "column ");
        if (column)
            text_field_to_column(&f->field, strtoul(column + strlen("column "), NULL, 10));
        return false;
    }
    expr_field_close(scene);
    scene_notify(scene, 3.0, _("landscape: %s"), spec);
    return true;
}
