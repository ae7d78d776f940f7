#!/bin/sh
# files-from-results.sh OUTDIR - read herald --records results on standard
# input and write each output to OUTDIR/<id>; list the error records on
# standard error and exit 1 if there was any.  Needs jq.
set -eu
if [ $# -ne 1 ]; then
	echo "usage: files-from-results.sh OUTDIR < results.jsonl" >&2
	exit 2
fi
out=$1
status=0
while IFS= read -r line; do
	id=$(printf '%s\n' "$line" | jq -r '.id')
	case $id in
	/*|../*|*/../*|*/..|..|'') echo "files-from-results.sh: unsafe id '$id'" >&2
		status=1; continue ;;
	esac
	if printf '%s\n' "$line" | jq -e 'has("error")' > /dev/null; then
		printf '%s\n' "$line" | jq -r '"\(.id): \(.error)"' >&2
		status=1
		continue
	fi
	mkdir -p "$out/$(dirname "$id")"
	printf '%s\n' "$line" | jq -j '.output' > "$out/$id"
done
exit "$status"
