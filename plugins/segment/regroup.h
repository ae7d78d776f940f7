/* regroup.h - turning the sentences of a text block into SENTENCE nodes.
 *
 * The tree side of the segment plugin: a PARAGRAPH or TURN's inlines are
 * flattened to one string (TEXT bytes, LINEBREAK as "\n"), split by the
 * segmenter core (sbd.h), then rebuilt so that each sentence is a
 * SENTENCE child of the block and the space between sentences stays in
 * TEXT children of the block.  The text is never changed: concatenating
 * the block's TEXT gives back what it was.
 */
#ifndef HERALD_SEGMENT_REGROUP_H
#define HERALD_SEGMENT_REGROUP_H

#include <herald/diag.h>
#include <herald/doc.h>

#include "sbd.h"

typedef struct sbd_open sbd_open;

/* Memory reused from one block to the next; zero-initialise, then
 * release with sbd_scratch_release(). */
typedef struct sbd_scratch {
	char *text;
	size_t len, cap;
	herald_node **children;
	size_t nchildren, capchildren;
	sbd_open *open;              /* EMPH/LINK being copied, outermost first */
	size_t depth, capopen;
	sbd_result result;
} sbd_scratch;

void sbd_scratch_release(sbd_scratch *scratch);

/* Split one PARAGRAPH or TURN.  A block that already holds SENTENCE
 * nodes, or only space, is left alone.  Returns HERALD_OK or
 * HERALD_ENOMEM. */
int sbd_segment_block(herald_node *block, const sbd_rules *rules,
                      sbd_scratch *scratch);

/* Every PARAGRAPH and TURN below root (root included). */
int sbd_segment_tree(herald_node *root, const sbd_rules *rules,
                     sbd_scratch *scratch);

/* The rules for a language tag, or NULL after an error (reported by the
 * picker). */
typedef const sbd_rules *(*sbd_rules_picker)(void *ctx, const char *lang);

/* As sbd_segment_tree, but inside an ITEM with a language of its own
 * (herald_node_lang) with pick(ctx, that language)'s rules.  Returns
 * HERALD_EUSAGE when pick fails. */
int sbd_segment_tree_langs(herald_node *root, const sbd_rules *rules,
                           sbd_rules_picker pick, void *ctx,
                           sbd_scratch *scratch);

#endif
