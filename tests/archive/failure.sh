#!/bin/sh
# A document that fails in the middle of an archive: the others are still
# converted, the exit status is 1, and the summary on stderr names the
# failed file with its first diagnostic (FILE:LINE:COL).
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 12 || fail "gen-archive.sh failed"
bad="$work/in/2020/01/bulletin-2020-01-06.txt"
# Invalid UTF-8 (a lone 0xFF) on line 3, column 11.
printf '6 January 2020\n\nGood text \342\202 bad \342\200\224 cut\n' > "$bad"
printf 'Not a bulletin\n' > "$work/in/2020/01/notes.rst"   # no reader: ignored

for jobs in 1 2; do
	out="$work/out-$jobs"
	run -r -j "$jobs" -t html -o "$out" "$work/in"
	expect_status 1 "-j $jobs, one bad document"
	# (index.html, the site's index, is not a bulletin's output.)
	n=$(files_below "$out" | grep -c '^2020/.*/bulletin-.*\.html$')
	[ "$n" -eq 11 ] || fail "-j $jobs: $n outputs, expected the 11 good ones"
	[ ! -e "$out/2020/01/bulletin-2020-01-06.html" ] ||
		fail "-j $jobs: the failed document has an output"
	[ -z "$(find "$out" -name '.*.herald-*')" ] ||
		fail "-j $jobs: temporary file left by the failed document"
	expect_err "^herald: 1 of 12 documents failed:\$" "-j $jobs summary"
	# The summary line after it: the file, its line and column, the error.
	sed -n '/documents failed:/{n;p;}' "$work/stderr" > "$work/summary"
	grep -q "^  $bad:3:11: error: bulletin: invalid UTF-8" "$work/summary" ||
		fail "-j $jobs: summary does not name $bad:3:11: $(cat "$work/stderr")"
	# The diagnostic itself was printed once, as it happened.
	n=$(grep -c "^herald: $bad:3:11: error:" "$work/stderr")
	[ "$n" -eq 1 ] || fail "-j $jobs: the diagnostic was printed $n times"
done
diff -r "$work/out-1" "$work/out-2" > /dev/null ||
	fail "-j 2 and -j 1 differ with a failed document"

# Files named one by one: the same, and a missing one counts as failed.
run -t text -o "$work/named/" "$work/in/2020/01/bulletin-2020-01-01.txt" \
	"$work/missing.txt" "$bad" "$work/in/2020/01/bulletin-2020-01-02.txt"
expect_status 1 "named files, one missing and one bad"
[ -s "$work/named/bulletin-2020-01-01.txt" ] &&
	[ -s "$work/named/bulletin-2020-01-02.txt" ] ||
	fail "named files: the good ones were not converted"
expect_err "^herald: 2 of 4 documents failed:\$" "named files summary"
expect_err "^  $work/missing.txt: error: cannot open: No such file" "missing file"
expect_err "^  $bad:3:11: error: bulletin: invalid UTF-8" "named bad file"
echo "ok: a failed document leaves the others converted, exit 1, summary"
