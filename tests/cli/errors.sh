#!/bin/sh
# errors.sh - every message of doc/errors.md's "Core and command" tables
# is one herald can really give: the triggers below make it say them all
# (into $tmp/all), then each row's message, its variable parts (…) taken
# as wildcards, must be found on one line of what they printed.  Rows
# whose fix says "untested: ..." are skipped; their reason is in the doc.
. "${top_srcdir:-.}/tests/cli/common.sh"
case $herald in /*) ;; *) herald="$(pwd)/$herald" ;; esac
doc="$srcdir/doc/errors.md"
all="$tmp/all"
: > "$all"
t() { "$herald" "$@" >/dev/null 2>> "$all" < /dev/null; }
ti() { inp=$1; shift; "$herald" "$@" >/dev/null 2>> "$all" < "$inp"; }

has_plugin bulletin && has_plugin html && has_plugin tei && has_plugin text ||
	{ echo "SKIP: needs the bulletin, html, tei and text plugins"; exit 77; }
printf '14 March 2023\n\nText here.\n' > "$tmp/a.txt"
cp "$tmp/a.txt" "$tmp/b.txt"
mkdir -p "$tmp/d1" "$tmp/d2" "$tmp/empty" "$tmp/in/sub" "$tmp/walk/real"
cp "$tmp/a.txt" "$tmp/d1/x.txt"; cp "$tmp/a.txt" "$tmp/d2/x.txt"
cp "$tmp/a.txt" "$tmp/in/sub/y.txt"; cp "$tmp/a.txt" "$tmp/in/index.txt"
cp "$tmp/a.txt" "$tmp/walk/real/z.txt"; ln -s real "$tmp/walk/link"; ln -s .. "$tmp/walk/real/up"
cp "$tmp/a.txt" "$tmp/-dash.txt"; printf 'x' > "$tmp/f.unknownext"

# Command line
t -Z; t -sZ; (cd "$tmp" && "$herald" -dash.txt 2>> "$all" >/dev/null); t -f
t -j 0 -f plain; t --fsync=sometimes -f plain; t -p 'plain ! plain' -f plain; t --describe nope
"$herald" -t text "$tmp/a.txt" > /dev/full 2>> "$all"
# Inputs and the plan
t "$tmp/d1"; t "$tmp/f.unknownext"; t -t text -o "$tmp/o/" "$tmp/d1/x.txt" "$tmp/d2/x.txt"
t -t text -o "$tmp/o2/" "$tmp/a.txt" "$tmp/./a.txt"
t -r -t text -o "$tmp/d1" "$tmp/d1"; t -t html "$tmp/a.txt" "$tmp/b.txt"
t --corpus -t html "$tmp/a.txt" "$tmp/b.txt"; t -r "$tmp/empty"
t -t text -o "$tmp/a.txt/out/" "$tmp/b.txt"
t -r -t text -o "$tmp/w1" "$tmp/walk"; t -r -L -t text -o "$tmp/w2" "$tmp/walk"
mkdir -p "$tmp/special"; mkfifo "$tmp/special/f.txt"; t -r -t text -o "$tmp/sp" "$tmp/special"
t -r -t html -o "$tmp/site" "$tmp/in"; t -s -t text "$tmp/a.txt"
t -r -t html -o "$tmp/hold/site" "$tmp/in"; t -r -t text -o "$tmp/held" "$tmp/hold"
t -o "$tmp/out.xyz" "$tmp/a.txt"
t -t text "$tmp/missing.txt" "$tmp/a.txt"
cp "$tmp/a.txt" "$tmp/caf$(printf '\351').txt"; t -t text "$tmp/caf$(printf '\351').txt"
mkdir -p "$tmp/blocked" "$tmp/in/sub/deeper"; printf x > "$tmp/blocked/sub"
cp "$tmp/a.txt" "$tmp/in/sub/deeper/w.txt"
t -r -t text -o "$tmp/blocked" "$tmp/in"
t -t text -o /dev/fd/9 "$tmp/a.txt"
ln -s nowhere "$tmp/dangling.txt"; t -t text -o "$tmp/dangling.txt" "$tmp/a.txt"
mkdir -p "$tmp/of/a.txt"; t -t text -o "$tmp/of/" "$tmp/a.txt" "$tmp/d1/x.txt"
sh -c 'exit 0' & dead=$!; wait "$dead"
printf p > "$tmp/.c.txt.herald-$dead.AAAAAA"; touch -d '1 hour ago' "$tmp/.c.txt.herald-$dead.AAAAAA"
t -t text -o "$tmp/c.txt" "$tmp/a.txt"
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$tmp/locked/sub"; cp "$tmp/a.txt" "$tmp/locked/sub/"; chmod 000 "$tmp/locked/sub"
	t -r -t text -o "$tmp/lo" "$tmp/locked" "$tmp/missing.txt"; chmod 755 "$tmp/locked/sub"
elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$herald" 2>/dev/null; then
	mkdir -p "$tmp/locked/sub"; cp "$tmp/a.txt" "$tmp/locked/sub/"; chmod 000 "$tmp/locked/sub"
	chmod 755 "$tmp" "$tmp/locked"; chmod 644 "$tmp/a.txt"
	mkdir "$tmp/lo"; chmod 777 "$tmp/lo"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$herald" -r -t text \
		-o "$tmp/lo" "$tmp/locked" "$tmp/missing.txt" > /dev/null 2>> "$all"
	chmod 755 "$tmp/locked/sub"
else
	echo "cannot read folder: (not triggered: root without setpriv)" >> "$all"
	echo "folders could not be read: (not triggered)" >> "$all"
fi
# a corpus of shards: to stdout; a part of other bytes; a shard that saw
# another archive (b.txt added between the shards' runs: in one of the
# two orders, it falls in the shard that saw it)
mkdir -p "$tmp/cs"
for x in c d e f g h; do cp "$tmp/a.txt" "$tmp/cs/$x.txt"; done
t -r --shard 0/2 --corpus -t tei "$tmp/cs"
"$herald" -q -r -t tei --shard 0/2 --corpus -o "$tmp/cso/c.xml" "$tmp/cs"
"$herald" -q -r -t tei --shard 1/2 --corpus -o "$tmp/cso/c.xml" "$tmp/cs"
sed -i '0,/<p>/s//<q>/' "$tmp/cso/.c.xml.herald-shard-0-of-2.part" "$tmp/cso/.c.xml.herald-shard-1-of-2.part"
t -r -t tei --merge --corpus -o "$tmp/cso/c.xml" "$tmp/cs"
for first in 0 1; do
	rm -rf "$tmp/cso" "$tmp/cs/b.txt"
	"$herald" -q -r -t tei --shard "$first/2" --corpus -o "$tmp/cso/c.xml" "$tmp/cs"
	cp "$tmp/a.txt" "$tmp/cs/b.txt"
	"$herald" -q -r -t tei --shard "$((1 - first))/2" --corpus -o "$tmp/cso/c.xml" "$tmp/cs"
	t -r -t tei --merge --corpus -o "$tmp/cso/c.xml" "$tmp/cs"
done
# Decoding
printf '14 March 2023\n\nBad \377 byte.\n' > "$tmp/bad.txt"
t -t text "$tmp/bad.txt"; t -f bulletin:encoding=utf-8 -t text "$tmp/bad.txt"; t -f bulletin:repair=true,encoding=utf-8 -t text "$tmp/bad.txt"
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "x\377\n" }' > "$tmp/many.txt"
t -f bulletin:repair=true,encoding=utf-8 -t text "$tmp/many.txt"
printf '14 March 2023\n\nNUL \000 here, \001 too.\n\357\273\277Line.\n' > "$tmp/nul.txt"
t -f bulletin:repair=true -t text "$tmp/nul.txt"
t -f plain:encoding=no-such-charset -t text "$tmp/a.txt"
printf '14 March 2023\n\nCaf\351 cr\350me br\373l\351e, d\351j\340 vu.\n' > "$tmp/latin1.txt"
t -t text "$tmp/latin1.txt"
awk 'BEGIN { for (i = 0; i < 200; i++) print "Plain ASCII and caf\303\251 text here."; print "Then caf\351." }' > "$tmp/mixed.txt"
t -t text "$tmp/mixed.txt"
# Plugins and pipelines
bad="$top_builddir/tests/modules/bad"
printf 'not a libtool file\n' > "$tmp/junk.la"; printf 'not ELF\n' > "$tmp/junk.so"
mkdir -p "$tmp/p2"; [ -f "$bad/.libs/shout.so" ] && head -c 2048 "$bad/.libs/shout.so" > "$tmp/p2/cut.so"
cp "$top_builddir/plugins/.libs/plain.so" "$tmp/p2/plain.so" 2>/dev/null
t --plugin-path="$bad:$tmp:$tmp/p2" --list-plugins
t -f Plain -t plain; t -f plain -t text:ids=maybe; t -f plain:width=3 -t plain
t -f plain -x segment:x=1 -t plain; t -f plain -t tei:publisher;
t --plugin-path="$bad" -f plain -x shout:x=1 -t plain; t -f nope -t plain; t -f markdown -t plain
t -f plain -x nope -t plain; t -p plain; t -p 'plain ! ! plain'
t -f plain -t 'tei:publisher="A, B'; t -p "plain ! tei:publisher='a'b"; t -f plain -t 'tei:publisher=A, B'
t -t text -o /dev/full "$tmp/a.txt"
[ -f "$top_builddir/tests/modules/rival/rival.la" ] &&
	t --plugin-path="$top_builddir/tests/modules/rival" -o "$tmp/rival.txt" "$tmp/a.txt"
# a write error that is no full disk: a file size limit (EFBIG; SIGXFSZ ignored)
i=0; while [ $i -lt 60 ]; do printf 'Paragraph %s of some words.\n\n' $i; i=$((i + 1)); done > "$tmp/big.txt"
(trap '' XFSZ; ulimit -f 2 && "$herald" -q -t text -o "$tmp/big-out.txt" "$tmp/big.txt" \
	2> "$tmp/efbig" < /dev/null); cat "$tmp/efbig" >> "$all"
# --records
t --records "$tmp/a.txt"
printf '\nnot json\n{"x": 1}\n{"id": 1, "path": "a\\u0000b"}\n{"id": 2, "path": "-"}\n{"id": 3, "path": "/dev/zero"}\n' > "$tmp/records"
ti "$tmp/records" --records -t text
"$herald" --records -t text < "$tmp/records" > "$tmp/records.out" 2>> "$all"
cat "$tmp/records.out" >> "$all"
# Plugins that none is exercised with: a bulletin with no text.
printf '' > "$tmp/nothing.txt"; t -t text "$tmp/nothing.txt"

# Each row's message, from the doc, must be on some line of $all.
sed -n '/^## Core and command/,/^## Plugins/p' "$doc" |
	grep '^| `' | grep -v 'untested: ' |
	sed 's/^| `\([^`]*\)`.*/\1/' > "$tmp/messages"
[ -s "$tmp/messages" ]
check "doc/errors.md lists messages" $?
# The JSON error lines of --records escape quotes: compare unescaped.
sed 's/\\"/"/g' "$all" > "$tmp/all.plain"
while IFS= read -r msg; do
	awk -v m="$msg" '
		BEGIN { n = split(m, part, "…") }
		{ at = 1; ok = 1
		  for (i = 1; i <= n; i++) {
			p = index(substr($0, at), part[i])
			if (!p) { ok = 0; break }
			at += p - 1 + length(part[i])
		  }
		  if (ok) { found = 1; exit } }
		END { exit !found }' "$tmp/all.plain"
	check "reachable: $msg" $?
done < "$tmp/messages"
finish
