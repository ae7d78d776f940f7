# plugins/exec: the exec transform (external filters over the JSON
# model), and its tests in tests/exec.
pkglib_LTLIBRARIES += plugins/exec.la
plugins_exec_la_SOURCES = plugins/exec/exec.c \
	plugins/exec/words.c plugins/exec/words.h \
	plugins/exec/run.c plugins/exec/run.h \
	plugins/exec/replace.c plugins/exec/replace.h
plugins_exec_la_LDFLAGS = $(PLUGIN_LDFLAGS)
plugins_exec_la_LIBADD = $(PLUGIN_LIBADD) -lpthread

check_PROGRAMS += tests/exec/test_words
tests_exec_test_words_SOURCES = tests/exec/test_words.c \
	plugins/exec/words.c plugins/exec/words.h
tests_exec_test_words_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/exec
tests_exec_test_words_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_exec_test_words_LDADD = $(CMOCKA_LIBS)

TESTS += tests/exec/test_words tests/exec/filters.sh tests/exec/errors.sh tests/exec/large.sh \
	tests/exec/ids.sh
EXTRA_DIST += tests/exec/filters.sh tests/exec/errors.sh tests/exec/large.sh \
	tests/exec/ids.sh \
	tests/exec/lib.sh \
	examples/filters/upper_titles.py examples/filters/drop_items.jq \
	examples/filters/README.md
