/* names.h - file names where text is wanted (internal).
 *
 * A file name is bytes: on Linux anything but '/' and NUL, so an old
 * archive copied from another system holds names in Latin-1 or CP1252
 * ("caf\xE9.txt").  The model's strings and JSON's are UTF-8, so such a
 * name can be neither a document's source nor a manifest's key as it
 * is.  doc/archives.md ("File names that are not UTF-8") says what is
 * done instead. */
#ifndef HERALD_CORE_NAMES_H
#define HERALD_CORE_NAMES_H

#include <jansson.h>

/* name as UTF-8 text: a malloc'd copy in which each maximal ill-formed
 * subpart (herald_utf8_next's) is U+FFFD, the rest unchanged; a valid
 * name is copied as it is.  NULL only when out of memory. */
char *core_name_text(const char *name);

/* name as a JSON value (a new reference; NULL when out of memory): a
 * string when it is UTF-8, else an object {"text": core_name_text's,
 * "bytes": name with '%' and each byte of an ill-formed subpart as %XX},
 * which the next run turns back into the name (core_names_from_json). */
json_t *core_name_json(const char *name);

/* v made the name again, when core_name_json made an object of it: a
 * new reference to a jansson string of the name's bytes, made without
 * jansson's UTF-8 check, so never to be dumped (manifests and summaries
 * are read, not written back).  NULL for a v of any other form, which
 * its reader takes or refuses as it is. */
json_t *core_name_from_json(json_t *v);

/* The names of each entry of pages, a manifest's or a shard summary's
 * "pages" (doc/archives.md): its "input" and "href", made again where
 * core_name_json made objects of them. */
void core_page_names_from_json(json_t *pages);

#endif
