/* replace.h - a document's content replaced by another document's. */
#ifndef EXEC_REPLACE_H
#define EXEC_REPLACE_H

#include <herald/doc.h>

/* Make doc's metadata, free fields and tree copies of from's (from is
 * another document, left unchanged).  doc's old nodes are unlinked and
 * reclaimed with doc.  Returns HERALD_OK or HERALD_ENOMEM. */
int exec_doc_replace(herald_doc *doc, const herald_doc *from);

#endif
