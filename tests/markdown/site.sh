#!/bin/sh
# The markdown writer as a site writer, without any site generator:
#  - -o FOLDER writes the index as _index.md by default, index= names it,
#    a bad index= is a usage error naming the rule;
#  - an input whose output takes the index's name wins (a warning);
#  - links=relref (the default) writes each relative .md link as Hugo's
#    relref shortcode, percent-encoded as the core wrote it, for odd file
#    names too; links=files leaves them; links with a scheme, from the
#    root, to a fragment, with a query or a bad escape are never touched;
#  - without front matter, several inputs on standard output are one
#    Markdown stream: each bulletin starts with its own # title.
. "$top_srcdir/tests/archive/common.sh"

mkdir -p "$work/in/sub dir"
for name in 'plain' '50% off' "$(printf 'caf\303\251')" 'sub dir/a b'; do
	printf '3 March 2020\n\nCouncil meets\n\nIt met.\n' > "$work/in/$name.txt"
done
run -q -r -t markdown -o "$work/out" "$work/in"
expect_status 0 "a folder of odd names"
[ -f "$work/out/_index.md" ] || fail "no _index.md"
[ ! -e "$work/out/index.md" ] || fail "an index.md besides _index.md"
# the month's index (all are of 3 March 2020) links each page and item,
# relative to its folder; the top and the year's lead down to it
for idx in _index.md 2020/_index.md 2020/03/_index.md; do
	[ -f "$work/out/$idx" ] || fail "no $idx"
done
grep -q '{{< relref "2020/_index.md" >}}' "$work/out/_index.md" ||
	fail "the top index does not link the year's"
sed -n 's/^\(  - \)\{0,1\}\[\(.*\)\](\(.*\))$/\2 -> \3/p' "$work/out/2020/03/_index.md" > "$work/links"
cat > "$work/want" <<'LINKS'
3 March 2020 -> {{< relref "../../50%25%20off.md" >}}
Council meets -> {{< relref "../../50%25%20off.md#i1" >}}
3 March 2020 -> {{< relref "../../caf%C3%A9.md" >}}
Council meets -> {{< relref "../../caf%C3%A9.md#i1" >}}
3 March 2020 -> {{< relref "../../plain.md" >}}
Council meets -> {{< relref "../../plain.md#i1" >}}
3 March 2020 -> {{< relref "../../sub%20dir/a%20b.md" >}}
Council meets -> {{< relref "../../sub%20dir/a%20b.md#i1" >}}
LINKS
cmp -s "$work/want" "$work/links" ||
	fail "the index's links: $(diff "$work/want" "$work/links")"

run -q -r -t markdown:index=index.md,links=files -o "$work/files" "$work/in"
expect_status 0 "index=index.md,links=files"
[ -f "$work/files/index.md" ] && [ ! -e "$work/files/_index.md" ] ||
	fail "index=index.md did not name the index"
grep -qx '  - \[Council meets\](../../sub%20dir/a%20b.md#i1)' "$work/files/2020/03/index.md" ||
	fail "links=files changed a link: $(grep 'a%20b' "$work/files/2020/03/index.md")"
! grep -q relref "$work/files/index.md" || fail "links=files wrote a shortcode"

for bad in 'a/b' '.hidden' '' "$(printf 'x%070d' 0)"; do
	run -t "markdown:index=$bad" "$work/in/plain.txt"
	expect_status 2 "index='$bad'"
	expect_err "markdown: index must be a file name (no '/', not starting with '.', under 64 bytes)" "index='$bad'"
done
run -t markdown:links=pretty "$work/in/plain.txt"
expect_status 2 "links=pretty"

# an input named like the index: it wins, the index steps aside
printf '4 March 2020\n\nOwn index\n\nMine.\n' > "$work/in/_index.txt"
run -r -t markdown -o "$work/clash" "$work/in"
expect_err "_index.md: warning: not written: .*_index.txt takes its name" "an input named _index"
grep -q '^title: "4 March 2020"$' "$work/clash/_index.md" ||
	fail "_index.md is not the converted _index.txt"
rm "$work/in/_index.txt"

# links in a bulletin's own text (a Markdown input)
cat > "$work/links.md" <<'MD'
---
title: "Links"
---

# Item

[page](other.md) [item](sub/other.md#i2) [web](https://example.org/x.md)
[root](/x.md) [here](#i1) [query](x.md?a=1) [bad escape](x%zz.md)
[not md](x.html) [up](../up.md)
MD
run -t markdown "$work/links.md"
expect_status 0 "a bulletin with links"
for want in '[page]({{< relref "other.md" >}})' \
	'[item]({{< relref "sub/other.md#i2" >}})' \
	'[web](https://example.org/x.md)' '[root](/x.md)' '[here](#i1)' \
	'[query](x.md?a=1)' '[bad escape](x%zz.md)' '[not md](x.html)' \
	'[up]({{< relref "../up.md" >}})'; do
	grep -qF -e "$want" "$work/stdout" || fail "no '$want' in: $(grep '](' "$work/stdout")"
done

# several inputs without front matter: one stream, each its own title
run -t markdown:front-matter=false "$work/in/plain.txt" "$work/in/50% off.txt"
expect_status 0 "two inputs, front-matter=false"
[ "$(grep -c '^# 3 March 2020$' "$work/stdout")" -eq 2 ] ||
	fail "each bulletin does not start with its title: $(cat "$work/stdout")"
! grep -q '^---$' "$work/stdout" || fail "a --- block in the stream"
exit 0
