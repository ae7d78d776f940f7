#!/bin/sh
# A conversion killed with SIGKILL part-way leaves no partial output under
# a final name: every output is written to a hidden temporary sibling
# (.NAME.XXXXXX) and renamed into place only when complete and synced.
#
# What SIGKILL may leave: hidden temporary files (nothing can remove them
# when the process gets no chance to run).  They never carry a final name,
# are never read as inputs, and the next run into the folder removes them
# (checked here with --update).
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 1500 || fail "gen-archive.sh failed"

# Kill a -j 1 run as soon as its first outputs exist, while it writes.
"$herald" -q -r -j 1 -t html -o "$work/killed" "$work/in" 2> "$work/stderr" &
pid=$!
tries=0
while [ -z "$(find "$work/killed" -name '*.html' 2>/dev/null | head -1)" ] &&
      [ "$tries" -lt 600 ] && kill -0 "$pid" 2>/dev/null; do
	sleep 0.01 2>/dev/null || sleep 1
	tries=$((tries + 1))
done
sleep 0.2 2>/dev/null || :
kill -KILL "$pid" 2>/dev/null && killed=yes || killed=no
wait "$pid" 2>/dev/null
[ -d "$work/killed" ] || fail "the killed run wrote nothing at all"

run -q -r -j 2 -t html -o "$work/clean" "$work/in"
expect_status 0 "the clean run"

files_below "$work/killed" > "$work/list"
n=$(wc -l < "$work/list")
while read -r f; do
	cmp -s "$work/killed/$f" "$work/clean/$f" ||
		fail "$f: incomplete or different after SIGKILL"
done < "$work/list"
temps=$(find "$work/killed" -type f -name '.*' | wc -l)
total=$(files_below "$work/clean" | grep -c "^20")
# What was left is recognisable (.NAME.herald-PID.XXXXXX), and the next
# run into the folder (--update here) removes it: the killed process is
# gone, and its files are older than the run (hence the second's wait).
[ -z "$(find "$work/killed" -type f -name '.*' ! -name '.*.herald-[0-9]*.??????')" ] ||
	fail "a temporary file not named .NAME.herald-PID.XXXXXX"
sleep 1
run -q -r --update -j 2 -t html -o "$work/killed" "$work/in"
expect_status 0 "the --update run after the kill"
[ -z "$(find "$work/killed" -type f -name '.*')" ] ||
	fail "--update left $(find "$work/killed" -type f -name '.*' | wc -l) stale temporary file(s)"
diff -r "$work/killed" "$work/clean" > /dev/null ||
	fail "after --update the killed folder differs from a clean run's"
if [ "$killed" = no ]; then
	echo "note: the run ended before it could be killed; nothing partial to see"
fi
echo "ok: killed after $n of $total outputs; all $n complete;" \
	"$temps hidden temporary file(s) left"
