#!/bin/sh
# expect_leak.sh PROGRAM — passes when LeakSanitizer, run exactly as the
# sanitizer test run runs it (run-sanitized.sh: Mesa preloaded, lsan.supp),
# reports PROGRAM's deliberate leak: the suppressions hide Mesa, not us.
set -u
here=$(cd "$(dirname "$0")" && pwd)
log=$("$here/run-sanitized.sh" "$1" 2>&1)
status=$?
if [ "$status" -eq 0 ]; then
    echo "FAIL: the deliberate leak went unreported (exit 0)"
    echo "$log"
    exit 1
fi
if ! echo "$log" | grep -q "Direct leak of 4096 byte" ||
   ! echo "$log" | grep -q "in deliberate_leak"; then
    echo "FAIL: exit $status without a leak report naming deliberate_leak"
    echo "$log"
    exit 1
fi
# Mesa's own leaks must be the suppressed ones, not reported beside ours.
if [ "$(echo "$log" | grep -c "^\(Direct\|Indirect\) leak")" -ne 1 ]; then
    echo "FAIL: leaks other than the deliberate one were reported"
    echo "$log"
    exit 1
fi
echo "ok: LeakSanitizer reported the deliberate leak with Mesa's suppressed"
