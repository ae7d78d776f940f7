/* plugins/htmlin/turns.c - interviews on web pages: paragraphs that open
 * with a bold speaker label ("<p><strong>Name:</strong> ..."), read with
 * libherald's recogniser (herald/turn.h), the one the plain-text reader
 * uses (doc/bulletin.md, "Turns", "Interviews on web pages").
 *
 * Runs on the model the emitter built, whose blocks are the DOCUMENT's
 * children.  Only a paragraph opening in emphasis may carry a label (a
 * page's "Note:" in plain text stays text), and only the pattern the
 * plan requires makes an interview: question labels, or two names each
 * opening two paragraphs or more with one side asking.  The blocks then
 * become one INTERVIEW item: the paragraphs before the first turn stay
 * paragraphs, each labelled paragraph a TURN without its label (kept as
 * the turn's label and speaker), and the paragraphs after a turn join
 * it.  A single labelled speaker does not make a speech here: on a page
 * that is as often a contact or a product box.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <herald/text.h>
#include <herald/turn.h>

#include "htmlin.h"

typedef struct page_blocks {
	herald_node **nodes;   /* the DOCUMENT's children, in order */
	char **texts;          /* their plain text (paragraphs only) */
	herald_turn_para *paras;
	herald_turn_decision *dec;
	size_t n;
} page_blocks;

static void blocks_free(page_blocks *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->texts[i]);
	free(b->nodes);
	free(b->texts);
	free(b->paras);
	free(b->dec);
}

/* Whether a paragraph opens in emphasis (space before it aside). */
static bool opens_in_emphasis(const herald_node *p)
{
	const herald_node *c = herald_node_first_child(p);
	const char *t;

	while (c && herald_node_type_of(c) == HERALD_NODE_TEXT &&
	       (t = herald_node_text(c)) && herald_text_is_blank(t, strlen(t)))
		c = herald_node_next(c);
	return c && herald_node_type_of(c) == HERALD_NODE_EMPH;
}

static int collect(page_blocks *b, herald_node *root)
{
	size_t count = 0, i = 0;

	for (herald_node *c = herald_node_first_child(root); c;
	     c = herald_node_next(c))
		count++;
	b->nodes = calloc(count + 1, sizeof *b->nodes);
	b->texts = calloc(count + 1, sizeof *b->texts);
	b->paras = calloc(count + 1, sizeof *b->paras);
	b->dec = calloc(count + 1, sizeof *b->dec);
	if (!b->nodes || !b->texts || !b->paras || !b->dec)
		return HERALD_ENOMEM;
	for (herald_node *c = herald_node_first_child(root); c;
	     c = herald_node_next(c), i++) {
		b->nodes[i] = c;
		b->n = i + 1;
		if (herald_node_type_of(c) != HERALD_NODE_PARAGRAPH)
			continue;
		if (!(b->texts[i] = herald_node_plain_text(c)))
			return HERALD_ENOMEM;
		b->paras[i] = (herald_turn_para){ b->texts[i], strlen(b->texts[i]),
			                          true, !opens_in_emphasis(c) };
	}
	return HERALD_OK;
}

/* Drop the first *left bytes of the text under node (TEXT bytes, a
 * LINEBREAK one), unlinking what empties: the label and the space after
 * it, which the turn keeps as its label. */
static int drop_prefix(herald_node *node, size_t *left)
{
	herald_node *c = herald_node_first_child(node);

	while (c && *left > 0) {
		herald_node *next = herald_node_next(c);
		herald_node_type t = herald_node_type_of(c);
		if (t == HERALD_NODE_TEXT) {
			const char *s = herald_node_text(c);
			size_t len = s ? strlen(s) : 0;
			if (len <= *left) {
				*left -= len;
				herald_node_unlink(c);
			} else {
				if (herald_node_set_text(c, s + *left, len - *left))
					return HERALD_ENOMEM;
				*left = 0;
			}
		} else if (t == HERALD_NODE_LINEBREAK) {
			*left -= 1;
			herald_node_unlink(c);
		} else {
			int rc = drop_prefix(c, left);
			if (rc)
				return rc;
			if (!herald_node_first_child(c))
				herald_node_unlink(c);
		}
		c = next;
	}
	return HERALD_OK;
}

/* Move the children of from to the end of to. */
static int move_children(herald_node *to, herald_node *from)
{
	herald_node *c;

	while ((c = herald_node_first_child(from)))
		if (herald_node_append_child(to, c))
			return HERALD_ENOMEM;
	return HERALD_OK;
}

/* The paragraph p as a TURN in its place, per decision d. */
static herald_node *as_turn(herald_doc *doc, herald_speakers *sp,
                            herald_node *p, const char *text,
                            const herald_turn_decision *d)
{
	herald_node *turn = herald_node_new(doc, HERALD_NODE_TURN);
	size_t left = d->label.skip;

	if (!turn || herald_node_insert_before(p, turn) ||
	    move_children(turn, p) || drop_prefix(turn, &left))
		return NULL;
	herald_node_unlink(p);
	herald_node_set_position(turn, herald_node_line(p), herald_node_column(p));
	herald_node_set_role(turn, d->role);
	const char *label = herald_doc_strndup(doc, text + d->label.name_start,
	                                       d->label.name_len);
	if (!label || herald_node_set_label(turn, label))
		return NULL;
	if (d->speaker != SIZE_MAX &&
	    herald_node_set_speaker(turn, herald_speakers_display(sp, d->speaker)))
		return NULL;
	return turn;
}

/* The page's blocks into one INTERVIEW item, as planned. */
static int build_interview(herald_doc *doc, herald_speakers *sp,
                           page_blocks *b, const herald_turn_plan *plan)
{
	herald_node *item = herald_node_new(doc, HERALD_NODE_ITEM), *turn = NULL;
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);

	if (!item || herald_node_insert_before(b->nodes[0], item) ||
	    (title && herald_node_set_title(item, title)))
		return HERALD_ENOMEM;
	herald_node_set_item_kind(item, HERALD_ITEM_INTERVIEW);
	herald_node_set_position(item, herald_node_line(b->nodes[0]),
	                         herald_node_column(b->nodes[0]));
	for (size_t i = 0; i < b->n; i++) {
		herald_node *node = b->nodes[i];
		bool para = herald_node_type_of(node) == HERALD_NODE_PARAGRAPH;
		if (herald_node_append_child(item, node))
			return HERALD_ENOMEM;   /* a block an item may hold */
		if (i < plan->first_turn)
			continue;
		if (b->dec[i].label.kind != HERALD_LABEL_NONE) {
			if (!(turn = as_turn(doc, sp, node, b->texts[i], &b->dec[i])))
				return HERALD_ENOMEM;
		} else if (para && turn) {
			/* a paragraph after a turn is the turn's */
			herald_node *br = herald_node_new(doc, HERALD_NODE_LINEBREAK);
			if (!br || herald_node_append_child(turn, br) ||
			    move_children(turn, node))
				return HERALD_ENOMEM;
			herald_node_unlink(node);
		} else if (!para) {
			turn = NULL;   /* a list or a heading ends the turn */
		}
	}
	return HERALD_OK;
}

int ht_turns(herald_doc *doc)
{
	herald_node *root = herald_doc_root(doc);
	page_blocks b = { 0 };
	herald_speakers *sp = herald_speakers_new();
	herald_turn_plan plan;
	int rc = sp ? collect(&b, root) : HERALD_ENOMEM;

	if (rc == HERALD_OK && b.n > 0)
		rc = herald_turn_plan_item(sp, b.paras, b.n, b.dec, &plan);
	if (rc == HERALD_OK && b.n > 0 && plan.kind == HERALD_ITEM_INTERVIEW) {
		/* only blocks an item may hold: a page of items is left alone */
		bool blocks = true;
		for (size_t i = 0; i < b.n && blocks; i++)
			blocks = herald_node_type_of(b.nodes[i]) != HERALD_NODE_ITEM;
		if (blocks)
			rc = build_interview(doc, sp, &b, &plan);
	}
	blocks_free(&b);
	herald_speakers_free(sp);
	return rc;
}
