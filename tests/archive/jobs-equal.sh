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

# A whole site with its search files: with -j 2 the indexes and search
# files are made on a thread of their own beside the writing pass and
# committed with the last pages (site.c); the same bytes, the manifest
# (its entries dumped by the workers) included, and the same messages.
# --fsync=each makes them after the pages, as -j 1 does.
for jobs in 1 2; do
	run -r -j "$jobs" -s -t html -o "$work/site-$jobs" "$work/in"
	expect_status 0 "-s -t html -j $jobs"
	sed "s|$work/site-$jobs|OUT|g" "$work/stderr" > "$work/site-err-$jobs"
done
run -q -r -j 2 --fsync=each -s -t html -o "$work/site-each" "$work/in"
expect_status 0 "-s -t html -j 2 --fsync=each"
[ -f "$work/site-2/search/titles.js" ] && [ -f "$work/site-2/.herald-manifest.json" ] ||
	fail "-s -t html -j 2: no search titles or manifest"
for other in site-2 site-each; do
	diff -r "$work/site-1" "$work/$other" > "$work/diff" ||
		fail "-s -t html: $other differs from -j 1: $(head -20 "$work/diff")"
done
cmp -s "$work/site-err-1" "$work/site-err-2" ||
	fail "-s -t html: -j 2 says other things than -j 1"
left=$(find "$work/site-2" -name '.*.herald-*' | head -3)
[ -z "$left" ] || fail "-s -t html -j 2: temporary files left: $left"

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
