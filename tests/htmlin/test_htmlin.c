/* tests/htmlin/test_htmlin.c - the HTML reader, in-process through the
 * pipeline: extraction, metadata, structure, hostile pages, and (when
 * ../shared/html-corpus is there) every corpus page read without error.
 * The pages here are small ones written for these tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <herald/herald.h>

static herald_registry *registry;

typedef struct run {
	int rc;
	herald_doc *doc;
	herald_diag *diag;
	char *text;   /* every text block's text, one a line */
} run;

static int setup(void **state)
{
	herald_diag *diag = herald_diag_new(NULL);
	const char *dirs = getenv("HERALD_PLUGIN_PATH");
	(void)state;
	registry = herald_registry_new();
	if (!registry || !diag || !dirs) {
		herald_diag_free(diag);
		return -1;
	}
	herald_registry_load_dirs(registry, dirs, diag);
	herald_diag_free(diag);
	return herald_registry_find(registry, "htmlin", HERALD_ROLE_READER) ? 0
	                                                                    : -1;
}

static int teardown(void **state)
{
	(void)state;
	herald_registry_free(registry);
	return 0;
}

/* All text blocks' plain text, one a line, headings marked "# ". */
static char *doc_text(herald_doc *doc)
{
	size_t len = 0, cap = 1;
	char *out = calloc(1, 1);
	herald_walker w;
	herald_walker_init(&w, herald_doc_root(doc));
	while (out && herald_walker_next(&w) != HERALD_WALK_DONE) {
		herald_node_type t = herald_node_type_of(w.node);
		if (w.event != HERALD_WALK_ENTER ||
		    (t != HERALD_NODE_PARAGRAPH && t != HERALD_NODE_HEADING))
			continue;
		char *s = herald_node_plain_text(w.node);
		size_t n = strlen(s) + 4;
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			out = realloc(out, cap);
		}
		len += (size_t)sprintf(out + len, "%s%s\n",
		                       t == HERALD_NODE_HEADING ? "# " : "", s);
		free(s);
	}
	return out;
}

static run read_page(const char *spec, const void *data, size_t size)
{
	run r = { HERALD_EUSAGE, NULL, herald_diag_new(NULL), NULL };
	herald_pipeline *pipe = herald_pipeline_new(registry);
	herald_input in = { "page.html", data, size };
	herald_diag_set_file(r.diag, in.name);
	r.rc = herald_pipeline_set_reader(pipe, spec, r.diag);
	if (r.rc == HERALD_OK)
		r.rc = herald_pipeline_read(pipe, &in, &r.doc, r.diag);
	if (r.rc != HERALD_OK)
		r.doc = NULL;
	herald_pipeline_free(pipe);
	r.text = r.doc ? doc_text(r.doc) : strdup("");
	return r;
}

static run read_str(const char *spec, const char *page)
{
	return read_page(spec, page, strlen(page));
}

static void run_free(run *r)
{
	herald_doc_free(r->doc);
	herald_diag_free(r->diag);
	free(r->text);
}

static size_t count_type(herald_doc *doc, herald_node_type type)
{
	size_t n = 0;
	herald_walker w;
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE)
		n += w.event == HERALD_WALK_ENTER && herald_node_type_of(w.node) == type;
	return n;
}

static herald_node *first_of(herald_doc *doc, herald_node_type type)
{
	herald_walker w;
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE)
		if (w.event == HERALD_WALK_ENTER && herald_node_type_of(w.node) == type)
			return w.node;
	return NULL;
}

/* CPU time of this process, which parses in-process: other work on a
 * busy machine does not count.  The growth checks below allow 3.5 times
 * the time for twice the input plus a quarter second, which only a
 * quadratic path exceeds. */
static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define PROSE \
	"The council met on Tuesday evening, and after a long debate, " \
	"it voted to rebuild the old bridge over the river, which had been " \
	"closed since the spring floods damaged its eastern pillars."

static const char *const news_page =
	"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
	"<title>Bridge to be rebuilt | Riverside Gazette</title></head><body>"
	"<header><a href=\"/\">Riverside Gazette</a>"
	"<nav><ul><li><a href=\"/news\">News</a></li><li><a href=\"/sport\">Sport"
	"</a></li><li><a href=\"/weather\">Weather</a></li></ul></nav></header>"
	"<div id=\"cookie-banner\">We use cookies to improve your experience."
	"</div>"
	"<main><article><h1>Bridge to be rebuilt</h1>"
	"<p>" PROSE "</p>"
	"<p>Engineers said the work, which will cost four million, would take "
	"two years, and that a ferry would run in the meantime, twice an hour."
	"</p>"
	"<div class=\"share-bar\"><a href=\"/s/fb\">Share on Facebook</a> "
	"<a href=\"/s/tw\">Share on Twitter</a></div>"
	"<p>Residents, many of whom had campaigned for years, welcomed the "
	"decision, though some asked why it had taken so long, and at what cost."
	"</p></article>"
	"<aside class=\"related\"><h2>Related stories</h2><ul>"
	"<li><a href=\"/a\">Floods close the bridge</a></li>"
	"<li><a href=\"/b\">Ferry timetable announced</a></li></ul></aside>"
	"</main><footer><p>Copyright Riverside Gazette, all rights reserved.</p>"
	"</footer></body></html>";

static void test_htmlin_extracts_main_text(void **state)
{
	run r = read_str("htmlin", news_page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(strstr(r.text, "voted to rebuild the old bridge"));
	assert_non_null(strstr(r.text, "Engineers said the work"));
	assert_non_null(strstr(r.text, "Residents, many of whom"));
	assert_null(strstr(r.text, "Sport"));
	assert_null(strstr(r.text, "cookies"));
	assert_null(strstr(r.text, "Share on Facebook"));
	assert_null(strstr(r.text, "Ferry timetable announced"));
	assert_null(strstr(r.text, "Related stories"));
	assert_null(strstr(r.text, "Copyright"));
	/* the h1 is the title, not repeated as a heading */
	assert_null(strstr(r.text, "# Bridge"));
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_TITLE),
	                    "Bridge to be rebuilt");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_LANGUAGE), "en-GB");
	run_free(&r);
}

/* Short blocks after the last sentence of weight are the page's; on a
 * short page they are the text. */
static void test_htmlin_trailing_short_blocks(void **state)
{
	static const char page[] =
		"<html><body><article><p>" PROSE "</p><p>" PROSE "</p><p>" PROSE
		"</p><p>" PROSE "</p><h2>More on this</h2><p>Sign up for our "
		"newsletter</p></article></body></html>";
	static const char short_page[] =
		"<html><body><article><p>" PROSE "</p><p>Ok.</p></article>"
		"</body></html>";
	run r = read_str("htmlin", page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(strstr(r.text, "eastern pillars"));
	assert_null(strstr(r.text, "More on this"));
	assert_null(strstr(r.text, "newsletter"));
	run_free(&r);
	r = read_str("htmlin", short_page);
	assert_non_null(strstr(r.text, "\nOk.\n"));
	run_free(&r);
}

/* A lead in a box of its own before the body joins it; a credit line
 * and an author's box after the text do not. */
static void test_htmlin_lead_and_credits(void **state)
{
	static const char page[] =
		"<html><body><div class=\"wrap\"><div class=\"intro\"><p>The "
		"lead says, in one long sentence of more than a hundred characters, "
		"what the whole story is about.</p></div><div class=\"body\">"
		"<p>" PROSE "</p><p>Foto: A. Fotograf</p><p>" PROSE "</p><p>" PROSE
		"</p></div><div class=\"bio\"><p>The author has written for the "
		"paper since 2008, mostly about rivers, bridges, and the people "
		"who build them.</p></div></div><div>x</div></body></html>";
	run r = read_str("htmlin", page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(strstr(r.text, "The lead says"));
	assert_true(strstr(r.text, "The lead says") < strstr(r.text, "The council"));
	assert_null(strstr(r.text, "Fotograf"));
	assert_null(strstr(r.text, "since 2008"));
	run_free(&r);
}

static void test_htmlin_boxes_of_one_design(void **state)
{
	/* a CMS's text in boxes of one class, the last the longest; a
	 * box of another design after it (a bio) stays out */
#define BOX "<div class=\"field__item\"><div class=\"para\">"
	static const char page[] =
		"<html><body><div class=\"items\">"
		BOX "<p>The first box says, in a sentence that is long enough to be read as prose, "
		"what happened.</p></div></div>"
		BOX "<p>" PROSE "</p><p>" PROSE "</p><p>" PROSE "</p></div></div>"
		"<div class=\"about\"><p>The author has written for the paper "
		"since 2008, mostly about rivers, bridges, and builders.</p></div>"
		"</div><div class=\"more\"><a href=\"/a\">Other news</a></div>"
		"</body></html>";
#undef BOX
	run r = read_str("htmlin", page);
	(void)state;
	assert_non_null(strstr(r.text, "The first box says"));
	assert_non_null(strstr(r.text, "The council met"));
	assert_null(strstr(r.text, "since 2008"));
	run_free(&r);
}

static void test_htmlin_short_list_entries_are_no_prose(void **state)
{
	/* twenty route steps do not outscore three paragraphs of prose */
	char page[8192], *p = page;
	(void)state;
	p += sprintf(p, "<html><body><div class=\"story\"><p>%s</p><p>%s</p>"
	             "<p>%s</p></div><div class=\"box\"><ul>", PROSE, PROSE, PROSE);
	for (int i = 0; i < 20; i++)
		p += sprintf(p, "<li>Turn left into the %d. street, then on</li>", i + 1);
	sprintf(p, "</ul></div></body></html>");
	run r = read_str("htmlin", page);
	assert_non_null(strstr(r.text, "The council met"));
	assert_null(strstr(r.text, "Turn left"));
	run_free(&r);
}

static void test_htmlin_main_all_keeps_everything_visible(void **state)
{
	run r = read_str("htmlin:main=all", news_page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(strstr(r.text, "Sport"));
	assert_non_null(strstr(r.text, "Copyright"));
	assert_non_null(strstr(r.text, "voted to rebuild"));
	run_free(&r);
}

static void test_htmlin_metadata(void **state)
{
	static const char page[] =
		"<html><head><title>Ignored title - Daily Example</title>"
		"<meta property=\"og:title\" content=\"Harbour reopens after storm\">"
		"<meta property=\"og:site_name\" content=\"Daily Example\">"
		"<link rel=\"canonical\" href=\"https://news.example.org/2021/harbour\">"
		"<meta http-equiv=\"content-language\" content=\"de_AT\">"
		"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
		"\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},{\"@type\":"
		"[\"NewsArticle\"],\"headline\":\"Harbour reopens\","
		"\"datePublished\":\"2021-03-04T09:15:00+01:00\",\"author\":"
		"[{\"@type\":\"Person\",\"name\":\"Ana Ruiz\"},\"Bo Lind\"]}]}"
		"</script></head><body><article><p>" PROSE "</p>"
		"<p>The <a href=\"../pier\">pier</a> was the last part to open, "
		"after divers, working for a week, checked its foundations.</p>"
		"</article></body></html>";
	run r = read_str("htmlin", page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_TITLE),
	                    "Harbour reopens after storm");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_DATE), "2021-03-04");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_TIME), "09:15+01:00");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_AUTHOR),
	                    "Ana Ruiz, Bo Lind");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_URL),
	                    "https://news.example.org/2021/harbour");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_LANGUAGE), "de-AT");
	herald_node *link = first_of(r.doc, HERALD_NODE_LINK);
	assert_non_null(link);
	assert_string_equal(herald_node_url(link), "https://news.example.org/pier");
	run_free(&r);
}

static void test_htmlin_byline(void **state)
{
	static const char a[] =
		"<html><body><article><p class=\"byline\">By Jane Q. Writer</p>"
		"<p>" PROSE "</p></article></body></html>";
	static const char b[] =
		"<html><body><article><span class=\"author\">Di Maria</span>"
		"<p>" PROSE "</p></article></body></html>";
	run r = read_str("htmlin", a);
	(void)state;
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_AUTHOR),
	                    "Jane Q. Writer");
	/* the byline is metadata, not text */
	assert_null(strstr(r.text, "Writer"));
	run_free(&r);
	r = read_str("htmlin", b);
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_AUTHOR), "Di Maria");
	run_free(&r);
}

static void test_htmlin_title_without_site_name(void **state)
{
	static const char page[] =
		"<html><head><title>Library extends its opening hours – City Times"
		"</title><meta name=\"author\" content=\"J. Doe\">"
		"<meta name=\"date\" content=\"2020-10-09\"></head><body><div>"
		"<p>" PROSE "</p><time datetime=\"1999-01-01\">old</time></div>"
		"</body></html>";
	run r = read_str("htmlin", page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_TITLE),
	                    "Library extends its opening hours");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_AUTHOR), "J. Doe");
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_DATE), "2020-10-09");
	assert_null(herald_doc_meta(r.doc, HERALD_META_TIME));
	run_free(&r);
}

static void test_htmlin_structure(void **state)
{
	static const char page[] =
		"<html><head><base href=\"https://example.com/dir/\"></head><body>"
		"<article><p>" PROSE "</p>"
		"<h2>What happens next</h2>"
		"<p>Work starts in <strong>May</strong>, with <em>two</em> crews, "
		"and see <a href=\"plan.pdf\">the plan</a> or "
		"<a href=\"javascript:alert(1)\">this</a>.<br>A second line, too.</p>"
		"<h3>Costs</h3><ul><li>Steel, the larger part</li><li>Labour, "
		"for two years</li></ul><ol start=\"3\"><li>third</li><li>fourth"
		"</li></ol>"
		"<blockquote><p>We waited long enough, said one resident, and "
		"now we are glad.</p></blockquote>"
		"<figure><img src=\"b.jpg\"><figcaption>The bridge in April, seen "
		"from the north bank.</figcaption></figure>"
		"<p>More prose follows here, with commas, clauses, and a final "
		"sentence that ends the article.</p></article></body></html>";
	run r = read_str("htmlin", page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_int_equal(count_type(r.doc, HERALD_NODE_HEADING), 2);
	herald_node *h = first_of(r.doc, HERALD_NODE_HEADING);
	assert_int_equal(herald_node_heading_level(h), 1);
	assert_int_equal(herald_node_heading_level(herald_node_next(herald_node_next(h))), 2);
	assert_int_equal(count_type(r.doc, HERALD_NODE_LIST), 2);
	assert_int_equal(count_type(r.doc, HERALD_NODE_LIST_ITEM), 4);
	herald_node *list = first_of(r.doc, HERALD_NODE_LIST);
	herald_node *ol = herald_node_next(list);
	assert_int_equal(herald_node_list_type(list), HERALD_LIST_BULLET);
	assert_int_equal(herald_node_list_type(ol), HERALD_LIST_ORDERED);
	assert_int_equal(herald_node_list_start(ol), 3);
	assert_int_equal(count_type(r.doc, HERALD_NODE_QUOTE), 1);
	assert_int_equal(count_type(r.doc, HERALD_NODE_EMPH), 2);
	assert_int_equal(count_type(r.doc, HERALD_NODE_LINEBREAK), 1);
	/* one link: javascript: is text only */
	assert_int_equal(count_type(r.doc, HERALD_NODE_LINK), 1);
	assert_string_equal(herald_node_url(first_of(r.doc, HERALD_NODE_LINK)),
	                    "https://example.com/dir/plan.pdf");
	assert_non_null(strstr(r.text, "or this."));
	assert_non_null(strstr(r.text, "The bridge in April, seen from the north bank.\n"));
	assert_non_null(strstr(r.text, "Work starts in May, with two crews, and see the plan or this.\nA second line, too.\n"));
	run_free(&r);
}

/* A page written for these tests, from tests/htmlin/. */
static run read_test_page(const char *spec, const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	snprintf(path, sizeof path, "%s/tests/htmlin/%s", top ? top : "..", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	static char buf[1 << 16];
	size_t got = fread(buf, 1, sizeof buf, f);
	fclose(f);
	return read_page(spec, buf, got);
}

/* The n-th node of a type (from 0), or NULL. */
static herald_node *nth_of(herald_doc *doc, herald_node_type type, size_t n)
{
	herald_walker w;
	herald_walker_init(&w, herald_doc_root(doc));
	while (herald_walker_next(&w) != HERALD_WALK_DONE)
		if (w.event == HERALD_WALK_ENTER && herald_node_type_of(w.node) == type &&
		    !n--)
			return w.node;
	return NULL;
}

static void test_htmlin_list_of_items(void **state)
{
	run r = read_test_page("htmlin", "chronicle.html");
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_int_equal(count_type(r.doc, HERALD_NODE_ITEM), 5);
	assert_int_equal(count_type(r.doc, HERALD_NODE_HEADING), 0);
	static const char *const titles[] = {
		"07:40 Fog closes the ferry", "09:15 Council meets on the bridge",
		"11:05 Market square reopens",
		/* a time standing before the heading opens the title */
		"12.30 Uhr School choir wins regional prize",
		"14:50 Bridge vote: rebuild it"
	};
	for (size_t i = 0; i < 5; i++) {
		herald_node *item = nth_of(r.doc, HERALD_NODE_ITEM, i);
		assert_string_equal(herald_node_title(item), titles[i]);
		assert_ptr_equal(herald_node_parent(item), herald_doc_root(r.doc));
	}
	/* the second entry has two paragraphs; the introduction stays
	 * before the items */
	herald_node *second = nth_of(r.doc, HERALD_NODE_ITEM, 1);
	herald_node *p = herald_node_first_child(second);
	assert_non_null(p);
	assert_non_null(herald_node_next(p));
	herald_node *intro = herald_node_first_child(herald_doc_root(r.doc));
	assert_int_equal(herald_node_type_of(intro), HERALD_NODE_PARAGRAPH);
	/* the last entry's photo caption is in it, tagged, last */
	herald_node *last = nth_of(r.doc, HERALD_NODE_ITEM, 4);
	herald_node *cap = herald_node_last_child(last);
	assert_true(herald_node_has_tag(cap, "caption"));
	assert_null(strstr(r.text, "All rights reserved"));
	run_free(&r);
}

static void test_htmlin_sections_stay_one_article(void **state)
{
	run r = read_test_page("htmlin", "sections.html");
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_int_equal(count_type(r.doc, HERALD_NODE_ITEM), 0);
	assert_int_equal(count_type(r.doc, HERALD_NODE_HEADING), 4);
	/* a caption named by its class, where the figure is */
	herald_node *cap = nth_of(r.doc, HERALD_NODE_PARAGRAPH, 3);
	char *t = herald_node_plain_text(cap);
	assert_string_equal(t, "A copy of the surveyor's plan, kept at the town hall.");
	assert_true(herald_node_has_tag(cap, "caption"));
	free(t);
	run_free(&r);
}

#define ENTRY(h, body) "<h3>" h "</h3><p>" body "</p>"

static void test_htmlin_items_need_dates_and_short_texts(void **state)
{
	(void)state;
	/* short sections without a time or date: an article's headings */
	run r = read_str("htmlin", "<html><body><article>"
		ENTRY("Plans", PROSE) ENTRY("Floods", PROSE) ENTRY("Repairs", PROSE)
		ENTRY("Today", PROSE) "</article></body></html>");
	assert_int_equal(count_type(r.doc, HERALD_NODE_ITEM), 0);
	assert_int_equal(count_type(r.doc, HERALD_NODE_HEADING), 4);
	run_free(&r);
	/* dated, but two entries only */
	r = read_str("htmlin", "<html><body><article>"
		ENTRY("08:00 One", PROSE) ENTRY("09:00 Two", PROSE)
		"</article></body></html>");
	assert_int_equal(count_type(r.doc, HERALD_NODE_ITEM), 0);
	run_free(&r);
	/* dated, but one entry is a long text: sections of an article */
	char *page = malloc(64 * 1024), *p = page;
	p += sprintf(p, "<html><body><article>" ENTRY("3.5.2021 One", PROSE)
	             ENTRY("4.5.2021 Two", PROSE) "<h3>5.5.2021 Three</h3>");
	for (int i = 0; i < 15; i++)
		p += sprintf(p, "<p>%s</p>", PROSE);
	sprintf(p, "</article></body></html>");
	r = read_str("htmlin", page);
	assert_int_equal(count_type(r.doc, HERALD_NODE_ITEM), 0);
	assert_int_equal(count_type(r.doc, HERALD_NODE_HEADING), 3);
	run_free(&r);
	free(page);
	/* short entries at the end are entries, not the page's furniture;
	 * what follows the last one's text still goes */
	r = read_str("htmlin", "<html><body><article><p>" PROSE "</p><p>" PROSE
		"</p><p>" PROSE "</p>"
		"<h3>08:00 Ferry</h3><p>The ferry runs.</p>"
		"<h3>09:00 Market</h3><p>The stalls open.</p>"
		"<h3>10:00 Bridge</h3><p>It is closed.</p><p>Read more</p>"
		"</article></body></html>");
	assert_int_equal(count_type(r.doc, HERALD_NODE_ITEM), 3);
	assert_non_null(strstr(r.text, "It is closed.\n"));
	assert_null(strstr(r.text, "Read more"));
	run_free(&r);
	/* dates with the entries: items, whatever the level */
	r = read_str("htmlin", "<html><body><article>"
		"<h2>2021-05-03 One</h2><p>" PROSE "</p>"
		"<h2>2021-05-04 Two</h2><p>" PROSE "</p>"
		"<h2>Three</h2><p><time>5 May</time></p><p>" PROSE "</p>"
		"</article></body></html>");
	assert_int_equal(count_type(r.doc, HERALD_NODE_ITEM), 3);
	run_free(&r);
	/* a stamp named as a date, standing before its heading */
	r = read_str("htmlin", "<html><body><article>"
		"<div class=\"date\">Monday</div><h3>One</h3><p>" PROSE "</p>"
		"<div class=\"date\">Tuesday</div><h3>Two</h3><p>" PROSE "</p>"
		"<div class=\"date\">Wednesday</div><h3>Three</h3><p>" PROSE "</p>"
		"</article></body></html>");
	assert_int_equal(count_type(r.doc, HERALD_NODE_ITEM), 3);
	assert_string_equal(herald_node_title(nth_of(r.doc, HERALD_NODE_ITEM, 1)),
	                    "Tuesday Two");
	run_free(&r);
}

static void test_htmlin_captions(void **state)
{
	(void)state;
	run r = read_str("htmlin", "<html><head><title>Bridge</title></head><body>"
		"<article><figure><img src=x><figcaption><h2>The bridge</h2> in "
		"<b>April</b></figcaption></figure><p>" PROSE "</p><p>" PROSE "</p>"
		"<p>" PROSE "</p><table><caption>Votes</caption><tr><td>" PROSE
		"</td></tr></table><figure><figcaption>Short.</figcaption></figure>"
		"</article></body></html>");
	assert_int_equal(r.rc, HERALD_OK);
	/* never a title or heading; where the figure is; the last one
	 * not trimmed as the page's furniture */
	assert_string_equal(herald_doc_meta(r.doc, HERALD_META_TITLE), "Bridge");
	assert_int_equal(count_type(r.doc, HERALD_NODE_HEADING), 0);
	herald_node *first = herald_node_first_child(herald_doc_root(r.doc));
	assert_true(herald_node_has_tag(first, "caption"));
	assert_true(herald_node_has_tag(herald_node_next(first), "caption"));
	assert_false(herald_node_has_tag(nth_of(r.doc, HERALD_NODE_PARAGRAPH, 2),
	                                 "caption"));
	herald_node *last = herald_node_last_child(herald_doc_root(r.doc));
	char *t = herald_node_plain_text(last);
	assert_string_equal(t, "Short.");
	free(t);
	assert_true(herald_node_has_tag(last, "caption"));
	assert_non_null(strstr(r.text, "Votes\n"));
	run_free(&r);
	/* main=all tags them too */
	r = read_str("htmlin:main=all", "<figure><figcaption>A caption."
	             "</figcaption></figure><p>" PROSE "</p>");
	assert_true(herald_node_has_tag(first_of(r.doc, HERALD_NODE_PARAGRAPH),
	                                "caption"));
	run_free(&r);
}

static void test_htmlin_keep_links_false(void **state)
{
	static const char page[] =
		"<html><body><p>" PROSE " See <a href=\"https://x.example/\">the "
		"report</a>, published today, for details.</p></body></html>";
	run r = read_str("htmlin:keep-links=false", page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_int_equal(count_type(r.doc, HERALD_NODE_LINK), 0);
	assert_non_null(strstr(r.text, "See the report, published today"));
	run_free(&r);
}

/* A tooltip (a hidden box) inside a sentence's link leaves the sentence
 * one paragraph, and its own text out. */
static void test_htmlin_tooltip_in_link(void **state)
{
	static const char page[] =
		"<html><body><article><p>" PROSE " The <a href=\"/g\">GDP<span "
		"class=\"tooltip\"><div>Gross domestic product</div></span></a> grew, "
		"and so did <a href=\"/w\"><span>wages<div>, in real terms</div></span>"
		"</a> last year.</p></article></body></html>";
	run r = read_str("htmlin", page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_int_equal(count_type(r.doc, HERALD_NODE_PARAGRAPH), 1);
	assert_null(strstr(r.text, "Gross domestic"));
	assert_non_null(strstr(r.text, "The GDP grew, and so did wages, in real terms last year."));
	run_free(&r);
}

static void test_htmlin_only_script(void **state)
{
	static const char page[] =
		"<html><head><script>var a = 'text';</script></head><body>"
		"<script>document.write('<p>hello</p>')</script><style>p{}</style>"
		"<noscript>Enable JavaScript</noscript><template><p>x</p></template>"
		"</body></html>";
	run r = read_str("htmlin", page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_null(herald_node_first_child(herald_doc_root(r.doc)));
	assert_non_null(strstr(herald_diag_text(r.diag), "no visible text"));
	run_free(&r);
}

static void test_htmlin_everything_hidden(void **state)
{
	static const char page[] =
		"<html><body><div hidden><p>" PROSE "</p></div>"
		"<div style=\"display: none\"><p>" PROSE "</p></div>"
		"<div aria-hidden=\"true\"><p>" PROSE "</p></div>"
		"<p class=\"sr-only\">" PROSE "</p>"
		"<p style=\"VISIBILITY:hidden\">" PROSE "</p></body></html>";
	run r = read_str("htmlin", page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_string_equal(r.text, "");
	assert_non_null(strstr(herald_diag_text(r.diag), "no visible text"));
	/* all=on shows the visible text only, and there is none */
	run a = read_str("htmlin:main=all", page);
	assert_string_equal(a.text, "");
	run_free(&a);
	run_free(&r);
}

static void test_htmlin_javascript_base(void **state)
{
	static const char page[] =
		"<html><head><base href=\"javascript:alert(1)//\"></head><body>"
		"<p>" PROSE " Read <a href=\"next.html\">on</a>, or "
		"<a href=\" JaVa\tScRiPt:void(0)\">not</a>.</p></body></html>";
	run r = read_str("htmlin", page);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(strstr(herald_diag_text(r.diag), "<base href>"));
	herald_node *link = first_of(r.doc, HERALD_NODE_LINK);
	assert_non_null(link);
	assert_string_equal(herald_node_url(link), "next.html");
	assert_int_equal(count_type(r.doc, HERALD_NODE_LINK), 1);
	assert_non_null(strstr(herald_diag_text(r.diag),
	                       ":1: warning: htmlin: 1 javascript:, vbscript: or data: link kept as text only"));
	assert_non_null(strstr(r.text, "or not."));
	run_free(&r);
}

static void test_htmlin_invalid_bytes(void **state)
{
	/* Latin-1 declared and used, then bytes that are nothing */
	static const char page[] =
		"<html><head><meta charset=\"iso-8859-1\"></head><body><p>"
		"Caf\xe9 cr\xe8me, " PROSE "\x81\xff\x00 end.</p></body></html>";
	run r = read_page("htmlin", page, sizeof page - 1);
	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(strstr(r.text, "Caf\xc3\xa9 cr\xc3\xa8me,"));
	run_free(&r);
	/* undeclared, not UTF-8: detected, with a warning */
	static const char raw[] = "<p>\xe9t\xe9 \xe0 Paris, " PROSE "</p>";
	r = read_page("htmlin", raw, sizeof raw - 1);
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(strstr(r.text, "Paris"));
	assert_true(herald_utf8_is_valid(r.text, strlen(r.text)));
	run_free(&r);
}

/* n <div> deep, with a sentence at the bottom. */
static char *deep_page(size_t n, size_t *len)
{
	static const char open[] = "<div>", close[] = "</div>";
	size_t size = 64 + n * (sizeof open + sizeof close) + sizeof PROSE;
	char *s = malloc(size), *p = s;
	p += sprintf(p, "<html><body>");
	for (size_t i = 0; i < n; i++)
		memcpy(p, open, 5), p += 5;
	p += sprintf(p, "%s", PROSE);
	for (size_t i = 0; i < n; i++)
		memcpy(p, close, 6), p += 6;
	p += sprintf(p, "</body></html>");
	*len = (size_t)(p - s);
	return s;
}

static double time_deep(size_t n, run *out)
{
	size_t len;
	char *page = deep_page(n, &len);
	double t = seconds();
	run r = read_page("htmlin", page, len);
	t = seconds() - t;
	free(page);
	if (out)
		*out = r;
	else
		run_free(&r);
	return t;
}

static void test_htmlin_deep_nesting(void **state)
{
	run r;
	(void)state;
	/* past libxml2's depth limit (256) the page is read on, said so
	 * with the position, and the text at the bottom is kept */
	double t = time_deep(100000, &r);
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(strstr(herald_diag_text(r.diag),
	                       ":1:1288: warning: htmlin: elements nested deeper"));
	assert_non_null(strstr(r.text, "voted to rebuild"));
	assert_null(strstr(herald_diag_text(r.diag), "read up to there"));
	run_free(&r);
	assert_true(t < 10.0);
	/* below it, no warning */
	time_deep(200, &r);
	assert_int_equal(r.rc, HERALD_OK);
	assert_non_null(strstr(r.text, "voted to rebuild"));
	assert_null(strstr(herald_diag_text(r.diag), "nested deeper"));
	run_free(&r);
	/* what follows the nest keeps its own paragraphs */
	char *page = malloc(sizeof PROSE + 300 * 11 + 200), *p = page;
	p += sprintf(p, "<html><body><p>" PROSE "</p>");
	for (int i = 0; i < 300; i++)
		p += sprintf(p, "<div>");
	p += sprintf(p, "<p>Deep down, the last word.</p>");
	for (int i = 0; i < 300; i++)
		p += sprintf(p, "</div>");
	p += sprintf(p, "<p>After the nest, another sentence.</p></body></html>");
	r = read_str("htmlin:main=all", page);
	assert_non_null(strstr(r.text, "\nDeep down, the last word.\n"
	                               "After the nest, another sentence.\n"));
	run_free(&r);
	free(page);
	/* where libxml2 stops at a <title>, which it would put in a new
	 * page's head: its words stay in the body */
	page = malloc(255 * 5 + 200);
	p = page + sprintf(page, "<html><body>");
	for (int i = 0; i < 255; i++)
		p += sprintf(p, "<div>");
	sprintf(p, "<title>Deep title words</title><p>Deep paragraph.</p>");
	r = read_str("htmlin:main=all", page);
	assert_non_null(strstr(herald_diag_text(r.diag), ":1:1288: warning"));
	assert_non_null(strstr(r.text, "Deep title words\nDeep paragraph.\n"));
	run_free(&r);
	free(page);
	/* linear: twice the depth takes well under four times as long */
	double a = 1e9, b = 1e9;
	for (int i = 0; i < 3; i++) {
		double ta = time_deep(20000, NULL), tb = time_deep(40000, NULL);
		a = ta < a ? ta : a;
		b = tb < b ? tb : b;
	}
	assert_true(b < 3.5 * a + 0.25);
}

/* Hostile shapes, each repeated n times: the time must grow linearly. */
static const struct {
	const char *open, *close;
} shapes[] = {
	{ "<div class=\"author byline\">", "</div>" },
	{ "<h1>", "</h1>" },
	{ "<b><a href=\"x\">", "</a></b>" },
	{ "<ul><li>", "</li></ul>" },
	{ "<article><p>Some text, with a comma.", "</p></article>" },
	{ "<blockquote>", "</blockquote>" },
	{ "<table><tr><td>", "</td></tr></table>" },
	{ "<p><a href=\"javascript:x\">", "" },
	{ "<nav>", "</nav>" },
};

static double time_shape(size_t k, size_t n)
{
	size_t lo = strlen(shapes[k].open), lc = strlen(shapes[k].close);
	char *page = malloc(n * (lo + lc) + sizeof PROSE + 64), *p = page;
	p += sprintf(p, "<html><body>");
	for (size_t i = 0; i < n; i++)
		memcpy(p, shapes[k].open, lo), p += lo;
	p += sprintf(p, "%s", PROSE);
	for (size_t i = 0; i < n; i++)
		memcpy(p, shapes[k].close, lc), p += lc;
	double t = seconds();
	run r = read_page("htmlin", page, (size_t)(p - page));
	t = seconds() - t;
	assert_int_equal(r.rc, HERALD_OK);
	run_free(&r);
	free(page);
	return t;
}

static void test_htmlin_hostile_shapes_linear(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
		/* the best of three runs: the machine may be busy */
		double a = 1e9, b = 1e9;
		for (int i = 0; i < 3; i++) {
			double ta = time_shape(k, 10000), tb = time_shape(k, 20000);
			a = ta < a ? ta : a;
			b = tb < b ? tb : b;
		}
		if (b > 3.5 * a + 0.25)
			fail_msg("shape %s: 10000 in %.3f s, 20000 in %.3f s",
			         shapes[k].open, a, b);
		assert_true(time_shape(k, 50000) < 10.0);
	}
}

/* A page of about target bytes: paragraphs and navigation in an
 * article. */
static char *big_page(size_t target, size_t *len)
{
	static const char para[] = "<p>" PROSE "</p>\n";
	static const char nav[] = "<nav><a href=\"/x\">Home</a></nav>\n";
	char *page = malloc(target + 4096), *p = page;
	assert_non_null(page);
	p += sprintf(p, "<html><body><article>");
	while ((size_t)(p - page) < target) {
		memcpy(p, para, sizeof para - 1);
		p += sizeof para - 1;
		memcpy(p, nav, sizeof nav - 1);
		p += sizeof nav - 1;
	}
	p += sprintf(p, "</article></body></html>");
	*len = (size_t)(p - page);
	return page;
}

/* The peak resident memory (KiB) of a child that reads a page of about
 * size bytes, above what this process held when it forked.  Linux
 * starts a child's peak at its parent's resident memory, and a child
 * reuses what its parent freed without growing: so this runs as the
 * first test, while this process is small (skipped without /proc, and
 * under AddressSanitizer). */
static long child_peak_kib(size_t size)
{
	size_t len;
	char *page = big_page(size, &len);
	long pages = 0, resident = 0;
	FILE *statm = fopen("/proc/self/statm", "r");
	if (!statm)
		skip();
	assert_int_equal(fscanf(statm, "%ld %ld", &pages, &resident), 2);
	fclose(statm);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		run r = read_page("htmlin", page, len);
		_exit(r.rc == HERALD_OK ? 0 : 1);
	}
	int status;
	struct rusage ru;
	assert_int_equal(wait4(pid, &status, 0, &ru), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	free(page);
	return ru.ru_maxrss - resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* Memory grows with the page, not faster: twice the page, at most 2.5
 * times the memory, and under 40 times the page. */
static void test_htmlin_memory_bounded(void **state)
{
	(void)state;
#ifdef __SANITIZE_ADDRESS__
	skip();   /* the figures would be AddressSanitizer's shadow and quarantine */
#endif
	long a = child_peak_kib(4u << 20), b = child_peak_kib(8u << 20);
	fprintf(stderr, "# peak memory: 4 MiB page %ld KiB, 8 MiB page %ld KiB\n", a, b);
	if (b > 2.5 * a + 8192 || b > 40 * (8 << 10))
		fail_msg("peak memory: 4 MiB page %ld KiB, 8 MiB page %ld KiB", a, b);
}

static void test_htmlin_large_page(void **state)
{
	/* 50 MB of paragraphs and boilerplate */
	size_t len;
	char *page = big_page(50u << 20, &len);
	(void)state;
	double t = seconds();
	run r = read_page("htmlin", page, len);
	t = seconds() - t;
	assert_int_equal(r.rc, HERALD_OK);
	assert_true(count_type(r.doc, HERALD_NODE_PARAGRAPH) > 100000);
	assert_null(strstr(r.text, "Home"));
	assert_true(t < 60.0);
	run_free(&r);
	/* above max-size: refused, saying why */
	r = read_page("htmlin:max-size=1", page, len);
	assert_int_equal(r.rc, HERALD_EINPUT);
	assert_non_null(strstr(herald_diag_text(r.diag), "max-size"));
	run_free(&r);
	free(page);
}

/* Every corpus page reads without error, and most give some text. */
static void test_htmlin_corpus_reads(void **state)
{
	const char *top = getenv("top_srcdir");
	char dir[4096];
	(void)state;
	snprintf(dir, sizeof dir, "%s/../shared/html-corpus", top ? top : "..");
	DIR *d = opendir(dir);
	if (!d)
		skip();
	size_t pages = 0, empty = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".html"))
			continue;
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		long size = ftell(f);
		rewind(f);
		char *buf = malloc((size_t)size + 1);
		size_t got = fread(buf, 1, (size_t)size, f);
		fclose(f);
		run r = read_page("htmlin", buf, got);
		if (r.rc != HERALD_OK)
			fail_msg("%s: %s", e->d_name, herald_diag_text(r.diag));
		pages++;
		empty += strlen(r.text) < 200;
		run_free(&r);
		free(buf);
	}
	closedir(d);
	if (!pages)
		skip();
	assert_true(empty * 20 < pages);
}

/* --- interviews: bold speaker labels into turns (plugins/htmlin/turns.c) ---
 * The page is tests/htmlin/pages/interview.html, written for this test. */

static char *slurp(const char *rel, size_t *size)
{
	const char *top = getenv("top_srcdir");
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", top ? top : ".", rel);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(1 << 16);
	assert_non_null(buf);
	*size = fread(buf, 1, (1 << 16) - 1, f);
	buf[*size] = '\0';
	fclose(f);
	return buf;
}

/* The n-th child of a type (from 0), or NULL. */
static herald_node *nth_child(const herald_node *parent, herald_node_type type,
                              size_t n)
{
	for (herald_node *c = herald_node_first_child(parent); c;
	     c = herald_node_next(c))
		if (herald_node_type_of(c) == type && n-- == 0)
			return c;
	return NULL;
}

static size_t count_of(const herald_node *parent, herald_node_type type)
{
	size_t n = 0;

	while (nth_child(parent, type, n))
		n++;
	return n;
}

static void assert_turn(const herald_node *turn, herald_speaker_role role,
                        const char *label, const char *speaker,
                        const char *text)
{
	char *t = herald_node_plain_text(turn);

	assert_non_null(turn);
	assert_int_equal(herald_node_role(turn), role);
	assert_string_equal(herald_node_label(turn), label);
	if (speaker)
		assert_string_equal(herald_node_speaker(turn), speaker);
	else
		assert_null(herald_node_speaker(turn));
	assert_string_equal(t, text);
	free(t);
}

static void test_htmlin_interview_bold_labels_make_turns(void **state)
{
	size_t size;
	char *page = slurp("tests/htmlin/pages/interview.html", &size);
	run r = read_page("htmlin", page, size);
	herald_node *item;

	(void)state;
	assert_int_equal(r.rc, HERALD_OK);
	item = nth_child(herald_doc_root(r.doc), HERALD_NODE_ITEM, 0);
	assert_non_null(item);
	assert_int_equal(herald_node_item_kind(item), HERALD_ITEM_INTERVIEW);
	/* the introduction stays a paragraph, before the first question */
	assert_int_equal(count_of(item, HERALD_NODE_PARAGRAPH), 1);
	assert_int_equal(count_of(item, HERALD_NODE_TURN), 4);
	assert_turn(nth_child(item, HERALD_NODE_TURN, 0), HERALD_SPEAKER_INTERVIEWER,
	            "Q", NULL, "How did the season go for the fleet this year?");
	/* the unlabelled paragraph after an answer is the answer's */
	assert_turn(nth_child(item, HERALD_NODE_TURN, 1), HERALD_SPEAKER_INTERVIEWEE,
	            "Ada Lind", "Ada Lind",
	            "Well. The boats came back full, and the prices held all "
	            "summer long.\nWe had no storms to speak of until October.");
	assert_turn(nth_child(item, HERALD_NODE_TURN, 3), HERALD_SPEAKER_INTERVIEWEE,
	            "Ada Lind", "Ada Lind",
	            "We shall see. The quota talks start in January.");
	run_free(&r);
	free(page);
}

/* Bold labels without the pattern (a contact box, a product sheet), or
 * labels in plain text, leave the page as it was. */
static void test_htmlin_interview_no_pattern_no_turns(void **state)
{
	static const char *const pages[] = {
		"<html><body><article><p>The fair opens on Monday in the old "
		"market hall, with forty stands.</p>"
		"<p><strong>Telefon:</strong> 030 1234</p>"
		"<p><strong>Ort:</strong> Markthalle, Berlin</p>"
		"<p><strong>Note:</strong> entry is free.</p></article></body></html>",
		"<html><body><article><p>An introduction of some length to the "
		"talk that follows here.</p><p>Q: Why?</p><p>A: Because.</p>"
		"<p>Q: When?</p><p>A: Soon.</p></article></body></html>",
		"<html><body><article><p><b>MEDIA CONTACT:</b> Ada Lind, "
		"desk@example.org, for the city's press office.</p>"
		"<p>The council met on Monday.</p></article></body></html>",
	};

	(void)state;
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		run r = read_str("htmlin", pages[i]);
		assert_int_equal(r.rc, HERALD_OK);
		herald_node *root = herald_doc_root(r.doc);
		if (count_of(root, HERALD_NODE_ITEM) != 0)
			fail_msg("page %zu: an item", i);
		assert_true(count_of(root, HERALD_NODE_PARAGRAPH) >= 2);
		run_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* first: it measures a child's memory (see child_peak_kib) */
		cmocka_unit_test(test_htmlin_memory_bounded),
		cmocka_unit_test(test_htmlin_extracts_main_text),
		cmocka_unit_test(test_htmlin_trailing_short_blocks),
		cmocka_unit_test(test_htmlin_lead_and_credits),
		cmocka_unit_test(test_htmlin_boxes_of_one_design),
		cmocka_unit_test(test_htmlin_short_list_entries_are_no_prose),
		cmocka_unit_test(test_htmlin_main_all_keeps_everything_visible),
		cmocka_unit_test(test_htmlin_metadata),
		cmocka_unit_test(test_htmlin_byline),
		cmocka_unit_test(test_htmlin_title_without_site_name),
		cmocka_unit_test(test_htmlin_structure),
		cmocka_unit_test(test_htmlin_list_of_items),
		cmocka_unit_test(test_htmlin_sections_stay_one_article),
		cmocka_unit_test(test_htmlin_items_need_dates_and_short_texts),
		cmocka_unit_test(test_htmlin_captions),
		cmocka_unit_test(test_htmlin_keep_links_false),
		cmocka_unit_test(test_htmlin_tooltip_in_link),
		cmocka_unit_test(test_htmlin_only_script),
		cmocka_unit_test(test_htmlin_everything_hidden),
		cmocka_unit_test(test_htmlin_javascript_base),
		cmocka_unit_test(test_htmlin_invalid_bytes),
		cmocka_unit_test(test_htmlin_deep_nesting),
		cmocka_unit_test(test_htmlin_hostile_shapes_linear),
		cmocka_unit_test(test_htmlin_large_page),
		cmocka_unit_test(test_htmlin_corpus_reads),
		cmocka_unit_test(test_htmlin_interview_bold_labels_make_turns),
		cmocka_unit_test(test_htmlin_interview_no_pattern_no_turns),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
