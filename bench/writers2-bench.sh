#!/bin/sh
# writers2-bench.sh - CPU time of the writers: whole conversions of a
# ~20 MB corpus, side by side with cmark on the same bytes, then each
# writer alone on the model already read (bench/writers2-bench.c).
#
# The corpus is WRITERS_BENCH_COPIES (default 370) copies of the real
# sample (../shared/samples/*.txt beside the source tree), or, without
# it, of the example bulletins.  Each command runs WRITERS_BENCH_ROUNDS
# times (default 3), the commands interleaved so that a busy moment hits
# them all; the median counts.  Times are CPU seconds (user + system of
# the child, from the shell's `times`): other processes on the machine
# do not add to them.  A benchmark, not a test: it asserts nothing.
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
echo "writers2-bench: $(echo $seeds | wc -w) file(s) x $copies = $bytes bytes, median of $rounds, CPU seconds"

# cpu COMMAND...: the CPU seconds (user + system) COMMAND took.
cpu() {
	( "$@" > /dev/null 2>&1 || echo "writers2-bench: failed: $*" >&2; times ) |
		tail -n 1 | awk '{
			t = 0
			for (f = 1; f <= 2; f++) {
				split($f, p, "m"); sub("s", "", p[2]); t += p[1] * 60 + p[2]
			}
			printf "%.3f\n", t }'
}

c="$work/corpus.txt"
labels="json tei segment-tei text markdown cmark cat"
run() {
	case $1 in
	json) cpu "$herald" -t json "$c" ;;
	tei) cpu "$herald" -t tei "$c" ;;
	segment-tei) cpu "$herald" -x segment -t tei "$c" ;;
	text) cpu "$herald" -t text "$c" ;;
	markdown) cpu "$herald" -t markdown "$c" ;;
	cmark) cpu cmark "$c" ;;
	cat) cpu cat "$c" ;;
	esac
}
have_cmark=1
command -v cmark > /dev/null 2>&1 || have_cmark=0
r=0
while [ "$r" -lt "$rounds" ]; do
	for l in $labels; do
		[ "$l" = cmark ] && [ "$have_cmark" = 0 ] && continue
		echo "$l $(run "$l")" >> "$work/times"
	done
	r=$((r + 1))
done

median() {
	awk -v l="$1" '$1 == l { print $2 }' "$work/times" | sort -n |
		awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}
[ "$have_cmark" = 1 ] && cmark_t=$(median cmark) || cmark_t=""
printf '%-18s %8s %9s %12s\n' "command" "CPU s" "MB/s" "vs cmark"
for l in $labels; do
	t=$(median "$l")
	[ -n "$t" ] || continue
	case $l in
	json|tei|text|markdown) name="-t $l" ;;
	segment-tei) name="-x segment -t tei" ;;
	*) name=$l ;;
	esac
	awk -v n="$name" -v t="$t" -v b="$bytes" -v c="$cmark_t" 'BEGIN {
		mbs = t > 0 ? sprintf("%9.1f", b / 1e6 / t) : "     inf"
		rel = (c != "" && t > 0) ? sprintf("%11.2fx", c / t) : "           -"
		printf "%-18s %8.3f %s %s\n", n, t, mbs, rel }'
done
[ "$have_cmark" = 1 ] || echo "(cmark not installed: no comparison)"

# Each writer alone: the model is read once, then written ROUNDS times.
"$top_builddir/libtool" --quiet --tag=CC --mode=link "${CC:-cc}" \
	${CFLAGS:--O2} -I"$top_srcdir/include" -o "$work/writers2-bench" \
	"$top_srcdir/bench/writers2-bench.c" "$top_builddir/libherald.la" \
	> "$work/link.log" 2>&1 || { cat "$work/link.log" >&2; exit 1; }
echo "writers2-bench: each writer alone (best of $rounds), MB/s of the input"
"$top_builddir/libtool" --mode=execute "$work/writers2-bench" "$c" "$rounds" \
	json json:pretty=false tei text markdown plain html
