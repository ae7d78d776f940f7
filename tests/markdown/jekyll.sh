#!/bin/sh
# A converted archive built by Jekyll (Debian's `jekyll` with its
# jekyll-relative-links plugin, ruby-jekyll-relative-links, which GitHub
# Pages runs too; skipped without them), with the options doc/writers.md
# gives for it: markdown:index=index.md,links=files.
#  - every bulletin became a page (NAME.html), every "{#iN}" the id of
#    one heading (kramdown's header ids), none left as text;
#  - the index became index.html, and every link of it leads to a page
#    and an id that exist (the plugin turns "x.md#i3" into "/x.html#i3").
. "$top_srcdir/tests/archive/common.sh"
command -v jekyll > /dev/null 2>&1 || skip "jekyll is not installed"
command -v xmllint > /dev/null 2>&1 || skip "xmllint is not installed"
ruby -e 'require "jekyll-relative-links"' 2> /dev/null ||
	skip "the jekyll-relative-links plugin is not installed"

in="$work/in"
site="$work/site"
mkdir -p "$in/examples" "$site"
cp "$top_srcdir"/examples/bulletins/*.txt "$in/examples/"
sh "$gen" "$in/gen" 20 || fail "gen-archive.sh failed"
printf 'plugins:\n  - jekyll-relative-links\n' > "$site/_config.yml"
run -q -r -t markdown:index=index.md,links=files -o "$site" "$in"
expect_status 0 "converting the archive"
[ -f "$site/index.md" ] || fail "no index.md"
jekyll build -q -s "$site" -d "$work/public" > "$work/jekyll.out" 2>&1 ||
	fail "jekyll failed: $(head -n 20 "$work/jekyll.out")"

. "$top_srcdir/tests/markdown/built.sh"
page_of() { echo "$work/public/$1.html"; }
page_at() {   # the plugin makes every link absolute
	case $1 in
	/*) echo "$work/public${1%%#*}" ;;
	*) fail "a link the plugin did not resolve: $1" ;;
	esac
}
files_below "$in" | sed 's/\.txt$//' > "$work/stems"
check_pages "$site"
[ -f "$work/public/index.html" ] || fail "index.md did not become index.html"
(cd "$site" && find . -name index.md ! -path './_site/*') |
	sed "s|^\./|$work/public/|; s|index\.md\$|index.html|" > "$work/indexes"
page_links "$work/public" "$work/indexes" '//a/@href' > "$work/links"
check_index_links "$work/links"
exit 0
