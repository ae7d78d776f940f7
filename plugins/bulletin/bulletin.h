/* plugins/bulletin/bulletin.h - what the bulletin reader's files share.
 *
 * Not installed and not exported: the module exports only its descriptor.
 * Names still carry the herald_bulletin_ prefix because a static build
 * links every bundled plugin into one binary, where they must not clash.
 *
 * Text conventions: every string here is valid UTF-8 (the decoder made it
 * so) and is addressed by a pointer and a byte length; nothing is
 * NUL-terminated unless said.  "Columns" count code points from 1.
 */
#ifndef HERALD_BULLETIN_H
#define HERALD_BULLETIN_H

#include <stdbool.h>
#include <stddef.h>
#include <herald/diag.h>
#include <herald/doc.h>

#if defined(__GNUC__) && !defined(_WIN32)
#define BULLETIN_INTERNAL __attribute__((visibility("hidden")))
#else
#define BULLETIN_INTERNAL
#endif

/* --- options (parsed once in open(), read-only afterwards) ------------- */

typedef enum {
	BULLETIN_ORDER_DMY,
	BULLETIN_ORDER_MDY,
	BULLETIN_ORDER_YMD
} herald_bulletin_order;

typedef struct herald_bulletin_config {
	herald_bulletin_order date_order;
	char lang[36];            /* a BCP 47 tag, checked */
	bool dashless_turns;
	bool repair;
	char encoding[64];        /* for herald_decode(): "auto" or a name */
} herald_bulletin_config;

/* --- characters (text.c) ----------------------------------------------- */

/* Decode the code point at s (valid UTF-8, n > 0 bytes left); its byte
 * length goes to *len. */
BULLETIN_INTERNAL unsigned long herald_bulletin_cp(const char *s, size_t n,
                                                   size_t *len);
/* The code point that ends at s + n, and its byte length. */
BULLETIN_INTERNAL unsigned long herald_bulletin_cp_before(const char *s,
                                                          size_t n,
                                                          size_t *len);
/* Horizontal white space: space, tab, form feed, vertical tab, NBSP and
 * the other Unicode space separators. */
BULLETIN_INTERNAL bool herald_bulletin_is_space(unsigned long cp);
/* The three turn dashes: hyphen-minus, en dash, em dash. */
BULLETIN_INTERNAL bool herald_bulletin_is_dash(unsigned long cp);
/* Closing quotation marks and brackets that may follow a sentence end. */
BULLETIN_INTERNAL bool herald_bulletin_is_closer(unsigned long cp);
/* Code points in n bytes. */
BULLETIN_INTERNAL size_t herald_bulletin_cp_count(const char *s, size_t n);
/* Skip leading white space: returns the bytes skipped, and adds the code
 * points skipped to *cols when cols is not NULL. */
BULLETIN_INTERNAL size_t herald_bulletin_skip_space(const char *s, size_t n,
                                                    unsigned long *cols);
/* Length of s once trailing white space is dropped. */
BULLETIN_INTERNAL size_t herald_bulletin_trim_end(const char *s, size_t n);
/* Words: runs of non-space holding at least one letter or digit. */
BULLETIN_INTERNAL size_t herald_bulletin_word_count(const char *s, size_t n);

/* --- dates and times (date.c) ------------------------------------------
 * Month and weekday names, and each language's date word order, come from
 * the language packs' dates.txt (doc/languages.md); a date written in any
 * packed language is recognised whatever the document's language. */

typedef enum {
	BULLETIN_DATE_NONE,        /* not a date line */
	BULLETIN_DATE_OK,          /* iso[] holds YYYY-MM-DD */
	BULLETIN_DATE_IMPOSSIBLE   /* a date's shape, impossible values */
} herald_bulletin_date_status;

/* Whether the whole line s (trimmed) is a date: "2021-10-05",
 * "(20201009)", "Monday, October 5, 2021", "5 October 2020",
 * "05.10.2021", "(January 23, 2025)", "5 октября 2020 года",
 * "28 dekabr 2020-ci il", "5. Oktober 2020", "2020年10月9日" ...
 * On OK, iso gets the date. */
BULLETIN_INTERNAL herald_bulletin_date_status
herald_bulletin_parse_date(const char *s, size_t n,
                           herald_bulletin_order order, char iso[11]);
/* The first date written inside s, a line of other text too ("Москва,
 * Кремль 3 октября 2002 года", "WASHINGTON, Oct. 5, 2021 --"): true with
 * its byte span [*start, *end) and iso, false when there is none.  Only
 * dates with a year and a named month, or an ISO date, count here. */
BULLETIN_INTERNAL bool herald_bulletin_find_date(const char *s, size_t n,
                                                 size_t *start, size_t *end,
                                                 char iso[11]);
/* A date as a metadata value gives it (front matter): "2021-05-18",
 * "2021-05-18T14:03:00-04:00", "2021-05-18 14:03", or any date line
 * form.  true with iso. */
BULLETIN_INTERNAL bool herald_bulletin_value_date(const char *s, size_t n,
                                                  char iso[11]);
/* Whether the whole line s is a time of day ("10:51 A.M. EDT",
 * "12:49 P.M. EDT", "23:10", "9.30am"); out gets it as written, trimmed
 * (NUL-terminated, truncated to size). */
BULLETIN_INTERNAL bool herald_bulletin_parse_time(const char *s, size_t n,
                                                  char *out, size_t size);

/* --- recognisers (recognise.c) ----------------------------------------- */

/* A title: one short line without sentence-final punctuation that does
 * not open with a dash or a lower-case letter. */
BULLETIN_INTERNAL bool herald_bulletin_is_title_line(const char *s, size_t n);
/* Length of s without a trailing " – VIDEO" marker (en or em dash or
 * hyphen, any case), or n when there is none. */
BULLETIN_INTERNAL size_t herald_bulletin_strip_video(const char *s, size_t n);
/* Whether s opens with a turn dash; *skip = bytes of the dash and the
 * white space after it. */
BULLETIN_INTERNAL bool herald_bulletin_dash_turn(const char *s, size_t n,
                                                 size_t *skip);
/* Whether the text ends in sentence-final punctuation (. ! ? … possibly
 * followed by closing quotes). */
BULLETIN_INTERNAL bool herald_bulletin_ends_sentence(const char *s, size_t n);
/* An epigraph's attribution: the capitalised name that follows the last
 * sentence of s.  Returns the byte offset where the name starts (the
 * quote is s[0..offset) trimmed), or 0 when there is none. */
BULLETIN_INTERNAL size_t herald_bulletin_attribution(const char *s, size_t n);

typedef enum {
	BULLETIN_TITLE_NEWS,
	BULLETIN_TITLE_INTERVIEW,   /* says an interview was given */
	BULLETIN_TITLE_SPEECH       /* says someone addressed the nation */
} herald_bulletin_title_kind;

/* What a title announces; a name found in it (the interviewee, the
 * speaker) is copied into name (NUL-terminated, "" when none). */
BULLETIN_INTERNAL herald_bulletin_title_kind
herald_bulletin_title_kind_of(const char *s, size_t n, char *name,
                              size_t name_size);
/* The interviewee named in a paragraph ("an interview with President X"),
 * for interviews whose title names nobody.  false when none. */
BULLETIN_INTERNAL bool herald_bulletin_interviewee_in(const char *s, size_t n,
                                                      char *name,
                                                      size_t name_size);
/* Whether a paragraph mentions an interview at all. */
BULLETIN_INTERNAL bool herald_bulletin_mentions_interview(const char *s,
                                                          size_t n);

/* What a turn's shape says about who speaks it. */
typedef enum {
	BULLETIN_EVIDENCE_NONE,
	BULLETIN_EVIDENCE_ASK,     /* it ends with a question */
	BULLETIN_EVIDENCE_ANSWER   /* long, and asks nothing */
} herald_bulletin_evidence;

BULLETIN_INTERNAL herald_bulletin_evidence
herald_bulletin_turn_evidence(const char *s, size_t n);

/* --- the grammar (grammar.c) ------------------------------------------ */

/* Build doc's tree from the decoded text. */
BULLETIN_INTERNAL int herald_bulletin_parse(const herald_bulletin_config *cfg,
                                            const char *text, size_t len,
                                            herald_doc *doc,
                                            herald_diag *diag);

#endif
