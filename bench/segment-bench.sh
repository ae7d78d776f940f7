#!/bin/sh
# segment-bench.sh - MB/s of the segment plugin's segmenter core.
#
# Builds a ~20 MB corpus from the example bulletins (examples/bulletins/
# *.txt; failing that, any text found below doc/ or the system's license
# texts), compiles bench/segment-bench.c with the segmenter sources at -O2
# and reports the best of several rounds.  A benchmark, not a test: it
# asserts nothing about speed.  Environment: CC, CFLAGS, SEGMENT_BENCH_MB.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$(cd "$here/.." && pwd)}
cc=${CC:-cc}
cflags=${CFLAGS:--O2}
target_mb=${SEGMENT_BENCH_MB:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/segment-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

seeds=$(ls "$top"/examples/bulletins/*.txt 2>/dev/null || true)
if [ -z "$seeds" ]; then
	seeds=$(ls "$top"/doc/*.md /usr/share/common-licenses/* 2>/dev/null || true)
fi
if [ -z "$seeds" ]; then
	echo "segment-bench: no text to build a corpus from" >&2
	exit 1
fi

# Concatenate the seeds (a blank line between files) until the target size.
cat $seeds > "$work/seed.txt"
printf '\n\n' >> "$work/seed.txt"
seed_size=$(wc -c < "$work/seed.txt")
copies=$(( target_mb * 1000000 / seed_size + 1 ))
: > "$work/corpus.txt"
i=0
while [ "$i" -lt "$copies" ]; do
	cat "$work/seed.txt"
	i=$((i + 1))
done > "$work/corpus.txt"

"$cc" $cflags -std=c99 -I"$top/plugins/segment" -o "$work/segment-bench" \
	"$top/bench/segment-bench.c" "$top/plugins/segment/sbd.c" \
	"$top/plugins/segment/rules_en.c"
echo "corpus: $(echo $seeds | wc -w) file(s) repeated $copies times"
"$work/segment-bench" "$work/corpus.txt" 5
