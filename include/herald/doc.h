/* herald/doc.h - the document model: one bulletin as a tree of typed nodes.
 *
 * OWNERSHIP, stated once for the whole model:
 *  - A herald_doc owns every node created for it, and every string stored
 *    in them, in one arena (and in the texts it was given to keep,
 *    herald_doc_keep_text).  herald_doc_free() is the only free; there is
 *    no per-node free (a node that is unlinked simply stops being part of
 *    the tree and is reclaimed with the document).
 *  - Setters copy their string arguments into the arena.
 *  - Getters return const pointers valid until the document is freed, or
 *    until the same attribute is set again.
 *  - A returned non-const char * is the caller's to free().
 * A document is not thread-safe: one thread works on it at a time.
 * Different documents may be used from different threads at once.
 *
 * THE TREE.  Block containers hold blocks; text blocks hold inlines:
 *
 *   DOCUMENT  > QUOTE | ITEM | PARAGRAPH | LIST | HEADING
 *   ITEM      > PARAGRAPH | TURN | QUOTE | LIST | HEADING
 *   QUOTE     > PARAGRAPH                    (the epigraph, or a citation)
 *   LIST      > LIST_ITEM                    (bulleted or numbered)
 *   LIST_ITEM > PARAGRAPH | LIST             (a nested list inside an entry)
 *   PARAGRAPH, TURN > SENTENCE | inlines     (SENTENCE only from a transform)
 *   HEADING   > inlines                      (a subheading inside an item)
 *   SENTENCE, EMPH, LINK > inlines
 *   inlines:  TEXT | EMPH | LINK | LINEBREAK
 *
 * Between SENTENCE nodes a text block may keep TEXT children holding the
 * whitespace between sentences, so that concatenating all the TEXT in a
 * block gives back its text unchanged.  All text is valid UTF-8 without
 * NUL bytes; a '\n' inside TEXT is a soft line break: writers treat it
 * as a space, or as nothing between two characters of a script written
 * without spaces (herald_node_soft_break_is_space).
 */
#ifndef HERALD_DOC_H
#define HERALD_DOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct herald_doc herald_doc;
typedef struct herald_node herald_node;

typedef enum {
	HERALD_NODE_DOCUMENT,
	HERALD_NODE_ITEM,
	HERALD_NODE_QUOTE,
	HERALD_NODE_PARAGRAPH,
	HERALD_NODE_TURN,
	HERALD_NODE_SENTENCE,
	HERALD_NODE_TEXT,
	HERALD_NODE_EMPH,
	HERALD_NODE_LINK,
	HERALD_NODE_LINEBREAK,
	HERALD_NODE_HEADING,    /* added in JSON schema 2 */
	HERALD_NODE_LIST,
	HERALD_NODE_LIST_ITEM
} herald_node_type;

/* What kind of news item an ITEM is. */
typedef enum {
	HERALD_ITEM_NEWS,       /* a title and paragraphs */
	HERALD_ITEM_STATEMENT,  /* an untitled paragraph standing alone */
	HERALD_ITEM_INTERVIEW,  /* paragraphs then question/answer TURNs */
	HERALD_ITEM_SPEECH      /* one speaker's paragraphs (see speaker) */
} herald_item_kind;

/* Who speaks a TURN. */
typedef enum {
	HERALD_SPEAKER_UNKNOWN,
	HERALD_SPEAKER_INTERVIEWER,
	HERALD_SPEAKER_INTERVIEWEE
} herald_speaker_role;

/* Document metadata. */
typedef enum {
	HERALD_META_DATE,        /* ISO 8601, "2020-10-09" */
	HERALD_META_TITLE,
	HERALD_META_SOURCE,      /* the input's file name; set by the core */
	HERALD_META_LANGUAGE,    /* BCP 47, "en" */
	HERALD_META_IDENTIFIER,
	HERALD_META_URL,         /* where the document was published */
	HERALD_META_AUTHOR,      /* its author or byline */
	HERALD_META_TIME,        /* the time of day printed, as written: "10:51 A.M. EDT" */
	HERALD_META_LAYOUT,      /* how the reader split it: "blank", "line", ... */
	/* The date as the document prints it, when the reader took the
	 * date from its text: "14 March 2023", "(January 23, 2025)", or a
	 * title holding its date.  The TITLE too when the date line is all
	 * the title a bulletin has: writers then show it once, as the date
	 * (a front matter's or a web page's date, never printed, has none). */
	HERALD_META_DATELINE
} herald_meta;
#define HERALD_META_COUNT 10

/* Whether s is a W3C date "YYYY", "YYYY-MM" or "YYYY-MM-DD" whose month
 * and day exist: what <time datetime>, TEI @when and a static-site
 * generator's front matter all accept.  A reader's HERALD_META_DATE may
 * be anything; writers check with this before putting it in markup. */
int herald_date_is_valid(const char *s);

/* How a LIST numbers its entries. */
typedef enum {
	HERALD_LIST_BULLET,
	HERALD_LIST_ORDERED
} herald_list_type;

/* --- documents ---------------------------------------------------------- */

herald_doc *herald_doc_new(void);
void herald_doc_free(herald_doc *doc);

/* The DOCUMENT node, created with the document. */
herald_node *herald_doc_root(const herald_doc *doc);

/* NULL when unset. value NULL unsets. */
const char *herald_doc_meta(const herald_doc *doc, herald_meta key);
int herald_doc_set_meta(herald_doc *doc, herald_meta key, const char *value);
const char *herald_meta_name(herald_meta key);     /* "date", "title", ... */
/* The source's file name without its folders (a pointer into
 * HERALD_META_SOURCE), or NULL when there is none or it is standard
 * input ("-"): what a published page may show of where it came from,
 * since the source as given may be an absolute path of the converting
 * machine ("/home/ed/archive/x.txt" gives "x.txt"). */
const char *herald_doc_source_name(const herald_doc *doc);
/* Whether the document is one ITEM titled as the document is (a
 * release, a post with front matter): a writer then shows the title
 * once, as the item's, not also above it. */
int herald_doc_title_is_its_item(const herald_doc *doc);
/* Whether the TITLE is the date line as printed (HERALD_META_DATELINE: a
 * digest's "14 March 2023"): a writer then shows it once, as the date. */
int herald_doc_title_is_dateline(const herald_doc *doc);

/* Free metadata: any other key/value a source carries (front matter
 * fields such as "tags" or "category").  Keys are kept in the order first
 * set; setting a key again replaces its value, value NULL removes it.
 * Keys and values are valid UTF-8 (else HERALD_EUSAGE). */
int herald_doc_set_field(herald_doc *doc, const char *key, const char *value);
const char *herald_doc_field(const herald_doc *doc, const char *key);
size_t herald_doc_field_count(const herald_doc *doc);
/* The i-th key and its value (NULL when i is out of range). */
const char *herald_doc_field_key(const herald_doc *doc, size_t i);
const char *herald_doc_field_value(const herald_doc *doc, size_t i);

/* Where a free field's words stand in the document.  The readers keep
 * the lines that frame a text out of its paragraphs, in free fields of
 * known names (doc/bulletin.md, "Furniture"): above or beside the text
 * "release", "dateline", "byline", "place", "contents"; under it "end",
 * "end_time", "signature", "contact", "notes", "caption".  A writer that
 * shows a document's words (html, text, markdown without front matter)
 * shows those too, so that no printed line is lost.  Any other field (a
 * front matter's "tags", a web page's "site") is metadata. */
typedef enum {
	HERALD_FIELD_METADATA,
	HERALD_FIELD_HEAD,
	HERALD_FIELD_FOOT
} herald_field_place;

/* Where the i-th free field stands; *shown (when shown is not NULL) is
 * what a writer prints of it: its value, less the DATELINE the writer
 * shows already when the field is "dateline" ("A / B" with DATELINE "A"
 * gives "B"), or NULL when that leaves nothing, for metadata and when i
 * is out of range. */
herald_field_place herald_doc_field_place(const herald_doc *doc, size_t i,
                                          const char **shown);

/* Links from the document to its neighbours in a collection, for a
 * writer to render as navigation (html: a <nav> before the article):
 * rel is a lower-case word, "up" (a page above it: several "up" links
 * make a breadcrumb, added outermost first, the archive's top index
 * before its year), "prev" and "next" (the documents before and after
 * it by date), or any other a writer may know ("search").  url is
 * relative to the document's own output; label is what a reader sees.
 * Links are kept in the order added; a writer ignores a rel it does not
 * know.  Returns HERALD_EUSAGE for an empty rel or url, or a string that
 * is not valid UTF-8.  The core sets them when it writes an archive
 * with a site writer (doc/archives.md); a reader or transform may too. */
int herald_doc_add_link(herald_doc *doc, const char *rel, const char *url,
                        const char *label);
size_t herald_doc_link_count(const herald_doc *doc);
/* The i-th link's parts (NULL when i is out of range). */
const char *herald_doc_link_rel(const herald_doc *doc, size_t i);
const char *herald_doc_link_url(const herald_doc *doc, size_t i);
const char *herald_doc_link_label(const herald_doc *doc, size_t i);
/* The first link with rel, or -1: an index for the getters above. */
long herald_doc_find_link(const herald_doc *doc, const char *rel);

/* The pipeline that made the document, for writers that say how a text
 * was made (TEI's encodingDesc): herald_pipeline_read() records its
 * stages in order, the reader first, then each transform as it ran,
 * each by its plugin's name and version (version may be NULL).  A
 * writer is not a stage: it knows itself.  A document built by hand
 * (herald's site index, a test's) has none unless its maker adds them.
 * Names and versions are valid UTF-8 (else HERALD_EUSAGE), name not
 * empty. */
int herald_doc_add_stage(herald_doc *doc, const char *name,
                         const char *version);
size_t herald_doc_stage_count(const herald_doc *doc);
/* The i-th stage's plugin name and version (NULL when i is out of
 * range). */
const char *herald_doc_stage_name(const herald_doc *doc, size_t i);
const char *herald_doc_stage_version(const herald_doc *doc, size_t i);

/* Copy len bytes into the document's arena, adding a final NUL. */
const char *herald_doc_strndup(herald_doc *doc, const char *s, size_t len);

/* The document takes text (malloc'd, len bytes and a NUL after them),
 * a reader's decoded input, and frees it with itself, so that TEXT
 * nodes can hold their bytes where they are in it instead of copies
 * (herald_node_new_text_in).  text must be valid UTF-8 without NUL, as
 * herald_decode() gives it: it is not checked again.  Its bytes change
 * where TEXT nodes are made in it (each writes its NUL after its bytes;
 * herald_node_cut_text writes one too): once a TEXT is made, the caller
 * reads no byte of the text after the TEXT's end.  HERALD_ENOMEM, text
 * still the caller's, without memory. */
int herald_doc_keep_text(herald_doc *doc, char *text, size_t len);

/* For a reader, while it reads: when data is the input buffer herald
 * handed the document (herald_pipeline_read_buffer(); herald's own
 * reads of files and standard input do), the reader takes it: returned
 * writable, the input's bytes and a NUL after them, the caller's to
 * free() or to give to herald_doc_keep_text().  NULL when data is not
 * that buffer (an embedding program's input stays its own) or was taken
 * already. */
unsigned char *herald_doc_take_input(herald_doc *doc,
                                     const unsigned char *data);

/* --- nodes -------------------------------------------------------------- */

/* A new, unlinked node owned by doc; NULL only when out of memory. */
herald_node *herald_node_new(herald_doc *doc, herald_node_type type);
/* A TEXT node holding len bytes of s (copied). */
herald_node *herald_node_new_text(herald_doc *doc, const char *s, size_t len);
/* A TEXT node holding s[0, len) in place, without a copy: s lies in a
 * text the document keeps (herald_doc_keep_text), and s[len], which
 * must be a byte that no node holds and that the caller does not need
 * any more (the line end after a paragraph, say), becomes the text's
 * NUL.  NULL when out of memory, or when s[0, len] is not inside a kept
 * text or does not start and end at character boundaries. */
herald_node *herald_node_new_text_in(herald_doc *doc, const char *s,
                                     size_t len);

herald_node_type herald_node_type_of(const herald_node *node);
const char *herald_node_type_name(herald_node_type type);  /* "item", ... */
herald_doc *herald_node_doc(const herald_node *node);

herald_node *herald_node_parent(const herald_node *node);
herald_node *herald_node_first_child(const herald_node *node);
herald_node *herald_node_last_child(const herald_node *node);
herald_node *herald_node_next(const herald_node *node);
herald_node *herald_node_prev(const herald_node *node);

/* Tree edits.  They return HERALD_OK, or HERALD_EUSAGE when the child
 * type is not allowed under that parent (see THE TREE above) or the nodes
 * belong to different documents.  A node that is already linked is
 * unlinked first. */
int herald_node_append_child(herald_node *parent, herald_node *child);
int herald_node_insert_before(herald_node *sibling, herald_node *node);
void herald_node_unlink(herald_node *node);

/* Source position: 1-based line and column (in characters); 0 = unknown. */
unsigned long herald_node_line(const herald_node *node);
unsigned long herald_node_column(const herald_node *node);
void herald_node_set_position(herald_node *node, unsigned long line,
                              unsigned long column);

/* TEXT: its bytes.  Length is strlen() (text never holds NUL).  Every
 * string setter in this header returns HERALD_EUSAGE, and changes
 * nothing, when its argument is not valid UTF-8 or holds a NUL byte. */
const char *herald_node_text(const herald_node *node);
int herald_node_set_text(herald_node *node, const char *s, size_t len);
/* TEXT: the byte length of its text, in constant time (0 for other
 * nodes). */
size_t herald_node_text_length(const herald_node *node);
/* TEXT: cut a run out of node's text for a transform that splits text
 * (into sentences) without copying it.  With T its text and
 * start < end <= strlen(T), both at character boundaries: *head gets a
 * new unlinked TEXT holding T[0, start) in node's own storage (NULL
 * when start is 0), *run a new unlinked TEXT holding a copy of
 * T[start, end), and node keeps T[end, ...) in place, no longer
 * T[0, end) (possibly ""); each ends with a NUL (head's is written over
 * the run's first byte, which the copy keeps).  The new nodes have no
 * position; the document owns them all.  HERALD_EUSAGE, changing
 * nothing, when node is not a TEXT, head or run is NULL, or an offset is
 * out of range or inside a character; HERALD_ENOMEM, changing nothing,
 * without memory. */
int herald_node_cut_text(herald_node *node, size_t start, size_t end,
                         herald_node **head, herald_node **run);

/* ITEM: its title; QUOTE: its heading ("On this day"); NULL when none. */
const char *herald_node_title(const herald_node *node);
int herald_node_set_title(herald_node *node, const char *title);

/* ITEM: tags such as "video"; PARAGRAPH: "caption" (a photo caption),
 * in the order added, no duplicates. */
int herald_node_add_tag(herald_node *node, const char *tag);
int herald_node_has_tag(const herald_node *node, const char *tag);
size_t herald_node_tag_count(const herald_node *node);
const char *herald_node_tag(const herald_node *node, size_t i);

/* ITEM: its kind (default HERALD_ITEM_NEWS). */
herald_item_kind herald_node_item_kind(const herald_node *node);
void herald_node_set_item_kind(herald_node *node, herald_item_kind kind);
const char *herald_item_kind_name(herald_item_kind kind);  /* "news", ... */

/* TURN: who speaks (default HERALD_SPEAKER_UNKNOWN). */
herald_speaker_role herald_node_role(const herald_node *node);
void herald_node_set_role(herald_node *node, herald_speaker_role role);
const char *herald_speaker_role_name(herald_speaker_role role);

/* TURN: the speaker's name; ITEM: the interviewee or the speech's speaker;
 * QUOTE: its author (the attribution).  NULL when unknown. */
const char *herald_node_speaker(const herald_node *node);
int herald_node_set_speaker(herald_node *node, const char *name);

/* TURN: its speaker label exactly as this turn prints it ("MS. PSAKI",
 * "Q"), without the colon or the emphasis around it; NULL for a turn
 * that has none (a dash turn).  The speaker above is the person, named
 * once per document; this is what the page showed. */
const char *herald_node_label(const herald_node *node);
int herald_node_set_label(herald_node *node, const char *label);

/* ITEM: its language (BCP 47) when it differs from the document's, as
 * in an archive that mixes languages; NULL when it is the document's. */
const char *herald_node_lang(const herald_node *node);
int herald_node_set_lang(herald_node *node, const char *tag);

/* LIST: bulleted or numbered, and the number of its first entry
 * (default: bulleted, 1). */
herald_list_type herald_node_list_type(const herald_node *node);
unsigned long herald_node_list_start(const herald_node *node);
void herald_node_set_list(herald_node *node, herald_list_type type,
                          unsigned long start);

/* HEADING: its depth below the item's title, from 1 (default 1). */
unsigned herald_node_heading_level(const herald_node *node);
void herald_node_set_heading_level(herald_node *node, unsigned level);

/* LINK: its target. */
const char *herald_node_url(const herald_node *node);
int herald_node_set_url(herald_node *node, const char *url);

/* A stable identifier for a block or sentence, the same in every writer
 * and on every run.  A node is given its id once, and keeps it when
 * nodes around it are added or removed and when it moves: after a
 * filter drops items i1 and i2, the third is still "i3".  herald's
 * pipeline gives ids before each transform runs (to all the nodes after
 * the reader, then to those the last transform added); a reader of a
 * format that stores ids sets them (herald_node_set_id); the nodes that
 * still have none get them on the first call.  The id given is the parent's id, a dot, a letter
 * for the type and a rank: items "i3", an epigraph "q1", blocks "i3.p2"
 * or "i3.t4", sentences "i3.p2.s1"; headings "h", lists "l", list
 * entries "e" ("i3.l1.e2.p1").  In a new document the rank counts the
 * siblings of that type; a node added later gets the next rank after
 * the highest of its current siblings', skipping any id once given in
 * the document (a removed node's is never reused).  Valid as an XML and
 * HTML id.  "" for the DOCUMENT, for inlines and for a node that never
 * joined the tree.  The pointer is valid until the document is freed. */
const char *herald_node_id(const herald_node *node);
/* Give the children of parent that have none their ids now, the ids the
 * numbering above would give them when it next runs: a transform that
 * builds a block's children (the segmenter its sentences) numbers them
 * while they are at hand, sparing a walk over the whole tree later.
 * Nothing for a parent that has no id itself (the DOCUMENT aside): the
 * numbering gives its children theirs after its own.  HERALD_OK, or
 * HERALD_ENOMEM (the children it did not reach keep none). */
int herald_node_give_ids(herald_node *parent);
/* Give a block or sentence the id id (copied), as a reader of a format
 * that stores ids does: an ASCII letter or '_', then ASCII letters,
 * digits, '.', '-' or '_'.  HERALD_EUSAGE, changing nothing, for any
 * other string or a node type without ids.  The caller keeps ids unique
 * (herald_doc_id_taken). */
int herald_node_set_id(herald_node *node, const char *id);
/* Whether id is taken in doc by a node given it with
 * herald_node_set_id() or since removed from the tree: what a reader
 * checks to refuse a duplicate.  (The ids the numbering gives need no
 * check: it never gives a taken one.) */
int herald_doc_id_taken(const herald_doc *doc, const char *id);

/* TEXT: whether the soft line break at byte offset of its text stands
 * for a space (herald_soft_break_is_space() on the characters either
 * side of it; at an end of the text they are looked for in the
 * neighbouring inlines of the same block).  1 when there is no character
 * on one side. */
int herald_node_soft_break_is_space(const herald_node *text, size_t offset);

/* All the text below node, concatenated (TEXT bytes, LINEBREAK as "\n");
 * the caller frees it.  NULL only when out of memory. */
char *herald_node_plain_text(const herald_node *node);

/* --- walking -------------------------------------------------------------
 * Depth first, each node reported on ENTER and, when it may have
 * children, on EXIT.  Nodes may be edited below the current one only. */

typedef enum {
	HERALD_WALK_DONE,
	HERALD_WALK_ENTER,
	HERALD_WALK_EXIT
} herald_walk_event;

/* A walker lives where its user puts it (on the stack, usually), so its
 * size is part of the ABI: the reserved tail, which herald_walker_init()
 * clears and only libherald uses, lets a later walker keep more state
 * without changing it.  Read node and event; write nothing. */
typedef struct herald_walker {
	herald_node *root;
	herald_node *node;
	herald_walk_event event;
	void *reserved[4];
} herald_walker;

void herald_walker_init(herald_walker *walker, herald_node *root);
/* Advance; returns the event for walker->node, HERALD_WALK_DONE at the end. */
herald_walk_event herald_walker_next(herald_walker *walker);

#ifdef __cplusplus
}
#endif
#endif
