/* walk.c - the const walker, a block's sentences and its text
 * (herald/walk.h). */
#include <string.h>

#include <herald/walk.h>

void herald_const_walker_init(herald_const_walker *w, const herald_node *root)
{
	memset(w, 0, sizeof *w);
	w->root = root;
	w->event = HERALD_WALK_DONE;
}

/* One step of the model's own walker: it only reads the nodes, so the
 * const walker shares it rather than repeat the walk. */
herald_walk_event herald_const_walker_next(herald_const_walker *w)
{
	herald_walker step;
	herald_walker_init(&step, (herald_node *)w->root);
	step.node = (herald_node *)w->node;
	step.event = w->event;
	herald_walk_event event = herald_walker_next(&step);
	w->root = step.root;
	w->node = step.node;
	w->event = step.event;
	return event;
}

/* --- sentences -------------------------------------------------------------- */

static const herald_node *sentence_from(const herald_node *n)
{
	while (n && herald_node_type_of(n) != HERALD_NODE_SENTENCE)
		n = herald_node_next(n);
	return n;
}

const herald_node *herald_block_first_sentence(const herald_node *block)
{
	if (!block)
		return NULL;
	const herald_node *s = sentence_from(herald_node_first_child(block));
	return s ? s : block;
}

const herald_node *herald_block_next_sentence(const herald_node *block,
                                              const herald_node *sentence)
{
	if (!sentence || sentence == block)
		return NULL;
	return sentence_from(herald_node_next(sentence));
}

/* --- text ---------------------------------------------------------------------- */

/* A TEXT's bytes, each soft break a space or nothing. */
static int append_soft_spaced(herald_buf *buf, const herald_node *text)
{
	const char *s = herald_node_text(text);
	size_t n = herald_node_text_length(text), start = 0;
	const char *nl;

	while ((nl = memchr(s + start, '\n', n - start)) != NULL) {
		size_t at = (size_t)(nl - s);
		herald_buf_append(buf, s + start, at - start);
		if (herald_node_soft_break_is_space(text, at))
			herald_buf_putc(buf, ' ');
		start = at + 1;
	}
	return herald_buf_append(buf, s + start, n - start);
}

int herald_buf_append_node_text(herald_buf *buf, const herald_node *node,
                                unsigned flags)
{
	herald_const_walker w;

	herald_buf_reserve(buf, 0);   /* "" even when there is no text */
	herald_const_walker_init(&w, node);
	while (herald_const_walker_next(&w) != HERALD_WALK_DONE) {
		if (w.event != HERALD_WALK_ENTER)
			continue;
		herald_node_type t = herald_node_type_of(w.node);
		if (t == HERALD_NODE_TEXT && herald_node_text(w.node)) {
			if (flags & HERALD_SOFT_BREAK_SPACE)
				append_soft_spaced(buf, w.node);
			else
				herald_buf_append(buf, herald_node_text(w.node),
				                  herald_node_text_length(w.node));
		} else if (t == HERALD_NODE_LINEBREAK) {
			herald_buf_putc(buf, flags & HERALD_LINE_BREAK_SPACE ? ' ' : '\n');
		}
	}
	return herald_buf_failed(buf) ? HERALD_ENOMEM : HERALD_OK;
}

char *herald_node_collect_text(const herald_node *node, unsigned flags)
{
	herald_buf buf = HERALD_BUF_INIT;
	herald_buf_append_node_text(&buf, node, flags);
	return herald_buf_take(&buf, NULL);
}
