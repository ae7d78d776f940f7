#!/bin/sh
# gen-archive.sh OUTDIR [COUNT] - write an archive of COUNT (default 300)
# daily bulletins made from the example bulletins, for tests and benchmarks.
#
# Layout: OUTDIR/YYYY/MM/bulletin-YYYY-MM-DD.txt, one bulletin a day from
# 2020-01-01 on.  Each bulletin gets a date line in one of the formats the
# bulletin reader takes (doc/bulletin.md: "14 March 2023", "2023-03-14",
# "14.03.2023", "March 14, 2023", "Tuesday, 14 March 2023", "14th Mar. 2023")
# and four to nine items drawn from every item of examples/bulletins/*.txt
# (blocks between two or more blank lines, date lines left out).
#
# Deterministic: the choices come from a Park-Miller generator with a fixed
# seed (ARCHIVE_SEED, default 20230314) written out in awk, not awk's
# rand(), whose sequence differs between awk implementations; the same
# COUNT and seed give the same files byte for byte on any machine.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: gen-archive.sh OUTDIR [COUNT]" >&2
	exit 2
fi
out=$1
count=${2:-300}
case $count in
''|*[!0-9]*) echo "gen-archive.sh: COUNT must be a number, not '$count'" >&2
	exit 2 ;;
esac
seed=${ARCHIVE_SEED:-20230314}
here=$(cd "$(dirname "$0")" && pwd)
examples=${HERALD_EXAMPLES:-$here/../examples/bulletins}
set -- "$examples"/*.txt
if [ ! -f "$1" ]; then
	echo "gen-archive.sh: no example bulletins in $examples" >&2
	exit 1
fi
case $out in
*[\"\`\$\\]*) echo "gen-archive.sh: OUTDIR may not hold quotes, \$, \` or \\" >&2
	exit 2 ;;
esac
mkdir -p "$out"

LC_ALL=C awk -v out="$out" -v count="$count" -v seed="$seed" '
# Park-Miller minimal standard generator: every product stays below 2^53,
# so it is exact in any awk.
function next_random() {
	state = (state * 16807) % 2147483647
	return state
}
function pick(n) { return next_random() % n }

# The date of day number d (days since 1970-01-01), proleptic Gregorian
# (the civil-from-days algorithm); sets Y, M, D and WD (0 = Sunday).
function civil(d,    z, era, doe, yoe, doy, mp) {
	WD = (d % 7 + 11) % 7
	z = d + 719468
	era = int(z / 146097)
	doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	Y = yoe + era * 400
	doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153)
	D = doy - int((153 * mp + 2) / 5) + 1
	M = mp < 10 ? mp + 3 : mp - 9
	if (M <= 2)
		Y++
}

function ordinal(n) {
	if (n % 100 >= 11 && n % 100 <= 13)
		return n "th"
	if (n % 10 == 1) return n "st"
	if (n % 10 == 2) return n "nd"
	if (n % 10 == 3) return n "rd"
	return n "th"
}

# The date line of bulletin k, its format turning with k.
function date_line(k) {
	f = k % 6
	if (f == 0) return D " " month[M] " " Y
	if (f == 1) return sprintf("%04d-%02d-%02d", Y, M, D)
	if (f == 2) return sprintf("%02d.%02d.%04d", D, M, Y)
	if (f == 3) return month[M] " " D ", " Y
	if (f == 4) return weekday[WD] ", " D " " month[M] " " Y
	return ordinal(D) " " short[M] ". " Y
}

function is_date_line(s) {
	return s ~ /^[0-9][0-9]?[.\/-][0-9][0-9]?[.\/-][0-9][0-9]+$/ ||
	       s ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?$/ ||
	       s ~ /^[0-9][0-9]? [A-Z][a-z]+ [0-9][0-9][0-9][0-9]$/ ||
	       s ~ /^[A-Z][a-z]+ [0-9][0-9]?, [0-9][0-9][0-9][0-9]$/
}

# Items: blocks separated by two or more blank lines.
function end_item() {
	if (item != "")
		items[nitems++] = item
	item = ""
}

BEGIN {
	split("January February March April May June July August September October November December", month, " ")
	split("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec", short, " ")
	split("Sunday Monday Tuesday Wednesday Thursday Friday Saturday", wd, " ")
	for (i = 0; i < 7; i++)
		weekday[i] = wd[i + 1]
	state = seed % 2147483646 + 1
}

FNR == 1 { end_item(); blanks = 0; first = 1 }
{
	sub(/\r$/, "")
	if ($0 ~ /^[ \t]*$/) {
		blanks++
		next
	}
	if (first) {
		first = 0
		if (is_date_line($0))
			next
	}
	if (blanks >= 2)
		end_item()
	if (item != "")
		item = item (blanks ? "\n\n" : "\n")
	item = item $0
	blanks = 0
}

END {
	end_item()
	if (nitems == 0) {
		print "gen-archive.sh: no items found" > "/dev/stderr"
		exit 1
	}
	day0 = 18262   # 2020-01-01
	last_dir = ""
	for (k = 0; k < count; k++) {
		civil(day0 + k)
		dir = sprintf("%s/%04d/%02d", out, Y, M)
		if (dir != last_dir) {
			if (system("mkdir -p \"" dir "\"") != 0)
				exit 1
			last_dir = dir
		}
		file = sprintf("%s/bulletin-%04d-%02d-%02d.txt", dir, Y, M, D)
		printf "%s\n", date_line(k) > file
		# Four to nine items, none twice in one bulletin.
		n = 4 + pick(6)
		if (n > nitems)
			n = nitems
		split("", taken)
		for (j = 0; j < n; j++) {
			do i = pick(nitems); while (i in taken)
			taken[i] = 1
			printf "\n\n%s\n", items[i] > file
		}
		close(file)
	}
}' "$@"
