/* html.c - the html writer: an HTML5 fragment (an <article>) or, with
 * standalone=true, a whole page with its own stylesheet.
 *
 * The page is built as a libxml2 HTML tree and serialised by libxml2's
 * HTML serialiser, which escapes text and attribute values, writes void
 * elements without an end tag and the doctype as "<!DOCTYPE html>".  The
 * tree is walked with herald_walker, so deep inline nesting costs no C
 * stack.  Each element made for a herald node records that node in
 * _private, which is how an EXIT event finds the element to close.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include <herald/plugin.h>

#include "markup.h"
#include "style.css.h"

typedef struct html_state {
	int standalone;
} html_state;

/* One conversion: everything lives here, on the writer's stack. */
typedef struct html_writer {
	htmlDocPtr doc;
	const herald_doc *model;
	char *href;              /* the document's URL made safe, or NULL */
	int last_rank;           /* the last heading's rank (h1..h6), 0: none */
	xmlNodePtr cur;          /* where the next child goes */
	herald_diag *diag;
	int oom;
} html_writer;

static const herald_option html_options[] = {
	{ "standalone", HERALD_OPT_BOOL, "false",
	  "write a whole page (doctype, head, stylesheet), not a fragment",
	  NULL },
	{ NULL, 0, NULL, NULL, NULL }
};

/* The label keys (data/lang/und/writer.txt) that name a section without
 * a heading, or introduce an item's speaker, by item kind
 * (herald_item_kind order). */
static const char *const kind_label[] = {
	"kind-news", "kind-statement", "kind-interview", "kind-speech"
};
static const char *const byline_label[] = {
	"byline-news", "byline-statement", "byline-interview", "byline-speech"
};

static int html_open(const herald_options *opts, void **state,
                     herald_diag *diag)
{
	html_state *st = herald_markup_open_state(sizeof *st, "html", diag);

	if (st == NULL)
		return HERALD_ENOMEM;
	st->standalone = herald_options_get_bool(opts, "standalone");
	*state = st;
	return HERALD_OK;
}

static void html_close(void *state)
{
	free(state);
}

/* --- building the tree -------------------------------------------------- */

static xmlNodePtr checked(html_writer *w, xmlNodePtr node)
{
	if (node == NULL)
		w->oom = 1;
	return node;
}

static void set_attr(html_writer *w, xmlNodePtr el, const char *name,
                     const char *value)
{
	if (el != NULL && xmlNewProp(el, BAD_CAST name, BAD_CAST value) == NULL)
		w->oom = 1;
}

/* Append text (cleaned of characters HTML cannot carry) to parent.  When
 * s is the text of the TEXT node about, its soft breaks that stand for
 * nothing are dropped too. */
static void add_text(html_writer *w, xmlNodePtr parent, const char *s,
                     const herald_node *about)
{
	size_t replaced = 0;
	const char *clean;

	if (parent == NULL || s == NULL || *s == '\0')
		return;
	if (about != NULL && herald_node_type_of(about) == HERALD_NODE_TEXT)
		clean = herald_markup_clean_text(about, &replaced);
	else
		clean = herald_markup_clean(s, &replaced);
	if (clean == NULL) {
		w->oom = 1;
		return;
	}
	if (replaced > 0) {
		unsigned long col, line = herald_markup_line(about, &col);
		herald_diag_report(w->diag, HERALD_WARNING, line, col,
		                   "html: %zu character(s) that HTML forbids "
		                   "replaced by U+FFFD", replaced);
	}
	if (xmlAddChild(parent, checked(w, xmlNewDocText(w->doc,
	                                                 BAD_CAST clean))) == NULL)
		w->oom = 1;
	if (clean != s)
		free((char *)clean);
}

static xmlNodePtr add_element(html_writer *w, xmlNodePtr parent,
                              const char *name, const char *class_name)
{
	xmlNodePtr el;

	if (parent == NULL)
		return NULL;
	el = checked(w, xmlNewDocNode(w->doc, NULL, BAD_CAST name, NULL));
	if (el == NULL)
		return NULL;
	xmlAddChild(parent, el);
	if (class_name != NULL)
		set_attr(w, el, "class", class_name);
	return el;
}

/* A block element starts on a line of its own, so the page reads well
 * as source too; the newline is whitespace between blocks. */
static xmlNodePtr add_block(html_writer *w, xmlNodePtr parent,
                            const char *name, const char *class_name)
{
	add_text(w, parent, "\n", NULL);
	return add_element(w, parent, name, class_name);
}

/* An element standing for node: carries its stable id and remembers the
 * node, so that the node's EXIT finds it. */
static xmlNodePtr add_node_block(html_writer *w, xmlNodePtr parent,
                                 const char *name, const char *class_name,
                                 const herald_node *node)
{
	xmlNodePtr el = add_block(w, parent, name, class_name);
	const char *id = herald_node_id(node);

	if (el != NULL) {
		el->_private = (void *)node;
		if (id != NULL && *id != '\0')
			set_attr(w, el, "id", id);
	}
	return el;
}

static void add_badges(html_writer *w, xmlNodePtr parent,
                       const herald_node *item)
{
	for (size_t i = 0; i < herald_node_tag_count(item); i++) {
		add_text(w, parent, " ", NULL);
		add_text(w, add_element(w, parent, "span", "badge"),
		         herald_node_tag(item, i), item);
	}
}

/* --- one handler per node type ------------------------------------------ */

/* The time of day as printed, under the date line: a <time> with a
 * machine-readable datetime when it reads as one, else plain text. */
static void open_time(html_writer *w, const herald_doc *doc,
                      xmlNodePtr header)
{
	const char *when = herald_doc_meta(doc, HERALD_META_TIME);
	char hhmm[6];
	xmlNodePtr p, time;

	if (when == NULL || *when == '\0')
		return;
	p = add_element(w, header, "p", "time");   /* after the h1's newline */
	if (herald_markup_time(when, hhmm)) {
		time = add_element(w, p, "time", NULL);
		set_attr(w, time, "datetime", hhmm);
		add_text(w, time, when, NULL);
	} else {
		add_text(w, p, when, NULL);
	}
	add_text(w, header, "\n", NULL);
}

/* The document's URL as an href, or NULL when it has none or its
 * scheme is unsafe (warned once, here). */
static char *document_href(html_writer *w, const herald_doc *doc)
{
	const char *url = herald_doc_meta(doc, HERALD_META_URL);
	char *href;

	if (url == NULL)
		return NULL;
	if (!herald_markup_url_is_safe(url)) {
		herald_warning(w->diag, "html: document URL with an unsafe "
		               "scheme left out");
		return NULL;
	}
	if ((href = herald_markup_url(url)) == NULL)
		w->oom = 1;
	return href;
}

/* Author and URL are metadata, not words of the page: as microdata on
 * the article (so that a fragment carries them too) with itemprop, and
 * in a page's head as <meta name="author"> and <link rel="canonical">
 * (head NULL: a fragment). */
static void add_meta(html_writer *w, xmlNodePtr parent, xmlNodePtr head)
{
	const char *author = herald_doc_meta(w->model, HERALD_META_AUTHOR);
	xmlNodePtr el;

	if (author == NULL && w->href == NULL)
		return;
	if (head == NULL) {
		set_attr(w, parent, "itemscope", "");
		set_attr(w, parent, "itemtype", "https://schema.org/NewsArticle");
	}
	if (author != NULL) {
		el = add_block(w, parent, "meta", NULL);
		set_attr(w, el, head ? "name" : "itemprop", "author");
		set_attr(w, el, "content", author);
	}
	if (w->href != NULL) {
		el = add_block(w, parent, "link", NULL);
		set_attr(w, el, head ? "rel" : "itemprop", head ? "canonical" : "url");
		set_attr(w, el, "href", w->href);
	}
}

static void open_header(html_writer *w, const herald_doc *doc,
                        xmlNodePtr article)
{
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);
	const char *date = herald_doc_meta(doc, HERALD_META_DATE);
	xmlNodePtr header, h1, time;

	if (title == NULL)
		title = date;
	if (title == NULL)
		return;
	header = add_block(w, article, "header", NULL);
	h1 = add_block(w, header, "h1", NULL);
	w->last_rank = 1;
	add_text(w, header, "\n", NULL);
	if (date != NULL && herald_markup_is_date(date)) {
		time = add_element(w, h1, "time", NULL);
		set_attr(w, time, "datetime", date);
		add_text(w, time, title, NULL);
	} else {
		add_text(w, h1, title, NULL);
	}
	open_time(w, doc, header);
}

static void open_item(html_writer *w, const herald_node *item)
{
	herald_item_kind kind = herald_node_item_kind(item);
	const char *title = herald_node_title(item);
	const char *speaker = herald_node_speaker(item);
	const char *lang;
	char class_name[64];
	xmlNodePtr section, line;

	if ((unsigned)kind > HERALD_ITEM_SPEECH)
		kind = HERALD_ITEM_NEWS;
	snprintf(class_name, sizeof class_name, "item %s%s",
	         herald_item_kind_name(kind),
	         herald_node_has_tag(item, "video") ? " video" : "");
	section = add_node_block(w, w->cur, "section", class_name, item);
	lang = herald_markup_item_lang(w->model, item, "html", w->diag);
	if (lang != NULL)
		set_attr(w, section, "lang", lang);
	if (title != NULL) {
		xmlNodePtr h2 = add_block(w, section, "h2", NULL);
		w->last_rank = 2;
		add_text(w, h2, title, item);
		add_badges(w, h2, item);
	} else {
		/* a section should be named; without a heading, by its kind */
		set_attr(w, section, "aria-label",
		         herald_lang_label(herald_markup_lang(w->model, item),
		                           kind_label[kind]));
		if (herald_node_tag_count(item) > 0)
			add_badges(w, add_block(w, section, "p", "tags"), item);
	}
	if (speaker != NULL) {
		line = add_block(w, section, "p", "byline");
		add_text(w, add_element(w, line, "span", "label"),
		         herald_lang_label(herald_markup_lang(w->model, item),
		                           byline_label[kind]), NULL);
		add_text(w, line, " ", NULL);
		add_text(w, add_element(w, line, "span", "person"), speaker,
		         item);
	}
	w->cur = section;
}

/* The epigraph (a QUOTE under the document) is a section of its own;
 * a quotation inside an item is a figure in the item's flow.  Either way
 * the quoted paragraphs go in a blockquote and the attribution in the
 * figure's caption, outside the quoted words. */
static void open_quote(html_writer *w, const herald_node *quote)
{
	int epigraph = herald_node_type_of(herald_node_parent(quote)) ==
	               HERALD_NODE_DOCUMENT;
	const char *title = herald_node_title(quote);
	xmlNodePtr box, figure;

	if (epigraph) {
		box = add_node_block(w, w->cur, "section", "epigraph", quote);
		if (title != NULL) {
			add_text(w, add_block(w, box, "h2", NULL), title, quote);
			w->last_rank = 2;
		} else {
			set_attr(w, box, "aria-label",
			         herald_lang_label(herald_markup_lang(w->model, NULL),
			                           "epigraph"));
		}
		figure = add_block(w, box, "figure", NULL);
	} else {
		figure = box = add_node_block(w, w->cur, "figure", "quote",
		                              quote);
		if (title != NULL) {
			add_text(w, add_block(w, box, "h3", NULL), title, quote);
			w->last_rank = 3;
		}
	}
	w->cur = add_block(w, figure, "blockquote", NULL);
}

static void close_quote(html_writer *w, const herald_node *quote,
                        xmlNodePtr box)
{
	const char *author = herald_node_speaker(quote);
	int is_figure = xmlStrcmp(box->name, BAD_CAST "figure") == 0;
	xmlNodePtr figure = is_figure ? box : box->last;

	if (figure == NULL || figure->last == NULL)
		return;
	add_text(w, figure->last, "\n", NULL);        /* the blockquote */
	if (author != NULL) {
		xmlNodePtr caption = add_block(w, figure, "figcaption", NULL);
		add_text(w, add_element(w, caption, "cite", NULL), author, quote);
	}
	add_text(w, figure, "\n", NULL);
	if (!is_figure)
		add_text(w, box, "\n", NULL);
}

static void open_turn(html_writer *w, const herald_node *turn)
{
	herald_speaker_role role = herald_node_role(turn);
	const char *role_class = herald_markup_role_label(role);
	const char *name = herald_markup_turn_name(turn);
	char class_name[32];
	xmlNodePtr p;

	snprintf(class_name, sizeof class_name, "turn%s%s",
	         role_class ? " " : "", role_class ? role_class : "");
	p = add_node_block(w, w->cur, "p", class_name, turn);
	if (name == NULL && role_class != NULL)
		name = herald_markup_role_word(w->model, turn);
	if (name != NULL) {
		add_text(w, add_element(w, p, "b", "speaker"), name, turn);
		add_text(w, p, " ", NULL);
	}
	w->cur = p;
}

static void open_link(html_writer *w, const herald_node *link)
{
	const char *url = herald_node_url(link);
	xmlNodePtr a = add_element(w, w->cur, "a", NULL);

	if (a == NULL)
		return;
	a->_private = (void *)link;
	w->cur = a;
	if (url == NULL)
		return;
	if (!herald_markup_url_is_safe(url)) {
		unsigned long col, line = herald_markup_line(link, &col);
		herald_diag_report(w->diag, HERALD_WARNING, line, col,
		                   "html: link target with an unsafe scheme "
		                   "left out; its text is kept");
		return;
	}
	char *escaped = herald_markup_url(url);
	if (escaped == NULL) {
		w->oom = 1;
		return;
	}
	set_attr(w, a, "href", escaped);
	free(escaped);
}

/* An inline element that stands for node and holds its children. */
static void open_inline(html_writer *w, const herald_node *node,
                        const char *name, const char *class_name, int id)
{
	xmlNodePtr el = add_element(w, w->cur, name, class_name);

	if (el == NULL)
		return;
	el->_private = (void *)node;
	if (id)
		set_attr(w, el, "id", herald_node_id(node));
	w->cur = el;
}

/* A subheading ranks below the item's title (h2): level 1 is h3, and
 * HTML has no heading below h6.  A heading may also go at most one rank
 * deeper than the one before it (the outline may not skip a level, and
 * the Nu checker calls that an error), so a model that jumps from level
 * 1 to 3 gets h3 then h4. */
static void open_heading(html_writer *w, const herald_node *heading)
{
	unsigned level = herald_node_heading_level(heading);
	int rank = level < 4 ? (int)level + 2 : 6;
	char name[3] = { 'h', '0', '\0' };

	if (w->last_rank > 0 && rank > w->last_rank + 1)
		rank = w->last_rank + 1;
	w->last_rank = rank;
	name[1] = (char)('0' + rank);

	w->cur = add_node_block(w, w->cur, name, NULL, heading);
}

static void open_list(html_writer *w, const herald_node *list)
{
	int ordered = herald_node_list_type(list) == HERALD_LIST_ORDERED;
	unsigned long start = herald_node_list_start(list);
	xmlNodePtr el = add_node_block(w, w->cur, ordered ? "ol" : "ul", NULL,
	                               list);
	char number[32];

	if (ordered && start != 1) {
		snprintf(number, sizeof number, "%lu", start);
		set_attr(w, el, "start", number);
	}
	w->cur = el;
}

static void enter(html_writer *w, const herald_node *node)
{
	switch (herald_node_type_of(node)) {
	case HERALD_NODE_DOCUMENT:
		break;
	case HERALD_NODE_ITEM:
		open_item(w, node);
		break;
	case HERALD_NODE_QUOTE:
		open_quote(w, node);
		break;
	case HERALD_NODE_PARAGRAPH:
		w->cur = add_node_block(w, w->cur, "p", NULL, node);
		break;
	case HERALD_NODE_TURN:
		open_turn(w, node);
		break;
	case HERALD_NODE_SENTENCE:
		open_inline(w, node, "span", "s", 1);
		break;
	case HERALD_NODE_EMPH:
		open_inline(w, node, "em", NULL, 0);
		break;
	case HERALD_NODE_LINK:
		open_link(w, node);
		break;
	case HERALD_NODE_TEXT:
		add_text(w, w->cur, herald_node_text(node), node);
		break;
	case HERALD_NODE_LINEBREAK:
		add_element(w, w->cur, "br", NULL);
		break;
	case HERALD_NODE_HEADING:
		open_heading(w, node);
		break;
	case HERALD_NODE_LIST:
		open_list(w, node);
		break;
	case HERALD_NODE_LIST_ITEM:
		w->cur = add_node_block(w, w->cur, "li", NULL, node);
		break;
	}
}

/* Close node: climb to the element made for it and continue in its
 * parent. */
static void leave(html_writer *w, const herald_node *node)
{
	xmlNodePtr el = w->cur;
	herald_node_type type = herald_node_type_of(node);

	if (type == HERALD_NODE_DOCUMENT)
		return;
	while (el != NULL && el->_private != (void *)node)
		el = el->parent;
	if (el == NULL)
		return;               /* never opened: out of memory earlier */
	if (type == HERALD_NODE_QUOTE)
		close_quote(w, node, el);
	else if (type == HERALD_NODE_ITEM || type == HERALD_NODE_LIST ||
	         (type == HERALD_NODE_LIST_ITEM && el->last != NULL &&
	          el->last->type == XML_ELEMENT_NODE))
		add_text(w, el, "\n", NULL);
	w->cur = el->parent;
}

/* --- the page around the article ---------------------------------------- */

static xmlNodePtr build_page(html_writer *w, const herald_doc *doc,
                             const char *lang)
{
	const char *title = herald_markup_doc_title(doc);
	xmlNodePtr html, head, meta, body;

	if (xmlCreateIntSubset(w->doc, BAD_CAST "html", NULL, NULL) == NULL)
		w->oom = 1;
	html = checked(w, xmlNewDocNode(w->doc, NULL, BAD_CAST "html", NULL));
	if (html == NULL)
		return NULL;
	xmlDocSetRootElement(w->doc, html);
	if (lang != NULL)
		set_attr(w, html, "lang", lang);
	head = add_block(w, html, "head", NULL);
	meta = add_block(w, head, "meta", NULL);
	set_attr(w, meta, "charset", "utf-8");
	meta = add_block(w, head, "meta", NULL);
	set_attr(w, meta, "name", "viewport");
	set_attr(w, meta, "content", "width=device-width, initial-scale=1");
	meta = add_block(w, head, "meta", NULL);
	set_attr(w, meta, "name", "generator");
	set_attr(w, meta, "content", "herald");
	add_meta(w, head, head);
	add_text(w, add_block(w, head, "title", NULL), title, NULL);
	add_text(w, add_block(w, head, "style", NULL), html_stylesheet, NULL);
	add_text(w, head, "\n", NULL);
	body = add_block(w, html, "body", NULL);
	add_text(w, html, "\n", NULL);
	return body;
}

static int serialise(html_writer *w, xmlNodePtr article, int standalone,
                     FILE *out)
{
	xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL);

	if (buf == NULL)
		return HERALD_ENOMEM;
	/* NULL encoding: UTF-8 as it is, no entities for non-ASCII text */
	if (standalone)
		htmlDocContentDumpFormatOutput(buf, w->doc, NULL, 0);
	else
		htmlNodeDumpFormatOutput(buf, w->doc, article, NULL, 0);
	xmlOutputBufferWrite(buf, 1, "\n");
	return xmlOutputBufferClose(buf) < 0 ? HERALD_EIO : HERALD_OK;
}

static int html_write(void *state, const herald_doc *doc, FILE *out,
                      herald_diag *diag)
{
	const html_state *st = state;
	const char *lang = herald_doc_meta(doc, HERALD_META_LANGUAGE);
	html_writer w = { .diag = diag, .model = doc };
	herald_walker walker;
	herald_walk_event ev;
	xmlNodePtr parent, article;
	int rc;

	if (lang != NULL && !herald_markup_is_language(lang)) {
		herald_warning(diag, "html: language '%s' is not a BCP 47 tag; "
		               "left out", lang);
		lang = NULL;
	}
	w.doc = htmlNewDocNoDtD(NULL, NULL);
	if (w.doc == NULL) {
		herald_error(diag, "html: out of memory");
		return HERALD_ENOMEM;
	}
	w.href = document_href(&w, doc);
	parent = st->standalone ? build_page(&w, doc, lang) : (xmlNodePtr)w.doc;
	article = add_element(&w, parent, "article", "bulletin");
	if (!st->standalone && lang != NULL)
		set_attr(&w, article, "lang", lang);
	add_meta(&w, article, NULL);
	open_header(&w, doc, article);
	w.cur = article;
	herald_walker_init(&walker, herald_doc_root(doc));
	while (!w.oom && (ev = herald_walker_next(&walker)) != HERALD_WALK_DONE) {
		if (ev == HERALD_WALK_ENTER)
			enter(&w, walker.node);
		else
			leave(&w, walker.node);
	}
	add_text(&w, article, "\n", NULL);
	if (st->standalone)
		add_text(&w, parent, "\n", NULL);
	if (w.oom) {
		herald_error(diag, "html: out of memory");
		rc = HERALD_ENOMEM;
	} else if ((rc = serialise(&w, article, st->standalone, out)) != 0) {
		herald_error(diag, "html: cannot write the output");
	}
	xmlFreeDoc(w.doc);
	free(w.href);
	return rc;
}

HERALD_PLUGIN(html) = {
	.abi_version = HERALD_ABI_VERSION,
	.name = "html",
	.version = "1.0",
	.description = "writes HTML5: a fragment, or a page (standalone=true)",
	.roles = HERALD_ROLE_WRITER,
	.output_extension = "html",
	.options = html_options,
	.open = html_open,
	.close = html_close,
	.write = html_write,
	.writer_flags = HERALD_WRITER_SITE,
};
