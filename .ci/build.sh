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
[ -f Makefile ] || ../configure -q
make -s -j"$(nproc)" >/dev/null
