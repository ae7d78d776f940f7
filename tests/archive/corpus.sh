#!/bin/sh
# herald --corpus -t tei: several bulletins as ONE TEI document, a
# teiCorpus holding one TEI per bulletin in the order given; well-formed,
# ids unique across the corpus, valid against tei_all (when shared/ is
# there: the schema is not ours to ship).
. "$top_srcdir/tests/archive/common.sh"
command -v xmllint > /dev/null 2>&1 || skip "xmllint is not installed"

sh "$gen" "$work/in" 12 || fail "gen-archive.sh failed"
# Given out of date order on purpose: the corpus keeps the given order.
set -- "$work/in/2020/01/bulletin-2020-01-05.txt" \
	"$work/in/2020/01/bulletin-2020-01-01.txt" \
	"$work/in/2020/01/bulletin-2020-01-12.txt" \
	"$work/in/2020/01/bulletin-2020-01-08.txt"

# html has no write_many: refused whatever the tei writer can do.
run --corpus -t html "$@"
expect_status 2 "--corpus -t html"
expect_err "^herald: error: --corpus: the html writer cannot put several documents in one output" \
	"--corpus -t html"

run --corpus -t tei -o "$work/corpus.xml" "$@"
if grep -q "the tei writer cannot put several documents" "$work/stderr"; then
	skip "the tei writer has no write_many yet (--corpus -t html checked)"
fi
expect_status 0 "--corpus -t tei -o corpus.xml"
[ ! -s "$work/stderr" ] || fail "--corpus: messages: $(cat "$work/stderr")"

# Well-formed, and xml:id unique: libxml2 reports a repeated xml:id.
xmllint --noout "$work/corpus.xml" 2> "$work/lint" ||
	fail "corpus.xml is not well-formed: $(head -5 "$work/lint")"
[ ! -s "$work/lint" ] || fail "corpus.xml: $(head -5 "$work/lint")"
xpath() {
	xmllint --xpath "$1" "$work/corpus.xml" 2>/dev/null
}
[ "$(xpath 'local-name(/*)')" = teiCorpus ] || fail "the root is not teiCorpus"
[ "$(xpath 'namespace-uri(/*)')" = http://www.tei-c.org/ns/1.0 ] ||
	fail "the root is not in the TEI namespace"
[ "$(xpath 'count(/*/*[local-name() = "teiHeader"])')" -eq 1 ] ||
	fail "the corpus has no header of its own"
[ "$(xpath 'count(/*/*[local-name() = "TEI"])')" -eq 4 ] ||
	fail "the corpus does not hold 4 TEI documents"
dates=$(xpath '/*/*[local-name() = "TEI"]//*[local-name() = "docDate"]/@when' |
	sed -n 's/^ *when="\(.*\)"$/\1/p' | tr '\n' ' ')
[ "$dates" = "2020-01-05 2020-01-01 2020-01-12 2020-01-08 " ] ||
	fail "documents not in the order given: $dates"
dups=$(xpath '//@*[local-name() = "id"]' | sort | uniq -d | head -3)
[ -z "$dups" ] || fail "ids repeated across the corpus: $dups"
# Each bulletin's text is all there: its paragraphs, in the corpus too.
total=0
for f in "$@"; do
	n=$("$herald" -t tei "$f" | xmllint --xpath 'count(//*[local-name() = "p"])' -)
	[ "$n" -gt 0 ] || fail "$f: no paragraphs in its own TEI"
	total=$((total + n))
done
[ "$(xpath 'count(/*/*[local-name() = "TEI"]//*[local-name() = "p"])')" -eq "$total" ] ||
	fail "the corpus does not hold every paragraph of its documents"

# Standard output and -j give the same corpus.
run --corpus -t tei -j 2 "$@"
expect_status 0 "--corpus to stdout"
cmp -s "$work/stdout" "$work/corpus.xml" || fail "--corpus to stdout differs from -o"

# A whole archive with -r, one document failing: the rest is the corpus.
printf '3 January 2020\n\nBroken\n\nbad \342\202 \342\200\224\n' > "$work/in/2020/01/bulletin-2020-01-03.txt"
run -q -r --corpus -t tei -o "$work/archive.xml" "$work/in"
expect_status 1 "--corpus with a failed document"
expect_err "^  $work/in/2020/01/bulletin-2020-01-03.txt:5:5: error: bulletin: invalid UTF-8" \
	"--corpus failure summary"
[ "$(xmllint --xpath 'count(/*/*[local-name() = "TEI"])' "$work/archive.xml")" -eq 11 ] ||
	fail "--corpus -r: not the 11 good documents"

# tei_all, when the shared schemas are there (slow: ~15 s).
schema="$shared/schemas/tei_all.rng"
if [ -f "$schema" ]; then
	xmllint --noout --relaxng "$schema" "$work/corpus.xml" 2> "$work/lint" ||
		fail "corpus.xml is not valid TEI: $(grep -v validates "$work/lint" | head -5)"
else
	echo "note: $schema absent: tei_all validation not done"
fi
echo "ok: --corpus -t tei: one teiCorpus, in order, unique ids"
