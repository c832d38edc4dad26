#!/bin/sh
# The README's install line and .ci/run must name the same packages, so a
# fresh machine set up from either has everything the build and tests need.
root=${1:?usage: check_packages.sh SOURCE_ROOT}
readme=$(grep -o 'apt-get install -y [^&]*' "$root/README.md" | head -n 1 | sed 's/apt-get install -y //' | tr ' ' '\n' | grep . | sort)
ci=$(sed -n 's/^PACKAGES="\(.*\)"/\1/p' "$root/.ci/run" | tr ' ' '\n' | grep . | sort)
[ -n "$readme" ] || { echo "no apt-get install line in README.md"; exit 1; }
[ -n "$ci" ] || { echo "no PACKAGES= line in .ci/run"; exit 1; }
if [ "$readme" != "$ci" ]; then
    echo "README.md and .ci/run list different packages:"
    printf '%s\n' "$readme" > /tmp/readme.$$; printf '%s\n' "$ci" > /tmp/ci.$$
    diff /tmp/readme.$$ /tmp/ci.$$; rm -f /tmp/readme.$$ /tmp/ci.$$
    exit 1
fi
echo "README.md and .ci/run agree on $(printf '%s\n' "$ci" | wc -l) packages"
