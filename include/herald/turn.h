/* herald/turn.h - transcripts: speaker labels, speakers, turns and roles.
 *
 * Every reader that meets an interview or a briefing (plain text,
 * Markdown, HTML) recognises its turns with these functions, so that a
 * label is a label whatever the format (doc/bulletin.md, "Turns").
 * Label words (Q, Вопрос, MODERATOR, Frage) come from the language packs'
 * labels.txt (herald_lang_any_is in herald/lang.h); nothing here knows a
 * format.
 *
 * Text conventions: strings are valid UTF-8 addressed by a pointer and a
 * byte length, not NUL-terminated.
 *
 * OWNERSHIP: a herald_speakers table is the caller's (herald_speakers_new,
 * herald_speakers_free); the names it returns are owned by it and valid
 * until it is freed.  A plan's decisions are written into an array the
 * caller provides.  Nothing else allocates.  The functions are
 * thread-safe on distinct tables.
 */
#ifndef HERALD_TURN_H
#define HERALD_TURN_H

#include <stdbool.h>
#include <stddef.h>

#include <herald/doc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* --- labels --------------------------------------------------------------- */

typedef enum herald_label_kind {
	HERALD_LABEL_NONE,
	HERALD_LABEL_INTERVIEWER,   /* Q, Q:, Question 3:, Вопрос:, 问： */
	HERALD_LABEL_INTERVIEWEE,   /* A:, Answer:, Ответ: (names nobody) */
	HERALD_LABEL_NAMED,         /* MS. PSAKI:, SEN. ROMNEY (R-UT): */
	HERALD_LABEL_MODERATOR,     /* MODERATOR: (a name too) */
	HERALD_LABEL_TITLED         /* Vladimir Putin:, Ursula von der Leyen:
	                             * a label only where the item shows a
	                             * pattern of them ("Note:" has its shape) */
} herald_label_kind;

typedef struct herald_label {
	herald_label_kind kind;
	size_t name_start;   /* the label as printed: s[name_start, +name_len) */
	size_t name_len;
	size_t skip;         /* bytes of label, punctuation and space: the
	                      * turn's text starts at s + skip */
} herald_label;

/* The speaker label opening the paragraph s[0..n) (after any space; in
 * literal Markdown emphasis too, "**Name:**"), in *label; its kind, or
 * HERALD_LABEL_NONE (label zeroed) when the paragraph opens with none.
 * Looks at a bounded prefix: constant time whatever n. */
herald_label_kind herald_turn_label(const char *s, size_t n,
                                    herald_label *label);

/* The marks that open a turn inside a line, for herald_turn_inline. */
enum {
	HERALD_INLINE_DASH = 1,    /* a dash after a sentence end and space:
	                            * ". -Salam, ...", "? — Yes" */
	HERALD_INLINE_LABEL = 2    /* a question or answer label with its
	                            * colon there: ". Q: And then? A: ..." */
};

/* The next turn opening inside a line at or after from, by a mark of
 * the kinds asked for (HERALD_INLINE_* or'd), n when none.  *asks (may
 * be NULL) gets whether the sentence before it asks; *skip (may be
 * NULL) the bytes of the mark and the space after it. */
size_t herald_turn_inline(const char *s, size_t n, size_t from,
                          unsigned kinds, bool *asks, size_t *skip);

/* Whether a plain text is a transcript: two paragraphs or more (after a
 * blank line) open with a question label, or two names each open two
 * paragraphs or more, or a line holds two inline turns or more, one of
 * them after a question.  One scan of the lines. */
bool herald_turn_is_transcript(const char *text, size_t len);

/* --- the shape of a turn ------------------------------------------------- */

typedef enum herald_turn_evidence {
	HERALD_EVIDENCE_NONE,
	HERALD_EVIDENCE_ASK,      /* it ends with a question */
	HERALD_EVIDENCE_ANSWER    /* long, and asks nothing */
} herald_turn_evidence;

herald_turn_evidence herald_turn_evidence_of(const char *s, size_t n);

/* Words as label and turn limits count them: runs of non-space holding
 * a letter or a digit (a Han sentence is one). */
size_t herald_turn_tokens(const char *s, size_t n);

/* --- speakers: one per person in a document ------------------------------- */

typedef struct herald_speakers herald_speakers;

/* An empty table; NULL when out of memory. */
herald_speakers *herald_speakers_new(void);
void herald_speakers_free(herald_speakers *sp);
/* The id of the speaker printed as name[0..n) in *id, added when new:
 * names that differ only in case, full stops, asterisks and spacing
 * ("MS. PSAKI", "Ms. Psaki") are one.  Constant time a name (a hash
 * table).  HERALD_OK or HERALD_ENOMEM. */
int herald_speakers_intern(herald_speakers *sp, const char *name, size_t n,
                           size_t *id);
/* The name as first printed, in one line (NUL-terminated, owned by sp). */
const char *herald_speakers_display(const herald_speakers *sp, size_t id);
size_t herald_speakers_count(const herald_speakers *sp);

/* --- roles over an item's paragraphs ---------------------------------------
 * A reader hands the paragraphs of one item in order; the plan says
 * where the turns start, which paragraph opens a turn with which label,
 * speaker and role, and what kind of item the labels make:
 *  - a question label (Q) makes an interview; its turns are the
 *    interviewer's, named labels the interviewees' (each briefer with
 *    his name); the turns start at the first question, or at a
 *    MODERATOR block just before it, and the opening statement before
 *    stays paragraphs;
 *  - without question labels, named speakers make an interview only
 *    when one side asks (most of its turns end with '?') and another
 *    does not; the asking side is the interviewer;
 *  - one upper-case speaker and no questions make a speech
 *    (THE PRESIDENT:), whose label stays in the text;
 *  - where nothing says who speaks, the role is unknown. */

typedef struct herald_turn_para {
	const char *text;
	size_t len;
	bool is_text;         /* a paragraph (headings, lists, rules: false) */
	bool unlabelled;      /* the reader knows no label opens it (an HTML
	                       * paragraph that does not open in bold): it
	                       * continues a turn, or is a paragraph */
} herald_turn_para;

typedef struct herald_turn_decision {
	herald_label label;   /* kind NONE: a paragraph, or the continuation
	                       * of the turn before */
	herald_speaker_role role;
	size_t speaker;       /* an id in the table, or SIZE_MAX */
} herald_turn_decision;

typedef struct herald_turn_plan {
	herald_item_kind kind;   /* INTERVIEW, SPEECH, or NEWS (no turns) */
	size_t first_turn;       /* paragraphs before it are the opening; n
	                          * when there are no turns */
	size_t speaker;          /* a speech's speaker, else SIZE_MAX */
} herald_turn_plan;

/* Plan the n paragraphs p[] of one item: out[] (n entries, the caller's)
 * gets a decision per paragraph, *plan the item's.  Speakers are
 * interned in sp (shared by a document's items, so that one person is
 * one id throughout).  Linear in n.  HERALD_OK or HERALD_ENOMEM. */
int herald_turn_plan_item(herald_speakers *sp, const herald_turn_para *p,
                          size_t n, herald_turn_decision *out,
                          herald_turn_plan *plan);

#ifdef __cplusplus
}
#endif
#endif
