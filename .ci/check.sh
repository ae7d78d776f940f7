#!/bin/sh
# Run `make check` in the current build folder and summarise it: every
# test's result, the logs of those that failed, and a last line
# "[PREFIX]N passed, N failed, N skipped".  Exits with make's status.
# Used by test.sh (the README's test command) and sanitize.sh.
set -u
prefix=${1:-}
make -s -j"$(nproc)" check >check.out 2>&1
status=$?
# A test run as root once left /dev/null a regular file; say so loudly,
# since every later redirection would then fill a file.
for dev in /dev/null /dev/full; do
  [ -c "$dev" ] || { echo "check: $dev is no longer a device after the tests" >&2; status=1; }
done
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
echo "$prefix$pass passed, $fail failed, $skip skipped"
exit $status
