/* emit.c - the kept content as herald blocks (doc/html-reader.md,
 * "Structure").
 *
 * Blocks go into a container (the DOCUMENT, a QUOTE, a LIST_ITEM); text
 * and inlines into the paragraph being built, which is created by its
 * first character, so that white space and empty wrappers never make
 * empty blocks.  White space is collapsed as a browser shows it: a run
 * holding a line end and no other space stays one '\n' (the model's soft
 * break, which writers render as a space or as nothing between two
 * characters of a script written without spaces), any other run is one
 * space.  Elements the model has no place for become the nearest thing
 * it has (a heading inside a quote is a paragraph).  Recursion follows
 * the recorded elements only, at most HTMLIN_MAX_DEPTH deep; what lies
 * deeper is read as text, iteratively. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/uri.h>

#include <herald/buffer.h>

#include "htmlin.h"

#define MAX_INLINE 32
/* A block this short (in characters) at the end of the content is the
 * page's, not the article's. */
#define TRAILING_SHORT 60
/* ...when the content is at least this long. */
#define TRAILING_MIN_PAGE 500
/* A credit line is shorter than this (characters). */
#define CREDIT_MAX 80
/* An element named as a caption holds at most this many characters. */
#define CAPTION_MAX 500

typedef struct emitter {
	herald_doc *doc;
	const emit_opts *o;
	herald_diag *diag;
	herald_node *container;
	herald_node *para;            /* PARAGRAPH or HEADING being built */
	herald_node *inl[MAX_INLINE]; /* inl[0] = para; then EMPH / LINK */
	int ninl;
	int flat;                     /* inline elements beyond MAX_INLINE */
	herald_buf text;              /* the TEXT being gathered */
	size_t chars;                 /* characters in para so far */
	int space;                    /* 0 none, 1 soft line break, 2 space */
	bool preserve;                /* inside <pre> */
	int breaks;                   /* <br> in a row */
	herald_node *last_break;      /* a LINEBREAK nothing followed yet */
	int caption;                  /* inside this many captions */
	bool saw_time;                /* a <time> (or so named) in this block */
	size_t scripted;              /* javascript:, vbscript:, data: links */
	unsigned long scripted_line;  /* the first one's */
	herald_node **timed;          /* blocks that show a time or date */
	size_t ntimed, timed_cap;
	int rc;
} emitter;

static void fail(emitter *em, int rc)
{
	if (em->rc == HERALD_OK) {
		em->rc = rc;
		if (rc == HERALD_ENOMEM)
			herald_error(em->diag, "out of memory");
	}
}

/* The gathered text as a TEXT node of the innermost open inline. */
static void flush_text(emitter *em)
{
	if (!em->text.len || !em->para)
		return;
	herald_node *t = herald_node_new_text(em->doc, em->text.data,
	                                      em->text.len);
	herald_buf_clear(&em->text);
	if (!t) {
		fail(em, HERALD_ENOMEM);
		return;
	}
	herald_node_append_child(em->inl[em->ninl - 1], t);
	em->last_break = NULL;
}

static bool container_takes(const emitter *em, herald_node_type t)
{
	herald_node_type c = herald_node_type_of(em->container);
	if (c == HERALD_NODE_QUOTE)
		return t == HERALD_NODE_PARAGRAPH;
	if (c == HERALD_NODE_LIST_ITEM)
		return t == HERALD_NODE_PARAGRAPH || t == HERALD_NODE_LIST;
	return true;  /* DOCUMENT */
}

static void open_block(emitter *em, herald_node_type type, xmlNodePtr src)
{
	herald_node *p = herald_node_new(em->doc, type);
	if (!p) {
		fail(em, HERALD_ENOMEM);
		return;
	}
	if (src && src->line)
		herald_node_set_position(p, (unsigned long)src->line, 0);
	herald_node_append_child(em->container, p);
	em->para = p;
	em->inl[0] = p;
	em->ninl = 1;
	em->chars = 0;
	em->space = 0;
	em->breaks = 0;
	em->last_break = NULL;
}

/* Text that arrives while no block is open opens a paragraph. */
static void ensure_para(emitter *em, xmlNodePtr src)
{
	if (!em->para)
		open_block(em, HERALD_NODE_PARAGRAPH, src);
}

/* A block that shows a time or date (a list of items' entries do). */
static void note_timed(emitter *em, herald_node *block)
{
	if (em->ntimed == em->timed_cap) {
		size_t cap = em->timed_cap ? em->timed_cap * 2 : 16;
		herald_node **t = realloc(em->timed, cap * sizeof *t);
		if (!t) {
			fail(em, HERALD_ENOMEM);
			return;
		}
		em->timed = t;
		em->timed_cap = cap;
	}
	em->timed[em->ntimed++] = block;
}

static void close_block(emitter *em)
{
	if (!em->para)
		return;
	flush_text(em);
	if (em->last_break)
		herald_node_unlink(em->last_break);
	if (!em->chars)
		herald_node_unlink(em->para);
	else if (em->chars < CREDIT_MAX && em->o->drop_credits &&
	         herald_node_type_of(em->para) == HERALD_NODE_PARAGRAPH) {
		/* "Foto: A. Name", "© Agency": a credit line, not text */
		char *t = herald_node_plain_text(em->para);
		if (t && (hw_match_label(em->o->words, HW_CREDITS, t) ||
		          !strncmp(t, "\xC2\xA9", 2)))
			herald_node_unlink(em->para);
		free(t);
	}
	if (em->chars && herald_node_parent(em->para)) {
		if (em->caption && herald_node_type_of(em->para) == HERALD_NODE_PARAGRAPH &&
		    herald_node_add_tag(em->para, "caption") != HERALD_OK)
			fail(em, HERALD_ENOMEM);
		if (em->saw_time)
			note_timed(em, em->para);
	}
	em->saw_time = false;
	em->para = NULL;
	em->ninl = 0;
	em->flat = 0;
	em->space = 0;
}

static void add_char_bytes(emitter *em, const char *s, size_t n)
{
	if (em->space && em->chars)
		herald_buf_putc(&em->text, em->space == 1 ? '\n' : ' ');
	em->space = 0;
	if (herald_buf_append(&em->text, s, n)) {
		fail(em, HERALD_ENOMEM);
		return;
	}
	em->chars++;
	em->breaks = 0;
}

/* A LINEBREAK in the innermost inline; the space before it is dropped. */
static void put_break(emitter *em)
{
	flush_text(em);
	herald_node *br = herald_node_new(em->doc, HERALD_NODE_LINEBREAK);
	if (!br) {
		fail(em, HERALD_ENOMEM);
		return;
	}
	herald_node_append_child(em->inl[em->ninl - 1], br);
	em->last_break = br;
	em->space = 0;
}

static void add_text(emitter *em, const char *s, xmlNodePtr src)
{
	size_t i = 0, n = strlen(s);
	while (i < n && em->rc == HERALD_OK) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			if (em->preserve && c == '\n' && em->para && em->chars) {
				put_break(em);
			} else if (em->preserve) {
				em->space = 2;
			} else if (c == '\n' || c == '\r') {
				if (!em->space)
					em->space = 1;
			} else {
				em->space = 2;
			}
			i++;
			continue;
		}
		size_t len = 1;
		while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80)
			len++;
		ensure_para(em, src);
		if (em->rc)
			return;
		add_char_bytes(em, s + i, len);
		i += len;
	}
}

static void add_break(emitter *em)
{
	if (!em->para || !em->chars)
		return;
	/* Two <br> in a row between paragraph text: how older pages
	 * separate paragraphs. */
	if (++em->breaks >= 2 && em->ninl == 1) {
		close_block(em);
		return;
	}
	put_break(em);
}

/* --- links ------------------------------------------------------------- */

/* The scheme of a URL as a browser reads it: leading spaces and control
 * characters skipped, tabs and line ends inside ignored; spaces inside
 * are ignored too, as a parser may have turned a tab into one: a
 * "java script:" href is refused rather than risked. */
static bool scheme_is(const char *url, const char *scheme)
{
	const char *s = url;
	while (*s && (unsigned char)*s <= ' ')
		s++;
	for (const char *k = scheme; *k;) {
		if (*s == '\t' || *s == '\n' || *s == '\r' || *s == ' ') {
			s++;
			continue;
		}
		if (!*s || (*s | 0x20) != *k)
			return false;
		s++;
		k++;
	}
	return true;
}

static bool unsafe_url(const char *url)
{
	return scheme_is(url, "javascript:") || scheme_is(url, "vbscript:") ||
	       scheme_is(url, "data:");
}

/* The absolute target of an href, or NULL when it is no link. */
static char *link_target(emitter *em, const char *href, xmlNodePtr a)
{
	while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
		href++;
	if (*href && unsafe_url(href)) {
		if (!em->scripted++)
			em->scripted_line = a->line;
		return NULL;
	}
	if (!*href)
		return NULL;
	char *out = NULL;
	if (em->o->base) {
		xmlChar *abs = xmlBuildURI((const xmlChar *)href,
		                           (const xmlChar *)em->o->base);
		if (abs) {
			out = strdup((char *)abs);
			xmlFree(abs);
		}
	}
	if (!out)
		out = strdup(href);
	if (out && unsafe_url(out)) {
		free(out);
		out = NULL;
	}
	/* Only a well-formed URI is a link target (writers put it where
	 * XML schemas check it); anything else leaves its text. */
	xmlURIPtr uri = out ? xmlParseURI(out) : NULL;
	if (!uri) {
		free(out);
		return NULL;
	}
	xmlFreeURI(uri);
	return out;
}

/* --- walking ------------------------------------------------------------ */

static void emit_children(emitter *em, xmlNodePtr n, unsigned depth);
static void emit_node(emitter *em, xmlNodePtr c, unsigned depth);
static bool name_says(const emitter *em, xmlNodePtr n, hw_list list);

static bool is_heading(const char *t)
{
	return t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2];
}

/* An element deeper than the recorded ones: its text, no structure. */
static void flat_text(emitter *em, xmlNodePtr top)
{
	for (xmlNodePtr n = top; n;) {
		bool skip = false;
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			add_text(em, (const char *)n->content, n);
		else if (n->type == XML_ELEMENT_NODE)
			skip = he_tag_is(n, "script") || he_tag_is(n, "style") ||
			       he_tag_is(n, "template") || he_tag_is(n, "noscript");
		if (!skip && n->children && n->type == XML_ELEMENT_NODE)
			n = n->children;
		else {
			while (n && n != top && !n->next)
				n = n->parent;
			n = n && n != top ? n->next : NULL;
		}
	}
}

static void emit_inline(emitter *em, xmlNodePtr n, unsigned depth)
{
	const char *t = he_tag(n);
	herald_node_type type = HERALD_NODE_TEXT;
	char *target = NULL;

	if (!strcmp(t, "br")) {
		add_break(em);
		return;
	}
	if (!strcmp(t, "em") || !strcmp(t, "strong") || !strcmp(t, "b") ||
	    !strcmp(t, "i"))
		type = HERALD_NODE_EMPH;
	else if (!strcmp(t, "a") && em->o->keep_links) {
		char *href = (char *)xmlGetProp(n, (const xmlChar *)"href");
		if (href)
			target = link_target(em, href, n);
		xmlFree(href);
		if (target)
			type = HERALD_NODE_LINK;
	}
	if (type == HERALD_NODE_TEXT || em->ninl >= MAX_INLINE) {
		free(target);
		emit_children(em, n, depth);
		return;
	}
	/* An inline that starts a paragraph opens it (a paragraph that
	 * stays empty is dropped when it closes). */
	ensure_para(em, n);
	if (em->rc) {
		free(target);
		return;
	}
	herald_node *node = herald_node_new(em->doc, type);
	if (!node || (target && herald_node_set_url(node, target) != HERALD_OK)) {
		/* A target the model refuses (not UTF-8) leaves the text. */
		free(target);
		if (!node) {
			fail(em, HERALD_ENOMEM);
			return;
		}
		emit_children(em, n, depth);
		return;
	}
	free(target);
	/* The space before the inline belongs outside it. */
	if (em->space && em->chars) {
		if (herald_buf_putc(&em->text, em->space == 1 ? '\n' : ' '))
			fail(em, HERALD_ENOMEM);
		em->space = 0;
	}
	flush_text(em);
	herald_node_append_child(em->inl[em->ninl - 1], node);
	herald_node *para = em->para;
	em->inl[em->ninl++] = node;
	emit_children(em, n, depth);
	if (em->para != para) {
		/* two <br> closed the paragraph inside the inline */
		if (!herald_node_first_child(node))
			herald_node_unlink(node);
		return;
	}
	flush_text(em);
	em->ninl--;
	if (!herald_node_first_child(node))
		herald_node_unlink(node);
}

static void emit_list(emitter *em, xmlNodePtr n, unsigned depth)
{
	herald_node *saved = em->container;
	if (!container_takes(em, HERALD_NODE_LIST)) {
		/* no list possible here: its entries are paragraphs */
		for (xmlNodePtr c = n->children; c && !em->rc; c = c->next) {
			close_block(em);
			if (c->type == XML_ELEMENT_NODE && he_of(c) &&
			    !(he_of(c)->flags & HE_DROP))
				emit_children(em, c, depth + 1);
		}
		close_block(em);
		return;
	}
	herald_node *list = herald_node_new(em->doc, HERALD_NODE_LIST);
	if (!list) {
		fail(em, HERALD_ENOMEM);
		return;
	}
	unsigned long start = 1;
	char *st = (char *)xmlGetProp(n, (const xmlChar *)"start");
	if (st) {
		char *end;
		unsigned long v = strtoul(st, &end, 10);
		if (end != st && v < 1000000)
			start = v;
		xmlFree(st);
	}
	herald_node_set_list(list, he_tag_is(n, "ol") ? HERALD_LIST_ORDERED
	                                              : HERALD_LIST_BULLET,
	                     start);
	if (n->line)
		herald_node_set_position(list, (unsigned long)n->line, 0);
	herald_node_append_child(em->container, list);
	for (xmlNodePtr c = n->children; c && !em->rc; c = c->next) {
		he_elem *e = he_of(c);
		if (c->type == XML_ELEMENT_NODE && e && (e->flags & HE_DROP))
			continue;
		if (c->type != XML_ELEMENT_NODE && c->type != XML_TEXT_NODE)
			continue;
		herald_node *item = herald_node_new(em->doc, HERALD_NODE_LIST_ITEM);
		if (!item) {
			fail(em, HERALD_ENOMEM);
			break;
		}
		herald_node_append_child(list, item);
		em->container = item;
		/* an <li>'s content, or a stray child as an entry of its own */
		if (c->type == XML_TEXT_NODE)
			add_text(em, (const char *)c->content, c);
		else if (e && he_tag_is(c, "li"))
			emit_children(em, c, depth + 1);
		else
			emit_node(em, c, depth + 1);
		close_block(em);
		em->container = saved;
		if (!herald_node_first_child(item))
			herald_node_unlink(item);
	}
	em->container = saved;
	if (!herald_node_first_child(list))
		herald_node_unlink(list);
}

/* Whether an element is a time or date: <time>, or named so. */
static bool shows_time(const emitter *em, xmlNodePtr n)
{
	if (he_tag_is(n, "time"))
		return true;
	return name_says(em, n, HW_DATETIME);
}

static bool name_says(const emitter *em, xmlNodePtr n, hw_list list)
{
	bool yes = false;
	for (int k = 0; k < 2 && !yes; k++) {
		char *v = (char *)xmlGetProp(n, (const xmlChar *)(k ? "id" : "class"));
		yes = v && hw_match_tokens(em->o->words, list, v);
		xmlFree(v);
	}
	return yes;
}

/* A picture's caption: <figcaption>, a table's <caption>, or a short
 * element named as one ([caption] in words.txt). */
static bool is_caption(const emitter *em, xmlNodePtr n)
{
	if (he_tag_is(n, "figcaption") || he_tag_is(n, "caption"))
		return true;
	const he_elem *e = he_of(n);
	return e && e->text <= CAPTION_MAX && e->paras <= 2 &&
	       name_says(em, n, HW_CAPTION);
}

static void emit_block(emitter *em, xmlNodePtr n, unsigned depth)
{
	const char *t = he_tag(n);

	if (is_caption(em, n)) {
		/* its paragraphs are the caption's, headings included */
		close_block(em);
		em->caption++;
		emit_children(em, n, depth);
		close_block(em);
		em->caption--;
		return;
	}
	if (is_heading(t) && !em->caption) {
		close_block(em);
		if (em->o->title && t[1] == '1') {
			xmlChar *c = xmlNodeGetContent(n);
			char *flat = hm_collapse((char *)c);
			bool same = flat && !strcmp(flat, em->o->title);
			free(flat);
			xmlFree(c);
			if (same)
				return;   /* the title, already the document's */
		}
		if (container_takes(em, HERALD_NODE_HEADING)) {
			open_block(em, HERALD_NODE_HEADING, n);
			unsigned level = t[1] <= '2' ? 1 : (unsigned)(t[1] - '1');
			herald_node_set_heading_level(em->para, level > 3 ? 3 : level);
		}
		emit_children(em, n, depth);
		close_block(em);
		return;
	}
	if (!strcmp(t, "ul") || !strcmp(t, "ol")) {
		close_block(em);
		emit_list(em, n, depth);
		return;
	}
	if (!strcmp(t, "blockquote") && container_takes(em, HERALD_NODE_QUOTE) &&
	    herald_node_type_of(em->container) == HERALD_NODE_DOCUMENT) {
		close_block(em);
		herald_node *q = herald_node_new(em->doc, HERALD_NODE_QUOTE);
		if (!q) {
			fail(em, HERALD_ENOMEM);
			return;
		}
		herald_node_append_child(em->container, q);
		herald_node *saved = em->container;
		em->container = q;
		emit_children(em, n, depth);
		close_block(em);
		em->container = saved;
		if (!herald_node_first_child(q))
			herald_node_unlink(q);
		return;
	}
	if (!strcmp(t, "pre")) {
		close_block(em);
		bool saved = em->preserve;
		em->preserve = true;
		emit_children(em, n, depth);
		close_block(em);
		em->preserve = saved;
		return;
	}
	/* Any other block (p, div, section, li, td, figcaption, ...) is a
	 * boundary: what it holds starts a new paragraph, and so does what
	 * follows it. */
	close_block(em);
	emit_children(em, n, depth);
	close_block(em);
}

static void emit_node(emitter *em, xmlNodePtr c, unsigned depth)
{
	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		add_text(em, (const char *)c->content, c);
		return;
	}
	if (c->type != XML_ELEMENT_NODE)
		return;
	he_elem *e = he_of(c);
	if (!e) {
		flat_text(em, c);
		return;
	}
	if (e->flags & HE_DROP)
		return;
	bool timed = shows_time(em, c);
	/* Inside a paragraph's inline, a block is part of the line: a
	 * tooltip's <div> in a link must not break the sentence. */
	if ((e->flags & HE_INLINE) || em->ninl > 1) {
		em->saw_time |= timed;
		emit_inline(em, c, depth);
	} else {
		/* a block starts by ending the one before, which a time
		 * shown in this one is not about */
		close_block(em);
		em->saw_time |= timed;
		emit_block(em, c, depth);
	}
}

static void emit_children(emitter *em, xmlNodePtr n, unsigned depth)
{
	if (depth > HTMLIN_MAX_DEPTH) {
		flat_text(em, n);
		return;
	}
	for (xmlNodePtr c = n->children; c && em->rc == HERALD_OK; c = c->next)
		emit_node(em, c, depth + 1);
}

/* --- a list of items ------------------------------------------------------ */

/* A page that is a list of items (a day's chronicle, a press office's
 * list of releases) shows a sequence of headings at one level, most of
 * them with a time or date, each followed by a short text.  Such a page
 * becomes one ITEM per entry, titled by its heading; anything else (an
 * article in sections) keeps its HEADINGs (doc/html-reader.md, "A list
 * of items"). */

/* Entries needed, and how short their texts are (characters). */
#define ITEMS_MIN 3
#define ITEM_TEXT_MAX 2000
#define ITEMS_MEAN_MAX 1000
/* A paragraph that is only a time or date before a heading is at most
 * this long (characters). */
#define STAMP_MAX 40

/* Digits that read as a time or a date: "9:15", "09.15", "3.5.2021",
 * "2021-05-03". */
static bool text_has_time(const char *s)
{
	for (size_t i = 0; s[i]; i++) {
		if (s[i] < '0' || s[i] > '9' || (i && s[i - 1] >= '0' && s[i - 1] <= '9'))
			continue;
		size_t a = 0, b = 0, c = 0, j = i;
		while (s[j] >= '0' && s[j] <= '9')
			j++, a++;
		char sep = s[j];
		if (sep != ':' && sep != '.' && sep != '-' && sep != '/')
			continue;
		j++;
		while (s[j] >= '0' && s[j] <= '9')
			j++, b++;
		bool time = (sep == ':' || sep == '.') && a <= 2 && b == 2;
		if (s[j] == sep) {
			j++;
			while (s[j] >= '0' && s[j] <= '9')
				j++, c++;
		}
		bool date = a <= 4 && b >= 1 && b <= 2 && c >= 2 && c <= 4 &&
		            (a == 4 || c == 4 || c == 2);
		if ((time && !c) || date)
			return true;
	}
	return false;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(herald_node *const *)a;
	uintptr_t y = (uintptr_t)*(herald_node *const *)b;
	return x < y ? -1 : x > y;
}

typedef struct entry {
	herald_node *heading;
	herald_node *stamp;   /* a time-only paragraph just before it, or NULL */
	size_t text;          /* characters of its text, title excepted */
	size_t blocks;
	bool timed;
} entry;

static bool block_timed(const emitter *em, herald_node *b, const char *text)
{
	return text_has_time(text) ||
	       (em->ntimed && bsearch(&b, em->timed, em->ntimed, sizeof *em->timed,
	                              cmp_ptr));
}

/* The entries: a heading at level, and the blocks after it up to the next
 * heading at that level or above.  Returns how many (0 when out of
 * memory). */
static size_t find_entries(emitter *em, herald_node *root, unsigned level,
                           entry *out)
{
	size_t n = 0;
	entry *cur = NULL;
	herald_node *prev_stamp = NULL;
	size_t stamp_len = 0;
	for (herald_node *b = herald_node_first_child(root); b; b = herald_node_next(b)) {
		herald_node_type t = herald_node_type_of(b);
		char *text = herald_node_plain_text(b);
		if (!text) {
			fail(em, HERALD_ENOMEM);
			return 0;
		}
		size_t len = he_text_length(text);
		bool timed = block_timed(em, b, text);
		free(text);
		if (t == HERALD_NODE_HEADING && herald_node_heading_level(b) <= level) {
			cur = NULL;
			if (herald_node_heading_level(b) == level) {
				cur = &out[n++];
				*cur = (entry){ b, prev_stamp, 0, 0, timed || prev_stamp };
				/* the stamp is this entry's, not the last one's */
				if (prev_stamp && n > 1 && out[n - 2].blocks) {
					out[n - 2].blocks--;
					out[n - 2].text -= stamp_len;
				}
			}
			prev_stamp = NULL;
			continue;
		}
		prev_stamp = t == HERALD_NODE_PARAGRAPH && timed && len <= STAMP_MAX
		             ? b : NULL;
		stamp_len = len;
		if (!cur)
			continue;
		if (!cur->blocks && timed && len <= STAMP_MAX)
			cur->timed = true;
		cur->blocks++;
		cur->text += len;
	}
	return n;
}

/* The entries' texts are short, most of them are dated, nearly all have
 * a text. */
static bool reads_as_items(const entry *e, size_t n)
{
	size_t timed = 0, with_text = 0, total = 0;
	if (n < ITEMS_MIN)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (e[i].text > ITEM_TEXT_MAX)
			return false;
		timed += e[i].timed;
		with_text += e[i].blocks > 0;
		total += e[i].text;
	}
	return timed * 3 >= n * 2 && with_text * 4 >= n * 3 &&
	       total <= ITEMS_MEAN_MAX * n;
}

/* The title of an entry: its stamp and heading, white space collapsed. */
static char *entry_title(const entry *e)
{
	char *h = herald_node_plain_text(e->heading);
	char *st = e->stamp ? herald_node_plain_text(e->stamp) : NULL;
	char *joined = NULL;
	if (h && (!e->stamp || st)) {
		size_t n = strlen(h) + (st ? strlen(st) + 1 : 0) + 1;
		joined = malloc(n);
		if (joined)
			snprintf(joined, n, "%s%s%s", st ? st : "", st ? " " : "", h);
	}
	free(h);
	free(st);
	char *title = joined ? hm_collapse(joined) : NULL;
	free(joined);
	return title;
}

static void make_item(emitter *em, const entry *e, herald_node *end)
{
	herald_node *item = herald_node_new(em->doc, HERALD_NODE_ITEM);
	char *title = item ? entry_title(e) : NULL;
	if (!title || herald_node_set_title(item, title) != HERALD_OK) {
		free(title);
		fail(em, HERALD_ENOMEM);
		return;
	}
	free(title);
	herald_node_set_position(item, herald_node_line(e->heading), 0);
	herald_node_insert_before(e->stamp ? e->stamp : e->heading, item);
	herald_node *b = herald_node_next(e->heading);
	if (e->stamp)
		herald_node_unlink(e->stamp);
	herald_node_unlink(e->heading);
	while (b && b != end) {
		herald_node *next = herald_node_next(b);
		if (herald_node_type_of(b) == HERALD_NODE_HEADING &&
		    herald_node_heading_level(b) <= herald_node_heading_level(e->heading))
			break;
		herald_node_append_child(item, b);
		b = next;
	}
}

static void group_items(emitter *em)
{
	herald_node *root = herald_doc_root(em->doc);
	size_t per_level[4] = { 0 };
	for (herald_node *b = herald_node_first_child(root); b; b = herald_node_next(b))
		if (herald_node_type_of(b) == HERALD_NODE_HEADING)
			per_level[herald_node_heading_level(b) & 3]++;
	unsigned level = 1;
	for (unsigned l = 2; l <= 3; l++)
		if (per_level[l] > per_level[level])
			level = l;
	if (per_level[level] < ITEMS_MIN)
		return;
	entry *e = calloc(per_level[level], sizeof *e);
	if (!e) {
		fail(em, HERALD_ENOMEM);
		return;
	}
	if (em->ntimed)
		qsort(em->timed, em->ntimed, sizeof *em->timed, cmp_ptr);
	size_t n = find_entries(em, root, level, e);
	if (em->rc == HERALD_OK && reads_as_items(e, n))
		for (size_t i = 0; i < n && em->rc == HERALD_OK; i++)
			make_item(em, &e[i], i + 1 < n ? (e[i + 1].stamp ? e[i + 1].stamp
			                                                   : e[i + 1].heading)
			                                : NULL);
	free(e);
}

/* The characters of a node's text, white space runs counted once;
 * false when out of memory. */
static bool node_chars(emitter *em, herald_node *node, size_t *n)
{
	char *t = herald_node_plain_text(node);
	if (!t) {
		fail(em, HERALD_ENOMEM);
		return false;
	}
	*n = he_text_length(t);
	free(t);
	return true;
}

/* What ends the content after its last sentence of weight is the
 * page's: a heading over a pruned list ("Related articles"), a "Read
 * more", a newsletter prompt, a label.  Short blocks at the very end of
 * container go, up to the first one of some length, or a caption; never
 * the container's first block.  *left: the characters of the content
 * that are left. */
static void trim_blocks(emitter *em, herald_node *container, size_t *left)
{
	for (herald_node *b = herald_node_last_child(container);
	     b && em->rc == HERALD_OK && *left >= TRAILING_MIN_PAGE;) {
		herald_node *prev = herald_node_prev(b);
		if (!prev || herald_node_has_tag(b, "caption"))
			break;
		if (herald_node_type_of(b) == HERALD_NODE_ITEM) {
			/* an entry of a list of items stays (dated entries
			 * are short); what ends it may go */
			if (herald_node_first_child(b))
				trim_blocks(em, b, left);
			break;
		}
		size_t n;
		if (!node_chars(em, b, &n) || n >= TRAILING_SHORT)
			break;
		*left -= n < *left ? n : *left;
		herald_node_unlink(b);
		b = prev;
	}
}

static void trim_end(emitter *em)
{
	herald_node *root = herald_doc_root(em->doc);
	size_t left;
	/* A short page (a poem, a notice) is all content. */
	if (node_chars(em, root, &left))
		trim_blocks(em, root, &left);
}

int em_emit(const he_page *page, const emit_opts *o, herald_doc *hdoc,
            herald_diag *diag)
{
	emitter em = { .doc = hdoc, .o = o, .diag = diag,
	               .container = herald_doc_root(hdoc) };
	for (size_t i = 0; i < page->count && em.rc == HERALD_OK; i++) {
		const he_elem *e = &page->elems[i];
		if (!(e->flags & HE_KEEP) || (e->flags & HE_DROP))
			continue;
		/* kept roots only: a kept element inside another is walked
		 * with it */
		bool inside = false;
		for (int a = e->parent; a >= 0; a = page->elems[a].parent)
			if (page->elems[a].flags & HE_KEEP) {
				inside = true;
				break;
			}
		if (inside)
			continue;
		if (e->flags & HE_INLINE)
			emit_inline(&em, e->node, e->depth);
		else
			emit_block(&em, e->node, e->depth);
		close_block(&em);
	}
	close_block(&em);
	if (em.rc == HERALD_OK)
		group_items(&em);
	if (em.rc == HERALD_OK && o->trim_end)
		trim_end(&em);
	if (em.scripted)
		herald_diag_report(diag, HERALD_WARNING, em.scripted_line, 0,
		                   "%zu javascript:, vbscript: or data: link%s kept as text only (the first here)",
		                   em.scripted, em.scripted == 1 ? "" : "s");
	free(em.timed);
	herald_buf_free(&em.text);
	return em.rc;
}
