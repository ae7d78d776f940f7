/* html.c - the html writer: an HTML5 fragment (an <article>) or, with
 * standalone=true, a whole page with its own stylesheet.
 *
 * The page is streamed: no tree is built.  The model is walked with
 * herald_walker (deep inline nesting costs no C stack); entering a node
 * writes its start tag, leaving it closes the elements opened for it,
 * from a stack of open elements.  Text and attribute values are escaped
 * in runs, a byte table saying which bytes need an entity, and the
 * output is gathered in a buffer that goes out by fwrite when full.
 * The bytes are those libxml2's HTML serialiser wrote for the tree this
 * writer used to build: void elements without end tag, the doctype as
 * "<!DOCTYPE html>", UTF-8 as it is, "&", "<" and ">" as entities, and
 * in attribute values '"' too (where libxml2 switched to single quotes).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/escape.h>
#include <herald/plugin.h>

#include "markup.h"
#include "search.h"
#include "style.css.h"

typedef struct html_state {
	int standalone;
} html_state;

/* What an open element last received, which decides whether a list
 * item ends on a line of its own. */
typedef enum last_child {
	LAST_NONE,
	LAST_TEXT,
	LAST_ELEMENT
} last_child;

typedef struct open_element {
	const char *name;
	const herald_node *node;   /* the model node it stands for, or NULL */
	last_child last;
} open_element;

/* One conversion: everything lives here, on the writer's stack. */
typedef struct html_writer {
	herald_sink out;           /* a failed write stops it (out.failed) */
	open_element *stack;       /* the elements open, outermost first */
	size_t depth, cap;
	const herald_doc *model;
	char *href;                /* the document's URL made safe, or NULL */
	int last_rank;             /* the last heading's rank (h1..h6), 0: none */
	herald_diag *diag;
	int oom;
} html_writer;

static const herald_option html_options[] = {
	{ .name = "standalone", .type = HERALD_OPT_BOOL, .default_value = "false",
	  .help = "write a whole page (doctype, head, stylesheet), not a fragment" },
	{ 0 }
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
static const char *const heading_name[] = {
	"h1", "h2", "h3", "h4", "h5", "h6"
};

static int html_open(const herald_options *opts, void **state,
                     herald_diag *diag)
{
	html_state *st = calloc(1, sizeof *st);

	if (st == NULL) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	st->standalone = herald_options_bool(opts, "standalone");
	*state = st;
	return HERALD_OK;
}

static void html_close(void *state)
{
	free(state);
}

/* --- bytes out ------------------------------------------------------------ */

static void put(html_writer *w, const char *s, size_t n)
{
	herald_sink_put(&w->out, s, n);
}

/* (the sink's inline put, not a call into libherald: every tag and
 * attribute name goes through here) */
static inline void put_str(html_writer *w, const char *s)
{
	herald_sink_put(&w->out, s, strlen(s));
}

/* The bytes that must become entities: in text '&', '<' and '>' (the
 * ones that could start markup, as libxml2 wrote them), in a
 * double-quoted attribute value also '"'. */
static const char *const entity[] = {
	NULL, "&amp;", "&lt;", "&gt;", "&quot;"
};
static const herald_escapes text_special = {
	.index = { ['&'] = 1, ['<'] = 2, ['>'] = 3 }, .with = entity
};
static const herald_escapes attr_special = {
	.index = { ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4 }, .with = entity
};

/* s[0..n) with the bytes special names as entities: each run between
 * two of them goes out whole. */
static void put_escaped(html_writer *w, const char *s, size_t n,
                        const herald_escapes *special)
{
	herald_sink_escaped(&w->out, s, n, special);
}

/* --- elements ------------------------------------------------------------- */

static open_element *top(html_writer *w)
{
	return w->depth > 0 ? &w->stack[w->depth - 1] : NULL;
}

/* Write "<name" (attributes follow, then end_start_tag).  What is
 * written goes into the open element on top. */
static void start_tag(html_writer *w, const char *name)
{
	if (top(w) != NULL)
		top(w)->last = LAST_ELEMENT;
	put(w, "<", 1);
	put_str(w, name);
}

static void attr(html_writer *w, const char *name, const char *value)
{
	put(w, " ", 1);
	put_str(w, name);
	put(w, "=\"", 2);
	put_escaped(w, value, strlen(value), &attr_special);
	put(w, "\"", 1);
}

static void class_attr(html_writer *w, const char *class_name)
{
	if (class_name != NULL)
		attr(w, "class", class_name);
}

/* Close the start tag and make the element the open one, standing for
 * node (or NULL). */
static void end_start_tag(html_writer *w, const char *name,
                          const herald_node *node)
{
	put(w, ">", 1);
	if (w->depth == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		open_element *grown = realloc(w->stack, cap * sizeof *grown);
		if (grown == NULL) {
			w->oom = 1;
			return;
		}
		w->stack = grown;
		w->cap = cap;
	}
	w->stack[w->depth++] = (open_element){ name, node, LAST_NONE };
}

/* An element with only a class: <name class="..."> */
static void open_element_as(html_writer *w, const char *name,
                            const char *class_name, const herald_node *node)
{
	start_tag(w, name);
	class_attr(w, class_name);
	end_start_tag(w, name, node);
}

static void open_plain(html_writer *w, const char *name,
                       const char *class_name)
{
	open_element_as(w, name, class_name, NULL);
}

static void close_element(html_writer *w)
{
	if (w->depth == 0)
		return;
	w->depth--;
	put(w, "</", 2);
	put_str(w, w->stack[w->depth].name);
	put(w, ">", 1);
}

/* Bytes of text as they are (already clean and escaped). */
static void put_text_raw(html_writer *w, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (top(w) != NULL)
		top(w)->last = LAST_TEXT;
	put(w, s, n);
}

/* A block element starts on a line of its own, so the page reads well
 * as source too; the newline is whitespace between blocks. */
static void newline(html_writer *w)
{
	put_text_raw(w, "\n", 1);
}

static void warn_replaced(html_writer *w, size_t replaced,
                          const herald_node *about)
{
	herald_markup_warn_replaced(w->diag, replaced, about, "HTML");
}

/* s made safe for HTML (herald_markup_clean; for the text of a TEXT node
 * about, also its soft breaks that stand for nothing dropped), with a
 * warning giving about's line when characters were replaced.  NULL when
 * out of memory; free the result when it differs from s. */
static const char *clean(html_writer *w, const char *s,
                         const herald_node *about)
{
	size_t replaced = 0;
	const char *safe;

	if (about != NULL && herald_node_type_of(about) == HERALD_NODE_TEXT)
		safe = herald_markup_clean_text(about, &replaced, NULL);
	else
		safe = herald_markup_clean(s, &replaced);
	if (safe == NULL) {
		w->oom = 1;
		return NULL;
	}
	warn_replaced(w, replaced, about);
	return safe;
}

/* Text of the model (or a label), cleaned and escaped, into the open
 * element. */
static void text(html_writer *w, const char *s, const herald_node *about)
{
	const char *safe;
	int written;

	if (s == NULL || *s == '\0')
		return;
	/* a TEXT node's text is cleaned and escaped in one pass */
	if (about != NULL && herald_node_type_of(about) == HERALD_NODE_TEXT) {
		size_t replaced = herald_markup_put_text(&w->out, about,
		                                         &text_special, &written);
		if (written && top(w) != NULL)
			top(w)->last = LAST_TEXT;
		warn_replaced(w, replaced, about);
		return;
	}
	if ((safe = clean(w, s, about)) == NULL)
		return;
	if (*safe != '\0') {
		if (top(w) != NULL)
			top(w)->last = LAST_TEXT;
		put_escaped(w, safe, strlen(safe), &text_special);
	}
	if (safe != s)
		free((char *)safe);
}

/* An attribute whose value comes from the input: cleaned like text. */
static void attr_text(html_writer *w, const char *name, const char *value,
                      const herald_node *about)
{
	const char *safe = clean(w, value, about);

	if (safe == NULL)
		return;
	attr(w, name, safe);
	if (safe != value)
		free((char *)safe);
}

/* <name class="...">text</name>, the text cleaned and escaped. */
static void text_element(html_writer *w, const char *name,
                         const char *class_name, const char *s,
                         const herald_node *about)
{
	open_plain(w, name, class_name);
	text(w, s, about);
	close_element(w);
}

/* The start tag of an element standing for node, with its class and its
 * stable id (further attributes may follow before end_start_tag). */
static void start_node_tag(html_writer *w, const char *name,
                           const char *class_name, const herald_node *node)
{
	const char *id = herald_node_id(node);

	start_tag(w, name);
	class_attr(w, class_name);
	if (id != NULL && *id != '\0')
		attr(w, "id", id);
}

/* A block standing for node, on a line of its own. */
static void open_node_block(html_writer *w, const char *name,
                            const char *class_name, const herald_node *node)
{
	newline(w);
	start_node_tag(w, name, class_name, node);
	end_start_tag(w, name, node);
}

static void add_badges(html_writer *w, const herald_node *item)
{
	for (size_t i = 0; i < herald_node_tag_count(item); i++) {
		put_text_raw(w, " ", 1);
		text_element(w, "span", "badge", herald_node_tag(item, i), item);
	}
}

/* --- the header ------------------------------------------------------------ */

/* The time of day as printed, or NULL when there is none. */
static const char *time_of_day(const herald_doc *doc)
{
	const char *when = herald_doc_meta(doc, HERALD_META_TIME);

	return when != NULL && *when != '\0' ? when : NULL;
}

/* The time of day as printed, under the date line: a <time> with a
 * machine-readable datetime when it reads as one, else plain text. */
static void add_time(html_writer *w, const herald_doc *doc)
{
	const char *when = time_of_day(doc);
	char hhmm[6];

	if (when == NULL)
		return;
	open_plain(w, "p", "time");          /* after the h1's newline */
	if (herald_markup_time(when, hhmm)) {
		start_tag(w, "time");
		attr(w, "datetime", hhmm);
		end_start_tag(w, "time", NULL);
		text(w, when, NULL);
		close_element(w);
	} else {
		text(w, when, NULL);
	}
	close_element(w);
	newline(w);
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
		herald_warning(w->diag, "document URL with an unsafe "
		               "scheme left out");
		return NULL;
	}
	if ((href = herald_markup_url(url)) == NULL)
		w->oom = 1;
	return href;
}

static int has_meta(const html_writer *w)
{
	return herald_doc_meta(w->model, HERALD_META_AUTHOR) != NULL ||
	       w->href != NULL;
}

/* Author and URL are metadata, not words of the page: as microdata in
 * the article (so that a fragment carries them too) with itemprop (the
 * article's itemscope is written with its start tag), and in a page's
 * head as <meta name="author"> and <link rel="canonical">. */
static void add_meta(html_writer *w, int in_head)
{
	const char *author = herald_doc_meta(w->model, HERALD_META_AUTHOR);

	if (author != NULL) {
		newline(w);
		start_tag(w, "meta");
		attr(w, in_head ? "name" : "itemprop", "author");
		attr_text(w, "content", author, NULL);
		put(w, ">", 1);                      /* void: no end tag */
	}
	if (w->href != NULL) {
		newline(w);
		start_tag(w, "link");
		attr(w, in_head ? "rel" : "itemprop", in_head ? "canonical" : "url");
		attr(w, "href", w->href);
		put(w, ">", 1);
	}
}

/* s, as a <time> of datetime when that is a W3C date. */
static void time_text(html_writer *w, const char *datetime, const char *s,
                      const herald_node *about)
{
	if (datetime == NULL || !herald_date_is_valid(datetime)) {
		text(w, s, about);
		return;
	}
	start_tag(w, "time");
	attr(w, "datetime", datetime);
	end_start_tag(w, "time", NULL);
	text(w, s, NULL);
	close_element(w);
}

/* The printed lines the reader kept in free fields that stand at
 * place (herald_doc_field_place): one <p class="KEY"> each. */
static void add_fields(html_writer *w, const herald_doc *doc,
                       herald_field_place place)
{
	const char *shown;

	for (size_t i = 0; i < herald_doc_field_count(doc); i++)
		if (herald_doc_field_place(doc, i, &shown) == place &&
		    shown != NULL) {
			open_plain(w, "p", herald_doc_field_key(doc, i));
			text(w, shown, NULL);
			close_element(w);
			newline(w);
		}
}

static bool has_fields(const herald_doc *doc, herald_field_place place)
{
	const char *shown;

	for (size_t i = 0; i < herald_doc_field_count(doc); i++)
		if (herald_doc_field_place(doc, i, &shown) == place &&
		    shown != NULL)
			return true;
	return false;
}

/* The lines under the text (an end mark, a signature, a contact
 * block), in a <footer> of the article. */
static void add_footer(html_writer *w, const herald_doc *doc)
{
	if (!has_fields(doc, HERALD_FIELD_FOOT))
		return;
	newline(w);
	open_plain(w, "footer", NULL);
	newline(w);
	add_fields(w, doc, HERALD_FIELD_FOOT);
	close_element(w);
}

/* The document's heading: its title, and its date as printed (or its
 * date).  A digest's title is its date line: one h1, marked up as the
 * date.  Another title gets the date on a line of its own, and is left
 * to the item when the document is one item of that title.  Then the
 * time of day and the printed lines above the text (a byline, a
 * place). */
static void add_header(html_writer *w, const herald_doc *doc)
{
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);
	const char *dateline = herald_markup_dateline(doc);
	bool title_is_date = title == NULL || herald_doc_title_is_dateline(doc);

	if (title != NULL && !title_is_date && herald_doc_title_is_its_item(doc))
		title = NULL;
	else if (title == NULL)
		title = dateline;
	if (title == NULL && dateline == NULL && time_of_day(doc) == NULL &&
	    !has_fields(doc, HERALD_FIELD_HEAD))
		return;
	newline(w);
	open_plain(w, "header", NULL);
	newline(w);
	if (title != NULL) {
		open_plain(w, "h1", NULL);
		w->last_rank = 1;
		if (title_is_date)
			time_text(w, herald_doc_meta(doc, HERALD_META_DATE), title, NULL);
		else
			text(w, title, NULL);
		close_element(w);
		newline(w);
	}
	if (!title_is_date && dateline != NULL) {
		open_plain(w, "p", "dateline");
		time_text(w, herald_doc_meta(doc, HERALD_META_DATE), dateline, NULL);
		close_element(w);
		newline(w);
	}
	add_time(w, doc);
	add_fields(w, doc, HERALD_FIELD_HEAD);
	close_element(w);
}

/* --- one handler per node type ---------------------------------------------- */

/* Text that is a date (an index's entry titled "2020-01-05") as a
 * <time>, so that it is one format for people and machines alike. */
static void date_text(html_writer *w, const char *s, const herald_node *about)
{
	time_text(w, s, s, about);
}

/* A link to the item's own id after its title: its permalink.  Without
 * text of its own (the stylesheet draws a "#", the label names it), so
 * that the page's words are the model's words. */
static void add_permalink(html_writer *w, const herald_node *item)
{
	const char *id = herald_node_id(item);
	char href[128];

	if (id == NULL || *id == '\0' || strlen(id) + 2 > sizeof href)
		return;
	snprintf(href, sizeof href, "#%s", id);
	start_tag(w, "a");
	class_attr(w, "permalink");
	attr(w, "href", href);
	attr(w, "aria-label",
	     herald_lang_label(herald_markup_lang(w->model, item), "permalink"));
	end_start_tag(w, "a", NULL);
	close_element(w);
}

static void open_item(html_writer *w, const herald_node *item)
{
	herald_item_kind kind = herald_node_item_kind(item);
	const char *title = herald_node_title(item);
	const char *speaker = herald_node_speaker(item);
	const char *lang;
	char class_name[64];

	if ((unsigned)kind > HERALD_ITEM_SPEECH)
		kind = HERALD_ITEM_NEWS;
	/* An item with nothing below its title or tags (a VIDEO item whose
	 * content is the video, a quotation given as a title) is marked
	 * empty: the stylesheet joins an untitled brief after it to it
	 * rather than draw a band around a lone heading or badge. */
	snprintf(class_name, sizeof class_name, "item %s%s%s",
	         herald_item_kind_name(kind),
	         herald_node_has_tag(item, "video") ? " video" : "",
	         herald_node_first_child(item) == NULL ? " empty" : "");
	newline(w);
	start_node_tag(w, "section", class_name, item);
	lang = herald_markup_item_lang(w->model, item, "html", w->diag);
	if (lang != NULL)
		attr(w, "lang", lang);
	if (title == NULL)    /* a section should be named: by its kind */
		attr(w, "aria-label",
		     herald_lang_label(herald_markup_lang(w->model, item),
		                       kind_label[kind]));
	end_start_tag(w, "section", item);
	if (title != NULL) {
		newline(w);
		open_plain(w, "h2", NULL);
		w->last_rank = 2;
		date_text(w, title, item);
		add_badges(w, item);
		add_permalink(w, item);
		close_element(w);
	} else if (herald_node_tag_count(item) > 0) {
		newline(w);
		open_plain(w, "p", "tags");
		add_badges(w, item);
		close_element(w);
	}
	if (speaker != NULL) {
		newline(w);
		open_plain(w, "p", "byline");
		text_element(w, "span", "label",
		             herald_lang_label(herald_markup_lang(w->model, item),
		                               byline_label[kind]), NULL);
		put_text_raw(w, " ", 1);
		text_element(w, "span", "person", speaker, item);
		close_element(w);
	}
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

	if (epigraph) {
		newline(w);
		start_node_tag(w, "section", "epigraph", quote);
		if (title == NULL)
			attr(w, "aria-label",
			     herald_lang_label(herald_markup_lang(w->model, NULL),
			                       "epigraph"));
		end_start_tag(w, "section", quote);
		if (title != NULL) {
			newline(w);
			text_element(w, "h2", NULL, title, quote);
			w->last_rank = 2;
		}
		newline(w);
		open_plain(w, "figure", NULL);
	} else {
		open_node_block(w, "figure", "quote", quote);
		if (title != NULL) {
			newline(w);
			text_element(w, "h3", NULL, title, quote);
			w->last_rank = 3;
		}
	}
	newline(w);
	open_plain(w, "blockquote", NULL);
}

/* Inside the blockquote, its paragraphs written: close it, add the
 * attribution and close the figure (and the epigraph's section). */
static void close_quote(html_writer *w, const herald_node *quote)
{
	const char *author = herald_node_speaker(quote);
	int epigraph = herald_node_type_of(herald_node_parent(quote)) ==
	               HERALD_NODE_DOCUMENT;

	newline(w);
	close_element(w);                             /* the blockquote */
	if (author != NULL) {
		newline(w);
		open_plain(w, "figcaption", NULL);
		text_element(w, "cite", NULL, author, quote);
		close_element(w);
	}
	newline(w);
	if (epigraph) {
		close_element(w);                         /* the figure */
		newline(w);
	}
}

/* A turn's speaker: the label the source printed ("MS. PSAKI"), with
 * the person it names in data-person; without a label, the person, else
 * the word for the turn's role ("Interviewer"). */
static void add_speaker(html_writer *w, const herald_node *turn)
{
	const char *label = herald_node_label(turn);
	const char *person = herald_markup_turn_name(turn);

	if (label != NULL && *label != '\0') {
		start_tag(w, "b");
		class_attr(w, "speaker");
		if (person != NULL)
			attr_text(w, "data-person", person, turn);
		end_start_tag(w, "b", NULL);
		text(w, label, turn);
		close_element(w);
	} else {
		if (person == NULL)   /* NULL too for an unknown role */
			person = herald_markup_role_word(w->model, turn);
		if (person == NULL)
			return;
		text_element(w, "b", "speaker", person, turn);
	}
	put_text_raw(w, " ", 1);
}

static void open_turn(html_writer *w, const herald_node *turn)
{
	const char *role_class = herald_markup_role_label(herald_node_role(turn));
	char class_name[32];

	snprintf(class_name, sizeof class_name, "turn%s%s",
	         role_class ? " " : "", role_class ? role_class : "");
	open_node_block(w, "p", class_name, turn);
	add_speaker(w, turn);
}

/* A paragraph; a photo's caption (tagged "caption") set apart by its
 * class. */
static void open_paragraph(html_writer *w, const herald_node *p)
{
	open_node_block(w, "p", herald_node_has_tag(p, "caption") ? "caption"
	                                                           : NULL, p);
}

static void open_link(html_writer *w, const herald_node *link)
{
	const char *url = herald_node_url(link);
	char *escaped = NULL;

	if (url != NULL && !herald_markup_url_is_safe(url)) {
		unsigned long col, line = herald_markup_line(link, &col);
		herald_diag_report(w->diag, HERALD_WARNING, line, col,
		                   "link target with an unsafe scheme "
		                   "left out; its text is kept");
	} else if (url != NULL && (escaped = herald_markup_url(url)) == NULL) {
		w->oom = 1;
	}
	start_tag(w, "a");
	if (escaped != NULL)
		attr(w, "href", escaped);
	end_start_tag(w, "a", link);
	free(escaped);
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

	if (w->last_rank > 0 && rank > w->last_rank + 1)
		rank = w->last_rank + 1;
	w->last_rank = rank;
	open_node_block(w, heading_name[rank - 1], NULL, heading);
}

static void open_list(html_writer *w, const herald_node *list)
{
	int ordered = herald_node_list_type(list) == HERALD_LIST_ORDERED;
	unsigned long start = herald_node_list_start(list);
	const char *name = ordered ? "ol" : "ul";
	char number[32];

	newline(w);
	start_node_tag(w, name, NULL, list);
	if (ordered && start != 1) {
		snprintf(number, sizeof number, "%lu", start);
		attr(w, "start", number);
	}
	end_start_tag(w, name, list);
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
		open_paragraph(w, node);
		break;
	case HERALD_NODE_TURN:
		open_turn(w, node);
		break;
	case HERALD_NODE_SENTENCE:
		start_node_tag(w, "span", "s", node);
		end_start_tag(w, "span", node);
		break;
	case HERALD_NODE_EMPH:
		open_element_as(w, "em", NULL, node);
		break;
	case HERALD_NODE_LINK:
		open_link(w, node);
		break;
	case HERALD_NODE_TEXT:
		if (herald_node_type_of(herald_node_parent(node)) == HERALD_NODE_LINK &&
		    herald_node_text_length(node) == 10 &&
		    herald_node_prev(node) == NULL && herald_node_next(node) == NULL)
			date_text(w, herald_node_text(node), node);
		else
			text(w, herald_node_text(node), node);
		break;
	case HERALD_NODE_LINEBREAK:
		start_tag(w, "br");
		put(w, ">", 1);                      /* void: no end tag */
		break;
	case HERALD_NODE_HEADING:
		open_heading(w, node);
		break;
	case HERALD_NODE_LIST:
		open_list(w, node);
		break;
	case HERALD_NODE_LIST_ITEM:
		open_node_block(w, "li", NULL, node);
		break;
	}
}

/* Close node: what its element needs at its end, then the element and
 * whatever was opened inside it for node. */
static void leave(html_writer *w, const herald_node *node)
{
	herald_node_type type = herald_node_type_of(node);
	open_element *el;

	if (type == HERALD_NODE_DOCUMENT || type == HERALD_NODE_TEXT ||
	    type == HERALD_NODE_LINEBREAK)
		return;
	if (type == HERALD_NODE_QUOTE)
		close_quote(w, node);
	el = top(w);
	if (el == NULL || el->node != node)
		return;               /* never opened: out of memory earlier */
	if (type == HERALD_NODE_ITEM || type == HERALD_NODE_LIST ||
	    (type == HERALD_NODE_LIST_ITEM && el->last == LAST_ELEMENT))
		newline(w);
	close_element(w);
}

/* --- navigation (herald_doc_add_link) ------------------------------------------ */

static const char *link_of(const html_writer *w, const char *rel)
{
	long i = herald_doc_find_link(w->model, rel);
	return i < 0 ? NULL : herald_doc_link_url(w->model, (size_t)i);
}

static const char *nav_label(const html_writer *w, const char *key)
{
	return herald_lang_label(herald_markup_lang(w->model, NULL), key);
}

/* <a href> to a link of the document; an unsafe scheme leaves the text. */
static void nav_anchor(html_writer *w, size_t i, const char *rel)
{
	const char *url = herald_doc_link_url(w->model, i);
	char *href = herald_markup_url_is_safe(url) ? herald_markup_url(url) : NULL;

	start_tag(w, "a");
	if (href != NULL)
		attr(w, "href", href);
	if (rel != NULL)
		attr(w, "rel", rel);
	end_start_tag(w, "a", NULL);
	date_text(w, herald_doc_link_label(w->model, i), NULL);
	close_element(w);
	free(href);
}

/* The breadcrumb: every "up" link, outermost first. */
static void add_breadcrumb(html_writer *w)
{
	size_t n = herald_doc_link_count(w->model), ups = 0;

	for (size_t i = 0; i < n; i++)
		ups += strcmp(herald_doc_link_rel(w->model, i), "up") == 0;
	if (ups == 0)
		return;
	start_tag(w, "nav");
	class_attr(w, "breadcrumb");
	attr(w, "aria-label", nav_label(w, "nav-breadcrumb"));
	end_start_tag(w, "nav", NULL);
	open_plain(w, "ol", NULL);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(herald_doc_link_rel(w->model, i), "up") != 0)
			continue;
		open_plain(w, "li", NULL);
		nav_anchor(w, i, NULL);
		close_element(w);
	}
	close_element(w);
	close_element(w);
	newline(w);
}

/* Previous and next, after the article. */
static void add_pager(html_writer *w)
{
	static const char *const rels[] = { "prev", "next" };
	static const char *const keys[] = { "nav-prev", "nav-next" };
	long at[2];

	at[0] = herald_doc_find_link(w->model, "prev");
	at[1] = herald_doc_find_link(w->model, "next");
	if (at[0] < 0 && at[1] < 0)
		return;
	newline(w);
	start_tag(w, "nav");
	class_attr(w, "pager");
	attr(w, "aria-label", nav_label(w, "nav-pages"));
	end_start_tag(w, "nav", NULL);
	for (int k = 0; k < 2; k++) {
		if (at[k] < 0)
			continue;
		open_plain(w, "p", rels[k]);
		text_element(w, "span", "label", nav_label(w, keys[k]), NULL);
		put_text_raw(w, " ", 1);
		nav_anchor(w, (size_t)at[k], rels[k]);
		close_element(w);
	}
	close_element(w);
}

/* The search form of a site's page (the document has a "root" link):
 * hidden until the script, which works it, shows it; with scripts off
 * the page reads as it is and the indexes still lead everywhere. */
static void add_search(html_writer *w)
{
	const char *root = link_of(w, "root");
	char *src;
	size_t len;

	if (root == NULL || !herald_markup_url_is_safe(root))
		return;
	len = strlen(root) + sizeof HTML_SEARCH_SCRIPT + 2;
	if ((src = malloc(len)) == NULL) {
		w->oom = 1;
		return;
	}
	snprintf(src, len, "%s%s%s", root,
	         *root && root[strlen(root) - 1] != '/' ? "/" : "",
	         HTML_SEARCH_SCRIPT);
	start_tag(w, "form");
	class_attr(w, "search");
	attr(w, "role", "search");
	attr(w, "hidden", "");
	attr(w, "data-root", root);
	end_start_tag(w, "form", NULL);
	start_tag(w, "input");
	attr(w, "type", "search");
	attr(w, "name", "q");
	attr(w, "aria-label", nav_label(w, "search"));
	attr(w, "placeholder", nav_label(w, "search-placeholder"));
	put(w, ">", 1);
	start_tag(w, "div");
	class_attr(w, "results");
	attr(w, "aria-live", "polite");
	end_start_tag(w, "div", NULL);
	close_element(w);
	close_element(w);
	newline(w);
	start_tag(w, "script");
	attr(w, "src", src);
	attr(w, "defer", "");
	end_start_tag(w, "script", NULL);
	close_element(w);
	newline(w);
	free(src);
}

/* --- the page around the article ------------------------------------------- */

/* Everything before the article: doctype, <html>, the head, <body>. */
static void open_page(html_writer *w, const herald_doc *doc,
                      const char *lang)
{
	put_str(w, "<!DOCTYPE html>\n");
	start_tag(w, "html");
	if (lang != NULL)
		attr(w, "lang", lang);
	end_start_tag(w, "html", NULL);
	newline(w);
	open_plain(w, "head", NULL);
	newline(w);
	put_str(w, "<meta charset=\"utf-8\">");
	newline(w);
	put_str(w, "<meta name=\"viewport\" content=\"width=device-width, "
	        "initial-scale=1\">");
	newline(w);
	put_str(w, "<meta name=\"generator\" content=\"herald\">");
	add_meta(w, 1);
	newline(w);
	text_element(w, "title", NULL, herald_markup_doc_title(doc), NULL);
	newline(w);
	/* a stylesheet is raw text: no entities inside <style> */
	put_str(w, "<style>");
	put_str(w, html_stylesheet);
	put_str(w, "</style>");
	newline(w);
	close_element(w);
	newline(w);
	open_plain(w, "body", NULL);
}

static void close_page(html_writer *w)
{
	newline(w);
	close_element(w);                 /* body */
	newline(w);
	close_element(w);                 /* html */
	put(w, "\n", 1);
}

/* <article class="bulletin">, with the document's language in a
 * fragment (a page has it on <html>) and its metadata as microdata. */
static void open_article(html_writer *w, const char *lang, int standalone)
{
	start_tag(w, "article");
	class_attr(w, "bulletin");
	if (!standalone && lang != NULL)
		attr(w, "lang", lang);
	if (has_meta(w)) {
		attr(w, "itemscope", "");
		attr(w, "itemtype", "https://schema.org/NewsArticle");
	}
	end_start_tag(w, "article", NULL);
	add_meta(w, 0);
}

static void write_document(html_writer *w, const herald_doc *doc,
                           const char *lang, int standalone)
{
	herald_walker walker;
	herald_walk_event ev;

	/* Navigation and search each on lines of their own, so that a
	 * fragment without them is the fragment with them, those lines
	 * left out. */
	if (standalone)
		open_page(w, doc, lang);
	if (standalone && herald_doc_link_count(doc) > 0)
		newline(w);
	add_breadcrumb(w);
	if (standalone)
		add_search(w);
	open_article(w, lang, standalone);
	add_header(w, doc);
	herald_walker_init(&walker, herald_doc_root(doc));
	while (!w->oom && !w->out.failed &&
	       (ev = herald_walker_next(&walker)) != HERALD_WALK_DONE) {
		if (ev == HERALD_WALK_ENTER)
			enter(w, walker.node);
		else
			leave(w, walker.node);
	}
	add_footer(w, doc);
	newline(w);
	close_element(w);                 /* article */
	add_pager(w);
	if (standalone)
		close_page(w);
	put(w, "\n", 1);
}

static int html_write(void *state, const herald_doc *doc, FILE *out,
                      herald_diag *diag)
{
	const html_state *st = state;
	const char *lang = herald_doc_meta(doc, HERALD_META_LANGUAGE);
	html_writer w = { .diag = diag, .model = doc };
	int rc = HERALD_OK;

	if (lang != NULL && !herald_markup_is_language(lang)) {
		herald_warning(diag, "language '%s' is not a BCP 47 tag; "
		               "left out", lang);
		lang = NULL;
	}
	if (herald_sink_init(&w.out, out) != HERALD_OK) {
		herald_error(diag, "out of memory");
		return HERALD_ENOMEM;
	}
	w.href = document_href(&w, doc);
	write_document(&w, doc, lang, st->standalone);
	herald_sink_finish(&w.out);
	int err = w.out.write_errno;
	if (w.oom) {
		herald_error(diag, "out of memory");
		rc = HERALD_ENOMEM;
	} else if (w.out.failed) {
		herald_error(diag, "cannot write the output: %s", strerror(err));
		rc = HERALD_EIO;
	}
	free(w.href);
	free(w.stack);
	herald_sink_release(&w.out);
	if (rc == HERALD_EIO)
		errno = err;   /* so that a caller can tell a full disk */
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
	.write_site = html_write_site,
};
