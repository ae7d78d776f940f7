#!/bin/sh
# A teiCorpus from shards: every shard with --corpus -o FILE (its
# documents' parts, numbered by their place in the archive, beside FILE),
# then --merge --corpus -o FILE, equal one --corpus run byte for byte, for
# N = 1, 3, 4, shards in any order, with and without pretty printing and
# segmenting, with a document that fails, with validate= and --update.  A
# set that is not complete or not this run's (a shard missing, options
# differing, a part file missing, cut, grown or of other bytes, a summary
# edited, an input changed or added since, a shard that saw another
# archive, two N) is refused with a located message and exit 2, and the
# corpus file is left as it was.  One --corpus run's memory does not grow
# with the archive.
. "$top_srcdir/tests/archive/common.sh"
command -v xmllint > /dev/null 2>&1 || skip "xmllint is not installed"

sh "$gen" "$work/in" 120 || fail "gen-archive.sh failed"

# shards N CORPUS OPTION...: every shard of N, in a shuffled order.
shards() {
	n=$1
	corpus=$2
	shift 2
	for k in $(order_of "$n"); do
		run -q -r "$@" --shard "$k/$n" --corpus -o "$corpus" "$work/in"
		expect_status 0 "shard $k/$n ($*)"
		stem="$(dirname "$corpus")/.$(basename "$corpus").herald-shard-$k-of-$n"
		[ -s "$stem.json" ] && [ -f "$stem.part" ] ||
			fail "shard $k/$n wrote no summary or part file ($*)"
		[ ! -e "$corpus" ] || fail "shard $k/$n wrote the corpus ($*)"
	done
}

# merged N OPTION...: shards and a merge into $work/m/c.xml, compared
# with one run's $work/single.xml.
merged() {
	n=$1
	shift
	rm -rf "$work/m"
	shards "$n" "$work/m/c.xml" "$@"
	run -q -r "$@" --merge --corpus -o "$work/m/c.xml" "$work/in"
	expect_status 0 "--merge --corpus of $n shards ($*)"
	cmp "$work/single.xml" "$work/m/c.xml" ||
		fail "$n shards and a merge differ from one run ($*)"
	[ -z "$(find "$work/m" -name '.*herald-shard-*')" ] ||
		fail "the merge left shard files: $(find "$work/m" -name '.*herald-shard-*')"
}

for opts in "-t tei" "-x segment -t tei:pretty=true"; do
	# (the options are words on purpose)
	# shellcheck disable=SC2086
	run -q -r $opts --corpus -o "$work/single.xml" "$work/in"
	expect_status 0 "the single run ($opts)"
	for n in 1 3 4; do
		# shellcheck disable=SC2086
		merged "$n" $opts
	done
done
xmllint --noout "$work/m/c.xml" 2> "$work/lint" ||
	fail "the merged corpus is not well-formed: $(head -5 "$work/lint")"
[ "$(xmllint --xpath 'count(/*/*[local-name() = "TEI"])' "$work/m/c.xml")" -eq 120 ] ||
	fail "the merged corpus does not hold 120 TEI"

# One run writes the corpus document by document now: the same bytes as
# with every document kept (write_many, which an embedding program calls):
# the corpus test's checks (order, ids, tei_all) hold for this file.
run -q -r -j 2 -t tei --corpus "$work/in"
expect_status 0 "--corpus -j 2 to standard output"
mv "$work/stdout" "$work/stdout.xml"
run -q -r -j 1 -t tei --corpus -o "$work/single.xml" "$work/in"
cmp -s "$work/stdout.xml" "$work/single.xml" || fail "--corpus -j 2 to stdout differs from -j 1 -o"
merged 3 -t tei -j 2

# Memory does not grow with the archive: max RSS of one --corpus run over
# 300 and 1 200 bulletins (every document kept, it went from 14 to 30 MB).
# Not under the sanitizers: ASan's quarantine keeps freed memory (up to
# 256 MB) on purpose, so the peak grows with what was freed.
if [ -n "${HERALD_SANITIZE:-}" ]; then
	echo "note: built with the sanitizers: the corpus's memory not checked"
elif [ -x /usr/bin/time ]; then
	sh "$gen" "$work/g300" 300 && sh "$gen" "$work/g1200" 1200 || fail "gen-archive.sh failed"
	for g in 300 1200; do
		/usr/bin/time -f %M -o "$work/rss$g" "$herald" -q -r -j 2 -t tei --corpus \
			-o "$work/g.xml" "$work/g$g" || fail "--corpus over $g bulletins failed"
	done
	awk -v a="$(cat "$work/rss300")" -v b="$(cat "$work/rss1200")" \
		'BEGIN { exit !(b < 1.3 * a) }' ||
		fail "--corpus: max RSS $(cat "$work/rss300") kB for 300 bulletins, $(cat "$work/rss1200") kB for 1 200"
	rm -rf "$work/g300" "$work/g1200" "$work/g.xml"
else
	echo "note: no /usr/bin/time: the corpus's memory not checked"
fi

# validate=: each document checked in a corpus of its own before its
# part is written; the corpus is the same.
cat > "$work/any.rng" <<'EOF'
<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><ref name="any"/></start>
  <define name="any">
    <element><anyName/>
      <zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/></choice></zeroOrMore>
    </element>
  </define>
</grammar>
EOF
merged 3 -t "tei:validate=$work/any.rng"
# A schema whose root is TEI, not teiCorpus: every document refused alone.
sed 's|<start><ref name="any"/></start>|<start><element name="TEI" ns="http://www.tei-c.org/ns/1.0"><zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/></choice></zeroOrMore></element></start>|' \
	"$work/any.rng" > "$work/tei-root.rng"
run -q -r -t "tei:validate=$work/tei-root.rng" --corpus -o "$work/v.xml" "$work/in"
expect_status 1 "--corpus with a schema no corpus matches"
expect_err "120 of 120 documents failed" "--corpus with a schema no corpus matches"

# --- a document that fails: left out alike, its number unused -------------
bad="$work/in/2020/02/bulletin-2020-02-10.txt"
cp "$bad" "$work/bad.keep"
printf '10 February 2020\n\nBroken\n\nbad \342\202 \342\200\224\n' > "$bad"
run -q -r -t tei --corpus -o "$work/single.xml" "$work/in"
expect_status 1 "the single run with a failed document"
expect_err "^  $bad:5:5: error: bulletin: invalid UTF-8" "the single run's summary"
grep -q 'xml:id="d41\.' "$work/single.xml" &&
	fail "the failed document's number is used"
grep -q 'xml:id="d42\.' "$work/single.xml" ||
	fail "the document after the failed one is not d42"
rm -rf "$work/m"
failed=0
for k in 2 0 1; do
	run -q -r -t tei --shard "$k/3" --corpus -o "$work/m/c.xml" "$work/in"
	[ "$rc" -eq 0 ] || { [ "$rc" -eq 1 ] && failed=$((failed + 1)); } ||
		fail "shard $k/3 with a failed document: exit $rc"
done
[ "$failed" -eq 1 ] || fail "$failed shards failed, not the one with the bad input"
run -q -r -t tei --merge --corpus -o "$work/m/c.xml" "$work/in"
expect_status 1 "--merge --corpus with a failed document"
expect_err "^herald: 1 of 120 documents failed:" "the merge's summary"
expect_err "^  $bad:5:5: error: bulletin: invalid UTF-8" "the merge's summary"
cmp "$work/single.xml" "$work/m/c.xml" ||
	fail "shards and a merge with a failed document differ from one run"
mv "$work/bad.keep" "$bad"

# --- --update: accepted, and the whole corpus is written again ------------
run -q -r -t tei --corpus -o "$work/single.xml" "$work/in"
run -q -r -t tei --update --corpus -o "$work/u.xml" "$work/in"
cmp "$work/single.xml" "$work/u.xml" || fail "--update --corpus differs"
merged 3 -t tei --update

# --- refused: exit 2, the corpus file left as it was ----------------------
c="$work/r/c.xml"
set_of() {   # set_of N: a complete set of N shards beside $c
	rm -rf "$work/r"
	shards "$1" "$c" -t tei
	echo "the corpus before" > "$c"
}
refused() {   # refused WHAT PATTERN [OPTION...]: the merge refuses
	what=$1
	pattern=$2
	shift 2
	run -q -r -t tei "$@" --merge --corpus -o "$c" "$work/in"
	expect_status 2 "$what"
	expect_err "$pattern" "$what"
	[ "$(cat "$c")" = "the corpus before" ] || fail "$what: the corpus file was written"
	left=$(ls -A "$work/r" | grep -v -e '^c\.xml$' \
		-e '^\.c\.xml\.herald-shard-[0-9]*-of-[0-9]*\.json$' \
		-e '^\.c\.xml\.herald-shard-[0-9]*-of-[0-9]*\.part$')
	[ -z "$left" ] || fail "$what: a temporary file was left: $left"
}
s="$work/r/.c.xml.herald-shard"

set_of 3
rm "$s-1-of-3.json"
refused "a shard missing" "^herald: $work/r: error: the shard summaries are not complete: 1 of 3 missing (K = 1; .c.xml.herald-shard-K-of-3.json): run those shards first"

set_of 3
refused "other options" "^herald: $s-0-of-3.json: error: made with other options than this run's (signature)" \
	-t tei:publisher=Other
# (a folder's merge is not a corpus's: its summaries are not read)
run -q -r -t tei --merge -o "$work/r" "$work/in"
expect_status 2 "a folder merge beside corpus shards"
expect_err "no shard summaries here (.herald-shard-K-of-N.json)" "a folder merge beside corpus shards"

set_of 3
rm "$s-2-of-3.part"
refused "a part file missing" "^herald: $s-2-of-3.part: error: cannot read the shard's corpus part: No such file or directory"

set_of 3
size=$(wc -c < "$s-0-of-3.part")
head -c $((size - 10)) "$s-0-of-3.part" > "$work/cut" && mv "$work/cut" "$s-0-of-3.part"
refused "a part file cut" "^herald: $s-0-of-3.part: error: $((size - 10)) bytes where the summary says $size: not the corpus part of this summary"

set_of 3
echo '<extra/>' >> "$s-1-of-3.part"
refused "a part file grown" "^herald: $s-1-of-3.part: error: .* bytes where the summary says"

set_of 3
# the same size, another byte: the part's hash tells
sed -i '0,/<p>/s//<q>/' "$s-2-of-3.part"
refused "a part of other bytes" "^herald: $s-2-of-3.part: error: bytes 0 to [0-9]*, the part of .* do not match its summary's hash"

set_of 3
sed -i '0,/"number": [0-9]*/s//"number": 99999/' "$s-0-of-3.json"
refused "a summary edited" "^herald: $work/in/.*: error: numbered 99999 in its shard's corpus part, but input [0-9]* of the archive now"

set_of 3
head -c 200 "$s-1-of-3.json" > "$work/cut" && mv "$work/cut" "$s-1-of-3.json"
refused "a summary cut short" "^herald: $s-1-of-3.json: error: [0-9]*:[0-9]*: "

set_of 3
touch "$work/in/2020/03/bulletin-2020-03-01.txt"
refused "an input changed since" "^herald: $work/in/2020/03/bulletin-2020-03-01.txt: error: changed since its shard ran (size or modification time)"

set_of 3
cp "$work/in/2020/03/bulletin-2020-03-02.txt" "$work/in/2020/03/bulletin-2020-03-02b.txt"
refused "an input added since" "bulletin-2020-03-02b.txt: error: in no shard's summary (added since its shard ran?)"
rm "$work/in/2020/03/bulletin-2020-03-02b.txt"

# A shard that saw another archive numbered its documents otherwise: the
# extra input is there for its own shard's run, not for the others'.
if command -v python3 > /dev/null 2>&1; then
	key=2020/01/bulletin-2020-01-01a
	x=$(python3 -c 'import sys,functools; print(functools.reduce(lambda h,b: ((h^b)*1099511628211)%2**64, sys.argv[1].encode(), 14695981039346656037) % 3)' "$key")
	rm -rf "$work/r"
	for k in 0 1 2; do
		[ "$k" -eq "$x" ] || run -q -r -t tei --shard "$k/3" --corpus -o "$c" "$work/in"
	done
	cp "$work/in/2020/01/bulletin-2020-01-01.txt" "$work/in/$key.txt"
	run -q -r -t tei --shard "$x/3" --corpus -o "$c" "$work/in"
	echo "the corpus before" > "$c"
	refused "a shard that saw another archive" \
		"error: numbered [0-9]* in its shard's corpus part, but input [0-9]* of the archive now: that shard saw another archive"
	rm "$work/in/$key.txt"
else
	echo "note: python3 absent: the shard of another archive not checked"
fi

rm -rf "$work/r"
shards 3 "$c" -t tei
shards 4 "$c" -t tei
echo "the corpus before" > "$c"
refused "two N" "shard summaries of [34] and of [34] shards are both here: remove the stale set (.c.xml.herald-shard-\*-of-3.\*)"

# Two inputs that the summaries would name alike (one shard holds both:
# the hash leaves the extension out); one run takes them.
mkdir -p "$work/dup/a" "$work/dup/b"
cp "$work/in/2020/01/bulletin-2020-01-01.txt" "$work/dup/a/x.txt"
cp "$work/in/2020/01/bulletin-2020-01-02.txt" "$work/dup/b/x.txt"
run -q -t tei --shard 0/1 --corpus -o "$work/dup/c.xml" "$work/dup/a/x.txt" "$work/dup/b/x.txt"
expect_status 2 "two inputs named alike"
expect_err "both $work/dup/a/x.txt and $work/dup/b/x.txt would be x.xml in the corpus shards' summaries" \
	"two inputs named alike"
[ -z "$(ls -A "$work/dup" | grep -v '^[ab]$')" ] || fail "two inputs named alike: something was written"

# usage
run -q -r -t tei --merge --corpus "$work/in"
expect_status 2 "--merge --corpus without -o"
expect_err "give -o FILE, the corpus file" "--merge --corpus without -o"
run -q -r -t tei --shard 0/2 --corpus -o "$work/r/" "$work/in"
expect_status 2 "--shard --corpus into a folder"
expect_err "give -o FILE, the corpus file" "--shard --corpus into a folder"
run -q -r -t tei --shard 0/2 --summarize --corpus -o "$c" "$work/in"
expect_status 2 "--summarize --corpus"
run -q -r -t html --shard 0/2 --corpus -o "$c" "$work/in"
expect_status 2 "--shard --corpus -t html"
expect_err "the html writer cannot put several documents in one output" "--shard --corpus -t html"
echo "ok: a teiCorpus from 1, 3 and 4 shards equals one run; sets not whole or not this run's refused"
