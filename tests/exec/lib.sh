# lib.sh - sourced by the tests/exec scripts: tests/cli/common.sh's
# helpers, and a skip when the exec or json plugin is not built.
. "${top_srcdir:-.}/tests/cli/common.sh"
for p in exec json bulletin text; do
	has_plugin "$p" || { echo "SKIP: the $p plugin is not built"; exit 77; }
done
bulletins="$srcdir/examples/bulletins"
filters="$srcdir/examples/filters"

# script NAME BODY: an executable sh script $tmp/NAME, so that commands
# need no quoting inside the option value.
script() {
	printf '#!/bin/sh\n%s\n' "$2" > "$tmp/$1"
	chmod +x "$tmp/$1"
}
