#!/bin/sh
# Set up, build and run the whole test suite; ends with a line
# "N passed, N failed, N skipped".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/.ci/build.sh" || exit 1
cd "$top/_build"
make -s -j"$(nproc)" check >check.out 2>&1
status=$?
grep -E '^(PASS|FAIL|XFAIL|XPASS|SKIP|ERROR):' check.out
if [ $status -ne 0 ]; then
  # Show what failed, from each failing test's own log.
  for log in $(grep -l -E '^:test-result: (FAIL|ERROR)' $(find . -name '*.trs') 2>/dev/null); do
    echo "=== ${log%.trs}.log"; tail -n 40 "${log%.trs}.log"
  done
  tail -n 30 check.out
fi
count() { grep -cE "^$1:" check.out; }
pass=$(count PASS); fail=$(($(count FAIL) + $(count ERROR) + $(count XPASS)))
skip=$(count SKIP)
[ $status -ne 0 ] && [ "$fail" -eq 0 ] && fail=1
echo "$pass passed, $fail failed, $skip skipped"
exit $status
