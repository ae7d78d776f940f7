#!/bin/sh
# The progress line (--progress, or a terminal): redrawn in place, its
# count never going back (a site's two passes are one line), erased at
# the end, and erased before a document's messages, which start a line
# of their own (before, a warning was glued to the progress line's end).
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 60 || fail "gen-archive.sh failed"
printf 'No date in this one\n\nA paragraph.\n' > "$work/in/2020/01/undated.txt"
esc=$(printf '\033')
cr=$(printf '\r')
for writer in html text; do
	for j in 1 2; do
		rm -rf "$work/out"
		run --progress -r -j "$j" -t "$writer" -o "$work/out" "$work/in"
		expect_status 0 "--progress ($writer, -j $j)"
		expect_err "undated.txt:1:1: warning: bulletin: no date line" "the warning is shown"
		# Each piece between carriage returns: an erased line's text.
		tr '\r' '\n' < "$work/stderr" > "$work/pieces"
		grep -q "left${esc}\\[K\\|left herald:\\|leftherald:" "$work/stderr" &&
			fail "a message glued to the progress line ($writer, -j $j): $(cat -v "$work/stderr" | head -3)"
		# (or comes first of all, when no line was drawn before it: a
		# loaded machine may report the first documents before drawing)
		{ grep -q "^${esc}\\[Kherald: .*undated.txt:1:1: warning" "$work/pieces" ||
		  head -1 "$work/pieces" | grep -q "^herald: .*undated.txt:1:1: warning"; } ||
			fail "the warning does not start an erased line ($writer, -j $j): $(cat -v "$work/stderr" | head -3)"
		counts=$(sed -n "s|^${esc}\\[Kherald: \\([0-9]*\\)/\\([0-9]*\\) documents.*|\\1 \\2|p" "$work/pieces")
		[ -n "$counts" ] || fail "no progress line ($writer, -j $j)"
		echo "$counts" | awk -v w="$writer -j $j" '
			$2 != 61 { print "total " $2 ", expected 61 (" w ")"; bad = 1 }
			NR > 1 && $1 < last { print "went back from " last " to " $1 " (" w ")"; bad = 1 }
			{ last = $1; if ($1 == $2) ends++ }
			END { if (ends != 1) { print ends " lines with done = total (" w ")"; bad = 1 }
			      exit bad }' > "$work/why" || fail "$(cat "$work/why")"
		# The line is erased at the end: what follows the last CR is empty.
		[ -z "$(tail -c 4 "$work/stderr" | tr -d "$esc[K$cr")" ] ||
			fail "the progress line is not erased at the end ($writer, -j $j): $(tail -c 60 "$work/stderr" | cat -v)"
	done
done
echo "ok: the progress line"
