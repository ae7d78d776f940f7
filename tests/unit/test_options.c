/* test_options.c - plugin options: every way a "key=value,..." string can
 * be wrong, each with a message that says what would be right; defaults,
 * typed getters and is_set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <herald/plugin.h>

#include "options.h"

static const herald_option sample_options[] = {
	{ .name = "ids", .type = HERALD_OPT_BOOL, .default_value = "false", .help = "write ids" },
	{ .name = "width", .type = HERALD_OPT_INT, .default_value = "72", .help = "line width" },
	{ .name = "order", .type = HERALD_OPT_CHOICE, .default_value = "dmy", .help = "date order", .choices = "dmy|mdy|ymd" },
	{ .name = "title", .type = HERALD_OPT_STRING, .help = "a title" },
	{ NULL }
};

static const herald_plugin sample = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "sample",
	.roles = HERALD_ROLE_WRITER,
	.options = sample_options,
};

static const herald_plugin bare = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "bare",
	.roles = HERALD_ROLE_WRITER,
};

/* Parse args, expecting failure; returns the diagnostics' text, which
 * the caller frees. */
static char *parse_fails(const herald_plugin *p, const char *args)
{
	herald_diag *d = herald_diag_new(NULL);
	herald_options *opts = NULL;
	assert_int_equal(options_parse(p, args, args, &opts, d), HERALD_EUSAGE);
	assert_null(opts);
	assert_int_equal(herald_diag_count(d, HERALD_ERROR), 1);
	char *text = strdup(herald_diag_text(d));
	herald_diag_free(d);
	return text;
}

static herald_options *parse_ok(const herald_plugin *p, const char *args)
{
	herald_diag *d = herald_diag_new(NULL);
	herald_options *opts = NULL;
	assert_int_equal(options_parse(p, args, args, &opts, d), HERALD_OK);
	assert_non_null(opts);
	assert_string_equal(herald_diag_text(d), "");
	herald_diag_free(d);
	return opts;
}

static void test_options_unknown_key_lists_valid_ones(void **state)
{
	char *text = parse_fails(&sample, "ids=true,colour=red");
	assert_string_equal(text, "herald: error: sample: unknown option 'colour' "
	                          "(valid: ids, width, order, title)\n");
	free(text);
	text = parse_fails(&bare, "x=1");
	assert_string_equal(text, "herald: error: bare: unknown option 'x' "
	                          "(it takes no options)\n");
	free(text);
	/* Names are matched whole, not by prefix. */
	text = parse_fails(&sample, "id=1");
	assert_non_null(strstr(text, "unknown option 'id'"));
	free(text);
}

static void test_options_bad_bool_value(void **state)
{
	char *text = parse_fails(&sample, "ids=maybe");
	assert_string_equal(text, "herald: error: sample: bad value 'maybe' for "
	                          "option 'ids' (expected true or false)\n");
	free(text);
	text = parse_fails(&sample, "ids=");
	assert_non_null(strstr(text, "bad value '' for option 'ids'"));
	free(text);
}

static void test_options_bool_spellings(void **state)
{
	const char *yes[] = { "true", "yes", "on", "1", "TRUE", "Yes" };
	const char *no[] = { "false", "no", "off", "0", "False", "OFF" };
	char args[32];
	for (size_t i = 0; i < 6; i++) {
		snprintf(args, sizeof(args), "ids=%s", yes[i]);
		herald_options *o = parse_ok(&sample, args);
		assert_int_equal(herald_options_bool(o, "ids"), 1);
		options_free(o);
		snprintf(args, sizeof(args), "ids=%s", no[i]);
		o = parse_ok(&sample, args);
		assert_int_equal(herald_options_bool(o, "ids"), 0);
		assert_true(herald_options_is_set(o, "ids"));
		options_free(o);
	}
}

static void test_options_bare_key_means_true_for_bool(void **state)
{
	herald_options *o = parse_ok(&sample, "ids");
	assert_int_equal(herald_options_bool(o, "ids"), 1);
	assert_true(herald_options_is_set(o, "ids"));
	options_free(o);
}

static void test_options_missing_value_for_non_bool(void **state)
{
	const char *keys[] = { "width", "order", "title" };
	for (size_t i = 0; i < 3; i++) {
		char *text = parse_fails(&sample, keys[i]);
		char want[128];
		snprintf(want, sizeof(want), "herald: error: sample: option '%s' "
		         "needs a value (%s=...)\n", keys[i], keys[i]);
		assert_string_equal(text, want);
		free(text);
	}
}

static void test_options_bad_int_value(void **state)
{
	const char *bad[] = { "width=wide", "width=", "width=12px", "width=1.5",
	                      "width=99999999999999999999999" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *text = parse_fails(&sample, bad[i]);
		assert_non_null(strstr(text, "sample: bad value '"));
		assert_non_null(strstr(text, "(expected a decimal integer)"));
		free(text);
	}
	herald_options *o = parse_ok(&sample, "width=-40");
	assert_int_equal(herald_options_int(o, "width"), -40);
	options_free(o);
}

static void test_options_bad_choice_lists_choices(void **state)
{
	char *text = parse_fails(&sample, "order=ydm");
	assert_string_equal(text, "herald: error: sample: bad value 'ydm' for "
	                          "option 'order' (expected dmy|mdy|ymd)\n");
	free(text);
	/* Neither a prefix nor a longer word of a choice is a choice. */
	text = parse_fails(&sample, "order=dm");
	free(text);
	text = parse_fails(&sample, "order=dmyx");
	free(text);
	text = parse_fails(&sample, "order=dmy|mdy");
	free(text);
	herald_options *o = parse_ok(&sample, "order=ymd");
	assert_string_equal(herald_options_value(o, "order"), "ymd");
	options_free(o);
}

static void test_options_defaults_when_unset(void **state)
{
	herald_options *o = parse_ok(&sample, "");
	assert_string_equal(herald_options_value(o, "ids"), "false");
	assert_int_equal(herald_options_bool(o, "ids"), 0);
	assert_int_equal(herald_options_int(o, "width"), 72);
	assert_string_equal(herald_options_value(o, "order"), "dmy");
	assert_null(herald_options_value(o, "title"));   /* no default */
	assert_null(herald_options_value(o, "nonesuch"));
	for (const herald_option *opt = sample_options; opt->name; opt++)
		assert_false(herald_options_is_set(o, opt->name));
	options_free(o);

	o = parse_ok(&sample, NULL);
	assert_int_equal(herald_options_int(o, "width"), 72);
	options_free(o);
}

static void test_options_is_set_and_last_value_wins(void **state)
{
	herald_options *o = parse_ok(&sample, "width=80,title=A b=c,,width=100");
	assert_true(herald_options_is_set(o, "width"));
	assert_true(herald_options_is_set(o, "title"));
	assert_false(herald_options_is_set(o, "ids"));
	assert_false(herald_options_is_set(o, "order"));
	assert_int_equal(herald_options_int(o, "width"), 100);
	/* A string keeps everything after the first '='. */
	assert_string_equal(herald_options_value(o, "title"), "A b=c");
	/* Setting the default explicitly still counts as set. */
	options_free(o);
	o = parse_ok(&sample, "order=dmy");
	assert_true(herald_options_is_set(o, "order"));
	options_free(o);
}

static void test_options_type_names(void **state)
{
	assert_string_equal(herald_option_type_name(HERALD_OPT_STRING), "string");
	assert_string_equal(herald_option_type_name(HERALD_OPT_BOOL), "boolean");
	assert_string_equal(herald_option_type_name(HERALD_OPT_INT), "integer");
	assert_string_equal(herald_option_type_name(HERALD_OPT_CHOICE), "choice");
}

static void test_options_spec_split(void **state)
{
	herald_diag *d = herald_diag_new(NULL);
	char *name;
	const char *args;
	assert_int_equal(spec_split("text:ids=1,x=2", &name, &args, d), HERALD_OK);
	assert_string_equal(name, "text");
	assert_string_equal(args, "ids=1,x=2");
	free(name);
	assert_int_equal(spec_split("plain", &name, &args, d), HERALD_OK);
	assert_string_equal(name, "plain");
	assert_string_equal(args, "");
	free(name);

	const char *bad[] = { "", ":ids=1", "Plain", "pl ain", "a-b", "x/y:z" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		assert_int_equal(spec_split(bad[i], &name, &args, d), HERALD_EUSAGE);
		assert_null(name);
	}
	assert_int_equal(herald_diag_count(d, HERALD_ERROR), sizeof(bad) / sizeof(*bad));
	assert_non_null(strstr(herald_diag_text(d), "'Plain' is not a plugin name"));
	herald_diag_free(d);
}

/* The title option's value after parsing args. */
static void assert_title(const char *args, const char *want)
{
	herald_options *o = parse_ok(&sample, args);
	assert_string_equal(herald_options_value(o, "title"), want);
	options_free(o);
}

static void test_options_quoted_values_hold_commas_and_bangs(void **state)
{
	assert_title("title=\"x{1,3}\"", "x{1,3}");
	assert_title("title='a,b!c'", "a,b!c");
	assert_title("ids,title=\"a,b\",width=3", "a,b");
	herald_options *o = parse_ok(&sample, "title='a,b',width=3");
	assert_int_equal(herald_options_int(o, "width"), 3);
	options_free(o);
	/* Quoted values are checked by type like the others. */
	o = parse_ok(&sample, "width=\"40\",order='mdy'");
	assert_int_equal(herald_options_int(o, "width"), 40);
	assert_string_equal(herald_options_value(o, "order"), "mdy");
	options_free(o);
	char *text = parse_fails(&sample, "width=\"4,0\"");
	assert_non_null(strstr(text, "bad value '4,0' for option 'width'"));
	free(text);
}

static void test_options_backslash_escapes_in_double_quotes(void **state)
{
	assert_title("title=\"say \\\"hi\\\"\"", "say \"hi\"");
	assert_title("title=\"back\\\\slash\"", "back\\slash");
	assert_title("title=\"a\\\\\",width=1", "a\\");
	/* Another backslash stays, so a regular expression keeps its \d. */
	assert_title("title=\"\\d+\\n\"", "\\d+\\n");
	/* Single quotes take every byte as it is: no escapes, and a double
	 * quote is an ordinary byte there (and the other way round). */
	assert_title("title='a\\\"b'", "a\\\"b");
	assert_title("title='say \"hi\"'", "say \"hi\"");
	assert_title("title=\"it's\"", "it's");
}

static void test_options_empty_and_equals_in_values(void **state)
{
	assert_title("title=\"\"", "");
	assert_title("title=''", "");
	assert_title("title=", "");
	assert_title("title=\"a=b,c=d\"", "a=b,c=d");
	assert_title("title=a=b", "a=b");
	/* Blanks between a closing quote and the next ',' are dropped. */
	assert_title("title=\"x\"  ,ids", "x");
	assert_title("title=\" padded \"", " padded ");
}

/* args is refused with exactly the message want. */
static void assert_refused(const char *args, const char *want)
{
	char *text = parse_fails(&sample, args);
	assert_string_equal(text, want);
	free(text);
}

static void test_options_quote_inside_a_value_is_ordinary(void **state)
{
	/* Only a value's first byte opens a quote: an exec command with its
	 * own shell quoting means what it meant before quoting existed. */
	assert_title("title=python3 'my filter.py'", "python3 'my filter.py'");
	assert_title("title=it's", "it's");
	assert_title("title=5\"", "5\"");
	/* So a ',' after such a quote still ends the value. */
	assert_refused("title=x\"1,3\"", "herald: error: sample: unknown option "
	               "'3\"' (valid: ids, width, order, title)\n"
	               "herald: note: ',' ends the value of 'title'; to keep it "
	               "in the value, quote the value: title=\"...\"\n");
}

/* The case of issue 16: the error says what the ',' did. */
static void test_options_unquoted_comma_gets_a_hint(void **state)
{
	assert_refused("width=3,title=x{1,3}", "herald: error: sample: unknown "
	               "option '3}' (valid: ids, width, order, title)\n"
	               "herald: note: ',' ends the value of 'title'; to keep it "
	               "in the value, quote the value: title=\"...\"\n");
	/* No hint when the word is an option of its own, has a value, or
	 * follows a quoted value or a bare key. */
	assert_refused("title=a,width", "herald: error: sample: option 'width' "
	               "needs a value (width=...)\n");
	assert_refused("title=a,colour=red", "herald: error: sample: unknown "
	               "option 'colour' (valid: ids, width, order, title)\n");
	assert_refused("title='a',3}", "herald: error: sample: unknown "
	               "option '3}' (valid: ids, width, order, title)\n");
	assert_refused("ids,3}", "herald: error: sample: unknown "
	               "option '3}' (valid: ids, width, order, title)\n");
}

static void test_options_unterminated_quote_names_its_column(void **state)
{
	assert_refused("title=\"x{1,3}", "herald: error: unterminated double "
	               "quote in 'title=\"x{1,3}' at column 7\n");
	assert_refused("ids,title='abc", "herald: error: unterminated single "
	               "quote in 'ids,title='abc' at column 11\n");
	/* Columns count characters, as every diagnostic's do. */
	assert_refused("title=\xc3\xa9t\xc3\xa9,width=\"1", "herald: error: "
	               "unterminated double quote in 'title=\xc3\xa9t\xc3\xa9,"
	               "width=\"1' at column 17\n");
	/* An escaped quote does not close the value. */
	char *text = parse_fails(&sample, "title=\"abc\\\"");
	assert_non_null(strstr(text, "unterminated double quote"));
	free(text);
	/* Columns count from the start of the whole stage. */
	herald_diag *d = herald_diag_new(NULL);
	herald_options *opts = NULL;
	const char *spec = "sample:width=1,title=\"open";
	assert_int_equal(options_parse(&sample, spec, spec + 7, &opts, d),
	                 HERALD_EUSAGE);
	assert_null(opts);
	assert_string_equal(herald_diag_first_error(d), "error: unterminated "
	                    "double quote in 'sample:width=1,title=\"open' at column 22");
	herald_diag_free(d);
}

static void test_options_text_after_closing_quote(void **state)
{
	assert_refused("title=\"a\"b,ids", "herald: error: text after a closing "
	               "quote (quote the whole value) in 'title=\"a\"b,ids' "
	               "at column 10\n");
	char *text = parse_fails(&sample, "title='a' 'b'");
	assert_non_null(strstr(text, "text after a closing quote"));
	assert_non_null(strstr(text, "at column 11"));
	free(text);
}

static void test_options_spec_span_skips_quoted_stops(void **state)
{
	size_t len;
	spec_problem pb;
	assert_int_equal(spec_span("a:k=\"x!y\" ! c", "!", &len, &pb), 0);
	assert_int_equal(len, 10);
	assert_int_equal(spec_span("a:k='!',j=\"\\\"!\" !b", "!", &len, &pb), 0);
	assert_int_equal(len, 16);
	assert_int_equal(spec_span("a:k=x!y", "!", &len, &pb), 0);
	assert_int_equal(len, 5);
	assert_int_equal(spec_span("plain", "!", &len, &pb), 0);
	assert_int_equal(len, 5);
	assert_int_equal(spec_span("a:k=\"x!y", "!", &len, &pb), -1);
	assert_int_equal(pb.at, 4);
	assert_string_equal(pb.what, "unterminated double quote");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_unknown_key_lists_valid_ones),
		cmocka_unit_test(test_options_bad_bool_value),
		cmocka_unit_test(test_options_bool_spellings),
		cmocka_unit_test(test_options_bare_key_means_true_for_bool),
		cmocka_unit_test(test_options_missing_value_for_non_bool),
		cmocka_unit_test(test_options_bad_int_value),
		cmocka_unit_test(test_options_bad_choice_lists_choices),
		cmocka_unit_test(test_options_defaults_when_unset),
		cmocka_unit_test(test_options_is_set_and_last_value_wins),
		cmocka_unit_test(test_options_type_names),
		cmocka_unit_test(test_options_spec_split),
		cmocka_unit_test(test_options_quoted_values_hold_commas_and_bangs),
		cmocka_unit_test(test_options_backslash_escapes_in_double_quotes),
		cmocka_unit_test(test_options_empty_and_equals_in_values),
		cmocka_unit_test(test_options_quote_inside_a_value_is_ordinary),
		cmocka_unit_test(test_options_unquoted_comma_gets_a_hint),
		cmocka_unit_test(test_options_unterminated_quote_names_its_column),
		cmocka_unit_test(test_options_text_after_closing_quote),
		cmocka_unit_test(test_options_spec_span_skips_quoted_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
