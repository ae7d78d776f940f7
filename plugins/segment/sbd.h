/* sbd.h - sentence boundary detection on a UTF-8 string.
 *
 * The segmenter core of the segment plugin, kept free of the document
 * model so that it can be tested on plain strings.  Nothing here is
 * exported from the module (only the descriptor is); the sbd_ prefix
 * marks what is shared between the plugin's files and its tests.
 *
 * Rules are data, the segment.txt of a language pack (the format is
 * described at the top of data/lang/en/segment.txt and in
 * doc/segment.md): abbreviations by how they behave before the next
 * word, word lists (sentence starters, continuation words, speech
 * verbs, ordinal contexts) and characters (terminators, quotes,
 * bullets) beyond what Unicode already says.  A rule set is built once,
 * then only read, so one set can serve many threads.
 *
 * Ownership: sbd_rules_new() returns an object freed with
 * sbd_rules_free(); an sbd_result is the caller's, released with
 * sbd_result_release().  Spans are byte offsets into the string given to
 * sbd_split(), which is not copied.
 */
#ifndef HERALD_SEGMENT_SBD_H
#define HERALD_SEGMENT_SBD_H

#include <stddef.h>

#include <herald/lang.h>

typedef struct sbd_rules sbd_rules;

/* How an abbreviation behaves when followed by a capitalised word. */
typedef enum {
	SBD_PLAIN = 0,     /* not an abbreviation: the full stop ends */
	SBD_PREFIX,        /* Mr., Gen., e.g.: never ends a sentence */
	SBD_NUMBER,        /* No., Jan., p.: not before a number */
	SBD_AMBIGUOUS,     /* U.S., Inc., J.: ends before a sentence starter */
	SBD_FINAL          /* etc., a.m.: ends unless a continuation follows */
} sbd_class;

/* Where a rule text failed to load. */
typedef struct sbd_error {
	unsigned long line;
	char message[128];
} sbd_error;

sbd_rules *sbd_rules_new(void);
void sbd_rules_free(sbd_rules *rules);

/* Add the generic pack's rules, then those of pack (NULL: only the
 * generic ones).  Returns 0, or -1 with *err filled (its message names
 * the pack's file). */
int sbd_rules_load_lang(sbd_rules *rules, const herald_lang *pack,
                        sbd_error *err);

/* Add the rules of a text in the rule format.  Words before any section
 * header go to the section default_section ("ambiguous" for a user's
 * abbreviation list).  Returns 0, or -1 with *err filled. */
int sbd_rules_load(sbd_rules *rules, const char *text, size_t len,
                   const char *default_section, sbd_error *err);
/* Recompute what is derived from the characters loaded (done by every
 * load; for rules changed by hand). */
void sbd_rules_finish(sbd_rules *rules);

/* The class of an abbreviation written without its final full stop. */
sbd_class sbd_rules_abbrev(const sbd_rules *rules, const char *word,
                           size_t len);

typedef struct sbd_span {
	size_t start, end;   /* [start, end): no leading/trailing space */
} sbd_span;

typedef struct sbd_marker sbd_marker;
typedef struct sbd_interval sbd_interval;

/* The sentences found by sbd_split(), plus scratch space reused from one
 * call to the next (so memory follows the largest text, not their sum).
 * Zero-initialise before first use. */
typedef struct sbd_result {
	sbd_span *spans;
	size_t count, cap;
	sbd_marker *markers;
	size_t nmarkers, capmarkers;
	sbd_interval *quiet;
	size_t nquiet, capquiet;
} sbd_result;

void sbd_result_release(sbd_result *result);

/* Make room for need elements of size bytes in *v (capacity *cap,
 * doubled as needed).  Returns 0, or -1 when out of memory (*v intact). */
int sbd_grow(void **v, size_t *cap, size_t need, size_t size);

/* Split s[0..len) into sentences.  Every sentence is a span that starts
 * and ends on a non-space character; what lies between spans is only
 * space.  Text of only spaces gives no sentence.  Time and memory are
 * linear in len.  Returns 0, or -1 when out of memory. */
int sbd_split(const sbd_rules *rules, const char *s, size_t len,
              sbd_result *out);

#endif
