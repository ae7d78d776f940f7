#!/bin/sh
# ids.sh - ids are given when a document is read and kept after: a filter
# that drops the first two items (the jq example through -x exec, and a C
# transform) leaves the third one "i3" in every writer; a transform's new
# item gets an id no other node had; the json reader reads ids back (a
# filtered document round-trips with its ids); a duplicate or malformed
# id in JSON is an error naming the node.
. "${top_srcdir:-.}/tests/exec/lib.sh"
in="$bulletins/city-digest.txt"
modules="${top_builddir:-.}/tests/modules/good"

# ID_PATTERN WRITER ID: how WRITER prints the id ID of an item (grep -E).
id_pattern() {
	case $1 in
	text*) echo "^$2	" ;;
	json) echo "\"id\": \"$2\"" ;;
	html) echo " id=\"$2\"" ;;
	tei) echo "xml:id=\"$2\"" ;;
	markdown) echo "\\{#$2\\}" ;;
	esac
}

# survivors DESCRIPTION STAGE...: with those transforms, every writer
# shows items i3 and i5 and the paragraph i4.p1 (markdown: items only),
# and neither i1 nor i2.
survivors() {
	what=$1
	shift
	for w in text:ids=true json html tei markdown; do
		run "$@" -t "$w" "$in"
		expect_status 0 "$what, -t $w"
		for id in i3 i5 i4.p1; do
			[ "$id" = i4.p1 ] && case $w in markdown) continue ;; esac
			expect_in "$tmp/out" "$(id_pattern "$w" "$id")" \
				"$what, -t $w: $id kept"
		done
		for id in i1 i2; do
			! grep -q -E "$(id_pattern "$w" "$id")" "$tmp/out"
			check "$what, -t $w: no $id" $?
		done
	done
}

# The unfiltered document has items i1 to i7; the first two are about a
# tram and volunteers.
run -t text:ids=true "$in"
expect_in "$tmp/out" "^i2	Volunteers" "i2 is the volunteers' item"
expect_in "$tmp/out" "^i7	" "the document has seven items"

if command -v jq > /dev/null 2>&1; then
	survivors "drop_items.jq" \
		-x "exec:cmd=jq --arg re 'tram|volunteer' -f $filters/drop_items.jq"
	# The filtered JSON model read back keeps its ids: same bytes.
	run -x "exec:cmd=jq --arg re 'tram|volunteer' -f $filters/drop_items.jq" \
		-t json "$in"
	cp "$tmp/out" "$tmp/filtered.json"
	run -t json "$tmp/filtered.json"
	cmp -s "$tmp/filtered.json" "$tmp/out"
	check "a filtered model read back keeps its ids" $?
	run -x segment -t text:ids=true "$tmp/filtered.json"
	expect_in "$tmp/out" "^i4.p1.s1	" "sentences of a read-back model start from its ids"
else
	echo "jq not installed: the jq filter part is skipped"
fi

# A filter in C, a transform module.
if [ -f "$modules/dropitems.la" ]; then
	survivors "a C transform" --plugin-path="$modules" -x dropitems
	# Its new item, put in front where i1 was, comes after the highest
	# rank (i7), never taking a dropped item's id; its paragraph is
	# numbered below it.
	run --plugin-path="$modules" -x dropitems:add=true -t text:ids=true "$in"
	expect_in "$tmp/out" "^i8	Added by dropitems" "a new item gets an id no node had"
	expect_in "$tmp/out" "^i8.p1	Added" "and its paragraph one below it"
	run --plugin-path="$modules" -x dropitems:add=true -t json "$in"
	cp "$tmp/out" "$tmp/added.json"
	run -t json "$tmp/added.json"
	cmp -s "$tmp/added.json" "$tmp/out"
	check "the new ids round-trip through JSON" $?
	# Through a filter too: the identity filter keeps them all.
	run --plugin-path="$modules" -x dropitems:add=true -x exec:cmd=cat -t json "$in"
	cmp -s "$tmp/added.json" "$tmp/out"
	check "an identity filter after the C transform keeps every id" $?
else
	echo "no test modules in $modules (static build): the C part is skipped"
fi

# A filter that adds nodes without ids: they get new ones, after the
# highest rank.
"$herald" -t json "$in" > "$tmp/full.json"
python3 - "$tmp/full.json" > "$tmp/new.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["root"]["children"].append({"type": "item", "kind": "news", "title": "Late",
    "children": [{"type": "paragraph", "children": [{"type": "text", "text": "x"}]}]})
json.dump(d, sys.stdout)
PY
script new.sh "cat > /dev/null; cat '$tmp/new.json'"
run -x "exec:cmd=$tmp/new.sh" -t text:ids=true "$in"
expect_status 0 "a filter that adds an item without an id"
expect_in "$tmp/out" "^i8	Late" "the added item continues after i7"
expect_in "$tmp/out" "^i8.p1	x" "and its paragraph below it"

# One that drops the last item and adds one: the new item does not take
# the dropped one's id (herald numbers it, knowing i7 was given).
python3 - "$tmp/full.json" > "$tmp/swap.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["root"]["children"].pop()
d["root"]["children"].append({"type": "item", "kind": "news", "title": "Late",
    "children": [{"type": "paragraph", "children": [{"type": "text", "text": "x"}]}]})
json.dump(d, sys.stdout)
PY
script swap.sh "cat > /dev/null; cat '$tmp/swap.json'"
run -x "exec:cmd=$tmp/swap.sh" -t text:ids=true "$in"
expect_status 0 "a filter that replaces the last item"
expect_in "$tmp/out" "^i8	Late" "the new item is i8, not the dropped i7"
! grep -q "^i7	" "$tmp/out"
check "and i7 is gone" $?

# The same below an item it keeps: the item's last paragraph replaced.
python3 - "$tmp/full.json" > "$tmp/para.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
item = [c for c in d["root"]["children"] if c.get("id") == "i1"][0]
assert item["children"][-1]["id"] == "i1.p3"
item["children"][-1] = {"type": "paragraph", "children": [{"type": "text", "text": "New."}]}
json.dump(d, sys.stdout)
PY
script para.sh "cat > /dev/null; cat '$tmp/para.json'"
run -x "exec:cmd=$tmp/para.sh" -t text:ids=true "$in"
expect_status 0 "a filter that replaces a paragraph"
expect_in "$tmp/out" "^i1.p4	New." "the new paragraph is i1.p4, not the dropped i1.p3"

# Bad ids in JSON: an error at the node, for a file and for a filter.
bad_id() {   # DESCRIPTION PYTHON-EDIT MESSAGE
	python3 - "$tmp/full.json" "$2" > "$tmp/bad.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[2])
json.dump(d, sys.stdout)
PY
	run -t json "$tmp/bad.json"
	expect_status 1 "$1"
	expect_in "$tmp/err" "bad.json: error: json: $3" "$1: the node and the id named"
	run -x "exec:cmd=cat $tmp/bad.json" -t json "$in"
	expect_status 1 "$1, from a filter"
	expect_in "$tmp/err" "filter 'cat [^']*' wrote an invalid document.*$3" \
		"$1, from a filter: named"
}
items='[c for c in d["root"]["children"] if c["type"] == "item"]'
bad_id "a duplicate item id" "$items[1]['id'] = 'i1'" \
	'root.children\[2\]: duplicate id "i1"'
bad_id "a duplicate across levels" "$items[0]['children'][0]['id'] = 'q1'" \
	'root.children\[1\].children\[0\]: duplicate id "q1"'
bad_id "an id with a space" "$items[0]['id'] = 'i 1'" \
	'root.children\[1\]: invalid id "i 1"'
bad_id "an id starting with a digit" "$items[0]['id'] = '1'" \
	'root.children\[1\]: invalid id "1"'
bad_id "an id on a text node" "$items[0]['children'][0]['children'][0]['id'] = 'x'" \
	'root.children\[1\].children\[0\].children\[0\]: a text has no "id"'
bad_id "an id that is not a string" "$items[0]['id'] = 3" \
	'root.children\[1\]: "id" must be a string'
finish
