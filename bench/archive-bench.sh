#!/bin/sh
# archive-bench.sh - documents/s and MB/s of herald converting a whole
# archive (herald -r -o FOLDER), with one worker and with two, plain and
# with the segment transform, and the speed-up of -j 2 over -j 1.
#
# The archive is made by bench/gen-archive.sh (ARCHIVE_BENCH_DOCS
# bulletins, default 2000).  Each configuration runs ARCHIVE_BENCH_ROUNDS
# times (default 3) into a fresh folder; the best wall time counts, shown
# with that round's CPU time (user + system).  Outputs go to a folder on
# disk (TMPDIR) and, when /dev/shm is there, to memory as well; on disk
# also with --fsync=each (one fsync per output, what herald did before
# --fsync=batch) and none (no sync: the floor), when herald has --fsync.
# Then the ratio of disk to memory for each: what durability costs.
# A benchmark, not a test: it asserts nothing about speed.
#
# Environment: top_srcdir, top_builddir (default: this script's tree and
# the current folder), HERALD_PLUGIN_PATH.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(cd "$here/.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
herald="$top_builddir/herald"
docs=${ARCHIVE_BENCH_DOCS:-2000}
rounds=${ARCHIVE_BENCH_ROUNDS:-3}
if [ ! -x "$herald" ]; then
	echo "archive-bench.sh: no $herald (run from the build folder, or set top_builddir)" >&2
	exit 1
fi
: "${HERALD_PLUGIN_PATH:=$top_builddir/plugins}"
export HERALD_PLUGIN_PATH

work=$(mktemp -d "${TMPDIR:-/tmp}/archive-bench.XXXXXX")
shm=""
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/archive-bench.XXXXXX)
fi
trap 'rm -rf "$work" ${shm:+"$shm"}' EXIT
trap 'exit 1' INT TERM HUP

sh "$top_srcdir/bench/gen-archive.sh" "$work/in" "$docs"
bytes=$(find "$work/in" -type f -exec cat {} + | wc -c)

# Seconds since the epoch, with nanoseconds where date has them.
now() {
	date +%s.%N 2>/dev/null | sed 's/\.N$//; s/\.%N$//'
}

# best_time OUTROOT ARGS...: "WALL CPU" of the round with the best wall
# time, in seconds (CPU: user + system, from /usr/bin/time when there;
# "-" without it).
timer=""
if [ -x /usr/bin/time ] && /usr/bin/time -f '%U %S' -o /dev/null true 2>/dev/null; then
	timer=/usr/bin/time
fi
best_time() {
	root=$1
	shift
	best=""
	cpu=-
	r=0
	while [ "$r" -lt "$rounds" ]; do
		rm -rf "$root/out"
		t0=$(now)
		if [ -n "$timer" ]; then
			"$timer" -f '%U %S' -o "$work/cpu" "$herald" -q -r "$@" -o "$root/out" "$work/in"
		else
			"$herald" -q -r "$@" -o "$root/out" "$work/in"
		fi || { echo "archive-bench.sh: herald $* failed" >&2; exit 1; }
		t1=$(now)
		c=-
		[ -z "$timer" ] || c=$(awk 'END { print $1 + $2 }' "$work/cpu")
		line=$(awk -v a="$t0" -v b="$t1" -v best="$best" -v c="$c" -v bc="$cpu" \
			'BEGIN { t = b - a; if (best == "" || t < best + 0) print t, c; else print best, bc }')
		best=${line% *}
		cpu=${line#* }
		r=$((r + 1))
	done
	rm -rf "$root/out"
	echo "$best $cpu"
}

report() {   # report LABEL "WALL CPU"(-j 1) "WALL CPU"(-j 2)
	awk -v label="$1" -v a="$2" -v b="$3" -v docs="$docs" -v bytes="$bytes" 'BEGIN {
		split(a, x, " "); split(b, y, " ")
		printf "%-34s -j 1: %7.1f docs/s %5.2f MB/s (%.2f s CPU)   -j 2: %7.1f docs/s %5.2f MB/s (%.2f s CPU)   speed-up %.2fx\n",
			label, docs / x[1], bytes / 1e6 / x[1], x[2], docs / y[1], bytes / 1e6 / y[1], y[2], x[1] / y[1]
	}'
}

# The wall times, kept for the disk / memory ratios: $results/LABEL-J.
results="$work/results"
mkdir -p "$results"
bench_in() {   # bench_in ROOT WHERE CHAIN...
	root=$1
	where=$2
	shift 2
	for chain in "$@"; do
		# shellcheck disable=SC2086
		t1=$(best_time "$root" -j 1 $chain)
		# shellcheck disable=SC2086
		t2=$(best_time "$root" -j 2 $chain)
		report "$chain ($where)" "$t1" "$t2"
		key=$(echo "$chain" | tr -c 'a-z0-9\n' _)
		echo "$t1" > "$results/$where-$key-1"
		echo "$t2" > "$results/$where-$key-2"
	done
}

echo "archive: $docs bulletins, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }'); $(nproc 2>/dev/null || echo '?') cores; best of $rounds; load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
fsync_modes=""
if "$herald" --help | grep -q -e --fsync; then
	fsync_modes=yes
	bench_in "$work" disk "-t html" "-x segment -t html" "--fsync=each -t html" "--fsync=none -t html"
else
	bench_in "$work" disk "-t html" "-x segment -t html"
fi
if [ -n "$shm" ]; then
	bench_in "$shm" memory "-t html" "-x segment -t html"
	# Durability's price: the same run on disk (--fsync=batch, the
	# default, and each) against memory, where syncing costs nothing.
	for chain in "-t html" "-x segment -t html" ${fsync_modes:+"--fsync=each -t html"}; do
		key=$(echo "$chain" | tr -c 'a-z0-9\n' _)
		mem=$(echo "$chain" | sed 's/--fsync=each //' | tr -c 'a-z0-9\n' _)
		for j in 1 2; do
			awk -v label="$chain" -v j="$j" -v d="$(cut -d' ' -f1 "$results/disk-$key-$j")" \
				-v m="$(cut -d' ' -f1 "$results/memory-$mem-$j")" \
				'BEGIN { printf "disk / memory, %-28s -j %d: %.2fx\n", label, j, d / m }'
		done
	done
fi
