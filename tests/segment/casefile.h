/* casefile.h - running the case files of tests/segment.
 *
 * A case file (format at the top of cases.txt) holds texts and the
 * sentences they must split into.  Relative names are looked up in
 * $top_srcdir/tests/segment/ first.
 */
#ifndef HERALD_TESTS_SEGMENT_CASEFILE_H
#define HERALD_TESTS_SEGMENT_CASEFILE_H

#include <stddef.h>

#include "sbd.h"

/* The whole file (NUL-terminated, malloc'd); exits 99 when unreadable. */
char *casefile_read(const char *name, size_t *len);

/* Why the spans of r over s are not a valid split (ordered, only space
 * between and around), or NULL when they are. */
const char *casefile_check_spans(const char *s, size_t len,
                                 const sbd_result *r);

/* Split every case of the file with rules, print each failure as a
 * diff; returns the number that failed and adds the others to *passed. */
size_t casefile_run(const sbd_rules *rules, const char *cases,
                    size_t *passed);

#endif
