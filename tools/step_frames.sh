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

# step_frames LESSON LANG SIZE DIR [OPTION...]: writes DIR/NN_ID.png, each
# step's last frame (NN its number from 01, ID its id), recorded at SIZE in
# LANG with the record OPTIONs (e.g. --projector, --theme light).
step_frames() {
    work_frames=$(mktemp -d)
    frames_lesson=$1 frames_lang=$2 frames_size=$3 frames_dir=$4
    shift 4
    "$descent" record "$root/lessons/$frames_lesson.lua" -o "$work_frames/f_%05d.png" \
        --size "$frames_size" --fps 1 --subtitles "$work_frames/cues.srt" \
        --lang "$frames_lang" "$@" >/dev/null || {
        rm -rf "$work_frames"
        return 1
    }
    # Each cue's end in whole seconds, one a line.
    awk -F '[:, ]+' '/-->/ { print $6 * 3600 + $7 * 60 + $8 }' "$work_frames/cues.srt" \
        >"$work_frames/ends"
    steps=$(ids "$frames_lesson" | wc -l)
    cues=$(wc -l <"$work_frames/ends")
    if [ "$steps" -ne "$cues" ]; then
        echo "step_frames: $frames_lesson ($frames_lang) has $steps steps but $cues captions" >&2
        rm -rf "$work_frames"
        return 1
    fi
    mkdir -p "$frames_dir"
    nth=0
    for id in $(ids "$frames_lesson"); do
        nth=$((nth + 1))
        end=$(sed -n "${nth}p" "$work_frames/ends")
        cp "$(printf '%s/f_%05d.png' "$work_frames" $((end - 1)))" \
            "$(printf '%s/%02d_%s.png' "$frames_dir" $nth "$id")"
    done
    rm -rf "$work_frames"
}
