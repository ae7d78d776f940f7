/* doc_input.h - the input buffer a document holds while its reader
 * reads (internal: herald_pipeline_read_buffer() hands it over, a reader
 * may take it with herald_doc_take_input()). */
#ifndef HERALD_DOC_INPUT_H
#define HERALD_DOC_INPUT_H

#include <herald/doc.h>

/* doc holds buffer (malloc'd) for its reader. */
void doc_hold_input(herald_doc *doc, unsigned char *buffer);
/* Frees the buffer held, unless the reader took it. */
void doc_drop_input(herald_doc *doc);

#endif
