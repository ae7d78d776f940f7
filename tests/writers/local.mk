# tests/writers: json, text and markdown on a hostile document, the
# examples (golden files) and the real sample (structure only).
check_PROGRAMS += tests/writers/test_writers tests/writers/test_golden \
	tests/writers/test_json_memory tests/writers/test_md_render
TESTS += tests/writers/test_writers tests/writers/test_golden \
	tests/writers/test_json_memory tests/writers/test_md_render

WRITERS_TEST_SUPPORT = tests/writers/support.c tests/writers/support.h

tests_writers_test_writers_SOURCES = tests/writers/test_writers.c \
	$(WRITERS_TEST_SUPPORT)
tests_writers_test_writers_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) \
	$(CMARK_CFLAGS) $(JANSSON_CFLAGS) $(YAML_CFLAGS)
tests_writers_test_writers_LDADD = libherald.la $(CMOCKA_LIBS) \
	$(CMARK_LIBS) $(JANSSON_LIBS) $(YAML_LIBS)

# The json reader's peak memory at n and 2n, each read in a child.
tests_writers_test_json_memory_SOURCES = tests/writers/test_json_memory.c \
	$(WRITERS_TEST_SUPPORT)
tests_writers_test_json_memory_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_writers_test_json_memory_LDADD = libherald.la $(CMOCKA_LIBS)

# The markdown writer's renderer against cmark's, on generated trees.
tests_writers_test_md_render_SOURCES = tests/writers/test_md_render.c \
	plugins/markdown/render.c plugins/markdown/render.h
tests_writers_test_md_render_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) \
	$(CMARK_CFLAGS)
tests_writers_test_md_render_LDADD = libherald.la $(CMOCKA_LIBS) $(CMARK_LIBS)

tests_writers_test_golden_SOURCES = tests/writers/test_golden.c \
	$(WRITERS_TEST_SUPPORT)
tests_writers_test_golden_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_writers_test_golden_LDADD = libherald.la $(CMOCKA_LIBS)

EXTRA_DIST += $(wildcard $(srcdir)/tests/writers/golden/*.json) \
	$(wildcard $(srcdir)/tests/writers/golden/*.txt) \
	$(wildcard $(srcdir)/tests/writers/golden/*.md)
