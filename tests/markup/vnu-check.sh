#!/bin/sh
# Check every page the html writer's tests made (tests/markup/out/) with
# the W3C Nu HTML checker: zero errors allowed.  Fragments are wrapped in
# the smallest valid page first.
#
# Needs java and vnu.jar (npm package vnu-jar): $VNU_JAR, else
# ~/.cache/herald-vnu (npm install --prefix ~/.cache/herald-vnu vnu-jar).
# Exits 77 (skipped) when either is missing.
set -u

out="${top_builddir:-.}/tests/markup/out"
jar="${VNU_JAR:-${HOME:-/nonexistent}/.cache/herald-vnu/node_modules/vnu-jar/build/dist/vnu.jar}"

if ! command -v java >/dev/null 2>&1; then
	echo "SKIP: java not found"
	exit 77
fi
if [ ! -f "$jar" ]; then
	echo "SKIP: vnu.jar not found at $jar (set VNU_JAR)"
	exit 77
fi
if ! ls "$out"/*.html >/dev/null 2>&1; then
	echo "FAIL: no pages in $out (test_html makes them)"
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

for page in "$out"/*.html; do
	name=$(basename "$page")
	case $name in
	*.fragment.html)
		{
			printf '<!DOCTYPE html>\n<html lang="en"><head>'
			printf '<meta charset="utf-8"><title>%s</title></head><body>\n' \
				"$name"
			cat "$page"
			printf '</body></html>\n'
		} >"$tmp/$name"
		;;
	*)
		cp "$page" "$tmp/$name"
		;;
	esac
done

count=$(ls "$tmp" | wc -l)
echo "vnu: checking $count pages"
if java -jar "$jar" --errors-only --format gnu "$tmp"/*.html; then
	echo "vnu: $count pages, no errors"
	exit 0
fi
echo "vnu: errors above"
exit 1
