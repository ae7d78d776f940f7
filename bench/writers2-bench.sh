#!/bin/sh
# writers2-bench.sh - CPU time of each writer alone, on the model of a
# ~20 MB corpus already read (bench/writers2-bench.c), to tell a writer's
# share of a conversion from the reader's.  Whole conversions against
# cmark, pandoc, cat and wc are bench/pipeline-bench.sh.
#
# The corpus is WRITERS_BENCH_COPIES (default 370) copies of the real
# sample (../shared/samples/*.txt beside the source tree), or, without
# it, of the example bulletins.  Each writer runs WRITERS_BENCH_ROUNDS
# times (default 3) and the best counts, in CPU seconds.  A benchmark,
# not a test: it asserts nothing.
#
# Environment: top_srcdir, top_builddir (default: this script's tree and
# the current folder), HERALD_PLUGIN_PATH, CC, CFLAGS.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(cd "$here/.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
herald="$top_builddir/herald"
rounds=${WRITERS_BENCH_ROUNDS:-3}
copies=${WRITERS_BENCH_COPIES:-370}
if [ ! -x "$herald" ] || [ ! -f "$top_builddir/libherald.la" ]; then
	echo "writers2-bench.sh: no $herald (run from the build folder, or set top_builddir)" >&2
	exit 1
fi
: "${HERALD_PLUGIN_PATH:=$top_builddir/plugins}"
export HERALD_PLUGIN_PATH

work=$(mktemp -d "${TMPDIR:-/tmp}/writers2-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP

seeds=$(ls "$top_srcdir"/../shared/samples/*.txt 2>/dev/null || true)
[ -n "$seeds" ] || seeds=$(ls "$top_srcdir"/examples/bulletins/*.txt)
i=0
while [ "$i" -lt "$copies" ]; do
	cat $seeds
	i=$((i + 1))
done > "$work/corpus.txt"
bytes=$(wc -c < "$work/corpus.txt")
echo "writers2-bench: $(echo $seeds | wc -w) file(s) x $copies = $bytes bytes, best of $rounds, CPU seconds"

c="$work/corpus.txt"
# Each writer alone: the model is read once, then written ROUNDS times.
"$top_builddir/libtool" --quiet --tag=CC --mode=link "${CC:-cc}" \
	${CFLAGS:--O2} -I"$top_srcdir/include" -o "$work/writers2-bench" \
	"$top_srcdir/bench/writers2-bench.c" "$top_builddir/libherald.la" \
	> "$work/link.log" 2>&1 || { cat "$work/link.log" >&2; exit 1; }
echo "writers2-bench: each writer alone (best of $rounds), MB/s of the input"
"$top_builddir/libtool" --mode=execute "$work/writers2-bench" "$c" "$rounds" \
	json json:pretty=false tei text markdown plain html
