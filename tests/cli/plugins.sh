#!/bin/sh
# plugins.sh - choosing plugins on the command line: unknown names,
# options and values are usage errors (2) whose message lists what is
# valid; --list-plugins, --describe; the reader guessed from the file's
# extension; whole chains with -p.
. "${top_srcdir:-.}/tests/cli/common.sh"

printf 'One paragraph\nof two lines.\n\nAnother.\n' > "$tmp/in.text"

refused() {   # DESCRIPTION PATTERN ARGS...
	what=$1 pattern=$2
	shift 2
	run "$@" "$tmp/in.text"
	expect_status 2 "$what"
	expect_in "$tmp/err" "$pattern" "$what: the message lists what is valid"
	expect_empty "$tmp/out" "$what: nothing on stdout"
}

refused "unknown reader" "unknown reader 'nope' \(available: .*plain" -f nope -t plain
if has_plugin bulletin; then
	refused "an extension for a reader" \
		"unknown reader 'markdown' \(available: .*\); files named .markdown are read by bulletin" \
		-f markdown -t plain
fi
refused "unknown writer" "unknown writer 'nope' \(available: .*plain" -f plain -t nope
refused "unknown transform" "unknown transform 'nope' \(available: " \
	-f plain -x nope -t plain
if has_plugin segment; then
	refused "a transform used as a reader" "unknown reader 'segment' \(available: " \
		-f segment -t plain
fi
refused "unknown option" \
	"plain: unknown option 'width' \(valid: encoding, repair\)" -f plain:width=3 -t plain
refused "not a plugin name" "'Plain' is not a plugin name" -f Plain -t plain
refused "chain without a writer" "needs at least a reader and a writer" -p plain
refused "chain with an empty stage" "has an empty stage" -p 'plain ! ! plain'
refused "unknown writer in a chain" "unknown writer 'nope' \(available: .*plain" \
	-p 'plain ! nope'
if has_plugin text; then
	refused "unknown option" "text: unknown option 'idz' \(valid: ids\)" \
		-f plain -t text:idz=1
	refused "bad boolean value" \
		"text: bad value 'maybe' for option 'ids' \(expected true or false\)" \
		-f plain -t text:ids=maybe
fi
if has_plugin bulletin; then
	refused "bad choice value" \
		"bulletin: bad value 'dym' for option 'date-order' \(expected dmy\|mdy\|ymd\)" \
		-f bulletin:date-order=dym -t plain
fi

# --list-plugins: one line per plugin, name first, with its roles.
run --list-plugins
expect_status 0 "--list-plugins"
expect_in "$tmp/out" '^plain +[^ ]+ +reader writer ' "plain is listed as reader and writer"
expect_empty "$tmp/err" "--list-plugins: nothing on stderr"
for name in $(cut -d' ' -f1 "$tmp/out"); do
	"$herald" --describe "$name" > /dev/null 2>&1
	check "every listed plugin ($name) can be described" $?
done

run --describe plain
expect_status 0 "--describe plain"
expect_in "$tmp/out" '^plain [^ ]+: ' "--describe starts with name and version"
expect_in "$tmp/out" '^  roles: reader writer$' "--describe gives the roles"
expect_in "$tmp/out" '^  reads: \.text$' "--describe gives the extensions read"
expect_in "$tmp/out" '^  writes: \.text$' "--describe gives the extension written"
expect_in "$tmp/out" '^  file: .*/plain\.la$' "--describe gives the module's file"
expect_in "$tmp/out" '^    encoding=string \(default: auto\)$' \
	"--describe lists plain's options"
if has_plugin text; then
	run --describe text
	expect_in "$tmp/out" '^    ids=boolean \(default: false\)$' \
		"--describe lists options with type and default"
fi
run --describe nope
expect_status 2 "--describe of an unknown plugin"
expect_in "$tmp/err" "no plugin named 'nope'" "--describe nope: says so on stderr"
expect_empty "$tmp/out" "--describe nope: nothing on stdout"

# The reader is guessed from the extension: .text is plain's.
"$herald" -f plain -t plain "$tmp/in.text" > "$tmp/want" 2>&1
run -t plain "$tmp/in.text"
expect_status 0 "reader guessed from .text"
cmp -s "$tmp/want" "$tmp/out"
check "the guessed reader is plain" $?
cp "$tmp/in.text" "$tmp/in.TEXT"
run -t plain "$tmp/in.TEXT"
cmp -s "$tmp/want" "$tmp/out"
check "extensions are matched without regard to case" $?
cp "$tmp/in.text" "$tmp/in.zzz"
run -t plain "$tmp/in.zzz"
expect_status 2 "no reader for .zzz"
expect_in "$tmp/err" "in\.zzz: error: no reader takes files named like this; choose one with -f" \
	"an unguessable reader asks for -f"
if has_plugin bulletin; then
	sample="$srcdir/examples/bulletins/city-digest.txt"
	"$herald" -f bulletin -t plain "$sample" > "$tmp/want" 2>/dev/null
	run -t plain "$sample"
	expect_status 0 "reader guessed from .txt"
	cmp -s "$tmp/want" "$tmp/out"
	check ".txt is read by the bulletin reader" $?
	run -t plain < "$sample"
	cmp -s "$tmp/want" "$tmp/out"
	check "standard input is read by the bulletin reader by default" $?
fi

# Whole chains.
run -p ' plain  !plain ' "$tmp/in.text"
expect_status 0 "-p with spaces around stages"
cmp -s "$tmp/in.text" "$tmp/out"
check "-p 'plain ! plain' copies paragraphs" $?
if has_plugin segment && has_plugin text; then
	run -p 'plain ! segment ! text:ids=true' "$tmp/in.text"
	expect_status 0 "-p with a transform and options"
	expect_in "$tmp/out" '^p1\.s1	One paragraph of two lines\.$' "the chain segments and writes ids"
fi

finish
