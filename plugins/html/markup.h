/* markup.h - what the html and tei writers share: text and attribute
 * values made safe for both XML 1.0 and HTML5, and the labels they print.
 *
 * Compiled into each of the two modules (not part of libherald); the
 * modules export only their descriptor, so these names stay private.
 * The libxml2 parts (open_state, errors) serve tei only: the html writer
 * streams without libxml2.
 */
#ifndef HERALD_PLUGINS_MARKUP_H
#define HERALD_PLUGINS_MARKUP_H

#include <stddef.h>
#include <herald/diag.h>
#include <herald/doc.h>
#include <herald/escape.h>
#include <herald/lang.h>
#include <libxml/xmlerror.h>

/* A zeroed writer state of size bytes for open(), with libxml2 set up
 * first: its global locks must exist before write() runs in several
 * threads at once, and open() runs on the main thread.  NULL after
 * reporting "WRITER: out of memory". */
void *herald_markup_open_state(size_t size, const char *writer,
                               herald_diag *diag);

/* What libxml2 says while a writer runs.  Its error handlers are per
 * thread, and by default print raw lines ("I/O error : No space left on
 * device") on standard error, interleaved with other threads' output and
 * one per failed write.  Between begin and end (on the same thread) they
 * are kept here instead: the writer reports the first once, through its
 * own diagnostics (which name the document), with
 * herald_markup_errors_end. */
typedef struct herald_markup_errors {
	herald_diag *diag;
	const char *writer;
	xmlStructuredErrorFunc old_structured;
	xmlGenericErrorFunc old_generic;
	void *old_structured_ctx, *old_generic_ctx;
	size_t count;           /* messages libxml2 gave */
	int saved_errno;        /* errno at the first I/O error, else 0 */
	char first[200];        /* the first message, one line */
} herald_markup_errors;

void herald_markup_errors_begin(herald_markup_errors *errors,
                                const char *writer, herald_diag *diag);

/* Put libxml2's handlers back.  When failed (the output could not be
 * written), report one error "WRITER: cannot write the output", with
 * libxml2's first message after a colon when it gave one, and leave
 * errno as the first failed write set it (so that a caller can tell a
 * full disk); otherwise report libxml2's messages, if any, as one
 * warning.  Returns HERALD_EIO when failed, else HERALD_OK. */
int herald_markup_errors_end(herald_markup_errors *errors, int failed);

/* s itself when every character may stand in XML 1.0 and in HTML5 text,
 * else a malloc'd copy in which each forbidden character (C0 and C1
 * controls other than tab, LF and CR; noncharacters; bytes that are not
 * UTF-8) is U+FFFD, and each soft line break ('\n') between two
 * characters of a spaceless script is dropped (browsers and TEI
 * processors would show it as a space).  *replaced counts the
 * replacements.  NULL when out of memory.  Free the result only when it
 * differs from s. */
const char *herald_markup_clean(const char *s, size_t *replaced);

/* As herald_markup_clean for the text of a TEXT node, whose soft breaks
 * at its ends are judged by the neighbouring inlines
 * (herald_node_soft_break_is_space); *length (when length is not NULL)
 * gets the result's length in bytes. */
const char *herald_markup_clean_text(const herald_node *text,
                                     size_t *replaced, size_t *length);

/* The text of a TEXT node cleaned as herald_markup_clean_text cleans it
 * and escaped with escapes (which may replace controls and '&', '<', '>'
 * and '"', and no other byte: the scan for them skips the rest), put into
 * sink in one pass and without a copy; the count of characters replaced
 * by U+FFFD, and (written not NULL) whether anything was put. */
size_t herald_markup_put_text(herald_sink *sink, const herald_node *text,
                              const herald_escapes *escapes, int *written);


/* Whether s has the shape of a BCP 47 tag ("en", "az-Latn"). */
int herald_markup_is_language(const char *s);

/* A malloc'd copy of url with spaces, controls, non-ASCII bytes and the
 * characters URLs may not hold literally percent-encoded, so that both
 * an HTML href and an xsd:anyURI accept it.  NULL when out of memory. */
char *herald_markup_url(const char *url);

/* Whether url is relative or uses a scheme that is safe to follow from a
 * page (http, https, mailto, ftp, tel). */
int herald_markup_url_is_safe(const char *url);

/* "interviewer", "interviewee" or NULL for an unknown role. */
const char *herald_markup_role_label(herald_speaker_role role);

/* The language pack for the words printed about node: its item's own
 * language when it has one and a pack for it, else the document's; NULL
 * (the generic pack) when neither has one.  node may be NULL. */
const herald_lang *herald_markup_lang(const herald_doc *doc,
                                      const herald_node *node);

/* The language to mark an item with: its own when it differs from the
 * document's and is BCP 47-shaped (else NULL, with a warning from
 * WRITER naming the item). */
const char *herald_markup_item_lang(const herald_doc *doc,
                                    const herald_node *item,
                                    const char *writer, herald_diag *diag);

/* The label of an unnamed turn by its role ("Interviewer", "Interviewee",
 * in the turn's language), or NULL for an unknown role. */
const char *herald_markup_role_word(const herald_doc *doc,
                                    const herald_node *turn);

/* The same, looked up once per item and role (the turns of an item share
 * its language): for a writer that asks at every turn.  Zeroed to
 * start; valid while the document is. */
typedef struct herald_markup_role_words {
	const herald_doc *doc;     /* the document and item of the words */
	const herald_node *item;
	const char *word[2];       /* interviewer, interviewee; NULL: not yet */
} herald_markup_role_words;
const char *herald_markup_role_word_of(herald_markup_role_words *words,
                                       const herald_doc *doc,
                                       const herald_node *turn);

/* A time of day as written ("10:51 A.M. EDT", "9.30", "23:05") as
 * "HH:MM" in out; 1 when s starts with one, else 0.  The rest of s (a
 * time zone) is left to the text. */
int herald_markup_time(const char *s, char out[6]);

/* The name shown for a TURN: its speaker, else the item's speaker when
 * the turn is the interviewee's, else NULL. */
const char *herald_markup_turn_name(const herald_node *turn);

/* The line (and through col, the column) a message about node should
 * point at: its own position, else its nearest positioned ancestor's;
 * 0 when none is known. */
unsigned long herald_markup_line(const herald_node *node, unsigned long *col);

/* The warning that replaced characters (when any) that format ("XML",
 * "HTML") forbids became U+FFFD, at about's line. */
void herald_markup_warn_replaced(herald_diag *diag, size_t replaced,
                                 const herald_node *about,
                                 const char *format);

/* What to call the document: its title (the date line), else its date,
 * else its source file's name (herald_doc_source_name), else the label
 * "bulletin" in its language (also for standard input, "-").  Never NULL
 * or empty. */
const char *herald_markup_doc_title(const herald_doc *doc);

/* The document's date for people to read: as printed (DATELINE), else
 * the date itself (a front matter's, a web page's), else NULL. */
const char *herald_markup_dateline(const herald_doc *doc);

/* The ITEM a node lies in, or NULL. */
const herald_node *herald_markup_item_of(const herald_node *node);

#endif
