#!/bin/sh
# claim_frames.sh — the frame that shows each row of lessons/CLAIMS.md: the
# last frame of every step of every shipped lesson, in English and Chinese,
# as docs/frames/LESSON-NN_ID-LANG.png (NN the step's number, ID its id).
#
# Recorded at 960x540 (the 1280x720 layout at three quarters: text scales
# with the height) and cut to 128 colours with pngquant when it is installed
# (apt-get install pngquant), so the ~160 frames stay near 10 MB in git.
# 128, not 64: with 64 the map's greens took the palette and runs' heads and
# trails turned grey (welcome 4, gradient_flow 4), and the files were larger
# (welcome's five frames: 35-57 KB against 46-63 KB, less dithering).
# The colours are chosen per frame, so a change anywhere in a frame (one
# tick label) can move every edge pixel's colour by a level or two: to see
# what a code change did to the picture, compare raw recordings, not these.
# A maintainers' tool, like tools/contact_sheet.sh; the tests do not need it.
#
# usage: tools/claim_frames.sh [-b BUILD] [-s WxH] [LESSON...]
#   -b BUILD   the build folder holding descent (default: build)
#   -s WxH     the size frames are recorded at (default 960x540)
#   LESSON...  lesson names (default: every lessons/*.lua)
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=build size=960x540
while getopts b:s: opt; do
    case $opt in
    b) build=$OPTARG ;;
    s) size=$OPTARG ;;
    *) echo "usage: $0 [-b BUILD] [-s WxH] [LESSON...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
case $build in /*) ;; *) build=$root/$build ;; esac
descent=$build/descent
[ -x "$descent" ] || { echo "claim_frames: no $descent (build first)" >&2; exit 2; }
. "$root/tools/step_frames.sh"

lessons=${*:-$(find "$root/lessons" -maxdepth 1 -name "*.lua" | sed "s|.*/||; s|\.lua$||" | sort)}
out=$root/docs/frames
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lesson in $lessons; do
    for lang in en zh; do
        echo "claim_frames: $lesson ($lang)" >&2
        rm -rf "$work/steps"
        step_frames "$lesson" "$lang" "$size" "$work/steps"
        for frame in "$work"/steps/*.png; do
            step=$(basename "$frame" .png)
            dest=$out/$lesson-$step-$lang.png
            if command -v pngquant >/dev/null; then
                pngquant --force --speed 1 128 "$frame" -o "$dest"
            else
                cp "$frame" "$dest"
            fi
        done
    done
done
echo "claim_frames: wrote $out ($(du -sh "$out" | cut -f1))" >&2
