/* plugins/bulletin/markdown.c - Markdown bulletins into blocks, with
 * cmark's parser (never a hand-written one).
 *
 * cmark gives the block structure; this file only maps it: paragraphs,
 * code and HTML blocks become TEXT blocks (an HTML block the text it
 * shows, by libxml2's HTML parser; an inline tag no text), headings
 * HEADING blocks,
 * thematic breaks BREAK blocks, top-level lists LIST blocks, and block
 * quotes are looked through.  Walks use cmark's iterator (no recursion),
 * and the model nesting they create is bounded (NEST_MAX), so input
 * nested 10 000 deep costs linear time and a bounded stack.
 *
 * Before parsing, lines that hold only white space (NBSP too) are
 * emptied: to a reader they are blank, to CommonMark they would not be.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <herald/text.h>

#include "bulletin.h"
#include "markup.h"

/* Deepest list or emphasis the model is given; deeper input is kept as
 * text of the deepest level. */
#define NEST_MAX 32

void herald_bulletin_blocks_free(herald_bulletin_blocks *bl)
{
	for (size_t i = 0; i < bl->owned_count; i++)
		free(bl->owned[i]);
	free(bl->owned);
	free(bl->v);
	if (bl->md_root)
		cmark_node_free(bl->md_root);
	free(bl->md_src);
	free(bl->line_start);
	*bl = (herald_bulletin_blocks){ 0 };
}

/* --- text and positions ------------------------------------------------ */

/* Whether an inline HTML tag is a line break: <br>, <br/>, <BR />. */
static bool is_break_tag(const char *s)
{
	if (!s || s[0] != '<' || (s[1] != 'b' && s[1] != 'B') ||
	    (s[2] != 'r' && s[2] != 'R'))
		return false;
	s += 3;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s == '/')
		s++;
	return s[0] == '>' && s[1] == '\0';
}

/* A hard line break: Markdown's, or an HTML <br> among the inlines. */
static bool is_hard_break(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	return t == CMARK_NODE_LINEBREAK ||
	       (t == CMARK_NODE_HTML_INLINE &&
	        is_break_tag(cmark_node_get_literal(n)));
}

/* What a leaf inline contributes to the plain text.  An HTML tag or
 * comment among the inlines (cmark makes each one node) is markup, and
 * gives none: the words between "<b>" and "</b>" are TEXT nodes of their
 * own (doc/bulletin.md). */
static const char *leaf_text(cmark_node *n, size_t *len)
{
	const char *lit;

	if (is_hard_break(n)) {
		*len = 1;
		return "\n";
	}
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(n);
		*len = lit ? strlen(lit) : 0;
		return lit;
	case CMARK_NODE_SOFTBREAK:
		*len = 1;
		return "\n";
	default:
		*len = 0;
		return NULL;
	}
}

/* The plain text of the inlines [first, end). */
static char *range_text(cmark_node *first, cmark_node *end, size_t *len)
{
	herald_buf b = HERALD_BUF_INIT;

	herald_buf_reserve(&b, 0);   /* "" when there is no text */
	for (cmark_node *sib = first; sib && sib != end;
	     sib = cmark_node_next(sib)) {
		cmark_iter *it = cmark_iter_new(sib);
		cmark_event_type ev;
		if (!it) {
			herald_buf_free(&b);
			return NULL;
		}
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			size_t n;
			const char *s;
			if (ev == CMARK_EVENT_ENTER &&
			    (s = leaf_text(cmark_iter_get_node(it), &n)))
				herald_buf_append(&b, s, n);
		}
		cmark_iter_free(it);
	}
	return herald_buf_take(&b, len);
}

static void position(const herald_bulletin_blocks *bl, int line, int col,
                     unsigned long *out_line, unsigned long *out_col)
{
	if (line < 1 || (size_t)line > bl->line_count) {
		*out_line = *out_col = 0;
		return;
	}
	size_t start = bl->line_start[line - 1];
	size_t end = (size_t)line < bl->line_count ? bl->line_start[line]
	                                            : strlen(bl->md_src);
	size_t bytes = col > 1 ? (size_t)col - 1 : 0;
	if (bytes > end - start)
		bytes = end - start;
	/* start at the first character that is not space: NBSP indents */
	const char *s = bl->md_src + start;
	bytes += herald_text_skip_space(s + bytes, end - start - bytes);
	*out_line = bl->first_line + (unsigned long)line - 1;
	*out_col = herald_utf8_count(s, bytes) + 1;
}

/* --- inlines into the model ------------------------------------------- */

typedef struct emitter {
	herald_doc *doc;
	herald_node *cur;
	size_t skip, seen;    /* bytes of plain text to leave out, so far */
	bool started;         /* past the leading space */
	unsigned depth, flat; /* model nesting, and levels kept flat */
	unsigned long line, col;   /* where new inlines are placed */
	int status;
	/* Markdown's text not yet made a TEXT: leaves with nothing but
	 * markup between them (an HTML tag, a soft break) make one TEXT, so
	 * "People<s>s</s>" is the word a browser shows, "Peoples" */
	herald_buf pending;
	bool buffered;
} emitter;

/* Inlines carry the position of their block (cmark keeps none for
 * inlines); plain text's single TEXT its exact one. */
static herald_node *placed(emitter *e, herald_node *n)
{
	if (n)
		herald_node_set_position(n, e->line, e->col);
	return n;
}

static void add_text(emitter *e, const char *s, size_t n)
{
	herald_node *t = placed(e, herald_node_new_text(e->doc, s, n));

	if (!t || herald_node_append_child(e->cur, t) != HERALD_OK)
		e->status = HERALD_ENOMEM;
}

static void emit_text(emitter *e, const char *s, size_t n)
{
	if (e->seen + n <= e->skip) {
		e->seen += n;
		return;
	}
	if (e->seen < e->skip) {
		s += e->skip - e->seen;
		n -= e->skip - e->seen;
	}
	e->seen = e->skip + 1;
	e->skip = 0;
	if (!e->started) {
		size_t sp = 0;
		while (sp < n && (s[sp] == '\n' ||
		                  herald_text_skip_space(s + sp, n - sp) > 0))
			sp += s[sp] == '\n' ? 1 : herald_text_skip_space(s + sp,
			                                                  n - sp);
		s += sp;
		n -= sp;
		if (n == 0)
			return;
		e->started = true;
	}
	if (e->buffered) {
		if (herald_buf_append(&e->pending, s, n) != HERALD_OK)
			e->status = HERALD_ENOMEM;
		return;
	}
	add_text(e, s, n);
}

/* The pending text as a TEXT node, before an inline that is not text. */
static void flush_text(emitter *e)
{
	if (e->pending.len == 0)
		return;
	add_text(e, e->pending.data, e->pending.len);
	herald_buf_clear(&e->pending);
}

static void emit_open(emitter *e, cmark_node *n)
{
	cmark_node_type type = cmark_node_get_type(n);
	herald_node *m;

	if (type != CMARK_NODE_EMPH && type != CMARK_NODE_STRONG &&
	    type != CMARK_NODE_LINK)
		return;   /* an image's alt text reads as text */
	if (e->depth >= NEST_MAX) {
		e->flat++;
		return;
	}
	flush_text(e);
	m = placed(e, herald_node_new(e->doc, type == CMARK_NODE_LINK
	                                              ? HERALD_NODE_LINK
	                                              : HERALD_NODE_EMPH));
	if (!m || herald_node_append_child(e->cur, m) != HERALD_OK) {
		e->status = HERALD_ENOMEM;
		return;
	}
	if (type == CMARK_NODE_LINK) {
		const char *url = cmark_node_get_url(n);
		if (url && *url && herald_node_set_url(m, url) != HERALD_OK)
			e->status = HERALD_ENOMEM;
	}
	e->cur = m;
	e->depth++;
}

static void emit_close(emitter *e, cmark_node *n)
{
	cmark_node_type type = cmark_node_get_type(n);

	if (type != CMARK_NODE_EMPH && type != CMARK_NODE_STRONG &&
	    type != CMARK_NODE_LINK)
		return;
	if (e->flat) {
		e->flat--;
		return;
	}
	flush_text(e);
	herald_node *done = e->cur;
	e->cur = herald_node_parent(done);
	e->depth--;
	/* markup around a label that was taken off leaves nothing inside */
	if (!herald_node_first_child(done))
		herald_node_unlink(done);
}

/* Drop the space at the end of parent's last TEXT. */
static int trim_tail(herald_node *parent)
{
	herald_node *last = herald_node_last_child(parent);

	while (last && herald_node_type_of(last) == HERALD_NODE_TEXT) {
		const char *s = herald_node_text(last);
		size_t n = strlen(s), k = herald_text_trim_end(s, n);
		while (k > 0 && s[k - 1] == '\n')
			k = herald_text_trim_end(s, k - 1);
		if (k == n)
			return HERALD_OK;
		if (k > 0)
			return herald_node_set_text(last, s, k);
		herald_node *prev = herald_node_prev(last);
		herald_node_unlink(last);
		last = prev;
	}
	return HERALD_OK;
}

int herald_bulletin_block_inlines(herald_doc *doc, herald_node *parent,
                                  const herald_bulletin_block *b, size_t skip)
{
	emitter e = { .doc = doc, .cur = parent, .skip = skip, .line = b->line,
	              .col = b->col };

	if (!b->md) {
		/* the text starts after what is skipped, on the block's line
		 * when the skip stays on it */
		size_t lead = skip + herald_text_skip_space(b->text + skip,
		                                            b->len - skip);
		if (!memchr(b->text, '\n', lead))
			e.col = b->col + herald_utf8_count(b->text, lead);
		emit_text(&e, b->text, b->len);
		return e.status ? e.status : trim_tail(parent);
	}
	e.buffered = true;
	for (cmark_node *sib = b->md_first; sib && sib != b->md_end && !e.status;
	     sib = cmark_node_next(sib)) {
		cmark_iter *it = cmark_iter_new(sib);
		cmark_event_type ev;
		if (!it) {
			herald_buf_free(&e.pending);
			return HERALD_ENOMEM;
		}
		while (!e.status && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			size_t len;
			const char *s;
			if (ev == CMARK_EVENT_EXIT) {
				emit_close(&e, n);
			} else if (is_hard_break(n)) {
				if (e.started && !e.skip) {
					flush_text(&e);
					herald_node *br = placed(&e, herald_node_new(doc,
					                          HERALD_NODE_LINEBREAK));
					if (!br || herald_node_append_child(e.cur, br))
						e.status = HERALD_ENOMEM;
				} else {
					emit_text(&e, "\n", 1);
				}
			} else if ((s = leaf_text(n, &len))) {
				emit_text(&e, s, len);
			} else {
				emit_open(&e, n);
				/* a leaf container (an empty link) gets no EXIT */
				if (!cmark_node_first_child(n))
					emit_close(&e, n);
			}
		}
		cmark_iter_free(it);
	}
	flush_text(&e);
	herald_buf_free(&e.pending);
	while (e.cur != parent && e.cur)
		e.cur = herald_node_parent(e.cur);
	return e.status ? e.status : trim_tail(parent);
}

/* Whether a Markdown block is one inline of type t, space aside. */
static bool block_is_one(const herald_bulletin_block *b, cmark_node_type want)
{
	cmark_node *one = NULL;

	if (!b->md)
		return false;
	for (cmark_node *n = b->md_first; n && n != b->md_end;
	     n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		const char *lit;
		if (t == want && !one) {
			one = n;
		} else if (t == CMARK_NODE_TEXT &&
		           (lit = cmark_node_get_literal(n)) &&
		           herald_text_is_blank(lit, strlen(lit))) {
			/* space around it */
		} else if (t != CMARK_NODE_SOFTBREAK) {
			return false;
		}
	}
	return one != NULL;
}

bool herald_bulletin_block_is_link(const herald_bulletin_block *b)
{
	return block_is_one(b, CMARK_NODE_LINK);
}

bool herald_bulletin_block_is_image(const herald_bulletin_block *b)
{
	return block_is_one(b, CMARK_NODE_IMAGE);
}

/* --- lists ------------------------------------------------------------ */

static bool is_text_block(cmark_node_type t)
{
	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
	       t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK;
}

#define BOLD_TITLE_WORDS 15

/* A top-level paragraph that is one strong run and nothing else, on one
 * line, short, not a sentence: "**Council approves budget**". */
static bool bold_title(const herald_bulletin_blocks *bl,
                       const herald_bulletin_block *k)
{
	cmark_node *n = k->md, *child;

	if (k->kind != BULLETIN_BLOCK_TEXT || !n ||
	    cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH ||
	    cmark_node_parent(n) != bl->md_root || memchr(k->text, '\n', k->len))
		return false;
	child = cmark_node_first_child(n);
	return child && !cmark_node_next(child) &&
	       cmark_node_get_type(child) == CMARK_NODE_STRONG &&
	       herald_bulletin_tokens(k->text, k->len) <= BOLD_TITLE_WORDS &&
	       herald_bulletin_is_short_line(k->text, k->len, BOLD_TITLE_WORDS);
}

/* Bold lines as item titles, in a document whose writer had no other
 * headings than, at most, one level-1 title: two such lines or more
 * become level-2 headings (items are at the level that repeats).  With
 * real sub-headings (##) the bold lines are emphasis and stay so. */
static void bold_headings(herald_bulletin_blocks *bl)
{
	size_t bold = 0;

	for (size_t i = 0; i < bl->count; i++) {
		if (bl->v[i].kind == BULLETIN_BLOCK_HEADING && bl->v[i].level > 1)
			return;
		bold += bold_title(bl, &bl->v[i]);
	}
	if (bold < 2)
		return;
	for (size_t i = 0; i < bl->count; i++)
		if (bold_title(bl, &bl->v[i])) {
			bl->v[i].kind = BULLETIN_BLOCK_HEADING;
			bl->v[i].level = 2;
		}
}

/* --- HTML blocks ---------------------------------------------------------- */

static bool name_in(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp((const char *)n->name, *names) == 0)
			return true;
	return false;
}

/* Elements whose content is no text of the page: code, styles, and what
 * shows only where the rest cannot (an iframe's or noscript's). */
static const char *const hidden_elements[] = {
	"script", "style", "template", "noscript", "iframe", "object", "svg",
	NULL
};

/* Elements that start a line of their own, and <br>. */
static const char *const line_elements[] = {
	"address", "article", "aside", "blockquote", "br", "dd", "details",
	"div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1",
	"h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
	"p", "pre", "section", "summary", "table", "tr", "ul", NULL
};

typedef struct html_text {
	herald_buf buf;
	char owed;              /* ' ' or '\n' before the next text, or 0 */
	unsigned pre;           /* inside how many <pre> */
} html_text;

static void owe(html_text *t, char c)
{
	if (t->owed != '\n')
		t->owed = c;
}

/* A text node's words: white space collapsed as a browser shows it,
 * kept as it is inside <pre>. */
static void put_html_text(html_text *t, const char *s)
{
	for (; *s; s++) {
		bool space = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		             *s == '\f';
		if (space && !t->pre) {
			owe(t, ' ');
			continue;
		}
		if (t->owed && t->buf.len > 0)
			herald_buf_putc(&t->buf, t->owed);
		t->owed = 0;
		herald_buf_putc(&t->buf, *s);
	}
}

/* Leaving (or entering) element n. */
static void html_edge(html_text *t, const xmlNode *n, bool enter)
{
	if (name_in(n, line_elements))
		owe(t, '\n');
	if (strcasecmp((const char *)n->name, "pre") == 0)
		t->pre = enter ? t->pre + 1 : t->pre - 1;
}

/* Whether a comment is opened and never closed: HTML hides the rest of
 * the block then (cmark ends such a block at the end of the document). */
static bool has_open_comment(const char *s)
{
	while ((s = strstr(s, "<!--")) != NULL) {
		if ((s = strstr(s + 4, "-->")) == NULL)
			return true;
		s += 3;
	}
	return false;
}

/* The HTML parsed whole, or NULL: libxml2 stops at a fatal "internal"
 * error, which is how it ends at its depth limit (elements nested 256
 * deep), and what came after would be lost; so is what a comment never
 * closed holds. */
static htmlDocPtr parse_whole(const char *html, size_t n)
{
	htmlParserCtxtPtr ctxt;
	htmlDocPtr doc;
	const xmlError *err;

	if (n > INT_MAX || has_open_comment(html) ||
	    !herald_bulletin_html_open() || !(ctxt = htmlNewParserCtxt()))
		return NULL;
	doc = htmlCtxtReadMemory(ctxt, html, (int)n, NULL, "UTF-8",
	                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	                         HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	err = xmlCtxtGetLastError(ctxt);
	if (doc && err && err->level == XML_ERR_FATAL &&
	    (err->code == XML_ERR_INTERNAL_ERROR || err->code == XML_ERR_NO_MEMORY)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	htmlFreeParserCtxt(ctxt);
	return doc;
}

/* The text an HTML block of a Markdown body shows, by libxml2's HTML
 * parser (no network): its tags and comments taken off, entities read,
 * white space collapsed, a line break at <br> and around block elements.
 * "" when it shows none (a comment such as Hugo's and Jekyll's
 * "<!--more-->", an embedded video); NULL when out of memory.  HTML the
 * parser cannot read whole stays as it is, *as_written set: nothing is
 * lost. */
static char *html_block_text(const char *html, size_t *len, bool *as_written)
{
	size_t n = strlen(html);
	html_text t = { .buf = HERALD_BUF_INIT };
	htmlDocPtr doc = parse_whole(html, n);

	herald_buf_reserve(&t.buf, 0);
	*as_written = doc == NULL;
	if (!doc) {
		herald_buf_append(&t.buf, html, n);
		return herald_buf_take(&t.buf, len);
	}
	/* a walk without recursion: the parser bounds nothing for us */
	for (xmlNode *cur = doc->children; cur;) {
		if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
			put_html_text(&t, (const char *)cur->content);
		} else if (cur->type == XML_ELEMENT_NODE &&
		           !name_in(cur, hidden_elements)) {
			html_edge(&t, cur, true);
			if (cur->children) {
				cur = cur->children;
				continue;
			}
			html_edge(&t, cur, false);
		}
		while (cur && !cur->next) {
			cur = cur->parent;
			if (cur == NULL || cur->type == XML_HTML_DOCUMENT_NODE) {
				cur = NULL;
				break;
			}
			if (cur->type == XML_ELEMENT_NODE)
				html_edge(&t, cur, false);
		}
		if (cur)
			cur = cur->next;
	}
	xmlFreeDoc(doc);
	return herald_buf_take(&t.buf, len);
}

/* A TEXT block for a leaf block node: its inlines, its literal (code),
 * or the text its HTML shows. */
static int leaf_block(herald_bulletin_blocks *bl, cmark_node *n,
                      herald_bulletin_block *out)
{
	cmark_node_type t = cmark_node_get_type(n);
	size_t len = 0;
	bool as_written = false;
	char *text;

	*out = (herald_bulletin_block){ .kind = BULLETIN_BLOCK_TEXT };
	if (t == CMARK_NODE_HTML_BLOCK) {
		const char *lit = cmark_node_get_literal(n);
		text = html_block_text(lit ? lit : "", &len, &as_written);
	} else if (t == CMARK_NODE_CODE_BLOCK) {
		const char *lit = cmark_node_get_literal(n);
		text = strdup(lit ? lit : "");
		len = text ? strlen(text) : 0;
		while (len > 0 && text[len - 1] == '\n')
			text[--len] = '\0';
	} else {
		text = range_text(cmark_node_first_child(n), NULL, &len);
		out->md = n;
		out->md_first = cmark_node_first_child(n);
	}
	if (!herald_bulletin_blocks_own(bl, text))
		return HERALD_ENOMEM;
	out->text = text;
	out->len = len;
	position(bl, cmark_node_get_start_line(n), cmark_node_get_start_column(n),
	         &out->line, &out->col);
	if (as_written && bl->diag)
		herald_diag_report(bl->diag, HERALD_WARNING, out->line, out->col,
		                   "HTML that cannot be read whole (a comment "
		                   "never closed, or elements nested deeper than "
		                   "libxml2's 256): its text is kept as written, "
		                   "tags and all");
	return HERALD_OK;
}

static herald_node *add_child(herald_doc *doc, herald_node *parent,
                              herald_node_type type, unsigned long line,
                              unsigned long col)
{
	herald_node *n = herald_node_new(doc, type);

	if (!n || herald_node_append_child(parent, n) != HERALD_OK)
		return NULL;
	herald_node_set_position(n, line, col);
	return n;
}

int herald_bulletin_block_list(const herald_bulletin_blocks *cbl,
                               herald_doc *doc, herald_node *parent,
                               const herald_bulletin_block *b)
{
	/* leaf_block only adds owned texts: the list stays the caller's */
	herald_bulletin_blocks *bl = (herald_bulletin_blocks *)cbl;
	cmark_iter *it = cmark_iter_new(b->md);
	cmark_event_type ev;
	herald_node *cur = parent;
	unsigned depth = 0, flat = 0;
	int rc = HERALD_OK;

	if (!it)
		return HERALD_ENOMEM;
	while (rc == HERALD_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		unsigned long line, col;
		if (t != CMARK_NODE_LIST && t != CMARK_NODE_ITEM &&
		    !is_text_block(t))
			continue;   /* block quotes, breaks: looked through */
		position(bl, cmark_node_get_start_line(n),
		         cmark_node_get_start_column(n), &line, &col);
		if (is_text_block(t) && ev == CMARK_EVENT_ENTER) {
			herald_bulletin_block leaf;
			herald_node *p;
			/* text straight in a list (never from cmark) gets an entry */
			if (herald_node_type_of(cur) == HERALD_NODE_LIST)
				cur = add_child(doc, cur, HERALD_NODE_LIST_ITEM, line, col);
			if (!cur || leaf_block(bl, n, &leaf) ||
			    !(p = add_child(doc, cur, HERALD_NODE_PARAGRAPH, line, col)) ||
			    herald_bulletin_block_inlines(doc, p, &leaf, 0))
				rc = HERALD_ENOMEM;
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		}
		if (is_text_block(t))
			continue;
		if (ev == CMARK_EVENT_ENTER) {
			if (depth >= NEST_MAX) {
				flat++;
				continue;
			}
			herald_node *m = add_child(doc, cur, t == CMARK_NODE_LIST
			                                   ? HERALD_NODE_LIST
			                                   : HERALD_NODE_LIST_ITEM,
			                           line, col);
			if (!m) {
				rc = HERALD_ENOMEM;
				break;
			}
			if (t == CMARK_NODE_LIST)
				herald_node_set_list(m, cmark_node_get_list_type(n) ==
				                     CMARK_ORDERED_LIST
				                     ? HERALD_LIST_ORDERED
				                     : HERALD_LIST_BULLET,
				                     cmark_node_get_list_type(n) ==
				                     CMARK_ORDERED_LIST
				                     ? (unsigned long)cmark_node_get_list_start(n)
				                     : 1);
			cur = m;
			depth++;
		} else if (flat) {
			flat--;
		} else {
			herald_node *done = cur;
			cur = herald_node_parent(cur);
			depth--;
			/* an empty entry ("-" alone) has no words to keep */
			if (!herald_node_first_child(done))
				herald_node_unlink(done);
		}
	}
	cmark_iter_free(it);
	return rc;
}

/* --- the document ------------------------------------------------------- */

/* A copy of text with white-space-only lines emptied, and where each of
 * its lines starts. */
static int prepare(const char *text, size_t len, herald_bulletin_blocks *bl)
{
	size_t count = 1, pos = 0, at = 0;
	size_t *starts;
	char *out;

	for (size_t k = 0; k < len; k++)
		count += text[k] == '\n';
	starts = malloc(count * sizeof *starts);
	out = malloc(len + 1);
	if (!starts || !out) {
		free(starts);
		free(out);
		return HERALD_ENOMEM;
	}
	for (size_t i = 0; i < count; i++) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		starts[i] = at;
		if (!herald_text_is_blank(s, n)) {
			memcpy(out + at, s, n);
			at += n;
		}
		if (nl)
			out[at++] = '\n';
		pos += n + (nl != NULL);
	}
	out[at] = '\0';
	bl->md_src = out;
	bl->line_start = starts;
	bl->line_count = count;
	return HERALD_OK;
}

/* Whether a text holds nothing but white space and line ends. */
static bool blank_text(const char *s, size_t n)
{
	for (size_t k = 0; k < n;) {
		if (s[k] == '\n') {
			k++;
			continue;
		}
		size_t sp = herald_text_skip_space(s + k, n - k);
		if (!sp)
			return false;
		k += sp;
	}
	return true;
}

/* A paragraph cut at its line ends (line layout): one block per line. */
static int split_lines(herald_bulletin_blocks *bl, cmark_node *para,
                       size_t gap)
{
	cmark_node *first = cmark_node_first_child(para);
	int line = cmark_node_get_start_line(para);
	int rc = HERALD_OK;

	while (first && rc == HERALD_OK) {
		cmark_node *end = first;
		cmark_node_type t;
		while (end && (t = cmark_node_get_type(end)) != CMARK_NODE_SOFTBREAK &&
		       t != CMARK_NODE_LINEBREAK)
			end = cmark_node_next(end);
		herald_bulletin_block b = { .kind = BULLETIN_BLOCK_TEXT, .md = para,
		                            .md_first = first, .md_end = end,
		                            .gap = gap };
		size_t len;
		char *text = range_text(first, end, &len);
		if (!herald_bulletin_blocks_own(bl, text))
			return HERALD_ENOMEM;
		b.text = text;
		b.len = len;
		position(bl, line, 1, &b.line, &b.col);
		if (!blank_text(text, len))
			rc = herald_bulletin_blocks_push(bl, b);
		gap = 0;
		line++;
		first = end ? cmark_node_next(end) : NULL;
	}
	return rc;
}

static bool is_attribute_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' ||
	       c == '.';
}

/* Whether s[0..n) is the inside of a heading's attribute block: tokens
 * apart by spaces, each "#id", ".class" or "key=value" (the value maybe
 * in double quotes), after kramdown's optional ':'. */
static bool is_attribute_list(const char *s, size_t n)
{
	size_t at = 0, tokens = 0;

	if (n > 0 && s[0] == ':')
		at = 1;
	while (at < n) {
		size_t from;
		if (s[at] == ' ') {
			at++;
			continue;
		}
		if (s[at] == '#' || s[at] == '.') {
			from = ++at;
			while (at < n && is_attribute_name_char(s[at]))
				at++;
		} else {
			from = at;
			while (at < n && is_attribute_name_char(s[at]))
				at++;
			if (at == from || at >= n || s[at] != '=')
				return false;
			from = ++at;
			if (at < n && s[at] == '"') {
				const char *q = memchr(s + at + 1, '"', n - at - 1);
				if (!q)
					return false;
				at = (size_t)(q - s) + 1;
			} else {
				while (at < n && s[at] != ' ')
					at++;
			}
		}
		if (at == from || (at < n && s[at] != ' '))
			return false;
		tokens++;
	}
	return tokens > 0;
}

/* Where a trailing attribute block starts in a heading's text ("Harbour
 * news {#i3}", "Intro {.lead #top}", "Intro {: #top}"): the index of
 * its "{", or n when there is none.  This is the syntax Hugo's goldmark,
 * kramdown (Jekyll), pandoc and Python-Markdown give a heading an id,
 * and the one herald's markdown writer writes; cmark has no such
 * extension, so the braces reach the text.  They are markup, not words
 * of the title (doc/bulletin.md). */
static size_t attribute_block(const char *s, size_t n)
{
	size_t end = n, open;

	while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
		end--;
	if (end < 4 || s[end - 1] != '}')
		return n;
	for (open = end - 1; open > 0 && s[open - 1] != '{'; open--)
		if (s[open - 1] == '}' || s[open - 1] == '\n')
			return n;
	if (open < 2 || s[open - 2] != ' ' ||
	    !is_attribute_list(s + open, end - 1 - open))
		return n;
	return open - 1;
}

/* The last source line of heading, without its end of line, its
 * trailing space and an ATX heading's closing "#"s. */
static const char *heading_source_end(const herald_bulletin_blocks *bl,
                                      cmark_node *heading, size_t *len)
{
	int first = cmark_node_get_start_line(heading);
	const char *s = NULL;
	size_t n = 0;

	/* a setext heading's text is above its underline (cmark may place
	 * its end on the line after that) */
	for (int line = cmark_node_get_end_line(heading); line >= first;
	     line--) {
		if (line < 1 || (size_t)line > bl->line_count)
			continue;
		s = bl->md_src + bl->line_start[line - 1];
		n = (size_t)line < bl->line_count
		    ? bl->line_start[line] - bl->line_start[line - 1] : strlen(s);
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
		                 s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		size_t lead = 0;
		while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
			lead++;
		if (line == first || (lead < n && strspn(s + lead, "=-") < n - lead))
			break;
	}
	if (s == NULL)
		return NULL;
	size_t hashes = n;
	while (hashes > 0 && s[hashes - 1] == '#')
		hashes--;
	if (hashes < n && hashes > 0 && (s[hashes - 1] == ' ' ||
	                                 s[hashes - 1] == '\t')) {
		n = hashes;
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
	}
	*len = n;
	return s;
}

/* Takes a trailing attribute block off a heading's inlines.  Only when
 * the source line ends with the same bytes: cmark joins escapes and
 * entities into the TEXT around them, so "{\#x}" (a title's own braces,
 * as herald's markdown writer escapes them) reads as "{#x}" and stays.
 * And only when the TEXT nodes that end the heading hold it whole (an
 * attribute in emphasis or code is left as it is). */
static int drop_attributes(const herald_bulletin_blocks *bl,
                           cmark_node *heading)
{
	size_t len, brace, src_len, block, cut, have = 0;
	char *text = range_text(cmark_node_first_child(heading), NULL, &len);
	const char *src;
	cmark_node *n;

	if (!text)
		return HERALD_ENOMEM;
	brace = attribute_block(text, len);
	block = len;
	while (block > brace && (text[block - 1] == ' ' || text[block - 1] == '\t'))
		block--;
	src = brace < len ? heading_source_end(bl, heading, &src_len) : NULL;
	bool same = src && src_len >= block - brace &&
	            memcmp(src + src_len - (block - brace), text + brace,
	                   block - brace) == 0;
	/* the space before the braces goes too */
	while (brace > 0 && (text[brace - 1] == ' ' || text[brace - 1] == '\t'))
		brace--;
	cut = same && brace > 0 ? len - brace : 0;
	free(text);
	for (n = cmark_node_last_child(heading); n && have < cut;
	     n = cmark_node_previous(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT)
			return HERALD_OK;
		have += strlen(cmark_node_get_literal(n));
	}
	if (have < cut)
		return HERALD_OK;
	for (n = cmark_node_last_child(heading); cut > 0;) {
		const char *lit = cmark_node_get_literal(n);
		size_t l = strlen(lit);
		cmark_node *prev = cmark_node_previous(n);
		if (l <= cut) {
			cut -= l;
			cmark_node_free(n);      /* unlinks it too */
		} else {
			char *kept = strndup(lit, l - cut);
			if (!kept || !cmark_node_set_literal(n, kept)) {
				free(kept);
				return HERALD_ENOMEM;
			}
			free(kept);
			cut = 0;
		}
		n = prev;
	}
	return HERALD_OK;
}

int herald_bulletin_markdown_blocks(const char *text, size_t len,
                                    unsigned long first_line,
                                    herald_bulletin_layout layout,
                                    herald_bulletin_blocks *bl,
                                    herald_diag *diag)
{
	cmark_iter *it;
	cmark_event_type ev;
	int rc, prev_end = 0;

	if (!herald_bulletin_markup_open()) {
		herald_diag_report(diag, HERALD_WARNING, first_line, 1,
		                   "cmark cannot be loaded: the Markdown is read "
		                   "as plain text");
		return herald_bulletin_text_blocks(text, len, first_line, layout,
		                                   bl);
	}
	bl->layout = layout;
	bl->first_line = first_line;
	bl->diag = diag;
	if ((rc = prepare(text, len, bl)) != HERALD_OK)
		return rc;
	bl->md_root = cmark_parse_document(bl->md_src, strlen(bl->md_src),
	                                   CMARK_OPT_DEFAULT);
	if (!bl->md_root || !(it = cmark_iter_new(bl->md_root)))
		return HERALD_ENOMEM;
	while (rc == HERALD_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		herald_bulletin_block b;
		int start = cmark_node_get_start_line(n);
		size_t gap;

		if (ev != CMARK_EVENT_ENTER || t == CMARK_NODE_DOCUMENT ||
		    t == CMARK_NODE_BLOCK_QUOTE)
			continue;
		gap = start > prev_end + 1 ? (size_t)(start - prev_end - 1) : 0;
		if (cmark_node_get_end_line(n) > prev_end)
			prev_end = cmark_node_get_end_line(n);
		if (t == CMARK_NODE_PARAGRAPH && layout == BULLETIN_LAYOUT_LINE) {
			rc = split_lines(bl, n, gap);
		} else if (is_text_block(t)) {
			if (t == CMARK_NODE_HEADING)
				rc = drop_attributes(bl, n);
			if (rc == HERALD_OK)
				rc = leaf_block(bl, n, &b);
			if (rc == HERALD_OK && t == CMARK_NODE_HEADING) {
				b.kind = BULLETIN_BLOCK_HEADING;
				b.level = (unsigned)cmark_node_get_heading_level(n);
			}
			b.gap = gap;
			if (rc == HERALD_OK && (b.kind == BULLETIN_BLOCK_HEADING ||
			                        !blank_text(b.text, b.len)))
				rc = herald_bulletin_blocks_push(bl, b);
		} else if (t == CMARK_NODE_THEMATIC_BREAK) {
			b = (herald_bulletin_block){ .kind = BULLETIN_BLOCK_BREAK,
			                             .text = "", .gap = gap };
			position(bl, start, cmark_node_get_start_column(n), &b.line,
			         &b.col);
			rc = herald_bulletin_blocks_push(bl, b);
		} else if (t == CMARK_NODE_LIST) {
			b = (herald_bulletin_block){ .kind = BULLETIN_BLOCK_LIST,
			                             .text = "", .md = n, .gap = gap };
			position(bl, start, cmark_node_get_start_column(n), &b.line,
			         &b.col);
			rc = herald_bulletin_blocks_push(bl, b);
		} else {
			continue;
		}
		/* what is inside was taken with the block */
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	if (rc == HERALD_OK)
		bold_headings(bl);
	return rc;
}
