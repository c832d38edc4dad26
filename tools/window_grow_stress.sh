#!/bin/sh
# window_grow_stress.sh DESCENT [RUNS [rapid]] — grows the window to
# 32767x32767 from outside and shrinks it to 400x300, 30 times while two
# runs play, under an X server of its own with no window manager; RUNS
# times (default 10).  Prints one line per run and how many crashed (issue
# 13, 5: llvmpipe's buffer size overflows 32 bits at 32767x32767).  The
# cycle is the one of tests/test_hostile_files.py ("grown 30 times while it
# plays"); "rapid" makes it 300 cycles with no pause, to hit a race sooner.
#
# For the ASan build, run it under tests/sanitizers/run-sanitized.sh, as
# the ASan suite does:
#   tests/sanitizers/run-sanitized.sh tools/window_grow_stress.sh build-asan/descent 10
# Only descent runs with that environment's preloaded Mesa: xdotool and
# sleep loading LLVM at each call made "rapid" take over 12 minutes a run.
set -u
descent=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
runs=${2:-10}
case ${3:-paced} in
paced) count=30 grown='0.$((k % 3 + 1))' shrunk=0.3 ;;
rapid) count=300 grown=0 shrunk=0 ;;
*) echo "usage: window_grow_stress.sh DESCENT [RUNS [rapid]]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
crashed=0
for run in $(seq "$runs"); do
    base=$work/run$run
    SDL_VIDEODRIVER=x11 "$here/../tests/with_xvfb.sh" 1280x800x24 sh -c '
"$0" --size 400x300 --landscape rosenbrock --opt gd:lr=0.001 --opt adam 2>"$1.err" &
pid=$!
unset LD_PRELOAD
wid=$(timeout 60 xdotool search --sync --onlyvisible --pid $pid | head -1)
cycles=0
for k in $(seq '"$count"'); do
    xdotool windowsize $wid 32767 32767
    sleep '"$grown"'
    kill -0 $pid || break
    xdotool windowsize $wid 400 300
    sleep '"$shrunk"'
    kill -0 $pid || break
    cycles=$k
done
kill $pid
wait $pid
echo "$? $cycles" > "$1.status"
' "$descent" "$base" >/dev/null 2>&1
    read -r status cycles < "$base.status" || status=none
    case $status in
    0|143) echo "run $run: lived through $cycles cycles" ;;
    *) crashed=$((crashed + 1))
       echo "run $run: died (status $status) after $cycles cycles: $(grep -m1 -E 'ERROR|SEGV|descent:' "$base.err" | cut -c1-200)" ;;
    esac
done
echo "crashed $crashed of $runs"
