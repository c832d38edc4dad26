#!/bin/sh
# Every string the sources mark with _() or N_() has a Chinese translation
# (docs/ARCHITECTURE.md §5.1): the sources are extracted
# afresh, as po/meson.build's descent-pot would, and merged into each
# po/LANG.po; msgfmt must find no untranslated and no fuzzy message.  Also
# every source that marks a string is listed in po/POTFILES.in, so a new
# file's strings cannot escape the catalog, and the Chinese catalog keeps
# its two kinds of step apart (below).  Prints what is missing or wrong.
# Usage: check_catalog.sh SOURCE_ROOT XGETTEXT_ARG...
root=${1:?usage: check_catalog.sh SOURCE_ROOT XGETTEXT_ARG...}
shift
cd "$root" || exit 1
status=0
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT

for file in $(grep -rlE '\bN?_\("' src --include='*.c' | sort); do
    grep -qx "$file" po/POTFILES.in || {
        echo "$file marks strings but is not in po/POTFILES.in"
        status=1
    }
done

xgettext "$@" --files-from=po/POTFILES.in --output="$work/descent.pot" || exit 1
for lang in $(cat po/LINGUAS); do
    msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/descent.pot" -o "$work/$lang.po" ||
        exit 1
    stats=$(msgfmt --check --statistics -o /dev/null "$work/$lang.po" 2>&1) || {
        echo "po/$lang.po: $stats"
        status=1
    }
    case $stats in
    *untranslated* | *fuzzy*)
        echo "po/$lang.po: $stats; not translated:"
        msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep '^msgid' | grep -vx 'msgid ""'
        status=1
        ;;
    esac
done
# The two kinds of step in Chinese (po/zh_CN.po's header): 学习率 is the rate η a
# user sets, 步幅 the length |θₖ − θₖ₋₁| a step moves; 步长, which Chinese texts use
# for either, is in no message.  report WHAT prints the messages on its input that
# break the rule WHAT, and fails when there are any.
report() {
    wrong=$(grep '^msgid' | grep -vx 'msgid ""')
    [ -z "$wrong" ] && return 0
    printf 'po/zh_CN.po: %s:\n%s\n' "$1" "$wrong"
    return 1
}
zh='po/zh_CN.po'
msggrep --no-wrap --msgstr -e 步长 "$zh" |
    report "步长, which names both η and a step's length" || status=1
msggrep --no-wrap --msgid -e 'learning rate' "$zh" |
    msggrep --no-wrap --invert-match --msgstr -e 学习率 |
    report "the learning rate not called 学习率" || status=1
msggrep --no-wrap --msgid -e 'step length' -e 'step/grad' -e 'step per unit' -e 'step boxes' "$zh" |
    msggrep --no-wrap --invert-match --msgstr -e 步幅 |
    report "a step's length not called 步幅" || status=1
# A line's style says which line a label means: batch_and_flatness's sharpness
# plot said "edge dashed" in English and nothing of a dash in Chinese.
msggrep --no-wrap --msgid -e dashed "$zh" |
    msggrep --no-wrap --invert-match --msgstr -e 虚线 |
    report "a dashed line not called 虚线" || status=1
[ "$status" -eq 0 ] && echo "every marked string has a translation in $(tr '\n' ' ' <po/LINGUAS)"
exit "$status"
