/* doc.c - the document model: typed nodes in one arena per document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <herald/doc.h>
#include <herald/diag.h>

#include "arena.h"

struct herald_node {
	herald_node_type type;
	herald_doc *doc;
	herald_node *parent, *first, *last, *next, *prev;
	unsigned long line, column;
	const char *text;      /* TEXT */
	const char *title;     /* ITEM, QUOTE */
	const char *speaker;   /* TURN, ITEM, QUOTE */
	const char *url;       /* LINK */
	const char **tags;     /* ITEM */
	size_t ntags, tags_cap;
	herald_item_kind kind;
	herald_speaker_role role;
	const char *id;        /* cached; see herald_node_id() */
};

struct herald_doc {
	doc_arena arena;
	herald_node *root;
	const char *meta[HERALD_META_COUNT];
	int ids_stale;         /* the tree changed since ids were computed */
};

herald_doc *herald_doc_new(void)
{
	herald_doc *doc = calloc(1, sizeof(*doc));
	if (!doc)
		return NULL;
	arena_init(&doc->arena);
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
	arena_release(&doc->arena);
	free(doc);
}

herald_node *herald_doc_root(const herald_doc *doc)
{
	return doc->root;
}

static const char *const meta_names[HERALD_META_COUNT] = {
	"date", "title", "source", "language", "identifier", "url", "author",
	"time", "layout"
};

const char *herald_meta_name(herald_meta key)
{
	return (unsigned)key < HERALD_META_COUNT ? meta_names[key] : NULL;
}

const char *herald_doc_meta(const herald_doc *doc, herald_meta key)
{
	return (unsigned)key < HERALD_META_COUNT ? doc->meta[key] : NULL;
}

const char *herald_doc_strndup(herald_doc *doc, const char *s, size_t len)
{
	return arena_strndup(&doc->arena, s, len);
}

/* Copy s (or NULL) into the arena; *slot keeps the copy.  An allocation
 * failure leaves *slot unchanged. */
static int store_string(herald_doc *doc, const char **slot, const char *s)
{
	if (!s) {
		*slot = NULL;
		return HERALD_OK;
	}
	const char *copy = herald_doc_strndup(doc, s, strlen(s));
	if (!copy)
		return HERALD_ENOMEM;
	*slot = copy;
	return HERALD_OK;
}

int herald_doc_set_meta(herald_doc *doc, herald_meta key, const char *value)
{
	if ((unsigned)key >= HERALD_META_COUNT)
		return HERALD_EUSAGE;
	return store_string(doc, &doc->meta[key], value);
}

/* --- nodes --------------------------------------------------------------- */

herald_node *herald_node_new(herald_doc *doc, herald_node_type type)
{
	if ((unsigned)type > HERALD_NODE_LINEBREAK)
		return NULL;
	herald_node *n = arena_alloc(&doc->arena, sizeof(*n));
	if (!n)
		return NULL;
	n->type = type;
	n->doc = doc;
	return n;
}

herald_node *herald_node_new_text(herald_doc *doc, const char *s, size_t len)
{
	herald_node *n = herald_node_new(doc, HERALD_NODE_TEXT);
	if (n && herald_node_set_text(n, s, len) != HERALD_OK)
		return NULL;
	return n;
}

herald_node_type herald_node_type_of(const herald_node *node)
{
	return node->type;
}

static const char *const type_names[] = {
	"document", "item", "quote", "paragraph", "turn",
	"sentence", "text", "emph", "link", "linebreak"
};

const char *herald_node_type_name(herald_node_type type)
{
	return (unsigned)type <= HERALD_NODE_LINEBREAK ? type_names[type] : "?";
}

herald_doc *herald_node_doc(const herald_node *node) { return node->doc; }
herald_node *herald_node_parent(const herald_node *node) { return node->parent; }
herald_node *herald_node_first_child(const herald_node *node) { return node->first; }
herald_node *herald_node_last_child(const herald_node *node) { return node->last; }
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
		       child == HERALD_NODE_PARAGRAPH;
	case HERALD_NODE_ITEM:
		return child == HERALD_NODE_PARAGRAPH || child == HERALD_NODE_TURN ||
		       child == HERALD_NODE_QUOTE;
	case HERALD_NODE_QUOTE:
		return child == HERALD_NODE_PARAGRAPH;
	case HERALD_NODE_PARAGRAPH:
	case HERALD_NODE_TURN:
		return child == HERALD_NODE_SENTENCE || is_inline(child);
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
	if (!maybe->first)
		return maybe == node;
	for (; node; node = node->parent)
		if (node == maybe)
			return 1;
	return 0;
}

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
		p->first = node->next;
	if (node->next)
		node->next->prev = node->prev;
	else if (p)
		p->last = node->prev;
	node->parent = node->next = node->prev = NULL;
	node->doc->ids_stale = 1;
}

int herald_node_append_child(herald_node *parent, herald_node *child)
{
	int rc = check_link(parent, child);
	if (rc)
		return rc;
	herald_node_unlink(child);
	child->parent = parent;
	child->prev = parent->last;
	if (parent->last)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
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
		sibling->parent->first = node;
	sibling->prev = node;
	return HERALD_OK;
}

unsigned long herald_node_line(const herald_node *node) { return node->line; }
unsigned long herald_node_column(const herald_node *node) { return node->column; }

void herald_node_set_position(herald_node *node, unsigned long line,
                              unsigned long column)
{
	node->line = line;
	node->column = column;
}

/* --- attributes ---------------------------------------------------------- */

const char *herald_node_text(const herald_node *node)
{
	return node->type == HERALD_NODE_TEXT && node->text ? node->text : NULL;
}

int herald_node_set_text(herald_node *node, const char *s, size_t len)
{
	if (node->type != HERALD_NODE_TEXT || (!s && len))
		return HERALD_EUSAGE;
	if (s && memchr(s, '\0', len))
		return HERALD_EUSAGE;
	const char *copy = herald_doc_strndup(node->doc, s ? s : "", len);
	if (!copy)
		return HERALD_ENOMEM;
	node->text = copy;
	return HERALD_OK;
}

const char *herald_node_title(const herald_node *node)
{
	return node->title;
}

int herald_node_set_title(herald_node *node, const char *title)
{
	if (node->type != HERALD_NODE_ITEM && node->type != HERALD_NODE_QUOTE)
		return HERALD_EUSAGE;
	return store_string(node->doc, &node->title, title);
}

int herald_node_has_tag(const herald_node *node, const char *tag)
{
	for (size_t i = 0; i < node->ntags; i++)
		if (strcmp(node->tags[i], tag) == 0)
			return 1;
	return 0;
}

int herald_node_add_tag(herald_node *node, const char *tag)
{
	if (node->type != HERALD_NODE_ITEM || !tag || !*tag)
		return HERALD_EUSAGE;
	if (herald_node_has_tag(node, tag))
		return HERALD_OK;
	if (node->ntags == node->tags_cap) {
		size_t cap = node->tags_cap ? node->tags_cap * 2 : 4;
		const char **grown =
			arena_alloc(&node->doc->arena, cap * sizeof(*grown));
		if (!grown)
			return HERALD_ENOMEM;
		if (node->ntags)
			memcpy(grown, node->tags, node->ntags * sizeof(*grown));
		node->tags = grown;
		node->tags_cap = cap;
	}
	int rc = store_string(node->doc, &node->tags[node->ntags], tag);
	if (rc == HERALD_OK)
		node->ntags++;
	return rc;
}

size_t herald_node_tag_count(const herald_node *node)
{
	return node->ntags;
}

const char *herald_node_tag(const herald_node *node, size_t i)
{
	return i < node->ntags ? node->tags[i] : NULL;
}

herald_item_kind herald_node_item_kind(const herald_node *node)
{
	return node->kind;
}

void herald_node_set_item_kind(herald_node *node, herald_item_kind kind)
{
	if (node->type == HERALD_NODE_ITEM && (unsigned)kind <= HERALD_ITEM_SPEECH)
		node->kind = kind;
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
	return node->role;
}

void herald_node_set_role(herald_node *node, herald_speaker_role role)
{
	if (node->type == HERALD_NODE_TURN &&
	    (unsigned)role <= HERALD_SPEAKER_INTERVIEWEE)
		node->role = role;
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
	return node->speaker;
}

int herald_node_set_speaker(herald_node *node, const char *name)
{
	if (node->type != HERALD_NODE_TURN && node->type != HERALD_NODE_ITEM &&
	    node->type != HERALD_NODE_QUOTE)
		return HERALD_EUSAGE;
	return store_string(node->doc, &node->speaker, name);
}

const char *herald_node_url(const herald_node *node)
{
	return node->url;
}

int herald_node_set_url(herald_node *node, const char *url)
{
	if (node->type != HERALD_NODE_LINK)
		return HERALD_EUSAGE;
	return store_string(node->doc, &node->url, url);
}

/* --- ids ----------------------------------------------------------------- */

/* The letter a node type contributes to ids; 0 for nodes without an id. */
static char id_letter(herald_node_type t)
{
	switch (t) {
	case HERALD_NODE_ITEM: return 'i';
	case HERALD_NODE_QUOTE: return 'q';
	case HERALD_NODE_PARAGRAPH: return 'p';
	case HERALD_NODE_TURN: return 't';
	case HERALD_NODE_SENTENCE: return 's';
	default: return 0;
	}
}

/* Give every node below parent its id, counting ranks per letter.  One
 * pass over the tree, so ids cost linear time however often they are
 * asked for.  Returns -1 when out of memory. */
static int number_children(herald_doc *doc, herald_node *parent)
{
	unsigned long rank[5] = { 0 };
	static const char letters[] = "iqpts";
	const char *prefix = parent->id ? parent->id : "";

	for (herald_node *c = parent->first; c; c = c->next) {
		char letter = id_letter(c->type);
		c->id = "";
		if (!letter)
			continue;
		size_t k = (size_t)(strchr(letters, letter) - letters);
		char buf[32];
		int n = snprintf(buf, sizeof(buf), "%c%lu", letter, ++rank[k]);
		size_t plen = strlen(prefix);
		char *id = arena_alloc(&doc->arena, plen + (size_t)n + 2);
		if (!id)
			return -1;
		if (plen)
			sprintf(id, "%s.%s", prefix, buf);
		else
			memcpy(id, buf, (size_t)n + 1);
		c->id = id;
		if (number_children(doc, c) < 0)
			return -1;
	}
	return 0;
}

const char *herald_node_id(const herald_node *node)
{
	herald_doc *doc = node->doc;
	if (doc->ids_stale || !doc->root->id) {
		doc->root->id = "";
		if (number_children(doc, doc->root) < 0)
			return "";
		doc->ids_stale = 0;
	}
	/* A node outside the document's tree has no id. */
	const herald_node *top = node;
	while (top->parent)
		top = top->parent;
	if (top != doc->root || !node->id)
		return "";
	return node->id;
}

/* --- text ---------------------------------------------------------------- */

typedef struct {
	char *buf;
	size_t len, cap;
	int failed;
} growbuf;

static void grow_append(growbuf *g, const char *s, size_t n)
{
	if (g->failed)
		return;
	if (g->len + n + 1 > g->cap) {
		size_t cap = g->cap ? g->cap : 64;
		while (cap < g->len + n + 1)
			cap *= 2;
		char *b = realloc(g->buf, cap);
		if (!b) {
			g->failed = 1;
			return;
		}
		g->buf = b;
		g->cap = cap;
	}
	memcpy(g->buf + g->len, s, n);
	g->len += n;
	g->buf[g->len] = '\0';
}

char *herald_node_plain_text(const herald_node *node)
{
	growbuf g = { 0 };
	herald_walker w;
	grow_append(&g, "", 0);
	herald_walker_init(&w, (herald_node *)node);
	while (herald_walker_next(&w) != HERALD_WALK_DONE) {
		if (w.event != HERALD_WALK_ENTER)
			continue;
		if (w.node->type == HERALD_NODE_TEXT && w.node->text)
			grow_append(&g, w.node->text, strlen(w.node->text));
		else if (w.node->type == HERALD_NODE_LINEBREAK)
			grow_append(&g, "\n", 1);
	}
	if (g.failed) {
		free(g.buf);
		return NULL;
	}
	return g.buf;
}

/* --- walking ------------------------------------------------------------- */

static int may_have_children(herald_node_type t)
{
	return t != HERALD_NODE_TEXT && t != HERALD_NODE_LINEBREAK;
}

void herald_walker_init(herald_walker *walker, herald_node *root)
{
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
		if (n->first) {
			w->node = n->first;
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
