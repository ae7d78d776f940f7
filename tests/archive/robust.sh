#!/bin/sh
# robust.sh - issue 15's faults in archive runs:
#   2  symbolic link loops under -r: finite, warned, followed only with -L
#   4  stale temporary files of a killed run are removed by the next run
#      a walk reads regular files only: FIFOs and devices are named, not read
#   9  the failure summary counts documents and unreadable folders apart
#      a file named twice for one output is converted once (as cp copies it)
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 3 || fail "gen-archive.sh failed"

# --- 2: loops --------------------------------------------------------------
# Two loops (each back to an ancestor) and a second way into a folder.
ln -s .. "$work/in/2020/01/up"
ln -s ../.. "$work/in/2020/01/top"
ln -s 2020 "$work/in/again"
# Without -L links to folders are not followed, each named in a warning.
run -r -t text -o "$work/o1" "$work/in"
expect_status 0 "-r with links to folders"
[ "$(files_below "$work/o1" | wc -l)" -eq 3 ] ||
	fail "-r without -L: $(files_below "$work/o1" | wc -l) outputs, expected 3"
expect_err "^herald: $work/in/2020/01/up: warning: a symbolic link to a folder; not followed (-L follows it)\$" \
	"-r without -L names the link"
expect_err "^herald: $work/in/again: warning: a symbolic link to a folder; not followed" \
	"-r without -L names every link"
# With -L: followed, but each folder once: two loops end, and nothing is
# converted twice.  (timeout: before the fix, two loops never ended.)
rc=0
timeout 60 "$herald" -r -L -t text -o "$work/o2" "$work/in" \
	> "$work/stdout" 2> "$work/stderr" || rc=$?
expect_status 0 "-r -L with two loops"
[ "$(files_below "$work/o2" | wc -l)" -eq 3 ] ||
	fail "-r -L: $(files_below "$work/o2" | wc -l) outputs, expected 3: $(files_below "$work/o2")"
for link in in/2020/01/up in/2020/01/top in/again; do
	expect_err "^herald: $work/$link: warning: a symbolic link to a folder already walked" \
		"-r -L names $link"
done
run -q -r -L -t text -o "$work/o3" "$work/in"
[ ! -s "$work/stderr" ] || fail "-q still warns: $(cat "$work/stderr")"
rm "$work/in/2020/01/up" "$work/in/2020/01/top" "$work/in/again"

# --- 4: stale temporary files -----------------------------------------------
run -q -r -t html -o "$work/site" "$work/in"
expect_status 0 "the first run"
# A process id that is certainly gone: a child that has exited.
sh -c 'exit 0' & dead=$!
wait "$dead"
kill -0 "$dead" 2>/dev/null && skip "pid $dead still alive"
page=$(files_below "$work/site" | grep '^2020/' | head -1)
dir=$(dirname "$work/site/$page")
stale="$dir/.$(basename "$page").herald-$dead.AbC123"
live="$dir/.$(basename "$page").herald-$$.XyZ789"
new="$dir/.$(basename "$page").herald-$dead.New456"
other="$dir/.notes.tmp.123456"
for f in "$stale" "$live" "$other"; do
	printf 'partial' > "$f"
	touch -d '2 minutes ago' "$f"
done
printf 'partial' > "$new"     # newer than the run below? no: made now
touch -d '1 minute' "$new"    # in the future: "older than the run" fails
run -q -r --update -t html -o "$work/site" "$work/in"
expect_status 0 "--update after a killed run"
[ ! -e "$stale" ] || fail "--update left a stale temporary file of a dead run"
[ -e "$live" ] || fail "a live process's temporary file was removed"
[ -e "$new" ] || fail "a temporary file newer than the run was removed"
[ -e "$other" ] || fail "a file not named like herald's was removed"
rm -f "$live" "$new" "$other"
# Named outputs are cleaned in their folder too.
printf 'partial' > "$work/.one.txt.herald-$dead.Qwe123"
touch -d '2 minutes ago' "$work/.one.txt.herald-$dead.Qwe123"
run -t text -o "$work/one.txt" "$work/in/2020/01/bulletin-2020-01-01.txt"
expect_status 0 "-o FILE"
[ ! -e "$work/.one.txt.herald-$dead.Qwe123" ] ||
	fail "-o FILE left a stale temporary file in its folder"
expect_err "removed 1 stale temporary file left by an interrupted run" \
	"the removal is noted"

# --- what a walk reads: regular files --------------------------------------
# A FIFO named like a bulletin waited forever for a writer, a link to
# /dev/zero never ended: a walk warns and reads neither.  A link to
# nothing is an input that cannot be opened (exit 1), as before.
mkdir -p "$work/sp/in"
cp "$work/in/2020/01/bulletin-2020-01-01.txt" "$work/sp/in/a.txt"
mkfifo "$work/sp/in/fifo.txt" || skip "mkfifo failed"
ln -s /dev/zero "$work/sp/in/zero.txt"
ln -s nowhere "$work/sp/in/dangling.txt"
mkfifo "$work/sp/in/fifo.noext"       # taken by no reader: no word of it
rc=0
timeout 60 "$herald" -r -t text -o "$work/sp/out" "$work/sp/in" \
	> "$work/stdout" 2> "$work/stderr" || rc=$?
expect_status 1 "a folder with a FIFO, a link to a device and a dangling link"
for f in fifo.txt zero.txt; do
	expect_err "^herald: $work/sp/in/$f: warning: not a regular file (a FIFO, socket or device); not read\$" \
		"$f is named and not read"
done
expect_err "^herald: $work/sp/in/dangling.txt: error: cannot open: No such file or directory" \
	"the dangling link fails"
! grep -q "fifo.noext" "$work/stderr" || fail "a file no reader takes was named: $(cat "$work/stderr")"
[ "$(files_below "$work/sp/out")" = "a.txt" ] ||
	fail "outputs of a folder with special files: $(files_below "$work/sp/out")"
# Named on the command line, a FIFO is read (herald <(...) works).
"$herald" -q -t text -o "$work/sp/fifo-out.txt" "$work/sp/in/fifo.txt" &
reader=$!
cat "$work/sp/in/a.txt" > "$work/sp/in/fifo.txt"
wait "$reader" || fail "a FIFO named on the command line was not converted"
grep -q . "$work/sp/fifo-out.txt" || fail "a FIFO named on the command line gave nothing"

# --- 9: the summary ---------------------------------------------------------
# Permissions do not stop root: run as nobody then (setpriv), else skip.
if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null || skip "root, and no setpriv"
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	# nobody must reach herald and the work folder.
	as_user test -x "$herald" || { echo "note: nobody cannot run $herald; summary not checked"; echo "ok"; exit 0; }
	chmod 755 "$work"
else
	as_user() { "$@"; }
fi
mkdir -p "$work/s/in/sub"
cp "$work/in/2020/01/bulletin-2020-01-01.txt" "$work/s/in/a.txt"
cp "$work/in/2020/01/bulletin-2020-01-02.txt" "$work/s/in/b.txt"
cp "$work/in/2020/01/bulletin-2020-01-03.txt" "$work/s/in/sub/c.txt"
chmod -R a+rX "$work/s"
chmod 000 "$work/s/in/b.txt" "$work/s/in/sub"
mkdir "$work/s/out" && chmod 777 "$work/s/out"
rc=0
as_user "$herald" -r -t text -o "$work/s/out" "$work/s/in" \
	> "$work/stdout" 2> "$work/stderr" || rc=$?
chmod 755 "$work/s/in/sub"; chmod 644 "$work/s/in/b.txt"
expect_status 1 "one unreadable file and one unreadable folder"
expect_err "^herald: 1 of 2 documents failed, and 1 folder could not be read:\$" \
	"the summary counts documents and folders apart"
n=$(sed -n '/documents failed/,$p' "$work/stderr" | grep -c '^  ')
[ "$n" -eq 2 ] || fail "the summary lists $n problems, expected 2: $(cat "$work/stderr")"
expect_err "^  $work/s/in/b.txt: error: cannot open: Permission denied" "lists the file"
expect_err "^  $work/s/in/sub: error: cannot read folder: Permission denied" "lists the folder"
# --- one file named twice --------------------------------------------------
# (a shell's globs overlap: 2020/*.txt 2020/0*.txt) converted once, with
# a warning; two files of one name from two folders are still refused,
# and two hard links walked are two inputs with two outputs.
mkdir -p "$work/twice/in" "$work/twice/other"
printf '14 March 2023\n\nText.\n' > "$work/twice/in/a.txt"
cp "$work/twice/in/a.txt" "$work/twice/other/a.txt"
ln "$work/twice/in/a.txt" "$work/twice/in/hard.txt"
t=$work/twice
run -t text -o "$t/out/" "$t/in/a.txt" "$t/./in/a.txt" "$t/in//a.txt"
expect_status 0 "one file named three times"
[ "$(files_below "$t/out" | grep -c '')" -eq 1 ] ||
	fail "named three times: $(files_below "$t/out" | tr '\n' ' ')"
[ "$(grep -c 'warning: named more than once; converted once$' "$work/stderr")" -eq 2 ] ||
	fail "named three times: not two warnings: $(cat "$work/stderr")"
run -t text -o "$t/out2/" "$t/in/a.txt" "$t/other/a.txt"
expect_status 2 "two files of one name"
expect_err "error: both $t/in/a.txt and $t/other/a.txt would be written here" \
	"two files of one name are refused"
run -q -r -t text -o "$work/twice/out3" "$work/twice/in"
expect_status 0 "-r over two hard links"
[ "$(files_below "$work/twice/out3" | grep -c '')" -eq 2 ] ||
	fail "two hard links: $(files_below "$work/twice/out3" | tr '\n' ' ')"
echo "ok: loops, stale temporary files, special files, the summary, a file named twice"
