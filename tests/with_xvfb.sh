#!/bin/sh
# with_xvfb.sh WxHxDEPTH COMMAND [ARG...]: runs COMMAND under an X server of
# its own (one screen of that size) and exits with COMMAND's status.
#
# Xvfb chooses a free display number itself and writes it to -displayfd
# once it accepts connections, so tests started side by side (two suites
# on one machine) never pick the same display, as `xvfb-run -a` can: it
# guesses a free number from lock files before starting its server.
# -noreset: by default Xvfb resets itself when its last client leaves, and
# a test that closes one window and opens the next could meet the server in
# that reset ("x11 not available", seen in window-share-xvfb).
set -u
screen=$1; shift
dir=$(mktemp -d) || exit 1
Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp -noreset 3>"$dir/display" 2>"$dir/log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$dir"' EXIT
waited=0
while [ ! -s "$dir/display" ]; do
    if ! kill -0 $server 2>/dev/null; then
        echo "with_xvfb: Xvfb did not start: $(head -c 300 "$dir/log")" >&2
        exit 1
    fi
    waited=$((waited + 1))
    if [ $waited -gt 600 ]; then
        echo "with_xvfb: Xvfb did not accept connections within 60 s" >&2
        exit 1
    fi
    sleep 0.1
done
DISPLAY=:$(head -n 1 "$dir/display") "$@"
status=$?
exit $status
