# common.sh - sourced by the archive tests (tests/archive/*.sh).
#
# Gives: $herald, $gen (bench/gen-archive.sh), $work (a temporary folder
# removed on exit), fail, skip, and helpers.  Tests run with top_srcdir,
# top_builddir and HERALD_PLUGIN_PATH set by `make check`.
set -u

: "${top_srcdir:?run through make check (top_srcdir unset)}"
: "${top_builddir:?run through make check (top_builddir unset)}"
herald="$top_builddir/herald"
gen="$top_srcdir/bench/gen-archive.sh"
shared="${HERALD_SHARED:-$top_srcdir/../shared}"

work=$(mktemp -d "${TMPDIR:-/tmp}/herald-archive.XXXXXX") || exit 99
# chmod first: a sub-check may leave a folder without write permission.
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# Run herald, keeping stdout, stderr and the exit status in $work/stdout,
# $work/stderr and $rc.
run() {
	rc=0
	"$herald" "$@" > "$work/stdout" 2> "$work/stderr" || rc=$?
}

expect_status() {
	[ "$rc" -eq "$1" ] ||
		fail "$2: exit status $rc, expected $1; stderr: $(cat "$work/stderr")"
}

expect_err() {
	grep -q -e "$1" "$work/stderr" ||
		fail "$2: stderr lacks '$1': $(cat "$work/stderr")"
}

# The files below a folder, relative to it, sorted; hidden ones left out.
files_below() {
	(cd "$1" && find . -type f ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort)
}

# The extension of the files a writer writes.
extension_of() {
	"$herald" --describe "$1" | sed -n 's/^  writes: \.//p'
}

# The order shards of N run in, for N = 1, 3 and 4 (not 0..N-1: any order
# must do).
order_of() {
	case $1 in
	1) echo 0 ;;
	3) echo 2 0 1 ;;
	4) echo 3 1 0 2 ;;
	*) fail "order_of: no order for $1 shards" ;;
	esac
}
