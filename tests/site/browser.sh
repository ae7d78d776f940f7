#!/bin/sh
# The site in a real browser: headless Chromium (Debian `chromium`)
# driven over its DevTools pipe by tests/site/cdp.py.  It loads the top
# index from file://, follows links to a year, a month and a bulletin,
# checks the breadcrumb and previous/next, searches for a title and for
# a phrase of the text, checks that an empty VIDEO item followed by an
# untitled brief draws no band, and takes screenshots (desktop and 390 px
# wide).  Every page of the site is also checked with the Nu checker when
# java and vnu.jar are there.  HERALD_SCREENSHOTS=DIR keeps the
# screenshots there (doc/images/ holds the ones the README shows).
. "$top_srcdir/tests/archive/common.sh"

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || skip "no chromium (Debian package chromium; .ci/deps.sh installs it)"
command -v python3 > /dev/null 2>&1 || skip "no python3 to drive chromium"

sh "$gen" "$work/in" 70 || fail "gen-archive.sh failed"
# A bulletin with a VIDEO item without text, then an untitled brief.
printf '%s\n' '15 March 2020' '' '' 'Harbour crane lifts the new lock gate – VIDEO' \
	'' '' 'The lock reopens to boats on Monday after a week of repairs.' \
	'' '' 'Council meets' '' 'The council meets on Tuesday.' \
	> "$work/in/2020/03/bulletin-2020-03-15.txt"
run -q -r -s -t html -o "$work/site" "$work/in"
expect_status 0 "the site"

shots=${HERALD_SCREENSHOTS:-$work/shots}
mkdir -p "$shots"
timeout 300 python3 "$top_srcdir/tests/site/cdp.py" "$chromium" "$work/site" \
	"$shots" "Ferry timetable changes" "interrupt the water supply" \
	2020/03/bulletin-2020-03-15.html > "$work/cdp.log" 2>&1
status=$?
cat "$work/cdp.log"
[ "$status" -eq 0 ] || fail "the browser test failed (above)"
for f in site-index site-page site-page-390 site-search site-search-text site-search-390 site-video; do
	[ -s "$shots/$f.png" ] || fail "no screenshot $f.png"
done

# Every page Nu-valid, indexes included.
if (. "$top_srcdir/tests/markup/vnu.sh" >/dev/null; exit 0); then
	. "$top_srcdir/tests/markup/vnu.sh"
	java -jar "$jar" --errors-only --format gnu --skip-non-html "$work/site" \
		> "$work/vnu.log" 2>&1 || fail "the Nu checker: $(head -20 "$work/vnu.log")"
	echo "ok: every page of the site is Nu-valid"
else
	echo "note: no java or vnu.jar: the pages were not checked with the Nu checker"
fi
echo "ok: the site works in Chromium"
