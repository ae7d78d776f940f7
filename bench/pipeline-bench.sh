#!/bin/sh
# pipeline-bench.sh - the whole herald command against its peers, in CPU
# time, in one run.
#
# On a ~20 MB bulletin corpus (copies of ../shared/samples/*.txt beside
# the source tree; failing that, of examples/bulletins/*.txt) it times
# herald's writers (-x segment -t tei, -t text, -t json, -t markdown,
# -s -t html, -t tei) against cmark (Markdown to HTML on the same
# bytes), pandoc (on a tenth of them) and cat and wc (the I/O floor).
# Each figure is user+sys CPU seconds, the median of ROUNDS runs taken
# in turn (one run of each command, then the next round), printed as
# MB/s and as a ratio to cmark.  Then the start-up cost of one call
# (CALLS calls of a one-line conversion against as many of cat, and of
# herald --help, the program and its libraries alone), and the
# peak RSS of each 20 MB run against 4 x the input + 16 MiB.
#
# A peer that is not installed is skipped with a message.  A benchmark,
# not a test: it asserts nothing about speed.  Environment: top_srcdir,
# top_builddir (default: the current folder), PIPELINE_BENCH_MB (20),
# PIPELINE_BENCH_ROUNDS (3), PIPELINE_BENCH_CALLS (200).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$(cd "$here/.." && pwd)}
build=${top_builddir:-$(pwd)}
target_mb=${PIPELINE_BENCH_MB:-20}
rounds=${PIPELINE_BENCH_ROUNDS:-3}
calls=${PIPELINE_BENCH_CALLS:-200}

# The program itself, not libtool's wrapper script (a shell that would
# dominate every start-up figure): uninstalled, its libraries are found
# as the wrapper finds them.
if [ -x "$build/.libs/herald" ] && [ -f "$build/.libs/libherald.so" ]; then
	herald="$build/.libs/herald"
	LD_LIBRARY_PATH="$build/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
	export LD_LIBRARY_PATH
elif [ -x "$build/herald" ]; then
	herald="$build/herald"
else
	echo "pipeline-bench: no herald in $build (set top_builddir)" >&2
	exit 1
fi
HERALD_LANG_PATH="$top/data/lang"
export HERALD_LANG_PATH

work=$(mktemp -d "${TMPDIR:-/tmp}/pipeline-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

seeds=$(ls "$top"/../shared/samples/*.txt 2>/dev/null || true)
if [ -z "$seeds" ]; then
	seeds=$(ls "$top"/examples/bulletins/*.txt 2>/dev/null || true)
fi
if [ -z "$seeds" ]; then
	echo "pipeline-bench: no bulletins to build a corpus from" >&2
	exit 1
fi
# shellcheck disable=SC2086
cat $seeds > "$work/seed.txt"
size=$(wc -c < "$work/seed.txt")
copies=$(( target_mb * 1000000 / size + 1 ))
i=0
while [ "$i" -lt "$copies" ]; do
	cat "$work/seed.txt"
	i=$((i + 1))
done > "$work/corpus.txt"
tenth=$(( copies / 10 + 1 ))
i=0
while [ "$i" -lt "$tenth" ]; do
	cat "$work/seed.txt"
	i=$((i + 1))
done > "$work/tenth.txt"
bytes=$(wc -c < "$work/corpus.txt")
tenth_bytes=$(wc -c < "$work/tenth.txt")
printf 'One line of text.\n' > "$work/one-line.txt"

# cpu_of OUT CMD...: run CMD (output discarded) and append its user+sys
# CPU seconds to OUT, its peak RSS in KiB to OUT.rss and its user
# seconds to OUT.user (the system's share is where this VM's noise is:
# faulting memory in costs from nothing to a third of a run).  wait4()'s
# rusage (through python3, compare-builds.py --once) has microseconds;
# /usr/bin/time and the shell's times, the fallbacks, only hundredths.
if command -v python3 >/dev/null 2>&1; then
	cpu_of() {
		out=$1
		shift
		python3 "$here/compare-builds.py" --once "$@" </dev/null \
			> "$work/time"
		awk '{ print $1 }' "$work/time" >> "$out"
		awk '{ print $2 }' "$work/time" >> "$out.rss"
		awk '{ print $3 }' "$work/time" >> "$out.user"
	}
elif [ -x /usr/bin/time ] && /usr/bin/time -f '%M' true 2>/dev/null; then
	cpu_of() {
		out=$1
		shift
		/usr/bin/time -f '%U %S %M' -o "$work/time" "$@" </dev/null >/dev/null 2>&1 ||
			true
		awk '{ print $1 + $2 }' "$work/time" >> "$out"
		awk '{ print $3 }' "$work/time" >> "$out.rss"
		awk '{ print $1 }' "$work/time" >> "$out.user"
	}
else
	cpu_of() {
		out=$1
		shift
		# The second line of times: the CPU of this subshell's children.
		( "$@" </dev/null >/dev/null 2>&1 || true; times ) | tail -n 1 |
			awk '{ for (i = 1; i <= 2; i++) {
			         split($i, t, "m"); sub("s", "", t[2]); s += t[1] * 60 + t[2] }
			       print s }' >> "$out"
	}
fi

median() {   # FILE: the median of its numbers
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# The commands: a name, then the command; "@" stands for the corpus.
have() { command -v "$1" >/dev/null 2>&1; }
set_commands() {
	cat <<EOF
cat|cat @
wc|wc @
herald -x segment -t tei|$herald -x segment -t tei @
herald -t text|$herald -t text @
herald -t json|$herald -t json @
herald -t markdown|$herald -t markdown @
herald -s -t html|$herald -s -t html @
herald -t tei|$herald -t tei @
EOF
	if have cmark; then echo "cmark|cmark @"; fi
	if have pandoc; then echo "pandoc (a tenth)|pandoc -f markdown -t html @tenth"; fi
}
have cmark || echo "pipeline-bench: cmark not installed; no ratios to it (apt-get install cmark)"
have pandoc || echo "pipeline-bench: pandoc not installed; skipped"
set_commands > "$work/commands"

echo "pipeline-bench: $bytes bytes ($copies copies of the seed), $rounds rounds"
r=0
while [ "$r" -lt "$rounds" ]; do
	n=0
	while IFS='|' read -r name cmd; do
		n=$((n + 1))
		input="$work/corpus.txt"
		case $cmd in *@tenth) input="$work/tenth.txt" ;; esac
		# shellcheck disable=SC2086
		set -- ${cmd% @*}
		cpu_of "$work/cpu.$n" "$@" "$input"
	done < "$work/commands"
	r=$((r + 1))
done

cmark_rate=
n=0
while IFS='|' read -r name cmd; do
	n=$((n + 1))
	case $name in cmark) cmark_rate=$(median "$work/cpu.$n" |
		awk -v b="$bytes" '{ print ($1 > 0 ? b / $1 / 1e6 : 0) }') ;; esac
done < "$work/commands"

printf '%-26s %9s %9s %9s %10s %9s\n' command 'CPU s' 'MB/s' 'x cmark' 'peak RSS' 'user s'
n=0
while IFS='|' read -r name cmd; do
	n=$((n + 1))
	b=$bytes
	case $cmd in *@tenth) b=$tenth_bytes ;; esac
	s=$(median "$work/cpu.$n")
	rss=-
	user=-
	if [ -f "$work/cpu.$n.user" ]; then
		user=$(median "$work/cpu.$n.user" | awk '{ printf "%.3f", $1 }')
	fi
	if [ -f "$work/cpu.$n.rss" ]; then
		rss="$(sort -n "$work/cpu.$n.rss" | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }') MiB"
	fi
	awk -v name="$name" -v s="$s" -v b="$b" -v c="${cmark_rate:-0}" -v rss="$rss" \
	    -v user="$user" 'BEGIN {
		rate = s > 0 ? b / s / 1e6 : 0
		ratio = c > 0 ? sprintf("%.2f", rate / c) : "-"
		printf "%-26s %9.3f %9.1f %9s %10s %9s\n", name, s, rate, ratio, rss, user }'
done < "$work/commands"
awk -v b="$bytes" 'BEGIN { printf "peak RSS target: 4 x input + 16 MiB = %.0f MiB\n",
	(4 * b + 16 * 1048576) / 1048576 }'

# Start-up: calls one-line conversions against as many cats, in turn,
# in CPU ms a call (wait4's microseconds through python3 when there is
# one, else the shell's times).
startup() {   # OUT CMD...
	out=$1
	shift
	if command -v python3 >/dev/null 2>&1; then
		python3 "$here/compare-builds.py" --once --calls "$calls" \
			"$@" "$work/one-line.txt" | awk '{ print $1 * 1000 }' >> "$out"
		return
	fi
	( i=0
	  while [ "$i" -lt "$calls" ]; do
		"$@" "$work/one-line.txt" >/dev/null 2>&1 || true
		i=$((i + 1))
	  done
	  times ) | tail -n 1 | awk -v n="$calls" '{ for (i = 1; i <= 2; i++) {
		split($i, t, "m"); sub("s", "", t[2]); s += t[1] * 60 + t[2] }
		print s * 1000 / n }' >> "$out"
}
# herald --help is the floor of the program and the libraries it links,
# before any plugin, pack or input is opened.  Each round's herald and
# cat run back to back, so their ratio is taken per round too: on a
# machine whose speed drifts from minute to minute (a VM's), the median
# of those ratios moves less than the ratio of the medians.
r=0
while [ "$r" -lt "$rounds" ]; do
	startup "$work/start.herald" "$herald" -t text
	startup "$work/start.help" "$herald" --help
	startup "$work/start.cat" cat
	paste "$work/start.herald" "$work/start.cat" | tail -n 1 |
		awk '{ print ($2 > 0 ? $1 / $2 : 0) }' >> "$work/start.ratio"
	r=$((r + 1))
done
h=$(median "$work/start.herald")
f=$(median "$work/start.help")
c=$(median "$work/start.cat")
q=$(median "$work/start.ratio")
awk -v h="$h" -v f="$f" -v c="$c" -v q="$q" -v n="$calls" 'BEGIN {
	printf "start-up, CPU ms per call (median of %d rounds of %d calls): herald -t text %.2f, cat %.2f: %.2f x cat (herald --help %.2f: %.2f x cat); median of the per-round ratios %.2f x cat\n",
		'"$rounds"', n, h, c, (c > 0 ? h / c : 0), f, (c > 0 ? f / c : 0), q }'
