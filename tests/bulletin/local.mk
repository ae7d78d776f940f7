# tests/bulletin: the bulletin reader, in-process through the pipeline.
check_PROGRAMS += tests/bulletin/test_bulletin tests/bulletin/test_sample \
	tests/bulletin/test_examples tests/bulletin/test_mutations
TESTS += tests/bulletin/test_bulletin tests/bulletin/test_sample \
	tests/bulletin/test_examples tests/bulletin/test_mutations

BULLETIN_TEST_HARNESS = tests/bulletin/harness.c tests/bulletin/harness.h

tests_bulletin_test_bulletin_SOURCES = tests/bulletin/test_bulletin.c \
	$(BULLETIN_TEST_HARNESS)
tests_bulletin_test_bulletin_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_bulletin_test_bulletin_LDADD = libherald.la $(CMOCKA_LIBS)

tests_bulletin_test_sample_SOURCES = tests/bulletin/test_sample.c \
	$(BULLETIN_TEST_HARNESS)
tests_bulletin_test_sample_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_bulletin_test_sample_LDADD = libherald.la $(CMOCKA_LIBS)

tests_bulletin_test_examples_SOURCES = tests/bulletin/test_examples.c \
	$(BULLETIN_TEST_HARNESS)
tests_bulletin_test_examples_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_bulletin_test_examples_LDADD = libherald.la $(CMOCKA_LIBS)

tests_bulletin_test_mutations_SOURCES = tests/bulletin/test_mutations.c \
	$(BULLETIN_TEST_HARNESS)
tests_bulletin_test_mutations_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_bulletin_test_mutations_LDADD = libherald.la $(CMOCKA_LIBS)

EXTRA_DIST += $(wildcard $(srcdir)/tests/bulletin/golden/*.json)

# test_date: the date and time recognisers (plugins/bulletin/date.c),
# compiled in, against the source tree's language packs.
check_PROGRAMS += tests/bulletin/test_date
TESTS += tests/bulletin/test_date
tests_bulletin_test_date_SOURCES = tests/bulletin/test_date.c \
	plugins/bulletin/date.c plugins/bulletin/bulletin.h
tests_bulletin_test_date_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/plugins/bulletin
tests_bulletin_test_date_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_bulletin_test_date_LDADD = libherald.la $(CMOCKA_LIBS)
