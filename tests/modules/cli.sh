#!/bin/sh
# cli.sh - the herald command with broken modules on its plugin path:
# one error line on stderr per broken module, naming it; the good plugins
# are still listed and still convert; a conversion opens only what it
# names, and a reader guessed from an extension comes from the cached
# index.  Skips (77) when the command or the test modules are not built.
set -u
herald="${top_builddir:-.}/herald"
bad="${top_builddir:-.}/tests/modules/bad"
[ -x "$herald" ] || { echo "SKIP: no $herald"; exit 77; }
[ -f "$bad/abi.la" ] || { echo "SKIP: no test modules in $bad"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-modules.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0 passed=0

check() {   # description, then the status of the check just run
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1))
	else
		echo "FAIL: $1"
		failed=$((failed + 1))
	fi
}

# Modules that fail to open, made here: no shared object at all, and a
# real one cut short (which must not crash herald).
printf 'this is not a shared object\n' > "$tmp/junk.so"
head -c 2048 "$bad/.libs/shout.so" > "$tmp/cut.so"
path="$bad:$tmp"

"$herald" --plugin-path="$path" --list-plugins > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ]
check "--list-plugins lists despite broken modules, and exits 1" $?
cat "$tmp/err"

for module in "$bad/abi.la" "$bad/nodesc.la" "$bad/misnamed.la" \
		"$bad/noread.la" "$bad/badname.la" "$bad/shout.old.la" \
		"$tmp/junk.so" "$tmp/cut.so"; do
	n=$(grep -c -F "herald: error: $module: " "$tmp/err")
	[ "$n" -eq 1 ]
	check "one error line names $module (found $n)" $?
done
[ "$(wc -l < "$tmp/err")" -eq 8 ]
check "stderr has one line per broken module and no other" $?
grep -q -F "$bad/abi.la: plugin ABI version" "$tmp/err"
check "the ABI error says which versions" $?
grep -q -F "already provided by $bad/shout.la" "$tmp/err"
check "the duplicate names the module it duplicates" $?
grep -q -F "$bad/nodesc.la: no herald_plugin descriptor: found no symbol 'nodesc_LTX_herald_plugin'" "$tmp/err"
check "a missing descriptor names the symbol looked for" $?
grep -q -F "$bad/badname.la: not a usable plugin: its name 'Bad-Name' is not [a-z0-9]+" "$tmp/err"
check "an invalid name is shown" $?

for good in plain shout; do
	grep -q "^$good " "$tmp/out"
	check "--list-plugins still lists $good" $?
done
for refused in abi nodesc wellnamed noread badname Bad-Name; do
	! grep -q "^$refused " "$tmp/out"
	check "--list-plugins does not list $refused" $?
done
[ "$(grep -c '^shout ' "$tmp/out")" -eq 1 ]
check "shout is listed once" $?

printf 'First words\nof a paragraph.\n\nSecond.\n' > "$tmp/in.txt"
"$herald" --plugin-path="$path" -f plain -t plain "$tmp/in.txt" \
	> "$tmp/plain.out" 2> "$tmp/plain.err"
check "-f plain -t plain still exits 0" $?
cmp -s "$tmp/in.txt" "$tmp/plain.out"
check "-f plain -t plain still converts" $?

"$herald" --plugin-path="$path" -f plain -x shout -t plain "$tmp/in.txt" \
	> "$tmp/shout.out" 2> /dev/null
check "the good module beside the broken ones runs" $?
printf 'FIRST WORDS\nOF A PARAGRAPH.\n\nSECOND.\n' | cmp -s - "$tmp/shout.out"
check "shout upper-cases" $?

"$herald" --plugin-path="$path" -f plain -x abi -t plain "$tmp/in.txt" \
	> /dev/null 2> "$tmp/abi.err"
[ $? -eq 2 ]
check "a refused module is an unknown plugin (exit 2)" $?
grep -q "unknown transform 'abi' (available: .*shout" "$tmp/abi.err"
check "the refusal lists the transforms that did load" $?

# A conversion opens only the plugins it names: the broken modules
# beside them say nothing.
[ ! -s "$tmp/plain.err" ]
check "-f plain -t plain opens no broken module (stderr empty)" $?

# The reader guessed from the extension comes from the cached index,
# quietly; an extension no reader takes first opens every module, so the
# broken ones are named before herald says there is none.
XDG_CACHE_HOME="$tmp/cache"
export XDG_CACHE_HOME
cp "$tmp/in.txt" "$tmp/in.text"
for round in 1 2; do
	"$herald" --plugin-path="$path" -t plain "$tmp/in.text" \
		> "$tmp/guess.out" 2> "$tmp/guess.err"
	check "guessing plain from .text exits 0 (run $round)" $?
	cmp -s "$tmp/in.txt" "$tmp/guess.out"
	check "the guessed reader converts (run $round)" $?
	[ ! -s "$tmp/guess.err" ]
	check "guessing says nothing of the broken modules (run $round)" $?
done
ls "$tmp/cache/herald/"plugins-*.idx > /dev/null 2>&1
check "the index is cached under XDG_CACHE_HOME" $?
cp "$tmp/in.txt" "$tmp/in.zzz"
"$herald" --plugin-path="$path" -t plain "$tmp/in.zzz" > /dev/null 2> "$tmp/zzz.err"
[ $? -eq 2 ]
check "no reader for .zzz is a usage error" $?
grep -q -F "$bad/abi.la: plugin ABI version" "$tmp/zzz.err"
check "no reader for .zzz: the broken modules are named first" $?
grep -q "no reader takes files named like this" "$tmp/zzz.err"
check "no reader for .zzz: then says so" $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
