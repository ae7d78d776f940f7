#!/bin/sh
# stdout.sh - a plugin that prints to standard output instead of its
# stream, with -o FILE or -o FOLDER: herald fails the document with an
# error naming the plugin, writes no output file, and prints nothing on
# its own standard output; the same plugin writing to its stream works.
. "${top_srcdir:-.}/tests/cli/common.sh"
modules="${top_builddir:-.}/tests/modules/good"
[ -f "$modules/leaky.la" ] || { echo "SKIP: no test modules in $modules"; exit 77; }
in="$srcdir/examples/bulletins/city-digest.txt"
in2="$srcdir/examples/bulletins/county-notices.txt"
leaky="--plugin-path=$modules"

run "$leaky" -t leaky -o "$tmp/out.csv" "$in"
expect_status 1 "a writer printing to stdout with -o FILE fails"
expect_in "$tmp/err" "city-digest.txt: error: leaky wrote [0-9]+ bytes to standard output instead of its output stream" \
	"the error names the input and the plugin"
[ ! -e "$tmp/out.csv" ]
check "no output file, not even its header" $?
expect_empty "$tmp/out" "nothing reaches herald's own standard output"

run "$leaky" -t leaky -o "$tmp/site/" "$in" "$in2"
expect_status 1 "the same into a folder"
n=$(grep -c "^herald: .*error: leaky wrote" "$tmp/err")
[ "$n" -eq 2 ]
check "one error per document ($n)" $?
[ -z "$(ls "$tmp/site" 2>/dev/null)" ]
check "and no output in the folder" $?

run "$leaky" -j 2 -t leaky -o "$tmp/site2/" "$in" "$in2"
expect_status 1 "with two workers"
expect_in "$tmp/err" "error: leaky wrote" "with two workers: named"
expect_empty "$tmp/out" "with two workers: nothing on standard output"

run "$leaky" -x leaky:debug=true -t text -o "$tmp/out.txt" "$in"
expect_status 1 "a transform printing to stdout fails too"
expect_in "$tmp/err" "error: leaky wrote [0-9]+ bytes to standard output" \
	"the transform is named"
[ ! -e "$tmp/out.txt" ]
check "and its document is not written" $?

# Well behaved, the same plugin works, and so does output to stdout.
run "$leaky" -t leaky:leak=false -o "$tmp/good.csv" "$in"
expect_status 0 "writing to its stream with -o FILE"
expect_in "$tmp/good.csv" '^"The first trams' "the file has all of it"
expect_empty "$tmp/err" "no message"
run "$leaky" -x leaky -t text -o "$tmp/plain.txt" "$in"
expect_status 0 "a quiet transform with -o FILE"
"$herald" -t text "$in" | cmp -s - "$tmp/plain.txt"
check "the guard changes nothing else" $?
run "$leaky" -t leaky:leak=false "$in"
expect_status 0 "to standard output"
expect_in "$tmp/out" '^"The first trams' "to standard output: all of it"

# A lone document goes to standard output as it is written (batch.c): a
# writer failing midway leaves nothing in a regular file (cut back to
# what it held before), while a pipe keeps what it read.
printf 'before\n' > "$tmp/kept"
"$herald" "$leaky" -t leaky:leak=false,fail=true "$in" >> "$tmp/kept" 2> "$tmp/err"
status=$?
expect_status 1 "a writer failing midway into standard output"
expect_in "$tmp/err" "city-digest.txt: error: leaky: giving up" "its error is said"
[ "$(cat "$tmp/kept")" = before ]
check "the file standard output appends to keeps only what it had" $?
"$herald" "$leaky" -t leaky:leak=false,fail=true "$in" 2> "$tmp/err" | cat > "$tmp/piped"
expect_in "$tmp/piped" '^"The first trams' "a pipe keeps what it was given"
# What the document said before its output comes before it, as when the
# output was gathered first.
printf 'Some text \377 here.\n' > "$tmp/latin.txt"
"$herald" -t text "$tmp/latin.txt" > "$tmp/both" 2>&1
status=$?
expect_status 0 "a document with warnings, messages and output together"
[ "$(sed -n 1p "$tmp/both" | grep -c 'warning: bulletin: not UTF-8')" -eq 1 ] &&
	[ "$(tail -n 1 "$tmp/both" | grep -c 'Some text')" -eq 1 ]
check "its warnings first, then its output" $?
finish
