/* schema.h - the validate= option: every output checked against the
 * user's RELAX NG schema with libxml2 before it is written.
 *
 * The schema is compiled once, in open() (on the main thread); write()
 * may then check documents in several threads at once: the compiled
 * schema is only read, each check has its own validation context and
 * its own error handler (no global state).
 *
 * Ownership: herald_tei_schema_load() returns an object freed with
 * herald_tei_schema_free().
 */
#ifndef HERALD_TEI_SCHEMA_H
#define HERALD_TEI_SCHEMA_H

#include <stddef.h>
#include <herald/diag.h>

typedef struct herald_tei_schema herald_tei_schema;

/* Compile the RELAX NG schema in path (XML syntax); NULL after
 * reporting why to diag (each of libxml2's messages with its line). */
herald_tei_schema *herald_tei_schema_load(const char *path, herald_diag *diag);
void herald_tei_schema_free(herald_tei_schema *schema);

/* Whether the len bytes of xml (one output) are valid: HERALD_OK, or
 * HERALD_EINPUT after reporting each error (at most a few dozen, then
 * their count) with the output's line and the nearest xml:id.  diag
 * names the document already. */
int herald_tei_schema_check(const herald_tei_schema *schema,
                            const char *xml, size_t len, herald_diag *diag);

#endif
