#!/bin/sh
# A full disk stops a run cleanly (issue 15, fault 3): on a 1 MiB tmpfs
# that 300 bulletins to html overflow, every run (-j 1 and -j 2, --fsync
# batch and each) stops starting documents, says so on one line and
# nothing else (no libxml2 "I/O error", no message per document), leaves
# no temporary file and no index, keeps complete outputs only (each
# equal to a clean run's), writes exactly the documents it does not
# count as unwritten, and exits 1.
#
# The tmpfs is mounted in a private mount namespace (unshare -m; -r as
# well when not root), so nothing outlives the test; skipped where
# namespaces or tmpfs mounts are not allowed.
. "$top_srcdir/tests/archive/common.sh"

command -v unshare > /dev/null 2>&1 || skip "no unshare"
mkdir "$work/mnt"
ns=""
for try in "unshare -rm" "unshare -m"; do
	if $try sh -c 'mount -t tmpfs -o size=1m tmpfs "$0"' "$work/mnt" 2> /dev/null; then
		ns=$try
		break
	fi
done
[ -n "$ns" ] || skip "cannot mount a tmpfs in a private mount namespace here"

docs=300
sh "$gen" "$work/in" "$docs" || fail "gen-archive.sh failed"
run -q -r -j 2 -t html -o "$work/clean" "$work/in"
expect_status 0 "the clean run"

# Inside the namespace: each run into the small tmpfs, its results
# copied out (hidden files too) before the next.
cat > "$work/inner.sh" <<'INNER'
mount -t tmpfs -o size=1m tmpfs "$work/mnt" || exit 3
for c in batch-2 batch-1 each-2; do
	rc=0
	"$herald" -r -j "${c#*-}" --fsync="${c%-*}" -t html -o "$work/mnt/site" \
		"$work/in" > /dev/null 2> "$work/err-$c" || rc=$?
	echo "$rc" > "$work/rc-$c"
	cp -a "$work/mnt/site" "$work/out-$c" || exit 3
	rm -rf "$work/mnt/site"
done
INNER
work=$work herald=$herald $ns sh "$work/inner.sh" || fail "the runs in the namespace failed"

for c in batch-2 batch-1 each-2; do
	what="--fsync=${c%-*} -j ${c#*-}"
	rc=$(cat "$work/rc-$c")
	[ "$rc" -eq 1 ] || fail "$what: exit status $rc, expected 1: $(head -5 "$work/err-$c")"
	lines=$(wc -l < "$work/err-$c")
	msg=$(grep "^herald: $work/mnt/site: error: No space left on device; stopping ([0-9]* of $docs documents not written)\$" "$work/err-$c")
	[ "$lines" -eq 1 ] && [ -n "$msg" ] ||
		fail "$what: expected one line saying it stops, got $lines: $(head -5 "$work/err-$c")"
	unwritten=$(echo "$msg" | sed 's/.*stopping (\([0-9]*\) of.*/\1/')
	left=$(find "$work/out-$c" -name '.*' | head -3)
	[ -z "$left" ] || fail "$what: temporary files left: $left"
	[ ! -e "$work/out-$c/index.html" ] || fail "$what: an index was written on a full disk"
	files_below "$work/out-$c" > "$work/list"
	written=$(wc -l < "$work/list")
	[ "$unwritten" -gt 0 ] && [ "$written" -gt 0 ] ||
		fail "$what: $written written, $unwritten not: the disk should fill part-way"
	[ $((written + unwritten)) -eq "$docs" ] ||
		fail "$what: $written written + $unwritten not written != $docs"
	while read -r f; do
		cmp -s "$work/out-$c/$f" "$work/clean/$f" ||
			fail "$what: $f is incomplete or differs from a clean run's"
	done < "$work/list"
	echo "$what: $written written, $unwritten not; one message"
done
echo "ok: a full disk stops every run cleanly"
