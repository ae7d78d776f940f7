#!/bin/sh
# filters.sh - the example filters of examples/filters through -x exec,
# their outputs checked; an identity filter keeps every id and byte; the
# filter's standard error reaches herald's; shell=true and its absence.
. "${top_srcdir:-.}/tests/exec/lib.sh"
in="$bulletins/city-digest.txt"

# Identity: cat changes nothing, in JSON (ids, positions, metadata) and
# in the other writers, segmented or not.
for f in "$bulletins"/*.txt; do
	name=$(basename "$f")
	"$herald" -t json "$f" > "$tmp/plain.json"
	run -x exec:cmd=cat -t json "$f"
	expect_status 0 "$name through cat"
	cmp -s "$tmp/plain.json" "$tmp/out"
	check "$name: cat gives the same JSON model" $?
	"$herald" -x segment -t text:ids=true "$f" > "$tmp/plain.txt"
	run -x segment -x exec:cmd=cat -t text:ids=true "$f"
	cmp -s "$tmp/plain.txt" "$tmp/out"
	check "$name: segmented, cat keeps the sentence ids" $?
done
"$herald" -x segment -t json "$in" > "$tmp/seg.json"
run -x segment -x exec:cmd=cat -x exec:cmd=cat -t json "$in"
cmp -s "$tmp/seg.json" "$tmp/out"
check "two filters in a row keep the segmented model" $?
grep -q '"id": "i2.p1.s1"' "$tmp/out"
check "sentence ids are in the model" $?

# Several documents, in parallel workers: each gets its own filter.
"$herald" -t json -o "$tmp/o1/" "$bulletins"/*.txt 2> /dev/null
run -j 2 -x exec:cmd=cat -t json -o "$tmp/o2/" "$bulletins"/*.txt
expect_status 0 "five documents with -j 2"
diff -r -x .herald-manifest.json "$tmp/o1" "$tmp/o2" > /dev/null
check "with -j 2 each document comes back itself" $?

# The Python example: titles upper-cased; --drop removes items.
run -x "exec:cmd=python3 $filters/upper_titles.py" -t json "$in"
expect_status 0 "upper_titles.py runs"
"$herald" -t json "$in" > "$tmp/city.json"
python3 - "$tmp/city.json" "$tmp/out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
ta = [n.get("title") for n in a["root"]["children"] if n["type"] == "item"]
tb = [n.get("title") for n in b["root"]["children"] if n["type"] == "item"]
assert ta and tb == [t.upper() if t else t for t in ta], (ta, tb)
assert any(t and t != t.upper() for t in ta)
# Everything but the titles is unchanged.
for n in a["root"]["children"]:
    if n["type"] == "item" and n.get("title"):
        n["title"] = n["title"].upper()
assert a == b
PY
check "upper_titles.py upper-cases the titles and nothing else" $?
run -x "exec:cmd=python3 $filters/upper_titles.py --drop ^Volunteers" -t text "$in"
expect_status 0 "upper_titles.py --drop runs"
expect_in "$tmp/out" '^RIVERSIDE TRAM LINE OPENS TO PASSENGERS$' "the titles are upper-cased in text"
! grep -qi 'volunteers planted' "$tmp/out"
check "the item matching --drop is gone" $?
expect_in "$tmp/err" '^upper_titles: dropped 1 item\(s\)$' "the filter's stderr reaches herald's"

# The jq example.
if command -v jq > /dev/null 2>&1; then
	run -x "exec:cmd=jq --arg re tram -f $filters/drop_items.jq" -t json "$in"
	expect_status 0 "drop_items.jq runs"
	python3 - "$tmp/city.json" "$tmp/out" <<'PY'
import json, re, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
keep = [n for n in a["root"]["children"]
        if n["type"] != "item" or not re.search("tram", n.get("title") or "", re.I)]
assert len(keep) < len(a["root"]["children"])
a["root"]["children"] = keep
def no_ids(n):   # ids are ranks today (issue 16): a dropped item renumbers
    if isinstance(n, dict):
        return {k: no_ids(v) for k, v in n.items() if k != "id"}
    return [no_ids(v) for v in n] if isinstance(n, list) else n
assert no_ids(a) == no_ids(b)
PY
	check "drop_items.jq removes the tram item and nothing else" $?
else
	echo "SKIP: jq is not installed (drop_items.jq not run)"
fi

# No shell unless asked: shell syntax is refused, shell=true runs it.
run -x "exec:cmd=cat | cat" -t json "$in"
expect_status 2 "a pipe without shell=true is a usage error"
expect_in "$tmp/err" "exec: cannot split cmd 'cat \| cat' into words: it uses shell syntax" "and says it needs a shell"
run -x "exec:cmd=cat | cat,shell=true" -t json "$in"
expect_status 0 "shell=true runs a pipeline"
cmp -s "$tmp/city.json" "$tmp/out"
check "and the document comes back unchanged" $?
# Words: quotes and backslashes as in a shell, and no expansion of $.
script args.py 'exec python3 -c "import json,sys; d=json.load(sys.stdin); d[\"fields\"][\"args\"]=\"|\".join(sys.argv[1:]); json.dump(d,sys.stdout)" "$@"'
run -x "exec:cmd=$tmp/args.py 'a b' \"c\\\"d\" e\\ f '\$HOME' '*'" -t json "$in"
expect_status 0 "a command with quoted words"
expect_in "$tmp/out" '"args": "a b\|c\\"d\|e f\|\$HOME\|\*"' "words split as a shell would, without expansions"

# Output written before all input is read cannot deadlock: 1 MB of
# leading spaces (valid JSON whitespace) before the filter reads.
script early.sh 'head -c 1048576 /dev/zero | tr "\0" " "; exec cat'
run -x "exec:cmd=$tmp/early.sh" -t json "$bulletins"/city-digest.txt
expect_status 0 "a filter that writes before reading"
cmp -s "$tmp/city.json" "$tmp/out"
check "and its document is the same" $?

# No descriptor of herald's leaks into the filter, even one opened
# without close-on-exec (here fd 9).
script fds.sh 'for n in 3 4 5 6 7 8 9; do [ -e /proc/$$/fd/$n ] && echo "leaked fd $n" >&2; done; exec cat'
if [ -d /proc/self/fd ]; then
	run -x "exec:cmd=$tmp/fds.sh" -t json "$in" 9< "$in"
	expect_status 0 "the fd-listing filter runs"
	expect_empty "$tmp/err" "no descriptor leaks into the filter"
fi
finish
