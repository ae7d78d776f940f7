#!/bin/sh
# The item anchors ("## Title {#i3}") as the Markdown engines of Jekyll
# (kramdown, Debian ruby-kramdown) and mkdocs (Python-Markdown with its
# attr_list extension, Debian python3-markdown) render them; each engine
# missing is skipped, both missing skips the test.  Hugo's goldmark is
# tested in hugo.sh.  The front matter is taken off first, as Jekyll and
# mkdocs do before rendering.  For every page: each "{#iN}" is the id of
# exactly one <h2>, no "{#i" is left in the HTML, the title's own "{#x}"
# stays text.
. "$top_srcdir/tests/archive/common.sh"
command -v xmllint > /dev/null 2>&1 || skip "xmllint is not installed"

engines=""
if command -v ruby > /dev/null 2>&1 && ruby -rkramdown -e '' 2>/dev/null; then
	engines="$engines kramdown"
fi
# Debian's python3-markdown is for the system's python3, which may not be
# the first python3 on the PATH.
py=""
for p in python3 /usr/bin/python3; do
	if command -v "$p" > /dev/null 2>&1 && "$p" -c 'import markdown' 2>/dev/null; then
		py=$p
		engines="$engines python-markdown"
		break
	fi
done
[ -n "$engines" ] || skip "neither kramdown nor Python-Markdown is installed"

mkdir -p "$work/in"
cp "$top_srcdir"/examples/bulletins/*.txt "$work/in/"
printf '%s\n\n%s\n\n%s\n\n\n%s\n' '7 May 2023' \
	'Mayor: the old bridge {#x}' 'Works start in June.' \
	'Lost property is at the office.' > "$work/in/hostile.txt"
run -q -r -t markdown -o "$work/md" "$work/in"
expect_status 0 "converting the examples"

render() {   # render ENGINE BODY.md > HTML
	case $1 in
	kramdown) ruby -rkramdown -e \
		'puts Kramdown::Document.new(File.read(ARGV[0], encoding: "UTF-8")).to_html' "$2" ;;
	python-markdown) "$py" -c 'import sys, markdown
print(markdown.markdown(open(sys.argv[1], encoding="utf-8").read(), extensions=["attr_list"]))' "$2" ;;
	esac
}

for engine in $engines; do
	for md in "$work"/md/*.md; do
		name=$(basename "$md" .md)
		# the body: what follows the front matter's closing "---"
		awk 'n >= 2 { print } /^---$/ && n < 2 { n++ }' "$md" > "$work/body.md"
		{ echo '<html><body>'; render "$engine" "$work/body.md"; echo '</body></html>'; } \
			> "$work/page.html" || fail "$engine failed on $name"
		ids=$(grep -o '{#i[0-9]*}$' "$work/body.md" | tr -d '{#}')
		[ -n "$ids" ] || fail "$name.md has no anchor"
		for id in $ids; do
			[ "$(xmllint --html --xpath "count(//h2[@id='$id'])" "$work/page.html" 2>/dev/null)" = 1 ] ||
				fail "$engine: $name: #$id is not the id of one heading"
		done
		! grep -q '{#i' "$work/page.html" ||
			fail "$engine: $name: an anchor shows as text: $(grep '{#i' "$work/page.html")"
	done
	[ "$(xmllint --html --xpath "string(//h2[@id='i1'])" "$work/page.html" 2>/dev/null)" != "" ] ||
		fail "$engine: no heading i1"
	awk 'n >= 2 { print } /^---$/ && n < 2 { n++ }' "$work/md/hostile.md" > "$work/body.md"
	{ echo '<html><body>'; render "$engine" "$work/body.md"; echo '</body></html>'; } > "$work/page.html"
	[ "$(xmllint --html --xpath "string(//h2[@id='i1'])" "$work/page.html" 2>/dev/null)" = \
		'Mayor: the old bridge {#x}' ] ||
		fail "$engine: the title's own {#x} is not kept: $(grep '<h2' "$work/page.html")"
	echo "$engine: anchors resolve"
done
exit 0
