#!/bin/sh
# io.sh - where bytes come from and go: standard input and output, -o
# written atomically, an input never overwritten, and inputs that cannot
# be read (missing, a folder, invalid UTF-8) reported with their name.
. "${top_srcdir:-.}/tests/cli/common.sh"

printf 'First paragraph,\nsecond line.\n\n\nSecond paragraph.   \n' > "$tmp/in.text"
printf 'First paragraph,\nsecond line.\n\nSecond paragraph.\n' > "$tmp/want"

# Standard input and output: no FILE, '-', and -o -.
"$herald" -f plain -t plain < "$tmp/in.text" > "$tmp/out" 2> "$tmp/err"
check "stdin to stdout exits 0" $?
cmp -s "$tmp/want" "$tmp/out"
check "stdin to stdout converts" $?
expect_empty "$tmp/err" "stdin to stdout: nothing on stderr"
"$herald" -f plain -t plain - < "$tmp/in.text" > "$tmp/out" 2> "$tmp/err"
cmp -s "$tmp/want" "$tmp/out"
check "'-' reads standard input" $?
"$herald" -f plain -t plain -o - "$tmp/in.text" > "$tmp/out" 2> "$tmp/err"
cmp -s "$tmp/want" "$tmp/out"
check "-o - writes standard output" $?
cat "$tmp/in.text" | "$herald" -f plain -t plain > "$tmp/out" 2> "$tmp/err"
cmp -s "$tmp/want" "$tmp/out"
check "a pipe on standard input is read whole" $?

# -o FILE: the same bytes as on stdout, written atomically: nothing but
# the output is left in its folder, and a file already there is replaced.
mkdir "$tmp/o"
run -f plain -t plain -o "$tmp/o/result.txt" "$tmp/in.text"
expect_status 0 "-o FILE"
expect_empty "$tmp/out" "-o FILE: nothing on stdout"
cmp -s "$tmp/want" "$tmp/o/result.txt"
check "-o FILE holds what stdout would" $?
[ "$(ls -A "$tmp/o")" = "result.txt" ]
check "-o FILE leaves no temporary file (found: $(ls -A "$tmp/o" | tr '\n' ' '))" $?
printf 'old\n' > "$tmp/o/result.txt"
run -f plain -t plain -o "$tmp/o/result.txt" "$tmp/in.text"
cmp -s "$tmp/want" "$tmp/o/result.txt"
check "-o FILE replaces an existing file" $?
[ "$(ls -A "$tmp/o")" = "result.txt" ]
check "replacing leaves no temporary file" $?

# A failed conversion leaves the old output alone and no debris.
printf 'bad \000 byte\n' > "$tmp/bad.text"
run -f plain -t plain -o "$tmp/o/result.txt" "$tmp/bad.text"
expect_status 1 "-o with an input that fails"
cmp -s "$tmp/want" "$tmp/o/result.txt"
check "a failed conversion keeps the previous output" $?
[ "$(ls -A "$tmp/o")" = "result.txt" ]
check "a failed conversion leaves no temporary file" $?
run -f plain -t plain -o "$tmp/o/fresh.txt" "$tmp/bad.text"
[ ! -e "$tmp/o/fresh.txt" ]
check "a failed conversion creates no output" $?

# -o naming the input, however spelled, is refused and the input kept.
cp "$tmp/in.text" "$tmp/keep.text"
for target in "$tmp/in.text" "$tmp/o/../in.text" "$tmp/link.text"; do
	[ "$target" = "$tmp/link.text" ] && ln -s in.text "$tmp/link.text"
	run -f plain -t plain -o "$target" "$tmp/in.text"
	expect_status 2 "-o $target equal to the input"
	expect_in "$tmp/err" "refusing to overwrite" "-o equal to the input: says why"
	cmp -s "$tmp/keep.text" "$tmp/in.text"
	check "-o $target: the input is unchanged" $?
done

# A missing input: exit 1, the file named GNU style.
run -f plain -t plain "$tmp/missing.text"
expect_status 1 "a missing input"
expect_in "$tmp/err" "^herald: $tmp/missing\.text: error: .*No such file" \
	"a missing input is named: herald: FILE: error: ..."
expect_empty "$tmp/out" "a missing input: nothing on stdout"

# A folder without -r.
mkdir "$tmp/folder"
cp "$tmp/in.text" "$tmp/folder/a.text"
run -f plain -t plain "$tmp/folder"
[ "$status" -eq 1 ] || [ "$status" -eq 2 ]
check "a folder without -r fails (exit $status)" $?
expect_in "$tmp/err" "^herald: $tmp/folder: error: .*-r" \
	"a folder without -r: named, and -r suggested"
run -f plain -t plain -r "$tmp/folder"
expect_status 0 "a folder with -r"
cmp -s "$tmp/want" "$tmp/out"
check "-r converts the folder's file" $?

# Invalid UTF-8 (a cut sequence in a UTF-8 file): exit 1, with line and
# column.
printf 'ok line \342\200\224\n  b\342\202(\n' > "$tmp/utf8.text"
run -f plain -t plain "$tmp/utf8.text"
expect_status 1 "invalid UTF-8"
expect_in "$tmp/err" "^herald: $tmp/utf8\.text:2:4: error: plain: invalid UTF-8" \
	"invalid UTF-8: FILE:LINE:COL of the bad byte"
expect_empty "$tmp/out" "invalid UTF-8: no partial output"
printf 'caf\303\251 \342\202\254\n\342\202' > "$tmp/utf8.text"
run -f plain -t plain "$tmp/utf8.text"
expect_in "$tmp/err" ":2:1: error: plain: invalid UTF-8 \(bytes 0xE2 0x82\)" \
	"columns count characters, lines restart them"
run -f plain -t plain < "$tmp/utf8.text"
expect_status 1 "invalid UTF-8 on stdin"
expect_in "$tmp/err" "^herald: <stdin>:2:1: error: plain: invalid UTF-8" \
	"messages name standard input <stdin>"
run -f plain -t plain - < "$tmp/utf8.text"
expect_in "$tmp/err" "^herald: <stdin>:2:1: error: plain: invalid UTF-8" \
	"also when it is named -"
# The reader gets the name as given, "-", which the document's source
# keeps (herald_input.name, doc/plugins.md).
if has_plugin json; then
	printf 'Text.\n' | "$herald" -f plain -t json > "$tmp/out" 2> "$tmp/err"
	expect_in "$tmp/out" '"source": "-"' "stdin's document source is -"
fi

finish
