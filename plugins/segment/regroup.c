/* regroup.c - rebuilding a text block around its sentences.
 *
 * One pass flattens the block's inlines; the segmenter gives sentence
 * spans; a second pass walks the original inlines in the same order and
 * appends copies of them to the right place: inside the current
 * SENTENCE, or directly under the block for the space between sentences.
 * TEXT is cut where a span starts or ends; an EMPH or LINK is copied
 * (type, URL, position) into each range its content reaches, so one that
 * spans a boundary becomes two with the same attributes.  Copies are made
 * lazily, when content arrives, so no empty EMPH appears at a boundary.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <herald/doc.h>

#include <herald/text.h>

#include "regroup.h"

/* An EMPH or LINK of the original tree and its copy in the current
 * range (NULL until content arrives). */
struct sbd_open {
	herald_node *orig;
	herald_node *copy;
	int ever_copied;
};


void
sbd_scratch_release(sbd_scratch *sc)
{
	free(sc->text);
	free(sc->children);
	free(sc->open);
	sbd_result_release(&sc->result);
	memset(sc, 0, sizeof *sc);
}

static int
append_text(sbd_scratch *sc, const char *s, size_t n)
{
	if (sbd_grow((void **)&sc->text, &sc->cap, sc->len + n + 1, 1) != 0)
		return -1;
	memcpy(sc->text + sc->len, s, n);
	sc->len += n;
	sc->text[sc->len] = '\0';
	return 0;
}

/* The block's text as the segmenter sees it. */
static int
flatten(herald_node *block, sbd_scratch *sc)
{
	herald_walker w;

	sc->len = 0;
	herald_walker_init(&w, block);
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		herald_node_type t = herald_node_type_of(w.node);
		const char *text;

		if (w.event != HERALD_WALK_ENTER)
			continue;
		if (t == HERALD_NODE_TEXT && (text = herald_node_text(w.node)))
			if (append_text(sc, text, herald_node_text_length(w.node)) != 0)
				return -1;
		if (t == HERALD_NODE_LINEBREAK && append_text(sc, "\n", 1) != 0)
			return -1;
	}
	return 0;
}

/* The text of a block whose one child is a TEXT, as the segmenter sees
 * it with no copy; NULL for any other block. */
static const char *
only_text(const herald_node *block, size_t *len)
{
	const herald_node *c = herald_node_first_child(block);

	if (c == NULL || herald_node_next(c) != NULL ||
	    herald_node_type_of(c) != HERALD_NODE_TEXT)
		return NULL;
	*len = herald_node_text_length(c);
	return herald_node_text(c);
}

/* --- the rebuild ------------------------------------------------------- */

typedef struct builder {
	herald_doc *doc;
	herald_node *block;
	sbd_scratch *sc;
	const sbd_span *spans;
	size_t nspans;
	size_t pos;            /* bytes of the block's text emitted so far */
	size_t next;           /* the index of the next sentence */
	size_t boundary;       /* where the current range ends */
	herald_node *sentence; /* the current SENTENCE, NULL in a gap */
	int sentence_placed;   /* its position is set */
} builder;

/* Move on to the range that starts at b->pos. */
static int
next_range(builder *b)
{
	size_t i;

	for (i = 0; i < b->sc->depth; i++)
		b->sc->open[i].copy = NULL;
	if (b->sentence != NULL || b->next >= b->nspans ||
	    b->spans[b->next].start != b->pos) {
		b->sentence = NULL;          /* a gap, up to the next sentence */
		b->boundary = b->next < b->nspans ? b->spans[b->next].start
		                                  : SIZE_MAX;
		if (b->boundary == b->pos)
			return next_range(b);
		return 0;
	}
	if ((b->sentence = herald_node_new(b->doc, HERALD_NODE_SENTENCE)) ==
	    NULL || herald_node_append_child(b->block, b->sentence) != 0)
		return -1;
	b->sentence_placed = 0;
	b->boundary = b->spans[b->next++].end;
	return 0;
}

static herald_node *
copy_container(builder *b, const herald_node *orig)
{
	herald_node *n = herald_node_new(b->doc, herald_node_type_of(orig));

	if (n == NULL)
		return NULL;
	if (herald_node_type_of(orig) == HERALD_NODE_LINK &&
	    herald_node_url(orig) != NULL &&
	    herald_node_set_url(n, herald_node_url(orig)) != 0)
		return NULL;
	herald_node_set_position(n, herald_node_line(orig),
	                         herald_node_column(orig));
	return n;
}

/* The node new content goes into, copying the open EMPH/LINKs into the
 * current range first if needed. */
static herald_node *
current_parent(builder *b)
{
	herald_node *parent = b->sentence ? b->sentence : b->block;
	size_t i;

	for (i = 0; i < b->sc->depth; i++) {
		sbd_open *o = &b->sc->open[i];

		if (o->copy == NULL) {
			if ((o->copy = copy_container(b, o->orig)) == NULL ||
			    herald_node_append_child(parent, o->copy) != 0)
				return NULL;
			o->ever_copied = 1;
		}
		parent = o->copy;
	}
	return parent;
}

static int
add_leaf(builder *b, herald_node *leaf)
{
	herald_node *parent = current_parent(b);

	if (parent == NULL || herald_node_append_child(parent, leaf) != 0)
		return -1;
	if (b->sentence != NULL && !b->sentence_placed &&
	    herald_node_line(leaf) != 0) {
		herald_node_set_position(b->sentence, herald_node_line(leaf),
		                         herald_node_column(leaf));
		b->sentence_placed = 1;
	}
	return 0;
}

/* Where the text that follows s[0..n) starts: '\n' starts a line;
 * columns count characters.  lines: whether the TEXT s is cut from has
 * a '\n' at all (most have none: no piece is searched for one then). */
static void
advance_position(const char *s, size_t n, int lines, unsigned long *line,
                 unsigned long *col)
{
	const char *nl;

	while (lines && (nl = memchr(s, '\n', n)) != NULL) {
		(*line)++;
		*col = 1;
		n -= (size_t)(nl + 1 - s);
		s = nl + 1;
	}
	*col += herald_utf8_count(s, n);
}

/* How many bytes of space follow the sentence piece that ends at
 * b->boundary, within the left bytes of its TEXT after it: the next
 * piece, which a cut copies. */
static size_t
gap_after(const builder *b, size_t left)
{
	size_t next = b->next < b->nspans ? b->spans[b->next].start : SIZE_MAX;

	if (next < b->boundary)     /* spans out of order: copy instead */
		return 0;
	return next - b->boundary < left ? next - b->boundary : left;
}

/* The next piece, n bytes at off of a TEXT whose bytes from off on rest
 * holds (rest is the original, free to move, or NULL).  A sentence
 * piece followed by space keeps rest's bytes in place and the space is
 * copied (herald_node_cut_text), kept in *gap for the next piece; the
 * last piece is rest itself; any other is copied. */
static herald_node *
next_piece(builder *b, herald_node *rest, const char *t, size_t len,
           size_t off, size_t n, herald_node **gap)
{
	herald_node *piece = *gap, *run;
	size_t g;

	*gap = NULL;
	if (piece != NULL)
		return piece;
	if (rest == NULL)
		return herald_node_new_text(b->doc, t + off, n);
	if (off + n == len)
		return rest;
	g = b->sentence != NULL ? gap_after(b, len - off - n) : 0;
	if (herald_node_cut_text(rest, g ? n : 0, g ? n + g : n, &piece,
	                         &run) != HERALD_OK)
		return NULL;
	if (g == 0)
		return run;
	*gap = run;
	return piece;
}

/* Emit one TEXT node, cut at every boundary inside it.  When the
 * node itself is free to move (one of the block's own children, not
 * inside an EMPH or LINK being walked), the sentences keep its bytes
 * and it becomes the last piece: one node fewer for each TEXT a
 * sentence boundary cuts, and only the space between sentences
 * copied. */
static int
emit_text(builder *b, herald_node *orig, int reuse)
{
	const char *t = herald_node_text(orig);
	size_t len = herald_node_text_length(orig), off = 0, n;
	unsigned long line = herald_node_line(orig);
	unsigned long col = herald_node_column(orig);
	herald_node *piece, *gap = NULL;
	int lines = line != 0 && memchr(t, '\n', len) != NULL;

	while (off < len) {
		if (b->pos == b->boundary && next_range(b) != 0)
			return -1;
		n = len - off;
		if (b->boundary - b->pos < n)
			n = b->boundary - b->pos;
		piece = next_piece(b, reuse ? orig : NULL, t, len, off, n, &gap);
		if (piece == NULL)
			return -1;
		/* as a new node's: 0, 0 when the original's is unknown */
		herald_node_set_position(piece, line, line != 0 ? col : 0);
		/* where the next piece starts, read from the piece: a cut
		 * wrote a NUL over the first byte of the space after it */
		if (line != 0 && off + n < len)
			advance_position(herald_node_text(piece), n, lines, &line,
			                 &col);
		if (add_leaf(b, piece) != 0)
			return -1;
		off += n;
		b->pos += n;
	}
	return 0;
}

static int
emit_linebreak(builder *b, const herald_node *orig)
{
	herald_node *br;

	if (b->pos == b->boundary && next_range(b) != 0)
		return -1;
	if ((br = herald_node_new(b->doc, HERALD_NODE_LINEBREAK)) == NULL)
		return -1;
	herald_node_set_position(br, herald_node_line(orig),
	                         herald_node_column(orig));
	b->pos++;
	return add_leaf(b, br);
}

static int
open_container(builder *b, herald_node *orig)
{
	sbd_scratch *sc = b->sc;

	if (sbd_grow((void **)&sc->open, &sc->capopen, sc->depth + 1,
	         sizeof *sc->open) != 0)
		return -1;
	sc->open[sc->depth].orig = orig;
	sc->open[sc->depth].copy = NULL;
	sc->open[sc->depth++].ever_copied = 0;
	return 0;
}

/* An EMPH or LINK without text is kept where it stood. */
static int
close_container(builder *b)
{
	sbd_open *o = &b->sc->open[b->sc->depth - 1];

	if (!o->ever_copied && current_parent(b) == NULL)
		return -1;
	b->sc->depth--;
	return 0;
}

/* Copy one original top-level inline (and all below it) into place. */
static int
emit_subtree(builder *b, herald_node *root)
{
	herald_walker w;
	int rc = 0;

	herald_walker_init(&w, root);
	while (rc == 0 && herald_walker_next(&w) != HERALD_WALK_DONE) {
		switch (herald_node_type_of(w.node)) {
		case HERALD_NODE_TEXT:
			rc = emit_text(b, w.node, 0);
			break;
		case HERALD_NODE_LINEBREAK:
			rc = emit_linebreak(b, w.node);
			break;
		default:
			rc = w.event == HERALD_WALK_ENTER ? open_container(b, w.node)
			                                  : close_container(b);
		}
	}
	return rc;
}

/* One of the block's own children into place: a TEXT that no boundary
 * cuts moves there itself (no copy of its text); anything else is
 * copied, cut where the sentences say. */
static int
emit_child(builder *b, herald_node *child)
{
	size_t len;

	if (herald_node_type_of(child) == HERALD_NODE_TEXT &&
	    (len = herald_node_text_length(child)) > 0) {
		if (b->pos == b->boundary && next_range(b) != 0)
			return -1;
		if (b->boundary - b->pos >= len) {
			b->pos += len;
			return add_leaf(b, child);
		}
		return emit_text(b, child, 1);
	}
	return emit_subtree(b, child);
}

static int
has_sentences(const herald_node *block)
{
	const herald_node *c;

	for (c = herald_node_first_child(block); c; c = herald_node_next(c))
		if (herald_node_type_of(c) == HERALD_NODE_SENTENCE)
			return 1;
	return 0;
}

/* Unlink the block's children, remembering them in order. */
static int
detach_children(herald_node *block, sbd_scratch *sc)
{
	herald_node *c;

	sc->nchildren = 0;
	for (c = herald_node_first_child(block); c; c = herald_node_next(c)) {
		if (sbd_grow((void **)&sc->children, &sc->capchildren,
		         sc->nchildren + 1, sizeof *sc->children) != 0)
			return -1;
		sc->children[sc->nchildren++] = c;
	}
	for (size_t i = 0; i < sc->nchildren; i++)
		herald_node_unlink(sc->children[i]);
	return 0;
}

int
sbd_segment_block(herald_node *block, const sbd_rules *rules,
                  sbd_scratch *sc)
{
	builder b;
	const char *text;
	size_t i, len;

	if (has_sentences(block))
		return HERALD_OK;
	if ((text = only_text(block, &len)) == NULL) {
		if (flatten(block, sc) != 0)
			return HERALD_ENOMEM;
		text = sc->text ? sc->text : "";
		len = sc->len;
	}
	if (sbd_split(rules, text, len, &sc->result) != 0)
		return HERALD_ENOMEM;
	if (sc->result.count == 0)
		return HERALD_OK;
	if (detach_children(block, sc) != 0)
		return HERALD_ENOMEM;
	memset(&b, 0, sizeof b);
	b.doc = herald_node_doc(block);
	b.block = block;
	b.sc = sc;
	b.spans = sc->result.spans;
	b.nspans = sc->result.count;
	b.boundary = 0;
	sc->depth = 0;
	if (next_range(&b) != 0)
		return HERALD_ENOMEM;
	for (i = 0; i < sc->nchildren; i++)
		if (emit_child(&b, sc->children[i]) != 0)
			return HERALD_ENOMEM;
	/* the sentences' ids now, while they are in the cache */
	return herald_node_give_ids(block);
}

int
sbd_segment_tree(herald_node *root, const sbd_rules *rules,
                 sbd_scratch *sc)
{
	return sbd_segment_tree_langs(root, rules, NULL, NULL, sc);
}

#define ITEM_DEPTH 16   /* items nested deeper keep the outer's rules */

/* Whether text blocks may stand among the children of a node of type t:
 * the walk below goes into documents, items, quotes and lists only, not
 * into text blocks, headings, sentences or inlines, which hold no block
 * (the model's rules, doc.c's may_contain), so it does not visit the
 * sentences it has just made. */
static int
holds_blocks(herald_node_type t)
{
	return t == HERALD_NODE_DOCUMENT || t == HERALD_NODE_ITEM ||
	       t == HERALD_NODE_QUOTE || t == HERALD_NODE_LIST ||
	       t == HERALD_NODE_LIST_ITEM;
}

int
sbd_segment_tree_langs(herald_node *root, const sbd_rules *rules,
                       sbd_rules_picker pick, void *ctx, sbd_scratch *sc)
{
	const sbd_rules *stack[ITEM_DEPTH];
	const herald_node *owner[ITEM_DEPTH];
	size_t depth = 0;
	herald_node *n = root, *next;
	int rc;

	while (n != NULL) {
		herald_node_type t = herald_node_type_of(n);
		const char *lang;

		/* an ITEM in another language than the document's brings the
		 * rules of its own pack for what it holds */
		if (t == HERALD_NODE_ITEM && pick != NULL &&
		    (lang = herald_node_lang(n)) != NULL && depth < ITEM_DEPTH) {
			const sbd_rules *r = pick(ctx, lang);

			if (r == NULL)
				return HERALD_EUSAGE;
			stack[depth] = rules;
			owner[depth++] = n;
			rules = r;
		}
		if ((t == HERALD_NODE_PARAGRAPH || t == HERALD_NODE_TURN) &&
		    (rc = sbd_segment_block(n, rules, sc)) != HERALD_OK)
			return rc;
		if (holds_blocks(t) && (next = herald_node_first_child(n)) != NULL) {
			n = next;
			continue;
		}
		/* leave n, and each node whose last child it is */
		for (;;) {
			if (depth > 0 && owner[depth - 1] == n)
				rules = stack[--depth];
			if (n == root) {
				n = NULL;
				break;
			}
			if ((next = herald_node_next(n)) != NULL) {
				n = next;
				break;
			}
			n = herald_node_parent(n);
		}
	}
	return HERALD_OK;
}
