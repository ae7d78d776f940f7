#!/bin/sh
# Set up a fresh Debian 12 machine and build herald in _build/.
# Safe to run again: installs only what is missing, configures only once.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/.ci/deps.sh"
cd "$top"
[ -x configure ] || autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
mkdir -p _build
cd _build
# configure's exit trap always says "cannot remove 'core'" (our core/
# folder); keep its stderr for when it fails.
[ -f Makefile ] || ../configure -q 2>configure.err || { cat configure.err >&2; exit 1; }
make -s -j"$(nproc)" >/dev/null
