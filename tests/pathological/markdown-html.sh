#!/bin/sh
# A row of the pathological table (table.sh).
. "$top_srcdir/tests/pathological/table.sh"
row markdown-html
