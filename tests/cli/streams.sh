#!/bin/sh
# streams.sh - a reader that goes away (`| head -c1`) is no error and no
# hang; a full disk (>/dev/full) is an error saying so, with status 1.
. "${top_srcdir:-.}/tests/cli/common.sh"

# Larger than any pipe buffer, so herald is still writing when head
# leaves.  A time limit turns a hang into a failure where timeout exists.
i=0
: > "$tmp/big.text"
line='A line of text long enough to fill the pipe quickly, repeated.'
while [ $i -lt 200 ]; do
	printf '%s\n%s\n%s\n%s\n%s\n\n' "$line" "$line" "$line" "$line" "$line"
	i=$((i + 1))
done > "$tmp/chunk"
i=0
while [ $i -lt 40 ]; do
	cat "$tmp/chunk" >> "$tmp/big.text"
	i=$((i + 1))
done
limit=""
command -v timeout > /dev/null 2>&1 && limit="timeout 120"

closed_pipe() {   # DESCRIPTION: run herald into `head -c1`
	{ $limit "$herald" -f plain -t plain "$tmp/big.text" 2> "$tmp/err"
	  echo $? > "$tmp/status"; } | head -c1 > "$tmp/first"
	st=$(cat "$tmp/status")
	[ "$st" -ne 124 ]
	check "$1: herald does not hang" $?
	expect_empty "$tmp/err" "$1: no error message"
	# Killed by SIGPIPE (128+13), or a quiet status when it is ignored.
	[ "$st" -eq 0 ] || [ "$st" -eq 1 ] || [ "$st" -eq 141 ]
	check "$1: status is 0, 1 or SIGPIPE (got $st)" $?
	[ "$(cat "$tmp/first")" = "A" ]
	check "$1: head got the first byte" $?
}
closed_pipe "closed pipe"
# In a subshell that ignores SIGPIPE, so herald sees EPIPE instead; the
# subshell hands its counts back.
(trap '' PIPE; closed_pipe "closed pipe, SIGPIPE ignored"; \
	echo "$passed $failed" > "$tmp/counts")
read passed failed < "$tmp/counts"

if [ -w /dev/full ]; then
	"$herald" -f plain -t plain "$tmp/big.text" > /dev/full 2> "$tmp/err"
	st=$?
	[ "$st" -eq 1 ]
	check ">/dev/full: status 1 (got $st)" $?
	expect_in "$tmp/err" '^herald: .*error: .*writ.*No space left on device' \
		">/dev/full: a write error naming the cause"
	printf 'x\n' | "$herald" -f plain -t plain > /dev/full 2> "$tmp/err"
	[ $? -eq 1 ]
	check ">/dev/full with a tiny output (only the final flush fails)" $?
	expect_in "$tmp/err" 'No space left on device' ">/dev/full, tiny: says why"
	"$herald" --list-plugins > /dev/full 2> "$tmp/err"
	[ $? -eq 1 ]
	check "--list-plugins >/dev/full fails" $?
else
	echo "note: no writable /dev/full; its checks are left out"
fi

finish
