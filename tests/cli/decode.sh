#!/bin/sh
# decode.sh - inputs that are not UTF-8, as a user meets them: a Latin-1
# file converts (exit 0) with one warning naming the charset, the same
# through standard input; encoding=NAME forces a charset and a name iconv
# does not know is a usage error; a UTF-8 file with a stray byte keeps its
# UTF-8.  Both text readers (plain and bulletin) share the decoder.
. "${top_srcdir:-.}/tests/cli/common.sh"

# French news text in ISO-8859-1, written here byte by byte.
printf 'Le conseil a approuv\351 mercredi le budget de l'"'"'\351cole.\n\n' > "$tmp/fr.text"
printf 'Les \351l\350ves d\351couvriront une cantine r\351nov\351e.\n' >> "$tmp/fr.text"
printf 'Le conseil a approuvé mercredi le budget de l'"'"'école.\n\n' > "$tmp/fr.want"
printf 'Les élèves découvriront une cantine rénovée.\n' >> "$tmp/fr.want"

run -f plain -t plain "$tmp/fr.text"
expect_status 0 "a Latin-1 file converts"
cmp -s "$tmp/fr.want" "$tmp/out"
check "a Latin-1 file: every character read" $?
expect_in "$tmp/err" \
	"^herald: $tmp/fr\.text: warning: plain: not UTF-8; read as (ISO-8859-1|WINDOWS-1252)\$" \
	"a Latin-1 file: one warning naming the charset and the file"
[ "$(wc -l < "$tmp/err")" -eq 1 ]
check "a Latin-1 file: nothing else on stderr" $?

"$herald" -f plain -t plain < "$tmp/fr.text" > "$tmp/out" 2> "$tmp/err"
check "a Latin-1 file on standard input converts" $?
cmp -s "$tmp/fr.want" "$tmp/out"
check "a Latin-1 file on standard input: every character read" $?
expect_in "$tmp/err" "warning: plain: not UTF-8; read as " \
	"a Latin-1 file on standard input: the warning"

# The bulletin reader decodes the same way (a .txt file is a bulletin).
cp "$tmp/fr.text" "$tmp/fr.txt"
run -t plain "$tmp/fr.txt"
expect_status 0 "a Latin-1 bulletin converts"
expect_in "$tmp/out" "approuvé mercredi" "a Latin-1 bulletin: accents read"
expect_in "$tmp/err" "^herald: $tmp/fr\.txt: warning: bulletin: not UTF-8; read as " \
	"a Latin-1 bulletin: the warning"

# encoding=NAME forces a charset: no detection, no warning.
run -f plain:encoding=latin1 -t plain "$tmp/fr.text"
expect_status 0 "encoding=latin1"
cmp -s "$tmp/fr.want" "$tmp/out"
check "encoding=latin1: every character read" $?
expect_empty "$tmp/err" "encoding=latin1: nothing on stderr"
run -f plain:encoding=no-such-charset -t plain "$tmp/fr.text"
expect_status 2 "an unknown encoding is a usage error"
expect_in "$tmp/err" "unknown encoding 'no-such-charset'" \
	"an unknown encoding is named"
expect_empty "$tmp/out" "an unknown encoding: no output"
run -f bulletin:encoding=no-such-charset -t plain "$tmp/fr.txt"
expect_status 2 "bulletin: an unknown encoding is a usage error"

# Mixed encodings: UTF-8 with one windows-1252 byte; the UTF-8 stays.
printf 'Zürich — Müller said:\n\nna\357ve.\n' > "$tmp/mixed.text"
run -f plain -t plain "$tmp/mixed.text"
expect_status 0 "a UTF-8 file with a stray byte converts"
printf 'Zürich — Müller said:\n\nnaïve.\n' > "$tmp/mixed.want"
cmp -s "$tmp/mixed.want" "$tmp/out"
check "mixed encodings: the UTF-8 is not misread" $?
expect_in "$tmp/err" "^herald: $tmp/mixed\.text:3:3: warning: plain: not UTF-8 from here: 1 stray byte" \
	"mixed encodings: the warning has the first stray byte's position"

# Real documents (../shared/corpus, when it is there) re-encoded by
# iconv(1) read exactly as their UTF-8 originals: the same JSON model, the
# file name aside, and one warning naming the charset.
corpus="$srcdir/../shared/corpus"
if [ -d "$corpus" ] && command -v iconv >/dev/null 2>&1 && has_plugin json; then
	for spec in ru_kremlin_ukaz_18643.txt:WINDOWS-1251 \
	            ru_kremlin_ukaz_18643.txt:KOI8-R \
	            cctv_xwlb_20201011.md:GB18030 \
	            bbc_politics_050.txt:WINDOWS-1252 \
	            az_koronavirusinfo_lines140-145.txt:UTF-16; do
		f=${spec%%:*} enc=${spec#*:}
		[ -f "$corpus/$f" ] || continue
		# the same extension: .md is read as Markdown
		re="$tmp/re.${f##*.}"
		iconv -f UTF-8 -t "$enc" "$corpus/$f" > "$re" || continue
		"$herald" -f bulletin -t json "$corpus/$f" 2>/dev/null |
			grep -v '"source"' > "$tmp/a.json"
		"$herald" -f bulletin -t json "$re" 2> "$tmp/err" |
			grep -v '"source"' > "$tmp/b.json"
		cmp -s "$tmp/a.json" "$tmp/b.json"
		check "$f in $enc reads as its UTF-8 original" $?
		[ "$enc" = UTF-16 ] || expect_in "$tmp/err" \
			"warning: bulletin: not UTF-8; read as $enc\$" "$f in $enc: the warning"
	done
fi

finish
