#!/bin/sh
# A converted archive built by mkdocs (Debian's `mkdocs`; skipped
# without it), with the options doc/writers.md gives for it:
# markdown:index=index.md,links=files, and attr_list in mkdocs.yml.
#  - mkdocs --strict builds it: every relative link of every page (the
#    index's to each page and item) resolves, or mkdocs stops;
#  - every bulletin became a page (NAME/index.html), every "{#iN}" the id
#    of one heading, none left as text;
#  - every link of the index leads to a page and an id that exist.
. "$top_srcdir/tests/archive/common.sh"
command -v mkdocs > /dev/null 2>&1 || skip "mkdocs is not installed"
command -v xmllint > /dev/null 2>&1 || skip "xmllint is not installed"

in="$work/in"
site="$work/site"
mkdir -p "$in/examples" "$site"
cp "$top_srcdir"/examples/bulletins/*.txt "$in/examples/"
sh "$gen" "$in/gen" 20 || fail "gen-archive.sh failed"
cat > "$site/mkdocs.yml" <<'YML'
site_name: Archive
markdown_extensions:
  - attr_list
YML
run -q -r -t markdown:index=index.md,links=files -o "$site/docs" "$in"
expect_status 0 "converting the archive"
[ -f "$site/docs/index.md" ] || fail "no index.md"
(cd "$site" && mkdocs build --strict -q -d "$site/public") > "$work/mkdocs.out" 2>&1 ||
	fail "mkdocs --strict failed: $(head -n 20 "$work/mkdocs.out")"

xpath() {
	xmllint --html --xpath "$1" "$2" 2>/dev/null
}
files_below "$in" | sed 's/\.txt$//' > "$work/stems"
while read -r stem; do
	md="$site/docs/$stem.md"
	html="$site/public/$stem/index.html"
	[ -f "$html" ] || fail "$stem.md did not become a page"
	for id in $(grep -o '{#i[0-9]*}$' "$md" | tr -d '{#}'); do
		[ "$(xpath "count(//h2[@id='$id'])" "$html")" = 1 ] ||
			fail "$stem: #$id is not the id of one heading"
	done
	! grep -q '{#i' "$html" || fail "$stem: an anchor shows as text"
done < "$work/stems"

# the index's links (in the page's main part, not the theme's menu;
# relative to the site's root, where index.html is)
xpath "//div[@role='main']//a/@href" "$site/public/index.html" |
	sed -n 's/^ *href="\(.*\)"$/\1/p' > "$work/links"
grep -q '#i1$' "$work/links" || fail "the index links no item"
while read -r href; do
	page="$site/public/${href%%#*}index.html"
	[ -f "$page" ] || fail "the index links a page that does not exist: $href"
	case $href in *'#'*)
		[ "$(xpath "count(//*[@id='${href#*#}'])" "$page")" = 1 ] ||
			fail "the index links an id that does not exist: $href" ;;
	esac
done < "$work/links"
[ "$(sed 's/#.*//' "$work/links" | sort -u | grep -c '')" -eq "$(grep -c '' "$work/stems")" ] ||
	fail "the index does not link every page once"
exit 0
