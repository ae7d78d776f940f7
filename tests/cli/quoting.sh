#!/bin/sh
# quoting.sh - option values in quotes: a ',' or '!' inside key="..." or
# key='...' is the value's, in -t, -x and -p alike; an unclosed quote is a
# usage error naming its column, before anything is converted.
. "${top_srcdir:-.}/tests/cli/common.sh"
has_plugin tei || { echo "SKIP: the tei plugin is not built"; exit 77; }
printf 'Title line\n\nBerlin is a city.\n' > "$tmp/in.txt"

run -f bulletin -t 'tei:publisher="Acme, Inc. & Co!"' "$tmp/in.txt"
expect_status 0 "-t with a quoted value holding ',' and '!'"
expect_in "$tmp/out" '<publisher>Acme, Inc\. &amp; Co!</publisher>' \
	"the writer got the whole quoted value"

run -p "bulletin ! tei:publisher='Say \"hi\", all' ! " "$tmp/in.txt"
expect_status 2 "-p with an empty last stage"
run -p "bulletin ! tei:publisher='Say \"hi\", all!'" "$tmp/in.txt"
expect_status 0 "-p with a single-quoted value holding '!'"
expect_in "$tmp/out" '<publisher>Say &quot;hi&quot;, all!</publisher>' \
	"-p: the single-quoted value, double quotes and all"

run -f bulletin -t 'tei:publisher="back\\slash \"q\""' "$tmp/in.txt"
expect_status 0 "escapes in double quotes"
expect_in "$tmp/out" '<publisher>back\\slash &quot;q&quot;</publisher>' \
	"\\\\ and \\\" are a backslash and a quote"

run -f bulletin -t 'tei:publisher="Acme, Inc.' "$tmp/in.txt"
expect_status 2 "an unterminated quote is a usage error"
expect_in "$tmp/err" "^herald: error: unterminated double quote in 'tei:publisher=\"Acme, Inc\\.' at column 15\$" \
	"the message names the column of the opening quote"
expect_empty "$tmp/out" "nothing written after an unterminated quote"

run -p "bulletin ! tei:publisher='a!b ! text" "$tmp/in.txt"
expect_status 2 "-p: an unterminated quote is a usage error"
expect_in "$tmp/err" "unterminated single quote in pipeline 'bulletin ! tei:publisher='a!b ! text' at column 26" \
	"-p: the column counts in the whole chain"

if has_plugin exec && command -v sed >/dev/null; then
	run -x 'exec:cmd="sed s/Berlin/x,y!z/"' -t text "$tmp/in.txt"
	expect_status 0 "-x exec with a comma in its command"
	expect_in "$tmp/out" '^x,y!z is a city\.$' "the filter ran with the whole command"
	run -p 'bulletin ! exec:cmd="sed s/Berlin/x,y!z/" ! text' "$tmp/in.txt"
	expect_status 0 "-p exec with '!' and ',' in its command"
	expect_in "$tmp/out" '^x,y!z is a city\.$' "-p: the filter ran with the whole command"
	# The option's quotes go first; exec splits what they held.
	run -x "exec:cmd='sed -e \"s/Berlin/a, b/\"'" -t text "$tmp/in.txt"
	expect_status 0 "-x exec with quotes for its own split inside the value's"
	expect_in "$tmp/out" '^a, b is a city\.$' "exec split the unquoted value into words"
fi
finish
