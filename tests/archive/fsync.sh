#!/bin/sh
# --fsync=batch|each|none: the option is parsed (batch by default), every
# mode writes the same files, byte for byte, over several commit groups
# (more than 512 outputs), and leaves no temporary file; and, where
# strace is there, each mode makes the system calls it says: batch a
# syncfs per group and an fsync per folder, far fewer than one per
# output; each at least one per output; none no sync at all.
. "$top_srcdir/tests/archive/common.sh"

run --fsync=sometimes -t text -
expect_status 2 "--fsync=sometimes"
expect_err "--fsync takes batch, each or none, not 'sometimes'" "--fsync=sometimes"
run -t text --fsync
expect_status 2 "--fsync without a value"
"$herald" --help | grep -q -e "--fsync=WHEN" || fail "--help does not list --fsync"

docs=600
sh "$gen" "$work/in" "$docs" || fail "gen-archive.sh failed"
for mode in batch each none default; do
	opt="--fsync=$mode"
	[ "$mode" = default ] && opt=""
	# shellcheck disable=SC2086
	run -q -r -j 2 $opt -t html -o "$work/$mode" "$work/in"
	expect_status 0 "--fsync=$mode"
	n=$(files_below "$work/$mode" | grep -c '^20.*/bulletin-.*\.html$')
	[ "$n" -eq "$docs" ] || fail "--fsync=$mode: $n outputs for $docs inputs"
	left=$(find "$work/$mode" -name '.*.herald-*' | head -3)
	[ -z "$left" ] || fail "--fsync=$mode: temporary files left: $left"
	[ "$mode" = batch ] && continue
	diff -r "$work/batch" "$work/$mode" > "$work/diff" ||
		fail "--fsync=$mode differs from --fsync=batch: $(head -5 "$work/diff")"
done

if ! command -v strace > /dev/null 2>&1 ||
   ! strace -f -o /dev/null true 2> /dev/null; then
	echo "ok: the three modes write the same $docs files (strace absent or not allowed: calls not counted)"
	exit 0
fi
# calls MODE: "fsync syncfs" counted over a whole run (fdatasync as fsync).
# LeakSanitizer cannot run under ptrace: off for these runs in a
# sanitizer build (the other tests check leaks).
calls() {
	rm -rf "$work/s-$1"
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -e trace=fsync,fdatasync,syncfs -o "$work/trace-$1" \
		"$herald" -q -r -j 2 "--fsync=$1" -t html -o "$work/s-$1" "$work/in" ||
		fail "--fsync=$1 under strace failed"
	f=$(grep -c -e 'fsync(' -e 'fdatasync(' "$work/trace-$1")
	s=$(grep -c 'syncfs(' "$work/trace-$1")
	echo "$f $s"
}
set -- $(calls batch)
[ "$2" -ge 1 ] && [ "$1" -lt $((docs / 4)) ] ||
	fail "--fsync=batch: $1 fsync and $2 syncfs calls for $docs outputs"
batch="$1 fsync + $2 syncfs"
set -- $(calls each)
[ "$1" -ge "$docs" ] || fail "--fsync=each: only $1 fsync calls for $docs outputs"
each="$1 fsync"
set -- $(calls none)
[ "$1" -eq 0 ] && [ "$2" -eq 0 ] || fail "--fsync=none: $1 fsync and $2 syncfs calls"
echo "ok: the three modes write the same $docs files; batch: $batch; each: $each; none: 0"
