# tests/htmlin: the HTML reader, in-process through the pipeline, on
# pages written for the tests (and on ../shared/html-corpus when there).
check_PROGRAMS += tests/htmlin/test_htmlin
TESTS += tests/htmlin/test_htmlin
tests_htmlin_test_htmlin_SOURCES = tests/htmlin/test_htmlin.c
tests_htmlin_test_htmlin_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_htmlin_test_htmlin_LDADD = libherald.la $(CMOCKA_LIBS)

# The interview page of test_htmlin_interview_* (plugins/htmlin/turns.c).
EXTRA_DIST += tests/htmlin/pages/interview.html
EXTRA_DIST += tests/htmlin/chronicle.html tests/htmlin/sections.html

# Every writer on every page of ../shared/html-corpus; vnu-corpus.sh
# checks a sample of the html writer's pages with the Nu checker.
check_PROGRAMS += tests/htmlin/test_writers
TESTS += tests/htmlin/test_writers tests/htmlin/vnu-corpus.sh
tests_htmlin_test_writers_SOURCES = tests/htmlin/test_writers.c \
	tests/markup/support.c tests/markup/support.h tests/words.c tests/words.h
tests_htmlin_test_writers_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(CMARK_CFLAGS) \
	$(CMOCKA_CFLAGS)
tests_htmlin_test_writers_LDADD = libherald.la $(XML_LIBS) $(CMARK_LIBS) \
	$(CMOCKA_LIBS)
EXTRA_DIST += tests/htmlin/vnu-corpus.sh

# The HTML reader's benchmark against Readability.js (bench/html-bench.sh;
# skips without ../shared/html-corpus or node), part of `make bench`.
EXTRA_DIST += bench/html-bench.sh bench/html-bench.js
.PHONY: bench-html
bench: bench-html
bench-html: all
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	  HERALD_PLUGIN_PATH='$(abs_top_builddir)/plugins' \
	  sh '$(srcdir)/bench/html-bench.sh'
