#!/bin/sh
# A converted archive built by Hugo (Debian's `hugo`; skipped without it).
#
# The test makes a site skeleton itself (a config and two layouts of a few
# lines, no theme, nothing from the network), converts the example
# bulletins, an archive from bench/gen-archive.sh and a few written here
# with `herald -r -t markdown -o SITE/content/posts`, runs Hugo with its
# default Markdown settings and checks that
#  - every bulletin became a page (and nothing else did);
#  - each page's <title> and heading are its front matter's title, its
#    date the front matter's date (Hugo read the YAML, dates as dates);
#  - the section's list page lists every page, newest first (Hugo's
#    default order, by the dates it read);
#  - every "{#i3}" of a page is the id of a heading of its HTML, with the
#    heading's text and no "{#" left in it, and no raw HTML was dropped;
#  - the tag of the video items made a tag page listing those pages;
#  - the folder's index (_index.md, the markdown writer's default name)
#    became the section's list page, titled by its front matter, and
#    every link of it (Hugo's {{< relref >}}) leads to a page that exists
#    and to an id that exists in it, one link to each page at least; a
#    relative .md link in a bulletin's text resolves the same way.
. "$top_srcdir/tests/archive/common.sh"
command -v hugo > /dev/null 2>&1 || skip "hugo is not installed"
command -v xmllint > /dev/null 2>&1 || skip "xmllint is not installed"

in="$work/in"
site="$work/site"
mkdir -p "$in/examples" "$in/extra" "$site/layouts/_default" "$site/content"
cp "$top_srcdir"/examples/bulletins/*.txt "$in/examples/"
sh "$gen" "$in/gen" 40 || fail "gen-archive.sh failed"
# A title YAML and goldmark could misread, an item title holding an
# attribute of its own, and an undated bulletin (Hugo's zero date).
printf '%s\n\n%s\n\n%s\n\n\n%s\n\n%s\n' '7 May 2023' \
	'Mayor: "We rebuild" # the old bridge {#x}' 'Works start in June.' \
	'Second item' 'Text of the second item.' > "$in/extra/hostile.txt"
printf 'Undated notice\n\nNo date line in this one.\n' > "$in/extra/undated.txt"
# Names with capitals, a space, a '%': Hugo makes their URLs
# "big-notice" and "50-off", and relref finds them from the index's
# percent-encoded links ("Big%20Notice.md", "50%25%20off.md").
printf '9 May 2023\n\nNotice\n\nA big one.\n' > "$in/extra/Big Notice.txt"
printf '10 May 2023\n\nSale\n\nHalf price.\n' > "$in/extra/50% off.txt"
# A Markdown input whose own front matter gives a title with a colon,
# quotes, '#', an apostrophe and " - ".
printf '%s\n' '---' 'title: "Mayor: \"no\" # it'"'"'s - done"' \
	'date: 2023-05-08' '---' '' '# Item one' '' \
	'Text one; [see the hostile one](hostile.md#i2).' > "$in/extra/front.md"

cat > "$site/config.toml" <<'EOF'
baseURL = "http://example.org/"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
EOF
cat > "$site/layouts/_default/single.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02" }}"></time>
{{ .Content }}</body></html>
EOF
cat > "$site/layouts/_default/list.html" <<'EOF'
<!DOCTYPE html>
<html><head><title>{{ .Title }}</title></head>
<body><div class="index">{{ .Content }}</div><ol>{{ range .RegularPagesRecursive }}
<li data-date="{{ .Date.Format "2006-01-02" }}"><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ol></body></html>
EOF

run -q -r -t markdown -o "$site/content/posts" "$in"
expect_status 0 "converting the archive"
files_below "$in" | sed -e 's/\.txt$//' -e 's/\.md$//' > "$work/stems"
files_below "$site/content/posts" | grep -v '\(^\|/\)_index\.md$' |
	sed 's/\.md$//' > "$work/md-stems"
cmp -s "$work/stems" "$work/md-stems" ||
	fail "not one .md per bulletin: $(diff "$work/stems" "$work/md-stems")"
pages=$(grep -c '' "$work/stems")

HUGO_CACHEDIR="$work/hugo-cache" hugo --quiet -s "$site" -d "$site/public" \
	> "$work/hugo.out" 2>&1 || fail "hugo failed: $(cat "$work/hugo.out")"

xpath() {
	xmllint --html --xpath "$1" "$2" 2>/dev/null
}
# A front matter value: the double-quoted string (its \" and \\ undone)
# or the plain date.
front() {   # front KEY FILE
	sed -n "2,/^---\$/s/^$1: \"\\{0,1\\}\\(.*[^\"]\\)\"\\{0,1\\}\$/\\1/p" "$2" |
		sed -e 's/\\"/"/g' -e 's/\\\\/\\/g'
}

: > "$work/dates"
while read -r stem; do
	md="$site/content/posts/$stem.md"
	html="$site/public/posts/$(printf '%s' "$stem" | tr 'A-Z ' 'a-z-' | tr -d '%')/index.html"
	[ -f "$html" ] || fail "$stem.md did not become a page"
	title=$(front title "$md")
	[ -n "$title" ] || fail "$stem.md has no title"
	[ "$(xpath 'string(/html/head/title)' "$html")" = "$title" ] ||
		fail "$stem: <title> is not the front matter's \"$title\""
	[ "$(xpath 'string(//h1)' "$html")" = "$title" ] ||
		fail "$stem: the heading is not the front matter's \"$title\""
	date=$(front date "$md")
	want=${date:-0001-01-01}
	[ "$(xpath 'string(//time/@datetime)' "$html")" = "$want" ] ||
		fail "$stem: Hugo's date is not the front matter's $want"
	echo "$want" >> "$work/dates"
	# anchors: every item's, on a heading of the same text
	grep '^## ' "$md" > "$work/headings"
	[ "$(xpath 'count(//h2[@id])' "$html")" = "$(grep -c '' "$work/headings")" ] ||
		fail "$stem: not every item heading has an id"
	while read -r line; do
		id=$(printf '%s\n' "$line" | sed -n 's/.* {#\([A-Za-z0-9_-]*\)}$/\1/p')
		[ -n "$id" ] || fail "$stem: a heading without an anchor: $line"
		[ "$(xpath "count(//h2[@id='$id'])" "$html")" = 1 ] ||
			fail "$stem: #$id does not resolve"
	done < "$work/headings"
	! grep -q -e '{#i' -e 'raw HTML omitted' -e '{{' "$html" ||
		fail "$stem: an anchor, raw HTML or a shortcode was not rendered: $(grep -e '{#i' -e 'raw HTML' -e '{{' "$html")"
done < "$work/stems"

[ "$(xpath 'string(/html/head/title)' "$site/public/posts/extra/front/index.html")" = \
	"Mayor: \"no\" # it's - done" ] ||
	fail "the title with a colon and quotes did not reach Hugo's <title>"

# Text of a heading as goldmark made it: the title's own "{#x}" stays
# (the quotes curled by Hugo's default typographer extension).
hostile="$site/public/posts/extra/hostile/index.html"
[ "$(xpath "string(//h2[@id='i1'])" "$hostile")" = \
	'Mayor: “We rebuild” # the old bridge {#x}' ] ||
	fail "the hostile title is not kept: $(xpath "//h2[@id='i1']" "$hostile")"
[ "$(xpath "string(//h2[@id='i1'])" "$site/public/posts/examples/city-digest/index.html")" = \
	'Riverside tram line opens to passengers' ] ||
	fail "city-digest's #i1 is not its first item's heading"

# The list page: every page once, newest first by the dates Hugo read.
list="$site/public/posts/index.html"
[ -f "$list" ] || fail "no list page for the section"
xpath '//li/@data-date' "$list" | sed -n 's/^ *data-date="\(.*\)"$/\1/p' > "$work/listed"
[ "$(grep -c '' "$work/listed")" -eq "$pages" ] ||
	fail "the list page has $(grep -c '' "$work/listed") entries, expected $pages"
sort -r "$work/dates" | cmp -s - "$work/listed" ||
	fail "the list page is not in date order: $(tr '\n' ' ' < "$work/listed")"

# The index: the section's list page, with every link resolving.
[ -f "$site/content/posts/_index.md" ] || fail "no _index.md in the output folder"
[ "$(xpath 'string(/html/head/title)' "$list")" = Archive ] ||
	fail "the list page is not titled by _index.md's front matter"
! grep -q -e '{{' -e 'raw HTML omitted' "$list" ||
	fail "a shortcode or raw HTML was not rendered: $(grep -e '{{' -e 'raw HTML' "$list")"
# Every folder's _index.md (the top, each year's and month's) is a list
# page; their links together lead to every page, and to the sections of
# the years and months.
find "$site/content/posts" -name _index.md | while read -r md; do
	rel=${md#"$site/content/posts"}
	xpath '//div[@class="index"]//a/@href' "$site/public/posts${rel%_index.md}index.html" |
		sed -n 's/^ *href="\(.*\)"$/\1/p'
done > "$work/all-links"
[ -s "$work/all-links" ] || fail "the list pages show no index links"
# the links to sections (a folder with an _index.md) and those to pages
: > "$work/index-links"
while read -r href; do
	path=${href%%#*}
	if [ -f "$site/content${path%/}/_index.md" ]; then
		[ -f "$site/public${path}index.html" ] || fail "a link to a missing section: $href"
	else
		printf '%s\n' "$href" >> "$work/index-links"
	fi
done < "$work/all-links"
# resolves HREF: the page an absolute site path leads to, and its id
resolves() {
	path=${1%%#*}
	case $1 in *'#'*) id=${1#*#} ;; *) id= ;; esac
	case $path in /posts/*/) ;; *) fail "a link outside the pages' URLs: $1" ;; esac
	page="$site/public$path/index.html"
	[ -f "$page" ] || fail "a link to a page that does not exist: $1"
	[ -z "$id" ] || [ "$(xpath "count(//*[@id='$id'])" "$page")" = 1 ] ||
		fail "a link to an id that does not exist: $1"
}
while read -r href; do
	resolves "$href"
done < "$work/index-links"
sed 's/#.*//' "$work/index-links" | sort -u | grep -c '' > "$work/linked"
[ "$(cat "$work/linked")" -eq "$pages" ] ||
	fail "the index links $(cat "$work/linked") pages, expected $pages"
grep -q '#i1$' "$work/index-links" || fail "the index links no item"
# a relative .md link of a bulletin's text: to the page and item it names
href=$(xpath 'string(//a[.="see the hostile one"]/@href)' \
	"$site/public/posts/extra/front/index.html")
[ "$href" = /posts/extra/hostile/#i2 ] ||
	fail "front.md's link to hostile.md#i2 is \"$href\""
resolves "$href"

# Tags: the items tagged video made Hugo's tag page list their pages.
tagged=$(grep -l '^tags: \[.*"video"' "$site"/content/posts/*/*.md \
	"$site"/content/posts/*/*/*/*.md | grep -c '')
[ "$tagged" -gt 0 ] || fail "no page is tagged video"
[ "$(xpath 'count(//li)' "$site/public/tags/video/index.html")" = "$tagged" ] ||
	fail "the video tag page does not list the $tagged tagged pages"
exit 0
