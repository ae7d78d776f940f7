# drop_items.jq - a herald filter in jq: remove the items whose title
# matches the regular expression $re (case-insensitive), keep all else.
#
#   herald -x exec:cmd="jq --arg re video -f drop_items.jq" -t text FILE
#
# herald writes the document's JSON model (doc/json.md) on jq's standard
# input and reads jq's output back as the document.
.root.children |= map(select(.type != "item"
                             or ((.title // "") | test($re; "i") | not)))
