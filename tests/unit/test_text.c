/* test_text.c - the text layer (herald/text.h): stepping over valid and
 * broken UTF-8, the properties recognisers ask about in many scripts,
 * the soft line break rule, case folding, NFC and word counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unictype.h>

#include <herald/text.h>

#define S(lit) (lit), (sizeof(lit) - 1)

/* --- UTF-8 ----------------------------------------------------------------- */

/* Every step of herald_utf8_next over s, as (code point, length) pairs,
 * compared with the expected ones; the steps must cover s exactly. */
static void expect_steps(const char *s, size_t n, const uint32_t *cps,
                         const size_t *lens, size_t count)
{
	size_t i = 0, k = 0;
	while (i < n) {
		uint32_t cp = 0;
		size_t len = herald_utf8_next(s + i, n - i, &cp);
		assert_true(k < count);
		if (cp != cps[k] || len != lens[k])
			fail_msg("step %zu at byte %zu: U+%04X/%zu, want U+%04X/%zu",
			         k, i, (unsigned)cp, len, (unsigned)cps[k], lens[k]);
		assert_true(len >= 1 && len <= n - i);
		i += len;
		k++;
	}
	assert_int_equal(k, count);
	assert_int_equal(herald_utf8_count(s, n), count);
}

static void test_text_next_valid(void **state)
{
	(void)state;
	/* A, é, Ж, 中, 😀: one to four bytes. */
	const uint32_t cps[] = { 'A', 0xE9, 0x416, 0x4E2D, 0x1F600 };
	const size_t lens[] = { 1, 2, 2, 3, 4 };
	expect_steps(S("A\xC3\xA9\xD0\x96\xE4\xB8\xAD\xF0\x9F\x98\x80"), cps,
	             lens, 5);
	/* The edges of each length. */
	const uint32_t edges[] = { 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000,
	                           0x10FFFF };
	const size_t edge_lens[] = { 1, 2, 2, 3, 3, 4, 4 };
	expect_steps(S("\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF"
	               "\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"), edges, edge_lens, 7);
}

static void test_text_next_invalid(void **state)
{
	(void)state;
	const uint32_t R = HERALD_REPLACEMENT_CHAR;
	/* A lone continuation byte, and bytes never valid. */
	{
		const uint32_t cps[] = { R, 'a', R, R, R };
		const size_t lens[] = { 1, 1, 1, 1, 1 };
		expect_steps(S("\x80" "a" "\xFF\xFE\xF8"), cps, lens, 5);
	}
	/* Overlong forms of '/' and NUL: C0/C1 are never valid; E0 80
	 * and F0 80 are not a start, so each byte is its own error. */
	{
		const uint32_t cps[] = { R, R, R, R, R, R, R, R, R };
		const size_t lens[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
		expect_steps(S("\xC0\xAF\xC1\x80\xE0\x80\xAF\xF0\x80"), cps, lens,
		             9);
	}
	/* Surrogates (ED A0..BF) and beyond U+10FFFF (F4 90). */
	{
		const uint32_t cps[] = { R, R, R, R, R, R, R };
		const size_t lens[] = { 1, 1, 1, 1, 1, 1, 1 };
		expect_steps(S("\xED\xA0\x80\xF4\x90\x80\x80"), cps, lens, 7);
	}
	/* Truncated sequences: the maximal bad subpart is one error, then
	 * the next character is read normally. */
	{
		const uint32_t cps[] = { R, 'x', R, 'y', R, 0x4E2D };
		const size_t lens[] = { 2, 1, 3, 1, 1, 3 };
		expect_steps(S("\xE4\xB8" "x" "\xF0\x9F\x98" "y" "\xC3"
		               "\xE4\xB8\xAD"), cps, lens, 6);
	}
	/* Cut at the end of the buffer. */
	{
		const uint32_t cps[] = { 'a', R };
		const size_t lens[] = { 1, 3 };
		expect_steps(S("a\xF0\x9F\x98"), cps, lens, 2);
	}
}

static void test_text_prev(void **state)
{
	(void)state;
	static const char s[] = "A\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";
	size_t n = sizeof(s) - 1;
	uint32_t cp;
	assert_int_equal(herald_utf8_prev(s, n, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(herald_utf8_prev(s, n - 4, &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(herald_utf8_prev(s, n - 7, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(herald_utf8_prev(s, 1, &cp), 1);
	assert_int_equal(cp, 'A');
	/* A continuation byte with nothing before it, and a cut end. */
	assert_int_equal(herald_utf8_prev("\xA9", 1, &cp), 1);
	assert_int_equal(cp, HERALD_REPLACEMENT_CHAR);
	assert_int_equal(herald_utf8_prev("a\xE4\xB8", 3, &cp), 1);
	assert_int_equal(cp, HERALD_REPLACEMENT_CHAR);
	/* Stepping back over anything always ends at the start. */
	static const char junk[] = "\x80\xBF\xE4\xB8\xF0\xC3\xA9z\xED\xA0\x80";
	size_t left = sizeof(junk) - 1, steps = 0;
	while (left > 0 && steps < 100) {
		size_t len = herald_utf8_prev(junk, left, &cp);
		assert_true(len >= 1 && len <= left);
		left -= len;
		steps++;
	}
	assert_int_equal(left, 0);
}

static void test_text_valid_prefix(void **state)
{
	(void)state;
	assert_true(herald_utf8_is_valid(S("")));
	assert_true(herald_utf8_is_valid(S("Straße Проф. 中文 😀")));
	assert_int_equal(herald_utf8_valid_prefix(S("abc\xC3")), 3);
	assert_int_equal(herald_utf8_valid_prefix(S("ab\xC3\xA9\xFF" "cd")), 4);
	/* NUL is refused, even after a valid non-ASCII run. */
	assert_int_equal(herald_utf8_valid_prefix("ab\0cd", 5), 2);
	assert_int_equal(herald_utf8_valid_prefix("\xC3\xA9\0x", 4), 2);
	assert_false(herald_utf8_is_valid("\xC3\xA9\0", 3));
	assert_false(herald_utf8_is_valid(S("\xED\xA0\x80")));
	assert_false(herald_utf8_is_valid(S("\xC0\x80")));
}

static void test_text_encode(void **state)
{
	(void)state;
	char out[4];
	assert_int_equal(herald_utf8_encode('A', out), 1);
	assert_memory_equal(out, "A", 1);
	assert_int_equal(herald_utf8_encode(0x416, out), 2);
	assert_memory_equal(out, "\xD0\x96", 2);
	assert_int_equal(herald_utf8_encode(0x4E2D, out), 3);
	assert_memory_equal(out, "\xE4\xB8\xAD", 3);
	assert_int_equal(herald_utf8_encode(0x1F600, out), 4);
	assert_memory_equal(out, "\xF0\x9F\x98\x80", 4);
	assert_int_equal(herald_utf8_encode(0xD800, out), 0);
	assert_int_equal(herald_utf8_encode(0xDFFF, out), 0);
	assert_int_equal(herald_utf8_encode(0x110000, out), 0);
	/* Round trip over every scalar value. */
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		size_t len = herald_utf8_encode(cp, out);
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			assert_int_equal(len, 0);
			continue;
		}
		uint32_t back;
		assert_int_equal(herald_utf8_next(out, len, &back), len);
		if (back != cp)
			fail_msg("U+%04X comes back as U+%04X", (unsigned)cp,
			         (unsigned)back);
	}
}

/* --- properties ---------------------------------------------------------- */

/* text.c answers ASCII itself, so that ASCII text never opens the module
 * core/unistring: each answer must be libunistring's (P* for punct). */
static void test_text_ascii_punct_is_libunistrings(void **state)
{
	(void)state;
	for (uint32_t cp = 0; cp < 0x80; cp++)
		assert_int_equal(herald_cp_is_punct(cp),
		                 uc_is_general_category(cp, UC_PUNCTUATION));
}

static void test_text_letters_in_many_scripts(void **state)
{
	(void)state;
	/* Latin, Cyrillic, Greek, Armenian, Arabic, Devanagari, Han,
	 * Hiragana, Katakana, Hangul. */
	const uint32_t letters[] = { 'a', 'Z', 0xDF, 0x416, 0x3C3, 0x531,
	                             0x628, 0x915, 0x4E2D, 0x3042, 0x30AB,
	                             0xD55C, 0x259 /* ə */ };
	for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++) {
		assert_true(herald_cp_is_letter(letters[i]));
		assert_true(herald_cp_is_alnum(letters[i]));
		assert_false(herald_cp_is_punct(letters[i]));
		assert_false(herald_cp_is_space(letters[i]));
	}
	const uint32_t not_letters[] = { '1', '@', '[', '`', '{', ' ', 0xA0,
	                                 0x3002, 0x964, 0x301, 0x94D };
	for (size_t i = 0; i < sizeof(not_letters) / sizeof(not_letters[0]); i++)
		assert_false(herald_cp_is_letter(not_letters[i]));
	/* Digits in other scripts: Arabic-Indic, Devanagari. */
	assert_true(herald_cp_is_digit('7'));
	assert_true(herald_cp_is_digit(0x663));
	assert_true(herald_cp_is_digit(0x967));
	assert_false(herald_cp_is_digit(0xBD));      /* ½ is No, not Nd */
	assert_true(herald_cp_is_alnum(0xBD));
	/* Combining marks: acute, Devanagari virama and vowel sign, fatha. */
	assert_true(herald_cp_is_mark(0x301));
	assert_true(herald_cp_is_mark(0x94D));
	assert_true(herald_cp_is_mark(0x93E));
	assert_true(herald_cp_is_mark(0x64E));
	assert_false(herald_cp_is_mark('a'));
	assert_false(herald_cp_is_mark(0x2C6));      /* ˆ is Lm */
}

static void test_text_case_properties(void **state)
{
	(void)state;
	assert_true(herald_cp_is_upper('A'));
	assert_true(herald_cp_is_upper(0xDC));       /* Ü */
	assert_true(herald_cp_is_upper(0x41F));      /* П */
	assert_true(herald_cp_is_upper(0x3A3));      /* Σ */
	assert_true(herald_cp_is_upper(0x531));      /* Ա */
	assert_true(herald_cp_is_upper(0x1C5));      /* ǅ, title case */
	assert_true(herald_cp_is_upper(0x18F));      /* Ə */
	assert_false(herald_cp_is_upper('a'));
	assert_false(herald_cp_is_upper(0x4E2D));
	assert_false(herald_cp_is_upper(0x628));
	assert_true(herald_cp_is_lower('z'));
	assert_true(herald_cp_is_lower(0xDF));       /* ß */
	assert_true(herald_cp_is_lower(0x3C2));      /* ς */
	assert_true(herald_cp_is_lower(0x561));      /* ա */
	assert_true(herald_cp_is_lower(0x259));      /* ə */
	assert_false(herald_cp_is_lower('Z'));
	assert_false(herald_cp_is_lower(0x915));     /* no case */
}

static void test_text_spaces_and_breaks(void **state)
{
	(void)state;
	const uint32_t spaces[] = { ' ', '\t', '\v', '\f', 0xA0, 0x2002,
	                            0x2009, 0x202F, 0x3000 };
	for (size_t i = 0; i < sizeof(spaces) / sizeof(spaces[0]); i++) {
		assert_true(herald_cp_is_space(spaces[i]));
		assert_false(herald_cp_is_line_break(spaces[i]));
	}
	const uint32_t breaks[] = { '\n', '\r', 0x85, 0x2028, 0x2029 };
	for (size_t i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++) {
		assert_true(herald_cp_is_line_break(breaks[i]));
		assert_false(herald_cp_is_space(breaks[i]));
	}
	/* Zero-width space and the BOM are format characters, not space. */
	assert_false(herald_cp_is_space(0x200B));
	assert_false(herald_cp_is_space(0xFEFF));
	assert_false(herald_cp_is_space('a'));
}

static void test_text_punctuation(void **state)
{
	(void)state;
	/* Sentence ends: Latin, CJK, Arabic and Urdu, Devanagari,
	 * Armenian, Ethiopic, fullwidth. */
	const uint32_t ends[] = { '.', '!', '?', 0x3002, 0x61F, 0x6D4, 0x964,
	                          0x589, 0x1362, 0xFF01, 0xFF1F };
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		if (!herald_cp_is_sentence_terminal(ends[i]))
			fail_msg("U+%04X is a sentence terminal", (unsigned)ends[i]);
		assert_true(herald_cp_is_punct(ends[i]));
	}
	assert_false(herald_cp_is_sentence_terminal(','));
	assert_false(herald_cp_is_sentence_terminal(':'));
	assert_false(herald_cp_is_sentence_terminal(0x3001));   /* 、 */
	assert_false(herald_cp_is_sentence_terminal('a'));

	const uint32_t quotes[] = { '"', '\'', 0xAB, 0xBB, 0x201E, 0x201C,
	                            0x201D, 0x2018, 0x2019, 0x300C, 0x300D };
	for (size_t i = 0; i < sizeof(quotes) / sizeof(quotes[0]); i++)
		assert_true(herald_cp_is_quote(quotes[i]));
	assert_false(herald_cp_is_quote('`'));
	assert_false(herald_cp_is_quote('a'));

	const uint32_t dashes[] = { '-', 0x2013, 0x2014, 0x2212, 0x58A };
	for (size_t i = 0; i < sizeof(dashes) / sizeof(dashes[0]); i++)
		assert_true(herald_cp_is_dash(dashes[i]));
	assert_false(herald_cp_is_dash('_'));

	const uint32_t closers[] = { '"', '\'', ')', ']', '}', 0xBB, 0x201D,
	                             0x2019, 0x300D, 0x300F, 0xFF09 };
	for (size_t i = 0; i < sizeof(closers) / sizeof(closers[0]); i++)
		assert_true(herald_cp_is_closer(closers[i]));
	assert_false(herald_cp_is_closer('('));
	assert_false(herald_cp_is_closer(0x201E));
	const uint32_t openers[] = { '"', '(', '[', '{', 0xAB, 0x201E, 0x201A,
	                             0x201C, 0x300C, 0x300E };
	for (size_t i = 0; i < sizeof(openers) / sizeof(openers[0]); i++)
		assert_true(herald_cp_is_opener(openers[i]));
	assert_false(herald_cp_is_opener(')'));
	assert_false(herald_cp_is_opener(0x300D));
}

static void test_text_scripts(void **state)
{
	(void)state;
	assert_string_equal(herald_cp_script('a'), "Latin");
	assert_string_equal(herald_cp_script(0x259), "Latin");
	assert_string_equal(herald_cp_script(0x416), "Cyrillic");
	assert_string_equal(herald_cp_script(0x3C3), "Greek");
	assert_string_equal(herald_cp_script(0x531), "Armenian");
	assert_string_equal(herald_cp_script(0x628), "Arabic");
	assert_string_equal(herald_cp_script(0x915), "Devanagari");
	assert_string_equal(herald_cp_script(0x4E2D), "Han");
	assert_string_equal(herald_cp_script(0x3042), "Hiragana");
	assert_string_equal(herald_cp_script(0x30AB), "Katakana");
	assert_string_equal(herald_cp_script('1'), "Common");
	assert_string_equal(herald_cp_script(0x301), "Inherited");
	assert_string_equal(herald_cp_script(0x10FFFD), "Unknown");
}

/* --- scripts without spaces ---------------------------------------------- */

static void test_text_spaceless(void **state)
{
	(void)state;
	const uint32_t yes[] = { 0x4E2D, 0x3042, 0x30AB, 0x0E01 /* Thai */,
	                         0x3002, 0x3001, 0x300C, 0xFF0C, 0x30FC,
	                         0xFF70, 0x30FB, 0x3005 };
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!herald_cp_is_spaceless(yes[i]))
			fail_msg("U+%04X is written without spaces", (unsigned)yes[i]);
	const uint32_t no[] = { 'a', '.', 0x416, 0x628, 0x915, 0xD55C /* 한 */,
	                        0x3000, ' ', '1' };
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (herald_cp_is_spaceless(no[i]))
			fail_msg("U+%04X is not spaceless", (unsigned)no[i]);
}

static void test_text_soft_break(void **state)
{
	(void)state;
	/* Between two CJK characters, nothing; anywhere else, a space. */
	assert_false(herald_soft_break_is_space(0x4E2D, 0x6587));
	assert_false(herald_soft_break_is_space(0x3002, 0x4E2D));   /* 。中 */
	assert_false(herald_soft_break_is_space(0x3042, 0x30AB));
	/* ラー / メン: the prolonged sound mark is script Common, but it
	 * belongs to the kana around it. */
	assert_false(herald_soft_break_is_space(0x30FC, 0x30E1));
	assert_true(herald_soft_break_is_space('a', 'b'));
	assert_true(herald_soft_break_is_space(0x4E2D, 'a'));
	assert_true(herald_soft_break_is_space('a', 0x4E2D));
	assert_true(herald_soft_break_is_space(0xD55C, 0xAE00));    /* Korean */
	assert_true(herald_soft_break_is_space(0x416, 0x416));
	assert_true(herald_soft_break_is_space('.', 0x4E2D));
}

/* --- strings ---------------------------------------------------------------- */

static void test_text_space_helpers(void **state)
{
	(void)state;
	assert_int_equal(herald_text_skip_space(S(" \t\xC2\xA0\xE3\x80\x80x ")),
	                 7);
	assert_int_equal(herald_text_skip_space(S("\nx")), 0);
	assert_int_equal(herald_text_skip_space(S("")), 0);
	assert_int_equal(herald_text_trim_end(S("x \xC2\xA0\t")), 1);
	assert_int_equal(herald_text_trim_end(S("x\n")), 2);
	/* Bad bytes at the end are not space. */
	assert_int_equal(herald_text_trim_end(S("x \xC2")), 3);
	assert_int_equal(herald_text_trim_end(S("  ")), 0);
	assert_true(herald_text_is_blank(S("")));
	assert_true(herald_text_is_blank(S(" \xE2\x80\xAF\t")));
	assert_false(herald_text_is_blank(S(" \n ")));
	assert_false(herald_text_is_blank(S(" \xFF")));
}

/* herald_text_find_any against a byte loop, at every offset of texts
 * longer than one step of its sixteen-byte scan, and its count and
 * beyond_ascii cases. */
static void test_text_find_any(void **state)
{
	(void)state;
	char text[80];
	for (size_t at = 0; at <= sizeof text; at++) {
		memset(text, 'a', sizeof text);
		if (at < sizeof text)
			text[at] = '?';
		assert_int_equal(herald_text_find_any(text, sizeof text, ".!?\xE2",
		                                      4, false), at);
		assert_int_equal(herald_text_find_any(text, sizeof text, "?", 1,
		                                      true), at);
		if (at < sizeof text)
			text[at] = (char)0xC3;
		assert_int_equal(herald_text_find_any(text, sizeof text, "?", 1,
		                                      true), at);
		assert_int_equal(herald_text_find_any(text, sizeof text, "?", 1,
		                                      false), sizeof text);
	}
	/* counting and validating skip ASCII sixteen bytes at a time too */
	for (size_t at = 0; at + 2 <= sizeof text; at++) {
		memset(text, 'a', sizeof text);
		memcpy(text + at, "\xC3\xA9", 2);
		assert_int_equal(herald_utf8_count(text, sizeof text),
		                 sizeof text - 1);
		assert_int_equal(herald_utf8_valid_prefix(text, sizeof text),
		                 sizeof text);
		text[at] = '\0';
		assert_int_equal(herald_utf8_valid_prefix(text, sizeof text), at);
	}
	assert_int_equal(herald_text_find_any(S("abc.def!"), "!.", 2, false), 3);
	assert_int_equal(herald_text_find_any(S("abc"), "x", 1, false), 3);
	assert_int_equal(herald_text_find_any(S(""), "x", 1, true), 0);
	assert_int_equal(herald_text_find_any(S("ab\xE2\x80\xA6"), "\xE2", 1,
	                                      false), 2);
	/* no byte asked: only beyond_ascii stops the scan */
	assert_int_equal(herald_text_find_any(S("abc\xC3\xA9"), "", 0, true), 3);
	assert_int_equal(herald_text_find_any(S("abc\xC3\xA9"), "", 0, false), 5);
}

static void test_text_word_count(void **state)
{
	(void)state;
	assert_int_equal(herald_text_word_count(S("")), 0);
	assert_int_equal(herald_text_word_count(S("One. Two three.")), 3);
	assert_int_equal(herald_text_word_count(S("Four five, six — seven.")), 4);
	assert_int_equal(herald_text_word_count(S("  a\tb\nc\xC2\xA0" "d  ")), 4);
	assert_int_equal(herald_text_word_count(S("— … « » -- !!")), 0);
	assert_int_equal(herald_text_word_count(S("2020-10-09 12:30")), 2);
	assert_int_equal(herald_text_word_count(S("Straße über Проф. Պաշտոնյա")),
	                 4);
	assert_int_equal(herald_text_word_count(S("नगर परिषद ने")), 3);
	/* Each Han or kana character is a word; its punctuation is not. */
	assert_int_equal(herald_text_word_count(S("市议会周二投票。")), 7);
	assert_int_equal(herald_text_word_count(S("東京 Tokyo")), 3);
	/* Bad bytes join the word they are in and are never one alone. */
	assert_int_equal(herald_text_word_count(S("ab\xFF" "cd \xFF\xFE ef")), 2);
}

/* The folded text, compared with want; freed here. */
static void expect_fold(const char *s, const char *want)
{
	size_t len = 0;
	char *folded = herald_text_casefold(s, strlen(s), &len);
	assert_non_null(folded);
	assert_int_equal(len, strlen(folded));
	assert_string_equal(folded, want);
	free(folded);
}

static void test_text_casefold(void **state)
{
	(void)state;
	expect_fold("Straße", "strasse");
	expect_fold("STRASSE", "strasse");
	expect_fold("Über", "über");
	expect_fold("U\xCC\x88" "ber", "über");    /* decomposed, then NFC */
	expect_fold("Проф.", "проф.");
	expect_fold("ΟΔΟΣ", "οδοσ");
	expect_fold("οδος", "οδοσ");               /* final sigma folds too */
	expect_fold("ƏLİ", "\xC9\x99li\xCC\x87");   /* İ keeps its dot */
	expect_fold("ԱՐՄԵՆԻԱ", "արմենիա");
	expect_fold("中文 123", "中文 123");
	expect_fold("", "");
	/* Bad bytes become U+FFFD, never a crash or a NULL. */
	expect_fold("A\xFF" "B", "a\xEF\xBF\xBD" "b");
	size_t len = 99;
	char *folded = herald_text_casefold("AB", 0, &len);
	assert_non_null(folded);
	assert_int_equal(len, 0);
	free(folded);
	/* out_len may be NULL. */
	folded = herald_text_casefold(S("X"), NULL);
	assert_string_equal(folded, "x");
	free(folded);
}

static void test_text_caseeq(void **state)
{
	(void)state;
	assert_true(herald_text_caseeq(S("Straße"), S("STRASSE")));
	assert_true(herald_text_caseeq(S("Über"), S("über")));
	assert_true(herald_text_caseeq(S("ÜBER"), S("u\xCC\x88" "ber")));
	assert_true(herald_text_caseeq(S("Проф."), S("ПРОФ.")));
	assert_true(herald_text_caseeq(S("ΟΔΟΣ"), S("οδος")));
	assert_true(herald_text_caseeq(S(""), S("")));
	assert_false(herald_text_caseeq(S("Über"), S("Uber")));
	assert_false(herald_text_caseeq(S("Проф"), S("Проф.")));
	assert_false(herald_text_caseeq(S("a"), S("")));
	/* Invalid UTF-8 compares as it folds. */
	assert_true(herald_text_caseeq(S("A\xFF"), S("a\xFF")));
	assert_false(herald_text_caseeq(S("A\xFF"), S("a\xFE" "b")));
}

static void test_text_nfc(void **state)
{
	(void)state;
	size_t len;
	char *r = herald_text_nfc(S("e\xCC\x81t\xC3\xA9"), &len);
	assert_non_null(r);
	assert_string_equal(r, "\xC3\xA9t\xC3\xA9");
	assert_int_equal(len, 5);
	free(r);
	/* Hangul jamo compose; a singleton (Ångström sign) is replaced. */
	r = herald_text_nfc(S("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), &len);
	assert_string_equal(r, "\xED\x95\x9C");
	free(r);
	r = herald_text_nfc(S("\xE2\x84\xAB"), &len);
	assert_string_equal(r, "\xC3\x85");
	free(r);
	/* Case is kept; the empty string is an empty string. */
	r = herald_text_nfc(S("Über"), &len);
	assert_string_equal(r, "Über");
	free(r);
	r = herald_text_nfc("x", 0, &len);
	assert_non_null(r);
	assert_int_equal(len, 0);
	assert_string_equal(r, "");
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_ascii_punct_is_libunistrings),
		cmocka_unit_test(test_text_next_valid),
		cmocka_unit_test(test_text_next_invalid),
		cmocka_unit_test(test_text_prev),
		cmocka_unit_test(test_text_valid_prefix),
		cmocka_unit_test(test_text_encode),
		cmocka_unit_test(test_text_letters_in_many_scripts),
		cmocka_unit_test(test_text_case_properties),
		cmocka_unit_test(test_text_spaces_and_breaks),
		cmocka_unit_test(test_text_punctuation),
		cmocka_unit_test(test_text_scripts),
		cmocka_unit_test(test_text_spaceless),
		cmocka_unit_test(test_text_soft_break),
		cmocka_unit_test(test_text_space_helpers),
		cmocka_unit_test(test_text_find_any),
		cmocka_unit_test(test_text_word_count),
		cmocka_unit_test(test_text_casefold),
		cmocka_unit_test(test_text_caseeq),
		cmocka_unit_test(test_text_nfc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
