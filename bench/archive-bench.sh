#!/bin/sh
# archive-bench.sh - documents/s and MB/s of herald converting a whole
# archive (herald -r -o FOLDER), with one worker and with two, plain and
# with the segment transform, and the speed-up of -j 2 over -j 1.
#
# The archive is made by bench/gen-archive.sh (ARCHIVE_BENCH_DOCS
# bulletins, default 2000).  Each configuration runs ARCHIVE_BENCH_ROUNDS
# times (default 2) into a fresh folder; the best time counts.  Outputs go
# to a folder on disk (TMPDIR) and, when /dev/shm is there, to memory as
# well: every output is fsync'ed before its rename (doc/archives.md), so on
# disk the time is mostly the disk's, in memory mostly the conversion's.
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
rounds=${ARCHIVE_BENCH_ROUNDS:-2}
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

# best_time OUTROOT ARGS...: the best wall time of the rounds, in seconds.
best_time() {
	root=$1
	shift
	best=""
	r=0
	while [ "$r" -lt "$rounds" ]; do
		rm -rf "$root/out"
		t0=$(now)
		"$herald" -q -r "$@" -o "$root/out" "$work/in" ||
			{ echo "archive-bench.sh: herald $* failed" >&2; exit 1; }
		t1=$(now)
		best=$(awk -v a="$t0" -v b="$t1" -v best="$best" \
			'BEGIN { t = b - a; if (best == "" || t < best + 0) best = t; print best }')
		r=$((r + 1))
	done
	rm -rf "$root/out"
	echo "$best"
}

report() {   # report LABEL SECONDS-J1 SECONDS-J2
	awk -v label="$1" -v t1="$2" -v t2="$3" -v docs="$docs" -v bytes="$bytes" 'BEGIN {
		printf "%-28s -j 1: %7.1f docs/s %6.2f MB/s   -j 2: %7.1f docs/s %6.2f MB/s   speed-up %.2fx\n",
			label, docs / t1, bytes / 1e6 / t1, docs / t2, bytes / 1e6 / t2, t1 / t2
	}'
}

bench_in() {   # bench_in ROOT WHERE
	for chain in "-t html" "-x segment -t html"; do
		# shellcheck disable=SC2086
		t1=$(best_time "$1" -j 1 $chain)
		# shellcheck disable=SC2086
		t2=$(best_time "$1" -j 2 $chain)
		report "$chain ($2)" "$t1" "$t2"
	done
}

echo "archive: $docs bulletins, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }'); $(nproc 2>/dev/null || echo '?') cores; best of $rounds"
bench_in "$work" disk
if [ -n "$shm" ]; then
	bench_in "$shm" memory
fi
