/* tests/bulletin/test_bulletin.c - the bulletin reader's recognisers, one
 * behaviour per test, through the real pipeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "harness.h"

/* Read text with spec, check success and the outline (titles shown). */
static void expect_outline(const char *spec, const char *text,
                           const char *outline)
{
	bt_run r = bt_read_str(spec, text);
	char *got;

	assert_int_equal(r.rc, HERALD_OK);
	got = bt_outline(r.doc, 1);
	assert_string_equal(got, outline);
	free(got);
	bt_free(&r);
}

static void expect_date(const char *spec, const char *line, const char *iso)
{
	char text[256];
	bt_run r;

	snprintf(text, sizeof text, "%s\n\nHeadline of the day\n\nBody.\n",
	         line);
	r = bt_read_str(spec, text);
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(herald_doc_meta(r.doc, HERALD_META_DATE));
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_DATE), iso);
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_TITLE), line);
	assert_int_equal(herald_diag_count(r.diag, HERALD_WARNING), 0);
	assert_int_equal(bt_count(herald_doc_root(r.doc), HERALD_NODE_ITEM), 1);
	bt_free(&r);
}

/* --- dates ---------------------------------------------------------------- */

static void test_date_day_month_year(void **state)
{
	expect_date("bulletin", "9 October 2020", "2020-10-09");
	expect_date("bulletin", "9th Oct. 2020", "2020-10-09");
	expect_date("bulletin", "Friday, 9 October 2020", "2020-10-09");
	expect_date("bulletin", "29 February 2020", "2020-02-29");
}

static void test_date_month_day_year(void **state)
{
	expect_date("bulletin", "October 9, 2020", "2020-10-09");
	expect_date("bulletin", "Sept 30 2021", "2021-09-30");
}

static void test_date_numeric_orders(void **state)
{
	expect_date("bulletin", "09.10.2020", "2020-10-09");
	expect_date("bulletin:date-order=mdy", "09.10.2020", "2020-09-10");
	expect_date("bulletin:date-order=mdy", "25/10/2020", "2020-10-25");
	expect_date("bulletin:date-order=ymd", "20-10-09", "2020-10-09");
	expect_date("bulletin", "9/10/20", "2020-10-09");
}

static void test_date_iso_ignores_order(void **state)
{
	expect_date("bulletin", "2020-10-09", "2020-10-09");
	expect_date("bulletin:date-order=mdy", "2020-10-09", "2020-10-09");
}

static void test_date_impossible_warns_and_keeps_line(void **state)
{
	bt_run r = bt_read_str("bulletin", "31.02.2020\n\nHeadline here\n\n"
	                                   "Body text.\n");

	assert_int_equal(r.rc, HERALD_OK);
	assert_null(herald_doc_meta(r.doc, HERALD_META_DATE));
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_TITLE),
	                    "31.02.2020");
	assert_int_equal(herald_diag_count(r.diag, HERALD_WARNING), 1);
	assert_non_null(strstr(herald_diag_text(r.diag),
	                       "1:1: warning: bulletin: impossible date"));
	bt_free(&r);
	r = bt_read_str("bulletin", "29 February 2021\n\nA statement.\n");
	assert_null(herald_doc_meta(r.doc, HERALD_META_DATE));
	assert_int_equal(herald_diag_count(r.diag, HERALD_WARNING), 1);
	bt_free(&r);
}

static void test_date_missing_warns(void **state)
{
	bt_run r = bt_read_str("bulletin", "\n\nMarket opens early\n\nThe "
	                                   "market opens at six.\n");

	assert_int_equal(r.rc, HERALD_OK);
	assert_null(herald_doc_meta(r.doc, HERALD_META_DATE));
	assert_null(herald_doc_meta(r.doc, HERALD_META_TITLE));
	assert_non_null(strstr(herald_diag_text(r.diag),
	                       "3:1: warning: bulletin: no date line"));
	assert_string_equal(herald_node_title(bt_item(&r, 0)),
	                    "Market opens early");
	bt_free(&r);
}

static void test_date_line_without_blank_after(void **state)
{
	expect_outline("bulletin", "9 October 2020\nMarket opens early\n\n"
	               "The market opens at six.\n",
	               "item:news[Market opens early|](p)");
}

/* --- titles, statements ------------------------------------------------- */

static void test_title_then_paragraphs(void **state)
{
	bt_run r = bt_read_str("bulletin", "1 May 2021\n\nNew bridge opens\n\n"
	                                   "It opened today.\nTraffic is light."
	                                   "\n\nMore later.\n");
	herald_node *item = bt_item(&r, 0), *p;
	char *text;

	assert_string_equal(herald_node_title(item), "New bridge opens");
	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_NEWS);
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 2);
	p = bt_nth(item, HERALD_NODE_PARAGRAPH, 0);
	text = herald_node_plain_text(p);
	/* A soft line break stays a '\n' inside the TEXT. */
	assert_string_equal(text, "It opened today.\nTraffic is light.");
	free(text);
	assert_int_equal(herald_node_line(item), 3);
	assert_int_equal(herald_node_line(p), 5);
	assert_int_equal(herald_node_column(herald_node_first_child(p)), 1);
	bt_free(&r);
}

static void test_statement_is_untitled(void **state)
{
	bt_run r = bt_read_str("bulletin", "1 May 2021\n\n\nLong live the "
	                                   "river festival!\n\n\nBoats parade "
	                                   "at noon\n\nAll boats take part.\n");
	herald_node *s = bt_item(&r, 0);

	assert_int_equal(herald_node_item_kind(s), HERALD_ITEM_STATEMENT);
	assert_null(herald_node_title(s));
	assert_int_equal(bt_count(s, HERALD_NODE_PARAGRAPH), 1);
	assert_string_equal(herald_node_title(bt_item(&r, 1)),
	                    "Boats parade at noon");
	bt_free(&r);
}

static void test_title_shapes(void **state)
{
	/* A closing quote may end a title. */
	expect_outline("bulletin", "Mayor: “We will open the bridge”\n\n"
	               "Said today.\n",
	               "item:news[Mayor: “We will open the bridge”|](p)");
	/* A comma, a colon or a lower-case start are not titles. */
	expect_outline("bulletin", "Dear neighbours,\n\nWe meet today.\n",
	               "item:statement(p) item:statement(p)");
	expect_outline("bulletin", "the bridge opens\n\nIt opened.\n",
	               "item:statement(p) item:statement(p)");
	expect_outline("bulletin", "Tonight’s programme:\n\nMusic.\n",
	               "item:statement(p) item:statement(p)");
}

static void test_title_too_long_is_paragraph(void **state)
{
	char text[1024];

	memset(text, 0, sizeof text);
	for (int i = 0; i < 45; i++)
		strcat(text, "word ");
	strcat(text, "end\n");
	expect_outline("bulletin", text, "item:statement(p)");
}

/* --- video markers ------------------------------------------------------ */

static void test_video_markers(void **state)
{
	expect_outline("bulletin", "Ships arrive – VIDEO\n\nThey arrived.\n",
	               "item:news+video[Ships arrive|](p)");
	expect_outline("bulletin", "Ships arrive - VIDEO\n\nThey arrived.\n",
	               "item:news+video[Ships arrive|](p)");
	expect_outline("bulletin", "Ships arrive — Video\n\nThey arrived.\n",
	               "item:news+video[Ships arrive|](p)");
	/* No marker when the dash does not stand apart. */
	expect_outline("bulletin", "Watch the pre-VIDEO\n\nIt is long.\n",
	               "item:news[Watch the pre-VIDEO|](p)");
}

static void test_video_title_only_items(void **state)
{
	expect_outline("bulletin",
	               "Ships arrive – VIDEO\n\n\nCranes unload – VIDEO\n\n\n"
	               "The quay is busy.\n",
	               "item:news+video[Ships arrive|]() "
	               "item:news+video[Cranes unload|]() item:statement(p)");
	/* After one blank line, too, when two follow it. */
	expect_outline("bulletin",
	               "Quay report\n\nAll calm.\n\nNew cranes at work – VIDEO"
	               "\n\n\nEnd of notices.\n",
	               "item:news[Quay report|](p) "
	               "item:news+video[New cranes at work|]() "
	               "item:statement(p)");
}

/* --- epigraph --------------------------------------------------------- */

static void test_epigraph_with_heading(void **state)
{
	bt_run r = bt_read_str("bulletin",
	                       "9 October 2020\n\nOn this day\n\nKeep the lamps "
	                       "lit. Nobody sails in the dark. Ada Lind\n\n\n"
	                       "Lamps lit\n\nThey are.\n");
	herald_node *q = bt_nth(herald_doc_root(r.doc), HERALD_NODE_QUOTE, 0);
	char *text;

	assert_non_null(q);
	assert_ptr_equal(q, herald_node_first_child(herald_doc_root(r.doc)));
	assert_string_equal(herald_node_title(q), "On this day");
	assert_string_equal(herald_node_speaker(q), "Ada Lind");
	text = herald_node_plain_text(q);
	assert_string_equal(text, "Keep the lamps lit. Nobody sails in the "
	                          "dark.");
	free(text);
	assert_int_equal(herald_node_line(q), 3);
	bt_free(&r);
}

static void test_epigraph_forms(void **state)
{
	/* No heading; initials; the author on a line of its own. */
	expect_outline("bulletin", "Keep the lamps lit. J. R. Lind\n\n\n"
	               "Lamps lit\n\nThey are.\n",
	               "quote[|J. R. Lind](p) item:news[Lamps lit|](p)");
	expect_outline("bulletin", "Heading\n\nKeep the lamps lit.\n— Ada "
	               "van Lind\n\n\nNext\n\nText.\n",
	               "quote[Heading|Ada van Lind](p) item:news[Next|](p)");
	/* Lower-case words after the last sentence are no name. */
	expect_outline("bulletin", "Heading\n\nKeep the lamps lit. and so "
	               "on\n",
	               "item:news[Heading|](p)");
}

/* --- interviews and speeches ------------------------------------------ */

static const char interview[] =
	"Radio broadcast an interview with Captain Ada Lind\n\n"
	"The radio has broadcast an interview with Ada Lind.\n\n"
	"-Why did the ship turn back?\n\n"
	"– The wind changed.\n\n"
	"— When will you sail again?\n\n"
	"--Tomorrow at dawn.\n";

static void test_interview_dashed_turns(void **state)
{
	bt_run r = bt_read_str("bulletin", interview);
	herald_node *item = bt_item(&r, 0), *t;
	char *text, *outline = bt_outline(r.doc, 0);

	assert_string_equal(outline, "item:interview[|Ada Lind](p,R,E=Ada Lind,"
	                             "R,E=Ada Lind)");
	free(outline);
	t = bt_nth(item, HERALD_NODE_TURN, 1);
	text = herald_node_plain_text(t);
	assert_string_equal(text, "The wind changed.");   /* dash stripped */
	free(text);
	assert_int_equal(herald_node_column(t), 1);
	assert_int_equal(herald_node_column(herald_node_first_child(t)), 3);
	t = bt_nth(item, HERALD_NODE_TURN, 3);
	assert_int_equal(herald_node_column(herald_node_first_child(t)), 3);
	bt_free(&r);
}

static const char dashless[] =
	"Radio broadcast an interview with Ada Lind\n\n"
	"The interview was recorded on board.\n\n"
	"-Why did the ship turn back?\n\n"
	"The wind changed.\n\n"
	"Was it dangerous?\n\n"
	"-Not for a ship like ours.\n";

static void test_interview_dashless_turns(void **state)
{
	expect_outline("bulletin", dashless,
	               "item:interview[Radio broadcast an interview with Ada "
	               "Lind|Ada Lind](p,R,E=Ada Lind,R,E=Ada Lind)");
	expect_outline("bulletin:dashless-turns=false", dashless,
	               "item:interview[Radio broadcast an interview with Ada "
	               "Lind|Ada Lind](p,R,p,p,E=Ada Lind)");
}

/* A long dashless paragraph that asks nothing goes on with the answer; a
 * question where an answer was due is unclear; the next dashed turns
 * settle the alternation again by their shapes. */
static void test_interview_unclear_turns(void **state)
{
	char text[4096];
	const char *long_answer =
		"It carried on for hours, with the crew working in turns on "
		"deck and below, checking every line and every hatch, keeping "
		"the engines at half speed, watching the radar through the "
		"night and talking to the coast station every hour, until the "
		"sea calmed down in the morning and we could see the harbour "
		"lights again from the bridge of the ship.";

	snprintf(text, sizeof text,
	         "Ada Lind gave an interview to the radio\n\n"
	         "The interview was recorded on board.\n\n"
	         "-Why did the ship turn back?\n\n"
	         "-The wind changed.\n\n%s\n\n"
	         "-Was it dangerous?\n\n"
	         "Who could have known?\n\n"
	         "-It was.\n\n"
	         "-Will you sail again?\n\n"
	         "-Tomorrow.\n", long_answer);
	expect_outline("bulletin", text,
	               "item:interview[Ada Lind gave an interview to the radio|"
	               "Ada Lind](p,R,E=Ada Lind,E=Ada Lind,R,?,E=Ada Lind,R,"
	               "E=Ada Lind)");
}

static void test_interviewee_from_intro(void **state)
{
	expect_outline("bulletin",
	               "Talk of the week\n\nWe publish an interview with "
	               "Mayor Ana Ruiz, elected in May.\n\n-Hello?\n\n-Hello.\n",
	               "item:interview[Talk of the week|Ana Ruiz](p,R,E=Ana "
	               "Ruiz)");
	/* Nobody named: roles without a speaker. */
	expect_outline("bulletin",
	               "An interview on the radio\n\nIt was broadcast.\n\n"
	               "-Hello?\n\n-Hello.\n",
	               "item:interview[An interview on the radio|](p,R,E)");
}

static void test_speech(void **state)
{
	expect_outline("bulletin",
	               "President Ada Lind addressed the nation\n\nDear "
	               "citizens,\n\n-We will build.\n",
	               "item:speech[President Ada Lind addressed the nation|Ada "
	               "Lind](p,p)");
	expect_outline("bulletin",
	               "Speech by Mayor Ana Ruiz at the opening\n\nWelcome.\n",
	               "item:speech[Speech by Mayor Ana Ruiz at the opening|"
	               "Ana Ruiz](p)");
}

/* --- separators ---------------------------------------------------------- */

static void test_single_blank_between_items(void **state)
{
	expect_outline("bulletin",
	               "Bridge opens\n\nIt opened.\n\nMarket moves to the "
	               "square\n\nIt moved.\n",
	               "item:news[Bridge opens|](p) item:news[Market moves to "
	               "the square|](p)");
	/* A title straight after a statement. */
	expect_outline("bulletin",
	               "All roads are open again.\n\nRoad news today\n\n"
	               "None.\n",
	               "item:statement(p) item:news[Road news today|](p)");
	/* Not inside interview turns: a short line there is a turn. */
	expect_outline("bulletin",
	               "Interview with Ada Lind\n\n-Ready?\n\n-Yes.\n\n"
	               "Thank you very much\n\nAnd goodbye.\n",
	               "item:interview[Interview with Ada Lind|Ada Lind](R,E="
	               "Ada Lind,R,E=Ada Lind)");
}

static void test_blank_line_forms(void **state)
{
	/* Spaces, tabs, NBSP and form feeds make a line blank. */
	bt_run r = bt_read_str("bulletin",
	                       "Bridge opens\n \t\nIt opened.\n\xC2\xA0\n"
	                       "\fAnd closed.\n\f\n\n\nNext item\n\nText.\n");
	char *outline = bt_outline(r.doc, 1);

	assert_string_equal(outline, "item:news[Bridge opens|](p,p) "
	                             "item:news[Next item|](p)");
	free(outline);
	/* A leading form feed is white space, and a column. */
	assert_int_equal(herald_node_column(bt_nth(bt_item(&r, 0),
	                                           HERALD_NODE_PARAGRAPH, 1)), 2);
	bt_free(&r);
}

/* --- bytes ---------------------------------------------------------------- */

static void expect_same_tree(const char *spec, const char *a, size_t alen,
                             const char *b, size_t blen)
{
	bt_run ra = bt_read(spec, a, alen), rb = bt_read(spec, b, blen);
	char *da, *db;

	assert_int_equal(ra.rc, HERALD_OK);
	assert_int_equal(rb.rc, HERALD_OK);
	da = bt_dump(ra.doc);
	db = bt_dump(rb.doc);
	assert_string_equal(da, db);
	free(da);
	free(db);
	bt_free(&ra);
	bt_free(&rb);
}

static const char lf[] = "9 October 2020\n\nTitle here\n\nOne.\nTwo.\n\n\n"
                         "Last.";

static void test_line_ends(void **state)
{
	static const char crlf[] = "9 October 2020\r\n\r\nTitle here\r\n\r\n"
	                           "One.\r\nTwo.\r\n\r\n\r\nLast.";
	static const char cr[] = "9 October 2020\r\rTitle here\r\rOne.\rTwo."
	                         "\r\r\rLast.\r";
	static const char mixed[] = "9 October 2020\r\n\nTitle here\r\r\n"
	                            "One.\nTwo.\r\n\r\r\nLast.\n";

	expect_same_tree("bulletin", lf, strlen(lf), crlf, strlen(crlf));
	expect_same_tree("bulletin", lf, strlen(lf), cr, strlen(cr));
	expect_same_tree("bulletin", lf, strlen(lf), mixed, strlen(mixed));
}

static void test_bom_and_trailing_space(void **state)
{
	static const char bom[] = "\xEF\xBB\xBF" "9 October 2020  \n\nTitle "
	                          "here\t\n\nOne. \nTwo.\xC2\xA0\n\n\nLast.  ";

	expect_same_tree("bulletin", lf, strlen(lf), bom, strlen(bom));
}

static void test_columns_count_code_points(void **state)
{
	bt_run r = bt_read_str("bulletin", "\xC2\xA0\xC2\xA0 Ünïcödé title"
	                                   "\n\n\t»Quoted« text.\n");
	herald_node *item = bt_item(&r, 0);
	herald_node *p = bt_nth(item, HERALD_NODE_PARAGRAPH, 0);

	assert_int_equal(herald_node_column(item), 4);
	assert_int_equal(herald_node_column(p), 2);
	bt_free(&r);
}

static void test_invalid_utf8_is_an_error(void **state)
{
	/* A cut sequence in a UTF-8 file (a lone byte would be read as a
	 * stray of another charset: doc/decode.md). */
	bt_run r = bt_read_str("bulletin", "Title\n\nÄb\xE2\x82" "c.\n");

	assert_int_equal(r.rc, HERALD_EINPUT);
	assert_non_null(strstr(herald_diag_text(r.diag),
	                       "3:3: error: bulletin: invalid UTF-8"));
	bt_free(&r);
	/* Overlong, surrogate and truncated sequences too, in a file said
	 * to be UTF-8. */
	r = bt_read_str("bulletin:encoding=UTF-8", "\xC0\xAF");
	assert_int_equal(r.rc, HERALD_EINPUT);
	bt_free(&r);
	r = bt_read_str("bulletin:encoding=UTF-8", "a\xED\xA0\x80");
	assert_int_equal(r.rc, HERALD_EINPUT);
	bt_free(&r);
	r = bt_read_str("bulletin:encoding=UTF-8", "ab\xE2\x80");
	assert_int_equal(r.rc, HERALD_EINPUT);
	bt_free(&r);
}

static void test_invalid_utf8_repaired(void **state)
{
	bt_run r = bt_read_str("bulletin:repair=true",
	                       "Title\n\nÄb\xF0\x9F" "c \xE2\x80 d.\n");
	char *text;

	assert_int_equal(r.rc, HERALD_OK);
	text = herald_node_plain_text(bt_item(&r, 0));
	assert_string_equal(text, "Äb\xEF\xBF\xBD" "c \xEF\xBF\xBD d.");
	free(text);
	/* One warning per bad sequence (and one for the missing date). */
	assert_int_equal(herald_diag_count(r.diag, HERALD_WARNING), 3);
	assert_non_null(strstr(herald_diag_text(r.diag), "3:6: warning: bulletin: "));
	bt_free(&r);
}

static void test_nul_bytes(void **state)
{
	static const char nul[] = "Title\n\nA\0B.\n";
	bt_run r = bt_read("bulletin", nul, sizeof nul - 1);
	char *text;

	assert_int_equal(r.rc, HERALD_EINPUT);
	assert_non_null(strstr(herald_diag_text(r.diag), "3:2: error: bulletin: NUL"));
	bt_free(&r);
	r = bt_read("bulletin:repair=yes", nul, sizeof nul - 1);
	assert_int_equal(r.rc, HERALD_OK);
	text = herald_node_plain_text(bt_item(&r, 0));
	assert_string_equal(text, "A\xEF\xBF\xBD" "B.");
	free(text);
	bt_free(&r);
}

static void test_control_characters_replaced(void **state)
{
	bt_run r = bt_read_str("bulletin", "Title\n\nA\x07" "B.\n");
	char *text;

	assert_int_equal(r.rc, HERALD_OK);
	text = herald_node_plain_text(bt_item(&r, 0));
	assert_string_equal(text, "A\xEF\xBF\xBD" "B.");
	free(text);
	assert_non_null(strstr(herald_diag_text(r.diag), "control character"));
	bt_free(&r);
}

static void test_empty_input(void **state)
{
	bt_run r = bt_read("bulletin", "", 0);

	assert_int_equal(r.rc, HERALD_OK);
	assert_null(herald_node_first_child(herald_doc_root(r.doc)));
	assert_non_null(strstr(herald_diag_text(r.diag), "empty input"));
	/* lang=auto by default: nothing to identify, no language */
	assert_null(herald_doc_meta(r.doc, HERALD_META_LANGUAGE));
	bt_free(&r);
	r = bt_read("bulletin:lang=en", "", 0);
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_LANGUAGE), "en");
	bt_free(&r);
}

static void test_blank_only_input(void **state)
{
	size_t n = 1000000;
	char *blank = malloc(n);

	assert_non_null(blank);
	for (size_t i = 0; i < n; i++)
		blank[i] = "\n \r\t\f"[i % 5];
	bt_run r = bt_read("bulletin", blank, n);
	assert_int_equal(r.rc, HERALD_OK);
	assert_null(herald_node_first_child(herald_doc_root(r.doc)));
	assert_non_null(strstr(herald_diag_text(r.diag), "only blank lines"));
	bt_free(&r);
	free(blank);
}

/* One 100 MB line: a statement holding all of it. */
static void test_huge_line(void **state)
{
	size_t n = 100u << 20;
	char *big = malloc(n);
	herald_node *p;
	const char *text;

	assert_non_null(big);
	for (size_t i = 0; i < n; i++)
		big[i] = "word "[i % 5];
	big[n - 1] = '.';
	bt_run r = bt_read("bulletin", big, n);
	assert_int_equal(r.rc, HERALD_OK);
	assert_int_equal(bt_count(herald_doc_root(r.doc), HERALD_NODE_ITEM), 1);
	p = bt_nth(bt_item(&r, 0), HERALD_NODE_PARAGRAPH, 0);
	text = herald_node_text(herald_node_first_child(p));
	assert_int_equal(strlen(text), n);
	bt_free(&r);
	free(big);
}

/* --- options ------------------------------------------------------------ */

static void test_options(void **state)
{
	bt_run r = bt_read_str("bulletin:lang=pt-BR", "Texto.\n");

	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_LANGUAGE),
	                    "pt-BR");
	bt_free(&r);
	r = bt_read_str("bulletin:lang=not a tag", "Text.\n");
	assert_int_equal(r.rc, HERALD_EUSAGE);
	bt_free(&r);
	r = bt_read_str("bulletin:date-order=dym", "Text.\n");
	assert_int_equal(r.rc, HERALD_EUSAGE);
	bt_free(&r);
	r = bt_read_str("bulletin:repair=maybe", "Text.\n");
	assert_int_equal(r.rc, HERALD_EUSAGE);
	bt_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_day_month_year),
		cmocka_unit_test(test_date_month_day_year),
		cmocka_unit_test(test_date_numeric_orders),
		cmocka_unit_test(test_date_iso_ignores_order),
		cmocka_unit_test(test_date_impossible_warns_and_keeps_line),
		cmocka_unit_test(test_date_missing_warns),
		cmocka_unit_test(test_date_line_without_blank_after),
		cmocka_unit_test(test_title_then_paragraphs),
		cmocka_unit_test(test_statement_is_untitled),
		cmocka_unit_test(test_title_shapes),
		cmocka_unit_test(test_title_too_long_is_paragraph),
		cmocka_unit_test(test_video_markers),
		cmocka_unit_test(test_video_title_only_items),
		cmocka_unit_test(test_epigraph_with_heading),
		cmocka_unit_test(test_epigraph_forms),
		cmocka_unit_test(test_interview_dashed_turns),
		cmocka_unit_test(test_interview_dashless_turns),
		cmocka_unit_test(test_interview_unclear_turns),
		cmocka_unit_test(test_interviewee_from_intro),
		cmocka_unit_test(test_speech),
		cmocka_unit_test(test_single_blank_between_items),
		cmocka_unit_test(test_blank_line_forms),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_bom_and_trailing_space),
		cmocka_unit_test(test_columns_count_code_points),
		cmocka_unit_test(test_invalid_utf8_is_an_error),
		cmocka_unit_test(test_invalid_utf8_repaired),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_control_characters_replaced),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_blank_only_input),
		cmocka_unit_test(test_huge_line),
		cmocka_unit_test(test_options),
	};

	return cmocka_run_group_tests_name("bulletin", tests, bt_setup,
	                                   bt_teardown);
}
