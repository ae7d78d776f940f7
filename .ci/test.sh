#!/bin/sh
# Set up, build and run the whole test suite; ends with a line
# "N passed, N failed, N skipped".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/.ci/build.sh" || exit 1
cd "$top/_build"
exec "$top/.ci/check.sh"
