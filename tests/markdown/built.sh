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

# The links of every built index page (INDEX_PAGES: a file naming one a
# line, below PUBLIC) that lead to pages, one href a line, relative to
# PUBLIC (or absolute, as the generator wrote them): those to another
# index (a year's, a month's) are checked to lead there and left out.
page_links() {   # page_links PUBLIC INDEX_PAGES XPATH
	while read -r built; do
		dir=$(dirname "$built")
		xpath "$3" "$built" | sed -n 's/^ *href="\(.*\)"$/\1/p' |
		while read -r href; do
			path=${href%%#*}
			frag=${href#"$path"}
			case $path in
			/*) rel=$path ;;
			*) rel=$(realpath -m "$dir/$path")
			   rel=${rel#"$1/"}
			   case $path in */) rel="$rel/" ;; esac ;;
			esac
			target=$(page_at "$rel")
			if grep -qxF "$target" "$2" || grep -qxF "${target%/}/index.html" "$2"; then
				continue   # an index below another
			fi
			printf '%s%s\n' "$rel" "$frag"
		done
	done < "$2"
}
