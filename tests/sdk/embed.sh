#!/bin/sh
# embed.sh - a program embedding a batch through <herald/batch.h>: the
# example of doc/embedding.md, extracted from the guide (so the two cannot
# drift), compiled against the headers as `make install` installs them
# (into a scratch DESTDIR), linked with libherald and run on an archive.
. "${top_srcdir:-.}/tests/sdk/lib.sh"
"$herald" --describe html >/dev/null 2>&1 ||
	{ echo "SKIP: the html writer is not built"; exit 77; }
[ -x "$build/libtool" ] || { echo "SKIP: no libtool in $build"; exit 77; }
MAKE="${HERALD_SDK_MAKE:-make}"

# The installed headers: only these, from a staged install.
$MAKE -s -C "$build" install-heraldincludeHEADERS DESTDIR="$tmp/stage" \
	>/dev/null
check "the headers install into DESTDIR" $?
inc=$(find "$tmp/stage" -name batch.h -path '*/herald/*' | sed 's|/herald/batch.h$||')
[ -n "$inc" ] && [ -f "$inc/herald/version.h" ]
check "batch.h and version.h are installed" $?

# The block after the marker line in the guide, verbatim.
awk '/^<!-- embed.c:/ { want = 1; next }
     want && /^```c$/ { on = 1; next }
     on && /^```$/ { exit }
     on { print }' "$src/doc/embedding.md" > "$tmp/embed.c"
[ "$(wc -l < "$tmp/embed.c")" -gt 20 ]
check "the guide's example is found" $?
# under the sanitizers (.ci/sanitize.sh) libherald needs their runtime
san=
[ -z "${HERALD_SANITIZE:-}" ] || san="-fsanitize=address,undefined"
$CC $san -std=c11 -O2 -Wall -Wextra -Werror -I"$inc" -c "$tmp/embed.c" \
	-o "$tmp/embed.o"
check "it compiles against the installed headers, -Wall -Wextra -Werror" $?
extra=
[ "${HERALD_SDK_STATIC:-no}" = yes ] && extra=-lstdc++
"$build/libtool" --quiet --tag=CC --mode=link $CC $san -o "$tmp/embed" \
	"$tmp/embed.o" "$build/libherald.la" $extra
check "it links with libherald" $?

# An archive of three bulletins in two folders.
mkdir -p "$tmp/archive/2026/a" "$tmp/archive/2026/b"
cp "$src/examples/bulletins/city-digest.txt" "$tmp/archive/2026/a/"
cp "$src/examples/bulletins/county-notices.txt" "$tmp/archive/2026/a/"
cp "$src/examples/bulletins/harbour-notices.txt" "$tmp/archive/2026/b/"
# (older than this run, so that the outputs are newer: --update's rule)
find "$tmp/archive" -type f -exec touch -d '2 hours ago' {} +
"$tmp/embed" "$tmp/site" "$tmp/archive" > "$tmp/out" 2> "$tmp/err"
check "it converts the archive (exit 0)" $?
cat > "$tmp/want" <<WANT
$tmp/archive/2026/a/city-digest.txt -> $tmp/site/2026/a/city-digest.html
$tmp/archive/2026/a/county-notices.txt -> $tmp/site/2026/a/county-notices.html
$tmp/archive/2026/b/harbour-notices.txt -> $tmp/site/2026/b/harbour-notices.html
0 failed
WANT
same "one line per bulletin, in input order" "$tmp/out" "$tmp/want"
for f in 2026/a/city-digest 2026/a/county-notices 2026/b/harbour-notices; do
	grep -q '<html' "$tmp/site/$f.html"
	check "$f.html is a whole page" $?
done
[ -f "$tmp/site/index.html" ] &&
	grep -rq --include=index.html 'harbour-notices.html"' "$tmp/site"
check "the site has its indexes, one linking each page" $?
# (the folder's manifest, .herald-manifest.json, is no temporary)
ls -a "$tmp/site" "$tmp/site/2026/a" | grep -q '\.herald-[0-9]'
[ $? -eq 1 ]
check "no temporary file is left" $?

# Again: everything is up to date.
"$tmp/embed" "$tmp/site" "$tmp/archive" > "$tmp/out" 2> "$tmp/err"
check "a second run succeeds" $?
[ "$(grep -c ' (up to date)$' "$tmp/out")" -eq 3 ]
check "the second run rewrites nothing" $?

# A failing input (a link to nothing): its message through the callback,
# the others still converted, exit status 1.
mkdir "$tmp/archive/2026/c"
ln -s "$tmp/nowhere.txt" "$tmp/archive/2026/c/broken.txt"
"$tmp/embed" "$tmp/site" "$tmp/archive" > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ]
check "an unreadable input fails the run (exit 1)" $?
has "its message names it" "$tmp/err" \
	"$tmp/archive/2026/c/broken.txt: error: cannot open"
has "the others still come" "$tmp/out" "harbour-notices.txt -> "
has "and it is counted" "$tmp/out" "1 failed"

# A usage error before anything runs: a missing plugin.
sed 's/"html:standalone=true"/"nosuchwriter"/' "$tmp/embed.c" > "$tmp/bad.c"
$CC $san -std=c11 -I"$inc" -c "$tmp/bad.c" -o "$tmp/bad.o" &&
"$build/libtool" --quiet --tag=CC --mode=link $CC $san -o "$tmp/bad" \
	"$tmp/bad.o" "$build/libherald.la" $extra
"$tmp/bad" "$tmp/site2" "$tmp/archive" > "$tmp/out" 2> "$tmp/err"
[ $? -eq 1 ]
check "an unknown writer fails" $?
has "and says which" "$tmp/err" "nosuchwriter"
[ ! -e "$tmp/site2" ]
check "nothing is written then" $?
finish
