#!/bin/sh
# completion.sh - the bash completion completes options, and plugin names
# by role from the herald it completes (here the build tree's, plus a
# --plugin-path typed earlier).  Skips without bash.
. "${top_srcdir:-.}/tests/sdk/lib.sh"
command -v bash >/dev/null || { echo "SKIP: no bash"; exit 77; }
"$herald" --describe segment >/dev/null 2>&1 ||
	{ echo "SKIP: plugin segment is not built"; exit 77; }

# complete WORD...: what _herald offers for the last word, one a line.
complete_words() {
	HERALD_CMD="$herald" COMPLETION="$src/completion/herald" bash -c '
		source "$COMPLETION" || exit 1
		COMP_WORDS=("$HERALD_CMD" "$@"); COMP_CWORD=$#
		COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
		_herald herald "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sort' bash "$@"
}

complete_words -t "" > "$tmp/writers"
check "completes -t" $?
for w in html tei text json; do has "-t offers writer $w" "$tmp/writers" "$w"; done
! grep -qx segment "$tmp/writers"
check "-t offers no transform" $?
! grep -qx bulletin "$tmp/writers"
check "-t offers no reader-only plugin" $?

# A quoted option value before (commas, '!' and quotes in the word) does
# not disturb what follows.
complete_words -x "'exec:cmd=\"sed s/a,b!/c/\"'" -t "" > "$tmp/writers"
has "-t after a quoted -x value offers writer html" "$tmp/writers" html
complete_words -p "'bulletin ! tei:publisher=\"a, b!\" ! text'" --desc > "$tmp/opts"
has "options complete after a quoted -p chain" "$tmp/opts" "--describe="

complete_words -x "" > "$tmp/transforms"
has "-x offers segment" "$tmp/transforms" segment
! grep -qx html "$tmp/transforms"
check "-x offers no writer" $?

complete_words --from = "b" > "$tmp/readers"
has "--from=b offers bulletin" "$tmp/readers" bulletin

complete_words --desc > "$tmp/opts"
has "completes long options" "$tmp/opts" "--describe="
complete_words --list > "$tmp/opts"
has "completes --list-plugins" "$tmp/opts" "--list-plugins"

complete_words --describe "se" > "$tmp/names"
printf 'segment\n' | cmp -s - "$tmp/names"
check "--describe completes plugin names" $?

# A plugin found through a --plugin-path typed before is offered too.
mkdir -p "$tmp/more"
$CC -shared -fPIC -I"$src/include" -o "$tmp/more/stats.so" \
	"$src/examples/plugins/stats/stats.c"
check "stats builds" $?
complete_words --plugin-path="$tmp/more" -t "st" > "$tmp/writers"
has "--plugin-path's plugins are offered" "$tmp/writers" stats
complete_words --plugin-path = "$tmp/more" -t "st" > "$tmp/writers"
has "also when bash split --plugin-path=DIR at '='" "$tmp/writers" stats
finish
