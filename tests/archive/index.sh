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

# The indexes: the top one, one per year, one per month, one for the
# undated.  Each month's index links its bulletins' pages (and items); all
# of them in date order make every page once.
for m in "$work"/site/20*/[0-9][0-9]/index.html "$work"/site/undated/index.html; do
	[ -f "$m" ] || fail "no month index $m"
	dir=$(dirname "${m#"$work"/site/}")
	# a month's title is its date: one heading, marked up as the date
	case $dir in
	undated) ;;
	*)	month=$(echo "$dir" | tr / -)
		[ "$(xpath "count(//article/header/h1/time[@datetime='$month'])" "$m")" = 1 ] &&
		[ "$(xpath 'count(//*[@class="dateline"])' "$m")" = 0 ] ||
			fail "$m: its title is not one h1 holding <time datetime=\"$month\">" ;;
	esac
	attr_values '//article//a/@href' "$m" | sed "s|^|$dir/|"
done > "$work/hrefs"
# (the months in date order: 2019-12 sorts first, undated last)
grep -v '#' "$work/hrefs" | uniq > "$work/pages"

# Every page once, by date: the early one first, then the generated days in
# order, the undated one last; the broken one not at all.
{
	echo extra/zz-early.html
	files_below "$work/in" | grep '^20' | sed 's/\.txt$/.html/'
	echo extra/aa-undated.html
} | sed 's|^|@|' > "$work/expected-pages"
# a month index's links are relative to its folder: resolve them
(cd "$work/site" && while read -r p; do
	d=$(dirname "$p"); f=$(basename "$p")
	(cd "$d" 2>/dev/null && echo "@$(realpath --relative-to="$work/site" "$f")")
done) < "$work/pages" > "$work/pages-resolved"
diff "$work/expected-pages" "$work/pages-resolved" > "$work/diff" ||
	fail "month indexes are not every bulletin by date: $(head -20 "$work/diff")"
n=$(cat "$work"/site/20*/[0-9][0-9]/index.html "$work"/site/undated/index.html |
	grep -c '<section class="item')
[ "$n" -eq 42 ] || fail "the month indexes have $n entries, expected 42"
# The top index lists the years with their counts and the undated.
xpath 'string(//article)' "$index" | tr -s ' \n' ' ' > "$work/top"
grep -q '2019 1 bulletin 2020 40 bulletins Undated 1 bulletin' "$work/top" ||
	fail "the top index does not list years with counts: $(cat "$work/top")"

# Every link of every index leads to a file that exists, and every anchor
# to an item of it; every titled item of every page is linked.
find "$work/site" -name index.html | while read -r ix; do
	d=$(dirname "$ix")
	attr_values '//a/@href' "$ix" | while read -r h; do
		f=${h%%#*}; id=${h#"$f"}; id=${id#\#}
		[ -n "$f" ] || continue
		[ -f "$d/$f" ] || fail "$ix links to a missing file: $h"
		if [ -n "$id" ]; then
			attr_values '//section[contains(@class, "item")]/@id' "$d/$f" |
				grep -qxF "$id" || fail "$ix links to $h: no such item"
		fi
	done
done
for page in $(sed 's/^@//' "$work/expected-pages"); do
	titled=$(xpath 'count(//section[contains(@class, "item")][h2])' "$work/site/$page")
	base=$(basename "$page")
	linked=$(grep -c "$base#" "$work/hrefs")
	[ "$titled" -eq "$linked" ] ||
		fail "$page has $titled titled items, its month index links $linked"
done

# An entry is titled with the bulletin's date, ISO, in a <time>.
xpath 'string(//section[contains(@class, "item")][1]/h2/time/@datetime)' \
	"$work/site/2019/12/index.html" | grep -qx '2019-12-31' ||
	fail "the first entry is not titled with its date"

# markdown is a site writer too: its indexes (here index.md, with links
# as files; the top one, a year's, a month's, like the html site's) link
# every page that exists, each once.  (Its anchors, and the links as site
# generators resolve them: tests/markdown/.)
run -q -r -t markdown:index=index.md,links=files -o "$work/md" "$work/in"
[ -f "$work/md/index.md" ] || fail "the markdown writer wrote no index.md"
find "$work/md" -name index.md | while read -r idx; do
	dir=$(dirname "$idx")
	grep -o '](\([^)#]*\)' "$idx" | sed 's/^](//' | sort -u |
		while read -r l; do realpath -m "$dir/$l"; done
done | sort -u > "$work/md-links"
while read -r page; do
	[ -f "$page" ] || fail "an index.md links to a missing file: $page"
done < "$work/md-links"
grep -v '/index\.md$' "$work/md-links" > "$work/md-pages"
[ "$(grep -c '' "$work/md-pages")" -eq 42 ] ||
	fail "the index.md files do not link the 42 pages: $(cat "$work/md-pages")"
# by default Hugo's name, _index.md
run -q -r -t markdown -o "$work/md2" "$work/in"
[ -f "$work/md2/_index.md" ] && [ ! -e "$work/md2/index.md" ] ||
	fail "the markdown writer's default index is not _index.md"

# An input that would be written as index.html: the index steps aside.
cp "$work/in/extra/zz-early.txt" "$work/in/index.txt"
run -r -t html -o "$work/site2" "$work/in"
expect_err "^herald: $work/site2/index.html: warning: not written: .*index.txt takes its name" \
	"an input named index"
grep -q '<h2>Old news item' "$work/site2/index.html" ||
	fail "index.html is not the converted index.txt"
# File names with '#', '?', '%', a space or non-ASCII letters: each link
# is percent-encoded segment by segment, and leads to the file.
mkdir -p "$work/odd/in/sub dir"
for name in 'hash#q?' '50% off' "$(printf 'caf\303\251')" 'sub dir/a#b'; do
	printf '3 March 2020\n\nCouncil meets\n\nIt met.\n' > "$work/odd/in/$name.txt"
done
run -q -r -t html -o "$work/odd/site" "$work/odd/in"
expect_status 0 "a site of odd file names"
attr_values '//article//a/@href' "$work/odd/site/2020/03/index.html" |
	grep -v '^#' | sed 's|^\.\./\.\./||' > "$work/odd/hrefs"
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
echo "ok: the month indexes list $(grep -c '' "$work/pages") bulletins by date; every link resolves"
