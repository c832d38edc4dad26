#!/bin/sh
# run-sanitized.sh COMMAND... — runs COMMAND with the environment of the
# ASan + UBSan test run: stop at the first error with a stack trace, leaks
# checked with Mesa's own suppressed by library name (lsan.supp) after
# preloading Mesa's drivers so those names resolve (mesa-preload.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
preload=$("$here/mesa-preload.sh")
# gcc's libasan is a shared library that wants to be loaded first; the
# preloaded Mesa libraries come before it, which is safe here (Mesa makes
# no allocation before main), so the link-order check is off.
ASAN_OPTIONS="halt_on_error=1:print_stacktrace=1:detect_leaks=1:verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
LD_PRELOAD="$preload${LD_PRELOAD:+ $LD_PRELOAD}"
DBUS_SESSION_BUS_ADDRESS=disabled:
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS LD_PRELOAD DBUS_SESSION_BUS_ADDRESS
exec "$@"
