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

# Sanitizer builds are several times slower everywhere; the same sizes
# still measure growth, so nothing changes but the patience.

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

# --- the runner -------------------------------------------------------------

# best NAME SIZE: the least CPU time of three runs, in seconds, on
# stdout; herald's exit status in $work/status.SIZE.
best() {
	b=
	for _ in 1 2 3; do
		st=0
		# shellcheck disable=SC2046
		t=$("$cputime" "$work/in.$2" "$work/out.$2" "$herald" $(args_"$1") \
			2> "$work/out.$2.err") || st=$?
		echo "$st" > "$work/status.$2"
		b=$(awk -v a="$b" -v t="$t" 'BEGIN { print (a == "" || t + 0 < a + 0) ? t : a }')
	done
	echo "$b"
}

row() {
	name=$(echo "$1" | tr - _)
	n=$(eval echo "\$N_$name")
	want=$(eval echo "\${expect_$name:-0}")
	gen_"$name" "$n" > "$work/in.1" || exit 99
	gen_"$name" $((2 * n)) > "$work/in.2" || exit 99
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
