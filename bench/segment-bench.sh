#!/bin/sh
# segment-bench.sh - MB/s of the segment plugin's segmenter core.
#
# 1. English: a ~20 MB corpus built from the example bulletins
#    (examples/bulletins/*.txt; failing that, any text below doc/ or the
#    system's license texts), with the English pack.
# 2. Every language with a case file tests/segment/lang/TAG.txt: a
#    generated corpus of ~SEGMENT_BENCH_LANG_MB MB (default 4), made of
#    that file's expected sentences, shuffled into paragraphs of five,
#    with TAG's pack.
# Compiles bench/segment-bench.c with the segmenter source at -O2 and
# links it with the built libherald (through libtool), and reports the
# best of five rounds in MB/s of CPU time.  A benchmark, not a test: it
# asserts nothing about speed.  Environment: CC, CFLAGS, SEGMENT_BENCH_MB,
# SEGMENT_BENCH_LANG_MB, top_srcdir, top_builddir (default: the current
# folder when it holds libherald.la).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$(cd "$here/.." && pwd)}
build=${top_builddir:-$(pwd)}
cc=${CC:-cc}
cflags=${CFLAGS:--O2}
target_mb=${SEGMENT_BENCH_MB:-20}
lang_mb=${SEGMENT_BENCH_LANG_MB:-4}
if [ ! -f "$build/libherald.la" ]; then
	echo "segment-bench: no libherald.la in $build (set top_builddir)" >&2
	exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/segment-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
HERALD_LANG_PATH="$top/data/lang"
export HERALD_LANG_PATH

seeds=$(ls "$top"/examples/bulletins/*.txt 2>/dev/null || true)
if [ -z "$seeds" ]; then
	seeds=$(ls "$top"/doc/*.md /usr/share/common-licenses/* 2>/dev/null || true)
fi
if [ -z "$seeds" ]; then
	echo "segment-bench: no text to build a corpus from" >&2
	exit 1
fi

# Repeat file $1 (a blank line after it) into $2 until $3 MB.
repeat_to() {
	printf '\n\n' >> "$1"
	size=$(wc -c < "$1")
	copies=$(( $3 * 1000000 / size + 1 ))
	i=0
	while [ "$i" -lt "$copies" ]; do
		cat "$1"
		i=$((i + 1))
	done > "$2"
	echo "$copies"
}

cat $seeds > "$work/seed.txt"
copies=$(repeat_to "$work/seed.txt" "$work/corpus.txt" "$target_mb")

"$build/libtool" --quiet --tag=CC --mode=link "$cc" $cflags -std=c99 \
	-I"$top/include" -I"$top/plugins/segment" -o "$work/segment-bench" \
	"$top/bench/segment-bench.c" "$top/plugins/segment/sbd.c" \
	"$build/libherald.la" > "$work/link.log" 2>&1 ||
	{ cat "$work/link.log" >&2; exit 1; }
run() {
	"$build/libtool" --mode=execute "$work/segment-bench" "$@"
}
echo "segment-bench: the example bulletins ($(echo $seeds | wc -w) file(s)) repeated $copies times"
run -l en "$work/corpus.txt" 5
echo "segment-bench: per language, generated from tests/segment/lang/TAG.txt"

# The sentences of a case file: not comments, categories, input lines
# or escapes; five to a paragraph, in a fixed shuffled order.
for cases in "$top"/tests/segment/lang/*.txt; do
	[ -f "$cases" ] || continue
	tag=$(basename "$cases" .txt)
	grep -v -e '^#' -e '^@' -e '^<' -e '^$' -e '^!' "$cases" |
		sed -e 's/^> //' -e 's/\\[ns]/ /g' -e 's/\\t/ /g' |
		awk 'BEGIN { srand(42) } { print rand() "\t" $0 }' | sort -n |
		cut -f 2- |
		awk '{ printf "%s%s", (NR % 5 == 1 ? "" : " "), $0;
		       if (NR % 5 == 0) printf "\n\n" } END { print "" }' \
		> "$work/seed-$tag.txt"
	[ -s "$work/seed-$tag.txt" ] || continue
	repeat_to "$work/seed-$tag.txt" "$work/corpus-$tag.txt" "$lang_mb" \
		> /dev/null
	run -l "$tag" "$work/corpus-$tag.txt" 5
done
