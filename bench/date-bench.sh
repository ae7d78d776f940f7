#!/bin/sh
# date-bench.sh - growth of the date recognisers on hostile lines (see
# date-bench.c).  Needs the build tree's libherald.  A benchmark, not a
# test: it asserts nothing about speed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$(cd "$here/.." && pwd)}
build=${top_builddir:?top_builddir must name the build tree}
work=$(mktemp -d "${TMPDIR:-/tmp}/date-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
${CC:-cc} ${CFLAGS:--O2} -I"$top/include" -I"$top/plugins/bulletin" \
	-o "$work/date-bench" "$here/date-bench.c" "$top/plugins/bulletin/date.c" \
	-L"$build/.libs" -lherald -Wl,-rpath,"$build/.libs"
HERALD_LANG_PATH="$top/data/lang" "$work/date-bench"
