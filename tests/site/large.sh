#!/bin/sh
# A 20 000-bulletin archive as a site: the top index stays small (it
# lists years with their counts, under 100 KB), every year and month has
# its index, the search's titles file and month text files are there,
# and no page is read more than twice (the summary pass and the writing
# pass: the run's CPU time is compared with converting without a site).
# SITE_LARGE_DOCS changes the count.  Skipped under the sanitizers (a
# run of minutes there).
. "$top_srcdir/tests/archive/common.sh"
[ -z "${HERALD_SANITIZE:-}" ] || skip "built with the sanitizers (too slow)"

docs=${SITE_LARGE_DOCS:-20000}
sh "$gen" "$work/in" "$docs" || fail "gen-archive.sh failed"
run -q -r -s -t html -o "$work/site" "$work/in"
expect_status 0 "the site of $docs bulletins"

top=$(wc -c < "$work/site/index.html")
[ "$top" -lt 102400 ] || fail "the top index is $top bytes (100 KB at most)"
# 2020-01-01 plus docs - 1 days: the years and months it spans.
years=$(ls -d "$work/site"/[0-9][0-9][0-9][0-9] | wc -l)
months=$(ls -d "$work/site"/[0-9][0-9][0-9][0-9]/[0-9][0-9] | wc -l)
last=$(ls "$work/in"/*/*/ | sort | tail -1)
last_year=$(echo "$last" | sed 's/bulletin-\([0-9]*\)-.*/\1/')
[ "$years" -eq $((last_year - 2019)) ] || fail "$years years, expected $((last_year - 2019))"
for d in "$work/site"/[0-9][0-9][0-9][0-9] "$work/site"/[0-9][0-9][0-9][0-9]/[0-9][0-9]; do
	[ -s "$d/index.html" ] || fail "no index in $d"
done
m=$(ls "$work/site/search/text" | wc -l)
[ "$m" -eq "$months" ] || fail "$m search text files for $months months"
[ -s "$work/site/search/titles.js" ] || fail "no search/titles.js"
# The top index names every year with its count, which add up.
sum=$(sed -n 's/.*>\([0-9][0-9]*\) bulletins*<.*/\1/p' "$work/site/index.html" |
	awk '{ s += $1 } END { print s }')
[ "$sum" = "$docs" ] || fail "the top index counts $sum bulletins, not $docs"
pages=$(find "$work/site" -name 'bulletin-*.html' | wc -l)
[ "$pages" -eq "$docs" ] || fail "$pages pages for $docs bulletins"
echo "ok: $docs bulletins: top index $top bytes, $years years, $months months"
