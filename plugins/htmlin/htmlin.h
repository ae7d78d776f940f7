/* htmlin.h - the HTML reader's stages, shared by its source files.
 *
 * read (htmlin.c): bytes -> UTF-8 (decode) -> libxml2 tree
 *   -> page (extract.c): every element in document order with its
 *      measures, what is certainly not text pruned, the main content
 *      chosen by score
 *   -> metadata (meta.c) and blocks (emit.c) into the herald document.
 * doc/html-reader.md describes the rules.  Nothing here is exported. */
#ifndef HTMLIN_H
#define HTMLIN_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <herald/herald.h>

/* --- words.c: the vocabulary of words.txt ------------------------------- */

typedef enum {
	HW_BOILERPLATE,
	HW_CONTENT,
	HW_HIDDEN,
	HW_ROLES,
	HW_ITEMPROP,
	HW_SEPARATORS,
	HW_BYLINE,
	HW_ARTICLETYPES,
	HW_CREDITS,
	HW_BYLINEPREFIX,
	HW_CAPTION,
	HW_DATETIME,
	HW_COUNT
} hw_list;

typedef struct hw_words {
	char *buf;                 /* the entries, NUL-separated */
	const char **list[HW_COUNT];
	size_t count[HW_COUNT];
} hw_words;

int hw_load(hw_words *w, herald_diag *diag);
void hw_free(hw_words *w);
/* Whether one of the list's entries starts some token of value (tokens:
 * runs of ASCII letters and digits, compared without case; hyphens and
 * underscores inside a run are skipped, so "share-bar" is "sharebar"
 * and "sr-only" is "sronly" as well as "sr" and "only"). */
bool hw_match_tokens(const hw_words *w, hw_list list, const char *value);
/* Whether s starts with one of the list's entries and then a colon
 * (spaces between allowed), ignoring ASCII case. */
bool hw_match_label(const hw_words *w, hw_list list, const char *s);
/* Whether value equals one of the list's entries, ignoring ASCII case. */
bool hw_match_exact(const hw_words *w, hw_list list, const char *value);

/* --- extract.c: the page and its main content --------------------------- */

/* What the reader knows of one element. */
enum {
	HE_DROP = 1 << 0,      /* pruned: not text, with all it holds */
	HE_KEEP = 1 << 1,      /* part of the main content */
	HE_INLINE = 1 << 2,    /* phrasing content (a, span, em...) */
	HE_CANDIDATE = 1 << 3, /* scored as a possible container */
	HE_IN_ARTICLE = 1 << 4, /* inside <article> or <main> */
	HE_CHROME = 1 << 5,    /* navigation, sidebar, header... */
	HE_HARD = 1 << 6,      /* dropped in pass 1: never text */
	HE_PROTECT = 1 << 7    /* holds the main text: never pruned by name */
};

typedef struct he_elem {
	xmlNodePtr node;
	int parent;            /* index in page.elems, -1 for the root */
	unsigned flags;
	unsigned depth;
	double score;          /* from the paragraphs it holds */
	int weight;            /* from class, id, role and itemprop */
	size_t text;           /* characters of text below, not pruned */
	size_t link_text;      /* of which inside <a> */
	size_t commas;
	size_t paras;          /* paragraph-like blocks below */
} he_elem;

typedef struct he_page {
	he_elem *elems;        /* document order: a parent before its children */
	size_t count;
	xmlNodePtr body;
	bool too_deep;         /* nesting beyond HTMLIN_MAX_DEPTH was flattened */
} he_page;

/* Structure deeper than this is read as the text it holds. */
#define HTMLIN_MAX_DEPTH 256

int he_page_build(he_page *page, xmlDocPtr doc, const hw_words *w,
                  herald_diag *diag);
/* Mark the main content HE_KEEP; all of the body when all is set. */
void he_select(he_page *page, bool all);
void he_page_free(he_page *page);
he_elem *he_of(xmlNodePtr node);   /* the element's entry, NULL if none */

/* Lower-case tag name of an element ("" for other nodes). */
const char *he_tag(xmlNodePtr node);
bool he_tag_is(xmlNodePtr node, const char *name);
/* Characters of node's text content, white space runs counted once. */
size_t he_text_length(const char *s);

/* --- meta.c: title, date, author, url, language ------------------------- */

typedef struct hm_meta {
	char *title, *date, *time, *author, *url, *lang, *site;
	char *base;            /* what relative links resolve against */
	char *h1;              /* the first h1 of the page, whitespace collapsed */
} hm_meta;

void hm_collect(hm_meta *m, xmlDocPtr doc, const he_page *page,
                const hw_words *w, herald_diag *diag);
int hm_apply(const hm_meta *m, herald_doc *hdoc);
void hm_free(hm_meta *m);
/* s with white space runs collapsed to one space and trimmed; malloc'd. */
char *hm_collapse(const char *s);

/* --- emit.c: the kept content as herald blocks --------------------------- */

typedef struct emit_opts {
	bool keep_links;
	const char *base;      /* NULL: links stay as written */
	const char *title;     /* a heading equal to it is not repeated */
	bool trim_end;         /* drop short blocks at the end (main=auto) */
	bool drop_credits;     /* credit lines dropped (main=auto) */
	const hw_words *words; /* names of captions and of dates */
} emit_opts;

int em_emit(const he_page *page, const emit_opts *o, herald_doc *hdoc,
            herald_diag *diag);

/* --- turns.c: an interview's turns, from bold speaker labels -------------- */

/* When the emitted blocks' labels make an interview (herald/turn.h),
 * the blocks become one INTERVIEW item of TURNs.  HERALD_OK or
 * HERALD_ENOMEM. */
int ht_turns(herald_doc *doc);

#endif
