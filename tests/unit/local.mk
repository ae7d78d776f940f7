# tests/unit: one cmocka program per core unit (doc, diag, options,
# pipeline, loader); cases are named test_<unit>_<behaviour>.
UNIT_TESTS = tests/unit/test_doc tests/unit/test_diag tests/unit/test_options \
	tests/unit/test_pipeline tests/unit/test_loader tests/unit/test_decode
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_unit_test_doc_SOURCES = tests/unit/test_doc.c
tests_unit_test_doc_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_doc_LDADD = libherald.la $(CMOCKA_LIBS)

tests_unit_test_diag_SOURCES = tests/unit/test_diag.c
tests_unit_test_diag_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_diag_LDADD = libherald.la $(CMOCKA_LIBS)

tests_unit_test_options_SOURCES = tests/unit/test_options.c core/options.c
tests_unit_test_options_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_options_LDADD = libherald.la $(CMOCKA_LIBS)

tests_unit_test_pipeline_SOURCES = tests/unit/test_pipeline.c
tests_unit_test_pipeline_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_pipeline_LDADD = libherald.la $(CMOCKA_LIBS)

tests_unit_test_decode_SOURCES = tests/unit/test_decode.c
tests_unit_test_decode_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_decode_LDADD = libherald.la $(CMOCKA_LIBS)

# The loader test loads the build tree's plugins, so it runs after them.
tests_unit_test_loader_SOURCES = tests/unit/test_loader.c \
	tests/unit/scratch.c tests/unit/scratch.h
tests_unit_test_loader_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_loader_LDADD = libherald.la $(CMOCKA_LIBS)
