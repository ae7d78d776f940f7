#!/bin/sh
# run.sh - run each libFuzzer harness for SECONDS (default 600) from a
# build configured with --enable-fuzzing, at the lowest priority, one at
# a time.  Usage: tests/fuzz/run.sh BUILD_DIR [SECONDS] [NAME...]
# HERALD_FUZZ_RUNS=N stops a harness after N executions if that comes
# before SECONDS.  HERALD_FUZZ_MAX_LEN=BYTES sets -max_len (65536 if unset).
# HERALD_FUZZ_FLAGS adds libFuzzer options (README.md: -entropic=0).
# New corpus entries go to BUILD_DIR/fuzz-corpus/NAME (kept between
# runs); a crash is written to BUILD_DIR/fuzz-crash-NAME-* : copy it into
# tests/fuzz/regressions/NAME/ once fixed, so `make check` replays it.
set -u
build=${1:?usage: run.sh BUILD_DIR [SECONDS] [NAME...]}
secs=${2:-600}
shift 2 2>/dev/null || shift $#
src=$(cd "$(dirname "$0")/../.." && pwd)
names=${*:-bulletin json chain convert records htmlin markdown}
export HERALD_PLUGIN_PATH="$build/plugins" HERALD_LANG_PATH="$src/data/lang"
status=0
for name in $names; do
	corpus="$build/fuzz-corpus/$name"
	mkdir -p "$corpus"
	case $name in
	bulletin) seeds="$src/examples/bulletins $src/tests/bulletin/golden" ;;
	json) seeds="$src/tests/bulletin/golden $src/tests/writers/golden" ;;
	chain) seeds="$src/tests/fuzz/corpus/chain" ;;
	convert) seeds="$src/examples/bulletins $src/tests/writers/golden $src/tests/fuzz/corpus/markdown" ;;
	htmlin) seeds="$src/tests/markup/golden" ;;
	markdown) seeds="$src/tests/bulletin/variety $src/tests/writers/golden $src/tests/fuzz/corpus/markdown" ;;
	records) seeds="$src/tests/fuzz/corpus/records" ;;
	esac
	# -max_len: bulletins are a few kB; 64 kB leaves room without
	# letting the fuzzer spend its time on huge inputs (the pathological
	# table covers size).  A campaign after a time budget may lower it:
	# at 4 kB (libFuzzer's own default) the reader harnesses run about
	# twice as many executions a second, on units that still hold
	# several blocks.  -rss_limit_mb keeps four of them in 2 GB.
	# shellcheck disable=SC2086
	nice -n 19 "$build/tests/fuzz/fuzz-$name" "$corpus" $seeds \
		"$src/tests/fuzz/regressions/$name" \
		-dict="$src/tests/fuzz/herald.dict" -max_len="${HERALD_FUZZ_MAX_LEN:-65536}" \
		-rss_limit_mb=1536 -timeout=10 -max_total_time="$secs" \
		${HERALD_FUZZ_RUNS:+-runs=$HERALD_FUZZ_RUNS} ${HERALD_FUZZ_FLAGS:-} \
		-print_final_stats=1 -artifact_prefix="$build/fuzz-crash-$name-" \
		> "$build/fuzz-$name.log" 2>&1 || status=1
	printf '%s: ' "$name"
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec)|^==.*ERROR|^SUMMARY' \
		"$build/fuzz-$name.log" |
		tr '\n' ' '
	echo
done
exit $status
