/* scene_share.c — see scene_share.h. */
#include "scene_share.h"

#include <stdio.h>
#include <string.h>

#include "core/sweep.h"

static void put(CommandLine *line, const char *text, size_t n)
{
    if (line->len < line->size) {
        size_t room = line->size - line->len - 1;
        memcpy(line->dest + line->len, text, n < room ? n : room);
        line->dest[line->len + (n < room ? n : room)] = '\0';
    }
    line->len += n;
}

void command_line_word(CommandLine *line, const char *text)
{
    static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                "0123456789_@%+=:,./-";
    put(line, " ", line->len ? 1 : 0);
    if (*text && strspn(text, plain) == strlen(text)) {
        put(line, text, strlen(text));
        return;
    }
    put(line, "'", 1);
    for (const char *p = text; *p; p++) {
        if (*p == '\'')
            put(line, "'\\''", 4);
        else
            put(line, p, 1);
    }
    put(line, "'", 1);
}

void command_line_numbers(CommandLine *line, const double *values, int count)
{
    char text[40 * 4];
    size_t len = 0;
    for (int k = 0; k < count; k++) {
        char number[40];
        sweep_format_number(values[k], number, sizeof number);
        len += (size_t)snprintf(text + len, len < sizeof text ? sizeof text - len : 0, "%s%s",
                                k ? "," : "", number);
    }
    line->ok = len < sizeof text && line->ok;
    command_line_word(line, text);
}

bool scene_command_line(const Scene *scene, char *dest, size_t size)
{
    CommandLine line = {dest, size, 0, true};
    if (size > 0)
        dest[0] = '\0';
    command_line_word(&line, "descent");
    if (scene->net) {
        /* The network's options, which src/cli.c's table of trace options
         * owns (docs/CLI.md §2.4). */
        const char *model, *data;
        uint64_t init_seed;
        net_stage_specs(scene->net, &model, &data, &init_seed);
        char seed[32];
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)init_seed);
        const char *words[] = {"--model", model, "--data", data, "--init-seed", seed};
        for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
            command_line_word(&line, words[k]);
    }
    size_t count;
    const SceneOptionDef *defs = scene_option_defs(&count);
    for (size_t i = 0; i < count; i++)
        if (defs[i].print)
            defs[i].print(scene, &line);
    return line.ok && line.len < size;
}
