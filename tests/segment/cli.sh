#!/bin/sh
# cli.sh - `herald -x segment -t text` prints one sentence per line, and
# segmenting changes no word of any example bulletin.  Skips (77) when the
# binary or the plugins it needs are not built.
set -u
herald="${top_builddir:-.}/herald"
src="${top_srcdir:-.}"
[ -x "$herald" ] || { echo "SKIP: no $herald"; exit 77; }
for p in plain text segment; do
	"$herald" --describe "$p" >/dev/null 2>&1 ||
		{ echo "SKIP: plugin $p is not built"; exit 77; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/segment-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
failed=0 passed=0

check() {   # name, command status
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1))
	else
		echo "FAIL: $1"
		failed=$((failed + 1))
	fi
}

cat > "$tmp/in.txt" <<'TEXT'
Mr. Smith arrived at 5 p.m. He met Gen. Lee and the
U.S. Army staff (see No. 5.) at the gate. Was it late? "Yes!" he said.
The talks went on... Nobody left.

1. The first point 2. The second point
TEXT
cat > "$tmp/want.txt" <<'TEXT'
Mr. Smith arrived at 5 p.m.
He met Gen. Lee and the U.S. Army staff (see No. 5.) at the gate.
Was it late?
"Yes!" he said.
The talks went on...
Nobody left.
1. The first point
2. The second point
TEXT
"$herald" -f plain -x segment:lang=en -t text "$tmp/in.txt" > "$tmp/out.txt" 2> "$tmp/err.txt"
check "herald -f plain -x segment -t text exits 0" $?
grep -v '^$' "$tmp/out.txt" > "$tmp/got.txt"
diff -u "$tmp/want.txt" "$tmp/got.txt"
check "one sentence per line" $?

"$herald" -f plain -x segment:lang=en -x segment:lang=en -t text "$tmp/in.txt" > "$tmp/twice.txt" 2>&1
cmp -s "$tmp/out.txt" "$tmp/twice.txt"
check "segmenting twice changes nothing" $?

"$herald" -f plain -x segment:lang=xx -t text "$tmp/in.txt" > /dev/null 2>&1
[ $? -ne 0 ]
check "an unknown language is refused" $?

# lang=auto (the default): a document without language metadata (the
# plain reader sets none) gets the pack of the language its text is in
cat > "$tmp/ru.txt" <<'TEXT'
Проф. Иванов прочитал лекцию о поэзии и прозе. А. С. Пушкин родился в
Москве в 1799 г. Потом его семья переехала в Петербург.
TEXT
cat > "$tmp/ru-want.txt" <<'TEXT'
Проф. Иванов прочитал лекцию о поэзии и прозе.
А. С. Пушкин родился в Москве в 1799 г.
Потом его семья переехала в Петербург.
TEXT
"$herald" -f plain -x segment -t text "$tmp/ru.txt" 2>&1 | grep -v '^$' > "$tmp/ru-got.txt"
diff -u "$tmp/ru-want.txt" "$tmp/ru-got.txt"
check "lang=auto: a Russian document gets the Russian pack" $?
"$herald" -f plain -x segment:lang=ru -t text "$tmp/ru.txt" 2>&1 | grep -v '^$' > "$tmp/ru-got.txt"
diff -u "$tmp/ru-want.txt" "$tmp/ru-got.txt"
check "lang=ru" $?
"$herald" -f plain -x segment:lang=und -t text "$tmp/ru.txt" > /dev/null 2>&1
check "lang=und (the generic pack) is accepted" $?

# words, one a line; a no-break space (which may stand between sentences)
# counts as a space
words() {
	LC_ALL=C sed 's/\xc2\xa0/ /g' | tr -s ' \n' '\n\n'
}
for f in "$src"/examples/bulletins/*.txt; do
	[ -f "$f" ] || continue
	"$herald" -t text "$f" 2>/dev/null | words > "$tmp/a.txt"
	"$herald" -x segment -t text "$f" 2>/dev/null | words > "$tmp/b.txt"
	cmp -s "$tmp/a.txt" "$tmp/b.txt" && [ -s "$tmp/b.txt" ]
	check "same words with and without segment: $(basename "$f")" $?
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
