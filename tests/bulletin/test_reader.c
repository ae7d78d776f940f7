/* tests/bulletin/test_reader.c - the reader's pipeline on real-archive
 * shapes: Markdown, front matter, layouts, furniture, transcripts, and
 * hostile input with time limits (a quadratic path fails the test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <herald/buffer.h>

#include "harness.h"

/* Seconds any one hostile input may take (they take milliseconds). */
#define TIME_LIMIT 20.0

static bt_run md(const char *text)
{
	return bt_read_named("bulletin", "in.md", text, strlen(text));
}

static const char *meta(const bt_run *r, herald_meta key)
{
	return herald_doc_meta(r->doc, key);
}

static char *text_of(const herald_node *n)
{
	char *t = herald_node_plain_text(n);

	assert_non_null(t);
	return t;
}

static void assert_text(const herald_node *n, const char *want)
{
	char *t = text_of(n);

	assert_string_equal(t, want);
	free(t);
}

/* --- Markdown ------------------------------------------------------------- */

/* A web page given to the bulletin reader (piped in without -f) is read
 * as text, as asked, but with a warning naming the reader for it. */
static void test_reader_warns_of_html(void **state)
{
	static const char page[] = "\n  <!DOCTYPE html><html><body><p>Hi.</p>"
	                           "</body></html>\n";
	bt_run r = bt_read_named("bulletin", "-", page, strlen(page));
	bt_run plain = bt_read_str("bulletin", "14 March 2023\n\n<html> is a tag.\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(strstr(herald_diag_text(r.diag), ":1:1: warning: bulletin: "
	                       "the input looks like a web page (HTML), read here "
	                       "as text: the htmlin reader reads web pages "
	                       "(-f htmlin)"));
	assert_int_equal(plain.rc, HERALD_OK);
	assert_null(strstr(herald_diag_text(plain.diag), "web page"));
	bt_free(&r);
	bt_free(&plain);
}

/* syntax= overrides the name: Markdown from standard input (no name to
 * go by), a .md file read as the plain text it really is. */
static void test_reader_syntax_option(void **state)
{
	const char *text = "# Council news\n\n### Bridge *opens*\n\nText.\n";
	bt_run in = bt_read_named("bulletin:syntax=markdown", "-", text, strlen(text));
	bt_run as_text = bt_read_named("bulletin:syntax=text", "in.md", text,
	                               strlen(text));
	bt_run by_name = bt_read_named("bulletin", "-", text, strlen(text));

	(void)state;
	assert_int_equal(in.rc, HERALD_OK);
	assert_string_equal(meta(&in, HERALD_META_TITLE), "Council news");
	herald_node *heading = bt_nth(bt_item(&in, 0), HERALD_NODE_HEADING, 0);
	assert_text(heading, "Bridge opens");
	assert_non_null(bt_nth(heading, HERALD_NODE_EMPH, 0));
	/* as text, and from standard input by default, '#' and '*' stay */
	assert_int_equal(as_text.rc, HERALD_OK);
	assert_int_equal(by_name.rc, HERALD_OK);
	const bt_run *plain[] = { &as_text, &by_name };
	for (int k = 0; k < 2; k++) {
		herald_node *item = bt_item(plain[k], 0);
		assert_string_equal(herald_node_title(item), "# Council news");
		assert_text(bt_nth(item, HERALD_NODE_PARAGRAPH, 0), "### Bridge *opens*");
	}
	bt_free(&in);
	bt_free(&as_text);
	bt_free(&by_name);
}

static void test_reader_markdown_items(void **state)
{
	bt_run r = md("# 《新闻联播》 (2020-10-11)\n\n"
	              "### First *item*\n\nIts **strong** text and a "
	              "[link](https://example.org/x).\n\n#### A subheading\n\n"
	              "More.\n\n"
	              "### \\# Second item\n\n- one\n- two\n  - nested\n\n---\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(meta(&r, HERALD_META_TITLE), "《新闻联播》 (2020-10-11)");
	assert_string_equal(meta(&r, HERALD_META_DATE), "2020-10-11");
	assert_int_equal(bt_count(herald_doc_root(r.doc), HERALD_NODE_ITEM), 2);
	herald_node *i1 = bt_item(&r, 0), *i2 = bt_item(&r, 1);
	/* markup never leaks into titles */
	assert_string_equal(herald_node_title(i1), "First item");
	assert_string_equal(herald_node_title(i2), "# Second item");
	herald_node *p = bt_nth(i1, HERALD_NODE_PARAGRAPH, 0);
	assert_text(p, "Its strong text and a link.");
	herald_node *emph = bt_nth(p, HERALD_NODE_EMPH, 0);
	assert_non_null(emph);
	herald_node *link = bt_nth(p, HERALD_NODE_LINK, 0);
	assert_non_null(link);
	assert_string_equal(herald_node_url(link), "https://example.org/x");
	/* a deeper heading stays inside its item */
	assert_int_equal(bt_count(i1, HERALD_NODE_HEADING), 1);
	assert_int_equal(bt_count(i1, HERALD_NODE_PARAGRAPH), 2);
	herald_node *list = bt_nth(i2, HERALD_NODE_LIST, 0);
	assert_non_null(list);
	assert_int_equal(bt_count(list, HERALD_NODE_LIST_ITEM), 2);
	herald_node *second = bt_nth(list, HERALD_NODE_LIST_ITEM, 1);
	assert_non_null(bt_nth(second, HERALD_NODE_LIST, 0));
	assert_string_equal(meta(&r, HERALD_META_LAYOUT), "blank");
	bt_free(&r);
}

/* A heading's attribute block ("{#id}", Hugo's, kramdown's, pandoc's and
 * herald's own markdown writer's) is markup: it leaves the title.  Braces
 * the author escaped, or that hold no attributes, stay text. */
static void test_reader_markdown_heading_attributes(void **state)
{
	bt_run r = md("# Council news {#top .lead}\n\n"
	              "## Bridge *opens* {#i1}\n\nText.\n\n"
	              "## Ferry {: #f} ##\n\nText.\n\n"
	              "## Key {x=1 y=\"a b\"}\n\nText.\n\n"
	              "Setext {#my_id}\n---\n\nText.\n\n"
	              "## Escaped {\\#x}\n\nText.\n\n"
	              "## Sets {1, 2}\n\nText.\n\n"
	              "## {#alone}\n\nText.\n");
	static const char *const want[] = {
		"Bridge opens", "Ferry", "Key", "Setext", "Escaped {#x}",
		"Sets {1, 2}", "{#alone}",
	};

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(meta(&r, HERALD_META_TITLE), "Council news");
	assert_int_equal(bt_count(herald_doc_root(r.doc), HERALD_NODE_ITEM), 7);
	for (int i = 0; i < 7; i++)
		assert_string_equal(herald_node_title(bt_item(&r, i)), want[i]);
	bt_free(&r);
}

/* HTML in a Markdown body is markup: tags and comments leave the text,
 * their words stay (as a browser shows them), <br> is a line break, and
 * a block that shows no words (Hugo's and Jekyll's "<!--more-->", an
 * embedded video, a script) leaves no paragraph. */
static void test_reader_markdown_html(void **state)
{
	bt_run r = md("# Harbour news\n\n"
	              "Boats are <b>back</b>.<br>Truly, People<s>s</s> Act.\n\n"
	              "<!--more-->\n\n"
	              "<iframe src=\"https://video.example/x\"></iframe>\n\n"
	              "<!-- wp:paragraph -->\n<p>Ferry &amp; bus <em>times</em>.</p>\n"
	              "<!-- /wp:paragraph -->\n\n"
	              "<div class=\"note\">\nA note\n<p>in two parts</p>\n</div>\n\n"
	              "<script>var words = 1;</script>\n\n"
	              "End.\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	herald_node *item = bt_item(&r, 0);
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 4);
	herald_node *p = bt_nth(item, HERALD_NODE_PARAGRAPH, 0);
	assert_text(p, "Boats are back.\nTruly, Peoples Act.");
	assert_non_null(bt_nth(p, HERALD_NODE_LINEBREAK, 0));
	/* one TEXT where only a tag stood between two */
	herald_node *last = herald_node_last_child(p);
	assert_string_equal(herald_node_text(last), "Truly, Peoples Act.");
	assert_text(bt_nth(item, HERALD_NODE_PARAGRAPH, 1), "Ferry & bus times.");
	assert_text(bt_nth(item, HERALD_NODE_PARAGRAPH, 2), "A note\nin two parts");
	assert_text(bt_nth(item, HERALD_NODE_PARAGRAPH, 3), "End.");
	bt_free(&r);

	/* deeper than libxml2's limit (256): kept as written, not cut */
	herald_buf deep = HERALD_BUF_INIT;
	herald_buf_puts(&deep, "# Deep\n\n");
	for (int i = 0; i < 300; i++)
		herald_buf_puts(&deep, "<div>");
	herald_buf_puts(&deep, "inside");
	for (int i = 0; i < 300; i++)
		herald_buf_puts(&deep, "</div>");
	herald_buf_puts(&deep, "\n\nEnd.\n");
	assert_false(herald_buf_failed(&deep));
	r = md(deep.data);
	assert_int_equal(r.rc, HERALD_OK);
	char *t = text_of(bt_nth(bt_item(&r, 0), HERALD_NODE_PARAGRAPH, 0));
	assert_non_null(strstr(t, "inside"));
	free(t);
	assert_non_null(strstr(herald_diag_text(r.diag), ":3:1: warning: bulletin: "
	                       "HTML that cannot be read whole"));
	bt_free(&r);
	herald_buf_free(&deep);

	/* a comment never closed would hide the rest: kept, with a warning */
	r = md("# Notes\n\nFirst.\n\n<!-- notes start\n\nWords after it.\n");
	assert_int_equal(r.rc, HERALD_OK);
	t = text_of(bt_nth(bt_item(&r, 0), HERALD_NODE_PARAGRAPH, 1));
	assert_non_null(strstr(t, "Words after it."));
	free(t);
	assert_non_null(strstr(herald_diag_text(r.diag), ":5:1: warning: bulletin: "
	                       "HTML that cannot be read whole"));
	bt_free(&r);
}

static void test_reader_markdown_contents(void **state)
{
	/* a numbered table of contents repeating the item titles */
	bt_run r = md("# Evening news (2020-10-11)\n\n## Summary\n\n"
	              "1.Harbour reopens after the storm;\n\n"
	              "2.New bridge opens to traffic;\n\n"
	              "3.Library extends its hours;\n\n"
	              "## Details\n\n### Harbour reopens after the storm\n\nText.\n\n"
	              "### New bridge opens to traffic\n\nText.\n\n"
	              "### Library extends its hours\n\nText.\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_int_equal(bt_count(herald_doc_root(r.doc), HERALD_NODE_ITEM), 3);
	assert_int_equal(bt_count(herald_doc_root(r.doc), HERALD_NODE_PARAGRAPH), 0);
	assert_string_equal(herald_doc_field(r.doc, "contents"),
	                    "1.Harbour reopens after the storm; / "
	                    "2.New bridge opens to traffic; / "
	                    "3.Library extends its hours;");
	bt_free(&r);

	/* an introduction that names one item is no table of contents */
	r = md("# News\n\nToday: the harbour reopens after the storm.\n\n"
	       "### Harbour reopens after the storm\n\nText.\n\n"
	       "### Another item\n\nText.\n");
	assert_int_equal(bt_count(herald_doc_root(r.doc), HERALD_NODE_PARAGRAPH), 1);
	assert_null(herald_doc_field(r.doc, "contents"));
	bt_free(&r);
}

static void test_reader_markdown_lines(void **state)
{
	/* paragraphs a line each, no blank lines: the line layout */
	bt_run r = md("---\ntitle: A crawl\ndate: 2026-02-23\n---\n\n"
	              "The first paragraph is one line and ends here.\n"
	              "The second one follows on the next line.\n"
	              "So does the third, with a [link](https://x.org).\n"
	              "And a fourth, to be sure of the layout.\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(meta(&r, HERALD_META_LAYOUT), "line");
	assert_string_equal(meta(&r, HERALD_META_DATE), "2026-02-23");
	herald_node *item = bt_item(&r, 0);
	assert_string_equal(herald_node_title(item), "A crawl");
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 4);
	bt_free(&r);
}

/* --- front matter and dates ------------------------------------------------ */

static void test_reader_front_matter_and_printed_date(void **state)
{
	bt_run r = md("---\ndate: '2025-01-24'\ntitle: Remarks\nsource_url: "
	              "https://example.org/r\nauthor: Staff\ntags: remarks\n---\n"
	              "\xc2\xa0\nOval Office\n\n(January 23, 2025)\n\n"
	              "3:10 P.M. EST\n\nTHE PRESIDENT:  Hello.\n\n"
	              "Q    Hello, sir.\n\nTHE PRESIDENT:  Thank you.\n\n"
	              "More of the answer.\n\nEND   3:30 P.M. EST\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	/* the printed date wins, with a warning */
	assert_string_equal(meta(&r, HERALD_META_DATE), "2025-01-23");
	assert_non_null(strstr(herald_diag_text(r.diag), "printed date"));
	assert_string_equal(meta(&r, HERALD_META_TITLE), "Remarks");
	assert_string_equal(meta(&r, HERALD_META_URL), "https://example.org/r");
	assert_string_equal(meta(&r, HERALD_META_AUTHOR), "Staff");
	assert_string_equal(meta(&r, HERALD_META_TIME), "3:10 P.M. EST");
	assert_string_equal(herald_doc_field(r.doc, "tags"), "remarks");
	assert_string_equal(herald_doc_field(r.doc, "place"), "Oval Office");
	herald_node *item = bt_item(&r, 0);
	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_INTERVIEW);
	/* the opening statement, then one turn per labelled block */
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 1);
	assert_int_equal(bt_count(item, HERALD_NODE_TURN), 2);
	herald_node *q = bt_nth(item, HERALD_NODE_TURN, 0);
	herald_node *a = bt_nth(item, HERALD_NODE_TURN, 1);
	assert_int_equal(herald_node_role(q), HERALD_SPEAKER_INTERVIEWER);
	assert_text(q, "Hello, sir.");
	assert_int_equal(herald_node_role(a), HERALD_SPEAKER_INTERVIEWEE);
	assert_string_equal(herald_node_speaker(a), "THE PRESIDENT");
	assert_text(a, "Thank you.\nMore of the answer.");
	/* the end mark as printed */
	assert_string_equal(herald_doc_field(r.doc, "end"), "END   3:30 P.M. EST");
	bt_free(&r);
}

/* TOML front matter (Hugo's "+++"), read by toml++ into the same
 * metadata and fields as YAML's, in the order written; invalid TOML or a
 * block never closed is a located warning and is read as text. */
static void test_reader_toml_front_matter(void **state)
{
	bt_run r = md("+++\ntitle = \"Harbour reopens\"\n"
	              "date = 2031-04-02T10:00:00Z\nauthor = \"Ana Costa\"\n"
	              "tags = [\"port\", \"ferry\"]\ndraft = false\n"
	              "weight = 3\n[params]\nsection = \"news\"\n+++\n\n"
	              "Boats are back in the harbour.\n");
	bt_run bad = md("+++\ntitle = \"Harbour\"\ndate = = 3\n+++\n\nBoats.\n");
	bt_run open = md("+++\ntitle = \"Harbour\"\n\nBoats.\n");
	bt_run hugo = md("+++\npublishDate = 2031-05-06\n+++\n\nBoats.\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(meta(&r, HERALD_META_TITLE), "Harbour reopens");
	assert_string_equal(meta(&r, HERALD_META_DATE), "2031-04-02");
	assert_string_equal(meta(&r, HERALD_META_AUTHOR), "Ana Costa");
	static const char *const keys[] = { "date", "tags", "draft", "weight",
	                                    "params" };
	static const char *const values[] = { "2031-04-02T10:00:00Z",
	                                      "port, ferry", "false", "3",
	                                      "section, news" };
	assert_int_equal(herald_doc_field_count(r.doc), 5);
	for (size_t i = 0; i < 5; i++) {
		assert_string_equal(herald_doc_field_key(r.doc, i), keys[i]);
		assert_string_equal(herald_doc_field_value(r.doc, i), values[i]);
	}
	char *body = text_of(bt_nth(bt_item(&r, 0), HERALD_NODE_PARAGRAPH, 0));
	assert_string_equal(body, "Boats are back in the harbour.");
	free(body);

	assert_int_equal(bad.rc, HERALD_OK);
	assert_null(meta(&bad, HERALD_META_TITLE));
	assert_non_null(strstr(herald_diag_text(bad.diag),
	                       "3:8: warning: bulletin: front matter is not "
	                       "valid TOML"));
	assert_int_equal(open.rc, HERALD_OK);
	assert_non_null(strstr(herald_diag_text(open.diag),
	                       "never closed by '+++'"));
	/* Hugo's publishDate is a date key too */
	assert_string_equal(meta(&hugo, HERALD_META_DATE), "2031-05-06");
	bt_free(&r);
	bt_free(&bad);
	bt_free(&open);
	bt_free(&hugo);
}

/* A document nothing in it dates takes its file name's day, with no
 * warning; a printed date or a front matter's wins over the name. */
static void test_reader_date_from_file_name(void **state)
{
	const char *plain = "Harbour reopens\n\nBoats are back after the storm.\n";
	const char *post = "---\ntitle: Harbour reopens\n---\n\nBoats are back.\n";
	const char *dated = "3 March 2031\n\nHarbour reopens\n\nBoats are back.\n";
	bt_run a = bt_read_named("bulletin", "archive/2021-04-02.txt", plain,
	                         strlen(plain));
	bt_run b = bt_read_named("bulletin", "_posts/2021-04-02-harbour.md", post,
	                         strlen(post));
	bt_run c = bt_read_named("bulletin", "2021-04-02.txt", dated,
	                         strlen(dated));
	bt_run d = bt_read_named("bulletin", "notes.txt", plain, strlen(plain));

	(void)state;
	assert_string_equal(meta(&a, HERALD_META_DATE), "2021-04-02");
	assert_null(meta(&a, HERALD_META_DATELINE));
	assert_null(strstr(herald_diag_text(a.diag), "no date line"));
	assert_string_equal(meta(&b, HERALD_META_DATE), "2021-04-02");
	assert_string_equal(meta(&c, HERALD_META_DATE), "2031-03-03");
	assert_null(meta(&d, HERALD_META_DATE));
	assert_non_null(strstr(herald_diag_text(d.diag), "no date line"));
	bt_free(&a);
	bt_free(&b);
	bt_free(&c);
	bt_free(&d);
}

static void test_reader_speech_is_no_interview(void **state)
{
	bt_run r = md("---\ntitle: Remarks by the President\n---\n\n"
	              "Roosevelt Room\n\n5:03 P.M. EDT\n\n"
	              "THE PRESIDENT:  Hello, folks.\n\nA second paragraph.\n\n"
	              "5:15 P.M. EDT\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	herald_node *item = bt_item(&r, 0);
	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_SPEECH);
	assert_string_equal(herald_node_speaker(item), "THE PRESIDENT");
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 2);
	assert_int_equal(bt_count(item, HERALD_NODE_TURN), 0);
	assert_string_equal(herald_doc_field(r.doc, "end_time"), "5:15 P.M. EDT");
	bt_free(&r);
}

/* --- turn labels of every kind (issue 12) -------------------------------- */

static bt_run txt(const char *text)
{
	return bt_read_named("bulletin", "in.txt", text, strlen(text));
}

/* The roles and speakers of an item's turns, "role:speaker" joined by
 * " | " (speaker "-" when none), for one comparison a case. */
static char *turns_of(const herald_node *item)
{
	static char out[1024];
	size_t at = 0, count = bt_count(item, HERALD_NODE_TURN);

	out[0] = '\0';
	for (size_t i = 0; i < count && at < sizeof out - 1; i++) {
		herald_node *t = bt_nth(item, HERALD_NODE_TURN, i);
		const char *sp = herald_node_speaker(t);
		at += (size_t)snprintf(out + at, sizeof out - at, "%s%s:%s",
		                       i ? " | " : "",
		                       herald_speaker_role_name(herald_node_role(t)),
		                       sp ? sp : "-");
	}
	return out;
}

static void test_reader_title_case_interview(void **state)
{
	/* names alone, in title case, the asking side by its questions */
	bt_run r = txt("Ada Lind talks to Bo Berg\n\n"
	               "The talk took place in the harbour office.\n\n"
	               "Ada Lind: How did the season go?\n\n"
	               "Bo Berg: Well. The boats came back full.\n\n"
	               "It was a good year for all of us.\n\n"
	               "Ada Lind: And the next one?\n\n"
	               "Bo Berg: We shall see.\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	herald_node *item = bt_item(&r, 0);
	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_INTERVIEW);
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 1);
	assert_string_equal(turns_of(item),
	                    "interviewer:Ada Lind | interviewee:Bo Berg | "
	                    "interviewer:Ada Lind | interviewee:Bo Berg");
	/* the label is off the text; a paragraph after it joins the turn */
	assert_text(bt_nth(item, HERALD_NODE_TURN, 1),
	            "Well. The boats came back full.\n"
	            "It was a good year for all of us.");
	bt_free(&r);
}

static void test_reader_one_person_many_spellings(void **state)
{
	/* Markdown emphasis taken off by cmark, upper and title case, with
	 * and without full stops: one speaker, as first printed */
	bt_run r = md("---\ntitle: Gaggle\n---\n\n"
	              "**Q:** First?\n\n**MS. PSAKI:** One.\n\n"
	              "*Q*: Second?\n\n**Ms. Psaki:** Two.\n\n"
	              "Q    Third?\n\nMs Psaki: Three.\n\n"
	              "Q    Fourth?\n\n**MR. LIND:** Four.\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	herald_node *item = bt_item(&r, 0);
	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_INTERVIEW);
	assert_string_equal(turns_of(item),
	                    "interviewer:- | interviewee:MS. PSAKI | "
	                    "interviewer:- | interviewee:MS. PSAKI | "
	                    "interviewer:- | interviewee:MS. PSAKI | "
	                    "interviewer:- | interviewee:MR. LIND");
	assert_text(bt_nth(item, HERALD_NODE_TURN, 3), "Two.");
	/* each turn keeps its label as printed */
	static const char *const printed[] = { "Q", "MS. PSAKI", "Q",
		                               "Ms. Psaki", "Q", "Ms Psaki" };
	for (size_t i = 0; i < sizeof printed / sizeof *printed; i++)
		assert_string_equal(herald_node_label(bt_nth(item,
		                                             HERALD_NODE_TURN, i)),
		                    printed[i]);
	bt_free(&r);
}

/* Photo captions are paragraphs tagged "caption", never items, never a
 * free field: a "Photo:" line, and an image alone (its alt text). */
static void test_reader_captions_are_tagged_paragraphs(void **state)
{
	bt_run r = md("# One\n\nThe first story.\n\n"
	              "Photo: Volunteers at the mill\n\n"
	              "![A crowd on the beach](a.jpg)\n\nMore of it.\n\n"
	              "# Two\n\nThe second story.\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	herald_node *item = bt_item(&r, 0);
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 4);
	herald_node *photo = bt_nth(item, HERALD_NODE_PARAGRAPH, 1);
	herald_node *image = bt_nth(item, HERALD_NODE_PARAGRAPH, 2);
	assert_true(herald_node_has_tag(photo, "caption"));
	assert_true(herald_node_has_tag(image, "caption"));
	assert_text(image, "A crowd on the beach");
	assert_false(herald_node_has_tag(bt_nth(item, HERALD_NODE_PARAGRAPH, 0),
	                                 "caption"));
	assert_null(herald_doc_field(r.doc, "caption"));
	assert_non_null(bt_item(&r, 1));
	assert_null(bt_item(&r, 2));
	bt_free(&r);

	/* the same in a blank-line bulletin (the grammar's) */
	r = bt_read_str("bulletin",
	                "Volunteers plant trees along the river\n\n"
	                "More than two hundred volunteers planted trees on "
	                "Saturday, the group said.\n\n"
	                "Photo: Volunteers at work near the mill\n\n"
	                "The work goes on next week, the group said.\n");
	assert_int_equal(r.rc, HERALD_OK);
	item = bt_item(&r, 0);
	assert_null(bt_item(&r, 1));
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 3);
	assert_true(herald_node_has_tag(bt_nth(item, HERALD_NODE_PARAGRAPH, 1),
	                                "caption"));
	assert_null(herald_doc_field(r.doc, "caption"));
	bt_free(&r);
}

static void test_reader_labels_in_languages(void **state)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "Interview\n\nFrage 1: Wie war es?\n\nAntwort: Gut.\n\n"
		  "Frage 2: Und jetzt?\n\nAntwort: Weiter.\n",
		  "interviewer:- | interviewee:- | interviewer:- | interviewee:-" },
		{ "Entretien\n\nQuestion : Pourquoi ?\n\nR\xc3\xa9ponse : Parce que.\n\n"
		  "Question : Et ensuite ?\n\nR\xc3\xa9ponse : Rien.\n",
		  "interviewer:- | interviewee:- | interviewer:- | interviewee:-" },
		{ "Entrevista\n\nPregunta: \xc2\xbf" "C\xc3\xb3mo?\n\nRespuesta: Bien.\n\n"
		  "Pregunta: \xc2\xbf" "Y?\n\nRespuesta: Nada.\n",
		  "interviewer:- | interviewee:- | interviewer:- | interviewee:-" },
		{ "\xd0\x98\xd0\xbd\xd1\x82\xd0\xb5\xd1\x80\xd0\xb2\xd1\x8c\xd1\x8e\n\n"
		  "\xd0\x92\xd0\xbe\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81: \xd0\x9a\xd0\xb0\xd0\xba?\n\n"
		  "\xd0\x9e\xd1\x82\xd0\xb2\xd0\xb5\xd1\x82: \xd0\xa5\xd0\xbe\xd1\x80\xd0\xbe\xd1\x88\xd0\xbe.\n\n"
		  "\xd0\x92\xd0\xbe\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81: \xd0\x90 \xd0\xb4\xd0\xb0\xd0\xbb\xd1\x8c\xd1\x88\xd0\xb5?\n\n"
		  "\xd0\x9e\xd1\x82\xd0\xb2\xd0\xb5\xd1\x82: \xd0\x9f\xd0\xbe\xd1\x81\xd0\xbc\xd0\xbe\xd1\x82\xd1\x80\xd0\xb8\xd0\xbc.\n",
		  "interviewer:- | interviewee:- | interviewer:- | interviewee:-" },
		{ "M\xc3\xbcsahib\xc9\x99\n\nSual: Nec\xc9\x99?\n\nCavab: Yax\xc5\x9f\xc4\xb1.\n\n"
		  "Sual: Sonra?\n\nCavab: G\xc3\xb6r\xc9\x99k.\n",
		  "interviewer:- | interviewee:- | interviewer:- | interviewee:-" },
		{ "\xe9\x87\x87\xe8\xae\xbf\n\n\xe9\x97\xae\xef\xbc\x9a\xe6\x80\x8e\xe4\xb9\x88\xe6\xa0\xb7\xef\xbc\x9f\n\n"
		  "\xe7\xad\x94\xef\xbc\x9a\xe5\xbe\x88\xe5\xa5\xbd\xe3\x80\x82\n\n"
		  "\xe9\x97\xae\xef\xbc\x9a\xe7\x84\xb6\xe5\x90\x8e\xef\xbc\x9f\n\n"
		  "\xe7\xad\x94\xef\xbc\x9a\xe5\x86\x8d\xe7\x9c\x8b\xe3\x80\x82\n",
		  "interviewer:- | interviewee:- | interviewer:- | interviewee:-" },
		/* a question label and a title-case name once: the question
		 * label is the pattern */
		{ "Talk\n\nQ: Why?\n\nVladimir Putin: Because.\n\nQ: When?\n\n"
		  "Dr. Fauci: Soon.\n",
		  "interviewer:- | interviewee:Vladimir Putin | interviewer:- | "
		  "interviewee:Dr. Fauci" },
		/* an upper-case asker, a title-case answerer */
		{ "Talk\n\nHARBOUR NEWS: Why now?\n\nAda Lind: Because.\n\n"
		  "HARBOUR NEWS: And then?\n\nAda Lind: We sail.\n",
		  "interviewer:HARBOUR NEWS | interviewee:Ada Lind | "
		  "interviewer:HARBOUR NEWS | interviewee:Ada Lind" },
		/* a title-case lead-in before an upper-case conversation
		 * stays the intro's paragraph, not an unknown turn */
		{ "Talk\n\nNote: an old recording.\n\nMR. LIND: Why now?\n\n"
		  "MS. BERG: Because.\n\nMR. LIND: And then?\n\nMS. BERG: We "
		  "sail.\n",
		  "interviewer:MR. LIND | interviewee:MS. BERG | "
		  "interviewer:MR. LIND | interviewee:MS. BERG" },
		/* a party and state after a name: one person with or
		 * without them */
		{ "Hearing\n\nSEN. ROMNEY (R-UT): Why now?\n\nMS. LIND: Because."
		  "\n\nSen. Romney: And then?\n\nMS. LIND: We sail.\n",
		  "interviewer:SEN. ROMNEY (R-UT) | interviewee:MS. LIND | "
		  "interviewer:SEN. ROMNEY (R-UT) | interviewee:MS. LIND" },
		/* title-case names with particles */
		{ "Talk\n\nQ: Why?\n\nUrsula von der Leyen: Because.\n\nQ: When?"
		  "\n\nJos\xc3\xa9 da Silva: Soon.\n",
		  "interviewer:- | interviewee:Ursula von der Leyen | interviewer:- | "
		  "interviewee:Jos\xc3\xa9 da Silva" },
		/* numbered questions of another language */
		{ "\xd0\x98\xd0\xbd\xd1\x82\xd0\xb5\xd1\x80\xd0\xb2\xd1\x8c\xd1\x8e\n\n"
		  "\xd0\x92\xd0\xbe\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81 \xe2\x84\x96" "1: ?\n\n"
		  "\xd0\x9e\xd1\x82\xd0\xb2\xd0\xb5\xd1\x82: \xd0\x94\xd0\xb0.\n\n"
		  "\xd0\x92\xd0\xbe\xd0\xbf\xd1\x80\xd0\xbe\xd1\x81 2: ?\n\n"
		  "\xd0\x9e\xd1\x82\xd0\xb2\xd0\xb5\xd1\x82: \xd0\x9d\xd0\xb5\xd1\x82.\n",
		  "interviewer:- | interviewee:- | interviewer:- | interviewee:-" },
		/* question and answer labels inside one long line */
		{ "Interview\n\nQ: Why now? A: Because it is time. Q: And then? "
		  "A: We sail.\n",
		  "interviewer:- | interviewee:- | interviewer:- | interviewee:-" },
		/* a moderator who only hands over leads the questions */
		{ "Briefing\n\nMODERATOR: Welcome.\n\nDR. LIND: A statement.\n\n"
		  "MODERATOR: First up, Bo Berg.\n\nQ: Why?\n\nDR. LIND: Because."
		  "\n\nMODERATOR: Next, Cy Dahl.\n\nQ: When?\n\nDR. LIND: Soon.\n",
		  "interviewer:MODERATOR | interviewer:- | interviewee:DR. LIND | "
		  "interviewer:MODERATOR | interviewer:- | interviewee:DR. LIND" },
		/* literal emphasis in a plain text */
		{ "Talk\n\n**Q:** Why?\n\n**Putin:** Because.\n\n**Q:** When?\n\n"
		  "**PUTIN:** Soon.\n",
		  "interviewer:- | interviewee:Putin | interviewer:- | "
		  "interviewee:Putin" },
	};

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		bt_run r = txt(cases[c].text);
		assert_int_equal(r.rc, HERALD_OK);
		herald_node *item = bt_item(&r, 0);
		if (herald_node_item_kind(item) != HERALD_ITEM_INTERVIEW ||
		    strcmp(turns_of(item), cases[c].want) != 0)
			fail_msg("case %zu: kind %d, turns '%s'", c,
			         herald_node_item_kind(item), turns_of(item));
		bt_free(&r);
	}
}

static void test_reader_name_shapes_in_news_stay_paragraphs(void **state)
{
	static const char *const cases[] = {
		/* a news item's lead-ins, each once or without a partner */
		"Harbour news\n\nNote: the office is closed today.\n\n"
		"Washington: the capital is quiet.\n\nUpdate: more later.\n\n"
		"Note: closed again tomorrow.\n",
		"Harbour news\n\nUpdate: the ferry is late.\n\n"
		"Boats wait outside.\n\nUpdate: the ferry has come in.\n",
		/* an upper-case dateline once is no speech */
		"Harbour news\n\nWASHINGTON: The capital is quiet today.\n\n"
		"Nothing else happened.\n",
		"---\ntitle: Harbour news\n---\n\n**Note:** closed.\n\n"
		"Washington: quiet.\n",
	};

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		bt_run r = c == 3 ? md(cases[c]) : txt(cases[c]);
		assert_int_equal(r.rc, HERALD_OK);
		herald_node *item = bt_item(&r, 0);
		if (herald_node_item_kind(item) != HERALD_ITEM_NEWS ||
		    bt_count(item, HERALD_NODE_TURN) != 0 ||
		    herald_node_speaker(item))
			fail_msg("case %zu: kind %d, %zu turns", c,
			         herald_node_item_kind(item),
			         bt_count(item, HERALD_NODE_TURN));
		/* the labels stay in the text */
		char *t = text_of(bt_nth(item, HERALD_NODE_PARAGRAPH, 0));
		assert_non_null(strchr(t, ':'));
		free(t);
		bt_free(&r);
	}
}

static void test_reader_dashed_interviews(void **state)
{
	static const struct { const char *name, *text, *want; size_t paras; } cases[] = {
		/* one document a line, the turns inline after sentence ends */
		{ "in.txt",
		  "The minister met the press. He spoke of the roads. -Hello, "
		  "minister. How are the roads? -Hello. They are better, we work "
		  "on them every day. -And the bridges? -Next year.\n",
		  "interviewer:- | interviewee:- | interviewer:- | interviewee:-",
		  1 },
		/* a line each, en dashes, the interviewee from the intro */
		{ "in.txt",
		  "Harbour radio\nThe radio broadcast an interview with Mayor Ana "
		  "Ruiz.\n\xe2\x80\x93 How is the city?\n\xe2\x80\x93 Fine, thank "
		  "you.\n\xe2\x80\x93 And the harbour?\n\xe2\x80\x93 Busy.\n",
		  "interviewer:- | interviewee:Ana Ruiz | interviewer:- | "
		  "interviewee:Ana Ruiz", 1 },
		/* Markdown, em dashes; a paragraph without a dash goes on */
		{ "in.md",
		  "---\ntitle: Talk with the keeper\n---\n\nWe met at dawn.\n\n"
		  "\xe2\x80\x94 Why the lighthouse?\n\n\xe2\x80\x94 For the quiet.\n\n"
		  "And for the sea.\n\n\xe2\x80\x94 Any regrets?\n\n\xe2\x80\x94 None.\n",
		  "interviewer:- | interviewee:- | interviewer:- | interviewee:-",
		  1 },
		/* an answer where a question was due: the interviewee first */
		{ "in.md",
		  "---\ntitle: Talk\n---\n\n\xe2\x80\x94 The season was long and "
		  "hard for everyone on the boats, with storms in every week of "
		  "it, nets lost, engines broken, crews sick and tired, prices "
		  "low and the harbour closed twice for repairs that took far "
		  "longer than anyone had said they would at the start, and "
		  "then the winter came early and kept every one of us ashore "
		  "for weeks.\n\n"
		  "\xe2\x80\x94 Will next year be better?\n\n\xe2\x80\x94 Yes.\n",
		  "interviewee:- | interviewer:- | interviewee:-", 0 },
		/* a question where an answer was due: unknown, then found
		 * again at the next turn whose shape speaks */
		{ "in.md",
		  "---\ntitle: Talk\n---\n\n\xe2\x80\x94 Why?\n\n\xe2\x80\x94 "
		  "Why not?\n\n\xe2\x80\x94 Fine.\n\n\xe2\x80\x94 When?\n\n"
		  "\xe2\x80\x94 Now.\n",
		  "interviewer:- | unknown:- | unknown:- | interviewer:- | "
		  "interviewee:-", 0 },
		/* no interview (want NULL): dashed entries that ask nothing */
		{ "in.md", "---\ntitle: Notices\n---\n\n\xe2\x80\x94 The ferry is "
		  "late.\n\n\xe2\x80\x94 The bridge is open.\n\n\xe2\x80\x94 The "
		  "library is closed.\n", NULL, 0 },
		/* hyphens, negative numbers and spaced bullets inside a line */
		{ "in.txt", "Cold news\nIt was cold. -5 degrees at dawn. Was it "
		  "colder? - no - it was not. A well-known fact. -\n", NULL, 0 },
		/* a news item quoting with dashes, its narrative between */
		{ "in.md", "---\ntitle: Harbour\n---\n\nThe keeper spoke.\n\n"
		  "\xe2\x80\x94 Are we ready?\n\nNobody answered him at first.\n\n"
		  "\xe2\x80\x94 We are, said the mate.\n\nThen they left the "
		  "harbour.\n\nThe boats came back at night.\n", NULL, 0 },
		/* one dash only */
		{ "in.txt", "Cold news\nWas it cold? -Yes, said the keeper.\n",
		  NULL, 0 },
	};

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		bt_run r = bt_read_named("bulletin", cases[c].name, cases[c].text,
		                         strlen(cases[c].text));
		assert_int_equal(r.rc, HERALD_OK);
		herald_node *item = bt_item(&r, 0);
		if (!cases[c].want) {
			if (herald_node_item_kind(item) == HERALD_ITEM_INTERVIEW ||
			    bt_count(item, HERALD_NODE_TURN) != 0)
				fail_msg("case %zu: kind %d, %zu turns", c,
				         herald_node_item_kind(item),
				         bt_count(item, HERALD_NODE_TURN));
		} else if (herald_node_item_kind(item) != HERALD_ITEM_INTERVIEW ||
		    strcmp(turns_of(item), cases[c].want) != 0 ||
		    bt_count(item, HERALD_NODE_PARAGRAPH) != cases[c].paras)
			fail_msg("case %zu: kind %d, %zu paragraphs, turns '%s'", c,
			         herald_node_item_kind(item),
			         bt_count(item, HERALD_NODE_PARAGRAPH), turns_of(item));
		bt_free(&r);
	}
	/* the inline turn's text, without its dash */
	bt_run r = bt_read_named("bulletin", "in.txt", cases[0].text,
	                         strlen(cases[0].text));
	herald_node *item = bt_item(&r, 0);
	assert_text(bt_nth(item, HERALD_NODE_PARAGRAPH, 0),
	            "The minister met the press. He spoke of the roads.");
	assert_text(bt_nth(item, HERALD_NODE_TURN, 1),
	            "Hello. They are better, we work on them every day.");
	bt_free(&r);
}

/* Many turns: each kept, each with its role (no time is asserted; the
 * growth check above measures time). */
static void test_reader_many_turns(void **state)
{
	static const char *const units[] = {
		" -Why? -Because.",               /* inline, one line */
		"Ada Lind: Why?\n\nBo Berg: Because.\n\n",
		"**Q:** Why?\n\n**Ms. Psaki:** Because.\n\n",
	};
	enum { N = 10000 };

	(void)state;
	for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
		size_t ul = strlen(units[u]);
		const char *head = u == 0 ? "Talk\nIt began." : "Talk\n\n";
		char *text = malloc(strlen(head) + N * ul + 2);
		assert_non_null(text);
		size_t at = strlen(head);
		memcpy(text, head, at);
		for (size_t i = 0; i < N; i++, at += ul)
			memcpy(text + at, units[u], ul);
		text[at++] = '\n';
		text[at] = '\0';
		bt_run r = txt(text);
		assert_int_equal(r.rc, HERALD_OK);
		herald_node *item = bt_item(&r, 0);
		assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_INTERVIEW);
		assert_int_equal(bt_count(item, HERALD_NODE_TURN), 2 * N);
		herald_node *last = bt_nth(item, HERALD_NODE_TURN, 2 * N - 1);
		assert_int_equal(herald_node_role(last), HERALD_SPEAKER_INTERVIEWEE);
		assert_text(last, "Because.");
		bt_free(&r);
		free(text);
	}
}

static void test_reader_statement_end_mark(void **state)
{
	bt_run r = md("---\ntitle: \"Statement by\\\n  \\ the Spokesperson\"\n---\n"
	              " \xc2\xa0\nOne paragraph,\nhard-wrapped.\n\n\\###\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	herald_node *item = bt_item(&r, 0);
	assert_string_equal(herald_node_title(item),
	                    "Statement by the Spokesperson");
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 1);
	bt_free(&r);
}

/* --- plain-text layouts ---------------------------------------------------- */

static void test_reader_layout_option(void **state)
{
	const char *text = "Title of the piece\n\nOne line.\nAnother line.\n";
	bt_run r = bt_read_str("bulletin:layout=line", text);

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(meta(&r, HERALD_META_LAYOUT), "line");
	herald_node *item = bt_item(&r, 0);
	assert_string_equal(herald_node_title(item), "Title of the piece");
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 2);
	bt_free(&r);

	r = bt_read_str("bulletin:layout=sideways", text);
	assert_int_not_equal(r.rc, HERALD_OK);
	bt_free(&r);
}

static void test_reader_indent_act(void **state)
{
	const char *text =
	        "                              У К А З\n\n"
	        "                  ПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ\n\n\n"
	        "          О временном исполнении обязанностей\n"
	        "                        губернатора края\n\n"
	        "     В связи с отставкой должностных лиц, уполномоченных\n"
	        "Уставом края временно исполнять обязанности, постановляю:\n"
	        "     1. Временно исполнять обязанности губернатора края\n"
	        "до вступления в должность вновь избранного.\n"
	        "     2. Настоящий Указ вступает в силу со дня его подписания.\n\n\n"
	        "     Президент Российской Федерации              В.Путин\n\n"
	        "     Москва, Кремль\n"
	        "     3 октября 2002 года\n"
	        "     N 1112\n";
	bt_run r = bt_read_str("bulletin", text);

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(meta(&r, HERALD_META_LAYOUT), "indent");
	herald_node *item = bt_item(&r, 0);
	assert_non_null(item);
	assert_string_equal(herald_node_title(item),
	                    "О временном исполнении обязанностей губернатора края");
	assert_int_equal(bt_count(herald_doc_root(r.doc), HERALD_NODE_HEADING), 2);
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 3);
	bt_free(&r);
}

static void test_reader_item_per_line(void **state)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	for (int i = 0; i < 3; i++)
		fprintf(f, "Hökumət sahibkarlara dəstək üçün təkliflər hazırlayır "
		        "Azərbaycan Respublikasının Prezidenti tapşırıq verib. "
		        "Nazirlər Kabineti təkliflər hazırlayır, sahibkarlara "
		        "dəstək göstəriləcək. Bu barədə məlumat yayılıb və "
		        "tədbirlər davam edir. Tədbirlər planı hazırlanır və "
		        "tezliklə təqdim olunacaq, ölkədə vəziyyət sabitdir.\n");
	fclose(f);
	bt_run r = bt_read("bulletin", text, len);
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(meta(&r, HERALD_META_LAYOUT), "item");
	assert_int_equal(bt_count(herald_doc_root(r.doc), HERALD_NODE_ITEM), 3);
	herald_node *item = bt_item(&r, 2);
	assert_string_equal(herald_node_title(item),
	                    "Hökumət sahibkarlara dəstək üçün təkliflər hazırlayır");
	assert_int_equal(bt_count(item, HERALD_NODE_PARAGRAPH), 1);
	bt_free(&r);
	free(text);
}

static void test_reader_plain_bullets(void **state)
{
	bt_run r = bt_read_str("bulletin", "A headline here\n\nThe plan holds:\n\n"
	                       " - a first point \n - a second point\n \n\n"
	                       "After the list.\n");

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	herald_node *list = NULL;
	for (herald_node *i = herald_node_first_child(herald_doc_root(r.doc));
	     i && !list; i = herald_node_next(i))
		list = bt_nth(i, HERALD_NODE_LIST, 0);
	assert_non_null(list);
	assert_int_equal(bt_count(list, HERALD_NODE_LIST_ITEM), 2);
	assert_text(bt_nth(list, HERALD_NODE_LIST_ITEM, 1), "a second point");
	bt_free(&r);
}

/* --- hostile input ----------------------------------------------------------- */

typedef struct timed {
	bt_run r;
	double seconds;
} timed;

static timed timed_read(const char *name, const char *data, size_t size)
{
	struct timespec a, b;
	timed t;

	/* CPU time: other processes on a busy machine do not count */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	t.r = bt_read_named("bulletin", name, data, size);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	t.seconds = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	if (t.seconds > TIME_LIMIT)
		fail_msg("%s took %.1f s", name, t.seconds);
	return t;
}

static char *filled(const char *head, const char *unit, size_t times,
                    const char *tail, size_t *len)
{
	size_t h = strlen(head), u = strlen(unit), t = strlen(tail);
	char *s = malloc(h + u * times + t + 1);

	assert_non_null(s);
	memcpy(s, head, h);
	for (size_t i = 0; i < times; i++)
		memcpy(s + h + i * u, unit, u);
	memcpy(s + h + u * times, tail, t + 1);
	*len = h + u * times + t;
	return s;
}

static void test_reader_hostile_heading(void **state)
{
	size_t len;
	char *s = filled("# ", "word ", 2u << 20, "\n\nText.\n", &len);
	timed t = timed_read("big.md", s, len);

	(void)state;
	assert_int_equal(t.r.rc, HERALD_OK);
	assert_int_equal(strlen(meta(&t.r, HERALD_META_TITLE)), 5 * (2u << 20) - 1);
	bt_free(&t.r);
	free(s);
}

static void test_reader_hostile_lists_and_nesting(void **state)
{
	size_t len;
	char *s = filled("", "- entry\n", 100000, "", &len);
	timed t = timed_read("list.md", s, len);

	(void)state;
	assert_int_equal(t.r.rc, HERALD_OK);
	herald_node *list = bt_nth(bt_item(&t.r, 0), HERALD_NODE_LIST, 0);
	assert_non_null(list);
	assert_int_equal(bt_count(list, HERALD_NODE_LIST_ITEM), 100000);
	bt_free(&t.r);
	free(s);

	/* block quotes, lists and emphasis nested 10 000 deep */
	const char *units[] = { "> ", "- ", "*" };
	for (size_t u = 0; u < 3; u++) {
		s = filled("", units[u], 10000, "deep text\n", &len);
		t = timed_read("deep.md", s, len);
		assert_int_equal(t.r.rc, HERALD_OK);
		char *all = NULL;
		size_t all_len = 0;
		/* the words are kept however deep they were */
		for (herald_node *i = herald_node_first_child(herald_doc_root(t.r.doc));
		     i; i = herald_node_next(i)) {
			char *x = herald_node_plain_text(i);
			assert_non_null(x);
			if (strstr(x, "deep text"))
				all_len++;
			free(x);
		}
		free(all);
		assert_true(all_len >= 1);
		bt_free(&t.r);
		free(s);
	}
}

static void test_reader_hostile_front_matter(void **state)
{
	timed t;

	(void)state;
	t = timed_read("bad.md", "---\ntitle: [oops\n---\nBody text.\n", 31);
	assert_int_equal(t.r.rc, HERALD_OK);
	assert_non_null(strstr(herald_diag_text(t.r.diag), "bad.md:3:1: warning"));
	/* the block is kept as Markdown text (here "title: [oops" over "---"
	 * is a heading, the item's title): its words are in the document */
	const char *title = herald_node_title(bt_item(&t.r, 0));
	assert_non_null(title);
	assert_non_null(strstr(title, "oops"));
	bt_free(&t.r);

	t = timed_read("open.md", "---\ntitle: open\n\nBody text.\n", 26);
	assert_int_equal(t.r.rc, HERALD_OK);
	assert_non_null(strstr(herald_diag_text(t.r.diag), "never closed"));
	bt_free(&t.r);
}

static void test_reader_cr_only(void **state)
{
	const char *cr = "---\rtitle: CR only\r---\rFirst line.\rSecond line."
	                 "\rThird line.\rFourth line.\r";
	timed t = timed_read("cr.md", cr, strlen(cr));

	(void)state;
	assert_int_equal(t.r.rc, HERALD_OK);
	assert_string_equal(meta(&t.r, HERALD_META_TITLE), "CR only");
	assert_int_equal(bt_count(bt_item(&t.r, 0), HERALD_NODE_PARAGRAPH), 4);
	bt_free(&t.r);
}

/* Linear time: doubling a hostile input at most roughly doubles the
 * time (best of three runs, on inputs big enough to measure). */
static double best_of_three(const char *name, const char *data, size_t size)
{
	double best = 1e9;

	for (int i = 0; i < 3; i++) {
		timed t = timed_read(name, data, size);
		assert_int_equal(t.r.rc, HERALD_OK);
		if (t.seconds < best)
			best = t.seconds;
		bt_free(&t.r);
	}
	return best;
}

static void test_reader_hostile_growth(void **state)
{
	static const struct { const char *name, *head, *unit; } cases[] = {
		{ "end.md", "---\ntitle: t\n---\n", "END 3:30 P.M. EST\n\n" },
		{ "turns.txt", "", "Q    A question?\n\nMS. LIND:  An answer.\n\n" },
		{ "times.md", "", "10:51 A.M. EDT\n\n" },
		{ "heads.md", "", "# t\n\n## h\n\ntext\n\n" },
		{ "labels.md", "", "MODERATOR: x\n\n" },
		{ "lines.txt", "", "One sentence here.\nAnother one there.\n" },
	};

	(void)state;
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		size_t n1, n2;
		char *a = filled(cases[c].head, cases[c].unit, 20000, "", &n1);
		char *b = filled(cases[c].head, cases[c].unit, 40000, "", &n2);
		double t1 = best_of_three(cases[c].name, a, n1);
		double t2 = best_of_three(cases[c].name, b, n2);
		if (t2 > 0.2 && t2 > 4 * t1)
			fail_msg("%s: %.3f s for 20000, %.3f s for 40000: not linear",
			         cases[c].name, t1, t2);
		free(a);
		free(b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_syntax_option),
		cmocka_unit_test(test_reader_warns_of_html),
		cmocka_unit_test(test_reader_markdown_items),
		cmocka_unit_test(test_reader_markdown_heading_attributes),
		cmocka_unit_test(test_reader_markdown_html),
		cmocka_unit_test(test_reader_markdown_contents),
		cmocka_unit_test(test_reader_markdown_lines),
		cmocka_unit_test(test_reader_front_matter_and_printed_date),
		cmocka_unit_test(test_reader_toml_front_matter),
		cmocka_unit_test(test_reader_date_from_file_name),
		cmocka_unit_test(test_reader_speech_is_no_interview),
		cmocka_unit_test(test_reader_captions_are_tagged_paragraphs),
		cmocka_unit_test(test_reader_title_case_interview),
		cmocka_unit_test(test_reader_one_person_many_spellings),
		cmocka_unit_test(test_reader_labels_in_languages),
		cmocka_unit_test(test_reader_name_shapes_in_news_stay_paragraphs),
		cmocka_unit_test(test_reader_dashed_interviews),
		cmocka_unit_test(test_reader_many_turns),
		cmocka_unit_test(test_reader_statement_end_mark),
		cmocka_unit_test(test_reader_layout_option),
		cmocka_unit_test(test_reader_indent_act),
		cmocka_unit_test(test_reader_item_per_line),
		cmocka_unit_test(test_reader_plain_bullets),
		cmocka_unit_test(test_reader_hostile_heading),
		cmocka_unit_test(test_reader_hostile_lists_and_nesting),
		cmocka_unit_test(test_reader_hostile_front_matter),
		cmocka_unit_test(test_reader_cr_only),
		cmocka_unit_test(test_reader_hostile_growth),
	};

	return cmocka_run_group_tests_name("bulletin reader", tests, bt_setup,
	                                   bt_teardown);
}
