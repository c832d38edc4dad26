#!/bin/sh
# Installs the Debian packages descent needs to build, run and test, those
# not yet installed: as root directly, else through sudo, after apt-get
# update (a fresh image may have no package lists).  README.md's first
# command and .ci/run both run this, so the list has one owner: add a
# package here.
set -e
# chromium is the browser tests/test_html_export.py opens exported pages in
# (measured on Debian 12: 113 MB fetched, 0.5 GB on disk, about a minute).
PACKAGES="meson ninja-build pkg-config gcc clang libclang-rt-dev libsdl2-dev libsdl2-ttf-dev libcglm-dev libepoxy-dev libx11-dev liblua5.4-dev libfontconfig-dev libpng-dev libicu-dev libstb-dev libcmocka-dev liblapacke-dev ffmpeg xvfb libgl1-mesa-dri libegl-mesa0 fonts-dejavu-core fonts-noto-cjk valgrind xdotool gettext chromium"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -n "$missing" ] || exit 0
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
