# tests/markup: the html and tei writers.  test_html leaves every page it
# made in tests/markup/out/ for vnu-check.sh (the W3C Nu checker), which
# therefore runs after it.
check_PROGRAMS += tests/markup/test_html tests/markup/test_tei
TESTS += tests/markup/test_html tests/markup/test_tei tests/markup/vnu-check.sh

tests_markup_test_html_SOURCES = tests/markup/test_html.c \
	tests/markup/support.c tests/markup/support.h
tests_markup_test_html_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(CMOCKA_CFLAGS)
tests_markup_test_html_LDADD = libherald.la $(XML_LIBS) $(CMOCKA_LIBS)

tests_markup_test_tei_SOURCES = tests/markup/test_tei.c \
	tests/markup/support.c tests/markup/support.h
tests_markup_test_tei_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(CMOCKA_CFLAGS)
tests_markup_test_tei_LDADD = libherald.la $(XML_LIBS) $(CMOCKA_LIBS)

tests/markup/vnu-check.sh.log: tests/markup/test_html.log

EXTRA_DIST += tests/markup/vnu-check.sh tests/markup/hostile.txt \
	$(wildcard $(srcdir)/tests/markup/golden/*.html) \
	$(wildcard $(srcdir)/tests/markup/golden/*.xml)
CLEANFILES += tests/markup/out/*.html tests/markup/out/*.xml
