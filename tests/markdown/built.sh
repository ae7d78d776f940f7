# built.sh - sourced by the tests of a site built from converted
# bulletins (mkdocs.sh, jekyll.sh), after tests/archive/common.sh.
#
# The test defines page_of STEM (the HTML file the site made of
# STEM.md) and page_at HREF (the file an index link leads to), then
# calls check_pages MD_FOLDER and check_index_links LINKS_FILE.

xpath() {
	xmllint --html --xpath "$1" "$2" 2>/dev/null
}

# Every input ($work/stems, its paths without .txt) became a page, and
# every "{#iN}" of its Markdown the id of one heading, none left as text.
check_pages() {   # check_pages MD_FOLDER
	while read -r stem; do
		html=$(page_of "$stem")
		[ -f "$html" ] || fail "$stem.md did not become a page"
		for id in $(grep -o '{#i[0-9]*}$' "$1/$stem.md" | tr -d '{#}'); do
			[ "$(xpath "count(//h2[@id='$id'])" "$html")" = 1 ] ||
				fail "$stem: #$id is not the id of one heading"
		done
		! grep -q '{#i' "$html" || fail "$stem: an anchor shows as text"
	done < "$work/stems"
}

# Every link of the index (one href a line) leads to a page that exists
# and, with a fragment, to an id that exists in it; every page is linked.
check_index_links() {   # check_index_links LINKS_FILE
	grep -q '#i1$' "$1" || fail "the index links no item"
	while read -r href; do
		page=$(page_at "$href")
		[ -f "$page" ] || fail "the index links a page that does not exist: $href"
		case $href in *'#'*)
			[ "$(xpath "count(//*[@id='${href#*#}'])" "$page")" = 1 ] ||
				fail "the index links an id that does not exist: $href" ;;
		esac
	done < "$1"
	[ "$(sed 's/#.*//' "$1" | sort -u | grep -c '')" -eq "$(grep -c '' "$work/stems")" ] ||
		fail "the index does not link every page once"
}
