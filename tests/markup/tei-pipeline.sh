#!/bin/sh
# tei-pipeline.sh - the tei writer's encodingDesc names the pipeline that
# made the text: herald's version, the reader, every transform in the
# order it ran and the writer, each an application with its plugin's
# version (as --list-plugins gives it), and the segmentation says which
# reader split the source and which transforms ran; every output stays
# valid against tei_all (when ../shared has it).
. "$top_srcdir/tests/archive/common.sh"
command -v xmllint > /dev/null 2>&1 || skip "xmllint is not installed"

in="$top_srcdir/examples/bulletins/city-digest.txt"
html="$top_srcdir/tests/htmlin/chronicle.html"
want=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")
version_of() {   # the version --list-plugins gives a plugin
	"$herald" --list-plugins | awk -v n="$1" '$1 == n { print $2 }'
}
xp() {   # xp XPATH FILE: the value, TEI's namespace ignored
	xmllint --xpath "$1" "$2" 2> /dev/null
}
apps() {   # "ident version type" of each application, in order
	n=$(xp "count(//*[local-name()='appInfo']/*[local-name()='application'])" "$1")
	i=1
	while [ "$i" -le "$n" ]; do
		a="//*[local-name()='appInfo']/*[local-name()='application'][$i]"
		echo "$(xp "string($a/@ident)" "$1") $(xp "string($a/@version)" "$1") $(xp "string($a/@type)" "$1")"
		i=$((i + 1))
	done
}
segmentation() {
	xp "string(//*[local-name()='segmentation'])" "$1"
}
tei_all="$shared/schemas/tei_all.rng"
valid() {   # valid FILE WHAT
	[ -f "$tei_all" ] || return 0
	xmllint --noout --relaxng "$tei_all" "$1" 2> "$work/lint" ||
		fail "$2: not valid against tei_all: $(head -n 5 "$work/lint")"
}

tei=$(version_of tei)
bulletin=$(version_of bulletin)
segment=$(version_of segment)
[ -n "$tei" ] && [ -n "$bulletin" ] && [ -n "$segment" ] ||
	fail "--list-plugins lacks tei, bulletin or segment"

# reader and one transform
run -x segment -t tei -o "$work/seg.xml" "$in"
expect_status 0 "-x segment -t tei"
apps "$work/seg.xml" > "$work/got"
printf '%s\n' "herald $want " "herald-bulletin $bulletin reader" \
	"herald-segment $segment transform" "herald-tei $tei writer" > "$work/want"
cmp -s "$work/want" "$work/got" ||
	fail "the applications of -x segment: $(diff "$work/want" "$work/got")"
segmentation "$work/seg.xml" | grep -q 'as the bulletin reader found them' ||
	fail "the segmentation does not name the reader: $(segmentation "$work/seg.xml")"
segmentation "$work/seg.xml" | grep -q "Segmented into sentences.*transforms: segment $segment\." ||
	fail "the segmentation does not name segment: $(segmentation "$work/seg.xml")"
valid "$work/seg.xml" "-x segment"

# no transform: reader and writer only, not segmented
run -t tei -o "$work/none.xml" "$in"
apps "$work/none.xml" | cut -d' ' -f1 | tr '\n' ' ' > "$work/got"
[ "$(cat "$work/got")" = "herald herald-bulletin herald-tei " ] ||
	fail "the applications without transforms: $(cat "$work/got")"
segmentation "$work/none.xml" | grep -q 'Not segmented into sentences\.$' ||
	fail "without transforms: $(segmentation "$work/none.xml")"
valid "$work/none.xml" "no transform"

# two transforms, in the order given; the web-page reader
run -f htmlin -x 'exec:cmd=cat' -x segment -t tei -o "$work/two.xml" "$html"
expect_status 0 "htmlin, exec and segment"
apps "$work/two.xml" | cut -d' ' -f1,3 | tr '\n' ',' > "$work/got"
[ "$(cat "$work/got")" = "herald ,herald-htmlin reader,herald-exec transform,herald-segment transform,herald-tei writer," ] ||
	fail "the applications of htmlin ! exec ! segment: $(cat "$work/got")"
segmentation "$work/two.xml" | grep -q "transforms: exec $(version_of exec), segment $segment\." ||
	fail "both transforms, in order: $(segmentation "$work/two.xml")"
valid "$work/two.xml" "htmlin, exec, segment"

# the JSON model read back: its reader is json
"$herald" -x segment -t json "$in" > "$work/model.json" || fail "to json"
run -f json -t tei -o "$work/json.xml" "$work/model.json"
apps "$work/json.xml" | cut -d' ' -f1,3 | sed -n 2p > "$work/got"
[ "$(cat "$work/got")" = "herald-json reader" ] ||
	fail "a JSON model's reader: $(cat "$work/got")"
valid "$work/json.xml" "-f json"

# a corpus: each TEI names its own pipeline
run --corpus -x segment -t tei -o "$work/corpus.xml" "$in" "$top_srcdir/examples/bulletins/county-notices.txt"
expect_status 0 "--corpus"
[ "$(xp "count(//*[local-name()='TEI']//*[local-name()='application'][@ident='herald-segment'])" "$work/corpus.xml")" = 2 ] ||
	fail "not every TEI of the corpus names segment"
valid "$work/corpus.xml" "--corpus"
exit 0
