/* test_words.c - the exec plugin's word splitting: POSIX shell quoting
 * without expansions, and the refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "words.h"

/* Split line and compare with the n words expected. */
static void expect_words(const char *line, const char *const *want, size_t n)
{
	char **argv;
	const char *why = exec_words_split(line, &argv);
	assert_null(why);
	assert_non_null(argv);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(argv[i]);
		assert_string_equal(argv[i], want[i]);
	}
	assert_null(argv[n]);
	exec_words_free(argv);
}

static void expect_refused(const char *line, const char *why_part)
{
	char **argv = (char **)1;
	const char *why = exec_words_split(line, &argv);
	assert_non_null(why);
	assert_null(argv);
	assert_non_null(strstr(why, why_part));
}

#define WORDS(line, ...) do { \
	static const char *const w_[] = { __VA_ARGS__ }; \
	expect_words(line, w_, sizeof(w_) / sizeof(w_[0])); \
} while (0)

static void test_words_blanks_separate(void **state)
{
	(void)state;
	WORDS("python3 f.py", "python3", "f.py");
	WORDS("  a\tb\nc  ", "a", "b", "c");
	WORDS("one", "one");
}

static void test_words_quotes(void **state)
{
	(void)state;
	WORDS("jq '.root | .x' -r", "jq", ".root | .x", "-r");
	WORDS("a'b c'd", "ab cd");
	WORDS("''", "");
	WORDS("x '' y", "x", "", "y");
	WORDS("\"a \\\"b\\\" \\\\ \\$ \\x\"", "a \"b\" \\ $ \\x");
	WORDS("\"it's\" 'say \"hi\"'", "it's", "say \"hi\"");
}

static void test_words_backslashes(void **state)
{
	(void)state;
	WORDS("a\\ b c", "a b", "c");
	WORDS("\\'x\\'", "'x'");
	WORDS("a \\\n b", "a", "b");
	WORDS("\"a\\\nb\"", "ab");
	WORDS("\"\\\\\nx\"", "\\\nx");
}

static void test_words_no_expansions(void **state)
{
	(void)state;
	WORDS("echo '$HOME' \"~\" * ~ a?b [x]", "echo", "$HOME", "~", "*", "~",
	      "a?b", "[x]");
	WORDS("printf \\$x \\| \\;", "printf", "$x", "|", ";");
}

static void test_words_refusals(void **state)
{
	(void)state;
	expect_refused("", "empty");
	expect_refused(" \t\n", "empty");
	expect_refused("cat 'x", "unterminated single quote");
	expect_refused("cat \"x", "unterminated double quote");
	expect_refused("cat x\\", "backslash");
	expect_refused("cat | wc", "shell syntax");
	expect_refused("a && b", "shell syntax");
	expect_refused("cat < in", "shell syntax");
	expect_refused("echo $HOME", "shell syntax");
	expect_refused("echo `date`", "shell syntax");
	expect_refused("(cat)", "shell syntax");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_blanks_separate),
		cmocka_unit_test(test_words_quotes),
		cmocka_unit_test(test_words_backslashes),
		cmocka_unit_test(test_words_no_expansions),
		cmocka_unit_test(test_words_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
