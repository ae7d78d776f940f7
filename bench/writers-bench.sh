#!/bin/sh
# writers-bench.sh - herald's writers against cmark on the same bytes, in
# CPU time (user + system of the process, from wait4), median of
# WRITERS_BENCH_ROUNDS (default 3) rounds run interleaved, so that a
# change in the machine's load touches every row alike.
#
# The corpus: WRITERS_BENCH_COPIES (default 370) copies of the sample
# bulletins ($HERALD_SHARED/samples/*.txt, default ../shared beside the
# source tree), each followed by a blank line: about 20 MB, the corpus of
# issue 14.  Without them, the example bulletins repeated to 20 MB.
# cmark (Markdown to HTML, the C reference for this kind of work) reads
# the same bytes; cat is the floor.  Then each writer alone (the model
# read once, only the writing timed: bench/writer-bench.c), and the
# growth rows of the
# pathological table for the html writer at n = 64k and 128k, as the
# ratio t(2n) / t(n).
#
# A benchmark, not a test: it asserts nothing about speed.  A row is one
# line of ROWS below ("name|herald arguments"); the input comes on
# standard input.  Environment: CC, top_srcdir, top_builddir (default:
# the current folder when it holds libherald.la), HERALD_SHARED.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$(cd "$here/.." && pwd)}
build=${top_builddir:-$(pwd)}
cc=${CC:-cc}
copies=${WRITERS_BENCH_COPIES:-370}
rounds=${WRITERS_BENCH_ROUNDS:-3}
shared=${HERALD_SHARED:-$top/../shared}
herald="$build/herald"
if [ ! -x "$herald" ]; then
	echo "writers-bench: no herald in $build (set top_builddir)" >&2
	exit 1
fi
HERALD_PLUGIN_PATH=${HERALD_PLUGIN_PATH:-$build/plugins}
HERALD_LANG_PATH=${HERALD_LANG_PATH:-$top/data/lang}
export HERALD_PLUGIN_PATH HERALD_LANG_PATH
work=$(mktemp -d "${TMPDIR:-/tmp}/writers-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# The rows: name|arguments to herald.  WRITERS: the same writers timed
# alone (bench/writer-bench.c: the corpus read once, then only the
# writing), to tell the writer's share from the reader's.
ROWS='-s -t html|-q -s -t html
-t html|-q -t html'
WRITERS='html:standalone=true html'

"$cc" -O2 -o "$work/cputime" "$top/tests/pathological/cputime.c" ||
	{ echo "writers-bench: cannot build cputime" >&2; exit 1; }
"$build/libtool" --quiet --tag=CC --mode=link "$cc" -O2 -std=c99 \
	-I"$top/include" -o "$work/writer-bench" "$top/bench/writer-bench.c" \
	"$build/libherald.la" > "$work/link.log" 2>&1 ||
	{ cat "$work/link.log" >&2; exit 1; }

# --- the corpus -----------------------------------------------------------

seeds=$(ls "$shared"/samples/*.txt 2>/dev/null || true)
if [ -n "$seeds" ]; then
	what="$copies copies of $(echo $seeds | wc -w) sample(s) in $shared/samples"
else
	seeds=$(ls "$top"/examples/bulletins/*.txt)
	size=$(cat $seeds | wc -c)
	copies=$(( 20000000 / (size + 2 * $(echo $seeds | wc -w)) + 1 ))
	what="$copies copies of the example bulletins (no $shared/samples)"
fi
i=0
while [ "$i" -lt "$copies" ]; do
	for s in $seeds; do
		cat "$s"
		printf '\n\n'
	done
	i=$((i + 1))
done > "$work/corpus.txt"
bytes=$(wc -c < "$work/corpus.txt")
echo "writers-bench: $bytes bytes, $what; CPU seconds, median of $rounds"

# --- timing -----------------------------------------------------------------

# cpu IN COMMAND...: the CPU time of one run, reading IN; a failed run
# stops the benchmark (its time would mean nothing).
cpu() {
	in=$1
	shift
	"$work/cputime" "$in" "$work/out" "$@" 2> "$work/err" || {
		echo "writers-bench: failed: $* ($(head -c 300 "$work/err"))" >&2
		exit 1
	}
}

median() {
	sort -n "$1" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}

# The peers and the rows, one round at a time.
have_cmark=0
command -v cmark > /dev/null 2>&1 && have_cmark=1
r=0
while [ "$r" -lt "$rounds" ]; do
	cpu "$work/corpus.txt" cat >> "$work/t.cat"
	[ "$have_cmark" -eq 0 ] || cpu "$work/corpus.txt" cmark >> "$work/t.cmark"
	k=0
	echo "$ROWS" | while IFS='|' read -r name args; do
		k=$((k + 1))
		set -f
		# shellcheck disable=SC2086
		cpu "$work/corpus.txt" "$herald" $args >> "$work/t.row$k"
		set +f
	done
	r=$((r + 1))
done

report() {    # NAME SECONDS [PEER-SECONDS]
	awk -v name="$1" -v t="$2" -v peer="${3:-}" -v b="$bytes" 'BEGIN {
		mbs = t > 0 ? b / 1e6 / t : 0
		line = sprintf("%-22s %7.3f s %8.1f MB/s", name, t, mbs)
		if (peer != "" && t > 0)
			line = line sprintf("   %.2fx cmark", peer / t)
		print line }'
}

report cat "$(median "$work/t.cat")"
cmark_t=
if [ "$have_cmark" -eq 1 ]; then
	cmark_t=$(median "$work/t.cmark")
	report cmark "$cmark_t"
else
	echo "cmark                  (not installed: apt-get install cmark)"
fi
k=0
echo "$ROWS" | while IFS='|' read -r name args; do
	k=$((k + 1))
	report "herald $name" "$(median "$work/t.row$k")" "$cmark_t"
done

# shellcheck disable=SC2086
"$build/libtool" --mode=execute "$work/writer-bench" "$rounds" $WRITERS \
	< "$work/corpus.txt"

# --- growth: the html rows of the pathological table ---------------------------

gen_ids() {
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "Title\n\nText.\n\n\n" }'
}
gen_texts() {
	awk -v n="$1" 'BEGIN { printf "{\"herald\":2,\"root\":{\"type\":\"document\",\"children\":[{\"type\":\"paragraph\",\"children\":["
		for (i = 0; i < n; i++) printf "%s{\"type\":\"text\",\"text\":\"w%d \"}", (i ? "," : ""), i
		print "]}]}}" }'
}
growth() {    # NAME GENERATOR HERALD-ARGS...
	name=$1
	gen=$2
	shift 2
	for n in 65536 131072; do
		"$gen" "$n" > "$work/g.in"
		: > "$work/g.$n"
		r=0
		while [ "$r" -lt "$rounds" ]; do
			cpu "$work/g.in" "$herald" "$@" >> "$work/g.$n"
			r=$((r + 1))
		done
	done
	awk -v name="$name" -v a="$(median "$work/g.65536")" \
		-v b="$(median "$work/g.131072")" 'BEGIN {
		printf "%-22s n=64k %.3f s, 2n %.3f s, ratio %.2f\n", name, a, b,
		       b / (a > 0.001 ? a : 0.001) }'
}
echo "writers-bench: growth, CPU seconds at n and 2n (median of $rounds)"
growth "html ids" gen_ids -q -s -t html
growth "html text inlines" gen_texts -q -f json -t html
