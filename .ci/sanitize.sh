#!/bin/sh
# The whole test suite again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer in _build-asan/ (beside _build/, sharing
# nothing with it).  Any report fails the test that triggered it: ASan
# aborts on the first error, UBSan too (-fno-sanitize-recover), and
# LeakSanitizer makes a leaking process exit non-zero.  Ends with a line
# "asan: N passed, N failed, N skipped".
#
# HERALD_SANITIZE=1 tells a test it runs under the sanitizers, so that
# one that cannot (a valgrind run: two checkers of memory cannot share a
# process) can skip itself saying why.  None needs to today: the one
# skipped test, tests/sdk/static.sh, skips in every shared build.
# Timed tests (tests/pathological/) judge growth ratios, which ASan's
# slow-down leaves as they are; they run at a quarter of their sizes
# here (about 70 s of CPU time for the whole table).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/.ci/deps.sh" || exit 1
cd "$top"
[ -x configure ] || autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
mkdir -p _build-asan
cd _build-asan
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
# -O1 keeps ASan's slow-down near 2x; -g names lines in its reports.
[ -f Makefile ] || ../configure -q CFLAGS="-g -O1 $san" CXXFLAGS="-g -O1 $san" \
	LDFLAGS="$san" 2>configure.err || { cat configure.err >&2; exit 1; }
make -s -j"$(nproc)" >/dev/null || exit 1
export HERALD_SANITIZE=1
# detect_leaks: leaks fail the run; abort_on_error off so a report ends
# the process with an exit status the test sees rather than a core dump.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
exec "$top/.ci/check.sh" "asan: "
