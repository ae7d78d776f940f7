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

# The disk folder: ARCHIVE_BENCH_DISK, by default the build folder rather
# than TMPDIR.  On a machine whose /tmp many people fill and empty, ext4
# gives new files there only after skipping every inode freed in the
# last seconds (recently_deleted() in its allocator, a third of a run's
# CPU time when measured): the folder's cost, not herald's.
disk_root=${ARCHIVE_BENCH_DISK:-$top_builddir}
work=$(mktemp -d "${TMPDIR:-/tmp}/archive-bench.XXXXXX")
disk=$(mktemp -d "$disk_root/archive-bench.XXXXXX")
shm=""
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/archive-bench.XXXXXX)
fi
trap 'rm -rf "$work" "$disk" ${shm:+"$shm"}' EXIT
trap 'exit 1' INT TERM HUP

sh "$top_srcdir/bench/gen-archive.sh" "$work/in" "$docs"
bytes=$(find "$work/in" -type f -exec cat {} + | wc -c)

# Seconds since the epoch, with nanoseconds where date has them.
now() {
	date +%s.%N 2>/dev/null | sed 's/\.N$//; s/\.%N$//'
}

timer=""
if [ -x /usr/bin/time ] && /usr/bin/time -f '%U %S' -o /dev/null true 2>/dev/null; then
	timer=/usr/bin/time
fi

# one_round OUT ARGS...: "WALL CPU" of one run into the new folder OUT, in
# seconds (CPU: user + system, from /usr/bin/time when there; "-"
# without it).  Outputs are removed at the very end only, so that no run
# creates its files where the previous one just deleted its own.
one_round() {
	out=$1
	shift
	t0=$(now)
	if [ -n "$timer" ]; then
		"$timer" -f '%U %S' -o "$work/cpu" "$herald" -q -r "$@" -o "$out" "$work/in"
	else
		"$herald" -q -r "$@" -o "$out" "$work/in"
	fi || { echo "archive-bench.sh: herald $* failed" >&2; exit 1; }
	t1=$(now)
	c=-
	[ -z "$timer" ] || c=$(awk 'END { print $1 + $2 }' "$work/cpu")
	awk -v a="$t0" -v b="$t1" -v c="$c" 'BEGIN { print b - a, c }'
}

# better "WALL CPU" "WALL CPU": the one with the lower wall time.
better() {
	awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ");
		print (a == "" || y[1] + 0 < x[1] + 0) ? b : a }'
}

report() {   # report LABEL "WALL CPU"(-j 1) "WALL CPU"(-j 2)
	awk -v label="$1" -v a="$2" -v b="$3" -v docs="$docs" -v bytes="$bytes" 'BEGIN {
		split(a, x, " "); split(b, y, " ")
		printf "%-34s -j 1: %7.1f docs/s %5.2f MB/s (%.2f s CPU)   -j 2: %7.1f docs/s %5.2f MB/s (%.2f s CPU)   speed-up %.2fx\n",
			label, docs / x[1], bytes / 1e6 / x[1], x[2], docs / y[1], bytes / 1e6 / y[1], y[2], x[1] / y[1]
	}'
}

# bench CHAIN: -j 1 and -j 2, on disk and (when there) in memory, the
# rounds interleaved (disk, memory, disk, ...) so that a machine whose
# load changes meanwhile weighs on both alike; the best round of each.
# The results go to $work/res-WHERE-J.
n=0
bench() {
	for j in 1 2; do
		bd=""
		bm=""
		r=0
		while [ "$r" -lt "$rounds" ]; do
			n=$((n + 1))
			# shellcheck disable=SC2086
			bd=$(better "$bd" "$(one_round "$disk/$n" -j "$j" $1)")
			if [ -n "$shm" ] && [ "$2" = both ]; then
				# shellcheck disable=SC2086
				bm=$(better "$bm" "$(one_round "$shm/$n" -j "$j" $1)")
			fi
			r=$((r + 1))
		done
		echo "$bd" > "$work/res-disk-$j"
		echo "$bm" > "$work/res-memory-$j"
	done
	report "$1 (disk)" "$(cat "$work/res-disk-1")" "$(cat "$work/res-disk-2")"
	if [ -n "$shm" ] && [ "$2" = both ]; then
		report "$1 (memory)" "$(cat "$work/res-memory-1")" "$(cat "$work/res-memory-2")"
		for j in 1 2; do
			awk -v label="$1" -v j="$j" -v d="$(cat "$work/res-disk-$j")" \
				-v m="$(cat "$work/res-memory-$j")" 'BEGIN { split(d, x, " "); split(m, y, " ");
				printf "  disk / memory, -j %d: %.2fx wall, %.2fx CPU\n", j, x[1] / y[1], x[2] / y[2] }'
		done
	fi
}

echo "archive: $docs bulletins, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }'); $(nproc 2>/dev/null || echo '?') cores; best of $rounds; load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'); disk: $disk_root"
bench "-t html" both
bench "-x segment -t html" both
if "$herald" --help | grep -q -e --fsync; then
	bench "--fsync=each -t html" disk
	bench "--fsync=none -t html" disk
fi
