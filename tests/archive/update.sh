#!/bin/sh
# --update converts only what changed: an output is up to date when it is
# newer than its input (and than herald and every plugin it loaded, which
# a test cannot touch without touching the build).
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 30 || fail "gen-archive.sh failed"
# The site index (index.html, with html) lists every bulletin and is
# always written again: it is left out of what must not change.
changed_since() {
	find "$work/out" -type f -newer "$1" ! -path "$work/out/index.html" ! -name .herald-manifest.json |
		sed "s|^$work/out/||"
}

# Inputs from long ago, so that outputs written now are strictly newer
# even on a file system with one-second times.
find "$work/in" -type f -exec touch -t 202001010000 {} +

run -q -r -t html -o "$work/out" "$work/in"
expect_status 0 "first run"
[ "$(files_below "$work/out" | grep -c "^2020/.*/bulletin-")" -eq 30 ] || fail "first run: not 30 outputs"

# Nothing changed: nothing is rewritten.
touch "$work/mark1"
sleep 1
run -q --update -r -t html -o "$work/out" "$work/in"
expect_status 0 "--update, nothing changed"
changed=$(changed_since "$work/mark1")
[ -z "$changed" ] || fail "--update with nothing changed rewrote: $changed"

# One input changed: only its output is rewritten.
victim=2020/01/bulletin-2020-01-17
touch "$work/in/$victim.txt"
sleep 1
touch "$work/mark2"
run -q --update -r -t html -o "$work/out" "$work/in"
expect_status 0 "--update, one input touched"
changed=$(changed_since "$work/mark2")
[ "$changed" = "$victim.html" ] ||
	fail "--update after touching $victim.txt rewrote: '$changed'"

# A changed content is converted again, and what it writes is current.
printf '17 January 2020\n\nChanged title\n\nNew text.\n' > "$work/in/$victim.txt"
sleep 1
run -q --update -r -t html -o "$work/out" "$work/in"
# (a site's page is the single page plus its navigation)
grep -q '<h2>Changed title' "$work/out/$victim.html" &&
	! grep -q 'Ferry\|Library\|library' "$work/out/$victim.html" ||
	fail "--update left $victim.html stale after its input changed"

# A removed output is written again; the others stay.
rm "$work/out/2020/01/bulletin-2020-01-03.html"
sleep 1
touch "$work/mark3"
run -q --update -r -t html -o "$work/out" "$work/in"
changed=$(changed_since "$work/mark3")
[ "$changed" = "2020/01/bulletin-2020-01-03.html" ] ||
	fail "--update after removing an output rewrote: '$changed'"
# Standard input has no date: it is always converted.
"$herald" -q --update -t html -o "$work/stdin/" - < "$work/in/$victim.txt" ||
	fail "--update from stdin failed"
sleep 1
touch "$work/mark4"
"$herald" -q --update -t html -o "$work/stdin/" - < "$work/in/$victim.txt" ||
	fail "--update from stdin failed"
[ -n "$(find "$work/stdin/stdin.html" -newer "$work/mark4")" ] ||
	fail "--update took standard input's output for up to date"
# An output folder inside the folder walked is not walked: the same
# command again converts the inputs, not the pages of the last run (html
# and markdown readers would take them, and their outputs are the pages).
for writer in html markdown; do
	rm -rf "$work/in/site"
	for pass in first second; do
		run -q -r -t "$writer" -o "$work/in/site" "$work/in"
		expect_status 0 "the $pass run into a folder inside the input ($writer)"
	done
	n=$(files_below "$work/in/site" | grep -c "^2020/.*/bulletin-")
	[ "$n" -eq 30 ] || fail "a folder inside the input ($writer): $n pages, expected 30"
	[ -z "$(find "$work/in/site" -path "$work/in/site/site*")" ] ||
		fail "the last run's pages were read back ($writer)"
	run -q --update -r -t "$writer" -o "$work/in/site" "$work/in"
	expect_status 0 "--update into a folder inside the input ($writer)"
done
rm -rf "$work/in/site"
# In place (-o the folder walked): the files the last run wrote there
# (pages, indexes, the writer's files: its manifest lists them) are not
# inputs, so the same command runs again, and --update too; a site found
# inside another walked folder is not read either (a note says so).
# (one writer a folder: a run's manifest lists its own writer's files)
for writer in html markdown; do
	rm -rf "$work/inplace"
	mkdir -p "$work/inplace/2020"
	cp "$work/in/2020/01/"*.txt "$work/inplace/2020/"
	cp "$work/in/$victim.txt" "$work/inplace/"
	for pass in first second; do
		run -q -r -s -t "$writer" -o "$work/inplace" "$work/inplace"
		expect_status 0 "the $pass run in place ($writer)"
	done
	find "$work/inplace" -name '*.txt' | sed 's/\.txt$//' | LC_ALL=C sort > "$work/stems"
	find "$work/inplace" -name "*.$(extension_of "$writer")" ! -name 'index.*' \
		! -name '_index.*' | sed 's/\.[a-z]*$//' | LC_ALL=C sort > "$work/pages"
	cmp -s "$work/stems" "$work/pages" ||
		fail "in place ($writer): pages are not one per input: $(diff "$work/stems" "$work/pages" | head -5)"
	printf '9 May 2021\n\nAdded later\n\nIt came after.\n' > "$work/inplace/added.txt"
	run -q --update -r -s -t "$writer" -o "$work/inplace" "$work/inplace"
	expect_status 0 "--update in place ($writer)"
	[ -f "$work/inplace/added.$(extension_of "$writer")" ] ||
		fail "--update in place ($writer): no page for the new input"
	rm "$work/inplace/added.txt"
done
# (the folder holds the markdown site now: converting it elsewhere reads
# the inputs only)
run -r -t text -o "$work/elsewhere" "$work/inplace"
expect_status 0 "a folder holding a site, converted elsewhere"
expect_err "note: holds [0-9]* files a herald run wrote (its .herald-manifest.json lists them): not read as inputs" \
	"a site inside a walked folder is named"
[ "$(files_below "$work/elsewhere" | grep -c '')" -eq "$(grep -c '' "$work/stems")" ] ||
	fail "a folder holding a site: $(files_below "$work/elsewhere" | tr '\n' ' ')"
echo "ok: --update rewrites only what changed; in place, the last run's files are not inputs"
