/* tests/htmlin/test_writers.c - every writer on every page of
 * ../shared/html-corpus (skipped when absent): each page is read once
 * with the HTML reader, in-process, and written with the text, json,
 * markdown, html and tei writers.  Every writer succeeds; the TEI is
 * valid against tei_all.rng (compiled once for the whole program); the
 * JSON reads back through the json reader to the same text; and no word
 * of the text writer's output is missing from the text of the html and
 * tei outputs, nor from the markdown once cmark has made it HTML (words
 * as multisets: a word is a maximal run of letters, digits and
 * combining marks; the text of markup is its text nodes, inline
 * elements joining the words they split, as a link inside a word does).
 *
 * With $HERALD_HTMLIN_OUT naming a directory, the html writer's pages
 * are also written there, for vnu-corpus.sh. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <cmocka.h>

#include <cmark.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include <herald/herald.h>
#include <herald/text.h>

#include "../markup/support.h"
#include "../words.h"

static xmlRelaxNGPtr schema;   /* NULL: no ../shared/schemas */

static int setup(void **state)
{
	char *rng = mt_shared_path("schemas/tei_all.rng");
	(void)state;
	if (!mt_registry())
		return -1;
	if (rng) {
		xmlRelaxNGParserCtxtPtr ctxt = xmlRelaxNGNewParserCtxt(rng);
		schema = ctxt ? xmlRelaxNGParse(ctxt) : NULL;
		xmlRelaxNGFreeParserCtxt(ctxt);
		free(rng);
		if (!schema)
			return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	if (schema)
		xmlRelaxNGFree(schema);
	return 0;
}

/* --- words ------------------------------------------------------------ */

/* The numbers the text writer puts before the entries of numbered
 * lists: its own, not the page's words (the html writer leaves them to
 * <ol>). */
static void list_numbers(tw_bag *b, herald_doc *doc)
{
	herald_walker w;
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		if (w.event != HERALD_WALK_ENTER ||
		    herald_node_type_of(w.node) != HERALD_NODE_LIST ||
		    herald_node_list_type(w.node) != HERALD_LIST_ORDERED)
			continue;
		unsigned long k = herald_node_list_start(w.node);
		for (herald_node *e = herald_node_first_child(w.node); e;
		     e = herald_node_next(e), k++) {
			char num[32];
			int n = snprintf(num, sizeof num, "%lu", k);
			tw_split(b, num, (size_t)n);
		}
	}
}

/* --- reading and writing ----------------------------------------------- */

static herald_doc *read_with(const char *reader, const char *name,
                             const void *data, size_t size, herald_diag *diag)
{
	herald_pipeline *pipe = herald_pipeline_new(mt_registry());
	herald_input in = { name, data, size };
	herald_doc *doc = NULL;
	herald_diag_set_file(diag, name);
	if (herald_pipeline_set_reader(pipe, reader, diag) != HERALD_OK ||
	    herald_pipeline_read(pipe, &in, &doc, diag) != HERALD_OK)
		doc = NULL;
	herald_pipeline_free(pipe);
	return doc;
}

/* A writer's output (mt_render fails the test when the writer fails). */
static char *render(const herald_doc *doc, const char *writer, size_t *len)
{
	char *out = mt_render(doc, writer, NULL);
	*len = strlen(out);
	return out;
}

static void check_tei(const char *tei, size_t len, const char *name)
{
	xmlDocPtr x = xmlReadMemory(tei, (int)len, name, NULL, XML_PARSE_NONET);
	if (!x)
		fail_msg("%s: the TEI is not well-formed XML", name);
	if (schema) {
		xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(schema);
		assert_non_null(v);
		int rc = xmlRelaxNGValidateDoc(v, x);
		xmlRelaxNGFreeValidCtxt(v);
		if (rc)
			fail_msg("%s: the TEI is not valid against tei_all.rng (above)", name);
	}
	xmlFreeDoc(x);
}

static int keep_all(xmlNodePtr n)
{
	(void)n;
	return 0;
}

static const char *const html_inlines[] = {
	"a", "em", "strong", "b", "i", "span", "time", "cite", "code", "mark",
	"small", "sub", "sup", "q", "abbr", NULL
};
static const char *const tei_inlines[] = { "emph", "hi", "ref", "s", "seg",
	                                   NULL };

/* The text of an HTML or XML page (the whole document). */
static char *markup_text(const char *s, size_t len, bool html, const char *name)
{
	xmlDocPtr x = html ? htmlReadMemory(s, (int)len, name, "UTF-8",
	                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	                                    HTML_PARSE_NOWARNING)
	                   : xmlReadMemory(s, (int)len, name, NULL, XML_PARSE_NONET);
	if (!x || !xmlDocGetRootElement(x))
		fail_msg("%s: the %s output does not parse", name, html ? "html" : "tei");
	char *t = mt_markup_text(xmlDocGetRootElement(x),
	                         html ? html_inlines : tei_inlines, keep_all);
	xmlFreeDoc(x);
	return t;
}

/* The words of a writer's output: its text, as a reader sees it. */
static void output_words(tw_bag *b, const char *writer, const char *out,
                         size_t len, const char *name)
{
	char *t = NULL;
	if (!strncmp(writer, "markdown", 8)) {
		char *html = cmark_markdown_to_html(out, len, CMARK_OPT_DEFAULT);
		assert_non_null(html);
		t = markup_text(html, strlen(html), true, name);
		free(html);
	} else {
		t = markup_text(out, len, !strncmp(writer, "html", 4), name);
	}
	tw_split(b, t, strlen(t));
	free(t);
}

static void export_html(const char *name, const char *html, size_t len)
{
	const char *dir = getenv("HERALD_HTMLIN_OUT");
	char *path = NULL;
	if (!dir || asprintf(&path, "%s/%s", dir, name) < 0)
		return;
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(html, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static const char *const writers[] = { "json", "markdown", "html:standalone=true",
	                               "tei" };

static void check_page(const char *path, const char *name)
{
	size_t size = 0, tlen, len;
	char *data = NULL, why[512] = "";
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size = (size_t)ftell(f);
	rewind(f);
	data = malloc(size + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, size, f), size);
	fclose(f);

	herald_diag *diag = herald_diag_new(NULL);
	herald_doc *doc = read_with("htmlin", name, data, size, diag);
	if (!doc)
		fail_msg("%s: %s", name, herald_diag_text(diag));
	char *text = render(doc, "text", &tlen);
	tw_bag want = { 0 };
	tw_split(&want, text, tlen);
	tw_sort(&want);
	tw_bag numbers = { 0 };
	list_numbers(&numbers, doc);
	tw_sort(&numbers);
	tw_remove(&want, &numbers);
	tw_free(&numbers);
	for (size_t k = 0; k < sizeof writers / sizeof *writers; k++) {
		char *out = render(doc, writers[k], &len);
		tw_bag have = { 0 };
		if (strcmp(writers[k], "json")) {
			output_words(&have, writers[k], out, len, name);
			tw_sort(&have);
			size_t lost = tw_missing(&want, &have, NULL, why, sizeof why);
			if (lost)
				fail_msg("%s: %zu words of -t text lost in %s:%s", name,
				         lost, writers[k], why);
		}
		tw_free(&have);
		if (!strncmp(writers[k], "tei", 3))
			check_tei(out, len, name);
		if (!strncmp(writers[k], "html", 4))
			export_html(name, out, len);
		if (!strcmp(writers[k], "json")) {
			/* re-readable, to the same text: no word lost either */
			herald_diag *d2 = herald_diag_new(NULL);
			herald_doc *again = read_with("json", "page.json", out, len, d2);
			if (!again)
				fail_msg("%s: its JSON does not read back: %s", name,
				         herald_diag_text(d2));
			size_t alen;
			char *atext = render(again, "text", &alen);
			if (alen != tlen || memcmp(atext, text, tlen))
				fail_msg("%s: its JSON reads back to another text", name);
			free(atext);
			herald_doc_free(again);
			herald_diag_free(d2);
		}
		free(out);
	}
	tw_free(&want);
	free(text);
	herald_doc_free(doc);
	herald_diag_free(diag);
	free(data);
}

static void test_every_writer_on_every_page(void **state)
{
	char *dir = mt_shared_path("html-corpus");
	(void)state;
	if (!dir)
		skip();
	/* in name order, so that the sample is the same on every run */
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	assert_true(n >= 0);
	size_t pages = 0;
	for (int i = 0; i < n; i++) {
		size_t l = strlen(names[i]->d_name);
		if (l > 5 && !strcmp(names[i]->d_name + l - 5, ".html")) {
			char *path = NULL;
			assert_true(asprintf(&path, "%s/%s", dir, names[i]->d_name) > 0);
			check_page(path, names[i]->d_name);
			free(path);
			pages++;
		}
		free(names[i]);
	}
	free(names);
	free(dir);
	if (!pages)
		skip();
	fprintf(stderr, "# %zu pages through 5 writers%s\n", pages,
	        schema ? ", TEI valid against tei_all.rng" : " (no tei_all.rng)");
}

int main(void)
{
	/* libxml2's validity messages go to stderr, the test's log */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_writer_on_every_page),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
