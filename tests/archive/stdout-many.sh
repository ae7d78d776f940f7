#!/bin/sh
# Several inputs to standard output: refused for a writer whose outputs
# do not concatenate (html: two pages in one stream are no page), allowed
# for writers flagged HERALD_WRITER_CONCATENATES (markdown: without front
# matter, through writer_flags_for), whose output is then the
# outputs of the inputs one after the other, in the order given.
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 6 || fail "gen-archive.sh failed"
set -- "$work"/in/2020/01/bulletin-2020-01-0[1-6].txt
[ $# -eq 6 ] || fail "expected 6 generated inputs, found $#"

run -t html "$@"
expect_status 2 "6 inputs to stdout with html"
expect_err "^herald: error: 6 inputs cannot go to one output with the html writer: give -o FOLDER" \
	"html to stdout"
[ ! -s "$work/stdout" ] || fail "html to stdout: something was written"
run -t html -o - "$@"
expect_status 2 "6 inputs to -o - with html"

# The refusal names the writers that can concatenate.
writers=$(sed -n 's/.*(writers that can concatenate: \(.*\))$/\1/p' "$work/stderr" |
	sed 's/[a-z0-9]* (with some options)//g' | tr -d ',')
if [ -z "$writers" ]; then
	skip "no writer is flagged HERALD_WRITER_CONCATENATES yet (html refusal checked)"
fi
for w in text json; do
	case " $writers " in
	*" $w "*) ;;
	*) fail "$w should concatenate; the list is: $writers" ;;
	esac
done
case " $writers " in
*" html "*|*" tei "*) fail "html or tei claims to concatenate: $writers" ;;
esac

for w in $writers; do
	: > "$work/expected"
	for f in "$@"; do
		"$herald" -t "$w" "$f" >> "$work/expected" || fail "-t $w $f failed"
	done
	for jobs in 1 2; do
		run -j "$jobs" -t "$w" "$@"
		expect_status 0 "-t $w -j $jobs, 6 inputs to stdout"
		cmp -s "$work/expected" "$work/stdout" ||
			fail "-t $w -j $jobs: not the 6 outputs in order"
	done
done
# json: six documents, one after the other, each the whole model.
if command -v jq > /dev/null 2>&1; then
	run -t json:pretty=false "$@"
	[ "$(jq -s 'length' "$work/stdout")" -eq 6 ] ||
		fail "-t json: not 6 JSON documents"
	[ "$(jq -r '.meta.date' "$work/stdout" | tr '\n' ' ')" = \
	  "2020-01-01 2020-01-02 2020-01-03 2020-01-04 2020-01-05 2020-01-06 " ] ||
		fail "-t json: documents out of order"
	[ "$(grep -c '' "$work/stdout")" -eq 6 ] ||
		fail "-t json:pretty=false: not one line per document (JSON Lines)"
fi

# markdown concatenates only without front matter (writer_flags_for): a
# second YAML block mid-stream would be a thematic break and a heading.
if "$herald" --describe markdown > /dev/null 2>&1; then
	run -t markdown "$@"
	expect_status 2 "6 inputs to stdout with markdown's front matter"
	expect_err "^herald: error: 6 inputs cannot go to one output with the markdown writer and these options: give -o FOLDER (writers that can concatenate: .*markdown (with some options)" \
		"markdown with front matter to stdout"
	: > "$work/expected"
	for f in "$@"; do
		"$herald" -t markdown:front-matter=false "$f" >> "$work/expected" ||
			fail "-t markdown:front-matter=false $f failed"
	done
	run -j 2 -t markdown:front-matter=false "$@"
	expect_status 0 "6 inputs to stdout with markdown:front-matter=false"
	cmp -s "$work/expected" "$work/stdout" ||
		fail "markdown:front-matter=false: not the 6 outputs in order"
fi

# A failed document in the middle: the others are still written, in order.
printf 'Title\n\nbad \342\202 \342\200\224\n' > "$work/bad.txt"
run -t text "$1" "$work/bad.txt" "$2"
expect_status 1 "stdout with one bad input"
{ "$herald" -t text "$1"; "$herald" -t text "$2"; } > "$work/expected"
cmp -s "$work/expected" "$work/stdout" || fail "stdout with one bad input: others lost"
expect_err "^  $work/bad.txt:3:5: error: bulletin: invalid UTF-8" "stdout with one bad input"
echo "ok: html refused, $writers concatenate in order"
