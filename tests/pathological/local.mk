# tests/pathological: hostile inputs at n and 2n, checked for the right
# output and for linear growth of CPU time (table.sh, README.md).
PATHOLOGICAL_TESTS = tests/pathological/long-line.sh \
	tests/pathological/blank-lines.sh tests/pathological/dashes.sh \
	tests/pathological/abbreviations.sh tests/pathological/initials.sh \
	tests/pathological/nbsp.sh tests/pathological/json-deep.sh \
	tests/pathological/markdown-nesting.sh tests/pathological/turns.sh \
	tests/pathological/turns-million.sh tests/pathological/text-nodes-tei.sh \
	tests/pathological/tei-persons.sh tests/pathological/html-nesting.sh \
	tests/pathological/html-deep.sh tests/pathological/markdown-lists.sh \
	tests/pathological/markdown-html.sh
TESTS += $(PATHOLOGICAL_TESTS)
check_PROGRAMS += tests/pathological/cputime
tests_pathological_cputime_SOURCES = tests/pathological/cputime.c
EXTRA_DIST += $(PATHOLOGICAL_TESTS) tests/pathological/table.sh \
	tests/pathological/README.md
