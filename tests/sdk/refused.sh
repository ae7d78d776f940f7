#!/bin/sh
# refused.sh - plugins herald must refuse, clearly and without stopping:
# one built for a newer plugin ABI, one that needs a symbol herald does
# not export.  The other plugins stay usable.
. "${top_srcdir:-.}/tests/sdk/lib.sh"

"$herald" --describe plain >/dev/null 2>&1 ||
	{ echo "SKIP: plugin plain is not built"; exit 77; }
mkdir -p "$tmp/refused"
for m in newabi internal; do
	$CC -shared -fPIC -I"$src/include" \
		-o "$tmp/refused/$m.so" "$src/tests/sdk/$m.c"
	check "$m builds" $?
done

"$herald" --plugin-path="$tmp/refused" --list-plugins > "$tmp/out" 2> "$tmp/err"
check "herald still lists plugins" $?
has "the good plugins stay usable" "$tmp/out" "plain"
! grep -qE '^(newabi|internal) ' "$tmp/out"
check "refused plugins are not listed" $?
has "the ABI refusal names the file and both versions" "$tmp/err" \
	"herald: error: $tmp/refused/newabi.so: plugin ABI version 2, but this herald needs version 1"
has "the open failure names the file" "$tmp/err" \
	"herald: error: $tmp/refused/internal.so: cannot open module"
has "the open failure names the missing symbol" "$tmp/err" \
	"undefined symbol: cli_read_input"

# A conversion with the good plugins still works beside them.
printf 'Text.\n' | "$herald" --plugin-path="$tmp/refused" -f plain -t plain \
	> "$tmp/out" 2> "$tmp/err"
check "a conversion still succeeds" $?
printf 'Text.\n' | cmp -s - "$tmp/out"
check "and gives its output" $?
"$herald" --plugin-path="$tmp/refused" -f plain -x newabi -t plain \
	< /dev/null > /dev/null 2> "$tmp/err"
[ $? -eq 2 ]
check "asking for the refused plugin is a usage error" $?
finish
