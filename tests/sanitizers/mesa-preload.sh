#!/bin/sh
# mesa-preload.sh — prints the LD_PRELOAD list of Mesa's driver libraries
# found on this machine (space-separated), for sanitizer and leak runs.
# Mesa dlopen()s its driver and dlclose()s it at exit, before
# LeakSanitizer looks: the driver's leaks then show as "<unknown module>"
# and no suppression by library name can match them.  Preloaded, the
# libraries stay mapped, their frames resolve, and lsan.supp can name them.
set -eu
found=""
for dir in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib; do
    [ -d "$dir" ] || continue
    # Mesa >= 24 puts every gallium driver in libgallium-VERSION.so; older
    # ones in the dri/ megadriver, swrast_dri.so among its names.
    for lib in "$dir"/libgallium-*.so "$dir"/dri/swrast_dri.so "$dir"/libEGL_mesa.so.0 \
               "$dir"/libGLX_mesa.so.0; do
        [ -f "$lib" ] && found="$found $lib"
    done
    [ -n "$found" ] && break
done
if [ -z "$found" ]; then
    echo "mesa-preload.sh: no Mesa driver library found (is libgl1-mesa-dri installed?)" >&2
    exit 1
fi
echo $found
