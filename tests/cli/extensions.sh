#!/bin/sh
# extensions.sh - one writer per output extension, so that -o FILE.EXT
# names one writer and always the same: .txt is text's, .text plain's;
# a folder run writes each writer's own extension.
. "${top_srcdir:-.}/tests/cli/common.sh"
has_plugin text || { echo "SKIP: no text plugin"; exit 77; }

# every writer's extension, claimed once
: > "$tmp/exts"
"$herald" --list-plugins | awk '$3 ~ /writer/ || $4 ~ /writer/ || $5 ~ /writer/ { print $1 }' > "$tmp/writers"
[ -s "$tmp/writers" ]
check "--list-plugins lists writers" $?
while read -r w; do
	"$herald" --describe "$w" | sed -n 's/^  writes: \.//p' >> "$tmp/exts"
done < "$tmp/writers"
[ "$(sort "$tmp/exts" | uniq -d | grep -c '')" -eq 0 ]
check "no two writers claim one extension: $(sort "$tmp/exts" | uniq -d | tr '\n' ' ')" $?
[ "$("$herald" --describe text | sed -n 's/^  writes: //p')" = .txt ]
check "text writes .txt" $?
[ "$("$herald" --describe plain | sed -n 's/^  writes: //p')" = .text ]
check "plain writes .text" $?

in="$srcdir/examples/bulletins/city-digest.txt"
"$herald" -t text "$in" > "$tmp/want-text"
"$herald" -t plain "$in" > "$tmp/want-plain"
cmp -s "$tmp/want-text" "$tmp/want-plain"
[ $? -ne 0 ]
check "text and plain write different things (so the test can tell)" $?
run -o "$tmp/out.txt" "$in"
expect_status 0 "-o out.txt"
cmp -s "$tmp/want-text" "$tmp/out.txt"
check "-o out.txt is the text writer's output" $?
run -o "$tmp/out.text" "$in"
expect_status 0 "-o out.text"
cmp -s "$tmp/want-plain" "$tmp/out.text"
check "-o out.text is the plain writer's output" $?
for round in 1 2 3; do
	"$herald" -o "$tmp/again.txt" "$in" && cmp -s "$tmp/want-text" "$tmp/again.txt"
	check "-o out.txt picks text every time (run $round)" $?
done
# a plugin of one's own claiming .txt too: -o x.txt guesses neither
rival="$top_builddir/tests/modules/rival"
if [ -f "$rival/rival.la" ]; then
	run --plugin-path="$rival" -o "$tmp/rival.txt" "$in"
	expect_status 2 "-o x.txt with two writers claiming .txt"
	expect_in "$tmp/err" "^herald: error: -o $tmp/rival.txt: both the (rival|text) and the (rival|text) writers write '\.txt' files; name one with -t$" \
		"the error names both writers"
	[ ! -e "$tmp/rival.txt" ]
	check "nothing written when the writer is ambiguous" $?
	run --plugin-path="$rival" -t rival -o "$tmp/rival.txt" "$in"
	expect_status 0 "-t rival -o x.txt"
	[ "$(cat "$tmp/rival.txt")" = rival ]
	check "-t names the writer" $?
fi
mkdir -p "$tmp/in"
cp "$in" "$tmp/in/"
run -t plain -o "$tmp/folder/" "$tmp/in/city-digest.txt"
expect_status 0 "-t plain -o FOLDER"
cmp -s "$tmp/want-plain" "$tmp/folder/city-digest.text"
check "plain writes FOLDER/NAME.text" $?
finish
