#!/bin/sh
# `make distcheck` in its own folder, _build-dist/: the tarball is made,
# unpacked read-only, built out of tree, its whole suite run, installed
# and uninstalled.  Not part of .ci/run: it runs the suite once more
# (8.5 to 14 minutes wall, under 3 minutes CPU, on two shared cores on
# 2026-12-01), so it belongs to releases and to changes of the build or
# of what is shipped.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/.ci/deps.sh" || exit 1
cd "$top" && autoreconf -fi >/dev/null 2>&1 || exit 1
mkdir -p "$top/_build-dist" && cd "$top/_build-dist" || exit 1
"$top/configure" -q || exit 1
make -s -j"$(nproc)" distcheck > distcheck.out 2>&1
status=$?
grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR):|archives ready' distcheck.out
[ $status -eq 0 ] || tail -n 60 distcheck.out
exit $status
