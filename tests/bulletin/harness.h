/* tests/bulletin/harness.h - running the bulletin reader in-process and
 * looking at the tree it builds. */
#ifndef BULLETIN_HARNESS_H
#define BULLETIN_HARNESS_H

#include <stddef.h>
#include <herald/herald.h>

/* cmocka group setup/teardown: load the build tree's plugins once. */
int bt_setup(void **state);
int bt_teardown(void **state);

/* The registry bt_setup loaded (every plugin of the build tree). */
herald_registry *bt_registry(void);

/* One conversion's outcome; free with bt_free(). */
typedef struct bt_run {
	int rc;
	herald_doc *doc;        /* NULL when rc is not HERALD_OK */
	herald_diag *diag;
} bt_run;

/* Read size bytes with the reader spec ("bulletin", "bulletin:repair=on"). */
bt_run bt_read(const char *spec, const void *data, size_t size);
/* The same with the input's name (its extension picks Markdown). */
bt_run bt_read_named(const char *spec, const char *name, const void *data,
                     size_t size);
/* The same for a NUL-terminated string. */
bt_run bt_read_str(const char *spec, const char *text);
void bt_free(bt_run *run);

/* The file's content (malloc'd, *size set), or NULL when it is missing. */
char *bt_slurp(const char *path, size_t *size);
/* $top_srcdir/rel (malloc'd). */
char *bt_srcpath(const char *rel);
/* The real sample's path when $HERALD_SHARED or $top_srcdir/../shared
 * holds it (malloc'd), else NULL. */
char *bt_sample_path(const char *name);

/* The n-th child of node (0-based) whose type is type, or NULL. */
herald_node *bt_nth(const herald_node *node, herald_node_type type, size_t n);
size_t bt_count(const herald_node *node, herald_node_type type);
/* The n-th ITEM of the document. */
herald_node *bt_item(const bt_run *run, size_t n);

/* The tree's shape in one line, without its text: blocks as
 *   quote[TITLE|SPEAKER](p) item:KIND+TAG[TITLE|SPEAKER](p,R,E,?)
 * where p is a paragraph and R/E/? a turn by the interviewer, the
 * interviewee (its speaker after '=' when set: E=Name) or unknown.
 * Titles are left out when with_titles is 0.  Caller frees. */
char *bt_outline(const herald_doc *doc, int with_titles);

/* Every node's type, attributes, position and text: for comparing two
 * trees exactly.  Caller frees. */
char *bt_dump(const herald_doc *doc);

/* The words of the input in order, and the model's words in reading
 * order (date line, then each block's title, text and attribution),
 * compared.  For documents the block builder read (layout other than
 * blank or wrapped, or a transcript), every input word must be somewhere in the model
 * (metadata and fields included), in any order.  Returns NULL when equal, else a malloc'd description of the
 * first difference. */
char *bt_word_mismatch(const void *input, size_t size, const herald_doc *doc);

#endif
