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
#include <stdint.h>
#include <herald/buffer.h>
#include <herald/diag.h>
#include <herald/text.h>
#include <herald/doc.h>
#include <herald/lang.h>
#include <herald/turn.h>

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

/* How plain text splits into paragraphs (layout.c). */
typedef enum {
	BULLETIN_LAYOUT_AUTO,     /* decided per document */
	BULLETIN_LAYOUT_BLANK,    /* blank lines separate paragraphs */
	BULLETIN_LAYOUT_WRAPPED,  /* the same, lines hard-wrapped at a width */
	BULLETIN_LAYOUT_LINE,     /* every line is a paragraph */
	BULLETIN_LAYOUT_INDENT,   /* an indented line starts a paragraph */
	BULLETIN_LAYOUT_ITEM      /* every line is a whole item */
} herald_bulletin_layout;

/* The syntax option: auto goes by the input's name. */
typedef enum {
	BULLETIN_SYNTAX_AUTO,
	BULLETIN_SYNTAX_TEXT,
	BULLETIN_SYNTAX_MARKDOWN
} herald_bulletin_syntax;

typedef struct herald_bulletin_config {
	herald_bulletin_order date_order;
	herald_bulletin_syntax syntax;
	char lang[36];            /* a BCP 47 tag, checked, or "auto" */
	bool dashless_turns;
	bool repair;
	herald_bulletin_layout layout;
	char encoding[64];        /* for herald_decode(): "auto" or a name */
} herald_bulletin_config;

/* --- characters --------------------------------------------------------
 * Unicode questions go to herald/text.h; these two adapters only give
 * its decoding the shape the recognisers were written in (the code point
 * returned, its length through a pointer). */

static inline unsigned long herald_bulletin_cp(const char *s, size_t n,
                                               size_t *len)
{
	uint32_t cp;

	*len = herald_utf8_next(s, n, &cp);
	return cp;
}

static inline unsigned long herald_bulletin_cp_before(const char *s, size_t n,
                                                      size_t *len)
{
	uint32_t cp;

	*len = herald_utf8_prev(s, n, &cp);
	return cp;
}

/* Words as the recognisers' limits count them: runs of non-space holding
 * a letter or a digit (a Han sentence is one; herald_text_word_count
 * counts its characters, which suits a word count, not a title's
 * length).  libherald's count (herald/turn.h), which turn limits use. */
static inline size_t herald_bulletin_tokens(const char *s, size_t n)
{
	return herald_turn_tokens(s, n);
}

/* --- dates and times (date.c) ------------------------------------------
 * Month and weekday names, and each language's date word order, come from
 * the language packs' dates.txt (doc/languages.md); a date written in any
 * packed language is recognised whatever the document's language. */

typedef enum {
	BULLETIN_DATE_NONE,        /* not a date line */
	BULLETIN_DATE_OK,          /* iso[] holds YYYY-MM-DD */
	BULLETIN_DATE_IMPOSSIBLE   /* a date's shape, impossible values */
} herald_bulletin_date_status;

/* Build the tables of every pack's date words now, not at the first
 * date line (the reader's prepare hook). */
BULLETIN_INTERNAL void herald_bulletin_dates_prepare(void);
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
/* The day a file's name gives (an archive's "2020-10-09.txt",
 * "bulletin_20201009.md", Jekyll's "2021-04-02-harbour-reopens.md"): a
 * date YYYY-MM-DD (or with '_' or '.' between, the same twice) or
 * YYYYMMDD, no digit either side, that exists, its year 1800-2199; true
 * with iso when the name holds one such day (two different: neither). */
BULLETIN_INTERNAL bool herald_bulletin_name_date(const char *name,
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

/* What a turn's shape says about who speaks it: libherald's
 * (herald/turn.h), under the names the grammar reads. */
typedef herald_turn_evidence herald_bulletin_evidence;
#define BULLETIN_EVIDENCE_NONE HERALD_EVIDENCE_NONE
#define BULLETIN_EVIDENCE_ASK HERALD_EVIDENCE_ASK
#define BULLETIN_EVIDENCE_ANSWER HERALD_EVIDENCE_ANSWER

static inline herald_bulletin_evidence
herald_bulletin_turn_evidence(const char *s, size_t n)
{
	return herald_turn_evidence_of(s, n);
}

/* --- blocks: what every source is turned into ---------------------------
 * Plain text (layout.c) and Markdown (markdown.c) both become one array
 * of blocks, read by the same recognisers and the same builder
 * (article.c).  text is the block's plain text ('\n' for a line break),
 * owned by the block list; md, for Markdown, the cmark nodes the inlines
 * come from: a PARAGRAPH-like parent and the range [md_first, md_end) of
 * its children (md_end NULL: to the last). */

typedef enum {
	BULLETIN_BLOCK_TEXT,      /* a paragraph's worth of text */
	BULLETIN_BLOCK_HEADING,   /* a heading: level 1 is the outermost */
	BULLETIN_BLOCK_BREAK,     /* a thematic break (no text) */
	BULLETIN_BLOCK_LIST       /* a Markdown list (md is the cmark list) */
} herald_bulletin_block_kind;

typedef struct herald_bulletin_block {
	herald_bulletin_block_kind kind;
	unsigned level;           /* HEADING: 1..6; TEXT: 1 when centred */
	const char *text;
	size_t len;
	unsigned long line, col;
	size_t gap;               /* blank lines before it */
	void *md, *md_first, *md_end;
} herald_bulletin_block;

typedef struct herald_bulletin_blocks {
	herald_bulletin_block *v;
	size_t count, cap;
	char **owned;             /* texts allocated for blocks */
	size_t owned_count, owned_cap;
	void *md_root;            /* the cmark document, freed with the list */
	char *md_src;             /* the text cmark parsed */
	size_t *line_start;       /* byte offset of each of its lines */
	size_t line_count;
	unsigned long first_line; /* the input line md_src starts on */
	herald_bulletin_layout layout;   /* what was decided */
	herald_diag *diag;        /* Markdown's warnings (HTML kept as written) */
} herald_bulletin_blocks;

BULLETIN_INTERNAL int herald_bulletin_blocks_push(herald_bulletin_blocks *bl,
                                                  herald_bulletin_block b);
/* Keep a malloc'd text alive as long as the list; returns it, or NULL
 * (and frees it) when out of memory. */
BULLETIN_INTERNAL char *herald_bulletin_blocks_own(herald_bulletin_blocks *bl,
                                                   char *text);
BULLETIN_INTERNAL void herald_bulletin_blocks_free(herald_bulletin_blocks *bl);

/* The layout of plain text (lines of body), from its own statistics. */
BULLETIN_INTERNAL herald_bulletin_layout
herald_bulletin_detect_layout(const char *text, size_t len);
BULLETIN_INTERNAL const char *
herald_bulletin_layout_name(herald_bulletin_layout layout);
/* Plain text into blocks by layout (never AUTO).  first_line is the
 * input line text starts on. */
BULLETIN_INTERNAL int herald_bulletin_text_blocks(const char *text, size_t len,
                                                  unsigned long first_line,
                                                  herald_bulletin_layout layout,
                                                  herald_bulletin_blocks *bl);
/* Whether plain text holds a line that text_blocks may read as a
 * heading (an underline, a 【, a Chinese numeral and 、, a "1." or
 * "1)" opening): one cheap pass, so that other bulletins go to the
 * grammar without being split into blocks first. */
BULLETIN_INTERNAL bool herald_bulletin_may_have_headings(const char *text,
                                                         size_t len);
/* Markdown into blocks with cmark; line layout splits paragraphs at
 * their line ends. */
BULLETIN_INTERNAL int herald_bulletin_markdown_blocks(const char *text,
                                                      size_t len,
                                                      unsigned long first_line,
                                                      herald_bulletin_layout layout,
                                                      herald_bulletin_blocks *bl,
                                                      herald_diag *diag);

/* The inlines of a block into parent (a PARAGRAPH, TURN or HEADING),
 * leaving out its first skip bytes of text (a turn label) and the space
 * around what is left: for Markdown, TEXT, EMPH (emphasis and strong)
 * and LINK (with its URL) from cmark's inlines; for plain text, one
 * TEXT.  Returns HERALD_OK or HERALD_ENOMEM. */
BULLETIN_INTERNAL int herald_bulletin_block_inlines(herald_doc *doc,
                                                    herald_node *parent,
                                                    const herald_bulletin_block *b,
                                                    size_t skip);
/* Whether a Markdown block is one link and nothing else ("[查看原文](url)"). */
BULLETIN_INTERNAL bool herald_bulletin_block_is_link(const herald_bulletin_block *b);
/* Whether a Markdown block is one image and nothing else ("![A crowd on
 * the beach](a.jpg)"): its alt text is a photo caption. */
BULLETIN_INTERNAL bool herald_bulletin_block_is_image(const herald_bulletin_block *b);
/* A LIST block's entries (nested lists too, to a bounded depth; deeper
 * ones are read as paragraphs of the deepest entry) under parent. */
BULLETIN_INTERNAL int herald_bulletin_block_list(const herald_bulletin_blocks *bl,
                                                 herald_doc *doc,
                                                 herald_node *parent,
                                                 const herald_bulletin_block *b);

/* --- front matter (frontmatter.c) --------------------------------------
 * YAML between a first line "---" and a closing "---" or "...", parsed
 * with libyaml into doc's metadata.  *body gets the offset where the
 * rest starts, *body_line its line (both 0/1 when there is no front
 * matter, or when it is unterminated or invalid: a located warning, and
 * the block is read as text).  *date gets the front matter's date (ISO,
 * "" when none) so that a printed date may overrule it. */
BULLETIN_INTERNAL int herald_bulletin_front_matter(const char *text,
                                                   size_t len,
                                                   herald_doc *doc,
                                                   herald_diag *diag,
                                                   size_t *body,
                                                   unsigned long *body_line,
                                                   char date[11]);

/* --- furniture (furniture.c): lines that frame a text -------------------- */

/* An end mark: "###", "END", "END 11:20 A.M. EDT", "-30-". */
BULLETIN_INTERNAL bool herald_bulletin_is_end_mark(const char *s, size_t n);
/* A byline "By Ada Lind and Bo Berg": the byte offset of the names, 0
 * when s is not one. */
BULLETIN_INTERNAL size_t herald_bulletin_byline(const char *s, size_t n);
/* A short line without sentence-final punctuation (a place, a heading,
 * a caption's shape): at most words words. */
BULLETIN_INTERNAL bool herald_bulletin_is_short_line(const char *s, size_t n,
                                                     size_t words);
/* Whether s is in upper case: letters there are, none lower case. */
BULLETIN_INTERNAL bool herald_bulletin_is_upper_text(const char *s, size_t n);
/* A title glued to its text at the start of a long line ("... sağaldı
 * Azərbaycan Respublikasında ..."): the byte length of the title, 0
 * when none is clear. */
BULLETIN_INTERNAL size_t herald_bulletin_glued_title(const char *s, size_t n);

/* Release furniture (labels.txt [release], [contact], [notes],
 * [caption]; doc/bulletin.md "Release furniture").  A document-type
 * line alone: "PRESS RELEASE", "Pressemitteilung", "Communiqué de
 * presse :". */
BULLETIN_INTERNAL bool herald_bulletin_is_release_label(const char *s,
                                                        size_t n);
/* A block whose first line opens with a [section] label followed by a
 * colon, or is the label alone ("Media contact:", "Notes to editors"). */
BULLETIN_INTERNAL bool herald_bulletin_opens_with_label(const char *section,
                                                        const char *s,
                                                        size_t n);
/* The heading of a release's boilerplate ("About the Springfield Water
 * Utility"): a short line opening with an [about] word.  Only taken for
 * one after an end mark: before it, such a line is a title like any. */
BULLETIN_INTERNAL bool herald_bulletin_is_about_heading(const char *s,
                                                        size_t n);
/* A photo caption: a line "Photo: ...", "(Photo by Ana Costa)", "Image
 * caption Crowds on the beach", or a block of up to four such lines. */
BULLETIN_INTERNAL bool herald_bulletin_is_caption(const char *s, size_t n);
/* A dateline opening s: a place of up to four words, a comma, maybe one
 * short lower-case word ("le"), a date with a year (find_date), maybe an
 * agency in brackets, then the end of the line or a period, colon or
 * dash: "Madrid, 5 de octubre de 2020 (EFE).– El ...".  *rest gets the
 * offset of the text that follows (the line's length when none); iso
 * the date. */
BULLETIN_INTERNAL bool herald_bulletin_dateline(const char *s, size_t n,
                                                size_t *rest, char iso[11]);
/* A short line that dates its document without being a date alone: a
 * dateline with no text after it ("Berlin, 5. Oktober 2020", "Morning
 * digest, 5 October 2020"). */
BULLETIN_INTERNAL bool herald_bulletin_dated_line(const char *s, size_t n,
                                                  char iso[11]);
/* A document's title line that dates it: a dated line, or a line of at
 * most 10 words closing on a date in brackets ("新闻摘要（2020年10月5日）")
 * or after one short lower-case word ("Meldungen vom 5. Oktober 2020").
 * Only for a document's first line: an item's title may end so too. */
BULLETIN_INTERNAL bool herald_bulletin_dated_title(const char *s, size_t n,
                                                   char iso[11]);
/* A publication line: a [posted] word opening a line of at most 14
 * words that holds a date ("Posted on 5 October 2020 by Admin",
 * "Publié le 5 octobre 2020"); iso the date. */
BULLETIN_INTERNAL bool herald_bulletin_posted_line(const char *s, size_t n,
                                                   char iso[11]);
/* A signature block closing a statement: two to six short lines, one of
 * them a date ("John Smith / Mayor / 5 October 2020").  iso its date. */
BULLETIN_INTERNAL bool herald_bulletin_is_signature_block(const char *s,
                                                          size_t n,
                                                          char iso[11]);
/* Append s (one line made of it) to the free field key after " / ".  1
 * when the field is full (FIELD_MAX: the caller keeps the text as a
 * paragraph), HERALD_ENOMEM, or HERALD_OK. */
BULLETIN_INTERNAL int herald_bulletin_add_field(herald_doc *doc,
                                                const char *key,
                                                const char *s, size_t n);

/* A plain-text list: two lines or more, each opening with a bullet (-,
 * *, •, ‣, –) and a space.  The length of the marker and space of the
 * line at s in *skip. */
BULLETIN_INTERNAL bool herald_bulletin_is_bullet_block(const char *s,
                                                       size_t n);
BULLETIN_INTERNAL size_t herald_bulletin_bullet(const char *s, size_t n);
/* Such a block as a LIST under parent, one entry per line. */
BULLETIN_INTERNAL int herald_bulletin_plain_list(herald_doc *doc,
                                                 herald_node *parent,
                                                 const char *s, size_t n,
                                                 unsigned long line,
                                                 unsigned long col);

/* --- turns -----------------------------------------------------------------
 * Labels, speakers, inline turns and roles are libherald's (herald/turn.h),
 * shared with the HTML reader. */

/* --- building the model from blocks (article.c) ------------------------- */

typedef struct herald_bulletin_source {
	herald_bulletin_blocks *blocks;
	const char *fm_date;      /* the front matter's date, "" when none */
	bool from_markdown;
} herald_bulletin_source;

BULLETIN_INTERNAL int herald_bulletin_build(const herald_bulletin_config *cfg,
                                            herald_bulletin_source *src,
                                            herald_doc *doc,
                                            herald_diag *diag);

/* --- the grammar (grammar.c) ------------------------------------------ */

/* Build doc's tree from the decoded text.  When doc keeps text
 * (herald_doc_keep_text), a paragraph's TEXT is its bytes there, and the
 * byte after each (a line end, a trailing space) becomes a NUL: text is
 * not the same afterwards. */
BULLETIN_INTERNAL int herald_bulletin_parse(const herald_bulletin_config *cfg,
                                            const char *text, size_t len,
                                            herald_doc *doc,
                                            herald_diag *diag);

#endif
