#!/bin/sh
# Two runs into the same output folder at once (issue 15), then a plain
# run racing an --update run and one with --fsync=each: every run exits
# 0, the folder ends as a single clean run leaves it (same files, same
# bytes, the index included), and no temporary file is left, although
# each run's start removes stale temporaries while the other is writing
# (a live run's are kept: its process exists).
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 400 || fail "gen-archive.sh failed"
run -q -r -j 2 -t html -o "$work/clean" "$work/in"
expect_status 0 "the clean run"

# together OUT ARGS-A -- ARGS-B: run both at once; fail unless both exit 0.
together() {
	out=$1
	shift
	a=""
	while [ "$1" != -- ]; do a="$a $1"; shift; done
	shift
	# shellcheck disable=SC2086
	"$herald" -q -r $a -t html -o "$out" "$work/in" 2> "$work/err-a" & pa=$!
	"$herald" -q -r "$@" -t html -o "$out" "$work/in" 2> "$work/err-b" & pb=$!
	ra=0; wait "$pa" || ra=$?
	rb=0; wait "$pb" || rb=$?
	[ "$ra" -eq 0 ] && [ "$rb" -eq 0 ] ||
		fail "$out: exit statuses $ra and $rb: $(cat "$work/err-a" "$work/err-b" | head -5)"
	left=$(find "$out" -name '.*.herald-*' | head -3)
	[ -z "$left" ] || fail "$out: temporary files left: $left"
	diff -r "$work/clean" "$out" > "$work/diff" ||
		fail "$out: differs from a clean run: $(head -5 "$work/diff")"
}

together "$work/both" -j 2 -- -j 2
together "$work/both" -j 1 -- --update -j 2
together "$work/mixed" --fsync=each -j 1 -- --fsync=batch -j 2
echo "ok: two runs at once into one folder (plain, --update, --fsync=each) end as one clean run"
