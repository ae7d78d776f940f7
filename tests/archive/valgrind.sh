#!/bin/sh
# valgrind (memcheck, --leak-check=full) over one -r -j 2 archive run per
# writer, and over --corpus and --fsync=each: no invalid read or write, no
# use of uninitialised memory, no leak (issue 15: "valgrind on the
# archive tests reports no error").  Any report makes valgrind exit 99.
# Skipped without valgrind, and under the sanitizers (two memory
# checkers cannot share a process; HERALD_SANITIZE, see .ci/sanitize.sh).
. "$top_srcdir/tests/archive/common.sh"

[ -z "${HERALD_SANITIZE:-}" ] || skip "built with the sanitizers"
command -v valgrind > /dev/null 2>&1 || skip "no valgrind"
libtool="$top_builddir/libtool"
[ -x "$libtool" ] || skip "no $libtool to run the uninstalled herald"

sh "$gen" "$work/in" 12 || fail "gen-archive.sh failed"
# vg NAME ARGS...: herald ARGS under valgrind; its report in $work/vg-NAME.
vg() {
	name=$1
	shift
	rc=0
	"$libtool" --mode=execute valgrind -q --error-exitcode=99 \
		--leak-check=full --log-file="$work/vg-$name" \
		"$herald" "$@" > /dev/null 2> "$work/err-$name" || rc=$?
	[ "$rc" -ne 99 ] || fail "$name: valgrind reports: $(head -40 "$work/vg-$name")"
	[ "$rc" -eq 0 ] || fail "$name: exit status $rc: $(head -5 "$work/err-$name")"
	[ ! -s "$work/vg-$name" ] || fail "$name: valgrind says: $(head -40 "$work/vg-$name")"
}
n=0
for writer in html tei text json markdown; do
	vg "$writer" -q -r -j 2 -t "$writer" -o "$work/out-$writer" "$work/in"
	n=$((n + 1))
done
vg segment -q -r -j 2 -x segment -t tei -o "$work/out-segment" "$work/in"
vg corpus -q -r -j 2 --corpus -t tei -o "$work/corpus.xml" "$work/in"
vg each -q -r -j 2 --fsync=each -t html -o "$work/out-each" "$work/in"
# a corpus from two shards and a merge (core/corpus.c)
vg corpus-0 -q -r -j 2 --shard 0/2 --corpus -t tei -o "$work/m/corpus.xml" "$work/in"
vg corpus-1 -q -r -j 2 --shard 1/2 --corpus -t tei -o "$work/m/corpus.xml" "$work/in"
vg corpus-merge -q -r --merge --corpus -t tei -o "$work/m/corpus.xml" "$work/in"
cmp -s "$work/corpus.xml" "$work/m/corpus.xml" || fail "the merged corpus differs"
echo "ok: valgrind finds nothing in $((n + 6)) archive runs (-r -j 2)"
