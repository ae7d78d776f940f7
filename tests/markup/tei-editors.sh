#!/bin/sh
# tei-editors.sh - the tei writer for TEI editors, through the command
# line: the xml-model PI names a schema the output validates against
# (xmllint --relaxng on the schema the PI names, tei_all from ../shared
# given as a file:// URL), idno never holds an absolute path, and
# validate= checks every output under -j2 against a house schema: the
# valid ones written as without it, the invalid ones not written, each
# error naming its document and the output's line, exit status 1.
. "$top_srcdir/tests/archive/common.sh"
command -v xmllint > /dev/null 2>&1 || skip "xmllint is not installed"

house="$top_srcdir/tests/markup/tei-house.rng"
mkdir -p "$work/arch/2023/03" "$work/elsewhere" "$work/out" "$work/plain" ||
	exit 99
for f in "$top_srcdir"/examples/bulletins/*.txt; do
	cp "$f" "$work/arch/2023/03/" || exit 99
done
first=$(ls "$work/arch/2023/03" | head -n 1)
n=$(ls "$work/arch/2023/03" | wc -l)
[ "$n" -ge 2 ] || fail "fewer than two example bulletins"

idno_of() {
	xmllint --xpath "string(//*[local-name()='idno'][@type='file'])" "$1"
}

# --- idno: an absolute input path never reaches the output --------------
abs="$work/arch/2023/03/$first"
(cd "$work/elsewhere" && "$herald" -t tei "$abs" -o "$work/a.xml") \
	2> "$work/stderr" || fail "convert $abs: $(cat "$work/stderr")"
[ "$(idno_of "$work/a.xml")" = "$first" ] ||
	fail "outside the current folder, idno is '$(idno_of "$work/a.xml")'"
(cd "$work" && "$herald" -t tei "$abs" -o "$work/b.xml") 2> /dev/null ||
	fail "convert from the work folder"
[ "$(idno_of "$work/b.xml")" = "arch/2023/03/$first" ] ||
	fail "under the current folder, idno is '$(idno_of "$work/b.xml")'"
(cd / && "$herald" -t tei "$abs" -o "$work/d.xml") 2> /dev/null ||
	fail "convert from /"
[ "$(idno_of "$work/d.xml")" = "$first" ] ||
	fail "from /, idno is '$(idno_of "$work/d.xml")'"
(cd "$work/elsewhere" &&
	"$herald" -t "tei:root=$work/arch" "$abs" -o "$work/c.xml") 2> /dev/null ||
	fail "convert with root="
[ "$(idno_of "$work/c.xml")" = "2023/03/$first" ] ||
	fail "with root=, idno is '$(idno_of "$work/c.xml")'"
# a whole archive, -r, absolute: relative to root= for every file
run -r -j2 -t "tei:root=$work/arch" -o "$work/out/" "$work/arch"
expect_status 0 "-r -t tei:root="
for x in $(files_below "$work/out"); do
	got=$(idno_of "$work/out/$x")
	[ "$got" = "${x%.xml}.txt" ] || fail "$x: idno '$got'"
done
if grep -r -l -F "${work#/}" "$work/out" "$work/a.xml" "$work/c.xml" \
	"$work/d.xml"; then
	fail "an absolute path of this machine is in an output"
fi

# --- validate=: house rules, under -j2 ----------------------------------
run -r -j2 -t tei:licence=CC0 -o "$work/plain/" "$work/arch"
expect_status 0 "-t tei:licence=CC0"
# with a licence, the bulletins whose items all have a title pass and
# are written as without validate=; those with an untitled item are not
# written, their errors naming the item's div
run -r -j2 -t "tei:licence=CC0,validate=$house" -o "$work/valid/" "$work/arch"
valid=0
for f in "$work"/arch/2023/03/*.txt; do
	x=2023/03/$(basename "$f" .txt).xml
	if grep -q "^herald: $f: error: tei: output line [0-9]* is not valid against $house: Expecting element head, got p (in xml:id \"i[0-9]*.p1\")$" \
		"$work/stderr"; then
		[ ! -e "$work/valid/$x" ] || fail "invalid $x was written"
	else
		cmp -s "$work/plain/$x" "$work/valid/$x" ||
			fail "valid $x not written as without validate="
		valid=$((valid + 1))
	fi
done
[ "$valid" -ge 1 ] && [ "$valid" -lt "$n" ] ||
	fail "$valid of $n valid: the example bulletins changed?"
expect_status 1 "validate= with some untitled items"
# without a licence every one fails, at publicationStmt (line 9, pretty)
run -r -j2 -t "tei:pretty=true,validate=$house" -o "$work/invalid/" \
	"$work/arch"
expect_status 1 "validate= without a licence"
errors=$(grep -c "^herald: .*: error: tei: output line 9 is not valid against $house: Expecting an element availability" "$work/stderr")
[ "$errors" -eq "$n" ] ||
	fail "$errors of $n documents reported: $(cat "$work/stderr")"
for f in "$work"/arch/2023/03/*.txt; do
	grep -q "^herald: $f: error: tei: output line 9" "$work/stderr" ||
		fail "no error naming $f: $(cat "$work/stderr")"
done
[ -z "$(files_below "$work/invalid" 2> /dev/null)" ] ||
	fail "invalid outputs were written: $(files_below "$work/invalid")"
# to standard output: nothing at all of an invalid document
run -t "tei:validate=$house" "$abs"
expect_status 1 "validate= to stdout"
[ ! -s "$work/stdout" ] || fail "an invalid output reached stdout"
run -t "tei:validate=$work/none.rng" "$abs"
expect_status 2 "validate= a missing schema"
expect_err "^herald: error: tei: validate=$work/none.rng: cannot read the schema: No such file or directory$" "a missing schema"

# --- --describe names the options ---------------------------------------
run --describe tei
for o in schema licence root validate; do
	grep -q "^    $o=" "$work/stdout" || fail "--describe tei lacks $o="
done

# --- the xml-model PI: the schema it names validates the output ---------
tei_all="$shared/schemas/tei_all.rng"
[ -f "$tei_all" ] || skip "no $tei_all: the PI's schema is not checked"
tei_all=$(cd "$(dirname "$tei_all")" && pwd)/tei_all.rng
case $tei_all in
*[!A-Za-z0-9/._-]*) skip "the schema's path needs URL escapes: $tei_all" ;;
esac
(cd "$work/elsewhere" &&
	"$herald" -x segment -t "tei:schema=file://$tei_all,licence=CC0" \
		"$abs" -o "$work/pi.xml") 2> /dev/null || fail "convert with schema="
pi=$(sed -n 2p "$work/pi.xml")
case $pi in
'<?xml-model href="file://'*'" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>') ;;
*) fail "line 2 is not the xml-model PI: $pi" ;;
esac
href=$(printf '%s\n' "$pi" | sed 's/^<?xml-model href="file:\/\/\([^"]*\)".*/\1/')
[ "$href" = "$tei_all" ] || fail "the PI names '$href', not $tei_all"
xmllint --noout --relaxng "$href" "$work/pi.xml" 2> "$work/lint" ||
	fail "not valid against the PI's schema: $(head -n 5 "$work/lint")"
grep -q "validates" "$work/lint" || fail "xmllint: $(cat "$work/lint")"
# the default PI names the TEI Consortium's tei_all
grep -q '^<?xml-model href="https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>$' \
	"$work/a.xml" || fail "the default PI: $(sed -n 2p "$work/a.xml")"
exit 0
