/*
 * lesson_files.h — the files a lesson's spec strings name, kept inside the
 * lesson's folder (internal to src/lesson; lesson.h states the rule).
 *
 * A spec key names a file when the core's parameter table for its kind
 * gives it type PARAM_TEXT (a landscape's data=FILE, a dataset's
 * csv:FILE).  The spec is split
 * with the core's own parser (spec_parse), so every spelling the core
 * accepts (spaces or tabs around keys and values, any item order) is
 * checked, and none it refuses matters: those specs fail later, with the
 * core's message.
 */
#ifndef DESCENT_LESSON_FILES_H
#define DESCENT_LESSON_FILES_H

#include <stdbool.h>

#include "core/error.h"

typedef enum SpecKind {
    SPEC_LANDSCAPE = 0,   /* landscape_kinds() names the kind */
    SPEC_OPTIMIZER,       /* optimizer_kinds() names the kind */
    SPEC_DATASET,         /* netdata_kinds names the kind; csv:FILE is
                             csv:file=FILE (core/netdata.h) */
} SpecKind;

/* The spec with each file key's value replaced by the real path of the
 * file it names, which must be a regular file inside folder (a real path,
 * no trailing '/'), named by a relative path; malloc'd, the caller frees.
 * A spec that names no file, or that the core will refuse anyway, comes
 * back as it is.  NULL with err filled ("KEY=VALUE: why") when a file is
 * named by an absolute path, is missing, lies outside folder (through
 * "..", a symlink or otherwise), is not a regular file (a folder, a FIFO,
 * a device), or has a path the spec grammar cannot hold; or when out of
 * memory. */
char *lesson_files_resolve(const char *spec, SpecKind kind, const char *folder,
                           DescentError *err);

#endif
