# tests/htmlin: the HTML reader, in-process through the pipeline, on
# pages written for the tests (and on ../shared/html-corpus when there).
check_PROGRAMS += tests/htmlin/test_htmlin
TESTS += tests/htmlin/test_htmlin
tests_htmlin_test_htmlin_SOURCES = tests/htmlin/test_htmlin.c
tests_htmlin_test_htmlin_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_htmlin_test_htmlin_LDADD = libherald.la $(CMOCKA_LIBS)
EXTRA_DIST += tests/htmlin/chronicle.html tests/htmlin/sections.html

# The HTML reader's benchmark against Readability.js (bench/html-bench.sh;
# skips without ../shared/html-corpus or node), part of `make bench`.
EXTRA_DIST += bench/html-bench.sh bench/html-bench.js
.PHONY: bench-html
bench: bench-html
bench-html: all
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  HERALD_PLUGIN_PATH='$(abs_top_builddir)/plugins' \
	  sh '$(srcdir)/bench/html-bench.sh'
