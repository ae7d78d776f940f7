#!/bin/sh
# refused.sh - plugins herald must refuse, clearly and without stopping:
# one built for a newer plugin ABI, one that needs a symbol herald does
# not export, one renamed after it was built, one with an invalid name,
# and two that set a reserved slot (of the descriptor, of an option).
# The other plugins stay usable; --list-plugins exits 1.
. "${top_srcdir:-.}/tests/sdk/lib.sh"

"$herald" --describe plain >/dev/null 2>&1 ||
	{ echo "SKIP: plugin plain is not built"; exit 77; }
mkdir -p "$tmp/refused"
for m in newabi internal; do
	$CC -shared -fPIC -I"$src/include" \
		-o "$tmp/refused/$m.so" "$src/tests/sdk/$m.c"
	check "$m builds" $?
done

# A module renamed after it was built, and one whose descriptor gives a
# name that is not [a-z0-9]+.
$CC -shared -fPIC -I"$src/include" -o "$tmp/refused/mystats.so" \
	"$src/examples/plugins/stats/stats.c"
check "stats builds as mystats.so" $?
cat > "$tmp/badname.c" <<'EOF2'
#include <herald/plugin.h>
static int t(void *s, herald_doc *d, herald_diag *g) { return HERALD_OK; }
HERALD_PLUGIN(badname) = {
	.abi_version = HERALD_ABI_VERSION, .name = "Bad-Name",
	.roles = HERALD_ROLE_TRANSFORM, .transform = t,
};
EOF2
$CC -shared -fPIC -I"$src/include" -o "$tmp/refused/badname.so" "$tmp/badname.c"
check "badname builds" $?
# Slots a newer herald gives a meaning: this one must not ignore them.
# slot NAME OPTIONS SET: a transform NAME whose reserved[1] holds SET.
slot() {
	cat > "$tmp/$1.c" <<EOF2
#include <herald/plugin.h>
static int t(void *s, herald_doc *d, herald_diag *g) { return HERALD_OK; }
static const herald_option opts[] = {
	{ .name = "level", .type = HERALD_OPT_INT, .reserved = { 0, (void *)1 } },
	{ 0 }
};
HERALD_PLUGIN($1) = {
	.abi_version = HERALD_ABI_VERSION, .name = "$1",
	.roles = HERALD_ROLE_TRANSFORM, .transform = t,
	.options = $2, .reserved = { [1] = (void *)$3 },
};
EOF2
	$CC -shared -fPIC -I"$src/include" -o "$tmp/refused/$1.so" "$tmp/$1.c"
	check "$1 builds" $?
}
slot slotted NULL 1
slot optslot opts 0

"$herald" --plugin-path="$tmp/refused" --list-plugins > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ]
check "herald still lists plugins, exiting 1 for the refused ones" $?
has "the good plugins stay usable" "$tmp/out" "plain"
! grep -qE '^(newabi|internal) ' "$tmp/out"
check "refused plugins are not listed" $?
has "the ABI refusal names the file and both versions" "$tmp/err" \
	"herald: error: $tmp/refused/newabi.so: plugin ABI version 3, but this herald needs version 2"
has "the open failure names the file" "$tmp/err" \
	"herald: error: $tmp/refused/internal.so: cannot open module"
has "the open failure names the missing symbol" "$tmp/err" \
	"undefined symbol: cli_atomic_open"
has "a renamed module names the symbol looked for" "$tmp/err" \
	"herald: error: $tmp/refused/mystats.so: no herald_plugin descriptor: found no symbol 'mystats_LTX_herald_plugin' (define it with HERALD_PLUGIN(mystats); a module's file name must match its plugin's name)"
has "an invalid plugin name is shown" "$tmp/err" \
	"herald: error: $tmp/refused/badname.so: not a usable plugin: its name 'Bad-Name' is not [a-z0-9]+"
has "a reserved slot set is refused, naming it" "$tmp/err" \
	"herald: error: $tmp/refused/slotted.so: not a usable plugin: its descriptor's reserved[1] is not zero"
has "an option's reserved slot too" "$tmp/err" \
	"herald: error: $tmp/refused/optslot.so: not a usable plugin: its option 'level' has reserved[1] not zero"
! grep -qE '^(mystats|stats|badname|slotted|optslot) ' "$tmp/out"
check "none of them is listed" $?
"$herald" --plugin-path="$tmp/refused" --list-plugins -q > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ]
check "-q: --list-plugins still exits 1" $?

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
