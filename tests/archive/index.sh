#!/bin/sh
# The archive index: with an output folder, a writer flagged
# HERALD_WRITER_SITE (html) also writes index.html, listing every converted
# bulletin by date, linking to its page and to each titled item's anchor.
# Every link must lead to a file that exists and an id that exists in it.
. "$top_srcdir/tests/archive/common.sh"
command -v xmllint > /dev/null 2>&1 || skip "xmllint is not installed"

sh "$gen" "$work/in" 40 || fail "gen-archive.sh failed"
# Names whose order is not their dates' order, an undated bulletin (listed
# last) and a failed one (not listed).
mkdir "$work/in/extra"
printf '31 December 2019\n\nOld news item\n\nIt happened last year.\n' \
	> "$work/in/extra/zz-early.txt"
printf 'Undated notice here\n\nNo date line in this one.\n' \
	> "$work/in/extra/aa-undated.txt"
printf '2 February 2020\n\nBroken\n\nbad \342\202 byte \342\200\224\n' > "$work/in/extra/broken.txt"

run -q -r -j 2 -t html -o "$work/site" "$work/in"
expect_status 1 "the site with one broken bulletin"
[ -f "$work/site/index.html" ] ||
	skip "no index.html: the html writer is not flagged HERALD_WRITER_SITE yet"
index="$work/site/index.html"

# xmllint's HTML parser predates HTML5 elements; it still builds the tree.
xpath() {
	xmllint --html --xpath "$1" "$2" 2>/dev/null
}
attr_values() {   # attr_values XPATH-TO-ATTRIBUTES FILE: one value a line
	xpath "$1" "$2" | sed -n 's/^ *[a-z]*="\(.*\)"$/\1/p'
}

attr_values '//a/@href' "$index" > "$work/hrefs"
grep -v '#' "$work/hrefs" > "$work/pages"

# Every page once, by date: the early one first, then the generated days in
# order, the undated one last; the broken one not at all.
{
	echo extra/zz-early.html
	files_below "$work/in" | grep '^20' | sed 's/\.txt$/.html/'
	echo extra/aa-undated.html
} > "$work/expected-pages"
diff "$work/expected-pages" "$work/pages" > "$work/diff" ||
	fail "index pages are not every bulletin by date: $(head -20 "$work/diff")"
n=$(xpath 'count(//section[contains(@class, "item")])' "$index")
[ "$n" -eq 42 ] || fail "index has $n entries, expected 42"

# Every link leads to a file that exists, and every anchor to an item of it;
# every titled item of every page is linked.
while read -r page; do
	[ -f "$work/site/$page" ] || fail "index links to a missing file: $page"
	attr_values '//section[contains(@class, "item")]/@id' "$work/site/$page" \
		> "$work/ids"
	grep "^$page#" "$work/hrefs" | sed 's/^[^#]*#//' > "$work/anchors"
	while read -r id; do
		grep -qxF "$id" "$work/ids" || fail "index links to $page#$id: no such item"
	done < "$work/anchors"
	titled=$(xpath 'count(//section[contains(@class, "item")][h2])' "$work/site/$page")
	linked=$(grep -c '' "$work/anchors")
	[ "$titled" -eq "$linked" ] ||
		fail "$page has $titled titled items, the index links $linked"
done < "$work/pages"

# An entry is titled with the bulletin's date line as written.
xpath 'string(//section[contains(@class, "item")][1]/h2)' "$index" |
	grep -qx '31 December 2019' || fail "the first entry is not titled with its date"

# markdown is a site writer too: its index (here index.md, with links
# as files) links every page that exists.  (Its anchors, and the links
# as site generators resolve them: tests/markdown/.)
run -q -r -t markdown:index=index.md,links=files -o "$work/md" "$work/in"
[ -f "$work/md/index.md" ] || fail "the markdown writer wrote no index.md"
grep -o '](\([^)#]*\)' "$work/md/index.md" | sed 's/^](//' | uniq > "$work/md-pages"
[ "$(grep -c '' "$work/md-pages")" -eq 42 ] ||
	fail "index.md does not link the 42 pages: $(cat "$work/md-pages")"
while read -r page; do
	[ -f "$work/md/$page" ] || fail "index.md links to a missing file: $page"
done < "$work/md-pages"
# by default Hugo's name, _index.md
run -q -r -t markdown -o "$work/md2" "$work/in"
[ -f "$work/md2/_index.md" ] && [ ! -e "$work/md2/index.md" ] ||
	fail "the markdown writer's default index is not _index.md"

# An input that would be written as index.html: the index steps aside.
cp "$work/in/extra/zz-early.txt" "$work/in/index.txt"
run -r -t html -o "$work/site2" "$work/in"
expect_err "^herald: $work/site2/index.html: warning: not written: .*index.txt takes its name" \
	"an input named index"
cmp -s "$work/site2/index.html" "$work/site/extra/zz-early.html" ||
	fail "index.html is not the converted index.txt"
# File names with '#', '?', '%', a space or non-ASCII letters: each link
# is percent-encoded segment by segment, and leads to the file.
mkdir -p "$work/odd/in/sub dir"
for name in 'hash#q?' '50% off' "$(printf 'caf\303\251')" 'sub dir/a#b'; do
	printf '3 March 2020\n\nCouncil meets\n\nIt met.\n' > "$work/odd/in/$name.txt"
done
run -q -r -t html -o "$work/odd/site" "$work/odd/in"
expect_status 0 "a site of odd file names"
attr_values '//a/@href' "$work/odd/site/index.html" > "$work/odd/hrefs"
sort "$work/odd/hrefs" > "$work/odd/got"
printf '%s\n' '50%25%20off.html' '50%25%20off.html#i1' \
	'caf%C3%A9.html' 'caf%C3%A9.html#i1' 'hash%23q%3F.html' \
	'hash%23q%3F.html#i1' 'sub%20dir/a%23b.html' 'sub%20dir/a%23b.html#i1' |
	sort > "$work/odd/expected"
diff "$work/odd/expected" "$work/odd/got" > "$work/diff" ||
	fail "links to odd file names: $(cat "$work/diff")"
# and what they encode is the pages written
for name in 'hash#q?' '50% off' "$(printf 'caf\303\251')" 'sub dir/a#b'; do
	[ -f "$work/odd/site/$name.html" ] || fail "no page $name.html"
done
echo "ok: index.html lists $(grep -c '' "$work/pages") bulletins by date; every link resolves"
