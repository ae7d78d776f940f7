# tests/fuzz: libFuzzer harnesses (one per entry point, fuzz_*.c), and a
# plain driver (replay.c) that `make check` links with each of them to
# replay the seeds and every crash ever found (regressions/).
# ./configure --enable-fuzzing (with CC=clang) builds the real fuzzers;
# tests/fuzz/README.md says how to run them.
FUZZ_HARNESSES = bulletin json chain convert records htmlin markdown
FUZZ_REPLAYS = tests/fuzz/replay-bulletin tests/fuzz/replay-json \
	tests/fuzz/replay-chain tests/fuzz/replay-convert tests/fuzz/replay-records \
	tests/fuzz/replay-htmlin tests/fuzz/replay-markdown
check_PROGRAMS += $(FUZZ_REPLAYS)
TESTS += tests/fuzz/replay.sh
FUZZ_COMMON = tests/fuzz/common.c tests/fuzz/fuzz.h
tests_fuzz_replay_bulletin_SOURCES = tests/fuzz/fuzz_bulletin.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_bulletin_LDADD = libherald.la
tests_fuzz_replay_json_SOURCES = tests/fuzz/fuzz_json.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_json_LDADD = libherald.la
tests_fuzz_replay_chain_SOURCES = tests/fuzz/fuzz_chain.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_chain_LDADD = libherald.la
tests_fuzz_replay_convert_SOURCES = tests/fuzz/fuzz_convert.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_convert_LDADD = libherald.la
tests_fuzz_replay_htmlin_SOURCES = tests/fuzz/fuzz_htmlin.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_htmlin_LDADD = libherald.la
tests_fuzz_replay_markdown_SOURCES = tests/fuzz/fuzz_markdown.c tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_markdown_LDADD = libherald.la
# --records lives in the command: its sources are linked in.
FUZZ_RECORDS = tests/fuzz/fuzz_records.c cli/records.c cli/run.c cli/cli.h
tests_fuzz_replay_records_SOURCES = $(FUZZ_RECORDS) tests/fuzz/replay.c $(FUZZ_COMMON)
tests_fuzz_replay_records_CPPFLAGS = -I$(top_srcdir)/include -I$(top_srcdir)/cli
tests_fuzz_replay_records_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_fuzz_replay_records_LDADD = libherald.la $(JANSSON_LIBS)

if HERALD_FUZZING
# The fuzzers themselves: libFuzzer's main; the library and plugins are
# instrumented by configure (-fsanitize=fuzzer-no-link in CFLAGS).
noinst_PROGRAMS = tests/fuzz/fuzz-bulletin tests/fuzz/fuzz-json \
	tests/fuzz/fuzz-chain tests/fuzz/fuzz-convert tests/fuzz/fuzz-records \
	tests/fuzz/fuzz-htmlin tests/fuzz/fuzz-markdown
FUZZ_LINK = -fsanitize=fuzzer
tests_fuzz_fuzz_bulletin_SOURCES = tests/fuzz/fuzz_bulletin.c $(FUZZ_COMMON)
tests_fuzz_fuzz_bulletin_LDADD = libherald.la
tests_fuzz_fuzz_bulletin_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_json_SOURCES = tests/fuzz/fuzz_json.c $(FUZZ_COMMON)
tests_fuzz_fuzz_json_LDADD = libherald.la
tests_fuzz_fuzz_json_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_chain_SOURCES = tests/fuzz/fuzz_chain.c $(FUZZ_COMMON)
tests_fuzz_fuzz_chain_LDADD = libherald.la
tests_fuzz_fuzz_chain_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_convert_SOURCES = tests/fuzz/fuzz_convert.c $(FUZZ_COMMON)
tests_fuzz_fuzz_convert_LDADD = libherald.la
tests_fuzz_fuzz_convert_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_htmlin_SOURCES = tests/fuzz/fuzz_htmlin.c $(FUZZ_COMMON)
tests_fuzz_fuzz_htmlin_LDADD = libherald.la
tests_fuzz_fuzz_htmlin_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_markdown_SOURCES = tests/fuzz/fuzz_markdown.c $(FUZZ_COMMON)
tests_fuzz_fuzz_markdown_LDADD = libherald.la
tests_fuzz_fuzz_markdown_LDFLAGS = $(FUZZ_LINK)
tests_fuzz_fuzz_records_SOURCES = $(FUZZ_RECORDS) $(FUZZ_COMMON)
tests_fuzz_fuzz_records_CPPFLAGS = -I$(top_srcdir)/include -I$(top_srcdir)/cli
tests_fuzz_fuzz_records_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_fuzz_fuzz_records_LDADD = libherald.la $(JANSSON_LIBS)
tests_fuzz_fuzz_records_LDFLAGS = $(FUZZ_LINK)
endif

EXTRA_DIST += tests/fuzz/replay.sh tests/fuzz/run.sh tests/fuzz/README.md \
	tests/fuzz/herald.dict tests/fuzz/corpus tests/fuzz/regressions
