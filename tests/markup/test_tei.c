/* test_tei.c - the tei writer: every output is well-formed XML, valid
 * against TEI P5 tei_all.rng (compiled once for this whole program: it
 * takes seconds), has the structure the model asks for, keeps every word
 * of the model, and matches the golden files.
 *
 * Without ../shared (as under make distcheck) the schema is absent: the
 * validation is skipped, the other checks still run. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "support.h"

#define TEI_NS "http://www.tei-c.org/ns/1.0"
#define TEI_ALL_URL \
	"https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
#define RELAXNG_NS "http://relaxng.org/ns/structure/1.0"

static xmlRelaxNGPtr schema;        /* NULL: no ../shared, no validation */
static int validated;               /* documents checked against it */

static int compile_schema(void **state)
{
	char *path = mt_shared_path("schemas/tei_all.rng");
	xmlRelaxNGParserCtxtPtr ctxt;

	if (path == NULL) {
		fprintf(stderr, "# tei_all.rng not found: validation skipped\n");
		return 0;
	}
	ctxt = xmlRelaxNGNewParserCtxt(path);
	assert_non_null(ctxt);
	schema = xmlRelaxNGParse(ctxt);
	xmlRelaxNGFreeParserCtxt(ctxt);
	if (schema == NULL) {
		fprintf(stderr, "# cannot compile %s\n", path);
		free(path);
		return -1;
	}
	free(path);
	return 0;
}

static int free_schema(void **state)
{
	if (schema != NULL)
		xmlRelaxNGFree(schema);
	return 0;
}

static void validate(xmlDocPtr doc, const char *what)
{
	xmlRelaxNGValidCtxtPtr ctxt;
	int rc;

	if (schema == NULL)
		return;
	ctxt = xmlRelaxNGNewValidCtxt(schema);
	assert_non_null(ctxt);
	rc = xmlRelaxNGValidateDoc(ctxt, doc);
	xmlRelaxNGFreeValidCtxt(ctxt);
	if (rc != 0)
		fail_msg("%s is not valid TEI (see the messages above)", what);
	validated++;
}

static xmlDocPtr parse_xml(const char *xml, const char *what)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), what, NULL,
	                              XML_PARSE_NONET);

	if (doc == NULL)
		fail_msg("%s is not well-formed XML", what);
	return doc;
}

static void expect(xmlDocPtr doc, int n, const char *what, const char *fmt,
                   const char *arg)
{
	char xpath[1024];

	snprintf(xpath, sizeof xpath, fmt, arg, arg);
	if (mt_count(doc, "%s", xpath) != n)
		fail_msg("%s: expected %d of %s, found %d", what, n, xpath,
		         mt_count(doc, "%s", xpath));
}

/* Names the writer adds around the model's words. */
static int is_label(xmlNodePtr el)
{
	return xmlStrcmp(el->name, BAD_CAST "speaker") == 0 ||
	       xmlStrcmp(el->name, BAD_CAST "byline") == 0;
}

static void check_words(const herald_doc *model, xmlDocPtr doc,
                        const char *what)
{
	static const char *const inlines[] = { "emph", "ref", "s", NULL };
	xmlXPathObjectPtr res = mt_query(doc, "/t:TEI/t:text");
	char *expected = mt_model_text(model), *actual;

	assert_int_equal(res->nodesetval->nodeNr, 1);
	actual = mt_markup_text(res->nodesetval->nodeTab[0], inlines, is_label);
	mt_assert_same_words(expected, actual, what);
	free(expected);
	free(actual);
	xmlXPathFreeObject(res);
}

static void check_header(const herald_doc *model, xmlDocPtr doc,
                         const char *publisher, const char *what)
{
	const char *lang = herald_doc_meta(model, HERALD_META_LANGUAGE);
	const char *date = herald_doc_meta(model, HERALD_META_DATE);
	const char *source = herald_doc_meta(model, HERALD_META_SOURCE);
	const char *h = "/t:TEI/t:teiHeader/t:fileDesc";

	assert_int_equal(mt_count(doc, "%s/t:titleStmt/t:title[string-length(.)"
	                       ">0]", h), 1);
	assert_int_equal(mt_count(doc, "%s/t:publicationStmt/t:publisher"
	                       "[.='%s']", h, publisher), 1);
	if (source != NULL)
		expect(doc, 1, what, "//t:sourceDesc//t:idno[.='%s']", source);
	if (lang != NULL)
		expect(doc, 1, what, "/t:TEI[@xml:lang='%s']", lang);
	if (date != NULL)
		expect(doc, 1, what, "//t:sourceDesc//t:date[@when='%s']", date);
	if (herald_doc_meta(model, HERALD_META_AUTHOR) != NULL) {
		expect(doc, 1, what, "//t:titleStmt/t:author[.='%s']",
		       herald_doc_meta(model, HERALD_META_AUTHOR));
		expect(doc, 1, what, "//t:sourceDesc/t:bibl/t:author[.='%s']",
		       herald_doc_meta(model, HERALD_META_AUTHOR));
	}
	if (herald_doc_meta(model, HERALD_META_TIME) != NULL)
		expect(doc, 1, what, "//t:sourceDesc/t:bibl/t:time[.='%s']",
		       herald_doc_meta(model, HERALD_META_TIME));
	if (herald_doc_meta(model, HERALD_META_URL) != NULL)
		assert_int_equal(mt_count(doc, "//t:sourceDesc/t:bibl/t:ptr"
		                       "[@target]"), 1);
	for (size_t i = 0; i < herald_doc_field_count(model); i++)
		expect(doc, 1, what, "//t:notesStmt/t:note[@type='field'][@n='%s']",
		       herald_doc_field_key(model, i));
}

/* Every block and sentence of the model is where it should be, with its
 * stable id; every @who points at somebody in the header. */
static void check_node(xmlDocPtr doc, const herald_node *node,
                       const char *what)
{
	const char *id = herald_node_id(node);

	switch (herald_node_type_of(node)) {
	case HERALD_NODE_ITEM:
		expect(doc, 1, what, "/t:TEI/t:text/t:body/t:div[@type='item']"
		       "[@xml:id='%s']", id);
		if (mt_count(doc, "//t:div[@xml:id='%s'][@subtype='%s']", id,
		          herald_item_kind_name(herald_node_item_kind(node))) != 1)
			fail_msg("%s: subtype of %s", what, id);
		if (herald_node_title(node) != NULL)
			expect(doc, 1, what, "//t:div[@xml:id='%s']/t:head", id);
		if (herald_node_has_tag(node, "video"))
			expect(doc, 1, what, "//t:div[@xml:id='%s'][contains("
			       "concat(' ',@rend,' '),' video ')]", id);
		break;
	case HERALD_NODE_QUOTE:
		if (herald_node_type_of(herald_node_parent(node)) ==
		    HERALD_NODE_DOCUMENT)
			expect(doc, 1, what, "//t:div[@type='epigraph']"
			       "[@xml:id='%s']/t:epigraph/t:cit/t:quote", id);
		else
			expect(doc, 1, what, "//t:cit[@xml:id='%s']/t:quote", id);
		if (herald_node_speaker(node) != NULL)
			expect(doc, 1, what, "//*[@xml:id='%s']//t:cit/t:bibl/"
			       "t:author | //t:cit[@xml:id='%s']/t:bibl/t:author",
			       id);
		break;
	case HERALD_NODE_PARAGRAPH:
		expect(doc, 1, what, "//t:p[@xml:id='%s']", id);
		break;
	case HERALD_NODE_TURN:
		expect(doc, 1, what, "//t:sp[@xml:id='%s']/t:p", id);
		if (herald_node_role(node) != HERALD_SPEAKER_UNKNOWN ||
		    herald_node_speaker(node) != NULL) {
			expect(doc, 1, what, "//t:sp[@xml:id='%s']/t:speaker", id);
			expect(doc, 1, what, "//t:sp[@xml:id='%s'][substring("
			       "@who,2) = //t:listPerson/t:person/@xml:id]", id);
		}
		break;
	case HERALD_NODE_SENTENCE:
		expect(doc, 1, what, "//t:s[@xml:id='%s']", id);
		break;
	case HERALD_NODE_HEADING:
		expect(doc, 1, what, "//t:div[@type='section']/t:head[@xml:id='%s']",
		       id);
		break;
	case HERALD_NODE_LIST:
		/* TEI has no empty list: one is left out */
		expect(doc, herald_node_first_child(node) ? 1 : 0, what,
		       "//t:list[@xml:id='%s']", id);
		if (herald_node_first_child(node) &&
		    herald_node_list_type(node) == HERALD_LIST_ORDERED)
			expect(doc, 1, what, "//t:list[@xml:id='%s'][@rend='numbered']",
			       id);
		break;
	case HERALD_NODE_LIST_ITEM:
		expect(doc, 1, what, "//t:list/t:item[@xml:id='%s']", id);
		break;
	default:
		break;
	}
	if (herald_node_type_of(node) == HERALD_NODE_ITEM &&
	    herald_node_lang(node) != NULL) {
		char xpath[256];
		snprintf(xpath, sizeof xpath, "//t:div[@xml:id='%%s'][@xml:lang='%s']",
		         herald_node_lang(node));
		expect(doc, 1, what, xpath, id);
	}
}

static void check_structure(const herald_doc *model, xmlDocPtr doc,
                            const char *what)
{
	herald_walker w;
	int items = 0;

	herald_walker_init(&w, herald_doc_root(model));
	while (herald_walker_next(&w) != HERALD_WALK_DONE)
		if (w.event == HERALD_WALK_ENTER) {
			check_node(doc, w.node, what);
			items += herald_node_type_of(w.node) == HERALD_NODE_ITEM;
		}
	assert_int_equal(mt_count(doc, "//t:div[@type='item']"), items);
	/* every @who resolves, no id is used twice */
	assert_int_equal(mt_count(doc, "//t:sp[@who][not(substring(@who,2) = "
	                       "//t:person/@xml:id)]"), 0);
	assert_int_equal(mt_count(doc, "//*[@xml:id = preceding::*/@xml:id or "
	                       "@xml:id = ancestor::*/@xml:id]"), 0);
}

/* One model, compact and pretty: valid, structured, every word kept. */
static void check_model(const herald_doc *model, const char *name)
{
	char *compact = mt_render(model, "tei", NULL);
	char *pretty = mt_render(model, "tei:pretty=true,publisher=Press "
	                         "& Co <x>", NULL);
	char file[256];
	xmlDocPtr doc;

	snprintf(file, sizeof file, "%s.xml", name);
	mt_export(file, pretty);
	doc = parse_xml(compact, name);
	validate(doc, name);
	check_header(model, doc, "herald", name);
	check_structure(model, doc, name);
	check_words(model, doc, name);
	xmlFreeDoc(doc);
	doc = parse_xml(pretty, name);
	validate(doc, name);
	check_header(model, doc, "Press & Co <x>", name);
	check_words(model, doc, name);
	xmlFreeDoc(doc);
	free(compact);
	free(pretty);
}

/* --- the tests ---------------------------------------------------------- */

/* Lists nested deep enough that their ids pass any fixed buffer: every
 * xml:id stays whole, so they stay unique, and the document valid. */
static void test_tei_deep_lists_keep_whole_ids(void **state)
{
	enum { DEPTH = 60 };
	herald_doc *doc = herald_doc_new();
	herald_node *list = herald_node_new(doc, HERALD_NODE_LIST), *e = NULL;
	char *xml;
	xmlDocPtr x;

	assert_int_equal(herald_node_append_child(herald_doc_root(doc), list), 0);
	for (int i = 0; i < DEPTH; i++) {
		herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
		e = herald_node_new(doc, HERALD_NODE_LIST_ITEM);
		assert_int_equal(herald_node_append_child(list, e), 0);
		assert_int_equal(herald_node_append_child(e, p), 0);
		assert_int_equal(herald_node_append_child(p,
			herald_node_new_text(doc, "level", 5)), 0);
		list = herald_node_new(doc, HERALD_NODE_LIST);
		assert_int_equal(herald_node_append_child(e, list), 0);
	}
	xml = mt_render(doc, "tei", NULL);
	x = parse_xml(xml, "deep lists");
	validate(x, "deep lists");
	assert_int_equal(mt_count(x, "//t:p[@xml:id='%s']",
	                          herald_node_id(herald_node_first_child(e))), 1);
	assert_int_equal(mt_count(x, "//*[@xml:id = preceding::*/@xml:id or "
	                          "@xml:id = ancestor::*/@xml:id]"), 0);
	xmlFreeDoc(x);
	free(xml);
	herald_doc_free(doc);
}

/* Headings open section divs up to the next heading of their rank, list
 * entries carry their numbers, the header holds the new metadata. */
static void test_tei_lists_headings_meta(void **state)
{
	herald_doc *doc = mt_doc_rich(0);
	char *xml = mt_render(doc, "tei", NULL);
	xmlDocPtr x = parse_xml(xml, "rich");
	const char *item = "/t:TEI/t:text/t:body/t:div[@xml:id='i1']";

	/* h1 holds the first list; h2 (level 2) sits inside it; the level-7
	 * heading inside that; "Back up" (level 1) is h1's sibling */
	assert_int_equal(mt_count(x, "%s/t:div[@type='section'][t:head[@xml:id="
	                          "'i1.h1']]/t:list[@xml:id='i1.l1']", item), 1);
	assert_int_equal(mt_count(x, "%s/t:div[t:head[@xml:id='i1.h1']]/t:div"
	                          "[t:head[@xml:id='i1.h2']]/t:div[t:head[@xml:id="
	                          "'i1.h3']]", item), 1);
	assert_int_equal(mt_count(x, "%s/t:div[@type='section'][t:head[@xml:id="
	                          "'i1.h4']]/t:p", item), 1);
	assert_int_equal(mt_count(x, "//t:item[@xml:id='i1.l1.e1'][@n='3']"), 1);
	assert_int_equal(mt_count(x, "//t:item[@xml:id='i1.l1.e2'][@n='4']"), 1);
	assert_int_equal(mt_count(x, "//t:list[@xml:id='i1.l1.e2.l1']"
	                          "[@rend='bulleted']/t:item[not(@n)]"), 1);
	assert_int_equal(mt_count(x, "//t:sourceDesc/t:bibl/t:time"
	                          "[@when='22:51:00']"), 1);
	assert_int_equal(mt_count(x, "//t:bibl/t:ptr[@target='https://"
	                          "example.org/news/9%%20october?a=1&b=2']"), 1);
	assert_int_equal(mt_count(x, "//t:note[@n='category'][.='city & port']"),
	                 1);
	assert_int_equal(mt_count(x, "//t:div[@xml:id='i2'][@xml:lang='de']"
	                          "//t:speaker[.='Befragte Person']"), 1);
	/* under the document: the list after the items is wrapped, the
	 * heading opens a section */
	assert_int_equal(mt_count(x, "/t:TEI/t:text/t:body/t:div[@type='text']"
	                          "/t:list[@xml:id='l1']"), 1);
	assert_int_equal(mt_count(x, "/t:TEI/t:text/t:body/t:div[@type="
	                          "'section'][t:head[@xml:id='h1']]/t:p"), 1);
	assert_non_null(strstr(xml, "\xE5\xB8\x82\xE6\x94\xBF\xE5\xBA\x9C"
	                       "\xE4\xBB\x8A"));
	xmlFreeDoc(x);
	free(xml);
	herald_doc_free(doc);
}

static void test_tei_c_documents(void **state)
{
	mt_each_c_doc(check_model);
}

static void test_tei_participants(void **state)
{
	herald_doc *model = mt_doc_full(0);
	char *xml = mt_render(model, "tei", NULL);
	xmlDocPtr doc = parse_xml(xml, "full");
	const char *lp = "/t:TEI/t:teiHeader/t:profileDesc/t:particDesc/"
	                 "t:listPerson";

	/* Jane Minister speaks in two items: listed once */
	assert_int_equal(mt_count(doc, "%s/t:person[t:persName='Jane Minister']",
	                       lp), 1);
	assert_int_equal(mt_count(doc, "%s/t:person[t:persName='Ali Host']", lp),
	                 1);
	/* the unnamed interviewer of item i3 */
	assert_int_equal(mt_count(doc, "%s/t:person[@xml:id='i3.interviewer']"
	                       "[@role='interviewer'][not(t:persName)]", lp), 1);
	/* the interviewee's turn points at the item's speaker */
	assert_int_equal(mt_count(doc, "//t:sp[@xml:id='i3.t2'][@who=concat('#',"
	                       "%s/t:person[t:persName='Jane Minister']/"
	                       "@xml:id)]", lp), 1);
	/* a turn of unknown role points nowhere and names nobody */
	assert_int_equal(mt_count(doc, "//t:sp[@xml:id='i3.t4'][not(@who)]"
	                       "[not(t:speaker)]"), 1);
	assert_int_equal(mt_count(doc, "//t:div[@xml:id='i3']/t:byline/t:name"),
	                 1);
	xmlFreeDoc(doc);
	free(xml);
	herald_doc_free(model);
}

static herald_node *briefing_turn(herald_node *item, herald_speaker_role role,
                                   const char *speaker, const char *label,
                                   const char *words)
{
	herald_doc *doc = herald_node_doc(item);
	herald_node *turn = herald_node_new(doc, HERALD_NODE_TURN);

	assert_int_equal(herald_node_append_child(item, turn), HERALD_OK);
	herald_node_set_role(turn, role);
	if (speaker != NULL)
		herald_node_set_speaker(turn, speaker);
	if (label != NULL)
		herald_node_set_label(turn, label);
	assert_int_equal(herald_node_append_child(turn,
	                 herald_node_new_text(doc, words, strlen(words))),
	                 HERALD_OK);
	return turn;
}

/* A briefing whose labels spell one speaker two ways: one person in the
 * header, both turns pointing at it, each speaker element the label as
 * printed; a photo caption is a p with rend="caption".  Valid TEI. */
static void test_tei_briefing_labels_and_captions(void **state)
{
	herald_doc *model = herald_doc_new();
	herald_node *root = herald_doc_root(model);
	herald_node *item = herald_node_new(model, HERALD_NODE_ITEM);
	herald_node *item2 = herald_node_new(model, HERALD_NODE_ITEM);
	herald_node *caption = herald_node_new(model, HERALD_NODE_PARAGRAPH);
	const char *lp = "/t:TEI/t:teiHeader/t:profileDesc/t:particDesc/"
	                 "t:listPerson";
	const char *psaki = "concat('#', //t:person[t:persName='Jen Psaki']/@xml:id)";
	char *xml;
	xmlDocPtr doc;

	herald_doc_set_meta(model, HERALD_META_DATE, "2021-04-02");
	herald_node_append_child(root, item);
	herald_node_set_title(item, "Press Briefing by Press Secretary Jen Psaki");
	herald_node_set_item_kind(item, HERALD_ITEM_INTERVIEW);
	herald_node_set_speaker(item, "Jen Psaki");
	herald_node_append_child(item, caption);
	herald_node_add_tag(caption, "caption");
	herald_node_append_child(caption, herald_node_new_text(model,
	                         "At the podium", 13));
	briefing_turn(item, HERALD_SPEAKER_INTERVIEWEE, "Jen Psaki", "MS. PSAKI",
	              "Good afternoon.");
	briefing_turn(item, HERALD_SPEAKER_INTERVIEWER, NULL, "Q", "Thank you.");
	briefing_turn(item, HERALD_SPEAKER_INTERVIEWEE, "Jen Psaki", "Ms. Psaki",
	              "Go ahead.");
	briefing_turn(item, HERALD_SPEAKER_INTERVIEWEE, "John Kirby",
	              "ADMIRAL KIRBY", "Thanks, Jen.");
	briefing_turn(item, HERALD_SPEAKER_INTERVIEWER, NULL, NULL, "- A dash?");
	herald_node_append_child(root, item2);
	herald_node_set_title(item2, "Gaggle");
	herald_node_set_item_kind(item2, HERALD_ITEM_INTERVIEW);
	briefing_turn(item2, HERALD_SPEAKER_INTERVIEWEE, "Jen Psaki", "PSAKI",
	              "Hi.");
	check_model(model, "briefing");
	xml = mt_render(model, "tei", NULL);
	doc = parse_xml(xml, "briefing");
	validate(doc, "briefing");
	/* each person once, however the labels spell them */
	assert_int_equal(mt_count(doc, "%s/t:person[t:persName='Jen Psaki']", lp),
	                 1);
	assert_int_equal(mt_count(doc, "%s/t:person[t:persName='John Kirby']",
	                          lp), 1);
	assert_int_equal(mt_count(doc, "%s/t:person[t:persName]", lp), 2);
	assert_int_equal(mt_count(doc, "//t:sp[@who=%s]", psaki), 3);
	assert_int_equal(mt_count(doc, "//t:sp[@xml:id='i1.t1'][@who=%s]"
	                          "[t:speaker='MS. PSAKI']", psaki), 1);
	assert_int_equal(mt_count(doc, "//t:sp[@xml:id='i1.t3'][@who=%s]"
	                          "[t:speaker='Ms. Psaki']", psaki), 1);
	assert_int_equal(mt_count(doc, "//t:sp[@xml:id='i2.t1'][@who=%s]"
	                          "[t:speaker='PSAKI']", psaki), 1);
	assert_int_equal(mt_count(doc, "//t:sp[@xml:id='i1.t2'][@who="
	                          "'#i1.interviewer'][t:speaker='Q']"), 1);
	/* no label: the speaker word as before */
	assert_int_equal(mt_count(doc, "//t:sp[@xml:id='i1.t5'][@who="
	                          "'#i1.interviewer'][t:speaker='Interviewer']"),
	                 1);
	assert_int_equal(mt_count(doc, "//t:p[@xml:id='i1.p1'][@rend='caption']"
	                          "[.='At the podium']"), 1);
	xmlFreeDoc(doc);
	free(xml);
	herald_doc_free(model);
}

static void test_tei_same_output_every_run(void **state)
{
	mt_check_same_every_run("tei:pretty=true");
}

/* The writer walks the tree without recursion; its XML output keeps its
 * own stack: deep nesting is written whole, not a crash. */
static void test_tei_deep_nesting(void **state)
{
	mt_check_deep("tei:pretty=true", "emph");
}

/* Every kind of character at every offset within the writer's 16-byte
 * scan: what is kept, what becomes U+FFFD, what a reference. */
static void test_tei_characters(void **state)
{
	mt_check_characters("tei", "&quot;");
}

/* Markup in text stays text; characters XML cannot hold become U+FFFD
 * with a warning; bad dates, languages and tags are left out. */
static void test_tei_hostile_model(void **state)
{
	herald_doc *model = herald_doc_new();
	herald_node *it = herald_node_new(model, HERALD_NODE_ITEM);
	herald_node *p = herald_node_new(model, HERALD_NODE_PARAGRAPH);
	herald_node *link = herald_node_new(model, HERALD_NODE_LINK);
	const char *evil = "]]><!-- --><?pi?>&amp;</p>\x01\x1b \xef\xbf\xbf";
	size_t warnings = 0;
	char *xml;
	xmlDocPtr doc;

	herald_doc_set_meta(model, HERALD_META_DATE, "9/10/2020");
	herald_doc_set_meta(model, HERALD_META_LANGUAGE, "e n");
	herald_node_set_title(it, "<head>\"x\"</head>");
	herald_node_add_tag(it, "two words");
	herald_node_add_tag(it, "video");
	herald_node_append_child(herald_doc_root(model), it);
	herald_node_append_child(it, p);
	herald_node_append_child(p, herald_node_new_text(model, evil,
	                                                 strlen(evil)));
	herald_node_set_url(link, "http://example.org/a b\"<>");
	herald_node_append_child(link, herald_node_new_text(model, "l", 1));
	herald_node_append_child(p, link);

	xml = mt_render(model, "tei", &warnings);
	assert_true(warnings >= 3);
	assert_null(strstr(xml, "\x01"));
	assert_null(strstr(xml, "<!--"));
	doc = parse_xml(xml, "hostile model");
	validate(doc, "hostile model");
	assert_int_equal(mt_count(doc, "//t:div[@rend='video']"), 1);
	assert_int_equal(mt_count(doc, "//t:head[.='<head>\"x\"</head>']"), 1);
	assert_int_equal(mt_count(doc, "//t:ref[@target='http://example.org/"
	                       "a%%20b%%22%%3C%%3E']"), 1);
	assert_int_equal(mt_count(doc, "/t:TEI[@xml:lang]"), 0);
	assert_int_equal(mt_count(doc, "//*[@when]"), 0);
	xmlFreeDoc(doc);
	free(xml);
	herald_doc_free(model);
}

static void test_tei_bulletins(void **state)
{
	mt_each_bulletin(check_model, "tei:pretty=true", "xml");
}

static void test_tei_real_sample(void **state)
{
	mt_real_sample(check_model);
}

/* --- for editors: xml-model, encodingDesc, licence, idno, validate= ---- */

/* The xml-model PI's content (the caller frees it), NULL when there is
 * none; it must come before the root element. */
static char *xml_model_of(xmlDocPtr doc)
{
	for (xmlNodePtr n = doc->children; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			return NULL;
		if (n->type == XML_PI_NODE &&
		    xmlStrcmp(n->name, BAD_CAST "xml-model") == 0)
			return (char *)xmlStrdup(n->content);
	}
	return NULL;
}

/* Render through a pipeline that may refuse or fail: the status, the
 * output in *out (caller frees) and the messages in *messages. */
static int try_render(const herald_doc *doc, const char *spec, char **out,
                      char **messages)
{
	herald_diag *diag = herald_diag_new(NULL);
	herald_pipeline *pipe = herald_pipeline_new(mt_registry());
	size_t size = 0;
	FILE *f;
	int rc;

	*out = NULL;
	f = open_memstream(out, &size);
	assert_non_null(f);
	rc = herald_pipeline_set_writer(pipe, spec, diag);
	if (rc == HERALD_OK)
		rc = herald_pipeline_write(pipe, doc, f, diag);
	fclose(f);
	*messages = strdup(herald_diag_text(diag));
	herald_pipeline_free(pipe);
	herald_diag_free(diag);
	return rc;
}

static char *pi_for(const char *href, const char *type)
{
	char *pi;

	assert_true(asprintf(&pi, "href=\"%s\" type=\"%s\" schematypens=\""
	                     RELAXNG_NS "\"", href, type) > 0);
	return pi;
}

static void expect_pi(const herald_doc *model, const char *spec,
                      const char *expected)
{
	char *xml = mt_render(model, spec, NULL);
	xmlDocPtr doc = parse_xml(xml, spec);
	char *pi = xml_model_of(doc);

	if (expected == NULL && pi != NULL)
		fail_msg("%s: an xml-model PI: %s", spec, pi);
	if (expected != NULL && (pi == NULL || strcmp(pi, expected) != 0))
		fail_msg("%s: xml-model is '%s', expected '%s'", spec,
		         pi ? pi : "(none)", expected);
	validate(doc, spec);
	free(pi);
	xmlFreeDoc(doc);
	free(xml);
}

/* tei_all by default, a user's schema by schema= (escaped as a URL and
 * as a pseudo-attribute), none with schema= empty; valid either way. */
static void test_tei_xml_model_pi(void **state)
{
	herald_doc *model = mt_doc_full(1);
	char *pi;
	char *msgs, *out;

	pi = pi_for(TEI_ALL_URL, "application/xml");
	expect_pi(model, "tei", pi);
	expect_pi(model, "tei:pretty=true", pi);
	free(pi);
	pi = pi_for("https://example.org/my%20schema.rng?a=1&amp;b=%22x%22",
	            "application/xml");
	expect_pi(model, "tei:schema=https://example.org/my schema.rng?a=1&b=\"x\"",
	          pi);
	free(pi);
	pi = pi_for("house.rnc", "application/relax-ng-compact-syntax");
	expect_pi(model, "tei:schema=house.rnc", pi);
	free(pi);
	expect_pi(model, "tei:schema=", NULL);
	/* a control character has no place in an XML processing instruction */
	assert_int_equal(try_render(model, "tei:schema=a\x01.rng", &out, &msgs),
	                 HERALD_EUSAGE);
	assert_non_null(strstr(msgs, "schema= holds a control character"));
	free(out);
	free(msgs);
	herald_doc_free(model);
}

static void expect_segmentation(herald_doc *model, const char *says,
                                const char *what)
{
	char *xml = mt_render(model, "tei", NULL);
	xmlDocPtr doc = parse_xml(xml, what);
	const char *e = "/t:TEI/t:teiHeader/t:encodingDesc";

	validate(doc, what);
	expect(doc, 1, what, "/t:TEI/t:teiHeader/t:encodingDesc/t:appInfo/"
	       "t:application[@ident='herald'][@version='%s'][t:label]",
	       herald_version());
	if (mt_count(doc, "%s/t:editorialDecl/t:segmentation/t:p[starts-with"
	             "(., '%s')]", e, says) != 1)
		fail_msg("%s: segmentation does not say '%s'", what, says);
	if (herald_doc_meta(model, HERALD_META_LAYOUT) != NULL)
		expect(doc, 1, what, "//t:segmentation/t:p/t:mentioned[.='%s']",
		       herald_doc_meta(model, HERALD_META_LAYOUT));
	else
		assert_int_equal(mt_count(doc, "//t:mentioned"), 0);
	xmlFreeDoc(doc);
	free(xml);
}

/* encodingDesc: libherald's version, the reader's layout when it set
 * one, segmented or not as the model's sentences say. */
static void test_tei_encoding_desc(void **state)
{
	herald_doc *plain = mt_doc_full(0), *segmented = mt_doc_full(1);

	expect_segmentation(plain, "Not segmented", "unsegmented");
	herald_doc_set_meta(segmented, HERALD_META_LAYOUT, "blank");
	expect_segmentation(segmented, "Segmented into sentences", "segmented");
	herald_doc_free(plain);
	herald_doc_free(segmented);
}

static void expect_licence(const herald_doc *model, const char *spec,
                           const char *xpath)
{
	char *xml = mt_render(model, spec, NULL);
	xmlDocPtr doc = parse_xml(xml, spec);

	validate(doc, spec);
	if (mt_count(doc, "%s", xpath) != 1)
		fail_msg("%s: no %s in %s", spec, xpath, xml);
	xmlFreeDoc(doc);
	free(xml);
}

/* licence=: text as it is, a URL also as @target; none: no availability. */
static void test_tei_licence(void **state)
{
	herald_doc *model = mt_doc_full(0);
	const char *pub = "/t:TEI/t:teiHeader/t:fileDesc/t:publicationStmt";
	char xpath[512];

	snprintf(xpath, sizeof xpath, "%s[not(t:availability)]", pub);
	expect_licence(model, "tei", xpath);
	snprintf(xpath, sizeof xpath, "%s[t:publisher]/t:availability/t:licence"
	         "[not(@target)][.='CC BY 4.0 & <more>']", pub);
	expect_licence(model, "tei:licence=CC BY 4.0 & <more>", xpath);
	snprintf(xpath, sizeof xpath, "%s/t:availability/t:licence[@target="
	         "'https://creativecommons.org/licenses/by/4.0/'][.='https://"
	         "creativecommons.org/licenses/by/4.0/']", pub);
	expect_licence(model, "tei:licence=https://creativecommons.org/"
	               "licenses/by/4.0/", xpath);
	/* not one word: text, though it starts like a scheme */
	snprintf(xpath, sizeof xpath, "%s/t:availability/t:licence"
	         "[not(@target)][.='Licence: CC0']", pub);
	expect_licence(model, "tei:licence=Licence: CC0", xpath);
	herald_doc_free(model);
}

/* The idno (and the title naming the file when nothing else does) of a
 * document whose SOURCE is source, under spec. */
static void expect_idno(const char *source, const char *spec,
                        const char *expected)
{
	herald_doc *model = herald_doc_new();
	herald_node *item = herald_node_new(model, HERALD_NODE_ITEM);
	herald_node *p = herald_node_new(model, HERALD_NODE_PARAGRAPH);
	char *xml;
	xmlDocPtr doc;

	herald_doc_set_meta(model, HERALD_META_SOURCE, source);
	herald_node_append_child(herald_doc_root(model), item);
	herald_node_append_child(item, p);
	herald_node_append_child(p, herald_node_new_text(model, "Words.", 6));
	xml = mt_render(model, spec, NULL);
	doc = parse_xml(xml, source);
	validate(doc, source);
	if (mt_count(doc, "//t:sourceDesc/t:bibl/t:idno[@type='file'][.='%s']",
	             expected) != 1 ||
	    mt_count(doc, "//t:titleStmt/t:title[.='%s']", expected) != 1)
		fail_msg("%s (%s): idno and title should be '%s': %s", source,
		         spec, expected, xml);
	if (source[0] == '/' && strstr(xml, source) != NULL)
		fail_msg("%s: the absolute path is in the output", source);
	xmlFreeDoc(doc);
	free(xml);
	herald_doc_free(model);
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0700) != 0)
		fail_msg("cannot make %s", path);
}

/* idno never holds an absolute path: relative to root= or to the
 * current folder, as given when relative, else the file name. */
static void test_tei_idno_never_absolute(void **state)
{
	char tmpl[] = "/tmp/herald-idno.XXXXXX", *top = mkdtemp(tmpl);
	char cwd[4096], path[4200], spec[4200];
	FILE *f;

	assert_non_null(top);
	assert_non_null(getcwd(cwd, sizeof cwd));
	expect_idno("2020/01/a.txt", "tei", "2020/01/a.txt");
	expect_idno("./././2020/a.txt", "tei", "2020/a.txt");
	expect_idno("../elsewhere/b.txt", "tei", "b.txt");
	expect_idno("/no-such-herald-folder/deep/c.txt", "tei", "c.txt");
	snprintf(path, sizeof path, "%s/not-made/d.txt", cwd);
	expect_idno(path, "tei", "not-made/d.txt");
	/* an archive elsewhere: its own path under root=, else the name */
	snprintf(path, sizeof path, "%s/arch", top);
	make_dir(path);
	snprintf(path, sizeof path, "%s/arch/2021", top);
	make_dir(path);
	snprintf(path, sizeof path, "%s/arch/2021/e.txt", top);
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
	expect_idno(path, "tei", "e.txt");
	snprintf(spec, sizeof spec, "tei:root=%s/arch", top);
	expect_idno(path, spec, "2021/e.txt");
	snprintf(spec, sizeof spec, "tei:root=%s/arch/2021/../", top);
	expect_idno(path, spec, "2021/e.txt");
	snprintf(spec, sizeof spec, "tei:root=%s/none", top);
	{
		herald_doc *model = mt_doc_full(0);
		char *out, *msgs;
		assert_int_equal(try_render(model, spec, &out, &msgs),
		                 HERALD_EUSAGE);
		assert_non_null(strstr(msgs, "no such folder"));
		free(out);
		free(msgs);
		herald_doc_free(model);
	}
	unlink(path);
	snprintf(path, sizeof path, "%s/arch/2021", top);
	rmdir(path);
	snprintf(path, sizeof path, "%s/arch", top);
	rmdir(path);
	rmdir(top);
}

static char *test_schema(const char *name)
{
	const char *top = getenv("top_srcdir");
	char *path;

	assert_true(asprintf(&path, "%s/tests/markup/%s", top ? top : ".",
	                     name) > 0);
	return path;
}

/* One item with a paragraph, titled or not. */
static herald_doc *one_item(const char *title)
{
	herald_doc *model = herald_doc_new();
	herald_node *item = herald_node_new(model, HERALD_NODE_ITEM);
	herald_node *p = herald_node_new(model, HERALD_NODE_PARAGRAPH);

	herald_doc_set_meta(model, HERALD_META_SOURCE, "house.txt");
	herald_node_append_child(herald_doc_root(model), item);
	if (title != NULL)
		herald_node_set_title(item, title);
	herald_node_append_child(item, p);
	herald_node_append_child(p, herald_node_new_text(model, "Words.", 6));
	return model;
}

static void expect_invalid(const herald_doc *model, const char *spec,
                           const char *const *wanted)
{
	char *out, *msgs;

	assert_int_equal(try_render(model, spec, &out, &msgs), HERALD_EINPUT);
	/* nothing written, not even in part */
	assert_string_equal(out, "");
	for (; *wanted != NULL; wanted++)
		if (strstr(msgs, *wanted) == NULL)
			fail_msg("%s: messages lack '%s': %s", spec, *wanted, msgs);
	free(out);
	free(msgs);
}

static void expect_unusable(const char *rng, const char *why)
{
	herald_doc *model = one_item("T");
	char spec[4200], *out, *msgs;

	snprintf(spec, sizeof spec, "tei:validate=%s", rng);
	assert_int_equal(try_render(model, spec, &out, &msgs), HERALD_EUSAGE);
	if (strstr(msgs, why) == NULL)
		fail_msg("%s: no '%s' in %s", rng, why, msgs);
	free(out);
	free(msgs);
	herald_doc_free(model);
}

/* validate=: an output that matches the user's schema is written as it
 * would be without; one that does not is not written at all, and each
 * error names the output's line, the schema, and the nearest xml:id. */
static void test_tei_validate_option(void **state)
{
	herald_doc *titled = one_item("Title"), *untitled = one_item(NULL);
	herald_doc *full = mt_doc_full(1);
	char *house = test_schema("tei-house.rng"), *any = test_schema("tei-any.rng");
	char spec[4200], *plain, *out, *msgs;
	const char *no_licence[] = {
		"error: tei: output line 9 is not valid against ",
		"tei-house.rng: Expecting an element availability", NULL };
	const char *no_head[] = {
		"tei-house.rng: Expecting element head, got p",
		"(in xml:id \"i1\")", NULL };

	plain = mt_render(titled, "tei:licence=CC0,pretty=true", NULL);
	snprintf(spec, sizeof spec, "tei:licence=CC0,pretty=true,validate=%s",
	         house);
	assert_int_equal(try_render(titled, spec, &out, &msgs), HERALD_OK);
	assert_string_equal(out, plain);
	free(out);
	free(msgs);
	free(plain);
	plain = mt_render(full, "tei", NULL);
	snprintf(spec, sizeof spec, "tei:validate=%s", any);
	assert_int_equal(try_render(full, spec, &out, &msgs), HERALD_OK);
	assert_string_equal(out, plain);
	free(out);
	free(msgs);
	/* no licence: publicationStmt, line 9 when pretty, fails the rule */
	snprintf(spec, sizeof spec, "tei:pretty=true,validate=%s", house);
	expect_invalid(titled, spec, no_licence);
	/* an untitled item: the error names its div */
	snprintf(spec, sizeof spec, "tei:licence=CC0,validate=%s", house);
	expect_invalid(untitled, spec, no_head);
	/* a schema that is missing, or is no RELAX NG (a TEI output) */
	snprintf(spec, sizeof spec, "%s.missing", house);
	expect_unusable(spec, "cannot read the schema: No such file");
	{
		char bad[] = "/tmp/herald-notrng.XXXXXX";
		int fd = mkstemp(bad);
		assert_true(fd >= 0);
		assert_true(write(fd, plain, strlen(plain)) ==
		            (ssize_t)strlen(plain));
		close(fd);
		expect_unusable(bad, "not a RELAX NG schema libxml2 can "
		                "compile");
		unlink(bad);
	}
	free(plain);
	free(house);
	free(any);
	herald_doc_free(titled);
	herald_doc_free(untitled);
	herald_doc_free(full);
}

/* Last: fails if nothing was validated although the schema was there. */
static void test_tei_schema_was_used(void **state)
{
	if (schema == NULL)
		skip();
	fprintf(stderr, "# %d documents valid against tei_all.rng\n", validated);
	assert_true(validated > 0);
}

/* --- growth: the persons index ------------------------------------------ */

static void add_turn(herald_doc *doc, herald_node *item,
                     herald_speaker_role role, const char *words)
{
	herald_node *turn = herald_node_new(doc, HERALD_NODE_TURN);

	assert_int_equal(herald_node_append_child(item, turn), HERALD_OK);
	herald_node_set_role(turn, role);
	assert_int_equal(herald_node_append_child(turn,
	                 herald_node_new_text(doc, words, strlen(words))),
	                 HERALD_OK);
}

/* n interviews, each with its unnamed interviewer and interviewee: two
 * persons an item, all in one index. */
static double time_persons(size_t n)
{
	herald_doc *doc = herald_doc_new();
	char last[64];
	double t;
	char *out;

	assert_non_null(doc);
	for (size_t i = 0; i < n; i++) {
		herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
		assert_int_equal(herald_node_append_child(herald_doc_root(doc),
		                                          item), HERALD_OK);
		herald_node_set_item_kind(item, HERALD_ITEM_INTERVIEW);
		add_turn(doc, item, HERALD_SPEAKER_INTERVIEWER, "Q?");
		add_turn(doc, item, HERALD_SPEAKER_INTERVIEWEE, "A.");
	}
	t = mt_cpu_seconds();
	out = mt_render(doc, "tei", NULL);
	t = mt_cpu_seconds() - t;
	/* each is listed once, and each turn points at its own */
	assert_int_equal(mt_occurrences(out, "<person xml:id="), 2 * n);
	assert_int_equal(mt_occurrences(out, " who=\"#"), 2 * n);
	snprintf(last, sizeof last, "who=\"#i%zu.interviewee\"", n);
	assert_non_null(strstr(out, last));
	snprintf(last, sizeof last, "<person xml:id=\"i%zu.interviewer\"", n);
	assert_non_null(strstr(out, last));
	free(out);
	herald_doc_free(doc);
	return t;
}

static void test_tei_persons_linear(void **state)
{
	(void)state;
	mt_check_linear("tei, unnamed interview persons", time_persons, 50000);
}

/* n titled items of a paragraph each, written with validate=: held in
 * memory, parsed back and validated, then written whole. */
static double time_validated(size_t n)
{
	herald_doc *doc = herald_doc_new();
	char *house = test_schema("tei-house.rng"), *spec, *out, *msgs, last[64];
	double t;

	for (size_t i = 0; i < n; i++) {
		herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM);
		herald_node *p = herald_node_new(doc, HERALD_NODE_PARAGRAPH);
		assert_int_equal(herald_node_append_child(herald_doc_root(doc),
		                                          item), HERALD_OK);
		herald_node_set_title(item, "A title");
		assert_int_equal(herald_node_append_child(item, p), HERALD_OK);
		assert_int_equal(herald_node_append_child(p,
		                 herald_node_new_text(doc, "Some words.", 11)),
		                 HERALD_OK);
	}
	assert_true(asprintf(&spec, "tei:licence=CC0,validate=%s", house) > 0);
	t = mt_cpu_seconds();
	assert_int_equal(try_render(doc, spec, &out, &msgs), HERALD_OK);
	t = mt_cpu_seconds() - t;
	snprintf(last, sizeof last, "<p xml:id=\"i%zu.p1\">Some words.</p>", n);
	assert_non_null(strstr(out, last));
	assert_int_equal(mt_occurrences(out, "<div type=\"item\""), n);
	free(out);
	free(msgs);
	free(spec);
	free(house);
	herald_doc_free(doc);
	return t;
}

static void test_tei_validate_linear(void **state)
{
	(void)state;
	mt_check_linear("tei, validate= over items", time_validated, 20000);
}

static void test_tei_full_disk(void **state)
{
	(void)state;
	mt_check_full_disk("tei");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tei_c_documents),
		cmocka_unit_test(test_tei_full_disk),
		cmocka_unit_test(test_tei_participants),
		cmocka_unit_test(test_tei_briefing_labels_and_captions),
		cmocka_unit_test(test_tei_same_output_every_run),
		cmocka_unit_test(test_tei_hostile_model),
		cmocka_unit_test(test_tei_lists_headings_meta),
		cmocka_unit_test(test_tei_deep_lists_keep_whole_ids),
		cmocka_unit_test(test_tei_deep_nesting),
		cmocka_unit_test(test_tei_characters),
		cmocka_unit_test(test_tei_bulletins),
		cmocka_unit_test(test_tei_real_sample),
		cmocka_unit_test(test_tei_persons_linear),
		cmocka_unit_test(test_tei_xml_model_pi),
		cmocka_unit_test(test_tei_encoding_desc),
		cmocka_unit_test(test_tei_licence),
		cmocka_unit_test(test_tei_idno_never_absolute),
		cmocka_unit_test(test_tei_validate_option),
		cmocka_unit_test(test_tei_validate_linear),
		cmocka_unit_test(test_tei_schema_was_used),
	};

	return cmocka_run_group_tests(tests, compile_schema, free_schema);
}
