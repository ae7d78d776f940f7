/* test_html.c - the html writer: every output parses with libxml2's HTML
 * parser without errors, has the structure the model asks for, keeps
 * every word of the model, and matches the golden files. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

#include "support.h"

/* libxml2 2.9's HTML parser knows HTML 4 only: it calls an HTML5
 * element "invalid" while parsing it correctly.  Those, and only those,
 * are not errors here. */
static const char *const html5_elements[] = {
	"article", "section", "header", "footer", "figure", "figcaption",
	"time", NULL
};

typedef struct parse_errors {
	char text[2048];
	int count;
} parse_errors;

static void collect_error(void *data, xmlErrorPtr err)
{
	parse_errors *errors = data;
	size_t used = strlen(errors->text);

	if (err->code == XML_HTML_UNKNOWN_TAG && err->str1 != NULL)
		for (size_t i = 0; html5_elements[i] != NULL; i++)
			if (strcmp(err->str1, html5_elements[i]) == 0)
				return;
	errors->count++;
	snprintf(errors->text + used, sizeof errors->text - used,
	         "line %d: %s", err->line, err->message ? err->message : "?");
}

static htmlDocPtr parse_html(const char *html, const char *what)
{
	parse_errors errors = { .count = 0 };
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	htmlDocPtr doc;

	assert_non_null(ctxt);
	xmlSetStructuredErrorFunc(&errors, collect_error);
	doc = htmlCtxtReadMemory(ctxt, html, (int)strlen(html), NULL, "UTF-8",
	                         HTML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	htmlFreeParserCtxt(ctxt);
	assert_non_null(doc);
	if (errors.count > 0)
		fail_msg("%s: %d HTML parse error(s): %s", what, errors.count,
		         errors.text);
	return doc;
}

static char *text_of(htmlDocPtr doc, const char *fmt, const char *arg)
{
	char xpath[1024];
	xmlXPathObjectPtr res;
	char *s;

	snprintf(xpath, sizeof xpath, fmt, arg);
	res = mt_query(doc, "%s", xpath);
	if (res->nodesetval == NULL || res->nodesetval->nodeNr == 0)
		fail_msg("nothing at %s", xpath);
	xmlChar *c = xmlNodeGetContent(res->nodesetval->nodeTab[0]);
	s = strdup((const char *)c);
	xmlFree(c);
	xmlXPathFreeObject(res);
	return s;
}

/* Labels the writer adds around the model's words. */
static int is_label(xmlNodePtr el)
{
	static const char *const classes[] = {
		"badge", "speaker", "byline", "tags", "time", NULL
	};
	char *cls = mt_attr(el, "class");
	int skip = 0;

	for (size_t i = 0; classes[i] != NULL && !skip; i++) {
		size_t n = strlen(classes[i]);
		for (char *p = cls; (p = strstr(p, classes[i])) != NULL; p += n)
			if ((p == cls || p[-1] == ' ') &&
			    (p[n] == '\0' || p[n] == ' '))
				skip = 1;
	}
	free(cls);
	return skip || xmlStrcmp(el->name, BAD_CAST "head") == 0;
}

static void check_words(const herald_doc *model, htmlDocPtr doc,
                        const char *what)
{
	static const char *const inlines[] = {
		"em", "a", "span", "time", "cite", "b", NULL
	};
	xmlXPathObjectPtr res = mt_query(doc, "//article");
	char *expected = mt_model_text(model), *actual;

	assert_int_equal(res->nodesetval->nodeNr, 1);
	actual = mt_markup_text(res->nodesetval->nodeTab[0], inlines, is_label);
	mt_assert_same_words(expected, actual, what);
	free(expected);
	free(actual);
	xmlXPathFreeObject(res);
}

static void check_unique_ids(htmlDocPtr doc, const char *what)
{
	xmlXPathObjectPtr res = mt_query(doc, "//@id");
	int n = res->nodesetval ? res->nodesetval->nodeNr : 0;
	xmlHashTablePtr seen = xmlHashCreate(n + 1);

	for (int i = 0; i < n; i++) {
		xmlChar *id = xmlNodeGetContent(res->nodesetval->nodeTab[i]);
		if (xmlHashAddEntry(seen, id, seen) != 0)
			fail_msg("%s: id \"%s\" is used twice", what, id);
		xmlFree(id);
	}
	xmlHashFree(seen, NULL);
	xmlXPathFreeObject(res);
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Every block and sentence of the model is where it should be. */
static void check_node(htmlDocPtr doc, const herald_node *node,
                       const char *what)
{
	const char *id = herald_node_id(node);
	const char *title = herald_node_title(node);
	char *s;

	switch (herald_node_type_of(node)) {
	case HERALD_NODE_ITEM:
		if (mt_count(doc, "//section[@id='%s'][contains(@class,'item')]",
		          id) != 1)
			fail_msg("%s: no section for item %s", what, id);
		if (title != NULL) {
			s = text_of(doc, "//section[@id='%s']/h2", id);
			if (!starts_with(s, title))
				fail_msg("%s: h2 of %s is \"%s\"", what, id, s);
			free(s);
		} else {
			assert_int_equal(mt_count(doc, "//section[@id='%s']/h2", id), 0);
			assert_int_equal(mt_count(doc, "//section[@id='%s']"
			                       "[@aria-label]", id), 1);
		}
		if (herald_node_has_tag(node, "video"))
			assert_int_equal(mt_count(doc, "//section[@id='%s']//"
			                       "span[@class='badge'][.='video']",
			                       id), 1);
		else
			assert_int_equal(mt_count(doc, "//section[@id='%s']//"
			                       "span[@class='badge']", id), 0);
		break;
	case HERALD_NODE_QUOTE:
		assert_int_equal(mt_count(doc, "//*[@id='%s']//blockquote", id), 1);
		if (herald_node_speaker(node) != NULL) {
			s = text_of(doc, "//*[@id='%s']//figcaption/cite", id);
			assert_string_equal(s, herald_node_speaker(node));
			free(s);
		}
		if (herald_node_type_of(herald_node_parent(node)) ==
		    HERALD_NODE_DOCUMENT)
			assert_int_equal(mt_count(doc, "//section[@id='%s']"
			                       "[@class='epigraph']", id), 1);
		break;
	case HERALD_NODE_PARAGRAPH:
		assert_int_equal(mt_count(doc, "//p[@id='%s']", id), 1);
		assert_int_equal(mt_count(doc, "//p[@id='%s'][@class='caption']",
		                          id),
		                 herald_node_has_tag(node, "caption") ? 1 : 0);
		break;
	case HERALD_NODE_TURN:
		assert_int_equal(mt_count(doc, "//p[@id='%s'][starts-with(@class,"
		                       "'turn')]", id), 1);
		if (herald_node_role(node) != HERALD_SPEAKER_UNKNOWN ||
		    herald_node_speaker(node) != NULL)
			assert_int_equal(mt_count(doc, "//p[@id='%s']/b[@class="
			                       "'speaker']", id), 1);
		if (herald_node_label(node) != NULL) {
			/* the label as printed, the person beside it */
			s = text_of(doc, "//p[@id='%s']/b", id);
			assert_string_equal(s, herald_node_label(node));
			free(s);
			if (herald_node_speaker(node) != NULL) {
				s = text_of(doc, "//p[@id='%s']/b/@data-person", id);
				assert_string_equal(s, herald_node_speaker(node));
				free(s);
			}
		} else if (herald_node_speaker(node) != NULL) {
			s = text_of(doc, "//p[@id='%s']/b", id);
			assert_string_equal(s, herald_node_speaker(node));
			free(s);
			assert_int_equal(mt_count(doc, "//p[@id='%s']/b[@data-person]",
			                          id), 0);
		}
		break;
	case HERALD_NODE_SENTENCE:
		assert_int_equal(mt_count(doc, "//span[@id='%s'][@class='s']", id),
		                 1);
		break;
	case HERALD_NODE_HEADING:
		/* the rank depends on the headings before (none skipped) */
		if (mt_count(doc, "//*[self::h3 or self::h4 or self::h5 or self::h6]"
		             "[@id='%s']", id) != 1)
			fail_msg("%s: no h3..h6 for heading %s", what, id);
		break;
	case HERALD_NODE_LIST:
		if (herald_node_list_type(node) == HERALD_LIST_ORDERED) {
			unsigned long start = herald_node_list_start(node);
			if (start == 1)
				assert_int_equal(mt_count(doc, "//ol[@id='%s']"
				                       "[not(@start)]", id), 1);
			else
				assert_int_equal(mt_count(doc, "//ol[@id='%s']"
				                       "[@start='%lu']", id, start), 1);
		} else {
			assert_int_equal(mt_count(doc, "//ul[@id='%s']", id), 1);
		}
		break;
	case HERALD_NODE_LIST_ITEM:
		assert_int_equal(mt_count(doc, "//ul/li[@id='%s'] | "
		                       "//ol/li[@id='%s']", id, id), 1);
		break;
	default:
		break;
	}
	if (herald_node_type_of(node) == HERALD_NODE_ITEM &&
	    herald_node_lang(node) != NULL)
		assert_int_equal(mt_count(doc, "//section[@id='%s'][@lang='%s']",
		                       id, herald_node_lang(node)), 1);
}

static void check_structure(const herald_doc *model, htmlDocPtr doc,
                            const char *what)
{
	const char *date = herald_doc_meta(model, HERALD_META_DATE);
	const char *title = herald_doc_meta(model, HERALD_META_TITLE);
	const char *dateline = herald_doc_meta(model, HERALD_META_DATELINE);
	herald_walker w;
	int items = 0;

	assert_int_equal(mt_count(doc, "//article"), 1);
	assert_int_equal(mt_count(doc, "//script"), 0);
	/* the date once: the h1 when the title is the date line (or there
	 * is no title), else a line of its own */
	if (date != NULL && (!title || (dateline && strcmp(title, dateline) == 0)))
		assert_int_equal(mt_count(doc, "//article/header/h1/time"
		                       "[@datetime='%s']", date), 1);
	else if (date != NULL)
		assert_int_equal(mt_count(doc, "//article/header/p[@class='dateline']"
		                       "/time[@datetime='%s']", date), 1);
	herald_walker_init(&w, herald_doc_root(model));
	while (herald_walker_next(&w) != HERALD_WALK_DONE)
		if (w.event == HERALD_WALK_ENTER) {
			check_node(doc, w.node, what);
			items += herald_node_type_of(w.node) == HERALD_NODE_ITEM;
		}
	assert_int_equal(mt_count(doc, "//section[contains(@class,'item')]"),
	                 items);
	if (herald_doc_meta(model, HERALD_META_AUTHOR) != NULL)
		assert_int_equal(mt_count(doc, "//article[@itemscope]/meta"
		                       "[@itemprop='author'][@content='%s']",
		                       herald_doc_meta(model, HERALD_META_AUTHOR)), 1);
	if (herald_doc_meta(model, HERALD_META_TIME) != NULL)
		assert_int_equal(mt_count(doc, "//article/header/p[@class='time']"),
		                 1);
	check_unique_ids(doc, what);
}

static void check_page(const char *html, const char *lang)
{
	htmlDocPtr doc;

	assert_true(starts_with(html, "<!DOCTYPE html>\n<html"));
	doc = parse_html(html, "page");
	if (lang != NULL)
		assert_int_equal(mt_count(doc, "/html[@lang='%s']", lang), 1);
	assert_int_equal(mt_count(doc, "/html/head/meta[@charset='utf-8']"), 1);
	assert_int_equal(mt_count(doc, "/html/head/title[string-length(.)>0]"),
	                 1);
	assert_int_equal(mt_count(doc, "/html/head/style"), 1);
	assert_int_equal(mt_count(doc, "/html/body/article"), 1);
	xmlFreeDoc(doc);
}

/* Both forms of one model: structure, words, and the page around it. */
static void check_model(const herald_doc *model, const char *name)
{
	char *fragment = mt_render(model, "html", NULL);
	char *page = mt_render(model, "html:standalone=true", NULL);
	char file[256];
	htmlDocPtr doc;

	snprintf(file, sizeof file, "%s.fragment.html", name);
	mt_export(file, fragment);
	snprintf(file, sizeof file, "%s.html", name);
	mt_export(file, page);
	assert_false(starts_with(fragment, "<!DOCTYPE"));
	assert_true(starts_with(fragment, "<article"));
	doc = parse_html(fragment, name);
	check_structure(model, doc, name);
	check_words(model, doc, name);
	xmlFreeDoc(doc);
	doc = parse_html(page, name);
	check_structure(model, doc, name);
	check_words(model, doc, name);
	xmlFreeDoc(doc);
	check_page(page, herald_doc_meta(model, HERALD_META_LANGUAGE));
	free(fragment);
	free(page);
}

/* --- the tests ---------------------------------------------------------- */

static void test_html_c_documents(void **state)
{
	mt_each_c_doc(check_model);
}

static void test_html_same_output_every_run(void **state)
{
	mt_check_same_every_run("html:standalone=true");
}

static void test_html_fragment_by_default(void **state)
{
	herald_doc *doc = mt_doc_full(0);
	char *html = mt_render(doc, "html", NULL);

	assert_null(strstr(html, "<html"));
	assert_null(strstr(html, "<style"));
	assert_non_null(strstr(html, "<article class=\"bulletin\" lang=\"en\">"));
	assert_non_null(strstr(html, "<time datetime=\"2020-10-09\">"
	                       "9 October 2020</time>"));
	free(html);
	herald_doc_free(doc);
}

/* The new nodes and metadata, as written: lists with their numbering,
 * headings below the item's h2, the time, author and URL, an item's own
 * language and its labels from that language's pack, and Chinese text
 * whose hard wrap is not a space. */
static void test_html_lists_headings_meta(void **state)
{
	herald_doc *doc = mt_doc_rich(0);
	char *html = mt_render(doc, "html", NULL);
	char *page = mt_render(doc, "html:standalone=true", NULL);
	static const char *const want[] = {
		"<h3 id=\"i1.h1\">When it opens</h3>",
		"<h4 id=\"i1.h2\">Who pays</h4>",
		"<h5 id=\"i1.h3\">Far down</h5>",     /* level 7: h6, but h4 came before */
		"<ol id=\"i1.l1\" start=\"3\">",
		"<li id=\"i1.l1.e2\">",
		"<ul id=\"i1.l1.e2.l1\">",
		"<ul id=\"i1.l2\">\n</ul>",
		"<ul id=\"l1\">",
		"<h3 id=\"h1\">Notes</h3>",
		"<p class=\"time\"><time datetime=\"22:51\">10:51 P.M. EDT</time></p>",
		"itemscope=\"\" itemtype=\"https://schema.org/NewsArticle\"",
		"<meta itemprop=\"author\" content=\"Desk &amp; &lt;Staff&gt;\">",
		"<link itemprop=\"url\" href=\"https://example.org/news/9%20october?a=1&amp;b=2\">",
		"<section class=\"item interview\" id=\"i2\" lang=\"de\">",
		"<b class=\"speaker\">Interviewer</b>",
		"<b class=\"speaker\">Befragte Person</b>",
		"<section class=\"item news\" id=\"i3\" lang=\"zh\">",
		"\xE5\xB8\x82\xE6\x94\xBF\xE5\xBA\x9C\xE4\xBB\x8A\xE5\xA4\xA9",
	};

	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (strstr(html, want[i]) == NULL)
			fail_msg("html lacks %s:\n%s", want[i], html);
	assert_non_null(strstr(page, "<meta name=\"author\" content=\"Desk "
	                       "&amp; &lt;Staff&gt;\">"));
	assert_non_null(strstr(page, "<link rel=\"canonical\" href=\"https://"
	                       "example.org/news/9%20october?a=1&amp;b=2\">"));
	free(page);
	free(html);
	/* an unsafe document URL is left out, with a warning */
	herald_doc_set_meta(doc, HERALD_META_URL, "javascript:alert(1)");
	size_t warnings = 0;
	html = mt_render(doc, "html", &warnings);
	assert_null(strstr(html, "javascript"));
	assert_true(warnings >= 1);
	free(html);
	herald_doc_free(doc);
}

/* Labels come from the document's language pack, per key. */
static void test_html_labels_follow_the_language(void **state)
{
	herald_doc *doc = mt_doc_full(0);
	char *html;

	herald_doc_set_meta(doc, HERALD_META_LANGUAGE, "fr");
	html = mt_render(doc, "html", NULL);
	assert_non_null(strstr(html, "<span class=\"label\">Entretien avec</span>"));
	assert_non_null(strstr(html, "<b class=\"speaker\">Intervieweur</b>"));
	assert_non_null(strstr(html, "aria-label=\"D\xC3\xA9" "claration\""));
	free(html);
	/* a language without a pack: the generic (English) labels */
	herald_doc_set_meta(doc, HERALD_META_LANGUAGE, "xx");
	html = mt_render(doc, "html", NULL);
	assert_non_null(strstr(html, "<span class=\"label\">Interview with</span>"));
	free(html);
	herald_doc_free(doc);
}

/* The writer walks the tree without recursion and keeps its open
 * elements on a heap stack: deep nesting is rendered whole, not a
 * crash. */
static void test_html_deep_nesting(void **state)
{
	mt_check_deep("html", "em");
}

/* Every kind of character at every offset within the writer's 16-byte
 * scan: what is kept, what becomes U+FFFD, what a reference. */
static void test_html_characters(void **state)
{
	mt_check_characters("html", "\"");
}

/* Text that looks like markup is text; characters HTML forbids become
 * U+FFFD with a warning; an unsafe link keeps its words, not its target;
 * a bad date or language is left out rather than written invalid. */
static void test_html_hostile_model(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *it = herald_node_new(doc, HERALD_NODE_ITEM);
	herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	herald_node *link = herald_node_new(doc, HERALD_NODE_LINK);
	const char *evil = "</p><script>alert(1)</script>&amp;]]>\x01\x7f"
	                   "\xc2\x85 \xef\xb7\x90 \xef\xbf\xbe";
	size_t warnings = 0;
	char *html;
	htmlDocPtr parsed;

	herald_doc_set_meta(doc, HERALD_META_DATE, "2020-02-30");
	herald_doc_set_meta(doc, HERALD_META_TITLE, "<b>title</b>");
	herald_doc_set_meta(doc, HERALD_META_LANGUAGE, "not a language");
	herald_node_set_title(it, "<h1>\"quoted\" & 'single'</h1>");
	herald_node_add_tag(it, "<video>");
	herald_node_append_child(herald_doc_root(doc), it);
	herald_node_append_child(it, p);
	herald_node_append_child(p, herald_node_new_text(doc, evil,
	                                                 strlen(evil)));
	herald_node_set_url(link, "javascript:alert(1)");
	herald_node_append_child(link, herald_node_new_text(doc, "click", 5));
	herald_node_append_child(p, link);

	html = mt_render(doc, "html:standalone=true", &warnings);
	assert_true(warnings >= 3);
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "javascript:"));
	assert_null(strstr(html, "\x01"));
	assert_non_null(strstr(html, "&lt;/p&gt;&lt;script&gt;alert(1)"
	                       "&lt;/script&gt;&amp;amp;]]&gt;"));
	assert_null(strstr(html, "datetime="));
	assert_null(strstr(html, "lang="));
	parsed = parse_html(html, "hostile model");
	assert_int_equal(mt_count(parsed, "//script"), 0);
	/* (the item's permalink is the only link left) */
	assert_int_equal(mt_count(parsed, "//a[@href][not(@class='permalink')]"), 0);
	assert_int_equal(mt_count(parsed, "//a[.='click']"), 1);
	assert_int_equal(mt_count(parsed, "//span[@class='badge']"
	                       "[.='<video>']"), 1);
	assert_int_equal(mt_count(parsed, "//h1[.='<b>title</b>']"), 1);
	xmlFreeDoc(parsed);
	mt_export("c-hostile.html", html);
	free(html);
	herald_doc_free(doc);
}

static herald_node *labelled_turn(herald_doc *doc, herald_node *item,
                                  herald_speaker_role role, const char *label,
                                  const char *person, const char *words)
{
	herald_node *turn = herald_node_new(doc, HERALD_NODE_TURN);

	assert_non_null(turn);
	assert_int_equal(herald_node_append_child(item, turn), HERALD_OK);
	herald_node_set_role(turn, role);
	if (label != NULL)
		assert_int_equal(herald_node_set_label(turn, label), HERALD_OK);
	if (person != NULL)
		assert_int_equal(herald_node_set_speaker(turn, person), HERALD_OK);
	assert_int_equal(herald_node_append_child(turn,
	                 herald_node_new_text(doc, words, strlen(words))),
	                 HERALD_OK);
	return turn;
}

/* A turn shows its label as the source printed it, with the person it
 * names in data-person (escaped like any attribute); a turn without a
 * label shows the person, or its role's word, as before.  A paragraph
 * tagged "caption" is a <p class="caption">, styled on a page. */
static void test_html_turn_labels_and_captions(void **state)
{
	herald_doc *doc = herald_doc_new();
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
	herald_node *caption = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	char *html, *page;
	static const char *const want[] = {
		"<p class=\"caption\" id=\"i1.p1\">Jen Psaki at the podium, "
		"1 April 2021.</p>",
		"<p class=\"turn interviewee\" id=\"i1.t1\"><b class=\"speaker\" "
		"data-person=\"Jen Psaki\">MS. PSAKI</b> Good afternoon.</p>",
		"<p class=\"turn interviewer\" id=\"i1.t2\"><b class=\"speaker\">"
		"Q</b> Thank you.</p>",
		"<b class=\"speaker\" data-person=\"Jo &quot;JJ&quot; Doe &amp; "
		"&lt;Co&gt;\">MR. &lt;DOE&gt; &amp; CO</b> Yes.",
		"<p class=\"turn\" id=\"i1.t4\"><b class=\"speaker\">Ana Ruiz</b> "
		"No label.</p>",
	};

	(void)state;
	herald_doc_set_meta(doc, HERALD_META_LANGUAGE, "en");
	herald_doc_set_meta(doc, HERALD_META_DATE, "2021-04-01");
	herald_doc_set_meta(doc, HERALD_META_TITLE, "1 April 2021");
	herald_doc_set_meta(doc, HERALD_META_DATELINE, "1 April 2021");
	herald_node_set_item_kind(item, HERALD_ITEM_INTERVIEW);
	herald_node_set_title(item, "Press briefing");
	assert_int_equal(herald_node_append_child(herald_doc_root(doc), item),
	                 HERALD_OK);
	assert_int_equal(herald_node_append_child(item, caption), HERALD_OK);
	assert_int_equal(herald_node_add_tag(caption, "caption"), HERALD_OK);
	assert_int_equal(herald_node_append_child(caption,
	                 herald_node_new_text(doc, "Jen Psaki at the podium, "
	                                      "1 April 2021.", 38)), HERALD_OK);
	labelled_turn(doc, item, HERALD_SPEAKER_INTERVIEWEE, "MS. PSAKI",
	              "Jen Psaki", "Good afternoon.");
	labelled_turn(doc, item, HERALD_SPEAKER_INTERVIEWER, "Q", NULL,
	              "Thank you.");
	labelled_turn(doc, item, HERALD_SPEAKER_INTERVIEWEE, "MR. <DOE> & CO",
	              "Jo \"JJ\" Doe & <Co>", "Yes.");
	labelled_turn(doc, item, HERALD_SPEAKER_UNKNOWN, NULL, "Ana Ruiz",
	              "No label.");
	check_model(doc, "c-labels");
	html = mt_render(doc, "html", NULL);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (strstr(html, want[i]) == NULL)
			fail_msg("html lacks %s:\n%s", want[i], html);
	page = mt_render(doc, "html:standalone=true", NULL);
	assert_non_null(strstr(page, ".caption {"));
	free(page);
	free(html);
	herald_doc_free(doc);
}

/* Each example bulletin and the hostile fixture, read by the bulletin
 * reader, with and without sentences; fragments are golden. */
static void test_html_bulletins(void **state)
{
	mt_each_bulletin(check_model, "html", "html");
}

/* The real bulletin: structure and words only, never its text; and
 * what its README says it holds: 16 items (one untitled), 5 videos. */
static void check_real(const herald_doc *model, const char *name)
{
	char *fragment = mt_render(model, "html", NULL);
	htmlDocPtr doc = parse_html(fragment, name);

	check_model(model, name);
	assert_int_equal(mt_count(doc, "//section[contains(@class,'item')]"), 16);
	assert_int_equal(mt_count(doc, "//section[contains(@class,'item')]"
	                       "[not(h2)]"), 1);
	assert_int_equal(mt_count(doc, "//section/h2/span[@class='badge']"), 5);
	assert_int_equal(mt_count(doc, "//section[@class='epigraph']//figcaption"
	                       "/cite"), 1);
	xmlFreeDoc(doc);
	free(fragment);
}

static void test_html_real_sample(void **state)
{
	mt_real_sample(check_real);
}

/* --- growth: what a libxml2 tree made quadratic ------------------------- */

/* n paragraphs, each with its own id, in the innermost of DEPTH nested
 * lists: their ids share a long prefix ("l1.e1.l1.e1...."), which makes
 * each comparison in a crowded hash chain dear, so a quadratic path
 * shows at a size the test can afford. */
#define DEPTH 24

static double time_ids(size_t n)
{
	herald_doc *doc = herald_doc_new();
	herald_node *at;
	char *out, *last;
	double t;

	assert_non_null(doc);
	at = herald_doc_root(doc);
	for (int i = 0; i < DEPTH; i++) {
		herald_node *list = herald_node_new(doc, HERALD_NODE_LIST);
		herald_node *entry = herald_node_new(doc, HERALD_NODE_LIST_ITEM);
		assert_int_equal(herald_node_append_child(at, list), HERALD_OK);
		assert_int_equal(herald_node_append_child(list, entry), HERALD_OK);
		at = entry;
	}
	for (size_t i = 0; i < n; i++) {
		herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
		assert_int_equal(herald_node_append_child(at, p), HERALD_OK);
		assert_int_equal(herald_node_append_child(p,
		                 herald_node_new_text(doc, "Text.", 5)), HERALD_OK);
	}
	t = mt_cpu_seconds();
	out = mt_render(doc, "html:standalone=true", NULL);
	t = mt_cpu_seconds() - t;
	/* every id is there, once (the lists' and entries' too), and the
	 * last paragraph's is right */
	assert_int_equal(mt_occurrences(out, " id=\""), n + 2 * DEPTH);
	last = malloc(strlen(herald_node_id(at)) + 64);
	assert_non_null(last);
	sprintf(last, "<p id=\"%s.p%zu\">Text.</p>", herald_node_id(at), n);
	assert_non_null(strstr(out, last));
	free(last);
	free(out);
	herald_doc_free(doc);
	return t;
}

static void test_html_ids_linear(void **state)
{
	(void)state;
	mt_check_linear("html, paragraphs with ids", time_ids, 100000);
}

#define WORD "a word of forty bytes, give or take. "

/* One paragraph of n TEXT inlines side by side. */
static double time_texts(size_t n)
{
	herald_doc *doc = herald_doc_new();
	herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
	size_t len = strlen(WORD);
	const char *at;
	double t;
	char *out;

	assert_non_null(p);
	assert_int_equal(herald_node_append_child(herald_doc_root(doc), p),
	                 HERALD_OK);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(herald_node_append_child(p,
		                 herald_node_new_text(doc, WORD, len)), HERALD_OK);
	t = mt_cpu_seconds();
	out = mt_render(doc, "html", NULL);
	t = mt_cpu_seconds() - t;
	/* the text is all there, in one piece, in the one paragraph */
	at = strstr(out, "<p id=\"p1\">");
	assert_non_null(at);
	at += strlen("<p id=\"p1\">");
	for (size_t i = 0; i < n; i++, at += len)
		if (strncmp(at, WORD, len) != 0)
			fail_msg("text %zu of %zu is not intact", i + 1, n);
	assert_memory_equal(at, "</p>", 4);
	assert_int_equal(mt_occurrences(out, "<p"), 1);
	free(out);
	herald_doc_free(doc);
	return t;
}

static void test_html_adjacent_texts_linear(void **state)
{
	(void)state;
	mt_check_linear("html, adjacent text inlines", time_texts, 100000);
}

static void test_html_full_disk(void **state)
{
	(void)state;
	mt_check_full_disk("html");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_c_documents),
		cmocka_unit_test(test_html_full_disk),
		cmocka_unit_test(test_html_same_output_every_run),
		cmocka_unit_test(test_html_fragment_by_default),
		cmocka_unit_test(test_html_hostile_model),
		cmocka_unit_test(test_html_lists_headings_meta),
		cmocka_unit_test(test_html_labels_follow_the_language),
		cmocka_unit_test(test_html_turn_labels_and_captions),
		cmocka_unit_test(test_html_deep_nesting),
		cmocka_unit_test(test_html_characters),
		cmocka_unit_test(test_html_bulletins),
		cmocka_unit_test(test_html_real_sample),
		cmocka_unit_test(test_html_ids_linear),
		cmocka_unit_test(test_html_adjacent_texts_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
