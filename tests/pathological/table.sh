# table.sh - the pathological-input table (sourced by one script per
# row, tests/pathological/ROW.sh, which calls `row NAME`).
#
# Each row has a generator (gen_NAME N: the hostile input of size N on
# stdout), the herald arguments (args_NAME) and a check of the output
# (check_NAME N OUT: exit 0 when the output is right, not merely there).
# `row` runs it at N and 2N and asks two things:
#
#  1. the output is right at both sizes;
#  2. CPU time grows like the input: t(2N) / t(N) <= LIMIT (3.0).
#
# Why this cannot fail on noise (README.md says more): times are the CPU
# time of the child (user + system, from wait4 via cputime), which
# waiting for a core on a loaded machine does not add to; each size is
# timed 3 times and the best kept (noise only ever adds time); a linear
# path gives about 2.0 and a quadratic one 4.0, so the limit sits 50 %
# above linear and 25 % below quadratic; a row that exceeds the limit is
# measured again, twice, and fails only if every round exceeds it; and
# when t(2N) is under 0.05 s the ratio is not judged at all (timer grain
# and start-up would dominate), only the output.  Sizes are picked so
# that t(N) is about 0.1-0.3 s in a normal build.
set -u
: "${top_srcdir:?run through make check}" "${top_builddir:?}"
herald="$top_builddir/herald"
cputime="$top_builddir/tests/pathological/cputime"
LIMIT=${HERALD_PATHOLOGICAL_LIMIT:-3.0}
work=$(mktemp -d "${TMPDIR:-/tmp}/herald-patho.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

# Sanitizer builds (HERALD_SANITIZE=1, .ci/sanitize.sh) are 3-10 times
# slower everywhere: they run every row at a quarter of its size, which
# still measures growth (a row too fast to judge there is checked for its
# output only) and keeps the table within CI's time.
SCALE=1
[ "${HERALD_SANITIZE:-0}" = 1 ] && SCALE=4

nbsp=$(printf '\302\240')
dash=$(printf '\342\200\223')

# --- the rows -------------------------------------------------------------

# One line of N words (the issue's 100 MB line, scaled: 10 MB at N).
N_long_line=2000000
gen_long_line() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "word "; printf "\n" }'; }
args_long_line() { echo "-q -t text"; }
check_long_line() { [ "$(wc -w < "$2")" -eq "$1" ]; }

# N blank lines between two words (the issue's 10^7, halved).
N_blank_lines=5000000
gen_blank_lines() { awk -v n="$1" 'BEGIN { print "a"; for (i = 0; i < n; i++) print ""; print "b" }'; }
args_blank_lines() { echo "-q -t text"; }
check_blank_lines() { [ "$(wc -w < "$2")" -eq 2 ]; }

# "- " N times on one line: list markers that start nothing.
N_dashes=2000000
gen_dashes() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "- "; print "x" }'; }
args_dashes() { echo "-q -t text"; }
check_dashes() { [ "$(wc -w < "$2")" -eq $(($1 + 1)) ]; }

# "Mr. " N times: an abbreviation that never ends a sentence.
N_abbreviations=1000000
gen_abbreviations() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "Mr. "; print "x" }'; }
args_abbreviations() { echo "-q -x segment -t text"; }
check_abbreviations() {
	[ "$(wc -l < "$2")" -eq 1 ] && [ "$(wc -w < "$2")" -eq $(($1 + 1)) ]
}

# "a." N times without a space (the issue's 10^7, scaled).
N_initials=4000000
gen_initials() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "a."; print "" }'; }
args_initials() { echo "-q -x segment -t text"; }
check_initials() { [ "$(LC_ALL=C tr -cd a < "$2" | wc -c)" -eq "$1" ]; }

# Runs of NO-BREAK SPACE: one of N between two words, then N words each
# followed by one.  Every NBSP survives (0xC2 0xA0 each) but the last,
# trailing white space of its paragraph: 2 N - 1.
N_nbsp=1000000
gen_nbsp() {
	awk -v n="$1" -v s="$nbsp" 'BEGIN { printf "x"; for (i = 0; i < n; i++) printf "%s", s
		print "y"; print ""; for (i = 0; i < n; i++) printf "w%s", s; print "" }'
}
args_nbsp() { echo "-q -x segment -t text"; }
check_nbsp() { [ "$(LC_ALL=C tr -cd '\240' < "$2" | wc -c)" -eq $((2 * $1 - 1)) ]; }

# JSON nested N levels deep (lists in list items): far beyond what the
# json reader takes, so the check is a clean refusal that says why.
N_json_deep=20000
gen_json_deep() {
	awk -v n="$1" 'BEGIN { printf "{\"herald\":2,\"root\":{\"type\":\"document\",\"children\":["
		for (i = 0; i < n; i++) printf "{\"type\":\"list\",\"children\":[{\"type\":\"list_item\",\"children\":["
		printf "{\"type\":\"paragraph\",\"children\":[{\"type\":\"text\",\"text\":\"deep\"}]}"
		for (i = 0; i < n; i++) printf "]}]}"; print "]}}" }'
}
args_json_deep() { echo "-f json -t markdown"; }
expect_json_deep=1
check_json_deep() { grep -q "depth" "$2.err" && [ ! -s "$2" ]; }

# Markdown nesting: N lists, each nested 100 deep (as deep as the json
# reader takes), through the markdown writer; each holds one "deep".
N_markdown_nesting=1000
gen_markdown_nesting() {
	awk -v n="$1" 'BEGIN { printf "{\"herald\":2,\"root\":{\"type\":\"document\",\"children\":["
		for (k = 0; k < n; k++) { printf "%s", (k ? "," : "")
		for (i = 0; i < 100; i++) printf "{\"type\":\"list\",\"children\":[{\"type\":\"list_item\",\"children\":["
		printf "{\"type\":\"paragraph\",\"children\":[{\"type\":\"text\",\"text\":\"deep\"}]}"
		for (i = 0; i < 100; i++) printf "]}]}" }
		print "]}}" }'
}
args_markdown_nesting() { echo "-q -f json -t markdown"; }
check_markdown_nesting() { [ "$(grep -c 'deep$' "$2")" -eq "$1" ]; }

# N interview turn pairs in one bulletin, through the tei writer: each
# turn is one <sp>.
N_turns=50000
gen_turns() {
	awk -v n="$1" -v d="$dash" 'BEGIN { print "Radio broadcast an interview"; print ""
		print "Intro."; print ""
		for (i = 0; i < n; i++) { print d " Q?"; print ""; print d " A."; print "" } }'
}
args_turns() { echo "-q -t tei"; }
check_turns() { [ "$(grep -o '<sp[ >]' "$2" | wc -l)" -eq $((2 * $1)) ]; }

# A million turns (the issue's 10^6, at 2N: N Q/A pairs) in one
# bulletin, through the text writer: each turn a line of its own.
N_turns_million=250000
gen_turns_million() { gen_turns "$1"; }
args_turns_million() { echo "-q -t text"; }
check_turns_million() {
	[ "$(grep -cx 'Q?' "$2")" -eq "$1" ] && [ "$(grep -cx 'A\.' "$2")" -eq "$1" ]
}

# One paragraph of N TEXT inlines (json input), through tei (html-texts.sh
# is the html writer's).  Issue 15: libxml2 merged each text node into
# the one before it, a strlen of the growing text each time.  The words
# w0 ... w(N-1) are all there, each once, in order, in the paragraph p1.
N_text_nodes_tei=250000
gen_text_nodes_tei() {
	awk -v n="$1" 'BEGIN { printf "{\"herald\":2,\"root\":{\"type\":\"document\",\"children\":[{\"type\":\"paragraph\",\"children\":["
		for (i = 0; i < n; i++) printf "%s{\"type\":\"text\",\"text\":\"w%d \"}", (i ? "," : ""), i
		print "]}]}}" }'
}
args_text_nodes_tei() { echo "-q -f json -t tei"; }
check_text_nodes_tei() {
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) print "w" i }' > "$2.want"
	grep -o 'w[0-9][^ <]*' "$2" | cmp -s - "$2.want" &&
		[ "$(grep -c '<p xml:id="p1">w0 ' "$2")" -eq 1 ]
}

# N interview bulletins in one stream, through tei: 2 N unnamed persons
# (an interviewer and an interviewee each), 2 N turns pointing at them.
# Issue 15: the persons index was a libxml2 hash with the same limit.
N_tei_persons=32000
gen_tei_persons() {
	awk -v n="$1" -v d="$dash" 'BEGIN { for (i = 0; i < n; i++)
		printf "Radio broadcast an interview\n\nIntro.\n\n%s Q?\n\n%s A.\n\n\n", d, d }'
}
args_tei_persons() { echo "-q -t tei"; }
check_tei_persons() {
	awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++)
		print "i" i ".interviewee\ni" i ".interviewer" }' | sort > "$2.want"
	grep -o '<person xml:id="[^"]*"' "$2" | sed 's/.*id="//; s/"$//' | sort |
		cmp -s - "$2.want" &&
		grep -o ' who="#[^"]*"' "$2" | sed 's/.*#//; s/"$//' | sort -u |
		cmp -s - "$2.want" && [ "$(grep -o '<sp ' "$2" | wc -l)" -eq $((2 * $1)) ]
}

# A web page (.html, the htmlin reader) of N blocks, each nested 250
# <div>s deep (libxml2's HTML parser stops at 256 levels), every text
# read (main=all: finding the main text is not what is measured).
N_html_nesting=800
ext_html_nesting=html
gen_html_nesting() {
	awk -v n="$1" 'BEGIN { print "<!DOCTYPE html><html><head><title>Deep</title></head><body>"
		for (k = 0; k < n; k++) { for (i = 0; i < 250; i++) printf "<div>"
			printf "<p>The council, which met on day %d, discussed it.</p>", k
			for (i = 0; i < 250; i++) printf "</div>"; print "" }
		print "</body></html>" }'
}
args_html_nesting() { echo "-f htmlin:main=all -t text"; }
check_html_nesting() {
	[ "$(grep -c '^The council, which met on day [0-9]*, discussed it\.$' "$2")" -eq "$1" ] &&
		grep -q "day $(($1 - 1)), discussed" "$2" && [ ! -s "$2.err" ]
}

# A page nested N <div>s deep, far past the parser's limit: what comes
# before is kept, and a warning says the page was read up to there.
N_html_deep=20000
ext_html_deep=html
gen_html_deep() {
	awk -v n="$1" 'BEGIN { print "<!DOCTYPE html><html><head><title>Deep</title></head><body>"
		print "<p>Before the nesting, a sentence.</p>"
		for (i = 0; i < n; i++) printf "<div>"; printf "<p>deep</p>"
		for (i = 0; i < n; i++) printf "</div>"; print "</body></html>" }'
}
args_html_deep() { echo "-f htmlin:main=all -t text"; }
check_html_deep() {
	grep -q '^Before the nesting, a sentence\.$' "$2" &&
		grep -q '^deep$' "$2" &&
		grep -q 'nested deeper than' "$2.err"
}

# Markdown (.md, the bulletin reader through cmark): N lists nested 40
# deep (deeper than the 16 lists the reader keeps: the rest is text of
# the deepest), each ending in emphasis.  Every "deep N words" is kept.
N_markdown_lists=8000
ext_markdown_lists=md
gen_markdown_lists() {
	awk -v n="$1" 'BEGIN { print "# Lists"; print ""
		for (k = 0; k < n; k++) { for (i = 0; i < 40; i++) printf "- "
			printf "*deep %d* **words**\n\n", k } }'
}
args_markdown_lists() { echo "-q -t text"; }
check_markdown_lists() {
	[ "$(grep -c 'deep [0-9]* words$' "$2")" -eq "$1" ] &&
		grep -q "deep $(($1 - 1)) words\$" "$2"
}

# Markdown with HTML (posts of Hugo or Jekyll sites, WordPress exports):
# N HTML blocks, each a comment, a <div> 300 deep (past libxml2's limit
# of 256: kept as it is) and a paragraph of inline tags.  Every block
# gives its words, once; no comment or tag is left in the 2N blocks the
# parser reads whole.
N_markdown_html=16000
ext_markdown_html=md
gen_markdown_html() {
	awk -v n="$1" 'BEGIN { print "# Posts"; print ""
		for (k = 0; k < n; k++) {
			print "<!--more-->"; print ""
			printf "<div><p>Block %d &amp; <b>bold</b></p></div>\n\n", k
			if (k % 1000 == 0) { for (i = 0; i < 300; i++) printf "<div>"
				printf "deep%d", k; for (i = 0; i < 300; i++) printf "</div>"
				print ""; print "" }
			printf "Line %d has <em>tags</em>, People<s>s</s> too.<br>Yes.\n\n", k } }'
}
args_markdown_html() { echo "-q -t text"; }
check_markdown_html() {
	[ "$(grep -c '^Block [0-9]* & bold$' "$2")" -eq "$1" ] &&
		[ "$(grep -c '^Line [0-9]* has tags, Peoples too. Yes.$' "$2")" -eq "$1" ] &&
		[ "$(grep -c 'deep[0-9]' "$2")" -eq $((($1 + 999) / 1000)) ] &&
		[ "$(grep -v 'deep[0-9]' "$2" | grep -c '<')" -eq 0 ]
}

# --- the runner -------------------------------------------------------------

# best NAME SIZE: the least CPU time of three runs, in seconds, on
# stdout; herald's exit status in $work/status.SIZE.  A row with an
# extension (ext_NAME) gives herald its input as a file of that name;
# the others, on standard input.
best() {
	b=
	ext=$(eval echo "\${ext_$1:-}")
	for _ in 1 2 3; do
		st=0
		if [ -n "$ext" ]; then stdin=/dev/null file="$work/in.$2.$ext"
		else stdin="$work/in.$2" file=; fi
		# shellcheck disable=SC2046,SC2086
		t=$("$cputime" "$stdin" "$work/out.$2" "$herald" $(args_"$1") $file \
			2> "$work/out.$2.err") || st=$?
		echo "$st" > "$work/status.$2"
		b=$(awk -v a="$b" -v t="$t" 'BEGIN { print (a == "" || t + 0 < a + 0) ? t : a }')
	done
	echo "$b"
}

row() {
	name=$(echo "$1" | tr - _)
	n=$(($(eval echo "\$N_$name") / SCALE))
	want=$(eval echo "\${expect_$name:-0}")
	ext=$(eval echo "\${ext_$name:+.\$ext_$name}")
	gen_"$name" "$n" > "$work/in.1$ext" || exit 99
	gen_"$name" $((2 * n)) > "$work/in.2$ext" || exit 99
	for round in 1 2 3; do
		t1=$(best "$name" 1)
		t2=$(best "$name" 2)
		for k in 1 2; do
			st=$(cat "$work/status.$k")
			[ "$st" -eq "$want" ] || {
				echo "FAIL: $1 at size $k: exit $st, expected $want: $(head -c 300 "$work/out.$k.err")"
				exit 1
			}
			check_"$name" $((k * n)) "$work/out.$k" || {
				echo "FAIL: $1 at size $k ($((k * n))): the output is wrong"
				exit 1
			}
		done
		verdict=$(awk -v a="$t1" -v b="$t2" -v l="$LIMIT" 'BEGIN {
			if (b < 0.05) { print "unmeasured"; exit }
			r = b / (a > 0.001 ? a : 0.001); printf "%.2f%s", r, (r <= l ? "" : " over") }')
		echo "$1: n=$n ${t1}s, 2n ${t2}s, ratio $verdict (limit $LIMIT), round $round"
		case $verdict in *over) ;; *) exit 0 ;; esac
	done
	echo "FAIL: $1 grows faster than linear: ratio over $LIMIT in 3 rounds"
	exit 1
}
