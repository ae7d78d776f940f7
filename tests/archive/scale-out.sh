#!/bin/sh
# The scale-out recipes of examples/scale-out/ that run on this machine
# with GNU parallel (-S : is the local login): --records blocks under
# parallel --pipe must give exactly what one plain batch run gives; the
# per-file recipe refuses ':' (tests/scale-out/parallel-ssh.sh runs it
# over ssh, where --transferfile and --return do something).
. "$top_srcdir/tests/archive/common.sh"
command -v parallel > /dev/null 2>&1 || skip "GNU parallel is not installed"
parallel --version 2>/dev/null | grep -q 'GNU parallel' || skip "parallel is not GNU parallel"
command -v jq > /dev/null 2>&1 || skip "jq is not installed"
examples="$top_srcdir/examples/scale-out"
# parallel keeps state in $HOME/.parallel: keep it in the test's folder.
HOME="$work/home"
mkdir "$HOME"
export HOME
# The recipes call "herald": this build's, with its plugins.
HERALD="$herald"
export HERALD

sh "$gen" "$work/in" 60 || fail "gen-archive.sh failed"
run -q -r -t html -o "$work/batch" "$work/in"
expect_status 0 "the plain batch run"
# What makes the batch run's folder a site is its own: its indexes, its
# manifest, each page's navigation (the <nav> lines).
find "$work/batch" -name index.html -exec rm {} +
rm -f "$work/batch/.herald-manifest.json"
find "$work/batch" -name '*.html' -exec sed -i '/^<nav /d' {} +

# One file per job: only to other machines (tests/scale-out/parallel-ssh.sh
# runs it over ssh); this machine is refused, since parallel would
# transfer nothing and the jobs would write into the archive.
if sh "$examples/parallel-files.sh" "$work/in" "$work/files" : \
	> "$work/stdout" 2> "$work/stderr"; then
	fail "parallel-files.sh took ':'"
fi
grep -q "':' is this machine" "$work/stderr" ||
	fail "parallel-files.sh did not say why it refused ':': $(cat "$work/stderr")"
[ ! -e "$work/files" ] || fail "parallel-files.sh made its output folder for ':'"
[ -z "$(find "$work/in" -name '*.html')" ] || fail "parallel-files.sh wrote into the archive"

# Records: files -> records -> parallel --pipe herald --records -> files.
sh "$examples/records-from-files.sh" "$work/in" html > "$work/records.jsonl" ||
	fail "records-from-files.sh failed"
[ "$(grep -c '' "$work/records.jsonl")" -eq 60 ] || fail "not 60 records"
RECORDS_PER_JOB=7 sh "$examples/parallel-records.sh" -t html \
	< "$work/records.jsonl" > "$work/results.jsonl" 2> "$work/stderr" ||
	fail "parallel-records.sh failed: $(cat "$work/stderr")"
# In order, one result per record.
jq -r .id "$work/records.jsonl" > "$work/ids-in"
jq -r .id "$work/results.jsonl" > "$work/ids-out"
cmp -s "$work/ids-in" "$work/ids-out" || fail "results are not in record order"
# The same as one herald --records process.
"$herald" --records -t html < "$work/records.jsonl" > "$work/single.jsonl" ||
	fail "herald --records failed"
cmp -s "$work/single.jsonl" "$work/results.jsonl" ||
	fail "parallel --pipe results differ from one herald --records"
sh "$examples/files-from-results.sh" "$work/records-out" < "$work/results.jsonl" ||
	fail "files-from-results.sh reported errors"
diff -r "$work/batch" "$work/records-out" > "$work/diff" ||
	fail "the records recipe differs from the batch run: $(head -20 "$work/diff")"

# An error record comes back in its place and is reported.
{ head -3 "$work/records.jsonl"; echo '{"id": "bad.html"}'; tail -2 "$work/records.jsonl"; } |
	RECORDS_PER_JOB=2 sh "$examples/parallel-records.sh" -t html > "$work/results2.jsonl"
[ "$(sed -n 4p "$work/results2.jsonl" | jq -r '.id + " " + (has("error") | tostring)')" = \
  "bad.html true" ] || fail "the error record is not 4th: $(cat "$work/results2.jsonl")"
if sh "$examples/files-from-results.sh" "$work/out2" < "$work/results2.jsonl" \
	2> "$work/stderr"; then
	fail "files-from-results.sh did not fail on an error record"
fi
grep -q '^bad.html: herald: <stdin>:2: error: a record is' "$work/stderr" ||
	fail "files-from-results.sh did not name the error: $(cat "$work/stderr")"
[ "$(files_below "$work/out2" | wc -l)" -eq 5 ] || fail "good records of a bad block lost"
echo "ok: parallel --pipe --records equals the batch run; parallel-files.sh refuses :"
