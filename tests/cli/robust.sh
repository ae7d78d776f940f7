#!/bin/sh
# robust.sh - issue 15's faults in the command, one check group each:
#   1  -o onto a FIFO, a device, a symlink: never replaced by a file
#   5  file names with a newline or ESC are quoted in messages
#   6  '-dash.txt': the real unknown option, and how to name the file
#   8  UTF-16 with a BOM is read, not refused
#   10 -q prints no warnings; a corrupt .la is reported
. "${top_srcdir:-.}/tests/cli/common.sh"

printf 'Title\n\nSome text here.\n' > "$tmp/in.txt"
has_plugin text || { echo "SKIP: no text writer"; exit 77; }
# Absolute, for the runs from inside $tmp.
case $herald in /*) ;; *) herald="$(pwd)/$herald" ;; esac

# --- 6: a file whose name starts with '-' ---------------------------------
cp "$tmp/in.txt" "$tmp/-dash.txt"
for args in "-t text -dash.txt" "-dash.txt"; do
	# shellcheck disable=SC2086
	(cd "$tmp" && "$herald" $args > out 2> err)
	status=$?
	expect_status 2 "herald $args"
	expect_in "$tmp/err" "^herald: error: unknown option '-d'$" \
		"herald $args: names -d, the real unknown option"
	expect_in "$tmp/err" "'-- -dash.txt' or './-dash.txt'" \
		"herald $args: suggests -- and ./-dash.txt"
	grep -q "option 'text'\|herald\.\|/herald'" "$tmp/err"
	check "herald $args: names no argument nor the program" $((! $?))
done
(cd "$tmp" && "$herald" -t text -- -dash.txt > out 2> err)
check "'-- -dash.txt' converts the file" $?
expect_in "$tmp/out" "Some text here" "'-- -dash.txt': its text"
run -Z
expect_in "$tmp/err" "^herald: error: unknown option '-Z'$" "-Z alone: no file hint"
run -sZ
expect_in "$tmp/err" "unknown option '-Z' \(in '-sZ'\)" "a letter in a cluster is named"

# --- 5: newline and ESC in file names ---------------------------------------
nl="$tmp/new
line.txt"
esc="$tmp/$(printf 'e\033[31mred').txt"
for name in "$nl" "$esc"; do
	run -t text "$name"     # missing: "cannot open"
	expect_status 1 "a missing file with a control character"
	[ "$(wc -l < "$tmp/err")" -eq 1 ]
	check "its message is one line" $?
	! grep -q "$(printf '\033')" "$tmp/err"
	check "no ESC reaches the terminal" $?
done
expect_in "$tmp/err" "'\\\$'\\\\033''\\[31mred.txt': error: cannot open" \
	"ESC is shown as \$'\\033'"
run -t text "$nl"
expect_in "$tmp/err" "new'\\\$'\\\\n''line.txt': error: cannot open" \
	"a newline is shown as \$'\\n'"
# A named file that exists and warns, and a name in a message's text.
# (two files of that name in two folders: one file named twice is
# converted once, tests/archive/robust.sh)
cp "$tmp/in.txt" "$nl"
mkdir -p "$tmp/other"
cp "$nl" "$tmp/other/"
run -t text -o "$tmp/outdir/" "$nl" "$tmp/other/$(basename "$nl")"
expect_status 2 "two files of one name to one folder"
[ "$(grep -c '' "$tmp/err")" -eq 1 ]
check "'both X and Y would be written here' stays one line" $?
expect_in "$tmp/err" "both '.*'\\\$'\\\\n''line.txt' and " "names in the text are quoted too"

# --- 1: -o onto what is not a regular file ---------------------------------
mkfifo "$tmp/fifo" 2>/dev/null && {
	cat "$tmp/fifo" > "$tmp/from-fifo" &
	reader=$!
	run -t text -o "$tmp/fifo" "$tmp/in.txt"
	wait "$reader"
	expect_status 0 "-o FIFO"
	[ -p "$tmp/fifo" ]
	check "-o FIFO: still a FIFO" $?
	expect_in "$tmp/from-fifo" "Some text here" "-o FIFO: written through it"
}
printf 'old\n' > "$tmp/target.txt"
ln -s target.txt "$tmp/link.txt"
run -t text -o "$tmp/link.txt" "$tmp/in.txt"
expect_status 0 "-o symlink"
[ -L "$tmp/link.txt" ] && [ "$(readlink "$tmp/link.txt")" = target.txt ]
check "-o symlink: the link stays" $?
expect_in "$tmp/target.txt" "Some text here" "-o symlink: its target is written"
ln -s nowhere.txt "$tmp/dangling.txt"
run -t text -o "$tmp/dangling.txt" "$tmp/in.txt"
expect_status 1 "-o dangling symlink"
expect_in "$tmp/err" "a symbolic link to nothing" "-o dangling symlink: says so"
[ -L "$tmp/dangling.txt" ] && [ ! -e "$tmp/nowhere.txt" ]
check "-o dangling symlink: nothing replaced or created" $?
run -t text -o /dev/stdout "$tmp/in.txt"
expect_in "$tmp/out" "Some text here" "-o /dev/stdout writes to standard output"
# Device nodes need root (mknod); skipped, with a note, otherwise.
if mknod "$tmp/null" c 1 3 2>/dev/null; then
	run -t text -o "$tmp/null" "$tmp/in.txt"
	expect_status 0 "-o a character device (null)"
	[ -c "$tmp/null" ]
	check "-o null: still a character device" $?
	mknod "$tmp/full" c 1 7
	run -t text -o "$tmp/full" "$tmp/in.txt"
	expect_status 1 "-o a full device"
	[ -c "$tmp/full" ]
	check "-o full: still a character device (the issue's case)" $?
	mknod "$tmp/block" b 7 0
	run -t text -o "$tmp/block" "$tmp/in.txt"
	expect_status 1 "-o a block device"
	expect_in "$tmp/err" "not a regular file, FIFO or character device" \
		"-o a block device: refused, saying why"
	[ -b "$tmp/block" ]
	check "-o block: still a block device" $?
else
	echo "note: mknod not permitted here; the device cases are skipped"
fi

# --- 8: UTF-16 with a BOM ----------------------------------------------------
if command -v iconv >/dev/null 2>&1 && has_plugin bulletin; then
	{ printf '\377\376'; printf '14 March 2023\n\nCaf\303\251 au lait.\n' |
		iconv -f UTF-8 -t UTF-16LE; } > "$tmp/utf16.txt"
	run -t text "$tmp/utf16.txt"
	expect_status 0 "UTF-16LE with a BOM"
	expect_in "$tmp/out" "$(printf 'Caf\303\251 au lait')" "UTF-16LE: its text, decoded"
	{ printf '\376\377'; printf '14 March 2023\n\nCaf\303\251 au lait.\n' |
		iconv -f UTF-8 -t UTF-16BE; } > "$tmp/utf16be.txt"
	run -t text "$tmp/utf16be.txt"
	expect_status 0 "UTF-16BE with a BOM"
	expect_in "$tmp/out" "$(printf 'Caf\303\251 au lait')" "UTF-16BE: its text, decoded"
fi

# --- 10: -q, and a corrupt .la ------------------------------------------------
if has_plugin bulletin; then
	printf 'No date here\n\nText.\n' > "$tmp/nodate.txt"
	run -t text "$tmp/nodate.txt"
	expect_in "$tmp/err" "warning:" "without -q, a warning"
	run -q -t text "$tmp/nodate.txt"
	expect_status 0 "-q"
	expect_empty "$tmp/err" "-q: no warnings"
	run -q -t text -s "$tmp/nodate.txt"
	expect_empty "$tmp/err" "-q: no warning from -s either"
	run -q -t text "$tmp/nodate.txt" "$tmp/missing.txt"
	expect_in "$tmp/err" "missing.txt: error: cannot open" "-q: errors still shown"
	! grep -q "warning:" "$tmp/err"
	check "-q: a failed run shows no warnings" $?
fi
mkdir "$tmp/plugins"
printf 'this is not a libtool file\n' > "$tmp/plugins/broken.la"
run --plugin-path "$tmp/plugins" --list-plugins
expect_in "$tmp/err" "broken.la: cannot open module: not a valid libtool library file" \
	"a corrupt .la is reported"
head -c 40 "$top_builddir/plugins/plain.la" > "$tmp/plugins/cut.la" 2>/dev/null &&
{
	run --plugin-path "$tmp/plugins" --list-plugins
	expect_in "$tmp/err" "cut.la: cannot open module" "a .la cut short is reported"
}
run -q --plugin-path "$tmp/plugins" --list-plugins
expect_in "$tmp/err" "broken.la" "-q does not hide an error"

finish
