# lib.sh - what the tests/sdk scripts share; sourced, not run.  Builds on
# tests/cli/common.sh (herald, tmp, check, finish) and adds: src, build,
# CC, a UTF-8 locale, and the file assertions same and has.  HERALD, when
# set, names the herald to test instead of the build tree's (installcheck).
. "${top_srcdir:-.}/tests/cli/common.sh"
src="$srcdir"
build="${top_builddir:-.}"
herald="${HERALD:-$herald}"
[ -x "$herald" ] || { echo "SKIP: no $herald"; exit 77; }
CC="${HERALD_SDK_CC:-${CC:-cc}}"
LC_ALL=C.UTF-8
export LC_ALL

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
