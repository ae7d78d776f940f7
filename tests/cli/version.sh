#!/bin/sh
# version.sh - --version: GNU's first line "herald X.Y.Z", then libherald,
# every plugin found with its version (the same as --list-plugins shows)
# and the libraries with theirs, checked against what the system says
# where it can tell (xmllint, pkg-config).
. "${top_srcdir:-.}/tests/cli/common.sh"

run --version
expect_status 0 "--version"
expect_empty "$tmp/err" "--version prints nothing on stderr"
want=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")
[ "$(head -n 1 "$tmp/out")" = "herald $want" ]
check "the first line is 'herald $want'" $?
grep -qx "libherald $want" "$tmp/out"
check "libherald's version is listed" $?
cp "$tmp/out" "$tmp/version"

# every plugin, with the version --list-plugins gives it
run --list-plugins
awk '{ print "  " $1 " " $2 }' "$tmp/out" > "$tmp/plugins"
[ -s "$tmp/plugins" ]
check "--list-plugins lists plugins" $?
sed -n '/^plugins:$/,/^libraries:$/p' "$tmp/version" | sed '1d;$d' > "$tmp/listed"
cmp -s "$tmp/plugins" "$tmp/listed"
check "--version lists every plugin with its version" $?
cmp -s "$tmp/plugins" "$tmp/listed" || diff "$tmp/plugins" "$tmp/listed"

# every library, each with a version (CLD2 has none to give)
for lib in libxml2 jansson libunistring uchardet libltdl cmark libyaml; do
	grep -q -E "^  $lib [0-9]+\.[0-9]+(\.[0-9]+)?( |$)" "$tmp/version"
	check "--version gives $lib's version" $?
done
grep -qx '  CLD2 (no version number)' "$tmp/version"
check "--version names CLD2" $?
# ... and they are the system's
if command -v xmllint > /dev/null 2>&1; then
	v=$(xmllint --version 2>&1 | sed -n 's/.*using libxml version \([0-9]*\).*/\1/p')
	v=$(echo "$v" | awk '{ printf "%d.%d.%d", $1 / 10000, ($1 / 100) % 100, $1 % 100 }')
	grep -q "^  libxml2 $v\( (built with.*)\)\?$" "$tmp/version"
	check "libxml2's version is the one xmllint runs ($v)" $?
fi
if command -v pkg-config > /dev/null 2>&1; then
	for pair in jansson:jansson libcmark:cmark yaml-0.1:libyaml uchardet:uchardet; do
		v=$(pkg-config --modversion "${pair%%:*}" 2>/dev/null) || continue
		grep -q "^  ${pair#*:} $v\( \|$\)" "$tmp/version"
		check "${pair#*:}'s version is pkg-config's ($v)" $?
	done
fi

# a plugin path of its own: its plugins are the ones listed
run --plugin-path="$tmp/none" --version
expect_status 0 "--version with an empty plugin path"
finish
