#!/bin/sh
# man.sh - herald(1) and herald-plugin(7) pass `mandoc -T lint` without
# warnings, and herald(1) documents every option `herald --help` shows.
# Skips when mandoc is absent.
. "${top_srcdir:-.}/tests/sdk/lib.sh"
command -v mandoc >/dev/null || { echo "SKIP: no mandoc"; exit 77; }

for page in "$src/doc/herald.1" "$src/doc/herald-plugin.7"; do
	mandoc -T lint -W warning "$page" > "$tmp/lint" 2>&1
	check "$(basename "$page") lints clean" $?
	cat "$tmp/lint"
done

"$herald" --help > "$tmp/help"
check "herald --help" $?
mandoc -T ascii "$src/doc/herald.1" | sed "s/.\x08//g" > "$tmp/page"
for opt in $(grep -oE -- '--[a-z][a-z-]+' "$tmp/help" | sort -u); do
	grep -qF -- "$opt" "$tmp/page"
	check "herald.1 documents $opt" $?
done
for opt in $(grep -oE -- '^ +-[a-zA-Z],' "$tmp/help" | tr -d ' ,'); do
	grep -qE -- "^ +$opt, " "$tmp/page"
	check "herald.1 documents $opt" $?
done
# Every option of every bundled plugin, as --describe lists it.
for plugin in $("$herald" --list-plugins 2>/dev/null | awk '{ print $1 }'); do
	for opt in $("$herald" --describe "$plugin" |
	             sed -n 's/^    \([a-z][a-z0-9-]*\)=.*/\1/p'); do
		grep -qF -- "$opt=" "$tmp/page"
		check "herald.1 documents $plugin's $opt=" $?
	done
done
grep -q HERALD_PLUGIN_PATH "$tmp/page"
check "herald.1 names the environment" $?
finish
