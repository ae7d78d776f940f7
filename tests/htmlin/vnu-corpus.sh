#!/bin/sh
# The html writer's pages of every page of ../shared/html-corpus (as
# test_writers makes them), checked with the W3C Nu HTML checker in one
# run: zero errors allowed.  Needs java and vnu.jar ($VNU_JAR, else
# ~/.cache/herald-vnu, as tests/markup/vnu-check.sh) and the corpus;
# exits 77 (skipped) without one of them.
set -u

test_writers="${top_builddir:-.}/tests/htmlin/test_writers"

if [ ! -d "${top_srcdir:-..}/../shared/html-corpus" ]; then
	echo "SKIP: no ../shared/html-corpus"
	exit 77
fi
. "${top_srcdir:-..}/tests/markup/vnu.sh"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# test_writers reports its own failures; here only its pages matter
HERALD_HTMLIN_OUT="$tmp" "$test_writers" >"$tmp.log" 2>&1
rm -f "$tmp.log"
count=$(find "$tmp" -name '*.html' | wc -l)
if [ "$count" -eq 0 ]; then
	echo "FAIL: $test_writers made no pages"
	exit 1
fi
echo "vnu: checking $count pages"
if java -jar "$jar" --errors-only --format gnu "$tmp"; then
	echo "vnu: $count pages, no errors"
	exit 0
fi
echo "vnu: errors above"
exit 1
