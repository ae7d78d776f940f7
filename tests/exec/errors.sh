#!/bin/sh
# errors.sh - every way a filter can fail is an error naming the filter
# and the document, the document is not written, and herald neither
# dies nor leaves a process behind; then every message of doc/errors.md's
# exec table must have been given.
. "${top_srcdir:-.}/tests/exec/lib.sh"
in="$bulletins/city-digest.txt"
all="$tmp/all"
: > "$all"
keep() { cat "$tmp/err" >> "$all"; }

# fails WHAT CMD PATTERN: -x exec:CMD fails the document with PATTERN.
fails() {
	run -x "exec:$2" -t json "$in"
	keep
	expect_status 1 "$1: the document fails"
	expect_empty "$tmp/out" "$1: nothing is written"
	expect_in "$tmp/err" "^herald: [^ ]*city-digest.txt: error: exec: $3" "$1: the message names the document"
}
script exit1.sh 'cat > /dev/null; echo "exit1: giving up" >&2; exit 1'
fails "exit 1" "cmd=$tmp/exit1.sh" "filter '[^']*exit1.sh' failed \(exit status 1\)"
expect_in "$tmp/err" '^exit1: giving up$' "the filter's own message is shown"
script garbage.sh 'cat > /dev/null; echo "this is not JSON"'
fails "garbage" "cmd=$tmp/garbage.sh" "filter '[^']*garbage.sh' wrote an invalid document \(line 1, column [0-9]+\): "
script slow.sh 'echo $$ > "$0.pid"; sleep 30 & echo $! > "$0.child"; wait'
fails "timeout=1" "cmd=$tmp/slow.sh,timeout=1" "filter '[^']*slow.sh' took more than 1 s \(timeout=1\); it was killed"
for f in "$tmp/slow.sh.pid" "$tmp/slow.sh.child"; do
	# Gone, or a zombie waiting for init (an orphan is not ours to reap).
	p=$(cat "$f")
	[ -n "$p" ] && { ! kill -0 "$p" 2> /dev/null ||
		grep -q '^[0-9]* (.*) Z' "/proc/$p/stat" 2> /dev/null; }
	check "the timed-out filter's process group is gone ($(basename "$f"))" $?
done
script closes.sh 'exec 0<&-; exit 0'
fails "closes stdin, no output" "cmd=$tmp/closes.sh" "filter '[^']*closes.sh' wrote nothing: a filter writes the document back as JSON"
fails "no such command" "cmd=no-such-filter-$$ --flag" "cannot run filter 'no-such-filter-$$ --flag': No such file or directory"
script killed.sh 'kill -9 $$'
fails "killed by a signal" "cmd=$tmp/killed.sh" "filter '[^']*killed.sh' was killed by signal 9 \(SIGKILL\)"
script flood.sh 'head -c 3000000 /dev/zero'
fails "output too big" "cmd=$tmp/flood.sh,max-output=1" "filter '[^']*flood.sh' wrote more than 1 MiB \(max-output\); it was killed"

# A model that breaks the tree rules: text straight under the document.
"$herald" -t json "$in" > "$tmp/good.json"
python3 - "$tmp/good.json" > "$tmp/badtree.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["root"]["children"].insert(0, {"type": "text", "text": "loose"})
json.dump(d, sys.stdout)
PY
script badtree.sh "cat > /dev/null; cat '$tmp/badtree.json'"
fails "broken tree" "cmd=$tmp/badtree.sh" "filter '[^']*badtree.sh' wrote an invalid document.*: root.children\[0\]: .*text"
python3 - "$tmp/good.json" > "$tmp/badkind.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["root"]["children"][1]["kind"] = "poem"
json.dump(d, sys.stdout)
PY
script badkind.sh "cat > /dev/null; cat '$tmp/badkind.json'"
fails "unknown kind" "cmd=$tmp/badkind.sh" "filter '[^']*badkind.sh' wrote an invalid document: root.children\\[1\\]: unknown kind \"poem\""

# A filter that exits early without reading a large input: no SIGPIPE
# death, and its (valid) output is the document.
python3 -c 'import sys; sys.stdout.write("14 March 2023\n\n" + "Words and words.\n\n" * 200000)' > "$tmp/long.txt"
script early-exit.sh "exec 0<&-; cat '$tmp/good.json'"
run -x "exec:cmd=$tmp/early-exit.sh" -t json "$tmp/long.txt"
expect_status 0 "a filter that does not read its input does not kill herald"
"$herald" -t json "$in" | sed 's|"source": "[^"]*"|"source": null|' > "$tmp/good.nosrc"
sed 's|"source": "[^"]*"|"source": null|' "$tmp/out" > "$tmp/out.nosrc"
cmp -s "$tmp/good.nosrc" "$tmp/out.nosrc"
check "and its output is taken as the document" $?

# A filter that neither reads nor exits, with more input than a pipe
# holds: the timeout stops herald's writing too.
run -x "exec:cmd=sleep 30,timeout=1" -t json "$tmp/long.txt"
expect_status 1 "a filter that never reads a large input times out"
expect_in "$tmp/err" "long.txt: error: exec: filter 'sleep 30' took more than 1 s" "while herald was still writing to it"

# Usage errors, found when the pipeline is built (exit 2).
usage() {
	run -x "$2" -t json "$in"
	keep
	expect_status 2 "$1"
	expect_in "$tmp/err" "$3" "$1: says why"
}
usage "no cmd" exec "exec: cmd is required"
usage "unterminated quote" "exec:cmd=cat 'x" "exec: cannot split cmd 'cat 'x' into words: unterminated single quote"
usage "shell syntax" "exec:cmd=cat > x" "exec: cannot split cmd .* it uses shell syntax"
usage "blank cmd" "exec:cmd=  " "exec: (cannot split cmd '  ' into words: it is empty|cmd is required)"
usage "negative timeout" "exec:cmd=cat,timeout=-1" "exec: timeout must be 0 \(none\) or a number of seconds, not -1"
usage "max-output=0" "exec:cmd=cat,max-output=0" "exec: max-output must be from 1 to [0-9]+ MiB, not 0"
# Without the json module in the plugin path (a static herald has it
# built in: nothing to miss there).
if "$herald" --describe json | grep -q '^  file: (built-in)$'; then
	echo "exec: the json plugin is needed and was not found in the plugin path (not triggered: static build)" >> "$all"
else
	mkdir -p "$tmp/nojson"
	HERALD_PLUGIN_PATH="$tmp/nojson" HERALD_PLUGIN_PATH_ONLY=1 "$herald" \
		--plugin-path="$top_builddir/plugins" -x exec:cmd=cat -t json "$in" \
		> /dev/null 2> "$tmp/err"
	status=$?; keep
	expect_status 2 "no json module"
	expect_in "$tmp/err" "exec: the json plugin is needed and was not found" "no json module: says so"
fi

# Every message of the exec table in doc/errors.md was given above.
sed -n '/^### `exec`/,/^#/p' "$srcdir/doc/errors.md" | grep '^| `' |
	grep -v 'untested: ' | sed 's/^| `\([^`]*\)`.*/\1/' > "$tmp/messages"
[ -s "$tmp/messages" ]
check "doc/errors.md lists the exec messages" $?
# Each message as a basic regular expression: metacharacters escaped,
# each … (a variable part) any text.
while IFS= read -r msg; do
	re=$(printf '%s\n' "$msg" | sed -e 's/[][\.*^$/]/\\&/g' -e 's/…/.*/g')
	grep -q -e "$re" "$all"
	check "reachable: $msg" $?
done < "$tmp/messages"
finish
