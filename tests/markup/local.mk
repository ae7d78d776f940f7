# tests/markup: the html and tei writers.  vnu-check.sh runs test_html
# to collect every page it makes, then the W3C Nu checker over them.
check_PROGRAMS += tests/markup/test_html tests/markup/test_tei \
	tests/markup/test_persons
TESTS += tests/markup/test_html tests/markup/test_tei \
	tests/markup/test_persons tests/markup/vnu-check.sh \
	tests/markup/tei-editors.sh tests/markup/tei-pipeline.sh

tests_markup_test_html_SOURCES = tests/markup/test_html.c \
	tests/markup/support.c tests/markup/support.h
tests_markup_test_html_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(CMOCKA_CFLAGS)
tests_markup_test_html_LDADD = libherald.la $(XML_LIBS) $(CMOCKA_LIBS)

tests_markup_test_tei_SOURCES = tests/markup/test_tei.c \
	tests/markup/support.c tests/markup/support.h
tests_markup_test_tei_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(CMOCKA_CFLAGS)
tests_markup_test_tei_LDADD = libherald.la $(XML_LIBS) $(CMOCKA_LIBS)

# The tei writer's index of persons, compiled in (the module exports
# only its descriptor), to time it apart from the writing.
tests_markup_test_persons_SOURCES = tests/markup/test_persons.c \
	tests/markup/support.c tests/markup/support.h \
	plugins/tei/persons.c plugins/tei/persons.h \
	plugins/html/markup.c plugins/html/markup.h
tests_markup_test_persons_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/plugins/tei -I$(top_srcdir)/plugins/html
tests_markup_test_persons_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(CMOCKA_CFLAGS)
tests_markup_test_persons_LDADD = libherald.la $(XML_LIBS) $(CMOCKA_LIBS)

EXTRA_DIST += tests/markup/vnu-check.sh tests/markup/vnu.sh tests/markup/tei-editors.sh \
	tests/markup/tei-pipeline.sh \
	tests/markup/hostile.txt \
	tests/markup/tei-any.rng tests/markup/tei-house.rng \
	$(wildcard $(srcdir)/tests/markup/golden/*.html) \
	$(wildcard $(srcdir)/tests/markup/golden/*.xml)

# Two rows of the pathological table (tests/pathological/table.sh) for
# the html writer, in files of their own: ids, adjacent text nodes, and
# soft breaks in one paragraph.
HTML_PATHOLOGICAL_TESTS = tests/pathological/html-ids.sh \
	tests/pathological/html-texts.sh tests/pathological/html-lines.sh
TESTS += $(HTML_PATHOLOGICAL_TESTS)
EXTRA_DIST += $(HTML_PATHOLOGICAL_TESTS)
