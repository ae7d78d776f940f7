/* herald/walk.h - reading a document without changing it: what writers
 * (and filters deciding what to keep) need.
 *
 * The model's own walker (herald_walker, herald/doc.h) hands out
 * non-const nodes so that transforms may edit below it; a writer holds
 * a const herald_doc and walks with herald_const_walker instead, with no
 * cast.  The other helpers answer the two questions every writer asks of
 * a text block: what are its sentences, and what is its text as one
 * line.  Nothing here changes the document; strings returned as
 * char * are the caller's to free(), text appended to a herald_buf is
 * the buffer's (herald/buffer.h).
 */
#ifndef HERALD_WALK_H
#define HERALD_WALK_H

#include <herald/buffer.h>
#include <herald/doc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* --- a const walker ------------------------------------------------------
 * The same order and events as herald_walker: depth first, each node on
 * ENTER and, when it may have children (every type but TEXT and
 * LINEBREAK), on EXIT. */
typedef struct herald_const_walker {
	const herald_node *root;
	const herald_node *node;     /* the node of the last event */
	herald_walk_event event;
	void *reserved[2];           /* the walker's own; room to grow */
} herald_const_walker;

void herald_const_walker_init(herald_const_walker *walker,
                              const herald_node *root);
/* Advance; the event for walker->node, HERALD_WALK_DONE at the end. */
herald_walk_event herald_const_walker_next(herald_const_walker *walker);

/* --- sentences ------------------------------------------------------------
 * The sentences of a text block (PARAGRAPH, TURN, HEADING) when a
 * segmenting transform made them, else the block itself as its one
 * "sentence", so that a writer needs one loop for both:
 *
 *     for (const herald_node *s = herald_block_first_sentence(block); s;
 *          s = herald_block_next_sentence(block, s))
 *             ...
 *
 * The whitespace TEXT kept between SENTENCE nodes is skipped.  NULL
 * block gives NULL. */
const herald_node *herald_block_first_sentence(const herald_node *block);
const herald_node *herald_block_next_sentence(const herald_node *block,
                                              const herald_node *sentence);

/* --- text -------------------------------------------------------------------
 * All the text below a node, as herald_node_plain_text() gives it (TEXT
 * bytes, LINEBREAK as "\n"), changed by these flags: */
/* A soft line break ('\n' inside TEXT) becomes a space, or nothing
 * between two characters of a script written without spaces
 * (herald_node_soft_break_is_space()): the text as one line. */
#define HERALD_SOFT_BREAK_SPACE 1u
/* A hard line break (LINEBREAK) becomes a space too. */
#define HERALD_LINE_BREAK_SPACE 2u

int herald_buf_append_node_text(herald_buf *buf, const herald_node *node,
                                unsigned flags);
/* The same as a new string, the caller's to free(); NULL only when out
 * of memory. */
char *herald_node_collect_text(const herald_node *node, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif
