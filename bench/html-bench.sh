#!/bin/sh
# html-bench.sh - pages per second of the HTML reader on
# ../shared/html-corpus, side by side with Mozilla's Readability.js
# (npm @mozilla/readability with jsdom, installed into a cache folder
# outside the tree) run in one node process over all pages, both in CPU
# time (user + system), the median of 3 runs; and Readability's own
# score.py figures on the corpus.  A benchmark, not a test: it asserts
# nothing about speed.  Skips, saying why, without the corpus or node.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=${top_srcdir:-$(cd "$here/.." && pwd)}
build=${top_builddir:?top_builddir must name the build tree}
corpus="$top/../shared/html-corpus"
herald="$build/herald"
runs=3

if [ ! -f "$corpus/evaldata.json" ]; then
	echo "html-bench: skipped: no $corpus"
	exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/html-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
pages=$(find "$corpus" -maxdepth 1 -name '*.html' | wc -l)
bytes=$(cat "$corpus"/*.html | wc -c)

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

# herald: one process over all pages, on one core (-j 1); its CPU time
# as the parent sees it (rusage of the child), start-up included.
i=0
while [ $i -lt $runs ]; do
	python3 - "$herald" "$corpus" <<'PY'
import glob, os, resource, subprocess, sys
pages = sorted(glob.glob(os.path.join(sys.argv[2], "*.html")))
subprocess.run([sys.argv[1], "-q", "-j", "1", "-t", "text"] + pages,
               stdout=subprocess.DEVNULL, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{r.ru_utime + r.ru_stime:.3f}")
PY
	i=$((i + 1))
done > "$work/herald.times"
h=$(median < "$work/herald.times")
awk -v t="$h" -v n="$pages" -v b="$bytes" 'BEGIN {
	printf "html-bench: %d pages, %.1f MB\n", n, b / 1e6
	printf "html-bench: herald -t text      %7.3f s CPU  %8.1f pages/s  %6.2f ms/page\n",
	       t, n / t, 1000 * t / n }'

cache="${HERALD_BENCH_CACHE:-${HOME:-/root}/.cache/herald-bench}"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "html-bench: Readability.js skipped: no node/npm"
	exit 0
fi
if [ ! -d "$cache/node_modules/@mozilla/readability" ] ||
   [ ! -d "$cache/node_modules/jsdom" ]; then
	mkdir -p "$cache"
	npm install --silent --no-audit --no-fund --prefix "$cache" \
		@mozilla/readability jsdom >/dev/null 2>&1 || {
		echo "html-bench: Readability.js skipped: npm install failed"
		exit 0
	}
fi
mkdir "$work/readability"
NODE_PATH="$cache/node_modules" node "$here/html-bench.js" $runs \
	"$work/readability" "$corpus" > "$work/readability.times"
r=$(median < "$work/readability.times")
awk -v t="$r" -v h="$h" -v n="$pages" 'BEGIN {
	printf "html-bench: Readability.js      %7.3f s CPU  %8.1f pages/s  %6.2f ms/page\n",
	       t, n / t, 1000 * t / n
	printf "html-bench: herald is %.1f times as fast as Readability.js (CPU time, median of 3)\n",
	       t / h }'

# Readability's extraction quality, scored as herald's is
cat > "$work/show.sh" <<SH
#!/bin/sh
cat "$work/readability/\$(basename "\$1").txt"
SH
printf 'html-bench: Readability.js  '
python3 "$corpus/score.py" --dir "$corpus" --cmd "sh $work/show.sh"
printf 'html-bench: herald          '
python3 "$corpus/score.py" --dir "$corpus" --cmd "$herald -q -t text"
