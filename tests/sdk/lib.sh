# lib.sh - what the tests/sdk scripts share; sourced, not run.
# Sets: src, build, herald, tmp (removed at exit); defines check, finish.
set -u
src="${top_srcdir:-.}"
build="${top_builddir:-.}"
herald="${HERALD:-$build/herald}"
CC="${HERALD_SDK_CC:-${CC:-cc}}"
LC_ALL=C.UTF-8
export LC_ALL
tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-sdk.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0 failed=0

# check NAME STATUS: count one assertion; STATUS 0 is a pass.
check() {
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1))
	else
		echo "FAIL: $1"
		failed=$((failed + 1))
	fi
}

# same NAME FILE WANT-FILE: the two files are equal (diff shown if not).
same() {
	if diff -u "$3" "$2"; then check "$1" 0; else check "$1" 1; fi
}

# has NAME FILE TEXT: FILE holds TEXT (a fixed string).
has() {
	if grep -qF -- "$3" "$2"; then check "$1" 0; else
		echo "--- $2:"; cat "$2"; check "$1" 1
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

[ -x "$herald" ] || { echo "SKIP: no $herald"; exit 77; }
