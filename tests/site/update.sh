#!/bin/sh
# --update knows the options and the neighbours: the output folder's
# manifest (.herald-manifest.json) records the pipeline and its options
# and, per input, what it was (size, time) and what its page links to.
# Nothing changed: nothing is written, with -s or without.  One input
# touched: its page only.  A bulletin added between two others: it and
# its two neighbours (their previous/next changed), no other page.
# Options changed: everything again, for the site and for tei.
. "$top_srcdir/tests/archive/common.sh"
command -v python3 > /dev/null 2>&1 || skip "no python3 to read the manifest"

sh "$gen" "$work/in" 40 || fail "gen-archive.sh failed"
rm "$work/in/2020/01/bulletin-2020-01-20.txt"
find "$work/in" -type f -exec touch -t 202001010000 {} +
out="$work/site"
pages_since() {   # the pages written since the mark file $1
	find "$out" -name 'bulletin-*' -newer "$1" | sed "s|^$out/||" | sort
}
files_since() {
	find "$out" -type f -newer "$1" | sed "s|^$out/||" | sort
}
mark() {
	sleep 1
	touch "$work/$1"
	sleep 1
}

for s in "" -s; do
	rm -rf "$out"
	run -q -r $s -t html -o "$out" "$work/in"
	expect_status 0 "first run $s"
	[ -f "$out/.herald-manifest.json" ] || fail "no manifest"
	python3 - "$out/.herald-manifest.json" <<'PY' || fail "the manifest is not as documented"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["format"] == "herald-site-manifest" and m["version"] == 1, m
assert len(m["signature"]) == 16 and int(m["signature"], 16) >= 0, m["signature"]
p = m["pages"]
assert len(p) == 39, len(p)
assert [x["date"] for x in p] == sorted(x["date"] for x in p)
one = p[1]
for k in ("input", "href", "size", "mtime_ns", "date", "title", "items", "links"):
    assert k in one, k
rels = [l[0] for l in one["links"]]
assert rels == ["up", "up", "up", "prev", "next", "root"], rels
PY

	mark m1
	run -q --update -r $s -t html -o "$out" "$work/in"
	expect_status 0 "--update $s, nothing changed"
	[ -z "$(files_since "$work/m1")" ] ||
		fail "--update $s with nothing changed wrote: $(files_since "$work/m1")"

	touch "$work/in/2020/01/bulletin-2020-01-10.txt"
	mark m2
	run -q --update -r $s -t html -o "$out" "$work/in"
	[ "$(pages_since "$work/m2")" = "2020/01/bulletin-2020-01-10.html" ] ||
		fail "--update $s after touching one input wrote: $(pages_since "$work/m2")"
done

# A bulletin between two others: it and its neighbours, no other page.
printf '20 January 2020\n\nA new item\n\nIt is new.\n' > "$work/in/2020/01/bulletin-2020-01-20.txt"
mark m3
run -q --update -r -s -t html -o "$out" "$work/in"
printf '%s\n' 2020/01/bulletin-2020-01-19.html 2020/01/bulletin-2020-01-20.html \
	2020/01/bulletin-2020-01-21.html > "$work/expected"
pages_since "$work/m3" > "$work/got"
diff "$work/expected" "$work/got" > /dev/null ||
	fail "--update after adding one bulletin wrote: $(cat "$work/got")"
grep -q 'href="bulletin-2020-01-20.html" rel="next"' "$out/2020/01/bulletin-2020-01-19.html" ||
	fail "the page before the new one does not link it as next"
grep -q 'bulletin-2020-01-20.html' "$out/2020/01/index.html" ||
	fail "the month index does not list the new bulletin"

# Another option: every page again.
mark m4
run -q --update -r -s -x segment -t html -o "$out" "$work/in"
[ "$(pages_since "$work/m4" | wc -l)" -eq 40 ] ||
	fail "--update with another transform rewrote $(pages_since "$work/m4" | wc -l) of 40 pages"

# The same for a writer that makes no site: a changed option reconverts.
out="$work/tei"
run -q -r -t tei -o "$out" "$work/in"
mark m5
run -q --update -r -t tei -o "$out" "$work/in"
[ -z "$(pages_since "$work/m5")" ] || fail "tei --update with nothing changed wrote pages"
run -q --update -r -t tei:publisher=NEW -o "$out" "$work/in"
[ "$(pages_since "$work/m5" | wc -l)" -eq 40 ] ||
	fail "tei --update with a new publisher rewrote $(pages_since "$work/m5" | wc -l) of 40"
grep -q NEW "$out/2020/01/bulletin-2020-01-05.xml" || fail "tei output stale after publisher=NEW"
echo "ok: --update writes what changed, the neighbours of a new page, all after an option changed"
