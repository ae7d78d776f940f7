# common.sh - sourced by the tests/cli scripts: where herald is, a scratch
# folder removed on exit, and check/expect helpers that count results.
# The scripts run under `make check`, which sets top_srcdir, top_builddir
# and HERALD_PLUGIN_PATH; they skip (77) when herald or plain is missing.
set -u
herald="${top_builddir:-.}/herald"
srcdir="${top_srcdir:-.}"
[ -x "$herald" ] || { echo "SKIP: no $herald"; exit 77; }
"$herald" --describe plain >/dev/null 2>&1 ||
	{ echo "SKIP: the plain plugin is not built"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
passed=0 failed=0

# check DESCRIPTION STATUS: STATUS is that of the check just made.
check() {
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1))
	else
		echo "FAIL: $1"
		failed=$((failed + 1))
	fi
}

# run ARGS...: herald with stdout, stderr and the exit status kept in
# $tmp/out, $tmp/err and $status.
run() {
	"$herald" "$@" > "$tmp/out" 2> "$tmp/err"
	status=$?
}

# expect_status WANT DESCRIPTION
expect_status() {
	[ "$status" -eq "$1" ]
	check "$2 (exit $status, wanted $1)" $?
	[ "$status" -eq "$1" ] || sed 's/^/  stderr: /' "$tmp/err"
}

# expect_in FILE PATTERN DESCRIPTION (grep -E)
expect_in() {
	grep -q -E -e "$2" "$1"
	check "$3" $?
}

expect_empty() {   # FILE DESCRIPTION
	[ ! -s "$1" ]
	check "$2" $?
	[ ! -s "$1" ] || sed 's/^/  got: /' "$1"
}

has_plugin() {
	"$herald" --describe "$1" >/dev/null 2>&1
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
