# tests/segment: the segmenter core on hard cases, the tree regrouping,
# the real sample's boundaries (skipped without ../shared), the CLI.
SEGMENT_CORE = plugins/segment/sbd.c plugins/segment/sbd.h

CASEFILE = tests/segment/casefile.c tests/segment/casefile.h

check_PROGRAMS += tests/segment/test_cases tests/segment/test_golden \
	tests/segment/test_regroup tests/segment/test_lang
tests_segment_test_cases_SOURCES = tests/segment/test_cases.c $(CASEFILE) \
	$(SEGMENT_CORE)
tests_segment_test_cases_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/segment
tests_segment_test_cases_LDADD = libherald.la

# every language's own cases, tests/segment/lang/TAG.txt, one cmocka
# test per language
tests_segment_test_lang_SOURCES = tests/segment/test_lang.c $(CASEFILE) \
	$(SEGMENT_CORE)
tests_segment_test_lang_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/segment
tests_segment_test_lang_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_segment_test_lang_LDADD = libherald.la $(CMOCKA_LIBS)

tests_segment_test_golden_SOURCES = tests/segment/test_golden.c $(SEGMENT_CORE)
tests_segment_test_golden_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/segment
tests_segment_test_golden_LDADD = libherald.la

tests_segment_test_regroup_SOURCES = tests/segment/test_regroup.c \
	plugins/segment/regroup.c plugins/segment/regroup.h $(SEGMENT_CORE)
tests_segment_test_regroup_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/plugins/segment
tests_segment_test_regroup_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_segment_test_regroup_LDADD = libherald.la $(CMOCKA_LIBS)

TESTS += tests/segment/test_cases tests/segment/test_golden \
	tests/segment/test_regroup tests/segment/test_lang tests/segment/cli.sh
EXTRA_DIST += tests/segment/cases.txt tests/segment/cases-user.txt \
	tests/segment/user-abbrev.txt tests/segment/bulletin-2020-10-09.offsets \
	tests/segment/cli.sh tests/segment/lang
