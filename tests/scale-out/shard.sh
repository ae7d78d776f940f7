#!/bin/sh
# --shard K/N: N runs over an archive, each converting the inputs whose
# path hashes to its K, give together exactly the per-document outputs of
# one run, each document written by one shard only, and with --merge its
# manifest too; the shard of a file does not depend on where the archive
# lies; bad K/N are usage errors.  (A site from shards: merge.sh.)
. "$top_srcdir/tests/archive/common.sh"

sh "$gen" "$work/in" 120 || fail "gen-archive.sh failed"
# tei: one output per document and nothing archive-wide but the folder's
# manifest, which each shard's summary file is a part of and --merge
# writes (doc/archives.md, "Shards").
run -q -r -t tei -o "$work/single" "$work/in"
expect_status 0 "the single run"

# Each shard into its own folder (disjointness), and all into one (the
# union), with -j 1 and -j 2.
n=4
k=0
while [ "$k" -lt "$n" ]; do
	run -q -r -j 2 -t tei --shard "$k/$n" -o "$work/shard$k" "$work/in"
	expect_status 0 "shard $k/$n"
	[ ! -e "$work/shard$k/.herald-manifest.json" ] || fail "shard $k/$n wrote the manifest"
	[ -f "$work/shard$k/.herald-shard-$k-of-$n.json" ] || fail "shard $k/$n wrote no summary"
	run -q -r -j 1 -t tei --shard "$k/$n" -o "$work/union" "$work/in"
	expect_status 0 "shard $k/$n into the shared folder"
	[ -s "$work/stderr" ] && fail "shard $k/$n said something: $(cat "$work/stderr")"
	files_below "$work/shard$k" > "$work/list$k"
	[ -s "$work/list$k" ] || fail "shard $k/$n converted nothing (120 inputs)"
	k=$((k + 1))
done
run -q -r -t tei --merge -o "$work/union" "$work/in"
expect_status 0 "--merge"
diff -r "$work/single" "$work/union" > "$work/diff" ||
	fail "the shards differ from the single run: $(head -20 "$work/diff")"
cat "$work"/list? | LC_ALL=C sort > "$work/all"
files_below "$work/single" > "$work/expected"
cmp -s "$work/all" "$work/expected" ||
	fail "the shards' outputs are not each input once: $(diff "$work/expected" "$work/all" | head)"
[ "$(LC_ALL=C sort -u "$work/all" | wc -l)" -eq 120 ] || fail "a document is in two shards"

# The shard of a file is FNV-1a 64 of its path below the folder given,
# without the extension, mod N, as doc/archives.md says: computed here
# independently for every input.
if command -v python3 > /dev/null 2>&1; then
	(cd "$work/in" && find . -name '*.txt' | sed 's|^\./||') | python3 -c '
import sys
for rel in sys.stdin.read().split():
    h = 14695981039346656037
    for b in rel[:rel.rindex(".")].encode():
        h = ((h ^ b) * 1099511628211) % 2**64
    print(h % int(sys.argv[1]), rel[:rel.rindex(".")] + ".xml")
' "$n" | LC_ALL=C sort > "$work/predicted"
	k=0
	while [ "$k" -lt "$n" ]; do
		sed -n "s/^$k //p" "$work/predicted" | LC_ALL=C sort | cmp -s - "$work/list$k" ||
			fail "shard $k/$n is not the documented hash's"
		k=$((k + 1))
	done
fi

# Stable across machines: the same archive elsewhere, named by another
# path (relative, through a link), gives every shard the same files.
mkdir "$work/elsewhere"
cp -R "$work/in" "$work/elsewhere/archive"
ln -s "$work/elsewhere/archive" "$work/link"
(cd "$work" && "$herald" -q -r -t tei --shard "1/$n" -o moved link/) ||
	fail "the shard of the moved archive failed"
files_below "$work/moved" | cmp -s - "$work/list1" ||
	fail "shard 1/$n took other files from another path"

# 1/1 is everything; a shard with no input is a success, not "no input".
run -q -r -t tei --shard 0/1 -o "$work/whole" "$work/in"
expect_status 0 "--shard 0/1"
run -q -r -t tei --merge -o "$work/whole" "$work/in"
diff -r "$work/single" "$work/whole" > /dev/null || fail "--shard 0/1 is not the whole archive"
mkdir "$work/one"
cp "$work/in/2020/01/bulletin-2020-01-01.txt" "$work/one/"
for k in 0 1 2; do
	run -r -t tei --shard "$k/3" -o "$work/few" "$work/one"
	expect_status 0 "shard $k/3 of one file"
done
[ "$(files_below "$work/few")" = bulletin-2020-01-01.xml ] ||
	fail "one file in three shards: $(files_below "$work/few")"
run -r -t tei --shard 0/3 -o "$work/none" "$work/empty-nothing"
expect_status 1 "a shard of a missing folder"

# Named files: the key is the name (what the output is named from).
run -q -t text --shard 0/2 "$work/in/2020/01/bulletin-2020-01-0"[1-9].txt
expect_status 0 "shard 0/2 to standard output"
cp "$work/stdout" "$work/text0"
run -q -t text --shard 1/2 "$work/in/2020/01/bulletin-2020-01-0"[1-9].txt
expect_status 0 "shard 1/2 to standard output"
cat "$work/text0" "$work/stdout" | LC_ALL=C sort > "$work/text-shards"
run -q -t text "$work/in/2020/01/bulletin-2020-01-0"[1-9].txt
LC_ALL=C sort "$work/stdout" | cmp -s - "$work/text-shards" ||
	fail "two stdout shards are not the single run's lines"

# A writer that cannot concatenate is refused for several inputs to
# stdout in every shard, as in the single run, even with one input left.
run -t html --shard 0/9 "$work/in/2020/01/bulletin-2020-01-01.txt" \
	"$work/in/2020/01/bulletin-2020-01-02.txt"
expect_status 2 "html of two inputs to stdout in a shard"
expect_err "2 inputs cannot go to one output" "html of two inputs to stdout"

# Two inputs that would write one output land in one shard, which
# refuses them as the single run does.
mkdir "$work/clash"
cp "$work/in/2020/01/bulletin-2020-01-01.txt" "$work/clash/x.txt"
printf '{"title": "x", "blocks": []}\n' > "$work/clash/x.json"
refused=""
for k in 0 1 2 3 4; do
	run -q -r -t tei --shard "$k/5" -o "$work/clash-out" "$work/clash"
	case $rc in
	0) [ ! -e "$work/clash-out/x.xml" ] || fail "shard $k/5 wrote the clash" ;;
	2) grep -q 'would be written here' "$work/stderr" || fail "shard $k/5: $(cat "$work/stderr")"
	   refused="$refused $k" ;;
	*) fail "shard $k/5 of a clash: exit $rc: $(cat "$work/stderr")" ;;
	esac
done
[ "$(echo $refused | wc -w)" -eq 1 ] || fail "the clash was refused by shards '$refused'"

# Bad K/N: usage errors (exit 2) naming what is wrong, nothing written.
for bad in 4/4 9/4 -1/4 x/4 4 1/ /4 1/0 "1/4 " 1/4/2 0/1000001 0x1/4; do
	run -r -t html --shard "$bad" -o "$work/bad" "$work/in"
	expect_status 2 "--shard '$bad'"
	expect_err "^herald: error: --shard '$bad': " "--shard '$bad'"
	[ ! -e "$work/bad" ] || fail "--shard '$bad' wrote something"
done
run -r -t html --shard 4/4 -o "$work/bad" "$work/in"
expect_err "K must be from 0 to N-1" "--shard 4/4"
run -r -t html --shard 1/0 -o "$work/bad" "$work/in"
expect_err "N must be from 1 to" "--shard 1/0"
run -r --shard -o "$work/bad" "$work/in"
expect_status 2 "--shard without K/N"
# (a corpus of shards: tests/scale-out/corpus-merge.sh)
run -r -t tei --corpus --shard 0/2 "$work/in"
expect_status 2 "--shard --corpus to standard output"
expect_err "give -o FILE, the corpus file" "--shard --corpus to standard output"
run --records --shard 0/2 < /dev/null
expect_status 2 "--shard with --records"
expect_err "cannot be combined with --records" "--shard with --records"
echo "ok: $n shards equal the single run, each document in one shard"
