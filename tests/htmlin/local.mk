# tests/htmlin: the HTML reader, in-process through the pipeline, on
# pages written for the tests (and on ../shared/html-corpus when there).
check_PROGRAMS += tests/htmlin/test_htmlin
TESTS += tests/htmlin/test_htmlin
tests_htmlin_test_htmlin_SOURCES = tests/htmlin/test_htmlin.c
tests_htmlin_test_htmlin_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_htmlin_test_htmlin_LDADD = libherald.la $(CMOCKA_LIBS)
EXTRA_DIST += tests/htmlin/chronicle.html tests/htmlin/sections.html
