/* test_diag.c - diagnostics: the GNU format with and without a location,
 * counts, the first error, printing to a stream, and the bound on what
 * is kept in memory. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <herald/diag.h>

static void test_diag_starts_empty(void **state)
{
	herald_diag *d = herald_diag_new(NULL);
	assert_non_null(d);
	assert_string_equal(herald_diag_text(d), "");
	assert_string_equal(herald_diag_first_error(d), "");
	assert_string_equal(herald_diag_file(d), "");
	assert_int_equal(herald_diag_count(d, HERALD_NOTE), 0);
	assert_int_equal(herald_diag_count(d, HERALD_WARNING), 0);
	assert_int_equal(herald_diag_count(d, HERALD_ERROR), 0);
	herald_diag_free(d);
	herald_diag_free(NULL);
}

static void test_diag_format_without_file(void **state)
{
	herald_diag *d = herald_diag_new(NULL);
	herald_error(d, "no %s", "input");
	/* Without a file a position means nothing and is left out. */
	herald_diag_report(d, HERALD_WARNING, 3, 4, "odd line");
	herald_diag_report(d, HERALD_NOTE, 0, 0, "%d%%", 50);
	assert_string_equal(herald_diag_text(d),
	                    "herald: error: no input\n"
	                    "herald: warning: odd line\n"
	                    "herald: note: 50%\n");
	herald_diag_free(d);
}

static void test_diag_format_with_file_line_col(void **state)
{
	herald_diag *d = herald_diag_new(NULL);
	herald_diag_set_file(d, "in.txt");
	assert_string_equal(herald_diag_file(d), "in.txt");
	herald_diag_report(d, HERALD_ERROR, 12, 7, "bad byte 0x%02X", 0xFF);
	herald_diag_report(d, HERALD_WARNING, 12, 0, "line only");
	herald_diag_report(d, HERALD_NOTE, 0, 0, "file only");
	/* A column without a line is not a position either. */
	herald_diag_report(d, HERALD_NOTE, 0, 9, "column only");
	assert_string_equal(herald_diag_text(d),
	                    "herald: in.txt:12:7: error: bad byte 0xFF\n"
	                    "herald: in.txt:12: warning: line only\n"
	                    "herald: in.txt: note: file only\n"
	                    "herald: in.txt: note: column only\n");
	herald_diag_free(d);
}

static void test_diag_set_file_copies_and_clears(void **state)
{
	herald_diag *d = herald_diag_new(NULL);
	char name[] = "a.txt";
	herald_diag_set_file(d, name);
	name[0] = 'b';
	herald_error(d, "one");
	herald_diag_set_file(d, "");
	herald_error(d, "two");
	herald_diag_set_file(d, "c.txt");
	herald_diag_set_file(d, NULL);
	herald_error(d, "three");
	assert_string_equal(herald_diag_file(d), "");
	assert_string_equal(herald_diag_text(d),
	                    "herald: a.txt: error: one\n"
	                    "herald: error: two\n"
	                    "herald: error: three\n");
	herald_diag_free(d);
}

static void test_diag_counts_each_severity(void **state)
{
	herald_diag *d = herald_diag_new(NULL);
	for (int i = 0; i < 3; i++)
		herald_diag_report(d, HERALD_NOTE, 0, 0, "n");
	for (int i = 0; i < 2; i++)
		herald_warning(d, "w");
	herald_error(d, "e");
	assert_int_equal(herald_diag_count(d, HERALD_NOTE), 3);
	assert_int_equal(herald_diag_count(d, HERALD_WARNING), 2);
	assert_int_equal(herald_diag_count(d, HERALD_ERROR), 1);
	assert_int_equal(herald_diag_count(d, (herald_severity)7), 0);
	herald_diag_free(d);
}

static void test_diag_first_error_is_kept(void **state)
{
	herald_diag *d = herald_diag_new(NULL);
	herald_warning(d, "only a warning");
	assert_string_equal(herald_diag_first_error(d), "");
	herald_diag_set_file(d, "x.txt");
	herald_diag_report(d, HERALD_ERROR, 2, 5, "the first");
	herald_diag_report(d, HERALD_ERROR, 9, 1, "the second");
	/* Without the program's prefix and without a newline. */
	assert_string_equal(herald_diag_first_error(d), "x.txt:2:5: error: the first");
	herald_diag_free(d);
}

static void test_diag_prints_to_stream_as_it_goes(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *stream = open_memstream(&buf, &len);
	assert_non_null(stream);
	herald_diag *d = herald_diag_new(stream);
	herald_diag_set_file(d, "f");
	herald_diag_report(d, HERALD_ERROR, 1, 2, "printed");
	/* Flushed at once: nothing waits in a buffer if the program dies. */
	assert_string_equal(buf, "herald: f:1:2: error: printed\n");
	herald_warning(d, "and kept");
	assert_string_equal(herald_diag_text(d), buf);
	herald_diag_free(d);
	fclose(stream);
	free(buf);
}

static void test_diag_long_message_is_cut_not_overflowed(void **state)
{
	size_t n = 100000;
	char *long_text = malloc(n + 1);
	assert_non_null(long_text);
	memset(long_text, 'x', n);
	long_text[n] = '\0';
	herald_diag *d = herald_diag_new(NULL);
	herald_diag_set_file(d, long_text);
	herald_error(d, "%s", long_text);
	const char *text = herald_diag_text(d);
	assert_true(strncmp(text, "herald: ", 8) == 0);
	assert_true(strlen(text) < 8192);
	assert_int_equal(text[strlen(text) - 1], '\n');
	assert_int_equal(herald_diag_count(d, HERALD_ERROR), 1);
	herald_diag_free(d);
	free(long_text);
}

/* A million bad bytes must not make a million kept lines: the kept
 * text stops near 64 KiB with a note, while counts and the stream
 * still see everything. */
static void test_diag_kept_text_is_bounded(void **state)
{
	FILE *sink = fopen("/dev/null", "w");
	assert_non_null(sink);
	herald_diag *d = herald_diag_new(sink);
	herald_diag_set_file(d, "big.txt");
	const size_t reports = 200000;
	for (size_t i = 0; i < reports; i++)
		herald_diag_report(d, HERALD_ERROR, i + 1, 1, "invalid byte 0xFF");
	const char *text = herald_diag_text(d);
	size_t len = strlen(text);
	assert_true(len > 60 * 1024);
	assert_true(len <= 64 * 1024 + 128);
	/* The kept text ends with a whole line saying more were dropped. */
	assert_non_null(strstr(text, "further messages not kept\n"));
	assert_int_equal(text[len - 1], '\n');
	assert_true(strncmp(text, "herald: big.txt:1:1: error: invalid byte 0xFF\n", 46) == 0);
	assert_int_equal(herald_diag_count(d, HERALD_ERROR), reports);
	assert_string_equal(herald_diag_first_error(d),
	                    "big.txt:1:1: error: invalid byte 0xFF");
	herald_diag_free(d);
	fclose(sink);
}

static void test_diag_quote_names(void **state)
{
	(void)state;
	char buf[HERALD_QUOTE_SIZE];
	assert_string_equal(herald_diag_quote("plain name.txt", buf, sizeof(buf)),
	                    "plain name.txt");
	assert_string_equal(herald_diag_quote("caf\xc3\xa9.txt", buf, sizeof(buf)),
	                    "caf\xc3\xa9.txt");
	assert_string_equal(herald_diag_quote("a\nb", buf, sizeof(buf)),
	                    "'a'$'\\n''b'");
	assert_string_equal(herald_diag_quote("\033[31mx", buf, sizeof(buf)),
	                    "$'\\033''[31mx'");
	assert_string_equal(herald_diag_quote("it's\t", buf, sizeof(buf)),
	                    "'it'\\''s'$'\\t'");
	/* C1 control, a lone continuation byte, an overlong form. */
	assert_string_equal(herald_diag_quote("a\xc2\x9b", buf, sizeof(buf)),
	                    "'a'$'\\302\\233'");
	assert_string_equal(herald_diag_quote("\x80", buf, sizeof(buf)), "$'\\200'");
	assert_string_equal(herald_diag_quote("\xc0\xaf", buf, sizeof(buf)),
	                    "$'\\300\\257'");
	/* Cut short: whole units only, and the quote is closed. */
	char small[12];
	herald_diag_quote("\n\n\n\n\n\n", small, sizeof(small));
	assert_string_equal(small, "$'\\n\\n\\n\\n'");
}

static void test_diag_min_severity_drops_below(void **state)
{
	(void)state;
	herald_diag *d = herald_diag_new(NULL);
	assert_non_null(d);
	herald_diag_set_min_severity(d, HERALD_ERROR);
	herald_warning(d, "hidden");
	herald_error(d, "shown");
	assert_string_equal(herald_diag_text(d), "herald: error: shown\n");
	assert_int_equal(herald_diag_count(d, HERALD_WARNING), 1);
	herald_diag_free(d);
}

static void test_diag_location_is_quoted(void **state)
{
	(void)state;
	herald_diag *d = herald_diag_new(NULL);
	assert_non_null(d);
	herald_diag_set_file(d, "x\ny.txt");
	herald_diag_report(d, HERALD_ERROR, 2, 3, "bad");
	assert_string_equal(herald_diag_text(d), "herald: 'x'$'\\n''y.txt':2:3: error: bad\n");
	herald_diag_free(d);
}

static void test_diag_stage_prefixes_messages(void **state)
{
	herald_diag *d = herald_diag_new(NULL);
	herald_diag_set_file(d, "in.txt");
	assert_null(herald_diag_stage(d));
	herald_diag_set_stage(d, "segment");
	assert_string_equal(herald_diag_stage(d), "segment");
	herald_diag_report(d, HERALD_ERROR, 2, 3, "no rules");
	/* A plugin that still names itself is not named twice... */
	herald_warning(d, "segment: by hand");
	/* ...but a message that merely starts with the word is prefixed. */
	herald_warning(d, "segmented: %d", 2);
	herald_diag_set_stage(d, NULL);
	herald_error(d, "core again");
	herald_diag_set_stage(d, "");   /* "" is no stage either */
	herald_error(d, "still core");
	assert_string_equal(herald_diag_text(d),
	                    "herald: in.txt:2:3: error: segment: no rules\n"
	                    "herald: in.txt: warning: segment: by hand\n"
	                    "herald: in.txt: warning: segment: segmented: 2\n"
	                    "herald: in.txt: error: core again\n"
	                    "herald: in.txt: error: still core\n");
	assert_string_equal(herald_diag_first_error(d),
	                    "in.txt:2:3: error: segment: no rules");
	herald_diag_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diag_starts_empty),
		cmocka_unit_test(test_diag_format_without_file),
		cmocka_unit_test(test_diag_format_with_file_line_col),
		cmocka_unit_test(test_diag_set_file_copies_and_clears),
		cmocka_unit_test(test_diag_counts_each_severity),
		cmocka_unit_test(test_diag_first_error_is_kept),
		cmocka_unit_test(test_diag_prints_to_stream_as_it_goes),
		cmocka_unit_test(test_diag_long_message_is_cut_not_overflowed),
		cmocka_unit_test(test_diag_kept_text_is_bounded),
		cmocka_unit_test(test_diag_quote_names),
		cmocka_unit_test(test_diag_min_severity_drops_below),
		cmocka_unit_test(test_diag_location_is_quoted),
		cmocka_unit_test(test_diag_stage_prefixes_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
