#!/bin/sh
# records-from-files.sh ARCHIVE [EXT] - print one herald --records line
# per bulletin of ARCHIVE: {"id": "<path with .EXT>", "text": "<content>"}.
# The text travels inside the record, so the records can be converted on
# any machine (GNU parallel --pipe -S, Hadoop) without the files.
# EXT (default html) makes the id the output's path, for
# files-from-results.sh.  Needs jq.
set -eu
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: records-from-files.sh ARCHIVE [EXT]" >&2
	exit 2
fi
ext=${2:-html}
cd "$1"
find . -type f -name '*.txt' ! -name '.*' | sed 's|^\./||' | LC_ALL=C sort |
while IFS= read -r f; do
	jq -cn --arg id "${f%.txt}.$ext" --rawfile text "$f" '{id: $id, text: $text}'
done
