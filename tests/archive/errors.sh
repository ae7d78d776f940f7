#!/bin/sh
# Where outputs cannot go, or inputs are not there: a clear message naming
# the path, and the exit status herald --help promises (1: a document could
# not be converted or written, 2: a usage error).
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 4 || fail "gen-archive.sh failed"
one="$work/in/2020/01/bulletin-2020-01-01.txt"

# An output folder below a regular file: mkdir cannot make it, even as root.
: > "$work/a-file"
run -r -t html -o "$work/a-file/out" "$work/in"
expect_status 1 "output folder below a file"
expect_err "^herald: $work/a-file/out: error: cannot write to this folder: Not a directory" \
	"output folder below a file"
# The output folder is itself a file.
run -r -t html -o "$work/a-file" "$work/in"
expect_status 1 "output folder is a file"
expect_err "^herald: $work/a-file: error: cannot write to this folder: Not a directory" \
	"output folder is a file"
[ ! -s "$work/a-file" ] || fail "the file named as output folder was written"

# A folder without write permission: root ignores permissions, so only an
# ordinary user can see this refused.
mkdir "$work/read-only"
chmod 555 "$work/read-only"
if [ "$(id -u)" -eq 0 ]; then
	echo "note: running as root, which may write anywhere: read-only folder not checked"
else
	run -r -t html -o "$work/read-only" "$work/in"
	expect_status 1 "read-only output folder"
	expect_err "^herald: $work/read-only: error: cannot write to this folder: Permission denied" \
		"read-only output folder"
	[ -z "$(ls -A "$work/read-only")" ] || fail "files written in a read-only folder"
fi

# A single output file: its missing folders are made, but not below a file.
run -t html -o "$work/new/folder/out.html" "$one"
expect_status 0 "output file in a new folder"
[ -s "$work/new/folder/out.html" ] || fail "output file in a new folder: not written"
run -t html -o "$work/a-file/out.html" "$one"
expect_status 1 "output file below a file"
expect_err "^herald: $one: error: $work/a-file/out.html: cannot create output: Not a directory" \
	"output file below a file"

# Missing inputs.
run -t html "$work/missing.txt"
expect_status 1 "a missing input"
expect_err "^herald: $work/missing.txt: error: cannot open: No such file or directory" \
	"a missing input"
[ ! -s "$work/stdout" ] || fail "a missing input wrote output"
run -r -t html -o "$work/out1" "$work/no-such-folder"
expect_status 1 "a missing folder with -r"
expect_err "$work/no-such-folder.*No such file or directory" "a missing folder with -r"
# A folder without -r.
run -t html -o "$work/out2/" "$work/in"
expect_status 2 "a folder without -r"
expect_err "^herald: $work/in: error: is a directory (use -r" "a folder without -r"
# A folder with nothing a reader takes.
mkdir "$work/empty"
run -r -t html -o "$work/out3" "$work/empty"
expect_status 1 "an empty folder"
expect_err "^herald: error: no input files found" "an empty folder"

# Usage errors (2): an output that is an input, two inputs for one output.
run -r -t text -o "$work/in" "$work/in"
expect_status 2 "output folder over its own inputs"
expect_err "this output is an input; refusing to overwrite it" "output over input"
cp "$one" "$work/copy.txt"
mkdir "$work/other"
cp "$one" "$work/other/copy.txt"
run -t html -o "$work/out4/" "$work/copy.txt" "$work/other/copy.txt"
expect_status 2 "two inputs, one output name"
expect_err "both .*copy.txt and .*copy.txt would be written here" "two inputs, one output"
run -j 0 "$one"
expect_status 2 "-j 0"
expect_err "^herald: error: -j needs a number from 1 to 1024" "-j 0"
echo "ok: unwritable outputs and missing inputs are refused clearly"
