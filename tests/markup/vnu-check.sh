#!/bin/sh
# Check every page the html writer's tests make with the W3C Nu HTML
# checker: zero errors allowed.  test_html writes its pages (fragments and
# standalone) into a temporary directory; fragments are wrapped in the
# smallest valid page first.
#
# Needs java and vnu.jar (npm package vnu-jar): $VNU_JAR, else
# ~/.cache/herald-vnu (npm install --prefix ~/.cache/herald-vnu vnu-jar).
# Exits 77 (skipped) when either is missing.
set -u

test_html="${top_builddir:-.}/tests/markup/test_html"
. "${top_srcdir:-..}/tests/markup/vnu.sh"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
out="$tmp/made"
mkdir "$out" "$tmp/pages" || exit 1

# test_html reports its own failures; here only its pages matter
HERALD_MARKUP_OUT="$out" "$test_html" >"$tmp/test_html.log" 2>&1
if ! ls "$out"/*.html >/dev/null 2>&1; then
	echo "FAIL: $test_html made no pages"
	cat "$tmp/test_html.log"
	exit 1
fi

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
		} >"$tmp/pages/$name"
		;;
	*)
		cp "$page" "$tmp/pages/$name"
		;;
	esac
done

count=$(ls "$tmp/pages" | wc -l)
echo "vnu: checking $count pages"
if java -jar "$jar" --errors-only --format gnu "$tmp/pages"/*.html; then
	echo "vnu: $count pages, no errors"
	exit 0
fi
echo "vnu: errors above"
exit 1
