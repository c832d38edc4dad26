/* lesson_list.c — finding the lessons that ship, and the language to show. */
#include "lesson.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/data_dir.h"

const char *lesson_default_lang(void)
{
    static const char *const variables[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
    for (size_t i = 0; i < sizeof variables / sizeof variables[0]; i++) {
        const char *value = getenv(variables[i]);
        if (value && *value)
            return strncmp(value, "zh", 2) == 0 ? "zh" : "en";
    }
    return "en";
}

static bool is_lesson_file(const char *name)
{
    size_t len = strlen(name);
    return len > 4 && name[0] != '.' && strcmp(name + len - 4, ".lua") == 0;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void lesson_list_free(LessonList *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->paths[i]);
    free(list->paths);
    *list = (LessonList){ 0 };
}

bool lesson_list(LessonList *dest, DescentError *err)
{
    *dest = (LessonList){ 0 };
    char folder[4096];
    if (!data_path("lessons", folder, sizeof folder, err))
        return false;
    DIR *dir = opendir(folder);
    if (!dir)
        return error_set(err, "cannot read %s: %s", folder, strerror(errno));
    size_t capacity = 0;
    bool ok = true;
    for (struct dirent *entry; ok && (entry = readdir(dir));) {
        if (!is_lesson_file(entry->d_name))
            continue;
        if (dest->count == capacity) {
            capacity = capacity ? 2 * capacity : 16;
            char **grown = realloc(dest->paths, capacity * sizeof *grown);
            if (!(ok = grown != NULL))
                break;
            dest->paths = grown;
        }
        size_t size = strlen(folder) + strlen(entry->d_name) + 2;
        char *path = malloc(size);
        if (!(ok = path != NULL))
            break;
        snprintf(path, size, "%s/%s", folder, entry->d_name);
        dest->paths[dest->count++] = path;
    }
    closedir(dir);
    if (!ok) {
        lesson_list_free(dest);
        return error_set(err, "out of memory listing %s", folder);
    }
    qsort(dest->paths, dest->count, sizeof *dest->paths, compare_paths);
    return true;
}

bool lesson_find(const char *name, char *dest, size_t size, DescentError *err)
{
    char relative[512];
    if ((size_t)snprintf(relative, sizeof relative, "lessons/%s.lua", name) >= sizeof relative)
        return error_set(err, "lesson name too long: %s", name);
    return data_path(relative, dest, size, err);
}
