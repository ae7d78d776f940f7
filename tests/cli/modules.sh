#!/bin/sh
# modules.sh - CLD2, uchardet, libunistring, and the bulletin reader's
# cmark, libyaml, libxml2 and toml++, reached through herald's own modules
# (herald/module.h, doc/libraries.md): each is opened when a text is to
# be identified, a charset detected, text beyond ASCII read, or Markdown
# or front matter read, and only then, so that a one-line ASCII
# conversion never maps the C++ runtime or those libraries.  make check runs it on the build
# tree; make installcheck on the installed herald (HERALD), whose modules
# are in $(pkglibdir)/core.
. "${top_srcdir:-.}/tests/cli/common.sh"
herald="${HERALD:-$herald}"

printf 'The city council met on Tuesday evening to discuss the new budget for the public libraries and the parks of the north.\n' > "$tmp/en.txt"
run -t json "$tmp/en.txt"
expect_status 0 "an English paragraph converts"
expect_in "$tmp/out" '"language": "en"' "its language is identified (CLD2, through core/cld2)"
! grep -q 'cannot load' "$tmp/err"
check "no module is missing" $?

printf 'Le caf\351 de la gare ferme \340 minuit, dit le ma\356tre d'"'"'h\364tel.\n' > "$tmp/latin1.txt"
printf -- '---\ntitle: Budget\n---\n# The *budget*\n\nIt passed.\n' > "$tmp/fm.md"
run -t json "$tmp/fm.md"
expect_status 0 "Markdown with front matter converts"
expect_in "$tmp/out" '"title": "Budget"' "its front matter is read (libyaml, through core/bulletin-markup)"
expect_in "$tmp/out" '"type": "emph"' "its Markdown is parsed (cmark, through core/bulletin-markup)"
! grep -q 'cannot load' "$tmp/err"
check "no module is missing" $?

printf -- '+++\ntitle = "Budget"\ntags = ["city"]\n+++\n\nIt passed.\n' > "$tmp/toml.md"
run -t json "$tmp/toml.md"
expect_status 0 "Markdown with TOML front matter converts"
expect_in "$tmp/out" '"title": "Budget"' "its front matter is read (toml++, through core/bulletin-toml)"
! grep -q 'cannot load' "$tmp/err"
check "no module is missing" $?

printf 'Caf\303\251 cr\303\250me br\303\273l\303\251e.\n' > "$tmp/utf8.txt"
run -t text "$tmp/utf8.txt"
expect_status 0 "UTF-8 beyond ASCII converts"
expect_in "$tmp/out" 'Café crème brûlée.' "it is read (libunistring, through core/unistring)"
! grep -q 'cannot load' "$tmp/err"
check "no module is missing" $?

run -t text "$tmp/latin1.txt"
expect_status 0 "a Latin-1 paragraph converts"
expect_in "$tmp/out" 'café de la gare ferme à minuit' "its charset is detected (uchardet, through core/uchardet)"
! grep -q 'cannot load' "$tmp/err"
check "no module is missing" $?

# Which files the dynamic linker opens (glibc's LD_DEBUG; skipped where
# it says nothing).  The C++ runtime may come with the build itself (a
# sanitizer's runtime): then what --help maps is the floor.
maps() {   # FILE ARGS...: the objects herald ARGS maps, into FILE
	out=$1
	shift
	LD_DEBUG=files "$herald" "$@" 2>&1 >/dev/null | grep -o 'file=[^ ]*' > "$out"
}
# A static herald (--disable-shared) has CLD2, uchardet and its plugins
# linked in: nothing to open.
maps "$tmp/help.maps" --help
if "$herald" --describe bulletin 2>/dev/null | grep -q 'file: (built-in)'; then
	echo "SKIP: a static build opens no modules"
elif [ -s "$tmp/help.maps" ]; then
	printf 'x\n' > "$tmp/one.txt"
	maps "$tmp/one.maps" -t text "$tmp/one.txt"
	grep -q 'bulletin' "$tmp/one.maps"
	check "LD_DEBUG names the modules opened" $?
	if ! grep -q 'libstdc++' "$tmp/help.maps"; then
		! grep -q -e 'libstdc++' -e 'cld2' -e 'uchardet' "$tmp/one.maps"
		check "a one-line conversion maps no C++ runtime, CLD2 or uchardet" $?
	fi
	! grep -q -e 'libcmark' -e 'libyaml' -e 'bulletin-markup' "$tmp/one.maps"
	check "a one-line conversion maps neither cmark nor libyaml" $?
	! grep -q 'libunistring' "$tmp/one.maps"
	check "ASCII text maps no libunistring" $?
	printf 'Caf\303\251 cr\303\250me\n' > "$tmp/utf8.txt"
	maps "$tmp/utf8.maps" -t text "$tmp/utf8.txt"
	grep -q 'core.*/unistring\.so' "$tmp/utf8.maps" &&
		grep -q 'libunistring' "$tmp/utf8.maps"
	check "text beyond ASCII opens the module core/unistring" $?
	printf -- '---\ntitle: Budget\n---\n# The *budget*\n\nIt passed.\n' > "$tmp/fm.md"
	maps "$tmp/md.maps" -t text "$tmp/fm.md"
	grep -q 'core.*/bulletin-markup\.so' "$tmp/md.maps" &&
		grep -q 'libcmark' "$tmp/md.maps" && grep -q 'libyaml' "$tmp/md.maps"
	check "Markdown with front matter opens the module core/bulletin-markup" $?
	! grep -q -e 'libxml2' -e 'bulletin-html' -e 'bulletin-toml' "$tmp/md.maps"
	check "Markdown without HTML blocks or TOML maps neither libxml2 nor toml++" $?
	printf -- '+++\ntitle = "Budget"\n+++\n\n<p>It &amp; passed.</p>\n' > "$tmp/html.md"
	maps "$tmp/html.maps" -t text "$tmp/html.md"
	grep -q 'core.*/bulletin-html\.so' "$tmp/html.maps" &&
		grep -q 'libxml2' "$tmp/html.maps" &&
		grep -q 'core.*/bulletin-toml\.so' "$tmp/html.maps"
	check "an HTML block opens core/bulletin-html, TOML core/bulletin-toml" $?
	maps "$tmp/en.maps" -t json "$tmp/en.txt"
	grep -q 'core.*/cld2\.so' "$tmp/en.maps"
	check "a paragraph to identify opens the module core/cld2" $?
	! grep -q 'uchardet' "$tmp/en.maps"
	check "UTF-8 input opens no charset detector" $?
	maps "$tmp/latin1.maps" -t text lang=fr "$tmp/latin1.txt"
	grep -q 'core.*/uchardet\.so' "$tmp/latin1.maps"
	check "Latin-1 input opens the module core/uchardet" $?
else
	echo "SKIP: LD_DEBUG says nothing here"
fi
finish
