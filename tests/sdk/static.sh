#!/bin/sh
# static.sh - a --disable-shared build is one herald with every bundled
# plugin linked in: they are all there with no plugin directory at all,
# each "(built-in)".  (examples.sh and refused.sh show that the same
# binary still loads plugins built elsewhere.)  Skips in shared builds.
. "${top_srcdir:-.}/tests/sdk/lib.sh"
[ "${HERALD_SDK_STATIC:-no}" = yes ] ||
	{ echo "SKIP: not a static build (configure --disable-shared)"; exit 77; }

# No directory to search: only what is inside the binary.
mkdir -p "$tmp/empty"
HERALD_PLUGIN_PATH="$tmp/empty"
export HERALD_PLUGIN_PATH
cp "$herald" "$tmp/herald"      # away from the build tree's plugins/
"$tmp/herald" --list-plugins > "$tmp/list" 2> "$tmp/err"
check "herald lists its plugins" $?
[ ! -s "$tmp/err" ]
check "without complaint" $?
for la in "$build"/plugins/*.la; do
	name=$(basename "$la" .la)
	grep -q "^$name " "$tmp/list"
	check "bundled plugin $name is built in" $?
	"$tmp/herald" --describe "$name" > "$tmp/describe"
	has "$name comes from the binary" "$tmp/describe" "file: (built-in)"
done
for f in "$src"/examples/bulletins/*.txt; do
	"$tmp/herald" -x segment -t json "$f" > "$tmp/out.json"
	check "$(basename "$f") converts with built-in plugins only" $?
done
finish
