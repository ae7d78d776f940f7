/* doc.c - the document model: typed nodes in one arena per document. */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/doc.h>
#include <herald/diag.h>
#include <herald/text.h>
#include <herald/walk.h>

#include "arena.h"
#include "doc_ids.h"
#include "doc_input.h"

/* What only block nodes carry.  Inline nodes (TEXT, EMPH, LINEBREAK,
 * SENTENCE) are most of a document's nodes and carry none of it, so
 * they are allocated without it: every getter reads it through
 * extra_of(), every setter writes it only for the types it allows, all
 * of which have it. */
typedef struct node_extra {
	const char *title;     /* ITEM, QUOTE; TURN: its printed label */
	const char *speaker;   /* TURN, ITEM, QUOTE */
	const char *url;       /* LINK */
	const char *lang;      /* ITEM, when not the document's */
	const char **tags;     /* ITEM, PARAGRAPH */
	unsigned long list_start;     /* LIST */
	herald_item_kind kind;
	herald_speaker_role role;
	herald_list_type list_type;   /* LIST */
	unsigned level;               /* HEADING */
	unsigned ntags, tags_cap;
} node_extra;

/* Every node starts with what every node has.  The rest depends on its
 * type, and a node is allocated with only what its type uses (a large
 * document has millions of nodes, most of them TEXT, and walking them
 * is bound by memory):
 *
 *   TEXT                 text_node:   the header and its bytes (56 bytes)
 *   LINEBREAK            the header alone (48 bytes)
 *   SENTENCE, EMPH       branch_node: children and id (72 bytes)
 *   every other type     block_node:  a branch_node and node_extra
 *
 * packed end to end in the document's node arena (8-byte aligned).
 * Only the accessors below look past the header, each after checking
 * the type. */
struct herald_node {
	herald_node_type type;
	uint32_t text_len;     /* TEXT: its length, or LONG_TEXT */
	herald_node *parent, *next, *prev;
	herald_doc *doc;
	uint32_t line, column; /* or FAR_POSITION in line */
};

/* A position whose line or column does not fit in 32 bits is kept in
 * the document's table of far positions (only a text of 4 GiB has
 * one). */
#ifdef HERALD_DOC_FAR_POSITION
#define FAR_POSITION HERALD_DOC_FAR_POSITION  /* tests/unit/test_doc_long */
#else
#define FAR_POSITION UINT32_MAX
#endif

/* A TEXT whose length does not fit in the header's 32 bits keeps it in
 * the document's list of long texts (each is 4 GiB of memory, so the
 * list holds a handful at most). */
#ifdef HERALD_DOC_LONG_TEXT
#define LONG_TEXT HERALD_DOC_LONG_TEXT    /* tests/unit/test_doc_long */
#else
#define LONG_TEXT UINT32_MAX
#endif

typedef struct text_node {
	herald_node n;
	const char *text;      /* its bytes, which a NUL follows */
} text_node;

typedef struct branch_node {
	herald_node n;
	herald_node *first, *last;
	const char *id;        /* NULL until given; see "ids" below */
} branch_node;

typedef struct block_node {
	branch_node b;
	node_extra x;
} block_node;

static int may_have_children(herald_node_type t)
{
	return t != HERALD_NODE_TEXT && t != HERALD_NODE_LINEBREAK;
}

static int has_extra(herald_node_type t)
{
	return t != HERALD_NODE_TEXT && t != HERALD_NODE_EMPH &&
	       t != HERALD_NODE_LINEBREAK && t != HERALD_NODE_SENTENCE;
}

static size_t node_size(herald_node_type t)
{
	if (t == HERALD_NODE_TEXT)
		return sizeof(text_node);
	if (t == HERALD_NODE_LINEBREAK)
		return sizeof(herald_node);
	return has_extra(t) ? sizeof(block_node) : sizeof(branch_node);
}

/* A node that may have children (may_have_children), seen as one. */
static branch_node *branch(const herald_node *node)
{
	return (branch_node *)node;
}

/* A TEXT, seen as one. */
static text_node *text_of(const herald_node *node)
{
	return (text_node *)node;
}

/* The values an inline node's getters give. */
static const node_extra no_extra = {
	.list_type = HERALD_LIST_BULLET, .list_start = 1, .level = 1
};

static const node_extra *extra_of(const herald_node *node)
{
	return has_extra(node->type) ? &((block_node *)node)->x : &no_extra;
}

/* The node_extra of a node whose type has one (has_extra). */
static node_extra *x_of(herald_node *node)
{
	return &((block_node *)node)->x;
}

/* A free metadata field.  value NULL marks one removed: removal leaves a
 * hole, closed in one pass by the next positional access (or when the
 * array is full), so that removing costs O(1) and the survivors keep
 * their order. */
typedef struct doc_field {
	const char *key, *value;
} doc_field;

/* Free fields: an array in insertion order and an open-addressing index
 * (key hash -> slot + 1, 0 = empty) so that setting n fields costs O(n)
 * however many there are (front matter is untrusted input). */
typedef struct doc_fields {
	doc_field *list;
	size_t count, cap;     /* entries in list, holes included */
	size_t live;           /* entries that are not holes */
	size_t *index;
	size_t index_cap;      /* a power of two, or 0 */
} doc_fields;

/* The ids a reader set and those of nodes that left the tree, which the
 * numbering must not give again ("ids" below): an open-addressing set of
 * arena strings, at most half full. */
typedef struct id_set {
	const char **slots;
	size_t count, cap;     /* cap: a power of two, or 0 */
} id_set;

/* A navigation link (herald_doc_add_link); strings in the arena. */
typedef struct doc_link {
	const char *rel, *url, *label;
} doc_link;

/* The stages of the pipeline that made a document: plugin names and
 * versions, copied into the arena; the array itself is malloc'd. */
typedef struct doc_stage {
	const char *name, *version;
} doc_stage;

typedef struct doc_stages {
	doc_stage *list;
	size_t count, cap;
} doc_stages;

/* The lengths of TEXTs too long for their header (LONG_TEXT). */
typedef struct long_text {
	const herald_node *node;
	size_t len;
} long_text;

typedef struct long_texts {
	long_text *list;
	size_t count, cap;
} long_texts;
/* A text the document keeps (herald_doc_keep_text), malloc'd; the list's
 * links are in the arena. */
typedef struct kept_text {
	char *text;
	size_t len;
	struct kept_text *next;
} kept_text;

/* Far positions (FAR_POSITION): open addressing on the node's address,
 * at most half full. */
typedef struct far_position {
	const herald_node *node;
	unsigned long line, column;
} far_position;

typedef struct far_positions {
	far_position *slots;
	size_t count, cap;     /* cap: a power of two, or 0 */
} far_positions;

struct herald_doc {
	doc_arena arena;       /* strings and the rest */
	doc_arena nodes;       /* nodes only, packed: a walk reads them */
	herald_node *root;
	const char *meta[HERALD_META_COUNT];
	doc_fields fields;
	id_set ids;            /* ids set, and those of removed nodes */
	int ids_pending;       /* a node without an id joined the tree */
	size_t ids_missing;    /* nodes with a parent that should have an id
	                        * and have none: 0, nothing to number */
	int has_sentences;     /* a SENTENCE node was ever made */
	doc_link *links;       /* in the arena, grown by doubling */
	size_t nlinks, links_cap;
	doc_stages stages;     /* the pipeline that made it (its own section) */
	long_texts long_texts; /* see LONG_TEXT */
	kept_text *kept;       /* texts that TEXT nodes may point into */
	unsigned char *input;  /* the reader's input, while it reads */
	far_positions far;     /* see FAR_POSITION */
};

herald_doc *herald_doc_new(void)
{
	herald_doc *doc = calloc(1, sizeof(*doc));
	if (!doc)
		return NULL;
	arena_init(&doc->arena);
	arena_init(&doc->nodes);
	doc->root = herald_node_new(doc, HERALD_NODE_DOCUMENT);
	if (!doc->root) {
		free(doc);
		return NULL;
	}
	return doc;
}

void herald_doc_free(herald_doc *doc)
{
	if (!doc)
		return;
	for (kept_text *k = doc->kept; k; k = k->next)
		free(k->text);
	free(doc->input);
	arena_release(&doc->arena);
	arena_release(&doc->nodes);
	free(doc->fields.list);
	free(doc->fields.index);
	free(doc->ids.slots);
	free(doc->stages.list);
	free(doc->long_texts.list);
	free(doc->far.slots);
	free(doc);
}

herald_node *herald_doc_root(const herald_doc *doc)
{
	return doc->root;
}

static const char *const meta_names[HERALD_META_COUNT] = {
	"date", "title", "source", "language", "identifier",
	"url", "author", "time", "layout", "dateline"
};

const char *herald_meta_name(herald_meta key)
{
	return (unsigned)key < HERALD_META_COUNT ? meta_names[key] : NULL;
}

const char *herald_doc_meta(const herald_doc *doc, herald_meta key)
{
	return (unsigned)key < HERALD_META_COUNT ? doc->meta[key] : NULL;
}

/* --- navigation links ------------------------------------------------ */

static int link_part_ok(const char *s, int may_be_empty)
{
	return s && (may_be_empty || *s) && herald_utf8_is_valid(s, strlen(s));
}

int herald_doc_add_link(herald_doc *doc, const char *rel, const char *url,
                        const char *label)
{
	if (!link_part_ok(rel, 0) || !link_part_ok(url, 0) ||
	    !link_part_ok(label ? label : "", 1))
		return HERALD_EUSAGE;
	if (doc->nlinks == doc->links_cap) {
		size_t cap = doc->links_cap ? 2 * doc->links_cap : 4;
		doc_link *grown = arena_alloc(&doc->arena, cap * sizeof(*grown));
		if (!grown)
			return HERALD_ENOMEM;
		if (doc->nlinks)
			memcpy(grown, doc->links, doc->nlinks * sizeof(*grown));
		doc->links = grown;
		doc->links_cap = cap;
	}
	doc_link *l = &doc->links[doc->nlinks];
	l->rel = arena_strndup(&doc->arena, rel, strlen(rel));
	l->url = arena_strndup(&doc->arena, url, strlen(url));
	l->label = arena_strndup(&doc->arena, label ? label : "",
	                         label ? strlen(label) : 0);
	if (!l->rel || !l->url || !l->label)
		return HERALD_ENOMEM;
	doc->nlinks++;
	return HERALD_OK;
}

size_t herald_doc_link_count(const herald_doc *doc)
{
	return doc->nlinks;
}

const char *herald_doc_link_rel(const herald_doc *doc, size_t i)
{
	return i < doc->nlinks ? doc->links[i].rel : NULL;
}

const char *herald_doc_link_url(const herald_doc *doc, size_t i)
{
	return i < doc->nlinks ? doc->links[i].url : NULL;
}

const char *herald_doc_link_label(const herald_doc *doc, size_t i)
{
	return i < doc->nlinks ? doc->links[i].label : NULL;
}

long herald_doc_find_link(const herald_doc *doc, const char *rel)
{
	for (size_t i = 0; i < doc->nlinks; i++)
		if (strcmp(doc->links[i].rel, rel) == 0)
			return (long)i;
	return -1;
}

const char *herald_doc_strndup(herald_doc *doc, const char *s, size_t len)
{
	return arena_strndup(&doc->arena, s, len);
}

/* Copy s (or NULL) into the arena; *slot keeps the copy.  Text that is
 * not valid UTF-8 is refused here, once for every setter, so that no
 * writer ever meets it.  A failure leaves *slot unchanged. */
static int store_string(herald_doc *doc, const char **slot, const char *s)
{
	if (!s) {
		*slot = NULL;
		return HERALD_OK;
	}
	if (!herald_utf8_is_valid(s, strlen(s)))
		return HERALD_EUSAGE;
	const char *copy = herald_doc_strndup(doc, s, strlen(s));
	if (!copy)
		return HERALD_ENOMEM;
	*slot = copy;
	return HERALD_OK;
}

/* --- dates -------------------------------------------------------------- */

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

static int two_digits(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int herald_date_is_valid(const char *s)
{
	static const int month_days[] = { 31, 29, 31, 30, 31, 30,
	                                  31, 31, 30, 31, 30, 31 };
	size_t n = s ? strlen(s) : 0;
	int year, month, day;

	if ((n != 4 && n != 7 && n != 10) || !digits(s, 4))
		return 0;
	year = atoi(s);
	if (year == 0)
		return 0;                 /* there is no year 0000 */
	if (n == 4)
		return 1;
	if (s[4] != '-' || !digits(s + 5, 2))
		return 0;
	month = two_digits(s + 5);
	if (month < 1 || month > 12)
		return 0;
	if (n == 7)
		return 1;
	if (s[7] != '-' || !digits(s + 8, 2))
		return 0;
	day = two_digits(s + 8);
	if (day < 1 || day > month_days[month - 1])
		return 0;
	if (month == 2 && day == 29)
		return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return 1;
}

const char *herald_doc_source_name(const herald_doc *doc)
{
	const char *source = herald_doc_meta(doc, HERALD_META_SOURCE);
	if (!source || strcmp(source, "-") == 0)
		return NULL;
	const char *slash = strrchr(source, '/');
	source = slash ? slash + 1 : source;
	return *source ? source : NULL;
}

int herald_doc_title_is_its_item(const herald_doc *doc)
{
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);
	const herald_node *item = NULL;
	if (!title)
		return 0;
	for (const herald_node *n = herald_node_first_child(doc->root); n;
	     n = herald_node_next(n))
		if (herald_node_type_of(n) == HERALD_NODE_ITEM) {
			if (item)
				return 0;   /* (two items: the title is the bulletin's) */
			item = n;
		}
	return item && herald_node_title(item) &&
	       strcmp(herald_node_title(item), title) == 0;
}

int herald_doc_title_is_dateline(const herald_doc *doc)
{
	const char *title = herald_doc_meta(doc, HERALD_META_TITLE);
	const char *dateline = herald_doc_meta(doc, HERALD_META_DATELINE);
	return title && dateline && strcmp(title, dateline) == 0;
}

int herald_doc_set_meta(herald_doc *doc, herald_meta key, const char *value)
{
	if ((unsigned)key >= HERALD_META_COUNT)
		return HERALD_EUSAGE;
	return store_string(doc, &doc->meta[key], value);
}

/* --- free fields --------------------------------------------------------- */

static size_t field_hash(const char *key)
{
	size_t h = 14695981039346656037u & SIZE_MAX;      /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * (1099511628211u & SIZE_MAX);
	return h;
}

/* The index slot that holds key, or the empty slot where it would go. */
static size_t *field_slot(const doc_fields *f, const char *key)
{
	size_t mask = f->index_cap - 1;
	for (size_t i = field_hash(key) & mask;; i = (i + 1) & mask) {
		size_t *slot = &f->index[i];
		if (*slot == 0 || strcmp(f->list[*slot - 1].key, key) == 0)
			return slot;
	}
}

/* Rebuild the index for the live entries, in a table of cap slots. */
static int fields_reindex(doc_fields *f, size_t cap)
{
	size_t *index = calloc(cap, sizeof(*index));
	if (!index)
		return HERALD_ENOMEM;
	free(f->index);
	f->index = index;
	f->index_cap = cap;
	for (size_t i = 0; i < f->count; i++)
		if (f->list[i].value)
			*field_slot(f, f->list[i].key) = i + 1;
	return HERALD_OK;
}

/* Close the holes removals left, keeping the order; one pass. */
static int fields_compact(doc_fields *f)
{
	size_t out = 0;
	if (f->live == f->count)
		return HERALD_OK;
	for (size_t i = 0; i < f->count; i++)
		if (f->list[i].value)
			f->list[out++] = f->list[i];
	f->count = out;
	return fields_reindex(f, f->index_cap);
}

static doc_field *field_find(const herald_doc *doc, const char *key)
{
	const doc_fields *f = &doc->fields;
	if (!key || f->index_cap == 0)
		return NULL;
	size_t at = *field_slot(f, key);
	return at && f->list[at - 1].value ? &f->list[at - 1] : NULL;
}

int herald_doc_set_field(herald_doc *doc, const char *key, const char *value)
{
	doc_fields *f = &doc->fields;
	doc_field *have;
	const char *copy = NULL;

	if (!key || !*key || !herald_utf8_is_valid(key, strlen(key)))
		return HERALD_EUSAGE;
	if (value && !herald_utf8_is_valid(value, strlen(value)))
		return HERALD_EUSAGE;
	have = field_find(doc, key);
	if (!value) {
		/* the index keeps pointing at the hole, so the probe chains
		 * through it stay whole; setting the key again repoints it */
		if (have) {
			have->value = NULL;
			f->live--;
		}
		return HERALD_OK;
	}
	if (store_string(doc, &copy, value) != HERALD_OK)
		return HERALD_ENOMEM;
	if (have) {
		have->value = copy;
		return HERALD_OK;
	}
	if (f->count == f->cap) {
		int rc = fields_compact(f);
		if (rc)
			return rc;
	}
	if (f->count == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 8;
		doc_field *grown = realloc(f->list, cap * sizeof(*grown));
		if (!grown)
			return HERALD_ENOMEM;
		f->list = grown;
		f->cap = cap;
	}
	/* the index stays at most half full */
	if (2 * (f->count + 1) > f->index_cap &&
	    fields_reindex(f, f->index_cap ? 2 * f->index_cap : 16) != HERALD_OK)
		return HERALD_ENOMEM;
	const char *kcopy = herald_doc_strndup(doc, key, strlen(key));
	if (!kcopy)
		return HERALD_ENOMEM;
	f->list[f->count].key = kcopy;
	f->list[f->count].value = copy;
	f->count++;
	f->live++;
	*field_slot(f, kcopy) = f->count;
	return HERALD_OK;
}

const char *herald_doc_field(const herald_doc *doc, const char *key)
{
	const doc_field *have = field_find(doc, key);
	return have ? have->value : NULL;
}

size_t herald_doc_field_count(const herald_doc *doc)
{
	return doc->fields.live;
}

/* The i-th live entry.  Positional access closes the holes first (the
 * getters are const to callers, the compaction changes no visible
 * state); if that fails for memory, the list is scanned instead. */
static const doc_field *field_at(const herald_doc *doc, size_t i)
{
	doc_fields *f = (doc_fields *)&doc->fields;
	if (i >= f->live)
		return NULL;
	if (fields_compact(f) == HERALD_OK)
		return &f->list[i];
	for (size_t k = 0; k < f->count; k++)
		if (f->list[k].value && i-- == 0)
			return &f->list[k];
	return NULL;
}

const char *herald_doc_field_key(const herald_doc *doc, size_t i)
{
	const doc_field *e = field_at(doc, i);
	return e ? e->key : NULL;
}

const char *herald_doc_field_value(const herald_doc *doc, size_t i)
{
	const doc_field *e = field_at(doc, i);
	return e ? e->value : NULL;
}

/* The fields readers fill with printed lines (doc.h), and where. */
static const struct {
	const char *key;
	herald_field_place place;
} printed_fields[] = {
	{ "release", HERALD_FIELD_HEAD },   { "dateline", HERALD_FIELD_HEAD },
	{ "byline", HERALD_FIELD_HEAD },    { "place", HERALD_FIELD_HEAD },
	{ "contents", HERALD_FIELD_HEAD },  { "end", HERALD_FIELD_FOOT },
	{ "end_time", HERALD_FIELD_FOOT },  { "signature", HERALD_FIELD_FOOT },
	{ "contact", HERALD_FIELD_FOOT },   { "notes", HERALD_FIELD_FOOT },
	{ "caption", HERALD_FIELD_FOOT },
};

/* What a "dateline" field holds besides the DATELINE (the first of the
 * lines the reader joined with " / "), or NULL when it holds no more. */
static const char *other_datelines(const herald_doc *doc, const char *value)
{
	const char *shown = herald_doc_meta(doc, HERALD_META_DATELINE);
	size_t n = shown ? strlen(shown) : 0;

	if (n == 0 || strncmp(value, shown, n) != 0)
		return value;
	if (value[n] == '\0')
		return NULL;
	return strncmp(value + n, " / ", 3) == 0 ? value + n + 3 : value;
}

herald_field_place herald_doc_field_place(const herald_doc *doc, size_t i,
                                          const char **shown)
{
	const doc_field *e = field_at(doc, i);
	herald_field_place place = HERALD_FIELD_METADATA;
	const char *text = NULL;

	for (size_t k = 0; e && k < sizeof printed_fields /
	                            sizeof printed_fields[0]; k++)
		if (strcmp(e->key, printed_fields[k].key) == 0) {
			place = printed_fields[k].place;
			text = strcmp(e->key, "dateline") == 0
			       ? other_datelines(doc, e->value) : e->value;
			break;
		}
	if (text != NULL && *text == '\0')
		text = NULL;
	if (shown != NULL)
		*shown = text;
	return place;
}

/* --- nodes --------------------------------------------------------------- */

herald_node *herald_node_new(herald_doc *doc, herald_node_type type)
{
	if ((unsigned)type > HERALD_NODE_LIST_ITEM)
		return NULL;
	herald_node *n = arena_alloc_packed(&doc->nodes, node_size(type));
	if (!n)
		return NULL;
	n->type = type;
	n->doc = doc;
	if (type == HERALD_NODE_SENTENCE)
		doc->has_sentences = 1;
	if (has_extra(type))
		*x_of(n) = no_extra;
	return n;
}

herald_node *herald_node_new_text(herald_doc *doc, const char *s, size_t len)
{
	herald_node *n = herald_node_new(doc, HERALD_NODE_TEXT);
	if (n && herald_node_set_text(n, s, len) != HERALD_OK)
		return NULL;
	return n;
}

int herald_doc_keep_text(herald_doc *doc, char *text, size_t len)
{
	kept_text *k = arena_alloc(&doc->arena, sizeof(*k));
	if (!k)
		return HERALD_ENOMEM;
	*k = (kept_text){ text, len, doc->kept };
	doc->kept = k;
	return HERALD_OK;
}

herald_node_type herald_node_type_of(const herald_node *node)
{
	return node->type;
}

static const char *const type_names[] = {
	"document", "item", "quote", "paragraph", "turn",
	"sentence", "text", "emph", "link", "linebreak",
	"heading", "list", "list_item"
};

const char *herald_node_type_name(herald_node_type type)
{
	return (unsigned)type <= HERALD_NODE_LIST_ITEM ? type_names[type] : "?";
}

herald_doc *herald_node_doc(const herald_node *node) { return node->doc; }
herald_node *herald_node_parent(const herald_node *node) { return node->parent; }

herald_node *herald_node_first_child(const herald_node *node)
{
	return may_have_children(node->type) ? branch(node)->first : NULL;
}

herald_node *herald_node_last_child(const herald_node *node)
{
	return may_have_children(node->type) ? branch(node)->last : NULL;
}

herald_node *herald_node_next(const herald_node *node) { return node->next; }
herald_node *herald_node_prev(const herald_node *node) { return node->prev; }

static int is_inline(herald_node_type t)
{
	return t == HERALD_NODE_TEXT || t == HERALD_NODE_EMPH ||
	       t == HERALD_NODE_LINK || t == HERALD_NODE_LINEBREAK;
}

/* The containment rules of THE TREE in doc.h. */
static int may_contain(herald_node_type parent, herald_node_type child)
{
	switch (parent) {
	case HERALD_NODE_DOCUMENT:
		return child == HERALD_NODE_QUOTE || child == HERALD_NODE_ITEM ||
		       child == HERALD_NODE_PARAGRAPH || child == HERALD_NODE_LIST ||
		       child == HERALD_NODE_HEADING;
	case HERALD_NODE_ITEM:
		return child == HERALD_NODE_PARAGRAPH || child == HERALD_NODE_TURN ||
		       child == HERALD_NODE_QUOTE || child == HERALD_NODE_LIST ||
		       child == HERALD_NODE_HEADING;
	case HERALD_NODE_QUOTE:
		return child == HERALD_NODE_PARAGRAPH;
	case HERALD_NODE_LIST:
		return child == HERALD_NODE_LIST_ITEM;
	case HERALD_NODE_LIST_ITEM:
		return child == HERALD_NODE_PARAGRAPH || child == HERALD_NODE_LIST;
	case HERALD_NODE_PARAGRAPH:
	case HERALD_NODE_TURN:
		return child == HERALD_NODE_SENTENCE || is_inline(child);
	case HERALD_NODE_HEADING:
	case HERALD_NODE_SENTENCE:
	case HERALD_NODE_EMPH:
	case HERALD_NODE_LINK:
		return is_inline(child);
	default:
		return 0;
	}
}

/* A node may not be placed inside itself.  A node without children can
 * only be an ancestor of itself, which keeps building a deep tree one
 * node at a time linear instead of walking up at every step. */
static int is_ancestor(const herald_node *maybe, const herald_node *node)
{
	if (!herald_node_first_child(maybe))
		return maybe == node;
	for (; node; node = node->parent)
		if (node == maybe)
			return 1;
	return 0;
}

/* A node joins or leaves the tree: see "ids" below. */
static void note_linked(herald_node *node);
static void note_unlinked(herald_node *node);

static int check_link(const herald_node *parent, const herald_node *child)
{
	if (!parent || !child || parent->doc != child->doc ||
	    !may_contain(parent->type, child->type) || is_ancestor(child, parent))
		return HERALD_EUSAGE;
	return HERALD_OK;
}

void herald_node_unlink(herald_node *node)
{
	herald_node *p = node->parent;
	if (node->prev)
		node->prev->next = node->next;
	else if (p)
		branch(p)->first = node->next;
	if (node->next)
		node->next->prev = node->prev;
	else if (p)
		branch(p)->last = node->prev;
	if (p)
		note_unlinked(node);
	node->parent = node->next = node->prev = NULL;
}

int herald_node_append_child(herald_node *parent, herald_node *child)
{
	int rc = check_link(parent, child);
	if (rc)
		return rc;
	herald_node_unlink(child);
	branch_node *p = branch(parent);
	child->parent = parent;
	child->prev = p->last;
	if (p->last)
		p->last->next = child;
	else
		p->first = child;
	p->last = child;
	note_linked(child);
	return HERALD_OK;
}

int herald_node_insert_before(herald_node *sibling, herald_node *node)
{
	if (!sibling || !sibling->parent || node == sibling)
		return HERALD_EUSAGE;
	int rc = check_link(sibling->parent, node);
	if (rc)
		return rc;
	herald_node_unlink(node);
	node->parent = sibling->parent;
	node->next = sibling;
	node->prev = sibling->prev;
	if (sibling->prev)
		sibling->prev->next = node;
	else
		branch(sibling->parent)->first = node;
	sibling->prev = node;
	note_linked(node);
	return HERALD_OK;
}

/* The slot of node in the table, or the empty one where it would go. */
static far_position *far_slot(const far_positions *far,
                              const herald_node *node)
{
	size_t mask = far->cap - 1;
	size_t i = ((uintptr_t)node / sizeof(void *)) * 0x9E3779B97F4A7C15u;
	for (i = (i ^ i >> 29) & mask;; i = (i + 1) & mask)
		if (!far->slots[i].node || far->slots[i].node == node)
			return &far->slots[i];
}

/* Room for one more far position, the table staying at most half full. */
static int far_reserve(far_positions *far)
{
	if (2 * (far->count + 1) <= far->cap)
		return HERALD_OK;
	size_t cap = far->cap ? 2 * far->cap : 64;
	far_positions grown = { calloc(cap, sizeof(*grown.slots)),
	                        far->count, cap };
	if (!grown.slots)
		return HERALD_ENOMEM;
	for (size_t i = 0; i < far->cap; i++)
		if (far->slots[i].node)
			*far_slot(&grown, far->slots[i].node) = far->slots[i];
	free(far->slots);
	*far = grown;
	return HERALD_OK;
}

static const far_position *far_of(const herald_node *node)
{
	return far_slot(&node->doc->far, node);
}

unsigned long herald_node_line(const herald_node *node)
{
	return node->line == FAR_POSITION ? far_of(node)->line : node->line;
}

unsigned long herald_node_column(const herald_node *node)
{
	return node->line == FAR_POSITION ? far_of(node)->column
	                                  : node->column;
}

/* A far position goes in the table; without the memory for it, the
 * position is unknown (0, 0) rather than wrong. */
void herald_node_set_position(herald_node *node, unsigned long line,
                              unsigned long column)
{
	if (line < FAR_POSITION && column < FAR_POSITION) {
		node->line = (uint32_t)line;
		node->column = (uint32_t)column;
		return;
	}
	far_positions *far = &node->doc->far;
	if (node->line != FAR_POSITION && far_reserve(far) != HERALD_OK) {
		node->line = node->column = 0;
		return;
	}
	far_position *slot = far_slot(far, node);
	if (!slot->node) {
		slot->node = node;
		far->count++;
	}
	slot->line = line;
	slot->column = column;
	node->line = FAR_POSITION;
	node->column = 0;
}

/* --- attributes ---------------------------------------------------------- */

const char *herald_node_text(const herald_node *node)
{
	return node->type == HERALD_NODE_TEXT ? text_of(node)->text : NULL;
}

static long_text *find_long_text(const long_texts *lt, const herald_node *node)
{
	for (size_t i = 0; i < lt->count; i++)
		if (lt->list[i].node == node)
			return &lt->list[i];
	return NULL;
}

/* Room in doc's list for n more long texts. */
static int reserve_long_texts(herald_doc *doc, size_t n)
{
	long_texts *lt = &doc->long_texts;
	if (lt->cap - lt->count >= n)
		return HERALD_OK;
	size_t cap = 2 * lt->cap + n;
	long_text *grown = realloc(lt->list, cap * sizeof(*grown));
	if (!grown)
		return HERALD_ENOMEM;
	lt->list = grown;
	lt->cap = cap;
	return HERALD_OK;
}

/* A TEXT's length, from its header or the list of long texts: the
 * list has room for it (reserve_long_texts) when it is long. */
static void set_text_length(herald_node *node, size_t len)
{
	if (len < LONG_TEXT) {
		node->text_len = (uint32_t)len;
		return;
	}
	long_texts *lt = &node->doc->long_texts;
	long_text *e = find_long_text(lt, node);
	if (!e) {
		e = &lt->list[lt->count++];
		e->node = node;
	}
	e->len = len;
	node->text_len = LONG_TEXT;
}

static size_t text_length(const herald_node *node)
{
	if (node->text_len != LONG_TEXT)
		return node->text_len;
	return find_long_text(&node->doc->long_texts, node)->len;
}

/* A copy of s[0, len], valid UTF-8, as node's text. */
static int copy_text(herald_node *node, const char *s, size_t len)
{
	if (len >= LONG_TEXT && reserve_long_texts(node->doc, 1) != HERALD_OK)
		return HERALD_ENOMEM;
	const char *copy = arena_strndup(&node->doc->arena, s ? s : "", len);
	if (!copy)
		return HERALD_ENOMEM;
	text_of(node)->text = copy;
	set_text_length(node, len);
	return HERALD_OK;
}

int herald_node_set_text(herald_node *node, const char *s, size_t len)
{
	if (node->type != HERALD_NODE_TEXT || (!s && len))
		return HERALD_EUSAGE;
	if (s && !herald_utf8_is_valid(s, len))
		return HERALD_EUSAGE;
	return copy_text(node, s, len);
}

/* The kept text that s[0, len] lies in, writable (the document's own);
 * addresses compared as numbers, s being any caller's pointer. */
static char *kept_at(const herald_doc *doc, const char *s, size_t len)
{
	uintptr_t at = (uintptr_t)s;
	for (const kept_text *k = doc->kept; k; k = k->next) {
		uintptr_t start = (uintptr_t)k->text;
		if (at >= start && at - start <= k->len &&
		    len <= k->len - (at - start))
			return k->text + (at - start);
	}
	return NULL;
}

herald_node *herald_node_new_text_in(herald_doc *doc, const char *s,
                                     size_t len)
{
	char *t = kept_at(doc, s, len);
	/* a kept text is valid UTF-8: a piece cut at boundaries is too */
	if (!t || ((unsigned char)t[0] & 0xC0) == 0x80 ||
	    ((unsigned char)t[len] & 0xC0) == 0x80)
		return NULL;
	if (len >= LONG_TEXT && reserve_long_texts(doc, 1) != HERALD_OK)
		return NULL;
	herald_node *n = herald_node_new(doc, HERALD_NODE_TEXT);
	if (!n)
		return NULL;
	t[len] = '\0';
	text_of(n)->text = t;
	set_text_length(n, len);
	return n;
}

/* The length is kept in the node, not before the bytes, so that a cut
 * (herald_node_cut_text) can leave pieces in the storage they share. */
size_t herald_node_text_length(const herald_node *node)
{
	if (node->type != HERALD_NODE_TEXT || !text_of(node)->text)
		return 0;
	return text_length(node);
}

void doc_hold_input(herald_doc *doc, unsigned char *buffer)
{
	doc->input = buffer;
}

void doc_drop_input(herald_doc *doc)
{
	free(doc->input);
	doc->input = NULL;
}

unsigned char *herald_doc_take_input(herald_doc *doc,
                                     const unsigned char *data)
{
	unsigned char *buffer = doc->input;
	if (!buffer || buffer != data)
		return NULL;
	doc->input = NULL;
	return buffer;
}

static int is_char_boundary(const char *s, size_t len, size_t at)
{
	return at == len || ((unsigned char)s[at] & 0xC0) != 0x80;
}

/* The NUL that ends the head goes where the run's first byte was: the
 * run is the one part copied, so no byte of the text is lost. */
int herald_node_cut_text(herald_node *node, size_t start, size_t end,
                         herald_node **head, herald_node **run)
{
	if (node->type != HERALD_NODE_TEXT || !text_of(node)->text ||
	    start >= end || !head || !run)
		return HERALD_EUSAGE;
	size_t len = text_length(node);
	char *t = (char *)text_of(node)->text;     /* the arena's own bytes */
	if (end > len || !is_char_boundary(t, len, start) ||
	    !is_char_boundary(t, len, end))
		return HERALD_EUSAGE;
	/* the head and the rest may be long; the run is set as any text */
	if (len >= LONG_TEXT && reserve_long_texts(node->doc, 3) != HERALD_OK)
		return HERALD_ENOMEM;
	herald_node *h = NULL;
	/* the run is whole characters of a valid text: copied unchecked */
	herald_node *r = herald_node_new(node->doc, HERALD_NODE_TEXT);
	if (!r || copy_text(r, t + start, end - start) != HERALD_OK)
		return HERALD_ENOMEM;
	if (start > 0) {
		h = herald_node_new(node->doc, HERALD_NODE_TEXT);
		if (!h)
			return HERALD_ENOMEM;
		text_of(h)->text = t;
		set_text_length(h, start);
		t[start] = '\0';
	}
	text_of(node)->text = t + end;
	set_text_length(node, len - end);
	*head = h;
	*run = r;
	return HERALD_OK;
}

const char *herald_node_title(const herald_node *node)
{
	/* A TURN keeps its printed label in the same slot (herald_node_label). */
	return node->type == HERALD_NODE_TURN ? NULL : extra_of(node)->title;
}

int herald_node_set_title(herald_node *node, const char *title)
{
	if (node->type != HERALD_NODE_ITEM && node->type != HERALD_NODE_QUOTE)
		return HERALD_EUSAGE;
	return store_string(node->doc, &x_of(node)->title, title);
}

int herald_node_has_tag(const herald_node *node, const char *tag)
{
	const node_extra *x = extra_of(node);
	for (size_t i = 0; i < x->ntags; i++)
		if (strcmp(x->tags[i], tag) == 0)
			return 1;
	return 0;
}

int herald_node_add_tag(herald_node *node, const char *tag)
{
	if ((node->type != HERALD_NODE_ITEM &&
	     node->type != HERALD_NODE_PARAGRAPH) || !tag || !*tag ||
	    !herald_utf8_is_valid(tag, strlen(tag)))
		return HERALD_EUSAGE;
	if (herald_node_has_tag(node, tag))
		return HERALD_OK;
	node_extra *x = x_of(node);
	if (x->ntags == x->tags_cap) {
		size_t cap = x->tags_cap ? (size_t)x->tags_cap * 2 : 4;
		if (cap > UINT_MAX)
			return HERALD_ENOMEM;
		const char **grown =
			arena_alloc(&node->doc->arena, cap * sizeof(*grown));
		if (!grown)
			return HERALD_ENOMEM;
		if (x->ntags)
			memcpy(grown, x->tags, x->ntags * sizeof(*grown));
		x->tags = grown;
		x->tags_cap = (unsigned)cap;
	}
	int rc = store_string(node->doc, &x->tags[x->ntags], tag);
	if (rc == HERALD_OK)
		x->ntags++;
	return rc;
}

size_t herald_node_tag_count(const herald_node *node)
{
	return extra_of(node)->ntags;
}

const char *herald_node_tag(const herald_node *node, size_t i)
{
	const node_extra *x = extra_of(node);
	return i < x->ntags ? x->tags[i] : NULL;
}

herald_item_kind herald_node_item_kind(const herald_node *node)
{
	return extra_of(node)->kind;
}

void herald_node_set_item_kind(herald_node *node, herald_item_kind kind)
{
	if (node->type == HERALD_NODE_ITEM && (unsigned)kind <= HERALD_ITEM_SPEECH)
		x_of(node)->kind = kind;
}

const char *herald_item_kind_name(herald_item_kind kind)
{
	static const char *const names[] = {
		"news", "statement", "interview", "speech"
	};
	return (unsigned)kind <= HERALD_ITEM_SPEECH ? names[kind] : "?";
}

herald_speaker_role herald_node_role(const herald_node *node)
{
	return extra_of(node)->role;
}

void herald_node_set_role(herald_node *node, herald_speaker_role role)
{
	if (node->type == HERALD_NODE_TURN &&
	    (unsigned)role <= HERALD_SPEAKER_INTERVIEWEE)
		x_of(node)->role = role;
}

const char *herald_speaker_role_name(herald_speaker_role role)
{
	static const char *const names[] = {
		"unknown", "interviewer", "interviewee"
	};
	return (unsigned)role <= HERALD_SPEAKER_INTERVIEWEE ? names[role] : "?";
}

const char *herald_node_speaker(const herald_node *node)
{
	return extra_of(node)->speaker;
}

const char *herald_node_label(const herald_node *node)
{
	return node->type == HERALD_NODE_TURN ? extra_of(node)->title : NULL;
}

int herald_node_set_label(herald_node *node, const char *label)
{
	if (node->type != HERALD_NODE_TURN)
		return HERALD_EUSAGE;
	return store_string(node->doc, &x_of(node)->title, label);
}

int herald_node_set_speaker(herald_node *node, const char *name)
{
	if (node->type != HERALD_NODE_TURN && node->type != HERALD_NODE_ITEM &&
	    node->type != HERALD_NODE_QUOTE)
		return HERALD_EUSAGE;
	return store_string(node->doc, &x_of(node)->speaker, name);
}

const char *herald_node_url(const herald_node *node)
{
	return extra_of(node)->url;
}

int herald_node_set_url(herald_node *node, const char *url)
{
	if (node->type != HERALD_NODE_LINK)
		return HERALD_EUSAGE;
	return store_string(node->doc, &x_of(node)->url, url);
}

const char *herald_node_lang(const herald_node *node)
{
	return extra_of(node)->lang;
}

int herald_node_set_lang(herald_node *node, const char *tag)
{
	if (node->type != HERALD_NODE_ITEM || (tag && !*tag))
		return HERALD_EUSAGE;
	return store_string(node->doc, &x_of(node)->lang, tag);
}

herald_list_type herald_node_list_type(const herald_node *node)
{
	return extra_of(node)->list_type;
}

unsigned long herald_node_list_start(const herald_node *node)
{
	return extra_of(node)->list_start;
}

void herald_node_set_list(herald_node *node, herald_list_type type,
                          unsigned long start)
{
	if (node->type == HERALD_NODE_LIST &&
	    (unsigned)type <= HERALD_LIST_ORDERED) {
		x_of(node)->list_type = type;
		x_of(node)->list_start = start;
	}
}

unsigned herald_node_heading_level(const herald_node *node)
{
	return extra_of(node)->level;
}

void herald_node_set_heading_level(herald_node *node, unsigned level)
{
	if (node->type == HERALD_NODE_HEADING && level >= 1)
		x_of(node)->level = level;
}

/* --- ids -----------------------------------------------------------------
 * A node's id is given once and kept: by a reader that reads ids
 * (herald_node_set_id), else by the numbering below, which the pipeline
 * runs before each transform, and herald_node_id() whenever nodes
 * without one have joined the tree since.  It only gives
 * ids to nodes that have none, so removing or adding nodes renumbers
 * nothing.
 *
 * No id is given twice.  A numbered id is the parent's id, a dot and a
 * letter with a rank: it can only equal the id of a child of the same
 * parent, and a new child's rank comes after every current sibling's.
 * What else could hold it is in the document's set: ids a reader set,
 * and those of nodes that left the tree (unlinked or moved; their
 * descendants are out of reach with them).  So the set stays small, and
 * the numbering of a fresh document touches it not at all. */

/* The letter a node type contributes to ids; 0 for nodes without an id. */
static char id_letter(herald_node_type t)
{
	switch (t) {
	case HERALD_NODE_ITEM: return 'i';
	case HERALD_NODE_QUOTE: return 'q';
	case HERALD_NODE_PARAGRAPH: return 'p';
	case HERALD_NODE_TURN: return 't';
	case HERALD_NODE_SENTENCE: return 's';
	case HERALD_NODE_HEADING: return 'h';
	case HERALD_NODE_LIST: return 'l';
	case HERALD_NODE_LIST_ITEM: return 'e';
	default: return 0;
	}
}

/* A node's id; NULL for one without (all nodes that have one are
 * branch nodes). */
static const char *id_of(const herald_node *node)
{
	return id_letter(node->type) ? branch(node)->id : NULL;
}

static void note_linked(herald_node *node)
{
	if (id_letter(node->type) && !branch(node)->id) {
		node->doc->ids_pending = 1;
		node->doc->ids_missing++;
	}
}

/* node, which has a parent and should have an id, is given one. */
static void give_id(herald_node *node, const char *id)
{
	if (!branch(node)->id)
		node->doc->ids_missing--;
	branch(node)->id = id;
}

/* The slot that holds id, or the empty slot where it would go. */
static const char **id_slot(const id_set *set, const char *id)
{
	size_t mask = set->cap - 1;
	for (size_t i = field_hash(id) & mask;; i = (i + 1) & mask)
		if (!set->slots[i] || strcmp(set->slots[i], id) == 0)
			return &set->slots[i];
}

/* Room for one more id, the set staying at most half full. */
static int id_set_reserve(id_set *set)
{
	if (2 * (set->count + 1) <= set->cap)
		return HERALD_OK;
	size_t cap = set->cap ? 2 * set->cap : 64;
	id_set grown = { calloc(cap, sizeof(*grown.slots)), set->count, cap };
	if (!grown.slots)
		return HERALD_ENOMEM;
	for (size_t i = 0; i < set->cap; i++)
		if (set->slots[i])
			*id_slot(&grown, set->slots[i]) = set->slots[i];
	free(set->slots);
	*set = grown;
	return HERALD_OK;
}

/* Put id, a string of doc's arena, in its set. */
static int id_set_add(herald_doc *doc, const char *id)
{
	if (id_set_reserve(&doc->ids) != HERALD_OK)
		return HERALD_ENOMEM;
	const char **slot = id_slot(&doc->ids, id);
	if (!*slot) {
		*slot = id;
		doc->ids.count++;
	}
	return HERALD_OK;
}

/* A node with an id leaves the tree: its id stays taken.  Without the
 * memory to note it (the set only grows by doubling) the numbering
 * could give it again; nothing else is lost. */
static void note_unlinked(herald_node *node)
{
	const char *id = id_of(node);
	if (id)
		(void)id_set_add(node->doc, id);
	else if (id_letter(node->type))
		node->doc->ids_missing--;
}

int herald_doc_id_taken(const herald_doc *doc, const char *id)
{
	return id && doc->ids.cap && *id_slot(&doc->ids, id) != NULL;
}

static int is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* What every writer can print as it is: an XML name (TEI's xml:id) and
 * an HTML id, in ASCII. */
static int id_is_valid(const char *s)
{
	if (!s || !is_ascii_letter(*s))
		return 0;
	for (s++; *s; s++)
		if (!is_ascii_letter(*s) && !(*s >= '0' && *s <= '9') &&
		    *s != '.' && *s != '-')
			return 0;
	return 1;
}

int herald_node_set_id(herald_node *node, const char *id)
{
	if (!id_letter(node->type) || !id_is_valid(id))
		return HERALD_EUSAGE;
	if (id_set_reserve(&node->doc->ids) != HERALD_OK)
		return HERALD_ENOMEM;
	const char **slot = id_slot(&node->doc->ids, id);
	if (!*slot) {
		*slot = arena_strndup(&node->doc->arena, id, strlen(id));
		if (!*slot)
			return HERALD_ENOMEM;
		node->doc->ids.count++;
	}
	if (node->parent)
		give_id(node, *slot);
	else
		branch(node)->id = *slot;
	return HERALD_OK;
}

/* "p12": the letter, then the rank in decimal, NUL-terminated in buf
 * (room for 32); its length.  Written by hand: one id per node, and
 * snprintf cost more than all the rest of the numbering. */
static size_t id_part(char buf[32], char letter, unsigned long rank)
{
	char digits[24];
	size_t nd = 0;
	do {
		digits[nd++] = (char)('0' + rank % 10);
		rank /= 10;
	} while (rank);
	buf[0] = letter;
	for (size_t i = 0; i < nd; i++)
		buf[1 + i] = digits[nd - 1 - i];
	buf[1 + nd] = '\0';
	return 1 + nd;
}

/* The rank id gives when it reads prefix, a dot (none after an empty
 * prefix), letter and a decimal number as the numbering writes them;
 * 0 for any other id. */
static unsigned long rank_in(const char *id, const char *prefix, size_t plen,
                             char letter)
{
	unsigned long n = 0;
	if (plen) {
		if (strncmp(id, prefix, plen) != 0 || id[plen] != '.')
			return 0;
		id += plen + 1;
	}
	if (*id++ != letter || *id < '1' || *id > '9')
		return 0;
	for (; *id; id++) {
		if (*id < '0' || *id > '9' || n > (ULONG_MAX - 9) / 10)
			return 0;
		n = n * 10 + (unsigned long)(*id - '0');
	}
	return n;
}

/* The id prefix.letterRANK in the arena, for the first rank from *rank
 * up whose id is not in the set (each taken one costs one probe: ranks
 * only grow under a parent); *rank is left at the rank used. */
static const char *new_id(herald_doc *doc, const char *prefix, size_t plen,
                          char letter, unsigned long *rank)
{
	char part[32];
	for (;; ++*rank) {
		size_t n = id_part(part, letter, *rank);
		char *id = arena_alloc_chars(&doc->arena, plen + n + 2);
		if (!id)
			return NULL;
		if (plen) {
			memcpy(id, prefix, plen);
			id[plen] = '.';
			memcpy(id + plen + 1, part, n + 1);
		} else {
			memcpy(id, part, n + 1);
		}
		if (!doc->ids.count || !herald_doc_id_taken(doc, id))
			return id;
	}
}

/* Whether a node of type t in doc may hold nodes with ids (THE TREE,
 * doc.h): headings and sentences hold inlines only, and text blocks
 * only sentences, so that the numbering need not look at the inlines,
 * which are most of a document's nodes. */
static int may_hold_ids(const herald_doc *doc, herald_node_type t)
{
	if (t == HERALD_NODE_PARAGRAPH || t == HERALD_NODE_TURN)
		return doc->has_sentences;
	return t != HERALD_NODE_SENTENCE && t != HERALD_NODE_HEADING &&
	       id_letter(t) != 0;
}

/* Give the children of parent that have no id one: of each type, the
 * ranks after the highest any current sibling of that type has (in a
 * new document, simply 1, 2, 3, ...).  *first is the first child that
 * may hold ids itself (NULL: none). */
static int number_children(herald_doc *doc, herald_node *parent,
                           herald_node **first)
{
	/* the highest rank of each type (of each letter), by type */
	unsigned long high[HERALD_NODE_LIST_ITEM + 1] = { 0 };
	const char *prefix = id_of(parent) ? id_of(parent) : "";
	size_t plen = strlen(prefix), missing = 0, have = 0;

	*first = NULL;
	for (herald_node *c = branch(parent)->first; c; c = c->next) {
		char letter = id_letter(c->type);
		if (!letter)
			continue;
		if (!*first && may_hold_ids(doc, c->type))
			*first = c;
		if (branch(c)->id)
			have++;
		else
			missing++;
	}
	/* Ranks are read only where old and new children meet: most parents
	 * numbered before have nothing new, new ones nothing old. */
	for (herald_node *c = branch(parent)->first; missing && have && c;
	     c = c->next) {
		char letter = id_letter(c->type);
		if (!letter || !branch(c)->id)
			continue;
		unsigned long rank = rank_in(branch(c)->id, prefix, plen, letter);
		if (rank > high[c->type])
			high[c->type] = rank;
	}
	for (herald_node *c = branch(parent)->first; missing && c; c = c->next) {
		char letter = id_letter(c->type);
		if (!letter || branch(c)->id)
			continue;
		unsigned long *rank = &high[c->type];
		++*rank;
		const char *id = new_id(doc, prefix, plen, letter, rank);
		if (!id)
			return HERALD_ENOMEM;
		give_id(c, id);
		missing--;
	}
	return HERALD_OK;
}

static herald_node *next_holding_ids(const herald_doc *doc, herald_node *n)
{
	while (n && !may_hold_ids(doc, n->type))
		n = n->next;
	return n;
}

/* One walk over the nodes that may hold ids, parents before children (a
 * child's id starts with its parent's), without recursion: linear, and
 * nested lists of any depth use no C stack. */
int doc_give_ids(herald_doc *doc)
{
	herald_node *root = doc->root, *n = root;
	int rc = HERALD_OK;

	if (!doc->ids_pending || !doc->ids_missing)
		return HERALD_OK;
	for (;;) {
		herald_node *next;
		rc = number_children(doc, n, &next);
		if (rc != HERALD_OK)
			break;
		while (!next && n != root) {
			next = next_holding_ids(doc, n->next);
			if (!next)
				n = n->parent;
		}
		if (!next)
			break;
		n = next;
	}
	if (rc == HERALD_OK)
		doc->ids_pending = 0;
	return rc;
}

int herald_node_give_ids(herald_node *parent)
{
	herald_node *first;

	if (!may_have_children(parent->type) ||
	    (parent != parent->doc->root && !id_of(parent)))
		return HERALD_OK;
	return number_children(parent->doc, parent, &first);
}

const char *herald_node_id(const herald_node *node)
{
	/* A failure (out of memory) leaves the nodes it did not reach
	 * without an id, and the next call tries again. */
	doc_give_ids(node->doc);
	const char *id = id_of(node);
	return id ? id : "";
}

/* --- text ---------------------------------------------------------------- */

char *herald_node_plain_text(const herald_node *node)
{
	return herald_node_collect_text(node, 0);
}

/* --- soft line breaks ------------------------------------------------------ */

/* The leaf next to n (after it when fwd, else before) in the run of
 * inlines of n's block; NULL at the block's edge. */
static const herald_node *adjacent_leaf(const herald_node *n, int fwd)
{
	while (!(fwd ? n->next : n->prev)) {
		n = n->parent;
		if (!n || !(is_inline(n->type) || n->type == HERALD_NODE_SENTENCE))
			return NULL;
	}
	n = fwd ? n->next : n->prev;
	while (herald_node_first_child(n))
		n = fwd ? branch(n)->first : branch(n)->last;
	return n;
}

/* The code point next to node's text in the block, 0 when there is none
 * (the block's edge, or a hard line break: a space is then harmless).
 * Empty texts and empty inlines are skipped. */
static uint32_t neighbour_char(const herald_node *node, int fwd)
{
	for (const herald_node *n = adjacent_leaf(node, fwd); n;
	     n = adjacent_leaf(n, fwd)) {
		uint32_t cp;
		if (n->type == HERALD_NODE_LINEBREAK)
			return 0;
		const char *s = herald_node_text(n);
		if (!s || !*s)
			continue;
		size_t len = herald_node_text_length(n);
		if (fwd)
			herald_utf8_next(s, len, &cp);
		else
			herald_utf8_prev(s, len, &cp);
		return cp;
	}
	return 0;
}

int herald_node_soft_break_is_space(const herald_node *node, size_t offset)
{
	const char *s = herald_node_text(node);
	uint32_t before, after;

	if (!s)
		return 1;
	size_t len = herald_node_text_length(node);
	if (offset >= len)
		return 1;
	if (offset > 0)
		herald_utf8_prev(s, offset, &before);
	else
		before = neighbour_char(node, 0);
	if (offset + 1 < len)
		herald_utf8_next(s + offset + 1, len - offset - 1, &after);
	else
		after = neighbour_char(node, 1);
	if (!before || !after)
		return 1;
	return herald_soft_break_is_space(before, after);
}

/* --- walking ------------------------------------------------------------- */

void herald_walker_init(herald_walker *walker, herald_node *root)
{
	memset(walker, 0, sizeof(*walker));
	walker->root = root;
	walker->node = NULL;
	walker->event = HERALD_WALK_DONE;
}

herald_walk_event herald_walker_next(herald_walker *w)
{
	herald_node *n = w->node;

	if (!n) {
		if (w->event != HERALD_WALK_DONE || !w->root)
			return HERALD_WALK_DONE;  /* finished before */
		w->node = w->root;
		return w->event = HERALD_WALK_ENTER;
	}
	if (w->event == HERALD_WALK_ENTER && may_have_children(n->type)) {
		if (branch(n)->first) {
			w->node = branch(n)->first;
			return w->event = HERALD_WALK_ENTER;
		}
		return w->event = HERALD_WALK_EXIT;
	}
	if (n == w->root) {
		w->node = NULL;
		w->root = NULL;
		return w->event = HERALD_WALK_DONE;
	}
	if (n->next) {
		w->node = n->next;
		return w->event = HERALD_WALK_ENTER;
	}
	w->node = n->parent;
	return w->event = HERALD_WALK_EXIT;
}

/* --- the pipeline that made it ------------------------------------------ */

int herald_doc_add_stage(herald_doc *doc, const char *name,
                         const char *version)
{
	doc_stages *st = &doc->stages;
	doc_stage stage;
	int rc;

	if (!name || !*name)
		return HERALD_EUSAGE;
	rc = store_string(doc, &stage.name, name);
	if (rc == HERALD_OK)
		rc = store_string(doc, &stage.version, version);
	if (rc != HERALD_OK)
		return rc;
	if (st->count == st->cap) {
		size_t cap = st->cap ? 2 * st->cap : 4;
		doc_stage *grown = realloc(st->list, cap * sizeof(*grown));
		if (!grown)
			return HERALD_ENOMEM;
		st->list = grown;
		st->cap = cap;
	}
	st->list[st->count++] = stage;
	return HERALD_OK;
}

size_t herald_doc_stage_count(const herald_doc *doc)
{
	return doc->stages.count;
}

const char *herald_doc_stage_name(const herald_doc *doc, size_t i)
{
	return i < doc->stages.count ? doc->stages.list[i].name : NULL;
}

const char *herald_doc_stage_version(const herald_doc *doc, size_t i)
{
	return i < doc->stages.count ? doc->stages.list[i].version : NULL;
}
