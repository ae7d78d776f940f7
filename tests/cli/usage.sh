#!/bin/sh
# usage.sh - --help and --version on stdout with status 0; misuse on
# stderr with status 2 and a pointer to --help.
. "${top_srcdir:-.}/tests/cli/common.sh"

run --help
expect_status 0 "--help"
expect_in "$tmp/out" '^Usage: herald ' "--help prints the usage on stdout"
expect_in "$tmp/out" '--list-plugins' "--help mentions --list-plugins"
expect_empty "$tmp/err" "--help prints nothing on stderr"
cp "$tmp/out" "$tmp/help"
run -h
expect_status 0 "-h"
cmp -s "$tmp/help" "$tmp/out"
check "-h prints the same as --help" $?

run --version
expect_status 0 "--version"
[ "$(head -n 1 "$tmp/out" | grep -c -E '^herald [0-9]+\.[0-9]+\.[0-9]+$')" -eq 1 ]
check "--version starts with 'herald X.Y.Z' (the rest: tests/cli/version.sh)" $?
expect_empty "$tmp/err" "--version prints nothing on stderr"
run -V
expect_status 0 "-V"

usage_error() {   # DESCRIPTION ARGS...: exit 2, message, pointer to --help
	what=$1
	shift
	run "$@" < /dev/null
	expect_status 2 "$what"
	expect_in "$tmp/err" '^herald: error: ' "$what: says what is wrong"
	expect_in "$tmp/err" 'herald --help' "$what: points to --help"
	expect_empty "$tmp/out" "$what: prints nothing on stdout"
}

usage_error "unknown long option" --frobnicate
expect_in "$tmp/err" "'--frobnicate'" "the unknown option is named"
usage_error "unknown short option" -Z
expect_in "$tmp/err" "'-Z'" "the unknown short option is named"
usage_error "option without its argument" -f
expect_in "$tmp/err" "needs an argument" "a missing argument is called that"
for jobs in 0 -1 x 1025 2x ''; do
	usage_error "-j '$jobs'" -j "$jobs" -f plain -t plain
done
expect_in "$tmp/err" "from 1 to 1024" "-j says which numbers are valid"
usage_error "-p with -f" -p 'plain ! plain' -f plain
expect_in "$tmp/err" "cannot be combined" "-p with -f: says why"
usage_error "-p with -t" -p 'plain ! plain' -t plain
usage_error "-p with -x" -x segment -p 'plain ! plain'
# -o naming an extension no writer claims: refused, nothing written
printf 'x\n' > "$tmp/in.txt"
run -f plain -o "$tmp/out.xyz" "$tmp/in.txt"
expect_status 2 "-o with an unknown extension"
expect_in "$tmp/err" "no writer writes '\.xyz' files \(known: .*\.txt" \
	"-o out.xyz names the extensions writers claim"
[ ! -e "$tmp/out.xyz" ]
check "-o out.xyz writes no file" $?
run -f plain -t plain -o "$tmp/out.xyz" "$tmp/in.txt"
expect_status 0 "-o out.xyz with -t names the writer"

# A valid -j is accepted.
printf 'x\n' | "$herald" -j 3 -f plain -t plain > "$tmp/out" 2> "$tmp/err"
check "-j 3 is accepted" $?

finish
