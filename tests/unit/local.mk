# tests/unit: one cmocka program per core unit (doc, diag, options,
# pipeline, loader); cases are named test_<unit>_<behaviour>.
UNIT_TESTS = tests/unit/test_doc tests/unit/test_diag tests/unit/test_options \
	tests/unit/test_pipeline tests/unit/test_loader tests/unit/test_decode \
	tests/unit/test_batch tests/unit/test_helpers tests/unit/test_doc_long
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_test_doc_SOURCES = tests/unit/test_doc.c
tests_unit_test_doc_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_doc_LDADD = libherald.la $(CMOCKA_LIBS)

# The same cases on the model built with a 8-byte limit for a length
# kept in a TEXT node (LONG_TEXT in core/doc.c, 4 GiB in libherald) and
# 100 for a line or column (FAR_POSITION), so that the larger ones,
# kept apart, are tested without 4 GiB of text;
# its own doc.c, arena.c (with pages.c) and walk.c (which reads nodes)
# take the place of libherald's.
tests_unit_test_doc_long_SOURCES = tests/unit/test_doc.c core/doc.c core/arena.c \
	core/pages.c core/walk.c
tests_unit_test_doc_long_CPPFLAGS = $(AM_CPPFLAGS) \
	-DHERALD_DOC_LONG_TEXT=8 -DHERALD_DOC_FAR_POSITION=100
tests_unit_test_doc_long_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_doc_long_LDADD = libherald.la $(CMOCKA_LIBS)

tests_unit_test_batch_SOURCES = tests/unit/test_batch.c
tests_unit_test_batch_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_batch_LDADD = libherald.la $(CMOCKA_LIBS)

tests_unit_test_diag_SOURCES = tests/unit/test_diag.c
tests_unit_test_diag_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_diag_LDADD = libherald.la $(CMOCKA_LIBS)

tests_unit_test_options_SOURCES = tests/unit/test_options.c core/options.c
tests_unit_test_options_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_options_LDADD = libherald.la $(CMOCKA_LIBS)

tests_unit_test_pipeline_SOURCES = tests/unit/test_pipeline.c
tests_unit_test_pipeline_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_pipeline_LDADD = libherald.la $(CMOCKA_LIBS)

tests_unit_test_helpers_SOURCES = tests/unit/test_helpers.c
tests_unit_test_helpers_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_helpers_LDADD = libherald.la $(CMOCKA_LIBS)

tests_unit_test_decode_SOURCES = tests/unit/test_decode.c
tests_unit_test_decode_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_decode_LDADD = libherald.la $(CMOCKA_LIBS)

# The loader test loads the build tree's plugins, so it runs after them.
tests_unit_test_loader_SOURCES = tests/unit/test_loader.c \
	tests/unit/scratch.c tests/unit/scratch.h
tests_unit_test_loader_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_loader_LDADD = libherald.la $(CMOCKA_LIBS)

# Language identification, the text layer and language packs
# (herald/lang.h, herald/text.h).  test_langid reads its texts from
# tests/unit/langid/ and, when they are there, ../shared's corpus and seed.
TEXT_UNIT_TESTS = tests/unit/test_langid tests/unit/test_text \
	tests/unit/test_lang
check_PROGRAMS += $(TEXT_UNIT_TESTS)
TESTS += $(TEXT_UNIT_TESTS)
tests_unit_test_langid_SOURCES = tests/unit/test_langid.c
tests_unit_test_langid_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) -pthread
tests_unit_test_langid_LDADD = libherald.la $(CMOCKA_LIBS) -lpthread
tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
# libunistring too: the ASCII answers are checked against its own.
tests_unit_test_text_LDADD = libherald.la $(CMOCKA_LIBS) $(UNISTRING_LIBS)
tests_unit_test_lang_SOURCES = tests/unit/test_lang.c
tests_unit_test_lang_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) -pthread
tests_unit_test_lang_LDADD = libherald.la $(CMOCKA_LIBS) -lpthread
EXTRA_DIST += tests/unit/langid/ar.txt tests/unit/langid/az.txt \
	tests/unit/langid/bg.txt tests/unit/langid/da.txt \
	tests/unit/langid/de.txt tests/unit/langid/el.txt \
	tests/unit/langid/en.txt tests/unit/langid/es.txt \
	tests/unit/langid/fa.txt tests/unit/langid/fr.txt \
	tests/unit/langid/hi.txt tests/unit/langid/hy.txt \
	tests/unit/langid/it.txt tests/unit/langid/ja.txt \
	tests/unit/langid/kk.txt tests/unit/langid/nl.txt \
	tests/unit/langid/pl.txt tests/unit/langid/ru.txt \
	tests/unit/langid/tr.txt tests/unit/langid/uk.txt \
	tests/unit/langid/zh.txt

# Transcripts (herald/turn.h) and labels of any pack (herald/lang.h).
check_PROGRAMS += tests/unit/test_turn
TESTS += tests/unit/test_turn
tests_unit_test_turn_SOURCES = tests/unit/test_turn.c
tests_unit_test_turn_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_turn_LDADD = libherald.la $(CMOCKA_LIBS)
