/* doc_ids.h - giving ids to the nodes that have none (internal: the
 * pipeline calls it before each transform). */
#ifndef HERALD_DOC_IDS_H
#define HERALD_DOC_IDS_H

#include <herald/doc.h>

/* Give every node of doc's tree that should have an id and has none
 * one, keeping every id already given (doc.h, herald_node_id).  O(1)
 * when no such node joined the tree since the last call, else one walk
 * of the tree.  HERALD_OK or HERALD_ENOMEM. */
int doc_give_ids(herald_doc *doc);

#endif
