# plugins/exec: the exec transform (external filters over the JSON
# model), and its tests in tests/exec.
pkglib_LTLIBRARIES += plugins/exec.la
plugins_exec_la_SOURCES = plugins/exec/exec.c \
	plugins/exec/words.c plugins/exec/words.h \
	plugins/exec/run.c plugins/exec/run.h \
	plugins/exec/replace.c plugins/exec/replace.h
plugins_exec_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_exec_la_LIBADD = $(PLUGIN_LIBADD) -lpthread

TESTS += tests/exec/filters.sh tests/exec/errors.sh tests/exec/large.sh
EXTRA_DIST += tests/exec/filters.sh tests/exec/errors.sh tests/exec/large.sh \
	examples/filters/upper_titles.py examples/filters/drop_items.jq \
	examples/filters/README.md
