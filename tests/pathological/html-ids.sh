#!/bin/sh
# A row of the pathological table (table.sh), kept in its own file: N
# titled items, 'Title\n\nText.\n\n\n' each, through the html writer as a
# page.  Every item and paragraph carries an id; libxml2's ID hash, whose
# buckets stop growing, made this quadratic (issue 15).  The output is
# right when each item's paragraph is there under its own id, in order.
. "$top_srcdir/tests/pathological/table.sh"

N_html_ids=65536
gen_html_ids() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "Title\n\nText.\n\n\n" }'; }
args_html_ids() { echo "-q -s -t html"; }
check_html_ids() {
	grep '^<p id="i[0-9]*\.p1">Text\.</p>$' "$2" |
		awk -v n="$1" '{ if ($0 != "<p id=\"i" NR ".p1\">Text.</p>") bad = 1 }
			END { exit !(NR == n && !bad) }'
}
row html-ids
