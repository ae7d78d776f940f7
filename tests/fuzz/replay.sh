#!/bin/sh
# replay.sh - every fuzz harness on its seeds (the examples and test
# fixtures, tests/fuzz/corpus/) and on its regressions (each input that
# ever crashed it, tests/fuzz/regressions/NAME/): run by `make check`
# without libFuzzer, so a fixed crash stays fixed.
set -u
: "${top_srcdir:?run through make check}" "${top_builddir:?}"
s=$top_srcdir/tests/fuzz b=$top_builddir/tests/fuzz
failed=0
replay() {   # NAME INPUT...
	name=$1
	shift
	if "$b/replay-$name" "$@" "$s/regressions/$name"; then :; else
		echo "FAIL: the $name harness on its corpus"
		failed=1
	fi
}
replay bulletin "$top_srcdir/examples/bulletins" "$top_srcdir/tests/bulletin/golden" \
	"$top_srcdir/tests/markup/hostile.txt" "$top_srcdir/tests/segment/cases.txt"
replay json "$top_srcdir/tests/bulletin/golden" "$top_srcdir/tests/writers/golden"
replay chain "$s/corpus/chain"
replay records "$s/corpus/records"
replay htmlin "$top_srcdir/tests/markup/golden"
replay markdown "$top_srcdir/tests/bulletin/variety" "$top_srcdir/tests/writers/golden" \
	"$s/corpus/markdown"
replay convert "$top_srcdir/examples/bulletins" "$top_srcdir/tests/writers/golden" \
	"$s/corpus/markdown"
exit $failed
