#!/bin/sh
# Every string the sources mark with _() or N_() has a Chinese translation
# (docs/ARCHITECTURE.md §5.1): the sources are extracted
# afresh, as po/meson.build's descent-pot would, and merged into each
# po/LANG.po; msgfmt must find no untranslated and no fuzzy message.  Also
# every source that marks a string is listed in po/POTFILES.in, so a new
# file's strings cannot escape the catalog.  Prints what is missing.
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
[ "$status" -eq 0 ] && echo "every marked string has a translation in $(tr '\n' ' ' <po/LINGUAS)"
exit "$status"
