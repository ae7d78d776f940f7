#!/bin/sh
# A row of the pathological table (table.sh), kept in its own file: one
# JSON paragraph of N TEXT inlines side by side, through the html writer.
# libxml2 merged each text node into the one before it, measuring the
# growing string every time (issue 15).  The output is right when the
# one paragraph holds every inline's text, in order.
. "$top_srcdir/tests/pathological/table.sh"

N_html_texts=65536
gen_html_texts() {
	awk -v n="$1" 'BEGIN { printf "{\"herald\":2,\"root\":{\"type\":\"document\",\"children\":[{\"type\":\"paragraph\",\"children\":["
		for (i = 0; i < n; i++) printf "%s{\"type\":\"text\",\"text\":\"w%d \"}", (i ? "," : ""), i
		print "]}]}}" }'
}
args_html_texts() { echo "-q -f json -t html"; }
check_html_texts() {
	[ "$(grep -c '<p' "$2")" -eq 1 ] &&
		grep '^<p id="p1">' "$2" | tr ' ' '\n' | grep -o 'w[0-9]*' |
		awk -v n="$1" '{ if ($0 != "w" (NR - 1)) bad = 1 }
			END { exit !(NR == n && !bad) }'
}
row html-texts
