# step_frames.sh — sourced by tools/contact_sheet.sh and tools/claim_frames.sh:
# the last frame of every step of a shipped lesson, from one recording.
#
# The caller sets root (the source tree) and descent (the binary).
#
# How a step's last frame is found: the lesson is recorded at one frame a
# second with --subtitles; each step's caption is one cue, on screen until
# the step ends (src/record/subtitles.h), so the step's last frame is frame
# int(cue end) - 1.  A step without a caption has no cue: that is an error
# here, as every shipped step has one (lessons/CLAIMS.md).

# The step ids of lessons/$1.lua in order: each step{} names its id.
ids() { grep -o '^  id = "[a-z0-9_]*"' "$root/lessons/$1.lua" | sed 's/.*"\(.*\)"/\1/'; }

# step_frames LESSON LANG SIZE DIR: writes DIR/NN_ID.png, each step's last
# frame (NN its number from 01, ID its id), recorded at SIZE in LANG.
step_frames() {
    work_frames=$(mktemp -d)
    "$descent" record "$root/lessons/$1.lua" -o "$work_frames/f_%05d.png" --size "$3" --fps 1 \
        --subtitles "$work_frames/cues.srt" --lang "$2" >/dev/null || {
        rm -rf "$work_frames"
        return 1
    }
    # Each cue's end in whole seconds, one a line.
    awk -F '[:, ]+' '/-->/ { print $6 * 3600 + $7 * 60 + $8 }' "$work_frames/cues.srt" \
        >"$work_frames/ends"
    steps=$(ids "$1" | wc -l)
    cues=$(wc -l <"$work_frames/ends")
    if [ "$steps" -ne "$cues" ]; then
        echo "step_frames: $1 ($2) has $steps steps but $cues captions" >&2
        rm -rf "$work_frames"
        return 1
    fi
    mkdir -p "$4"
    nth=0
    for id in $(ids "$1"); do
        nth=$((nth + 1))
        end=$(sed -n "${nth}p" "$work_frames/ends")
        cp "$(printf '%s/f_%05d.png' "$work_frames" $((end - 1)))" \
            "$(printf '%s/%02d_%s.png' "$4" $nth "$id")"
    done
    rm -rf "$work_frames"
}
