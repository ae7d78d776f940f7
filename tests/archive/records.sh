#!/bin/sh
# herald --records: one JSON line in, one JSON line out, in order, whatever
# the record: {"id": ..., "output": ...} or {"id": ..., "error": ...}.
. "$top_srcdir/tests/archive/common.sh"
command -v jq > /dev/null 2>&1 || skip "jq is not installed"

sh "$gen" "$work/in" 3 || fail "gen-archive.sh failed"
a="$work/in/2020/01/bulletin-2020-01-01.txt"
b="$work/in/2020/01/bulletin-2020-01-02.txt"
c="$work/in/2020/01/bulletin-2020-01-03.txt"
mkdir "$work/folder"
# Line by line: what each record is.
{
	jq -cn --rawfile t "$a" '{id: 1, text: $t}'          # 1 good: text
	jq -cn --arg p "$b" '{id: "two", path: $p}'           # 2 good: path
	echo 'this is not JSON'                               # 3 bad
	echo '{"id": 4}'                                      # 4 no text, no path
	jq -cn '{id: 5, path: "/nonexistent/bulletin.txt"}'   # 5 unreadable
	echo ''                                               # 6 empty
	jq -cn --arg p "$work/folder" '{id: 7, path: $p}'     # 7 a folder
	jq -cn --arg p "$c" '$p'                              # 8 good: bare path
	jq -cn '{id: [8, "x"], text: "Title\n\nab\u0000cd"}'  # 9 NUL in the text
	jq -cn '{id: 10, text: ""}'                           # 10 good: empty text
	printf '{"id": 11, "text": "A title\\n\\nLast line, no newline."}'
} > "$work/records.jsonl"

"$herald" --records -t text < "$work/records.jsonl" > "$work/result.jsonl" \
	2> "$work/stderr" || fail "--records exited $?: $(cat "$work/stderr")"
nin=$(grep -c '' "$work/records.jsonl")
nout=$(grep -c '' "$work/result.jsonl")
[ "$nin" -eq 11 ] && [ "$nout" -eq 11 ] ||
	fail "$nin records in, $nout lines out: $(cat "$work/result.jsonl")"
[ ! -s "$work/stderr" ] || fail "--records wrote to stderr: $(cat "$work/stderr")"

# Every line is one JSON object with exactly an id and an output or error.
jq -e -s 'length == 11 and all(.[]; type == "object" and
	(keys == ["id", "output"] or keys == ["error", "id"]))' \
	"$work/result.jsonl" > /dev/null || fail "malformed result lines"

field() {   # field LINE EXPR
	sed -n "$1p" "$work/result.jsonl" | jq -r "$2"
}
expect_output() {   # expect_output LINE ID FILE
	[ "$(field "$1" '.id | tostring')" = "$2" ] ||
		fail "line $1: id $(field "$1" .id), expected $2"
	field "$1" '.output' > "$work/got"
	"$herald" -t text "$3" > "$work/expected"
	# jq -r adds the newline the output already ends with.
	printf '\n' >> "$work/expected"
	cmp -s "$work/got" "$work/expected" ||
		fail "line $1: output differs from herald -t text $3"
}
expect_error() {   # expect_error LINE ID PATTERN
	[ "$(field "$1" '.id | tostring')" = "$2" ] ||
		fail "line $1: id $(field "$1" .id), expected $2"
	field "$1" '.error // "(no error)"' | grep -q -e "$3" ||
		fail "line $1: error '$(field "$1" .error)' lacks '$3'"
}
expect_output 1 1 "$a"
expect_output 2 two "$b"
expect_error 3 null '^herald: <stdin>:3:[0-9]*: error: not a JSON record'
expect_error 4 4 '^herald: <stdin>:4: error: a record is'
expect_error 5 5 "^herald: /nonexistent/bulletin.txt: error: cannot open"
expect_error 6 null '^herald: <stdin>:6: error: empty record'
expect_error 7 7 "^herald: $work/folder: error: is a directory"
expect_output 8 null "$c"
expect_error 9 '[8,"x"]' '^herald: <record 9>:3:3: error: bulletin: NUL byte'
[ "$(field 10 '.output')" = "" ] || fail "line 10: empty text gave output"
[ "$(field 11 '.output')" = "$(printf 'A title\n\nLast line, no newline.')" ] ||
	fail "line 11: last record without newline: $(sed -n 11p "$work/result.jsonl")"

# Writers other than text: json output is itself one JSON document.
jq -cn --arg p "$a" '{id: 1, path: $p}' |
	"$herald" --records -t json:pretty=false > "$work/json.jsonl" ||
	fail "--records -t json failed"
jq -e '.output | fromjson | .meta.date == "2020-01-01"' "$work/json.jsonl" \
	> /dev/null || fail "-t json record output is not the document's JSON"

# Errors are data, not failures: the exit status was 0 above.  Usage is not.
run --records -o "$work/x" < /dev/null
expect_status 2 "--records with -o"
run --records "$a" < /dev/null
expect_status 2 "--records with a FILE"
# A path naming a device or a FIFO is an error record, not read: reading
# /dev/zero would never end, and a FIFO would stop the stream.
mkfifo "$work/fifo" || skip "mkfifo failed"
{ echo '{"id": "z", "path": "/dev/zero"}'
  jq -cn --arg p "$work/fifo" '{id: "f", path: $p}'
  jq -cn --arg p "$a" '{id: "a", path: $p}'; } > "$work/special.jsonl"
rc=0
timeout 60 "$herald" --records -t text < "$work/special.jsonl" > "$work/stdout" 2> "$work/stderr" || rc=$?
expect_status 0 "--records naming a device and a FIFO"
[ "$(wc -l < "$work/stdout")" -eq 3 ] || fail "special paths: not one line each: $(cat "$work/stdout")"
for id in z f; do
	jq -se --arg id "$id" 'map(select(.id == $id))[0].error | test("not a regular file")' \
		"$work/stdout" > /dev/null || fail "the record $id is not refused: $(cat "$work/stdout")"
done
jq -se 'map(select(.id == "a"))[0].output | length > 0' "$work/stdout" > /dev/null ||
	fail "the record after them was not converted: $(cat "$work/stdout")"

# No input, no output.
run --records < /dev/null
expect_status 0 "--records with no records"
[ ! -s "$work/stdout" ] || fail "--records wrote output for no records"
echo "ok: --records, $nin records: one line each, in order"
