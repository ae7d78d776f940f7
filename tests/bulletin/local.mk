# tests/bulletin: the bulletin reader, in-process through the pipeline.
check_PROGRAMS += tests/bulletin/test_bulletin tests/bulletin/test_sample \
	tests/bulletin/test_examples tests/bulletin/test_mutations
TESTS += tests/bulletin/test_bulletin tests/bulletin/test_sample \
	tests/bulletin/test_examples tests/bulletin/test_mutations

BULLETIN_TEST_HARNESS = tests/bulletin/harness.c tests/bulletin/harness.h \
	plugins/bulletin/bulletin.h

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

# The reader's block units on their own, compiled from the plugin's
# sources (their symbols are hidden in the module).
check_PROGRAMS += tests/bulletin/test_blocks
TESTS += tests/bulletin/test_blocks
tests_bulletin_test_blocks_SOURCES = tests/bulletin/test_blocks.c \
	$(plugins_bulletin_la_SOURCES)
tests_bulletin_test_blocks_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) \
	$(CMARK_CFLAGS) $(YAML_CFLAGS) $(XML_CFLAGS)
tests_bulletin_test_blocks_CXXFLAGS = $(BULLETIN_TOML_CXXFLAGS)
tests_bulletin_test_blocks_LDADD = libherald.la $(CMOCKA_LIBS) \
	$(CMARK_LIBS) $(YAML_LIBS) $(XML_LIBS) $(TOMLPP_LIBS)

# The reader's pipeline on real-archive shapes and hostile input.
check_PROGRAMS += tests/bulletin/test_reader
TESTS += tests/bulletin/test_reader
tests_bulletin_test_reader_SOURCES = tests/bulletin/test_reader.c \
	$(BULLETIN_TEST_HARNESS)
tests_bulletin_test_reader_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_bulletin_test_reader_LDADD = libherald.la $(CMOCKA_LIBS)

# Transcripts from hostile input: no crash, no word lost, linear.
check_PROGRAMS += tests/bulletin/test_transcripts
TESTS += tests/bulletin/test_transcripts
tests_bulletin_test_transcripts_SOURCES = tests/bulletin/test_transcripts.c \
	$(BULLETIN_TEST_HARNESS)
tests_bulletin_test_transcripts_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_bulletin_test_transcripts_LDADD = libherald.la $(CMOCKA_LIBS)

# No word lost over the real corpus (skipped when ../shared is absent).
check_PROGRAMS += tests/bulletin/test_corpus
TESTS += tests/bulletin/test_corpus
tests_bulletin_test_corpus_SOURCES = tests/bulletin/test_corpus.c \
	tests/words.c tests/words.h $(BULLETIN_TEST_HARNESS)
tests_bulletin_test_corpus_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) \
	$(JANSSON_CFLAGS)
tests_bulletin_test_corpus_LDADD = libherald.la $(CMOCKA_LIBS) $(JANSSON_LIBS)

# Structure over the variety set against its gold, with floors (skipped
# without python3 or the corpus' score.py); the documents and gold files
# are distributed with the sources.
TESTS += tests/bulletin/variety.sh
EXTRA_DIST += tests/bulletin/variety.sh \
	$(wildcard $(srcdir)/tests/bulletin/variety/*.txt) \
	$(wildcard $(srcdir)/tests/bulletin/variety/*.md) \
	$(wildcard $(srcdir)/tests/bulletin/variety/gold/*.json)
