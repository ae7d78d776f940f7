#!/bin/sh
# names.sh - inputs whose file names are not UTF-8 (a Latin-1 "café" from
# another system): converted like any other, the name's text repaired
# where the model or a manifest needs UTF-8 (with a warning), the bytes
# kept where they name a file (pages, links, --update, shards).  Before,
# each such input failed with "out of memory" and a site wrote no
# manifest and exited 1 without saying why.
. "$top_srcdir/tests/archive/common.sh"

bulletin="$top_srcdir/examples/bulletins/city-digest.txt"
mkdir "$work/in"
latin1=$(printf 'caf\351')
cp "$bulletin" "$work/in/$latin1.txt"
# A valid name that spells what the manifest stores for the other: two
# pages, never one entry for both.
cp "$bulletin" "$work/in/caf%E9.txt"
cp "$bulletin" "$work/in/plain.txt"

# --- one file, to standard output -------------------------------------------
run -t json "$work/in/$latin1.txt"
expect_status 0 "a name that is not UTF-8"
expect_err "warning: the file name is not UTF-8: the document names its source '$work/in/caf$(printf '\357\277\275').txt'" \
	"the repair is said"
grep -q "\"source\": \"$work/in/caf$(printf '\357\277\275').txt\"" "$work/stdout" ||
	fail "the source is not the repaired name: $(grep source "$work/stdout")"
grep -q '"title": "14 March 2023"' "$work/stdout" || fail "the document was not read"
run -q -t json "$work/in/$latin1.txt"
[ ! -s "$work/stderr" ] || fail "-q still warns: $(cat "$work/stderr")"

# --- a site ------------------------------------------------------------------
for writer in "-t html" "-t markdown"; do
	rm -rf "$work/site"
	# shellcheck disable=SC2086
	run -r $writer -o "$work/site" "$work/in"
	expect_status 0 "a site with a name that is not UTF-8 ($writer)"
	ext=$(extension_of "${writer#-t }")
	for page in "$latin1" "caf%E9" plain; do
		[ -f "$work/site/$page.$ext" ] || fail "no page $page.$ext ($writer): $(ls "$work/site")"
	done
	[ -f "$work/site/.herald-manifest.json" ] || fail "no manifest ($writer)"
	grep -q "\"bytes\": \"../in/caf%E9.txt\"" "$work/site/.herald-manifest.json" ||
		fail "the manifest does not keep the name's bytes ($writer): $(grep -A3 '"input"' "$work/site/.herald-manifest.json")"
	# Links percent-encode the bytes: %E9 for the Latin-1 byte, %25E9
	# for the valid name that spells it.
	for href in caf%E9 caf%25E9; do
		grep -rq "\"\.\./\.\./$href\.$ext\"" "$work/site/2023/03" ||
			fail "the month's index does not link $href.$ext ($writer): $(cat "$work/site/2023/03/"*)"
	done
	# --update: every page is known, so none is converted again; a
	# mark in each survives.
	for page in "$latin1" "caf%E9" plain; do
		printf 'MARK\n' >> "$work/site/$page.$ext"
	done
	# shellcheck disable=SC2086
	run -r --update $writer -o "$work/site" "$work/in"
	expect_status 0 "--update ($writer)"
	[ ! -s "$work/stderr" ] || fail "--update read a page again ($writer): $(cat "$work/stderr")"
	for page in "$latin1" "caf%E9" plain; do
		tail -1 "$work/site/$page.$ext" | grep -q MARK ||
			fail "--update converted $page again ($writer)"
	done
done

# --- shards and their merge equal one run ------------------------------------
rm -rf "$work/single" "$work/merged"
run -q -r -t html -o "$work/single" "$work/in"
expect_status 0 "the single run"
for k in 0 1; do
	run -q -r -t html --shard "$k/2" --summarize -o "$work/merged" "$work/in"
	expect_status 0 "--summarize of shard $k/2"
done
for k in 0 1; do
	run -q -r -t html --shard "$k/2" -o "$work/merged" "$work/in"
	expect_status 0 "the pages of shard $k/2"
done
run -q -r -t html --merge -o "$work/merged" "$work/in"
expect_status 0 "--merge"
diff -r "$work/single" "$work/merged" > "$work/diff" ||
	fail "2 shards and a merge differ from one run: $(head -20 "$work/diff")"
exit 0
