#!/bin/sh
# A row of the pathological table (table.sh), kept in its own file: one
# paragraph of N short lines under a title, through the html writer.
# Each soft break is judged by the characters around it; the shared
# markup cleaner asked the model, which measured the whole text every
# time (N^2 in html and tei: 0.35 s at 10^5 lines, 1.33 s at 2*10^5).
# The output is right when the one paragraph keeps every line.
. "$top_srcdir/tests/pathological/table.sh"

N_html_lines=1000000
gen_html_lines() { awk -v n="$1" 'BEGIN { print "Title"; print ""; for (i = 0; i < n; i++) print "word" }'; }
args_html_lines() { echo "-q -t html"; }
check_html_lines() {
	[ "$(grep -c '<p' "$2")" -eq 1 ] &&
		grep -q '^<p id="i1.p1">word$' "$2" && grep -q '^word</p>$' "$2" &&
		[ "$(grep -c '^word$' "$2")" -eq $(($1 - 2)) ]
}
row html-lines
