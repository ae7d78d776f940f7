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

. "$top_srcdir/tests/markdown/built.sh"
page_of() { echo "$site/public/$1/index.html"; }
page_at() { echo "$site/public/${1%%#*}index.html"; }   # relative to the root
files_below "$in" | sed 's/\.txt$//' > "$work/stems"
check_pages "$site/docs"
# the index's links: in the page's main part, not the theme's menu
# (every folder's index.md: the top one, each year's and month's)
(cd "$site/docs" && find . -name index.md) |
	sed "s|^\./|$site/public/|; s|index\.md\$|index.html|" > "$work/indexes"
page_links "$site/public" "$work/indexes" "//div[@role='main']//a/@href" > "$work/links"
check_index_links "$work/links"
exit 0
