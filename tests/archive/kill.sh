#!/bin/sh
# A conversion killed with SIGKILL part-way leaves no partial output under
# a final name: every output is written to a hidden temporary sibling
# (.NAME.herald-PID.XXXXXX) and renamed into place only when complete and
# synced; with --fsync=batch (the default) a whole group of temporaries
# is complete and synced before any of them is renamed.  Both modes are
# killed mid-group: once final outputs exist and temporaries too.
#
# What SIGKILL may leave: hidden temporary files (nothing can remove them
# when the process gets no chance to run).  They never carry a final name,
# are never read as inputs, and the next run into the folder removes them
# (checked here with --update).  SIGTERM and SIGHUP (and SIGINT) give it
# that chance: it removes them, then dies of the signal.
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 1500 || fail "gen-archive.sh failed"
run -q -r -j 2 -t html -o "$work/clean" "$work/in"
expect_status 0 "the clean run"
total=$(files_below "$work/clean" | grep -c "^20")

# found DIR PATTERN: whether a file named like PATTERN is below DIR.
found() {
	[ -n "$(find "$1" -type f -name "$2" 2>/dev/null | head -1)" ]
}

# killed MODE: kill a -j 1 run as soon as it has final outputs and
# temporaries at once, then check what it left.
killed() {
	out="$work/killed-$1"
	"$herald" -q -r -j 1 "--fsync=$1" -t html -o "$out" "$work/in" 2> "$work/stderr" &
	pid=$!
	tries=0
	until { found "$out" '*.html' && found "$out" '.*.herald-*'; } ||
	      [ "$tries" -ge 1000 ] || ! kill -0 "$pid" 2>/dev/null; do
		sleep 0.01 2>/dev/null || sleep 1
		tries=$((tries + 1))
	done
	mid=no
	found "$out" '.*.herald-*' && mid=yes
	kill -KILL "$pid" 2>/dev/null && was_killed=yes || was_killed=no
	wait "$pid" 2>/dev/null
	[ -d "$out" ] || fail "--fsync=$1: the killed run wrote nothing at all"

	files_below "$out" > "$work/list"
	n=$(wc -l < "$work/list")
	while read -r f; do
		cmp -s "$out/$f" "$work/clean/$f" ||
			fail "--fsync=$1: $f: incomplete or different after SIGKILL"
	done < "$work/list"
	temps=$(find "$out" -type f -name '.*.herald-*' | wc -l)
	# What was left is recognisable (.NAME.herald-PID.XXXXXX), and the
	# next run into the folder (--update here) removes it: the killed
	# process is gone, and its files are older than the run (hence the
	# second's wait).
	[ -z "$(find "$out" -type f -name '.*' ! -name '.*.herald-[0-9]*.??????' ! -name .herald-manifest.json)" ] ||
		fail "--fsync=$1: a temporary file not named .NAME.herald-PID.XXXXXX"
	sleep 1
	run -q -r --update -j 2 -t html -o "$out" "$work/in"
	expect_status 0 "--fsync=$1: the --update run after the kill"
	[ -z "$(find "$out" -type f -name '.*.herald-*')" ] ||
		fail "--fsync=$1: --update left $(find "$out" -type f -name '.*.herald-*' | wc -l) stale temporary file(s)"
	diff -r "$out" "$work/clean" > /dev/null ||
		fail "--fsync=$1: after --update the killed folder differs from a clean run's"
	if [ "$was_killed" = no ] || [ "$mid" = no ]; then
		echo "note: --fsync=$1: the run could not be killed mid-group (killed: $was_killed, temporaries seen: $mid)"
	fi
	echo "--fsync=$1: killed after $n of $total outputs; all $n complete;" \
		"$temps hidden temporary file(s) left, removed by the next run"
}

killed batch
killed each

# interrupted SIG STATUS JOBS: SIGTERM or SIGHUP (SIGINT is ignored by a
# background job of a script, and stays so) while temporaries exist: the
# run removes them, then dies of the signal (exit status 128 + N); what
# it renamed before is complete.
interrupted() {
	out="$work/interrupted-$1-$3"
	"$herald" -q -r -j "$3" -t html -o "$out" "$work/in" 2> "$work/stderr" &
	pid=$!
	tries=0
	until found "$out" '.*.herald-*' || [ "$tries" -ge 2000 ] ||
	      ! kill -0 "$pid" 2>/dev/null; do
		sleep 0.005 2>/dev/null || sleep 1
		tries=$((tries + 1))
	done
	kill "-$1" "$pid" 2>/dev/null || skip "the run ended before SIG$1"
	rc=0
	wait "$pid" || rc=$?
	[ "$rc" -eq "$2" ] || fail "SIG$1 (-j $3): exit status $rc, expected $2: $(cat "$work/stderr")"
	left=$(find "$out" -type f -name '.*.herald-*' | wc -l)
	[ "$left" -eq 0 ] || fail "SIG$1 (-j $3): $left temporary file(s) left"
	files_below "$out" > "$work/list"
	while read -r f; do
		cmp -s "$out/$f" "$work/clean/$f" ||
			fail "SIG$1 (-j $3): $f incomplete or different"
	done < "$work/list"
	echo "SIG$1, -j $3: $(wc -l < "$work/list") complete outputs, no temporary file left"
}

interrupted TERM 143 1
# (SIGHUP ignored by whoever started the tests, as nohup does, stays
# ignored in herald, by design: then -j 2 is interrupted with SIGTERM)
ignored=$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/$$/status 2>/dev/null)
if [ -n "$ignored" ] && [ $((0x$ignored & 1)) -ne 0 ]; then
	echo "SIGHUP is ignored here (nohup): -j 2 gets SIGTERM"
	interrupted TERM 143 2
else
	interrupted HUP 129 2
fi
echo "ok: SIGKILL leaves no partial output, with --fsync=batch and each;" \
	"SIGTERM and SIGHUP leave no temporary file"
