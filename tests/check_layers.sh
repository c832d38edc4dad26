#!/bin/sh
# What the include roots cannot refuse (docs/ARCHITECTURE.md §1): system
# headers.  core, lesson and scene name no SDL, GL, EGL or epoxy header; Lua's
# headers appear only in src/lesson, in its .c files and in headers that no
# file outside src/lesson includes; and no include climbs out of its folder
# with "../", around the include roots.  Prints each offending line.
root=${1:?usage: check_layers.sh SOURCE_ROOT}
cd "$root" || exit 1
status=0

# offend MESSAGE: reads grep -n output and reports each line under MESSAGE.
offend() {
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        echo "$line: $1"
        status=1
    done
}

include='^[[:space:]]*#[[:space:]]*include[[:space:]]*'
graphics="$include[<\"](SDL[^/]*\\.h|SDL2/|GL/|GLES[0-9]*/|EGL/|epoxy/)"
lua="$include[<\"](lua\\.h|lualib\\.h|lauxlib\\.h|luaconf\\.h|lua\\.hpp|lua5\\.4/)"

offend "core, lesson and scene know nothing of SDL or GL" <<EOF
$(grep -EnH "$graphics" src/core/*.[ch] src/lesson/*.[ch] src/scene/*.[ch])
EOF

offend "Lua belongs to src/lesson" <<EOF
$(grep -EnH "$lua" src/*.[ch] src/core/*.[ch] src/scene/*.[ch] src/render/*.[ch] \
    src/record/*.[ch] src/app/*.[ch])
EOF

for header in $(grep -El "$lua" src/lesson/*.h); do
    name=${header#src/}
    offend "includes $name, which includes Lua: only src/lesson may" <<EOF
$(grep -EnH "$include\"$name\"" src/*.[ch] src/*/*.[ch] tests/*.[ch] tests/*/*.[ch] bench/*.c |
    grep -v '^src/lesson/')
EOF
done

offend "climbs out of its folder: include \"LAYER/name.h\" instead" <<EOF
$(grep -EnH "$include\"\\.\\./" src/*.[ch] src/*/*.[ch])
EOF

[ "$status" -eq 0 ] && echo "core, lesson and scene include no SDL, GL or Lua headers; no include climbs out"
exit "$status"
