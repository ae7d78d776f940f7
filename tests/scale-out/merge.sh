#!/bin/sh
# A site from shards: every shard with --summarize, every shard again
# (its pages, linked by all the summaries), then --merge (indexes, search,
# manifest) equal one run byte for byte, hidden files included, for html
# and markdown and N = 1, 3, 4, whatever order the shards run in; a later
# --update run finds nothing to do.  A set of summaries that is not
# complete or not this run's (missing, other options, cut short, edited,
# two N, a page step not run, an input changed or added) is refused with
# a located message and exit 2, nothing written; an input that fails
# fails the same way in the shards and the merge as in one run.
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 120 || fail "gen-archive.sh failed"

# steps DIR N WRITER-OPTION...: the three steps into DIR.
steps() {
	dir=$1
	n=$2
	shift 2
	for k in $(order_of "$n"); do
		run -q -r "$@" --shard "$k/$n" --summarize -o "$dir" "$work/in"
		expect_status 0 "--summarize of shard $k/$n ($*)"
	done
	[ -z "$(files_below "$dir")" ] || fail "--summarize wrote pages: $(files_below "$dir" | head -3)"
	for k in $(order_of "$n" | tr ' ' '\n' | LC_ALL=C sort -r); do
		run -q -r "$@" --shard "$k/$n" -o "$dir" "$work/in"
		expect_status 0 "the pages of shard $k/$n ($*)"
		[ ! -e "$dir/index.html" ] && [ ! -e "$dir/.herald-manifest.json" ] ||
			fail "the page step of shard $k/$n wrote what is the merge's"
	done
	run -q -r "$@" --merge -o "$dir" "$work/in"
	expect_status 0 "--merge of $n shards ($*)"
}

for writer in "-s -t html" "-t markdown"; do
	# (the writer's options are words on purpose)
	# shellcheck disable=SC2086
	run -q -r $writer -o "$work/single" "$work/in"
	expect_status 0 "the single run ($writer)"
	for n in 1 3 4; do
		rm -rf "$work/merged"
		# shellcheck disable=SC2086
		steps "$work/merged" "$n" $writer
		diff -r "$work/single" "$work/merged" > "$work/diff" ||
			fail "$n shards and a merge differ from one run ($writer): $(head -20 "$work/diff")"
		[ -z "$(find "$work/merged" -name '.herald-shard-*')" ] ||
			fail "the merge left shard files: $(find "$work/merged" -name '.herald-shard-*')"
	done
	# The merged folder is up to date for a single --update run.
	touch -d '2000-01-01' "$work/merged/.herald-manifest.json"
	touch "$work/marker"
	sleep 1
	# shellcheck disable=SC2086
	run -r $writer --update -o "$work/merged" "$work/in"
	expect_status 0 "--update after the merge ($writer)"
	[ -z "$(find "$work/merged" -type f -newer "$work/marker")" ] ||
		fail "--update after the merge wrote: $(find "$work/merged" -type f -newer "$work/marker" | head)"
	rm -rf "$work/single"
done

# --- per-document writers: each shard writes its summary; the merge the manifest
run -q -r -t tei -o "$work/tei-single" "$work/in"
for k in 2 0 1; do
	run -q -r -t tei --shard "$k/3" -o "$work/tei" "$work/in"
	expect_status 0 "tei shard $k/3"
	[ -f "$work/tei/.herald-shard-$k-of-3.json" ] || fail "tei shard $k/3 wrote no summary"
done
run -q -r -t tei --merge -o "$work/tei" "$work/in"
expect_status 0 "--merge of tei shards"
diff -r "$work/tei-single" "$work/tei" > "$work/diff" ||
	fail "tei shards and a merge differ from one run: $(head -20 "$work/diff")"

# --- a set that is not complete or not this run's ---------------------------
html="-s -t html"
# prepare DIR: the summaries of 3 shards (no pages yet).
prepare() {
	rm -rf "$1"
	for k in 0 1 2; do
		# shellcheck disable=SC2086
		run -q -r $html --shard "$k/3" --summarize -o "$1" "$work/in"
		expect_status 0 "--summarize $k/3"
	done
}
# refused WHAT PATTERN ARGS...: exit 2, the message, no page, no index.
refused() {
	what=$1
	pattern=$2
	shift 2
	run -q -r "$@" "$work/in"
	expect_status 2 "$what"
	expect_err "$pattern" "$what"
	[ ! -e "$work/bad/index.html" ] || fail "$what: the index was written"
}
bad="$work/bad"

prepare "$bad"
rm "$bad/.herald-shard-1-of-3.json"
# shellcheck disable=SC2086
refused "a page step with a summary missing" \
	"error: the shard summaries are not complete: 1 of 3 missing (K = 1; " \
	$html --shard 0/3 -o "$bad"
[ -z "$(files_below "$bad")" ] || fail "a page step with a summary missing wrote pages"
# shellcheck disable=SC2086
refused "a merge with a summary missing" "1 of 3 missing (K = 1; " $html --merge -o "$bad"
rm -rf "$bad"
# shellcheck disable=SC2086
refused "a page step with no summaries" \
	"no shard summaries here (.herald-shard-K-of-N.json): run every shard with --summarize first" \
	$html --shard 0/3 -o "$bad"

prepare "$bad"
run -q -r -t html --shard 1/3 --summarize -o "$bad" "$work/in"
refused "a summary made with other options" \
	"herald-shard-1-of-3.json: error: made with other options than this run's" \
	-s -t html --shard 2/3 -o "$bad"

prepare "$bad"
head -c 300 "$bad/.herald-shard-2-of-3.json" > "$work/cut"
cat "$work/cut" > "$bad/.herald-shard-2-of-3.json"
# shellcheck disable=SC2086
refused "a summary cut short" "herald-shard-2-of-3.json: error: [0-9]*:[0-9]*: " \
	$html --shard 0/3 -o "$bad"

prepare "$bad"
sed 's/"href": "2020/"href": 2020, "x": "/' "$bad/.herald-shard-0-of-3.json" > "$work/edited"
cat "$work/edited" > "$bad/.herald-shard-0-of-3.json"
# shellcheck disable=SC2086
refused "a summary edited" "herald-shard-0-of-3.json: error: pages\[0\]: no href or input" \
	$html --shard 1/3 -o "$bad"

prepare "$bad"
cp "$bad/.herald-shard-0-of-3.json" "$bad/.herald-shard-1-of-3.json"
# shellcheck disable=SC2086
refused "a summary under another shard's name" \
	"herald-shard-1-of-3.json: error: its shard and shards are not those of its name" \
	$html --merge -o "$bad"

prepare "$bad"
printf 'more' >> "$bad/.herald-shard-1-of-3.text"
# shellcheck disable=SC2086
refused "a text file not the summary's" \
	"herald-shard-1-of-3.text: error: [0-9]* bytes where the summary says [0-9]*" \
	$html --shard 0/3 -o "$bad"

prepare "$bad"
cp "$bad/.herald-shard-0-of-3.json" "$bad/.herald-shard-0-of-2.json"
# shellcheck disable=SC2086
refused "a merge among two sets" "shard summaries of 3 and of 2 shards are both here" \
	$html --merge -o "$bad"

prepare "$bad"
for k in 0 2; do
	# shellcheck disable=SC2086
	run -q -r $html --shard "$k/3" -o "$bad" "$work/in"
done
# shellcheck disable=SC2086
refused "a merge before a page step" \
	"error: not written since its shard's summary .*herald-shard-1-of-3.json.*: run that shard's page step" \
	$html --merge -o "$bad"

cp -R "$work/in" "$work/in-orig"
prepare "$bad"
printf '\nOne more line.\n' >> "$work/in/2020/01/bulletin-2020-01-05.txt"
# shellcheck disable=SC2086
refused "an input changed since --summarize" \
	"bulletin-2020-01-05.txt: error: changed since its shard's --summarize" \
	$html --shard 2/3 -o "$bad"
rm -rf "$work/in"
cp -R "$work/in-orig" "$work/in"
prepare "$bad"
cp "$work/in/2020/01/bulletin-2020-01-05.txt" "$work/in/2020/01/bulletin-2020-01-05b.txt"
# shellcheck disable=SC2086
refused "an input added since --summarize" \
	"bulletin-2020-01-05b.txt: error: in no shard's summary (added since --summarize?)" \
	$html --shard 2/3 -o "$bad"
rm "$work/in/2020/01/bulletin-2020-01-05b.txt"

# --- usage errors ------------------------------------------------------------
run -r -t html --merge --shard 0/2 -o "$bad" "$work/in"
expect_status 2 "--merge with --shard"
expect_err "takes no --shard" "--merge with --shard"
run -r -t html --merge "$work/in"
expect_status 2 "--merge without -o"
expect_err "give -o FOLDER" "--merge without -o"
run --records --merge < /dev/null
expect_status 2 "--merge with --records"
expect_err "cannot be combined with --records" "--merge with --records"
run -r -t html --summarize -o "$bad" "$work/in"
expect_status 2 "--summarize without --shard"
expect_err "give --shard K/N" "--summarize without --shard"
run -r -t tei --shard 0/2 --summarize -o "$bad" "$work/in"
expect_status 2 "--summarize with tei"
expect_err "is for a site" "--summarize with tei"

# --- --update: the steps after an input changed, one added, one removed -------
# They write what one --update run writes, and rewrite the same pages.
# shellcheck disable=SC2086
run -q -r $html -o "$work/up-single" "$work/in"
# shellcheck disable=SC2086
steps "$work/up-sharded" 3 $html
cp -R "$work/in" "$work/in-before-update"
printf '\nOne more line.\n' >> "$work/in/2020/02/bulletin-2020-02-10.txt"
cp "$work/in/2020/03/bulletin-2020-03-03.txt" "$work/in/2020/03/bulletin-2020-03-03b.txt"
rm "$work/in/2020/04/bulletin-2020-04-20.txt"
sleep 1
touch "$work/marker"
# shellcheck disable=SC2086
run -q -r $html --update -o "$work/up-single" "$work/in"
expect_status 0 "the single --update run"
for k in 1 0 2; do
	# shellcheck disable=SC2086
	run -q -r $html --update --shard "$k/3" --summarize -o "$work/up-sharded" "$work/in"
	expect_status 0 "--update --summarize $k/3"
done
for k in 2 1 0; do
	# shellcheck disable=SC2086
	run -q -r $html --update --shard "$k/3" -o "$work/up-sharded" "$work/in"
	expect_status 0 "--update pages $k/3"
done
# shellcheck disable=SC2086
run -q -r $html --update --merge -o "$work/up-sharded" "$work/in"
expect_status 0 "--update --merge"
rm "$work/up-single/2020/04/bulletin-2020-04-20.html" "$work/up-sharded/2020/04/bulletin-2020-04-20.html"
diff -r "$work/up-single" "$work/up-sharded" > "$work/diff" ||
	fail "--update in shards differs from one --update run: $(head -20 "$work/diff")"
for d in up-single up-sharded; do
	(cd "$work/$d" && find . -type f -newer "$work/marker" | LC_ALL=C sort) > "$work/$d.rewritten"
done
cmp -s "$work/up-single.rewritten" "$work/up-sharded.rewritten" ||
	fail "--update in shards rewrote other files than one run: $(diff "$work/up-single.rewritten" "$work/up-sharded.rewritten")"
grep -q 'bulletin-2020-03-01.html' "$work/up-sharded.rewritten" &&
	fail "--update in shards rewrote a page whose links did not change"
grep -q 'bulletin-2020-03-03b.html' "$work/up-sharded.rewritten" ||
	fail "--update in shards did not write the new page"
rm -rf "$work/in"
mv "$work/in-before-update" "$work/in"

# --- an input that fails: as in one run --------------------------------------
printf '15 January 2020\n\nGood text \342\202 bad \342\200\224 cut\n' \
	> "$work/in/2020/01/bulletin-2020-01-15.txt"
# shellcheck disable=SC2086
run -q -r $html -o "$work/failing-single" "$work/in"
expect_status 1 "the single run with a failing input"
failed=0
for k in 0 1 2; do
	# shellcheck disable=SC2086
	run -q -r $html --shard "$k/3" --summarize -o "$work/failing" "$work/in"
	[ "$rc" -eq 1 ] && failed=$((failed + 1))
done
[ "$failed" -eq 1 ] || fail "$failed shards' --summarize failed on one bad input"
for k in 0 1 2; do
	# shellcheck disable=SC2086
	run -q -r $html --shard "$k/3" -o "$work/failing" "$work/in"
done
# shellcheck disable=SC2086
run -q -r $html --merge -o "$work/failing" "$work/in"
expect_status 1 "the merge with a failing input"
expect_err "1 of 120 documents failed" "the merge with a failing input"
expect_err "bulletin-2020-01-15.txt.*invalid UTF-8" "the merge with a failing input"
diff -r "$work/failing-single" "$work/failing" > "$work/diff" ||
	fail "with a failing input, the shards and merge differ from one run: $(head "$work/diff")"
echo "ok: N shards, their pages and a merge equal one run (html, markdown, tei)"
