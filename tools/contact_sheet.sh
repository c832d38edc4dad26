#!/bin/sh
# contact_sheet.sh — the last frame of every step of every shipped lesson,
# in English and in Chinese, side by side on one sheet per language:
# docs/contact_sheet_en.png and docs/contact_sheet_zh.png (one row per
# lesson, one tile per step, labelled lesson/step id).
#
# A maintainers' tool for reviewing captions against pictures
# (lessons/CLAIMS.md); the tests and CI neither run nor need it.  It needs
# ImageMagick's montage and pngquant: apt-get install imagemagick pngquant.
#
# usage: tools/contact_sheet.sh [-b BUILD] [-k DIR] [-s WxH] [-l LANG] [LESSON...]
#   -b BUILD   the build folder holding descent (default: build)
#   -k DIR     also keep every step's last frame, full size, as
#              DIR/LANG/LESSON_NN_ID.png (default: only the sheets)
#   -s WxH     the size frames are recorded at (default 640x360, the
#              1280x720 layout at half scale: text scales with the height)
#   -l LANG    one language only (en or zh; default: both)
#   LESSON...  lesson names (default: every lessons/*.lua); with names, the
#              sheets go to DIR (or a temporary folder) instead of docs/
#
# Each step's last frame comes from one recording of the lesson
# (tools/step_frames.sh says how it is found).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=build keep='' size=640x360 langs="en zh"
while getopts b:k:s:l: opt; do
    case $opt in
    b) build=$OPTARG ;;
    k) keep=$OPTARG ;;
    s) size=$OPTARG ;;
    l) langs=$OPTARG ;;
    *) echo "usage: $0 [-b BUILD] [-k DIR] [-s WxH] [-l LANG] [LESSON...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
case $build in /*) ;; *) build=$root/$build ;; esac
descent=$build/descent
[ -x "$descent" ] || { echo "contact_sheet: no $descent (build first)" >&2; exit 2; }
command -v montage >/dev/null ||
    { echo "contact_sheet: needs ImageMagick's montage (apt-get install imagemagick)" >&2; exit 2; }
command -v pngquant >/dev/null ||
    { echo "contact_sheet: needs pngquant (apt-get install pngquant)" >&2; exit 2; }

if [ $# -gt 0 ]; then
    lessons=$*
    out=${keep:-$(mktemp -d)}
else
    lessons=$(find "$root/lessons" -maxdepth 1 -name "*.lua" | sed "s|.*/||; s|\.lua$||" | sort)
    out=$root/docs
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$root/tools/step_frames.sh"

max_steps=0
for lesson in $lessons; do
    n=$(ids "$lesson" | wc -l)
    [ "$n" -gt "$max_steps" ] && max_steps=$n
done

for lang in $langs; do
    set -- # the montage arguments: a label and a picture per tile
    for lesson in $lessons; do
        echo "contact_sheet: $lesson ($lang)" >&2
        rm -rf "$work/steps"
        step_frames "$lesson" "$lang" "$size" "$work/steps"
        k=0
        for id in $(ids "$lesson"); do
            k=$((k + 1))
            tile=$(printf '%s/tile_%s_%s_%02d_%s.png' "$work" "$lang" "$lesson" $k "$id")
            cp "$(printf '%s/steps/%02d_%s.png' "$work" $k "$id")" "$tile"
            if [ -n "$keep" ]; then
                mkdir -p "$keep/$lang"
                cp "$tile" "$(printf '%s/%s/%s_%02d_%s.png' "$keep" "$lang" "$lesson" $k "$id")"
            fi
            set -- "$@" -label "$lesson/$id" "$tile"
        done
        # Rows line up by lesson: pad each to the longest lesson.
        while [ $k -lt "$max_steps" ]; do
            k=$((k + 1))
            set -- "$@" -label "" null:
        done
    done
    # 256 colours, by pngquant: the sheet is for looking over, and stays
    # small.  ImageMagick's own -colors 256 turned every grey olive
    # (36,36,0) on the 2026-12-07 sheets; in RGB the panels went black.
    montage "$@" -tile "${max_steps}x" -geometry 384x216+4+4 -font DejaVu-Sans -pointsize 14 \
        -background '#202020' -fill white "$work/sheet.png"
    pngquant --force --output "$out/contact_sheet_$lang.png" 256 "$work/sheet.png"
    echo "contact_sheet: wrote $out/contact_sheet_$lang.png" >&2
done
