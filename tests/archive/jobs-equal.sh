#!/bin/sh
# -r -j 2 writes the same tree as -j 1, byte for byte, for every writer:
# worker threads share plugins but nothing else that reaches the output.
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 80 || fail "gen-archive.sh failed"
ninputs=$(files_below "$work/in" | wc -l)

for writer in html tei text json; do
	for jobs in 1 2; do
		run -q -r -j "$jobs" -t "$writer" -o "$work/$writer-$jobs" "$work/in"
		expect_status 0 "-t $writer -j $jobs"
	done
	ext=$(extension_of "$writer")
	n=$(files_below "$work/$writer-1" | grep -c "^[0-9]*/[0-9]*/bulletin-.*\.$ext\$")
	[ "$n" -eq "$ninputs" ] ||
		fail "-t $writer: $n outputs for $ninputs inputs"
	diff -r "$work/$writer-1" "$work/$writer-2" > "$work/diff" ||
		fail "-t $writer: -j 2 differs from -j 1: $(head -20 "$work/diff")"
	# No temporary file is left behind by a clean run.
	left=$(find "$work/$writer-1" "$work/$writer-2" -name '.*.herald-*' | head -3)
	[ -z "$left" ] || fail "-t $writer: temporary files left: $left"
done

# A transform in the chain too (segment keeps per-document state only).
for jobs in 1 2; do
	run -q -r -j "$jobs" -x segment -t text:ids=true -o "$work/seg-$jobs" "$work/in"
	expect_status 0 "-x segment -j $jobs"
done
diff -r "$work/seg-1" "$work/seg-2" > "$work/diff" ||
	fail "-x segment: -j 2 differs from -j 1: $(head -20 "$work/diff")"

# And each output equals the file converted on its own.
f=2020/02/bulletin-2020-02-29
"$herald" -t html "$work/in/$f.txt" > "$work/single.html" ||
	fail "single conversion failed"
# (a site's page adds its navigation, each <nav> on a line of its own)
grep -v -e '^<nav' -e '^$' "$work/single.html" > "$work/single.cmp"
grep -v -e '^<nav' -e '^$' "$work/html-2/$f.html" > "$work/site.cmp"
cmp -s "$work/single.cmp" "$work/site.cmp" ||
	fail "$f.html differs from the same file converted alone"
echo "ok: html, tei, text, json, segment: -j 2 equals -j 1 ($ninputs documents)"
