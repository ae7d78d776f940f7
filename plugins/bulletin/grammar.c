/* plugins/bulletin/grammar.c - from decoded text to the document tree.
 *
 * Two layers, both single pass:
 *  - blocks: runs of non-blank lines, each knowing how many blank lines
 *    came before it (its gap);
 *  - the bulletin grammar over blocks, with at most two blocks of
 *    lookahead and one item's blocks buffered at a time:
 *
 *      bulletin  = [date-line] [epigraph] item*
 *      epigraph  = heading-line paragraph-ending-in-a-name
 *      item      = title-line body*         (body until a gap of two)
 *                | paragraph                (an untitled statement)
 *
 *    A title-like line after a single blank line starts a new item when
 *    a paragraph follows it (or, for a VIDEO title, two blank lines do).
 */
#include <stdlib.h>
#include <string.h>

#include "bulletin.h"

#define NAME_SIZE 256
#define LOOKAHEAD 3
/* Bytes of a furniture block's first line at most. */
#define FURNITURE_LINE_MAX 400
/* Words of an item's sub-heading at most. */
#define SUBHEADING_WORDS 6

/* --- lines and blocks --------------------------------------------------- */

typedef struct cursor {
	const char *s;
	size_t len, pos;
	unsigned long line;
} cursor;

typedef struct line {
	const char *s;
	size_t n;
	unsigned long number;
} text_line;

static bool next_line(cursor *c, text_line *l)
{
	if (c->pos >= c->len)
		return false;
	const char *start = c->s + c->pos;
	const char *nl = memchr(start, '\n', c->len - c->pos);
	size_t n = nl ? (size_t)(nl - start) : c->len - c->pos;

	*l = (text_line){ start, n, c->line++ };
	c->pos += n + (nl != NULL);
	return true;
}

static bool is_blank(const text_line *l)
{
	return herald_text_skip_space(l->s, l->n) == l->n;
}

typedef struct block {
	const char *text;     /* trimmed lines joined by '\n' */
	size_t len;
	char *own;            /* text's storage when lines had to be joined */
	unsigned long line, col;
	size_t gap;           /* blank lines before it */
} block;

static void block_free(block *b)
{
	free(b->own);
	b->own = NULL;
}

/* The line without its leading and trailing white space; col gets the
 * column of its first character. */
static void trim_line(text_line *l, unsigned long *col)
{
	unsigned long cols = 1;
	size_t skip = herald_text_skip_space(l->s, l->n);

	cols += herald_utf8_count(l->s, skip);

	l->s += skip;
	l->n = herald_text_trim_end(l->s, l->n - skip);
	if (col)
		*col = cols;
}

static int append_line(block *b, size_t *cap, const text_line *l)
{
	size_t need = b->len + 1 + l->n + 1;

	if (!b->own && l->s == b->text + b->len + 1) {
		/* only the '\n' between: the joined lines are the text's own
		 * bytes, as they are in most wrapped paragraphs */
		b->len = need - 1;
		return HERALD_OK;
	}
	if (need > *cap) {
		size_t grown = *cap ? *cap : 256;
		while (grown < need)
			grown *= 2;
		char *p = realloc(b->own, grown);
		if (!p)
			return HERALD_ENOMEM;
		if (!b->own)
			memcpy(p, b->text, b->len);
		b->own = p;
		*cap = grown;
	}
	b->own[b->len++] = '\n';
	memcpy(b->own + b->len, l->s, l->n);
	b->len += l->n;
	b->text = b->own;
	return HERALD_OK;
}

/* The next block, or HERALD_OK with b->text NULL at the end. */
static int read_block(cursor *c, block *b)
{
	cursor before;
	text_line l;
	size_t cap = 0;

	*b = (block){ 0 };
	for (;;) {
		if (!next_line(c, &l))
			return HERALD_OK;
		if (!is_blank(&l))
			break;
		b->gap++;
	}
	trim_line(&l, &b->col);
	b->line = l.number;
	b->text = l.s;
	b->len = l.n;
	for (;;) {
		before = *c;
		if (!next_line(c, &l) || is_blank(&l)) {
			*c = before;   /* the blank line is the next block's gap */
			return HERALD_OK;
		}
		trim_line(&l, NULL);
		if (append_line(b, &cap, &l) != HERALD_OK) {
			block_free(b);
			return HERALD_ENOMEM;
		}
	}
}

/* --- the parser --------------------------------------------------------- */

typedef struct turn {
	herald_node *node;
	bool dashed;
	herald_bulletin_evidence evidence;
} turn;

typedef struct parser {
	const herald_bulletin_config *cfg;
	herald_doc *doc;
	herald_diag *diag;
	cursor cur;
	block ahead[LOOKAHEAD];
	size_t ahead_count;
	bool ended;
	block *body;          /* the current item's blocks */
	size_t body_count, body_cap;
	turn *turns;          /* the current interview's turns */
	size_t turn_count, turn_cap;
	int status;           /* first failure of a reader call, if any */
	bool release_ended;   /* an end mark was read: boilerplate may follow */
} parser;

/* The i-th block ahead, or NULL past the end. */
static const block *peek(parser *p, size_t i)
{
	while (p->ahead_count <= i && !p->ended) {
		block *b = &p->ahead[p->ahead_count];
		int rc = read_block(&p->cur, b);
		if (rc != HERALD_OK)
			p->status = rc;
		if (rc != HERALD_OK || !b->text)
			p->ended = true;
		else
			p->ahead_count++;
	}
	return i < p->ahead_count ? &p->ahead[i] : NULL;
}

/* Take the next block; it is the caller's to free. */
static block take(parser *p)
{
	block b = p->ahead[0];

	memmove(p->ahead, p->ahead + 1, (p->ahead_count - 1) * sizeof *p->ahead);
	p->ahead_count--;
	return b;
}

static void drop_body(parser *p)
{
	for (size_t i = 0; i < p->body_count; i++)
		block_free(&p->body[i]);
	p->body_count = 0;
	p->turn_count = 0;
}

static int push_body(parser *p, block b)
{
	if (p->body_count == p->body_cap) {
		size_t cap = p->body_cap ? p->body_cap * 2 : 16;
		block *grown = realloc(p->body, cap * sizeof *grown);
		if (!grown) {
			block_free(&b);
			return HERALD_ENOMEM;
		}
		p->body = grown;
		p->body_cap = cap;
	}
	p->body[p->body_count++] = b;
	return HERALD_OK;
}

static int push_turn(parser *p, turn t)
{
	if (p->turn_count == p->turn_cap) {
		size_t cap = p->turn_cap ? p->turn_cap * 2 : 16;
		turn *grown = realloc(p->turns, cap * sizeof *grown);
		if (!grown)
			return HERALD_ENOMEM;
		p->turns = grown;
		p->turn_cap = cap;
	}
	p->turns[p->turn_count++] = t;
	return HERALD_OK;
}

static bool is_dashed(const block *b)
{
	size_t skip;

	return herald_bulletin_dash_turn(b->text, b->len, &skip);
}

static bool is_title(const block *b)
{
	return herald_bulletin_is_title_line(b->text, b->len);
}

/* --- building nodes ----------------------------------------------------- */

static herald_node *add_node(parser *p, herald_node *parent,
                             herald_node_type type, unsigned long line,
                             unsigned long col)
{
	herald_node *n = herald_node_new(p->doc, type);

	if (!n || herald_node_append_child(parent, n) != HERALD_OK) {
		p->status = HERALD_ENOMEM;
		return NULL;
	}
	herald_node_set_position(n, line, col);
	return n;
}

/* A TEXT child holding s[0..n); nothing when n is 0.  At a block's end
 * (to_end), in text the document keeps, the bytes stay where they are:
 * what follows them there is the line end or the blanks trimmed off,
 * which the cursor has passed and no block holds. */
static int add_text(parser *p, herald_node *parent, const char *s, size_t n,
                    bool to_end, unsigned long line, unsigned long col)
{
	if (n == 0)
		return HERALD_OK;
	herald_node *t = to_end ? herald_node_new_text_in(p->doc, s, n) : NULL;
	if (!t)
		t = herald_node_new_text(p->doc, s, n);
	if (!t || herald_node_append_child(parent, t) != HERALD_OK)
		return p->status = HERALD_ENOMEM;
	herald_node_set_position(t, line, col);
	return HERALD_OK;
}

/* A PARAGRAPH (or TURN) holding a block's text from byte skip on. */
static herald_node *add_block(parser *p, herald_node *parent,
                              herald_node_type type, const block *b,
                              size_t skip, size_t len)
{
	herald_node *n = add_node(p, parent, type, b->line, b->col);
	unsigned long col = b->col + herald_utf8_count(b->text, skip);

	if (n && add_text(p, n, b->text + skip, len - skip,
	                  !b->own && len == b->len, b->line, col))
		return NULL;
	return n;
}

/* Store a string of len bytes as an attribute through setter. */
static int set_string(parser *p, herald_node *n, const char *s, size_t len,
                      int (*setter)(herald_node *, const char *))
{
	const char *copy = herald_doc_strndup(p->doc, s, len);

	if (!copy || setter(n, copy) != HERALD_OK)
		return p->status = HERALD_ENOMEM;
	return HERALD_OK;
}

/* --- date line ---------------------------------------------------------- */

static void set_date(parser *p, const char *iso)
{
	if (herald_doc_set_meta(p->doc, HERALD_META_DATE, iso) != HERALD_OK)
		p->status = HERALD_ENOMEM;
}

/* The first non-blank line from the cursor on; false at the end. */
static bool first_line(parser *p, text_line *l, unsigned long *col)
{
	do {
		if (!next_line(&p->cur, l))
			return false;
	} while (is_blank(l));
	trim_line(l, col);
	return true;
}

/* The date line: the first line, a date ("9 October 2020"), or a
 * dateline without text after it ("Berlin, 5. Oktober 2020", "Morning
 * digest, 5 October 2020"), kept whole as the title.  A release label
 * above it ("PRESS RELEASE") goes to the field release. */
static void read_date(parser *p)
{
	cursor start = p->cur;
	text_line l;
	char iso[11];
	unsigned long col;

	if (!first_line(p, &l, &col)) {
		p->cur = start;
		return;
	}
	if (herald_bulletin_is_release_label(l.s, l.n)) {
		int rc = herald_bulletin_add_field(p->doc, "release", l.s, l.n);
		if (rc == HERALD_ENOMEM)
			p->status = rc;
		start = p->cur;
		if (!first_line(p, &l, &col)) {
			p->cur = start;
			return;
		}
	}
	switch (herald_bulletin_parse_date(l.s, l.n, p->cfg->date_order, iso)) {
	case BULLETIN_DATE_OK:
		set_date(p, iso);
		break;
	case BULLETIN_DATE_IMPOSSIBLE:
		herald_diag_report(p->diag, HERALD_WARNING, l.number, col,
		                   "impossible date '%.*s': the line is kept as "
		                   "the title, the date is left unset",
		                   (int)l.n, l.s);
		break;
	default:
		if (herald_bulletin_dated_title(l.s, l.n, iso)) {
			set_date(p, iso);
			break;
		}
		/* (an archive named by day dates it: bulletin.c) */
		if (!herald_bulletin_name_date(herald_doc_source_name(p->doc),
		                               iso))
			herald_diag_report(p->diag, HERALD_WARNING, l.number, col,
			                   "no date line: the bulletin's date is "
			                   "unknown");
		p->cur = start;
		return;
	}
	/* (the title is the date as printed, unless that date was impossible) */
	char *title = strndup(l.s, l.n);
	if (!title || herald_doc_set_meta(p->doc, HERALD_META_TITLE, title) ||
	    (herald_doc_meta(p->doc, HERALD_META_DATE) &&
	     herald_doc_set_meta(p->doc, HERALD_META_DATELINE, title)))
		p->status = HERALD_ENOMEM;
	free(title);
}

/* --- epigraph ----------------------------------------------------------- */

static int add_quote(parser *p, const block *heading, const block *text,
                     size_t name_at)
{
	const block *first = heading ? heading : text;
	herald_node *q = add_node(p, herald_doc_root(p->doc), HERALD_NODE_QUOTE,
	                          first->line, first->col);
	size_t end = herald_text_trim_end(text->text, text->len), len;
	size_t quote_end = name_at;
	char *name;

	if (!q)
		return p->status;
	if (heading && set_string(p, q, heading->text, heading->len,
	                          herald_node_set_title))
		return p->status;
	/* The quote ends before the attribution and any dash leading it. */
	while (quote_end > 0) {
		unsigned long cp = herald_bulletin_cp_before(text->text, quote_end,
		                                             &len);
		if (cp != '\n' && !herald_cp_is_space(cp) &&
		    !herald_cp_is_dash(cp))
			break;
		quote_end -= len;
	}
	name = strndup(text->text + name_at, end - name_at);
	if (!name)
		return p->status = HERALD_ENOMEM;
	for (char *c = name; *c; c++)
		if (*c == '\n')
			*c = ' ';
	if (herald_node_set_speaker(q, name) != HERALD_OK)
		p->status = HERALD_ENOMEM;
	free(name);
	if (p->status || !add_block(p, q, HERALD_NODE_PARAGRAPH, text, 0,
	                            quote_end))
		return p->status;
	return HERALD_OK;
}

/* A heading then a paragraph that ends in its author's name; or only such
 * a paragraph.  Looked for once, where the bulletin starts. */
static int read_epigraph(parser *p)
{
	const block *b0 = peek(p, 0), *b1 = peek(p, 1);
	size_t at;

	if (!b0)
		return p->status;
	if (is_title(b0) && herald_bulletin_strip_video(b0->text, b0->len) ==
	    b0->len && b1 && !is_dashed(b1) &&
	    (at = herald_bulletin_attribution(b1->text, b1->len))) {
		block heading = take(p), text = take(p);
		int rc = add_quote(p, &heading, &text, at);
		block_free(&heading);
		block_free(&text);
		return rc;
	}
	/* A one-line quote looks like a title: it is one unless the next
	 * block is far (two blank lines) as an item's body never is. */
	if (!is_dashed(b0) && (!is_title(b0) || !b1 || b1->gap >= 2) &&
	    (at = herald_bulletin_attribution(b0->text, b0->len))) {
		block text = take(p);
		int rc = add_quote(p, NULL, &text, at);
		block_free(&text);
		return rc;
	}
	return HERALD_OK;
}

/* --- the document's own title ------------------------------------------ */

#define TITLED_DIGEST_ITEMS 2

/* Without a date line, a first item that is a title alone, with no
 * VIDEO marker, above two items or more, is the digest's own title
 * ("Resumen de noticias", "Community newsletter"): a title-only item is
 * a video item in the archives, and this one is not marked.  Above one
 * item only it stays an item: a headline over a strapline looks the
 * same.  Looked at once the items are read; constant work but for
 * counting the document's children. */
static void digest_title(parser *p)
{
	herald_node *root = herald_doc_root(p->doc);
	herald_node *first = herald_node_first_child(root);
	size_t items = 0;

	if (!first || herald_node_type_of(first) != HERALD_NODE_ITEM ||
	    herald_doc_meta(p->doc, HERALD_META_TITLE) ||
	    !herald_node_title(first) || herald_node_first_child(first) ||
	    herald_node_has_tag(first, "video"))
		return;
	for (herald_node *n = herald_node_next(first);
	     n && items < TITLED_DIGEST_ITEMS; n = herald_node_next(n))
		items += herald_node_type_of(n) == HERALD_NODE_ITEM &&
		         herald_node_title(n) != NULL;
	if (items < TITLED_DIGEST_ITEMS)
		return;
	if (herald_doc_set_meta(p->doc, HERALD_META_TITLE,
	                        herald_node_title(first)) != HERALD_OK)
		p->status = HERALD_ENOMEM;
	else
		herald_node_unlink(first);
}

/* --- interview turns ---------------------------------------------------- */

static herald_speaker_role other(herald_speaker_role r)
{
	return r == HERALD_SPEAKER_INTERVIEWER ? HERALD_SPEAKER_INTERVIEWEE
	                                       : HERALD_SPEAKER_INTERVIEWER;
}

static herald_speaker_role role_of(herald_bulletin_evidence e)
{
	return e == BULLETIN_EVIDENCE_ASK ? HERALD_SPEAKER_INTERVIEWER
	                                  : HERALD_SPEAKER_INTERVIEWEE;
}

/* How well "the chain from i on starts with the interviewer" fits the
 * turns' shapes: +1 per agreeing turn, -1 per contradicting one.  The
 * chain runs to the next dashless turn; *end gets where it stops. */
static long chain_vote(const parser *p, size_t i, size_t *end)
{
	herald_speaker_role r = HERALD_SPEAKER_INTERVIEWER;
	long score = 0;
	size_t k = i;

	for (; k < p->turn_count && (k == i || p->turns[k].dashed); k++) {
		herald_bulletin_evidence e = p->turns[k].evidence;
		if (e != BULLETIN_EVIDENCE_NONE)
			score += role_of(e) == r ? 1 : -1;
		r = other(r);
	}
	*end = k;
	return score;
}

static void set_role(parser *p, turn *t, herald_speaker_role role,
                     const char *interviewee)
{
	herald_node_set_role(t->node, role);
	if (role == HERALD_SPEAKER_INTERVIEWEE && interviewee[0] &&
	    herald_node_set_speaker(t->node, interviewee) != HERALD_OK)
		p->status = HERALD_ENOMEM;
}

/* Turns alternate.  A dash marks a turn for sure.  A dashless turn
 * follows the alternation unless its shape contradicts it: a long turn
 * that asks nothing is the interviewee's (an answer going on, or one that
 * lost its dash; either way the interviewer speaks next), while a
 * question where an answer was due is UNKNOWN: the interviewee's own
 * question, or the interviewer's?  After an UNKNOWN the alternation is
 * found again from the next chain of dashed turns, by the majority of
 * their shapes, or the chain stays UNKNOWN when they do not tell. */
static void assign_roles(parser *p, const char *interviewee)
{
	herald_speaker_role expect = HERALD_SPEAKER_UNKNOWN;
	bool first = true;

	for (size_t i = 0; i < p->turn_count; i++, first = false) {
		turn *t = &p->turns[i];
		if (t->dashed && expect == HERALD_SPEAKER_UNKNOWN) {
			size_t end;
			long score = chain_vote(p, i, &end);
			if (score > 0 || (first && score == 0)) {
				expect = HERALD_SPEAKER_INTERVIEWER;
			} else if (score < 0) {
				expect = HERALD_SPEAKER_INTERVIEWEE;
			} else {
				i = end - 1;   /* the chain stays UNKNOWN */
				continue;
			}
		}
		if (t->evidence == BULLETIN_EVIDENCE_ANSWER && !t->dashed &&
		    expect != HERALD_SPEAKER_INTERVIEWEE)
			expect = HERALD_SPEAKER_INTERVIEWEE;
		else if (!t->dashed && t->evidence == BULLETIN_EVIDENCE_ASK &&
		         expect != HERALD_SPEAKER_INTERVIEWER)
			expect = HERALD_SPEAKER_UNKNOWN;
		if (expect == HERALD_SPEAKER_UNKNOWN)
			continue;
		set_role(p, t, expect, interviewee);
		expect = other(expect);
	}
}

/* --- items -------------------------------------------------------------- */

/* Whether a title-like block after one blank line starts an item rather
 * than being a short paragraph of the current one. */
static bool starts_item(parser *p, const block *b, bool in_turns)
{
	const block *next;

	if (!is_title(b) || herald_bulletin_tokens(b->text, b->len) < 3)
		return false;
	next = peek(p, 1);
	if (herald_bulletin_strip_video(b->text, b->len) < b->len &&
	    (!next || next->gap >= 2))
		return true;
	if (in_turns)
		return false;
	return next && next->gap <= 1 && !is_dashed(next) && !is_title(next);
}

static bool keep_field(parser *p, const char *key, const block *b);

static int add_item_blocks(parser *p, herald_node *item,
                           herald_item_kind kind, const char *interviewee)
{
	bool in_turns = false;

	for (size_t i = 0; i < p->body_count && !p->status; i++) {
		const block *b = &p->body[i];
		size_t skip = 0;
		bool dashed = herald_bulletin_dash_turn(b->text, b->len, &skip);

		if (kind == HERALD_ITEM_INTERVIEW && dashed)
			in_turns = true;
		/* a signature closing the item: name, office, date */
		char iso[11];
		if (!in_turns && i > 0 && i + 1 == p->body_count &&
		    herald_bulletin_is_signature_block(b->text, b->len, iso) &&
		    keep_field(p, "signature", b)) {
			if (!herald_doc_meta(p->doc, HERALD_META_DATE))
				set_date(p, iso);
			continue;
		}
		/* a block of bulleted lines, outside interviews (where a dash
		 * opens a turn), is a list */
		if (kind != HERALD_ITEM_INTERVIEW &&
		    herald_bulletin_is_bullet_block(b->text, b->len)) {
			if (herald_bulletin_plain_list(p->doc, item, b->text, b->len,
			                               b->line, b->col))
				p->status = HERALD_ENOMEM;
			continue;
		}
		if (herald_bulletin_is_caption(b->text, b->len)) {
			herald_node *c = add_block(p, item, HERALD_NODE_PARAGRAPH, b,
			                           0, b->len);
			if (c && herald_node_add_tag(c, "caption"))
				p->status = HERALD_ENOMEM;
			continue;
		}
		/* a short title-like line between paragraphs of an item (too
		 * short to start an item of its own: starts_item) is its
		 * sub-heading ("Industry reaction") */
		if (kind == HERALD_ITEM_NEWS && i > 0 && i + 1 < p->body_count &&
		    is_title(b) && !dashed &&
		    herald_bulletin_tokens(b->text, b->len) <= SUBHEADING_WORDS &&
		    !is_title(&p->body[i + 1]) && !is_dashed(&p->body[i + 1])) {
			herald_node *h = add_block(p, item, HERALD_NODE_HEADING, b, 0,
			                           b->len);
			if (h)
				herald_node_set_heading_level(h, 1);
			continue;
		}
		if (!in_turns || (!dashed && !p->cfg->dashless_turns)) {
			add_block(p, item, HERALD_NODE_PARAGRAPH, b, 0, b->len);
			continue;
		}
		herald_node *n = add_block(p, item, HERALD_NODE_TURN, b,
		                           dashed ? skip : 0, b->len);
		turn t = { n, dashed, herald_bulletin_turn_evidence(
		                   b->text + skip, b->len - skip) };
		if (n && push_turn(p, t))
			p->status = HERALD_ENOMEM;
	}
	if (!p->status)
		assign_roles(p, interviewee);
	return p->status;
}

/* The item's kind and speaker, from its title's (title_kind, and the
 * name it holds, read by the caller) and, for interviews that the title
 * does not name, from the paragraphs before the first turn. */
static herald_item_kind classify(parser *p,
                                 herald_bulletin_title_kind title_kind,
                                 char *name)
{
	herald_item_kind kind = HERALD_ITEM_NEWS;
	size_t first_dash = p->body_count;

	for (size_t i = 0; i < p->body_count; i++)
		if (is_dashed(&p->body[i])) {
			first_dash = i;
			break;
		}
	switch (title_kind) {
	case BULLETIN_TITLE_INTERVIEW:
		kind = HERALD_ITEM_INTERVIEW;
		break;
	case BULLETIN_TITLE_SPEECH:
		return HERALD_ITEM_SPEECH;
	default:
		/* An untold interview: turns after an intro that says so. */
		if (first_dash > 0 && first_dash < p->body_count &&
		    herald_bulletin_mentions_interview(p->body[0].text,
		                                       p->body[0].len))
			kind = HERALD_ITEM_INTERVIEW;
		break;
	}
	for (size_t i = 0; kind == HERALD_ITEM_INTERVIEW && !name[0] &&
	                   i < first_dash; i++)
		herald_bulletin_interviewee_in(p->body[i].text, p->body[i].len,
		                               name, NAME_SIZE);
	return kind;
}

static int add_titled_item(parser *p, const block *title,
                           herald_bulletin_title_kind title_kind, char *name)
{
	size_t len = herald_bulletin_strip_video(title->text, title->len);
	herald_node *item = add_node(p, herald_doc_root(p->doc),
	                             HERALD_NODE_ITEM, title->line, title->col);
	herald_item_kind kind;

	if (!item || set_string(p, item, title->text, len,
	                        herald_node_set_title))
		return p->status;
	if (len < title->len && herald_node_add_tag(item, "video") != HERALD_OK)
		return p->status = HERALD_ENOMEM;
	kind = classify(p, title_kind, name);
	herald_node_set_item_kind(item, kind);
	if (name[0] && herald_node_set_speaker(item, name) != HERALD_OK)
		return p->status = HERALD_ENOMEM;
	return add_item_blocks(p, item, kind, name);
}

static int add_statement(parser *p, const block *b)
{
	herald_node *item = add_node(p, herald_doc_root(p->doc),
	                             HERALD_NODE_ITEM, b->line, b->col);

	if (!item)
		return p->status;
	herald_node_set_item_kind(item, HERALD_ITEM_STATEMENT);
	if (herald_bulletin_is_bullet_block(b->text, b->len)) {
		if (herald_bulletin_plain_list(p->doc, item, b->text, b->len,
		                               b->line, b->col))
			p->status = HERALD_ENOMEM;
		return p->status;
	}
	add_block(p, item, HERALD_NODE_PARAGRAPH, b, 0, b->len);
	return p->status;
}

/* --- release furniture (doc/bulletin.md, "Release furniture") ----------- */

typedef enum {
	FURNITURE_NONE,
	FURNITURE_FIELD,      /* kept in a free field; the item goes on */
	FURNITURE_END,        /* an end mark: the item ends there */
	FURNITURE_NOTES       /* a notes heading: the rest of the item */
} furniture_kind;

static furniture_kind furniture_of(const block *b, const char **key)
{
	char iso[11];

	*key = NULL;
	if (herald_bulletin_is_end_mark(b->text, b->len)) {
		*key = "end";
		return FURNITURE_END;
	}
	const char *nl = memchr(b->text, '\n', b->len);
	size_t first = nl ? (size_t)(nl - b->text) : b->len;
	/* furniture opens with a short line: a paragraph's long first line
	 * rules it all out without looking further (every block is tried) */
	if (first > FURNITURE_LINE_MAX)
		return FURNITURE_NONE;
	/* and with a letter (a label, a place) or a caption's bracket: a
	 * dashed turn or a quoted line is none of them */
	uint32_t cp0 = 0;
	size_t lead = herald_text_skip_space(b->text, b->len);
	if (lead < b->len)
		herald_utf8_next(b->text + lead, b->len - lead, &cp0);
	if (!herald_cp_is_letter(cp0) && cp0 != '(' && cp0 != '[')
		return FURNITURE_NONE;
	if (herald_bulletin_opens_with_label("notes", b->text, b->len) &&
	    herald_bulletin_is_short_line(b->text, first, 6)) {
		*key = "notes";
		return FURNITURE_NOTES;
	}
	if (herald_bulletin_is_release_label(b->text, b->len))
		*key = "release";
	else if (herald_bulletin_dated_line(b->text, b->len, iso) ||
	         herald_bulletin_posted_line(b->text, b->len, iso))
		*key = "dateline";
	else if (herald_bulletin_opens_with_label("contact", b->text, b->len))
		*key = "contact";
	else if (herald_bulletin_is_caption(b->text, b->len))
		*key = "caption";
	else if (!nl && b->len <= FURNITURE_LINE_MAX / 2 &&
	         herald_bulletin_byline(b->text, b->len))
		*key = "byline";
	return *key ? FURNITURE_FIELD : FURNITURE_NONE;
}

/* Keep b in field key; false when the field is full (the block is then
 * read as text).  A dateline also dates the document when nothing did. */
static bool keep_field(parser *p, const char *key, const block *b)
{
	char iso[11];
	int rc;

	if (herald_text_word_count(b->text, b->len) == 0)
		return true;   /* "###", "* * *": no words to keep */
	rc = herald_bulletin_add_field(p->doc, key, b->text, b->len);
	if (rc == HERALD_ENOMEM)
		p->status = rc;
	if (rc == 1)
		return false;
	if (strcmp(key, "dateline") == 0 &&
	    !herald_doc_meta(p->doc, HERALD_META_DATE) &&
	    (herald_bulletin_dated_line(b->text, b->len, iso) ||
	     herald_bulletin_posted_line(b->text, b->len, iso))) {
		set_date(p, iso);
		const char *line = herald_doc_strndup(p->doc, b->text, b->len);
		if (!line || herald_doc_set_meta(p->doc, HERALD_META_DATELINE, line))
			p->status = HERALD_ENOMEM;
	}
	return true;
}

/* A notes section: the heading b and the blocks after it up to the
 * item's end (two blank lines). */
static void keep_notes(parser *p, block *b)
{
	const block *next;

	keep_field(p, "notes", b);
	while (!p->status && (next = peek(p, 0)) && next->gap <= 1) {
		block n = take(p);
		if (!keep_field(p, "notes", &n) && push_body(p, n) == HERALD_OK)
			continue;   /* full: the text stays, as paragraphs */
		block_free(&n);
	}
}

/* The first paragraph of an item opening with a dateline ("Madrid, 5 de
 * octubre de 2020 (EFE).– El ..."): its date is the document's when
 * nothing dated it; the text stays the paragraph's. */
static void glued_date(parser *p, const block *b)
{
	size_t rest;
	char iso[11];

	if (!herald_doc_meta(p->doc, HERALD_META_DATE) &&
	    herald_bulletin_dateline(b->text, b->len, &rest, iso) &&
	    rest < b->len)
		set_date(p, iso);
}

/* One item: a title and the blocks up to the next item, or a statement;
 * or a block of furniture between items. */
static int read_item(parser *p)
{
	block head = take(p);
	const char *key;
	int rc;

	furniture_kind head_kind = furniture_of(&head, &key);
	if (head_kind == FURNITURE_NONE && p->release_ended &&
	    herald_bulletin_is_about_heading(head.text, head.len))
		head_kind = FURNITURE_NOTES;   /* "About the ...", after "###" */
	switch (head_kind) {
	case FURNITURE_NOTES:
		keep_notes(p, &head);
		rc = p->status;
		block_free(&head);
		for (size_t i = 0; !rc && i < p->body_count; i++)
			rc = add_statement(p, &p->body[i]);
		drop_body(p);
		return rc;
	case FURNITURE_FIELD:
	case FURNITURE_END:
		p->release_ended = p->release_ended || head_kind == FURNITURE_END;
		if (keep_field(p, key, &head)) {
			block_free(&head);
			return p->status;
		}
		break;
	default:
		break;
	}
	if (!is_title(&head)) {
		glued_date(p, &head);
		rc = add_statement(p, &head);
		block_free(&head);
		return rc;
	}
	char name[NAME_SIZE];
	herald_bulletin_title_kind title_kind = herald_bulletin_title_kind_of(
	        head.text, herald_bulletin_strip_video(head.text, head.len),
	        name, sizeof name);
	bool interview = title_kind == BULLETIN_TITLE_INTERVIEW;
	bool in_turns = false, dated = false;
	const block *b;

	while (!p->status && (b = peek(p, 0)) && b->gap <= 1) {
		furniture_kind f = in_turns ? FURNITURE_NONE : furniture_of(b, &key);
		if (f == FURNITURE_NOTES) {
			block n = take(p);
			keep_notes(p, &n);
			block_free(&n);
			break;
		}
		if (f == FURNITURE_FIELD && strcmp(key, "caption") == 0) {
			/* a photo caption: the item's paragraph, tagged */
			if (push_body(p, take(p)))
				p->status = HERALD_ENOMEM;
			continue;
		}
		if (f != FURNITURE_NONE) {
			block n = take(p);
			bool kept = keep_field(p, key, &n);
			if (kept)
				block_free(&n);
			else if (push_body(p, n))
				p->status = HERALD_ENOMEM;
			if (f == FURNITURE_END) {
				p->release_ended = true;
				break;
			}
			continue;
		}
		if (starts_item(p, b, in_turns))
			break;
		in_turns = in_turns || (interview && is_dashed(b));
		if (!dated) {
			glued_date(p, b);
			dated = true;
		}
		if (push_body(p, take(p)))
			p->status = HERALD_ENOMEM;
	}
	rc = p->status ? p->status : add_titled_item(p, &head, title_kind, name);
	block_free(&head);
	drop_body(p);
	return rc;
}

/* --- entry point -------------------------------------------------------- */

static void parser_free(parser *p)
{
	for (size_t i = 0; i < p->ahead_count; i++)
		block_free(&p->ahead[i]);
	drop_body(p);
	free(p->body);
	free(p->turns);
}

int herald_bulletin_parse(const herald_bulletin_config *cfg, const char *text,
                          size_t len, herald_doc *doc, herald_diag *diag)
{
	parser p = { .cfg = cfg, .doc = doc, .diag = diag,
	             .cur = { text, len, 0, 1 } };
	const block *first;

	first = peek(&p, 0);
	if (!first && p.status) {
		herald_error(diag, "out of memory reading the input");
		return p.status;
	}
	if (!first) {
		herald_diag_report(diag, HERALD_WARNING, 0, 0, len == 0 ?
		                   "empty input: the document is empty" :
		                   "the input holds only blank lines: the "
		                   "document is empty");
		parser_free(&p);
		return HERALD_OK;
	}
	herald_node_set_position(herald_doc_root(doc), first->line, first->col);
	/* The date line is looked for before blocks are formed: it may sit
	 * right above the next line without a blank line between. */
	block_free(&p.ahead[0]);
	p.ahead_count = 0;
	p.ended = false;
	p.cur = (cursor){ text, len, 0, 1 };
	read_date(&p);
	if (!p.status)
		read_epigraph(&p);

	while (!p.status && peek(&p, 0))
		read_item(&p);
	if (!p.status)
		digest_title(&p);
	parser_free(&p);
	if (p.status == HERALD_ENOMEM)
		herald_error(diag, "out of memory building the document");
	return p.status;
}
